//! Definition, references, hover and rename over the last analysis's
//! model and graph.

use std::collections::HashMap;

use lsp_types::{Location, TextDocumentPositionParams, TextEdit, Url, WorkspaceEdit};

use super::text::{byte_offset, range, uri_of, within};
use crate::analysis::Analysis;
use crate::date::Date;
use crate::facts::freshness::percent;
use crate::source::Span;

/// The file at a document URI, and the byte offset of a position in it.
pub fn at(a: &Analysis, p: &TextDocumentPositionParams) -> Option<(usize, usize)> {
    let file = file_of(a, &p.text_document.uri)?;
    Some((file, byte_offset(&a.model.files[file].text, p.position)))
}

/// The index of the file at a document URI in the analysis's model.
pub fn file_of(a: &Analysis, uri: &Url) -> Option<usize> {
    // The project's root is canonical, so its files' paths are too.
    let path = super::canonical(uri.to_file_path().ok()?);
    a.model.files.iter().position(|f| f.path == path)
}

/// The object a position names: the target of a reference written
/// there, or the object whose id is written there.
fn named(a: &Analysis, p: &TextDocumentPositionParams) -> Option<usize> {
    let (file, at) = at(a, p)?;
    let inside = |s: Span| s.start <= at && at <= s.end;
    a.graph
        .edges()
        .iter()
        .find(|e| e.file == file && inside(e.span))
        .map(|e| e.to)
        .or_else(|| {
            a.model
                .objects
                .iter()
                .position(|o| o.file == file && o.id.as_ref().is_some_and(|id| inside(id.span)))
        })
}

/// Where an object is defined.
fn location(a: &Analysis, i: usize) -> Option<Location> {
    let o = &a.model.objects[i];
    let f = a.model.files.get(o.file)?;
    Some(Location {
        uri: uri_of(&f.path)?,
        range: range(f, o.anchor),
    })
}

