//! Property tests (proptest): the tenet grammar round-trips generated
//! tenets; history's text hash agrees with the normalized text; output does not depend on file creation order or thread count;
//! fingerprints survive unrelated lines inserted above; every location in
//! the JSON output lies inside its file; any value of the fields of
//! initiatives, debt items and KPIs SPEC §14 adds, in a TOML table or front
//! matter, ends in exit 0 or 1 with deterministic output and SL006, OBJ001
//! or nothing at the field's line, as the SPEC says.
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

// ---------------------------------------------------------------------------
// The fields of initiatives, debt items and KPIs (SPEC §14)
// ---------------------------------------------------------------------------

/// A TOML value, written out by [`toml_value`].
#[derive(Debug, Clone)]
enum Toml {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A local date, valid (TOML rejects others).
    Date(u16, u8, u8),
    /// A date with a time.
    DateTime,
    Array(Vec<Toml>),
    /// An inline table (keys distinct).
    Table(Vec<(String, Toml)>),
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s)
        .expect("a string serializes")
        .replace('\u{7f}', "\\u007F")
}

fn toml_value(v: &Toml) -> String {
    match v {
        Toml::Str(s) => toml_string(s),
        Toml::Int(i) => i.to_string(),
        Toml::Float(f) if f.is_nan() => "nan".into(),
        Toml::Float(f) if f.is_infinite() => if *f > 0.0 { "inf" } else { "-inf" }.into(),
        Toml::Float(f) => format!("{f:?}"),
        Toml::Bool(b) => b.to_string(),
        Toml::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        Toml::DateTime => "2026-03-01T10:00:00Z".into(),
        Toml::Array(items) => format!(
            "[{}]",
            items.iter().map(toml_value).collect::<Vec<_>>().join(", ")
        ),
        Toml::Table(entries) => format!(
            "{{ {} }}",
            entries
                .iter()
                .map(|(k, v)| format!("{} = {}", toml_string(k), toml_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Words some field accepts, ids of the project, and near misses.
const FIELD_WORDS: [&str; 30] = [
    "planned",
    "active",
    "done",
    "stopped",
    "open",
    "paid",
    "accepted",
    "retired",
    "outcome",
    "delivery",
    "product",
    "tech-health",
    "experiment",
    "Active",
    " open",
    "2026-03-01",
    "2026-02-30",
    "2026-3-1",
    "6w",
    "90d",
    "0d",
    "1y",
    "K-1",
    "CO-1",
    "D-1",
    "I-1",
    "NOPE-1",
    "",
    "We believe faster refunds will raise K-1 by 5%.",
    "We believe it.",
];

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        select(FIELD_WORDS.to_vec()).prop_map(str::to_owned),
        "\\PC{0,16}",
        "[\\x00-\\x1f\\x7f\u{feff}\u{202e} a-z*\\[\\]!/\\\\]{0,8}",
    ]
}

fn any_number() -> impl Strategy<Value = Toml> {
    prop_oneof![
        select(vec![0i64, 1, -1, 2, 7, i64::MAX, i64::MIN]).prop_map(Toml::Int),
        any::<i64>().prop_map(Toml::Int),
        select(vec![
            0.0,
            -0.0,
            0.5,
            -2.5,
            1e300,
            -1e-300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ])
        .prop_map(Toml::Float),
        any::<f64>().prop_map(Toml::Float),
    ]
}

/// Any TOML value, nested up to two levels.
fn any_toml() -> impl Strategy<Value = Toml> {
    let leaf = prop_oneof![
        3 => any_string().prop_map(Toml::Str),
        2 => any_number(),
        1 => any::<bool>().prop_map(Toml::Bool),
        1 => (0u16..=9999, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Toml::Date(y, m, d)),
        1 => Just(Toml::DateTime),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Toml::Array),
            prop::collection::btree_map(any_string(), inner, 0..4)
                .prop_map(|m| Toml::Table(m.into_iter().collect())),
        ]
    })
}

/// The kinds whose new fields are judged here, each with its fields.
const SUBJECTS: [(&str, &[&str]); 3] = [
    (
        "initiative",
        &[
            "status",
            "theme",
            "capacity",
            "moves",
            "first_signal",
            "hypothesis",
            "started",
            "due",
            "paths",
            "keys",
            "pays",
        ],
    ),
    ("debt", &["status", "impact", "interest"]),
    ("kpi", &["class"]),
];

