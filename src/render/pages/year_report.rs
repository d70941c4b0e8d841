//! The printed year report beside the year page (`nam/2023/bao-cao-2023.pdf`,
//! `en/years/2023/report-2023.pdf`): the year page's own views (so the same figures, words
//! and formatting, all from the model's `YearSummary` and records) turned into a
//! `report::Report` in one language, then into PDF bytes by `crate::report`.

use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Site, Year};
use crate::render::chart_views::{chart_of, ChartKind};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{CountRow, Link, YearCharts};
use crate::render::{OutputFile, Prepared};
use crate::report::{self, Chart, Count, GoalRow, Group, IndicatorRow, PlanRow, Report};
use crate::report::{ReviewRow, Style, TaskRow};
use crate::theme::Theme;
use crate::urls::{self, Target};
use std::path::Path;

/// The theme's file for the report's look.
const STYLE_FILE: &str = "report/style.yaml";

/// The report's style from the theme, or `None` (and the error in `diags`) when the theme's
/// style file is wrong: the site is then published without its PDFs.
pub(crate) fn report_style(theme: &Theme, diags: &mut Diagnostics) -> Option<Style> {
    let Some(text) = theme.text(STYLE_FILE) else {
        return Some(Style::default());
    };
    let parsed = text.and_then(|text| Style::parse(&text, &theme.source_of(STYLE_FILE)));
    parsed.map_err(|d| diags.push(*d)).ok()
}

/// What the printed report of `year` shows in `lang`, as a build makes it (for measuring and
/// testing the report alone: `benches/report.rs`); `None` for a year or language the site
/// does not have, or a theme whose templates do not compile.
pub fn report_view(site: &Site, theme: &Theme, year: i32, lang: &str) -> Option<Report> {
    let prepared = Prepared::new(theme).ok()?;
    let mut diags = Diagnostics::new();
    let r = Renderer::new(site, theme, &prepared, &mut diags);
    let l = r.langs.iter().find(|l| l.code == lang)?;
    let y = site.year(year)?;
    let dir = urls::dir_of(&r.path(lang, Target::Year(year))).to_string();
    Some(r.report_of(l, y, &r.year_charts(l, y, &dir)))
}

/// A year's PDF in one language (if it could be made), and the warnings about it.
pub(crate) struct ReportFile {
    pub file: Option<OutputFile>,
    pub warnings: Vec<Diagnostic>,
}

