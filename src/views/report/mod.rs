//! `stratlint report` (SPEC §12): a one-page strategy health report from
//! the same analysis `check` runs: what it judges (now, HEAD's commit), a
//! headline, the objective tree with rolled-up progress and its KPIs,
//! principles and theses by freshness, tenet usage, decisions by status,
//! and the diagnostics. [`build`] gathers
//! the data once ([`Report`], which is also the JSON); `markdown` and `html`
//! only lay it out.

pub mod alignment;
pub mod execution;
pub mod html;
pub mod markdown;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::Fatal;
use crate::analysis::Analysis;
use crate::date::Date;
use crate::facts::kpi_history;
use crate::metrics;
use crate::model::{Number, Object};
use crate::parse::tenet::{Grammar, Group, Stance};
use crate::quarters::Quarter;
use crate::schema::{Code, KINDS, Kind, Relation};
use crate::views::check::{Counts, Outcome, json};
use crate::views::map;

/// The output formats of `report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown that GitHub renders, with the map as a Mermaid block.
    Markdown,
    /// One self-contained HTML page: inline CSS and SVG, no scripts.
    Html,
    /// The data, for dashboards.
    Json,
}

/// What the report judges (item 0): now, and the state of the repository.
#[derive(Debug, Clone, Serialize)]
pub struct AsOf {
    /// The day judged against (`--now`, else today), `YYYY-MM-DD`.
    pub now: String,
    /// HEAD's full commit id; null outside git and before the first commit.
    pub commit: Option<String>,
    /// That commit's committer date, its UTC day.
    pub date: Option<String>,
    /// Whether the project's files in the working tree differ from HEAD.
    pub uncommitted: bool,
    /// Whether git was read at all (not with `--no-history`).
    #[serde(skip)]
    pub git_read: bool,
}

impl AsOf {
    /// In words, for Markdown and HTML (each put through `escape`): `now
    /// 2026-11-25, at commit abc1234 of 2026-11-20 and uncommitted changes`.
    pub fn words(&self) -> String {
        let state = match (&self.commit, &self.date) {
            (Some(c), Some(d)) => {
                let short = &c[..7.min(c.len())];
                let mut s = format!("commit {short} of {d}");
                if self.uncommitted {
                    s.push_str(" and uncommitted changes");
                }
                s
            }
            _ if self.uncommitted => "uncommitted files (no commit yet)".to_owned(),
            _ if self.git_read => "files outside git".to_owned(),
            _ => "the files as they are (git not read)".to_owned(),
        };
        format!("Judged on {}, at {state}.", self.now)
    }
}

/// The headline.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Objects by kind (active and retired).
    pub objects: BTreeMap<&'static str, usize>,
    /// Errors `check` reports.
    pub errors: usize,
    /// Warnings `check` reports.
    pub warnings: usize,
    /// The mean progress of the active top-level objectives that have one.
    pub progress: Option<f64>,
}

/// A guardrail's range: its `min` and `max`, either may be absent.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Range {
    /// `min`.
    pub min: Option<f64>,
    /// `max`.
    pub max: Option<f64>,
}

impl Range {
    /// A guardrail KPI's range; `None` for any other KPI.
    pub fn of(k: &crate::model::KpiData) -> Option<Range> {
        k.is_guardrail().then(|| Range {
            min: num(&k.min),
            max: num(&k.max),
        })
    }

    /// The range in words: `40 to 100`, `≥ 40` or `≤ 100`.
    pub fn words(&self) -> String {
        match (self.min, self.max) {
            (Some(_), Some(_)) => format!("{} to {}", number(self.min), number(self.max)),
            (Some(_), None) => format!("≥ {}", number(self.min)),
            _ => format!("≤ {}", number(self.max)),
        }
    }
}

