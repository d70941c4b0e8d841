//! The reviews' and histories' rules (`validate/reviews.rs`) on small year files.

use super::*;
use crate::diag::Diagnostics;
use crate::model::{Bucket, GoalAt, TaskAt, Year};

const REVIEWS: &str = "year: 2023
plans:
  - {id: A, date: 2023-03-10}
  - {id: B, date: 2023-07-14}
reviews:
  - {id: Q1, date: 2023-04-12, title: {vi: Quý I, en: Q1}}
  - {id: Q2, date: 2023-07-14, title: {vi: Quý II, en: Q2}}
  - {id: Q4, date: 2023-12-19, title: {vi: Tổng kết, en: Year end}}
";

fn load(rest: &str) -> (Option<Year>, Diagnostics) {
    let config = crate::fuzzing::config(true);
    crate::fuzzing::year_from_text(&format!("{REVIEWS}{rest}"), &config)
}

/// The one error of `rest`: its line and message, and its help.
fn error(rest: &str) -> (usize, String, String) {
    let (year, d) = load(rest);
    assert!(year.is_none(), "{rest}");
    let errors: Vec<_> = d.iter().filter(|x| x.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    let line = e.line().expect("a line") - REVIEWS.lines().count();
    (line, e.message.clone(), e.help.clone().unwrap_or_default())
}

fn completions(states: &[GoalAt]) -> Vec<Option<f64>> {
    states
        .iter()
        .map(|s| match s {
            GoalAt::Assessed { completion, .. } => Some(*completion),
            _ => None,
        })
        .collect()
}

#[test]
fn states_at_each_review_follow_the_history_and_the_plans() {
    let (year, d) = load(
        "goals:
  - {id: G1, title: {vi: a, en: a}, plan: A, target: 10, actual: 10, history: {Q1: 4}}
  - {id: G2, title: {vi: b, en: b}, plan: B, progress: 60}
tasks:
  - {id: T1, title: {vi: c, en: c}, plan: A, status: done, history: {Q1: not_started, Q2: in_progress}}
  - {id: T2, title: {vi: d, en: d}, status: in_progress}
",
    );
    assert!(!d.has_errors(), "{d:?}");
    let y = year.expect("the year");
    assert_eq!(
        y.reviews
            .iter()
            .map(|r| r.slug.as_str())
            .collect::<Vec<_>>(),
        ["q1", "q2", "q4"]
    );
    let g1 = &y.goals[0];
    assert_eq!(
        g1.history,
        [
            GoalValue {
                review: 0,
                value: 4.0,
                written: true,
            },
            GoalValue {
                review: 2,
                value: 10.0,
                written: false,
            }
        ],
        "the current value is the latest review's"
    );
    assert_eq!(
        completions(&g1.at_reviews),
        [Some(40.0), Some(40.0), Some(100.0)]
    );
    let g2 = &y.goals[1];
    assert_eq!(g2.at_reviews[0], GoalAt::Absent, "plan B is dated after Q1");
    assert_eq!(g2.at_reviews[1], GoalAt::NotAssessed);
    assert!(matches!(
        g2.at_reviews[2],
        GoalAt::Assessed {
            bucket: Bucket::Between50And70,
            from: 2,
            ..
        }
    ));
    assert_eq!(y.tasks[1].at_reviews[0], TaskAt::NotAssessed);
    let q1 = &y.reviews[0].summary;
    assert_eq!(
        (q1.goals.total, q1.goals.below_50, q1.goals_not_assessed),
        (1, 1, 0)
    );
    assert_eq!(
        (q1.tasks.total, q1.tasks.not_started, q1.tasks_not_assessed),
        (2, 1, 1)
    );
    let q2 = &y.reviews[1].summary;
    assert_eq!((q2.goals.total, q2.goals_not_assessed), (2, 1));
    let q4 = &y.reviews[2].summary;
    assert_eq!(
        (
            q4.goals.completed,
            q4.goals.between_50_70,
            q4.goals_not_assessed
        ),
        (1, 1, 0)
    );
    assert_eq!(
        (q4.tasks.done, q4.tasks.in_progress),
        (y.summary.tasks.done, y.summary.tasks.in_progress)
    );
}

#[test]
fn review_ids_are_texts_as_written_in_reviews_and_in_history() {
    let config = crate::fuzzing::config(true);
    let text = "year: 2023\nreviews:\n  - {id: 01, date: 2023-04-01}\n  - {id: 2, date: 2023-07-01}\ngoals:\n  - {id: G1, title: a, progress: 5, history: {01: 1}}\n";
    let (y, d) = crate::fuzzing::year_from_text(text, &config);
    assert!(!d.has_errors(), "{d:?}");
    let y = y.expect("the year");
    assert_eq!(
        y.reviews.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["01", "2"]
    );
    assert_eq!(
        y.goals[0].history,
        [
            GoalValue {
                review: 0,
                value: 1.0,
                written: true,
            },
            GoalValue {
                review: 1,
                value: 5.0,
                written: false,
            }
        ]
    );
}

#[test]
fn items_not_updated_since_an_earlier_review_are_stale() {
    let (year, d) = load(
        "goals:
  - {id: same, title: a, target: 10, actual: 4, history: {Q1: 4}}
  - {id: moved, title: a, target: 10, actual: 6, history: {Q1: 4}}
  - {id: confirmed, title: a, target: 10, actual: 4, history: {Q1: 4, Q4: 4}}
  - {id: untracked, title: a, target: 10, actual: 4}
  - {id: finished, title: a, target: 10, actual: 10, history: {Q2: 10}}
tasks:
  - {id: waiting, title: a, status: in_progress, history: {Q1: not_started, Q2: in_progress}}
  - {id: done, title: a, status: done, history: {Q2: done}}
",
    );
    assert!(!d.has_errors(), "{d:?}");
    let y = year.expect("the year");
    let goals: Vec<_> = y
        .goals
        .iter()
        .map(|g| (g.id.as_str(), g.stale_since()))
        .collect();
    assert_eq!(
        goals,
        [
            ("same", Some(0)),
            ("moved", None),
            ("confirmed", None),
            ("untracked", None),
            ("finished", None)
        ]
    );
    let tasks: Vec<_> = y
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.stale_since()))
        .collect();
    assert_eq!(tasks, [("waiting", Some(1)), ("done", None)]);
}

