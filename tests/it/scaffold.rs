//! `tiendo new article`, `tiendo new year` and `tiendo init`: what they create builds, carries
//! over exactly the unfinished items, and is never written over an existing file.

use crate::support::SiteTest;
use std::path::Path;
use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn tiendo(dir: &Path, args: &[&str], today: &str) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("TIENDO_TODAY", today)
        .output()
        .expect("run tiendo");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(o: Out) -> Out {
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    o
}

#[test]
fn new_article_is_a_draft_in_every_language_that_builds() {
    let site = SiteTest::fixture("minimal");
    let root = site.root();
    let o = ok(tiendo(
        root,
        &["new", "article", "Đổi mới: \"Sáng tạo\" 2025!"],
        "2024-01-15",
    ));
    assert_eq!(
        o.stdout,
        "content/news/doi-moi-sang-tao-2025.vi.md\ncontent/news/doi-moi-sang-tao-2025.en.md\n"
    );
    let vi = site.read("content/news/doi-moi-sang-tao-2025.vi.md");
    assert!(vi.starts_with(
        "---\ntitle: \"Đổi mới: \\\"Sáng tạo\\\" 2025!\"\ndate: 2024-01-15\ndraft: true\n---\n"
    ));
    assert!(site
        .read("content/news/doi-moi-sang-tao-2025.en.md")
        .contains("title: \"Đổi mới: \\\"Sáng tạo\\\" 2025!\""));

    // A draft: not published by a plain build, shown with --drafts.
    ok(tiendo(root, &["build"], "2024-01-15"));
    assert!(!root.join("output/tin-tuc/doi-moi-sang-tao-2025").exists());
    ok(tiendo(root, &["build", "--drafts"], "2024-01-15"));
    let page = site.read("output/tin-tuc/doi-moi-sang-tao-2025/index.html");
    assert!(
        page.contains("Đổi mới: &quot;Sáng tạo&quot; 2025!"),
        "{page}"
    );
    assert!(root
        .join("output/en/news/doi-moi-sang-tao-2025/index.html")
        .is_file());

    // Never over an existing article.
    site.write("content/news/doi-moi-sang-tao-2025.vi.md", "edited");
    let o = tiendo(
        root,
        &["new", "article", "Đổi mới: Sáng tạo 2025"],
        "2024-01-15",
    );
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("exists already"), "{}", o.stderr);
    assert_eq!(
        site.read("content/news/doi-moi-sang-tao-2025.vi.md"),
        "edited"
    );
}

