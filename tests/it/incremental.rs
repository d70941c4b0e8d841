//! Incremental rebuilds (`tiendo serve`): re-rendering only what a changed article touches
//! gives exactly the files a full build gives.

use crate::support::SiteTest;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tiendo::pipeline;
use tiendo::render::{OutputFile, Scope};
use tiendo::BuildOptions;

fn opts(site: &SiteTest) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        today: tiendo::date::Date::parse("2026-11-26").unwrap(),
    }
}

/// A full build's files, and the files it planned.
fn full(site: &SiteTest) -> (BTreeMap<String, Vec<u8>>, BTreeSet<String>) {
    let loaded = pipeline::load(&opts(site).load_options()).expect("loads");
    let (files, done) = pipeline::render_in_memory(&loaded, Scope::All).expect("builds");
    let planned = done.stats.planned.expect("a full render plans its files");
    (
        files.into_iter().map(|f| (f.path, f.bytes)).collect(),
        planned,
    )
}

/// Applies `edit`, updates incrementally, and checks the result against a full build.
fn check(edit: impl FnOnce(&SiteTest), changed: &[&str]) {
    let site = SiteTest::fixture("minimal");
    let (before, planned_before) = full(&site);
    let o = opts(&site);
    let mut loaded = pipeline::load(&o.load_options()).expect("loads");
    edit(&site);
    let (after, _) = full(&site);
    let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
    let changes = pipeline::update(&mut loaded, &o.load_options(), &changed).expect("updates");
    let files = std::sync::Mutex::new(Vec::<OutputFile>::new());
    let sink = |f: OutputFile| -> Result<(), ()> {
        files.lock().unwrap().push(f);
        Ok(())
    };
    let done = pipeline::render(&loaded, Scope::Docs(&changes), &sink).unwrap();
    // What `serve` takes out: the files planned before and no longer (a render of bodies
    // alone plans nothing, and moves nothing).
    let planned_after = done.stats.planned.unwrap_or_else(|| planned_before.clone());
    let gone: Vec<&String> = planned_before.difference(&planned_after).collect();
    let langs: Vec<String> = changes.iter().map(|c| c.lang.clone()).collect();
    pipeline::render(&loaded, Scope::Search(&langs), &sink).unwrap();
    let mut patched = before.clone();
    patched.retain(|path, _| !gone.contains(&path));
    for f in files.into_inner().unwrap() {
        assert_eq!(
            after.get(&f.path),
            Some(&f.bytes),
            "{} differs from a full build",
            f.path
        );
        patched.insert(f.path, f.bytes);
    }
    for (path, bytes) in &after {
        if path == "sitemap.xml" {
            continue;
        }
        assert_eq!(
            patched.get(path),
            Some(bytes),
            "{path} was not redone but changed"
        );
    }
    // Nothing is left that a full build would not write (the search index's shards are
    // replaced as a whole by serve; the sitemap is written again).
    for path in patched.keys() {
        if path.starts_with("sitemap") || path.contains("search/") {
            continue;
        }
        assert!(
            after.contains_key(path),
            "{path} is stale: a full build has it no more"
        );
    }
}

#[test]
fn body_edit_redoes_the_article_and_its_feeds() {
    check(
        |s| {
            s.edit(
                "content/news/tong-ket.vi.md",
                "Xem [báo cáo]",
                "Một câu mới. Xem [báo cáo]",
            );
        },
        &["content/news/tong-ket.vi.md"],
    );
}

#[test]
fn title_and_tag_edit_redoes_lists_tags_home_and_year() {
    check(
        |s| {
            s.edit(
                "content/news/tong-ket.vi.md",
                "title: \"Tổng kết năm 2023\"",
                "title: \"Tổng kết cả năm 2023\"",
            );
            s.edit(
                "content/news/tong-ket.vi.md",
                "tags: [chuyển đổi số, tổng kết]",
                "tags: [chuyển đổi số, hội nghị]",
            );
        },
        &["content/news/tong-ket.vi.md"],
    );
}

#[test]
fn new_and_deleted_articles() {
    check(
        |s| {
            s.write(
                "content/news/moi.vi.md",
                "---\ntitle: \"Tin mới\"\ndate: 2024-01-02\ntags: [tổng kết]\n---\nNội dung.\n",
            );
            s.remove("content/news/chi-tieng-viet.vi.md");
        },
        &[
            "content/news/moi.vi.md",
            "content/news/chi-tieng-viet.vi.md",
        ],
    );
}

#[test]
fn slug_change_updates_the_translation_switch() {
    check(
        |s| {
            s.edit(
                "content/news/tong-ket.en.md",
                "slug: review-2023",
                "slug: the-2023-review",
            );
        },
        &["content/news/tong-ket.en.md"],
    );
}
