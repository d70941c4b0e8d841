//! What the bar and the line chart share: the width, margins and type sizes, the column of text
//! blocks laid out top to bottom (title, notes, source line), the plotters canvas, and the
//! text layer with its usual block styles. And what the bar and the stacked chart share: the
//! value area across the text column, and the foot under the bars (ticks, axis label, source).

use super::draw::{push_text, Anchor, Paints, TextBlock, BG};
use super::layout::{text_width, ticks, wrap, wrap_balanced, Wrapped};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// viewBox width: 14 px text stays about 12 px on a 320 px wide screen.
pub(crate) const WIDTH: f64 = 360.0;
/// Margin on every side.
pub(crate) const PAD: f64 = 12.0;
/// Width of the text column.
pub(crate) const INNER: f64 = WIDTH - 2.0 * PAD;
/// Body text size and line height.
pub(crate) const FS: f64 = 14.0;
pub(crate) const LH: f64 = 18.0;
/// Title text size and line height.
const TITLE_FS: f64 = 16.0;
const TITLE_LH: f64 = 21.0;

/// A wrapped text and the baseline of its first line.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub text: Wrapped,
    pub y: f64,
}

/// A single line, never truncated (ticks, years).
pub(crate) fn one_line(s: &str) -> Wrapped {
    Wrapped {
        lines: vec![s.to_string()],
        truncated: false,
    }
}

/// No text at all (a block that is left out).
pub(crate) fn no_text() -> Wrapped {
    Wrapped {
        lines: Vec::new(),
        truncated: false,
    }
}

/// The top-to-bottom layout: `y` is where the next block starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub y: f64,
}

impl Column {
    /// A column starting at the top margin.
    pub fn new() -> Self {
        Column { y: PAD }
    }

    /// Places body text (its first baseline one font size below the cursor) and moves the
    /// cursor under its lines and `gap`.
    pub fn place(&mut self, text: Wrapped, gap: f64) -> Placed {
        let y = self.y + FS;
        self.y += text.lines.len() as f64 * LH + gap;
        Placed { text, y }
    }

    /// The title, bold and balanced over at most three lines.
    pub fn title(&mut self, title: &str, gap: f64) -> Placed {
        let text = wrap_balanced(title, TITLE_FS, true, INNER, 3);
        let y = self.y + TITLE_FS;
        self.y += text.lines.len() as f64 * TITLE_LH + gap;
        Placed { text, y }
    }

    /// The chart's description, written in place of the plot when there is no data.
    pub fn empty_note(&mut self, desc: &str) -> Placed {
        self.place(wrap(desc, FS, false, INNER, 8), 8.0)
    }

    /// The "Source: …" line, the last block.
    pub fn source(&mut self, source: &str) -> Placed {
        self.place(wrap(source, FS, false, INNER, 4), PAD - 4.0)
    }

    /// The foot of a bar or stacked chart, under its bars (`shown`: there are some): integer
    /// ticks of `0..max`, the axis label and the source line.
    pub fn bar_foot(&mut self, max: f64, shown: bool, axis_label: &str, source: &str) -> BarFoot {
        let (tick_values, integral) = ticks(0.0, max, 4);
        let show_ticks = shown && integral;
        let tick_y = self.y + FS - 4.0;
        if show_ticks {
            self.y += LH + 2.0;
        }
        let axis_text = if shown {
            wrap(axis_label, FS, false, INNER, 2)
        } else {
            no_text()
        };
        let axis_gap = if axis_text.lines.is_empty() { 0.0 } else { 6.0 };
        let axis = self.place(axis_text, axis_gap);
        let source = self.source(source);
        BarFoot {
            ticks: if show_ticks { tick_values } else { Vec::new() },
            tick_y,
            axis,
            source,
        }
    }

    /// The viewBox size once every block is placed.
    pub fn size(&self) -> (u32, u32) {
        (WIDTH as u32, self.y.ceil().max(2.0 * PAD) as u32)
    }
}

/// Under the bars of a bar or stacked chart (see [`Column::bar_foot`]).
#[derive(Debug, Clone)]
pub(crate) struct BarFoot {
    /// The tick values; empty when ticks are not shown.
    pub ticks: Vec<f64>,
    pub tick_y: f64,
    pub axis: Placed,
    pub source: Placed,
}

/// Registers the chart background, the first paint of every chart.
pub(crate) fn background(paints: &mut Paints) -> RGBColor {
    paints.themed("chart-bg", BG.0, BG.1, "")
}

