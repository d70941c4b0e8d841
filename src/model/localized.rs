//! `Localized`: a text in one or more languages, with the fallback the pages show.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A human-readable text in one or more languages. A plain string counts as the default
/// language only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized {
    plain: Option<String>,
    map: Vec<(String, String)>,
}

impl Localized {
    /// A text in the default language only.
    pub fn plain(text: impl Into<String>) -> Self {
        Localized {
            plain: Some(text.into()),
            map: Vec::new(),
        }
    }

    /// A text per language.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Localized {
            plain: None,
            map: pairs,
        }
    }

    /// The text written for `lang` itself, if any.
    pub fn exact(&self, lang: &str, default_lang: &str) -> Option<&str> {
        if let Some((_, t)) = self.map.iter().find(|(l, _)| l == lang) {
            return Some(t);
        }
        match &self.plain {
            Some(t) if lang == default_lang => Some(t),
            _ => None,
        }
    }

    /// The text for `lang`, falling back to the default language, then to any language. The
    /// second value is the language of a fallback text, `None` when the text is in `lang`.
    pub fn resolve<'a>(&'a self, lang: &str, default_lang: &'a str) -> (&'a str, Option<&'a str>) {
        if let Some(t) = self.exact(lang, default_lang) {
            return (t, None);
        }
        if let Some(t) = self.exact(default_lang, default_lang) {
            return (t, Some(default_lang));
        }
        match self.map.first() {
            Some((l, t)) => (t, Some(l)),
            None => ("", None),
        }
    }

    /// The same text with `f` applied to each language's text.
    pub fn map_texts(self, f: impl Fn(String) -> String) -> Localized {
        Localized {
            plain: self.plain.map(&f),
            map: self.map.into_iter().map(|(l, t)| (l, f(t))).collect(),
        }
    }

    /// Each text as written, with its language (`None` for a plain string).
    pub fn written(&self) -> impl Iterator<Item = (Option<&str>, &str)> {
        let plain = self.plain.iter().map(|t| (None, t.as_str()));
        plain.chain(self.map.iter().map(|(l, t)| (Some(l.as_str()), t.as_str())))
    }

    /// The language codes of a map form (empty for a plain string).
    pub fn map_langs(&self) -> impl Iterator<Item = &str> {
        self.map.iter().map(|(l, _)| l.as_str())
    }
}

impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Localized;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a localised text (a string, or a map of language codes to strings)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized, E> {
                Ok(Localized::plain(v))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Localized, E> {
                Ok(Localized::plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Localized, A::Error> {
                let mut pairs: Vec<(String, String)> = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    if pairs.iter().any(|(l, _)| *l == k) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate entry with key `{k}`"
                        )));
                    }
                    pairs.push((k, v));
                }
                Ok(Localized::from_pairs(pairs))
            }
        }
        d.deserialize_any(V)
    }
}
