//! The sheets' records → a [`RawYear`], field by field, each cell converted by its column's
//! kind. A cell that cannot be a field's value is an error at that cell; so is a record without
//! a field YAML requires (`missing `title``, as serde says it). Nothing here checks what values
//! mean: that is the one validation's, shared with YAML.

use super::cells::{Record, Sheet, Workbook};
use super::layout::{self, SheetKind};
use super::values::Problem;
use super::Report;
use crate::load::year::YearFile;
use crate::load::year::{RawGoal, RawGroup, RawIndicator, RawPlan, RawTask, RawYear};
use crate::model::{Better, Localized, TaskStatus};
use std::collections::BTreeMap;

/// Which records of each sheet became which raw items, for the locator: `used[kind][i]` is the
/// index in the sheet's records of item `i` of the list.
#[derive(Debug, Default)]
pub struct Used {
    /// Per sheet kind, in the order of [`SheetKind::ALL`].
    pub records: Vec<(SheetKind, Vec<usize>)>,
    /// The `year` sheet's keys (`title.vi`) → the 0-based (row, column) of their value.
    pub year_keys: BTreeMap<String, (u32, u32)>,
    /// (sheet of the item, item index) → the `evidence` sheet's records given to it, in order.
    pub evidence: BTreeMap<(SheetKind, usize), Vec<usize>>,
}

impl Used {
    /// The record of item `index` of the list of `kind`.
    pub fn record(&self, kind: SheetKind, index: usize) -> Option<usize> {
        self.records
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, v)| v.get(index).copied())
    }

    /// How many items the sheet of `kind` gave.
    pub fn items(&self, kind: SheetKind) -> usize {
        self.records
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, v)| v.len())
    }
}

/// One record being read: its sheet, its cells, and where problems go.
pub(super) struct Row<'a, 'r, 'd> {
    pub(super) sheet: &'a Sheet,
    pub(super) rec: &'a Record,
    pub(super) languages: &'a [String],
    pub(super) report: &'r mut Report<'d>,
}

impl Row<'_, '_, '_> {
    /// Reports a conversion problem at the cell of `key`.
    pub(super) fn convert<T>(
        &mut self,
        key: &str,
        f: impl FnOnce(&super::values::Value) -> Result<T, Problem>,
    ) -> Option<T> {
        let cell = self.rec.cells.get(key)?;
        match f(&cell.value) {
            Ok(v) => Some(v),
            Err((message, help)) => {
                self.report
                    .error(&self.sheet.name, cell.row, cell.col, message, help);
                None
            }
        }
    }

    /// A field YAML requires and the row lacks: the error is at the cell where it belongs. A
    /// column the sheet lacks is noted, to be said once for the sheet (`gaps.rs`).
    pub(super) fn missing(&mut self, field: &str, column: &str) {
        let Some(&col) = self.sheet.columns.get(column) else {
            self.report.gaps.note(self.sheet.kind, field, column);
            return;
        };
        let header = layout::header_for(self.sheet.kind, column, false);
        self.report.error(
            &self.sheet.name,
            self.rec.row,
            col,
            format!("missing `{field}`"),
            format!("fill in the `{header}` cell of this row"),
        );
    }

    pub(super) fn text(&mut self, key: &str) -> Option<String> {
        self.convert(key, |v| v.text())
    }

    pub(super) fn required_text(&mut self, key: &str) -> Option<String> {
        if !self.rec.cells.contains_key(key) {
            self.missing(key, key);
            return None;
        }
        self.text(key)
    }

    pub(super) fn number(&mut self, key: &str) -> Option<f64> {
        self.convert(key, |v| v.number())
    }

    pub(super) fn date(&mut self, key: &str) -> Option<String> {
        self.convert(key, |v| v.date_text())
    }

    /// One column per site language (`title.vi`, `title.en`); the texts as written.
    pub(super) fn localized(&mut self, field: &str) -> Option<Localized> {
        let mut pairs = Vec::new();
        for lang in self.languages {
            let key = format!("{field}.{lang}");
            if let Some(t) = self.convert(&key, |v| v.text_as_written()) {
                pairs.push((lang.clone(), t));
            }
        }
        (!pairs.is_empty()).then(|| Localized::from_pairs(pairs))
    }

    pub(super) fn required_localized(&mut self, field: &str) -> Option<Localized> {
        let found = self.localized(field);
        if found.is_none()
            && !self
                .languages
                .iter()
                .any(|l| self.rec.cells.contains_key(&format!("{field}.{l}")))
        {
            // The cell of the first language the sheet has a column for (else the default's).
            let default = self.languages.first().map_or("vi", String::as_str);
            let column = self
                .languages
                .iter()
                .map(|l| format!("{field}.{l}"))
                .find(|c| self.sheet.columns.contains_key(c))
                .unwrap_or_else(|| format!("{field}.{default}"));
            self.missing(field, &column);
        }
        found
    }

    pub(super) fn choice(
        &mut self,
        key: &str,
        table: &[(&'static str, &str)],
    ) -> Option<&'static str> {
        self.convert(key, |v| v.choice(table))
    }
}

