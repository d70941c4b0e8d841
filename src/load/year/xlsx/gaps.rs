//! What a sheet's row 1 lacks, said once per sheet at row 1 rather than once per row (one
//! cause, one error):
//!
//! - a column with values but no name in row 1, at its empty name cell (`tasks!A1`);
//! - a column that the rows need and the sheet does not have (`missing `status``), at the cell
//!   right of the last name, where it would go. It is not said when a problem of row 1 explains
//!   it: a column with values but no name (whose hint then names what the sheet lacks), or a
//!   name that did not read and whose "did you mean" is that column (`stauts`).

use super::cells::{Sheet, Workbook};
use super::layout::{self, SheetKind};
use super::Report;
use crate::diag::column_letters;
use std::collections::BTreeMap;

/// Per sheet, the columns its rows needed and it lacks: column key (`title.vi`) → the field
/// the rows miss (`title`).
#[derive(Debug, Default)]
pub(super) struct Gaps(BTreeMap<SheetKind, BTreeMap<String, String>>);

impl Gaps {
    /// A row of `kind` misses `field`, and the sheet has no column `column` for it.
    pub(super) fn note(&mut self, kind: SheetKind, field: &str, column: &str) {
        self.0
            .entry(kind)
            .or_default()
            .entry(column.to_string())
            .or_insert_with(|| field.to_string());
    }
}

/// Reports, sheet by sheet, the unnamed columns with values and the columns lacked that
/// nothing else explains; the gaps noted so far are used up.
pub(super) fn report(wb: &Workbook, languages: &[String], report: &mut Report<'_>) {
    let gaps = std::mem::take(&mut report.gaps);
    let none = BTreeMap::new();
    for sheet in &wb.sheets {
        let lacks = gaps.0.get(&sheet.kind).unwrap_or(&none);
        for &col in &sheet.unnamed {
            unnamed(sheet, col, lacks, report);
        }
        if !sheet.unnamed.is_empty() {
            continue;
        }
        for (column, field) in lacks {
            let meant = |(_, text): &(u32, String)| {
                layout::meant_column(sheet.kind, text, languages).as_deref() == Some(column)
            };
            if !sheet.unread.iter().any(meant) {
                lacking(sheet, field, column, report);
            }
        }
    }
}

/// `` `status` (Trạng thái) ``: a column's key and its Vietnamese name.
fn both_names(kind: SheetKind, column: &str) -> String {
    let vi = layout::header_for(kind, column, true);
    if vi == column {
        format!("`{column}`")
    } else {
        format!("`{column}` ({vi})")
    }
}

fn unnamed(sheet: &Sheet, col: u32, lacks: &BTreeMap<String, String>, report: &mut Report<'_>) {
    let letter = column_letters(col.saturating_add(1));
    let names: Vec<String> = lacks.keys().map(|c| both_names(sheet.kind, c)).collect();
    let help = match names.as_slice() {
        [] => "name the column in row 1, start the name with `#` for a column only for people, or delete the values".to_string(),
        [one] => format!(
            "the sheet has no column {one}: if this is it, write its name in {letter}1; otherwise name the column, start the name with `#` for a column only for people, or delete the values"
        ),
        many => format!(
            "the sheet has no column {}: if this is one of them, write its name in {letter}1; otherwise name the column, start the name with `#` for a column only for people, or delete the values",
            many.join(" or ")
        ),
    };
    report.error(
        &sheet.name,
        0,
        col,
        format!("column {letter} has values but no name in row 1"),
        help,
    );
}

fn lacking(sheet: &Sheet, field: &str, column: &str, report: &mut Report<'_>) {
    let name = both_names(sheet.kind, column);
    let help = if sheet.unread.is_empty() {
        format!("add a column {name} here, in row 1, and fill it in on each row")
    } else {
        format!("name the column that holds it {name}, or add one here, in row 1, and fill it in on each row")
    };
    report.error(
        &sheet.name,
        0,
        sheet.free_col,
        format!("missing `{field}`: the sheet has no column `{column}`"),
        help,
    );
}
