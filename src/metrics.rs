//! What the model says about motion (SPEC §5b), as pure functions of the
//! model and the graph: which side of a KPI is better, its progress and
//! whether its target is met or it regressed, and each objective's
//! progress rolled up its tree with `weight`. Rules, the report, the map and
//! the language server read these; none of it is a diagnostic by itself.

use crate::graph::Graph;
use crate::model::{Direction, KpiData, Number, Repository};
use crate::schema::{Kind, Relation};

/// Which side of a KPI's values is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    /// Higher values are better.
    Higher,
    /// Lower values are better.
    Lower,
    /// No side is better: no `direction` and `baseline = target`.
    Neither,
}

fn value(n: &Number) -> Option<f64> {
    match n {
        Number::Value(v) => Some(v.value),
        _ => None,
    }
}

/// A KPI's baseline, target and current, when each is a number; a
/// guardrail's baseline and target are ignored (SPEC §15: it has no
/// progress, no place in a roll-up, and the rules of targets do not apply).
pub fn values(k: &KpiData) -> (Option<f64>, Option<f64>, Option<f64>) {
    if k.is_guardrail() {
        return (None, None, value(&k.current));
    }
    (value(&k.baseline), value(&k.target), value(&k.current))
}

/// The better side of a KPI with a baseline and a target (SPEC §5b): its
/// `direction`, else the way baseline → target goes; `maintain` means hold
/// the target, higher being better when `target ≥ baseline`.
pub fn better(k: &KpiData) -> Option<Better> {
    let (Some(baseline), Some(target), _) = values(k) else {
        return None;
    };
    Some(match k.direction.as_ref().map(|d| d.value) {
        Some(Direction::Increase) => Better::Higher,
        Some(Direction::Decrease) => Better::Lower,
        Some(Direction::Maintain) if target >= baseline => Better::Higher,
        Some(Direction::Maintain) => Better::Lower,
        None if target > baseline => Better::Higher,
        None if target < baseline => Better::Lower,
        None => Better::Neither,
    })
}

/// Whether an explicit `direction` contradicts baseline → target (KPI003).
pub fn direction_contradicts(k: &KpiData) -> bool {
    let (Some(baseline), Some(target), _) = values(k) else {
        return false;
    };
    match k.direction.as_ref().map(|d| d.value) {
        Some(Direction::Increase) => target < baseline,
        Some(Direction::Decrease) => target > baseline,
        _ => false,
    }
}

/// Whether `current` is at the target or on its better side; `None` without
/// a baseline, a target or a current value.
pub fn target_met(k: &KpiData) -> Option<bool> {
    let (_, Some(target), Some(current)) = values(k) else {
        return None;
    };
    Some(match better(k)? {
        Better::Higher => current >= target,
        Better::Lower => current <= target,
        Better::Neither => current == target,
    })
}

/// Whether `current` is on the worse side of the baseline (KPI006); never
/// for a KPI with no better side.
pub fn regressed(k: &KpiData) -> bool {
    let (Some(baseline), _, Some(current)) = values(k) else {
        return false;
    };
    match better(k) {
        Some(Better::Higher) => current < baseline,
        Some(Better::Lower) => current > baseline,
        _ => false,
    }
}

/// A KPI's progress: `(current − baseline) / (target − baseline)` for a KPI
/// that moves (below 0 or above 1 when it overshoots), 1 or 0 for one that
/// holds its target (`maintain`, or no better side); `None` without a
/// current value.
pub fn kpi_progress(k: &KpiData) -> Option<f64> {
    let (Some(baseline), Some(target), Some(current)) = values(k) else {
        return None;
    };
    let holds = matches!(
        k.direction.as_ref().map(|d| d.value),
        Some(Direction::Maintain)
    ) || better(k) == Some(Better::Neither)
        || target == baseline;
    if holds {
        return target_met(k).map(|met| if met { 1.0 } else { 0.0 });
    }
    Some((current - baseline) / (target - baseline))
}

/// Whether a KPI's progress is implausible (KPI010, SPEC §5b): beyond ±10
/// (`current` more than ten times the baseline-to-target distance away)
/// and `|current|` an order of magnitude off the larger of `|baseline|` and
/// `|target|` (at least ten times it, or at most a tenth of it). Almost
/// always a unit mistake or a typo; a real outage on a tight target (99.9 →
/// 98.0 against 99.95) is not. A KPI that holds its target (progress 0 or
/// 1) never is.
pub fn implausible(k: &KpiData) -> bool {
    let (Some(baseline), Some(target), Some(current)) = values(k) else {
        return false;
    };
    let Some(progress) = kpi_progress(k) else {
        return false;
    };
    let scale = baseline.abs().max(target.abs());
    let off = current.abs() >= 10.0 * scale || current.abs() <= scale / 10.0;
    !(-10.0..=10.0).contains(&progress) && off
}

