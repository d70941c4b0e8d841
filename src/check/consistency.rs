//! Consistency warnings: a task `not_started` past its `due` date, a goal over 100 %, a group
//! or plan that nothing uses, a goal whose title changed since the previous year, a goal or
//! task not updated at the latest review (`Goal::stale_since`), and the list of each year's
//! documents outside the site, which `check` does not follow.

use super::printable;
use super::sources::Sources;
use crate::date::Date;
use crate::diag::{Diagnostics, Position};
use crate::model::{Evidence, Link, Localized, Rule, Site, TaskStatus, Year};
use crate::yaml::Seg;
use crate::ypath;

/// Every consistency warning of every year.
pub(super) fn consistency(site: &Site, sources: &Sources, today: Date) -> Diagnostics {
    let mut diags = Diagnostics::new();
    no_base_url(site, &mut diags);
    for y in &site.years {
        late_tasks(y, sources, today, &mut diags);
        goals_over_target(y, sources, &mut diags);
        unused(y, sources, &mut diags);
        not_updated(y, sources, &mut diags);
        external_documents(y, sources, &mut diags);
        if let Some(prev) = y.year.checked_sub(1).and_then(|p| site.year(p)) {
            renamed_goals(y, prev, site.config.default_lang(), sources, &mut diags);
        }
        turned_indicators(site, y, sources, &mut diags);
    }
    diags
}

/// A site without `base_url` builds and works from any folder, but has no sitemap (whose
/// addresses must be absolute) and its feeds' ids are not addresses: said before publishing.
fn no_base_url(site: &Site, diags: &mut Diagnostics) {
    if !site.config.base_url.is_empty() {
        return;
    }
    diags.push(
        crate::diag::Diagnostic::warning(
            "content/site.yaml",
            "no `base_url`: the site gets no sitemap, and its feeds cannot give the address of each article",
        )
        .help("before publishing, add `base_url: \"https://…/\"`, the address where the site will live (or build with `--base-url`)"),
    );
}

/// Tasks not started whose `due` date is past.
fn late_tasks(y: &Year, sources: &Sources, today: Date, diags: &mut Diagnostics) {
    for (i, t) in y.tasks.iter().enumerate() {
        let (TaskStatus::NotStarted, Some(due)) = (t.status, t.due) else {
            continue;
        };
        if due >= today {
            continue;
        }
        let days = today.days_since_epoch() - due.days_since_epoch();
        diags.push(
            sources
                .warning_at(
                    &y.source,
                    &ypath!["tasks", i, "due"],
                    format!(
                        "task `{}` is not started, but was due on {due}, {days} days before today ({today})",
                        printable(&t.id)
                    ),
                )
                .help("update its `status`, or its `due` date if the deadline moved"),
        );
    }
}

/// Goals at more than 100 % of their target.
fn goals_over_target(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    for (i, g) in y.goals.iter().enumerate() {
        if g.completion <= 100.0 {
            continue;
        }
        let field = match g.rule {
            Rule::Progress(_) => "progress",
            Rule::Target { .. } => "actual",
        };
        diags.push(
            sources
                .warning_at(
                    &y.source,
                    &ypath!["goals", i, field],
                    format!(
                        "goal `{}` is at {} % of its target, over 100 %",
                        printable(&g.id),
                        fmt_num(g.completion)
                    ),
                )
                .help("if the goal was exceeded this is right (the site counts it as completed); otherwise check its figures"),
        );
    }
}

/// Goals of `y` whose title differs from the goal of the same id in `prev`.
fn renamed_goals(y: &Year, prev: &Year, default: &str, sources: &Sources, diags: &mut Diagnostics) {
    for (i, g) in y.goals.iter().enumerate() {
        let Some(old) = prev.goals.iter().find(|o| o.id == g.id) else {
            continue;
        };
        let now_t = title(&g.title, default);
        let old_t = title(&old.title, default);
        if now_t == old_t {
            continue;
        }
        let (now_t, old_t) = (printable(&now_t), printable(&old_t));
        diags.push(
            sources
                .warning_at(
                    &y.source,
                    &ypath!["goals", i, "title"],
                    format!(
                        "goal `{}` has another title than in {}: “{old_t}” became “{now_t}”",
                        printable(&g.id), prev.year
                    ),
                )
                .help(format!(
                    "an id should name the same goal every year, so readers can follow it; if this is a new goal, give it a new id; if only the wording changed, write the title as in {}",
                    prev.year
                )),
        );
    }
}

