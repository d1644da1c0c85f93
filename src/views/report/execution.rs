//! The report's Execution section (SPEC §14): the initiatives under each
//! objective with their activity, the current quarter's capacity by theme,
//! the active leaf objectives no open initiative serves, and the open debt
//! register. Everything is read from the analysis (the model, its graph and
//! the facts); nothing is judged here.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::date::Date;
use crate::facts::activity;
use crate::model::{Kind, Number, Object};
use crate::quarters::Quarter;
use crate::schema::Relation;

/// A KPI an initiative expects to move.
#[derive(Debug, Clone, Serialize)]
pub struct Move {
    /// The KPI's id.
    pub kpi: String,
    /// The change expected, in the KPI's unit (its sign the direction).
    pub expected: f64,
    /// Whether its `current` has changed that way since the initiative
    /// started (false without git's dates).
    pub moved: bool,
}

/// One initiative in the report.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its owner, without `@`.
    pub owner: Option<String>,
    /// `planned`, `active`, `done` or `stopped`.
    pub status: &'static str,
    /// Its theme, when it has one.
    pub theme: Option<String>,
    /// Its capacity (1 when not written).
    pub capacity: f64,
    /// The ids it serves.
    pub serves: Vec<String>,
    /// What it should move.
    pub moves: Vec<Move>,
    /// Its first-signal day (a duration resolved from its start).
    pub first_signal: Option<String>,
    /// Exactly when EXE004's condition holds (suppressed or not).
    pub signal_overdue: bool,
    /// Its linked commits in `execution.window` (0 without git history).
    pub activity: usize,
    /// The UTC day of its newest linked commit, at any time.
    pub last_activity: Option<String>,
}

/// The current quarter's capacity by theme.
#[derive(Debug, Clone, Serialize)]
pub struct Capacity {
    /// The quarter's label (`2026-Q4`).
    pub quarter: String,
    /// Each theme's share of the capacity of the open initiatives in the
    /// quarter, in [0, 1] (`none` for those without a theme).
    pub shares: BTreeMap<String, f64>,
}

/// One open debt item of the register.
#[derive(Debug, Clone, Serialize)]
pub struct DebtRow {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its owner, without `@`.
    pub owner: Option<String>,
    /// What it costs the business.
    pub impact: Option<String>,
    /// Its cost per quarter, when given.
    pub interest: Option<f64>,
    /// When it was registered (SPEC §14), when known.
    pub registered: Option<String>,
    /// The open initiatives that pay it.
    pub paid_by: Vec<String>,
}

/// The Execution section.
#[derive(Debug, Clone, Serialize)]
pub struct Execution {
    /// Every open initiative, and those that became done or stopped in the
    /// window, by id.
    pub initiatives: Vec<InitiativeRow>,
    /// The current quarter's capacity by theme.
    pub capacity: Capacity,
    /// The active leaf objectives no open initiative serves, sorted.
    pub unserved: Vec<String>,
    /// The open debt register: by interest, highest first (none last), then id.
    pub debt: Vec<DebtRow>,
    /// For the layouts: each active objective with open (or counting)
    /// initiatives, and theirs, by id.
    #[serde(skip)]
    pub by_objective: Vec<(String, Vec<String>)>,
}

fn is_open(o: &Object) -> bool {
    o.as_initiative()
        .is_some_and(|d| matches!(d.status(), "planned" | "active"))
}

fn owner(o: &Object) -> Option<String> {
    o.owner
        .as_ref()
        .map(|w| crate::model::owner_id(&w.value).to_owned())
}

fn title(o: &Object) -> String {
    o.title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_default()
}

