//! The output folder between builds: unchanged files keep their inode and time (a deploy by
//! size and time uploads only what changed), files that go away go, and a build never deletes
//! or replaces a file it did not write.

use crate::support::SiteTest;
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

const ARTICLE: &str = "content/news/tong-ket-chuyen-doi-so-2023.vi.md";

/// Every file under `dir` with its bytes, inode and modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, u64, SystemTime)> {
    crate::support::read_tree(dir)
        .into_iter()
        .map(|(path, bytes)| {
            let meta = std::fs::metadata(dir.join(&path)).expect("stat");
            let mtime = meta.modified().expect("mtime");
            (path, (bytes, meta.ino(), mtime))
        })
        .collect()
}

/// Files whose bytes changed, and files whose time or inode changed, between two snapshots.
fn differences(
    before: &BTreeMap<String, (Vec<u8>, u64, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, u64, SystemTime)>,
) -> (Vec<String>, Vec<String>) {
    let mut bytes_changed = Vec::new();
    let mut touched = Vec::new();
    for (path, (bytes, ino, mtime)) in after {
        let Some((old_bytes, old_ino, old_mtime)) = before.get(path) else {
            continue;
        };
        if bytes != old_bytes {
            bytes_changed.push(path.clone());
        }
        if ino != old_ino || mtime != old_mtime {
            touched.push(path.clone());
        }
    }
    (bytes_changed, touched)
}

/// Time for the file system's clock to move on, so that a rewritten file gets a new time.
fn tick() {
    std::thread::sleep(Duration::from_millis(30));
}

#[test]
fn only_files_whose_bytes_change_get_a_new_time() {
    let site = SiteTest::example();
    site.build_ok();
    let out = site.root().join("output");
    let first = snapshot(&out);
    tick();
    // A no-op rebuild touches nothing.
    site.build_ok().says(&format!(
        "0 changed, 0 added, 0 removed, {} unchanged",
        thousands(first.len())
    ));
    let second = snapshot(&out);
    assert_eq!(differences(&first, &second).1, Vec::<String>::new());
    // One article's body: exactly the files whose bytes change get a new time and inode.
    tick();
    site.edit(ARTICLE, "Ban Chỉ đạo", "Ban Chỉ đạo chuyển đổi số");
    let run = site.build_ok();
    let third = snapshot(&out);
    let (bytes_changed, touched) = differences(&second, &third);
    assert!(!bytes_changed.is_empty());
    assert_eq!(
        touched, bytes_changed,
        "touched files = files whose bytes changed"
    );
    assert!(
        bytes_changed.iter().any(|p| p.starts_with("tin-tuc/")),
        "{bytes_changed:?}"
    );
    assert!(bytes_changed.len() < third.len() / 4, "{bytes_changed:?}");
    run.says(&format!(
        "{} changed, 0 added, 0 removed, {} unchanged",
        bytes_changed.len(),
        thousands(third.len() - bytes_changed.len())
    ));
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn files_that_go_away_go_and_the_summary_counts_them() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    assert!(site
        .root()
        .join("output/tin-tuc/tong-ket/index.html")
        .is_file());
    site.remove("content/news/tong-ket.vi.md");
    let run = site.build_ok();
    assert!(!site.root().join("output/tin-tuc/tong-ket").exists());
    assert!(run.stderr.contains(" removed, "), "{}", run.stderr);
    assert!(!run.stderr.contains(" 0 removed, "), "{}", run.stderr);
}