/// Progress as people read it, the one way every format writes it (SPEC
/// §5b): a whole percent, rounded half away from zero, `0%` never signed
/// (`-0.4%` is `0%`), with an ASCII minus below zero: `-67%`, `150%`.
pub fn percent(progress: f64) -> String {
    let p = (progress * 100.0).round();
    if p == 0.0 || p.is_nan() {
        return "0%".to_owned();
    }
    format!("{p:.0}%")
}

/// The lowest progress shown where progress is drawn (−100%).
pub const SHOWN_MIN: f64 = -1.0;
/// The highest progress shown where progress is drawn (1000%).
pub const SHOWN_MAX: f64 = 10.0;

/// A KPI's or objective's progress as Markdown, HTML, Mermaid and DOT
/// show it: [`percent`], and an implausible one (KPI010) clamped to
/// [−100%, 1000%] and marked: `1000% (implausible)`. JSON keeps the raw value.
pub fn shown(progress: f64, implausible: bool) -> String {
    if implausible {
        format!(
            "{} (implausible)",
            percent(progress.clamp(SHOWN_MIN, SHOWN_MAX))
        )
    } else {
        percent(progress)
    }
}

/// Progress of every object, by index: a KPI's raw progress, an objective's
/// rolled up in [0, 1]; `None` where there is none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    /// Progress by object index.
    pub progress: Vec<Option<f64>>,
}

