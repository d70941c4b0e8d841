//! A year as a format reader gives it: the values as written, nothing checked yet. The YAML
//! reader fills these by serde; a workbook reader fills them cell by cell. Dates are text
//! (`YYYY-MM-DD`), numbers are `f64`, texts are `Localized`.

use crate::load::text::nfc;
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

fn nfc_opt(s: Option<String>) -> Option<String> {
    s.map(nfc)
}

fn nfc_loc(t: Localized) -> Localized {
    t.map_texts(nfc)
}

fn nfc_opt_loc(t: Option<Localized>) -> Option<Localized> {
    t.map(nfc_loc)
}

impl RawYear {
    /// Every text in NFC, whatever the reader gave (a YAML file is normalised when read; a
    /// workbook's cells are not), so ids, references and titles compare as the reader sees them.
    pub fn into_nfc(self) -> RawYear {
        RawYear {
            year: self.year,
            title: nfc_opt_loc(self.title),
            summary: nfc_opt_loc(self.summary),
            plans: self.plans.into_iter().map(RawPlan::into_nfc).collect(),
            groups: self.groups.into_iter().map(RawGroup::into_nfc).collect(),
            goals: self.goals.into_iter().map(RawGoal::into_nfc).collect(),
            tasks: self.tasks.into_iter().map(RawTask::into_nfc).collect(),
            indicators: self
                .indicators
                .into_iter()
                .map(RawIndicator::into_nfc)
                .collect(),
        }
    }
}

impl RawPlan {
    fn into_nfc(self) -> Self {
        RawPlan {
            id: nfc(self.id),
            date: nfc_opt(self.date),
            title: nfc_opt_loc(self.title),
        }
    }
}

impl RawGroup {
    fn into_nfc(self) -> Self {
        RawGroup {
            id: nfc(self.id),
            name: nfc_loc(self.name),
        }
    }
}

impl RawGoal {
    fn into_nfc(self) -> Self {
        RawGoal {
            id: nfc(self.id),
            title: nfc_loc(self.title),
            group: nfc_opt(self.group),
            plan: nfc_opt(self.plan),
            unit: nfc_opt_loc(self.unit),
            note: nfc_opt_loc(self.note),
            ..self
        }
    }
}

impl RawTask {
    fn into_nfc(self) -> Self {
        RawTask {
            id: nfc(self.id),
            title: nfc_loc(self.title),
            group: nfc_opt(self.group),
            plan: nfc_opt(self.plan),
            owner: nfc_opt_loc(self.owner),
            due: nfc_opt(self.due),
            ..self
        }
    }
}

impl RawIndicator {
    fn into_nfc(self) -> Self {
        RawIndicator {
            id: nfc(self.id),
            name: nfc_loc(self.name),
            ..self
        }
    }
}
