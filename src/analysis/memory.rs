//! Analyzing files held in memory, with no disk and no git: what a rule's
//! tests and its documentation's examples run on. Ages come from
//! `reviewed` alone, as with `--no-history`.

use std::path::PathBuf;

use crate::Fatal;
use crate::analysis::{Analysis, Dating, Options, Source, pipeline, sort, source};
use crate::date::Date;
use crate::project::Project;
use crate::project::config;
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
    let options = Options {
        now: Some(now),
        no_history: true,
        ..Options::default()
    };
    let mut opened = source::open(&project, Source::Memory(files), None)?;
    let judged = pipeline::judge(&mut opened, Dating::Off, &options.run())?;
    drop(opened);
    let pipeline::Judged {
        repo,
        graph,
        timeline,
        mut diagnostics,
        notes,
        retained,
        facts,
        found,
    } = judged;
    sort(&repo, &mut diagnostics);
    let metrics = crate::metrics::compute(&repo, &graph);
    Ok(Analysis {
        project,
        model: repo,
        graph,
        metrics,
        timeline,
        facts,
        found,
        diagnostics,
        notes,
        known_before: None,
        retained,
        head: None,
    })
}
