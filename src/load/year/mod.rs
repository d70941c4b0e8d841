//! `content/years/<YYYY>.<ext>` → `Year`, in two steps: a *format reader* turns the file into a
//! [`RawYear`] (the values as written) and a [`Locator`](super::Locator) that says where each value is written;
//! then [`validate`] applies every rule, whatever the format, and reports through the locator.
//!
//! - `yaml_reader.rs`: the YAML format (`.yaml`), placing errors on their line and column.
//! - `xlsx/`: the workbook format (`.xlsx`), placing errors at their cell (`goals!E7`).
//! - `raw.rs`: the raw year every reader produces.
//! - `validate.rs`: ids, references, completion rules, dates, translations → `Year`.
//! - `rules.rs`: a goal's completion rule and an indicator's numbers, as pure functions.

mod raw;
mod rules;
mod validate;
pub mod xlsx;
mod yaml_reader;

pub use raw::{
    RawEvidence, RawGoal, RawGroup, RawHistory, RawIndicator, RawPlan, RawReview, RawTask,
    RawValue, RawYear,
};
pub use validate::{validate, StaticPaths, YearContext};

use super::{is_workbook, read_source, SourceText};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Year;
use std::path::Path;

/// The years a year file may be named after: four digits, the first not `0` (as `tiendo new
/// year` takes them).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// What a year file's name says: its year, the name itself and its extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFile {
    /// The year the file is named after.
    pub year: i32,
    /// The file name (`2023.yaml`).
    pub name: String,
    /// The extension, without its dot (`yaml`).
    pub extension: String,
}

impl YearFile {
    /// Reads the year out of a year file's name, `<YYYY>.yaml`.
    pub fn from_path(path: &Path) -> Result<YearFile, Box<Diagnostic>> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((&name, ""));
        if extension == "yml" {
            return Err(Box::new(
                Diagnostic::error(path, "year files end in `.yaml`")
                    .help(format!("rename it to `content/years/{stem}.yaml`")),
            ));
        }
        let year = if stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) {
            stem.parse::<i32>().ok()
        } else {
            None
        };
        let Some(year) = year else {
            return Err(Box::new(
                Diagnostic::error(path, format!("`{name}` is not named after a year"))
                    .help("name each year file after its year, such as `content/years/2024.yaml`"),
            ));
        };
        // A year is four digits in every address (`/nam/2024/`): `0999` would be `/nam/999/`.
        if !YEARS.contains(&year) {
            return Err(Box::new(
                Diagnostic::error(path, format!("`{name}` names the year {year}, which tiendo does not publish"))
                    .help(format!("years run from {} to {}: name the file after the reporting year, such as `content/years/2024.yaml`", YEARS.start(), YEARS.end())),
            ));
        }
        Ok(YearFile {
            year,
            extension: extension.to_string(),
            name,
        })
    }
}

/// Reads, parses and validates one year file, by the reader of its extension.
pub fn load_year(root: &Path, rel: &Path, cx: YearContext<'_>) -> (Option<Year>, Diagnostics) {
    let mut diags = Diagnostics::new();
    if is_workbook(rel) {
        let year = load_workbook(root, rel, cx, &mut diags);
        return (year, diags);
    }
    let year = match read_source(root, rel) {
        Ok(src) => parse_year(&src, cx, &mut diags),
        Err(d) => {
            diags.push(*d);
            None
        }
    };
    (year, diags)
}

/// Where each value of the workbook year file `rel` is (its cells), for messages about it
/// after loading (`tiendo check`'s warnings); `None` if it cannot be read (loading said why).
pub fn workbook_locator(
    root: &Path,
    rel: &Path,
    languages: &[String],
) -> Option<xlsx::SheetLocator> {
    let file = YearFile::from_path(rel).ok()?;
    xlsx::read(root, rel, &file, languages, &mut Diagnostics::new()).map(|(_, loc)| loc)
}

