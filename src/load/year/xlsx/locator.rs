//! Where a value of a workbook's raw year is written: `goals[3].target` → `goals!F5`.
//!
//! Item `i` of a list is the record the reader made it from (empty rows are skipped, so that is
//! not row `i + 2`); a field is the cell of its column in that row, even when the cell is empty
//! (that is where the value belongs); a localised field is the cell of its first language that
//! has a text; a field whose column the sheet lacks is the row's first cell. `year`, `title` and
//! `summary` are the `value` cells of the `year` sheet's rows.

use super::cells::{Sheet, Workbook};
use super::layout::SheetKind;
use super::to_raw::Used;
use crate::diag::Position;
use crate::load::Locator;
use crate::yaml::Seg;
use std::path::{Path, PathBuf};

/// The locator of one workbook.
pub struct SheetLocator {
    path: PathBuf,
    workbook: Workbook,
    used: Used,
}

impl SheetLocator {
    /// The places of `workbook`'s records, of which `used` made the raw year's items.
    pub fn new(path: &Path, workbook: Workbook, used: Used) -> Self {
        SheetLocator {
            path: path.to_path_buf(),
            workbook,
            used,
        }
    }

    fn cell(sheet: &Sheet, row: u32, col: u32) -> Position {
        Position::cell(
            sheet.name.clone(),
            row.saturating_add(1),
            col.saturating_add(1),
        )
    }

    /// A top-level key: the `year` sheet's row for it (`title` → its first language's).
    fn year_key(&self, key: &str) -> Option<Position> {
        let sheet = self.workbook.sheet(SheetKind::Year)?;
        let (row, col) = self.used.year_keys.get(key).copied().or_else(|| {
            self.used
                .year_keys
                .iter()
                .find(|(k, _)| k.split_once('.').is_some_and(|(f, _)| f == key))
                .map(|(_, at)| *at)
        })?;
        Some(Self::cell(sheet, row, col))
    }

    /// A field of item `index` of the list `list`, at `rest` (`[title]`, `[title, en]`).
    fn in_record(&self, list: &str, index: usize, rest: &[Seg]) -> Option<Position> {
        let kind = SheetKind::ALL.into_iter().find(|k| k.key() == list)?;
        if let [Seg::Key(e), Seg::Index(j), tail @ ..] = rest {
            if e == "evidence" {
                return self.in_evidence(kind, index, *j, tail);
            }
        }
        let sheet = self.workbook.sheet(kind)?;
        let rec = sheet.records.get(self.used.record(kind, index)?)?;
        let first_col = rec.cells.values().map(|c| c.col).min().unwrap_or(0);
        let column = |key: &str| sheet.columns.get(key).copied();
        let col = match rest {
            [] => column("id"),
            [Seg::Key(field), Seg::Key(sub), ..] => {
                column(&format!("{field}.{sub}")).or_else(|| self.field_col(sheet, rec, field))
            }
            [Seg::Key(field), ..] => self.field_col(sheet, rec, field),
            _ => None,
        };
        Some(Self::cell(sheet, rec.row, col.unwrap_or(first_col)))
    }

    /// Evidence `j` of item `index` of `kind`: a row of the `evidence` sheet.
    fn in_evidence(
        &self,
        kind: SheetKind,
        index: usize,
        j: usize,
        tail: &[Seg],
    ) -> Option<Position> {
        let sheet = self.workbook.sheet(SheetKind::Evidence)?;
        let r = *self.used.evidence.get(&(kind, index))?.get(j)?;
        let rec = sheet.records.get(r)?;
        let col = match tail {
            [Seg::Key(field), ..] => self.field_col(sheet, rec, field),
            _ => sheet.columns.get("id").copied(),
        };
        let first_col = rec.cells.values().map(|c| c.col).min().unwrap_or(0);
        Some(Self::cell(sheet, rec.row, col.unwrap_or(first_col)))
    }

    /// The column of `field`: its own, or a localised field's first language with a text (or
    /// its first column).
    fn field_col(&self, sheet: &Sheet, rec: &super::cells::Record, field: &str) -> Option<u32> {
        if let Some(c) = sheet.columns.get(field) {
            return Some(*c);
        }
        let prefix = format!("{field}.");
        let mut langs = sheet.columns.iter().filter(|(k, _)| k.starts_with(&prefix));
        let written = langs
            .clone()
            .find(|(k, _)| rec.cells.contains_key(*k))
            .map(|(_, c)| *c);
        written.or_else(|| langs.next().map(|(_, c)| *c))
    }
}

impl Locator for SheetLocator {
    fn is_workbook(&self) -> bool {
        true
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn value(&self, at: &[Seg]) -> Option<Position> {
        match at {
            [Seg::Key(key)] => self.year_key(key),
            [Seg::Key(key), Seg::Key(lang)] => self
                .year_key(&format!("{key}.{lang}"))
                .or_else(|| self.year_key(key)),
            [Seg::Key(list), Seg::Index(i), rest @ ..] => self.in_record(list, *i, rest),
            _ => None,
        }
    }
}
