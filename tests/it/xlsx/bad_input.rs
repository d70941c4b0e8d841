//! Year workbooks: Bad input, one class a test.

use super::*;

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
