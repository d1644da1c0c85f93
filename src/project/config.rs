//! `stratlint.toml`: finding it, reading every key of SPEC §10 with its span,
//! and reporting an unknown key or bad value with the closest valid key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::date::parse_duration;
use crate::schema::codes::{all_codes, matches_any};
use crate::schema::kinds::DECISION_STATUSES;
use crate::schema::{Code, Kind, Severity};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// The config file names, in the order they are looked for.
pub const CONFIG_NAMES: [&str; 2] = ["stratlint.toml", ".stratlint.toml"];

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

/// A severity override: a level, or `off`.
pub type SeverityOverride = Option<Severity>;

/// The whole configuration, with defaults filled in.
#[derive(Debug, Clone)]
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
    /// `inflections.headcount`: whether HL003 also counts the headcount
    /// doublings read from the owners registry's history.
    pub headcount: bool,
    /// `--select`/`--ignore` from the command line, already applied to
    /// `select` and `ignore`; kept so that a config read for another commit
    /// (the merge base's, with `--changed-since`) gets them too.
    pub overrides: LintOverrides,
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

/// A directory of adopted ADRs (`decisions.adr`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrDir {
    /// The directory, relative to the project root (`/` separators).
    pub path: String,
    /// Its records' id prefix, when it has its own.
    pub prefix: Option<String>,
    /// `id = "name"`: its records' ids are the prefix + the whole name
    /// (without extension) rather than the prefix + the number.
    pub by_name: bool,
    /// Line and column of the entry, for errors about it.
    pub position: (usize, usize),
}

impl AdrDir {
    /// The directory relative to the project root, read lexically (`.`
    /// and `dir/..` taken out, `/` separators, `""` for the root itself),
    /// or `None` when it is absolute or climbs above the root.
    pub fn dir(&self) -> Option<String> {
        let path = self.path.replace('\\', "/");
        if path.starts_with('/') || Path::new(&self.path).is_absolute() {
            return None;
        }
        let mut parts: Vec<&str> = Vec::new();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                p => parts.push(p),
            }
        }
        Some(parts.join("/"))
    }
}

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
            adr: Vec::new(),
            adr_prefix: "ADR-".into(),
            default_status: "accepted".into(),
            statuses: BTreeMap::new(),
            // A quarter and some days for the numbers to land (SPEC §5b).
            measure_every: 100,
            headcount: true,
            overrides: LintOverrides::default(),
        }
    }
}

/// A config file that cannot be used: exit 2, naming the file and line.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Looks for a config file in `dir` and its parents.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

const ROOT_KEYS: [&str; 10] = [
    "owners",
    "exclude",
    "kpi_owner",
    "objectives",
    "half_life",
    "tenets",
    "decisions",
    "kpis",
    "inflections",
    "lint",
];
const INFLECTION_KEYS: [&str; 1] = ["headcount"];
const KPI_KEYS: [&str; 1] = ["measure_every"];
const TENET_KEYS: [&str; 4] = ["verbs", "min_rationale_words", "headings", "cited_within"];
const DECISION_KEYS: [&str; 4] = ["adr", "adr_prefix", "default_status", "statuses"];
const LINT_KEYS: [&str; 3] = ["select", "ignore", "severity"];

struct Reader<'a> {
    src: &'a SourceFile,
    display: String,
}

