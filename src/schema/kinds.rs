//! The kinds of strategy object and their fields (SPEC §3), as one table.
//!
//! Adding a kind is one [`KindSpec`] entry (plus its variant of [`Kind`]
//! and its payload in `model`); adding a field is one [`Field`] entry in
//! its kind's list.

use super::codes::Code;

/// The kinds of strategy object.
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
    /// A decision record.
    Decision,
    /// An initiative: a roadmap item or epic brief (SPEC §14).
    Initiative,
    /// An entry of the technical-debt register (SPEC §14).
    Debt,
    /// A value or practice on an alignment layer (SPEC §15).
    Value,
}

/// What a reference field means: the typed edge it adds to the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// An objective's parent objective.
    Parent,
    /// A KPI's objective.
    Measures,
    /// What an objective or principle serves.
    Serves,
    /// A tenet a decision cites.
    Cites,
    /// A decision another one replaces.
    Supersedes,
    /// A KPI an initiative expects to move.
    Moves,
    /// A debt item an initiative pays down.
    Pays,
    /// What a debt item affects.
    Affects,
    /// A tenet a decision knowingly goes against (SPEC §15).
    Against,
    /// The value one layer up (or more) that a value interprets (SPEC §15).
    Interprets,
}

impl Relation {
    /// The relation's name, as `map` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Parent => "parent",
            Relation::Measures => "measures",
            Relation::Serves => "serves",
            Relation::Cites => "cites",
            Relation::Supersedes => "supersedes",
            Relation::Moves => "moves",
            Relation::Pays => "pays",
            Relation::Affects => "affects",
            Relation::Against => "against",
            Relation::Interprets => "interprets",
        }
    }
}

/// A field's type, which decides how its value is read and checked (SL006).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Type {
    /// Any string.
    Text,
    /// The object's id (`^[A-Za-z][A-Za-z0-9_.-]*$`).
    Id,
    /// A person or team id of the owners registry, with an optional `@`.
    Owner,
    /// The id of one object of these kinds: an edge of the graph.
    Ref(Relation, &'static [Kind]),
    /// A list of ids of objects of these kinds: edges of the graph.
    Refs(Relation, &'static [Kind]),
    /// A list of person or team ids of the owners registry (`deciders`).
    Owners,
    /// An objective level, from the config's `objectives.levels`.
    Level,
    /// An alignment layer, from the config's `alignment.layers` (SPEC §15).
    Layer,
    /// A finite number; a value that is not one is reported by this rule
    /// when given (`KPI001`), else by SL006.
    Number(Option<Code>),
    /// A finite number ≥ 0 (`weight`).
    Weight,
    /// A date (`2026-03-01`, as a TOML date or a string).
    Date,
    /// A duration string (`90d`, `26w`, `6mo`, `1y`).
    Duration,
    /// One of these strings.
    Choice(&'static [&'static str]),
    /// A status: `active` or `retired`, or a decision's own five.
    Status,
    /// A list of rule codes or prefixes (`ignore`).
    Codes,
    /// A list of strings (`paths`: `.gitignore`-style patterns; `keys`:
    /// issue-tracker keys).
    Strings,
    /// A table from ids of objects of these kinds to non-zero numbers
    /// (`moves`: the change expected in each KPI): edges of the graph.
    Moves(Relation, &'static [Kind]),
    /// One of the config's `execution.themes`.
    Theme,
    /// A date, or a duration counted from the object's start (`first_signal`).
    DateOrDuration,
    /// A free-text statement whose first sentence has a form (`hypothesis`).
    Hypothesis,
}

/// Whether a field must be present, and who says so when it is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// May be absent.
    Optional,
    /// SL003 reports its absence.
    Required,
    /// A more specific rule reports its absence (owner: OWN001, baseline
    /// and target: KPI001), so SL003 does not.
    RequiredBy(Code),
}

/// One field of a kind.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key as written.
    pub name: &'static str,
    /// How its value is read.
    pub ty: Type,
    /// Whether it must be present.
    pub requirement: Requirement,
    /// One line for help texts and the JSON Schemas.
    pub doc: &'static str,
}

