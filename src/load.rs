//! Loading: read every candidate file once, parse them in parallel, and
//! merge what they hold into one [`Repository`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::Fatal;
use crate::diagnostic::Diagnostic;
use crate::history::{self, Prepared};
use crate::model::Repository;
use crate::parse::tenet::Grammar;
use crate::parse::{self, ParseContext, ParsedFile, Role, sl001};
pub use crate::parse_cache::ParseCache;
use crate::parse_cache::{Entry, Stat, Taken};
use crate::project::discover::{self, Found, Project};
use crate::schema::Code;
use crate::snapshot::Overlays;
use crate::source::{SourceFile, Span};
use crate::splice::{self, Got};

/// The loaded repository, the parse diagnostics and notes about the run.
#[derive(Debug)]
pub struct Loaded {
    /// Every strategy file and what it holds.
    pub repo: Repository,
    /// SL001–SL006 diagnostics found while parsing.
    pub diagnostics: Vec<Diagnostic>,
    /// Notes for stderr (printed once each).
    pub notes: Vec<String>,
    /// What history needs of each file (by file id), when it was asked for.
    pub prepared: Vec<Option<Prepared>>,
}

/// One file read and parsed, with what history needs of it when asked.
type Read = (SourceFile, ParsedFile, Option<Prepared>);

/// How files are parsed: the parse settings, and the tenet grammar of the
/// configured verbs.
struct Settings {
    parse: ParseContext,
    grammar: Grammar,
    /// The directory display paths are relative to.
    cwd: PathBuf,
    /// All three, written out: what a cached parse must have been made with.
    key: String,
}

fn read(
    found: &Found,
    role: Role,
    ctx: &Settings,
    bytes: std::io::Result<Vec<u8>>,
    for_history: bool,
) -> Option<Read> {
    let bytes = match bytes {
        Ok(b) => b,
        // Deleted during the walk: nothing to check.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            let mut src = SourceFile::new(found.path.clone(), found.rel.clone(), String::new());
            src.display = discover::relative(&src.path, &ctx.cwd);
            let mut parsed = ParsedFile {
                strategy: true,
                ..Default::default()
            };
            parsed.diagnostics.push(sl001(
                0,
                Span::default(),
                format!("cannot read the file: {e}"),
            ));
            return Some((src, parsed, None));
        }
    };
    let blob = for_history.then(|| history::blob_id(&bytes));
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (lossy, Some(valid))
        }
    };
    let mut src = SourceFile::new(found.path.clone(), found.rel.clone(), text);
    src.display = discover::relative(&src.path, &ctx.cwd);
    let mut parsed = parse::parse_file(&src, 0, role, &ctx.parse);
    // Each tenet read by the grammar once, here, rather than by every rule
    // that judges it (and kept with the parse); not while history's walk
    // runs on the other core, where the rules read them beside it.
    if !for_history {
        for t in &mut parsed.tenets {
            t.parts = Some(ctx.grammar.parse(&t.text));
        }
    }
    if let (Some(valid), true) = (bad_utf8, parsed.strategy) {
        // `valid` bytes decode the same in the lossy text, so the offset holds.
        let at = src.clamp(valid);
        // A parse error caused by the replacement characters would only repeat this one.
        parsed.diagnostics.retain(|d| d.code != Code::SL001);
        parsed.diagnostics.push(
            sl001(0, Span::new(at, at), "the file is not valid UTF-8")
                .help("save the file as UTF-8"),
        );
    }
    if !parsed.strategy {
        return None;
    }
    let prepared = blob.map(|blob| Prepared::new(blob, &src.rel, &src.text));
    Some((src, parsed, prepared))
}

