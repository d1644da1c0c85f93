//! Property tests (proptest): the tenet grammar round-trips generated
//! tenets; history's text hash agrees with the normalized text; output does not depend on file creation order or thread count;
//! fingerprints survive unrelated lines inserted above; every location in
//! the JSON output lies inside its file.
//!
//! Tests that spawn the binary run a modest number of cases so the suite
//! stays fast.

mod common;

use std::collections::BTreeMap;

use common::{OWNERS, Project, run_binary};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;
use stratlint::history::texts::normalized_hash;
use stratlint::parse::tenet::{Grammar, normalize};
use stratlint::project::config::Config;

// ---------------------------------------------------------------------------
// The tenet grammar
// ---------------------------------------------------------------------------

/// Words the grammar gives a meaning to: generated phrases avoid them.
const KEYWORDS: [&str; 10] = [
    "when",
    "we",
    "over",
    "because",
    "choose",
    "prefer",
    "favor",
    "favour",
    "prioritize",
    "prioritise",
];

/// A plain word: ASCII or Latin-1 letters and digits, never a keyword.
fn word() -> impl Strategy<Value = String> {
    "[a-z0-9à-öø-ÿ]{1,8}".prop_filter("not a keyword", |w| {
        !KEYWORDS.contains(&w.to_lowercase().as_str())
    })
}

/// One to `max` words, with a comma after some of them (never the last).
fn phrase(max: usize, commas: bool) -> impl Strategy<Value = String> {
    prop::collection::vec((word(), any::<bool>()), 1..=max).prop_map(move |ws| {
        let n = ws.len();
        let mut out = String::new();
        for (i, (w, comma)) in ws.into_iter().enumerate() {
            out.push_str(&w);
            if i + 1 < n {
                out.push_str(if commas && comma { ", " } else { " " });
            }
        }
        out
    })
}

/// A keyword as written: lowercase, capitalized or uppercase.
fn cased(word: &'static str) -> impl Strategy<Value = String> {
    select(vec![0u8, 1, 2]).prop_map(move |c| match c {
        0 => word.to_owned(),
        1 => word[..1].to_uppercase() + &word[1..],
        _ => word.to_uppercase(),
    })
}

/// Whitespace between the parts of a tenet.
fn gap() -> impl Strategy<Value = &'static str> {
    select(vec![" ", " ", " ", "  ", "\t", "\n", " \r\n "])
}

