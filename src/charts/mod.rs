//! Charts: accessible, themable, deterministic SVG (bar and line charts) and the `og:image` PNG.
//!
//! Pure functions, no I/O. Every text arrives already localised and formatted: the caller
//! composes titles, descriptions, value texts and source lines from the theme's i18n strings;
//! nothing here knows a word of Vietnamese or English. Output bytes depend only on the input.
//!
//! # How an SVG is made
//!
//! The geometry (background, tracks, bars, hatching overlays, grid lines, lines, markers) is
//! drawn by plotters' SVG backend (`SVGBackend::with_string`), through a plotters `Cartesian2d`
//! coordinate system for values and years. Its output is then post-processed, and the text is
//! written by this module, because plotters-svg 0.3.7 cannot produce what the design requires:
//!
//! - **Root element.** `SVGBackend::init_svg_file` always writes
//!   `<svg width="W" height="H" viewBox="…" xmlns="…">` and offers no way to add attributes or
//!   children. We need no fixed width (responsive), `role="img"`, `aria-labelledby` and the
//!   `<title>`/`<desc>` it points at, and `<defs>` for the hatching patterns. So plotters' first
//!   line is replaced by our root tag (`draw::assemble`).
//! - **Colours.** plotters writes every colour as a literal `fill="#RRGGBB"`; it has no CSS class,
//!   no `var(--…)` and no pattern fill. Every colour handed to plotters is therefore a sentinel
//!   (`draw::Paints`), and each `fill="#sentinel"` / `stroke="#sentinel"` is replaced by a class
//!   (`bar bar-<key>`, `series series-N`, …), the fallback colour as the presentation attribute,
//!   and `style="fill:var(--c-completed,#00695c)"`, so the theme's custom properties (including
//!   its dark palette) apply when the SVG is inline, and the fallback everywhere else. Hatching
//!   is a second plotters rectangle whose sentinel becomes `fill="url(#<id>-hatch-<key>)"`.
//! - **Text.** plotters' `draw_text` writes `font-size` as the requested size ÷ 1.24 (14 px must
//!   be asked for as 17.36), puts a newline before and after every text node's content (a stray
//!   space in the rendering), writes a font family and a literal fill colour on every
//!   element, draws one line only (no wrapping, no `<tspan>`), cannot attach a `<title>` to a
//!   truncated label, and its built-in layout estimate counts UTF-8 bytes (a Vietnamese letter
//!   weighs two or three). Labels, values, ticks, legends and the source line are therefore
//!   written here (`draw::push_text`): escaped, wrapped by an estimate of the text's width
//!   (`layout::wrap`), truncated with `…` and the full text in a `<title>` when too long, and
//!   inheriting the theme's font stack and `--fg`/`--muted` colours from the root and a group.
//!
//! # Files
//!
//! `bar.rs`, `stacked.rs` and `line.rs` (with `line/geometry.rs`) make their chart in named
//! steps: data, layout, geometry, text layer. What they share is in `frame.rs` (sizes, the
//! top-to-bottom column of text blocks, the plotters canvas, the text layer, and the two bar
//! charts' value area and foot), `draw.rs` (paints, hatching, `<text>` elements, the document)
//! and `layout.rs` (escaping, numbers, wrapping, ticks).
//! `og.rs` makes the PNG card.
//!
//! # Accessibility
//!
//! `role="img"` with `aria-labelledby="<id>-title <id>-desc"`; `<desc>` is the caller's generated
//! sentence. Colour is never the only cue: every bar carries its label and value text, hatching
//! differs per key (matching the theme's table swatches), line series differ in dash pattern and
//! marker shape and carry direct point labels. Fallback colours are the default theme's palette,
//! 3:1 or more on white. Text is 14 px or more in a 360-wide viewBox: about 12 px on a 320 px
//! wide screen (callers may cap the width, e.g. `max-width: 30rem`, on wide screens).

mod bar;
mod draw;
mod frame;
mod layout;
mod line;
mod og;
mod stacked;

/// The bundled Noto Sans Regular (the printed report uses it too).
pub(crate) use og::FONT as NOTO_SANS_REGULAR;
#[cfg(test)]
mod tests;

