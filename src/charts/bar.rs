//! Horizontal bar chart: one row per bar, the label (wrapped) above the bar and the value text
//! at the right, a light track showing the axis maximum, hatching per key, integer ticks.
//!
//! Made in four steps: the axis maximum and the keys, the layout (top to bottom), the geometry
//! (plotters) and the text layer; `draw::assemble` puts them together.

use super::draw::{assemble, distinct_keys, hatch_defs, Anchor, KeyPaint, Paints, LINE, SOFT};
use super::frame::{
    background, plot, value_area, BarFoot, Column, Placed, Plane, Style, TextLayer, FS, INNER, LH,
    PAD, WIDTH,
};
use super::layout::{finite_nonneg, ident, text_width, wrap, Wrapped};
use super::{Bar, BarChart};
use plotters::prelude::*;

const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
const LABEL_LINES: usize = 4;

pub(crate) fn render(c: &BarChart) -> String {
    let id = ident(&c.id, "chart");
    let max = axis_max(c);
    let (keys, key_index) = distinct_keys(&c.bars);
    let layout = layout(c, max, &key_index);
    let mut paints = Paints::default();
    let bar_paints = BarPaints::new(&mut paints, &id, &keys);
    let (svg, tick_px) = draw_geometry(&layout, max, &bar_paints);
    let text = text_layer(c, &layout, &tick_px);
    assemble(
        "bar",
        &id,
        &c.title,
        &c.desc,
        layout.size,
        &hatch_defs(&id, &keys),
        &svg,
        &paints,
        &text,
    )
}

/// The axis maximum: the chart's own if positive, else the largest value, else 1.
fn axis_max(c: &BarChart) -> f64 {
    let data_max = c
        .bars
        .iter()
        .map(|b| finite_nonneg(b.value))
        .fold(0.0, f64::max);
    if c.max.is_finite() && c.max > 0.0 {
        c.max
    } else if data_max > 0.0 {
        data_max
    } else {
        1.0
    }
}

// ---------------------------------------------------------------------------------------------
// Layout

/// One bar's row: its label above the bar, its value text at the right.
struct Row {
    label: Wrapped,
    value: Wrapped,
    /// Top of the row (the label's first line starts here).
    top: f64,
    bar_top: f64,
    /// The value drawn: clamped to the axis, and a non-zero value at least 2 px long.
    drawn: f64,
    /// Index into the chart's distinct keys.
    key: usize,
}

/// Where every part of the chart goes, top to bottom.
struct Layout {
    title: Placed,
    /// The description, in place of the bars when there are none.
    empty_note: Option<Placed>,
    rows: Vec<Row>,
    foot: BarFoot,
    size: (u32, u32),
}

fn layout(c: &BarChart, max: f64, key_index: &[usize]) -> Layout {
    let mut col = Column::new();
    let title = col.title(&c.title, 8.0);
    let empty_note = c.bars.is_empty().then(|| col.empty_note(&c.desc));
    let rows: Vec<Row> = c
        .bars
        .iter()
        .zip(key_index)
        .map(|(b, &key)| row(&mut col, b, max, key))
        .collect();
    let foot = col.bar_foot(max, !rows.is_empty(), &c.axis_label, &c.source);
    Layout {
        title,
        empty_note,
        rows,
        foot,
        size: col.size(),
    }
}

