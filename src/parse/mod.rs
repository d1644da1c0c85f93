//! Parsing: each file once, into objects, tenets, links and suppressions
//! that keep the exact span of every key and value.

pub mod adr;
pub mod adr_name;
pub mod adr_status;
pub mod adr_table;
pub mod adr_yaml;
pub mod fields;
pub mod frontmatter;
pub mod markdown;
pub mod suppressions;
pub mod tenet;
pub mod toml_file;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{LineSuppression, Link, Object, Registry, Tenet};
use crate::schema::Code;
use crate::schema::KINDS;
use crate::schema::kinds::kind_names;
use crate::source::{FileId, SourceFile, Span};

/// Settings parsing needs from the config.
#[derive(Debug, Clone)]
pub struct ParseContext {
    /// Objective levels, top first.
    pub levels: Vec<String>,
    /// Lowercase headings whose list items are tenets.
    pub tenet_headings: Vec<String>,
    /// How each directory of adopted ADRs (`decisions.adr`) names its records.
    pub adr: Vec<AdrScheme>,
    /// `decisions.default_status`: the status of a record that states none.
    pub default_status: String,
    /// `decisions.statuses`: extra status phrases (lowercase) → status.
    pub statuses: BTreeMap<String, String>,
    /// `execution.themes`: the themes an initiative may name.
    pub themes: Vec<String>,
    /// `alignment.layers`: the layers a value or tenet may name, top first.
    pub layers: Vec<String>,
}

/// How one directory of adopted ADRs names its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrScheme {
    /// The id prefix (`ADR-`).
    pub prefix: String,
    /// `id = "name"`: ids are the prefix + the whole name, not the number.
    pub by_name: bool,
}

impl Default for ParseContext {
    fn default() -> Self {
        ParseContext {
            levels: vec!["company".into(), "department".into(), "team".into()],
            tenet_headings: vec!["tenets".into(), "decision tenets".into()],
            adr: vec![AdrScheme {
                prefix: "ADR-".into(),
                by_name: false,
            }],
            default_status: "accepted".into(),
            statuses: BTreeMap::new(),
            themes: crate::schema::kinds::DEFAULT_THEMES
                .iter()
                .map(|t| (*t).to_owned())
                .collect(),
            layers: crate::schema::kinds::DEFAULT_LAYERS
                .iter()
                .map(|t| (*t).to_owned())
                .collect(),
        }
    }
}

/// What one file contributed; object indices are local to the file.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    /// Whether the file is a strategy file (or the owners registry).
    pub strategy: bool,
    /// Objects, in position order.
    pub objects: Vec<Object>,
    /// Tenets.
    pub tenets: Vec<Tenet>,
    /// Relative links.
    pub links: Vec<Link>,
    /// Suppression comments.
    pub suppressions: Vec<LineSuppression>,
    /// Heading anchors, for Markdown strategy documents.
    pub slugs: Option<Vec<String>>,
    /// The owners registry, when this file is it.
    pub registry: Option<Registry>,
    /// Parse-time diagnostics (SL001–SL003, SL005, SL006).
    pub diagnostics: Vec<Diagnostic>,
}

/// An SL001 diagnostic.
pub fn sl001(file: FileId, span: Span, message: impl Into<String>) -> Diagnostic {
    let message = message.into();
    Diagnostic::new(Code::SL001, file, span, message.clone()).key(message)
}

/// SL002 for a kind name that is not known; `suggest` words the closest kind
/// as it would be written (`kind = "…"` or `[[…]]`).
pub fn unknown_kind(
    file: FileId,
    span: Span,
    name: &str,
    suggest: impl Fn(&str) -> String,
) -> Diagnostic {
    let help = crate::suggest::did_you_mean(name, KINDS.iter().map(|k| k.name))
        .map(|k| format!("did you mean {}?", suggest(k)))
        .unwrap_or_else(|| format!("kinds are {}", kind_names()));
    Diagnostic::new(
        Code::SL002,
        file,
        span,
        format!("`{name}` is not a known kind"),
    )
    .key(name.to_owned())
    .help(help)
}

/// SL001 for a TOML parse error, located at the error inside the file.
pub fn toml_error(src: &SourceFile, file: FileId, e: &toml::de::Error, shift: usize) -> Diagnostic {
    let span = e
        .span()
        .map_or(Span::new(shift, shift), |r| Span::from(r).shift(shift));
    let span = Span::new(src.clamp(span.start), src.clamp(span.end));
    let message = e.message().trim().trim_end_matches('.').to_owned();
    let first = message.lines().next().unwrap_or("invalid TOML").to_owned();
    sl001(file, span, format!("invalid TOML: {first}"))
}

/// Which files parsing treats specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A `.md` file.
    Markdown,
    /// A `.toml` file.
    Toml,
    /// The owners registry.
    Owners,
    /// An adopted ADR in the `decisions.adr` directory of this index.
    Adr(usize),
}

/// Decides a file's role from its path, or `None` when it is never strategy.
pub fn role(path: &Path, owners: &Path) -> Option<Role> {
    if path == owners {
        return Some(Role::Owners);
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("md") => Some(Role::Markdown),
        Some("toml") => Some(Role::Toml),
        _ => None,
    }
}

/// Parses one file. Invalid UTF-8 has already been reported by the loader.
pub fn parse_file(src: &SourceFile, file: FileId, role: Role, ctx: &ParseContext) -> ParsedFile {
    let mut out = ParsedFile::default();
    out.strategy = match role {
        Role::Markdown => markdown::parse(src, file, ctx, &mut out),
        Role::Toml => toml_file::parse_strategy(src, file, ctx, &mut out),
        Role::Owners => {
            toml_file::parse_owners(src, file, &mut out);
            true
        }
        Role::Adr(k) => {
            let fallback = AdrScheme {
                prefix: "ADR-".into(),
                by_name: false,
            };
            let scheme = ctx.adr.get(k).unwrap_or(&fallback);
            adr::parse(src, file, scheme, ctx, &mut out)
        }
    };
    out
}
