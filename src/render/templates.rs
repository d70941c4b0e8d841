//! Tera: the theme's templates compiled once, tiendo's filters and HTML escaping, the UI
//! strings the templates read, and a page rendered into an `OutputFile`.

use super::langs::LangData;
use super::renderer::Renderer;
use super::views::PageCommon;
use super::{OutputFile, PageInfo};
use crate::diag::Diagnostic;
use crate::markdown::HeadingIds;
use crate::theme::Theme;
use crate::urls;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Compiles the theme's templates, with tiendo's filters.
pub(crate) fn build_tera(theme: &Theme) -> Result<tera::Tera, Box<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_filter("loc", loc_filter);
    tera.add_raw_templates(theme.templates())
        .map_err(|e| Box::new(tera_diag(theme, "", &e)))?;
    Ok(tera)
}

/// The keys the templates read from `t` (`t.skip_link`, `t["nav_home"]`).
pub(crate) fn template_string_keys(theme: &Theme) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for (_, src) in theme.templates() {
        let bytes = src.as_bytes();
        for (i, _) in src.match_indices("t.") {
            if i > 0
                && (bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b'.')
            {
                continue;
            }
            let key: String = src[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            keys.insert(key);
        }
        for (i, _) in src.match_indices("t[\"") {
            let key: String = src[i + 3..].chars().take_while(|c| *c != '"').collect();
            keys.insert(key);
        }
    }
    keys
}

/// For each template, the ids its pages already use: those written in it and in the templates
/// it extends, includes or imports (`<main id="main">` of `base.html`). A Markdown heading
/// on such a page never takes one of them.
pub(crate) fn template_ids(theme: &Theme) -> BTreeMap<String, HeadingIds> {
    let templates: BTreeMap<String, String> = theme.templates().into_iter().collect();
    templates
        .keys()
        .map(|name| {
            let mut ids = HeadingIds::new();
            let mut seen = BTreeSet::new();
            let mut todo = vec![name.as_str()];
            while let Some(n) = todo.pop() {
                if !seen.insert(n) {
                    continue;
                }
                if let Some(src) = templates.get(n) {
                    ids.reserve_in_html(src);
                    todo.extend(referenced_templates(src));
                }
            }
            (name.clone(), ids)
        })
        .collect()
}

/// The templates `src` names in `extends`, `include` and `import` tags.
fn referenced_templates(src: &str) -> impl Iterator<Item = &str> {
    ["extends", "include", "import"]
        .into_iter()
        .flat_map(move |tag| {
            src.match_indices(tag).filter_map(move |(i, _)| {
                let rest = src[i + tag.len()..].trim_start();
                let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
                let name = &rest[1..];
                name.find(quote).map(|end| &name[..end])
            })
        })
}

/// The UI strings a page's context gets as `t`: only those the templates name, since every
/// page would otherwise copy the whole table.
pub(crate) fn template_strings(
    strings: &BTreeMap<String, String>,
    used: &BTreeSet<String>,
) -> serde_json::Value {
    let subset: serde_json::Map<String, serde_json::Value> = strings
        .iter()
        .filter(|(k, _)| used.contains(k.as_str()))
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::Value::Object(subset)
}

/// A Tera error as a diagnostic on the template (or the theme's templates folder), with the
/// whole chain of causes: Tera puts the useful one a level down.
pub(crate) fn tera_diag(theme: &Theme, template: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    let path = if template.is_empty() {
        format!("themes/{}/templates", theme.name)
    } else {
        theme.source_of(&format!("templates/{template}"))
    };
    Diagnostic::error(path, format!("template error: {msg}")).help("fix the template; the built-in templates in the tiendo repository show the available variables")
}

/// Escapes text for HTML text and quoted attributes, and drops control characters. Unlike
/// Tera's default it leaves `/` alone, so URLs stay readable in the page source.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // Control characters are not allowed in HTML text: drop them.
            0..=8 | 11 | 12 | 14..=31 | 127 => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// `{{ x | loc | safe }}`: an `LText` as escaped HTML, in a `<span lang>` when it is a fallback.
fn loc_filter(value: &tera::Value, _: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let (text, lang) = match value {
        tera::Value::String(s) => (s.as_str(), None),
        tera::Value::Object(m) => (
            m.get("text").and_then(|v| v.as_str()).unwrap_or(""),
            m.get("lang").and_then(|v| v.as_str()),
        ),
        tera::Value::Null => ("", None),
        _ => return Err(tera::Error::msg("`loc` expects a text")),
    };
    let esc = escape_html(text);
    Ok(tera::Value::String(match lang {
        Some(l) => format!("<span lang=\"{}\">{esc}</span>", escape_html(l)),
        None => esc,
    }))
}

impl Renderer<'_> {
    /// The ids a page of `template` uses before its Markdown is added.
    pub(crate) fn heading_ids(&self, template: &str) -> HeadingIds {
        self.template_ids.get(template).cloned().unwrap_or_default()
    }

    /// Renders `template` with the common page data and `extra` (name, value) pairs.
    pub(crate) fn page<T: Serialize + ?Sized>(
        &self,
        template: &str,
        common: &PageCommon,
        l: &LangData,
        (name, value): (&str, &T),
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let mut ctx = tera::Context::new();
        ctx.insert("page", common);
        ctx.insert("t", &l.template_strings);
        ctx.insert(name, value);
        let html = self
            .tera
            .render(template, &ctx)
            .map_err(|e| vec![tera_diag(self.theme, template, &e)])?;
        Ok(OutputFile {
            path: urls::file_of(&common.path),
            bytes: html.into_bytes(),
            page: Some(PageInfo {
                path: common.path.clone(),
                kind: common.kind,
                translations: common.translations.clone(),
                lastmod: common.lastmod.clone(),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_control_characters() {
        assert_eq!(
            escape_html("A\u{1}B\u{1b}[31mC<\"&'>\tD"),
            "AB[31mC&lt;&quot;&amp;&#39;&gt;\tD"
        );
    }

    #[test]
    fn loc_marks_fallback_language() {
        let v = serde_json::json!({"text": "Chính quyền <số>", "lang": "vi"});
        let out = loc_filter(&v, &HashMap::new()).unwrap();
        assert_eq!(
            out.as_str().unwrap(),
            "<span lang=\"vi\">Chính quyền &lt;số&gt;</span>"
        );
        let v = serde_json::json!({"text": "Digital", "lang": null});
        assert_eq!(
            loc_filter(&v, &HashMap::new()).unwrap().as_str().unwrap(),
            "Digital"
        );
    }
}
