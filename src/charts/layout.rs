//! Text and number helpers shared by the charts: XML escaping, coordinate formatting, a text
//! width estimate, line wrapping and axis ticks. All pure and deterministic.

/// Escapes text for XML character data and attribute values, and drops the characters that
/// XML 1.0 forbids (so no input can make the SVG unparseable). `]]>` becomes `]]&gt;`.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Formats a coordinate: at most two decimals, no trailing zeros, never `NaN`, `inf` or `-0`.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 100.0).round() / 100.0;
    let mut s = format!("{r:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// A finite, non-negative number, or 0.
pub(crate) fn finite_nonneg(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Estimated advance width of one character in em, for a generic sans-serif face (close to
/// Noto Sans, Segoe UI, Roboto and DejaVu Sans, erring wide). SVG has no text measurement at
/// build time, so wrapping relies on this; it only has to keep lines inside the chart.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'l' | 'j' | '!' | '|' | '.' | ',' | ':' | ';' | '\'' | 'í' | 'ì' | 'ỉ' | 'ĩ'
        | 'ị' => 0.3,
        'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '/' | '-' => 0.38,
        'm' | 'w' => 0.88,
        'M' | 'W' => 0.95,
        '%' => 0.85,
        '—' | '…' => 1.0,
        '0'..='9' => 0.58,
        c if (c as u32) >= 0x2E80 => 1.0,
        c if c.is_uppercase() => 0.7,
        _ => 0.58,
    }
}

/// Estimated width of `text` in px at `size` px (bold is about 6 % wider).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * size * if bold { 1.06 } else { 1.0 }
}

/// Text broken into lines that fit `max_width`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wrapped {
    /// The lines to draw.
    pub lines: Vec<String>,
    /// Whether text was cut (the last line then ends with `…`): the caller adds the full
    /// text as a `<title>` tooltip.
    pub truncated: bool,
}

