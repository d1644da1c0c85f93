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
            .args(["server", "--stdio", "--now", "2026-11-25"])
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
    // JSON that is no JSON-RPC message: an invalid request, id null.
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": {}, \"method\": 3}");
    let error = c.response();
    assert_eq!(error["id"], Value::Null);
    assert_eq!(error["error"]["code"], -32600, "{error:#}");
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

impl Client {
    /// Starts a server on `root` and initializes it.
    fn initialized(root: &std::path::Path) -> Self {
        let mut c = Client::start(root);
        let uri = format!("file://{}/", root.display());
        c.send(json!({"id": 0, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri}}));
        c.response();
        c.send(json!({"method": "initialized", "params": {}}));
        c
    }

    /// Sends a request and waits for its response (notifications skipped).
    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"id": id, "method": method, "params": params}));
        loop {
            let m = self.response();
            if m["id"] == id {
                return m;
            }
        }
    }

    /// shutdown, exit, and the exit code.
    fn finish(mut self) -> Option<i32> {
        self.request(999, "shutdown", Value::Null);
        self.send(json!({"method": "exit"}));
        self.child.wait().unwrap().code()
    }
}

/// The labels of a completion result.
fn labels_of(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect()
}

/// `text` with one LSP `TextEdit` applied (single-line ranges or not).
fn apply_edit(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let rest = &text[start..];
        for (i, c) in rest.char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let (s, e) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..s],
        edit["newText"].as_str().unwrap(),
        &text[e..]
    )
}

#[test]
fn history_rules_arrive_once_history_is_read_and_mark_reviewed_does_what_review_does() {
    let p = common::Project::with_owners();
    let doc = common::principle("P-1", "Ship in small steps.");
    p.write("principles/small.md", &doc);
    p.commit_all("Add principle P-1", "2025-08-01T12:00:00+0000");
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = format!("file://{}/principles/small.md", root.display());
    let mut c = Client::initialized(&root);
    // Withheld until history is read, then published: HL001, not HL005.
    let hl001 = loop {
        let ds = c.diagnostics_for("principles/small.md");
        assert!(ds.iter().all(|d| d["code"] != "HL005"), "{ds:#?}");
        if let Some(d) = ds.iter().find(|d| d["code"] == "HL001") {
            break d.clone();
        }
    };
    assert_eq!(hl001["range"]["start"]["line"], 2, "{hl001:#}");
    // The quick fix: what `stratlint review P-1 --date 2026-11-25` writes.
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": doc}}}),
    );
    let actions = c.request(
        1,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": hl001["range"],
               "context": {"diagnostics": [hl001]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let review = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("reviewed today"))
        .unwrap_or_else(|| panic!("{actions:#?}"));
    assert_eq!(review["kind"], "quickfix");
    let edits = review["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let buffer = apply_edit(&doc, &edits[0]);
    // Applied, the warning goes.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": edits[0]["range"], "text": edits[0]["newText"]}]}}));
    assert_eq!(
        c.diagnostics_for("principles/small.md"),
        Vec::<Value>::new()
    );
    assert_eq!(c.finish(), Some(0));
    // The server wrote nothing; `review` writes what the fix did.
    let on_disk = root.join("principles/small.md");
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), doc);
    let run = p.run(&["review", "P-1", "--date", "2026-11-25"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&on_disk).unwrap(), buffer);
}