/// Draws the geometry with plotters on a canvas of `size` filled with `bg`, and returns
/// plotters' SVG.
pub(crate) fn plot(
    size: (u32, u32),
    bg: RGBColor,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>),
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let _ = root.fill(&bg);
        draw(&root);
        let _ = root.present();
    }
    svg
}

/// The hand-written text of a chart (see the module documentation of `charts`).
#[derive(Debug, Default)]
pub(crate) struct TextLayer {
    pub out: String,
}

/// How a text block looks, besides its place and words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub class: &'static str,
    pub anchor: Anchor,
    pub muted: bool,
    pub bold: bool,
    pub halo: bool,
}

impl Style {
    /// Body text in the foreground colour, left-aligned.
    pub const fn plain(class: &'static str) -> Self {
        Style {
            class,
            anchor: Anchor::Start,
            muted: false,
            bold: false,
            halo: false,
        }
    }

    /// Body text in the secondary colour.
    pub const fn muted(class: &'static str) -> Self {
        Style {
            muted: true,
            ..Style::plain(class)
        }
    }

    /// The same, anchored otherwise.
    pub const fn at(self, anchor: Anchor) -> Self {
        Style { anchor, ..self }
    }
}

impl TextLayer {
    /// The title block.
    pub fn title(&mut self, p: &Placed, full: &str) {
        push_text(
            &mut self.out,
            &TextBlock {
                x: PAD,
                y: p.y,
                line_height: TITLE_LH,
                size: TITLE_FS,
                bold: true,
                muted: false,
                halo: false,
                anchor: Anchor::Start,
                class: "chart-title",
                text: &p.text,
                full,
            },
        );
    }

    /// A body-text block at the left margin.
    pub fn block(&mut self, p: &Placed, full: &str, style: Style) {
        self.text(PAD, p.y, &p.text, full, style);
    }

    /// The foot of a bar or stacked chart: the tick numbers at `tick_px` (see [`value_area`]),
    /// the axis label centred, the source line.
    pub fn bar_foot(&mut self, foot: &BarFoot, tick_px: &[i32], axis_label: &str, source: &str) {
        for (tv, px) in foot.ticks.iter().zip(tick_px) {
            self.tick_label(*tv, f64::from(*px), foot.tick_y);
        }
        let axis_style = Style::muted("axis-label").at(Anchor::Middle);
        self.text(
            WIDTH / 2.0,
            foot.axis.y,
            &foot.axis.text,
            axis_label,
            axis_style,
        );
        self.block(&foot.source, source, Style::muted("chart-source"));
    }

    /// A tick's number under the axis, kept inside the chart at both ends.
    fn tick_label(&mut self, value: f64, px: f64, y: f64) {
        // Ticks are labelled only when integral and under 10,000: the cast is exact.
        let label = format!("{}", value as i64);
        let w = text_width(&label, FS, false);
        let anchor = if px - w / 2.0 < 2.0 {
            Anchor::Start
        } else if px + w / 2.0 > WIDTH - 2.0 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        let text = one_line(&label);
        self.text(px, y, &text, &label, Style::muted("tick").at(anchor));
    }

    /// Body text anywhere.
    pub fn text(&mut self, x: f64, y: f64, text: &Wrapped, full: &str, style: Style) {
        push_text(
            &mut self.out,
            &TextBlock {
                x,
                y,
                line_height: LH,
                size: FS,
                bold: style.bold,
                muted: style.muted,
                halo: style.halo,
                anchor: style.anchor,
                class: style.class,
                text,
                full,
            },
        );
    }
}

/// A plotters drawing area with value coordinates on both axes.
pub(crate) type Plane<'a> = DrawingArea<
    SVGBackend<'a>,
    plotters::coord::cartesian::Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::types::RangedCoordf64,
    >,
>;

/// The value area of a bar or stacked chart on `root` (`height` pixels high): values `0..max`
/// across the text column, pixels down; and the pixel column of each of `ticks` on it.
pub(crate) fn value_area<'a>(
    root: &DrawingArea<SVGBackend<'a>, Shift>,
    max: f64,
    height: u32,
    ticks: &[f64],
) -> (Plane<'a>, Vec<i32>) {
    let area = root.apply_coord_spec(Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
        0.0..max,
        0.0..f64::from(height),
        (PAD as i32..(WIDTH - PAD) as i32, 0..px_u(height)),
    ));
    let tick_px = ticks
        .iter()
        .map(|t| area.map_coordinate(&(*t, 0.0)).0)
        .collect();
    (area, tick_px)
}

/// A pixel coordinate for plotters from a viewBox size: saturating (`as` would wrap a height
/// over `i32::MAX` to a negative one). Casts from `f64` saturate by themselves.
pub(crate) fn px_u(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}
