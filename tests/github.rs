//! GitHub Actions: `--format github` (workflow commands, escaped as the
//! runner reads them) and the job summary appended to `$GITHUB_STEP_SUMMARY`.

mod common;
use clap::ValueEnum;
use common::{Project, Run, TREE, fixture, run_binary};
use serde_json::Value;
use stratlint::views::check::Format;

/// Undoes the runner's escaping of a property value or of the message.
fn unescape(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// One parsed workflow command.
#[derive(Debug)]
struct Command {
    kind: String,
    properties: Vec<(String, String)>,
    message: String,
}

impl Command {
    fn get(&self, key: &str) -> &str {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {key} in {self:?}"))
    }
}

/// Parses `::kind k=v,k=v::message` as the runner does: properties split
/// on `,` and `=`, so an unescaped `,` or `:` in a value breaks the line.
#[track_caller]
fn parse(line: &str) -> Command {
    let rest = line.strip_prefix("::").unwrap_or_else(|| panic!("{line}"));
    let (head, message) = rest.split_once("::").unwrap_or_else(|| panic!("{line}"));
    let (kind, props) = head.split_once(' ').unwrap_or_else(|| panic!("{line}"));
    let properties = props
        .split(',')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or_else(|| panic!("{p} in {line}"));
            (k.to_owned(), unescape(v))
        })
        .collect();
    Command {
        kind: kind.to_owned(),
        properties,
        message: unescape(message),
    }
}

fn commands(run: &Run) -> Vec<Command> {
    run.stdout.lines().map(parse).collect()
}

#[test]
fn one_workflow_command_per_diagnostic_matching_the_json_output() {
    let dir = fixture("broken");
    let run = run_binary(&dir, &["check", "--format", "github"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shape = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[A-Z]+\d{3}::\S.*$",
    )
    .unwrap();
    for line in run.stdout.lines() {
        assert!(shape.is_match(line), "{line}");
    }
    // The summary line goes to stderr, never among the commands.
    assert!(run.stderr.contains(" errors, "), "{}", run.stderr);
    assert!(!run.stdout.contains(" errors, "));

    let json = run_binary(&dir, &["check", "--format", "json"], &[]);
    let diagnostics = json.diagnostics();
    let commands = commands(&run);
    assert_eq!(commands.len(), diagnostics.len());
    for (c, d) in commands.iter().zip(&diagnostics) {
        let kind = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        assert_eq!(c.kind, kind);
        assert_eq!(c.get("file"), d["file"]);
        assert_eq!(c.get("line"), d["line"].to_string());
        assert_eq!(c.get("col"), d["column"].to_string());
        assert_eq!(c.get("endLine"), d["end_line"].to_string());
        assert_eq!(c.get("endColumn"), d["end_column"].to_string());
        assert_eq!(c.get("title"), d["code"]);
        // SPEC §9: `title=CODE::message`, the message alone.
        assert_eq!(c.message, d["message"].as_str().unwrap());
    }
}

#[test]
fn infos_are_notices_and_the_message_is_the_diagnostic_s_alone() {
    let p = Project::bare();
    p.write("stratlint.toml", "[lint.severity]\nOWN001 = \"info\"\n");
    p.write(
        "strategy.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "baseline"),
    );
    let run = p.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "::notice file=strategy.toml,line=9,col=6,endLine=9,endColumn=11,title=OWN001::kpi `K-1` \
         has no owner\n"
    );
}

