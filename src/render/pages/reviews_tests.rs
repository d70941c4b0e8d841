//! The review pages, the year report's reviews and the record pages, rendered from the small
//! in-memory site with three reviews (`testing::year_with_reviews`).

use crate::render::{render_to_vec, testing, OutputFile, Scope};
use crate::theme::Theme;
use std::collections::BTreeMap;

fn render(site: &crate::model::Site) -> BTreeMap<String, String> {
    let (files, _, diags) = render_to_vec(site, &Theme::builtin(), None, Scope::All);
    assert!(!diags.has_errors(), "{diags:?}");
    files
        .into_iter()
        .map(|f: OutputFile| (f.path, String::from_utf8_lossy(&f.bytes).into_owned()))
        .collect()
}

/// The site with reviews, rendered once for all the tests.
fn files() -> &'static BTreeMap<String, String> {
    static FILES: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| render(&testing::site_with_reviews()))
}

/// The text between `from` and the next `to` in `html`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not in page"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn the_year_report_says_as_of_when_and_what_changed_since_the_previous_review() {
    let f = files();
    let en = &f["en/years/2023/index.html"];
    assert!(
        en.contains("Figures as of <time datetime=\"2023-10-15\">15 October 2023</time> (<a href=\"q3/\">Q3 meeting</a>)"),
        "{en}"
    );
    let vi = &f["nam/2023/index.html"];
    assert!(vi.contains("Số liệu tính đến <time datetime=\"2023-10-15\">15/10/2023</time>"));
    for slug in ["q1", "q2", "q3"] {
        assert!(en.contains(&format!("<a href=\"{slug}/\">")), "{slug}");
    }
    let since = between(en, "id=\"since-last-review\"", "</section>");
    assert!(since.contains("Since review Q2 (14 July 2023)"), "{since}");
    let moved = between(since, "Goals that changed completion level", "</ul>");
    assert!(moved.contains("href=\"../../goals/g1/\">G1</a>") && moved.contains("50–70%"));
    assert!(
        moved.contains("<strong>Completed or exceeded</strong>"),
        "{moved}"
    );
    assert!(
        moved.contains("G2</a>") && moved.contains("Not assessed"),
        "{moved}"
    );
    assert!(!moved.contains("G3"), "G3 did not move: {moved}");
    let finished = between(since, "Tasks finished", "</ul>");
    assert!(
        finished.contains("href=\"../../tasks/t1/\">T1</a>"),
        "{finished}"
    );
    let started = between(since, "Tasks started", "</ul>");
    assert!(
        started.contains("T2</a>") && !started.contains("T1<"),
        "{started}"
    );
    let added = between(since, "Tasks added", "</ul>");
    assert!(added.contains("T3</a>"), "{added}");
    assert!(!since.contains("Goals added"), "no goal was added since Q2");
    // The counts at each review: a stacked chart and its table.
    assert!(en.contains("class=\"chart chart-stacked\""));
    let table = between(
        en,
        "Goals in 2023 at each review, by completion</caption>",
        "</table>",
    );
    assert!(table.contains("<time datetime=\"2023-07-14\">Q2</time></th><td>0</td><td>0</td><td>2</td><td>0</td><td>1</td><td>3</td>"), "{table}");
}

#[test]
fn a_year_without_reviews_shows_no_reviews_and_no_as_of() {
    let f = render(&testing::site(Vec::new()));
    let en = &f["en/years/2023/index.html"];
    assert!(!en.contains("Figures as of") && !en.contains("id=\"reviews\""));
    assert!(!f.keys().any(|k| k.starts_with("en/years/2023/q")));
    let feed = &f["en/atom.xml"];
    assert!(!feed.contains("years/2023/"), "{feed}");
}

#[test]
fn review_pages_show_the_year_then_and_link_their_neighbours() {
    let f = files();
    let q1 = &f["en/years/2023/q1/index.html"];
    let q2 = &f["en/years/2023/q2/index.html"];
    let q3 = &f["en/years/2023/q3/index.html"];
    assert!(
        !q1.contains("rel=\"prev\"")
            && q1.contains("<a href=\"../q2/\" rel=\"next\">Review Q2 →</a>")
    );
    assert!(q2.contains("<a href=\"../q1/\" rel=\"prev\">← Q1 meeting</a>"));
    assert!(q2.contains("<a href=\"../q3/\" rel=\"next\">Q3 meeting →</a>"));
    assert!(q3.contains("rel=\"prev\"") && !q3.contains("rel=\"next\""));
    assert!(q2.contains("<a href=\"../\">Back to the 2023 report</a>"));
    assert!(q1.contains("<time datetime=\"2023-04-12\">12 April 2023</time>"));
    // At Q1, G2 (set in July) did not exist; at Q2 it had no value yet.
    assert!(q1.contains("0 of 2 goals completed") && !q1.contains(">G2</a>"));
    assert!(
        q2.contains("0 of 3 goals completed (1 not assessed)"),
        "{q2}"
    );
    let g2 = between(q2, ">G2</a>", "</tr>");
    assert!(g2.contains("Not assessed"), "{g2}");
    let g3 = between(q2, ">G3</a>", "</tr>");
    assert!(g3.contains("as reported at Q1"), "{g3}");
    // Its document, and an external one marked as leaving the site.
    assert!(
        q1.contains("<a href=\"../../../../ke-hoach/bien-ban-q1.pdf\">Minutes of the meeting</a>"),
        "{q1}"
    );
    assert!(q3.contains("href=\"https://example.gov.vn/bao-cao.pdf\" rel=\"external noopener\""));
    assert!(q3.contains("(leaves this site)"));
    assert!(q2.contains("<a href=\"data.json\">") && q2.contains("<a href=\"tasks.csv\">"));
    let vi = &f["nam/2023/q2/index.html"];
    assert!(vi.contains("<h1>Kỳ đánh giá Q2</h1>") && vi.contains("lang=\"vi\""));
}

