//! `tiendo new article`, `tiendo new year` and `tiendo init`: files a writer starts from.
//!
//! These are the only commands besides `build` that write, and they only ever create files:
//! an existing file is never overwritten. YAML is written by hand, every string quoted as a
//! JSON string (which is also a valid double-quoted YAML scalar), so any title survives.

use crate::date::Date;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{self, FsError};
use crate::load::{self, LoadOptions};
use crate::model::{Bucket, Localized, Rule, Site, TaskStatus, Year};
use crate::slug::slugify;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Why nothing was created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// A file exists already, or the site is not in a state to scaffold from: exit status 1.
    Refused(Diagnostics),
    /// A file could not be written: exit status 2.
    Io(FsError),
}

impl From<Box<Diagnostic>> for ScaffoldError {
    fn from(d: Box<Diagnostic>) -> Self {
        ScaffoldError::from(*d)
    }
}

impl From<Diagnostic> for ScaffoldError {
    fn from(d: Diagnostic) -> Self {
        let mut diags = Diagnostics::new();
        diags.push(d);
        ScaffoldError::Refused(diags)
    }
}

/// What was created.
#[derive(Debug)]
pub struct Created {
    /// The new files, relative to the current folder as given (`--root` joined).
    pub paths: Vec<PathBuf>,
    /// One line about what was done, for the terminal.
    pub note: String,
}

/// A string as a double-quoted YAML scalar.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A number as YAML writes it (`80`, `85.5`).
fn num(x: f64) -> String {
    format!("{x}")
}

/// A localised text in the form it was written: a plain string, or `{vi: "…", en: "…"}`.
fn loc(l: &Localized, default: &str) -> String {
    let keys: Vec<&str> = l.map_langs().collect();
    if keys.is_empty() {
        return q(l.exact(default, default).unwrap_or_default());
    }
    let parts: Vec<String> = keys
        .iter()
        .map(|k| {
            let key = if ["y", "n", "no", "yes", "on", "off"].contains(k) {
                q(k)
            } else {
                (*k).to_string()
            };
            format!("{key}: {}", q(l.exact(k, default).unwrap_or_default()))
        })
        .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The site's languages, read leniently from `content/site.yaml` (default first).
fn site_languages(root: &Path) -> Result<Vec<String>, Box<Diagnostic>> {
    #[derive(serde::Deserialize)]
    struct Partial {
        languages: Option<Vec<String>>,
    }
    let rel = Path::new("content/site.yaml");
    if !root.join(rel).is_file() {
        return Err(Box::new(Diagnostic::error(
            rel,
            format!("no `content/site.yaml` in `{}`: this is not a tiendo site", root.display()),
        )
        .help("run the command in the folder that holds `content/`, or pass `--root DIR`; `tiendo init DIR` creates a new site")));
    }
    let src = load::read_source(root, rel)?;
    let partial: Partial = crate::yaml::parse(&src.text, rel, 0)?;
    let langs = partial
        .languages
        .unwrap_or_else(|| vec!["vi".into(), "en".into()]);
    let valid = !langs.is_empty()
        && langs
            .iter()
            .all(|c| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()));
    if !valid {
        return Err(Box::new(
            Diagnostic::error(rel, "`languages` is not a list of language codes")
                .help("write `languages: [vi, en]`, the default language first"),
        ));
    }
    Ok(langs)
}

