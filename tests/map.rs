//! `stratlint map` (SPEC §12): nodes, typed edges, `--root`, the three
//! formats, escaping of untrusted text, `--output`, and DOT rendered by the
//! real Graphviz.

mod common;
use common::{OWNERS, Project, run_binary};

const TREE: &str = "[[thesis]]\nid = \"TH-1\"\ntitle = \"Networks win\"\nowner = \"alice\"\nreviewed = 2026-10-01\n\n\
[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"@alice\"\nserves = [\"TH-1\"]\n\n\
[[objective]]\nid = \"CO-2\"\ntitle = \"Other\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[objective]]\nid = \"DEP-1\"\ntitle = \"Sell\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n\n\
[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"alice\"\nbaseline = 0\ntarget = 10\ncurrent = 4\nunit = \"MUSD\"\n\n\
[[kpi]]\nid = \"K-2\"\ntitle = \"Other\"\nobjective = \"CO-2\"\nowner = \"alice\"\nbaseline = 0\ntarget = 10\n\n\
[[kpi]]\nid = \"K-OLD\"\ntitle = \"Old\"\nobjective = \"CO-2\"\nowner = \"alice\"\nbaseline = 0\ntarget = 10\nstatus = \"retired\"\n\n\
[[tenet]]\nid = \"T-1\"\ntext = \"When in doubt, we choose speed over polish because users wait for nothing.\"\n\n\
[[decision]]\nid = \"D-1\"\ntitle = \"Ship weekly\"\ndate = 2026-10-01\nstatus = \"accepted\"\ntenets = [\"T-1\"]\nserves = [\"DEP-1\"]\n\n\
[[decision]]\nid = \"D-0\"\ntitle = \"Ship monthly\"\ndate = 2026-01-01\nstatus = \"proposed\"\ntenets = [\"T-1\"]\n";

fn project() -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    p.write("strategy.toml", TREE);
    p
}

fn map(p: &Project, args: &[&str]) -> common::Run {
    let mut all = vec!["map", "--now", "2026-11-25"];
    all.extend_from_slice(args);
    p.run(&all)
}

#[test]
fn json_has_every_drawn_object_and_typed_edges() {
    let p = project();
    let run = map(&p, &["--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = run.json();
    assert_eq!(doc["version"], 1);
    let ids: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    // Retired K-OLD and the proposed D-0 are left out; sorted by id.
    assert_eq!(
        ids,
        ["CO-1", "CO-2", "D-1", "DEP-1", "K-1", "K-2", "T-1", "TH-1"]
    );
    let k1 = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "K-1")
        .unwrap();
    assert_eq!(k1["kind"], "kpi");
    assert_eq!(k1["progress"], 0.4);
    assert_eq!(
        (
            k1["baseline"].as_f64(),
            k1["current"].as_f64(),
            k1["target"].as_f64()
        ),
        (Some(0.0), Some(4.0), Some(10.0))
    );
    assert_eq!(k1["unit"], "MUSD");
    assert_eq!(
        (k1["file"].as_str(), k1["line"].as_u64()),
        (Some("strategy.toml"), Some(28))
    );
    let co1 = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "CO-1")
        .unwrap();
    assert_eq!(co1["owner"], "alice", "without @");
    assert_eq!(co1["progress"], 0.4);
    let th = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "TH-1")
        .unwrap();
    assert!(th["freshness"].as_f64().unwrap() > 0.7, "{th}");
    assert!(co1["freshness"].is_null());
    let edges: Vec<(String, String, String)> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].as_str().unwrap().into(),
                e["to"].as_str().unwrap().into(),
                e["relation"].as_str().unwrap().into(),
            )
        })
        .collect();
    let e = |a: &str, b: &str, r: &str| (a.to_owned(), b.to_owned(), r.to_owned());
    assert_eq!(
        edges,
        [
            e("CO-1", "TH-1", "serves"),
            e("D-1", "DEP-1", "serves"),
            e("D-1", "T-1", "cites"),
            e("DEP-1", "CO-1", "parent"),
            e("K-1", "DEP-1", "measures"),
            e("K-2", "CO-2", "measures"),
        ]
    );
    // K-2 has no `current`: OBJ005 quiet, no progress; a warning count shows on nodes with warnings.
    let k2 = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "K-2")
        .unwrap();
    assert!(k2["progress"].is_null());
}

