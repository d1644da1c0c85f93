//! How tenets are used (SPEC §4, §15): TEN006 (a tenet with an id that no
//! decision in force cited lately), TEN007 (tenets that face the same
//! situation and choose opposite ways), ALN003 (such a pair across
//! alignment layers) and TEN008 (a tenet decisions keep going against).

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::alignment::Layers;

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Tenet};
use crate::parse::tenet::{Grammar, Stance};
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// Runs TEN006, TEN007, ALN003 and TEN008.
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

/// How many other tenets a TEN007 or ALN003 lists as related locations.
const RELATED: usize = 5;

/// A tenet as the contradiction checks see it, in output order.
struct Placed<'a> {
    /// Its file.
    file: usize,
    /// Its offset in the file.
    start: usize,
    /// Its index in the model's tenets.
    k: usize,
    /// Where it stands.
    stance: Cow<'a, Stance>,
    /// Its layer's rank, when it has one.
    rank: Option<usize>,
}

/// The positions of `list` (in output order) before `pos`.
fn before(list: &[usize], pos: usize) -> &[usize] {
    &list[..list.partition_point(|&q| q < pos)]
}

/// One side of a group of tenets facing the same situation and options:
/// their positions in the sorted list (so in output order), those with no
/// layer, and those on each layer by rank.
#[derive(Default)]
struct Side {
    unlayered: Vec<usize>,
    layered: BTreeMap<usize, Vec<usize>>,
}

/// TEN007 (SPEC §4) and ALN003 (SPEC §15): two active tenets that face the
/// same situation and choose opposite ways between the same two options.
/// A pair on two different layers is ALN003's, reported once on each lower
/// tenet with the higher ones (any position) related; every other pair
/// (one layer, or a tenet with none) is TEN007's, reported once per tenet
/// that contradicts an earlier one in output order (file, then line), on
/// the later one. Either lists at most [`RELATED`] others as related
/// locations (the first in output order) and their number in the message.
/// Tenets are grouped by situation and option pair in one hash map, so the
/// work stays linear in the number of tenets for groups of a few tenets,
/// never one comparison per pair of the repository.
fn contradictions(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grammar = Grammar::of(&ctx.config.tenet_verbs);
    let layers = Layers(&ctx.config.layers);
    // Each tenet's stance (as its parse kept it, else read here) and layer.
    let mut tenets: Vec<Placed<'_>> = Vec::new();
    for (k, t) in ctx.repo.tenets.iter().enumerate() {
        if t.object.is_some_and(|o| !ctx.repo.objects[o].is_active()) {
            continue;
        }
        let stance = match &t.parts {
            Some(p) => p.stance.as_ref().map(Cow::Borrowed),
            None => grammar.parse(&t.text).stance.map(Cow::Owned),
        };
        if let Some(stance) = stance {
            let rank = layers.of_tenet(ctx.repo, t);
            tenets.push(Placed {
                file: t.file,
                start: t.span.start,
                k,
                stance,
                rank,
            });
        }
    }
    // Output order: file (display path, byte-wise: the order the load
    // numbers files in), then line (the same order as the offset in the
    // file).
    tenets.sort_unstable_by_key(|t| (t.file, t.start, t.k));
    // Per situation and option pair, each side's tenets; each tenet's
    // group found once (hashing the situation is most of the work).
    let mut index: HashMap<(&str, &str, &str), usize> =
        HashMap::with_capacity_and_hasher(tenets.len(), Default::default());
    let mut groups: Vec<[Side; 2]> = Vec::new();
    let mut group_of: Vec<usize> = Vec::with_capacity(tenets.len());
    for (pos, t) in tenets.iter().enumerate() {
        let g = *index.entry(t.stance.key()).or_insert_with(|| {
            groups.push(Default::default());
            groups.len() - 1
        });
        group_of.push(g);
        let side = &mut groups[g][t.stance.side()];
        match t.rank {
            Some(rank) => side.layered.entry(rank).or_default().push(pos),
            None => side.unlayered.push(pos),
        }
    }
    // The tenets of some lists of positions, in output order.
    let merged = |lists: &mut dyn Iterator<Item = &[usize]>| -> Vec<usize> {
        let mut all: Vec<usize> = lists.flatten().copied().collect();
        all.sort_unstable();
        all.into_iter().map(|p| tenets[p].k).collect()
    };
    for (pos, t) in tenets.iter().enumerate() {
        let other = &groups[group_of[pos]][1 - t.stance.side()];
        if let Some(rank) = t.rank {
            // The tenets on higher layers, with their ranks, in output order.
            let mut higher: Vec<(usize, usize)> = other
                .layered
                .range(..rank)
                .flat_map(|(&r, v)| v.iter().map(move |&p| (p, r)))
                .collect();
            if !higher.is_empty() {
                higher.sort_unstable();
                let higher: Vec<(usize, usize)> =
                    higher.into_iter().map(|(p, r)| (tenets[p].k, r)).collect();
                out.push(overrides(ctx, t.k, rank, &higher, &t.stance));
            }
        }
        // Earlier tenets on the other side that share this one's layer, or
        // where either has none.
        let unlayered = std::iter::once(before(&other.unlayered, pos));
        let earlier = match t.rank {
            None => merged(&mut unlayered.chain(other.layered.values().map(|v| before(v, pos)))),
            Some(rank) => merged(&mut unlayered.chain(other.layered.get(&rank).map(|v| before(v, pos)))),
        };
        if !earlier.is_empty() {
            out.push(contradiction(ctx, t.k, &earlier, &t.stance));
        }
    }
}

