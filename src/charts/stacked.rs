//! Stacked horizontal bar chart: one row per bar (a review, say), each bar split into segments
//! (the completion buckets), with a legend of the segments' keys, the row's label above its bar
//! and its value text at the right, integer ticks.
//!
//! Made in the bar chart's steps: the axis maximum, the layout (top to bottom), the geometry
//! (plotters) and the text layer; `draw::assemble` puts them together. Paints and hatching are
//! the bar chart's, so a segment looks like the bar of the same key; the value area and the foot
//! (ticks, axis label, source line) are the bar chart's too, in `frame.rs`.

use super::bar::BarPaints;
use super::draw::{assemble, distinct_keys, hatch_defs, Anchor, Paints};
use super::frame::{
    plot, value_area, BarFoot, Column, Placed, Plane, Style, TextLayer, FS, INNER, LH, PAD, WIDTH,
};
use super::layout::{finite_nonneg, ident, text_width, wrap, Wrapped};
use super::{Bar, StackedChart};
use plotters::prelude::*;

const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
const LABEL_LINES: usize = 3;
/// The legend's swatch, and the room it takes before the key's label.
const SWATCH: f64 = 14.0;
const SWATCH_ROOM: f64 = 20.0;

pub(crate) fn render(c: &StackedChart) -> String {
    let id = ident(&c.id, "chart");
    let max = axis_max(c);
    let bars: Vec<Bar> = c
        .keys
        .iter()
        .map(|k| Bar {
            key: k.key.clone(),
            ..Bar::default()
        })
        .collect();
    let (keys, key_index) = distinct_keys(&bars);
    let layout = layout(c, max);
    let mut paints = Paints::default();
    let bar_paints = BarPaints::new(&mut paints, &id, &keys);
    let (svg, tick_px) = draw_geometry(&layout, max, &key_index, &bar_paints);
    let text = text_layer(c, &layout, &tick_px);
    assemble(
        "stacked",
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

/// The largest row total, or 1.
fn axis_max(c: &StackedChart) -> f64 {
    let max = c
        .rows
        .iter()
        .map(|r| r.values.iter().copied().map(finite_nonneg).sum::<f64>())
        .fold(0.0, f64::max);
    if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    }
}

// ---------------------------------------------------------------------------------------------
// Layout

/// A legend entry: its label, and the top of its line.
struct Key {
    label: Wrapped,
    top: f64,
}

/// One bar's row: its label above the bar, its value text at the right, its segments.
struct Row {
    label: Wrapped,
    value: Wrapped,
    top: f64,
    bar_top: f64,
    /// (start, end) of each segment on the axis, by key; empty ones are left out.
    segments: Vec<(usize, f64, f64)>,
}

/// Where every part of the chart goes, top to bottom.
struct Layout {
    title: Placed,
    legend: Vec<Key>,
    /// The description, in place of the bars when there are none.
    empty_note: Option<Placed>,
    rows: Vec<Row>,
    foot: BarFoot,
    size: (u32, u32),
}

fn layout(c: &StackedChart, max: f64) -> Layout {
    let mut col = Column::new();
    let title = col.title(&c.title, 8.0);
    let empty = c.rows.is_empty();
    let legend = if empty {
        Vec::new()
    } else {
        legend(&mut col, c)
    };
    let empty_note = empty.then(|| col.empty_note(&c.desc));
    let rows: Vec<Row> = c.rows.iter().map(|r| row(&mut col, r, max)).collect();
    let foot = col.bar_foot(max, !empty, &c.axis_label, &c.source);
    Layout {
        title,
        legend,
        empty_note,
        rows,
        foot,
        size: col.size(),
    }
}

/// The legend: a swatch and the key's label, one key per line.
fn legend(col: &mut Column, c: &StackedChart) -> Vec<Key> {
    let keys = c
        .keys
        .iter()
        .map(|k| {
            let label = wrap(&k.label, FS, false, INNER - SWATCH_ROOM, 2);
            let top = col.y;
            col.y += label.lines.len().max(1) as f64 * LH + 2.0;
            Key { label, top }
        })
        .collect();
    col.y += 8.0;
    keys
}

/// Lays out one bar: the value text (one line), the label in the room left of it, and the
/// segments end to end.
fn row(col: &mut Column, r: &super::StackRow, max: f64) -> Row {
    let value = wrap(&r.value_text, FS, true, INNER * 0.45, 1);
    let vw = value
        .lines
        .first()
        .map(|l| text_width(l, FS, true))
        .unwrap_or(0.0);
    let label_w = if vw > 0.0 { INNER - vw - 10.0 } else { INNER };
    let label = wrap(&r.label, FS, false, label_w, LABEL_LINES);
    let top = col.y;
    let bar_top = (top + label.lines.len().max(1) as f64 * LH + 4.0).round();
    col.y = bar_top + BAR_H + ROW_GAP;
    let mut start = 0.0;
    let mut segments = Vec::new();
    for (key, v) in r.values.iter().enumerate() {
        let end = (start + finite_nonneg(*v)).min(max);
        if end > start {
            segments.push((key, start, end));
        }
        start = end;
    }
    Row {
        label,
        value,
        top,
        bar_top,
        segments,
    }
}

// ---------------------------------------------------------------------------------------------
// Geometry, drawn by plotters

/// plotters' SVG of the legend's swatches, the tracks, grid lines and segments, and the ticks'
/// pixel positions. `key_index` maps the chart's keys to their paints.
fn draw_geometry(l: &Layout, max: f64, key_index: &[usize], p: &BarPaints) -> (String, Vec<i32>) {
    let mut tick_px = Vec::new();
    let height = l.size.1;
    let svg = plot(l.size, p.bg, |root| {
        for (k, key) in l.legend.iter().enumerate() {
            let top = (key.top + 2.0).round() as i32;
            let rect = [
                (PAD as i32, top),
                ((PAD + SWATCH) as i32, top + SWATCH as i32),
            ];
            fill(root, rect, key_index.get(k).and_then(|i| p.bars.get(*i)));
            let _ = root.draw(&Rectangle::new(rect, p.outline));
        }
        let (area, px) = value_area(root, max, height, &l.foot.ticks);
        tick_px = px;
        for r in &l.rows {
            draw_row(&area, r, max, &l.foot.ticks, key_index, p);
        }
    });
    (svg, tick_px)
}

/// A rectangle in a key's fill and hatching.
fn fill<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    rect: [CT::From; 2],
    paint: Option<&(RGBColor, Option<RGBColor>)>,
) where
    CT::From: Clone,
{
    let Some(&(colour, hatch)) = paint else {
        return;
    };
    let _ = area.draw(&Rectangle::new(rect.clone(), colour.filled()));
    if let Some(h) = hatch {
        let _ = area.draw(&Rectangle::new(rect, h.filled()));
    }
}

