//! `stratlint mcp`: a Model Context Protocol server over stdio (SPEC §17),
//! for agents to ask what the strategy says and to check their own edits.
//!
//! The messages are rmcp's model types (`rmcp::model`, the official Rust
//! SDK); the loop that reads them is our own, one JSON-RPC message a line,
//! because §17 asks for what rmcp's server runtime does not do: a line that
//! is not JSON is answered −32700 and the server reads on, and any request
//! before `initialize` (a `server/discover` probe) gets −32601 instead of
//! ending the session. Read-only: no tool writes a file.
//!
//! Every call analyzes the project again through the language server's
//! [`Workspace`] and its parse cache (files edited between calls are read
//! again, unchanged ones kept), with history read once per HEAD.

mod resources;
mod tools;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;

use rmcp::model::{ErrorCode, ErrorData, ProtocolVersion};
use serde_json::{Value, json};

use crate::Fatal;
use crate::analysis::{self, Analysis, Options};
use crate::date::Date;
use crate::history::Timeline;
use crate::project;
use crate::snapshot::Overlays;
use crate::views::server::{history, workspace::Workspace};

/// The revisions spoken, newest first: the first is what a client asking
/// for another gets.
const REVISIONS: [ProtocolVersion; 2] =
    [ProtocolVersion::V_2025_11_25, ProtocolVersion::V_2025_06_18];

/// The server's state between messages.
pub struct Session {
    /// The directory the server runs in: the project is found from it, and
    /// paths are relative to it.
    cwd: PathBuf,
    /// `--now` / `STRATLINT_NOW`.
    now: Option<Date>,
    /// The project and its parse cache, kept between calls.
    workspace: Workspace,
    /// History as last read: the HEAD it was read at and its timeline.
    history: Option<(Option<String>, Arc<Timeline>)>,
    /// The revision agreed at `initialize`.
    revision: Option<ProtocolVersion>,
    /// The last analysis of the workspace, handed back after a call: the
    /// next call splices what changed into its model and keeps its facts
    /// and findings where they hold, as the language server's re-check does.
    last: Option<Analysis>,
}

/// Runs the server on `input` and `output` until the input ends.
pub fn run(input: impl BufRead, output: &mut impl Write, cwd: PathBuf, now: Option<Date>) -> i32 {
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let mut session = Session {
        workspace: Workspace::new(cwd.clone()),
        cwd,
        now,
        history: None,
        revision: None,
        last: None,
    };
    for line in input.lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        if let Some(reply) = session.handle(&line) {
            let mut text = serde_json::to_string(&reply).expect("plain data serializes");
            text.push('\n');
            if output
                .write_all(text.as_bytes())
                .and_then(|()| output.flush())
                .is_err()
            {
                return 1;
            }
        }
    }
    0
}

/// A JSON-RPC error reply.
fn error(id: Value, code: ErrorCode, message: impl Into<String>) -> Value {
    let data = ErrorData::new(code, message.into(), None);
    json!({"jsonrpc": "2.0", "id": id, "error": data})
}

impl Session {
    /// The reply to one line, if it asks for one.
    fn handle(&mut self, line: &str) -> Option<Value> {
        let message: Value = match serde_json::from_str(line) {
            Ok(m) => m,
            Err(e) => {
                return Some(error(
                    Value::Null,
                    ErrorCode::PARSE_ERROR,
                    format!("not JSON: {e}"),
                ));
            }
        };
        let Some(object) = message.as_object() else {
            return Some(error(
                Value::Null,
                ErrorCode::INVALID_REQUEST,
                "a message is one JSON-RPC object (batches are not taken)",
            ));
        };
        let id = object.get("id").cloned();
        let method = object.get("method").and_then(Value::as_str);
        let valid_id = id
            .as_ref()
            .is_none_or(|i| i.is_string() || i.is_i64() || i.is_u64());
        let Some(method) =
            method.filter(|_| valid_id && object.get("jsonrpc") == Some(&json!("2.0")))
        else {
            // A client's reply to a request of ours (we make none) is dropped.
            if object.contains_key("result") || object.contains_key("error") {
                return None;
            }
            let id = id.filter(|_| valid_id).unwrap_or(Value::Null);
            return Some(error(
                id,
                ErrorCode::INVALID_REQUEST,
                "not a JSON-RPC 2.0 request",
            ));
        };
        // Notifications (`notifications/initialized`, `…/cancelled`) need no reply.
        let id = id?;
        let params = object.get("params").cloned().unwrap_or(json!({}));
        let result = match method {
            "initialize" => Ok(self.initialize(&params)),
            "ping" => Ok(json!({})),
            "tools/list" => Ok(json!({"tools": tools::list()})),
            "tools/call" => tools::call(self, &params),
            "resources/list" => Ok(json!({"resources": resources::list()})),
            "resources/templates/list" => Ok(json!({"resourceTemplates": []})),
            "resources/read" => resources::read(self, &params),
            _ => Err((
                ErrorCode::METHOD_NOT_FOUND,
                format!("unknown method `{method}`"),
            )),
        };
        Some(match result {
            Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
            Err((code, message)) => error(id, code, message),
        })
    }

