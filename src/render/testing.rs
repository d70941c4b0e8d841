//! A small site built in memory, for the renderer's unit tests: two languages, one year with
//! two goals and a task, and one article per language.

use crate::date::Timestamp;
use crate::model::{
    Bucket, Doc, DocKind, Goal, Localized, Rule, Site, SiteConfig, Task, TaskStatus, Year,
    YearSummary,
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
