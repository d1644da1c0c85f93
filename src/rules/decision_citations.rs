//! DEC003 (SPEC §4b): where active tenets with ids exist, a decision in
//! force cites one, unless it is dated before the first tenet with an id
//! was set (a decision cannot cite tenets that did not exist yet).

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::history::Timeline;
use crate::model::Kind;
use crate::rules::Context;
use crate::schema::Code;

/// The UTC day the first of today's tenets with ids was set: the first
/// commit in which any of them exists, or now when none is committed yet.
/// `None` without history: then no decision is spared.
fn tenets_since(ctx: &Context<'_>, timeline: &Timeline) -> Option<Date> {
    let git = timeline.git.as_ref()?;
    let first = ctx
        .repo
        .objects
        .iter()
        .filter(|o| o.kind == Kind::Tenet)
        .filter_map(|o| o.id())
        .map(|id| git.first_seen.get(id).copied().unwrap_or(timeline.now))
        .min()
        .unwrap_or(timeline.now);
    Some(Date::from_unix(first))
}

/// Runs DEC003.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    let tenets_exist = ctx
        .active()
        .any(|(_, o)| o.kind == Kind::Tenet && o.id().is_some());
    if !tenets_exist {
        return;
    }
    let since = tenets_since(ctx, timeline);
    for (i, o) in ctx.active() {
        if !o.in_force() || o.tenet_citations().next().is_some() {
            continue;
        }
        let date = o.as_decision().and_then(|d| d.date.as_ref());
        if let (Some(since), Some(date)) = (since, date) {
            if date.value < since {
                continue;
            }
        }
        out.push(
            ctx.about(
                Code::DEC003,
                i,
                o.anchor,
                format!("{} is in force but cites no tenet", ctx.name(i)),
            )
            .help("list the tenets it applies: `tenets = [\"T-…\"]`; a decision no tenet explains is one the next team will re-argue"),
        );
    }
}
