//! A small site built in memory, for the renderer's unit tests: two languages, one year with
//! two goals and a task, and one article per language; and a year with three reviews.

use crate::date::{Date, Timestamp};
use crate::model::{
    goal_states, summary_at, task_states, Bucket, Doc, DocKind, Evidence, Goal, GoalValue, Link,
    Localized, Plan, Review, ReviewSummary, Rule, Site, SiteConfig, Task, TaskStatus, TaskValue,
    Year, YearSummary,
};
use std::path::PathBuf;

fn text(vi: &str, en: &str) -> Localized {
    Localized::from_pairs(vec![("vi".into(), vi.into()), ("en".into(), en.into())])
}

fn goal(id: &str, progress: f64) -> Goal {
    Goal {
        id: id.into(),
        title: text("Mục tiêu", "Goal"),
        group: None,
        plan: None,
        rule: Rule::Progress(progress),
        completion: progress,
        bucket: Bucket::of(progress),
        unit: None,
        note: None,
        history: Vec::new(),
        at_reviews: Vec::new(),
        evidence: Vec::new(),
    }
}

fn year_2023() -> Year {
    let goals = vec![goal("G1", 100.0), goal("G2", 40.0)];
    let tasks = vec![Task {
        id: "T1".into(),
        title: text("Nhiệm vụ", "Task"),
        status: TaskStatus::Done,
        group: None,
        plan: None,
        owner: None,
        due: None,
        history: Vec::new(),
        at_reviews: Vec::new(),
        evidence: Vec::new(),
    }];
    Year {
        year: 2023,
        title: None,
        summary_md: None,
        plans: Vec::new(),
        groups: Vec::new(),
        summary: YearSummary::compute(&goals, &tasks, &[], &[]),
        goals,
        tasks,
        indicators: Vec::new(),
        reviews: Vec::new(),
        source: PathBuf::from("content/years/2023.yaml"),
    }
}

/// An article of `lang` with Markdown `body`.
pub(crate) fn article(stem: &str, lang: &str, body: &str) -> Doc {
    Doc {
        kind: DocKind::News,
        stem: stem.into(),
        lang: lang.into(),
        slug: stem.into(),
        title: "Tin".into(),
        date: Timestamp::parse("2023-12-19").ok(),
        author: None,
        summary: None,
        tags: vec!["tổng kết".into()],
        image: None,
        year: Some(2023),
        draft: false,
        body: body.into(),
        body_line: 6,
        front_matter: String::new(),
        explicit_slug: false,
        source: PathBuf::from(format!("content/news/{stem}.{lang}.md")),
    }
}

/// The site, with `news` as its articles.
pub(crate) fn site(news: Vec<Doc>) -> Site {
    Site {
        config: SiteConfig {
            title: text("Tiến độ", "Progress"),
            description: None,
            base_url: String::new(),
            languages: vec!["vi".into(), "en".into()],
            theme: "default".into(),
            organisation: None,
            raw_html: true,
        },
        years: vec![year_2023()],
        news,
        pages: Vec::new(),
        static_files: Vec::new(),
    }
}

fn date(s: &str) -> Date {
    Date::parse(s).expect("a valid date")
}

/// A review of 2023.
fn review(id: &str, day: &str, title: Option<Localized>) -> Review {
    Review {
        id: id.into(),
        slug: id.to_lowercase(),
        date: date(day),
        title,
        document: None,
        evidence: Vec::new(),
        summary: ReviewSummary::default(),
    }
}

/// 2023 with reviews Q1, Q2 and Q3 (as the loader makes it: states and counts computed):
/// - G1 (40 → 70 → 100) is completed at Q3;
/// - G2 is set by plan P2 (July): absent at Q1, not assessed at Q2, below 50 % at Q3;
/// - G3 was last reported at Q1 (no update since);
/// - T1 finishes between Q2 and Q3; T2 (plan P2) starts; T3 (plan P3, September) is added.
pub(crate) fn year_with_reviews() -> Year {
    let mut y = year_2023();
    let text = |vi: &str, en: &str| text(vi, en);
    y.plans = vec![
        plan("P1", "2023-01-10", Vec::new()),
        plan(
            "P2",
            "2023-07-01",
            vec![Evidence {
                title: text("Kế hoạch bổ sung", "Additional plan"),
                link: Link::Static("/ke-hoach/p2.pdf".into()),
            }],
        ),
        plan("P3", "2023-09-01", Vec::new()),
    ];
    y.reviews = vec![
        review("Q1", "2023-04-12", Some(text("Họp quý I", "Q1 meeting"))),
        review("Q2", "2023-07-14", None),
        review("Q3", "2023-10-15", Some(text("Họp quý III", "Q3 meeting"))),
    ];
    y.reviews[0].document = Some(Link::Static("/ke-hoach/bien-ban-q1.pdf".into()));
    y.reviews[2].evidence = vec![Evidence {
        title: text("Báo cáo của Sở", "The department's report"),
        link: Link::External("https://example.gov.vn/bao-cao.pdf".into()),
    }];
    y.goals = goals_with_history();
    y.tasks = tasks_with_history();
    compute_states(&mut y);
    y
}

