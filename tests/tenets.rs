//! TEN001–TEN005 on tenets in all three forms (SPEC §4), end to end.

mod common;
use common::Project;

/// A canonical tenet with a rationale of more than four words.
const GOOD: &str = "When a customer asks for a custom build, we prefer configuration over forks because forks rot and slow every release.";

/// `[[tenet]]` with `text` on line 3, column 8.
fn toml_tenet(text: &str) -> String {
    format!("[[tenet]]\nid = \"T-1\"\ntext = \"{text}\"\n")
}

/// A thesis document (reviewed recently) whose body starts on line 8.
fn thesis(body: &str) -> String {
    format!(
        "+++\nkind = \"thesis\"\nid = \"TH-1\"\ntitle = \"Why we win\"\nowner = \"alice\"\nreviewed = 2026-11-01\n+++\n{body}"
    )
}

/// `(code, line, column)` of every TEN diagnostic.
fn ten(run: &common::Run) -> Vec<(String, u64, u64)> {
    run.diagnostics()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("TEN"))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn canonical_tenets_in_all_three_forms_are_quiet() {
    let p = Project::new();
    p.write("tenets.toml", &toml_tenet(GOOD));
    p.write(
        "tenets/builds.md",
        &format!("+++\nkind = \"tenet\"\nid = \"T-2\"\n+++\n{GOOD}\n"),
    );
    p.write("thesis.md", &thesis(&format!("## Tenets\n\n- {GOOD}\n")));
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_toml_tenet_s_inline_markdown_reads_as_its_text() {
    // SPEC §4: "Inline Markdown (emphasis, code) is read as its text", in
    // every form.
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet(
            &GOOD
                .replace("we prefer", "we *prefer*")
                .replace("over forks", "over `forks`"),
        ),
    );
    let run = p.check_json(&[]);
    run.expect_clean();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn ten001_fires_on_a_toml_tenet_that_does_not_open_with_when() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("We prefer configuration over forks because forks rot and slow releases."),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("TEN001", "tenets.toml", 3, Some("T-1"));
    assert_eq!(d["column"], 8);
    assert_eq!(d["severity"], "error");
    assert_eq!(ten(&run).len(), 1, "only TEN001: {:?}", ten(&run));
    assert_eq!(run.code, 1);
}

#[test]
fn ten001_needs_a_comma_after_the_situation() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("When in doubt we prefer configuration over forks because forks rot quickly."),
    );
    p.check_json(&[])
        .expect_one("TEN001", "tenets.toml", 3, Some("T-1"));
}

#[test]
fn ten002_fires_without_over_or_with_an_unknown_verb() {
    let p = Project::new();
    p.write(
        "a.toml",
        &toml_tenet("When in doubt, we prefer configuration because forks rot and slow releases."),
    );
    p.write(
        "b.toml",
        "[[tenet]]\nid = \"T-2\"\ntext = \"When in doubt, we like configuration over forks because forks rot and slow releases.\"\n",
    );
    let run = p.check_json(&[]);
    let found: Vec<_> = run
        .with_code("TEN002")
        .iter()
        .map(|d| (d["file"].clone(), d["line"].clone(), d["object"].clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("a.toml".into(), 3.into(), "T-1".into()),
            ("b.toml".into(), 3.into(), "T-2".into())
        ]
    );
    assert_eq!(ten(&run).len(), 2, "{:?}", ten(&run));
}

#[test]
fn ten003_fires_without_because_and_without_a_final_period() {
    let p = Project::new();
    p.write(
        "a.toml",
        &toml_tenet("When in doubt, we prefer configuration over forks."),
    );
    p.write(
        "b.toml",
        "[[tenet]]\nid = \"T-2\"\n\ntext = \"When in doubt, we prefer configuration over forks because forks rot and slow releases\"\n",
    );
    let run = p.check_json(&[]);
    let found: Vec<_> = run
        .with_code("TEN003")
        .iter()
        .map(|d| (d["file"].clone(), d["line"].clone(), d["object"].clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            ("a.toml".into(), 3.into(), "T-1".into()),
            ("b.toml".into(), 4.into(), "T-2".into())
        ]
    );
    // No rationale at all: TEN005 does not judge what is not there.
    run.expect_none("TEN005");
}

#[test]
fn ten004_fires_when_both_options_are_the_same_ignoring_case_and_space() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet(
            "When in doubt, we choose Speed over  speed  because shipping sooner teaches us more.",
        ),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("TEN004", "tenets.toml", 3, Some("T-1"));
    assert!(d["message"].as_str().unwrap().contains("Speed"), "{d:#}");
    run.expect_none("TEN002");
}

