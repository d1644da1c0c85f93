//! What a long-lived caller (the language server) keeps between loads of
//! the same project: the walk's list of candidate files, and each file's
//! parse keyed by its path and a hash of its content, so that a keystroke
//! re-parses the one file it changed.
//!
//! A file on disk is not read again while its metadata (size, modification
//! and change times, inode) is what it was when it was read, unless it was
//! modified within [`RACY`] of being read (a later write in the same
//! moment could leave its metadata unchanged; git calls such an entry
//! racy): then its bytes are read and hashed again. An editor's overlay is
//! always hashed. A parse is reused only for the same path, relative path,
//! role, parse settings and content hash ([`xxh3_128`]), so a changed file
//! is never served from the cache. The walk is kept until
//! [`ParseCache::forget_walk`] (a file created or deleted) and is keyed by
//! the root and the files it skips (the config and the owners registry).
//!
//! The CLI passes no cache and loads as before.

use rustc_hash::FxHashMap as HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::xxh3_128;

use crate::history::Prepared;
use crate::parse::{ParsedFile, Role};
use crate::project::discover::Found;
use crate::source::SourceFile;

/// How recently before it was read a file may have been modified for its
/// metadata alone to vouch for its content.
pub const RACY: Duration = Duration::from_secs(2);

/// One file read and parsed (`None` for a file that turned out not to be
/// strategy), with what history needs of it when that was asked.
pub type Parsed = Option<(SourceFile, ParsedFile, Option<Prepared>)>;

/// Parses and the walk, kept between loads (see the module's doc).
#[derive(Debug, Default)]
pub struct ParseCache {
    state: Mutex<State>,
}

/// What entries are kept by: the file's absolute path, as bytes (hashed
/// and compared as such, not component by component as a `Path` is).
type Key = std::ffi::OsString;

/// What the cache holds.
#[derive(Debug, Default)]
struct State {
    /// The walk's files, and the root and skipped files it was made for.
    walk: Option<(PathBuf, Vec<PathBuf>, Vec<Found>)>,
    /// The parse settings the entries were parsed with.
    context: String,
    /// Each candidate's entry, by absolute path.
    files: HashMap<Key, Entry>,
    /// How many loads have kept their parses here: the model of the latest
    /// carries this number.
    generation: u64,
    /// The model of the latest load, handed back by its caller as it was
    /// loaded ([`ParseCache::keep_model`]), for the next load to splice
    /// its changed files into ([`crate::splice`]).
    model: Option<crate::model::Repository>,
    /// How many loads spliced their changed files into a kept model.
    splices: u64,
    /// Whether the next loads take a file on disk whose metadata vouched
    /// for it as unchanged without asking for its metadata again (see
    /// [`ParseCache::trust_disk`]).
    trust_disk: bool,
}

/// One file's cached parse.
#[derive(Debug, Clone)]
pub struct Entry {
    rel: String,
    role: Role,
    hash: u128,
    /// The file's metadata when read from disk and old enough to vouch for
    /// its content (`None` for an overlay, or a file modified just before
    /// it was read).
    stat: Option<Stat>,
    parsed: Parsed,
}

/// The metadata that tells a file unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stat {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64, i64, i64),
}

impl Stat {
    /// The metadata of a file read at `read_at`, when it vouches for the
    /// content (see [`RACY`]).
    pub fn of(meta: &std::fs::Metadata, read_at: SystemTime) -> Option<Stat> {
        let modified = meta.modified().ok();
        let old_enough = modified
            .and_then(|m| m.checked_add(RACY))
            .is_some_and(|m| m <= read_at);
        old_enough.then(|| Stat::now(meta))
    }

