//! Every rule code with its name, default severity, one-line summary and
//! documentation (compiled in from `docs/rules/`).

use crate::diagnostic::Severity::{self, Error, Info, Warning};

/// A rule as listed by `stratlint rules` and documented by `explain`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The code (`OBJ001`).
    pub code: &'static str,
    /// A kebab-case name (`dangling-reference`).
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// One line: when it fires.
    pub summary: &'static str,
    /// The full documentation (Markdown).
    pub doc: &'static str,
}

macro_rules! rule {
    ($code:literal, $name:literal, $sev:expr, $summary:literal) => {
        Rule {
            code: $code,
            name: $name,
            severity: $sev,
            summary: $summary,
            doc: include_str!(concat!("../../docs/rules/", $code, ".md")),
        }
    };
}

/// Every rule, in the order of SPEC §6.
pub const RULES: [Rule; 30] = [
    rule!(
        "SL001",
        "parse-error",
        Error,
        "A strategy file does not parse (TOML syntax, bad front matter)"
    ),
    rule!(
        "SL002",
        "unknown-kind",
        Error,
        "`kind` or a table array name is not a known kind"
    ),
    rule!(
        "SL003",
        "missing-field",
        Error,
        "A required field is missing"
    ),
    rule!("SL004", "duplicate-id", Error, "Two objects share an id"),
    rule!("SL005", "unknown-field", Warning, "An unknown field"),
    rule!(
        "SL006",
        "invalid-value",
        Error,
        "A field has the wrong type or an invalid value"
    ),
    rule!(
        "OBJ001",
        "dangling-reference",
        Error,
        "A reference names no object"
    ),
    rule!(
        "OBJ002",
        "parent-cycle",
        Error,
        "Objective parent links form a cycle"
    ),
    rule!(
        "OBJ003",
        "parent-level",
        Error,
        "An objective's parent is not at a strictly higher level"
    ),
    rule!(
        "OBJ004",
        "missing-parent",
        Error,
        "An objective below the top level has no parent"
    ),
    rule!(
        "OBJ005",
        "unmeasured-objective",
        Warning,
        "An active objective has no active KPI measuring it or a descendant"
    ),
    rule!(
        "OBJ006",
        "retired-reference",
        Warning,
        "An active object references a retired one"
    ),
    rule!(
        "OWN001",
        "missing-owner",
        Error,
        "A KPI, objective, principle or thesis has no owner"
    ),
    rule!(
        "OWN002",
        "unknown-owner",
        Error,
        "An owner is not in the registry"
    ),
    rule!(
        "OWN003",
        "departed-owner",
        Error,
        "An owner is a person marked `active = false`"
    ),
    rule!(
        "OWN004",
        "kpi-owner-kind",
        Warning,
        "A KPI is owned by a team where a person is required"
    ),
    rule!(
        "KPI001",
        "kpi-missing-number",
        Error,
        "A KPI's baseline or target is missing or not a number"
    ),
    rule!(
        "KPI002",
        "kpi-flat-target",
        Warning,
        "A KPI's baseline equals its target"
    ),
    rule!(
        "TEN001",
        "tenet-no-situation",
        Error,
        "A tenet does not open with `When <situation>,`"
    ),
    rule!(
        "TEN002",
        "tenet-no-alternative",
        Error,
        "A tenet names no rejected alternative (`we <verb> A over B`)"
    ),
    rule!(
        "TEN003",
        "tenet-no-rationale",
        Error,
        "A tenet gives no rationale (`because …` ending in a period)"
    ),
    rule!(
        "TEN004",
        "tenet-same-options",
        Error,
        "A tenet's two options are the same"
    ),
    rule!(
        "TEN005",
        "tenet-thin-rationale",
        Warning,
        "A tenet's rationale is shorter than `tenets.min_rationale_words`"
    ),
    rule!(
        "HL001",
        "half-life-passed",
        Warning,
        "Age is at least the half-life"
    ),
    rule!(
        "HL002",
        "twice-half-life",
        Error,
        "Age is at least twice the half-life"
    ),
    rule!(
        "HL003",
        "predates-inflection",
        Warning,
        "Last revalidated before the latest strategic inflection point"
    ),
    rule!(
        "HL004",
        "served-changed",
        Warning,
        "An object the principle serves changed after the principle's last revalidation"
    ),
    rule!("HL005", "age-unknown", Info, "An age cannot be determined"),
    rule!(
        "LNK001",
        "broken-link",
        Error,
        "A relative Markdown link points to a missing file or heading anchor"
    ),
    rule!(
        "SUP001",
        "unused-suppression",
        Warning,
        "A suppression suppressed nothing"
    ),
];

/// Looks a rule up by code (case-insensitive).
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// True when `pattern` is a code or a prefix of at least one code.
pub fn matches_any(pattern: &str) -> bool {
    !pattern.is_empty() && RULES.iter().any(|r| r.code.starts_with(pattern))
}

/// The default severity of a code.
pub fn default_severity(code: &str) -> Severity {
    find(code).map_or(Error, |r| r.severity)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
