//! The HTML of rendered pages: every attribute of every tag.

/// One attribute of one tag, with the byte offset of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlAttr {
    /// Lower-case tag name.
    pub tag: String,
    /// Lower-case attribute name.
    pub name: String,
    /// The value, character references decoded.
    pub value: String,
}

/// Every attribute of every tag of `html` (outside comments, scripts and styles).
pub fn html_attrs(html: &str) -> Vec<HtmlAttr> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let find =
        |from: usize, pat: &str| html.get(from..).and_then(|s| s.find(pat)).map(|p| p + from);
    while let Some(lt) = find(i, "<") {
        i = lt + 1;
        if html[lt..].starts_with("<!--") {
            i = find(lt + 4, "-->").map(|p| p + 3).unwrap_or(b.len());
            continue;
        }
        if !b.get(lt + 1).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = lt + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let tag = html[lt + 1..j].to_ascii_lowercase();
        // Attributes until `>`.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let name_start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            if name.is_empty() {
                j += 1;
                continue;
            }
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                out.push(HtmlAttr {
                    tag: tag.clone(),
                    name,
                    value: String::new(),
                });
                continue;
            }
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let (value, end) = match b.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = html[j + 1..]
                        .find(q as char)
                        .map(|p| p + j + 1)
                        .unwrap_or(b.len());
                    (&html[j + 1..close], (close + 1).min(b.len()))
                }
                _ => {
                    let mut k = j;
                    while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                    (&html[j..k], k)
                }
            };
            out.push(HtmlAttr {
                tag: tag.clone(),
                name,
                value: decode_entities(value),
            });
            j = end;
        }
        i = j;
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = b[i..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map(|p| p + i)
                .unwrap_or(b.len());
        }
    }
    out
}

/// Decodes the character references tiendo's pages use (`&amp;`, `&#39;`, `&#x2F;`, …).
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                    .ok()
                    .and_then(char::from_u32),
                n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_outside_comments_and_scripts() {
        let html = r#"<a href="x/?a=1&amp;b=2#h">x</a><!-- <a href="no"> --><script>var s = "<a href='no'>";</script>
<IMG SRC=../img.png alt='a > b'><h2 id="ket-qua">K</h2><br/><input disabled>"#;
        let attrs = html_attrs(html);
        let v: Vec<(&str, &str, &str)> = attrs
            .iter()
            .map(|a| (a.tag.as_str(), a.name.as_str(), a.value.as_str()))
            .collect();
        assert!(v.contains(&("a", "href", "x/?a=1&b=2#h")));
        assert!(v.contains(&("img", "src", "../img.png")));
        assert!(v.contains(&("img", "alt", "a > b")));
        assert!(v.contains(&("h2", "id", "ket-qua")));
        assert!(v.contains(&("input", "disabled", "")));
        assert!(!v.iter().any(|x| x.2 == "no"), "{v:?}");
    }

    #[test]
    fn entities_decode() {
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x2F;&bogus;"),
            "a&b'c/&bogus;"
        );
    }
}