impl Reader<'_> {
    fn error(&self, span: std::ops::Range<usize>, message: String) -> ConfigError {
        let pos = self.src.position(span.start);
        ConfigError {
            file: self.display.clone(),
            line: pos.line,
            column: pos.column,
            message,
        }
    }

    fn unknown(
        &self,
        key: &toml::Spanned<std::borrow::Cow<'_, str>>,
        table: &str,
        valid: &[&str],
    ) -> ConfigError {
        let name = key.get_ref();
        // A top-level key written below a `[table]` header lands in that table.
        if !table.is_empty() && ROOT_KEYS.contains(&name.as_ref()) {
            return self.error(
                key.span(),
                format!(
                    "unknown key `{name}`{table}; `{name}` is a top-level key: move it above the \
                     first [table] header"
                ),
            );
        }
        // SPEC §6: the closest key only when it is close; else the valid ones.
        let hint = match did_you_mean(name, valid.iter().copied()) {
            Some(best) => format!("the closest valid key is `{best}`"),
            None => format!("valid keys are `{}`", valid.join("`, `")),
        };
        self.error(key.span(), format!("unknown key `{name}`{table}; {hint}"))
    }

    fn string(&self, key: &str, v: &toml::Spanned<DeValue<'_>>) -> Result<String, ConfigError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(self.error(
                v.span(),
                format!("`{key}` must be a string, found {}", other.type_str()),
            )),
        }
    }

    fn strings(
        &self,
        key: &str,
        v: &toml::Spanned<DeValue<'_>>,
    ) -> Result<Vec<(String, std::ops::Range<usize>)>, ConfigError> {
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.error(v.span(), format!("`{key}` must be an array of strings")));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Ok((s.to_string(), item.span())),
                _ => Err(self.error(item.span(), format!("`{key}` must be an array of strings"))),
            })
            .collect()
    }

    /// `decisions.adr`: paths, or `{ path = "…", prefix = "…" }` tables.
    fn adr_dirs(&self, v: &toml::Spanned<DeValue<'_>>) -> Result<Vec<AdrDir>, ConfigError> {
        let wrong = |span| {
            self.error(
                span,
                "`decisions.adr` must be a list of directories: paths, or `{ path = \"…\", prefix = \"…\" }`".into(),
            )
        };
        let DeValue::Array(items) = v.get_ref() else {
            return Err(wrong(v.span()));
        };
        let mut out = Vec::new();
        for item in items {
            let pos = self.src.position(item.span().start);
            let position = (pos.line, pos.column);
            match item.get_ref() {
                DeValue::String(p) => out.push(AdrDir {
                    path: p.to_string(),
                    prefix: None,
                    by_name: false,
                    position,
                }),
                DeValue::Table(t) => {
                    let mut path = None;
                    let mut prefix = None;
                    let mut by_name = false;
                    for (k, val) in t.iter() {
                        match k.get_ref().as_ref() {
                            "path" => path = Some(self.string("decisions.adr.path", val)?),
                            "prefix" => prefix = Some(self.string("decisions.adr.prefix", val)?),
                            "id" => {
                                by_name = match self.string("decisions.adr.id", val)?.as_str() {
                                    "number" => false,
                                    "name" => true,
                                    other => {
                                        return Err(self.error(
                                            val.span(),
                                            format!("`decisions.adr.id` must be \"number\" or \"name\", not \"{other}\""),
                                        ));
                                    }
                                }
                            }
                            _ => {
                                return Err(self.unknown(
                                    k,
                                    " in a `decisions.adr` entry",
                                    &["path", "prefix", "id"],
                                ));
                            }
                        }
                    }
                    let path = path.ok_or_else(|| {
                        self.error(item.span(), "a `decisions.adr` entry needs `path`".into())
                    })?;
                    out.push(AdrDir {
                        path,
                        prefix,
                        by_name,
                        position,
                    });
                }
                _ => return Err(wrong(item.span())),
            }
        }
        Ok(out)
    }

    /// One of the five decision statuses, or a config error naming `key`
    /// and the closest one.
    fn decision_status(
        &self,
        key: &str,
        value: &str,
        span: std::ops::Range<usize>,
    ) -> Result<String, ConfigError> {
        if DECISION_STATUSES.contains(&value) {
            return Ok(value.to_owned());
        }
        let hint = did_you_mean(value, DECISION_STATUSES.iter().copied())
            .map(|best| format!("; the closest is \"{best}\""))
            .unwrap_or_default();
        Err(self.error(
            span,
            format!(
                "`{key}` must be a decision status (\"{}\"), not \"{value}\"{hint}",
                DECISION_STATUSES.join("\", \"")
            ),
        ))
    }

    fn table<'t, 'i>(
        &self,
        key: &str,
        v: &'t toml::Spanned<DeValue<'i>>,
    ) -> Result<&'t DeTable<'i>, ConfigError> {
        v.get_ref()
            .as_table()
            .ok_or_else(|| self.error(v.span(), format!("`{key}` must be a table")))
    }

    fn code_or_prefix(
        &self,
        key: &str,
        code: &str,
        span: std::ops::Range<usize>,
    ) -> Result<(), ConfigError> {
        if code == "ALL" || matches_any(code) {
            return Ok(());
        }
        let names = all_codes().chain(["ALL"]);
        let hint = match did_you_mean(code, names) {
            Some(best) => format!("the closest valid one is `{best}`"),
            None => "`stratlint rules` lists them".to_owned(),
        };
        Err(self.error(
            span,
            format!("`{key}`: `{code}` is not a rule code or prefix; {hint}"),
        ))
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

/// Reads a config file. `display` is the path as shown in messages.
pub fn load(path: &Path, display: &str) -> Result<Config, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        file: display.to_owned(),
        line: 1,
        column: 1,
        message: format!("cannot read the config file: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let src = SourceFile::new(
            path.into(),
            display.into(),
            String::from_utf8_lossy(e.as_bytes()).into(),
        );
        let pos = src.position(e.utf8_error().valid_up_to());
        ConfigError {
            file: display.to_owned(),
            line: pos.line,
            column: pos.column,
            message: "the config file is not valid UTF-8".into(),
        }
    })?;
    let src = SourceFile::new(path.into(), display.into(), text);
    let mut config = parse(&src, display)?;
    config.file = Some(path.to_owned());
    Ok(config)
}

