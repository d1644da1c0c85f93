//! The project: where it lives ([`discover`]), how it is configured
//! ([`config`]), and which files are its candidates.

pub mod config;
pub mod discover;

pub use discover::{Found, Project, locate, relative};
