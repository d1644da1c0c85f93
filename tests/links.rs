//! LNK001: relative links in strategy documents, end to end.

mod common;
use common::Project;

/// A thesis document (reviewed recently) whose body starts on line 8.
fn thesis(body: &str) -> String {
    format!(
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n{body}"
    )
}

/// `(line, column)` of every LNK001.
fn lnk(run: &common::Run) -> Vec<(u64, u64)> {
    run.with_code("LNK001")
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect()
}

#[test]
fn lnk001_fires_for_a_relative_link_to_a_missing_file() {
    let p = Project::new();
    p.write(
        "strategy/thesis.md",
        &thesis("# Why we win\n\nSee the [pricing plan](pricing.md).\n"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("LNK001", "strategy/thesis.md", 10, Some("TH-1"));
    assert_eq!(d["column"], 9);
    assert_eq!(d["severity"], "error");
    assert!(
        d["message"].as_str().unwrap().contains("pricing.md"),
        "{d:#}"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn links_to_existing_files_and_directories_are_quiet() {
    let p = Project::new();
    p.write("notes/pricing plan.md", "# Pricing\n");
    p.write("strategy/thesis.md", &thesis(
        "See [pricing](../notes/pricing%20plan.md), [notes](../notes/), [root](/notes/pricing%20plan.md) and [me](./thesis.md).\n",
    ));
    p.check_json(&[]).expect_clean();
}

#[test]
fn links_with_a_scheme_and_code_are_ignored() {
    let p = Project::new();
    p.write("thesis.md", &thesis(
        "Read [the report](https://example.com/missing.md), mail [us](mailto:strategy@example.com),\nsee <https://example.com/x.md#nope> and `[not a link](missing.md)`.\n\n```\n[also not](missing.md)\n```\n",
    ));
    p.check_json(&[]).expect_clean();
}

#[test]
fn fragment_links_are_checked_against_the_documents_own_headings() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(
            "# Why we win!\n\n## Step 2: roll_out-plan\n\n## FAQ\n\n## FAQ\n\n[a](#why-we-win) [b](#step-2-roll_out-plan) [c](#faq) [d](#faq-1)\n[e](#faq-2) [f](#why-we-win!)\n",
        ),
    );
    let run = p.check_json(&[]);
    assert_eq!(lnk(&run), [(17, 1), (17, 13)], "{:#?}", run.summary());
    let d = &run.with_code("LNK001")[0];
    assert!(d["message"].as_str().unwrap().contains("#faq-2"), "{d:#}");
    assert_eq!(d["object"], "TH-1");
}

#[test]
fn anchors_in_other_documents_are_checked_against_their_headings() {
    let p = Project::new();
    p.write("README.md", "# Strategy handbook\n\n## How to review\n");
    p.write(
        "objectives/co.md",
        "+++\nkind = \"objective\"\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n+++\n## Measures\n",
    );
    p.write(
        "thesis.md",
        &thesis(
            "[ok](README.md#how-to-review) [ok](objectives/co.md#measures)\n[bad](README.md#how-to-merge)\n[bad](objectives/co.md#grow)\n",
        ),
    );
    let run = p.check_json(&[]);
    assert_eq!(lnk(&run), [(9, 1), (10, 1)], "{:#?}", run.summary());
    run.with_code("LNK001").iter().for_each(|d| {
        assert_eq!(d["file"], "thesis.md");
        assert_eq!(d["object"], "TH-1");
    });
}

#[test]
fn an_anchor_differing_from_its_heading_only_in_case_is_found() {
    // As on GitHub (nats-io's ADRs link `#INFO` to `## INFO`); a file name's
    // case still matters, as it does there.
    let p = Project::new();
    p.write("README.md", "# Strategy handbook\n\n## How to Review\n");
    p.write(
        "thesis.md",
        &thesis("## Request Handling\n\n[ok](#Request-Handling) [ok](README.md#HOW-TO-REVIEW)\n[bad](#Request-Handlers) [bad](readme.md#how-to-review)\n"),
    );
    let run = p.check_json(&[]);
    assert_eq!(lnk(&run), [(11, 1), (11, 26)], "{:#?}", run.summary());
}

#[test]
fn images_are_checked_too() {
    let p = Project::new();
    p.write_bytes("img/share.png", b"\x89PNG");
    p.write(
        "thesis.md",
        &thesis("Our share: ![share](img/share.png)\n\nTrend: ![trend](img/trend.png)\n"),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("LNK001", "thesis.md", 10, Some("TH-1"));
    assert_eq!(d["column"], 8);
}

#[test]
fn reference_style_links_are_checked() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis("See the [plan][p].\n\n[p]: plans/2027.md\n"),
    );
    let d = p
        .check_json(&[])
        .expect_one("LNK001", "thesis.md", 8, Some("TH-1"));
    assert_eq!(d["column"], 9);
}

#[test]
fn links_outside_strategy_documents_are_not_checked() {
    let p = Project::new();
    p.write(
        "README.md",
        "See [nothing](missing.md) and [no](#nowhere).\n",
    );
    p.write(
        "tenets.toml",
        "# see [x](missing.md)\n[[tenet]]\nid = \"T-1\"\ntext = \"When in doubt, we prefer configuration over forks because forks rot and slow releases.\"\n",
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn links_never_lead_reads_out_of_the_root() {
    let outer = tempfile::tempdir().unwrap();
    std::fs::write(outer.path().join("outside.md"), "# Only heading\n").unwrap();
    let root = outer.path().join("project");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("stratlint.toml"), "").unwrap();
    std::fs::write(
        root.join("doc.md"),
        "+++\nkind = \"tenet\"\nid = \"T-1\"\n+++\n\nWhen in doubt, we choose tea over coffee because tea is calmer.\n\n[above](../outside.md#not-a-heading) [escape](/../outside.md)\n",
    )
    .unwrap();
    let run = common::run_binary(&root, &["check", "--format", "json"], &[]);
    // The file above the root exists and its headings are not read; a
    // root-relative link cannot climb out of the root, so it is missing.
    let lnk: Vec<String> = run
        .with_code("LNK001")
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(lnk.len(), 1, "{lnk:?}");
    assert!(lnk[0].contains("/../outside.md"), "{lnk:?}");
}
