//! Reading git's dates for the rules that judge by age: the history is
//! opened (and its tree walk started) before the files are parsed, so the
//! two overlap, then read into a [`Timeline`] once the model is loaded.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::date::Date;
use crate::history::executives::Turnover;
use crate::history::headcount::Headcount;
use crate::history::registry_versions::Version;
use crate::history::{self, LoadedFile, Prefetch, Prepared, Start, Timeline};
use crate::model::{Kind, Repository};
use crate::project::Project;
use crate::rules::history_needs::{self, HistoryNeeds};

use super::Run;

/// Now, as Unix seconds: `--now` at 00:00 UTC, else the clock.
pub fn now_secs(now: Option<Date>) -> i64 {
    match now {
        Some(d) => d.unix(),
        None => crate::date::clock(),
    }
}

/// The git repository handles history was read with (the caller's and the
/// tree walk's), kept with the analysis rather than freed when it ends:
/// freeing libgit2's object and pack caches took about 5% of a run.
/// Dropping the analysis frees them; the CLI exits without doing so.
#[derive(Default)]
pub struct Retained {
    _git: Option<git2::Repository>,
    _walker: Option<history::Handle>,
}

impl Retained {
    fn new(git: git2::Repository, walker: Option<history::Handle>) -> Self {
        Retained {
            _git: Some(git),
            _walker: walker,
        }
    }
}

impl std::fmt::Debug for Retained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Retained")
    }
}

/// The repository's history, opened (and its tree walk started) before
/// the files are parsed, so the two overlap.
pub struct History {
    git: git2::Repository,
    prefetch: Option<Prefetch>,
    walker: Option<history::Handle>,
}

impl History {
    /// The history of a commit below HEAD read from a walk another
    /// [`History`] started (see [`open`]), with a repository handle of its own.
    pub fn below(git: git2::Repository, prefetch: Prefetch) -> Self {
        History {
            git,
            prefetch: Some(prefetch),
            walker: None,
        }
    }
}

/// Opens the history of the repository holding the project and starts
/// walking it from `from` in the directories of `files` (paths below the
/// root): from HEAD (with the working tree), or from the commit `--as-of`
/// names. From HEAD with an ancestor of HEAD (the merge base of
/// `--changed-since`), the same walk also serves that commit's history:
/// the second value, to be read with [`History::below`]. `None` outside git.
pub fn open<'a>(
    project: &Project,
    files: impl IntoIterator<Item = &'a str>,
    from: Start,
) -> (Option<History>, Option<Prefetch>) {
    let Some(git) = history::open(&project.root) else {
        return (None, None);
    };
    let registry = registry_on(project).then(|| project.config.owners_rel(&project.root));
    let Some((prefetch, second, walker)) =
        Prefetch::start(&git, &project.root, files, from, registry.as_deref())
    else {
        let history = History {
            git,
            prefetch: None,
            walker: None,
        };
        return (Some(history), None);
    };
    let history = History {
        git,
        prefetch: Some(prefetch),
        walker: Some(walker),
    };
    (Some(history), second)
}

