//! A year as a format reader gives it: the values as written, nothing checked yet. The YAML
//! reader fills these by serde; a workbook reader fills them cell by cell. Dates are text
//! (`YYYY-MM-DD`), numbers are `f64`, texts are `Localized`. A `history` is kept as loosely as it
//! was written ([`RawHistory`], [`RawValue`]), so that its rules (a map of review ids, values of
//! the item's kind) are checked by the one validation, whatever the format.

use crate::load::text::nfc;
use crate::model::{Better, Localized, TaskStatus};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

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
    /// `reviews:`.
    #[serde(default)]
    pub reviews: Vec<RawReview>,
}

/// One of `reviews:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    /// `id:`.
    pub id: String,
    /// `date:`, as written.
    pub date: String,
    /// `title:`.
    pub title: Option<Localized>,
    /// `document:`: a path under the site root or an address, as written.
    pub document: Option<String>,
    /// `evidence:`.
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

/// One of `evidence:` (of a goal, task, plan or review).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    /// `title:`.
    pub title: Localized,
    /// `url:`: a path under the site root or an address, as written.
    pub url: String,
}

/// A value of a `history` (or one of its keys) as written: what the item's rule expects is
/// checked later.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// A number.
    Number(f64),
    /// A text (a status is a text).
    Text(String),
    /// Something else, named for messages: `a list`, `a map`, `true`, `nothing`.
    Other(&'static str),
}

