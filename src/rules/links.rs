//! LNK001: relative links (and images) in strategy documents that point to
//! a missing file or a heading anchor the target does not have.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::Link;
use crate::parse::frontmatter::{self, FrontMatter};
use crate::parse::markdown::read_body;
use crate::rules::Context;
use crate::schema::Code;
use crate::suggest::did_you_mean;

/// Runs LNK001.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut other_slugs: HashMap<PathBuf, Option<Vec<String>>> = HashMap::default();
    for link in &ctx.repo.links {
        if link
            .object
            .is_some_and(|o| !ctx.repo.objects[o].is_active())
        {
            continue;
        }
        if let Some(d) = judge(ctx, link, &mut other_slugs) {
            out.push(d);
        }
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return std::borrow::Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Joins `rel` onto `base` lexically, resolving `.` and `..`, never climbing
/// above `floor` when one is given (a root-relative `/…` link, like a web
/// server, cannot leave the root).
fn join(base: &Path, rel: &str, floor: Option<&Path>) -> PathBuf {
    let mut out = base.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::ParentDir if floor != Some(out.as_path()) => {
                out.pop();
            }
            Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    out
}

/// Whether `fragment` names one of the `slugs`. GitHub finds a heading
/// whatever the case of the fragment (`#INFO` jumps to `## Info`); only
/// the slug itself is lowercase.
fn has_heading(slugs: &[String], fragment: &str) -> bool {
    slugs.iter().any(|s| s == fragment) || slugs.contains(&fragment.to_lowercase())
}

fn slugs_of(ctx: &Context<'_>, path: &Path) -> Option<Vec<String>> {
    let text = ctx.files.read_text(path)?;
    let body = match frontmatter::split(&text) {
        FrontMatter::Toml { body, .. } => body,
        _ => 0,
    };
    Some(read_body(&text, body, &[]).slugs)
}

fn judge(
    ctx: &Context<'_>,
    link: &Link,
    other: &mut HashMap<PathBuf, Option<Vec<String>>>,
) -> Option<Diagnostic> {
    let dest = link.dest.trim();
    if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
        return None;
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or_default();
    let doc = &ctx.repo.files[link.file];
    let id = link.object.and_then(|o| ctx.repo.objects[o].id());
    let name = || id.map_or_else(|| doc.display.clone(), |i| format!("`{i}`"));
    // A heading of this document, when its headings are loaded: found
    // among them (the most common link, a table of contents).
    let own = ctx.repo.anchors.get(&link.file);
    if let (true, Some(own), Some(fragment)) = (path_part.is_empty(), own, fragment) {
        let fragment = percent_decode(fragment);
        if fragment.is_empty() || has_heading(&own.slugs, &fragment) {
            return None;
        }
    }
    let target = if path_part.is_empty() {
        doc.path.clone()
    } else if let Some(abs) = path_part.strip_prefix('/') {
        join(ctx.root, &percent_decode(abs), Some(ctx.root))
    } else {
        join(
            doc.path.parent().unwrap_or(ctx.root),
            &percent_decode(path_part),
            None,
        )
    };
    let make = |msg: String| {
        Diagnostic::new(Code::LNK001, link.file, link.span, msg)
            .object(id, link.object)
            .key(dest.to_owned())
    };
    // A file loaded is there (read, or an editor's buffer): asked of the
    // disk only when it is not one of them.
    let exists = ctx.repo.file_at(&target).is_some() || ctx.files.exists(&target);
    if !path_part.is_empty() && !exists {
        let dir = target.parent().map(Path::to_path_buf).unwrap_or_default();
        let wanted = target
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let siblings = ctx.files.names_in(&dir);
        let help = did_you_mean(&wanted, siblings.iter().map(String::as_str))
            .map(|s| format!("did you mean `{s}`?"));
        return Some(
            make(format!(
                "link in {} points to `{path_part}`, which does not exist",
                name()
            ))
            .maybe_help(help.or_else(|| {
                Some("fix the path (it is relative to this document) or remove the link".into())
            })),
        );
    }
    let fragment = percent_decode(fragment?);
    // Headings are read only inside the root: outside it, existence is all we check.
    let markdown = target.extension().and_then(|e| e.to_str()) == Some("md");
    if fragment.is_empty() || !markdown || !target.starts_with(ctx.root) {
        return None;
    }
    let slugs: Option<&Vec<String>> = match ctx
        .repo
        .file_at(&target)
        .and_then(|f| ctx.repo.anchors.get(&f))
    {
        Some(a) => Some(&a.slugs),
        None => other
            .entry(target.clone())
            .or_insert_with(|| slugs_of(ctx, &target))
            .as_ref(),
    };
    let slugs = slugs?;
    if has_heading(slugs, &fragment) {
        return None;
    }
    let help = did_you_mean(&fragment, slugs.iter().map(String::as_str))
        .map(|s| format!("did you mean `#{s}`?"))
        .unwrap_or_else(|| {
            "anchors are GitHub heading slugs: lowercase, spaces as `-`, punctuation dropped".into()
        });
    let where_ = if path_part.is_empty() {
        "this document".to_owned()
    } else {
        format!("`{path_part}`")
    };
    Some(
        make(format!(
            "link in {} points to `#{fragment}`, which is not a heading in {where_}",
            name()
        ))
        .help(help),
    )
}
