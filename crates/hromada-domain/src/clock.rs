//! Time, passed in. Code that needs "now" takes a `&dyn Clock`, so tests
//! control it and deadlines are deterministic.

use time::{Date, Duration, Month, OffsetDateTime, UtcOffset, Weekday};

pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;

    /// Today's date in Kyiv, where every community of the installation is.
    fn today(&self) -> Date {
        kyiv_time(self.now()).date()
    }
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that always says the same time, for tests and reproducible demo data.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// A clock that tests move by hand.
#[derive(Debug)]
pub struct ManualClock(std::sync::Mutex<OffsetDateTime>);

impl ManualClock {
    pub fn new(at: OffsetDateTime) -> ManualClock {
        ManualClock(std::sync::Mutex::new(at))
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.0.lock() {
            *now += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        self.0.lock().map(|t| *t).unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

/// `at` in Kyiv time: UTC+2 in winter, UTC+3 from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC (the EU rule Ukraine follows).
pub fn kyiv_time(at: OffsetDateTime) -> OffsetDateTime {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let summer_starts = last_sunday(year, Month::March).midnight().assume_utc() + Duration::hours(1);
    let summer_ends = last_sunday(year, Month::October).midnight().assume_utc() + Duration::hours(1);
    let hours = if utc >= summer_starts && utc < summer_ends { 3 } else { 2 };
    let offset = UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC);
    utc.to_offset(offset)
}

fn last_sunday(year: i32, month: Month) -> Date {
    let days = time::util::days_in_month(month, year);
    let mut date = Date::from_calendar_date(year, month, days).unwrap_or(Date::MIN);
    while date.weekday() != Weekday::Sunday {
        date = date.previous_day().unwrap_or(date);
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn kyiv_is_two_hours_ahead_in_winter_and_three_in_summer() {
        assert_eq!(kyiv_time(datetime!(2026-01-15 22:30 UTC)).date(), time::macros::date!(2026 - 01 - 16));
        assert_eq!(kyiv_time(datetime!(2026-01-15 21:30 UTC)).date(), time::macros::date!(2026 - 01 - 15));
        assert_eq!(kyiv_time(datetime!(2026-07-15 21:30 UTC)).date(), time::macros::date!(2026 - 07 - 16));
        // 29 March 2026 is the last Sunday of March: summer time from 01:00 UTC.
        assert_eq!(kyiv_time(datetime!(2026-03-29 00:59 UTC)).offset().whole_hours(), 2);
        assert_eq!(kyiv_time(datetime!(2026-03-29 01:00 UTC)).offset().whole_hours(), 3);
        assert_eq!(kyiv_time(datetime!(2026-10-25 01:00 UTC)).offset().whole_hours(), 2);
    }
}
