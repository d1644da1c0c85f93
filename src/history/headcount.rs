//! Headcount inflections (SPEC §5b): the days the owners registry's history
//! shows the number of active people at least doubling within a year.
//!
//! The registry's versions are read along HEAD's first parents, oldest
//! first; a version that does not parse is skipped, and the working tree is
//! not read.

use std::path::Path;

use git2::{Oid, Repository};

use super::tree_diff::blob_at;
use super::{HistoryError, prefix_of};
use crate::date::{DAY, Date};
use crate::parse::toml_file::active_people;

/// A headcount inflection: the day of the commit where active people
/// reached twice the smallest count in force during the year before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headcount {
    /// The UTC day of the commit.
    pub day: Date,
    /// The smallest count in force during the year before.
    pub from: usize,
    /// The count at the commit.
    pub to: usize,
}

/// What a commit object says that this walk needs.
struct RawCommit {
    tree: Oid,
    parent: Option<Oid>,
    time: i64,
}

impl RawCommit {
    /// Reads a raw commit object's header (`tree`, the first `parent`, the
    /// committer's time); `None` when it is malformed.
    fn read(data: &[u8]) -> Option<Self> {
        let mut tree = None;
        let mut parent = None;
        let mut time = None;
        for line in data.split(|&b| b == b'\n') {
            if line.is_empty() {
                break;
            }
            let line = std::str::from_utf8(line).ok()?;
            if let Some(hex) = line.strip_prefix("tree ") {
                tree = Oid::from_str(hex).ok();
            } else if let Some(hex) = line.strip_prefix("parent ") {
                if parent.is_none() {
                    parent = Oid::from_str(hex).ok();
                }
            } else if let Some(rest) = line.strip_prefix("committer ") {
                let mut parts = rest.rsplitn(3, ' ');
                let _zone = parts.next()?;
                time = parts.next()?.parse().ok();
            }
        }
        Some(RawCommit {
            tree: tree?,
            parent,
            time: time?,
        })
    }
}

/// One version of the registry: when it came into force and its count.
struct Version {
    time: i64,
    count: usize,
}

/// What the tree walk already read of HEAD's first-parent chain, newest
/// first and compact: one entry per run of commits with the same registry
/// blob, with the time of the run's oldest commit read so far (memory
/// grows with the registry's versions, not with the history).
#[derive(Debug, Default)]
pub(super) struct Seen {
    /// (time, blob) per run, newest first.
    runs: Vec<(i64, Option<Oid>)>,
    /// The next commit along the chain (the last recorded one's first
    /// parent), once the walk has recorded any.
    next: Option<Option<Oid>>,
}

impl Seen {
    /// Records the next commit along the chain: its time, its registry
    /// blob (`None` when the commit-graph showed it the same as in the
    /// first parent, so no tree was read) and its first parent.
    pub(super) fn record(&mut self, time: i64, blob: Option<Option<Oid>>, parent: Option<Oid>) {
        if let Some(blob) = blob {
            match self.runs.last_mut() {
                Some(last) if last.1 == blob => last.0 = time,
                _ => self.runs.push((time, blob)),
            }
        }
        self.next = Some(parent);
    }
}

/// The headcount inflections of the registry at `registry` (relative to the
/// project `root`) in `repo`'s history, oldest first.
pub fn inflections(
    repo: &Repository,
    root: &Path,
    registry: &str,
) -> Result<Vec<Headcount>, HistoryError> {
    let Some(prefix) = prefix_of(repo, root) else {
        return Ok(Vec::new());
    };
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return Ok(Vec::new());
    };
    from(
        repo,
        head,
        &registry_path(&prefix, registry),
        &Seen::default(),
    )
}

/// The registry's path from the repository's root.
pub(super) fn registry_path(prefix: &str, registry: &str) -> String {
    if prefix.is_empty() {
        registry.to_owned()
    } else {
        format!("{prefix}/{registry}")
    }
}

