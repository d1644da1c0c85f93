//! `stratlint mcp` (SPEC §17), driven over stdio like an agent's client:
//! one JSON-RPC message a line in, one reply a line out, on fixtures/demo
//! with the `--now` its README documents.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

/// The day fixtures/demo's README checks it on.
const NOW: &str = "2027-07-01";

/// A running server and its pipes.
struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next: u64,
}

impl Client {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(common::binary())
            .args(["mcp", "--now", NOW])
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
            next: 100,
        }
    }

    /// A client that has been through `initialize` at `revision`.
    fn initialized(dir: &Path, revision: &str) -> Self {
        let mut c = Client::start(dir);
        let r = c.request("initialize", json!({"protocolVersion": revision, "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}));
        assert_eq!(r["result"]["protocolVersion"], revision);
        c.send_raw(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
        c
    }

    fn send_raw(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").unwrap();
        self.stdin.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut line = String::new();
        assert!(
            self.stdout.read_line(&mut line).unwrap() > 0,
            "the server ended"
        );
        serde_json::from_str(&line).expect("a reply is one JSON line")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.send_raw(
            &json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}).to_string(),
        );
        let r = self.receive();
        assert_eq!(r["id"], id);
        r
    }

    /// A tool's result (the `result` of `tools/call`).
    fn call(&mut self, tool: &str, arguments: Value) -> Value {
        let r = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        assert!(r["error"].is_null(), "{tool}: {r}");
        r["result"].clone()
    }

    /// A successful tool result's structured content, checked against the
    /// tool's output schema and against its JSON text.
    fn structured(&mut self, tool: &str, arguments: Value) -> Value {
        let result = self.call(tool, arguments);
        assert_ne!(result["isError"], true, "{tool}: {result}");
        let data = result["structuredContent"].clone();
        assert!(data.is_object(), "{tool}: {result}");
        let text: Value = serde_json::from_str(result["content"][0]["text"].as_str().unwrap())
            .expect("the text is JSON");
        assert_eq!(
            text, data,
            "{tool}: the text and the structured content differ"
        );
        let tools = self.request("tools/list", json!({}));
        let schema = tools["result"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == tool)
            .unwrap()["outputSchema"]
            .clone();
        let validator = jsonschema::validator_for(&schema).expect("a valid schema");
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{tool}: {errors:?}");
        data
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn demo() -> std::path::PathBuf {
    common::fixture("demo")
}

#[test]
fn initialize_negotiates_the_revision_and_lists_tools_with_schemas() {
    let mut c = Client::start(&demo());
    // A probe before initialize: unknown, and the server reads on.
    let probe = c.request("server/discover", json!({}));
    assert_eq!(probe["error"]["code"], -32601);
    let r = c.request("initialize", json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}));
    let result = &r["result"];
    assert_eq!(result["protocolVersion"], "2025-06-18");
    assert_eq!(result["serverInfo"]["name"], "stratlint");
    assert!(result["capabilities"]["tools"].is_object());
    assert!(result["capabilities"]["resources"].is_object());
    let tools = c.request("tools/list", json!({}));
    let names: Vec<&str> = tools["result"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["inputSchema"]["type"], "object", "{t}");
            assert_eq!(t["outputSchema"]["type"], "object", "{t}");
            jsonschema::validator_for(&t["outputSchema"]).expect("a valid output schema");
            t["name"].as_str().unwrap()
        })
        .collect();
    for tool in [
        "check", "object", "graph", "trace", "diff", "search", "rule",
    ] {
        assert!(names.contains(&tool), "{tool} is missing: {names:?}");
    }
    // A revision it does not speak: the newest it does.
    let mut c = Client::start(&demo());
    let r = c.request("initialize", json!({"protocolVersion": "1999-01-01", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}));
    assert_eq!(r["result"]["protocolVersion"], "2025-11-25");
}

