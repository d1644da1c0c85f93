//! Values in layers (SPEC §15): the `value` kind, ALN001 (a value below the
//! top layer interprets nothing), ALN002 (it interprets a value not above
//! it), ALN003 (a tenet contradicts a higher layer's), layered tenets
//! (a `[[tenet]]`'s own `layer`, a list item's from its value document),
//! and the report's Alignment section and the map's `interprets` edges.

mod common;
use common::{OWNERS, Project, lint, lint_with_owners};
use serde_json::json;

/// A value with these extra lines.
fn value(id: &str, layer: &str, extra: &str) -> String {
    format!(
        "[[value]]\nid = \"{id}\"\ntitle = \"Value {id}\"\nlayer = \"{layer}\"\nowner = \"alice\"\n{extra}\n"
    )
}

/// A layered tenet choosing `a` over `b` in one situation.
fn tenet(id: &str, layer: &str, a: &str, b: &str) -> String {
    let layer = if layer.is_empty() {
        String::new()
    } else {
        format!("layer = \"{layer}\"\n")
    };
    format!(
        "[[tenet]]\nid = \"{id}\"\n{layer}text = \"When a capability is a commodity, we choose {a} over {b} because it keeps the team on what matters.\"\n\n"
    )
}

fn values(text: &str) -> common::Run {
    lint_with_owners(&[("values.toml", text)])
}

#[test]
fn aln001_a_function_value_or_team_practice_that_interprets_nothing() {
    let text = value("V-CO", "company", "") + &value("V-ENG", "function", "");
    let r = values(&text);
    let d = r.expect_one("ALN001", "values.toml", 8, Some("V-ENG"));
    assert_eq!(
        d["message"],
        "value `V-ENG` is on the function layer and interprets no value above it"
    );
    assert_eq!(d["column"], 6);
    assert_eq!(d["severity"], "warning");
    // Interpreting a value above: quiet; a top-layer value needs nothing.
    values(&(value("V-CO", "company", "") + &value("V-ENG", "function", "interprets = \"V-CO\"")))
        .expect_clean();
    values(&value("V-CO", "company", "")).expect_clean();
    // A team practice may interpret a company value directly.
    values(&(value("V-CO", "company", "") + &value("V-T", "team", "interprets = \"V-CO\"")))
        .expect_clean();
    // Retired: not judged.
    values(&value("V-ENG", "function", "status = \"retired\"")).expect_clean();
}

#[test]
fn a_layer_outside_the_configured_ones_is_sl006_and_no_aln_rule_judges_it() {
    let r = values(&value("V-ENG", "functoin", ""));
    let d = r.expect_one("SL006", "values.toml", 4, Some("V-ENG"));
    assert_eq!(
        d["message"],
        "`functoin` is not an alignment layer (in value `V-ENG`)"
    );
    assert_eq!(
        d["help"],
        "did you mean \"function\"? (layers are set by `alignment.layers`)"
    );
    r.expect_none("ALN001");
    // A missing layer is SL003; the value is then on no layer.
    let r = values("[[value]]\nid = \"V-X\"\ntitle = \"X\"\nowner = \"alice\"\n");
    r.expect_one("SL003", "values.toml", 2, Some("V-X"));
    r.expect_none("ALN001");
    // The config's own layers: `function` is not one of them, `department` is.
    let config = "[alignment]\nlayers = [\"company\", \"department\", \"team\"]\n";
    let owners = ("owners.toml", OWNERS);
    let r = lint(
        config,
        &[owners, ("values.toml", &value("V-ENG", "function", ""))],
    );
    r.expect_one("SL006", "values.toml", 4, Some("V-ENG"));
    let r = lint(
        config,
        &[owners, ("values.toml", &value("V-ENG", "department", ""))],
    );
    r.expect_one("ALN001", "values.toml", 2, Some("V-ENG"));
    assert!(
        r.with_code("ALN001")[0]["help"]
            .as_str()
            .unwrap()
            .contains("naming the company value")
    );
}

