//! stratlint: a linter for strategy kept as code.
//!
//! The flow reads top to bottom: [`discover`] finds the project and its
//! files, [`load`] parses each file once ([`parse`]) into the [`model`],
//! [`graph`] resolves ids, [`rules`] return plain [`diagnostic`] data, and
//! [`render`] prints it. [`check`] runs the whole pipeline.

pub mod baseline;
pub mod check;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod discover;
pub mod graph;
pub mod history;
pub mod init;
pub mod load;
pub mod model;
pub mod parse;
pub mod render;
pub mod rules;
pub mod snapshot;
pub mod source;
pub mod suggest;

use std::fmt;

/// A run that cannot go on: exit status 2.
#[derive(Debug)]
pub enum Fatal {
    /// Bad usage: a missing path, an unreadable directory.
    Usage(String),
    /// A bad config file.
    Config(config::ConfigError),
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Usage(m) => f.write_str(m),
            Fatal::Config(e) => write!(f, "{e}"),
        }
    }
}
