//! Content errors: one test per class. Each starts from the `minimal` fixture, makes one mistake,
//! and checks exit status 1, the `path:line:col` (computed here from the file the test wrote, not
//! copied from the program's output) and a useful word of the hint.

use crate::support::SiteTest;

const Y2023: &str = "content/years/2023.yaml";
const Y2022: &str = "content/years/2022.yaml";
const SITE: &str = "content/site.yaml";
const NEWS_VI: &str = "content/news/chi-tieng-viet.vi.md";
const REVIEW_EN: &str = "content/news/tong-ket.en.md";
const REVIEW_VI: &str = "content/news/tong-ket.vi.md";
const PAGE_VI: &str = "content/pages/gioi-thieu.vi.md";

/// `rel:line:col` of the `^` in `pattern`: the pattern without its `^` must occur exactly once in
/// the site's file `rel` (it may span lines, to pick one of several similar lines). The column
/// counts characters; bytes that are not UTF-8 count as one character each.
fn at(site: &SiteTest, rel: &str, pattern: &str) -> String {
    let (line, col) = spot(site, rel, pattern);
    format!("{rel}:{line}:{col}")
}

/// The 1-based (line, column) of the `^` in `pattern`; see [`at`].
fn spot(site: &SiteTest, rel: &str, pattern: &str) -> (usize, usize) {
    let bytes = std::fs::read(site.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"));
    let text = String::from_utf8_lossy(&bytes);
    let caret = pattern.find('^').expect("pattern has a `^`");
    let needle = pattern.replacen('^', "", 1);
    let found: Vec<usize> = text.match_indices(&needle).map(|(i, _)| i).collect();
    assert_eq!(
        found.len(),
        1,
        "`{needle}` should occur once in {rel}:\n{text}"
    );
    let before = &text[..found[0] + caret];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Runs `tiendo build`, expects exit status 1 and a diagnostic located at `loc`
/// (`path:line:col`, or `path` alone for a problem with no line).
fn fails_at(site: &SiteTest, loc: &str) -> crate::support::Run {
    let run = site.build_fails();
    run.says(&format!("--> {loc}\n"));
    run
}

/// Adds `text` at the end of the site's file `rel`.
fn append(site: &SiteTest, rel: &str, text: &str) {
    let old = site.read(rel);
    site.write(rel, old + text);
}

/// How many times `needle` occurs in the run's stderr.
fn count(run: &crate::support::Run, needle: &str) -> usize {
    run.stderr.matches(needle).count()
}

// ---- YAML syntax -------------------------------------------------------------------------------

#[test]
fn bad_indentation_names_the_line_and_keeps_the_previous_output() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let before = site.output_files();
    site.edit(
        Y2023,
        "    group: data\n    progress: 70",
        "     group: data\n    progress: 70",
    );
    let loc = at(&site, Y2023, "     ^group: data\n    progress: 70");
    fails_at(&site, &loc)
        .says("YAML syntax error")
        .says("= help: check the indentation");
    assert_eq!(
        site.output_files(),
        before,
        "a failed build changed the output"
    );
}

#[test]
fn unclosed_bracket_names_the_line_where_it_opens() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "title: {vi: \"Năm 2023\", en: \"The year 2023\"}",
        "title: {vi: \"Năm 2023\", en: \"The year 2023\"",
    );
    // The parser notices only on the next line; the mistake is the `{` that is never closed.
    let loc = at(&site, Y2023, "title: ^{vi: \"Năm 2023\"");
    site.build_fails().says(&loc).says("closed");
}

#[test]
fn tab_indentation_names_the_line_and_mentions_tabs() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    group: data\n    progress: 70",
        "\tgroup: data\n    progress: 70",
    );
    let loc = at(&site, Y2023, "^\tgroup: data");
    fails_at(&site, &loc).says("never tabs");
}

// ---- Keys and types ----------------------------------------------------------------------------

#[test]
fn unknown_goal_key_suggests_the_right_one() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    title: {vi: \"Dữ liệu đất đai\"",
        "    titel: {vi: \"Dữ liệu đất đai\"",
    );
    let loc = at(&site, Y2023, "    ^titel:");
    fails_at(&site, &loc)
        .says("unknown key `titel`")
        .says("did you mean `title`?");
}

#[test]
fn unknown_site_key_suggests_the_right_one() {
    let site = SiteTest::fixture("minimal");
    site.edit(SITE, "languages:", "langauges:");
    let loc = at(&site, SITE, "^langauges:");
    fails_at(&site, &loc)
        .says("unknown key `langauges`")
        .says("did you mean `languages`?");
}

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

