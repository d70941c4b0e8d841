//! The report's sections, in order: the cover; the year's summary; the figures by bucket and
//! by status; the charts; how completion is computed; the goals by group; the tasks by
//! status; the indicators; the plans; the reviews. A section with nothing to show is left out
//! (but the figures, which say "0" as they should).

use super::input::{Count, Group, Report};
use super::layout::{Align, Column, Layout, Row, TextStyle, Width};
use krilla::tagging::Tag;

/// Lays out every section of `r`.
pub(super) fn lay_out(doc: &mut Layout, r: &Report) {
    cover(doc, r);
    doc.new_page();
    section(doc, &r.labels.intro, !r.intro.is_empty(), |doc| {
        r.intro.iter().for_each(|p| paragraph(doc, p, body(doc)));
    });
    section(doc, &r.labels.figures, true, |doc| figures(doc, r));
    section(doc, &r.labels.charts, !r.charts.is_empty(), |doc| {
        let width = doc.width() * doc.style().chart_width;
        for chart in &r.charts {
            if doc.figure(&chart.svg, width, &chart.alt) {
                doc.space(10.0, 0.0);
            }
        }
    });
    section(doc, &r.labels.method, !r.method.is_empty(), |doc| {
        r.method.iter().for_each(|p| paragraph(doc, p, body(doc)));
    });
    section(doc, &r.labels.goals, !r.goal_groups.is_empty(), |doc| {
        goals(doc, r)
    });
    section(doc, &r.labels.tasks, !r.task_groups.is_empty(), |doc| {
        tasks(doc, r)
    });
    section(doc, &r.labels.indicators, !r.indicators.is_empty(), |doc| {
        indicators(doc, r)
    });
    section(doc, &r.labels.plans, !r.plans.is_empty(), |doc| {
        plans(doc, r)
    });
    section(doc, &r.labels.reviews, !r.reviews.is_empty(), |doc| {
        reviews(doc, r)
    });
}

/// A section: its heading, then what `fill` lays out; nothing when `shown` is false.
fn section(doc: &mut Layout, heading: &str, shown: bool, fill: impl FnOnce(&mut Layout)) {
    if !shown {
        return;
    }
    doc.open(Tag::Section);
    let style = doc.style();
    let h = TextStyle {
        size: style.sizes.heading,
        bold: true,
        colour: style.colours.heading,
    };
    doc.heading(1, heading, h);
    fill(doc);
    doc.close();
}

fn body(doc: &Layout) -> TextStyle {
    TextStyle {
        size: doc.style().sizes.body,
        bold: false,
        colour: doc.style().colours.text,
    }
}

fn paragraph(doc: &mut Layout, text: &str, style: TextStyle) {
    doc.paragraph(Tag::P, text, style);
    doc.space(style.size * 0.6, 0.0);
}

/// The cover: the organisation, what the document is, the year's title, as of when; the
/// site's name and the year page's address at the foot.
fn cover(doc: &mut Layout, r: &Report) {
    let s = doc.style();
    let (text, muted, heading) = (s.colours.text, s.colours.muted, s.colours.heading);
    let cover = |colour| TextStyle {
        size: s.sizes.cover,
        bold: false,
        colour,
    };
    doc.bar(3.0, s.colours.accent);
    doc.space(60.0, 0.0);
    doc.paragraph(Tag::P, &r.organisation.to_uppercase(), cover(text));
    doc.space(40.0, 0.0);
    doc.paragraph(Tag::P, &r.kind, cover(muted));
    doc.space(6.0, 0.0);
    let title = TextStyle {
        size: s.sizes.title,
        bold: true,
        colour: heading,
    };
    doc.paragraph(Tag::Title, &r.title, title);
    if let Some(as_of) = &r.as_of {
        doc.space(22.0, 0.0);
        doc.paragraph(Tag::P, as_of, cover(text));
    }
    let small = TextStyle {
        size: s.sizes.small,
        bold: false,
        colour: muted,
    };
    doc.down_to_foot(2.0 * doc.line_height(small));
    doc.paragraph(Tag::P, &r.site, small);
    if !r.address.is_empty() {
        doc.paragraph(Tag::P, &r.address, small);
    }
}

const LEFT: Align = Align::Left;
const RIGHT: Align = Align::Right;

fn col(width: Width, align: Align) -> Column {
    Column { width, align }
}

