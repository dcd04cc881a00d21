//! Calendar dates and UTC timestamps, enough for baselines (expiry dates)
//! and report timestamps. Proleptic Gregorian calendar, days since
//! 1970-01-01 (Howard Hinnant's `civil_from_days` / `days_from_civil`).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parse a date at the start of `s` (`2024-05-01`, `2024-05-01T10:00:00Z`).
    pub fn parse_prefix(s: &str) -> Option<Date> {
        let s = s.trim();
        let head = s.get(..10)?;
        match s.as_bytes().get(10) {
            None | Some(b'T') | Some(b' ') => Date::parse(head),
            _ => None,
        }
    }

    /// Days from `other` to `self`.
    pub fn days_since(self, other: Date) -> i64 {
        self.to_days() - other.to_days()
    }

    /// Parse `YYYY-MM-DD`, rejecting impossible dates.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s[..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Today (UTC). `SOURCE_DATE_EPOCH` overrides the clock, for
    /// reproducible runs and tests.
    pub fn today() -> Date {
        Date::from_days(now_unix().div_euclid(86_400))
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Seconds since the Unix epoch (`SOURCE_DATE_EPOCH` when set).
pub(crate) fn now_unix() -> i64 {
    if let Some(s) = std::env::var_os("SOURCE_DATE_EPOCH").and_then(|v| v.to_str().and_then(|s| s.parse::<i64>().ok()))
    {
        return s;
    }
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// `YYYY-MM-DDTHH:MM:SS` (UTC) for a Unix time.
pub(crate) fn timestamp(secs: i64) -> String {
    let d = Date::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{d}T{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_validates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::parse("2024-02-29").map(|d| d.to_days()), Some(19_782));
        assert_eq!(Date::from_days(19_782).to_string(), "2024-02-29");
        for days in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 100_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-1-01").is_none());
        assert!(Date::parse("2026-12-31") < Date::parse("2027-01-01"));
        assert_eq!(timestamp(1_700_000_000), "2023-11-14T22:13:20");
    }
}