fn write_new(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, ScaffoldError> {
    let existing: Vec<&PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| fs::symlink_metadata(&root.join(p)).is_ok())
        .collect();
    if !existing.is_empty() {
        let mut diags = Diagnostics::new();
        for p in existing {
            diags.push(
                Diagnostic::error(p, "this file exists already; tiendo never overwrites it")
                    .help("choose another name, or edit the existing file"),
            );
        }
        return Err(ScaffoldError::Refused(diags));
    }
    let mut out = Vec::new();
    for (rel, text) in files {
        let p = root.join(rel);
        fs::write(&p, text.as_bytes()).map_err(ScaffoldError::Io)?;
        out.push(if root == Path::new(".") {
            rel.clone()
        } else {
            p
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// new article

/// Creates `content/news/<slug>.<lang>.md` for every site language, as a draft dated `today`.
pub fn new_article(root: &Path, title: &str, today: Date) -> Result<Created, ScaffoldError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(
            Diagnostic::error("content/news", "the article needs a title")
                .help("write it in quotes: `tiendo new article \"Kết quả quý I\"`")
                .into(),
        );
    }
    let langs = site_languages(root)?;
    let slug = slugify(title);
    // Any file of the same stem, in any language, would pair with the new one.
    let mut taken: Vec<(PathBuf, String)> = langs
        .iter()
        .map(|l| {
            (
                PathBuf::from(format!("content/news/{slug}.{l}.md")),
                String::new(),
            )
        })
        .collect();
    taken.push((
        PathBuf::from(format!("content/news/{slug}.md")),
        String::new(),
    ));
    if let Some((p, _)) = taken
        .iter()
        .find(|(p, _)| fs::symlink_metadata(&root.join(p)).is_ok())
    {
        return Err(Diagnostic::error(
            p,
            format!(
                "an article with the file name `{slug}` exists already; tiendo never overwrites it"
            ),
        )
        .help("choose another title, or edit the existing article")
        .into());
    }
    let files: Vec<(PathBuf, String)> = langs
        .iter()
        .map(|l| {
            // No shortcode in the comment: it would be expanded, and fail for a missing year.
            let hint = if l == "vi" {
                "Viết bài ở đây, bằng Markdown. Số liệu lấy từ dữ liệu bằng shortcode: figure(year=…, key=\"goals.completed\") đặt trong hai cặp ngoặc nhọn (xem README). Xóa dòng `draft: true` khi bài sẵn sàng đăng."
            } else {
                "Write the article here, in Markdown. Quote figures from the data with shortcodes: figure(year=…, key=\"goals.completed\") inside double curly braces (see the README). Delete the `draft: true` line when the article is ready."
            };
            let text = format!(
                "---\ntitle: {}\ndate: {today}\ndraft: true\n---\n<!-- {hint} -->\n",
                q(title)
            );
            (PathBuf::from(format!("content/news/{slug}.{l}.md")), text)
        })
        .collect();
    let paths = write_new(root, &files)?;
    let others = if langs.len() > 1 {
        " Translate the title in each language's file."
    } else {
        ""
    };
    Ok(Created {
        paths,
        note: format!(
            "created a draft article in {} ({}).{others} Preview it with `tiendo serve --drafts`.",
            langs.join(", "),
            if langs.len() == 1 {
                "one file"
            } else {
                "one file per language"
            }
        ),
    })
}

// ---------------------------------------------------------------------------------------------
// new year

/// Creates `content/years/<year>.yaml`, carrying over from the latest earlier year the goals
/// not completed and the tasks not done, with the groups and plans they name.
pub fn new_year(root: &Path, year: i32, today: Date) -> Result<Created, ScaffoldError> {
    let rel = PathBuf::from(format!("content/years/{year}.yaml"));
    if fs::symlink_metadata(&root.join(&rel)).is_ok() {
        return Err(Diagnostic::error(
            &rel,
            "this year file exists already; tiendo never overwrites it",
        )
        .help("edit it, or remove it first if you want to start it again")
        .into());
    }
    let langs = site_languages(root)?;
    let default = langs[0].clone();
    let previous = latest_year_before(root, year);
    let (text, note) = match previous {
        None => (
            format!(
                "# The year {year}. See the README of tiendo for every key.\nyear: {year}\ngoals: []\ntasks: []\n"
            ),
            format!("no earlier year file: created an empty {year}"),
        ),
        Some(prev) => {
            let (site, diags) = load::load_site(&LoadOptions::new(root, today).drafts(true));
            let prev_rel = PathBuf::from(format!("content/years/{prev}.yaml"));
            let Some(old) = site.as_ref().and_then(|s: &Site| s.year(prev)) else {
                let mut out = Diagnostics::new();
                for d in diags.iter().filter(|d| d.is_error()) {
                    out.push(d.clone());
                }
                out.push(
                    Diagnostic::error(
                        &prev_rel,
                        format!("cannot carry over from {prev}: the site has errors (listed above)"),
                    )
                    .help(format!("fix them (`tiendo check` lists them), then run `tiendo new year {year}` again")),
                );
                return Err(ScaffoldError::Refused(out));
            };
            carry_over(old, year, &default)
        }
    };
    let paths = write_new(root, &[(rel, text)])?;
    Ok(Created { paths, note })
}

/// The largest `NNNN` of `content/years/NNNN.yaml` below `year`.
fn latest_year_before(root: &Path, year: i32) -> Option<i32> {
    let dir = root.join("content/years");
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".yaml")?;
            (stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
                .then(|| stem.parse::<i32>().ok())
                .flatten()
        })
        .filter(|&y| y < year)
        .max()
}

