//! Nothing lost, nothing stale, nothing merged (issue 15): each test is one instance of a class
//! of the issue, named by its class. Paths that collide (`collisions_`), bad values
//! (`bad_values_`), the sitemap's limits (`sitemap_`), messages (`messages_`), and what a
//! second break-it pass found (`break_it_`). The serve cases are in `serve.rs`.

use crate::support::{Run, SiteTest};

/// A small site whose texts are plain strings (they count as the default language), so that
/// any `languages:` list loads: one year, one task with an owner, one tagged article.
fn plain_site(languages: &str) -> SiteTest {
    let site = SiteTest {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    site.write(
        "content/site.yaml",
        format!("title: Tiến độ\nbase_url: \"https://example.gov.vn/\"\nlanguages: {languages}\n"),
    );
    site.write(
        "content/years/2023.yaml",
        "year: 2023\ngoals:\n  - {id: G01, title: Mục tiêu một, progress: 50}\ntasks:\n  - {id: T01, title: Nhiệm vụ một, status: done, owner: Sở Nội vụ}\n",
    );
    site.write(
        "content/news/tong-ket.vi.md",
        "---\ntitle: Tổng kết\ndate: 2023-12-01\ntags: [chuyển đổi số]\n---\nBài viết.\n",
    );
    site
}

/// Asserts that `run` failed with exit 1 and said each of `needles`.
fn fails_saying(run: &Run, needles: &[&str]) {
    assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
    for n in needles {
        run.says(n);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Paths that collide: every output path has one owner.

#[test]
fn collisions_language_code_equal_to_a_section() {
    for (code, url) in [("the", "/the/"), ("nam", "/nam/")] {
        let site = plain_site(&format!("[vi, {code}]"));
        let r = site.run(&["build"]);
        fails_saying(
            &r,
            &[
                &format!("error: `{url}` would be written twice"),
                &format!("the pages of language `{code}` (`languages`) (`content/site.yaml`)"),
                "--> content/site.yaml",
                "choose a code that no section of the site uses",
            ],
        );
        assert!(
            !site.root().join("output").exists(),
            "{code}: nothing written"
        );
        // `check` finds it too.
        fails_saying(
            &site.run(&["check"]),
            &[&format!("`{url}` would be written twice")],
        );
    }
}

#[test]
fn collisions_default_language_page_slug_equal_to_a_language_code() {
    // A page of the default language at `/en/` would be the English home page.
    let site = plain_site("[vi, en]");
    site.write("content/pages/en.vi.md", "---\ntitle: Tiếng Anh\n---\nx\n");
    fails_saying(
        &site.run(&["build"]),
        &["the page slug `en` is taken by a section of the site"],
    );
}

#[test]
fn collisions_page_slug_in_one_language_equal_to_another_pages_in_another() {
    // `about.vi.md` has no English version, so `/en/about/` shows it; `gioi-thieu.en.md`
    // took the same slug in English.
    let site = plain_site("[vi, en]");
    site.write(
        "content/pages/about.vi.md",
        "---\ntitle: Giới thiệu\n---\nx\n",
    );
    site.write(
        "content/pages/gioi-thieu.vi.md",
        "---\ntitle: Giới thiệu 2\n---\nx\n",
    );
    site.write(
        "content/pages/gioi-thieu.en.md",
        "---\ntitle: About\nslug: about\n---\nx\n",
    );
    fails_saying(
        &site.run(&["build"]),
        &[
            "error: `/en/about/` would be written twice: by the page `about` (`content/pages/about.vi.md`) and by the page `about` (`content/pages/gioi-thieu.en.md`)",
            "--> content/pages/gioi-thieu.en.md",
            "set another `slug:`",
        ],
    );
}

#[test]
fn collisions_goal_ids_that_differ_only_by_case_or_punctuation() {
    // In one year.
    for (a, b, slug) in [
        ("G01", "g01", "g01"),
        ("G 01", "G-01", "g-01"),
        ("G.01", "g_01", "g-01"),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/years/2023.yaml",
            format!("year: 2023\ngoals:\n  - {{id: \"{a}\", title: Một, progress: 50}}\n  - {{id: \"{b}\", title: Hai, progress: 60}}\n"),
        );
        fails_saying(
            &site.run(&["build"]),
            &[
                &format!("error: `/muc-tieu/{slug}/` would be written twice: by goal `{a}` (`content/years/2023.yaml`) and by goal `{b}` (`content/years/2023.yaml`)"),
                "write the goal's id the same way in every year file",
            ],
        );
    }
    // In two years: the later file is shown, once for both languages.
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2024.yaml",
        "year: 2024\ngoals:\n  - {id: g01, title: Mục tiêu một, progress: 80}\n",
    );
    let r = site.run(&["build"]);
    fails_saying(
        &r,
        &["by goal `G01` (`content/years/2023.yaml`) and by goal `g01` (`content/years/2024.yaml`)", "--> content/years/2024.yaml"],
    );
    assert_eq!(
        r.stderr.matches("would be written twice").count(),
        1,
        "{}",
        r.stderr
    );
    // The same id in two years is one goal followed across them.
    site.write(
        "content/years/2024.yaml",
        "year: 2024\ngoals:\n  - {id: G01, title: Mục tiêu một, progress: 80}\n",
    );
    site.build_ok();
}

#[test]
fn collisions_task_ids_that_differ_only_by_case_or_punctuation() {
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2024.yaml",
        "year: 2024\ntasks:\n  - {id: t01, title: Nhiệm vụ một, status: done}\n",
    );
    let r = site.run(&["build"]);
    fails_saying(
        &r,
        &[
            "error: `/nhiem-vu/t01/` would be written twice",
            "task `T01` (`content/years/2023.yaml`)",
            "task `t01` (`content/years/2024.yaml`)",
            "write the task's id the same way in every year file",
        ],
    );
    // A goal and a task may share an id: they live in different sections.
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2023.yaml",
        "year: 2023\ngoals:\n  - {id: X1, title: Một, progress: 50}\ntasks:\n  - {id: X1, title: Hai, status: done}\n",
    );
    site.build_ok();
}