#[test]
fn ten004_is_quiet_for_different_options() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("When in doubt, we choose speed over speed bumps because shipping sooner teaches us more."),
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn ten005_fires_on_a_short_rationale_as_a_warning() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("When in doubt, we prefer configuration over forks because forks rot."),
    );
    let run = p.check_json(&[]);
    let d = run.expect_one("TEN005", "tenets.toml", 3, Some("T-1"));
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("2 words"), "{d:#}");
    assert_eq!(ten(&run).len(), 1);
    assert_eq!(run.code, 0, "a warning alone does not fail the run");
}

#[test]
fn ten005_respects_min_rationale_words() {
    let p = Project::new();
    p.write("stratlint.toml", "[tenets]\nmin_rationale_words = 2\n");
    p.write(
        "a.toml",
        &toml_tenet("When in doubt, we prefer configuration over forks because forks rot."),
    );
    p.write(
        "b.toml",
        "[[tenet]]\nid = \"T-2\"\ntext = \"When in doubt, we prefer configuration over forks because forks.\"\n",
    );
    let run = p.check_json(&[]);
    run.expect_one("TEN005", "b.toml", 3, Some("T-2"));
}

#[test]
fn a_tenet_breaking_several_rules_gets_each() {
    let p = Project::new();
    p.write("tenets.toml", &toml_tenet("We like speed."));
    let run = p.check_json(&[]);
    let codes: Vec<String> = ten(&run).into_iter().map(|t| t.0).collect();
    assert_eq!(codes, ["TEN001", "TEN002", "TEN003"]);
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("we choose speed over Speed because fast."),
    );
    let codes: Vec<String> = ten(&p.check_json(&[])).into_iter().map(|t| t.0).collect();
    assert_eq!(codes, ["TEN001", "TEN004", "TEN005"]);
}

#[test]
fn keywords_match_in_any_case() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("WHEN a customer asks for a custom build, We PREFER configuration OVER forks BECAUSE forks rot and slow every release."),
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn markdown_tenet_document_uses_its_first_paragraph() {
    let p = Project::new();
    p.write(
        "tenets/builds.md",
        "+++\nkind = \"tenet\"\nid = \"T-BUILD\"\n+++\n# Builds\n\nWhen a build breaks, we prefer reverting over\nhotfixing because it is fast.\n\nWhen we say more, we prefer nothing.\n",
    );
    let run = p.check_json(&[]);
    // The text runs over two lines; only the first paragraph is judged.
    let d = run.expect_one("TEN005", "tenets/builds.md", 7, Some("T-BUILD"));
    assert_eq!(d["column"], 1);
    run.expect_none("TEN002");
    run.expect_none("SL003");
}

#[test]
fn inline_markdown_is_read_as_text() {
    let p = Project::new();
    p.write(
        "tenets/builds.md",
        "+++\nkind = \"tenet\"\nid = \"T-BUILD\"\n+++\n*When* a `main` build breaks, we **prefer** `git revert` _over_ hotfixes because a revert restores green in *minutes*.\n",
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn list_items_under_a_tenets_heading_belong_to_their_document() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(&format!(
            "# Why we win\n\n## Tenets\n\n- {GOOD}\n- We ship fast.\n"
        )),
    );
    let run = p.check_json(&[]);
    for code in ["TEN001", "TEN002", "TEN003"] {
        let d = run.expect_one(code, "thesis.md", 13, Some("TH-1"));
        assert_eq!(d["column"], 3, "{code} points at the item's text");
    }
    assert_eq!(run.code, 1);
}

#[test]
fn any_heading_level_and_case_and_decision_tenets_count() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis("#### DECISION TENETS\n\n* We ship fast.\n\n# tenets\n\n1. We ship fast.\n"),
    );
    let lines: Vec<u64> = p
        .check_json(&[])
        .with_code("TEN001")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [10, 14]);
}

#[test]
fn items_under_other_headings_are_not_tenets() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis(
            "- We ship fast.\n\n## Risks\n\n- We ship fast.\n\n## Tenets\n\n### Delivery\n\n- We ship fast.\n\n## Open questions\n\n- We ship fast.\n\n# Appendix\n\n- We ship fast.\n",
        ),
    );
    // Only the item under `### Delivery` (inside `## Tenets`) is a tenet.
    p.check_json(&[])
        .expect_one("TEN001", "thesis.md", 18, Some("TH-1"));
}

