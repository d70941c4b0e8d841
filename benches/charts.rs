//! Chart rendering time: `cargo bench --bench charts`. Renders the example 2023 goals chart
//! (Vietnamese) 1000 times and prints the median time per chart, plus the rank line chart and
//! the og:image PNG for comparison. A plain `main` (no harness): it measures, it does not assert.
//!
//! With `CHARTS_OUT=<folder>` it also writes chart-vi.svg, chart-en.svg, line-vi.svg,
//! og.png (and groups-vi.svg, with a 120-character group name) there, for looking at them.

use std::hint::black_box;
use std::time::Instant;
use tiendo::charts::{bar_chart_svg, line_chart_svg, og_png, Bar, BarChart, LineChart, Series};

fn bar(key: &str, label: &str, value: f64, value_text: &str) -> Bar {
    Bar {
        key: key.into(),
        label: label.into(),
        value,
        value_text: value_text.into(),
    }
}

fn goals(vi: bool) -> BarChart {
    let t = |a: &str, b: &str| if vi { a.to_string() } else { b.to_string() };
    BarChart {
        id: "goals-2023".into(),
        title: t(
            "Mục tiêu năm 2023 theo mức độ hoàn thành",
            "Goals in 2023 by completion",
        ),
        desc: t(
            "20 trên 30 mục tiêu (67 %) đã hoàn thành; 4 mục tiêu đạt dưới 50 %.",
            "20 of 30 goals (67%) were completed; 4 are below 50%.",
        ),
        bars: vec![
            bar(
                "completed",
                &t("Hoàn thành, vượt kế hoạch", "Completed or exceeded"),
                20.0,
                &t("20 (67 %)", "20 (67%)"),
            ),
            bar(
                "above_70",
                &t("Đạt trên 70 %", "Above 70%"),
                3.0,
                &t("3 (10 %)", "3 (10%)"),
            ),
            bar(
                "between_50_70",
                &t("Đạt 50–70 %", "50–70%"),
                3.0,
                &t("3 (10 %)", "3 (10%)"),
            ),
            bar(
                "below_50",
                &t("Dưới 50 %", "Below 50%"),
                4.0,
                &t("4 (13 %)", "4 (13%)"),
            ),
        ],
        max: 30.0,
        axis_label: t("Số mục tiêu (tổng 30)", "Number of goals (total 30)"),
        source: t(
            "Nguồn: Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai; đơn vị: mục tiêu",
            "Source: Lào Cai Digital Transformation Steering Committee; unit: goals",
        ),
    }
}

fn rank() -> LineChart {
    LineChart {
        x_labels: Vec::new(),
        id: "ind-ict-rank".into(),
        title: "Xếp hạng chỉ số ICT của tỉnh".into(),
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
        note: Some("Hạng thấp hơn là tốt hơn: lên trên là tốt hơn.".into()),
        source: "Nguồn: Bộ Thông tin và Truyền thông".into(),
    }
}

/// Median of `n` timed runs of `f`, in microseconds.
fn median_us(n: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[n / 2]
}

fn main() {
    let vi = goals(true);
    let line = rank();
    let og_bars = vi.bars.clone();
    let og = || {
        og_png(
            "20/30 mục tiêu hoàn thành năm 2023",
            "Tiến độ chuyển đổi số tỉnh Lào Cai · Báo cáo năm 2023",
            &og_bars,
            30.0,
            "Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai",
        )
        .expect("og png")
    };
    if let Some(dir) = std::env::var_os("CHARTS_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::write(dir.join("chart-vi.svg"), bar_chart_svg(&vi)).expect("write");
        std::fs::write(dir.join("chart-en.svg"), bar_chart_svg(&goals(false))).expect("write");
        std::fs::write(dir.join("line-vi.svg"), line_chart_svg(&line)).expect("write");
        std::fs::write(dir.join("og.png"), og()).expect("write");
        let groups = BarChart {
            id: "groups-2023".into(),
            title: "Mức độ hoàn thành theo nhóm".into(),
            desc: "Nhóm có tên dài hoàn thành 7 trên 9 mục tiêu.".into(),
            bars: vec![
                bar("group", "Nhóm nhiệm vụ phát triển hạ tầng số, nền tảng số và dữ liệu số phục vụ chính quyền số, kinh tế số, xã hội số của Lào Cai", 77.8, "7/9 (78 %)"),
                bar("group", "Chính quyền số", 50.0, "3/6 (50 %)"),
            ],
            max: 100.0,
            axis_label: "Tỷ lệ mục tiêu hoàn thành (%)".into(),
            source: "Nguồn: Ban Chỉ đạo chuyển đổi số tỉnh Lào Cai".into(),
        };
        std::fs::write(dir.join("groups-vi.svg"), bar_chart_svg(&groups)).expect("write");
    }
    // Warm up (and the og font database, loaded once per process).
    for _ in 0..50 {
        black_box(bar_chart_svg(black_box(&vi)));
    }
    let _ = og();
    let bar_us = median_us(1000, || {
        black_box(bar_chart_svg(black_box(&vi)));
    });
    let line_us = median_us(1000, || {
        black_box(line_chart_svg(black_box(&line)));
    });
    let og_us = median_us(20, || {
        black_box(og());
    });
    println!("goals bar chart (vi), 1000 runs: median {bar_us:.1} µs per chart");
    println!("rank line chart (vi), 1000 runs: median {line_us:.1} µs per chart");
    println!("og:image PNG 1200×630, 20 runs: median {og_us:.0} µs per image");
}
