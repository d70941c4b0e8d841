//! Where a diagnostic points: a line and column of a text file, or a cell of a workbook.

use std::fmt;

/// Where in its file a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Position {
    /// A place in a text file: 1-based line, and 1-based column counted in characters.
    Text {
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters, where there is one.
        column: Option<usize>,
    },
    /// A cell of a workbook, shown `goals!E7`.
    Cell {
        /// The sheet's name as written in the workbook.
        sheet: String,
        /// 1-based row (the `7` of `E7`).
        row: u32,
        /// 1-based column (`E` is 5).
        column: u32,
    },
}

impl Position {
    /// A cell, from its sheet and 1-based row and column.
    pub fn cell(sheet: impl Into<String>, row: u32, column: u32) -> Position {
        Position::Cell {
            sheet: sheet.into(),
            row,
            column,
        }
    }

    /// Where it is, as a sentence says it: `on line 3`, `in cell goals!A3`.
    pub fn phrase(&self) -> String {
        match self {
            Position::Text { line, .. } => format!("on line {line}"),
            Position::Cell { .. } => format!("in cell {self}"),
        }
    }
}

/// `3:12` for a text position (`3` without a column), `goals!E7` for a cell; a sheet name that
/// is not a plain word is quoted as spreadsheets write it (`'Mục tiêu'!E7`).
impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Text { line, column: None } => write!(f, "{line}"),
            Position::Text {
                line,
                column: Some(c),
            } => write!(f, "{line}:{c}"),
            Position::Cell { sheet, row, column } => {
                if !sheet.is_empty() && sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
                    write!(f, "{sheet}!")?;
                } else {
                    write!(f, "'{}'!", sheet.replace('\'', "''"))?;
                }
                write!(f, "{}{row}", column_letters(*column))
            }
        }
    }
}

/// A spreadsheet column's letters: 1 → `A`, 26 → `Z`, 27 → `AA`.
pub fn column_letters(column: u32) -> String {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}
