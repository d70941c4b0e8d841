//! The list of responsible agencies and a page per agency (`owner`) with its tasks and their
//! status across the years; the links to agency and record pages.

use crate::diag::Diagnostic;
use crate::model::{Localized, TaskStatus};
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::records::Agency;
use crate::render::renderer::Renderer;
use crate::render::views::{AgencyItem, AgencyTask, AgencyView, Link, PageKind};
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
                href: self.task_href(l, &t.id, &dir),
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
