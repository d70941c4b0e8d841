//! Heading ids: each heading gets one from its text (`## Kết quả` → `ket-qua`), unique on
//! the page and never one the page already uses: the theme's own ids (`<main id="main">`),
//! footnotes, and ids in raw HTML such as a chart's.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// The ids in use on one page. Rendering several Markdown texts onto a page with one set (a
/// year report's summary and goal notes) keeps their headings apart too.
#[derive(Debug, Clone, Default)]
pub struct HeadingIds {
    taken: HashSet<String>,
    /// For a base id already taken: the last number tried after it (`ket-qua-3`).
    last: HashMap<String, usize>,
}

impl HeadingIds {
    /// No id in use yet.
    pub fn new() -> Self {
        HeadingIds::default()
    }

    /// Marks `id` as used by the page around the Markdown.
    pub fn reserve(&mut self, id: impl Into<String>) {
        self.taken.insert(id.into());
    }

    /// Marks every `id="…"` (or `id='…'`) attribute of `html` as used.
    pub fn reserve_in_html(&mut self, html: &str) {
        for id in html_ids(html) {
            self.reserve(id);
        }
    }

    /// `base` if it is free, else the first free of `base-2`, `base-3`, …; taken from then on.
    fn fresh(&mut self, base: String) -> String {
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let n = self.last.entry(base.clone()).or_insert(1);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Gives every heading of `events` an id, after reserving the ids the events themselves
    /// carry (footnote definitions, raw HTML).
    pub(super) fn assign<'a>(&mut self, mut events: Vec<Event<'a>>) -> Vec<Event<'a>> {
        for e in &events {
            match e {
                Event::Start(Tag::FootnoteDefinition(label)) => self.reserve(label.to_string()),
                Event::Html(h) | Event::InlineHtml(h) => self.reserve_in_html(h),
                _ => {}
            }
        }
        let mut i = 0;
        while i < events.len() {
            if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
                let (text, end) = heading_text(&events, i + 1);
                let id = self.fresh(crate::slug::slugify(&text));
                if let Event::Start(Tag::Heading {
                    level,
                    classes,
                    attrs,
                    ..
                }) = std::mem::replace(&mut events[i], Event::Text("".into()))
                {
                    events[i] = Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    });
                }
                i = end;
            }
            i += 1;
        }
        events
    }
}

/// The text of a heading whose events start at `from`, and the index of its end.
fn heading_text(events: &[Event], from: usize) -> (String, usize) {
    let mut text = String::new();
    let mut j = from;
    while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
        if let Event::Text(t) | Event::Code(t) = &events[j] {
            text.push_str(t);
        }
        j += 1;
    }
    (text, j)
}

/// The values of the `id` attributes in `html`.
fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("id=").filter_map(move |(i, _)| {
        let before = html[..i].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = &html[i + 3..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        value.find(quote).map(|end| &value[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_numbered_past_every_taken_one() {
        let mut ids = HeadingIds::new();
        ids.reserve("main");
        let got: Vec<String> = ["main", "a", "a", "a-2", "a"]
            .iter()
            .map(|b| ids.fresh(b.to_string()))
            .collect();
        assert_eq!(got, ["main-2", "a", "a-2", "a-2-2", "a-3"]);
    }

    #[test]
    fn ids_are_read_from_html_attributes_only() {
        let html = "<svg id=\"sc-goals-2023\"><title id='sc-goals-2023-title'>x</title><g data-id=\"no\" grid=\"no\">";
        let got: Vec<&str> = html_ids(html).collect();
        assert_eq!(got, ["sc-goals-2023", "sc-goals-2023-title"]);
    }
}
