//! Chart tests: every SVG is parsed as XML and checked against its input.

use super::*;
use std::path::PathBuf;

fn bar(key: &str, label: &str, value: f64, value_text: &str) -> Bar {
    Bar {
        key: key.into(),
        label: label.into(),
        value,
        value_text: value_text.into(),
    }
}

/// The example site's 2023 goals chart (20 / 3 / 3 / 4 of 30), as the caller would compose it.
fn goals_chart(lang: &str) -> BarChart {
    if lang == "vi" {
        BarChart {
            id: "goals-2023".into(),
            title: "Mục tiêu năm 2023 theo mức độ hoàn thành".into(),
            desc: "20 trên 30 mục tiêu (67 %) đã hoàn thành; 4 mục tiêu đạt dưới 50 %.".into(),
            bars: vec![
                bar("completed", "Hoàn thành, vượt kế hoạch", 20.0, "20 (67 %)"),
                bar("above_70", "Đạt trên 70 %", 3.0, "3 (10 %)"),
                bar("between_50_70", "Đạt 50–70 %", 3.0, "3 (10 %)"),
                bar("below_50", "Dưới 50 %", 4.0, "4 (13 %)"),
            ],
            max: 30.0,
            axis_label: "Số mục tiêu (tổng 30)".into(),
            source: "Nguồn: Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai; đơn vị: mục tiêu".into(),
        }
    } else {
        BarChart {
            id: "goals-2023".into(),
            title: "Goals in 2023 by completion".into(),
            desc: "20 of 30 goals (67%) were completed; 4 are below 50%.".into(),
            bars: vec![
                bar("completed", "Completed or exceeded", 20.0, "20 (67%)"),
                bar("above_70", "Above 70%", 3.0, "3 (10%)"),
                bar("between_50_70", "50–70%", 3.0, "3 (10%)"),
                bar("below_50", "Below 50%", 4.0, "4 (13%)"),
            ],
            max: 30.0,
            axis_label: "Number of goals (total 30)".into(),
            source: "Source: Lào Cai Digital Transformation Steering Committee; unit: goals".into(),
        }
    }
}

fn rank_chart() -> LineChart {
    LineChart {
        x_labels: Vec::new(),
        id: "ind-ict-rank".into(),
        title: "Xếp hạng chỉ số ICT".into(),
        desc: "Hạng 17 trên 63 năm 2023, tăng 5 bậc so với năm 2021; năm 2022 không đánh giá."
            .into(),
        series: vec![Series {
            label: "Hạng ICT Index".into(),
            points: vec![
                (2020, Some(30.0)),
                (2021, Some(22.0)),
                (2022, None),
                (2023, Some(17.0)),
            ],
            point_texts: vec![
                "30/63".into(),
                "22/63".into(),
                "không đánh giá".into(),
                "17/63".into(),
            ],
        }],
        y_min: 1.0,
        y_max: 63.0,
        invert_y: true,
        y_label: "Hạng (1 = tốt nhất)".into(),
        note: Some("Hạng thấp hơn là tốt hơn; lên trên là tốt hơn".into()),
        source: "Nguồn: Bộ Thông tin và Truyền thông".into(),
    }
}

