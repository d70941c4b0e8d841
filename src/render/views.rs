//! The template contract: the only types templates see. Every field is documented here as the
//! theme API; all texts are already in the page's language and all numbers and dates already
//! formatted, so templates stay free of logic.

use serde::Serialize;

/// A text that may be in another language than the page (a fallback): templates print it with
/// `{{ x | loc | safe }}`, which adds `<span lang="…">` where needed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LText {
    /// The text.
    pub text: String,
    /// The language of the text when it differs from the page's, else `None`.
    pub lang: Option<String>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative URL.
    pub href: String,
    /// Link text.
    pub label: String,
}

/// An entry of the main navigation.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Relative URL.
    pub href: String,
    /// Label.
    pub label: String,
    /// This is the current section.
    pub current: bool,
}

/// One language in the language switch.
#[derive(Debug, Clone, Serialize)]
pub struct LangLink {
    /// Language code.
    pub code: String,
    /// The language's own name ("Tiếng Việt", "English").
    pub name: String,
    /// Relative URL of this page in that language, or of that language's home (or news list).
    pub href: String,
    /// This is the page's language.
    pub current: bool,
    /// `href` is this very page, translated.
    pub translated: bool,
}

/// A `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code.
    pub hreflang: String,
    /// Absolute URL where `base_url` is set, else relative.
    pub href: String,
}

/// What every page has.
#[derive(Debug, Clone, Serialize)]
pub struct PageCommon {
    /// Page language code, for `<html lang>`.
    pub lang: String,
    /// Kind of page: `home`, `year`, `years`, `news`, `article`, `tags`, `tag`, `page`, `404`.
    pub kind: String,
    /// Document title (`<title>`), plain text.
    pub title: String,
    /// Meta description, plain text.
    pub description: String,
    /// Site name.
    pub site_title: LText,
    /// Publishing body.
    pub organisation: Option<LText>,
    /// Relative path to the site root (`../../`), ends in `/` or is `./`.
    pub root: String,
    /// Relative URL of the home page in this language.
    pub home: String,
    /// Relative URL of the stylesheet.
    pub css: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// Language switch.
    pub languages: Vec<LangLink>,
    /// Alternate-language links of this page.
    pub alternates: Vec<Alternate>,
    /// Absolute canonical URL, where `base_url` is set.
    pub canonical: Option<String>,
    /// Standalone pages, for the footer.
    pub pages: Vec<Link>,
    /// Set when the page's main text is shown in another language (a missing translation):
    /// the notice to show.
    pub fallback_notice: Option<String>,
    /// Relative URL of the favicon.
    pub favicon: String,
    /// Relative URL of the script that sorts tables and filters goals (year and agency pages).
    pub tables_js: String,
    /// Relative URL of this language's Atom feed.
    pub feed: String,
    /// Open Graph: the page's own title (without the site name).
    pub og_title: String,
    /// Open Graph type: `website` or `article`.
    pub og_type: String,
    /// Open Graph locale (`vi_VN`, `en_US`).
    pub og_locale: String,
    /// Absolute URL of the page's share image, where there is one.
    pub og_image: Option<String>,
    /// (language, path) of this page in every language where it exists. Not for templates.
    #[serde(skip)]
    pub translations: Vec<(String, String)>,
    /// Last modification date, for the sitemap. Not for templates.
    #[serde(skip)]
    pub lastmod: Option<String>,
}

/// A count with its label and share, such as a completion bucket.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    /// Bucket or status key (`completed`, `in_progress`, …), for CSS classes.
    pub key: String,
    /// Label in the page's language.
    pub label: String,
    /// The count.
    pub count: usize,
    /// The count, formatted.
    pub count_text: String,
    /// Share of the total, formatted (`67 %`).
    pub share_text: String,
    /// Share of the total in percent, for bar widths (`66.67`).
    pub share: String,
}

/// A year's headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct YearSummaryView {
    /// The year.
    pub year: i32,
    /// Relative URL of the report.
    pub href: String,
    /// Title of the report.
    pub title: LText,
    /// "20 of 30 goals completed", or `None` for a year without goals.
    pub headline: Option<String>,
    /// "50 of 75 tasks done", or `None` for a year without tasks.
    pub tasks_headline: Option<String>,
    /// Number of goals.
    pub goals_total: usize,
    /// Number of tasks.
    pub tasks_total: usize,
    /// Goals per completion bucket.
    pub buckets: Vec<CountRow>,
    /// Tasks per status.
    pub statuses: Vec<CountRow>,
    /// "See the 2023 report".
    pub link_text: String,
}