#[test]
fn percent_colon_comma_and_line_breaks_are_escaped() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    // A file name and a message with `%`, `:` and `,`, and a field name with a line break.
    p.write(
        "kpis/a,b:c%d.toml",
        "[[kpi]]\nid = \"K-2\"\ntitle = \"x\"\nobjective = \"CO%:1,2\"\nowner = \"alice\"\n\
         baseline = 1\ntarget = 2\n\"x\\ny\" = 3\n",
    );
    let run = p.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(
        lines[0],
        "::error file=kpis/a%2Cb%3Ac%25d.toml,line=4,col=13,endLine=4,endColumn=22,title=OBJ001::\
         `objective` of kpi `K-2` names `CO%25:1,2`, which does not exist"
    );
    assert_eq!(
        lines[1],
        "::warning file=kpis/a%2Cb%3Ac%25d.toml,line=8,col=1,endLine=8,endColumn=7,title=SL005::\
         unknown field `x%0Ay` in kpi `K-2`"
    );
    // Read back as the runner reads them, the values are intact.
    let commands = commands(&run);
    assert_eq!(commands[0].get("file"), "kpis/a,b:c%d.toml");
    assert!(commands[0].message.contains("`CO%:1,2`"));
    assert_eq!(commands[1].message, "unknown field `x\ny` in kpi `K-2`");
}

#[test]
fn paths_are_relative_to_the_current_directory() {
    let p = Project::with_owners();
    p.write(
        "objectives/tree.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "owner = \"carol\"\nbaseline"),
    );
    std::fs::create_dir_all(p.path().join("sub")).unwrap();
    let run = p.run_in(
        &p.path().join("sub"),
        &["check", "--format", "github", "-q"],
    );
    assert_eq!(run.code, 1);
    let commands = commands(&run);
    assert_eq!(commands.len(), 1, "{}", run.stdout);
    assert_eq!(commands[0].get("file"), "../objectives/tree.toml");
    assert_eq!(commands[0].get("title"), "OWN003");
    assert!(run.stderr.is_empty(), "--quiet: {}", run.stderr);
}

#[test]
fn a_clean_repository_prints_no_command() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let run = p.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

// --- the job summary ---------------------------------------------------------

/// The variables GitHub Actions sets, cleared so that a run inside Actions
/// behaves like one outside it (an empty value counts as unset).
const NOT_IN_ACTIONS: [(&str, &str); 4] = [
    ("GITHUB_STEP_SUMMARY", ""),
    ("GITHUB_SERVER_URL", ""),
    ("GITHUB_REPOSITORY", ""),
    ("GITHUB_SHA", ""),
];

/// `NOT_IN_ACTIONS` with the summary written to `path`.
fn summary_env(path: &std::path::Path) -> Vec<(&'static str, &str)> {
    let mut env = NOT_IN_ACTIONS.to_vec();
    env[0].1 = path.to_str().unwrap();
    env
}

/// A summary file outside the project (`check` writes nothing inside it).
fn summary_file(initial: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("step_summary.md");
    std::fs::write(&path, initial).unwrap();
    (dir, path)
}

