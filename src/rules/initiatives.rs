//! Initiatives as written (SPEC §14): EXE001 (an open initiative serves
//! nothing), EXE002 (it does not say what it should move, or by when) and
//! EXE003 (a hypothesis not of the form, or an experiment without one).

use crate::diagnostic::Diagnostic;
use crate::model::Object;
use crate::rules::Context;
use crate::schema::Code;
use crate::source::Span;

/// Runs the initiative rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(data) = o.as_initiative() else {
            continue;
        };
        let at_id = o.id.as_ref().map_or(o.anchor, |id| id.span);
        let pays = o.refs_in("pays").next().is_some();
        if o.serves().next().is_none() && !pays {
            out.push(
                ctx.about(
                    Code::EXE001,
                    i,
                    at_id,
                    format!("{} serves nothing: no objective or principle in `serves`, and it pays no debt", ctx.name(i)),
                )
                .help("name the objectives (or principles) it serves, e.g. `serves = [\"CO-1\"]`, or the debt it pays in `pays`"),
            );
        }
        let status = data.status();
        let scheduled = status == "active" || (status == "planned" && data.started.is_some());
        if scheduled && !pays {
            let mut missing = Vec::new();
            if o.refs_in("moves").next().is_none() {
                missing.push("what it should move (`moves`)");
            }
            if data.first_signal.is_none() {
                missing.push("by when (`first_signal`)");
            }
            if !missing.is_empty() {
                out.push(
                    ctx.about(
                        Code::EXE002,
                        i,
                        at_id,
                        format!("{} does not say {}", ctx.name(i), missing.join(" or ")),
                    )
                    .help("write `moves = { KPI-ID = 5 }` (the change expected in each KPI, its sign the direction) and `first_signal = \"6w\"` (a date, or a duration after it started)"),
                );
            }
        }
        hypothesis(ctx, i, o, at_id, out);
    }
}

/// EXE003 for one open initiative.
fn hypothesis(ctx: &Context<'_>, i: usize, o: &Object, at_id: Span, out: &mut Vec<Diagnostic>) {
    let Some(data) = o.as_initiative() else {
        return;
    };
    let form = "We believe <change> will <verb> <metric> by <amount>.";
    match &data.hypothesis {
        Some(h) if !is_hypothesis(&h.value) => out.push(
            ctx.about(
                Code::EXE003,
                i,
                h.span,
                format!(
                    "the hypothesis of {} is not of the form \"{form}\"",
                    ctx.name(i)
                ),
            )
            .help("e.g. \"We believe a guided setup will raise week-one activation by 5 points.\" (or `to <amount>`, or `from <amount> to <amount>`; each amount with a digit)"),
        ),
        None => {
            let experiment = data
                .theme
                .as_ref()
                .is_some_and(|t| ctx.config.execution.hypothesis_themes.contains(&t.value));
            if experiment {
                out.push(
                    ctx.about(
                        Code::EXE003,
                        i,
                        at_id,
                        format!("{} is an experiment with no hypothesis", ctx.name(i)),
                    )
                    .help(format!("write `hypothesis = \"{form}\"`")),
                );
            }
        }
        _ => {}
    }
}

/// Whether the first sentence of `text` (up to its first period followed
/// by whitespace or the end) is `We believe <change> will <verb> <metric>
/// (by <amount> | to <amount> | from <amount> to <amount>).`: the words in
/// any case and in that order, as whole words; `<change>` and `<verb>
/// <metric>` not empty; every amount holding a digit.
pub fn is_hypothesis(text: &str) -> bool {
    let text = text.trim_start();
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            c == '.' && text[i + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .map(|(i, _)| i);
    let Some(end) = end else {
        return false;
    };
    let words: Vec<&str> = text[..end].split_whitespace().collect();
    let is = |w: &str, k: &str| w.eq_ignore_ascii_case(k);
    if words.len() < 2 || !is(words[0], "we") || !is(words[1], "believe") {
        return false;
    }
    let rest = &words[2..];
    // `<change>` is at least one word before `will`.
    let Some(will) = rest.iter().skip(1).position(|w| is(w, "will")).map(|p| p + 1) else {
        return false;
    };
    let tail = &rest[will + 1..];
    let amount = |words: &[&str]| !words.is_empty() && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    // `<verb> <metric>` is at least one word before the amount's keyword.
    (1..tail.len()).any(|k| {
        let after = &tail[k + 1..];
        if is(tail[k], "by") || is(tail[k], "to") {
            amount(after)
        } else if is(tail[k], "from") {
            (0..after.len()).any(|j| is(after[j], "to") && amount(&after[..j]) && amount(&after[j + 1..]))
        } else {
            false
        }
    })
}

#[cfg(test)]
mod tests {
    use super::is_hypothesis;

    #[test]
    fn the_hypothesis_form() {
        for ok in [
            "We believe a guided setup will raise activation by 5 points.",
            "we BELIEVE cheaper plans will lift conversion to 4%.",
            "We believe caching will cut p95 latency from 300 ms to 120 ms. Then we scale it.",
            "We believe X will move Y by 3.",
        ] {
            assert!(is_hypothesis(ok), "{ok}");
        }
        for bad in [
            "We believe a guided setup will raise activation.",
            "A guided setup will raise activation by 5 points.",
            "We believe will raise activation by 5.",
            "We believe a setup will by 5.",
            "We believe a setup will raise activation by a lot.",
            "We believe a setup will raise activation by 5 points",
            "We believe caching will cut latency from 300 ms to fast.",
            "We think a setup will raise activation by 5.",
            "We believe a setup shall raise activation by 5.",
        ] {
            assert!(!is_hypothesis(bad), "{bad}");
        }
    }
}
