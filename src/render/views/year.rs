//! The year reports, the list of years and the home page: counts, goals, tasks, indicators
//! and charts.

use super::{ArticleCard, ChartView, LText, Link, YearReviews};
use serde::Serialize;

/// A count with its label and share, such as a completion bucket.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    /// Bucket or status key (`completed`, `in_progress`, …), for CSS classes.
    pub key: String,
    /// Label in the page's language.
    pub label: String,
    /// The count.
    pub count: usize,
    /// The count, formatted.
    pub count_text: String,
    /// Share of the total, formatted (`67 %`).
    pub share_text: String,
    /// Share of the total in percent, for bar widths (`66.67`).
    pub share: String,
}

/// A year's headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct YearSummaryView {
    /// The year.
    pub year: i32,
    /// Relative URL of the report.
    pub href: String,
    /// Title of the report.
    pub title: LText,
    /// "20 of 30 goals completed", or `None` for a year without goals.
    pub headline: Option<String>,
    /// "50 of 75 tasks done", or `None` for a year without tasks.
    pub tasks_headline: Option<String>,
    /// Number of goals.
    pub goals_total: usize,
    /// Number of tasks.
    pub tasks_total: usize,
    /// Goals per completion bucket.
    pub buckets: Vec<CountRow>,
    /// Tasks per status.
    pub statuses: Vec<CountRow>,
    /// "See the 2023 report".
    pub link_text: String,
}

/// A plan a goal or task came from.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// As written.
    pub id: String,
    /// Title.
    pub title: Option<LText>,
    /// Date of issue, formatted.
    pub date_text: Option<String>,
    /// Date of issue, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// Goals it set.
    pub goals: usize,
    /// Tasks it set.
    pub tasks: usize,
    /// "23 goals, 23 tasks".
    pub counts_text: String,
}

/// A goal in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: LText,
    /// Completion, formatted (`85,5 %`).
    pub completion_text: String,
    /// Completion clamped to 0–100, for the bar width (`85.5`).
    pub bar: String,
    /// Completion, not clamped.
    pub completion: f64,
    /// Bucket key.
    pub bucket: String,
    /// Bucket in words.
    pub bucket_label: String,
    /// Target with unit, formatted, where the goal has one.
    pub target_text: Option<String>,
    /// Actual value with unit.
    pub actual_text: Option<String>,
    /// Baseline with unit.
    pub baseline_text: Option<String>,
    /// The plan's id.
    pub plan: Option<String>,
    /// Note, as HTML.
    pub note_html: Option<String>,
    /// Relative URL of the goal's page across the years.
    pub href: String,
    /// "No update since Q2", when the latest review has no value for it.
    pub stale: Option<String>,
}

/// Goals of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GoalGroupView {
    /// Group id (`""` for goals with no group).
    pub id: String,
    /// Group name.
    pub name: LText,
    /// Its goals.
    pub goals: Vec<GoalView>,
    /// "5 of 7 completed".
    pub summary: String,
}

/// A task in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: LText,
    /// Status key.
    pub status: String,
    /// Status in words.
    pub status_label: String,
    /// Responsible agency.
    pub owner: Option<LText>,
    /// Relative URL of the agency's page.
    pub owner_href: Option<String>,
    /// Deadline, formatted.
    pub due_text: Option<String>,
    /// Deadline, `YYYY-MM-DD`.
    pub due_iso: Option<String>,
    /// Group name.
    pub group: Option<LText>,
    /// The plan's id.
    pub plan: Option<String>,
    /// Relative URL of the task's record page.
    pub href: String,
    /// "No update since Q2", when the latest review has no status for it.
    pub stale: Option<String>,
}

/// Tasks of one status.
#[derive(Debug, Clone, Serialize)]
pub struct TaskStatusView {
    /// Status key.
    pub key: String,
    /// Status in words.
    pub label: String,
    /// Count, formatted.
    pub count_text: String,
    /// The tasks.
    pub tasks: Vec<TaskView>,
}

/// An indicator in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: LText,
    /// "17/63", or the words for "not assessed".
    pub value_text: String,
    /// "up 5 places since 2020 (not assessed in 2021)".
    pub change_text: Option<String>,
    /// `up`, `down` or `same`: the direction of improvement, for an arrow.
    pub trend: Option<String>,
    /// "Lower is better." / "Higher is better."
    pub better_text: String,
    /// The year of the value.
    pub year: i32,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Site description.
    pub intro: Option<LText>,
    /// The latest year with goals.
    pub headline_year: Option<YearSummaryView>,
    /// Later years that have only tasks so far (plans).
    pub upcoming: Vec<YearSummaryView>,
    /// Latest indicator values.
    pub indicators: Vec<IndicatorView>,
    /// The headline year's goals chart.
    pub goals_chart: Option<ChartView>,
    /// Latest articles.
    pub latest_news: Vec<ArticleCard>,
    /// URL of the news list.
    pub news_href: String,
    /// URL of the years list.
    pub years_href: String,
}

/// A year report.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// Headline numbers.
    pub summary: YearSummaryView,
    /// Summary, as HTML.
    pub intro_html: Option<String>,
    /// Goals by group.
    pub groups: Vec<GoalGroupView>,
    /// Tasks by status.
    pub task_statuses: Vec<TaskStatusView>,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// Plans.
    pub plans: Vec<PlanView>,
    /// Articles about this year.
    pub articles: Vec<ArticleCard>,
    /// Heading of the articles section ("News about 2023").
    pub articles_heading: String,
    /// Data downloads (JSON, CSV, charts as SVG and the summary as PNG).
    pub downloads: Vec<Link>,
    /// The year's charts.
    pub charts: YearCharts,
    /// Completion by group, for the table beside the groups chart.
    pub group_rows: Vec<GroupRow>,
    /// The list of responsible agencies.
    pub agencies: Link,
    /// Previous and next year reports.
    pub prev: Option<Link>,
    /// Next year report.
    pub next: Option<Link>,
    /// The year's reviews, where it has them.
    pub reviews: Option<YearReviews>,
}

/// A year's charts.
#[derive(Debug, Clone, Serialize, Default)]
pub struct YearCharts {
    /// Goals by completion bucket.
    pub goals: Option<ChartView>,
    /// Tasks by status.
    pub tasks: Option<ChartView>,
    /// Completed share by group.
    pub groups: Option<ChartView>,
}

/// A group's completion, for the table beside the groups chart.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Group name.
    pub name: LText,
    /// "3/5".
    pub completed_text: String,
    /// "60 %".
    pub share_text: String,
}

/// An indicator over the years, with its chart and table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTrend {
    /// Name.
    pub name: LText,
    /// The chart.
    pub chart: Option<ChartView>,
    /// (year, value text) rows.
    pub rows: Vec<(i32, String)>,
    /// "A lower rank is better."
    pub better_text: String,
}

/// The list of years and the across-years charts.
#[derive(Debug, Clone, Serialize)]
pub struct YearsView {
    /// Every year, newest first.
    pub years: Vec<YearSummaryView>,
    /// Share of goals completed per year.
    pub trend: Option<ChartView>,
    /// (year, share text) rows of the trend table.
    pub trend_rows: Vec<(i32, String)>,
    /// Each indicator over the years.
    pub indicators: Vec<IndicatorTrend>,
}
