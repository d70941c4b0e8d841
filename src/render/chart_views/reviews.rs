//! The charts of the reviews: on the year report, goals per bucket and tasks per status at
//! each review (stacked bars, with the table beside them); on a review's page, its goals and
//! tasks by bucket and status (with those not assessed); on a goal's record page, its
//! completion through the year's reviews.

use super::{goal_bars, task_bars};
use crate::charts::{self, Bar, BarChart, LineChart, Series, StackKey, StackRow, StackedChart};
use crate::format::Formatter;
use crate::model::{Bucket, Goal, GoalAt, Review, TaskStatus, Year};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::reviews::{date_view, goal_words};
use crate::render::views::{ChartView, ReviewCounts, ReviewCountsRow};

/// Goals or tasks, for the charts that show either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Items {
    Goals,
    Tasks,
}

/// The UI strings of the charts of goals, or of tasks.
struct Words {
    /// In chart ids.
    key: &'static str,
    /// The stacked chart's sentence and title.
    reviews_desc: &'static str,
    reviews_caption: &'static str,
    /// A review's chart's sentence and title.
    review_desc: &'static str,
    review_caption: &'static str,
    axis: &'static str,
    unit: &'static str,
}

impl Items {
    fn words(self) -> Words {
        match self {
            Items::Goals => Words {
                key: "goals",
                reviews_desc: "chart_reviews_goals_desc",
                reviews_caption: "reviews_goals_caption",
                review_desc: "chart_review_goals_desc",
                review_caption: "review_goals_caption",
                axis: "chart_axis_goals",
                unit: "chart_unit_goals",
            },
            Items::Tasks => Words {
                key: "tasks",
                reviews_desc: "chart_reviews_tasks_desc",
                reviews_caption: "reviews_tasks_caption",
                review_desc: "chart_review_tasks_desc",
                review_caption: "review_tasks_caption",
                axis: "chart_axis_tasks",
                unit: "chart_unit_tasks",
            },
        }
    }
}

/// The keys of the segments, in words: the buckets (or statuses), then "not assessed".
fn columns(fmt: &Formatter, items: Items) -> Vec<StackKey> {
    let keys: Vec<(&str, String)> = match items {
        Items::Goals => Bucket::ALL
            .iter()
            .map(|b| (b.key(), format!("bucket_{}", b.key())))
            .collect(),
        Items::Tasks => TaskStatus::ALL
            .iter()
            .map(|s| (s.key(), format!("status_{}", s.key())))
            .collect(),
    };
    keys.into_iter()
        .map(|(key, label)| (key, fmt.tr(&label, &[])))
        .chain(std::iter::once((
            "not_assessed",
            fmt.tr("review_not_assessed", &[]),
        )))
        .map(|(key, label)| StackKey {
            key: key.to_string(),
            label,
        })
        .collect()
}

/// The counts of a review's goals (or tasks), in the columns' order, and their total.
fn counts(r: &Review, items: Items) -> (Vec<usize>, usize) {
    let s = &r.summary;
    match items {
        Items::Goals => (
            Bucket::ALL
                .iter()
                .map(|b| s.goals.get(*b))
                .chain(std::iter::once(s.goals_not_assessed))
                .collect(),
            s.goals.total,
        ),
        Items::Tasks => (
            TaskStatus::ALL
                .iter()
                .map(|st| s.tasks.get(*st))
                .chain(std::iter::once(s.tasks_not_assessed))
                .collect(),
            s.tasks.total,
        ),
    }
}