/// A KPI in the objective tree.
#[derive(Debug, Clone, Serialize)]
pub struct KpiRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner, without `@`.
    pub owner: Option<String>,
    /// Baseline.
    pub baseline: Option<f64>,
    /// Current value.
    pub current: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// A guardrail's range (SPEC §15), in place of its baseline and target
    /// (which are then null); absent for any other KPI.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    /// Unit.
    pub unit: Option<String>,
    /// Raw progress.
    pub progress: Option<f64>,
    /// When `current` was last measured (its `measured` date).
    pub last_measured: Option<String>,
    /// Its `due`.
    pub due: Option<String>,
    /// `invalid` (KPI001 or KPI003: its numbers cannot be judged), `missed`
    /// (KPI007), `regressed` (KPI006), `behind pace` (KPI008), `stale` (KPI005), `no value` or `on track`;
    /// a guardrail's `breached` (KPI009), `within` or `no value`.
    pub health: &'static str,
    /// The goalpost KPI004 reports moved, or null.
    pub moved: Option<MovedGoalpost>,
    /// Whether its progress is implausible (KPI010): shown clamped and
    /// marked; `progress` keeps the raw value.
    pub implausible: bool,
    /// Its `current` at the end of each of the three quarters before now's,
    /// and now (SPEC §12), oldest first.
    pub history: Vec<QuarterValue>,
}

/// A KPI's value at the end of one quarter (now, for now's).
#[derive(Debug, Clone, Serialize)]
pub struct QuarterValue {
    /// The quarter, as `2026-Q3`.
    pub quarter: String,
    /// Its `current` then: null where the KPI or its value did not exist yet.
    pub current: Option<f64>,
}

