//! `stratlint server`: the Language Server Protocol over stdio (SPEC §13).
//!
//! The project of the workspace root is checked with the editor's unsaved
//! texts in place of the files on disk, and `publishDiagnostics` goes out
//! for every strategy file whose diagnostics changed. History is read once
//! on a thread of its own ([`history`]); until it has been, the rules that
//! need it are withheld, and then its dates serve every re-check until HEAD
//! moves. A burst of changes is debounced into one re-check: the changes
//! that arrive while one runs are applied together before the next.
//!
//! Frames are read by a loop of our own over `lsp_server::Message::read`
//! on a reader thread, so that a frame whose content is not JSON is
//! answered (−32700, id null) and the server reads on.

mod actions;
mod completion;
mod diagnostics;
pub(crate) mod history;
mod navigation;
mod text;
pub(crate) mod workspace;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, InitializeResult, Location, OneOf,
    RenameOptions, ServerCapabilities, ServerInfo, TextDocumentPositionParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::analysis::{self, Analysis, Options};
use crate::date::Date;
use crate::history::Timeline;
use crate::schema::{Code, Need};
use crate::snapshot::Overlays;

/// How long a change waits for the next one before the project is
/// re-checked. Short: the changes that arrive while a re-check runs are
/// applied together before the next, and a re-check that a newer change
/// overtook is not published (see [`Server::recheck`]), so a typing burst
/// costs a few re-checks and one publish, not one of each per change.
const DEBOUNCE: Duration = Duration::from_millis(2);

/// What the main loop reacts to.
enum Event {
    /// A message from the client.
    Message(Message),
    /// A frame whose content is not a JSON-RPC message.
    Garbage(String),
    /// The client's input ended (or failed).
    End,
    /// History has been read.
    History(history::Read),
    /// Whether a file on disk changed behind a trusting re-check.
    Disk(bool),
}

/// The server's state between messages.
struct Server {
    /// The workspace root (absolute).
    root: Option<PathBuf>,
    /// The project and what is kept of it between edits.
    workspace: Option<workspace::Workspace>,
    /// The editor's texts of open files, by absolute path.
    open: Overlays,
    /// The workspace root's URI as the editor gave it, and as the files'
    /// canonical paths spell it, when the two differ (a symbolic link on
    /// the way): URIs the server sends are written the editor's way.
    alias: Option<(String, String)>,
    /// What was last published, by document URI.
    published: diagnostics::ByUri,
    /// Files opened since the last check: published after it even when
    /// their diagnostics did not change (by the URI the editor used).
    opened: std::collections::BTreeSet<Url>,
    /// Whether `shutdown` was received.
    shut_down: bool,
    /// `--now`, for tests.
    now: Option<Date>,
    /// The last analysis, for requests.
    last: Option<Analysis>,
    /// When the project must be re-checked (changes are pending).
    due: Option<Instant>,
    /// History as last read: the HEAD it was read at and its timeline.
    history: Option<(Option<String>, Arc<Timeline>)>,
    /// Whether a read of history is under way.
    reading: bool,
    /// Where the history thread reports.
    events: Sender<Event>,
    /// Events taken from the inbox while a re-check ran, handled next.
    pending: std::collections::VecDeque<Event>,
    /// Whether the next re-check reads the metadata of every file on disk
    /// (else it trusts what the last one found: see [`Server::verify`]).
    restat: bool,
    /// The documents opened, changed or closed since the last re-check:
    /// one that is not a file of the last model may be read by a check
    /// beyond the model (a link's target), which then runs again.
    edited: Vec<PathBuf>,
    /// Whether a check of the disk is under way.
    verifying: bool,
    /// A check of the disk to start when the one under way ends (a
    /// re-check trusted the disk meanwhile).
    reverify: Option<std::sync::Arc<crate::load::ParseCache>>,
}

