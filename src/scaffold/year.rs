//! `tiendo new year`: next year's file, carrying over what the latest earlier year left undone.

use super::{loc, num, q, site_languages, write_new, Created, ScaffoldError};
use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs;
use crate::load::{self, LoadOptions};
use crate::model::{Bucket, Goal, Group, Plan, Rule, Site, Task, TaskStatus, Year};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Creates `content/years/<year>.yaml`, carrying over from the latest earlier year the goals
/// not completed and the tasks not done, with the groups and plans they name.
pub fn new_year(root: &Path, year: i32, today: Date) -> Result<Created, ScaffoldError> {
    let rel = PathBuf::from(format!("content/years/{year}.yaml"));
    refuse_existing_year(root, year)?;
    let langs = site_languages(root)?;
    let default = langs.first().map(String::as_str).unwrap_or("vi");
    let (text, note) = match latest_year_before(root, year)? {
        None => (
            format!(
                "# The year {year}. See the README of tiendo for every key.\nyear: {year}\ngoals: []\ntasks: []\n"
            ),
            format!("no earlier year file: created an empty {year}"),
        ),
        Some(prev) => {
            let (site, diags) = load::load_site(&LoadOptions::new(root, today).drafts(true));
            match site.as_ref().and_then(|s: &Site| s.year(prev)) {
                Some(old) => carry_over(old, year, default),
                None => return Err(cannot_carry_over(year, prev, &diags)),
            }
        }
    };
    let paths = write_new(root, &[(rel, text)])?;
    Ok(Created { paths, note })
}

/// Refuses a year that has a file already, YAML or workbook.
pub(super) fn refuse_existing_year(root: &Path, year: i32) -> Result<(), ScaffoldError> {
    for ext in ["yaml", "xlsx"] {
        let rel = PathBuf::from(format!("content/years/{year}.{ext}"));
        if fs::symlink_metadata(&root.join(&rel)).is_ok() {
            return Err(Diagnostic::error(
                &rel,
                "this year file exists already; tiendo never overwrites it",
            )
            .help("edit it, or remove it first if you want to start it again")
            .into());
        }
    }
    Ok(())
}

/// The largest `NNNN` of `content/years/NNNN.yaml` (or `.xlsx`) below `year`; none when there
/// is no `content/years` folder.
pub(super) fn latest_year_before(root: &Path, year: i32) -> Result<Option<i32>, ScaffoldError> {
    let names = match fs::read_dir_names(&root.join("content/years")) {
        Ok(names) => names,
        Err(e) if e.source.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ScaffoldError::Io(e)),
    };
    Ok(names
        .iter()
        .filter_map(|name| {
            let name = name.to_str()?;
            let stem = name
                .strip_suffix(".yaml")
                .or_else(|| name.strip_suffix(".xlsx"))?;
            (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
                .then(|| stem.parse::<i32>().ok())
                .flatten()
        })
        .filter(|&y| y < year)
        .max())
}

/// The site's errors, and why they stop `new year`.
pub(super) fn cannot_carry_over(year: i32, prev: i32, diags: &Diagnostics) -> ScaffoldError {
    super::refused_for_errors(
        diags,
        Diagnostic::error(
            "content/years",
            format!(
                "cannot carry over from {prev}: the site has {}",
                errors_word(diags)
            ),
        )
        .help(format!(
            "fix them (`tiendo check` lists them), then run `tiendo new year {year}` again"
        )),
    )
}

/// "1 error" or "3 errors, each shown on its own".
pub(super) fn errors_word(diags: &Diagnostics) -> String {
    match diags.error_count() {
        1 => "1 error".to_string(),
        n => format!("{n} errors, each shown on its own"),
    }
}

/// What a new year takes from the previous one: the goals not completed and the tasks not done,
/// and the plans and groups they name.
pub(super) struct Carried<'a> {
    pub(super) goals: Vec<&'a Goal>,
    pub(super) tasks: Vec<&'a Task>,
    pub(super) plans: Vec<&'a Plan>,
    pub(super) groups: Vec<&'a Group>,
}

impl<'a> Carried<'a> {
    pub(super) fn of(old: &'a Year) -> Self {
        let goals: Vec<&Goal> = old
            .goals
            .iter()
            .filter(|g| g.bucket != Bucket::Completed)
            .collect();
        let tasks: Vec<&Task> = old
            .tasks
            .iter()
            .filter(|t| t.status != TaskStatus::Done)
            .collect();
        let named = |id: &str,
                     of_goal: fn(&Goal) -> &Option<String>,
                     of_task: fn(&Task) -> &Option<String>| {
            goals.iter().any(|g| of_goal(g).as_deref() == Some(id))
                || tasks.iter().any(|t| of_task(t).as_deref() == Some(id))
        };
        let plans = old
            .plans
            .iter()
            .filter(|p| named(&p.id, |g| &g.plan, |t| &t.plan))
            .collect();
        let groups = old
            .groups
            .iter()
            .filter(|gr| named(&gr.id, |g| &g.group, |t| &t.group))
            .collect();
        Carried {
            goals,
            tasks,
            plans,
            groups,
        }
    }
}

