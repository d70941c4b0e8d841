//! `tiendo init`: a small working site to start from.

use super::{write_new, Created, ScaffoldError};
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::fs;
use std::path::{Path, PathBuf};

/// Creates a small working site in `dir`: settings, one year, one article in Vietnamese and
/// English that quotes the data, and an about page.
pub fn init(dir: &Path, today: Date) -> Result<Created, ScaffoldError> {
    if fs::exists(&dir.join("content")) {
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
    if !fs::exists(&dir.join(".gitignore")) {
        files.push((
            ".gitignore".into(),
            "/output/\n# What the last build wrote (see the README, \"Deploying\"): not part of the site.\n/.output.tiendo-files*\n".into(),
        ));
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
