//! Facts: what an analysis knows about each object once git's dates are
//! known, computed once from the model, the config and the [`Timeline`],
//! and read alike by the rules (through [`crate::rules::Context`]) and by
//! every view (through `Analysis::facts`), so that a message, the map, the
//! report and the editor's hover never compute or round a fact two ways.
//!
//! - [`activity`]: the commits linked to each initiative, and the activity
//!   of initiatives and objectives in `execution.window` (SPEC §14);
//! - [`revalidation`]: an object's last revalidation (SPEC §5);
//! - [`freshness`]: its half-life, age and freshness, and the one way to
//!   write a freshness;
//! - [`served`]: what it serves that changed since (SPEC §5, HL004);
//! - [`measured`]: a KPI's last measurement (SPEC §5b, KPI005);
//! - [`goalposts`]: a KPI's moved baseline or target, or a guardrail's
//!   min or max (SPEC §5b, §15, KPI004);
//! - [`series`]: a KPI's measurements over the activity window (SPEC §14);
//! - [`registered`]: when a debt item was registered (SPEC §14, DEBT002);
//! - [`kpi_history`]: a KPI's values at the end of the last quarters
//!   (SPEC §12, the report), computed by the report when it asks.
//!
//! KPI progress needs no dates: [`crate::metrics`] computes it, once per
//! analysis, into `Analysis::metrics`.

pub mod activity;
pub mod freshness;
pub mod goalposts;
pub mod kept;
pub mod kpi_history;
pub mod measured;
pub mod registered;
pub mod revalidation;
pub mod series;
pub mod served;
pub mod signal;

pub use freshness::Aging;
pub use goalposts::Moved;
pub use measured::LastMeasured;
pub use revalidation::Revalidation;
pub use served::ServedChange;

use crate::graph::Graph;
use crate::history::Timeline;
use crate::model::{Kind, KpiData, Object, Repository};
use crate::project::config::Config;

/// The facts of every object, by its index in the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Each object's age, when it has a half-life.
    pub aging: Vec<Option<Aging>>,
    /// Each KPI's last measurement, when `measured` or history tells it.
    pub measured: Vec<Option<LastMeasured>>,
    /// Each KPI's moved goalpost not covered by `revised`, when history shows one.
    pub moved: Vec<Option<Moved>>,
    /// Each KPI's day its current baseline and target were set, when
    /// history shows it.
    pub set: Vec<Option<crate::date::Date>>,
    /// Each debt item's registration day, when known.
    pub registered: Vec<Option<crate::date::Date>>,
    /// Each initiative's linked commits and activity (with git's dates).
    pub activity: Vec<Option<activity::Activity>>,
    /// Each objective's activity in the window (with git's dates).
    pub objective_activity: Vec<Option<usize>>,
    /// Each KPI's measurements over the window (with git's dates, in a
    /// project with initiatives).
    pub series: Vec<Option<series::Series>>,
    /// Each initiative's first signal (with git's dates, when read).
    pub signals: Vec<Option<signal::FirstSignal>>,
}

impl Facts {
    /// Computes the facts of every object of `repo` (with its `graph`) at
    /// `timeline`'s now.
    pub fn compute(
        repo: &Repository,
        graph: &Graph,
        config: &Config,
        timeline: &Timeline,
    ) -> Facts {
        Facts::compute_reusing(repo, graph, config, timeline, None)
    }