/// Parses config text (exposed for fuzzing and tests).
pub fn parse(src: &SourceFile, display: &str) -> Result<Config, ConfigError> {
    let r = Reader {
        src,
        display: display.to_owned(),
    };
    let doc = DeTable::parse(&src.text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        r.error(span, format!("invalid TOML: {}", e.message().trim()))
    })?;
    let mut c = Config::default();
    for (key, value) in doc.get_ref() {
        match key.get_ref().as_ref() {
            "owners" => {
                c.owners = PathBuf::from(r.string("owners", value)?);
                c.owners_explicit = true;
                let pos = src.position(value.span().start);
                c.owners_position = (pos.line, pos.column);
            }
            "exclude" => {
                for (glob, span) in r.strings("exclude", value)? {
                    check_exclude(&glob).map_err(|e| {
                        r.error(span, format!("`exclude`: invalid pattern `{glob}`: {e}"))
                    })?;
                    c.exclude.push(glob);
                }
            }
            "kpi_owner" => {
                c.kpi_owner = match r.string("kpi_owner", value)?.as_str() {
                    "person" => KpiOwner::Person,
                    "team" => KpiOwner::Team,
                    "any" => KpiOwner::Any,
                    other => {
                        return Err(r.error(
                            value.span(),
                            format!("`kpi_owner` must be \"person\", \"team\" or \"any\", not \"{other}\""),
                        ));
                    }
                }
            }
            "objectives" => {
                for (k, v) in r.table("objectives", value)? {
                    if k.get_ref() != "levels" {
                        return Err(r.unknown(k, " in [objectives]", &["levels"]));
                    }
                    let levels = r.strings("objectives.levels", v)?;
                    if levels.is_empty() {
                        return Err(r.error(
                            v.span(),
                            "`objectives.levels` must name at least one level".into(),
                        ));
                    }
                    let mut seen = Vec::new();
                    for (level, span) in levels {
                        // A level is written as `level = "…"`: a blank one,
                        // or one with spaces around it, could never match.
                        if level.trim().is_empty() || level.trim() != level {
                            return Err(r.error(
                                span,
                                format!(
                                    "`objectives.levels`: `{level}` is not a level name (no blank names, no spaces around one)"
                                ),
                            ));
                        }
                        if seen.contains(&level) {
                            return Err(r.error(
                                span,
                                format!("`objectives.levels` lists `{level}` twice"),
                            ));
                        }
                        seen.push(level);
                    }
                    c.levels = seen;
                }
            }
            "half_life" => {
                c.half_life.clear();
                let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                for (k, v) in r.table("half_life", value)? {
                    let Some(kind) = Kind::parse(k.get_ref()) else {
                        return Err(r.unknown(k, " in [half_life]", &kinds));
                    };
                    let s = r.string(&format!("half_life.{}", k.get_ref()), v)?;
                    let days = parse_duration(&s).ok_or_else(|| {
                        r.error(
                            v.span(),
                            format!("`half_life.{}`: `{s}` is not a duration (use e.g. \"90d\", \"26w\", \"6mo\", \"1y\")", k.get_ref()),
                        )
                    })?;
                    c.half_life.insert(kind, days);
                }
            }
            "tenets" => {
                for (k, v) in r.table("tenets", value)? {
                    match k.get_ref().as_ref() {
                        "verbs" => {
                            let verbs = r.strings("tenets.verbs", v)?;
                            if verbs.is_empty() {
                                return Err(r.error(
                                    v.span(),
                                    "`tenets.verbs` must name at least one verb".into(),
                                ));
                            }
                            for (verb, span) in &verbs {
                                if verb.trim().is_empty() || verb.contains(char::is_whitespace) {
                                    return Err(r.error(
                                        span.clone(),
                                        format!("`tenets.verbs`: `{verb}` must be one word"),
                                    ));
                                }
                            }
                            c.tenet_verbs =
                                verbs.into_iter().map(|(v, _)| v.to_lowercase()).collect();
                        }
                        "headings" => {
                            c.tenet_headings = r
                                .strings("tenets.headings", v)?
                                .into_iter()
                                .map(|(h, _)| h.trim().to_lowercase())
                                .collect();
                        }
                        "min_rationale_words" => {
                            c.min_rationale_words = match v.get_ref() {
                                DeValue::Integer(i) => i
                                    .as_str()
                                    .parse::<u32>()
                                    .ok()
                                    .filter(|_| i.radix() == 10)
                                    .map(|n| n as usize),
                                _ => None,
                            }
                            .ok_or_else(|| {
                                r.error(
                                    v.span(),
                                    "`tenets.min_rationale_words` must be a whole number ≥ 0"
                                        .into(),
                                )
                            })?;
                        }
                        "cited_within" => {
                            let d = r.string("tenets.cited_within", v)?;
                            c.cited_within = parse_duration(&d).ok_or_else(|| {
                                r.error(
                                    v.span(),
                                    format!("`tenets.cited_within`: `{d}` is not a duration (use e.g. \"90d\", \"26w\", \"6mo\", \"1y\")"),
                                )
                            })?;
                        }
                        _ => return Err(r.unknown(k, " in [tenets]", &TENET_KEYS)),
                    }
                }
            }
            "inflections" => {
                for (k, v) in r.table("inflections", value)? {
                    match k.get_ref().as_ref() {
                        "headcount" => {
                            c.headcount = match v.get_ref() {
                                DeValue::Boolean(b) => *b,
                                other => {
                                    return Err(r.error(
                                        v.span(),
                                        format!(
                                            "`inflections.headcount` must be a boolean, found {}",
                                            other.type_str()
                                        ),
                                    ));
                                }
                            };
                        }
                        _ => return Err(r.unknown(k, " in [inflections]", &INFLECTION_KEYS)),
                    }
                }
            }
            "kpis" => {
                for (k, v) in r.table("kpis", value)? {
                    match k.get_ref().as_ref() {
                        "measure_every" => {
                            let d = r.string("kpis.measure_every", v)?;
                            c.measure_every = parse_duration(&d).ok_or_else(|| {
                                r.error(
                                    v.span(),
                                    format!("`kpis.measure_every`: `{d}` is not a duration (use e.g. \"90d\", \"26w\", \"6mo\", \"1y\")"),
                                )
                            })?;
                        }
                        _ => return Err(r.unknown(k, " in [kpis]", &KPI_KEYS)),
                    }
                }
            }
            "decisions" => {
                for (k, v) in r.table("decisions", value)? {
                    match k.get_ref().as_ref() {
                        "adr_prefix" => c.adr_prefix = r.string("decisions.adr_prefix", v)?,
                        "adr" => c.adr = r.adr_dirs(v)?,
                        "default_status" => {
                            let s = r.string("decisions.default_status", v)?;
                            c.default_status =
                                r.decision_status("decisions.default_status", &s, v.span())?;
                        }
                        "statuses" => {
                            c.statuses.clear();
                            for (phrase, status) in r.table("decisions.statuses", v)? {
                                let s = r.string("decisions.statuses", status)?;
                                let s = r.decision_status(
                                    &format!("decisions.statuses.\"{}\"", phrase.get_ref()),
                                    &s,
                                    status.span(),
                                )?;
                                let key = status_phrase(phrase.get_ref());
                                if key.is_empty() {
                                    return Err(r.error(
                                        phrase.span(),
                                        "`decisions.statuses`: a status phrase must hold a letter or digit".into(),
                                    ));
                                }
                                c.statuses.insert(key, s);
                            }
                        }
                        _ => return Err(r.unknown(k, " in [decisions]", &DECISION_KEYS)),
                    }
                }
            }
            "lint" => {
                for (k, v) in r.table("lint", value)? {
                    match k.get_ref().as_ref() {
                        "select" | "ignore" => {
                            let name = format!("lint.{}", k.get_ref());
                            let mut codes = Vec::new();
                            for (code, span) in r.strings(&name, v)? {
                                r.code_or_prefix(&name, &code, span)?;
                                codes.push(code);
                            }
                            if k.get_ref() == "select" {
                                c.select = codes;
                            } else {
                                c.ignore = codes;
                            }
                        }
                        "severity" => {
                            for (code, level) in r.table("lint.severity", v)? {
                                r.code_or_prefix("lint.severity", code.get_ref(), code.span())?;
                                let s =
                                    r.string(&format!("lint.severity.{}", code.get_ref()), level)?;
                                let parsed = match s.as_str() {
                                    "error" => Some(Severity::Error),
                                    "warning" => Some(Severity::Warning),
                                    "info" => Some(Severity::Info),
                                    "off" => None,
                                    other => {
                                        return Err(r.error(
                                            level.span(),
                                            format!("`lint.severity.{}` must be \"error\", \"warning\", \"info\" or \"off\", not \"{other}\"", code.get_ref()),
                                        ));
                                    }
                                };
                                c.severity.push((code.get_ref().to_string(), parsed));
                            }
                        }
                        _ => return Err(r.unknown(k, " in [lint]", &LINT_KEYS)),
                    }
                }
            }
            _ => return Err(r.unknown(key, "", &ROOT_KEYS)),
        }
    }
    Ok(c)
}

