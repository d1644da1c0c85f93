//! What is reported of what the rules found: a retired object's
//! diagnostics dropped (unless its rule survives retirement), `select`,
//! `ignore` and `[lint.severity]` applied, suppressions applied, and SUP001
//! for suppressions that suppressed nothing.

use crate::diagnostic::Diagnostic;
use crate::facts::revalidation::{Revalidation, revalidation};
use crate::history::Timeline;
use crate::model::Repository;
use crate::project::config::Config;
use crate::rules::suppression;
use crate::schema::{Code, Need, RULES};

/// What decides whether a rule ran, for SUP001.
struct RunState<'a> {
    config: &'a Config,
    /// History is read (not `--no-history`).
    history_on: bool,
    /// An owners registry exists.
    registry: bool,
}

impl RunState<'_> {
    /// Whether a code matching `pattern` ran for an object whose age is
    /// (or is not) known, so a suppression naming it could have fired.
    fn ran(&self, pattern: &str, age_known: bool) -> bool {
        RULES.iter().filter(|r| r.code.matches(pattern)).any(|r| {
            let history = !r.code.needs(Need::History) || (self.history_on && age_known);
            let registry = !r.code.needs(Need::Registry) || self.registry;
            history && registry && self.config.severity_of(r.code).is_some()
        })
    }
}

/// Applies retirement, selection, severities and suppressions to what the
/// rules found in `repo`.
pub fn apply(
    config: &Config,
    repo: &Repository,
    mut diagnostics: Vec<Diagnostic>,
    timeline: &Timeline,
    history_on: bool,
) -> Vec<Diagnostic> {
    // A retired object is exempt from every rule but those that survive retirement.
    diagnostics.retain(|d| {
        d.code.rule().survives_retirement
            || d.object_index.is_none_or(|i| repo.objects[i].is_active())
    });

    // Selection and severity.
    diagnostics.retain_mut(|d| match config.severity_of(d.code) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });

    // Suppression, then SUP001 for what suppressed nothing.
    let line_of = |d: &Diagnostic| repo.files[d.file].position(d.span.start).line;
    let age_known = |object: Option<usize>| {
        object.is_none_or(|i| {
            !matches!(
                revalidation(timeline, &repo.objects[i]),
                Revalidation::Unknown(_)
            )
        })
    };
    let state = RunState {
        config,
        history_on,
        registry: repo.registry.is_some(),
    };
    let ran = |pattern: &str, object: Option<usize>| state.ran(pattern, age_known(object));
    let unused = suppression::apply(repo, &mut diagnostics, ran, line_of);
    if let Some(sev) = config.severity_of(Code::SUP001) {
        diagnostics.extend(unused.into_iter().map(|mut d| {
            d.severity = sev;
            d
        }));
    }
    diagnostics
}
