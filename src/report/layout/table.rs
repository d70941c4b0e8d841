//! Tables: a header row, then rows of cells and group rows (a name across the table). A row
//! that does not fit moves to the next page, where the header row (and the current group's
//! name) is drawn again; a row taller than a whole page is split between lines. A group row
//! stays with the row after it. Tagged `Table` > `THead`/`TBody` > `TR` > `TH`/`TD`.

use super::text::{Align, Line, TextStyle};
use super::{Item, Layout};
use crate::report::style::Rgb;
use krilla::geom::Rect;
use krilla::tagging::{TableHeaderScope, Tag};
use std::num::NonZeroU32;

/// How wide a column is.
#[derive(Debug, Clone, Copy)]
pub(in crate::report) enum Width {
    /// As wide as its widest cell (header included), at most this many points.
    Auto(f32),
    /// This many points.
    Fixed(f32),
    /// What the other columns leave, shared between such columns.
    Fill,
}

/// A column: its width and how its cells are aligned.
#[derive(Debug, Clone, Copy)]
pub(in crate::report) struct Column {
    pub width: Width,
    pub align: Align,
}

/// A row of a table.
#[derive(Debug, Clone)]
pub(in crate::report) enum Row {
    /// A name across the whole table, starting a group of rows.
    Group(String),
    /// One text per column.
    Cells(Vec<String>),
}

/// A table being laid out: what every row needs.
struct Table<'t> {
    widths: Vec<f32>,
    aligns: Vec<Align>,
    header: &'t [&'t str],
    body: TextStyle,
    head: TextStyle,
    /// The current group's name, drawn again on the pages it continues on.
    group: Option<&'t str>,
}

/// The least share of the width the `Fill` columns keep.
const FILL_SHARE: f32 = 0.4;

/// Widths from (wanted, least) pairs that add up to at most `most`: each shrinks towards its
/// least in proportion to what it can give; if even the least ones are too wide, all shrink.
fn shrink(wanted: &[(f32, f32)], most: f32) -> Vec<f32> {
    let total: f32 = wanted.iter().map(|w| w.0).sum();
    if total <= most {
        return wanted.iter().map(|w| w.0).collect();
    }
    let least: f32 = wanted.iter().map(|w| w.1).sum();
    let slack = total - least;
    if least >= most || slack <= 0.0 {
        let scale = if least > 0.0 { most / least } else { 1.0 };
        return wanted.iter().map(|w| w.1 * scale).collect();
    }
    let give = (total - most) / slack;
    wanted.iter().map(|(w, l)| w - (w - l) * give).collect()
}