#[test]
fn unknown_front_matter_key_suggests_title() {
    let site = SiteTest::fixture("minimal");
    site.edit(NEWS_VI, "title:", "tittle:");
    let loc = at(&site, NEWS_VI, "^tittle:");
    fails_at(&site, &loc)
        .says("unknown key `tittle`")
        .says("did you mean `title`?");
}

#[test]
fn quoted_target_asks_for_a_plain_number() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "target: 80", "target: \"lots\"");
    let loc = at(&site, Y2023, "target: ^\"lots\"");
    fails_at(&site, &loc)
        .says("expected a number")
        .says("plain number");
}

#[test]
fn percent_sign_in_progress_asks_for_a_plain_number() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "progress: 70", "progress: 85%");
    let loc = at(&site, Y2023, "progress: ^85%");
    fails_at(&site, &loc)
        .says("expected a number")
        .says("`%` sign");
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

// ---- Ids and duplicates ------------------------------------------------------------------------

#[test]
fn duplicate_goal_id_names_the_first_line() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "  - id: G03", "  - id: G01");
    let loc = at(
        &site,
        Y2023,
        "unit: {vi: \"ngày\", en: \"days\"}\n  - id: ^G01",
    );
    let (first, _) = spot(&site, Y2023, "goals:\n  - id: ^G01");
    fails_at(&site, &loc)
        .says(&format!(
            "duplicate goal id `G01` (first used on line {first})"
        ))
        .says("its own id");
}

#[test]
fn duplicate_task_id_names_the_first_line() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "  - id: T03", "  - id: T02");
    let loc = at(&site, Y2023, "due: 2023-12-31\n  - id: ^T02");
    let (first, _) = spot(&site, Y2023, "due: 2023-06-30\n  - id: ^T02");
    fails_at(&site, &loc)
        .says(&format!(
            "duplicate task id `T02` (first used on line {first})"
        ))
        .says("its own id");
}

#[test]
fn duplicate_key_in_a_goal_points_at_the_second_one() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    progress: 70\n",
        "    progress: 70\n    id: G05\n",
    );
    let loc = at(&site, Y2023, "    ^id: G05");
    fails_at(&site, &loc)
        .says("`id` is given twice")
        .says("delete the other");
}

// ---- References --------------------------------------------------------------------------------

#[test]
fn undefined_group_names_file_line_and_suggests() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let before = site.output_files();
    site.edit(
        Y2023,
        "    group: dgov\n    plan:",
        "    group: dgv\n    plan:",
    );
    let loc = at(&site, Y2023, "group: ^dgv");
    fails_at(&site, &loc)
        .says("goal `G01` names group `dgv`, which is not defined in this year")
        .says("= help: did you mean `dgov`?");
    assert_eq!(
        site.output_files(),
        before,
        "a failed build changed the output"
    );
}

#[test]
fn undefined_plan_lists_the_defined_plans() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    status: done\n",
        "    status: done\n    plan: \"09-KH\"\n",
    );
    let loc = at(&site, Y2023, "plan: ^\"09-KH\"");
    fails_at(&site, &loc)
        .says("task `T01` names plan `09-KH`, which is not defined in this year")
        .says("09-KH/BCĐCĐS");
}

#[test]
fn year_not_matching_file_name_suggests_both_fixes() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "year: 2023", "year: 2024");
    let loc = at(&site, Y2023, "year: ^2024");
    fails_at(&site, &loc)
        .says("does not match the file name `2023.yaml`")
        .says("write `year: 2023`, or rename the file");
}

// ---- Completion rules --------------------------------------------------------------------------

#[test]
fn goal_without_completion_rule_names_its_id() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    group: data\n    progress: 70\n",
        "    group: data\n",
    );
    let loc = at(&site, Y2023, "  - id: ^G03");
    fails_at(&site, &loc)
        .says("goal `G03` has no completion rule")
        .says("add `progress:");
}

#[test]
fn zero_target_is_refused() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "target: 80", "target: 0");
    let loc = at(&site, Y2023, "target: ^0\n");
    fails_at(&site, &loc)
        .says("goal `G01` has `target: 0`")
        .says("baseline");
}

#[test]
fn target_equal_to_baseline_is_refused() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "    target: 2\n", "    target: 5\n");
    let loc = at(&site, Y2023, "baseline: 5\n    target: ^5");
    fails_at(&site, &loc)
        .says("same `target` and `baseline`")
        .says("must differ");
}

#[test]
fn target_without_actual_asks_for_actual() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "    actual: 85.5\n", "");
    let loc = at(&site, Y2023, "target: ^80");
    fails_at(&site, &loc)
        .says("goal `G01` has `target` but no `actual`")
        .says("add `actual:");
}

// ---- Values ------------------------------------------------------------------------------------