/// Parses and checks what every chart must have; returns the document.
fn parse<'a>(svg: &'a str, id: &str, title: &str, desc: &str) -> roxmltree::Document<'a> {
    assert!(!svg.contains("NaN"), "NaN in {svg}");
    assert!(!svg.contains("inf\""), "inf in {svg}");
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some(format!("{id}-title {id}-desc").as_str())
    );
    assert!(root.attribute("width").is_none() && root.attribute("height").is_none());
    let vb: Vec<f64> = root
        .attribute("viewBox")
        .expect("viewBox")
        .split(' ')
        .map(|v| v.parse().expect("number"))
        .collect();
    assert_eq!(vb.len(), 4);
    assert!(vb[2] > 0.0 && vb[3] > 0.0);
    assert!(root
        .attribute("font-family")
        .unwrap()
        .ends_with("sans-serif"));
    let t = root.first_element_child().expect("title");
    assert_eq!(t.tag_name().name(), "title");
    assert_eq!(t.attribute("id"), Some(format!("{id}-title").as_str()));
    assert_eq!(t.text().unwrap_or(""), title);
    let d = t.next_sibling_element().expect("desc");
    assert_eq!(d.tag_name().name(), "desc");
    assert_eq!(d.attribute("id"), Some(format!("{id}-desc").as_str()));
    assert_eq!(d.text().unwrap_or(""), desc);
    // Every font size is 14 px or more.
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size: f64 = n.attribute("font-size").unwrap_or("14").parse().unwrap();
        assert!(size >= 14.0);
    }
    // Every referenced pattern exists; ids are unique.
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for n in doc.descendants() {
        if let Some(f) = n.attribute("fill") {
            if let Some(r) = f.strip_prefix("url(#").and_then(|f| f.strip_suffix(')')) {
                assert!(ids.contains(&r), "missing pattern {r}");
            }
        }
    }
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(n, ids.len(), "duplicate ids");
    doc
}

/// The visible texts: each `<text>`'s lines (without its tooltip `<title>`), joined by spaces,
/// with the element's class.
fn texts(doc: &roxmltree::Document<'_>) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let lines: Vec<String> = if n.children().any(|c| c.has_tag_name("tspan")) {
                n.children()
                    .filter(|c| c.has_tag_name("tspan"))
                    .map(|c| c.text().unwrap_or("").to_string())
                    .collect()
            } else {
                n.children()
                    .filter(|c| c.is_text())
                    .map(|c| c.text().unwrap_or("").to_string())
                    .collect()
            };
            (
                n.attribute("class").unwrap_or("").to_string(),
                lines.join(" "),
            )
        })
        .collect()
}

fn texts_of(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
    texts(doc)
        .into_iter()
        .filter(|(c, _)| c.split(' ').any(|x| x == class))
        .map(|(_, t)| t)
        .collect()
}

fn bars_of<'a>(doc: &'a roxmltree::Document<'a>, key: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    let class = format!("bar bar-{key}");
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class.as_str()))
        .collect()
}

fn width(n: &roxmltree::Node<'_, '_>) -> f64 {
    n.attribute("width").unwrap().parse().unwrap()
}

#[test]
fn goals_chart_has_labels_values_and_description_in_both_languages() {
    for lang in ["vi", "en"] {
        let c = goals_chart(lang);
        let svg = bar_chart_svg(&c);
        let doc = parse(&svg, "goals-2023", &c.title, &c.desc);
        let labels = texts_of(&doc, "bar-label");
        let values = texts_of(&doc, "bar-value");
        assert_eq!(
            labels,
            c.bars.iter().map(|b| b.label.clone()).collect::<Vec<_>>()
        );
        assert_eq!(
            values,
            c.bars
                .iter()
                .map(|b| b.value_text.clone())
                .collect::<Vec<_>>()
        );
        assert_eq!(texts_of(&doc, "chart-title"), vec![c.title.clone()]);
        assert_eq!(texts_of(&doc, "chart-source"), vec![c.source.clone()]);
        assert_eq!(texts_of(&doc, "axis-label"), vec![c.axis_label.clone()]);
        assert_eq!(texts_of(&doc, "tick"), vec!["0", "10", "20", "30"]);
        // Bar lengths are proportional to the values: 20 / 3 / 3 / 4.
        let w: Vec<f64> = ["completed", "above_70", "between_50_70", "below_50"]
            .iter()
            .map(|k| {
                let b = bars_of(&doc, k);
                assert_eq!(b.len(), 1, "{k}");
                width(&b[0])
            })
            .collect();
        let track = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("track"))
            .map(|n| width(&n))
            .unwrap();
        for (wi, v) in w.iter().zip([20.0, 3.0, 3.0, 4.0]) {
            assert!((wi / track - v / 30.0).abs() < 0.01, "{wi} {track} {v}");
        }
        // Themable colours with the palette as fallback; hatching for all but `completed`.
        assert!(svg.contains("fill:var(--c-completed,#00695c)"));
        assert!(svg.contains("fill:var(--c-above70,#1565c0)"));
        assert!(svg.contains("fill:var(--c-50-70,#a35200)"));
        assert!(svg.contains("fill:var(--c-below50,#c62828)"));
        for k in ["above_70", "between_50_70", "below_50"] {
            assert!(
                svg.contains(&format!("fill=\"url(#goals-2023-hatch-{k})\"")),
                "{k}"
            );
        }
        assert!(!svg.contains("hatch-completed"));
        // No plotters root attributes survive.
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(!svg.contains(" opacity=\"1\""));
    }
}