/// One bar: the track, grid lines across it, the segments with a gap of the background
/// between them, the track's outline.
fn draw_row(
    area: &Plane<'_>,
    r: &Row,
    max: f64,
    ticks: &[f64],
    key_index: &[usize],
    p: &BarPaints,
) {
    let (t, b) = (r.bar_top, r.bar_top + BAR_H);
    let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], p.track.filled()));
    for tv in ticks.iter().filter(|v| **v > 0.0 && **v < max) {
        let _ = area.draw(&PathElement::new(vec![(*tv, t), (*tv, b)], p.grid));
    }
    for &(key, start, end) in &r.segments {
        let paint = key_index.get(key).and_then(|i| p.bars.get(*i));
        fill(area, [(start, t), (end, b)], paint);
        if start > 0.0 {
            let _ = area.draw(&PathElement::new(
                vec![(start, t), (start, b)],
                p.bg.stroke_width(2),
            ));
        }
    }
    let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], p.outline));
}

// ---------------------------------------------------------------------------------------------
// Text, hand-written (see the module documentation of `charts`)

fn text_layer(c: &StackedChart, l: &Layout, tick_px: &[i32]) -> String {
    let mut t = TextLayer::default();
    t.title(&l.title, &c.title);
    for (k, key) in l.legend.iter().zip(&c.keys) {
        t.text(
            PAD + SWATCH_ROOM,
            k.top + FS,
            &k.label,
            &key.label,
            Style::plain("legend"),
        );
    }
    if let Some(n) = &l.empty_note {
        t.block(n, &c.desc, Style::plain("chart-empty"));
    }
    let value_style = Style {
        bold: true,
        ..Style::plain("bar-value").at(Anchor::End)
    };
    for (r, row) in l.rows.iter().zip(&c.rows) {
        let label_style = Style::plain("bar-label");
        t.text(PAD, r.top + FS, &r.label, &row.label, label_style);
        t.text(
            WIDTH - PAD,
            r.top + FS,
            &r.value,
            &row.value_text,
            value_style,
        );
    }
    t.bar_foot(&l.foot, tick_px, &c.axis_label, &c.source);
    t.out
}

