//! The output folder is swapped in atomically: a build killed with SIGKILL at any instant
//! leaves either the complete old site or the complete new one, never a mix, a half-written
//! folder or no folder at all; and the next build cleans up what the killed one left.

use crate::support::{read_tree, SiteTest};
use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A site whose build takes a noticeable time (about a second for a debug binary, with its
/// charts and images): the `minimal` fixture plus generated news.
fn big_site(articles: usize) -> SiteTest {
    let site = SiteTest::fixture("minimal");
    for i in 0..articles {
        site.write(
            &format!("content/news/tin-{i:03}.vi.md"),
            format!(
                "---\ntitle: \"Tin số {i}\"\ndate: 2023-{:02}-{:02}\ntags: [thẻ {}, chuyển đổi số]\nyear: 2023\n---\nNăm 2023 có {{{{ figure(year=2023, key=\"goals.total\") }}}} mục tiêu.\n\n## Phần {i}\n\nĐoạn văn thứ {i}, với [một liên kết](/nam/2023/).\n",
                i % 12 + 1,
                i % 28 + 1,
                i % 7
            ),
        );
    }
    site
}

/// Edits that make the "new" content: a figure, an article, a page that appears.
fn make_new(site: &SiteTest, new: bool) {
    let page = "content/pages/moi.vi.md";
    if new {
        site.write(page, "---\ntitle: \"Trang mới\"\n---\nMới.\n");
        site.write(
            "content/news/tin-000.vi.md",
            "---\ntitle: \"Tin đã sửa\"\ndate: 2023-01-01\n---\nĐã sửa.\n",
        );
    } else {
        let _ = std::fs::remove_file(site.root().join(page));
        site.write(
            "content/news/tin-000.vi.md",
            "---\ntitle: \"Tin số 0\"\ndate: 2023-01-01\n---\nBản đầu.\n",
        );
    }
}

/// Folders beside the output that a build left behind.
fn leftovers(site: &SiteTest) -> Vec<String> {
    std::fs::read_dir(site.root())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tiendo-") && n != ".output.tiendo-files")
        .collect()
}

/// A small pseudo-random sequence (no dependency needed): xorshift64*.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn spawn_build(site: &SiteTest) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("build")
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn tiendo")
}

#[test]
fn sigkill_at_any_instant_leaves_the_old_or_the_new_site() {
    let site = big_site(40);
    // The two reference sites, each from a complete build.
    make_new(&site, false);
    let t = Instant::now();
    site.build_ok();
    let build_time = t.elapsed();
    let old: BTreeMap<String, Vec<u8>> = site.output_files();
    make_new(&site, true);
    site.build_ok();
    let new = site.output_files();
    assert_ne!(old, new);
    // Back to the old site in `output/`.
    make_new(&site, false);
    site.build_ok();
    assert!(site.output_files() == old);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!("atomic: seed {seed}, a full build takes {build_time:?}");
    let mut rng = Rng(seed);
    // Kill anywhere from the start to a little after a normal build's end, and every other
    // round in its last fifth, where the swap is.
    let t = build_time.as_micros() as u64;
    let (window, late) = ((t * 11 / 10).max(1), t * 8 / 10);
    let mut current_is_new = false;
    let (mut kept, mut swapped) = (0, 0);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(240);
    for round in 0..50 {
        // Build towards the other site, and kill the build.
        make_new(&site, !current_is_new);
        let from = if round % 2 == 1 { late } else { 0 };
        let delay = Duration::from_micros(from + rng.next() % (window - from).max(1));
        let mut child = spawn_build(&site);
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let now = read_tree(&site.root().join("output"));
        let target_is_new = !current_is_new;
        if now == old || now == new {
            current_is_new = now == new;
            if current_is_new == target_is_new {
                swapped += 1;
            } else {
                kept += 1;
            }
        } else {
            let missing: Vec<_> = old
                .keys()
                .filter(|k| !now.contains_key(*k))
                .take(5)
                .collect();
            panic!(
                "round {round} (seed {seed}, killed after {delay:?}, {status}): the output is neither the old nor the new site ({} files; e.g. missing {missing:?})",
                now.len()
            );
        }
        assert!(
            Instant::now() < deadline,
            "the SIGKILL rounds took too long"
        );
    }
    eprintln!(
        "atomic: 50 kills in {:?}: {kept} kept the previous site, {swapped} had swapped in the next",
        started.elapsed()
    );
    // The next complete build removes what the killed ones left behind.
    make_new(&site, !current_is_new);
    site.build_ok();
    assert_eq!(leftovers(&site), Vec::<String>::new());
    assert!(site.output_files() == if current_is_new { old } else { new });
}

#[test]
fn a_build_running_beside_a_killed_one_keeps_its_staging_folder() {
    // A staging folder whose build is still running (its pid is alive) must not be removed:
    // here the "other build" is this test process itself.
    let site = SiteTest::fixture("minimal");
    let live = site
        .root()
        .join(format!(".output.tiendo-new-{}", std::process::id()));
    std::fs::create_dir_all(&live).expect("mkdir");
    site.build_ok();
    assert!(live.is_dir(), "a live build's staging folder was removed");
}
