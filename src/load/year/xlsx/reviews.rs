//! The parts of a year that YAML nests and a workbook lays flat (CONTRACT §4 in §5's layout):
//! the `reviews` sheet, each goal's and task's `history.<review id>` columns, and the
//! `evidence` sheet, one row per document naming what it supports by `kind` and `id`.

use super::cells::{Record, Sheet, Workbook};
use super::layout::{self, SheetKind};
use super::to_raw::{Row, Used};
use super::Report;
use crate::load::year::{RawEvidence, RawHistory, RawReview, RawYear};

impl Row<'_, '_, '_> {
    /// The row's `history.<review id>` cells, in column order: numbers on `goals`, statuses on
    /// `tasks`. `None` when none has a value.
    pub(super) fn history(&mut self) -> Option<RawHistory> {
        let mut columns: Vec<(u32, &str)> = self
            .sheet
            .columns
            .iter()
            .filter_map(|(k, c)| k.strip_prefix("history.").map(|id| (*c, id)))
            .collect();
        columns.sort();
        let mut entries = Vec::new();
        for (_, id) in columns {
            let key = format!("history.{id}");
            let value = match self.sheet.kind {
                SheetKind::Tasks => self.convert(&key, |v| v.task_history(layout::STATUS_VALUES)),
                _ => self.convert(&key, |v| v.goal_history()),
            };
            if let Some(v) = value {
                entries.push((id.to_string(), v));
            }
        }
        (!entries.is_empty()).then_some(RawHistory::Map(entries))
    }
}

/// One row of the `reviews` sheet.
pub(super) fn review(row: &mut Row<'_, '_, '_>) -> Option<RawReview> {
    let id = row.required_text("id");
    let date = if row.rec.cells.contains_key("date") {
        row.date("date")
    } else {
        row.missing("date", "date");
        None
    };
    Some(RawReview {
        id: id?,
        date: date?,
        title: row.localized("title"),
        document: row.text("document"),
        evidence: Vec::new(),
    })
}

/// One row of the `evidence` sheet: what it supports, and the document.
struct EvidenceRow {
    kind: SheetKind,
    id: String,
    evidence: RawEvidence,
}

fn evidence_row(row: &mut Row<'_, '_, '_>) -> Option<EvidenceRow> {
    let kind = if row.rec.cells.contains_key("kind") {
        row.choice("kind", layout::EVIDENCE_KINDS)
    } else {
        row.missing("kind", "kind");
        None
    };
    let id = row.required_text("id");
    let title = row.required_localized("title");
    let url = row.required_text("url");
    let kind = match kind? {
        "goal" => SheetKind::Goals,
        "task" => SheetKind::Tasks,
        "plan" => SheetKind::Plans,
        _ => SheetKind::Reviews,
    };
    Some(EvidenceRow {
        kind,
        id: id?,
        evidence: RawEvidence {
            title: title?,
            url: url?,
        },
    })
}

/// The ids of the items of `kind`, in order.
fn ids(raw: &RawYear, kind: SheetKind) -> Vec<&str> {
    match kind {
        SheetKind::Goals => raw.goals.iter().map(|g| g.id.as_str()).collect(),
        SheetKind::Tasks => raw.tasks.iter().map(|t| t.id.as_str()).collect(),
        SheetKind::Plans => raw.plans.iter().map(|p| p.id.as_str()).collect(),
        _ => raw.reviews.iter().map(|r| r.id.as_str()).collect(),
    }
}

fn push_evidence(raw: &mut RawYear, kind: SheetKind, index: usize, e: RawEvidence) {
    let list = match kind {
        SheetKind::Goals => raw.goals.get_mut(index).map(|g| &mut g.evidence),
        SheetKind::Tasks => raw.tasks.get_mut(index).map(|t| &mut t.evidence),
        SheetKind::Plans => raw.plans.get_mut(index).map(|p| &mut p.evidence),
        _ => raw.reviews.get_mut(index).map(|r| &mut r.evidence),
    };
    if let Some(list) = list {
        list.push(e);
    }
}

/// Gives each row of the `evidence` sheet to the item it names (an unknown one is an error at
/// its `id` cell, unless a row of that item's sheet did not read), noting the rows for the
/// locator.
pub(super) fn attach_evidence(
    wb: &Workbook,
    languages: &[String],
    report: &mut Report<'_>,
    raw: &mut RawYear,
    used: &mut Used,
) {
    let Some(sheet) = wb.sheet(SheetKind::Evidence) else {
        return;
    };
    for (r, rec) in sheet.records.iter().enumerate() {
        let mut row = Row {
            sheet,
            rec,
            languages,
            report,
        };
        let Some(e) = evidence_row(&mut row) else {
            continue;
        };
        let ids = ids(raw, e.kind);
        match ids.iter().position(|id| *id == e.id) {
            Some(index) => {
                push_evidence(raw, e.kind, index, e.evidence);
                used.evidence.entry((e.kind, index)).or_default().push(r);
            }
            // The item may be one whose row did not read: its own error says why.
            None if rows_lost(wb, used, e.kind) => {}
            None => unknown_item(sheet, rec, &e, &ids, report),
        }
    }
}

/// Whether some row of the sheet of `kind` did not become an item (each such row is an error
/// of its own), or the sheet's rows were not read at all.
fn rows_lost(wb: &Workbook, used: &Used, kind: SheetKind) -> bool {
    wb.sheet(kind)
        .is_some_and(|s| !s.rows_read || used.items(kind) < s.records.len())
}

fn unknown_item(
    sheet: &Sheet,
    rec: &Record,
    e: &EvidenceRow,
    ids: &[&str],
    report: &mut Report<'_>,
) {
    let what = match e.kind {
        SheetKind::Goals => "goal",
        SheetKind::Tasks => "task",
        SheetKind::Plans => "plan",
        _ => "review",
    };
    let help = match crate::diag::did_you_mean(&e.id, ids.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "name one of the {} of this year by its id, or correct `kind`",
            e.kind.key()
        ),
    };
    let (row, col) = rec.cells.get("id").map_or((rec.row, 0), |c| (c.row, c.col));
    report.error(
        &sheet.name,
        row,
        col,
        format!(
            "evidence names {what} `{}`, which this year does not have",
            e.id
        ),
        help,
    );
}
