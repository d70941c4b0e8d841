//! What a printed year report shows, in one language: every text already in that language,
//! every number and date already formatted (by `render`, from the model's `YearSummary`
//! and records, the same values the year page shows). The report adds no figure of its own.

/// A year report in one language.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Language code, the document's language (`vi`, `en`).
    pub lang: String,
    /// The year's title: the cover's, the running header's and the document's title.
    pub title: String,
    /// The publishing body.
    pub organisation: String,
    /// What kind of document this is, above the title on the cover ("Báo cáo kết quả thực hiện").
    pub kind: String,
    /// "Số liệu đến ngày 19/12/2023", when the year says as of when its figures are.
    pub as_of: Option<String>,
    /// The site's name, at the foot of the cover.
    pub site: String,
    /// The year page's address, under the site's name; empty (not printed) without `base_url`.
    pub address: String,
    /// The document's creation date (year, month, day), derived from the content.
    pub date: (i32, u32, u32),
    /// The document's permanent identifier: the same for every edition of this report.
    pub document_id: String,
    /// The report's own words: headings, column names, the page number.
    pub labels: Labels,
    /// The year's summary, as plain paragraphs.
    pub intro: Vec<String>,
    /// Goals per completion bucket, then their total.
    pub buckets: Vec<Count>,
    /// All goals.
    pub goals_total: String,
    /// Tasks per status, then their total.
    pub statuses: Vec<Count>,
    /// All tasks.
    pub tasks_total: String,
    /// The year's charts, as the site draws them.
    pub charts: Vec<Chart>,
    /// How completion and the buckets are computed, as paragraphs.
    pub method: Vec<String>,
    /// Goals by group, in the order the groups are defined, then those without a group.
    pub goal_groups: Vec<Group<GoalRow>>,
    /// Tasks by status.
    pub task_groups: Vec<Group<TaskRow>>,
    /// The indicators with their change.
    pub indicators: Vec<IndicatorRow>,
    /// The documents that set the goals and tasks.
    pub plans: Vec<PlanRow>,
    /// The committee's reviews through the year (CONTRACT.md §4), in date order; the section
    /// is left out while there are none.
    pub reviews: Vec<ReviewRow>,
}

/// The report's own words, in its language.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct Labels {
    /// The page number: `{n}` and `{total}` are replaced ("Trang {n}/{total}").
    pub page: String,
    pub intro: String,
    pub figures: String,
    pub charts: String,
    pub method: String,
    pub goals: String,
    pub tasks: String,
    pub indicators: String,
    pub plans: String,
    pub reviews: String,
    pub total: String,
    pub col_id: String,
    pub col_goal: String,
    pub col_task: String,
    pub col_goals: String,
    pub col_tasks: String,
    pub col_count: String,
    pub col_share: String,
    pub col_target: String,
    pub col_actual: String,
    pub col_completion: String,
    pub col_level: String,
    pub col_owner: String,
    pub col_due: String,
    pub col_indicator: String,
    pub col_value: String,
    pub col_change: String,
    pub col_plan: String,
    /// What a plan set: "Goals and tasks set".
    pub col_plan_counts: String,
    pub col_date: String,
    pub col_review: String,
}

/// A count with its label and its share of the total.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct Count {
    pub label: String,
    pub count: String,
    pub share: String,
}

/// A chart: the site's SVG and the sentence that states what it shows.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    /// A standalone SVG document.
    pub svg: String,
    /// Its alternative text.
    pub alt: String,
}

/// Rows under a name ("Hạ tầng số: 3/5 hoàn thành").
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct Group<T> {
    pub name: String,
    pub rows: Vec<T>,
}

/// A goal's row.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    /// Empty for a goal reported as a percentage directly.
    pub target: String,
    pub actual: String,
    pub completion: String,
    /// Its bucket, in words.
    pub level: String,
}

/// A task's row.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct TaskRow {
    pub id: String,
    pub title: String,
    pub owner: String,
    pub due: String,
}

/// An indicator's row.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct IndicatorRow {
    pub name: String,
    pub value: String,
    /// Its change since it was last measured, and which way is better.
    pub change: String,
}

/// A plan's row.
#[derive(Debug, Clone, Default)]
#[allow(missing_docs)]
pub struct PlanRow {
    pub id: String,
    pub title: String,
    pub date: String,
    /// "23 mục tiêu, 23 nhiệm vụ".
    pub counts: String,
}

/// A review's row: the meeting and the year's figures as it stood then.
#[derive(Debug, Clone, Default)]
pub struct ReviewRow {
    /// The meeting's title ("Họp Ban Chỉ đạo quý I/2023").
    pub title: String,
    /// Its date, formatted.
    pub date: String,
    /// Goals at that review: "20/30 hoàn thành".
    pub goals: String,
    /// Tasks at that review: "50/75 hoàn thành".
    pub tasks: String,
    /// What changed since the review before, or the meeting's summary, if any.
    pub summary: Option<String>,
}
