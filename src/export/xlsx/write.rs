//! Tables → `.xlsx` bytes, with rust_xlsxwriter: a bold header with a frozen first row and an
//! autofilter, id and reference columns formatted as text (so `01` stays `01`), date cells
//! formatted `yyyy-mm-dd`, drop-downs on `status`, tasks' `history.*` and `better`, and the
//! instructions sheet last (the template opens on it; converters that take the first sheet,
//! such as `soffice --convert-to csv`, take the goals).
//!
//! Same input, same bytes: the document's creation date comes from the input, rust_xlsxwriter
//! dates every zip entry 1980-01-01, and nothing else in the file depends on the clock.

use super::{Out, Table};
use crate::date::Date;
use crate::load::year::xlsx::layout::{self, FieldKind, SheetKind};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatBorder,
    Workbook, Worksheet, XlsxError,
};

/// How a workbook is written.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// Vietnamese sheet and column names and drop-down values (the template); English keys
    /// otherwise (the published workbook).
    pub vietnamese: bool,
    /// The document's creation date, from the input (so the bytes do not depend on the clock).
    pub created: Date,
    /// The document's title property.
    pub title: String,
}

/// The last row a drop-down covers (Excel's last row, 0-based).
const LAST_ROW: u32 = 1_048_575;

/// The formats of a data sheet.
struct Formats {
    header: Format,
    text: Format,
    date: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("D9E2F3")
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// The workbook of `tables` (in the layout's sheet order whatever theirs), and its bytes.
pub fn write_workbook(tables: &[Table], opts: &WriteOptions) -> Result<Vec<u8>, String> {
    write(tables, opts).map_err(|e| e.to_string())
}

fn write(tables: &[Table], opts: &WriteOptions) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = excel_date(opts.created)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&opts.title)
            .set_creation_datetime(&created),
    );
    let formats = Formats::new();
    let mut tables: Vec<&Table> = tables.iter().collect();
    tables.sort_by_key(|t| t.kind);
    for t in &tables {
        let ws = wb.add_worksheet();
        ws.set_name(if opts.vietnamese {
            t.kind.vi()
        } else {
            t.kind.key()
        })?;
        ws.set_freeze_panes(1, 0)?;
        for (c, key) in t.columns.iter().enumerate() {
            column(ws, t, to_col(c)?, key, opts.vietnamese, &formats)?;
        }
        rows(ws, t, opts.vietnamese, &formats)?;
        if let Some(last) = t.columns.len().checked_sub(1) {
            ws.autofilter(0, 0, to_row(t.rows.len())?, to_col(last)?)?;
        }
    }
    let ws = wb.add_worksheet();
    super::instructions::write(ws, &tables, opts.vietnamese)?;
    ws.set_active(opts.vietnamese);
    wb.save_to_buffer()
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year())
        .map_err(|_| XlsxError::ParameterError(format!("the year {} is out of range", d.year())))?;
    let (month, day) = (d.month() as u8, d.day() as u8);
    ExcelDateTime::from_ymd(year, month, day)
}

fn to_col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))
}

fn to_row(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::ParameterError("too many rows".into()))
}

/// The kind of a column of `t` (the `year` sheet's are text).
fn kind_of(t: &Table, key: &str) -> FieldKind {
    if t.kind == SheetKind::Year {
        FieldKind::Text
    } else {
        t.kind.column_kind(key)
    }
}

/// The header, width, format and drop-down of one column.
fn column(
    ws: &mut Worksheet,
    t: &Table,
    c: u16,
    key: &str,
    vietnamese: bool,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let kind = kind_of(t, key);
    let header = if key.starts_with('#') {
        key.to_string()
    } else {
        layout::header_for(t.kind, key, vietnamese)
    };
    ws.write_string_with_format(0, c, header, &formats.header)?;
    let wide = key.starts_with("title") || key.starts_with("name");
    let (width, format) = match kind {
        FieldKind::Text if t.kind == SheetKind::Year && key == "value" => (80.0, None),
        FieldKind::Text => (14.0, Some(&formats.text)),
        FieldKind::Link => (30.0, Some(&formats.text)),
        FieldKind::Localized if wide => (50.0, None),
        FieldKind::Localized => (24.0, None),
        FieldKind::Number => (11.0, None),
        FieldKind::Date => (12.0, Some(&formats.date)),
        FieldKind::Status | FieldKind::Better => (16.0, None),
    };
    ws.set_column_width(c, width)?;
    if let Some(f) = format {
        ws.set_column_format(c, f)?;
    }
    if let Some(table) = layout::choices(kind) {
        let list: Vec<&str> = table
            .iter()
            .map(|(k, vi)| if vietnamese { *vi } else { *k })
            .collect();
        let dv = DataValidation::new()
            .allow_list_strings(&list)?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Không hợp lệ / Invalid value")?
            .set_error_message(
                "Chọn một giá trị trong danh sách.\nChoose a value from the list.",
            )?;
        ws.add_data_validation(1, c, LAST_ROW, c, &dv)?;
    }
    Ok(())
}

/// The rows of `t`, from row 2.
fn rows(
    ws: &mut Worksheet,
    t: &Table,
    vietnamese: bool,
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (r, row) in t.rows.iter().enumerate() {
        let r = to_row(r + 1)?;
        for ((c, v), key) in row.iter().enumerate().zip(&t.columns) {
            let c = to_col(c)?;
            match v {
                None => {}
                Some(Out::Text(s)) => {
                    let year_key;
                    let shown = match (vietnamese, layout::choices(kind_of(t, key))) {
                        (true, Some(table)) => table
                            .iter()
                            .find(|(k, _)| k == s)
                            .map_or(s.as_str(), |(_, vi)| vi),
                        (true, None) if t.kind == SheetKind::Evidence && key == "kind" => {
                            layout::EVIDENCE_KINDS
                                .iter()
                                .find(|(k, _)| k == s)
                                .map_or(s.as_str(), |(_, vi)| vi)
                        }
                        (true, None) if t.kind == SheetKind::Year && key == "key" => {
                            year_key = layout::year_key_for(s, true);
                            year_key.as_str()
                        }
                        _ => s.as_str(),
                    };
                    if shown.contains('\n') || shown.len() > 80 {
                        ws.write_string_with_format(r, c, shown, &formats.wrap)?;
                    } else {
                        ws.write_string(r, c, shown)?;
                    }
                }
                Some(Out::Number(n)) if n.is_finite() => {
                    ws.write_number(r, c, *n)?;
                }
                Some(Out::Number(n)) => {
                    return Err(XlsxError::ParameterError(format!(
                        "`{n}` in column `{key}` is not a finite number"
                    )));
                }
                // Excel's dates start in 1900: an earlier one is written as `YYYY-MM-DD` text,
                // which the reader takes as well.
                Some(Out::Date(d)) if d.year() < 1900 => {
                    ws.write_string(r, c, d.to_string())?;
                }
                Some(Out::Date(d)) => {
                    ws.write_datetime_with_format(r, c, excel_date(*d)?, &formats.date)?;
                }
            }
        }
    }
    Ok(())
}
