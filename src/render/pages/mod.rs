//! The pages, one file per family. Each adds `Renderer` methods that the jobs call.

mod feeds;
mod goal;
mod home;
mod news;
mod not_found;
mod record_parts;
mod records;
mod review;
#[cfg(test)]
mod reviews_tests;
mod search;
mod standalone;
mod task;
mod year;
mod year_files;
mod year_report;
mod year_reviews;
mod years;

pub(crate) use year_report::report_style;
pub use year_report::report_view;
