//! The rules of a year's texts beyond their languages: a title or a name is not blank, and no
//! text holds a shortcode, which is expanded only in the body of an article or a page; a year's
//! summary or a goal's note would otherwise publish `{{ figure(…) }}` braces and all.

use super::Checker;
use crate::model::Localized;
use crate::yaml::Seg;

impl Checker<'_> {
    /// The rules of one text, `what` (`the title of goal `G01``) at `at`: no shortcode in it, and
    /// when `required`, none of its languages blank.
    pub(super) fn text_rules(&mut self, value: &Localized, at: &[Seg], what: &str, required: bool) {
        for (lang, text) in value.written() {
            let place = in_language(at, lang);
            if let Some(call) = crate::markdown::shortcode_in(text) {
                let d = self
                    .loc
                    .error(
                        &place,
                        format!("{what} holds the shortcode `{call}`, which is not expanded here"),
                    )
                    .help("shortcodes work in the body of an article or a page; here, write the text itself");
                self.diags.push(d);
            }
            if required && text.trim().is_empty() {
                self.diags.push(blank(self, &place, what, lang, value));
            }
        }
    }
}

/// The path of `at`'s text in `lang`: `goals[3].title.en`, or `goals[3].title` for a plain text.
fn in_language(at: &[Seg], lang: Option<&str>) -> Vec<Seg> {
    let mut place = at.to_vec();
    if let Some(l) = lang {
        place.push(Seg::Key(l.to_string()));
    }
    place
}

fn blank(
    c: &Checker<'_>,
    place: &[Seg],
    what: &str,
    lang: Option<&str>,
    value: &Localized,
) -> crate::diag::Diagnostic {
    let filled = value
        .written()
        .find(|(l, t)| *l != lang && !t.trim().is_empty());
    let d = match lang {
        Some(l) => c.loc.error(place, format!("{what} is empty in `{l}`")),
        None => c.loc.error(place, format!("{what} is empty")),
    };
    match (lang, filled) {
        (Some(l), Some((Some(other), _))) => d.help(format!(
            "write it, or remove `{l}:` to show the `{other}` text there"
        )),
        _ => d.help("write it: the pages, the feeds and the report name the item by it"),
    }
}
