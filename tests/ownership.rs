//! OWN001–OWN004, end to end, with and without an owners registry.

mod common;
use common::Project;

/// A company objective owned by `owner` (line 5 holds the owner).
fn company(owner: &str) -> String {
    format!(
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow revenue\"\nlevel = \"company\"\nowner = \"{owner}\"\n"
    )
}

/// A KPI on CO-1 owned by `owner` (line 5 holds the owner).
fn kpi(owner: &str) -> String {
    format!(
        "[[kpi]]\nid = \"K-1\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"{owner}\"\nbaseline = 10\ntarget = 20\n"
    )
}

/// `(line, column)` of a diagnostic.
fn at(d: &serde_json::Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

/// `(code, file, line, object)` of every diagnostic with a code starting with `prefix`.
fn only(run: &common::Run, prefix: &str) -> Vec<(String, String, u64, Option<String>)> {
    run.summary()
        .into_iter()
        .filter(|d| d.0.starts_with(prefix))
        .collect()
}

// OWN001

#[test]
fn own001_kpis_objectives_principles_and_theses_need_an_owner() {
    let p = Project::with_owners();
    p.write(
        "company.toml",
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"\"\n",
    );
    p.write(
        "kpis.toml",
        &kpi("alice").replace("owner = \"alice\"\n", ""),
    );
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"@\"\n",
    );
    p.write(
        "thesis.md",
        "+++\nkind = \"thesis\"\nid = \"T-1\"\ntitle = \"Why we win\"\n+++\n",
    );
    let run = p.check_json(&[]);
    let s = |c: &str, f: &str, l: u64, o: &str| (c.into(), f.into(), l, Some(o.into()));
    assert_eq!(
        only(&run, "OWN"),
        vec![
            s("OWN001", "company.toml", 2, "CO-1"),
            s("OWN001", "kpis.toml", 2, "K-1"),
            s("OWN001", "principles.toml", 2, "P-1"),
            s("OWN001", "thesis.md", 3, "T-1"),
        ]
    );
    run.expect_none("SL003");
    assert_eq!(run.code, 1);
}

#[test]
fn own001_quiet_for_tenets_and_inflections_without_owners() {
    let p = Project::with_owners();
    p.write("company.toml", &company("alice"));
    p.write("kpis.toml", &kpi("alice"));
    p.write(
        "other.toml",
        "[[tenet]]\nid = \"TN-1\"\ntext = \"When in doubt, we choose speed over polish because shipping teaches us more.\"\n\n[[inflection]]\nid = \"I-1\"\ntitle = \"Series B\"\ndate = 2026-03-01\n",
    );
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0);
}

// OWN002

