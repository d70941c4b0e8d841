//! The `summary` object of a year's `data.json`, typed: what the `figure` shortcode reads.
//!
//! Its shape: `counts` (how many plans and groups), `goals` (per bucket), `groups` and `plans`
//! (per id: goals, completed, tasks), `indicators` (per id: value, out_of, change,
//! previous_year, previous_value), `tasks` (per status). Keys are in alphabetical order, as the
//! data files have always had them.
//!
//! At a review ([`Summary::at_review`]) the same shape counts what existed then, `goals` and
//! `tasks` add `not_assessed`, `plans` holds the plans issued by then, and `indicators` is empty:
//! indicators are the year's results, not assessed at reviews.
//!
//! Ids are keys of `groups`, `plans` and `indicators`, so no count lives beside them: the counts
//! are `counts.plans` and `counts.groups`. The older `plans.count` and `groups.count` are kept
//! as aliases, but only while no plan (group) has the id `count`: then that key is the plan's.

use crate::model::{GoalCounts, PartCounts, Review, Site, TaskCounts, Year};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// A year's figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Summary {
    /// How many plans and groups the year has.
    pub counts: Counts,
    /// Goals per completion bucket.
    pub goals: GoalFigures,
    /// Per group id.
    pub groups: ById,
    /// Per indicator id.
    pub indicators: BTreeMap<String, IndicatorFigures>,
    /// Per plan id.
    pub plans: ById,
    /// Tasks per status.
    pub tasks: TaskFigures,
}

/// `summary.counts`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Counts {
    /// Groups defined in the year.
    pub groups: usize,
    /// Plans defined in the year.
    pub plans: usize,
}

/// `summary.goals`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct GoalFigures {
    /// At 70 % or more, not completed.
    pub above_70: usize,
    /// Under 50 %.
    pub below_50: usize,
    /// From 50 % to under 70 %.
    pub between_50_70: usize,
    /// Completed or exceeded.
    pub completed: usize,
    /// At a review: goals that existed but had no value (counted in `total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_assessed: Option<usize>,
    /// All goals.
    pub total: usize,
}

/// `summary.tasks`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct TaskFigures {
    /// Done.
    pub done: usize,
    /// In progress.
    pub in_progress: usize,
    /// Not started.
    pub not_started: usize,
    /// At a review: tasks that existed but had no status (counted in `total`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_assessed: Option<usize>,
    /// All tasks.
    pub total: usize,
}

/// `reviews[].summary` of a year's `data.json`: the goals and tasks at one review.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ReviewFigures {
    /// Goals per bucket, with `not_assessed`.
    pub goals: GoalFigures,
    /// Tasks per status, with `not_assessed`.
    pub tasks: TaskFigures,
}

impl ReviewFigures {
    /// The counts of `review`.
    pub fn of(review: &Review) -> Self {
        let s = &review.summary;
        ReviewFigures {
            goals: GoalFigures::of(&s.goals).not_assessed(s.goals_not_assessed),
            tasks: TaskFigures::of(&s.tasks).not_assessed(s.tasks_not_assessed),
        }
    }
}

/// The goals and tasks of one plan or group.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct PartFigures {
    /// Its goals that are completed.
    pub completed: usize,
    /// Its goals.
    pub goals: usize,
    /// Its tasks.
    pub tasks: usize,
}

/// `summary.indicators.<id>`: the value and its change since the last measurement (`None`
/// when there is none, `null` in JSON).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct IndicatorFigures {
    /// Improvement since the last measurement: positive is better.
    pub change: Option<f64>,
    /// What the value is out of (e.g. 63 provinces).
    pub out_of: Option<f64>,
    /// The value at the last measurement.
    pub previous_value: Option<f64>,
    /// The year of the last measurement.
    pub previous_year: Option<i32>,
    /// This year's value.
    pub value: Option<f64>,
}

