//! The tools: their schemas (data, in `tools.json`), the check of their
//! arguments against the input schema, and each tool's result assembled
//! from the analysis and the other views' data.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use rmcp::model::{CallToolResult, ContentBlock, ErrorCode};
use serde_json::{Map, Value, json};

use super::Session;
use crate::analysis::{Analysis, Options};
use crate::model::{Object, Payload, Status};
use crate::schema::{self, Code};
use crate::suggest::did_you_mean;
use crate::views::check::{self, Outcome, json::items};
use crate::views::{diff, map, report, trace};

/// Why a call failed: a JSON-RPC error.
type Failure = (ErrorCode, String);

/// The tools as `tools/list` gives them: `tools.json` with the shared
/// definitions (`defs.json`) in place of their placeholders.
pub fn list() -> &'static Value {
    static TOOLS: OnceLock<Value> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let defs: Value = serde_json::from_str(include_str!("defs.json")).expect("defs.json");
        let text = include_str!("tools.json")
            .replace("\"DIAGNOSTIC\"", &defs["diagnostic"].to_string())
            .replace("\"RULE\"", &defs["rule"].to_string());
        serde_json::from_str(&text).expect("tools.json")
    })
}

/// The tool named `name`.
fn tool(name: &str) -> Option<&'static Value> {
    list().as_array()?.iter().find(|t| t["name"] == name)
}

/// A successful result: the data as structured content and as JSON text.
fn success(data: Value) -> CallToolResult {
    let mut r = CallToolResult::success(vec![ContentBlock::text(data.to_string())]);
    r.structured_content = Some(data);
    r
}

/// A tool error: a result with `isError` and `text`.
fn failure(text: String) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(text)])
}