    /// The metadata as it is, to compare with a kept one.
    pub fn now(meta: &std::fs::Metadata) -> Stat {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stat {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino(), meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// What a look-up found for one candidate.
pub enum Lookup<'a> {
    /// Unchanged: the kept parse (cloned by the caller).
    Hit(&'a Entry),
    /// Not kept, or changed.
    Miss,
}

/// The kept files, taken out of the cache for one load.
#[derive(Debug, Default)]
pub struct Taken {
    files: HashMap<Key, Entry>,
    /// See [`ParseCache::trust_disk`].
    trust_disk: bool,
}

impl Taken {
    /// The kept parse of the file at `path`, copied.
    pub fn parsed(&self, path: &std::path::Path) -> Parsed {
        self.files.get(path.as_os_str()).and_then(|e| e.parsed())
    }

    /// The kept entry for `found`, when its role, settings and metadata (or
    /// content hash, `hash`) say it is unchanged. `for_history` asks for an
    /// entry that has what dating needs.
    pub fn lookup(
        &self,
        found: &Found,
        role: Role,
        content: Content,
        for_history: bool,
    ) -> Lookup<'_> {
        let Some(e) = self.files.get(found.path.as_os_str()) else {
            return Lookup::Miss;
        };
        let prepared = match &e.parsed {
            Some((_, _, p)) => p.is_some() || !for_history,
            None => true,
        };
        if e.rel != found.rel || e.role != role || !prepared {
            return Lookup::Miss;
        }
        let same = match content {
            Content::Stat(s) => e.stat.as_ref() == Some(s),
            Content::Hash(h) => e.hash == h,
            Content::Trusted => self.trust_disk && e.stat.is_some(),
        };
        if same { Lookup::Hit(e) } else { Lookup::Miss }
    }
}

/// How a file's content is compared with the kept one.
#[derive(Clone, Copy)]
pub enum Content<'a> {
    /// By its metadata on disk (no read).
    Stat(&'a Stat),
    /// By the hash of its bytes ([`hash`]).
    Hash(u128),
    /// As kept, when the cache trusts the disk ([`ParseCache::trust_disk`])
    /// and the kept metadata vouched for the content.
    Trusted,
}

/// The hash a file's content is kept by.
pub fn hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

impl Entry {
    /// An entry for a file just read (its bytes hashing to `hash`).
    pub fn new(found: &Found, role: Role, hash: u128, stat: Option<Stat>, parsed: Parsed) -> Self {
        Entry {
            rel: found.rel.clone(),
            role,
            hash,
            stat,
            parsed,
        }
    }

    /// Whether the kept parse is a strategy file's.
    pub fn is_strategy(&self) -> bool {
        self.parsed.is_some()
    }

    /// The parse diagnostics kept (as parsed: file 0, object 0).
    pub fn diagnostics(&self) -> Vec<crate::diagnostic::Diagnostic> {
        match &self.parsed {
            Some((_, p, _)) => p.diagnostics.clone(),
            None => Vec::new(),
        }
    }

    /// A copy of the kept parse, for one load to own.
    pub fn parsed(&self) -> Parsed {
        self.parsed.clone()
    }
}

impl ParseCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Walks again at the next load: a file was created or deleted.
    pub fn forget_walk(&self) {
        self.lock().walk = None;
    }

    /// Whether the kept walk found `path` (false when nothing is kept).
    pub fn walked(&self, path: &std::path::Path) -> bool {
        self.lock()
            .walk
            .as_ref()
            .is_some_and(|(_, _, found)| found.iter().any(|f| f.path == path))
    }

    /// The walk's files for `root` skipping `skip`: the kept ones, or
    /// those `walk` finds (then kept).
    pub fn walk<E>(
        &self,
        root: &std::path::Path,
        skip: &[PathBuf],
        walk: impl FnOnce() -> Result<Vec<Found>, E>,
    ) -> Result<Vec<Found>, E> {
        if let Some((r, s, found)) = &self.lock().walk {
            if r == root && s == skip {
                return Ok(found.clone());
            }
        }
        let found = walk()?;
        self.lock().walk = Some((root.to_path_buf(), skip.to_vec(), found.clone()));
        Ok(found)
    }

    /// Takes the kept parses out for one load with these parse settings,
    /// written out (none when the settings changed).
    pub fn take(&self, context: &str) -> Taken {
        let mut state = self.lock();
        if state.context != context {
            state.context = context.to_owned();
            state.files.clear();
            state.model = None;
        }
        Taken {
            files: std::mem::take(&mut state.files),
            trust_disk: state.trust_disk,
        }
    }

    /// Keeps the entries of the load that took the cache's: those of the
    /// files it found (a file no longer a candidate is forgotten). `kept`
    /// are the taken entries that still hold, by path, each with its
    /// metadata as now read when it was read again (`Some`); `fresh` are
    /// the new entries; `spliced` says whether the load spliced them into
    /// a kept model. The number of this load comes back: the model built
    /// from these parses carries it.
    pub fn put(
        &self,
        mut taken: Taken,
        kept: Vec<(PathBuf, Option<Option<Stat>>)>,
        fresh: Vec<(PathBuf, Entry)>,
        spliced: bool,
    ) -> u64 {
        // The taken map is kept (its paths not hashed again): kept entries
        // take their new metadata, and only when some entry is neither kept
        // nor replaced (a file no longer a candidate) is it sifted.
        let mut files = std::mem::take(&mut taken.files);
        let replaced = fresh
            .iter()
            .filter(|(p, _)| files.contains_key(p.as_os_str()))
            .count();
        let stale = kept.len() + replaced != files.len();
        let mut wanted: std::collections::HashSet<&std::ffi::OsStr> = Default::default();
        for (path, restat) in &kept {
            if let (Some(stat), Some(e)) = (restat, files.get_mut(path.as_os_str())) {
                e.stat = stat.clone();
            }
            if stale {
                wanted.insert(path.as_os_str());
            }
        }
        if stale {
            files.retain(|path, _| wanted.contains(path.as_os_str()));
        }
        files.extend(fresh.into_iter().map(|(p, e)| (p.into_os_string(), e)));
        let mut state = self.lock();
        state.files = files;
        state.generation += 1;
        state.model = None;
        state.splices += u64::from(spliced);
        state.generation
    }

    /// Keeps `model` for the next load to splice into, when it is the model
    /// of the latest load (as loaded: see [`crate::analysis::as_loaded`]);
    /// any other is dropped.
    pub fn keep_model(&self, model: crate::model::Repository) {
        let mut state = self.lock();
        if model.generation == Some(state.generation) {
            state.model = Some(model);
        }
    }

    /// Whether loads take the files on disk as they were when their
    /// metadata last vouched for them, without asking for it again (a
    /// `stat` of every file at each keystroke): the language server trusts
    /// the disk between edits and asks [`ParseCache::disk_changed`] after
    /// each publish, and re-checks without trust when it says so (or when
    /// the editor reports files saved or changed).
    pub fn trust_disk(&self, trust: bool) {
        self.lock().trust_disk = trust;
    }

    /// Whether a file kept as read from disk has other metadata now (or is
    /// gone): what a trusting load may have missed. Its metadata is read
    /// outside the lock.
    pub fn disk_changed(&self) -> bool {
        let kept: Vec<(PathBuf, Stat)> = self
            .lock()
            .files
            .iter()
            .filter_map(|(path, e)| Some((PathBuf::from(path), e.stat.clone()?)))
            .collect();
        kept.iter()
            .any(|(path, stat)| match std::fs::metadata(path) {
                Ok(meta) => Stat::now(&meta) != *stat,
                Err(_) => true,
            })
    }

    /// How many loads spliced their changed files into a kept model (see
    /// [`crate::splice`]).
    pub fn splices(&self) -> u64 {
        self.lock().splices
    }

    /// The kept model, taken out (see [`ParseCache::keep_model`]).
    pub fn take_model(&self) -> Option<crate::model::Repository> {
        self.lock().model.take()
    }

    /// How many parses are kept.
    pub fn len(&self) -> usize {
        self.lock().files.len()
    }

    /// Whether no parse is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic while holding the lock leaves nothing half written that
        // matters: the state is only a cache.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}
