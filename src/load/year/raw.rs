//! A year as a format reader gives it: the values as written, nothing checked yet. The YAML
//! reader fills these by serde; a workbook reader fills them cell by cell. Dates are text
//! (`YYYY-MM-DD`), numbers are `f64`, texts are `Localized`.

use crate::model::{Better, Localized, TaskStatus};
use serde::Deserialize;

/// A whole year file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawYear {
    /// `year:`.
    pub year: i32,
    /// `title:`.
    pub title: Option<Localized>,
    /// `summary:` (Markdown).
    pub summary: Option<Localized>,
    /// `plans:`.
    #[serde(default)]
    pub plans: Vec<RawPlan>,
    /// `groups:`.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    /// `goals:`.
    #[serde(default)]
    pub goals: Vec<RawGoal>,
    /// `tasks:`.
    #[serde(default)]
    pub tasks: Vec<RawTask>,
    /// `indicators:`.
    #[serde(default)]
    pub indicators: Vec<RawIndicator>,
}

/// One of `plans:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// `id:`.
    pub id: String,
    /// `date:`, as written.
    pub date: Option<String>,
    /// `title:`.
    pub title: Option<Localized>,
}

/// One of `groups:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// `id:`.
    pub id: String,
    /// `name:`.
    pub name: Localized,
}

/// One of `goals:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    /// `id:`.
    pub id: String,
    /// `title:`.
    pub title: Localized,
    /// `group:` (an id).
    pub group: Option<String>,
    /// `plan:` (an id).
    pub plan: Option<String>,
    /// `progress:` (percent).
    pub progress: Option<f64>,
    /// `target:`.
    pub target: Option<f64>,
    /// `actual:`.
    pub actual: Option<f64>,
    /// `baseline:`.
    pub baseline: Option<f64>,
    /// `unit:`.
    pub unit: Option<Localized>,
    /// `note:` (Markdown).
    pub note: Option<Localized>,
}

/// One of `tasks:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    /// `id:`.
    pub id: String,
    /// `title:`.
    pub title: Localized,
    /// `status:`.
    pub status: TaskStatus,
    /// `group:` (an id).
    pub group: Option<String>,
    /// `plan:` (an id).
    pub plan: Option<String>,
    /// `owner:`.
    pub owner: Option<Localized>,
    /// `due:`, as written.
    pub due: Option<String>,
}

/// One of `indicators:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// `id:`.
    pub id: String,
    /// `name:`.
    pub name: Localized,
    /// `value:`.
    pub value: Option<f64>,
    /// `out_of:`.
    pub out_of: Option<f64>,
    /// `better:`.
    #[serde(default)]
    pub better: Better,
}
