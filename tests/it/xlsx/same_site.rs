//! Year workbooks: The same site.

use super::*;

/// Every year of the example in the other format (the YAML years as workbooks, 2024's workbook
/// as YAML), then back: the site comes out byte for byte the same, workbooks included (the
/// published workbook is written from the model, whatever the source's format).
#[test]
fn every_year_of_the_example_converts_both_ways_to_the_same_site() {
    let site = SiteTest::example();
    site.build_ok();
    let before = site.output_files();
    assert!(before.contains_key("nam/2024/2024.xlsx"));
    assert!(before.contains_key("en/years/2023/2023.xlsx"));
    let years = |site: &SiteTest| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(site.root().join("content/years"))
            .expect("years")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert!(years(&site).contains(&"2024.xlsx".to_string()));
    for round in 0..2 {
        for name in years(&site) {
            let r = site.run(&["convert", &format!("years/{name}")]);
            assert_eq!(r.code, 0, "convert {name}: {}", r.stderr);
            site.remove(&format!("content/years/{name}"));
        }
        site.build_ok();
        let after = site.output_files();
        for (path, bytes) in &before {
            assert!(
                after.get(path) == Some(bytes),
                "round {round}: {path} differs"
            );
        }
        assert_eq!(before.len(), after.len(), "round {round}");
    }
    assert!(years(&site).contains(&"2024.xlsx".to_string()));
}

/// The published `/nam/2023/2023.xlsx`, put in place of `2023.yaml`, builds the same site.
#[test]
fn the_published_workbook_read_back_builds_the_same_site() {
    let site = SiteTest::example();
    site.build_ok();
    let before = site.output_files();
    let published = &before["nam/2023/2023.xlsx"];
    assert_eq!(published, &before["en/years/2023/2023.xlsx"]);
    site.remove("content/years/2023.yaml");
    site.write("content/years/2023.xlsx", published);
    site.build_ok();
    assert_eq!(before, site.output_files());
    // Linked from the year page, beside the CSV and JSON files.
    let page = site.read("output/en/years/2023/index.html");
    assert!(page.contains("href=\"2023.xlsx\""), "{page}");
    assert!(page.contains("Workbook of the year"), "{page}");
}

/// A year with reviews, `history` and evidence of every kind, through a workbook and back.
#[test]
fn reviews_history_and_evidence_survive_both_conversions() {
    let site = SiteTest::fixture("minimal");
    site.write("content/static/ke-hoach/bien-ban-q1.pdf", "pdf");
    site.edit(
        "content/years/2023.yaml",
        "plans:\n",
        "reviews:\n  - {id: Q1, date: 2023-04-12, title: {vi: \"Họp quý I\", en: \"Q1 meeting\"}, document: /ke-hoach/bien-ban-q1.pdf}\n  - id: Q2\n    date: 2023-07-14\n    evidence: [{title: {vi: \"Báo cáo\", en: \"Report\"}, url: \"https://example.gov.vn/b.pdf\"}]\n  - {id: Q4, date: 2023-12-19}\nplans:\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "    actual: 85.5\n",
        "    actual: 85.5\n    history: {Q1: 40, Q2: 70.5}\n    evidence: [{title: {vi: \"Quyết định\", en: \"Decision\"}, url: /ke-hoach/bien-ban-q1.pdf}]\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "    status: in_progress\n",
        "    status: in_progress\n    history: {Q1: not_started}\n",
    );
    site.build_ok();
    let before = site.output_files();
    let parts = unzip(&before["nam/2023/2023.xlsx"]);
    let strings = &parts["xl/sharedStrings.xml"];
    // A column per review but the latest, whose values are the current ones.
    for s in [
        "history.Q1",
        "history.Q2",
        "Decision",
        "review",
        "https://example.gov.vn/b.pdf",
    ] {
        assert!(strings.contains(s), "{s}: {strings}");
    }
    assert!(!strings.contains("history.Q4"), "{strings}");
    for (from, to) in [("yaml", "xlsx"), ("xlsx", "yaml")] {
        let r = site.run(&["convert", &format!("years/2023.{from}")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        site.remove(&format!("content/years/2023.{from}"));
        site.build_ok();
        assert_eq!(before, site.output_files(), "2023.{to}");
    }
}

/// A value written at the latest review (an item confirmed unchanged, as `tiendo check`
/// suggests) is kept by both conversions and by the published workbook: the item is not marked
/// "no update since" after the round trip.
#[test]
fn a_history_value_at_the_latest_review_survives_both_conversions() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        "content/years/2023.yaml",
        "plans:\n",
        "reviews:\n  - {id: Q2, date: 2023-07-14}\n  - {id: Q4, date: 2023-12-19}\nplans:\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "    progress: 70\n",
        "    progress: 70\n    history: {Q2: 70, Q4: 70}\n",
    );
    site.build_ok();
    let before = site.output_files();
    let page = String::from_utf8_lossy(&before["en/goals/g03/index.html"]).into_owned();
    assert!(!page.contains("No update since"), "{page}");
    let strings = &unzip(&before["nam/2023/2023.xlsx"])["xl/sharedStrings.xml"];
    assert!(strings.contains("history.Q4"), "{strings}");
    for (from, to) in [("yaml", "xlsx"), ("xlsx", "yaml")] {
        let r = site.run(&["convert", &format!("years/2023.{from}")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        site.remove(&format!("content/years/2023.{from}"));
        site.build_ok();
        assert_eq!(before, site.output_files(), "2023.{to}");
    }
    assert!(site.read("content/years/2023.yaml").contains("Q4"));
}

/// A `history.<review>` cell of the wrong kind gets its YAML twin's message and hint, at the
/// cell: a status on a goal, a number on a task; a Vietnamese status name is read.
#[test]
fn history_cells_of_the_wrong_kind_say_what_yaml_says() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "reviews",
            &[
                &[S("id"), S("date")],
                &[S("Q1"), S("2025-04-10")],
                &[S("Q4"), S("2025-12-10")],
            ],
        );
        sheet(
            wb,
            "goals",
            &[
                &[
                    S("id"),
                    S("title.vi"),
                    S("title.en"),
                    S("progress"),
                    S("Kỳ Q1"),
                ],
                &[S("G1"), S("a"), S("a"), N(40.0), S("done")],
            ],
        );
        sheet(
            wb,
            "tasks",
            &[
                &[
                    S("id"),
                    S("title.vi"),
                    S("title.en"),
                    S("status"),
                    S("history.Q1"),
                ],
                &[S("T1"), S("a"), S("a"), S("done"), N(5.0)],
                &[S("T2"), S("b"), S("b"), S("done"), S("Đang thực hiện")],
            ],
        );
    }));
    let r = site.build_fails();
    let goal = "goal `G1` has the status `done` at review `Q1`: a goal's `history` holds numbers";
    expect(
        &r.stderr,
        "error",
        goal,
        "goals!E2",
        "statuses belong to tasks",
    );
    let task = "task `T1` has the number 5 at review `Q1`: a task's `history` holds statuses";
    expect(
        &r.stderr,
        "error",
        task,
        "tasks!E2",
        "numbers belong to goals",
    );
    assert!(!r.stderr.contains("T2"), "{}", r.stderr);
    // The same mistakes in YAML.
    site.remove("content/years/2025.xlsx");
    site.write(
        "content/years/2025.yaml",
        "year: 2025\nreviews:\n  - {id: Q1, date: 2025-04-10}\n  - {id: Q4, date: 2025-12-10}\ngoals:\n  - {id: G1, title: a, progress: 40, history: {Q1: done}}\ntasks:\n  - {id: T1, title: a, status: done, history: {Q1: 5}}\n",
    );
    site.build_fails().says(goal).says(task);
}

