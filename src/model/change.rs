//! What changed in a document between two loads: made by `load::update_docs` for `tiendo
//! serve`, read by the renderer to redo only the pages that show it.

use super::DocKind;

/// What changed in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocChange {
    /// News or page.
    pub kind: DocKind,
    /// The file's stem (pairs translations).
    pub stem: String,
    /// The file's language.
    pub lang: String,
    /// More than the body changed (title, date, tags, slug, …), or the document appeared or
    /// disappeared: lists, tag pages and feeds that show it must be redone too.
    pub metadata: bool,
    /// Its tags before and after.
    pub tags: Vec<String>,
    /// Its reporting year before and after.
    pub years: Vec<i32>,
    /// A page of it disappears (the document was deleted, unpublished or got another slug):
    /// an incremental update would leave the old page behind.
    pub page_removed: bool,
}
