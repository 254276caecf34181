//! Calendar dates and local times for send-time checks and the `Date` of an
//! e-mail preview: just what they need, without a date-time crate.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A local wall-clock time, minute precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` unless it is a real calendar date.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// Days since 1970-01-01 (negative before).
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

    /// The date `days` after 1970-01-01 (before it when negative): the inverse
    /// of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = era * 400 + yoe + i64::from(month <= 2);
        Date { year: year as i32, month: month as u32, day: day as u32 }
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32 + 1
    }

    /// Days from `self` until `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

impl DateTime {
    /// Reads `YYYY-MM-DDTHH:MM` (a space works for the `T`; seconds are ignored).
    pub fn parse(text: &str) -> Option<DateTime> {
        let text = text.trim();
        let (date, time) = text.split_once(['T', ' '])?;
        let mut hm = time.split(':');
        let hour = hm.next()?.parse().ok()?;
        let minute = hm.next()?.parse().ok()?;
        (hour < 24 && minute < 60).then_some(DateTime { date: Date::parse(date)?, hour, minute })
    }

    /// Minutes since midnight.
    pub fn minute_of_day(self) -> u32 {
        self.hour * 60 + self.minute
    }
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}", self.date, self.hour, self.minute)
    }
}

macro_rules! serde_as_text {
    ($ty:ty, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                <$ty>::parse(&text).ok_or_else(|| serde::de::Error::custom(format!(concat!("not a ", $what, ": {:?}"), text)))
            }
        }
    };
}
serde_as_text!(Date, "date (YYYY-MM-DD)");
serde_as_text!(DateTime, "local time (YYYY-MM-DDTHH:MM)");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2026-02-28"), Some(Date { year: 2026, month: 2, day: 28 }));
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-1", "", "x-y-z"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(Date::parse("1970-01-01").unwrap().weekday(), 4);
        assert_eq!(Date::parse("2026-11-23").unwrap().weekday(), 1, "a Monday");
        assert_eq!(Date::parse("2026-11-29").unwrap().weekday(), 7, "a Sunday");
        assert_eq!(Date::parse("2000-02-29").unwrap().weekday(), 2);
    }

    #[test]
    fn counts_days_across_months_and_years() {
        let a = Date::parse("2026-12-28").unwrap();
        assert_eq!(a.days_until(Date::parse("2027-01-01").unwrap()), 4);
        assert_eq!(Date::parse("2027-01-01").unwrap().days_until(a), -4);
    }

    #[test]
    fn days_since_epoch_round_trips() {
        assert_eq!(Date::from_days_since_epoch(0), Date { year: 1970, month: 1, day: 1 });
        assert_eq!(Date::from_days_since_epoch(-1), Date { year: 1969, month: 12, day: 31 });
        assert_eq!(Date::from_days_since_epoch(19_782), Date { year: 2024, month: 2, day: 29 });
        for days in -200_000..200_000 {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days);
            assert!(Date::parse(&date.to_string()).is_some(), "{date} is not a calendar date");
        }
    }

    #[test]
    fn parses_local_times_and_round_trips_as_text() {
        let t = DateTime::parse("2026-11-23T10:30").unwrap();
        assert_eq!((t.hour, t.minute, t.minute_of_day()), (10, 30, 630));
        assert_eq!(DateTime::parse("2026-11-23 10:30:59"), Some(t));
        assert_eq!(DateTime::parse("2026-11-23T24:00"), None);
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2026-11-23T10:30\"");
        assert_eq!(serde_json::from_str::<DateTime>("\"2026-11-23T10:30\"").unwrap(), t);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }
}
