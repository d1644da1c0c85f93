//! History for the language server: read once, on a thread of its own, by
//! a full analysis of the project; its timeline is then reused by every
//! re-check until HEAD moves (see [`analysis::dating::reuse`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;

use crate::analysis::{self, Options};
use crate::date::Date;
use crate::history::Timeline;
use crate::project;
use crate::snapshot::Overlays;

/// What a read of history gives the server.
pub struct Read {
    /// The HEAD it was read at (`None` outside git or before a commit).
    pub head: Option<String>,
    /// The timeline, or why there is none.
    pub timeline: Result<Arc<Timeline>, String>,
}

/// The commit HEAD names in the repository holding `root`, if any.
pub fn head_of(root: &Path) -> Option<String> {
    let git = crate::history::open(root)?;
    let head = git.head().ok()?.target()?;
    Some(head.to_string())
}

/// Starts reading history for the project at `root`, with the editor's
/// `overlays`, sending the result to `done` (as `wrap` makes it an event).
pub fn start<E: Send + 'static>(
    root: PathBuf,
    overlays: Overlays,
    now: Option<Date>,
    done: Sender<E>,
    wrap: fn(Read) -> E,
) {
    let spawned = std::thread::Builder::new()
        .name("server-history".into())
        .spawn(move || {
            let head = head_of(&root);
            let options = Options {
                now,
                ..Options::default()
            };
            let timeline = project::locate(&root, &[], None)
                .and_then(|p| analysis::analyze(p, &overlays, &options))
                .map(|a| Arc::new(a.timeline))
                .map_err(|e| e.to_string());
            let _ = done.send(wrap(Read { head, timeline }));
        });
    if let Err(e) = spawned {
        eprintln!("stratlint server: cannot start reading history: {e}");
    }
}
