//! What a cell holds, and what it means as a field: text, a number, a date (as `YYYY-MM-DD`
//! text, which the validation parses as it parses YAML's), or a drop-down value.
//!
//! Numbers typed into text cells follow one rule ([`parse_number`]):
//! - spaces around (also no-break spaces) are ignored, a trailing `%` is dropped (`85%` → 85,
//!   as a percentage cell showing 85 % is read as 85), a leading `-`/`+`/`−` is a sign;
//! - Vietnamese writing: `,` is the decimal mark, `.` groups thousands: `85,5` → 85.5,
//!   `1.234,5` → 1234.5, `1.234.567` → 1234567;
//! - English writing is read where it cannot be mistaken: `85.5` → 85.5, `1,234.5` → 1234.5;
//! - one mark followed by exactly three digits (`1.234`, `12,500`) means a thousand times more
//!   in one writing than in the other: an error that asks for `1234` or a number cell, never a
//!   guess.

use crate::load::year::RawValue;

/// What a cell holds, as the file says it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A text cell.
    Text(String),
    /// A number, rounded to Excel's 15 digits; a percentage cell showing 85 % is 85.
    Number(f64),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
    /// A date cell with a time of day: the day, then `HH:MM`.
    DateTime(String, String),
    /// An error value the cell shows (`#DIV/0!`, `#N/A`).
    Error(String),
    /// A date cell that is no date (Excel's 29 February 1900, a duration): what it holds.
    BadDate(String),
    /// A formula whose result the file does not hold: the formula.
    Uncomputed(String),
}

/// What is wrong with a cell, and what to do: placed at the cell by the caller.
pub type Problem = (String, String);

const SAVE_IN_EXCEL: &str = "open the file in Excel and save it (in LibreOffice Calc, first recalculate: Data → Calculate → Recalculate Hard, Ctrl+Shift+F9): tiendo reads the result a formula had when the file was last saved, and this file was written by a program that does not compute formulas";
const TURNED_INTO_DATE: &str =
    "Excel turned what was typed into a date: format the cell as Text (or Number) and type it again";
const DATE_HINT: &str = "write dates as YYYY-MM-DD, such as `2023-12-31`, or enter a date cell";

fn problem(message: impl Into<String>, help: impl Into<String>) -> Problem {
    (message.into(), help.into())
}

