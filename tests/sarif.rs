//! `--format sarif`: the log validates against the official SARIF 2.1.0
//! schema (vendored in `tests/schemas/`) and carries what GitHub code
//! scanning needs: every rule with its descriptions, help and helpUri, a
//! `partialFingerprints` entry on each result, and artifact URIs relative to
//! the project root.

mod common;
use common::{Project, Run, TREE, fixture, run_binary};
use serde_json::Value;

/// The OASIS SARIF 2.1.0 schema (errata 01), as vendored.
const SCHEMA_ID: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas/sarif-schema-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema is vendored"))
        .expect("schema is JSON")
}

/// Every schema violation of `doc`, as `path: message`.
fn violations(doc: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema())
        .expect("the schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[track_caller]
fn assert_valid(doc: &Value) {
    let errors = violations(doc);
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

/// Parses stdout as exactly one JSON document.
#[track_caller]
fn log(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}):\n{}\nstderr:\n{}",
            run.stdout, run.stderr
        )
    })
}

fn results(doc: &Value) -> Vec<Value> {
    doc["runs"][0]["results"].as_array().unwrap().clone()
}

fn canonical_uri(dir: &std::path::Path) -> String {
    let path = std::fs::canonicalize(dir).unwrap();
    let text = path.to_str().unwrap().trim_end_matches('/');
    format!("file://{text}/")
}

