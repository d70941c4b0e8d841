//! Year workbooks: The row of column names: each problem said once, where it is.

use super::*;

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
