//! The tenet grammar on arbitrary text: no panic, and every part found is
//! a piece of the text. The first line of the input may replace the verbs.
#![no_main]

use std::cell::RefCell;
use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use stratlint::project::config::Config;
use stratlint::parse::tenet::{Grammar, normalize};

fn check(grammar: &Grammar, verbs: &[String], text: &str) {
    let p = grammar.parse(text);
    for (name, part) in [
        ("situation", &p.situation),
        ("chosen", &p.chosen),
        ("rejected", &p.rejected),
        ("rationale", &p.rationale),
    ] {
        if let Some(part) = part {
            assert!(!part.is_empty(), "{name} is empty");
            assert_eq!(part.trim(), part, "{name} is not trimmed");
            assert!(
                text.contains(part.as_str()),
                "{name} {part:?} is not in {text:?}"
            );
        }
    }
    if let Some(v) = &p.verb {
        assert_eq!(&v.to_lowercase(), v, "verb not lowercase");
        // Matched case-insensitively: same number of characters as a verb.
        let n = v.chars().count();
        assert!(
            verbs.iter().any(|w| w.chars().count() == n),
            "verb {v:?} is none of {verbs:?}"
        );
    }
    // Options come in pairs.
    assert_eq!(p.chosen.is_some(), p.rejected.is_some());
    // An option needs a verb; a closed rationale needs a rationale.
    assert!(p.chosen.is_none() || p.verb.is_some());
    assert!(!p.rationale_closed || p.rationale.is_some());
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (verbs, tenet) = match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("verbs:") => {
            let verbs: Vec<String> = first["verbs:".len()..]
                .split(',')
                .filter(|v| !v.trim().is_empty() && !v.contains(char::is_whitespace))
                .map(str::to_lowercase)
                .collect();
            (verbs, rest)
        }
        _ => (Config::default().tenet_verbs, &*text),
    };
    if verbs.is_empty() {
        return;
    }
    // Compiling a grammar costs far more than parsing with it: keep a few.
    thread_local! {
        static GRAMMARS: RefCell<HashMap<Vec<String>, Grammar>> = RefCell::new(HashMap::new());
    }
    GRAMMARS.with_borrow_mut(|cache| {
        if cache.len() > 64 && !cache.contains_key(&verbs) {
            cache.clear();
        }
        let grammar = cache
            .entry(verbs.clone())
            .or_insert_with(|| Grammar::new(&verbs));
        check(grammar, &verbs, tenet);
        // Tenets are judged whitespace-normalized, as the loader stores them.
        check(grammar, &verbs, &normalize(tenet));
    });
});