/// The ids whose dates the rules need: every active object with a
/// half-life, what a principle serves, every id a reference names that is
/// not there (to tell when it was removed), and each active KPI's `current`,
/// `baseline` and `target` (and a guardrail's `min` and `max`).
fn needed(project: &Project, repo: &Repository, only: &[PathBuf]) -> BTreeSet<String> {
    let mut needed = BTreeSet::new();
    let ids: BTreeSet<&str> = repo.objects.iter().filter_map(|o| o.id()).collect();
    let wants = HistoryNeeds::of(&project.config);
    let (stale_on, goalposts_on) = (wants.measurements, wants.goalposts);
    // Only the objects of the files asked for (all when none are), and
    // what they serve or name.
    let asked = |o: &&crate::model::Object| {
        only.is_empty() || {
            let path = &repo.files[o.file].path;
            only.iter().any(|p| path.starts_with(p))
        }
    };
    // Undated adopted records, all of them (the rules read every decision's
    // date): the walk dates each by the first commit that has it.
    needed.extend(record_keys(repo).into_iter().map(|(_, key)| key));
    // A done or stopped initiative (retired): when its status changed, to
    // tell whether it became so within the activity window (SPEC §14).
    for o in repo.objects.iter().filter(asked) {
        let ended = o
            .as_initiative()
            .is_some_and(|d| matches!(d.status(), "done" | "stopped"));
        if let (true, Some(id)) = (ended, o.id()) {
            needed.insert(history::texts::status_facet(id));
        }
    }
    for o in repo.objects.iter().filter(|o| o.is_active()).filter(asked) {
        // A KPI's last measurement: the newest change of its `current`.
        if let (true, Some(id), true) = (o.kind == Kind::Kpi, o.id(), stale_on) {
            needed.insert(history::texts::current_facet(id));
        }
        // A KPI's baseline and target: the newest change of each (moved
        // goalposts); a guardrail's min and max too (moved guardrails).
        if let (Some(k), Some(id), true) = (o.as_kpi(), o.id(), goalposts_on) {
            let fields = crate::facts::goalposts::fields(k);
            needed.extend(fields.iter().map(|f| history::texts::facet(id, f)));
        }
        // A reference to an id that is not there: git may show it removed.
        for r in &o.refs {
            if !ids.contains(r.target.value.as_str()) {
                needed.insert(r.target.value.clone());
            }
        }
        needed.extend(half_life_ids(project, o).map(str::to_owned));
    }
    needed
}

/// The ids an object with a half-life has history date: its own, and for
/// a principle what it serves (HL004); none for an object without one.
fn half_life_ids<'a>(
    project: &Project,
    o: &'a crate::model::Object,
) -> impl Iterator<Item = &'a str> + 'a {
    let has_half_life = o.half_life().is_some() || project.config.half_life.contains_key(&o.kind);
    let id = o.id().filter(|_| has_half_life);
    let serves = o
        .serves()
        .filter(move |_| id.is_some() && o.kind == Kind::Principle)
        .map(|s| s.value.as_str());
    id.into_iter().chain(serves)
}

/// Reads git's dates for the objects the HL rules judge (and those
/// principles serve) from `history` (see [`open`]), with what the load
/// `prepared` for it (by file id; computed where missing). The repository
/// handles come back with the timeline as [`Retained`].
pub fn read(
    project: &Project,
    repo: &Repository,
    prepared: &[Option<Prepared>],
    history: History,
    run: &Run<'_>,
    notes: &mut Vec<String>,
) -> (Timeline, Retained) {
    let History {
        git,
        mut prefetch,
        walker,
    } = history;
    // A reader below the walk's start (the merge base of `--changed-since`)
    // gets the commits the walk linked for the working tree that it reaches,
    // when its own project has initiatives to link them to.
    let below_linked = match (&walker, prefetch.as_mut()) {
        (None, Some(p)) if links_commits(repo) => p.take_linked(),
        _ => None,
    };
    let now = run.now;
    notes.extend(start_after_now(&git, run));
    // Told first: the walk goes on for the linking once every reader is gone.
    if let Some(walker) = &walker {
        walker.link(linking(project, repo));
    }
    // Read by the tree walk when it could (see `open`), else on a thread of its own.
    let by_walk = walker.as_ref().is_some_and(history::Handle::reads_registry);
    let at = run.as_of.map(|p| p.commit);
    let registry_job = if by_walk { None } else { registry(project, at) };
    let needed = needed(project, repo, run.only);
    let first = history_needs::first_seen(&project.config, repo);
    let series = history_needs::series(&project.config, repo, run.kpi_history);
    if needed.is_empty() && first.is_empty() && series.is_empty() {
        drop(prefetch);
        let (headcount, executives) =
            registry_inflections(project, walker.as_ref(), registry_job, notes);
        let mut dates = history::Dates::default();
        if let Some(linked) = linked_of(walker.as_ref(), below_linked, notes) {
            dates.linked = linked;
        }
        settle(&mut dates, run);
        let timeline = Timeline {
            now,
            git: Some(std::sync::Arc::new(dates)),
            headcount,
            executives,
        };
        return (timeline, Retained::new(git, walker));
    }
    let files: Vec<LoadedFile<'_>> = repo
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| LoadedFile {
            rel: &f.rel,
            text: &f.text,
            prepared: prepared.get(i).and_then(Option::as_ref),
        })
        .collect();
    let present: BTreeSet<&str> = repo.objects.iter().filter_map(|o| o.id()).collect();
    let absent: BTreeSet<String> = needed
        .iter()
        .filter(|id| !present.contains(id.as_str()) && !history::records::is_key(id))
        .cloned()
        .collect();
    let dated = history::date(
        &git,
        &project.root,
        prefetch,
        history::Asked {
            needed: &needed,
            absent: &absent,
            first: &first,
            series: &series,
            since: history_needs::series_since(&project.config, repo, now, run.kpi_history),
        },
        now,
        &files,
    );
    let dates = match dated {
        Ok(dates) => {
            if dates.shallow {
                notes.push(
                    "warning: this is a shallow clone: ages found at its boundary are lower bounds; fetch \
                     full history (`git fetch --unshallow`, or `fetch-depth: 0` with \
                     actions/checkout)"
                        .to_owned(),
                );
            }
            Some(dates)
        }
        Err(e) => {
            notes.push(format!(
                "could not read git history ({}); ages come from `reviewed` alone",
                e.0
            ));
            None
        }
    };
    let (headcount, executives) =
        registry_inflections(project, walker.as_ref(), registry_job, notes);
    let linked = linked_of(walker.as_ref(), below_linked, notes);
    let dates = dates.map(|mut d| {
        d.linked = linked.unwrap_or_default();
        settle(&mut d, run);
        d
    });
    notes.extend(walker.as_ref().and_then(history::Handle::graph_note));
    let timeline = Timeline {
        now,
        git: dates.map(std::sync::Arc::new),
        headcount,
        executives,
    };
    (timeline, Retained::new(git, walker))
}

