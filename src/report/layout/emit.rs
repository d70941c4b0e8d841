//! Writing the laid-out pages as a PDF: each page's items in krilla (text as glyph runs in
//! marked content, borders and fills as artifacts, figures as SVG), the running header and
//! the page number (header and footer artifacts), then the tag tree, the outline and the
//! metadata. The document is validated as PDF/UA-1 by krilla.

use super::text::{Line, TextStyle};
use super::{Item, LNode, Layout, A4};
use crate::report::style::Rgb;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TagGroup, TagTree,
};
use krilla::{Document, SerializeSettings};
use krilla_svg::{SurfaceExt, SvgSettings};

/// What every page but the first shows above the text (the organisation, the year's title),
/// and the page number every page shows below it.
pub(in crate::report) struct Running {
    pub left: String,
    pub right: String,
    /// `{n}` and `{total}` are replaced: "Trang {n}/{total}".
    pub page: String,
}

/// The marked-content identifiers of each leaf, in drawing order.
type LeafIds = Vec<Vec<Identifier>>;

impl Layout<'_> {
    /// The PDF of the document laid out.
    pub fn finish(
        mut self,
        metadata: Metadata,
        lang: &str,
        running: &Running,
    ) -> Result<Vec<u8>, String> {
        while self.stack.len() > 1 {
            self.close();
        }
        let root = self.stack.pop();
        let configuration = ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| format!("{e:?}"))?;
        let mut document = Document::new_with(SerializeSettings {
            configuration,
            enable_tagging: true,
            ..SerializeSettings::default()
        });
        let header = self.header_lines(running);
        let mut ids: LeafIds = (0..self.leaves).map(|_| Vec::new()).collect();
        let pages = std::mem::take(&mut self.pages);
        let total = pages.len();
        for (n, items) in pages.into_iter().enumerate() {
            let Some(size) = Size::from_wh(A4.0, A4.1) else {
                return Err("no A4 page size".into());
            };
            let mut page = document.start_page_with(PageSettings::new(size));
            let mut surface = page.surface();
            self.draw_items(&mut surface, items, &mut ids);
            if n > 0 {
                self.draw_header(&mut surface, &header);
            }
            let number = running
                .page
                .replace("{n}", &(n + 1).to_string())
                .replace("{total}", &total.to_string());
            self.draw_footer(&mut surface, &number);
            surface.finish();
            page.finish();
        }
        let mut ids: Vec<std::vec::IntoIter<Identifier>> =
            ids.into_iter().map(Vec::into_iter).collect();
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        if let Some((tag, children)) = root {
            tree.push(resolve(tag, children, &mut ids));
        }
        document.set_tag_tree(tree);
        document.set_outline(self.outline());
        document.set_metadata(metadata);
        document.finish().map_err(|e| format!("{e:?}"))
    }

    fn outline(&self) -> Outline {
        let mut outline = Outline::new();
        for (text, page, y) in &self.outline {
            let at = Point::from_xy(self.area.left, *y);
            outline.push_child(OutlineNode::new(
                text.clone(),
                XyzDestination::new(*page, at),
            ));
        }
        outline
    }

    /// A page's items: tagged content in marked-content spans, the rest as layout artifacts.
    fn draw_items(&self, surface: &mut Surface, items: Vec<Item>, ids: &mut LeafIds) {
        let mut in_artifact = false;
        for item in items {
            let leaf = match &item {
                Item::Text { leaf, .. } => *leaf,
                Item::Svg { leaf, .. } => Some(*leaf),
                Item::Rect { .. } => None,
            };
            if leaf.is_some() == in_artifact {
                if in_artifact {
                    surface.end_tagged();
                } else {
                    let layout = Artifact::with_kind(ArtifactType::Layout);
                    surface.start_tagged(ContentTag::Artifact(layout));
                }
                in_artifact = !in_artifact;
            }
            let id = leaf.map(|_| surface.start_tagged(ContentTag::Span(SpanTag::empty())));
            match item {
                Item::Text {
                    x,
                    baseline,
                    style,
                    line,
                    ..
                } => self.draw_line(surface, (x, baseline), style, &line),
                Item::Rect { rect, fill, stroke } => draw_rect(surface, rect, fill, stroke),
                Item::Svg { rect, tree, .. } => draw_svg(surface, rect, &tree),
            }
            if let (Some(leaf), Some(id)) = (leaf, id) {
                surface.end_tagged();
                if let Some(slot) = ids.get_mut(leaf) {
                    slot.push(id);
                }
            }
        }
        if in_artifact {
            surface.end_tagged();
        }
    }

    fn small(&self) -> TextStyle {
        TextStyle {
            size: self.style.sizes.small,
            bold: false,
            colour: self.style.colours.muted,
        }
    }

    /// The running header's two sides, at most two lines each (a longer text ends in `…`).
    fn header_lines(&self, running: &Running) -> (Vec<Line>, Vec<Line>) {
        let width = self.width() * 0.48;
        let side = |text: &str| {
            let mut lines = self.wrap(text, self.small(), width);
            if lines.len() > 2 {
                lines.truncate(1);
                let rest = text.get(lines[0].text.len()..).unwrap_or_default();
                lines.push(self.ellipsis(rest, width));
            }
            lines
        };
        (side(&running.left), side(&running.right))
    }

    /// The start of `text` that fits `width` on one line, ended by `…`.
    fn ellipsis(&self, text: &str, width: f32) -> Line {
        let mut chars: Vec<char> = text.chars().collect();
        chars.truncate(400);
        loop {
            let candidate: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
            if chars.is_empty() || self.text_width(&candidate, self.small()) <= width {
                let mut lines = self.wrap(&candidate, self.small(), f32::MAX);
                return lines.swap_remove(0);
            }
            chars.pop();
        }
    }

    fn draw_header(&self, surface: &mut Surface, (left, right): &(Vec<Line>, Vec<Line>)) {
        let header = Artifact::with_kind(ArtifactType::Header);
        surface.start_tagged(ContentTag::Artifact(header));
        let style = self.small();
        let lh = self.line_height(style);
        let rows = left.len().max(right.len()) as f32;
        let top = self.area.top - 10.0 - rows * lh - 3.0;
        for (i, line) in left.iter().enumerate() {
            let baseline = self.baseline(top + i as f32 * lh, style);
            self.draw_line(surface, (self.area.left, baseline), style, line);
        }
        for (i, line) in right.iter().enumerate() {
            let baseline = self.baseline(top + i as f32 * lh, style);
            let x = self.area.right - line.width;
            self.draw_line(surface, (x, baseline), style, line);
        }
        let rule = Rect::from_xywh(self.area.left, top + rows * lh + 3.0, self.width(), 0.6);
        if let Some(rule) = rule {
            draw_rect(surface, rule, Some(self.style.colours.accent), None);
        }
        surface.end_tagged();
    }

    fn draw_footer(&self, surface: &mut Surface, number: &str) {
        let footer = Artifact::with_kind(ArtifactType::Footer);
        surface.start_tagged(ContentTag::Artifact(footer));
        let style = self.small();
        if let Some(line) = self.wrap(number, style, f32::MAX).into_iter().next() {
            let x = self.area.left + (self.width() - line.width) / 2.0;
            let baseline = self.baseline(self.area.bottom + 14.0, style);
            self.draw_line(surface, (x, baseline), style, &line);
        }
        surface.end_tagged();
    }

    fn draw_line(&self, surface: &mut Surface, (x, y): (f32, f32), style: TextStyle, line: &Line) {
        surface.set_fill(Some(fill(style.colour)));
        let font = self.face(style).pdf.clone();
        let at = Point::from_xy(x, y);
        surface.draw_glyphs(at, &line.glyphs, font, &line.text, style.size, false);
    }
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        ..Fill::default()
    }
}