#[test]
fn impossible_due_date_is_refused() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "due: 2023-06-30", "due: 2023-02-30");
    let loc = at(&site, Y2023, "due: ^2023-02-30");
    fails_at(&site, &loc)
        .says("`2023-02-30` is not a real date")
        .says("YYYY-MM-DD");
}

#[test]
fn hyphenated_status_suggests_in_progress() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "status: in_progress", "status: in-progress");
    let loc = at(&site, Y2023, "status: ^in-progress");
    fails_at(&site, &loc)
        .says("`in-progress` is not an allowed value")
        .says("did you mean `in_progress`?");
}

#[test]
fn unknown_status_lists_the_allowed_values() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2023, "status: in_progress", "status: doing");
    let loc = at(&site, Y2023, "status: ^doing");
    fails_at(&site, &loc)
        .says("`doing` is not an allowed value")
        .says("done, in_progress, not_started");
}

#[test]
fn localised_map_with_unknown_language_points_at_it() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "title: {vi: \"Năm 2023\", en: \"The year 2023\"}",
        "title: {vi: a, fr: b}",
    );
    let loc = at(&site, Y2023, "title: {vi: a, ^fr: b}");
    fails_at(&site, &loc)
        .says("has a text for `fr`, which is not a site language")
        .says("vi, en");
}

#[test]
fn non_utf8_year_file_names_the_first_bad_byte_and_keeps_the_previous_output() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let before = site.output_files();
    site.write(Y2023, b"year: 2023\ntitle: \xff\n");
    let loc = at(&site, Y2023, "title: ^\u{fffd}");
    fails_at(&site, &loc)
        .says("not valid UTF-8")
        .says("save the file as UTF-8");
    assert_eq!(
        site.output_files(),
        before,
        "a failed build changed the output"
    );
}

// ---- Shortcodes --------------------------------------------------------------------------------

#[test]
fn unknown_shortcode_names_line_and_column_and_keeps_the_previous_output() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let before = site.output_files();
    // Diacritics before the `{{`: the column counts characters, not bytes.
    append(
        &site,
        NEWS_VI,
        "\nCó {{ figur(year=2023, key=\"goals.total\") }} mục tiêu.\n",
    );
    let loc = at(&site, NEWS_VI, "Có ^{{ figur(");
    fails_at(&site, &loc)
        .says("unknown shortcode `figur`")
        .says("did you mean `figure`?");
    assert_eq!(
        site.output_files(),
        before,
        "a failed build changed the output"
    );
}

#[test]
fn shortcode_error_in_untranslated_page_is_reported_once() {
    let site = SiteTest::fixture("minimal");
    // The page exists in Vietnamese only, and is shown in both languages.
    append(
        &site,
        PAGE_VI,
        "\nCó {{ figur(year=2023, key=\"goals.total\") }} mục tiêu.\n",
    );
    let loc = at(&site, PAGE_VI, "Có ^{{ figur(");
    let run = fails_at(&site, &loc);
    assert_eq!(
        count(&run, &format!("--> {loc}\n")),
        1,
        "one mistake, one message:\n{}",
        run.stderr
    );
    run.says("build failed: 1 error");
}

#[test]
fn unknown_figure_key_suggests_the_right_one() {
    let site = SiteTest::fixture("minimal");
    append(
        &site,
        REVIEW_EN,
        "\nDone: {{ figure(year=2023, key=\"goals.complete\") }}.\n",
    );
    let loc = at(&site, REVIEW_EN, "Done: ^{{");
    fails_at(&site, &loc)
        .says("`goals.complete` is not a figure of 2023")
        .says("did you mean `goals.completed`?");
}

#[test]
fn unknown_year_in_shortcode_lists_the_years() {
    let site = SiteTest::fixture("minimal");
    append(
        &site,
        REVIEW_VI,
        "\nNăm 2030: {{ figure(year=2030, key=\"goals.total\") }}.\n",
    );
    let loc = at(&site, REVIEW_VI, "Năm 2030: ^{{");
    fails_at(&site, &loc)
        .says("there is no year 2030")
        .says("2022, 2023");
}

// ---- site.yaml ---------------------------------------------------------------------------------

#[test]
fn missing_site_yaml_says_what_to_create() {
    let site = SiteTest::fixture("minimal");
    site.remove(SITE);
    fails_at(&site, SITE)
        .says("`content/site.yaml` is missing")
        .says("create it");
}

#[test]
fn empty_site_yaml_asks_for_a_title() {
    let site = SiteTest::fixture("minimal");
    site.write(SITE, "");
    fails_at(&site, SITE)
        .says("`site.yaml` is empty")
        .says("title:");
}

// ---- Articles and pages ------------------------------------------------------------------------

