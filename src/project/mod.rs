//! The project: where it lives ([`discover`]), how it is configured
//! ([`config`]), which files are its candidates, and how their paths are
//! shown ([`paths`]).

pub mod config;
pub mod discover;
pub mod paths;

pub use discover::{Found, Project, locate, locate_at_commit};
pub use paths::relative;
