//! [`Config`]: what a config file says, with the defaults filled in, and
//! [`Config::assign`], where each key's value lands.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::adr_dirs::AdrDir;
use super::keys::Value;
use crate::project::paths::relative;
use crate::schema::{Kind, Severity};

/// Who may own a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiOwner {
    /// A person (the default).
    Person,
    /// A team.
    Team,
    /// Either.
    Any,
}

impl KpiOwner {
    /// The owner written as `kpi_owner` (one of `keys::KPI_OWNERS`).
    pub fn parse(text: &str) -> Option<KpiOwner> {
        match text {
            "person" => Some(KpiOwner::Person),
            "team" => Some(KpiOwner::Team),
            "any" => Some(KpiOwner::Any),
            _ => None,
        }
    }
}

/// A severity override: a level, or `off`.
pub type SeverityOverride = Option<Severity>;

/// The whole configuration, with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The config file, when one was found.
    pub file: Option<PathBuf>,
    /// Path of the owners registry, relative to the project root.
    pub owners: PathBuf,
    /// Whether `owners` was set explicitly.
    pub owners_explicit: bool,
    /// Line and column of the `owners` value, for errors about it.
    pub owners_position: (usize, usize),
    /// `exclude` patterns, as `.gitignore` lines.
    pub exclude: Vec<String>,
    /// Who may own a KPI.
    pub kpi_owner: KpiOwner,
    /// Objective levels, top first.
    pub levels: Vec<String>,
    /// Half-life in days per kind.
    pub half_life: BTreeMap<Kind, i64>,
    /// Tenet verbs, lowercase.
    pub tenet_verbs: Vec<String>,
    /// Minimum words in a tenet's rationale.
    pub min_rationale_words: usize,
    /// Headings whose list items are tenets, lowercase.
    pub tenet_headings: Vec<String>,
    /// Selected codes or prefixes.
    pub select: Vec<String>,
    /// Ignored codes or prefixes.
    pub ignore: Vec<String>,
    /// Severity overrides by code or prefix.
    pub severity: Vec<(String, SeverityOverride)>,
    /// `tenets.cited_within` in days: how recent a citation must be for TEN006.
    pub cited_within: i64,
    /// `tenets.overridden_after`: how many recent decisions against a tenet make TEN008.
    pub overridden_after: usize,
    /// `decisions.adr`: directories of adopted architecture decision records.
    pub adr: Vec<AdrDir>,
    /// `decisions.adr_prefix`: the id prefix of adopted records.
    pub adr_prefix: String,
    /// `decisions.default_status`: the status of an adopted record that
    /// states none (one of the five decision statuses).
    pub default_status: String,
    /// `decisions.statuses`: extra status phrases (lowercase) and the
    /// decision status each stands for.
    pub statuses: BTreeMap<String, String>,
    /// `kpis.measure_every` in days: how often a KPI's `current` is expected to change (KPI005).
    pub measure_every: i64,
    /// `kpis.pace_after`: the share of a KPI's period after which KPI008 judges it.
    pub pace_after: f64,
    /// `kpis.pace_ratio`: KPI008 fires below this share of the expected progress.
    pub pace_ratio: f64,
    /// `inflections.headcount`: whether HL003 also counts the headcount
    /// doublings read from the owners registry's history.
    pub headcount: bool,
    /// `inflections.executives`: whether HL003 also counts the executive
    /// turnovers read from the owners registry's history.
    pub executives: bool,
    /// `inflections.executive_turnover`: the share of a year-ago executive
    /// set that must have left for an executive-turnover inflection.
    pub executive_turnover: f64,
    /// `[execution]` (SPEC §14).
    pub execution: Execution,
    /// `quarters.start_month`: the first month of Q1 (1 to 12).
    pub quarter_start: u32,
    /// `alignment.layers`: the layers of values and tenets, top first (SPEC §15).
    pub layers: Vec<String>,
    /// `--select`/`--ignore` from the command line, already applied to
    /// `select` and `ignore`; kept so that a config read for another commit
    /// (the merge base's, with `--changed-since`) gets them too.
    pub overrides: LintOverrides,
}

