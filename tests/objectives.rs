//! OBJ001–OBJ006, end to end: references, the objective tree and what
//! measures it.

mod common;
use common::Project;

const COMPANY: &str = r#"[[objective]]
id = "CO-1"
title = "Grow revenue"
level = "company"
owner = "alice"
"#;

/// A `[[kpi]]` measuring `objective`.
fn kpi(id: &str, objective: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"Metric\"\nobjective = \"{objective}\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n"
    )
}

/// An `[[objective]]` table; `parent` is omitted when empty.
fn objective(id: &str, level: &str, parent: &str) -> String {
    let parent = if parent.is_empty() {
        String::new()
    } else {
        format!("parent = \"{parent}\"\n")
    };
    format!(
        "[[objective]]\nid = \"{id}\"\ntitle = \"Goal\"\nlevel = \"{level}\"\nowner = \"alice\"\n{parent}"
    )
}

/// `(line, column)` of a diagnostic.
fn at(d: &serde_json::Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

// OBJ001

#[test]
fn obj001_parent_names_nothing_and_help_suggests_the_closest_id() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write("eng.toml", &objective("ENG-1", "department", "CO-2"));
    p.write("kpis.toml", &kpi("K-1", "ENG-1"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ001", "eng.toml", 6, Some("ENG-1"));
    assert_eq!(at(&d), (6, 10));
    assert_eq!(d["help"], "did you mean `CO-1`?");
    assert!(d["message"].as_str().unwrap().contains("CO-2"), "{d:#}");
    run.expect_none("OBJ004");
    assert_eq!(run.code, 1);
}

#[test]
fn obj001_kpi_objective_and_serves_name_nothing() {
    let p = Project::with_owners();
    p.write("company.toml", &format!("{COMPANY}serves = [\"T-9\"]\n"));
    p.write(
        "kpis.toml",
        &format!("{}\n{}", kpi("K-1", "CO-1"), kpi("K-2", "C0-1")),
    );
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"alice\"\nserves = [\"CO-1\", \"CO1\"]\n",
    );
    let run = p.check_json(&[]);
    let found: Vec<(String, u64, String)> = run
        .with_code("OBJ001")
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["object"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("company.toml".to_owned(), 6, "CO-1".to_owned()),
            ("kpis.toml".to_owned(), 12, "K-2".to_owned()),
            ("principles.toml".to_owned(), 5, "P-1".to_owned()),
        ]
    );
    let principle = &run.with_code("OBJ001")[2];
    assert_eq!(at(principle), (5, 19), "the second id in the list");
    assert_eq!(principle["help"], "did you mean `CO-1`?");
    assert_eq!(run.with_code("OBJ001")[1]["help"], "did you mean `CO-1`?");
}

#[test]
fn obj001_owners_registry_team_and_lead_name_nothing() {
    let p = Project::with_owners();
    p.write(
        "owners.toml",
        "[people.alice]\nname = \"Alice\"\nteam = \"platfrom\"\n\n[teams.platform]\nname = \"Platform\"\nlead = \"alcie\"\n",
    );
    p.write("company.toml", COMPANY);
    p.write("kpis.toml", &kpi("K-1", "CO-1"));
    let run = p.check_json(&[]);
    let found = run.with_code("OBJ001");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0]["file"], "owners.toml");
    assert_eq!(
        (at(&found[0]), &found[0]["object"]),
        ((3, 8), &"alice".into())
    );
    assert_eq!(found[0]["help"], "did you mean `platform`?");
    assert_eq!(
        (at(&found[1]), &found[1]["object"]),
        ((7, 8), &"platform".into())
    );
    assert_eq!(found[1]["help"], "did you mean `alice`?");
}

#[test]
fn obj001_quiet_when_every_reference_resolves() {
    let p = Project::with_owners();
    p.write("company.toml", &format!("{COMPANY}serves = [\"T-1\"]\n"));
    p.write("eng.toml", &objective("ENG-1", "department", "CO-1"));
    p.write("kpis.toml", &kpi("K-1", "ENG-1"));
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why\"\nowner = \"alice\"\nreviewed = 2026-10-01\n+++\n",
    );
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"bob\"\nserves = [\"T-1\", \"ENG-1\"]\nreviewed = 2026-10-01\n",
    );
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
}

