//! The layout of a year workbook (CONTRACT §5), as one table: its sheets and columns, their
//! English keys (the YAML keys) and Vietnamese names, the kind of value each holds, and how a
//! name written in a file is matched. The reader, the published workbook, the template and the
//! instructions sheet all read this table, so a new column is one line here.
//!
//! Names are matched after folding: trimmed, spaces collapsed, lower case, Vietnamese diacritics
//! removed (`đ` → `d`). So `Mục tiêu`, `MỤC TIÊU`, `Muc tieu`, a decomposed (NFD) `Mục tiêu`
//! and both tone placements (`hoà`/`hòa`) are one name. No two names of one sheet fold alike
//! (a test checks it).

/// The kind of value a column holds: which conversion reads it, and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Ids and references: written as text cells, so `01` stays `01`.
    Text,
    /// One column per language: `title.vi`, `title.en`.
    Localized,
    /// A number cell, or a number typed as text (`85,5`).
    Number,
    /// A date cell, or `YYYY-MM-DD` typed as text.
    Date,
    /// `done` | `in_progress` | `not_started`, from a drop-down.
    Status,
    /// `lower` | `higher`, from a drop-down.
    Better,
    /// A file of `content/static/` or an `http(s)` address.
    Link,
}

/// One column of a sheet: its YAML key, its Vietnamese names, its kind and what it means.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The YAML key (`target`), without a language.
    pub key: &'static str,
    /// The Vietnamese header the template writes (`Chỉ tiêu`).
    pub vi: &'static str,
    /// Other Vietnamese headers read as this column (`ĐVT` for `Đơn vị tính`).
    pub also: &'static [&'static str],
    /// What it holds.
    pub kind: FieldKind,
    /// What it means, in Vietnamese (the instructions sheet).
    pub vi_help: &'static str,
    /// What it means, in English.
    pub en_help: &'static str,
}

impl Field {
    /// Whether a folded header, its language taken off, names this field.
    fn is_named(&self, folded: &str) -> bool {
        folded == self.key || folded == fold(self.vi) || self.also.iter().any(|a| folded == fold(a))
    }
}

const fn f(
    key: &'static str,
    vi: &'static str,
    also: &'static [&'static str],
    kind: FieldKind,
    vi_help: &'static str,
    en_help: &'static str,
) -> Field {
    Field {
        key,
        vi,
        also,
        kind,
        vi_help,
        en_help,
    }
}

use FieldKind::{Better, Date, Link, Localized, Number, Status, Text};

// One line per column: key, Vietnamese header, other Vietnamese headers, kind, help (vi, en).
#[rustfmt::skip]
const ID: Field = f("id", "Mã", &[], Text, "Mã, duy nhất trong năm", "Id, unique within the year");
#[rustfmt::skip]
const GROUP: Field = f("group", "Nhóm", &[], Text, "Mã nhóm (trang Nhóm)", "Group id (groups sheet)");
#[rustfmt::skip]
const PLAN: Field = f("plan", "Kế hoạch", &[], Text, "Số hiệu kế hoạch (trang Kế hoạch)", "Plan id (plans sheet)");