impl Field {
    /// The relation and accepted kinds, when the field is a reference.
    pub fn reference(&self) -> Option<(Relation, &'static [Kind])> {
        match self.ty {
            Type::Ref(r, k) | Type::Refs(r, k) | Type::Moves(r, k) => Some((r, k)),
            _ => None,
        }
    }
}

/// One kind: its name and its fields.
#[derive(Debug, Clone, Copy)]
pub struct KindSpec {
    /// The kind.
    pub kind: Kind,
    /// Its name as written (`kind = "…"`, `[[…]]`).
    pub name: &'static str,
    /// One line: what an object of this kind is.
    pub doc: &'static str,
    /// Its fields besides [`COMMON`], in the order the docs list them.
    pub fields: &'static [Field],
}

const fn field(name: &'static str, ty: Type, requirement: Requirement, doc: &'static str) -> Field {
    Field {
        name,
        ty,
        requirement,
        doc,
    }
}

use Requirement::{Optional, Required, RequiredBy};

/// Fields every kind accepts.
pub const COMMON: &[Field] = &[
    field("id", Type::Id, Required, "Unique across the repository."),
    field("title", Type::Text, Required, "A short title."),
    field("description", Type::Text, Optional, "Prose."),
    field(
        "ignore",
        Type::Codes,
        Optional,
        "Rule codes or prefixes not reported for this object.",
    ),
    field(
        "ignore_reason",
        Type::Text,
        Optional,
        "Why `ignore` is there.",
    ),
];

const OWNER: Field = field(
    "owner",
    Type::Owner,
    RequiredBy(Code::OWN001),
    "The accountable person or team (registry id, optional `@`).",
);
const HALF_LIFE: Field = field(
    "half_life",
    Type::Duration,
    Optional,
    "How long until the vision is half as trustworthy; overrides the config.",
);
const REVIEWED: Field = field(
    "reviewed",
    Type::Date,
    Optional,
    "When it was last revalidated without an edit.",
);
const DUE: Field = field("due", Type::Date, Optional, "When it is due.");

/// `status` of every kind but decisions.
const STATUS: Field = field(
    "status",
    Type::Status,
    Optional,
    "`active` (default) or `retired`.",
);

/// The statuses of a decision record (SPEC §3); only `accepted` is in force.
pub const DECISION_STATUSES: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

/// The statuses of every other kind.
pub const STATUSES: &[&str] = &["active", "retired"];

/// The statuses of an initiative (SPEC §14); `planned` and `active` are
/// open, `done` and `stopped` play the part of `retired`.
pub const INITIATIVE_STATUSES: &[&str] = &["planned", "active", "done", "stopped"];

/// The statuses of a debt item (SPEC §14); `paid` and `accepted` play the
/// part of `retired`.
pub const DEBT_STATUSES: &[&str] = &["open", "paid", "accepted"];

/// `execution.themes` when the config does not set it (SPEC §10).
pub const DEFAULT_THEMES: &[&str] = &["product", "tech-health", "experiment"];

/// `alignment.layers` when the config does not set it (SPEC §15), top first.
pub const DEFAULT_LAYERS: &[&str] = &["company", "function", "team"];

/// The classes of KPI (SPEC §14): the business's outcome, or the team's
/// delivery (velocity, throughput).
pub const KPI_CLASSES: &[&str] = &["outcome", "delivery"];

/// A KPI's `pace`: `linear` (the default) is judged by KPI008, `none` is not.
pub const PACES: &[&str] = &["linear", "none"];

/// The code an object governs (`paths` of principles, decisions,
/// initiatives and debt items).
const PATHS: Field = field(
    "paths",
    Type::Strings,
    Optional,
    "`.gitignore`-style patterns, relative to the project root, naming the code it governs.",
);

/// The directions a KPI can aim for.
pub const DIRECTIONS: &[&str] = &["increase", "decrease", "maintain"];