#[test]
fn task_keys_use_the_status_palette() {
    let c = BarChart {
        id: "tasks".into(),
        bars: vec![
            bar("done", "Xong", 50.0, "50"),
            bar("in_progress", "Đang làm", 19.0, "19"),
            bar("not_started", "Chưa làm", 6.0, "6"),
        ],
        max: 75.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    parse(&svg, "tasks", "", "");
    assert!(svg.contains("var(--c-done,#00695c)"));
    assert!(svg.contains("var(--c-progress,#1565c0)"));
    assert!(svg.contains("var(--c-notstarted,#616161)"));
}

#[test]
fn text_is_escaped() {
    let nasty = "<script>alert(\"x\")</script> & ]]> 'q'";
    let c = BarChart {
        id: "x\"><script>".into(),
        title: nasty.into(),
        desc: nasty.into(),
        bars: vec![bar("<b>", nasty, 1.0, nasty)],
        max: 2.0,
        axis_label: nasty.into(),
        source: nasty.into(),
    };
    let svg = bar_chart_svg(&c);
    assert!(!svg.contains("<script>"));
    assert!(!svg.contains("]]>"));
    let doc = parse(&svg, "x---script-", nasty, nasty);
    let all: Vec<String> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(all.iter().any(|t| t == nasty), "{all:?}");
    // The value text is cut to one line, with the full text as its tooltip.
    let value = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("bar-value"))
        .unwrap();
    let tip = value.children().find(|c| c.has_tag_name("title"));
    if let Some(tip) = tip {
        assert_eq!(tip.text(), Some(nasty));
    }

    let l = LineChart {
        id: "l".into(),
        title: nasty.into(),
        desc: nasty.into(),
        series: vec![Series {
            label: nasty.into(),
            points: vec![(2022, Some(1.0)), (2023, None)],
            point_texts: vec![nasty.into(), nasty.into()],
        }],
        y_min: 0.0,
        y_max: 2.0,
        y_label: nasty.into(),
        note: Some(nasty.into()),
        source: nasty.into(),
        ..Default::default()
    };
    let svg = line_chart_svg(&l);
    assert!(!svg.contains("<script>") && !svg.contains("]]>"));
    parse(&svg, "l", nasty, nasty);
}