/// Indicators of `y` whose `better` differs from the year their change is counted from: the
/// change is then counted in the other direction, which is rarely what was meant.
fn turned_indicators(site: &Site, y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    for (i, ind) in y.indicators.iter().enumerate() {
        // The year its change is counted from, as the pages count it.
        let before = site.indicator_change(y.year, &ind.id).and_then(|c| {
            let old = site
                .year(c.previous_year)?
                .indicators
                .iter()
                .find(|o| o.id == ind.id)?;
            Some((c.previous_year, old))
        });
        let Some((year, old)) = before.filter(|(_, old)| old.better != ind.better) else {
            continue;
        };
        diags.push(
            sources
                .warning_at(
                    &y.source,
                    &ypath!["indicators", i, "better"],
                    format!(
                        "indicator `{}` is `better: {}` here but `better: {}` in {year}",
                        printable(&ind.id),
                        ind.better.as_str(),
                        old.better.as_str()
                    ),
                )
                .help(format!(
                    "its change since {year} is counted as `better: {}` says; if the measure did not change, write the same `better` every year",
                    ind.better.as_str()
                )),
        );
    }
}

fn title(l: &Localized, default: &str) -> String {
    l.resolve(default, default).0.trim().to_string()
}

fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Goals and tasks whose value did not change at the latest review: "no update since Q2".
fn not_updated(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    let Some(latest) = y.reviews.last() else {
        return;
    };
    let since = |r: usize| y.reviews.get(r);
    let goals = y.goals.iter().enumerate().filter_map(|(i, g)| {
        let field = match g.rule {
            Rule::Progress(_) => "progress",
            Rule::Target { .. } => "actual",
        };
        let value = fmt_num(g.history.last()?.value);
        Some((
            "goals",
            i,
            "goal",
            &g.id,
            field,
            value,
            since(g.stale_since()?)?,
        ))
    });
    let tasks = y.tasks.iter().enumerate().filter_map(|(i, t)| {
        let status = t.status.key().to_string();
        Some((
            "tasks",
            i,
            "task",
            &t.id,
            "status",
            status,
            since(t.stale_since()?)?,
        ))
    });
    for (list, i, what, id, field, value, r) in goals.chain(tasks) {
        let id = printable(id);
        let (at, help) = sources.history_hint(&y.source, list, i, field, &latest.id, &value);
        diags.push(
            sources
                .warning_at(
                    &y.source,
                    &at,
                    format!(
                        "{what} `{id}` has had no update since review {} ({}): its `{field}` at the latest review, {} ({}), is still the value of {}",
                        r.id, r.date, latest.id, latest.date, r.id
                    ),
                )
                .help(help),
        );
    }
}

/// A link outside the site: where it is written (path, and line and column), and the address.
type External<'a> = (Option<Position>, Vec<Seg>, &'a str);

/// One warning per year that lists its documents outside the site, with their lines: `check`
/// does not follow them, so a reader must.
fn external_documents(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    let mut found: Vec<External<'_>> = external_links(y)
        .into_iter()
        .map(|(at, url)| (sources.locate(&y.source, &at), at, url))
        .collect();
    found.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    let Some((_, first, _)) = found.first() else {
        return;
    };
    let lines: Vec<String> = found
        .iter()
        .map(|(pos, _, url)| match pos {
            Some(Position::Text { line, .. }) => format!("line {line}: {}", printable(url)),
            Some(cell) => format!("cell {cell}: {}", printable(url)),
            None => printable(url).into_owned(),
        })
        .collect();
    diags.push(
        sources
            .warning_at(
                &y.source,
                first,
                match found.len() {
                    1 => format!(
                        "1 document of {} is outside the site and was not followed: {}",
                        y.year,
                        lines.join("; ")
                    ),
                    n => format!(
                        "{n} documents of {} are outside the site and were not followed: {}",
                        y.year,
                        lines.join("; ")
                    ),
                },
            )
            .help("open each one before publishing: a moved or removed document is evidence lost"),
    );
}

