//! Calendar dates and article timestamps, without a clock: "today" is always passed in.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (num(0..4) as i32, num(5..7), num(8..10));
        if !(1..=12).contains(&month) {
            return Err(format!("`{s}` has month {month}; months run from 01 to 12"));
        }
        let max = days_in_month(year, month);
        if day == 0 || day > max {
            return Err(format!(
                "`{s}` is not a real date: month {month:02} of {year} has {max} days"
            ));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// An article's publication moment: a date, or an RFC 3339 date and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    /// The calendar date as written (in the writer's own offset).
    pub date: Date,
    /// Seconds since the Unix epoch, for ordering; a bare date counts as its midnight UTC.
    pub epoch_seconds: i64,
    /// RFC 3339 form, for feeds.
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
        let bad = || {
            format!("`{s}` is neither a date (YYYY-MM-DD) nor an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS+07:00)")
        };
        let date = Date::parse(s.get(..10).ok_or_else(bad)?).map_err(|_| bad())?;
        let rest = &s[10..];
        let rest = rest.strip_prefix(['T', 't', ' ']).ok_or_else(bad)?;
        let time = rest.get(..8).ok_or_else(bad)?;
        let tb = time.as_bytes();
        if !(tb[2] == b':' && tb[5] == b':') {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| time.get(r).and_then(|x| x.parse::<i64>().ok());
        let (h, m, sec) = (
            num(0..2).ok_or_else(bad)?,
            num(3..5).ok_or_else(bad)?,
            num(6..8).ok_or_else(bad)?,
        );
        if h > 23 || m > 59 || sec > 60 {
            return Err(bad());
        }
        let mut zone = &rest[8..];
        if let Some(frac) = zone.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            zone = &frac[digits..];
        }
        let offset = match zone {
            "Z" | "z" => 0,
            z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) && &z[3..4] == ":" => {
                let oh: i64 = z[1..3].parse().map_err(|_| bad())?;
                let om: i64 = z[4..6].parse().map_err(|_| bad())?;
                let sign = if z.starts_with('-') { -1 } else { 1 };
                sign * (oh * 3600 + om * 60)
            }
            _ => return Err(bad()),
        };
        let epoch_seconds = date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + sec - offset;
        let zone_text = if offset == 0 {
            "Z".to_string()
        } else {
            zone.to_string()
        };
        Ok(Timestamp {
            date,
            epoch_seconds,
            rfc3339: format!("{date}T{h:02}:{m:02}:{sec:02}{zone_text}"),
            has_time: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2023-12-19").is_ok());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2023-02-29").unwrap_err().contains("28 days"));
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("19/12/2023").is_err());
        assert!(Date::parse("2023-1-1").is_err());
    }

    #[test]
    fn epoch_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2023-12-19", "2100-03-01"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }

    #[test]
    fn timestamps_order_by_instant() {
        let a = Timestamp::parse("2023-12-19T09:00:00+07:00").unwrap();
        let b = Timestamp::parse("2023-12-19T03:00:00Z").unwrap();
        assert!(a.epoch_seconds < b.epoch_seconds);
        assert_eq!(a.date, Date::parse("2023-12-19").unwrap());
        assert_eq!(a.rfc3339, "2023-12-19T09:00:00+07:00");
        assert!(Timestamp::parse("2023-12-19T25:00:00Z").is_err());
        assert!(Timestamp::parse("2023-12-19T10:00:00.123Z").is_ok());
    }
}
