//! The open-data files of a year: `data.json`, `goals.csv`, `tasks.csv` (UTF-8 with BOM), for
//! the year and for each of its reviews (the year as it stood then), and the year as a workbook
//! (`xlsx/`, `<year>.xlsx`). Pure: each function returns the bytes. The `summary` object
//! (`summary.rs`) is also what the `figure` shortcode reads, so an article and the data files
//! can never disagree; the CSV files are written by `csv_files.rs`; `state.rs` says what each
//! goal and task shows in the year's files and in a review's.

mod csv_files;
mod state;
mod summary;
pub mod xlsx;

pub use csv_files::{goals_csv, review_goals_csv, review_tasks_csv, tasks_csv};
pub use state::At;
pub use summary::{ReviewFigures, Summary};

use crate::model::{Group, Indicator, Localized, Plan, Review, Site, Year};
use serde::Serialize;
use serde_json::Value;
use state::{GoalState, TaskState};

/// The `summary` object of a year as JSON, for looking figures up by key.
pub fn summary_value(site: &Site, year: &Year) -> Value {
    // Plain structs, string keys and numbers: serialising into a `Value` cannot fail.
    serde_json::to_value(Summary::of(site, year)).unwrap_or_default()
}

/// The `summary` object of review `r` of a year as JSON (`None` if there is no such review):
/// the keys of the year's, with `goals.not_assessed` and `tasks.not_assessed`.
pub fn review_summary_value(year: &Year, r: usize) -> Option<Value> {
    Summary::at_review(year, r).map(|s| serde_json::to_value(s).unwrap_or_default())
}

/// Looks a dotted key (`plans.09-KH/BCĐCĐS.goals`) up in a summary. Ids may contain dots: at
/// each level the longest matching key wins. Candidates are slices of `key`, so a key of a
/// million dots costs a million look-ups, not a million joins of a million parts.
pub fn lookup<'a>(summary: &'a Value, key: &str) -> Option<&'a Value> {
    let mut cur = summary;
    let mut rest = key;
    loop {
        let obj = cur.as_object()?;
        // Where a key may end: before each dot, or at the end; the longest first.
        let mut ends: Vec<usize> = rest.match_indices('.').map(|(i, _)| i).collect();
        ends.push(rest.len());
        let (v, end) = ends
            .iter()
            .rev()
            .find_map(|&e| obj.get(rest.get(..e)?).map(|v| (v, e)))?;
        cur = v;
        if end == rest.len() {
            return Some(cur);
        }
        // `end` is a dot's position: the rest starts after it.
        rest = rest.get(end + 1..)?;
    }
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

/// Texts of the model in one language, falling back to the default one.
#[derive(Debug, Clone, Copy)]
struct Texts<'a> {
    lang: &'a str,
    default: &'a str,
}

impl<'a> Texts<'a> {
    fn new(site: &'a Site, lang: &'a str) -> Self {
        Texts {
            lang,
            default: site.config.default_lang(),
        }
    }

    fn of(&self, l: &Localized) -> String {
        l.resolve(self.lang, self.default).0.to_string()
    }

    fn of_opt(&self, l: Option<&Localized>) -> Option<String> {
        l.map(|l| self.of(l))
    }
}

// ---------------------------------------------------------------------------------------------
// data.json

#[derive(Serialize)]
struct DataJson {
    year: i32,
    language: String,
    title: Option<String>,
    /// In a review's file: which review.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<ReviewData>,
    summary: Summary,
    #[serde(flatten)]
    records: Records,
    indicators: Vec<IndicatorData>,
    /// In the year's file of a year with reviews: each review with its counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    reviews: Option<Vec<ReviewData>>,
}

/// The plans, groups, goals and tasks of a year in one state.
#[derive(Serialize)]
struct Records {
    plans: Vec<PlanData>,
    groups: Vec<GroupData>,
    goals: Vec<GoalData>,
    tasks: Vec<TaskData>,
}

#[derive(Serialize)]
struct ReviewData {
    id: String,
    slug: String,
    date: String,
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<ReviewFigures>,
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
    completion: Option<f64>,
    bucket: Option<&'static str>,
    group: Option<String>,
    plan: Option<String>,
    progress: Option<f64>,
    target: Option<f64>,
    actual: Option<f64>,
    baseline: Option<f64>,
    unit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<GoalHistoryData>>,
}