/// Computes every KPI's progress and rolls it up the objective tree: an
/// objective's progress is the weighted mean (KPIs by `weight`, default 1;
/// child objectives 1) of the progress, each clamped to [0, 1], of its
/// active KPIs and active child objectives that have one. Iterative, so a
/// chain of any depth is fine; a parent cycle is cut where it closes.
pub fn compute(repo: &Repository, graph: &Graph) -> Metrics {
    let objects = &repo.objects;
    let mut progress: Vec<Option<f64>> = vec![None; objects.len()];
    for (i, o) in objects.iter().enumerate() {
        if let Some(k) = o.as_kpi() {
            progress[i] = kpi_progress(k);
        }
    }
    // 0: not seen, 1: children being computed, 2: done.
    let mut state = vec![0u8; objects.len()];
    for start in 0..objects.len() {
        if objects[start].kind != Kind::Objective || state[start] != 0 {
            continue;
        }
        let mut stack = vec![start];
        while let Some(&o) = stack.last() {
            match state[o] {
                0 => {
                    state[o] = 1;
                    stack.extend(
                        graph
                            .children(o)
                            .filter(|&c| state[c] == 0 && objects[c].is_active()),
                    );
                }
                1 => {
                    let mut sum = 0.0;
                    let mut weights = 0.0;
                    for e in graph
                        .incoming(o)
                        .filter(|e| e.relation == Relation::Measures)
                    {
                        let k = &objects[e.from];
                        let (Some(p), true) = (progress[e.from], k.is_active()) else {
                            continue;
                        };
                        let w = k
                            .as_kpi()
                            .and_then(|k| k.weight.as_ref())
                            .map_or(1.0, |w| w.value);
                        sum += w * p.clamp(0.0, 1.0);
                        weights += w;
                    }
                    for c in graph.children(o) {
                        // A child still being computed closes a cycle: left out.
                        if state[c] == 2 && objects[c].is_active() {
                            if let Some(p) = progress[c] {
                                sum += p.clamp(0.0, 1.0);
                                weights += 1.0;
                            }
                        }
                    }
                    progress[o] = (weights > 0.0).then(|| sum / weights);
                    state[o] = 2;
                    stack.pop();
                }
                _ => {
                    stack.pop();
                }
            }
        }
    }
    Metrics { progress }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Spanned;
    use crate::source::Span;

    fn kpi(
        baseline: f64,
        target: f64,
        current: Option<f64>,
        direction: Option<Direction>,
    ) -> KpiData {
        let n = |x: f64| Number::Value(Spanned::new(x, Span::default()));
        KpiData {
            baseline: n(baseline),
            target: n(target),
            current: current.map_or(Number::Missing, n),
            direction: direction.map(|d| Spanned::new(d, Span::default())),
            ..Default::default()
        }
    }

    #[test]
    fn progress_moves_from_baseline_to_target_and_may_overshoot() {
        assert_eq!(kpi_progress(&kpi(10.0, 20.0, Some(15.0), None)), Some(0.5));
        assert_eq!(kpi_progress(&kpi(10.0, 20.0, Some(25.0), None)), Some(1.5));
        assert_eq!(kpi_progress(&kpi(10.0, 5.0, Some(12.0), None)), Some(-0.4));
        assert_eq!(kpi_progress(&kpi(10.0, 20.0, None, None)), None);
        // maintain: met or not.
        let m = Some(Direction::Maintain);
        assert_eq!(kpi_progress(&kpi(99.0, 99.5, Some(99.7), m)), Some(1.0));
        assert_eq!(kpi_progress(&kpi(99.0, 99.5, Some(99.2), m)), Some(0.0));
        // No better side: met only at the target.
        assert_eq!(kpi_progress(&kpi(3.0, 3.0, Some(3.0), None)), Some(1.0));
        assert_eq!(kpi_progress(&kpi(3.0, 3.0, Some(4.0), None)), Some(0.0));
    }

    #[test]
    fn implausible_means_far_past_the_target_and_an_order_of_magnitude_off() {
        // Dollars typed where thousands were meant.
        assert!(implausible(&kpi(100.0, 200.0, Some(186_486_370.0), None)));
        // A tenth of the scale, far below the baseline: a dropped digit.
        assert!(implausible(&kpi(1000.0, 1010.0, Some(9.0), None)));
        // A real outage on a tight target: far below, but not off in magnitude.
        assert!(!implausible(&kpi(99.9, 99.95, Some(98.0), None)));
        // Off in magnitude but within ten times the distance.
        assert!(!implausible(&kpi(0.0, 100.0, Some(1000.0), None)));
        assert!(implausible(&kpi(0.0, 100.0, Some(1001.0), None)));
        // Exactly ten times the distance is not beyond it.
        assert!(!implausible(&kpi(1.0, 2.0, Some(11.0), None)));
        // No current, or a KPI that holds its target: never.
        assert!(!implausible(&kpi(100.0, 200.0, None, None)));
        let m = Some(Direction::Maintain);
        assert!(!implausible(&kpi(99.0, 99.5, Some(9999.0), m)));
        assert!(!implausible(&kpi(3.0, 3.0, Some(3000.0), None)));
    }

    #[test]
    fn progress_is_written_one_way() {
        assert_eq!(percent(0.5), "50%");
        assert_eq!(percent(-0.004), "0%");
        assert_eq!(percent(-0.0), "0%");
        assert_eq!(percent(0.005), "1%");
        assert_eq!(percent(-0.005), "-1%");
        assert_eq!(percent(-2.0 / 3.0), "-67%");
        assert_eq!(percent(1.5), "150%");
        assert_eq!(percent(1_864_862.7), "186486270%");
        assert_eq!(shown(1_864_862.7, true), "1000% (implausible)");
        assert_eq!(shown(-99.1, true), "-100% (implausible)");
        assert_eq!(shown(-99.1, false), "-9910%");
    }

    #[test]
    fn better_sides_regressions_and_contradictions() {
        let up = kpi(10.0, 20.0, Some(9.0), None);
        assert_eq!(better(&up), Some(Better::Higher));
        assert!(regressed(&up));
        assert!(!regressed(&kpi(10.0, 20.0, Some(10.0), None)));
        let down = kpi(10.0, 5.0, Some(11.0), None);
        assert!(regressed(&down));
        assert_eq!(target_met(&kpi(10.0, 5.0, Some(5.0), None)), Some(true));
        assert!(!regressed(&kpi(3.0, 3.0, Some(1.0), None)));
        assert!(direction_contradicts(&kpi(
            10.0,
            5.0,
            None,
            Some(Direction::Increase)
        )));
        assert!(direction_contradicts(&kpi(
            10.0,
            20.0,
            None,
            Some(Direction::Decrease)
        )));
        assert!(!direction_contradicts(&kpi(
            10.0,
            5.0,
            None,
            Some(Direction::Maintain)
        )));
        // maintain below its baseline target: lower is better.
        assert_eq!(
            better(&kpi(10.0, 8.0, None, Some(Direction::Maintain))),
            Some(Better::Lower)
        );
    }
}
