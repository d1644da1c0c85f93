//! Every rule code (typed: a misspelled code does not compile) with the
//! facts about its rule: name, default severity, what it needs to run,
//! whether it survives retirement, its label and its documentation
//! (compiled in from `docs/rules/`).

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Counts towards `--max-warnings`.
    Warning,
    /// Fails the run (exit 1).
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a rule needs to run at all. A suppression naming a rule that did
/// not run is not reported as unused (SUP001).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Git history (or `reviewed`): runs only with history on, and judges
    /// only objects whose age is known.
    History,
    /// The owners registry.
    Registry,
}

/// A rule as listed by `stratlint rules` and documented by `explain`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The code.
    pub code: Code,
    /// A kebab-case name (`dangling-reference`).
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// What it needs to run.
    pub needs: &'static [Need],
    /// Whether it still judges a retired object (the SL rules do).
    pub survives_retirement: bool,
    /// The few words the human format puts under the span.
    pub label: &'static str,
    /// One line: when it fires.
    pub summary: &'static str,
    /// The full documentation (Markdown).
    pub doc: &'static str,
}

macro_rules! rules {
    ($( $code:ident, $name:literal, $sev:ident, [$($need:ident),*], $survives:literal, $label:literal, $summary:literal; )*) => {
        /// A rule code.
        /// Codes order as the rules are listed (SPEC §6), not alphabetically.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Code { $($code),* }

        impl Code {
            /// The code as written (`OBJ001`).
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }
        }

        /// Every rule, in the order of SPEC §6.
        pub const RULES: &[Rule] = &[$(
            Rule {
                code: Code::$code,
                name: $name,
                severity: Severity::$sev,
                needs: &[$(Need::$need),*],
                survives_retirement: $survives,
                label: $label,
                summary: $summary,
                doc: include_str!(concat!("../../docs/rules/", stringify!($code), ".md")),
            }
        ),*];
    };
}

