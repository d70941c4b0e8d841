//! Year workbooks (`content/years/<YYYY>.xlsx`, CONTRACT §5): the same site from a workbook as
//! from YAML (every year of the example converted both ways; the published workbook read back),
//! LibreOffice's reading of the published workbook, the template, `convert`, and one test per
//! class of bad input, each asserting the file, the sheet and cell, and the hint.

use crate::support::{read_tree, Run, SiteTest};
use rust_xlsxwriter::{Formula, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

/// The cells of a test sheet: text, a number, a formula (written without a computed result).
#[derive(Clone, Copy)]
enum C {
    S(&'static str),
    N(f64),
    F(&'static str),
    E,
}

/// Writes `rows` into a new sheet `name` (row 1 the header).
fn sheet<'a>(wb: &'a mut Workbook, name: &str, rows: &[&[C]]) -> &'a mut Worksheet {
    let ws = wb.add_worksheet();
    ws.set_name(name).expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                C::F(f) => ws.write_formula(r, c, Formula::new(*f)).map(|_| ()),
                C::E => Ok(()),
            }
            .expect("cell");
        }
    }
    ws
}

/// A workbook made by `build`.
fn book(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(&mut wb);
    wb.save_to_buffer().expect("workbook")
}

use C::{E, N, S};

const GOALS_HEADER: &[C] = &[S("id"), S("title.vi"), S("title.en"), S("progress")];

/// A small good year: two goals, one task.
fn good_year(wb: &mut Workbook) {
    sheet(
        wb,
        "goals",
        &[
            GOALS_HEADER,
            &[S("G1"), S("Mục tiêu một"), S("Goal one"), N(40.0)],
            &[S("G2"), S("Mục tiêu hai"), S("Goal two"), S("85,5")],
        ],
    );
    sheet(
        wb,
        "Nhiệm vụ",
        &[
            &[S("Mã"), S("Tên (vi)"), S("Tên (en)"), S("Trạng thái")],
            &[S("T1"), S("Nhiệm vụ"), S("Task"), S("Đang thực hiện")],
        ],
    );
}

/// The `minimal` fixture with `content/years/2025.xlsx`, built once so that there is an
/// output to keep.
fn site_with(bytes: &[u8]) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    site.write("content/years/2025.xlsx", bytes);
    site
}

/// Asserts a failed build whose diagnostic says `message` at `place` (`goals!C1`, or nothing
/// for the file) with a hint containing `help`, and that the previous output is untouched.
fn fails_at(site: &SiteTest, message: &str, place: &str, help: &str) -> Run {
    let before = site.output_files();
    let r = site.build_fails();
    expect(&r.stderr, "error", message, place, help);
    assert!(
        r.stderr.contains("the previous output was left as it was"),
        "{}",
        r.stderr
    );
    assert_eq!(before, site.output_files(), "the output changed");
    r
}

/// The first lines of the errors in `stderr` (`error: …`).
fn errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

/// Asserts that `stderr` holds a `kind` (`error`, `warning`) saying `message`, placed at
/// `content/years/2025.xlsx` and `place`, with `help` in its hint.
fn expect(stderr: &str, kind: &str, message: &str, place: &str, help: &str) {
    expect_in(
        "content/years/2025.xlsx",
        stderr,
        kind,
        message,
        place,
        help,
    );
}

/// As [`expect`], about the file `file`.
fn expect_in(file: &str, stderr: &str, kind: &str, message: &str, place: &str, help: &str) {
    let at = if place.is_empty() {
        format!(" --> {file}\n")
    } else {
        format!(" --> {file}: {place}\n")
    };
    let found = stderr.split("\n\n").any(|d| {
        // `check`'s progress note may stand on the line above the first diagnostic.
        let d = d
            .strip_prefix("checking… (more than a second so far)\n")
            .unwrap_or(d);
        d.starts_with(&format!("{kind}: "))
            && d.lines().next().is_some_and(|l| l.contains(message))
            && d.contains(&at)
            && d.lines().any(|l| l.contains("= help:") && l.contains(help))
    });
    assert!(
        found,
        "no {kind} `{message}` at `{place}` with help `{help}` in:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// The same site

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

// ---------------------------------------------------------------------------------------------
// LibreOffice

/// The CSV filter's options: comma, quote, UTF-8 (76), and the sheet number last.
const CSV_FILTER: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1";

fn soffice() -> Option<std::path::PathBuf> {
    let found = ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "LibreOffice (soffice) is missing on CI: .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed here");
    }
    found
}