/// The owners registry as a candidate file, or a note (or config error) when it is absent.
fn owners(
    project: &Project,
    exists: bool,
    notes: &mut Vec<String>,
) -> Result<Option<Found>, Fatal> {
    let config = &project.config;
    let path = project.root.join(&config.owners);
    if exists {
        let rel = discover::relative(&path, &project.root);
        return Ok(Some(Found { path, rel }));
    }
    // SPEC §3: where no registry exists, one note says so, whether the
    // path is the default or configured; a configured one is named with
    // where it is set.
    if config.owners_explicit {
        let (line, column) = config.owners_position;
        let file = config
            .file
            .as_deref()
            .map(|f| discover::relative(f, &project.cwd))
            .unwrap_or_default();
        notes.push(format!(
            "no owners registry: `owners` ({file}:{line}:{column}) names `{}`, which does not exist; owners are checked for presence only (OWN002, OWN003 and OWN004 do not run)",
            config.owners.display()
        ));
        return Ok(None);
    }
    notes.push(format!(
        "no owners registry ({}): owners are checked for presence only (OWN002, OWN003 and OWN004 do not run)",
        config.owners.display()
    ));
    Ok(None)
}

/// How a file is read, or `None` when it is no candidate: an adopted ADR
/// when it is a record directly inside a `decisions.adr` directory, or the
/// `index.md` (else `README.md`) of a record folder there (SPEC §11); else
/// by its extension (`.md`, `.toml`). `has` says whether a file (relative
/// to the root) exists.
fn role_of(project: &Project, rel: &str, has: &dyn Fn(&str) -> bool) -> Option<Role> {
    use crate::parse::adr_name::{self, FolderFile};
    let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
    let adr_dir = |d: &str| {
        project
            .config
            .adr
            .iter()
            .position(|a| a.dir().as_deref() == Some(d))
    };
    if adr_name::record_file(name).is_some() {
        if let Some(k) = adr_dir(dir) {
            return Some(Role::Adr(k));
        }
    }
    if let Some(which) = adr_name::folder_file(name) {
        let (parent, folder) = dir.rsplit_once('/').unwrap_or(("", dir));
        if !dir.is_empty() && adr_name::record(folder).is_some() {
            if let Some(k) = adr_dir(parent) {
                // `index.md` first: a README beside one is not the record.
                if which == FolderFile::Index || !has(&format!("{dir}/index.md")) {
                    return Some(Role::Adr(k));
                }
            }
        }
    }
    match rel.rsplit_once('.').map(|(_, ext)| ext) {
        Some("md") => Some(Role::Markdown),
        Some("toml") => Some(Role::Toml),
        _ => None,
    }
}

/// A note for each listed ADR directory that holds Markdown files or
/// directories but not one record (SPEC §11), naming the names expected.
fn empty_adr_dirs(project: &Project, candidates: &[(Found, Role)], notes: &mut Vec<String>) {
    for (k, dir) in project.config.adr.iter().enumerate() {
        if candidates.iter().any(|(_, r)| *r == Role::Adr(k)) {
            continue;
        }
        let Some(rel) = dir.dir() else { continue };
        let Ok(entries) = std::fs::read_dir(project.root.join(&rel)) else {
            continue;
        };
        let markdown = entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.')
                && (e.file_type().is_ok_and(|t| t.is_dir())
                    || crate::parse::adr_name::markdown_stem(&name).is_some())
        });
        if markdown {
            let shown = if rel.is_empty() { ".".to_owned() } else { rel };
            notes.push(format!(
                "warning: `decisions.adr` lists `{shown}`, which holds Markdown but no decision record: records are named like `0007-use-postgres.md`, `adr-007-use-postgres.md`, `ADR007-use-postgres.md`, `ADR-7.md`, `20200925-use-postgres.md` (log4brains), `2020-09-25-use-postgres/README.md` or `0007-use-postgres/index.md`, and templates (`0000-template.md`) are not records"
            ));
        }
    }
}

/// The working tree's candidate files, found but not yet read.
#[derive(Debug, Default)]
pub struct Candidates {
    candidates: Vec<(Found, Role)>,
    notes: Vec<String>,
    /// Where the walk came from and the parses are kept, when a caller
    /// keeps them between loads (the language server).
    cache: Option<Arc<ParseCache>>,
}