// OBJ002

#[test]
fn obj002_a_cycle_of_two_is_reported_once_on_its_first_member() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write(
        "eng.toml",
        &format!(
            "{}\n{}",
            objective("A", "department", "B"),
            objective("B", "department", "A")
        ),
    );
    p.write("kpis.toml", &kpi("K-1", "A"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ002", "eng.toml", 6, Some("A"));
    assert_eq!(at(&d), (6, 10), "A's parent link");
    assert!(
        d["message"].as_str().unwrap().contains("A → B → A"),
        "{d:#}"
    );
    let related = d["related"].as_array().unwrap();
    assert_eq!(related.len(), 1, "{d:#}");
    assert_eq!(
        (&related[0]["file"], &related[0]["line"]),
        (&"eng.toml".into(), &13.into())
    );
    // Both have a parent at the same level: OBJ002 does not replace OBJ003.
    let objects: Vec<String> = run
        .with_code("OBJ003")
        .iter()
        .map(|d| d["object"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(objects, vec!["A", "B"]);
    assert_eq!(run.code, 1);
}

#[test]
fn obj002_a_cycle_of_three_across_files_lists_members_in_order() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    // File order puts Z (a.toml) first; parent links run Z → Y → X → Z.
    p.write("a.toml", &objective("Z", "team", "Y"));
    p.write(
        "b.toml",
        &format!(
            "{}\n{}",
            objective("X", "company", "Z"),
            objective("Y", "department", "X")
        ),
    );
    p.write("kpis.toml", &kpi("K-1", "Z"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ002", "a.toml", 6, Some("Z"));
    assert!(
        d["message"].as_str().unwrap().contains("Z → Y → X → Z"),
        "{d:#}"
    );
    let related: Vec<(&str, u64)> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["file"].as_str().unwrap(), r["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(related, vec![("b.toml", 13), ("b.toml", 6)]);
    // Only X (company, parent at team) also breaks the level order.
    run.expect_one("OBJ003", "b.toml", 6, Some("X"));
}

#[test]
fn obj002_quiet_for_a_tree() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write(
        "eng.toml",
        &format!(
            "{}\n{}",
            objective("ENG-1", "department", "CO-1"),
            objective("ENG-1.1", "team", "ENG-1")
        ),
    );
    p.write("kpis.toml", &kpi("K-1", "ENG-1.1"));
    let run = p.check_json(&[]);
    run.expect_clean();
}

// OBJ003

#[test]
fn obj003_parent_at_the_same_or_a_lower_level() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write(
        "eng.toml",
        &format!(
            "{}\n{}\n{}",
            objective("ENG-1", "department", "CO-1"),
            objective("ENG-2", "department", "ENG-1"),
            objective("T-1", "team", "ENG-1")
        ),
    );
    p.write("more.toml", &objective("ENG-3", "department", "T-1"));
    p.write(
        "kpis.toml",
        &format!("{}\n{}", kpi("K-1", "ENG-2"), kpi("K-2", "ENG-3")),
    );
    let run = p.check_json(&[]);
    let found = run.with_code("OBJ003");
    let places: Vec<(&str, u64, &str)> = found
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["object"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![("eng.toml", 13, "ENG-2"), ("more.toml", 6, "ENG-3")]
    );
    // Related: the parent's level.
    assert_eq!(found[1]["related"][0]["file"], "eng.toml");
    assert_eq!(found[1]["related"][0]["line"], 18);
}

#[test]
fn obj003_quiet_when_a_team_skips_the_department_level() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write("team.toml", &objective("T-1", "team", "CO-1"));
    p.write("kpis.toml", &kpi("K-1", "T-1"));
    let run = p.check_json(&[]);
    run.expect_clean();
}

// OBJ004

#[test]
fn obj004_below_the_top_level_without_a_parent() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write(
        "eng.md",
        "+++\nkind = \"objective\"\nid = \"ENG-1\"\ntitle = \"Ship\"\nlevel = \"department\"\nowner = \"alice\"\n+++\nBody.\n",
    );
    p.write(
        "kpis.toml",
        &format!("{}\n{}", kpi("K-1", "CO-1"), kpi("K-2", "ENG-1")),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ004", "eng.md", 3, Some("ENG-1"));
    assert!(d["help"].as_str().unwrap().contains("company"), "{d:#}");
    run.expect_none("SL003");
    assert_eq!(run.code, 1);
}

#[test]
fn obj004_follows_configured_levels() {
    let p = Project::with_owners();
    p.write(
        "stratlint.toml",
        "[objectives]\nlevels = [\"mission\", \"company\"]\n",
    );
    p.write("objectives.toml", &objective("M-1", "mission", ""));
    p.write("company.toml", COMPANY);
    p.write(
        "kpis.toml",
        &format!("{}\n{}", kpi("K-1", "M-1"), kpi("K-2", "CO-1")),
    );
    let run = p.check_json(&[]);
    // `company` is no longer the top level.
    run.expect_one("OBJ004", "company.toml", 2, Some("CO-1"));
}

// OBJ005

#[test]
fn obj005_a_kpi_on_a_descendant_counts_and_a_retired_kpi_does_not() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write(
        "depts.toml",
        &format!(
            "{}\n{}",
            objective("ENG-1", "department", "CO-1"),
            objective("OPS-1", "department", "CO-1")
        ),
    );
    p.write("team.toml", &objective("ENG-1.1", "team", "ENG-1"));
    p.write(
        "kpis.toml",
        &format!(
            "{}\n{}status = \"retired\"\n",
            kpi("K-1", "ENG-1.1"),
            kpi("K-2", "OPS-1")
        ),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ005", "depts.toml", 9, Some("OPS-1"));
    assert_eq!(d["severity"], "warning");
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
}

#[test]
fn obj005_quiet_for_a_measured_objective() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write("kpis.toml", &kpi("K-1", "CO-1"));
    let run = p.check_json(&[]);
    run.expect_none("OBJ005");
    // Without the KPI it fires: the test above is not vacuous.
    p.write("kpis.toml", "");
    p.check_json(&[])
        .expect_one("OBJ005", "company.toml", 2, Some("CO-1"));
}

// OBJ006

#[test]
fn obj006_an_active_objective_whose_parent_is_retired() {
    let p = Project::with_owners();
    p.write("company.toml", &format!("{COMPANY}status = \"retired\"\n"));
    p.write("eng.toml", &objective("ENG-1", "department", "CO-1"));
    p.write("kpis.toml", &kpi("K-1", "ENG-1"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OBJ006", "eng.toml", 6, Some("ENG-1"));
    assert_eq!(at(&d), (6, 10));
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["related"][0]["file"], "company.toml");
    assert_eq!(run.code, 0);
}

#[test]
fn obj006_a_kpi_measuring_a_retired_objective() {
    let p = Project::with_owners();
    p.write("company.toml", &format!("{COMPANY}status = \"retired\"\n"));
    p.write("kpis.toml", &kpi("K-1", "CO-1"));
    let run = p.check_json(&[]);
    run.expect_one("OBJ006", "kpis.toml", 4, Some("K-1"));
}

#[test]
fn retired_objects_are_exempt_from_all_but_sl_rules() {
    let p = Project::with_owners();
    p.write("company.toml", COMPANY);
    p.write("kpis.toml", &kpi("K-1", "CO-1"));
    // No owner, a dangling parent, a retired parent, nothing measuring it.
    p.write(
        "old.toml",
        "[[objective]]\nid = \"OLD-1\"\ntitle = \"Old\"\nlevel = \"team\"\nparent = \"GONE\"\nstatus = \"retired\"\n\n[[objective]]\nid = \"OLD-2\"\ntitle = \"Older\"\nlevel = \"team\"\nparent = \"OLD-1\"\nstatus = \"retired\"\nowner = \"alice\"\ndue = \"someday\"\n",
    );
    let run = p.check_json(&[]);
    // SL rules still apply to retired objects.
    run.expect_one("SL006", "old.toml", 15, Some("OLD-2"));
    assert_eq!(run.diagnostics().len(), 1, "{:#?}", run.summary());
}

#[test]
fn a_missing_field_with_a_misspelled_twin_names_it_in_the_help() {
    let tree = "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
                [[objective]]\nid = \"DEP-1\"\ntitel = \"Sell\"\nlevel = \"department\"\nownr = \"alice\"\nparnet = \"CO-1\"\n\n\
                [[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseilne = 1\ntarget = 2\n";
    let run = common::lint_with_owners(&[("tree.toml", tree)]);
    for (code, line, object, help) in [
        (
            "OBJ004",
            8,
            "DEP-1",
            "`parnet` on line 12 looks like `parent`: rename it",
        ),
        (
            "OWN001",
            8,
            "DEP-1",
            "`ownr` on line 11 looks like `owner`: rename it",
        ),
        (
            "SL003",
            8,
            "DEP-1",
            "`titel` on line 9 looks like `title`: rename it",
        ),
        (
            "KPI001",
            15,
            "K-1",
            "`baseilne` on line 19 looks like `baseline`: rename it",
        ),
    ] {
        let d = run.expect_one(code, "tree.toml", line, Some(object));
        assert_eq!(d["help"], help, "{code}");
    }
    // The misspelling itself is still reported where it is.
    assert_eq!(run.with_code("SL005").len(), 4, "{:#?}", run.summary());
}

#[test]
fn obj001_names_the_commit_that_removed_the_object_and_hl004_stays_quiet() {
    let p = Project::with_owners();
    let company = "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
                   [[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n";
    let co2 = "\n[[objective]]\nid = \"CO-2\"\ntitle = \"Expand\"\nlevel = \"company\"\nowner = \"alice\"\n";
    p.write("objectives.toml", &format!("{company}{co2}"));
    p.write(
        "principles/p.md",
        "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Small\"\nowner = \"alice\"\nserves = [\"CO-2\"]\n+++\n",
    );
    p.commit_all("Strategy", "2026-01-10T12:00:00+0000");
    p.write("objectives.toml", company);
    p.git(&["add", "-A"], "2026-03-04T12:00:00+0000");
    p.git(
        &["commit", "-q", "-m", "Drop CO-2 after the board review"],
        "2026-03-04T12:00:00+0000",
    );
    let run = p.check_json(&[]);
    run.expect_none("HL004");
    let d = run.expect_one("OBJ001", "principles/p.md", 6, Some("P-1"));
    let help = d["help"].as_str().unwrap();
    let re = regex::Regex::new(
        r"^`CO-2` was removed in commit [0-9a-f]{7,} on 2026-03-04 \(Drop CO-2 after the board review\): point `serves` at an object that exists, or restore it$",
    )
    .unwrap();
    assert!(re.is_match(help), "{help}");
    // Removed in the working tree, not committed yet.
    p.write("principles/q.md", "+++\nkind = \"principle\"\nid = \"P-2\"\ntitle = \"Big\"\nowner = \"alice\"\nserves = [\"CO-1\"]\n+++\n");
    p.commit_all("P-2", "2026-03-05T12:00:00+0000");
    p.write("objectives.toml", "[[objective]]\nid = \"CO-3\"\ntitle = \"New\"\nlevel = \"company\"\nowner = \"alice\"\n\n[[kpi]]\nid = \"K-3\"\ntitle = \"R\"\nobjective = \"CO-3\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n");
    let run = p.check_json(&[]);
    let d = run
        .with_code("OBJ001")
        .into_iter()
        .find(|d| d["object"] == "P-2")
        .unwrap();
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("principles/q.md"), Some(6))
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .starts_with("`CO-1` was removed in uncommitted changes"),
        "{d:#}"
    );
    // A typo that never existed keeps the closest-id help.
    p.write("principles/q.md", "+++\nkind = \"principle\"\nid = \"P-2\"\ntitle = \"Big\"\nowner = \"alice\"\nserves = [\"CO-33\"]\n+++\n");
    let run = p.check_json(&[]);
    let d = run
        .with_code("OBJ001")
        .into_iter()
        .find(|d| d["object"] == "P-2")
        .unwrap();
    assert_eq!(d["help"], "did you mean `CO-3`?");
}

#[test]
fn obj001_never_suggests_the_object_itself() {
    let run = common::lint_with_owners(&[(
        "d.toml",
        "[[objective]]\nid = \"D-1\"\ntitle = \"d\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n",
    )]);
    let d = run.expect_one("OBJ001", "d.toml", 5, Some("D-1"));
    assert_eq!(d["help"], "`parent` must name the id of an objective");
}
