//! Every problem in one run: a file with several mistakes reports each of them, at its own
//! place, instead of stopping at the first (a year file's entries, a front matter's keys,
//! `site.yaml`'s keys, keys written twice).

use super::{at, count, NEWS_VI, SITE, Y2023};
use crate::support::SiteTest;

/// Each key of site.yaml that does not read is named in one run; the site is not built on what
/// is left, so nothing else is blamed on the missing setting.
#[test]
fn every_bad_key_of_site_yaml_is_reported_in_one_run() {
    let site = SiteTest::fixture("minimal");
    site.edit(SITE, "languages: [vi, en]", "languages: vi, en\nbase_ur: x");
    site.edit(SITE, "base_url:", "raw_html: sometimes\nbase_url:");
    let run = site.build_fails();
    let places = [
        (
            at(&site, SITE, "raw_html: ^sometimes"),
            "expected `true` or `false`",
        ),
        (at(&site, SITE, "languages: ^vi, en"), "expected a list"),
        (at(&site, SITE, "^base_ur: x"), "unknown key `base_ur`"),
    ];
    for (loc, says) in places {
        run.says(&format!("--> {loc}\n")).says(says);
    }
    run.says("build failed: 3 errors");
}

/// A parse of the whole file stops at its first error; every later entry of the lists is read
/// again on its own, so one run reports a broken goal, two tasks and an indicator together, each
/// at its own line and with its own hint.
#[test]
fn every_broken_entry_of_a_year_file_is_reported_in_one_run() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "    progress: 12.5", "    progress: \"mười\"");
    site.edit(Y2023, "status: done", "status: finished");
    site.edit(Y2023, "status: in_progress", "status: in_progres");
    site.edit(
        Y2023,
        "    better: lower",
        "    better: lower\n    colour: red",
    );
    let run = site.build_fails();
    let places = [
        (at(&site, Y2023, "progress: ^\"mười\""), "expected a number"),
        (
            at(&site, Y2023, "status: ^finished"),
            "`finished` is not an allowed value",
        ),
        (
            at(&site, Y2023, "status: ^in_progres\n"),
            "`in_progres` is not an allowed value",
        ),
        (at(&site, Y2023, "    ^colour: red"), "unknown key `colour`"),
    ];
    for (loc, says) in places {
        run.says(&format!("--> {loc}\n")).says(says);
    }
    run.says("did you mean `in_progress`?")
        .says("build failed: 4 errors");
    // Each once: the first error is not repeated by the second reading.
    assert_eq!(count(&run, "is not an allowed value"), 2, "{}", run.stderr);
    assert_eq!(count(&run, "expected a number"), 1, "{}", run.stderr);
}

/// An article's front matter with several mistakes: a key that does not read is taken out and
/// the rest read again, so one run names each at its line, and the date check still runs on
/// what is left.
#[test]
fn every_bad_key_of_a_front_matter_is_reported_in_one_run() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        NEWS_VI,
        "tags: [Chuyển đổi số]",
        "date_: 2023-06-02\ntags: Chuyển đổi số, Họp\ndraft: chưa\nyear: \"2023\"",
    );
    site.edit(
        NEWS_VI,
        "date: 2023-06-01T09:30:00+07:00",
        "date: 2023-06-31",
    );
    let run = site.build_fails();
    let places = [
        (
            at(&site, NEWS_VI, "date: ^2023-06-31"),
            "month 06 of 2023 has 30 days",
        ),
        (at(&site, NEWS_VI, "^date_:"), "unknown key `date_`"),
        (at(&site, NEWS_VI, "tags: ^Chuyển"), "expected a list"),
        (
            at(&site, NEWS_VI, "draft: ^chưa"),
            "expected `true` or `false`",
        ),
        (
            at(&site, NEWS_VI, "year: ^\"2023\""),
            "expected a whole number",
        ),
    ];
    for (loc, says) in places {
        run.says(&format!("--> {loc}\n")).says(says);
    }
    run.says("did you mean `date`?")
        .says("write a whole number such as `2023`")
        .says("build failed: 5 errors");
}

/// Hundreds of broken entries (a key renamed in every goal): the first 51 are put in words and
/// placed, the rest counted.
#[test]
fn a_year_file_with_many_broken_entries_reports_the_first_and_counts_the_rest() {
    let site = SiteTest::fixture("minimal");
    let mut year = String::from("year: 2023\ngoals:\n");
    for i in 0..60 {
        year += &format!("  - id: G{i:02}\n    titel: Mục tiêu {i}\n    progress: 50\n");
    }
    site.write(Y2023, year);
    let run = site.build_fails();
    assert_eq!(count(&run, "unknown key `titel`"), 51, "{}", run.stderr);
    run.says("9 more entries of this file have errors")
        .says("build failed: 52 errors");
}

/// A key written twice stops the YAML reader at once; each such key is still named, at its
/// second writing, and the other entries are read past them, so their errors come too.
#[test]
fn keys_written_twice_do_not_hide_the_other_errors_of_the_file() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    progress: 70\n",
        "    progress: 70\n    progress: 75\n",
    );
    site.edit(Y2023, "status: in_progress", "status: in_progres");
    site.edit(
        Y2023,
        "title: {vi: \"Chữ ký số\", en: \"Digital signatures\"}",
        "title: {vi: \"Chữ ký số\", vi: \"Ký số\", en: \"Digital signatures\"}",
    );
    let run = site.build_fails();
    let places = [
        (
            at(&site, Y2023, "    ^progress: 75"),
            "`progress` is given twice (in goal #3)",
        ),
        (
            at(&site, Y2023, "status: ^in_progres\n"),
            "`in_progres` is not an allowed value",
        ),
        (
            at(&site, Y2023, "\"Chữ ký số\", ^vi:"),
            "`vi` is given twice (in task #2, title)",
        ),
    ];
    for (loc, says) in places {
        run.says(&format!("--> {loc}\n")).says(says);
    }
    run.says("keep one `progress:` line and delete the other")
        .says("build failed: 3 errors");
    assert_eq!(count(&run, "is given twice"), 2, "{}", run.stderr);
}

/// A `date:` that does not read is one error, not also "a news article needs a `date`".
#[test]
fn a_date_that_does_not_read_is_not_also_missing() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        NEWS_VI,
        "date: 2023-06-01T09:30:00+07:00",
        "date: [2023-06-01]",
    );
    let run = site.build_fails();
    run.says(&format!("--> {}\n", at(&site, NEWS_VI, "date: ^[")))
        .says("expected a text, found a list (in date)")
        .says("build failed: 1 error,");
    assert_eq!(count(&run, "needs a `date`"), 0, "{}", run.stderr);
}
