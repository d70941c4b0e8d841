//! `tiendo check`: broken links and anchors placed in their Markdown source, the translation
//! report, each consistency warning, exit codes, and that nothing is written.
//! "Today" is fixed with `TIENDO_TODAY`.

use crate::support::SiteTest;
use std::process::Command;

struct Checked {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Checked {
    fn says(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks `{needle}`:\n{}",
            self.stderr
        );
        self
    }

    fn silent_on(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has `{needle}`:\n{}",
            self.stderr
        );
        self
    }
}

fn check(site: &SiteTest, today: &str) -> Checked {
    let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("check")
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .env("TIENDO_TODAY", today)
        .output()
        .expect("run tiendo check");
    Checked {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_site_with_warnings_only_passes_and_nothing_is_written() {
    let site = SiteTest::fixture("minimal");
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.says("0 errors, 3 warnings; nothing was written")
        .says("internal links");
    assert!(!site.root().join("output").exists());
}

#[test]
fn broken_links_and_anchors_are_errors_at_their_line() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/news/lien-ket.vi.md",
        "---\ntitle: \"Liên kết\"\ndate: 2023-05-01\n---\n## Kết quả\n\n\
         Xem [năm 2023](/nam/2023/), [dữ liệu](/nam/2023/data.json), [mục](#ket-qua) và [trang chủ](../../).\n\n\
         Lỗi: [năm 2099](/nam/2099/) và [tương đối](../khong-co/).\n\n\
         Neo hỏng: [a](#khong-co-muc) và [b](/nam/2023/#khong-co-neo).\n",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("error: broken link `../../nam/2099/`: the site has no `/nam/2099/`")
        .says("--> content/news/lien-ket.vi.md:9:17")
        .says("error: broken link `../khong-co/`: the site has no `/tin-tuc/khong-co/`")
        .says("--> content/news/lien-ket.vi.md:9:44")
        .says("error: broken anchor `#khong-co-muc`: this page has no element with `id=\"khong-co-muc\"`")
        .says("--> content/news/lien-ket.vi.md:11:15")
        .says("error: broken anchor `#khong-co-neo`: `/nam/2023/` has no element with `id=\"khong-co-neo\"`")
        .says("--> content/news/lien-ket.vi.md:11:37")
        .says("4 errors")
        .silent_on("anchor `#ket-qua`")
        .silent_on("data.json`");
    assert!(!site.root().join("output").exists());
}

#[test]
fn the_translation_report_lists_what_lacks_a_language() {
    let site = SiteTest::fixture("minimal");
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains("translations (site languages: vi, en):"),
        "{out}"
    );
    assert!(
        out.contains("1 article and 1 page lack a language:"),
        "{out}"
    );
    assert!(
        out.contains("article `chi-tieng-viet` (content/news/chi-tieng-viet.vi.md): no en"),
        "{out}"
    );
    assert!(out.contains("page `gioi-thieu` (content/pages/gioi-thieu.vi.md): no en"));
    assert!(out.contains("1 data field lacks a language:"));
    assert!(out.contains("content/years/2023.yaml:33: goal `G04` title: no en"));
    assert!(
        !out.contains("tong-ket"),
        "paired articles are complete: {out}"
    );

    site.write(
        "content/news/chi-tieng-viet.en.md",
        "---\ntitle: \"Vietnamese only, no more\"\ndate: 2023-06-01\n---\nText.\n",
    );
    site.write(
        "content/pages/gioi-thieu.en.md",
        "---\ntitle: \"About\"\n---\nText.\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "title: \"Chỉ tiếng Việt\"",
        "title: {vi: \"Chỉ tiếng Việt\", en: \"Vietnamese only\"}",
    );
    let r = check(&site, "2024-01-15");
    assert!(
        r.stdout
            .contains("every article, page and data field is written in every language (vi, en)"),
        "{}",
        r.stdout
    );
}

#[test]
fn consistency_warnings() {
    let site = SiteTest::fixture("minimal");
    // A not-started task with a past due date, an unused group and plan.
    site.edit(
        "content/years/2023.yaml",
        "    status: not_started\n",
        "    status: not_started\n    due: 2023-07-31\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "groups:\n",
        "groups:\n  - id: unused\n    name: {vi: \"Không dùng\", en: \"Unused\"}\n",
    );
    site.edit(
        "content/years/2023.yaml",
        "plans:\n",
        "plans:\n  - id: \"KH-99\"\n    title: {vi: \"Kế hoạch 99\", en: \"Plan 99\"}\n",
    );
    // G01 was called something else in 2022; G03 kept its title.
    site.edit(
        "content/years/2022.yaml",
        "indicators:",
        "goals:\n  - id: G01\n    title: {vi: \"Dịch vụ công mức độ 4\", en: \"Level-4 services\"}\n    progress: 50\n  - id: G03\n    title: {vi: \"Dữ liệu đất đai\", en: \"Land\"}\n    progress: 10\nindicators:",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 0, "warnings only: {}", r.stderr);
    r.says("warning: task `T03` is not started, but was due on 2023-07-31, 168 days before today (2024-01-15)")
        .says("warning: goal `G01` is at 106.88 % of its target, over 100 %")
        .says("warning: group `unused` is defined but no goal or task of 2023 names it")
        .says("warning: plan `KH-99` is defined but no goal or task of 2023 names it")
        .says("warning: goal `G01` has another title than in 2022: “Dịch vụ công mức độ 4” became “Dịch vụ công trực tuyến”")
        .silent_on("goal `G03` has another title");
    // Each placed on its line of the year file.
    let lines: Vec<&str> = r.stderr.lines().collect();
    let loc_after = |needle: &str| {
        let i = lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle}"));
        lines[i + 1].trim().to_string()
    };
    let site_text = site.read("content/years/2023.yaml");
    let line_of = |needle: &str| site_text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(
        loc_after("task `T03` is not started"),
        format!(
            "--> content/years/2023.yaml:{}:10",
            line_of("due: 2023-07-31")
        )
    );
    assert_eq!(
        loc_after("group `unused`"),
        format!("--> content/years/2023.yaml:{}:9", line_of("id: unused"))
    );
    assert_eq!(
        loc_after("is at 106.88 %"),
        format!("--> content/years/2023.yaml:{}:13", line_of("actual: 85.5"))
    );

    // Before the due date, the task is not late.
    let r = check(&site, "2023-06-01");
    r.silent_on("task `T03` is not started");
}

