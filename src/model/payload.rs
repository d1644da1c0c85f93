//! What each kind adds to an object: typed fields with their spans, read
//! by the rules, progress and the views. Which fields a kind has is the
//! schema's ([`crate::schema::KINDS`]); [`Payload::assign`] is where a read
//! value lands, and a unit test checks that every schema field has a place.

use crate::date::Date;
use crate::model::{Number, Spanned};
use crate::schema::Kind;
use crate::source::Span;

/// A field's value as read, before it lands in a payload.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string.
    Text(String),
    /// A number field: valid, or present but not a finite number.
    Number(Number),
    /// A date.
    Date(Date),
    /// A duration in days.
    Duration(i64),
    /// One of a field's fixed choices.
    Choice(&'static str),
    /// A list of ids (`deciders`).
    Ids(Vec<Spanned<String>>),
    /// A list of strings (`paths`, `keys`).
    Strings(Vec<Spanned<String>>),
    /// The numbers of a `moves` table, by KPI id (the ids are references).
    Amounts(Vec<(String, Number)>),
    /// A date or a duration (`first_signal`).
    Signal(Signal),
}

/// When an initiative's first signal is expected (`first_signal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// On this day.
    On(Date),
    /// This many days after the initiative started.
    After(i64),
}

/// `half_life` and `reviewed`: what the half-life rules read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aging {
    /// `half_life` in days, when valid.
    pub half_life: Option<Spanned<i64>>,
    /// `reviewed`.
    pub reviewed: Option<Spanned<Date>>,
    /// `paths` (principles): the code it governs.
    pub paths: Vec<Spanned<String>>,
}

/// An objective's own fields (its `parent` and `serves` are references).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectiveData {
    /// `level`, as written (SL006 when not a configured level).
    pub level: Option<Spanned<String>>,
    /// `due`.
    pub due: Option<Spanned<Date>>,
}

/// Which way a KPI is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Hold the target.
    Maintain,
}

impl Direction {
    fn parse(s: &str) -> Option<Direction> {
        match s {
            "increase" => Some(Direction::Increase),
            "decrease" => Some(Direction::Decrease),
            "maintain" => Some(Direction::Maintain),
            _ => None,
        }
    }
}

/// A KPI's own fields (its `objective` is a reference).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KpiData {
    /// `baseline`.
    pub baseline: Number,
    /// `target`.
    pub target: Number,
    /// `current`.
    pub current: Number,
    /// `unit`.
    pub unit: Option<Spanned<String>>,
    /// `measured`: when `current` was last measured.
    pub measured: Option<Spanned<Date>>,
    /// `direction`, when valid.
    pub direction: Option<Spanned<Direction>>,
    /// `due`.
    pub due: Option<Spanned<Date>>,
    /// `revised`: when its baseline or target (a guardrail's min or max)
    /// was last changed on purpose.
    pub revised: Option<Spanned<Date>>,
    /// `measure_every`, in days.
    pub measure_every: Option<Spanned<i64>>,
    /// `weight` (≥ 0); 1 when absent.
    pub weight: Option<Spanned<f64>>,
    /// `class`: `outcome` (when absent) or `delivery`.
    pub class: Option<Spanned<&'static str>>,
    /// `since`: when its period starts, if later than its goalposts were set.
    pub since: Option<Spanned<Date>>,
    /// `pace`: `linear` (when absent) or `none`.
    pub pace: Option<Spanned<&'static str>>,
    /// `min`: the lowest value a guardrail may take.
    pub min: Number,
    /// `max`: the highest value a guardrail may take.
    pub max: Number,
}

impl KpiData {
    /// Whether it is a guardrail (SPEC §15): it has a `min` or a `max`, a
    /// range to stay inside rather than a target to reach; its baseline
    /// and target, if any, are ignored.
    pub fn is_guardrail(&self) -> bool {
        !matches!((&self.min, &self.max), (Number::Missing, Number::Missing))
    }

    /// Whether the KPI measures the team's delivery, not the business's outcome.
    pub fn is_delivery(&self) -> bool {
        self.class.as_ref().is_some_and(|c| c.value == "delivery")
    }
}