rules! {
    SL001, "parse-error", Error, [], true, "does not parse",
        "A strategy file does not parse (TOML syntax, bad front matter)";
    SL002, "unknown-kind", Error, [], true, "unknown kind",
        "`kind` or a table array name is not a known kind";
    SL003, "missing-field", Error, [], true, "missing field",
        "A required field is missing";
    SL004, "duplicate-id", Error, [], true, "duplicate id",
        "Two objects share an id";
    SL005, "unknown-field", Warning, [], true, "unknown field",
        "An unknown field";
    SL006, "invalid-value", Error, [], true, "invalid value",
        "A field has the wrong type or an invalid value";
    OBJ001, "dangling-reference", Error, [], false, "names nothing",
        "A reference names no object";
    OBJ002, "parent-cycle", Error, [], false, "cycle",
        "Objective parent links form a cycle";
    OBJ003, "parent-level", Error, [], false, "parent not higher",
        "An objective's parent is not at a strictly higher level";
    OBJ004, "missing-parent", Error, [], false, "no parent",
        "An objective below the top level has no parent";
    OBJ005, "unmeasured-objective", Warning, [], false, "unmeasured",
        "An active objective has no active KPI measuring it or a descendant";
    OBJ006, "retired-reference", Warning, [], false, "retired",
        "An active object references a retired one";
    OBJ007, "objective-past-due", Warning, [], false, "past due",
        "An active objective's `due` is before now";
    OWN001, "missing-owner", Error, [], false, "no owner",
        "A KPI, objective, principle, thesis, initiative, debt item or value has no owner";
    OWN002, "unknown-owner", Error, [Registry], false, "not in the registry",
        "An owner is not in the registry";
    OWN003, "departed-owner", Error, [Registry], false, "has left",
        "An owner, or a team's `lead`, is a person marked `active = false`";
    OWN004, "kpi-owner-kind", Warning, [Registry], false, "wrong kind of owner",
        "A KPI is owned by a team where a person is required";
    KPI001, "kpi-missing-number", Error, [], false, "not a number",
        "A KPI's baseline or target is missing or not a number";
    KPI002, "kpi-flat-target", Warning, [], false, "same as the baseline",
        "A KPI's baseline equals its target";
    KPI003, "kpi-direction-contradiction", Error, [], false, "contradicts baseline → target",
        "A KPI's `direction` contradicts its baseline → target";
    KPI004, "kpi-moved-goalposts", Warning, [History], false, "goalposts moved",
        "A KPI's baseline or target (a guardrail's min or max) was changed after it was set, with no `revised` date that covers the change";
    KPI005, "kpi-stale-measurement", Warning, [], false, "not measured lately",
        "A KPI's last measurement is at least `measure_every` old";
    KPI006, "kpi-regressed", Warning, [], false, "worse than the baseline",
        "A KPI's `current` is on the worse side of its baseline";
    KPI007, "kpi-missed", Warning, [], false, "target missed",
        "A KPI's due date has passed and its target is not met";
    KPI008, "kpi-behind-pace", Warning, [], false, "behind pace",
        "A KPI is behind pace: progress below half the share of its period that has passed";
    KPI009, "kpi-guardrail-breached", Warning, [], false, "outside its guardrail",
        "A guardrail KPI's `current` is below its `min` or above its `max`";
    TEN001, "tenet-no-situation", Error, [], false, "no `When …,` situation",
        "A tenet does not open with `When <situation>,`";
    TEN002, "tenet-no-alternative", Error, [], false, "no `A over B` alternative",
        "A tenet names no rejected alternative (`we <verb> A over B`)";
    TEN003, "tenet-no-rationale", Error, [], false, "no `because …` rationale",
        "A tenet gives no rationale (`because …` ending in a period)";
    TEN004, "tenet-same-options", Error, [], false, "the same option twice",
        "A tenet's two options are the same";
    TEN005, "tenet-thin-rationale", Warning, [], false, "rationale too short",
        "A tenet's rationale is shorter than `tenets.min_rationale_words`";
    TEN006, "tenet-uncited", Warning, [], false, "not cited lately",
        "A tenet with an id that no decision in force has cited within `tenets.cited_within`";
    TEN007, "tenet-contradiction", Warning, [], false, "contradicts another tenet",
        "In the same situation, a tenet chooses A over B where another chooses B over A";
    TEN008, "tenet-overridden", Warning, [], false, "keeps being gone against",
        "A tenet that at least `tenets.overridden_after` recent decisions went against, and no more followed";
    DEC001, "supersession-disagrees", Error, [], true, "supersession disagrees",
        "A decision an accepted one supersedes is not `superseded`, or a `superseded` one is superseded by nothing";
    DEC002, "supersession-cycle", Error, [], true, "cycle",
        "Decisions supersede each other in a cycle";
    DEC003, "decision-cites-no-tenet", Warning, [], false, "cites no tenet",
        "A decision in force cites no tenet";
    DEC004, "decision-review-overdue", Warning, [], false, "review overdue",
        "A decision in force is past its `review_by` date";
    DEC005, "decision-tradeoff-missing", Warning, [], false, "no `tradeoff`",
        "A decision in force goes against tenets with no `tradeoff`";
    ALN001, "value-unanchored", Warning, [], false, "interprets nothing above",
        "A value below the top alignment layer interprets nothing above it";
    ALN002, "value-interprets-sideways", Warning, [], false, "not a higher layer",
        "A value's `interprets` names a value on the same or a lower layer";
    ALN003, "tenet-overrides-higher-layer", Error, [], false, "contradicts a higher layer",
        "A tenet contradicts a tenet on a higher alignment layer";
    HL001, "half-life-passed", Warning, [History], false, "past its half-life",
        "Age is at least the half-life";
    HL002, "twice-half-life", Error, [History], false, "past twice its half-life",
        "Age is at least twice the half-life";
    HL003, "predates-inflection", Warning, [History], false, "predates the inflection",
        "Last revalidated before the latest strategic inflection point";
    HL004, "served-changed", Warning, [History], false, "serves what changed since",
        "An object the principle serves changed after the principle's last revalidation";
    HL005, "age-unknown", Info, [History], false, "age unknown",
        "An age cannot be determined";
    LNK001, "broken-link", Error, [], false, "broken link",
        "A relative Markdown link points to a missing file or heading anchor";
    KPI010, "kpi-implausible-value", Warning, [], false, "implausible value",
        "A KPI's progress is implausible (beyond ±10 times the distance to its target): a unit mistake or typo";
    EXE001, "initiative-serves-nothing", Error, [], false, "serves nothing",
        "An open initiative serves nothing: `serves` and `pays` are both absent or empty";
    EXE002, "initiative-no-expected-move", Warning, [], false, "says nothing it should move",
        "An active (or started) initiative that pays no debt does not say what it should move (`moves`) or by when (`first_signal`)";
    EXE003, "initiative-hypothesis", Warning, [], false, "not a hypothesis",
        "A hypothesis is not of the form \"We believe … will … by/to <amount>.\", or an experiment has none";
    EXE004, "first-signal-overdue", Warning, [History], false, "no first signal",
        "An active initiative's first signal is overdue: a KPI it moves was measured since, and none moved the expected way since it started";
    EXE005, "velocity-without-impact", Warning, [History], false, "busy, but flat",
        "Velocity without impact: work linked to an objective in the window, and every outcome KPI under it measured in the window is flat";
    EXE006, "objective-unattended", Info, [], false, "nobody works on it",
        "An objective whose KPI is regressed or missed has no active child objective and no open initiative serving it";
    EXE007, "no-health-capacity", Warning, [], false, "no health capacity",
        "No capacity for technical health in the current quarter";
    DEBT001, "debt-cost-unquantified", Warning, [], false, "cost not quantified",
        "A debt item's `impact` states no number and it has no `interest`";
    DEBT002, "debt-unpaid", Warning, [History], false, "debt left unpaid",
        "An open debt item was registered at least `execution.debt_unpaid` ago and no open initiative pays it";
    SUP001, "unused-suppression", Warning, [], false, "suppresses nothing",
        "A suppression suppressed nothing";
}