fn draw_rect(surface: &mut Surface, rect: Rect, fill_colour: Option<Rgb>, stroke: Option<Rgb>) {
    let mut pb = PathBuilder::new();
    pb.push_rect(rect);
    let Some(path) = pb.finish() else { return };
    surface.set_fill(fill_colour.map(fill));
    surface.set_stroke(stroke.map(|c| Stroke {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        width: 0.4,
        ..Stroke::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

fn draw_svg(surface: &mut Surface, rect: Rect, tree: &resvg::usvg::Tree) {
    let Some(size) = Size::from_wh(rect.width(), rect.height()) else {
        return;
    };
    surface.push_transform(&Transform::from_translate(rect.left(), rect.top()));
    surface.draw_svg(tree, size, SvgSettings::default());
    surface.pop();
}

/// krilla's tag group for a logical group: each leaf becomes the identifiers of its content.
fn resolve(
    tag: krilla::tagging::TagKind,
    children: Vec<LNode>,
    ids: &mut [std::vec::IntoIter<Identifier>],
) -> Node {
    let mut group = TagGroup::new(tag);
    for child in children {
        match child {
            LNode::Leaf(n) => {
                if let Some(leaf) = ids.get_mut(n) {
                    leaf.for_each(|id| group.push(id));
                }
            }
            LNode::Group(tag, children) => group.push(resolve(tag, children, ids)),
        }
    }
    Node::Group(group)
}
