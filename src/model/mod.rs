//! The typed model of a strategy repository: every object (with its
//! kind's typed [`Payload`]), tenet, link and suppression found in the
//! project, each with the exact span it came from.

pub mod payload;

use std::collections::BTreeMap;

pub use crate::schema::Kind;
use crate::schema::Relation;
use crate::source::{FileId, SourceFile, Span};
pub use payload::{
    Aging, DebtData, DecisionData, DecisionStatus, Direction, InflectionData, InitiativeData,
    KpiData, ObjectiveData, Payload, Signal, TenetData, ValueData,
};

/// A value with the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A number field that may be missing, present but invalid, or a finite number.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Number {
    /// The field is absent.
    #[default]
    Missing,
    /// The field is present but not a finite number (the span of the value).
    Invalid(Span),
    /// A finite number.
    Value(Spanned<f64>),
}

/// Whether an object is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    /// In force (the default).
    #[default]
    Active,
    /// Kept for the record; exempt from every rule but the SL ones.
    Retired,
}

/// A reference an object makes: a value of one of its kind's reference
/// fields (SPEC §3), an edge of the graph once resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The field it was written in (`parent`, `serves`, …).
    pub field: &'static str,
    /// What the edge means.
    pub relation: Relation,
    /// The kinds the field accepts.
    pub accepts: &'static [Kind],
    /// The id named, with its span.
    pub target: Spanned<String>,
}

/// One strategy object: a front-matter document or one TOML table.
#[derive(Debug, Clone)]
pub struct Object {
    /// Its kind.
    pub kind: Kind,
    /// The file it lives in.
    pub file: FileId,
    /// Where diagnostics about the object as a whole point: its `id` value,
    /// else the `[[kind]]` header or the front matter's `kind` line.
    pub anchor: Span,
    /// The object's whole text (the table, or the whole document).
    pub extent: Span,
    /// `id`, when it is not empty.
    pub id: Option<Spanned<String>>,
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `description`.
    pub description: Option<Spanned<String>>,
    /// `owner`, as written (possibly with a leading `@`), when not empty.
    pub owner: Option<Spanned<String>>,
    /// `status`.
    pub status: Status,
    /// Where `status` is written, when it is (valid or not): what
    /// `diff` leaves out of an object's compared text.
    pub status_span: Option<Span>,
    /// `ignore`: codes or prefixes suppressed for this object.
    pub ignore: Vec<Spanned<String>>,
    /// Every reference it makes, in the order written.
    pub refs: Vec<Reference>,
    /// What its kind adds.
    pub payload: Payload,
    /// Unknown keys (SL005) that look like one of the kind's fields: the
    /// key as written, and the field it looks like.
    pub misspelled: Vec<(Spanned<String>, &'static str)>,
    /// For a tenet written as a list item with `{#ID}`: the document it is
    /// written in (index into [`Repository::objects`]), whose `ignore` covers it.
    pub within: Option<usize>,
}

impl Object {
    /// A new object of `kind` with no fields yet.
    pub fn new(kind: Kind, file: FileId, anchor: Span, extent: Span) -> Self {
        Object {
            kind,
            file,
            anchor,
            extent,
            id: None,
            title: None,
            description: None,
            owner: None,
            status: Status::Active,
            status_span: None,
            ignore: Vec::new(),
            refs: Vec::new(),
            payload: Payload::empty(kind),
            misspelled: Vec::new(),
            within: None,
        }
    }

    /// The object's id, when it has a usable one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(|s| s.value.as_str())
    }

    /// True unless the object is retired.
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// The span of every value the object holds (its own fields, its
    /// references and its payload's).
    pub fn spans(&self) -> Vec<Span> {
        let own = [&self.id, &self.title, &self.description, &self.owner];
        own.into_iter()
            .flatten()
            .map(|s| s.span)
            .chain(self.ignore.iter().map(|s| s.span))
            .chain(self.refs.iter().map(|r| r.target.span))
            .chain(self.payload.spans())
            .collect()
    }