/// `soffice --headless --convert-to csv` reads the published workbook (no repair needed), and
/// its first sheet, the goals, holds the cells of `goals.csv` in each language.
#[test]
fn libreoffice_converts_the_published_workbook_to_the_cells_of_goals_csv() {
    let Some(soffice) = soffice() else { return };
    let site = SiteTest::example();
    site.build_ok();
    let out = site.root().join("lo");
    let profile = site.root().join("lo-profile");
    let r = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", CSV_FILTER, "--outdir"])
        .arg(&out)
        .arg(site.root().join("output/nam/2023/2023.xlsx"))
        .output()
        .expect("run soffice");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    // LibreOffice names the CSV of one sheet after it: `2023-goals.csv`.
    let sheet = table(&std::fs::read(out.join("2023-goals.csv")).expect("the converted CSV"));
    let header = &sheet[0];
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    for (lang, csv) in [
        ("vi", "output/nam/2023/goals.csv"),
        ("en", "output/en/years/2023/goals.csv"),
    ] {
        let goals = table(site.read(csv).as_bytes());
        let gcol = |name: &str| goals[0].iter().position(|h| h == name).expect(name);
        assert_eq!(goals.len(), sheet.len(), "{lang}: one row per goal");
        for (g, s) in goals.iter().zip(&sheet).skip(1) {
            for key in [
                "id", "group", "plan", "progress", "target", "actual", "baseline",
            ] {
                assert_eq!(g[gcol(key)], s[col(key)], "{lang}: `{key}` of {}", g[0]);
            }
            assert_eq!(g[gcol("title")], s[col(&format!("title.{lang}"))], "{lang}");
            assert_eq!(g[gcol("unit")], s[col(&format!("unit.{lang}"))], "{lang}");
        }
    }
}

/// CSV bytes (a BOM allowed) as rows of cells.
fn table(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("a CSV row").iter().map(str::to_string).collect())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The template and `convert`

/// The entries of a zip, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).expect("entry");
        let name = e.name().expect("name").to_string();
        let mut text = String::new();
        e.read_to_string(&mut text).expect("text");
        out.insert(name, text);
    }
    out
}

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

// ---------------------------------------------------------------------------------------------
// Bad input, one class a test

#[test]
fn a_truncated_or_corrupt_workbook_is_damaged() {
    let good = book(good_year);
    let site = site_with(&good[..good.len() / 2]);
    fails_at(
        &site,
        "the workbook is damaged: it is not a complete zip archive",
        "",
        "save it again as an Excel workbook (.xlsx)",
    );
    site.write("content/years/2025.xlsx", "id,title\nG1,x\n");
    fails_at(
        &site,
        "the file is not an Excel workbook (.xlsx)",
        "",
        "save it as Excel Workbook (.xlsx)",
    );
    site.write("content/years/2025.xlsx", "");
    fails_at(&site, "the file is empty", "", "restore a copy");
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let mut z = zip::ZipWriter::new_append(Cursor::new(book(good_year))).expect("zip");
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("xl/media/image1.png", opts).expect("entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..100 {
        z.write_all(&zeros).expect("zeros");
    }
    let bomb = z.finish().expect("zip").into_inner();
    assert!(bomb.len() < 1_000_000, "{}", bomb.len());
    let site = site_with(&bomb);
    let t = std::time::Instant::now();
    fails_at(
        &site,
        "the workbook would unpack to 104.9 MB, more than the 64.0 MB tiendo reads",
        "",
        "remove pictures and unused sheets",
    );
    assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
}

/// An OLE compound file with the given streams.
fn compound_file(streams: &[&str]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("cfb");
    for s in streams {
        let mut st = cf.create_stream(format!("/{s}")).expect("stream");
        st.write_all(&[0u8; 600]).expect("write");
    }
    cf.flush().expect("flush");
    cf.into_inner().into_inner()
}

#[test]
fn a_password_protected_workbook_says_how_to_remove_the_password() {
    let site = site_with(&compound_file(&["EncryptionInfo", "EncryptedPackage"]));
    fails_at(
        &site,
        "the workbook is password-protected",
        "",
        "remove the password",
    );
}

#[test]
fn an_xls_is_told_to_be_saved_as_xlsx() {
    let xls = compound_file(&["Workbook"]);
    let site = site_with(&xls);
    fails_at(
        &site,
        "the file is an old Excel 97–2003 workbook (.xls)",
        "",
        "save it as Excel Workbook (.xlsx)",
    );
    site.remove("content/years/2025.xlsx");
    site.write("content/years/2025.xls", &xls);
    let r = site.build_fails();
    r.says("error: the file is an old Excel 97–2003 workbook (.xls): tiendo reads a year as `.yaml` or `.xlsx`")
        .says(" --> content/years/2025.xls\n");
    site.remove("content/years/2025.xls");
    site.write("content/years/2025.ods", "PK");
    site.build_fails()
        .says("an OpenDocument spreadsheet (.ods)");
}