#[test]
fn every_goal_and_task_has_a_record_page_in_both_languages_linked_from_its_rows() {
    let f = files();
    for (vi, en, ids) in [
        ("muc-tieu", "goals", ["g1", "g2", "g3"]),
        ("nhiem-vu", "tasks", ["t1", "t2", "t3"]),
    ] {
        for id in ids {
            assert!(
                f.contains_key(&format!("{vi}/{id}/index.html")),
                "{vi}/{id}"
            );
            assert!(
                f.contains_key(&format!("en/{en}/{id}/index.html")),
                "{en}/{id}"
            );
            let link = format!("href=\"../../{en}/{id}/\"");
            assert!(
                f["en/years/2023/index.html"].contains(&link),
                "year page: {link}"
            );
        }
    }
    let q3 = &f["en/years/2023/q3/index.html"];
    assert!(
        q3.contains("href=\"../../../tasks/t3/\"") && q3.contains("href=\"../../../goals/g2/\"")
    );
    let agency = &f["en/agencies/so-thong-tin-va-truyen-thong/index.html"];
    assert!(
        agency.contains("<a href=\"../../tasks/t1/\">T1</a>"),
        "{agency}"
    );
}

#[test]
fn a_record_page_states_the_rule_the_plan_the_evidence_and_the_course_through_the_reviews() {
    let f = files();
    let g2 = &f["en/goals/g2/index.html"];
    assert!(
        g2.contains("target 80, actual 30, from a baseline of 0"),
        "{g2}"
    );
    assert!(f["muc-tieu/g2/index.html"].contains("mục tiêu 80, đạt 30, từ mức ban đầu 0"));
    assert!(g2.contains(
        "<strong>P2</strong> (<time datetime=\"2023-07-01\">1 July 2023</time>): Plan P2"
    ));
    assert!(
        g2.contains("<a href=\"../../../ke-hoach/p2.pdf\">Additional plan</a>"),
        "{g2}"
    );
    let timeline = between(g2, "<table class=\"timeline\">", "</table>");
    assert!(
        timeline.contains("Not set yet") && timeline.contains("Not assessed"),
        "{timeline}"
    );
    assert!(timeline.contains("href=\"../../years/2023/q3/\""));
    // The line chart through the reviews, its sentence naming each review.
    assert!(
        g2.contains(
            "Completion of goal G2 through the reviews of 2023: Not assessed at Q2; 37.5% at Q3."
        ),
        "{g2}"
    );
    let g1 = &f["en/goals/g1/index.html"];
    assert!(g1.contains("progress 100%") && g1.contains("rel=\"external noopener\""));
    let t1 = &f["en/tasks/t1/index.html"];
    let timeline = between(t1, "<table class=\"timeline\">", "</table>");
    for s in ["Not started", "In progress", "Done"] {
        assert!(timeline.contains(s), "{s}: {timeline}");
    }
    assert!(t1.contains(
        "<a href=\"../../agencies/so-thong-tin-va-truyen-thong/\">Department of Information</a>"
    ));
}

#[test]
fn items_without_an_update_at_the_latest_review_are_marked() {
    let f = files();
    let year = &f["en/years/2023/index.html"];
    let g3 = between(year, "id=\"goal-G3\"", "</li>");
    assert!(g3.contains("No update since Q1"), "{g3}");
    assert!(!between(year, "id=\"goal-G1\"", "</li>").contains("No update"));
    assert!(f["en/goals/g3/index.html"].contains("No update since Q1"));
    assert!(f["muc-tieu/g3/index.html"].contains("Chưa cập nhật từ kỳ Q1"));
}

#[test]
fn search_results_lead_to_record_pages() {
    let f = files();
    let docs = &f["search/en/d/0.json"];
    assert!(
        docs.contains("\"G1 Goal\",\"en/goals/g1/#year-2023\""),
        "{docs}"
    );
    assert!(
        docs.contains("\"T3 Task\",\"en/tasks/t3/#year-2023\""),
        "{docs}"
    );
    assert!(f["search/vi/d/0.json"].contains("\"nhiem-vu/t1/#year-2023\""));
}

#[test]
fn each_review_is_an_entry_of_the_home_feed_with_its_figures() {
    let f = files();
    let en = &f["en/atom.xml"];
    assert_eq!(en.matches("<entry>").count(), 3, "{en}");
    assert!(
        en.contains("<title>Q3 meeting – 2023 report</title>\n    <id>years/2023/q3/</id>"),
        "{en}"
    );
    assert!(en.contains("<published>2023-07-14T00:00:00Z</published>"));
    assert!(en.contains("<summary>0 of 3 goals completed (1 not assessed); 0 of 2 tasks done (1 not assessed)</summary>"), "{en}");
    let vi = &f["atom.xml"];
    assert!(
        vi.contains("<title>Họp quý I – báo cáo năm 2023</title>"),
        "{vi}"
    );
    assert!(
        !f["en/news/atom.xml"].contains("<entry>"),
        "the news feed has news only"
    );
}
