//! `stratlint map` (SPEC §12): the strategy as a graph, from the same
//! analysis `check` runs, in Mermaid (which GitHub renders), Graphviz DOT
//! or JSON. Every active object is a node (decisions only when in force;
//! initiatives and debt items when open, with their status, theme,
//! capacity and activity, or status and interest; values with their
//! layer, `interprets` drawn from a value to the value it interprets);
//! edges are the graph's typed edges whose both ends are nodes. Text taken
//! from strategy files is escaped for the format it lands in.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::Fatal;
use crate::analysis::Analysis;
use crate::diagnostic::Severity;
use crate::model::{Number, Object};
use crate::schema::{Kind, Relation};

/// The output formats of `map --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MapFormat {
    /// A Mermaid `flowchart TB`, as GitHub renders it in Markdown.
    Mermaid,
    /// A Graphviz `digraph`.
    Dot,
    /// One JSON document: nodes and edges.
    Json,
}

/// One node of the map.
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// The object's id.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its title (a tenet's text).
    pub title: String,
    /// Its owner, without `@`.
    pub owner: Option<String>,
    /// The file, as shown.
    pub file: String,
    /// The line of its `id` (a list-item tenet's item).
    pub line: usize,
    /// A KPI's raw progress; an objective's, in [0, 1].
    pub progress: Option<f64>,
    /// A principle's or thesis's freshness, in [0, 1].
    pub freshness: Option<f64>,
    /// Errors `check` reports on it.
    pub errors: usize,
    /// Warnings `check` reports on it.
    pub warnings: usize,
    /// A KPI's baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// A KPI's current value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// A KPI's target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// A guardrail's range, in place of its baseline and target (SPEC §15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<crate::views::report::Range>,
    /// A KPI's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A KPI's: whether its progress is implausible (KPI010); the
    /// progress stays raw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implausible: Option<bool>,
    /// An initiative's or debt item's status word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// An initiative's theme (`null` when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Option<String>>,
    /// An initiative's capacity (1 when not written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<f64>,
    /// An initiative's activity: its linked commits in `execution.window`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub activity: Option<usize>,
    /// A debt item's interest (`null` when not written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interest: Option<Option<f64>>,
    /// A value's alignment layer (`null` when not one of `alignment.layers`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<Option<String>>,
    /// Whether a measurement went stale (KPI005) or freshness is below 0.5.
    #[serde(skip)]
    pub stale: bool,
    #[serde(skip)]
    index: usize,
}

/// One edge of the map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Edge {
    /// The referring object's id.
    pub from: String,
    /// The referred object's id.
    pub to: String,
    /// What the edge means.
    pub relation: &'static str,
}

/// The map: nodes sorted by id, edges by (from, to, relation).
#[derive(Debug, Clone, Serialize)]
pub struct Map {
    /// Always 1.
    pub version: u32,
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The edges.
    pub edges: Vec<Edge>,
}

/// Whether an object is drawn: active, and a decision only when in force.
fn drawn(o: &Object) -> bool {
    o.id().is_some() && o.is_active() && (o.kind != Kind::Decision || o.in_force())
}

fn number(n: &Number) -> Option<f64> {
    match n {
        Number::Value(v) => Some(v.value),
        _ => None,
    }
}

