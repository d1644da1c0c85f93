//! Every key of `stratlint.toml` (SPEC §10), as one table: its path, the
//! type that decides how its value is read and checked, its default and one
//! line of documentation.
//!
//! The reader ([`super::read`]) validates a config file against [`KEYS`]
//! (unknown keys, with the closest valid one; wrong types; bad values), and
//! the tests generate `schemas/stratlint.schema.json`'s properties and the
//! key table of `docs/configuration.md` from it, and check the TOML blocks
//! of the README and `docs/configuration.md` against it. Adding a key is one
//! [`Key`] entry here and one arm of [`super::Config::assign`] (where its
//! value lands; a unit test fails until it has one).

use super::adr_dirs::AdrDir;

/// How a key's value is read, and what makes it valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A path, relative to the config file.
    Path,
    /// A string.
    Text,
    /// A list of `.gitignore` lines, each one git would accept.
    Patterns,
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// Objective level names: at least one, none blank or with spaces
    /// around it, none twice.
    Levels,
    /// Tenet verbs: at least one, each one word.
    Verbs,
    /// A list of strings.
    Texts,
    /// A whole number ≥ 0.
    Count,
    /// A number from 0 to 1 (a share).
    Share,
    /// A month's number, 1 to 12.
    Month,
    /// A duration string (`90d`, `26w`, `6mo`, `1y`).
    Duration,
    /// `true` or `false`.
    Bool,
    /// One of the five decision statuses.
    Status,
    /// A list of rule codes, prefixes of codes, or `ALL`.
    Selectors,
    /// Directories of adopted ADRs: paths, or `{ path, prefix, id }` tables.
    AdrDirs,
    /// A table whose keys are of one sort and whose values all have one type.
    Map(MapKey, &'static Type),
}

/// What the keys of a [`Type::Map`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKey {
    /// A kind's name (`principle`).
    Kind,
    /// A status phrase of adopted records: any text with a letter or digit.
    StatusPhrase,
    /// A rule code, a prefix of codes, or `ALL`.
    Selector,
}

/// One key of the config file.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key's path from the top of the file, `.`-separated
    /// (`tenets.verbs`: `verbs` in `[tenets]`).
    pub path: &'static str,
    /// How its value is read and checked.
    pub ty: Type,
    /// The default, as TOML (what a file without the key means).
    pub default: &'static str,
    /// One line: what it does (the JSON Schema's description, the docs' table).
    pub doc: &'static str,
}

impl Key {
    /// The table the key sits in (`tenets`), or `""` at the top level.
    pub fn table(&self) -> &'static str {
        self.path.rsplit_once('.').map_or("", |(table, _)| table)
    }

    /// The key's own name in its table (`verbs`).
    pub fn name(&self) -> &'static str {
        self.path
            .rsplit_once('.')
            .map_or(self.path, |(_, name)| name)
    }
}

/// A value read and checked by its key's [`Type`]: what
/// [`super::Config::assign`] receives.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// [`Type::Path`], [`Type::Text`], [`Type::Choice`] and [`Type::Status`].
    Text(String),
    /// The list types ([`Type::Patterns`], [`Type::Levels`], [`Type::Verbs`],
    /// [`Type::Texts`], [`Type::Selectors`]), as written.
    Texts(Vec<String>),
    /// [`Type::Count`] and [`Type::Month`].
    Count(usize),
    /// [`Type::Share`].
    Share(f64),
    /// [`Type::Duration`], in days.
    Days(i64),
    /// [`Type::Bool`].
    Bool(bool),
    /// [`Type::AdrDirs`].
    AdrDirs(Vec<AdrDir>),
    /// [`Type::Map`]: each key as written, with its value, in file order.
    Map(Vec<(String, Value)>),
}

const fn key(path: &'static str, ty: Type, default: &'static str, doc: &'static str) -> Key {
    Key {
        path,
        ty,
        default,
        doc,
    }
}

/// What a KPI's owner may be (`kpi_owner`).
pub const KPI_OWNERS: &[&str] = &["person", "team", "any"];

/// The severities a rule may be given in `[lint.severity]`.
pub const SEVERITY_LEVELS: &[&str] = &["error", "warning", "info", "off"];

/// How an adopted record's id is made (`id` in a `decisions.adr` entry).
pub const ADR_ID_SCHEMES: &[&str] = &["number", "name"];

