//! The committee's reviews through the year: what the year report shows of them (as of when,
//! the counts at each review, what changed since the previous one) and a review's own page.

use super::{ChartView, CountRow, LText, Link};
use serde::Serialize;

/// A date, formatted and as `YYYY-MM-DD` (for `<time datetime>`).
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `19/12/2023` / `19 December 2023`.
    pub text: String,
    /// `2023-12-19`.
    pub iso: String,
}

/// A document offered as evidence, or a review's minutes.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLink {
    /// Relative URL (a file of the site) or the address elsewhere.
    pub href: String,
    /// What the document is.
    pub label: LText,
    /// The link leaves the site (the template says so).
    pub external: bool,
}

/// A review in a list: on the year report, and in a review page's navigation.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    /// As written (`Q1`).
    pub id: String,
    /// Relative URL of the review's page.
    pub href: String,
    /// The meeting's title, or "Review Q1".
    pub title: LText,
    /// The meeting's date.
    pub date: DateView,
    /// "20 of 30 goals completed", with those not assessed; `None` without goals then.
    pub goals_text: Option<String>,
    /// "50 of 75 tasks done", likewise.
    pub tasks_text: Option<String>,
}

/// A row of the table beside a chart of counts at each review: the review, then one cell per
/// column (buckets or statuses, then "not assessed"), then the total.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewCountsRow {
    /// The review's id.
    pub review: String,
    /// Its date.
    pub date: DateView,
    /// The counts, formatted, in the columns' order.
    pub cells: Vec<String>,
    /// The total, formatted.
    pub total: String,
}

/// Counts at each review: a stacked chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewCounts {
    /// The chart.
    pub chart: ChartView,
    /// The table's caption.
    pub caption: String,
    /// Column headings after the review's: the buckets or statuses, then "not assessed".
    pub columns: Vec<String>,
    /// One row per review, in date order.
    pub rows: Vec<ReviewCountsRow>,
}

/// A goal or task that changed since the previous review, linked to its record page.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeItem {
    /// Id.
    pub id: String,
    /// Relative URL of its record page.
    pub href: String,
    /// Title.
    pub title: LText,
    /// Where it stood at the previous review, in words (`None` for an item added since).
    pub from: Option<String>,
    /// Bucket or status key at the previous review, for a swatch.
    pub from_key: Option<String>,
    /// Where it stands now, in words.
    pub to: String,
    /// Bucket or status key now.
    pub to_key: String,
}

/// What changed between the two latest reviews.
#[derive(Debug, Clone, Serialize)]
pub struct SinceView {
    /// "Since the Q3 review (15/10/2023)".
    pub heading: String,
    /// Goals that moved from one bucket to another.
    pub moved: Vec<ChangeItem>,
    /// Tasks finished since.
    pub finished: Vec<ChangeItem>,
    /// Tasks started since.
    pub started: Vec<ChangeItem>,
    /// Goals added since.
    pub goals_added: Vec<ChangeItem>,
    /// Tasks added since.
    pub tasks_added: Vec<ChangeItem>,
}

/// What a year report shows of its reviews (a year without reviews has none).
#[derive(Debug, Clone, Serialize)]
pub struct YearReviews {
    /// The latest review's date: the year's figures are as of then.
    pub as_of: DateView,
    /// The latest review.
    pub latest: ReviewItem,
    /// Every review, in date order.
    pub list: Vec<ReviewItem>,
    /// Goals per bucket at each review.
    pub goals: Option<ReviewCounts>,
    /// Tasks per status at each review.
    pub tasks: Option<ReviewCounts>,
    /// What changed since the previous review, where there is one.
    pub since: Option<SinceView>,
}

/// A goal as it stood at a review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewGoalRow {
    /// Id.
    pub id: String,
    /// Relative URL of its record page.
    pub href: String,
    /// Title.
    pub title: LText,
    /// Its group's name.
    pub group: Option<LText>,
    /// Completion, formatted, or "not assessed".
    pub value_text: String,
    /// Bucket key, or `not_assessed`.
    pub key: String,
    /// Bucket in words, or "not assessed".
    pub key_label: String,
    /// Completion clamped to 0–100, for the bar width (`0` when not assessed).
    pub bar: String,
    /// "as reported at Q1", when the value is an earlier review's.
    pub carried: Option<String>,
}

/// A task as it stood at a review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewTaskRow {
    /// Id.
    pub id: String,
    /// Relative URL of its record page.
    pub href: String,
    /// Title.
    pub title: LText,
    /// Lead agency.
    pub owner: Option<LText>,
    /// Relative URL of the agency's page.
    pub owner_href: Option<String>,
    /// Status key, or `not_assessed`.
    pub key: String,
    /// Status in words, or "not assessed".
    pub key_label: String,
    /// "as reported at Q1", when the status is an earlier review's.
    pub carried: Option<String>,
}

/// A review's page: the year as it stood at that meeting.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// The year.
    pub year: i32,
    /// The review's id.
    pub id: String,
    /// The meeting's title, or "Review Q1".
    pub title: LText,
    /// The meeting's date.
    pub date: DateView,
    /// Its minutes or report.
    pub document: Option<EvidenceLink>,
    /// Other documents.
    pub evidence: Vec<EvidenceLink>,
    /// "20 of 30 goals completed" at the review, or `None` without goals then.
    pub goals_headline: Option<String>,
    /// "50 of 75 tasks done", likewise.
    pub tasks_headline: Option<String>,
    /// Goals per bucket, then those not assessed.
    pub buckets: Vec<CountRow>,
    /// Tasks per status, then those not assessed.
    pub statuses: Vec<CountRow>,
    /// Goals that existed at the review.
    pub goals_total: usize,
    /// Tasks that existed at the review.
    pub tasks_total: usize,
    /// Goals by bucket.
    pub goals_chart: Option<ChartView>,
    /// Tasks by status.
    pub tasks_chart: Option<ChartView>,
    /// Every goal that existed then.
    pub goals: Vec<ReviewGoalRow>,
    /// Every task that existed then.
    pub tasks: Vec<ReviewTaskRow>,
    /// The review's data files.
    pub downloads: Vec<Link>,
    /// The previous review.
    pub prev: Option<Link>,
    /// The next review.
    pub next: Option<Link>,
    /// Back to the year report.
    pub year_link: Link,
}
