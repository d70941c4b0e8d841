//! Keys written twice in one mapping (`progress: 5` and, a line later, `progress: 6`). The YAML
//! reader refuses the whole text at the first one, which would hide every other error of the
//! file; this finds them all with the event parser, and gives the text without the later
//! ones, which the reader takes, so that one run reports the other errors too. Only run when
//! there is an error to explain.

use super::Seg;
use std::collections::HashSet;
use std::ops::Range;
use yaml_rust2::parser::{Event, Parser};

/// A key written again in its mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The path of the key (`goals[6].progress`).
    pub path: Vec<Seg>,
    /// The 1-based line and column of its second writing.
    pub pos: (usize, usize),
    /// The bytes of the text that hold that writing and its value.
    cut: Range<usize>,
}

/// The keys written again in their mapping, in the order of the text.
pub fn find(text: &str) -> Vec<Duplicate> {
    let mut lines = Lines::of(text);
    let mut parser = Parser::new_from_str(text);
    let mut w = Walk::default();
    for _ in 0..super::locate::MAX_EVENTS {
        let Ok((event, mark)) = parser.next_token() else {
            break;
        };
        let at = lines.offset(mark.line(), mark.col());
        match event {
            Event::StreamEnd => break,
            Event::Scalar(..)
            | Event::Alias(_)
            | Event::SequenceStart(..)
            | Event::MappingStart(..) => {
                w.node(&event, at, &lines, (mark.line(), mark.col()));
            }
            Event::SequenceEnd | Event::MappingEnd => w.end(at, &lines),
            _ => {}
        }
    }
    w.found
}

/// `text` without the later writings of `duplicates` (each with its value): what the reader
/// reads once they are reported.
pub fn without(text: &str, duplicates: &[Duplicate]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut cuts: Vec<&Range<usize>> = duplicates.iter().map(|d| &d.cut).collect();
    cuts.sort_by_key(|r| r.start);
    for cut in cuts {
        // A writing inside one already cut goes with it.
        if cut.start < copied || cut.end > text.len() {
            continue;
        }
        out.push_str(&text[copied..cut.start]);
        copied = cut.end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Where each line starts, to turn the parser's (line, character) marks into byte offsets.
/// Marks come in the order of the text, so a cursor moves forward from the last one: a long
/// line (a year file written as one line of JSON) is walked once, not once per mark.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The last mark turned: its line, character and byte.
    cursor: (usize, usize, usize),
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            text,
            starts,
            cursor: (1, 0, 0),
        }
    }

    /// The byte offset of 0-based character `col` of 1-based `line`, or the text's end.
    fn offset(&mut self, line: usize, col: usize) -> usize {
        let (at_line, at_col, at_byte) = self.cursor;
        let (from_col, from_byte) = if line == at_line && col >= at_col {
            (at_col, at_byte)
        } else {
            match self.starts.get(line.saturating_sub(1)) {
                Some(&start) => (0, start),
                None => return self.text.len(),
            }
        };
        let rest = &self.text[from_byte..];
        let ahead = col - from_col;
        let at = from_byte
            + rest
                .char_indices()
                .nth(ahead)
                .map_or(rest.len(), |(i, _)| i);
        self.cursor = (line, col, at);
        at
    }

    /// The start of the line of byte `at` when only spaces come before it on that line (a
    /// block mapping's key, whose whole lines can be cut), else `None`.
    fn starts_its_line(&self, at: usize) -> Option<usize> {
        let before = &self.text.as_bytes()[..at];
        let spaces = before.iter().rev().take_while(|b| **b == b' ').count();
        let start = at - spaces;
        (start == 0 || before[start - 1] == b'\n').then_some(start)
    }
}

/// One open mapping or sequence.
enum Frame {
    Map {
        key: Option<String>,
        expect_key: bool,
        seen: HashSet<String>,
        /// The start of a duplicate's cut, waiting for the next key or the mapping's end.
        open: Option<(usize, usize)>,
        is_key: bool,
    },
    Seq {
        index: usize,
        is_key: bool,
    },
}

#[derive(Default)]
struct Walk {
    stack: Vec<Frame>,
    found: Vec<Duplicate>,
}

