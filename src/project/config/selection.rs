//! Which rules run and at what severity: [`Config::severity_of`], from
//! `select`, `ignore` and `[lint.severity]` (docs/configuration.md,
//! "Severity resolution").

use super::settings::{Config, SeverityOverride};
use crate::schema::{Code, Severity};

impl Config {
    /// The effective severity of `code`: `None` when it is not selected or turned off.
    pub fn severity_of(&self, code: Code) -> Option<Severity> {
        let default = code.severity();
        let code = code.as_str();
        let matches = |pat: &str| pat == "ALL" || code.starts_with(pat);
        let specificity = |pat: &str| if pat == "ALL" { 0 } else { pat.len() };
        let best_select = self
            .select
            .iter()
            .filter(|p| matches(p))
            .map(|p| specificity(p))
            .max();
        let best_ignore = self
            .ignore
            .iter()
            .filter(|p| matches(p))
            .map(|p| specificity(p))
            .max();
        match (best_select, best_ignore) {
            (None, _) => return None,
            (Some(s), Some(i)) if i >= s => return None,
            _ => {}
        }
        // The most specific severity override wins; later entries win ties.
        let mut chosen: Option<(usize, SeverityOverride)> = None;
        for (pat, sev) in &self.severity {
            if matches(pat) && chosen.is_none_or(|(s, _)| specificity(pat) >= s) {
                chosen = Some((specificity(pat), *sev));
            }
        }
        match chosen {
            Some((_, sev)) => sev,
            None => Some(default),
        }
    }
}