#[test]
fn yaml_and_xlsx_for_one_year_is_an_error_naming_both() {
    let site = site_with(&book(good_year));
    site.write("content/years/2025.yaml", "year: 2025\n");
    let before = site.output_files();
    let r = site.build_fails();
    r.says("error: the year is kept in two files, `content/years/2025.xlsx` and `content/years/2025.yaml`")
        .says("= help: keep one of them");
    assert_eq!(before, site.output_files());
}

#[test]
fn an_unknown_sheet_is_a_warning_with_did_you_mean() {
    let site = site_with(&book(|wb| {
        good_year(wb);
        sheet(wb, "indicator", &[&[S("id")], &[S("x")]]);
    }));
    let r = site.build_ok();
    expect(
        &r.stderr,
        "warning",
        "sheet `indicator` is not one tiendo reads: it is ignored",
        "indicator!A1",
        "did you mean `indicators`?",
    );
}

#[test]
fn an_unknown_column_is_an_error_with_did_you_mean() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "goals",
            &[
                &[S("id"), S("title.vi"), S("titel.en"), S("progress")],
                &[S("G1"), S("a"), S("a"), N(5.0)],
            ],
        );
    }));
    fails_at(
        &site,
        "unknown column `titel.en`",
        "goals!C1",
        "did you mean `title.en`?",
    );
}

#[test]
fn merged_cells_are_an_error_naming_the_range() {
    let site = site_with(&book(|wb| {
        let ws = sheet(
            wb,
            "goals",
            &[
                GOALS_HEADER,
                &[S("G1"), S("a"), S("a"), N(5.0)],
                &[S("G2"), E, S("b"), N(6.0)],
            ],
        );
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(1, 1, 2, 1, "a", &f).expect("merge");
    }));
    fails_at(&site, "cells B2:B3 are merged", "goals!B2", "unmerge them");
}

#[test]
fn a_formula_without_a_saved_result_says_to_save_in_excel() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "goals",
            &[GOALS_HEADER, &[S("G1"), S("a"), S("a"), C::F("=40+45")]],
        );
    }));
    fails_at(
        &site,
        "the formula `=40+45` has no saved result",
        "goals!D2",
        "open the file in Excel and save it (in LibreOffice Calc, first recalculate",
    );
}

#[test]
fn a_hidden_sheet_is_a_warning_and_not_read() {
    let site = site_with(&book(|wb| {
        good_year(wb);
        let ws = sheet(wb, "plans", &[&[S("id")], &[S("P1")]]);
        ws.set_hidden(true);
    }));
    let r = site.build_ok();
    expect(
        &r.stderr,
        "warning",
        "sheet `plans` is hidden: it is ignored",
        "plans!A1",
        "unhide it",
    );
}

#[test]
fn a_workbook_over_8_mb_is_refused_unread() {
    let mut big = book(good_year);
    big.resize(10_500_000, 0);
    let site = site_with(&big);
    fails_at(
        &site,
        "the workbook is 10.5 MB, larger than the 8.0 MB tiendo reads",
        "",
        "remove pictures",
    );
}

/// The one validation's errors, at their cell, with the YAML twin's message and hint.
#[test]
fn rule_errors_are_placed_at_their_cell_with_the_yaml_hint() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "goals",
            &[
                &[
                    S("id"),
                    S("title.vi"),
                    S("title.en"),
                    S("group"),
                    S("target"),
                    S("actual"),
                ],
                &[S("G1"), S("a"), S("a"), E, N(10.0), N(3.0)],
                &[],
                &[S("G2"), S("b"), S("b"), S("dgv"), N(0.0), N(3.0)],
                &[S("G1"), S("c"), S("c"), E, N(1.0), N(1.0)],
            ],
        );
        sheet(
            wb,
            "groups",
            &[
                &[S("id"), S("name.vi"), S("name.en")],
                &[S("dgov"), S("x"), S("x")],
            ],
        );
    }));
    let before = site.output_files();
    let r = site.build_fails();
    expect(
        &r.stderr,
        "error",
        "`target: 0`",
        "goals!E4",
        "add `baseline:`",
    );
    expect(
        &r.stderr,
        "error",
        "names group `dgv`, which is not defined",
        "goals!D4",
        "did you mean `dgov`?",
    );
    expect(
        &r.stderr,
        "error",
        "duplicate goal id `G1` (first used in cell goals!A2)",
        "goals!A5",
        "its own id",
    );
    assert_eq!(before, site.output_files());
    // The same rule in YAML gives the same hint.
    site.remove("content/years/2025.xlsx");
    site.write(
        "content/years/2025.yaml",
        "year: 2025\ngoals:\n  - {id: G2, title: b, target: 0, actual: 3}\n",
    );
    site.build_fails().says("add `baseline:`");
}

