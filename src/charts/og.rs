//! The 1200×630 summary card for `og:image`: an SVG built here (plain colours: a PNG has no
//! theme), rasterised by resvg with the bundled Noto Sans, so the PNG looks the same on every
//! machine and never depends on system fonts.

use super::draw::{distinct_keys, KeyPaint};
use super::layout::{esc, finite_nonneg, num, text_width, wrap, wrap_balanced};
use super::Bar;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Noto Sans Regular (SIL Open Font License 1.1; themes/default/fonts/OFL.txt): Latin with all
/// Vietnamese letters.
pub(crate) static FONT: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/themes/default/fonts/NotoSans-Regular.ttf"
));
const FAMILY: &str = "Noto Sans";

pub(crate) const OG_WIDTH: u32 = 1200;
pub(crate) const OG_HEIGHT: u32 = 630;
const M: f64 = 64.0;
/// Width inside the margins.
const INNER: f64 = OG_WIDTH as f64 - 2.0 * M;
/// Top of the footer line.
const FOOTER_Y: f64 = OG_HEIGHT as f64 - 44.0;
const FG: &str = "#1b1f24";
const MUTED: &str = "#555e68";

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(FONT)));
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

fn text(out: &mut String, x: f64, y: f64, size: f64, fill: &str, body: &str) {
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\">{}</text>\n",
        num(x),
        num(y),
        num(size),
        esc(body)
    ));
}

/// A bar with its key (made an id) and paint.
type KeyedBar<'a> = (&'a Bar, &'a (String, KeyPaint));

/// The card as SVG (public to the crate for tests and for a download next to the PNG).
pub(crate) fn og_svg(
    headline: &str,
    subline: &str,
    bars: &[Bar],
    max: f64,
    footer: &str,
) -> String {
    let mut body = format!(
        "<rect width=\"{OG_WIDTH}\" height=\"{OG_HEIGHT}\" fill=\"#ffffff\"/>\n<rect width=\"{OG_WIDTH}\" height=\"14\" fill=\"#00695c\"/>\n"
    );
    let y = headlines(&mut body, headline, subline);
    let (keys, key_index) = distinct_keys(bars);
    // Each bar with its key and paint (`distinct_keys` gives an index for every bar).
    let keyed: Vec<(&Bar, &(String, KeyPaint))> = bars
        .iter()
        .zip(&key_index)
        .filter_map(|(b, &k)| Some((b, keys.get(k)?)))
        .collect();
    if !keyed.is_empty() {
        let y = stacked_bar(&mut body, y, &keyed, max);
        legend(&mut body, y, &keyed);
    }
    let foot = wrap(footer, 26.0, false, INNER, 1);
    if let Some(l) = foot.lines.first() {
        text(&mut body, M, FOOTER_Y + 20.0, 26.0, MUTED, l);
    }
    let defs = hatch_patterns(&keys);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{OG_WIDTH}\" height=\"{OG_HEIGHT}\" viewBox=\"0 0 {OG_WIDTH} {OG_HEIGHT}\" font-family=\"{FAMILY}, sans-serif\">\n<defs>\n{defs}</defs>\n{body}</svg>\n"
    )
}

/// The headline (large, up to two lines) and the subline; returns the y under them.
fn headlines(body: &mut String, headline: &str, subline: &str) -> f64 {
    let mut y = M + 10.0;
    let head = wrap_balanced(headline, 60.0, false, INNER, 2);
    for line in &head.lines {
        y += 62.0;
        text(body, M, y, 60.0, FG, line);
        y += 12.0;
    }
    let sub = wrap(subline, 32.0, false, INNER, 2);
    y += 6.0;
    for line in &sub.lines {
        y += 34.0;
        text(body, M, y, 32.0, MUTED, line);
        y += 10.0;
    }
    y
}

