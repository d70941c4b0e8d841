//! A checked workbook → its sheets, each a header and a list of records (column key → cell).
//!
//! Only the format is decided here: which sheets and columns, what a cell holds. What the values
//! mean is `to_raw.rs`'s and, after it, the one validation's.
//!
//! Cells come from calamine's *streaming* reader (`worksheet_cells_reader`), never from
//! `worksheet_range`, which allocates the sheet's whole bounding rectangle: one stray cell at
//! `XFD1048576` would mean 17 billion cells and an abort. At most [`MAX_CELLS_PER_SHEET`] are
//! kept. A second pass reads number formats, only when the workbook has a percentage format
//! (a cell formatted `0%` that shows 85 % holds 0.85 and is read as 85); a third pass finds
//! merged cells, an error naming the range.

use super::layout::{self, classify_column, classify_sheet, Column, SheetKind, SheetName};
use super::values::{excel_round, number_text, Value};
use super::Report;
use crate::diag::column_letters;
use calamine::{DataRef, Reader, SheetVisible};
use std::collections::{BTreeMap, HashSet};
use std::io::Cursor;

/// Most cells read from one sheet (the 1,000-goal sheet has about 11,000).
pub const MAX_CELLS_PER_SHEET: usize = 500_000;

/// A value and where it is (0-based row and column).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// What the cell holds.
    pub value: Value,
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
}

/// One row of a sheet that is not empty: column key (`title.vi`, `history.Q1`) → cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 0-based row.
    pub row: u32,
    /// The row's cells under named columns.
    pub cells: BTreeMap<String, Cell>,
}

/// A sheet tiendo reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// What it holds.
    pub kind: SheetKind,
    /// As the file spells it (`Mục tiêu`): diagnostics name the tab people see.
    pub name: String,
    /// The header: column key → 0-based column.
    pub columns: BTreeMap<String, u32>,
    /// The rows that are not empty, in order.
    pub records: Vec<Record>,
    /// The 0-based columns that have values but no name in row 1, in order (`gaps.rs` says
    /// so, with what the sheet lacks).
    pub unnamed: Vec<u32>,
    /// The names of row 1 that did not read (an unknown column, a language the site does not
    /// have), with their 0-based column.
    pub unread: Vec<(u32, String)>,
    /// The 0-based column right of the last name of row 1: where a column the sheet lacks
    /// would go.
    pub free_col: u32,
    /// False when the rows were not read at all (row 1 is empty, an error).
    pub rows_read: bool,
}

/// The sheets read from a workbook, in the file's order.
#[derive(Debug, Default)]
pub struct Workbook {
    /// One per kind at most.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet of `kind`, if the workbook has it.
    pub fn sheet(&self, kind: SheetKind) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.kind == kind)
    }
}

/// Reads every sheet tiendo knows from an `.xlsx` (already checked by `guard`). Problems of
/// sheets, headers and cells are reported and the read goes on; `Err` is a file that cannot
/// be opened at all.
pub fn read(
    bytes: &[u8],
    recalc_on_load: bool,
    languages: &[String],
    report: &mut Report<'_>,
) -> Result<Workbook, (String, String)> {
    let mut x = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        (
            format!("the workbook is damaged: {e}"),
            super::guard::SAVE_AGAIN.to_string(),
        )
    })?;
    let list: Vec<(String, SheetVisible)> = x
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    let mut wb = Workbook::default();
    for (name, visible) in list {
        let Some(kind) = admit(&name, visible, &wb, report) else {
            continue;
        };
        let cells = match sheet_cells(&mut x, &name, recalc_on_load) {
            Ok(cells) => cells,
            Err((message, help)) => {
                report.error(&name, 0, 0, message, help);
                continue;
            }
        };
        merged_cells(&mut x, &name, report);
        wb.sheets
            .push(build_sheet(kind, &name, cells, languages, report));
    }
    Ok(wb)
}