#[test]
fn completion_quick_fixes_and_rename() {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    let kpis = KPIS.replace("z\u{1f680}", "alice");
    p.write("kpis.toml", &kpis);
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = |rel: &str| format!("file://{}/{rel}", root.display());
    let mut c = Client::initialized(&root);
    // A typo in the reference: OBJ001, whose help names CO-1.
    let typo = kpis.replace("objective = \"CO-1\"", "objective = \"CO-l\"");
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri("kpis.toml"), "languageId": "toml", "version": 1, "text": typo}}}),
    );
    let ds = loop {
        let ds = c.diagnostics_for("kpis.toml");
        if ds.iter().any(|d| d["code"] == "OBJ001") {
            break ds;
        }
    };
    let obj001 = ds.iter().find(|d| d["code"] == "OBJ001").unwrap();
    let actions = c.request(
        1,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri("kpis.toml")}, "range": obj001["range"],
               "context": {"diagnostics": [obj001]}}),
    );
    let fix = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Replace with `CO-1`")
        .cloned()
        .unwrap_or_else(|| panic!("{actions:#}"));
    let edit = &fix["edit"]["changes"][uri("kpis.toml")][0];
    assert_eq!(apply_edit(&typo, edit), kpis);
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri("kpis.toml"), "version": 2},
        "contentChanges": [{"text": kpis}]}}));
    // Completion in a reference field: the objectives, with their titles.
    let at = |line: u64, character: u64| json!({"textDocument": {"uri": uri("kpis.toml")}, "position": {"line": line, "character": character}});
    let items = c.request(2, "textDocument/completion", at(3, 14))["result"].clone();
    let first = &items.as_array().unwrap()[0];
    assert_eq!(first["label"], "CO-1", "{items:#}");
    assert_eq!(first["detail"], "objective: Grow");
    // In `owner`: the registry's people and teams.
    let items = c.request(3, "textDocument/completion", at(4, 10))["result"].clone();
    let labels = labels_of(&items);
    assert!(
        labels.contains(&"alice") && labels.contains(&"platform"),
        "{labels:?}"
    );
    // On a new empty line: the KPI's fields not written yet.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri("kpis.toml"), "version": 3},
        "contentChanges": [{"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}}, "text": "\n"}]}}));
    let items = c.request(4, "textDocument/completion", at(7, 0))["result"].clone();
    let labels = labels_of(&items);
    assert!(
        labels.contains(&"current") && !labels.contains(&"baseline"),
        "{labels:?}"
    );
    // Rename CO-1 from its reference: the id and every reference, one edit.
    let rename = c.request(
        5,
        "textDocument/rename",
        json!({"textDocument": {"uri": uri("kpis.toml")}, "position": {"line": 3, "character": 15}, "newName": "CO-7"}),
    );
    let changes = &rename["result"]["changes"];
    let tree = apply_edit(TREE, &changes[uri("tree.toml")][0]);
    assert_eq!(tree, TREE.replace("CO-1", "CO-7"));
    assert_eq!(changes[uri("kpis.toml")].as_array().unwrap().len(), 1);
    // A taken id is refused.
    let taken = c.request(
        6,
        "textDocument/rename",
        json!({"textDocument": {"uri": uri("tree.toml")}, "position": {"line": 1, "character": 7}, "newName": "K-1"}),
    );
    assert!(
        taken["error"]["message"]
            .as_str()
            .unwrap()
            .contains("taken")
    );
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn a_workspace_opened_through_a_symbolic_link_gets_its_buffers_checked() {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    p.write("kpis.toml", KPIS);
    let links = tempfile::tempdir().unwrap();
    let link = links.path().join("strategy");
    std::os::unix::fs::symlink(p.path(), &link).unwrap();
    let mut c = Client::initialized(&link);
    let uri = format!("file://{}/kpis.toml", link.display());
    // The unknown owner is reported under the name the editor uses.
    let first = loop {
        let m = c.receive();
        if m["method"] == "textDocument/publishDiagnostics" {
            break m;
        }
    };
    assert_eq!(first["params"]["uri"], uri, "{first:#}");
    assert_eq!(first["params"]["diagnostics"][0]["code"], "OWN002");
    // Locations too: the KPI's objective is defined in tree.toml, by the link.
    let def = c.request(
        1,
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 15}}),
    );
    assert_eq!(
        def["result"]["uri"],
        format!("file://{}/tree.toml", link.display())
    );
    let fixed = KPIS.replace("z\u{1f680}", "alice");
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "toml", "version": 1, "text": fixed}}}),
    );
    loop {
        let m = c.receive();
        if m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"] == json!([])
        {
            assert_eq!(m["params"]["uri"], uri, "{m:#}");
            break;
        }
    }
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn hover_writes_progress_as_every_format_does() {
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    p.write(
        "kpis.toml",
        "[[kpi]]\nid = \"K-NEG\"\ntitle = \"neg\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 30\ntarget = 60\ncurrent = 10\n\n\
[[kpi]]\nid = \"K-ARR\"\ntitle = \"ARR\"\nobjective = \"CO-1\"\nowner = \"alice\"\nbaseline = 100\ntarget = 200\ncurrent = 186486370\n",
    );
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = format!("file://{}/kpis.toml", root.display());
    let mut c = Client::initialized(&root);
    let mut hover = |id: u64, line: u64| {
        let r = c.request(
            id,
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 7}}),
        );
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let neg = hover(2, 1);
    assert!(neg.ends_with("progress: -67%"), "{neg}");
    let arr = hover(3, 10);
    assert!(arr.ends_with("progress: 1000% (implausible)"), "{arr}");
    c.send(json!({"id": 9, "method": "shutdown"}));
    c.response();
    c.send(json!({"method": "exit"}));
    assert_eq!(c.child.wait().unwrap().code(), Some(0));
}