/// Reads and validates a workbook year file.
fn load_workbook(
    root: &Path,
    rel: &Path,
    cx: YearContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Year> {
    let file = match YearFile::from_path(rel) {
        Ok(f) => f,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let (raw, loc) = xlsx::read(root, rel, &file, &cx.config.languages, diags)?;
    validate(raw, &file, &loc, cx, diags)
}

/// Parses and validates the text of a YAML year file.
pub fn parse_year(src: &SourceText, cx: YearContext<'_>, diags: &mut Diagnostics) -> Option<Year> {
    let read = YearFile::from_path(&src.path)
        .map_err(|d| vec![*d])
        .and_then(|file| yaml_reader::read(src, &file).map(|raw| (file, raw)));
    let (file, raw) = match read {
        Ok(r) => r,
        Err(found) => {
            found.into_iter().for_each(|d| diags.push(d));
            return None;
        }
    };
    let loc = super::YamlLocator::new(src);
    validate(raw, &file, &loc, cx, diags)
}

#[cfg(test)]
/// The rules of a year, through the YAML reader and through a fake workbook locator.
mod tests {
    use super::*;
    use crate::diag::Position;
    use crate::load::Locator;
    use crate::model::{Localized, SiteConfig, TaskStatus};
    use crate::yaml::Seg;
    use std::path::{Path, PathBuf};

    fn cfg() -> SiteConfig {
        SiteConfig {
            title: Localized::plain("t"),
            description: None,
            base_url: String::new(),
            languages: vec!["vi".into(), "en".into()],
            theme: "default".into(),
            organisation: None,
            raw_html: true,
        }
    }

    fn parse(text: &str) -> (Option<Year>, Diagnostics) {
        let src = SourceText {
            path: PathBuf::from("content/years/2023.yaml"),
            text: text.to_string(),
        };
        let mut d = Diagnostics::new();
        let cx = YearContext {
            config: &cfg(),
            static_files: &StaticPaths::default(),
        };
        let y = parse_year(&src, cx, &mut d);
        (y, d)
    }

    fn first_error(d: &Diagnostics) -> &Diagnostic {
        d.iter().find(|x| x.is_error()).expect("an error")
    }

    #[test]
    fn counts_come_from_records() {
        let (y, d) = parse(
            "year: 2023\ngoals:\n  - {id: a, title: {vi: a, en: a}, progress: 100}\n  - {id: b, title: {vi: b, en: b}, target: 10, actual: 7}\ntasks:\n  - {id: t, title: {vi: t, en: t}, status: in_progress}\n",
        );
        assert!(!d.has_errors(), "{d:?}");
        let y = y.unwrap();
        assert_eq!(
            (y.summary.goals.completed, y.summary.goals.between_50_70),
            (1, 1)
        );
        assert_eq!(y.summary.tasks.in_progress, 1);
    }

    #[test]
    fn undefined_group_is_placed_on_its_line() {
        let (_, d) = parse("year: 2023\ngroups:\n  - {id: dgov, name: x}\ngoals:\n  - id: G1\n    title: x\n    group: dgv\n    progress: 5\n");
        let e = first_error(&d);
        assert_eq!(e.line(), Some(7));
        assert!(e.help.as_deref().unwrap().contains("did you mean `dgov`"));
    }

    #[test]
    fn duplicate_ids_and_zero_denominators() {
        let (_, d) = parse("year: 2023\ngoals:\n  - {id: G1, title: x, progress: 5}\n  - {id: G1, title: y, target: 0, actual: 3}\n");
        let msgs: Vec<_> = d
            .iter()
            .filter(|x| x.is_error())
            .map(|x| (x.line(), x.message.clone()))
            .collect();
        assert!(
            msgs.iter().any(|(l, m)| *l == Some(4)
                && m.contains("duplicate goal id `G1` (first used on line 3)")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|(_, m)| m.contains("divide by zero")),
            "{msgs:?}"
        );
    }

    #[test]
    fn year_must_match_file_name() {
        let (_, d) = parse("year: 2024\n");
        assert!(first_error(&d).message.contains("does not match"));
    }

    #[test]
    fn missing_rule_and_half_rules() {
        let (_, d) =
            parse("year: 2023\ngoals:\n  - {id: A, title: x}\n  - {id: B, title: x, target: 5}\n");
        let msgs: Vec<_> = d.iter().map(|x| x.message.clone()).collect();
        assert!(msgs.iter().any(|m| m.contains("no completion rule")));
        assert!(msgs.iter().any(|m| m.contains("`target` but no `actual`")));
    }

    #[test]
    fn missing_translations_are_one_warning_per_file() {
        let (y, d) = parse("year: 2023\ngoals:\n  - {id: A, title: chỉ tiếng Việt, progress: 5}\n  - {id: B, title: {vi: b}, progress: 5}\n");
        assert!(y.is_some());
        let w: Vec<_> = d.iter().filter(|x| !x.is_error()).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("and 1 more"), "{}", w[0].message);
        assert_eq!(w[0].line(), Some(3));
    }

    #[test]
    fn the_translation_hint_names_the_site_s_own_languages() {
        let src = SourceText {
            path: PathBuf::from("content/years/2023.yaml"),
            text: "year: 2023\ngoals:\n  - {id: A, title: chỉ tiếng Việt, progress: 5}\n".into(),
        };
        let mut config = cfg();
        config.languages = vec!["vi".into(), "fr".into()];
        let cx = YearContext {
            config: &config,
            static_files: &StaticPaths::default(),
        };
        let mut d = Diagnostics::new();
        assert!(parse_year(&src, cx, &mut d).is_some());
        let help = d.iter().find_map(|x| x.help.clone()).expect("a hint");
        assert!(help.contains("`{vi: \"…\", fr: \"…\"}`"), "{help}");
    }

    #[test]
    fn bad_status_suggests_the_right_one() {
        let (_, d) =
            parse("year: 2023\ntasks:\n  - id: T1\n    title: x\n    status: in-progress\n");
        let e = first_error(&d);
        assert_eq!(e.line(), Some(5));
        assert!(
            e.help
                .as_deref()
                .unwrap()
                .contains("did you mean `in_progress`"),
            "{e:?}"
        );
    }

    /// Ids, the references to them and the review ids of a `history` are trimmed of white space
    /// around them, as a workbook cell's text is: `id: " Q1 "` is review `Q1`, which `Q1:` names.
    /// Two ids equal once trimmed are a duplicate, on the second one's line.
    #[test]
    fn ids_are_read_without_the_spaces_around_them() {
        let (y, d) = parse(
            "year: 2023
plans:
  - {id: \" P1 \", date: 2023-01-10}
groups:
  - {id: \"gr \", name: x}
reviews:
  - {id: \" Q1 \", date: 2023-03-31}
  - {id: Q3, date: 2023-09-30}
goals:
  - {id: \" G1 \", title: x, plan: P1, group: \" gr\", progress: 80, history: {Q1: 20}}
tasks:
  - {id: \"T1\\t\", title: x, plan: \"P1 \", status: done, history: {\" Q1\": in_progress}}
indicators:
  - {id: \" I1\", name: x, value: 3}
",
        );
        assert!(!d.has_errors(), "{d:?}");
        let y = y.expect("the year");
        let ids = [
            y.plans[0].id.as_str(),
            &y.groups[0].id,
            &y.reviews[0].id,
            &y.goals[0].id,
            &y.tasks[0].id,
            &y.indicators[0].id,
        ];
        assert_eq!(ids, ["P1", "gr", "Q1", "G1", "T1", "I1"]);
        assert_eq!(
            (y.goals[0].plan.as_deref(), y.goals[0].group.as_deref()),
            (Some("P1"), Some("gr"))
        );
        assert_eq!(y.tasks[0].plan.as_deref(), Some("P1"));
        assert_eq!(y.goals[0].history.len(), 2);
        assert_eq!(y.tasks[0].history[0].status, TaskStatus::InProgress);

        let (_, d) = parse("year: 2023\ngoals:\n  - {id: G1, title: x, progress: 5}\n  - {id: \" G1\", title: y, progress: 5}\n");
        let e = first_error(&d);
        assert_eq!(e.line(), Some(4));
        assert!(
            e.message
                .contains("duplicate goal id `G1` (first used on line 3)"),
            "{e:?}"
        );
        // A problem with an entry whose review id has spaces around it is still on its line.
        let (_, d) = parse("year: 2023\nreviews:\n  - {id: Q1, date: 2023-03-31}\ngoals:\n  - id: G1\n    title: x\n    progress: 5\n    history:\n      \" Q1 \": forty\n");
        let e = first_error(&d);
        assert!(
            e.message.contains("the text `forty` at review `Q1`"),
            "{e:?}"
        );
        assert_eq!(e.line(), Some(9));
    }

    /// A locator as a workbook reader would give: `goals[i].field` is the cell of row `i + 2` (row
    /// 1 holds the headers) in the column of `field` on the sheet named after the list.
    struct FakeSheets {
        path: PathBuf,
    }

    const COLUMNS: &[&str] = &[
        "id", "title", "group", "plan", "target", "actual", "progress",
    ];

    impl Locator for FakeSheets {
        fn path(&self) -> &Path {
            &self.path
        }

        fn value(&self, at: &[Seg]) -> Option<Position> {
            match at {
                [Seg::Key(list), Seg::Index(i), Seg::Key(field), ..] => {
                    let column = COLUMNS.iter().position(|c| c == field)? + 1;
                    let row = u32::try_from(*i).ok()?.checked_add(2)?;
                    Some(Position::cell(
                        list.clone(),
                        row,
                        u32::try_from(column).ok()?,
                    ))
                }
                _ => None,
            }
        }
    }

    fn raw_from(text: &str) -> RawYear {
        crate::yaml::parse(text, Path::new("x.yaml"), 0).expect("a raw year")
    }

    #[test]
    fn a_workbook_locator_places_rule_errors_at_their_cell() {
        let goals: String = (1..=6)
            .map(|i| {
                let target = if i == 6 { 0 } else { 10 };
                format!("  - {{id: G{i}, title: {{vi: a, en: a}}, target: {target}, actual: 3}}\n")
            })
            .collect();
        let raw = raw_from(&format!(
            "year: 2023\ngoals:\n{goals}  - {{id: G2, title: {{vi: b, en: b}}, progress: 5}}\n"
        ));
        let file = YearFile {
            year: 2023,
            name: "2023.xlsx".into(),
            extension: "xlsx".into(),
        };
        let loc = FakeSheets {
            path: PathBuf::from("content/years/2023.xlsx"),
        };
        let mut d = Diagnostics::new();
        let cx = YearContext {
            config: &cfg(),
            static_files: &StaticPaths::default(),
        };
        assert!(validate(raw, &file, &loc, cx, &mut d).is_none());
        let shown: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
        let zero = shown
            .iter()
            .find(|s| s.contains("`target: 0`"))
            .expect("the zero target");
        assert!(
            zero.contains(" --> content/years/2023.xlsx: goals!E7\n"),
            "{zero}"
        );
        assert!(
            zero.contains("add `baseline:`"),
            "the YAML twin's hint: {zero}"
        );
        let dup = shown
            .iter()
            .find(|s| s.contains("duplicate goal id"))
            .expect("the duplicate");
        assert!(
            dup.contains("duplicate goal id `G2` (first used in cell goals!A3)")
                && dup.contains("--> content/years/2023.xlsx: goals!A8"),
            "{dup}"
        );
    }

    #[test]
    fn year_file_names() {
        let ok = YearFile::from_path(Path::new("content/years/2023.yaml")).unwrap();
        assert_eq!((ok.year, ok.extension.as_str()), (2023, "yaml"));
        for bad in [
            "23.yaml",
            "2021-ke-hoach.yaml",
            "2023.yml",
            "abcd.yaml",
            "0999.yaml",
            "0000.yaml",
            "+202.yaml",
            "２０２３.yaml",
        ] {
            assert!(YearFile::from_path(Path::new(bad)).is_err(), "{bad}");
        }
    }
}