#[test]
fn collisions_static_file_on_a_review_page() {
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2023.yaml",
        "year: 2023\nreviews:\n  - {id: Q1, date: 2023-04-01}\ngoals:\n  - {id: G01, title: Một, progress: 50}\n",
    );
    site.build_ok();
    site.write("content/static/nam/2023/q1/index.html", "mine");
    fails_saying(
        &site.run(&["build"]),
        &[
            "`/nam/2023/q1/` would be written twice: by the review `Q1` of 2023 (`content/years/2023.yaml`) and by the static file",
            "--> content/static/nam/2023/q1/index.html",
        ],
    );
}

#[test]
fn collisions_tags_written_two_ways_are_one_tag() {
    // Decided: a tag whose texts make one slug is one tag (its page lists both articles),
    // named as the newest article writes it.
    let site = plain_site("[vi, en]");
    site.write(
        "content/news/moi.vi.md",
        "---\ntitle: Mới\ndate: 2023-12-05\ntags: [Chuyển Đổi Số]\n---\nBài mới.\n",
    );
    site.build_ok();
    let page = site.read("output/the/chuyen-doi-so/index.html");
    assert!(page.contains("Tổng kết") && page.contains("Mới"), "{page}");
    assert!(page.contains("Chuyển Đổi Số"), "{page}");
    assert_eq!(
        site.read("output/the/index.html")
            .matches("the/chuyen-doi-so/")
            .count()
            + site
                .read("output/the/index.html")
                .matches("\"chuyen-doi-so/\"")
                .count(),
        1,
        "one tag in the list of tags"
    );
}

#[test]
fn collisions_agencies_written_two_ways_are_one_agency() {
    // Decided, as for tags: owners whose names make one slug are one agency.
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2023.yaml",
        "year: 2023\ntasks:\n  - {id: T01, title: Một, status: done, owner: Sở Nội vụ}\n  - {id: T02, title: Hai, status: done, owner: \"SỞ NỘI VỤ\"}\n",
    );
    site.build_ok();
    let page = site.read("output/co-quan/so-noi-vu/index.html");
    assert!(page.contains("T01") && page.contains("T02"), "{page}");
}

