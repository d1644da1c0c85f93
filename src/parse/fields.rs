//! Reading one object's fields (a TOML table or front matter) into an
//! [`Object`], driven by the schema ([`crate::schema::KINDS`]): each key is
//! looked up among its kind's fields (SL005 when unknown), its value read by
//! the field's type (SL006 when wrong), and required fields checked (SL003).

use toml::Spanned as TSpanned;
use toml::de::{DeTable, DeValue};

use crate::date::{Date, parse_duration};
use crate::diagnostic::Diagnostic;
use crate::model::payload::{Signal, Value};
use crate::model::{Number, Object, Reference, Spanned, Status};
use crate::parse::ParseContext;
use crate::schema::codes::{all_codes, matches_any};
use crate::schema::{Code, Field, Requirement, Type};
use crate::source::{FileId, SourceFile, Span};
use crate::suggest::did_you_mean;

/// The id pattern of SPEC §3.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Builds objects from tables, collecting diagnostics.
pub struct FieldReader<'a> {
    /// Parse settings.
    pub ctx: &'a ParseContext,
    /// The file's text (for line numbers in help).
    pub src: &'a SourceFile,
    /// The file being read.
    pub file: FileId,
    /// Offset of the TOML text inside the file (front matter).
    pub shift: usize,
    /// Diagnostics found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// A configured list a field's value must be one of, and how its SL006
/// names it.
#[derive(Clone, Copy)]
struct Listed {
    /// What a value is (`an alignment layer`).
    what: &'static str,
    /// What the list holds (`layers`).
    plural: &'static str,
    /// How the list is ordered, for the help (`, top first`), or nothing.
    order: &'static str,
    /// The config key that sets it.
    key: &'static str,
    /// The list, from the parse context.
    names: fn(&ParseContext) -> &[String],
}

/// `layer`'s list (SPEC §15).
const LAYERS: Listed = Listed {
    what: "an alignment layer",
    plural: "layers",
    order: ", top first",
    key: "alignment.layers",
    names: |c| &c.layers,
};

/// `theme`'s list (SPEC §14).
const THEMES: Listed = Listed {
    what: "a theme",
    plural: "themes",
    order: "",
    key: "execution.themes",
    names: |c| &c.themes,
};

