//! `stratlint trace PATH...` (SPEC §14): which principles, decisions,
//! initiatives and debt govern a path, with the pattern that matched and
//! the chain up to the thesis. Real binary, real git repository with fixed
//! dates, `--now` given.

mod common;
use common::Project;

const STRATEGY: &str = r#"
[[thesis]]
id = "TH-1"
title = "Carriers come to us"
owner = "alice"
half_life = "1y"
reviewed = 2026-10-01

[[objective]]
id = "CO-1"
title = "Grow"
level = "company"
owner = "alice"
serves = ["TH-1"]

[[objective]]
id = "DEP-1"
title = "Sell"
level = "department"
parent = "CO-1"
owner = "alice"

[[kpi]]
id = "K-1"
title = "Revenue"
objective = "DEP-1"
owner = "alice"
baseline = 1
target = 2

[[principle]]
id = "P-LOG"
title = "The log is the record"
owner = "bob"
serves = ["DEP-1"]
half_life = "1y"
reviewed = 2026-05-25
paths = ["services/events/"]

[[initiative]]
id = "I-STREAM"
title = "Stream responses"
owner = "alice"
serves = ["DEP-1"]
moves = { K-1 = 1 }
first_signal = "6w"
paths = ["services/events/stream/", "!services/events/stream/vendor/"]

[[initiative]]
id = "I-OLD"
title = "Old work"
owner = "alice"
status = "done"
serves = ["DEP-1"]
paths = ["services/"]

[[debt]]
id = "D-KAFKA"
title = "Self-hosted Kafka"
owner = "bob"
impact = "2 pages a week"
affects = ["CO-1"]
paths = ["services/events/**/*.rs"]
"#;

/// `trace --format json` of `paths` (exiting 0), as JSON.
fn trace_json(p: &Project, paths: &[&str]) -> serde_json::Value {
    let mut args = vec!["trace", "--format", "json", "--now", "2026-11-25"];
    args.extend_from_slice(paths);
    let run = p.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

fn project() -> Project {
    let p = Project::with_owners();
    p.write("strategy.toml", STRATEGY);
    p.write("services/events/stream/push.rs", "fn main() {}\n");
    p.write("services/events/stream/vendor/lib.rs", "\n");
    p.commit_all("strategy and code", "2026-06-01T10:00:00Z");
    p
}

#[test]
fn json_lists_what_governs_each_path_by_kind_then_id() {
    let p = project();
    let doc = trace_json(
        &p,
        &[
            "services/events/stream/push.rs",
            "services/events/stream/vendor/lib.rs",
            "README.md",
        ],
    );
    assert_eq!(doc["version"], 1);
    let first = &doc["paths"][0];
    assert_eq!(first["path"], "services/events/stream/push.rs");
    let ids: Vec<&str> = first["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P-LOG", "I-STREAM", "D-KAFKA"]);
    let principle = &first["objects"][0];
    assert_eq!(principle["kind"], "principle");
    assert_eq!(principle["title"], "The log is the record");
    assert_eq!(principle["owner"], "bob");
    assert_eq!(principle["status"], "active");
    assert_eq!(principle["pattern"], "services/events/");
    // Revalidated when committed on 2026-06-01 (after its `reviewed`), 177
    // days before now, half-life 365 days: 2^(-177/365).
    let f = principle["freshness"].as_f64().unwrap();
    assert!((f - 0.715).abs() < 0.001, "{f}");
    assert_eq!(
        principle["chain"],
        serde_json::json!(["DEP-1", "CO-1", "TH-1"])
    );
    let initiative = &first["objects"][1];
    assert_eq!(initiative["status"], "active");
    assert_eq!(initiative["pattern"], "services/events/stream/");
    assert!(initiative["freshness"].is_null());
    let debt = &first["objects"][2];
    assert_eq!(debt["status"], "open");
    assert_eq!(debt["pattern"], "services/events/**/*.rs");
    assert_eq!(debt["chain"], serde_json::json!(["CO-1", "TH-1"]));
    // The negated pattern takes the vendored file out of I-STREAM.
    let vendored: Vec<&str> = doc["paths"][1]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(vendored, ["P-LOG", "D-KAFKA"]);
    assert_eq!(doc["paths"][2]["objects"], serde_json::json!([]));
}