/// Without `base_url` the site builds and works from a folder, but has no sitemap: `check`,
/// run before publishing, says so once; with it, nothing is said.
#[test]
fn a_site_without_base_url_is_warned_before_publishing() {
    let site = SiteTest::fixture("minimal");
    let r = check(&site, "2024-01-15");
    r.silent_on("no `base_url`");
    site.edit(
        "content/site.yaml",
        "base_url: \"https://example.gov.vn/cds/\"\n",
        "",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.says("warning: no `base_url`: the site gets no sitemap")
        .says("--> content/site.yaml\n")
        .says("before publishing, add `base_url:");
    assert_eq!(r.stderr.matches("no `base_url`").count(), 1, "{}", r.stderr);
}

/// An indicator whose direction flips between years has its change counted the other way:
/// `check` says where, naming the year it differs from.
#[test]
fn an_indicator_whose_direction_flips_is_warned() {
    let site = SiteTest::fixture("minimal");
    check(&site, "2024-01-15").silent_on("`better:");
    site.edit("content/years/2023.yaml", "better: lower", "better: higher");
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.says("indicator `rank` is `better: higher` here but `better: lower` in 2022")
        .says("--> content/years/2023.yaml:");
}

#[test]
fn content_errors_fail_the_check() {
    let site = SiteTest::fixture("minimal");
    site.edit(
        "content/years/2023.yaml",
        "status: in_progress",
        "status: in_progres",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("did you mean `in_progress`?")
        .says("check failed: 1 error, ");

    let bad = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("check")
        .current_dir(site.root())
        .env("TIENDO_TODAY", "2024-13-01")
        .output()
        .expect("run");
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a bad TIENDO_TODAY is a usage error"
    );
    assert!(String::from_utf8_lossy(&bad.stderr).contains("TIENDO_TODAY"));
}

#[test]
fn a_broken_link_in_raw_html_is_placed_on_its_line() {
    let site = SiteTest::fixture("minimal");
    // The same missing target in the summary (not a link), in a Markdown link and in a raw
    // HTML block: each link is reported on its own line, the summary is not. A link that only
    // the front matter has (the image) is placed there.
    site.write(
        "content/news/tho.vi.md",
        "---\ntitle: \"HTML thô\"\ndate: 2023-05-01\nsummary: \"xem ../khong-co/ sau\"\nimage: /anh/khong-co.png\n---\n\
         Văn bản nói về ../khong-co/ trước.\n\n\
         Xem [trang](../khong-co/).\n\n\
         <div class=\"hop\">\n<p>Và <a href=\"../khong-co/\">đây</a>,\n<a href=\"x?a=1&amp;b=2\">kia</a>.</p>\n</div>\n",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("--> content/news/tho.vi.md:9:13")
        .says("--> content/news/tho.vi.md:12:16")
        .says("error: broken link `x?a=1&b=2`: the site has no `/tin-tuc/tho/x`")
        .says("--> content/news/tho.vi.md:13:10")
        .says("error: broken link `../../anh/khong-co.png`: the site has no `/anh/khong-co.png`")
        .says("--> content/news/tho.vi.md:5:8")
        .silent_on("tho.vi.md:4:")
        .silent_on("tho.vi.md:7:");
}

#[test]
fn a_malformed_percent_escape_is_a_broken_link() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/news/phan-tram.vi.md",
        "---\ntitle: \"Phần trăm\"\ndate: 2023-05-01\n---\n\
         Đạt <a href=\"../../nam/2023/50%\">50%</a> và <a href=\"../../nam/2023/#50%25\">neo</a>.\n\n\
         <a href=\"../../nam/2023/%zz\">x</a>\n",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("error: broken link `../../nam/2023/50%`: the link has a malformed `%` escape")
        .says("--> content/news/phan-tram.vi.md:5:14")
        .says("write `%25` for a percent sign")
        .says("error: broken link `../../nam/2023/%zz`: the link has a malformed `%` escape")
        .says("--> content/news/phan-tram.vi.md:7:10")
        // A well-formed escape decodes: `#50%25` is the anchor `50%`.
        .says("broken anchor `#50%`: `/nam/2023/` has no element with `id=\"50%\"`")
        .says("3 errors");
}

#[test]
fn terminal_escapes_from_content_are_never_printed_raw() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/news/mau.vi.md",
        "---\ntitle: \"Màu\"\ndate: 2023-05-01\n---\n<a href=\"../\x1b[31mdo\x1b[0m/\">đỏ</a>\n",
    );
    let r = check(&site, "2024-01-15");
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("error: broken link `../\\u{1b}[31mdo\\u{1b}[0m/`: the site has no `/tin-tuc/\\u{1b}[31mdo\\u{1b}[0m/`")
        .says("--> content/news/mau.vi.md:5:10")
        .says("5 | <a href=\"../\\u{1b}[31mdo\\u{1b}[0m/\">đỏ</a>");
    assert!(!r.stderr.contains('\x1b'), "a raw escape: {:?}", r.stderr);
    assert!(!r.stdout.contains('\x1b'), "a raw escape: {:?}", r.stdout);
}