#[test]
fn a_build_never_deletes_a_file_it_did_not_write() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    // What a deploy checkout and a web server's owner put into the output folder.
    site.write("output/CNAME", "tiendo.example.gov.vn\n");
    site.write("output/.htaccess", "Options -Indexes\n");
    site.write("output/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("output/.git/objects/ab/cdef", "blob");
    site.write("output/nam/2023/bien-ban.pdf", "%PDF-1.7");
    std::fs::create_dir_all(site.root().join("output/uploads/empty")).expect("mkdir");
    std::os::unix::fs::symlink("../CNAME", site.root().join("output/nam/cname-link"))
        .expect("symlink");
    let before = snapshot(&site.root().join("output"));
    tick();
    site.remove("content/news/tong-ket.vi.md");
    site.build_ok()
        .says("kept 7 files that tiendo did not write");
    let after = snapshot(&site.root().join("output"));
    for path in [
        "CNAME",
        ".htaccess",
        ".git/HEAD",
        ".git/objects/ab/cdef",
        "nam/2023/bien-ban.pdf",
    ] {
        assert_eq!(after.get(path), before.get(path), "{path} kept as it was");
    }
    assert!(site.root().join("output/uploads/empty").is_dir());
    let link = std::fs::read_link(site.root().join("output/nam/cname-link")).expect("a link");
    assert_eq!(link, Path::new("../CNAME"));
    // And again, with nothing changed.
    site.build_ok();
    assert_eq!(site.read("output/CNAME"), "tiendo.example.gov.vn\n");
}

#[test]
fn a_file_it_did_not_write_where_it_writes_stops_the_build() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    // Someone put a page of their own where an article is about to appear.
    site.write("output/tin-tuc/bai-moi/index.html", "<p>mine</p>");
    site.write(
        "content/news/bai-moi.vi.md",
        "---\ntitle: \"Bài mới\"\ndate: 2023-05-01\n---\nMới.\n",
    );
    let before = site.output_files();
    site.build_fails()
        .says("the output folder holds files that tiendo did not write")
        .says("`tin-tuc/bai-moi/index.html`")
        .says("move these files away");
    assert_eq!(site.output_files(), before, "nothing changed");
}

#[test]
fn a_foreign_folder_as_output_keeps_its_files_and_refuses_to_replace_any() {
    let site = SiteTest::fixture("minimal");
    site.write("www/index.html", "<h1>The portal</h1>");
    site.write("www/photos/a.jpg", "jpeg");
    site.write("www/.env", "SECRET=1");
    let r = site.run(&["build", "--output", "www"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    r.says("`index.html`");
    assert_eq!(site.read("www/index.html"), "<h1>The portal</h1>");
    assert_eq!(site.read("www/photos/a.jpg"), "jpeg");
    assert_eq!(site.read("www/.env"), "SECRET=1");
    // Without the clash, the site goes in beside the folder's own files.
    site.remove("www/index.html");
    let r = site.run(&["build", "--output", "www"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.read("www/index.html").contains("<html"));
    assert_eq!(site.read("www/photos/a.jpg"), "jpeg");
    assert_eq!(site.read("www/.env"), "SECRET=1");
}

#[test]
fn an_output_that_is_a_symbolic_link_is_written_through() {
    let site = SiteTest::fixture("minimal");
    std::fs::create_dir_all(site.root().join("srv/www")).expect("mkdir");
    std::os::unix::fs::symlink("srv/www", site.root().join("public")).expect("symlink");
    for _ in 0..2 {
        let r = site.run(&["build", "--output", "public"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let meta = std::fs::symlink_metadata(site.root().join("public")).expect("stat");
        assert!(meta.file_type().is_symlink(), "still a link");
        assert!(site.root().join("srv/www/index.html").is_file());
    }
}

#[test]
fn a_lost_or_corrupt_record_only_costs_time() {
    let site = SiteTest::fixture("minimal");
    site.build_ok();
    let out = site.root().join("output");
    let before = snapshot(&out);
    for record in ["garbage\n", ""] {
        std::fs::write(site.root().join(".output.tiendo-files"), record).expect("write");
        tick();
        // Unchanged bytes are recognised by comparing them; nothing is refused.
        site.build_ok();
        assert_eq!(
            differences(&before, &snapshot(&out)).1,
            Vec::<String>::new()
        );
    }
    std::fs::remove_file(site.root().join(".output.tiendo-files")).expect("rm");
    site.build_ok();
    assert_eq!(
        differences(&before, &snapshot(&out)).1,
        Vec::<String>::new()
    );
}

#[test]
fn the_readme_shows_the_nginx_file_that_ci_serves_the_site_with() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    let conf = std::fs::read_to_string(root.join("tests/hosting/tiendo-nginx.conf")).expect("conf");
    assert!(
        readme.contains(&format!("```nginx\n{conf}```")),
        "README's nginx block differs from tests/hosting/tiendo-nginx.conf"
    );
}