#[test]
fn a_quick_fix_is_preferred_only_one_edit_away_and_far_guesses_get_none() {
    // SPEC §6 and §13: `CO-l` is one edit from `CO-1` (preferred), `CO-1xx`
    // two (offered, six characters allow two, but not preferred); `@sam`, a
    // new person, is offered nobody.
    let p = common::Project::with_owners();
    p.write("tree.toml", TREE);
    let kpis = "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"CO-l\"\nowner = \"alice\"\nbaseline = 1\ntarget = 2\n\n\
                [[kpi]]\nid = \"K-2\"\ntitle = \"Churn\"\nobjective = \"CO-1xx\"\nowner = \"@sam\"\nbaseline = 1\ntarget = 2\n";
    p.write("kpis.toml", kpis);
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = format!("file://{}/kpis.toml", root.display());
    let mut c = Client::initialized(&root);
    let ds = loop {
        let ds = c.diagnostics_for("kpis.toml");
        if ds.iter().filter(|d| d["code"] == "OBJ001").count() == 2 {
            break ds;
        }
    };
    let own002 = ds.iter().find(|d| d["code"] == "OWN002").expect("OWN002");
    assert_eq!(own002["range"]["start"]["line"], 12, "{own002:#}");
    let actions = c.request(
        1,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 0}, "end": {"line": 15, "character": 0}},
               "context": {"diagnostics": ds}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    // (title, line of the edit, preferred) of every fix.
    let fixes: Vec<(String, u64, bool)> = actions
        .iter()
        .map(|a| {
            let edit = &a["edit"]["changes"][&uri][0];
            (
                a["title"].as_str().unwrap().to_owned(),
                edit["range"]["start"]["line"].as_u64().unwrap(),
                a["isPreferred"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        fixes,
        [
            ("Replace with `CO-1`".to_owned(), 3, true),
            ("Replace with `CO-1`".to_owned(), 11, false),
        ],
        "{actions:#?}"
    );
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn mark_reviewed_on_a_served_thesis_leaves_the_principles_serving_it_quiet() {
    let p = common::Project::with_owners();
    let thesis =
        "[[thesis]]\nid = \"TH-1\"\ntitle = \"Developers buy bottom-up\"\nowner = \"alice\"\n";
    p.write("thesis.toml", thesis);
    p.commit_all("Add TH-1", "2025-08-01T12:00:00+0000");
    let principle = common::principle("P-1", "Self-serve first.").replace(
        "owner = \"alice\"\n",
        "owner = \"alice\"\nserves = [\"TH-1\"]\n",
    );
    p.write("principles/p.md", &principle);
    p.commit_all("Add P-1", "2026-10-01T12:00:00+0000");
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = format!("file://{}/thesis.toml", root.display());
    let mut c = Client::initialized(&root);
    // The thesis is past twice its half-life of six months.
    let stale = loop {
        let ds = c.diagnostics_for("thesis.toml");
        if let Some(d) = ds.iter().find(|d| d["code"] == "HL002") {
            break d.clone();
        }
    };
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "toml", "version": 1, "text": thesis}}}),
    );
    let actions = c.request(
        1,
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": stale["range"],
               "context": {"diagnostics": [stale]}}),
    );
    let actions = actions["result"].as_array().unwrap().clone();
    let review = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("reviewed today"))
        .unwrap_or_else(|| panic!("{actions:#?}"));
    let edits = review["edit"]["changes"][&uri].as_array().unwrap();
    let reviewed = apply_edit(thesis, &edits[0]);
    assert!(reviewed.contains("reviewed = 2026-11-25"), "{reviewed}");
    // A review date in the future is SL006 in the editor as on the command line.
    let p_uri = format!("file://{}/principles/p.md", root.display());
    let future = principle.replace("serves", "reviewed = 2027-01-01\nserves");
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": p_uri, "languageId": "markdown", "version": 1, "text": future}}}),
    );
    let sl006 = loop {
        let ds = c.diagnostics_for("principles/p.md");
        if let Some(d) = ds.iter().find(|d| d["code"] == "SL006") {
            break d.clone();
        }
    };
    assert_eq!(sl006["range"]["start"]["line"], 5, "{sl006:#}");
    assert!(
        sl006["message"].as_str().unwrap().contains("in the future"),
        "{sl006:#}"
    );
    assert_eq!(c.finish(), Some(0));
    // Saved and committed, the review revalidates the thesis, and is no
    // change of it for the principle serving it (SPEC §5).
    p.write("thesis.toml", &reviewed);
    p.commit_all("Review TH-1", "2026-11-25T09:00:00+0000");
    let run = p.check_json(&[]);
    run.expect_none("HL002");
    run.expect_none("HL004");
    // A real edit would have been one.
    p.write(
        "thesis.toml",
        &reviewed.replace("bottom-up", "bottom-up, then top-down"),
    );
    p.commit_all("Refine TH-1", "2026-11-25T10:00:00+0000");
    p.check_json(&[])
        .expect_one("HL004", "principles/p.md", 6, Some("P-1"));
}