impl KpiRow {
    /// Its history in words: each quarter and its value, `—` for none.
    pub fn history_words(&self) -> String {
        let unit = self
            .unit
            .as_deref()
            .map(|u| format!(" {u}"))
            .unwrap_or_default();
        self.history
            .iter()
            .map(|q| match q.current {
                Some(_) => format!("{} {}{unit}", q.quarter, number(q.current)),
                None => format!("{} —", q.quarter),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A moved goalpost (KPI004): which field, from what to what, and when.
#[derive(Debug, Clone, Serialize)]
pub struct MovedGoalpost {
    /// `baseline` or `target`, or a guardrail's `min` or `max`.
    pub field: &'static str,
    /// The value before.
    pub from: f64,
    /// The value after.
    pub to: f64,
    /// The UTC day of the commit that moved it (now's, for an uncommitted change).
    pub date: String,
}

/// An objective and what hangs below it.
#[derive(Debug, Clone, Serialize)]
pub struct Tree {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner, without `@`.
    pub owner: Option<String>,
    /// Its `due`.
    pub due: Option<String>,
    /// Rolled-up progress in [0, 1].
    pub progress: Option<f64>,
    /// The KPIs that measure it.
    pub kpis: Vec<KpiRow>,
    /// Its child objectives.
    pub children: Vec<Tree>,
}

/// What last revalidated a principle or thesis.
#[derive(Debug, Clone, Serialize)]
pub struct Revalidated {
    /// The day.
    pub date: String,
    /// The commit's short id, when a commit did.
    pub commit: Option<String>,
    /// The commit's subject, when a commit did.
    pub subject: Option<String>,
}

/// A principle or thesis, by freshness.
#[derive(Debug, Clone, Serialize)]
pub struct Freshness {
    /// Id.
    pub id: String,
    /// `principle` or `thesis`.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// 0.5^(age / half-life), when the age is known.
    pub freshness: Option<f64>,
    /// Age in days.
    pub age_days: Option<i64>,
    /// Half-life in days.
    pub half_life_days: i64,
    /// What last revalidated it.
    pub last_revalidated: Option<Revalidated>,
    /// Inflections dated after its last revalidation (on or before now).
    pub inflections_since: Vec<String>,
    /// What it serves that changed after its last revalidation.
    pub served_changes_since: Vec<String>,
}

impl Freshness {
    /// What happened since its last revalidation, in words, each id put
    /// through `escape` for the format it lands in.
    pub fn since(&self, escape: fn(&str) -> String) -> String {
        let mut since: Vec<String> = self
            .inflections_since
            .iter()
            .map(|i| format!("inflection {}", escape(i)))
            .collect();
        since.extend(
            self.served_changes_since
                .iter()
                .map(|s| format!("{} changed", escape(s))),
        );
        if since.is_empty() {
            "—".to_owned()
        } else {
            since.join(", ")
        }
    }
}

/// A tenet with an id and its use.
#[derive(Debug, Clone, Serialize)]
pub struct TenetUse {
    /// Id.
    pub id: String,
    /// The decisions in force that cite it (`tenets`).
    pub cited_by: Vec<String>,
    /// The decisions in force that go against it (`against`, SPEC §15).
    pub against_by: Vec<String>,
    /// The latest date one of them (for or against) was decided.
    pub last_cited: Option<String>,
    /// The audit: decisions in force for and against it, dated in the
    /// current quarter and each of the three before, oldest first.
    pub by_quarter: Vec<QuarterUse>,
    /// The tenets it contradicts (TEN007).
    pub contradicts: Vec<String>,
}

impl TenetUse {
    /// The audit as one cell: `2026-Q1 1/0 · 2026-Q2 0/2 · …` (for /
    /// against, oldest first).
    pub fn audit_words(&self) -> String {
        self.by_quarter
            .iter()
            .map(|q| format!("{} {}/{}", q.quarter, q.followed, q.against))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// How often a tenet was used in one quarter (SPEC §15's tenet audit).
#[derive(Debug, Clone, Serialize)]
pub struct QuarterUse {
    /// The quarter, `2026-Q3`.
    pub quarter: String,
    /// Decisions in force dated in it that cite the tenet.
    #[serde(rename = "for")]
    pub followed: usize,
    /// Decisions in force dated in it that go against the tenet.
    pub against: usize,
}

/// A decision record.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: Option<&'static str>,
    /// Date.
    pub date: Option<String>,
    /// The decisions it replaces.
    pub supersedes: Vec<String>,
    /// The decisions that replace it.
    pub superseded_by: Vec<String>,
}

/// The diagnostics: counts by code, and the items as `check --format json` has them.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostics {
    /// Count by code.
    pub counts: BTreeMap<String, usize>,
    /// Every diagnostic.
    pub items: Vec<json::Item>,
}

/// Everything the report shows; serialized, it is `--format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always 1.
    pub version: u32,
    /// What it judges: now, and the state of the repository.
    pub as_of: AsOf,
    /// The headline.
    pub summary: Summary,
    /// The objective tree, top-level objectives first by id.
    pub objectives: Vec<Tree>,
    /// Initiatives, capacity, unserved objectives and the debt register
    /// (SPEC §14), when the project has initiatives or debt items; their
    /// JSON keys (`initiatives`, `capacity`, `unserved`, `debt`) sit at the
    /// top level.
    #[serde(flatten)]
    pub execution: Option<execution::Execution>,
    /// Principles and theses, stalest first.
    pub freshness: Vec<Freshness>,
    /// Values in layers, and the misaligned ones (SPEC §15); their JSON
    /// keys (`values`, `misaligned`) sit at the top level.
    #[serde(flatten)]
    pub alignment: alignment::Alignment,
    /// Tenets with ids.
    pub tenets: Vec<TenetUse>,
    /// Decisions, by status then id.
    pub decisions: Vec<DecisionRow>,
    /// The diagnostics.
    pub diagnostics: Diagnostics,
    /// The map, for the Markdown layout (built only for it).
    #[serde(skip)]
    pub map: Option<map::Map>,
}

fn owner_of(o: &Object) -> Option<String> {
    o.owner
        .as_ref()
        .map(|w| crate::model::owner_id(&w.value).to_owned())
}

fn title_of(o: &Object) -> String {
    o.title
        .as_ref()
        .map(|t| t.value.clone())
        .unwrap_or_default()
}

fn num(n: &Number) -> Option<f64> {
    match n {
        Number::Value(v) => Some(v.value),
        _ => None,
    }
}

/// Codes reported on each object.
fn codes_on(a: &Analysis) -> Vec<Vec<Code>> {
    let mut on = vec![Vec::new(); a.model.objects.len()];
    for d in &a.diagnostics {
        if let Some(i) = d.object_index {
            on[i].push(d.code);
        }
    }
    on
}

fn kpi_row(a: &Analysis, i: usize, on: &[Vec<Code>]) -> KpiRow {
    let o = &a.model.objects[i];
    let k = o.as_kpi().cloned().unwrap_or_default();
    let has = |code: Code| on[i].contains(&code);
    let health = if k.is_guardrail() {
        // A range to stay inside (SPEC §15), not a target to reach.
        if has(Code::KPI009) {
            "breached"
        } else if num(&k.current).is_none() {
            "no value"
        } else {
            "within"
        }
    } else if has(Code::KPI001) || has(Code::KPI003) {
        "invalid"
    } else if has(Code::KPI007) {
        "missed"
    } else if has(Code::KPI006) {
        "regressed"
    } else if has(Code::KPI008) {
        "behind pace"
    } else if has(Code::KPI005) {
        "stale"
    } else if num(&k.current).is_none() {
        "no value"
    } else {
        "on track"
    };
    // The goalpost KPI004 reports, where it fires.
    let moved = o
        .id()
        .filter(|_| has(Code::KPI004))
        .and_then(|_| a.facts.moved(i))
        .map(|m| MovedGoalpost {
            field: m.field,
            from: m.from,
            to: m.to,
            date: Date::from_unix(m.change.time).to_string(),
        });
    KpiRow {
        id: o.id().unwrap_or_default().to_owned(),
        title: title_of(o),
        owner: owner_of(o),
        baseline: num(&k.baseline).filter(|_| !k.is_guardrail()),
        current: num(&k.current),
        target: num(&k.target).filter(|_| !k.is_guardrail()),
        range: Range::of(&k),
        unit: k.unit.as_ref().map(|u| u.value.clone()),
        progress: metrics::kpi_progress(&k),
        // SPEC §5b: the later of `measured` and the newest commit that
        // changed `current`, as KPI005 reads it.
        last_measured: a
            .facts
            .measured(i)
            .map(|m| Date::from_unix(m.time).to_string()),
        due: k.due.as_ref().map(|d| d.value.to_string()),
        health,
        moved,
        implausible: metrics::implausible(&k),
        history: kpi_history::by_quarter(
            o.id().unwrap_or_default(),
            &k,
            &a.timeline,
            a.project.config.quarter_start,
        )
        .into_iter()
        .map(|q| QuarterValue {
            quarter: q.quarter.to_string(),
            current: q.current,
        })
        .collect(),
    }
}

/// The objective tree below `root`, iteratively (a chain of any depth).
fn tree(a: &Analysis, root: usize, on: &[Vec<Code>]) -> Tree {
    let objects = &a.model.objects;
    let node = |i: usize| {
        let o = &objects[i];
        let mut kpis: Vec<KpiRow> = a
            .graph
            .incoming(i)
            .filter(|e| e.relation == Relation::Measures && objects[e.from].is_active())
            .map(|e| kpi_row(a, e.from, on))
            .collect();
        kpis.sort_by(|x, y| x.id.cmp(&y.id));
        Tree {
            id: o.id().unwrap_or_default().to_owned(),
            title: title_of(o),
            owner: owner_of(o),
            due: o
                .as_objective()
                .and_then(|d| d.due.as_ref())
                .map(|d| d.value.to_string()),
            progress: a.metrics.progress.get(i).copied().flatten(),
            kpis,
            children: Vec::new(),
        }
    };
    let children = |i: usize| -> Vec<usize> {
        let mut c: Vec<usize> = a
            .graph
            .children(i)
            .filter(|&c| objects[c].is_active())
            .collect();
        c.sort_by_key(|&c| objects[c].id().unwrap_or_default().to_owned());
        c
    };
    // Post-order with an explicit stack; a cycle is cut where it closes.
    let mut built: BTreeMap<usize, Tree> = BTreeMap::new();
    let mut seen = vec![false; objects.len()];
    let mut stack = vec![(root, false)];
    seen[root] = true;
    while let Some((i, expanded)) = stack.pop() {
        if expanded {
            let mut t = node(i);
            for c in children(i) {
                if let Some(ct) = built.remove(&c) {
                    t.children.push(ct);
                }
            }
            built.insert(i, t);
        } else {
            stack.push((i, true));
            for c in children(i).into_iter().rev() {
                if !seen[c] {
                    seen[c] = true;
                    stack.push((c, false));
                }
            }
        }
    }
    built.remove(&root).unwrap_or_else(|| node(root))
}

/// Builds the report of an analysis, for `format` (only Markdown embeds the map).
pub fn build(a: &Analysis, format: ReportFormat) -> Result<Report, Fatal> {
    let objects = &a.model.objects;
    let on = codes_on(a);
    let now = a.timeline.now;

    let mut by_kind: BTreeMap<&'static str, usize> = KINDS.iter().map(|k| (k.name, 0)).collect();
    for o in objects.iter().filter(|o| o.id().is_some()) {
        *by_kind.entry(o.kind.name()).or_default() += 1;
    }

    // Top-level objectives: active ones with no resolvable parent.
    let mut tops: Vec<usize> = (0..objects.len())
        .filter(|&i| {
            let o = &objects[i];
            o.kind == Kind::Objective
                && o.is_active()
                && o.id().is_some()
                && a.graph.parent(i).is_none()
        })
        .collect();
    tops.sort_by_key(|&i| objects[i].id().unwrap_or_default().to_owned());
    let trees: Vec<Tree> = tops.iter().map(|&i| tree(a, i, &on)).collect();
    let top_progress: Vec<f64> = trees.iter().filter_map(|t| t.progress).collect();

    // Principles and theses by freshness, stalest first.
    let mut inflections: Vec<(Date, String)> = objects
        .iter()
        .filter(|o| o.kind == Kind::Inflection && o.is_active())
        .filter_map(|o| match &o.payload {
            crate::model::Payload::Inflection(d) => {
                Some((d.date.as_ref()?.value, o.id()?.to_owned()))
            }
            _ => None,
        })
        .filter(|(d, _)| d.unix() <= now)
        .collect();
    inflections.sort();
    let mut fresh: Vec<Freshness> = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        if !o.is_active() || o.id().is_none() {
            continue;
        }
        let Some(aging) = a.facts.aging(i) else {
            continue;
        };
        let (time, change) = (aging.revalidation.time(), aging.revalidation.change());
        let last = time.map(|t| match change.and_then(|c| c.commit.as_ref()) {
            Some(c) => Revalidated {
                date: c.date.to_string(),
                commit: Some(c.short.clone()),
                subject: Some(c.subject.clone()),
            },
            None => Revalidated {
                date: Date::from_unix(t).to_string(),
                commit: None,
                subject: None,
            },
        });
        let mut served_changes_since: Vec<String> =
            aging.served_changes.iter().map(|c| c.id.clone()).collect();
        served_changes_since.sort();
        fresh.push(Freshness {
            id: o.id().unwrap_or_default().to_owned(),
            kind: o.kind.name(),
            title: title_of(o),
            freshness: aging.freshness(),
            age_days: aging.age.map(|a| a.days),
            half_life_days: aging.half_life,
            last_revalidated: last,
            inflections_since: inflections
                .iter()
                .filter(|(d, _)| time.is_some_and(|t| t < d.unix()))
                .map(|(_, id)| id.clone())
                .collect(),
            served_changes_since,
        });
    }
    fresh.sort_by(|x, y| {
        let f = |r: &Freshness| r.freshness.unwrap_or(-1.0);
        f(x).total_cmp(&f(y)).then(x.id.cmp(&y.id))
    });

    // Tenets with ids: who cites them, and contradictions.
    // Contradictions as TEN007 reads them (SPEC §4): the same situation,
    // opposite sides of the same two options; grouped, not compared in pairs.
    let grammar = Grammar::of(&a.project.config.tenet_verbs);
    let mut stances: HashMap<usize, (Group, usize)> = HashMap::new();
    let mut groups: HashMap<Group, [Vec<usize>; 2]> = HashMap::new();
    for t in &a.model.tenets {
        let Some(i) = t
            .object
            .filter(|&i| objects[i].kind == Kind::Tenet && objects[i].is_active())
        else {
            continue;
        };
        if let Some(stance) = Stance::of(&grammar.parse(&t.text)) {
            let (group, side) = (stance.group(), stance.side());
            groups.entry(group.clone()).or_default()[side].push(i);
            stances.insert(i, (group, side));
        }
    }
    // The quarters of the audit: the one that holds now and the three
    // before it, oldest first.
    let mut audit = vec![Quarter::containing(
        Date::from_unix(a.timeline.now),
        a.project.config.quarter_start,
    )];
    while audit.len() < 4 {
        let before = Date(audit[0].first.0 - 1);
        audit.insert(
            0,
            Quarter::containing(before, a.project.config.quarter_start),
        );
    }
    let mut tenets: Vec<TenetUse> = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        if o.kind != Kind::Tenet || !o.is_active() || o.id().is_none() {
            continue;
        }
        // Each decision in force that names it, for or against, with its date.
        let mut citers: Vec<(Option<Date>, String, bool)> = a
            .graph
            .incoming(i)
            .filter(|e| {
                matches!(e.relation, Relation::Cites | Relation::Against)
                    && objects[e.from].in_force()
            })
            .map(|e| {
                let d = &objects[e.from];
                (
                    d.as_decision()
                        .and_then(|x| x.date.as_ref())
                        .map(|x| x.value),
                    d.id().unwrap_or_default().to_owned(),
                    e.relation == Relation::Cites,
                )
            })
            .collect();
        citers.sort();
        let mut contradicts: Vec<String> = stances
            .get(&i)
            .map(|(group, side)| groups[group][1 - side].as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&k| objects[k].id().map(str::to_owned))
            .collect();
        contradicts.sort();
        contradicts.dedup();
        let ids = |followed: bool| {
            let mut ids: Vec<String> = citers
                .iter()
                .filter(|c| c.2 == followed)
                .map(|c| c.1.clone())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let by_quarter = audit
            .iter()
            .map(|q| {
                let within = |followed: bool| {
                    citers
                        .iter()
                        .filter(|(d, _, f)| {
                            *f == followed && d.is_some_and(|d| q.first <= d && d <= q.last)
                        })
                        .count()
                };
                QuarterUse {
                    quarter: q.to_string(),
                    followed: within(true),
                    against: within(false),
                }
            })
            .collect();
        tenets.push(TenetUse {
            id: o.id().unwrap_or_default().to_owned(),
            last_cited: citers
                .iter()
                .filter_map(|(d, _, _)| *d)
                .max()
                .map(|d| d.to_string()),
            cited_by: ids(true),
            against_by: ids(false),
            by_quarter,
            contradicts,
        });
    }
    // The most used first, the least used last (by the decisions in force
    // naming them, for or against), then by id.
    let used = |t: &TenetUse| t.cited_by.len() + t.against_by.len();
    tenets.sort_by(|x, y| used(y).cmp(&used(x)).then_with(|| x.id.cmp(&y.id)));

    // Decisions by status, then id.
    let order = |s: Option<&str>| match s {
        Some("accepted") => 0,
        Some("proposed") => 1,
        Some("superseded") => 2,
        Some("deprecated") => 3,
        Some("rejected") => 4,
        _ => 5,
    };
    let mut decisions: Vec<DecisionRow> = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        let Some(d) = o.as_decision() else { continue };
        let Some(id) = o.id() else { continue };
        let edge_ids = |incoming: bool| {
            let mut ids: Vec<String> = if incoming {
                a.graph
                    .incoming(i)
                    .filter(|e| e.relation == Relation::Supersedes)
                    .filter_map(|e| objects[e.from].id().map(str::to_owned))
                    .collect()
            } else {
                a.graph
                    .outgoing(i)
                    .filter(|e| e.relation == Relation::Supersedes)
                    .filter_map(|e| objects[e.to].id().map(str::to_owned))
                    .collect()
            };
            ids.sort();
            ids.dedup();
            ids
        };
        decisions.push(DecisionRow {
            id: id.to_owned(),
            title: title_of(o),
            status: d.status.as_ref().map(|s| s.value.name()),
            date: d.date.as_ref().map(|x| x.value.to_string()),
            supersedes: edge_ids(false),
            superseded_by: edge_ids(true),
        });
    }
    decisions.sort_by(|x, y| (order(x.status), &x.id).cmp(&(order(y.status), &y.id)));

    // Diagnostics: counts, and the items as check's JSON has them.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for d in &a.diagnostics {
        *counts.entry(d.code.to_string()).or_default() += 1;
    }
    let items = json::items(&Outcome::new(a, &a.diagnostics, 0));
    let Counts {
        errors, warnings, ..
    } = Counts::of(&a.diagnostics);

