//! A year report: its headline numbers and charts, goals by group, tasks by status,
//! indicators, plans, articles about the year, and the year's data files.

use crate::diag::Diagnostic;
use crate::markdown::{self, HeadingIds};
use crate::model::{Goal, Localized, Rule, Task, TaskStatus, Year, YearSummary};
use crate::render::chart_views::{chart_of, ChartKind};
use crate::render::common::{PageSpec, Translations};
use crate::render::jobs::{Made, Rendered};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{
    GoalGroupView, GoalView, GroupRow, LText, Link, PageKind, PlanView, TaskStatusView, TaskView,
    YearCharts, YearReviews, YearSummaryView, YearView,
};
use crate::urls::{self, Target};
use std::cell::RefCell;

use super::year_files::SUMMARY_PNG;

impl Renderer<'_> {
    /// The report page of a year and its data files and charts.
    pub(crate) fn year_page(&self, l: &LangData, y: &Year) -> Rendered {
        let path = self.path(&l.code, Target::Year(y.year));
        let dir = urls::dir_of(&path).to_string();
        let summary = self.year_summary(l, y, &dir);
        let desc = summary.headline.clone().or(summary.tasks_headline.clone());
        let mut common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Year,
                title: Some(&summary.title.text),
                description: desc.as_deref(),
                translations: Translations::Everywhere(Target::Year(y.year)),
            },
        );
        let charts = self.year_charts(l, y, &dir);
        // The printed report is made beside the summary card; the page links it with its size.
        let (png, report) = rayon::join(|| self.year_png(l, y), || self.year_report(l, y, &charts));
        let mut warnings = report.warnings;
        let png = match png {
            Some(Ok(png)) => Some(png),
            Some(Err(why)) => {
                warnings.push(png_failed(y, &l.code, &why));
                None
            }
            None => None,
        };
        if png.is_some() {
            common.og_image = urls::absolute(
                &self.site.config,
                &self.path(&l.code, Target::YearFile(y.year, SUMMARY_PNG)),
            );
        }
        let pdf_size = report.file.as_ref().map(|f| f.bytes.len());
        let view = self.year_view(l, y, &dir, summary, &charts, (png.is_some(), pdf_size));
        let mut out = vec![self.page("year.html", &common, l, ("year", &view))?];
        out.extend(self.year_files(l, y, &charts, png, &mut warnings));
        out.extend(report.file);
        Ok(Made {
            files: out,
            warnings,
        })
    }

    fn year_view(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        summary: YearSummaryView,
        charts: &YearCharts,
        (has_png, pdf_size): (bool, Option<usize>),
    ) -> YearView {
        let fmt = l.fmt();
        let root = urls::relative(dir, "");
        let reviews = self.year_reviews(l, y, dir);
        let ids = RefCell::new(self.year_page_ids(y, charts, reviews.as_ref()));
        let md = |m: &Localized| {
            let text = m.resolve(&l.code, self.default_lang()).0;
            markdown::render_plain_with(text, &root, &mut ids.borrow_mut())
        };
        // The summary first: its headings come first on the page.
        let intro_html = y.summary_md.as_ref().map(md);
        let link = |target: Target, label: String| Link {
            href: urls::relative(dir, &self.path(&l.code, target)),
            label,
        };
        let idx = self.site.years.iter().position(|x| x.year == y.year);
        let neighbour = |i: Option<usize>| {
            let n = self.site.years.get(i?)?;
            Some(link(Target::Year(n.year), n.year.to_string()))
        };
        YearView {
            summary,
            intro_html,
            groups: self.goal_groups(l, y, dir, &md),
            task_statuses: self.task_statuses(l, y, dir),
            indicators: y
                .indicators
                .iter()
                .map(|i| self.indicator_view(l, y, i))
                .collect(),
            plans: self.plan_views(l, y),
            articles: l
                .news
                .iter()
                .filter(|d| d.year == Some(y.year))
                .map(|d| self.card(l, d, dir))
                .collect(),
            articles_heading: fmt.tr("articles_about_year", &[("year", &y.year.to_string())]),
            downloads: self.downloads(l, y, dir, charts, (has_png, pdf_size)),
            group_rows: self.group_rows(l, y),
            charts: charts.clone(),
            agencies: link(Target::Agencies, fmt.tr("by_agency", &[])),
            prev: neighbour(idx.unwrap_or(0).checked_sub(1)),
            next: neighbour(Some(idx.unwrap_or(0) + 1)),
            reviews,
        }
    }

    /// The ids a year report uses before its Markdown: the template's, each goal's, task's and
    /// group's anchor, and the ids inside its charts.
    fn year_page_ids(
        &self,
        y: &Year,
        charts: &YearCharts,
        reviews: Option<&YearReviews>,
    ) -> HeadingIds {
        let mut ids = self.heading_ids("year.html");
        y.goals
            .iter()
            .for_each(|g| ids.reserve(format!("goal-{}", g.id)));
        y.tasks
            .iter()
            .for_each(|t| ids.reserve(format!("task-{}", t.id)));
        y.groups
            .iter()
            .for_each(|g| ids.reserve(format!("group-{}", g.id)));
        ids.reserve("group-other");
        for kind in ChartKind::ALL {
            if let Some(c) = chart_of(charts, kind) {
                ids.reserve_in_html(&c.svg);
            }
        }
        let review_charts = reviews
            .into_iter()
            .flat_map(|r| r.goals.iter().chain(&r.tasks))
            .map(|c| &c.chart);
        review_charts.for_each(|c| ids.reserve_in_html(&c.svg));
        ids
    }

    /// The year's goals by group (in the order the groups are defined), then those without a
    /// group; groups without goals are left out. The counts are the summary's.
    pub(super) fn goal_groups(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        md: &dyn Fn(&Localized) -> String,
    ) -> Vec<GoalGroupView> {
        let fmt = l.fmt();
        let named = y
            .groups
            .iter()
            .zip(&y.summary.groups)
            .map(|(g, c)| (Some(g), c.completed, c.goals));
        let (done, total) = ungrouped(&y.summary);
        let mut groups = Vec::new();
        for (group, done, total) in named.chain(std::iter::once((None, done, total))) {
            let gid = group.map(|g| g.id.as_str());
            let goals: Vec<GoalView> = y
                .goals
                .iter()
                .filter(|g| g.group.as_deref() == gid)
                .map(|g| self.goal_view(l, y, g, dir, md))
                .collect();
            if goals.is_empty() {
                continue;
            }
            let name = match group {
                Some(gr) => self.lt(&gr.name, &l.code),
                None => LText {
                    text: fmt.tr("no_group", &[]),
                    lang: None,
                },
            };
            groups.push(GoalGroupView {
                id: gid.unwrap_or("").to_string(),
                name,
                summary: fmt.tr(
                    "group_summary",
                    &[
                        ("completed", &fmt.count(done)),
                        ("total", &fmt.count(total)),
                    ],
                ),
                goals,
            });
        }
        groups
    }

    fn goal_view(
        &self,
        l: &LangData,
        y: &Year,
        g: &Goal,
        dir: &str,
        md: &dyn Fn(&Localized) -> String,
    ) -> GoalView {
        let fmt = l.fmt();
        let (target_text, actual_text, baseline_text) = match self.goal_figures(l, g) {
            Some((t, a, b)) => (Some(t), Some(a), b),
            None => (None, None, None),
        };
        GoalView {
            id: g.id.clone(),
            title: self.lt(&g.title, &l.code),
            completion_text: fmt.completion(g.completion),
            bar: format!("{:.2}", g.completion.clamp(0.0, 100.0)),
            completion: g.completion,
            bucket: g.bucket.key().to_string(),
            bucket_label: fmt.tr(&format!("bucket_{}", g.bucket.key()), &[]),
            target_text,
            actual_text,
            baseline_text,
            plan: g.plan.clone(),
            note_html: g.note.as_ref().map(md),
            href: self.goal_href(l, &g.id, dir),
            stale: self.stale_text(l, y, g.stale_since()),
        }
    }

    /// A goal's (target, actual, baseline) with its unit, formatted; `None` for a goal
    /// measured by its progress.
    pub(crate) fn goal_figures(
        &self,
        l: &LangData,
        g: &Goal,
    ) -> Option<(String, String, Option<String>)> {
        let fmt = l.fmt();
        let unit_value = |v: f64| -> String {
            match g.unit.as_ref().map(|u| self.lt(u, &l.code).text) {
                Some(u) if u == "%" => fmt.percent(v, 2),
                Some(u) if !u.is_empty() => format!("{} {u}", fmt.number(v, 2)),
                _ => fmt.number(v, 2),
            }
        };
        match g.rule {
            Rule::Progress(_) => None,
            Rule::Target {
                target,
                actual,
                baseline,
            } => Some((
                unit_value(target),
                unit_value(actual),
                baseline.map(unit_value),
            )),
        }
    }

    /// The year's tasks by status, in report order; statuses without tasks are left out.
    pub(super) fn task_statuses(&self, l: &LangData, y: &Year, dir: &str) -> Vec<TaskStatusView> {
        let fmt = l.fmt();
        TaskStatus::ALL
            .iter()
            .filter_map(|st| {
                let tasks: Vec<TaskView> = y
                    .tasks
                    .iter()
                    .filter(|t| t.status == *st)
                    .map(|t| self.task_view(l, y, t, dir))
                    .collect();
                (!tasks.is_empty()).then(|| TaskStatusView {
                    key: st.key().to_string(),
                    label: fmt.tr(&format!("status_{}", st.key()), &[]),
                    count_text: fmt.count(tasks.len()),
                    tasks,
                })
            })
            .collect()
    }

    fn task_view(&self, l: &LangData, y: &Year, t: &Task, dir: &str) -> TaskView {
        let fmt = l.fmt();
        TaskView {
            id: t.id.clone(),
            title: self.lt(&t.title, &l.code),
            status: t.status.key().to_string(),
            status_label: fmt.tr(&format!("status_{}", t.status.key()), &[]),
            owner: t.owner.as_ref().map(|o| self.lt(o, &l.code)),
            owner_href: t.owner.as_ref().map(|o| self.agency_href(l, o, dir)),
            due_text: t.due.map(|d| fmt.date(d)),
            due_iso: t.due.map(|d| d.to_string()),
            group: self.group_name(l, y, t.group.as_deref()),
            plan: t.plan.clone(),
            href: self.task_href(l, &t.id, dir),
            stale: self.stale_text(l, y, t.stale_since()),
        }
    }

    /// The plans of the year, with the counts of what each set.
    pub(super) fn plan_views(&self, l: &LangData, y: &Year) -> Vec<PlanView> {
        let fmt = l.fmt();
        y.plans
            .iter()
            .zip(&y.summary.plans)
            .map(|(p, c)| PlanView {
                id: p.id.clone(),
                title: p.title.as_ref().map(|t| self.lt(t, &l.code)),
                date_text: p.date.map(|d| fmt.date(d)),
                date_iso: p.date.map(|d| d.to_string()),
                goals: c.goals,
                tasks: c.tasks,
                counts_text: fmt.tr(
                    "plan_counts",
                    &[
                        ("goals", &fmt.count(c.goals)),
                        ("tasks", &fmt.count(c.tasks)),
                    ],
                ),
            })
            .collect()
    }

    /// Completion by group, for the table beside the groups chart.
    fn group_rows(&self, l: &LangData, y: &Year) -> Vec<GroupRow> {
        let fmt = l.fmt();
        y.groups
            .iter()
            .zip(&y.summary.groups)
            .filter(|(_, c)| c.goals > 0)
            .map(|(gr, c)| GroupRow {
                name: self.lt(&gr.name, &l.code),
                completed_text: format!("{}/{}", fmt.count(c.completed), fmt.count(c.goals)),
                share_text: fmt.share(c.completed, c.goals),
            })
            .collect()
    }
}

