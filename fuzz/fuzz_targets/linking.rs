//! The linking of commits to initiatives (`history::linking`, SPEC §14
//! "Linked commits") on arbitrary messages, trailer names, ids, keys,
//! author names and patterns, path patterns and changed files: no panic,
//! and the results agree with a naive reading of the SPEC written here
//! (trailers matched ignoring case, keys as case-sensitive whole words,
//! `*` author patterns), a message naming targets links to those alone,
//! strategy files never link, and the directories the walk limits its
//! tree comparison to hold every file a pattern matches.
//!
//! The input, decoded lossily, is split at NUL bytes into: the message;
//! the author's name; the trailer names (one a line); the ignored-author
//! patterns (one a line); the targets (one a line: id, keys and paths
//! separated by U+001F, the keys and the paths each separated by
//! U+001E); the changed files (one a line); the strategy files (one a
//! line). Missing sections are empty.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stratlint::history::linking::{Linking, Target, has_word, wildcard};

/// Whether `c` continues a word (SPEC §14: a letter, digit, `-` or `_`).
fn part(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The SPEC's whole word, naively: at every character boundary where
/// `word` starts, the characters around it.
fn naive_word(text: &str, word: &str) -> bool {
    !word.is_empty()
        && text.char_indices().any(|(at, _)| {
            text[at..].starts_with(word)
                && !text[..at].chars().next_back().is_some_and(part)
                && !text[at + word.len()..].chars().next().is_some_and(part)
        })
}

/// `*` matches any run of characters, every other character itself:
/// dynamic programming over characters.
fn naive_wildcard(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // row[j]: whether p[..i] matches n[..j].
    let mut row = vec![false; n.len() + 1];
    row[0] = true;
    for &pc in &p {
        let mut next = vec![false; n.len() + 1];
        if pc == '*' {
            next[0] = row[0];
            for j in 1..=n.len() {
                next[j] = row[j] || next[j - 1];
            }
        } else {
            for j in 1..=n.len() {
                next[j] = row[j - 1] && n[j - 1] == pc;
            }
        }
        row = next;
    }
    row[n.len()]
}

/// Lowercased character by character, a final sigma as a sigma: what
/// "ignoring case" means here.
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// The targets `message` names, read as the SPEC says.
fn naive_named(targets: &[Target], trailers: &[String], message: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for line in message.lines() {
        let Some(colon) = line.find(':') else {
            continue;
        };
        let name = fold(&line[..colon]);
        if !trailers.iter().any(|t| fold(t) == name) {
            continue;
        }
        let ids: Vec<&str> = line[colon + 1..]
            .split(|c: char| c == ',' || c.is_whitespace())
            .collect();
        for (i, t) in targets.iter().enumerate() {
            if ids.contains(&t.id.as_str()) && !t.id.is_empty() {
                found.push(i as u32);
            }
        }
    }
    for (i, t) in targets.iter().enumerate() {
        if t.keys.iter().any(|k| naive_word(message, k)) {
            found.push(i as u32);
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// A path as git names a changed file: relative, no empty, `.` or `..`
/// component, no trailing `/`.
fn git_path(p: &str) -> bool {
    !p.is_empty() && p.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

/// Whether `path` is `dir` or lies below it ("" holds everything).
fn within(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn sorted_in_range(found: &[u32], n: usize, what: &str) {
    assert!(
        found.windows(2).all(|w| w[0] < w[1]),
        "{what}: {found:?} not sorted"
    );
    assert!(
        found.iter().all(|&i| (i as usize) < n),
        "{what}: {found:?} out of range"
    );
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut sections = text.split('\0');
    let mut next = || sections.next().unwrap_or("");
    let (message, author) = (next(), next());
    let trailers = lines(next());
    let ignore_authors = lines(next());
    let targets: Vec<Target> = next()
        .lines()
        .take(16)
        .map(|l| {
            let mut f = l.split('\u{1f}');
            let id = f.next().unwrap_or("").to_owned();
            let mut items = || {
                f.next()
                    .unwrap_or("")
                    .split('\u{1e}')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            };
            let keys = items();
            let paths = items();
            Target { id, keys, paths }
        })
        .collect();
    let files = lines(next());
    let strategy = lines(next());

    let linking = Linking::new(
        targets.clone(),
        &trailers,
        &ignore_authors,
        strategy.iter().cloned(),
    );
    let n = targets.len();

    // Authors: a `[bot]` suffix, or a pattern.
    let ignored = linking.ignores_author(author);
    let expected =
        author.ends_with("[bot]") || ignore_authors.iter().any(|p| naive_wildcard(p, author));
    assert_eq!(ignored, expected, "author {author:?} by {ignore_authors:?}");
    for p in &ignore_authors {
        assert_eq!(
            wildcard(p, author),
            naive_wildcard(p, author),
            "{p:?} {author:?}"
        );
        // Every name matches itself read as a pattern when it holds no `*`.
        assert!(p.contains('*') || wildcard(p, p));
    }

    // Keys: whole words, case-sensitive.
    for t in &targets {
        for k in &t.keys {
            assert_eq!(
                has_word(message, k),
                naive_word(message, k),
                "{k:?} in {message:?}"
            );
        }
    }

    // Trailers and keys.
    let named = linking.named(message);
    sorted_in_range(&named, n, "named");
    assert_eq!(
        named,
        naive_named(&targets, &trailers, message),
        "message {message:?}, trailers {trailers:?}"
    );
    // A trailer line written in the configured name's case, or folded,
    // names each id on it.
    for t in trailers.iter().filter(|t| !t.contains([':', '\n', '\r'])) {
        for (i, target) in targets.iter().enumerate() {
            let id = &target.id;
            if id.is_empty() || id.contains(|c: char| c == ',' || c.is_whitespace()) {
                continue;
            }
            for name in [t.clone(), fold(t)] {
                let line = format!("{message}\n{name}: {id}");
                assert!(
                    linking.named(&line).contains(&(i as u32)),
                    "{line:?} does not name {id:?} (trailers {trailers:?})"
                );
            }
        }
    }

    // Paths: strategy files never link; each file links on its own; the
    // roots hold every file matched.
    let git_files: Vec<&str> = files
        .iter()
        .map(String::as_str)
        .filter(|f| git_path(f))
        .collect();
    let by_paths = linking.by_paths(files.iter().map(String::as_str));
    sorted_in_range(&by_paths, n, "by_paths");
    let mut union = Vec::new();
    for f in &files {
        let one = linking.by_paths([f.as_str()]);
        if strategy.contains(f) {
            assert!(one.is_empty(), "strategy file {f:?} linked {one:?}");
        }
        if !one.is_empty() && git_files.contains(&f.as_str()) {
            assert!(
                linking.roots().iter().any(|r| within(f, r)),
                "{f:?} matched {one:?} outside the roots {:?}",
                linking.roots()
            );
        }
        union.extend(one);
    }
    union.sort_unstable();
    union.dedup();
    assert_eq!(by_paths, union, "files {files:?}");
    assert_eq!(linking.has_paths(), !linking.roots().is_empty());
    // Without a root no file can match: the walk then reads no changes.
    assert!(
        linking.has_paths() || by_paths.is_empty(),
        "{by_paths:?} without roots"
    );
    // A target matches alone as it matches among others.
    for (i, t) in targets.iter().enumerate() {
        let alone = Linking::new(
            vec![t.clone()],
            &trailers,
            &ignore_authors,
            strategy.iter().cloned(),
        );
        let hit = !alone.by_paths(files.iter().map(String::as_str)).is_empty();
        assert_eq!(
            hit,
            by_paths.contains(&(i as u32)),
            "target {i} {t:?}, files {files:?}"
        );
    }

    // The whole: ignored authors link nothing; a message naming targets
    // links to those alone, without asking for the changes.
    let mut asked = false;
    let linked = linking
        .linked(author, message, || {
            asked = true;
            Ok::<_, ()>(files.clone())
        })
        .unwrap();
    sorted_in_range(&linked, n, "linked");
    if ignored {
        assert!(linked.is_empty() && !asked);
    } else if !named.is_empty() {
        assert_eq!(linked, named);
        assert!(!asked, "changes read for a message that names targets");
    } else if linking.has_paths() {
        assert!(asked);
        assert_eq!(linked, by_paths);
    } else {
        assert!(linked.is_empty() && !asked);
    }
});
