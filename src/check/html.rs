//! What `check` reads in a rendered page: its links and its `id`s, as a browser would see them
//! (html5gum's WHATWG tokenizer: comments, scripts and styles skipped, character references
//! decoded, the first of two same-named attributes kept).
//!
//! It listens to the tokenizer's callback events rather than taking its `Token`s: the tokens
//! allocate a map per tag and a string per text, and cost 40 % more time on a 1,000-article site.

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::collections::HashSet;
use std::convert::Infallible;

/// The links and anchors of one HTML page.
#[derive(Debug, Default)]
pub(super) struct PageScan {
    /// Every `href` and `src` value, in document order.
    pub links: Vec<String>,
    /// Every `id`, and every `name` of an `<a>`.
    pub ids: HashSet<String>,
}

/// Reads the links and anchors of `html`.
pub(super) fn scan(html: &[u8]) -> PageScan {
    let mut scanner = Scanner::default();
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        scanner.on(event);
        None::<Infallible>
    });
    // Script data, raw text and RCDATA after `<script>`, `<style>`, `<title>`, … as the tree
    // builder of a browser would switch.
    emitter.naively_switch_states(true);
    let Ok(()) = Tokenizer::new_with_emitter(html, emitter).finish();
    scanner.page
}

/// What the attribute being read is to `check`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Attr {
    /// Not one `check` reads, or a repeated one (a browser keeps the first).
    #[default]
    Other,
    /// `href` or `src`: its value was pushed to `links` as "" and is filled in when read.
    Link,
    /// `id`, or `name` on `<a>`.
    Anchor,
}

/// The tokenizer's events turned into a `PageScan`.
#[derive(Debug, Default)]
struct Scanner {
    page: PageScan,
    /// Inside a start tag (attributes of end tags are ignored, as browsers do).
    in_start_tag: bool,
    tag: Vec<u8>,
    /// Attribute names of the current tag so far.
    names: Vec<Vec<u8>>,
    attr: Attr,
}

impl Scanner {
    fn on(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.in_start_tag = true;
                self.tag.clear();
                self.tag.extend_from_slice(name);
                self.names.clear();
            }
            CallbackEvent::AttributeName { name } => self.attribute(name),
            CallbackEvent::AttributeValue { value } => self.value(value),
            // A parse error may come between an attribute's name and its value.
            CallbackEvent::Error(_) => {}
            _ => {
                self.in_start_tag = false;
                self.attr = Attr::Other;
            }
        }
    }

    fn attribute(&mut self, name: &[u8]) {
        self.attr = Attr::Other;
        if !self.in_start_tag || self.names.iter().any(|n| n == name) {
            return;
        }
        self.names.push(name.to_vec());
        self.attr = match name {
            b"href" | b"src" => Attr::Link,
            b"id" => Attr::Anchor,
            b"name" if self.tag == b"a" => Attr::Anchor,
            _ => Attr::Other,
        };
        if self.attr == Attr::Link {
            // An empty `href=""` has no value event, and is a link all the same.
            self.page.links.push(String::new());
        }
    }

    fn value(&mut self, value: &[u8]) {
        let value = String::from_utf8_lossy(value);
        match self.attr {
            Attr::Link => {
                if let Some(last) = self.page.links.last_mut() {
                    last.push_str(&value);
                }
            }
            Attr::Anchor => {
                self.page.ids.insert(value.into_owned());
            }
            Attr::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_ids_are_found_outside_comments_and_scripts() {
        let html = r#"<a href="x/?a=1&amp;b=2#h">x</a><!-- <a href="no"> --><script>var s = "<a href='no'>";</script>
<IMG SRC=../img.png alt='a > b'><h2 id="ket-qua">K</h2><br/><input disabled><a href="">self</a>
<style>a[href="no"] {}</style><title><a href="no"></title><a name="cu" href="ok" href="no"></a id="no">"#;
        let page = scan(html.as_bytes());
        assert_eq!(page.links, ["x/?a=1&b=2#h", "../img.png", "", "ok"]);
        let mut ids: Vec<&str> = page.ids.iter().map(String::as_str).collect();
        ids.sort();
        assert_eq!(ids, ["cu", "ket-qua"]);
    }

    #[test]
    fn character_references_decode() {
        let page = scan(br#"<a href="a&amp;b&#39;c&#x2F;&bogus;&eacute;"></a><p id=&quot;x>"#);
        assert_eq!(page.links, ["a&b'c/&bogus;\u{e9}"]);
        assert!(page.ids.contains("\"x"));
    }

    #[test]
    fn any_bytes_are_read_without_panic() {
        for html in [
            &b"<a href=\"\xff\xfe\">"[..],
            b"<a href='unclosed",
            b"<",
            b"<a",
            b"<!--",
            b"<script>",
            "<a href=\"đ\" id=\"ỗ\">é<".as_bytes(),
            b"\0<a\0 href=\0>",
        ] {
            scan(html);
        }
        let page = scan(b"<a href=\"\xff/\">");
        assert_eq!(page.links, ["\u{fffd}/"]);
    }
}
