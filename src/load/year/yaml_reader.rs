//! The YAML format of a year file: serde into a [`RawYear`]; the file's [`YamlLocator`]
//! (crate::load::YamlLocator) places later errors on their line and column.

use super::{RawGoal, RawGroup, RawIndicator, RawPlan, RawReview, RawTask, RawYear, YearFile};
use crate::diag::Diagnostic;
use crate::load::SourceText;
use crate::yaml::{document, entry_errors, EntryError};

/// The most entries with errors one run puts in words: each is placed by a walk through the
/// file, and a list of hundreds helps nobody.
const MAX_ENTRY_ERRORS: usize = 50;

/// The raw year of a YAML year file, or the diagnostics that stop it: the first error, and the
/// errors of the later entries of its lists (a goal without a title, a task's unknown status),
/// so that one run reports them all.
pub fn read(src: &SourceText, file: &YearFile) -> Result<RawYear, Vec<Diagnostic>> {
    if src.text.trim().is_empty() {
        return Err(vec![Diagnostic::error(
            &src.path,
            "this year file is empty",
        )
        .help(format!("start it with `year: {}`", file.year))]);
    }
    crate::yaml::parse(&src.text, &src.path, 0).map_err(|first| later_entries(src, *first))
}

/// `first`, the error that stopped the parse, and those of the entries after it.
fn later_entries(src: &SourceText, first: Diagnostic) -> Vec<Diagnostic> {
    let Some(doc) = document(&src.text) else {
        return vec![first];
    };
    let failed: Vec<(&str, EntryError)> = [
        ("plans", entry_errors::<RawPlan>(&doc, "plans")),
        ("groups", entry_errors::<RawGroup>(&doc, "groups")),
        ("goals", entry_errors::<RawGoal>(&doc, "goals")),
        ("tasks", entry_errors::<RawTask>(&doc, "tasks")),
        (
            "indicators",
            entry_errors::<RawIndicator>(&doc, "indicators"),
        ),
        ("reviews", entry_errors::<RawReview>(&doc, "reviews")),
    ]
    .into_iter()
    .flat_map(|(list, errors)| errors.into_iter().map(move |e| (list, e)))
    .collect();
    // The whole file is read in order, so the entries before the first error are sound: the
    // one entry found at or before its line is that error again.
    let after = first.line().unwrap_or(usize::MAX);
    let mut out = doc.errors_with(first, &src.text, &src.path, 0);
    let mut shown = 0;
    let mut more = 0;
    for (list, e) in &failed {
        if shown == MAX_ENTRY_ERRORS {
            more += 1;
            continue;
        }
        let d = e.explain(list, &src.text, &src.path);
        if d.line().is_some_and(|l| l > after) {
            out.push(d);
            shown += 1;
        }
    }
    if more > 0 {
        out.push(
            Diagnostic::error(
                &src.path,
                match more {
                    1 => "1 more entry of this file has errors".to_string(),
                    n => format!("{n} more entries of this file have errors"),
                },
            )
            .help("fix the ones listed here, then build again to see the rest"),
        );
    }
    out
}