#[test]
fn the_step_summary_is_appended_for_every_format_and_never_printed() {
    let dir = fixture("broken");
    let (_keep, path) = summary_file("# earlier step\n");
    let env = summary_env(&path);
    // Every format `--format` accepts, so that a new one is held to this too.
    let formats: Vec<String> = Format::value_variants()
        .iter()
        .filter_map(|f| Some(f.to_possible_value()?.get_name().to_owned()))
        .collect();
    for format in &formats {
        let format = format.as_str();
        let args = ["check", "--format", format, "--now", "2026-11-25"];
        let with = run_binary(&dir, &args, &env);
        let without = run_binary(&dir, &args, &NOT_IN_ACTIONS);
        assert_eq!(with.code, 1, "{format}");
        assert!(!with.stdout.contains("### stratlint"), "{format}");
        assert!(!with.stderr.contains("### stratlint"), "{format}");
        if format != "human" {
            // The human summary line has a timing; everything else is byte-identical.
            assert_eq!(with.stdout, without.stdout, "{format}");
        }
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# earlier step\n"), "{text}");
    assert_eq!(
        text.matches("### stratlint").count(),
        formats.len(),
        "{text}"
    );
}

#[test]
fn the_step_summary_has_counts_a_table_per_code_and_the_first_ten_problems() {
    let dir = fixture("broken");
    let (_keep, path) = summary_file("");
    run_binary(&dir, &["check", "--format", "sarif"], &summary_env(&path));
    let text = std::fs::read_to_string(&path).unwrap();

    let json = run_binary(&dir, &["check", "--format", "json"], &[]).json();
    let s = &json["summary"];
    let plural = |n: &Value, word: &str| {
        let n = n.as_u64().unwrap();
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let counts = format!(
        "**{}, {}, {}** in {} ({}).",
        plural(&s["errors"], "error"),
        plural(&s["warnings"], "warning"),
        plural(&s["infos"], "info"),
        plural(&s["files"], "file"),
        plural(&s["objects"], "object"),
    );
    assert!(text.contains(&counts), "{counts}\n{text}");
    assert!(text.contains("| Code | Rule | Severity | Count |\n|---|---|---|---:|\n"));

    // One row per code, counting its diagnostics.
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let mut codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| [")).collect();
    assert_eq!(rows.len(), codes.len(), "{text}");
    for code in codes {
        let n = diagnostics.iter().filter(|d| d["code"] == code).count();
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("| [{code}](")))
            .unwrap_or_else(|| panic!("no row for {code}:\n{text}"));
        assert!(row.ends_with(&format!(" | {n} |")), "{row}");
        assert!(row.contains(&format!("/docs/rules/{code}.md)")), "{row}");
    }

    // The first ten problems, in output order, linked to their lines.
    assert!(diagnostics.len() > 10);
    assert!(text.contains(&format!("First 10 of {} problems:", diagnostics.len())));
    let items: Vec<&str> = text.lines().filter(|l| l.starts_with("- **")).collect();
    assert_eq!(items.len(), 10, "{text}");
    for (item, d) in items.iter().zip(diagnostics) {
        let (file, line) = (d["file"].as_str().unwrap(), &d["line"]);
        let link = format!("[{file}:{line}]({file}#L{line})");
        assert!(item.contains(&link), "{item} lacks {link}");
        assert!(
            item.starts_with(&format!(
                "- **{}** `{}` ",
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )),
            "{item}"
        );
        assert!(
            item.ends_with(&inline(d["message"].as_str().unwrap())),
            "{item}"
        );
    }
}

/// A message as Markdown shows it in a line of text: `&`, `<` and `>`
/// escaped outside code spans.
fn inline(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
        } else {
            out.push_str(
                &part
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;"),
            );
        }
    }
    out
}

#[test]
fn a_clean_step_summary_says_so_and_links_follow_the_commit_when_known() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let (_keep, path) = summary_file("");
    let run = run_binary(
        p.path(),
        &["check", "--format", "json"],
        &summary_env(&path),
    );
    assert_eq!(run.code, 0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "### stratlint\n\nNo problems in 2 files (2 objects).\n\n"
    );

    // In a repository, with the variables GitHub sets, links point at the file at that commit.
    let p = Project::with_owners();
    p.write(
        "strategy/my tree.toml",
        &TREE.replace("owner = \"alice\"\nbaseline", "owner = \"carol\"\nbaseline"),
    );
    p.commit_all("tree", "2026-01-01T00:00:00Z");
    let (_keep, path) = summary_file("");
    let env = [
        ("GITHUB_STEP_SUMMARY", path.to_str().unwrap()),
        ("GITHUB_SERVER_URL", "https://github.com"),
        ("GITHUB_REPOSITORY", "acme/strategy"),
        ("GITHUB_SHA", "0123abc"),
    ];
    let run = run_binary(&p.path().join("strategy"), &["check", "-q"], &env);
    assert_eq!(run.code, 1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            "[my tree.toml:12](https://github.com/acme/strategy/blob/0123abc/strategy/my%20tree.toml#L12)"
        ),
        "{text}"
    );
}

#[test]
fn an_unwritable_step_summary_is_a_note_and_changes_nothing_else() {
    let p = Project::with_owners();
    p.write("strategy.toml", TREE);
    let dir = tempfile::tempdir().unwrap();
    // A directory cannot be appended to.
    let run = run_binary(
        p.path(),
        &["check", "--format", "json"],
        &summary_env(dir.path()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["diagnostics"], serde_json::json!([]));
    assert!(
        run.stderr
            .contains("stratlint: note: could not write the step summary"),
        "{}",
        run.stderr
    );
}
