//! Line chart over years: one line per series, broken where a year has no value, a marker and a
//! direct label (the caller's point text) at every point, a legend with line style and marker,
//! and for ranks an inverted y axis so that up means better.
//!
//! Made in steps: clean data and the y axis, the layout (top to bottom), the geometry (plotters:
//! grid, lines, markers, legend samples, which also says where the labels go) and the text
//! layer; `draw::assemble` puts them together.

mod geometry;

use super::draw::{assemble, Anchor, Paints};
use super::frame::{one_line, Column, Placed, Style, TextLayer, FS, INNER, LH, PAD, WIDTH};
use super::layout::{ident, text_width, ticks, wrap, Wrapped};
use super::LineChart;
use geometry::{draw_geometry, LinePaints, Marks, PointLabel};

const PLOT_H: f64 = 180.0;

pub(crate) fn render(c: &LineChart) -> String {
    let id = ident(&c.id, "chart");
    let series = clean_series(c);
    let years = years_of(&series);
    let axis = YAxis::new(c, &series);
    let layout = layout(c, &years, &axis);
    let mut paints = Paints::default();
    let line_paints = LinePaints::new(&mut paints, c.series.len());
    let (svg, marks) = draw_geometry(c, &series, &years, &layout, &axis, &line_paints);
    let text = text_layer(c, &layout, &axis, &marks);
    assemble(
        "line",
        &id,
        &c.title,
        &c.desc,
        layout.size,
        "",
        &svg,
        &paints,
        &text,
    )
}

// ---------------------------------------------------------------------------------------------
// Data and the y axis

/// One point of a series, cleaned: a value that is not finite counts as none.
struct Point<'a> {
    year: i32,
    value: Option<f64>,
    /// The caller's text for the point ("" when it gave none).
    text: &'a str,
}

/// Finite values only, sorted by year (stable, so input order breaks ties).
fn clean_series(c: &LineChart) -> Vec<Vec<Point<'_>>> {
    c.series
        .iter()
        .map(|s| {
            let mut pts: Vec<Point<'_>> = s
                .points
                .iter()
                .enumerate()
                .map(|(i, (year, v))| Point {
                    year: *year,
                    value: v.filter(|v| v.is_finite()),
                    text: s.point_texts.get(i).map(String::as_str).unwrap_or(""),
                })
                .collect();
            pts.sort_by_key(|p| p.year);
            pts
        })
        .collect()
}

