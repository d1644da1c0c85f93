//! `stratlint trace PATH...` (SPEC §14): which strategy governs this code.
//! For each path, every active principle, decision in force, open
//! initiative and open debt item whose `paths` (`.gitignore`-style patterns
//! relative to the project root) match it, with the pattern that matched
//! and its chain up the strategy. A view: it reads the analysis, judges
//! nothing.

use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Serialize;

use crate::analysis::Analysis;
use crate::model::{Object, Payload, Spanned};
use crate::project::paths::relative;
use crate::schema::{Kind, Relation};

/// The output formats of `trace --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TraceFormat {
    /// One block per path, for people.
    Human,
    /// One JSON document: `{"version": 1, "paths": [...]}`.
    Json,
}

/// What governs one path.
#[derive(Debug, Clone, Serialize)]
pub struct Traced {
    /// The path as it was given.
    pub path: String,
    /// What governs it, by kind (principle, decision, initiative, debt), then id.
    pub objects: Vec<Governing>,
}

/// One object whose `paths` match a path.
#[derive(Debug, Clone, Serialize)]
pub struct Governing {
    /// Its id.
    pub id: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its title.
    pub title: String,
    /// Its owner, without `@`.
    pub owner: Option<String>,
    /// Its status word (`active`, `accepted`, `planned`, `open`, …).
    pub status: &'static str,
    /// A principle's freshness, in [0, 1]; `None` for the other kinds or
    /// when its age is unknown.
    pub freshness: Option<f64>,
    /// The pattern of its `paths` that matched.
    pub pattern: String,
    /// Its chain up the strategy, nearest first: what it serves (a debt
    /// item: what it affects), then each objective's parents up to the
    /// top, then the theses those serve.
    pub chain: Vec<String>,
}

/// The kinds that govern code, in the order they are listed.
const ORDER: [Kind; 4] = [
    Kind::Principle,
    Kind::Decision,
    Kind::Initiative,
    Kind::Debt,
];

/// An object that governs code: its index, status word and matcher.
struct Governor {
    index: usize,
    status: &'static str,
    matcher: Gitignore,
    patterns: Vec<String>,
}

/// The `paths` of an object that governs code when it is in force (active
/// principle, accepted decision, open initiative or debt item), with its
/// status word.
fn governs(o: &Object) -> Option<(&'static str, &[Spanned<String>])> {
    if !o.is_active() || o.id().is_none() {
        return None;
    }
    match &o.payload {
        Payload::Principle(a) => Some(("active", a.paths.as_slice())),
        Payload::Decision(d) if d.in_force() => Some(("accepted", d.paths.as_slice())),
        Payload::Initiative(i) => Some((i.status(), i.paths.as_slice())),
        Payload::Debt(d) => Some((d.status(), d.paths.as_slice())),
        _ => None,
    }
}

/// Traces each of `paths` (relative to the analysis's current directory;
/// they need not exist) to what governs it.
pub fn build(a: &Analysis, paths: &[PathBuf]) -> Vec<Traced> {
    let root = &a.project.root;
    let governors: Vec<Governor> = a
        .model
        .objects
        .iter()
        .enumerate()
        .filter_map(|(index, o)| {
            let (status, patterns) = governs(o)?;
            let mut b = GitignoreBuilder::new(root);
            for p in patterns {
                // A pattern gitignore cannot read matches nothing.
                let _ = b.add_line(None, &p.value);
            }
            let matcher = b.build().ok()?;
            (!matcher.is_empty()).then(|| Governor {
                index,
                status,
                matcher,
                patterns: patterns.iter().map(|p| p.value.clone()).collect(),
            })
        })
        .collect();
    paths
        .iter()
        .map(|p| {
            let mut objects: Vec<Governing> = Vec::new();
            let absolute = a.project.cwd.join(p);
            let rel = relative(&absolute, root);
            let inside = rel != ".." && !rel.starts_with("../");
            if inside {
                let exists = absolute.exists();
                let is_dir = absolute.is_dir() || p.to_string_lossy().ends_with('/');
                let below = if is_dir {
                    files_below(&absolute, root)
                } else {
                    Vec::new()
                };
                for g in &governors {
                    let hit = matched(&g.matcher, &rel, is_dir, &below)
                        .or_else(|| {
                            // A path that does not exist may be a directory to come.
                            (!exists && !is_dir)
                                .then(|| matched(&g.matcher, &rel, true, &[]))
                                .flatten()
                        })
                        .or_else(|| {
                            (is_dir || !exists)
                                .then(|| g.patterns.iter().find(|q| names_below(q, &rel)).cloned())
                                .flatten()
                        });
                    if let Some(pattern) = hit {
                        objects.push(governing(a, g, pattern));
                    }
                }
            }
            objects.sort_by(|x, y| rank(x.kind).cmp(&rank(y.kind)).then(x.id.cmp(&y.id)));
            Traced {
                path: p.to_string_lossy().into_owned(),
                objects,
            }
        })
        .collect()
}