/// `, did you mean `best`?` when one of `candidates` is close to `written`.
fn hint<'a>(written: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    did_you_mean(written, candidates)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// `tools/call`.
pub fn call(session: &mut Session, params: &Value) -> Result<Value, Failure> {
    let name = params["name"].as_str().unwrap_or_default();
    let Some(tool) = tool(name) else {
        let names = list().as_array().into_iter().flatten();
        let names: Vec<&str> = names.filter_map(|t| t["name"].as_str()).collect();
        let hint = hint(name, names.iter().copied());
        return Err((
            ErrorCode::INVALID_PARAMS,
            format!("unknown tool `{name}`{hint}"),
        ));
    };
    let empty = Map::new();
    let args = match &params["arguments"] {
        Value::Null => &empty,
        Value::Object(a) => a,
        _ => {
            return Err((
                ErrorCode::INVALID_PARAMS,
                "`arguments` is not an object".into(),
            ));
        }
    };
    if let Err(why) = valid(args, &tool["inputSchema"]) {
        let why = format!("{name}: {why}");
        if session.input_errors_are_results() {
            return Ok(to_value(failure(why)));
        }
        return Err((ErrorCode::INVALID_PARAMS, why));
    }
    let string = |key: &str| args.get(key).and_then(Value::as_str);
    let strings = |key: &str| -> Vec<String> {
        args.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let as_of = string("as_of");
    let result = match name {
        "check" => check(session, args, &strings("paths"), &strings("codes"), as_of),
        "object" => with(session, as_of, |a| {
            object(a, string("id").unwrap_or_default())
        }),
        "search" => with(session, as_of, |a| {
            search(a, string("query").unwrap_or_default())
        }),
        "rule" => rule(string("code").unwrap_or_default()),
        "graph" => {
            let depth = args.get("depth").and_then(Value::as_u64);
            with(session, as_of, |a| graph(a, &strings("root"), depth))
        }
        "trace" => with(session, as_of, |a| {
            let paths: Vec<PathBuf> = strings("paths").into_iter().map(PathBuf::from).collect();
            success(json!({"version": 1, "paths": trace::build(a, &paths)}))
        }),
        "diff" => diff(session, string("from").unwrap_or_default(), string("to")),
        _ => unreachable!("every listed tool is handled"),
    };
    Ok(to_value(result))
}

fn to_value(r: CallToolResult) -> Value {
    serde_json::to_value(r).expect("plain data serializes")
}

/// Checks `args` against a tool's input schema (objects of strings,
/// integers and arrays of strings, as `tools.json` writes them): the name
/// of the argument at fault and why, if one is.
fn valid(args: &Map<String, Value>, schema: &Value) -> Result<(), String> {
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for required in schema["required"].as_array().into_iter().flatten() {
        let key = required.as_str().unwrap_or_default();
        if !args.contains_key(key) {
            return Err(format!("the argument `{key}` is required"));
        }
    }
    for (key, value) in args {
        let Some(p) = properties.get(key) else {
            let hint = hint(key, properties.keys().map(String::as_str));
            return Err(format!("unknown argument `{key}`{hint}"));
        };
        let ok = match p["type"].as_str() {
            Some("string") => value.is_string(),
            Some("integer") => value.as_u64().is_some(),
            Some("array") => value.as_array().is_some_and(|items| {
                items.iter().all(Value::is_string)
                    && items.len() as u64 >= p["minItems"].as_u64().unwrap_or(0)
            }),
            _ => true,
        };
        if !ok {
            let what = match p["type"].as_str() {
                Some("integer") => "a whole number, 0 or more",
                Some("array") if p["minItems"].as_u64().is_some() => "a non-empty array of strings",
                Some("array") => "an array of strings",
                _ => "a string",
            };
            return Err(format!("the argument `{key}` must be {what}"));
        }
    }
    Ok(())
}

/// Runs `f` on the analysis `as_of` asks for, or says why there is none.
fn with(
    session: &mut Session,
    as_of: Option<&str>,
    f: impl FnOnce(&Analysis) -> CallToolResult,
) -> CallToolResult {
    match session.analysis(as_of) {
        Ok(a) => {
            let result = f(&a);
            session.keep(a);
            result
        }
        Err(e) => failure(format!("stratlint: {e}")),
    }
}

/// `check`.
fn check(
    session: &mut Session,
    args: &Map<String, Value>,
    paths: &[String],
    codes: &[String],
    as_of: Option<&str>,
) -> CallToolResult {
    for code in codes {
        if code != "ALL" && !schema::codes::matches_any(code) {
            let hint = hint(code, schema::codes::all_codes());
            return failure(format!("`{code}` is not a rule code or prefix{hint}"));
        }
    }
    let changed_since = args.get("changed_since").and_then(Value::as_str);
    if let (Some(_), Some(_)) = (changed_since, as_of) {
        return failure("`changed_since` and `as_of` cannot be used together".into());
    }
    let cwd = session.cwd.clone();
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    if let Some(p) = paths
        .iter()
        .find(|p| std::fs::symlink_metadata(cwd.join(p)).is_err())
    {
        return failure(format!("path `{}` does not exist", p.display()));
    }
    let analysis = match changed_since {
        Some(rev) => session.analysis_with(Options {
            changed_since: Some(rev.to_owned()),
            ..Options::default()
        }),
        None => session.analysis(as_of),
    };
    let shown = analysis.and_then(|a| {
        let shown = check::in_paths(&a, &paths, &cwd)?;
        Ok((a, shown))
    });
    let (a, mut shown) = match shown {
        Ok(s) => s,
        Err(e) => return failure(format!("stratlint: {e}")),
    };
    if !codes.is_empty() && !codes.iter().any(|c| c == "ALL") {
        shown.retain(|d| {
            codes
                .iter()
                .any(|c| d.code.as_str().starts_with(c.as_str()))
        });
    }
    let counts = check::Counts::of(&shown);
    let limit = args
        .get("limit")
        .and_then(Value::as_u64)
        .map(|n| n as usize);
    let listed = &shown[..limit.unwrap_or(usize::MAX).min(shown.len())];
    let outcome = Outcome::new(&a, listed, 0);
    let result = success(json!({
        "diagnostics": items(&outcome),
        "summary": {
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
            "files": a.model.files.len(),
            "objects": a.model.objects.len(),
        },
    }));
    session.keep(a);
    result
}

/// An object's title: its `title`, else its tenet's text.
fn title_of(a: &Analysis, i: usize, o: &Object) -> String {
    match (&o.title, &o.payload) {
        (Some(t), _) => t.value.clone(),
        (None, Payload::Tenet(t)) => t.text.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
        _ => a
            .model
            .tenets
            .iter()
            .find(|t| t.object == Some(i))
            .map(|t| t.text.clone())
            .unwrap_or_default(),
    }
}

/// The relation's name seen from the other end (`parent` → `children`).
fn inverse(relation: &str) -> &'static str {
    match relation {
        "parent" => "children",
        "measures" => "measured_by",
        "serves" => "served_by",
        "cites" => "cited_by",
        "against" => "against_by",
        "supersedes" => "superseded_by",
        "moves" => "moved_by",
        "pays" => "paid_by",
        "affects" => "affected_by",
        _ => "interpreted_by",
    }
}

