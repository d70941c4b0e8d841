//! Building sites: golden output, the example's figures, publication rules, languages,
//! determinism, and the old output surviving a failed build.

use crate::support::{check_golden, SiteTest};

#[test]
fn minimal_site_matches_golden_files() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    check_golden("minimal", &site.output_files());
}

#[test]
fn example_site_reports_the_articles_figures() {
    let site = SiteTest::example();
    site.build_ok();
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/nam/2023/data.json")).unwrap();
    let g = &data["summary"]["goals"];
    assert_eq!(
        (
            g["total"].as_u64(),
            g["completed"].as_u64(),
            g["above_70"].as_u64()
        ),
        (Some(30), Some(20), Some(3))
    );
    assert_eq!(
        (g["between_50_70"].as_u64(), g["below_50"].as_u64()),
        (Some(3), Some(4))
    );
    let t = &data["summary"]["tasks"];
    assert_eq!(
        (
            t["total"].as_u64(),
            t["done"].as_u64(),
            t["in_progress"].as_u64(),
            t["not_started"].as_u64()
        ),
        (Some(75), Some(50), Some(19), Some(6))
    );
    // The counts are computed from the records, not copied: recount them from the lists.
    let goals = data["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 30);
    assert_eq!(
        goals.iter().filter(|x| x["bucket"] == "completed").count(),
        20
    );
    let tasks = data["tasks"].as_array().unwrap();
    assert_eq!(tasks.iter().filter(|x| x["status"] == "done").count(), 50);
    let data_2024: serde_json::Value =
        serde_json::from_str(&site.read("output/en/years/2024/data.json")).unwrap();
    assert_eq!(data_2024["summary"]["tasks"]["total"], 24);
    assert_eq!(data_2024["summary"]["groups"]["count"], 6);
    // The article's figures come from the same data.
    let article = site.read("output/tin-tuc/tong-ket-chuyen-doi-so-2023/index.html");
    assert!(
        article.contains("20 mục tiêu"),
        "article lacks the computed count"
    );
    let home = site.read("output/en/index.html");
    assert!(
        home.contains("20 of 30 goals completed"),
        "English home lacks the headline"
    );
    assert!(site
        .read("output/index.html")
        .contains("20/30 mục tiêu hoàn thành"));
}

#[test]
fn year_page_shows_bars_words_and_localised_numbers() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let vi = site.read("output/nam/2023/index.html");
    assert!(vi.contains("106,9 %"), "vi percentage with comma");
    assert!(vi.contains("Hoàn thành, vượt kế hoạch"), "bucket as a word");
    assert!(vi.contains("30/06/2023"), "vi date");
    assert!(
        vi.contains("tăng 5 bậc so với năm 2022"),
        "indicator change"
    );
    let en = site.read("output/en/years/2023/index.html");
    assert!(
        en.contains("106.9%") && en.contains("30 June 2023"),
        "en formats"
    );
    // G04 has no English title: shown in Vietnamese, marked as such.
    assert!(
        en.contains("<span lang=\"vi\">Chỉ tiếng Việt</span>"),
        "fallback marked with lang"
    );
    // Exactly 70 % is in the 50-70 bucket.
    let data: serde_json::Value =
        serde_json::from_str(&site.read("output/en/years/2023/data.json")).unwrap();
    let g03 = data["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "G03")
        .unwrap()
        .clone();
    assert_eq!(g03["bucket"], "between_50_70");
    assert_eq!(g03["completion"], 70.0);
}

/// An agency written out in full, a tag that is a sentence: each gets an address short enough
/// for any file system (the words that fit, then a hash), and the site builds.
#[test]
fn very_long_agency_tag_and_id_texts_make_short_addresses() {
    let site = SiteTest::fixture("minimal");
    let agency = "Sở Thông tin và Truyền thông chủ trì; các sở, ban, ngành, UBND các huyện, thị xã, thành phố phối hợp thực hiện ".repeat(3);
    site.edit(
        "content/years/2023.yaml",
        "owner: {vi: \"Sở TT&TT\"",
        &format!("owner: {{vi: \"{agency}\""),
    );
    site.edit(
        "content/news/chi-tieng-viet.vi.md",
        "tags: [Chuyển đổi số]",
        &format!("tags: [\"{}\"]", "chuyển đổi số ".repeat(25)),
    );
    site.build_ok();
    let files = site.output_files();
    let longest = files
        .keys()
        .flat_map(|p| p.split('/'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    assert!(longest <= 120, "a path segment of {longest} bytes");
    let agency_page = files
        .keys()
        .find(|p| {
            p.starts_with("co-quan/so-thong-tin-va-truyen-thong-chu-tri-cac-so-ban-nganh-ubnd")
        })
        .unwrap_or_else(|| {
            panic!(
                "no agency page: {:?}",
                files
                    .keys()
                    .filter(|p| p.starts_with("co-quan/"))
                    .collect::<Vec<_>>()
            )
        });
    assert!(agency_page.ends_with("/index.html"), "{agency_page}");
    assert!(
        files
            .keys()
            .any(|p| p.starts_with("the/chuyen-doi-so-chuyen-doi-so-")),
        "no tag page"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// `/.well-known/` (security.txt) and `.htaccess` are files a web server reads: copied from
/// `static/`; other hidden files (`.DS_Store`, an editor's) are not.
#[test]
fn web_dot_files_of_static_are_copied_and_other_hidden_files_are_not() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/static/.well-known/security.txt",
        "Contact: mailto:cds@example.gov.vn\n",
    );
    site.write("content/static/.htaccess", "Options -Indexes\n");
    site.write("content/static/.DS_Store", "x");
    site.write("content/static/img/.notes.swp", "x");
    // Outside `static/` the two names are hidden files like any other: not read, not named.
    site.write("content/news/.htaccess", "x");
    let first = site.build_ok();
    assert!(!first.stderr.contains(".htaccess"), "{}", first.stderr);
    let files = site.output_files();
    assert_eq!(
        files.get(".well-known/security.txt").map(Vec::as_slice),
        Some(&b"Contact: mailto:cds@example.gov.vn\n"[..])
    );
    assert!(files.contains_key(".htaccess"));
    assert!(!files.contains_key(".DS_Store"));
    assert!(
        !files.keys().any(|p| p.ends_with(".swp")),
        "{:?}",
        files.keys()
    );
    // A second build keeps them, and changes nothing.
    let again = site.build_ok();
    assert!(
        again.stderr.contains("0 changed, 0 added, 0 removed"),
        "{}",
        again.stderr
    );
}

#[test]
fn csv_files_have_bom_header_and_neutralised_formulas() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        "content/years/2023.yaml",
        "title: {vi: \"Thống kê\", en: \"Statistics\"}",
        "title: {vi: \"=HYPERLINK(1)\", en: \"@SUM(A1)\"}",
    );
    site.build_ok();
    let vi = site.read("output/nam/2023/tasks.csv");
    assert!(vi.starts_with("\u{feff}id,title,status"), "BOM and header");
    assert!(vi.contains("T03,'=HYPERLINK(1),not_started"), "{vi}");
    assert!(site
        .read("output/en/years/2023/tasks.csv")
        .contains("T03,'@SUM(A1),"));
}

#[test]
fn drafts_and_future_articles_wait_unless_asked() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    assert!(!files
        .keys()
        .any(|k| k.contains("nhap") || k.contains("tuong-lai")));
    let r = site.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files = site.output_files();
    assert!(
        files.contains_key("tin-tuc/nhap/index.html")
            && files.contains_key("tin-tuc/tuong-lai/index.html")
    );
}

