//! The model's year → one table per sheet of the layout. Each record becomes its cells by
//! column key (`title.en`, `target`); the columns come from the layout table, a localised field
//! once per site language, so a column added there is written without a change here.

use crate::date::Date;
use crate::load::year::xlsx::layout::{FieldKind, SheetKind};
use crate::model::{
    Evidence, Goal, Group, Indicator, Link, Localized, Plan, Review, Rule, Task, Year,
};
use std::collections::BTreeMap;

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    /// A text cell (a drop-down value is its English key).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A date cell.
    Date(Date),
}

/// One sheet: column keys (`id`, `title.vi`, `history.Q1`) and rows in that order; `None` is
/// an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Which sheet.
    pub kind: SheetKind,
    /// Column keys; one starting with `#` is a column for people, which the reader skips.
    pub columns: Vec<String>,
    /// The records.
    pub rows: Vec<Vec<Option<Out>>>,
}

/// A record's cells by column key.
pub type Cells = BTreeMap<String, Out>;

/// The column keys of a sheet, in the layout's order: a localised field once per language.
pub fn columns_of(kind: SheetKind, languages: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for fl in kind.fields() {
        if fl.kind == FieldKind::Localized {
            out.extend(languages.iter().map(|l| format!("{}.{l}", fl.key)));
        } else {
            out.push(fl.key.to_string());
        }
    }
    out
}

impl Table {
    /// A table of `kind` whose rows are `records`, under `columns`.
    pub fn of(kind: SheetKind, columns: Vec<String>, records: Vec<Cells>) -> Table {
        let rows = records
            .into_iter()
            .map(|mut cells| columns.iter().map(|c| cells.remove(c)).collect())
            .collect();
        Table {
            kind,
            columns,
            rows,
        }
    }
}

/// Every sheet of a year, with every language's columns and a `history.<review id>` column per
/// review but the latest, whose values are the current ones (`actual`, `progress`, `status`);
/// the latest review has a column too where some item's `history` names it.
pub fn year_tables(year: &Year, languages: &[String], default: &str) -> Vec<Table> {
    let w = Writer { languages, default };
    let table = |kind, records| Table::of(kind, columns_of(kind, languages), records);
    let earlier = history_reviews(year);
    let history_columns = |kind| {
        let mut columns = columns_of(kind, languages);
        columns.extend(
            year.reviews
                .iter()
                .take(earlier)
                .map(|r| format!("history.{}", r.id)),
        );
        columns
    };
    let review_id = |i: usize| year.reviews.get(i).filter(|_| i < earlier).map(|r| &r.id);
    let goals = year.goals.iter().map(|g| {
        let mut c = w.goal(g);
        for v in g.history.iter().filter(|v| v.written) {
            if let Some(id) = review_id(v.review) {
                c.insert(format!("history.{id}"), Out::Number(v.value));
            }
        }
        c
    });
    let tasks = year.tasks.iter().map(|t| {
        let mut c = w.task(t);
        for v in t.history.iter().filter(|v| v.written) {
            if let Some(id) = review_id(v.review) {
                c.insert(format!("history.{id}"), Out::Text(v.status.key().into()));
            }
        }
        c
    });
    vec![
        Table::of(
            SheetKind::Goals,
            history_columns(SheetKind::Goals),
            goals.collect(),
        ),
        Table::of(
            SheetKind::Tasks,
            history_columns(SheetKind::Tasks),
            tasks.collect(),
        ),
        table(
            SheetKind::Plans,
            year.plans.iter().map(|p| w.plan(p)).collect(),
        ),
        table(
            SheetKind::Groups,
            year.groups.iter().map(|g| w.group(g)).collect(),
        ),
        table(
            SheetKind::Indicators,
            year.indicators.iter().map(|i| w.indicator(i)).collect(),
        ),
        table(
            SheetKind::Reviews,
            year.reviews.iter().map(|r| w.review(r)).collect(),
        ),
        table(SheetKind::Evidence, w.evidence(year)),
        w.year_sheet(year),
    ]
}

fn link_text(link: &Link) -> &str {
    match link {
        Link::Static(s) | Link::External(s) => s,
    }
}

/// Turns records into cells.
#[derive(Clone, Copy)]
pub struct Writer<'a> {
    /// The site's languages, the default first.
    pub languages: &'a [String],
    /// The default language.
    pub default: &'a str,
}

fn text(cells: &mut Cells, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        cells.insert(key.to_string(), Out::Text(v.to_string()));
    }
}

fn number(cells: &mut Cells, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        cells.insert(key.to_string(), Out::Number(v));
    }
}

fn date(cells: &mut Cells, key: &str, value: Option<Date>) {
    if let Some(v) = value {
        cells.insert(key.to_string(), Out::Date(v));
    }
}

