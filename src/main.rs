//! The `tiendo` command: parses arguments, calls the library, prints diagnostics and maps the
//! result to an exit status (0 success, 1 content errors, 2 usage or system errors).

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tiendo::diag::Diagnostics;
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
        #[arg(long)]
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
    },
}

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
        return Ok(tiendo::date::Date::from_days_since_epoch(
            secs.div_euclid(86_400),
        ));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok(tiendo::date::Date::from_days_since_epoch(
        (secs / 86_400) as i64,
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
            eprintln!("{what}… (more than a second so far)");
        }
    });
    let out = f();
    drop(tx);
    let _ = waiter.join();
    out
}

fn print_diagnostics(diags: &Diagnostics) {
    tiendo::diag::eprint_all(diags);
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let today = match today() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let opts = BuildOptions {
                root,
                output,
                base_url,
                drafts,
                today,
            };
            match with_progress("building", || build(&opts)) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let s = &report.stats;
                    eprintln!(
                        "built {} pages, {} charts, {} data files and {} static files into `{}` in {} ms ({} warnings)",
                        s.pages,
                        s.charts,
                        s.data_files,
                        s.static_files,
                        report.output.display(),
                        report.elapsed.as_millis(),
                        report.warnings.warning_count()
                    );
                    ExitCode::SUCCESS
                }
                Err(BuildFailed::Content(diags)) => {
                    print_diagnostics(&diags);
                    eprintln!(
                        "build failed: {} errors, {} warnings; the previous output was left as it was",
                        diags.error_count(),
                        diags.warning_count()
                    );
                    ExitCode::from(1)
                }
                Err(BuildFailed::Io(e)) => {
                    eprintln!("error: {e}");
                    eprintln!("build failed; the previous output was left as it was");
                    ExitCode::from(2)
                }
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            drafts,
        } => {
            let opts = tiendo::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                today,
            };
            match tiendo::serve::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprintln!("{}", d.styled(tiendo::diag::stderr_color()));
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { root, drafts } => {
            let opts = BuildOptions {
                root,
                output: None,
                base_url: None,
                drafts,
                today,
            };
            let report = with_progress("checking", || tiendo::check::check(&opts));
            print_diagnostics(&report.diags);
            if let Some(t) = &report.translations {
                print!("{t}");
                let _ = std::io::stdout().flush();
            }
            let (errors, warnings) = (report.diags.error_count(), report.diags.warning_count());
            match &report.stats {
                Some(s) => eprintln!(
                    "checked {} pages, {} data files, {} static files and {} internal links in {} ms: {errors} errors, {warnings} warnings; nothing was written",
                    s.pages,
                    s.data_files,
                    s.static_files,
                    report.links,
                    report.elapsed.as_millis()
                ),
                None => eprintln!(
                    "check failed: {errors} errors, {warnings} warnings; fix them, then run `tiendo check` again for the link, translation and consistency checks"
                ),
            }
            if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::New { what } => {
            let result = match what {
                NewCommand::Article { title, root } => {
                    tiendo::scaffold::new_article(&root, &title, today)
                }
                NewCommand::Year { year, root } => tiendo::scaffold::new_year(&root, year, today),
            };
            scaffolded(result)
        }
        Command::Init { dir } => scaffolded(tiendo::scaffold::init(&dir, today)),
    }
}

/// Prints the created files (stdout, one a line) and a note, or why nothing was created.
fn scaffolded(result: Result<Created, ScaffoldError>) -> ExitCode {
    match result {
        Ok(c) => {
            let mut out = std::io::stdout().lock();
            for p in &c.paths {
                let _ = writeln!(out, "{}", p.display());
            }
            let _ = out.flush();
            eprintln!("{}", c.note);
            ExitCode::SUCCESS
        }
        Err(ScaffoldError::Refused(diags)) => {
            print_diagnostics(&diags);
            eprintln!("nothing was created");
            ExitCode::from(1)
        }
        Err(ScaffoldError::Io(e)) => {
            eprintln!("error: {e}");
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
