//! How tenets are used (SPEC §4): TEN006 (a tenet with an id that no
//! decision in force cited lately) and TEN007 (two tenets that contradict
//! each other).

use std::collections::HashMap;

use crate::date::{DAY, Date};
use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::parse::tenet::{Grammar, normalize};
use crate::rules::Context;
use crate::schema::{Code, Relation};

/// Runs TEN006 and TEN007.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    uncited(ctx, out);
    contradictions(ctx, out);
}

/// TEN006: only once the project cites tenets at all: some decision (of
/// any status) lists one in `tenets`. A repository that has just adopted
/// its ADRs is not told that every tenet is unused.
fn uncited(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let citing = ctx
        .repo
        .objects
        .iter()
        .any(|o| o.kind == Kind::Decision && o.refs_in("tenets").next().is_some());
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
            .filter(|e| e.relation == Relation::Cites && ctx.repo.objects[e.from].in_force())
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

/// Options compared with case ignored and whitespace runs as one space.
fn fold(option: &str) -> String {
    normalize(option).to_lowercase()
}

/// TEN007: one chooses A over B, another B over A; once per pair, on the
/// later one in output order, with the other as related location.
fn contradictions(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grammar = Grammar::new(&ctx.config.tenet_verbs);
    let mut tenets: Vec<(usize, usize, usize, (String, String))> = Vec::new();
    for (k, t) in ctx.repo.tenets.iter().enumerate() {
        if t.object.is_some_and(|o| !ctx.repo.objects[o].is_active()) {
            continue;
        }
        let parts = grammar.parse(&t.text);
        if let (Some(a), Some(b)) = (parts.chosen, parts.rejected) {
            let (a, b) = (fold(&a), fold(&b));
            if a != b {
                let line = ctx.repo.files[t.file].position(t.span.start).line;
                tenets.push((t.file, line, k, (a, b)));
            }
        }
    }
    // Output order: file (display path, byte-wise), then line.
    tenets.sort_by(|x, y| {
        let dx = ctx.repo.files[x.0].display.as_bytes();
        let dy = ctx.repo.files[y.0].display.as_bytes();
        (dx, x.1, x.2).cmp(&(dy, y.1, y.2))
    });
    let mut seen: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (_, _, k, (a, b)) in &tenets {
        if let Some(earlier) = seen.get(&(b.clone(), a.clone())) {
            for &other in earlier {
                out.push(contradiction(ctx, *k, other, a, b));
            }
        }
        seen.entry((a.clone(), b.clone())).or_default().push(*k);
    }
}

fn contradiction(ctx: &Context<'_>, k: usize, other: usize, a: &str, b: &str) -> Diagnostic {
    let t = &ctx.repo.tenets[k];
    let o = &ctx.repo.tenets[other];
    let name = |t: &crate::model::Tenet| {
        let obj = t.object.map(|i| &ctx.repo.objects[i]);
        match (obj.map(|o| o.kind), obj.and_then(|o| o.id())) {
            (Some(Kind::Tenet), Some(id)) => format!("tenet `{id}`"),
            (_, Some(id)) => format!("a tenet in `{id}`"),
            _ => "a tenet".to_owned(),
        }
    };
    let key_of = |t: &crate::model::Tenet| {
        let obj = t.object.map(|i| &ctx.repo.objects[i]);
        match (obj.map(|o| o.kind), obj.and_then(|o| o.id())) {
            (Some(Kind::Tenet), Some(id)) => id.to_owned(),
            _ => t.text.clone(),
        }
    };
    let id = t.object.and_then(|i| ctx.repo.objects[i].id());
    Diagnostic::new(
        Code::TEN007,
        t.file,
        t.span,
        format!(
            "{} chooses `{a}` over `{b}`, but {} chooses `{b}` over `{a}`",
            name(t),
            name(o)
        ),
    )
    .object(id, t.object)
    .key(format!("{}|{}", key_of(t), key_of(o)))
    .related(o.file, o.span, format!("{} chooses `{b}` over `{a}`", name(o)))
    .help("retire the one that no longer holds, or reword one so the two no longer choose opposite sides")
}
