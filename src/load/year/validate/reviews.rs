//! The rules of the committee's reviews and of each item's `history` (CONTRACT §4): review ids
//! give distinct slugs, dates are inside the year and in order, a `history` is a map from review
//! ids to values of the item's kind (a number in the goal's own rule, a task's status), names
//! only reviews of the year at which the item existed, and agrees with the current value at the
//! latest review. The states at each review then follow from `model::review`'s rules.

use super::{Checker, Item};
use crate::date::Date;
use crate::diag::{did_you_mean, Diagnostic};
use crate::load::year::raw::{RawHistory, RawReview, RawValue};
use crate::load::year::rules::completion_problem;
use crate::model::{
    existed, goal_states, parts_at, summary_at, task_states, with_value, Goal, GoalValue, Group,
    Plan, Review, ReviewSummary, Rule, Task, TaskStatus, TaskValue,
};
use crate::yaml::Seg;

/// The year's reviews, as far as they are valid: what each `history` is checked against.
pub(super) struct Reviews {
    /// Every review id written, those with a bad date too (so their names are not "unknown").
    written: Vec<String>,
    /// The reviews with a valid date, in file order (which must be date order).
    pub(super) list: Vec<Review>,
    /// Some review was left out for its date (an error already): which one is the latest is
    /// then not known.
    rejected: bool,
}

impl Reviews {
    /// The latest review, when it is known: not after a review was left out, which could have
    /// been the latest, so that nothing is checked against a guess.
    fn latest(&self) -> Option<usize> {
        if self.rejected {
            return None;
        }
        self.list.len().checked_sub(1)
    }

    fn dates(&self) -> Vec<Date> {
        self.list.iter().map(|r| r.date).collect()
    }

    /// The review an item's current value is the value of: the latest, if the item (of a plan
    /// dated `plan`) existed then. One planned after it has a value at no review.
    fn current_at(&self, plan: Option<PlanDate<'_>>) -> Option<usize> {
        let latest = self.latest()?;
        existed(plan.map(|p| p.date), self.list[latest].date).then_some(latest)
    }
}

/// The plan an item belongs to, where it has a date: before it, the item did not exist.
#[derive(Clone, Copy)]
pub(super) struct PlanDate<'a> {
    pub(super) id: &'a str,
    pub(super) date: Date,
}

