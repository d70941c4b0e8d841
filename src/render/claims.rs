//! Every path a full render writes, claimed before anything is rendered (`urls::Owners`): a
//! page, a feed or a data file of each job, the search index's folder, the theme's and the
//! site's static files. Two claims on one path are an error that names both, so no file of
//! the site ever overwrites another. The files whose names only rendering knows (charts, the
//! index's shards, the sitemap's parts) are claimed as they come (`site_files.rs`).
//!
//! Decided merges, which are no collision: tags whose texts make one slug (`Chuyển đổi số`,
//! `chuyển đổi số`) are one tag, shown as first written in the newest article; agencies
//! (`owner:`) likewise, by their default-language name, shown as written in the latest year.
//! Goal and task ids are not merged: `G01` and `g01` (or `G 01` and `G-01`) would share one
//! record page, so they are an error, whether in one year or in two. A review's page and its
//! data files are its year file's.

use super::jobs::{Job, What};
use super::renderer::Renderer;
use crate::model::Year;
use crate::urls::{Owner, Owners, Target};
use std::collections::HashSet;

/// The fix for a language whose code is a section of the site.
const LANGUAGE_FIX: &str = "a language's pages live under `/<code>/`: choose a code that no section of the site uses (`nam`, `the`, `tin-tuc`, …), or rename what takes it";
/// The fix for a document whose page collides.
const SLUG_FIX: &str = "set another `slug:` in its front matter";
/// The fix for two goal ids that make one page.
const GOAL_FIX: &str = "write the goal's id the same way in every year file: ids that differ only by case, spaces or punctuation share one page";
/// The fix for two task ids that make one page.
const TASK_FIX: &str = "write the task's id the same way in every year file: ids that differ only by case, spaces or punctuation share one page";
/// The fix for a review whose page or files collide.
const REVIEW_FIX: &str = "give the review another `id:`";
/// The fix for a static file that takes a generated path.
pub(super) const STATIC_FIX: &str =
    "rename the file or move it into a sub-folder of `content/static/`";

