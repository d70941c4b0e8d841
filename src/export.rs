//! The open-data files of a year: `data.json`, `goals.csv`, `tasks.csv` (UTF-8 with BOM). Pure:
//! each function returns the bytes. The `summary` object is also what the `figure` shortcode
//! reads, so an article and the data files can never disagree.

use crate::model::{Localized, Site, Year};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// The `summary` object of a year: counts by bucket, status, plan and group, and indicators.
pub fn summary_value(site: &Site, year: &Year) -> Value {
    let s = &year.summary;
    let mut plans = Map::new();
    for p in &s.plans {
        plans.insert(
            p.id.clone(),
            json!({"goals": p.goals, "completed": p.completed, "tasks": p.tasks}),
        );
    }
    plans.insert("count".into(), json!(s.plans.len()));
    let mut groups = Map::new();
    for g in &s.groups {
        groups.insert(
            g.id.clone(),
            json!({"goals": g.goals, "completed": g.completed, "tasks": g.tasks}),
        );
    }
    groups.insert("count".into(), json!(s.groups.len()));
    let mut indicators = Map::new();
    for ind in &year.indicators {
        let change = site.indicator_change(year.year, &ind.id);
        indicators.insert(
            ind.id.clone(),
            json!({
                "value": ind.value,
                "out_of": ind.out_of,
                "change": change.as_ref().map(|c| c.improvement),
                "previous_year": change.as_ref().map(|c| c.previous_year),
                "previous_value": change.as_ref().map(|c| c.previous_value),
            }),
        );
    }
    json!({
        "goals": {
            "total": s.goals.total,
            "completed": s.goals.completed,
            "above_70": s.goals.above_70,
            "between_50_70": s.goals.between_50_70,
            "below_50": s.goals.below_50,
        },
        "tasks": {
            "total": s.tasks.total,
            "done": s.tasks.done,
            "in_progress": s.tasks.in_progress,
            "not_started": s.tasks.not_started,
        },
        "plans": plans,
        "groups": groups,
        "indicators": indicators,
    })
}

/// Looks a dotted key (`plans.09-KH/BCĐCĐS.goals`) up in a summary. Ids may contain dots: at
/// each level the longest matching key wins.
pub fn lookup<'a>(summary: &'a Value, key: &str) -> Option<&'a Value> {
    let parts: Vec<&str> = key.split('.').collect();
    let mut cur = summary;
    let mut i = 0;
    while i < parts.len() {
        let obj = cur.as_object()?;
        let mut found = None;
        for j in (i + 1..=parts.len()).rev() {
            if let Some(v) = obj.get(&parts[i..j].join(".")) {
                found = Some((v, j));
                break;
            }
        }
        let (v, j) = found?;
        cur = v;
        i = j;
    }
    Some(cur)
}

/// Every key of a summary that leads to a number, for "did you mean" hints.
pub fn number_keys(summary: &Value) -> Vec<String> {
    fn walk(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(v, &p, out);
                }
            }
            Value::Number(_) => out.push(prefix.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(summary, "", &mut out);
    out
}

fn text(l: &Localized, lang: &str, default: &str) -> String {
    l.resolve(lang, default).0.to_string()
}

#[derive(Serialize)]
struct DataJson {
    year: i32,
    language: String,
    title: Option<String>,
    summary: Value,
    plans: Vec<PlanData>,
    groups: Vec<GroupData>,
    goals: Vec<GoalData>,
    tasks: Vec<TaskData>,
    indicators: Vec<IndicatorData>,
}

#[derive(Serialize)]
struct PlanData {
    id: String,
    date: Option<String>,
    title: Option<String>,
}