#[cfg(test)]
mod tests {
    use super::super::{stacked_chart_svg, StackKey, StackRow, StackedChart};

    fn chart() -> StackedChart {
        let key = |k: &str, label: &str| StackKey {
            key: k.into(),
            label: label.into(),
        };
        let row = |label: &str, values: &[f64]| StackRow {
            label: label.into(),
            value_text: format!("{}", values.iter().sum::<f64>()),
            values: values.to_vec(),
        };
        StackedChart {
            id: "rv".into(),
            title: "Mục tiêu qua các kỳ họp".into(),
            desc: "Quý I: 2 trên 23 mục tiêu hoàn thành.".into(),
            keys: vec![
                key("completed", "Hoàn thành"),
                key("below_50", "Dưới 50 %"),
                key("not_assessed", "Chưa đánh giá"),
            ],
            rows: vec![row("Q1", &[2.0, 11.0, 10.0]), row("Q4", &[20.0, 10.0, 0.0])],
            axis_label: "Số mục tiêu".into(),
            source: "Nguồn: UBND.".into(),
        }
    }

    #[test]
    fn segments_are_drawn_end_to_end_with_their_keys_and_a_legend() {
        let svg = stacked_chart_svg(&chart());
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert_eq!(root.attribute("aria-labelledby"), Some("rv-title rv-desc"));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for t in [
            "Hoàn thành",
            "Dưới 50 %",
            "Chưa đánh giá",
            "Q1",
            "Q4",
            "23",
            "30",
        ] {
            assert!(texts.contains(&t), "{t} missing from {texts:?}");
        }
        let rects = |key: &str| {
            doc.descendants()
                .filter(|n| n.attribute("class") == Some(&*format!("bar bar-{key}")))
                .count()
        };
        // One legend swatch per key, plus one segment per non-empty value.
        assert_eq!(rects("completed"), 3);
        assert_eq!(rects("below_50"), 3);
        assert_eq!(rects("not_assessed"), 2, "Q4 has none not assessed");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn without_rows_the_sentence_is_drawn_and_nothing_panics() {
        let c = StackedChart {
            rows: Vec::new(),
            ..chart()
        };
        let svg = stacked_chart_svg(&c);
        assert!(svg.contains("Quý I: 2 trên 23"));
        let odd = StackedChart {
            rows: vec![StackRow {
                label: String::new(),
                value_text: String::new(),
                values: vec![f64::NAN, -3.0, f64::INFINITY, 1e308, 1e308],
            }],
            ..chart()
        };
        let svg = stacked_chart_svg(&odd);
        roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert!(!svg.contains("NaN"));
        assert_eq!(stacked_chart_svg(&chart()), stacked_chart_svg(&chart()));
    }
}
