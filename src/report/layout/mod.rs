//! A small page layout on top of krilla: text shaped and broken into lines (`text`),
//! paragraphs and headings that flow over pages (here), tables whose rows break across pages
//! with the header row repeated (`table`), SVG figures (`figure`), and the PDF written with
//! its running header, page numbers, tag tree and outline (`emit`).
//!
//! Content is laid out top to bottom into pages of `Item`s, each drawn item tagged with a
//! *leaf* of a logical tag tree (`LNode`) that `emit` resolves into krilla's `TagTree`; items
//! without a leaf (borders, fills, repeated headers) are artifacts.

mod emit;
mod figure;
mod table;
mod text;

pub(super) use emit::Running;
pub(super) use table::{Column, Row, Width};
pub(super) use text::{Align, TextStyle};

use super::fonts::Fonts;
use super::style::{Rgb, Style, MM};
use krilla::geom::Rect;
use krilla::tagging::{Tag, TagKind};
use krilla::text::KrillaGlyph;
use std::cell::RefCell;
use std::collections::HashMap;
use std::num::NonZeroU16;
use std::rc::Rc;
use text::Line;

/// Shaped texts by (bold, text).
type Shaped = HashMap<(bool, String), Rc<Vec<KrillaGlyph>>>;

/// A4, in points.
pub(super) const A4: (f32, f32) = (595.28, 841.89);

/// Something drawn on a page.
enum Item {
    Text {
        x: f32,
        baseline: f32,
        style: TextStyle,
        line: Line,
        leaf: Option<usize>,
    },
    Rect {
        rect: Rect,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Svg {
        rect: Rect,
        tree: Box<resvg::usvg::Tree>,
        leaf: usize,
    },
}

/// A node of the logical tag tree: a group, or a leaf that stands for the marked content of
/// the items that name it (on one page or several).
enum LNode {
    Group(TagKind, Vec<LNode>),
    Leaf(usize),
}

/// A heading with nothing placed under it yet: its page, its first item there, its top, and
/// its entry in the outline.
#[derive(Clone, Copy)]
struct Pending {
    page: usize,
    first: usize,
    top: f32,
    outline: usize,
}

/// The text area of every page, in points from the page's top left corner.
#[derive(Clone, Copy)]
struct Area {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

/// A document being laid out.
pub(super) struct Layout<'a> {
    fonts: &'a Fonts,
    style: &'a Style,
    area: Area,
    pages: Vec<Vec<Item>>,
    /// Where the next content goes on the last page.
    y: f32,
    /// The open tag groups, the document's root first.
    stack: Vec<(TagKind, Vec<LNode>)>,
    leaves: usize,
    /// Shaped texts by (bold, text): a cell is measured, then wrapped.
    shaped: RefCell<Shaped>,
    /// Headings for the outline (bookmarks, which PDF/UA wants): text, page, y.
    outline: Vec<(String, usize, f32)>,
    /// The heading just placed, while nothing follows it: a page break takes it along.
    pending: Option<Pending>,
}

impl Item {
    /// The item moved down by `dy`.
    fn shifted(self, dy: f32) -> Item {
        let down = |r: Rect| Rect::from_xywh(r.left(), r.top() + dy, r.width(), r.height());
        match self {
            Item::Text {
                x,
                baseline,
                style,
                line,
                leaf,
            } => Item::Text {
                x,
                baseline: baseline + dy,
                style,
                line,
                leaf,
            },
            Item::Rect { rect, fill, stroke } => Item::Rect {
                rect: down(rect).unwrap_or(rect),
                fill,
                stroke,
            },
            Item::Svg { rect, tree, leaf } => Item::Svg {
                rect: down(rect).unwrap_or(rect),
                tree,
                leaf,
            },
        }
    }
}

impl<'a> Layout<'a> {
    pub fn new(fonts: &'a Fonts, style: &'a Style) -> Layout<'a> {
        let m = style.margins_mm;
        let area = Area {
            left: m.left * MM,
            top: m.top * MM,
            right: A4.0 - m.right * MM,
            bottom: A4.1 - m.bottom * MM,
        };
        Layout {
            fonts,
            style,
            area,
            pages: vec![Vec::new()],
            y: area.top,
            stack: vec![(Tag::Part.into(), Vec::new())],
            leaves: 0,
            shaped: RefCell::default(),
            outline: Vec::new(),
            pending: None,
        }
    }