impl Walk {
    fn node(&mut self, event: &Event, at: usize, lines: &Lines, mark: (usize, usize)) {
        if let Some(Frame::Map { expect_key, .. }) = self.stack.last() {
            if *expect_key {
                self.key(event, at, lines, mark);
                return;
            }
        }
        match event {
            Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                index: 0,
                is_key: false,
            }),
            Event::MappingStart(..) => self.stack.push(map(false)),
            _ => self.child_done(),
        }
    }

    /// A mapping's key: the end of an open cut, and a duplicate when it was seen before.
    fn key(&mut self, event: &Event, at: usize, lines: &Lines, (line, col): (usize, usize)) {
        self.close_cut(at, lines);
        let path = self.path();
        let Some(Frame::Map {
            key,
            expect_key,
            seen,
            open,
            ..
        }) = self.stack.last_mut()
        else {
            return;
        };
        *expect_key = false;
        *key = match event {
            Event::Scalar(s, ..) => Some(s.clone()),
            _ => None,
        };
        if let Some(k) = key.clone() {
            if !seen.insert(k.clone()) {
                let start = lines.starts_its_line(at).unwrap_or(at);
                *open = Some((self.found.len(), start));
                let mut path = path;
                path.push(Seg::Key(k));
                self.found.push(Duplicate {
                    path,
                    pos: (line, col + 1),
                    cut: start..start,
                });
            }
        }
        match event {
            // A complex key: walked over as a container no path can name.
            Event::SequenceStart(..) => self.stack.push(Frame::Seq {
                index: usize::MAX,
                is_key: true,
            }),
            Event::MappingStart(..) => self.stack.push(map(true)),
            _ => {}
        }
    }

    /// The cut of the top mapping's open duplicate ends where the next key (or the mapping's
    /// end) is: at the start of its line when it starts the line, else at it.
    fn close_cut(&mut self, at: usize, lines: &Lines) {
        if let Some(Frame::Map { open, .. }) = self.stack.last_mut() {
            if let Some((i, start)) = open.take() {
                let end = lines.starts_its_line(at).unwrap_or(at).max(start);
                if let Some(d) = self.found.get_mut(i) {
                    d.cut = start..end;
                }
            }
        }
    }

    fn end(&mut self, at: usize, lines: &Lines) {
        self.close_cut(at, lines);
        let was_key = match self.stack.pop() {
            Some(Frame::Map { is_key, .. } | Frame::Seq { is_key, .. }) => is_key,
            None => false,
        };
        if !was_key {
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

    /// The path of the top frame's entry being read, as `locate` names it.
    fn path(&self) -> Vec<Seg> {
        let mut path = Vec::with_capacity(self.stack.len());
        let below_top = self.stack.len().saturating_sub(1);
        for frame in &self.stack[..below_top] {
            match frame {
                Frame::Map { key: Some(k), .. } => path.push(Seg::Key(k.clone())),
                Frame::Map { key: None, .. } => path.push(Seg::Key(String::new())),
                Frame::Seq { index, .. } => path.push(Seg::Index(*index)),
            }
        }
        path
    }
}

fn map(is_key: bool) -> Frame {
    Frame::Map {
        key: None,
        expect_key: true,
        seen: HashSet::new(),
        open: None,
        is_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ypath;

    /// A duplicate's path and position.
    type Found = (Vec<Seg>, (usize, usize));

    fn kept(text: &str) -> (String, Vec<Found>) {
        let found = find(text);
        let at = found.iter().map(|d| (d.path.clone(), d.pos)).collect();
        (without(text, &found), at)
    }

    #[test]
    fn every_second_key_is_found_and_cut_with_its_value() {
        let text = "year: 2023\ngoals:\n  - id: G1\n    progress: 5\n    progress: |\n      six\n      lines\n    note: x\n  - {id: G2, title: a, title: b}\n  - id: G3\n    id: G4\nyear: 2024\n";
        let (rest, at) = kept(text);
        assert_eq!(
            at,
            [
                (ypath!["goals", 0usize, "progress"].to_vec(), (5, 5)),
                (ypath!["goals", 1usize, "title"].to_vec(), (9, 24)),
                (ypath!["goals", 2usize, "id"].to_vec(), (11, 5)),
                (ypath!["year"].to_vec(), (12, 1)),
            ]
        );
        assert_eq!(
            rest,
            "year: 2023\ngoals:\n  - id: G1\n    progress: 5\n    note: x\n  - {id: G2, title: a, }\n  - id: G3\n"
        );
        let read: serde_yaml::Value = serde_yaml::from_str(&rest).expect("the rest reads");
        assert_eq!(read["goals"][0]["progress"], serde_yaml::Value::from(5));
    }

    #[test]
    fn vietnamese_text_before_a_duplicate_is_cut_at_the_right_bytes() {
        let text = "title: {vi: \"Mục tiêu số\", vi: \"Bản khác\", en: \"Goal\"}\n";
        let (rest, at) = kept(text);
        assert_eq!(at, [(ypath!["title", "vi"].to_vec(), (1, 28))]);
        assert_eq!(rest, "title: {vi: \"Mục tiêu số\", en: \"Goal\"}\n");
    }

    #[test]
    fn a_text_without_duplicates_is_kept_as_it_is() {
        let text = "a: 1\nb: [1, 2]\nc: {d: 1}\n";
        assert!(find(text).is_empty());
        assert!(find("a: [1\n").is_empty());
        assert_eq!(without(text, &[]), text);
    }
}
