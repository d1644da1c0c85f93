//! A reader of git's commit-graph files (gitformat-commit-graph(5)), with
//! their changed-path Bloom filters.
//!
//! `git commit-graph write --reachable --changed-paths` (and `git gc`, `git
//! maintenance`, `fetch.writeCommitGraph`) store, per commit: its root tree,
//! its parents as positions in the graph, its committer time, and a Bloom
//! filter of the paths it changed against its first parent. Reading that is
//! far cheaper than inflating commit objects, and a filter answers "did this
//! commit touch `docs/`?" without reading a tree.
//!
//! A graph is one file, `objects/info/commit-graph`, or a chain of layers,
//! `objects/info/commit-graphs/commit-graph-chain` listing the layers'
//! checksums base first, each in `graph-<checksum>.graph`. A layer's commits
//! are numbered after those of the layers below it: positions are global
//! across the chain, and a parent may lie in any layer below its child's.
//!
//! Only SHA-1 repositories are read. Every offset the accessors will use is
//! checked once, when the layers are parsed, so that reading never panics on
//! a corrupt or hostile file: a bad file is an error, never a wrong index.
//!
//! What git trusts the graph for, it trusts only without grafts, replace
//! refs or a shallow boundary (`commit_graph_compatible` in git's
//! commit-graph.c): a caller must check those itself. Alternates' graphs are
//! not read.

use std::fmt;
use std::io::ErrorKind;
use std::path::Path;

use git2::Oid;
use sha1::{Digest, Sha1};

/// Length of a SHA-1 object id, and of the trailing checksum.
const HASH_LEN: usize = 20;
/// Signature, version, hash version, chunk count, base count.
const HEADER_LEN: usize = 8;
/// A chunk id (4 bytes) and its offset (8 bytes).
const TOC_ENTRY_LEN: usize = 12;
/// 256 big-endian counts.
const FANOUT_LEN: usize = 256 * 4;
/// Root tree, two parent words, generation and time words.
const CDAT_WIDTH: usize = HASH_LEN + 16;
/// BDAT's header: hash version, number of hashes, bits per entry.
const BDAT_HEADER_LEN: usize = 12;

/// A parent word meaning "no parent here".
const PARENT_NONE: u32 = 0x7000_0000;
/// In the second parent word: the rest is an index into EDGE.
const EXTRA_EDGES_NEEDED: u32 = 0x8000_0000;
/// In an EDGE entry: this is the last parent.
const LAST_EDGE: u32 = 0x8000_0000;
/// The position bits of a parent word or EDGE entry.
const EDGE_MASK: u32 = 0x7fff_ffff;
/// Positions at or above this would read as [`PARENT_NONE`] or an EDGE index.
const MAX_COMMITS: u64 = PARENT_NONE as u64;
/// More hashes per key than any git writes; a bound on a lookup's work.
const MAX_BLOOM_HASHES: u32 = 255;

const SIGNATURE: &[u8; 4] = b"CGPH";
const ID_OIDF: u32 = u32::from_be_bytes(*b"OIDF");
const ID_OIDL: u32 = u32::from_be_bytes(*b"OIDL");
const ID_CDAT: u32 = u32::from_be_bytes(*b"CDAT");
const ID_EDGE: u32 = u32::from_be_bytes(*b"EDGE");
const ID_BIDX: u32 = u32::from_be_bytes(*b"BIDX");
const ID_BDAT: u32 = u32::from_be_bytes(*b"BDAT");
const ID_BASE: u32 = u32::from_be_bytes(*b"BASE");

/// murmur3 seeds of the two hashes a Bloom key is made of (git's bloom.c).
const SEED0: u32 = 0x293a_e76f;
const SEED1: u32 = 0x7e64_6e2c;

/// A commit-graph file or chain could not be read: what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphError(pub String);

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GraphError {}

/// What the graph stores of one commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphCommit {
    /// The commit's root tree.
    pub tree: Oid,
    /// Its parents, in order, as global positions in the graph.
    pub parents: Vec<u32>,
    /// Committer time, Unix seconds (34 bits in the file).
    pub time: i64,
}

/// The settings a layer's Bloom filters were written with (BDAT's header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BloomSettings {
    /// 1 (murmur3 over signed chars, git's old bug) or 2 (over bytes).
    hash_version: u32,
    /// Bit positions per key.
    num_hashes: u32,
    /// Bits per changed path the filters were sized with.
    bits_per_entry: u32,
}

/// Where a layer's Bloom filters are.
#[derive(Debug, Clone)]
struct LayerBloom {
    /// Offset of BIDX: one big-endian end offset per commit.
    index: usize,
    /// Offset of the first filter (BDAT after its header).
    filters: usize,
    settings: BloomSettings,
}

/// A layer's bytes: its file mapped, or given (tests, fuzzing). Mapped,
/// a graph's pages are the page cache's, which the kernel can take back
/// under memory pressure, where a copy (73 MB at a million commits) was
/// memory of the process's own.
#[derive(Debug)]
enum Bytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Mapped(m) => m,
        }
    }
}

/// Maps a layer's file.
fn map(path: &Path) -> std::io::Result<Bytes> {
    let file = std::fs::File::open(path)?;
    // SAFETY: the map is read only. git writes a commit-graph to a new file
    // and renames it into place, never over the old one, so a mapped file
    // does not change under us (git and gitoxide map it as well).
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok(Bytes::Mapped(map))
}

/// One file of the chain, checked.
#[derive(Debug)]
struct Layer {
    data: Bytes,
    /// Commits in the layers below.
    base: u32,
    /// Commits in this layer.
    len: u32,
    /// Offsets of the OIDF, OIDL and CDAT chunks.
    fanout: usize,
    oids: usize,
    cdat: usize,
    /// Offset of the EDGE chunk (0 when absent; then no commit uses it).
    edges: usize,
    bloom: Option<LayerBloom>,
}

/// A commit-graph: one file, or a chain of layers, base first.
#[derive(Debug)]
pub struct CommitGraph {
    layers: Vec<Layer>,
    len: u32,
}

/// A path's Bloom keys, computed once for the hash version of a graph's
/// filters: the path's own, then each leading directory's, longest first.
/// A path changed in a commit only if every one of them is in its filter
/// (git adds each leading directory of a changed path, and checks the same
/// way in `bloom_filter_contains_vec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BloomKey {
    version: u32,
    /// The pair (h0, h1) of each key: bit `i` is `h0 + i * h1`.
    hashes: Vec<(u32, u32)>,
}

impl BloomKey {
    /// The keys of `path` (repository-relative, `/`-separated; leading and
    /// trailing slashes are ignored) for Bloom hash version `version`
    /// (BDAT's: 1 hashes bytes as signed chars, as git did on most
    /// platforms before 2.46; 2, and any other value, as unsigned bytes).
    pub fn new(path: &str, version: u32) -> BloomKey {
        BloomKey::from_bytes(path.as_bytes(), version)
    }

    /// [`BloomKey::new`] for a path that need not be UTF-8.
    pub fn from_bytes(path: &[u8], version: u32) -> BloomKey {
        let start = path.iter().position(|&b| b != b'/').unwrap_or(path.len());
        let end = path
            .iter()
            .rposition(|&b| b != b'/')
            .map_or(start, |e| e + 1);
        let path = &path[start..end.max(start)];
        let mut hashes = Vec::new();
        if !path.is_empty() {
            hashes.push(key_hashes(path, version));
            for (i, &b) in path.iter().enumerate().rev() {
                if b == b'/' && i > 0 {
                    hashes.push(key_hashes(&path[..i], version));
                }
            }
        }
        BloomKey { version, hashes }
    }

