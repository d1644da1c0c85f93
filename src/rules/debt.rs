//! The debt register as written (SPEC §14): DEBT001 (a cost not quantified).

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::schema::Code;

/// Runs the debt rules that read the model alone.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(data) = o.as_debt() else {
            continue;
        };
        let Some(impact) = &data.impact else {
            continue;
        };
        let numbered = impact.value.chars().any(|c| c.is_ascii_digit());
        if !numbered && data.interest.is_none() {
            out.push(
                ctx.about(
                    Code::DEBT001,
                    i,
                    impact.span,
                    format!("the cost of {} is not quantified: its `impact` states no number and it has no `interest`", ctx.name(i)),
                )
                .help("say what it costs in numbers (\"slows every checkout change by 3 days\"), or set `interest` (its cost per quarter)"),
            );
        }
    }
}