#[derive(Serialize)]
struct GoalHistoryData {
    review: String,
    completion: f64,
}

#[derive(Serialize)]
struct TaskData {
    id: String,
    title: String,
    status: Option<&'static str>,
    group: Option<String>,
    plan: Option<String>,
    owner: Option<String>,
    due: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<TaskHistoryData>>,
}

#[derive(Serialize)]
struct TaskHistoryData {
    review: String,
    status: &'static str,
}

#[derive(Serialize)]
struct IndicatorData {
    id: String,
    name: String,
    value: Option<f64>,
    out_of: Option<f64>,
    better: &'static str,
}

/// `data.json` of a year, texts in `lang`. A year with reviews adds `reviews` (each with its
/// counts) and each goal's and task's `history`.
pub fn data_json(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    let t = Texts::new(site, lang);
    let reviews = (!year.reviews.is_empty()).then(|| {
        let with_figures = |r: &Review| ReviewData::of(r, Some(ReviewFigures::of(r)), t);
        year.reviews.iter().map(with_figures).collect()
    });
    let data = DataJson {
        year: year.year,
        language: lang.to_string(),
        title: t.of_opt(year.title.as_ref()),
        review: None,
        summary: Summary::of(site, year),
        records: Records::of(year, At::Year, t),
        indicators: year
            .indicators
            .iter()
            .map(|i| IndicatorData::of(i, t))
            .collect(),
        reviews,
    };
    to_json(&data)
}

/// `data.json` of review `r` of a year (`None` if there is no such review): the year as it
/// stood then, in the shape of the year's file. Goals and tasks whose plan came later are left
/// out; those not assessed have `null` for their completion, bucket, measured value and status.
/// Its `summary` adds `not_assessed`; `indicators` is empty (they are the year's results).
pub fn review_data_json(site: &Site, year: &Year, r: usize, lang: &str) -> Option<Vec<u8>> {
    let review = year.reviews.get(r)?;
    let t = Texts::new(site, lang);
    let data = DataJson {
        year: year.year,
        language: lang.to_string(),
        title: t.of_opt(year.title.as_ref()),
        review: Some(ReviewData::of(review, None, t)),
        summary: Summary::at_review(year, r)?,
        records: Records::of(year, At::Review(r), t),
        indicators: Vec::new(),
        reviews: None,
    };
    Some(to_json(&data))
}

fn to_json(data: &DataJson) -> Vec<u8> {
    // Plain structs with string keys: serialising into a `Vec` cannot fail.
    let mut out = serde_json::to_vec_pretty(data).unwrap_or_default();
    out.push(b'\n');
    out
}

impl Records {
    /// The plans, groups, goals and tasks of `year` in state `at`.
    fn of(year: &Year, at: At, t: Texts<'_>) -> Self {
        let review_id = |r: usize| {
            year.reviews
                .get(r)
                .map(|x| x.id.clone())
                .unwrap_or_default()
        };
        Records {
            plans: state::plans(year, at)
                .into_iter()
                .map(|p| PlanData::of(p, t))
                .collect(),
            groups: year.groups.iter().map(|g| GroupData::of(g, t)).collect(),
            goals: state::goals(year, at)
                .iter()
                .map(|g| GoalData::of(g, t, &review_id))
                .collect(),
            tasks: state::tasks(year, at)
                .iter()
                .map(|x| TaskData::of(x, t, &review_id))
                .collect(),
        }
    }
}

impl ReviewData {
    fn of(r: &Review, summary: Option<ReviewFigures>, t: Texts<'_>) -> Self {
        ReviewData {
            id: r.id.clone(),
            slug: r.slug.clone(),
            date: r.date.to_string(),
            title: t.of_opt(r.title.as_ref()),
            summary,
        }
    }
}

impl PlanData {
    fn of(p: &Plan, t: Texts<'_>) -> Self {
        PlanData {
            id: p.id.clone(),
            date: p.date.map(|x| x.to_string()),
            title: t.of_opt(p.title.as_ref()),
        }
    }
}

impl GroupData {
    fn of(g: &Group, t: Texts<'_>) -> Self {
        GroupData {
            id: g.id.clone(),
            name: t.of(&g.name),
        }
    }
}

