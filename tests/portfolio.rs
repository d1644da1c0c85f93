//! The initiatives as a portfolio (SPEC §14): EXE006 (an objective in
//! trouble nobody works on: a KPI regressed, missed or behind pace) and EXE007 (no capacity for technical health in
//! the current quarter). In process, now being 2026-11-25 (in `2026-Q4`).

mod common;
use common::{lint, lint_with_owners};

/// A leaf objective CO-1 with KPI K-1 (baseline 10, target 20) with `kpi`
/// added to the KPI, and another objective CO-2 with an initiative.
fn troubled(kpi: &str, extra: &str) -> common::Run {
    let tree = format!(
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 10\ntarget = 20\n{kpi}\n"
    );
    lint_with_owners(&[("tree.toml", &tree), ("work.toml", extra)])
}

const OTHER: &str = "[[objective]]\nid = \"CO-2\"\ntitle = \"Keep\"\nlevel = \"company\"\nowner = \"alice\"\n\n\
[[initiative]]\nid = \"I-2\"\ntitle = \"Status page\"\nowner = \"alice\"\nserves = [\"CO-2\"]\nstatus = \"planned\"\n";

#[test]
fn exe006_a_regressed_kpi_on_an_objective_nobody_works_on() {
    let run = troubled("current = 8", OTHER);
    let d = run.expect_one("EXE006", "tree.toml", 2, Some("CO-1"));
    assert_eq!(d["severity"], "info");
    assert_eq!(
        d["message"],
        "nobody is working on objective `CO-1`: kpi `K-1` regressed past its baseline, and no open initiative serves it"
    );
    assert_eq!(d["related"][0]["line"], 8);
}

#[test]
fn exe006_a_missed_kpi() {
    let run = troubled("current = 12\ndue = 2026-06-30", OTHER);
    let d = run.expect_one("EXE006", "tree.toml", 2, Some("CO-1"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("kpi `K-1` missed its target, due on 2026-06-30"),
        "{d:#}"
    );
    run.expect_one("KPI007", "tree.toml", 15, Some("K-1"));
}

#[test]
fn exe006_a_kpi_behind_pace() {
    // 79% of the year gone when measured, 20% of the way (KPI008's case).
    let pace = "current = 12\nsince = 2026-01-05\ndue = 2026-12-31\nmeasured = 2026-10-15";
    let run = troubled(pace, OTHER);
    let d = run.expect_one("EXE006", "tree.toml", 2, Some("CO-1"));
    assert_eq!(
        d["message"],
        "nobody is working on objective `CO-1`: kpi `K-1` is behind pace (20% of the way with 79% \
         of its period gone), and no open initiative serves it"
    );
    assert_eq!(d["related"][0]["message"], "`K-1` is behind pace");
    run.expect_one("KPI008", "tree.toml", 14, Some("K-1"));
    // On pace: nothing.
    troubled(&pace.replace("current = 12", "current = 16"), OTHER).expect_none("EXE006");
}

#[test]
fn exe006_quiet_when_an_open_initiative_serves_it() {
    let serving = format!(
        "{OTHER}\n[[initiative]]\nid = \"I-1\"\ntitle = \"Win back\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nstatus = \"planned\"\n"
    );
    let run = troubled("current = 8", &serving);
    run.expect_none("EXE006");
    run.expect_one("KPI006", "tree.toml", 14, Some("K-1"));
    // A done initiative is not work going on.
    let done = serving.replace(
        "serves = [\"CO-1\"]\nstatus = \"planned\"",
        "serves = [\"CO-1\"]\nstatus = \"done\"",
    );
    troubled("current = 8", &done).expect_one("EXE006", "tree.toml", 2, Some("CO-1"));
}

#[test]
fn exe006_quiet_without_trouble_without_initiatives_or_with_an_active_child() {
    troubled("current = 12", OTHER).expect_none("EXE006");
    troubled("current = 8", "").expect_none("EXE006");
    let child = format!(
        "{OTHER}\n[[objective]]\nid = \"DEP-1\"\ntitle = \"Sell\"\nlevel = \"department\"\nparent = \"CO-1\"\nowner = \"alice\"\n"
    );
    let run = troubled("current = 8", &child);
    run.expect_none("EXE006");
    // The child itself has no KPI in trouble: quiet too.
    assert!(run.with_code("EXE006").is_empty());
    // A retired child leaves the objective a leaf.
    let retired = child + "status = \"retired\"\n";
    troubled("current = 8", &retired).expect_one("EXE006", "tree.toml", 2, Some("CO-1"));
}

/// A config plus an objective and `initiatives` (each a TOML table body
/// after its id) in `roadmap.toml`.
fn quarter(config: &str, initiatives: &[&str]) -> common::Run {
    let mut roadmap = String::from(
        "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n",
    );
    for (n, body) in initiatives.iter().enumerate() {
        roadmap.push_str(&format!(
            "\n[[initiative]]\nid = \"I-{}\"\ntitle = \"Work\"\nowner = \"alice\"\nserves = [\"CO-1\"]\n{}{body}\n",
            n + 1,
            if body.contains("status") { "" } else { "status = \"planned\"\n" }
        ));
    }
    lint(config, &[("roadmap.toml", &roadmap)])
}

const PRODUCT: &str = "theme = \"product\"\nstarted = 2026-10-05";

#[test]
fn exe007_a_quarter_with_no_health_capacity() {
    let run = quarter(
        "",
        &[
            PRODUCT,
            "theme = \"experiment\"\ndue = 2026-12-01\nhypothesis = \"We believe a trial will raise X by 3.\"",
            "started = 2026-01-01",
        ],
    );
    let d = run.expect_one("EXE007", "roadmap.toml", 13, None);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["column"], 9);
    assert_eq!(
        d["message"],
        "no capacity for technical health in 2026-Q4: 0% of the capacity of the 3 open initiatives in the quarter, 0 of them with a health theme (tech-health)"
    );
}

