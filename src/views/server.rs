//! `stratlint server`: the Language Server Protocol over stdio (SPEC §13),
//! first part: live diagnostics. The project of the workspace root is
//! checked with the editor's unsaved texts in place of the files on disk,
//! and `publishDiagnostics` goes out for every strategy file whose
//! diagnostics changed. History is not read yet: the rules that need it
//! are withheld, as SPEC §13 allows until history has been read.
//!
//! Frames are read by a loop of our own over `lsp_server::Message::read`, so
//! that a frame whose content is not JSON is answered (−32700, id null) and
//! the server reads on.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, InitializeResult, Location,
    NumberOrString, Position, PublishDiagnosticsParams, Range, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, Url,
};
use serde_json::Value;

use crate::analysis::{self, Analysis, Options};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::project;
use crate::schema::Severity;
use crate::snapshot::Overlays;
use crate::source::{SourceFile, Span};

/// Where each rule's documentation lives (`codeDescription`).
const DOCS: &str = "https://github.com/stratlint/stratlint/blob/main/docs/rules/";

/// The server's state between messages.
struct Server {
    /// The workspace root (absolute).
    root: Option<PathBuf>,
    /// The editor's texts of open files, by absolute path.
    open: Overlays,
    /// What was last published, by document URI.
    published: BTreeMap<Url, Vec<lsp_types::Diagnostic>>,
    /// Whether `shutdown` was received.
    shut_down: bool,
    /// `--now`, for tests.
    now: Option<Date>,
    /// The last analysis, for navigation requests.
    last: Option<Analysis>,
}

/// Runs the server on `input` and `output` until `exit`; the process exit
/// code (0 after `shutdown`, 1 otherwise, as LSP says).
pub fn run(input: &mut impl BufRead, output: &mut impl Write, now: Option<Date>) -> i32 {
    let mut server = Server {
        root: None,
        open: Overlays::new(),
        published: BTreeMap::new(),
        shut_down: false,
        now,
        last: None,
    };
    loop {
        let message = match Message::read(input) {
            Ok(Some(m)) => m,
            // End of input without `exit`.
            Ok(None) => return 1,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                // Content that is not a JSON-RPC message: a parse error, id null.
                if parse_error(output, &e.to_string()).is_err() {
                    return 1;
                }
                continue;
            }
            Err(_) => return 1,
        };
        let mut out = Vec::new();
        let exit = server.handle(message, &mut out);
        for m in out {
            if m.write(output).is_err() {
                return 1;
            }
        }
        if let Some(code) = exit {
            return code;
        }
    }
}

/// Writes a −32700 response with id null (lsp-server's ids cannot be null).
fn parse_error(output: &mut dyn Write, why: &str) -> std::io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": -32700, "message": format!("parse error: {why}") },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