impl Value {
    /// A date cell's value; calamine's `to_ymd_hms_milli` knows the 1904 epoch and, as Excel
    /// does, gives serial 60 as the impossible 1900-02-29.
    pub fn of_date_time(dt: &calamine::ExcelDateTime) -> Value {
        if dt.is_duration() {
            return Value::BadDate(format!("a duration ({})", dt.as_f64()));
        }
        let (y, m, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
        let day = format!("{y:04}-{m:02}-{d:02}");
        if crate::date::Date::parse(&day).is_err() {
            return Value::BadDate(format!(
                "{day}, a day that does not exist (Excel's 1900 leap-year bug)"
            ));
        }
        if (h, mi, s, ms) == (0, 0, 0, 0) {
            Value::Date(day)
        } else {
            Value::DateTime(day, format!("{h:02}:{mi:02}"))
        }
    }

    /// Errors every conversion shares.
    fn usable(&self) -> Result<(), Problem> {
        match self {
            Value::Uncomputed(f) => Err(problem(
                format!("the formula `{f}` has no saved result"),
                SAVE_IN_EXCEL,
            )),
            Value::Error(e) => Err(problem(
                format!("the cell shows the error {e}"),
                "correct the formula or the value it uses, or type the value",
            )),
            Value::BadDate(what) => Err(problem(
                format!("the cell holds {what}, not a date"),
                DATE_HINT,
            )),
            _ => Ok(()),
        }
    }

    /// Text, trimmed: ids, references, titles. A number cell gives its digits (`85.0` → `85`).
    pub fn text(&self) -> Result<String, Problem> {
        self.usable()?;
        match self {
            Value::Text(s) => Ok(s.trim().to_string()),
            Value::Number(n) => Ok(number_text(*n)),
            Value::Bool(b) => Err(problem(
                format!("expected text, found the logical value {}", bool_name(*b)),
                "type the text; format the cell as Text if Excel changes it",
            )),
            Value::Date(d) | Value::DateTime(d, _) => Err(problem(
                format!("expected text, found the date {d}"),
                TURNED_INTO_DATE,
            )),
            _ => Err(problem("the cell cannot be read", DATE_HINT)),
        }
    }

    /// Text as written, not trimmed (titles, notes, Markdown); a number cell gives its digits.
    pub fn text_as_written(&self) -> Result<String, Problem> {
        match self {
            Value::Text(s) => Ok(s.clone()),
            _ => self.text(),
        }
    }

    /// A number: a number cell, or text by the rule of [`parse_number`].
    pub fn number(&self) -> Result<f64, Problem> {
        self.usable()?;
        match self {
            Value::Number(n) => Ok(*n),
            Value::Text(s) => parse_number(s),
            Value::Bool(b) => Err(problem(
                format!(
                    "expected a number, found the logical value {}",
                    bool_name(*b)
                ),
                "type the number",
            )),
            Value::Date(d) | Value::DateTime(d, _) => Err(problem(
                format!("expected a number, found the date {d}"),
                TURNED_INTO_DATE,
            )),
            _ => Err(problem("the cell cannot be read", "type the number")),
        }
    }

    /// A `history.<review>` cell of the `goals` sheet, for the one validation to judge as it
    /// judges YAML's: a number (a number cell, or text read by [`parse_number`]), or the text
    /// as written when it holds no digit (`done`: the validation says statuses belong to tasks).
    /// Text with digits that is no number (`1.234`, `85 kg`) is this reader's error.
    pub fn goal_history(&self) -> Result<RawValue, Problem> {
        match self {
            Value::Text(s) if !s.chars().any(|c| c.is_ascii_digit()) => {
                Ok(RawValue::Text(s.trim().to_string()))
            }
            _ => self.number().map(RawValue::Number),
        }
    }

    /// A `history.<review>` cell of the `tasks` sheet: a status by its English or Vietnamese
    /// name, or what was written (a number, other text) for the one validation to judge.
    pub fn task_history(&self, table: &[(&'static str, &str)]) -> Result<RawValue, Problem> {
        self.usable()?;
        match self {
            Value::Number(n) => Ok(RawValue::Number(*n)),
            _ => {
                let t = self.text()?;
                let key = super::layout::canonical_value(table, &t);
                Ok(RawValue::Text(key.map_or(t, str::to_string)))
            }
        }
    }

    /// A date as `YYYY-MM-DD` text: a date cell, or text (checked by the validation, as YAML's).
    pub fn date_text(&self) -> Result<String, Problem> {
        self.usable()?;
        match self {
            Value::Date(d) => Ok(d.clone()),
            Value::Text(s) => Ok(s.trim().to_string()),
            Value::DateTime(d, time) => Err(problem(
                format!("expected a date, found the date and time {d} {time}"),
                format!("keep the day only: {d}"),
            )),
            Value::Number(n) => {
                let (y, m, d, ..) =
                    calamine::ExcelDateTime::new(*n, calamine::ExcelDateTimeType::DateTime, false)
                        .to_ymd_hms_milli();
                Err(problem(
                    format!("expected a date, found the number {}", number_text(*n)),
                    format!("format the cell as a date (as a date this number is {y:04}-{m:02}-{d:02}), or type YYYY-MM-DD"),
                ))
            }
            Value::Bool(b) => Err(problem(
                format!("expected a date, found the logical value {}", bool_name(*b)),
                DATE_HINT,
            )),
            _ => Err(problem("the cell cannot be read", DATE_HINT)),
        }
    }

    /// A drop-down value, English or Vietnamese, from `table` (key, Vietnamese name).
    pub fn choice(&self, table: &[(&'static str, &str)]) -> Result<&'static str, Problem> {
        let t = self.text()?;
        if let Some(k) = super::layout::canonical_value(table, &t) {
            return Ok(k);
        }
        let allowed: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
        let names = table
            .iter()
            .map(|(k, vi)| format!("{k} ({vi})"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match crate::diag::did_you_mean(&t, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed values: {names}"),
            None => format!("use one of: {names} (pick it from the cell's drop-down list)"),
        };
        Err(problem(format!("`{t}` is not an allowed value"), help))
    }
}

fn bool_name(b: bool) -> &'static str {
    if b {
        "TRUE"
    } else {
        "FALSE"
    }
}

const NOT_A_NUMBER_HINT: &str =
    "write a number such as `85` or `85,5` (decimal comma), or leave the cell empty";

/// Reads a number typed into a text cell (the rule is in the module's documentation).
pub fn parse_number(text: &str) -> Result<f64, Problem> {
    let shown = text.trim();
    let invalid = || problem(format!("`{shown}` is not a number"), NOT_A_NUMBER_HINT);
    let s = shown.strip_suffix('%').map_or(shown, str::trim_end);
    let (negative, body) = if let Some(b) = s.strip_prefix(['-', '\u{2212}']) {
        (true, b)
    } else {
        (false, s.strip_prefix('+').unwrap_or(s))
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(invalid());
    }
    let (int, frac) = split_marks(body).map_err(|ambiguous| match ambiguous {
        Some(grouped) => {
            let sign = if negative { "-" } else { "" };
            let decimal = body.replace(',', ".");
            problem(
                format!("`{shown}` could be {sign}{grouped} or {sign}{decimal}"),
                format!("write it without a thousands separator (`{sign}{grouped}`), or enter it as a number cell"),
            )
        }
        None => invalid(),
    })?;
    let sign = if negative { "-" } else { "" };
    let int = if int.is_empty() { "0" } else { &int };
    format!("{sign}{int}.{}", frac.unwrap_or("0"))
        .parse::<f64>()
        .map_err(|_| invalid())
}

/// The digits before the decimal mark (grouping removed) and after it. `Err(Some(grouped))`
/// for one mark before exactly three digits (`1.234`), `Err(None)` for no number.
fn split_marks(body: &str) -> Result<(String, Option<&str>), Option<String>> {
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int, frac, group) = match (dots, commas) {
        (0, 0) => (body, None, None),
        // Both: the last one is the decimal mark and must occur once; the other groups.
        (d, c) if d > 0 && c > 0 => {
            let last = body.rfind(['.', ',']).ok_or(None)?;
            let (dec, group) = if body.get(last..last + 1) == Some(",") {
                (',', '.')
            } else {
                ('.', ',')
            };
            if body.matches(dec).count() != 1 {
                return Err(None);
            }
            (&body[..last], body.get(last + 1..), Some(group))
        }
        // Several of one mark: it can only be grouping (`1.234.567`, `1,234,567`).
        (d, 0) if d > 1 => (body, None, Some('.')),
        (0, _) if commas > 1 => (body, None, Some(',')),
        // One mark: a decimal mark, unless it could as well group thousands.
        _ => {
            let at = body.find(['.', ',']).ok_or(None)?;
            let (int, frac) = (&body[..at], body.get(at + 1..).unwrap_or(""));
            if frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0') {
                return Err(Some(format!("{int}{frac}")));
            }
            (int, Some(frac), None)
        }
    };
    let digits = match group {
        Some(sep) => ungroup(int, sep).ok_or(None)?,
        None => int.to_string(),
    };
    let frac_ok = frac.map_or(!digits.is_empty(), |f| {
        !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
    });
    if !frac_ok || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(None);
    }
    Ok((digits, frac))
}

/// `1.234.567` → `1234567`, if every group after the first has three digits.
fn ungroup(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
    }
    Some(out)
}

/// Rounds to the 15 significant digits Excel shows, so that a cached `0.1+0.2` is 0.3 and
/// `85.60000000000001` is 85.6, as the same number typed in YAML.
pub fn excel_round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.14e}").parse().unwrap_or(x)
}

/// A number as text in a text column (ids, plan numbers): `85.0` → `85`, `2.5` → `2.5`.
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> f64 {
        parse_number(s).unwrap_or_else(|e| panic!("{s}: {}", e.0))
    }

