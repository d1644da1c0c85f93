//! stratlint: a linter for strategy kept as code.
//!
//! The flow reads top to bottom, never back up:
//!
//! 1. [`schema`]: the kinds, their fields and every rule code, as data;
//! 2. [`project`]: the project's root and config, found once;
//! 3. [`load`] (with [`parse`]): each file read and parsed once into the
//!    [`model`], with in-memory overlays in place of files on disk;
//! 4. [`graph`]: typed edges between objects; [`alignment`]: where values
//!    and tenets sit among the alignment layers;
//! 5. [`history`]: one walk of git dating what the rules judge by age;
//!    [`metrics`]: KPI progress and its rollup up the objective tree;
//!    [`facts`]: what the dates tell of each object (age, freshness, a
//!    KPI's last measurement, moved goalposts), computed once;
//! 6. [`rules`]: plain [`diagnostic`] data, never printed;
//! 7. [`analysis`]: `analyze(project, overlays, options) -> Analysis`, the
//!    one entry point every view shares;
//! 8. [`views`]: the check's output formats and `init`.

pub mod alignment;
pub mod analysis;
pub mod date;
pub mod diagnostic;
pub mod facts;
pub mod graph;
pub mod history;
pub mod load;
pub mod metrics;
pub mod model;
pub mod parse;
pub mod parse_cache;
pub mod project;
pub mod quarters;
pub mod rules;
pub mod schema;
pub mod snapshot;
pub mod source;
pub mod splice;
pub mod suggest;
pub mod views;

use std::fmt;

/// A run that cannot go on: exit status 2.
#[derive(Debug)]
pub enum Fatal {
    /// Bad usage: a missing path, an unreadable directory.
    Usage(String),
    /// A bad config file.
    Config(project::config::ConfigError),
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Usage(m) => f.write_str(m),
            Fatal::Config(e) => write!(f, "{e}"),
        }
    }
}