/// Greedy word wrap into at most `max_lines` lines; words longer than a line are broken; what
/// does not fit ends with `…`. Whitespace runs (newlines included) count as one space.
pub(crate) fn wrap(text: &str, size: f64, bold: bool, max_width: f64, max_lines: usize) -> Wrapped {
    let max_width = max_width.max(size * 2.0);
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let fits = |s: &str| text_width(s, size, bold) <= max_width;
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if fits(&candidate) {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if fits(word) {
            cur = word.to_string();
            continue;
        }
        // A word longer than a line: break it by characters.
        for c in word.chars() {
            let mut next = cur.clone();
            next.push(c);
            if !cur.is_empty() && !fits(&next) {
                lines.push(std::mem::take(&mut cur));
                cur.push(c);
            } else {
                cur = next;
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let mut truncated = false;
    if lines.len() > max_lines {
        truncated = true;
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            let mut chars: Vec<char> = last.chars().collect();
            loop {
                let s: String = chars.iter().collect::<String>();
                let candidate = format!("{}…", s.trim_end());
                if fits(&candidate) || chars.is_empty() {
                    *last = candidate;
                    break;
                }
                chars.pop();
            }
        }
    }
    Wrapped { lines, truncated }
}

/// Axis ticks from `lo` to `hi` at a "nice" step (1, 2, 2.5 or 5 × 10ⁿ), about `target` of them.
/// Returns the tick values and whether they can be labelled as plain integers (whole steps and
/// fewer than five digits, which both languages write the same way: `2020`, `63`, `100`).
pub(crate) fn ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, bool) {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return (Vec::new(), false);
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    if !(step.is_finite() && step > 0.0) {
        return (Vec::new(), false);
    }
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    let out: Vec<f64> = (first..=last).take(50).map(|i| i as f64 * step).collect();
    let integral = step >= 1.0 && out.iter().all(|t| t.fract() == 0.0 && t.abs() < 10_000.0);
    (out, integral)
}

/// Like [`wrap`], but when the text takes several lines, makes them about equally long (for
/// titles: no single word left alone on the last line).
pub(crate) fn wrap_balanced(
    text: &str,
    size: f64,
    bold: bool,
    max_width: f64,
    max_lines: usize,
) -> Wrapped {
    let first = wrap(text, size, bold, max_width, max_lines);
    let n = first.lines.len();
    if n < 2 || first.truncated {
        return first;
    }
    // The narrowest width that still needs no more lines (bisection; about 1 px precision).
    let (mut lo, mut hi) = (max_width / n as f64, max_width);
    for _ in 0..10 {
        let mid = (lo + hi) / 2.0;
        let w = wrap(text, size, bold, mid, max_lines);
        if w.truncated || w.lines.len() > n {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    wrap(text, size, bold, hi, max_lines)
}

/// An XML id / CSS class fragment from arbitrary text: ASCII letters, digits, `-` and `_`.
pub(crate) fn ident(s: &str, fallback: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if out.is_empty() {
        fallback.to_string()
    } else if out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out
    } else {
        format!("c-{out}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_xml_cares_about() {
        assert_eq!(
            esc("<script>&\"']]>\u{0}\u{8}x"),
            "&lt;script&gt;&amp;&quot;&apos;]]&gt;x"
        );
    }

    #[test]
    fn numbers_are_short_and_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.256), "1.26");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(12.5), "12.5");
    }

    #[test]
    fn wraps_and_truncates() {
        let w = wrap("Hoàn thành, vượt kế hoạch", 14.0, false, 400.0, 3);
        assert_eq!(w.lines, vec!["Hoàn thành, vượt kế hoạch"]);
        assert!(!w.truncated);
        let long = "Chuyển đổi số ".repeat(40);
        let w = wrap(&long, 14.0, false, 200.0, 2);
        assert_eq!(w.lines.len(), 2);
        assert!(w.truncated);
        assert!(w.lines[1].ends_with('…'));
        for l in &w.lines {
            assert!(text_width(l, 14.0, false) <= 200.0, "{l}");
        }
        let w = wrap(&"x".repeat(500), 14.0, false, 100.0, 100);
        assert!(w.lines.iter().all(|l| text_width(l, 14.0, false) <= 100.0));
        assert_eq!(w.lines.concat(), "x".repeat(500));
        assert!(wrap("   ", 14.0, false, 100.0, 2).lines.is_empty());
        let t = "Mục tiêu năm 2023 theo mức độ hoàn thành";
        let greedy = wrap(t, 16.0, true, 336.0, 3);
        let balanced = wrap_balanced(t, 16.0, true, 336.0, 3);
        assert_eq!(greedy.lines.len(), balanced.lines.len());
        assert_eq!(balanced.lines.join(" "), t);
        let spread = |w: &Wrapped| {
            let l: Vec<f64> = w.lines.iter().map(|l| text_width(l, 16.0, true)).collect();
            l.iter().cloned().fold(0.0, f64::max) - l.iter().cloned().fold(f64::MAX, f64::min)
        };
        assert!(spread(&balanced) <= spread(&greedy));
    }

    #[test]
    fn nice_ticks() {
        assert_eq!(ticks(0.0, 30.0, 4), (vec![0.0, 10.0, 20.0, 30.0], true));
        assert_eq!(
            ticks(0.0, 100.0, 4),
            (vec![0.0, 25.0, 50.0, 75.0, 100.0], true)
        );
        assert_eq!(ticks(0.0, 75.0, 4).0, vec![0.0, 20.0, 40.0, 60.0]);
        let (t, int) = ticks(1.0, 63.0, 4);
        assert_eq!(t, vec![20.0, 40.0, 60.0]);
        assert!(int);
        let (t, int) = ticks(0.0, 1.0, 4);
        assert!(!int && !t.is_empty());
        assert!(ticks(5.0, 5.0, 4).0.is_empty());
        assert!(ticks(f64::NAN, 5.0, 4).0.is_empty());
        assert!(!ticks(0.0, 50_000.0, 4).1);
    }

    #[test]
    fn idents() {
        assert_eq!(ident("goals-2023", "x"), "goals-2023");
        assert_eq!(ident("2023 vi", "x"), "c-2023-vi");
        assert_eq!(ident("", "x"), "x");
        assert_eq!(ident("Đạt", "x"), "c---t");
    }
}