/// The timeline of an earlier read of the same history, for `repo` as it
/// is now: an id the rules need that the earlier read did not date (an
/// object written since) counts as changed now, as an uncommitted one
/// does; the values of KPI facets are not guessed (the rules that read
/// them wait for the next read of history).
pub fn reuse(project: &Project, repo: &Repository, earlier: &Timeline, now: i64) -> Timeline {
    let mut timeline = Timeline {
        now,
        ..earlier.clone()
    };
    // The dates are shared with the earlier read; copied only when an id
    // must be added.
    if let Some(shared) = &mut timeline.git {
        let new: Vec<String> = undated_ids(project, repo, shared);
        if !new.is_empty() {
            let dates = std::sync::Arc::make_mut(shared);
            for id in new {
                let change = history::Change {
                    time: now,
                    commit: None,
                    lower_bound: false,
                    before: None,
                    after: None,
                };
                dates.changes.insert(id, change);
            }
        }
    }
    timeline
}

/// The ids [`needed`] names that are objects of `repo` and that `dates`
/// did not date: what [`reuse`] counts as changed now. Only ids of objects
/// can be among them: the facets (`id` and a field, joined by U+001F) and
/// the references to missing ids never are, so they are not written out
/// here, unless some id holds that separator (then [`needed`] answers).
fn undated_ids(project: &Project, repo: &Repository, dates: &history::Dates) -> Vec<String> {
    let undated = |id: &str| !dates.changes.contains_key(id);
    let present =
        || -> rustc_hash::FxHashSet<&str> { repo.objects.iter().filter_map(|o| o.id()).collect() };
    if repo
        .objects
        .iter()
        .filter_map(|o| o.id())
        .any(|id| id.contains('\u{1f}'))
    {
        let present = present();
        return needed(project, repo, &[])
            .into_iter()
            .filter(|id| undated(id) && present.contains(id.as_str()))
            .collect();
    }
    // Nearly every id is dated: the ids of the model are gathered only
    // when some needed id is not.
    let mut new: BTreeSet<String> = BTreeSet::new();
    for (_, key) in record_keys(repo) {
        if undated(&key) {
            new.insert(key);
        }
    }
    for o in repo.objects.iter().filter(|o| o.is_active()) {
        new.extend(
            half_life_ids(project, o)
                .filter(|id| undated(id))
                .map(str::to_owned),
        );
    }
    if new.is_empty() {
        return Vec::new();
    }
    let present = present();
    new.into_iter()
        .filter(|id| present.contains(id.as_str()))
        .collect()
}

