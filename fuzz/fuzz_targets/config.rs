//! The config file (`config::parse`): no panic, errors point inside the
//! file, and a config that parses can be used.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratlint::parse::tenet::Grammar;
use stratlint::schema::RULES;
use stratlint_fuzz::{source, text};

fuzz_target!(|data: &[u8]| {
    let src = source("stratlint.toml", text(data));
    match stratlint::project::config::parse(&src, "stratlint.toml") {
        Ok(c) => {
            assert!(!c.levels.is_empty(), "no objective levels");
            assert!(!c.tenet_verbs.is_empty(), "no tenet verbs");
            assert!(c.half_life.values().all(|&d| d > 0));
            for r in RULES {
                let _ = c.severity_of(r.code);
            }
            let g = Grammar::new(&c.tenet_verbs);
            let _ = g.parse("When in doubt, we choose speed over safety because it is fast.");
        }
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1, "{e}");
            assert!(e.line <= src.line_count(), "{e}: past the last line");
            assert!(!e.message.is_empty());
            assert_eq!(e.file, "stratlint.toml");
        }
    }
});
