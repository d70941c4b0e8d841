//! The pages, one file per family. Each adds `Renderer` methods that the jobs call.

mod feeds;
mod home;
mod news;
mod not_found;
mod records;
mod search;
mod standalone;
mod year;
mod year_files;
mod year_report;

pub(crate) use year_report::report_style;
pub use year_report::report_view;
mod years;