/// One stacked bar of all values, against the maximum (or their sum if that is larger);
/// returns the y under it.
fn stacked_bar(body: &mut String, y: f64, bars: &[KeyedBar<'_>], max: f64) -> f64 {
    let values: Vec<f64> = bars.iter().map(|(b, _)| finite_nonneg(b.value)).collect();
    let sum: f64 = values.iter().sum();
    let scale = if max.is_finite() && max > sum {
        max
    } else {
        sum
    };
    let (bar_y, bar_h) = (y + 36.0, 64.0);
    body.push_str(&format!(
        "<rect x=\"{M}\" y=\"{}\" width=\"{INNER}\" height=\"{bar_h}\" fill=\"#f4f6f8\"/>\n",
        num(bar_y)
    ));
    let mut x = M;
    for (v, (_, (k, p))) in values.iter().zip(bars) {
        if scale <= 0.0 || *v <= 0.0 {
            continue;
        }
        let bw = INNER * v / scale;
        let rect = format!(
            "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bar_h}\"",
            num(x),
            num(bar_y),
            num(bw)
        );
        swatch(body, &rect, k, p);
        x += bw;
    }
    body.push_str(&format!(
        "<rect x=\"{M}\" y=\"{}\" width=\"{INNER}\" height=\"{bar_h}\" fill=\"none\" stroke=\"#d0d7de\" stroke-width=\"2\"/>\n",
        num(bar_y)
    ));
    bar_y + bar_h + 28.0
}

/// A rectangle in a key's colour, hatched for the keys that have hatching.
fn swatch(body: &mut String, rect: &str, key: &str, p: &KeyPaint) {
    body.push_str(&format!("<rect {rect} fill=\"{}\"/>\n", p.fallback));
    if p.hatch.is_some() {
        body.push_str(&format!("<rect {rect} fill=\"url(#h-{key})\"/>\n"));
    }
}

/// The legend: swatch, value text and label; one column if it fits, else two, as many rows as
/// there is room for above the footer.
fn legend(body: &mut String, y: f64, bars: &[KeyedBar<'_>]) {
    let row_h = 46.0;
    // Non-negative and under 630 / 46: the cast is exact.
    let rows_fit = (((FOOTER_Y - 40.0) - y) / row_h).floor().max(0.0) as usize;
    let cols = if bars.len() <= rows_fit { 1 } else { 2 };
    let shown = rows_fit * cols;
    let col_w = INNER / cols as f64;
    // Labels start in one column, after the widest value text shown.
    let values: Vec<String> = bars
        .iter()
        .map(|(b, _)| {
            let w = wrap(&b.value_text, 28.0, false, col_w * 0.4, 1);
            w.lines.first().cloned().unwrap_or_default()
        })
        .collect();
    let vw = values
        .iter()
        .take(shown)
        .map(|v| text_width(v, 28.0, false))
        .fold(0.0, f64::max);
    for (i, ((b, (k, p)), value)) in bars.iter().zip(&values).enumerate().take(shown) {
        let (col, row) = (i % cols, i / cols);
        let x0 = M + col as f64 * col_w;
        let y0 = y + row as f64 * row_h;
        let sw = format!(
            "x=\"{}\" y=\"{}\" width=\"30\" height=\"30\"",
            num(x0),
            num(y0)
        );
        swatch(body, &sw, k, p);
        text(body, x0 + 44.0, y0 + 26.0, 28.0, FG, value);
        let label = wrap(&b.label, 28.0, false, col_w - 44.0 - vw - 34.0, 1);
        if let Some(l) = label.lines.first() {
            text(body, x0 + 44.0 + vw + 16.0, y0 + 26.0, 28.0, MUTED, l);
        }
    }
}

/// The hatching patterns the swatches refer to (`url(#h-<key>)`).
fn hatch_patterns(keys: &[(String, KeyPaint)]) -> String {
    let mut defs = String::new();
    for (k, p) in keys {
        if let Some(deg) = p.hatch {
            defs.push_str(&format!(
                "<pattern id=\"h-{k}\" patternUnits=\"userSpaceOnUse\" width=\"12\" height=\"12\" patternTransform=\"rotate({deg})\"><rect width=\"5\" height=\"12\" fill=\"#ffffff\" fill-opacity=\"0.55\"/></pattern>\n"
            ));
        }
    }
    defs
}

pub(crate) fn render(
    headline: &str,
    subline: &str,
    bars: &[Bar],
    max: f64,
    footer: &str,
) -> Result<Vec<u8>, String> {
    let svg = og_svg(headline, subline, bars, max, footer);
    let opts = usvg::Options {
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &opts).map_err(|e| format!("og image: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(OG_WIDTH, OG_HEIGHT)
        .ok_or_else(|| "og image: cannot allocate the image".to_string())?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("og image: cannot encode the PNG: {e}"))
}