/// Every key, in the order the reader lists the valid keys of a table (and
/// the docs and the JSON Schema list them).
pub const KEYS: &[Key] = &[
    key(
        "owners",
        Type::Path,
        "\"owners.toml\"",
        "The owners registry, relative to the config file.",
    ),
    key(
        "exclude",
        Type::Patterns,
        "[]",
        "Paths not to lint, beside `.gitignore`, written and matched as `.gitignore` lines (anchored by a leading or inner `/`).",
    ),
    key(
        "kpi_owner",
        Type::Choice(KPI_OWNERS),
        "\"person\"",
        "What may own a KPI: `person` (a team owner is OWN004), `team` (a person owner is OWN004), or `any`.",
    ),
    key(
        "objectives.levels",
        Type::Levels,
        "[\"company\", \"department\", \"team\"]",
        "Objective levels, top first; an objective below the first needs a `parent` at a strictly higher level.",
    ),
    key(
        "half_life",
        Type::Map(MapKey::Kind, &Type::Duration),
        "{ principle = \"1y\", thesis = \"6mo\" }",
        "Half-life per kind (an object's own `half_life` overrides it); the table replaces the defaults, and a kind absent from it has none.",
    ),
    key(
        "tenets.verbs",
        Type::Verbs,
        "[\"choose\", \"prefer\", \"favor\", \"favour\", \"prioritize\", \"prioritise\"]",
        "Verbs accepted in `we <verb> A over B`, matched in any case; replaces the default list.",
    ),
    key(
        "tenets.min_rationale_words",
        Type::Count,
        "4",
        "TEN005 fires for a rationale (`because …`) with fewer words; `0` never fires.",
    ),
    key(
        "tenets.headings",
        Type::Texts,
        "[\"Tenets\", \"Decision tenets\"]",
        "Headings (any level, any case) whose list items are tenets; replaces the default list.",
    ),
    key(
        "tenets.cited_within",
        Type::Duration,
        "\"1y\"",
        "TEN006 counts a citation (`tenets` or `against`) only by a decision whose `date` is within this of now; TEN008 counts decisions in the same window.",
    ),
    key(
        "tenets.overridden_after",
        Type::Count,
        "3",
        "TEN008 fires for a tenet that at least this many decisions within `cited_within` went against, and no more followed.",
    ),
    key(
        "decisions.adr",
        Type::AdrDirs,
        "[]",
        "Directories of adopted architecture decision records, inside the project: paths, relative to the config file, or `{ path, prefix, id }`.",
    ),
    key(
        "decisions.adr_prefix",
        Type::Text,
        "\"ADR-\"",
        "The id prefix of adopted records (`0007-use-postgres.md` is `ADR-0007`).",
    ),
    key(
        "decisions.default_status",
        Type::Status,
        "\"accepted\"",
        "The status of an adopted record that states none.",
    ),
    key(
        "decisions.statuses",
        Type::Map(MapKey::StatusPhrase, &Type::Status),
        "{}",
        "Extra status phrases of adopted records (case ignored), each mapped to the decision status it stands for.",
    ),
    key(
        "kpis.measure_every",
        Type::Duration,
        "\"100d\"",
        "KPI005 fires for a KPI whose last measurement is at least this old (a KPI's own `measure_every` overrides it).",
    ),
    key(
        "kpis.pace_after",
        Type::Share,
        "0.25",
        "KPI008 judges a KPI's pace once this share of its period has passed (0 to 1).",
    ),
    key(
        "kpis.pace_ratio",
        Type::Share,
        "0.5",
        "KPI008 fires when progress is below the share of the period passed times this (0 to 1).",
    ),
    key(
        "inflections.headcount",
        Type::Bool,
        "true",
        "Whether HL003 also counts the headcount doublings read from the owners registry's history.",
    ),
    key(
        "inflections.executives",
        Type::Bool,
        "true",
        "Whether HL003 also counts the executive turnovers read from the owners registry's history.",
    ),
    key(
        "inflections.executive_turnover",
        Type::Share,
        "0.5",
        "The share of a year-ago executive set that must have left for an executive-turnover inflection (0 to 1).",
    ),
    key(
        "execution.themes",
        Type::Texts,
        "[\"product\", \"tech-health\", \"experiment\"]",
        "The themes an initiative's `theme` may name (another is SL006); replaces the default list.",
    ),
    key(
        "execution.health_themes",
        Type::Texts,
        "[\"tech-health\"]",
        "The themes that count as technical health in a quarter's capacity (EXE007).",
    ),
    key(
        "execution.min_health_share",
        Type::Share,
        "0",
        "EXE007 fires when the health themes' share of a quarter's capacity is 0 or below this (0 to 1).",
    ),
    key(
        "execution.min_portfolio",
        Type::Count,
        "3",
        "EXE007 judges a quarter with at least this many open initiatives in it.",
    ),
    key(
        "execution.hypothesis_themes",
        Type::Texts,
        "[\"experiment\"]",
        "An open initiative with one of these themes needs a `hypothesis` (EXE003).",
    ),
    key(
        "execution.trailers",
        Type::Texts,
        "[\"Strategy\"]",
        "Commit trailers (`Strategy: INIT-7`, matched ignoring case) that link a commit to initiatives.",
    ),
    key(
        "execution.ignore_authors",
        Type::Texts,
        "[\"*[bot]\"]",
        "Commits by these authors link nothing: patterns where `*` matches any run of characters.",
    ),
    key(
        "execution.window",
        Type::Duration,
        "\"100d\"",
        "The window of activity (EXE005 and the report) and of KPI improvement.",
    ),
    key(
        "execution.min_activity",
        Type::Count,
        "20",
        "EXE005: linked commits in the window that make an objective busy.",
    ),
    key(
        "execution.debt_unpaid",
        Type::Duration,
        "\"1y\"",
        "DEBT002 fires for an open debt item registered at least this long ago that no open initiative pays.",
    ),
    key(
        "quarters.start_month",
        Type::Month,
        "1",
        "The first month of Q1 (2 for a fiscal year starting in February); quarters are three months from it.",
    ),
    key(
        "alignment.layers",
        Type::Levels,
        "[\"company\", \"function\", \"team\"]",
        "Alignment layers of values and tenets, top first; a value below the first interprets one on a higher layer (ALN001, ALN002).",
    ),
    key(
        "lint.select",
        Type::Selectors,
        "[\"ALL\"]",
        "Rules to run: codes or prefixes (`HL`, `TEN001`), or `ALL`; `--select` replaces it.",
    ),
    key(
        "lint.ignore",
        Type::Selectors,
        "[]",
        "Rules not to run, taken out of `select` when at least as specific; `--ignore` adds to it.",
    ),
    key(
        "lint.severity",
        Type::Map(MapKey::Selector, &Type::Choice(SEVERITY_LEVELS)),
        "{}",
        "A severity per code or prefix; the most specific entry wins, and `off` turns the rule off.",
    ),
];

