//! Year workbooks: The template and `convert`.

use super::*;

#[test]
fn new_year_xlsx_writes_a_vietnamese_template_that_carries_over_and_builds() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["new", "year", "2024", "--xlsx"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.says("carried over from 2023: 3 of 4 goals not completed (G02, G03, G04)");
    let bytes = std::fs::read(site.root().join("content/years/2024.xlsx")).expect("template");
    let parts = unzip(&bytes);
    let wb = &parts["xl/workbook.xml"];
    for name in [
        "Mục tiêu",
        "Nhiệm vụ",
        "Kế hoạch",
        "Nhóm",
        "Kỳ đánh giá",
        "Năm",
        "Hướng dẫn",
    ] {
        assert!(wb.contains(&format!("name=\"{name}\"")), "{name}: {wb}");
    }
    let goals = &parts["xl/worksheets/sheet1.xml"];
    assert!(goals.contains("state=\"frozen\""), "a frozen first row");
    let strings = &parts["xl/sharedStrings.xml"];
    for s in [
        "Tên (vi)",
        "Chỉ tiêu",
        "# 2023",
        "Đang thực hiện",
        "Giá trị ban đầu",
    ] {
        assert!(strings.contains(s), "{s}");
    }
    let tasks = &parts["xl/worksheets/sheet2.xml"];
    assert!(
        tasks.contains("<dataValidation type=\"list\"")
            && tasks.contains("Hoàn thành,Đang thực hiện,Chưa thực hiện"),
        "the status drop-down: {tasks}"
    );
    assert!(parts["xl/worksheets/sheet5.xml"].contains("Thấp hơn,Cao hơn"));
    assert!(
        strings.contains("85,5"),
        "the instructions say what 85,5 means"
    );
    // It builds as it is: progress starts again at 0, a target keeps its actual.
    site.build_ok();
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/en/years/2024/data.json")).expect("JSON");
    let ids: Vec<&str> = data["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .map(|g| g["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(ids, ["G02", "G03", "G04"]);
    assert_eq!(data["goals"][1]["progress"], 0.0);
    assert_eq!(data["tasks"].as_array().map(Vec::len), Some(2));
    // Never over an existing year, in either format.
    for args in [
        &["new", "year", "2024", "--xlsx"][..],
        &["new", "year", "2024"],
    ] {
        let r = site.run(args);
        assert_eq!(r.code, 1, "{}", r.stderr);
        r.says("exists already");
    }
}

#[test]
fn convert_refuses_to_overwrite_to_convert_a_year_with_errors_and_other_files() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["convert", "years/2023.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.says("remove it (or move it out of `content/`) before building");
    let first = std::fs::read(site.root().join("content/years/2023.xlsx")).expect("converted");
    // Same input, same bytes; and never over the file already there.
    let again = site.run(&["convert", "content/years/2023.yaml"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    again.says("this file exists already; tiendo never overwrites it");
    site.remove("content/years/2023.xlsx");
    site.run(&["convert", "./years/2023.yaml"]);
    assert_eq!(
        first,
        std::fs::read(site.root().join("content/years/2023.xlsx")).unwrap()
    );
    // Both files: the build names both.
    let r = site.build_fails();
    r.says(
        "the year is kept in two files, `content/years/2023.xlsx` and `content/years/2023.yaml`",
    );
    site.remove("content/years/2023.xlsx");
    // A year with errors is not converted.
    site.edit("content/years/2023.yaml", "group: dgov\n", "group: dgv\n");
    let r = site.run(&["convert", "years/2023.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("did you mean `dgov`?")
        .says("the year has 1 error: it is not converted");
    assert!(!r.stderr.contains("above"), "{}", r.stderr);
    assert!(!site.root().join("content/years/2023.xlsx").exists());
    let r = site.run(&["convert", "news/tong-ket.vi.md"]);
    assert_eq!(r.code, 1);
    r.says("`tiendo convert` converts a year file");
}