#[rustfmt::skip]
static GOALS: &[Field] = &[
    ID,
    f("title", "Tên", &[], Localized, "Tên mục tiêu", "The goal's title"),
    GROUP,
    PLAN,
    f("progress", "Tiến độ", &[], Number, "Tỷ lệ hoàn thành (%), thay cho chỉ tiêu/thực hiện", "Percent complete, instead of target/actual"),
    f("target", "Chỉ tiêu", &[], Number, "Chỉ tiêu", "Target"),
    f("actual", "Thực hiện", &["Kết quả"], Number, "Kết quả thực hiện", "Actual value"),
    f("baseline", "Giá trị ban đầu", &[], Number, "Giá trị ban đầu (chỉ tiêu giảm dần)", "Baseline (also for goals that must decrease)"),
    f("unit", "Đơn vị tính", &["ĐVT"], Localized, "Đơn vị tính", "Unit"),
    f("note", "Ghi chú", &[], Localized, "Ghi chú (Markdown)", "Note (Markdown)"),
];
#[rustfmt::skip]
static TASKS: &[Field] = &[
    ID,
    f("title", "Tên", &[], Localized, "Tên nhiệm vụ", "The task's title"),
    f("status", "Trạng thái", &["Tình trạng"], Status, "Hoàn thành / Đang thực hiện / Chưa thực hiện", "done / in_progress / not_started"),
    GROUP,
    PLAN,
    f("owner", "Đơn vị chủ trì", &["Cơ quan chủ trì"], Localized, "Cơ quan, đơn vị chủ trì", "Responsible agency"),
    f("due", "Thời hạn", &["Hạn hoàn thành"], Date, "Thời hạn hoàn thành (ngày)", "Due date"),
];
#[rustfmt::skip]
static PLANS: &[Field] = &[
    f("id", "Số hiệu", &["Mã"], Text, "Số hiệu văn bản", "Document number"),
    f("date", "Ngày ban hành", &["Ngày"], Date, "Ngày ban hành", "Date issued"),
    f("title", "Tên", &["Trích yếu"], Localized, "Trích yếu", "Title"),
];
#[rustfmt::skip]
static GROUPS: &[Field] = &[ID, f("name", "Tên", &[], Localized, "Tên nhóm", "Group name")];
#[rustfmt::skip]
static INDICATORS: &[Field] = &[
    ID,
    f("name", "Tên", &[], Localized, "Tên chỉ số", "Indicator name"),
    f("value", "Giá trị", &[], Number, "Giá trị (để trống nếu không đánh giá)", "Value (empty if not measured)"),
    f("out_of", "Trên tổng số", &[], Number, "Trên tổng số (ví dụ 63 tỉnh)", "Out of (e.g. 63 provinces)"),
    f("better", "Tốt hơn khi", &[], Better, "Thấp hơn / Cao hơn là tốt hơn", "lower / higher is better"),
];
#[rustfmt::skip]
static REVIEWS: &[Field] = &[
    f("id", "Mã kỳ", &["Mã"], Text, "Mã kỳ đánh giá (Q1, Q2...)", "Review id (Q1, Q2...)"),
    f("date", "Ngày họp", &["Ngày"], Date, "Ngày họp", "Meeting date"),
    f("title", "Tên", &[], Localized, "Tên cuộc họp", "Meeting title"),
    f("document", "Tài liệu", &["Biên bản"], Link, "Biên bản (tệp hoặc đường dẫn)", "Minutes (file or URL)"),
];
/// Evidence of goals, tasks, plans and reviews (CONTRACT §4 `evidence`): one row per document,
/// naming what it supports by `kind` and `id`.
#[rustfmt::skip]
static EVIDENCE: &[Field] = &[
    f("kind", "Loại", &[], Text, "Mục tiêu / Nhiệm vụ / Kế hoạch / Kỳ đánh giá", "goal / task / plan / review"),
    f("id", "Mã", &[], Text, "Mã mục tiêu, nhiệm vụ, kế hoạch hoặc kỳ", "Goal, task, plan or review id"),
    f("title", "Tên", &[], Localized, "Tên tài liệu", "Document title"),
    f("url", "Đường dẫn", &[], Link, "Tệp hoặc đường dẫn", "File or URL"),
];
#[rustfmt::skip]
static YEAR: &[Field] = &[
    f("key", "Mục", &[], Text, "Mục", "Key"),
    f("value", "Nội dung", &[], Text, "Nội dung", "Value"),
];
/// The keys of the `year` sheet's rows.
#[rustfmt::skip]
pub static YEAR_KEYS: &[Field] = &[
    f("year", "Năm", &[], Number, "Năm báo cáo", "Reporting year"),
    f("title", "Tên", &[], Localized, "Tên báo cáo năm", "The year's title"),
    f("summary", "Tóm tắt", &[], Localized, "Tóm tắt (Markdown)", "Summary (Markdown)"),
];

/// The sheets tiendo reads, in the order the writer lays them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SheetKind {
    /// `goals`.
    Goals,
    /// `tasks`.
    Tasks,
    /// `plans`.
    Plans,
    /// `groups`.
    Groups,
    /// `indicators`.
    Indicators,
    /// `reviews`.
    Reviews,
    /// `evidence`.
    Evidence,
    /// `year`: `key`/`value` rows.
    Year,
}

impl SheetKind {
    /// Every sheet, in the writer's order.
    pub const ALL: [SheetKind; 8] = [
        SheetKind::Goals,
        SheetKind::Tasks,
        SheetKind::Plans,
        SheetKind::Groups,
        SheetKind::Indicators,
        SheetKind::Reviews,
        SheetKind::Evidence,
        SheetKind::Year,
    ];

