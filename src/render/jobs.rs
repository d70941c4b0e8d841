//! The jobs of a render: one per page (or group of files) and language, run in parallel, and
//! which of them a `Scope` redoes.

use super::renderer::Renderer;
use super::{OutputFile, PageInfo, Scope, Sink, PER_PAGE};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Doc, DocChange, DocKind, Year};
use rayon::prelude::*;

/// One unit of rendering: something to make in one language (the index of `Renderer::langs`).
#[derive(Clone, Copy)]
pub(crate) struct Job<'a> {
    pub lang: usize,
    pub what: What<'a>,
}

/// What a job makes.
#[derive(Clone, Copy)]
pub(crate) enum What<'a> {
    Home,
    Years,
    Year {
        year: &'a Year,
    },
    /// A review's page: `review` indexes `Year::reviews`.
    Review {
        year: &'a Year,
        review: usize,
    },
    /// A page of the news list, 1-based.
    News {
        page: usize,
    },
    Article {
        doc: &'a Doc,
    },
    Tags,
    /// A page of a tag's list: `tag` indexes `LangData::tags`, `page` is 1-based.
    Tag {
        tag: usize,
        page: usize,
    },
    /// A standalone page: `page` indexes `LangData::pages`.
    Standalone {
        page: usize,
    },
    NotFound,
    /// The language's feeds (all news, and the news list's).
    Feed,
    TagFeed {
        tag: usize,
    },
    /// The search page and the language's search index.
    Search,
    Agencies,
    /// `agency` indexes `Renderer::agencies`.
    Agency {
        agency: usize,
    },
    /// `goal` indexes `Renderer::goals`.
    Goal {
        goal: usize,
    },
    /// `task` indexes `Renderer::tasks`.
    Task {
        task: usize,
    },
}

/// What is kept of a rendered file once the sink has it: what the sitemap and the summary
/// line need.
pub(crate) struct Kept {
    pub path: String,
    pub page: Option<PageInfo>,
}

