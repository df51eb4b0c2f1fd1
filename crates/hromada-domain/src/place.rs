//! Geography of an installation: region (oblast) → community (hromada).

use crate::Text;

/// An oblast, or a city with special status (Kyiv). `slug` is its URL segment (`kyivska`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub slug: String,
    pub name: Text,
    /// Its code in the codifier of administrative-territorial units (КАТОТТГ), `UA` and 17 digits.
    pub katottg: Option<String>,
}

/// A community (hromada): its profile. Where residents are served is in its
/// [`ServiceCentre`]s.
///
/// `code` is the Latin prefix of its reference numbers (`BUC-2026-000123`),
/// fixed once a case uses it; `slug` is its URL segment (`buchanska`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Community {
    pub slug: String,
    pub region_slug: String,
    pub code: String,
    pub name: Text,
    /// Its КАТОТТГ code, category H.
    pub katottg: Option<String>,
    pub phone: String,
    pub email: String,
    /// The community's own website (`https://…`), or empty.
    pub website: String,
    /// Residents see it (its services, its pages) only when published.
    pub published: bool,
}

/// Whether `code` is written as a КАТОТТГ code is: `UA` and 17 digits.
pub fn is_katottg_code(code: &str) -> bool {
    code.len() == 19 && code.starts_with("UA") && code[2..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether `code` may prefix reference numbers: three Latin capital letters.
pub fn is_reference_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `code` is the КАТОТТГ code of a community (category H): the
/// codifier's third level, so its oblast (digits 1–2), raion (3–4) and
/// community (5–7) are given and its settlement and district (8–12) are not,
/// as in `UA05020030000031457` (Vinnytsia).
pub fn is_community_katottg_code(code: &str) -> bool {
    crate::katottg::Code::parse(code).is_some_and(|code| code.level() == crate::katottg::Level::Community)
}

/// Whether `url` is a website address a community may give: `https://`, a
/// host name with a dot, no spaces or quotes, at most 200 characters.
pub fn is_website(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    url.len() <= 200
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b':')
        && rest.chars().all(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

/// A service centre: the community's ЦНАП, or one of its remote workplaces
/// (віддалене робоче місце) in a village.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCentre {
    /// The store's id; 0 for one not stored yet.
    pub id: i64,
    pub community_slug: String,
    pub kind: CentreKind,
    pub name: Text,
    pub address: Text,
    pub phone: String,
    pub hours: WeekHours,
    /// What a resident with a disability needs to know: a step-free entrance, a hearing loop, …
    pub accessibility: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CentreKind {
    /// The community's ЦНАП.
    Main,
    /// A remote workplace of the ЦНАП.
    Remote,
}

impl CentreKind {
    pub const ALL: [CentreKind; 2] = [CentreKind::Main, CentreKind::Remote];

    pub fn code(self) -> &'static str {
        match self {
            CentreKind::Main => "main",
            CentreKind::Remote => "remote",
        }
    }

    pub fn parse(code: &str) -> Option<CentreKind> {
        CentreKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// Minutes after midnight.
pub type Minute = u16;

/// A time of day `H:MM` or `HH:MM` (also with `.`), as minutes after midnight; `24:00` is the day's end.
pub fn parse_time_of_day(text: &str) -> Option<Minute> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// `8:00`, `17:30`.
pub fn format_time_of_day(minute: Minute) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

/// One day's hours: open from `opens` to `closes`, closed during `breaks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    pub opens: Minute,
    pub closes: Minute,
    /// A break (a lunch hour) strictly inside the opening hours.
    pub break_: Option<(Minute, Minute)>,
}

/// Why a day's hours cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursProblem {
    /// It closes at or before the time it opens.
    ClosesBeforeOpening,
    /// The break ends at or before it starts.
    BreakEndsBeforeStart,
    /// The break is not inside the opening hours.
    BreakOutsideHours,
}

impl DayHours {
    pub fn new(opens: Minute, closes: Minute, break_: Option<(Minute, Minute)>) -> Result<DayHours, HoursProblem> {
        if closes <= opens {
            return Err(HoursProblem::ClosesBeforeOpening);
        }
        if let Some((from, to)) = break_ {
            if to <= from {
                return Err(HoursProblem::BreakEndsBeforeStart);
            }
            if from <= opens || to >= closes {
                return Err(HoursProblem::BreakOutsideHours);
            }
        }
        Ok(DayHours { opens, closes, break_ })
    }

    /// Whether it is open at `minute` of the day.
    pub fn open_at(&self, minute: Minute) -> bool {
        minute >= self.opens && minute < self.closes && !self.break_.is_some_and(|(from, to)| minute >= from && minute < to)
    }
}

/// A week's opening hours, Monday first; `None` is a day it is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WeekHours(pub [Option<DayHours>; 7]);

impl WeekHours {
    /// The hours of a weekday (Monday is 0).
    pub fn day(&self, weekday: time::Weekday) -> Option<DayHours> {
        self.0[usize::from(weekday.number_days_from_monday())]
    }

    /// Whether it is closed all week (hours not given).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }

    /// The stored form: seven days separated by `|`, each empty (closed) or
    /// `opens-closes` with an optional `/from-to` break, in minutes:
    /// `480-1020/720-780|480-1020||||||`.
    pub fn to_stored(&self) -> String {
        let days: Vec<String> = self
            .0
            .iter()
            .map(|day| match day {
                None => String::new(),
                Some(DayHours { opens, closes, break_: None }) => format!("{opens}-{closes}"),
                Some(DayHours { opens, closes, break_: Some((from, to)) }) => format!("{opens}-{closes}/{from}-{to}"),
            })
            .collect();
        days.join("|")
    }

    /// Reads [`WeekHours::to_stored`]'s form; `None` if it is not that form or a day's hours cannot be.
    pub fn from_stored(text: &str) -> Option<WeekHours> {
        fn span(text: &str) -> Option<(Minute, Minute)> {
            let (a, b) = text.split_once('-')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        }
        let parts: Vec<&str> = text.split('|').collect();
        if parts.len() != 7 {
            return None;
        }
        let mut week = WeekHours::default();
        for (slot, part) in week.0.iter_mut().zip(parts) {
            if part.is_empty() {
                continue;
            }
            let (hours, break_) = match part.split_once('/') {
                Some((hours, break_)) => (hours, Some(span(break_)?)),
                None => (part, None),
            };
            let (opens, closes) = span(hours)?;
            *slot = Some(DayHours::new(opens, closes, break_).ok()?);
        }
        Some(week)
    }
}

/// What a community offers: a service of the installation, with the local
/// details its definition leaves to the community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub community_slug: String,
    pub service_slug: String,
    /// The community's fee in kopiykas, where the definition lets the community set it.
    pub fee_kopiykas: Option<u64>,
    /// The id of the service centre where the result is collected.
    pub collect_at: Option<i64>,
    /// The responsible department.
    pub department: Text,
    /// A note residents read on the service's start page.
    pub note: Text,
}

impl Offer {
    /// An offer with no local details.
    pub fn plain(community_slug: &str, service_slug: &str) -> Offer {
        Offer {
            community_slug: community_slug.to_string(),
            service_slug: service_slug.to_string(),
            fee_kopiykas: None,
            collect_at: None,
            department: Text::default(),
            note: Text::default(),
        }
    }
}

/// The installation itself: its name and the public address residents use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    pub name: Text,
    /// `https://…`, without a trailing slash.
    pub public_url: String,
}