#[test]
fn collisions_static_file_on_a_generated_folder() {
    let site = plain_site("[vi, en]");
    site.write("content/static/nam", "a file where the years' folder is");
    let r = site.run(&["build"]);
    fails_saying(
        &r,
        &[
            "error: `/nam` would be both a file and a folder: the static file (`content/static/nam`) is the file",
            "--> content/static/nam",
            "rename the file or move it into a sub-folder of `content/static/`",
        ],
    );
    assert!(
        !r.stderr.contains("tiendo-new"),
        "no staging folder named:\n{}",
        r.stderr
    );
    // A file inside a generated file's path, the other way round.
    let site = plain_site("[vi, en]");
    site.write("content/static/atom.xml/x.png", "png");
    fails_saying(
        &site.run(&["build"]),
        &[
            "`/atom.xml` would be both a file and a folder",
            "--> content/static/atom.xml/x.png",
        ],
    );
}

#[test]
fn collisions_static_file_on_a_generated_file() {
    for (file, url) in [
        (
            "content/static/tin-tuc/index.html",
            "`/tin-tuc/` would be written twice",
        ),
        (
            "content/static/nam/2023/data.json",
            "`/nam/2023/data.json` would be written twice",
        ),
        (
            "content/static/nam/2023/bao-cao-2023.pdf",
            "`/nam/2023/bao-cao-2023.pdf` would be written twice: by the printed report of 2023 in `vi`",
        ),
        (
            "content/static/nam/2023/2023.xlsx",
            "`/nam/2023/2023.xlsx` would be written twice: by the workbook `2023.xlsx` of 2023",
        ),
        // Known only once rendered: a chart, the sitemap's.
        (
            "content/static/nam/2023/goals.svg",
            "`/nam/2023/goals.svg` would be written twice",
        ),
        (
            "content/static/assets/favicon.svg",
            "`/assets/favicon.svg` would be written twice: by the theme's file",
        ),
        (
            "content/static/search/vi/s/ch.json",
            "`/search/vi/` is kept whole for the search index in `vi`",
        ),
    ] {
        let site = plain_site("[vi, en]");
        site.write(file, "x");
        fails_saying(&site.run(&["build"]), &[url, &format!("--> {file}")]);
    }
    // A static file beside the generated ones is fine.
    let site = plain_site("[vi, en]");
    site.write("content/static/nam/2023/bao-cao.pdf", "%PDF");
    site.build_ok();
    assert_eq!(site.read("output/nam/2023/bao-cao.pdf"), "%PDF");
}

#[test]
fn collisions_two_static_files_of_one_name_in_nfc_and_nfd() {
    let site = plain_site("[vi, en]");
    site.write("content/static/t\u{1ec7}p.txt", "composed");
    site.write("content/static/te\u{302}\u{323}p.txt", "decomposed");
    fails_saying(
        &site.run(&["build"]),
        &["would be written twice: by the static file"],
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Bad values: each is an error with its place, never a page that shows it wrong.

#[test]
fn bad_values_huge_progress_is_an_error_not_an_overflow() {
    for value in [
        "progress: 1e307",
        "progress: -5e6",
        "target: 1e-300, actual: 1",
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/years/2023.yaml",
            format!("year: 2023\ngoals:\n  - {{id: G01, title: Một, {value}}}\n"),
        );
        let r = site.run(&["build"]);
        fails_saying(
            &r,
            &[
                "goal `G01` has a completion beyond what a report can show",
                "--> content/years/2023.yaml:3",
                "most likely a typing error",
            ],
        );
        assert!(!site.root().join("output").exists(), "{value}");
    }
    // An indicator likewise.
    let site = plain_site("[vi, en]");
    site.write(
        "content/years/2023.yaml",
        "year: 2023\nindicators:\n  - {id: rank, name: Xếp hạng, value: 1e307, better: lower}\n",
    );
    fails_saying(
        &site.run(&["build"]),
        &["indicator `rank` has a `value` beyond ±1,000,000,000,000,000"],
    );
}

#[test]
fn bad_values_empty_or_letterless_slug() {
    for (slug, says) in [
        ("\"\"", "`slug:` is empty"),
        ("\"  \"", "`slug:` is empty"),
        ("\"!!!\"", "has no letter or digit"),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/news/tong-ket.vi.md",
            format!("---\ntitle: Tổng kết\ndate: 2023-12-01\nslug: {slug}\n---\nx\n"),
        );
        fails_saying(
            &site.run(&["build"]),
            &[says, "--> content/news/tong-ket.vi.md:4", "remove `slug:`"],
        );
    }
}

