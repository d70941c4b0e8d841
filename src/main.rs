//! The `tiendo` command: parses arguments, calls the library, prints diagnostics and maps the
//! result to an exit status (0 success, 1 content errors, 2 usage or system errors).

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tiendo::diag::Diagnostics;
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
}

fn today() -> tiendo::date::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    tiendo::date::Date::from_days_since_epoch((secs / 86_400) as i64)
}

fn print_diagnostics(diags: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for d in diags.sorted() {
        let _ = writeln!(err, "{d}\n");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
                today: today(),
            };
            match build(&opts) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let s = &report.stats;
                    eprintln!(
                        "built {} pages, {} data files and {} static files into `{}` in {} ms ({} warnings)",
                        s.pages,
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