    let head = a.head.clone().unwrap_or_default();
    let as_of = AsOf {
        git_read: a.head.is_some(),
        now: Date::from_unix(now).to_string(),
        date: head
            .commit
            .as_ref()
            .map(|c| Date::from_unix(c.time).to_string()),
        commit: head.commit.map(|c| c.id),
        uncommitted: head.uncommitted,
    };

    Ok(Report {
        version: 1,
        as_of,
        summary: Summary {
            objects: by_kind,
            errors,
            warnings,
            progress: (!top_progress.is_empty())
                .then(|| top_progress.iter().sum::<f64>() / top_progress.len() as f64),
        },
        objectives: trees,
        execution: execution::build(a),
        freshness: fresh,
        alignment: alignment::build(a),
        tenets,
        decisions,
        diagnostics: Diagnostics { counts, items },
        map: match format {
            ReportFormat::Markdown => Some(map::build(a, &[])?),
            _ => None,
        },
    })
}

impl Report {
    /// The JSON document, with a trailing newline.
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report in a format.
    pub fn render(&self, format: ReportFormat) -> String {
        match format {
            ReportFormat::Markdown => markdown::render(self),
            ReportFormat::Html => html::render(self),
            ReportFormat::Json => self.json(),
        }
    }
}

/// Ids as a comma-separated list (each put through `escape`), `—` for none.
pub fn ids(v: &[String], escape: fn(&str) -> String) -> String {
    if v.is_empty() {
        "—".to_owned()
    } else {
        v.iter().map(|s| escape(s)).collect::<Vec<_>>().join(", ")
    }
}

