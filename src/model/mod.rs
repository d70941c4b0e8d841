//! The site as plain data: years with their goals, tasks and indicators, articles and pages.
//!
//! Architecture invariant: nothing here knows about templates, JSON, URLs or the disk. The
//! loader builds these types; the renderer reads them.

mod change;
pub mod completion;
mod localized;
mod pages;
mod review;
mod summary;

use crate::date::{Date, Timestamp};
use serde::Deserialize;
use std::path::PathBuf;

pub use change::DocChange;
pub use completion::{Bucket, Rule};
pub use localized::Localized;
pub use pages::{pages_in_language, shown_version, ShownPage};
pub use review::{
    existed, goal_states, parts_at, summary_at, task_states, with_value, Evidence, GoalAt,
    GoalValue, Link, Review, ReviewSummary, TaskAt, TaskValue,
};
pub use summary::{GoalCounts, PartCounts, TaskCounts, YearSummary};

/// Settings from `content/site.yaml`, with command-line overrides applied.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site's name.
    pub title: Localized,
    /// A sentence about the site.
    pub description: Option<Localized>,
    /// Absolute URL of the site, always ending in `/`.
    pub base_url: String,
    /// Language codes, the default first.
    pub languages: Vec<String>,
    /// Theme folder name.
    pub theme: String,
    /// The publishing body.
    pub organisation: Option<Localized>,
    /// Raw HTML in Markdown is published as HTML (`raw_html: true`, the default, for a trusted
    /// press office); with `false` it is shown as text.
    pub raw_html: bool,
}

impl SiteConfig {
    /// The default language.
    pub fn default_lang(&self) -> &str {
        self.languages.first().map(String::as_str).unwrap_or("vi")
    }
}

/// A source document that set goals and tasks.
#[derive(Debug, Clone)]
pub struct Plan {
    /// As written, such as `09-KH/BCĐCĐS`.
    pub id: String,
    /// Date of issue.
    pub date: Option<Date>,
    /// Its title.
    pub title: Option<Localized>,
    /// Documents that support it.
    pub evidence: Vec<Evidence>,
}

/// A thematic group of goals and tasks.
#[derive(Debug, Clone)]
pub struct Group {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: Localized,
}

/// A goal with its computed completion.
#[derive(Debug, Clone)]
pub struct Goal {
    /// Unique within the year, stable across years.
    pub id: String,
    /// What was promised.
    pub title: Localized,
    /// Group id.
    pub group: Option<String>,
    /// Plan id.
    pub plan: Option<String>,
    /// How completion is measured.
    pub rule: Rule,
    /// Completion in percent, rounded to 2 decimals.
    pub completion: f64,
    /// The completion bucket.
    pub bucket: Bucket,
    /// Unit of target and actual.
    pub unit: Option<Localized>,
    /// A note, Markdown.
    pub note: Option<Localized>,
    /// Its values at the year's reviews (`history`, plus the current value at the latest one),
    /// sorted by review.
    pub history: Vec<GoalValue>,
    /// Its state at each review, indexed like `Year::reviews`.
    pub at_reviews: Vec<GoalAt>,
    /// Documents that support it.
    pub evidence: Vec<Evidence>,
}

/// Status of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Finished.
    Done,
    /// Started, not finished.
    InProgress,
    /// Not started.
    NotStarted,
}

impl TaskStatus {
    /// All statuses, in report order.
    pub const ALL: [TaskStatus; 3] = [
        TaskStatus::Done,
        TaskStatus::InProgress,
        TaskStatus::NotStarted,
    ];

    /// The key used in data files.
    pub fn key(self) -> &'static str {
        match self {
            TaskStatus::Done => "done",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::NotStarted => "not_started",
        }
    }
}

/// A key task.
#[derive(Debug, Clone)]
pub struct Task {
    /// Unique within the year.
    pub id: String,
    /// What is to be done.
    pub title: Localized,
    /// Where it stands.
    pub status: TaskStatus,
    /// Group id.
    pub group: Option<String>,
    /// Plan id.
    pub plan: Option<String>,
    /// Responsible agency.
    pub owner: Option<Localized>,
    /// Deadline.
    pub due: Option<Date>,
    /// Its statuses at the year's reviews (`history`, plus the current status at the latest
    /// one), sorted by review.
    pub history: Vec<TaskValue>,
    /// Its state at each review, indexed like `Year::reviews`.
    pub at_reviews: Vec<TaskAt>,
    /// Documents that support it.
    pub evidence: Vec<Evidence>,
}

/// Which direction of an indicator is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    /// A rank: lower is better.
    Lower,
    /// A rate: higher is better.
    #[default]
    Higher,
}

