//! `stratlint diff FROM [TO]` (SPEC §16): what changed in the strategy
//! between two states, each analyzed by the same pipeline
//! ([`crate::analysis::sides`]) with one clock. [`build`] compares the two
//! analyses into a [`Diff`], plain data (also the JSON document); the
//! renderers ([`human`], [`markdown`], [`json`]) only print it.

pub mod compared_text;
pub mod human;
pub mod json;
pub mod markdown;
pub mod state;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::analysis::sides::{Side, Sides};
use crate::diagnostic::Diagnostic;
use crate::views::check::Outcome;
use crate::views::check::json::{Item, items};

use state::Entry;

/// The formats of `diff --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For people, in a terminal.
    Human,
    /// Headed sections and tables, for a pull request comment or a job summary.
    Markdown,
    /// One JSON document.
    Json,
}

/// Which state a side is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct State {
    /// The revision or date as given; `None` for the working tree.
    pub rev: Option<String>,
    /// The full commit id; `None` for the working tree.
    pub commit: Option<String>,
    /// The commit's committer day (UTC); `None` for the working tree.
    pub date: Option<String>,
}

/// An object added or removed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Presence {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its title.
    pub title: Option<String>,
}

/// A value that changed, before and after.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change<T> {
    /// The object's id.
    pub id: String,
    /// Before.
    pub from: Option<T>,
    /// After.
    pub to: Option<T>,
}

/// A field's value that changed, before and after.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange<T> {
    /// The object's id.
    pub id: String,
    /// The field.
    pub field: &'static str,
    /// Before.
    pub from: Option<T>,
    /// After.
    pub to: Option<T>,
}

/// A KPI's new measurement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Measurement {
    /// The KPI's id.
    pub id: String,
    /// `current` before.
    pub from: Option<f64>,
    /// `current` after.
    pub to: Option<f64>,
    /// Progress before (a fraction, as the report's JSON has it).
    pub progress_from: Option<f64>,
    /// Progress after.
    pub progress_to: Option<f64>,
    /// Whether each progress is implausible (KPI010): shown clamped and
    /// marked, as the report does; not in the JSON.
    #[serde(skip)]
    pub implausible: (bool, bool),
}

/// Diagnostics introduced and fixed, matched by fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostics {
    /// In TO and not in FROM, as `check --format json` lists them.
    pub introduced: Vec<Item>,
    /// In FROM and not in TO.
    pub fixed: Vec<Item>,
}

/// What changed between two states: every group of SPEC §16, each sorted
/// by id (then field); the diagnostics in `check`'s order.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Always 1.
    pub version: u32,
    /// The state before.
    pub from: State,
    /// The state after.
    pub to: State,
    /// Objects only TO has.
    pub added: Vec<Presence>,
    /// Objects only FROM has.
    pub removed: Vec<Presence>,
    /// Status changes.
    pub status: Vec<Change<String>>,
    /// Re-parenting.
    pub reparented: Vec<FieldChange<String>>,
    /// Moved goalposts, one entry per field.
    pub goalposts: Vec<FieldChange<f64>>,
    /// New measurements.
    pub measurements: Vec<Measurement>,
    /// Owner changes.
    pub owners: Vec<Change<String>>,
    /// Objects whose text changed otherwise, by id.
    pub edited: Vec<String>,
    /// Diagnostics introduced and fixed.
    pub diagnostics: Diagnostics,
}

impl Diff {
    /// Whether nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.status.is_empty()
            && self.reparented.is_empty()
            && self.goalposts.is_empty()
            && self.measurements.is_empty()
            && self.owners.is_empty()
            && self.edited.is_empty()
            && self.diagnostics.introduced.is_empty()
            && self.diagnostics.fixed.is_empty()
    }

    /// The diff in `format`.
    pub fn render(&self, format: DiffFormat) -> String {
        match format {
            DiffFormat::Human => human::render(self),
            DiffFormat::Markdown => markdown::render(self),
            DiffFormat::Json => json::render(self),
        }
    }
}

fn state(side: &Side) -> State {
    State {
        rev: side.rev.clone(),
        commit: side.commit.map(|c| c.to_string()),
        date: side.date.map(|d| d.to_string()),
    }
}

fn presence(id: &str, e: &Entry) -> Presence {
    Presence {
        id: id.to_owned(),
        kind: e.kind,
        title: e.title.clone(),
    }
}

