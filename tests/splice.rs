//! The language server's re-check splices the files that changed into the
//! model it kept (src/splice.rs): each step of an editing session, run the
//! way the server runs it (the parse cache, the last model handed back as
//! it was loaded), gives the same model and the same diagnostics as an
//! analysis from scratch. The edits add and remove objects, tenets, links
//! and suppressions in a file between others, break and mend its syntax,
//! empty it, edit the owners registry, and write a date in the future; the
//! project is in git with an undated adopted record, which history dates.

mod common;
use common::{OWNERS, Project, TREE};

use std::sync::Arc;

use stratlint::analysis::{Analysis, Options, analyze, hand_back};
use stratlint::date::Date;
use stratlint::facts::kept::Kept;
use stratlint::history::Timeline;
use stratlint::load::ParseCache;
use stratlint::project::locate;
use stratlint::snapshot::Overlays;

const DATE: &str = "2026-10-01T12:00:00+00:00";

/// A KPI `id` of objective `CO-1`, owned by `owner`.
fn kpi(id: &str, owner: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"Revenue {id}\"\nobjective = \"CO-1\"\nowner = \"{owner}\"\nbaseline = 1\ntarget = 2\n\n"
    )
}

/// A principle document with `tenets` tenets and one with an id of its
/// own, a link to `target`, and a suppression comment.
fn principle(id: &str, tenets: usize, target: &str, reviewed: &str) -> String {
    let mut text = format!(
        "+++\nkind = \"principle\"\nid = \"{id}\"\ntitle = \"Principle {id}\"\nowner = \"alice\"\nserves = \"CO-1\"\nreviewed = {reviewed}\n+++\n\n# Principle {id}\n\nSee [the tree]({target}).\n\n## Tenets\n\n"
    );
    for n in 0..tenets {
        text.push_str(&format!(
            "- When case {n} happens, we choose speed over polish because users wait for it {n}.\n"
        ));
    }
    text.push_str(&format!(
        "- When tea runs out, we choose tea over coffee because it calms the team. {{#T-{id}}}\n"
    ));
    text.push_str(
        "\n<!-- stratlint-disable-next-line TEN005 -->\n- When x, we choose a over b because c.\n",
    );
    text
}

/// What a comparison reads of an analysis: its model's lists and its
/// diagnostics, written out.
fn seen(a: &Analysis) -> (String, Vec<String>) {
    let m = &a.model;
    let model = format!(
        "{:#?}",
        (
            &m.files,
            &m.objects,
            &m.tenets,
            &m.links,
            &m.suppressions,
            &m.anchors,
            &m.registry
        )
    );
    let diagnostics = a
        .diagnostics
        .iter()
        .map(|d| format!("{} {} {:?}", m.files[d.file].rel, d.code.as_str(), d))
        .collect();
    (model, diagnostics)
}

/// Analyzes the project at `p` with `overlays`, with the `cache` (and the
/// last model handed back to it) as the server does, or from scratch; with
/// git's dates from an earlier read of history, as the server reads them.
fn analysis(
    p: &Project,
    overlays: &Overlays,
    cache: Option<&Arc<ParseCache>>,
    history: Option<&Arc<Timeline>>,
    facts_from: Option<Arc<Kept>>,
) -> Analysis {
    let project = locate(p.path(), &[], None).expect("a project");
    let options = Options {
        now: Date::parse("2026-11-25"),
        parse_cache: cache.cloned(),
        history_from: history.cloned(),
        facts_from,
        ..Default::default()
    };
    analyze(project, overlays, &options).expect("an analysis")
}