/// One bar of a [`BarChart`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bar {
    /// CSS class suffix and paint: `completed`, `above_70`, `between_50_70`, `below_50`, `done`,
    /// `in_progress`, `not_started` use the theme's palette and hatching; any other key (e.g.
    /// `group`) is painted with `var(--c-<key>)`, falling back to the theme's accent colour.
    pub key: String,
    /// The bar's label, written above it (wrapped; truncated with the full text as a tooltip).
    pub label: String,
    /// The value; not finite or negative counts as 0.
    pub value: f64,
    /// The formatted value written at the right, e.g. `20 (67 %)`.
    pub value_text: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Unique in the page: the prefix of the chart's element ids.
    pub id: String,
    /// The title, drawn at the top and given as `<title>`.
    pub title: String,
    /// The generated sentence stating what the chart shows, given as `<desc>` (and drawn in
    /// place of the bars when there are none).
    pub desc: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// The axis maximum (e.g. the total, or 100); if not positive, the largest value is used.
    pub max: f64,
    /// Written under the axis.
    pub axis_label: String,
    /// The "Source: …, unit: …" line under the chart.
    pub source: String,
}

/// Renders a horizontal bar chart as a standalone, inlinable SVG document.
pub fn bar_chart_svg(c: &BarChart) -> String {
    bar::render(c)
}

/// One kind of segment of a [`StackedChart`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackKey {
    /// CSS class suffix and paint, as [`Bar::key`] (`not_assessed` has a paint of its own).
    pub key: String,
    /// Its name in the legend.
    pub label: String,
}

/// One bar of a [`StackedChart`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackRow {
    /// The bar's label, written above it.
    pub label: String,
    /// The formatted value written at the right, e.g. the total.
    pub value_text: String,
    /// One value per key, in the keys' order; not finite or negative counts as 0.
    pub values: Vec<f64>,
}

/// A horizontal bar chart whose bars are split into segments, one per key (the completion
/// buckets at each review, say), with a legend of the keys.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StackedChart {
    /// Unique in the page: the prefix of the chart's element ids.
    pub id: String,
    /// The title, drawn at the top and given as `<title>`.
    pub title: String,
    /// The generated sentence, given as `<desc>` (and drawn in place of the bars when there
    /// are none).
    pub desc: String,
    /// The segments' kinds, in the order they are stacked, left to right.
    pub keys: Vec<StackKey>,
    /// The bars, top to bottom; the axis runs to the largest total.
    pub rows: Vec<StackRow>,
    /// Written under the axis.
    pub axis_label: String,
    /// The "Source: …, unit: …" line under the chart.
    pub source: String,
}

/// Renders a stacked horizontal bar chart as a standalone, inlinable SVG document.
pub fn stacked_chart_svg(c: &StackedChart) -> String {
    stacked::render(c)
}

/// One line of a [`LineChart`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The series' name, shown in the legend.
    pub label: String,
    /// (year, value) pairs; `None` (or a value that is not finite) is a year without a value,
    /// drawn as a break in the line.
    pub points: Vec<(i32, Option<f64>)>,
    /// One formatted text per point (same order as `points`), written next to its marker; for a
    /// `None` point, written low in the plot at its year (e.g. "not assessed").
    pub point_texts: Vec<String>,
}

/// A line chart over years (or over any ordered steps, such as the reviews of a year, with
/// `x_labels`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineChart {
    /// Unique in the page: the prefix of the chart's element ids.
    pub id: String,
    /// The label written under each x value (a point's "year"), e.g. a review's id; an x
    /// value without one is written as its number. Empty for years.
    pub x_labels: Vec<(i32, String)>,
    /// The title, drawn at the top and given as `<title>`.
    pub title: String,
    /// The generated sentence, given as `<desc>`.
    pub desc: String,
    /// The lines.
    pub series: Vec<Series>,
    /// The y axis range (values outside are drawn at its edge).
    pub y_min: f64,
    /// See `y_min`.
    pub y_max: f64,
    /// Draws `y_min` at the top: for ranks, where lower is better, so that up means better.
    pub invert_y: bool,
    /// Written above the plot.
    pub y_label: String,
    /// Written under the title, e.g. "A lower rank is better; up means better".
    pub note: Option<String>,
    /// The "Source: …" line under the chart.
    pub source: String,
}

/// Renders a line chart over years as a standalone, inlinable SVG document.
pub fn line_chart_svg(c: &LineChart) -> String {
    line::render(c)
}

/// Renders the 1200×630 PNG summary card for `og:image`: `headline` (large), `subline`, one
/// stacked bar of `bars` against `max` with a legend (value text and label), and `footer`
/// (e.g. the site's name). Text uses the bundled Noto Sans, whatever the machine has.
pub fn og_png(
    headline: &str,
    subline: &str,
    bars: &[Bar],
    max: f64,
    footer: &str,
) -> Result<Vec<u8>, String> {
    og::render(headline, subline, bars, max, footer)
}
