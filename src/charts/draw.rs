//! The SVG document around plotters' drawing: the root element, `<title>`/`<desc>`, hatching
//! patterns, themable paints (plotters' sentinel colours swapped for CSS classes and variables)
//! and the hand-written text layer. See the module documentation of `charts` for why.

use super::layout::{esc, ident, num, Wrapped};
use super::Bar;
use plotters::style::RGBColor;
use std::collections::BTreeMap;

/// The font stack of the default theme's body text, ending in the generic `sans-serif`.
pub(crate) const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/// Text colour (theme variable `--fg`) and its fallback.
pub(crate) const FG: (&str, &str) = ("--fg", "#1b1f24");
/// Secondary text colour (`--muted`).
pub(crate) const MUTED: (&str, &str) = ("--muted", "#555e68");
/// Lines and outlines (`--line`).
pub(crate) const LINE: (&str, &str) = ("--line", "#d0d7de");
/// Bar tracks (`--soft`).
pub(crate) const SOFT: (&str, &str) = ("--soft", "#f4f6f8");
/// Page background (`--bg`), also the colour of the hatching stripes.
pub(crate) const BG: (&str, &str) = ("--bg", "#ffffff");

/// How a bar of a given key is painted: the theme's CSS variable, the fallback colour (the
/// default theme's light palette, each 3:1 or more on white) and the hatching angle, if any.
/// The hatching matches the swatches of the theme's tables (`.sw-<key>` in style.css).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeyPaint {
    pub var: String,
    pub fallback: &'static str,
    /// `None`: solid; `Some(deg)`: stripes rotated by `deg` (0 = vertical).
    pub hatch: Option<i32>,
}

pub(crate) fn key_paint(key: &str) -> KeyPaint {
    let (var, fallback, hatch) = match key {
        "completed" => ("--c-completed", "#00695c", None),
        "above_70" => ("--c-above70", "#1565c0", Some(-45)),
        "between_50_70" => ("--c-50-70", "#a35200", Some(45)),
        "below_50" => ("--c-below50", "#c62828", Some(0)),
        "done" => ("--c-done", "#00695c", None),
        "in_progress" => ("--c-progress", "#1565c0", Some(-45)),
        "not_started" => ("--c-notstarted", "#616161", Some(0)),
        // A goal or task that existed at a review but had no value then.
        "not_assessed" => ("--c-notassessed", "#7b5e57", Some(90)),
        // Any other key (e.g. `group`): its own variable if the theme defines one, else the
        // theme's accent colour (which has a dark-mode value).
        other => {
            return KeyPaint {
                var: format!("--c-{other} --accent"),
                fallback: "#0b5cad",
                hatch: None,
            }
        }
    };
    KeyPaint {
        var: var.to_string(),
        fallback,
        hatch,
    }
}

/// The distinct paint keys of `bars` (made ids), in first-seen order with their paints, and
/// each bar's index into them.
pub(crate) fn distinct_keys(bars: &[Bar]) -> (Vec<(String, KeyPaint)>, Vec<usize>) {
    let mut keys: Vec<(String, KeyPaint)> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let index = bars
        .iter()
        .map(|b| {
            let k = ident(&b.key, "bar");
            *seen.entry(k).or_insert_with_key(|k| {
                keys.push((k.clone(), key_paint(k)));
                keys.len() - 1
            })
        })
        .collect();
    (keys, index)
}

/// Line-chart series N: CSS variable `--c-series-N`, else one of the theme's palette variables
/// (so dark mode applies), else a fallback colour (distinct in hue and lightness, 3:1 or more
/// on white); with dash patterns and marker shapes, colour is never the only difference
/// between two series.
pub(crate) const SERIES_COLOURS: [(&str, &str); 6] = [
    ("--c-above70", "#1565c0"),
    ("--c-50-70", "#a35200"),
    ("--c-completed", "#00695c"),
    ("--fg", "#1b1f24"),
    ("--c-below50", "#c62828"),
    ("--c-notstarted", "#616161"),
];
pub(crate) const SERIES_DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];

/// `style`/presentation attributes for a themable paint of `prop` (`fill` or `stroke`). `vars`
/// is one CSS custom property or several separated by spaces, tried in order:
/// `"--c-group --accent"` gives `var(--c-group,var(--accent,#0b5cad))`.
pub(crate) fn paint_attrs(prop: &str, vars: &str, fallback: &str) -> String {
    let value = vars
        .split_whitespace()
        .rev()
        .fold(fallback.to_string(), |acc, v| format!("var({v},{acc})"));
    format!("{prop}=\"{fallback}\" style=\"{prop}:{value}\"")
}