#[test]
fn a_long_vietnamese_label_is_wrapped_not_lost() {
    let name = "Nhóm nhiệm vụ phát triển hạ tầng số, nền tảng số và dữ liệu số phục vụ chính quyền số, kinh tế số, xã hội số của Lào Cai";
    assert_eq!(name.chars().count(), 120);
    let c = BarChart {
        id: "groups".into(),
        title: "Hoàn thành theo nhóm".into(),
        bars: vec![bar("group", name, 7.0, "7/9 (78 %)")],
        max: 100.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "groups", &c.title, "");
    let label = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("bar-label"))
        .unwrap();
    let lines: Vec<&str> = label
        .children()
        .filter(|c| c.has_tag_name("tspan"))
        .filter_map(|c| c.text())
        .collect();
    assert!(lines.len() >= 2, "{lines:?}");
    // Four lines hold it all: nothing cut, so no tooltip.
    assert_eq!(lines.join(" "), name);
    assert!(label.children().all(|c| !c.has_tag_name("title")));
    // Each line fits beside the value text.
    for l in &lines {
        assert!(layout::text_width(l, 14.0, false) <= frame::WIDTH - 24.0);
    }
    assert!(svg.contains("class=\"bar bar-group\""));

    // The theme's accent colour unless it defines `--c-group`.
    assert!(svg.contains("fill:var(--c-group,var(--accent,#0b5cad))"));

    // Far longer: cut after four lines, the full text as tooltip.
    let huge = name.repeat(4);
    let c = BarChart {
        id: "g".into(),
        bars: vec![bar("group", &huge, 1.0, "1")],
        max: 1.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "g", "", "");
    let label = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("bar-label"))
        .unwrap();
    assert_eq!(
        label.children().filter(|c| c.has_tag_name("tspan")).count(),
        4
    );
    let tip = label.children().find(|c| c.has_tag_name("title")).unwrap();
    assert_eq!(tip.text(), Some(huge.as_str()));
}

#[test]
fn edge_cases_never_panic_nor_emit_nan() {
    // No bars: the description is written instead.
    let c = BarChart {
        id: "empty".into(),
        title: "Mục tiêu năm 2024".into(),
        desc: "Năm 2024 chưa có mục tiêu nào.".into(),
        max: 0.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "empty", &c.title, &c.desc);
    assert_eq!(texts_of(&doc, "chart-empty"), vec![c.desc.clone()]);
    assert!(texts_of(&doc, "tick").is_empty());

    // All zero, with a zero maximum.
    let c = BarChart {
        id: "zero".into(),
        bars: vec![
            bar("completed", "A", 0.0, "0"),
            bar("below_50", "B", 0.0, "0"),
        ],
        max: 0.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "zero", "", "");
    assert!(bars_of(&doc, "completed").is_empty());
    assert_eq!(texts_of(&doc, "bar-value"), vec!["0", "0"]);

    // Nonsense numbers.
    let c = BarChart {
        id: "odd".into(),
        bars: vec![
            bar("completed", "nan", f64::NAN, "?"),
            bar("completed", "inf", f64::INFINITY, "?"),
            bar("completed", "neg", -5.0, "?"),
            bar("completed", "over", 50.0, "?"),
        ],
        max: f64::NAN,
        ..Default::default()
    };
    parse(&bar_chart_svg(&c), "odd", "", "");
    let c = BarChart { max: 10.0, ..c };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "odd", "", "");
    // Over the maximum: drawn to the end of the track, not beyond.
    let track = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("track"))
        .map(|n| width(&n))
        .unwrap();
    assert!(bars_of(&doc, "completed").iter().all(|b| width(b) <= track));

    // One bar.
    let c = BarChart {
        id: "one".into(),
        bars: vec![bar("completed", "Một", 1.0, "1 (100 %)")],
        max: 1.0,
        ..Default::default()
    };
    let doc_svg = bar_chart_svg(&c);
    let doc = parse(&doc_svg, "one", "", "");
    assert_eq!(texts_of(&doc, "bar-label"), vec!["Một"]);

    // 300 bars: the chart grows tall, all there.
    let bars: Vec<Bar> = (0..300)
        .map(|i| {
            bar(
                "group",
                &format!("Mục tiêu số {i}"),
                f64::from(i % 7),
                &format!("{}", i % 7),
            )
        })
        .collect();
    let c = BarChart {
        id: "many".into(),
        bars,
        max: 6.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "many", "", "");
    assert_eq!(texts_of(&doc, "bar-label").len(), 300);
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    assert!(vb[3] > 300.0 * 40.0);
    // Tiny but non-zero values stay visible.
    let c = BarChart {
        id: "tiny".into(),
        bars: vec![
            bar("completed", "a", 1.0, "1"),
            bar("completed", "b", 0.0, "0"),
        ],
        max: 10_000.0,
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "tiny", "", "");
    let b = bars_of(&doc, "completed");
    assert_eq!(b.len(), 1);
    assert!(width(&b[0]) >= 2.0);
    // Ticks of five digits or more would be written differently per language: left out.
    assert!(texts_of(&doc, "tick").is_empty());
}