/// The place of a kind's name in [`ORDER`].
fn rank(kind: &str) -> usize {
    ORDER
        .iter()
        .position(|k| k.name() == kind)
        .unwrap_or(ORDER.len())
}

/// The pattern that matches `rel` (a directory when `is_dir`), or, for a
/// directory, the first of the files `below` it (sorted) that a pattern matches.
fn matched(m: &Gitignore, rel: &str, is_dir: bool, below: &[String]) -> Option<String> {
    let pattern = |hit: Match<&ignore::gitignore::Glob>| match hit {
        Match::Ignore(g) => Some(g.original().to_owned()),
        _ => None,
    };
    if rel != "." {
        if let Some(p) = pattern(m.matched_path_or_any_parents(rel, is_dir)) {
            return Some(p);
        }
    }
    below
        .iter()
        .find_map(|f| pattern(m.matched_path_or_any_parents(f, false)))
}

/// Whether `pattern` names something below directory `rel` by its
/// letter, whether or not it exists yet: the pattern is anchored (a `/`
/// before its last character) and its leading components match `rel`'s
/// one by one (`*` and `?` within a component, `**` any number of them),
/// with at least one component left over. Every anchored pattern names
/// something below the project root (`.`).
fn names_below(pattern: &str, rel: &str) -> bool {
    if pattern.starts_with(['!', '#']) {
        return false;
    }
    let trimmed = pattern.trim_end_matches('/');
    if !trimmed.contains('/') {
        return false;
    }
    if rel == "." {
        return true;
    }
    let parts: Vec<&str> = trimmed.trim_start_matches('/').split('/').collect();
    let dirs: Vec<&str> = rel.split('/').collect();
    for (n, dir) in dirs.iter().enumerate() {
        match parts.get(n) {
            Some(&"**") => return true,
            Some(part) if n + 1 < parts.len() && wildcard(part, dir) => {}
            _ => return false,
        }
    }
    true
}

