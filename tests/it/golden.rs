//! Golden output of whole sites besides `minimal` (which `build.rs` checks): an English-first
//! site with a theme of its own, and a site two folders deep under its `base_url`.

use crate::support::{check_golden, SiteTest};

/// English at the root and Vietnamese under `/vi/`; `theme: civic` overrides one template, one
/// UI string and adds a stylesheet, the rest comes from the built-in theme.
#[test]
fn themed_english_first_site_matches_golden_files() {
    let site = SiteTest::fixture("themed");
    site.build_ok();
    let files = site.output_files();
    let not_found = String::from_utf8_lossy(&files["404.html"]).into_owned();
    assert!(not_found.contains("<p class=\"civic\">Civic theme</p>"));
    assert!(files
        .keys()
        .any(|k| k.starts_with("assets/civic.") && k.ends_with(".css")));
    assert!(files.contains_key("vi/nam/2024/index.html"));
    check_golden("themed", &files);
}

/// `base_url` with a two-level sub-path: canonical URLs, the sitemap and the 404 page's absolute
/// links carry it; every other link is relative.
#[test]
fn deep_sub_path_site_matches_golden_files() {
    let site = SiteTest::fixture("subpath");
    site.build_ok();
    let files = site.output_files();
    let not_found = String::from_utf8_lossy(&files["404.html"]).into_owned();
    assert!(not_found.contains("href=\"/so/bao-cao/assets/style."));
    check_golden("subpath", &files);
}
