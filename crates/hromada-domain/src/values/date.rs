//! Dates as Ukrainians write them.

use std::fmt;

use time::{Date, Month};

use super::ValueError;

/// A calendar date written day first: `27.11.2026`.
///
/// Parsing accepts `d.m.yyyy` with `.`, `/` or `-` as the separator (one kind
/// per date), one or two digits for day and month, spaces around the parts,
/// a trailing `р.`/`р`/`року`, and ISO `yyyy-mm-dd`. The year must have four
/// digits and be at least 1000.
///
/// Canonical form (`Display`, serde): `dd.mm.yyyy`; [`UaDate::iso`] gives
/// `yyyy-mm-dd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UaDate(Date);

/// Day-first parts, or the matching error, for one of the separators.
fn split3(text: &str) -> Result<(char, [&str; 3]), ValueError> {
    let sep = text.chars().find(|c| matches!(c, '.' | '/' | '-')).ok_or(ValueError::BadFormat)?;
    let mut parts = text.split(sep).map(str::trim);
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => Ok((sep, [a, b, c])),
        _ => Err(ValueError::BadFormat),
    }
}

fn number(part: &str, min_len: usize, max_len: usize) -> Result<u16, ValueError> {
    if !(min_len..=max_len).contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::BadFormat);
    }
    part.parse().map_err(|_| ValueError::BadFormat)
}

impl UaDate {
    /// Parses a date; see the type's documentation for the accepted forms.
    ///
    /// Errors: [`ValueError::Empty`]; [`ValueError::TwoDigitYear`] for
    /// `27.11.26`; [`ValueError::OutOfRange`] for a month, day or year that
    /// does not exist (`31.02.2026`, `01.13.2026`, `01.01.0999`);
    /// [`ValueError::BadFormat`] for anything else.
    pub fn parse(input: &str) -> Result<UaDate, ValueError> {
        let mut text = input.trim();
        for suffix in ["року", "р.", "р"] {
            if let Some(rest) = text.strip_suffix(suffix) {
                text = rest.trim_end();
                break;
            }
        }
        if text.is_empty() {
            return Err(ValueError::Empty);
        }
        let (sep, [a, b, c]) = split3(text)?;
        let (year, month, day) = if a.len() == 4 {
            if sep != '-' {
                return Err(ValueError::BadFormat);
            }
            (number(a, 4, 4)?, number(b, 1, 2)?, number(c, 1, 2)?)
        } else {
            let (day, month) = (number(a, 1, 2)?, number(b, 1, 2)?);
            if c.len() == 2 && c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::TwoDigitYear);
            }
            (number(c, 4, 4)?, month, day)
        };
        if year < 1000 {
            return Err(ValueError::OutOfRange);
        }
        let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(ValueError::OutOfRange)?;
        let day = u8::try_from(day).map_err(|_| ValueError::OutOfRange)?;
        Date::from_calendar_date(i32::from(year), month, day).map(UaDate).map_err(|_| ValueError::OutOfRange)
    }

    /// The date.
    pub fn date(&self) -> Date {
        self.0
    }

    /// `yyyy-mm-dd`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.0.year(), u8::from(self.0.month()), self.0.day())
    }
}

impl From<Date> for UaDate {
    fn from(date: Date) -> UaDate {
        UaDate(date)
    }
}

impl From<UaDate> for Date {
    fn from(date: UaDate) -> Date {
        date.0
    }
}

impl fmt::Display for UaDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:04}", self.0.day(), u8::from(self.0.month()), self.0.year())
    }
}

impl std::str::FromStr for UaDate {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UaDate::parse(s)
    }
}

impl TryFrom<&str> for UaDate {
    type Error = ValueError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        UaDate::parse(s)
    }
}

