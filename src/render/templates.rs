//! Tera: the theme's templates compiled once, tiendo's filters and HTML escaping, the UI
//! strings the templates read, and a page rendered into an `OutputFile`.

use super::langs::LangData;
use super::renderer::Renderer;
pub(crate) use super::template_errors::tera_diag;
use super::views::PageCommon;
use super::{OutputFile, PageInfo};
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::HeadingIds;
use crate::theme::Theme;
use crate::urls;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Room for a typical page, so that rendering one seldom grows its buffer.
const PAGE_CAPACITY: usize = 16 * 1024;

/// Compiles the theme's templates, with tiendo's filters.
pub(crate) fn build_tera(theme: &Theme) -> Result<tera::Tera, Box<Diagnostic>> {
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(escape_html);
    tera.register_filter("loc", loc_filter);
    tera.add_raw_templates(theme.templates())
        .map_err(|e| Box::new(tera_diag(theme, "", &e)))?;
    Ok(tera)
}

/// The UI strings the templates read from `t` (`t.skip_link`, `t["nav_home"]` inside their
/// tags), each with the first template that reads it.
pub(crate) fn template_string_keys(theme: &Theme) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for (name, src) in theme.templates() {
        for tag in tera_tags(&src) {
            for key in string_keys(tag) {
                keys.entry(key.to_string()).or_insert_with(|| name.clone());
            }
        }
    }
    keys
}

/// The insides of the `{{ … }}` and `{% … %}` tags of a template.
fn tera_tags(src: &str) -> impl Iterator<Item = &str> {
    let mut rest = src;
    std::iter::from_fn(move || {
        let open = ["{{", "{%"]
            .iter()
            .filter_map(|o| {
                rest.find(o)
                    .map(|i| (i, if *o == "{{" { "}}" } else { "%}" }))
            })
            .min()?;
        let inner = &rest[open.0 + 2..];
        let end = inner.find(open.1).unwrap_or(inner.len());
        rest = &inner[end..];
        Some(&inner[..end])
    })
}

/// The keys read from `t` in the inside of one tag.
fn string_keys(tag: &str) -> impl Iterator<Item = &str> {
    let bytes = tag.as_bytes();
    let dotted = tag.match_indices("t.").filter_map(move |(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.') {
            return None;
        }
        let rest = &tag[i + 2..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        (len > 0).then(|| &rest[..len])
    });
    let indexed = tag.match_indices("t[\"").filter_map(move |(i, _)| {
        let rest = &tag[i + 3..];
        rest.find('"').map(|end| &rest[..end])
    });
    dotted.chain(indexed)
}