impl Better {
    /// As written in a year file: `lower` or `higher`.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Lower => "lower",
            Better::Higher => "higher",
        }
    }
}

/// A headline measure such as a national ranking.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Stable across years.
    pub id: String,
    /// Display name.
    pub name: Localized,
    /// `None` where it was not measured that year.
    pub value: Option<f64>,
    /// The scale, such as 63 provinces.
    pub out_of: Option<f64>,
    /// Direction of improvement.
    pub better: Better,
}

/// One reporting year.
#[derive(Debug, Clone)]
pub struct Year {
    /// The year.
    pub year: i32,
    /// Optional title.
    pub title: Option<Localized>,
    /// Optional summary, Markdown.
    pub summary_md: Option<Localized>,
    /// Source documents.
    pub plans: Vec<Plan>,
    /// Thematic groups.
    pub groups: Vec<Group>,
    /// Goals, in file order.
    pub goals: Vec<Goal>,
    /// Tasks, in file order.
    pub tasks: Vec<Task>,
    /// Indicators, in file order.
    pub indicators: Vec<Indicator>,
    /// The committee's reviews, in date order (empty: the year is one snapshot).
    pub reviews: Vec<Review>,
    /// Counts computed from the records.
    pub summary: YearSummary,
    /// The file it came from, relative to the site root.
    pub source: PathBuf,
}

impl Year {
    /// The group with this id.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// The plan with this id.
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }
}

/// Whether a Markdown document is a news article or a standalone page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// `news/<stem>.<lang>.md`.
    News,
    /// `pages/<stem>.<lang>.md`.
    Page,
}

/// A news article or a standalone page in one language.
#[derive(Debug, Clone)]
pub struct Doc {
    /// News or page.
    pub kind: DocKind,
    /// The file name before `.<lang>.md`: pairs translations.
    pub stem: String,
    /// Language code.
    pub lang: String,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Publication date (required for news).
    pub date: Option<Timestamp>,
    /// Author.
    pub author: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Tags, as written.
    pub tags: Vec<String>,
    /// Image path or URL.
    pub image: Option<String>,
    /// The reporting year it is about.
    pub year: Option<i32>,
    /// Not published unless drafts are shown.
    pub draft: bool,
    /// Markdown body.
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// The front matter's YAML text, to place messages on its lines when needed.
    pub front_matter: String,
    /// The file sets its own `slug:`.
    pub explicit_slug: bool,
    /// The file it came from, relative to the site root.
    pub source: PathBuf,
}

/// A file copied as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Where it goes, relative to the output root, with `/` separators.
    pub dest: String,
    /// Its contents.
    pub bytes: Vec<u8>,
    /// The file it came from, relative to the site root.
    pub source: PathBuf,
}

/// Everything loaded from a site's folder.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings.
    pub config: SiteConfig,
    /// Years, ascending.
    pub years: Vec<Year>,
    /// Published news articles, all languages, newest first.
    pub news: Vec<Doc>,
    /// Standalone pages, all languages, by stem.
    pub pages: Vec<Doc>,
    /// Files from `content/static/`.
    pub static_files: Vec<StaticFile>,
}

impl Site {
    /// The year with this number.
    pub fn year(&self, year: i32) -> Option<&Year> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// How an indicator moved since its last measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChange {
    /// The last earlier year with a value.
    pub previous_year: i32,
    /// Its value then.
    pub previous_value: f64,
    /// Improvement since then: positive is better (a rank going from 22 to 17 is +5).
    pub improvement: f64,
    /// Years in between where it was recorded as not measured (`value: null`).
    pub not_assessed: Vec<i32>,
}

impl Site {
    /// The change of indicator `id` in `year` since its last earlier measurement.
    pub fn indicator_change(&self, year: i32, id: &str) -> Option<IndicatorChange> {
        let current = self.year(year)?.indicators.iter().find(|i| i.id == id)?;
        let value = current.value?;
        let mut not_assessed = Vec::new();
        for y in self.years.iter().rev().filter(|y| y.year < year) {
            let Some(ind) = y.indicators.iter().find(|i| i.id == id) else {
                continue;
            };
            match ind.value {
                None => not_assessed.push(y.year),
                Some(prev) => {
                    let delta = value - prev;
                    let improvement = match current.better {
                        Better::Lower => -delta,
                        Better::Higher => delta,
                    };
                    not_assessed.reverse();
                    return Some(IndicatorChange {
                        previous_year: y.year,
                        previous_value: prev,
                        improvement: completion::round2(improvement),
                        not_assessed,
                    });
                }
            }
        }
        None
    }
}