    /// [`Facts::compute`], taking each object's facts from `kept` (the
    /// analysis before, see [`kept::Kept`]) where they still hold: when
    /// `repo` was spliced from its model, for the objects outside the
    /// files that changed (an age is computed again for an object that
    /// serves an id those files held or hold). The activity of initiatives
    /// and objectives, which sums over many objects, is always computed.
    pub fn compute_reusing(
        repo: &Repository,
        graph: &Graph,
        config: &Config,
        timeline: &Timeline,
        kept: Option<&kept::Kept>,
    ) -> Facts {
        fn kpi(o: &Object) -> Option<(&str, &KpiData)> {
            o.id()
                .filter(|_| o.kind == Kind::Kpi)
                .and_then(|id| Some((id, o.as_kpi()?)))
        }
        let window = config.execution.window;
        let initiatives = activity::initiatives(repo, timeline, window);
        let objective_activity = activity::objectives(repo, graph, timeline, window, &initiatives);
        // The facts kept and what the splice replaced, when they hold.
        let kept = kept
            .filter(|k| k.holds_for(repo, config, timeline))
            .zip(repo.spliced.as_ref());
        // Object `i`'s kept facts, unless the splice replaced it.
        let kept_of = |i: usize| kept.filter(|(_, s)| !s.replaced(i));
        let mut facts = Facts {
            activity: initiatives,
            objective_activity,
            ..Facts::default()
        };
        let n = repo.objects.len();
        facts.aging.reserve_exact(n);
        facts.measured.reserve_exact(n);
        facts.moved.reserve_exact(n);
        facts.set.reserve_exact(n);
        facts.series.reserve_exact(n);
        facts.registered.reserve_exact(n);
        facts.signals.reserve_exact(n);
        for (i, o) in repo.objects.iter().enumerate() {
            let from = kept_of(i);
            // An age reads what the object serves: not kept when it serves
            // an id the changed files held or hold.
            match from.filter(|(_, s)| !o.serves().any(|id| s.ids.contains(&id.value))) {
                Some((k, _)) => facts.aging.push(k.facts.aging[i].clone()),
                None => facts.aging.push(Aging::of(o, graph, config, timeline)),
            }
            if let Some((k, _)) = from {
                let k = &k.facts;
                facts.measured.push(k.measured[i].clone());
                facts.moved.push(k.moved[i].clone());
                facts.set.push(k.set[i]);
                facts.series.push(k.series[i].clone());
                facts.registered.push(k.registered[i]);
                facts.signals.push(k.signals[i].clone());
                continue;
            }
            let kpi = kpi(o);
            facts
                .measured
                .push(kpi.and_then(|(id, k)| measured::last_measured(id, k, timeline)));
            facts
                .moved
                .push(kpi.and_then(|(id, k)| goalposts::moved(id, k, timeline)));
            facts
                .set
                .push(kpi.and_then(|(id, _)| goalposts::set(id, timeline)));
            facts
                .series
                .push(kpi.and_then(|(id, k)| series::series(id, k, timeline, window)));
            facts.registered.push(registered::registered(o, timeline));
            facts.signals.push(signal::first_signal(o, timeline));
        }
        facts
    }

    /// Object `i`'s age, when it has a half-life.
    pub fn aging(&self, i: usize) -> Option<&Aging> {
        self.aging.get(i).and_then(Option::as_ref)
    }

    /// KPI `i`'s last measurement.
    pub fn measured(&self, i: usize) -> Option<&LastMeasured> {
        self.measured.get(i).and_then(Option::as_ref)
    }

    /// The day KPI `i`'s current baseline and target were set.
    pub fn set(&self, i: usize) -> Option<crate::date::Date> {
        self.set.get(i).copied().flatten()
    }

    /// Debt item `i`'s registration day.
    pub fn registered(&self, i: usize) -> Option<crate::date::Date> {
        self.registered.get(i).copied().flatten()
    }

    /// Initiative `i`'s linked commits and activity in the window.
    pub fn activity(&self, i: usize) -> Option<&activity::Activity> {
        self.activity.get(i).and_then(Option::as_ref)
    }

    /// Objective `i`'s activity in the window: distinct linked commits.
    pub fn objective_activity(&self, i: usize) -> Option<usize> {
        self.objective_activity.get(i).copied().flatten()
    }

    /// Initiative `i`'s first signal.
    pub fn signal(&self, i: usize) -> Option<&signal::FirstSignal> {
        self.signals.get(i).and_then(Option::as_ref)
    }

