//! Age and half-life (SPEC §5): HL001 (past the half-life), HL002 (past
//! twice), HL003 (predates the latest inflection), HL004 (a served object
//! changed since), HL005 (age unknown).

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::facts::freshness::percent;
use crate::history::executives::Turnover;
use crate::history::headcount::Headcount;
use crate::history::{Change, Timeline};
use crate::facts::{Aging, Revalidation};
use crate::source::Span;
use crate::model::{Kind, Object, Payload, Spanned};
use crate::rules::Context;
use crate::schema::Code;

/// Adds the revalidation as a related note and help.
fn explain(
    ctx: &Context<'_>,
    index: usize,
    d: Diagnostic,
    change: Option<&Change>,
    time: i64,
) -> Diagnostic {
    let o = &ctx.repo.objects[index];
    match change.and_then(|c| c.commit.as_ref()) {
        Some(c) => d.related(
            o.file,
            o.anchor,
            format!(
                "last revalidated by commit {} on {}: {}",
                c.short, c.date, c.subject
            ),
        ),
        None => match o.reviewed() {
            Some(r) if r.value.unix() == time => d.related(
                o.file,
                r.span,
                format!("last revalidated by `reviewed = {}`", r.value),
            ),
            _ => d,
        },
    }
}

/// An inflection's `date`.
fn inflection_date(o: &Object) -> Option<&Spanned<Date>> {
    match &o.payload {
        Payload::Inflection(i) => i.date.as_ref(),
        _ => None,
    }
}

/// The inflection HL003 measures against.
#[derive(Clone, Copy)]
enum Latest<'a> {
    /// An `inflection` object: its date and index.
    Object(Date, usize),
    /// A headcount inflection from the owners registry's history.
    Headcount(&'a Headcount),
    /// An executive-turnover inflection from the owners registry's history.
    Executives(&'a Turnover),
}

impl Latest<'_> {
    /// The inflection's day.
    fn day(&self) -> Date {
        match self {
            Latest::Object(d, _) => *d,
            Latest::Headcount(h) => h.day,
            Latest::Executives(t) => t.day,
        }
    }
}

/// The latest inflection on or before now: an `inflection` object (the
/// given date and index), a headcount doubling or an executive turnover
/// from the registry's history. On one day an object wins, then a
/// headcount inflection; among the registry's, the newest.
fn latest<'a>(object: Option<(Date, usize)>, timeline: &'a Timeline) -> Option<Latest<'a>> {
    let past = |day: Date| day.unix() <= timeline.now;
    let headcount = timeline.headcount.iter().rev().filter(|h| past(h.day));
    let executives = timeline.executives.iter().rev().filter(|t| past(t.day));
    // Candidates in order of precedence: the first of the latest day wins.
    let candidates = object
        .map(|(d, i)| Latest::Object(d, i))
        .into_iter()
        .chain(headcount.map(Latest::Headcount))
        .chain(executives.map(Latest::Executives));
    candidates.fold(None, |best: Option<Latest<'a>>, c| match best {
        Some(b) if b.day() >= c.day() => Some(b),
        _ => Some(c),
    })
}

/// The HL003 message's tail and the registry note for an executive
/// turnover (`when` is its day): who of the executives of a year before
/// have left.
fn turnover_words(t: &Turnover, when: Date) -> (String, String) {
    let (left, before) = (t.left.len(), t.before);
    let executives = if before == 1 { "executive" } else { "executives" };
    let have = if left == 1 { "has" } else { "have" };
    let message = format!(
        "the executive turnover of {when}: {left} of the {before} {executives} of a year before {have} left: {}",
        t.left.join(", ")
    );
    let note = format!(
        "the owners registry: its executives on {when} include {} of the {before} of a year before",
        before - left
    );
    (message, note)
}

