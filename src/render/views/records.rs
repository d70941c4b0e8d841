//! The pages that follow a record across the years: agencies, goals and tasks.

use super::{ChartView, DateView, EvidenceLink, LText, Link};
use serde::Serialize;

/// A responsible agency in the list of agencies.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyItem {
    /// Name.
    pub name: LText,
    /// Relative URL of its page.
    pub href: String,
    /// "3 of 5 tasks done".
    pub counts: String,
}

/// A task on an agency's page.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyTask {
    /// Id.
    pub id: String,
    /// Title.
    pub title: LText,
    /// Its year.
    pub year: i32,
    /// Relative URL of the task in its year report.
    pub year_href: String,
    /// Relative URL of the task's record page.
    pub href: String,
    /// Status key.
    pub status: String,
    /// Status in words.
    pub status_label: String,
    /// Deadline, formatted.
    pub due_text: Option<String>,
    /// Deadline, `YYYY-MM-DD`.
    pub due_iso: Option<String>,
}

/// An agency's page: its tasks over all years.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyView {
    /// Name.
    pub name: LText,
    /// "3 of 5 tasks done".
    pub summary: String,
    /// Its tasks, newest year first.
    pub tasks: Vec<AgencyTask>,
    /// Link to the list of agencies.
    pub all: Link,
}

/// A goal in one year, on the goal's page.
#[derive(Debug, Clone, Serialize)]
pub struct GoalYear {
    /// The year.
    pub year: i32,
    /// Relative URL of the goal in that year's report.
    pub href: String,
    /// Its title that year.
    pub title: LText,
    /// Completion, formatted.
    pub completion_text: String,
    /// Completion clamped to 0–100, for the bar width.
    pub bar: String,
    /// Bucket key.
    pub bucket: String,
    /// Bucket in words.
    pub bucket_label: String,
}

/// A goal across the years.
#[derive(Debug, Clone, Serialize)]
pub struct GoalPageView {
    /// Its completion over the years, where it appears in two or more.
    pub chart: Option<ChartView>,
    /// The id.
    pub id: String,
    /// Its latest title.
    pub title: LText,
    /// Each year that has it, oldest first.
    pub years: Vec<GoalYear>,
    /// The title differs between years.
    pub title_changed: bool,
    /// The goal in full, year by year, newest first.
    pub records: Vec<GoalRecord>,
}

/// The plan (source document) that set a goal or task.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRef {
    /// As written.
    pub id: String,
    /// Its title.
    pub title: Option<LText>,
    /// Its date of issue.
    pub date: Option<DateView>,
    /// Its documents.
    pub evidence: Vec<EvidenceLink>,
}

/// A goal's or task's state at one review of its year.
#[derive(Debug, Clone, Serialize)]
pub struct TrajectoryRow {
    /// The review's id.
    pub review: String,
    /// Relative URL of the review's page.
    pub href: String,
    /// The review's date.
    pub date: DateView,
    /// Completion or status, in words; "not assessed"; "not set yet".
    pub value_text: String,
    /// Bucket or status key, `not_assessed`, or `absent`.
    pub key: String,
    /// "as reported at Q1", when the value is an earlier review's.
    pub carried: Option<String>,
}

/// A goal through its year's reviews: a line chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct GoalTrajectory {
    /// Completion at each review where it was assessed.
    pub chart: Option<ChartView>,
    /// The table's caption.
    pub caption: String,
    /// One row per review.
    pub rows: Vec<TrajectoryRow>,
}

/// A goal in one year, in full, on its record page.
#[derive(Debug, Clone, Serialize)]
pub struct GoalRecord {
    /// The year.
    pub year: i32,
    /// The section's id (`year-2023`).
    pub anchor: String,
    /// Relative URL of the goal in that year's report.
    pub year_href: String,
    /// Its title that year.
    pub title: LText,
    /// Its group's name.
    pub group: Option<LText>,
    /// The plan that set it.
    pub plan: Option<PlanRef>,
    /// "target 80 %, actual 85.6 %, from a baseline of 0", or the progress.
    pub rule_text: String,
    /// Completion, formatted.
    pub completion_text: String,
    /// Completion clamped to 0–100, for the bar width.
    pub bar: String,
    /// Bucket key.
    pub bucket: String,
    /// Bucket in words.
    pub bucket_label: String,
    /// Note, as HTML.
    pub note_html: Option<String>,
    /// Its documents.
    pub evidence: Vec<EvidenceLink>,
    /// "No update since Q2", when the latest review has no value for it.
    pub stale: Option<String>,
    /// Its course through the year's reviews, where the year has reviews.
    pub trajectory: Option<GoalTrajectory>,
}

/// A task in one year, on the record page's table across the years.
#[derive(Debug, Clone, Serialize)]
pub struct TaskYear {
    /// The year.
    pub year: i32,
    /// Relative URL of the year's section on this page.
    pub href: String,
    /// Its title that year.
    pub title: LText,
    /// Status key.
    pub status: String,
    /// Status in words.
    pub status_label: String,
}

/// A task in one year, in full, on its record page.
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord {
    /// The year.
    pub year: i32,
    /// The section's id (`year-2023`).
    pub anchor: String,
    /// Relative URL of the task in that year's report.
    pub year_href: String,
    /// Its title that year.
    pub title: LText,
    /// Its group's name.
    pub group: Option<LText>,
    /// The plan that set it.
    pub plan: Option<PlanRef>,
    /// Lead agency.
    pub owner: Option<LText>,
    /// Relative URL of the agency's page.
    pub owner_href: Option<String>,
    /// Deadline.
    pub due: Option<DateView>,
    /// Status key.
    pub status: String,
    /// Status in words.
    pub status_label: String,
    /// Its documents.
    pub evidence: Vec<EvidenceLink>,
    /// "No update since Q2", when the latest review has no status for it.
    pub stale: Option<String>,
    /// Its status at each of the year's reviews (empty without reviews).
    pub timeline: Vec<TrajectoryRow>,
    /// The timeline's caption.
    pub timeline_caption: String,
}

/// A task across the years.
#[derive(Debug, Clone, Serialize)]
pub struct TaskPageView {
    /// The id.
    pub id: String,
    /// Its latest title.
    pub title: LText,
    /// The title differs between years.
    pub title_changed: bool,
    /// Each year that has it, oldest first.
    pub years: Vec<TaskYear>,
    /// The task in full, year by year, newest first.
    pub records: Vec<TaskRecord>,
}
