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

mod bad_input;
mod header_row;
mod libreoffice;
mod same_site;
mod template;