#[test]
fn untranslated_article_exists_in_its_language_only() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    assert!(files.contains_key("tin-tuc/chi-tieng-viet/index.html"));
    assert!(!files
        .keys()
        .any(|k| k.starts_with("en/") && k.contains("chi-tieng-viet")));
    let page = site.read("output/tin-tuc/chi-tieng-viet/index.html");
    // The language switch leads to the English news list.
    assert!(
        page.contains("href=\"../../en/news/\" hreflang=\"en\""),
        "switch to en news list"
    );
    assert!(
        !page.contains("hreflang=\"en\" href="),
        "no hreflang alternate for a missing translation"
    );
    // Paired articles switch to each other, even with different slugs.
    let paired = site.read("output/tin-tuc/tong-ket/index.html");
    assert!(paired.contains("href=\"../../en/news/review-2023/\""));
    assert!(paired.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.gov.vn/cds/en/news/review-2023/\">"));
}

#[test]
fn every_page_has_lang_and_alternates() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    for (path, bytes) in site.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let lang = if path.starts_with("en/") { "en" } else { "vi" };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{path}: html lang"
        );
        assert!(
            html.contains("hreflang=\"vi\""),
            "{path}: vi alternate or switch"
        );
        assert!(
            html.contains("hreflang=\"en\""),
            "{path}: en alternate or switch"
        );
    }
}

