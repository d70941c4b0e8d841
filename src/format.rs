//! Numbers, percentages and dates as each language writes them (vi: `85,5 %`, `19/12/2023`;
//! en: `85.5%`, `19 December 2023`). The patterns come from the theme's `i18n/<lang>.yaml`, so a
//! language is added by adding a file. Pure.

use crate::date::Date;
use crate::model::Bucket;
use std::collections::BTreeMap;

/// Formats values for one language, from its UI strings.
#[derive(Debug, Clone)]
pub struct Formatter<'a> {
    strings: &'a BTreeMap<String, String>,
    decimal: String,
    thousands: String,
}

impl<'a> Formatter<'a> {
    /// A formatter using `strings` (`number_decimal`, `number_thousands`, `percent`, `date_format`,
    /// `month_1` … `month_12`).
    pub fn new(strings: &'a BTreeMap<String, String>) -> Self {
        let get = |k: &str, d: &str| strings.get(k).cloned().unwrap_or_else(|| d.to_string());
        Formatter {
            decimal: get("number_decimal", "."),
            thousands: get("number_thousands", ","),
            strings,
        }
    }

    /// A UI string, `{name}` placeholders filled from `args`. A missing key shows as itself.
    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self
            .strings
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string());
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }

    /// The raw UI strings.
    pub fn strings(&self) -> &'a BTreeMap<String, String> {
        self.strings
    }

    /// A number with at most `decimals` decimals (trailing zeros dropped) and thousands grouped.
    pub fn number(&self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return "–".to_string();
        }
        let s = format!("{:.*}", decimals, x);
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
            None => (s.clone(), String::new()),
        };
        let (sign, digits) = match int.strip_prefix('-') {
            Some(d) => ("-", d.to_string()),
            None => ("", int),
        };
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
                grouped.push_str(&self.thousands);
            }
            grouped.push(c);
        }
        let sign = if grouped.chars().all(|c| c == '0') && frac.is_empty() {
            ""
        } else {
            sign
        };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{frac}", self.decimal)
        }
    }

    /// A whole number.
    pub fn count(&self, n: usize) -> String {
        self.number(n as f64, 0)
    }

    /// A percentage: `85,5 %` / `85.5%`.
    pub fn percent(&self, x: f64, decimals: usize) -> String {
        self.tr("percent", &[("n", &self.number(x, decimals))])
    }

    /// A goal's completion, to one decimal, or two where one would show a value that reads as
    /// another bucket (69.96 % is not shown as "70 %" next to "above 70 %").
    pub fn completion(&self, pct: f64) -> String {
        let one = (pct * 10.0).round() / 10.0;
        let decimals = if Bucket::of(one) == Bucket::of(pct) {
            1
        } else {
            2
        };
        self.percent(pct, decimals)
    }

    /// The share `part / total` as a whole percentage (`67 %`), or 0 for an empty total.
    pub fn share(&self, part: usize, total: usize) -> String {
        let pct = if total == 0 {
            0.0
        } else {
            part as f64 * 100.0 / total as f64
        };
        self.percent(pct.round(), 0)
    }

    /// A date: `19/12/2023` / `19 December 2023`.
    pub fn date(&self, d: Date) -> String {
        let format = self
            .strings
            .get("date_format")
            .map(String::as_str)
            .unwrap_or("{yyyy}-{mm}-{dd}");
        // One pass over the format: every list page shows a date per article.
        let mut out = String::with_capacity(format.len() + 8);
        let mut rest = format;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            let Some(end) = rest.find('}') else { break };
            match &rest[..=end] {
                "{dd}" => out.push_str(&format!("{:02}", d.day())),
                "{d}" => out.push_str(&d.day().to_string()),
                "{mm}" => out.push_str(&format!("{:02}", d.month())),
                "{month}" => out.push_str(&self.month_name(d.month())),
                "{yyyy}" => out.push_str(&d.year().to_string()),
                _ => {
                    out.push('{');
                    rest = &rest[1..];
                    continue;
                }
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// The name of month `m` (1–12), or its number where the strings have none.
    fn month_name(&self, m: u32) -> String {
        self.strings
            .get(&format!("month_{m}"))
            .cloned()
            .unwrap_or_else(|| m.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(lang: &str) -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let pairs: &[(&str, &str)] = if lang == "vi" {
            &[
                ("number_decimal", ","),
                ("number_thousands", "."),
                ("percent", "{n} %"),
                ("date_format", "{dd}/{mm}/{yyyy}"),
            ]
        } else {
            &[
                ("number_decimal", "."),
                ("number_thousands", ","),
                ("percent", "{n}%"),
                ("date_format", "{d} {month} {yyyy}"),
                ("month_12", "December"),
            ]
        };
        for (k, v) in pairs {
            m.insert(k.to_string(), v.to_string());
        }
        m
    }

    #[test]
    fn numbers_per_language() {
        let vi = strings("vi");
        let en = strings("en");
        let (vi, en) = (Formatter::new(&vi), Formatter::new(&en));
        assert_eq!(vi.percent(85.5, 1), "85,5 %");
        assert_eq!(en.percent(85.5, 1), "85.5%");
        assert_eq!(vi.percent(100.0, 1), "100 %");
        assert_eq!(vi.number(1234567.5, 2), "1.234.567,5");
        assert_eq!(en.number(12345.0, 0), "12,345");
        assert_eq!(en.number(2020.0, 0), "2020");
        assert_eq!(en.number(-0.001, 1), "0");
        assert_eq!(en.number(-2.5, 1), "-2.5");
    }

    #[test]
    fn completion_never_reads_as_another_bucket() {
        let en = strings("en");
        let en = Formatter::new(&en);
        assert_eq!(en.completion(85.0), "85%");
        // 69.96 rounds to 70, which is still in the 50-70 bucket.
        assert_eq!(en.completion(69.96), "70%");
        assert_eq!(en.completion(49.96), "49.96%");
        assert_eq!(en.completion(99.97), "99.97%");
        assert_eq!(en.completion(70.04), "70.04%");
        assert_eq!(en.completion(70.0), "70%");
    }

    #[test]
    fn dates_per_language() {
        let d = Date::parse("2023-12-19").unwrap();
        let (vi, en) = (strings("vi"), strings("en"));
        assert_eq!(Formatter::new(&vi).date(d), "19/12/2023");
        assert_eq!(Formatter::new(&en).date(d), "19 December 2023");
        assert_eq!(
            Formatter::new(&vi).date(Date::parse("2023-03-05").unwrap()),
            "05/03/2023"
        );
    }

    #[test]
    fn every_date_placeholder_in_any_order_and_stray_braces_kept() {
        let d = Date::parse("2023-12-05").unwrap();
        let mut s = strings("en");
        s.insert(
            "date_format".into(),
            "{ {d}.{dd}.{mm} {month} {yyyy}} {x} {dd".into(),
        );
        assert_eq!(
            Formatter::new(&s).date(d),
            "{ 5.05.12 December 2023} {x} {dd"
        );
    }
}