    /// `initialize`: the revision the client asked for when spoken, else
    /// the newest spoken; the server's name, version and capabilities.
    fn initialize(&mut self, params: &Value) -> Value {
        let asked = params["protocolVersion"].as_str().unwrap_or_default();
        let revision = REVISIONS
            .iter()
            .find(|r| r.as_str() == asked)
            .unwrap_or(&REVISIONS[0])
            .clone();
        self.revision = Some(revision.clone());
        json!({
            "protocolVersion": revision,
            "capabilities": {"tools": {"listChanged": false}, "resources": {"listChanged": false}},
            "serverInfo": {
                "name": "stratlint",
                "title": "stratlint",
                "version": env!("CARGO_PKG_VERSION"),
            },
            "instructions": "Read-only tools over the strategy kept in this repository \
                (objectives, KPIs, principles, tenets, decisions): `check` lints it, `object` \
                shows one object with its facts and links, `search` finds objects, `rule` explains \
                a rule code, `graph`, `trace` and `diff` mirror the CLI's map, trace and diff.",
        })
    }

    /// Whether input errors are tool results (revisions after 2025-06-18)
    /// rather than −32602.
    fn input_errors_are_results(&self) -> bool {
        self.revision
            .as_ref()
            .is_some_and(|r| *r != ProtocolVersion::V_2025_06_18)
    }

    /// The project analyzed as it is now on disk (or as it was `as_of` a
    /// revision or date): through the kept workspace, with history read
    /// again only when HEAD moved.
    fn analysis(&mut self, as_of: Option<&str>) -> Result<Analysis, Fatal> {
        if let Some(rev) = as_of {
            let options = Options {
                now: self.now,
                as_of: Some(rev.to_owned()),
                ..Options::default()
            };
            let project = project::locate_at_commit(&self.cwd, &[], None)?;
            return analysis::analyze(project, &Overlays::new(), &options);
        }
        let (project, cache) = self.workspace.project()?;
        // No client tells of edits: every file's metadata is read again, and
        // the walk is made again for files created or deleted meanwhile.
        cache.forget_walk();
        cache.trust_disk(false);
        let head = history::head_of(&project.root);
        let history_from = match &self.history {
            Some((at, timeline)) if *at == head => Some(timeline.clone()),
            _ => None,
        };
        let read = history_from.is_none();
        // The last analysis's model goes back to the cache, its facts and
        // findings on to this one (files on disk not taken as they were).
        let mut facts_from = None;
        if let Some(mut last) = self.last.take() {
            facts_from = Some(analysis::hand_back(&mut last, &cache, false));
        }
        let options = Options {
            now: self.now,
            history_from,
            parse_cache: Some(cache),
            facts_from,
            ..Options::default()
        };
        let a = analysis::analyze(project, &Overlays::new(), &options)?;
        if read {
            self.history = Some((head, Arc::new(a.timeline.clone())));
        }
        Ok(a)
    }

    /// Hands an analysis of the workspace back after a call, for the next
    /// (one `as_of` a revision, or with other options, is not kept: its
    /// model is not the cache's latest).
    pub fn keep(&mut self, a: Analysis) {
        if a.model.generation.is_some() {
            self.last = Some(a);
        }
    }

    /// An analysis with the options `options` adds, not kept (`check`
    /// with `changed_since`, the report's state and KPI history).
    fn analysis_with(&self, options: Options) -> Result<Analysis, Fatal> {
        let options = Options {
            now: self.now,
            ..options
        };
        let project = project::locate(&self.cwd, &[], None)?;
        analysis::analyze(project, &Overlays::new(), &options)
    }
}
