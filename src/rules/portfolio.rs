//! The initiatives as a portfolio (SPEC §14): EXE006 (a problem nobody is
//! working on: an objective in trouble that no open initiative serves) and
//! EXE007 (no capacity for technical health in the current quarter).

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::metrics;
use crate::model::Kind;
use crate::quarters::Quarter;
use crate::history::Timeline;
use crate::rules::{Context, kpi_motion, kpi_pace};
use crate::schema::{Code, Relation};

/// Runs EXE006 and EXE007 (timed: EXE006 reads KPI008's judgment of
/// pace, which reads a KPI's last measurement).
pub fn check(ctx: &Context<'_>, _timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    unserved_trouble(ctx, out);
    health_capacity(ctx, out);
}

/// Why a KPI says its objective is in trouble: the conditions of KPI006,
/// KPI007 and KPI008, read through the same functions.
enum Trouble {
    /// Regressed past its baseline (KPI006).
    Regressed,
    /// Due and not met (KPI007), with the date it was due.
    Missed(Date),
    /// Behind pace (KPI008): its progress and the share of its period gone.
    BehindPace(f64, f64),
}

/// The trouble KPI `k` is in, if any (an active KPI only).
fn trouble(ctx: &Context<'_>, k: usize) -> Option<Trouble> {
    let o = &ctx.repo.objects[k];
    let data = o.as_kpi().filter(|_| o.is_active())?;
    if metrics::regressed(data) {
        return Some(Trouble::Regressed);
    }
    if let Some(due) = kpi_motion::missed(ctx, k) {
        return Some(Trouble::Missed(due.value));
    }
    kpi_pace::behind(ctx, k).map(|b| Trouble::BehindPace(b.progress, b.elapsed))
}

/// EXE006: an active objective with no active child objective and no open
/// initiative serving it, where a KPI measuring it is regressed, missed or
/// behind pace.
/// Only in a project with at least one initiative (retired ones count).
fn unserved_trouble(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let objects = &ctx.repo.objects;
    if !objects.iter().any(|o| o.kind == Kind::Initiative) {
        return;
    }
    for (i, o) in ctx.active() {
        if o.kind != Kind::Objective {
            continue;
        }
        let active_child = ctx.graph.children(i).any(|c| objects[c].is_active());
        let served = ctx.graph.incoming(i).any(|e| {
            e.relation == Relation::Serves
                && objects[e.from].kind == Kind::Initiative
                && objects[e.from].is_active()
        });
        if active_child || served {
            continue;
        }
        let troubled: Vec<(usize, Trouble)> = ctx
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Measures)
            .filter_map(|e| trouble(ctx, e.from).map(|t| (e.from, t)))
            .collect();
        let Some((first, why)) = troubled.first() else {
            continue;
        };
        let how = match why {
            Trouble::Regressed => "regressed past its baseline".to_owned(),
            Trouble::Missed(due) => format!("missed its target, due on {due}"),
            Trouble::BehindPace(progress, elapsed) => format!(
                "is behind pace ({} of the way with {} of its period gone)",
                metrics::percent(*progress),
                metrics::percent(*elapsed)
            ),
        };
        let more = match troubled.len() {
            1 => String::new(),
            n => format!(" (and {} more KPI{})", n - 1, if n == 2 { "" } else { "s" }),
        };
        let at = o.id.as_ref().map_or(o.anchor, |id| id.span);
        let mut d = ctx
            .about(
                Code::EXE006,
                i,
                at,
                format!(
                    "nobody is working on {}: {} {how}{more}, and no open initiative serves it",
                    ctx.name(i),
                    ctx.name(*first),
                ),
            )
            .help("start an initiative that serves it (`serves = [\"ID\"]`), or say why not: retire the objective, or reset the KPI on purpose");
        for (k, why) in &troubled {
            let kpi = &objects[*k];
            let note = match why {
                Trouble::Regressed => format!("`{}` regressed", kpi.id().unwrap_or("?")),
                Trouble::Missed(_) => format!("`{}` missed its target", kpi.id().unwrap_or("?")),
                Trouble::BehindPace(..) => format!("`{}` is behind pace", kpi.id().unwrap_or("?")),
            };
            d = d.related(kpi.file, kpi.anchor, note);
        }
        out.push(d);
    }
}

/// EXE007: in the quarter that holds now's UTC day, at least
/// `execution.min_portfolio` open initiatives, and the capacity share of
/// those with a health theme is 0 or below `execution.min_health_share`.
/// Reported once, with no object, at the `theme` (else the id) of the
/// first of them in output order: the config file is not a loaded file,
/// so a diagnostic cannot point into its `[execution]` table.
fn health_capacity(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let execution = &ctx.config.execution;
    let quarter = Quarter::containing(Date::from_unix(ctx.now), ctx.config.quarter_start);
    let mut in_quarter = Vec::new();
    for (i, o) in ctx.active() {
        let Some(data) = o.as_initiative() else {
            continue;
        };
        let started = data.started.as_ref().map(|s| s.value);
        let due = data.due.as_ref().map(|d| d.value);
        if quarter.holds(started, due) {
            in_quarter.push((i, data));
        }
    }
    if in_quarter.is_empty() || in_quarter.len() < execution.min_portfolio {
        return;
    }
    let is_health = |theme: Option<&String>| theme.is_some_and(|t| execution.health_themes.contains(t));
    let total: f64 = in_quarter.iter().map(|(_, d)| d.capacity()).sum();
    let health_items: Vec<_> = in_quarter
        .iter()
        .filter(|(_, d)| is_health(d.theme.as_ref().map(|t| &t.value)))
        .collect();
    let health: f64 = health_items.iter().map(|(_, d)| d.capacity()).sum();
    let share = if total > 0.0 { health / total } else { 0.0 };
    if share > 0.0 && share >= execution.min_health_share {
        return;
    }
    let (first, data) = in_quarter[0];
    let o = &ctx.repo.objects[first];
    let at = data
        .theme
        .as_ref()
        .map(|t| t.span)
        .or(o.id.as_ref().map(|id| id.span))
        .unwrap_or(o.anchor);
    let n = in_quarter.len();
    let h = health_items.len();
    let themes = execution.health_themes.join(", ");
    out.push(
        Diagnostic::new(
            Code::EXE007,
            o.file,
            at,
            format!(
                "no capacity for technical health in {quarter}: {} of the capacity of the {n} open initiatives in the quarter, {h} of them with a health theme ({themes})",
                metrics::percent(share)
            ),
        )
        .help(format!(
            "plan technical-health work this quarter: an initiative with `theme = \"{}\"` and its share of the capacity",
            execution.health_themes.first().map_or("tech-health", String::as_str)
        )),
    );
}
