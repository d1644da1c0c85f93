//! `stratlint server` (SPEC §13), driven over stdio like an editor would:
//! framed JSON-RPC in, diagnostics out.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

/// A running server and its pipes.
struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Client {
    fn start(dir: &std::path::Path) -> Self {
        let mut child = Command::new(common::binary())
            .args(["server", "--now", "2026-11-25"])
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("server starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        // A hung server must not hang the test suite.
        let id = child.id();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(60));
            let _ = Command::new("kill").arg(id.to_string()).status();
        });
        Client {
            child,
            stdin,
            stdout,
        }
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let mut message = message;
        message["jsonrpc"] = json!("2.0");
        self.send_raw(&message.to_string());
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.stdout.read_line(&mut line).unwrap() > 0,
                "server closed"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// The next response (notifications skipped).
    fn response(&mut self) -> Value {
        loop {
            let m = self.receive();
            if m.get("method").is_none() {
                return m;
            }
        }
    }

    /// The next publishDiagnostics for a URI ending in `file`.
    fn diagnostics_for(&mut self, file: &str) -> Vec<Value> {
        loop {
            let m = self.receive();
            if m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"].as_str().unwrap().ends_with(file)
            {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }
}

const KPIS: &str = "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"z\u{1f680}\"\nbaseline = 1\ntarget = 2\n";
const TREE: &str =
    "[[objective]]\nid = \"CO-1\"\ntitle = \"Grow\"\nlevel = \"company\"\nowner = \"alice\"\n";

#[test]
fn diagnostics_live_with_utf16_ranges_and_errors_answered() {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    p.write("kpis.toml", KPIS);
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = |rel: &str| format!("file://{}/{rel}", root.display());
    let mut c = Client::start(&root);
    c.send(json!({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri("")}}));
    let init = c.receive();
    assert_eq!(init["id"], 1);
    assert_eq!(init["result"]["serverInfo"]["name"], "stratlint");
    c.send(json!({"method": "initialized", "params": {}}));
    // The unknown owner, at its value: the emoji is two UTF-16 code units.
    let ds = c.diagnostics_for("kpis.toml");
    let d = ds.iter().find(|d| d["code"] == "OWN002").expect("OWN002");
    assert_eq!(d["range"]["start"], json!({"line": 4, "character": 8}));
    assert_eq!(d["range"]["end"], json!({"line": 4, "character": 13}));
    assert_eq!(d["severity"], 1);
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("docs/rules/OWN002.md")
    );
    // Garbage is answered with a parse error (id null), and the server reads on.
    c.send_raw("{not json");
    let error = c.response();
    assert_eq!(error["id"], Value::Null);
    assert_eq!(error["error"]["code"], -32700);
    c.send(json!({"id": 2, "method": "no/such", "params": {}}));
    assert_eq!(c.response()["error"]["code"], -32601);
    // The editor's unsaved text fixes the owner: the file's diagnostics clear.
    let fixed = KPIS.replace("z\u{1f680}", "alice");
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri("kpis.toml"), "languageId": "toml", "version": 1, "text": fixed}}}),
    );
    assert_eq!(c.diagnostics_for("kpis.toml"), Vec::<Value>::new());
    // An incremental edit: the owner's value replaced by an unknown one again.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri("kpis.toml"), "version": 2},
        "contentChanges": [{"range": {"start": {"line": 4, "character": 9}, "end": {"line": 4, "character": 14}},
                            "text": "nobody"}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(ds.iter().any(|d| d["code"] == "OWN002"), "{ds:#?}");
    // A change in one file can raise a diagnostic in another: CO-1 renamed away.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri("tree.toml"), "version": 2},
        "contentChanges": [{"text": TREE.replace("CO-1", "CO-2")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(ds.iter().any(|d| d["code"] == "OBJ001"), "{ds:#?}");
    // Nothing was written to disk.
    assert_eq!(
        std::fs::read_to_string(root.join("kpis.toml")).unwrap(),
        KPIS
    );
    // shutdown, then a request is refused, then exit 0.
    c.send(json!({"id": 3, "method": "shutdown"}));
    assert_eq!(c.response()["id"], 3);
    c.send(json!({"id": 4, "method": "initialize", "params": {"capabilities": {}}}));
    assert_eq!(c.response()["error"]["code"], -32600);
    c.send(json!({"method": "exit"}));
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn definition_and_references_follow_the_graph() {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    p.write("kpis.toml", &KPIS.replace("z\u{1f680}", "alice"));
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = |rel: &str| format!("file://{}/{rel}", root.display());
    let mut c = Client::start(&root);
    c.send(json!({"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri("")}}));
    c.response();
    c.send(json!({"method": "initialized", "params": {}}));
    // `objective = "CO-1"` (line 3 from 0), on the id: CO-1's id in tree.toml.
    c.send(
        json!({"id": 2, "method": "textDocument/definition", "params": {
        "textDocument": {"uri": uri("kpis.toml")}, "position": {"line": 3, "character": 15}}}),
    );
    let def = c.response();
    assert_eq!(def["result"]["uri"], uri("tree.toml"), "{def:#}");
    assert_eq!(
        def["result"]["range"]["start"],
        json!({"line": 1, "character": 5})
    );
    // On an owner: its entry in the owners registry.
    c.send(
        json!({"id": 7, "method": "textDocument/definition", "params": {
        "textDocument": {"uri": uri("kpis.toml")}, "position": {"line": 4, "character": 11}}}),
    );
    let owner = c.response();
    assert_eq!(owner["result"]["uri"], uri("owners.toml"), "{owner:#}");
    let registry = std::fs::read_to_string(root.join("owners.toml")).unwrap();
    let line = registry
        .lines()
        .position(|l| l == "[people.alice]")
        .unwrap();
    assert_eq!(owner["result"]["range"]["start"]["line"], line as u64);
    // Nothing there: null.
    c.send(
        json!({"id": 3, "method": "textDocument/definition", "params": {
        "textDocument": {"uri": uri("kpis.toml")}, "position": {"line": 5, "character": 0}}}),
    );
    assert_eq!(c.response()["result"], Value::Null);
    // From CO-1's own id: the KPI's reference, and the definition when asked.
    c.send(
        json!({"id": 4, "method": "textDocument/references", "params": {
        "textDocument": {"uri": uri("tree.toml")}, "position": {"line": 1, "character": 7},
        "context": {"includeDeclaration": true}}}),
    );
    let refs = c.response();
    let places: Vec<(String, u64)> = refs["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["uri"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                l["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        places,
        vec![("tree.toml".to_owned(), 1), ("kpis.toml".to_owned(), 3)]
    );
    // Hover on the reference: kind, id, title, owner and progress.
    c.send(json!({"id": 6, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri("kpis.toml")}, "position": {"line": 3, "character": 15}}}));
    let hover = c.response();
    assert_eq!(
        hover["result"]["contents"]["value"], "**objective** `CO-1`: Grow\n\nowner: alice",
        "{hover:#}"
    );
    c.send(json!({"id": 5, "method": "shutdown"}));
    c.response();
    c.send(json!({"method": "exit"}));
    assert_eq!(c.child.wait().unwrap().code(), Some(0));
}
