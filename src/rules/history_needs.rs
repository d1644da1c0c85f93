//! What the checks that read the timeline need git's history to date,
//! under a config: the one place that knows which rule asks for what, so
//! that dating ([`crate::analysis::dating`]) and history know no rule code.

use std::collections::BTreeSet;

use crate::model::{Kind, Object, Repository};
use crate::project::config::Config;
use crate::schema::Code;

/// The parts of history the rules on in a config read, beyond the dates
/// of the objects with a half-life (which the facts read whatever the
/// config: the map, the report and the hover show freshness).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryNeeds {
    /// Each active KPI's last measurement: the newest change of its
    /// `current` (KPI005, KPI008).
    pub measurements: bool,
    /// Each active KPI's `baseline` and `target` changes, and a
    /// guardrail's `min` and `max` (KPI004; KPI008 starts a period where
    /// the baseline and target were last set).
    pub goalposts: bool,
    /// Headcount inflections from the owners registry's history (HL003,
    /// with `inflections.headcount`).
    pub headcount: bool,
    /// Executive-turnover inflections from the owners registry's history
    /// (HL003, with `inflections.executives`).
    pub executives: bool,
}

impl HistoryNeeds {
    /// What the rules on under `config` need.
    pub fn of(config: &Config) -> HistoryNeeds {
        let on = |code: Code| config.severity_of(code).is_some();
        HistoryNeeds {
            measurements: on(Code::KPI005) || on(Code::KPI008),
            goalposts: on(Code::KPI004) || on(Code::KPI008),
            headcount: config.headcount && on(Code::HL003),
            executives: config.executives && on(Code::HL003),
        }
    }

    /// Whether the owners registry's history is read at all (for headcount
    /// or executive-turnover inflections).
    pub fn registry(&self) -> bool {
        self.headcount || self.executives
    }
}

/// The facets whose every change in the activity window the rules need
/// (SPEC §14, a KPI's measurements, which EXE005 reads): each active KPI's
/// `current` and `measured`, when the project has an initiative (a project
/// without one has no activity, and EXE005 nothing to judge). The walk
/// reads history past the window anyway for the linked commits then.
/// Nothing when EXE004 and EXE005 are off, unless `kpi_history` (the
/// report's values of each KPI by quarter, SPEC §12) asks for them.
pub fn series(config: &Config, repo: &Repository, kpi_history: bool) -> BTreeSet<String> {
    let initiatives = repo.objects.iter().any(|o| o.kind == Kind::Initiative);
    let on = [Code::EXE004, Code::EXE005]
        .iter()
        .any(|&c| config.severity_of(c).is_some());
    if !kpi_history && (!initiatives || !on) {
        return BTreeSet::new();
    }
    repo.objects
        .iter()
        .filter(|o| o.kind == Kind::Kpi && o.is_active())
        .filter_map(|o| o.id())
        .flat_map(|id| {
            [
                crate::history::texts::current_facet(id),
                crate::history::texts::facet(id, "measured"),
            ]
        })
        .collect()
}

/// The ids whose first appearance the rules need: every tenet with an id,
/// when DEC003 is on, an active one exists and a dated decision in force
/// cites none (it is spared when dated before the first of them was set;
/// an undated adopted record counts as dated: the same walk dates it); and
/// each open debt item with neither `since` nor `reviewed`, when DEBT002 is
/// on (it was registered on the first commit in which it exists); and each
/// initiative whose first signal counts from a start it does not write.
pub fn first_seen(config: &Config, repo: &Repository) -> BTreeSet<String> {
    let mut ids = tenets_first_seen(config, repo);
    ids.extend(debt_first_seen(config, repo));
    ids.extend(initiatives_first_seen(repo));
    ids
}

/// The initiatives whose start history gives: a `first_signal` written as
/// a duration counts from the start, which is `started`, else the first
/// commit in which the initiative exists (SPEC §14: an objective's activity
/// counts an initiative whose first signal is not after now).
fn initiatives_first_seen(repo: &Repository) -> BTreeSet<String> {
    repo.objects
        .iter()
        .filter(|o| {
            o.as_initiative().is_some_and(|d| {
                d.started.is_none()
                    && (matches!(
                        d.first_signal.as_ref().map(|s| &s.value),
                        Some(crate::model::Signal::After(_))
                    ) || !d.moves.is_empty())
            })
        })
        .filter_map(|o| o.id().map(str::to_owned))
        .collect()
}

