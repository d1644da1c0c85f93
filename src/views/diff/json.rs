//! `diff --format json`: the [`Diff`] as one JSON document (SPEC §16).

use super::Diff;

/// Renders the JSON document, with a trailing newline.
pub fn render(diff: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(diff).expect("plain data serializes");
    s.push('\n');
    s
}