impl Candidates {
    /// Each candidate's path relative to the root.
    pub fn rels(&self) -> impl Iterator<Item = &str> {
        self.candidates.iter().map(|(f, _)| f.rel.as_str())
    }

    /// Candidates whose directories history is read in: those whose first
    /// bytes look like strategy (Markdown that opens with front matter,
    /// TOML with a `[[table]]`), so that a changelog beside
    /// `stratlint.toml`, or a README or Cargo.toml in every package of a
    /// code tree, does not widen the walk to every commit that touches
    /// them. One such file per directory is enough (the walk follows
    /// directories): the others in it are not read here. Files directly
    /// in the root are each told apart (the walk follows them one by one).
    /// Directories are read in parallel; an unreadable file counts.
    pub fn history_rels<'a>(&'a self, overlays: &'a Overlays) -> Vec<&'a str> {
        walked_rels(&self.candidates, |f| looks_like_strategy(&f.path, overlays))
    }
}

/// The candidates whose directories history is read in (see
/// [`Candidates::history_rels`]): per directory, the first that `looks`
/// like strategy (an adopted record always; the owners registry never);
/// each file directly in the root on its own. Directories are looked at in
/// parallel.
fn walked_rels(candidates: &[(Found, Role)], looks: impl Fn(&Found) -> bool + Sync) -> Vec<&str> {
    use rayon::prelude::*;
    let mut index: HashMap<(bool, &str), usize> = HashMap::new();
    let mut groups: Vec<Vec<&(Found, Role)>> = Vec::new();
    for candidate in candidates {
        let rel = candidate.0.rel.as_str();
        let key = match rel.rsplit_once('/') {
            Some((dir, _)) => (false, dir),
            None => (true, rel),
        };
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[at].push(candidate);
    }
    groups
        .par_iter()
        .filter_map(|group| {
            group.iter().find_map(|(f, role)| {
                // An adopted record opens with a heading, not front
                // matter: its directory is walked too (an undated
                // record is dated by history, SPEC §11).
                let keep = match role {
                    Role::Owners => false,
                    Role::Adr(_) => true,
                    _ => looks(f),
                };
                keep.then_some(f.rel.as_str())
            })
        })
        .collect()
}

/// Whether a file's head looks like a strategy file's (see
/// [`Candidates::history_rels`]); an unreadable file does.
fn looks_like_strategy(path: &std::path::Path, overlays: &Overlays) -> bool {
    use std::io::Read;
    let head = match overlays.get(path) {
        Some(text) => text
            .as_bytes()
            .iter()
            .take(HEAD)
            .copied()
            .collect::<Vec<u8>>(),
        None => {
            let mut head = Vec::with_capacity(HEAD);
            match std::fs::File::open(path).and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
            {
                Ok(_) => head,
                Err(_) => return true,
            }
        }
    };
    head_looks_like_strategy(path, &head)
}

/// Whether the first bytes of the file at `path` look like a strategy
/// file's: Markdown that opens with front matter, TOML with a `[[table]]`.
fn head_looks_like_strategy(path: &std::path::Path, head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    if path.extension().is_some_and(|e| e == "md") {
        text.starts_with("+++") || text.starts_with("---")
    } else {
        text.lines().any(|l| l.trim_start().starts_with("[["))
    }
}

/// How much of a file [`looks_like_strategy`] reads.
const HEAD: usize = 4096;

/// Finds the project's candidate files in the working tree (the owners
/// registry first), without reading them; an overlay below the root that
/// names a `.md` or `.toml` file the walk did not find (an unsaved new
/// file) is a candidate too.
///
/// With `tracked` (`--staged`), a file not in that set is left out.
pub fn find(
    project: &Project,
    overlays: &Overlays,
    tracked: Option<&BTreeSet<PathBuf>>,
) -> Result<Candidates, Fatal> {
    find_cached(project, overlays, tracked, None)
}