/// A `history:` as written.
#[derive(Debug, Clone, PartialEq)]
pub enum RawHistory {
    /// `{Q1: 40, Q2: 70}`: (review id as written, value) in the order written.
    Map(Vec<(String, RawValue)>),
    /// Not a map: what it was instead (`a list`, `a number`, …).
    NotAMap(&'static str),
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
    /// `evidence:`.
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
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
    /// `history:`: its value at earlier reviews.
    pub history: Option<RawHistory>,
    /// `evidence:`.
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
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
    /// `history:`: its status at earlier reviews.
    pub history: Option<RawHistory>,
    /// `evidence:`.
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
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

/// An id, or a reference to one (a goal's `plan`, a `history`'s review id): in NFC, without
/// the white space around it, as a workbook cell's text is read, so that `" Q1 "` and `Q1` are
/// one id whatever the format.
fn id(s: String) -> String {
    nfc(s).trim().to_string()
}

fn id_opt(s: Option<String>) -> Option<String> {
    s.map(id)
}

fn nfc_loc(t: Localized) -> Localized {
    t.map_texts(nfc)
}

fn nfc_opt_loc(t: Option<Localized>) -> Option<Localized> {
    t.map(nfc_loc)
}

impl RawYear {
    /// Every text in NFC, whatever the reader gave (a YAML file is normalised when read; a
    /// workbook's cells are not), so ids, references and titles compare as the reader sees them;
    /// ids and references without the white space around them, as a workbook's cells are read;
    /// and no number a negative zero (`-0.0` in YAML, `-0` in a cell), which is 0 but would be
    /// written `-0.0` in data.json.
    pub fn normalized(self) -> RawYear {
        RawYear {
            year: self.year,
            title: nfc_opt_loc(self.title),
            summary: nfc_opt_loc(self.summary),
            plans: self.plans.into_iter().map(RawPlan::normalized).collect(),
            groups: self.groups.into_iter().map(RawGroup::normalized).collect(),
            goals: self.goals.into_iter().map(RawGoal::normalized).collect(),
            tasks: self.tasks.into_iter().map(RawTask::normalized).collect(),
            indicators: self
                .indicators
                .into_iter()
                .map(RawIndicator::normalized)
                .collect(),
            reviews: self
                .reviews
                .into_iter()
                .map(RawReview::normalized)
                .collect(),
        }
    }
}

fn nfc_evidence(e: Vec<RawEvidence>) -> Vec<RawEvidence> {
    e.into_iter()
        .map(|e| RawEvidence {
            title: nfc_loc(e.title),
            url: nfc(e.url),
        })
        .collect()
}

/// `x`, with a negative zero made zero.
fn zero(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x
    }
}

fn nfc_history(h: Option<RawHistory>) -> Option<RawHistory> {
    let text = |v: RawValue| match v {
        RawValue::Text(t) => RawValue::Text(nfc(t)),
        RawValue::Number(n) => RawValue::Number(zero(n)),
        other => other,
    };
    h.map(|h| match h {
        RawHistory::Map(entries) => {
            RawHistory::Map(entries.into_iter().map(|(k, v)| (id(k), text(v))).collect())
        }
        other => other,
    })
}

impl RawReview {
    fn normalized(self) -> Self {
        RawReview {
            id: id(self.id),
            date: nfc(self.date),
            title: nfc_opt_loc(self.title),
            document: nfc_opt(self.document),
            evidence: nfc_evidence(self.evidence),
        }
    }
}

impl RawPlan {
    fn normalized(self) -> Self {
        RawPlan {
            id: id(self.id),
            date: nfc_opt(self.date),
            title: nfc_opt_loc(self.title),
            evidence: nfc_evidence(self.evidence),
        }
    }
}

impl RawGroup {
    fn normalized(self) -> Self {
        RawGroup {
            id: id(self.id),
            name: nfc_loc(self.name),
        }
    }
}

impl RawGoal {
    fn normalized(self) -> Self {
        RawGoal {
            id: id(self.id),
            title: nfc_loc(self.title),
            group: id_opt(self.group),
            plan: id_opt(self.plan),
            unit: nfc_opt_loc(self.unit),
            note: nfc_opt_loc(self.note),
            history: nfc_history(self.history),
            evidence: nfc_evidence(self.evidence),
            progress: self.progress.map(zero),
            target: self.target.map(zero),
            actual: self.actual.map(zero),
            baseline: self.baseline.map(zero),
        }
    }
}

impl RawTask {
    fn normalized(self) -> Self {
        RawTask {
            id: id(self.id),
            title: nfc_loc(self.title),
            group: id_opt(self.group),
            plan: id_opt(self.plan),
            owner: nfc_opt_loc(self.owner),
            due: nfc_opt(self.due),
            history: nfc_history(self.history),
            evidence: nfc_evidence(self.evidence),
            ..self
        }
    }
}

impl RawIndicator {
    fn normalized(self) -> Self {
        RawIndicator {
            id: id(self.id),
            name: nfc_loc(self.name),
            value: self.value.map(zero),
            out_of: self.out_of.map(zero),
            ..self
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a history loosely: every shape is accepted here and judged by the validation.

/// Accepts any value: scalars as they are, lists and maps by what they are.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a text")
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Other(if v { "`true`" } else { "`false`" }))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Other("nothing"))
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Other("nothing"))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawValue::Other("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(RawValue::Other("a map"))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

/// A map as its entries in order; anything else by what it is.
struct HistoryVisitor;

impl<'de> Visitor<'de> for HistoryVisitor {
    type Value = RawHistory;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of review ids to values")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawHistory, A::Error> {
        let mut entries = Vec::new();
        // Keys as texts: a review id written `01` stays `01`.
        while let Some(entry) = map.next_entry::<String, RawValue>()? {
            entries.push(entry);
        }
        Ok(RawHistory::Map(entries))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawHistory, A::Error> {
        ValueVisitor.visit_seq(seq).map(not_a_map)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawHistory, E> {
        ValueVisitor.visit_bool(v).map(not_a_map)
    }
    fn visit_i64<E>(self, _: i64) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("a text"))
    }
    fn visit_unit<E>(self) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("nothing"))
    }
    fn visit_none<E>(self) -> Result<RawHistory, E> {
        Ok(RawHistory::NotAMap("nothing"))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawHistory, D::Error> {
        d.deserialize_any(HistoryVisitor)
    }
}

fn not_a_map(v: RawValue) -> RawHistory {
    match v {
        RawValue::Other(what) => RawHistory::NotAMap(what),
        RawValue::Number(_) => RawHistory::NotAMap("a number"),
        RawValue::Text(_) => RawHistory::NotAMap("a text"),
    }
}

impl<'de> Deserialize<'de> for RawHistory {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(HistoryVisitor)
    }
}