/// The text of the new year file and a note listing what was carried over.
fn carry_over(old: &Year, year: i32, default: &str) -> (String, String) {
    let goals: Vec<_> = old
        .goals
        .iter()
        .filter(|g| g.bucket != Bucket::Completed)
        .collect();
    let tasks: Vec<_> = old
        .tasks
        .iter()
        .filter(|t| t.status != TaskStatus::Done)
        .collect();
    let used = |id: &str,
                f: &dyn Fn(&crate::model::Goal) -> Option<&str>,
                g: &dyn Fn(&crate::model::Task) -> Option<&str>| {
        goals.iter().any(|x| f(x) == Some(id)) || tasks.iter().any(|x| g(x) == Some(id))
    };
    let plans: Vec<_> = old
        .plans
        .iter()
        .filter(|p| used(&p.id, &|g| g.plan.as_deref(), &|t| t.plan.as_deref()))
        .collect();
    let groups: Vec<_> = old
        .groups
        .iter()
        .filter(|gr| used(&gr.id, &|g| g.group.as_deref(), &|t| t.group.as_deref()))
        .collect();
    let prev = old.year;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# The year {year}, started by `tiendo new year {year}` from {prev}: the goals not completed\n\
         # and the tasks not done in {prev}, with their ids. Update every `actual`, `progress` and\n\
         # `status`, set the `due` dates, and add the new goals and tasks."
    );
    let _ = writeln!(s, "year: {year}");
    if !plans.is_empty() {
        let _ = writeln!(s, "plans:");
        for p in &plans {
            let _ = writeln!(s, "  - id: {}", q(&p.id));
            if let Some(d) = p.date {
                let _ = writeln!(s, "    date: {d}");
            }
            if let Some(t) = &p.title {
                let _ = writeln!(s, "    title: {}", loc(t, default));
            }
        }
    }
    if !groups.is_empty() {
        let _ = writeln!(s, "groups:");
        for g in &groups {
            let _ = writeln!(s, "  - id: {}", q(&g.id));
            let _ = writeln!(s, "    name: {}", loc(&g.name, default));
        }
    }
    if goals.is_empty() {
        let _ = writeln!(s, "goals: []");
    } else {
        let _ = writeln!(s, "goals:");
    }
    for g in &goals {
        let _ = writeln!(s, "  - id: {}", q(&g.id));
        let _ = writeln!(s, "    title: {}", loc(&g.title, default));
        if let Some(x) = &g.group {
            let _ = writeln!(s, "    group: {}", q(x));
        }
        if let Some(x) = &g.plan {
            let _ = writeln!(s, "    plan: {}", q(x));
        }
        match g.rule {
            Rule::Progress(p) => {
                let _ = writeln!(s, "    progress: 0   # {} in {prev}", num(p));
            }
            Rule::Target {
                target,
                actual,
                baseline,
            } => {
                if let Some(b) = baseline {
                    let _ = writeln!(s, "    baseline: {}", num(b));
                }
                let _ = writeln!(s, "    target: {}", num(target));
                let _ = writeln!(
                    s,
                    "    actual: {}   # the {prev} value: update it",
                    num(actual)
                );
            }
        }
        if let Some(u) = &g.unit {
            let _ = writeln!(s, "    unit: {}", loc(u, default));
        }
    }
    if tasks.is_empty() {
        let _ = writeln!(s, "tasks: []");
    } else {
        let _ = writeln!(s, "tasks:");
    }
    for t in &tasks {
        let _ = writeln!(s, "  - id: {}", q(&t.id));
        let _ = writeln!(s, "    title: {}", loc(&t.title, default));
        let _ = writeln!(s, "    status: {}", t.status.key());
        if let Some(x) = &t.group {
            let _ = writeln!(s, "    group: {}", q(x));
        }
        if let Some(x) = &t.plan {
            let _ = writeln!(s, "    plan: {}", q(x));
        }
        if let Some(o) = &t.owner {
            let _ = writeln!(s, "    owner: {}", loc(o, default));
        }
    }
    let ids = |v: Vec<&str>| {
        if v.is_empty() {
            String::new()
        } else {
            format!(" ({})", v.join(", "))
        }
    };
    let note = format!(
        "carried over from {prev}: {} of {} goals not completed{} and {} of {} tasks not done{}",
        goals.len(),
        old.goals.len(),
        ids(goals.iter().map(|g| g.id.as_str()).collect()),
        tasks.len(),
        old.tasks.len(),
        ids(tasks.iter().map(|t| t.id.as_str()).collect()),
    );
    (s, note)
}

