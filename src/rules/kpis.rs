//! KPIs: KPI001 (baseline or target missing or not a number) and KPI002
//! (baseline equals target).

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Number};
use crate::rules::Context;

/// Runs the KPI rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        if o.kind != Kind::Kpi {
            continue;
        }
        for (field, value) in [("baseline", &o.baseline), ("target", &o.target)] {
            let (span, what) = match value {
                Number::Value(_) => continue,
                Number::Missing => (o.anchor, "is missing"),
                Number::Invalid(span) => (*span, "is not a number"),
            };
            out.push(
                ctx.about(
                    "KPI001",
                    i,
                    span,
                    format!("`{field}` of {} {what}", ctx.name(i)),
                )
                .key(field)
                .help(format!(
                    "set `{field}` to a number, e.g. `{field} = 42` or `{field} = 0.35`"
                )),
            );
        }
        if let (Number::Value(b), Number::Value(t)) = (&o.baseline, &o.target) {
            if b.value == t.value {
                out.push(
                    ctx.about("KPI002", i, t.span, format!("{} has the same baseline and target ({})", ctx.name(i), t.value))
                        .related(o.file, b.span, "baseline")
                        .help("a target equal to the baseline asks for no change: set the target you are aiming for"),
                );
            }
        }
    }
}
