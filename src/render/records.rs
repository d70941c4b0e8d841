//! Records followed across the years: the tasks of each responsible agency (`owner`) and
//! each goal id's entries, gathered once per render for their pages.

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
pub(crate) struct GoalTrack<'a> {
    /// URL slug of the id.
    pub slug: String,
    /// The id.
    pub id: String,
    /// The goal in each year that has it, oldest first.
    pub years: Vec<(&'a Year, &'a Goal)>,
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
    let mut out: Vec<GoalTrack> = Vec::new();
    for y in years {
        for g in &y.goals {
            let slug = slugify(&g.id);
            match out.iter_mut().find(|t| t.slug == slug) {
                Some(t) => t.years.push((y, g)),
                None => out.push(GoalTrack {
                    slug,
                    id: g.id.clone(),
                    years: vec![(y, g)],
                }),
            }
        }
    }
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}