/// An initiative's own fields (its `serves`, `moves` and `pays` are references).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InitiativeData {
    /// `status` as written, when valid (`active` when absent).
    pub status: Option<Spanned<&'static str>>,
    /// `theme`, when one of the configured themes.
    pub theme: Option<Spanned<String>>,
    /// `capacity` (≥ 0); 1 when absent.
    pub capacity: Option<Spanned<f64>>,
    /// The change expected in each KPI `moves` names, by id.
    pub moves: Vec<(String, Number)>,
    /// `first_signal`.
    pub first_signal: Option<Spanned<Signal>>,
    /// `hypothesis`.
    pub hypothesis: Option<Spanned<String>>,
    /// `started`.
    pub started: Option<Spanned<Date>>,
    /// `due`.
    pub due: Option<Spanned<Date>>,
    /// `paths`: the code it changes.
    pub paths: Vec<Spanned<String>>,
    /// `keys`: issue-tracker keys.
    pub keys: Vec<Spanned<String>>,
}

impl InitiativeData {
    /// Its status word: `active` when none is written.
    pub fn status(&self) -> &'static str {
        self.status.as_ref().map_or("active", |s| s.value)
    }

    /// Its capacity: 1 when none is written.
    pub fn capacity(&self) -> f64 {
        self.capacity.as_ref().map_or(1.0, |c| c.value)
    }
}

/// A debt item's own fields (its `affects` are references).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DebtData {
    /// `status` as written, when valid (`open` when absent).
    pub status: Option<Spanned<&'static str>>,
    /// `impact`.
    pub impact: Option<Spanned<String>>,
    /// `interest` (≥ 0).
    pub interest: Option<Spanned<f64>>,
    /// `paths`: the code it lives in.
    pub paths: Vec<Spanned<String>>,
    /// `since`: when it was registered.
    pub since: Option<Spanned<Date>>,
    /// `reviewed`: when the team last chose to carry it.
    pub reviewed: Option<Spanned<Date>>,
}

impl DebtData {
    /// Its status word: `open` when none is written.
    pub fn status(&self) -> &'static str {
        self.status.as_ref().map_or("open", |s| s.value)
    }
}

/// A tenet object's own fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TenetData {
    /// `text`, as written (a Markdown tenet's body may stand for it).
    pub text: Option<Spanned<String>>,
    /// `layer`, when one of the configured alignment layers (SPEC §15).
    pub layer: Option<Spanned<String>>,
}

/// A value's own fields (its `interprets` is a reference; SPEC §15).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValueData {
    /// `layer`, when one of the configured alignment layers.
    pub layer: Option<Spanned<String>>,
}

/// An inflection's own fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InflectionData {
    /// `date`.
    pub date: Option<Spanned<Date>>,
}

/// A decision's status (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionStatus {
    /// Under discussion: changes nothing yet.
    Proposed,
    /// In force.
    Accepted,
    /// Turned down.
    Rejected,
    /// No longer applies.
    Deprecated,
    /// Replaced by a decision whose `supersedes` names it.
    Superseded,
}

impl DecisionStatus {
    /// Reads a status word.
    pub fn parse(s: &str) -> Option<DecisionStatus> {
        match s {
            "proposed" => Some(DecisionStatus::Proposed),
            "accepted" => Some(DecisionStatus::Accepted),
            "rejected" => Some(DecisionStatus::Rejected),
            "deprecated" => Some(DecisionStatus::Deprecated),
            "superseded" => Some(DecisionStatus::Superseded),
            _ => None,
        }
    }

    /// The word as written.
    pub fn name(self) -> &'static str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Accepted => "accepted",
            DecisionStatus::Rejected => "rejected",
            DecisionStatus::Deprecated => "deprecated",
            DecisionStatus::Superseded => "superseded",
        }
    }

    /// Whether it plays the part of `retired` (SPEC §3).
    pub fn is_retired(self) -> bool {
        matches!(
            self,
            DecisionStatus::Rejected | DecisionStatus::Deprecated | DecisionStatus::Superseded
        )
    }
}