/// The objects `--root` keeps (all drawn ones without a root); an unknown
/// root id is a usage error.
fn kept(a: &Analysis, roots: &[String]) -> Result<Vec<bool>, Fatal> {
    let objects = &a.model.objects;
    let n = objects.len();
    if roots.is_empty() {
        return Ok(objects.iter().map(drawn).collect());
    }
    let mut keep = vec![false; n];
    let tree = |r: Relation| matches!(r, Relation::Parent | Relation::Measures);
    for root in roots {
        let Some(start) = a.graph.get(root).filter(|&i| drawn(&objects[i])) else {
            return Err(Fatal::Usage(format!(
                "--root: no object on the map has the id `{root}`"
            )));
        };
        keep[start] = true;
        // Ancestors along parent and measures.
        let mut cur = Some(start);
        while let Some(c) = cur {
            cur = a
                .graph
                .outgoing(c)
                .find(|e| tree(e.relation))
                .map(|e| e.to)
                .filter(|&t| !keep[t]);
            if let Some(t) = cur {
                keep[t] = true;
            }
        }
        // Descendants along parent and measures.
        let mut stack = vec![start];
        while let Some(c) = stack.pop() {
            for e in a.graph.incoming(c).filter(|e| tree(e.relation)) {
                if !keep[e.from] {
                    keep[e.from] = true;
                    stack.push(e.from);
                }
            }
        }
    }
    // Principles, decisions and initiatives that serve a kept node, theses a kept
    // objective serves, tenets written in or cited by a kept object.
    let core = keep.clone();
    for e in a.graph.edges() {
        let (from, to) = (&objects[e.from], &objects[e.to]);
        match e.relation {
            Relation::Serves
                if core[e.to]
                    && matches!(
                        from.kind,
                        Kind::Principle | Kind::Decision | Kind::Initiative
                    ) =>
            {
                keep[e.from] = true
            }
            Relation::Serves
                if core[e.from] && from.kind == Kind::Objective && to.kind == Kind::Thesis =>
            {
                keep[e.to] = true
            }
            _ => {}
        }
    }
    let with_decisions = keep.clone();
    for e in a.graph.edges() {
        if e.relation == Relation::Cites && with_decisions[e.from] {
            keep[e.to] = true;
        }
    }
    for (i, o) in objects.iter().enumerate() {
        if o.within.is_some_and(|w| with_decisions[w]) {
            keep[i] = true;
        }
    }
    Ok((0..n).map(|i| keep[i] && drawn(&objects[i])).collect())
}

/// An initiative's activity: its linked commits in `execution.window`
/// (0 without git history).
fn activity(a: &Analysis, initiative: usize) -> usize {
    a.facts
        .activity
        .get(initiative)
        .and_then(Option::as_ref)
        .map_or(0, |act| act.in_window)
}

/// Builds the map of an analysis (the roots' part of it, with `--root`).
pub fn build(a: &Analysis, roots: &[String]) -> Result<Map, Fatal> {
    let keep = kept(a, roots)?;
    let objects = &a.model.objects;
    let mut counts = vec![(0usize, 0usize, false); objects.len()];
    for d in &a.diagnostics {
        if let Some(i) = d.object_index {
            match d.severity {
                Severity::Error => counts[i].0 += 1,
                Severity::Warning => counts[i].1 += 1,
                Severity::Info => {}
            }
            if d.code.as_str() == "KPI005" {
                counts[i].2 = true;
            }
        }
    }
    let mut nodes: Vec<Node> = Vec::new();
    for (i, o) in objects.iter().enumerate().filter(|(i, _)| keep[*i]) {
        let file = &a.model.files[o.file];
        let title = match (&o.title, &o.payload) {
            (Some(t), _) => t.value.clone(),
            (None, crate::model::Payload::Tenet(t)) => {
                t.text.as_ref().map(|t| t.value.clone()).unwrap_or_default()
            }
            _ => a
                .model
                .tenets
                .iter()
                .find(|t| t.object == Some(i))
                .map(|t| t.text.clone())
                .unwrap_or_default(),
        };
        let kpi = o.as_kpi();
        let (initiative, debt) = (o.as_initiative(), o.as_debt());
        let fresh = a.facts.aging(i).and_then(|f| f.freshness());
        nodes.push(Node {
            id: o.id().unwrap_or_default().to_owned(),
            kind: o.kind.name(),
            title,
            owner: o
                .owner
                .as_ref()
                .map(|w| crate::model::owner_id(&w.value).to_owned()),
            file: file.display.clone(),
            line: file.position(o.anchor.start).line,
            progress: a.metrics.progress.get(i).copied().flatten(),
            freshness: fresh,
            errors: counts[i].0,
            warnings: counts[i].1,
            baseline: kpi
                .filter(|k| !k.is_guardrail())
                .and_then(|k| number(&k.baseline)),
            current: kpi.and_then(|k| number(&k.current)),
            target: kpi
                .filter(|k| !k.is_guardrail())
                .and_then(|k| number(&k.target)),
            range: kpi.and_then(crate::views::report::Range::of),
            unit: kpi.and_then(|k| k.unit.as_ref()).map(|u| u.value.clone()),
            implausible: kpi.map(crate::metrics::implausible),
            status: initiative.map(|d| d.status()).or(debt.map(|d| d.status())),
            theme: initiative.map(|d| d.theme.as_ref().map(|t| t.value.clone())),
            capacity: initiative.map(|d| d.capacity()),
            activity: initiative.map(|_| activity(a, i)),
            interest: debt.map(|d| d.interest.as_ref().map(|x| x.value)),
            layer: match &o.payload {
                crate::model::Payload::Value(v) => Some(v.layer.as_ref().map(|l| l.value.clone())),
                _ => None,
            },
            stale: counts[i].2 || fresh.is_some_and(|f| f < 0.5),
            index: i,
        });
    }
    nodes.sort_by(|x, y| x.id.cmp(&y.id).then(x.index.cmp(&y.index)));
    nodes.dedup_by(|x, y| x.id == y.id);
    let ids: BTreeSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let mut edges: Vec<Edge> = a
        .graph
        .edges()
        .iter()
        .filter(|e| keep[e.from] && keep[e.to])
        .filter_map(|e| {
            let from = objects[e.from].id()?;
            let to = objects[e.to].id()?;
            (ids.contains(from) && ids.contains(to)).then(|| Edge {
                from: from.to_owned(),
                to: to.to_owned(),
                relation: e.relation.name(),
            })
        })
        .collect();
    edges.sort();
    edges.dedup();
    Ok(Map {
        version: 1,
        nodes,
        edges,
    })
}

