//! Text: shaping (cached per text), measuring, greedy line breaking at spaces, and placing
//! lines on the page.

use super::{Item, Layout};
use crate::report::fonts::Face;
use crate::report::style::Rgb;
use krilla::text::KrillaGlyph;
use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::report) struct TextStyle {
    /// In points.
    pub size: f32,
    pub bold: bool,
    pub colour: Rgb,
}

/// Where a line sits in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::report) enum Align {
    Left,
    Right,
}

/// One line of shaped text, ready to draw.
#[derive(Clone)]
pub(super) struct Line {
    /// The text of the line (a wrapped line keeps its trailing space, which is not drawn
    /// wider but keeps the word break in the text a reader copies).
    pub text: String,
    /// Text ranges relative to `text`.
    pub glyphs: Vec<KrillaGlyph>,
    /// Width in points, without a trailing space.
    pub width: f32,
}

impl Layout<'_> {
    pub(super) fn face(&self, style: TextStyle) -> &Face {
        if style.bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    /// The line height of `style`, in points.
    pub(in crate::report) fn line_height(&self, style: TextStyle) -> f32 {
        style.size * self.style.line_height
    }

    fn shape(&self, text: &str, style: TextStyle) -> Rc<Vec<KrillaGlyph>> {
        let key = (style.bold, text.to_string());
        if let Some(glyphs) = self.shaped.borrow().get(&key) {
            return glyphs.clone();
        }
        let glyphs = Rc::new(self.face(style).shape(text));
        self.shaped.borrow_mut().insert(key, glyphs.clone());
        glyphs
    }

    /// The width of `text` on one line, in points.
    pub(super) fn text_width(&self, text: &str, style: TextStyle) -> f32 {
        let text = clean(text);
        let em: f32 = self.shape(&text, style).iter().map(|g| g.x_advance).sum();
        em * style.size
    }

    /// The width of the widest word of `text` (what a line break cannot narrow), in points.
    pub(super) fn widest_word(&self, text: &str, style: TextStyle) -> f32 {
        let text = clean(text);
        let (mut widest, mut word) = (0.0f32, 0.0);
        for g in self.shape(&text, style).iter() {
            if text.get(g.text_range.clone()) == Some(" ") {
                word = 0.0;
            } else {
                word += g.x_advance;
                widest = widest.max(word);
            }
        }
        widest * style.size
    }

    /// `text` broken into lines at most `width` wide: greedy, at spaces; a word longer than
    /// the width is broken between glyphs. An empty text is one empty line.
    pub(super) fn wrap(&self, text: &str, style: TextStyle, width: f32) -> Vec<Line> {
        let text = clean(text);
        let text = text.as_ref();
        let glyphs = self.shape(text, style);
        let is_space = |g: &KrillaGlyph| text.get(g.text_range.clone()) == Some(" ");
        let mut lines = Vec::new();
        let (mut start, mut x, mut last_space) = (0, 0.0, None);
        let mut i = 0;
        while let Some(g) = glyphs.get(i) {
            let space = is_space(g);
            if space {
                last_space = Some(i);
            }
            let advance = g.x_advance * style.size;
            if !space && x + advance > width && i > start {
                // Break after the last space of the line, or before this glyph.
                let end = match last_space {
                    Some(s) if s > start => s + 1,
                    _ => i,
                };
                lines.push(line(text, &glyphs[start..end], style));
                (start, i, x, last_space) = (end, end, 0.0, None);
                continue;
            }
            x += advance;
            i += 1;
        }
        if start < glyphs.len() || lines.is_empty() {
            lines.push(line(text, &glyphs[start..], style));
        }
        lines
    }

    /// The baseline of a line whose box starts at `top`.
    pub(super) fn baseline(&self, top: f32, style: TextStyle) -> f32 {
        let face = self.face(style);
        let content = (face.ascent + face.descent) * style.size;
        top + (self.line_height(style) - content) / 2.0 + face.ascent * style.size
    }

    /// Lines placed in a box from `x`, `width` wide, the first one's top at `top`; `leaf` is
    /// their tag (`None`: an artifact, such as a repeated table header).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn place_lines(
        &mut self,
        lines: Vec<Line>,
        (x, width): (f32, f32),
        top: f32,
        align: Align,
        style: TextStyle,
        leaf: Option<usize>,
    ) {
        let lh = self.line_height(style);
        for (n, line) in lines.into_iter().enumerate() {
            let x = match align {
                Align::Left => x,
                Align::Right => x + width - line.width,
            };
            let baseline = self.baseline(top + n as f32 * lh, style);
            self.push(Item::Text {
                x,
                baseline,
                style,
                line,
                leaf,
            });
        }
    }
}

/// `text` with every control character (a line break, a tab) as a space: a report's texts
/// are set in lines of their own.
fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// A line of `glyphs`, a slice of the shaping of `text`.
fn line(text: &str, glyphs: &[KrillaGlyph], style: TextStyle) -> Line {
    let range: Range<usize> = match (glyphs.first(), glyphs.last()) {
        (Some(a), Some(b)) => a.text_range.start..b.text_range.end,
        _ => 0..0,
    };
    let glyphs: Vec<KrillaGlyph> = glyphs
        .iter()
        .map(|g| {
            let mut g = g.clone();
            g.text_range = g.text_range.start.saturating_sub(range.start)
                ..g.text_range.end.saturating_sub(range.start);
            g
        })
        .collect();
    let text = text.get(range).unwrap_or_default();
    let visible = glyphs.len() - usize::from(text.ends_with(' ') && !glyphs.is_empty());
    let width = glyphs[..visible].iter().map(|g| g.x_advance).sum::<f32>() * style.size;
    Line {
        text: text.to_string(),
        glyphs,
        width,
    }
}

#[cfg(test)]
impl TextStyle {
    /// The body text the layout tests set: 9.5 pt, regular, black.
    pub(crate) fn test_body() -> TextStyle {
        TextStyle {
            size: 9.5,
            bold: false,
            colour: Rgb(0, 0, 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::bundled;
    use crate::report::style::Style;

    #[test]
    fn lines_fit_their_width_and_keep_every_character_and_space() {
        let (fonts, style) = (bundled().expect("fonts"), Style::default());
        let doc = Layout::new(fonts, &style);
        let text = "Tỷ lệ hồ sơ thủ tục hành chính được số hóa ".repeat(6)
            + &"a".repeat(400)
            + "\nnăm\t2023";
        let lines = doc.wrap(&text, TextStyle::test_body(), 120.0);
        assert!(lines.len() > 10, "{}", lines.len());
        assert!(lines.iter().all(|l| l.width <= 120.0 + 0.01));
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined, text.replace(['\n', '\t'], " "));
    }

    #[test]
    fn an_empty_text_is_one_empty_line() {
        let (fonts, style) = (bundled().expect("fonts"), Style::default());
        let doc = Layout::new(fonts, &style);
        let lines = doc.wrap("", TextStyle::test_body(), 100.0);
        assert_eq!(lines.len(), 1);
        assert_eq!((lines[0].text.as_str(), lines[0].width), ("", 0.0));
    }
}
