//! How tenets are used (SPEC §4): TEN006 (a tenet with an id that no
//! decision in force cited lately) and TEN007 (tenets that face the same
//! situation and choose opposite ways).

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Tenet};
use crate::parse::tenet::{Grammar, Stance};
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// Runs TEN006, TEN007 and TEN008.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    uncited(ctx, out);
    contradictions(ctx, out);
    overridden(ctx, out);
}

/// Whether an edge is a citation (SPEC §4, §15): a decision naming the
/// tenet in `tenets`, or in `against`.
fn cites(e: &crate::graph::Edge) -> bool {
    matches!(e.relation, Relation::Cites | Relation::Against)
}

/// TEN008 (SPEC §15): a tenet that at least `tenets.overridden_after`
/// decisions in force, dated within `tenets.cited_within` of now, went
/// against, while no more such decisions followed it: it loses at least
/// as often as it guides. At the tenet; related: the decisions against
/// it, by date.
fn overridden(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let window = ctx.config.cited_within * DAY;
    let recent = |from: usize| {
        let o = &ctx.repo.objects[from];
        let date = o.as_decision().and_then(|d| d.date.as_ref()).map(|d| d.value);
        o.in_force() && date.is_some_and(|d| ctx.now - window <= d.unix() && d.unix() <= ctx.now)
    };
    for (i, o) in ctx.active() {
        if o.kind != Kind::Tenet || o.id().is_none() {
            continue;
        }
        let mut against: Vec<(Date, usize)> = Vec::new();
        let mut followed = 0;
        for e in ctx.graph.incoming(i).filter(|e| recent(e.from)) {
            match e.relation {
                Relation::Against => {
                    let date = ctx.repo.objects[e.from].as_decision().and_then(|d| d.date.as_ref());
                    against.extend(date.map(|d| (d.value, e.from)));
                }
                Relation::Cites => followed += 1,
                _ => {}
            }
        }
        let n = against.len();
        if n == 0 || n < ctx.config.overridden_after || followed > n {
            continue;
        }
        against.sort();
        let days = ctx.config.cited_within;
        let mut d = ctx
            .about(
                Code::TEN008,
                i,
                o.anchor,
                format!(
                    "{} was gone against by {n} decision{} and followed by {followed} in the last {days} days",
                    ctx.name(i),
                    if n == 1 { "" } else { "s" }
                ),
            )
            .help("a tenet that keeps losing needs refining: narrow its situation to where it holds, or retire it");
        for (date, from) in against {
            let dec = &ctx.repo.objects[from];
            d = d.related(
                dec.file,
                dec.anchor,
                format!("`{}` went against it on {date}", dec.id().unwrap_or("?")),
            );
        }
        out.push(d);
    }
}

/// TEN006: only once the project cites tenets at all: some decision (of
/// any status) lists one in `tenets`. A repository that has just adopted
/// its ADRs is not told that every tenet is unused.
fn uncited(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let citing = ctx
        .repo
        .objects
        .iter()
        .any(|o| o.kind == Kind::Decision && o.tenet_citations().next().is_some());
    if !citing {
        return;
    }
    let window = ctx.config.cited_within * DAY;
    for (i, o) in ctx.active() {
        if o.kind != Kind::Tenet || o.id().is_none() {
            continue;
        }
        // Citations by decisions in force, with their dates.
        let mut cited: Vec<(Option<Date>, usize)> = ctx
            .graph
            .incoming(i)
            .filter(|e| cites(e) && ctx.repo.objects[e.from].in_force())
            .map(|e| {
                let date = ctx.repo.objects[e.from]
                    .as_decision()
                    .and_then(|d| d.date.as_ref())
                    .map(|d| d.value);
                (date, e.from)
            })
            .collect();
        let counts = |d: &Option<Date>| {
            d.is_some_and(|d| ctx.now - window <= d.unix() && d.unix() <= ctx.now)
        };
        if cited.iter().any(|(d, _)| counts(d)) {
            continue;
        }
        cited.sort();
        let days = ctx.config.cited_within;
        let message = if cited.is_empty() {
            format!("{} is cited by no decision in force", ctx.name(i))
        } else {
            format!(
                "{} has not been cited by a decision in force in the last {days} days",
                ctx.name(i)
            )
        };
        let mut d = ctx
            .about(Code::TEN006, i, o.anchor, message)
            .help("cite it in the `tenets` of the decisions it guides, or retire it if nothing is decided by it any more");
        if let Some((date, last)) = cited.last() {
            let lo = &ctx.repo.objects[*last];
            let when = date.map_or_else(|| "with no date".to_owned(), |d| format!("on {d}"));
            d = d.related(lo.file, lo.anchor, format!("last cited by `{}` {when}", lo.id().unwrap_or("?")));
        }
        out.push(d);
    }
}