    /// The English name, which is also the YAML list's key (`goals`).
    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Goals => "goals",
            SheetKind::Tasks => "tasks",
            SheetKind::Plans => "plans",
            SheetKind::Groups => "groups",
            SheetKind::Indicators => "indicators",
            SheetKind::Reviews => "reviews",
            SheetKind::Evidence => "evidence",
            SheetKind::Year => "year",
        }
    }

    /// The Vietnamese name (`Mục tiêu`).
    pub fn vi(self) -> &'static str {
        match self {
            SheetKind::Goals => "Mục tiêu",
            SheetKind::Tasks => "Nhiệm vụ",
            SheetKind::Plans => "Kế hoạch",
            SheetKind::Groups => "Nhóm",
            SheetKind::Indicators => "Chỉ số",
            SheetKind::Reviews => "Kỳ đánh giá",
            SheetKind::Evidence => "Minh chứng",
            SheetKind::Year => "Năm",
        }
    }

    /// The sheet's columns (for `year`: `key` and `value`).
    pub fn fields(self) -> &'static [Field] {
        match self {
            SheetKind::Goals => GOALS,
            SheetKind::Tasks => TASKS,
            SheetKind::Plans => PLANS,
            SheetKind::Groups => GROUPS,
            SheetKind::Indicators => INDICATORS,
            SheetKind::Reviews => REVIEWS,
            SheetKind::Evidence => EVIDENCE,
            SheetKind::Year => YEAR,
        }
    }

    /// What the sheet's `history.<review id>` columns hold: goals a number, tasks a status.
    pub fn history(self) -> Option<FieldKind> {
        match self {
            SheetKind::Goals => Some(Number),
            SheetKind::Tasks => Some(Status),
            _ => None,
        }
    }

    /// The kind of the column `key` (`title.vi`, `history.Q1`) of this sheet.
    pub fn column_kind(self, key: &str) -> FieldKind {
        if key.starts_with("history.") {
            return self.history().unwrap_or(Text);
        }
        let base = key.split('.').next().unwrap_or(key);
        self.fields()
            .iter()
            .find(|fl| fl.key == base)
            .map_or(Text, |fl| fl.kind)
    }
}

/// The Vietnamese name of the instructions sheet, which tiendo skips without a word.
pub const INSTRUCTIONS_VI: &str = "Hướng dẫn";
/// Its English name.
pub const INSTRUCTIONS_EN: &str = "instructions";
/// The Vietnamese header of `history.<review id>` columns: `Kỳ Q1`.
pub const HISTORY_VI: &str = "Kỳ";

/// What a sheet's name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetName {
    /// A sheet of the year.
    Data(SheetKind),
    /// The instructions, for people.
    Instructions,
    /// Not one tiendo reads.
    Unknown,
}

/// What the sheet named `name` is.
pub fn classify_sheet(name: &str) -> SheetName {
    let n = fold(name);
    if n == fold(INSTRUCTIONS_VI) || n == INSTRUCTIONS_EN || n.starts_with("huong dan ") {
        return SheetName::Instructions;
    }
    SheetKind::ALL
        .into_iter()
        .find(|k| n == k.key() || n == fold(k.vi()))
        .map_or(SheetName::Unknown, SheetName::Data)
}

/// Every name a sheet may have, for "did you mean".
pub fn sheet_names() -> impl Iterator<Item = &'static str> {
    SheetKind::ALL.into_iter().flat_map(|k| [k.key(), k.vi()])
}

/// What a column header means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// The canonical key: `id`, `title.vi`, `history.Q1`.
    Key(String),
    /// `# …`: a column for people, not read.
    Ignored,
}

/// Why a header was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: String,
}

/// Reads a header cell of a sheet. `languages`: the site's, the default first.
pub fn classify_column(
    kind: SheetKind,
    header: &str,
    languages: &[String],
) -> Result<Column, ColumnError> {
    classify_field(kind.fields(), kind.history(), header, languages)
}

/// Reads a key of the `year` sheet (`title.vi`, `Tóm tắt (en)`, `year`).
pub fn classify_year_key(header: &str, languages: &[String]) -> Result<Column, ColumnError> {
    classify_field(YEAR_KEYS, None, header, languages)
}