impl Renderer<'_> {
    /// The year's printed report in `l`'s language; `charts` are the year page's.
    pub(crate) fn year_report(&self, l: &LangData, y: &Year, charts: &YearCharts) -> ReportFile {
        let Some(style) = &self.report_style else {
            return ReportFile {
                file: None,
                warnings: Vec::new(),
            };
        };
        let report = self.report_of(l, y, charts);
        let mut warnings = lacking_warnings(&report, y);
        let path = self.path(&l.code, Target::YearReport(y.year));
        let file = match report::pdf(&report, style) {
            Ok(bytes) => Some(OutputFile::new(path, bytes)),
            Err(why) => {
                warnings.push(pdf_failed(y, &l.code, &why));
                None
            }
        };
        ReportFile { file, warnings }
    }

    /// The link to the year's PDF from a page in `dir`: "Báo cáo để in (PDF, 152 KB)".
    pub(crate) fn report_link(&self, l: &LangData, y: &Year, dir: &str, size: usize) -> Link {
        let fmt = l.fmt();
        let size = if size < 999_500 {
            fmt.tr("report_size_kb", &[("n", &fmt.count(size.div_ceil(1000)))])
        } else {
            let mb = fmt.number(size as f64 / 1_000_000.0, 1);
            fmt.tr("report_size_mb", &[("n", &mb)])
        };
        Link {
            href: urls::relative(dir, &self.path(&l.code, Target::YearReport(y.year))),
            label: fmt.tr("report_download", &[("size", &size)]),
        }
    }

    /// What the year's report shows in `l`'s language.
    fn report_of(&self, l: &LangData, y: &Year, charts: &YearCharts) -> Report {
        let fmt = l.fmt();
        let summary = self.year_summary(l, y, "");
        let config = &self.site.config;
        let organisation = config.organisation.as_ref().unwrap_or(&config.title);
        let page = self.path(&l.code, Target::Year(y.year));
        let pdf = self.path(&l.code, Target::YearReport(y.year));
        let as_of = as_of(y);
        Report {
            lang: l.code.clone(),
            title: summary.title.text.clone(),
            organisation: self.lt(organisation, &l.code).text,
            kind: fmt.tr("report_kind", &[]),
            as_of: as_of.map(|d| fmt.tr("report_as_of", &[("date", &fmt.date(d))])),
            site: self.lt(&config.title, &l.code).text,
            // Without `base_url` there is no address to print: a path means nothing on paper.
            address: urls::absolute(config, &page).unwrap_or_default(),
            date: creation_date(y, as_of),
            document_id: urls::absolute(config, &pdf).unwrap_or(pdf),
            labels: labels(l),
            intro: y.summary_md.as_ref().map_or_else(Vec::new, |md| {
                plain_paragraphs(md.resolve(&l.code, self.default_lang()).0)
            }),
            buckets: summary.buckets.iter().map(count).collect(),
            goals_total: fmt.count(summary.goals_total),
            statuses: summary.statuses.iter().map(count).collect(),
            tasks_total: fmt.count(summary.tasks_total),
            charts: report_charts(charts),
            method: ["report_method_completion", "report_method_buckets"]
                .map(|k| fmt.tr(k, &[]))
                .to_vec(),
            goal_groups: self.report_goals(l, y),
            task_groups: self.report_tasks(l, y),
            indicators: self.report_indicators(l, y),
            plans: self.report_plans(l, y),
            reviews: self.report_reviews(l, y),
        }
    }

    /// Goals by group, as the year page lists them.
    fn report_goals(&self, l: &LangData, y: &Year) -> Vec<Group<GoalRow>> {
        let fmt = l.fmt();
        let no_notes = |_: &crate::model::Localized| String::new();
        let groups = self.goal_groups(l, y, "", &no_notes);
        let group =
            |name: &str, count: &str| fmt.tr("report_group", &[("name", name), ("count", count)]);
        groups
            .into_iter()
            .map(|g| Group {
                name: group(&g.name.text, &g.summary),
                rows: g
                    .goals
                    .into_iter()
                    .map(|x| GoalRow {
                        id: x.id,
                        title: x.title.text,
                        // A goal from a baseline: its target alone cannot be recomputed.
                        target: match (x.target_text, x.baseline_text) {
                            (Some(target), Some(baseline)) => fmt.tr(
                                "report_target_from",
                                &[("target", &target), ("baseline", &baseline)],
                            ),
                            (target, _) => target.unwrap_or_default(),
                        },
                        actual: x.actual_text.unwrap_or_default(),
                        completion: x.completion_text,
                        level: x.bucket_label,
                    })
                    .collect(),
            })
            .collect()
    }

    /// Tasks by status, as the year page lists them.
    fn report_tasks(&self, l: &LangData, y: &Year) -> Vec<Group<TaskRow>> {
        let fmt = l.fmt();
        self.task_statuses(l, y, "")
            .into_iter()
            .map(|s| Group {
                name: fmt.tr(
                    "report_group",
                    &[("name", &s.label), ("count", &s.count_text)],
                ),
                rows: s
                    .tasks
                    .into_iter()
                    .map(|t| TaskRow {
                        id: t.id,
                        title: t.title.text,
                        owner: t.owner.map(|o| o.text).unwrap_or_default(),
                        due: t.due_text.unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect()
    }

    fn report_indicators(&self, l: &LangData, y: &Year) -> Vec<IndicatorRow> {
        y.indicators
            .iter()
            .map(|i| self.indicator_view(l, y, i))
            .map(|v| IndicatorRow {
                name: v.name.text,
                value: v.value_text,
                change: match v.change_text {
                    Some(change) => format!("{change}. {}", v.better_text),
                    None => v.better_text,
                },
            })
            .collect()
    }

    fn report_plans(&self, l: &LangData, y: &Year) -> Vec<PlanRow> {
        self.plan_views(l, y)
            .into_iter()
            .map(|p| PlanRow {
                id: p.id,
                title: p.title.map(|t| t.text).unwrap_or_default(),
                date: p.date_text.unwrap_or_default(),
                counts: p.counts_text,
            })
            .collect()
    }

    /// The reviews of the year with the figures at each (CONTRACT.md §4), in date order, in
    /// the year page's words ("20 of 30 goals completed").
    fn report_reviews(&self, l: &LangData, y: &Year) -> Vec<ReviewRow> {
        (0..y.reviews.len())
            .filter_map(|i| self.review_item(l, y, i, ""))
            .map(|r| ReviewRow {
                title: r.title.text,
                date: r.date.text,
                goals: r.goals_text.unwrap_or_default(),
                tasks: r.tasks_text.unwrap_or_default(),
                summary: None,
            })
            .collect()
    }
}

/// As of when a year's figures are: the date of its latest review (CONTRACT.md §4); a year
/// without reviews is its result, and the cover says no date.
fn as_of(y: &Year) -> Option<Date> {
    y.reviews.last().map(|r| r.date)
}

/// The PDF's creation date, from the content (never the clock): the as-of date, else the
/// latest dated plan, else the first of January of the year.
fn creation_date(y: &Year, as_of: Option<Date>) -> (i32, u32, u32) {
    let latest_plan = y.plans.iter().filter_map(|p| p.date).max();
    match as_of.or(latest_plan) {
        Some(d) => (d.year(), d.month(), d.day()),
        None => (y.year, 1, 1),
    }
}

fn labels(l: &LangData) -> report::Labels {
    let fmt = l.fmt();
    let t = |key: &str| fmt.tr(key, &[]);
    report::Labels {
        page: t("report_page"),
        intro: t("summary_heading"),
        figures: t("report_figures"),
        charts: t("report_charts"),
        method: t("report_method_heading"),
        goals: t("goals_heading"),
        tasks: t("tasks_by_status"),
        indicators: t("indicators_heading"),
        plans: t("plans_heading"),
        reviews: t("reviews_heading"),
        total: t("total"),
        col_id: t("col_id"),
        col_goal: t("col_goal"),
        col_task: t("col_task"),
        col_goals: t("col_goals"),
        col_tasks: t("col_tasks"),
        col_count: t("col_count"),
        col_share: t("col_share"),
        col_target: t("col_target"),
        col_actual: t("col_actual"),
        col_completion: t("col_completion"),
        col_level: t("report_col_level"),
        col_owner: t("col_owner"),
        col_due: t("col_due"),
        col_indicator: t("col_indicator"),
        col_value: t("col_value"),
        col_change: t("col_change"),
        col_plan: t("col_plan"),
        col_plan_counts: t("report_col_plan_counts"),
        col_date: t("col_date"),
        col_review: t("col_review"),
    }
}

fn count(c: &CountRow) -> Count {
    Count {
        label: c.label.clone(),
        count: c.count_text.clone(),
        share: c.share_text.clone(),
    }
}

/// The year page's charts, in page order, with the sentences that state what they show.
fn report_charts(charts: &YearCharts) -> Vec<Chart> {
    ChartKind::ALL
        .iter()
        .filter_map(|k| chart_of(charts, *k))
        .map(|c| Chart {
            svg: c.svg.clone(),
            alt: c.desc.clone(),
        })
        .collect()
}

/// Markdown as plain paragraphs (headings and list items count as paragraphs), for print.
fn plain_paragraphs(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = Vec::new();
    let mut current = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    out.push(text);
                }
                current.clear();
            }
            _ => {}
        }
    }
    out
}