#[test]
fn article_without_front_matter_names_line_1() {
    let site = SiteTest::fixture("minimal");
    let rel = "content/news/bare.vi.md";
    site.write(rel, "Chỉ có nội dung.\n");
    let loc = at(&site, rel, "^Chỉ");
    fails_at(&site, &loc)
        .says("this file has no front matter")
        .says("`---`");
}

#[test]
fn article_year_without_year_file_names_the_line() {
    let site = SiteTest::fixture("minimal");
    site.edit(REVIEW_EN, "year: 2023", "year: 2031");
    let loc = at(&site, REVIEW_EN, "year: ^2031");
    fails_at(&site, &loc)
        .says("`year: 2031` names a year with no `content/years/2031.yaml` (or `.xlsx`)")
        .says("2022, 2023");
}

#[test]
fn file_name_with_unknown_language_is_refused() {
    let site = SiteTest::fixture("minimal");
    let rel = "content/news/x.fr.md";
    site.write(
        rel,
        "---\ntitle: \"Bilan\"\ndate: 2023-12-19\n---\nTexte.\n",
    );
    fails_at(&site, rel)
        .says("`fr` in the file name is not a site language")
        .says("add `fr` to `languages`");
}

#[test]
fn duplicate_slug_names_both_files_and_the_slug_line() {
    let site = SiteTest::fixture("minimal");
    let rel = "content/news/ban-sao.vi.md";
    site.write(
        rel,
        "---\ntitle: \"Bản sao\"\ndate: 2023-05-01\nslug: tong-ket\n---\nNội dung.\n",
    );
    let slug_line = at(&site, rel, "slug: ^tong-ket");
    site.build_fails()
        .says("the slug `tong-ket` is also used by")
        .says(REVIEW_VI)
        .says(&slug_line)
        .says("another `slug:`");
}

#[test]
fn news_without_date_is_refused() {
    let site = SiteTest::fixture("minimal");
    site.edit(NEWS_VI, "date: 2023-06-01T09:30:00+07:00\n", "");
    // No line holds the missing key: the message points at the start of the front matter.
    let loc = at(&site, NEWS_VI, "---\n^title:");
    fails_at(&site, &loc)
        .says("a news article needs a `date`")
        .says("add `date: YYYY-MM-DD`");
}

// ---- The command line --------------------------------------------------------------------------

#[test]
fn output_inside_content_is_refused() {
    let site = SiteTest::fixture("minimal");
    let run = site.run(&["build", "--output", "content/out"]);
    assert_eq!(
        run.code, 1,
        "expected exit 1, got {}:\n{}",
        run.code, run.stderr
    );
    run.says("--> content/out\n")
        .says("would replace the site's own files")
        .says("outside `content/`");
    assert!(
        !site.root().join("content/out").exists(),
        "the refused output folder was created"
    );
}

// ---- Several files, cascades, warnings ---------------------------------------------------------

#[test]
fn errors_in_two_files_are_all_reported_in_one_run() {
    let site = SiteTest::fixture("minimal");
    site.edit(Y2022, "out_of: 63", "out_of: 0");
    append(
        &site,
        Y2022,
        "goals:\n  - id: G1\n    title: {vi: \"Một\", en: \"One\"}\n",
    );
    site.edit(NEWS_VI, "date: 2023-06-01", "date: 2023-06-31");
    let out_of = at(&site, Y2022, "out_of: ^0");
    let no_rule = at(&site, Y2022, "  - id: ^G1");
    let date = at(&site, NEWS_VI, "date: ^2023-06-31");
    let run = site.build_fails();
    for loc in [&out_of, &no_rule, &date] {
        run.says(&format!("--> {loc}\n"));
    }
    run.says("build failed: 3 errors");
}

#[test]
fn broken_year_file_does_not_cascade_into_its_articles() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "    group: dgov\n    plan:",
        "    group: dgv\n    plan:",
    );
    let loc = at(&site, Y2023, "group: ^dgv");
    // The articles with `year: 2023` are fine: the year file exists, it only has an error.
    let run = fails_at(&site, &loc);
    assert!(
        !run.stderr.contains("names a year with no"),
        "the articles are blamed for the year file's error:\n{}",
        run.stderr
    );
    run.says("build failed: 1 error");
}

#[test]
fn missing_translation_is_only_a_warning() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2022,
        "name: {vi: \"Xếp hạng\", en: \"Ranking\"}",
        "name: {vi: \"Xếp hạng\"}",
    );
    let loc = at(&site, Y2022, "name: ^{vi:");
    let run = site.build_ok();
    run.says("warning: missing translation: the name of indicator `rank`")
        .says(&format!("--> {loc}\n"))
        .says("default-language text");
    assert!(
        site.read("output/en/years/2022/index.html")
            .contains("<span lang=\"vi\">Xếp hạng</span>"),
        "the English page shows the Vietnamese name, marked with its language"
    );
}
