//! Due dates in calendar or working days.
//!
//! Working days are Monday to Friday except the installation's list of
//! non-working days (data an admin keeps: under martial law public holidays
//! are working days, so the list may be empty). A calendar deadline that ends
//! on a non-working day moves to the next working day (Civil Code, art. 254).

use std::collections::BTreeSet;

use time::{Date, Weekday};

use crate::definition::{DeadlineKind, DeadlineRule};

/// Which days the office works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    non_working: BTreeSet<Date>,
}

impl WorkCalendar {
    pub fn new(non_working: impl IntoIterator<Item = Date>) -> WorkCalendar {
        WorkCalendar { non_working: non_working.into_iter().collect() }
    }

    pub fn is_working_day(&self, day: Date) -> bool {
        !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.non_working.contains(&day)
    }

    /// `day` itself if the office works then, else the next day it does.
    pub fn this_or_next_working_day(&self, mut day: Date) -> Date {
        // At most a few weeks of holidays in a row; the bound keeps a bad list from looping.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            match day.next_day() {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    /// The date `days` working days after `from` (not counting `from` itself).
    pub fn add_working_days(&self, from: Date, days: u32) -> Date {
        let mut day = from;
        let mut left = days;
        while left > 0 {
            match day.next_day() {
                Some(next) => day = next,
                None => return day,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

/// The last day on which the office must decide a case submitted on `submitted_on`.
pub fn due_date(submitted_on: Date, rule: &DeadlineRule, calendar: &WorkCalendar) -> Date {
    due_date_for_days(submitted_on, rule.kind, rule.days, calendar)
}

/// As [`due_date`], for a given number of days (an extension uses `extendable_to`).
pub fn due_date_for_days(submitted_on: Date, kind: DeadlineKind, days: u32, calendar: &WorkCalendar) -> Date {
    match kind {
        DeadlineKind::SameDay => calendar.this_or_next_working_day(submitted_on),
        DeadlineKind::Calendar => {
            let end = submitted_on.checked_add(time::Duration::days(i64::from(days))).unwrap_or(submitted_on);
            calendar.this_or_next_working_day(end)
        }
        DeadlineKind::Working => calendar.add_working_days(submitted_on, days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn rule(kind: DeadlineKind, days: u32) -> DeadlineRule {
        DeadlineRule { kind, days, extendable_to: None, note: None }
    }

    #[test]
    fn five_working_days_skip_the_weekend() {
        // Friday 27 Nov 2026 + 5 working days = Friday 4 Dec.
        assert_eq!(due_date(date!(2026-11-27), &rule(DeadlineKind::Working, 5), &WorkCalendar::default()), date!(2026-12-04));
    }

    #[test]
    fn working_days_skip_the_installations_non_working_days() {
        let calendar = WorkCalendar::new([date!(2026-12-01), date!(2026-12-02)]);
        assert_eq!(due_date(date!(2026-11-27), &rule(DeadlineKind::Working, 5), &calendar), date!(2026-12-08));
    }

    #[test]
    fn a_calendar_deadline_ending_on_a_weekend_moves_to_monday() {
        // 27 Nov 2026 + 30 days = Sunday 27 Dec → Monday 28 Dec.
        assert_eq!(due_date(date!(2026-11-27), &rule(DeadlineKind::Calendar, 30), &WorkCalendar::default()), date!(2026-12-28));
        // 1 Dec + 30 = Thursday 31 Dec: stays.
        assert_eq!(due_date(date!(2026-12-01), &rule(DeadlineKind::Calendar, 30), &WorkCalendar::default()), date!(2026-12-31));
    }

    #[test]
    fn a_same_day_service_is_due_the_day_it_was_submitted_or_the_next_working_day() {
        assert_eq!(due_date(date!(2026-11-26), &rule(DeadlineKind::SameDay, 0), &WorkCalendar::default()), date!(2026-11-26));
        assert_eq!(due_date(date!(2026-11-28), &rule(DeadlineKind::SameDay, 0), &WorkCalendar::default()), date!(2026-11-30));
    }
}
