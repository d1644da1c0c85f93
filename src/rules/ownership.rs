//! Ownership: OWN001 (no owner), OWN002 (not in the registry), OWN003
//! (departed person), OWN004 (KPI owned by the wrong kind of owner), and
//! OBJ001 for registry `team` and `lead` links that name nobody.

use crate::diagnostic::Diagnostic;
use crate::graph::{self, OwnerRef};
use crate::model::{Kind, Registry};
use crate::project::config::KpiOwner;
use crate::rules::Context;
use crate::schema::Code;
use crate::schema::Requirement;
use crate::suggest::did_you_mean;

/// The help of OWN002: the closest registry id, else where to add it.
fn unknown_owner_help(ctx: &Context<'_>, registry: &Registry, id: &str) -> String {
    let names = registry
        .people
        .keys()
        .chain(registry.teams.keys())
        .map(String::as_str);
    did_you_mean(id, names)
        .map(|c| format!("did you mean `{c}`?"))
        .unwrap_or_else(|| {
            format!(
                "add `[people.{id}]` or `[teams.{id}]` to {}",
                ctx.repo.files[registry.file].display
            )
        })
}

/// OWN002 for a decision's `deciders` (only OWN002: a decider who has
/// since left is history, not a fault). Adopted records' deciders are free
/// text and are not checked.
fn deciders(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(registry) = &ctx.repo.registry else {
        return;
    };
    for (i, o) in ctx.active() {
        let Some(d) = o.as_decision() else { continue };
        if d.free_text_deciders {
            continue;
        }
        for decider in &d.deciders {
            let id = crate::model::owner_id(&decider.value);
            if graph::owner(ctx.repo, id) != Some(OwnerRef::Unknown) {
                continue;
            }
            let help = unknown_owner_help(ctx, registry, id);
            out.push(
                ctx.about(
                    Code::OWN002,
                    i,
                    decider.span,
                    format!(
                        "decider `{id}` of {} is not in the owners registry",
                        ctx.name(i)
                    ),
                )
                .key(format!("decider:{id}"))
                .help(help),
            );
        }
    }
}

/// Runs the OWN rules.
pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    deciders(ctx, out);
    for (i, o) in ctx.active() {
        // The kinds whose `owner` OWN001 requires (SPEC §3).
        let needs_owner = o
            .kind
            .field("owner")
            .is_some_and(|f| f.requirement == Requirement::RequiredBy(Code::OWN001));
        let Some(owner) = &o.owner else {
            if needs_owner {
                out.push(
                    ctx.about(
                        Code::OWN001,
                        i,
                        o.anchor,
                        format!("{} has no owner", ctx.name(i)),
                    )
                    .help(ctx.twin(i, "owner").unwrap_or_else(|| {
                        "add `owner = \"…\"` naming the accountable person or team".to_owned()
                    })),
                );
            }
            continue;
        };
        let Some(found) = graph::owner(ctx.repo, &owner.value) else {
            continue;
        };
        let id = crate::model::owner_id(&owner.value);
        match found {
            OwnerRef::Unknown => {
                let registry = ctx.repo.registry.as_ref().expect("owner() returned Some");
                let help = unknown_owner_help(ctx, registry, id);
                out.push(
                    ctx.about(
                        Code::OWN002,
                        i,
                        owner.span,
                        format!(
                            "owner `{id}` of {} is not in the owners registry",
                            ctx.name(i)
                        ),
                    )
                    .key(id.to_owned())
                    .help(help),
                );
            }
            OwnerRef::Person { active: false } => {
                let registry = ctx.repo.registry.as_ref().expect("owner() returned Some");
                let person = &registry.people[id];
                out.push(
                    ctx.about(
                        Code::OWN003,
                        i,
                        owner.span,
                        format!(
                            "owner `{id}` of {} has left (`active = false`)",
                            ctx.name(i)
                        ),
                    )
                    .key(id.to_owned())
                    .related(
                        registry.file,
                        person.span,
                        format!("`{id}` is marked inactive here"),
                    )
                    .help("hand the object to an active person or team"),
                );
            }
            OwnerRef::Team if o.kind == Kind::Kpi && ctx.config.kpi_owner == KpiOwner::Person => {
                out.push(
                    ctx.about(Code::OWN004, i, owner.span, format!("{} is owned by team `{id}`, but a KPI must be owned by a person", ctx.name(i)))
                        .key(id.to_owned())
                        .help("name one accountable person, e.g. the team's lead (or set `kpi_owner = \"team\"` or `\"any\"`)"),
                );
            }
            OwnerRef::Person { .. }
                if o.kind == Kind::Kpi && ctx.config.kpi_owner == KpiOwner::Team =>
            {
                out.push(
                    ctx.about(Code::OWN004, i, owner.span, format!("{} is owned by person `{id}`, but `kpi_owner = \"team\"` requires a team", ctx.name(i)))
                        .key(id.to_owned())
                        .help("name the accountable team (or set `kpi_owner = \"person\"` or `\"any\"`)"),
                );
            }
            _ => {}
        }
    }
    registry_links(ctx, out);
}

fn registry_links(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(registry) = &ctx.repo.registry else {
        return;
    };
    for (id, person) in &registry.people {
        if let Some(team) = &person.team {
            if !registry.teams.contains_key(&team.value) {
                let help = did_you_mean(&team.value, registry.teams.keys().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"));
                out.push(
                    Diagnostic::new(
                        Code::OBJ001,
                        registry.file,
                        team.span,
                        format!(
                            "`team` of person `{id}` names `{}`, which is not a team",
                            team.value
                        ),
                    )
                    .object(Some(id), None)
                    .key(format!("team:{}", team.value))
                    .maybe_help(help.or_else(|| Some(format!("add `[teams.{}]`", team.value)))),
                );
            }
        }
    }
    for (id, team) in &registry.teams {
        if let Some(lead) = &team.lead {
            if !registry.people.contains_key(&lead.value) {
                let help = did_you_mean(&lead.value, registry.people.keys().map(String::as_str))
                    .map(|c| format!("did you mean `{c}`?"));
                out.push(
                    Diagnostic::new(
                        Code::OBJ001,
                        registry.file,
                        lead.span,
                        format!(
                            "`lead` of team `{id}` names `{}`, which is not a person",
                            lead.value
                        ),
                    )
                    .object(Some(id), None)
                    .key(format!("lead:{}", lead.value))
                    .maybe_help(help.or_else(|| Some(format!("add `[people.{}]`", lead.value)))),
                );
            } else if registry.people.get(&lead.value).is_some_and(|p| !p.active) {
                out.push(
                    Diagnostic::new(
                        Code::OWN003,
                        registry.file,
                        lead.span,
                        format!(
                            "`lead` of team `{id}` is `{}`, who has left (`active = false`)",
                            lead.value
                        ),
                    )
                    .object(Some(id), None)
                    .key(format!("lead:{}", lead.value))
                    .help("name the team's current lead, or remove `lead` until there is one"),
                );
            }
        }
    }
}
