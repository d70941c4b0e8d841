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
mod years;
