//! Diagnostics as LSP has them, and what to publish when they change.

use std::collections::BTreeMap;

use lsp_server::{Message, Notification};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Url,
};

use super::text::{range, uri_of};
use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::schema::Severity;

/// Where each rule's documentation lives (`codeDescription`).
const DOCS: &str = "https://github.com/stratlint/stratlint/blob/main/docs/rules/";

/// Diagnostics by document URI.
pub type ByUri = BTreeMap<Url, Vec<lsp_types::Diagnostic>>;

/// Every diagnostic of an analysis, by document.
pub fn of(a: &Analysis) -> ByUri {
    let mut now = ByUri::new();
    for d in &a.diagnostics {
        if let Some((uri, diagnostic)) = to_lsp(a, d) {
            now.entry(uri).or_default().push(diagnostic);
        }
    }
    now
}

/// The `publishDiagnostics` that take a client from `published` to `now`:
/// one for every file whose diagnostics changed, cleared ones included,
/// and one for each of `always` (files just opened). `published` becomes
/// `now`.
pub fn publish(
    published: &mut ByUri,
    now: ByUri,
    always: &std::collections::BTreeSet<Url>,
    out: &mut Vec<Message>,
) {
    let mut uris: Vec<Url> = published
        .keys()
        .chain(now.keys())
        .chain(always)
        .cloned()
        .collect();
    uris.sort();
    uris.dedup();
    for uri in uris {
        let new = now.get(&uri).cloned().unwrap_or_default();
        let unchanged = published.get(&uri).is_some_and(|old| *old == new)
            || (new.is_empty() && !published.contains_key(&uri));
        if unchanged && !always.contains(&uri) {
            continue;
        }
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics: new.clone(),
            version: None,
        };
        out.push(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
        if new.is_empty() {
            published.remove(&uri);
        } else {
            published.insert(uri, new);
        }
    }
}

/// A diagnostic as LSP has it, with its document's URI.
pub fn to_lsp(a: &Analysis, d: &Diagnostic) -> Option<(Url, lsp_types::Diagnostic)> {
    let file = a.model.files.get(d.file)?;
    let uri = uri_of(&file.path)?;
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|r| {
            let f = a.model.files.get(r.file)?;
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: uri_of(&f.path)?,
                    range: range(f, r.span),
                },
                message: r.message.clone(),
            })
        })
        .collect();
    let diagnostic = lsp_types::Diagnostic {
        range: range(file, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_owned())),
        code_description: Url::parse(&format!("{DOCS}{}.md", d.code.as_str()))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("stratlint".into()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    };
    Some((uri, diagnostic))
}
