//! The config file on disk: its names, finding it, reading it.

use std::path::{Path, PathBuf};

use super::error::ConfigError;
use super::read::parse;
use super::settings::Config;
use crate::source::SourceFile;

/// The config file names, in the order they are looked for.
pub const CONFIG_NAMES: [&str; 2] = ["stratlint.toml", ".stratlint.toml"];

/// Looks for a config file in `dir` and its parents.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| CONFIG_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Reads a config file. `display` is the path as shown in messages.
pub fn load(path: &Path, display: &str) -> Result<Config, ConfigError> {
    let bytes = std::fs::read(path).map_err(|e| ConfigError {
        file: display.to_owned(),
        line: 1,
        column: 1,
        message: format!("cannot read the config file: {e}"),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let src = SourceFile::new(
            path.into(),
            display.into(),
            String::from_utf8_lossy(e.as_bytes()).into(),
        );
        let pos = src.position(e.utf8_error().valid_up_to());
        ConfigError {
            file: display.to_owned(),
            line: pos.line,
            column: pos.column,
            message: "the config file is not valid UTF-8".into(),
        }
    })?;
    let src = SourceFile::new(path.into(), display.into(), text);
    let mut config = parse(&src, display)?;
    config.file = Some(path.to_owned());
    Ok(config)
}
