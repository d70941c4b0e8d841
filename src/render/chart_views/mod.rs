//! Charts of the pages: each chart's data, title and generated description in the page's
//! language, drawn by `crate::charts`. The description is a sentence that states what the
//! chart shows, so a screen-reader user gets the same facts; a data table sits beside each
//! chart in the templates.

mod reviews;
pub(crate) use reviews::Items;
mod trends;

use super::langs::LangData;
use super::renderer::Renderer;
use super::views::{ChartView, YearCharts};
use crate::charts::{self, Bar, BarChart};
use crate::diag::did_you_mean;
use crate::format::Formatter;
use crate::markdown::ShortcodeError;
use crate::model::{Bucket, GoalCounts, TaskCounts, TaskStatus, Year};
use crate::urls::{self, Target};

/// The charts of a year, each with its SVG file beside the report and its kind in the
/// `chart` shortcode (`kind="goals"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartKind {
    /// Goals by completion bucket.
    Goals,
    /// Tasks by status.
    Tasks,
    /// The share of each group's goals completed.
    Groups,
}

impl ChartKind {
    /// Every kind, in page order.
    pub const ALL: [ChartKind; 3] = [ChartKind::Goals, ChartKind::Tasks, ChartKind::Groups];

    /// The name in the `chart` shortcode and in chart ids.
    pub fn key(self) -> &'static str {
        match self {
            ChartKind::Goals => "goals",
            ChartKind::Tasks => "tasks",
            ChartKind::Groups => "groups",
        }
    }

    /// The chart's SVG file beside the year report.
    pub fn file(self) -> &'static str {
        match self {
            ChartKind::Goals => "goals.svg",
            ChartKind::Tasks => "tasks.svg",
            ChartKind::Groups => "groups.svg",
        }
    }

    /// The kind named `name` (the shortcode's `kind` argument), or what to write instead.
    pub fn parse(name: &str) -> Result<ChartKind, ShortcodeError> {
        if let Some(k) = ChartKind::ALL.into_iter().find(|k| k.key() == name) {
            return Ok(k);
        }
        let hint = match did_you_mean(name, ChartKind::ALL.map(ChartKind::key)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "use `kind=\"goals\"`, `\"tasks\"` or `\"groups\"`".to_string(),
        };
        Err(ShortcodeError::new(
            format!("`{name}` is not a chart kind"),
            hint,
        ))
    }
}

/// Where a year chart is shown: the prefix of its element ids, unique on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChartPlace {
    /// The home page.
    Home,
    /// The year report.
    Year,
    /// An article or page, through the `chart` shortcode.
    Shortcode,
}

impl ChartPlace {
    fn prefix(self) -> &'static str {
        match self {
            ChartPlace::Home => "home",
            ChartPlace::Year => "year",
            ChartPlace::Shortcode => "sc",
        }
    }
}

/// The chart of `kind` among a year's charts.
pub(crate) fn chart_of(charts: &YearCharts, kind: ChartKind) -> Option<&ChartView> {
    match kind {
        ChartKind::Goals => charts.goals.as_ref(),
        ChartKind::Tasks => charts.tasks.as_ref(),
        ChartKind::Groups => charts.groups.as_ref(),
    }
}