/// The most characters of a title a Mermaid or DOT label shows.
pub const LABEL_TITLE_CHARS: usize = 48;

/// A title as labels show it: at most [`LABEL_TITLE_CHARS`] characters,
/// a cut one ending in `…`, cut between words where it can be (whitespace
/// runs read as one space).
pub fn label_title(title: &str) -> String {
    let words = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= LABEL_TITLE_CHARS {
        return words;
    }
    let kept: String = words.chars().take(LABEL_TITLE_CHARS).collect();
    // Cut between words where one ends in the second half, else mid-word.
    let cut = match kept.rfind(' ') {
        Some(space) if kept[..space].chars().count() >= LABEL_TITLE_CHARS / 2 => &kept[..space],
        _ => {
            &kept[..kept
                .char_indices()
                .nth(LABEL_TITLE_CHARS - 1)
                .map_or(kept.len(), |(i, _)| i)]
        }
    };
    format!("{}…", cut.trim_end())
}

impl Node {
    /// Its progress as labels show it (see [`crate::metrics::shown`]).
    /// A guardrail's shows its value against its range instead:
    /// `130 ms, guardrail ≤ 100 ms`.
    fn progress_text(&self) -> Option<String> {
        if let Some(r) = &self.range {
            let unit = self
                .unit
                .as_ref()
                .map_or(String::new(), |u| format!(" {u}"));
            let value = crate::views::report::number(self.current);
            return Some(format!("{value}{unit}, guardrail {}{unit}", r.words()));
        }
        self.progress
            .map(|p| crate::metrics::shown(p, self.implausible == Some(true)))
    }

    /// What labels show of an initiative or debt item: `active, product,
    /// capacity 3, 0 commits` or `open, interest 6`.
    fn execution_text(&self) -> Option<String> {
        let status = self.status?;
        let mut parts = vec![status.to_owned()];
        if let Some(theme) = &self.theme {
            parts.push(theme.clone().unwrap_or_else(|| "no theme".to_owned()));
        }
        if let Some(c) = self.capacity {
            parts.push(format!("capacity {c}"));
        }
        if let Some(n) = self.activity {
            parts.push(format!("{n} commit{}", if n == 1 { "" } else { "s" }));
        }
        if let Some(interest) = self.interest {
            parts.push(match interest {
                Some(x) => format!("interest {x}"),
                None => "no interest".to_owned(),
            });
        }
        Some(parts.join(", "))
    }
}

/// `#quot;`-style entity codes for what Mermaid reads inside a quoted label.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A string inside DOT's double quotes.
fn dot_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

