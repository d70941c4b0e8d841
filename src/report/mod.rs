//! The printed year report (CONTRACT.md §6): a `Report` (texts in one language, figures
//! already formatted) → the bytes of an A4 PDF. Pure: no disk, no clock.
//!
//! The PDF is written with krilla and a small layout of our own (`layout/`), not a
//! typesetting engine: the report is paragraphs, headings, figures and tables, and krilla
//! costs a fifth of typst's build time and a sixth of its binary size, at a quarter of its
//! time per report (README, "The printed report"). What a reader relies on:
//! - real text in Noto Sans Regular and Bold, embedded as subsets: `pdftotext` gives the
//!   Vietnamese words exactly (a wrapped line keeps its space);
//! - tagged for screen readers and validated as PDF/UA-1 by krilla (headings, paragraphs,
//!   tables with header cells, figures with alternative text, an outline); the document's
//!   language and title in its metadata;
//! - A4 pages with a running header (the organisation, the year's title) and "page n of N";
//!   tables that go on over pages repeat their header row, and their group's name;
//! - the same input gives the same bytes: the creation date and the document's identifier
//!   come from the `Report`, never from the clock.
//!
//! A character the fonts lack is drawn as `�` and kept as text (`fonts::lacking` says which
//! ones, for a warning): never a failed report or a `.notdef` glyph.
//!
//! The rooms: `input` (what a report shows), `style` (its look, from the theme's
//! `report/style.yaml`), `fonts` (faces, shaping, coverage), `content` (the sections),
//! `layout/` (text, tables, figures, pages, tags, the PDF).

mod content;
mod fonts;
mod input;
mod layout;
mod style;
#[cfg(test)]
mod tests;

pub use fonts::lacking;
pub use input::{
    Chart, Count, GoalRow, Group, IndicatorRow, Labels, PlanRow, Report, ReviewRow, TaskRow,
};
pub use style::{Colours, Margins, Rgb, Sizes, Style};

use krilla::metadata::{DateTime, Metadata};
use layout::{Layout, Running};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The report as PDF bytes, or why it could not be made (a bug: every input has a report).
pub fn pdf(report: &Report, style: &Style) -> Result<Vec<u8>, String> {
    let fonts = fonts::bundled()?;
    let make = || {
        let mut doc = Layout::new(fonts, style);
        content::lay_out(&mut doc, report);
        doc.finish(metadata(report), &report.lang, &running(report))
    };
    // A panic in the PDF writer must not take the whole build down: the page and its data
    // files are still published, and the reason is reported.
    catch_unwind(AssertUnwindSafe(make)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        Err(format!("the PDF writer stopped: {why}"))
    })
}

fn metadata(r: &Report) -> Metadata {
    let (y, m, d) = r.date;
    let date = DateTime::new(y.clamp(1, 9999) as u16)
        .month(m.clamp(1, 12) as u8)
        .day(d.clamp(1, 31) as u8);
    // PDF/UA wants a title: a year always has one, but an empty text is not one.
    let title = [&r.title, &r.kind, &r.document_id]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .map_or_else(|| "tiendo".to_string(), |t| t.clone());
    Metadata::new()
        .title(title)
        .language(r.lang.clone())
        .authors(vec![r.organisation.clone()])
        .creator("tiendo".into())
        .document_id(r.document_id.clone())
        .creation_date(date)
}

fn running(r: &Report) -> Running {
    Running {
        left: r.organisation.clone(),
        right: r.title.clone(),
        page: r.labels.page.clone(),
    }
}
