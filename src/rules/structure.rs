//! SL rules that need the whole repository: SL004 (duplicate ids). The
//! other SL codes are found while parsing (see [`crate::parse`]).

use crate::diagnostic::Diagnostic;
use crate::rules::Context;
use crate::schema::Code;

/// SL004: every occurrence of an id after the first, pointing back at the first.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, o) in ctx.repo.objects.iter().enumerate() {
        let Some(id) = &o.id else { continue };
        let all = ctx.graph.all(&id.value);
        let Some(pos) = all.iter().position(|&x| x == i) else {
            continue;
        };
        if pos == 0 {
            continue;
        }
        let first = &ctx.repo.objects[all[0]];
        let first_file = &ctx.repo.files[first.file].display;
        out.push(
            ctx.about(
                Code::SL004,
                i,
                id.span,
                format!(
                    "duplicate id `{}`: already used by {} {} in {first_file}",
                    id.value,
                    crate::rules::objectives::article(first.kind.name()),
                    first.kind.name()
                ),
            )
            .key(format!("{}#{pos}", ctx.repo.files[o.file].rel))
            .related(
                first.file,
                first.anchor,
                format!("`{}` first defined here", id.value),
            )
            .help("give each object a unique id"),
        );
    }
}