    /// The Bloom hash version the key was computed for.
    pub fn version(&self) -> u32 {
        self.version
    }
}

/// The two murmur3 hashes git's `bloom_key_fill` computes for `data`.
fn key_hashes(data: &[u8], version: u32) -> (u32, u32) {
    if version == 1 {
        (murmur3_v1(SEED0, data), murmur3_v1(SEED1, data))
    } else {
        (murmur3(SEED0, data), murmur3(SEED1, data))
    }
}

/// murmur3 (32-bit) over bytes: git's `murmur3_seeded_v2`.
fn murmur3(seed: u32, data: &[u8]) -> u32 {
    murmur3_with(seed, data, u32::from)
}

/// git's `murmur3_seeded_v1`: each byte read as a signed `char` and
/// sign-extended before it is shifted into place, so bytes >= 0x80 hash
/// differently from murmur3. Bloom hash version 1 filters were written so.
fn murmur3_v1(seed: u32, data: &[u8]) -> u32 {
    murmur3_with(seed, data, |b| b as i8 as i32 as u32)
}

fn murmur3_with(mut seed: u32, data: &[u8], widen: impl Fn(u8) -> u32) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let k =
            widen(block[0]) | widen(block[1]) << 8 | widen(block[2]) << 16 | widen(block[3]) << 24;
        let k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        seed ^= k;
        seed = seed
            .rotate_left(13)
            .wrapping_mul(5)
            .wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k1 = 0u32;
        for (i, &b) in tail.iter().enumerate().rev() {
            k1 ^= widen(b) << (8 * i);
        }
        seed ^= k1.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    seed ^= data.len() as u32;
    seed ^= seed >> 16;
    seed = seed.wrapping_mul(0x85eb_ca6b);
    seed ^= seed >> 13;
    seed = seed.wrapping_mul(0xc2b2_ae35);
    seed ^= seed >> 16;
    seed
}

/// Whether every key of `key` is in `filter` (a non-empty filter).
fn filter_contains(filter: &[u8], num_hashes: u32, key: &BloomKey) -> bool {
    let bits = filter.len() as u64 * 8;
    key.hashes.iter().all(|&(h0, h1)| {
        (0..num_hashes).all(|i| {
            let bit = u64::from(h0.wrapping_add(i.wrapping_mul(h1))) % bits;
            filter[(bit / 8) as usize] & (1 << (bit % 8)) != 0
        })
    })
}

fn be32(data: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]])
}

fn be64(data: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&data[at..at + 8]);
    u64::from_be_bytes(b)
}

