//! The YAML format of a year file: serde into a [`RawYear`]; the file's [`YamlLocator`]
//! (crate::load::YamlLocator) places later errors on their line and column.

use super::{RawYear, YearFile};
use crate::diag::Diagnostic;
use crate::load::SourceText;

/// The raw year of a YAML year file, or the diagnostic that stops it.
pub fn read(src: &SourceText, file: &YearFile) -> Result<RawYear, Box<Diagnostic>> {
    if src.text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error(&src.path, "this year file is empty")
                .help(format!("start it with `year: {}`", file.year)),
        ));
    }
    crate::yaml::parse(&src.text, &src.path, 0)
}