/// Goals per bucket and tasks per status, each with its total.
fn figures(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Fill, LEFT),
        col(Width::Fixed(80.0), RIGHT),
        col(Width::Fixed(80.0), RIGHT),
    ];
    let rows = |counts: &[Count], total: &str| {
        let mut rows: Vec<Row> = counts
            .iter()
            .map(|c| Row::Cells(vec![c.label.clone(), c.count.clone(), c.share.clone()]))
            .collect();
        rows.push(Row::Cells(vec![
            l.total.clone(),
            total.to_string(),
            String::new(),
        ]));
        rows
    };
    let header = [l.col_goals.as_str(), &l.col_count, &l.col_share];
    doc.table(
        &columns,
        &header,
        &rows(&r.buckets, &r.goals_total),
        body(doc),
    );
    doc.space(12.0, 0.0);
    let header = [l.col_tasks.as_str(), &l.col_count, &l.col_share];
    doc.table(
        &columns,
        &header,
        &rows(&r.statuses, &r.tasks_total),
        body(doc),
    );
}

/// Rows under their groups' names.
fn grouped<T>(groups: &[Group<T>], cells: impl Fn(&T) -> Vec<String>) -> Vec<Row> {
    let mut rows = Vec::new();
    for g in groups {
        rows.push(Row::Group(g.name.clone()));
        rows.extend(g.rows.iter().map(|x| Row::Cells(cells(x))));
    }
    rows
}

fn goals(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Auto(56.0), LEFT),
        col(Width::Fill, LEFT),
        col(Width::Auto(76.0), RIGHT),
        col(Width::Auto(76.0), RIGHT),
        col(Width::Auto(62.0), RIGHT),
        col(Width::Auto(84.0), LEFT),
    ];
    let header = [
        l.col_id.as_str(),
        &l.col_goal,
        &l.col_target,
        &l.col_actual,
        &l.col_completion,
        &l.col_level,
    ];
    let rows = grouped(&r.goal_groups, |g| {
        let cells = [
            &g.id,
            &g.title,
            &g.target,
            &g.actual,
            &g.completion,
            &g.level,
        ];
        cells.map(String::clone).to_vec()
    });
    doc.table(&columns, &header, &rows, body(doc));
}

fn tasks(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Auto(56.0), LEFT),
        col(Width::Fill, LEFT),
        col(Width::Fixed(118.0), LEFT),
        col(Width::Auto(96.0), LEFT),
    ];
    let header = [l.col_id.as_str(), &l.col_task, &l.col_owner, &l.col_due];
    let rows = grouped(&r.task_groups, |t| {
        [&t.id, &t.title, &t.owner, &t.due]
            .map(String::clone)
            .to_vec()
    });
    doc.table(&columns, &header, &rows, body(doc));
}

fn indicators(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Fill, LEFT),
        col(Width::Auto(96.0), RIGHT),
        col(Width::Fixed(190.0), LEFT),
    ];
    let header = [l.col_indicator.as_str(), &l.col_value, &l.col_change];
    let rows: Vec<Row> = r
        .indicators
        .iter()
        .map(|i| Row::Cells([&i.name, &i.value, &i.change].map(String::clone).to_vec()))
        .collect();
    doc.table(&columns, &header, &rows, body(doc));
}

fn plans(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Fill, LEFT),
        col(Width::Auto(96.0), LEFT),
        col(Width::Auto(130.0), LEFT),
    ];
    let header = [l.col_plan.as_str(), &l.col_date, &l.col_plan_counts];
    let rows: Vec<Row> = r
        .plans
        .iter()
        .map(|p| {
            // A plan's title often says its number already.
            let name = match p.title.is_empty() {
                true => p.id.clone(),
                false if p.title.contains(&p.id) => p.title.clone(),
                false => format!("{}: {}", p.id, p.title),
            };
            Row::Cells(vec![name, p.date.clone(), p.counts.clone()])
        })
        .collect();
    doc.table(&columns, &header, &rows, body(doc));
}

/// The reviews, each with the year's figures then; their summaries under the table.
fn reviews(doc: &mut Layout, r: &Report) {
    let l = &r.labels;
    let columns = [
        col(Width::Fill, LEFT),
        col(Width::Auto(96.0), LEFT),
        col(Width::Auto(130.0), LEFT),
        col(Width::Auto(130.0), LEFT),
    ];
    let header = [
        l.col_review.as_str(),
        &l.col_date,
        &l.col_goals,
        &l.col_tasks,
    ];
    let rows: Vec<Row> = r
        .reviews
        .iter()
        .map(|x| {
            Row::Cells(
                [&x.title, &x.date, &x.goals, &x.tasks]
                    .map(String::clone)
                    .to_vec(),
            )
        })
        .collect();
    doc.table(&columns, &header, &rows, body(doc));
    doc.space(8.0, 0.0);
    for x in &r.reviews {
        if let Some(summary) = &x.summary {
            paragraph(doc, &format!("{}: {summary}", x.title), body(doc));
        }
    }
}
