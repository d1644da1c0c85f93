//! Rules: each a function over a [`Context`] that returns plain
//! [`Diagnostic`] data and never prints. [`CHECKS`] lists them with the
//! codes each may report; what a code needs, its severity and label are the
//! schema's ([`crate::schema::RULES`]). Selection, severity, retirement and
//! suppression are applied afterwards, once, by [`crate::analysis`].

pub mod history_needs;
pub mod scope;
pub mod suppression;

pub use scope::{Reuse, Scope};

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::facts::Facts;
use crate::graph::{self, Graph};
use crate::history::Timeline;
use crate::model::{Object, Repository};
use crate::project::config::Config;
use crate::schema::Code;
use crate::snapshot::Snapshot;
use crate::source::Span;

/// What every rule may read.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The loaded repository.
    pub repo: &'a Repository,
    /// Its edge index.
    pub graph: &'a Graph,
    /// The configuration.
    pub config: &'a Config,
    /// The project root.
    pub root: &'a Path,
    /// Files beyond the strategy files: the working tree or a commit's tree.
    pub files: &'a (dyn Snapshot + Sync),
    /// Now, as Unix seconds (`--now`, else the clock): known before history is.
    pub now: i64,
    /// What git's dates tell of each object ([`crate::facts`]): `None`
    /// while history is read (the model's checks), set by [`run_timed`]
    /// for the checks that read the timeline.
    pub facts: Option<&'a Facts>,
}

impl Context<'_> {
    /// Active objects with their indices.
    pub fn active(&self) -> impl Iterator<Item = (usize, &Object)> {
        self.repo
            .objects
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_active())
    }

    /// `kind `id`` for messages.
    pub fn name(&self, index: usize) -> String {
        graph::describe(&self.repo.objects[index])
    }

    /// For a diagnostic about a missing `field` of object `index`: when an
    /// unknown key of the object looks like it, a help line naming it.
    pub fn twin(&self, index: usize, field: &str) -> Option<String> {
        let o = &self.repo.objects[index];
        let key = o.misspelling_of(field)?;
        let line = self.repo.files[o.file].position(key.span.start).line;
        Some(crate::parse::fields::twin_help(key, line, field))
    }

    /// Starts a diagnostic about object `index`.
    pub fn about(&self, code: Code, index: usize, span: Span, msg: String) -> Diagnostic {
        let o = &self.repo.objects[index];
        Diagnostic::new(code, o.file, span, msg).object(o.id(), Some(index))
    }
}

