//! The charts across years: the share of goals completed per year, each indicator over the
//! years, and a goal's completion over the years where its id appears.

use crate::charts::{self, LineChart, Series};
use crate::format::Formatter;
use crate::model::{Better, Goal, Indicator, Year};
use crate::render::langs::LangData;
use crate::render::parts::indicator_value;
use crate::render::renderer::Renderer;
use crate::render::views::ChartView;

impl Renderer<'_> {
    /// The share of goals completed, year by year (years with goals only).
    pub(crate) fn trend_chart(&self, l: &LangData, dir: &str) -> Option<ChartView> {
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
        let parts = year_parts(
            &fmt,
            ("chart_trend_part", "share"),
            years.iter().map(|y| (y.year, fmt.percent(share(y), 0))),
        );
        let desc = fmt.tr("chart_trend_desc", &[("list", &parts)]);
        let series = Series {
            label: fmt.tr("chart_trend_series", &[]),
            points: years.iter().map(|y| (y.year, Some(share(y)))).collect(),
            point_texts: years.iter().map(|y| fmt.percent(share(y), 0)).collect(),
        };
        let svg = charts::line_chart_svg(&LineChart {
            x_labels: Vec::new(),
            id: format!("{}-trend", l.code),
            title: fmt.tr("chart_trend_title", &[]),
            desc: desc.clone(),
            series: vec![series],
            y_min: 0.0,
            y_max: 100.0,
            invert_y: false,
            y_label: fmt.tr("chart_axis_share", &[]),
            note: None,
            source: self.source_line(l, None, &fmt.tr("chart_unit_share", &[])),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// An indicator over the years; a rank where lower is better is drawn so that up means better.
    pub(crate) fn indicator_chart(&self, l: &LangData, id: &str, dir: &str) -> Option<ChartView> {
        let fmt = l.fmt();
        let entries: Vec<(i32, &Indicator)> = self
            .indicator_years(id)
            .into_iter()
            .map(|(y, i)| (y.year, i))
            .collect();
        let (_, last) = entries.last()?;
        let name = self.lt(&last.name, &l.code).text;
        let parts = year_parts(
            &fmt,
            ("chart_indicator_part", "value"),
            entries.iter().map(|(y, i)| (*y, indicator_value(&fmt, i))),
        );
        let desc = fmt.tr("chart_indicator_desc", &[("name", &name), ("list", &parts)]);
        let lower = last.better == Better::Lower;
        let (y_min, y_max) = indicator_range(&entries, lower, last.out_of);
        let (y_label, unit) = if lower {
            (
                fmt.tr("chart_axis_rank", &[]),
                fmt.tr("chart_unit_rank", &[]),
            )
        } else {
            (
                fmt.tr("chart_axis_value", &[]),
                fmt.tr("chart_unit_value", &[]),
            )
        };
        let svg = charts::line_chart_svg(&LineChart {
            x_labels: Vec::new(),
            id: format!("{}-ind-{}", l.code, crate::slug::slugify(id)),
            title: name.clone(),
            desc: desc.clone(),
            series: vec![Series {
                label: name,
                points: entries.iter().map(|(y, i)| (*y, i.value)).collect(),
                point_texts: entries
                    .iter()
                    .map(|(_, i)| indicator_value(&fmt, i))
                    .collect(),
            }],
            y_min,
            y_max,
            invert_y: lower,
            y_label,
            note: lower.then(|| fmt.tr("chart_rank_note", &[])),
            source: self.source_line(l, None, &unit),
        });
        Some(self.view(svg, desc, dir, None))
    }

    /// A goal's completion over the years where its id appears.
    pub(crate) fn goal_history_chart(
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
        let parts = year_parts(
            &fmt,
            ("chart_trend_part", "share"),
            years
                .iter()
                .map(|(y, g)| (y.year, fmt.completion(g.completion))),
        );
        let desc = fmt.tr("chart_goal_desc", &[("id", id), ("list", &parts)]);
        let max = years
            .iter()
            .map(|(_, g)| g.completion)
            .fold(100.0, f64::max);
        let svg = charts::line_chart_svg(&LineChart {
            x_labels: Vec::new(),
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
            source: self.source_line(l, None, &fmt.tr("chart_unit_share", &[])),
        });
        Some(self.view(svg, desc, dir, None))
    }
}

/// "67 % in 2022; 70 % in 2023": a sentence part per year, from the UI string `part` whose
/// placeholder `arg` takes the value, joined.
fn year_parts(
    fmt: &Formatter,
    (part, arg): (&str, &str),
    values: impl Iterator<Item = (i32, String)>,
) -> String {
    let parts: Vec<String> = values
        .map(|(year, v)| fmt.tr(part, &[(arg, &v), ("year", &year.to_string())]))
        .collect();
    parts.join("; ")
}

/// The y range of an indicator's chart: a rank from 1 to its scale, else from 0 (or the
/// lowest value) to a tenth above the highest.
fn indicator_range(entries: &[(i32, &Indicator)], lower: bool, out_of: Option<f64>) -> (f64, f64) {
    if let (true, Some(o)) = (lower, out_of) {
        return (1.0, o);
    }
    let values = entries.iter().filter_map(|(_, i)| i.value);
    let lo = values.clone().fold(f64::INFINITY, f64::min);
    let hi = values.fold(f64::NEG_INFINITY, f64::max);
    if lo.is_finite() && hi.is_finite() && hi > lo {
        (lo.min(0.0), hi * 1.1)
    } else {
        (0.0, hi.max(1.0) * 1.1)
    }
}
