//! What a model check reads, when it reads only part of the model: what
//! lets the language server keep a check's findings across a re-check
//! whose changed files hold nothing it reads ([`Reuse`], [`kept`]). A check with no
//! scope reads everything and always runs again.

use crate::diagnostic::Diagnostic;
pub use crate::facts::kept::Reuse;
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

/// The findings `reuse` keeps for check `index` (its place in
/// [`super::CHECKS`]) with `scope`, when they hold: a check with no scope
/// always runs again.
pub fn kept<'a>(
    reuse: &Reuse<'a>,
    index: usize,
    scope: Option<&Scope>,
) -> Option<&'a Vec<Diagnostic>> {
    let scope = scope?;
    let found = reuse.found.get(index)?;
    scope
        .untouched(reuse.touched, reuse.disk_same)
        .then_some(found)
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