/// The section, when the project has initiatives or debt items.
pub fn build(a: &Analysis) -> Option<Execution> {
    let objects = &a.model.objects;
    let has_any = objects
        .iter()
        .any(|o| matches!(o.kind, Kind::Initiative | Kind::Debt) && o.id().is_some());
    if !has_any {
        return None;
    }
    let timeline = &a.timeline;
    let window = a.project.config.execution.window;
    let day = |d: Date| d.to_string();

    let mut shown: Vec<usize> = (0..objects.len())
        .filter(|&i| {
            let o = &objects[i];
            o.id().is_some()
                && o.kind == Kind::Initiative
                && (is_open(o) || activity::ended_in_window(o, timeline, window))
        })
        .collect();
    shown.sort_by_key(|&i| objects[i].id().unwrap_or_default().to_owned());
    let initiatives: Vec<InitiativeRow> = shown
        .iter()
        .map(|&i| {
            let o = &objects[i];
            let data = o.as_initiative().cloned().unwrap_or_default();
            let act = a.facts.activity.get(i).and_then(Option::as_ref);
            let signal = a.facts.signal(i);
            let moved =
                |kpi: &str| signal.is_some_and(|s| s.moved.iter().any(|(k, m)| k == kpi && *m));
            InitiativeRow {
                id: o.id().unwrap_or_default().to_owned(),
                title: title(o),
                owner: owner(o),
                status: data.status(),
                theme: data.theme.as_ref().map(|t| t.value.clone()),
                capacity: data.capacity(),
                serves: o.serves().map(|s| s.value.clone()).collect(),
                moves: data
                    .moves
                    .iter()
                    .filter_map(|(kpi, n)| match n {
                        Number::Value(v) => Some(Move {
                            kpi: kpi.clone(),
                            expected: v.value,
                            moved: moved(kpi),
                        }),
                        _ => None,
                    })
                    .collect(),
                first_signal: activity::first_signal(o, timeline).map(day),
                signal_overdue: signal.is_some_and(|s| s.overdue),
                activity: act.map_or(0, |x| x.in_window),
                last_activity: act.and_then(|x| x.last).map(day),
            }
        })
        .collect();

    // The current quarter's capacity by theme.
    let quarter = Quarter::containing(
        Date::from_unix(timeline.now),
        a.project.config.quarter_start,
    );
    let mut by_theme: BTreeMap<String, f64> = BTreeMap::new();
    for o in objects.iter().filter(|o| is_open(o) && o.id().is_some()) {
        let Some(data) = o.as_initiative() else {
            continue;
        };
        let (started, due) = (
            data.started.as_ref().map(|d| d.value),
            data.due.as_ref().map(|d| d.value),
        );
        if quarter.holds(started, due) {
            let theme = data.theme.as_ref().map_or("none", |t| t.value.as_str());
            *by_theme.entry(theme.to_owned()).or_default() += data.capacity();
        }
    }
    let total: f64 = by_theme.values().sum();
    let shares = by_theme
        .into_iter()
        .map(|(theme, c)| (theme, if total > 0.0 { c / total } else { 0.0 }))
        .collect();

    // Active leaf objectives no open initiative serves; and, for the
    // layouts, each active objective's open initiatives.
    let serving = |i: usize| -> Vec<String> {
        let mut ids: Vec<String> = a
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Serves && shown.contains(&e.from))
            .filter_map(|e| objects[e.from].id().map(str::to_owned))
            .collect();
        ids.sort();
        ids
    };
    let mut unserved = Vec::new();
    let mut by_objective = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        let Some(id) = o.id() else { continue };
        if o.kind != Kind::Objective || !o.is_active() {
            continue;
        }
        let leaf = !a.graph.children(i).any(|c| objects[c].is_active());
        let open_serving: Vec<String> = a
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Serves && is_open(&objects[e.from]))
            .filter_map(|e| objects[e.from].id().map(str::to_owned))
            .collect();
        if leaf && open_serving.is_empty() {
            unserved.push(id.to_owned());
        }
        let listed = serving(i);
        if !listed.is_empty() {
            by_objective.push((id.to_owned(), listed));
        }
    }
    unserved.sort();
    by_objective.sort();

    // The open debt register.
    let mut debt: Vec<(Option<f64>, DebtRow)> = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        let (Some(id), Some(data)) = (o.id(), o.as_debt()) else {
            continue;
        };
        if data.status() != "open" {
            continue;
        }
        let mut paid_by: Vec<String> = a
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Pays && is_open(&objects[e.from]))
            .filter_map(|e| objects[e.from].id().map(str::to_owned))
            .collect();
        paid_by.sort();
        let interest = data.interest.as_ref().map(|x| x.value);
        debt.push((
            interest,
            DebtRow {
                id: id.to_owned(),
                title: title(o),
                owner: owner(o),
                impact: data.impact.as_ref().map(|x| x.value.clone()),
                interest,
                registered: a.facts.registered.get(i).copied().flatten().map(day),
                paid_by,
            },
        ));
    }
    debt.sort_by(|(x, a), (y, b)| match (x, y) {
        (Some(x), Some(y)) => y.total_cmp(x).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
    });

    Some(Execution {
        initiatives,
        capacity: Capacity {
            quarter: quarter.to_string(),
            shares,
        },
        unserved,
        debt: debt.into_iter().map(|(_, d)| d).collect(),
        by_objective,
    })
}