/// A plan a goal or task came from.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    /// As written.
    pub id: String,
    /// Title.
    pub title: Option<LText>,
    /// Date of issue, formatted.
    pub date_text: Option<String>,
    /// Date of issue, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// Goals it set.
    pub goals: usize,
    /// Tasks it set.
    pub tasks: usize,
    /// "23 goals, 23 tasks".
    pub counts_text: String,
}

/// A goal in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct GoalView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: LText,
    /// Completion, formatted (`85,5 %`).
    pub completion_text: String,
    /// Completion clamped to 0–100, for the bar width (`85.5`).
    pub bar: String,
    /// Completion, not clamped.
    pub completion: f64,
    /// Bucket key.
    pub bucket: String,
    /// Bucket in words.
    pub bucket_label: String,
    /// Target with unit, formatted, where the goal has one.
    pub target_text: Option<String>,
    /// Actual value with unit.
    pub actual_text: Option<String>,
    /// Baseline with unit.
    pub baseline_text: Option<String>,
    /// The plan's id.
    pub plan: Option<String>,
    /// Note, as HTML.
    pub note_html: Option<String>,
    /// Relative URL of the goal's page across the years.
    pub href: String,
}

/// Goals of one group.
#[derive(Debug, Clone, Serialize)]
pub struct GoalGroupView {
    /// Group id (`""` for goals with no group).
    pub id: String,
    /// Group name.
    pub name: LText,
    /// Its goals.
    pub goals: Vec<GoalView>,
    /// "5 of 7 completed".
    pub summary: String,
}

/// A task in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: LText,
    /// Status key.
    pub status: String,
    /// Status in words.
    pub status_label: String,
    /// Responsible agency.
    pub owner: Option<LText>,
    /// Relative URL of the agency's page.
    pub owner_href: Option<String>,
    /// Deadline, formatted.
    pub due_text: Option<String>,
    /// Deadline, `YYYY-MM-DD`.
    pub due_iso: Option<String>,
    /// Group name.
    pub group: Option<LText>,
    /// The plan's id.
    pub plan: Option<String>,
}

/// Tasks of one status.
#[derive(Debug, Clone, Serialize)]
pub struct TaskStatusView {
    /// Status key.
    pub key: String,
    /// Status in words.
    pub label: String,
    /// Count, formatted.
    pub count_text: String,
    /// The tasks.
    pub tasks: Vec<TaskView>,
}

/// An indicator in a year report.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: LText,
    /// "17/63", or the words for "not assessed".
    pub value_text: String,
    /// "up 5 places since 2020 (not assessed in 2021)".
    pub change_text: Option<String>,
    /// `up`, `down` or `same`: the direction of improvement, for an arrow.
    pub trend: Option<String>,
    /// "Lower is better." / "Higher is better."
    pub better_text: String,
    /// The year of the value.
    pub year: i32,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleCard {
    /// Title.
    pub title: String,
    /// Relative URL.
    pub href: String,
    /// Date, formatted.
    pub date_text: String,
    /// Date-time, RFC 3339, for `<time datetime>`.
    pub date_iso: String,
    /// Summary.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<Link>,
    /// A draft or future-dated article shown because of `--drafts`.
    pub draft: bool,
}

/// Page numbers of a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// 1-based current page.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Previous page URL.
    pub prev: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// The page numbers to show: first, last, and the neighbours of the current page.
    pub pages: Vec<PagerItem>,
}

/// One page number.
#[derive(Debug, Clone, Serialize)]
pub struct PagerItem {
    /// Page number.
    pub number: usize,
    /// Relative URL.
    pub href: String,
    /// Current page.
    pub current: bool,
    /// A gap (…) between page numbers rather than a page.
    pub gap: bool,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// Site description.
    pub intro: Option<LText>,
    /// The latest year with goals.
    pub headline_year: Option<YearSummaryView>,
    /// Later years that have only tasks so far (plans).
    pub upcoming: Vec<YearSummaryView>,
    /// Latest indicator values.
    pub indicators: Vec<IndicatorView>,
    /// The headline year's goals chart.
    pub goals_chart: Option<ChartView>,
    /// Latest articles.
    pub latest_news: Vec<ArticleCard>,
    /// URL of the news list.
    pub news_href: String,
    /// URL of the years list.
    pub years_href: String,
}