/// Hover: the named object's kind, id, title, owner, progress, and for
/// what has a half-life its last revalidation and freshness.
pub fn hover(a: &Analysis, p: &TextDocumentPositionParams) -> Option<lsp_types::Hover> {
    let i = named(a, p)?;
    let o = &a.model.objects[i];
    let mut text = format!("**{}** `{}`", o.kind.name(), o.id().unwrap_or_default());
    if let Some(t) = &o.title {
        text.push_str(&format!(": {}", t.value));
    }
    if let Some(w) = &o.owner {
        text.push_str(&format!("\n\nowner: {}", w.value));
    }
    if let Some((_, layer)) = crate::alignment::Layers(&a.project.config.layers).of(o) {
        text.push_str(&format!("\n\nlayer: {}", layer.value));
    }
    if let Some(Some(progress)) = a.metrics.progress.get(i) {
        let implausible = o.as_kpi().is_some_and(crate::metrics::implausible);
        text.push_str(&format!(
            "\n\nprogress: {}",
            crate::metrics::shown(*progress, implausible)
        ));
    }
    // Age and freshness as the facts have them: as HL001 and the report write them.
    if let Some(aging) = a.facts.aging(i) {
        let hl = aging.half_life;
        let rv = &aging.revalidation;
        match (rv.time(), aging.age) {
            (Some(time), Some(age)) => {
                // At a shallow clone's boundary: revalidated at most then, so at least that old.
                let (bound, at_least) = if rv.exact() {
                    ("", "")
                } else {
                    ("at most ", "at least ")
                };
                let by = rv
                    .change()
                    .and_then(|c| c.commit.as_ref())
                    .map(|c| format!(" ({} {})", c.short, c.subject))
                    .unwrap_or_default();
                text.push_str(&format!(
                    "\n\nlast revalidated: {bound}{}{by}, {at_least}{} days ago\n\nfreshness: {} (half-life {hl} days)",
                    Date::from_unix(time),
                    age.days,
                    percent(age.freshness)
                ));
            }
            _ if a.timeline.git.is_none() && o.reviewed().is_none() => {
                text.push_str(&format!(
                    "\n\nlast revalidation: not known yet (history is being read); half-life {hl} days"
                ));
            }
            _ => text.push_str(&format!(
                "\n\nlast revalidation: unknown; half-life {hl} days"
            )),
        }
    }
    Some(lsp_types::Hover {
        contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
            kind: lsp_types::MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

/// Go to definition: the object a reference names, or an owner's entry
/// in the owners registry.
pub fn definition(a: &Analysis, p: &TextDocumentPositionParams) -> Option<Location> {
    if let Some(i) = named(a, p) {
        return location(a, i);
    }
    let (file, at) = at(a, p)?;
    let owner = a.model.objects.iter().find_map(|o| {
        let w = o.owner.as_ref()?;
        (o.file == file && w.span.start <= at && at <= w.span.end).then_some(w)
    })?;
    let registry = a.model.registry.as_ref()?;
    let id = crate::model::owner_id(&owner.value);
    let span = registry
        .people
        .get(id)
        .map(|p| p.span)
        .or_else(|| registry.teams.get(id).map(|t| t.span))?;
    let f = a.model.files.get(registry.file)?;
    Some(Location {
        uri: uri_of(&f.path)?,
        range: range(f, span),
    })
}

/// Find references: every place the object at the position is named
/// (and its definition, when asked).
pub fn references(
    a: &Analysis,
    p: &TextDocumentPositionParams,
    declaration: bool,
) -> Vec<Location> {
    let Some(i) = named(a, p) else {
        return Vec::new();
    };
    let mut out: Vec<Location> = declaration
        .then(|| location(a, i))
        .flatten()
        .into_iter()
        .collect();
    for e in a.graph.edges().iter().filter(|e| e.to == i) {
        if let Some(f) = a.model.files.get(e.file) {
            if let Some(uri) = uri_of(&f.path) {
                out.push(Location {
                    uri,
                    range: range(f, e.span),
                });
            }
        }
    }
    out
}

/// The id at a position that rename would change, and its range.
pub fn prepare_rename(a: &Analysis, p: &TextDocumentPositionParams) -> Option<lsp_types::Range> {
    let i = named(a, p)?;
    let (file, at) = at(a, p)?;
    let id = a.model.objects[i].id.as_ref()?;
    // The id as written under the cursor: the definition or a reference.
    let spans = std::iter::once((a.model.objects[i].file, id.span)).chain(
        a.graph
            .edges()
            .iter()
            .filter(|e| e.to == i)
            .map(|e| (e.file, e.span)),
    );
    spans
        .filter(|&(f, s)| f == file && s.start <= at && at <= s.end)
        .find_map(|(f, s)| {
            let text = &a.model.files[f].text;
            within(text, s, &id.value).map(|w| range(&a.model.files[f], w))
        })
}

/// Rename: the object at the position gets `new` as its id, and every
/// reference to it across the project follows, in one workspace edit.
pub fn rename(
    a: &Analysis,
    p: &TextDocumentPositionParams,
    new: &str,
) -> Result<Option<WorkspaceEdit>, String> {
    let Some(i) = named(a, p) else {
        return Ok(None);
    };
    let o = &a.model.objects[i];
    let Some(id) = o.id.as_ref() else {
        return Ok(None);
    };
    let new = new.trim();
    if new.is_empty()
        || new
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\'')
    {
        return Err(format!("`{new}` cannot be an id: no spaces or quotes"));
    }
    if new != id.value && a.graph.get(new).is_some() {
        return Err(format!("the id `{new}` is taken"));
    }
    let mut spans: Vec<(usize, Span)> = vec![(o.file, id.span)];
    spans.extend(
        a.graph
            .edges()
            .iter()
            .filter(|e| e.to == i)
            .map(|e| (e.file, e.span)),
    );
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for (n, (file, span)) in spans.into_iter().enumerate() {
        let f = &a.model.files[file];
        let Some(written) = within(&f.text, span, &id.value) else {
            if n == 0 {
                return Err(format!(
                    "the id `{}` is not written in the file (an adopted record takes it from its \
                     file name): rename the file instead",
                    id.value
                ));
            }
            continue;
        };
        let Some(uri) = uri_of(&f.path) else { continue };
        let edits = changes.entry(uri).or_default();
        let edit = TextEdit {
            range: range(f, written),
            new_text: new.to_owned(),
        };
        if !edits.contains(&edit) {
            edits.push(edit);
        }
    }
    for edits in changes.values_mut() {
        edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
    }
    Ok(Some(WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }))
}
