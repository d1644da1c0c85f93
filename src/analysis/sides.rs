//! The two states `stratlint diff FROM [TO]` compares (SPEC §16), each
//! analyzed through the same pipeline as `--as-of` (a commit, a
//! [`Source::Commit`](super::source::Source::Commit)) or as `check` (the
//! working tree, when TO is not given), both judged with one clock: TO's
//! now. What changed between them is the view's to lay out
//! (`views::diff`), from these two analyses.

use git2::Oid;

use crate::Fatal;
use crate::date::Date;
use crate::project::Project;
use crate::snapshot::Overlays;

use super::{Analysis, Options, analyze, as_of, dating};

/// One side of a comparison: which state it is, and its analysis.
#[derive(Debug)]
pub struct Side {
    /// The revision or date as given; `None` for the working tree.
    pub rev: Option<String>,
    /// The commit judged; `None` for the working tree.
    pub commit: Option<Oid>,
    /// The commit's committer day (UTC); `None` for the working tree.
    pub date: Option<Date>,
    /// The state, analyzed.
    pub analysis: Analysis,
}

/// The two sides, FROM then TO, and the one clock they were judged with.
#[derive(Debug)]
pub struct Sides {
    /// The state before.
    pub from: Side,
    /// The state after.
    pub to: Side,
    /// Now, as Unix seconds: TO's (see [`analyze_sides`]).
    pub now: i64,
}

/// Analyzes FROM and TO. `from` and `to` are revisions or dates as for
/// `--as-of` (`to` `None`: the working tree); `at_commit` is the project
/// located for a commit's analysis ([`crate::project::locate_at_commit`]),
/// `work_tree` the one for the working tree (needed only when `to` is
/// `None`). The one clock is `options.now` when given (its day at 00:00
/// UTC), else TO's: its committer time, the day a date names, or the clock
/// for the working tree. Both sides are analyzed at once, on two threads.
/// A revision that names no commit, or a project outside git, is a usage
/// error naming it.
pub fn analyze_sides(
    at_commit: Project,
    work_tree: Option<Project>,
    from: &str,
    to: Option<&str>,
    options: &Options,
) -> Result<Sides, Fatal> {
    let from_pin = as_of::resolve_for(&at_commit, from, "diff")?;
    let to_pin = match to {
        Some(rev) => Some(as_of::resolve_for(&at_commit, rev, "diff")?),
        None => None,
    };
    let now = match (options.now, to_pin) {
        (Some(day), _) => day.unix(),
        (None, Some(pin)) => pin.now(),
        (None, None) => dating::now_secs(None),
    };
    let side_options = |rev: Option<&str>| Options {
        as_of: rev.map(str::to_owned),
        clock: Some(now),
        changed_since: None,
        staged: false,
        only: Vec::new(),
        ..options.clone()
    };
    let from_options = side_options(Some(from));
    let to_options = side_options(to);
    let to_project = match (to, work_tree) {
        (None, Some(p)) => p,
        _ => at_commit.clone(),
    };
    let overlays = Overlays::new();
    let (from_analysis, to_analysis) = std::thread::scope(|scope| {
        let overlays = &overlays;
        let from_options = &from_options;
        let before = scope.spawn(move || analyze(at_commit, overlays, from_options));
        let after = analyze(to_project, overlays, &to_options);
        let before = before
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (before, after)
    });
    let side = |rev: Option<&str>, pin: Option<as_of::Pinned>, analysis| Side {
        rev: rev.map(str::to_owned),
        commit: pin.map(|p| p.commit),
        date: pin.map(|p| Date::from_unix(p.time)),
        analysis,
    };
    Ok(Sides {
        from: side(Some(from), Some(from_pin), from_analysis?),
        to: side(to, to_pin, to_analysis?),
        now,
    })
}