#[test]
fn aln002_interprets_a_value_on_the_same_or_a_lower_layer() {
    let base = value("V-CO", "company", "")
        + &value("V-ENG", "function", "interprets = \"V-CO\"")
        + &value("V-T1", "team", "interprets = \"V-ENG\"");
    // Same layer.
    let r = values(&(base.clone() + &value("V-T2", "team", "interprets = \"V-T1\"")));
    let d = r.expect_one("ALN002", "values.toml", 24, Some("V-T2"));
    assert_eq!(
        d["message"],
        "value `V-T2` on the team layer interprets value `V-T1`, which is on the team layer: the same layer, not one above it"
    );
    assert_eq!(d["column"], 14);
    assert_eq!(common::related(&d), ["value `V-T1` is on the team layer"]);
    // A lower layer.
    let r = values(&(base.clone() + &value("V-F2", "function", "interprets = \"V-T1\"")));
    let d = r.expect_one("ALN002", "values.toml", 24, Some("V-F2"));
    assert!(
        d["message"].as_str().unwrap().contains("a lower layer"),
        "{d}"
    );
    // A value interpreting itself.
    let r = values(&(base.clone() + &value("V-T2", "team", "interprets = \"V-T2\"")));
    let d = r.expect_one("ALN002", "values.toml", 24, Some("V-T2"));
    assert_eq!(
        d["message"],
        "value `V-T2` interprets itself, not a value above it"
    );
    assert!(common::related(&d).is_empty());
    // A company value interpreting anything is top-layer: not judged.
    values(&(base.clone() + &value("V-CO2", "company", "interprets = \"V-T1\""))).expect_clean();
    // Names no value: OBJ001; names a KPI-like other kind: SL006; a retired value: OBJ006.
    let r = values(&(base.clone() + &value("V-T2", "team", "interprets = \"V-ENGG\"")));
    r.expect_one("OBJ001", "values.toml", 24, Some("V-T2"));
    r.expect_none("ALN002");
    r.expect_none("ALN001");
    let tenet = "[[tenet]]\nid = \"T-1\"\ntext = \"When a capability is a commodity, we choose buying over building because our edge is elsewhere.\"\n\n";
    let r = values(&(tenet.to_owned() + &base + &value("V-T2", "team", "interprets = \"T-1\"")));
    r.expect_one("SL006", "values.toml", 28, Some("V-T2"));
    r.expect_none("ALN002");
    let retired = value("V-OLD", "company", "status = \"retired\"");
    let r = values(&(retired + &value("V-ENG", "function", "interprets = \"V-OLD\"")));
    r.expect_one("OBJ006", "values.toml", 12, Some("V-ENG"));
    r.expect_none("ALN002");
    r.expect_none("ALN001");
}

#[test]
fn aln003_a_tenet_that_reverses_a_higher_layer_s_in_the_same_situation() {
    let company = tenet("T-CO", "company", "buying it", "building it");
    let function = tenet("T-ENG", "function", "building it", "buying it");
    let r = lint_with_owners(&[("tenets.toml", &(company.clone() + &function))]);
    let d = r.expect_one("ALN003", "tenets.toml", 9, Some("T-ENG"));
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["message"],
        "tenet `T-ENG` on the function layer chooses `building it` over `buying it`, but tenet `T-CO` on the company layer chooses `buying it` over `building it` in the same situation"
    );
    assert_eq!(
        common::related(&d),
        ["tenet `T-CO` on the company layer chooses `buying it` over `building it`"]
    );
    // Not also TEN007.
    r.expect_none("TEN007");
    // The lower tenet first in output order: still the lower one's.
    let r = lint_with_owners(&[("tenets.toml", &(function.clone() + &company))]);
    r.expect_one("ALN003", "tenets.toml", 4, Some("T-ENG"));
    r.expect_none("TEN007");
    // On one layer, or with a tenet on none: TEN007, as before.
    let same = tenet("T-ENG", "company", "building it", "buying it");
    let r = lint_with_owners(&[("tenets.toml", &(company.clone() + &same))]);
    r.expect_one("TEN007", "tenets.toml", 9, Some("T-ENG"));
    r.expect_none("ALN003");
    let none = tenet("T-ENG", "", "building it", "buying it");
    let r = lint_with_owners(&[("tenets.toml", &(company.clone() + &none))]);
    r.expect_one("TEN007", "tenets.toml", 8, Some("T-ENG"));
    r.expect_none("ALN003");
    // Agreeing across layers: quiet. A retired higher tenet: quiet.
    let agree = tenet("T-ENG", "function", "buying it", "building it");
    lint_with_owners(&[("tenets.toml", &(company.clone() + &agree))]).expect_clean();
    let retired = company.replace("layer =", "status = \"retired\"\nlayer =");
    lint_with_owners(&[("tenets.toml", &(retired + &function))]).expect_clean();
}

