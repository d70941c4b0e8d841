//! A goal's record page (`/muc-tieu/<id>/`): its completion year by year (a chart where it
//! appears in two or more years, and a table), then each year in full: title, group, plan,
//! rule in words, note, documents, and its course through the year's reviews.

use crate::diag::Diagnostic;
use crate::markdown;
use crate::model::{Goal, Year};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{GoalPageView, GoalRecord, GoalTrajectory, GoalYear, PageKind};
use crate::render::OutputFile;
use crate::urls::{self, Target};

use super::record_parts::{year_anchor, RecordHead};

impl Renderer<'_> {
    pub(crate) fn goal_page(&self, l: &LangData, i: usize) -> Result<OutputFile, Vec<Diagnostic>> {
        let track = &self.goals[i];
        // A track is made from its first year, so it has a latest one.
        let Some((_, latest)) = track.years.last() else {
            return Err(Vec::new());
        };
        let RecordHead { dir, title, common } = self.record_head(
            l,
            Target::Goal(&track.slug),
            PageKind::Goal,
            &track.id,
            &latest.title,
        );
        let mut ids = self.heading_ids("goal.html");
        let chart = self.goal_history_chart(l, &track.years, &dir, &track.id);
        chart.iter().for_each(|c| ids.reserve_in_html(&c.svg));
        for (y, g) in &track.years {
            ids.reserve(year_anchor(y.year));
            if let Some(c) = self.goal_review_chart(l, y, g, &dir) {
                ids.reserve_in_html(&c.svg);
            }
        }
        let view = GoalPageView {
            chart,
            id: track.id.clone(),
            title,
            years: track
                .years
                .iter()
                .map(|(y, g)| self.goal_year(l, y, g))
                .collect(),
            title_changed: self.titles_differ(track.years.iter().map(|(_, g)| &g.title)),
            records: track
                .years
                .iter()
                .rev()
                .map(|(y, g)| self.goal_record(l, y, g, &dir, &mut ids))
                .collect(),
        };
        self.page("goal.html", &common, l, ("goal", &view))
    }

    /// A goal in one year, linked to its section of the page.
    fn goal_year(&self, l: &LangData, y: &Year, g: &Goal) -> GoalYear {
        let fmt = l.fmt();
        GoalYear {
            year: y.year,
            href: format!("#{}", year_anchor(y.year)),
            title: self.lt(&g.title, &l.code),
            completion_text: fmt.completion(g.completion),
            bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
            bucket: g.bucket.key().to_string(),
            bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
        }
    }

    /// A goal in one year, in full. Its note's headings take ids the page does not use yet.
    fn goal_record(
        &self,
        l: &LangData,
        y: &Year,
        g: &Goal,
        dir: &str,
        ids: &mut markdown::HeadingIds,
    ) -> GoalRecord {
        let fmt = l.fmt();
        let root = urls::relative(dir, "");
        let report = self.path(&l.code, Target::Year(y.year));
        GoalRecord {
            year: y.year,
            anchor: year_anchor(y.year),
            year_href: urls::relative(dir, &format!("{report}#goal-{}", g.id)),
            title: self.lt(&g.title, &l.code),
            group: self.group_name(l, y, g.group.as_deref()),
            plan: self.plan_ref(l, y, g.plan.as_deref(), dir),
            rule_text: self.rule_text(l, g),
            completion_text: fmt.completion(g.completion),
            bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
            bucket: g.bucket.key().to_string(),
            bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
            note_html: g.note.as_ref().map(|n| {
                let text = n.resolve(&l.code, self.default_lang()).0;
                markdown::render_plain_with(text, &root, ids)
            }),
            evidence: self.document_links(l, &g.evidence, dir),
            stale: self.stale_text(l, y, g.stale_since()),
            trajectory: (!y.reviews.is_empty()).then(|| GoalTrajectory {
                chart: self.goal_review_chart(l, y, g, dir),
                caption: fmt.tr("goal_reviews_title", &[("year", &y.year.to_string())]),
                rows: self.goal_timeline(l, y, &g.at_reviews, dir),
            }),
        }
    }
}
