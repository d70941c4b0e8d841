//! The data shortcodes: `figure(year, key)` (and `figure(year, review, key)`, a figure at one of
//! the year's reviews), `goals_summary(year)` and `chart(year, kind)`. Every value comes from
//! the year's computed `summary` (or the review's), the same object `data.json` holds.

use super::chart_views::{ChartKind, ChartPlace};
use super::langs::LangData;
use super::renderer::Renderer;
use crate::diag::{did_you_mean, Diagnostic};
use crate::export;
use crate::format::Formatter;
use crate::markdown::{self, Expansion, HeadingIds, Shortcode, ShortcodeError, ShortcodeHost};
use crate::model::{Bucket, Doc, Site, TaskStatus, Year};
use std::collections::HashMap;
use std::path::Path;

impl Renderer<'_> {
    /// An article's or a page's body as HTML, for a page of `template` in `dir`, with charts
    /// drawn.
    pub(crate) fn body_html(
        &self,
        l: &LangData,
        d: &Doc,
        dir: &str,
        template: &str,
    ) -> Result<String, Vec<Diagnostic>> {
        let draw =
            |y: &Year, kind: ChartKind| self.year_chart(l, y, dir, kind, ChartPlace::Shortcode);
        let draw_svg = |y: &Year, kind: ChartKind| draw(y, kind).map(|c| c.svg);
        let root = crate::urls::relative(dir, "");
        let mut ids = self.heading_ids(template);
        self.markdown_of(l, d, &root, Some(&draw_svg), &mut ids)
    }

    /// An article's body as HTML for a feed, whose readers show tables but not charts; `root`
    /// is the site's address (or the relative path to its root).
    pub(crate) fn feed_html(
        &self,
        l: &LangData,
        d: &Doc,
        root: &str,
    ) -> Result<String, Vec<Diagnostic>> {
        // The same heading ids as on the article's page.
        let mut ids = self.heading_ids("article.html");
        self.markdown_of(l, d, root, None, &mut ids)
    }

    fn markdown_of(
        &self,
        l: &LangData,
        d: &Doc,
        root: &str,
        charts: Option<&DrawChart>,
        ids: &mut HeadingIds,
    ) -> Result<String, Vec<Diagnostic>> {
        let host = Host {
            site: self.site,
            summaries: &self.summaries,
            fmt: l.fmt(),
            lang: &l.code,
            charts,
        };
        // The file's text is needed only for error snippets: a missing one just drops them.
        let file_text = format!("{}{}", "\n".repeat(d.body_line.saturating_sub(1)), d.body);
        let src = markdown::Source {
            path: Path::new(&d.source),
            file_text: &file_text,
            first_line: d.body_line,
        };
        markdown::render_with(&d.body, root, &host, &src, ids)
    }
}

/// Expands shortcodes for one page language.
pub struct Host<'a> {
    /// The site.
    pub site: &'a Site,
    /// Each year's summary object.
    pub summaries: &'a HashMap<i32, serde_json::Value>,
    /// The page language's formatter.
    pub fmt: Formatter<'a>,
    /// The page language.
    pub lang: &'a str,
    /// Draws a year's chart of a kind (`goals`, `tasks`, `groups`) as SVG; `None` where the
    /// page shows tables only (feeds).
    pub charts: Option<&'a DrawChart<'a>>,
}

/// Draws a year's chart of a kind as SVG.
pub type DrawChart<'a> = dyn Fn(&Year, ChartKind) -> Option<String> + Sync + 'a;

type Failure = ShortcodeError;

