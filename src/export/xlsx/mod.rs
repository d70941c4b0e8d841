//! A year as a workbook (CONTRACT §5): the published `/nam/<year>/<year>.xlsx` (English names,
//! every language's columns), the template of `tiendo new year --xlsx` and the output of
//! `tiendo convert` (Vietnamese names on a Vietnamese site). Pure: bytes out. tiendo reads each
//! back as a year file (`load::year::xlsx`), and the same site comes out.
//!
//! - `tables.rs`: the model's year → one table per sheet, columns from the layout table.
//! - `write.rs`: tables → `.xlsx` bytes (formats, frozen header, drop-downs), deterministic.
//! - `instructions.rs`: the instructions sheet, in both languages.

mod instructions;
mod tables;
mod write;

pub use tables::{columns_of, history_reviews, year_tables, Cells, Out, Table, Writer};
pub use write::{write_workbook, WriteOptions};

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::model::{Site, Year};

/// The most UTF-16 code units Excel holds in a cell.
pub const MAX_CELL_TEXT: usize = 32_767;

/// The published workbook's file name: `2023.xlsx`.
pub fn workbook_name(year: i32) -> String {
    format!("{year}.xlsx")
}

/// The date a year's workbook says it was made: 1 January of the year, so that the same year
/// gives the same bytes.
pub fn created_in(year: i32) -> Date {
    Date::parse(&format!("{:04}-01-01", year.clamp(1900, 9999)))
        .unwrap_or_else(|_| Date::from_days_since_epoch(0))
}

/// The published workbook of a year: English sheet and column names, every language's columns.
/// `Err` says why it cannot be written (a text longer than Excel's 32,767 characters per cell).
pub fn year_workbook(site: &Site, year: &Year) -> Result<Vec<u8>, String> {
    let tables = year_tables(year, &site.config.languages, site.config.default_lang());
    let title = year
        .title
        .as_ref()
        .map(|t| t.resolve("en", site.config.default_lang()).0.to_string())
        .unwrap_or_else(|| year.year.to_string());
    write_workbook(
        &tables,
        &WriteOptions {
            vietnamese: false,
            created: created_in(year.year),
            title,
        },
    )
}

/// Whether every text of the year fits in a cell of a workbook; `Err` says where one does not.
pub fn fits(site: &Site, year: &Year) -> Result<(), String> {
    for t in year_tables(year, &site.config.languages, site.config.default_lang()) {
        for row in &t.rows {
            for (v, key) in row.iter().zip(&t.columns) {
                if let Some(Out::Text(s)) = v {
                    if s.encode_utf16().count() > MAX_CELL_TEXT {
                        return Err(format!(
                            "a text of `{key}` on sheet `{}` is longer than the {MAX_CELL_TEXT} characters a cell holds",
                            t.kind.key()
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The warning for a year whose workbook is left out.
pub fn left_out(year: &Year, why: &str) -> Diagnostic {
    Diagnostic::warning(
        &year.source,
        format!("the {} workbook ({}) is not published: {why}", year.year, workbook_name(year.year)),
    )
    .help("shorten the text (a long summary can live in an article), or ignore this: the pages, data.json and the CSV files are published")
}