#[test]
fn check_object_search_and_rule_on_the_demo() {
    let mut c = Client::initialized(&demo(), "2025-06-18");
    let check = c.structured("check", json!({}));
    let codes: Vec<&str> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // The README's check on this day: the thesis's HL001 and a stale KPI among them.
    assert!(codes.contains(&"HL001"), "{codes:?}");
    assert!(codes.contains(&"KPI005"), "{codes:?}");
    let all = check["summary"]["warnings"].as_u64().unwrap()
        + check["summary"]["errors"].as_u64().unwrap()
        + check["summary"]["infos"].as_u64().unwrap();
    assert_eq!(all as usize, codes.len());

    let limited = c.structured("check", json!({"codes": ["KPI"], "limit": 1}));
    assert_eq!(limited["diagnostics"].as_array().unwrap().len(), 1);
    assert!(
        limited["diagnostics"][0]["code"]
            .as_str()
            .unwrap()
            .starts_with("KPI")
    );
    let kpis = codes.iter().filter(|c| c.starts_with("KPI")).count() as u64;
    assert_eq!(
        limited["summary"]["warnings"].as_u64().unwrap()
            + limited["summary"]["errors"].as_u64().unwrap()
            + limited["summary"]["infos"].as_u64().unwrap(),
        kpis
    );

    let o = c.structured("object", json!({"id": "CO-1"}));
    assert_eq!(o["kind"], "objective");
    assert_eq!(o["file"], "objectives/company.toml");
    assert_eq!(o["fields"]["level"], "company");
    assert_eq!(o["fields"]["due"], "2027-11-30");
    assert_eq!(o["neighbours"]["serves"], json!(["THESIS-NETWORK"]));
    assert_eq!(o["neighbours"]["measured_by"], json!(["KPI-ARR"]));
    assert!(o["facts"]["progress"].is_number());

    let k = c.structured("object", json!({"id": "KPI-ARR"}));
    assert!(k["facts"]["health"].is_string(), "{k}");
    assert!(
        k["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "KPI005")
    );

    let found = c.structured("search", json!({"query": "Carrier referral"}));
    let ids: Vec<&str> = found["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"GTM-1.1"), "{ids:?}");
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);

    let rule = c.structured("rule", json!({"code": "HL001"}));
    assert_eq!(rule["code"], "HL001");
    assert!(rule["documentation"].as_str().unwrap().len() > 100);
}

#[test]
fn graph_trace_and_resources_on_the_demo() {
    let mut c = Client::initialized(&demo(), "2025-06-18");
    let g = c.structured("graph", json!({"root": ["CO-1"]}));
    let nodes: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        nodes.contains(&"CO-1") && nodes.contains(&"NET-1"),
        "{nodes:?}"
    );
    let shallow = c.structured("graph", json!({"root": ["CO-1"], "depth": 0}));
    assert!(shallow["nodes"].as_array().unwrap().len() < nodes.len());
    let t = c.structured("trace", json!({"paths": ["src/api/tender.rs"]}));
    assert_eq!(t["paths"][0]["path"], "src/api/tender.rs");
    let resources = c.request("resources/list", json!({}));
    assert_eq!(
        resources["result"]["resources"].as_array().unwrap().len(),
        2
    );
    let rules = c.request("resources/read", json!({"uri": "stratlint://rules"}));
    let text: Value =
        serde_json::from_str(rules["result"]["contents"][0]["text"].as_str().unwrap()).unwrap();
    assert!(
        text["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "OBJ001")
    );
}

#[test]
fn unknown_ids_and_codes_are_tool_errors_naming_the_closest() {
    let mut c = Client::initialized(&demo(), "2025-06-18");
    let r = c.call("object", json!({"id": "CO1"}));
    assert_eq!(r["isError"], true);
    assert!(
        r["content"][0]["text"].as_str().unwrap().contains("`CO-1`"),
        "{r}"
    );
    let r = c.call("rule", json!({"code": "HL01"}));
    assert_eq!(r["isError"], true);
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("`HL001`"),
        "{r}"
    );
    let r = c.call("check", json!({"codes": ["KPl005"]}));
    assert_eq!(r["isError"], true);
    assert!(
        r["content"][0]["text"]
            .as_str()
            .unwrap()
            .contains("`KPI005`"),
        "{r}"
    );
}

