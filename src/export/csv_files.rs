//! `goals.csv` and `tasks.csv`: UTF-8 with a byte-order mark (so spreadsheet programs show
//! Vietnamese correctly), a header row, CRLF line ends, fields quoted only when they need it
//! (the `csv` crate's writer), and a guard against formulas: a text cell that starts with `=`,
//! `+`, `-`, `@`, tab or carriage return gets a leading `'`, so a spreadsheet never runs it.

use super::state::{self, At};
use super::Texts;
use crate::model::{Site, Year};

/// A CSV cell.
enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(o: Option<String>) -> Self {
        o.map(Cell::Text).unwrap_or(Cell::Empty)
    }
}

impl From<Option<f64>> for Cell {
    fn from(o: Option<f64>) -> Self {
        o.map(Cell::Num).unwrap_or(Cell::Empty)
    }
}

impl Cell {
    /// The field's text before CSV quoting.
    fn field(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Num(n) => format_num(*n),
            Cell::Text(s) if s.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{s}"),
            Cell::Text(s) => s.clone(),
        }
    }
}

/// A number with `.` as the decimal separator; whole numbers without a fraction. What is not
/// finite (a completion that overflowed) is an empty cell, as it is `null` in `data.json`.
fn format_num(n: f64) -> String {
    if !n.is_finite() {
        String::new()
    } else if n.fract() == 0.0 && n.abs() < 1e15 {
        // Whole and under 10¹⁵ in magnitude: the cast is exact.
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// The file: BOM, header, rows. Each row has as many fields as the header (the array length
/// says so), so writing into memory cannot fail.
fn csv<const N: usize>(header: [&str; N], mut rows: impl Iterator<Item = [Cell; N]>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let written = w
        .write_record(header)
        .and_then(|()| rows.try_for_each(|r| w.write_record(r.iter().map(Cell::field))));
    match (written, w.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => Vec::new(),
    }
}

/// The name of group `id` of `year`, in the file's language.
fn group_name(year: &Year, id: Option<&str>, t: Texts<'_>) -> Option<String> {
    id.and_then(|id| year.group(id)).map(|g| t.of(&g.name))
}

/// `goals.csv` of a year, texts in `lang`.
pub fn goals_csv(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    goals_file(site, year, At::Year, lang)
}

/// `goals.csv` of review `r` of a year (`None` if there is no such review): the goals that
/// existed then, with their values then; empty `completion`, `bucket` and measured value where
/// not assessed.
pub fn review_goals_csv(site: &Site, year: &Year, r: usize, lang: &str) -> Option<Vec<u8>> {
    year.reviews.get(r)?;
    Some(goals_file(site, year, At::Review(r), lang))
}

/// `tasks.csv` of a year, texts in `lang`.
pub fn tasks_csv(site: &Site, year: &Year, lang: &str) -> Vec<u8> {
    tasks_file(site, year, At::Year, lang)
}

/// `tasks.csv` of review `r` of a year (`None` if there is no such review): the tasks that
/// existed then, with an empty `status` where not assessed.
pub fn review_tasks_csv(site: &Site, year: &Year, r: usize, lang: &str) -> Option<Vec<u8>> {
    year.reviews.get(r)?;
    Some(tasks_file(site, year, At::Review(r), lang))
}

fn goals_file(site: &Site, year: &Year, at: At, lang: &str) -> Vec<u8> {
    let t = Texts::new(site, lang);
    let rows = state::goals(year, at).into_iter().map(|s| {
        let g = s.goal;
        let (progress, target, actual, baseline) = s.parts;
        [
            Cell::Text(g.id.clone()),
            Cell::Text(t.of(&g.title)),
            s.completion.into(),
            s.bucket.map(|b| b.key().to_string()).into(),
            g.group.clone().into(),
            group_name(year, g.group.as_deref(), t).into(),
            g.plan.clone().into(),
            progress.into(),
            target.into(),
            actual.into(),
            baseline.into(),
            t.of_opt(g.unit.as_ref()).into(),
        ]
    });
    csv(
        [
            "id",
            "title",
            "completion",
            "bucket",
            "group",
            "group_name",
            "plan",
            "progress",
            "target",
            "actual",
            "baseline",
            "unit",
        ],
        rows,
    )
}

fn tasks_file(site: &Site, year: &Year, at: At, lang: &str) -> Vec<u8> {
    let t = Texts::new(site, lang);
    let rows = state::tasks(year, at).into_iter().map(|s| {
        let x = s.task;
        [
            Cell::Text(x.id.clone()),
            Cell::Text(t.of(&x.title)),
            s.status.map(|st| st.key().to_string()).into(),
            x.group.clone().into(),
            group_name(year, x.group.as_deref(), t).into(),
            x.plan.clone().into(),
            t.of_opt(x.owner.as_ref()).into(),
            x.due.map(|d| d.to_string()).into(),
        ]
    });
    csv(
        [
            "id",
            "title",
            "status",
            "group",
            "group_name",
            "plan",
            "owner",
            "due",
        ],
        rows,
    )
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_neutralises_formulas_and_quotes() {
        let out = csv(
            ["a", "b", "c"],
            [
                [
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Num(-5.0),
                    Cell::Text("a, b\nc".into()),
                ],
                [
                    Cell::Text("@SUM".into()),
                    Cell::Empty,
                    Cell::Text("+1".into()),
                ],
            ]
            .into_iter(),
        );
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("\u{feff}a,b,c\r\n"));
        assert!(
            s.contains("\"'=HYPERLINK(\"\"x\"\")\",-5,\"a, b\nc\"\r\n"),
            "{s:?}"
        );
        assert!(s.contains("'@SUM,,'+1\r\n"), "{s:?}");
    }

    #[test]
    fn numbers_that_are_not_finite_are_empty_cells() {
        let out = csv(
            ["completion", "target", "actual"],
            [[
                Cell::Num(f64::INFINITY),
                Cell::Num(f64::NAN),
                Cell::Num(1e300),
            ]]
            .into_iter(),
        );
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            format!(
                "\u{feff}completion,target,actual\r\n,,1{}\r\n",
                "0".repeat(300)
            )
        );
        assert_eq!(format_num(-0.0), "0");
        assert_eq!(format_num(2.5), "2.5");
        assert_eq!(format_num(1e15), "1000000000000000");
    }

    /// The writer this module had before the `csv` crate, kept as the reference for bytes.
    fn hand_written(header: &[&str], rows: &[Vec<Cell>]) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        out.push_str(&header.join(","));
        out.push_str("\r\n");
        for row in rows {
            for (i, c) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let s = match c {
                    Cell::Empty => continue,
                    Cell::Num(n) => {
                        out.push_str(&format_num(*n));
                        continue;
                    }
                    Cell::Text(s) => s,
                };
                let mut s = s.clone();
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                    s.insert(0, '\'');
                }
                if s.contains([',', '"', '\n', '\r']) {
                    out.push('"');
                    out.push_str(&s.replace('"', "\"\""));
                    out.push('"');
                } else {
                    out.push_str(&s);
                }
            }
            out.push_str("\r\n");
        }
        out.into_bytes()
    }

    fn cell(kind: u8, text: String, n: f64) -> Cell {
        match kind % 3 {
            0 => Cell::Text(text),
            1 => Cell::Num(n),
            _ => Cell::Empty,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Byte for byte what the hand-written writer made, for any text: quotes, commas, line
        /// breaks, formulas, tabs, empty and multi-byte cells.
        #[test]
        fn the_csv_crate_writes_the_same_bytes_as_before(
            rows in proptest::collection::vec(
                proptest::collection::vec(
                    (0u8..3, "[=+@\\-\t\r\n\",' a-zĐđ€😀]{0,12}", -1e6f64..1e6),
                    3,
                ),
                0..8,
            ),
        ) {
            let ours = |r: &Vec<(u8, String, f64)>| -> [Cell; 3] {
                [cell(r[0].0, r[0].1.clone(), r[0].2), cell(r[1].0, r[1].1.clone(), r[1].2), cell(r[2].0, r[2].1.clone(), r[2].2)]
            };
            let theirs = |r: &Vec<(u8, String, f64)>| -> Vec<Cell> {
                r.iter().map(|(k, t, n)| cell(*k, t.clone(), *n)).collect()
            };
            let new = csv(["a", "b", "c"], rows.iter().map(ours));
            let old = hand_written(&["a", "b", "c"], &rows.iter().map(theirs).collect::<Vec<_>>());
            proptest::prop_assert_eq!(String::from_utf8_lossy(&new), String::from_utf8_lossy(&old));
        }
    }
}