/// Whether a sheet is read: unknown and hidden sheets are warnings, a second sheet for one
/// kind an error.
fn admit(
    name: &str,
    visible: SheetVisible,
    wb: &Workbook,
    report: &mut Report<'_>,
) -> Option<SheetKind> {
    match classify_sheet(name) {
        SheetName::Instructions => None,
        SheetName::Unknown => {
            let help = match layout::did_you_mean(name, layout::sheet_names()) {
                Some(s) => format!("did you mean `{s}`? Rename the sheet to read it"),
                None => format!(
                    "the sheets tiendo reads are {}",
                    SheetKind::ALL
                        .iter()
                        .map(|k| format!("{} ({})", k.key(), k.vi()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let message = format!("sheet `{name}` is not one tiendo reads: it is ignored");
            report.warning(name, 0, 0, message, help);
            None
        }
        SheetName::Data(_) if visible != SheetVisible::Visible => {
            report.warning(
                name,
                0,
                0,
                format!("sheet `{name}` is hidden: it is ignored"),
                "unhide it (right-click a sheet tab → Unhide) if it holds this year's data, or delete it",
            );
            None
        }
        SheetName::Data(kind) => match wb.sheet(kind) {
            Some(first) => {
                report.error(
                    name,
                    0,
                    0,
                    format!(
                        "sheets `{}` and `{name}` are both the {} sheet",
                        first.name,
                        kind.key()
                    ),
                    "keep one of them: move their rows into one sheet",
                );
                None
            }
            None => Some(kind),
        },
    }
}

fn sheet_damaged(e: impl std::fmt::Display) -> (String, String) {
    (
        format!("the sheet cannot be read, the file is damaged: {e}"),
        "open it in Excel or LibreOffice Calc and save it again, or restore a copy".to_string(),
    )
}

/// A cell as the streaming pass gives it.
struct RawCell {
    row: u32,
    col: u32,
    value: Value,
}

type Xlsx<'a> = calamine::Xlsx<Cursor<&'a [u8]>>;

/// One pass for values and formulas, and a second for percentage formats where it matters.
fn sheet_cells(
    x: &mut Xlsx<'_>,
    name: &str,
    recalc: bool,
) -> Result<Vec<RawCell>, (String, String)> {
    let mut cells = Vec::new();
    let mut r = x.worksheet_cells_reader(name).map_err(sheet_damaged)?;
    while let Some(c) = r.next_cell_with_formula_metadata().map_err(sheet_damaged)? {
        let (row, col) = c.pos;
        // No cached value at all (`<f>` without `<v>`), or a file that asks to be recomputed:
        // the result is unknown. A cached empty string is an empty cell.
        let value = match (&c.formula, &c.value) {
            (Some(f), _) if recalc => Some(Value::Uncomputed(formula_text(f))),
            (Some(f), DataRef::Empty) => Some(Value::Uncomputed(formula_text(f))),
            (_, v) => value_of(v),
        };
        let Some(value) = value else { continue };
        if cells.len() == MAX_CELLS_PER_SHEET {
            return Err((
                format!("the sheet has more than {MAX_CELLS_PER_SHEET} cells"),
                "a year's sheet holds one row per record: delete what is below and to the right of the data".to_string(),
            ));
        }
        cells.push(RawCell { row, col, value });
    }
    drop(r);
    if cells.iter().any(|c| matches!(c.value, Value::Number(_))) {
        percentages(x, name, &mut cells)?;
    }
    Ok(cells)
}

/// Numbers shown as percentages (`0%` showing 85 % holds 0.85) are read as shown: 85. Skipped
/// when the workbook's styles have no percentage format, as tiendo's own files do not.
fn percentages(
    x: &mut Xlsx<'_>,
    name: &str,
    cells: &mut [RawCell],
) -> Result<(), (String, String)> {
    let mut r = x.worksheet_cells_reader(name).map_err(sheet_damaged)?;
    let percent: Vec<bool> = r
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .is_some_and(|n| is_percent(&n.format_code))
        })
        .collect();
    if !percent.contains(&true) {
        return Ok(());
    }
    let mut shown_as_percent = HashSet::new();
    while let Some((row, col, id)) = r.next_style_id().map_err(sheet_damaged)? {
        if percent.get(id).copied().unwrap_or(false) {
            shown_as_percent.insert((row, col));
        }
    }
    for c in cells.iter_mut() {
        if let Value::Number(n) = c.value {
            if shown_as_percent.contains(&(c.row, c.col)) {
                c.value = Value::Number(excel_round(n * 100.0));
            }
        }
    }
    Ok(())
}

/// Merged cells are an error naming the range: a record is one row, a value one cell.
fn merged_cells(x: &mut Xlsx<'_>, name: &str, report: &mut Report<'_>) {
    match x.merge_cells_by_sheet_name(name) {
        Ok(merged) => {
            for m in merged {
                let range = format!(
                    "{}{}:{}{}",
                    column_letters(m.start.1.saturating_add(1)),
                    u64::from(m.start.0) + 1,
                    column_letters(m.end.1.saturating_add(1)),
                    u64::from(m.end.0) + 1
                );
                report.error(
                    name,
                    m.start.0,
                    m.start.1,
                    format!("cells {range} are merged"),
                    "unmerge them (Home → Merge & Center) and fill each cell: one row per record, one value per cell",
                );
            }
        }
        Err(e) => {
            let (message, help) = sheet_damaged(e);
            report.error(name, 0, 0, message, help);
        }
    }
}

fn formula_text(f: &calamine::XlsxFormulaMetadata) -> String {
    match f {
        calamine::XlsxFormulaMetadata::Normal { formula }
        | calamine::XlsxFormulaMetadata::Shared { formula, .. } => format!("={formula}"),
        _ => "(a shared formula)".to_string(),
    }
}

/// A number format that shows a percentage: a `%` outside quotes and escapes.
fn is_percent(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn value_of(d: &DataRef<'_>) -> Option<Value> {
    match d {
        DataRef::SharedString(s) => text_value(s),
        DataRef::String(s) => text_value(s),
        DataRef::Int(i) => Some(Value::Number(*i as f64)),
        DataRef::Float(f) => Some(Value::Number(excel_round(*f))),
        DataRef::Bool(b) => Some(Value::Bool(*b)),
        DataRef::DateTime(dt) => Some(Value::of_date_time(dt)),
        DataRef::DateTimeIso(s) => Some(Value::BadDate(format!("the date and time {s}"))),
        DataRef::DurationIso(s) => Some(Value::BadDate(format!("the duration {s}"))),
        DataRef::Error(e) => Some(Value::Error(e.to_string())),
        DataRef::Empty => None,
    }
}

/// A text cell of only spaces is an empty cell.
fn text_value(s: &str) -> Option<Value> {
    (!s.trim().is_empty()).then(|| Value::Text(s.to_string()))
}

/// Row 1 is the header; every later row with a value is a record.
fn build_sheet(
    kind: SheetKind,
    name: &str,
    mut cells: Vec<RawCell>,
    languages: &[String],
    report: &mut Report<'_>,
) -> Sheet {
    cells.sort_by_key(|c| (c.row, c.col));
    let mut sheet = Sheet {
        kind,
        name: name.to_string(),
        columns: BTreeMap::new(),
        records: Vec::new(),
        unnamed: Vec::new(),
        unread: Vec::new(),
        free_col: 0,
        rows_read: false,
    };
    if let Some(start) = cells.first().map(|c| c.row).filter(|r| *r > 0) {
        // Nothing else of the sheet is read: every cell named now would move up once the
        // empty rows are deleted, and every column would seem to have no name.
        first_row_empty(kind, name, start, &cells, languages, report);
        return sheet;
    }
    let header = Header::read(kind, name, &cells, languages, report);
    sheet.rows_read = true;
    sheet.free_col = header
        .by_col
        .keys()
        .next_back()
        .map_or(0, |c| c.saturating_add(1));
    for c in cells.into_iter().filter(|c| c.row > 0) {
        let key = match header.by_col.get(&c.col) {
            Some(Some(k)) => k.clone(),
            Some(None) => continue,
            None => {
                if !sheet.unnamed.contains(&c.col) {
                    sheet.unnamed.push(c.col);
                }
                continue;
            }
        };
        if sheet.records.last().is_none_or(|r| r.row != c.row) {
            sheet.records.push(Record {
                row: c.row,
                cells: BTreeMap::new(),
            });
        }
        if let Some(last) = sheet.records.last_mut() {
            let cell = Cell {
                value: c.value,
                row: c.row,
                col: c.col,
            };
            last.cells.insert(key, cell);
        }
    }
    sheet.unnamed.sort_unstable();
    sheet.columns = header.by_key;
    sheet.unread = header.unread;
    sheet
}

/// Row 1 is empty and the sheet starts at the 0-based row `start`: one error, at A1, saying
/// which rows to delete when the first row that has values holds column names.
fn first_row_empty(
    kind: SheetKind,
    name: &str,
    start: u32,
    cells: &[RawCell],
    languages: &[String],
    report: &mut Report<'_>,
) {
    let holds_names = cells.iter().take_while(|c| c.row == start).any(|c| {
        matches!(&c.value, Value::Text(t)
            if matches!(classify_column(kind, t, languages), Ok(Column::Key(_))))
    });
    let help = match (holds_names, start) {
        (true, 1) => "delete row 1, so that the column names (now in row 2) are in row 1".to_string(),
        (true, _) => format!(
            "delete rows 1 to {start}, so that the column names (now in row {}) are in row 1",
            u64::from(start) + 1
        ),
        (false, _) => "write the column names in row 1, above the first record (`tiendo new year <YYYY> --xlsx` writes a template with them)".to_string(),
    };
    report.error(
        name,
        0,
        0,
        "the first row is empty: row 1 holds the column names",
        help,
    );
}

/// The column names of row 1.
struct Header {
    /// 0-based column → key (`None`: a column not read).
    by_col: BTreeMap<u32, Option<String>>,
    /// Key → 0-based column.
    by_key: BTreeMap<String, u32>,
    /// The names that did not read, with their 0-based column.
    unread: Vec<(u32, String)>,
}

impl Header {
    fn read(
        kind: SheetKind,
        name: &str,
        cells: &[RawCell],
        languages: &[String],
        report: &mut Report<'_>,
    ) -> Header {
        let mut h = Header {
            by_col: BTreeMap::new(),
            by_key: BTreeMap::new(),
            unread: Vec::new(),
        };
        for c in cells.iter().take_while(|c| c.row == 0) {
            h.by_col.insert(c.col, None);
            let text = match &c.value {
                Value::Text(s) => s.clone(),
                Value::Number(n) => number_text(*n),
                _ => {
                    report.error(
                        name,
                        0,
                        c.col,
                        "a column name must be text",
                        "type the column's name, such as `id` or `title.vi`",
                    );
                    continue;
                }
            };
            match classify_column(kind, &text, languages) {
                Ok(Column::Ignored) => {}
                Ok(Column::Key(key)) => match h.by_key.get(&key) {
                    Some(first) => report.error(
                        name,
                        0,
                        c.col,
                        format!(
                            "column `{key}` appears twice (also {}1)",
                            column_letters(first.saturating_add(1))
                        ),
                        "delete one of them, or give it the name it was meant to have",
                    ),
                    None => {
                        h.by_key.insert(key.clone(), c.col);
                        h.by_col.insert(c.col, Some(key));
                    }
                },
                Err(e) => {
                    report.error(name, 0, c.col, e.message, e.help);
                    h.unread.push((c.col, text));
                }
            }
        }
        h
    }
}
