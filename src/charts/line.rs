//! Line chart over years: one line per series, broken where a year has no value, a marker and a
//! direct label (the caller's point text) at every point, a legend with line style and marker,
//! and for ranks an inverted y axis so that up means better.

use super::draw::{
    assemble, push_text, Anchor, Paints, TextBlock, LINE, SERIES_COLOURS, SERIES_DASHES,
};
use super::layout::{ident, text_width, ticks, wrap, wrap_balanced, Wrapped};
use super::LineChart;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// viewBox width, as for the bar chart.
const WIDTH: f64 = 360.0;
const PAD: f64 = 12.0;
const FS: f64 = 14.0;
const LH: f64 = 18.0;
const TITLE_FS: f64 = 16.0;
const TITLE_LH: f64 = 21.0;
const PLOT_H: f64 = 180.0;
const MARKER: i32 = 4;

fn one_line(s: &str) -> Wrapped {
    Wrapped {
        lines: vec![s.to_string()],
        truncated: false,
    }
}

/// The markers, one shape per series (cycling), drawn in pixel coordinates.
fn draw_marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    series: usize,
    (x, y): (i32, i32),
    colour: RGBColor,
) {
    let st = colour.filled();
    let m = MARKER;
    let _ = match series % 4 {
        0 => root.draw(&Circle::new((x, y), m, st)),
        1 => root.draw(&Rectangle::new([(x - m, y - m), (x + m, y + m)], st)),
        2 => root.draw(&Polygon::new(
            vec![(x, y - m - 1), (x + m + 1, y + m), (x - m - 1, y + m)],
            st,
        )),
        _ => root.draw(&Polygon::new(
            vec![
                (x, y - m - 1),
                (x + m + 1, y),
                (x, y + m + 1),
                (x - m - 1, y),
            ],
            st,
        )),
    };
}

