//! The `tiendo` command: parses arguments, calls the library, prints diagnostics and maps the
//! result to an exit status (0 success, 1 content errors, 2 usage or system errors). `main` is
//! `run(Cli::parse())`; `run` hands each command to its function.
//!
//! A closed standard output or error (`tiendo build 2>&1 | head -1`) is no error, as in
//! ripgrep: writing stops quietly, never with a panic. Unlike ripgrep, whose output is its
//! work, tiendo's work is the site, so the command still runs to its end and its exit status
//! still says whether it succeeded (a failed build in a pipeline must not look like a good one).

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tiendo::diag::eprint_all;
use tiendo::scaffold::{Created, ScaffoldError};
use tiendo::{build, BuildFailed, BuildOptions};

#[derive(Parser)]
#[command(
    name = "tiendo",
    version,
    about = "Builds a bilingual progress-report website from goals, tasks and news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site in DIR/content into the output folder
    Build {
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: DIR/output)
        #[arg(long)]
        output: Option<PathBuf>,
        /// The address where the site will live, overriding `base_url` of site.yaml
        #[arg(long, value_parser = base_url_arg)]
        base_url: Option<String>,
        /// Also publish drafts and future-dated articles
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site in memory, serve it, and rebuild and reload the browser on every change
    Serve {
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Also show drafts and future-dated articles
        #[arg(long)]
        drafts: bool,
    },
    /// Check everything a build checks, plus links, translations and consistency; writes nothing
    Check {
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check drafts and future-dated articles
        #[arg(long)]
        drafts: bool,
    },
    /// Create an article in every language, or next year's file
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Convert a year file to the other format: years/2023.yaml ⇄ years/2023.xlsx
    Convert {
        /// The year file, relative to `content/` (`years/2023.xlsx`)
        file: PathBuf,
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create a new site with an example in DIR
    Init {
        /// The folder to create the site in
        dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Create `content/news/<slug>.<lang>.md` in every language, as a draft dated today
    Article {
        /// The title (in quotes); the file name is made from it
        title: String,
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Create `content/years/<YEAR>.yaml`, carrying over unfinished goals and tasks
    Year {
        /// The year, such as 2024
        #[arg(value_parser = clap::value_parser!(i32).range(1000..=9999))]
        year: i32,
        /// The folder that holds `content/`
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write a template workbook, `content/years/<YEAR>.xlsx`, instead
        #[arg(long)]
        xlsx: bool,
    },
}

/// Writes a line to standard error, control characters from content escaped
/// (`diag::printable`). A failure is ignored: standard error closed (a broken pipe, as in
/// `tiendo build 2>&1 >/dev/null | true`) or unwritable leaves nowhere to say anything, and
/// the exit status still tells how the command went.
macro_rules! say {
    ($($arg:tt)*) => {{
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", tiendo::diag::printable(&line));
    }};
}

/// `--base-url` as typed, once it is an address a site can live at: a mistyped one is a usage
/// error (exit 2), not a fault of `site.yaml`.
fn base_url_arg(url: &str) -> Result<String, String> {
    tiendo::load::normalize_base_url(url)
        .map(|_| url.to_string())
        .map_err(|why| format!("the address {why}; write it as `https://example.gov.vn/cds/`"))
}

/// Writes to standard output. A broken pipe (the reader has gone, as with `| head -1`) ends the
/// writing quietly, as ripgrep does: it is no error and never a panic. Any other failure (a
/// full disk behind `> file`) is an error, so that nothing is lost silently.
fn print_out(text: &str) -> Result<(), std::io::Error> {
    let text = tiendo::diag::printable(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// The exit status of a command whose standard output could not be written.
fn stdout_failed(e: &std::io::Error) -> ExitCode {
    say!("error: cannot write to standard output: {e}");
    ExitCode::from(2)
}

/// The first and last second that `SOURCE_DATE_EPOCH` may name: 0001-01-01 to 9999-12-31.
const EPOCH_RANGE: std::ops::RangeInclusive<i64> = -62_135_596_800..=253_402_300_799;

/// Today's date; `TIENDO_TODAY=YYYY-MM-DD` sets it (for tests and for previewing a later date),
/// else `SOURCE_DATE_EPOCH` (seconds since 1970, for reproducible builds), else the clock.
fn today() -> Result<tiendo::date::Date, String> {
    if let Some(v) = std::env::var_os("TIENDO_TODAY").filter(|v| !v.is_empty()) {
        let v = v.to_string_lossy();
        return tiendo::date::Date::parse(v.trim())
            .map_err(|e| format!("TIENDO_TODAY: {e}; write it as YYYY-MM-DD, or unset it"));
    }
    if let Some(v) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|v| !v.is_empty()) {
        let secs: i64 = v.to_string_lossy().trim().parse().map_err(|_| {
            "SOURCE_DATE_EPOCH: not a number of seconds; set it to one, or unset it".to_string()
        })?;
        if !EPOCH_RANGE.contains(&secs) {
            return Err("SOURCE_DATE_EPOCH: not a date between the years 1 and 9999; set it to seconds since 1970, or unset it".into());
        }
        return Ok(tiendo::date::Date::from_days_since_epoch(
            secs.div_euclid(86_400),
        ));
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    Ok(tiendo::date::Date::from_days_since_epoch(
        i64::try_from(days).unwrap_or(0),
    ))
}

/// Runs `f`; if it takes longer than a second, says so once, so a long build does not look hung.
fn with_progress<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let what = what.to_string();
    let waiter = std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            rx.recv_timeout(std::time::Duration::from_secs(1))
        {
            say!("{what}… (more than a second so far)");
        }
    });
    let out = f();
    drop(tx);
    let _ = waiter.join();
    out
}

fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs one command: 0 success, 1 content errors, 2 usage or system errors.
fn run(cli: Cli) -> ExitCode {
    let today = match today() {
        Ok(d) => d,
        Err(e) => {
            say!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => build_site(&BuildOptions {
            root,
            output,
            base_url,
            drafts,
            today,
        }),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => serve(&tiendo::serve::ServeOptions {
            root,
            bind,
            port,
            drafts,
            today,
        }),
        Command::Check { root, drafts } => check(&BuildOptions {
            root,
            output: None,
            base_url: None,
            drafts,
            today,
        }),
        Command::New {
            what: NewCommand::Article { title, root },
        } => scaffolded(tiendo::scaffold::new_article(&root, &title, today)),
        Command::New {
            what: NewCommand::Year { year, root, xlsx },
        } => scaffolded(if xlsx {
            tiendo::scaffold::new_year_xlsx(&root, year, today)
        } else {
            tiendo::scaffold::new_year(&root, year, today)
        }),
        Command::Convert { file, root } => scaffolded(tiendo::scaffold::convert(&root, &file)),
        Command::Init { dir } => scaffolded(tiendo::scaffold::init(&dir, today)),
    }
}

/// `tiendo build`: the diagnostics, then one line saying what was built or that nothing was.
fn build_site(opts: &BuildOptions) -> ExitCode {
    match with_progress("building", || build(opts)) {
        Ok(report) => {
            eprint_all(&report.warnings);
            say!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(BuildFailed::Content(diags)) => {
            eprint_all(&diags);
            say!(
                "build failed: {}; the previous output was left as it was",
                diags.tally()
            );
            ExitCode::from(1)
        }
        Err(BuildFailed::Io(e)) => {
            say!("error: {e}");
            say!("build failed; the previous output was left as it was");
            ExitCode::from(2)
        }
    }
}

/// `tiendo serve`: runs until interrupted.
fn serve(opts: &tiendo::serve::ServeOptions) -> ExitCode {
    match tiendo::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            // Styled escapes what it quotes itself, and keeps its own colours.
            let styled = d.styled(tiendo::diag::stderr_color());
            let _ = writeln!(std::io::stderr().lock(), "{styled}");
            ExitCode::from(2)
        }
    }
}

/// `tiendo check`: the diagnostics, the translation report (stdout) and one summary line.
fn check(opts: &BuildOptions) -> ExitCode {
    let report = with_progress("checking", || tiendo::check::check(opts));
    eprint_all(&report.diags);
    if let Some(t) = &report.translations {
        if let Err(e) = print_out(&t.to_string()) {
            return stdout_failed(&e);
        }
    }
    let (errors, tally) = (report.diags.error_count(), report.diags.tally());
    match &report.stats {
        Some(s) => say!(
            "checked {} pages, {} data files, {} static files and {} internal links in {} ms: {tally}; nothing was written",
            s.pages,
            s.data_files,
            s.static_files,
            report.links,
            report.elapsed.as_millis()
        ),
        None => say!(
            "check failed: {tally}; fix them, then run `tiendo check` again for the link, translation and consistency checks"
        ),
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `tiendo new article`, `new year`, `convert` and `init`: the created files (stdout, one a line) and a
/// note, or why nothing was created.
fn scaffolded(result: Result<Created, ScaffoldError>) -> ExitCode {
    match result {
        Ok(c) => {
            let list: String = c
                .paths
                .iter()
                .map(|p| format!("{}\n", p.display()))
                .collect();
            if let Err(e) = print_out(&list) {
                return stdout_failed(&e);
            }
            say!("{}", c.note);
            ExitCode::SUCCESS
        }
        Err(ScaffoldError::Refused(diags)) => {
            eprint_all(&diags);
            say!("nothing was created");
            ExitCode::from(1)
        }
        Err(ScaffoldError::Io(e)) => {
            say!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