/// The checks GitHub code scanning relies on, on top of the schema.
#[track_caller]
fn assert_github_shape(doc: &Value) {
    assert_eq!(
        doc["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "stratlint");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert_eq!(runs[0]["invocations"][0]["executionSuccessful"], true);
    let rules = driver["rules"].as_array().unwrap();
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        for field in ["name", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[field].is_null(), "{id} has no {field}");
        }
        for text in [
            &rule["shortDescription"]["text"],
            &rule["fullDescription"]["text"],
            &rule["help"]["text"],
            &rule["help"]["markdown"],
        ] {
            assert!(!text.as_str().unwrap().trim().is_empty(), "{id}: {rule:#}");
        }
        assert_eq!(
            rule["helpUri"],
            format!("https://github.com/stratlint/stratlint/blob/main/docs/rules/{id}.md")
        );
        assert!(
            ["error", "warning", "note"]
                .contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()),
            "{id}"
        );
    }
    for result in results(doc) {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex of {result:#}");
        let fingerprint = result["partialFingerprints"]["stratlint/v1"]
            .as_str()
            .unwrap_or_else(|| panic!("no partialFingerprints: {result:#}"));
        assert_eq!(fingerprint.len(), 16);
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let mut locations = vec![result["locations"][0].clone()];
        locations.extend(
            result["relatedLocations"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
        for location in &locations {
            let artifact = &location["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap();
            assert!(
                !uri.starts_with('/') && !uri.contains("://") && !uri.starts_with(".."),
                "{uri}"
            );
            assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{result:#}");
            let region = &location["physicalLocation"]["region"];
            for field in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[field].as_u64().unwrap() >= 1, "{field}: {result:#}");
            }
        }
    }
}

#[test]
fn the_vendored_schema_is_the_official_one_and_catches_mistakes() {
    let schema = schema();
    assert_eq!(schema["id"], SCHEMA_ID);
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-04/schema#");
    // The validator is not vacuous: a log with a wrong level or no version fails.
    let run = run_binary(&fixture("broken"), &["check", "--format", "sarif"], &[]);
    let mut doc = log(&run);
    doc["runs"][0]["results"][0]["level"] = "info".into();
    doc["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    doc.as_object_mut().unwrap().remove("version");
    let errors = violations(&doc);
    assert!(errors.len() >= 3, "{errors:#?}");
    assert!(errors.iter().any(|e| e.contains("/level")), "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.contains("startLine")),
        "{errors:#?}"
    );
}

#[test]
fn the_broken_fixture_validates_and_matches_the_json_output() {
    let dir = fixture("broken");
    let run = run_binary(&dir, &["check", "--format", "sarif"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = log(&run);
    assert_valid(&doc);
    assert_github_shape(&doc);
    assert_eq!(
        doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        canonical_uri(&dir)
    );
    assert_eq!(doc["runs"][0]["columnKind"], "unicodeCodePoints");

    // One result per diagnostic of the JSON format, same place, level and fingerprint.
    let json = run_binary(&dir, &["check", "--format", "json"], &[]).json();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let results = results(&doc);
    assert_eq!(results.len(), diagnostics.len());
    assert!(results.len() > 20);
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["code"]);
        let level = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(r["level"], level);
        let loc = &r["locations"][0]["physicalLocation"];
        // The fixture root is the current directory, so both are root-relative.
        assert_eq!(loc["artifactLocation"]["uri"], d["file"]);
        assert_eq!(loc["region"]["startLine"], d["line"]);
        assert_eq!(loc["region"]["startColumn"], d["column"]);
        assert_eq!(loc["region"]["endLine"], d["end_line"]);
        assert_eq!(loc["region"]["endColumn"], d["end_column"]);
        assert_eq!(r["partialFingerprints"]["stratlint/v1"], d["fingerprint"]);
        let text = r["message"]["text"].as_str().unwrap();
        assert!(text.starts_with(d["message"].as_str().unwrap()), "{text}");
        if let Some(help) = d["help"].as_str() {
            assert!(text.ends_with(&format!("\nhelp: {help}")), "{text}");
        }
        let related = r["relatedLocations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let expected = d["related"].as_array().unwrap();
        assert_eq!(related.len(), expected.len(), "{r:#}");
        for (i, (got, want)) in related.iter().zip(expected).enumerate() {
            assert_eq!(got["id"], i + 1);
            assert_eq!(got["message"]["text"], want["message"]);
            let p = &got["physicalLocation"];
            assert_eq!(p["artifactLocation"]["uri"], want["file"]);
            assert_eq!(p["region"]["startLine"], want["line"]);
            assert_eq!(p["region"]["startColumn"], want["column"]);
        }
    }
    assert!(
        results.iter().any(|r| r["relatedLocations"].is_array()),
        "the fixture has related locations"
    );
}

#[test]
fn every_rule_of_the_registry_is_listed_with_its_documentation() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let doc = log(&p.run(&["check", "--format", "sarif"]));
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let listed = p.run(&["rules"]).stdout;
    let codes: Vec<&str> = listed
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(codes.len(), stratlint::schema::RULES.len());
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, codes);
    for (rule, line) in rules.iter().zip(listed.lines()) {
        let id = rule["id"].as_str().unwrap();
        let fields: Vec<&str> = line.split_whitespace().collect();
        // `stratlint rules`: code, severity, name, summary.
        assert_eq!(rule["name"], fields[2], "{id}");
        assert!(line.ends_with(rule["shortDescription"]["text"].as_str().unwrap()));
        let level = match fields[1] {
            "info" => "note",
            other => other,
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level, "{id}");
        let doc = p.run(&["explain", id]).stdout;
        assert_eq!(rule["help"]["text"], doc, "{id}");
        assert_eq!(rule["help"]["markdown"], doc, "{id}");
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            full.len() > rule["shortDescription"]["text"].as_str().unwrap().len(),
            "{id}: {full}"
        );
        // Only the "What it checks" section, not the page's other sections.
        assert!(!full.lines().any(|l| l.starts_with('#')), "{id}: {full}");
        // The helpUri names a page that exists.
        let page = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/rules")
            .join(format!("{id}.md"));
        assert!(page.is_file(), "{}", page.display());
    }
}

#[test]
fn a_clean_repository_validates_with_no_results() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let run = p.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = log(&run);
    assert_valid(&doc);
    assert_github_shape(&doc);
    assert!(results(&doc).is_empty());
    assert_eq!(
        doc["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        stratlint::schema::RULES.len()
    );
    assert!(
        !run.stderr.contains("errors,") && !run.stdout.contains("errors,"),
        "no summary line with sarif: {}",
        run.stderr
    );
}

#[test]
fn uris_are_relative_to_the_current_directory_and_percent_encoded() {
    let p = Project::with_owners();
    p.write(
        "strategy/my objectives/100% done, really.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "owner = \"carol\"\nbaseline"),
    );
    p.write("strategy/stratlint.toml", "");
    let owners = std::fs::read_to_string(p.path().join("owners.toml")).unwrap();
    p.write("strategy/owners.toml", &owners);
    // A project in a subdirectory, checked from the repository's top (as CI
    // runs it): URIs are the paths every format shows, relative to the
    // current directory (SPEC §9), so code scanning finds the files.
    let run = p.run(&["check", "strategy", "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = log(&run);
    assert_valid(&doc);
    assert_github_shape(&doc);
    assert_eq!(
        doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        canonical_uri(p.path())
    );
    let found = results(&doc);
    assert_eq!(found.len(), 1, "{found:#?}");
    let r = &found[0];
    assert_eq!(r["ruleId"], "OWN003");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "strategy/my%20objectives/100%25%20done,%20really.toml"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        12
    );
    let related = &r["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "strategy/owners.toml"
    );
    assert!(
        related["message"]["text"]
            .as_str()
            .unwrap()
            .contains("carol")
    );
    // The same paths as the JSON format's.
    let json = p.run(&["check", "strategy", "--format", "json"]);
    assert_eq!(
        json.diagnostics()[0]["file"],
        "strategy/my objectives/100% done, really.toml"
    );
    // From below the files, where a relative path would climb with `../`:
    // absolute URIs, valid SARIF still.
    p.write("strategy/sub/notes.md", "# notes\n");
    let run = p.run_in(
        &p.path().join("strategy/sub"),
        &["check", "--format", "sarif"],
    );
    let doc = log(&run);
    assert_valid(&doc);
    let uri = results(&doc)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("100%25%20done,%20really.toml"),
        "{uri}"
    );
}

#[test]
fn configured_severity_sets_the_level_and_defaults_stay_in_the_rules() {
    let p = Project::bare();
    p.write("stratlint.toml", "[lint.severity]\nOWN001 = \"info\"\n");
    p.write(
        "strategy.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "baseline"),
    );
    let run = p.run(&["check", "--format", "sarif", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = log(&run);
    assert_valid(&doc);
    let own001: Vec<Value> = results(&doc)
        .into_iter()
        .filter(|r| r["ruleId"] == "OWN001")
        .collect();
    assert_eq!(own001.len(), 1, "{doc:#}");
    assert_eq!(own001[0]["level"], "note");
    let rule = &doc["runs"][0]["tool"]["driver"]["rules"]
        [own001[0]["ruleIndex"].as_u64().unwrap() as usize];
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
}

#[test]
fn sarif_output_is_byte_identical_across_runs_and_thread_counts() {
    let dir = fixture("broken");
    let args = ["check", "--format", "sarif", "--now", "2026-11-25"];
    let one = run_binary(&dir, &args, &[("RAYON_NUM_THREADS", "1")]);
    let eight = run_binary(&dir, &args, &[("RAYON_NUM_THREADS", "8")]);
    assert_eq!(one.stdout, eight.stdout);
    assert!(!one.stdout.is_empty());
}
