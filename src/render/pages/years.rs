//! The list of years, with the across-years charts: the share of goals completed, and each
//! indicator over the years.

use crate::diag::Diagnostic;
use crate::model::{Indicator, Year};
use crate::render::common::{PageSpec, Translations};
use crate::render::langs::LangData;
use crate::render::renderer::Renderer;
use crate::render::views::{IndicatorTrend, PageKind, YearsView};
use crate::render::OutputFile;
use crate::urls::{self, Target};

impl Renderer<'_> {
    pub(crate) fn years_page(&self, l: &LangData) -> Result<OutputFile, Vec<Diagnostic>> {
        let path = self.path(&l.code, Target::Years);
        let title = l.fmt().tr("years_heading", &[]);
        let common = self.common(
            l,
            &PageSpec {
                path: &path,
                kind: PageKind::Years,
                title: Some(&title),
                description: None,
                translations: Translations::Everywhere(Target::Years),
            },
        );
        let dir = urls::dir_of(&path);
        let fmt = l.fmt();
        let view = YearsView {
            years: self
                .site
                .years
                .iter()
                .rev()
                .map(|y| self.year_summary(l, y, dir))
                .collect(),
            trend: self.trend_chart(l, dir),
            trend_rows: self
                .site
                .years
                .iter()
                .filter(|y| y.summary.goals.total > 0)
                .map(|y| {
                    let g = &y.summary.goals;
                    (y.year, fmt.share(g.completed, g.total))
                })
                .collect(),
            indicators: self
                .indicator_ids()
                .iter()
                .filter_map(|id| self.indicator_trend(l, id, dir))
                .collect(),
        };
        self.page("years.html", &common, l, ("years", &view))
    }

    /// The ids of all indicators, in the order they first appear.
    fn indicator_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for y in &self.site.years {
            for i in &y.indicators {
                if !ids.contains(&i.id.as_str()) {
                    ids.push(&i.id);
                }
            }
        }
        ids
    }

    /// The years that record indicator `id`, oldest first.
    pub(crate) fn indicator_years(&self, id: &str) -> Vec<(&Year, &Indicator)> {
        self.site
            .years
            .iter()
            .filter_map(|y| y.indicators.iter().find(|i| i.id == id).map(|i| (y, i)))
            .collect()
    }

    /// An indicator over the years: its chart and table.
    fn indicator_trend(&self, l: &LangData, id: &str, dir: &str) -> Option<IndicatorTrend> {
        let entries = self.indicator_years(id);
        let (ly, last) = entries.last()?;
        let view = self.indicator_view(l, ly, last);
        Some(IndicatorTrend {
            name: view.name,
            chart: self.indicator_chart(l, id, dir),
            rows: entries
                .iter()
                .map(|(y, i)| (y.year, self.indicator_view(l, y, i).value_text))
                .collect(),
            better_text: view.better_text,
        })
    }
}