impl FieldReader<'_> {
    fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::from(r).shift(self.shift)
    }

    /// A string that must be one of a configured list (`layer`, `theme`):
    /// the value when it is; else SL006 with the closest name, or the
    /// list, as help.
    fn one_of(
        &mut self,
        obj: &Object,
        index: usize,
        span: Span,
        name: &str,
        value: &TSpanned<DeValue<'_>>,
        list: &Listed,
    ) -> Option<Value> {
        let Listed {
            what,
            plural,
            order,
            key,
            ..
        } = *list;
        let names = (list.names)(self.ctx);
        let written = self.string(obj, index, name, value)?;
        if names.contains(&written.value) {
            return Some(Value::Text(written.value));
        }
        let msg = format!(
            "`{}` is not {what} (in {})",
            written.value,
            Self::describe(obj)
        );
        let help = match did_you_mean(&written.value, names.iter().map(String::as_str)) {
            Some(c) => format!("did you mean \"{c}\"? ({plural} are set by `{key}`)"),
            None => format!("{plural} are {}{order} (`{key}`)", quoted_list(names)),
        };
        self.invalid(obj, index, span, name, msg, Some(help));
        None
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
        let d = Diagnostic::new(Code::SL006, self.file, span, msg)
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

    /// Reads a `moves` table (`{ KPI-ID = change }`): each key a reference
    /// (OBJ001 when it names nothing, SL006 when another kind), each value
    /// a non-zero number (SL006 otherwise).
    fn moves(
        &mut self,
        obj: &mut Object,
        index: usize,
        field: &'static Field,
        relation: crate::schema::Relation,
        accepts: &'static [crate::schema::Kind],
        value: &TSpanned<DeValue<'_>>,
    ) -> Option<Value> {
        let name = field.name;
        let DeValue::Table(table) = value.get_ref() else {
            let msg = format!(
                "`{name}` of {} must be a table of KPI ids to expected changes",
                Self::describe(obj)
            );
            let help = Some(format!("write {name} = {{ K-ACTIVATION = 5 }}"));
            self.invalid(obj, index, self.span(value.span()), name, msg, help);
            return None;
        };
        let mut amounts = Vec::new();
        for (key, v) in table.iter() {
            let id = key.get_ref().to_string();
            let key_span = self.span(key.span());
            obj.refs.push(Reference {
                field: name,
                relation,
                accepts,
                target: Spanned::new(id.clone(), key_span),
            });
            let span = self.span(v.span());
            let n = match Self::number(v) {
                Some(x) if x != 0.0 => Number::Value(Spanned::new(x, span)),
                _ => {
                    let msg = format!(
                        "the change `{name}` expects in `{id}` (in {}) must be a non-zero number",
                        Self::describe(obj)
                    );
                    let help =
                        Some("its sign says which way the KPI should move: 5 or -0.5".into());
                    self.invalid(obj, index, span, name, msg, help);
                    Number::Invalid(span)
                }
            };
            amounts.push((id, n));
        }
        Some(Value::Amounts(amounts))
    }

    /// Reads `table` into `obj` (the object's index is `index`);
    /// `allowed_extra` names keys accepted besides the kind's fields (`kind`
    /// in front matter).
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
                if id.value.is_empty() {
                    let msg = format!("the id of this {} is empty", obj.kind.name());
                    let help = Some("an id starts with a letter and holds only letters, digits, `_`, `.` and `-`".into());
                    self.invalid(obj, index, id.span, "id", msg, help);
                } else {
                    obj.id = Some(id.clone());
                    if !is_valid_id(&id.value) {
                        let msg = format!("`{}` is not a valid id", id.value);
                        let help = Some("an id starts with a letter and holds only letters, digits, `_`, `.` and `-`".into());
                        self.invalid(obj, index, id.span, "id", msg, help);
                    }
                }
            }
        }
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            if name == "id" || allowed_extra.contains(&name) {
                continue;
            }
            match obj.kind.field(name) {
                Some(field) => self.field(obj, index, field, value),
                None => {
                    let known = || {
                        obj.kind
                            .fields()
                            .map(|f| f.name)
                            .chain(allowed_extra.iter().copied())
                    };
                    let closest = did_you_mean(name, known());
                    if let Some(field) = closest.and_then(|c| obj.kind.field(c)) {
                        let key = Spanned::new(name.to_owned(), self.span(key.span()));
                        obj.misspelled.push((key, field.name));
                    }
                    // SPEC §6: the closest known field only when it is close;
                    // else the fields there are.
                    let help = match closest {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => format!(
                            "the fields of `{}` are `{}`",
                            obj.kind.name(),
                            known().collect::<Vec<_>>().join("`, `")
                        ),
                    };
                    let msg = format!("unknown field `{name}` in {}", Self::describe(obj));
                    let d = Diagnostic::new(Code::SL005, self.file, self.span(key.span()), msg)
                        .object(obj.id(), Some(index))
                        .key(name.to_owned())
                        .help(help);
                    self.diagnostics.push(d);
                }
            }
        }
    }

    /// Reads one field's value by its type into `obj`.
    fn field(
        &mut self,
        obj: &mut Object,
        index: usize,
        field: &'static Field,
        value: &TSpanned<DeValue<'_>>,
    ) {
        let name = field.name;
        let span = self.span(value.span());
        let read = match field.ty {
            Type::Id => None,
            Type::Text => self
                .string(obj, index, name, value)
                .map(|s| Value::Text(s.value)),
            Type::Owner => {
                obj.owner = self
                    .string(obj, index, name, value)
                    .filter(|o| !crate::model::owner_id(&o.value).is_empty());
                None
            }
            Type::Ref(relation, accepts) | Type::Refs(relation, accepts) => {
                let targets = match field.ty {
                    Type::Ref(..) => self.string(obj, index, name, value).into_iter().collect(),
                    _ => self.id_list(obj, index, name, value),
                };
                obj.refs.extend(targets.into_iter().map(|target| Reference {
                    field: name,
                    relation,
                    accepts,
                    target,
                }));
                None
            }
            Type::Level => {
                let level = self.string(obj, index, name, value);
                if let Some(level) = &level {
                    if !self.ctx.levels.contains(&level.value) {
                        let help = Some(format!("levels are {}", quoted_list(&self.ctx.levels)));
                        let msg = format!(
                            "`{}` is not an objective level (in {})",
                            level.value,
                            Self::describe(obj)
                        );
                        self.invalid(obj, index, span, name, msg, help);
                    }
                }
                level.map(|l| Value::Text(l.value))
            }
            Type::Layer => self.one_of(obj, index, span, name, value, &LAYERS),
            Type::Number(covered_by) => {
                let n = match Self::number(value) {
                    Some(x) => Number::Value(Spanned::new(x, span)),
                    None => {
                        if covered_by.is_none() {
                            let msg = format!(
                                "`{name}` of {} must be a finite number",
                                Self::describe(obj)
                            );
                            self.invalid(obj, index, span, name, msg, None);
                        }
                        Number::Invalid(span)
                    }
                };
                Some(Value::Number(n))
            }
            Type::Weight => match Self::number(value) {
                Some(w) if w >= 0.0 => Some(Value::Number(Number::Value(Spanned::new(w, span)))),
                _ => {
                    let msg = format!("`{name}` of {} must be a number ≥ 0", Self::describe(obj));
                    let help = Some("write e.g. `weight = 2`".to_owned());
                    self.invalid(obj, index, span, name, msg, help);
                    None
                }
            },
            Type::Date => self
                .date(obj, index, name, value)
                .map(|d| Value::Date(d.value)),
            Type::Duration => {
                let s = self.string(obj, index, name, value);
                match s.as_ref().map(|s| parse_duration(&s.value)) {
                    Some(Some(days)) => Some(Value::Duration(days)),
                    Some(None) => {
                        let msg = format!(
                            "`{name}` of {} is not a duration: \"{}\"",
                            Self::describe(obj),
                            s.map(|s| s.value).unwrap_or_default()
                        );
                        let help = Some(
                            "write a duration such as \"90d\", \"26w\", \"6mo\" or \"1y\"".into(),
                        );
                        self.invalid(obj, index, span, name, msg, help);
                        None
                    }
                    None => None,
                }
            }
            Type::Choice(choices) => match self.string(obj, index, name, value) {
                None => None,
                Some(s) => match choices.iter().find(|c| **c == s.value) {
                    Some(c) => Some(Value::Choice(c)),
                    None => {
                        let msg = format!(
                            "`{name}` of {} must be one of {}",
                            Self::describe(obj),
                            quoted_list(choices)
                        );
                        let help = did_you_mean(&s.value, choices.iter().copied())
                            .map(|c| format!("did you mean \"{c}\"?"));
                        self.invalid(obj, index, span, name, msg, help);
                        None
                    }
                },
            },
            Type::Status => {
                let kind = obj.kind;
                let statuses = kind.statuses();
                obj.status_span = Some(span);
                match self.string(obj, index, name, value) {
                    None => None,
                    Some(s) => match statuses.iter().find(|c| **c == s.value) {
                        Some(c) => {
                            // Each kind's own words that play the part of
                            // retired (a decision's rejected, deprecated and
                            // superseded; an initiative's done and stopped; a
                            // debt item's paid and accepted).
                            obj.status = if kind.retires(c) {
                                Status::Retired
                            } else {
                                Status::Active
                            };
                            (statuses != crate::schema::kinds::STATUSES).then_some(Value::Choice(c))
                        }
                        None => {
                            let msg = if statuses == crate::schema::kinds::STATUSES {
                                format!(
                                    "`status` of {} must be \"active\" or \"retired\", not \"{}\"",
                                    Self::describe(obj),
                                    s.value
                                )
                            } else {
                                format!(
                                    "`status` of {} must be one of {}, not \"{}\"",
                                    Self::describe(obj),
                                    quoted_list(statuses),
                                    s.value
                                )
                            };
                            let help = did_you_mean(&s.value, statuses.iter().copied())
                                .map(|c| format!("did you mean \"{c}\"?"));
                            self.invalid(obj, index, span, name, msg, help);
                            None
                        }
                    },
                }
            }
            Type::Strings => {
                let DeValue::Array(items) = value.get_ref() else {
                    let msg = format!(
                        "`{name}` of {} must be a list of strings",
                        Self::describe(obj)
                    );
                    let help = Some(format!("write {name} = [\"…\"]"));
                    self.invalid(obj, index, span, name, msg, help);
                    return;
                };
                let items: Vec<Spanned<String>> = items
                    .iter()
                    .filter_map(|item| self.string(obj, index, name, item))
                    .collect();
                Some(Value::Strings(items))
            }
            Type::Moves(relation, accepts) => {
                self.moves(obj, index, field, relation, accepts, value)
            }
            Type::Theme => self.one_of(obj, index, span, name, value, &THEMES),
            Type::Hypothesis => self
                .string(obj, index, name, value)
                .map(|s| Value::Text(s.value)),
            Type::DateOrDuration => match value.get_ref() {
                DeValue::String(s) if parse_duration(s).is_some() => {
                    parse_duration(s).map(|d| Value::Signal(Signal::After(d)))
                }
                _ => {
                    // A date, or an error that says both forms.
                    let parsed = match value.get_ref() {
                        DeValue::String(s) => Date::parse(s),
                        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
                            dt.date.and_then(|d| {
                                Date::from_ymd(
                                    i64::from(d.year),
                                    u32::from(d.month),
                                    u32::from(d.day),
                                )
                            })
                        }
                        _ => None,
                    };
                    if parsed.is_none() {
                        let msg = format!(
                            "`{name}` of {} is neither a date nor a duration",
                            Self::describe(obj)
                        );
                        let help = Some("write a date such as 2026-03-01, or a duration after the start such as \"6w\"".into());
                        self.invalid(obj, index, span, name, msg, help);
                    }
                    parsed.map(|d| Value::Signal(Signal::On(d)))
                }
            },
            Type::Owners => {
                let ids: Vec<Spanned<String>> = self
                    .id_list(obj, index, name, value)
                    .into_iter()
                    .filter(|o| !crate::model::owner_id(&o.value).is_empty())
                    .collect();
                Some(Value::Ids(ids))
            }
            Type::Codes => {
                for code in self.id_list(obj, index, name, value) {
                    if matches_any(&code.value) {
                        obj.ignore.push(code);
                    } else {
                        let help = did_you_mean(&code.value, all_codes())
                            .map(|c| format!("did you mean `{c}`?"));
                        let msg = format!(
                            "`{}` in `{name}` of {} is not a rule code or prefix",
                            code.value,
                            Self::describe(obj)
                        );
                        self.invalid(obj, index, code.span, name, msg, help);
                    }
                }
                None
            }
        };
        let Some(read) = read else { return };
        match name {
            "title" => obj.title = text_of(read, span),
            "description" => obj.description = text_of(read, span),
            "ignore_reason" => {}
            _ => {
                let placed = obj.payload.assign(name, read, span);
                debug_assert!(
                    placed,
                    "{}.{name} has no place in its payload",
                    obj.kind.name()
                );
            }
        }
    }

    /// Reports each required field `present` says is absent.
    pub fn require(&mut self, obj: &Object, index: usize, present: impl Fn(&str) -> bool) {
        for field in obj.kind.fields() {
            if obj.kind.requirement(field) != Requirement::Required || present(field.name) {
                continue;
            }
            let name = field.name;
            let msg = format!(
                "{} is missing the required field `{name}`",
                Self::describe(obj)
            );
            let help = match obj.misspelling_of(name) {
                Some(key) => twin_help(key, self.src.position(key.span.start).line, name),
                None => format!("add `{name} = …` to the {}", obj.kind.name()),
            };
            let d = Diagnostic::new(Code::SL003, self.file, obj.anchor, msg)
                .object(obj.id(), Some(index))
                .key(name.to_owned())
                .help(help);
            self.diagnostics.push(d);
        }
    }
}

/// The help of a missing-field diagnostic whose field was misspelled:
/// "`parnet` on line 6 looks like `parent`: rename it".
pub fn twin_help(key: &Spanned<String>, line: usize, field: &str) -> String {
    format!(
        "`{}` on line {line} looks like `{field}`: rename it",
        key.value
    )
}

fn text_of(v: Value, span: Span) -> Option<Spanned<String>> {
    match v {
        Value::Text(s) => Some(Spanned::new(s, span)),
        _ => None,
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