/// The keys and values of an object as written: its TOML table, or its
/// front matter (none for what is not TOML: an adopted record, a tenet
/// written as a list item).
fn fields(a: &Analysis, o: &Object) -> Value {
    let text = &a.model.files[o.file].text;
    let toml = if o.within.is_some() {
        None
    } else if let crate::parse::frontmatter::FrontMatter::Toml { toml, .. } =
        crate::parse::frontmatter::split(&text[o.extent.start..o.extent.end])
    {
        let start = o.extent.start;
        Some(text[start + toml.start..start + toml.end].to_owned())
    } else {
        text.get(o.extent.start..o.extent.end).map(str::to_owned)
    };
    let table = toml.and_then(|t| t.parse::<toml::Table>().ok());
    let table = match table {
        // `[[objective]] …`: the one table under the kind's header.
        Some(t) if t.len() == 1 && t.values().all(|v| v.is_array()) => t
            .into_iter()
            .next()
            .and_then(|(_, v)| v.as_array().and_then(|a| a.first().cloned()))
            .and_then(|v| v.as_table().cloned()),
        other => other,
    };
    table
        .map(|t| from_toml(toml::Value::Table(t)))
        .unwrap_or(json!({}))
}

/// A TOML value as JSON (dates as written).
fn from_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, from_toml(v))).collect())
        }
    }
}

/// A KPI's health as the report gives it, when the report lists it.
fn health(a: &Analysis, id: &str) -> Option<String> {
    fn find(trees: &[report::Tree], id: &str) -> Option<String> {
        trees.iter().find_map(|t| {
            t.kpis
                .iter()
                .find(|k| k.id == id)
                .map(|k| k.health.to_owned())
                .or_else(|| find(&t.children, id))
        })
    }
    let r = report::build(a, report::ReportFormat::Json).ok()?;
    find(&r.objectives, id)
}

/// `object`.
fn object(a: &Analysis, id: &str) -> CallToolResult {
    let Some(i) = a.graph.get(id) else {
        let ids = a.model.objects.iter().filter_map(Object::id);
        return failure(format!("no object has the id `{id}`{}", hint(id, ids)));
    };
    let o = &a.model.objects[i];
    let file = &a.model.files[o.file];
    let fields = fields(a, o);
    let status = match (&fields["status"], o.status) {
        (Value::String(s), _) => s.clone(),
        (_, Status::Retired) => "retired".into(),
        (_, Status::Active) => "active".into(),
    };
    let aging = a.facts.aging(i);
    let last = aging.and_then(|ag| {
        let time = ag.revalidation.time()?;
        let commit = ag.revalidation.change().and_then(|c| c.commit.as_ref());
        Some(json!({
            "date": crate::date::Date::from_unix(time).to_string(),
            "commit": commit.map(|c| c.short.clone()),
            "subject": commit.map(|c| c.subject.clone()),
        }))
    });
    let mut neighbours: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let id_of = |j: usize| a.model.objects[j].id().map(str::to_owned);
    for e in a.graph.outgoing(i) {
        neighbours
            .entry(e.relation.name().into())
            .or_default()
            .extend(id_of(e.to));
    }
    for e in a.graph.incoming(i) {
        neighbours
            .entry(inverse(e.relation.name()).into())
            .or_default()
            .extend(id_of(e.from));
    }
    for ids in neighbours.values_mut() {
        ids.sort();
        ids.dedup();
    }
    neighbours.retain(|_, ids| !ids.is_empty());
    let on: Vec<_> = a
        .diagnostics
        .iter()
        .filter(|d| d.object_index == Some(i))
        .cloned()
        .collect();
    let outcome = Outcome::new(a, &on, 0);
    success(json!({
        "id": id,
        "kind": o.kind.name(),
        "title": title_of(a, i, o),
        "owner": o.owner.as_ref().map(|w| w.value.clone()),
        "status": status,
        "file": file.display,
        "line": file.position(o.anchor.start).line,
        "fields": fields,
        "facts": {
            "progress": a.metrics.progress.get(i).copied().flatten(),
            "health": if o.as_kpi().is_some() { health(a, id) } else { None },
            "freshness": aging.and_then(|f| f.freshness()),
            "last_revalidated": last,
        },
        "neighbours": neighbours,
        "diagnostics": items(&outcome),
    }))
}

