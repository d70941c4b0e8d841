//! The printed year report, read with the tools a reader's software relies on: `pdftotext`
//! finds the titles in the right language, `pdffonts` shows every font embedded, `pdfinfo`
//! shows A4 and the title, `qpdf --check` passes, every word sits inside the margins
//! (`pdftotext -bbox`), and two builds give the same bytes. The tools are poppler-utils and
//! qpdf (`.ci/run` installs them): locally a missing tool skips these tests with a message;
//! under CI (`CI=true`) it fails them.

use crate::support::SiteTest;
use std::path::Path;
use std::process::Command;
use tiendo::model::{Localized, Site};

/// Whether poppler-utils and qpdf are there; if not, a skip message, or a failure under CI.
fn tools() -> bool {
    let missing: Vec<&str> = ["pdftotext", "pdffonts", "pdfinfo", "qpdf"]
        .into_iter()
        .filter(|t| Command::new(t).arg("-v").output().is_err())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let how = "apt-get install poppler-utils qpdf";
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the PDF checks need {missing:?}, which are not installed: {how}"
    );
    eprintln!("skipped: the PDF checks need {missing:?} ({how})");
    false
}

/// A tool's standard output; the tool must succeed.
fn run(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Text with every run of white space as one space; a line broken after a hyphen joins up.
fn squash(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.join(" ").replace("- ", "-")
}

fn model(site: &SiteTest) -> Site {
    let today = tiendo::date::Date::parse("2100-01-01").expect("a date");
    let opts = tiendo::load::LoadOptions::new(site.root(), today);
    tiendo::pipeline::load(&opts).expect("the site loads").site
}

fn in_lang(text: &Localized, lang: &str) -> String {
    text.resolve(lang, "vi").0.to_string()
}

/// Checks one PDF: `wanted` texts found by `pdftotext -raw`, fonts embedded, A4, its
/// title, qpdf's check, and every word inside the page's margins.
fn check_pdf(pdf: &Path, title: &str, wanted: &[String]) {
    let text = squash(&run("pdftotext", &["-raw", "-enc", "UTF-8"], pdf));
    for w in wanted {
        assert!(
            text.contains(&squash(w)),
            "{}: `{w}` not found",
            pdf.display()
        );
    }
    let fonts = run("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID: `emb` is the fifth field from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "a font not embedded: {row}");
    }
    let info = run("pdfinfo", &[], pdf);
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    assert!(
        info.contains(&format!("Title:           {title}\n")),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    run("qpdf", &["--check"], pdf);
    words_inside_margins(pdf);
}

/// Every word of every page lies inside the page, left and right inside the margins (18 mm).
fn words_inside_margins(pdf: &Path) {
    let bbox = run("pdftotext", &["-bbox"], pdf);
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect("an attribute") + name.len() + 2;
        let rest = &tag[at..];
        rest[..rest.find('"').expect("a quote")]
            .parse()
            .expect("a number")
    };
    let (left, right) = (18.0 * 72.0 / 25.4 - 0.6, 595.28 - 18.0 * 72.0 / 25.4 + 0.6);
    for tag in bbox.split("<word ").skip(1) {
        let word = &tag[tag.find('>').map_or(0, |i| i + 1)..tag.find("</word>").unwrap_or(0)];
        let (x0, x1) = (attr(tag, "xMin"), attr(tag, "xMax"));
        let (y0, y1) = (attr(tag, "yMin"), attr(tag, "yMax"));
        assert!(
            x0 >= left && x1 <= right && y0 >= 20.0 && y1 <= 841.89 - 20.0,
            "{}: `{word}` at x {x0:.1}–{x1:.1}, y {y0:.1}–{y1:.1} is outside the margins",
            pdf.display()
        );
    }
}

#[test]
fn every_year_of_the_example_has_both_reports_and_they_hold_what_a_reader_needs() {
    if !tools() {
        return;
    }
    let site = SiteTest::example();
    site.build_ok();
    let m = model(&site);
    let org = m
        .config
        .organisation
        .clone()
        .expect("the example names its organisation");
    for y in &m.years {
        for (lang, file) in [
            ("vi", format!("output/nam/{0}/bao-cao-{0}.pdf", y.year)),
            ("en", format!("output/en/years/{0}/report-{0}.pdf", y.year)),
        ] {
            let title = in_lang(y.title.as_ref().expect("a title"), lang);
            let mut wanted = vec![title.clone(), in_lang(&org, lang).to_uppercase()];
            wanted.extend(y.goals.iter().map(|g| in_lang(&g.title, lang)));
            wanted.extend(y.tasks.iter().map(|t| in_lang(&t.title, lang)));
            check_pdf(&site.root().join(&file), &title, &wanted);
        }
    }
    let vi = std::fs::metadata(site.root().join("output/nam/2023/bao-cao-2023.pdf"));
    let size = vi.expect("the 2023 report").len();
    assert!(size <= 400_000, "the 2023 report is {size} bytes");
}

/// The cover gives the year page's address under the site's name; without `base_url` there
/// is none to give, and a bare path (`nam/2023/`) would mean nothing on paper.
#[test]
fn the_cover_gives_the_address_only_when_the_site_has_one() {
    if !tools() {
        return;
    }
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let pdf = site.root().join("output/nam/2023/bao-cao-2023.pdf");
    let text = run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    assert!(
        text.contains("https://example.gov.vn/cds/nam/2023/"),
        "{text}"
    );
    site.edit(
        "content/site.yaml",
        "base_url: \"https://example.gov.vn/cds/\"\n",
        "",
    );
    site.build_ok();
    let text = run("pdftotext", &["-raw", "-enc", "UTF-8"], &pdf);
    assert!(!text.contains("nam/2023/"), "{text}");
    assert!(
        text.contains("Tiến độ thử nghiệm"),
        "the site's name stays: {text}"
    );
}

/// A goal measured from a baseline gives its baseline beside its target, so a reader can
/// recompute its completion from the table: G02, 5 days → 2 days, 2.6 days achieved, is 80 %.
#[test]
fn a_goal_from_a_baseline_shows_it_beside_the_target() {
    if !tools() {
        return;
    }
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    for (file, says) in [
        (
            "output/en/years/2023/report-2023.pdf",
            "2 days (baseline 5 days) 2.6 days 80%",
        ),
        (
            "output/nam/2023/bao-cao-2023.pdf",
            "2 ngày (ban đầu 5 ngày) 2,6 ngày 80 %",
        ),
    ] {
        let text = squash(&run(
            "pdftotext",
            &["-raw", "-enc", "UTF-8"],
            &site.root().join(file),
        ));
        assert!(text.contains(says), "{file}: {text}");
    }
}

#[test]
fn a_year_with_reviews_says_as_of_when_and_lists_its_reviews() {
    if !tools() {
        return;
    }
    let site = SiteTest::example();
    site.build_ok();
    let m = model(&site);
    let y = m.year(2023).expect("2023");
    assert_eq!(y.reviews.len(), 4, "the example's 2023 has four reviews");
    for (lang, file, as_of, q1) in [
        (
            "vi",
            "output/nam/2023/bao-cao-2023.pdf",
            "Số liệu đến ngày 19/12/2023",
            "0/23 mục tiêu hoàn thành (2 chưa đánh giá)",
        ),
        (
            "en",
            "output/en/years/2023/report-2023.pdf",
            "Figures as of 19 December 2023",
            "0 of 23 goals completed (2 not assessed)",
        ),
    ] {
        let text = squash(&run(
            "pdftotext",
            &["-raw", "-enc", "UTF-8"],
            &site.root().join(file),
        ));
        assert!(text.contains(as_of), "{file}: `{as_of}` not found");
        for r in &y.reviews {
            let title = in_lang(r.title.as_ref().expect("a title"), lang);
            assert!(
                text.contains(&squash(&title)),
                "{file}: `{title}` not found"
            );
        }
        assert!(text.contains(q1), "{file}: `{q1}` not found");
    }
}

#[test]
fn two_builds_give_the_same_pdf_bytes_and_the_year_page_links_the_pdf_with_its_size() {
    let a = SiteTest::example();
    a.build_ok();
    let b = SiteTest::example();
    b.build_ok();
    let pdfs = |s: &SiteTest| {
        let files = s.output_files();
        files
            .into_iter()
            .filter(|(p, _)| p.ends_with(".pdf"))
            .collect::<Vec<_>>()
    };
    let (first, second) = (pdfs(&a), pdfs(&b));
    assert_eq!(first.len(), 10, "5 years × 2 languages");
    assert!(first == second, "two builds made different PDFs");
    for (page, pdf, label) in [
        (
            "nam/2023/index.html",
            "bao-cao-2023.pdf",
            "Báo cáo để in (PDF, ",
        ),
        (
            "en/years/2023/index.html",
            "report-2023.pdf",
            "Printable report (PDF, ",
        ),
    ] {
        let html = a.read(&format!("output/{page}"));
        let dir = page.trim_end_matches("index.html");
        let bytes = first.iter().find(|(p, _)| *p == format!("{dir}{pdf}"));
        let kb = bytes.expect("the PDF").1.len().div_ceil(1000);
        let link = format!("<a href=\"{pdf}\">{label}{kb} KB)</a>");
        assert!(html.contains(&link), "{page} lacks {link}");
    }
}

#[test]
fn characters_the_font_lacks_are_a_warning_and_the_report_keeps_them_as_text() {
    let site = SiteTest::example();
    let title = "Tỷ lệ hộ gia đình sử dụng Internet băng rộng cáp quang";
    site.edit(
        "content/years/2023.yaml",
        title,
        "Tỷ lệ hộ gia đình dùng cáp quang 🚀 hợp tác với 中国",
    );
    let run = site.build_ok();
    run.says("content/years/2023.yaml")
        .says("goal `G04`'s title has characters")
        .says("🚀 (U+1F680), 中 (U+4E2D), 国 (U+56FD)");
    if !tools() {
        return;
    }
    let pdf = site.root().join("output/nam/2023/bao-cao-2023.pdf");
    let wanted = ["Tỷ lệ hộ gia đình dùng cáp quang 🚀 hợp tác với 中国".to_string()];
    check_pdf(&pdf, "Chuyển đổi số tỉnh Lào Cai năm 2023", &wanted);
    // Still a PDF/UA-1 document (krilla validated it): the claim is in its metadata.
    assert!(run_meta(&pdf).contains("<pdfuaid:part>1</pdfuaid:part>"));
}

fn run_meta(pdf: &Path) -> String {
    run("pdfinfo", &["-meta"], pdf)
}

#[test]
fn a_theme_changes_the_reports_look_with_its_style_file() {
    let plain = SiteTest::example();
    plain.build_ok();
    let themed = SiteTest::example();
    themed.edit(
        "content/site.yaml",
        "languages:",
        "theme: print\nlanguages:",
    );
    themed.write(
        "themes/print/report/style.yaml",
        "sizes: {body: 12}\ncolours: {heading: \"#7b1fa2\"}\n",
    );
    themed.build_ok();
    let file = "output/nam/2023/bao-cao-2023.pdf";
    let (a, b) = (plain.root().join(file), themed.root().join(file));
    assert_ne!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    if tools() {
        let pages = |p: &Path| {
            let info = run("pdfinfo", &[], p);
            let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
            line[6..].trim().parse::<usize>().unwrap()
        };
        assert!(pages(&b) > pages(&a), "larger text takes more pages");
        check_pdf(&b, "Chuyển đổi số tỉnh Lào Cai năm 2023", &[]);
    }
    // A mistake in the style file is the theme's error, on its line.
    themed.write("themes/print/report/style.yaml", "sizes:\n  bodi: 12\n");
    themed
        .build_fails()
        .says("themes/print/report/style.yaml:2")
        .says("bodi");
}

/// A year of 100 goals and 250 tasks whose Vietnamese titles are 80 to 150 characters long.
fn hundred_goal_year() -> String {
    let words = [
        "Tỷ lệ",
        "hồ sơ",
        "thủ tục hành chính",
        "được số hóa",
        "và tái sử dụng",
        "trên Cổng dịch vụ công",
        "của tỉnh",
        "cấp huyện",
        "cấp xã",
        "người dân",
        "doanh nghiệp",
        "được kết nối",
        "liên thông",
        "với Cơ sở dữ liệu quốc gia",
        "về dân cư",
        "đất đai",
        "bảo đảm an toàn thông tin",
        "theo mô hình bốn lớp",
    ];
    let title = |i: usize| {
        let mut t = format!("Mục tiêu {i}:");
        let mut k = i;
        while t.chars().count() < 80 + (i * 7) % 70 {
            t.push(' ');
            t.push_str(words[k % words.len()]);
            k = k * 7 + 3;
        }
        t
    };
    let mut y = String::from("year: 2025\ntitle: {vi: \"Chuyển đổi số năm 2025: một trăm mục tiêu với tên dài để thử trang in\", en: \"2025\"}\ngroups:\n");
    for g in 0..8 {
        y += &format!("  - {{id: g{g}, name: \"Nhóm {g}: hạ tầng, nền tảng và dữ liệu số\"}}\n");
    }
    y += "goals:\n";
    for i in 0..100 {
        let actual = (i * 37) % 120;
        y += &format!(
            "  - {{id: G{i:03}, title: \"{}\", group: g{}, target: 100, actual: {actual}, unit: \"%\"}}\n",
            title(i),
            i % 8
        );
    }
    y += "tasks:\n";
    let status = ["done", "in_progress", "not_started"];
    for i in 0..250 {
        y += &format!(
            "  - {{id: T{i:03}, title: \"{}\", status: {}, group: g{}, owner: \"Sở Thông tin và Truyền thông tỉnh Lào Cai\", due: 2025-12-31}}\n",
            title(i + 100),
            status[i % 3],
            i % 8
        );
    }
    y
}

#[test]
fn a_hundred_goal_year_with_long_titles_fits_its_pages() {
    let site = SiteTest::example();
    site.write("content/years/2025.yaml", hundred_goal_year());
    site.build_ok();
    if !tools() {
        return;
    }
    let m = model(&site);
    let y = m.year(2025).expect("the year");
    let mut wanted: Vec<String> = y.goals.iter().map(|g| in_lang(&g.title, "vi")).collect();
    wanted.extend(y.tasks.iter().map(|t| in_lang(&t.title, "vi")));
    let title = in_lang(y.title.as_ref().expect("a title"), "vi");
    check_pdf(
        &site.root().join("output/nam/2025/bao-cao-2025.pdf"),
        &title,
        &wanted,
    );
}