#[test]
fn output_is_deterministic() {
    for lang in ["vi", "en"] {
        let c = goals_chart(lang);
        assert_eq!(bar_chart_svg(&c), bar_chart_svg(&c.clone()));
    }
    let l = rank_chart();
    assert_eq!(line_chart_svg(&l), line_chart_svg(&l.clone()));
    let c = goals_chart("vi");
    let a = og_png("20/30", "x", &c.bars, 30.0, "f").unwrap();
    let b = og_png("20/30", "x", &c.bars, 30.0, "f").unwrap();
    assert_eq!(a, b);
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/charts")
}

/// Compares `actual` with the golden file byte for byte; `UPDATE_GOLDEN=1` rewrites it (the
/// convention of tests/it/support.rs).
fn check_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("mkdir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `UPDATE_GOLDEN=1 cargo test charts` to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "{} differs at line {}:\n  golden: {}\n  actual: {}\n(re-bless with UPDATE_GOLDEN=1 after a deliberate change)",
            path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn golden_goals_charts() {
    check_golden("goals-2023.vi.svg", &bar_chart_svg(&goals_chart("vi")));
    check_golden("goals-2023.en.svg", &bar_chart_svg(&goals_chart("en")));
    check_golden("ict-rank.vi.svg", &line_chart_svg(&rank_chart()));
}

fn markers<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<(f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("class") == Some("series series-1"))
        .map(|n| {
            (
                n.attribute("cx").unwrap().parse().unwrap(),
                n.attribute("cy").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn rank_chart_is_inverted_with_gaps_and_direct_labels() {
    let l = rank_chart();
    let svg = line_chart_svg(&l);
    let doc = parse(&svg, "ind-ict-rank", &l.title, &l.desc);
    // Three markers (2022 has no value); rank 17 is drawn higher (smaller y) than rank 30.
    let m = markers(&doc);
    assert_eq!(m.len(), 3);
    assert!(m[0].0 < m[1].0 && m[1].0 < m[2].0);
    assert!(m[2].1 < m[1].1 && m[1].1 < m[0].1, "{m:?}");
    // The line is broken at 2022: one segment 2020–2021; 2023 stands alone.
    let lines: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("class") == Some("series series-1"))
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]
            .attribute("points")
            .unwrap()
            .split_whitespace()
            .count(),
        2
    );
    assert_eq!(texts_of(&doc, "point-label"), l.series[0].point_texts);
    assert_eq!(texts_of(&doc, "gap"), vec!["không đánh giá"]);
    assert_eq!(texts_of(&doc, "legend"), vec!["Hạng ICT Index"]);
    assert_eq!(texts_of(&doc, "chart-note"), vec![l.note.clone().unwrap()]);
    assert_eq!(texts_of(&doc, "year"), vec!["2020", "2021", "2022", "2023"]);
    assert_eq!(texts_of(&doc, "chart-source"), vec![l.source.clone()]);
    assert!(svg.contains("stroke:var(--c-series-1,var(--c-above70,#1565c0))"));

    // Not inverted: a higher value is drawn higher.
    let l2 = LineChart {
        invert_y: false,
        ..l.clone()
    };
    let doc_svg = line_chart_svg(&l2);
    let doc = parse(&doc_svg, "ind-ict-rank", &l.title, &l.desc);
    let m = markers(&doc);
    assert!(m[2].1 > m[1].1 && m[1].1 > m[0].1, "{m:?}");
}

#[test]
fn line_chart_edge_cases() {
    // Nothing at all.
    let l = LineChart {
        id: "none".into(),
        desc: "Chưa có số liệu.".into(),
        ..Default::default()
    };
    let svg = line_chart_svg(&l);
    let doc = parse(&svg, "none", "", &l.desc);
    assert_eq!(texts_of(&doc, "chart-empty"), vec![l.desc.clone()]);
    // Only gaps; equal bounds; NaN bounds; mismatched texts; unsorted years; values outside.
    let l = LineChart {
        id: "odd".into(),
        series: vec![
            Series {
                label: "a".into(),
                points: vec![(2023, None), (2021, None)],
                point_texts: vec![],
            },
            Series {
                label: "b".into(),
                points: vec![
                    (2023, Some(f64::NAN)),
                    (2020, Some(500.0)),
                    (2022, Some(-3.0)),
                ],
                point_texts: vec!["x".into()],
            },
        ],
        y_min: 5.0,
        y_max: 5.0,
        ..Default::default()
    };
    parse(&line_chart_svg(&l), "odd", "", "");
    let l = LineChart {
        y_min: f64::NAN,
        y_max: f64::INFINITY,
        ..l
    };
    parse(&line_chart_svg(&l), "odd", "", "");
    // One point; many series; many years.
    let one = LineChart {
        id: "one".into(),
        series: vec![Series {
            label: "Tỷ lệ hoàn thành".into(),
            points: vec![(2023, Some(67.0))],
            point_texts: vec!["67 %".into()],
        }],
        y_min: 0.0,
        y_max: 100.0,
        ..Default::default()
    };
    let svg = line_chart_svg(&one);
    let doc = parse(&svg, "one", "", "");
    assert_eq!(markers(&doc).len(), 1);
    assert_eq!(texts_of(&doc, "tick"), vec!["0", "25", "50", "75", "100"]);
    let many = LineChart {
        id: "many".into(),
        series: (0..7)
            .map(|s| Series {
                label: format!("S{s}"),
                points: (1990..2030)
                    .map(|y| (y, Some(f64::from((y * (s + 1)) % 100))))
                    .collect(),
                point_texts: (1990..2030).map(|y| y.to_string()).collect(),
            })
            .collect(),
        y_min: 0.0,
        y_max: 100.0,
        ..Default::default()
    };
    let svg = line_chart_svg(&many);
    let doc = parse(&svg, "many", "", "");
    assert!(svg.contains("stroke-dasharray=\"7 4\""));
    assert!(texts_of(&doc, "year").len() < 40);
    assert_eq!(texts_of(&doc, "legend").len(), 7);
}

#[test]
fn og_png_is_1200_by_630() {
    let c = goals_chart("vi");
    let png = og_png(
        "20/30 mục tiêu hoàn thành năm 2023",
        "Tiến độ chuyển đổi số tỉnh Lào Cai",
        &c.bars,
        30.0,
        "Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai",
    )
    .expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(&png[12..16], b"IHDR");
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((w, h), (1200, 630));
    // Edge cases render too, and the card's SVG is well-formed with escaped text.
    for bars in [vec![], vec![bar("completed", "<&>", f64::NAN, "]]>")]] {
        let png = og_png("<script>", "&", &bars, 0.0, "\"").expect("png");
        assert_eq!(&png[12..16], b"IHDR");
        let svg = og::og_svg("<script>", "&", &bars, 0.0, "\"");
        roxmltree::Document::parse(&svg).expect("xml");
        assert!(!svg.contains("NaN"));
    }
}

#[test]
fn plotters_text_sizes_are_what_the_module_docs_say() {
    // Evidence for hand-writing the text layer: plotters-svg writes size ÷ 1.24.
    use plotters::prelude::*;
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, (100, 100)).into_drawing_area();
        root.draw(&Text::new("Đạt", (10, 10), ("sans-serif", 14.0 * 1.24)))
            .unwrap();
        root.present().unwrap();
    }
    // A fixed width and height on the root, no role, title or desc.
    assert!(s.starts_with("<svg width=\"100\" height=\"100\""), "{s}");
    assert!(!s.contains("role="), "{s}");
    // 14 px has to be asked for as 17.36; the text node gains newlines; a literal colour.
    assert!(s.contains("font-size=\"14\""), "{s}");
    assert!(s.contains(">\nĐạt\n</text>"), "{s}");
    assert!(s.contains("fill=\"#000000\""), "{s}");
}