/// Every kind, in the order the docs list them.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::Thesis,
        name: "thesis",
        doc: "Why we win now.",
        fields: &[STATUS, OWNER, HALF_LIFE, REVIEWED],
    },
    KindSpec {
        kind: Kind::Objective,
        name: "objective",
        doc: "A node of the objective tree.",
        fields: &[
            STATUS,
            field(
                "level",
                Type::Level,
                Required,
                "One of the config's `objectives.levels`.",
            ),
            OWNER,
            field(
                "parent",
                Type::Ref(Relation::Parent, &[Kind::Objective]),
                // Required below the top level only: OBJ004 says so.
                Optional,
                "The parent objective's id; required below the top level (OBJ004).",
            ),
            field(
                "serves",
                Type::Refs(Relation::Serves, &[Kind::Thesis]),
                Optional,
                "Ids of the theses it serves.",
            ),
            DUE,
        ],
    },
    KindSpec {
        kind: Kind::Kpi,
        name: "kpi",
        doc: "A metric that measures an objective.",
        fields: &[
            STATUS,
            field(
                "objective",
                Type::Ref(Relation::Measures, &[Kind::Objective]),
                Required,
                "The id of the objective it measures.",
            ),
            OWNER,
            field(
                "baseline",
                Type::Number(Some(Code::KPI001)),
                RequiredBy(Code::KPI001),
                "Where it started.",
            ),
            field(
                "target",
                Type::Number(Some(Code::KPI001)),
                RequiredBy(Code::KPI001),
                "Where it should get to.",
            ),
            field("unit", Type::Text, Optional, "The unit of its values."),
            field("current", Type::Number(None), Optional, "Its latest value."),
            field(
                "measured",
                Type::Date,
                Optional,
                "When `current` was last measured (`stratlint review` sets it).",
            ),
            DUE,
            field(
                "direction",
                Type::Choice(DIRECTIONS),
                Optional,
                "Which way is better: increase, decrease or maintain.",
            ),
            field(
                "revised",
                Type::Date,
                Optional,
                "When its baseline or target (a guardrail's min or max) was last changed on purpose.",
            ),
            field(
                "measure_every",
                Type::Duration,
                Optional,
                "How often `current` is expected to be updated.",
            ),
            field(
                "weight",
                Type::Weight,
                Optional,
                "Its weight in its objective's progress (≥ 0, default 1).",
            ),
            field(
                "class",
                Type::Choice(KPI_CLASSES),
                Optional,
                "`outcome` (default: the business's result) or `delivery` (the team's output).",
            ),
            field(
                "min",
                Type::Number(None),
                Optional,
                "The lowest value it may take: a KPI with `min` or `max` is a guardrail (KPI009).",
            ),
            field(
                "max",
                Type::Number(None),
                Optional,
                "The highest value it may take: a KPI with `min` or `max` is a guardrail (KPI009).",
            ),
            field(
                "since",
                Type::Date,
                Optional,
                "When its period starts, if later than the day its baseline and target were set (KPI008).",
            ),
            field(
                "pace",
                Type::Choice(PACES),
                Optional,
                "`linear` (default: judged against the time that has passed, KPI008) or `none`.",
            ),
        ],
    },
    KindSpec {
        kind: Kind::Principle,
        name: "principle",
        doc: "An architectural principle; the half-life rules judge it.",
        fields: &[
            STATUS,
            OWNER,
            field(
                "serves",
                Type::Refs(Relation::Serves, &[Kind::Thesis, Kind::Objective]),
                Optional,
                "Ids of the theses or objectives it serves.",
            ),
            HALF_LIFE,
            REVIEWED,
            PATHS,
        ],
    },
    KindSpec {
        kind: Kind::Tenet,
        name: "tenet",
        doc: "A decision tenet: When <situation>, we choose A over B because R.",
        fields: &[
            STATUS,
            field("text", Type::Text, Required, "The tenet itself."),
            field(
                "owner",
                Type::Owner,
                Optional,
                "Who answers for it (registry id, optional `@`).",
            ),
            field(
                "layer",
                Type::Layer,
                Optional,
                "One of the config's `alignment.layers`: a lower layer decides within a higher one's tenets (ALN003).",
            ),
        ],
    },
    KindSpec {
        kind: Kind::Inflection,
        name: "inflection",
        doc: "A strategic inflection point.",
        fields: &[
            STATUS,
            field("date", Type::Date, Required, "When it happened."),
        ],
    },
    KindSpec {
        kind: Kind::Decision,
        name: "decision",
        doc: "A decision record: what was decided, when, under which tenets, and what it replaced.",
        fields: &[
            field(
                "status",
                Type::Status,
                Required,
                "`proposed`, `accepted`, `rejected`, `deprecated` or `superseded`; only `accepted` is in force.",
            ),
            field("date", Type::Date, Required, "When it was decided."),
            field(
                "deciders",
                Type::Owners,
                Optional,
                "Who decided: person or team ids of the owners registry.",
            ),
            field(
                "tenets",
                Type::Refs(Relation::Cites, &[Kind::Tenet]),
                Optional,
                "Ids of the tenets the decision applies.",
            ),
            field(
                "against",
                Type::Refs(Relation::Against, &[Kind::Tenet]),
                Optional,
                "Ids of the tenets the decision knowingly goes against (DEC005, TEN008).",
            ),
            field(
                "tradeoff",
                Type::Text,
                Optional,
                "Why it goes against the tenets in `against` (DEC005).",
            ),
            field(
                "serves",
                Type::Refs(
                    Relation::Serves,
                    &[Kind::Thesis, Kind::Objective, Kind::Principle],
                ),
                Optional,
                "Ids of the theses, objectives or principles it serves.",
            ),
            field(
                "supersedes",
                Type::Refs(Relation::Supersedes, &[Kind::Decision]),
                Optional,
                "Ids of the decisions it replaces.",
            ),
            field(
                "review_by",
                Type::Date,
                Optional,
                "When to look at it again.",
            ),
            PATHS,
        ],
    },
    KindSpec {
        kind: Kind::Initiative,
        name: "initiative",
        doc: "An initiative: a roadmap item or epic brief, and the work git links to it.",
        fields: &[
            field(
                "status",
                Type::Status,
                Optional,
                "`planned`, `active` (default), `done` or `stopped`; done and stopped count as retired.",
            ),
            OWNER,
            field(
                "serves",
                Type::Refs(Relation::Serves, &[Kind::Objective, Kind::Principle]),
                Optional,
                "Ids of the objectives or principles it serves.",
            ),
            field(
                "theme",
                Type::Theme,
                Optional,
                "One of the config's `execution.themes`.",
            ),
            field(
                "capacity",
                Type::Weight,
                Optional,
                "Its share of the team's time (≥ 0, default 1), in a unit used consistently.",
            ),
            field(
                "moves",
                Type::Moves(Relation::Moves, &[Kind::Kpi]),
                Optional,
                "KPI id → the change expected, in the KPI's unit, its sign the direction.",
            ),
            field(
                "first_signal",
                Type::DateOrDuration,
                Optional,
                "When the first movement is expected: a date, or a duration after it started.",
            ),
            field(
                "hypothesis",
                Type::Hypothesis,
                Optional,
                "We believe <change> will <verb> <metric> by <amount>.",
            ),
            field("started", Type::Date, Optional, "When it started."),
            DUE,
            PATHS,
            field(
                "keys",
                Type::Strings,
                Optional,
                "Issue-tracker keys (`PAY-142`) whose mention in a commit message links the commit.",
            ),
            field(
                "pays",
                Type::Refs(Relation::Pays, &[Kind::Debt]),
                Optional,
                "Ids of the debt items it pays down.",
            ),
        ],
    },
    KindSpec {
        kind: Kind::Debt,
        name: "debt",
        doc: "An entry of the technical-debt register: what it costs the business.",
        fields: &[
            field(
                "status",
                Type::Status,
                Optional,
                "`open` (default), `paid` or `accepted`; paid and accepted count as retired.",
            ),
            OWNER,
            field(
                "impact",
                Type::Text,
                Required,
                "The business cost, in the business's language.",
            ),
            field(
                "affects",
                Type::Refs(
                    Relation::Affects,
                    &[
                        Kind::Objective,
                        Kind::Initiative,
                        Kind::Principle,
                        Kind::Thesis,
                    ],
                ),
                Optional,
                "Ids of the objectives, initiatives, principles or theses it affects.",
            ),
            field(
                "interest",
                Type::Weight,
                Optional,
                "Its cost per quarter (≥ 0), in a unit used consistently; orders the register.",
            ),
            PATHS,
            field("since", Type::Date, Optional, "When it was registered."),
            REVIEWED,
        ],
    },
    KindSpec {
        kind: Kind::Value,
        name: "value",
        doc: "A value or practice on an alignment layer: company values, a function's interpretation, a team's practice.",
        fields: &[
            STATUS,
            field(
                "layer",
                Type::Layer,
                Required,
                "One of the config's `alignment.layers`, top first.",
            ),
            OWNER,
            field(
                "interprets",
                Type::Ref(Relation::Interprets, &[Kind::Value]),
                Optional,
                "The id of the value on a higher layer that it interprets; required below the top layer (ALN001).",
            ),
        ],
    },
];

