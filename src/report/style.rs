//! The report's look: margins, font sizes, colours, spacing. The values are those of the
//! default theme's `report/style.yaml` (a test holds the two equal); a theme's own
//! `report/style.yaml` replaces it and need only hold the values it changes.

use crate::diag::Diagnostic;
use crate::yaml::Seg;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use std::path::Path;

/// The report's look.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    /// Page margins, in millimetres (A4 is 210 × 297 mm).
    pub margins_mm: Margins,
    /// Font sizes, in points.
    pub sizes: Sizes,
    /// Line height, as a multiple of the font size.
    pub line_height: f32,
    /// Space inside table cells, in points.
    pub cell_padding: f32,
    /// A chart's width, as a share of the text width.
    pub chart_width: f32,
    /// Colours, `#rrggbb`.
    pub colours: Colours,
}

/// Page margins, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[allow(missing_docs)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Font sizes, in points.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sizes {
    /// The year's title on the cover.
    pub title: f32,
    /// The organisation and the as-of date on the cover.
    pub cover: f32,
    /// Section headings.
    pub heading: f32,
    /// Paragraphs and tables.
    pub body: f32,
    /// Captions, the running header and the page numbers.
    pub small: f32,
}

/// Colours.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Colours {
    /// Body text.
    pub text: Rgb,
    /// Headings and the year's title.
    pub heading: Rgb,
    /// Captions, the running header, page numbers, the cover's small print.
    pub muted: Rgb,
    /// The rule under the running header and the cover's bar.
    pub accent: Rgb,
    /// Table borders.
    pub rule: Rgb,
    /// Table header rows.
    pub header_fill: Rgb,
    /// Group rows of a table.
    pub group_fill: Rgb,
}

/// A colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Default for Style {
    fn default() -> Style {
        Style {
            margins_mm: Margins::default(),
            sizes: Sizes::default(),
            line_height: 1.25,
            cell_padding: 3.5,
            chart_width: 0.5,
            colours: Colours::default(),
        }
    }
}

impl Default for Margins {
    fn default() -> Margins {
        Margins {
            top: 24.0,
            right: 18.0,
            bottom: 20.0,
            left: 18.0,
        }
    }
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            title: 24.0,
            cover: 11.5,
            heading: 13.0,
            body: 9.5,
            small: 8.0,
        }
    }
}

impl Default for Colours {
    fn default() -> Colours {
        Colours {
            text: Rgb(0x1b, 0x1f, 0x24),
            heading: Rgb(0x00, 0x4d, 0x40),
            muted: Rgb(0x4a, 0x52, 0x5a),
            accent: Rgb(0x00, 0x69, 0x5c),
            rule: Rgb(0xaa, 0xaa, 0xaa),
            header_fill: Rgb(0xf2, 0xf2, 0xf2),
            group_fill: Rgb(0xe4, 0xee, 0xec),
        }
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rgb, D::Error> {
        let s = String::deserialize(d)?;
        Rgb::parse(&s).ok_or_else(|| {
            de::Error::custom(format_args!(
                "`{s}` is not a colour: write it as `#rrggbb`, such as `#00695c`"
            ))
        })
    }
}

impl Rgb {
    fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#')?;
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        (hex.len() == 6).then_some(())?;
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

impl Style {
    /// The style of a `report/style.yaml` (its path given for messages): the values it sets,
    /// the default ones for the others.
    pub fn parse(text: &str, path: &str) -> Result<Style, Box<Diagnostic>> {
        let style: Style = crate::yaml::parse(text, Path::new(path), 0)?;
        match style.out_of_range() {
            None => Ok(style),
            Some((key, range)) => {
                let segs: Vec<Seg> = key.split('.').map(|k| Seg::Key(k.into())).collect();
                let d = Diagnostic::error(
                    path,
                    format!("`{key}` is out of range: it must be {range}"),
                )
                .at_opt(crate::yaml::locate(text, &segs))
                .with_source(text)
                .help("the default theme's `report/style.yaml` shows every value with its unit");
                Err(Box::new(d))
            }
        }
    }

