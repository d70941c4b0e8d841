//! The committee's reviews through the year (CONTRACT §4) and each goal's and task's state at
//! each of them, computed once from the records. Pure.
//!
//! The rules, in one place:
//! - the year's own values (`actual`, `progress`, `status`) are the state at the latest review;
//! - at an earlier review R, an item's state is its `history` value at the latest review dated
//!   on or before R;
//! - an item with no such value whose plan is dated on or before R (or that has no dated plan)
//!   is *not assessed* at R; an item whose plan is dated after R did not exist yet at R;
//! - an item is *not updated since* an earlier review R when `history` gives no value at the
//!   latest review and its current value is the one it had at R, its last value before; a
//!   finished item (a goal completed, a task done) has nothing left to update.

use super::{Bucket, Goal, Group, Localized, PartCounts, Plan, Rule, Task, TaskStatus};
use crate::date::Date;

/// A document offered as evidence, or a review's minutes: a file of the site (its path under
/// the site root, `/ke-hoach/bien-ban-q1.pdf`) or an address elsewhere (`https://…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A file of `content/static/`, by its path under the site root (starts with `/`).
    Static(String),
    /// An `http://` or `https://` address.
    External(String),
}

/// One document that supports a goal, task, plan or review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What the document is.
    pub title: Localized,
    /// Where it is.
    pub link: Link,
}

/// A meeting at which the committee assessed the year's goals and tasks.
#[derive(Debug, Clone)]
pub struct Review {
    /// As written (`Q1`), unique in the year.
    pub id: String,
    /// URL-safe form of the id (`q1`).
    pub slug: String,
    /// The meeting's date, inside the year; reviews are kept in date order.
    pub date: Date,
    /// The meeting's title.
    pub title: Option<Localized>,
    /// Its minutes or report.
    pub document: Option<Link>,
    /// Other documents.
    pub evidence: Vec<Evidence>,
    /// The counts at this review.
    pub summary: ReviewSummary,
}

/// A goal's value at one review: the value of its own rule (`actual`, or `progress`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalValue {
    /// Index into `Year::reviews`.
    pub review: usize,
    /// The value as written in `history` (or the current value, for the latest review).
    pub value: f64,
    /// Written in `history`; `false` for the current value, which the loader adds at the latest
    /// review when `history` does not give it (and the goal existed then).
    pub written: bool,
}

/// A task's status at one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskValue {
    /// Index into `Year::reviews`.
    pub review: usize,
    /// The status as written in `history` (or the current status, for the latest review).
    pub status: TaskStatus,
    /// Written in `history`; `false` for the current status, added at the latest review (if the
    /// task existed then).
    pub written: bool,
}

/// A goal at one review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GoalAt {
    /// Its plan is dated after the review: it did not exist yet, and is not counted.
    Absent,
    /// It existed, but no value was reported for it at or before this review.
    NotAssessed,
    /// Its completion at the review, and the bucket that puts it in.
    Assessed {
        /// Completion in percent, rounded to 2 decimals.
        completion: f64,
        /// Its bucket.
        bucket: Bucket,
        /// The review whose value this is (this one, or an earlier one).
        from: usize,
    },
}

/// A task at one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskAt {
    /// Its plan is dated after the review: it did not exist yet, and is not counted.
    Absent,
    /// It existed, but no status was reported for it at or before this review.
    NotAssessed,
    /// Its status at the review.
    Assessed {
        /// The status.
        status: TaskStatus,
        /// The review whose value this is (this one, or an earlier one).
        from: usize,
    },
}

/// Counts at one review. `total` counts every item that existed at the review, those not
/// assessed included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewSummary {
    /// Goals per bucket, with `total` over every existing goal.
    pub goals: super::GoalCounts,
    /// Goals that existed but had no value.
    pub goals_not_assessed: usize,
    /// Tasks per status, with `total` over every existing task.
    pub tasks: super::TaskCounts,
    /// Tasks that existed but had no status.
    pub tasks_not_assessed: usize,
    /// Per plan that existed at the review (dated on or before it, or undated), in the order
    /// the plans are defined: its goals and tasks that existed, and its goals completed then.
    pub plans: Vec<PartCounts>,
    /// Per group, in the order the groups are defined, counted as `plans`.
    pub groups: Vec<PartCounts>,
}

/// Whether an item whose plan is dated `plan_date` existed at a review dated `at`.
pub fn existed(plan_date: Option<Date>, at: Date) -> bool {
    plan_date.is_none_or(|d| d <= at)
}