#[test]
fn root_keeps_ancestors_descendants_and_what_serves_or_is_cited() {
    let p = project();
    let run = map(&p, &["--format", "json", "--root", "DEP-1"]);
    let ids: Vec<String> = run.json()["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["CO-1", "D-1", "DEP-1", "K-1", "T-1", "TH-1"]);
    let run = map(&p, &["--root", "NOPE"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`NOPE`"), "{}", run.stderr);
}

#[test]
fn mermaid_escapes_titles_and_classes_nodes_with_problems() {
    let p = project();
    let evil = TREE.replace(
        "title = \"Other\"\nlevel",
        "title = \"<script>alert(1)</script>\\\"] --> X\"\nlevel",
    );
    // An error on CO-2 (an unknown owner), a warning on DEP-1 (past due).
    let evil = evil.replace(
        "level = \"company\"\nowner = \"alice\"\n\n[[objective]]\nid = \"DEP-1\"",
        "level = \"company\"\nowner = \"nobody\"\n\n[[objective]]\nid = \"DEP-1\"",
    );
    let evil = evil.replace(
        "parent = \"CO-1\"\n",
        "parent = \"CO-1\"\ndue = 2026-01-01\n",
    );
    p.write("strategy.toml", &evil);
    let run = map(&p, &[]);
    assert_eq!(
        run.code, 0,
        "map exits 0 whatever the diagnostics: {}",
        run.stderr
    );
    let out = &run.stdout;
    assert!(out.starts_with("flowchart TB\n"), "{out}");
    assert!(
        !out.contains("<script>") && !out.contains("\"] --> X"),
        "{out}"
    );
    assert!(
        out.contains("#lt;script#gt;alert(1)#lt;/script#gt;#quot;] --#gt; X"),
        "{out}"
    );
    // Exactly the drawn edges, each a line `nA -->|relation| nB`.
    assert_eq!(
        out.lines().filter(|l| l.contains("-->|")).count(),
        6,
        "{out}"
    );
    assert!(
        out.contains("classDef error")
            && out.contains("classDef warning")
            && out.contains("classDef stale")
    );
    let class_of = |cls: &str| {
        out.lines()
            .find(|l| l.trim_start().starts_with("class ") && l.ends_with(cls))
            .map(str::to_owned)
    };
    let node = |id: &str| {
        out.lines()
            .find(|l| l.contains(&format!("[\"{id}:")))
            .unwrap()
            .trim()
            .split('[')
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(class_of(" error").unwrap().contains(&node("CO-2")), "{out}");
    assert!(
        class_of(" warning").unwrap().contains(&node("DEP-1")),
        "{out}"
    );
}

#[test]
fn output_writes_one_file_and_a_missing_directory_is_exit_2() {
    let p = project();
    let run = map(&p, &["--format", "dot", "--output", "map.dot"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let dot = std::fs::read_to_string(p.path().join("map.dot")).unwrap();
    assert!(dot.starts_with("digraph strategy {"), "{dot}");
    let run = map(&p, &["--output", "no/such/dir/map.mmd"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Byte-identical across runs.
    assert_eq!(
        map(&p, &["--format", "json"]).stdout,
        map(&p, &["--format", "json"]).stdout
    );
}

#[test]
fn graphviz_renders_the_dot_output() {
    let Ok(version) = std::process::Command::new("dot").arg("-V").output() else {
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    };
    assert!(version.status.success());
    let demo = common::fixture("demo");
    let run = run_binary(
        &demo,
        &["map", "--format", "dot", "--now", "2026-11-25"],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.dot");
    std::fs::write(&path, &run.stdout).unwrap();
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let svg = String::from_utf8_lossy(&svg.stdout);
    assert!(
        svg.contains("<svg") && svg.contains("CO&#45;1"),
        "{}",
        &svg[..300.min(svg.len())]
    );
}

/// A principle whose list-item tenets carry whole sentences, as real ones do.
fn long_tenets() -> Project {
    let p = Project::new();
    p.write("owners.toml", OWNERS);
    let mut body = String::new();
    for i in 0..8 {
        body.push_str(&format!(
            "- When a depot in region {i} is over capacity at the afternoon cut-off, we route its parcels to the next depot with room over holding them until the morning because a customer waits less for a longer drive than for a night in a cage. {{#T-LONG-{i}}}\n"
        ));
    }
    p.write(
        "principles/routing.md",
        &format!("+++\nkind = \"principle\"\nid = \"P-ROUTING\"\ntitle = \"Route parcels around a full depot rather than holding them until the next morning\"\nowner = \"alice\"\nreviewed = 2026-10-01\n+++\n\n## Decision tenets\n\n{body}"),
    );
    p
}

#[test]
fn labels_cut_titles_to_48_characters_and_json_keeps_them_whole() {
    let p = long_tenets();
    // Cut between words, at most 48 characters with the `…`.
    let cut = "When a depot in region 0 is over capacity at…";
    let mermaid = map(&p, &[]);
    assert_eq!(mermaid.code, 0, "{}", mermaid.stderr);
    assert!(
        mermaid.stdout.contains(&format!("[\"T-LONG-0: {cut}\"]")),
        "{}",
        mermaid.stdout
    );
    assert!(
        mermaid
            .stdout
            .contains("[\"P-ROUTING: Route parcels around a full depot rather than…\"]"),
        "{}",
        mermaid.stdout
    );
    let dot = map(&p, &["--format", "dot"]).stdout;
    assert!(
        dot.contains(&format!("\"T-LONG-0\" [label=\"T-LONG-0\\n{cut}\"")),
        "{dot}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&map(&p, &["--format", "json"]).stdout).unwrap();
    let t = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "T-LONG-0")
        .unwrap();
    assert!(
        t["title"]
            .as_str()
            .unwrap()
            .ends_with("than for a night in a cage."),
        "{t}"
    );
}

#[test]
fn graphviz_keeps_a_map_of_long_tenets_narrow() {
    let Ok(version) = std::process::Command::new("dot").arg("-V").output() else {
        eprintln!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
        return;
    };
    assert!(version.status.success());
    let p = long_tenets();
    let run = map(&p, &["--format", "dot"]);
    let path = p.path().join("map.dot");
    std::fs::write(&path, &run.stdout).unwrap();
    let svg = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&path)
        .output()
        .unwrap();
    assert!(svg.status.success());
    let svg = String::from_utf8_lossy(&svg.stdout);
    let width: f64 = regex::Regex::new(r#"<svg width="(\d+)pt""#)
        .unwrap()
        .captures(&svg)
        .unwrap()[1]
        .parse()
        .unwrap();
    // Nine nodes side by side (eight tenets with no edges, and the
    // principle), each label at most 48 characters: under 400 pt each.
    // Whole sentences (about 230 characters) made each 1,500 pt wide, and a
    // real strategy's map 12,111 px.
    assert!(width < 9.0 * 400.0, "{width} pt wide");
}

const EXECUTION: &str = "[[initiative]]\nid = \"I-1\"\ntitle = \"Guided setup\"\nowner = \"alice\"\nserves = [\"DEP-1\"]\ntheme = \"product\"\ncapacity = 2.5\nmoves = { K-1 = 3 }\nfirst_signal = \"6w\"\n\n\
[[initiative]]\nid = \"I-2\"\ntitle = \"Retire the cron box\"\nowner = \"alice\"\npays = [\"DB-1\"]\n\n\
[[initiative]]\nid = \"I-DONE\"\ntitle = \"Done\"\nowner = \"alice\"\nstatus = \"done\"\nserves = [\"DEP-1\"]\n\n\
[[debt]]\nid = \"DB-1\"\ntitle = \"Cron box\"\nowner = \"alice\"\nimpact = \"3 pages a month\"\ninterest = 4\naffects = [\"CO-1\"]\n\n\
[[debt]]\nid = \"DB-PAID\"\ntitle = \"Paid\"\nowner = \"alice\"\nimpact = \"1 page\"\nstatus = \"paid\"\n";

#[test]
fn open_initiatives_and_debt_are_nodes_with_their_edges_in_every_format() {
    let p = project();
    p.write("roadmap.toml", EXECUTION);
    let doc = map(&p, &["--format", "json"]).json();
    let node = |id: &str| {
        doc["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .cloned()
    };
    let i1 = node("I-1").expect("I-1 is a node");
    assert_eq!(i1["kind"], "initiative");
    assert_eq!(i1["status"], "active");
    assert_eq!(i1["theme"], "product");
    assert_eq!(i1["capacity"], 2.5);
    assert_eq!(i1["activity"], 0);
    let i2 = node("I-2").unwrap();
    assert!(i2["theme"].is_null() && i2.get("theme").is_some(), "{i2:#}");
    assert_eq!(i2["capacity"], 1.0);
    let db = node("DB-1").unwrap();
    assert_eq!(
        (db["status"].as_str(), db["interest"].as_f64()),
        (Some("open"), Some(4.0))
    );
    assert!(db.get("capacity").is_none() && db.get("theme").is_none());
    // Done initiatives and paid debt are not on the map; other kinds carry none of these fields.
    assert!(node("I-DONE").is_none() && node("DB-PAID").is_none());
    assert!(node("CO-1").unwrap().get("status").is_none());
    let edges: Vec<(String, String, String)> = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["from"].to_string(),
                e["to"].to_string(),
                e["relation"].to_string(),
            )
        })
        .filter(|(f, _, _)| f.contains("I-") || f.contains("DB-"))
        .collect();
    let q = |s: &str| format!("\"{s}\"");
    assert_eq!(
        edges,
        [
            (q("DB-1"), q("CO-1"), q("affects")),
            (q("I-1"), q("DEP-1"), q("serves")),
            (q("I-1"), q("K-1"), q("moves")),
            (q("I-2"), q("DB-1"), q("pays")),
        ]
    );
    let mermaid = map(&p, &[]).stdout;
    for line in [
        "I-1: Guided setup · active, product, capacity 2.5, 0 commits\"]",
        "I-2: Retire the cron box · active, no theme, capacity 1, 0 commits\"]",
        "DB-1: Cron box · open, interest 4\"]",
    ] {
        assert!(mermaid.contains(line), "{line} in\n{mermaid}");
    }
    for relation in ["serves", "moves", "pays", "affects"] {
        assert!(mermaid.contains(&format!("-->|{relation}|")), "{relation}");
    }
    let dot = map(&p, &["--format", "dot"]).stdout;
    assert!(
        dot.contains(
            "\"I-1\" [label=\"I-1\\nGuided setup\\nactive, product, capacity 2.5, 0 commits\""
        ),
        "{dot}"
    );
    assert!(
        dot.contains("\"DB-1\" [label=\"DB-1\\nCron box\\nopen, interest 4\""),
        "{dot}"
    );
    for edge in [
        "\"I-1\" -> \"DEP-1\" [label=\"serves\"]",
        "\"I-1\" -> \"K-1\" [label=\"moves\"]",
        "\"I-2\" -> \"DB-1\" [label=\"pays\"]",
        "\"DB-1\" -> \"CO-1\" [label=\"affects\"]",
    ] {
        assert!(dot.contains(edge), "{edge}");
    }
    // `--root DEP-1` keeps the initiative that serves it.
    let rooted = map(&p, &["--format", "json", "--root", "DEP-1"]).json();
    assert!(
        rooted["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"] == "I-1"),
        "{rooted:#}"
    );
}