/// Every `http(s)` link of a year's evidence and review documents, with where it is written.
fn external_links(y: &Year) -> Vec<(Vec<Seg>, &str)> {
    fn evidence<'a>(list: &str, i: usize, ev: &'a [Evidence], out: &mut Vec<(Vec<Seg>, &'a str)>) {
        for (j, e) in ev.iter().enumerate() {
            if let Link::External(url) = &e.link {
                out.push((ypath![list, i, "evidence", j, "url"].to_vec(), url));
            }
        }
    }
    let mut out = Vec::new();
    for (i, p) in y.plans.iter().enumerate() {
        evidence("plans", i, &p.evidence, &mut out);
    }
    for (i, r) in y.reviews.iter().enumerate() {
        if let Some(Link::External(url)) = &r.document {
            out.push((ypath!["reviews", i, "document"].to_vec(), url));
        }
        evidence("reviews", i, &r.evidence, &mut out);
    }
    for (i, g) in y.goals.iter().enumerate() {
        evidence("goals", i, &g.evidence, &mut out);
    }
    for (i, t) in y.tasks.iter().enumerate() {
        evidence("tasks", i, &t.evidence, &mut out);
    }
    out
}

/// Groups and plans that no goal or task names.
fn unused(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    unused_groups(y, sources, diags);
    unused_plans(y, sources, diags);
}

fn unused_groups(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    for (i, g) in y.groups.iter().enumerate() {
        let used = y.goals.iter().any(|x| x.group.as_deref() == Some(&g.id))
            || y.tasks.iter().any(|x| x.group.as_deref() == Some(&g.id));
        if !used {
            diags.push(
                sources
                    .warning_at(
                        &y.source,
                        &ypath!["groups", i, "id"],
                        format!(
                            "group `{}` is defined but no goal or task of {} names it",
                            printable(&g.id),
                            y.year
                        ),
                    )
                    .help(format!(
                        "remove it, or set `group: {}` on its goals and tasks",
                        printable(&g.id)
                    )),
            );
        }
    }
}

fn unused_plans(y: &Year, sources: &Sources, diags: &mut Diagnostics) {
    for (i, p) in y.plans.iter().enumerate() {
        let used = y.goals.iter().any(|x| x.plan.as_deref() == Some(&p.id))
            || y.tasks.iter().any(|x| x.plan.as_deref() == Some(&p.id));
        if !used {
            diags.push(
                sources
                    .warning_at(
                        &y.source,
                        &ypath!["plans", i, "id"],
                        format!(
                            "plan `{}` is defined but no goal or task of {} names it",
                            printable(&p.id),
                            y.year
                        ),
                    )
                    .help(format!(
                        "remove it, or set `plan: \"{}\"` on the goals and tasks it set",
                        printable(&p.id)
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_year, SourceText};
    use crate::model::SiteConfig;
    use std::collections::HashMap;

    #[test]
    fn any_year_number_is_checked_without_overflow() {
        let config = SiteConfig {
            title: Localized::plain("t"),
            description: None,
            base_url: "https://example.gov.vn/".into(),
            languages: vec!["vi".into(), "en".into()],
            theme: "default".into(),
            organisation: None,
            raw_html: true,
        };
        let src = SourceText {
            path: "content/years/2023.yaml".into(),
            text: "year: 2023\ngoals:\n  - {id: G1, title: x, progress: 150}\n".into(),
        };
        let statics = crate::load::year::StaticPaths::default();
        let cx = crate::load::year::YearContext {
            config: &config,
            static_files: &statics,
        };
        let mut year = parse_year(&src, cx, &mut Diagnostics::new()).expect("parses");
        // A model made through the library, not from a file: no year is out of range.
        year.year = i32::MIN;
        let site = Site {
            config,
            years: vec![year],
            news: Vec::new(),
            pages: Vec::new(),
            static_files: Vec::new(),
        };
        let sources = Sources::new(&site, HashMap::new());
        let today = Date::parse("2024-01-15").expect("a date");
        let diags = consistency(&site, &sources, today);
        assert_eq!(diags.warning_count(), 1, "{diags:?}");
    }
}
