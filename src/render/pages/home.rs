//! The home page: the latest year's headline and chart, later years' plans, the latest
//! indicator values and the latest articles.

use crate::diag::Diagnostic;
use crate::render::chart_views::{ChartKind, ChartPlace};
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{HomeView, IndicatorView, PageKind};
use crate::render::OutputFile;
use crate::urls::{self, Target};

/// Articles listed on the home page.
const LATEST_NEWS: usize = 5;

impl Renderer<'_> {
    pub(crate) fn home(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Home);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Home,
                title: None,
                description: None,
                translations: Translations::Everywhere(Target::Home),
            },
        );
        let dir = urls::dir_of(&path);
        let headline = self.site.years.iter().rev().find(|y| !y.goals.is_empty());
        let upcoming = self
            .site
            .years
            .iter()
            .filter(|y| {
                y.goals.is_empty()
                    && !y.tasks.is_empty()
                    && headline.is_none_or(|h| y.year > h.year)
            })
            .map(|y| self.year_summary(l, y, dir))
            .collect();
        let view = HomeView {
            intro: self
                .site
                .config
                .description
                .as_ref()
                .map(|d| self.lt(d, &l.code)),
            headline_year: headline.map(|y| self.year_summary(l, y, dir)),
            goals_chart: headline
                .and_then(|y| self.year_chart(l, y, dir, ChartKind::Goals, ChartPlace::Home)),
            upcoming,
            indicators: self.latest_indicators(l),
            latest_news: l
                .news
                .iter()
                .take(LATEST_NEWS)
                .map(|d| self.card(l, d, dir))
                .collect(),
            news_href: urls::relative(dir, &self.path(&l.code, Target::News(1))),
            years_href: urls::relative(dir, &self.path(&l.code, Target::Years)),
        };
        self.page("home.html", &common, l, ("home", &view))
    }

    /// Each indicator's latest measured value, newest year first.
    fn latest_indicators(&self, l: &LangData) -> Vec<IndicatorView> {
        let mut indicators = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for y in self.site.years.iter().rev() {
            for ind in &y.indicators {
                if ind.value.is_some() && !seen.contains(&ind.id.as_str()) {
                    seen.push(&ind.id);
                    indicators.push(self.indicator_view(l, y, ind));
                }
            }
        }
        indicators
    }
}