#[test]
fn own002_owner_not_in_the_registry_with_a_suggestion() {
    let p = Project::with_owners();
    p.write("company.toml", &company("@alise"));
    p.write("kpis.toml", &kpi("alice"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OWN002", "company.toml", 5, Some("CO-1"));
    assert_eq!(at(&d), (5, 9), "the owner's value");
    let msg = d["message"].as_str().unwrap();
    assert!(msg.contains("`alise`") && !msg.contains("@"), "{msg}");
    assert_eq!(d["help"], "did you mean `alice`?");
    assert_eq!(run.code, 1);
}

#[test]
fn own002_quiet_for_people_and_teams_with_or_without_at() {
    let p = Project::with_owners();
    p.write("company.toml", &company("@platform"));
    p.write("kpis.toml", &kpi("@alice"));
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\nowner = \"platform\"\nreviewed = 2026-10-01\n\n[[principle]]\nid = \"P-2\"\ntitle = \"Boring tech\"\nowner = \"bob\"\nreviewed = 2026-10-01\n",
    );
    let run = p.check_json(&[]);
    run.expect_clean();
}

#[test]
fn own002_uses_a_registry_moved_by_config() {
    let p = Project::new();
    p.write("stratlint.toml", "owners = \"people/registry.toml\"\n");
    p.write("people/registry.toml", common::OWNERS);
    p.write("company.toml", &company("dave"));
    p.write("kpis.toml", &kpi("bob"));
    let run = p.check_json(&[]);
    run.expect_one("OWN002", "company.toml", 5, Some("CO-1"));
    assert!(!run.stderr.contains("no owners registry"), "{}", run.stderr);
}

// OWN003

#[test]
fn own003_owner_who_has_left() {
    let p = Project::with_owners();
    p.write("company.toml", &company("@carol"));
    p.write("kpis.toml", &kpi("alice"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OWN003", "company.toml", 5, Some("CO-1"));
    assert_eq!(at(&d), (5, 9));
    // Related: carol's entry in the registry (`[people.carol]`, line 9 of OWNERS).
    assert_eq!(d["related"][0]["file"], "owners.toml");
    assert_eq!(d["related"][0]["line"], 9);
    run.expect_none("OWN002");
    assert_eq!(run.code, 1);
}

#[test]
fn own003_quiet_for_people_marked_active() {
    let p = Project::with_owners();
    p.write(
        "owners.toml",
        "[people.carol]\nname = \"Carol\"\nactive = true\n",
    );
    p.write("company.toml", &company("carol"));
    p.write("kpis.toml", &kpi("carol"));
    let run = p.check_json(&[]);
    run.expect_clean();
}

#[test]
fn a_person_may_carry_executive_a_boolean() {
    let p = Project::with_owners();
    p.write(
        "owners.toml",
        "[people.carol]\nname = \"Carol\"\nexecutive = true\n\n[people.dan]\nname = \"Dan\"\nexecutive = false\n",
    );
    p.write("company.toml", &company("carol"));
    p.write("kpis.toml", &kpi("carol"));
    p.check_json(&[]).expect_clean();
    // Not a boolean: the registry's usual type error; misspelt: SL005 with the field.
    p.write(
        "owners.toml",
        "[people.carol]\nname = \"Carol\"\nexecutive = \"yes\"\n\n[people.dan]\nname = \"Dan\"\nexecutiv = true\n",
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("SL006", "owners.toml", 3, Some("carol"));
    assert_eq!(
        d["message"],
        "`executive` of `people.carol` must be true or false"
    );
    let d = run.expect_one("SL005", "owners.toml", 7, Some("dan"));
    assert_eq!(d["help"], "did you mean `executive`?");
}

// OWN004

#[test]
fn own004_kpi_owned_by_a_team_by_default() {
    let p = Project::with_owners();
    // An objective may be owned by a team; a KPI may not.
    p.write("company.toml", &company("platform"));
    p.write("kpis.toml", &kpi("@platform"));
    let run = p.check_json(&[]);
    let d = run.expect_one("OWN004", "kpis.toml", 5, Some("K-1"));
    assert_eq!(at(&d), (5, 9));
    assert_eq!(d["severity"], "warning");
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
}

#[test]
fn own004_kpi_owner_any_accepts_a_team() {
    let p = Project::with_owners();
    p.write("stratlint.toml", "kpi_owner = \"any\"\n");
    p.write("company.toml", &company("alice"));
    p.write("kpis.toml", &kpi("platform"));
    let run = p.check_json(&[]);
    run.expect_clean();
}

#[test]
fn own004_kpi_owner_team_requires_a_team() {
    let p = Project::with_owners();
    p.write("stratlint.toml", "kpi_owner = \"team\"\n");
    p.write("company.toml", &company("alice"));
    p.write(
        "kpis.toml",
        &format!("{}\n{}", kpi("@platform"), kpi("bob").replace("K-1", "K-2")),
    );
    let run = p.check_json(&[]);
    // The team-owned K-1 is fine; the person-owned K-2 (line 13) is not.
    run.expect_one("OWN004", "kpis.toml", 13, Some("K-2"));
}

// No registry

#[test]
fn without_a_registry_only_presence_is_checked_and_one_note_says_so() {
    let p = Project::new();
    p.write("company.toml", &company("nobody"));
    p.write("kpis.toml", &kpi("@some-team"));
    p.write(
        "principles.toml",
        "[[principle]]\nid = \"P-1\"\ntitle = \"APIs first\"\n",
    );
    let run = p.check_json(&[]);
    let s = |c: &str, f: &str, l: u64, o: &str| (c.into(), f.into(), l, Some(o.into()));
    assert_eq!(
        only(&run, "OWN"),
        vec![s("OWN001", "principles.toml", 2, "P-1")]
    );
    let notes: Vec<&str> = run.stderr.lines().filter(|l| l.contains("note")).collect();
    assert_eq!(notes.len(), 1, "stderr: {}", run.stderr);
    assert!(notes[0].contains("owners registry"), "{}", notes[0]);
    assert!(run.stdout.contains("\"diagnostics\""));
    assert!(
        !run.stdout.contains("registry"),
        "the note is not a diagnostic"
    );
}

#[test]
fn with_a_registry_there_is_no_note() {
    let p = Project::with_owners();
    p.write("company.toml", &company("alice"));
    p.write("kpis.toml", &kpi("alice"));
    let run = p.check_json(&[]);
    run.expect_clean();
    assert!(!run.stderr.contains("note"), "stderr: {}", run.stderr);
}

#[test]
fn own003_a_team_whose_lead_has_left() {
    let owners = "[people.alice]\nname = \"Alice\"\n\n[people.carol]\nname = \"Carol\"\nactive = false\n\n\
                  [teams.platform]\nname = \"Platform\"\nlead = \"carol\"\n";
    let run = common::lint("", &[("owners.toml", owners), ("tree.toml", common::TREE)]);
    let d = run.expect_one("OWN003", "owners.toml", 10, Some("platform"));
    assert_eq!(
        d["message"],
        "`lead` of team `platform` is `carol`, who has left (`active = false`)"
    );
    assert_eq!(d["column"], 8);
}

#[test]
fn own003_quiet_for_a_lead_who_is_here() {
    let owners = "[people.alice]\nname = \"Alice\"\n\n[people.carol]\nname = \"Carol\"\nactive = false\n\n\
                  [teams.platform]\nname = \"Platform\"\nlead = \"alice\"\n";
    common::lint("", &[("owners.toml", owners), ("tree.toml", common::TREE)]).expect_clean();
}

#[test]
fn an_owner_takes_one_leading_at_sign_not_more() {
    // SPEC §3: "a person id or a team id, with an optional leading `@`".
    common::lint_with_owners(&[("co.toml", &company("@alice"))]).expect_none("OWN002");
    let run = common::lint_with_owners(&[("co.toml", &company("@@alice"))]);
    let d = run.expect_one("OWN002", "co.toml", 5, Some("CO-1"));
    assert!(d["message"].as_str().unwrap().contains("@alice"), "{d:#}");
}

#[test]
fn an_unknown_field_s_help_names_the_closest_field_only_when_close() {
    // SPEC §6: the closest known field is offered only within a third of the
    // written length; `owner` on an inflection is near none, so the help lists
    // the inflection's fields instead of guessing.
    let run = common::lint_with_owners(&[(
        "i.toml",
        "[[inflection]]\nid = \"I-1\"\ntitle = \"t\"\ndate = 2026-01-01\nowner = \"alice\"\n",
    )]);
    let d = run.expect_one("SL005", "i.toml", 5, Some("I-1"));
    let help = d["help"].as_str().unwrap_or_default();
    assert!(
        help.starts_with("the fields of `inflection` are `") && help.contains("`date`"),
        "{d:#}"
    );
    assert!(!help.contains("did you mean"), "{d:#}");
    let run = common::lint_with_owners(&[(
        "i.toml",
        "[[inflection]]\nid = \"I-1\"\ntitle = \"t\"\ndaet = 2026-01-01\n",
    )]);
    assert_eq!(
        run.expect_one("SL005", "i.toml", 4, Some("I-1"))["help"],
        "did you mean `date`?"
    );
}

#[test]
fn a_configured_registry_that_does_not_exist_is_a_note_as_the_default_is() {
    // SPEC §3 and §10: `owners = "owners.toml"` written out is the default;
    // where no registry exists, one note says so.
    for path in ["owners.toml", "people/owners.toml"] {
        let p = Project::bare();
        p.write("stratlint.toml", &format!("owners = \"{path}\"\n"));
        p.write("co.toml", &company("alice"));
        let run = p.run(&["check", "--format", "json", "--now", "2026-11-25"]);
        assert_ne!(run.code, 2, "{}", run.stderr);
        // OWN002 cannot run without a registry.
        run.expect_none("OWN002");
        assert_eq!(
            run.stderr
                .matches("stratlint: note: no owners registry")
                .count(),
            1,
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("stratlint.toml:1:10"), "{}", run.stderr);
    }
}