#[test]
fn exe007_at_the_id_when_the_first_has_no_theme() {
    let run = quarter("", &["started = 2026-10-05", PRODUCT, PRODUCT]);
    let d = run.expect_one("EXE007", "roadmap.toml", 8, None);
    assert_eq!(d["column"], 6);
}

#[test]
fn exe007_quiet_with_health_work_or_a_small_portfolio() {
    let health = "theme = \"tech-health\"\ncapacity = 0.5\ndue = 2027-03-01";
    quarter("", &[PRODUCT, PRODUCT, health]).expect_none("EXE007");
    quarter("", &[PRODUCT, PRODUCT]).expect_none("EXE007");
    quarter("[execution]\nmin_portfolio = 2\n", &[PRODUCT, PRODUCT]).expect_one(
        "EXE007",
        "roadmap.toml",
        13,
        None,
    );
}

#[test]
fn exe007_what_is_not_in_the_quarter() {
    // Unscheduled, ended before the quarter, starting after it, done.
    let out = [
        "theme = \"product\"",
        "theme = \"product\"\nstarted = 2026-01-01\ndue = 2026-09-30",
        "theme = \"product\"\nstarted = 2027-01-01",
    ];
    let mut all = vec![PRODUCT, PRODUCT];
    all.extend(out);
    quarter("", &all).expect_none("EXE007");
    let done = "theme = \"product\"\nstarted = 2026-10-05\nstatus = \"done\"";
    quarter("", &[PRODUCT, PRODUCT, done]).expect_none("EXE007");
    quarter(
        "",
        &[PRODUCT, PRODUCT, "theme = \"product\"\ndue = 2026-10-01"],
    )
    .expect_one("EXE007", "roadmap.toml", 13, None);
}

#[test]
fn exe007_a_share_below_min_health_share() {
    let health = "theme = \"tech-health\"\ncapacity = 0.5\nstarted = 2026-11-01";
    let floor = "[execution]\nmin_health_share = 0.25\n";
    let run = quarter(floor, &[PRODUCT, PRODUCT, health]);
    let d = run.expect_one("EXE007", "roadmap.toml", 13, None);
    assert_eq!(
        d["message"],
        "no capacity for technical health in 2026-Q4: 20% of the capacity of the 3 open initiatives in the quarter, 1 of them with a health theme (tech-health)"
    );
    quarter(
        "[execution]\nmin_health_share = 0.2\n",
        &[PRODUCT, PRODUCT, health],
    )
    .expect_none("EXE007");
}

#[test]
fn exe007_quarters_from_the_configured_start_month() {
    // With `start_month = 2`, 2026-11-25 is in `2026-Q4` (November to
    // January): an initiative due at the end of October is not in it.
    let october = "theme = \"product\"\nstarted = 2026-09-01\ndue = 2026-10-31";
    quarter("", &[october, PRODUCT, PRODUCT]).expect_one("EXE007", "roadmap.toml", 13, None);
    quarter(
        "[quarters]\nstart_month = 2\n",
        &[october, PRODUCT, PRODUCT],
    )
    .expect_none("EXE007");
    // With `start_month = 4` the quarter is `2026-Q3` (October to December).
    let d = quarter(
        "[quarters]\nstart_month = 4\n",
        &[october, PRODUCT, PRODUCT],
    )
    .expect_one("EXE007", "roadmap.toml", 13, None);
    assert!(
        d["message"].as_str().unwrap().contains(" in 2026-Q3: "),
        "{d:#}"
    );
}

#[test]
fn exe007_a_line_suppression_at_its_location_silences_it() {
    let suppressed = "# stratlint: ignore[EXE007] the quarter's health work is in the platform team's plan\ntheme = \"product\"\nstarted = 2026-10-05";
    let run = quarter("", &[suppressed, PRODUCT, PRODUCT]);
    run.expect_none("EXE007");
    run.expect_none("SUP001");
}
