//! The library's one entry point, `analysis::analyze`, as the coming views
//! (map, report, language server) will call it: on a project found on disk,
//! with unsaved texts (overlays) in place of files, returning the model, the
//! graph and the diagnostics, never printing.

mod common;
use common::{OWNERS, Project};

use std::path::Path;

use stratlint::analysis::{Analysis, Options, analyze};
use stratlint::date::Date;
use stratlint::model::{Direction, Number};
use stratlint::project::locate;
use stratlint::schema::{Code, Relation};
use stratlint::snapshot::Overlays;

const TREE: &str = r#"[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"

[[objective]]
id = "DEP-1"
title = "Sell more"
level = "department"
parent = "CO-1"
owner = "alice"

[[kpi]]
id = "K-1"
title = "Revenue"
objective = "DEP-1"
owner = "alice"
baseline = 10
target = 20
current = 12.5
unit = "MUSD"
direction = "increase"
due = 2027-06-30
"#;

fn run(dir: &Path, overlays: &Overlays) -> Analysis {
    let project = locate(dir, &[], None).expect("a project");
    let options = Options {
        now: Date::parse("2026-11-25"),
        no_history: true,
        ..Default::default()
    };
    analyze(project, overlays, &options).expect("an analysis")
}

fn codes(a: &Analysis) -> Vec<(&'static str, String)> {
    a.diagnostics
        .iter()
        .map(|d| (d.code.as_str(), a.model.files[d.file].rel.clone()))
        .collect()
}

#[test]
fn the_model_keeps_every_value_parsed_and_the_graph_its_typed_edges() {
    let p = Project::with_owners();
    p.write("tree.toml", TREE);
    let a = run(p.path(), &Overlays::new());
    assert!(a.diagnostics.is_empty(), "{:?}", codes(&a));
    let id = |id: &str| a.graph.get(id).expect(id);
    let kpi = a.model.objects[id("K-1")].as_kpi().expect("a KPI");
    assert!(matches!(&kpi.current, Number::Value(v) if v.value == 12.5));
    assert_eq!(kpi.unit.as_ref().map(|u| u.value.as_str()), Some("MUSD"));
    assert_eq!(
        kpi.direction.as_ref().map(|d| d.value),
        Some(Direction::Increase)
    );
    assert_eq!(kpi.due.as_ref().map(|d| d.value), Date::parse("2027-06-30"));
    assert_eq!(a.graph.parent(id("DEP-1")), Some(id("CO-1")));
    assert_eq!(
        a.graph.children(id("CO-1")).collect::<Vec<_>>(),
        [id("DEP-1")]
    );
    assert_eq!(
        a.graph.target(id("K-1"), Relation::Measures),
        Some(id("DEP-1"))
    );
    let into_dep: Vec<_> = a
        .graph
        .incoming(id("DEP-1"))
        .map(|e| (e.from, e.relation))
        .collect();
    assert_eq!(into_dep, [(id("K-1"), Relation::Measures)]);
}

#[test]
fn an_overlay_replaces_the_file_on_disk_and_a_fix_in_one_file_clears_another() {
    let p = Project::with_owners();
    p.write("tree.toml", TREE);
    // On disk the KPI names an objective that is not there.
    p.write("kpis.toml", "[[kpi]]\nid = \"K-2\"\ntitle = \"Deals\"\nobjective = \"DEP-2\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n");
    let on_disk = run(p.path(), &Overlays::new());
    assert_eq!(codes(&on_disk), [("OBJ001", "kpis.toml".to_owned())]);
    // Unsaved: DEP-2 now exists in the editor's buffer of tree.toml.
    let mut overlays = Overlays::new();
    let dep2 = "\n[[objective]]\nid = \"DEP-2\"\ntitle = \"Close\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n";
    overlays.insert(
        on_disk.project.root.join("tree.toml"),
        format!("{TREE}{dep2}"),
    );
    let edited = run(p.path(), &overlays);
    assert!(edited.diagnostics.is_empty(), "{:?}", codes(&edited));
    // Nothing was written.
    assert_eq!(
        std::fs::read_to_string(p.path().join("tree.toml")).unwrap(),
        TREE
    );
}

#[test]
fn an_overlay_of_a_file_not_yet_saved_is_loaded() {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("tree.toml", TREE);
    let root = run(p.path(), &Overlays::new()).project.root;
    let mut overlays = Overlays::new();
    overlays.insert(
        root.join("principles/new.md"),
        "+++\nkind = \"principle\"\nid = \"P-NEW\"\ntitle = \"Small\"\nowner = \"nobody\"\nreviewed = 2026-11-01\n+++\n\nSee [the plan](plan.md).\n".to_owned(),
    );
    overlays.insert(root.join("notes.txt"), "not strategy".to_owned());
    let a = run(p.path(), &overlays);
    let found: Vec<_> = a
        .diagnostics
        .iter()
        .map(|d| (d.code, a.model.files[d.file].rel.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Code::OWN002, "principles/new.md"),
            (Code::LNK001, "principles/new.md")
        ]
    );
    // A link to another unsaved file resolves.
    overlays.insert(root.join("principles/plan.md"), "# Plan\n".to_owned());
    let a = run(p.path(), &overlays);
    assert_eq!(
        a.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(),
        [Code::OWN002]
    );
}
