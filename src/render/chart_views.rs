//! Charts of the pages: each chart's data, title and generated description in the page's
//! language, drawn by `crate::charts`. The description is a sentence that states what the
//! chart shows, so a screen-reader user gets the same facts; a data table sits beside each
//! chart in the templates.

use super::views::ChartView;
use super::{LangData, Renderer};
use crate::charts::{self, Bar, BarChart, LineChart, Series};
use crate::model::{Bucket, Goal, TaskStatus, Year};
use crate::urls::{self, Target};

impl Renderer<'_> {
    fn source_line(&self, l: &LangData, year: Option<i32>, unit_key: &str) -> String {
        let fmt = l.fmt();
        let org = self
            .site
            .config
            .organisation
            .as_ref()
            .map(|o| self.lt(o, &l.code).text)
            .unwrap_or_else(|| self.lt(&self.site.config.title, &l.code).text);
        let unit = fmt.tr(unit_key, &[]);
        match year {
            Some(y) => fmt.tr(
                "chart_source_year",
                &[("org", &org), ("year", &y.to_string()), ("unit", &unit)],
            ),
            None => fmt.tr("chart_source", &[("org", &org), ("unit", &unit)]),
        }
    }

    /// The bars of a year's goals by completion bucket.
    pub(super) fn goal_bars(&self, l: &LangData, y: &Year) -> Vec<Bar> {
        let fmt = l.fmt();
        let g = &y.summary.goals;
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

    fn view(&self, svg: String, desc: String, dir: &str, download: Option<String>) -> ChartView {
        ChartView {
            svg,
            desc,
            download: download.map(|p| urls::relative(dir, &p)),
        }
    }

    /// A year's goals by completion bucket, or `None` for a year without goals.
    pub(super) fn goals_chart(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        id: &str,
    ) -> Option<ChartView> {
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
            id: format!("{id}-goals-{}", y.year),
            title: fmt.tr("goals_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars: self.goal_bars(l, y),
            max: g.total as f64,
            axis_label: fmt.tr("chart_axis_goals", &[]),
            source: self.source_line(l, Some(y.year), "chart_unit_goals"),
        });
        Some(self.view(
            svg,
            desc,
            dir,
            Some(self.path(&l.code, Target::YearFile(y.year, "goals.svg"))),
        ))
    }

    /// A year's tasks by status, or `None` for a year without tasks.
    pub(super) fn tasks_chart(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        id: &str,
    ) -> Option<ChartView> {
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
        let bars = TaskStatus::ALL
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
            .collect();
        let svg = charts::bar_chart_svg(&BarChart {
            id: format!("{id}-tasks-{}", y.year),
            title: fmt.tr("tasks_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars,
            max: t.total as f64,
            axis_label: fmt.tr("chart_axis_tasks", &[]),
            source: self.source_line(l, Some(y.year), "chart_unit_tasks"),
        });
        Some(self.view(
            svg,
            desc,
            dir,
            Some(self.path(&l.code, Target::YearFile(y.year, "tasks.svg"))),
        ))
    }

    /// The share of each group's goals that were completed, or `None` without grouped goals.
    pub(super) fn groups_chart(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        id: &str,
    ) -> Option<ChartView> {
        let fmt = l.fmt();
        let rows: Vec<(String, usize, usize)> = y
            .groups
            .iter()
            .zip(&y.summary.groups)
            .filter(|(_, c)| c.goals > 0)
            .map(|(gr, c)| (self.lt(&gr.name, &l.code).text, c.completed, c.goals))
            .collect();
        if rows.is_empty() {
            return None;
        }
        let pct = |d: usize, t: usize| d as f64 * 100.0 / t as f64;
        let best = rows
            .iter()
            .max_by(|a, b| pct(a.1, a.2).total_cmp(&pct(b.1, b.2)).then(b.0.cmp(&a.0)))?;
        let worst = rows
            .iter()
            .min_by(|a, b| pct(a.1, a.2).total_cmp(&pct(b.1, b.2)).then(a.0.cmp(&b.0)))?;
        let desc = fmt.tr(
            "chart_groups_desc",
            &[
                ("groups", &fmt.count(rows.len())),
                ("best", &best.0),
                ("best_share", &fmt.share(best.1, best.2)),
                ("worst", &worst.0),
                ("worst_share", &fmt.share(worst.1, worst.2)),
            ],
        );
        let bars = rows
            .iter()
            .map(|(name, done, total)| Bar {
                key: "group".into(),
                label: name.clone(),
                value: pct(*done, *total),
                value_text: format!(
                    "{}/{} ({})",
                    fmt.count(*done),
                    fmt.count(*total),
                    fmt.share(*done, *total)
                ),
            })
            .collect();
        let svg = charts::bar_chart_svg(&BarChart {
            id: format!("{id}-groups-{}", y.year),
            title: fmt.tr("groups_table_caption", &[("year", &y.year.to_string())]),
            desc: desc.clone(),
            bars,
            max: 100.0,
            axis_label: fmt.tr("chart_axis_share", &[]),
            source: self.source_line(l, Some(y.year), "chart_unit_share"),
        });
        Some(self.view(
            svg,
            desc,
            dir,
            Some(self.path(&l.code, Target::YearFile(y.year, "groups.svg"))),
        ))
    }

    /// The share of goals completed, year by year (years with goals only).
    pub(super) fn trend_chart(&self, l: &LangData, dir: &str) -> Option<ChartView> {
        let fmt = l.fmt();
        let years: Vec<&Year> = self
            .site
            .years
            .iter()
            .filter(|y| y.summary.goals.total > 0)
            .collect();
        if years.is_empty() {
            return None;
        }
        let share = |y: &Year| {
            (y.summary.goals.completed as f64 * 100.0 / y.summary.goals.total as f64).round()
        };
        let parts: Vec<String> = years
            .iter()
            .map(|y| {
                fmt.tr(
                    "chart_trend_part",
                    &[
                        ("share", &fmt.percent(share(y), 0)),
                        ("year", &y.year.to_string()),
                    ],
                )
            })
            .collect();
        let desc = fmt.tr("chart_trend_desc", &[("list", &parts.join("; "))]);
        let series = Series {
            label: fmt.tr("chart_trend_series", &[]),
            points: years.iter().map(|y| (y.year, Some(share(y)))).collect(),
            point_texts: years.iter().map(|y| fmt.percent(share(y), 0)).collect(),
        };
        let svg = charts::line_chart_svg(&LineChart {
            id: format!("{}-trend", l.code),
            title: fmt.tr("chart_trend_title", &[]),
            desc: desc.clone(),
            series: vec![series],
            y_min: 0.0,
            y_max: 100.0,
            invert_y: false,
            y_label: fmt.tr("chart_axis_share", &[]),
            note: None,
            source: self.source_line(l, None, "chart_unit_share"),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// An indicator over the years; a rank where lower is better is drawn so that up means better.
    pub(super) fn indicator_chart(&self, l: &LangData, id: &str, dir: &str) -> Option<ChartView> {
        let fmt = l.fmt();
        let entries: Vec<(i32, &crate::model::Indicator)> = self
            .site
            .years
            .iter()
            .filter_map(|y| {
                y.indicators
                    .iter()
                    .find(|i| i.id == id)
                    .map(|i| (y.year, i))
            })
            .collect();
        let (_, last) = entries.last()?;
        let name = self.lt(&last.name, &l.code).text;
        let text = |i: &crate::model::Indicator| match (i.value, i.out_of) {
            (Some(v), Some(o)) => fmt.tr(
                "indicator_of",
                &[("value", &fmt.number(v, 2)), ("out_of", &fmt.number(o, 2))],
            ),
            (Some(v), None) => fmt.number(v, 2),
            (None, _) => fmt.tr("not_assessed", &[]),
        };
        let parts: Vec<String> = entries
            .iter()
            .map(|(y, i)| {
                fmt.tr(
                    "chart_indicator_part",
                    &[("value", &text(i)), ("year", &y.to_string())],
                )
            })
            .collect();
        let desc = fmt.tr(
            "chart_indicator_desc",
            &[("name", &name), ("list", &parts.join("; "))],
        );
        let values: Vec<f64> = entries.iter().filter_map(|(_, i)| i.value).collect();
        let lower = last.better == crate::model::Better::Lower;
        let (y_min, y_max) = match (lower, last.out_of) {
            (true, Some(o)) => (1.0, o),
            _ => {
                let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                if lo.is_finite() && hi.is_finite() && hi > lo {
                    (lo.min(0.0), hi * 1.1)
                } else {
                    (0.0, hi.max(1.0) * 1.1)
                }
            }
        };
        let svg = charts::line_chart_svg(&LineChart {
            id: format!("{}-ind-{}", l.code, crate::slug::slugify(id)),
            title: name.clone(),
            desc: desc.clone(),
            series: vec![Series {
                label: name,
                points: entries.iter().map(|(y, i)| (*y, i.value)).collect(),
                point_texts: entries.iter().map(|(_, i)| text(i)).collect(),
            }],
            y_min,
            y_max,
            invert_y: lower,
            y_label: fmt.tr(
                if lower {
                    "chart_axis_rank"
                } else {
                    "chart_axis_value"
                },
                &[],
            ),
            note: lower.then(|| fmt.tr("chart_rank_note", &[])),
            source: self.source_line(
                l,
                None,
                if lower {
                    "chart_unit_rank"
                } else {
                    "chart_unit_value"
                },
            ),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// A goal's completion over the years where its id appears.
    pub(super) fn goal_history_chart(
        &self,
        l: &LangData,
        years: &[(&Year, &Goal)],
        dir: &str,
        id: &str,
    ) -> Option<ChartView> {
        if years.len() < 2 {
            return None;
        }
        let fmt = l.fmt();
        let parts: Vec<String> = years
            .iter()
            .map(|(y, g)| {
                fmt.tr(
                    "chart_trend_part",
                    &[
                        ("share", &fmt.completion(g.completion)),
                        ("year", &y.year.to_string()),
                    ],
                )
            })
            .collect();
        let desc = fmt.tr(
            "chart_goal_desc",
            &[("id", id), ("list", &parts.join("; "))],
        );
        let max = years
            .iter()
            .map(|(_, g)| g.completion)
            .fold(100.0, f64::max);
        let svg = charts::line_chart_svg(&LineChart {
            id: format!("{}-goal-{}", l.code, crate::slug::slugify(id)),
            title: fmt.tr("goal_history", &[]),
            desc: desc.clone(),
            series: vec![Series {
                label: id.to_string(),
                points: years
                    .iter()
                    .map(|(y, g)| (y.year, Some(g.completion)))
                    .collect(),
                point_texts: years
                    .iter()
                    .map(|(_, g)| fmt.completion(g.completion))
                    .collect(),
            }],
            y_min: 0.0,
            y_max: max,
            invert_y: false,
            y_label: fmt.tr("col_completion", &[]),
            note: None,
            source: self.source_line(l, None, "chart_unit_share"),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// The 1200×630 summary card of a year, for `og:image` and the press.
    pub(super) fn year_png(&self, l: &LangData, y: &Year) -> Option<Vec<u8>> {
        let fmt = l.fmt();
        let s = &y.summary;
        let site = self.lt(&self.site.config.title, &l.code).text;
        let title = y
            .title
            .as_ref()
            .map(|t| self.lt(t, &l.code).text)
            .unwrap_or_else(|| fmt.tr("year_title", &[("year", &y.year.to_string())]));
        let (headline, bars, max) = if s.goals.total > 0 {
            let h = fmt.tr(
                "headline_goals",
                &[
                    ("completed", &fmt.count(s.goals.completed)),
                    ("total", &fmt.count(s.goals.total)),
                ],
            );
            (h, self.goal_bars(l, y), s.goals.total as f64)
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
        charts::og_png(&headline, &title, &bars, max, &site).ok()
    }
}
