//! Headcount inflections (SPEC §5b): the days the owners registry's history
//! shows the number of active people at least doubling within a year,
//! read from its versions ([`super::registry_versions`]).

use super::registry_versions::{Version, in_force};
use crate::date::{DAY, Date};

/// A headcount inflection: the day of the commit where active people
/// reached twice the smallest count in force during the year before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Headcount {
    /// The UTC day of the commit.
    pub day: Date,
    /// The smallest count in force during the year before.
    pub from: usize,
    /// The count at the commit.
    pub to: usize,
}

/// The headcount inflections among registry versions (oldest first): where
/// `n ≥ 2m` and `m ≥ 1` hold, and did not at the previous version.
pub fn doublings(versions: &[Version]) -> Vec<Headcount> {
    let mut out = Vec::new();
    let mut held = false;
    for (i, v) in versions.iter().enumerate() {
        let start = v.time - 365 * DAY;
        // The versions in force at some time in [start, t): the one in force
        // at `start` (the newest earlier version dated on or before it),
        // and every earlier version dated after it and before t.
        let in_force_at_start = in_force(&versions[..i], start);
        let smallest = versions[..i]
            .iter()
            .enumerate()
            .filter(|(j, w)| Some(*j) == in_force_at_start || (w.time > start && w.time < v.time))
            .map(|(_, w)| w.census.active)
            .min();
        let count = v.census.active;
        let holds = smallest.is_some_and(|m| m >= 1 && count >= 2 * m);
        if holds && !held {
            out.push(Headcount {
                day: Date::from_unix(v.time),
                from: smallest.unwrap_or_default(),
                to: count,
            });
        }
        held = holds;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::toml_file::Census;

    fn at(day: &str, active: usize) -> Version {
        let time = Date::parse(day).unwrap().unix() + 12 * 3600;
        let census = Census {
            active,
            executives: Vec::new(),
        };
        Version { time, census }
    }

    #[test]
    fn a_doubling_within_a_year_is_an_inflection_once() {
        let found = doublings(&[
            at("2025-01-01", 3),
            at("2025-06-01", 5),
            at("2025-09-01", 6),
            at("2025-10-01", 7),
        ]);
        assert_eq!(
            found,
            vec![Headcount {
                day: Date::parse("2025-09-01").unwrap(),
                from: 3,
                to: 6
            }]
        );
    }

    #[test]
    fn slow_growth_and_empty_registries_are_not() {
        // 3 → 6 over more than a year: the version in force a year before is 4.
        assert!(
            doublings(&[
                at("2024-01-01", 3),
                at("2024-06-01", 4),
                at("2025-06-02", 6)
            ])
            .is_empty()
        );
        // From nobody: m must be at least 1.
        assert!(doublings(&[at("2025-01-01", 0), at("2025-02-01", 5)]).is_empty());
        // The first version has nothing before it.
        assert!(doublings(&[at("2025-01-01", 40)]).is_empty());
    }

    #[test]
    fn the_version_in_force_a_year_before_counts() {
        // 2 was in force on 2025-03-01 (a year before the last commit).
        let found = doublings(&[
            at("2024-12-01", 2),
            at("2025-06-01", 3),
            at("2026-03-01", 4),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].from, found[0].to), (2, 4));
    }
}