impl Server {
    /// Handles one message, pushing what to send; `Some(code)` on `exit`.
    fn handle(&mut self, message: Message, out: &mut Vec<Message>) -> Option<i32> {
        match message {
            Message::Request(r) => self.request(r, out),
            Message::Notification(n) => return self.notification(n, out),
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, r: Request, out: &mut Vec<Message>) {
        let reply = |out: &mut Vec<Message>, result: Result<Value, (ErrorCode, String)>| {
            out.push(Message::Response(match result {
                Ok(v) => Response::new_ok(r.id.clone(), v),
                Err((code, msg)) => Response::new_err(r.id.clone(), code as i32, msg),
            }));
        };
        if self.shut_down {
            return reply(
                out,
                Err((ErrorCode::InvalidRequest, "the server is shut down".into())),
            );
        }
        match r.method.as_str() {
            "initialize" => {
                let params: lsp_types::InitializeParams =
                    match serde_json::from_value(r.params.clone()) {
                        Ok(p) => p,
                        Err(e) => {
                            return reply(out, Err((ErrorCode::InvalidParams, e.to_string())));
                        }
                    };
                self.root = root_of(&params);
                reply(
                    out,
                    Ok(serde_json::to_value(capabilities()).unwrap_or_default()),
                );
            }
            "textDocument/definition" | "textDocument/references" => {
                let params: lsp_types::TextDocumentPositionParams =
                    match serde_json::from_value(r.params.clone()) {
                        Ok(p) => p,
                        Err(e) => {
                            return reply(out, Err((ErrorCode::InvalidParams, e.to_string())));
                        }
                    };
                let declaration = r
                    .params
                    .pointer("/context/includeDeclaration")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                let found = self.last.as_ref().map(|a| {
                    if r.method == "textDocument/definition" {
                        navigation::definition(a, &params).into_iter().collect()
                    } else {
                        navigation::references(a, &params, declaration)
                    }
                });
                let found: Vec<Location> = found.unwrap_or_default();
                let value = if r.method == "textDocument/definition" {
                    // One location, or null.
                    found
                        .first()
                        .and_then(|l| serde_json::to_value(l).ok())
                        .unwrap_or(Value::Null)
                } else {
                    serde_json::to_value(found).unwrap_or_default()
                };
                reply(out, Ok(value));
            }
            "textDocument/hover" => {
                let params: lsp_types::TextDocumentPositionParams =
                    match serde_json::from_value(r.params.clone()) {
                        Ok(p) => p,
                        Err(e) => {
                            return reply(out, Err((ErrorCode::InvalidParams, e.to_string())));
                        }
                    };
                let hover = self
                    .last
                    .as_ref()
                    .and_then(|a| navigation::hover(a, &params));
                let value = hover
                    .and_then(|h| serde_json::to_value(h).ok())
                    .unwrap_or(Value::Null);
                reply(out, Ok(value));
            }
            "shutdown" => {
                self.shut_down = true;
                reply(out, Ok(Value::Null));
            }
            other => reply(
                out,
                Err((
                    ErrorCode::MethodNotFound,
                    format!("unknown method `{other}`"),
                )),
            ),
        }
    }

    fn notification(&mut self, n: Notification, out: &mut Vec<Message>) -> Option<i32> {
        let path = |params: &Value| -> Option<PathBuf> {
            let uri = params.pointer("/textDocument/uri")?.as_str()?;
            Url::parse(uri).ok()?.to_file_path().ok()
        };
        match n.method.as_str() {
            "exit" => return Some(if self.shut_down { 0 } else { 1 }),
            "initialized" => self.recheck(out),
            "textDocument/didOpen" => {
                let text = n
                    .params
                    .pointer("/textDocument/text")
                    .and_then(Value::as_str);
                if let (Some(p), Some(text)) = (path(&n.params), text) {
                    self.open.insert(p, text.to_owned());
                    self.recheck(out);
                }
            }
            "textDocument/didChange" => {
                let changes = n
                    .params
                    .pointer("/contentChanges")
                    .and_then(Value::as_array);
                if let (Some(p), Some(changes)) = (path(&n.params), changes) {
                    // A change for a file never opened applies to its text on disk.
                    let mut text = match self.open.get(&p) {
                        Some(t) => t.clone(),
                        None => std::fs::read_to_string(&p).unwrap_or_default(),
                    };
                    for change in changes {
                        apply(&mut text, change);
                    }
                    self.open.insert(p, text);
                    self.recheck(out);
                }
            }
            "textDocument/didClose" => {
                if let Some(p) = path(&n.params) {
                    self.open.remove(&p);
                    self.recheck(out);
                }
            }
            "textDocument/didSave" => self.recheck(out),
            _ => {}
        }
        None
    }

    /// Checks the project with the open texts, publishing what changed.
    fn recheck(&mut self, out: &mut Vec<Message>) {
        let Some(root) = &self.root else { return };
        let options = Options {
            now: self.now,
            no_history: true,
            ..Options::default()
        };
        let analysis = project::locate(root, &[], None)
            .and_then(|p| analysis::analyze(p, &self.open, &options));
        let mut now: BTreeMap<Url, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        match analysis {
            Ok(a) => {
                for d in &a.diagnostics {
                    if let Some((uri, diagnostic)) = to_lsp(&a, d) {
                        now.entry(uri).or_default().push(diagnostic);
                    }
                }
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
            }
        }
        // Every file whose diagnostics changed, cleared ones included.
        let uris: Vec<Url> = self.published.keys().chain(now.keys()).cloned().collect();
        for uri in uris {
            let new = now.get(&uri).cloned().unwrap_or_default();
            if self.published.get(&uri).is_some_and(|old| *old == new)
                || (new.is_empty() && !self.published.contains_key(&uri))
            {
                continue;
            }
            let params = PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: new.clone(),
                version: None,
            };
            out.push(Message::Notification(Notification::new(
                "textDocument/publishDiagnostics".into(),
                params,
            )));
            if new.is_empty() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, new);
            }
        }
    }
}

