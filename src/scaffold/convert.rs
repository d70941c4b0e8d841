//! `tiendo convert years/2023.xlsx` ⇄ `years/2023.yaml`: a year file in the other format, for
//! offices that move from one to the other. The year is read and validated first (a year with
//! errors is not converted), then written from the model, so the new file builds the same site;
//! the new file never overwrites one, and the old one is left for the user to remove (a year
//! kept in both is an error).
//!
//! A workbook gets Vietnamese sheet and column names on a site whose default language is `vi`
//! (as the template), English keys otherwise; comments of a YAML file are not carried over.

use super::{loc, num, q, write_new, Created, ScaffoldError};
use crate::diag::Diagnostic;
use crate::export::xlsx::{self as book, WriteOptions};
use crate::load;
use crate::model::{Better, Evidence, Goal, Indicator, Link, Rule, SiteConfig, Task, Year};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Converts `file` (`years/2023.xlsx`, relative to `content/`; `content/years/…` is taken too)
/// of the site in `root` into the other format, beside it.
pub fn convert(root: &Path, file: &Path) -> Result<Created, ScaffoldError> {
    let rel = source_path(file)?;
    if let Some(no_site) = load::no_content_folder(root) {
        // Nothing to convert, and no year to count errors in: say only where to run.
        return Err(no_site.into());
    }
    // `source_path` lets a `.yaml` or an `.xlsx` through, no other: what is not a workbook is YAML.
    let to_workbook = !load::is_workbook(&rel);
    let target = rel.with_extension(if to_workbook { "xlsx" } else { "yaml" });
    if crate::fs::symlink_metadata(&root.join(&target)).is_ok() {
        return Err(Diagnostic::error(
            &target,
            "this file exists already; tiendo never overwrites it",
        )
        .help(format!(
            "remove or rename it first, if `{}` is the one to keep",
            rel.display()
        ))
        .into());
    }
    let (loaded, diags) = load::load_one_year(root, &rel);
    let Some((config, year)) = loaded.filter(|_| !diags.has_errors()) else {
        let what = super::year::errors_word(&diags);
        return Err(super::refused_for_errors(
            &diags,
            Diagnostic::error(&rel, format!("the year has {what}: it is not converted"))
                .help("fix them (`tiendo check` lists them), then convert it again"),
        ));
    };
    let bytes = if to_workbook {
        workbook(&config, &year).map_err(|why| {
            ScaffoldError::from(Diagnostic::error(
                &rel,
                format!("the workbook cannot be written: {why}"),
            ))
        })?
    } else {
        year_yaml(&year, &rel, config.default_lang()).into_bytes()
    };
    let paths = write_new(root, &[(target, bytes)])?;
    let note = format!(
        "converted `{}`; remove it (or move it out of `content/`) before building: a year is kept in one file",
        rel.display()
    );
    Ok(Created { paths, note })
}

/// `content/years/<YYYY>.yaml` or `.xlsx` from what was typed.
fn source_path(file: &Path) -> Result<PathBuf, ScaffoldError> {
    let plain: PathBuf = file
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let rel = if plain.starts_with("content") {
        plain
    } else {
        Path::new("content").join(plain)
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let ok_ext = load::is_workbook(&rel)
        || rel
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml"));
    if parts.len() == 3 && parts[1] == "years" && ok_ext {
        return Ok(rel);
    }
    Err(Diagnostic::error(
        file,
        "`tiendo convert` converts a year file, `years/<YYYY>.yaml` or `years/<YYYY>.xlsx`",
    )
    .help("name it relative to `content/`, such as `tiendo convert years/2023.yaml`")
    .into())
}

/// The year as a workbook: Vietnamese names on a Vietnamese site, as the template.
fn workbook(config: &SiteConfig, year: &Year) -> Result<Vec<u8>, String> {
    let default = config.default_lang();
    let tables = book::year_tables(year, &config.languages, default);
    let title = year
        .title
        .as_ref()
        .map(|t| t.resolve(default, default).0.to_string())
        .unwrap_or_else(|| year.year.to_string());
    book::write_workbook(
        &tables,
        &WriteOptions {
            vietnamese: default == "vi",
            created: book::created_in(year.year),
            title,
        },
    )
}

/// The year as a YAML file, every value quoted so that any text reads back as written.
pub fn year_yaml(year: &Year, from: &Path, default: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The year {}, converted by `tiendo convert` from {}.\nyear: {}",
        year.year,
        from.display(),
        year.year
    );
    if let Some(t) = &year.title {
        let _ = writeln!(s, "title: {}", loc(t, default));
    }
    if let Some(t) = &year.summary_md {
        let _ = writeln!(s, "summary: {}", loc(t, default));
    }
    list(&mut s, "reviews", &year.reviews, |s, r| {
        let _ = writeln!(s, "  - id: {}", q(&r.id));
        let _ = writeln!(s, "    date: {}", r.date);
        if let Some(t) = &r.title {
            let _ = writeln!(s, "    title: {}", loc(t, default));
        }
        opt(s, "document", r.document.as_ref().map(link_text));
        evidence(s, &r.evidence, default);
    });
    list(&mut s, "plans", &year.plans, |s, p| {
        let _ = writeln!(s, "  - id: {}", q(&p.id));
        if let Some(d) = p.date {
            let _ = writeln!(s, "    date: {d}");
        }
        if let Some(t) = &p.title {
            let _ = writeln!(s, "    title: {}", loc(t, default));
        }
        evidence(s, &p.evidence, default);
    });
    list(&mut s, "groups", &year.groups, |s, g| {
        let _ = writeln!(s, "  - id: {}", q(&g.id));
        let _ = writeln!(s, "    name: {}", loc(&g.name, default));
    });
    // `history` holds the earlier reviews (at the latest, the current value is the state) and a
    // value written at the latest one.
    let earlier: Vec<&str> = year
        .reviews
        .iter()
        .take(crate::export::xlsx::history_reviews(year))
        .map(|r| r.id.as_str())
        .collect();
    list(&mut s, "goals", &year.goals, |s, g| {
        goal(s, g, default);
        let values = g
            .history
            .iter()
            .filter(|v| v.written)
            .filter_map(|v| Some((*earlier.get(v.review)?, num(v.value))));
        history(s, values);
        evidence(s, &g.evidence, default);
    });
    list(&mut s, "tasks", &year.tasks, |s, t| {
        task(s, t, default);
        let values = t
            .history
            .iter()
            .filter(|v| v.written)
            .filter_map(|v| Some((*earlier.get(v.review)?, v.status.key().to_string())));
        history(s, values);
        evidence(s, &t.evidence, default);
    });
    list(&mut s, "indicators", &year.indicators, |s, i| {
        indicator(s, i, default)
    });
    s
}

