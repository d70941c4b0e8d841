//! What a year report shows of the year's reviews: as of when its figures are, the list of
//! reviews, goals per bucket and tasks per status at each (chart and table), and what changed
//! since the previous review (goals that moved bucket, tasks finished or started, items added).

use crate::model::{GoalAt, TaskAt, Year};
use crate::render::chart_views::Items;
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::reviews::{goal_words, task_change, task_words, TaskChange};
use crate::render::views::{ChangeItem, SinceView, YearReviews};

impl Renderer<'_> {
    /// The year's reviews as its report shows them, or `None` for a year without reviews.
    pub(crate) fn year_reviews(&self, l: &LangData, y: &Year, dir: &str) -> Option<YearReviews> {
        let last = y.reviews.len().checked_sub(1)?;
        let latest = self.review_item(l, y, last, dir)?;
        Some(YearReviews {
            as_of: latest.date.clone(),
            latest,
            list: (0..y.reviews.len())
                .filter_map(|i| self.review_item(l, y, i, dir))
                .collect(),
            goals: self.review_counts(l, y, Items::Goals, dir),
            tasks: self.review_counts(l, y, Items::Tasks, dir),
            since: last
                .checked_sub(1)
                .and_then(|prev| self.since_view(l, y, prev, last, dir)),
        })
    }

    /// What changed between reviews `prev` and `last`.
    fn since_view(
        &self,
        l: &LangData,
        y: &Year,
        prev: usize,
        last: usize,
        dir: &str,
    ) -> Option<SinceView> {
        let fmt = l.fmt();
        let r = y.reviews.get(prev)?;
        let mut view = SinceView {
            heading: fmt.tr("since_heading", &[("review", &self.review_label(l, r))]),
            moved: Vec::new(),
            finished: Vec::new(),
            started: Vec::new(),
            goals_added: Vec::new(),
            tasks_added: Vec::new(),
        };
        for g in &y.goals {
            let (Some(&before), Some(&after)) = (g.at_reviews.get(prev), g.at_reviews.get(last))
            else {
                continue;
            };
            let item = |from: Option<GoalAt>| {
                let to = goal_words(&fmt, after);
                let from = from.map(|f| goal_words(&fmt, f));
                ChangeItem {
                    id: g.id.clone(),
                    href: self.goal_href(l, &g.id, dir),
                    title: self.lt(&g.title, &l.code),
                    from_key: from.as_ref().map(|f| f.key.clone()),
                    from: from.map(|f| f.label),
                    to: to.label,
                    to_key: to.key,
                }
            };
            match (before, after) {
                (_, GoalAt::Absent) => {}
                (GoalAt::Absent, _) => view.goals_added.push(item(None)),
                (GoalAt::Assessed { bucket: a, .. }, GoalAt::Assessed { bucket: b, .. })
                    if a == b => {}
                (GoalAt::NotAssessed, GoalAt::NotAssessed) => {}
                (before, _) => view.moved.push(item(Some(before))),
            }
        }
        self.task_changes(l, y, (prev, last), dir, &mut view);
        Some(view)
    }

    /// The tasks finished, started and added between reviews `prev` and `last`.
    fn task_changes(
        &self,
        l: &LangData,
        y: &Year,
        (prev, last): (usize, usize),
        dir: &str,
        view: &mut SinceView,
    ) {
        let fmt = l.fmt();
        for t in &y.tasks {
            let (Some(&before), Some(&after)) = (t.at_reviews.get(prev), t.at_reviews.get(last))
            else {
                continue;
            };
            let to = task_words(&fmt, after);
            let from = (before != TaskAt::Absent).then(|| task_words(&fmt, before));
            let item = ChangeItem {
                id: t.id.clone(),
                href: self.task_href(l, &t.id, dir),
                title: self.lt(&t.title, &l.code),
                from_key: from.as_ref().map(|f| f.key.clone()),
                from: from.map(|f| f.label),
                to: to.label,
                to_key: to.key,
            };
            if before == TaskAt::Absent && after != TaskAt::Absent {
                view.tasks_added.push(item);
                continue;
            }
            match task_change(before, after) {
                Some(TaskChange::Finished) => view.finished.push(item),
                Some(TaskChange::Started) => view.started.push(item),
                None => {}
            }
        }
    }
}
