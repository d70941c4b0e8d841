//! Records followed across the years: the tasks of each responsible agency (`owner`), and
//! each goal id's and task id's entries, gathered once per render for their pages. Entries are
//! grouped by the slug of their id; ids written differently that slug alike are refused before
//! rendering (`render/claims.rs`; `urls` documents the rule).

use crate::model::{Goal, Localized, Task, Year};
use crate::slug::slugify;

/// A responsible agency and its tasks, over all years.
pub(crate) struct Agency<'a> {
    /// URL slug, from the default-language name.
    pub slug: String,
    /// Its name (as first written).
    pub name: &'a Localized,
    /// Its tasks, newest year first.
    pub tasks: Vec<(&'a Year, &'a Task)>,
}

/// A goal id and its entries, over all years.
pub(crate) type GoalTrack<'a> = Track<'a, Goal>;

/// A task id and its entries, over all years.
pub(crate) type TaskTrack<'a> = Track<'a, Task>;

/// A record id (a goal's or a task's) and its entries, over all years.
pub(crate) struct Track<'a, T> {
    /// URL slug of the id.
    pub slug: String,
    /// The id, as first written.
    pub id: String,
    /// The record in each year that has it, oldest first.
    pub years: Vec<(&'a Year, &'a T)>,
}

/// Groups the tasks of all years by owner.
pub(crate) fn agencies<'a>(years: &'a [Year], default_lang: &str) -> Vec<Agency<'a>> {
    let mut out: Vec<Agency> = Vec::new();
    for y in years.iter().rev() {
        for t in &y.tasks {
            let Some(owner) = &t.owner else { continue };
            let slug = slugify(owner.resolve(default_lang, default_lang).0);
            match out.iter_mut().find(|a| a.slug == slug) {
                Some(a) => a.tasks.push((y, t)),
                None => out.push(Agency {
                    slug,
                    name: owner,
                    tasks: vec![(y, t)],
                }),
            }
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

/// Groups the goals of all years by id.
pub(crate) fn goal_tracks(years: &[Year]) -> Vec<GoalTrack<'_>> {
    by_slug(
        years
            .iter()
            .flat_map(|y| y.goals.iter().map(move |g| (y, g, g.id.as_str()))),
    )
}

/// Groups the tasks of all years by id.
pub(crate) fn task_tracks(years: &[Year]) -> Vec<TaskTrack<'_>> {
    by_slug(
        years
            .iter()
            .flat_map(|y| y.tasks.iter().map(move |t| (y, t, t.id.as_str()))),
    )
}

/// Records grouped by the slug of their id, in slug order, entries in the order given.
fn by_slug<'a, T>(records: impl Iterator<Item = (&'a Year, &'a T, &'a str)>) -> Vec<Track<'a, T>> {
    let mut out: std::collections::BTreeMap<String, Track<'a, T>> = Default::default();
    for (y, r, id) in records {
        let slug = slugify(id);
        out.entry(slug.clone())
            .or_insert_with(|| Track {
                slug,
                id: id.to_string(),
                years: Vec::new(),
            })
            .years
            .push((y, r));
    }
    out.into_values().collect()
}
