//! Commits linked to targets (SPEC §14, "Linked commits"), read by the one
//! walk of history ([`super::walk`]): a commit with at most one parent,
//! whose author is not ignored, is linked to a target when a trailer line
//! names its id, when its message holds one of the target's keys as a
//! whole word, or, when it names no target either way, when it changes a
//! file matching one of the target's path patterns that is no strategy
//! file. History knows targets only as ids, keys and patterns: which
//! objects they are is the caller's business.

use git2::{Odb, Oid};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::HistoryError;
use super::tree_diff::{self, ChangedFile, RawTree, subtree_id};

/// One thing commits can be linked to.
#[derive(Debug, Clone)]
pub struct Target {
    /// Its id, as a trailer names it.
    pub id: String,
    /// Words whose mention in a message links a commit (issue keys).
    pub keys: Vec<String>,
    /// `.gitignore`-style patterns, relative to the project root, naming
    /// the files whose change links a commit.
    pub paths: Vec<String>,
}

/// What links commits: the targets, and the rules of linking.
#[derive(Debug, Clone)]
pub struct Linking {
    /// The targets, in the caller's order (results name them by index).
    targets: Vec<Target>,
    /// Each target's path patterns, compiled (none when it has none).
    matchers: Vec<Option<Gitignore>>,
    /// Trailer names, lowercased character by character.
    trailers: Vec<String>,
    /// Author patterns (`*` matches any run of characters).
    ignore_authors: Vec<String>,
    /// Files (relative to the project root) that are strategy files: a
    /// change to one links nothing by path.
    strategy: HashSet<String>,
    /// The directories (relative to the project root, "" for the root)
    /// below which a path pattern can match: the literal part of each
    /// pattern before its first wildcard, as a directory.
    roots: Vec<String>,
    /// The keys made only of word characters (letters, digits, `-`, `_`),
    /// each with the targets it names: a message's words are looked up
    /// here, in one pass, instead of searching it for every key.
    words: HashMap<String, Vec<u32>>,
    /// The other keys (with a space or punctuation), searched one by one.
    other_keys: Vec<(u32, String)>,
}

/// Each changed file already judged, with the targets whose patterns
/// match it (see [`Linking::by_paths_cached`]).
pub type PathMatches = HashMap<String, Vec<u32>>;

impl Linking {
    /// The linking of `targets` by the `trailers` (matched ignoring case),
    /// ignoring the authors matching `ignore_authors`; changes to the
    /// `strategy` files (relative to the project root) link nothing by path.
    /// A pattern git would reject is left out.
    pub fn new(
        targets: Vec<Target>,
        trailers: &[String],
        ignore_authors: &[String],
        strategy: impl IntoIterator<Item = String>,
    ) -> Linking {
        let matchers = targets
            .iter()
            .map(|t| {
                if t.paths.is_empty() {
                    return None;
                }
                let mut b = GitignoreBuilder::new("");
                for p in &t.paths {
                    let _ = b.add_line(None, p);
                }
                b.build().ok()
            })
            .collect();
        let mut roots: Vec<String> = targets
            .iter()
            .flat_map(|t| t.paths.iter().filter_map(|p| pattern_root(p)))
            .collect();
        roots.sort();
        roots.dedup();
        // A root below another adds nothing.
        let all = roots.clone();
        roots.retain(|r| !all.iter().any(|o| o != r && within(r, o)));
        let mut words: HashMap<String, Vec<u32>> = HashMap::default();
        let mut other_keys = Vec::new();
        for (i, t) in targets.iter().enumerate() {
            for k in t.keys.iter().filter(|k| !k.is_empty()) {
                match k.chars().all(word_char) {
                    true => words.entry(k.clone()).or_default().push(i as u32),
                    false => other_keys.push((i as u32, k.clone())),
                }
            }
        }
        Linking {
            words,
            other_keys,
            targets,
            matchers,
            trailers: trailers.iter().map(|t| lowercase(t).collect()).collect(),
            ignore_authors: ignore_authors.to_vec(),
            strategy: strategy.into_iter().collect(),
            roots,
        }
    }

    /// The targets, in order.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// Whether some target links commits by path.
    pub fn has_paths(&self) -> bool {
        !self.roots.is_empty()
    }

    /// The directories, relative to the project root, a path pattern can
    /// match below ("" for the whole project).
    pub fn roots(&self) -> &[String] {
        &self.roots
    }