/// A goal at each review (`dates`, in order): `history` holds its values, sorted by review,
/// the current value included for the latest review by the loader.
pub fn goal_states(
    rule: Rule,
    history: &[GoalValue],
    plan_date: Option<Date>,
    dates: &[Date],
) -> Vec<GoalAt> {
    (0..dates.len())
        .map(|r| {
            if !existed(plan_date, dates[r]) {
                return GoalAt::Absent;
            }
            let latest = history
                .iter()
                .filter(|v| v.review < dates.len() && dates[v.review] <= dates[r])
                .max_by_key(|v| v.review);
            match latest.and_then(|v| Some((with_value(rule, v.value).completion().ok()?, v))) {
                Some((completion, v)) => GoalAt::Assessed {
                    completion,
                    bucket: Bucket::of(completion),
                    from: v.review,
                },
                None => GoalAt::NotAssessed,
            }
        })
        .collect()
}

/// A task at each review, as [`goal_states`].
pub fn task_states(history: &[TaskValue], plan_date: Option<Date>, dates: &[Date]) -> Vec<TaskAt> {
    (0..dates.len())
        .map(|r| {
            if !existed(plan_date, dates[r]) {
                return TaskAt::Absent;
            }
            let latest = history
                .iter()
                .filter(|v| v.review < dates.len() && dates[v.review] <= dates[r])
                .max_by_key(|v| v.review);
            match latest {
                Some(v) => TaskAt::Assessed {
                    status: v.status,
                    from: v.review,
                },
                None => TaskAt::NotAssessed,
            }
        })
        .collect()
}

/// The rule with its measured value (`actual`, or `progress`) replaced by `value`.
pub fn with_value(rule: Rule, value: f64) -> Rule {
    match rule {
        Rule::Progress(_) => Rule::Progress(value),
        Rule::Target {
            target, baseline, ..
        } => Rule::Target {
            target,
            actual: value,
            baseline,
        },
    }
}

/// The counts at review `r` of goals and tasks in the given states (each item's states are
/// indexed by review).
pub fn summary_at(r: usize, goals: &[&[GoalAt]], tasks: &[&[TaskAt]]) -> ReviewSummary {
    let mut s = ReviewSummary::default();
    for states in goals {
        match states.get(r) {
            None | Some(GoalAt::Absent) => {}
            Some(GoalAt::NotAssessed) => {
                s.goals.total += 1;
                s.goals_not_assessed += 1;
            }
            Some(GoalAt::Assessed { bucket, .. }) => {
                s.goals.total += 1;
                match bucket {
                    Bucket::Completed => s.goals.completed += 1,
                    Bucket::Above70 => s.goals.above_70 += 1,
                    Bucket::Between50And70 => s.goals.between_50_70 += 1,
                    Bucket::Below50 => s.goals.below_50 += 1,
                }
            }
        }
    }
    for states in tasks {
        match states.get(r) {
            None | Some(TaskAt::Absent) => {}
            Some(TaskAt::NotAssessed) => {
                s.tasks.total += 1;
                s.tasks_not_assessed += 1;
            }
            Some(TaskAt::Assessed { status, .. }) => {
                s.tasks.total += 1;
                match status {
                    TaskStatus::Done => s.tasks.done += 1,
                    TaskStatus::InProgress => s.tasks.in_progress += 1,
                    TaskStatus::NotStarted => s.tasks.not_started += 1,
                }
            }
        }
    }
    s
}

/// The counts per plan and per group at review `r`, dated `at` (see [`ReviewSummary`]): goals
/// and tasks by their states at `r`, as the loader filled them.
pub fn parts_at(
    r: usize,
    at: Date,
    goals: &[Goal],
    tasks: &[Task],
    plans: &[Plan],
    groups: &[Group],
) -> (Vec<PartCounts>, Vec<PartCounts>) {
    let goal_exists = |g: &&Goal| !matches!(g.at_reviews.get(r), None | Some(GoalAt::Absent));
    let task_exists = |t: &&Task| !matches!(t.at_reviews.get(r), None | Some(TaskAt::Absent));
    let count =
        |id: &str, of_goal: fn(&Goal) -> Option<&str>, of_task: fn(&Task) -> Option<&str>| {
            let named: Vec<&Goal> = goals
                .iter()
                .filter(goal_exists)
                .filter(|g| of_goal(g) == Some(id))
                .collect();
            let completed = named
                .iter()
                .filter(|g| {
                    matches!(
                        g.at_reviews.get(r),
                        Some(GoalAt::Assessed {
                            bucket: Bucket::Completed,
                            ..
                        })
                    )
                })
                .count();
            PartCounts {
                id: id.to_string(),
                goals: named.len(),
                completed,
                tasks: tasks
                    .iter()
                    .filter(task_exists)
                    .filter(|t| of_task(t) == Some(id))
                    .count(),
            }
        };
    let plans = plans
        .iter()
        .filter(|p| existed(p.date, at))
        .map(|p| count(&p.id, |g| g.plan.as_deref(), |t| t.plan.as_deref()))
        .collect();
    let groups = groups
        .iter()
        .map(|gr| count(&gr.id, |g| g.group.as_deref(), |t| t.group.as_deref()))
        .collect();
    (plans, groups)
}

