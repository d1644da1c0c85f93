//! `stratlint check`: an [`Analysis`] narrowed to the paths asked for, then
//! rendered in every `--format`. Renderers take an [`Outcome`] (the
//! diagnostics and what printing them needs), never the analysis: they
//! never judge, every decision about what to report was made before.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;
pub mod step_summary;

use std::path::{Path, PathBuf};

use crate::Fatal;
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{Position, SourceFile};

/// What a renderer prints: diagnostics and the files they point into.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'a> {
    /// The diagnostics to print, sorted.
    pub diagnostics: &'a [Diagnostic],
    /// Every loaded file (diagnostics point into them by index).
    pub files: &'a [SourceFile],
    /// How many objects were loaded (for the summary line).
    pub objects: usize,
    /// The project root.
    pub root: &'a Path,
    /// The current directory (paths are shown relative to it).
    pub cwd: &'a Path,
    /// The git work tree's top level, when there is one.
    pub git_top: Option<&'a Path>,
    /// Wall time of the check in milliseconds.
    pub elapsed_ms: u128,
    /// With `--changed-since`: how many diagnostics the merge base already had.
    pub known_before: Option<usize>,
}

impl<'a> Outcome<'a> {
    /// What to print of an analysis: `diagnostics` (the analysis's, or a
    /// selection of them).
    pub fn new(analysis: &'a Analysis, diagnostics: &'a [Diagnostic], elapsed_ms: u128) -> Self {
        Outcome {
            diagnostics,
            files: &analysis.model.files,
            objects: analysis.model.objects.len(),
            root: &analysis.project.root,
            cwd: &analysis.project.cwd,
            git_top: analysis.project.git_top.as_deref(),
            elapsed_ms,
            known_before: analysis.known_before,
        }
    }

    /// Line and column (1-based, characters) of a byte offset in a file.
    pub fn position(&self, file: usize, offset: usize) -> Position {
        self.files[file].position(offset)
    }

    /// A file's path as shown (relative to the current directory, `/` separators).
    pub fn display(&self, file: usize) -> &'a str {
        &self.files[file].display
    }
}

/// A warning when the paths given (the whole project when none is) hold
/// no strategy file at all: a mistyped path in CI should not pass
/// green unnoticed (SPEC §8).
pub fn nothing_in(analysis: &Analysis, paths: &[PathBuf], cwd: &Path) -> Option<String> {
    let files = &analysis.model.files;
    let holds = |w: &PathBuf| {
        files.iter().any(|f| {
            let canonical = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
            canonical.starts_with(w)
        })
    };
    // Without paths the whole project is checked, wherever it is run from.
    let empty = if paths.is_empty() {
        files.is_empty()
    } else {
        !paths
            .iter()
            .filter_map(|p| std::fs::canonicalize(cwd.join(p)).ok())
            .any(|w| holds(&w))
    };
    if !empty {
        return None;
    }
    let names: Vec<String> = if paths.is_empty() {
        vec!["`.`".to_owned()]
    } else {
        paths.iter().map(|p| format!("`{}`", p.display())).collect()
    };
    Some(format!(
        "no strategy file in {}: nothing was checked (a strategy file is Markdown with `+++` front \
         matter holding `kind`, or TOML with `[[kind]]` tables)",
        names.join(", ")
    ))
}

/// The diagnostics located in the paths given on the command line (all of
/// them when none, or only the root, is given). `cwd` is the directory
/// the paths are relative to. A path outside the project root is a usage
/// error.
pub fn in_paths(
    analysis: &Analysis,
    paths: &[PathBuf],
    cwd: &Path,
) -> Result<Vec<Diagnostic>, Fatal> {
    let root = &analysis.project.root;
    let wanted: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(cwd.join(p)).ok())
        .filter(|p| p != root)
        .collect();
    if let Some(outside) = wanted.iter().find(|w| !w.starts_with(root)) {
        return Err(Fatal::Usage(format!(
            "path `{}` is outside the project root `{}`",
            outside.display(),
            root.display()
        )));
    }
    let mut diagnostics = analysis.diagnostics.clone();
    if !wanted.is_empty() {
        diagnostics.retain(|d| {
            let path = &analysis.model.files[d.file].path;
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            wanted
                .iter()
                .any(|w| canonical.starts_with(w) || path.starts_with(w))
        });
    }
    Ok(diagnostics)
}

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each problem with the source lines around it, labelled, and how to fix it; then a summary line.
    Human,
    /// One line per diagnostic: `path:line:col: severity[CODE] message`.
    Concise,
    /// One JSON document (for scripts and dashboards).
    Json,
    /// One SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// Counts the diagnostics of an outcome.
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// `--statistics`: one line per code that fired, `count code name`, by
/// count (most first), then code; nothing else (as ruff prints it).
pub fn statistics(outcome: &Outcome<'_>) -> String {
    let mut counts: std::collections::BTreeMap<&'static str, (usize, &'static str)> =
        std::collections::BTreeMap::new();
    for d in outcome.diagnostics {
        counts
            .entry(d.code.as_str())
            .or_insert((0, d.code.rule().name))
            .0 += 1;
    }
    let mut rows: Vec<(usize, &str, &str)> = counts
        .into_iter()
        .map(|(code, (n, name))| (n, code, name))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let width = rows
        .iter()
        .map(|r| r.0.to_string().len())
        .max()
        .unwrap_or(1);
    rows.iter()
        .map(|(n, code, name)| format!("{n:>width$} {code:<6} {name}\n"))
        .collect()
}

/// `1 error`, `2 errors`: a count and an English noun.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The summary line of SPEC §9: `N errors, M warnings, I infos in K files
/// (J objects) in T ms`, with English plurals and the infos left out when
/// there are none; with `--changed-since`, how many the merge base already had.
pub fn summary(outcome: &Outcome<'_>) -> String {
    let c = Counts::of(outcome.diagnostics);
    let mut line = format!(
        "{}, {}",
        plural(c.errors, "error"),
        plural(c.warnings, "warning")
    );
    if c.infos > 0 {
        line.push_str(&format!(", {}", plural(c.infos, "info")));
    }
    line.push_str(&format!(
        " in {} ({}) in {} ms",
        plural(outcome.files.len(), "file"),
        plural(outcome.objects, "object"),
        outcome.elapsed_ms
    ));
    if let Some(n) = outcome.known_before {
        line.push_str(&format!("; {n} already at the merge base left out"));
    }
    line
}

/// How to render human output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use colour.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
    /// End with the summary line (the human format's last line; `--quiet`
    /// leaves it out).
    pub summary: bool,
}

/// Renders an outcome in a format.
pub fn render(outcome: &Outcome<'_>, format: Format, style: Style) -> String {
    match format {
        Format::Human => human::render(outcome, style),
        Format::Concise => concise::render(outcome),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// Percent-encodes a `/`-separated path for use in a URI: every byte but
/// the unreserved characters, the sub-delimiters, `@` and `/`. A `:` is
/// encoded too, so a relative reference never reads as a scheme.
pub fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+'
            | b',' | b';' | b'=' | b'@' | b'/' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