    /// The unknown key that looks like `field` (`parnet` for `parent`), if any.
    pub fn misspelling_of(&self, field: &str) -> Option<&Spanned<String>> {
        self.misspelled
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(key, _)| key)
    }

    /// The references written in `field`.
    pub fn refs_in<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a Spanned<String>> {
        self.refs
            .iter()
            .filter(move |r| r.field == field)
            .map(|r| &r.target)
    }

    /// The tenets a decision cites: those it follows (`tenets`) and those it
    /// knowingly goes against (`against`, SPEC §15).
    pub fn tenet_citations(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.refs_in("tenets").chain(self.refs_in("against"))
    }

    /// The one reference written in `field` (`parent`, `objective`).
    pub fn ref_in<'a>(&'a self, field: &'a str) -> Option<&'a Spanned<String>> {
        self.refs_in(field).next()
    }

    /// An objective's `parent`.
    pub fn parent(&self) -> Option<&Spanned<String>> {
        self.ref_in("parent")
    }

    /// A KPI's `objective`.
    pub fn measures(&self) -> Option<&Spanned<String>> {
        self.ref_in("objective")
    }

    /// An objective's or principle's `serves`.
    pub fn serves(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.refs_in("serves")
    }

    /// The objective fields, for an objective.
    pub fn as_objective(&self) -> Option<&ObjectiveData> {
        match &self.payload {
            Payload::Objective(o) => Some(o),
            _ => None,
        }
    }

    /// The KPI fields, for a KPI.
    pub fn as_kpi(&self) -> Option<&KpiData> {
        match &self.payload {
            Payload::Kpi(k) => Some(k),
            _ => None,
        }
    }

    /// The initiative fields, for an initiative.
    pub fn as_initiative(&self) -> Option<&InitiativeData> {
        match &self.payload {
            Payload::Initiative(i) => Some(i),
            _ => None,
        }
    }

    /// The debt fields, for a debt item.
    pub fn as_debt(&self) -> Option<&DebtData> {
        match &self.payload {
            Payload::Debt(d) => Some(d),
            _ => None,
        }
    }

    /// The decision fields, for a decision record.
    pub fn as_decision(&self) -> Option<&DecisionData> {
        match &self.payload {
            Payload::Decision(d) => Some(d),
            _ => None,
        }
    }

    /// Whether a decision is in force (`accepted`); false for other kinds.
    pub fn in_force(&self) -> bool {
        self.as_decision().is_some_and(DecisionData::in_force)
    }

    /// `half_life` and `reviewed`, for the kinds that age (theses, principles).
    pub fn aging(&self) -> Option<&Aging> {
        match &self.payload {
            Payload::Thesis(a) | Payload::Principle(a) => Some(a),
            _ => None,
        }
    }

    /// `half_life` in days, when set and valid.
    pub fn half_life(&self) -> Option<&Spanned<i64>> {
        self.aging().and_then(|a| a.half_life.as_ref())
    }

    /// `reviewed`, when set and valid.
    pub fn reviewed(&self) -> Option<&Spanned<crate::date::Date>> {
        self.aging().and_then(|a| a.reviewed.as_ref())
    }
}

/// Where a tenet was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenetOrigin {
    /// A `[[tenet]]` table or a Markdown document of kind `tenet`.
    Object,
    /// A list item under a tenets heading.
    ListItem,
}

/// A decision tenet's text, wherever it was written.
#[derive(Debug, Clone)]
pub struct Tenet {
    /// The file it lives in.
    pub file: FileId,
    /// Span of the text.
    pub span: Span,
    /// The text with inline Markdown read as text and whitespace runs folded.
    pub text: String,
    /// The object it belongs to (index into [`Repository::objects`]).
    pub object: Option<usize>,
    /// How it was written.
    pub origin: TenetOrigin,
    /// Its parts as the configured grammar reads them
    /// (`parse::tenet::Grammar`), when read with the file's parse (and kept
    /// with it): a load that does not walk history meanwhile reads them
    /// there; else the rules read them, beside the walk.
    pub parts: Option<TenetParts>,
}

/// The parts of a tenet that could be found; each rule judges its own part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TenetParts {
    /// The situation after `When`, up to its comma.
    pub situation: Option<String>,
    /// The verb, lowercase.
    pub verb: Option<String>,
    /// The chosen option.
    pub chosen: Option<String>,
    /// The rejected option.
    pub rejected: Option<String>,
    /// The words after `because`, without the final period.
    pub rationale: Option<String>,
    /// Whether the rationale ends the tenet with a period.
    pub rationale_closed: bool,
    /// Where it stands, when its situation and options can be read.
    pub stance: Option<Stance>,
}