impl serde::Serialize for UaDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for UaDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        UaDate::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    fn parsed(input: &str) -> Result<Date, ValueError> {
        UaDate::parse(input).map(|d| d.date())
    }

    #[test]
    fn accepts_the_usual_ways_of_writing() {
        for input in [
            "27.11.2026",
            " 27.11.2026 ",
            "27/11/2026",
            "27-11-2026",
            "2026-11-27",
            "27. 11. 2026",
            "27.11.2026 р.",
            "27.11.2026р.",
            "27.11.2026 р",
            "27.11.2026 року",
        ] {
            assert_eq!(parsed(input), Ok(date!(2026 - 11 - 27)), "{input}");
        }
        assert_eq!(parsed("1.2.2026"), Ok(date!(2026 - 02 - 01)));
        assert_eq!(parsed("01/02/2026"), Ok(date!(2026 - 02 - 01)));
        assert_eq!(parsed("2026-2-1"), Ok(date!(2026 - 02 - 01)));
        assert_eq!(parsed("29.02.2028"), Ok(date!(2028 - 02 - 29)));
    }

    #[test]
    fn display_and_iso() {
        let d = UaDate::parse("1.2.2026").ok();
        assert_eq!(d.map(|d| d.to_string()).as_deref(), Some("01.02.2026"));
        assert_eq!(d.map(|d| d.iso()).as_deref(), Some("2026-02-01"));
        assert_eq!(UaDate::from(date!(1991 - 08 - 24)).to_string(), "24.08.1991");
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(parsed(""), Err(ValueError::Empty));
        assert_eq!(parsed(" р. "), Err(ValueError::Empty));
        assert_eq!(parsed("27.11.26"), Err(ValueError::TwoDigitYear));
        assert_eq!(parsed("27/11/26"), Err(ValueError::TwoDigitYear));
        assert_eq!(parsed("31.02.2026"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("29.02.2026"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("01.13.2026"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("00.01.2026"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("01.00.2026"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("01.01.0999"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("2026-13-01"), Err(ValueError::OutOfRange));
        assert_eq!(parsed("27112026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27 11 2026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27.11/2026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27.11.2026.1"), Err(ValueError::BadFormat));
        assert_eq!(parsed("2026.11.27"), Err(ValueError::BadFormat));
        assert_eq!(parsed("2026/11/27"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27.11.20266"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27.11.226"), Err(ValueError::BadFormat));
        assert_eq!(parsed("127.11.2026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("27.лис.2026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("+1.11.2026"), Err(ValueError::BadFormat));
        assert_eq!(parsed("..2026"), Err(ValueError::BadFormat));
    }

    #[test]
    fn serde_uses_the_canonical_form() {
        #[derive(serde::Deserialize)]
        struct Form {
            d: UaDate,
        }
        let form: Result<Form, _> = toml::from_str("d = '1/2/2026'");
        assert_eq!(form.map(|f| f.d.to_string()).ok().as_deref(), Some("01.02.2026"));
        let value = toml::Value::try_from(UaDate::from(date!(2026 - 02 - 01))).ok();
        assert_eq!(value, Some(toml::Value::String("01.02.2026".into())));
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let min = date!(1000 - 01 - 01).to_julian_day();
        let max = date!(9999 - 12 - 31).to_julian_day();
        (min..=max).prop_filter_map("in range", |j| Date::from_julian_day(j).ok())
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(d in any_date()) {
            let shown = UaDate::from(d).to_string();
            prop_assert_eq!(parsed(&shown), Ok(d));
            prop_assert_eq!(UaDate::parse(&shown).map(|u| u.to_string()), Ok(shown));
            prop_assert_eq!(parsed(&UaDate::from(d).iso()), Ok(d));
        }

        #[test]
        fn every_separator_and_padding_gives_the_same_date(
            d in any_date(),
            sep in prop::sample::select(vec!['.', '/', '-']),
            pad_day in any::<bool>(),
            pad_month in any::<bool>(),
        ) {
            let day = if pad_day { format!("{:02}", d.day()) } else { d.day().to_string() };
            let month = u8::from(d.month());
            let month = if pad_month { format!("{month:02}") } else { month.to_string() };
            let input = format!("{day}{sep}{month}{sep}{}", d.year());
            prop_assert_eq!(parsed(&input), Ok(d));
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            let _ = UaDate::parse(&s);
        }

        #[test]
        fn date_like_input_never_panics(s in "[0-9]{0,5}[./ -][0-9]{0,5}[./ -][0-9]{0,6}") {
            let _ = UaDate::parse(&s);
        }
    }
}
