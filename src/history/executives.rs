//! Executive-turnover inflections (SPEC §15): the days the owners
//! registry's history shows that at least a share of the executives of a
//! year before have left the executive set, read from its versions
//! ([`super::registry_versions`]).

use super::registry_versions::{Version, in_force};
use crate::date::{DAY, Date};

/// An executive-turnover inflection: the day of the registry commit where
/// the share of the year-ago executives no longer among its active
/// executives reached the threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turnover {
    /// The UTC day of the commit.
    pub day: Date,
    /// How many executives the version in force a year before had.
    pub before: usize,
    /// The registry ids of those of them who are no longer active
    /// executives at the commit, sorted.
    pub left: Vec<String>,
}

/// The executive-turnover inflections among registry versions (oldest
/// first): where the executives of the version in force a year before (the
/// oldest version where none was) are at least one, and at least
/// `threshold` of them have left the executive set, while that did not
/// hold at the previous version.
pub fn turnovers(versions: &[Version], threshold: f64) -> Vec<Turnover> {
    let mut out = Vec::new();
    let mut held = false;
    for (i, v) in versions.iter().enumerate() {
        let year_before = in_force(&versions[..i], v.time - 365 * DAY).unwrap_or(0);
        let before = &versions[year_before].census.executives;
        let now = &v.census.executives;
        let left: Vec<String> = before
            .iter()
            .filter(|id| now.binary_search(id).is_err())
            .cloned()
            .collect();
        // A division, not a product: a share written as a decimal (0.3)
        // is met by the fraction it stands for (3 of 10).
        let holds = !before.is_empty() && left.len() as f64 / before.len() as f64 >= threshold;
        if holds && !held {
            out.push(Turnover {
                day: Date::from_unix(v.time),
                before: before.len(),
                left,
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

    fn at(day: &str, executives: &[&str]) -> Version {
        let time = Date::parse(day).unwrap().unix() + 12 * 3600;
        let census = Census {
            active: executives.len(),
            executives: executives.iter().map(|e| (*e).to_owned()).collect(),
        };
        Version { time, census }
    }

    fn days(found: &[Turnover]) -> Vec<String> {
        found.iter().map(|t| t.day.to_string()).collect()
    }

    #[test]
    fn half_the_executives_of_a_year_before_gone_is_an_inflection_once() {
        let found = turnovers(
            &[
                at("2025-01-01", &["ana", "maya", "tomas"]),
                at("2025-06-01", &["ana", "tomas"]),
                at("2025-09-01", &["ana", "zoe"]),
                at("2025-10-01", &["ana", "zoe", "yan"]),
            ],
            0.5,
        );
        assert_eq!(
            found,
            vec![Turnover {
                day: Date::parse("2025-09-01").unwrap(),
                before: 3,
                left: vec!["maya".into(), "tomas".into()],
            }]
        );
    }

    #[test]
    fn the_set_in_force_a_year_before_is_the_reference() {
        // On 2026-03-01 the version in force a year before is 2024-12-01's.
        let versions = [
            at("2024-12-01", &["ana", "bo"]),
            at("2025-06-01", &["ana", "bo", "cy"]),
            at("2026-03-01", &["ana", "cy"]),
        ];
        let found = turnovers(&versions, 0.5);
        assert_eq!(days(&found), ["2026-03-01"]);
        assert_eq!(
            (found[0].before, found[0].left.clone()),
            (2, vec!["bo".into()])
        );
        // Below the threshold: 1 of 2 is not 0.6.
        assert!(turnovers(&versions, 0.6).is_empty());
    }

    #[test]
    fn the_oldest_version_stands_in_where_none_was_a_year_before() {
        let found = turnovers(
            &[at("2025-01-01", &["ana", "bo"]), at("2025-02-01", &["cy"])],
            0.5,
        );
        assert_eq!(days(&found), ["2025-02-01"]);
        assert_eq!(found[0].left, ["ana", "bo"]);
    }

    #[test]
    fn no_executives_a_year_before_and_a_kept_set_are_not() {
        // |E0| = 0: nobody to lose.
        assert!(turnovers(&[at("2025-01-01", &[]), at("2025-02-01", &["ana"])], 0.5).is_empty());
        // Everyone stays, newcomers join.
        let kept = [at("2025-01-01", &["ana"]), at("2025-02-01", &["ana", "bo"])];
        assert!(turnovers(&kept, 0.5).is_empty());
    }

    #[test]
    fn the_threshold_crossed_again_after_recovering_is_a_new_inflection() {
        let found = turnovers(
            &[
                at("2023-01-01", &["ana", "bo"]),
                at("2023-03-01", &["ana"]),
                at("2023-04-01", &["cy"]),
                // A year on, the reference is 2023-04-01's: cy stays.
                at("2024-06-01", &["cy", "di"]),
                // And later still, the reference is 2024-06-01's.
                at("2025-07-01", &["cy"]),
            ],
            0.5,
        );
        assert_eq!(days(&found), ["2023-03-01", "2025-07-01"]);
    }
}