#[test]
fn a_missing_title_or_a_bad_status_is_an_error_at_the_cell() {
    let site = site_with(&book(|wb| {
        sheet(wb, "goals", &[GOALS_HEADER, &[S("G1"), E, E, N(5.0)]]);
        sheet(
            wb,
            "tasks",
            &[
                &[S("id"), S("title.vi"), S("status")],
                &[S("T1"), S("t"), S("in-progress")],
            ],
        );
    }));
    let r = site.build_fails();
    expect(
        &r.stderr,
        "error",
        "missing `title`",
        "goals!B2",
        "fill in the `title.vi` cell",
    );
    expect(
        &r.stderr,
        "error",
        "`in-progress` is not an allowed value",
        "tasks!C2",
        "did you mean `in_progress`?",
    );
}

const TASKS_HEADER: &[C] = &[S("id"), S("title.vi"), S("title.en"), S("status")];

/// An evidence sheet naming task `T1`.
fn evidence_of_t1(wb: &mut Workbook) {
    sheet(
        wb,
        "evidence",
        &[
            &[S("kind"), S("id"), S("title.vi"), S("url")],
            &[
                S("task"),
                S("T1"),
                S("x"),
                S("https://example.gov.vn/x.pdf"),
            ],
        ],
    );
}

/// An empty row above the column names is one error, at A1, saying which rows to delete: the
/// names below it are not values without a name, and evidence of its rows is not unknown.
#[test]
fn an_empty_first_row_is_one_error_saying_which_rows_to_delete() {
    let tasks = |blank: usize, header: bool| {
        book(move |wb| {
            let mut rows: Vec<&[C]> = vec![&[]; blank];
            if header {
                rows.push(TASKS_HEADER);
            }
            rows.push(&[S("T1"), S("a"), S("a"), S("done")]);
            sheet(wb, "tasks", &rows);
            evidence_of_t1(wb);
        })
    };
    let site = site_with(&tasks(1, true));
    let r = fails_at(
        &site,
        "the first row is empty: row 1 holds the column names",
        "tasks!A1",
        "delete row 1, so that the column names (now in row 2) are in row 1",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    site.write("content/years/2025.xlsx", tasks(2, true));
    let r = fails_at(
        &site,
        "the first row is empty: row 1 holds the column names",
        "tasks!A1",
        "delete rows 1 to 2, so that the column names (now in row 3) are in row 1",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    // No names at all: there is nothing to move up.
    site.write("content/years/2025.xlsx", tasks(1, false));
    let r = fails_at(
        &site,
        "the first row is empty: row 1 holds the column names",
        "tasks!A1",
        "write the column names in row 1, above the first record",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
}

/// Values under a column with no name are one error at the empty name cell. When the sheet
/// lacks a column its rows need, the hint names it, and no row says that it misses it.
#[test]
fn values_without_a_column_name_are_one_error_at_the_name_cell() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "tasks",
            &[
                &[E, S("title.vi"), S("title.en"), S("status"), S("due")],
                &[S("T1"), S("a"), S("a"), S("done"), S("2025-03-01")],
                &[S("T2"), S("b"), S("b"), S("done"), S("2025-04-01")],
            ],
        );
        evidence_of_t1(wb);
    }));
    let r = fails_at(
        &site,
        "column A has values but no name in row 1",
        "tasks!A1",
        "the sheet has no column `id` (Mã): if this is it, write its name in A1; otherwise",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    // A stray value beside the named columns: the plain hint, at the name cell.
    site.write(
        "content/years/2025.xlsx",
        book(|wb| {
            sheet(
                wb,
                "tasks",
                &[
                    TASKS_HEADER,
                    &[S("T1"), S("a"), S("a"), S("done")],
                    &[S("T2"), S("b"), S("b"), S("done"), E, S("stray")],
                ],
            );
        }),
    );
    let r = fails_at(
        &site,
        "column F has values but no name in row 1",
        "tasks!F1",
        "name the column in row 1, start the name with `#`",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
}

/// A column that every row needs and the sheet lacks is one error in row 1, where the column
/// would go, not one a row; a misspelt name whose "did you mean" is that column says it alone.
#[test]
fn a_column_the_sheet_lacks_is_one_error_in_row_1() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "tasks",
            &[
                &[S("id"), S("title.vi"), S("title.en")],
                &[S("T1"), S("a"), S("a")],
                &[S("T2"), S("b"), S("b")],
                &[S("T3"), S("c"), S("c")],
            ],
        );
    }));
    let r = fails_at(
        &site,
        "missing `status`: the sheet has no column `status`",
        "tasks!D1",
        "add a column `status` (Trạng thái) here, in row 1, and fill it in on each row",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    site.write(
        "content/years/2025.xlsx",
        book(|wb| {
            sheet(
                wb,
                "tasks",
                &[
                    &[S("id"), S("title.vi"), S("title.en"), S("stauts")],
                    &[S("T1"), S("a"), S("a"), S("done")],
                    &[S("T2"), S("b"), S("b"), S("done")],
                ],
            );
        }),
    );
    let r = fails_at(
        &site,
        "unknown column `stauts`",
        "tasks!D1",
        "did you mean `status`?",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    // The `year` sheet without its `key` column.
    site.write(
        "content/years/2025.xlsx",
        book(|wb| {
            good_year(wb);
            sheet(wb, "year", &[&[S("value")], &[S("Năm")], &[S("Tóm tắt")]]);
        }),
    );
    let r = fails_at(
        &site,
        "missing `key`: the sheet has no column `key`",
        "year!B1",
        "add a column `key` (Mục) here",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
}

/// A title missing from a row of a sheet whose title is only in English is at that row's
/// `title.en` cell.
#[test]
fn a_missing_title_is_at_the_title_column_the_sheet_has() {
    let site = site_with(&book(|wb| {
        sheet(
            wb,
            "goals",
            &[
                &[S("id"), S("title.en"), S("progress")],
                &[S("G1"), S("Goal"), N(5.0)],
                &[S("G2"), E, N(6.0)],
            ],
        );
    }));
    fails_at(
        &site,
        "missing `title`",
        "goals!B3",
        "fill in the `title.en` cell of this row",
    );
}

/// Evidence of an item whose own row did not read is not also an unknown item; evidence of an
/// item that is nowhere still is.
#[test]
fn evidence_of_a_row_that_did_not_read_is_not_a_second_error() {
    let site = site_with(&book(|wb| {
        sheet(wb, "tasks", &[TASKS_HEADER, &[S("T1"), E, E, S("done")]]);
        evidence_of_t1(wb);
    }));
    let r = fails_at(
        &site,
        "missing `title`",
        "tasks!B2",
        "fill in the `title.vi` cell",
    );
    assert_eq!(errors(&r.stderr).len(), 1, "{}", r.stderr);
    site.write(
        "content/years/2025.xlsx",
        book(|wb| {
            sheet(
                wb,
                "tasks",
                &[TASKS_HEADER, &[S("T2"), S("a"), S("a"), S("done")]],
            );
            evidence_of_t1(wb);
        }),
    );
    fails_at(
        &site,
        "evidence names task `T1`, which this year does not have",
        "evidence!B2",
        "did you mean `T2`?",
    );
}

#[test]
fn office_lock_files_are_ignored() {
    let site = site_with(&book(good_year));
    site.write("content/years/~$2025.xlsx", b"\x0bowner\x00");
    site.write("content/years/.~lock.2025.xlsx#", "lock");
    let r = site.build_ok();
    assert!(
        !r.stderr.contains("lock") && !r.stderr.contains("~$"),
        "{}",
        r.stderr
    );
}

/// Workbooks under `content/` are read as a year and nowhere else; the example keeps 2024 as a
/// workbook, whose reading agrees with the YAML it was made from.
#[test]
fn the_example_keeps_2024_as_a_workbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/years");
    assert!(root.join("2024.xlsx").is_file());
    assert!(!root.join("2024.yaml").exists());
    assert!(root.join("2023.yaml").is_file());
    let files = read_tree(&root);
    assert_eq!(files.keys().filter(|k| k.ends_with(".xlsx")).count(), 1);
}

/// `convert --root` of a folder with no site says so, as `build` does, instead of asking for a
/// `site.yaml`.
#[test]
fn convert_in_a_folder_without_a_site_says_where_to_run() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["convert", "--root", "nowhere", "years/2023.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("error: no `content/` folder in `nowhere`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--root DIR"), "{}", r.stderr);
    assert!(!r.stderr.contains("site.yaml"), "{}", r.stderr);
    assert!(!r.stderr.contains("the year has"), "{}", r.stderr);
    assert_eq!(r.stderr.matches("error:").count(), 1, "{}", r.stderr);
}
