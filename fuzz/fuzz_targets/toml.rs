//! TOML strategy files into the model (`parse_file` with `Role::Toml`),
//! and the same text as the owners registry (`Role::Owners`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratlint::parse::{Role, parse_file};
use stratlint_fuzz::{assert_parsed, default_context, source, text};

fuzz_target!(|data: &[u8]| {
    let text = text(data);
    let ctx = default_context();
    let src = source("strategy.toml", text);
    let parsed = parse_file(&src, 0, Role::Toml, &ctx);
    assert_parsed(&src, &parsed);
    assert!(parsed.registry.is_none());
    let owners = parse_file(&src, 0, Role::Owners, &ctx);
    assert_parsed(&src, &owners);
    assert!(owners.strategy && owners.objects.is_empty());
});