#[test]
fn hover_report_and_hl001_agree_on_freshness() {
    // Committed at 01:00 on 2025-11-08: 381.96 days before now. The exact
    // age gives 48.4%; whole days (381) would give 48.5%, once the hover's.
    let p = common::Project::with_owners();
    p.write(
        "principles/small.md",
        &common::principle("P-1", "Ship in small steps."),
    );
    p.commit_all("Add principle P-1", "2025-11-08T01:00:00+0000");
    let run = p.check_json(&[]);
    let d = run.expect_one("HL001", "principles/small.md", 3, Some("P-1"));
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("381 days old") && message.contains("(freshness 48.4%)"),
        "{message}"
    );
    let report = p.run(&["report", "--format", "json", "--now", "2026-11-25"]);
    let doc: Value = serde_json::from_str(&report.stdout).unwrap();
    let row = &doc["freshness"][0];
    assert_eq!((&row["id"], &row["age_days"]), (&json!("P-1"), &json!(381)));
    assert_eq!(
        format!("{:.1}%", row["freshness"].as_f64().unwrap() * 100.0),
        "48.4%"
    );
    let markdown = p.run(&["report", "--now", "2026-11-25"]).stdout;
    assert!(markdown.contains("| 48.4% | 381 d | 365 d |"), "{markdown}");
    let root = std::fs::canonicalize(p.path()).unwrap();
    let uri = format!("file://{}/principles/small.md", root.display());
    let mut c = Client::initialized(&root);
    // Once history is read (HL001 published), the hover knows the age.
    while !c
        .diagnostics_for("principles/small.md")
        .iter()
        .any(|d| d["code"] == "HL001")
    {}
    let hover = c.request(
        1,
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 7}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("last revalidated: 2025-11-08 (")
            && text.contains("Add principle P-1), 381 days ago")
            && text.contains("freshness: 48.4% (half-life 365 days)"),
        "{text}"
    );
    assert_eq!(c.finish(), Some(0));
}

// The server keeps the project, the walk and each file's parse between
// edits (src/views/server/workspace.rs, src/parse_cache.rs): these tests
// check that what it keeps never hides a change.

/// A KPI owned by `owner`, who is in no registry (OWN002).
fn kpi_owned_by(id: &str, owner: &str) -> String {
    format!(
        "[[kpi]]\nid = \"{id}\"\ntitle = \"Revenue\"\nobjective = \"CO-1\"\nowner = \"{owner}\"\nbaseline = 1\ntarget = 2\n"
    )
}

/// A project with the objective tree and one KPI (`kpis.toml`) owned by
/// someone unknown, and a server initialized on it, past its first publish.
fn served_with_unknown_owner(p: &common::Project) -> (Client, std::path::PathBuf) {
    p.write("tree.toml", TREE);
    p.write("kpis.toml", &kpi_owned_by("K-1", "zed"));
    let root = std::fs::canonicalize(p.path()).unwrap();
    let mut c = Client::initialized(&root);
    let ds = c.diagnostics_for("kpis.toml");
    assert!(ds.iter().any(|d| d["code"] == "OWN002"), "{ds:#?}");
    (c, root)
}