/// Figures per plan or group id. Serialises as an object of the ids, with the alias `count`
/// (how many there are) in its sorted place unless an id is `count`.
#[derive(Debug, Clone, Default)]
pub struct ById(pub BTreeMap<String, PartFigures>);

/// The legacy alias of `counts.plans` / `counts.groups` inside `plans` / `groups`.
const COUNT_ALIAS: &str = "count";

impl Serialize for ById {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut alias = (!self.0.contains_key(COUNT_ALIAS)).then_some(self.0.len());
        let mut map = s.serialize_map(Some(self.0.len() + usize::from(alias.is_some())))?;
        for (id, figures) in &self.0 {
            if let Some(n) = alias.filter(|_| id.as_str() > COUNT_ALIAS) {
                map.serialize_entry(COUNT_ALIAS, &n)?;
                alias = None;
            }
            map.serialize_entry(id, figures)?;
        }
        if let Some(n) = alias {
            map.serialize_entry(COUNT_ALIAS, &n)?;
        }
        map.end()
    }
}

impl ById {
    fn of(parts: &[PartCounts]) -> Self {
        ById(
            parts
                .iter()
                .map(|p| {
                    let figures = PartFigures {
                        completed: p.completed,
                        goals: p.goals,
                        tasks: p.tasks,
                    };
                    (p.id.clone(), figures)
                })
                .collect(),
        )
    }
}

impl Summary {
    /// The figures of `year` (indicator changes need the other years of `site`).
    pub fn of(site: &Site, year: &Year) -> Self {
        let s = &year.summary;
        Summary {
            counts: Counts {
                groups: s.groups.len(),
                plans: s.plans.len(),
            },
            goals: GoalFigures::of(&s.goals),
            groups: ById::of(&s.groups),
            indicators: indicators(site, year),
            plans: ById::of(&s.plans),
            tasks: TaskFigures::of(&s.tasks),
        }
    }
}

impl Summary {
    /// The figures at review `r` of `year` (`None` if it has no such review).
    pub fn at_review(year: &Year, r: usize) -> Option<Self> {
        let review = year.reviews.get(r)?;
        let s = &review.summary;
        let figures = ReviewFigures::of(review);
        Some(Summary {
            counts: Counts {
                groups: s.groups.len(),
                plans: s.plans.len(),
            },
            goals: figures.goals,
            groups: ById::of(&s.groups),
            indicators: BTreeMap::new(),
            plans: ById::of(&s.plans),
            tasks: figures.tasks,
        })
    }
}

impl GoalFigures {
    fn of(g: &GoalCounts) -> Self {
        GoalFigures {
            above_70: g.above_70,
            below_50: g.below_50,
            between_50_70: g.between_50_70,
            completed: g.completed,
            not_assessed: None,
            total: g.total,
        }
    }

    fn not_assessed(self, n: usize) -> Self {
        GoalFigures {
            not_assessed: Some(n),
            ..self
        }
    }
}

impl TaskFigures {
    fn of(t: &TaskCounts) -> Self {
        TaskFigures {
            done: t.done,
            in_progress: t.in_progress,
            not_started: t.not_started,
            not_assessed: None,
            total: t.total,
        }
    }

    fn not_assessed(self, n: usize) -> Self {
        TaskFigures {
            not_assessed: Some(n),
            ..self
        }
    }
}

fn indicators(site: &Site, year: &Year) -> BTreeMap<String, IndicatorFigures> {
    year.indicators
        .iter()
        .map(|ind| {
            let change = site.indicator_change(year.year, &ind.id);
            let figures = IndicatorFigures {
                change: change.as_ref().map(|c| c.improvement),
                out_of: ind.out_of,
                previous_value: change.as_ref().map(|c| c.previous_value),
                previous_year: change.as_ref().map(|c| c.previous_year),
                value: ind.value,
            };
            (ind.id.clone(), figures)
        })
        .collect()
}