/// What a field's value must give at its line (SPEC §14, §6).
#[derive(Debug, PartialEq)]
enum Expect {
    /// Neither SL006 nor OBJ001.
    Clean,
    /// This code (and maybe others).
    Code(&'static str),
}

/// The objects every project here has, by id and kind.
const OTHERS: [(&str, &str); 3] = [("CO-1", "objective"), ("K-1", "kpi"), ("D-1", "debt")];

fn as_number(v: &Toml) -> Option<f64> {
    match v {
        Toml::Int(i) => Some(*i as f64),
        Toml::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

fn is_date(v: &Toml) -> bool {
    match v {
        Toml::Date(..) => true,
        Toml::Str(s) => stratlint::date::Date::parse(s).is_some(),
        _ => false,
    }
}

/// The code a reference to `id` from a field accepting `kind` gives.
fn reference(id: &str, kind: &str, own: (&str, &str)) -> Option<&'static str> {
    match OTHERS.iter().chain([&own]).find(|(i, _)| *i == id) {
        None => Some("OBJ001"),
        Some((_, k)) if *k != kind => Some("SL006"),
        Some(_) => None,
    }
}

/// The SPEC's verdict on `field = v` in a `kind` whose id and kind are `own`.
fn expected(kind: &str, field: &str, v: &Toml, own: (&str, &str)) -> Expect {
    let bad = Expect::Code("SL006");
    let choice = |choices: &[&str]| match v {
        Toml::Str(s) if choices.contains(&s.as_str()) => Expect::Clean,
        _ => Expect::Code("SL006"),
    };
    let strings = |v: &Toml| matches!(v, Toml::Array(items) if items.iter().all(|i| matches!(i, Toml::Str(_))));
    match (kind, field) {
        ("initiative", "status") => choice(&["planned", "active", "done", "stopped"]),
        ("debt", "status") => choice(&["open", "paid", "accepted"]),
        ("kpi", "class") => choice(&["outcome", "delivery"]),
        (_, "theme") => choice(&["product", "tech-health", "experiment"]),
        (_, "capacity" | "interest") => match as_number(v) {
            Some(n) if n >= 0.0 => Expect::Clean,
            _ => bad,
        },
        (_, "started" | "due") if is_date(v) => Expect::Clean,
        (_, "first_signal") if is_date(v) => Expect::Clean,
        (_, "first_signal") => match v {
            Toml::Str(s) if stratlint::date::parse_duration(s).is_some() => Expect::Clean,
            _ => bad,
        },
        (_, "hypothesis" | "impact") if matches!(v, Toml::Str(_)) => Expect::Clean,
        (_, "paths" | "keys") if strings(v) => Expect::Clean,
        (_, "moves") => match v {
            Toml::Table(entries) => {
                // A value that is no non-zero number is SL006 before the key is judged.
                let codes: Vec<&str> = entries
                    .iter()
                    .flat_map(|(k, n)| {
                        let value = match as_number(n) {
                            Some(x) if x != 0.0 => None,
                            _ => Some("SL006"),
                        };
                        value.into_iter().chain(reference(k, "kpi", own))
                    })
                    .collect();
                match codes.iter().find(|c| **c == "SL006").or(codes.first()) {
                    Some(c) => Expect::Code(c),
                    None => Expect::Clean,
                }
            }
            _ => bad,
        },
        (_, "pays") => match v {
            Toml::Array(items) => {
                let codes: Vec<&str> = items
                    .iter()
                    .flat_map(|i| match i {
                        Toml::Str(id) => reference(id, "debt", own),
                        _ => Some("SL006"),
                    })
                    .collect();
                match codes.iter().find(|c| **c == "SL006").or(codes.first()) {
                    Some(c) => Expect::Code(c),
                    None => Expect::Clean,
                }
            }
            _ => bad,
        },
        _ => bad,
    }
}

/// Values a field accepts, or nearly: what a person would write.
fn plausible(field: &'static str) -> BoxedStrategy<Toml> {
    let s = |words: Vec<&'static str>| select(words).prop_map(|w| Toml::Str(w.to_owned())).boxed();
    let date = (1970u16..=2100, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Toml::Date(y, m, d));
    let id = || {
        select(vec!["K-1", "CO-1", "D-1", "I-1", "NOPE-1", "K-CHURN.EU"]).prop_map(str::to_owned)
    };
    match field {
        "status" => s(vec![
            "planned", "active", "done", "stopped", "open", "paid", "accepted", "retired", "Done",
        ]),
        "theme" => s(vec![
            "product",
            "tech-health",
            "experiment",
            "health",
            "Product",
        ]),
        "class" => s(vec!["outcome", "delivery", "velocity", "Outcome"]),
        "capacity" | "interest" => any_number().boxed(),
        "first_signal" => prop_oneof![
            date.clone().boxed(),
            s(vec![
                "6w",
                "90d",
                "3mo",
                "1y",
                "2026-03-01",
                "soon",
                "0w",
                "6 weeks",
                "1234567d"
            ]),
        ]
        .boxed(),
        "started" | "due" => {
            prop_oneof![date.boxed(), s(vec!["2026-03-01", "2026-02-30", "Q3"])].boxed()
        }
        "hypothesis" | "impact" => any_string().prop_map(Toml::Str).boxed(),
        "paths" => prop::collection::vec(
            select(vec![
                "services/pay/",
                "*.rs",
                "!x",
                "[",
                "a/**/b",
                "\\",
                "/",
                "",
                "{a,b}/c",
                " x/y",
            ])
            .prop_map(|p| Toml::Str(p.to_owned())),
            0..4,
        )
        .prop_map(Toml::Array)
        .boxed(),
        "keys" => prop::collection::vec(any_string().prop_map(Toml::Str), 0..4)
            .prop_map(Toml::Array)
            .boxed(),
        "moves" => prop::collection::btree_map(
            id(),
            prop_oneof![any_number(), Just(Toml::Int(5)), Just(Toml::Float(-0.5))],
            0..3,
        )
        .prop_map(|m| Toml::Table(m.into_iter().collect()))
        .boxed(),
        "pays" => prop::collection::vec(id().prop_map(Toml::Str), 0..3)
            .prop_map(Toml::Array)
            .boxed(),
        other => panic!("no values for {other}"),
    }
}

/// Every (kind, field) judged here.
fn subject_field() -> impl Strategy<Value = (&'static str, &'static str)> {
    select(
        SUBJECTS
            .iter()
            .flat_map(|(k, fields)| fields.iter().map(move |f| (*k, *f)))
            .collect::<Vec<_>>(),
    )
}

/// The other objects, in TOML: the clean tree every test shares, and a
/// debt item for `pays` to name.
fn others_toml() -> String {
    format!(
        "{}\n[[debt]]\nid = \"D-1\"\ntitle = \"Old billing\"\nowner = \"alice\"\nimpact = \"slows every checkout change by 3 days\"\n",
        common::TREE
    )
}

/// The subject's id, and its fields before the one judged.
fn subject(kind: &str, field: &str) -> (&'static str, Vec<String>) {
    let mut lines: Vec<String> = Vec::new();
    let id = match kind {
        "initiative" => "I-1",
        "debt" => "D-9",
        _ => "K-9",
    };
    lines.push(format!("id = \"{id}\""));
    lines.push("title = \"The subject\"".into());
    lines.push("owner = \"alice\"".into());
    match kind {
        "initiative" => lines.push("serves = [\"CO-1\"]".into()),
        "debt" if field != "impact" => lines.push("impact = \"costs 3 days a quarter\"".into()),
        "kpi" => {
            lines.push("objective = \"CO-1\"".into());
            lines.push("baseline = 1".into());
            lines.push("target = 2".into());
        }
        _ => {}
    }
    (id, lines)
}

/// The project's files with `field = v` in the subject, as a table of the
/// TOML file or in a Markdown document's front matter, and where it is.
fn subject_files(
    kind: &str,
    field: &str,
    v: &Toml,
    markdown: bool,
) -> (Vec<(String, String)>, String, u64) {
    let (_, mut lines) = subject(kind, field);
    lines.push(format!("{field} = {}", toml_value(v)));
    if markdown {
        let doc = format!(
            "+++\nkind = \"{kind}\"\n{}\n+++\n\nBody.\n",
            lines.join("\n")
        );
        let line = lines.len() as u64 + 2;
        let files = vec![
            ("strategy.toml".to_owned(), others_toml()),
            ("subject.md".to_owned(), doc),
        ];
        (files, "subject.md".to_owned(), line)
    } else {
        let text = format!("{}\n[[{kind}]]\n{}\n", others_toml(), lines.join("\n"));
        let line = text.lines().count() as u64;
        (
            vec![("strategy.toml".to_owned(), text)],
            "strategy.toml".to_owned(),
            line,
        )
    }
}

fn lint_files(files: &[(String, String)]) -> common::Run {
    let mut all: Vec<(&str, &str)> = vec![("owners.toml", OWNERS)];
    all.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    common::lint("", &all)
}

/// Asserts what the SPEC says of the field's line in `run`.
fn judge_field(
    run: &common::Run,
    (kind, field, v): (&str, &str, &Toml),
    file: &str,
    line: u64,
) -> Result<(), TestCaseError> {
    prop_assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    let (id, _) = subject(kind, field);
    let own = (id, kind);
    let diagnostics = run.diagnostics();
    // The file still parses: a field's value is never a syntax error.
    prop_assert!(
        !diagnostics
            .iter()
            .any(|d| d["code"] == "SL002" || d["code"] == "SL001"),
        "{}",
        run.stdout
    );
    let at_line = |code: &str| {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code && d["file"] == file && d["line"] == line)
            .count()
    };
    match expected(kind, field, v, own) {
        Expect::Clean => {
            for code in ["SL006", "OBJ001"] {
                prop_assert_eq!(
                    at_line(code),
                    0,
                    "{} = {}: {}",
                    field,
                    toml_value(v),
                    run.stdout
                );
            }
        }
        Expect::Code(code) => {
            let found: Vec<&Value> = diagnostics
                .iter()
                .filter(|d| d["code"] == code && d["file"] == file && d["line"] == line)
                .collect();
            prop_assert!(
                !found.is_empty(),
                "{} = {} ({}): expected {} at {}:{}, got {:?}",
                field,
                toml_value(v),
                kind,
                code,
                file,
                line,
                run.summary()
            );
            for d in found {
                prop_assert_eq!(&d["object"], id, "{}", d);
            }
        }
    }
    // A hypothesis is judged by EXE003 at its line, when at all.
    if let ("hypothesis", Toml::Str(h)) = (field, v) {
        let exe003: Vec<&Value> = diagnostics
            .iter()
            .filter(|d| d["code"] == "EXE003")
            .collect();
        for d in &exe003 {
            prop_assert!(d["file"] == file && d["line"] == line, "{}", d);
        }
        match h.as_str() {
            "We believe faster refunds will raise K-1 by 5%." => prop_assert!(exe003.is_empty()),
            "We believe it." => prop_assert_eq!(exe003.len(), 1),
            _ => {}
        }
    }
    // Nothing reports SL006 or OBJ001 elsewhere: the other objects are valid.
    for d in &diagnostics {
        if d["code"] == "SL006" || d["code"] == "OBJ001" {
            prop_assert!(d["file"] == file && d["line"] == line, "{}", d);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    /// Any value of a new field, in a TOML table or front matter: no panic,
    /// exit 0 or 1, the same output twice, and at the field's line SL006 or
    /// OBJ001 exactly when SPEC §14 says the value is wrong.
    #[test]
    fn new_fields_take_any_value_and_are_judged_at_their_line(
        (kind, field) in subject_field(),
        v in any_toml(),
        (pk, pf, pv) in subject_field().prop_flat_map(|(k, f)| (Just(k), Just(f), plausible(f))),
        markdown in any::<bool>(),
    ) {
        // Any value in one field, and a plausible one in another.
        for (kind, field, v) in [(kind, field, &v), (pk, pf, &pv)] {
            let (files, file, line) = subject_files(kind, field, v, markdown);
            let run = lint_files(&files);
            judge_field(&run, (kind, field, v), &file, line)?;
            let again = lint_files(&files);
            prop_assert_eq!(&run.stdout, &again.stdout);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The binary on a git-less project with any value of a new field:
    /// exit 0 or 1 (a wrong value is a diagnostic, never exit 2), and
    /// byte-identical output across thread counts.
    #[test]
    fn the_binary_judges_any_value_of_a_new_field_with_exit_0_or_1(
        (kind, field, v) in subject_field().prop_flat_map(|(k, f)| (Just(k), Just(f), prop_oneof![any_toml(), plausible(f)])),
        markdown in any::<bool>(),
    ) {
        let (files, file, line) = subject_files(kind, field, &v, markdown);
        let p = Project::with_owners();
        for (name, text) in &files {
            p.write(name, text);
        }
        let run = check(&p, "1");
        judge_field(&run, (kind, field, &v), &file, line)?;
        let again = check(&p, "4");
        prop_assert_eq!(run.code, again.code);
        prop_assert_eq!(&run.stdout, &again.stdout);
    }
}