/// The codes of a publish.
fn codes(ds: &[Value]) -> Vec<&str> {
    ds.iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn an_edit_after_a_config_change_is_checked_with_the_new_config() {
    let p = common::Project::with_owners();
    let (mut c, root) = served_with_unknown_owner(&p);
    let kpis = format!("file://{}/kpis.toml", root.display());
    let config = format!("file://{}/stratlint.toml", root.display());
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": kpis, "languageId": "toml", "version": 1, "text": kpi_owned_by("K-1", "zed")}}}),
    );
    let ds = c.diagnostics_for("kpis.toml");
    assert!(codes(&ds).contains(&"OWN002"), "{ds:#?}");
    // The config, saved: OWN002 is ignored from the next re-check on.
    p.write("stratlint.toml", "[lint]\nignore = [\"OWN002\"]\n");
    c.send(json!({"method": "textDocument/didSave", "params": {"textDocument": {"uri": config}}}));
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": kpis, "version": 2},
        "contentChanges": [{"text": kpi_owned_by("K-1", "zoe")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(!codes(&ds).contains(&"OWN002"), "{ds:#?}");
    // Changed outside the editor, with no event at all: the next edit reads
    // it again (its metadata changed), and OWN002 is back.
    p.write(
        "stratlint.toml",
        "[lint]\nignore = [\"KPI001\", \"KPI002\"]\n",
    );
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": kpis, "version": 3},
        "contentChanges": [{"text": kpi_owned_by("K-1", "zara")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    let own = ds.iter().find(|d| d["code"] == "OWN002").expect("OWN002");
    assert!(own["message"].as_str().unwrap().contains("zara"), "{own:#}");
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn a_file_created_after_startup_is_seen_once_an_event_or_a_save_names_it() {
    let p = common::Project::with_owners();
    let (mut c, root) = served_with_unknown_owner(&p);
    // Created on disk; the editor's file watcher reports it.
    p.write("more.toml", &kpi_owned_by("K-2", "yves"));
    let more = format!("file://{}/more.toml", root.display());
    c.send(
        json!({"method": "workspace/didChangeWatchedFiles", "params": {
        "changes": [{"uri": more, "type": 1}]}}),
    );
    let ds = c.diagnostics_for("more.toml");
    let own = ds.iter().find(|d| d["code"] == "OWN002").expect("OWN002");
    assert!(own["message"].as_str().unwrap().contains("yves"), "{own:#}");
    // Created with no watcher, then saved from the editor.
    p.write("later.toml", &kpi_owned_by("K-3", "xena"));
    let later = format!("file://{}/later.toml", root.display());
    c.send(json!({"method": "textDocument/didSave", "params": {"textDocument": {"uri": later}}}));
    let ds = c.diagnostics_for("later.toml");
    let own = ds.iter().find(|d| d["code"] == "OWN002").expect("OWN002");
    assert!(own["message"].as_str().unwrap().contains("xena"), "{own:#}");
    // Deleted, and reported: its diagnostics are cleared.
    std::fs::remove_file(root.join("more.toml")).unwrap();
    c.send(
        json!({"method": "workspace/didChangeWatchedFiles", "params": {
        "changes": [{"uri": more, "type": 3}]}}),
    );
    assert_eq!(c.diagnostics_for("more.toml"), Vec::<Value>::new());
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn a_burst_of_edits_publishes_the_final_state_last() {
    let p = common::Project::with_owners();
    let (mut c, root) = served_with_unknown_owner(&p);
    let kpis = format!("file://{}/kpis.toml", root.display());
    let mut owner = "zed".to_owned();
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": kpis, "languageId": "toml", "version": 1, "text": kpi_owned_by("K-1", &owner)}}}),
    );
    for version in 2..32 {
        owner.push('q');
        c.send(json!({"method": "textDocument/didChange", "params": {
            "textDocument": {"uri": kpis, "version": version},
            "contentChanges": [{"text": kpi_owned_by("K-1", &owner)}]}}));
    }
    // A request is answered from the text the client has: every publish
    // before its response is in, and the last for the file is the final state.
    c.send(json!({"id": 7, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": kpis}, "position": {"line": 0, "character": 0}}}));
    let mut last = None;
    let mut publishes = 0;
    loop {
        let m = c.receive();
        if m["id"] == 7 {
            break;
        }
        if m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"].as_str().unwrap().ends_with("kpis.toml")
        {
            publishes += 1;
            last = Some(m["params"]["diagnostics"].clone());
        }
    }
    let last = last.expect("a publish for the file");
    let own = last
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "OWN002")
        .expect("OWN002");
    let message = own["message"].as_str().unwrap();
    assert!(message.contains(&format!("`{owner}`")), "{message}");
    assert!(publishes <= 31, "{publishes} publishes for 31 texts");
    assert_eq!(c.finish(), Some(0));
}

#[test]
fn a_kept_parse_never_stands_in_for_new_content_at_the_same_path() {
    let p = common::Project::with_owners();
    // Old enough that its metadata vouches for it, as an untouched file's does.
    let old = |rel: &str| {
        let status = Command::new("touch")
            .args(["-m", "-d", "2020-01-01 00:00:00"])
            .arg(p.path().join(rel))
            .status()
            .unwrap();
        assert!(status.success());
    };
    p.write("other.toml", &kpi_owned_by("K-9", "abel"));
    old("other.toml");
    let (mut c, root) = served_with_unknown_owner(&p);
    let ds = c.diagnostics_for("other.toml");
    assert!(
        ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("abel"))
    );
    // New content of the same length and the same modification time, with
    // no event: the next re-check (an edit elsewhere) takes the file as it
    // was, but the check of the disk after its publish finds the file's
    // change time moved, and the re-check that asks for reads it.
    p.write("other.toml", &kpi_owned_by("K-9", "cain"));
    old("other.toml");
    let kpis = format!("file://{}/kpis.toml", root.display());
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": kpis, "languageId": "toml", "version": 1, "text": kpi_owned_by("K-1", "zed")}}}),
    );
    let ds = c.diagnostics_for("other.toml");
    assert!(
        ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("cain")),
        "{ds:#?}"
    );
    // An editor's buffer changed to a text of the same length: read anew.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": kpis, "version": 2},
        "contentChanges": [{"text": kpi_owned_by("K-1", "zak")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(
        ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("zak")),
        "{ds:#?}"
    );
    // And back to the first text: the parse kept for it is right again.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": kpis, "version": 3},
        "contentChanges": [{"text": kpi_owned_by("K-1", "zed")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(
        ds.iter()
            .any(|d| d["message"].as_str().unwrap().contains("zed")),
        "{ds:#?}"
    );
    assert_eq!(c.finish(), Some(0));
}

/// A principle that links to a heading of `notes.md`, a Markdown file
/// that is not strategy.
const LINKING: &str = "+++\nkind = \"principle\"\nid = \"P-1\"\ntitle = \"Plan first\"\nowner = \"alice\"\nserves = [\"CO-1\"]\nreviewed = 2026-11-01\n+++\n\n# Plan first\n\nSee [the plan](notes.md#plan).\n";

#[test]
fn a_link_into_a_file_beyond_the_model_is_judged_again_when_the_editor_changes_that_file() {
    let p = common::Project::with_owners();
    p.write("notes.md", "# Plan\n\nWrite it down.\n");
    p.write("p.md", LINKING);
    let (mut c, root) = served_with_unknown_owner(&p);
    let notes = format!("file://{}/notes.md", root.display());
    let kpis = format!("file://{}/kpis.toml", root.display());
    // With no finding at first, nothing is published for it.
    let lnk = |ds: &[Value]| codes(ds).contains(&"LNK001");
    // The heading renamed in the editor, unsaved: the link no longer lands.
    c.send(
        json!({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": notes, "languageId": "markdown", "version": 1, "text": "# Later\n"}}}),
    );
    let ds = c.diagnostics_for("p.md");
    assert!(lnk(&ds), "{ds:#?}");
    // A keystroke in a KPI keeps the link's finding as it is.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": kpis, "version": 2},
        "contentChanges": [{"text": kpi_owned_by("K-1", "zoe")}]}}));
    let ds = c.diagnostics_for("kpis.toml");
    assert!(codes(&ds).contains(&"OWN002"), "{ds:#?}");
    // The heading back: the link lands again.
    c.send(json!({"method": "textDocument/didChange", "params": {
        "textDocument": {"uri": notes, "version": 2},
        "contentChanges": [{"text": "# Plan\n"}]}}));
    let ds = c.diagnostics_for("p.md");
    assert!(!lnk(&ds), "{ds:#?}");
    assert_eq!(c.finish(), Some(0));
}