impl Kind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [Kind; 10] = [
        Kind::Thesis,
        Kind::Objective,
        Kind::Kpi,
        Kind::Principle,
        Kind::Tenet,
        Kind::Inflection,
        Kind::Decision,
        Kind::Initiative,
        Kind::Debt,
        Kind::Value,
    ];

    /// The kind's entry in [`KINDS`].
    pub fn spec(self) -> &'static KindSpec {
        &KINDS[self as usize]
    }

    /// The kind's name as written in files.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Reads a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.name == s).map(|k| k.kind)
    }

    /// The statuses this kind's `status` takes.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            Kind::Decision => DECISION_STATUSES,
            Kind::Initiative => INITIATIVE_STATUSES,
            Kind::Debt => DEBT_STATUSES,
            _ => STATUSES,
        }
    }

    /// Whether a status word of this kind plays the part of `retired`.
    pub fn retires(self, status: &str) -> bool {
        match self {
            Kind::Decision => matches!(status, "rejected" | "deprecated" | "superseded"),
            Kind::Initiative => matches!(status, "done" | "stopped"),
            Kind::Debt => matches!(status, "paid" | "accepted"),
            _ => status == "retired",
        }
    }

    /// Whether the kind has a `title` (every kind but tenets requires one;
    /// a tenet accepts one).
    pub fn requires_title(self) -> bool {
        self != Kind::Tenet
    }

    /// A field this kind accepts (common fields included).
    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().find(|f| f.name == name)
    }

    /// Every field this kind accepts: the common ones, then its own.
    pub fn fields(self) -> impl Iterator<Item = &'static Field> {
        COMMON.iter().chain(self.spec().fields)
    }

    /// Every field's requirement as it applies to this kind.
    pub fn requirement(self, field: &Field) -> Requirement {
        if field.name == "title" && !self.requires_title() {
            Optional
        } else {
            field.requirement
        }
    }
}

/// Every kind's name, as help texts list them: `thesis, objective, … and inflection`.
pub fn kind_names() -> String {
    let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_listed_in_the_order_of_their_variants() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(k.kind as usize, i, "{}", k.name);
            assert_eq!(Kind::ALL[i], k.kind);
        }
    }

    #[test]
    fn no_kind_repeats_a_field() {
        for k in Kind::ALL {
            let mut names: Vec<&str> = k.fields().map(|f| f.name).collect();
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "{}", k.name());
        }
    }

    #[test]
    fn help_lists_every_kind() {
        assert_eq!(
            kind_names(),
            "thesis, objective, kpi, principle, tenet, inflection, decision, initiative, debt and value"
        );
    }
}