impl Goal {
    /// The review (an index into `Year::reviews`) since which this goal has had no new value,
    /// where the latest review brought none (see the module's rules); `None` when it is up to
    /// date, completed, or the year has no reviews.
    pub fn stale_since(&self) -> Option<usize> {
        if self.bucket == Bucket::Completed {
            return None;
        }
        let (last, before) = self.history.split_last()?;
        let prev = before.last()?;
        let unchanged = !last.written && prev.value == last.value;
        (unchanged && last.review + 1 == self.at_reviews.len()).then_some(prev.review)
    }
}

impl Task {
    /// The review since which this task has had no new status, as [`Goal::stale_since`]; a
    /// task done is never stale.
    pub fn stale_since(&self) -> Option<usize> {
        if self.status == TaskStatus::Done {
            return None;
        }
        let (last, before) = self.history.split_last()?;
        let prev = before.last()?;
        let unchanged = !last.written && prev.status == last.status;
        (unchanged && last.review + 1 == self.at_reviews.len()).then_some(prev.review)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn dates() -> Vec<Date> {
        ["2023-04-12", "2023-07-14", "2023-10-15", "2023-12-19"]
            .iter()
            .map(|s| d(s))
            .collect()
    }

    fn target() -> Rule {
        Rule::Target {
            target: 100.0,
            actual: 100.0,
            baseline: None,
        }
    }

    #[test]
    fn a_goal_takes_its_latest_value_at_or_before_each_review() {
        let history = [
            GoalValue {
                review: 0,
                value: 40.0,
                written: true,
            },
            GoalValue {
                review: 2,
                value: 90.0,
                written: true,
            },
            GoalValue {
                review: 3,
                value: 100.0,
                written: true,
            },
        ];
        let states = goal_states(target(), &history, None, &dates());
        let completions: Vec<Option<(f64, usize)>> = states
            .iter()
            .map(|s| match s {
                GoalAt::Assessed {
                    completion, from, ..
                } => Some((*completion, *from)),
                _ => None,
            })
            .collect();
        assert_eq!(
            completions,
            [
                Some((40.0, 0)),
                Some((40.0, 0)),
                Some((90.0, 2)),
                Some((100.0, 3))
            ]
        );
    }

    #[test]
    fn a_goal_set_later_is_absent_before_and_not_assessed_without_values() {
        let plan = Some(d("2023-07-14"));
        let states = goal_states(
            target(),
            &[GoalValue {
                review: 3,
                value: 60.0,
                written: true,
            }],
            plan,
            &dates(),
        );
        assert_eq!(states[0], GoalAt::Absent);
        assert_eq!(
            states[1],
            GoalAt::NotAssessed,
            "plan on the review's own day"
        );
        assert_eq!(states[2], GoalAt::NotAssessed);
        assert!(matches!(
            states[3],
            GoalAt::Assessed {
                bucket: Bucket::Between50And70,
                ..
            }
        ));
    }

    #[test]
    fn counts_at_a_review_include_the_not_assessed_in_the_total() {
        let g1 = goal_states(
            target(),
            &[GoalValue {
                review: 0,
                value: 100.0,
                written: true,
            }],
            None,
            &dates(),
        );
        let g2 = goal_states(target(), &[], None, &dates());
        let g3 = goal_states(target(), &[], Some(d("2023-12-01")), &dates());
        let t1 = task_states(
            &[TaskValue {
                review: 1,
                status: TaskStatus::InProgress,
                written: true,
            }],
            None,
            &dates(),
        );
        let s = summary_at(0, &[&g1, &g2, &g3], &[&t1]);
        assert_eq!(
            (s.goals.total, s.goals.completed, s.goals_not_assessed),
            (2, 1, 1)
        );
        assert_eq!((s.tasks.total, s.tasks_not_assessed), (1, 1));
        let s = summary_at(3, &[&g1, &g2, &g3], &[&t1]);
        assert_eq!((s.goals.total, s.goals_not_assessed), (3, 2));
        assert_eq!((s.tasks.in_progress, s.tasks_not_assessed), (1, 0));
    }

    #[test]
    fn progress_goals_keep_their_rule() {
        assert_eq!(with_value(Rule::Progress(10.0), 55.0), Rule::Progress(55.0));
        let b = Rule::Target {
            target: 10.0,
            actual: 2.0,
            baseline: Some(20.0),
        };
        assert_eq!(
            with_value(b, 15.0).completion(),
            Ok(50.0),
            "from 20 down to 10, at 15: half way"
        );
    }
}
