//! ALN001 and ALN002 (SPEC §15): a value below the top alignment layer
//! interprets nothing, or interprets a value that is not above it.
//! ALN003 (tenets across layers) runs with TEN007 in
//! [`crate::rules::tenet_usage`], which groups tenets by stance once.

use crate::alignment::{Layers, Misalignment, misalignment};
use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::schema::Code;

/// Runs ALN001 and ALN002.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let layers = Layers(&ctx.config.layers);
    for (i, o) in ctx.active() {
        let Some(how) = misalignment(ctx.repo, ctx.graph, layers, i) else {
            continue;
        };
        let Some((rank, layer)) = layers.of(o) else {
            continue;
        };
        let above = &ctx.config.layers[..rank];
        match how {
            Misalignment::Unanchored => out.push(
                ctx.about(
                    Code::ALN001,
                    i,
                    o.anchor,
                    format!(
                        "{} is on the {} layer and interprets no value above it",
                        ctx.name(i),
                        layer.value
                    ),
                )
                .help(format!(
                    "add `interprets = \"…\"` naming the {} value it puts into practice",
                    above.join(" or ")
                )),
            ),
            Misalignment::NotAbove(t) => {
                let target = &ctx.repo.objects[t];
                let Some((their, their_layer)) = layers.of(target) else {
                    continue;
                };
                let Some(at) = o.ref_in("interprets") else {
                    continue;
                };
                let relation = if their == rank { "the same layer" } else { "a lower layer" };
                let message = if t == i {
                    format!("{} interprets itself, not a value above it", ctx.name(i))
                } else {
                    format!(
                        "{} on the {} layer interprets {}, which is on the {} layer: {relation}, not one above it",
                        ctx.name(i),
                        layer.value,
                        ctx.name(t),
                        their_layer.value
                    )
                };
                let mut d = ctx.about(Code::ALN002, i, at.span, message);
                if t != i {
                    d = d.related(
                        target.file,
                        target.anchor,
                        format!("{} is on the {} layer", ctx.name(t), their_layer.value),
                    );
                }
                out.push(d.help(format!(
                    "name a value of the {} layer in `interprets`, or correct either value's `layer`",
                    above.join(" or ")
                )));
            }
            // OBJ001, SL006 or OBJ006 already say why.
            Misalignment::Dangling => {}
        }
    }
}