// ---------------------------------------------------------------------------------------------
// init

/// Creates a small working site in `dir`: settings, one year, one article in Vietnamese and
/// English that quotes the data, and an about page.
pub fn init(dir: &Path, today: Date) -> Result<Created, ScaffoldError> {
    if dir.join("content").exists() {
        return Err(Diagnostic::error(
            dir.join("content"),
            "this folder holds a site already; tiendo never overwrites it",
        )
        .help("choose a new folder: `tiendo init my-site`")
        .into());
    }
    if dir.is_file() {
        return Err(Diagnostic::error(dir, "this is a file, not a folder")
            .help("choose a new folder: `tiendo init my-site`")
            .into());
    }
    let y = today.year();
    let mut files: Vec<(PathBuf, String)> = vec![
        ("content/site.yaml".into(), SITE_YAML.to_string()),
        (
            format!("content/years/{y}.yaml").into(),
            YEAR_YAML.replace("{Y}", &y.to_string()),
        ),
        (
            "content/news/ra-mat-trang-tien-do.vi.md".into(),
            ARTICLE_VI
                .replace("{Y}", &y.to_string())
                .replace("{DATE}", &today.to_string()),
        ),
        (
            "content/news/ra-mat-trang-tien-do.en.md".into(),
            ARTICLE_EN
                .replace("{Y}", &y.to_string())
                .replace("{DATE}", &today.to_string()),
        ),
        ("content/pages/gioi-thieu.vi.md".into(), ABOUT_VI.into()),
        ("content/pages/gioi-thieu.en.md".into(), ABOUT_EN.into()),
    ];
    if !dir.join(".gitignore").exists() {
        files.push((".gitignore".into(), "/output/\n".into()));
    }
    let paths = write_new(dir, &files)?;
    Ok(Created {
        paths,
        note: format!(
            "created a new site in `{}`. Next: `cd {}` and `tiendo serve`, then open http://127.0.0.1:1111/",
            dir.display(),
            dir.display()
        ),
    })
}

const SITE_YAML: &str = r#"# The site's settings. Every text is either {vi: "…", en: "…"} or a plain string (Vietnamese).
title: {vi: "Tiến độ thực hiện kế hoạch", en: "Progress of the plan"}
description: {vi: "Mục tiêu, nhiệm vụ và kết quả thực hiện, cập nhật từ dữ liệu của đơn vị.", en: "Goals, tasks and results, updated from the organisation's own data."}
# The address where the site will live (a sub-path is fine); canonical links use it.
# base_url: "https://example.gov.vn/tien-do/"
languages: [vi, en]
organisation: {vi: "Tên cơ quan của bạn", en: "Your organisation"}
"#;

const YEAR_YAML: &str = r#"# The year {Y}: plans, groups, goals, tasks and indicators. See the README of tiendo.
year: {Y}
title: {vi: "Năm {Y}", en: "The year {Y}"}
summary: {vi: "Tóm tắt kết quả **năm {Y}**.", en: "A summary of **{Y}**."}
plans:
  - id: "KH-01"
    date: {Y}-01-15
    title: {vi: "Kế hoạch chuyển đổi số năm {Y}", en: "Digital transformation plan for {Y}"}
groups:
  - id: services
    name: {vi: "Dịch vụ công", en: "Public services"}
  - id: data
    name: {vi: "Dữ liệu", en: "Data"}
