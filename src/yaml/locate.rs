//! Where a value or a key is written, by its path (`goals[3].group`): a second parse of the
//! text with `yaml-rust2`'s event parser, which keeps marks. Only run when there is an error to
//! place.

use super::Seg;
use yaml_rust2::parser::{Event, Parser};

/// The 1-based (line, column) of the value at `target` in `text`, if it can be found.
pub fn locate(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Value)
}

/// The 1-based (line, column) of the key of the entry at `target` (`goals[3].title` → where
/// `title:` is written).
pub fn locate_key(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Key(1))
}

/// Where the key of `target` is written for the second time in its mapping.
pub fn locate_duplicate_key(text: &str, target: &[Seg]) -> Option<(usize, usize)> {
    walk(text, target, Find::Key(2))
}

/// Whether the value at `target` is written as a bare YAML null (`null`, `Null`, `NULL`, `~`),
/// which serde reads into a text field as the word itself: `title: null` would otherwise publish
/// an article titled "null".
pub fn is_bare_null(text: &str, target: &[Seg]) -> bool {
    let Some((line, col)) = locate(text, target) else {
        return false;
    };
    let Some(l) = text.lines().nth(line.saturating_sub(1)) else {
        return false;
    };
    let rest: String = l.chars().skip(col.saturating_sub(1)).collect();
    let word = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']'))
        .next()
        .unwrap_or("");
    matches!(word, "null" | "Null" | "NULL" | "~")
}

#[derive(Clone, Copy)]
enum Find {
    Value,
    /// The n-th occurrence of the key.
    Key(usize),
}

/// Where the walk is: one frame per open mapping or sequence.
enum Frame {
    Map {
        /// The key of the entry being read.
        key: Option<String>,
        /// The next node is a key.
        expect_key: bool,
        /// This mapping is itself a key (`? {a: 1}`): when it ends, its value follows.
        is_key: bool,
    },
    Seq {
        index: usize,
        /// This sequence is itself a key (`? [a, b]`).
        is_key: bool,
    },
}

impl Frame {
    fn map(is_key: bool) -> Frame {
        Frame::Map {
            key: None,
            expect_key: true,
            is_key,
        }
    }

    fn is_key(&self) -> bool {
        match self {
            Frame::Map { is_key, .. } | Frame::Seq { is_key, .. } => *is_key,
        }
    }
}

struct Walker<'a> {
    target: &'a [Seg],
    find: Find,
    stack: Vec<Frame>,
    keys_seen: usize,
}

/// Guards against pathological input: the locator is only a nicety.
pub(super) const MAX_EVENTS: usize = 5_000_000;

fn walk(text: &str, target: &[Seg], find: Find) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(text);
    let mut w = Walker {
        target,
        find,
        stack: Vec::new(),
        keys_seen: 0,
    };
    for _ in 0..MAX_EVENTS {
        let (event, mark) = parser.next_token().ok()?;
        let pos = (mark.line(), mark.col().saturating_add(1));
        match event {
            Event::StreamEnd => return None,
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::MappingStart(..)
                if w.node(&event) =>
            {
                return Some(pos)
            }
            Event::SequenceEnd | Event::MappingEnd => w.end(),
            _ => {}
        }
    }
    None
}

impl Walker<'_> {
    /// Takes one node (a scalar, an alias, or the start of a container); true when it is what
    /// the walk looks for.
    fn node(&mut self, event: &Event) -> bool {
        if let Some(Frame::Map {
            key, expect_key, ..
        }) = self.stack.last_mut()
        {
            if *expect_key {
                *expect_key = false;
                *key = match event {
                    Event::Scalar(s, ..) => Some(s.clone()),
                    _ => None,
                };
                return self.key_node(event);
            }
        }
        if matches!(self.find, Find::Value) && self.at_target() {
            return true;
        }
        match event {
            Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                index: 0,
                is_key: false,
            }),
            Event::MappingStart(..) => self.stack.push(Frame::map(false)),
            _ => self.child_done(),
        }
        false
    }

    /// A mapping's key was just read.
    fn key_node(&mut self, event: &Event) -> bool {
        if let Find::Key(n) = self.find {
            if self.at_target() {
                self.keys_seen += 1;
                if self.keys_seen == n {
                    return true;
                }
            }
        }
        match event {
            // A complex key: walk over it as a container no path can name.
            Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                index: usize::MAX,
                is_key: true,
            }),
            Event::MappingStart(..) => self.stack.push(Frame::map(true)),
            _ => {}
        }
        false
    }

    /// A mapping or sequence ends. After one that was a key, its value comes: the entry is
    /// not done.
    fn end(&mut self) {
        if !self.stack.pop().is_some_and(|f| f.is_key()) {
            self.child_done();
        }
    }

    fn child_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { expect_key, .. }) => *expect_key = true,
            Some(Frame::Seq { index, .. }) => *index = index.saturating_add(1),
            None => {}
        }
    }

    /// Whether the walk is at the target. A key matches as written, or without the white space
    /// around it: ids (a `history`'s review ids) are read so.
    fn at_target(&self) -> bool {
        self.stack.len() == self.target.len()
            && self
                .stack
                .iter()
                .zip(self.target)
                .all(|(f, s)| match (f, s) {
                    (Frame::Map { key: Some(k), .. }, Seg::Key(t)) => k == t || k.trim() == t,
                    (Frame::Seq { index, .. }, Seg::Index(t)) => index == t,
                    _ => false,
                })
    }
}
