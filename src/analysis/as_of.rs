//! `--as-of REV|DATE` (SPEC §16): the commit judged instead of the working
//! tree, and the now it brings. Resolved once, before anything is read;
//! the commit then goes through the same pipeline as every source (a
//! [`Source::Commit`](super::source::Source::Commit)), its history walked
//! from it ([`crate::history::Start::Commit`]).

use git2::{Oid, Repository};

use crate::Fatal;
use crate::date::Date;
use crate::project::Project;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// The commit `--as-of` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pinned {
    /// The commit judged.
    pub commit: Oid,
    /// Its committer time, as Unix seconds.
    pub time: i64,
    /// The day given, when `--as-of` was a date (`YYYY-MM-DD`) rather than
    /// a revision.
    pub day: Option<Date>,
}

impl Pinned {
    /// Now, unless `--now` says otherwise: the day given (00:00 UTC, as
    /// `--now DATE` means it), else the commit's committer time.
    pub fn now(&self) -> i64 {
        self.day.map_or(self.time, Date::unix)
    }
}

fn usage(message: String) -> Fatal {
    Fatal::Usage(message)
}

/// Resolves `rev` in the repository holding the project: a date
/// `YYYY-MM-DD` names the newest commit on HEAD's first-parent chain made
/// on or before the end of that UTC day; anything else is what
/// `git rev-parse` accepts, peeled to a commit. Outside git, or when it
/// names no commit, a usage error naming it.
pub fn resolve(project: &Project, rev: &str) -> Result<Pinned, Fatal> {
    resolve_for(project, rev, "--as-of")
}

/// [`resolve`] for another command that takes revisions or dates as
/// `--as-of` does (`diff FROM TO`): `what` names the argument in messages.
pub fn resolve_for(project: &Project, rev: &str, what: &str) -> Result<Pinned, Fatal> {
    let git = crate::history::open(&project.root).ok_or_else(|| {
        usage(format!(
            "{what} {rev}: `{}` is not in a git repository",
            project.root.display()
        ))
    })?;
    match Date::parse(rev) {
        Some(day) => on_day(&git, rev, day, what),
        None => named(&git, rev, what),
    }
}

/// The commit a revision names.
fn named(git: &Repository, rev: &str, what: &str) -> Result<Pinned, Fatal> {
    let commit = git
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(|_| {
            let hint = if git.is_shallow() {
                " (this is a shallow clone: fetch it, or fetch full history with \
                 `git fetch --unshallow`)"
            } else {
                ""
            };
            usage(format!("{what}: `{rev}` does not name a commit{hint}"))
        })?;
    Ok(Pinned {
        commit: commit.id(),
        time: commit.time().seconds(),
        day: None,
    })
}

/// The newest commit on HEAD's first-parent chain whose committer time is
/// on or before the end of `day` (UTC): the first such one from HEAD.
fn on_day(git: &Repository, rev: &str, day: Date, what: &str) -> Result<Pinned, Fatal> {
    let head = git
        .head()
        .and_then(|h| h.peel_to_commit())
        .map_err(|_| usage(format!("{what} {rev}: the repository has no commit yet")))?;
    let end = day.unix() + DAY;
    let mut at = Some(head);
    let mut first = None;
    while let Some(commit) = at {
        let time = commit.time().seconds();
        if time < end {
            return Ok(Pinned {
                commit: commit.id(),
                time,
                day: Some(day),
            });
        }
        first = Some(time);
        // A shallow clone's boundary names a parent that is not there.
        at = commit.parent(0).ok();
    }
    let since = first
        .map(|t| format!(" (the oldest it holds is of {})", Date::from_unix(t)))
        .unwrap_or_default();
    let shallow = if git.is_shallow() {
        "; this is a shallow clone: fetch full history with `git fetch --unshallow`"
    } else {
        ""
    };
    Err(usage(format!(
        "{what} {rev}: no commit on HEAD's first-parent chain was made on or before that day{since}{shallow}"
    )))
}
