//! Shortcode errors: an unknown shortcode, year, key or argument, a malformed call, and a
//! shortcode where none is expanded, each at its line with a hint.

use super::*;

/// A shortcode where none is expanded (a year's summary, a goal's note, an article's title)
/// would be published braces and all: each is an error at its place.
#[test]
fn shortcodes_outside_a_body_are_refused_where_they_are_written() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        Y2023,
        "\"Summary of the **year**.\"",
        "'{{ figure(year=2023, key=\"goals.total\") }} goals.'",
    );
    site.edit(
        Y2023,
        "    progress: 70\n",
        "    progress: 70\n    note: \"Đạt {{ figure(year=2023, key=\\\"goals.completed\\\") }}\"\n",
    );
    site.edit(
        NEWS_VI,
        "title: \"Tin chỉ có tiếng Việt\"",
        "title: \"Có {{ figure(year=2023, key=\\\"goals.total\\\") }} mục tiêu\"",
    );
    let run = site.build_fails();
    run.says(&format!("--> {}\n", at(&site, Y2023, "en: ^'{{ figure")))
        .says("the year's summary holds the shortcode `{{ figure(year=2023, key=\"goals.total\") }}`, which is not expanded here")
        .says(&format!("--> {}\n", at(&site, Y2023, "note: ^\"Đạt")))
        .says("the note of goal `G03` holds the shortcode")
        .says(&format!("--> {}\n", at(&site, NEWS_VI, "title: ^\"Có")))
        .says("the `title` holds the shortcode")
        .says("shortcodes work in the body")
        .says("build failed: 3 errors");
}

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