#[test]
fn paints_stay_distinct_past_65536() {
    // A sentinel's green and blue channels count the paints; the red one takes over beyond.
    let mut p = draw::Paints::default();
    let colours: Vec<_> = (0..70_000)
        .map(|i| p.add(format!("fill-{i}"), format!("stroke-{i}")))
        .collect();
    let mut hex: Vec<String> = colours
        .iter()
        .map(|c| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2))
        .collect();
    let svg = format!(
        "<rect fill=\"{}\"/><path stroke=\"{}\"/><rect fill=\"#123456\"/><rect fill=\"#a70001\"/>",
        hex[66_000], hex[3]
    );
    assert_eq!(
        p.apply(&svg),
        "<rect fill-66000/><path stroke-3/><rect fill=\"#123456\"/><rect fill=\"#a70001\"/>"
    );
    hex.sort_unstable();
    hex.dedup();
    assert_eq!(hex.len(), 70_000);
}

#[test]
fn a_line_chart_of_many_series_keeps_every_legend_entry() {
    let c = LineChart {
        id: "wide".into(),
        series: (0..300)
            .map(|s| Series {
                label: format!("Chỉ số {s}"),
                points: vec![(2022, Some(f64::from(s))), (2023, None)],
                point_texts: vec![s.to_string(), "—".into()],
            })
            .collect(),
        y_min: 0.0,
        y_max: 300.0,
        ..Default::default()
    };
    let svg = line_chart_svg(&c);
    let doc = parse(&svg, "wide", "", "");
    assert_eq!(texts_of(&doc, "legend").len(), 300);
    assert!(svg.contains("series-300"));
}