#[test]
fn a_directory_matches_what_matches_a_file_below_it() {
    let p = project();
    let doc = trace_json(&p, &["services"]);
    let objects = &doc["paths"][0]["objects"];
    let found: Vec<(&str, &str)> = objects
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["pattern"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("P-LOG", "services/events/"),
            ("I-STREAM", "services/events/stream/"),
            ("D-KAFKA", "services/events/**/*.rs"),
        ]
    );
    // A directory that does not exist yet: the patterns' letter names what
    // is below it (`**` may be anything), not I-STREAM's `stream/`.
    let doc = trace_json(&p, &["services/events/new"]);
    let ids: Vec<&str> = doc["paths"][0]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P-LOG", "D-KAFKA"]);
}

#[test]
fn human_names_the_pattern_and_the_chain_and_what_nothing_governs() {
    let p = project();
    let run = p.run(&[
        "trace",
        "--now",
        "2026-11-25",
        "services/events/stream/push.rs",
        "docs/",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "services/events/stream/push.rs\n\
         \x20 principle P-LOG: The log is the record (owner bob, active, freshness 71.5%)\n\
         \x20   matched by `services/events/`\n\
         \x20   serves DEP-1 → CO-1 → TH-1\n\
         \x20 initiative I-STREAM: Stream responses (owner alice, active)\n\
         \x20   matched by `services/events/stream/`\n\
         \x20   serves DEP-1 → CO-1 → TH-1\n\
         \x20 debt D-KAFKA: Self-hosted Kafka (owner bob, open)\n\
         \x20   matched by `services/events/**/*.rs`\n\
         \x20   affects CO-1 → TH-1\n\
         \n\
         docs/: nothing governs this path\n"
    );
}

#[test]
fn paths_are_relative_to_the_current_directory() {
    let p = project();
    let run = p.run_in(
        &p.path().join("services/events"),
        &[
            "trace",
            "--format",
            "json",
            "--now",
            "2026-11-25",
            "stream/push.rs",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["paths"][0]["path"], "stream/push.rs");
    assert_eq!(
        run.json()["paths"][0]["objects"].as_array().unwrap().len(),
        3
    );
}

#[test]
fn usage_and_config_errors_exit_2() {
    let p = project();
    assert_eq!(p.run(&["trace"]).code, 2);
    assert_eq!(p.run(&["trace", "--format", "yaml", "x"]).code, 2);
    p.write("stratlint.toml", "[execution]\nwindow = 3\n");
    let run = p.run(&["trace", "--now", "2026-11-25", "x"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("stratlint.toml"), "{}", run.stderr);
}

/// The two examples of docs/execution.md, run in fixtures/demo: the page
/// shows what the binary prints.
#[test]
fn the_documented_examples_are_what_the_demo_prints() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/execution.md"),
    )
    .unwrap();
    let mut checked = 0;
    for block in page.split("```console\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let Some(rest) = block.strip_prefix("$ stratlint trace ") else {
            continue;
        };
        // The command may continue on a second line after `\`.
        let (command, output) = match rest.split_once(" \\\n") {
            Some((first, more)) => {
                let (second, output) = more.split_once('\n').unwrap();
                (format!("{first} {}", second.trim()), output)
            }
            None => {
                let (command, output) = rest.split_once('\n').unwrap();
                (command.to_owned(), output)
            }
        };
        let mut args = vec!["trace"];
        args.extend(command.split_whitespace());
        let run = common::run_binary(&common::fixture("demo"), &args, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, output, "stratlint trace {command}");
        checked += 1;
    }
    assert_eq!(checked, 2);
}

#[test]
fn hostile_paths_and_patterns_never_panic() {
    let p = project();
    p.write(
        "more.toml",
        "[[debt]]\nid = \"D-ODD\"\ntitle = \"Odd\"\nowner = \"bob\"\nimpact = \"1 page\"\npaths = [\"[\", \"\", \"!\", \"/\", \"**\"]\n",
    );
    let run = p.run(&[
        "trace",
        "--now",
        "2026-11-25",
        "a\nb",
        "/",
        "../..",
        "services",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A control character in a path is shown as a space: one line per path.
    assert!(
        run.stdout.starts_with("a b\n  debt D-ODD"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n/: nothing governs this path\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\n../..: nothing governs this path\n"),
        "{}",
        run.stdout
    );
}