/// The open debt items whose registration history gives, when DEBT002 is
/// on: those with neither `since` nor `reviewed`, registered on the first
/// commit in which they exist.
fn debt_first_seen(config: &Config, repo: &Repository) -> BTreeSet<String> {
    if config.severity_of(Code::DEBT002).is_none() {
        return BTreeSet::new();
    }
    repo.objects
        .iter()
        .filter(|o| o.is_active())
        .filter(|o| {
            o.as_debt()
                .is_some_and(|d| d.since.is_none() && d.reviewed.is_none())
        })
        .filter_map(|o| o.id().map(str::to_owned))
        .collect()
}

/// The tenets DEC003 needs the first appearance of (see [`first_seen`]).
fn tenets_first_seen(config: &Config, repo: &Repository) -> BTreeSet<String> {
    let tenet = |o: &&Object| o.kind == Kind::Tenet && o.id().is_some();
    let uncited = |o: &Object| {
        o.in_force()
            && o.tenet_citations().next().is_none()
            && o.as_decision()
                .is_some_and(|d| d.date.is_some() || d.dated_by_git.is_some())
    };
    let wanted = config.severity_of(Code::DEC003).is_some()
        && repo.objects.iter().filter(tenet).any(|o| o.is_active())
        && repo.objects.iter().any(|o| o.is_active() && uncited(o));
    if !wanted {
        return BTreeSet::new();
    }
    repo.objects
        .iter()
        .filter(tenet)
        .filter_map(|o| o.id().map(str::to_owned))
        .collect()
}

/// How far back (Unix time) the series of [`series`] are read: the start of
/// `execution.window` before `now`, or earlier when an active initiative
/// with `moves` started before it (EXE004 asks whether a KPI moved since the
/// start); to the beginning of history when one has no `started` date (it
/// started on the first commit in which it exists, which the same walk
/// finds). With `kpi_history`, at the latest the start of the third
/// quarter before now's (what the report's KPI history reads).
pub fn series_since(config: &Config, repo: &Repository, now: i64, kpi_history: bool) -> i64 {
    let mut window_start = now - config.execution.window * 86_400;
    if kpi_history {
        let day = crate::date::Date::from_unix(now);
        let first = crate::quarters::Quarter::last_four(day, config.quarter_start)[0].first;
        window_start = window_start.min(first.unix());
    }
    if config.severity_of(Code::EXE004).is_none() {
        return window_start;
    }
    repo.objects
        .iter()
        .filter_map(|o| o.as_initiative())
        .filter(|d| d.status() == "active" && !d.moves.is_empty())
        .map(|d| d.started.as_ref().map_or(i64::MIN, |s| s.value.unix()))
        .fold(window_start, i64::min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn needs(toml: &str) -> HistoryNeeds {
        let src = SourceFile::new(
            "stratlint.toml".into(),
            "stratlint.toml".into(),
            toml.into(),
        );
        HistoryNeeds::of(&crate::project::config::parse(&src, "stratlint.toml").unwrap())
    }

    #[test]
    fn what_history_reads_follows_the_rules_that_are_on() {
        let all = HistoryNeeds {
            measurements: true,
            goalposts: true,
            headcount: true,
            executives: true,
        };
        assert_eq!(needs(""), all);
        // KPI008 reads both the last measurement and the goalposts.
        assert!(needs("[lint]\nignore = [\"KPI005\", \"HL003\"]\n").measurements);
        assert_eq!(
            needs("[lint]\nignore = [\"KPI005\", \"KPI008\", \"HL003\"]\n"),
            HistoryNeeds {
                measurements: false,
                headcount: false,
                executives: false,
                ..all
            }
        );
        assert_eq!(
            needs("[lint]\nignore = [\"KPI004\", \"KPI008\"]\n[inflections]\nheadcount = false\n"),
            HistoryNeeds {
                goalposts: false,
                headcount: false,
                ..all
            }
        );
        // Either inflection keeps the registry's history read.
        let executives_only = needs("[inflections]\nheadcount = false\n");
        assert!(executives_only.registry() && executives_only.executives);
        let neither = needs("[inflections]\nheadcount = false\nexecutives = false\n");
        assert!(!neither.registry());
    }
}