/// `1 thesis`, `2 theses`, `3 kpis`: a count of a kind.
pub fn count_of(n: usize, kind: &str) -> String {
    match (n, kind) {
        (1, k) => format!("1 {k}"),
        (n, "thesis") => format!("{n} theses"),
        (n, "kpi") => format!("{n} KPIs"),
        (n, k) => format!("{n} {k}s"),
    }
}

/// `42%` for a progress ([`metrics::percent`]), `—` for none.
pub fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), metrics::percent)
}

/// `80.9%` for a freshness, as HL001's message and the editor's hover
/// write it ([`crate::facts::freshness::percent`]), `—` for none.
pub fn freshness_percent(f: Option<f64>) -> String {
    f.map_or_else(|| "—".to_owned(), crate::facts::freshness::percent)
}

/// A KPI's progress as Markdown and HTML show it ([`metrics::shown`]:
/// clamped and marked when implausible), `—` for none.
pub fn kpi_percent(k: &KpiRow) -> String {
    k.progress
        .map_or_else(|| "—".to_owned(), |p| metrics::shown(p, k.implausible))
}

/// A moved goalpost in words: `target 90 → 95 on 2026-06-01`.
pub fn moved_words(m: &MovedGoalpost) -> String {
    format!(
        "{} moved {} → {} on {}",
        m.field,
        number(Some(m.from)),
        number(Some(m.to)),
        m.date
    )
}

/// A number as written in a table: no trailing `.0`.
pub fn number(n: Option<f64>) -> String {
    match n {
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
        Some(x) => format!("{x}"),
        None => "—".to_owned(),
    }
}