/// The headcount inflections along `head`'s first parents, taking what the
/// tree walk already read from `seen` and reading the rest.
pub(super) fn from(
    repo: &Repository,
    head: Oid,
    path: &str,
    seen: &Seen,
) -> Result<Vec<Headcount>, HistoryError> {
    // Newest first along first parents: each commit's registry blob. The
    // commits and trees are read raw (libgit2 would parse every tree entry).
    let odb = repo.odb()?;
    let mut chain = Seen {
        runs: seen.runs.clone(),
        next: None,
    };
    let mut next = seen.next.unwrap_or(Some(head));
    while let Some(id) = next {
        // A shallow clone's boundary names a parent that is not there.
        let Ok(object) = odb.read(id) else {
            if chain.runs.is_empty() && seen.next.is_none() {
                return Err(HistoryError(format!("cannot read commit {id}")));
            }
            break;
        };
        let header = RawCommit::read(object.data())
            .ok_or_else(|| HistoryError(format!("commit {id} cannot be read")))?;
        chain.record(
            header.time,
            Some(blob_at(&odb, header.tree, path)?),
            header.parent,
        );
        next = header.parent;
    }
    let mut chain = chain.runs;
    chain.reverse();
    let mut versions: Vec<Version> = Vec::new();
    let mut previous: Option<Oid> = None;
    for (time, blob) in chain {
        if blob == previous {
            continue;
        }
        previous = blob;
        let Some(blob) = blob else { continue };
        let Ok(blob) = repo.find_blob(blob) else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(blob.content()) else {
            continue;
        };
        if let Some(count) = active_people(text) {
            versions.push(Version { time, count });
        }
    }
    Ok(doublings(&versions))
}

/// The inflections among registry versions (oldest first): where
/// `n ≥ 2m` and `m ≥ 1` hold, and did not at the previous version.
fn doublings(versions: &[Version]) -> Vec<Headcount> {
    let mut out = Vec::new();
    let mut held = false;
    for (i, v) in versions.iter().enumerate() {
        let start = v.time - 365 * DAY;
        // The versions in force at some time in [start, t): the one in force
        // at `start` (the newest earlier version dated on or before it),
        // and every earlier version dated after it and before t.
        let in_force_at_start = versions[..i].iter().rposition(|w| w.time <= start);
        let smallest = versions[..i]
            .iter()
            .enumerate()
            .filter(|(j, w)| Some(*j) == in_force_at_start || (w.time > start && w.time < v.time))
            .map(|(_, w)| w.count)
            .min();
        let holds = smallest.is_some_and(|m| m >= 1 && v.count >= 2 * m);
        if holds && !held {
            out.push(Headcount {
                day: Date::from_unix(v.time),
                from: smallest.unwrap_or_default(),
                to: v.count,
            });
        }
        held = holds;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str, count: usize) -> Version {
        let time = Date::parse(day).unwrap().unix() + 12 * 3600;
        Version { time, count }
    }

    #[test]
    fn a_doubling_within_a_year_is_an_inflection_once() {
        let found = doublings(&[
            at("2025-01-01", 3),
            at("2025-06-01", 5),
            at("2025-09-01", 6),
            at("2025-10-01", 7),
        ]);
        assert_eq!(
            found,
            vec![Headcount {
                day: Date::parse("2025-09-01").unwrap(),
                from: 3,
                to: 6
            }]
        );
    }

    #[test]
    fn slow_growth_and_empty_registries_are_not() {
        // 3 → 6 over more than a year: the version in force a year before is 4.
        assert!(
            doublings(&[
                at("2024-01-01", 3),
                at("2024-06-01", 4),
                at("2025-06-02", 6)
            ])
            .is_empty()
        );
        // From nobody: m must be at least 1.
        assert!(doublings(&[at("2025-01-01", 0), at("2025-02-01", 5)]).is_empty());
        // The first version has nothing before it.
        assert!(doublings(&[at("2025-01-01", 40)]).is_empty());
    }

    #[test]
    fn the_version_in_force_a_year_before_counts() {
        // 2 was in force on 2025-03-01 (a year before the last commit).
        let found = doublings(&[
            at("2024-12-01", 2),
            at("2025-06-01", 3),
            at("2026-03-01", 4),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].from, found[0].to), (2, 4));
    }
}
