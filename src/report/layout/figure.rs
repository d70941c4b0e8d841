//! A figure: one of the site's chart SVGs, drawn as vectors (its text stays text, in the
//! bundled fonts), centred, with its alternative text.

use super::{Item, Layout};
use krilla::geom::Rect;
use krilla::tagging::Tag;
use resvg::usvg;

impl Layout<'_> {
    /// `svg` drawn `width` points wide (less if a page is not tall enough), tagged as a figure
    /// with `alt`. An SVG that cannot be read is left out and `false` returned.
    pub fn figure(&mut self, svg: &str, width: f32, alt: &str) -> bool {
        let options = usvg::Options {
            fontdb: self.fonts.svg.clone(),
            font_family: crate::report::fonts::FAMILY.into(),
            ..usvg::Options::default()
        };
        let Ok(tree) = usvg::Tree::from_str(&print_svg(svg), &options) else {
            return false;
        };
        let size = tree.size();
        let mut width = width.min(self.width());
        let mut height = width * size.height() / size.width();
        // A figure is never taller than most of a page: a heading fits above it.
        let most = self.height() * 0.85;
        if height > most {
            width *= most / height;
            height = most;
        }
        self.space(0.0, height);
        let x = self.area.left + (self.width() - width) / 2.0;
        let Some(rect) = Rect::from_xywh(x, self.y, width, height) else {
            return false;
        };
        self.open(Tag::Figure(Some(alt.to_string())));
        let leaf = self.leaf();
        self.push(Item::Svg {
            rect,
            tree: Box::new(tree),
            leaf,
        });
        self.close();
        self.y += height;
        true
    }
}

/// The site's chart SVG for print: without the `style="fill:var(--…,#fallback)"` attributes
/// that theme the inline SVG, since usvg does not know CSS custom properties (it would paint
/// such a fill black); the presentation attribute beside each holds the same colour.
pub(in crate::report) fn print_svg(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(" style=\"") {
        let value_start = i + " style=\"".len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        let end = value_start + len + 1;
        out.push_str(&rest[..i]);
        if !rest[value_start..end].contains("var(") {
            out.push_str(&rest[i..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themed_fills_give_way_to_their_fallback_colours() {
        let svg = r##"<rect fill="#00695c" style="fill:var(--c-completed,#00695c)"/><text style="font-weight:bold">x</text>"##;
        assert_eq!(
            print_svg(svg),
            r##"<rect fill="#00695c"/><text style="font-weight:bold">x</text>"##
        );
    }
}
