//! A whole check of a one-file repository: the input is written as
//! `strategy.md` or `strategy.toml` beside a `stratlint.toml` (and, by the
//! first byte's flags, an owners registry and a companion file), checked
//! without history, and rendered in every format.
//!
//! First byte: bit 0 TOML (else Markdown), bit 1 owners registry, bits 2–3
//! which config, bit 4 a companion file of valid objects, bit 5 colour.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use clap::ValueEnum;
use libfuzzer_sys::fuzz_target;
use stratlint::analysis::{Options, analyze};
use stratlint::date::Date;
use stratlint::project::locate;
use stratlint::snapshot::Overlays;
use stratlint::views::check::{Format, Outcome, Style, render};
use stratlint_fuzz::assert_span;

const OWNERS: &str = r#"
[people.alice]
name = "Alice"
team = "platform"

[people.carol]
name = "Carol"
active = false

[teams.platform]
name = "Platform"
lead = "alice"
"#;

const CONFIGS: [&str; 4] = [
    "",
    "kpi_owner = \"any\"\n[objectives]\nlevels = [\"org\", \"squad\"]\n[tenets]\nverbs = [\"pick\", \"Favor\"]\nmin_rationale_words = 0\nheadings = [\"Rules\"]\n",
    "[lint]\nselect = [\"SL\", \"TEN\", \"LNK\", \"SUP\"]\nignore = [\"TEN005\"]\n[lint.severity]\nSL = \"info\"\n",
    "[half_life]\nprinciple = \"1d\"\nthesis = \"1d\"\ntenet = \"2w\"\n[lint.severity]\nHL005 = \"off\"\nOBJ = \"warning\"\n",
];

const COMPANION: &str = r#"
[[thesis]]
id = "T-1"
title = "Why we win"
owner = "alice"

[[objective]]
id = "CO-1"
title = "Company"
level = "company"
owner = "alice"
serves = ["T-1"]

[[kpi]]
id = "K-1"
title = "Revenue"
objective = "CO-1"
owner = "alice"
baseline = 1
target = 2

[[inflection]]
id = "I-1"
title = "Series B"
date = 2026-01-01
"#;

fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("tempdir").keep())
}

fn write_or_remove(path: PathBuf, text: Option<&[u8]>) {
    match text {
        Some(t) => std::fs::write(path, t).expect("write"),
        None => {
            let _ = std::fs::remove_file(path);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, body)) = data.split_first() else {
        return;
    };
    let dir = dir();
    let toml = flags & 1 != 0;
    write_or_remove(dir.join("strategy.toml"), toml.then_some(body));
    write_or_remove(dir.join("strategy.md"), (!toml).then_some(body));
    write_or_remove(
        dir.join("owners.toml"),
        (flags & 2 != 0).then_some(OWNERS.as_bytes()),
    );
    let config = CONFIGS[usize::from((flags >> 2) & 3)];
    std::fs::write(dir.join("stratlint.toml"), config).expect("write");
    write_or_remove(
        dir.join("companion.toml"),
        (flags & 16 != 0).then_some(COMPANION.as_bytes()),
    );

    let options = Options {
        now: Date::parse("2026-11-25"),
        no_history: true,
        ..Default::default()
    };
    let project = locate(dir, &[dir.clone()], None).expect("a valid config");
    let analysis =
        analyze(project, &Overlays::new(), &options).expect("an existing path never fails");
    let outcome = Outcome::new(&analysis, &analysis.diagnostics, 0);
    let files = outcome.files;
    for d in outcome.diagnostics {
        assert!(d.file < files.len(), "{}: no file {}", d.code, d.file);
        assert_span(&files[d.file], d.span, d.code.as_str());
        for r in &d.related {
            assert!(r.file < files.len(), "{}: related in no file", d.code);
            assert_span(&files[r.file], r.span, d.code.as_str());
        }
        if let Some(i) = d.object_index {
            assert!(i < outcome.objects, "{}: no object {i}", d.code);
        }
    }
    // Sorted by file (byte-wise), line, column and code.
    let keys: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let pos = outcome.position(d.file, d.span.start);
            (outcome.display(d.file).as_bytes(), pos.line, pos.column, d.code.as_str())
        })
        .collect();
    assert!(keys.is_sorted(), "diagnostics out of order: {keys:?}");
    let style = Style {
        color: flags & 32 != 0,
        width: 80,
        summary: flags & 64 == 0,
    };
    for format in Format::value_variants() {
        let out = render(&outcome, *format, style);
        if *format == Format::Json {
            let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
            let items = doc["diagnostics"].as_array().expect("diagnostics");
            assert_eq!(items.len(), outcome.diagnostics.len());
            for item in items {
                for key in ["line", "column", "end_line", "end_column"] {
                    assert!(
                        item[key].as_u64().is_some_and(|n| n >= 1),
                        "{key} < 1: {item}"
                    );
                }
            }
        }
    }
});
