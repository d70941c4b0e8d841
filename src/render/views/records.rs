//! The pages that follow a record across the years: agencies and goals.

use super::{ChartView, LText, Link};
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
}