/// Whether the project has an initiative with an id: commits are linked
/// to it (see [`linking`]).
fn links_commits(repo: &Repository) -> bool {
    repo.objects
        .iter()
        .any(|o| o.as_initiative().is_some() && o.id().is_some())
}

/// What links commits to the project's initiatives (SPEC §14): each
/// initiative with an id, its `keys` and `paths`, by the configured
/// trailers and ignored authors; changes to the project's strategy files
/// link nothing by path. `None` when the project has no initiative, so
/// that history reads no commit message.
fn linking(project: &Project, repo: &Repository) -> Option<history::linking::Linking> {
    if !links_commits(repo) {
        return None;
    }
    let strings = |v: &[crate::model::Spanned<String>]| v.iter().map(|s| s.value.clone()).collect();
    let targets: Vec<history::linking::Target> = repo
        .objects
        .iter()
        .filter_map(|o| {
            let data = o.as_initiative()?;
            Some(history::linking::Target {
                id: o.id()?.to_owned(),
                keys: strings(&data.keys),
                paths: strings(&data.paths),
            })
        })
        .collect();
    let execution = &project.config.execution;
    Some(history::linking::Linking::new(
        targets,
        &execution.trailers,
        &execution.ignore_authors,
        repo.files.iter().map(|f| f.rel.clone()),
    ))
}

/// Where a reader below the walk's start receives its linked commits (see
/// [`history::Prefetch::take_linked`]).
type LinkedBelow =
    std::sync::mpsc::Receiver<Result<history::linking::Linked, history::HistoryError>>;

/// The linked commits the walk found, once it ended (a failure becomes a
/// note): from the walk's handle, or for a reader below its start from
/// `below`; `None` when it was given no linking.
fn linked_of(
    walker: Option<&history::Handle>,
    below: Option<LinkedBelow>,
    notes: &mut Vec<String>,
) -> Option<history::linking::Linked> {
    let found = match (walker, below) {
        (Some(walker), _) => walker.linked()?,
        // Nothing sent: the working tree has no initiative, so nothing was linked.
        (None, Some(below)) => below.recv().ok()?,
        (None, None) => return None,
    };
    match found {
        Ok(linked) => Some(linked),
        Err(e) => {
            notes.push(format!(
                "could not read the commits linked to initiatives ({}); no activity",
                e.0
            ));
            None
        }
    }
}

/// The owners registry's versions being read on a thread of their own,
/// beside the main walk (a first-parent pass over the whole history).
type RegistryJob = Option<std::thread::JoinHandle<Result<Vec<Version>, history::HistoryError>>>;

/// Starts reading the owners registry's versions along the first parents
/// of `at` (HEAD when `None`): nothing when the rules read no inflection
/// from them ([`HistoryNeeds::registry`]).
fn registry(project: &Project, at: Option<git2::Oid>) -> RegistryJob {
    if !registry_on(project) {
        return None;
    }
    let root = project.root.clone();
    let registry = project.config.owners_rel(&project.root);
    std::thread::Builder::new()
        .name("registry-history".into())
        .spawn(move || match history::open(&root) {
            Some(git) => history::registry_versions::versions(&git, &root, &registry, at),
            None => Ok(Vec::new()),
        })
        .ok()
}

/// Whether the rules read inflections from the owners registry's history.
fn registry_on(project: &Project) -> bool {
    HistoryNeeds::of(&project.config).registry()
}

/// The inflections the owners registry's history reveals, those the
/// config asks for (SPEC §5b headcount, §15 executive turnover), from the
/// versions read by the walk or the job (a failure becomes a note). Every
/// reader of the walk must be gone.
fn registry_inflections(
    project: &Project,
    walker: Option<&history::Handle>,
    job: RegistryJob,
    notes: &mut Vec<String>,
) -> (Vec<Headcount>, Vec<Turnover>) {
    let found = match (walker.and_then(history::Handle::registry_versions), job) {
        (Some(found), _) => Ok(found),
        (None, Some(job)) => job.join(),
        (None, None) => return (Vec::new(), Vec::new()),
    };
    let versions = match found {
        Ok(Ok(versions)) => versions,
        Ok(Err(e)) => {
            notes.push(format!(
                "could not read the owners registry's history ({}); no headcount or executive-turnover inflections",
                e.0
            ));
            return (Vec::new(), Vec::new());
        }
        Err(_) => return (Vec::new(), Vec::new()),
    };
    let needs = HistoryNeeds::of(&project.config);
    let headcount = match needs.headcount {
        true => history::headcount::doublings(&versions),
        false => Vec::new(),
    };
    let executives = match needs.executives {
        true => history::executives::turnovers(&versions, project.config.executive_turnover),
        false => Vec::new(),
    };
    (headcount, executives)
}

