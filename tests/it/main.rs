//! Integration tests: the real `tiendo` binary on fixture sites. One binary, a module per
//! feature (see tests/README.md).

mod atomic;
mod badinput;
mod build;
mod charts;
mod check;
mod cli;
mod errors;
mod escaping;
mod export;
mod golden;
mod incremental;
mod output;
mod render;
mod report;
mod reviews;
mod safety;
mod scaffold;
mod serve;
mod support;
mod tidy;
mod xlsx;
