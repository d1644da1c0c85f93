//! Quarters (SPEC §14): three-month periods starting in the month
//! `quarters.start_month` names (January by default) and every three months
//! from it, labelled `YYYY-Qn` with the calendar year in which their fiscal
//! year (the four quarters from a start month) starts, so labels sort in
//! time. EXE007, the report's capacity shares and later the tenet audit
//! read them from here.

use std::fmt;

use crate::date::Date;

/// One quarter: its label's parts and its first and last days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    /// The calendar year in which its fiscal year starts.
    pub year: i64,
    /// Its number within the fiscal year, 1 to 4.
    pub number: u32,
    /// Its first day (it starts at 00:00 UTC on it).
    pub first: Date,
    /// Its last day.
    pub last: Date,
}

impl Quarter {
    /// The quarter that contains `day`, quarters starting in `start_month`
    /// (1 to 12; a value outside that range is read as January) and every
    /// three months from it.
    pub fn containing(day: Date, start_month: u32) -> Quarter {
        let start = if (1..=12).contains(&start_month) {
            i64::from(start_month)
        } else {
            1
        };
        let (y, m, _) = day.ymd();
        let offset = (i64::from(m) - start).rem_euclid(12);
        let year = if i64::from(m) >= start { y } else { y - 1 };
        let number = (offset / 3) as u32 + 1;
        let first = month_start(year, start - 1 + (i64::from(number) - 1) * 3);
        let next = month_start(year, start - 1 + i64::from(number) * 3);
        Quarter {
            year,
            number,
            first,
            last: Date(next.0 - 1),
        }
    }

    /// Whether something that runs from `started` to `due` (either may be
    /// open) overlaps the quarter: its `due` is not before the first day
    /// and its `started` not after the last. Neither given: not scheduled,
    /// so in no quarter.
    pub fn holds(&self, started: Option<Date>, due: Option<Date>) -> bool {
        (started.is_some() || due.is_some())
            && due.is_none_or(|d| d >= self.first)
            && started.is_none_or(|s| s <= self.last)
    }
}

impl Quarter {
    /// The quarter before this one.
    pub fn before(&self, start_month: u32) -> Quarter {
        Quarter::containing(Date(self.first.0 - 1), start_month)
    }

    /// The three quarters before the one holding `day`, and that one,
    /// oldest first (the report's KPI history, SPEC §12).
    pub fn last_four(day: Date, start_month: u32) -> [Quarter; 4] {
        let now = Quarter::containing(day, start_month);
        let q3 = now.before(start_month);
        let q2 = q3.before(start_month);
        let q1 = q2.before(start_month);
        [q1, q2, q3, now]
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

/// The first day of the month `months` (0-based, may exceed 11) after
/// January of `year`.
fn month_start(year: i64, months: i64) -> Date {
    let y = year + months.div_euclid(12);
    let m = months.rem_euclid(12) as u32 + 1;
    Date::from_ymd(y, m, 1).expect("the first of a month exists")
}

#[cfg(test)]
mod tests {
    use super::Quarter;
    use crate::date::Date;

    fn q(day: &str, start: u32) -> (String, String, String) {
        let q = Quarter::containing(Date::parse(day).unwrap(), start);
        (q.to_string(), q.first.to_string(), q.last.to_string())
    }

    fn expect(label: &str, first: &str, last: &str) -> (String, String, String) {
        (label.to_owned(), first.to_owned(), last.to_owned())
    }

    #[test]
    fn default_quarters_start_in_january() {
        // SPEC §14: `2026-Q4` is October–December 2026.
        for day in ["2026-10-01", "2026-11-25", "2026-12-31"] {
            assert_eq!(q(day, 1), expect("2026-Q4", "2026-10-01", "2026-12-31"));
        }
        assert_eq!(
            q("2026-01-01", 1),
            expect("2026-Q1", "2026-01-01", "2026-03-31")
        );
        assert_eq!(
            q("2024-05-09", 1),
            expect("2024-Q2", "2024-04-01", "2024-06-30")
        );
    }

    #[test]
    fn a_fiscal_year_starting_in_february() {
        // SPEC §14: with `start_month = 2`, `2026-Q1` is February–April 2026
        // and `2026-Q4` November 2026–January 2027.
        for day in ["2026-02-01", "2026-04-30"] {
            assert_eq!(q(day, 2), expect("2026-Q1", "2026-02-01", "2026-04-30"));
        }
        for day in ["2026-11-01", "2027-01-31"] {
            assert_eq!(q(day, 2), expect("2026-Q4", "2026-11-01", "2027-01-31"));
        }
        assert_eq!(q("2026-01-15", 2).0, "2025-Q4");
    }

    #[test]
    fn a_fiscal_year_starting_in_april() {
        // SPEC §14: with `start_month = 4`, January–March 2026 is `2025-Q4`.
        for day in ["2026-01-01", "2026-03-31"] {
            assert_eq!(q(day, 4), expect("2025-Q4", "2026-01-01", "2026-03-31"));
        }
        assert_eq!(
            q("2026-04-01", 4),
            expect("2026-Q1", "2026-04-01", "2026-06-30")
        );
    }

    #[test]
    fn the_last_four_quarters_end_with_today_s() {
        let four = |day: &str, start: u32| -> Vec<String> {
            Quarter::last_four(Date::parse(day).unwrap(), start)
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(
            four("2026-11-25", 1),
            ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
        );
        assert_eq!(
            four("2026-01-01", 1),
            ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
        );
        assert_eq!(
            four("2026-05-01", 4),
            ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
        );
    }

    #[test]
    fn labels_sort_in_time() {
        for start in 1..=12 {
            let mut day = Date::parse("2024-01-01").unwrap();
            let mut last = Quarter::containing(day, start).to_string();
            while day < Date::parse("2028-01-01").unwrap() {
                let label = Quarter::containing(day, start).to_string();
                assert!(label >= last, "{label} after {last} (start {start})");
                last = label;
                day = Date(day.0 + 1);
            }
        }
    }

    #[test]
    fn what_a_quarter_holds() {
        let q = Quarter::containing(Date::parse("2026-11-25").unwrap(), 1);
        let d = |s: &str| Some(Date::parse(s).unwrap());
        assert!(!q.holds(None, None));
        assert!(q.holds(d("2026-01-01"), None));
        assert!(q.holds(None, d("2026-10-01")));
        assert!(!q.holds(None, d("2026-09-30")));
        assert!(!q.holds(d("2027-01-01"), None));
        assert!(q.holds(d("2026-12-31"), d("2027-06-30")));
        assert!(q.holds(d("2025-01-01"), d("2028-01-01")));
    }
}