/// The ALN003 on tenet `k` (on layer `rank`), which contradicts the
/// `higher` ones (tenet and rank, in output order, at least one).
fn overrides(
    ctx: &Context<'_>,
    k: usize,
    rank: usize,
    higher: &[(usize, usize)],
    stance: &Stance,
) -> Diagnostic {
    let t = &ctx.repo.tenets[k];
    let layer = |rank: usize| ctx.config.layers[rank].as_str();
    let (a, b) = (&stance.chosen, &stance.rejected);
    let others = match higher {
        [(one, their)] => format!(
            "{} on the {} layer chooses",
            name_of(ctx, &ctx.repo.tenets[*one]),
            layer(*their)
        ),
        many if many.len() > RELATED => format!(
            "{} tenets on higher layers (the first {RELATED} related) choose",
            many.len()
        ),
        many => format!("{} tenets on higher layers choose", many.len()),
    };
    let (id, key) = tenet_key(ctx, t);
    let mut d = Diagnostic::new(
        Code::ALN003,
        t.file,
        t.span,
        format!(
            "{} on the {} layer chooses `{a}` over `{b}`, but {others} `{b}` over `{a}` in the same situation",
            name_of(ctx, t),
            layer(rank)
        ),
    )
    .object(id, t.object)
    .key(key)
    .help(
        "a lower layer decides within the tenets of the higher ones: narrow this tenet's situation \
         to where the higher one does not reach, retire it, or ask the higher layer's owners to change theirs",
    );
    for &(other, their) in higher.iter().take(RELATED) {
        let o = &ctx.repo.tenets[other];
        d = d.related(
            o.file,
            o.span,
            format!(
                "{} on the {} layer chooses `{b}` over `{a}`",
                name_of(ctx, o),
                layer(their)
            ),
        );
    }
    d
}

/// A tenet's object id, and its fingerprint key: its id when it is an
/// object of its own, else its normalized text (as for TEN001–TEN005): no
/// line numbers.
fn tenet_key<'a>(ctx: &'a Context<'_>, t: &Tenet) -> (Option<&'a str>, String) {
    let obj = t.object.map(|i| &ctx.repo.objects[i]);
    let key = match (obj.map(|o| o.kind), obj.and_then(|o| o.id())) {
        (Some(Kind::Tenet), Some(id)) => id.to_owned(),
        _ => t.text.clone(),
    };
    (obj.and_then(|o| o.id()), key)
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
    let (id, key) = tenet_key(ctx, t);
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