impl Layout<'_> {
    /// A table of `rows` under `header`, in `body` text.
    pub fn table(&mut self, columns: &[Column], header: &[&str], rows: &[Row], body: TextStyle) {
        let head = TextStyle { bold: true, ..body };
        let mut t = Table {
            widths: self.column_widths(columns, header, rows, body, head),
            aligns: columns.iter().map(|c| c.align).collect(),
            header,
            body,
            head,
            group: None,
        };
        self.open(Tag::Table);
        self.open(Tag::THead);
        // The header row goes with the first row, and with the row after a first group row.
        let row = |i: usize| rows.get(i).map_or(0.0, |r| self.row_height(&t, r));
        let first = match rows.first() {
            Some(Row::Group(_)) => row(0) + row(1),
            _ => row(0),
        };
        self.space(0.0, self.header_height(&t) + first.min(self.height() / 2.0));
        self.header_row(&t, true);
        self.close();
        self.open(Tag::TBody);
        for (i, row) in rows.iter().enumerate() {
            match row {
                Row::Group(name) => {
                    let next = rows.get(i + 1).map_or(0.0, |r| self.row_height(&t, r));
                    self.group_row(&t, name, next);
                    t.group = Some(name);
                }
                Row::Cells(cells) => self.cells_row(&t, cells),
            }
        }
        self.close();
        self.close();
    }

    /// Each column's width: `Fill` columns share what the others leave, but at least
    /// `FILL_SHARE` of the width; to leave it, the others shrink towards their widest word.
    fn column_widths(
        &self,
        columns: &[Column],
        header: &[&str],
        rows: &[Row],
        body: TextStyle,
        head: TextStyle,
    ) -> Vec<f32> {
        let pad = 2.0 * self.style.cell_padding + 0.5;
        // (the widest text on one line, the widest word) of column i.
        let measure = |i: usize| {
            let cells = rows.iter().filter_map(|r| match r {
                Row::Cells(c) => c.get(i),
                Row::Group(_) => None,
            });
            let title = header.get(i).copied().unwrap_or_default();
            let mut widest = (self.text_width(title, head), self.widest_word(title, head));
            for text in cells {
                widest.0 = widest.0.max(self.text_width(text, body));
                widest.1 = widest.1.max(self.widest_word(text, body));
            }
            (widest.0 + pad, widest.1 + pad)
        };
        let wanted: Vec<(f32, f32)> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| match c.width {
                Width::Fill => (0.0, 0.0),
                Width::Auto(max) => {
                    let (natural, word) = measure(i);
                    (natural.min(max), word.min(natural.min(max)))
                }
                Width::Fixed(w) => (w, measure(i).1.min(w)),
            })
            .collect();
        let mut widths = shrink(&wanted, self.width() * (1.0 - FILL_SHARE));
        let fills = columns.iter().filter(|c| matches!(c.width, Width::Fill));
        let share = (self.width() - widths.iter().sum::<f32>()) / fills.count().max(1) as f32;
        for (w, c) in widths.iter_mut().zip(columns) {
            if matches!(c.width, Width::Fill) {
                *w = share;
            }
        }
        widths
    }

    fn cell_height(&self, lines: usize, style: TextStyle) -> f32 {
        lines.max(1) as f32 * self.line_height(style) + 2.0 * self.style.cell_padding
    }

    fn inner(&self, width: f32) -> f32 {
        (width - 2.0 * self.style.cell_padding).max(1.0)
    }

    /// The height of a row on one page.
    fn row_height(&self, t: &Table, row: &Row) -> f32 {
        match row {
            Row::Group(name) => self.group_height(name, t.head),
            Row::Cells(cells) => {
                let lines = cells.iter().zip(&t.widths).map(|(c, w)| {
                    let inner = self.inner(*w);
                    self.wrap(c, t.body, inner).len()
                });
                self.cell_height(lines.max().unwrap_or(1), t.body)
            }
        }
    }

    fn header_height(&self, t: &Table) -> f32 {
        let lines = t.header.iter().zip(&t.widths).map(|(h, w)| {
            let inner = self.inner(*w);
            self.wrap(h, t.head, inner).len()
        });
        self.cell_height(lines.max().unwrap_or(1), t.head)
    }

    fn group_height(&self, name: &str, style: TextStyle) -> f32 {
        let lines = self.wrap(name, style, self.inner(self.width())).len();
        self.cell_height(lines, style)
    }

    /// The header row: tagged the first time, an artifact on the pages the table goes on to.
    fn header_row(&mut self, t: &Table, tagged: bool) {
        let height = self.header_height(t);
        let fill = self.style.colours.header_fill;
        if tagged {
            self.open(Tag::TR);
        }
        let mut x = self.area.left;
        for ((text, w), align) in t.header.iter().zip(&t.widths).zip(&t.aligns) {
            if tagged {
                self.open(Tag::TH(TableHeaderScope::Column));
            }
            let leaf = tagged.then(|| self.leaf());
            self.cell_box(x, *w, height, Some(fill));
            let lines = self.wrap(text, t.head, self.inner(*w));
            self.place_cell(lines, x, *w, *align, t.head, leaf);
            if tagged {
                self.close();
            }
            x += w;
        }
        if tagged {
            self.close();
        }
        self.y += height;
    }

    /// On to a new page: the header row again, and the current group's name (artifacts).
    fn continue_table(&mut self, t: &Table) {
        self.new_page();
        self.header_row(t, false);
        if let Some(name) = t.group {
            self.group_band(name, t.head, None);
        }
    }

    /// A group row, kept with the `next` row's first page of lines.
    fn group_row(&mut self, t: &Table, name: &str, next: f32) {
        let height = self.group_height(name, t.head);
        let fresh = self.height() - self.header_height(t);
        if self.y + height + next.min(fresh - height) > self.area.bottom {
            self.new_page();
            self.header_row(t, false);
        }
        self.open(Tag::TR);
        let span = NonZeroU32::new(t.widths.len().max(1) as u32);
        self.open(Tag::TD.with_col_span(span));
        let leaf = self.leaf();
        self.group_band(name, t.head, Some(leaf));
        self.close();
        self.close();
    }

    /// A band across the table with a group's name.
    fn group_band(&mut self, name: &str, style: TextStyle, leaf: Option<usize>) {
        let (x, w) = (self.area.left, self.width());
        let height = self.group_height(name, style);
        self.cell_box(x, w, height, Some(self.style.colours.group_fill));
        let lines = self.wrap(name, style, self.inner(w));
        self.place_cell(lines, x, w, Align::Left, style, leaf);
        self.y += height;
    }

    /// A row of cells: on the next page if it does not fit here but fits a page, else split
    /// between lines over as many pages as it takes.
    fn cells_row(&mut self, t: &Table, cells: &[String]) {
        let mut lines: Vec<Vec<Line>> = cells
            .iter()
            .zip(&t.widths)
            .map(|(c, w)| self.wrap(c, t.body, self.inner(*w)))
            .collect();
        let total = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let full = self.cell_height(total, t.body);
        let fresh = self.height() - self.header_height(t);
        let room = self.area.bottom - self.y;
        if full > room && (full <= fresh || room < self.cell_height(2, t.body)) {
            self.continue_table(t);
        }
        self.open(Tag::TR);
        let leaves: Vec<Option<usize>> = cells
            .iter()
            .map(|c| {
                self.open(Tag::TD);
                let leaf = (!c.is_empty()).then(|| self.leaf());
                self.close();
                leaf
            })
            .collect();
        let lh = self.line_height(t.body);
        let mut done = 0;
        while done < total {
            let room = self.area.bottom - self.y - 2.0 * self.style.cell_padding;
            let take = ((room / lh).floor().max(1.0) as usize).min(total - done);
            let height = self.cell_height(take, t.body);
            let mut x = self.area.left;
            for (i, w) in t.widths.iter().enumerate() {
                self.cell_box(x, *w, height, None);
                let part = lines.get_mut(i).map_or_else(Vec::new, |l| {
                    let n = take.min(l.len());
                    l.drain(..n).collect()
                });
                let align = t.aligns.get(i).copied().unwrap_or(Align::Left);
                let leaf = leaves.get(i).copied().flatten();
                self.place_cell(part, x, *w, align, t.body, leaf);
                x += w;
            }
            self.y += height;
            done += take;
            if done < total {
                self.continue_table(t);
            }
        }
        self.close();
    }

    /// A cell's lines, inside its padding, from the current line.
    fn place_cell(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        w: f32,
        align: Align,
        style: TextStyle,
        leaf: Option<usize>,
    ) {
        let pad = self.style.cell_padding;
        let top = self.y + pad;
        self.place_lines(lines, (x + pad, self.inner(w)), top, align, style, leaf);
    }

    fn cell_box(&mut self, x: f32, w: f32, h: f32, fill: Option<Rgb>) {
        if let Some(rect) = Rect::from_xywh(x, self.y, w, h) {
            let stroke = Some(self.style.colours.rule);
            self.push(Item::Rect { rect, fill, stroke });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fonts::bundled;
    use crate::report::style::Style;

    /// The tops and bottoms of every text line and box, by page.
    fn extents(doc: &Layout) -> Vec<(f32, f32)> {
        let lh = doc.line_height(TextStyle::test_body());
        doc.pages
            .iter()
            .flatten()
            .map(|item| match item {
                Item::Text { baseline, .. } => (baseline - lh, *baseline),
                Item::Rect { rect, .. } | Item::Svg { rect, .. } => (rect.top(), rect.bottom()),
            })
            .collect()
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_nothing_leaves_the_text_area() {
        let (fonts, style) = (bundled().expect("fonts"), Style::default());
        let mut doc = Layout::new(fonts, &style);
        let columns = [
            Column {
                width: Width::Auto(50.0),
                align: Align::Left,
            },
            Column {
                width: Width::Fill,
                align: Align::Left,
            },
        ];
        let long = "Tỷ lệ hồ sơ thủ tục hành chính được số hóa ".repeat(400);
        let rows = [
            Row::Group("Nhóm".into()),
            Row::Cells(vec!["G1".into(), "Ngắn".into()]),
            Row::Cells(vec!["G2".into(), long]),
            Row::Cells(vec!["G3".into(), "Ngắn".into()]),
        ];
        doc.table(&columns, &["Mã", "Mục tiêu"], &rows, TextStyle::test_body());
        let area = doc.area;
        assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
        for (top, bottom) in extents(&doc) {
            assert!(
                top >= area.top - 0.01 && bottom <= area.bottom + 0.01,
                "{top}–{bottom}"
            );
        }
    }

    #[test]
    fn fill_columns_keep_their_share_and_short_columns_keep_their_words() {
        // (wanted, least): the wide column gives, the short one keeps its word.
        let widths = shrink(&[(30.0, 30.0), (300.0, 60.0)], 200.0);
        assert_eq!(widths[0], 30.0);
        assert!((widths.iter().sum::<f32>() - 200.0).abs() < 0.01);
        assert_eq!(shrink(&[(30.0, 30.0)], 200.0), [30.0]);
        let all = shrink(&[(100.0, 100.0), (300.0, 300.0)], 200.0);
        assert!((all.iter().sum::<f32>() - 200.0).abs() < 0.01);
    }
}