/// `[execution]`: initiatives, the debt register and linked commits.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// `themes`: what an initiative's `theme` may be.
    pub themes: Vec<String>,
    /// `health_themes`: the themes that count as technical health.
    pub health_themes: Vec<String>,
    /// `min_health_share` (0 to 1).
    pub min_health_share: f64,
    /// `min_portfolio`: open initiatives in a quarter before EXE007 judges it.
    pub min_portfolio: usize,
    /// `hypothesis_themes`: themes whose open initiatives need a hypothesis.
    pub hypothesis_themes: Vec<String>,
    /// `trailers`: commit trailers that link a commit to initiatives.
    pub trailers: Vec<String>,
    /// `ignore_authors`: author patterns whose commits link nothing.
    pub ignore_authors: Vec<String>,
    /// `window`, in days.
    pub window: i64,
    /// `min_activity`: linked commits in the window that make an objective busy.
    pub min_activity: usize,
    /// `debt_unpaid`, in days.
    pub debt_unpaid: i64,
}

impl Default for Execution {
    fn default() -> Self {
        let texts = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect();
        Execution {
            themes: texts(crate::schema::kinds::DEFAULT_THEMES),
            health_themes: texts(&["tech-health"]),
            min_health_share: 0.0,
            min_portfolio: 3,
            hypothesis_themes: texts(&["experiment"]),
            trailers: texts(&["Strategy"]),
            ignore_authors: texts(&["*[bot]"]),
            window: 100,
            min_activity: 20,
            debt_unpaid: 365,
        }
    }
}

/// `check --select CODES` (replacing `lint.select`) and `--ignore CODES`
/// (added to `lint.ignore`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintOverrides {
    /// `--select`, when given.
    pub select: Option<Vec<String>>,
    /// `--ignore`, every code or prefix given.
    pub ignore: Vec<String>,
}

/// The defaults: what `keys::KEYS` says each key is when absent (a unit
/// test reads the table's defaults and compares).
impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            owners: PathBuf::from("owners.toml"),
            owners_explicit: false,
            owners_position: (1, 1),
            exclude: Vec::new(),
            kpi_owner: KpiOwner::Person,
            levels: vec!["company".into(), "department".into(), "team".into()],
            half_life: BTreeMap::from([(Kind::Principle, 365), (Kind::Thesis, 180)]),
            tenet_verbs: [
                "choose",
                "prefer",
                "favor",
                "favour",
                "prioritize",
                "prioritise",
            ]
            .map(String::from)
            .to_vec(),
            min_rationale_words: 4,
            tenet_headings: vec!["tenets".into(), "decision tenets".into()],
            select: vec!["ALL".into()],
            ignore: Vec::new(),
            severity: Vec::new(),
            cited_within: 365,
            overridden_after: 3,
            adr: Vec::new(),
            adr_prefix: "ADR-".into(),
            default_status: "accepted".into(),
            statuses: BTreeMap::new(),
            // A quarter and some days for the numbers to land (SPEC §5b).
            measure_every: 100,
            pace_after: 0.25,
            pace_ratio: 0.5,
            headcount: true,
            executives: true,
            executive_turnover: 0.5,
            execution: Execution::default(),
            quarter_start: 1,
            layers: crate::schema::kinds::DEFAULT_LAYERS
                .iter()
                .map(|l| (*l).to_owned())
                .collect(),
            overrides: LintOverrides::default(),
        }
    }
}