/// A decision's own fields (its `tenets`, `serves` and `supersedes` are references).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DecisionData {
    /// `status`, when valid.
    pub status: Option<Spanned<DecisionStatus>>,
    /// `date`.
    pub date: Option<Spanned<Date>>,
    /// `deciders`, as written (registry ids, or free text in adopted records).
    pub deciders: Vec<Spanned<String>>,
    /// `review_by`.
    pub review_by: Option<Spanned<Date>>,
    /// `tradeoff`: why it goes against the tenets in `against`.
    pub tradeoff: Option<Spanned<String>>,
    /// Whether `deciders` are free text (an adopted record's), matched to the
    /// registry by id or name, never reported.
    pub free_text_deciders: bool,
    /// In an adopted record: the ids its `Superseded by` links name (each
    /// read as that record's `supersedes`), with the links' spans.
    pub superseded_by: Vec<Spanned<String>>,
    /// Whether this is an adopted record (SPEC §11), whose number other
    /// references compare as a number (`ADR-17` names `ADR-0017`).
    pub adopted: bool,
    /// In an adopted record with no date of its own: its path below the
    /// project root, so history can date it by the commit that added it.
    pub dated_by_git: Option<String>,
    /// `paths`: the code it governs.
    pub paths: Vec<Spanned<String>>,
}

impl DecisionData {
    /// Whether the decision is in force: `accepted`, nothing else.
    pub fn in_force(&self) -> bool {
        self.status
            .as_ref()
            .is_some_and(|s| s.value == DecisionStatus::Accepted)
    }
}

/// The fields an object's kind adds.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A thesis.
    Thesis(Aging),
    /// An objective.
    Objective(ObjectiveData),
    /// A KPI.
    Kpi(KpiData),
    /// A principle.
    Principle(Aging),
    /// A tenet.
    Tenet(TenetData),
    /// An inflection.
    Inflection(InflectionData),
    /// A decision record.
    Decision(DecisionData),
    /// An initiative.
    Initiative(InitiativeData),
    /// A debt item.
    Debt(DebtData),
    /// A value or practice on an alignment layer.
    Value(ValueData),
}

impl Payload {
    /// An empty payload of `kind`.
    pub fn empty(kind: Kind) -> Payload {
        match kind {
            Kind::Thesis => Payload::Thesis(Aging::default()),
            Kind::Objective => Payload::Objective(ObjectiveData::default()),
            Kind::Kpi => Payload::Kpi(KpiData::default()),
            Kind::Principle => Payload::Principle(Aging::default()),
            Kind::Tenet => Payload::Tenet(TenetData::default()),
            Kind::Inflection => Payload::Inflection(InflectionData::default()),
            Kind::Decision => Payload::Decision(DecisionData::default()),
            Kind::Initiative => Payload::Initiative(InitiativeData::default()),
            Kind::Debt => Payload::Debt(DebtData::default()),
            Kind::Value => Payload::Value(ValueData::default()),
        }
    }

    /// The span of every value the payload holds.
    pub fn spans(&self) -> Vec<Span> {
        let number = |n: &Number| match n {
            Number::Missing => None,
            Number::Invalid(s) => Some(*s),
            Number::Value(v) => Some(v.span),
        };
        match self {
            Payload::Thesis(a) | Payload::Principle(a) => {
                let h = a.half_life.as_ref().map(|h| h.span);
                h.into_iter()
                    .chain(a.reviewed.as_ref().map(|r| r.span))
                    .chain(a.paths.iter().map(|p| p.span))
                    .collect()
            }
            Payload::Objective(o) => {
                let l = o.level.as_ref().map(|l| l.span);
                l.into_iter()
                    .chain(o.due.as_ref().map(|d| d.span))
                    .collect()
            }
            Payload::Kpi(k) => [
                number(&k.baseline),
                number(&k.target),
                number(&k.current),
                k.unit.as_ref().map(|u| u.span),
                k.measured.as_ref().map(|m| m.span),
                k.revised.as_ref().map(|m| m.span),
                k.measure_every.as_ref().map(|m| m.span),
                k.weight.as_ref().map(|m| m.span),
                k.direction.as_ref().map(|d| d.span),
                k.due.as_ref().map(|d| d.span),
                k.class.as_ref().map(|d| d.span),
            ]
            .into_iter()
            .flatten()
            .collect(),
            Payload::Tenet(t) => t.text.iter().chain(&t.layer).map(|t| t.span).collect(),
            Payload::Value(v) => v.layer.iter().map(|l| l.span).collect(),
            Payload::Inflection(i) => i.date.iter().map(|d| d.span).collect(),
            Payload::Decision(d) => d
                .status
                .iter()
                .map(|s| s.span)
                .chain(d.date.iter().map(|x| x.span))
                .chain(d.deciders.iter().map(|x| x.span))
                .chain(d.review_by.iter().map(|x| x.span))
                .chain(d.tradeoff.iter().map(|x| x.span))
                .chain(d.paths.iter().map(|x| x.span))
                .collect(),
            Payload::Initiative(i) => [
                i.status.as_ref().map(|x| x.span),
                i.theme.as_ref().map(|x| x.span),
                i.capacity.as_ref().map(|x| x.span),
                i.first_signal.as_ref().map(|x| x.span),
                i.hypothesis.as_ref().map(|x| x.span),
                i.started.as_ref().map(|x| x.span),
                i.due.as_ref().map(|x| x.span),
            ]
            .into_iter()
            .flatten()
            .chain(i.moves.iter().filter_map(|(_, n)| number(n)))
            .chain(i.paths.iter().chain(&i.keys).map(|x| x.span))
            .collect(),
            Payload::Debt(d) => [
                d.status.as_ref().map(|x| x.span),
                d.impact.as_ref().map(|x| x.span),
                d.interest.as_ref().map(|x| x.span),
                d.since.as_ref().map(|x| x.span),
                d.reviewed.as_ref().map(|x| x.span),
            ]
            .into_iter()
            .flatten()
            .chain(d.paths.iter().map(|x| x.span))
            .collect(),
        }
    }