/// Runs the server on `input` and `output` until `exit`; the process exit
/// code (0 after `shutdown`, 1 otherwise, as LSP says).
pub fn run<R: BufRead + Send + 'static>(
    input: R,
    output: &mut impl Write,
    now: Option<Date>,
) -> i32 {
    let (events, inbox) = mpsc::channel();
    read_frames(input, events.clone());
    let mut server = Server {
        root: None,
        workspace: None,
        open: Overlays::new(),
        alias: None,
        opened: Default::default(),
        published: diagnostics::ByUri::new(),
        shut_down: false,
        now,
        last: None,
        due: None,
        history: None,
        reading: false,
        events,
        pending: Default::default(),
        restat: true,
        edited: Vec::new(),
        verifying: false,
        reverify: None,
    };
    server.serve(&inbox, output)
}

/// Reads frames on a thread of its own, sending each as an event. The
/// thread is not joined: it ends with the input, or with the process.
fn read_frames<R: BufRead + Send + 'static>(mut input: R, events: Sender<Event>) {
    let spawned = std::thread::Builder::new()
        .name("server-input".into())
        .spawn(move || {
            loop {
                let event = match Message::read(&mut input) {
                    Ok(Some(m)) => Event::Message(m),
                    Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                        Event::Garbage(e.to_string())
                    }
                    Ok(None) | Err(_) => Event::End,
                };
                let end = matches!(event, Event::End);
                if events.send(event).is_err() || end {
                    return;
                }
            }
        });
    if spawned.is_err() {
        eprintln!("stratlint server: cannot start reading input");
    }
}

