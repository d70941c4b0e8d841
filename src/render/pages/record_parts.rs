//! What the goal and task record pages share: the plan that set a record, a goal's group name
//! (the review page's too) and its rule in words, a record's state at each of its year's
//! reviews, and whether its title changed between years.

use crate::model::{Goal, GoalAt, Localized, Rule, TaskAt, Year};
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::reviews::{
    date_view, goal_carried, goal_words, task_carried, task_words, StateWords,
};
use crate::render::views::{LText, PageCommon, PageKind, PlanRef, TrajectoryRow};
use crate::urls::{self, Target};

/// What every record page starts with: its folder, its title (the item's latest),
/// and the parts all pages share.
pub(crate) struct RecordHead {
    pub dir: String,
    pub title: LText,
    pub common: PageCommon,
}

impl Renderer<'_> {
    /// The [`RecordHead`] of the record page `target` of item `id`, titled "id title".
    pub(crate) fn record_head(
        &self,
        l: &LangData,
        target: Target<'_>,
        kind: PageKind,
        id: &str,
        title: &Localized,
    ) -> RecordHead {
        let path = self.path(&l.code, target);
        let dir = urls::dir_of(&path).to_string();
        let title = self.lt(title, &l.code);
        let page_title = format!("{id} {}", title.text);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind,
                title: Some(&page_title),
                description: None,
                translations: Translations::Everywhere(target),
            },
        );
        RecordHead { dir, title, common }
    }

    /// The plan `id` of year `y`, with its date and documents, linked from a page in `dir`.
    pub(crate) fn plan_ref(
        &self,
        l: &LangData,
        y: &Year,
        id: Option<&str>,
        dir: &str,
    ) -> Option<PlanRef> {
        let id = id?;
        let plan = y.plan(id);
        Some(PlanRef {
            id: id.to_string(),
            title: plan
                .and_then(|p| p.title.as_ref())
                .map(|t| self.lt(t, &l.code)),
            date: plan.and_then(|p| p.date).map(|d| date_view(&l.fmt(), d)),
            evidence: plan
                .map(|p| self.document_links(l, &p.evidence, dir))
                .unwrap_or_default(),
        })
    }

    /// The name of group `id` of year `y` (a goal's or a task's), in `l`'s language; `None`
    /// for no group (or one the year does not list).
    pub(crate) fn group_name(&self, l: &LangData, y: &Year, id: Option<&str>) -> Option<LText> {
        id.and_then(|id| y.group(id))
            .map(|gr| self.lt(&gr.name, &l.code))
    }

    /// A goal's rule in words: "target 80%, actual 85.6%, from a baseline of 0", or its
    /// progress.
    pub(crate) fn rule_text(&self, l: &LangData, g: &Goal) -> String {
        let fmt = l.fmt();
        match (g.rule, self.goal_figures(l, g)) {
            (Rule::Target { .. }, Some((target, actual, baseline))) => {
                let args = [("target", target.as_str()), ("actual", actual.as_str())];
                let mut text = fmt.tr("rule_target", &args);
                if let Some(b) = baseline {
                    text.push_str(&fmt.tr("rule_baseline", &[("baseline", &b)]));
                }
                text
            }
            (Rule::Progress(p), _) | (Rule::Target { actual: p, .. }, None) => {
                fmt.tr("rule_progress", &[("progress", &fmt.percent(p, 2))])
            }
        }
    }

    /// A goal's state at each of its year's reviews, linked from a page in `dir`.
    pub(crate) fn goal_timeline(
        &self,
        l: &LangData,
        y: &Year,
        states: &[GoalAt],
        dir: &str,
    ) -> Vec<TrajectoryRow> {
        let fmt = l.fmt();
        let rows = states.iter().enumerate().map(|(i, at)| {
            let carried = self.carried_text(l, y, goal_carried(*at, i));
            (i, goal_words(&fmt, *at), carried)
        });
        self.timeline(l, y, rows, dir)
    }

    /// A task's status at each of its year's reviews, linked from a page in `dir`.
    pub(crate) fn task_timeline(
        &self,
        l: &LangData,
        y: &Year,
        states: &[TaskAt],
        dir: &str,
    ) -> Vec<TrajectoryRow> {
        let fmt = l.fmt();
        let rows = states.iter().enumerate().map(|(i, at)| {
            let carried = self.carried_text(l, y, task_carried(*at, i));
            (i, task_words(&fmt, *at), carried)
        });
        self.timeline(l, y, rows, dir)
    }

    /// The rows of a timeline: (review index, state in words, where the value came from).
    fn timeline(
        &self,
        l: &LangData,
        y: &Year,
        rows: impl Iterator<Item = (usize, StateWords, Option<String>)>,
        dir: &str,
    ) -> Vec<TrajectoryRow> {
        let fmt = l.fmt();
        rows.filter_map(|(i, words, carried)| {
            let r = y.reviews.get(i)?;
            let page = self.path(&l.code, Target::Review(y.year, &r.slug));
            Some(TrajectoryRow {
                review: r.id.clone(),
                href: urls::relative(dir, &page),
                date: date_view(&fmt, r.date),
                value_text: words.text,
                key: words.key,
                carried,
            })
        })
        .collect()
    }

    /// Whether a record's title (in the default language) differs between years.
    pub(crate) fn titles_differ<'t>(
        &self,
        mut titles: impl Iterator<Item = &'t Localized>,
    ) -> bool {
        let d = self.default_lang();
        let Some(first) = titles.next().map(|t| t.resolve(d, d).0) else {
            return false;
        };
        titles.any(|t| t.resolve(d, d).0 != first)
    }
}

/// The id of a year's section on a record page.
pub(crate) fn year_anchor(year: i32) -> String {
    format!("year-{year}")
}