fn chunk_name(id: u32) -> String {
    id.to_be_bytes()
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() {
                char::from(b).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

/// The checksum a layer ends with, once its length is known to hold one.
fn trailer(data: &[u8]) -> &[u8] {
    &data[data.len() - HASH_LEN..]
}

impl Layer {
    /// Checks `data` as layer `index` of a chain whose lower layers are
    /// `below` (with `base` commits), then returns it.
    fn parse(
        data: Bytes,
        index: usize,
        below: &[Layer],
        base: u32,
        verify: bool,
    ) -> Result<Layer, String> {
        let size = data.len();
        if size < HEADER_LEN + TOC_ENTRY_LEN + HASH_LEN {
            return Err(format!("too short ({size} bytes)"));
        }
        if &data[..4] != SIGNATURE {
            return Err("not a commit-graph (no CGPH signature)".into());
        }
        if data[4] != 1 {
            return Err(format!("unsupported version {}", data[4]));
        }
        match data[5] {
            1 => {}
            2 => return Err("hash version 2 (SHA-256) is not supported".into()),
            v => return Err(format!("unknown hash version {v}")),
        }
        let chunks = usize::from(data[6]);
        let bases = usize::from(data[7]);
        if bases != index {
            return Err(format!(
                "names {bases} base graphs, but {index} layers lie below it"
            ));
        }
        let body_end = size - HASH_LEN;
        if verify {
            let sum = Sha1::digest(&data[..body_end]);
            if sum.as_slice() != trailer(&data) {
                return Err("checksum mismatch (the file is corrupt)".into());
            }
        }

        // The table of contents: `chunks` entries and a terminating one.
        let toc_end = HEADER_LEN + (chunks + 1) * TOC_ENTRY_LEN;
        if toc_end > body_end {
            return Err(format!("too short for its {chunks} chunks"));
        }
        let entry = |i: usize| {
            let at = HEADER_LEN + i * TOC_ENTRY_LEN;
            (be32(&data, at), be64(&data, at + 4))
        };
        let mut table: Vec<(u32, usize, usize)> = Vec::with_capacity(chunks);
        for i in 0..chunks {
            let (id, start) = entry(i);
            let (_, end) = entry(i + 1);
            if id == 0 {
                return Err(format!("chunk table ends early, at entry {i}"));
            }
            if start < toc_end as u64 || end < start || end > body_end as u64 {
                return Err(format!(
                    "chunk {} has bad offsets ({start}..{end} in {size} bytes)",
                    chunk_name(id)
                ));
            }
            if table.iter().any(|&(seen, _, _)| seen == id) {
                return Err(format!("chunk {} appears twice", chunk_name(id)));
            }
            // Both fit in usize: they are at most `body_end`.
            table.push((id, start as usize, end as usize));
        }
        if entry(chunks).0 != 0 {
            return Err("chunk table does not end with a zero id".into());
        }
        let find = |id: u32| {
            table
                .iter()
                .find(|&&(seen, _, _)| seen == id)
                .map(|&(_, start, end)| (start, end - start))
        };
        let require = |id: u32| find(id).ok_or_else(|| format!("no {} chunk", chunk_name(id)));

        // OIDF: monotonic counts, the last is the number of commits.
        let (fanout, fanout_len) = require(ID_OIDF)?;
        if fanout_len != FANOUT_LEN {
            return Err(format!(
                "OIDF chunk has {fanout_len} bytes, not {FANOUT_LEN}"
            ));
        }
        let count = |b: usize| be32(&data, fanout + 4 * b);
        for b in 1..256 {
            if count(b) < count(b - 1) {
                return Err(format!("fanout decreases at byte {b:#04x}"));
            }
        }
        let len = count(255);
        let n = len as usize;
        if u64::from(base) + u64::from(len) >= MAX_COMMITS {
            return Err(format!("too many commits ({base} + {len})"));
        }

        // OIDL: N ids, strictly ascending, each in its fanout bucket.
        let (oids, oids_len) = require(ID_OIDL)?;
        if oids_len as u64 != n as u64 * HASH_LEN as u64 {
            return Err(format!("OIDL chunk has {oids_len} bytes for {n} commits"));
        }
        for j in 0..n {
            let id = &data[oids + j * HASH_LEN..oids + (j + 1) * HASH_LEN];
            let b = usize::from(id[0]);
            let lo = if b == 0 { 0 } else { count(b - 1) as usize };
            if j < lo || j >= count(b) as usize {
                return Err(format!("commit {j} lies outside its fanout bucket"));
            }
            if j > 0 && data[oids + (j - 1) * HASH_LEN..oids + j * HASH_LEN] >= *id {
                return Err(format!("commit ids not sorted at {j}"));
            }
        }

        // EDGE: whole entries, each a position in this layer or below.
        let limit = base + len;
        let (edges, edges_len) = find(ID_EDGE).unwrap_or((0, 0));
        if edges_len % 4 != 0 {
            return Err(format!("EDGE chunk has {edges_len} bytes"));
        }
        let edge_count = edges_len / 4;
        let mut last_end: Option<usize> = None;
        for e in 0..edge_count {
            let v = be32(&data, edges + 4 * e);
            if v & EDGE_MASK >= limit {
                return Err(format!(
                    "EDGE entry {e} names position {} of {limit}",
                    v & EDGE_MASK
                ));
            }
            if v & LAST_EDGE != 0 {
                last_end = Some(e);
            }
        }

        // CDAT: N records; parents in range; octopus runs end inside EDGE.
        let (cdat, cdat_len) = require(ID_CDAT)?;
        if cdat_len as u64 != n as u64 * CDAT_WIDTH as u64 {
            return Err(format!("CDAT chunk has {cdat_len} bytes for {n} commits"));
        }
        for j in 0..n {
            let rec = cdat + j * CDAT_WIDTH;
            let first = be32(&data, rec + HASH_LEN);
            if first == PARENT_NONE {
                continue;
            }
            if first >= limit {
                return Err(format!(
                    "commit {j}: parent position {first:#x} out of range ({limit} commits)"
                ));
            }
            let second = be32(&data, rec + HASH_LEN + 4);
            if second == PARENT_NONE {
                continue;
            }
            if second & EXTRA_EDGES_NEEDED != 0 {
                let start = (second & EDGE_MASK) as usize;
                if last_end.is_none_or(|end| start > end) {
                    return Err(format!(
                        "commit {j}: octopus parents at EDGE entry {start} run past the chunk"
                    ));
                }
            } else if second >= limit {
                return Err(format!(
                    "commit {j}: parent position {second:#x} out of range ({limit} commits)"
                ));
            }
        }

        // BASE: the checksums of the layers below, base first.
        match find(ID_BASE) {
            None if index > 0 => return Err("no BASE chunk".into()),
            None => {}
            Some((at, blen)) => {
                if blen != index * HASH_LEN {
                    return Err(format!(
                        "BASE chunk has {blen} bytes for {index} base graphs"
                    ));
                }
                if verify {
                    for (i, layer) in below.iter().enumerate() {
                        let named = &data[at + i * HASH_LEN..at + (i + 1) * HASH_LEN];
                        if named != trailer(&layer.data) {
                            return Err(format!("BASE entry {i} is not layer {i}'s checksum"));
                        }
                    }
                }
            }
        }

        // BIDX and BDAT: used together, or not at all (as git does).
        let bloom = match (find(ID_BIDX), find(ID_BDAT)) {
            (Some((index_at, index_len)), Some((bdat, bdat_len))) => {
                if index_len as u64 != n as u64 * 4 {
                    return Err(format!("BIDX chunk has {index_len} bytes for {n} commits"));
                }
                if bdat_len < BDAT_HEADER_LEN {
                    return Err(format!("BDAT chunk has {bdat_len} bytes"));
                }
                let room = (bdat_len - BDAT_HEADER_LEN) as u64;
                let mut previous = 0u32;
                for j in 0..n {
                    let end = be32(&data, index_at + 4 * j);
                    if end < previous || u64::from(end) > room {
                        return Err(format!(
                            "BIDX entry {j} ({end}) is out of order or past BDAT's {room} bytes"
                        ));
                    }
                    previous = end;
                }
                let settings = BloomSettings {
                    hash_version: be32(&data, bdat),
                    num_hashes: be32(&data, bdat + 4),
                    bits_per_entry: be32(&data, bdat + 8),
                };
                // Filters of a version or shape we cannot query prove
                // nothing: as if absent.
                let usable = matches!(settings.hash_version, 1 | 2)
                    && (1..=MAX_BLOOM_HASHES).contains(&settings.num_hashes);
                usable.then_some(LayerBloom {
                    index: index_at,
                    filters: bdat + BDAT_HEADER_LEN,
                    settings,
                })
            }
            _ => None,
        };

        Ok(Layer {
            data,
            base,
            len,
            fanout,
            oids,
            cdat,
            edges,
            bloom,
        })
    }

    fn count(&self, b: usize) -> u32 {
        be32(&self.data, self.fanout + 4 * b)
    }

    fn oid_bytes(&self, lex: usize) -> &[u8] {
        &self.data[self.oids + lex * HASH_LEN..self.oids + (lex + 1) * HASH_LEN]
    }

    /// The lexicographic index of `id` in this layer.
    fn find(&self, id: &[u8]) -> Option<u32> {
        let b = usize::from(*id.first()?);
        let mut lo = if b == 0 {
            0
        } else {
            self.count(b - 1) as usize
        };
        let mut hi = self.count(b) as usize;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.oid_bytes(mid).cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }

    /// The Bloom filter of the commit at lexicographic index `lex`.
    fn filter(&self, bloom: &LayerBloom, lex: usize) -> &[u8] {
        let end = be32(&self.data, bloom.index + 4 * lex) as usize;
        let start = match lex {
            0 => 0,
            _ => be32(&self.data, bloom.index + 4 * (lex - 1)) as usize,
        };
        &self.data[bloom.filters + start..bloom.filters + end]
    }
}

fn oid_from(bytes: &[u8]) -> Oid {
    Oid::from_bytes(bytes).unwrap_or(Oid::ZERO_SHA1)
}

impl CommitGraph {
    /// Opens the commit-graph of the object directory `objects_dir` (a
    /// repository's `.git/objects`) as git does: `info/commit-graph` when it
    /// is present and valid, else the chain that
    /// `info/commit-graphs/commit-graph-chain` lists (base first, each layer
    /// in `info/commit-graphs/graph-<checksum>.graph`). `Ok(None)` when
    /// there is neither (an empty chain file counts as none); an error when
    /// what is there cannot be read or is invalid. Where git would fall back
    /// to the longest valid part of a broken chain, this is an error.
    pub fn open(objects_dir: &Path) -> Result<Option<CommitGraph>, GraphError> {
        let info = objects_dir.join("info");
        let single = info.join("commit-graph");
        let single_error = match map(&single) {
            Ok(bytes) => match CommitGraph::build(vec![bytes], true) {
                Ok(graph) => return Ok(Some(graph)),
                Err(e) => Some(GraphError(format!("{}: {}", single.display(), e.0))),
            },
            Err(e) if e.kind() == ErrorKind::NotFound => None,
            Err(e) => Some(GraphError(format!("{}: {e}", single.display()))),
        };
        let dir = info.join("commit-graphs");
        let chain_path = dir.join("commit-graph-chain");
        let chain = match std::fs::read(&chain_path) {
            Ok(chain) => chain,
            Err(e) if e.kind() == ErrorKind::NotFound => {
                return single_error.map_or(Ok(None), Err);
            }
            Err(e) => return Err(GraphError(format!("{}: {e}", chain_path.display()))),
        };
        let chain_error = |what: String| GraphError(format!("{}: {what}", chain_path.display()));
        let text = std::str::from_utf8(&chain).map_err(|_| chain_error("not text".into()))?;
        let mut names = Vec::new();
        for line in text.lines() {
            let valid = line.len() == 2 * HASH_LEN && line.bytes().all(|b| b.is_ascii_hexdigit());
            if !valid {
                return Err(chain_error(format!("line {line:?} is not a checksum")));
            }
            names.push(line.to_ascii_lowercase());
        }
        if names.is_empty() {
            return single_error.map_or(Ok(None), Err);
        }
        let mut layers = Vec::with_capacity(names.len());
        for name in &names {
            let path = dir.join(format!("graph-{name}.graph"));
            let bytes = map(&path).map_err(|e| GraphError(format!("{}: {e}", path.display())))?;
            let sum: String = bytes
                .get(bytes.len().saturating_sub(HASH_LEN)..)
                .unwrap_or_default()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            if sum != *name {
                return Err(GraphError(format!(
                    "{}: its checksum is not its name",
                    path.display()
                )));
            }
            layers.push(bytes);
        }
        CommitGraph::build(layers, true)
            .map(Some)
            .map_err(|e| chain_error(e.0))
    }

    /// Parses the layers of a commit-graph given as bytes, base first (one
    /// for a single `commit-graph` file): what [`CommitGraph::open`] reads,
    /// for tests and fuzzing. Checks everything the accessors will index:
    /// the header (version 1, SHA-1), the chunk table (offsets in bounds and
    /// ordered, ids unique), a monotonic fanout matching OIDL's length,
    /// OIDL sorted, parent and EDGE positions in range (a parent lies in its
    /// child's layer or below), octopus runs ending inside EDGE, BIDX
    /// monotonic and within BDAT, each layer's trailing SHA-1, and that each
    /// layer's base count and BASE chunk name exactly the layers given below
    /// it. Bloom filters of an unknown hash version are ignored; so are a
    /// lower layer's whose settings differ from the topmost filtered layer's
    /// (as git does).
    pub fn from_layers(layers: Vec<Vec<u8>>) -> Result<CommitGraph, GraphError> {
        CommitGraph::build(layers.into_iter().map(Bytes::Owned).collect(), true)
    }

    /// [`CommitGraph::from_layers`] without comparing checksums: neither a
    /// layer's trailer nor the BASE entries are checked (their lengths
    /// are). For fuzzing only, where a checksum would stop every input at
    /// the door; every offset is still checked.
    #[doc(hidden)]
    pub fn from_layers_unverified(layers: Vec<Vec<u8>>) -> Result<CommitGraph, GraphError> {
        CommitGraph::build(layers.into_iter().map(Bytes::Owned).collect(), false)
    }

    fn build(layers: Vec<Bytes>, verify: bool) -> Result<CommitGraph, GraphError> {
        if layers.is_empty() {
            return Err(GraphError("commit-graph: no layers".into()));
        }
        let many = layers.len() > 1;
        let mut parsed: Vec<Layer> = Vec::with_capacity(layers.len());
        let mut base = 0u32;
        for (index, data) in layers.into_iter().enumerate() {
            let layer = Layer::parse(data, index, &parsed, base, verify).map_err(|e| {
                GraphError(if many {
                    format!("commit-graph layer {index}: {e}")
                } else {
                    format!("commit-graph: {e}")
                })
            })?;
            base += layer.len;
            parsed.push(layer);
        }
        // As git's validate_mixed_bloom_settings: the topmost layer with
        // filters sets the settings; lower layers that differ lose theirs.
        let mut settings = None;
        for layer in parsed.iter_mut().rev() {
            let Some(bloom) = &layer.bloom else { continue };
            match settings {
                None => settings = Some(bloom.settings),
                Some(s) if s != bloom.settings => layer.bloom = None,
                Some(_) => {}
            }
        }
        Ok(CommitGraph {
            layers: parsed,
            len: base,
        })
    }

    /// The number of commits, across all layers.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether the graph holds no commit.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of layers (1 for a single `commit-graph` file).
    pub fn layers(&self) -> usize {
        self.layers.len()
    }

    /// The global position of commit `oid`, if the graph holds it (a binary
    /// search within its fanout bucket, topmost layer first).
    pub fn position(&self, oid: Oid) -> Option<u32> {
        let id = oid.as_bytes();
        if id.len() != HASH_LEN {
            return None;
        }
        self.layers
            .iter()
            .rev()
            .find_map(|layer| layer.find(id).map(|lex| layer.base + lex))
    }

    /// The layer holding `pos`, and its index there.
    fn locate(&self, pos: u32) -> Option<(&Layer, usize)> {
        if pos >= self.len {
            return None;
        }
        let layer = self.layers.iter().rev().find(|l| l.base <= pos)?;
        Some((layer, (pos - layer.base) as usize))
    }

    fn expect(&self, pos: u32) -> (&Layer, usize) {
        match self.locate(pos) {
            Some(found) => found,
            None => panic!(
                "commit-graph position {pos} out of range ({} commits)",
                self.len
            ),
        }
    }

    /// The id of the commit at `pos`.
    ///
    /// # Panics
    ///
    /// When `pos` is not below [`CommitGraph::len`] (a caller's bug: every
    /// position this type hands out is in range).
    pub fn oid(&self, pos: u32) -> Oid {
        let (layer, lex) = self.expect(pos);
        oid_from(layer.oid_bytes(lex))
    }

    /// The tree, parents and committer time of the commit at `pos`.
    ///
    /// # Panics
    ///
    /// When `pos` is not below [`CommitGraph::len`], as [`CommitGraph::oid`].
    pub fn commit(&self, pos: u32) -> GraphCommit {
        let (layer, lex) = self.expect(pos);
        let data = &layer.data;
        let rec = layer.cdat + lex * CDAT_WIDTH;
        let tree = oid_from(&data[rec..rec + HASH_LEN]);
        let mut parents = Vec::new();
        let first = be32(data, rec + HASH_LEN);
        if first != PARENT_NONE {
            parents.push(first);
            let second = be32(data, rec + HASH_LEN + 4);
            if second & EXTRA_EDGES_NEEDED != 0 {
                // Checked: a run from here ends inside EDGE.
                let mut at = layer.edges + 4 * (second & EDGE_MASK) as usize;
                loop {
                    let v = be32(data, at);
                    parents.push(v & EDGE_MASK);
                    if v & LAST_EDGE != 0 {
                        break;
                    }
                    at += 4;
                }
            } else if second != PARENT_NONE {
                parents.push(second);
            }
        }
        let high = i64::from(be32(data, rec + HASH_LEN + 8) & 0x3);
        let low = i64::from(be32(data, rec + HASH_LEN + 12));
        GraphCommit {
            tree,
            parents,
            time: high << 32 | low,
        }
    }

    /// Whether every layer has Bloom filters, all with the same settings.
    pub fn has_bloom(&self) -> bool {
        self.layers.iter().all(|l| l.bloom.is_some())
    }

    /// The hash version of the graph's Bloom filters (1 or 2), when
    /// [`CommitGraph::has_bloom`]: the version [`BloomKey`]s need.
    pub fn bloom_version(&self) -> Option<u32> {
        if !self.has_bloom() {
            return None;
        }
        self.layers
            .last()
            .and_then(|l| l.bloom.as_ref())
            .map(|b| b.settings.hash_version)
    }

    /// The [`BloomKey`] of `path` for this graph's filters (version 2 keys
    /// when it has none; they then prove nothing).
    pub fn bloom_key(&self, path: &str) -> BloomKey {
        let version = self
            .layers
            .iter()
            .rev()
            .find_map(|l| l.bloom.as_ref())
            .map_or(2, |b| b.settings.hash_version);
        BloomKey::new(path, version)
    }

    /// Whether `path` (repository-relative, `/`-separated, no leading or
    /// trailing slash; a file or a directory) may have changed in the commit
    /// at `pos` against its first parent (against the empty tree for a root
    /// commit). `true` means "maybe": there is no filter for that commit,
    /// the filter is empty, or it has all its bits set (git's filter for
    /// more than 512 changes), or the path's keys are all in it. `false`
    /// means the filter proves the path unchanged. git adds every changed
    /// path and each of its leading directories to the filter. `true` also
    /// for a position out of range, or the empty path.
    pub fn maybe_changed(&self, pos: u32, path: &str) -> bool {
        let Some((layer, _)) = self.locate(pos) else {
            return true;
        };
        let Some(bloom) = &layer.bloom else {
            return true;
        };
        self.maybe_changed_key(pos, &BloomKey::new(path, bloom.settings.hash_version))
    }

    /// [`CommitGraph::maybe_changed`] with the path's keys computed once
    /// (by [`CommitGraph::bloom_key`]), for use in a loop over commits.
    /// `true` ("maybe") also when the key's hash version is not that of the
    /// commit's filter.
    pub fn maybe_changed_key(&self, pos: u32, key: &BloomKey) -> bool {
        let Some((layer, lex)) = self.locate(pos) else {
            return true;
        };
        let Some(bloom) = &layer.bloom else {
            return true;
        };
        if bloom.settings.hash_version != key.version {
            return true;
        }
        let filter = layer.filter(bloom, lex);
        // An empty filter proves nothing; an all-ones one contains every key.
        filter.is_empty() || filter_contains(filter, bloom.settings.num_hashes, key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::collections::BTreeSet;
    use std::path::PathBuf;
    use std::process::Command;

    use git2::Repository;

    /// A scratch repository driven by the `git` on PATH, with a fixed
    /// identity and a committer clock that moves an hour per commit.
    struct Fixture {
        dir: tempfile::TempDir,
        clock: Cell<i64>,
    }

    impl Fixture {
        fn new() -> Fixture {
            let f = Fixture {
                dir: tempfile::tempdir().expect("temp dir"),
                clock: Cell::new(1_700_000_000),
            };
            f.git(&["init", "-q", "-b", "main"]);
            f
        }

        fn path(&self) -> &Path {
            self.dir.path()
        }

        fn objects(&self) -> PathBuf {
            self.path().join(".git/objects")
        }

        fn git(&self, args: &[&str]) -> String {
            self.git_at(args, self.clock.get())
        }

        fn git_at(&self, args: &[&str], time: i64) -> String {
            let date = format!("@{time} +0000");
            let out = Command::new("git")
                .args(["-c", "gc.auto=0", "-c", "core.commitGraph=true"])
                .args(args)
                .current_dir(self.path())
                .env("GIT_AUTHOR_NAME", "Test")
                .env("GIT_AUTHOR_EMAIL", "test@example.com")
                .env("GIT_COMMITTER_NAME", "Test")
                .env("GIT_COMMITTER_EMAIL", "test@example.com")
                .env("GIT_AUTHOR_DATE", &date)
                .env("GIT_COMMITTER_DATE", &date)
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("HOME", self.path())
                .output()
                .expect("git runs");
            assert!(
                out.status.success(),
                "git {args:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        }

        fn tick(&self) {
            self.clock.set(self.clock.get() + 3600);
        }

        fn write(&self, rel: &str, text: &str) {
            let path = self.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }

        fn commit(&self, message: &str) {
            self.tick();
            self.git(&["add", "-A"]);
            self.git(&["commit", "-q", "--allow-empty", "-m", message]);
        }

        fn merge(&self, branches: &[&str], message: &str) {
            self.tick();
            let mut args = vec!["merge", "-q", "--no-ff", "-m", message];
            args.extend_from_slice(branches);
            self.git(&args);
        }

        fn repo(&self) -> Repository {
            Repository::open(self.path()).unwrap()
        }

        fn rev(&self, spec: &str) -> Oid {
            Oid::from_str(self.git(&["rev-parse", spec]).trim()).unwrap()
        }
    }

    /// Linear commits, a merge, two octopus merges (3 and 4 parents), an
    /// empty commit, a commit past 2^32 seconds, a non-ASCII path, a commit
    /// of more than 512 changes, a deletion, and a second root commit.
    fn build_history(f: &Fixture) {
        f.write("README", "hello\n");
        f.write("docs/a.md", "a\n");
        f.write("src/lib.txt", "lib\n");
        f.commit("root");
        f.write("docs/a.md", "a2\n");
        f.commit("edit a");
        f.write("docs/sub/b.md", "b\n");
        f.commit("add b");
        f.git(&["checkout", "-q", "-b", "side", "HEAD~1"]);
        f.write("src/lib.txt", "lib2\n");
        f.commit("edit lib");
        f.git(&["checkout", "-q", "main"]);
        f.merge(&["side"], "merge side");
        for name in ["x", "y", "z", "u", "v"] {
            f.git(&["checkout", "-q", "-b", name, "main"]);
            f.write(&format!("octo/{name}.txt"), name);
            f.commit(&format!("octo {name}"));
        }
        f.git(&["checkout", "-q", "main"]);
        f.merge(&["x", "y"], "octopus of three");
        f.merge(&["z", "u", "v"], "octopus of four");
        f.commit("empty");
        f.write("docs/a.md", "a3\n");
        f.tick();
        f.git(&["add", "-A"]);
        // 2128: the time's 33rd bit is set (CDAT's 34-bit times).
        f.git_at(&["commit", "-q", "-m", "future"], 5_000_000_000);
        f.write("docs/é.md", "e\n");
        f.commit("non-ascii");
        f.write("docs/é.md", "e2\n");
        f.commit("edit non-ascii");
        for i in 0..520 {
            f.write(&format!("big/f{i}.txt"), &i.to_string());
        }
        f.commit("big");
        f.git(&["rm", "-q", "docs/sub/b.md"]);
        f.commit("remove b");
        f.git(&["checkout", "-q", "--orphan", "other"]);
        f.git(&["rm", "-rfq", "."]);
        f.write("other.txt", "other\n");
        f.commit("second root");
        f.git(&["checkout", "-q", "main"]);
    }

    /// Every commit reachable from a ref, per libgit2.
    fn all_commits(repo: &Repository) -> Vec<Oid> {
        let mut walk = repo.revwalk().unwrap();
        walk.push_glob("refs/heads/*").unwrap();
        walk.map(Result::unwrap).collect()
    }

    /// The graph holds exactly the repository's commits, as libgit2 reads them.
    fn check_commits(graph: &CommitGraph, repo: &Repository) {
        let commits = all_commits(repo);
        assert_eq!(graph.len(), commits.len());
        let mut seen = BTreeSet::new();
        for &id in &commits {
            let pos = graph.position(id).expect("every commit is in the graph");
            assert!(seen.insert(pos));
            assert_eq!(graph.oid(pos), id);
            let commit = repo.find_commit(id).unwrap();
            let stored = graph.commit(pos);
            assert_eq!(stored.tree, commit.tree_id(), "tree of {id}");
            let parents: Vec<Oid> = stored.parents.iter().map(|&p| graph.oid(p)).collect();
            assert_eq!(
                parents,
                commit.parent_ids().collect::<Vec<_>>(),
                "parents of {id}"
            );
            assert_eq!(stored.time, commit.time().seconds(), "time of {id}");
        }
        // Not commits: a tree, a blob, the zero id.
        let head = repo.head().unwrap().peel_to_commit().unwrap();
        let tree = head.tree().unwrap();
        let blob = tree.get_path(Path::new("docs/a.md")).unwrap().id();
        assert_eq!(graph.position(tree.id()), None);
        assert_eq!(graph.position(blob), None);
        assert_eq!(graph.position(Oid::ZERO_SHA1), None);
    }

    /// The paths a commit changed against its first parent, as git's Bloom
    /// filters record them: each changed path and its leading directories.
    fn changed_paths(repo: &Repository, id: Oid) -> BTreeSet<String> {
        let commit = repo.find_commit(id).unwrap();
        let old = commit.parent(0).ok().map(|p| p.tree().unwrap());
        let new = commit.tree().unwrap();
        let diff = repo
            .diff_tree_to_tree(old.as_ref(), Some(&new), None)
            .unwrap();
        let mut paths = BTreeSet::new();
        for delta in diff.deltas() {
            let file = delta.new_file().path().or(delta.old_file().path()).unwrap();
            let mut path = file.to_str().unwrap().to_owned();
            loop {
                paths.insert(path.clone());
                match path.rfind('/') {
                    Some(slash) => path.truncate(slash),
                    None => break,
                }
            }
        }
        paths
    }

    /// Changed paths are always "maybe"; most unchanged ones are proved
    /// unchanged. Returns how many queries were proved unchanged.
    fn check_bloom(graph: &CommitGraph, repo: &Repository) -> usize {
        assert!(graph.has_bloom());
        let version = graph.bloom_version().unwrap();
        let commits = all_commits(repo);
        let changed: Vec<(u32, BTreeSet<String>)> = commits
            .iter()
            .map(|&id| (graph.position(id).unwrap(), changed_paths(repo, id)))
            .collect();
        let mut universe: BTreeSet<String> = changed
            .iter()
            .flat_map(|(_, c)| c.iter().cloned())
            .collect();
        universe.retain(|p| !p.starts_with("big/f"));
        for extra in [
            "nope",
            "docs/nope.md",
            "src/deep/er.txt",
            "docs/ü/x.md",
            "octo",
        ] {
            universe.insert(extra.to_owned());
        }
        let keys: Vec<(String, BloomKey)> = universe
            .iter()
            .map(|p| (p.clone(), graph.bloom_key(p)))
            .collect();
        let (mut proved, mut queries) = (0, 0);
        for (pos, paths) in &changed {
            for path in paths {
                assert!(graph.maybe_changed(*pos, path), "{path} changed at {pos}");
                let key = BloomKey::new(path, version);
                assert!(
                    graph.maybe_changed_key(*pos, &key),
                    "{path} changed at {pos}"
                );
                // Leading and trailing slashes are ignored.
                assert!(graph.maybe_changed(*pos, &format!("/{path}/")));
            }
            // Over 512 changes: git's all-ones filter, "maybe" for anything.
            let truncated = paths.len() > 512;
            for (path, key) in &keys {
                if paths.contains(path) {
                    continue;
                }
                let maybe = graph.maybe_changed_key(*pos, key);
                assert_eq!(maybe, graph.maybe_changed(*pos, path));
                if truncated {
                    assert!(maybe, "{path} in a truncated filter");
                    continue;
                }
                queries += 1;
                proved += usize::from(!maybe);
            }
        }
        assert!(proved > 0, "no filter proved anything");
        assert!(
            proved * 10 > queries * 8,
            "only {proved} of {queries} unchanged paths proved unchanged"
        );
        proved
    }

    fn bloom_version_written(f: &Fixture, args: &[&str]) -> Option<u32> {
        let single = f.objects().join("info/commit-graph");
        let _ = std::fs::remove_file(&single);
        let mut all = args.to_vec();
        all.extend(["commit-graph", "write", "--reachable", "--changed-paths"]);
        f.git(&all);
        let graph = CommitGraph::open(&f.objects()).unwrap().unwrap();
        assert_eq!(graph.layers(), 1);
        graph.bloom_version()
    }

    #[test]
    fn reads_commits_as_libgit2_does() {
        let f = Fixture::new();
        build_history(&f);
        f.git(&["commit-graph", "write", "--reachable"]);
        let graph = CommitGraph::open(&f.objects()).unwrap().unwrap();
        assert!(!graph.has_bloom());
        assert_eq!(graph.bloom_version(), None);
        let repo = f.repo();
        check_commits(&graph, &repo);

        let at =
            |message: &str| graph.commit(graph.position(f.rev(&format!(":/^{message}"))).unwrap());
        assert_eq!(at("octopus of three").parents.len(), 3);
        assert_eq!(at("octopus of four").parents.len(), 4);
        assert_eq!(at("merge side").parents.len(), 2);
        assert!(at("root").parents.is_empty());
        assert!(at("second root").parents.is_empty());
        assert_eq!(at("future").time, 5_000_000_000);
        // Without filters, everything may have changed.
        assert!(graph.maybe_changed(0, "nope"));
        assert!(graph.maybe_changed_key(0, &BloomKey::new("nope", 2)));
    }

    #[test]
    fn bloom_filters_match_the_changes() {
        let f = Fixture::new();
        build_history(&f);
        let repo = f.repo();
        let default = bloom_version_written(&f, &[]);
        let git_version = f.git(&["--version"]);
        eprintln!(
            "{} writes Bloom version {default:?} by default",
            git_version.trim()
        );
        assert!(matches!(default, Some(1 | 2)));
        let graph = CommitGraph::open(&f.objects()).unwrap().unwrap();
        check_commits(&graph, &repo);
        check_bloom(&graph, &repo);

        // An empty commit has an all-zero filter: nothing changed.
        let empty = graph.position(f.rev(":/^empty")).unwrap();
        assert!(!graph.maybe_changed(empty, "docs/a.md"));
        assert!(!graph.maybe_changed(empty, "README"));
        // More than 512 changes: the all-ones filter.
        let big = graph.position(f.rev(":/^big")).unwrap();
        assert!(graph.maybe_changed(big, "nope/never"));
        // The empty path, and positions out of range: "maybe".
        assert!(graph.maybe_changed(empty, ""));
        assert!(graph.maybe_changed(u32::MAX, "docs/a.md"));

        for version in [1, 2] {
            let setting = format!("commitGraph.changedPathsVersion={version}");
            let written = bloom_version_written(&f, &["-c", &setting]);
            if written != Some(version) {
                eprintln!("git wrote {written:?} when asked for version {version}: skipped");
                continue;
            }
            let graph = CommitGraph::open(&f.objects()).unwrap().unwrap();
            check_bloom(&graph, &repo);
            let added = graph.position(f.rev(":/^non-ascii")).unwrap();
            let edited = graph.position(f.rev(":/^edit non-ascii")).unwrap();
            for pos in [added, edited] {
                assert!(graph.maybe_changed(pos, "docs/é.md"));
                assert!(graph.maybe_changed_key(pos, &BloomKey::new("docs/é.md", version)));
            }
            // Hashed the other version's way, the path is not in the
            // filter of the commit that added it: the versions differ.
            let wrong = BloomKey {
                version,
                hashes: BloomKey::new("docs/é.md", 3 - version).hashes,
            };
            assert!(!graph.maybe_changed_key(added, &wrong));
            // The other version's keys prove nothing (they are "maybe").
            let other = BloomKey::new("nope", 3 - version);
            assert!(graph.maybe_changed_key(edited, &other));
        }
    }

    #[test]
    fn split_chains_number_commits_across_layers() {
        let f = Fixture::new();
        f.write("docs/a.md", "0\n");
        f.commit("root");
        for i in 1..20 {
            f.write(&format!("docs/{}.md", i % 4), &i.to_string());
            f.commit(&format!("c{i}"));
        }
        let split = [
            "commit-graph",
            "write",
            "--reachable",
            "--changed-paths",
            "--split=no-merge",
        ];
        f.git(&split);
        f.git(&["checkout", "-q", "-b", "side", "HEAD~3"]);
        f.write("side/é.md", "s\n");
        f.commit("side");
        f.git(&["checkout", "-q", "main"]);
        f.merge(&["side"], "merge");
        f.write("docs/x.md", "x\n");
        f.commit("top");
        f.git(&split);

        let chain = f.objects().join("info/commit-graphs/commit-graph-chain");
        let text = std::fs::read_to_string(&chain).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!f.objects().join("info/commit-graph").exists());

        let graph = CommitGraph::open(&f.objects()).unwrap().unwrap();
        assert_eq!(graph.layers(), 2);
        let repo = f.repo();
        check_commits(&graph, &repo);
        check_bloom(&graph, &repo);
        // The merge lies in the top layer, one parent in the base.
        let merge = graph.commit(graph.position(f.rev("main~1")).unwrap());
        assert_eq!(merge.parents.len(), 2);
        assert!(merge.parents[0] < graph.len() as u32 - 3);

        // The layers must come base first, all of them.
        let layers: Vec<Vec<u8>> = text
            .lines()
            .map(|l| {
                let path = f
                    .objects()
                    .join(format!("info/commit-graphs/graph-{l}.graph"));
                std::fs::read(path).unwrap()
            })
            .collect();
        assert!(CommitGraph::from_layers(layers.clone()).is_ok());
        let reversed: Vec<Vec<u8>> = layers.iter().rev().cloned().collect();
        assert!(CommitGraph::from_layers(reversed).is_err());
        assert!(CommitGraph::from_layers(vec![layers[1].clone()]).is_err());
        let doubled = vec![layers[0].clone(), layers[0].clone()];
        assert!(CommitGraph::from_layers(doubled).is_err());
        // A layer whose base is not the one given.
        let mut other_base = layers[0].clone();
        let last = other_base.len() - HASH_LEN - 1;
        other_base[last] ^= 1; // a BDAT or other byte before the trailer
        reseal(&mut other_base);
        assert!(CommitGraph::from_layers(vec![other_base, layers[1].clone()]).is_err());
    }

    #[test]
    fn open_without_a_graph_is_none() {
        let f = Fixture::new();
        f.write("a", "a\n");
        f.commit("one");
        assert_eq!(
            CommitGraph::open(&f.objects()).unwrap().map(|g| g.len()),
            None
        );
        assert!(matches!(
            CommitGraph::open(&f.path().join("nowhere")),
            Ok(None)
        ));
        // An empty chain file counts as none.
        let dir = f.objects().join("info/commit-graphs");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("commit-graph-chain"), "").unwrap();
        assert!(matches!(CommitGraph::open(&f.objects()), Ok(None)));
        // A chain naming a missing layer is an error.
        std::fs::write(
            dir.join("commit-graph-chain"),
            format!("{}\n", "ab".repeat(20)),
        )
        .unwrap();
        assert!(CommitGraph::open(&f.objects()).is_err());
        // A corrupt single file is an error.
        std::fs::remove_file(dir.join("commit-graph-chain")).unwrap();
        std::fs::write(f.objects().join("info/commit-graph"), b"CGPH").unwrap();
        assert!(CommitGraph::open(&f.objects()).is_err());
        // So are an empty file (mapped, it is an empty slice) and a directory.
        std::fs::write(f.objects().join("info/commit-graph"), b"").unwrap();
        assert!(CommitGraph::open(&f.objects()).is_err());
        std::fs::remove_file(f.objects().join("info/commit-graph")).unwrap();
        std::fs::create_dir(f.objects().join("info/commit-graph")).unwrap();
        assert!(CommitGraph::open(&f.objects()).is_err());
    }

    /// Rewrites a layer's trailing checksum after an edit.
    fn reseal(data: &mut [u8]) {
        let end = data.len() - HASH_LEN;
        let sum = Sha1::digest(&data[..end]);
        data[end..].copy_from_slice(&sum);
    }

    /// The offset and length of chunk `id` in a valid layer.
    fn chunk(data: &[u8], id: &[u8; 4]) -> (usize, usize) {
        let chunks = usize::from(data[6]);
        (0..chunks)
            .find_map(|i| {
                let at = HEADER_LEN + i * TOC_ENTRY_LEN;
                let start = be64(data, at + 4) as usize;
                let end = be64(data, at + 16) as usize;
                (&data[at..at + 4] == id).then_some((start, end - start))
            })
            .unwrap()
    }

    /// Every accessor on every position, as the fuzz target does.
    fn exercise(graph: &CommitGraph) {
        let key = graph.bloom_key("docs/a.md");
        for pos in 0..graph.len() as u32 {
            let oid = graph.oid(pos);
            assert_eq!(graph.position(oid), Some(pos));
            for p in graph.commit(pos).parents {
                assert!((p as usize) < graph.len());
            }
            graph.maybe_changed(pos, "docs/a.md");
            graph.maybe_changed_key(pos, &key);
        }
    }

    fn small_graph() -> (Vec<u8>, u32) {
        let f = Fixture::new();
        f.write("docs/a.md", "a\n");
        f.commit("root");
        for name in ["x", "y"] {
            f.git(&["checkout", "-q", "-b", name, "main"]);
            f.write(&format!("{name}.txt"), name);
            f.commit(name);
        }
        f.git(&["checkout", "-q", "main"]);
        f.write("docs/é.md", "e\n");
        f.commit("main");
        f.merge(&["x", "y"], "octopus");
        f.git(&["commit-graph", "write", "--reachable", "--changed-paths"]);
        let data = std::fs::read(f.objects().join("info/commit-graph")).unwrap();
        let graph = CommitGraph::from_layers(vec![data.clone()]).unwrap();
        exercise(&graph);
        (data, graph.len() as u32)
    }

    #[test]
    fn corrupt_files_are_errors_not_panics() {
        let (good, n) = small_graph();
        let error = |data: &[u8]| CommitGraph::from_layers(vec![data.to_vec()]).unwrap_err().0;

        // Every truncation.
        for len in 0..good.len() {
            assert!(
                CommitGraph::from_layers(vec![good[..len].to_vec()]).is_err(),
                "{len}"
            );
            if let Ok(g) = CommitGraph::from_layers_unverified(vec![good[..len].to_vec()]) {
                exercise(&g);
            }
        }
        // Every flipped byte breaks the checksum; resealed, the structure
        // checks catch what matters, and what parses reads safely.
        for at in 0..good.len() {
            for mask in [0x01, 0x80, 0xff] {
                let mut bad = good.clone();
                bad[at] ^= mask;
                assert!(CommitGraph::from_layers(vec![bad.clone()]).is_err(), "{at}");
                if at < good.len() - HASH_LEN {
                    reseal(&mut bad);
                }
                if let Ok(g) = CommitGraph::from_layers(vec![bad.clone()]) {
                    exercise(&g);
                }
                let halves = vec![bad[..bad.len() / 2].to_vec(), bad[bad.len() / 2..].to_vec()];
                if let Ok(g) = CommitGraph::from_layers_unverified(halves) {
                    exercise(&g);
                }
            }
        }
        assert!(error(&good[..good.len() - 1]).contains("checksum"));

        let edited = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut bad = good.clone();
            edit(&mut bad);
            reseal(&mut bad);
            error(&bad)
        };
        assert!(edited(&|d| d[4] = 2).contains("version 2"));
        assert!(edited(&|d| d[5] = 2).contains("SHA-256"));
        assert!(edited(&|d| d[5] = 3).contains("hash version"));
        assert!(edited(&|d| d[0] = b'X').contains("signature"));
        assert!(edited(&|d| d[7] = 1).contains("base"));
        let (cdat, _) = chunk(&good, b"CDAT");
        // The first commit's first parent, past the last commit.
        let at = cdat + HASH_LEN;
        assert!(
            edited(&|d| d[at..at + 4].copy_from_slice(&(n + 5).to_be_bytes()))
                .contains("out of range")
        );
        // Its second parent, likewise (with a valid first one).
        let second = |d: &mut Vec<u8>| {
            d[at..at + 4].copy_from_slice(&0u32.to_be_bytes());
            d[at + 4..at + 8].copy_from_slice(&n.to_be_bytes());
        };
        assert!(edited(&second).contains("out of range"));
        // An octopus run past EDGE's end.
        let octopus = |d: &mut Vec<u8>| {
            d[at..at + 4].copy_from_slice(&0u32.to_be_bytes());
            d[at + 4..at + 8].copy_from_slice(&(EXTRA_EDGES_NEEDED | 7).to_be_bytes());
        };
        assert!(edited(&octopus).contains("EDGE"));
        let (edge, edge_len) = chunk(&good, b"EDGE");
        assert_eq!(edge_len, 8, "one octopus of three parents");
        assert!(edited(&|d| d[edge..edge + 4].copy_from_slice(&n.to_be_bytes())).contains("EDGE"));
        // The last EDGE entry without its end mark: the run never ends.
        assert!(edited(&|d| d[edge + 4] &= 0x7f).contains("EDGE"));
        // Fanout out of order, and not matching OIDL.
        let (oidf, _) = chunk(&good, b"OIDF");
        assert!(
            edited(&|d| d[oidf..oidf + 4].copy_from_slice(&n.to_be_bytes())).contains("fanout")
        );
        assert!(
            edited(&|d| d[oidf + 1020..oidf + 1024].copy_from_slice(&(n + 1).to_be_bytes()))
                .contains("OIDL")
        );
        // OIDL out of order.
        let (oidl, _) = chunk(&good, b"OIDL");
        let swap = |d: &mut Vec<u8>| {
            let (a, b) = d[oidl..oidl + 2 * HASH_LEN].split_at_mut(HASH_LEN);
            a.swap_with_slice(b);
        };
        let unsorted = edited(&swap);
        assert!(
            unsorted.contains("sorted") || unsorted.contains("bucket"),
            "{unsorted}"
        );
        // BIDX decreasing, and past BDAT.
        let (bidx, _) = chunk(&good, b"BIDX");
        assert!(
            edited(&|d| d[bidx..bidx + 4].copy_from_slice(&u32::MAX.to_be_bytes()))
                .contains("BIDX")
        );
        let last = bidx + 4 * (n as usize - 1);
        assert!(
            edited(&|d| d[last..last + 4].copy_from_slice(&1_000_000u32.to_be_bytes()))
                .contains("BIDX")
        );
        // A chunk offset past the end, and a table without its zero id.
        let toc_end = HEADER_LEN + usize::from(good[6]) * TOC_ENTRY_LEN;
        assert!(
            edited(&|d| d[toc_end + 4..toc_end + 12].copy_from_slice(&u64::MAX.to_be_bytes()))
                .contains("offsets")
        );
        assert!(edited(&|d| d[toc_end..toc_end + 4].copy_from_slice(b"XXXX")).contains("zero id"));
        // An unknown Bloom hash version is no error: the filters are unused.
        let (bdat, _) = chunk(&good, b"BDAT");
        let mut future = good.clone();
        future[bdat..bdat + 4].copy_from_slice(&9u32.to_be_bytes());
        reseal(&mut future);
        let graph = CommitGraph::from_layers(vec![future]).unwrap();
        assert!(!graph.has_bloom());
        assert!(graph.maybe_changed(0, "nope"));
        assert!(CommitGraph::from_layers(Vec::new()).is_err());
    }

    #[test]
    fn murmur3_and_keys_match_gits_test_vectors() {
        // t/t0095-bloom.sh.
        assert_eq!(murmur3(0, b""), 0);
        assert_eq!(murmur3(0, b"Hello world!"), 0x627b_0c2c);
        assert_eq!(
            murmur3(0, b"The quick brown fox jumps over the lazy dog"),
            0x2e4f_f723
        );
        assert_eq!(murmur3(0, b"\x99\xaa\xbb\xcc\xdd\xee\xff"), 0xa183_ccfd);
        // Version 1 differs only for bytes >= 0x80.
        assert_eq!(murmur3_v1(0, b"Hello world!"), 0x627b_0c2c);
        assert_ne!(murmur3_v1(0, b"\x99\xaa\xbb\xcc\xdd\xee\xff"), 0xa183_ccfd);
        // "Hello world!" with 7 hashes: 0xb270de9b, 0x1bb6f26e, ...; a
        // 2-byte filter holding it is 92|6c.
        let key = BloomKey::new("Hello world!", 1);
        assert_eq!(key.hashes.len(), 1);
        let (h0, h1) = key.hashes[0];
        assert_eq!(h0, 0xb270_de9b);
        assert_eq!(h0.wrapping_add(h1), 0x1bb6_f26e);
        assert_eq!(h0.wrapping_add(6u32.wrapping_mul(h1)), 0x2a15_558d);
        let mut filter = [0u8; 2];
        for i in 0..7u32 {
            let bit = u64::from(h0.wrapping_add(i.wrapping_mul(h1))) % 16;
            filter[(bit / 8) as usize] |= 1 << (bit % 8);
        }
        assert_eq!(filter, [0x92, 0x6c]);
        assert!(filter_contains(&filter, 7, &key));
        // "file.txt": a5|4a.
        let key = BloomKey::new("file.txt", 2);
        assert!(filter_contains(&[0xa5, 0x4a], 7, &key));
        // A path's keys: itself, then its leading directories.
        let key = BloomKey::new("/a/b/c.md/", 2);
        let expect = ["a/b/c.md", "a/b", "a"].map(|p| key_hashes(p.as_bytes(), 2));
        assert_eq!(key.hashes, expect);
        assert!(BloomKey::new("", 2).hashes.is_empty());
        assert_ne!(BloomKey::new("docs/é.md", 1), BloomKey::new("docs/é.md", 2));
    }
}