#[test]
fn a_year_without_reviews_has_no_states() {
    let config = crate::fuzzing::config(true);
    let (y, d) = crate::fuzzing::year_from_text(
        "year: 2023\ngoals:\n  - {id: G1, title: a, progress: 5}\ntasks:\n  - {id: T1, title: t, status: done}\n",
        &config,
    );
    assert!(!d.has_errors());
    let y = y.expect("the year");
    assert!(y.reviews.is_empty());
    assert!(y.goals[0].history.is_empty() && y.goals[0].at_reviews.is_empty());
    assert!(y.tasks[0].history.is_empty() && y.tasks[0].at_reviews.is_empty());
}

#[test]
fn history_errors_name_the_entry_and_say_what_to_write() {
    let goal = |h: &str| {
        format!("goals:\n  - id: G1\n    title: {{vi: a, en: a}}\n    plan: B\n    progress: 60\n    history: {h}\n")
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (
            goal("{Q3: 40}"),
            "names review `Q3`, which is not one of",
            "did you mean `Q1`?",
        ),
        (
            goal("{Q2: 40, Q2: 50}"),
            "gives review `Q2` twice",
            "one value per review",
        ),
        (
            goal("[40, 70]"),
            "is a list, not a map",
            "`history: {Q1: 40, Q2: 70}`",
        ),
        (
            goal("{Q2: done}"),
            "status `done` at review `Q2`",
            "statuses belong to tasks",
        ),
        (
            goal("{Q2: forty}"),
            "the text `forty` at review `Q2`",
            "plain number",
        ),
        (goal("{Q2: [1]}"), "a list at review `Q2`", "plain number"),
        (
            goal("{Q4: 55}"),
            "`Q4: 55` in its `history`, but its `progress` is 60",
            "remove `Q4`",
        ),
        (
            goal("{Q1: 10}"),
            "value at review `Q1` (2023-04-12), before its plan `B` was issued (2023-07-14)",
            "correct the plan's `date`",
        ),
    ];
    for (rest, says, hint) in cases {
        let (line, message, help) = error(&rest);
        assert_eq!(line, 6, "{message}");
        assert!(message.contains(says), "{message}");
        assert!(help.contains(hint), "{help}");
    }
    let task = |h: &str| {
        format!(
            "tasks:\n  - id: T1\n    title: {{vi: a, en: a}}\n    status: done\n    history: {h}\n"
        )
    };
    for (h, says, hint) in [
        (
            "{Q1: 40}",
            "the number 40 at review `Q1`",
            "numbers belong to goals",
        ),
        (
            "{Q1: in-progress}",
            "`in-progress` at review `Q1`, which is not a status",
            "did you mean `in_progress`?",
        ),
        (
            "{Q4: in_progress}",
            "`Q4: in_progress` in its `history`, but its `status` is `done`",
            "correct one of the two",
        ),
    ] {
        let (line, message, help) = error(&task(h));
        assert_eq!(line, 5, "{message}");
        assert!(message.contains(says), "{message}");
        assert!(help.contains(hint), "{help}");
    }
}