fn classify_field(
    fields: &[Field],
    history: Option<FieldKind>,
    header: &str,
    languages: &[String],
) -> Result<Column, ColumnError> {
    let raw = header.trim();
    if raw.starts_with('#') {
        return Ok(Column::Ignored);
    }
    let folded = fold(raw);
    if history.is_some() {
        if let Some(column) = history_column(raw, &folded) {
            return column;
        }
    }
    let (base, lang) = split_language(&folded);
    let field = fields.iter().find(|fl| fl.is_named(base));
    let default = languages.first().map_or("vi", String::as_str);
    match (field, lang) {
        (Some(fl), None) if fl.kind == Localized => {
            Ok(Column::Key(format!("{}.{default}", fl.key)))
        }
        (Some(fl), None) => Ok(Column::Key(fl.key.to_string())),
        (Some(fl), Some(lang)) if fl.kind == Localized => {
            match languages.iter().find(|l| l.eq_ignore_ascii_case(lang)) {
                Some(l) => Ok(Column::Key(format!("{}.{l}", fl.key))),
                None => Err(ColumnError {
                    message: format!(
                        "column `{raw}` is in language `{lang}`, which the site does not have"
                    ),
                    help: format!(
                        "the site's languages are: {} (set in `site.yaml`)",
                        languages.join(", ")
                    ),
                }),
            }
        }
        _ => Err(unknown_column(
            raw,
            &folded,
            fields,
            history.is_some(),
            languages,
        )),
    }
}

/// The column an unknown `header` of a sheet was likely meant to be: the key of its "did you
/// mean" (`stauts` → `status`), if there is one.
pub fn meant_column(kind: SheetKind, header: &str, languages: &[String]) -> Option<String> {
    let names = column_names(kind.fields(), kind.history().is_some(), languages);
    let best = did_you_mean(header.trim(), names.iter().map(String::as_str))?;
    match classify_column(kind, best, languages) {
        Ok(Column::Key(key)) => Some(key),
        _ => None,
    }
}

/// `history.Q1` or `Kỳ Q1`: the review id keeps its spelling.
fn history_column(raw: &str, folded: &str) -> Option<Result<Column, ColumnError>> {
    let id = if folded.starts_with("history.") {
        raw.split_once('.').map_or("", |(_, r)| r).trim()
    } else if folded.starts_with(&(fold(HISTORY_VI) + " ")) {
        raw.split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim()
    } else {
        return None;
    };
    if id.is_empty() {
        return Some(Err(ColumnError {
            message: format!("column `{raw}` names no review"),
            help: "write the review's id after it: `history.Q1` (or `Kỳ Q1`)".into(),
        }));
    }
    Some(Ok(Column::Key(format!("history.{id}"))))
}

fn unknown_column(
    raw: &str,
    folded: &str,
    fields: &[Field],
    history: bool,
    languages: &[String],
) -> ColumnError {
    let candidates = column_names(fields, history, languages);
    let help = match did_you_mean(folded, candidates.iter().map(String::as_str)) {
        Some(best) => {
            format!("did you mean `{best}`? (a column only for people may start with `#`)")
        }
        None => format!(
            "the columns of this sheet are {} (a column only for people may start with `#`)",
            column_list(fields, history, languages)
        ),
    };
    ColumnError {
        message: format!("unknown column `{raw}`"),
        help,
    }
}

/// `title.vi` → (`title`, `vi`); `ten (vi)` → (`ten`, `vi`); `id` → (`id`, none).
fn split_language(folded: &str) -> (&str, Option<&str>) {
    if let Some(inner) = folded.strip_suffix(')') {
        if let Some(i) = inner.rfind('(') {
            let lang = inner.get(i + 1..).unwrap_or("").trim();
            return (inner.get(..i).unwrap_or("").trim_end(), Some(lang));
        }
    }
    match folded.rsplit_once('.') {
        Some((base, lang))
            if !lang.is_empty() && lang.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') =>
        {
            (base, Some(lang))
        }
        _ => (folded, None),
    }
}

/// Every header a sheet reads (English and Vietnamese), with the site's languages.
pub fn column_names(fields: &[Field], history: bool, languages: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for fl in fields {
        let vis = std::iter::once(&fl.vi).chain(fl.also);
        if fl.kind == Localized {
            for l in languages {
                out.push(format!("{}.{l}", fl.key));
                out.extend(vis.clone().map(|vi| format!("{vi} ({l})")));
            }
        } else {
            out.push(fl.key.to_string());
            out.extend(vis.map(|vi| vi.to_string()));
        }
    }
    if history {
        out.push("history.<review id>".into());
        out.push(format!("{HISTORY_VI} <review id>"));
    }
    out
}