/// `search`.
fn search(a: &Analysis, query: &str) -> CallToolResult {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut results: Vec<(String, Value)> = a
        .model
        .objects
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let id = o.id()?;
            let title = title_of(a, i, o);
            let hay = format!("{}\n{}", id.to_lowercase(), title.to_lowercase());
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                return None;
            }
            let file = &a.model.files[o.file];
            let line = file.position(o.anchor.start).line;
            let r = json!({"id": id, "kind": o.kind.name(), "title": title, "file": file.display, "line": line});
            Some((id.to_owned(), r))
        })
        .collect();
    results.sort_by(|x, y| x.0.cmp(&y.0));
    results.truncate(50);
    success(json!({"results": results.into_iter().map(|(_, r)| r).collect::<Vec<_>>()}))
}

/// A rule as `rule` and the rules resource give it.
pub fn rule_data(c: Code) -> Value {
    let r = c.rule();
    json!({
        "code": r.code.as_str(),
        "name": r.name,
        "severity": r.severity.name(),
        "summary": r.summary,
        "documentation": r.doc,
    })
}

/// `rule`.
fn rule(code: &str) -> CallToolResult {
    match Code::parse(code) {
        Some(c) => success(rule_data(c)),
        None => failure(format!(
            "`{code}` is not a rule code{}",
            hint(code, schema::codes::all_codes())
        )),
    }
}

/// `graph`: the map with `roots`, their ancestors and descendants cut at
/// `depth` steps along `parent` and `measures`.
fn graph(a: &Analysis, roots: &[String], depth: Option<u64>) -> CallToolResult {
    let ids = a.model.objects.iter().filter_map(Object::id);
    if let Some(r) = roots.iter().find(|r| a.graph.get(r).is_none()) {
        return failure(format!("no object has the id `{r}`{}", hint(r, ids)));
    }
    let mut m = match map::build(a, roots) {
        Ok(m) => m,
        Err(e) => return failure(format!("stratlint: {e}")),
    };
    if let (Some(depth), false) = (depth, roots.is_empty()) {
        // Steps from the roots along parent and measures, both ways.
        let tree = |r: &str| r == "parent" || r == "measures";
        let mut steps: BTreeMap<&str, u64> = roots.iter().map(|r| (r.as_str(), 0)).collect();
        let mut frontier: Vec<&str> = roots.iter().map(String::as_str).collect();
        for n in 1..=depth {
            let mut next = Vec::new();
            for e in m.edges.iter().filter(|e| tree(e.relation)) {
                for (here, there) in [(&e.from, &e.to), (&e.to, &e.from)] {
                    if frontier.contains(&here.as_str()) && !steps.contains_key(there.as_str()) {
                        steps.insert(there, n);
                        next.push(there.as_str());
                    }
                }
            }
            frontier = next;
        }
        // Objects on the tree beyond the depth go; the others `--root` adds
        // stay while what they attach to stays.
        let on_tree: std::collections::BTreeSet<&str> = m
            .edges
            .iter()
            .filter(|e| tree(e.relation))
            .flat_map(|e| [e.from.as_str(), e.to.as_str()])
            .collect();
        let dropped: std::collections::BTreeSet<String> = m
            .nodes
            .iter()
            .filter(|n| on_tree.contains(n.id.as_str()) && !steps.contains_key(n.id.as_str()))
            .map(|n| n.id.clone())
            .collect();
        m.nodes.retain(|n| !dropped.contains(&n.id));
        m.edges
            .retain(|e| !dropped.contains(&e.from) && !dropped.contains(&e.to));
        let linked: std::collections::BTreeSet<&str> = m
            .edges
            .iter()
            .flat_map(|e| [e.from.as_str(), e.to.as_str()])
            .collect();
        let keep: std::collections::BTreeSet<String> = m
            .nodes
            .iter()
            .filter(|n| roots.contains(&n.id) || linked.contains(n.id.as_str()))
            .map(|n| n.id.clone())
            .collect();
        m.nodes.retain(|n| keep.contains(&n.id));
    }
    success(serde_json::to_value(&m).expect("plain data serializes"))
}

/// `diff`: both states analyzed with one clock, compared.
fn diff(session: &Session, from: &str, to: Option<&str>) -> CallToolResult {
    let options = Options {
        now: session.now,
        ..Options::default()
    };
    let cwd = &session.cwd;
    let sides = crate::project::locate_at_commit(cwd, &[], None).and_then(|at_commit| {
        let work_tree = match to {
            None => Some(crate::project::locate(cwd, &[], None)?),
            Some(_) => None,
        };
        crate::analysis::sides::analyze_sides(at_commit, work_tree, from, to, &options)
    });
    match sides {
        Ok(s) => success(serde_json::to_value(diff::build(&s)).expect("plain data serializes")),
        Err(e) => failure(format!("stratlint: {e}")),
    }
}