/// Lays out one bar: the value text first (one line), then the label in the room left of it.
fn row(col: &mut Column, b: &Bar, max: f64, key: usize) -> Row {
    let value = wrap(&b.value_text, FS, true, INNER * 0.45, 1);
    let vw = value
        .lines
        .first()
        .map(|l| text_width(l, FS, true))
        .unwrap_or(0.0);
    let label_w = if vw > 0.0 { INNER - vw - 10.0 } else { INNER };
    let label = wrap(&b.label, FS, false, label_w, LABEL_LINES);
    let top = col.y;
    let bar_top = (top + label.lines.len().max(1) as f64 * LH + 4.0).round();
    col.y = bar_top + BAR_H + ROW_GAP;
    let v = finite_nonneg(b.value).min(max);
    let drawn = if v > 0.0 {
        v.max(max * 2.0 / INNER)
    } else {
        0.0
    };
    Row {
        label,
        value,
        top,
        bar_top,
        drawn,
        key,
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry, drawn by plotters

/// The paints of a bar chart, in the order they are registered (the stacked chart's too).
pub(super) struct BarPaints {
    pub bg: RGBColor,
    pub track: RGBColor,
    pub outline: RGBColor,
    pub grid: RGBColor,
    /// Per distinct key: the fill, and the hatching drawn over it.
    pub bars: Vec<(RGBColor, Option<RGBColor>)>,
}

impl BarPaints {
    pub(super) fn new(paints: &mut Paints, id: &str, keys: &[(String, KeyPaint)]) -> Self {
        let bg = background(paints);
        let track = paints.themed("track", SOFT.0, SOFT.1, "");
        let outline = paints.themed("track-outline", LINE.0, LINE.1, "");
        let grid = paints.themed("grid", LINE.0, LINE.1, "");
        let bars = keys
            .iter()
            .map(|(k, p)| {
                let fill = paints.themed(&format!("bar bar-{k}"), &p.var, p.fallback, "");
                let hatch = p.hatch.map(|_| {
                    paints.add(
                        format!("class=\"hatch hatch-{k}\" fill=\"url(#{id}-hatch-{k})\""),
                        "stroke=\"none\"".to_string(),
                    )
                });
                (fill, hatch)
            })
            .collect();
        BarPaints {
            bg,
            track,
            outline,
            grid,
            bars,
        }
    }
}

/// plotters' SVG of the tracks, grid lines and bars, and the ticks' pixel positions.
fn draw_geometry(l: &Layout, max: f64, p: &BarPaints) -> (String, Vec<i32>) {
    let mut tick_px = Vec::new();
    let height = l.size.1;
    let svg = plot(l.size, p.bg, |root| {
        let (area, px) = value_area(root, max, height, &l.foot.ticks);
        tick_px = px;
        for r in &l.rows {
            draw_row(&area, r, max, &l.foot.ticks, p);
        }
    });
    (svg, tick_px)
}

/// One bar: the track, grid lines across it, the bar and its hatching, the track's outline.
fn draw_row(area: &Plane<'_>, r: &Row, max: f64, ticks: &[f64], p: &BarPaints) {
    let (t, b) = (r.bar_top, r.bar_top + BAR_H);
    let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], p.track.filled()));
    for tv in ticks.iter().filter(|v| **v > 0.0 && **v < max) {
        let _ = area.draw(&PathElement::new(vec![(*tv, t), (*tv, b)], p.grid));
    }
    if let Some(&(fill, hatch)) = p.bars.get(r.key).filter(|_| r.drawn > 0.0) {
        let rect = [(0.0, t), (r.drawn, b)];
        let _ = area.draw(&Rectangle::new(rect, fill.filled()));
        if let Some(h) = hatch {
            let _ = area.draw(&Rectangle::new(rect, h.filled()));
        }
    }
    let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], p.outline));
}

// ---------------------------------------------------------------------------------------------
// Text, hand-written (see the module documentation of `charts`)

fn text_layer(c: &BarChart, l: &Layout, tick_px: &[i32]) -> String {
    let mut t = TextLayer::default();
    t.title(&l.title, &c.title);
    if let Some(n) = &l.empty_note {
        t.block(n, &c.desc, Style::plain("chart-empty"));
    }
    let value_style = Style {
        bold: true,
        ..Style::plain("bar-value").at(Anchor::End)
    };
    for (r, b) in l.rows.iter().zip(&c.bars) {
        t.text(
            PAD,
            r.top + FS,
            &r.label,
            &b.label,
            Style::plain("bar-label"),
        );
        t.text(
            WIDTH - PAD,
            r.top + FS,
            &r.value,
            &b.value_text,
            value_style,
        );
    }
    t.bar_foot(&l.foot, tick_px, &c.axis_label, &c.source);
    t.out
}
