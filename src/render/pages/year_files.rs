//! The files beside a year report: its charts as SVG, its summary card as PNG, `data.json`,
//! `goals.csv`, `tasks.csv` and the workbook `<year>.xlsx`, and the report's links to them.

use crate::diag::Diagnostic;
use crate::export;
use crate::model::Year;
use crate::render::chart_views::{chart_of, ChartKind};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{Link, YearCharts};
use crate::render::OutputFile;
use crate::urls::{self, Target};

/// The summary card of a year, beside its page.
pub(super) const SUMMARY_PNG: &str = "summary.png";

impl Renderer<'_> {
    /// The links to the year's printed report (with its size), data files, charts and
    /// summary card.
    pub(super) fn downloads(
        &self,
        l: &LangData,
        y: &Year,
        dir: &str,
        charts: &YearCharts,
        (has_png, pdf_size): (bool, Option<usize>),
    ) -> Vec<Link> {
        let fmt = l.fmt();
        let workbook = export::xlsx::workbook_name(y.year);
        let mut files = vec!["data.json", "goals.csv", "tasks.csv"];
        if export::xlsx::fits(self.site, y).is_ok() {
            files.push(&workbook);
        }
        for kind in ChartKind::ALL {
            if chart_of(charts, kind).is_some() {
                files.push(kind.file());
            }
        }
        if has_png {
            files.push(SUMMARY_PNG);
        }
        let report = pdf_size.map(|size| self.report_link(l, y, dir, size));
        let files = files.iter().map(|f| Link {
            href: urls::relative(dir, &self.path(&l.code, Target::YearFile(y.year, f))),
            label: match f.strip_suffix(".xlsx") {
                Some(_) => fmt.tr("download_xlsx", &[]),
                None => fmt.tr(&format!("download_{}", f.replace('.', "_")), &[]),
            },
        });
        report.into_iter().chain(files).collect()
    }

    /// The year's files beside its page: its charts as SVG, its summary card, `data.json`,
    /// `goals.csv`, `tasks.csv` and the workbook (or a warning saying why it is left out).
    pub(super) fn year_files(
        &self,
        l: &LangData,
        y: &Year,
        charts: &YearCharts,
        png: Option<Vec<u8>>,
        warnings: &mut Vec<Diagnostic>,
    ) -> Vec<OutputFile> {
        let file = |name: &str, bytes: Vec<u8>| {
            OutputFile::new(self.path(&l.code, Target::YearFile(y.year, name)), bytes)
        };
        let mut out = Vec::new();
        for kind in ChartKind::ALL {
            if let Some(c) = chart_of(charts, kind) {
                let svg = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{}\n", c.svg);
                out.push(file(kind.file(), svg.into_bytes()));
            }
        }
        if let Some(png) = png {
            out.push(file(SUMMARY_PNG, png));
        }
        out.push(file("data.json", export::data_json(self.site, y, &l.code)));
        out.push(file("goals.csv", export::goals_csv(self.site, y, &l.code)));
        out.push(file("tasks.csv", export::tasks_csv(self.site, y, &l.code)));
        match export::xlsx::fits(self.site, y)
            .and_then(|()| export::xlsx::year_workbook(self.site, y))
        {
            Ok(bytes) => out.push(file(&export::xlsx::workbook_name(y.year), bytes)),
            Err(why) => warnings.push(export::xlsx::left_out(y, &why)),
        }
        out
    }
}
