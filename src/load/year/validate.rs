//! The rules of a year, written once for every format: the year matches its file, ids are unique
//! and not empty, references name a defined plan or group, every goal has one completion rule
//! that computes, dates exist, indicators are numbers, and texts are in the site's languages.
//! Every problem is reported through the reader's [`Locator`].
//!
//! - `validate/reviews.rs`: the reviews, each item's `history` and its state at every review.
//! - `validate/links.rs`: documents and evidence: files of `content/static/` or web addresses.

mod links;
mod reviews;
mod texts;

pub use links::StaticPaths;

use super::raw::{RawGoal, RawGroup, RawIndicator, RawPlan, RawTask, RawYear};
use super::rules::{self, Problem};
use super::YearFile;
use crate::date::Date;
use crate::diag::{did_you_mean, Diagnostics};
use crate::load::translations::{Languages, MissingTranslations};
use crate::load::Locator;
use crate::model::{
    Bucket, Goal, Group, Indicator, Localized, Plan, SiteConfig, Task, Year, YearSummary,
};
use crate::yaml::Seg;
use crate::ypath;
use std::collections::HashMap;

/// What a year's rules check against besides the year's own file: the site's settings, and the
/// files of `content/static/` that documents and evidence may name.
#[derive(Debug, Clone, Copy)]
pub struct YearContext<'a> {
    /// The site's settings (languages, `raw_html`).
    pub config: &'a SiteConfig,
    /// The files of `content/static/`.
    pub static_files: &'a StaticPaths,
}

/// Checks a raw year against every rule and builds the model's `Year`, or `None` after an error
/// (each one pushed to `diags`).
pub fn validate(
    raw: RawYear,
    file: &YearFile,
    loc: &dyn Locator,
    cx: YearContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Year> {
    let config = cx.config;
    let raw = raw.normalized();
    let errors_before = diags.error_count();
    let langs = Languages {
        all: &config.languages,
        default: config.default_lang(),
    };
    let mut c = Checker {
        loc,
        missing: MissingTranslations::new(loc, langs),
        statics: cx.static_files,
        diags,
    };
    c.year_number(raw.year, file);
    c.year_texts(&raw);
    c.all_ids(&raw);
    let reviews = c.reviews(raw.reviews, file.year);
    let plans: Vec<Plan> = enumerate(raw.plans, |i, p| Some(c.plan(i, p)));
    let groups: Vec<Group> = enumerate(raw.groups, |i, g| Some(c.group(i, g)));
    let defined = Defined::of(&plans, &groups, &reviews);
    let goals: Vec<Goal> = enumerate(raw.goals, |i, g| c.goal(i, g, &defined, config));
    let tasks: Vec<Task> = enumerate(raw.tasks, |i, t| Some(c.task(i, t, &defined)));
    let indicators = enumerate(raw.indicators, |i, ind| Some(c.indicator(i, ind)));
    c.missing.finish(c.diags);
    if diags.error_count() > errors_before {
        return None;
    }
    let mut reviews = reviews.list;
    reviews::fill_summaries(&mut reviews, &goals, &tasks, &plans, &groups);
    let summary = YearSummary::compute(&goals, &tasks, &plans, &groups);
    Some(Year {
        year: file.year,
        title: raw.title,
        summary_md: raw.summary.map(|s| no_raw_html(s, config)),
        plans,
        groups,
        goals,
        tasks,
        indicators,
        reviews,
        summary,
        source: loc.path().to_path_buf(),
    })
}

fn enumerate<R, T>(raw: Vec<R>, mut f: impl FnMut(usize, R) -> Option<T>) -> Vec<T> {
    raw.into_iter()
        .enumerate()
        .filter_map(|(i, r)| f(i, r))
        .collect()
}

/// A record of one of the year's lists: where it is, and what messages call it.
#[derive(Clone, Copy)]
struct Item<'a> {
    /// `goals`.
    list: &'static str,
    /// 0-based index in the list.
    index: usize,
    /// `goal`.
    what: &'static str,
    id: &'a str,
}

impl Item<'_> {
    fn at(&self, field: &str) -> [Seg; 3] {
        ypath![self.list, self.index, field]
    }
}

/// The ids that references may name, and the reviews that histories may name.
struct Defined<'a> {
    plans: Vec<&'a str>,
    groups: Vec<&'a str>,
    plan_list: &'a [Plan],
    reviews: &'a reviews::Reviews,
}

impl<'a> Defined<'a> {
    fn of(plans: &'a [Plan], groups: &'a [Group], reviews: &'a reviews::Reviews) -> Self {
        Defined {
            plans: plans.iter().map(|p| p.id.as_str()).collect(),
            groups: groups.iter().map(|g| g.id.as_str()).collect(),
            plan_list: plans,
            reviews,
        }
    }

