//! Charts on the built site: the SVG parses as XML, and its title, description and labels
//! state the data, in both languages.

use crate::support::SiteTest;

fn texts(svg: &str) -> (String, String, Vec<String>) {
    let doc = roxmltree::Document::parse(svg).expect("chart SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(
        root.attribute("viewBox").is_some() && root.attribute("width").is_none(),
        "responsive"
    );
    let labelled = root.attribute("aria-labelledby").expect("aria-labelledby");
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap_or("")
        .to_string();
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap_or("")
        .to_string();
    for id in labelled.split(' ') {
        assert!(
            doc.descendants().any(|n| n.attribute("id") == Some(id)),
            "aria-labelledby names `{id}`"
        );
    }
    let all: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
        .collect();
    (title, desc, all)
}

#[test]
fn example_goals_chart_says_20_3_3_4_in_both_languages() {
    let site = SiteTest::example();
    site.build_ok();
    let (title, desc, labels) = texts(&site.read("output/nam/2023/goals.svg"));
    assert!(title.contains("2023"), "{title}");
    assert!(
        desc.starts_with("20/30 mục tiêu (67 %) hoàn thành"),
        "{desc}"
    );
    assert!(desc.contains("4 mục tiêu đạt dưới 50 %"), "{desc}");
    for expected in [
        "20 (67 %)",
        "3 (10 %)",
        "4 (13 %)",
        "Hoàn thành, vượt kế hoạch",
        "Dưới 50 %",
    ] {
        assert!(
            labels.iter().any(|l| l.contains(expected)),
            "vi chart lacks `{expected}`: {labels:?}"
        );
    }
    let (_, desc, labels) = texts(&site.read("output/en/years/2023/goals.svg"));
    assert!(
        desc.starts_with("20 of 30 goals (67%) were completed or exceeded"),
        "{desc}"
    );
    assert!(labels.iter().any(|l| l.contains("20 (67%)")), "{labels:?}");
    // The same chart is inline in the page, with its table beside it.
    let page = site.read("output/en/years/2023/index.html");
    assert!(
        page.contains("<svg")
            && page.contains("role=\"img\"")
            && page.contains("<caption>Goals by completion</caption>")
    );
    // Tasks 50/19/6 and the groups chart.
    let (_, desc, _) = texts(&site.read("output/en/years/2023/tasks.svg"));
    assert!(
        desc.starts_with(
            "50 of 75 tasks (67%) are done; 19 are in progress and 6 have not started"
        ),
        "{desc}"
    );
    assert!(site
        .read("output/nam/2023/groups.svg")
        .contains("role=\"img\""));
    // The summary image for social networks.
    let png = std::fs::read(site.root().join("output/nam/2023/summary.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
    assert!(page.contains("<meta property=\"og:image\" content=\"https://example.gov.vn/cds/en/years/2023/summary.png\">"));
    // The article's chart shortcode draws the same chart.
    assert!(site
        .read("output/tin-tuc/tong-ket-chuyen-doi-so-2023/index.html")
        .contains("20 (67 %)"));
}

#[test]
fn indicator_rank_is_drawn_up_for_better_and_says_so() {
    let site = SiteTest::example();
    site.build_ok();
    let page = site.read("output/en/years/index.html");
    assert!(
        page.contains(
            "ICT Index ranking: 22 of 63 in 2020; not assessed in 2021; 17 of 63 in 2022."
        ),
        "indicator description"
    );
    assert!(page.contains("A lower rank is better:"), "rank note");
}

#[test]
fn years_without_goals_get_no_empty_chart_and_never_nan() {
    let site = SiteTest::example();
    site.build_ok();
    let y2020 = site.read("output/nam/2020/index.html");
    assert!(
        !y2020.contains("<svg"),
        "no chart for a year without goals or tasks"
    );
    assert!(y2020.contains("Năm này chưa có mục tiêu nào được ghi nhận."));
    for (path, bytes) in site.output_files() {
        if path.ends_with(".svg") || path.ends_with(".html") {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("NaN"),
                "{path} contains NaN"
            );
        }
    }
}

#[test]
fn one_goal_and_three_hundred_goals_draw() {
    let site = SiteTest::fixture("minimal");
    let mut goals = String::from("year: 2025\ngroups:\n  - {id: g, name: {vi: \"Nhóm có tên rất dài để thử xuống dòng trong biểu đồ theo nhóm của năm\", en: \"A very long group name to test wrapping in the chart by group of the year\"}}\ngoals:\n");
    for i in 0..300 {
        goals.push_str(&format!("  - {{id: G{i}, title: {{vi: \"Mục tiêu {i}\", en: \"Goal {i}\"}}, group: g, progress: {}}}\n", i % 130));
    }
    site.write("content/years/2025.yaml", goals);
    site.write(
        "content/years/2026.yaml",
        "year: 2026\ngoals:\n  - {id: G1, title: {vi: \"Một\", en: \"One\"}, progress: 100}\n",
    );
    site.build_ok();
    let (_, desc, _) = texts(&site.read("output/en/years/2025/goals.svg"));
    assert!(desc.starts_with("60 of 300 goals (20%)"), "{desc}");
    let (_, desc, _) = texts(&site.read("output/en/years/2026/goals.svg"));
    assert!(desc.starts_with("1 of 1 goals (100%)"), "{desc}");
    let (_, _, labels) = texts(&site.read("output/en/years/2025/groups.svg"));
    assert!(!labels.is_empty());
}

#[test]
fn chart_bytes_are_identical_across_builds() {
    let a = SiteTest::example();
    let b = SiteTest::example();
    a.build_ok();
    b.build_ok();
    for f in [
        "nam/2023/goals.svg",
        "en/years/2023/tasks.svg",
        "nam/2023/summary.png",
        "en/years/index.html",
    ] {
        assert_eq!(
            std::fs::read(a.root().join("output").join(f)).unwrap(),
            std::fs::read(b.root().join("output").join(f)).unwrap(),
            "{f}"
        );
    }
}
