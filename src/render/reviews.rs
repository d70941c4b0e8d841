//! What the pages say about the committee's reviews: a review's title and date, a goal's or
//! task's state at a review in words, documents as links, and what changed between two
//! reviews. The states themselves are the
//! model's (`model::review`); this only puts them into words and links.

use super::langs::LangData;
use super::renderer::Renderer;
use super::views::{DateView, EvidenceLink, LText, ReviewItem};
use crate::date::Date;
use crate::format::Formatter;
use crate::model::{Evidence, GoalAt, Link, Review, ReviewSummary, TaskAt, TaskStatus, Year};
use crate::urls::{self, Target};

/// A goal's or task's state at a review, in words: (text, key, key in words). The key is a
/// bucket or status key, `not_assessed`, or `absent` (it did not exist yet).
pub(crate) struct StateWords {
    pub text: String,
    pub key: String,
    pub label: String,
}

/// A date, formatted and as `YYYY-MM-DD`.
pub(crate) fn date_view(fmt: &Formatter, d: Date) -> DateView {
    DateView {
        text: fmt.date(d),
        iso: d.to_string(),
    }
}

/// A goal's state at a review in words.
pub(crate) fn goal_words(fmt: &Formatter, at: GoalAt) -> StateWords {
    match at {
        GoalAt::Assessed {
            completion, bucket, ..
        } => StateWords {
            text: fmt.completion(completion),
            key: bucket.key().to_string(),
            label: fmt.tr(&format!("bucket_{}", bucket.key()), &[]),
        },
        GoalAt::NotAssessed => not_assessed(fmt),
        GoalAt::Absent => absent(fmt),
    }
}

/// A task's state at a review in words.
pub(crate) fn task_words(fmt: &Formatter, at: TaskAt) -> StateWords {
    match at {
        TaskAt::Assessed { status, .. } => {
            let label = fmt.tr(&format!("status_{}", status.key()), &[]);
            StateWords {
                text: label.clone(),
                key: status.key().to_string(),
                label,
            }
        }
        TaskAt::NotAssessed => not_assessed(fmt),
        TaskAt::Absent => absent(fmt),
    }
}

fn not_assessed(fmt: &Formatter) -> StateWords {
    let label = fmt.tr("review_not_assessed", &[]);
    StateWords {
        text: label.clone(),
        key: "not_assessed".into(),
        label,
    }
}

fn absent(fmt: &Formatter) -> StateWords {
    let label = fmt.tr("review_absent", &[]);
    StateWords {
        text: label.clone(),
        key: "absent".into(),
        label,
    }
}

/// The review whose value a state at review `r` is, when it is an earlier one's.
fn earlier_source(from: usize, r: usize) -> Option<usize> {
    (from < r).then_some(from)
}

/// The review a goal's state at `r` was reported at, when earlier than `r`.
pub(crate) fn goal_carried(at: GoalAt, r: usize) -> Option<usize> {
    match at {
        GoalAt::Assessed { from, .. } => earlier_source(from, r),
        _ => None,
    }
}

/// The review a task's state at `r` was reported at, when earlier than `r`.
pub(crate) fn task_carried(at: TaskAt, r: usize) -> Option<usize> {
    match at {
        TaskAt::Assessed { from, .. } => earlier_source(from, r),
        _ => None,
    }
}

/// Whether a task's status moved from `before` to `after` counts as finished or as started.
pub(crate) fn task_change(before: TaskAt, after: TaskAt) -> Option<TaskChange> {
    let (TaskAt::Assessed { status: now, .. }, was) = (after, before) else {
        return None;
    };
    let was = match was {
        TaskAt::Assessed { status, .. } => Some(status),
        TaskAt::NotAssessed => None,
        TaskAt::Absent => return None,
    };
    match (was, now) {
        (Some(TaskStatus::Done), _) | (_, TaskStatus::NotStarted) => None,
        (_, TaskStatus::Done) => Some(TaskChange::Finished),
        (Some(TaskStatus::InProgress), TaskStatus::InProgress) => None,
        (_, TaskStatus::InProgress) => Some(TaskChange::Started),
    }
}

/// How a task moved between two reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskChange {
    Finished,
    Started,
}

