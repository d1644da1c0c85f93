//! KPIs: KPI001 (baseline or target missing or not a number) and KPI002
//! (baseline equals target), which a guardrail (SPEC §15) skips; a
//! guardrail's `min` above its `max` is SL006.

use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::rules::Context;
use crate::schema::Code;

/// Runs the KPI rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(k) = o.as_kpi() else {
            continue;
        };
        if k.is_guardrail() {
            guardrail_range(ctx, i, k, out);
            continue;
        }
        for (field, value) in [("baseline", &k.baseline), ("target", &k.target)] {
            let (span, what, label) = match value {
                Number::Value(_) => continue,
                Number::Missing => (o.anchor, "is missing", format!("no {field}")),
                Number::Invalid(span) => (*span, "is not a number", "not a number".to_owned()),
            };
            out.push(
                ctx.about(
                    Code::KPI001,
                    i,
                    span,
                    format!("`{field}` of {} {what}", ctx.name(i)),
                )
                .key(field)
                .label(label)
                .help(ctx.twin(i, field).unwrap_or_else(|| {
                    format!("set `{field}` to a number, e.g. `{field} = 42` or `{field} = 0.35`")
                })),
            );
        }
        let maintain = k
            .direction
            .as_ref()
            .is_some_and(|d| d.value == crate::model::Direction::Maintain);
        if let (Number::Value(b), Number::Value(t), false) = (&k.baseline, &k.target, maintain) {
            if b.value == t.value {
                out.push(
                    ctx.about(Code::KPI002, i, t.span, format!("{} has the same baseline and target ({})", ctx.name(i), t.value))
                        .related(o.file, b.span, "baseline")
                        .help("a target equal to the baseline asks for no change: set the target you are aiming for"),
                );
            }
        }
    }
}

/// SL006 for a guardrail whose `min` is above its `max`: no value is inside.
fn guardrail_range(ctx: &Context<'_>, i: usize, k: &crate::model::KpiData, out: &mut Vec<Diagnostic>) {
    if let (Number::Value(min), Number::Value(max)) = (&k.min, &k.max) {
        if min.value > max.value {
            out.push(
                ctx.about(
                    Code::SL006,
                    i,
                    min.span,
                    format!(
                        "`min` of {} ({}) is above its `max` ({}): no value is inside",
                        ctx.name(i),
                        min.value,
                        max.value
                    ),
                )
                .key("min-above-max")
                .related(ctx.repo.objects[i].file, max.span, "max")
                .help("swap `min` and `max`, or fix the one that is wrong"),
            );
        }
    }
}
