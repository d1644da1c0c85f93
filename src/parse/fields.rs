//! Reading one object's fields (a TOML table or front matter) into an
//! [`Object`], reporting SL003, SL005 and SL006 as it goes.

use toml::Spanned as TSpanned;
use toml::de::{DeTable, DeValue};

use crate::date::{Date, parse_duration};
use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Number, Object, Spanned, Status};
use crate::parse::ParseContext;
use crate::rules::registry;
use crate::source::{FileId, Span};
use crate::suggest::did_you_mean;

/// The id pattern of SPEC §3.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

const COMMON: [&str; 6] = [
    "id",
    "title",
    "description",
    "status",
    "ignore",
    "ignore_reason",
];

/// The fields a kind accepts besides the common ones.
pub fn kind_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Thesis => &["owner", "half_life", "reviewed"],
        Kind::Objective => &["level", "owner", "parent", "serves", "due"],
        Kind::Kpi => &[
            "objective",
            "owner",
            "baseline",
            "target",
            "unit",
            "current",
            "due",
            "direction",
        ],
        Kind::Principle => &["owner", "serves", "half_life", "reviewed"],
        Kind::Tenet => &["text", "owner"],
        Kind::Inflection => &["date"],
    }
}

/// Fields whose absence SL003 reports (owner, baseline, target and parent have rules of their own).
pub fn required_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Thesis | Kind::Principle => &["id", "title"],
        Kind::Objective => &["id", "title", "level"],
        Kind::Kpi => &["id", "title", "objective"],
        Kind::Tenet => &["id", "text"],
        Kind::Inflection => &["id", "title", "date"],
    }
}

/// Values of the KPI `direction` field.
pub const DIRECTIONS: [&str; 3] = ["increase", "decrease", "maintain"];

