//! Splitting a Markdown file into its `+++` TOML front matter and body.

/// What the top of a Markdown file holds.
#[derive(Debug, PartialEq, Eq)]
pub enum FrontMatter {
    /// Not a strategy document: no front matter, or front matter with no `kind` line.
    NotStrategy,
    /// `+++` front matter with a `kind` line.
    Toml {
        /// Byte range of the TOML between the fences.
        toml: std::ops::Range<usize>,
        /// Byte offset where the body starts (after the closing fence).
        body: usize,
        /// Byte offset of the opening fence.
        open: usize,
    },
    /// `+++` front matter with a `kind` line that is never closed.
    Unterminated {
        /// Byte offset of the opening fence.
        open: usize,
    },
    /// A `---` YAML block with a `kind:` line.
    Yaml {
        /// Byte offset of the opening fence.
        open: usize,
    },
    /// `+++` front matter with an `id` key and no `kind` key, but a key
    /// that looks like `kind` (`knd`, `Kind`, `kinds`): a near miss, never
    /// skipped silently (SPEC §2).
    NearMiss {
        /// Byte range of the TOML between the fences.
        toml: std::ops::Range<usize>,
        /// Byte range of the key that looks like `kind`.
        key: std::ops::Range<usize>,
    },
}

/// The key of a `key = value` line (bare or quoted), with its byte range in the line.
fn line_key(line: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let (head, _) = line.split_once('=')?;
    let lead = head.len() - head.trim_start().len();
    let key = head.trim();
    let start = lead;
    let bare = key.trim_matches('"');
    let inner = start + (key.len() - key.trim_start_matches('"').len());
    if bare.is_empty() || bare.contains(char::is_whitespace) {
        return None;
    }
    Some((bare, inner..inner + bare.len()))
}

/// Whether a key looks like `kind` without being it: within one edit of
/// it, or equal to it ignoring case.
fn looks_like_kind(key: &str) -> bool {
    key != "kind" && (key.eq_ignore_ascii_case("kind") || strsim::osa_distance(key, "kind") <= 1)
}

/// Front matter (`text[range]`) with an `id` key and a key that looks like
/// `kind`: that key's range in `text`.
fn near_miss(text: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let mut id = false;
    let mut found = None;
    let mut offset = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        if let Some((key, r)) = line_key(line) {
            id |= key == "id";
            if found.is_none() && looks_like_kind(key) {
                found = Some(offset + r.start..offset + r.end);
            }
        }
        offset += line.len();
    }
    found.filter(|_| id)
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end() == fence
}

fn has_toml_kind(line: &str) -> bool {
    let t = line.trim_start();
    t.strip_prefix("kind").is_some_and(|rest| {
        let rest = rest.trim_start();
        rest.starts_with('=')
    }) || t
        .strip_prefix("\"kind\"")
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

fn has_yaml_kind(line: &str) -> bool {
    line.trim_start()
        .strip_prefix("kind")
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// Splits `text` (BOM allowed) into front matter and body.
pub fn split(text: &str) -> FrontMatter {
    let open = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[open..].split_inclusive('\n');
    let Some(first) = lines.next() else {
        return FrontMatter::NotStrategy;
    };
    let toml = is_fence(first, "+++");
    let yaml = is_fence(first, "---");
    if !toml && !yaml {
        return FrontMatter::NotStrategy;
    }
    let start = open + first.len();
    let mut offset = start;
    let mut kind = false;
    for line in lines {
        if toml && is_fence(line, "+++") {
            return if kind {
                FrontMatter::Toml {
                    toml: start..offset,
                    body: offset + line.len(),
                    open,
                }
            } else if let Some(key) = near_miss(text, start..offset) {
                FrontMatter::NearMiss {
                    toml: start..offset,
                    key,
                }
            } else {
                FrontMatter::NotStrategy
            };
        }
        if yaml && is_fence(line, "---") {
            return if kind {
                FrontMatter::Yaml { open }
            } else {
                FrontMatter::NotStrategy
            };
        }
        kind |= if toml {
            has_toml_kind(line)
        } else {
            has_yaml_kind(line)
        };
        offset += line.len();
    }
    match (kind, toml) {
        (true, true) => FrontMatter::Unterminated { open },
        (true, false) => FrontMatter::Yaml { open },
        _ => FrontMatter::NotStrategy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_toml_front_matter() {
        let t = "+++\nkind = \"thesis\"\n+++\nbody\n";
        assert_eq!(
            split(t),
            FrontMatter::Toml {
                toml: 4..20,
                body: 24,
                open: 0
            }
        );
        assert_eq!(
            split("\u{feff}+++\r\nkind=1\r\n+++\r\n"),
            FrontMatter::Toml {
                toml: 8..16,
                body: 21,
                open: 3
            }
        );
    }

    #[test]
    fn recognises_what_is_not_strategy() {
        assert_eq!(split("# README\n"), FrontMatter::NotStrategy);
        assert_eq!(split("+++\ntitle = 'x'\n+++\n"), FrontMatter::NotStrategy);
        assert_eq!(split("---\ntitle: x\n---\n"), FrontMatter::NotStrategy);
        assert_eq!(split(""), FrontMatter::NotStrategy);
    }

    #[test]
    fn flags_a_near_miss_of_kind_with_an_id() {
        let t = "+++\nknd = \"principle\"\nid = \"P-1\"\n+++\n";
        assert_eq!(
            split(t),
            FrontMatter::NearMiss {
                toml: 4..33,
                key: 4..7
            }
        );
        for key in ["Kind", "kinds", "KIND", "kid", "\"knd\""] {
            let t = format!("+++\nid = \"P-1\"\n{key} = \"principle\"\n+++\n");
            assert!(matches!(split(&t), FrontMatter::NearMiss { .. }), "{key}");
        }
        // No id, or nothing like `kind`: plain Markdown.
        assert_eq!(split("+++\nknd = 'x'\n+++\n"), FrontMatter::NotStrategy);
        assert_eq!(
            split("+++\nid = 'x'\ntitle = 'y'\n+++\n"),
            FrontMatter::NotStrategy
        );
        assert_eq!(
            split("+++\nid = 'x'\nkindness = 1\n+++\n"),
            FrontMatter::NotStrategy
        );
    }

    #[test]
    fn flags_unterminated_and_yaml() {
        assert_eq!(
            split("+++\nkind = 'x'\n"),
            FrontMatter::Unterminated { open: 0 }
        );
        assert_eq!(
            split("---\nkind: thesis\n---\n"),
            FrontMatter::Yaml { open: 0 }
        );
    }
}
