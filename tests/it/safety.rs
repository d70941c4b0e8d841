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