impl Map {
    /// The Mermaid flowchart.
    pub fn mermaid(&self) -> String {
        let mut out = String::from("flowchart TB\n");
        let name = |k: usize| format!("n{k}");
        let index: std::collections::HashMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(k, n)| (n.id.as_str(), k))
            .collect();
        for (k, n) in self.nodes.iter().enumerate() {
            let mut label = format!("{}: {}", n.id, label_title(&n.title));
            if let Some(p) = n.progress_text() {
                label.push_str(&format!(" · {p}"));
            }
            if let Some(x) = n.execution_text() {
                label.push_str(&format!(" · {x}"));
            }
            out.push_str(&format!("  {}[\"{}\"]\n", name(k), mermaid_text(&label)));
        }
        for e in &self.edges {
            out.push_str(&format!(
                "  {} -->|{}| {}\n",
                name(index[e.from.as_str()]),
                e.relation,
                name(index[e.to.as_str()])
            ));
        }
        out.push_str("  classDef error fill:#fde2e1,stroke:#b3261e,color:#410e0b\n");
        out.push_str("  classDef warning fill:#fff4d6,stroke:#a36b00,color:#3d2a00\n");
        out.push_str("  classDef stale stroke-dasharray:4 3\n");
        let class = |f: &dyn Fn(&Node) -> bool| -> Vec<String> {
            self.nodes
                .iter()
                .enumerate()
                .filter(|(_, n)| f(n))
                .map(|(k, _)| name(k))
                .collect()
        };
        for (cls, members) in [
            ("error", class(&|n| n.errors > 0)),
            ("warning", class(&|n| n.errors == 0 && n.warnings > 0)),
            ("stale", class(&|n| n.stale)),
        ] {
            if !members.is_empty() {
                out.push_str(&format!("  class {} {cls}\n", members.join(",")));
            }
        }
        out
    }

    /// The Graphviz digraph.
    pub fn dot(&self) -> String {
        let mut out = String::from(
            "digraph strategy {\n  rankdir=BT;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
        );
        for n in &self.nodes {
            let fill = if n.errors > 0 {
                "#fde2e1"
            } else if n.warnings > 0 {
                "#fff4d6"
            } else {
                "#ffffff"
            };
            let style = if n.stale {
                "rounded,filled,dashed"
            } else {
                "rounded,filled"
            };
            let mut label = format!("{}\\n{}", dot_text(&n.id), dot_text(&label_title(&n.title)));
            if let Some(p) = n.progress_text() {
                label.push_str(&format!("\\n{}", dot_text(&p)));
            }
            if let Some(x) = n.execution_text() {
                label.push_str(&format!("\\n{}", dot_text(&x)));
            }
            out.push_str(&format!(
                "  \"{}\" [label=\"{label}\", fillcolor=\"{fill}\", style=\"{style}\"];\n",
                dot_text(&n.id),
            ));
        }
        for e in &self.edges {
            out.push_str(&format!(
                "  \"{}\" -> \"{}\" [label=\"{}\"];\n",
                dot_text(&e.from),
                dot_text(&e.to),
                e.relation
            ));
        }
        out.push_str("}\n");
        out
    }

    /// The JSON document.
    pub fn json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The map in a format.
    pub fn render(&self, format: MapFormat) -> String {
        match format {
            MapFormat::Mermaid => self.mermaid(),
            MapFormat::Dot => self.dot(),
            MapFormat::Json => self.json(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_break_out_of_a_label() {
        let evil = "<script>alert(1)</script>\"] --> X\nclick n0 call evil()";
        let m = mermaid_text(evil);
        assert!(
            !m.contains('"') && !m.contains('<') && !m.contains('\n'),
            "{m}"
        );
        let d = dot_text("a\"; b -> c; \"\\");
        assert_eq!(d, "a\\\"; b -> c; \\\"\\\\");
    }

    #[test]
    fn labels_cut_titles_to_48_characters() {
        assert_eq!(label_title("Short  title\n"), "Short title");
        let exact = "x".repeat(48);
        assert_eq!(label_title(&exact), exact);
        let cut = label_title(&"é".repeat(60));
        assert_eq!(cut.chars().count(), 48);
        assert!(cut.ends_with('…'));
        assert_eq!(
            label_title(
                "When a depot is over capacity, we route parcels to the next depot over holding them because customers wait less."
            ),
            "When a depot is over capacity, we route parcels…"
        );
        assert_eq!(
            label_title(
                "Route parcels around a full depot rather than holding them until the next morning"
            ),
            "Route parcels around a full depot rather than…"
        );
    }
}