#[derive(Serialize)]
struct GroupData {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct GoalData {
    id: String,
    title: String,
    completion: f64,
    bucket: &'static str,
    group: Option<String>,
    plan: Option<String>,
    progress: Option<f64>,
    target: Option<f64>,
    actual: Option<f64>,
    baseline: Option<f64>,
    unit: Option<String>,
}

#[derive(Serialize)]
struct TaskData {
    id: String,
    title: String,
    status: &'static str,
    group: Option<String>,
    plan: Option<String>,
    owner: Option<String>,
    due: Option<String>,
}

#[derive(Serialize)]
struct IndicatorData {
    id: String,
    name: String,
    value: Option<f64>,
    out_of: Option<f64>,
    better: &'static str,
}

/// `data.json` of a year, texts in `lang`.
pub fn data_json(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    let d = site.config.default_lang();
    let data = DataJson {
        year: year.year,
        language: lang.to_string(),
        title: year.title.as_ref().map(|t| text(t, lang, d)),
        summary: summary_value(site, year),
        plans: year
            .plans
            .iter()
            .map(|p| PlanData {
                id: p.id.clone(),
                date: p.date.map(|x| x.to_string()),
                title: p.title.as_ref().map(|t| text(t, lang, d)),
            })
            .collect(),
        groups: year
            .groups
            .iter()
            .map(|g| GroupData {
                id: g.id.clone(),
                name: text(&g.name, lang, d),
            })
            .collect(),
        goals: year
            .goals
            .iter()
            .map(|g| {
                let (progress, target, actual, baseline) = g.rule.parts();
                GoalData {
                    id: g.id.clone(),
                    title: text(&g.title, lang, d),
                    completion: g.completion,
                    bucket: g.bucket.key(),
                    group: g.group.clone(),
                    plan: g.plan.clone(),
                    progress,
                    target,
                    actual,
                    baseline,
                    unit: g.unit.as_ref().map(|u| text(u, lang, d)),
                }
            })
            .collect(),
        tasks: year
            .tasks
            .iter()
            .map(|t| TaskData {
                id: t.id.clone(),
                title: text(&t.title, lang, d),
                status: t.status.key(),
                group: t.group.clone(),
                plan: t.plan.clone(),
                owner: t.owner.as_ref().map(|o| text(o, lang, d)),
                due: t.due.map(|x| x.to_string()),
            })
            .collect(),
        indicators: year
            .indicators
            .iter()
            .map(|i| IndicatorData {
                id: i.id.clone(),
                name: text(&i.name, lang, d),
                value: i.value,
                out_of: i.out_of,
                better: match i.better {
                    crate::model::Better::Lower => "lower",
                    crate::model::Better::Higher => "higher",
                },
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&data).unwrap_or_default();
    out.push(b'\n');
    out
}

/// A CSV cell.
enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(o: Option<String>) -> Self {
        o.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

impl From<Option<f64>> for Cell {
    fn from(o: Option<f64>) -> Self {
        o.map(Cell::Num).unwrap_or(Cell::Empty)
    }
}

/// Writes one CSV field: text that a spreadsheet would run as a formula gets a leading `'`;
/// fields with separators, quotes or line breaks are quoted.
fn push_cell(out: &mut String, cell: &Cell) {
    let s = match cell {
        Cell::Empty => return,
        Cell::Num(n) => {
            out.push_str(&format_num(*n));
            return;
        }
        Cell::Text(s) => s,
    };
    let mut s = s.clone();
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&s);
    }
}

fn format_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn csv(header: &[&str], rows: Vec<Vec<Cell>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, c);
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// `goals.csv` of a year, texts in `lang`.
pub fn goals_csv(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    let d = site.config.default_lang();
    let rows = year
        .goals
        .iter()
        .map(|g| {
            let (progress, target, actual, baseline) = g.rule.parts();
            let group_name = g
                .group
                .as_deref()
                .and_then(|id| year.group(id))
                .map(|gr| text(&gr.name, lang, d));
            vec![
                Cell::Text(g.id.clone()),
                Cell::Text(text(&g.title, lang, d)),
                Cell::Num(g.completion),
                Cell::Text(g.bucket.key().to_string()),
                g.group.clone().into(),
                group_name.into(),
                g.plan.clone().into(),
                progress.into(),
                target.into(),
                actual.into(),
                baseline.into(),
                g.unit.as_ref().map(|u| text(u, lang, d)).into(),
            ]
        })
        .collect();
    csv(
        &[
            "id",
            "title",
            "completion",
            "bucket",
            "group",
            "group_name",
            "plan",
            "progress",
            "target",
            "actual",
            "baseline",
            "unit",
        ],
        rows,
    )
}

/// `tasks.csv` of a year, texts in `lang`.
pub fn tasks_csv(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    let d = site.config.default_lang();
    let rows = year
        .tasks
        .iter()
        .map(|t| {
            let group_name = t
                .group
                .as_deref()
                .and_then(|id| year.group(id))
                .map(|gr| text(&gr.name, lang, d));
            vec![
                Cell::Text(t.id.clone()),
                Cell::Text(text(&t.title, lang, d)),
                Cell::Text(t.status.key().to_string()),
                t.group.clone().into(),
                group_name.into(),
                t.plan.clone().into(),
                t.owner.as_ref().map(|o| text(o, lang, d)).into(),
                t.due.map(|x| x.to_string()).into(),
            ]
        })
        .collect();
    csv(
        &[
            "id",
            "title",
            "status",
            "group",
            "group_name",
            "plan",
            "owner",
            "due",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_neutralises_formulas_and_quotes() {
        let out = csv(
            &["a", "b", "c"],
            vec![
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Num(-5.0),
                    Cell::Text("a, b\nc".into()),
                ],
                vec![
                    Cell::Text("@SUM".into()),
                    Cell::Empty,
                    Cell::Text("+1".into()),
                ],
            ],
        );
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("\u{feff}a,b,c\r\n"));
        assert!(
            s.contains("\"'=HYPERLINK(\"\"x\"\")\",-5,\"a, b\nc\"\r\n"),
            "{s:?}"
        );
        assert!(s.contains("'@SUM,,'+1\r\n"), "{s:?}");
    }

    #[test]
    fn lookup_handles_ids_with_dots_and_slashes() {
        let v = json!({"plans": {"09-KH/BCĐCĐS": {"goals": 23}, "v1.2": {"tasks": 4}, "count": 2}});
        assert_eq!(lookup(&v, "plans.09-KH/BCĐCĐS.goals"), Some(&json!(23)));
        assert_eq!(lookup(&v, "plans.v1.2.tasks"), Some(&json!(4)));
        assert_eq!(lookup(&v, "plans.count"), Some(&json!(2)));
        assert_eq!(lookup(&v, "plans.nope"), None);
        assert!(number_keys(&v).contains(&"plans.v1.2.tasks".to_string()));
    }

    /// A goal of a generated year: title, and progress or target/actual(/baseline).
    type GoalSpec = (String, Option<f64>, (f64, f64, Option<f64>));

    fn yaml_year(goals: &[GoalSpec], statuses: &[usize]) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut y = String::from("year: 2023\ngroups:\n  - {id: g, name: Nhóm}\ngoals:\n");
        for (i, (title, progress, (target, actual, baseline))) in goals.iter().enumerate() {
            y.push_str(&format!(
                "  - id: G{i}\n    title: {{vi: {}, en: {}}}\n",
                q(title),
                q(&title.to_uppercase())
            ));
            if i % 2 == 0 {
                y.push_str("    group: g\n");
            }
            match progress {
                Some(p) => y.push_str(&format!("    progress: {p:?}\n")),
                None => {
                    y.push_str(&format!("    target: {target:?}\n    actual: {actual:?}\n"));
                    if let Some(b) = baseline {
                        y.push_str(&format!("    baseline: {b:?}\n"));
                    }
                }
            }
        }
        y.push_str(if statuses.is_empty() {
            "tasks: []\n"
        } else {
            "tasks:\n"
        });
        for (i, s) in statuses.iter().enumerate() {
            let status = ["done", "in_progress", "not_started"][s % 3];
            y.push_str(&format!(
                "  - {{id: T{i}, title: \"Việc {i}\", status: {status}}}\n"
            ));
        }
        y
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// `data.json`, parsed back, says what the model says: ids, completions, buckets,
        /// statuses and every count of the summary.
        #[test]
        fn data_json_round_trips_the_model(
            goals in proptest::collection::vec(
                (
                    "\\PC{1,16}",
                    proptest::option::of(-50.0f64..250.0),
                    (1.0f64..1000.0, -100.0f64..2000.0, proptest::option::of(-500.0f64..-1.0)),
                ),
                0..12,
            ),
            statuses in proptest::collection::vec(0usize..3, 0..12),
        ) {
            let text = yaml_year(&goals, &statuses);
            let config = crate::fuzzing::config(true);
            let (year, diags) = crate::fuzzing::year_from_text(&text, &config);
            proptest::prop_assert!(!diags.has_errors(), "{text}\n{diags:?}");
            let year = year.expect("the year loads");
            let site = Site { config, years: vec![year], news: vec![], pages: vec![], static_files: vec![] };
            let year = &site.years[0];
            for lang in ["vi", "en"] {
                let v: Value = serde_json::from_slice(&data_json(&site, year, lang)).expect("JSON");
                let jg = v["goals"].as_array().expect("goals");
                proptest::prop_assert_eq!(jg.len(), year.goals.len());
                for (g, j) in year.goals.iter().zip(jg) {
                    proptest::prop_assert_eq!(j["id"].as_str(), Some(g.id.as_str()));
                    proptest::prop_assert_eq!(j["completion"].as_f64(), Some(g.completion));
                    proptest::prop_assert_eq!(j["bucket"].as_str(), Some(g.bucket.key()));
                    proptest::prop_assert_eq!(j["title"].as_str(), Some(text_of(&g.title, lang)));
                    proptest::prop_assert_eq!(j["group"].as_str(), g.group.as_deref());
                }
                let jt = v["tasks"].as_array().expect("tasks");
                proptest::prop_assert_eq!(jt.len(), year.tasks.len());
                for (t, j) in year.tasks.iter().zip(jt) {
                    proptest::prop_assert_eq!(j["id"].as_str(), Some(t.id.as_str()));
                    proptest::prop_assert_eq!(j["status"].as_str(), Some(t.status.key()));
                }
                let s = &v["summary"];
                let count = |b: crate::model::Bucket| year.goals.iter().filter(|g| g.bucket == b).count() as u64;
                use crate::model::Bucket::*;
                proptest::prop_assert_eq!(s["goals"]["total"].as_u64(), Some(year.goals.len() as u64));
                proptest::prop_assert_eq!(s["goals"]["completed"].as_u64(), Some(count(Completed)));
                proptest::prop_assert_eq!(s["goals"]["above_70"].as_u64(), Some(count(Above70)));
                proptest::prop_assert_eq!(s["goals"]["between_50_70"].as_u64(), Some(count(Between50And70)));
                proptest::prop_assert_eq!(s["goals"]["below_50"].as_u64(), Some(count(Below50)));
                let tasks = |k: &str| statuses.iter().filter(|s| ["done", "in_progress", "not_started"][**s % 3] == k).count() as u64;
                proptest::prop_assert_eq!(s["tasks"]["total"].as_u64(), Some(statuses.len() as u64));
                for k in ["done", "in_progress", "not_started"] {
                    proptest::prop_assert_eq!(s["tasks"][k].as_u64(), Some(tasks(k)));
                }
                let in_group = year.goals.iter().filter(|g| g.group.is_some()).count() as u64;
                proptest::prop_assert_eq!(s["groups"]["g"]["goals"].as_u64(), Some(in_group));
            }
        }
    }

    fn text_of<'a>(l: &'a Localized, lang: &str) -> &'a str {
        l.resolve(lang, "vi").0
    }
}