/// The text of the new year file and a note listing what was carried over.
fn carry_over(old: &Year, year: i32, default: &str) -> (String, String) {
    let c = Carried::of(old);
    let prev = old.year;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The year {year}, started by `tiendo new year {year}` from {prev}: the goals not completed\n\
         # and the tasks not done in {prev}, with their ids. Update every `actual`, `progress` and\n\
         # `status`, set the `due` dates, and add the new goals and tasks."
    );
    if !old.reviews.is_empty() {
        let _ = writeln!(
            s,
            "# The reviews of {prev} and each item's `history` stay in {prev}: this year's go under\n\
             # `reviews:` as the committee meets."
        );
    }
    let _ = writeln!(s, "year: {year}");
    write_plans(&mut s, &c.plans, default);
    write_groups(&mut s, &c.groups, default);
    let _ = writeln!(
        s,
        "{}",
        if c.goals.is_empty() {
            "goals: []"
        } else {
            "goals:"
        }
    );
    for g in &c.goals {
        write_goal(&mut s, g, prev, default);
    }
    let _ = writeln!(
        s,
        "{}",
        if c.tasks.is_empty() {
            "tasks: []"
        } else {
            "tasks:"
        }
    );
    for t in &c.tasks {
        write_task(&mut s, t, default);
    }
    (s, carry_note(old, &c))
}

fn write_plans(s: &mut String, plans: &[&Plan], default: &str) {
    if plans.is_empty() {
        return;
    }
    let _ = writeln!(s, "plans:");
    for p in plans {
        let _ = writeln!(s, "  - id: {}", q(&p.id));
        if let Some(d) = p.date {
            let _ = writeln!(s, "    date: {d}");
        }
        if let Some(t) = &p.title {
            let _ = writeln!(s, "    title: {}", loc(t, default));
        }
    }
}

fn write_groups(s: &mut String, groups: &[&Group], default: &str) {
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(s, "groups:");
    for g in groups {
        let _ = writeln!(s, "  - id: {}", q(&g.id));
        let _ = writeln!(s, "    name: {}", loc(&g.name, default));
    }
}

/// A goal with its rule: progress starts again at 0; a target keeps its `actual`, to update.
fn write_goal(s: &mut String, g: &Goal, prev: i32, default: &str) {
    let _ = writeln!(s, "  - id: {}", q(&g.id));
    let _ = writeln!(s, "    title: {}", loc(&g.title, default));
    if let Some(x) = &g.group {
        let _ = writeln!(s, "    group: {}", q(x));
    }
    if let Some(x) = &g.plan {
        let _ = writeln!(s, "    plan: {}", q(x));
    }
    match g.rule {
        Rule::Progress(p) => {
            let _ = writeln!(s, "    progress: 0   # {} in {prev}", num(p));
        }
        Rule::Target {
            target,
            actual,
            baseline,
        } => {
            if let Some(b) = baseline {
                let _ = writeln!(s, "    baseline: {}", num(b));
            }
            let _ = writeln!(s, "    target: {}", num(target));
            let _ = writeln!(
                s,
                "    actual: {}   # the {prev} value: update it",
                num(actual)
            );
        }
    }
    if let Some(u) = &g.unit {
        let _ = writeln!(s, "    unit: {}", loc(u, default));
    }
}

fn write_task(s: &mut String, t: &Task, default: &str) {
    let _ = writeln!(s, "  - id: {}", q(&t.id));
    let _ = writeln!(s, "    title: {}", loc(&t.title, default));
    let _ = writeln!(s, "    status: {}", t.status.key());
    if let Some(x) = &t.group {
        let _ = writeln!(s, "    group: {}", q(x));
    }
    if let Some(x) = &t.plan {
        let _ = writeln!(s, "    plan: {}", q(x));
    }
    if let Some(o) = &t.owner {
        let _ = writeln!(s, "    owner: {}", loc(o, default));
    }
}

/// "carried over from 2023: 3 of 5 goals not completed (G1, G2, G4) and …".
pub(super) fn carry_note(old: &Year, c: &Carried<'_>) -> String {
    let ids = |v: Vec<&str>| {
        if v.is_empty() {
            String::new()
        } else {
            format!(" ({})", v.join(", "))
        }
    };
    format!(
        "carried over from {}: {} of {} goals not completed{} and {} of {} tasks not done{}",
        old.year,
        c.goals.len(),
        old.goals.len(),
        ids(c.goals.iter().map(|g| g.id.as_str()).collect()),
        c.tasks.len(),
        old.tasks.len(),
        ids(c.tasks.iter().map(|t| t.id.as_str()).collect()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_year_carries_no_reviews_history_or_evidence_over() {
        let config = crate::fuzzing::config(true);
        let old = "year: 2023
plans:
  - {id: P, date: 2023-03-10, evidence: [{title: a, url: \"https://x.vn/p\"}]}
reviews:
  - {id: Q1, date: 2023-04-12, title: Q1, evidence: [{title: b, url: \"https://x.vn/q\"}]}
  - {id: Q4, date: 2023-12-19, title: Q4}
goals:
  - {id: G1, title: a, plan: P, target: 10, actual: 5, history: {Q1: 2}, evidence: [{title: c, url: \"https://x.vn/g\"}]}
tasks:
  - {id: T1, title: t, plan: P, status: in_progress, history: {Q1: not_started}}
";
        let (year, d) = crate::fuzzing::year_from_text(old, &config);
        assert!(!d.has_errors(), "{d:?}");
        let old = year.expect("the old year");
        // Carried into a file of the same name, so that it loads here as it is.
        let (text, _) = carry_over(&old, 2023, "vi");
        for key in ["\nreviews:", "history:", "evidence:", "x.vn"] {
            assert!(!text.contains(key), "`{key}` carried over:\n{text}");
        }
        assert!(text.contains("stay in 2023"), "{text}");
        let (new, d) = crate::fuzzing::year_from_text(&text, &config);
        assert!(!d.has_errors(), "{text}\n{d:?}");
        let new = new.expect("the new year");
        assert!(new.reviews.is_empty());
        assert_eq!((new.goals.len(), new.tasks.len()), (1, 1));
        assert!(new.goals[0].history.is_empty() && new.tasks[0].at_reviews.is_empty());
    }
}