impl Renderer<'_> {
    /// Goals per bucket (or tasks per status) at each of the year's reviews: the stacked chart
    /// and its table. `None` for a year without reviews or without such items at any review.
    pub(crate) fn review_counts(
        &self,
        l: &LangData,
        y: &Year,
        items: Items,
        dir: &str,
    ) -> Option<ReviewCounts> {
        let fmt = l.fmt();
        if y.reviews.iter().all(|r| counts(r, items).1 == 0) {
            return None;
        }
        let keys = columns(&fmt, items);
        let year = y.year.to_string();
        let w = items.words();
        let parts: Vec<String> = y
            .reviews
            .iter()
            .map(|r| self.counts_part(l, r, items))
            .collect();
        let desc = fmt.tr(w.reviews_desc, &[("list", &parts.join("; "))]);
        let caption = fmt.tr(w.reviews_caption, &[("year", &year)]);
        let rows: Vec<ReviewCountsRow> = y
            .reviews
            .iter()
            .map(|r| {
                let (cells, total) = counts(r, items);
                ReviewCountsRow {
                    review: r.id.clone(),
                    date: date_view(&fmt, r.date),
                    cells: cells.iter().map(|n| fmt.count(*n)).collect(),
                    total: fmt.count(total),
                }
            })
            .collect();
        let svg = charts::stacked_chart_svg(&StackedChart {
            id: format!("year-reviews-{}-{year}", w.key),
            title: caption.clone(),
            desc: desc.clone(),
            rows: y
                .reviews
                .iter()
                .map(|r| {
                    let (cells, total) = counts(r, items);
                    StackRow {
                        label: self.review_label(l, r),
                        value_text: fmt.count(total),
                        values: cells.iter().map(|n| *n as f64).collect(),
                    }
                })
                .collect(),
            keys: keys.clone(),
            axis_label: fmt.tr(w.axis, &[]),
            source: self.source_line(l, Some(y.year), &fmt.tr(w.unit, &[])),
        });
        Some(ReviewCounts {
            chart: self.view(svg, desc, dir, None),
            caption,
            columns: keys.into_iter().map(|k| k.label).collect(),
            rows,
        })
    }

    /// "Q1 (12/04/2023): 5 of 23 completed, 3 above 70%, …": one review's part of the
    /// stacked chart's sentence.
    fn counts_part(&self, l: &LangData, r: &Review, items: Items) -> String {
        let fmt = l.fmt();
        let s = &r.summary;
        let label = self.review_label(l, r);
        match items {
            Items::Goals => fmt.tr(
                "chart_reviews_goals_part",
                &[
                    ("review", &label),
                    ("completed", &fmt.count(s.goals.completed)),
                    ("total", &fmt.count(s.goals.total)),
                    ("above_70", &fmt.count(s.goals.above_70)),
                    ("between", &fmt.count(s.goals.between_50_70)),
                    ("below", &fmt.count(s.goals.below_50)),
                    ("not_assessed", &fmt.count(s.goals_not_assessed)),
                ],
            ),
            Items::Tasks => fmt.tr(
                "chart_reviews_tasks_part",
                &[
                    ("review", &label),
                    ("done", &fmt.count(s.tasks.done)),
                    ("total", &fmt.count(s.tasks.total)),
                    ("in_progress", &fmt.count(s.tasks.in_progress)),
                    ("not_started", &fmt.count(s.tasks.not_started)),
                    ("not_assessed", &fmt.count(s.tasks_not_assessed)),
                ],
            ),
        }
    }

    /// "Goals by completion at review Q1 (12/04/2023): 5 of 23 completed, …": the figures of
    /// one review in a sentence (its chart's, and its feed entry's).
    pub(crate) fn review_sentence(&self, l: &LangData, r: &Review, items: Items) -> String {
        let part = self.counts_part(l, r, items);
        l.fmt().tr(items.words().review_desc, &[("list", &part)])
    }

    /// A review's goals by bucket (or tasks by status), those not assessed last: the bar chart
    /// of its page, or `None` when it had none.
    pub(crate) fn review_chart(
        &self,
        l: &LangData,
        y: &Year,
        ri: usize,
        items: Items,
        dir: &str,
    ) -> Option<ChartView> {
        let r = y.reviews.get(ri)?;
        let (_, total) = counts(r, items);
        if total == 0 {
            return None;
        }
        let fmt = l.fmt();
        let s = &r.summary;
        let w = items.words();
        let (mut bars, not_assessed) = match items {
            Items::Goals => (goal_bars(&fmt, &s.goals), s.goals_not_assessed),
            Items::Tasks => (task_bars(&fmt, &s.tasks), s.tasks_not_assessed),
        };
        bars.push(Bar {
            key: "not_assessed".into(),
            label: fmt.tr("review_not_assessed", &[]),
            value: not_assessed as f64,
            value_text: format!(
                "{} ({})",
                fmt.count(not_assessed),
                fmt.share(not_assessed, total)
            ),
        });
        let desc = self.review_sentence(l, r, items);
        let svg = charts::bar_chart_svg(&BarChart {
            id: format!("review-{}-{}-{}", w.key, y.year, r.slug),
            title: fmt.tr(
                w.review_caption,
                &[("review", &r.id), ("year", &y.year.to_string())],
            ),
            desc: desc.clone(),
            bars,
            max: total as f64,
            axis_label: fmt.tr(w.axis, &[]),
            source: self.source_line(l, Some(y.year), &fmt.tr(w.unit, &[])),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// A goal's completion through its year's reviews (a break where it was not assessed, no
    /// point before it existed), or `None` without reviews or without any value.
    pub(crate) fn goal_review_chart(
        &self,
        l: &LangData,
        y: &Year,
        g: &Goal,
        dir: &str,
    ) -> Option<ChartView> {
        let fmt = l.fmt();
        let points: Vec<(usize, GoalAt)> = g
            .at_reviews
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, at)| *at != GoalAt::Absent)
            .collect();
        let completion = |at: &GoalAt| match at {
            GoalAt::Assessed { completion, .. } => Some(*completion),
            _ => None,
        };
        if !points.iter().any(|(_, at)| completion(at).is_some()) {
            return None;
        }
        let parts: Vec<String> = points
            .iter()
            .filter_map(|(i, at)| {
                let r = y.reviews.get(*i)?;
                Some(fmt.tr(
                    "chart_review_part",
                    &[("review", &r.id), ("value", &goal_words(&fmt, *at).text)],
                ))
            })
            .collect();
        let desc = fmt.tr(
            "chart_goal_reviews_desc",
            &[
                ("id", &g.id),
                ("year", &y.year.to_string()),
                ("list", &parts.join("; ")),
            ],
        );
        let max = points
            .iter()
            .filter_map(|(_, at)| completion(at))
            .fold(100.0, f64::max);
        let x = |i: usize| i32::try_from(i).unwrap_or(i32::MAX);
        let svg = charts::line_chart_svg(&LineChart {
            id: format!("{}-goal-{}-{}", l.code, crate::slug::slugify(&g.id), y.year),
            x_labels: points
                .iter()
                .filter_map(|(i, _)| Some((x(*i), y.reviews.get(*i)?.id.clone())))
                .collect(),
            title: fmt.tr("goal_reviews_title", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            series: vec![Series {
                label: g.id.clone(),
                points: points
                    .iter()
                    .map(|(i, at)| (x(*i), completion(at)))
                    .collect(),
                point_texts: points
                    .iter()
                    .map(|(_, at)| goal_words(&fmt, *at).text)
                    .collect(),
            }],
            y_min: 0.0,
            y_max: max,
            invert_y: false,
            y_label: fmt.tr("col_completion", &[]),
            note: None,
            source: self.source_line(l, Some(y.year), &fmt.tr("chart_unit_share", &[])),
        });
        Some(self.view(svg, desc, dir, None))
    }
}