/// [`find`], with the walk kept in `cache` (and the parses kept there by
/// [`read_found`]) when one is given: what the language server keeps
/// between re-checks.
pub fn find_cached(
    project: &Project,
    overlays: &Overlays,
    tracked: Option<&BTreeSet<PathBuf>>,
    cache: Option<&Arc<ParseCache>>,
) -> Result<Candidates, Fatal> {
    let mut notes = Vec::new();
    let owners_path = project.root.join(&project.config.owners);
    let mut skip: Vec<PathBuf> = project.config.file.iter().cloned().collect();
    let mut candidates: Vec<(Found, Role)> = Vec::new();
    let owners_exist = owners_path.is_file() || overlays.contains_key(&owners_path);
    if let Some(found) = owners(project, owners_exist, &mut notes)? {
        skip.push(found.path.clone());
        candidates.push((found, Role::Owners));
    }
    let mut walked = match cache {
        Some(c) => c.walk(&project.root, &skip, || discover::walk(project, &skip))?,
        None => discover::walk(project, &skip)?,
    };
    if let Some(tracked) = tracked {
        walked.retain(|f| tracked.contains(&f.path));
        candidates.retain(|(f, _)| tracked.contains(&f.path));
    }
    let excludes = discover::exclude_set(&project.config, &project.root)?;
    let mut extra = Vec::new();
    for path in overlays.keys() {
        let known = skip.contains(path) || walked.iter().any(|f| f.path == *path);
        let strategy_like = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(discover::may_hold_strategy);
        if known || !strategy_like || !path.starts_with(&project.root) {
            continue;
        }
        let rel = discover::relative(path, &project.root);
        if !excludes.excludes_file(&rel) {
            extra.push(Found {
                path: path.clone(),
                rel,
            });
        }
    }
    let has = |rel: &str| {
        let path = project.root.join(rel);
        path.is_file() || overlays.contains_key(&path)
    };
    for found in walked.into_iter().chain(extra) {
        if let Some(role) = role_of(project, &found.rel, &has) {
            candidates.push((found, role));
        }
    }
    empty_adr_dirs(project, &candidates, &mut notes);
    Ok(Candidates {
        candidates,
        notes,
        cache: cache.cloned(),
    })
}

/// Reads and parses the files [`find`] found, each overlay's text in place
/// of its file on disk; `for_history` also prepares what dating them needs
/// (their blob ids and objects' texts), in parallel.
pub fn read_found(
    project: &Project,
    found: Candidates,
    overlays: &Overlays,
    for_history: bool,
) -> Result<Loaded, Fatal> {
    let read = |f: &Found| match overlays.get(&f.path) {
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => std::fs::read(&f.path),
    };
    let cache = found.cache.as_deref().map(|c| (c, overlays));
    assemble(
        project,
        found.candidates,
        found.notes,
        &read,
        for_history,
        cache,
    )
}

/// Loads strategy files held in memory (a commit's tree), keyed by their
/// path relative to the project root. Hidden paths and `exclude` globs are
/// skipped as in the walk. `for_history` as in [`read_found`].
pub fn load_blobs(
    project: &Project,
    blobs: &BTreeMap<String, Vec<u8>>,
    for_history: bool,
) -> Result<Loaded, Fatal> {
    let mut notes = Vec::new();
    let owners_rel = project.config.owners_rel(&project.root);
    let mut candidates: Vec<(Found, Role)> = Vec::new();
    if let Some(found) = owners(project, blobs.contains_key(&owners_rel), &mut notes)? {
        candidates.push((found, Role::Owners));
    }
    candidates.extend(tree_candidates(project, blobs)?);
    let read = |f: &Found| {
        blobs
            .get(&f.rel)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    };
    assemble(project, candidates, notes, &read, for_history, None)
}