#[test]
fn tenet_headings_config_replaces_the_defaults() {
    let p = Project::new();
    p.write(
        "stratlint.toml",
        "[tenets]\nheadings = [\"How we decide\"]\n",
    );
    p.write(
        "thesis.md",
        &thesis("## Tenets\n\n- We ship fast.\n\n## How we decide\n\n- We ship fast.\n"),
    );
    p.check_json(&[])
        .expect_one("TEN001", "thesis.md", 14, Some("TH-1"));
}

#[test]
fn tenet_verbs_config_replaces_the_defaults() {
    let p = Project::new();
    p.write("stratlint.toml", "[tenets]\nverbs = [\"pick\"]\n");
    p.write(
        "a.toml",
        &toml_tenet(
            "When in doubt, we pick configuration over forks because forks rot and slow releases.",
        ),
    );
    p.write(
        "b.toml",
        "[[tenet]]\nid = \"T-2\"\ntext = \"When in doubt, we prefer configuration over forks because forks rot and slow releases.\"\n",
    );
    let run = p.check_json(&[]);
    run.expect_one("TEN002", "b.toml", 3, Some("T-2"));
}

#[test]
fn a_retired_tenet_is_exempt() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        "[[tenet]]\nid = \"T-1\"\nstatus = \"retired\"\ntext = \"We like speed.\"\n",
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn we_and_a_verb_inside_the_situation_do_not_hide_it() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("When we choose vendors, we prefer open formats over proprietary ones because switching costs compound every year."),
    );
    p.check_json(&[]).expect_clean();
}

#[test]
fn ten004_ignores_the_comma_before_because() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet(
            "When in doubt, we choose speed over Speed, because shipping sooner teaches us more.",
        ),
    );
    p.check_json(&[])
        .expect_one("TEN004", "tenets.toml", 3, Some("T-1"));
}

#[test]
fn because_in_the_situation_is_not_a_rationale() {
    let p = Project::new();
    p.write(
        "tenets.toml",
        &toml_tenet("When users leave because of price, we prefer discounts over new features."),
    );
    let run = p.check_json(&[]);
    run.expect_one("TEN003", "tenets.toml", 3, Some("T-1"));
    run.expect_none("TEN001");
    run.expect_none("TEN002");
}

#[test]
fn paragraphs_of_a_loose_list_item_are_separate_words() {
    let p = Project::new();
    p.write(
        "thesis.md",
        &thesis("## Tenets\n\n- When in doubt, we prefer speed over safety\n\n  because shipping sooner teaches us more.\n\n- We ship fast.\n"),
    );
    let run = p.check_json(&[]);
    // Only the second item (line 14) is broken.
    run.expect_one("TEN003", "thesis.md", 14, Some("TH-1"));
}

/// A tenets file holding one tenet.
fn one(text: &str) -> String {
    format!("[[tenet]]\nid = \"TEN-1\"\ntext = \"{text}\"\n")
}

#[test]
fn ten003_a_rationale_without_its_period_is_told_so() {
    let t = one("When in doubt, we choose speed over polish because users wait for nothing");
    let run = common::lint_with_owners(&[("tenets.toml", &t)]);
    let d = run.expect_one("TEN003", "tenets.toml", 3, Some("TEN-1"));
    assert_eq!(
        d["message"],
        "tenet `TEN-1` gives a rationale that does not end with a period"
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("end the tenet with a period")
    );
}

#[test]
fn ten003_since_or_as_instead_of_because_is_named_in_the_help() {
    for word in ["since", "as"] {
        let t = one(&format!(
            "When in doubt, we choose speed over polish {word} users wait for nothing."
        ));
        let run = common::lint_with_owners(&[("tenets.toml", &t)]);
        let d = run.expect_one("TEN003", "tenets.toml", 3, Some("TEN-1"));
        assert_eq!(
            d["message"],
            "tenet `TEN-1` gives no rationale (`because …` ending in a period)"
        );
        let help = d["help"].as_str().unwrap();
        assert!(help.contains(&format!("not `{word}`")), "{help}");
    }
    // A plain missing rationale gets the plain help.
    let run = common::lint_with_owners(&[(
        "tenets.toml",
        &one("When in doubt, we choose speed over polish."),
    )]);
    let d = run.expect_one("TEN003", "tenets.toml", 3, Some("TEN-1"));
    assert_eq!(d["help"], "end the tenet with `because <the reason>.`");
}
