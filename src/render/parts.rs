//! Pieces that several pages show: an article's card, a pager, a year's headline numbers and
//! an indicator with its change.

use super::jobs::page_count;
use super::langs::LangData;
use super::renderer::Renderer;
use super::views::{
    ArticleCard, CountRow, IndicatorView, LText, Link, Pager, PagerItem, YearSummaryView,
};
use crate::format::Formatter;
use crate::model::{
    Better, Bucket, Doc, GoalCounts, Indicator, IndicatorChange, TaskCounts, TaskStatus, Year,
};
use crate::urls::{self, Target};

impl Renderer<'_> {
    /// An article in a list, linked from a page in `from_dir`.
    pub(crate) fn card(&self, l: &LangData, d: &Doc, from_dir: &str) -> ArticleCard {
        let fmt = l.fmt();
        let date = d.date.as_ref();
        ArticleCard {
            title: d.title.clone(),
            href: urls::relative(from_dir, &self.path(&l.code, Target::Article(&d.slug))),
            date_text: date.map(|t| fmt.date(t.date)).unwrap_or_default(),
            date_iso: date
                .map(|t| {
                    if t.has_time {
                        t.rfc3339.clone()
                    } else {
                        t.date.to_string()
                    }
                })
                .unwrap_or_default(),
            summary: d.summary.clone(),
            tags: d
                .tags
                .iter()
                .map(|t| Link {
                    href: urls::relative(
                        from_dir,
                        &self.path(&l.code, Target::Tag(&l.tag_slug(t), 1)),
                    ),
                    label: t.clone(),
                })
                .collect(),
            draft: d.draft,
        }
    }

    /// The pager of a list of `total_items` on page `current`; `page_path(n)` is page n's path.
    pub(crate) fn pager(
        &self,
        dir: &str,
        current: usize,
        total_items: usize,
        page_path: &dyn Fn(usize) -> String,
    ) -> Pager {
        let total = page_count(total_items);
        let href = |n: usize| urls::relative(dir, &page_path(n));
        Pager {
            current,
            total,
            prev: (current > 1).then(|| href(current - 1)),
            next: (current < total).then(|| href(current + 1)),
            pages: pager_window(current, total)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PagerItem {
                        number: n,
                        href: href(n),
                        current: n == current,
                        gap: false,
                    },
                    None => PagerItem {
                        number: 0,
                        href: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }

    /// A year's headline numbers, linked from a page in `from_dir`.
    pub(crate) fn year_summary(&self, l: &LangData, y: &Year, from_dir: &str) -> YearSummaryView {
        let fmt = l.fmt();
        let s = &y.summary;
        let year_s = y.year.to_string();
        YearSummaryView {
            year: y.year,
            href: urls::relative(from_dir, &self.path(&l.code, Target::Year(y.year))),
            title: self.year_title(l, y),
            headline: (s.goals.total > 0).then(|| {
                fmt.tr(
                    "headline_goals",
                    &[
                        ("completed", &fmt.count(s.goals.completed)),
                        ("total", &fmt.count(s.goals.total)),
                    ],
                )
            }),
            tasks_headline: (s.tasks.total > 0).then(|| {
                fmt.tr(
                    "headline_tasks",
                    &[
                        ("done", &fmt.count(s.tasks.done)),
                        ("total", &fmt.count(s.tasks.total)),
                    ],
                )
            }),
            goals_total: s.goals.total,
            tasks_total: s.tasks.total,
            buckets: bucket_rows(&fmt, &s.goals),
            statuses: status_rows(&fmt, &s.tasks),
            link_text: fmt.tr("view_report", &[("year", &year_s)]),
        }
    }

    /// A year report's title: its own, or "Report 2023".
    pub(crate) fn year_title(&self, l: &LangData, y: &Year) -> LText {
        y.title
            .as_ref()
            .map(|t| self.lt(t, &l.code))
            .unwrap_or_else(|| LText {
                text: l.fmt().tr("year_title", &[("year", &y.year.to_string())]),
                lang: None,
            })
    }

    /// An indicator's value in year `y`, with its change since it was last measured.
    pub(crate) fn indicator_view(&self, l: &LangData, y: &Year, ind: &Indicator) -> IndicatorView {
        let fmt = l.fmt();
        let change = self.site.indicator_change(y.year, &ind.id);
        let is_rank = ind.out_of.is_some() && ind.better == Better::Lower;
        IndicatorView {
            id: ind.id.clone(),
            name: self.lt(&ind.name, &l.code),
            value_text: indicator_value(&fmt, ind),
            change_text: change.as_ref().map(|c| change_text(&fmt, c, is_rank)),
            trend: change.as_ref().map(|c| trend(c).to_string()),
            better_text: if ind.better == Better::Lower {
                fmt.tr("lower_is_better", &[])
            } else {
                fmt.tr("higher_is_better", &[])
            },
            year: y.year,
        }
    }
}

/// "17/63", a value, or the words for "not assessed".
pub(crate) fn indicator_value(fmt: &Formatter, ind: &Indicator) -> String {
    match (ind.value, ind.out_of) {
        (Some(v), Some(o)) => fmt.tr(
            "indicator_of",
            &[("value", &fmt.number(v, 2)), ("out_of", &fmt.number(o, 2))],
        ),
        (Some(v), None) => fmt.number(v, 2),
        (None, _) => fmt.tr("not_assessed", &[]),
    }
}

/// "up 5 places since 2020 (not assessed in 2021)".
fn change_text(fmt: &Formatter, c: &IndicatorChange, is_rank: bool) -> String {
    let n = fmt.number(c.improvement.abs(), 2);
    let since = c.previous_year.to_string();
    let args = [("n", n.as_str()), ("year", since.as_str())];
    let mut text = match (c.improvement > 0.0, c.improvement < 0.0, is_rank) {
        (true, _, true) => fmt.tr("change_rank_up", &args),
        (_, true, true) => fmt.tr("change_rank_down", &args),
        (true, _, false) => fmt.tr("change_better", &args),
        (_, true, false) => fmt.tr("change_worse", &args),
        _ => fmt.tr("change_same", &args),
    };
    if !c.not_assessed.is_empty() {
        let years: Vec<String> = c.not_assessed.iter().map(i32::to_string).collect();
        text.push(' ');
        text.push_str(&fmt.tr("not_assessed_in", &[("years", &years.join(", "))]));
    }
    text
}

/// The direction of improvement, for an arrow: `up`, `down` or `same`.
fn trend(c: &IndicatorChange) -> &'static str {
    if c.improvement > 0.0 {
        "up"
    } else if c.improvement < 0.0 {
        "down"
    } else {
        "same"
    }
}