/// URL segments that a community slug may never take, because the server uses them.
pub const RESERVED_SLUGS: &[&str] = &[
    "static",
    "healthz",
    "readyz",
    "metrics",
    "search",
    "pulse",
    "glossary",
    "api",
    "verify",
    "account",
    "staff",
    "admin",
    "login",
    "logout",
    "register",
    "lang",
    "well-known",
    ".well-known",
    "favicon.ico",
    "robots.txt",
    "regions",
    "help",
    "accessibility",
    "feedback",
    "applications",
    "track",
    "cases",
    "documents",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katottg_and_reference_codes_are_checked_by_form() {
        assert!(is_katottg_code("UA32000000000030281"));
        assert!(!is_katottg_code("UA3200000000003028"), "one digit short");
        assert!(!is_katottg_code("ua32000000000030281"), "the letters are capitals");
        assert!(!is_katottg_code("UA3200000000003028X"));
        assert!(is_reference_code("BUC"));
        assert!(!is_reference_code("BU"));
        assert!(!is_reference_code("BÜC"));
        assert!(!is_reference_code("buc"));
    }

    #[test]
    fn a_community_code_is_of_the_codifiers_third_level() {
        // Real codes: Vinnytsia community (H), its raion (P), its oblast (O), the city itself (M).
        assert!(is_community_katottg_code("UA05020030000031457"));
        assert!(!is_community_katottg_code("UA05020000000026686"), "a raion");
        assert!(!is_community_katottg_code("UA05000000000010236"), "an oblast");
        assert!(!is_community_katottg_code("UA05020030010063857"), "a settlement");
        assert!(!is_community_katottg_code("UA0502003000003145"), "one digit short");
    }

    #[test]
    fn a_website_is_an_https_address() {
        for good in ["https://bucha-rada.gov.ua", "https://bucha-rada.gov.ua/cnap?x=1", "https://example.org:8443/"] {
            assert!(is_website(good), "{good}");
        }
        for bad in [
            "http://bucha-rada.gov.ua",
            "bucha-rada.gov.ua",
            "https://",
            "https://localhost",
            "https://bucha rada.ua",
            "https://a.ua/\"x",
            "javascript:alert(1)",
        ] {
            assert!(!is_website(bad), "{bad}");
        }
    }

    #[test]
    fn times_of_day_read_as_people_write_them() {
        assert_eq!(parse_time_of_day("8:00"), Some(480));
        assert_eq!(parse_time_of_day("08.30"), Some(510));
        assert_eq!(parse_time_of_day(" 24:00 "), Some(1440));
        for bad in ["24:01", "8", "8:0", "25:00", "8:60", "-1:00", "８:00", ""] {
            assert_eq!(parse_time_of_day(bad), None, "{bad}");
        }
        assert_eq!(format_time_of_day(1050), "17:30");
    }

    #[test]
    fn a_day_closes_after_it_opens_and_its_break_is_inside() {
        assert_eq!(DayHours::new(1020, 480, None), Err(HoursProblem::ClosesBeforeOpening));
        assert_eq!(DayHours::new(480, 480, None), Err(HoursProblem::ClosesBeforeOpening));
        assert_eq!(DayHours::new(480, 1020, Some((780, 720))), Err(HoursProblem::BreakEndsBeforeStart));
        assert_eq!(DayHours::new(480, 1020, Some((420, 540))), Err(HoursProblem::BreakOutsideHours));
        assert_eq!(DayHours::new(480, 1020, Some((480, 540))), Err(HoursProblem::BreakOutsideHours));
        let day = DayHours::new(480, 1020, Some((720, 780))).expect("a working day");
        assert!(day.open_at(480) && day.open_at(719) && !day.open_at(720) && day.open_at(780) && !day.open_at(1020));
    }

    #[test]
    fn week_hours_round_trip_through_their_stored_form() {
        let mut week = WeekHours::default();
        week.0[0] = Some(DayHours::new(480, 1020, Some((720, 780))).expect("monday"));
        week.0[4] = Some(DayHours::new(480, 960, None).expect("friday"));
        let stored = week.to_stored();
        assert_eq!(stored, "480-1020/720-780||||480-960||");
        assert_eq!(WeekHours::from_stored(&stored), Some(week));
        assert_eq!(WeekHours::from_stored("||||||"), Some(WeekHours::default()));
        assert_eq!(WeekHours::from_stored("1020-480||||||"), None, "hours that cannot be are not read");
        assert_eq!(WeekHours::from_stored("480-1020"), None, "seven days or nothing");
        assert_eq!(week.day(time::Weekday::Friday).map(|d| d.closes), Some(960));
        assert_eq!(week.day(time::Weekday::Sunday), None);
    }
}