/// The strategy candidates of a tree held in memory (see [`load_blobs`]),
/// in path order, the owners registry and the config left out.
fn tree_candidates(
    project: &Project,
    blobs: &BTreeMap<String, Vec<u8>>,
) -> Result<Vec<(Found, Role)>, Fatal> {
    let owners_rel = project.config.owners_rel(&project.root);
    let config_rel = project
        .config
        .file
        .as_deref()
        .map(|f| discover::relative(f, &project.root));
    let excludes = discover::exclude_set(&project.config, &project.root)?;
    let mut candidates = Vec::new();
    for rel in blobs.keys() {
        let hidden = rel.split('/').any(|part| part.starts_with('.'));
        let candidate = discover::may_hold_strategy(rel);
        if !candidate || hidden || *rel == owners_rel || Some(rel) == config_rel.as_ref() {
            continue;
        }
        if excludes.excludes_file(rel) {
            continue;
        }
        let found = Found {
            path: project.root.join(rel),
            rel: rel.clone(),
        };
        let has = |r: &str| blobs.contains_key(r);
        if let Some(role) = role_of(project, &found.rel, &has) {
            candidates.push((found, role));
        }
    }
    Ok(candidates)
}

/// [`Candidates::history_rels`] for a tree held in memory (the commit
/// `--as-of` names), judged by the blobs' first bytes; none when its
/// candidates cannot be told (the load then says why).
pub fn tree_history_rels<'a>(
    project: &Project,
    blobs: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a str> {
    let Ok(candidates) = tree_candidates(project, blobs) else {
        return Vec::new();
    };
    let looks = |f: &Found| {
        blobs
            .get(&f.rel)
            .is_none_or(|b| head_looks_like_strategy(&f.path, &b[..b.len().min(HEAD)]))
    };
    walked_rels(&candidates, looks)
        .into_iter()
        .filter_map(|rel| blobs.get_key_value(rel).map(|(key, _)| key.as_str()))
        .collect()
}

/// What becomes of a file's cache entry after a load.
enum Keep {
    /// The kept entry holds, its metadata unchanged.
    Same,
    /// The kept entry holds: the bytes read again hashed the same (with
    /// the metadata that now vouches for them, if any).
    Restat(Option<Stat>),
    /// A new entry.
    New(Box<Entry>),
    /// Nothing is kept (no cache, or the file could not be read).
    Not,
}

/// Reads one candidate through the cache's `taken` entries: an overlay by
/// its text's hash, a file on disk by its metadata, else by its bytes'
/// hash; parsed only when none matches.
fn read_cached(
    found: &Found,
    role: Role,
    ctx: &Settings,
    overlays: &Overlays,
    taken: &Taken,
    for_history: bool,
    copy: bool,
) -> (Got, Keep) {
    use crate::parse_cache::{Content, Lookup, hash};
    let fresh = |bytes: Vec<u8>, h: u128, stat: Option<Stat>| {
        let parsed = read(found, role, ctx, Ok(bytes), for_history);
        let entry = Entry::new(found, role, h, stat, parsed.clone());
        (
            Got::Parsed(parsed.map(Box::new)),
            Keep::New(Box::new(entry)),
        )
    };
    // A kept parse is copied only when no kept model is there to splice into.
    let hit = |e: &Entry| match copy {
        true => Got::Parsed(e.parsed().map(Box::new)),
        false => Got::Kept {
            strategy: e.is_strategy(),
            diagnostics: e.diagnostics(),
        },
    };
    let unreadable = |e| {
        let read = read(found, role, ctx, Err(e), for_history);
        (Got::Parsed(read.map(Box::new)), Keep::Not)
    };
    if let Some(text) = overlays.get(&found.path) {
        let h = hash(text.as_bytes());
        return match taken.lookup(found, role, Content::Hash(h), for_history) {
            Lookup::Hit(e) => (hit(e), Keep::Restat(None)),
            Lookup::Miss => fresh(text.as_bytes().to_vec(), h, None),
        };
    }
    if let Lookup::Hit(e) = taken.lookup(found, role, Content::Trusted, for_history) {
        return (hit(e), Keep::Same);
    }
    let read_at = std::time::SystemTime::now();
    let meta = match std::fs::metadata(&found.path) {
        Ok(m) => m,
        Err(e) => return unreadable(e),
    };
    if let Lookup::Hit(e) = taken.lookup(found, role, Content::Stat(&Stat::now(&meta)), for_history)
    {
        return (hit(e), Keep::Same);
    }
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => return unreadable(e),
    };
    let h = hash(&bytes);
    let vouch = Stat::of(&meta, read_at);
    match taken.lookup(found, role, Content::Hash(h), for_history) {
        Lookup::Hit(e) => (hit(e), Keep::Restat(vouch)),
        Lookup::Miss => fresh(bytes, h, vouch),
    }
}

