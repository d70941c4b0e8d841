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
mod tests;