goals:
  - id: G01
    title: {vi: "Tỷ lệ hồ sơ trực tuyến", en: "Share of applications filed online"}
    group: services
    plan: "KH-01"
    target: 80
    actual: 80
    unit: {vi: "%", en: "%"}
  - id: G02
    title: {vi: "Cổng dịch vụ công mới", en: "New public-service portal"}
    group: services
    plan: "KH-01"
    progress: 75
  - id: G03
    title: {vi: "Thời gian xử lý hồ sơ", en: "Processing time"}
    group: data
    baseline: 10
    target: 4
    actual: 7
    unit: {vi: "ngày", en: "days"}
    note: {vi: "Mục tiêu giảm: từ 10 ngày xuống 4 ngày.", en: "A goal that must decrease: from 10 days to 4."}
  - id: G04
    title: {vi: "Số hóa hồ sơ lưu trữ", en: "Digitised archive records"}
    group: data
    progress: 30
tasks:
  - id: T01
    title: {vi: "Ban hành kế hoạch", en: "Issue the plan"}
    status: done
    group: services
    plan: "KH-01"
    owner: {vi: "Văn phòng", en: "Office"}
    due: {Y}-03-31
  - id: T02
    title: {vi: "Đào tạo cán bộ", en: "Train the staff"}
    status: in_progress
    group: services
    owner: {vi: "Phòng Tổ chức", en: "Personnel department"}
    due: {Y}-12-31
  - id: T03
    title: {vi: "Xây dựng kho dữ liệu", en: "Build the data warehouse"}
    status: not_started
    group: data
    due: {Y}-12-31
indicators:
  - id: satisfaction
    name: {vi: "Mức độ hài lòng của người dân", en: "Citizen satisfaction"}
    value: 82
    out_of: 100
    better: higher
"#;

const ARTICLE_VI: &str = r#"---
title: "Ra mắt trang theo dõi tiến độ năm {Y}"
date: {DATE}
summary: "Người dân theo dõi được từng mục tiêu, nhiệm vụ của năm {Y}."
tags: [tiến độ]
year: {Y}
---
Năm {Y} có {{ figure(year={Y}, key="goals.total") }} mục tiêu, trong đó
{{ figure(year={Y}, key="goals.completed") }} đã hoàn thành, và
{{ figure(year={Y}, key="tasks.total") }} nhiệm vụ. Mọi con số trong bài được lấy từ dữ liệu.

{{ goals_summary(year={Y}) }}

Xem [báo cáo năm {Y}](/nam/{Y}/) và [giới thiệu](/gioi-thieu/).
"#;

const ARTICLE_EN: &str = r#"---
title: "Launching the progress site for {Y}"
date: {DATE}
summary: "Citizens can follow every goal and task of {Y}."
tags: [progress]
year: {Y}
slug: site-launch
---
In {Y} there are {{ figure(year={Y}, key="goals.total") }} goals, of which
{{ figure(year={Y}, key="goals.completed") }} are completed, and
{{ figure(year={Y}, key="tasks.total") }} tasks. Every figure here comes from the data.

{{ goals_summary(year={Y}) }}

See the [{Y} report](/en/years/{Y}/) and [about this site](/en/about/).
"#;

const ABOUT_VI: &str = r#"---
title: "Giới thiệu"
---
Trang này công bố tiến độ thực hiện các mục tiêu và nhiệm vụ của đơn vị, cập nhật từ dữ liệu.
Dữ liệu của mỗi năm có thể tải về dưới dạng JSON và CSV.
"#;

const ABOUT_EN: &str = r#"---
title: "About"
slug: about
---
This site publishes the progress of the organisation's goals and tasks, updated from its data.
Each year's data can be downloaded as JSON and CSV.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_safely() {
        assert_eq!(q("a: \"b\" # c\n"), r#""a: \"b\" # c\n""#);
        let l = Localized::from_pairs(vec![
            ("vi".into(), "Chữ \"ký\"".into()),
            ("no".into(), "x".into()),
        ]);
        assert_eq!(loc(&l, "vi"), r#"{vi: "Chữ \"ký\"", "no": "x"}"#);
        assert_eq!(loc(&Localized::plain("- x"), "vi"), r#""- x""#);
        assert_eq!(num(80.0), "80");
        assert_eq!(num(85.5), "85.5");
    }
}