/// The columns of the initiatives table, in both layouts.
pub const INITIATIVE_COLUMNS: [&str; 9] = [
    "Objective",
    "Initiative",
    "Status",
    "Theme",
    "Capacity",
    "Activity",
    "Last commit",
    "Moves",
    "First signal",
];

/// The columns of the debt register, in both layouts.
pub const DEBT_COLUMNS: [&str; 6] = [
    "Debt",
    "Owner",
    "Impact",
    "Interest",
    "Registered",
    "Paid by",
];

/// The columns that hold numbers (right-aligned in Markdown).
pub const NUMBER_COLUMNS: [&str; 3] = ["Capacity", "Activity", "Interest"];

/// A missing value, as every layout writes it.
const NONE: &str = "—";

/// Texts joined with commas, or the dash when there are none.
fn listed(items: Vec<String>) -> String {
    if items.is_empty() {
        NONE.to_owned()
    } else {
        items.join(", ")
    }
}

impl Execution {
    /// The initiatives table's rows (cells in [`INITIATIVE_COLUMNS`]' order),
    /// each objective's initiatives by id, with every text escaped by
    /// `escape` for the layout.
    pub fn initiative_rows(&self, escape: fn(&str) -> String) -> Vec<[String; 9]> {
        let by_id: BTreeMap<&str, &InitiativeRow> = self
            .initiatives
            .iter()
            .map(|i| (i.id.as_str(), i))
            .collect();
        let mut rows = Vec::new();
        for (objective, ids) in &self.by_objective {
            for i in ids.iter().filter_map(|id| by_id.get(id.as_str())) {
                let moves = i
                    .moves
                    .iter()
                    .map(|m| {
                        let moved = if m.moved { " (moved)" } else { "" };
                        format!("{} {:+}{moved}", escape(&m.kpi), m.expected)
                    })
                    .collect();
                rows.push([
                    escape(objective),
                    format!("{}: {}", escape(&i.id), escape(&i.title)),
                    i.status.to_owned(),
                    i.theme.as_deref().map_or(NONE.to_owned(), escape),
                    i.capacity.to_string(),
                    i.activity.to_string(),
                    i.last_activity.as_deref().unwrap_or(NONE).to_owned(),
                    listed(moves),
                    match (i.first_signal.as_deref(), i.signal_overdue) {
                        (Some(d), true) => format!("{d} (overdue)"),
                        (Some(d), false) => d.to_owned(),
                        (None, _) => NONE.to_owned(),
                    },
                ]);
            }
        }
        rows
    }

    /// The debt register's rows (cells in [`DEBT_COLUMNS`]' order), texts
    /// escaped by `escape`.
    pub fn debt_rows(&self, escape: fn(&str) -> String) -> Vec<[String; 6]> {
        self.debt
            .iter()
            .map(|d| {
                [
                    format!("{}: {}", escape(&d.id), escape(&d.title)),
                    d.owner.as_deref().map_or(NONE.to_owned(), escape),
                    d.impact.as_deref().map_or(NONE.to_owned(), escape),
                    d.interest.map_or(NONE.to_owned(), |x| x.to_string()),
                    d.registered.as_deref().unwrap_or(NONE).to_owned(),
                    listed(d.paid_by.iter().map(|p| escape(p)).collect()),
                ]
            })
            .collect()
    }

    /// "Capacity in 2026-Q4: product 75%, tech-health 25%" (no final period),
    /// themes escaped by `escape`.
    pub fn capacity_words(&self, escape: fn(&str) -> String) -> String {
        let shares: Vec<String> = self
            .capacity
            .shares
            .iter()
            .map(|(theme, share)| format!("{} {}", escape(theme), super::percent(Some(*share))))
            .collect();
        let shares = if shares.is_empty() {
            "no open initiative is scheduled in it".to_owned()
        } else {
            shares.join(", ")
        };
        format!("Capacity in {}: {shares}", self.capacity.quarter)
    }
}