/// How many earlier tenets a TEN007 lists as related locations.
const RELATED: usize = 5;

/// TEN007 (SPEC §4): two active tenets that face the same situation and
/// choose opposite ways between the same two options. Reported once per
/// tenet that contradicts an earlier one in output order (file, then line),
/// on the later one, with at most [`RELATED`] of the earlier ones as related
/// locations (the first in output order) and their number in the message.
/// Tenets are grouped by situation and option pair in one hash map, so the
/// work is linear in the number of tenets, never one comparison per pair.
fn contradictions(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grammar = Grammar::of(&ctx.config.tenet_verbs);
    // Each tenet's stance: as its parse kept it, else read here.
    let mut tenets: Vec<(usize, usize, usize, Cow<'_, Stance>)> = Vec::new();
    for (k, t) in ctx.repo.tenets.iter().enumerate() {
        if t.object.is_some_and(|o| !ctx.repo.objects[o].is_active()) {
            continue;
        }
        let stance = match &t.parts {
            Some(p) => p.stance.as_ref().map(Cow::Borrowed),
            None => grammar.parse(&t.text).stance.map(Cow::Owned),
        };
        if let Some(stance) = stance {
            tenets.push((t.file, t.span.start, k, stance));
        }
    }
    // Output order: file (display path, byte-wise), then line (the same
    // order as the offset in the file).
    tenets.sort_by(|x, y| {
        let dx = ctx.repo.files[x.0].display.as_bytes();
        let dy = ctx.repo.files[y.0].display.as_bytes();
        (dx, x.1, x.2).cmp(&(dy, y.1, y.2))
    });
    // Per situation and option pair: the tenets seen so far on each side.
    let mut groups: HashMap<(&str, &str, &str), [Vec<usize>; 2]> = HashMap::default();
    for (_, _, k, stance) in &tenets {
        let sides = groups.entry(stance.key()).or_default();
        let side = stance.side();
        let earlier = &sides[1 - side];
        if !earlier.is_empty() {
            out.push(contradiction(ctx, *k, earlier, stance));
        }
        sides[side].push(*k);
    }
}

/// How a tenet is named in messages.
fn name_of(ctx: &Context<'_>, t: &Tenet) -> String {
    let obj = t.object.map(|i| &ctx.repo.objects[i]);
    match (obj.map(|o| o.kind), obj.and_then(|o| o.id())) {
        (Some(Kind::Tenet), Some(id)) => format!("tenet `{id}`"),
        (_, Some(id)) => format!("a tenet in `{id}`"),
        _ => "a tenet".to_owned(),
    }
}

/// The TEN007 on tenet `k`, which contradicts the `earlier` ones (in output
/// order, at least one).
fn contradiction(ctx: &Context<'_>, k: usize, earlier: &[usize], stance: &Stance) -> Diagnostic {
    let t = &ctx.repo.tenets[k];
    let (a, b) = (&stance.chosen, &stance.rejected);
    let others = match earlier {
        [one] => format!("{} chooses", name_of(ctx, &ctx.repo.tenets[*one])),
        many if many.len() > RELATED => {
            format!("{} earlier tenets (the first {RELATED} related) choose", many.len())
        }
        many => format!("{} earlier tenets choose", many.len()),
    };
    // A tenet's fingerprint key is its id when it is an object of its own,
    // else its normalized text (as for TEN001–TEN005): no line numbers.
    let obj = t.object.map(|i| &ctx.repo.objects[i]);
    let key = match (obj.map(|o| o.kind), obj.and_then(|o| o.id())) {
        (Some(Kind::Tenet), Some(id)) => id.to_owned(),
        _ => t.text.clone(),
    };
    let id = obj.and_then(|o| o.id());
    let mut d = Diagnostic::new(
        Code::TEN007,
        t.file,
        t.span,
        format!(
            "{} chooses `{a}` over `{b}`, but {others} `{b}` over `{a}` in the same situation",
            name_of(ctx, t)
        ),
    )
    .object(id, t.object)
    .key(key)
    .help(format!(
        "{} what to do when {}: retire the one that no longer holds, or narrow the situation of \
         each to where it applies",
        if earlier.len() == 1 { "both say" } else { "all say" },
        stance.situation
    ));
    for &other in earlier.iter().take(RELATED) {
        let o = &ctx.repo.tenets[other];
        d = d.related(
            o.file,
            o.span,
            format!("{} chooses `{b}` over `{a}`", name_of(ctx, o)),
        );
    }
    d
}