/// Reads every sheet into the raw year. `raw.year` is the `year` row's value, or the file's.
pub fn raw_year(
    wb: &Workbook,
    file: &YearFile,
    languages: &[String],
    report: &mut Report<'_>,
) -> (RawYear, Used) {
    let mut used = Used::default();
    let mut raw = RawYear {
        year: file.year,
        title: None,
        summary: None,
        plans: Vec::new(),
        groups: Vec::new(),
        goals: Vec::new(),
        tasks: Vec::new(),
        indicators: Vec::new(),
        reviews: Vec::new(),
    };
    if let Some(sheet) = wb.sheet(SheetKind::Year) {
        used.year_keys = year_sheet(sheet, languages, report, &mut raw);
    }
    for sheet in &wb.sheets {
        let mut indices = Vec::new();
        for (i, rec) in sheet.records.iter().enumerate() {
            let mut row = Row {
                sheet,
                rec,
                languages,
                report,
            };
            if add_record(&mut row, &mut raw) {
                indices.push(i);
            }
        }
        used.records.push((sheet.kind, indices));
    }
    super::reviews::attach_evidence(wb, languages, report, &mut raw, &mut used);
    super::gaps::report(wb, languages, report);
    (raw, used)
}

/// Adds one record to its list; false when it could not be read (or is not a list's).
fn add_record(row: &mut Row<'_, '_, '_>, raw: &mut RawYear) -> bool {
    match row.sheet.kind {
        SheetKind::Goals => goal(row).map(|g| raw.goals.push(g)).is_some(),
        SheetKind::Tasks => task(row).map(|t| raw.tasks.push(t)).is_some(),
        SheetKind::Plans => plan(row).map(|p| raw.plans.push(p)).is_some(),
        SheetKind::Groups => group(row).map(|g| raw.groups.push(g)).is_some(),
        SheetKind::Indicators => indicator(row).map(|i| raw.indicators.push(i)).is_some(),
        SheetKind::Reviews => super::reviews::review(row)
            .map(|r| raw.reviews.push(r))
            .is_some(),
        SheetKind::Evidence | SheetKind::Year => false,
    }
}

fn goal(row: &mut Row<'_, '_, '_>) -> Option<RawGoal> {
    let id = row.required_text("id");
    let title = row.required_localized("title");
    let goal = RawGoal {
        id: id?,
        title: title?,
        group: row.text("group"),
        plan: row.text("plan"),
        progress: row.number("progress"),
        target: row.number("target"),
        actual: row.number("actual"),
        baseline: row.number("baseline"),
        unit: row.localized("unit"),
        note: row.localized("note"),
        history: row.history(),
        evidence: Vec::new(),
    };
    Some(goal)
}

fn task(row: &mut Row<'_, '_, '_>) -> Option<RawTask> {
    let id = row.required_text("id");
    let title = row.required_localized("title");
    let status = if row.rec.cells.contains_key("status") {
        row.choice("status", layout::STATUS_VALUES).map(status_of)
    } else {
        row.missing("status", "status");
        None
    };
    Some(RawTask {
        id: id?,
        title: title?,
        status: status?,
        group: row.text("group"),
        plan: row.text("plan"),
        owner: row.localized("owner"),
        due: row.date("due"),
        history: row.history(),
        evidence: Vec::new(),
    })
}

/// A status key of [`layout::STATUS_VALUES`] as the model's status.
pub fn status_of(key: &str) -> TaskStatus {
    match key {
        "done" => TaskStatus::Done,
        "in_progress" => TaskStatus::InProgress,
        _ => TaskStatus::NotStarted,
    }
}

fn plan(row: &mut Row<'_, '_, '_>) -> Option<RawPlan> {
    Some(RawPlan {
        id: row.required_text("id")?,
        date: row.date("date"),
        title: row.localized("title"),
        evidence: Vec::new(),
    })
}