type Reader<'a> = dyn Fn(&Found) -> std::io::Result<Vec<u8>> + Sync + 'a;

/// Reads and parses the candidates in parallel, then merges them in output
/// order. With a `cache` (and the overlays), files unchanged since it kept
/// them are not parsed again (nor read, when their metadata vouches for
/// them), and it keeps this load's parses for the next.
fn assemble(
    project: &Project,
    mut candidates: Vec<(Found, Role)>,
    notes: Vec<String>,
    read_bytes: &Reader<'_>,
    for_history: bool,
    cache: Option<(&ParseCache, &Overlays)>,
) -> Result<Loaded, Fatal> {
    let config = &project.config;
    let parse = ParseContext {
        levels: config.levels.clone(),
        tenet_headings: config.tenet_headings.clone(),
        adr: config
            .adr
            .iter()
            .map(|d| parse::AdrScheme {
                prefix: d
                    .prefix
                    .clone()
                    .unwrap_or_else(|| config.adr_prefix.clone()),
                by_name: d.by_name,
            })
            .collect(),
        default_status: config.default_status.clone(),
        statuses: config.statuses.clone(),
        themes: config.execution.themes.clone(),
        layers: config.layers.clone(),
    };
    let ctx = Settings {
        key: format!("{parse:?} {:?} {:?}", config.tenet_verbs, project.cwd),
        cwd: project.cwd.clone(),
        grammar: Grammar::of(&config.tenet_verbs),
        parse,
    };
    candidates.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    let taken = cache.map(|(c, _)| c.take(&ctx.key));
    // The model of the cache's latest load, to splice the changed files into.
    let kept_model = match (cache, for_history) {
        (Some((c, _)), false) => c.take_model(),
        _ => None,
    };
    let copy = kept_model.is_none();
    let one = |candidate: &(Found, Role)| -> (Got, Keep) {
        let (found, role) = candidate;
        match (&taken, cache) {
            (Some(taken), Some((_, overlays))) => {
                read_cached(found, *role, &ctx, overlays, taken, for_history, copy)
            }
            _ => (
                Got::Parsed(read(found, *role, &ctx, read_bytes(found), for_history).map(Box::new)),
                Keep::Not,
            ),
        }
    };
    // While history is read, its tree walk keeps one core busy: parse on
    // the others (on this thread alone with two cores), so that the walk,
    // the longest part of a check, is never starved.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = if for_history { cores - 1 } else { cores };
    let pool = (threads > 1 && threads < cores)
        .then(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .ok()
        })
        .flatten();
    let read_all: Vec<(Got, Keep)> = match (threads, pool) {
        (0 | 1, _) => candidates.iter().map(one).collect(),
        (_, Some(pool)) => pool.install(|| candidates.par_iter().map(one).collect()),
        (_, None) => candidates.par_iter().map(one).collect(),
    };
    let (mut got, keeps): (Vec<Got>, Vec<Keep>) = read_all.into_iter().unzip();
    let spliced = match kept_model {
        Some(model) => {
            let rels: Vec<&str> = candidates.iter().map(|(f, _)| f.rel.as_str()).collect();
            splice::splice(model, &rels, &mut got)
        }
        None => None,
    };
    let mut parsed: Vec<Read> = Vec::with_capacity(got.len());
    if spliced.is_none() {
        for ((found, _), g) in candidates.iter().zip(got) {
            parsed.extend(match (g, &taken) {
                (Got::Parsed(read), _) => read.map(|r| *r),
                (Got::Kept { .. }, Some(taken)) => taken.parsed(&found.path),
                (Got::Kept { .. }, None) => None,
            });
        }
    }
    let (mut kept, mut fresh) = (Vec::new(), Vec::new());
    for ((found, _), keep) in candidates.iter().zip(keeps) {
        match keep {
            Keep::Same => kept.push((found.path.clone(), None)),
            Keep::Restat(stat) => kept.push((found.path.clone(), Some(stat))),
            Keep::New(entry) => fresh.push((found.path.clone(), *entry)),
            Keep::Not => {}
        }
    }
    let generation = match (cache, taken) {
        (Some((c, _)), Some(taken)) => Some(c.put(taken, kept, fresh, spliced.is_some())),
        _ => None,
    };
    if let Some((mut repo, diagnostics)) = spliced {
        repo.generation = generation;
        let prepared = repo.files.iter().map(|_| None).collect();
        return Ok(Loaded {
            repo,
            diagnostics,
            notes,
            prepared,
        });
    }
    // Files are numbered in output order: by the path as shown, byte-wise.
    parsed.sort_by(|a, b| a.0.display.as_bytes().cmp(b.0.display.as_bytes()));

    let mut repo = Repository {
        generation,
        ..Repository::default()
    };
    // Each list sized once: growing them file by file copied every object
    // again at each doubling (a tenth of the load on 2,000 documents).
    let total = |count: fn(&ParsedFile) -> usize| parsed.iter().map(|r| count(&r.1)).sum();
    repo.files.reserve_exact(parsed.len());
    repo.objects.reserve_exact(total(|p| p.objects.len()));
    repo.tenets.reserve_exact(total(|p| p.tenets.len()));
    repo.links.reserve_exact(total(|p| p.links.len()));
    let mut diagnostics = Vec::with_capacity(total(|p| p.diagnostics.len()));
    let mut prepared = Vec::with_capacity(parsed.len());
    for (file, (src, mut p, ready)) in parsed.into_iter().enumerate() {
        prepared.push(ready);
        let offset = repo.objects.len();
        p.relocate(file, offset);
        repo.files.push(src);
        repo.objects.append(&mut p.objects);
        repo.tenets.append(&mut p.tenets);
        repo.links.append(&mut p.links);
        repo.suppressions.append(&mut p.suppressions);
        if let Some(slugs) = p.slugs {
            repo.anchors.insert(file, crate::model::Anchors { slugs });
        }
        if p.registry.is_some() {
            repo.registry = p.registry;
        }
        diagnostics.append(&mut p.diagnostics);
    }
    Ok(Loaded {
        repo,
        diagnostics,
        notes,
        prepared,
    })
}

impl ParsedFile {
    /// Moves what a file parsed with provisional file id 0 to `file`, and
    /// its object indices past `offset`.
    pub fn relocate(&mut self, file: usize, offset: usize) {
        for o in &mut self.objects {
            o.file = file;
            o.within = o.within.map(|i| i + offset);
        }
        for t in &mut self.tenets {
            t.file = file;
            t.object = t.object.map(|i| i + offset);
        }
        for l in &mut self.links {
            l.file = file;
            l.object = l.object.map(|i| i + offset);
        }
        for s in &mut self.suppressions {
            s.file = file;
        }
        if let Some(r) = &mut self.registry {
            r.file = file;
        }
        for d in &mut self.diagnostics {
            d.file = file;
            d.object_index = d.object_index.map(|i| i + offset);
            for r in &mut d.related {
                r.file = file;
            }
        }
    }
}
