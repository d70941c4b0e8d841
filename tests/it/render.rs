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