/// Goals per completion bucket, each with its share.
pub(crate) fn bucket_rows(fmt: &Formatter, g: &GoalCounts) -> Vec<CountRow> {
    Bucket::ALL
        .iter()
        .map(|b| {
            let label = fmt.tr(&format!("bucket_{}", b.key()), &[]);
            count_row(fmt, b.key(), &label, g.get(*b), g.total)
        })
        .collect()
}

/// Tasks per status, each with its share.
pub(crate) fn status_rows(fmt: &Formatter, t: &TaskCounts) -> Vec<CountRow> {
    TaskStatus::ALL
        .iter()
        .map(|st| {
            let label = fmt.tr(&format!("status_{}", st.key()), &[]);
            count_row(fmt, st.key(), &label, t.get(*st), t.total)
        })
        .collect()
}

/// A count with its label and its share of `total`.
pub(crate) fn count_row(
    fmt: &Formatter,
    key: &str,
    label: &str,
    count: usize,
    total: usize,
) -> CountRow {
    let share = if total == 0 {
        0.0
    } else {
        count as f64 * 100.0 / total as f64
    };
    CountRow {
        key: key.to_string(),
        label: label.to_string(),
        count,
        count_text: fmt.count(count),
        share_text: fmt.share(count, total),
        share: format!("{share:.2}"),
    }
}

/// The page numbers a pager shows: the first, the last, and two on each side of the current
/// one, with `None` for a gap. A list of 1,000 pages then links 7 of them, not 1,000.
fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let lo = current.saturating_sub(2).max(1);
    let hi = (current + 2).min(total);
    if lo > 1 {
        out.push(Some(1));
        if lo > 2 {
            out.push(None);
        }
    }
    out.extend((lo..=hi).map(Some));
    if hi < total {
        if hi + 1 < total {
            out.push(None);
        }
        out.push(Some(total));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_windows() {
        assert_eq!(pager_window(1, 1), vec![Some(1)]);
        assert_eq!(pager_window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            pager_window(500, 1000),
            vec![
                Some(1),
                None,
                Some(498),
                Some(499),
                Some(500),
                Some(501),
                Some(502),
                None,
                Some(1000)
            ]
        );
        assert_eq!(
            pager_window(4, 6),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6)]
        );
        assert_eq!(
            pager_window(1000, 1000),
            vec![Some(1), None, Some(998), Some(999), Some(1000)]
        );
    }
}