impl Renderer<'_> {
    /// A review's title: the meeting's own, or "Review Q1".
    pub(crate) fn review_title(&self, l: &LangData, r: &Review) -> LText {
        match &r.title {
            Some(t) => self.lt(t, &l.code),
            None => LText {
                text: l.fmt().tr("review_title", &[("id", &r.id)]),
                lang: None,
            },
        }
    }

    /// "Q1 (12/04/2023)": how a review is named in sentences, tables and chart labels.
    pub(crate) fn review_label(&self, l: &LangData, r: &Review) -> String {
        let fmt = l.fmt();
        fmt.tr(
            "review_label",
            &[("id", &r.id), ("date", &fmt.date(r.date))],
        )
    }

    /// "No update since Q2", for an item whose latest update was at review `since`.
    pub(crate) fn stale_text(
        &self,
        l: &LangData,
        y: &Year,
        since: Option<usize>,
    ) -> Option<String> {
        let r = y.reviews.get(since?)?;
        Some(l.fmt().tr("stale_since", &[("review", &r.id)]))
    }

    /// "as reported at Q1", for a value that is review `from`'s.
    pub(crate) fn carried_text(
        &self,
        l: &LangData,
        y: &Year,
        from: Option<usize>,
    ) -> Option<String> {
        let r = y.reviews.get(from?)?;
        Some(l.fmt().tr("review_carried", &[("review", &r.id)]))
    }

    /// A document as a link from a page in `dir`: a file of the site relative to it, an
    /// address elsewhere as written (and marked as leaving the site).
    pub(crate) fn document_link(&self, l: &LangData, e: &Evidence, dir: &str) -> EvidenceLink {
        let (href, external) = self.link_href(&e.link, dir);
        EvidenceLink {
            href,
            label: self.lt(&e.title, &l.code),
            external,
        }
    }

    /// Documents as links from a page in `dir`.
    pub(crate) fn document_links(
        &self,
        l: &LangData,
        evidence: &[Evidence],
        dir: &str,
    ) -> Vec<EvidenceLink> {
        evidence
            .iter()
            .map(|e| self.document_link(l, e, dir))
            .collect()
    }

    /// Where a link goes from a page in `dir`, and whether it leaves the site.
    pub(crate) fn link_href(&self, link: &Link, dir: &str) -> (String, bool) {
        match link {
            Link::Static(p) => (urls::relative(dir, p.trim_start_matches('/')), false),
            Link::External(url) => (url.clone(), true),
        }
    }

    /// "20 of 30 goals completed (2 not assessed)" at a review, or `None` without goals.
    pub(crate) fn review_goals_text(&self, l: &LangData, s: &ReviewSummary) -> Option<String> {
        let fmt = l.fmt();
        (s.goals.total > 0).then(|| {
            let mut text = fmt.tr(
                "headline_goals",
                &[
                    ("completed", &fmt.count(s.goals.completed)),
                    ("total", &fmt.count(s.goals.total)),
                ],
            );
            if s.goals_not_assessed > 0 {
                text.push_str(&fmt.tr(
                    "review_not_assessed_count",
                    &[("n", &fmt.count(s.goals_not_assessed))],
                ));
            }
            text
        })
    }

    /// "50 of 75 tasks done (3 not assessed)" at a review, or `None` without tasks.
    pub(crate) fn review_tasks_text(&self, l: &LangData, s: &ReviewSummary) -> Option<String> {
        let fmt = l.fmt();
        (s.tasks.total > 0).then(|| {
            let mut text = fmt.tr(
                "headline_tasks",
                &[
                    ("done", &fmt.count(s.tasks.done)),
                    ("total", &fmt.count(s.tasks.total)),
                ],
            );
            if s.tasks_not_assessed > 0 {
                text.push_str(&fmt.tr(
                    "review_not_assessed_count",
                    &[("n", &fmt.count(s.tasks_not_assessed))],
                ));
            }
            text
        })
    }

    /// Review `i` of year `y` in a list, linked from a page in `dir`.
    pub(crate) fn review_item(
        &self,
        l: &LangData,
        y: &Year,
        i: usize,
        dir: &str,
    ) -> Option<ReviewItem> {
        let r = y.reviews.get(i)?;
        Some(ReviewItem {
            id: r.id.clone(),
            href: urls::relative(dir, &self.path(&l.code, Target::Review(y.year, &r.slug))),
            title: self.review_title(l, r),
            date: date_view(&l.fmt(), r.date),
            goals_text: self.review_goals_text(l, &r.summary),
            tasks_text: self.review_tasks_text(l, &r.summary),
        })
    }

    /// The link to a task's record page from a page in `dir`.
    pub(crate) fn task_href(&self, l: &LangData, id: &str, dir: &str) -> String {
        let slug = crate::slug::slugify(id);
        urls::relative(dir, &self.path(&l.code, Target::Task(&slug)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(from: usize) -> TaskAt {
        TaskAt::Assessed {
            status: TaskStatus::Done,
            from,
        }
    }

    fn started(from: usize) -> TaskAt {
        TaskAt::Assessed {
            status: TaskStatus::InProgress,
            from,
        }
    }

    #[test]
    fn tasks_finish_and_start_between_reviews() {
        let not_started = TaskAt::Assessed {
            status: TaskStatus::NotStarted,
            from: 0,
        };
        assert_eq!(task_change(started(0), done(1)), Some(TaskChange::Finished));
        assert_eq!(
            task_change(not_started, done(1)),
            Some(TaskChange::Finished)
        );
        assert_eq!(
            task_change(not_started, started(1)),
            Some(TaskChange::Started)
        );
        assert_eq!(
            task_change(TaskAt::NotAssessed, started(1)),
            Some(TaskChange::Started)
        );
        assert_eq!(task_change(started(0), started(1)), None);
        assert_eq!(task_change(done(0), done(0)), None);
        assert_eq!(
            task_change(TaskAt::Absent, done(1)),
            None,
            "an added task is listed as added"
        );
        assert_eq!(task_change(started(0), TaskAt::NotAssessed), None);
    }

    #[test]
    fn a_value_from_an_earlier_review_is_carried() {
        assert_eq!(task_carried(done(0), 2), Some(0));
        assert_eq!(task_carried(done(2), 2), None);
        assert_eq!(task_carried(TaskAt::NotAssessed, 2), None);
    }
}