/// Every year of every series, sorted, once.
fn years_of(series: &[Vec<Point<'_>>]) -> Vec<i32> {
    let mut years: Vec<i32> = series.iter().flatten().map(|p| p.year).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The y axis: its range, and the ticks with their labels (labels only when integral).
struct YAxis {
    lo: f64,
    hi: f64,
    ticks: Vec<f64>,
    labels: Vec<String>,
}

impl YAxis {
    fn new(c: &LineChart, series: &[Vec<Point<'_>>]) -> Self {
        let (lo, hi) = y_range(c, series);
        let (mut ticks, integral) = ticks(lo, hi, 4);
        if integral {
            add_bound_ticks(&mut ticks, lo, hi);
        }
        let labels = if integral {
            // Integral ticks are whole numbers under 10,000: the cast is exact.
            ticks.iter().map(|t| format!("{}", *t as i64)).collect()
        } else {
            Vec::new()
        };
        YAxis {
            lo,
            hi,
            ticks,
            labels,
        }
    }
}

/// The chart's range if finite, else the data's, else 0–1; ordered and never empty.
fn y_range(c: &LineChart, series: &[Vec<Point<'_>>]) -> (f64, f64) {
    let (mut lo, mut hi) = (c.y_min, c.y_max);
    if !lo.is_finite() || !hi.is_finite() {
        let vals: Vec<f64> = series.iter().flatten().filter_map(|p| p.value).collect();
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
    (lo, hi)
}

/// Whole-number bounds get a tick too (rank 1 at the top of a rank chart), unless another tick
/// is close.
fn add_bound_ticks(ticks: &mut Vec<f64>, lo: f64, hi: f64) {
    let step = match ticks.as_slice() {
        [a, b, ..] => b - a,
        _ => hi - lo,
    };
    for bound in [lo, hi] {
        let near = ticks.iter().any(|t| (t - bound).abs() < 0.4 * step);
        if bound.fract() == 0.0 && bound.abs() < 10_000.0 && !near {
            ticks.push(bound);
        }
    }
    ticks.sort_by(f64::total_cmp);
}

// ---------------------------------------------------------------------------------------------
// Layout

/// A legend entry: its label and the top of its row.
struct LegendEntry {
    text: Wrapped,
    top: f64,
}

/// The plot in pixels, and the years it spans.
struct PlotBox {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    x_lo: f64,
    x_hi: f64,
    /// The width of one year.
    slot: f64,
}

/// Where every part of the chart goes, top to bottom.
struct Layout {
    title: Placed,
    note: Placed,
    /// The description, in place of the plot when there is no data.
    empty_note: Option<Placed>,
    legend: Vec<LegendEntry>,
    y_label: Placed,
    plot: PlotBox,
    source: Placed,
    size: (u32, u32),
}

impl Layout {
    fn is_empty(&self) -> bool {
        self.empty_note.is_some()
    }
}

fn layout(c: &LineChart, years: &[i32], axis: &YAxis) -> Layout {
    let mut col = Column::new();
    let title = col.title(&c.title, 0.0);
    let note_text = c.note.as_deref().unwrap_or("");
    let note = col.place(wrap(note_text, FS, false, INNER, 3), 8.0);
    let empty = years.is_empty();
    let empty_note = empty.then(|| col.empty_note(&c.desc));
    let legend = if empty {
        Vec::new()
    } else {
        legend(&mut col, c)
    };
    let y_label_text = if empty {
        one_line("")
    } else {
        wrap(&c.y_label, FS, false, INNER, 2)
    };
    let y_label = col.place(y_label_text, 0.0);
    let plot = plot_box(&mut col, years, axis, empty);
    let source = col.source(&c.source);
    Layout {
        title,
        note,
        empty_note,
        legend,
        y_label,
        plot,
        source,
        size: col.size(),
    }
}

/// The legend's rows: a line sample with the series' marker and dash, then its label.
fn legend(col: &mut Column, c: &LineChart) -> Vec<LegendEntry> {
    let entries = c
        .series
        .iter()
        .map(|s| {
            let text = wrap(&s.label, FS, false, INNER - 34.0, 2);
            let top = col.y;
            col.y += text.lines.len().max(1) as f64 * LH + 2.0;
            LegendEntry { text, top }
        })
        .collect();
    col.y += 4.0;
    entries
}

/// The plot's box: right of the tick labels, under the y label; the years' row under it.
fn plot_box(col: &mut Column, years: &[i32], axis: &YAxis, empty: bool) -> PlotBox {
    let tick_w = axis
        .labels
        .iter()
        .map(|l| text_width(l, FS, false))
        .fold(0.0, f64::max);
    let left = (PAD + if tick_w > 0.0 { tick_w + 8.0 } else { 4.0 }).round();
    let right = (WIDTH - PAD - 4.0).round();
    let top = (col.y + 26.0).round();
    let bottom = top + PLOT_H;
    if !empty {
        col.y = bottom + 6.0 + LH + 6.0;
    }
    let (x_lo, x_hi) = match (years.first(), years.last()) {
        (Some(a), Some(b)) => (f64::from(*a) - 0.5, f64::from(*b) + 0.5),
        _ => (0.0, 1.0),
    };
    PlotBox {
        left,
        right,
        top,
        bottom,
        x_lo,
        x_hi,
        slot: (right - left) / (x_hi - x_lo),
    }
}

// ---------------------------------------------------------------------------------------------
// Text, hand-written (see the module documentation of `charts`)

fn text_layer(c: &LineChart, l: &Layout, axis: &YAxis, marks: &Marks<'_>) -> String {
    let mut t = TextLayer::default();
    t.title(&l.title, &c.title);
    let note = c.note.as_deref().unwrap_or("");
    t.block(&l.note, note, Style::muted("chart-note"));
    if let Some(n) = &l.empty_note {
        t.block(n, &c.desc, Style::plain("chart-empty"));
    }
    for (e, s) in l.legend.iter().zip(&c.series) {
        t.text(
            PAD + 34.0,
            e.top + FS,
            &e.text,
            &s.label,
            Style::plain("legend"),
        );
    }
    t.block(&l.y_label, &c.y_label, Style::muted("axis-label"));
    let tick_style = Style::muted("tick").at(Anchor::End);
    for (label, py) in axis.labels.iter().zip(&marks.ticks) {
        let y = f64::from(*py) + 5.0;
        t.text(l.plot.left - 6.0, y, &one_line(label), "", tick_style);
    }
    year_labels(&mut t, &marks.years, &l.plot, &c.x_labels);
    for p in &marks.points {
        point_label(&mut t, p);
    }
    t.block(&l.source, &c.source, Style::muted("chart-source"));
    t.out
}

/// Year labels (or the caller's x labels) under the plot, thinned out when slots are narrower
/// than a label.
fn year_labels(t: &mut TextLayer, years: &[(i32, i32)], b: &PlotBox, names: &[(i32, String)]) {
    let name = |yr: i32| {
        names
            .iter()
            .find(|(x, _)| *x == yr)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| yr.to_string())
    };
    // Room for a year, or for the widest of the caller's labels.
    let room = years
        .iter()
        .filter(|_| !names.is_empty())
        .map(|(yr, _)| text_width(&name(*yr), FS, false) + 8.0)
        .fold(40.0, f64::max);
    // A slot is positive, so the quotient is too; `as` saturates on a huge one.
    let every = ((room / b.slot).ceil() as usize).max(1);
    let style = Style::muted("year").at(Anchor::Middle);
    for (i, (yr, px)) in years.iter().enumerate() {
        if i % every != 0 && i + 1 != years.len() {
            continue;
        }
        let y = b.bottom + 6.0 + FS;
        if names.is_empty() {
            t.text(f64::from(*px), y, &one_line(&yr.to_string()), "", style);
        } else {
            let label = wrap(&name(*yr), FS, false, b.slot.max(40.0), 1);
            t.text(f64::from(*px), y, &label, &name(*yr), style);
        }
    }
}

/// A point's text on one line, centred on its marker and kept inside the chart.
fn point_label(t: &mut TextLayer, p: &PointLabel<'_>) {
    let w = wrap(p.text, FS, false, INNER, 1);
    let tw = w
        .lines
        .first()
        .map(|l| text_width(l, FS, false))
        .unwrap_or(0.0);
    let x =
        p.x.clamp(2.0 + tw / 2.0, (WIDTH - 2.0 - tw / 2.0).max(2.0 + tw / 2.0));
    let class = if p.gap {
        "point-label gap"
    } else {
        "point-label"
    };
    let style = Style {
        halo: true,
        muted: p.gap,
        ..Style::plain(class).at(Anchor::Middle)
    };
    t.text(x, p.y, &w, p.text, style);
}
