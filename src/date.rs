//! Calendar dates and article timestamps, without a clock: "today" is always passed in.
//!
//! The calendar (which days exist, days since 1970) and the RFC 3339 grammar (offsets, fractions,
//! leap seconds) are the `time` crate's; this module keeps tiendo's own rules on top: a date is
//! written `YYYY-MM-DD` exactly, a date and time is separated by `T`, `t` or a space, and every
//! refusal says in words what is wrong.

use std::fmt;
use time::format_description::well_known::Rfc3339;

/// A calendar date (one that exists: no 30 February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

/// 1970-01-01 in the Julian day count `time` numbers days by.
const UNIX_EPOCH_JULIAN_DAY: i64 = 2_440_588;
/// 0000-01-01 and 9999-12-31 as Julian days: the dates a four-digit year can write.
const FIRST_JULIAN_DAY: i64 = 1_721_060;
const LAST_JULIAN_DAY: i64 = 5_373_484;

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
        }
        // Ten ASCII bytes: every slice below is on a character boundary.
        let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u16>().ok());
        let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
        };
        let Some(m) = u8::try_from(month)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
        else {
            return Err(format!("`{s}` has month {month}; months run from 01 to 12"));
        };
        let year = i32::from(year);
        let max = time::util::days_in_month(m, year);
        match u8::try_from(day).ok().filter(|d| (1..=max).contains(d)) {
            Some(d) => time::Date::from_calendar_date(year, m, d)
                .map(Date)
                .map_err(|e| format!("`{s}` is not a real date: {e}")),
            None => Err(format!(
                "`{s}` is not a real date: month {month:02} of {year} has {max} days"
            )),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(u8::from(self.0.month()))
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.0.day())
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        i64::from(self.0.to_julian_day()) - UNIX_EPOCH_JULIAN_DAY
    }

    /// The date `days` days after 1970-01-01, kept within the years 0 to 9999 (a day count
    /// outside them, as a wrong `SOURCE_DATE_EPOCH` gives, becomes the nearest end).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let julian = days
            .saturating_add(UNIX_EPOCH_JULIAN_DAY)
            .clamp(FIRST_JULIAN_DAY, LAST_JULIAN_DAY);
        let julian = i32::try_from(julian).unwrap_or(i32::MAX);
        Date(time::Date::from_julian_day(julian).unwrap_or(time::Date::MAX))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

/// An article's publication moment: a date, or an RFC 3339 date and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The calendar date as written (in the writer's own offset).
    pub date: Date,
    /// Seconds since the Unix epoch, for ordering; a bare date counts as its midnight UTC.
    pub epoch_seconds: i64,
    /// RFC 3339 form, for feeds: seconds without their fraction, `Z` for a zero offset.
    pub rfc3339: String,
    /// A time of day was given.
    pub has_time: bool,
}

impl Timestamp {
    /// Parses `YYYY-MM-DD` or an RFC 3339 date-time (`2023-12-19T09:30:00+07:00`).
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let s = s.trim();
        if s.len() == 10 {
            let date = Date::parse(s)?;
            return Ok(Timestamp {
                date,
                epoch_seconds: date.days_since_epoch() * 86_400,
                rfc3339: format!("{date}T00:00:00Z"),
                has_time: false,
            });
        }
        let bad = |why: Option<String>| {
            let mut m = format!("`{s}` is neither a date (YYYY-MM-DD) nor an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS+07:00)");
            if let Some(why) = why {
                m.push_str(": ");
                m.push_str(&why);
            }
            m
        };
        // RFC 3339 lets the date and the time be separated by a space; `time` takes any byte.
        if !matches!(s.as_bytes().get(10), Some(b'T' | b't' | b' ')) {
            return Err(bad(None));
        }
        let t = time::OffsetDateTime::parse(s, &Rfc3339).map_err(|e| bad(reason(&e)))?;
        let date = Date(t.date());
        let offset = t.offset();
        let zone = if offset.is_utc() {
            "Z".to_string()
        } else {
            let (h, m, _) = offset.as_hms();
            let sign = if offset.is_negative() { '-' } else { '+' };
            format!("{sign}{:02}:{:02}", h.unsigned_abs(), m.unsigned_abs())
        };
        Ok(Timestamp {
            date,
            epoch_seconds: t.unix_timestamp(),
            rfc3339: format!(
                "{date}T{:02}:{:02}:{:02}{zone}",
                t.hour(),
                t.minute(),
                t.second()
            ),
            has_time: true,
        })
    }
}