impl Renderer<'_> {
    /// The owners of every path that a full render will write, and their collisions.
    pub(crate) fn claims(&self) -> Owners {
        let mut owners = Owners::new();
        for job in self.jobs() {
            self.claim_job(&mut owners, &job);
        }
        for (dest, _) in self.theme.static_files() {
            let source = self.theme.source_of(&format!("static/{dest}"));
            owners.claim_file(
                self.asset_path(dest),
                Owner::generated(format!("the theme's file `{source}`")),
            );
        }
        for name in ["robots.txt", "sitemap.xml"] {
            owners.claim_file(name.to_string(), Owner::generated(format!("`{name}`")));
        }
        for s in &self.site.static_files {
            owners.claim_file(
                s.dest.clone(),
                Owner::from_file("the static file", &s.source, STATIC_FIX),
            );
        }
        owners
    }

    /// Claims the paths of one job.
    fn claim_job(&self, owners: &mut Owners, job: &Job) {
        let lang = self.langs[job.lang].code.as_str();
        let cfg = &self.site.config;
        for (target, owner) in self.job_claims(job) {
            owners.claim(cfg, lang, target, owner);
        }
        if let What::Year { year } = job.what {
            let workbook = crate::export::xlsx::workbook_name(year.year);
            if crate::export::xlsx::fits(self.site, year).is_ok() {
                let what = format!("the workbook `{workbook}` of {}", year.year);
                let t = Target::YearFile(year.year, &workbook);
                owners.claim(cfg, lang, t, section(lang, &what));
            }
        }
        if let What::Search = job.what {
            let index = crate::urls::path(cfg, lang, Target::SearchIndex(""));
            owners.claim_folder(index, section(lang, "the search index"));
        }
    }

    /// What one job writes (but the search index's folder), each with its owner.
    fn job_claims<'s>(&'s self, job: &Job<'s>) -> Vec<(Target<'s>, Owner)> {
        let l = &self.langs[job.lang];
        let lang = l.code.as_str();
        let one = |t: Target<'static>, what: &str| vec![(t, section(lang, what))];
        match job.what {
            What::Home => vec![(Target::Home, self.home_owner(lang))],
            What::Years => one(Target::Years, "the list of years"),
            What::Year { year } => self.year_claims(lang, year),
            What::News { page } => {
                one(Target::News(page), &format!("page {page} of the news list"))
            }
            What::Article { doc } => vec![(
                Target::Article(&doc.slug),
                Owner::from_file(format!("the article `{}`", doc.slug), &doc.source, SLUG_FIX),
            )],
            What::Tags => one(Target::Tags, "the list of tags"),
            What::Tag { tag, page } => {
                let t = &l.tags[tag];
                let what = format!("page {page} of tag `{}`", t.name);
                vec![(Target::Tag(&t.slug, page), section(lang, &what))]
            }
            What::Standalone { page } => {
                let d = l.pages[page].doc;
                vec![(
                    Target::Page(&d.slug),
                    Owner::from_file(format!("the page `{}`", d.slug), &d.source, SLUG_FIX),
                )]
            }
            What::NotFound => one(Target::NotFound, "the not-found page"),
            What::Feed => vec![
                (Target::Feed, section(lang, "the feed")),
                (Target::NewsFeed, section(lang, "the news feed")),
            ],
            What::TagFeed { tag } => {
                let t = &l.tags[tag];
                let what = format!("the feed of tag `{}`", t.name);
                vec![(Target::TagFeed(&t.slug), section(lang, &what))]
            }
            What::Search => one(Target::Search, "the search page"),
            What::Agencies => one(Target::Agencies, "the list of agencies"),
            What::Agency { agency } => {
                let a = &self.agencies[agency];
                let name = a.name.resolve(lang, self.default_lang()).0;
                let what = format!("the page of agency `{name}`");
                vec![(Target::Agency(&a.slug), section(lang, &what))]
            }
            What::Goal { goal } => {
                let track = &self.goals[goal];
                let ids = track.years.iter().map(|(y, g)| (*y, g.id.as_str()));
                record_claims(ids, "goal", GOAL_FIX, Target::Goal(&track.slug))
            }
            What::Task { task } => {
                let track = &self.tasks[task];
                let ids = track.years.iter().map(|(y, t)| (*y, t.id.as_str()));
                record_claims(ids, "task", TASK_FIX, Target::Task(&track.slug))
            }
            What::Review { year, review } => review_claims(year, review),
        }
    }

    /// A year's report and its data files.
    fn year_claims(&self, lang: &str, y: &Year) -> Vec<(Target<'static>, Owner)> {
        // The workbook's name is made, not borrowed: `claim_job` claims it.
        let year = y.year;
        let mut claims = vec![
            (
                Target::Year(year),
                section(lang, &format!("the report of {year}")),
            ),
            (
                Target::YearReport(year),
                section(lang, &format!("the printed report of {year}")),
            ),
        ];
        for f in ["data.json", "goals.csv", "tasks.csv"] {
            let what = format!("`{f}` of {year}");
            claims.push((Target::YearFile(year, f), section(lang, &what)));
        }
        claims
    }

    /// The owner of a language's home page: the default language's is the site's own; another
    /// language's is its code in `languages:`, which may be a section's name.
    fn home_owner(&self, lang: &str) -> Owner {
        if lang == self.default_lang() {
            return section(lang, "the home page");
        }
        Owner::from_file(
            format!("the pages of language `{lang}` (`languages`)"),
            "content/site.yaml",
            LANGUAGE_FIX,
        )
    }
}

/// A claim that tiendo makes itself, in one language: "the feed in `en`".
fn section(lang: &str, what: &str) -> Owner {
    Owner::generated(format!("{what} in `{lang}`"))
}

/// One claim of a record page per id as written, in the first year file that writes it: two
/// ids of one slug (`G01`, `g01`) collide.
fn record_claims<'s>(
    ids: impl Iterator<Item = (&'s Year, &'s str)>,
    kind: &str,
    fix: &'static str,
    target: Target<'s>,
) -> Vec<(Target<'s>, Owner)> {
    let mut seen = HashSet::new();
    ids.filter(|(_, id)| seen.insert(*id))
        .map(|(year, id)| {
            let owner = Owner::from_file(format!("{kind} `{id}`"), &year.source, fix);
            (target, owner)
        })
        .collect()
}

/// A review's page and its data files, owned by its year file.
fn review_claims(year: &Year, review: usize) -> Vec<(Target<'_>, Owner)> {
    let Some(r) = year.reviews.get(review) else {
        return Vec::new();
    };
    let owner = |what: String| Owner::from_file(what, &year.source, REVIEW_FIX);
    let mut claims = vec![(
        Target::Review(year.year, &r.slug),
        owner(format!("the review `{}` of {}", r.id, year.year)),
    )];
    for f in ["data.json", "goals.csv", "tasks.csv"] {
        let what = format!("`{f}` of the review `{}` of {}", r.id, year.year);
        claims.push((Target::ReviewFile(year.year, &r.slug, f), owner(what)));
    }
    claims
}
