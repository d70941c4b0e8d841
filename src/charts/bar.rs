//! Horizontal bar chart: one row per bar, the label (wrapped) above the bar and the value text
//! at the right, a light track showing the axis maximum, hatching per key, integer ticks.

use super::draw::{
    assemble, hatch_defs, key_paint, push_text, Anchor, KeyPaint, Paints, TextBlock, LINE, SOFT,
};
use super::layout::{finite_nonneg, ident, text_width, ticks, wrap, wrap_balanced, Wrapped};
use super::BarChart;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// viewBox width: 14 px text stays about 12 px on a 320 px wide screen.
pub(crate) const WIDTH: f64 = 360.0;
const PAD: f64 = 12.0;
const FS: f64 = 14.0;
const LH: f64 = 18.0;
const TITLE_FS: f64 = 16.0;
const TITLE_LH: f64 = 21.0;
const BAR_H: f64 = 18.0;
const ROW_GAP: f64 = 12.0;
const LABEL_LINES: usize = 4;

struct Row {
    label: Wrapped,
    value: Wrapped,
    top: f64,
    bar_top: f64,
    value_px: f64,
    key: usize,
}

pub(crate) fn render(c: &BarChart) -> String {
    let id = ident(&c.id, "chart");
    let inner = WIDTH - 2.0 * PAD;
    let values: Vec<f64> = c.bars.iter().map(|b| finite_nonneg(b.value)).collect();
    let data_max = values.iter().cloned().fold(0.0, f64::max);
    let max = if c.max.is_finite() && c.max > 0.0 {
        c.max
    } else if data_max > 0.0 {
        data_max
    } else {
        1.0
    };

    // Distinct keys, first-seen order.
    let mut keys: Vec<(String, KeyPaint)> = Vec::new();
    let key_index: Vec<usize> = c
        .bars
        .iter()
        .map(|b| {
            let k = ident(&b.key, "bar");
            match keys.iter().position(|(x, _)| *x == k) {
                Some(i) => i,
                None => {
                    let p = key_paint(&k);
                    keys.push((k, p));
                    keys.len() - 1
                }
            }
        })
        .collect();

    // Layout, top to bottom.
    let mut y = PAD;
    let title = wrap_balanced(&c.title, TITLE_FS, true, inner, 3);
    let title_y = y + TITLE_FS;
    y += title.lines.len() as f64 * TITLE_LH + 8.0;

    let empty_note = if c.bars.is_empty() {
        let w = wrap(&c.desc, FS, false, inner, 8);
        let note_y = y + FS;
        y += w.lines.len() as f64 * LH + 8.0;
        Some((w, note_y))
    } else {
        None
    };

    let mut rows = Vec::with_capacity(c.bars.len());
    for (i, b) in c.bars.iter().enumerate() {
        let value = wrap(&b.value_text, FS, true, inner * 0.45, 1);
        let vw = value
            .lines
            .first()
            .map(|l| text_width(l, FS, true))
            .unwrap_or(0.0);
        let label_w = if vw > 0.0 { inner - vw - 10.0 } else { inner };
        let label = wrap(&b.label, FS, false, label_w, LABEL_LINES);
        let top = y;
        let bar_top = (top + label.lines.len().max(1) as f64 * LH + 4.0).round();
        y = bar_top + BAR_H + ROW_GAP;
        let v = values[i].min(max);
        // A non-zero value stays visible (2 px at least).
        let v = if v > 0.0 {
            v.max(max * 2.0 / inner)
        } else {
            0.0
        };
        rows.push(Row {
            label,
            value,
            top,
            bar_top,
            value_px: v,
            key: key_index[i],
        });
    }

    let (tick_values, integral) = ticks(0.0, max, 4);
    let show_ticks = !rows.is_empty() && integral;
    let tick_y = y + FS - 4.0;
    if show_ticks {
        y += LH + 2.0;
    }
    let axis = if rows.is_empty() {
        Wrapped {
            lines: Vec::new(),
            truncated: false,
        }
    } else {
        wrap(&c.axis_label, FS, false, inner, 2)
    };
    let axis_y = y + FS;
    y += axis.lines.len() as f64 * LH;
    if !axis.lines.is_empty() {
        y += 6.0;
    }
    let source = wrap(&c.source, FS, false, inner, 4);
    let source_y = y + FS;
    y += source.lines.len() as f64 * LH + PAD - 4.0;
    let height = y.ceil().max(2.0 * PAD) as u32;
    let size = (WIDTH as u32, height);

    // Geometry, drawn by plotters.
    let mut paints = Paints::default();
    let bg = paints.themed("chart-bg", super::draw::BG.0, super::draw::BG.1, "");
    let track = paints.themed("track", SOFT.0, SOFT.1, "");
    let outline = paints.themed("track-outline", LINE.0, LINE.1, "");
    let grid = paints.themed("grid", LINE.0, LINE.1, "");
    let bar_paints: Vec<(RGBColor, Option<RGBColor>)> = keys
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
    let mut tick_px = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root.fill(&bg);
        let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
            0.0..max,
            0.0..f64::from(height),
            (PAD as i32..(WIDTH - PAD) as i32, 0..height as i32),
        ));
        if show_ticks {
            tick_px = tick_values
                .iter()
                .map(|t| area.map_coordinate(&(*t, 0.0)).0)
                .collect();
        }
        for r in &rows {
            let (t, b) = (r.bar_top, r.bar_top + BAR_H);
            let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], track.filled()));
            if show_ticks {
                for tv in tick_values.iter().filter(|v| **v > 0.0 && **v < max) {
                    let _ = area.draw(&PathElement::new(vec![(*tv, t), (*tv, b)], grid));
                }
            }
            if r.value_px > 0.0 {
                let (fill, hatch) = bar_paints[r.key];
                let rect = [(0.0, t), (r.value_px, b)];
                let _ = area.draw(&Rectangle::new(rect, fill.filled()));
                if let Some(h) = hatch {
                    let _ = area.draw(&Rectangle::new(rect, h.filled()));
                }
            }
            let _ = area.draw(&Rectangle::new([(0.0, t), (max, b)], outline));
        }
        let _ = root.present();
    }

    // Text, hand-written (see the module documentation).
    let mut text = String::new();
    push_text(
        &mut text,
        &TextBlock {
            x: PAD,
            y: title_y,
            line_height: TITLE_LH,
            size: TITLE_FS,
            bold: true,
            muted: false,
            halo: false,
            anchor: Anchor::Start,
            class: "chart-title",
            text: &title,
            full: &c.title,
        },
    );
    if let Some((w, ny)) = &empty_note {
        push_text(
            &mut text,
            &TextBlock {
                x: PAD,
                y: *ny,
                line_height: LH,
                size: FS,
                bold: false,
                muted: false,
                halo: false,
                anchor: Anchor::Start,
                class: "chart-empty",
                text: w,
                full: &c.desc,
            },
        );
    }
    for (r, b) in rows.iter().zip(&c.bars) {
        push_text(
            &mut text,
            &TextBlock {
                x: PAD,
                y: r.top + FS,
                line_height: LH,
                size: FS,
                bold: false,
                muted: false,
                halo: false,
                anchor: Anchor::Start,
                class: "bar-label",
                text: &r.label,
                full: &b.label,
            },
        );
        push_text(
            &mut text,
            &TextBlock {
                x: WIDTH - PAD,
                y: r.top + FS,
                line_height: LH,
                size: FS,
                bold: true,
                muted: false,
                halo: false,
                anchor: Anchor::End,
                class: "bar-value",
                text: &r.value,
                full: &b.value_text,
            },
        );
    }
    for (tv, px) in tick_values.iter().zip(&tick_px) {
        let label = format!("{}", *tv as i64);
        let w = text_width(&label, FS, false);
        let px = f64::from(*px);
        let (x, anchor) = if px - w / 2.0 < 2.0 {
            (px, Anchor::Start)
        } else if px + w / 2.0 > WIDTH - 2.0 {
            (px, Anchor::End)
        } else {
            (px, Anchor::Middle)
        };
        push_text(
            &mut text,
            &TextBlock {
                x,
                y: tick_y,
                line_height: LH,
                size: FS,
                bold: false,
                muted: true,
                halo: false,
                anchor,
                class: "tick",
                text: &Wrapped {
                    lines: vec![label.clone()],
                    truncated: false,
                },
                full: &label,
            },
        );
    }
    push_text(
        &mut text,
        &TextBlock {
            x: WIDTH / 2.0,
            y: axis_y,
            line_height: LH,
            size: FS,
            bold: false,
            muted: true,
            halo: false,
            anchor: Anchor::Middle,
            class: "axis-label",
            text: &axis,
            full: &c.axis_label,
        },
    );
    push_text(
        &mut text,
        &TextBlock {
            x: PAD,
            y: source_y,
            line_height: LH,
            size: FS,
            bold: false,
            muted: true,
            halo: false,
            anchor: Anchor::Start,
            class: "chart-source",
            text: &source,
            full: &c.source,
        },
    );

    assemble(
        "bar",
        &id,
        &c.title,
        &c.desc,
        size,
        &hatch_defs(&id, &keys),
        &svg,
        &paints,
        &text,
    )
}
