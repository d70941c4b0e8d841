//! What a data file shows of each goal and task: the year's state (its own values), or the state
//! at one of its reviews (CONTRACT §4: items that did not exist yet are left out, those not
//! assessed are there with no completion or status). Pure.

use crate::model::{with_value, Bucket, Goal, GoalAt, Plan, Task, TaskAt, TaskStatus, Year};

/// Which state of the year a data file shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The year's own values: its result, or the state at its latest review.
    Year,
    /// The state at review `r` (an index into `Year::reviews`).
    Review(usize),
}

impl At {
    /// Whether a history entry at review `review` is part of this state (it is at or before it).
    fn includes(self, review: usize) -> bool {
        match self {
            At::Year => true,
            At::Review(r) => review <= r,
        }
    }
}

/// A goal in one state of the year.
pub(super) struct GoalState<'a> {
    pub goal: &'a Goal,
    /// `None` where not assessed.
    pub completion: Option<f64>,
    pub bucket: Option<Bucket>,
    /// Its rule's parts (progress, target, actual, baseline), with the measured value at this
    /// state (`None` where not assessed).
    pub parts: (Option<f64>, Option<f64>, Option<f64>, Option<f64>),
    /// (review, completion) of its history up to this state; `None` in a year without reviews.
    pub history: Option<Vec<(usize, f64)>>,
}

/// A task in one state of the year.
pub(super) struct TaskState<'a> {
    pub task: &'a Task,
    /// `None` where not assessed.
    pub status: Option<TaskStatus>,
    /// (review, status) of its history up to this state; `None` in a year without reviews.
    pub history: Option<Vec<(usize, TaskStatus)>>,
}

/// The goals of `year` in state `at`, in file order, without those that did not exist then.
pub(super) fn goals(year: &Year, at: At) -> Vec<GoalState<'_>> {
    let with_reviews = !year.reviews.is_empty();
    year.goals
        .iter()
        .filter_map(|g| {
            let history = with_reviews.then(|| {
                g.history
                    .iter()
                    .filter(|v| at.includes(v.review))
                    .filter_map(|v| {
                        Some((v.review, with_value(g.rule, v.value).completion().ok()?))
                    })
                    .collect()
            });
            let r = match at {
                At::Year => {
                    return Some(GoalState {
                        goal: g,
                        completion: Some(g.completion),
                        bucket: Some(g.bucket),
                        parts: g.rule.parts(),
                        history,
                    })
                }
                At::Review(r) => r,
            };
            let (completion, bucket, parts) = match g.at_reviews.get(r)? {
                GoalAt::Absent => return None,
                GoalAt::NotAssessed => {
                    let (_, target, _, baseline) = g.rule.parts();
                    (None, None, (None, target, None, baseline))
                }
                GoalAt::Assessed {
                    completion,
                    bucket,
                    from,
                } => {
                    let value = g.history.iter().find(|v| v.review == *from)?.value;
                    let parts = with_value(g.rule, value).parts();
                    (Some(*completion), Some(*bucket), parts)
                }
            };
            Some(GoalState {
                goal: g,
                completion,
                bucket,
                parts,
                history,
            })
        })
        .collect()
}

/// The tasks of `year` in state `at`, in file order, without those that did not exist then.
pub(super) fn tasks(year: &Year, at: At) -> Vec<TaskState<'_>> {
    let with_reviews = !year.reviews.is_empty();
    year.tasks
        .iter()
        .filter_map(|t| {
            let history = with_reviews.then(|| {
                t.history
                    .iter()
                    .filter(|v| at.includes(v.review))
                    .map(|v| (v.review, v.status))
                    .collect()
            });
            let status = match at {
                At::Year => Some(t.status),
                At::Review(r) => match t.at_reviews.get(r)? {
                    TaskAt::Absent => return None,
                    TaskAt::NotAssessed => None,
                    TaskAt::Assessed { status, .. } => Some(*status),
                },
            };
            Some(TaskState {
                task: t,
                status,
                history,
            })
        })
        .collect()
}

/// The plans of `year` in state `at`: at a review, those issued on or before it (or undated).
pub(super) fn plans(year: &Year, at: At) -> Vec<&Plan> {
    let date = match at {
        At::Year => None,
        At::Review(r) => year.reviews.get(r).map(|x| x.date),
    };
    year.plans
        .iter()
        .filter(|p| date.is_none_or(|d| crate::model::existed(p.date, d)))
        .collect()
}
