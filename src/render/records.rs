//! Pages that follow one record across the years: a page per responsible agency (`owner`)
//! with its tasks and their status, and a page per goal id with its completion year by year.

use super::views::{LText, Link};
use super::{Job, LangData, OutputFile, Renderer};
use crate::diag::Diagnostic;
use crate::model::{Goal, Localized, Task, Year};
use crate::slug::slugify;
use crate::urls::{self, Target};
use serde::Serialize;

/// A responsible agency and its tasks, over all years.
pub struct Agency<'a> {
    /// URL slug, from the default-language name.
    pub slug: String,
    /// Its name (as first written).
    pub name: &'a Localized,
    /// Its tasks, newest year first.
    pub tasks: Vec<(&'a Year, &'a Task)>,
}

/// A goal id and its entries, over all years.
pub struct GoalTrack<'a> {
    /// URL slug of the id.
    pub slug: String,
    /// The id.
    pub id: String,
    /// The goal in each year that has it, oldest first.
    pub years: Vec<(&'a Year, &'a Goal)>,
}

/// Groups the tasks of all years by owner.
pub fn agencies<'a>(years: &'a [Year], default_lang: &str) -> Vec<Agency<'a>> {
    let mut out: Vec<Agency> = Vec::new();
    for y in years.iter().rev() {
        for t in &y.tasks {
            let Some(owner) = &t.owner else { continue };
            let slug = slugify(owner.resolve(default_lang, default_lang).0);
            match out.iter_mut().find(|a| a.slug == slug) {
                Some(a) => a.tasks.push((y, t)),
                None => out.push(Agency {
                    slug,
                    name: owner,
                    tasks: vec![(y, t)],
                }),
            }
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// Groups the goals of all years by id.
pub fn goal_tracks(years: &[Year]) -> Vec<GoalTrack<'_>> {
    let mut out: Vec<GoalTrack> = Vec::new();
    for y in years {
        for g in &y.goals {
            let slug = slugify(&g.id);
            match out.iter_mut().find(|t| t.slug == slug) {
                Some(t) => t.years.push((y, g)),
                None => out.push(GoalTrack {
                    slug,
                    id: g.id.clone(),
                    years: vec![(y, g)],
                }),
            }
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

#[derive(Serialize)]
struct AgencyItem {
    name: LText,
    href: String,
    counts: String,
}

#[derive(Serialize)]
struct AgencyTask {
    id: String,
    title: LText,
    year: i32,
    year_href: String,
    status: String,
    status_label: String,
    due_text: Option<String>,
    due_iso: Option<String>,
}

#[derive(Serialize)]
struct AgencyView {
    name: LText,
    summary: String,
    tasks: Vec<AgencyTask>,
    all: Link,
}

#[derive(Serialize)]
struct GoalYear {
    year: i32,
    href: String,
    title: LText,
    completion_text: String,
    bar: String,
    bucket: String,
    bucket_label: String,
}

#[derive(Serialize)]
struct GoalPageView {
    chart: Option<super::views::ChartView>,
    id: String,
    title: LText,
    years: Vec<GoalYear>,
    title_changed: bool,
}

impl<'a> Renderer<'a> {
    /// The jobs of this module for one language.
    pub(super) fn record_jobs(&self, li: usize, jobs: &mut Vec<Job<'a>>) {
        jobs.push(Job::Agencies(li));
        jobs.extend((0..self.agencies.len()).map(|i| Job::Agency(li, i)));
        jobs.extend((0..self.goals.len()).map(|i| Job::GoalPage(li, i)));
    }

    fn agency_counts(&self, l: &LangData, a: &Agency) -> String {
        let fmt = l.fmt();
        let done = a
            .tasks
            .iter()
            .filter(|(_, t)| t.status == crate::model::TaskStatus::Done)
            .count();
        fmt.tr(
            "agency_counts",
            &[
                ("done", &fmt.count(done)),
                ("total", &fmt.count(a.tasks.len())),
            ],
        )
    }

    pub(super) fn agencies_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Agencies);
        let dir = urls::dir_of(&path).to_string();
        let title = l.fmt().tr("agencies_heading", &[]);
        let common = self.common(
            l,
            &path,
            "agencies",
            Some(&title),
            None,
            &|lang| Some(self.path(lang, Target::Agencies)),
            &self.home_of(),
        );
        let items: Vec<AgencyItem> = self
            .agencies
            .iter()
            .map(|a| AgencyItem {
                name: self.lt(a.name, &l.code),
                href: urls::relative(&dir, &self.path(&l.code, Target::Agency(&a.slug))),
                counts: self.agency_counts(l, a),
            })
            .collect();
        self.page(&path, "agencies.html", &common, l, ("agencies", &items))
    }

    pub(super) fn agency_page(
        &self,
        l: &LangData,
        i: usize,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let a = &self.agencies[i];
        let path = self.path(&l.code, Target::Agency(&a.slug));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let name = self.lt(a.name, &l.code);
        let common = self.common(
            l,
            &path,
            "agency",
            Some(&name.text),
            None,
            &|lang| Some(self.path(lang, Target::Agency(&a.slug))),
            &|lang| self.path(lang, Target::Agencies),
        );
        let tasks = a
            .tasks
            .iter()
            .map(|(y, t)| AgencyTask {
                id: t.id.clone(),
                title: self.lt(&t.title, &l.code),
                year: y.year,
                year_href: urls::relative(
                    &dir,
                    &format!("{}#task-{}", self.path(&l.code, Target::Year(y.year)), t.id),
                ),
                status: t.status.key().to_string(),
                status_label: fmt.tr(&format!("status_{}", t.status.key()), &[]),
                due_text: t.due.map(|d| fmt.date(d)),
                due_iso: t.due.map(|d| d.to_string()),
            })
            .collect();
        let view = AgencyView {
            name,
            summary: self.agency_counts(l, a),
            tasks,
            all: Link {
                href: urls::relative(&dir, &self.path(&l.code, Target::Agencies)),
                label: fmt.tr("all_agencies", &[]),
            },
        };
        self.page(&path, "agency.html", &common, l, ("agency", &view))
    }

    pub(super) fn goal_page(&self, l: &LangData, i: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let track = &self.goals[i];
        let path = self.path(&l.code, Target::Goal(&track.slug));
        let dir = urls::dir_of(&path).to_string();
        let fmt = l.fmt();
        let Some((_, latest)) = track.years.last() else {
            return Err(Vec::new());
        };
        let title = self.lt(&latest.title, &l.code);
        let default = self.default_lang();
        let first_title = track
            .years
            .first()
            .map(|(_, g)| g.title.resolve(default, default).0);
        let title_changed = track
            .years
            .iter()
            .any(|(_, g)| Some(g.title.resolve(default, default).0) != first_title);
        let common = self.common(
            l,
            &path,
            "goal",
            Some(&format!("{} {}", track.id, title.text)),
            None,
            &|lang| Some(self.path(lang, Target::Goal(&track.slug))),
            &self.home_of(),
        );
        let years = track
            .years
            .iter()
            .map(|(y, g)| GoalYear {
                year: y.year,
                href: urls::relative(
                    &dir,
                    &format!("{}#goal-{}", self.path(&l.code, Target::Year(y.year)), g.id),
                ),
                title: self.lt(&g.title, &l.code),
                completion_text: fmt.completion(g.completion),
                bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
                bucket: g.bucket.key().to_string(),
                bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
            })
            .collect();
        let view = GoalPageView {
            chart: self.goal_history_chart(l, &track.years, &dir, &track.id),
            id: track.id.clone(),
            title,
            years,
            title_changed,
        };
        self.page(&path, "goal.html", &common, l, ("goal", &view))
    }

    /// The link to an agency's page from a page in `dir`.
    pub(super) fn agency_href(&self, l: &LangData, owner: &Localized, dir: &str) -> String {
        let d = self.default_lang();
        let slug = slugify(owner.resolve(d, d).0);
        urls::relative(dir, &self.path(&l.code, Target::Agency(&slug)))
    }

    /// The link to a goal's page from a page in `dir`.
    pub(super) fn goal_href(&self, l: &LangData, id: &str, dir: &str) -> String {
        urls::relative(dir, &self.path(&l.code, Target::Goal(&slugify(id))))
    }
}