/// Applies one `contentChanges` entry: a range and its new text, or (with
/// no range) the whole text.
fn apply(text: &mut String, change: &Value) {
    let Some(new) = change.get("text").and_then(Value::as_str) else {
        return;
    };
    let Some(range) = change
        .get("range")
        .and_then(|r| serde_json::from_value::<Range>(r.clone()).ok())
    else {
        *text = new.to_owned();
        return;
    };
    let start = byte_offset(text, range.start);
    let end = byte_offset(text, range.end).max(start);
    text.replace_range(start..end, new);
}

/// The byte offset of an LSP position (UTF-16 characters) in `text`; past
/// the end of a line, its end; past the last line, the end of the text.
fn byte_offset(text: &str, p: Position) -> usize {
    let mut start = 0;
    for _ in 0..p.line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= p.character as usize || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
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
            text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "stratlint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// A diagnostic as LSP has it, with its document's URI.
fn to_lsp(a: &Analysis, d: &Diagnostic) -> Option<(Url, lsp_types::Diagnostic)> {
    let file = a.model.files.get(d.file)?;
    let uri = uri_of(&file.path)?;
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let f = a.model.files.get(r.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri_of(&f.path)?,
                    range: range(f, r.span),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    let diagnostic = lsp_types::Diagnostic {
        range: range(file, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        code_description: Url::parse(&format!("{DOCS}{}.md", d.code.as_str()))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("stratlint".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    };
    Some((uri, diagnostic))
}

/// Definition and references over the last analysis's graph.
mod navigation {
    use lsp_types::{Location, TextDocumentPositionParams};

    use super::{range, uri_of};
    use crate::analysis::Analysis;
    use crate::source::SourceFile;

    /// The file at a document URI and the byte offset of a position in it.
    fn at(a: &Analysis, p: &TextDocumentPositionParams) -> Option<(usize, usize)> {
        let path = p.text_document.uri.to_file_path().ok()?;
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        // The project's root is canonical, so its files' paths are too.
        let file = a.model.files.iter().position(|f| f.path == path)?;
        Some((file, offset(&a.model.files[file], p.position)))
    }

    /// The byte offset of an LSP position (UTF-16 characters).
    fn offset(file: &SourceFile, p: lsp_types::Position) -> usize {
        super::byte_offset(&file.text, p)
    }

    /// The object a position names: the target of a reference written
    /// there, or the object whose id is written there.
    fn named(a: &Analysis, p: &TextDocumentPositionParams) -> Option<usize> {
        let (file, at) = at(a, p)?;
        let inside = |s: crate::source::Span| s.start <= at && at <= s.end;
        a.graph
            .edges()
            .iter()
            .find(|e| e.file == file && inside(e.span))
            .map(|e| e.to)
            .or_else(|| {
                a.model
                    .objects
                    .iter()
                    .position(|o| o.file == file && o.id().is_some() && inside(o.anchor))
            })
    }

    /// Where an object is defined.
    fn location(a: &Analysis, i: usize) -> Option<Location> {
        let o = &a.model.objects[i];
        let f = a.model.files.get(o.file)?;
        Some(Location {
            uri: uri_of(&f.path)?,
            range: range(f, o.anchor),
        })
    }

    /// Hover: the named object's kind, id, title, owner and progress.
    pub fn hover(a: &Analysis, p: &TextDocumentPositionParams) -> Option<lsp_types::Hover> {
        let i = named(a, p)?;
        let o = &a.model.objects[i];
        let mut text = format!("**{}** `{}`", o.kind.name(), o.id().unwrap_or_default());
        if let Some(t) = &o.title {
            text.push_str(&format!(": {}", t.value));
        }
        if let Some(w) = &o.owner {
            text.push_str(&format!("\n\nowner: {}", w.value));
        }
        if let Some(Some(progress)) = a.metrics.progress.get(i) {
            text.push_str(&format!("\n\nprogress: {:.0}%", progress * 100.0));
        }
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    /// Go to definition: the object a reference names, or an owner's entry
    /// in the owners registry.
    pub fn definition(a: &Analysis, p: &TextDocumentPositionParams) -> Option<Location> {
        if let Some(i) = named(a, p) {
            return location(a, i);
        }
        let (file, at) = at(a, p)?;
        let owner = a.model.objects.iter().find_map(|o| {
            let w = o.owner.as_ref()?;
            (o.file == file && w.span.start <= at && at <= w.span.end).then_some(w)
        })?;
        let registry = a.model.registry.as_ref()?;
        let id = owner.value.trim_start_matches('@');
        let span = registry
            .people
            .get(id)
            .map(|p| p.span)
            .or_else(|| registry.teams.get(id).map(|t| t.span))?;
        let f = a.model.files.get(registry.file)?;
        Some(Location {
            uri: uri_of(&f.path)?,
            range: range(f, span),
        })
    }

    /// Find references: every place the object at the position is named
    /// (and its definition, when asked).
    pub fn references(
        a: &Analysis,
        p: &TextDocumentPositionParams,
        declaration: bool,
    ) -> Vec<Location> {
        let Some(i) = named(a, p) else {
            return Vec::new();
        };
        let mut out: Vec<Location> = declaration
            .then(|| location(a, i))
            .flatten()
            .into_iter()
            .collect();
        for e in a.graph.edges().iter().filter(|e| e.to == i) {
            if let Some(f) = a.model.files.get(e.file) {
                if let Some(uri) = uri_of(&f.path) {
                    out.push(Location {
                        uri,
                        range: range(f, e.span),
                    });
                }
            }
        }
        out
    }
}

/// A file's URI (its path is below the project's canonical root).
fn uri_of(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

/// A span as an LSP range: lines from 0, characters in UTF-16 code units.
fn range(file: &SourceFile, span: Span) -> Range {
    Range {
        start: position(file, span.start),
        end: position(file, span.end.max(span.start)),
    }
}

/// A byte offset as an LSP position.
fn position(file: &SourceFile, offset: usize) -> Position {
    let p = file.position(offset);
    let start = file.line_start(p.line);
    let end = file.clamp(offset).max(start);
    let character = file.text[start..end].encode_utf16().count();
    Position {
        line: u32::try_from(p.line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(character).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_changes_count_utf16_units() {
        let mut text = "a = \"z\u{1f680}x\"\nb = 1\n".to_owned();
        // Replace the `x` after the emoji (2 UTF-16 units) on line 0.
        let change = serde_json::json!({
            "range": {"start": {"line": 0, "character": 8}, "end": {"line": 0, "character": 9}},
            "text": "y"
        });
        apply(&mut text, &change);
        assert_eq!(text, "a = \"z\u{1f680}y\"\nb = 1\n");
        // Insert at the start of line 1, and past the end of the text.
        apply(
            &mut text,
            &serde_json::json!({"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "# c\n"}),
        );
        apply(
            &mut text,
            &serde_json::json!({"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}}, "text": "z = 2\n"}),
        );
        assert_eq!(text, "a = \"z\u{1f680}y\"\n# c\nb = 1\nz = 2\n");
        // No range: the whole text.
        apply(&mut text, &serde_json::json!({"text": "new"}));
        assert_eq!(text, "new");
    }
}