/// The owner as compared: a leading `@` is how it may be written.
fn owner_key(owner: &Option<String>) -> Option<&str> {
    owner.as_deref().map(|o| o.strip_prefix('@').unwrap_or(o))
}

/// `side`'s diagnostics whose fingerprints `other` does not hold as many
/// times, as `check --format json` lists them.
fn unmatched(side: &Analysis, other: &Analysis) -> Vec<Item> {
    let fingerprint = |a: &Analysis, d: &Diagnostic| d.fingerprint(&a.model.files[d.file].rel);
    let mut known: HashMap<String, usize> = HashMap::new();
    for d in &other.diagnostics {
        *known.entry(fingerprint(other, d)).or_insert(0) += 1;
    }
    let mut kept: Vec<Diagnostic> = side.diagnostics.clone();
    kept.retain(|d| match known.get_mut(&fingerprint(side, d)) {
        Some(n) if *n > 0 => {
            *n -= 1;
            false
        }
        _ => true,
    });
    items(&Outcome::new(side, &kept, 0))
}

/// Compares the two sides.
pub fn build(sides: &Sides) -> Diff {
    let before = state::entries(&sides.from.analysis);
    let after = state::entries(&sides.to.analysis);
    let mut diff = Diff {
        version: 1,
        from: state(&sides.from),
        to: state(&sides.to),
        added: Vec::new(),
        removed: Vec::new(),
        status: Vec::new(),
        reparented: Vec::new(),
        goalposts: Vec::new(),
        measurements: Vec::new(),
        owners: Vec::new(),
        edited: Vec::new(),
        diagnostics: Diagnostics {
            introduced: unmatched(&sides.to.analysis, &sides.from.analysis),
            fixed: unmatched(&sides.from.analysis, &sides.to.analysis),
        },
    };
    for (id, e) in &before {
        if !after.contains_key(id) {
            diff.removed.push(presence(id, e));
        }
    }
    for (id, a) in &after {
        match before.get(id) {
            None => diff.added.push(presence(id, a)),
            Some(b) => compare(&mut diff, id, b, a),
        }
    }
    diff
}

/// The changes to one object held by both sides, into their groups
/// (visited in id order, so every group is sorted by id, then field).
fn compare(diff: &mut Diff, id: &str, b: &Entry, a: &Entry) {
    let change = |from: &Option<String>, to: &Option<String>| Change {
        id: id.to_owned(),
        from: from.clone(),
        to: to.clone(),
    };
    if b.status != a.status {
        diff.status.push(change(&b.status, &a.status));
    }
    if let (Some((field, from)), Some((_, to))) = (&b.parent, &a.parent) {
        if from != to {
            diff.reparented.push(FieldChange {
                id: id.to_owned(),
                field,
                from: from.clone(),
                to: to.clone(),
            });
        }
    }
    if let (Some(from), Some(to)) = (&b.goalposts, &a.goalposts) {
        let mut moved: Vec<FieldChange<f64>> = from
            .iter()
            .zip(to)
            .filter(|((_, x), (_, y))| x != y)
            .map(|((field, x), (_, y))| FieldChange {
                id: id.to_owned(),
                field,
                from: *x,
                to: *y,
            })
            .collect();
        moved.sort_by_key(|m| m.field);
        diff.goalposts.extend(moved);
    }
    if b.current != a.current {
        diff.measurements.push(Measurement {
            id: id.to_owned(),
            from: b.current,
            to: a.current,
            progress_from: b.progress.map(|p| p.0),
            progress_to: a.progress.map(|p| p.0),
            implausible: (
                b.progress.is_some_and(|p| p.1),
                a.progress.is_some_and(|p| p.1),
            ),
        });
    }
    if owner_key(&b.owner) != owner_key(&a.owner) {
        diff.owners.push(change(&b.owner, &a.owner));
    }
    if b.text != a.text || b.kind != a.kind {
        diff.edited.push(id.to_owned());
    }
}

/// Diagnostics counted by code, in code order.
pub fn by_code(items: &[Item]) -> Vec<(&'static str, usize)> {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i.code).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

/// A number as the diff writes it (`20`, `0.5`); `—` when absent.
pub fn number(n: Option<f64>) -> String {
    n.map_or_else(|| "—".to_owned(), |n| format!("{n}"))
}

/// A progress as the report shows it ([`crate::metrics::shown`]); `—` when none.
pub fn progress(p: Option<f64>, implausible: bool) -> String {
    p.map_or_else(|| "—".to_owned(), |p| crate::metrics::shown(p, implausible))
}