/// A `history` value whose completion is beyond what a report can show is told so, with the
/// current value's limits and hint, not as "not a finite number".
#[test]
fn a_history_value_beyond_the_limits_gets_the_current_value_s_message() {
    let goal = |rule: &str, h: &str| {
        format!("goals:\n  - id: G1\n    title: {{vi: a, en: a}}\n    {rule}\n    history: {h}\n")
    };
    let current = error(&goal("progress: 1e20", "{Q1: 5}")).1;
    let beyond = "beyond what a report can show: its values are at most ±1,000,000,000,000,000 and its completion at most ±1,000,000 %";
    assert!(current.contains(beyond), "{current}");
    for (rule, h, hint) in [
        ("progress: 80", "{Q1: 2000000}", "`Q1: 85`"),
        ("progress: 80", "{Q1: 1e16}", "`Q1: 85`"),
        (
            "target: 100\n    actual: 100",
            "{Q1: 1e14}",
            "as the plan states it",
        ),
    ] {
        let (line, message, help) = error(&goal(rule, h));
        let rule_lines = rule.lines().count();
        assert_eq!(line, 4 + rule_lines, "{message}");
        assert_eq!(
            message,
            format!("goal `G1` has a completion at review `Q1` {beyond}")
        );
        assert!(help.contains("most likely a typing error"), "{help}");
        assert!(help.contains(hint), "{help}");
    }
    let (_, message, help) = error(&goal("progress: 80", "{Q1: .nan}"));
    assert!(
        message.contains("completion at review `Q1` that is not a finite number"),
        "{message}"
    );
    assert!(help.contains("not `.inf` or `.nan`"), "{help}");
}

#[test]
fn review_errors_are_placed_on_their_date_or_id() {
    let config = crate::fuzzing::config(true);
    let one = |reviews: &str| {
        let text = format!("year: 2023\nreviews:\n{reviews}");
        let (y, d) = crate::fuzzing::year_from_text(&text, &config);
        assert!(y.is_none(), "{text}");
        let e = d.iter().find(|x| x.is_error()).expect("an error").clone();
        (e.line(), e.message, e.help.unwrap_or_default())
    };
    let (line, m, h) = one("  - {id: Q1, date: 2024-01-05}\n");
    assert_eq!(line, Some(3));
    assert!(
        m.contains("outside the year 2023") && h.contains("that year's file"),
        "{m}"
    );
    let (line, m, h) = one("  - {id: Q2, date: 2023-07-01}\n  - {id: Q1, date: 2023-04-01}\n");
    assert_eq!(line, Some(4));
    assert!(
        m.contains("out of date order: `Q1` (2023-04-01) comes after `Q2`"),
        "{m}"
    );
    assert!(h.contains("earliest first"), "{h}");
    let (_, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: Q2, date: 2023-04-01}\n");
    assert!(m.contains("the same day as review `Q1`"), "{m}");
    let (line, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: Q1, date: 2023-07-01}\n");
    assert_eq!(line, Some(4));
    assert!(
        m.contains("duplicate review id `Q1` (first used on line 3)"),
        "{m}"
    );
    let (_, m, _) = one("  - {id: Q1, date: 2023-04-01}\n  - {id: q1, date: 2023-07-01}\n");
    assert!(m.contains("give the same address `q1`"), "{m}");
    let (line, m, h) = one("  - {id: [Q1], date: 2023-04-01}\n");
    assert_eq!(line, Some(3));
    assert!(m.contains("expected a text, found a list"), "{m}");
    assert!(h.contains("write a text"), "{h}");
    let (line, m, _) = one("  - {id: ~, date: 2023-04-01}\n");
    assert_eq!(line, Some(3));
    assert!(m.contains("means no id"), "{m}");
    let (_, m, _) = one("  - {id: Q1, date: 2023-04-01, document: /bien-ban.pdf}\n");
    assert!(
        m.contains("`/bien-ban.pdf` names no file of `content/static/`"),
        "{m}"
    );
}

