//! Machine-readable companions of the pages: Atom feeds per language and `robots.txt` (the
//! sitemap is `sitemap.rs`). Pure: strings in, bytes out.

/// Articles in a feed: the latest ones.
pub const FEED_LENGTH: usize = 20;

/// Escapes text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One entry of a feed.
pub struct FeedEntry {
    /// Title.
    pub title: String,
    /// Absolute (or, without `base_url`, root-relative) URL.
    pub url: String,
    /// RFC 3339 publication time.
    pub published: String,
    /// Summary, plain text.
    pub summary: Option<String>,
    /// Body, HTML with absolute links; `None` for a summary-only feed.
    pub content_html: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// A feed.
pub struct Feed {
    /// Language code.
    pub lang: String,
    /// Feed title (the site's name).
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// URL of the feed itself.
    pub self_url: String,
    /// URL of the language's home page.
    pub home_url: String,
    /// Author of the feed (the organisation).
    pub author: String,
    /// Entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// Renders an Atom 1.0 feed. `updated` is the newest entry's time (never the clock), so the
/// same content gives the same bytes.
pub fn atom(feed: &Feed) -> Vec<u8> {
    let e = xml_escape;
    let updated = feed
        .entries
        .first()
        .map(|x| x.published.clone())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        e(&feed.lang)
    ));
    out.push_str(&format!("  <title>{}</title>\n", e(&feed.title)));
    if let Some(s) = &feed.subtitle {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", e(s)));
    }
    out.push_str(&format!("  <id>{}</id>\n", e(&feed.self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        e(&feed.self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        e(&feed.home_url)
    ));
    out.push_str(&format!("  <updated>{}</updated>\n", e(&updated)));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        e(&feed.author)
    ));
    out.push_str("  <generator>tiendo</generator>\n");
    for x in &feed.entries {
        push_entry(&mut out, x);
    }
    out.push_str("</feed>\n");
    out.into_bytes()
}

/// Appends one `<entry>` of a feed.
fn push_entry(out: &mut String, x: &FeedEntry) {
    let e = xml_escape;
    out.push_str("  <entry>\n");
    out.push_str(&format!("    <title>{}</title>\n", e(&x.title)));
    out.push_str(&format!("    <id>{}</id>\n", e(&x.url)));
    out.push_str(&format!(
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        e(&x.url)
    ));
    out.push_str(&format!("    <published>{}</published>\n", e(&x.published)));
    out.push_str(&format!("    <updated>{}</updated>\n", e(&x.published)));
    if let Some(a) = &x.author {
        out.push_str(&format!("    <author><name>{}</name></author>\n", e(a)));
    }
    for t in &x.tags {
        out.push_str(&format!("    <category term=\"{}\"/>\n", e(t)));
    }
    if let Some(s) = &x.summary {
        out.push_str(&format!("    <summary>{}</summary>\n", e(s)));
    }
    if let Some(c) = &x.content_html {
        out.push_str(&format!("    <content type=\"html\">{}</content>\n", e(c)));
    }
    out.push_str("  </entry>\n");
}

/// Renders `robots.txt`, pointing at the sitemap where there is one.
pub fn robots(base_url: &str) -> Vec<u8> {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if !base_url.is_empty() {
        s.push_str(&format!("Sitemap: {base_url}sitemap.xml\n"));
    }
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(
            xml_escape("a<b>&\"c\"]]>\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&quot;]]&gt;"
        );
    }

    #[test]
    fn feed_updated_comes_from_content() {
        let f = Feed {
            lang: "vi".into(),
            title: "T".into(),
            subtitle: None,
            self_url: "https://x/atom.xml".into(),
            home_url: "https://x/".into(),
            author: "A".into(),
            entries: vec![FeedEntry {
                title: "<b>".into(),
                url: "https://x/tin-tuc/a/".into(),
                published: "2023-12-19T00:00:00Z".into(),
                summary: None,
                content_html: Some("<p>x</p>".into()),
                author: None,
                tags: vec![],
            }],
        };
        let s = String::from_utf8(atom(&f)).unwrap();
        assert!(s.contains("<updated>2023-12-19T00:00:00Z</updated>"));
        assert!(s.contains("<title>&lt;b&gt;</title>"));
        assert!(s.contains("&lt;p&gt;x&lt;/p&gt;"));
    }
}