impl Kept {
    pub fn is_page(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// What a job made: its files, and warnings about them (the build goes on).
#[derive(Debug)]
pub(crate) struct Made {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
}

impl From<Vec<OutputFile>> for Made {
    fn from(files: Vec<OutputFile>) -> Made {
        Made {
            files,
            warnings: Vec::new(),
        }
    }
}

/// What a job made, or the problems that stopped it.
pub(crate) type Rendered = Result<Made, Vec<Diagnostic>>;

impl<'a> Renderer<'a> {
    /// Every job of a full render, language by language.
    pub(crate) fn jobs(&self) -> Vec<Job<'a>> {
        let mut jobs = Vec::new();
        for (lang, l) in self.langs.iter().enumerate() {
            let mut push = |what| jobs.push(Job { lang, what });
            push(What::Home);
            push(What::Years);
            for year in &self.site.years {
                push(What::Year { year });
                (0..year.reviews.len()).for_each(|review| push(What::Review { year, review }));
            }
            for page in 1..=page_count(l.news.len()) {
                push(What::News { page });
            }
            l.news.iter().for_each(|doc| push(What::Article { doc }));
            push(What::Tags);
            for (tag, t) in l.tags.iter().enumerate() {
                for page in 1..=page_count(t.docs.len()) {
                    push(What::Tag { tag, page });
                }
                push(What::TagFeed { tag });
            }
            (0..l.pages.len()).for_each(|page| push(What::Standalone { page }));
            push(What::NotFound);
            push(What::Feed);
            push(What::Search);
            push(What::Agencies);
            (0..self.agencies.len()).for_each(|agency| push(What::Agency { agency }));
            (0..self.goals.len()).for_each(|goal| push(What::Goal { goal }));
            (0..self.tasks.len()).for_each(|task| push(What::Task { task }));
        }
        jobs
    }

    /// Runs the jobs in `scope` in parallel, handing each file to `sink`; returns what is kept
    /// of the files, and adds the jobs' problems to `diags`.
    pub(crate) fn run_jobs<E: Send>(
        &self,
        scope: Scope,
        sink: &Sink<E>,
        diags: &mut Diagnostics,
    ) -> Result<Vec<Kept>, E> {
        let mut jobs = self.jobs();
        if !matches!(scope, Scope::All) {
            jobs.retain(|j| self.in_scope(j, scope));
        }
        // What each job left once the sink had its files (and its warnings), or the problems
        // that stopped it.
        type Outcome = Result<(Vec<Kept>, Vec<Diagnostic>), Vec<Diagnostic>>;
        let results: Vec<Result<Outcome, E>> = jobs
            .par_iter()
            .map(|j| match self.render_job(*j) {
                Ok(made) => hand_over(made.files, sink).map(|k| Ok((k, made.warnings))),
                Err(ds) => Ok(Err(ds)),
            })
            .collect();
        let mut kept = Vec::new();
        for res in results {
            let ds = match res? {
                Ok((k, warnings)) => {
                    kept.extend(k);
                    warnings
                }
                Err(errors) => errors,
            };
            ds.into_iter().for_each(|d| diags.push(d));
        }
        Ok(kept)
    }

    fn render_job(&self, job: Job) -> Rendered {
        let l = &self.langs[job.lang];
        let one = |f: Result<OutputFile, Vec<Diagnostic>>| f.map(|f| Made::from(vec![f]));
        match job.what {
            What::Home => one(self.home(l)),
            What::Years => one(self.years_page(l)),
            What::Year { year } => self.year_page(l, year),
            What::Review { year, review } => self.review_page(l, year, review),
            What::News { page } => one(self.news_page(l, page)),
            What::Article { doc } => one(self.article(l, doc)),
            What::Tags => one(self.tags_page(l)),
            What::Tag { tag, page } => one(self.tag_page(l, tag, page)),
            What::Standalone { page } => one(self.standalone(l, page)),
            What::NotFound => one(self.not_found(l)),
            What::Feed => self.feeds(l),
            What::TagFeed { tag } => one(self.tag_feed(l, tag)),
            What::Search => self.search(l),
            What::Agencies => one(self.agencies_page(l)),
            What::Agency { agency } => one(self.agency_page(l, agency)),
            What::Goal { goal } => one(self.goal_page(l, goal)),
            What::Task { task } => one(self.task_page(l, task)),
        }
    }

    /// Whether a job is part of `scope`: for `Scope::Docs`, whether it shows something that
    /// changed.
    fn in_scope(&self, job: &Job, scope: Scope) -> bool {
        match scope {
            Scope::All => true,
            Scope::Search(langs) => {
                matches!(job.what, What::Search) && langs.contains(&self.langs[job.lang].code)
            }
            Scope::Docs(changes) => self.shows_changes(job, changes),
        }
    }

    fn shows_changes(&self, job: &Job, changes: &[DocChange]) -> bool {
        let l = &self.langs[job.lang];
        let news_listed = changes
            .iter()
            .any(|c| c.kind == DocKind::News && c.lang == l.code && c.metadata);
        match job.what {
            // The article itself; its translations' language switch and hreflang use its slug.
            What::Article { doc } => changes.iter().any(|c| {
                c.kind == DocKind::News && c.stem == doc.stem && (c.lang == l.code || c.metadata)
            }),
            What::Standalone { page } => {
                let stem = &l.pages[page].doc.stem;
                changes
                    .iter()
                    .any(|c| c.kind == DocKind::Page && &c.stem == stem)
            }
            // Feeds carry the latest articles' texts.
            What::Feed => {
                news_listed
                    || l.news.iter().take(super::feeds::FEED_LENGTH).any(|d| {
                        changes.iter().any(|c| {
                            c.kind == DocKind::News && c.stem == d.stem && c.lang == d.lang
                        })
                    })
            }
            What::Home | What::News { .. } | What::Tags => news_listed,
            What::Tag { tag, .. } | What::TagFeed { tag } => {
                let slug = &l.tags[tag].slug;
                changes.iter().any(|c| {
                    c.metadata && c.lang == l.code && c.tags.iter().any(|t| l.tag_slug(t) == *slug)
                })
            }
            What::Year { year } => changes
                .iter()
                .any(|c| c.metadata && c.lang == l.code && c.years.contains(&year.year)),
            _ => false,
        }
    }
}

/// The number of pages of a list of `items` (at least one, for an empty list).
pub(crate) fn page_count(items: usize) -> usize {
    items.div_ceil(PER_PAGE).max(1)
}

/// Gives a job's files to the sink, keeping what the sitemap and the summary need.
fn hand_over<E>(files: Vec<OutputFile>, sink: &Sink<E>) -> Result<Vec<Kept>, E> {
    let mut kept = Vec::with_capacity(files.len());
    for f in files {
        // The sink keeps the page's facts too: `serve` rewrites the sitemap from them.
        kept.push(Kept {
            path: f.path.clone(),
            page: f.page.clone(),
        });
        sink(f)?;
    }
    Ok(kept)
}