/// The warning for a year whose summary card could not be drawn. A warning, not an error:
/// the report is complete without the card (the page then offers no PNG and no `og:image`),
/// and nothing in the site's files can fix a rasteriser failure.
fn png_failed(y: &Year, lang: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        &y.source,
        format!(
            "the {} summary image ({lang}) could not be drawn: {why}",
            y.year
        ),
    )
    .help("the report is published without `summary.png`; please report this as a bug in tiendo")
}

/// The (completed, total) goals without a group: what the summary's counts leave once every
/// group's are taken out (a goal names at most one group, and only a defined one).
fn ungrouped(s: &YearSummary) -> (usize, usize) {
    let (done, total) = s
        .groups
        .iter()
        .fold((0, 0), |(d, t), c| (d + c.completed, t + c.goals));
    (
        s.goals.completed.saturating_sub(done),
        s.goals.total.saturating_sub(total),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::model::{GoalCounts, PartCounts};
    use crate::render::{testing, Prepared};
    use crate::theme::Theme;
    use std::path::Path;

    #[test]
    fn a_summary_card_that_fails_is_a_warning_and_the_report_goes_on() {
        let site = testing::site(Vec::new());
        let theme = Theme::builtin();
        let prepared = Prepared::new(&theme).expect("the built-in templates compile");
        let mut diags = Diagnostics::new();
        let mut r = Renderer::new(&site, &theme, &prepared, &mut diags);
        let year = &site.years[0];
        let made = r.year_page(&r.langs[0], year).expect("the report renders");
        assert!(made.warnings.is_empty());
        assert!(made.files.iter().any(|f| f.path == "nam/2023/summary.png"));

        r.paint_card = |_, _, _, _, _| Err("no memory for the image".into());
        let made = r.year_page(&r.langs[0], year).expect("the report renders");
        assert_eq!(made.warnings.len(), 1);
        let w = &made.warnings[0];
        assert!(!w.is_error(), "{w:?}");
        assert_eq!(w.path, Path::new("content/years/2023.yaml"));
        assert!(w.message.contains("no memory for the image"), "{w:?}");
        assert!(!made.files.iter().any(|f| f.path.ends_with("summary.png")));
        let page = String::from_utf8_lossy(&made.files[0].bytes);
        assert!(made.files[0].path.ends_with("index.html"));
        assert!(!page.contains("summary.png") && !page.contains("og:image"));
    }

    #[test]
    fn ungrouped_goals_are_what_the_groups_leave() {
        let part = |completed, goals| PartCounts {
            id: "g".into(),
            goals,
            completed,
            tasks: 0,
        };
        let s = YearSummary {
            goals: GoalCounts {
                total: 10,
                completed: 6,
                ..GoalCounts::default()
            },
            groups: vec![part(2, 3), part(3, 4)],
            ..YearSummary::default()
        };
        assert_eq!(ungrouped(&s), (1, 3));
    }
}
