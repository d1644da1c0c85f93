//! `stratlint.toml` (SPEC §10): every key as one table ([`keys::KEYS`]:
//! path, type, default, doc), read against it with spans ([`read`]), and
//! reported, when a key is unknown or a value bad, with the file, line,
//! column and the closest valid key ([`ConfigError`]).
//!
//! - [`keys`]: the table of keys, their types and the values a type reads to;
//! - [`settings`]: [`Config`], its defaults, and where each key's value lands;
//! - `read`: the document walked against the table; `values`: one value
//!   read and checked by its type; `reader`: positions and messages;
//! - [`file`]: the file's names, finding and loading it;
//! - [`selection`]: which rules run, at what severity;
//! - [`adr_dirs`]: the `decisions.adr` entries; [`error`]: [`ConfigError`].

pub mod adr_dirs;
pub mod error;
pub mod file;
pub mod keys;
mod read;
mod reader;
pub mod selection;
pub mod settings;
mod values;

pub use adr_dirs::AdrDir;
pub use error::ConfigError;
pub use file::{CONFIG_NAMES, find, load};
pub use keys::{KEYS, Key, MapKey, TABLES, Type};
pub use read::parse;
pub use settings::{Config, KpiOwner, LintOverrides, SeverityOverride, status_phrase};
