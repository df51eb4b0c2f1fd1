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

/// How many working days lie after `from` up to and including `to`.
pub fn working_days_between(from: Date, to: Date, calendar: &WorkCalendar) -> u32 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
        if calendar.is_working_day(day) {
            count += 1;
        }
    }
    count
}

/// The due date after the clock stood still from `paused_on` until `resumed_on`
/// (the office waited for the resident): moved on by the days that passed, in
/// the deadline's own kind of days. A same-day service is due the day it resumes.
pub fn resume_due(due: Date, paused_on: Date, resumed_on: Date, kind: DeadlineKind, calendar: &WorkCalendar) -> Date {
    match kind {
        DeadlineKind::SameDay => calendar.this_or_next_working_day(resumed_on.max(due)),
        DeadlineKind::Calendar => {
            let stood = (resumed_on - paused_on).whole_days().max(0);
            let end = due.checked_add(time::Duration::days(stood)).unwrap_or(due);
            calendar.this_or_next_working_day(end)
        }
        DeadlineKind::Working => calendar.add_working_days(due, working_days_between(paused_on, resumed_on, calendar)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paused_clock_moves_the_due_date_by_the_days_that_passed() {
        use time::macros::date;
        // Fri 6 March 2026 is a listed non-working day.
        let calendar = WorkCalendar::new([date!(2026 - 03 - 06)]);
        // Paused on Mon 2 March, resumed on Mon 9 March: Tue, Wed, Thu and Mon passed (Fri is a holiday, Sat/Sun weekend).
        assert_eq!(working_days_between(date!(2026 - 03 - 02), date!(2026 - 03 - 09), &calendar), 4);
        // Due Wed 11 March in working days: four working days later, skipping nothing else → Tue 17 March.
        assert_eq!(
            resume_due(date!(2026 - 03 - 11), date!(2026 - 03 - 02), date!(2026 - 03 - 09), DeadlineKind::Working, &calendar),
            date!(2026 - 03 - 17)
        );
        // Calendar days: 7 days later, from Wed 11 March to Wed 18 March.
        assert_eq!(
            resume_due(date!(2026 - 03 - 11), date!(2026 - 03 - 02), date!(2026 - 03 - 09), DeadlineKind::Calendar, &calendar),
            date!(2026 - 03 - 18)
        );
        // A calendar deadline moved onto a weekend goes to Monday: due Fri 13 + 1 day = Sat 14 → Mon 16.
        assert_eq!(
            resume_due(date!(2026 - 03 - 13), date!(2026 - 03 - 09), date!(2026 - 03 - 10), DeadlineKind::Calendar, &calendar),
            date!(2026 - 03 - 16)
        );
        // Answered the same day: nothing moves.
        assert_eq!(
            resume_due(date!(2026 - 03 - 11), date!(2026 - 03 - 09), date!(2026 - 03 - 09), DeadlineKind::Working, &calendar),
            date!(2026 - 03 - 11)
        );
    }
    use time::macros::date;

    fn rule(kind: DeadlineKind, days: u32) -> DeadlineRule {
        DeadlineRule { kind, days, extendable_to: None, note: None }
    }

    #[test]
    fn five_working_days_skip_the_weekend() {
        // Friday 27 Nov 2026 + 5 working days = Friday 4 Dec.
        assert_eq!(due_date(date!(2026 - 11 - 27), &rule(DeadlineKind::Working, 5), &WorkCalendar::default()), date!(2026 - 12 - 04));
    }

    #[test]
    fn working_days_skip_the_installations_non_working_days() {
        let calendar = WorkCalendar::new([date!(2026 - 12 - 01), date!(2026 - 12 - 02)]);
        assert_eq!(due_date(date!(2026 - 11 - 27), &rule(DeadlineKind::Working, 5), &calendar), date!(2026 - 12 - 08));
    }

    #[test]
    fn a_calendar_deadline_ending_on_a_weekend_moves_to_monday() {
        // 27 Nov 2026 + 30 days = Sunday 27 Dec → Monday 28 Dec.
        assert_eq!(due_date(date!(2026 - 11 - 27), &rule(DeadlineKind::Calendar, 30), &WorkCalendar::default()), date!(2026 - 12 - 28));
        // 1 Dec + 30 = Thursday 31 Dec: stays.
        assert_eq!(due_date(date!(2026 - 12 - 01), &rule(DeadlineKind::Calendar, 30), &WorkCalendar::default()), date!(2026 - 12 - 31));
    }

    #[test]
    fn a_same_day_service_is_due_the_day_it_was_submitted_or_the_next_working_day() {
        assert_eq!(due_date(date!(2026 - 11 - 26), &rule(DeadlineKind::SameDay, 0), &WorkCalendar::default()), date!(2026 - 11 - 26));
        assert_eq!(due_date(date!(2026 - 11 - 28), &rule(DeadlineKind::SameDay, 0), &WorkCalendar::default()), date!(2026 - 11 - 30));
    }
}