/// Where in a `history` a problem is: the whole of it, an entry's review id, an entry's value.
#[derive(Clone, Copy)]
enum Place<'a> {
    Whole,
    Key(&'a str),
    Value(&'a str),
}

/// One entry of a `history`, once its review is known.
struct Entry {
    /// Index into `Reviews::list`.
    review: usize,
    /// The review id, as written.
    key: String,
    value: RawValue,
}

impl Checker<'_> {
    /// The `reviews:` of the year: dates inside `year` and in order, distinct slugs, documents.
    pub(super) fn reviews(&mut self, raw: Vec<RawReview>, year: i32) -> Reviews {
        let written = raw.iter().map(|r| r.id.clone()).collect();
        let mut list: Vec<Review> = Vec::new();
        let mut rejected = false;
        for (index, r) in raw.into_iter().enumerate() {
            let item = Item {
                list: "reviews",
                index,
                what: "review",
                id: &r.id,
            };
            if let Some(t) = &r.title {
                self.text(item, "title", t);
            }
            let document = r
                .document
                .as_deref()
                .and_then(|d| self.link(d, &item.at("document")));
            let evidence = self.evidence(item, r.evidence);
            let slug = crate::slug::slugify(&r.id);
            self.distinct_slug(item, &slug, &list);
            let Some(date) = self.date(Some(&r.date), &item.at("date")) else {
                rejected = true;
                continue;
            };
            if !self.review_date(item, date, year, list.last()) {
                rejected = true;
                continue;
            }
            list.push(Review {
                id: r.id,
                slug,
                date,
                title: r.title,
                document,
                evidence,
                summary: ReviewSummary::default(),
            });
        }
        Reviews {
            written,
            list,
            rejected,
        }
    }

    /// Two review ids that differ (`Q1`, `q1`) but would share one address.
    fn distinct_slug(&mut self, item: Item<'_>, slug: &str, before: &[Review]) {
        let Some(other) = before.iter().find(|o| o.slug == slug && o.id != item.id) else {
            return;
        };
        let d = self
            .loc
            .error(
                &item.at("id"),
                format!(
                    "review ids `{}` and `{}` give the same address `{slug}`",
                    other.id, item.id
                ),
            )
            .help("give the reviews ids that differ in more than case or punctuation, such as `Q1`, `Q2`");
        self.diags.push(d);
    }

    /// A review's date is inside the year and after the previous review's.
    fn review_date(
        &mut self,
        item: Item<'_>,
        date: Date,
        year: i32,
        prev: Option<&Review>,
    ) -> bool {
        let (message, help) = if date.year() != year {
            (
                format!("review `{}` is dated {date}, outside the year {year}", item.id),
                format!("a review of {year} is dated in {year}; a review of another year goes in that year's file"),
            )
        } else if let Some(p) = prev.filter(|p| p.date >= date) {
            let message = if p.date == date {
                format!(
                    "review `{}` is dated {date}, the same day as review `{}`",
                    item.id, p.id
                )
            } else {
                format!(
                    "reviews are out of date order: `{}` ({date}) comes after `{}` ({})",
                    item.id, p.id, p.date
                )
            };
            (message, "list the reviews in the order they were held, the earliest first, each on its own date".to_string())
        } else {
            return true;
        };
        let d = self.loc.error(&item.at("date"), message).help(help);
        self.diags.push(d);
        false
    }

    /// An error about an item's `history`, placed at `place` (or, where the file cannot say, at
    /// the `history` key).
    fn history_error(&mut self, item: Item<'_>, place: Place<'_>, message: String, help: String) {
        let history = item.at("history");
        let entry = |k: &str| {
            let mut entry = history.to_vec();
            entry.push(Seg::Key(k.to_string()));
            entry
        };
        let pos = match place {
            Place::Whole => None,
            Place::Key(k) => self.loc.key(&entry(k)),
            Place::Value(k) => self.loc.value(&entry(k)),
        };
        let pos = pos.or_else(|| self.loc.key(&history));
        let d = Diagnostic::error(self.loc.path(), message).help(help);
        let d = self.loc.place(d, pos);
        self.diags.push(d);
    }

    /// The entries of a `history` whose review exists, each once, at a review the item existed.
    fn history_entries(
        &mut self,
        item: Item<'_>,
        raw: Option<RawHistory>,
        plan: Option<PlanDate<'_>>,
        reviews: &Reviews,
        example: &str,
    ) -> Vec<Entry> {
        let Some(raw) = raw else { return Vec::new() };
        let (what, id) = (item.what, item.id);
        if reviews.written.is_empty() {
            let message = format!("{what} `{id}` has a `history`, but this year has no `reviews:`");
            let help = "add the year's reviews under `reviews:` (each with `id`, `date` and `title`), or remove `history`";
            self.history_error(item, Place::Whole, message, help.into());
            return Vec::new();
        }
        let entries = match raw {
            RawHistory::Map(entries) => entries,
            RawHistory::NotAMap(found) => {
                let message = format!(
                    "the `history` of {what} `{id}` is {found}, not a map of review ids to values"
                );
                let help = format!(
                    "write one `review id: value` per review, such as `history: {example}`"
                );
                self.history_error(item, Place::Whole, message, help);
                return Vec::new();
            }
        };
        let mut out: Vec<Entry> = Vec::new();
        for (key, value) in entries {
            if let Some(review) = self.history_review(item, &key, plan, reviews, &out) {
                out.push(Entry { review, key, value });
            }
        }
        out
    }

    /// The review an entry names, if it is one of the year's, named once, at which the item
    /// existed.
    fn history_review(
        &mut self,
        item: Item<'_>,
        key: &str,
        plan: Option<PlanDate<'_>>,
        reviews: &Reviews,
        before: &[Entry],
    ) -> Option<usize> {
        let (what, id) = (item.what, item.id);
        if !reviews.written.iter().any(|w| w == key) {
            let help = match did_you_mean(key, reviews.written.iter().map(String::as_str)) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the year's reviews are: {}", reviews.written.join(", ")),
            };
            let message = format!("the `history` of {what} `{id}` names review `{key}`, which is not one of the year's `reviews:`");
            self.history_error(item, Place::Key(key), message, help);
            return None;
        }
        // A review with a bad date is already an error: nothing more to say about it here.
        let index = reviews.list.iter().position(|r| r.id == key)?;
        if before.iter().any(|e| e.key == key) {
            let message = format!("the `history` of {what} `{id}` gives review `{key}` twice");
            self.history_error(
                item,
                Place::Key(key),
                message,
                "keep one value per review".into(),
            );
            return None;
        }
        let review = &reviews.list[index];
        if let Some(p) = plan.filter(|p| p.date > review.date) {
            let message = format!(
                "{what} `{id}` has a value at review `{key}` ({}), before its plan `{}` was issued ({})",
                review.date, p.id, p.date
            );
            let help = format!("a {what} does not exist at reviews held before its plan's date: remove `{key}` from its `history`, or correct the plan's `date`");
            self.history_error(item, Place::Key(key), message, help);
            return None;
        }
        Some(index)
    }

    /// A goal's `history`, checked against its rule, with its current value at the latest
    /// review; and its state at each review.
    pub(super) fn goal_history(
        &mut self,
        item: Item<'_>,
        raw: Option<RawHistory>,
        goal: &mut Goal,
        plan: Option<PlanDate<'_>>,
        reviews: &Reviews,
    ) {
        let (field, current) = match goal.rule {
            Rule::Progress(p) => ("progress", p),
            Rule::Target { actual, .. } => ("actual", actual),
        };
        let example = "{Q1: 40, Q2: 70}";
        let entries = self.history_entries(item, raw, plan, reviews, example);
        let latest = reviews.current_at(plan);
        let mut values = Vec::new();
        for e in entries {
            let Some(value) = self.goal_value(item, field, goal.rule, &e) else {
                continue;
            };
            if Some(e.review) == latest && value != current {
                let message = format!(
                    "goal `{}` has `{}: {}` in its `history`, but its `{field}` is {}: at the latest review they must agree",
                    item.id, e.key, value, current
                );
                let help = format!("the goal's own `{field}` is its value at the latest review: remove `{}` from `history`, or correct one of the two", e.key);
                self.history_error(item, Place::Value(&e.key), message, help);
                continue;
            }
            values.push(GoalValue {
                review: e.review,
                value,
                written: true,
            });
        }
        if let Some(l) = latest.filter(|l| !values.iter().any(|v| v.review == *l)) {
            values.push(GoalValue {
                review: l,
                value: current,
                written: false,
            });
        }
        values.sort_by_key(|v| v.review);
        goal.at_reviews = goal_states(goal.rule, &values, plan.map(|p| p.date), &reviews.dates());
        goal.history = values;
    }

    /// A number in the goal's rule, whose completion computes.
    fn goal_value(&mut self, item: Item<'_>, field: &str, rule: Rule, e: &Entry) -> Option<f64> {
        let id = item.id;
        let key = &e.key;
        let (message, help) = match &e.value {
            RawValue::Number(v) => match with_value(rule, *v).completion() {
                Ok(_) => return Some(*v),
                Err(why) => {
                    let p = completion_problem(id, &rule, Some(key), why);
                    (p.message, p.help)
                }
            },
            RawValue::Text(t) if TaskStatus::ALL.iter().any(|s| s.key() == t) => (
                format!("goal `{id}` has the status `{t}` at review `{key}`: a goal's `history` holds numbers"),
                format!("write the goal's `{field}` at that review, such as `{key}: 40`; statuses belong to tasks"),
            ),
            RawValue::Text(t) => (
                format!("goal `{id}` has the text `{t}` at review `{key}`, where its `{field}` goes"),
                "write a plain number such as `40` or `85.5`, without quotes, units or a `%` sign".to_string(),
            ),
            RawValue::Other(found) => (
                format!("goal `{id}` has {found} at review `{key}`, where its `{field}` goes"),
                format!("write a plain number, such as `{key}: 40`"),
            ),
        };
        self.history_error(item, Place::Value(key), message, help);
        None
    }

    /// A task's `history` of statuses, with its current status at the latest review; and its
    /// state at each review.
    pub(super) fn task_history(
        &mut self,
        item: Item<'_>,
        raw: Option<RawHistory>,
        task: &mut Task,
        plan: Option<PlanDate<'_>>,
        reviews: &Reviews,
    ) {
        let example = "{Q1: not_started, Q2: in_progress}";
        let entries = self.history_entries(item, raw, plan, reviews, example);
        let latest = reviews.current_at(plan);
        let mut values = Vec::new();
        for e in entries {
            let Some(status) = self.task_value(item, &e) else {
                continue;
            };
            if Some(e.review) == latest && status != task.status {
                let message = format!(
                    "task `{}` has `{}: {}` in its `history`, but its `status` is `{}`: at the latest review they must agree",
                    item.id, e.key, status.key(), task.status.key()
                );
                let help = format!("the task's own `status` is its status at the latest review: remove `{}` from `history`, or correct one of the two", e.key);
                self.history_error(item, Place::Value(&e.key), message, help);
                continue;
            }
            values.push(TaskValue {
                review: e.review,
                status,
                written: true,
            });
        }
        if let Some(l) = latest.filter(|l| !values.iter().any(|v| v.review == *l)) {
            values.push(TaskValue {
                review: l,
                status: task.status,
                written: false,
            });
        }
        values.sort_by_key(|v| v.review);
        task.at_reviews = task_states(&values, plan.map(|p| p.date), &reviews.dates());
        task.history = values;
    }

    /// One of the statuses.
    fn task_value(&mut self, item: Item<'_>, e: &Entry) -> Option<TaskStatus> {
        let (id, key) = (item.id, &e.key);
        let statuses = TaskStatus::ALL.map(TaskStatus::key);
        let all = statuses.join(", ");
        let (message, help) = match &e.value {
            RawValue::Text(t) => {
                if let Some(s) = TaskStatus::ALL.into_iter().find(|s| s.key() == t) {
                    return Some(s);
                }
                let help = match did_you_mean(t, statuses) {
                    Some(s) => format!("did you mean `{s}`? A task's status is one of: {all}"),
                    None => format!("a task's status is one of: {all}"),
                };
                (format!("task `{id}` has `{t}` at review `{key}`, which is not a status"), help)
            }
            RawValue::Number(n) => (
                format!("task `{id}` has the number {} at review `{key}`: a task's `history` holds statuses", n),
                format!("write its status at that review, one of: {all}; numbers belong to goals"),
            ),
            RawValue::Other(found) => (
                format!("task `{id}` has {found} at review `{key}`, where its status goes"),
                format!("write one of: {all}"),
            ),
        };
        self.history_error(item, Place::Value(key), message, help);
        None
    }

    /// A warning for an item whose plan is dated after the latest review (when it is known): no
    /// review counts it, though the year does.
    pub(super) fn after_latest_review(
        &mut self,
        item: Item<'_>,
        plan: Option<PlanDate<'_>>,
        reviews: &Reviews,
    ) {
        let (Some(p), Some(last)) = (plan, reviews.latest().map(|l| &reviews.list[l])) else {
            return;
        };
        if p.date <= last.date {
            return;
        }
        let d = self
            .loc
            .warning(
                &item.at("plan"),
                format!(
                    "{} `{}` belongs to plan `{}` of {}, after the latest review `{}` ({}): the year counts it, but no review does",
                    item.what, item.id, p.id, p.date, last.id, last.date
                ),
            )
            .help("add the review that assessed it under `reviews:`, or correct the plan's `date`");
        self.diags.push(d);
    }
}

