//! Status kept in a Markdown table of an adopted record (beyond SPEC §11,
//! read only where the record states its status nowhere else, and only
//! from a table before the record's first section): a header
//! row naming a `Status` column with a row below it (hyades:
//! `| Status | Date | Author(s) |`), or a row whose first cell is `Status`
//! (nats: `|Status |Implemented|`).

use crate::source::Span;

/// One table row: each cell's text and span.
pub type Row = Vec<(String, Span)>;

/// Whether a cell's text is the word `Status` (emphasis or a colon aside).
fn is_status(cell: &str) -> bool {
    cell.trim_matches(|c: char| !c.is_alphanumeric())
        .eq_ignore_ascii_case("status")
}

/// The status cell of a table whose first row is its header: under a
/// `Status` header, in the first row below it; else beside a `Status`
/// cell that opens a row.
pub fn status_cell(rows: &[Row]) -> Option<&(String, Span)> {
    let (head, body) = rows.split_first()?;
    if let Some(column) = head.iter().position(|(t, _)| is_status(t)) {
        return body.first().and_then(|row| row.get(column));
    }
    body.iter()
        .find(|row| row.first().is_some_and(|(t, _)| is_status(t)))
        .and_then(|row| row.get(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: &[&[&str]]) -> Vec<Row> {
        table
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .map(|c| ((*c).to_owned(), Span::new(r, r + 1)))
                    .collect()
            })
            .collect()
    }

    fn status(table: &[&[&str]]) -> Option<String> {
        status_cell(&rows(table)).map(|(t, _)| t.clone())
    }

    #[test]
    fn a_status_column_or_a_status_row() {
        let hyades: &[&[&str]] = &[
            &["Status", "Date", "Author(s)"],
            &["Proposed", "2025-01-07", "@nscuro"],
        ];
        assert_eq!(status(hyades).as_deref(), Some("Proposed"));
        let nats: &[&[&str]] = &[
            &["Metadata", "Value"],
            &["Date", "2021-07-20"],
            &["**Status**", "Implemented"],
        ];
        assert_eq!(status(nats).as_deref(), Some("Implemented"));
        // A header with no row below, or no status anywhere: none.
        assert_eq!(status(&[&["Status", "Date"]]), None);
        assert_eq!(status(&[&["Option", "Cost"], &["A", "1"]]), None);
        assert_eq!(status(&[&["Option", "Cost"], &["Status quo", "0"]]), None);
        assert_eq!(status(&[]), None);
    }
}
