//! [`Reader`]: the config file's text and name, and the errors that point
//! into it (`file:line:column: message`), with the closest valid key.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::ConfigError;
use super::keys::names_in;
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// A key as the TOML reader gives it, with its span.
pub type SpannedKey<'i> = Spanned<std::borrow::Cow<'i, str>>;

/// A value as the TOML reader gives it, with its span.
pub type SpannedValue<'i> = Spanned<DeValue<'i>>;

/// The file being read, for positions and messages.
pub struct Reader<'a> {
    /// Its text.
    pub src: &'a SourceFile,
    /// Its name as shown in messages.
    pub display: String,
}

impl Reader<'_> {
    /// An error at the start of `span`.
    pub fn error(&self, span: Range<usize>, message: String) -> ConfigError {
        let pos = self.src.position(span.start);
        ConfigError {
            file: self.display.clone(),
            line: pos.line,
            column: pos.column,
            message,
        }
    }

    /// The line and column where `span` starts.
    pub fn position(&self, span: Range<usize>) -> (usize, usize) {
        let pos = self.src.position(span.start);
        (pos.line, pos.column)
    }

    /// An unknown `key` in the table described by `table` (`" in [tenets]"`,
    /// `""` at the top level), whose valid keys are `valid`.
    pub fn unknown(&self, key: &SpannedKey<'_>, table: &str, valid: &[&str]) -> ConfigError {
        let name = key.get_ref();
        // A top-level key written below a `[table]` header lands in that table.
        if !table.is_empty() && names_in("").contains(&name.as_ref()) {
            return self.error(
                key.span(),
                format!(
                    "unknown key `{name}`{table}; `{name}` is a top-level key: move it above the \
                     first [table] header"
                ),
            );
        }
        // SPEC §6: the closest key only when it is close; else the valid ones.
        let hint = match did_you_mean(name, valid.iter().copied()) {
            Some(best) => format!("the closest valid key is `{best}`"),
            None => format!("valid keys are `{}`", valid.join("`, `")),
        };
        self.error(key.span(), format!("unknown key `{name}`{table}; {hint}"))
    }

    /// The value of `key` as a string.
    pub fn string(&self, key: &str, v: &SpannedValue<'_>) -> Result<String, ConfigError> {
        match v.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            other => Err(self.error(
                v.span(),
                format!("`{key}` must be a string, found {}", other.type_str()),
            )),
        }
    }

    /// The value of `key` as an array of strings, each with its span.
    pub fn strings(
        &self,
        key: &str,
        v: &SpannedValue<'_>,
    ) -> Result<Vec<(String, Range<usize>)>, ConfigError> {
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.error(v.span(), format!("`{key}` must be an array of strings")));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Ok((s.to_string(), item.span())),
                _ => Err(self.error(item.span(), format!("`{key}` must be an array of strings"))),
            })
            .collect()
    }

    /// The value of `key` as a table.
    pub fn table<'t, 'i>(
        &self,
        key: &str,
        v: &'t SpannedValue<'i>,
    ) -> Result<&'t DeTable<'i>, ConfigError> {
        v.get_ref()
            .as_table()
            .ok_or_else(|| self.error(v.span(), format!("`{key}` must be a table")))
    }
}
