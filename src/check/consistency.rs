//! Consistency warnings: a task `not_started` past its `due` date, a goal over 100 %, a group
//! or plan that nothing uses, a goal whose title changed since the previous year.

use super::printable;
use super::sources::Sources;
use crate::date::Date;
use crate::diag::Diagnostics;
use crate::model::{Localized, Rule, Site, TaskStatus, Year};
use crate::ypath;

/// Every consistency warning of every year.
pub(super) fn consistency(site: &Site, sources: &Sources, today: Date) -> Diagnostics {
    let mut diags = Diagnostics::new();
    for y in &site.years {
        late_tasks(y, sources, today, &mut diags);
        goals_over_target(y, sources, &mut diags);
        unused(y, sources, &mut diags);
        if let Some(prev) = y.year.checked_sub(1).and_then(|p| site.year(p)) {
            renamed_goals(y, prev, site.config.default_lang(), sources, &mut diags);
        }
    }
    diags
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

fn title(l: &Localized, default: &str) -> String {
    l.resolve(default, default).0.trim().to_string()
}

fn fmt_num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
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
            base_url: String::new(),
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