#[test]
fn bad_values_year_file_before_1000() {
    let site = plain_site("[vi, en]");
    site.remove("content/years/2023.yaml");
    site.write(
        "content/years/0999.yaml",
        "year: 999\ngoals:\n  - {id: G01, title: Một, progress: 50}\n",
    );
    fails_saying(
        &site.run(&["build"]),
        &[
            "`0999.yaml` names the year 999, which tiendo does not publish",
            "--> content/years/0999.yaml",
            "years run from 1000 to 9999",
        ],
    );
}

#[test]
fn bad_values_empty_site_title() {
    for (title, says) in [
        ("\"\"", "the site's title is empty"),
        ("{vi: \" \", en: Progress}", "the site's title is empty"),
        (
            "{vi: Tiến độ, en: \"\"}",
            "the site's title in `en` is empty",
        ),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/site.yaml",
            format!("title: {title}\nbase_url: \"https://example.gov.vn/\"\nlanguages: [vi, en]\n"),
        );
        fails_saying(&site.run(&["build"]), &[says, "--> content/site.yaml:1"]);
    }
}

#[test]
fn bad_values_image_on_another_server_or_climbing_out() {
    for (image, says) in [
        (
            "//evil.example/x.png",
            "is an address on another server without its `https:`",
        ),
        ("/\\evil.example/x.png", "is an address on another server"),
        ("/img/%2e%2e/%2E%2E/x.png", "uses `.` or `..`"),
        ("/img/.%2e/x.png", "uses `.` or `..`"),
        ("/img/50%.png", "has a `%` that does not start an escape"),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/news/tong-ket.vi.md",
            format!("---\ntitle: Tổng kết\ndate: 2023-12-01\nimage: '{image}'\n---\nx\n"),
        );
        fails_saying(
            &site.run(&["build"]),
            &[says, "--> content/news/tong-ket.vi.md:4"],
        );
    }
    // An image on another server with its scheme is external, as written.
    let site = plain_site("[vi, en]");
    site.write(
        "content/news/tong-ket.vi.md",
        "---\ntitle: Tổng kết\ndate: 2023-12-01\nimage: \"https://cdn.example.gov.vn/x.png\"\n---\nx\n",
    );
    site.build_ok();
    assert!(site
        .read("output/tin-tuc/tong-ket/index.html")
        .contains("https://cdn.example.gov.vn/x.png"));
}

#[test]
fn bad_values_unicode_base_url_is_written_encoded() {
    let site = plain_site("[vi, en]");
    site.write(
        "content/site.yaml",
        "title: Tiến độ\nbase_url: \"https://bộ.vn/tiến-độ/\"\nlanguages: [vi, en]\n",
    );
    site.build_ok();
    let sitemap = site.read("output/sitemap.xml");
    let base = "https://xn--b-8xm.vn/ti%E1%BA%BFn-%C4%91%E1%BB%99/";
    assert!(sitemap.contains(&format!("<loc>{base}</loc>")), "{sitemap}");
    assert!(
        !sitemap.contains("bộ.vn") && !sitemap.contains("tiến"),
        "{sitemap}"
    );
    assert!(site.read("output/atom.xml").contains(base));
    assert!(site
        .read("output/robots.txt")
        .contains(&format!("{base}sitemap.xml")));
}