    #[test]
    fn vietnamese_and_english_writing() {
        assert_eq!(ok("85"), 85.0);
        assert_eq!(ok(" 85 "), 85.0);
        assert_eq!(ok("\u{a0}85\u{a0}"), 85.0);
        assert_eq!(ok("85,5"), 85.5);
        assert_eq!(ok("85.5"), 85.5);
        assert_eq!(ok("1.234,5"), 1234.5);
        assert_eq!(ok("1,234.5"), 1234.5);
        assert_eq!(ok("1.234.567"), 1_234_567.0);
        assert_eq!(ok("1,234,567"), 1_234_567.0);
        assert_eq!(ok("0,125"), 0.125);
        assert_eq!(ok("1234,567"), 1234.567);
        assert_eq!(ok(",5"), 0.5);
        assert_eq!(ok("-3,5"), -3.5);
        assert_eq!(ok("\u{2212}3"), -3.0);
        assert_eq!(ok("85%"), 85.0);
        assert_eq!(ok("85,5 %"), 85.5);
        assert_eq!(ok("12,50"), 12.5);
    }

    #[test]
    fn ambiguous_thousands_are_errors() {
        for (s, grouped) in [
            ("1.234", "1234"),
            ("12,500", "12500"),
            ("100.000", "100000"),
            ("-1,234", "-1234"),
        ] {
            let (message, help) = parse_number(s).unwrap_err();
            assert!(message.contains("could be"), "{s}: {message}");
            assert!(help.contains(&format!("`{grouped}`")), "{s}: {help}");
        }
        let (message, _) = parse_number("1.234").unwrap_err();
        assert_eq!(message, "`1.234` could be 1234 or 1.234");
    }