/// plotters writes colours as `#RRGGBB`. Every colour handed to plotters is a sentinel from this
/// table; after drawing, each `fill="#sentinel"` / `stroke="#sentinel"` is replaced by the
/// attributes registered for it (a class, a fallback colour, `var(--…)`, a dash pattern).
///
/// A sentinel's red channel is `0xA7` and its green and blue channels count the paints; past
/// 65,536 paints (a line chart of 32,768 series) the red channel takes the count's third byte, so
/// sentinels stay distinct up to 2²⁴ paints. No replacement contains a sentinel (fallback
/// colours are written in lower case), so one pass over plotters' output replaces them all.
#[derive(Debug, Default)]
pub(crate) struct Paints {
    entries: Vec<PaintEntry>,
}

#[derive(Debug)]
struct PaintEntry {
    /// `RRGGBB`, as plotters writes it.
    hex: String,
    fill: String,
    stroke: String,
}

impl Paints {
    /// Registers a paint with its replacement attributes for `fill` and for `stroke`.
    pub fn add(&mut self, fill: String, stroke: String) -> RGBColor {
        let i = self.entries.len();
        let byte = |shift: usize| ((i >> shift) & 0xFF) as u8;
        let c = RGBColor(0xA7 ^ byte(16), byte(8), byte(0));
        self.entries.push(PaintEntry {
            hex: format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2),
            fill,
            stroke,
        });
        c
    }

    /// A themable paint: `class`, CSS variable `var` with `fallback`; `extra` is appended to the
    /// stroke attributes (e.g. a dash pattern).
    pub fn themed(&mut self, class: &str, var: &str, fallback: &str, extra: &str) -> RGBColor {
        let cls = if class.is_empty() {
            String::new()
        } else {
            format!("class=\"{class}\" ")
        };
        self.add(
            format!("{cls}{}", paint_attrs("fill", var, fallback)),
            format!("{cls}{}{extra}", paint_attrs("stroke", var, fallback)),
        )
    }

    /// The paint whose sentinel is `hex` (`RRGGBB`, upper case as plotters writes it).
    fn entry(&self, hex: &str) -> Option<&PaintEntry> {
        let rgb = u32::from_str_radix(hex, 16).ok()?;
        let i = (((rgb >> 16) ^ 0xA7) << 16) | (rgb & 0xFFFF);
        let e = self.entries.get(usize::try_from(i).ok()?)?;
        (e.hex == hex).then_some(e)
    }

    /// Rewrites plotters' output: sentinel colours become the registered attributes, and the
    /// redundant `opacity="1"` goes.
    pub fn apply(&self, svg: &str) -> String {
        let svg = svg.replace(" opacity=\"1\"", "");
        let mut out = String::with_capacity(svg.len() * 2);
        let mut rest = svg.as_str();
        // Each `="#`: a sentinel when `fill` or `stroke` comes before and a known `RRGGBB"` after.
        while let Some(at) = rest.find("=\"#") {
            let (before, after) = rest.split_at(at);
            let hex = after.get(3..9).filter(|_| after.get(9..10) == Some("\""));
            let entry = hex.and_then(|h| self.entry(h));
            let replaced = entry.and_then(|e| {
                if let Some(head) = before.strip_suffix("fill") {
                    Some((head, &e.fill))
                } else {
                    before.strip_suffix("stroke").map(|head| (head, &e.stroke))
                }
            });
            match replaced {
                Some((head, attrs)) => {
                    out.push_str(head);
                    out.push_str(attrs);
                    rest = after.get(10..).unwrap_or("");
                }
                None => {
                    out.push_str(before);
                    out.push_str("=\"#");
                    rest = after.get(3..).unwrap_or("");
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// `<pattern>` definitions for hatching, one per distinct key (in first-seen order).
pub(crate) fn hatch_defs(id: &str, keys: &[(String, KeyPaint)]) -> String {
    let mut out = String::new();
    for (k, p) in keys {
        if let Some(deg) = p.hatch {
            out.push_str(&format!(
                "<pattern id=\"{id}-hatch-{k}\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate({deg})\"><rect width=\"2.5\" height=\"6\" {} fill-opacity=\"0.55\"/></pattern>\n",
                paint_attrs("fill", BG.0, BG.1)
            ));
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("<defs>\n{out}</defs>\n")
    }
}

/// Horizontal anchoring of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

/// One text block of the text layer.
#[derive(Debug, Clone)]
pub(crate) struct TextBlock<'a> {
    pub x: f64,
    /// Baseline of the first line.
    pub y: f64,
    pub line_height: f64,
    pub size: f64,
    pub bold: bool,
    pub muted: bool,
    /// Outlined in the background colour, to stay legible over lines and grid lines.
    pub halo: bool,
    pub anchor: Anchor,
    pub class: &'a str,
    pub text: &'a Wrapped,
    /// The full text, given as a `<title>` when the lines were truncated.
    pub full: &'a str,
}

/// Writes a `<text>` element (lines as `<tspan>`s) into `out`.
pub(crate) fn push_text(out: &mut String, t: &TextBlock<'_>) {
    if t.text.lines.is_empty() {
        return;
    }
    let (x, y) = (num(t.x), num(t.y));
    out.push_str(&format!("<text x=\"{x}\" y=\"{y}\""));
    if !t.class.is_empty() {
        out.push_str(&format!(" class=\"{}\"", t.class));
    }
    if (t.size - 14.0).abs() > f64::EPSILON {
        out.push_str(&format!(" font-size=\"{}\"", num(t.size)));
    }
    if t.bold {
        out.push_str(" font-weight=\"700\"");
    }
    match t.anchor {
        Anchor::Start => {}
        Anchor::Middle => out.push_str(" text-anchor=\"middle\""),
        Anchor::End => out.push_str(" text-anchor=\"end\""),
    }
    let mut style = Vec::new();
    if t.muted {
        out.push_str(&format!(" fill=\"{}\"", MUTED.1));
        style.push(format!("fill:var({},{})", MUTED.0, MUTED.1));
    }
    if t.halo {
        out.push_str(&format!(
            " stroke=\"{}\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            BG.1
        ));
        style.push(format!("stroke:var({},{})", BG.0, BG.1));
    }
    if !style.is_empty() {
        out.push_str(&format!(" style=\"{}\"", style.join(";")));
    }
    out.push('>');
    if t.text.truncated {
        out.push_str(&format!("<title>{}</title>", esc(t.full)));
    }
    if let [line] = t.text.lines.as_slice() {
        out.push_str(&esc(line));
    } else {
        for (i, line) in t.text.lines.iter().enumerate() {
            let ly = num(t.y + i as f64 * t.line_height);
            out.push_str(&format!(
                "<tspan x=\"{x}\" y=\"{ly}\">{}</tspan>",
                esc(line)
            ));
        }
    }
    out.push_str("</text>\n");
}

/// Puts the document together: our root element, `<title>`, `<desc>` and `<defs>`, then
/// plotters' drawing (its own root tag removed and paints applied), then the text layer.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    kind: &str,
    id: &str,
    title: &str,
    desc: &str,
    size: (u32, u32),
    defs: &str,
    plotters_svg: &str,
    paints: &Paints,
    text_layer: &str,
) -> String {
    // plotters' first line is its `<svg width=… height=… viewBox=… xmlns=…>` root; the last
    // is `</svg>`. Keep what lies between.
    let body = plotters_svg
        .split_once('\n')
        .map(|(_, rest)| rest)
        .unwrap_or("");
    let body = body.trim_end().strip_suffix("</svg>").unwrap_or(body);
    let body = paints.apply(body);
    let mut out = String::with_capacity(body.len() + text_layer.len() + 1024);
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"chart chart-{kind}\" font-family=\"{}\" font-size=\"14\">\n",
        size.0,
        size.1,
        esc(FONT_STACK)
    ));
    out.push_str(&format!(
        "<title id=\"{id}-title\">{}</title>\n",
        esc(title)
    ));
    out.push_str(&format!("<desc id=\"{id}-desc\">{}</desc>\n", esc(desc)));
    out.push_str(defs);
    out.push_str(&body);
    out.push_str(&format!(
        "<g class=\"chart-text\" {}>\n",
        paint_attrs("fill", FG.0, FG.1)
    ));
    out.push_str(text_layer);
    out.push_str("</g>\n</svg>\n");
    out
}
