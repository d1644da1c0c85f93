//! KPI009 (SPEC §15): a guardrail outside its range. A KPI with `min`
//! and/or `max` is a guardrail (a non-functional requirement, a DORA
//! metric): a range to stay inside rather than a target to reach. A value
//! equal to a bound is within.

use crate::diagnostic::Diagnostic;
use crate::model::Number;
use crate::rules::Context;
use crate::rules::kpi_motion::upstream;
use crate::schema::Code;

/// Runs KPI009.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.active() {
        let Some(k) = o.as_kpi().filter(|k| k.is_guardrail()) else {
            continue;
        };
        let Number::Value(current) = &k.current else {
            continue;
        };
        let unit = k
            .unit
            .as_ref()
            .map_or(String::new(), |u| format!(" {}", u.value));
        let breach = match (&k.min, &k.max) {
            (Number::Value(min), _) if current.value < min.value => Some(("below its `min`", min)),
            (_, Number::Value(max)) if current.value > max.value => Some(("above its `max`", max)),
            _ => None,
        };
        let Some((how, bound)) = breach else {
            continue;
        };
        let d = ctx
            .about(
                Code::KPI009,
                i,
                current.span,
                format!(
                    "{} is at {}{unit}, {how} of {}{unit}",
                    ctx.name(i),
                    current.value,
                    bound.value
                ),
            )
            .related(o.file, bound.span, "the bound it crossed")
            .help("bring it back inside its range (a guardrail is a limit to stay within, not a target), or change the bound on purpose");
        out.push(upstream(ctx, i, d));
    }
}