/// Each review's counts, from the goals' and tasks' states.
pub(super) fn fill_summaries(
    reviews: &mut [Review],
    goals: &[Goal],
    tasks: &[Task],
    plans: &[Plan],
    groups: &[Group],
) {
    let goal_states: Vec<&[_]> = goals.iter().map(|g| g.at_reviews.as_slice()).collect();
    let task_states: Vec<&[_]> = tasks.iter().map(|t| t.at_reviews.as_slice()).collect();
    for (r, review) in reviews.iter_mut().enumerate() {
        let mut summary = summary_at(r, &goal_states, &task_states);
        (summary.plans, summary.groups) = parts_at(r, review.date, goals, tasks, plans, groups);
        review.summary = summary;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::{Bucket, GoalAt, TaskAt, Year};

    const REVIEWS: &str = "year: 2023
plans:
  - {id: A, date: 2023-03-10}
  - {id: B, date: 2023-07-14}
reviews:
  - {id: Q1, date: 2023-04-12, title: {vi: Quý I, en: Q1}}
  - {id: Q2, date: 2023-07-14, title: {vi: Quý II, en: Q2}}
  - {id: Q4, date: 2023-12-19, title: {vi: Tổng kết, en: Year end}}
";

    fn load(rest: &str) -> (Option<Year>, Diagnostics) {
        let config = crate::fuzzing::config(true);
        crate::fuzzing::year_from_text(&format!("{REVIEWS}{rest}"), &config)
    }

    /// The one error of `rest`: its line and message, and its help.
    fn error(rest: &str) -> (usize, String, String) {
        let (year, d) = load(rest);
        assert!(year.is_none(), "{rest}");
        let errors: Vec<_> = d.iter().filter(|x| x.is_error()).collect();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let e = errors[0];
        let line = e.line().expect("a line") - REVIEWS.lines().count();
        (line, e.message.clone(), e.help.clone().unwrap_or_default())
    }

    fn completions(states: &[GoalAt]) -> Vec<Option<f64>> {
        states
            .iter()
            .map(|s| match s {
                GoalAt::Assessed { completion, .. } => Some(*completion),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn states_at_each_review_follow_the_history_and_the_plans() {
        let (year, d) = load(
            "goals:
  - {id: G1, title: {vi: a, en: a}, plan: A, target: 10, actual: 10, history: {Q1: 4}}
  - {id: G2, title: {vi: b, en: b}, plan: B, progress: 60}
tasks:
  - {id: T1, title: {vi: c, en: c}, plan: A, status: done, history: {Q1: not_started, Q2: in_progress}}
  - {id: T2, title: {vi: d, en: d}, status: in_progress}
",
        );
        assert!(!d.has_errors(), "{d:?}");
        let y = year.expect("the year");
        assert_eq!(
            y.reviews
                .iter()
                .map(|r| r.slug.as_str())
                .collect::<Vec<_>>(),
            ["q1", "q2", "q4"]
        );
        let g1 = &y.goals[0];
        assert_eq!(
            g1.history,
            [
                GoalValue {
                    review: 0,
                    value: 4.0,
                    written: true,
                },
                GoalValue {
                    review: 2,
                    value: 10.0,
                    written: false,
                }
            ],
            "the current value is the latest review's"
        );
        assert_eq!(
            completions(&g1.at_reviews),
            [Some(40.0), Some(40.0), Some(100.0)]
        );
        let g2 = &y.goals[1];
        assert_eq!(g2.at_reviews[0], GoalAt::Absent, "plan B is dated after Q1");
        assert_eq!(g2.at_reviews[1], GoalAt::NotAssessed);
        assert!(matches!(
            g2.at_reviews[2],
            GoalAt::Assessed {
                bucket: Bucket::Between50And70,
                from: 2,
                ..
            }
        ));
        assert_eq!(y.tasks[1].at_reviews[0], TaskAt::NotAssessed);
        let q1 = &y.reviews[0].summary;
        assert_eq!(
            (q1.goals.total, q1.goals.below_50, q1.goals_not_assessed),
            (1, 1, 0)
        );
        assert_eq!(
            (q1.tasks.total, q1.tasks.not_started, q1.tasks_not_assessed),
            (2, 1, 1)
        );
        let q2 = &y.reviews[1].summary;
        assert_eq!((q2.goals.total, q2.goals_not_assessed), (2, 1));
        let q4 = &y.reviews[2].summary;
        assert_eq!(
            (
                q4.goals.completed,
                q4.goals.between_50_70,
                q4.goals_not_assessed
            ),
            (1, 1, 0)
        );
        assert_eq!(
            (q4.tasks.done, q4.tasks.in_progress),
            (y.summary.tasks.done, y.summary.tasks.in_progress)
        );
    }

    #[test]
    fn review_ids_are_texts_as_written_in_reviews_and_in_history() {
        let config = crate::fuzzing::config(true);
        let text = "year: 2023\nreviews:\n  - {id: 01, date: 2023-04-01}\n  - {id: 2, date: 2023-07-01}\ngoals:\n  - {id: G1, title: a, progress: 5, history: {01: 1}}\n";
        let (y, d) = crate::fuzzing::year_from_text(text, &config);
        assert!(!d.has_errors(), "{d:?}");
        let y = y.expect("the year");
        assert_eq!(
            y.reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["01", "2"]
        );
        assert_eq!(
            y.goals[0].history,
            [
                GoalValue {
                    review: 0,
                    value: 1.0,
                    written: true,
                },
                GoalValue {
                    review: 1,
                    value: 5.0,
                    written: false,
                }
            ]
        );
    }

    #[test]
    fn items_not_updated_since_an_earlier_review_are_stale() {
        let (year, d) = load(
            "goals:
  - {id: same, title: a, target: 10, actual: 4, history: {Q1: 4}}
  - {id: moved, title: a, target: 10, actual: 6, history: {Q1: 4}}
  - {id: confirmed, title: a, target: 10, actual: 4, history: {Q1: 4, Q4: 4}}
  - {id: untracked, title: a, target: 10, actual: 4}
  - {id: finished, title: a, target: 10, actual: 10, history: {Q2: 10}}
tasks:
  - {id: waiting, title: a, status: in_progress, history: {Q1: not_started, Q2: in_progress}}
  - {id: done, title: a, status: done, history: {Q2: done}}
",
        );
        assert!(!d.has_errors(), "{d:?}");
        let y = year.expect("the year");
        let goals: Vec<_> = y
            .goals
            .iter()
            .map(|g| (g.id.as_str(), g.stale_since()))
            .collect();
        assert_eq!(
            goals,
            [
                ("same", Some(0)),
                ("moved", None),
                ("confirmed", None),
                ("untracked", None),
                ("finished", None)
            ]
        );
        let tasks: Vec<_> = y
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.stale_since()))
            .collect();
        assert_eq!(tasks, [("waiting", Some(1)), ("done", None)]);
    }

    #[test]
    fn a_year_without_reviews_has_no_states() {
        let config = crate::fuzzing::config(true);
        let (y, d) = crate::fuzzing::year_from_text(
            "year: 2023\ngoals:\n  - {id: G1, title: a, progress: 5}\ntasks:\n  - {id: T1, title: t, status: done}\n",
            &config,
        );
        assert!(!d.has_errors());
        let y = y.expect("the year");
        assert!(y.reviews.is_empty());
        assert!(y.goals[0].history.is_empty() && y.goals[0].at_reviews.is_empty());
        assert!(y.tasks[0].history.is_empty() && y.tasks[0].at_reviews.is_empty());
    }

    #[test]
    fn history_errors_name_the_entry_and_say_what_to_write() {
        let goal = |h: &str| {
            format!("goals:\n  - id: G1\n    title: {{vi: a, en: a}}\n    plan: B\n    progress: 60\n    history: {h}\n")
        };
        let cases: Vec<(String, &str, &str)> = vec![
            (
                goal("{Q3: 40}"),
                "names review `Q3`, which is not one of",
                "did you mean `Q1`?",
            ),
            (
                goal("{Q2: 40, Q2: 50}"),
                "gives review `Q2` twice",
                "one value per review",
            ),
            (
                goal("[40, 70]"),
                "is a list, not a map",
                "`history: {Q1: 40, Q2: 70}`",
            ),
            (
                goal("{Q2: done}"),
                "status `done` at review `Q2`",
                "statuses belong to tasks",
            ),
            (
                goal("{Q2: forty}"),
                "the text `forty` at review `Q2`",
                "plain number",
            ),
            (goal("{Q2: [1]}"), "a list at review `Q2`", "plain number"),
            (
                goal("{Q4: 55}"),
                "`Q4: 55` in its `history`, but its `progress` is 60",
                "remove `Q4`",
            ),
            (
                goal("{Q1: 10}"),
                "value at review `Q1` (2023-04-12), before its plan `B` was issued (2023-07-14)",
                "correct the plan's `date`",
            ),
        ];
        for (rest, says, hint) in cases {
            let (line, message, help) = error(&rest);
            assert_eq!(line, 6, "{message}");
            assert!(message.contains(says), "{message}");
            assert!(help.contains(hint), "{help}");
        }
        let task = |h: &str| {
            format!("tasks:\n  - id: T1\n    title: {{vi: a, en: a}}\n    status: done\n    history: {h}\n")
        };
        for (h, says, hint) in [
            (
                "{Q1: 40}",
                "the number 40 at review `Q1`",
                "numbers belong to goals",
            ),
            (
                "{Q1: in-progress}",
                "`in-progress` at review `Q1`, which is not a status",
                "did you mean `in_progress`?",
            ),
            (
                "{Q4: in_progress}",
                "`Q4: in_progress` in its `history`, but its `status` is `done`",
                "correct one of the two",
            ),
        ] {
            let (line, message, help) = error(&task(h));
            assert_eq!(line, 5, "{message}");
            assert!(message.contains(says), "{message}");
            assert!(help.contains(hint), "{help}");
        }
    }

    /// A `history` value whose completion is beyond what a report can show is told so, with the
    /// current value's limits and hint, not as "not a finite number".
    #[test]
    fn a_history_value_beyond_the_limits_gets_the_current_value_s_message() {
        let goal = |rule: &str, h: &str| {
            format!(
                "goals:\n  - id: G1\n    title: {{vi: a, en: a}}\n    {rule}\n    history: {h}\n"
            )
        };
        let current = error(&goal("progress: 1e20", "{Q1: 5}")).1;
        let beyond = "beyond what a report can show: its values are at most ±1,000,000,000,000,000 and its completion at most ±1,000,000 %";
        assert!(current.contains(beyond), "{current}");
        for (rule, h, hint) in [
            ("progress: 80", "{Q1: 2000000}", "`Q1: 85`"),
            ("progress: 80", "{Q1: 1e16}", "`Q1: 85`"),
            (
                "target: 100\n    actual: 100",
                "{Q1: 1e14}",
                "as the plan states it",
            ),
        ] {
            let (line, message, help) = error(&goal(rule, h));
            let rule_lines = rule.lines().count();
            assert_eq!(line, 4 + rule_lines, "{message}");
            assert_eq!(
                message,
                format!("goal `G1` has a completion at review `Q1` {beyond}")
            );
            assert!(help.contains("most likely a typing error"), "{help}");
            assert!(help.contains(hint), "{help}");
        }
        let (_, message, help) = error(&goal("progress: 80", "{Q1: .nan}"));
        assert!(
            message.contains("completion at review `Q1` that is not a finite number"),
            "{message}"
        );
        assert!(help.contains("not `.inf` or `.nan`"), "{help}");
    }

    #[test]
    fn review_errors_are_placed_on_their_date_or_id() {
        let config = crate::fuzzing::config(true);
        let one = |reviews: &str| {
            let text = format!("year: 2023\nreviews:\n{reviews}");
            let (y, d) = crate::fuzzing::year_from_text(&text, &config);
            assert!(y.is_none(), "{text}");
            let e = d.iter().find(|x| x.is_error()).expect("an error").clone();
            (e.line(), e.message, e.help.unwrap_or_default())
        };
        let (line, m, h) = one("  - {id: Q1, date: 2024-01-05}\n");
        assert_eq!(line, Some(3));
        assert!(
            m.contains("outside the year 2023") && h.contains("that year's file"),
            "{m}"
        );
        let (line, m, h) = one("  - {id: Q2, date: 2023-07-01}\n  - {id: Q1, date: 2023-04-01}\n");
        assert_eq!(line, Some(4));
        assert!(
            m.contains("out of date order: `Q1` (2023-04-01) comes after `Q2`"),
            "{m}"
        );
        assert!(h.contains("earliest first"), "{h}");
        let (_, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: Q2, date: 2023-04-01}\n");
        assert!(m.contains("the same day as review `Q1`"), "{m}");
        let (line, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: Q1, date: 2023-07-01}\n");
        assert_eq!(line, Some(4));
        assert!(
            m.contains("duplicate review id `Q1` (first used on line 3)"),
            "{m}"
        );
        let (_, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: q1, date: 2023-07-01}\n");
        assert!(m.contains("give the same address `q1`"), "{m}");
        let (line, m, h) = one("  - {id: [Q1], date: 2023-04-01}\n");
        assert_eq!(line, Some(3));
        assert!(m.contains("expected a text, found a list"), "{m}");
        assert!(h.contains("write a text"), "{h}");
        let (line, m, _) = one("  - {id: ~, date: 2023-04-01}\n");
        assert_eq!(line, Some(3));
        assert!(m.contains("means no id"), "{m}");
        let (_, m, _) = one("  - {id: Q1, date: 2023-04-01, document: /bien-ban.pdf}\n");
        assert!(
            m.contains("`/bien-ban.pdf` names no file of `content/static/`"),
            "{m}"
        );
    }

    #[test]
    fn history_without_reviews_is_an_error() {
        let config = crate::fuzzing::config(true);
        let text =
            "year: 2023\ngoals:\n  - id: G1\n    title: a\n    progress: 5\n    history: {Q1: 2}\n";
        let (y, d) = crate::fuzzing::year_from_text(text, &config);
        assert!(y.is_none());
        let e = d.iter().find(|x| x.is_error()).expect("an error");
        assert_eq!(e.line(), Some(6));
        assert!(
            e.message
                .contains("has a `history`, but this year has no `reviews:`"),
            "{}",
            e.message
        );
    }

    /// A review left out for its date (outside the year, on another's day, out of order, not a
    /// date) is its one error: which review is the latest is not known, so nothing is checked
    /// against a guess (a `history` value that must agree with the current one, a plan after
    /// the latest review).
    #[test]
    fn a_rejected_review_is_the_only_error() {
        let config = crate::fuzzing::config(true);
        let items = "plans:\n  - {id: P, date: 2023-06-01}\ngoals:\n  - {id: G1, title: {vi: a, en: a}, target: 100, actual: 100, history: {Q1: 40}}\n  - {id: G2, title: {vi: a, en: a}, plan: P, progress: 5}\ntasks:\n  - {id: T1, title: {vi: a, en: a}, status: done, history: {Q1: in_progress}}\n";
        for (q2, says) in [
            ("2024-01-02", "outside the year 2023"),
            ("2023-04-10", "the same day as review `Q1`"),
            ("2023-02-10", "out of date order"),
            ("2023-11-31", "bad date"),
        ] {
            let reviews = format!("  - {{id: Q1, date: 2023-04-10}}\n  - {{id: Q2, date: {q2}}}\n");
            let text = format!("year: 2023\nreviews:\n{reviews}{items}");
            let (y, d) = crate::fuzzing::year_from_text(&text, &config);
            assert!(y.is_none(), "{text}");
            let said: Vec<&str> = d.iter().map(|x| x.message.as_str()).collect();
            assert_eq!(said.len(), 1, "{said:#?}");
            assert!(said[0].contains(says), "{said:?}");
        }
    }

    /// An item whose plan is dated after the latest review did not exist at any review: it
    /// has no value at one, not even the latest (where the current value would go).
    #[test]
    fn an_item_planned_after_the_latest_review_has_no_history() {
        let config = crate::fuzzing::config(true);
        let text = "year: 2023\nplans:\n  - {id: C, date: 2023-11-01}\nreviews:\n  - {id: Q1, date: 2023-04-10}\n  - {id: Q3, date: 2023-10-10}\ngoals:\n  - {id: G1, title: a, plan: C, progress: 50}\ntasks:\n  - {id: T1, title: a, plan: C, status: done}\n";
        let (year, d) = crate::fuzzing::year_from_text(text, &config);
        assert!(!d.has_errors(), "{d:?}");
        let y = year.expect("the year");
        assert_eq!(y.goals[0].history, []);
        assert_eq!(y.goals[0].at_reviews, [GoalAt::Absent; 2]);
        assert_eq!(y.tasks[0].history, []);
        assert_eq!(y.tasks[0].at_reviews, [TaskAt::Absent; 2]);
        assert_eq!(y.reviews[1].summary.goals.total, 0);
        assert_eq!(y.summary.goals.total, 1, "the year counts it");
    }

    #[test]
    fn an_item_planned_after_the_latest_review_is_a_warning() {
        let config = crate::fuzzing::config(true);
        let text = "year: 2023\nplans:\n  - {id: C, date: 2023-12-20}\nreviews:\n  - {id: Q4, date: 2023-12-19}\ngoals:\n  - {id: G1, title: a, plan: C, progress: 5}\n";
        let (y, d) = crate::fuzzing::year_from_text(text, &config);
        assert!(y.is_some() && !d.has_errors(), "{d:?}");
        let w = d
            .iter()
            .find(|x| x.message.contains("no review does"))
            .expect("the warning");
        assert_eq!(w.line(), Some(7));
    }
}
