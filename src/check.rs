//! The pipeline: discover → load (parse) → graph → rules → configure →
//! suppress → filter to the requested paths → sort.

use std::path::PathBuf;
use std::time::Instant;

use crate::Fatal;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Project};
use crate::graph::Graph;
use crate::load;
use crate::model::Repository;
use crate::rules::{self, Context, registry};

/// What `check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Paths given on the command line (files or directories).
    pub paths: Vec<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--now` / `STRATLINT_NOW`.
    pub now: Option<Date>,
    /// `--no-history`.
    pub no_history: bool,
}

/// The result of a check, ready to render.
#[derive(Debug)]
pub struct Outcome {
    /// The project that was checked.
    pub project: Project,
    /// Everything that was loaded.
    pub repo: Repository,
    /// Each file's path as shown (relative to the current directory, `/` separators).
    pub display: Vec<String>,
    /// Diagnostics to report, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes about the run, for stderr.
    pub notes: Vec<String>,
    /// Wall time of the check in milliseconds.
    pub elapsed_ms: u128,
}

impl Outcome {
    /// Line and column (1-based, characters) of a byte offset in a file.
    pub fn position(&self, file: usize, offset: usize) -> crate::source::Position {
        self.repo.files[file].position(offset)
    }
}

/// Whether a code was run, so a suppression naming it could have fired.
fn rule_ran(project: &Project, pattern: &str) -> bool {
    registry::RULES
        .iter()
        .filter(|r| r.code.starts_with(pattern))
        .any(|r| {
            // The history rules (HL) are not run by this version.
            !r.code.starts_with("HL") && project.config.severity_of(r.code, r.severity).is_some()
        })
}

/// Runs a whole check.
pub fn run(opts: &CheckOptions) -> Result<Outcome, Fatal> {
    let started = Instant::now();
    for p in &opts.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Fatal::Usage(format!(
                "path `{}` does not exist",
                p.display()
            )));
        }
    }
    let project = discover::locate(&opts.paths, opts.config.as_deref())?;
    let loaded = load::load(&project)?;
    let repo = loaded.repo;
    let mut diagnostics = loaded.diagnostics;
    {
        let graph = Graph::new(&repo);
        let ctx = Context {
            repo: &repo,
            graph: &graph,
            config: &project.config,
            root: &project.root,
        };
        diagnostics.extend(rules::run(&ctx));
    }

    // A retired object is exempt from every rule but the SL ones.
    diagnostics.retain(|d| {
        d.code.starts_with("SL") || d.object_index.is_none_or(|i| repo.objects[i].is_active())
    });

    // Selection and severity.
    let config = &project.config;
    diagnostics.retain_mut(|d| {
        match config.severity_of(d.code, registry::default_severity(d.code)) {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });

    // Suppression, then SUP001 for what suppressed nothing.
    let line_of = |d: &Diagnostic| repo.files[d.file].position(d.span.start).line;
    let unused =
        rules::suppression::apply(&repo, &mut diagnostics, |p| rule_ran(&project, p), line_of);
    if let Some(sev) = config.severity_of("SUP001", registry::default_severity("SUP001")) {
        diagnostics.extend(unused.into_iter().map(|mut d| {
            d.severity = sev;
            d
        }));
    }

    // Only diagnostics located in the requested paths.
    let wanted: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(project.cwd.join(p)).ok())
        .filter(|p| *p != project.root)
        .collect();
    if !wanted.is_empty() {
        diagnostics.retain(|d| {
            let path = &repo.files[d.file].path;
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            wanted
                .iter()
                .any(|w| canonical.starts_with(w) || path.starts_with(w))
        });
    }

    let display: Vec<String> = repo
        .files
        .iter()
        .map(|f| discover::relative(&f.path, &project.cwd))
        .collect();
    let mut keyed: Vec<(String, usize, usize, Diagnostic)> = diagnostics
        .into_iter()
        .map(|d| {
            let pos = repo.files[d.file].position(d.span.start);
            (display[d.file].clone(), pos.line, pos.column, d)
        })
        .collect();
    keyed.sort_by(|a, b| {
        (
            a.0.as_bytes(),
            a.1,
            a.2,
            a.3.code,
            &a.3.object,
            &a.3.message,
            a.3.span.end,
        )
            .cmp(&(
                b.0.as_bytes(),
                b.1,
                b.2,
                b.3.code,
                &b.3.object,
                &b.3.message,
                b.3.span.end,
            ))
    });
    keyed.dedup_by(|a, b| a.3 == b.3);
    let diagnostics = keyed.into_iter().map(|k| k.3).collect();
    Ok(Outcome {
        project,
        repo,
        display,
        diagnostics,
        notes: loaded.notes,
        elapsed_ms: started.elapsed().as_millis(),
    })
}
