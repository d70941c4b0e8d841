//! `tiendo new year <YYYY> --xlsx`: next year as a template workbook, carrying over what the
//! latest earlier year left undone, as `new year` does for YAML. On a Vietnamese site its sheets,
//! columns and drop-down values are Vietnamese (`Mục tiêu`, `Tên (vi)`, `Hoàn thành`); it has a
//! frozen header, drop-downs for `status` and `better`, and an instructions sheet in both
//! languages, which it opens on.

use super::year::{
    cannot_carry_over, carry_note, latest_year_before, refuse_existing_year, Carried,
};
use super::{site_languages, write_new, Created, ScaffoldError};
use crate::date::Date;
use crate::export::xlsx::{self as book, columns_of, Cells, Out, Table, WriteOptions, Writer};
use crate::load::year::xlsx::layout::SheetKind;
use crate::load::{self, LoadOptions};
use crate::model::{Goal, Rule, Site, Year};
use std::path::{Path, PathBuf};

/// Creates `content/years/<year>.xlsx`, carrying over from the latest earlier year the goals not
/// completed and the tasks not done, with the groups and plans they name.
pub fn new_year_xlsx(root: &Path, year: i32, today: Date) -> Result<Created, ScaffoldError> {
    let rel = PathBuf::from(format!("content/years/{year}.xlsx"));
    refuse_existing_year(root, year)?;
    let langs = site_languages(root)?;
    let default = langs.first().map(String::as_str).unwrap_or("vi");
    let w = Writer {
        languages: &langs,
        default,
    };
    let (tables, note) = match latest_year_before(root, year)? {
        None => (
            template(&w, year, None),
            format!("no earlier year file: created an empty {year} workbook"),
        ),
        Some(prev) => {
            let (site, diags) = load::load_site(&LoadOptions::new(root, today).drafts(true));
            match site.as_ref().and_then(|s: &Site| s.year(prev)) {
                Some(old) => (
                    template(&w, year, Some(old)),
                    carry_note(old, &Carried::of(old)),
                ),
                None => return Err(cannot_carry_over(year, prev, &diags)),
            }
        }
    };
    let opts = WriteOptions {
        vietnamese: default == "vi",
        created: book::created_in(year),
        title: year.to_string(),
    };
    let bytes = book::write_workbook(&tables, &opts).map_err(|why| {
        ScaffoldError::from(crate::diag::Diagnostic::error(
            &rel,
            format!("the template cannot be written: {why}"),
        ))
    })?;
    let paths = write_new(root, &[(rel, bytes)])?;
    Ok(Created { paths, note })
}

/// The sheets of the new year: what `old` carries over, and empty sheets for the rest.
fn template(w: &Writer<'_>, year: i32, old: Option<&Year>) -> Vec<Table> {
    let carried = old.map(Carried::of);
    let langs = w.languages;
    let table = |kind, records| Table::of(kind, columns_of(kind, langs), records);
    let (goals, tasks, plans, groups) = match &carried {
        Some(c) => (
            c.goals.iter().map(|g| carried_goal(w, g)).collect(),
            c.tasks
                .iter()
                .map(|t| {
                    let mut cells = w.task(t);
                    cells.remove("due");
                    cells
                })
                .collect(),
            c.plans.iter().map(|p| w.plan(p)).collect(),
            c.groups.iter().map(|g| w.group(g)).collect(),
        ),
        None => Default::default(),
    };
    let mut goal_columns = columns_of(SheetKind::Goals, langs);
    if let Some(old) = old {
        goal_columns.push(format!("# {}", old.year));
    }
    vec![
        Table::of(SheetKind::Goals, goal_columns, with_previous(goals, old)),
        table(SheetKind::Tasks, tasks),
        table(SheetKind::Plans, plans),
        table(SheetKind::Groups, groups),
        table(SheetKind::Indicators, Vec::new()),
        table(SheetKind::Reviews, Vec::new()),
        table(SheetKind::Evidence, Vec::new()),
        year_sheet(w, year),
    ]
}

/// A carried goal: `progress` starts again at 0, a target keeps its `actual` to update; the
/// old value stays beside it, in a column for people (`# 2023`).
fn carried_goal(w: &Writer<'_>, g: &Goal) -> Cells {
    let mut cells = w.goal(g);
    cells.remove("note");
    let previous = match g.rule {
        Rule::Progress(p) => {
            cells.insert("progress".into(), Out::Number(0.0));
            p
        }
        Rule::Target { actual, .. } => actual,
    };
    cells.insert("#previous".into(), Out::Number(previous));
    cells
}

/// Moves each goal's `#previous` value under the `# <year>` column.
fn with_previous(mut goals: Vec<Cells>, old: Option<&Year>) -> Vec<Cells> {
    if let Some(old) = old {
        for g in &mut goals {
            if let Some(v) = g.remove("#previous") {
                g.insert(format!("# {}", old.year), v);
            }
        }
    }
    goals
}

/// The `year` sheet: the year, and empty rows for the title and summary in every language.
fn year_sheet(w: &Writer<'_>, year: i32) -> Table {
    let mut rows = vec![vec![
        Some(Out::Text("year".into())),
        Some(Out::Number(f64::from(year))),
    ]];
    for field in ["title", "summary"] {
        for l in w.languages {
            rows.push(vec![Some(Out::Text(format!("{field}.{l}"))), None]);
        }
    }
    Table {
        kind: SheetKind::Year,
        columns: vec!["key".into(), "value".into()],
        rows,
    }
}