/// What is wrong with a date-time, in words, where the parser says which part.
fn reason(e: &time::error::Parse) -> Option<String> {
    use time::error::{Parse, ParseFromDescription, TryFromParsed};
    let part = match e {
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(name)) => *name,
        Parse::TryFromParsed(TryFromParsed::ComponentRange(r)) => r.name(),
        _ => return None,
    };
    Some(match part {
        "offset hour" | "offset minute" | "offset second" => {
            "the time zone must be `Z` or `+HH:MM`/`-HH:MM` with hours 00–23 and minutes 00–59 (Vietnam is `+07:00`)".to_string()
        }
        "hour" => "hours run from 00 to 23".to_string(),
        "minute" => "minutes run from 00 to 59".to_string(),
        "second" => "seconds run from 00 to 59".to_string(),
        "day" | "month" | "year" => "that day does not exist".to_string(),
        other => format!("its {other} cannot be read"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2023-12-19").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("2023-13-01").unwrap_err().contains("month 13"));
        assert!(Date::parse("19/12/2023").is_err());
        assert!(Date::parse("2023-1-1").is_err());
        assert!(Date::parse("2023-12-1é").is_err());
        assert!(Date::parse("2023-00-10").is_err());
        assert!(Date::parse("2023-01-00").is_err());
    }

    #[test]
    fn epoch_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2023-12-19", "2100-03-01"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
        assert_eq!(
            Date::from_days_since_epoch(i64::MAX).to_string(),
            "9999-12-31"
        );
        assert_eq!(
            Date::from_days_since_epoch(i64::MIN).to_string(),
            "0000-01-01"
        );
        let first = Date::parse("0000-01-01").unwrap();
        assert_eq!(Date::from_days_since_epoch(first.days_since_epoch()), first);
    }

    #[test]
    fn timestamps_order_by_instant() {
        let a = Timestamp::parse("2023-12-19T09:00:00+07:00").unwrap();
        let b = Timestamp::parse("2023-12-19T03:00:00Z").unwrap();
        assert!(a.epoch_seconds < b.epoch_seconds);
        assert_eq!(a.date, Date::parse("2023-12-19").unwrap());
        assert_eq!(a.rfc3339, "2023-12-19T09:00:00+07:00");
        assert!(Timestamp::parse("2023-12-19T25:00:00Z").is_err());
        let frac = Timestamp::parse("2023-12-19T10:00:00.123z").unwrap();
        assert_eq!(frac.rfc3339, "2023-12-19T10:00:00Z");
        let late = Timestamp::parse("2023-12-31 23:30:00-05:30").unwrap();
        assert_eq!(late.date.to_string(), "2023-12-31");
        assert_eq!(late.rfc3339, "2023-12-31T23:30:00-05:30");
        assert_eq!(
            Timestamp::parse("2023-12-19T09:00:00-00:00")
                .unwrap()
                .rfc3339,
            "2023-12-19T09:00:00Z"
        );
    }

    #[test]
    fn bad_time_zones_are_refused_in_words() {
        for bad in [
            "2023-12-19T09:30:00+0é00",
            "2023-12-19T09:30:00+99:99",
            "2023-12-19T09:30:00+07:60",
            "2023-12-19T09:30:00+0700",
            "2023-12-19T09:30:00+24:00",
        ] {
            let e = Timestamp::parse(bad).unwrap_err();
            assert!(e.contains("RFC 3339"), "{bad}: {e}");
        }
        let e = Timestamp::parse("2023-12-19T09:30:00+99:99").unwrap_err();
        assert!(e.contains("hours 00–23"), "{e}");
        for bad in [
            "2023-12-19X09:30:00Z",
            "2023-12-19é09:30:00Z",
            "2023-12-19T9:30Z",
            "é",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
    }
}