#[test]
fn links_resolve_inside_the_output() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let files = site.output_files();
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path.ends_with("404.html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "",
        };
        for part in html
            .split("href=\"")
            .skip(1)
            .chain(html.split("src=\"").skip(1))
        {
            let url = &part[..part.find('"').unwrap()];
            if url.starts_with("http") || url.starts_with('#') || url.starts_with("mailto:") {
                continue;
            }
            let url = url.split('#').next().unwrap();
            let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
            for seg in url.split('/') {
                match seg {
                    ".." => {
                        assert!(parts.pop().is_some(), "{path}: `{url}` leaves the site");
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            let mut target = parts.join("/");
            if url.ends_with('/') || url.is_empty() || url == "./" {
                target = if target.is_empty() {
                    "index.html".into()
                } else {
                    format!("{target}/index.html")
                };
            }
            assert!(
                files.contains_key(&target),
                "{path}: broken link `{url}` (→ {target})"
            );
        }
    }
}

#[test]
fn building_twice_gives_identical_bytes() {
    let a = SiteTest::example();
    let b = SiteTest::example();
    a.build_ok();
    b.build_ok();
    assert_eq!(a.output_files(), b.output_files());
    a.build_ok();
    assert_eq!(a.output_files(), b.output_files());
}

#[test]
fn failed_build_keeps_the_previous_output() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let before = site.output_files();
    site.edit(
        "content/years/2023.yaml",
        "group: data\n    progress: 70",
        "group: nope\n    progress: 70",
    );
    site.build_fails().says("content/years/2023.yaml:");
    assert_eq!(site.output_files(), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("tiendo-") && n != ".output.tiendo-files")
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn bom_and_crlf_files_are_accepted() {
    let site = SiteTest::fixture("minimal");
    let text = site.read("content/years/2023.yaml").replace('\n', "\r\n");
    site.write("content/years/2023.yaml", format!("\u{feff}{text}"));
    let md = site
        .read("content/news/tong-ket.en.md")
        .replace('\n', "\r\n");
    site.write("content/news/tong-ket.en.md", format!("\u{feff}{md}"));
    site.build_ok();
    assert!(site
        .read("output/en/news/review-2023/index.html")
        .contains("1 of 4 goals were completed"));
}

#[test]
fn works_under_a_sub_path_and_base_url_override() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["build", "--base-url", "https://other.example/a/b"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = site.read("output/index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://other.example/a/b/\">"));
    assert!(home.contains("href=\"assets/style."), "relative asset link");
    // The 404 page can be served at any depth: its links are absolute paths under the sub-path.
    assert!(site
        .read("output/404.html")
        .contains("href=\"/a/b/assets/style."));
}

#[test]
fn site_theme_overrides_one_file() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Lạc đường</h1>{% endblock content %}",
    );
    site.write("themes/default/i18n/en.yaml", "nav_news: \"Newsroom\"\n");
    site.build_ok();
    assert!(site.read("output/404.html").contains("<h1>Lạc đường</h1>"));
    let en = site.read("output/en/index.html");
    assert!(
        en.contains(">Newsroom</a>") && en.contains(">Annual reports</a>"),
        "override merges with built-in strings"
    );
}