    /// Puts the value read for `field` in its place; false when the
    /// payload has no place for it (a schema field with nowhere to go).
    pub fn assign(&mut self, field: &str, value: Value, span: Span) -> bool {
        let text = |v: Value| match v {
            Value::Text(s) => Some(Spanned::new(s, span)),
            _ => None,
        };
        let date = |v: Value| match v {
            Value::Date(d) => Some(Spanned::new(d, span)),
            _ => None,
        };
        let number = |v: Value| match v {
            Value::Number(n) => n,
            _ => Number::Invalid(span),
        };
        let weight = |v: Value| match v {
            Value::Number(Number::Value(w)) => Some(w),
            _ => None,
        };
        let strings = |v: Value| match v {
            Value::Strings(s) => s,
            _ => Vec::new(),
        };
        let choice = |v: Value| match v {
            Value::Choice(c) => Some(Spanned::new(c, span)),
            _ => None,
        };
        match (self, field) {
            (Payload::Principle(a), "paths") => a.paths = strings(value),
            (Payload::Decision(d), "paths") => d.paths = strings(value),
            (Payload::Kpi(k), "class") => k.class = choice(value),
            (Payload::Kpi(k), "pace") => k.pace = choice(value),
            (Payload::Kpi(k), "min") => k.min = number(value),
            (Payload::Kpi(k), "max") => k.max = number(value),
            (Payload::Kpi(k), "since") => k.since = date(value),
            (Payload::Initiative(i), "status") => i.status = choice(value),
            (Payload::Initiative(i), "theme") => i.theme = text(value),
            (Payload::Initiative(i), "capacity") => i.capacity = weight(value),
            (Payload::Initiative(i), "moves") => {
                if let Value::Amounts(a) = value {
                    i.moves = a;
                }
            }
            (Payload::Initiative(i), "first_signal") => {
                if let Value::Signal(s) = value {
                    i.first_signal = Some(Spanned::new(s, span));
                }
            }
            (Payload::Initiative(i), "hypothesis") => i.hypothesis = text(value),
            (Payload::Initiative(i), "started") => i.started = date(value),
            (Payload::Initiative(i), "due") => i.due = date(value),
            (Payload::Initiative(i), "paths") => i.paths = strings(value),
            (Payload::Initiative(i), "keys") => i.keys = strings(value),
            (Payload::Debt(d), "status") => d.status = choice(value),
            (Payload::Debt(d), "impact") => d.impact = text(value),
            (Payload::Debt(d), "interest") => d.interest = weight(value),
            (Payload::Debt(d), "paths") => d.paths = strings(value),
            (Payload::Debt(d), "since") => d.since = date(value),
            (Payload::Debt(d), "reviewed") => d.reviewed = date(value),
            (Payload::Thesis(a) | Payload::Principle(a), "half_life") => {
                if let Value::Duration(d) = value {
                    a.half_life = Some(Spanned::new(d, span));
                }
            }
            (Payload::Thesis(a) | Payload::Principle(a), "reviewed") => a.reviewed = date(value),
            (Payload::Objective(o), "level") => o.level = text(value),
            (Payload::Objective(o), "due") => o.due = date(value),
            (Payload::Kpi(k), "baseline") => k.baseline = number(value),
            (Payload::Kpi(k), "target") => k.target = number(value),
            (Payload::Kpi(k), "current") => k.current = number(value),
            (Payload::Kpi(k), "unit") => k.unit = text(value),
            (Payload::Kpi(k), "measured") => k.measured = date(value),
            (Payload::Kpi(k), "revised") => k.revised = date(value),
            (Payload::Kpi(k), "measure_every") => {
                if let Value::Duration(d) = value {
                    k.measure_every = Some(Spanned::new(d, span));
                }
            }
            (Payload::Kpi(k), "weight") => k.weight = weight(value),
            (Payload::Kpi(k), "due") => k.due = date(value),
            (Payload::Kpi(k), "direction") => {
                if let Value::Choice(c) = value {
                    k.direction = Direction::parse(c).map(|d| Spanned::new(d, span));
                }
            }
            (Payload::Tenet(t), "text") => t.text = text(value),
            (Payload::Tenet(t), "layer") => t.layer = text(value),
            (Payload::Value(v), "layer") => v.layer = text(value),
            (Payload::Inflection(i), "date") => i.date = date(value),
            (Payload::Decision(d), "date") => d.date = date(value),
            (Payload::Decision(d), "review_by") => d.review_by = date(value),
            (Payload::Decision(d), "tradeoff") => d.tradeoff = text(value),
            (Payload::Decision(d), "deciders") => {
                if let Value::Ids(ids) = value {
                    d.deciders = ids;
                }
            }
            (Payload::Decision(d), "status") => {
                if let Value::Choice(c) = value {
                    d.status = DecisionStatus::parse(c).map(|s| Spanned::new(s, span));
                }
            }
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{COMMON, KINDS, Type};

    /// A valid value of a field's type.
    fn sample(ty: Type) -> Option<Value> {
        Some(match ty {
            Type::Text | Type::Level | Type::Layer => Value::Text("x".into()),
            Type::Number(_) | Type::Weight => {
                Value::Number(Number::Value(Spanned::new(1.0, Span::default())))
            }
            Type::Date => Value::Date(Date::from_ymd(2026, 1, 1)?),
            Type::Duration => Value::Duration(30),
            Type::Choice(c) => Value::Choice(c[0]),
            Type::Owners => Value::Ids(vec![Spanned::new("alice".into(), Span::default())]),
            Type::Strings => Value::Strings(vec![Spanned::new("src/".into(), Span::default())]),
            Type::Theme | Type::Hypothesis => Value::Text("x".into()),
            Type::DateOrDuration => Value::Signal(Signal::After(42)),
            Type::Moves(..) => Value::Amounts(vec![(
                "K".into(),
                Number::Value(Spanned::new(1.0, Span::default())),
            )]),
            // Held by the object itself, not its payload.
            Type::Id
            | Type::Owner
            | Type::Ref(..)
            | Type::Refs(..)
            | Type::Status
            | Type::Codes => {
                return None;
            }
        })
    }

    #[test]
    fn every_field_of_the_schema_has_a_place_in_its_kind_s_payload() {
        for spec in KINDS {
            for f in spec.fields.iter().filter(|f| f.name != "owner") {
                if f.name == "status" && spec.kind.statuses() == crate::schema::kinds::STATUSES {
                    continue;
                }
                let Some(v) = sample(f.ty) else { continue };
                let mut p = Payload::empty(spec.kind);
                assert!(
                    p.assign(f.name, v, Span::default()),
                    "{}.{}",
                    spec.name,
                    f.name
                );
                assert_ne!(p, Payload::empty(spec.kind), "{}.{}", spec.name, f.name);
            }
        }
        // Common fields are the object's own.
        for f in COMMON {
            assert!(
                sample(f.ty).is_none()
                    || matches!(f.name, "title" | "description" | "ignore_reason")
            );
        }
    }
}