    /// The style the document is laid out in.
    pub fn style(&self) -> &'a Style {
        self.style
    }

    /// The width between the margins.
    pub fn width(&self) -> f32 {
        self.area.right - self.area.left
    }

    /// The height between the margins.
    fn height(&self) -> f32 {
        self.area.bottom - self.area.top
    }

    /// Starts a new page; a heading that would end the page goes along.
    pub fn new_page(&mut self) {
        let (pending, below) = (self.pending.take(), self.y);
        self.pages.push(Vec::new());
        self.y = self.area.top;
        if let Some(h) = pending {
            self.carry_over(h, below);
        }
    }

    /// Moves heading `h` (and the space under it, down to `below`) to the top of the new
    /// page, unless it tops its own page already.
    fn carry_over(&mut self, h: Pending, below: f32) {
        let new = self.pages.len() - 1;
        if h.page + 1 != new || h.top <= self.area.top + 0.5 {
            return;
        }
        let dy = self.area.top - h.top;
        let old = &mut self.pages[h.page];
        let moved: Vec<Item> = old.drain(h.first.min(old.len())..).collect();
        self.pages[new] = moved.into_iter().map(|i| i.shifted(dy)).collect();
        self.y = below + dy;
        if let Some(entry) = self.outline.get_mut(h.outline) {
            (entry.1, entry.2) = (new, self.area.top);
        }
    }

    /// Moves down `dy`, then starts a new page if less than `keep` is left below.
    pub fn space(&mut self, dy: f32, keep: f32) {
        self.y += dy;
        if self.y + keep > self.area.bottom && self.y > self.area.top {
            self.new_page();
        }
    }

    /// Moves down so that `height` is left above the bottom margin (if less is not left already).
    pub fn down_to_foot(&mut self, height: f32) {
        self.y = self.y.max(self.area.bottom - height);
    }

    pub fn open(&mut self, tag: impl Into<TagKind>) {
        self.stack.push((tag.into(), Vec::new()));
    }

    pub fn close(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        if let Some((tag, children)) = self.stack.pop() {
            self.children().push(LNode::Group(tag, children));
        }
    }

    fn children(&mut self) -> &mut Vec<LNode> {
        if self.stack.is_empty() {
            self.stack.push((Tag::Part.into(), Vec::new()));
        }
        let last = self.stack.len() - 1;
        &mut self.stack[last].1
    }

    /// A new leaf in the open group.
    fn leaf(&mut self) -> usize {
        let n = self.leaves;
        self.leaves += 1;
        self.children().push(LNode::Leaf(n));
        n
    }

    fn push(&mut self, item: Item) {
        self.pending = None;
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// A filled bar across the text area (an artifact), `height` high.
    pub fn bar(&mut self, height: f32, colour: Rgb) {
        if let Some(rect) = Rect::from_xywh(self.area.left, self.y, self.width(), height) {
            self.push(Item::Rect {
                rect,
                fill: Some(colour),
                stroke: None,
            });
        }
        self.y += height;
    }

    /// A paragraph tagged `tag`, flowing over pages line by line.
    pub fn paragraph(&mut self, tag: impl Into<TagKind>, text: &str, style: TextStyle) {
        self.paragraph_aligned(tag, text, style, Align::Left);
    }

    /// A paragraph aligned in the text area.
    pub fn paragraph_aligned(
        &mut self,
        tag: impl Into<TagKind>,
        text: &str,
        style: TextStyle,
        align: Align,
    ) {
        self.open(tag);
        let (x, width) = (self.area.left, self.width());
        let lh = self.line_height(style);
        let leaf = self.leaf();
        for line in self.wrap(text, style, width) {
            if self.y + lh > self.area.bottom {
                self.new_page();
            }
            let y = self.y;
            self.place_lines(vec![line], (x, width), y, align, style, Some(leaf));
            self.y += lh;
        }
        self.close();
    }

    /// A section heading of `level`, kept with what follows it, and listed in the outline.
    /// An empty heading is left out (PDF/UA wants a heading to have a title).
    pub fn heading(&mut self, level: u16, text: &str, style: TextStyle) {
        let lh = self.line_height(style);
        if text.trim().is_empty() {
            self.space(style.size, lh * 4.0);
            return;
        }
        self.space(style.size, lh * 5.0);
        self.outline
            .push((text.to_string(), self.pages.len() - 1, self.y));
        let mark = Pending {
            page: self.pages.len() - 1,
            first: self.pages.last().map_or(0, Vec::len),
            top: self.y,
            outline: self.outline.len() - 1,
        };
        let level = NonZeroU16::new(level.max(1)).unwrap_or(NonZeroU16::MIN);
        self.paragraph(Tag::Hn(level, Some(text.to_string())), text, style);
        self.y += style.size * 0.5;
        // Only a heading on one page can move whole.
        if self.pages.len() - 1 == mark.page {
            self.pending = Some(mark);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::bundled;

    fn texts(page: &[Item]) -> Vec<&str> {
        page.iter()
            .filter_map(|i| match i {
                Item::Text { line, .. } => Some(line.text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let (fonts, style) = (bundled().expect("fonts"), Style::default());
        let mut doc = Layout::new(fonts, &style);
        let body = TextStyle::test_body();
        while doc.y < doc.area.bottom - 110.0 {
            doc.paragraph(Tag::P, "Một dòng.", body);
        }
        doc.heading(1, "Mục tiêu năm 2023", TextStyle { bold: true, ..body });
        let columns = [Column {
            width: Width::Fill,
            align: Align::Left,
        }];
        let tall = "Tỷ lệ hồ sơ được số hóa ".repeat(40);
        let rows = [Row::Group("Nhóm".into()), Row::Cells(vec![tall])];
        doc.table(&columns, &["Mục tiêu"], &rows, body);
        assert_eq!(doc.pages.len(), 2);
        assert_eq!(texts(&doc.pages[1]).first(), Some(&"Mục tiêu năm 2023"));
        assert_eq!(texts(&doc.pages[0]).last(), Some(&"Một dòng."));
        assert_eq!(doc.outline[0].1, 1);
    }
}