fn verbs() -> Vec<String> {
    Config::default().tenet_verbs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// History compares objects by the hash of their normalized text, built
    /// without the string: it must be the hash of that string, whatever
    /// the whitespace (ASCII or not) and the letters around it, among them
    /// characters that share a first byte with Unicode whitespace.
    #[test]
    fn the_history_hash_is_the_hash_of_the_normalized_text(
        text in "([a-zé😀,.\\x01\\x1f\\x7f\u{a9}\u{1e9e}\u{2014}\u{3001}]{0,4}[ \t\r\n\x0b\x0c\u{85}\u{a0}\u{1680}\u{2003}\u{2028}\u{205f}\u{3000}]{0,3}){0,12}"
    ) {
        prop_assert_eq!(
            normalized_hash(&text),
            xxhash_rust::xxh3::xxh3_64(normalize(&text).as_bytes())
        );
    }

    #[test]
    fn generated_tenets_parse_back_to_their_parts(
        s in phrase(6, true),
        verb in select(verbs()),
        a in phrase(4, false),
        b in phrase(4, false),
        r in phrase(10, true),
        when in cased("when"),
        we in cased("we"),
        over in cased("over"),
        because in cased("because"),
        verb_case in select(vec![0u8, 1, 2]),
        gaps in prop::collection::vec(gap(), 8),
    ) {
        let written_verb = match verb_case {
            0 => verb.clone(),
            1 => verb[..1].to_uppercase() + &verb[1..],
            _ => verb.to_uppercase(),
        };
        let g = &gaps;
        let text = format!(
            "{when}{}{s},{}{we}{}{written_verb}{}{a}{}{over}{}{b}{}{because}{}{r}.",
            g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]
        );
        let grammar = Grammar::new(&verbs());
        // Tenets are stored whitespace-normalized; the grammar sees that text.
        let parts = grammar.parse(&normalize(&text));
        prop_assert_eq!(parts.situation.as_deref(), Some(s.as_str()), "{:?}", text);
        prop_assert_eq!(parts.verb.as_deref(), Some(verb.as_str()), "{:?}", text);
        prop_assert_eq!(parts.chosen.as_deref(), Some(a.as_str()), "{:?}", text);
        prop_assert_eq!(parts.rejected.as_deref(), Some(b.as_str()), "{:?}", text);
        prop_assert_eq!(parts.rationale.as_deref(), Some(r.as_str()), "{:?}", text);
        prop_assert!(parts.rationale_closed, "{:?}", text);
    }

    #[test]
    fn the_grammar_never_invents_text(text in "(?s).{0,120}", extra in phrase(12, true)) {
        let grammar = Grammar::new(&verbs());
        for t in [text.clone(), format!("When {extra}, we prefer {text} because {extra}.")] {
            let t = normalize(&t);
            let p = grammar.parse(&t);
            for part in [&p.situation, &p.chosen, &p.rejected, &p.rationale].into_iter().flatten() {
                prop_assert!(t.contains(part.as_str()), "{:?} is not in {:?}", part, t);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Generated repositories
// ---------------------------------------------------------------------------

/// Ids drawn from a small pool, so duplicates, cycles and dangling links happen.
const IDS: [&str; 8] = ["CO-1", "CO-2", "D-1", "D-2", "TM-1", "K-1", "P-1", "TH-1"];

/// One line of an object's fields (TOML, no table header).
fn field() -> impl Strategy<Value = String> {
    let id = || select(IDS.to_vec());
    prop_oneof![
        Just("title = \"A title\"".to_owned()),
        Just("title = \"Ünïcødé 😀 title\"".to_owned()),
        Just("title = 3".to_owned()),
        select(vec!["company", "department", "team", "squad"])
            .prop_map(|l| format!("level = \"{l}\"")),
        id().prop_map(|i| format!("parent = \"{i}\"")),
        id().prop_map(|i| format!("objective = \"{i}\"")),
        (id(), id()).prop_map(|(a, b)| format!("serves = [\"{a}\", \"{b}\"]")),
        select(vec!["alice", "@bob", "carol", "platform", "zed", "", "@"])
            .prop_map(|o| format!("owner = \"{o}\"")),
        select(vec!["1", "2.5", "1_000", "nan", "\"ten\"", "0x10", "-3"])
            .prop_map(|n| format!("baseline = {n}")),
        select(vec!["1", "2", "inf", "\"x\"", "1e3"]).prop_map(|n| format!("target = {n}")),
        select(vec!["\"1y\"", "\"90d\"", "\"6mo\"", "\"soon\"", "3"])
            .prop_map(|h| format!("half_life = {h}")),
        select(vec![
            "2025-01-01",
            "\"2026-02-30\"",
            "\"2020-06-01\"",
            "2026-11-25T10:00:00Z"
        ])
        .prop_map(|d| format!("reviewed = {d}")),
        select(vec!["2024-05-01", "\"not a date\""]).prop_map(|d| format!("date = {d}")),
        Just("status = \"retired\"".to_owned()),
        Just("status = \"paused\"".to_owned()),
        Just("titel = \"typo\"".to_owned()),
        Just("ignore = [\"OWN\", \"NOPE1\"]".to_owned()),
        Just("direction = \"up\"".to_owned()),
        tenet_text().prop_map(|t| format!("text = \"{t}\"")),
        Just("unit = \"%\" # stratlint: ignore[SL005]".to_owned()),
        Just("# stratlint: ignore[OWN001, TEN005]".to_owned()),
    ]
}

/// Tenet texts, good and bad.
fn tenet_text() -> impl Strategy<Value = String> {
    select(vec![
        "When in doubt, we choose speed over safety because speed compounds over time.",
        "When in doubt, we choose speed over speed because it is fast.",
        "We prefer tea.",
        "When load rises, we favour caching over rewrites because cheap.",
        "When é, we prefer 😀 over 🙃 because ünïcødé words count too.",
        "when x we prioritize a over b because",
    ])
    .prop_map(str::to_owned)
}

fn kind() -> impl Strategy<Value = &'static str> {
    select(vec![
        "objective",
        "objective",
        "kpi",
        "principle",
        "thesis",
        "tenet",
        "inflection",
        "goal",
    ])
}

/// An object: kind, optional id, fields.
fn object() -> impl Strategy<Value = (&'static str, Option<&'static str>, Vec<String>)> {
    (
        kind(),
        prop::option::weighted(0.9, select(IDS.to_vec())),
        prop::collection::vec(field(), 0..7),
    )
}

fn id_line(id: Option<&str>) -> String {
    id.map(|i| format!("id = \"{i}\"\n")).unwrap_or_default()
}

/// A TOML strategy file of one to four objects (always opening with a table).
fn toml_file() -> impl Strategy<Value = String> {
    prop::collection::vec(object(), 1..5).prop_map(|objects| {
        let mut out = String::new();
        for (kind, id, fields) in objects {
            out.push_str(&format!("[[{kind}]]\n{}", id_line(id)));
            for f in fields {
                out.push_str(&f);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    })
}

/// A Markdown body: paragraphs, tenet lists, links, suppressions, headings.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Some prose about the strategy.\n".to_owned()),
        Just("Prosé with ünïcødé 😀 and\ttabs.\n".to_owned()),
        Just("## Decision tenets\n".to_owned()),
        Just("# Tenets\n".to_owned()),
        Just("## Another section\n".to_owned()),
        tenet_text().prop_map(|t| format!("- {t}\n")),
        select(vec![
            "#tenets",
            "#nowhere",
            "other.md",
            "missing.md#x",
            "a.toml"
        ])
        .prop_map(|l| format!("See [the link]({l}).\n")),
        Just("<!-- stratlint-disable-next-line TEN005 -->\n".to_owned()),
        Just("<!-- stratlint-disable-next-line -->\n".to_owned()),
        Just("```\n<!-- stratlint-disable-next-line -->\n```\n".to_owned()),
        Just("\n".to_owned()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.join("\n"))
}

/// A Markdown strategy document (or, rarely, a plain README).
fn markdown_file() -> impl Strategy<Value = String> {
    (object(), body(), 0u8..10).prop_map(|((kind, id, fields), body, shape)| {
        let mut front = format!("kind = \"{kind}\"\n{}", id_line(id));
        for f in fields {
            front.push_str(&f);
            front.push('\n');
        }
        match shape {
            0 => format!("# Just notes\n\n{body}"),
            1 => format!("---\nkind: {kind}\n---\n{body}"),
            2 => format!("+++\n{front}"),
            _ => format!("+++\n{front}+++\n\n{body}"),
        }
    })
}

/// File names: each index is either TOML or Markdown by its extension.
const NAMES: [&str; 8] = [
    "a.toml",
    "b.toml",
    "dir/c.toml",
    "dir/sub/d.md",
    "e.md",
    "dir/f.md",
    "Z.toml",
    "é.md",
];

/// A repository: some of `NAMES`, each with generated content, and maybe the owners registry.
fn repository() -> impl Strategy<Value = Vec<(String, String)>> {
    (
        prop::sample::subsequence(NAMES.to_vec(), 1..=NAMES.len()),
        prop::collection::vec((toml_file(), markdown_file()), NAMES.len()),
        any::<bool>(),
    )
        .prop_map(|(names, contents, owners)| {
            let mut files: Vec<(String, String)> = names
                .into_iter()
                .zip(contents)
                .map(|(name, (toml, md))| {
                    let text = if name.ends_with(".md") { md } else { toml };
                    (name.to_owned(), text)
                })
                .collect();
            if owners {
                files.push(("owners.toml".to_owned(), OWNERS.to_owned()));
            }
            files
        })
}

fn project(files: &[(String, String)]) -> Project {
    let p = Project::new();
    for (name, text) in files {
        p.write(name, text);
    }
    p
}

const CHECK: [&str; 5] = ["check", "--format", "json", "--now", "2026-11-25"];

fn check(p: &Project, threads: &str) -> common::Run {
    run_binary(p.path(), &CHECK, &[("RAYON_NUM_THREADS", threads)])
}

// ---------------------------------------------------------------------------
// Order and thread count
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn creation_order_and_thread_count_never_change_the_output(
        (first, second) in repository().prop_flat_map(|files| {
            (Just(files.clone()).prop_shuffle(), Just(files).prop_shuffle())
        })
    ) {
        let a = project(&first);
        let b = project(&second);
        let reference = check(&a, "1");
        prop_assert!(
            reference.code == 0 || reference.code == 1,
            "exit {}: {}",
            reference.code,
            reference.stderr
        );
        reference.json();
        for (p, threads) in [(&a, "7"), (&b, "2"), (&b, "4")] {
            let run = check(p, threads);
            prop_assert_eq!(run.code, reference.code);
            prop_assert!(
                run.stdout == reference.stdout,
                "output differs with RAYON_NUM_THREADS={} and creation order {:?}:\n{}\nvs\n{}",
                threads,
                second.iter().map(|f| &f.0).collect::<Vec<_>>(),
                run.stdout,
                reference.stdout
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Fingerprints
// ---------------------------------------------------------------------------

/// An inserted tenet that is valid and shares no id with generated objects.
const INSERTED_ID: &str = "ZZ-INSERTED";

/// Lines inserted above a TOML file's first table.
fn toml_insertion() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# a comment about nothing\n".to_owned()),
        Just("\n".to_owned()),
        Just("   \n".to_owned()),
        Just("# ünïcødé 😀 comment\n".to_owned()),
        Just(format!(
            "[[tenet]]\nid = \"{INSERTED_ID}\"\ntext = \"When a team is unsure, we prefer shipping over polishing because early feedback beats guessing.\"\n\n"
        )),
    ];
    prop::collection::vec(line, 1..6).prop_map(|l| l.concat())
}

/// Lines inserted at the top of front matter (comments and blanks only:
/// a table there would swallow the keys below it).
fn front_matter_insertion() -> impl Strategy<Value = String> {
    let line = select(vec!["# a comment\n", "\n", "# ünïcødé 😀\n", "  \n"]);
    prop::collection::vec(line, 1..5).prop_map(|l| l.concat())
}

/// `(code, object, fingerprint)` of every diagnostic not about the inserted object, sorted.
fn fingerprints(run: &common::Run) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = run
        .diagnostics()
        .iter()
        .filter(|d| d["object"] != INSERTED_ID)
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["object"].as_str().unwrap_or_default().to_owned(),
                d["fingerprint"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn fingerprints_survive_unrelated_lines_inserted_above(
        toml in toml_file(),
        md in markdown_file(),
        toml_above in toml_insertion(),
        front_above in front_matter_insertion(),
        owners in any::<bool>(),
    ) {
        // An inserted `[[tenet]]` table turns a file holding only unknown
        // kinds into a strategy file: that is not an unrelated line.
        let strategy = ["thesis", "objective", "kpi", "principle", "tenet", "inflection"]
            .iter()
            .any(|k| toml.contains(&format!("[[{k}]]")));
        prop_assume!(strategy || !toml_above.contains("[["));
        let p = if owners { Project::with_owners() } else { Project::new() };
        p.write("strategy.toml", &toml);
        p.write("doc.md", &md);
        let before = p.check_json(&[]);
        p.write("strategy.toml", &format!("{toml_above}{toml}"));
        let md_after = match md.strip_prefix("+++\n") {
            Some(rest) => format!("+++\n{front_above}{rest}"),
            None => md.clone(),
        };
        p.write("doc.md", &md_after);
        let after = p.check_json(&[]);
        prop_assert_eq!(
            fingerprints(&before),
            fingerprints(&after),
            "before:\n{}\nafter:\n{}",
            before.stdout,
            after.stdout
        );
    }
}

// ---------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------

/// A file made hostile: CRLF line ends, a byte-order mark, cut short at any
/// character, or an invalid UTF-8 byte.
fn hostile(text: String) -> impl Strategy<Value = Vec<u8>> {
    let chars = text.chars().count();
    (
        any::<bool>(),
        any::<bool>(),
        0..=chars,
        any::<bool>(),
        0..=chars,
        any::<bool>(),
    )
        .prop_map(move |(crlf, bom, cut_at, cut, bad_at, bad)| {
            let mut t = if crlf {
                text.replace('\n', "\r\n")
            } else {
                text.clone()
            };
            if cut {
                t = t.chars().take(cut_at).collect();
            }
            if bom {
                t.insert(0, '\u{feff}');
            }
            let mut bytes = t.clone().into_bytes();
            if bad {
                let at = t.char_indices().nth(bad_at).map_or(t.len(), |(i, _)| i);
                bytes.insert(at, 0xff);
            }
            bytes
        })
}

fn hostile_repository() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    repository().prop_flat_map(|files| {
        files
            .into_iter()
            .map(|(name, text)| {
                if name == "owners.toml" {
                    Just((name, text.into_bytes())).boxed()
                } else {
                    hostile(text).prop_map(move |b| (name.clone(), b)).boxed()
                }
            })
            .collect::<Vec<_>>()
    })
}

/// The lines of a file as the linter counts them: split at `\n`, characters
/// (a `\r` included) counted after lossy UTF-8 decoding.
fn line_lengths(bytes: &[u8]) -> Vec<usize> {
    String::from_utf8_lossy(bytes)
        .split('\n')
        .map(|l| l.chars().count())
        .collect()
}

fn check_location(
    files: &BTreeMap<String, Vec<usize>>,
    file: &Value,
    line: &Value,
    column: &Value,
    what: &str,
) -> Result<(), TestCaseError> {
    let name = file.as_str().unwrap_or_default();
    let lines = files
        .get(name)
        .ok_or_else(|| TestCaseError::fail(format!("{what}: unknown file {name:?}")))?;
    let (line, column) = (
        line.as_u64().unwrap_or(0) as usize,
        column.as_u64().unwrap_or(0) as usize,
    );
    prop_assert!(
        line >= 1 && column >= 1,
        "{}: {}:{}:{} below 1",
        what,
        name,
        line,
        column
    );
    prop_assert!(
        line <= lines.len(),
        "{}: {}:{} past the last line ({} lines)",
        what,
        name,
        line,
        lines.len()
    );
    prop_assert!(
        column <= lines[line - 1] + 1,
        "{}: {}:{}:{} past the end of the line ({} characters)",
        what,
        name,
        line,
        column,
        lines[line - 1]
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn every_location_lies_inside_its_file(files in hostile_repository()) {
        let p = Project::new();
        for (name, bytes) in &files {
            p.write_bytes(name, bytes);
        }
        let run = p.check_json(&[]);
        prop_assert!(run.code == 0 || run.code == 1, "exit {}: {}", run.code, run.stderr);
        let lengths: BTreeMap<String, Vec<usize>> = files
            .iter()
            .map(|(name, bytes)| (name.clone(), line_lengths(bytes)))
            .collect();
        for d in run.diagnostics() {
            let what = format!("{} {}", d["code"], d["message"]);
            check_location(&lengths, &d["file"], &d["line"], &d["column"], &what)?;
            check_location(&lengths, &d["file"], &d["end_line"], &d["end_column"], &what)?;
            let start = (d["line"].as_u64(), d["column"].as_u64());
            let end = (d["end_line"].as_u64(), d["end_column"].as_u64());
            prop_assert!(start <= end, "{}: ends before it starts", what);
            for r in d["related"].as_array().into_iter().flatten() {
                check_location(&lengths, &r["file"], &r["line"], &r["column"], &what)?;
            }
        }
    }
}