/// The config file's tables (the prefixes of [`KEYS`]' paths), each with
/// one line of documentation.
pub const TABLES: &[(&str, &str)] = &[
    ("objectives", "Objective settings."),
    ("tenets", "How tenets are read and judged."),
    ("decisions", "Decision records, native and adopted."),
    ("kpis", "How KPIs are judged."),
    (
        "inflections",
        "Inflection points besides `inflection` objects.",
    ),
    (
        "execution",
        "Initiatives, the debt register and the work git records (SPEC §14).",
    ),
    (
        "quarters",
        "Quarters: EXE007, the report's tenet audit and KPI history.",
    ),
    (
        "alignment",
        "Layers of values, practices and tenets (SPEC §15).",
    ),
    ("lint", "Which rules run, and at what severity."),
];

/// The key at `path`, if the table has one.
pub fn key_at(path: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| k.path == path)
}

/// Whether `path` is a table of keys (`tenets`), not a key.
pub fn is_table(path: &str) -> bool {
    KEYS.iter().any(|k| {
        k.path.len() > path.len()
            && k.path.starts_with(path)
            && k.path.as_bytes()[path.len()] == b'.'
    })
}

/// The names valid in the table at `table` (`""`: the top level), keys and
/// tables alike, in [`KEYS`]' order.
pub fn names_in(table: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for k in KEYS {
        let rest = if table.is_empty() {
            Some(k.path)
        } else {
            k.path.strip_prefix(table).and_then(|r| r.strip_prefix('.'))
        };
        let name = rest.map(|r| r.split('.').next().unwrap_or(r));
        if let Some(name) = name.filter(|n| !out.contains(n)) {
            out.push(name);
        }
    }
    out
}