/// The key history follows each undated adopted record by (see
/// [`history::records`]), with the record's object index.
fn record_keys(repo: &Repository) -> Vec<(usize, String)> {
    let undated: Vec<(usize, &str)> = repo
        .objects
        .iter()
        .enumerate()
        .filter_map(|(i, o)| Some((i, o.as_decision()?.dated_by_git.as_deref()?)))
        .collect();
    if undated.is_empty() {
        return Vec::new();
    }
    let paths = repo.files.iter().map(|f| f.rel.as_str());
    let keys = history::records::keys(paths, undated.iter().map(|&(_, rel)| rel));
    let by_path: std::collections::HashMap<&str, String> = keys.into_iter().collect();
    undated
        .into_iter()
        .filter_map(|(i, rel)| Some((i, by_path.get(rel)?.clone())))
        .collect()
}

/// Whether some adopted decision record states no date: then history
/// dates it (see [`date_adopted`]), before the rules that read decisions run.
pub fn has_undated(repo: &Repository) -> bool {
    repo.objects
        .iter()
        .any(|o| o.as_decision().is_some_and(|d| d.dated_by_git.is_some()))
}

/// Dates each adopted decision record that states no date by the first
/// commit in which it exists, followed through renames and moves (SPEC
/// §11), as the walk found it in `timeline`; one not committed yet is
/// dated now. Without git's dates (no git repository, history unreadable)
/// the records stay undated.
pub fn date_adopted(repo: &mut Repository, timeline: &Timeline) {
    let Some(dates) = &timeline.git else {
        return;
    };
    for (i, key) in record_keys(repo) {
        let time = dates.changes.get(&key).map_or(timeline.now, |c| c.time);
        let o = &mut repo.objects[i];
        let anchor = o.anchor;
        if let crate::model::Payload::Decision(d) = &mut o.payload {
            d.date = Some(crate::model::Spanned::new(Date::from_unix(time), anchor));
        }
    }
}

/// Takes back what [`date_adopted`] wrote: each undated adopted record is
/// undated again.
pub fn undate_adopted(repo: &mut Repository) {
    for o in &mut repo.objects {
        if let crate::model::Payload::Decision(d) = &mut o.payload {
            if d.dated_by_git.is_some() {
                d.date = None;
            }
        }
    }
}

/// With `--as-of`, the commits up to the commit judged count as on or
/// before now (SPEC §16), those made later on now's day included: their
/// times are read as at most now. Not when now is before that commit's
/// day (then [`start_after_now`] warns, and history is read as it is).
fn settle(dates: &mut history::Dates, run: &Run<'_>) {
    if let Some(pinned) = run.as_of {
        if Date::from_unix(pinned.time) <= Date::from_unix(run.now) {
            dates.no_later_than(run.now);
        }
    }
}

/// The warning for a now before the UTC day of the commit history is read
/// from (SPEC §5): HEAD's, or the one `--as-of` names. History is read as
/// it is, commits after now included; `--as-of` with now's day analyzes
/// the project as it was then.
fn start_after_now(git: &git2::Repository, run: &Run<'_>) -> Option<String> {
    let (time, which) = match run.as_of {
        Some(pinned) => (pinned.time, "the commit judged"),
        None => (
            git.head().ok()?.peel_to_commit().ok()?.time().seconds(),
            "HEAD's commit",
        ),
    };
    let day = Date::from_unix(time);
    let today = Date::from_unix(run.now);
    (today < day).then(|| {
        format!(
            "warning: now ({today}) is before the day of {which} ({day}): history is read as it \
             is, commits after now included; to analyze the project as it was on {today}, use \
             `--as-of {today}`"
        )
    })
}