#[test]
fn each_edit_spliced_into_the_kept_model_reads_as_a_load_from_scratch() {
    let p = Project::new();
    // A principle no step edits, committed before the objective it serves
    // last changed: its age's served changes name that objective.
    p.write(
        "e-principle.md",
        &principle("P-3", 0, "a-tree.toml", "2026-01-10")
            .replace("serves = \"CO-1\"", "serves = [\"CO-1\"]"),
    );
    p.commit_all("an early principle", "2026-03-01T12:00:00+00:00");
    p.write("stratlint.toml", "[decisions]\nadr = [\"docs/adr\"]\n");
    p.write("owners.toml", OWNERS);
    p.write("a-tree.toml", TREE);
    p.write(
        "b-principle.md",
        &principle("P-1", 2, "a-tree.toml", "2026-01-10"),
    );
    p.write(
        "c-kpis.toml",
        &format!("{}{}", kpi("K-2", "alice"), kpi("K-3", "zed")),
    );
    p.write(
        "d-principle.md",
        &principle("P-2", 1, "missing.md", "2026-02-10"),
    );
    p.write(
        "docs/adr/0001-use-git.md",
        "# 1. Use git\n\n## Status\n\nAccepted\n\n## Context\n\nWe had to decide.\n",
    );
    p.commit_all("strategy", DATE);
    let root = std::fs::canonicalize(p.path()).unwrap();
    let at = |rel: &str| root.join(rel);

    let kpis = |list: &[(&str, &str)]| list.iter().map(|(id, o)| kpi(id, o)).collect::<String>();
    let steps: Vec<(&str, String)> = vec![
        ("c-kpis.toml", kpis(&[("K-2", "alice"), ("K-3", "zed")])),
        ("c-kpis.toml", kpis(&[("K-2", "alice"), ("K-3", "zoe")])),
        (
            "c-kpis.toml",
            kpis(&[("K-2", "alice"), ("K-3", "zoe"), ("K-4", "bob")]),
        ),
        (
            "b-principle.md",
            principle("P-1", 5, "nowhere.md", "2026-01-10"),
        ),
        ("c-kpis.toml", kpis(&[("K-4", "bob")])),
        ("c-kpis.toml", "[[kpi]\nid = \"K-9\"\n".to_owned()),
        ("c-kpis.toml", kpis(&[("K-2", "carol"), ("K-3", "zed")])),
        (
            "b-principle.md",
            principle("P-1", 0, "a-tree.toml", "2027-03-01"),
        ),
        (
            "d-principle.md",
            principle("P-2", 3, "a-tree.toml", "2027-05-05"),
        ),
        (
            "b-principle.md",
            principle("P-1", 1, "a-tree.toml", "2026-01-10"),
        ),
        (
            "owners.toml",
            OWNERS.replace("[people.bob]", "[people.zed]"),
        ),
        ("c-kpis.toml", String::new()),
        ("c-kpis.toml", kpis(&[("K-2", "alice")])),
        (
            "docs/adr/0001-use-git.md",
            "# 1. Use git\n\n## Status\n\nAccepted\n\nDate: 2026-09-01\n".to_owned(),
        ),
        (
            "docs/adr/0001-use-git.md",
            "# 1. Use git\n\n## Status\n\nAccepted\n".to_owned(),
        ),
        // Renaming the objective the principles serve, in place: their ages'
        // served changes are computed again, the rest of their facts kept.
        ("a-tree.toml", TREE.replace("CO-1", "CO-9")),
        ("a-tree.toml", TREE.to_owned()),
        // A KPI measured in the editor: its own facts computed again.
        (
            "c-kpis.toml",
            kpis(&[("K-2", "alice")]).replace("target = 2\n", "target = 2\ncurrent = 1.5\n"),
        ),
        // A half-life written in the editor: that principle's age computed again.
        (
            "b-principle.md",
            principle("P-1", 1, "a-tree.toml", "2026-01-10")
                .replace("reviewed =", "half_life = \"30d\"\nreviewed ="),
        ),
        // A tenet that reverses another's (TEN007): the tenet checks run
        // again; a KPI edited next keeps their findings, TEN007 included;
        // the tenet taken back clears it.
        (
            "b-principle.md",
            principle("P-1", 1, "a-tree.toml", "2026-01-10").replace(
                "\n<!--",
                "- When tea runs out, we choose coffee over tea because it wakes us.\n\n<!--",
            ),
        ),
        ("c-kpis.toml", kpis(&[("K-2", "zed")])),
        (
            "b-principle.md",
            principle("P-1", 1, "a-tree.toml", "2026-01-10"),
        ),
        // A link that breaks (LNK001) in the one file changed: the link check
        // runs again; the KPI edited next keeps its finding.
        (
            "d-principle.md",
            principle("P-2", 3, "gone.md", "2027-05-05"),
        ),
        ("c-kpis.toml", kpis(&[("K-2", "alice")])),
    ];
    let mut overlays = Overlays::new();
    let first = analysis(&p, &overlays, None, None, None);
    let p3 = first
        .model
        .objects
        .iter()
        .position(|o| o.id() == Some("P-3"))
        .unwrap();
    let served = &first.facts.aging(p3).expect("an age").served_changes;
    assert_eq!(
        served.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["CO-1"]
    );
    let history = Arc::new(first.timeline);
    assert!(history.git.is_some(), "history was read");
    let cache = Arc::new(ParseCache::new());
    let mut last: Option<Analysis> = None;
    let (mut spliced, mut reused, mut checks_kept) = (Vec::new(), Vec::new(), Vec::new());
    for (n, (rel, text)) in steps.iter().enumerate() {
        let before = cache.splices();
        overlays.insert(at(rel), text.clone());
        // As the server does: the last facts kept, the last model handed back.
        let mut facts_from = None;
        if let Some(mut a) = last.take() {
            facts_from = Some(hand_back(&mut a, &cache, true));
        }
        let kept = analysis(
            &p,
            &overlays,
            Some(&cache),
            Some(&history),
            facts_from.clone(),
        );
        let fresh = analysis(&p, &overlays, None, Some(&history), None);
        let (kept_seen, fresh_seen) = (seen(&kept), seen(&fresh));
        assert_eq!(kept_seen.1, fresh_seen.1, "step {n} ({rel}): diagnostics");
        assert_eq!(kept_seen.0, fresh_seen.0, "step {n} ({rel}): model");
        assert!(kept.facts == fresh.facts, "step {n} ({rel}): facts");
        if facts_from
            .as_ref()
            .is_some_and(|f| f.holds_for(&kept.model, &kept.project.config, &kept.timeline))
        {
            reused.push(n);
        }
        // The model checks whose findings were kept.
        if let Some(r) = facts_from
            .as_ref()
            .and_then(|f| f.reuse(&kept.model, &kept.project.config, kept.timeline.now))
        {
            for (i, c) in stratlint::rules::CHECKS.iter().enumerate() {
                if stratlint::rules::scope::kept(&r, i, c.scope.as_ref()).is_some() {
                    checks_kept.push((n, c.name));
                }
            }
        }
        last = Some(kept);
        if cache.splices() > before {
            spliced.push(n);
        }
    }
    // The facts were kept where the splice left every object in its place.
    println!("{reused:?}");
    assert_eq!(
        reused,
        [
            1, 3, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23
        ]
    );
    // The tenet and link checks' findings were kept where the changed files
    // held none of what they read: KPIs and the registry edited (1, 10,
    // 17, 20, 23: TEN007 and LNK001 kept as found), an ADR whose headings
    // did not change (14); the ADR dated (13) changed a decision.
    println!("{checks_kept:?}");
    let all = ["tenets", "tenet_usage", "links"];
    let mut expected: Vec<(usize, &str)> = Vec::new();
    for n in [1, 10] {
        expected.extend(all.map(|c| (n, c)));
    }
    expected.extend([(13, "tenets"), (14, "tenets"), (14, "links")]);
    for n in [17, 20, 23] {
        expected.extend(all.map(|c| (n, c)));
    }
    assert_eq!(checks_kept, expected);
    // The steps that kept the same files were spliced: not the first load
    // (nothing kept yet), nor the steps that changed which files are
    // strategy (the KPI file broken, emptied, and each step after those).
    println!("{spliced:?}");
    assert_eq!(
        spliced,
        [
            1, 2, 3, 4, 7, 8, 9, 10, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23
        ]
    );
}