/// A year report.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// Headline numbers.
    pub summary: YearSummaryView,
    /// Summary, as HTML.
    pub intro_html: Option<String>,
    /// Goals by group.
    pub groups: Vec<GoalGroupView>,
    /// Tasks by status.
    pub task_statuses: Vec<TaskStatusView>,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// Plans.
    pub plans: Vec<PlanView>,
    /// Articles about this year.
    pub articles: Vec<ArticleCard>,
    /// Heading of the articles section ("News about 2023").
    pub articles_heading: String,
    /// Data downloads (JSON, CSV, charts as SVG and the summary as PNG).
    pub downloads: Vec<Link>,
    /// The year's charts.
    pub charts: YearCharts,
    /// Completion by group, for the table beside the groups chart.
    pub group_rows: Vec<GroupRow>,
    /// The list of responsible agencies.
    pub agencies: Link,
    /// Previous and next year reports.
    pub prev: Option<Link>,
    /// Next year report.
    pub next: Option<Link>,
}

/// A news list page or a tag page.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// Heading.
    pub heading: String,
    /// Articles on this page.
    pub articles: Vec<ArticleCard>,
    /// Page numbers.
    pub pager: Pager,
    /// For tag pages: link back to all tags.
    pub all_tags: Option<Link>,
}

/// A tag in the tag list.
#[derive(Debug, Clone, Serialize)]
pub struct TagItem {
    /// Tag text.
    pub name: String,
    /// Relative URL.
    pub href: String,
    /// Number of articles.
    pub count: usize,
    /// "3 articles".
    pub count_text: String,
}

/// An article page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// Card data (title, date, tags, summary).
    pub card: ArticleCard,
    /// Author.
    pub author: Option<String>,
    /// Image URL.
    pub image: Option<String>,
    /// The report the article is about.
    pub year: Option<Link>,
    /// Body, as HTML.
    pub body_html: String,
}

/// A standalone page.
#[derive(Debug, Clone, Serialize)]
pub struct StandaloneView {
    /// Title.
    pub title: LText,
    /// Body, as HTML.
    pub body_html: String,
    /// Language of the body when it is a fallback.
    pub body_lang: Option<String>,
}

/// A chart, drawn as inline SVG, with the sentence that states what it shows.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// The SVG element (trusted markup: print with `| safe`).
    pub svg: String,
    /// The generated description, also the SVG's `<desc>`.
    pub desc: String,
    /// Relative URL of the chart as a standalone SVG file, for the press.
    pub download: Option<String>,
}

/// A year's charts.
#[derive(Debug, Clone, Serialize, Default)]
pub struct YearCharts {
    /// Goals by completion bucket.
    pub goals: Option<ChartView>,
    /// Tasks by status.
    pub tasks: Option<ChartView>,
    /// Completed share by group.
    pub groups: Option<ChartView>,
}

/// A group's completion, for the table beside the groups chart.
#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    /// Group name.
    pub name: LText,
    /// "3/5".
    pub completed_text: String,
    /// "60 %".
    pub share_text: String,
}

/// An indicator over the years, with its chart and table.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTrend {
    /// Name.
    pub name: LText,
    /// The chart.
    pub chart: Option<ChartView>,
    /// (year, value text) rows.
    pub rows: Vec<(i32, String)>,
    /// "A lower rank is better."
    pub better_text: String,
}

/// The list of years and the across-years charts.
#[derive(Debug, Clone, Serialize)]
pub struct YearsView {
    /// Every year, newest first.
    pub years: Vec<YearSummaryView>,
    /// Share of goals completed per year.
    pub trend: Option<ChartView>,
    /// (year, share text) rows of the trend table.
    pub trend_rows: Vec<(i32, String)>,
    /// Each indicator over the years.
    pub indicators: Vec<IndicatorTrend>,
}