/// A warning per text of the content that has characters the report's font lacks: which
/// text, in which file, and which characters (the PDF shows them as `�`).
fn lacking_warnings(r: &Report, y: &Year) -> Vec<Diagnostic> {
    let site = Path::new("content/site.yaml");
    let mut texts: Vec<(&Path, String, &str)> = vec![
        (site, "`organisation`".into(), &r.organisation),
        (site, "the site's `title`".into(), &r.site),
        (&y.source, "the year's `title`".into(), &r.title),
    ];
    r.intro
        .iter()
        .for_each(|p| texts.push((&y.source, "the year's `summary`".into(), p)));
    for x in r.goal_groups.iter().flat_map(|g| &g.rows) {
        let what = format!("goal `{}`", x.id);
        texts.push((&y.source, format!("{what}'s title"), &x.title));
        texts.push((&y.source, format!("{what}'s `unit`"), &x.target));
    }
    for x in r.task_groups.iter().flat_map(|g| &g.rows) {
        let what = format!("task `{}`", x.id);
        texts.push((&y.source, format!("{what}'s title"), &x.title));
        texts.push((&y.source, format!("{what}'s `owner`"), &x.owner));
    }
    r.goal_groups
        .iter()
        .for_each(|g| texts.push((&y.source, "a group's `name`".into(), &g.name)));
    r.indicators
        .iter()
        .for_each(|i| texts.push((&y.source, "an indicator's `name`".into(), &i.name)));
    r.plans
        .iter()
        .for_each(|p| texts.push((&y.source, format!("plan `{}`'s title", p.id), &p.title)));
    texts
        .into_iter()
        .filter_map(|(path, what, text)| lacking_warning(path, &what, text))
        .collect()
}

fn lacking_warning(path: &Path, what: &str, text: &str) -> Option<Diagnostic> {
    let lacking = report::lacking(text);
    if lacking.is_empty() {
        return None;
    }
    let chars: Vec<String> = lacking
        .iter()
        .take(8)
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect();
    let more = if lacking.len() > 8 { ", …" } else { "" };
    let message = format!(
        "{what} has characters that the printed report's font (Noto Sans) lacks, printed there as �: {}{more}",
        chars.join(", ")
    );
    let help = "the PDF keeps them as text (copying and screen readers get them); to print them, write them in words";
    Some(Diagnostic::warning(path, message).help(help))
}

/// The warning for a report that could not be made: a bug, and the page goes on without it.
fn pdf_failed(y: &Year, lang: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(
        &y.source,
        format!(
            "the {} printed report ({lang}) could not be made: {why}",
            y.year
        ),
    )
    .help("the year page is published without its PDF; please report this as a bug in tiendo")
}