/// Writes the error response for a frame that is not a message, with id
/// null (lsp-server's ids cannot be null): −32600 for JSON that is not a
/// JSON-RPC message (lsp-server's reader says its data matched no kind of
/// message), −32700 for content that is not JSON at all.
fn parse_error(output: &mut dyn Write, why: &str) -> std::io::Result<()> {
    let (code, what) = if why.contains("did not match any variant") {
        (-32600, "invalid request")
    } else {
        (-32700, "parse error")
    };
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": format!("{what}: {why}") },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

/// A request's params, or a −32602 error.
fn params<T: DeserializeOwned>(r: &Request) -> Result<T, (ErrorCode, String)> {
    serde_json::from_value(r.params.clone()).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// A value as a JSON result (null for none).
fn json<T: serde::Serialize>(value: Option<T>) -> Value {
    value
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or(Value::Null)
}

impl Server {
    /// The main loop: events in, messages out, until `exit` or the end of
    /// input.
    fn serve(&mut self, inbox: &Receiver<Event>, output: &mut impl Write) -> i32 {
        loop {
            let event = match (self.pending.pop_front(), self.due) {
                (Some(e), _) => e,
                (None, Some(due)) => {
                    match inbox.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(e) => e,
                        Err(RecvTimeoutError::Timeout) => {
                            let mut out = Vec::new();
                            self.recheck(&mut out, Some(inbox));
                            if !write_all(output, out) {
                                return 1;
                            }
                            continue;
                        }
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
                (None, None) => match inbox.recv() {
                    Ok(e) => e,
                    Err(_) => return 1,
                },
            };
            let mut out = Vec::new();
            let exit = match event {
                Event::Message(m) => self.handle(m, &mut out),
                Event::Garbage(why) => {
                    if parse_error(output, &why).is_err() {
                        return 1;
                    }
                    None
                }
                Event::End => Some(1),
                Event::Disk(changed) => {
                    self.verifying = false;
                    let again = self.reverify.take();
                    if changed {
                        self.restat = true;
                        self.soon(Duration::ZERO);
                    } else if let Some(cache) = again {
                        self.verify(cache);
                    }
                    None
                }
                Event::History(read) => {
                    self.reading = false;
                    match read.timeline {
                        Ok(t) => {
                            self.history = Some((read.head, t));
                            self.soon(Duration::ZERO);
                        }
                        Err(e) => eprintln!("stratlint server: history not read: {e}"),
                    }
                    None
                }
            };
            if !write_all(output, out) {
                return 1;
            }
            if let Some(code) = exit {
                return code;
            }
        }
    }

    /// Asks for a re-check within `delay` (sooner if one is already due).
    fn soon(&mut self, delay: Duration) {
        let at = Instant::now() + delay;
        self.due = Some(self.due.map_or(at, |d| d.min(at)));
    }

    /// Re-checks now if changes are pending, so that a request is answered
    /// from the text the client has.
    fn settle(&mut self, out: &mut Vec<Message>) {
        if self.due.is_some() {
            self.recheck(out, None);
        }
    }

    /// Handles one message, pushing what to send; `Some(code)` on `exit`.
    fn handle(&mut self, message: Message, out: &mut Vec<Message>) -> Option<i32> {
        match message {
            Message::Request(r) => {
                let id = r.id.clone();
                let result = if self.shut_down {
                    Err((ErrorCode::InvalidRequest, "the server is shut down".into()))
                } else {
                    self.request(&r, out)
                };
                let result = result.map(|mut v| {
                    if let Some((given, canonical)) = &self.alias {
                        rewrite(&mut v, canonical, given);
                    }
                    v
                });
                out.push(Message::Response(match result {
                    Ok(v) => Response::new_ok(id, v),
                    Err((code, msg)) => Response::new_err(id, code as i32, msg),
                }));
            }
            Message::Notification(n) => return self.notification(n),
            // A client's response always has a result or an error: without
            // either it is a request whose method is not a string.
            Message::Response(r) if r.result.is_none() && r.error.is_none() => {
                let message = "invalid request: no method, result or error".to_owned();
                out.push(Message::Response(Response::new_err(
                    r.id,
                    ErrorCode::InvalidRequest as i32,
                    message,
                )));
            }
            Message::Response(_) => {}
        }
        None
    }

    /// Answers a request.
    fn request(
        &mut self,
        r: &Request,
        out: &mut Vec<Message>,
    ) -> Result<Value, (ErrorCode, String)> {
        if r.method != "initialize" && r.method != "shutdown" {
            self.settle(out);
        }
        let last = self.last.as_ref();
        match r.method.as_str() {
            "initialize" => {
                let p: lsp_types::InitializeParams = params(r)?;
                let given = root_of(&p);
                self.root = given.clone().map(canonical);
                self.workspace = self.root.clone().map(workspace::Workspace::new);
                self.alias = match (
                    given.as_deref().and_then(text::uri_of),
                    self.root.as_deref().and_then(text::uri_of),
                ) {
                    (Some(g), Some(c)) if g != c => Some((
                        format!("{}/", g.as_str().trim_end_matches('/')),
                        format!("{}/", c.as_str().trim_end_matches('/')),
                    )),
                    _ => None,
                };
                Ok(json(Some(capabilities())))
            }
            "shutdown" => {
                self.shut_down = true;
                Ok(Value::Null)
            }
            "textDocument/definition" => {
                let p: TextDocumentPositionParams = params(r)?;
                Ok(json(last.and_then(|a| navigation::definition(a, &p))))
            }
            "textDocument/references" => {
                let p: lsp_types::ReferenceParams = params(r)?;
                let declaration = p.context.include_declaration;
                let p = p.text_document_position;
                let found: Vec<Location> = last
                    .map(|a| navigation::references(a, &p, declaration))
                    .unwrap_or_default();
                Ok(json(Some(found)))
            }
            "textDocument/hover" => {
                let p: TextDocumentPositionParams = params(r)?;
                Ok(json(last.and_then(|a| navigation::hover(a, &p))))
            }
            "textDocument/completion" => {
                let p: lsp_types::CompletionParams = params(r)?;
                let p = p.text_document_position;
                let path = p.text_document.uri.to_file_path().ok().map(canonical);
                let buffer = path.as_ref().and_then(|p| self.open.get(p)).cloned();
                let text = buffer.or_else(|| {
                    let a = last?;
                    let f = navigation::file_of(a, &p.text_document.uri)?;
                    Some(a.model.files[f].text.to_string())
                });
                let items = text
                    .map(|t| {
                        let at = text::byte_offset(&t, p.position);
                        completion::at(last, &t, at)
                    })
                    .unwrap_or_default();
                Ok(json(Some(items)))
            }
            "textDocument/codeAction" => {
                let p: lsp_types::CodeActionParams = params(r)?;
                let today = self.today();
                let actions = last
                    .and_then(|a| {
                        let file = navigation::file_of(a, &p.text_document.uri)?;
                        Some(actions::for_range(a, file, p.range, today))
                    })
                    .unwrap_or_default();
                Ok(json(Some(actions)))
            }
            "textDocument/prepareRename" => {
                let p: TextDocumentPositionParams = params(r)?;
                Ok(json(last.and_then(|a| navigation::prepare_rename(a, &p))))
            }
            "textDocument/rename" => {
                let p: lsp_types::RenameParams = params(r)?;
                match last {
                    Some(a) => navigation::rename(a, &p.text_document_position, &p.new_name)
                        .map(json)
                        .map_err(|e| (ErrorCode::InvalidParams, e)),
                    None => Ok(Value::Null),
                }
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("unknown method `{other}`"),
            )),
        }
    }

    /// Today (UTC), or `--now`: the date "mark reviewed today" writes.
    fn today(&self) -> Date {
        self.now
            .unwrap_or_else(|| Date::from_unix(crate::date::clock()))
    }

    /// Handles a notification; `Some(code)` on `exit`.
    fn notification(&mut self, n: Notification) -> Option<i32> {
        let path = |params: &Value| -> Option<PathBuf> {
            let uri = params.pointer("/textDocument/uri")?.as_str()?;
            Some(canonical(Url::parse(uri).ok()?.to_file_path().ok()?))
        };
        match n.method.as_str() {
            "exit" => return Some(if self.shut_down { 0 } else { 1 }),
            "initialized" => {
                self.soon(Duration::ZERO);
                self.read_history();
            }
            "textDocument/didOpen" => {
                let text = n
                    .params
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str);
                if let (Some(p), Some(text)) = (path(&n.params), text) {
                    let uri = n
                        .params
                        .pointer("/textDocument/uri")
                        .and_then(Value::as_str);
                    if let Some(uri) = uri.and_then(|u| Url::parse(u).ok()) {
                        self.opened.insert(uri);
                    }
                    self.edited.push(p.clone());
                    self.open.insert(p, text.to_owned());
                    self.soon(Duration::ZERO);
                }
            }
            "textDocument/didChange" => {
                let changes = n
                    .params
                    .pointer("/contentChanges")
                    .and_then(Value::as_array);
                if let (Some(p), Some(changes)) = (path(&n.params), changes) {
                    // A change for a file never opened applies to its text on disk.
                    let mut text = match self.open.remove(&p) {
                        Some(t) => t,
                        None => std::fs::read(&p)
                            .map(|b| String::from_utf8_lossy(&b).into_owned())
                            .unwrap_or_default(),
                    };
                    for change in changes {
                        text::apply(&mut text, change);
                    }
                    // The config is read from disk: an edit to it counts
                    // once saved, but it is read again from now on.
                    if workspace::is_config(&p) {
                        self.workspace_mut()
                            .map(workspace::Workspace::config_changed);
                    }
                    self.edited.push(p.clone());
                    self.open.insert(p, text);
                    self.soon(DEBOUNCE);
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = path(&n.params) {
                    self.open.remove(&p);
                    self.edited.push(p);
                    self.soon(Duration::ZERO);
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => {
                self.soon(Duration::ZERO);
                self.restat = true;
                if let Some(ws) = &mut self.workspace {
                    if n.method == "textDocument/didSave" {
                        if let Some(p) = path(&n.params) {
                            ws.saved(&p);
                        }
                    } else {
                        watched(ws, &n.params);
                    }
                }
                // A commit moves HEAD: read history again.
                if let (Some(root), Some((head, _))) = (&self.root, &self.history) {
                    if history::head_of(root) != *head {
                        self.read_history();
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Starts reading history in the background, unless a read is under way.
    fn read_history(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        if self.reading {
            return;
        }
        self.reading = true;
        history::start(
            root,
            self.open.clone(),
            self.now,
            self.events.clone(),
            Event::History,
        );
    }

    /// Checks on a thread of its own, unless a check is under way, whether
    /// a file on disk changed since a trusting re-check took it as kept
    /// (changed by a tool, with no event from the editor): if one did,
    /// the project is re-checked reading the metadata of every file.
    fn verify(&mut self, cache: std::sync::Arc<crate::load::ParseCache>) {
        if self.verifying {
            // The check under way may have looked before this re-check: one
            // more follows it.
            self.reverify = Some(cache);
            return;
        }
        self.verifying = true;
        let events = self.events.clone();
        let spawned = std::thread::Builder::new()
            .name("server-disk".into())
            .spawn(move || {
                let _ = events.send(Event::Disk(cache.disk_changed()));
            });
        if spawned.is_err() {
            self.verifying = false;
            self.restat = true;
        }
    }

    /// The workspace, once `initialize` named its root.
    fn workspace_mut(&mut self) -> Option<&mut workspace::Workspace> {
        self.workspace.as_mut()
    }

    /// Checks the project with the open texts, publishing what changed.
    /// With the `inbox`, what arrived meanwhile is taken from it first: a
    /// change among it has made this re-check stale, and then nothing is
    /// published (the change's own re-check will).
    fn recheck(&mut self, out: &mut Vec<Message>, inbox: Option<&Receiver<Event>>) {
        self.due = None;
        let Some(ws) = &mut self.workspace else {
            return;
        };
        let history_from = self.history.as_ref().map(|(_, t)| t.clone());
        let no_history = self.history.is_none();
        let now = self.now;
        let open = &self.open;
        let last = self.last.take();
        // Files on disk are taken as their metadata last vouched for them,
        // unless the editor reported some saved or changed, or the check
        // after the last publish found some changed (see `verify`).
        let trust = !std::mem::take(&mut self.restat);
        let edited = std::mem::take(&mut self.edited);
        let mut kept = None;
        let analysis = ws.project().and_then(|(project, cache)| {
            // The last model goes back to the cache as it was loaded, for
            // this load to splice the changed files into; the rest of the
            // last analysis is freed off the path of the reply.
            let mut facts_from = None;
            if let Some(mut last) = last {
                // Files beyond the model as they were: nothing on disk
                // changed, and only the model's files were edited.
                let beyond = edited.iter().any(|p| last.model.file_at(p).is_none());
                facts_from = Some(analysis::hand_back(&mut last, &cache, trust && !beyond));
                free(last);
            }
            cache.trust_disk(trust);
            kept = Some(cache.clone());
            let options = Options {
                now,
                no_history,
                history_from,
                parse_cache: Some(cache),
                facts_from,
                ..Options::default()
            };
            analysis::analyze(project, open, &options)
        });
        if let (true, Some(cache)) = (trust, kept) {
            self.verify(cache);
        }
        if let Some(inbox) = inbox {
            self.pending.extend(inbox.try_iter());
            if self.pending.iter().any(changes_text) {
                // Not published, but newer than what was: requests read it.
                self.last = analysis.ok();
                return;
            }
        }
        match analysis {
            Ok(mut a) => {
                if self.history.is_none() {
                    // Withheld until history is read, not reported as unknown ages.
                    a.diagnostics.retain(|d| !withheld(d.code));
                }
                let mut now = diagnostics::of(&a);
                if let Some((given, canonical)) = &self.alias {
                    now = now
                        .into_iter()
                        .map(|(uri, d)| (aliased(uri, canonical, given), d))
                        .collect();
                }
                diagnostics::publish(&mut self.published, now, &self.opened, out);
                self.opened.clear();
                self.last = Some(a);
            }
            Err(e) => {
                let message = lsp_types::ShowMessageParams {
                    typ: lsp_types::MessageType::ERROR,
                    message: format!("stratlint: {e}"),
                };
                out.push(Message::Notification(Notification::new(
                    "window/showMessage".into(),
                    message,
                )));
                diagnostics::publish(
                    &mut self.published,
                    diagnostics::ByUri::new(),
                    &self.opened,
                    out,
                );
                self.opened.clear();
            }
        }
    }
}

/// Frees an analysis on a thread of its own, off the path of the reply.
fn free(analysis: Analysis) {
    let _ = std::thread::Builder::new()
        .name("server-free".into())
        .spawn(move || drop(analysis));
}

/// Whether an event changes what a re-check would see.
fn changes_text(event: &Event) -> bool {
    match event {
        Event::Disk(changed) => *changed,
        Event::Message(Message::Notification(n)) => matches!(
            n.method.as_str(),
            "textDocument/didOpen"
                | "textDocument/didChange"
                | "textDocument/didClose"
                | "textDocument/didSave"
                | "workspace/didChangeWatchedFiles"
        ),
        _ => false,
    }
}

/// What a `workspace/didChangeWatchedFiles` means for the workspace: each
/// file created or deleted (types 1 and 3), and each config file changed.
fn watched(ws: &mut workspace::Workspace, params: &Value) {
    let changes = params.pointer("/changes").and_then(Value::as_array);
    for change in changes.into_iter().flatten() {
        let path = change
            .pointer("/uri")
            .and_then(Value::as_str)
            .and_then(|u| Url::parse(u).ok())
            .and_then(|u| u.to_file_path().ok())
            .map(canonical);
        let kind = change.pointer("/type").and_then(Value::as_u64);
        match path {
            Some(p) => ws.changed(&p, kind != Some(2)),
            // A change the server cannot place: walk and locate again.
            None => ws.config_changed(),
        }
    }
}

/// Whether a rule's diagnostics wait for history: those that read it (HL,
/// KPI004) and KPI005, whose last measurement git may know better than
/// `measured` does.
fn withheld(code: Code) -> bool {
    code.needs(Need::History) || matches!(code, Code::KPI005 | Code::KPI008)
}

/// Writes messages; false when the client is gone.
fn write_all(output: &mut impl Write, out: Vec<Message>) -> bool {
    out.into_iter().all(|m| m.write(output).is_ok())
}

/// `uri` with the prefix `from` written as `to`.
fn aliased(uri: Url, from: &str, to: &str) -> Url {
    match uri.as_str().strip_prefix(from) {
        Some(rest) => Url::parse(&format!("{to}{rest}")).unwrap_or(uri),
        None => uri,
    }
}

/// Every string (and object key) in `v` that starts with `from`, with that
/// prefix written as `to`: the URIs of locations and edits.
fn rewrite(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) => {
            if let Some(rest) = s.strip_prefix(from) {
                *s = format!("{to}{rest}");
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| rewrite(i, from, to)),
        Value::Object(map) => {
            let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            for (k, mut value) in entries {
                rewrite(&mut value, from, to);
                let k = match k.strip_prefix(from) {
                    Some(rest) => format!("{to}{rest}"),
                    None => k,
                };
                map.insert(k, value);
            }
        }
        _ => {}
    }
}

/// A path as the project's files are known (the root is canonical): its
/// directory's symbolic links resolved, so an editor that names a file
/// through a link still overlays it. A file that is gone keeps its name.
fn canonical(path: PathBuf) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(&path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(path),
        _ => path,
    }
}

/// The workspace root: the first workspace folder, else `rootUri`.
#[allow(deprecated)]
fn root_of(params: &lsp_types::InitializeParams) -> Option<PathBuf> {
    let uri = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or_else(|| params.root_uri.clone())?;
    uri.to_file_path().ok()
}

/// What the server can do.
fn capabilities() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["\"".into(), "'".into(), "@".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "stratlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}