#[test]
fn aln003_with_many_higher_tenets_lists_five_and_counts_them_all() {
    let mut text = String::new();
    for i in 0..7 {
        text.push_str(&tenet(
            &format!("T-CO{i}"),
            "company",
            "buying it",
            "building it",
        ));
    }
    // Seven company tenets agree with each other; the team one reverses them all.
    text.push_str(&tenet("T-TEAM", "team", "building it", "buying it"));
    let r = lint_with_owners(&[("tenets.toml", &text)]);
    let d = r.expect_one("ALN003", "tenets.toml", 39, Some("T-TEAM"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("but 7 tenets on higher layers (the first 5 related) choose"),
        "{d}"
    );
    assert_eq!(common::related(&d).len(), 5);
}

#[test]
fn a_list_item_tenet_takes_the_layer_of_the_value_document_it_is_written_in() {
    let company = "+++\nkind = \"value\"\nid = \"V-CO\"\ntitle = \"Keep the promise\"\nlayer = \"company\"\nowner = \"alice\"\n+++\n\n## Tenets\n\n- When a delivery is at risk, we choose telling the customer early over hoping to make it because a warned customer forgives.\n";
    let team = "+++\nkind = \"value\"\nid = \"V-DISPATCH\"\ntitle = \"Protect the route\"\nlayer = \"team\"\nowner = \"alice\"\ninterprets = \"V-CO\"\n+++\n\n## Tenets\n\n- When a delivery is at risk, we choose hoping to make it over telling the customer early because most vans catch up.\n";
    let r = lint_with_owners(&[("company.md", company), ("dispatch.md", team)]);
    let d = r.expect_one("ALN003", "dispatch.md", 12, Some("V-DISPATCH"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("a tenet in `V-DISPATCH` on the team layer chooses"),
        "{d}"
    );
    r.expect_none("TEN007");
    // The same list items in documents that are not values have no layer: TEN007.
    let thesis = |t: &str| {
        t.replace("kind = \"value\"", "kind = \"thesis\"")
            .replace("layer = \"company\"\n", "")
            .replace("layer = \"team\"\n", "")
            .replace("interprets = \"V-CO\"\n", "")
    };
    let r = lint_with_owners(&[
        ("company.md", &thesis(company)),
        ("dispatch.md", &thesis(team)),
    ]);
    r.expect_one("TEN007", "dispatch.md", 10, Some("V-DISPATCH"));
    r.expect_none("ALN003");
}

#[test]
fn the_report_nests_values_under_the_top_layer_and_lists_the_misaligned() {
    let p = Project::with_owners();
    p.write(
        "values.toml",
        &(value("V-B", "company", "")
            + &value("V-A", "company", "")
            + &value("V-ENG", "function", "interprets = \"V-B\"")
            + &value("V-T2", "team", "interprets = \"V-ENG\"")
            + &value("V-T1", "team", "interprets = \"V-B\"")
            + &value("V-LOOSE", "function", "")
            + &value("V-SIDE", "team", "interprets = \"V-T1\"")
            + &value("V-GONE", "team", "status = \"retired\"")),
    );
    let report = p.report("json").json();
    let node = |id: &str, layer: &str, children: serde_json::Value| json!({"id": id, "title": format!("Value {id}"), "layer": layer, "owner": "alice", "children": children});
    assert_eq!(
        report["values"],
        json!([
            node("V-A", "company", json!([])),
            node(
                "V-B",
                "company",
                json!([
                    node(
                        "V-ENG",
                        "function",
                        json!([node("V-T2", "team", json!([]))])
                    ),
                    node("V-T1", "team", json!([]))
                ])
            )
        ]),
        "{report:#}"
    );
    assert_eq!(report["misaligned"], json!(["V-LOOSE", "V-SIDE"]));
    let markdown = p.report("markdown");
    let text = &markdown.stdout;
    assert!(
        text.contains(
            "## Alignment\n\nValues by layer, each with the values that interpret it.\n\n\
             - **V-A** Value V-A · company · alice\n\
             - **V-B** Value V-B · company · alice\n  \
             - **V-ENG** Value V-ENG · function · alice\n    \
             - **V-T2** Value V-T2 · team · alice\n  \
             - **V-T1** Value V-T1 · team · alice\n\n\
             Connected to nothing above (ALN001, ALN002 or a broken `interprets`): **V-LOOSE**, **V-SIDE**\n"
        ),
        "{text}"
    );
    let html = p.report("html");
    assert!(html.stdout.contains("<h2>Alignment</h2>"));
    // A project with no values: the keys stay, empty; the section is left out.
    let empty = Project::with_owners();
    empty.write("tenets.toml", &tenet("T-1", "", "buying it", "building it"));
    let report = empty.report("json").json();
    assert_eq!(report["values"], json!([]));
    assert_eq!(report["misaligned"], json!([]));
    let markdown = empty.report("markdown");
    assert!(!markdown.stdout.contains("## Alignment"));
}

#[test]
fn the_map_draws_values_with_their_layer_and_interprets_edges() {
    let p = Project::with_owners();
    p.write(
        "values.toml",
        &(value("V-CO", "company", "") + &value("V-ENG", "function", "interprets = \"V-CO\"")),
    );
    let map = p
        .run(&[
            "map",
            "--format",
            "json",
            "--now",
            "2026-11-25",
            "--no-history",
        ])
        .json();
    assert_eq!(
        map["edges"],
        json!([{"from": "V-ENG", "to": "V-CO", "relation": "interprets"}])
    );
    let layers: Vec<(&str, &str)> = map["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n["layer"].as_str().unwrap()))
        .collect();
    assert_eq!(layers, [("V-CO", "company"), ("V-ENG", "function")]);
    let mermaid = p.run(&["map", "--now", "2026-11-25", "--no-history"]);
    assert!(
        mermaid.stdout.contains("-->|interprets|"),
        "{}",
        mermaid.stdout
    );
}

/// The fenced blocks of a docs page whose info string names a file
/// (`toml file=values/company.toml`): path, text.
fn page_files(page: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(page))
        .unwrap();
    let mut files = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => {
                if let Some(path) = info
                    .split_whitespace()
                    .find_map(|a| a.strip_prefix("file="))
                {
                    current = Some((path.to_owned(), String::new()));
                }
            }
            (Some(_), Some("")) => files.extend(current.take()),
            (Some((_, body)), _) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    files
}

#[test]
fn docs_alignment_md_s_worked_example_is_clean_and_its_counter_example_fires() {
    let files = page_files("docs/alignment.md");
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "values/company.toml",
            "values/engineering.md",
            "values/platform.toml",
            "decisions.toml"
        ]
    );
    let owners = "[people.maya]\nname = \"Maya\"\n[people.devika]\nname = \"Devika\"\n[people.tomas]\nname = \"Tomas\"\n";
    let mut all: Vec<(&str, &str)> = vec![("owners.toml", owners)];
    all.extend(files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    lint("", &all).expect_clean();
    // The page's counter-examples: without `interprets`, ALN001; Engineering
    // reversing the company tenet, ALN003.
    let mut broken = files.clone();
    broken[2].1 = broken[2].1.replace("interprets = \"V-ENG-BORING\"\n", "");
    broken[1].1.push_str("- When a capability is a commodity, we choose building it over buying it because we can tune it to our traffic.\n");
    let mut all: Vec<(&str, &str)> = vec![("owners.toml", owners)];
    all.extend(broken.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let r = lint("", &all);
    r.expect_one(
        "ALN001",
        "values/platform.toml",
        2,
        Some("V-PLAT-POSTMORTEM"),
    );
    r.expect_one("ALN003", "values/engineering.md", 15, Some("V-ENG-BORING"));
}