#[test]
fn history_without_reviews_is_an_error() {
    let config = crate::fuzzing::config(true);
    let text =
        "year: 2023\ngoals:\n  - id: G1\n    title: a\n    progress: 5\n    history: {Q1: 2}\n";
    let (y, d) = crate::fuzzing::year_from_text(text, &config);
    assert!(y.is_none());
    let e = d.iter().find(|x| x.is_error()).expect("an error");
    assert_eq!(e.line(), Some(6));
    assert!(
        e.message
            .contains("has a `history`, but this year has no `reviews:`"),
        "{}",
        e.message
    );
}

/// A review left out for its date (outside the year, on another's day, out of order, not a
/// date) is its one error: which review is the latest is not known, so nothing is checked
/// against a guess (a `history` value that must agree with the current one, a plan after
/// the latest review).
#[test]
fn a_rejected_review_is_the_only_error() {
    let config = crate::fuzzing::config(true);
    let items = "plans:\n  - {id: P, date: 2023-06-01}\ngoals:\n  - {id: G1, title: {vi: a, en: a}, target: 100, actual: 100, history: {Q1: 40}}\n  - {id: G2, title: {vi: a, en: a}, plan: P, progress: 5}\ntasks:\n  - {id: T1, title: {vi: a, en: a}, status: done, history: {Q1: in_progress}}\n";
    for (q2, says) in [
        ("2024-01-02", "outside the year 2023"),
        ("2023-04-10", "the same day as review `Q1`"),
        ("2023-02-10", "out of date order"),
        ("2023-11-31", "bad date"),
    ] {
        let reviews = format!("  - {{id: Q1, date: 2023-04-10}}\n  - {{id: Q2, date: {q2}}}\n");
        let text = format!("year: 2023\nreviews:\n{reviews}{items}");
        let (y, d) = crate::fuzzing::year_from_text(&text, &config);
        assert!(y.is_none(), "{text}");
        let said: Vec<&str> = d.iter().map(|x| x.message.as_str()).collect();
        assert_eq!(said.len(), 1, "{said:#?}");
        assert!(said[0].contains(says), "{said:?}");
    }
}

/// An item whose plan is dated after the latest review did not exist at any review: it
/// has no value at one, not even the latest (where the current value would go).
#[test]
fn an_item_planned_after_the_latest_review_has_no_history() {
    let config = crate::fuzzing::config(true);
    let text = "year: 2023\nplans:\n  - {id: C, date: 2023-11-01}\nreviews:\n  - {id: Q1, date: 2023-04-10}\n  - {id: Q3, date: 2023-10-10}\ngoals:\n  - {id: G1, title: a, plan: C, progress: 50}\ntasks:\n  - {id: T1, title: a, plan: C, status: done}\n";
    let (year, d) = crate::fuzzing::year_from_text(text, &config);
    assert!(!d.has_errors(), "{d:?}");
    let y = year.expect("the year");
    assert_eq!(y.goals[0].history, []);
    assert_eq!(y.goals[0].at_reviews, [GoalAt::Absent; 2]);
    assert_eq!(y.tasks[0].history, []);
    assert_eq!(y.tasks[0].at_reviews, [TaskAt::Absent; 2]);
    assert_eq!(y.reviews[1].summary.goals.total, 0);
    assert_eq!(y.summary.goals.total, 1, "the year counts it");
}

#[test]
fn an_item_planned_after_the_latest_review_is_a_warning() {
    let config = crate::fuzzing::config(true);
    let text = "year: 2023\nplans:\n  - {id: C, date: 2023-12-20}\nreviews:\n  - {id: Q4, date: 2023-12-19}\ngoals:\n  - {id: G1, title: a, plan: C, progress: 5}\n";
    let (y, d) = crate::fuzzing::year_from_text(text, &config);
    assert!(y.is_some() && !d.has_errors(), "{d:?}");
    let w = d
        .iter()
        .find(|x| x.message.contains("no review does"))
        .expect("the warning");
    assert_eq!(w.line(), Some(7));
}
