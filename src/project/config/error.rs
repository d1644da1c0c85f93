//! [`ConfigError`]: a config file that cannot be used.

use std::fmt;

/// A config file that cannot be used: exit 2, naming the file and line.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The file, as shown to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}