/// How a check runs.
#[derive(Clone, Copy)]
pub enum Run {
    /// Over the model alone (runs while history is read).
    Model(fn(&Context<'_>, &mut Vec<Diagnostic>)),
    /// Over the model and the timeline git's history gave.
    Timed(fn(&Context<'_>, &Timeline, &mut Vec<Diagnostic>)),
}

/// One check: a rule, or a small family sharing one pass.
#[derive(Clone, Copy)]
pub struct Check {
    /// The module it lives in.
    pub name: &'static str,
    /// The codes it may report.
    pub codes: &'static [Code],
    /// The function.
    pub run: Run,
    /// What it reads, when only part of the model (see [`Scope`]).
    pub scope: Option<Scope>,
}

/// Declares each check's module and lists it in [`CHECKS`]: one line a
/// check (`module: Model|Timed [codes it may report];`, a model check
/// that reads only part of the model ending `reads SCOPE;`, a [`scope`]).
macro_rules! checks {
    ($($module:ident: $run:ident [$($code:ident),* $(,)?] $(reads $scope:ident)?;)*) => {
        $(pub mod $module;)*

        /// Every check, in the order they run. Parse-time codes (SL001–SL003,
        /// SL005, SL006) come from [`crate::parse`]; SUP001 from [`suppression`].
        pub const CHECKS: &[Check] = &[$(
            Check {
                name: stringify!($module),
                codes: &[$(Code::$code),*],
                run: Run::$run($module::check),
                scope: checks!(@scope $($scope)?),
            }
        ),*];
    };
    (@scope) => { None };
    (@scope $scope:ident) => { Some(scope::$scope) };
}

checks! {
    structure: Model [SL004];
    objectives: Model [OBJ001, OBJ002, OBJ003, OBJ004, OBJ005, OBJ006, SL006];
    ownership: Model [OWN001, OWN002, OWN003, OWN004, OBJ001];
    kpis: Model [KPI001, KPI002, SL006];
    kpi_guardrail: Model [KPI009];
    kpi_motion: Model [KPI003, KPI006, KPI007, KPI010, OBJ007];
    kpi_goalposts: Timed [KPI004];
    kpi_stale: Timed [KPI005];
    kpi_pace: Timed [KPI008];
    tenets: Model [TEN001, TEN002, TEN003, TEN004, TEN005] reads TENETS;
    tenet_usage: Model [TEN006, TEN007, TEN008, ALN003] reads TENET_USAGE;
    decisions: Model [DEC001, DEC002, DEC004, DEC005];
    decision_citations: Timed [DEC003];
    links: Model [LNK001] reads LINKS;
    half_life: Timed [HL001, HL002, HL003, HL004, HL005];
    initiatives: Model [EXE001, EXE002, EXE003];
    first_signal: Timed [EXE004];
    velocity: Timed [EXE005];
    portfolio: Timed [EXE006, EXE007];
    debt: Model [DEBT001];
    debt_unpaid: Timed [DEBT002];
    alignment: Model [ALN001, ALN002];
}

/// Whether a check could report anything under this config: a check whose
/// codes are all off is skipped.
fn wanted(check: &Check, config: &Config) -> bool {
    check.codes.iter().any(|&c| config.severity_of(c).is_some())
}

/// Runs `each` wanted check under `ctx`'s config, on rayon's threads with
/// `parallel`: what each found, by its place in [`CHECKS`] (nothing for a
/// check not run).
fn spread(
    ctx: &Context<'_>,
    parallel: bool,
    each: &(dyn Fn(usize, &Check, &mut Vec<Diagnostic>) + Sync),
) -> Vec<Vec<Diagnostic>> {
    use rayon::prelude::*;
    let one = |(i, c): (usize, &Check)| {
        let mut found = Vec::new();
        if wanted(c, ctx.config) {
            each(i, c, &mut found);
        }
        found
    };
    if parallel {
        CHECKS.par_iter().enumerate().map(one).collect()
    } else {
        CHECKS.iter().enumerate().map(one).collect()
    }
}

/// Runs every check that reads only the model, so these can run while
/// history is read. With `parallel` (no walk of history competing for the
/// cores: the language server's re-checks, `--no-history`), the checks
/// run on rayon's threads. A check whose findings `reuse` keeps (the
/// analysis before, see [`Reuse`]) is not run again. What each found comes
/// back by its place in [`CHECKS`] (in that order once flattened).
pub fn run(ctx: &Context<'_>, parallel: bool, reuse: Option<Reuse<'_>>) -> Vec<Vec<Diagnostic>> {
    spread(ctx, parallel, &|i, check, found| {
        if let Run::Model(f) = check.run {
            match reuse.and_then(|r| scope::kept(&r, i, check.scope.as_ref())) {
                Some(kept) => found.extend(kept.iter().cloned()),
                None => f(ctx, found),
            }
        }
    })
}

/// Runs every check that reads the timeline, with the `facts`, adding what
/// they find to `found` in [`CHECKS`] order (spread over rayon's threads
/// with `parallel`, as [`run`] does), then lets history explain OBJ001.
pub fn run_timed(
    ctx: &Context<'_>,
    timeline: &Timeline,
    facts: &Facts,
    found: &mut Vec<Diagnostic>,
    parallel: bool,
) {
    let ctx = Context {
        facts: Some(facts),
        ..*ctx
    };
    let timed = spread(&ctx, parallel, &|_, check, out| {
        if let Run::Timed(f) = check.run {
            f(&ctx, timeline, out);
        }
    });
    found.extend(timed.into_iter().flatten());
    objectives::explain_removed(&ctx, timeline, found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Need, RULES};

    #[test]
    fn every_code_has_a_source_and_history_rules_are_timed() {
        let parse_time = [
            Code::SL001,
            Code::SL002,
            Code::SL003,
            Code::SL005,
            Code::SL006,
        ];
        for r in RULES {
            let checks: Vec<&Check> = CHECKS
                .iter()
                .filter(|c| c.codes.contains(&r.code))
                .collect();
            assert!(
                !checks.is_empty() || parse_time.contains(&r.code) || r.code == Code::SUP001,
                "{} is reported by no check",
                r.code
            );
            for c in checks {
                let timed = matches!(c.run, Run::Timed(_));
                // A rule that needs history reads the timeline; one that reads it may
                // still run without history (KPI005 falls back to `measured`).
                if r.code.needs(Need::History) {
                    assert!(timed, "{} in {}", r.code, c.name);
                }
            }
        }
    }
}