    /// The plan `id` with its date, if it has one: an item of it exists from that date.
    fn plan_date(&self, id: Option<&str>) -> Option<reviews::PlanDate<'a>> {
        let plan = self.plan_list.iter().find(|p| Some(p.id.as_str()) == id)?;
        Some(reviews::PlanDate {
            id: &plan.id,
            date: plan.date?,
        })
    }
}

struct Checker<'a> {
    loc: &'a dyn Locator,
    missing: MissingTranslations<'a>,
    statics: &'a StaticPaths,
    diags: &'a mut Diagnostics,
}

impl Checker<'_> {
    fn problem(&mut self, item: Item<'_>, p: Problem) {
        let d = self.loc.error(&item.at(p.field), p.message).help(p.help);
        self.diags.push(d);
    }

    /// The translations of one text field of a record.
    fn text(&mut self, item: Item<'_>, field: &str, value: &Localized) {
        let what = format!("the {field} of {} `{}`", item.what, item.id);
        let required = matches!(field, "title" | "name");
        self.text_rules(value, &item.at(field), &what, required);
        self.missing.check(value, &item.at(field), what, self.diags);
    }

    fn year_number(&mut self, written: i32, file: &YearFile) {
        if written == file.year {
            return;
        }
        let d = self
            .loc
            .error(
                &ypath!["year"],
                format!(
                    "`year: {written}` does not match the file name `{}`",
                    file.name
                ),
            )
            .help(format!(
                "write `year: {}`, or rename the file to `{written}.{}`",
                file.year, file.extension
            ));
        self.diags.push(d);
    }

    fn year_texts(&mut self, raw: &RawYear) {
        if let Some(t) = &raw.title {
            let what = "the year's title".to_string();
            self.text_rules(t, &ypath!["title"], &what, false);
            self.missing.check(t, &ypath!["title"], what, self.diags);
        }
        if let Some(t) = &raw.summary {
            let what = "the year's summary".to_string();
            self.text_rules(t, &ypath!["summary"], &what, false);
            self.missing.check(t, &ypath!["summary"], what, self.diags);
        }
    }

    fn all_ids(&mut self, raw: &RawYear) {
        let plans = raw.plans.iter().map(|p| p.id.as_str()).collect();
        self.unique_ids("plans", "plan", plans);
        let groups = raw.groups.iter().map(|g| g.id.as_str()).collect();
        self.unique_ids("groups", "group", groups);
        let goals = raw.goals.iter().map(|g| g.id.as_str()).collect();
        self.unique_ids("goals", "goal", goals);
        let tasks = raw.tasks.iter().map(|t| t.id.as_str()).collect();
        self.unique_ids("tasks", "task", tasks);
        let indicators = raw.indicators.iter().map(|i| i.id.as_str()).collect();
        self.unique_ids("indicators", "indicator", indicators);
        let reviews = raw.reviews.iter().map(|r| r.id.as_str()).collect();
        self.unique_ids("reviews", "review", reviews);
    }

    /// Each id of `list` is given, is not YAML's null, and is used once.
    fn unique_ids(&mut self, list: &str, what: &str, ids: Vec<&str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.into_iter().enumerate() {
            let at = ypath![list, i, "id"];
            let d = if id.trim().is_empty() {
                self.loc
                    .error(&at, format!("a {what} has an empty `id`"))
                    .help(format!("give each {what} a short unique id"))
            } else if matches!(id, "null" | "Null" | "NULL" | "~") && self.loc.is_bare_null(&at) {
                self.loc
                    .error(&at, format!("`id: {id}` means no id in YAML"))
                    .help(format!("give each {what} a short unique id such as `G05`; to use the word itself, put it in double quotes"))
            } else if let Some(&first) = seen.get(id) {
                let where_first = self
                    .loc
                    .value(&ypath![list, first, "id"])
                    .map(|p| format!(" (first used {})", p.phrase()))
                    .unwrap_or_default();
                self.loc
                    .error(&at, format!("duplicate {what} id `{id}`{where_first}"))
                    .help(format!("give each {what} its own id within the year"))
            } else {
                seen.insert(id, i);
                continue;
            };
            self.diags.push(d);
        }
    }

    /// A reference to a plan or group (`field`) must name one the year defines.
    fn reference(&mut self, item: Item<'_>, field: &str, value: Option<&str>, defined: &[&str]) {
        let Some(value) = value else { return };
        if defined.contains(&value) {
            return;
        }
        let plural = if field == "group" { "groups" } else { "plans" };
        let help = match did_you_mean(value, defined.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if defined.is_empty() => {
                format!("this year defines no {plural}: add it under `{plural}:` with its `id`")
            }
            None => format!(
                "define it under `{plural}:` or use one of: {}",
                defined.join(", ")
            ),
        };
        let (what, id) = (item.what, item.id);
        let d = self
            .loc
            .error(
                &item.at(field),
                format!("{what} `{id}` names {field} `{value}`, which is not defined in this year"),
            )
            .help(help);
        self.diags.push(d);
    }

    /// A `YYYY-MM-DD` date that exists.
    fn date(&mut self, value: Option<&str>, at: &[Seg]) -> Option<Date> {
        match Date::parse(value?.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                let d = self
                    .loc
                    .error(at, format!("bad date: {why}"))
                    .help("write dates as YYYY-MM-DD, such as `2023-12-31`");
                self.diags.push(d);
                None
            }
        }
    }

    fn plan(&mut self, index: usize, p: RawPlan) -> Plan {
        let item = Item {
            list: "plans",
            index,
            what: "plan",
            id: &p.id,
        };
        if let Some(t) = &p.title {
            self.text(item, "title", t);
        }
        let date = self.date(p.date.as_deref(), &item.at("date"));
        let evidence = self.evidence(item, p.evidence);
        Plan {
            id: p.id,
            date,
            title: p.title,
            evidence,
        }
    }

    fn group(&mut self, index: usize, g: RawGroup) -> Group {
        let item = Item {
            list: "groups",
            index,
            what: "group",
            id: &g.id,
        };
        self.text(item, "name", &g.name);
        Group {
            id: g.id,
            name: g.name,
        }
    }

    fn goal(
        &mut self,
        index: usize,
        mut g: RawGoal,
        defined: &Defined<'_>,
        config: &SiteConfig,
    ) -> Option<Goal> {
        let id = g.id.clone();
        let item = Item {
            list: "goals",
            index,
            what: "goal",
            id: &id,
        };
        self.text(item, "title", &g.title);
        if let Some(u) = &g.unit {
            self.text(item, "unit", u);
        }
        if let Some(n) = &g.note {
            self.text(item, "note", n);
        }
        self.reference(item, "group", g.group.as_deref(), &defined.groups);
        self.reference(item, "plan", g.plan.as_deref(), &defined.plans);
        let measured = rules::goal_rule(&g)
            .and_then(|rule| rules::goal_completion(&g, &rule).map(|c| (rule, c)));
        let (rule, completion) = match measured {
            Ok(m) => m,
            Err(p) => {
                self.problem(item, p);
                return None;
            }
        };
        let history = g.history.take();
        let evidence = self.evidence(item, std::mem::take(&mut g.evidence));
        let plan = defined.plan_date(g.plan.as_deref());
        let mut goal = Goal {
            id: g.id,
            title: g.title,
            group: g.group,
            plan: g.plan,
            rule,
            completion,
            bucket: Bucket::of(completion),
            unit: g.unit,
            note: g.note.map(|n| no_raw_html(n, config)),
            history: Vec::new(),
            at_reviews: Vec::new(),
            evidence,
        };
        self.goal_history(item, history, &mut goal, plan, defined.reviews);
        self.after_latest_review(item, plan, defined.reviews);
        Some(goal)
    }

    fn task(&mut self, index: usize, t: RawTask, defined: &Defined<'_>) -> Task {
        let id = t.id.clone();
        let item = Item {
            list: "tasks",
            index,
            what: "task",
            id: &id,
        };
        self.text(item, "title", &t.title);
        if let Some(o) = &t.owner {
            self.text(item, "owner", o);
        }
        self.reference(item, "group", t.group.as_deref(), &defined.groups);
        self.reference(item, "plan", t.plan.as_deref(), &defined.plans);
        let due = self.date(t.due.as_deref(), &item.at("due"));
        let evidence = self.evidence(item, t.evidence);
        let plan = defined.plan_date(t.plan.as_deref());
        let mut task = Task {
            id: t.id,
            title: t.title,
            status: t.status,
            group: t.group,
            plan: t.plan,
            owner: t.owner,
            due,
            history: Vec::new(),
            at_reviews: Vec::new(),
            evidence,
        };
        self.task_history(item, t.history, &mut task, plan, defined.reviews);
        self.after_latest_review(item, plan, defined.reviews);
        task
    }

    fn indicator(&mut self, index: usize, ind: RawIndicator) -> Indicator {
        let item = Item {
            list: "indicators",
            index,
            what: "indicator",
            id: &ind.id,
        };
        self.text(item, "name", &ind.name);
        for p in rules::indicator_problems(&ind) {
            self.problem(item, p);
        }
        Indicator {
            id: ind.id,
            name: ind.name,
            value: ind.value,
            out_of: ind.out_of,
            better: ind.better,
        }
    }
}

/// With `raw_html: false`, a Markdown text whose raw HTML shows as text.
fn no_raw_html(text: Localized, config: &SiteConfig) -> Localized {
    if config.raw_html {
        return text;
    }
    let escape = crate::markdown::escape_raw_html;
    let langs: Vec<String> = text.map_langs().map(str::to_string).collect();
    if langs.is_empty() {
        let d = config.default_lang();
        Localized::plain(escape(text.resolve(d, d).0))
    } else {
        Localized::from_pairs(
            langs
                .into_iter()
                .map(|l| {
                    let t = escape(text.exact(&l, &l).unwrap_or(""));
                    (l, t)
                })
                .collect(),
        )
    }
}
