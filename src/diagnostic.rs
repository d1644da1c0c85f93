//! Diagnostics as plain data: what rules return and renderers print.

use sha2::{Digest, Sha256};

use crate::schema::Code;
use crate::source::{FileId, Span};

pub use crate::schema::Severity;

/// A secondary location: the other duplicate, the parent, a cycle member.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The file.
    pub file: FileId,
    /// The span within it.
    pub span: Span,
    /// What this location is.
    pub message: String,
}

/// One problem found by a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule code.
    pub code: Code,
    /// Severity after configuration.
    pub severity: Severity,
    /// One sentence naming the object.
    pub message: String,
    /// The file of the primary location.
    pub file: FileId,
    /// The value at fault.
    pub span: Span,
    /// The object's id, when the diagnostic is about one.
    pub object: Option<String>,
    /// Index of the object in the repository (for per-object suppression).
    pub object_index: Option<usize>,
    /// How to fix it.
    pub help: Option<String>,
    /// The rule-specific part of the fingerprint (never a line number).
    pub key: String,
    /// Secondary locations.
    pub related: Vec<Related>,
    /// The few words the human format writes under the span, when the
    /// rule's label (`schema::Rule::label`) would not say it well.
    pub label: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with a code, location and message; severity is filled in later.
    pub fn new(code: Code, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            file,
            span,
            object: None,
            object_index: None,
            help: None,
            key: String::new(),
            related: Vec::new(),
            label: None,
        }
    }

    /// Names the object the diagnostic is about.
    pub fn object(mut self, id: Option<&str>, index: Option<usize>) -> Self {
        self.object = id.map(str::to_owned);
        self.object_index = index;
        self
    }

    /// Adds a help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds an optional help line.
    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Sets the words under the span in the human format.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Sets the fingerprint key.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }

    /// Adds a related location.
    pub fn related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// A stable fingerprint: code, object id (or the file, for diagnostics
    /// with no object) and the rule-specific key; never a line number.
    pub fn fingerprint(&self, file_rel: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.code.as_str().as_bytes());
        h.update([0]);
        match &self.object {
            Some(id) => h.update(id.as_bytes()),
            None => {
                h.update([1]);
                h.update(file_rel.as_bytes());
            }
        }
        h.update([0]);
        h.update(self.key.as_bytes());
        let digest = h.finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}