#[test]
fn protocol_errors_and_the_server_reads_on() {
    let mut c = Client::initialized(&demo(), "2025-06-18");
    c.send_raw("this is not json");
    let r = c.receive();
    assert_eq!(r["error"]["code"], -32700);
    assert_eq!(r["id"], Value::Null);
    let r = c.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = c.request("tools/call", json!({"name": "nope", "arguments": {}}));
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request("tools/call", json!({"name": "object", "arguments": {}}));
    assert_eq!(r["error"]["code"], -32602);
    assert!(r["error"]["message"].as_str().unwrap().contains("`id`"));
    let r = c.request(
        "tools/call",
        json!({"name": "check", "arguments": {"limit": "two"}}),
    );
    assert_eq!(r["error"]["code"], -32602);
    c.send_raw(r#"{"jsonrpc":"2.0","id":7}"#);
    assert_eq!(c.receive()["error"]["code"], -32600);
    // Still reading.
    assert!(c.request("ping", json!({}))["result"].is_object());

    // At a later revision, bad arguments are a tool result naming the argument.
    let mut c = Client::initialized(&demo(), "2025-11-25");
    let r = c.call("object", json!({}));
    assert_eq!(r["isError"], true);
    assert!(
        r["content"][0]["text"].as_str().unwrap().contains("`id`"),
        "{r}"
    );
}

#[test]
fn a_file_edited_between_calls_is_seen_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    copy(&demo(), dir.path());
    let mut c = Client::initialized(dir.path(), "2025-06-18");
    let before = c.structured("object", json!({"id": "CO-1"}));
    assert_eq!(before["fields"]["level"], "company");
    let path = dir.path().join("objectives/company.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "Become the default TMS for mid-market shippers in North America",
        "Own the mid-market",
        1,
    );
    assert_ne!(text, edited);
    std::fs::write(&path, edited).unwrap();
    let after = c.structured("object", json!({"id": "CO-1"}));
    assert_eq!(after["title"], "Own the mid-market");
    // A file created between calls is found too.
    std::fs::write(
        dir.path().join("objectives/new.toml"),
        "[[objective]]\nid = \"CO-9\"\ntitle = \"A new one\"\nlevel = \"company\"\nowner = \"@maya\"\nparent = \"CO-404\"\n",
    )
    .unwrap();
    let found = c.structured("search", json!({"query": "a new one"}));
    assert_eq!(found["results"][0]["id"], "CO-9");
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn as_of_reads_a_commit_as_the_cli_does_and_leaves_the_working_tree_s_analysis_alone() {
    let p = common::Project::with_owners();
    p.write("tree.toml", common::TWO_LEVELS);
    let kpi = |current: u32, owner: &str| {
        format!(
            "[[kpi]]\nid = \"K-1\"\ntitle = \"Revenue\"\nobjective = \"DEP-1\"\nowner = \"{owner}\"\nbaseline = 1\ntarget = 10\ncurrent = {current}\n"
        )
    };
    p.write("kpis.toml", &kpi(2, "alice"));
    p.commit_all("first", "2027-01-10T12:00:00+00:00");
    let first = p.git(&["rev-parse", "HEAD"], "2027-01-10T12:00:00+00:00");
    let first = first.trim();
    // Later: measured again, and owned by someone the registry does not know.
    p.write("kpis.toml", &kpi(6, "zed"));
    p.commit_all("second", "2027-03-10T12:00:00+00:00");
    let mut c = Client::initialized(p.path(), "2025-06-18");
    let now = c.structured("object", json!({"id": "K-1"}));
    assert_eq!(now["fields"]["current"], 6);
    let then = c.structured("object", json!({"id": "K-1", "as_of": first}));
    assert_eq!(then["fields"]["current"], 2);
    assert_eq!(then["owner"], "alice");
    // `check` as of the first commit lists what the CLI lists for it.
    let checked = c.structured("check", json!({"as_of": first}));
    let cli = p.run(&["check", "--format", "json", "--now", NOW, "--as-of", first]);
    let cli: Value = serde_json::from_str(&cli.stdout).unwrap();
    let codes = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{} {}", d["code"], d["file"]))
            .collect()
    };
    assert!(!codes(&cli["diagnostics"]).is_empty(), "{cli}");
    assert_eq!(codes(&checked["diagnostics"]), codes(&cli["diagnostics"]));
    assert!(
        !codes(&checked["diagnostics"])
            .iter()
            .any(|c| c.contains("OWN002"))
    );
    // The working tree's analysis is as it was: OWN002 for `zed`.
    let today = c.structured("check", json!({"codes": ["OWN"]}));
    assert!(
        codes(&today["diagnostics"])
            .iter()
            .any(|c| c.contains("OWN002")),
        "{today}"
    );
    // A revision that names no commit is a tool error naming it.
    let bad = c.call("object", json!({"id": "K-1", "as_of": "no-such-rev"}));
    assert_eq!(bad["isError"], true, "{bad}");
    assert!(bad.to_string().contains("no-such-rev"), "{bad}");
}