impl Writer<'_> {
    /// `field.<lang>` for each language the text is written in.
    pub fn localized(&self, cells: &mut Cells, field: &str, value: Option<&Localized>) {
        let Some(value) = value else { return };
        for l in self.languages {
            text(cells, &format!("{field}.{l}"), value.exact(l, self.default));
        }
    }

    /// A goal's cells; its rule as written (`progress`, or `target`/`actual`/`baseline`).
    pub fn goal(&self, g: &Goal) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&g.id));
        self.localized(&mut c, "title", Some(&g.title));
        text(&mut c, "group", g.group.as_deref());
        text(&mut c, "plan", g.plan.as_deref());
        match g.rule {
            Rule::Progress(p) => number(&mut c, "progress", Some(p)),
            Rule::Target {
                target,
                actual,
                baseline,
            } => {
                number(&mut c, "target", Some(target));
                number(&mut c, "actual", Some(actual));
                number(&mut c, "baseline", baseline);
            }
        }
        self.localized(&mut c, "unit", g.unit.as_ref());
        self.localized(&mut c, "note", g.note.as_ref());
        c
    }

    /// A task's cells.
    pub fn task(&self, t: &Task) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&t.id));
        self.localized(&mut c, "title", Some(&t.title));
        text(&mut c, "status", Some(t.status.key()));
        text(&mut c, "group", t.group.as_deref());
        text(&mut c, "plan", t.plan.as_deref());
        self.localized(&mut c, "owner", t.owner.as_ref());
        date(&mut c, "due", t.due);
        c
    }

    /// A plan's cells.
    pub fn plan(&self, p: &Plan) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&p.id));
        date(&mut c, "date", p.date);
        self.localized(&mut c, "title", p.title.as_ref());
        c
    }

    /// A group's cells.
    pub fn group(&self, g: &Group) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&g.id));
        self.localized(&mut c, "name", Some(&g.name));
        c
    }

    /// An indicator's cells.
    pub fn indicator(&self, i: &Indicator) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&i.id));
        self.localized(&mut c, "name", Some(&i.name));
        number(&mut c, "value", i.value);
        number(&mut c, "out_of", i.out_of);
        text(&mut c, "better", Some(i.better.as_str()));
        c
    }

    /// A review's cells.
    pub fn review(&self, r: &Review) -> Cells {
        let mut c = Cells::new();
        text(&mut c, "id", Some(&r.id));
        date(&mut c, "date", Some(r.date));
        self.localized(&mut c, "title", r.title.as_ref());
        text(&mut c, "document", r.document.as_ref().map(link_text));
        c
    }

    /// The `evidence` sheet's rows: the goals', then the tasks', plans' and reviews' documents.
    pub fn evidence(&self, year: &Year) -> Vec<Cells> {
        let mut rows = Vec::new();
        let mut add = |kind: &str, id: &str, list: &[Evidence]| {
            for e in list {
                let mut c = Cells::new();
                text(&mut c, "kind", Some(kind));
                text(&mut c, "id", Some(id));
                self.localized(&mut c, "title", Some(&e.title));
                text(&mut c, "url", Some(link_text(&e.link)));
                rows.push(c);
            }
        };
        for g in &year.goals {
            add("goal", &g.id, &g.evidence);
        }
        for t in &year.tasks {
            add("task", &t.id, &t.evidence);
        }
        for p in &year.plans {
            add("plan", &p.id, &p.evidence);
        }
        for r in &year.reviews {
            add("review", &r.id, &r.evidence);
        }
        rows
    }

    /// The `year` sheet: `year`, then `title.<lang>` and `summary.<lang>` where written.
    pub fn year_sheet(&self, year: &Year) -> Table {
        let mut rows = vec![vec![
            Some(Out::Text("year".into())),
            Some(Out::Number(f64::from(year.year))),
        ]];
        for (field, value) in [("title", &year.title), ("summary", &year.summary_md)] {
            let Some(value) = value else { continue };
            for l in self.languages {
                if let Some(t) = value.exact(l, self.default) {
                    rows.push(vec![
                        Some(Out::Text(format!("{field}.{l}"))),
                        Some(Out::Text(t.to_string())),
                    ]);
                }
            }
        }
        Table {
            kind: SheetKind::Year,
            columns: vec!["key".into(), "value".into()],
            rows,
        }
    }
}

/// How many of the year's reviews, from the first, are written in `history`: every one but the
/// latest, whose values are the current ones, unless some goal's or task's `history` names the
/// latest too (as `tiendo check` suggests for an item confirmed unchanged): that value is kept.
pub fn history_reviews(year: &Year) -> usize {
    let latest = year.reviews.len().saturating_sub(1);
    let at_latest = |review: usize, written: bool| written && review == latest;
    let named = year
        .goals
        .iter()
        .any(|g| g.history.iter().any(|v| at_latest(v.review, v.written)))
        || year
            .tasks
            .iter()
            .any(|t| t.history.iter().any(|v| at_latest(v.review, v.written)));
    if named {
        year.reviews.len()
    } else {
        latest
    }
}