/// The goals of [`year_with_reviews`].
fn goals_with_history() -> Vec<Goal> {
    let g = |id: &str, plan: &str, rule: Rule, history: &[(usize, f64)]| {
        let mut g = goal(id, 0.0);
        g.plan = Some(plan.into());
        g.rule = rule;
        g.completion = rule.completion().unwrap_or(0.0);
        g.bucket = Bucket::of(g.completion);
        g.history = history
            .iter()
            .map(|&(review, value)| GoalValue {
                review,
                value,
                written: true,
            })
            .collect();
        g
    };
    let target = |actual| Rule::Target {
        target: 80.0,
        actual,
        baseline: Some(0.0),
    };
    let mut goals = vec![
        g(
            "G1",
            "P1",
            Rule::Progress(100.0),
            &[(0, 40.0), (1, 70.0), (2, 100.0)],
        ),
        g("G2", "P2", target(30.0), &[(2, 30.0)]),
        g("G3", "P1", Rule::Progress(60.0), &[(0, 60.0)]),
    ];
    // As the loader does: the latest review holds the current value, here not written in
    // `history`, so G3 has had no update since Q1.
    goals[2].history.push(GoalValue {
        review: 2,
        value: 60.0,
        written: false,
    });
    goals[0].evidence = vec![Evidence {
        title: text("Quyết định công nhận", "Decision"),
        link: Link::External("https://vanban.example.gov.vn/qd-12".into()),
    }];
    goals
}

/// The tasks of [`year_with_reviews`].
fn tasks_with_history() -> Vec<Task> {
    let t = |id: &str, plan: &str, status, history: &[(usize, TaskStatus)]| Task {
        id: id.into(),
        title: text("Nhiệm vụ", "Task"),
        status,
        group: None,
        plan: Some(plan.into()),
        owner: Some(text(
            "Sở Thông tin và Truyền thông",
            "Department of Information",
        )),
        due: None,
        history: history
            .iter()
            .map(|&(review, status)| TaskValue {
                review,
                status,
                written: true,
            })
            .collect(),
        at_reviews: Vec::new(),
        evidence: Vec::new(),
    };
    use TaskStatus::{Done, InProgress, NotStarted};
    vec![
        t(
            "T1",
            "P1",
            Done,
            &[(0, NotStarted), (1, InProgress), (2, Done)],
        ),
        t("T2", "P2", InProgress, &[(2, InProgress)]),
        t("T3", "P3", NotStarted, &[(2, NotStarted)]),
    ]
}

fn plan(id: &str, day: &str, evidence: Vec<Evidence>) -> Plan {
    Plan {
        id: id.into(),
        date: Some(date(day)),
        title: Some(text(&format!("Kế hoạch {id}"), &format!("Plan {id}"))),
        evidence,
    }
}

/// Each item's state at each review and the counts at each review, as the loader computes
/// them (`model::review`).
pub(crate) fn compute_states(y: &mut Year) {
    let dates: Vec<Date> = y.reviews.iter().map(|r| r.date).collect();
    let plan_date = |p: &Option<String>, plans: &[Plan]| {
        p.as_deref()
            .and_then(|id| plans.iter().find(|x| x.id == id))
            .and_then(|x| x.date)
    };
    for g in &mut y.goals {
        g.at_reviews = goal_states(g.rule, &g.history, plan_date(&g.plan, &y.plans), &dates);
    }
    for t in &mut y.tasks {
        t.at_reviews = task_states(&t.history, plan_date(&t.plan, &y.plans), &dates);
    }
    y.summary = YearSummary::compute(&y.goals, &y.tasks, &y.plans, &y.groups);
    for (i, r) in y.reviews.iter_mut().enumerate() {
        let goals: Vec<&[crate::model::GoalAt]> =
            y.goals.iter().map(|g| g.at_reviews.as_slice()).collect();
        let tasks: Vec<&[crate::model::TaskAt]> =
            y.tasks.iter().map(|t| t.at_reviews.as_slice()).collect();
        r.summary = summary_at(i, &goals, &tasks);
    }
}

/// The site with 2023 as [`year_with_reviews`].
pub(crate) fn site_with_reviews() -> Site {
    let mut site = site(Vec::new());
    site.years = vec![year_with_reviews()];
    site
}