impl Host<'_> {
    /// The arguments of `code`: each of `required`, and of `optional` those given.
    fn args<'c>(
        &self,
        code: &'c Shortcode,
        required: &[&str],
        optional: &[&str],
    ) -> Result<HashMap<&'c str, &'c str>, Failure> {
        let mut out = HashMap::new();
        let allowed: Vec<&str> = required.iter().chain(optional).copied().collect();
        for (k, v) in &code.args {
            if !allowed.contains(&k.as_str()) {
                let hint = match did_you_mean(k, allowed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`{}` takes: {}", code.name, allowed.join(", ")),
                };
                return Err(ShortcodeError::new(
                    format!("`{}` has no argument `{k}`", code.name),
                    hint,
                ));
            }
            out.insert(k.as_str(), v.as_str());
        }
        for a in required {
            if !out.contains_key(a) {
                return Err(ShortcodeError::new(
                    format!("`{}` needs `{a}`", code.name),
                    format!("write it as `{}`", example(&code.name)),
                ));
            }
        }
        Ok(out)
    }

    fn year(&self, value: &str) -> Result<&Year, Failure> {
        let years: Vec<String> = self.site.years.iter().map(|y| y.year.to_string()).collect();
        let y: i32 = value.trim().parse().map_err(|_| {
            ShortcodeError::new(
                format!("`year={value}` is not a year"),
                "write the year as a number: `year=2023`",
            )
        })?;
        self.site.year(y).ok_or_else(|| {
            ShortcodeError::new(
                format!("there is no year {y} (no `content/years/{y}.yaml` or `.xlsx`)"),
                format!("the site's years are: {}", years.join(", ")),
            )
        })
    }

    /// Review `id` of `year`, by its index.
    fn review(&self, year: &Year, id: &str) -> Result<usize, Failure> {
        if let Some(r) = year.reviews.iter().position(|r| r.id == id) {
            return Ok(r);
        }
        let ids: Vec<&str> = year.reviews.iter().map(|r| r.id.as_str()).collect();
        let hint = match did_you_mean(id, ids.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if ids.is_empty() => format!(
                "{} records no reviews: remove `review=`, or add the reviews under `reviews:` in its year file",
                year.year
            ),
            None => format!("the reviews of {} are: {}", year.year, ids.join(", ")),
        };
        Err(ShortcodeError::new(
            format!("{} has no review `{id}`", year.year),
            hint,
        ))
    }

    fn figure(&self, code: &Shortcode) -> Result<Expansion, Failure> {
        let a = self.args(code, &["year", "key"], &["review"])?;
        let year = self.year(a["year"])?;
        let key = a["key"];
        let at_review;
        let (summary, of) = match a.get("review") {
            None => (&self.summaries[&year.year], year.year.to_string()),
            Some(id) => {
                let r = self.review(year, id)?;
                at_review = export::review_summary_value(year, r).unwrap_or_default();
                (&at_review, format!("{} at review `{id}`", year.year))
            }
        };
        match export::lookup(summary, key) {
            Some(serde_json::Value::Number(n)) => {
                let v = n.as_f64().unwrap_or(0.0);
                let text = if key.ends_with("year") {
                    format!("{v}")
                } else {
                    self.fmt.number(v, 2)
                };
                Ok(Expansion::Inline(text))
            }
            Some(serde_json::Value::Null) => Err(ShortcodeError::new(
                format!("`{key}` has no value in {of}"),
                "the data records no value for it that year (`null`); choose another year or key",
            )),
            _ => {
                let keys = export::number_keys(summary);
                let hint = match did_you_mean(key, keys.iter().map(String::as_str)) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("keys of {of}: {}", keys.join(", ")),
                };
                Err(ShortcodeError::new(
                    format!("`{key}` is not a figure of {of}"),
                    hint,
                ))
            }
        }
    }

    fn goals_summary(&self, code: &Shortcode) -> Result<Expansion, Failure> {
        let a = self.args(code, &["year"], &[])?;
        let y = self.year(a["year"])?;
        Ok(Expansion::Block(format!(
            "{}{}\n",
            self.goals_table(y),
            self.tasks_table(y)
        )))
    }

    fn goals_table(&self, y: &Year) -> String {
        let f = &self.fmt;
        let g = &y.summary.goals;
        let mut rows = String::new();
        for b in Bucket::ALL {
            rows.push_str(&row(
                &f.tr(&format!("bucket_{}", b.key()), &[]),
                &f.count(g.get(b)),
                &f.share(g.get(b), g.total),
            ));
        }
        rows.push_str(&row(
            &f.tr("total", &[]),
            &f.count(g.total),
            &f.share(g.total, g.total),
        ));
        table(
            &f.tr("goals_table_caption", &[("year", &y.year.to_string())]),
            &f.tr("col_goals", &[]),
            f,
            &rows,
        )
    }

    fn tasks_table(&self, y: &Year) -> String {
        let f = &self.fmt;
        let t = &y.summary.tasks;
        let mut rows = String::new();
        for s in TaskStatus::ALL {
            rows.push_str(&row(
                &f.tr(&format!("status_{}", s.key()), &[]),
                &f.count(t.get(s)),
                &f.share(t.get(s), t.total),
            ));
        }
        rows.push_str(&row(
            &f.tr("total", &[]),
            &f.count(t.total),
            &f.share(t.total, t.total),
        ));
        table(
            &f.tr("tasks_table_caption", &[("year", &y.year.to_string())]),
            &f.tr("col_tasks", &[]),
            f,
            &rows,
        )
    }

    fn groups_table(&self, y: &Year) -> String {
        let f = &self.fmt;
        let mut rows = String::new();
        for (gr, c) in y
            .groups
            .iter()
            .zip(&y.summary.groups)
            .filter(|(_, c)| c.goals > 0)
        {
            let name = gr
                .name
                .resolve(self.lang, self.site.config.default_lang())
                .0;
            let counts = f.tr(
                "group_summary",
                &[
                    ("completed", &f.count(c.completed)),
                    ("total", &f.count(c.goals)),
                ],
            );
            rows.push_str(&row(name, &counts, &f.share(c.completed, c.goals)));
        }
        table(
            &f.tr("groups_table_caption", &[("year", &y.year.to_string())]),
            &f.tr("col_group", &[]),
            f,
            &rows,
        )
    }

    fn chart(&self, code: &Shortcode) -> Result<Expansion, Failure> {
        let a = self.args(code, &["year", "kind"], &[])?;
        let y = self.year(a["year"])?;
        let kind = ChartKind::parse(a["kind"])?;
        let html = match kind {
            ChartKind::Goals => self.goals_table(y),
            ChartKind::Tasks => self.tasks_table(y),
            ChartKind::Groups => self.groups_table(y),
        };
        let svg = self.charts.and_then(|draw| draw(y, kind));
        Ok(Expansion::Block(match svg {
            // One line: an HTML block in Markdown ends at a blank line.
            Some(svg) => format!(
                "<figure class=\"chart\">{}</figure>{html}\n",
                svg.replace('\n', " ")
            ),
            None => format!("{html}\n"),
        }))
    }
}

fn example(name: &str) -> &'static str {
    match name {
        "figure" => "{{ figure(year=2023, key=\"goals.completed\") }}",
        "goals_summary" => "{{ goals_summary(year=2023) }}",
        _ => "{{ chart(year=2023, kind=\"goals\") }}",
    }
}

fn esc(s: &str) -> String {
    super::templates::escape_html(s)
}

fn row(label: &str, count: &str, share: &str) -> String {
    format!(
        "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
        esc(label),
        esc(count),
        esc(share)
    )
}

fn table(caption: &str, first_col: &str, f: &Formatter, rows: &str) -> String {
    format!(
        "<table class=\"summary-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{rows}</tbody></table>",
        esc(caption),
        esc(first_col),
        esc(&f.tr("col_count", &[])),
        esc(&f.tr("col_share", &[]))
    )
}

impl ShortcodeHost for Host<'_> {
    fn expand(&self, code: &Shortcode) -> Result<Expansion, Failure> {
        match code.name.as_str() {
            "figure" => self.figure(code),
            "goals_summary" => self.goals_summary(code),
            _ => self.chart(code),
        }
    }
}