/// `tiendo check` on a year kept as a workbook places its warnings at their cells, and its
/// hints say what to write in a workbook, not in YAML.
#[test]
fn check_places_its_warnings_on_a_workbook_at_their_cells() {
    let site = SiteTest::fixture("reviews");
    let r = site.run(&["convert", "years/2023.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    site.remove("content/years/2023.yaml");
    let r = site.run(&["check"]);
    const F: &str = "content/years/2023.xlsx";
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stale = "goal `G03` has had no update since review Q2";
    expect_in(
        F,
        &r.stderr,
        "warning",
        stale,
        "'Mục tiêu'!F4",
        "in its column `history.Q4` (`Kỳ Q4`)",
    );
    let over = "goal `G01` is at 106.88 % of its target";
    expect_in(
        F,
        &r.stderr,
        "warning",
        over,
        "'Mục tiêu'!H2",
        "check its figures",
    );
    let external =
        "1 document of 2023 is outside the site and was not followed: cell 'Minh chứng'!E2";
    expect_in(
        F,
        &r.stderr,
        "warning",
        external,
        "'Minh chứng'!E2",
        "open each one",
    );
    let missing = "missing translation: the title of goal `G04`";
    expect_in(
        F,
        &r.stderr,
        "warning",
        missing,
        "'Mục tiêu'!B5",
        "`title.vi`, `title.en`",
    );
    let report = "content/years/2023.xlsx 'Mục tiêu'!B5: goal `G04` title: no en";
    assert!(r.stdout.contains(report), "{}", r.stdout);
    assert!(!r.stderr.contains("{vi:"), "{}", r.stderr);
}

/// Text numbers follow the Vietnamese writing (`85,5` is 85.5); Vietnamese sheet, column and
/// status names are read; an ambiguous `1.234` is an error at its cell.
#[test]
fn numbers_with_a_decimal_comma_and_vietnamese_names_are_read() {
    let site = site_with(&book(good_year));
    site.build_ok();
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/en/years/2025/data.json")).expect("JSON");
    assert_eq!(data["goals"][1]["completion"], 85.5, "{data}");
    assert_eq!(data["tasks"][0]["status"], "in_progress", "{data}");
    site.write(
        "content/years/2025.xlsx",
        book(|wb| {
            sheet(
                wb,
                "goals",
                &[GOALS_HEADER, &[S("G1"), S("a"), S("a"), S("1.234")]],
            );
        }),
    );
    fails_at(
        &site,
        "`1.234` could be 1234 or 1.234",
        "goals!D2",
        "write it without a thousands separator (`1234`)",
    );
}