/// Builds objects from tables, collecting diagnostics.
pub struct FieldReader<'a> {
    /// Parse settings.
    pub ctx: &'a ParseContext,
    /// The file being read.
    pub file: FileId,
    /// Offset of the TOML text inside the file (front matter).
    pub shift: usize,
    /// Diagnostics found so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl FieldReader<'_> {
    fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::from(r).shift(self.shift)
    }

    fn invalid(
        &mut self,
        obj: &Object,
        index: usize,
        span: Span,
        field: &str,
        msg: String,
        help: Option<String>,
    ) {
        let d = Diagnostic::new("SL006", self.file, span, msg)
            .object(obj.id(), Some(index))
            .key(field.to_owned())
            .maybe_help(help);
        self.diagnostics.push(d);
    }

    fn describe(obj: &Object) -> String {
        match obj.id() {
            Some(id) => format!("{} `{id}`", obj.kind.name()),
            None => format!("this {}", obj.kind.name()),
        }
    }

    fn string(
        &mut self,
        obj: &Object,
        index: usize,
        key: &str,
        v: &TSpanned<DeValue<'_>>,
    ) -> Option<Spanned<String>> {
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), self.span(v.span()))),
            other => {
                let msg = format!(
                    "`{key}` of {} must be a string, found {}",
                    Self::describe(obj),
                    other.type_str()
                );
                self.invalid(obj, index, self.span(v.span()), key, msg, None);
                None
            }
        }
    }

    fn date(
        &mut self,
        obj: &Object,
        index: usize,
        key: &str,
        v: &TSpanned<DeValue<'_>>,
    ) -> Option<Spanned<Date>> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => Date::parse(s),
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                dt.date.and_then(|d| {
                    Date::from_ymd(i64::from(d.year), u32::from(d.month), u32::from(d.day))
                })
            }
            _ => None,
        };
        if parsed.is_none() {
            let msg = format!("`{key}` of {} is not a valid date", Self::describe(obj));
            self.invalid(
                obj,
                index,
                self.span(v.span()),
                key,
                msg,
                Some("write a date as 2026-03-01".into()),
            );
        }
        parsed.map(|d| Spanned::new(d, self.span(v.span())))
    }

    fn number(v: &TSpanned<DeValue<'_>>) -> Option<f64> {
        match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite()),
            _ => None,
        }
    }

    fn id_list(
        &mut self,
        obj: &Object,
        index: usize,
        key: &str,
        v: &TSpanned<DeValue<'_>>,
    ) -> Vec<Spanned<String>> {
        let DeValue::Array(items) = v.get_ref() else {
            let msg = format!("`{key}` of {} must be a list of ids", Self::describe(obj));
            self.invalid(
                obj,
                index,
                self.span(v.span()),
                key,
                msg,
                Some(format!("write {key} = [\"ID\"]")),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.string(obj, index, key, item))
            .collect()
    }

    /// Reads `entries` into `obj` (the object's index is `index`); `allowed_extra`
    /// names fields accepted besides the kind's (`kind` in front matter).
    pub fn read(
        &mut self,
        obj: &mut Object,
        index: usize,
        table: &DeTable<'_>,
        allowed_extra: &[&str],
    ) {
        // The id first, so every other diagnostic can name the object.
        if let Some(v) = table.get("id") {
            if let Some(id) = self.string(obj, index, "id", v) {
                if !is_valid_id(&id.value) {
                    let msg = format!("`{}` is not a valid id", id.value);
                    let help = Some("an id starts with a letter and holds only letters, digits, `_`, `.` and `-`".into());
                    obj.id = Some(id.clone());
                    self.invalid(obj, index, id.span, "id", msg, help);
                }
                if !id.value.is_empty() {
                    obj.id = Some(id);
                }
            }
        }
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let span = self.span(value.span());
            match name {
                "id" => {}
                "kind" if allowed_extra.contains(&"kind") => {}
                "title" => obj.title = self.string(obj, index, name, value),
                "description" | "ignore_reason" | "unit" => {
                    self.string(obj, index, name, value);
                }
                "status" => {
                    if let Some(s) = self.string(obj, index, name, value) {
                        match s.value.as_str() {
                            "active" => obj.status = Status::Active,
                            "retired" => obj.status = Status::Retired,
                            other => {
                                let msg = format!(
                                    "`status` of {} must be \"active\" or \"retired\", not \"{other}\"",
                                    Self::describe(obj)
                                );
                                self.invalid(obj, index, span, name, msg, None);
                            }
                        }
                    }
                }
                "ignore" => {
                    for code in self.id_list(obj, index, name, value) {
                        if registry::matches_any(&code.value) {
                            obj.ignore.push(code);
                        } else {
                            let codes = registry::RULES.iter().map(|r| r.code);
                            let help = did_you_mean(&code.value, codes)
                                .map(|c| format!("did you mean `{c}`?"));
                            let msg = format!(
                                "`{}` in `ignore` of {} is not a rule code or prefix",
                                code.value,
                                Self::describe(obj)
                            );
                            self.invalid(obj, index, code.span, name, msg, help);
                        }
                    }
                }
                "owner" if kind_fields(obj.kind).contains(&"owner") => {
                    obj.owner = self
                        .string(obj, index, name, value)
                        .filter(|o| !o.value.trim_start_matches('@').is_empty());
                }
                "level" if obj.kind == Kind::Objective => {
                    if let Some(level) = self.string(obj, index, name, value) {
                        if !self.ctx.levels.contains(&level.value) {
                            let help =
                                Some(format!("levels are {}", quoted_list(&self.ctx.levels)));
                            let msg = format!(
                                "`{}` is not an objective level (in {})",
                                level.value,
                                Self::describe(obj)
                            );
                            self.invalid(obj, index, span, name, msg, help);
                        }
                        obj.level = Some(level);
                    }
                }
                "parent" if obj.kind == Kind::Objective => {
                    obj.parent = self.string(obj, index, name, value)
                }
                "objective" if obj.kind == Kind::Kpi => {
                    obj.objective = self.string(obj, index, name, value)
                }
                "serves" if matches!(obj.kind, Kind::Objective | Kind::Principle) => {
                    obj.serves = self.id_list(obj, index, name, value);
                }
                "baseline" | "target" if obj.kind == Kind::Kpi => {
                    let n = match Self::number(value) {
                        Some(x) => Number::Value(Spanned::new(x, span)),
                        None => Number::Invalid(span),
                    };
                    if name == "baseline" {
                        obj.baseline = n
                    } else {
                        obj.target = n
                    }
                }
                "current" if obj.kind == Kind::Kpi => {
                    if Self::number(value).is_none() {
                        let msg = format!(
                            "`current` of {} must be a finite number",
                            Self::describe(obj)
                        );
                        self.invalid(obj, index, span, name, msg, None);
                    }
                }
                "direction" if obj.kind == Kind::Kpi => {
                    if let Some(d) = self.string(obj, index, name, value) {
                        if !DIRECTIONS.contains(&d.value.as_str()) {
                            let msg = format!(
                                "`direction` of {} must be one of {}",
                                Self::describe(obj),
                                quoted_list(&DIRECTIONS)
                            );
                            let help = did_you_mean(&d.value, DIRECTIONS)
                                .map(|c| format!("did you mean \"{c}\"?"));
                            self.invalid(obj, index, span, name, msg, help);
                        }
                    }
                }
                "due" if matches!(obj.kind, Kind::Objective | Kind::Kpi) => {
                    self.date(obj, index, name, value);
                }
                "reviewed" if matches!(obj.kind, Kind::Thesis | Kind::Principle) => {
                    obj.reviewed = self.date(obj, index, name, value);
                }
                "date" if obj.kind == Kind::Inflection => {
                    obj.date = self.date(obj, index, name, value)
                }
                "half_life" if matches!(obj.kind, Kind::Thesis | Kind::Principle) => {
                    if let Some(s) = self.string(obj, index, name, value) {
                        match parse_duration(&s.value) {
                            Some(days) => obj.half_life = Some(Spanned::new(days, s.span)),
                            None => {
                                let msg = format!(
                                    "`half_life` of {} is not a duration: \"{}\"",
                                    Self::describe(obj),
                                    s.value
                                );
                                let help = Some(
                                    "write a duration such as \"90d\", \"26w\", \"6mo\" or \"1y\""
                                        .into(),
                                );
                                self.invalid(obj, index, span, name, msg, help);
                            }
                        }
                    }
                }
                "text" if obj.kind == Kind::Tenet => {
                    self.string(obj, index, name, value);
                }
                _ => {
                    let known = COMMON
                        .iter()
                        .chain(kind_fields(obj.kind))
                        .chain(allowed_extra)
                        .copied();
                    let help = did_you_mean(name, known).map(|c| format!("did you mean `{c}`?"));
                    let msg = format!("unknown field `{name}` in {}", Self::describe(obj));
                    let d = Diagnostic::new("SL005", self.file, self.span(key.span()), msg)
                        .object(obj.id(), Some(index))
                        .key(name.to_owned())
                        .maybe_help(help);
                    self.diagnostics.push(d);
                }
            }
        }
    }

    /// Reports each required field `present` says is absent.
    pub fn require(&mut self, obj: &Object, index: usize, present: impl Fn(&str) -> bool) {
        for field in required_fields(obj.kind) {
            if !present(field) {
                let msg = format!(
                    "{} is missing the required field `{field}`",
                    Self::describe(obj)
                );
                let d = Diagnostic::new("SL003", self.file, obj.anchor, msg)
                    .object(obj.id(), Some(index))
                    .key((*field).to_owned())
                    .help(format!("add `{field} = …` to the {}", obj.kind.name()));
                self.diagnostics.push(d);
            }
        }
    }
}

/// `"a", "b" and "c"` for help lines.
pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.join(""),
    }
}
