//! Errors of articles and pages: front matter, file names, dates, slugs.

use super::*;

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

/// `x.VI.md` is not a default-language article whose stem is `x.VI`: the capitals are named.
#[test]
fn file_name_with_a_language_in_capitals_is_refused() {
    let site = SiteTest::fixture("minimal");
    let rel = "content/news/x.VI.md";
    site.write(
        rel,
        "---\ntitle: \"Tin\"\ndate: 2023-12-19\n---\nNội dung.\n",
    );
    fails_at(&site, rel)
        .says("the language `VI` in the file name is in capitals")
        .says("rename the file `x.vi.md`");
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
