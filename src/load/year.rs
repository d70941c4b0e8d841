//! `content/years/<YYYY>.yaml` → `Year`: parse, then check ids, references, completion rules and
//! dates, placing every error on its line.

use super::{read_source, MissingTranslations, SourceText};
use crate::date::Date;
use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::model::completion::CompletionError;
use crate::model::{
    Better, Bucket, Goal, Group, Indicator, Localized, Plan, Rule, SiteConfig, Task, TaskStatus,
    Year, YearSummary,
};
use crate::yaml::{self, Seg};
use crate::ypath;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearRaw {
    year: i32,
    title: Option<Localized>,
    summary: Option<Localized>,
    #[serde(default)]
    plans: Vec<PlanRaw>,
    #[serde(default)]
    groups: Vec<GroupRaw>,
    #[serde(default)]
    goals: Vec<GoalRaw>,
    #[serde(default)]
    tasks: Vec<TaskRaw>,
    #[serde(default)]
    indicators: Vec<IndicatorRaw>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanRaw {
    id: String,
    date: Option<String>,
    title: Option<Localized>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRaw {
    id: String,
    name: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalRaw {
    id: String,
    title: Localized,
    group: Option<String>,
    plan: Option<String>,
    progress: Option<f64>,
    target: Option<f64>,
    actual: Option<f64>,
    baseline: Option<f64>,
    unit: Option<Localized>,
    note: Option<Localized>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskRaw {
    id: String,
    title: Localized,
    status: TaskStatus,
    group: Option<String>,
    plan: Option<String>,
    owner: Option<Localized>,
    due: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorRaw {
    id: String,
    name: Localized,
    value: Option<f64>,
    out_of: Option<f64>,
    #[serde(default)]
    better: Better,
}

/// Reads, parses and validates one year file.
pub fn load_year(root: &Path, rel: &Path, config: &SiteConfig) -> (Option<Year>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let src = match read_source(root, rel) {
        Ok(s) => s,
        Err(d) => {
            diags.push(*d);
            return (None, diags);
        }
    };
    let year = parse_year(&src, config, &mut diags);
    (year, diags)
}

/// Parses and validates the text of a year file.
pub fn parse_year(src: &SourceText, config: &SiteConfig, diags: &mut Diagnostics) -> Option<Year> {
    let name = src
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
    let file_year: Option<i32> = if stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) {
        stem.parse().ok()
    } else {
        None
    };
    if name.ends_with(".yml") {
        diags.push(
            Diagnostic::error(&src.path, "year files end in `.yaml`")
                .help(format!("rename it to `content/years/{stem}.yaml`")),
        );
        return None;
    }
    let Some(file_year) = file_year else {
        diags.push(
            Diagnostic::error(&src.path, format!("`{name}` is not named after a year"))
                .help("name each year file after its year, such as `content/years/2024.yaml`"),
        );
        return None;
    };
    if src.text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&src.path, "this year file is empty")
                .help(format!("start it with `year: {file_year}`")),
        );
        return None;
    }
    let raw: YearRaw = match yaml::parse(&src.text, &src.path, 0) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let errors_before = diags.error_count();
    if raw.year != file_year {
        diags.push(
            src.error_at(
                &ypath!["year"],
                format!("`year: {}` does not match the file name `{name}`", raw.year),
            )
            .help(format!(
                "write `year: {file_year}`, or rename the file to `{}.yaml`",
                raw.year
            )),
        );
    }
    let v = Validator {
        src,
        config,
        default: config.default_lang(),
    };
    let mut missing = MissingTranslations::default();
    if let Some(t) = &raw.title {
        v.tr(
            &mut missing,
            t,
            &ypath!["title"],
            "the year's title".into(),
            diags,
        );
    }
    if let Some(t) = &raw.summary {
        v.tr(
            &mut missing,
            t,
            &ypath!["summary"],
            "the year's summary".into(),
            diags,
        );
    }

    v.unique_ids(
        "plans",
        raw.plans.iter().map(|p| p.id.as_str()),
        "plan",
        diags,
    );
    v.unique_ids(
        "groups",
        raw.groups.iter().map(|g| g.id.as_str()),
        "group",
        diags,
    );
    v.unique_ids(
        "goals",
        raw.goals.iter().map(|g| g.id.as_str()),
        "goal",
        diags,
    );
    v.unique_ids(
        "tasks",
        raw.tasks.iter().map(|t| t.id.as_str()),
        "task",
        diags,
    );
    v.unique_ids(
        "indicators",
        raw.indicators.iter().map(|i| i.id.as_str()),
        "indicator",
        diags,
    );

    let plans: Vec<Plan> = raw
        .plans
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            if let Some(t) = &p.title {
                v.tr(
                    &mut missing,
                    t,
                    &ypath!["plans", i, "title"],
                    format!("the title of plan `{}`", p.id),
                    diags,
                );
            }
            Plan {
                date: v.date(p.date.as_deref(), &ypath!["plans", i, "date"], diags),
                id: p.id,
                title: p.title,
            }
        })
        .collect();
    let groups: Vec<Group> = raw
        .groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            v.tr(
                &mut missing,
                &g.name,
                &ypath!["groups", i, "name"],
                format!("the name of group `{}`", g.id),
                diags,
            );
            Group {
                id: g.id,
                name: g.name,
            }
        })
        .collect();
    let plan_ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
    let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();

    let mut goals = Vec::new();
    for (i, g) in raw.goals.into_iter().enumerate() {
        v.tr(
            &mut missing,
            &g.title,
            &ypath!["goals", i, "title"],
            format!("the title of goal `{}`", g.id),
            diags,
        );
        if let Some(u) = &g.unit {
            v.tr(
                &mut missing,
                u,
                &ypath!["goals", i, "unit"],
                format!("the unit of goal `{}`", g.id),
                diags,
            );
        }
        if let Some(n) = &g.note {
            v.tr(
                &mut missing,
                n,
                &ypath!["goals", i, "note"],
                format!("the note of goal `{}`", g.id),
                diags,
            );
        }
        v.reference(
            "goals",
            i,
            "group",
            g.group.as_deref(),
            &group_ids,
            "goal",
            &g.id,
            diags,
        );
        v.reference(
            "goals",
            i,
            "plan",
            g.plan.as_deref(),
            &plan_ids,
            "goal",
            &g.id,
            diags,
        );
        let Some(rule) = v.rule(i, &g, diags) else {
            continue;
        };
        let completion = match rule.completion() {
            Ok(c) => c,
            Err(e) => {
                let (field, msg, help) = match e {
                    CompletionError::ZeroTarget => (
                        "target",
                        format!("goal `{}` has `target: 0`, so its completion would divide by zero", g.id),
                        "give the real target; for a goal that must fall to 0, add `baseline:` (the starting value)",
                    ),
                    CompletionError::TargetEqualsBaseline => (
                        "target",
                        format!("goal `{}` has the same `target` and `baseline`, so its completion would divide by zero", g.id),
                        "the baseline is the starting value and the target the promised one: they must differ",
                    ),
                    CompletionError::NotFinite => (
                        if g.progress.is_some() { "progress" } else { "actual" },
                        format!("goal `{}` has a completion that is not a finite number", g.id),
                        "use ordinary numbers, not `.inf` or `.nan`",
                    ),
                };
                diags.push(src.error_at(&ypath!["goals", i, field], msg).help(help));
                continue;
            }
        };
        goals.push(Goal {
            id: g.id,
            title: g.title,
            group: g.group,
            plan: g.plan,
            rule,
            completion,
            bucket: Bucket::of(completion),
            unit: g.unit,
            note: g.note.map(|n| no_raw_html(n, config)),
        });
    }

    let mut tasks = Vec::new();
    for (i, t) in raw.tasks.into_iter().enumerate() {
        v.tr(
            &mut missing,
            &t.title,
            &ypath!["tasks", i, "title"],
            format!("the title of task `{}`", t.id),
            diags,
        );
        if let Some(o) = &t.owner {
            v.tr(
                &mut missing,
                o,
                &ypath!["tasks", i, "owner"],
                format!("the owner of task `{}`", t.id),
                diags,
            );
        }
        v.reference(
            "tasks",
            i,
            "group",
            t.group.as_deref(),
            &group_ids,
            "task",
            &t.id,
            diags,
        );
        v.reference(
            "tasks",
            i,
            "plan",
            t.plan.as_deref(),
            &plan_ids,
            "task",
            &t.id,
            diags,
        );
        let due = v.date(t.due.as_deref(), &ypath!["tasks", i, "due"], diags);
        tasks.push(Task {
            id: t.id,
            title: t.title,
            status: t.status,
            group: t.group,
            plan: t.plan,
            owner: t.owner,
            due,
        });
    }

    let mut indicators = Vec::new();
    for (i, ind) in raw.indicators.into_iter().enumerate() {
        v.tr(
            &mut missing,
            &ind.name,
            &ypath!["indicators", i, "name"],
            format!("the name of indicator `{}`", ind.id),
            diags,
        );
        for (field, val) in [("value", ind.value), ("out_of", ind.out_of)] {
            if val.is_some_and(|x| !x.is_finite()) {
                diags.push(
                    src.error_at(
                        &ypath!["indicators", i, field],
                        format!(
                            "indicator `{}` has a `{field}` that is not a number",
                            ind.id
                        ),
                    )
                    .help("write a plain number, or `null` where it was not measured"),
                );
            }
        }
        if ind.out_of.is_some_and(|o| o <= 0.0) {
            diags.push(
                src.error_at(&ypath!["indicators", i, "out_of"], format!("indicator `{}` has `out_of` ≤ 0", ind.id))
                    .help("`out_of` is the size of the scale, such as 63 provinces; remove it if there is none"),
            );
        }
        indicators.push(Indicator {
            id: ind.id,
            name: ind.name,
            value: ind.value,
            out_of: ind.out_of,
            better: ind.better,
        });
    }
    missing.finish(src, &config.languages, diags);
    if diags.error_count() > errors_before {
        return None;
    }
    let summary = YearSummary::compute(&goals, &tasks, &plans, &groups);
    Some(Year {
        year: file_year,
        title: raw.title,
        summary_md: raw.summary.map(|s| no_raw_html(s, config)),
        plans,
        groups,
        goals,
        tasks,
        indicators,
        summary,
        source: src.path.clone(),
    })
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

