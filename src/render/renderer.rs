//! The renderer: the site, the theme and what every job reads, set up once per render.

use super::langs::{self, LangData};
use super::records::{self, Agency, GoalTrack, TaskTrack};
use super::views::LText;
use super::Prepared;
use crate::charts::{self, Bar};
use crate::diag::Diagnostics;
use crate::export;
use crate::markdown::HeadingIds;
use crate::model::{Doc, Localized, Site};
use crate::theme::Theme;
use crate::urls::{self, Target};
use std::collections::{BTreeMap, HashMap};

/// What the jobs of one render share.
pub(crate) struct Renderer<'a> {
    /// Theme assets by their plain path (`assets/style.css`) → fingerprinted path.
    pub assets: BTreeMap<String, String>,
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub tera: &'a tera::Tera,
    /// Per template, the ids its pages use before any Markdown.
    pub template_ids: &'a BTreeMap<String, HeadingIds>,
    pub langs: Vec<LangData<'a>>,
    /// Each year's summary object, as `data.json` has it (the `figure` shortcode reads it).
    pub summaries: HashMap<i32, serde_json::Value>,
    pub agencies: Vec<Agency<'a>>,
    pub goals: Vec<GoalTrack<'a>>,
    pub tasks: Vec<TaskTrack<'a>>,
    /// (stem, language) → the article, for language switches.
    pub news_by_stem: HashMap<(&'a str, &'a str), &'a Doc>,
    /// Draws a year's summary card as PNG: `charts::og_png` (a test puts a failing one here).
    pub paint_card: PaintCard,
    /// The printed reports' look, from the theme (`None`: its style file is wrong, no PDFs).
    pub report_style: Option<crate::report::Style>,
}

/// Draws a summary card: (headline, subline, bars, maximum, footer) → PNG, or why not.
pub(crate) type PaintCard = fn(&str, &str, &[Bar], f64, &str) -> Result<Vec<u8>, String>;

impl<'a> Renderer<'a> {
    /// Sets up a render; problems with the theme's UI strings go to `diags`.
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        prepared: &'a Prepared,
        diags: &mut Diagnostics,
    ) -> Self {
        let langs = langs::languages(site, theme, &prepared.used, diags);
        Renderer {
            news_by_stem: site
                .news
                .iter()
                .map(|d| ((d.stem.as_str(), d.lang.as_str()), d))
                .collect(),
            agencies: records::agencies(&site.years, site.config.default_lang()),
            goals: records::goal_tracks(&site.years),
            tasks: records::task_tracks(&site.years),
            assets: theme
                .static_files()
                .map(|(dest, bytes)| (dest.to_string(), fingerprint(dest, bytes)))
                .collect(),
            summaries: site
                .years
                .iter()
                .map(|y| (y.year, export::summary_value(site, y)))
                .collect(),
            site,
            theme,
            tera: &prepared.tera,
            template_ids: &prepared.ids,
            paint_card: charts::og_png,
            report_style: super::pages::report_style(theme, diags),
            langs,
        }
    }

    pub fn default_lang(&self) -> &str {
        self.site.config.default_lang()
    }

    /// The output path of `t` in `lang`.
    pub fn path(&self, lang: &str, t: Target) -> String {
        urls::path(&self.site.config, lang, t)
    }

    /// A localised text in `lang`, marked with its language where it is a fallback.
    pub fn lt(&self, l: &Localized, lang: &str) -> LText {
        let (text, fallback) = l.resolve(lang, self.default_lang());
        LText {
            text: text.to_string(),
            lang: fallback.map(str::to_string),
        }
    }

    /// The output path of a theme asset, fingerprinted for CSS and JavaScript.
    pub fn asset_path(&self, dest: &str) -> String {
        self.assets
            .get(dest)
            .cloned()
            .unwrap_or_else(|| dest.to_string())
    }
}

/// `assets/style.css` → `assets/style.<hash>.css` for CSS and JavaScript, so browsers never
/// keep a stale copy; other files keep their names.
fn fingerprint(dest: &str, bytes: &[u8]) -> String {
    let Some((stem, ext)) = dest.rsplit_once('.') else {
        return dest.to_string();
    };
    if ext != "css" && ext != "js" {
        return dest.to_string();
    }
    // FNV-1a, 64 bits: stable across platforms and versions, enough to tell versions apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{stem}.{:010x}.{ext}", h >> 24)
}
