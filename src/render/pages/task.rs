//! A task's record page (`/nhiem-vu/<id>/`): its status year by year, then each year in full:
//! title, group, plan, lead agency, deadline, documents, and its status at each of the year's
//! reviews.

use crate::diag::Diagnostic;
use crate::model::{Task, Year};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::reviews::date_view;
use crate::render::views::{PageKind, TaskPageView, TaskRecord, TaskYear};
use crate::render::OutputFile;
use crate::urls::{self, Target};

use super::record_parts::{year_anchor, RecordHead};

impl Renderer<'_> {
    pub(crate) fn task_page(&self, l: &LangData, i: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let track = &self.tasks[i];
        // A track is made from its first year, so it has a latest one.
        let Some((_, latest)) = track.years.last() else {
            return Err(Vec::new());
        };
        let RecordHead { dir, title, common } = self.record_head(
            l,
            Target::Task(&track.slug),
            PageKind::Task,
            &track.id,
            &latest.title,
        );
        let fmt = l.fmt();
        let view = TaskPageView {
            id: track.id.clone(),
            title,
            title_changed: self.titles_differ(track.years.iter().map(|(_, t)| &t.title)),
            years: track
                .years
                .iter()
                .map(|(y, t)| TaskYear {
                    year: y.year,
                    href: format!("#{}", year_anchor(y.year)),
                    title: self.lt(&t.title, &l.code),
                    status: t.status.key().to_string(),
                    status_label: fmt.tr(&format!("status_{}", t.status.key()), &[]),
                })
                .collect(),
            records: track
                .years
                .iter()
                .rev()
                .map(|(y, t)| self.task_record(l, y, t, &dir))
                .collect(),
        };
        self.page("task.html", &common, l, ("task", &view))
    }

    /// A task in one year, in full.
    fn task_record(&self, l: &LangData, y: &Year, t: &Task, dir: &str) -> TaskRecord {
        let fmt = l.fmt();
        let report = self.path(&l.code, Target::Year(y.year));
        TaskRecord {
            year: y.year,
            anchor: year_anchor(y.year),
            year_href: urls::relative(dir, &format!("{report}#task-{}", t.id)),
            title: self.lt(&t.title, &l.code),
            group: self.group_name(l, y, t.group.as_deref()),
            plan: self.plan_ref(l, y, t.plan.as_deref(), dir),
            owner: t.owner.as_ref().map(|o| self.lt(o, &l.code)),
            owner_href: t.owner.as_ref().map(|o| self.agency_href(l, o, dir)),
            due: t.due.map(|d| date_view(&fmt, d)),
            status: t.status.key().to_string(),
            status_label: fmt.tr(&format!("status_{}", t.status.key()), &[]),
            evidence: self.document_links(l, &t.evidence, dir),
            stale: self.stale_text(l, y, t.stale_since()),
            timeline: self.task_timeline(l, y, &t.at_reviews, dir),
            timeline_caption: fmt.tr("task_reviews_title", &[("year", &y.year.to_string())]),
        }
    }
}