    /// The first value that would make the page unusable, with the range it must be in.
    fn out_of_range(&self) -> Option<(&'static str, &'static str)> {
        let m = &self.margins_mm;
        let s = &self.sizes;
        let checks: [(&str, f32, f32, f32, &str); 13] = [
            ("margins_mm.top", m.top, 5.0, 60.0, "5 to 60 (mm)"),
            ("margins_mm.right", m.right, 5.0, 50.0, "5 to 50 (mm)"),
            ("margins_mm.bottom", m.bottom, 8.0, 60.0, "8 to 60 (mm)"),
            ("margins_mm.left", m.left, 5.0, 50.0, "5 to 50 (mm)"),
            ("sizes.title", s.title, 8.0, 48.0, "8 to 48 (pt)"),
            ("sizes.cover", s.cover, 6.0, 24.0, "6 to 24 (pt)"),
            ("sizes.heading", s.heading, 6.0, 28.0, "6 to 28 (pt)"),
            ("sizes.body", s.body, 6.0, 16.0, "6 to 16 (pt)"),
            ("sizes.small", s.small, 5.0, 12.0, "5 to 12 (pt)"),
            ("line_height", self.line_height, 1.0, 2.5, "1 to 2.5"),
            ("cell_padding", self.cell_padding, 0.0, 12.0, "0 to 12 (pt)"),
            ("chart_width", self.chart_width, 0.2, 1.0, "0.2 to 1"),
            // A header too tall for the top margin would run into the text.
            (
                "sizes.small",
                m.top * MM - 2.0 * self.line_height * s.small,
                12.0,
                f32::MAX,
                "small enough for two header lines in the top margin",
            ),
        ];
        checks
            .into_iter()
            .find(|(_, v, lo, hi, _)| !(v >= lo && v <= hi))
            .map(|(key, _, _, _, range)| (key, range))
    }
}

/// Points per millimetre.
pub(super) const MM: f32 = 72.0 / 25.4;

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> &'static str {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/themes/default/report/style.yaml"
        ))
    }

    #[test]
    fn the_default_theme_file_holds_the_default_style() {
        let parsed = Style::parse(builtin(), "report/style.yaml").expect("the built-in style");
        assert_eq!(parsed, Style::default());
    }

    #[test]
    fn a_theme_file_sets_only_what_it_changes() {
        let s = Style::parse("colours:\n  heading: \"#7b1fa2\"\nsizes: {body: 10}\n", "x")
            .expect("a partial style");
        assert_eq!(s.colours.heading, Rgb(0x7b, 0x1f, 0xa2));
        assert_eq!(s.sizes.body, 10.0);
        assert_eq!(s.sizes.title, Sizes::default().title);
        assert_eq!(s.colours.text, Colours::default().text);
    }

    #[test]
    fn mistakes_are_errors_on_the_file_with_the_line() {
        let d = Style::parse("sizes:\n  bodi: 10\n", "themes/t/report/style.yaml").unwrap_err();
        assert!(d.message.contains("bodi"), "{d:?}");
        assert_eq!(d.line(), Some(2), "{d:?}");
        let d = Style::parse("colours: {text: red}\n", "s.yaml").unwrap_err();
        assert!(d.message.contains("`red` is not a colour"), "{d:?}");
        let d = Style::parse("sizes: {body: 9}\nmargins_mm: {left: 200}\n", "s.yaml").unwrap_err();
        assert!(
            d.message.contains("`margins_mm.left` is out of range"),
            "{d:?}"
        );
        assert_eq!(d.line(), Some(2), "{d:?}");
        let d = Style::parse("sizes: {small: 12}\nmargins_mm: {top: 5}\n", "s.yaml").unwrap_err();
        assert!(d.message.contains("top margin"), "{d:?}");
    }
}