    #[test]
    fn not_numbers() {
        for s in [
            "",
            " ",
            "abc",
            "85 5",
            "1.2.3,4,5",
            "1.23.456",
            "5.",
            "5,",
            "1,2.3,4",
            "--5",
            "85%%",
            "1e5",
            "0x10",
            ".",
        ] {
            let (message, _) = parse_number(s).unwrap_err();
            assert!(message.contains("is not a number"), "{s:?}: {message}");
        }
    }

    #[test]
    fn rounding_and_text() {
        assert_eq!(excel_round(0.1 + 0.2), 0.3);
        assert_eq!(excel_round(85.600_000_000_000_01), 85.6);
        assert_eq!(number_text(85.0), "85");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(-0.0), "0");
    }

    #[test]
    fn cells_as_fields() {
        let date = Value::Date("2023-12-31".into());
        assert_eq!(date.date_text().unwrap(), "2023-12-31");
        assert!(date
            .number()
            .unwrap_err()
            .1
            .contains("format the cell as Text"));
        let serial = Value::Number(45291.0);
        assert!(serial.date_text().unwrap_err().1.contains("2023-12-31"));
        let f = Value::Uncomputed("=40+45".into());
        let (message, help) = f.number().unwrap_err();
        assert_eq!(message, "the formula `=40+45` has no saved result");
        assert!(
            help.contains("save it") && help.contains("Ctrl+Shift+F9"),
            "{help}"
        );
        let s = Value::Text("in-progress".into());
        let (message, help) = s.choice(super::super::layout::STATUS_VALUES).unwrap_err();
        assert_eq!(message, "`in-progress` is not an allowed value");
        assert!(help.contains("did you mean `in_progress`?"), "{help}");
        assert_eq!(
            Value::Text("Hoàn thành".into())
                .choice(super::super::layout::STATUS_VALUES)
                .unwrap(),
            "done"
        );
        assert_eq!(Value::Number(85.0).text().unwrap(), "85");
    }
}
