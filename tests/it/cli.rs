//! The command line itself: exit statuses, and what happens when the terminal is gone.

use crate::support::SiteTest;
use std::process::Command;

/// Runs `tiendo <args>` in `site` with standard output and standard error both connected to a
/// pipe whose read end is already closed, as in `tiendo build 2>&1 >/dev/null | true` once
/// `true` has exited: every write fails with a broken pipe. Returns the exit code (`None` when
/// killed by a signal).
#[cfg(unix)]
fn run_into_closed_pipe(site: &SiteTest, args: &[&str], env: &[(&str, &str)]) -> Option<i32> {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::Stdio;
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0, "pipe");
    // SAFETY: both descriptors were just created by `pipe` and are owned by nothing else.
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    let stderr = write.try_clone().expect("dup");
    let status = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .args(args)
        .current_dir(site.root())
        .env("TIENDO_TODAY", "2024-06-01")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::from(write))
        .stderr(Stdio::from(stderr))
        .status()
        .expect("run tiendo");
    status.code()
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_on_stdout_and_stderr_is_a_quiet_exit_with_the_commands_status() {
    let site = SiteTest::fixture("minimal");
    // The build is done and its status is the build's: not 101 (a panic on the first message).
    assert_eq!(run_into_closed_pipe(&site, &["build"], &[]), Some(0));
    assert!(site.root().join("output/index.html").is_file());
    assert_eq!(run_into_closed_pipe(&site, &["check"], &[]), Some(0));
    // Phase timings go to stderr too.
    let timed = [("TIENDO_TIMINGS", "1")];
    assert_eq!(run_into_closed_pipe(&site, &["build"], &timed), Some(0));
    // Scaffolding lists its files on stdout: they are created all the same.
    assert_eq!(
        run_into_closed_pipe(&site, &["new", "article", "Ống dẫn đóng"], &[]),
        Some(0)
    );
    assert!(site
        .root()
        .join("content/news/ong-dan-dong.vi.md")
        .is_file());
    assert_eq!(run_into_closed_pipe(&site, &["--help"], &[]), Some(0));
    // A failure still says so in the status, although its message cannot be read.
    assert_eq!(
        run_into_closed_pipe(&site, &["no-such-command"], &[]),
        Some(2)
    );
    site.write("content/years/2023.yaml", "year: 2023\ngoals: [");
    assert_eq!(run_into_closed_pipe(&site, &["build"], &[]), Some(1));
    assert_eq!(run_into_closed_pipe(&site, &["check"], &[]), Some(1));
}

#[test]
fn source_date_epoch_outside_the_years_1_to_9999_is_refused() {
    let site = SiteTest::fixture("minimal");
    for secs in [
        "9223372036854775807",
        "-9223372036854775808",
        "253402300800",
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
            .arg("build")
            .current_dir(site.root())
            .env("SOURCE_DATE_EPOCH", secs)
            .env("NO_COLOR", "1")
            .output()
            .expect("run tiendo");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{secs}: {stderr}");
        assert!(stderr.contains("SOURCE_DATE_EPOCH: not a date between the years 1 and 9999"));
    }
    // The last second of 9999 is still a date.
    let out = Command::new(env!("CARGO_BIN_EXE_tiendo"))
        .arg("build")
        .current_dir(site.root())
        .env("SOURCE_DATE_EPOCH", "253402300799")
        .output()
        .expect("run tiendo");
    assert_eq!(out.status.code(), Some(0));
}

/// A mistyped `--base-url` is a usage error: exit 2, naming the option, not `site.yaml`; a good
/// one overrides the file's.
#[test]
fn a_bad_base_url_option_is_a_usage_error() {
    let site = SiteTest::fixture("minimal");
    let r = site.run(&["build", "--base-url", "notaurl"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("--base-url"), "{}", r.stderr);
    assert!(
        r.stderr.contains("https://example.gov.vn/cds/"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("site.yaml"), "{}", r.stderr);
    site.run(&["build", "--base-url", "https://tien-do.example.vn/"]);
    let sitemap = site.read("output/sitemap.xml");
    assert!(
        sitemap.contains("https://tien-do.example.vn/nam/2023/"),
        "{sitemap}"
    );
}