    /// Whether commits by this author name link nothing: a name ending in
    /// `[bot]`, or matching one of the ignored patterns.
    pub fn ignores_author(&self, name: &str) -> bool {
        name.ends_with("[bot]") || self.ignore_authors.iter().any(|p| wildcard(p, name))
    }

    /// The targets a commit by `author` (its name) with `message` is linked
    /// to, by index (sorted; SPEC §14, "Linked commits"): none when the
    /// author is ignored; else those the message names by trailer or key,
    /// alone; else, when some target has path patterns, those matching one
    /// of the files `changed` gives (relative to the project root; asked
    /// only then, so a caller reads a commit's changes only when they
    /// matter). The walk of history links each commit through it.
    pub fn linked<E>(
        &self,
        author: &str,
        message: &str,
        changed: impl FnOnce() -> Result<Vec<String>, E>,
    ) -> Result<Vec<u32>, E> {
        self.linked_with(author, message, changed, &mut PathMatches::default())
    }

    /// [`Linking::linked`], with the files already matched over a walk
    /// (see [`Linking::by_paths_cached`]).
    pub fn linked_with<E>(
        &self,
        author: &str,
        message: &str,
        changed: impl FnOnce() -> Result<Vec<String>, E>,
        cache: &mut PathMatches,
    ) -> Result<Vec<u32>, E> {
        if self.ignores_author(author) {
            return Ok(Vec::new());
        }
        let named = self.named(message);
        if !named.is_empty() || !self.has_paths() {
            return Ok(named);
        }
        let files = changed()?;
        Ok(self.by_paths_cached(&files, cache))
    }

