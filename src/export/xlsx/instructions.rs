//! The instructions sheet: how to fill the workbook, in Vietnamese and English, then every
//! sheet's columns with both names and what they mean. tiendo skips it when reading.

use super::Table;
use crate::load::year::xlsx::layout::{self, FieldKind, SheetKind};
use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

/// The rules, in both languages.
const GENERAL: &[(&str, &str)] = &[
    (
        "Mỗi trang là một phần của báo cáo năm; hàng 1 là tên cột, mỗi hàng sau là một mục. Ô trống là không có giá trị; hàng trống được bỏ qua.",
        "Each sheet is one part of the year's report; row 1 holds the column names, each row below one record. An empty cell is an absent value; empty rows are skipped.",
    ),
    (
        "Số: nhập ô số, hoặc văn bản với dấu phẩy thập phân (85,5 là 85.5) và dấu chấm phân cách hàng nghìn (1.234,5). Viết 1234 thay vì 1.234 (dễ nhầm).",
        "Numbers: a number cell, or text with the decimal comma (85,5 means 85.5) and the dot between thousands (1.234,5). Write 1234, not the ambiguous 1.234.",
    ),
    (
        "Ngày: ô ngày, hoặc văn bản dạng NĂM-THÁNG-NGÀY (2023-12-31).",
        "Dates: a date cell, or text as YYYY-MM-DD (2023-12-31).",
    ),
    (
        "Công thức được đọc theo kết quả đã lưu (hãy lưu tệp trong Excel); không gộp ô; không ẩn trang chứa dữ liệu. Cột có tên bắt đầu bằng # chỉ dành cho người đọc.",
        "Formulas are read by their saved result (save the file in Excel); do not merge cells; do not hide sheets with data. A column whose name starts with # is for people only.",
    ),
    (
        "Tên trang và tên cột có thể viết bằng tiếng Việt hoặc tiếng Anh, như dưới đây.",
        "Sheet and column names may be Vietnamese or English, as below.",
    ),
];

/// Writes the sheet, named `Hướng dẫn` in the template and `instructions` otherwise.
pub(super) fn write(
    ws: &mut Worksheet,
    tables: &[&Table],
    vietnamese: bool,
) -> Result<(), XlsxError> {
    ws.set_name(if vietnamese {
        layout::INSTRUCTIONS_VI
    } else {
        layout::INSTRUCTIONS_EN
    })?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (c, w) in [(0u16, 24.0), (1, 50.0), (2, 24.0), (3, 50.0)] {
        ws.set_column_width(c, w)?;
    }
    ws.write_string_with_format(0, 0, "Hướng dẫn", &bold)?;
    ws.write_string_with_format(0, 2, "Instructions", &bold)?;
    let mut r = 1u32;
    for (vi, en) in GENERAL {
        ws.write_string_with_format(r, 1, *vi, &wrap)?;
        ws.write_string_with_format(r, 3, *en, &wrap)?;
        ws.set_row_height(r, 45.0)?;
        r += 1;
    }
    r += 1;
    for t in tables {
        r = sheet_columns(ws, t.kind, r, &bold, &wrap)? + 1;
    }
    Ok(())
}

/// One sheet's columns from row `r`; returns the next free row.
fn sheet_columns(
    ws: &mut Worksheet,
    kind: SheetKind,
    mut r: u32,
    bold: &Format,
    wrap: &Format,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(r, 0, format!("Trang «{}»", kind.vi()), bold)?;
    ws.write_string_with_format(r, 2, format!("Sheet “{}”", kind.key()), bold)?;
    r += 1;
    let fields = if kind == SheetKind::Year {
        layout::YEAR_KEYS
    } else {
        kind.fields()
    };
    for fl in fields {
        let (vi, en) = if fl.kind == FieldKind::Localized {
            (
                format!("{0} (vi), {0} (en)", fl.vi),
                format!("{0}.vi, {0}.en", fl.key),
            )
        } else {
            (fl.vi.to_string(), fl.key.to_string())
        };
        ws.write_string(r, 0, vi)?;
        ws.write_string_with_format(r, 1, fl.vi_help, wrap)?;
        ws.write_string(r, 2, en)?;
        ws.write_string_with_format(r, 3, fl.en_help, wrap)?;
        r += 1;
    }
    if let Some(history) = kind.history() {
        let (vi, en) = if history == FieldKind::Status {
            (
                "Trạng thái tại kỳ đánh giá (mã kỳ ở trang Kỳ đánh giá)",
                "Status at that review (review ids: reviews sheet)",
            )
        } else {
            (
                "Giá trị tại kỳ đánh giá (mã kỳ ở trang Kỳ đánh giá)",
                "Value at that review (review ids: reviews sheet)",
            )
        };
        ws.write_string(r, 0, format!("{} <mã kỳ>", layout::HISTORY_VI))?;
        ws.write_string_with_format(r, 1, vi, wrap)?;
        ws.write_string(r, 2, "history.<review id>")?;
        ws.write_string_with_format(r, 3, en, wrap)?;
        r += 1;
    }
    Ok(r)
}