impl Renderer<'_> {
    /// A year's chart of `kind` shown at `place`, or `None` where it would be empty.
    pub(crate) fn year_chart(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        kind: ChartKind,
        place: ChartPlace,
    ) -> Option<ChartView> {
        let id = format!("{}-{}-{}", place.prefix(), kind.key(), y.year);
        let svg = match kind {
            ChartKind::Goals => self.goals_chart(l, y, id)?,
            ChartKind::Tasks => self.tasks_chart(l, y, id)?,
            ChartKind::Groups => self.groups_chart(l, y, id)?,
        };
        let download = self.path(&l.code, Target::YearFile(y.year, kind.file()));
        Some(self.view(svg.0, svg.1, dir, Some(download)))
    }

    /// The charts of a year report.
    pub(crate) fn year_charts(&self, l: &LangData, y: &Year, dir: &str) -> YearCharts {
        let chart = |kind| self.year_chart(l, y, dir, kind, ChartPlace::Year);
        YearCharts {
            goals: chart(ChartKind::Goals),
            tasks: chart(ChartKind::Tasks),
            groups: chart(ChartKind::Groups),
        }
    }

    /// The "Source: …, unit: …" line under a chart; `unit` is already in the page's language.
    pub(crate) fn source_line(&self, l: &LangData, year: Option<i32>, unit: &str) -> String {
        let fmt = l.fmt();
        let org = self
            .site
            .config
            .organisation
            .as_ref()
            .map(|o| self.lt(o, &l.code).text)
            .unwrap_or_else(|| self.lt(&self.site.config.title, &l.code).text);
        match year {
            Some(y) => fmt.tr(
                "chart_source_year",
                &[("org", &org), ("year", &y.to_string()), ("unit", unit)],
            ),
            None => fmt.tr("chart_source", &[("org", &org), ("unit", unit)]),
        }
    }

    pub(crate) fn view(
        &self,
        svg: String,
        desc: String,
        dir: &str,
        download: Option<String>,
    ) -> ChartView {
        ChartView {
            svg,
            desc,
            download: download.map(|p| urls::relative(dir, &p)),
        }
    }

    /// A year's goals by completion bucket as (SVG, description), or `None` for a year
    /// without goals.
    fn goals_chart(&self, l: &LangData, y: &Year, id: String) -> Option<(String, String)> {
        let g = &y.summary.goals;
        if g.total == 0 {
            return None;
        }
        let fmt = l.fmt();
        let desc = fmt.tr(
            "chart_goals_desc",
            &[
                ("completed", &fmt.count(g.completed)),
                ("total", &fmt.count(g.total)),
                ("share", &fmt.share(g.completed, g.total)),
                ("above_70", &fmt.count(g.above_70)),
                ("between", &fmt.count(g.between_50_70)),
                ("below", &fmt.count(g.below_50)),
            ],
        );
        let svg = charts::bar_chart_svg(&BarChart {
            id,
            title: fmt.tr("goals_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars: goal_bars(&fmt, g),
            max: g.total as f64,
            axis_label: fmt.tr("chart_axis_goals", &[]),
            source: self.source_line(l, Some(y.year), &fmt.tr("chart_unit_goals", &[])),
        });
        Some((svg, desc))
    }

    /// A year's tasks by status as (SVG, description), or `None` for a year without tasks.
    fn tasks_chart(&self, l: &LangData, y: &Year, id: String) -> Option<(String, String)> {
        let t = &y.summary.tasks;
        if t.total == 0 {
            return None;
        }
        let fmt = l.fmt();
        let desc = fmt.tr(
            "chart_tasks_desc",
            &[
                ("done", &fmt.count(t.done)),
                ("total", &fmt.count(t.total)),
                ("share", &fmt.share(t.done, t.total)),
                ("in_progress", &fmt.count(t.in_progress)),
                ("not_started", &fmt.count(t.not_started)),
            ],
        );
        let bars = task_bars(&fmt, t);
        let svg = charts::bar_chart_svg(&BarChart {
            id,
            title: fmt.tr("tasks_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars,
            max: t.total as f64,
            axis_label: fmt.tr("chart_axis_tasks", &[]),
            source: self.source_line(l, Some(y.year), &fmt.tr("chart_unit_tasks", &[])),
        });
        Some((svg, desc))
    }

    /// The share of each group's goals that were completed as (SVG, description), or `None`
    /// without grouped goals.
    fn groups_chart(&self, l: &LangData, y: &Year, id: String) -> Option<(String, String)> {
        let fmt = l.fmt();
        let rows: Vec<GroupShare> = y
            .groups
            .iter()
            .zip(&y.summary.groups)
            .filter(|(_, c)| c.goals > 0)
            .map(|(gr, c)| GroupShare {
                name: self.lt(&gr.name, &l.code).text,
                done: c.completed,
                total: c.goals,
            })
            .collect();
        let desc = groups_desc(&fmt, &rows)?;
        let bars = rows
            .iter()
            .map(|r| Bar {
                key: "group".into(),
                label: r.name.clone(),
                value: r.pct(),
                value_text: format!(
                    "{}/{} ({})",
                    fmt.count(r.done),
                    fmt.count(r.total),
                    fmt.share(r.done, r.total)
                ),
            })
            .collect();
        let svg = charts::bar_chart_svg(&BarChart {
            id,
            title: fmt.tr("groups_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars,
            max: 100.0,
            axis_label: fmt.tr("chart_axis_share", &[]),
            source: self.source_line(l, Some(y.year), &fmt.tr("chart_unit_share", &[])),
        });
        Some((svg, desc))
    }

    /// The 1200×630 summary card of a year, for `og:image` and the press, or why it could not
    /// be drawn; `None` for a year with neither goals nor tasks.
    pub(crate) fn year_png(&self, l: &LangData, y: &Year) -> Option<Result<Vec<u8>, String>> {
        let fmt = l.fmt();
        let s = &y.summary;
        let site = self.lt(&self.site.config.title, &l.code).text;
        let title = self.year_title(l, y).text;
        let (headline, bars, max) = if s.goals.total > 0 {
            let h = fmt.tr(
                "headline_goals",
                &[
                    ("completed", &fmt.count(s.goals.completed)),
                    ("total", &fmt.count(s.goals.total)),
                ],
            );
            (h, goal_bars(&fmt, &s.goals), s.goals.total as f64)
        } else if s.tasks.total > 0 {
            let h = fmt.tr(
                "headline_tasks",
                &[
                    ("done", &fmt.count(s.tasks.done)),
                    ("total", &fmt.count(s.tasks.total)),
                ],
            );
            let bars = TaskStatus::ALL
                .iter()
                .map(|st| Bar {
                    key: st.key().into(),
                    label: fmt.tr(&format!("status_{}", st.key()), &[]),
                    value: s.tasks.get(*st) as f64,
                    value_text: fmt.count(s.tasks.get(*st)),
                })
                .collect();
            (h, bars, s.tasks.total as f64)
        } else {
            return None;
        };
        Some((self.paint_card)(&headline, &title, &bars, max, &site))
    }
}

/// The bars of goals by completion bucket, each with its count and share.
pub(crate) fn goal_bars(fmt: &Formatter, g: &GoalCounts) -> Vec<Bar> {
    Bucket::ALL
        .iter()
        .map(|b| Bar {
            key: b.key().to_string(),
            label: fmt.tr(&format!("bucket_{}", b.key()), &[]),
            value: g.get(*b) as f64,
            value_text: format!(
                "{} ({})",
                fmt.count(g.get(*b)),
                fmt.share(g.get(*b), g.total)
            ),
        })
        .collect()
}

/// The bars of tasks by status, each with its count and share.
pub(crate) fn task_bars(fmt: &Formatter, t: &TaskCounts) -> Vec<Bar> {
    TaskStatus::ALL
        .iter()
        .map(|s| Bar {
            key: s.key().to_string(),
            label: fmt.tr(&format!("status_{}", s.key()), &[]),
            value: t.get(*s) as f64,
            value_text: format!(
                "{} ({})",
                fmt.count(t.get(*s)),
                fmt.share(t.get(*s), t.total)
            ),
        })
        .collect()
}

/// A group's completed goals of its total.
struct GroupShare {
    name: String,
    done: usize,
    total: usize,
}

impl GroupShare {
    fn pct(&self) -> f64 {
        self.done as f64 * 100.0 / self.total as f64
    }
}

/// The sentence of the groups chart: how many groups, the best and the worst; `None` without
/// groups.
fn groups_desc(fmt: &crate::format::Formatter, rows: &[GroupShare]) -> Option<String> {
    let best = rows
        .iter()
        .max_by(|a, b| a.pct().total_cmp(&b.pct()).then(b.name.cmp(&a.name)))?;
    let worst = rows
        .iter()
        .min_by(|a, b| a.pct().total_cmp(&b.pct()).then(a.name.cmp(&b.name)))?;
    Some(fmt.tr(
        "chart_groups_desc",
        &[
            ("groups", &fmt.count(rows.len())),
            ("best", &best.name),
            ("best_share", &fmt.share(best.done, best.total)),
            ("worst", &worst.name),
            ("worst_share", &fmt.share(worst.done, worst.total)),
        ],
    ))
}