impl Code {
    /// The rule's facts.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// Reads a code (case-insensitive).
    pub fn parse(code: &str) -> Option<Code> {
        RULES
            .iter()
            .find(|r| r.code.as_str().eq_ignore_ascii_case(code))
            .map(|r| r.code)
    }

    /// The default severity.
    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// Whether a code or prefix pattern (`HL`, `TEN005`) covers this code.
    pub fn matches(self, pattern: &str) -> bool {
        self.as_str().starts_with(pattern)
    }

    /// Whether the rule needs this to run.
    pub fn needs(self, need: Need) -> bool {
        self.rule().needs.contains(&need)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// True when `pattern` is a code or a prefix of at least one code.
pub fn matches_any(pattern: &str) -> bool {
    !pattern.is_empty() && RULES.iter().any(|r| r.code.matches(pattern))
}

/// Every code as written, in the order of SPEC §6.
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.code.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_listed_in_the_order_of_their_codes() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.code as usize, i, "{}", r.code);
        }
    }

    #[test]
    fn every_doc_is_titled_with_its_code_and_name() {
        for r in RULES {
            let first = r.doc.lines().next().unwrap_or_default();
            assert_eq!(
                first,
                format!("# {}: {}", r.code, r.name),
                "docs/rules/{}.md",
                r.code
            );
        }
    }

    #[test]
    fn codes_parse_back_in_any_case() {
        for r in RULES {
            assert_eq!(Code::parse(&r.code.as_str().to_lowercase()), Some(r.code));
        }
        assert_eq!(Code::parse("OBJ01"), None);
    }

    #[test]
    fn only_the_sl_rules_and_dec001_dec002_survive_retirement() {
        for r in RULES {
            let survives = r.code.matches("SL") || matches!(r.code, Code::DEC001 | Code::DEC002);
            assert_eq!(r.survives_retirement, survives, "{}", r.code);
        }
    }
}
