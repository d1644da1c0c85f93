//! Initiatives and the debt register as written (SPEC §14): the kinds'
//! fields, and EXE001, EXE002, EXE003 and DEBT001, each made to fire and
//! kept quiet, in process.

mod common;

use common::{TREE, lint, lint_with_owners};

fn with_tree(text: &str) -> common::Run {
    lint_with_owners(&[("objectives.toml", TREE), ("work.toml", text)])
}

#[test]
fn an_open_initiative_that_serves_nothing_is_exe001_at_its_id() {
    let run = with_tree(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"Dark mode\"\nowner = \"alice\"\nstatus = \"planned\"\n",
    );
    run.expect_one("EXE001", "work.toml", 2, Some("I-1"));
    run.expect_none("EXE002");
}

#[test]
fn serving_an_objective_or_paying_debt_or_being_done_keeps_exe001_quiet() {
    let run = with_tree(concat!(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nstatus = \"planned\"\nserves = [\"CO-1\"]\n\n",
        "[[initiative]]\nid = \"I-2\"\ntitle = \"B\"\nowner = \"alice\"\npays = [\"D-1\"]\n\n",
        "[[initiative]]\nid = \"I-3\"\ntitle = \"C\"\nowner = \"alice\"\nstatus = \"done\"\n\n",
        "[[debt]]\nid = \"D-1\"\ntitle = \"Old queue\"\nowner = \"alice\"\nimpact = \"Costs 3 pages a week.\"\n",
    ));
    run.expect_clean();
}

#[test]
fn a_dangling_serves_is_obj001_not_exe001() {
    let run = with_tree(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nstatus = \"planned\"\nserves = [\"CO-9\"]\n",
    );
    run.expect_one("OBJ001", "work.toml", 6, Some("I-1"));
    run.expect_none("EXE001");
}

#[test]
fn an_active_initiative_without_moves_or_first_signal_is_exe002_naming_both() {
    let run = with_tree(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\n",
    );
    let d = run.expect_one("EXE002", "work.toml", 2, Some("I-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("`moves`") && msg.contains("`first_signal`"),
        "{msg}"
    );
}

#[test]
fn exe002_names_only_what_is_missing_and_judges_a_started_plan() {
    let run = with_tree(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nstatus = \"planned\"\nstarted = 2027-01-04\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\n",
    );
    let d = run.expect_one("EXE002", "work.toml", 2, Some("I-1"));
    let msg = d["message"].as_str().unwrap();
    assert!(
        !msg.contains("`moves`") && msg.contains("`first_signal`"),
        "{msg}"
    );
}

#[test]
fn exe002_is_quiet_with_moves_and_a_first_signal_or_for_an_unscheduled_plan() {
    let run = with_tree(concat!(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = 2027-02-01\n\n",
        "[[initiative]]\nid = \"I-2\"\ntitle = \"B\"\nowner = \"alice\"\nstatus = \"planned\"\nserves = [\"CO-1\"]\n",
    ));
    run.expect_clean();
}

#[test]
fn a_hypothesis_not_of_the_form_is_exe003_at_the_hypothesis() {
    let run = with_tree(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\nhypothesis = \"It should help.\"\n",
    );
    run.expect_one("EXE003", "work.toml", 8, Some("I-1"));
}

#[test]
fn an_experiment_without_a_hypothesis_is_exe003_at_its_id_and_a_good_one_is_quiet() {
    let run = with_tree(concat!(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\ntheme = \"experiment\"\n\n",
        "[[initiative]]\nid = \"I-2\"\ntitle = \"B\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\ntheme = \"experiment\"\n",
        "hypothesis = \"We believe a faster signup will raise revenue from 1 to 2. More prose here\"\n",
    ));
    run.expect_one("EXE003", "work.toml", 2, Some("I-1"));
}

#[test]
fn hypothesis_themes_come_from_the_config() {
    let owners = common::OWNERS;
    let text = "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nmoves = { K-1 = 1 }\nfirst_signal = \"6w\"\ntheme = \"bet\"\n";
    let config = "[execution]\nthemes = [\"bet\"]\nhypothesis_themes = [\"bet\"]\n";
    let run = lint(
        config,
        &[
            ("owners.toml", owners),
            ("objectives.toml", TREE),
            ("work.toml", text),
        ],
    );
    run.expect_one("EXE003", "work.toml", 2, Some("I-1"));
    // With the default themes, `bet` is no theme at all.
    let run = with_tree(text);
    run.expect_one("SL006", "work.toml", 8, Some("I-1"));
    run.expect_none("EXE003");
}

#[test]
fn a_debt_item_whose_cost_has_no_number_is_debt001_at_impact() {
    let run = with_tree(
        "[[debt]]\nid = \"D-1\"\ntitle = \"Old queue\"\nowner = \"alice\"\nimpact = \"It is slow.\"\n",
    );
    run.expect_one("DEBT001", "work.toml", 5, Some("D-1"));
}

#[test]
fn debt001_is_quiet_with_a_number_an_interest_or_once_paid() {
    let run = with_tree(concat!(
        "[[debt]]\nid = \"D-1\"\ntitle = \"A\"\nowner = \"alice\"\nimpact = \"Costs 3 pages a week.\"\n\n",
        "[[debt]]\nid = \"D-2\"\ntitle = \"B\"\nowner = \"alice\"\nimpact = \"It is slow.\"\ninterest = 4\n\n",
        "[[debt]]\nid = \"D-3\"\ntitle = \"C\"\nowner = \"alice\"\nimpact = \"It is slow.\"\nstatus = \"paid\"\n",
    ));
    run.expect_clean();
}

#[test]
fn the_new_fields_are_checked_by_the_schema() {
    let run = with_tree(concat!(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nowner = \"alice\"\nserves = [\"CO-1\"]\n",
        "moves = { K-1 = 0, CO-1 = 2, K-9 = 1 }\nfirst_signal = \"soon\"\nstatus = \"doing\"\ncapacity = -1\n\n",
        "[[debt]]\nid = \"D-1\"\ntitle = \"A\"\nowner = \"alice\"\n",
    ));
    // A zero change, a change expected of an objective, an unknown KPI.
    let sl006: Vec<u64> = run
        .with_code("SL006")
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(sl006, vec![6, 6, 7, 8, 9], "{}", run.stdout);
    run.expect_one("OBJ001", "work.toml", 6, Some("I-1"));
    // A debt item needs an impact and an owner like every owned kind.
    run.expect_one("SL003", "work.toml", 12, Some("D-1"));
}

#[test]
fn initiatives_and_debt_need_an_owner() {
    let run = with_tree(concat!(
        "[[initiative]]\nid = \"I-1\"\ntitle = \"A\"\nstatus = \"planned\"\nserves = [\"CO-1\"]\n\n",
        "[[debt]]\nid = \"D-1\"\ntitle = \"B\"\nimpact = \"Costs 3 days.\"\n",
    ));
    let own: Vec<(u64, String)> = run
        .with_code("OWN001")
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["object"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        own,
        vec![(2, "I-1".to_owned()), (8, "D-1".to_owned())],
        "{}",
        run.stdout
    );
}