pub(crate) fn render(c: &LineChart) -> String {
    let id = ident(&c.id, "chart");
    let inner = WIDTH - 2.0 * PAD;

    // Clean data: finite values only, sorted by year (stable, so input order breaks ties).
    let series: Vec<Vec<(i32, Option<f64>, &str)>> = c
        .series
        .iter()
        .map(|s| {
            let mut pts: Vec<(i32, Option<f64>, &str)> = s
                .points
                .iter()
                .enumerate()
                .map(|(i, (yr, v))| {
                    (
                        *yr,
                        v.filter(|v| v.is_finite()),
                        s.point_texts.get(i).map(String::as_str).unwrap_or(""),
                    )
                })
                .collect();
            pts.sort_by_key(|p| p.0);
            pts
        })
        .collect();
    let mut years: Vec<i32> = series.iter().flatten().map(|p| p.0).collect();
    years.sort_unstable();
    years.dedup();

    let (mut lo, mut hi) = (c.y_min, c.y_max);
    if !lo.is_finite() || !hi.is_finite() {
        let vals: Vec<f64> = series.iter().flatten().filter_map(|p| p.1).collect();
        lo = vals.iter().cloned().fold(f64::INFINITY, f64::min);
        hi = vals.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
    }
    if lo > hi {
        std::mem::swap(&mut lo, &mut hi);
    }
    if hi - lo < 1e-9 {
        (lo, hi) = (lo - 1.0, hi + 1.0);
    }

    // Layout.
    let mut y = PAD;
    let title = wrap_balanced(&c.title, TITLE_FS, true, inner, 3);
    let title_y = y + TITLE_FS;
    y += title.lines.len() as f64 * TITLE_LH;
    let note_text = c.note.clone().unwrap_or_default();
    let note = wrap(&note_text, FS, false, inner, 3);
    let note_y = y + FS;
    y += note.lines.len() as f64 * LH + 8.0;

    let empty = years.is_empty();
    let empty_note = if empty {
        let w = wrap(&c.desc, FS, false, inner, 8);
        let ny = y + FS;
        y += w.lines.len() as f64 * LH + 8.0;
        Some((w, ny))
    } else {
        None
    };

    // Legend: a line sample with the series' marker and dash, then its label.
    let mut legend = Vec::new();
    if !empty {
        for s in &c.series {
            let w = wrap(&s.label, FS, false, inner - 34.0, 2);
            let ly = y;
            y += w.lines.len().max(1) as f64 * LH + 2.0;
            legend.push((w, ly));
        }
        y += 4.0;
    }
    let y_label = if empty {
        one_line("")
    } else {
        wrap(&c.y_label, FS, false, inner, 2)
    };
    let y_label_y = y + FS;
    y += y_label.lines.len() as f64 * LH;

    let (mut tick_values, integral) = ticks(lo, hi, 4);
    // Whole-number bounds get a tick too (rank 1 at the top of a rank chart), unless another
    // tick is close.
    if integral {
        let step = match tick_values.as_slice() {
            [a, b, ..] => b - a,
            _ => hi - lo,
        };
        for bound in [lo, hi] {
            let near = tick_values.iter().any(|t| (t - bound).abs() < 0.4 * step);
            if bound.fract() == 0.0 && bound.abs() < 10_000.0 && !near {
                tick_values.push(bound);
            }
        }
        tick_values.sort_by(f64::total_cmp);
    }
    let tick_labels: Vec<String> = if integral {
        tick_values
            .iter()
            .map(|t| format!("{}", *t as i64))
            .collect()
    } else {
        Vec::new()
    };
    let tick_w = tick_labels
        .iter()
        .map(|l| text_width(l, FS, false))
        .fold(0.0, f64::max);
    let plot_left = (PAD + if tick_w > 0.0 { tick_w + 8.0 } else { 4.0 }).round();
    let plot_right = (WIDTH - PAD - 4.0).round();
    let plot_top = (y + 26.0).round();
    let plot_bottom = plot_top + PLOT_H;
    if !empty {
        y = plot_bottom + 6.0 + LH + 6.0;
    }
    let source = wrap(&c.source, FS, false, inner, 4);
    let source_y = y + FS;
    y += source.lines.len() as f64 * LH + PAD - 4.0;
    let height = y.ceil().max(2.0 * PAD) as u32;
    let size = (WIDTH as u32, height);

    let (x_lo, x_hi) = match (years.first(), years.last()) {
        (Some(a), Some(b)) => (f64::from(*a) - 0.5, f64::from(*b) + 0.5),
        _ => (0.0, 1.0),
    };
    let slot = (plot_right - plot_left) / (x_hi - x_lo);

    // Geometry, drawn by plotters.
    let mut paints = Paints::default();
    let bg = paints.themed("chart-bg", super::draw::BG.0, super::draw::BG.1, "");
    let grid = paints.themed("grid", LINE.0, LINE.1, "");
    let axis = paints.themed("axis", super::draw::MUTED.0, super::draw::MUTED.1, "");
    let mut series_paint = |class: &str, i: usize| {
        let dash = SERIES_DASHES[i % SERIES_DASHES.len()];
        let extra = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let (theme_var, fallback) = SERIES_COLOURS[i % SERIES_COLOURS.len()];
        paints.themed(
            &format!("{class} series-{}", i + 1),
            &format!("--c-series-{} {theme_var}", i + 1),
            fallback,
            &extra,
        )
    };
    let series_paints: Vec<RGBColor> = (0..c.series.len())
        .map(|i| series_paint("series", i))
        .collect();
    // The legend's samples: the same colours under another class, so that the chart's own
    // markers and lines can be told apart from the legend's (in tests and in themes).
    let legend_paints: Vec<RGBColor> = (0..c.series.len())
        .map(|i| series_paint("legend-key", i))
        .collect();

    // Pixel positions of the labelled things, for the text layer.
    let mut point_labels: Vec<(f64, f64, bool, String)> = Vec::new(); // x, y, muted, text
    let mut year_px: Vec<(i32, i32)> = Vec::new();
    let mut tick_px: Vec<i32> = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root.fill(&bg);
        if !empty {
            let pixel_y = if c.invert_y {
                plot_top as i32..plot_bottom as i32
            } else {
                plot_bottom as i32..plot_top as i32
            };
            let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                x_lo..x_hi,
                lo..hi,
                (plot_left as i32..plot_right as i32, pixel_y),
            ));
            for t in &tick_values {
                let _ = area.draw(&PathElement::new(vec![(x_lo, *t), (x_hi, *t)], grid));
                tick_px.push(area.map_coordinate(&(x_lo, *t)).1);
            }
            // Baseline under the plot.
            let _ = root.draw(&PathElement::new(
                vec![
                    (plot_left as i32, plot_bottom as i32),
                    (plot_right as i32, plot_bottom as i32),
                ],
                axis,
            ));
            for yr in &years {
                year_px.push((*yr, area.map_coordinate(&(f64::from(*yr), lo)).0));
            }
            for (si, pts) in series.iter().enumerate() {
                let colour = series_paints[si];
                let line_style = colour.stroke_width(3);
                let mut run: Vec<(f64, f64)> = Vec::new();
                let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
                for p in pts {
                    match p.1 {
                        Some(v) => run.push((f64::from(p.0), v.clamp(lo, hi))),
                        None => {
                            if !run.is_empty() {
                                runs.push(std::mem::take(&mut run));
                            }
                        }
                    }
                }
                if !run.is_empty() {
                    runs.push(run);
                }
                for r in runs.iter().filter(|r| r.len() > 1) {
                    let _ = area.draw(&PathElement::new(r.clone(), line_style));
                }
                // Labels above the markers; when slots are narrow, alternate above and below.
                let widest = pts
                    .iter()
                    .filter(|p| p.1.is_some())
                    .map(|p| text_width(p.2, FS, false))
                    .fold(0.0, f64::max);
                let crowded = widest + 6.0 > slot;
                for (pi, p) in pts.iter().enumerate() {
                    let xp = area.map_coordinate(&(f64::from(p.0), lo)).0;
                    match p.1 {
                        Some(v) => {
                            let (px, py) = area.map_coordinate(&(f64::from(p.0), v.clamp(lo, hi)));
                            draw_marker(&root, si, (px, py), colour);
                            let below = (crowded && pi % 2 == 1) || (si % 2 == 1);
                            let ly = if below {
                                f64::from(py) + 10.0 + FS * 0.8
                            } else {
                                f64::from(py) - 10.0
                            };
                            point_labels.push((f64::from(px), ly, false, p.2.to_string()));
                        }
                        None => {
                            // Not assessed: the gap, and the caller's text low in the plot.
                            let ly = plot_bottom - 8.0 - si as f64 * LH;
                            point_labels.push((f64::from(xp), ly, true, p.2.to_string()));
                        }
                    }
                }
            }
        }
        // Legend samples.
        for (si, (_, ly)) in legend.iter().enumerate() {
            let colour = legend_paints[si];
            let cy = (ly + LH / 2.0 + 1.0).round() as i32;
            let x0 = PAD as i32;
            let _ = root.draw(&PathElement::new(
                vec![(x0, cy), (x0 + 26, cy)],
                colour.stroke_width(3),
            ));
            draw_marker(&root, si, (x0 + 13, cy), colour);
        }
        let _ = root.present();
    }

    // Text layer.
    let mut text = String::new();
    let block = |x: f64, y: f64, anchor: Anchor, muted: bool, class: &'static str| TextBlock {
        x,
        y,
        line_height: LH,
        size: FS,
        bold: false,
        muted,
        halo: false,
        anchor,
        class,
        text: &title,
        full: "",
    };
    push_text(
        &mut text,
        &TextBlock {
            size: TITLE_FS,
            line_height: TITLE_LH,
            bold: true,
            full: &c.title,
            ..block(PAD, title_y, Anchor::Start, false, "chart-title")
        },
    );
    push_text(
        &mut text,
        &TextBlock {
            text: &note,
            full: &note_text,
            ..block(PAD, note_y, Anchor::Start, true, "chart-note")
        },
    );
    if let Some((w, ny)) = &empty_note {
        push_text(
            &mut text,
            &TextBlock {
                text: w,
                full: &c.desc,
                ..block(PAD, *ny, Anchor::Start, false, "chart-empty")
            },
        );
    }
    for ((w, ly), s) in legend.iter().zip(&c.series) {
        push_text(
            &mut text,
            &TextBlock {
                text: w,
                full: &s.label,
                ..block(PAD + 34.0, ly + FS, Anchor::Start, false, "legend")
            },
        );
    }
    push_text(
        &mut text,
        &TextBlock {
            text: &y_label,
            full: &c.y_label,
            ..block(PAD, y_label_y, Anchor::Start, true, "axis-label")
        },
    );
    for (label, py) in tick_labels.iter().zip(&tick_px) {
        let w = one_line(label);
        push_text(
            &mut text,
            &TextBlock {
                text: &w,
                ..block(
                    plot_left - 6.0,
                    f64::from(*py) + 5.0,
                    Anchor::End,
                    true,
                    "tick",
                )
            },
        );
    }
    // Year labels, thinned out when slots are narrower than a year.
    let every = ((40.0 / slot).ceil() as usize).max(1);
    for (i, (yr, px)) in year_px.iter().enumerate() {
        if i % every != 0 && i + 1 != year_px.len() {
            continue;
        }
        let w = one_line(&yr.to_string());
        push_text(
            &mut text,
            &TextBlock {
                text: &w,
                ..block(
                    f64::from(*px),
                    plot_bottom + 6.0 + FS,
                    Anchor::Middle,
                    true,
                    "year",
                )
            },
        );
    }
    for (x, ly, muted, label) in &point_labels {
        let w = wrap(label, FS, false, inner, 1);
        let tw = w
            .lines
            .first()
            .map(|l| text_width(l, FS, false))
            .unwrap_or(0.0);
        // Keep the label inside the chart.
        let x = x.clamp(2.0 + tw / 2.0, (WIDTH - 2.0 - tw / 2.0).max(2.0 + tw / 2.0));
        push_text(
            &mut text,
            &TextBlock {
                text: &w,
                full: label,
                halo: true,
                ..block(
                    x,
                    *ly,
                    Anchor::Middle,
                    *muted,
                    if *muted {
                        "point-label gap"
                    } else {
                        "point-label"
                    },
                )
            },
        );
    }
    push_text(
        &mut text,
        &TextBlock {
            text: &source,
            full: &c.source,
            ..block(PAD, source_y, Anchor::Start, true, "chart-source")
        },
    );

    assemble(
        "line", &id, &c.title, &c.desc, size, "", &svg, &paints, &text,
    )
}
