//! Analyzing files held in memory, with no disk and no git: what a rule's
//! tests and its documentation's examples run on. Ages come from
//! `reviewed` alone, as with `--no-history`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::Fatal;
use crate::analysis::{Analysis, Retained, judge, sort};
use crate::date::Date;
use crate::graph::Graph;
use crate::history::Timeline;
use crate::load;
use crate::project::Project;
use crate::project::config;
use crate::snapshot::TreeSnapshot;
use crate::source::SourceFile;

/// Where the in-memory project seems to live (nothing is read there).
const ROOT: &str = "/stratlint-in-memory";

/// Analyzes `files` (path relative to the root, text), with `config` as
/// the text of `stratlint.toml`, judged at `now`. A config that does not
/// parse is a [`Fatal::Config`].
pub fn analyze_texts(config: &str, files: &[(&str, &str)], now: Date) -> Result<Analysis, Fatal> {
    let root = PathBuf::from(ROOT);
    let config_path = root.join("stratlint.toml");
    let src = SourceFile::new(config_path.clone(), "stratlint.toml".into(), config.into());
    let mut config = config::parse(&src, "stratlint.toml").map_err(Fatal::Config)?;
    config.file = Some(config_path);
    let project = Project {
        root: root.clone(),
        config,
        git_top: None,
        cwd: root.clone(),
    };
    let blobs: BTreeMap<String, Vec<u8>> = files
        .iter()
        .map(|(rel, text)| ((*rel).to_owned(), text.as_bytes().to_vec()))
        .collect();
    let mut snapshot = TreeSnapshot {
        top: root,
        ..Default::default()
    };
    for (rel, text) in files {
        snapshot
            .files
            .insert((*rel).to_owned(), Some((*text).to_owned()));
        let mut dir = *rel;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            snapshot.dirs.insert(parent.to_owned());
            dir = parent;
        }
    }
    let mut loaded = load::load_blobs(&project, &blobs, false)?;
    super::future::clear(&mut loaded.repo, now.unix(), &mut loaded.diagnostics);
    let timeline = Timeline {
        now: now.unix(),
        git: None,
        headcount: Vec::new(),
    };
    let graph = Graph::new(&loaded.repo);
    let (mut diagnostics, facts) = judge(
        &project,
        &loaded.repo,
        &graph,
        loaded.diagnostics,
        &timeline,
        &snapshot,
        false,
    );
    sort(&loaded.repo, &mut diagnostics);
    let metrics = crate::metrics::compute(&loaded.repo, &graph);
    Ok(Analysis {
        project,
        model: loaded.repo,
        graph,
        metrics,
        timeline,
        facts,
        diagnostics,
        notes: loaded.notes,
        known_before: None,
        retained: Retained::default(),
        head: None,
    })
}