impl Config {
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
        super::discover::relative(&root.join(&self.owners), root)
    }

    /// The effective severity of `code`: `None` when it is not selected or turned off.
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        let default = code.severity();
        let code = code.as_str();
        let matches = |pat: &str| pat == "ALL" || code.starts_with(pat);
        let specificity = |pat: &str| if pat == "ALL" { 0 } else { pat.len() };
        let best_select = self
            .select
            .iter()
            .filter(|p| matches(p))
            .map(|p| specificity(p))
            .max();
        let best_ignore = self
            .ignore
            .iter()
            .filter(|p| matches(p))
            .map(|p| specificity(p))
            .max();
        match (best_select, best_ignore) {
            (None, _) => return None,
            (Some(s), Some(i)) if i >= s => return None,
            _ => {}
        }
        // The most specific severity override wins; later entries win ties.
        let mut chosen: Option<(usize, SeverityOverride)> = None;
        for (pat, sev) in &self.severity {
            if matches(pat) && chosen.is_none_or(|(s, _)| specificity(pat) >= s) {
                chosen = Some((specificity(pat), *sev));
            }
        }
        match chosen {
            Some((_, sev)) => sev,
            None => Some(default),
        }
    }
}

/// One `exclude` pattern checked on its own, as a `.gitignore` line.
fn check_exclude(pattern: &str) -> Result<(), String> {
    let mut b = ignore::gitignore::GitignoreBuilder::new("");
    b.add_line(None, pattern).map_err(|e| e.to_string())?;
    b.build().map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Config, ConfigError> {
        let src = SourceFile::new("stratlint.toml".into(), "stratlint.toml".into(), s.into());
        parse(&src, "stratlint.toml")
    }

    #[test]
    fn a_top_level_key_below_a_table_is_told_to_move_up() {
        let e = parse_str("[lint]\nselect = ['ALL']\nkpi_owner = 'team'\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(
            e.message
                .contains("`kpi_owner` is a top-level key: move it above the first [table] header"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unknown_key_names_the_closest() {
        let e = parse_str("owners = 'o.toml'\nkpi_owners = 'team'\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(
            e.message.contains("`kpi_owners`") && e.message.contains("`kpi_owner`"),
            "{}",
            e.message
        );
        // SPEC §6: nothing far is offered; the valid keys are listed instead.
        let e = parse_str("[tenets]\nmin_words = 3\n").unwrap_err();
        assert!(!e.message.contains("closest"), "{}", e.message);
        assert!(
            e.message.contains("valid keys are `") && e.message.contains("`min_rationale_words`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn select_ignore_and_severity() {
        let c = parse_str("[lint]\nselect = ['ALL']\nignore = ['HL']\n[lint.severity]\nTEN = 'warning'\nTEN005 = 'off'\n").unwrap();
        assert_eq!(c.severity_of(Code::HL001), None);
        assert_eq!(c.severity_of(Code::TEN001), Some(Severity::Warning));
        assert_eq!(c.severity_of(Code::TEN005), None);
        assert_eq!(c.severity_of(Code::OBJ001), Some(Severity::Error));
        let e = parse_str("[lint]\nselect = ['OBJ01']\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 11), "{}", e.message);
        // Names the value at fault and, exactly, the closest valid code.
        assert!(
            e.message.contains(
                "`OBJ01` is not a rule code or prefix; the closest valid one is `OBJ001`"
            ),
            "{}",
            e.message
        );
        let e = parse_str("[lint]\nignore = ['XYZ123']\n").unwrap_err();
        assert!(
            e.message
                .ends_with("`XYZ123` is not a rule code or prefix; `stratlint rules` lists them"),
            "{}",
            e.message
        );
    }
}
