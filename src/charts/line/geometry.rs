//! The line chart's geometry, drawn by plotters: grid, baseline, lines broken at gaps, markers
//! and the legend's samples; and where the point labels go, for the text layer.

use super::{Layout, LegendEntry, Point, YAxis};
use crate::charts::draw::{Paints, LINE, MUTED, SERIES_COLOURS, SERIES_DASHES};
use crate::charts::frame::{background, plot, Plane, FS, LH, PAD};
use crate::charts::layout::text_width;
use crate::charts::LineChart;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

const MARKER: i32 = 4;

/// The paints of a line chart, in the order they are registered.
pub(super) struct LinePaints {
    bg: RGBColor,
    grid: RGBColor,
    axis: RGBColor,
    /// Per series: its lines and markers.
    series: Vec<RGBColor>,
    /// Per series: its legend sample, the same colours under another class, so that the
    /// chart's own markers and lines can be told apart from the legend's (in tests and themes).
    legend: Vec<RGBColor>,
}

impl LinePaints {
    pub(super) fn new(paints: &mut Paints, n: usize) -> Self {
        let bg = background(paints);
        let grid = paints.themed("grid", LINE.0, LINE.1, "");
        let axis = paints.themed("axis", MUTED.0, MUTED.1, "");
        let series = (0..n).map(|i| series_paint(paints, "series", i)).collect();
        let legend = (0..n)
            .map(|i| series_paint(paints, "legend-key", i))
            .collect();
        LinePaints {
            bg,
            grid,
            axis,
            series,
            legend,
        }
    }
}

/// Series `i`'s colour and dash pattern, under `class`.
fn series_paint(paints: &mut Paints, class: &str, i: usize) -> RGBColor {
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
}

/// A text to write at a point: its pixel position, and whether it marks a year without a value.
pub(super) struct PointLabel<'a> {
    pub x: f64,
    pub y: f64,
    pub gap: bool,
    pub text: &'a str,
}

/// Pixel positions of the labelled things, for the text layer.
#[derive(Default)]
pub(super) struct Marks<'a> {
    pub points: Vec<PointLabel<'a>>,
    /// (year, x) of each year.
    pub years: Vec<(i32, i32)>,
    /// y of each tick.
    pub ticks: Vec<i32>,
}

pub(super) fn draw_geometry<'a>(
    c: &LineChart,
    series: &[Vec<Point<'a>>],
    years: &[i32],
    l: &Layout,
    axis: &YAxis,
    p: &LinePaints,
) -> (String, Marks<'a>) {
    let mut marks = Marks::default();
    let svg = plot(l.size, p.bg, |root| {
        if !l.is_empty() {
            let pixel_y = if c.invert_y {
                l.plot.top as i32..l.plot.bottom as i32
            } else {
                l.plot.bottom as i32..l.plot.top as i32
            };
            let b = &l.plot;
            let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                b.x_lo..b.x_hi,
                axis.lo..axis.hi,
                (b.left as i32..b.right as i32, pixel_y),
            ));
            marks = draw_plot(root, &area, series, years, l, axis, p);
        }
        draw_legend_samples(root, &l.legend, &p.legend);
    });
    (svg, marks)
}

/// Grid lines, the baseline, and every series' lines and markers.
fn draw_plot<'a>(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    area: &Plane<'_>,
    series: &[Vec<Point<'a>>],
    years: &[i32],
    l: &Layout,
    axis: &YAxis,
    p: &LinePaints,
) -> Marks<'a> {
    let b = &l.plot;
    let mut marks = Marks::default();
    for t in &axis.ticks {
        let _ = area.draw(&PathElement::new(vec![(b.x_lo, *t), (b.x_hi, *t)], p.grid));
        marks.ticks.push(area.map_coordinate(&(b.x_lo, *t)).1);
    }
    // Baseline under the plot.
    let _ = root.draw(&PathElement::new(
        vec![
            (b.left as i32, b.bottom as i32),
            (b.right as i32, b.bottom as i32),
        ],
        p.axis,
    ));
    for yr in years {
        marks
            .years
            .push((*yr, area.map_coordinate(&(f64::from(*yr), axis.lo)).0));
    }
    for (si, (pts, &colour)) in series.iter().zip(&p.series).enumerate() {
        for run in runs(pts, axis).iter().filter(|r| r.len() > 1) {
            let _ = area.draw(&PathElement::new(run.clone(), colour.stroke_width(3)));
        }
        draw_points(root, area, si, pts, l, axis, colour, &mut marks.points);
    }
    marks
}

/// The stretches of a series between years without a value, clamped to the axis.
fn runs(pts: &[Point<'_>], axis: &YAxis) -> Vec<Vec<(f64, f64)>> {
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for p in pts {
        match p.value {
            Some(v) => run.push((f64::from(p.year), v.clamp(axis.lo, axis.hi))),
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
    runs
}

/// A series' markers, and where its labels go: above the markers; when slots are narrow,
/// alternating above and below; a year without a value gets its text low in the plot.
#[allow(clippy::too_many_arguments)]
fn draw_points<'a>(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    area: &Plane<'_>,
    si: usize,
    pts: &[Point<'a>],
    l: &Layout,
    axis: &YAxis,
    colour: RGBColor,
    labels: &mut Vec<PointLabel<'a>>,
) {
    let widest = pts
        .iter()
        .filter(|p| p.value.is_some())
        .map(|p| text_width(p.text, FS, false))
        .fold(0.0, f64::max);
    let crowded = widest + 6.0 > l.plot.slot;
    for (pi, p) in pts.iter().enumerate() {
        let xp = area.map_coordinate(&(f64::from(p.year), axis.lo)).0;
        let label = match p.value {
            Some(v) => {
                let (px, py) = area.map_coordinate(&(f64::from(p.year), v.clamp(axis.lo, axis.hi)));
                draw_marker(root, si, (px, py), colour);
                let below = (crowded && pi % 2 == 1) || (si % 2 == 1);
                let y = if below {
                    f64::from(py) + 10.0 + FS * 0.8
                } else {
                    f64::from(py) - 10.0
                };
                PointLabel {
                    x: f64::from(px),
                    y,
                    gap: false,
                    text: p.text,
                }
            }
            // Not assessed: the gap, and the caller's text low in the plot.
            None => PointLabel {
                x: f64::from(xp),
                y: l.plot.bottom - 8.0 - si as f64 * LH,
                gap: true,
                text: p.text,
            },
        };
        labels.push(label);
    }
}

/// Each legend row's sample: a short line with the series' dash and marker.
fn draw_legend_samples(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    legend: &[LegendEntry],
    paints: &[RGBColor],
) {
    for (si, (e, colour)) in legend.iter().zip(paints).enumerate() {
        let cy = (e.top + LH / 2.0 + 1.0).round() as i32;
        let x0 = PAD as i32;
        let _ = root.draw(&PathElement::new(
            vec![(x0, cy), (x0 + 26, cy)],
            colour.stroke_width(3),
        ));
        draw_marker(root, si, (x0 + 13, cy), *colour);
    }
}

/// The markers, one shape per series (cycling), drawn in pixel coordinates.
fn draw_marker<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
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