fn group(row: &mut Row<'_, '_, '_>) -> Option<RawGroup> {
    let id = row.required_text("id");
    let name = row.required_localized("name");
    Some(RawGroup {
        id: id?,
        name: name?,
    })
}

fn indicator(row: &mut Row<'_, '_, '_>) -> Option<RawIndicator> {
    let id = row.required_text("id");
    let name = row.required_localized("name");
    let better = match row.choice("better", layout::BETTER_VALUES) {
        Some("lower") => Better::Lower,
        _ => Better::Higher,
    };
    Some(RawIndicator {
        id: id?,
        name: name?,
        value: row.number("value"),
        out_of: row.number("out_of"),
        better,
    })
}

/// The `year` sheet's `key`/`value` rows: `year`, `title.<lang>`, `summary.<lang>`.
fn year_sheet(
    sheet: &Sheet,
    languages: &[String],
    report: &mut Report<'_>,
    raw: &mut RawYear,
) -> BTreeMap<String, (u32, u32)> {
    let mut title = Vec::new();
    let mut summary = Vec::new();
    let mut places = BTreeMap::new();
    for (key, value) in year_rows(sheet, languages, report) {
        let at = (value.row, value.col);
        places.insert(key.clone(), at);
        let converted = if key == "year" {
            value
                .value
                .number()
                .and_then(|n| year_number(n).map(|y| raw.year = y))
        } else {
            value.value.text_as_written().map(|t| {
                let (field, lang) = key.split_once('.').unwrap_or((key.as_str(), ""));
                let list = if field == "title" {
                    &mut title
                } else {
                    &mut summary
                };
                list.push((lang.to_string(), t));
            })
        };
        if let Err((message, help)) = converted {
            report.error(&sheet.name, at.0, at.1, message, help);
        }
    }
    raw.title = (!title.is_empty()).then(|| Localized::from_pairs(in_order(title, languages)));
    raw.summary =
        (!summary.is_empty()).then(|| Localized::from_pairs(in_order(summary, languages)));
    places
}

fn year_number(n: f64) -> Result<i32, Problem> {
    if n.fract() == 0.0 && (1000.0..=9999.0).contains(&n) {
        Ok(n as i32)
    } else {
        Err((
            format!("`{n}` is not a year"),
            "write the year's four digits, such as `2023`".to_string(),
        ))
    }
}

fn in_order(mut pairs: Vec<(String, String)>, languages: &[String]) -> Vec<(String, String)> {
    pairs.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
    pairs
}

/// The rows of the `year` sheet as (key, value cell), keys resolved (`Tóm tắt (en)` →
/// `summary.en`); unknown and repeated keys are errors at their cell.
pub fn year_rows<'s>(
    sheet: &'s Sheet,
    languages: &[String],
    report: &mut Report<'_>,
) -> Vec<(String, &'s super::cells::Cell)> {
    let mut out: Vec<(String, &super::cells::Cell)> = Vec::new();
    for r in &sheet.records {
        let Some(k) = r.cells.get("key") else {
            if !sheet.columns.contains_key("key") {
                report.gaps.note(sheet.kind, "key", "key");
            } else if let Some(c) = r.cells.values().next() {
                report.error(
                    &sheet.name,
                    c.row,
                    c.col,
                    "a value without a key",
                    "write the key in column `key` (`title.vi`, `summary.en`, …)",
                );
            }
            continue;
        };
        let key = match k
            .value
            .text()
            .map(|t| layout::classify_year_key(&t, languages))
        {
            Ok(Ok(layout::Column::Key(key))) => key,
            Ok(Ok(layout::Column::Ignored)) => continue,
            Ok(Err(e)) => {
                let message = e.message.replacen("column", "key", 1);
                report.error(&sheet.name, k.row, k.col, message, e.help);
                continue;
            }
            Err((message, help)) => {
                report.error(&sheet.name, k.row, k.col, message, help);
                continue;
            }
        };
        if let Some((_, first)) = out.iter().find(|(kk, _)| *kk == key) {
            report.error(
                &sheet.name,
                k.row,
                k.col,
                format!("key `{key}` appears twice (also in row {})", first.row + 1),
                "keep one of the rows",
            );
            continue;
        }
        match r.cells.get("value") {
            Some(v) => out.push((key, v)),
            None if !sheet.columns.contains_key("value") => {
                report.gaps.note(sheet.kind, "value", "value");
            }
            None => {}
        }
    }
    out
}
