//! Tables in the docs and fixtures that are generated from the code and
//! checked by the tests: a test computes what a region should say and
//! [`region`] (or [`replace`]) compares it with the file. When they differ
//! the test fails with the difference and the command that fixes it;
//! with `STRATLINT_BLESS=1` in the environment it rewrites the file instead
//! (as insta's and expect-test's update modes do), and passes.

use std::path::Path;

/// Whether the tests rewrite what drifted (`STRATLINT_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var("STRATLINT_BLESS").is_ok_and(|v| v == "1")
}

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text of a file of the repository (`rel` from its root).
pub fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The marker lines around the generated region `name`.
pub fn markers(name: &str) -> (String, String) {
    (
        format!("<!-- generated: {name} (edit the code, then STRATLINT_BLESS=1 cargo test) -->"),
        format!("<!-- end generated: {name} -->"),
    )
}

/// Checks that the lines between the markers of region `name` in `rel` are
/// `want` (which ends with a newline) between two blank lines (so that a
/// table is not run into the marker comments). `test` names the test
/// target that rewrites it (`docs_rules`).
pub fn region(rel: &str, name: &str, want: &str, test: &str) {
    let want = &format!("\n{want}\n");
    let text = read(rel);
    let (begin, end) = markers(name);
    let start = text
        .find(&format!("{begin}\n"))
        .unwrap_or_else(|| panic!("{rel}: no line `{begin}`"))
        + begin.len()
        + 1;
    let stop = start
        + text[start..]
            .find(&format!("{end}\n"))
            .unwrap_or_else(|| panic!("{rel}: no line `{end}` after `{begin}`"));
    let have = &text[start..stop];
    if have == want {
        return;
    }
    if blessing() {
        write(rel, &format!("{}{want}{}", &text[..start], &text[stop..]));
        return;
    }
    panic!(
        "{rel}: the generated region `{name}` is out of date:\n{}\nfix: STRATLINT_BLESS=1 cargo test --test {test}",
        diff(have, want)
    );
}

/// Checks that `rel` holds `want` where it holds `have` (one exact piece of
/// text, such as a JSON string); rewrites it under `STRATLINT_BLESS=1`.
pub fn replace(rel: &str, what: &str, have: &str, want: &str, test: &str) {
    if have == want {
        return;
    }
    if blessing() {
        let text = read(rel);
        assert_eq!(
            text.matches(have).count(),
            1,
            "{rel}: `{have}` is not unique"
        );
        write(rel, &text.replace(have, want));
        return;
    }
    panic!(
        "{rel}: {what} is out of date:\n- {have}\n+ {want}\nfix: STRATLINT_BLESS=1 cargo test --test {test}"
    );
}

/// Checks that the file `rel`, which holds `have`, holds `want` (a file
/// generated whole); rewrites it under `STRATLINT_BLESS=1`.
pub fn whole(rel: &str, have: &str, want: &str, test: &str) {
    if have == want {
        return;
    }
    if blessing() {
        write(rel, want);
        return;
    }
    panic!(
        "{rel} is out of date:\n{}\nfix: STRATLINT_BLESS=1 cargo test --test {test}",
        diff(have, want)
    );
}

/// Replaces `rel` whole (a rename), so that another test reading it at the
/// same time never sees it half written.
fn write(rel: &str, text: &str) {
    let path = root().join(rel);
    let tmp = path.with_extension("blessing");
    std::fs::write(&tmp, text).unwrap_or_else(|e| panic!("{}: {e}", tmp.display()));
    std::fs::rename(&tmp, &path).unwrap_or_else(|e| panic!("{rel}: {e}"));
}

/// The lines that differ, `-` for what the file has and `+` for what it
/// should have (a plain line-by-line comparison: enough for tables).
pub fn diff(have: &str, want: &str) -> String {
    let (h, w): (Vec<&str>, Vec<&str>) = (have.lines().collect(), want.lines().collect());
    let mut out = String::new();
    for i in 0..h.len().max(w.len()) {
        match (h.get(i), w.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => {
                if let Some(a) = a {
                    out.push_str(&format!("- {a}\n"));
                }
                if let Some(b) = b {
                    out.push_str(&format!("+ {b}\n"));
                }
            }
        }
    }
    out
}

/// The rule families (`SL`, `OBJ`, …): the letters of the codes of
/// `schema::RULES`, in the order they first appear.
pub fn families() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for r in stratlint::schema::RULES {
        let code = r.code.as_str();
        let family = &code[..code
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(code.len())];
        if !out.contains(&family) {
            out.push(family);
        }
    }
    out
}

/// A table cell: `|` escaped so that it does not end the cell.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
