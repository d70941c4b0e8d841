//! Reviews through the year (CONTRACT §4) on whole sites: the example's figures at each review,
//! a review's files staying as they were when a later review is added, and the golden pages of
//! a small year with two reviews (a review page, goal and task record pages, "no update since").

use crate::support::{check_golden, SiteTest};
use serde_json::Value;

fn json(site: &SiteTest, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The Done-when figures of issue 11: four reviews in date order, Q1 counting only the 23 goals
/// that existed then, the year-end as the seed article reports it.
#[test]
fn the_example_year_reports_each_review_as_it_stood() {
    let site = SiteTest::example();
    site.build_ok();
    let year = json(&site, "output/nam/2023/data.json");
    let reviews = year["reviews"].as_array().expect("reviews");
    let ids: Vec<&str> = reviews.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["Q1", "Q2", "Q3", "Q4"]);
    let dates: Vec<&str> = reviews
        .iter()
        .map(|r| r["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    assert_eq!(reviews[0]["summary"]["goals"]["total"], 23);
    let end = &reviews[3]["summary"];
    let goals: Vec<i64> = ["completed", "above_70", "between_50_70", "below_50"]
        .iter()
        .map(|k| end["goals"][k].as_i64().unwrap())
        .collect();
    assert_eq!(goals, [20, 3, 3, 4]);
    let tasks: Vec<i64> = ["done", "in_progress", "not_started"]
        .iter()
        .map(|k| end["tasks"][k].as_i64().unwrap())
        .collect();
    assert_eq!(tasks, [50, 19, 6]);
    // The review's own data file says the same as the year's list of reviews.
    let q1 = json(&site, "output/nam/2023/q1/data.json");
    assert_eq!(q1["summary"]["goals"], reviews[0]["summary"]["goals"]);
    assert_eq!(q1["goals"].as_array().unwrap().len(), 23);
}

/// "Its figures never change when later reviews are added": a meeting after the year-end one,
/// with no new values, leaves every earlier review's files byte for byte, and the new latest
/// review reports what the year-end one did.
#[test]
fn a_review_s_figures_do_not_change_when_a_later_review_is_added() {
    let site = SiteTest::example();
    site.build_ok();
    let files = ["data.json", "goals.csv", "tasks.csv"];
    let before: Vec<String> = ["nam/2023", "en/years/2023"]
        .iter()
        .flat_map(|dir| ["q1", "q2", "q3"].map(|r| format!("output/{dir}/{r}")))
        .flat_map(|dir| files.map(|f| format!("{dir}/{f}")))
        .collect();
    let old: Vec<String> = before.iter().map(|rel| site.read(rel)).collect();
    let old_year = json(&site, "output/nam/2023/data.json");

    site.edit(
        "content/years/2023.yaml",
        "\nplans:\n",
        "  - id: Q5\n    date: 2023-12-28\n    title: {vi: \"Họp bổ sung\", en: \"Extra meeting\"}\n\nplans:\n",
    );
    site.build_ok();
    for (rel, was) in before.iter().zip(&old) {
        assert!(
            site.read(rel) == *was,
            "{rel} changed when review Q5 was added"
        );
    }
    let year = json(&site, "output/nam/2023/data.json");
    let reviews = year["reviews"].as_array().expect("reviews");
    assert_eq!(reviews.len(), 5);
    for i in 0..3 {
        assert_eq!(
            reviews[i], old_year["reviews"][i],
            "review {i} in the year's data.json"
        );
    }
    assert_eq!(reviews[4]["summary"], old_year["reviews"][3]["summary"]);
    assert!(site.read("output/nam/2023/q5/data.json").contains("\"Q5\""));
}

/// A small year with two reviews: the year page "as of" its latest review with what changed
/// since the previous one, a page per review with its files, goal and task record pages with
/// their course through the reviews, and the mark on an item not updated at the latest review.
#[test]
fn a_year_with_reviews_matches_golden_files() {
    let site = SiteTest::fixture("reviews");
    site.build_ok();
    let files = site.output_files();
    let page = |rel: &str| String::from_utf8_lossy(&files[rel]).into_owned();
    let year = page("en/years/2023/index.html");
    assert!(year.contains("Figures as of <time datetime=\"2023-12-20\">"));
    assert!(year.contains("Since review Q2"));
    assert!(page("en/goals/g03/index.html").contains("No update since Q2"));
    for rel in ["nam/2023/q2/data.json", "en/years/2023/q4/tasks.csv"] {
        assert!(files.contains_key(rel), "{rel}");
    }
    assert!(page("nhiem-vu/t01/index.html").contains("Q2"));
    check_golden("reviews", &files);
}

/// An item whose plan is dated after the latest review existed at no review: the year counts
/// it, but its `history` is empty (no value made up at the latest review) in the year's
/// `data.json`, the latest review's leaves it out, and its record page says "not set yet" there.
#[test]
fn an_item_planned_after_the_latest_review_has_no_value_at_any_review() {
    let site = SiteTest::fixture("reviews");
    let year = "content/years/2023.yaml";
    site.edit(
        year,
        "reviews:\n",
        "  - {id: P9, date: 2023-12-28, title: {vi: \"Kế hoạch muộn\", en: \"Late plan\"}}\nreviews:\n",
    );
    site.edit(
        year,
        "tasks:\n",
        "  - {id: G09, title: {vi: \"Muộn\", en: \"Late\"}, plan: P9, progress: 50}\ntasks:\n  - {id: T09, title: {vi: \"Muộn\", en: \"Late\"}, plan: P9, status: done}\n",
    );
    site.build_ok().says("but no review does");
    let data = json(&site, "output/nam/2023/data.json");
    let find = |list: &str, id: &str| {
        data[list]
            .as_array()
            .and_then(|l| l.iter().find(|x| x["id"] == id))
            .unwrap_or_else(|| panic!("{id} in {list}"))
            .clone()
    };
    assert_eq!(find("goals", "G09")["history"], serde_json::json!([]));
    assert_eq!(find("tasks", "T09")["history"], serde_json::json!([]));
    assert_eq!(find("goals", "G01")["history"][1]["review"], "Q4");
    let q4 = site.read("output/nam/2023/q4/data.json");
    assert!(!q4.contains("G09") && !q4.contains("T09"), "{q4}");
    for page in [
        "output/en/goals/g09/index.html",
        "output/en/tasks/t09/index.html",
    ] {
        let html = site.read(page);
        assert!(html.contains("Not set yet"), "{page}");
    }
}