/// The UI strings a page's context gets as `t`: only those the templates name, since every
/// page would otherwise copy the whole table.
///
/// A string missing in this language shows the default language's text, with a warning: a
/// missing translation, as for any text. A string no language has is an error: the template
/// names a string that does not exist (a typo, or a key not added to the theme's i18n files),
/// and the page would show its key; it shows as its key until fixed.
pub(crate) fn template_strings(
    theme: &Theme,
    used: &BTreeMap<String, String>,
    (lang, strings): (&str, &BTreeMap<String, String>),
    (default, defaults): (&str, &BTreeMap<String, String>),
    diags: &mut Diagnostics,
) -> serde_json::Value {
    let mut subset = serde_json::Map::new();
    for (key, template) in used {
        let text = match (strings.get(key), defaults.get(key)) {
            (Some(t), _) => t.clone(),
            (None, Some(t)) => {
                diags.push(
                    Diagnostic::warning(
                        theme.source_of(&format!("i18n/{lang}.yaml")),
                        format!("missing translation: UI string `{key}` has no `{lang}` text; the `{default}` text is shown"),
                    )
                    .help(format!("add `{key}: \"…\"` to `themes/{}/i18n/{lang}.yaml`", theme.name)),
                );
                t.clone()
            }
            (None, None) => {
                diags.push(
                    Diagnostic::error(
                        theme.source_of(&format!("templates/{template}")),
                        format!("the templates use UI string `t.{key}`, which no i18n file defines"),
                    )
                    .help(format!("add `{key}: \"…\"` to each `themes/{}/i18n/<lang>.yaml`, or correct the name", theme.name)),
                );
                key.clone()
            }
        };
        subset.insert(key.clone(), serde_json::Value::String(text));
    }
    serde_json::Value::Object(subset)
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

/// Escapes text for HTML text and quoted attributes, and drops control characters. Unlike
/// Tera's default it leaves `/` alone, so URLs stay readable in the page source.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        // One look-up a byte: nearly every byte of nearly every string needs nothing.
        if !ESCAPED[usize::from(b)] {
            continue;
        }
        out.push_str(&s[last..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // Control characters are not allowed in HTML text: drop them.
            _ => "",
        });
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// The bytes `escape_html` replaces: `& < > " '`, and the control characters it drops (all
/// below 32 but tab, line feed and carriage return, and 127).
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 32 {
        table[b] = !matches!(b, 9 | 10 | 13);
        b += 1;
    }
    table[127] = true;
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

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
        let mut ctx = l.page_context.clone();
        ctx.insert("page", common);
        ctx.insert(name, value);
        // Into bytes, not a String: the page is written as bytes, and tera's `render` would
        // check the whole page as UTF-8 once more (its parts are strings already).
        let mut bytes = Vec::with_capacity(PAGE_CAPACITY);
        self.tera
            .render_to(template, &ctx, &mut bytes)
            .map_err(|e| vec![tera_diag(self.theme, template, &e)])?;
        Ok(OutputFile {
            path: urls::file_of(&common.path),
            bytes,
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
    use crate::model::{Bucket, TaskStatus};
    use std::path::Path;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_ui_string_missing_in_a_language_shows_the_default_text_and_says_so() {
        let theme = Theme::builtin();
        let used = map(&[
            ("both", "a.html"),
            ("only_vi", "a.html"),
            ("nowhere", "b.html"),
        ]);
        let vi = map(&[("both", "Cả hai"), ("only_vi", "Chỉ tiếng Việt")]);
        let en = map(&[("both", "Both")]);
        let mut diags = Diagnostics::new();
        let t = template_strings(&theme, &used, ("en", &en), ("vi", &vi), &mut diags);
        assert_eq!(t["both"], "Both");
        assert_eq!(t["only_vi"], "Chỉ tiếng Việt");
        assert_eq!(t["nowhere"], "nowhere");
        let all: Vec<&Diagnostic> = diags.iter().collect();
        assert_eq!(all.len(), 2, "{all:?}");
        // A missing translation is a warning; a string no language has is the theme's error.
        let warning = all.iter().find(|d| !d.is_error()).expect("a warning");
        assert!(
            warning.message.contains("`only_vi` has no `en` text"),
            "{warning:?}"
        );
        let error = all.iter().find(|d| d.is_error()).expect("an error");
        assert!(error.message.contains("`t.nowhere`"), "{error:?}");
        assert!(error.path.ends_with("b.html"), "{:?}", error.path);
    }

    #[test]
    fn template_keys_are_read_inside_tags_only() {
        let keys: Vec<&str> =
            string_keys(" t.nav_home ~ page.t.x ~ list.x ~ t[\"skip_link\"] ").collect();
        assert_eq!(keys, ["nav_home", "skip_link"]);
        let tags: Vec<&str> = tera_tags("<p>t.no {{ t.a }} t.no {% if t.b %}").collect();
        assert_eq!(tags, [" t.a ", " if t.b "]);
    }

    /// The UI strings the render code reads: `tr("key")`, the families it builds
    /// (`tr(&format!("bucket_{}", …))`), every literal that names a shipped key (keys chosen
    /// by a `match` or a table), and what `format.rs` reads directly.
    fn code_keys() -> BTreeSet<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root.join("format.rs")];
        for e in walkdir::WalkDir::new(root.join("render")).sort_by_file_name() {
            let e = e.expect("src/render is readable");
            if e.path().extension().is_some_and(|x| x == "rs") {
                files.push(e.path().to_path_buf());
            }
        }
        let shipped = shipped_keys();
        let mut keys = BTreeSet::new();
        for f in files {
            let bytes = crate::fs::read(&f).expect("a source file");
            let text = String::from_utf8(bytes).expect("UTF-8 source");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (i, _) in code.match_indices(".tr(") {
                let arg = code[i + 4..].trim_start();
                if let Some(key) = literal(arg) {
                    keys.insert(key.to_string());
                } else if let Some(family) = arg.strip_prefix("&format!(\"") {
                    let prefix = &family[..family.find('{').unwrap_or(0)];
                    keys.extend(family_keys(prefix));
                }
            }
            for (i, _) in code.match_indices('"') {
                if let Some(key) = literal(&code[i..]) {
                    if shipped.contains(key) {
                        keys.insert(key.to_string());
                    }
                }
            }
        }
        for direct in [
            "language_name",
            "number_decimal",
            "number_thousands",
            "date_format",
        ] {
            keys.insert(direct.to_string());
        }
        keys.extend((1..=12).map(|m| format!("month_{m}")));
        keys
    }

    /// `"key"` at the start of `s`, for a key of letters, digits and `_`.
    fn literal(s: &str) -> Option<&str> {
        let rest = s.strip_prefix('"')?;
        let end = rest.find('"')?;
        let key = &rest[..end];
        let ok = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then_some(key)
    }

    /// The keys of a family the code builds with `format!`.
    fn family_keys(prefix: &str) -> Vec<String> {
        let ends: Vec<&str> = match prefix {
            "bucket_" => Bucket::ALL.iter().map(|b| b.key()).collect(),
            "status_" => TaskStatus::ALL.iter().map(|s| s.key()).collect(),
            "type_" => vec!["article", "page", "goal", "task"],
            "download_" => vec![
                "data_json",
                "goals_csv",
                "tasks_csv",
                "goals_svg",
                "tasks_svg",
                "groups_svg",
                "summary_png",
            ],
            other => panic!("the code builds UI strings `{other}…`: list them in this test"),
        };
        ends.iter().map(|e| format!("{prefix}{e}")).collect()
    }

    /// The keys of each shipped i18n file, by file.
    fn shipped() -> Vec<(&'static str, BTreeMap<String, String>)> {
        crate::theme::DEFAULT_FILES
            .iter()
            .filter(|(p, _)| p.starts_with("i18n/"))
            .map(|(p, bytes)| {
                let text = std::str::from_utf8(bytes).expect("UTF-8");
                let strings = crate::yaml::parse(text, Path::new(p), 0).expect("valid YAML");
                (*p, strings)
            })
            .collect()
    }

    fn shipped_keys() -> BTreeSet<String> {
        shipped()
            .into_iter()
            .flat_map(|(_, m)| m.into_keys())
            .collect()
    }

    #[test]
    fn every_ui_string_used_is_in_every_shipped_i18n_file() {
        let mut needed: BTreeSet<String> = template_string_keys(&Theme::builtin())
            .into_keys()
            .collect();
        assert!(
            needed.contains("skip_link") && needed.len() > 50,
            "{needed:?}"
        );
        let code = code_keys();
        assert!(code.contains("chart_axis_rank") && code.contains("nav_home"));
        needed.extend(code);
        let files = shipped();
        assert_eq!(files.len(), 2);
        for (file, strings) in files {
            let missing: Vec<&String> = needed
                .iter()
                .filter(|k| !strings.contains_key(*k))
                .collect();
            assert!(
                missing.is_empty(),
                "themes/default/{file} lacks {missing:?}"
            );
        }
    }

    #[test]
    fn escape_drops_control_characters() {
        assert_eq!(
            escape_html("A\u{1}B\u{1b}[31mC<\"&'>\tD"),
            "AB[31mC&lt;&quot;&amp;&#39;&gt;\tD"
        );
    }

    #[test]
    fn escape_treats_every_ascii_byte_as_html_needs() {
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            let expected = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                b'\t' | b'\n' | b'\r' => s.as_str(),
                0..=31 | 127 => "",
                _ => s.as_str(),
            };
            assert_eq!(escape_html(&s), expected, "byte {b}");
        }
        assert_eq!(escape_html("Đổi số & ổn"), "Đổi số &amp; ổn");
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