struct Validator<'a> {
    src: &'a SourceText,
    config: &'a SiteConfig,
    default: &'a str,
}

impl Validator<'_> {
    fn tr(
        &self,
        missing: &mut MissingTranslations,
        value: &Localized,
        at: &[Seg],
        what: String,
        diags: &mut Diagnostics,
    ) {
        missing.check(
            self.src,
            &self.config.languages,
            self.default,
            value,
            at,
            what,
            diags,
        );
    }

    fn unique_ids<'b>(
        &self,
        list: &str,
        ids: impl Iterator<Item = &'b str>,
        what: &str,
        diags: &mut Diagnostics,
    ) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                diags.push(
                    self.src
                        .error_at(
                            &ypath![list, i, "id"],
                            format!("a {what} has an empty `id`"),
                        )
                        .help(format!("give each {what} a short unique id")),
                );
                continue;
            }
            if matches!(id, "null" | "Null" | "NULL" | "~")
                && crate::yaml::is_bare_null(&self.src.text, &ypath![list, i, "id"])
            {
                diags.push(
                    self.src
                        .error_at(
                            &ypath![list, i, "id"],
                            format!("`id: {id}` means no id in YAML"),
                        )
                        .help(format!("give each {what} a short unique id such as `G05`; to use the word itself, put it in double quotes")),
                );
                continue;
            }
            if let Some(&first) = seen.get(id) {
                let first_line =
                    crate::yaml::locate(&self.src.text, &ypath![list, first, "id"]).map(|(l, _)| l);
                let where_first = first_line
                    .map(|l| format!(" (first used on line {l})"))
                    .unwrap_or_default();
                diags.push(
                    self.src
                        .error_at(
                            &ypath![list, i, "id"],
                            format!("duplicate {what} id `{id}`{where_first}"),
                        )
                        .help(format!("give each {what} its own id within the year")),
                );
            } else {
                seen.insert(id, i);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn reference(
        &self,
        list: &str,
        i: usize,
        field: &str,
        value: Option<&str>,
        defined: &[&str],
        what: &str,
        id: &str,
        diags: &mut Diagnostics,
    ) {
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
        diags.push(
            self.src
                .error_at(
                    &ypath![list, i, field],
                    format!(
                        "{what} `{id}` names {field} `{value}`, which is not defined in this year"
                    ),
                )
                .help(help),
        );
    }

    fn date(&self, value: Option<&str>, at: &[Seg], diags: &mut Diagnostics) -> Option<Date> {
        let value = value?;
        match Date::parse(value.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                diags.push(
                    self.src
                        .error_at(at, format!("bad date: {why}"))
                        .help("write dates as YYYY-MM-DD, such as `2023-12-31`"),
                );
                None
            }
        }
    }

    fn rule(&self, i: usize, g: &GoalRaw, diags: &mut Diagnostics) -> Option<Rule> {
        let at = |f: &str| ypath!["goals", i, f];
        let id = &g.id;
        match (g.progress, g.target, g.actual) {
            (Some(p), None, None) => {
                if g.baseline.is_some() {
                    diags.push(self.src.error_at(&at("baseline"), format!("goal `{id}` has `baseline` with `progress`")).help("`baseline` goes with `target` and `actual`; remove it or replace `progress` by `target` and `actual`"));
                    return None;
                }
                Some(Rule::Progress(p))
            }
            (None, Some(target), Some(actual)) => Some(Rule::Target {
                target,
                actual,
                baseline: g.baseline,
            }),
            (None, None, None) => {
                diags.push(
                    self.src
                        .error_at(&ypath!["goals", i, "id"], format!("goal `{id}` has no completion rule"))
                        .help("add `progress: <percent>`, or `target:` and `actual:` (with `baseline:` for a goal measured from a starting value)"),
                );
                None
            }
            (Some(_), _, _) => {
                let f = if g.target.is_some() {
                    "target"
                } else {
                    "actual"
                };
                diags.push(
                    self.src
                        .error_at(&at(f), format!("goal `{id}` has both `progress` and `{f}`"))
                        .help("use either `progress`, or `target` and `actual`, not both"),
                );
                None
            }
            (None, Some(_), None) => {
                diags.push(
                    self.src
                        .error_at(
                            &at("target"),
                            format!("goal `{id}` has `target` but no `actual`"),
                        )
                        .help("add `actual: <value reached>` (0 if nothing yet)"),
                );
                None
            }
            (None, None, Some(_)) => {
                diags.push(
                    self.src
                        .error_at(
                            &at("actual"),
                            format!("goal `{id}` has `actual` but no `target`"),
                        )
                        .help("add `target: <promised value>`"),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn cfg() -> SiteConfig {
        SiteConfig {
            title: Localized::plain("t"),
            description: None,
            base_url: String::new(),
            languages: vec!["vi".into(), "en".into()],
            theme: "default".into(),
            organisation: None,
            raw_html: true,
        }
    }

    fn parse(text: &str) -> (Option<Year>, Diagnostics) {
        let src = SourceText {
            path: PathBuf::from("content/years/2023.yaml"),
            text: text.to_string(),
        };
        let mut d = Diagnostics::new();
        let y = parse_year(&src, &cfg(), &mut d);
        (y, d)
    }

    fn first_error(d: &Diagnostics) -> &Diagnostic {
        d.iter().find(|x| x.is_error()).expect("an error")
    }

    #[test]
    fn counts_come_from_records() {
        let (y, d) = parse(
            "year: 2023\ngoals:\n  - {id: a, title: {vi: a, en: a}, progress: 100}\n  - {id: b, title: {vi: b, en: b}, target: 10, actual: 7}\ntasks:\n  - {id: t, title: {vi: t, en: t}, status: in_progress}\n",
        );
        assert!(!d.has_errors(), "{d:?}");
        let y = y.unwrap();
        assert_eq!(
            (y.summary.goals.completed, y.summary.goals.between_50_70),
            (1, 1)
        );
        assert_eq!(y.summary.tasks.in_progress, 1);
    }

    #[test]
    fn undefined_group_is_placed_on_its_line() {
        let (_, d) = parse("year: 2023\ngroups:\n  - {id: dgov, name: x}\ngoals:\n  - id: G1\n    title: x\n    group: dgv\n    progress: 5\n");
        let e = first_error(&d);
        assert_eq!(e.line(), Some(7));
        assert!(e.help.as_deref().unwrap().contains("did you mean `dgov`"));
    }

    #[test]
    fn duplicate_ids_and_zero_denominators() {
        let (_, d) = parse("year: 2023\ngoals:\n  - {id: G1, title: x, progress: 5}\n  - {id: G1, title: y, target: 0, actual: 3}\n");
        let msgs: Vec<_> = d
            .iter()
            .filter(|x| x.is_error())
            .map(|x| (x.line(), x.message.clone()))
            .collect();
        assert!(
            msgs.iter().any(|(l, m)| *l == Some(4)
                && m.contains("duplicate goal id `G1` (first used on line 3)")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|(_, m)| m.contains("divide by zero")),
            "{msgs:?}"
        );
    }

    #[test]
    fn year_must_match_file_name() {
        let (_, d) = parse("year: 2024\n");
        assert!(first_error(&d).message.contains("does not match"));
    }

    #[test]
    fn missing_rule_and_half_rules() {
        let (_, d) =
            parse("year: 2023\ngoals:\n  - {id: A, title: x}\n  - {id: B, title: x, target: 5}\n");
        let msgs: Vec<_> = d.iter().map(|x| x.message.clone()).collect();
        assert!(msgs.iter().any(|m| m.contains("no completion rule")));
        assert!(msgs.iter().any(|m| m.contains("`target` but no `actual`")));
    }

    #[test]
    fn missing_translations_are_one_warning_per_file() {
        let (y, d) = parse("year: 2023\ngoals:\n  - {id: A, title: chỉ tiếng Việt, progress: 5}\n  - {id: B, title: {vi: b}, progress: 5}\n");
        assert!(y.is_some());
        let w: Vec<_> = d.iter().filter(|x| !x.is_error()).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("and 1 more"), "{}", w[0].message);
        assert_eq!(w[0].line(), Some(3));
    }

    #[test]
    fn bad_status_suggests_the_right_one() {
        let (_, d) =
            parse("year: 2023\ntasks:\n  - id: T1\n    title: x\n    status: in-progress\n");
        let e = first_error(&d);
        assert_eq!(e.line(), Some(5));
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .contains("did you mean `in_progress`"),
            "{e:?}"
        );
    }
}