impl GoalData {
    fn of(s: &GoalState<'_>, t: Texts<'_>, review_id: &dyn Fn(usize) -> String) -> Self {
        let g = s.goal;
        let (progress, target, actual, baseline) = s.parts;
        GoalData {
            id: g.id.clone(),
            title: t.of(&g.title),
            completion: s.completion,
            bucket: s.bucket.map(|b| b.key()),
            group: g.group.clone(),
            plan: g.plan.clone(),
            progress,
            target,
            actual,
            baseline,
            unit: t.of_opt(g.unit.as_ref()),
            history: s.history.as_ref().map(|h| {
                h.iter()
                    .map(|&(r, completion)| GoalHistoryData {
                        review: review_id(r),
                        completion,
                    })
                    .collect()
            }),
        }
    }
}

impl TaskData {
    fn of(s: &TaskState<'_>, t: Texts<'_>, review_id: &dyn Fn(usize) -> String) -> Self {
        let x = s.task;
        TaskData {
            id: x.id.clone(),
            title: t.of(&x.title),
            status: s.status.map(|st| st.key()),
            group: x.group.clone(),
            plan: x.plan.clone(),
            owner: t.of_opt(x.owner.as_ref()),
            due: x.due.map(|d| d.to_string()),
            history: s.history.as_ref().map(|h| {
                h.iter()
                    .map(|&(r, status)| TaskHistoryData {
                        review: review_id(r),
                        status: status.key(),
                    })
                    .collect()
            }),
        }
    }
}

impl IndicatorData {
    fn of(i: &Indicator, t: Texts<'_>) -> Self {
        IndicatorData {
            id: i.id.clone(),
            name: t.of(&i.name),
            value: i.value,
            out_of: i.out_of,
            better: i.better.as_str(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lookup_handles_ids_with_dots_and_slashes() {
        let v = json!({"plans": {"09-KH/BCĐCĐS": {"goals": 23}, "v1.2": {"tasks": 4}, "count": 2}});
        assert_eq!(lookup(&v, "plans.09-KH/BCĐCĐS.goals"), Some(&json!(23)));
        assert_eq!(lookup(&v, "plans.v1.2.tasks"), Some(&json!(4)));
        assert_eq!(lookup(&v, "plans.count"), Some(&json!(2)));
        assert_eq!(lookup(&v, "plans.nope"), None);
        assert_eq!(lookup(&v, "plans..count"), None);
        assert_eq!(lookup(&v, "plans.count."), None);
        assert_eq!(lookup(&v, ""), None);
        let w = json!({"a.b": {"": {"c": 1}}, "a": {"b": 2}});
        assert_eq!(lookup(&w, "a.b..c"), Some(&json!(1)));
        assert_eq!(lookup(&w, "a.b"), Some(&json!({"": {"c": 1}})));
        // A hostile key from an article: a million dots, answered at once.
        let dots = ".".repeat(1_000_000);
        let start = std::time::Instant::now();
        assert_eq!(lookup(&v, &format!("plans{dots}")), None);
        assert_eq!(lookup(&v, &dots), None);
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(number_keys(&v).contains(&"plans.v1.2.tasks".to_string()));
    }

    #[test]
    fn huge_numbers_never_reach_the_files_as_inf_or_nan() {
        // `progress: 1e307` overflows when rounded to two decimals (issue 15).
        let text = "year: 2023\ngoals:\n  - {id: G1, title: Một, progress: 1e307}\ntasks: []\n";
        let config = crate::fuzzing::config(true);
        let (year, diags) = crate::fuzzing::year_from_text(text, &config);
        let Some(year) = year else {
            // Refused at load time with a message: as good.
            assert!(diags.has_errors());
            return;
        };
        let site = Site {
            config,
            years: vec![year],
            news: vec![],
            pages: vec![],
            static_files: vec![],
        };
        let year = &site.years[0];
        let csv = String::from_utf8(goals_csv(&site, year, "vi")).expect("UTF-8");
        for bad in ["inf", "NaN"] {
            assert!(!csv.contains(bad), "{csv}");
        }
        let json: Value = serde_json::from_slice(&data_json(&site, year, "vi")).expect("JSON");
        for g in json["goals"].as_array().expect("goals") {
            assert!(g["completion"].is_number() || g["completion"].is_null());
        }
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
                    // A title has a character that is not white space (a blank one is an error).
                    "[^\\s\\p{C}]\\PC{0,15}",
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