/// Runs the HL rules.
pub fn check(ctx: &Context<'_>, timeline: &Timeline, out: &mut Vec<Diagnostic>) {
    // Retired objects are exempt; objects without a half-life are not judged.
    let inflection = ctx
        .active()
        .filter(|(_, o)| o.kind == Kind::Inflection)
        .filter_map(|(i, o)| inflection_date(o).map(|d| (d.value, i)))
        .filter(|(d, _)| d.unix() <= timeline.now)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let latest = latest(inflection, timeline);
    // The facts are set for the checks that read the timeline.
    let Some(facts) = ctx.facts else { return };
    for (i, o) in ctx.active() {
        let Some(aging) = facts.aging(i) else {
            continue;
        };
        if o.id().is_none() {
            continue;
        }
        let hl = aging.half_life;
        let rv = &aging.revalidation;
        let (Some(time), Some(age)) = (rv.time(), aging.age) else {
            let why = match rv {
                Revalidation::Unknown(why) => why,
                _ => "its last revalidation is not known",
            };
            out.push(ctx.about(Code::HL005, i, o.anchor, format!("the age of {} cannot be determined: {why}", ctx.name(i)))
                .help("add `reviewed = YYYY-MM-DD` when you revalidate it, or run inside the git repository"));
            continue;
        };
        let (exact, change) = (rv.exact(), rv.change().cloned());
        let days = age.days;
        let at_least = if exact { "" } else { "at least " };
        let stale = age.days_exact() >= hl as f64;
        // HL002 replaces HL001: one diagnostic at most, by how far past it is.
        let past = if age.days_exact() >= 2.0 * hl as f64 {
            Some((Code::HL002, "past twice its"))
        } else if stale {
            Some((Code::HL001, "past its"))
        } else {
            None
        };
        if let Some((code, how)) = past {
            let msg = format!(
                "{} is {at_least}{days} days old, {how} half-life of {hl} days (freshness {})",
                ctx.name(i),
                percent(age.freshness)
            );
            let d = ctx.about(code, i, o.anchor, msg).help(
                "revalidate it: review it against today's strategy, then edit it or set `reviewed` to today's date",
            );
            out.push(explain(ctx, i, d, change.as_ref(), time));
        }
        if let Some(latest) = latest {
            if time < latest.day().unix() {
                let when = latest.day();
                let revalidated = format!(
                    "{} was last revalidated {}on {}",
                    ctx.name(i),
                    if exact { "" } else { "at the latest " },
                    Date::from_unix(time)
                );
                let d = match latest {
                    Latest::Object(when, inf) => {
                        let io = &ctx.repo.objects[inf];
                        let name = io.id().unwrap_or_default();
                        let title = io.title.as_ref().map_or(String::new(), |t| format!(" ({})", t.value));
                        ctx.about(Code::HL003, i, o.anchor, format!("{revalidated}, before the inflection `{name}`{title} of {when}"))
                            .key(name.to_owned())
                            .related(io.file, inflection_date(io).map_or(io.anchor, |d| d.span), format!("inflection `{name}` on {when}"))
                    }
                    Latest::Headcount(h) => {
                        let registry = ctx.config.owners_rel(ctx.root);
                        let mut d = ctx.about(Code::HL003, i, o.anchor, format!(
                            "{revalidated}, before the headcount inflection of {when}: active people in {registry} went from {} to {} within a year",
                            h.from, h.to
                        ))
                        .key(format!("headcount {when}"));
                        if let Some(r) = &ctx.repo.registry {
                            d = d.related(r.file, Span::default(), format!("the owners registry: {} active people on {when}, {} within the year before", h.to, h.from));
                        }
                        d
                    }
                    Latest::Executives(t) => {
                        let (words, note) = turnover_words(t, when);
                        let mut d = ctx
                            .about(Code::HL003, i, o.anchor, format!("{revalidated}, before {words}"))
                            .key(format!("executives {when}"));
                        if let Some(r) = &ctx.repo.registry {
                            d = d.related(r.file, Span::default(), note);
                        }
                        d
                    }
                };
                let d = d.help("revalidate it in the light of the inflection: edit it or set `reviewed` to the date you did");
                out.push(explain(ctx, i, d, change.as_ref(), time));
            }
        }
        if !exact && !stale {
            out.push(ctx.about(Code::HL005, i, o.anchor, format!(
                "the age of {} cannot be determined: its last change is beyond this shallow clone's history (at least {days} days)",
                ctx.name(i)))
                .help("fetch full history (`git fetch --unshallow`; in GitHub Actions, `fetch-depth: 0`)"));
        }
        if o.kind == Kind::Principle {
            served_changes(ctx, i, o, aging, time, out);
        }
    }
}

/// HL004: objects in the principle's `serves` that changed after it was
/// last revalidated (at `last`), as the facts found them.
fn served_changes(
    ctx: &Context<'_>,
    index: usize,
    o: &Object,
    aging: &Aging,
    last: i64,
    out: &mut Vec<Diagnostic>,
) {
    let serves: Vec<_> = o.serves().collect();
    for served in &aging.served_changes {
        let Some(s) = serves.get(served.position) else {
            continue;
        };
        let change = &served.change;
        let what = ctx.name(served.target);
        let when = Date::from_unix(change.time);
        let how = match &change.commit {
            Some(c) => format!("in commit {} on {when}", c.short),
            None => "in uncommitted changes".to_owned(),
        };
        let to = &ctx.repo.objects[served.target];
        let note = match &change.commit {
            Some(c) => format!("changed by commit {} on {when}: {}", c.short, c.subject),
            None => "changed in the working tree".to_owned(),
        };
        out.push(ctx
            .about(Code::HL004, index, s.span, format!(
                "{what}, which {} serves, changed {how}, after the principle was last revalidated on {}",
                ctx.name(index), Date::from_unix(last)
            ))
            .key(s.value.clone())
            .help("revalidate the principle against the changed strategy: edit it or set `reviewed` to today's date")
            .related(to.file, to.anchor, note));
    }
}