    /// The targets a message names, by trailer or key, by index (sorted).
    pub fn named(&self, message: &str) -> Vec<u32> {
        let mut found = Vec::new();
        for line in message.lines() {
            let Some((name, ids)) = line.split_once(':') else {
                continue;
            };
            if !self.trailers.iter().any(|t| lowercase(name).eq(t.chars())) {
                continue;
            }
            for id in ids
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
            {
                for (i, t) in self.targets.iter().enumerate() {
                    if t.id == id {
                        found.push(i as u32);
                    }
                }
            }
        }
        // A key of word characters is in the message as a whole word exactly
        // when it is one of the message's maximal runs of word characters.
        for word in message
            .split(|c: char| !word_char(c))
            .filter(|w| !w.is_empty())
        {
            if let Some(targets) = self.words.get(word) {
                found.extend(targets);
            }
        }
        for (i, key) in &self.other_keys {
            if has_word(message, key) {
                found.push(*i);
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The targets whose path patterns match one of `files` (relative to
    /// the project root, as git names them) that is no strategy file, by
    /// index (sorted). A path with a leading `/` (after a `./`) is no file
    /// of the project and matches nothing.
    pub fn by_paths<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        let mut found: Vec<u32> = files.into_iter().flat_map(|f| self.of_path(f)).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// [`Linking::by_paths`], each file judged once over a walk: the same
    /// files change again and again, and matching a path against every
    /// target's patterns was two fifths of linking.
    pub fn by_paths_cached(&self, files: &[String], cache: &mut PathMatches) -> Vec<u32> {
        let mut found = Vec::new();
        for f in files {
            match cache.get(f) {
                Some(targets) => found.extend(targets),
                None => {
                    let targets = self.of_path(f);
                    found.extend(&targets);
                    cache.insert(f.clone(), targets);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The targets whose path patterns match one file, by index (none for
    /// a strategy file).
    fn of_path(&self, file: &str) -> Vec<u32> {
        // The matcher asserts that what it matches is relative (found by
        // the `linking` fuzz target).
        let relative = !file.strip_prefix("./").unwrap_or(file).starts_with('/');
        if !relative || self.strategy.contains(file) {
            return Vec::new();
        }
        let path = std::path::Path::new(file);
        self.matchers
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let hit = m.as_ref()?.matched_path_or_any_parents(path, false);
                hit.is_ignore().then_some(i as u32)
            })
            .collect()
    }

    /// The files below the project root (`prefix` in the repository) that
    /// differ between a commit's tree and its parent's (every file of the
    /// commit for a root commit), in the directories a pattern can match.
    /// A rename gives both paths.
    pub fn changed_files(
        &self,
        odb: &Odb<'_>,
        prefix: &str,
        tree: Oid,
        parent: Option<Oid>,
    ) -> Result<Vec<String>, HistoryError> {
        let new = subtree_id(odb, tree, prefix)?;
        let old = match parent {
            Some(p) => subtree_id(odb, p, prefix)?,
            None => None,
        };
        if new == old {
            return Ok(Vec::new());
        }
        let read = |id: Option<Oid>| id.map(|id| RawTree::read(odb, id)).transpose();
        let (old, new) = (read(old)?, read(new)?);
        let mut filter = Roots { roots: &self.roots };
        let mut out: Vec<ChangedFile> = Vec::new();
        tree_diff::changed_files(odb, &mut filter, old.as_ref(), new.as_ref(), "", &mut out)?;
        Ok(out.into_iter().map(|f| f.path).collect())
    }
}

/// Descends only where a pattern root lies, and reports every file.
struct Roots<'a> {
    roots: &'a [String],
}

impl tree_diff::Filter for Roots<'_> {
    fn descend(&mut self, path: &str, _: Option<Oid>) -> Result<bool, HistoryError> {
        Ok(self
            .roots
            .iter()
            .any(|r| within(path, r) || within(r, path)))
    }
    fn every_file(&self) -> bool {
        true
    }
}

/// Whether `path` is `dir` or lies below it ("" holds everything).
fn within(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path == dir
        || (path.len() > dir.len() && path.starts_with(dir) && path.as_bytes()[dir.len()] == b'/')
}

/// The directory below which `.gitignore` pattern `p` can match, read as
/// the `ignore` crate reads the line: "" when it matches at any depth (no
/// `/` but a trailing one), else its leading components
/// up to the first that holds a wildcard (`*`, `?`, `[`, `{`: braces are
/// alternatives there) or is empty (the last one itself when it is a plain
/// name: `services/pay` may be a directory). Leading whitespace is part of
/// the pattern, trailing spaces are not. `None` for a line that matches
/// nothing (a comment, a blank, a lone `!` or `/`); "" for one holding a
/// `\` escape, whose literal reading is not worth the risk.
fn pattern_root(p: &str) -> Option<String> {
    if p.starts_with('#') {
        return None;
    }
    if p.contains('\\') {
        return Some(String::new());
    }
    let p = p.trim_end_matches(' ');
    let p = p.strip_prefix('!').unwrap_or(p);
    let (p, absolute) = match p.strip_prefix('/') {
        Some(rest) => (rest, true),
        None => (p, false),
    };
    if p.is_empty() {
        return None;
    }
    let body = p.strip_suffix('/').unwrap_or(p);
    if !absolute && !body.contains('/') {
        return Some(String::new());
    }
    let plain = |c: &&str| !c.is_empty() && !c.contains(['*', '?', '[', '{']);
    Some(
        body.split('/')
            .take_while(plain)
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// `s` lowercased character by character, a final sigma `ς` read as `σ`:
/// trailer names match ignoring case in every script, not only ASCII
/// (`STRATÉGIE` is `Stratégie`, `ΣΤΌΧΟΣ` is `στόχος`).
fn lowercase(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ς' { 'σ' } else { c })
}

/// Whether `text` holds `word` bounded on each side by its start or end or
/// a character that is not a letter, digit, `-` or `_` (case-sensitive).
pub fn has_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // Every occurrence, overlapping ones included: in `yx.x.x` the key
    // `x.x` is bounded where it starts at the second `x`, not the first.
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if !before.is_some_and(word_char) && !after.is_some_and(word_char) {
            return true;
        }
        // On to the next character: `at` starts one (`word` is not empty).
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether a character continues a word for keys: a letter, a digit, `-`
/// or `_` (SPEC §14).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Whether `name` matches `pattern`, where `*` matches any run of
/// characters and every other character stands for itself.
pub fn wildcard(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

/// One linked commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedCommit {
    /// The commit.
    pub oid: Oid,
    /// Its committer time.
    pub time: i64,
    /// The targets it is linked to, by index into [`Linked::ids`] (sorted).
    pub targets: Vec<u32>,
}

/// Every commit reachable from HEAD linked to some target, newest first
/// (git's order), with the targets' ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linked {
    /// The targets' ids, in the order the linking was given them.
    pub ids: Vec<String>,
    /// The linked commits.
    pub commits: Vec<LinkedCommit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn linking() -> Linking {
        let t = |id: &str, keys: &[&str], paths: &[&str]| Target {
            id: id.into(),
            keys: keys.iter().map(|s| (*s).to_owned()).collect(),
            paths: paths.iter().map(|s| (*s).to_owned()).collect(),
        };
        Linking::new(
            vec![
                t("I-PAY", &["PAY-142"], &["services/pay/"]),
                t("I-SEARCH", &[], &["services/search/**/*.rs", "*.proto"]),
            ],
            &["Strategy".to_owned(), "Initiative".to_owned()],
            &["*[bot]".to_owned(), "renovate*".to_owned()],
            ["services/pay/README.md".to_owned()],
        )
    }

    #[test]
    fn trailers_name_ids_ignoring_the_trailers_case() {
        let l = linking();
        assert_eq!(l.named("Fix\n\nStrategy: I-PAY"), [0]);
        assert_eq!(l.named("Fix\n\nstrategy: I-SEARCH, I-PAY"), [0, 1]);
        assert_eq!(l.named("Fix\n\nINITIATIVE:I-SEARCH  I-PAY,"), [0, 1]);
        // Ids are case-sensitive; another trailer names nothing.
        assert!(l.named("Fix\n\nStrategy: i-pay").is_empty());
        assert!(l.named("Fix\n\nRefs: I-PAY").is_empty());
        assert!(l.named("Strategy I-PAY").is_empty());
    }

    #[test]
    fn trailers_ignore_case_beyond_ascii() {
        // Found by the `linking` fuzz target: a name with a capital beyond
        // ASCII did not even match itself.
        let l = Linking::new(
            vec![Target {
                id: "I-1".into(),
                keys: vec![],
                paths: vec![],
            }],
            &["Stratégie".to_owned(), "ΣΤΌΧΟΣ".to_owned()],
            &[],
            [],
        );
        assert_eq!(l.named("Stratégie: I-1"), [0]);
        assert_eq!(l.named("STRATÉGIE: I-1"), [0]);
        assert_eq!(l.named("stratégie: I-1"), [0]);
        assert_eq!(l.named("ΣΤΌΧΟΣ: I-1"), [0]);
        assert_eq!(l.named("στόχος: I-1"), [0]);
        assert_eq!(l.named("Στόχος: I-1"), [0]);
        assert!(l.named("Strategie: I-1").is_empty());
    }

    #[test]
    fn keys_are_whole_words() {
        let l = linking();
        assert_eq!(l.named("PAY-142: faster refunds"), [0]);
        assert_eq!(l.named("refunds (PAY-142)."), [0]);
        assert!(l.named("XPAY-142 refunds").is_empty());
        assert!(l.named("PAY-1420 refunds").is_empty());
        assert!(l.named("PAY-142_b refunds").is_empty());
        assert!(l.named("pay-142 refunds").is_empty());
        assert!(!has_word("é PAY-142é", "PAY-142"));
        // Overlapping occurrences: the second is the whole word (found by
        // the `linking` fuzz target).
        assert!(has_word("yx.x.x", "x.x"));
        assert!(has_word("a-a-a a-a", "a-a"));
        assert!(!has_word("a-a-a", "a-a"));
    }

    #[test]
    fn authors_are_ignored_by_pattern() {
        let l = linking();
        assert!(l.ignores_author("dependabot[bot]"));
        assert!(l.ignores_author("renovate"));
        assert!(l.ignores_author("renovate-bot"));
        assert!(!l.ignores_author("Alice"));
        assert!(wildcard("a*b*c", "axxbyyc"));
        assert!(!wildcard("a*b*c", "axxcyyb"));
        assert!(wildcard("exact", "exact"));
        assert!(!wildcard("exact", "exactly"));
    }

    #[test]
    fn paths_match_as_gitignore_lines_and_skip_strategy_files() {
        let l = linking();
        assert_eq!(l.by_paths(["services/pay/refund.rs"]), [0]);
        assert!(l.by_paths(["services/pay/README.md"]).is_empty());
        assert_eq!(l.by_paths(["services/search/a/b.rs"]), [1]);
        assert_eq!(l.by_paths(["api/v1/search.proto"]), [1]);
        assert!(l.by_paths(["services/search/a/b.go"]).is_empty());
        // A path with a root matches nothing and panics nowhere.
        for rooted in [
            "/services/pay/x",
            "//services/pay/x",
            ".//services/pay/x",
            "/",
        ] {
            assert!(l.by_paths([rooted]).is_empty(), "{rooted}");
        }
        assert_eq!(l.roots(), [""]);
        let root = |p| pattern_root(p).expect("a pattern");
        assert_eq!(root("services/pay/"), "services/pay");
        assert_eq!(root("/services/*/x"), "services");
        assert_eq!(root("*.rs"), "");
        assert_eq!(root("build/"), "");
        assert_eq!(root("/build"), "build");
        assert_eq!(root("a//b"), "a");
        // Found by the `linking` fuzz target: leading whitespace is part of
        // a pattern, and braces are alternatives.
        assert_eq!(root(" lead/x  "), " lead/x");
        assert_eq!(root("{a,b}/c"), "");
        assert_eq!(root("x/\\*"), "");
        for nothing in ["#c/x", "", "   ", "!", "/", "!/"] {
            assert_eq!(pattern_root(nothing), None, "{nothing:?}");
        }
        // The roots hold every file a pattern matches: the walk compares
        // trees only there.
        let odd = Linking::new(
            vec![Target {
                id: "I-1".into(),
                keys: vec![],
                paths: vec![" lead/x".into(), "{a,b}/c".into(), "# only".into()],
            }],
            &[],
            &[],
            [],
        );
        for file in [" lead/x/y.rs", "b/c"] {
            assert_eq!(odd.by_paths([file]), [0], "{file}");
            assert!(odd.roots().iter().any(|r| within(file, r)), "{file}");
        }
        // Patterns that match nothing link nothing by path.
        let none = Linking::new(
            vec![Target {
                id: "I-1".into(),
                keys: vec![],
                paths: vec!["# a comment".into(), "  ".into(), "!".into()],
            }],
            &[],
            &[],
            [],
        );
        assert!(!none.has_paths());
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;
    use crate::history::walk::{Prefetch, Start};
    use std::path::Path;

    fn git(dir: &Path, args: &[&str], day: u32) {
        let date = format!("2026-09-{day:02}T12:00:00+0000");
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .env_remove("GIT_DIR")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_WORK_TREE")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn linking() -> Linking {
        Linking::new(
            vec![Target {
                id: "I-PAY".into(),
                keys: vec!["PAY-1".into()],
                paths: vec!["pay/".into()],
            }],
            &["Strategy".to_owned()],
            &[],
            ["strategy.toml".to_owned()],
        )
    }

    /// The linked commits of the walk over `dir`, told of the linking
    /// before it reads anything, or only once it has gone through every
    /// commit (they all wait then).
    fn linked(dir: &Path, told_late: bool) -> Linked {
        let repo = git2::Repository::open(dir).unwrap();
        let root = std::fs::canonicalize(dir).unwrap();
        let (prefetch, _, handle) = Prefetch::start(
            &repo,
            &root,
            ["strategy.toml"],
            Start::Head { also: None },
            None,
        )
        .unwrap();
        if !told_late {
            handle.link(Some(linking()));
        }
        let mut commits = 0;
        while let Some(batch) = prefetch.next_batch() {
            commits += batch.unwrap().len();
        }
        assert_eq!(commits, 30);
        if told_late {
            handle.link(Some(linking()));
        }
        drop(prefetch);
        handle.linked().unwrap().unwrap()
    }

    #[test]
    fn the_walk_links_the_same_commits_whenever_it_is_told() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        git(d, &["init", "-q", "-b", "main"], 1);
        std::fs::write(d.join("strategy.toml"), "[[initiative]]\nid = \"I-PAY\"\n").unwrap();
        git(d, &["add", "-A"], 1);
        git(d, &["commit", "-q", "-m", "root"], 1);
        for i in 2..=30u32 {
            let (file, msg) = match i % 3 {
                0 => (format!("pay/{i}.rs"), format!("code {i}")),
                1 => (format!("x/{i}.txt"), format!("fix {i} (PAY-1)")),
                _ => (format!("x/{i}.txt"), format!("other {i}")),
            };
            std::fs::create_dir_all(d.join(&file).parent().unwrap()).unwrap();
            std::fs::write(d.join(&file), "x\n").unwrap();
            git(d, &["add", "-A"], i);
            git(d, &["commit", "-q", "-m", &msg], i);
        }
        let early = linked(d, false);
        let late = linked(d, true);
        assert_eq!(early, late);
        // 3, 6, …, 30 by path (10), 4, 7, …, 28 by key (9); the root has
        // only a strategy file.
        assert_eq!(early.commits.len(), 19);
        assert_eq!(early.ids, ["I-PAY"]);
        let times: Vec<i64> = early.commits.iter().map(|c| c.time).collect();
        assert!(times.is_sorted_by(|a, b| a >= b), "newest first");
        // Told there is nothing to link: no linked commits, and the walk
        // stops with its reader.
        let repo = git2::Repository::open(d).unwrap();
        let root = std::fs::canonicalize(d).unwrap();
        let (prefetch, _, handle) = Prefetch::start(
            &repo,
            &root,
            ["strategy.toml"],
            Start::Head { also: None },
            None,
        )
        .unwrap();
        handle.link(None);
        drop(prefetch);
        assert!(handle.linked().is_none());
    }
}