/// Whether `name` matches `glob`, in which `*` stands for any run of
/// characters and `?` for one (no `/` in either).
fn wildcard(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Classic two-pointer matching with one backtrack point.
    let (mut gi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == n[ni]) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some(gi);
            mark = ni;
            gi += 1;
        } else if let Some(s) = star {
            gi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

/// The files below directory `dir`, relative to `root`, sorted (`.git`
/// and what `.gitignore` files leave out are skipped).
fn files_below(dir: &Path, root: &Path) -> Vec<String> {
    let mut files: Vec<String> = ignore::WalkBuilder::new(dir)
        .hidden(false)
        .follow_links(false)
        .require_git(false)
        .git_global(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| relative(e.path(), root))
        .collect();
    files.sort();
    files
}

/// The entry of governor `g`, whose `pattern` matched.
fn governing(a: &Analysis, g: &Governor, pattern: String) -> Governing {
    let o = &a.model.objects[g.index];
    Governing {
        id: o.id().unwrap_or_default().to_owned(),
        kind: o.kind.name(),
        title: o
            .title
            .as_ref()
            .map(|t| t.value.clone())
            .unwrap_or_default(),
        owner: o
            .owner
            .as_ref()
            .map(|w| crate::model::owner_id(&w.value).to_owned()),
        status: g.status,
        freshness: (o.kind == Kind::Principle)
            .then(|| a.facts.aging(g.index).and_then(|f| f.freshness()))
            .flatten(),
        pattern,
        chain: chain(a, g.index),
    }
}

/// What object `i` serves (a debt item: what it affects; an initiative:
/// also the debt it pays and what that affects), then each
/// objective's parents up to the top, then the theses those serve, each
/// once, nearest first.
fn chain(a: &Analysis, i: usize) -> Vec<String> {
    let objects = &a.model.objects;
    let mut seen = vec![false; objects.len()];
    seen[i] = true;
    let mut order: Vec<usize> = Vec::new();
    let add = |o: usize, seen: &mut Vec<bool>, order: &mut Vec<usize>| {
        if !seen[o] {
            seen[o] = true;
            order.push(o);
        }
    };
    for e in a.graph.outgoing(i) {
        if matches!(
            e.relation,
            Relation::Serves | Relation::Affects | Relation::Pays
        ) {
            add(e.to, &mut seen, &mut order);
        }
    }
    // A debt item an initiative pays: what it affects, too.
    for d in order.clone() {
        for e in a.graph.outgoing(d) {
            if e.relation == Relation::Affects {
                add(e.to, &mut seen, &mut order);
            }
        }
    }
    let direct = order.clone();
    for &d in &direct {
        let mut cur = a.graph.parent(d);
        while let Some(p) = cur.filter(|&p| !seen[p]) {
            add(p, &mut seen, &mut order);
            cur = a.graph.parent(p);
        }
    }
    let reached = order.clone();
    for &o in &reached {
        for e in a.graph.outgoing(o) {
            if e.relation == Relation::Serves && objects[e.to].kind == Kind::Thesis {
                add(e.to, &mut seen, &mut order);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|o| objects[o].id().map(str::to_owned))
        .collect()
}

/// The JSON document.
#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    paths: &'a [Traced],
}

/// Renders the trace in `format`.
pub fn render(traced: &[Traced], format: TraceFormat) -> String {
    match format {
        TraceFormat::Json => {
            let doc = Document {
                version: 1,
                paths: traced,
            };
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        TraceFormat::Human => human(traced),
    }
}

/// The human format: one block per path.
fn human(traced: &[Traced]) -> String {
    let mut out = String::new();
    for (n, t) in traced.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if t.objects.is_empty() {
            out.push_str(&format!(
                "{}: nothing governs this path\n",
                one_line(&t.path)
            ));
            continue;
        }
        out.push_str(&format!("{}\n", one_line(&t.path)));
        for g in &t.objects {
            let mut facts = vec![match &g.owner {
                Some(o) => format!("owner {o}"),
                None => "no owner".to_owned(),
            }];
            facts.push(g.status.to_owned());
            if let Some(f) = g.freshness {
                facts.push(format!("freshness {}", crate::facts::freshness::percent(f)));
            }
            out.push_str(&format!(
                "  {} {}: {} ({})\n",
                g.kind,
                g.id,
                one_line(&g.title),
                facts.join(", ")
            ));
            out.push_str(&format!("    matched by `{}`\n", g.pattern));
            if !g.chain.is_empty() {
                let verb = if g.kind == "debt" {
                    "affects"
                } else {
                    "serves"
                };
                out.push_str(&format!("    {verb} {}\n", g.chain.join(" → ")));
            }
        }
    }
    out
}

/// A title or path on one line: control characters (a newline included) read as spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{names_below, wildcard};

    #[test]
    fn wildcards_within_a_component() {
        assert!(wildcard("*.rs", "main.rs"));
        assert!(wildcard("serv?ces", "services"));
        assert!(wildcard("*", ""));
        assert!(!wildcard("*.rs", "main.go"));
        assert!(wildcard("a*b*c", "axxbyyc"));
    }

    #[test]
    fn patterns_that_name_something_below_a_directory() {
        assert!(names_below("services/events/consumers/", "services"));
        assert!(names_below("/services/events/", "services"));
        assert!(names_below("services/*/consumers/", "services/events"));
        assert!(names_below("services/**/x.rs", "services/a/b"));
        assert!(names_below("services/events/", "."));
        assert!(!names_below("services/events/", "services/events"));
        assert!(!names_below("services/events/", "deploy"));
        assert!(!names_below("consumers/", "services"));
        assert!(!names_below("!services/events/x", "services"));
    }
}
