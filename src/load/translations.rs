//! Localised texts: every language a text names must be a site language (an error), and every
//! site language should have a text (a warning, gathered into one per file).

use super::Locator;
use crate::diag::{did_you_mean, Diagnostics};
use crate::model::Localized;
use crate::yaml::Seg;

/// The site's languages, the default first.
#[derive(Clone, Copy)]
pub struct Languages<'a> {
    /// All of them.
    pub all: &'a [String],
    /// The default one.
    pub default: &'a str,
}

/// Checks a localised text: each language it names must be a site language. Returns how many
/// site languages lack a text.
pub fn check_localized(
    loc: &dyn Locator,
    langs: Languages<'_>,
    value: &Localized,
    at: &[Seg],
    what: &str,
    diags: &mut Diagnostics,
) -> usize {
    for l in value.map_langs() {
        if !langs.all.iter().any(|x| x == l) {
            let mut key = at.to_vec();
            key.push(Seg::Key(l.to_string()));
            diags.push(
                loc.error_at_key(
                    &key,
                    format!("{what} has a text for `{l}`, which is not a site language"),
                )
                .help(unknown_language_hint(l, langs.all)),
            );
        }
    }
    langs
        .all
        .iter()
        .filter(|l| value.exact(l, langs.default).is_none())
        .count()
}

fn unknown_language_hint(lang: &str, languages: &[String]) -> String {
    match did_you_mean(lang, languages.iter().map(String::as_str)) {
        Some(s) => format!(
            "did you mean `{s}`? The site's languages are: {}",
            languages.join(", ")
        ),
        None => format!(
            "the site's languages are: {} (set in `site.yaml`)",
            languages.join(", ")
        ),
    }
}

/// Gathers the missing translations of one file into a single warning.
pub struct MissingTranslations<'a> {
    loc: &'a dyn Locator,
    langs: Languages<'a>,
    count: usize,
    first: Option<(Vec<Seg>, String)>,
}

impl<'a> MissingTranslations<'a> {
    /// Nothing missing yet, in the file of `loc`.
    pub fn new(loc: &'a dyn Locator, langs: Languages<'a>) -> Self {
        MissingTranslations {
            loc,
            langs,
            count: 0,
            first: None,
        }
    }

    /// Checks `value` (see [`check_localized`]) and remembers the first field that lacks a
    /// language.
    pub fn check(&mut self, value: &Localized, at: &[Seg], what: String, diags: &mut Diagnostics) {
        let missing = check_localized(self.loc, self.langs, value, at, &what, diags);
        if missing > 0 {
            self.count += 1;
            if self.first.is_none() {
                self.first = Some((at.to_vec(), what));
            }
        }
    }

    /// What to write: YAML's `{vi: "…", en: "…"}`, or a workbook's column per language.
    fn hint(&self, at: &[Seg]) -> String {
        let until = "until then the page shows the default-language text, marked with its `lang`";
        if !self.loc.is_workbook() {
            let each: Vec<String> = self
                .langs
                .all
                .iter()
                .map(|l| format!("{l}: \"…\""))
                .collect();
            return format!("write the text as `{{{}}}`; {until}", each.join(", "));
        }
        let field = match at.last() {
            Some(Seg::Key(k)) => k.as_str(),
            _ => "title",
        };
        let columns: Vec<String> = self
            .langs
            .all
            .iter()
            .map(|l| format!("`{field}.{l}`"))
            .collect();
        format!(
            "fill in its column for each language ({}); {until}",
            columns.join(", ")
        )
    }

    /// Emits the warning, if anything was missing.
    pub fn finish(self, diags: &mut Diagnostics) {
        let Some((at, what)) = self.first.clone() else {
            return;
        };
        let others = if self.count > 1 {
            format!(" and {} more", self.count - 1)
        } else {
            String::new()
        };
        diags.push(
            self.loc
                .warning(
                    &at,
                    format!(
                        "missing translation: {what}{others} not written in every language ({})",
                        self.langs.all.join(", ")
                    ),
                )
                .help(self.hint(&at)),
        );
    }
}