#[test]
fn new_year_carries_over_exactly_the_unfinished_items() {
    let site = SiteTest::fixture("minimal");
    let root = site.root();
    // A title that needs quoting.
    site.edit(
        "content/years/2023.yaml",
        "title: {vi: \"Dữ liệu đất đai\", en: \"Land data\"}",
        "title: {vi: \"Dữ liệu: \\\"đất đai\\\" # 1\", en: \"Land data\"}",
    );
    let o = ok(tiendo(root, &["new", "year", "2024"], "2024-01-15"));
    assert!(o.stdout.contains("2024.yaml"), "{}", o.stdout);
    assert!(
        o.stderr.contains(
            "carried over from 2023: 3 of 4 goals not completed (G02, G03, G04) and 2 of 3 tasks not done (T02, T03)"
        ),
        "{}",
        o.stderr
    );
    let text = site.read("content/years/2024.yaml");
    let y: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let ids = |key: &str| -> Vec<String> {
        y[key]
            .as_sequence()
            .map(|s| {
                s.iter()
                    .map(|x| x["id"].as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(y["year"].as_i64(), Some(2024));
    // G01 is at 106.88 %: completed, not carried. T01 is done.
    assert_eq!(ids("goals"), ["G02", "G03", "G04"]);
    assert_eq!(ids("tasks"), ["T02", "T03"]);
    // Both groups are still used; the plan was only G01's.
    assert_eq!(ids("groups"), ["dgov", "data"]);
    assert!(y.get("plans").is_none(), "{text}");
    let g = &y["goals"];
    assert_eq!(g[0]["baseline"].as_f64(), Some(5.0));
    assert_eq!(g[0]["target"].as_f64(), Some(2.0));
    assert_eq!(g[0]["actual"].as_f64(), Some(2.6));
    assert_eq!(g[0]["unit"]["en"].as_str(), Some("days"));
    assert_eq!(g[1]["progress"].as_f64(), Some(0.0));
    assert_eq!(
        g[1]["title"]["vi"].as_str(),
        Some("Dữ liệu: \"đất đai\" # 1")
    );
    assert_eq!(g[2]["title"].as_str(), Some("Chỉ tiếng Việt"));
    let t = &y["tasks"];
    assert_eq!(t[0]["status"].as_str(), Some("in_progress"));
    assert_eq!(t[1]["status"].as_str(), Some("not_started"));
    assert!(t[0].get("due").is_none(), "due dates are dropped");
    assert_eq!(t[0]["group"].as_str(), Some("dgov"));

    // The new year builds, and keeps each goal's title.
    let b = ok(tiendo(root, &["build"], "2024-01-15"));
    assert!(b.stderr.contains("built"), "{}", b.stderr);
    assert!(root.join("output/nam/2024/index.html").is_file());
    let c = tiendo(root, &["check"], "2024-01-15");
    assert_eq!(c.code, 0, "{}", c.stderr);
    assert!(!c.stderr.contains("another title"), "{}", c.stderr);
    // The only warning in the new file: G04's title, which had no English in 2023 either.
    let lines: Vec<&str> = c.stderr.lines().collect();
    for w in lines.windows(2) {
        if w[1].contains("--> content/years/2024.yaml") {
            assert!(
                w[0].contains("missing translation: the title of goal `G04`"),
                "{}",
                c.stderr
            );
        }
    }

    // Never over an existing year.
    let o = tiendo(root, &["new", "year", "2024"], "2024-01-15");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("exists already"));
    let o = tiendo(root, &["new", "year", "24"], "2024-01-15");
    assert_eq!(o.code, 2, "a year of four digits: {}", o.stderr);
}

#[test]
fn init_creates_a_site_that_builds_without_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("trang-moi");
    let o = ok(tiendo(dir.path(), &["init", "trang-moi"], "2024-05-02"));
    assert!(o.stdout.contains("content/site.yaml"), "{}", o.stdout);
    assert!(site.join("content/years/2024.yaml").is_file());
    let b = ok(tiendo(&site, &["build"], "2024-05-02"));
    assert!(!b.stderr.contains("warning:"), "{}", b.stderr);
    assert!(b.stderr.contains("(0 warnings)"), "{}", b.stderr);
    let vi = std::fs::read_to_string(site.join("output/tin-tuc/ra-mat-trang-tien-do/index.html"))
        .expect("the article in Vietnamese");
    assert!(vi.contains("Năm 2024 có 4 mục tiêu"), "{vi}");
    assert!(site.join("output/en/news/site-launch/index.html").is_file());
    assert!(site.join("output/en/about/index.html").is_file());
    let c = tiendo(&site, &["check"], "2024-05-02");
    assert_eq!(c.code, 0, "{}", c.stderr);
    // The one warning: the new site's `base_url` is still to be written.
    assert!(c.stderr.contains("0 errors, 1 warning;"), "{}", c.stderr);
    assert!(c.stderr.contains("warning: no `base_url`"), "{}", c.stderr);
    assert!(
        c.stdout.contains("written in every language"),
        "{}",
        c.stdout
    );

    let again = tiendo(dir.path(), &["init", "trang-moi"], "2024-05-02");
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("holds a site already"));
}

#[test]
fn a_very_long_title_makes_an_article_that_builds() {
    let site = SiteTest::fixture("minimal");
    let root = site.root();
    // 1,000 characters, most of them two or three bytes: a file name of that length would be
    // refused by the file system (255 bytes at most).
    let title = "Chuyển đổi số ở Lào Cai — ".repeat(40);
    let o = ok(tiendo(root, &["new", "article", &title], "2024-03-05"));
    let created: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(created.len(), 2, "{}", o.stdout);
    for path in &created {
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 90, "{name}");
        assert!(
            name.starts_with("chuyen-doi-so-o-lao-cai-chuyen-doi-so"),
            "{name}"
        );
        // The whole title is kept in the front matter.
        assert!(site.read(path).contains(title.trim()));
    }
    ok(tiendo(root, &["build", "--drafts"], "2024-03-05"));
}
