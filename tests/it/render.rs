//! Rendering rules a reader notices: which version of a standalone page each language shows,
//! shortcodes left alone inside code, heading ids that never collide, and problems in
//! templates, UI strings and feeds reported rather than dropped.

use crate::support::SiteTest;

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\n---\n\n{body}\n")
}

#[test]
fn a_page_missing_in_a_language_falls_back_to_the_default_language_only() {
    let site = SiteTest::example();
    site.write(
        "content/pages/chi-tieng-anh.en.md",
        page("English only", "Only in English."),
    )
    .write(
        "content/pages/chi-tieng-viet.vi.md",
        page("Chỉ tiếng Việt", "Chỉ có tiếng Việt."),
    );
    let run = site.build_ok();
    // The default language's page is shown in English too, marked as Vietnamese text.
    let en = site.read("output/en/chi-tieng-viet/index.html");
    assert!(en.contains("lang=\"vi\""), "{en}");
    run.says("until then the `en` site shows this page in `vi`");
    // A page only in another language is not shown in the default language.
    let files = site.output_files();
    assert!(files.contains_key("en/chi-tieng-anh/index.html"));
    assert!(!files.contains_key("chi-tieng-anh/index.html"));
    let home = site.read("output/index.html");
    assert!(!home.contains("English only"), "the footer lists it");
    run.says("until then the `vi` site does not show this page");
}

fn article(title: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: 2023-12-20\n---\n\n{body}\n")
}

/// The values of the `id` attributes of a page.
fn ids(html: &str) -> Vec<&str> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

#[test]
fn shortcodes_shown_as_code_are_published_as_written() {
    let site = SiteTest::example();
    // A year that does not exist: expanded, each would be an error.
    let code = "{{ figure(year=1999, key=\"goals.total\") }}";
    let body = format!(
        "How to quote a figure:\n\n    {code}\n\n> ```\n> {code}\n> ```\n\n- in a list:\n\n  ```\n  {code}\n  ```\n\nOr inline: `{code}\nover two lines`.\n"
    );
    site.write("content/news/ma-ngan.vi.md", article("Mã ngắn", &body));
    site.build_ok();
    let html = site.read("output/tin-tuc/ma-ngan/index.html");
    assert_eq!(html.matches(code).count(), 4, "{html}");
}

#[test]
fn headings_never_take_an_id_the_page_already_has() {
    let site = SiteTest::example();
    let body =
        "## Main\n\n## Main\n\n{{ chart(year=2023, kind=\"goals\") }}\n\n## Sc goals 2023 title\n";
    site.write("content/news/muc-chinh.vi.md", article("Mục chính", body));
    site.build_ok();
    let html = site.read("output/tin-tuc/muc-chinh/index.html");
    assert!(html.contains("<main id=\"main\""), "{html}");
    assert!(html.contains("<h2 id=\"main-2\">Main</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"main-3\">Main</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"sc-goals-2023-title-2\">"), "{html}");
    let mut all = ids(&html);
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "an id repeats: {all:?}");
}

#[test]
fn a_year_reports_markdown_headings_stay_apart_from_its_anchors() {
    let site = SiteTest::example();
    site.edit(
        "content/years/2023.yaml",
        "  vi: \"Kết quả thực hiện",
        "  vi: \"## Goals\\n\\n## Goal G03\\n\\nKết quả thực hiện",
    )
    .edit(
        "content/years/2023.yaml",
        "note: {vi: \"Bảo đảm tiến độ, hiệu quả.\"",
        "note: {vi: \"## Goals\\n\\nBảo đảm tiến độ, hiệu quả.\"",
    );
    site.build_ok();
    let html = site.read("output/nam/2023/index.html");
    // `goals` is the report's own section; `goal-g03` is free (the anchor is `goal-G03`).
    assert!(html.contains("<h2 id=\"goals-2\">Goals</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"goals-3\">Goals</h2>"), "{html}");
    let mut all = ids(&html);
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "an id repeats");
}

#[test]
fn a_theme_string_missing_in_a_language_shows_the_default_text_with_a_warning() {
    let site = SiteTest::example();
    let template = |key: &str| {
        format!("{{% extends \"base.html\" %}}{{% block content %}}<p>{{{{ t.{key} }}}}</p>{{% endblock content %}}")
    };
    site.edit(
        "content/site.yaml",
        "languages:",
        "theme: rieng\nlanguages:",
    )
    .write("themes/rieng/templates/404.html", template("greeting"))
    .write("themes/rieng/i18n/vi.yaml", "greeting: \"Xin chào\"\n");
    let run = site.build_ok();
    run.says("warning: missing translation: UI string `greeting` has no `en` text; the `vi` text is shown");
    assert!(site.read("output/en/404.html").contains("<p>Xin chào</p>"));
    // A string that no language has is a mistake in the theme.
    site.write("themes/rieng/templates/404.html", template("greting"));
    site.build_fails()
        .says("themes/rieng/templates/404.html")
        .says("the templates use UI string `t.greting`, which no i18n file defines");
}

#[test]
fn a_themes_editor_backups_and_system_files_are_not_published() {
    let site = SiteTest::example();
    site.write("themes/default/static/assets/extra.txt", "notes\n")
        .write("themes/default/static/assets/extra.css~", "old\n")
        .write("themes/default/static/assets/Thumbs.db", "x")
        .write("themes/default/static/assets/.extra.css.swp", "x");
    site.build_ok();
    let files = site.output_files();
    assert!(files.contains_key("assets/extra.txt"));
    for litter in ["extra.css~", "Thumbs.db", ".extra.css.swp"] {
        assert!(!files.contains_key(&format!("assets/{litter}")), "{litter}");
    }
}
