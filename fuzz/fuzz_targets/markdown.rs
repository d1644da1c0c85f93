//! Markdown front matter: `frontmatter::split`, then the whole Markdown
//! parse (`parse_file` with `Role::Markdown`), with span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratlint::parse::frontmatter::{FrontMatter, split};
use stratlint::parse::{Role, parse_file};
use stratlint_fuzz::{assert_parsed, default_context, source, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    match split(&text) {
        FrontMatter::Toml { toml, body, open } => {
            assert!(open <= toml.start && toml.start <= toml.end && toml.end <= body);
            assert!(body <= text.len());
            for o in [open, toml.start, toml.end, body] {
                assert!(text.is_char_boundary(o), "offset {o} not on a boundary");
            }
            assert!(text[open..].starts_with("+++"));
        }
        FrontMatter::Unterminated { open } | FrontMatter::Yaml { open } => {
            assert!(open <= text.len() && text.is_char_boundary(open));
        }
        FrontMatter::NearMiss { toml, key } => {
            assert!(toml.start <= key.start && key.end <= toml.end);
            assert!(text.is_char_boundary(key.start) && text.is_char_boundary(key.end));
        }
        FrontMatter::NotStrategy => {}
    }
    let src = source("strategy.md", text);
    let parsed = parse_file(&src, 0, Role::Markdown, &default_context());
    assert_parsed(&src, &parsed);
    assert!(
        parsed.objects.len() <= 1,
        "a Markdown document holds one object"
    );
});