fn list<T>(s: &mut String, key: &str, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(s, "{key}:");
    for i in items {
        item(s, i);
    }
}

/// `history: {Q1: 40, Q2: 70}`, when there is one.
fn history<'a>(s: &mut String, values: impl Iterator<Item = (&'a str, String)>) {
    let parts: Vec<String> = values.map(|(id, v)| format!("{}: {v}", q(id))).collect();
    if !parts.is_empty() {
        let _ = writeln!(s, "    history: {{{}}}", parts.join(", "));
    }
}

/// `evidence:`, one `{title, url}` a line.
fn evidence(s: &mut String, list: &[Evidence], default: &str) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(s, "    evidence:");
    for e in list {
        let _ = writeln!(
            s,
            "      - {{title: {}, url: {}}}",
            loc(&e.title, default),
            q(link_text(&e.link))
        );
    }
}

fn link_text(link: &Link) -> &str {
    match link {
        Link::Static(s) | Link::External(s) => s,
    }
}

/// `key: "value"` when there is a value.
fn opt(s: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = writeln!(s, "    {key}: {}", q(v));
    }
}

fn goal(s: &mut String, g: &Goal, default: &str) {
    let _ = writeln!(s, "  - id: {}", q(&g.id));
    let _ = writeln!(s, "    title: {}", loc(&g.title, default));
    opt(s, "group", g.group.as_deref());
    opt(s, "plan", g.plan.as_deref());
    match g.rule {
        Rule::Progress(p) => {
            let _ = writeln!(s, "    progress: {}", num(p));
        }
        Rule::Target {
            target,
            actual,
            baseline,
        } => {
            let _ = writeln!(s, "    target: {}", num(target));
            let _ = writeln!(s, "    actual: {}", num(actual));
            if let Some(b) = baseline {
                let _ = writeln!(s, "    baseline: {}", num(b));
            }
        }
    }
    if let Some(u) = &g.unit {
        let _ = writeln!(s, "    unit: {}", loc(u, default));
    }
    if let Some(n) = &g.note {
        let _ = writeln!(s, "    note: {}", loc(n, default));
    }
}

fn task(s: &mut String, t: &Task, default: &str) {
    let _ = writeln!(s, "  - id: {}", q(&t.id));
    let _ = writeln!(s, "    title: {}", loc(&t.title, default));
    let _ = writeln!(s, "    status: {}", t.status.key());
    opt(s, "group", t.group.as_deref());
    opt(s, "plan", t.plan.as_deref());
    if let Some(o) = &t.owner {
        let _ = writeln!(s, "    owner: {}", loc(o, default));
    }
    if let Some(d) = t.due {
        let _ = writeln!(s, "    due: {d}");
    }
}

fn indicator(s: &mut String, i: &Indicator, default: &str) {
    let _ = writeln!(s, "  - id: {}", q(&i.id));
    let _ = writeln!(s, "    name: {}", loc(&i.name, default));
    if let Some(v) = i.value {
        let _ = writeln!(s, "    value: {}", num(v));
    }
    if let Some(v) = i.out_of {
        let _ = writeln!(s, "    out_of: {}", num(v));
    }
    if i.better == Better::Lower {
        let _ = writeln!(s, "    better: lower");
    }
}