impl Config {
    /// Sets the key at `path` (a path of `keys::KEYS`) to `value`, already
    /// checked by the key's type; `at` is the value's line and column.
    /// Returns false when the key has no place here, or the value is not of
    /// its type (a unit test keeps every key of the table placed).
    pub fn assign(&mut self, path: &str, value: Value, at: (usize, usize)) -> bool {
        match (path, value) {
            ("owners", Value::Text(p)) => {
                self.owners = PathBuf::from(p);
                self.owners_explicit = true;
                self.owners_position = at;
            }
            ("exclude", Value::Texts(patterns)) => self.exclude.extend(patterns),
            ("kpi_owner", Value::Text(owner)) => match KpiOwner::parse(&owner) {
                Some(owner) => self.kpi_owner = owner,
                None => return false,
            },
            ("objectives.levels", Value::Texts(levels)) => self.levels = levels,
            ("alignment.layers", Value::Texts(layers)) => self.layers = layers,
            ("half_life", Value::Map(entries)) => {
                self.half_life.clear();
                for (kind, days) in entries {
                    match (Kind::parse(&kind), days) {
                        (Some(kind), Value::Days(days)) => self.half_life.insert(kind, days),
                        _ => return false,
                    };
                }
            }
            ("tenets.verbs", Value::Texts(verbs)) => {
                self.tenet_verbs = verbs.iter().map(|v| v.to_lowercase()).collect();
            }
            ("tenets.min_rationale_words", Value::Count(n)) => self.min_rationale_words = n,
            ("tenets.headings", Value::Texts(headings)) => {
                self.tenet_headings = headings.iter().map(|h| h.trim().to_lowercase()).collect();
            }
            ("tenets.cited_within", Value::Days(days)) => self.cited_within = days,
            ("tenets.overridden_after", Value::Count(n)) => self.overridden_after = n,
            ("decisions.adr", Value::AdrDirs(dirs)) => self.adr = dirs,
            ("decisions.adr_prefix", Value::Text(prefix)) => self.adr_prefix = prefix,
            ("decisions.default_status", Value::Text(status)) => self.default_status = status,
            ("decisions.statuses", Value::Map(entries)) => {
                self.statuses.clear();
                for (phrase, status) in entries {
                    let Value::Text(status) = status else {
                        return false;
                    };
                    self.statuses.insert(status_phrase(&phrase), status);
                }
            }
            ("kpis.measure_every", Value::Days(days)) => self.measure_every = days,
            ("kpis.pace_after", Value::Share(x)) => self.pace_after = x,
            ("kpis.pace_ratio", Value::Share(x)) => self.pace_ratio = x,
            ("inflections.headcount", Value::Bool(on)) => self.headcount = on,
            ("inflections.executives", Value::Bool(on)) => self.executives = on,
            ("inflections.executive_turnover", Value::Share(x)) => self.executive_turnover = x,
            ("execution.themes", Value::Texts(t)) => self.execution.themes = t,
            ("execution.health_themes", Value::Texts(t)) => self.execution.health_themes = t,
            ("execution.min_health_share", Value::Share(x)) => {
                self.execution.min_health_share = x;
            }
            ("execution.min_portfolio", Value::Count(n)) => self.execution.min_portfolio = n,
            ("execution.hypothesis_themes", Value::Texts(t)) => {
                self.execution.hypothesis_themes = t;
            }
            ("execution.trailers", Value::Texts(t)) => self.execution.trailers = t,
            ("execution.ignore_authors", Value::Texts(t)) => self.execution.ignore_authors = t,
            ("execution.window", Value::Days(d)) => self.execution.window = d,
            ("execution.min_activity", Value::Count(n)) => self.execution.min_activity = n,
            ("execution.debt_unpaid", Value::Days(d)) => self.execution.debt_unpaid = d,
            ("quarters.start_month", Value::Count(m)) => self.quarter_start = m as u32,
            ("lint.select", Value::Texts(codes)) => self.select = codes,
            ("lint.ignore", Value::Texts(codes)) => self.ignore = codes,
            ("lint.severity", Value::Map(entries)) => {
                for (code, level) in entries {
                    let level = match level {
                        Value::Text(l) if l == "error" => Some(Severity::Error),
                        Value::Text(l) if l == "warning" => Some(Severity::Warning),
                        Value::Text(l) if l == "info" => Some(Severity::Info),
                        Value::Text(l) if l == "off" => None,
                        _ => return false,
                    };
                    self.severity.push((code, level));
                }
            }
            _ => return false,
        }
        true
    }

    /// Applies the command line's `--select` (replacing `select`) and
    /// `--ignore` (added to `ignore`), and remembers them.
    pub fn override_lint(&mut self, overrides: &LintOverrides) {
        if let Some(select) = &overrides.select {
            self.select.clone_from(select);
        }
        self.ignore.extend(overrides.ignore.iter().cloned());
        self.overrides = overrides.clone();
    }

    /// The owners registry's path relative to the project `root`,
    /// `/`-separated: how loading, git and messages name it.
    pub fn owners_rel(&self, root: &Path) -> String {
        relative(&root.join(&self.owners), root)
    }
}

/// A status phrase as adopted records are matched against it (SPEC §11):
/// lowercased, whitespace folded, punctuation at its ends dropped.
pub fn status_phrase(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}