    /// KPI `i`'s measurements over the activity window.
    pub fn series(&self, i: usize) -> Option<&series::Series> {
        self.series.get(i).and_then(Option::as_ref)
    }

    /// KPI `i`'s moved goalpost.
    pub fn moved(&self, i: usize) -> Option<&Moved> {
        self.moved.get(i).and_then(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::memory::analyze_texts;
    use crate::date::Date;

    const FILES: &[(&str, &str)] = &[
        (
            "principles.toml",
            "[[principle]]\nid = \"P-OLD\"\ntitle = \"Old\"\nowner = \"a\"\nreviewed = 2025-11-08\n\n\
             [[principle]]\nid = \"P-NEW\"\ntitle = \"New\"\nowner = \"a\"\nhalf_life = \"30d\"\nreviewed = 2026-11-25\n\n\
             [[principle]]\nid = \"P-UNDATED\"\ntitle = \"Undated\"\nowner = \"a\"\n",
        ),
        (
            "kpis.toml",
            "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"a\"\n\n\
             [[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"a\"\n\
             baseline = 1\ntarget = 2\ncurrent = 1.5\nmeasured = 2026-10-01\n",
        ),
    ];

    fn analysis() -> crate::analysis::Analysis {
        let now = Date::parse("2026-11-25").unwrap();
        analyze_texts("", FILES, now).expect("analyzes")
    }

    fn index(a: &crate::analysis::Analysis, id: &str) -> usize {
        a.model
            .objects
            .iter()
            .position(|o| o.id() == Some(id))
            .unwrap()
    }

    #[test]
    fn the_analysis_holds_the_facts_once_computed_from_its_model_and_timeline() {
        let a = analysis();
        let again = Facts::compute(&a.model, &a.graph, &a.project.config, &a.timeline);
        assert_eq!(a.facts, again);
        assert_eq!(a.facts.aging.len(), a.model.objects.len());
        assert_eq!(a.facts.measured.len(), a.model.objects.len());
    }

    #[test]
    fn age_freshness_and_half_life_of_each_object() {
        let a = analysis();
        // 2025-11-08 to 2026-11-25: 382 days of a 365-day half-life.
        let old = a.facts.aging(index(&a, "P-OLD")).unwrap();
        assert_eq!(old.half_life, 365);
        let age = old.age.unwrap();
        assert_eq!((age.secs, age.days), (382 * 86_400, 382));
        assert_eq!(freshness::percent(age.freshness), "48.4%");
        assert!((age.freshness - 0.5f64.powf(382.0 / 365.0)).abs() < 1e-12);
        // Its own half-life wins over the kind's; reviewed today: 100%.
        let new = a.facts.aging(index(&a, "P-NEW")).unwrap();
        assert_eq!(new.half_life, 30);
        assert_eq!(new.freshness(), Some(1.0));
        assert_eq!(freshness::percent(1.0), "100.0%");
        // No git and no `reviewed`: no age, and why.
        let undated = a.facts.aging(index(&a, "P-UNDATED")).unwrap();
        assert!(undated.age.is_none());
        assert!(matches!(undated.revalidation, Revalidation::Unknown(_)));
        // Kinds without a half-life have no aging; a KPI has its last measurement.
        let kpi = index(&a, "K-1");
        assert!(a.facts.aging(kpi).is_none());
        assert!(a.facts.aging(index(&a, "CO-1")).is_none());
        let measured = a.facts.measured(kpi).unwrap();
        assert_eq!(
            (measured.time, measured.exact),
            (Date::parse("2026-10-01").unwrap().unix(), true)
        );
        // Goalposts move only in history.
        assert!(a.facts.moved(kpi).is_none());
    }

    #[test]
    fn an_age_below_zero_counts_as_zero() {
        assert_eq!(freshness::freshness(-86_400, 365), 1.0);
        assert_eq!(freshness::freshness(365 * 86_400, 365), 0.5);
        assert_eq!(freshness::percent(0.5), "50.0%");
    }
}
