//! The workbook format of a year file (`content/years/<YYYY>.xlsx`, CONTRACT §5): an `.xlsx`
//! → a [`RawYear`] and a [`SheetLocator`] whose positions are cells (`goals!E7`), so that the
//! one validation reports each rule with the same message and hint as for YAML.
//!
//! - `guard.rs`: what the file is, before calamine sees a byte: size, magic bytes (an `.xls`
//!   or a password-protected workbook is an OLE file), the zip's central directory (entries,
//!   declared sizes: a zip bomb is refused unpacked), `.xlsb`/`.ods`/Word told apart.
//! - `cells.rs`: sheets → header and records (calamine's streaming cells; hidden and unknown
//!   sheets warned about, merged cells an error naming the range).
//! - `values.rs`: a cell as text, number (`85,5` is 85.5), date or drop-down value.
//! - `to_raw.rs`: records → `RawYear`, field by field; `reviews.rs`: the `reviews` sheet,
//!   `history.<review id>` columns and the `evidence` sheet.
//! - `gaps.rs`: what a sheet's row 1 lacks (a column the rows need, a name over values), said
//!   once per sheet at row 1, not once per row.
//! - `locator.rs`: `goals[3].target` → its cell.
//! - `layout.rs`: the sheets and columns, their Vietnamese names, and how names are matched;
//!   the writer (`export::xlsx`) and the template read it too.
//!
//! `.ods` is refused for now (calamine reads it, but cannot see its merged cells or percentage
//! formats, and holds a sheet as a dense rectangle): the message says to save as `.xlsx`.

mod cells;
mod gaps;
mod guard;
pub mod layout;
mod locator;
mod reviews;
mod to_raw;
mod values;

pub use cells::MAX_CELLS_PER_SHEET;
pub use guard::{MAX_ENTRIES, MAX_FILE_BYTES, MAX_UNPACKED_BYTES};
pub use locator::SheetLocator;
pub use to_raw::status_of;
pub use values::parse_number;

use super::{RawYear, YearFile};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::fs;
use std::path::Path;

/// Where the reader's own problems go: diagnostics of one file, placed at cells.
pub(crate) struct Report<'a> {
    path: &'a Path,
    diags: &'a mut Diagnostics,
    errors: usize,
    /// The columns that rows needed and their sheet lacks, said once per sheet at the end.
    gaps: gaps::Gaps,
}

impl Report<'_> {
    fn push(&mut self, d: Diagnostic, sheet: &str, row: u32, col: u32, help: String) {
        let pos = Position::cell(sheet, row.saturating_add(1), col.saturating_add(1));
        self.diags.push(d.at_position(Some(pos)).help(help));
    }

    /// An error at the 0-based `row` and `col` of `sheet`.
    pub(crate) fn error(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.errors += 1;
        let d = Diagnostic::error(self.path, message);
        self.push(d, sheet, row, col, help.into());
    }

    /// A warning at the 0-based `row` and `col` of `sheet`.
    pub(crate) fn warning(
        &mut self,
        sheet: &str,
        row: u32,
        col: u32,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let d = Diagnostic::warning(self.path, message);
        self.push(d, sheet, row, col, help.into());
    }
}

/// Reads the workbook `rel` (under `root`): its raw year and where each value is, or `None`
/// after the problems that stop it (each pushed to `diags`; warnings are pushed either way).
pub fn read(
    root: &Path,
    rel: &Path,
    file: &YearFile,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Option<(RawYear, SheetLocator)> {
    let bytes = match read_bytes(&root.join(rel)) {
        Ok(b) => b,
        Err((message, help)) => {
            diags.push(Diagnostic::error(rel, message).help(help));
            return None;
        }
    };
    read_bytes_as_year(&bytes, rel, file, languages, diags)
}

/// [`read`] for a workbook already in memory.
pub fn read_bytes_as_year(
    bytes: &[u8],
    rel: &Path,
    file: &YearFile,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Option<(RawYear, SheetLocator)> {
    let refuse = |diags: &mut Diagnostics, (message, help): (String, String)| {
        diags.push(Diagnostic::error(rel, message).help(help));
        None
    };
    let recalc_on_load = match guard::check(bytes) {
        Ok(guard::Format::Xlsx { recalc_on_load }) => recalc_on_load,
        Ok(guard::Format::Ods) => return refuse(diags, ods_refused()),
        Err(e) => return refuse(diags, (e.message, e.help)),
    };
    let mut report = Report {
        path: rel,
        diags,
        errors: 0,
        gaps: gaps::Gaps::default(),
    };
    let workbook = match cells::read(bytes, recalc_on_load, languages, &mut report) {
        Ok(wb) => wb,
        Err(e) => return refuse(report.diags, e),
    };
    if workbook.sheets.is_empty() && report.errors == 0 {
        report.error(
            workbook_first_sheet(bytes).as_deref().unwrap_or("goals"),
            0,
            0,
            "the workbook has no sheet tiendo reads",
            "name the sheets `goals` (Mục tiêu), `tasks` (Nhiệm vụ), …; `tiendo new year <YYYY> --xlsx` writes a template",
        );
    }
    let (raw, used) = to_raw::raw_year(&workbook, file, languages, &mut report);
    if report.errors > 0 {
        return None;
    }
    Some((raw, SheetLocator::new(rel, workbook, used)))
}

/// The name of the workbook's first sheet, to point at.
fn workbook_first_sheet(bytes: &[u8]) -> Option<String> {
    use calamine::Reader;
    let x = calamine::Xlsx::new(std::io::Cursor::new(bytes)).ok()?;
    x.sheet_names().first().cloned()
}

fn ods_refused() -> (String, String) {
    (
        "the file is an OpenDocument spreadsheet (.ods)".to_string(),
        "save it as Excel Workbook (.xlsx): in LibreOffice Calc, File → Save As → Excel 2007-365 (.xlsx)".to_string(),
    )
}

/// The file's bytes, refused unread when it is larger than [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, (String, String)> {
    let unreadable = |e: fs::FsError| {
        (
            format!("cannot read this file: {}", e.source),
            "check that the file exists and is readable".to_string(),
        )
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    guard::check_len(meta.len()).map_err(|e| (e.message, e.help))?;
    fs::read(path).map_err(unreadable)
}
