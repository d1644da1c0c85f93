//! Tenets (SPEC §4): TEN001–TEN005, each judged on its own.

use crate::diagnostic::Diagnostic;
use crate::parse::tenet::Grammar;
use crate::model::{Tenet, TenetOrigin};
use crate::rules::Context;
use crate::schema::Code;

/// A reason introduced by another word than `because`.
static OTHER_REASON: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\bover\b.*?[\s,]((?:since|as|given that))\s+\S")
        .expect("static regex")
});

const CANONICAL: &str =
    "write it as `When <situation>, we <verb> <option A> over <option B> because <rationale>.`";

/// Runs the TEN rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let grammar = Grammar::of(&ctx.config.tenet_verbs);
    for tenet in &ctx.repo.tenets {
        if tenet
            .object
            .is_some_and(|o| !ctx.repo.objects[o].is_active())
        {
            continue;
        }
        judge(ctx, &grammar, tenet, out);
    }
}

/// How a message names a tenet: `tenet `id``, `a tenet in `id`` or `a tenet`.
struct Owner<'a>((&'static str, &'a str));

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            (words, "") => f.write_str(words),
            (words, id) => write!(f, "{words}{id}`"),
        }
    }
}

fn judge(ctx: &Context<'_>, grammar: &Grammar, tenet: &Tenet, out: &mut Vec<Diagnostic>) {
    let read;
    let parts = match &tenet.parts {
        Some(p) => p,
        None => {
            read = grammar.parse(&tenet.text);
            &read
        }
    };
    let object = tenet.object.map(|o| &ctx.repo.objects[o]);
    let id = object.and_then(|o| o.id());
    let own_object = object.is_some_and(|o| o.kind == crate::model::Kind::Tenet);
    // How messages name it, written out only for a tenet that is reported.
    let owner = Owner(match (tenet.origin, id) {
        (_, Some(id)) if own_object => ("tenet `", id),
        (TenetOrigin::ListItem, Some(id)) => ("a tenet in `", id),
        _ => ("a tenet", ""),
    });
    let make = |code: Code, msg: String, help: String| {
        // A tenet's fingerprint key is its id when it is an object of its
        // own, else its normalized text.
        let key = match (own_object, id) {
            (true, Some(id)) => id.to_owned(),
            _ => tenet.text.clone(),
        };
        Diagnostic::new(code, tenet.file, tenet.span, msg)
            .object(id, tenet.object)
            .key(key)
            .help(help)
    };
    if parts.situation.is_none() {
        out.push(make(
            Code::TEN001,
            format!("{owner} does not open with `When <situation>,`"),
            CANONICAL.to_owned(),
        ));
    }
    match (&parts.chosen, &parts.rejected) {
        (Some(a), Some(b)) => {
            // Two ASCII options of different lengths differ in any case.
            let (a_, b_) = (a.trim(), b.trim());
            let may = a_.len() == b_.len() || !a_.is_ascii() || !b_.is_ascii();
            if may && a_.to_lowercase() == b_.to_lowercase() {
                out.push(make(
                    Code::TEN004,
                    format!("{owner} chooses `{a}` over itself"),
                    "name the alternative you are giving up, not the same option twice".to_owned(),
                ));
            }
        }
        _ => {
            let verbs = ctx.config.tenet_verbs.join("`, `");
            out.push(make(
                Code::TEN002,
                format!("{owner} names no rejected alternative (`we <verb> A over B`)"),
                format!(
                    "say what you give up: `we {} A over B` (verbs: `{verbs}`)",
                    ctx.config
                        .tenet_verbs
                        .first()
                        .map_or("choose", String::as_str)
                ),
            ));
        }
    }
    match &parts.rationale {
        Some(_) if !parts.rationale_closed => out.push(
            make(
                Code::TEN003,
                format!("{owner} gives a rationale that does not end with a period"),
                "end the tenet with a period: `… because <the reason>.`".to_owned(),
            )
            .label("no final period"),
        ),
        Some(_) => {}
        None => {
            // `since …` or `as …` read as a reason by people, not by the grammar.
            let other = OTHER_REASON
                .captures(&tenet.text)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_lowercase());
            let help = match other {
                Some(word) => format!(
                    "write the reason after `because`, not `{word}`: `… because <the reason>.` \
                     (only `because` introduces a rationale)"
                ),
                None => "end the tenet with `because <the reason>.`".to_owned(),
            };
            out.push(make(
                Code::TEN003,
                format!("{owner} gives no rationale (`because …` ending in a period)"),
                help,
            ));
        }
    }
    if let Some(rationale) = &parts.rationale {
        let min = ctx.config.min_rationale_words;
        // Counted in full only for a rationale that is too short.
        if rationale.split_whitespace().nth(min.saturating_sub(1)).is_none() && min > 0 {
            let words = rationale.split_whitespace().count();
            out.push(make(
                Code::TEN005,
                format!(
                    "{owner} gives its rationale in {words} word{} (at least {min} expected)",
                    if words == 1 { "" } else { "s" }
                ),
                "explain the reason so a newcomer could apply the tenet to a new case".to_owned(),
            ));
        }
    }
}
