//! A review's page (`/nam/<year>/<review>/`): the year as it stood at that meeting (its counts,
//! charts and tables from each item's state then, those not assessed shown as such), the
//! meeting's title, date and documents, the previous and next review, and the review's data
//! files beside it.

use crate::export;
use crate::model::{GoalAt, TaskAt, Year};
use crate::render::chart_views::Items;
use crate::render::common::{PageSpec, Translations};
use crate::render::jobs::{Made, Rendered};
use crate::render::langs::LangData;
use crate::render::parts::{bucket_rows, count_row, status_rows};
use crate::render::renderer::Renderer;
use crate::render::reviews::{date_view, goal_carried, goal_words, task_carried, task_words};
use crate::render::views::{
    CountRow, EvidenceLink, LText, Link, PageKind, ReviewGoalRow, ReviewTaskRow, ReviewView,
};
use crate::render::OutputFile;
use crate::urls::{self, Target};

impl Renderer<'_> {
    /// The page of review `ri` of year `y`, and its data files.
    pub(crate) fn review_page(&self, l: &LangData, y: &Year, ri: usize) -> Rendered {
        let Some(r) = y.reviews.get(ri) else {
            return Ok(Made::from(Vec::new()));
        };
        let path = self.path(&l.code, Target::Review(y.year, &r.slug));
        let dir = urls::dir_of(&path).to_string();
        let title = self.review_title(l, r);
        let page_title = l.fmt().tr(
            "review_page_title",
            &[("title", &title.text), ("year", &y.year.to_string())],
        );
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Review,
                title: Some(&page_title),
                description: self.review_goals_text(l, &r.summary).as_deref(),
                translations: Translations::Everywhere(Target::Review(y.year, &r.slug)),
            },
        );
        let view = self.review_view(l, y, ri, &dir);
        let mut files = vec![self.page("review.html", &common, l, ("review", &view))?];
        files.extend(self.review_files(l, y, ri));
        Ok(Made::from(files))
    }

    fn review_view(&self, l: &LangData, y: &Year, ri: usize, dir: &str) -> ReviewView {
        let fmt = l.fmt();
        let r = &y.reviews[ri];
        let s = &r.summary;
        let neighbour = |i: Option<usize>| {
            let item = self.review_item(l, y, i?, dir)?;
            Some(Link {
                href: item.href,
                label: item.title.text,
            })
        };
        ReviewView {
            year: y.year,
            id: r.id.clone(),
            title: self.review_title(l, r),
            date: date_view(&fmt, r.date),
            document: r.document.as_ref().map(|d| {
                let (href, external) = self.link_href(d, dir);
                EvidenceLink {
                    href,
                    label: LText {
                        text: fmt.tr("review_document", &[]),
                        lang: None,
                    },
                    external,
                }
            }),
            evidence: self.document_links(l, &r.evidence, dir),
            goals_headline: self.review_goals_text(l, s),
            tasks_headline: self.review_tasks_text(l, s),
            buckets: self.review_count_rows(l, y, ri, Items::Goals),
            statuses: self.review_count_rows(l, y, ri, Items::Tasks),
            goals_total: s.goals.total,
            tasks_total: s.tasks.total,
            goals_chart: self.review_chart(l, y, ri, Items::Goals, dir),
            tasks_chart: self.review_chart(l, y, ri, Items::Tasks, dir),
            goals: self.review_goal_rows(l, y, ri, dir),
            tasks: self.review_task_rows(l, y, ri, dir),
            downloads: self.review_downloads(l, y, ri, dir),
            prev: neighbour(ri.checked_sub(1)),
            next: neighbour(Some(ri + 1)),
            year_link: Link {
                href: urls::relative(dir, &self.path(&l.code, Target::Year(y.year))),
                label: fmt.tr("back_to_year", &[("year", &y.year.to_string())]),
            },
        }
    }

    /// The counts table of a review: each bucket (or status), then those not assessed.
    fn review_count_rows(&self, l: &LangData, y: &Year, ri: usize, items: Items) -> Vec<CountRow> {
        let fmt = l.fmt();
        let Some(r) = y.reviews.get(ri) else {
            return Vec::new();
        };
        let s = &r.summary;
        let (mut rows, not_assessed, total) = match items {
            Items::Goals => (
                bucket_rows(&fmt, &s.goals),
                s.goals_not_assessed,
                s.goals.total,
            ),
            Items::Tasks => (
                status_rows(&fmt, &s.tasks),
                s.tasks_not_assessed,
                s.tasks.total,
            ),
        };
        let label = fmt.tr("review_not_assessed", &[]);
        rows.push(count_row(&fmt, "not_assessed", &label, not_assessed, total));
        rows
    }

    /// Every goal that existed at review `ri`, with its state then.
    fn review_goal_rows(&self, l: &LangData, y: &Year, ri: usize, dir: &str) -> Vec<ReviewGoalRow> {
        let fmt = l.fmt();
        y.goals
            .iter()
            .filter_map(|g| {
                let at = *g.at_reviews.get(ri)?;
                if at == GoalAt::Absent {
                    return None;
                }
                let words = goal_words(&fmt, at);
                let bar = match at {
                    GoalAt::Assessed { completion, .. } => completion.clamp(0.0, 100.0),
                    _ => 0.0,
                };
                Some(ReviewGoalRow {
                    id: g.id.clone(),
                    href: self.goal_href(l, &g.id, dir),
                    title: self.lt(&g.title, &l.code),
                    group: self.group_name(l, y, g.group.as_deref()),
                    value_text: words.text,
                    key: words.key,
                    key_label: words.label,
                    bar: format!("{bar:.2}"),
                    carried: self.carried_text(l, y, goal_carried(at, ri)),
                })
            })
            .collect()
    }

    /// Every task that existed at review `ri`, with its status then.
    fn review_task_rows(&self, l: &LangData, y: &Year, ri: usize, dir: &str) -> Vec<ReviewTaskRow> {
        let fmt = l.fmt();
        y.tasks
            .iter()
            .filter_map(|t| {
                let at = *t.at_reviews.get(ri)?;
                if at == TaskAt::Absent {
                    return None;
                }
                let words = task_words(&fmt, at);
                Some(ReviewTaskRow {
                    id: t.id.clone(),
                    href: self.task_href(l, &t.id, dir),
                    title: self.lt(&t.title, &l.code),
                    owner: t.owner.as_ref().map(|o| self.lt(o, &l.code)),
                    owner_href: t.owner.as_ref().map(|o| self.agency_href(l, o, dir)),
                    key: words.key,
                    key_label: words.label,
                    carried: self.carried_text(l, y, task_carried(at, ri)),
                })
            })
            .collect()
    }

    /// The links to a review's data files.
    fn review_downloads(&self, l: &LangData, y: &Year, ri: usize, dir: &str) -> Vec<Link> {
        let fmt = l.fmt();
        let Some(r) = y.reviews.get(ri) else {
            return Vec::new();
        };
        REVIEW_FILES
            .iter()
            .map(|f| Link {
                href: urls::relative(
                    dir,
                    &self.path(&l.code, Target::ReviewFile(y.year, &r.slug, f)),
                ),
                label: fmt.tr(&format!("download_{}", f.replace('.', "_")), &[]),
            })
            .collect()
    }

    /// A review's data files beside its page: `data.json`, `goals.csv` and `tasks.csv` as
    /// they stood at the review.
    fn review_files(&self, l: &LangData, y: &Year, ri: usize) -> Vec<OutputFile> {
        let Some(r) = y.reviews.get(ri) else {
            return Vec::new();
        };
        let file = |name: &str, bytes: Vec<u8>| {
            OutputFile::new(
                self.path(&l.code, Target::ReviewFile(y.year, &r.slug, name)),
                bytes,
            )
        };
        let (site, code) = (self.site, l.code.as_str());
        [
            ("data.json", export::review_data_json(site, y, ri, code)),
            ("goals.csv", export::review_goals_csv(site, y, ri, code)),
            ("tasks.csv", export::review_tasks_csv(site, y, ri, code)),
        ]
        .into_iter()
        .filter_map(|(name, bytes)| Some(file(name, bytes?)))
        .collect()
    }
}

/// The data files beside a review's page.
const REVIEW_FILES: [&str; 3] = ["data.json", "goals.csv", "tasks.csv"];
