//! What a model check reads, when it reads only part of the model: what
//! lets the language server keep a check's findings across a re-check
//! whose changed files hold nothing it reads ([`Reuse`]). A check with no
//! scope reads everything and always runs again.

use crate::diagnostic::Diagnostic;
use crate::model::{Kind, Touched};

/// The part of the model a check reads. Whatever it reads of an object
/// outside its kinds is in the same file as what it reads (a tenet's or a
/// link's own object); the config and now are the same for any reuse.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// The kinds of object it reads, anywhere in the model.
    pub kinds: &'static [Kind],
    /// Whether it reads the tenets.
    pub tenets: bool,
    /// Whether it reads the relative links.
    pub links: bool,
    /// Whether it reads the heading anchors of files.
    pub anchors: bool,
    /// Whether it reads files on disk beyond the model.
    pub disk: bool,
}

/// TEN001–TEN005: each tenet, with its own object.
pub const TENETS: Scope = Scope {
    kinds: &[],
    tenets: true,
    links: false,
    anchors: false,
    disk: false,
};

/// TEN006–TEN008, ALN003: the tenets, the tenet objects, and the
/// decisions that cite or go against them.
pub const TENET_USAGE: Scope = Scope {
    kinds: &[Kind::Tenet, Kind::Decision],
    tenets: true,
    links: false,
    anchors: false,
    disk: false,
};

/// LNK001: each link, with its own object, the anchors of the files it
/// points into, and the files on disk it names.
pub const LINKS: Scope = Scope {
    kinds: &[],
    tenets: false,
    links: true,
    anchors: true,
    disk: true,
};

impl Scope {
    /// Whether what `touched` names leaves this scope's reads as they were
    /// (with files on disk as they were when `disk_same`).
    pub fn untouched(&self, touched: &Touched, disk_same: bool) -> bool {
        let changed = [
            touched.ids,
            self.tenets && touched.tenets,
            self.links && touched.links,
            self.anchors && touched.anchors,
            self.disk && !disk_same,
            self.kinds.iter().any(|k| touched.kinds.contains(k)),
        ];
        !changed.contains(&true)
    }
}

/// The findings of an earlier analysis's model checks, for a model spliced
/// from its model under the same config and now.
#[derive(Debug, Clone, Copy)]
pub struct Reuse<'a> {
    /// Each check's findings (by its place in [`super::CHECKS`]).
    pub found: &'a [Vec<Diagnostic>],
    /// What the splice's changed files held or hold.
    pub touched: &'a Touched,
    /// Whether files on disk are as they were.
    pub disk_same: bool,
}

impl<'a> Reuse<'a> {
    /// The findings kept for check `index` with `scope`, when they hold.
    pub fn kept(&self, index: usize, scope: Option<&Scope>) -> Option<&'a Vec<Diagnostic>> {
        let scope = scope?;
        let found = self.found.get(index)?;
        scope
            .untouched(self.touched, self.disk_same)
            .then_some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touched(kinds: &[Kind]) -> Touched {
        Touched {
            kinds: kinds.to_vec(),
            ..Touched::default()
        }
    }

    #[test]
    fn a_scope_is_left_alone_only_by_what_it_does_not_read() {
        let kpis = touched(&[Kind::Objective, Kind::Kpi]);
        assert!(TENET_USAGE.untouched(&kpis, true));
        assert!(!TENET_USAGE.untouched(&touched(&[Kind::Decision]), true));
        assert!(!TENET_USAGE.untouched(&touched(&[Kind::Tenet]), true));
        let tenets = Touched {
            tenets: true,
            ..Touched::default()
        };
        assert!(!TENETS.untouched(&tenets, true));
        assert!(LINKS.untouched(&tenets, true));
        let links = Touched {
            links: true,
            ..Touched::default()
        };
        assert!(!LINKS.untouched(&links, true));
        let anchors = Touched {
            anchors: true,
            ..Touched::default()
        };
        assert!(!LINKS.untouched(&anchors, true));
        assert!(TENETS.untouched(&anchors, true));
    }

    #[test]
    fn files_on_disk_changed_or_ids_changed_run_a_check_again() {
        let kpis = touched(&[Kind::Kpi]);
        assert!(LINKS.untouched(&kpis, true));
        assert!(!LINKS.untouched(&kpis, false));
        assert!(TENETS.untouched(&kpis, false));
        let ids = Touched { ids: true, ..kpis };
        for scope in [TENETS, TENET_USAGE, LINKS] {
            assert!(!scope.untouched(&ids, true));
        }
    }
}
