//! Tests of the workbook layout: sheet and column names, in every language.

use super::*;

fn langs() -> Vec<String> {
    vec!["vi".into(), "en".into()]
}

fn key(kind: SheetKind, h: &str) -> String {
    match classify_column(kind, h, &langs()) {
        Ok(Column::Key(k)) => k,
        other => panic!("{h}: {other:?}"),
    }
}

#[test]
fn folding() {
    assert_eq!(fold("  Mục   tiêu "), "muc tieu");
    assert_eq!(fold("MỤC TIÊU"), "muc tieu");
    assert_eq!(fold("Mu\u{0323}c tie\u{0302}u"), "muc tieu");
    assert_eq!(fold("Hoà"), fold("Hòa"));
    assert_eq!(fold("Đơn vị"), "don vi");
}

#[test]
fn sheets() {
    assert_eq!(classify_sheet("Goals"), SheetName::Data(SheetKind::Goals));
    assert_eq!(
        classify_sheet("Mục tiêu"),
        SheetName::Data(SheetKind::Goals)
    );
    assert_eq!(
        classify_sheet("nhiem vu"),
        SheetName::Data(SheetKind::Tasks)
    );
    assert_eq!(classify_sheet("Hướng dẫn"), SheetName::Instructions);
    assert_eq!(classify_sheet("Sheet1"), SheetName::Unknown);
    assert_eq!(did_you_mean("goal", sheet_names()), Some("goals"));
    assert_eq!(did_you_mean("Muc tieu", sheet_names()), Some("Mục tiêu"));
    assert_eq!(did_you_mean("Muc tieu 2023", sheet_names()), None);
}

#[test]
fn columns_in_both_languages() {
    assert_eq!(key(SheetKind::Goals, "id"), "id");
    assert_eq!(key(SheetKind::Goals, "Mã"), "id");
    assert_eq!(key(SheetKind::Goals, "Title.VI"), "title.vi");
    assert_eq!(key(SheetKind::Goals, "Tên (en)"), "title.en");
    assert_eq!(key(SheetKind::Goals, "title"), "title.vi");
    assert_eq!(key(SheetKind::Goals, "Đơn vị tính (vi)"), "unit.vi");
    assert_eq!(key(SheetKind::Goals, "history.Q1"), "history.Q1");
    assert_eq!(key(SheetKind::Goals, "Kỳ Q2"), "history.Q2");
    assert_eq!(key(SheetKind::Tasks, "Trạng thái"), "status");
    assert_eq!(key(SheetKind::Indicators, "out_of"), "out_of");
    assert_eq!(key(SheetKind::Goals, "Chi tieu"), "target");
    assert_eq!(key(SheetKind::Goals, "ĐVT (en)"), "unit.en");
    assert_eq!(key(SheetKind::Plans, "Trích yếu (vi)"), "title.vi");
    assert_eq!(
        classify_column(SheetKind::Goals, "# ghi chú nội bộ", &langs()),
        Ok(Column::Ignored)
    );
}

#[test]
fn unknown_columns_say_what_was_meant() {
    let e = classify_column(SheetKind::Goals, "titel.vi", &langs()).unwrap_err();
    assert_eq!(e.message, "unknown column `titel.vi`");
    assert!(e.help.contains("did you mean `title.vi`?"), "{}", e.help);
    let e = classify_column(SheetKind::Goals, "title.fr", &langs()).unwrap_err();
    assert!(e.message.contains("`fr`"), "{}", e.message);
    assert!(classify_column(SheetKind::Plans, "history.Q1", &langs()).is_err());
    let e = classify_column(SheetKind::Goals, "history.", &langs()).unwrap_err();
    assert!(e.message.contains("names no review"), "{}", e.message);
}

#[test]
fn no_two_names_of_a_sheet_fold_alike() {
    for kind in SheetKind::ALL {
        let names = column_names(kind.fields(), kind.history().is_some(), &langs());
        let mut folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
        folded.sort();
        let before = folded.len();
        folded.dedup();
        assert_eq!(before, folded.len(), "{kind:?}: {names:?}");
    }
    let mut sheets: Vec<String> = sheet_names().map(fold).collect();
    sheets.sort();
    let before = sheets.len();
    sheets.dedup();
    assert_eq!(before, sheets.len());
}

#[test]
fn drop_down_values_in_both_languages() {
    assert_eq!(canonical_value(STATUS_VALUES, "Hoàn thành"), Some("done"));
    assert_eq!(
        canonical_value(STATUS_VALUES, "in progress"),
        Some("in_progress")
    );
    assert_eq!(
        canonical_value(STATUS_VALUES, "CHUA THUC HIEN"),
        Some("not_started")
    );
    assert_eq!(canonical_value(BETTER_VALUES, "thấp hơn"), Some("lower"));
    assert_eq!(canonical_value(STATUS_VALUES, "finished"), None);
}

#[test]
fn headers_written() {
    assert_eq!(header_for(SheetKind::Goals, "title.vi", true), "Tên (vi)");
    assert_eq!(header_for(SheetKind::Goals, "history.Q1", true), "Kỳ Q1");
    assert_eq!(header_for(SheetKind::Tasks, "due", true), "Thời hạn");
    assert_eq!(header_for(SheetKind::Tasks, "due", false), "due");
    assert_eq!(year_key_for("summary.en", true), "Tóm tắt (en)");
    assert_eq!(SheetKind::Tasks.column_kind("history.Q1"), Status);
    assert_eq!(SheetKind::Goals.column_kind("title.en"), Localized);
}
