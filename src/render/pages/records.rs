//! Pages that follow one record across the years: the list of responsible agencies, a page
//! per agency (`owner`) with its tasks and their status, and a page per goal id with its
//! completion year by year.

use crate::diag::Diagnostic;
use crate::model::{Goal, Localized, TaskStatus, Year};
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::records::{Agency, GoalTrack};
use crate::render::renderer::Renderer;
use crate::render::views::{
    AgencyItem, AgencyTask, AgencyView, GoalPageView, GoalYear, Link, PageKind,
};
use crate::render::OutputFile;
use crate::slug::slugify;
use crate::urls::{self, Target};

impl Renderer<'_> {
    fn agency_counts(&self, l: &LangData, a: &Agency) -> String {
        let fmt = l.fmt();
        let done = a
            .tasks
            .iter()
            .filter(|(_, t)| t.status == TaskStatus::Done)
            .count();
        fmt.tr(
            "agency_counts",
            &[
                ("done", &fmt.count(done)),
                ("total", &fmt.count(a.tasks.len())),
            ],
        )
    }

    pub(crate) fn agencies_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Agencies);
        let dir = urls::dir_of(&path).to_string();
        let title = l.fmt().tr("agencies_heading", &[]);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Agencies,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::Agencies),
            },
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
        self.page("agencies.html", &common, l, ("agencies", &items))
    }

    pub(crate) fn agency_page(
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
            &PageSpec {
                path: &path,
                kind: PageKind::Agency,
                title: Some(&name.text),
                description: None,
                translations: Translations::Everywhere(Target::Agency(&a.slug)),
            },
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
        self.page("agency.html", &common, l, ("agency", &view))
    }

    pub(crate) fn goal_page(&self, l: &LangData, i: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let track = &self.goals[i];
        let path = self.path(&l.code, Target::Goal(&track.slug));
        let dir = urls::dir_of(&path).to_string();
        // A track is made from its first year, so it has a latest one.
        let Some((_, latest)) = track.years.last() else {
            return Err(Vec::new());
        };
        let title = self.lt(&latest.title, &l.code);
        let page_title = format!("{} {}", track.id, title.text);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Goal,
                title: Some(&page_title),
                description: None,
                translations: Translations::Everywhere(Target::Goal(&track.slug)),
            },
        );
        let view = GoalPageView {
            chart: self.goal_history_chart(l, &track.years, &dir, &track.id),
            id: track.id.clone(),
            title,
            years: track
                .years
                .iter()
                .map(|(y, g)| self.goal_year(l, y, g, &dir))
                .collect(),
            title_changed: self.title_changed(track),
        };
        self.page("goal.html", &common, l, ("goal", &view))
    }

    /// A goal in one year, linked to its place in that year's report.
    fn goal_year(&self, l: &LangData, y: &Year, g: &Goal, dir: &str) -> GoalYear {
        let fmt = l.fmt();
        let report = self.path(&l.code, Target::Year(y.year));
        GoalYear {
            year: y.year,
            href: urls::relative(dir, &format!("{report}#goal-{}", g.id)),
            title: self.lt(&g.title, &l.code),
            completion_text: fmt.completion(g.completion),
            bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
            bucket: g.bucket.key().to_string(),
            bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
        }
    }

    /// Whether the goal's title (in the default language) differs between years.
    fn title_changed(&self, track: &GoalTrack) -> bool {
        let d = self.default_lang();
        let first = track.years.first().map(|(_, g)| g.title.resolve(d, d).0);
        track
            .years
            .iter()
            .any(|(_, g)| Some(g.title.resolve(d, d).0) != first)
    }

    /// The link to an agency's page from a page in `dir`.
    pub(crate) fn agency_href(&self, l: &LangData, owner: &Localized, dir: &str) -> String {
        let d = self.default_lang();
        let slug = slugify(owner.resolve(d, d).0);
        urls::relative(dir, &self.path(&l.code, Target::Agency(&slug)))
    }

    /// The link to a goal's page from a page in `dir`.
    pub(crate) fn goal_href(&self, l: &LangData, id: &str, dir: &str) -> String {
        urls::relative(dir, &self.path(&l.code, Target::Goal(&slugify(id))))
    }
}