/// Where a tenet stands, as TEN007 compares tenets (SPEC §4): its situation
/// and its two options, folded (`crate::parse::tenet` reads it). Two stances
/// contradict when they share a group (the situation and the unordered
/// pair of options) and choose opposite options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    /// The situation, folded.
    pub situation: String,
    /// The chosen option, folded.
    pub chosen: String,
    /// The rejected option, folded.
    pub rejected: String,
}

/// A relative link in a strategy document's body.
#[derive(Debug, Clone)]
pub struct Link {
    /// The document.
    pub file: FileId,
    /// The destination as written.
    pub dest: String,
    /// Span of the link in the document.
    pub span: Span,
    /// The document's object (index into [`Repository::objects`]).
    pub object: Option<usize>,
}

/// A `stratlint-disable-next-line` or `# stratlint: ignore[...]` comment.
#[derive(Debug, Clone)]
pub struct LineSuppression {
    /// The file it lives in.
    pub file: FileId,
    /// The 1-based line whose diagnostics it suppresses.
    pub target_line: usize,
    /// Span of the comment.
    pub span: Span,
    /// The codes or prefixes it names; empty means every code.
    pub codes: Vec<Spanned<String>>,
}

/// A person in the owners registry.
#[derive(Debug, Clone)]
pub struct Person {
    /// Span of the `[people.<id>]` key.
    pub span: Span,
    /// `name`.
    pub name: Option<String>,
    /// `team`.
    pub team: Option<Spanned<String>>,
    /// `active` (default true).
    pub active: bool,
}

/// A team in the owners registry.
#[derive(Debug, Clone)]
pub struct Team {
    /// Span of the `[teams.<id>]` key.
    pub span: Span,
    /// `lead`.
    pub lead: Option<Spanned<String>>,
}

/// The owners registry (`owners.toml`).
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The registry's file.
    pub file: FileId,
    /// People by id.
    pub people: BTreeMap<String, Person>,
    /// Teams by id.
    pub teams: BTreeMap<String, Team>,
}

impl Registry {
    /// The registry id an adopted record's decider names (SPEC §11): a
    /// person or team id, or a person's `name`, case ignored (`@` before
    /// an id allowed); `None` for free text that names nobody here.
    pub fn decider(&self, written: &str) -> Option<&str> {
        let written = written.trim();
        let id = owner_id(written);
        let ids = self.people.keys().chain(self.teams.keys());
        if let Some(found) = ids.clone().find(|k| k.eq_ignore_ascii_case(id)) {
            return Some(found);
        }
        let folded = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let wanted = folded(written);
        self.people
            .iter()
            .find(|(_, p)| p.name.as_deref().is_some_and(|n| folded(n) == wanted))
            .map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn deciders_match_ids_and_names_case_ignored() {
        let person = |name: &str| Person {
            span: Span::default(),
            name: Some(name.to_owned()),
            team: None,
            active: true,
        };
        let mut r = Registry::default();
        r.people.insert("alice".into(), person("Alice Moreau"));
        r.teams.insert(
            "platform".into(),
            Team {
                span: Span::default(),
                lead: None,
            },
        );
        assert_eq!(r.decider("alice"), Some("alice"));
        assert_eq!(r.decider("@Alice"), Some("alice"));
        assert_eq!(r.decider("alice moreau"), Some("alice"));
        assert_eq!(r.decider(" Alice  Moreau "), Some("alice"));
        assert_eq!(r.decider("Platform"), Some("platform"));
        assert_eq!(r.decider("a stranger"), None);
        assert_eq!(r.decider("Alice"), Some("alice"));
    }
}

/// Headings of one Markdown file, as GitHub anchors.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// Every anchor slug, including `-1`, `-2` suffixes of repeated headings.
    pub slugs: Vec<String>,
}

