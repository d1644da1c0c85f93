//! The typed model of a strategy repository: every object, tenet, link and
//! suppression found in the project, each with the exact span it came from.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::source::{FileId, SourceFile, Span};

/// The six kinds of strategy object (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Why we win now.
    Thesis,
    /// A node of the objective tree.
    Objective,
    /// A metric that measures an objective.
    Kpi,
    /// An architectural principle.
    Principle,
    /// A decision tenet.
    Tenet,
    /// A strategic inflection point.
    Inflection,
}

impl Kind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [Kind; 6] = [
        Kind::Thesis,
        Kind::Objective,
        Kind::Kpi,
        Kind::Principle,
        Kind::Tenet,
        Kind::Inflection,
    ];

    /// The kind's name as written in files.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Thesis => "thesis",
            Kind::Objective => "objective",
            Kind::Kpi => "kpi",
            Kind::Principle => "principle",
            Kind::Tenet => "tenet",
            Kind::Inflection => "inflection",
        }
    }

    /// Reads a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

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

/// One strategy object: a front-matter document or one TOML table.
#[derive(Debug, Clone)]
pub struct Object {
    /// Its kind.
    pub kind: Kind,
    /// The file it lives in.
    pub file: FileId,
    /// Where diagnostics about the object as a whole point: the `[[kind]]`
    /// header or the front matter's `kind` line.
    pub anchor: Span,
    /// The object's whole text (the table, or the whole document).
    pub extent: Span,
    /// `id`.
    pub id: Option<Spanned<String>>,
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `owner`, as written (possibly with a leading `@`).
    pub owner: Option<Spanned<String>>,
    /// `status`.
    pub status: Status,
    /// `level` (objectives).
    pub level: Option<Spanned<String>>,
    /// `parent` (objectives).
    pub parent: Option<Spanned<String>>,
    /// `serves` (objectives and principles).
    pub serves: Vec<Spanned<String>>,
    /// `objective` (KPIs).
    pub objective: Option<Spanned<String>>,
    /// `baseline` (KPIs).
    pub baseline: Number,
    /// `target` (KPIs).
    pub target: Number,
    /// `half_life` in days, when valid.
    pub half_life: Option<Spanned<i64>>,
    /// `reviewed`.
    pub reviewed: Option<Spanned<Date>>,
    /// `date` (inflections).
    pub date: Option<Spanned<Date>>,
    /// `ignore`: codes or prefixes suppressed for this object.
    pub ignore: Vec<Spanned<String>>,
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
            owner: None,
            status: Status::Active,
            level: None,
            parent: None,
            serves: Vec::new(),
            objective: None,
            baseline: Number::Missing,
            target: Number::Missing,
            half_life: None,
            reviewed: None,
            date: None,
            ignore: Vec::new(),
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

/// Headings of one Markdown file, as GitHub anchors.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// Every anchor slug, including `-1`, `-2` suffixes of repeated headings.
    pub slugs: Vec<String>,
}

/// Everything loaded from a project: files, objects and what rules read.
#[derive(Debug, Default)]
pub struct Repository {
    /// Every strategy file, in path order.
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
}