#[test]
fn bad_values_base_url_with_dots_double_slashes_or_credentials() {
    for (url, says) in [
        (
            "https://example.gov.vn/a/../b/",
            "has `.` or `..` in its path",
        ),
        (
            "https://example.gov.vn/a/%2e%2e/",
            "has `.` or `..` in its path",
        ),
        ("https://example.gov.vn//a/", "has an empty folder (`//`)"),
        (
            "https://admin:secret@example.gov.vn/",
            "must not hold a user name or password",
        ),
        ("https://example.gov.vn:99999/", "is not a valid address"),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/site.yaml",
            format!("title: Tiến độ\nbase_url: \"{url}\"\nlanguages: [vi, en]\n"),
        );
        fails_saying(&site.run(&["build"]), &[says, "--> content/site.yaml:2"]);
    }
}

// ---------------------------------------------------------------------------------------------
// 7. The formats' own limits: a sitemap of more URLs than one file may hold is an index of
// parts. The protocol's limit is 50,000 URLs; `TIENDO_SITEMAP_MAX_URLS` lowers it for a test.

/// Builds `site` with the sitemap limited to `max_urls` URLs a file.
fn build_with_sitemap_limit(site: &SiteTest, max_urls: usize) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("build")
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("TIENDO_SITEMAP_MAX_URLS", max_urls.to_string())
        .output()
        .expect("run tiendo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn sitemap_split_into_an_index_of_parts_at_the_url_limit() {
    let site = plain_site("[vi, en]");
    build_with_sitemap_limit(&site, 1_000_000);
    let whole = site.read("output/sitemap.xml");
    let urls = whole.matches("<url>").count();
    assert!(urls > 10, "{whole}");
    assert!(!site.root().join("output/sitemap-1.xml").exists());

    build_with_sitemap_limit(&site, 10);
    let index = site.read("output/sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    let parts = urls.div_ceil(10);
    assert_eq!(index.matches("<sitemap>").count(), parts, "{index}");
    let mut seen = 0;
    for i in 1..=parts {
        let part = site.read(&format!("output/sitemap-{i}.xml"));
        assert!(index.contains(&format!(
            "<loc>https://example.gov.vn/sitemap-{i}.xml</loc>"
        )));
        let n = part.matches("<url>").count();
        assert!((1..=10).contains(&n), "part {i}: {n} URLs");
        seen += n;
    }
    assert_eq!(seen, urls, "every URL in one part");
    assert!(!site
        .root()
        .join(format!("output/sitemap-{}.xml", parts + 1))
        .exists());
    // robots.txt names the index.
    assert!(site
        .read("output/robots.txt")
        .contains("Sitemap: https://example.gov.vn/sitemap.xml"));

    // Back under the limit: the parts tiendo wrote are gone.
    build_with_sitemap_limit(&site, 1_000_000);
    assert_eq!(site.read("output/sitemap.xml"), whole);
    assert!(!site.root().join("output/sitemap-1.xml").exists());
}

#[test]
fn sitemap_part_name_taken_by_a_static_file_is_refused() {
    let site = plain_site("[vi, en]");
    site.write("content/static/sitemap-1.xml", "<mine/>");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("build")
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("TIENDO_SITEMAP_MAX_URLS", "5")
        .output()
        .expect("run tiendo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`/sitemap-1.xml` would be written twice")
            && stderr.contains("--> content/static/sitemap-1.xml"),
        "{stderr}"
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Messages: the file a user wrote, at its line, in plain words, never a raw escape.

#[test]
fn messages_template_errors_name_the_template_file_and_line() {
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .expect("the built-in base.html");
    let mut lines: Vec<&str> = base.lines().collect();
    for (bad, says, column) in [
        (
            "{% if %}",
            "template error in `base.html`: expected a value",
            7,
        ),
        (
            "{{ page.nosuch }}",
            "template error in `base.html`: Variable `page.nosuch` not found in context",
            4,
        ),
        (
            "{{ page.title | nofilter }}",
            "template error in `base.html`: Filter 'nofilter' not found",
            17,
        ),
    ] {
        lines.insert(3, bad);
        let site = plain_site("[vi, en]");
        site.write("themes/default/templates/base.html", lines.join("\n"));
        lines.remove(3);
        let r = site.run(&["build"]);
        fails_saying(
            &r,
            &[
                says,
                &format!("--> themes/default/templates/base.html:4:{column}"),
            ],
        );
        // One mistake, one error (not one per page that uses base.html).
        assert_eq!(r.stderr.matches("error:").count(), 1, "{}", r.stderr);
    }
}

#[test]
fn messages_yaml_type_errors_in_plain_words() {
    for (value, says) in [
        (
            "2023.5",
            "expected a whole number, found the number `2023.5`",
        ),
        (
            "99999999999999999999",
            "found the number `99999999999999999999`, which is too large",
        ),
        ("\"x\"", "expected a whole number, found the text \"x\""),
        ("[2023]", "expected a whole number, found a list"),
        (
            "{a: 1}",
            "expected a whole number, found `key: value` lines",
        ),
        ("true", "expected a whole number, found `true`"),
    ] {
        let site = plain_site("[vi, en]");
        site.write(
            "content/years/2023.yaml",
            format!("year: {value}\ngoals:\n  - {{id: G01, title: Một, progress: 50}}\n"),
        );
        let r = site.run(&["build"]);
        fails_saying(&r, &[says, "--> content/years/2023.yaml:1"]);
        for rust in [
            "i32",
            "u128",
            "integer",
            "floating point",
            "sequence",
            "map",
        ] {
            assert!(
                !r.stderr.contains(&format!(" {rust}")),
                "`{rust}` in:\n{}",
                r.stderr
            );
        }
    }
    let site = plain_site("[vi, en]");
    site.write(
        "content/news/tong-ket.vi.md",
        "---\ntitle: Tổng kết\ndate: 2023-12-01\ndraft: [x]\n---\nx\n",
    );
    fails_saying(
        &site.run(&["build"]),
        &["expected `true` or `false`, found a list"],
    );
}

#[test]
fn messages_never_print_terminal_escapes_from_content() {
    // A file name, a YAML key and a value, each with an escape sequence (colours, a window
    // title) and a right-to-left override.
    let site = plain_site("[vi, en]");
    site.write(
        "content/news/x\u{1b}[2J\u{202e}.vi.md",
        "---\ntitle: Tin\ndate: 2023-12-01\n\"\u{1b}]0;pwned\u{7}\": 1\n---\nx\n",
    );
    site.write(
        "content/years/2023.yaml",
        "year: 2023\ngoals:\n  - {id: \"G\\e[31m01\", title: Một, progress: 50}\n  - {id: \"G\\e[31m01\", title: Hai, progress: 50}\n",
    );
    for cmd in ["build", "check"] {
        let r = site.run(&[cmd]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        for raw in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !r.stderr.contains(raw),
                "{cmd}: {:?} printed raw:\n{}",
                raw,
                r.stderr.escape_debug()
            );
        }
        r.says("\\u{1b}]0;pwned\\u{7}")
            .says("x\\u{1b}[2J\\u{202e}.vi.md")
            .says("G\\u{1b}[31m01");
    }
}

#[test]
fn messages_show_a_long_line_around_its_column_only() {
    let site = plain_site("[vi, en]");
    let key = "a".repeat(100_000);
    site.write(
        "content/news/tong-ket.vi.md",
        format!("---\ntitle: Tổng kết\ndate: 2023-12-01\n---\n{{{{ figure(year=2023, key=\"goals.total\") }}}} {{{{ figure(year=2023, key=\"{key}\") }}}}\n"),
    );
    let start = std::time::Instant::now();
    let r = site.run(&["build"]);
    fails_saying(
        &r,
        &["--> content/news/tong-ket.vi.md:5:44", "more characters)"],
    );
    assert!(
        r.stderr.len() < 8_000,
        "{} bytes of messages",
        r.stderr.len()
    );
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn messages_check_places_a_broken_raw_html_link_at_its_line() {
    let site = plain_site("[vi, en]");
    site.write(
        "content/news/tong-ket.vi.md",
        "---\ntitle: Tổng kết\ndate: 2023-12-01\n---\nMở đầu.\n\n<div>\n<p>\n<a href=\"/nam/2099/\">x</a>\n</p>\n</div>\n",
    );
    fails_saying(
        &site.run(&["check"]),
        &["`/nam/2099/`", "--> content/news/tong-ket.vi.md:9:10"],
    );
}