/// `id (Mã), title.vi (Tên (vi)), …`: a sheet's columns, for a hint.
fn column_list(fields: &[Field], history: bool, languages: &[String]) -> String {
    let mut out = Vec::new();
    for fl in fields {
        if fl.kind == Localized {
            out.extend(
                languages
                    .iter()
                    .map(|l| format!("{}.{l} ({} ({l}))", fl.key, fl.vi)),
            );
        } else {
            out.push(format!("{} ({})", fl.key, fl.vi));
        }
    }
    if history {
        out.push(format!("history.<review id> ({HISTORY_VI} <review id>)"));
    }
    out.join(", ")
}

/// The header a writer puts over a column key: English (`title.vi`) or Vietnamese (`Tên (vi)`).
pub fn header_for(kind: SheetKind, key: &str, vietnamese: bool) -> String {
    if !vietnamese {
        return key.to_string();
    }
    if let Some(id) = key.strip_prefix("history.") {
        return format!("{HISTORY_VI} {id}");
    }
    let (base, lang) = key
        .split_once('.')
        .map_or((key, None), |(b, l)| (b, Some(l)));
    match (kind.fields().iter().find(|fl| fl.key == base), lang) {
        (Some(fl), Some(l)) => format!("{} ({l})", fl.vi),
        (Some(fl), None) => fl.vi.to_string(),
        (None, _) => key.to_string(),
    }
}

/// A key of the `year` sheet as the writer spells it (`title.vi`, or `Tên (vi)`).
pub fn year_key_for(key: &str, vietnamese: bool) -> String {
    if !vietnamese {
        return key.to_string();
    }
    let (base, lang) = key
        .split_once('.')
        .map_or((key, None), |(b, l)| (b, Some(l)));
    match (YEAR_KEYS.iter().find(|fl| fl.key == base), lang) {
        (Some(fl), Some(l)) => format!("{} ({l})", fl.vi),
        (Some(fl), None) => fl.vi.to_string(),
        (None, _) => key.to_string(),
    }
}

/// The values of `status` (and tasks' `history.*`) with their Vietnamese names.
pub static STATUS_VALUES: &[(&str, &str)] = &[
    ("done", "Hoàn thành"),
    ("in_progress", "Đang thực hiện"),
    ("not_started", "Chưa thực hiện"),
];
/// The values of `better` with their Vietnamese names.
pub static BETTER_VALUES: &[(&str, &str)] = &[("lower", "Thấp hơn"), ("higher", "Cao hơn")];
/// The values of the evidence sheet's `kind` with their Vietnamese names.
pub static EVIDENCE_KINDS: &[(&str, &str)] = &[
    ("goal", "Mục tiêu"),
    ("task", "Nhiệm vụ"),
    ("plan", "Kế hoạch"),
    ("review", "Kỳ đánh giá"),
];

/// The drop-down values of a kind of column, if it has them.
pub fn choices(kind: FieldKind) -> Option<&'static [(&'static str, &'static str)]> {
    match kind {
        Status => Some(STATUS_VALUES),
        Better => Some(BETTER_VALUES),
        _ => None,
    }
}

/// `Hoàn thành`, `hoan thanh`, `done`, `In progress` → the YAML value, from `table`.
pub fn canonical_value(table: &[(&'static str, &str)], text: &str) -> Option<&'static str> {
    let n = fold(text).replace(' ', "_");
    table
        .iter()
        .find(|(k, vi)| n == *k || n == fold(vi).replace(' ', "_"))
        .map(|(k, _)| *k)
}

/// Trims, collapses spaces, lower-cases and removes Vietnamese diacritics.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::slug::fold(s).chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The candidate closest to `word` after folding both (`Muc tieu` finds `Mục tiêu`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let pairs: Vec<(String, &str)> = candidates.into_iter().map(|c| (fold(c), c)).collect();
    let best = crate::diag::did_you_mean(&fold(word), pairs.iter().map(|(f, _)| f.as_str()))?;
    pairs.iter().find(|(f, _)| f == best).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests;
