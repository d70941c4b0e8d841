//! Printed-report time: `cargo bench --bench report`. Loads the example site (or the site at
//! `REPORT_SITE=<folder>`), builds the report of each year in each language once, then
//! makes each PDF 20 times and prints the median and fastest time and the size. A plain
//! `main` (no harness): it measures, it does not assert.
//!
//! With `REPORT_OUT=<folder>` it also writes the PDFs there (`report-2023-vi.pdf`, …), for
//! looking at them (`pdftoppm -r 60 -png`).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;
use tiendo::report::{pdf, Style};

fn main() {
    let root = std::env::var_os("REPORT_SITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let today = tiendo::date::Date::parse("2100-01-01").expect("a date");
    let opts = tiendo::load::LoadOptions::new(root, today);
    let Ok(tiendo::pipeline::Loaded { site, theme, .. }) = tiendo::pipeline::load(&opts) else {
        eprintln!("the site does not load: run `tiendo check` on it");
        std::process::exit(1);
    };
    let style = Style::default();
    let out = std::env::var_os("REPORT_OUT").map(PathBuf::from);
    println!("year lang   median ms   fastest ms      bytes");
    for year in site.years.iter().map(|y| y.year) {
        for lang in &site.config.languages {
            let Some(report) = tiendo::render::report_view(&site, &theme, year, lang) else {
                continue;
            };
            let bytes = pdf(&report, &style).expect("a report");
            let mut times: Vec<f64> = (0..20)
                .map(|_| {
                    let start = Instant::now();
                    black_box(pdf(black_box(&report), &style).expect("a report"));
                    start.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            times.sort_by(f64::total_cmp);
            println!(
                "{year} {lang:>4} {:>11.1} {:>12.1} {:>10}",
                times[times.len() / 2],
                times[0],
                bytes.len()
            );
            if let Some(dir) = &out {
                let file = dir.join(format!("report-{year}-{lang}.pdf"));
                std::fs::write(file, &bytes).expect("write the PDF");
            }
        }
    }
}
