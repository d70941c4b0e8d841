//! The data files of a year (`data.json`, `goals.csv`, `tasks.csv`) and the figure keys that
//! articles quote from them.

use crate::support::SiteTest;

/// The minimal site with its plan renamed `count` and a group named `count` too: ids that used
/// to be overwritten by the number of plans (groups) in the summary.
fn site_with_ids_named_count() -> SiteTest {
    let site = SiteTest::fixture("minimal");
    let year = site
        .read("content/years/2023.yaml")
        .replace("09-KH/BCĐCĐS", "count")
        .replacen("id: data", "id: count", 1)
        .replace("group: data", "group: count");
    site.write("content/years/2023.yaml", year);
    site
}

fn summary(site: &SiteTest, path: &str) -> serde_json::Value {
    let v: serde_json::Value = serde_json::from_str(&site.read(path)).expect("data.json");
    v["summary"].clone()
}

#[test]
fn a_plan_or_group_whose_id_is_count_keeps_its_figures() {
    let site = site_with_ids_named_count();
    site.write(
        "content/news/dem.vi.md",
        "---\ntitle: Đếm\ndate: 2023-12-20\n---\n\
         Kế hoạch: [{{ figure(year=2023, key=\"counts.plans\") }}] \
         mục tiêu: [{{ figure(year=2023, key=\"plans.count.goals\") }}] \
         nhóm: [{{ figure(year=2023, key=\"counts.groups\") }}] \
         việc: [{{ figure(year=2023, key=\"groups.count.tasks\") }}] \
         nhóm dgov: [{{ figure(year=2023, key=\"groups.dgov.goals\") }}]\n",
    );
    site.build_ok();
    let s = summary(&site, "output/nam/2023/data.json");
    // The plan's and the group's own figures, not a number in their place.
    assert_eq!(
        s["plans"]["count"],
        serde_json::json!({"completed": 1, "goals": 1, "tasks": 0})
    );
    assert_eq!(
        s["groups"]["count"],
        serde_json::json!({"completed": 0, "goals": 1, "tasks": 1})
    );
    assert_eq!(s["counts"], serde_json::json!({"groups": 2, "plans": 1}));
    let page = site.read("output/tin-tuc/dem/index.html");
    for expected in [
        "Kế hoạch: [1]",
        "mục tiêu: [1]",
        "nhóm: [2]",
        "việc: [1]",
        "nhóm dgov: [2]",
    ] {
        assert!(page.contains(expected), "`{expected}` not in the page");
    }
    // `plans.count` is the plan now, not a figure: a build error, not a wrong number.
    site.write(
        "content/news/dem.vi.md",
        "---\ntitle: Đếm\ndate: 2023-12-20\n---\n{{ figure(year=2023, key=\"plans.count\") }}\n",
    );
    site.build_fails()
        .says("`plans.count` is not a figure of 2023");
}

#[test]
fn plans_count_and_groups_count_still_work_where_no_id_is_count() {
    let site = SiteTest::fixture("minimal");
    site.write(
        "content/news/dem.vi.md",
        "---\ntitle: Đếm\ndate: 2023-12-20\n---\n\
         [{{ figure(year=2023, key=\"plans.count\") }}] [{{ figure(year=2023, key=\"groups.count\") }}] \
         [{{ figure(year=2023, key=\"counts.plans\") }}] [{{ figure(year=2023, key=\"counts.groups\") }}]\n",
    );
    site.build_ok();
    let page = site.read("output/tin-tuc/dem/index.html");
    assert!(page.contains("[1] [2] [1] [2]"), "{page}");
    for path in [
        "output/nam/2023/data.json",
        "output/en/years/2023/data.json",
    ] {
        let s = summary(&site, path);
        assert_eq!(s["plans"]["count"], 1);
        assert_eq!(s["groups"]["count"], 2);
        assert_eq!(s["counts"]["plans"], 1);
    }
}

#[test]
fn a_negative_zero_is_written_as_zero() {
    // `-0.0` in YAML (or `-0` in a workbook cell) is 0; data.json used to say `-0.0`.
    let site = SiteTest::fixture("minimal");
    let year = site
        .read("content/years/2023.yaml")
        .replace("    progress: 70", "    progress: -0.0")
        .replace("    actual: 2.6", "    actual: -0.0");
    site.write("content/years/2023.yaml", year);
    site.build_ok();
    for path in [
        "output/nam/2023/data.json",
        "output/en/years/2023/data.json",
    ] {
        let json = site.read(path);
        assert!(!json.contains(": -0"), "{path}: {json}");
        let v: serde_json::Value = serde_json::from_str(&json).expect("data.json");
        let g03 = v["goals"]
            .as_array()
            .and_then(|goals| goals.iter().find(|g| g["id"] == "G03"))
            .expect("G03");
        assert_eq!(g03["progress"], serde_json::json!(0.0), "{path}");
    }
}