/// Everything loaded from a project: files, objects and what rules read.
#[derive(Debug, Default)]
pub struct Repository {
    /// Every strategy file, in output order: by the path as shown (its
    /// `display`), byte-wise, so that file ids compare as their paths do.
    pub files: Vec<SourceFile>,
    /// Every object, in file then position order.
    pub objects: Vec<Object>,
    /// Every tenet.
    pub tenets: Vec<Tenet>,
    /// Every relative link in Markdown bodies.
    pub links: Vec<Link>,
    /// Every line suppression comment.
    pub suppressions: Vec<LineSuppression>,
    /// Heading anchors of each strategy Markdown document, by file.
    pub anchors: BTreeMap<FileId, Anchors>,
    /// The owners registry, when one exists and parsed.
    pub registry: Option<Registry>,
    /// The dates the analysis took out of objects because they lie in the
    /// future (`crate::analysis::future`): the object's index, the field
    /// and the value, so that the model can be restored as loaded.
    pub cleared: Vec<(usize, &'static str, Spanned<crate::date::Date>)>,
    /// The load of a [`crate::parse_cache::ParseCache`] this model came
    /// from, when it came from one: only the model of the cache's latest
    /// load is spliced into its next (see [`crate::splice`]).
    pub generation: Option<u64>,
    /// When this model was spliced from the model of an earlier load with
    /// every object left in its place: which objects were replaced.
    pub spliced: Option<Spliced>,
    /// The files by path, built at the first look-up: the files of a model
    /// never change after its load, and a splice keeps them (and so this).
    pub file_index: std::sync::OnceLock<FileIndex>,
}

/// A model's files by their absolute path and by their path relative to
/// the root, each as bytes (hashed as such, not component by component).
#[derive(Debug, Default)]
pub struct FileIndex {
    by_path: rustc_hash::FxHashMap<std::ffi::OsString, FileId>,
    by_rel: rustc_hash::FxHashMap<String, FileId>,
}

impl Repository {
    fn file_index(&self) -> &FileIndex {
        self.file_index.get_or_init(|| {
            let mut index = FileIndex::default();
            index.by_path.reserve(self.files.len());
            index.by_rel.reserve(self.files.len());
            for (i, f) in self.files.iter().enumerate() {
                index.by_path.insert(f.path.clone().into_os_string(), i);
                index.by_rel.insert(f.rel.clone(), i);
            }
            index
        })
    }

    /// The file at absolute path `path`.
    pub fn file_at(&self, path: &std::path::Path) -> Option<FileId> {
        self.file_index().by_path.get(path.as_os_str()).copied()
    }

    /// The file at `rel`, relative to the root.
    pub fn file_at_rel(&self, rel: &str) -> Option<FileId> {
        self.file_index().by_rel.get(rel).copied()
    }
}

/// What a splice replaced in a model whose objects all kept their places
/// (each changed file has as many objects as before): what facts of the
/// others may be kept ([`crate::facts::kept`]).
#[derive(Debug, Clone, Default)]
pub struct Spliced {
    /// The load of the model spliced into.
    pub from: u64,
    /// The ranges of objects replaced (those of the changed files).
    pub ranges: Vec<std::ops::Range<usize>>,
    /// The ids the replaced objects had and have.
    pub ids: rustc_hash::FxHashSet<String>,
    /// What the changed files held before or hold now.
    pub touched: Touched,
}

/// What the files a splice replaced held before or hold now: what a check
/// that reads only part of the model needs to know to tell whether its
/// findings still hold ([`crate::rules::Scope`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// The kinds of their objects, before and after.
    pub kinds: Vec<Kind>,
    /// Whether they held or hold tenets.
    pub tenets: bool,
    /// Whether they held or hold relative links.
    pub links: bool,
    /// Whether their heading anchors changed.
    pub anchors: bool,
    /// Whether one of them held or holds the owners registry.
    pub registry: bool,
    /// Whether the ids of their objects changed (in number, value or order):
    /// then references anywhere may resolve differently.
    pub ids: bool,
}

impl Spliced {
    /// Whether object `i` was replaced.
    pub fn replaced(&self, i: usize) -> bool {
        self.ranges.iter().any(|r| r.contains(&i))
    }
}

/// The person or team id an `owner` (or decider) value names: the value
/// without its one optional leading `@` (SPEC §3; `@@alice` names nobody).
pub fn owner_id(value: &str) -> &str {
    value.strip_prefix('@').unwrap_or(value)
}
