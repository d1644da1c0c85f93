//! DEBT002 (SPEC §14): an open debt item registered at least
//! `execution.debt_unpaid` ago that no open initiative pays.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::history::Timeline;
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// Runs DEBT002: only with git's dates (its registration may come from the
/// first commit in which the item exists).
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    if timeline.git.is_none() {
        return;
    }
    let today = Date::from_unix(timeline.now);
    let unpaid = ctx.config.execution.debt_unpaid;
    for (i, o) in ctx.active() {
        if o.as_debt().is_none() {
            continue;
        }
        let registered = match ctx.facts.and_then(|f| f.registered(i)) {
            Some(d) => d,
            None => match crate::facts::registered::registered(o, timeline) {
                Some(d) => d,
                None => continue,
            },
        };
        let age = today.0 - registered.0;
        if age < unpaid {
            continue;
        }
        let paid = ctx.graph.incoming(i).any(|e| {
            e.relation == Relation::Pays && ctx.repo.objects[e.from].is_active()
        });
        if paid {
            continue;
        }
        let Some(id) = &o.id else {
            continue;
        };
        out.push(
            ctx.about(
                Code::DEBT002,
                i,
                id.span,
                format!(
                    "{} was registered on {registered}, {age} days ago, and no open initiative pays it",
                    ctx.name(i)
                ),
            )
            .help("plan the work that pays it (an initiative with `pays = [\"…\"]`), or, if the team chooses to carry it, say so with `reviewed` (`stratlint review`) or mark it `accepted`"),
        );
    }
}