#[test]
fn sizes_beyond_i32_saturate_instead_of_wrapping() {
    assert_eq!(frame::px_u(u32::MAX), i32::MAX);
    assert_eq!(frame::px_u(630), 630);
}

#[test]
fn many_distinct_keys_keep_their_first_seen_order() {
    let bars: Vec<Bar> = (0..5000)
        .map(|i| bar(&format!("k{}", (i * 7919) % 2000), "x", 1.0, "1"))
        .collect();
    let (keys, index) = draw::distinct_keys(&bars);
    assert_eq!(keys.len(), 2000);
    assert_eq!(keys[0].0, "k0");
    assert_eq!(keys[1].0, "k1919");
    for (b, i) in bars.iter().zip(&index) {
        assert_eq!(keys[*i].0, b.key);
    }
}

#[test]
fn a_label_of_100_000_characters_without_spaces_is_cut_with_a_tooltip() {
    let huge = "Đạt中".repeat(33_334);
    let c = BarChart {
        id: "huge".into(),
        title: huge.clone(),
        bars: vec![bar("completed", &huge, 1.0, &huge)],
        max: 1.0,
        source: huge.clone(),
        ..Default::default()
    };
    let svg = bar_chart_svg(&c);
    let doc = parse(&svg, "huge", &huge, "");
    let label = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("bar-label"))
        .unwrap();
    let tip = label.children().find(|c| c.has_tag_name("title")).unwrap();
    assert_eq!(tip.text(), Some(huge.as_str()));
    assert!(svg.len() < 8 * huge.len(), "{}", svg.len());
    let l = LineChart {
        id: "huge".into(),
        series: vec![Series {
            label: huge.clone(),
            points: vec![(i32::MIN, Some(1.0)), (i32::MAX, Some(2.0))],
            point_texts: vec![huge.clone(), huge.clone()],
        }],
        y_min: f64::MIN,
        y_max: f64::MAX,
        y_label: huge.clone(),
        ..Default::default()
    };
    parse(&line_chart_svg(&l), "huge", "", "");
}
