//! The report as a whole: the same bytes for the same input, a year with nothing in it,
//! characters the font lacks, and a theme's style.

use super::*;

fn sample(title: &str) -> Report {
    let goal = |id: &str, title: &str| GoalRow {
        id: id.into(),
        title: title.into(),
        target: "80 %".into(),
        actual: "85,6 %".into(),
        completion: "107 %".into(),
        level: "Hoàn thành, vượt kế hoạch".into(),
    };
    Report {
        lang: "vi".into(),
        title: "Chuyển đổi số năm 2023".into(),
        organisation: "Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai".into(),
        kind: "Báo cáo kết quả thực hiện".into(),
        site: "Tiến độ".into(),
        address: "https://example.gov.vn/cds/nam/2023/".into(),
        date: (2023, 12, 19),
        document_id: "https://example.gov.vn/cds/nam/2023/bao-cao-2023.pdf".into(),
        labels: Labels {
            page: "Trang {n}/{total}".into(),
            goals: "Mục tiêu".into(),
            reviews: "Các kỳ đánh giá".into(),
            ..Labels::default()
        },
        goal_groups: vec![Group {
            name: "Nhận thức, thể chế (1/2 hoàn thành)".into(),
            rows: vec![goal("G01", title), goal("G02", "Tỷ lệ hồ sơ được số hóa")],
        }],
        reviews: vec![ReviewRow {
            title: "Họp Ban Chỉ đạo quý I/2023".into(),
            date: "12/04/2023".into(),
            goals: "3/23 hoàn thành".into(),
            tasks: "5/23 hoàn thành".into(),
            summary: Some("Bổ sung 7 mục tiêu.".into()),
        }],
        ..Report::default()
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let r = sample("Tỷ lệ cán bộ được bồi dưỡng kỹ năng số");
    let a = pdf(&r, &Style::default()).expect("a PDF");
    assert!(a.starts_with(b"%PDF-1.7"));
    assert_eq!(a, pdf(&r, &Style::default()).expect("a PDF"));
    let mut other = r.clone();
    other.goal_groups[0].rows[0].actual = "86 %".into();
    assert_ne!(a, pdf(&other, &Style::default()).expect("a PDF"));
}

#[test]
fn a_year_with_nothing_in_it_still_has_a_report() {
    let r = Report {
        lang: "en".into(),
        ..Report::default()
    };
    if let Err(e) = pdf(&r, &Style::default()) {
        panic!("{e}");
    }
}

#[test]
fn characters_the_font_lacks_keep_the_report_valid() {
    // krilla's PDF/UA-1 validator refuses a `.notdef` glyph: the substitute keeps it valid.
    let r = sample("Hợp tác với 中国 🚀, 👨‍👩‍👧 và \u{1}");
    if let Err(e) = pdf(&r, &Style::default()) {
        panic!("{e}");
    }
}

#[test]
fn a_style_changes_the_bytes() {
    let r = sample("Tỷ lệ cán bộ được bồi dưỡng kỹ năng số");
    let style = Style::parse("colours: {heading: \"#7b1fa2\"}\n", "t").expect("a style");
    assert_ne!(
        pdf(&r, &Style::default()).expect("a PDF"),
        pdf(&r, &style).expect("a PDF")
    );
}
