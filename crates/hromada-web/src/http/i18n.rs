//! Fluent messages, Ukrainian first, English second. Every user-facing
//! string of the web lives in `locales/*.ftl`, never in Rust or templates.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use hromada_domain::Lang;
use hromada_domain::definition::{Category, DeadlineKind, Fee, LifeSituation, ServiceDefinition};
use hromada_domain::place::{DayHours, Minute, WeekHours, format_time_of_day};

const UK: &str = include_str!("../../locales/uk.ftl");
const EN: &str = include_str!("../../locales/en.ftl");

pub struct I18n {
    uk: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("I18n")
    }
}

impl I18n {
    /// Load the bundled catalogues; an error names the file and the broken message.
    pub fn load() -> Result<I18n, String> {
        Ok(I18n { uk: bundle("uk", UK)?, en: bundle("en", EN)? })
    }

    fn bundle_for(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Uk => &self.uk,
            Lang::En => &self.en,
        }
    }

    /// A message; an unknown key comes back as itself (a test makes sure none is unknown).
    pub fn msg(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    pub fn msg_args(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            fargs.set(*name, value.clone());
        }
        self.format(lang, key, Some(&fargs))
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle_for(lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing message");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "message formatting failed");
        }
        text.into_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.bundle_for(lang).has_message(key)
    }
}

fn bundle(code: &str, source: &str) -> Result<FluentBundle<FluentResource>, String> {
    let langid = code.parse().map_err(|e| format!("locales/{code}.ftl: bad language id: {e:?}"))?;
    let resource = FluentResource::try_new(source.to_string())
        .map_err(|(_, errors)| format!("locales/{code}.ftl: {} syntax error(s), first: {:?}", errors.len(), errors.first()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks would show up in HTML and in copied text.
    bundle.set_use_isolating(false);
    bundle.add_resource(resource).map_err(|errors| format!("locales/{code}.ftl: duplicate messages: {errors:?}"))?;
    Ok(bundle)
}

/// The translation handle templates use: `{{ t.msg("key") }}`.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub i18n: &'a I18n,
    pub lang: Lang,
}

impl Tr<'_> {
    pub fn msg(&self, key: &str) -> String {
        self.i18n.msg(self.lang, key)
    }

    /// A message with one numeric argument, for plural forms.
    pub fn count(&self, key: &str, name: &str, n: i64) -> String {
        self.i18n.msg_args(self.lang, key, &[(name, FluentValue::from(n))])
    }

    /// A message with text arguments and one number, which picks the plural form.
    pub fn args_count(&self, key: &str, args: &[(&str, String)], name: &str, n: i64) -> String {
        let mut values: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.clone()))).collect();
        values.push((name, FluentValue::from(n)));
        self.i18n.msg_args(self.lang, key, &values)
    }

    /// A message whose arguments are all numbers.
    pub fn numbers(&self, key: &str, args: &[(&str, i64)]) -> String {
        let values: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, n)| (*k, FluentValue::from(*n))).collect();
        self.i18n.msg_args(self.lang, key, &values)
    }

    /// A message with one text argument.
    pub fn with(&self, key: &str, name: &str, value: &str) -> String {
        self.i18n.msg_args(self.lang, key, &[(name, FluentValue::from(value.to_string()))])
    }

    /// A message with several text arguments.
    pub fn args(&self, key: &str, args: &[(&str, String)]) -> String {
        let values: Vec<(&str, FluentValue<'_>)> = args.iter().map(|(k, v)| (*k, FluentValue::from(v.clone()))).collect();
        self.i18n.msg_args(self.lang, key, &values)
    }

    /// A date as people write it: "27 листопада 2026", "27 November 2026".
    pub fn date(&self, date: time::Date) -> String {
        let month = self.msg(&format!("month-{}", u8::from(date.month())));
        format!("{} {month} {}", date.day(), date.year())
    }

    /// A size in kilobytes or megabytes, with the decimal separator of the language.
    pub fn size(&self, bytes: i64) -> String {
        if bytes < 1024 * 1024 {
            self.count("size-kb", "n", (bytes + 1023) / 1024)
        } else {
            let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
            let separator = if self.lang == Lang::Uk { "," } else { "." };
            self.with("size-mb", "n", &format!("{}{separator}{}", tenths / 10, tenths % 10))
        }
    }
}

/// Every message id of a catalogue source, for the test that keeps both languages in step.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let source = match lang {
        Lang::Uk => UK,
        Lang::En => EN,
    };
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_string()))
        .collect()
}

pub(crate) fn category_key(c: Category) -> String {
    format!("category-{}", c.code())
}

pub(crate) fn situation_key(s: LifeSituation) -> String {
    format!("situation-{}", s.code())
}

pub(crate) fn deadline_text(t: &Tr<'_>, d: &ServiceDefinition) -> String {
    match d.deadline.kind {
        DeadlineKind::SameDay => t.msg("deadline-same-day"),
        DeadlineKind::Calendar => t.count("deadline-calendar", "days", i64::from(d.deadline.days)),
        DeadlineKind::Working => t.count("deadline-working", "days", i64::from(d.deadline.days)),
    }
}

/// A fee in hryvnias as the reader writes money: `85,50` (`85.50` in English).
pub(crate) fn hryvnias(t: &Tr<'_>, kopiykas: u64) -> String {
    let amount = format!("{},{:02}", kopiykas / 100, kopiykas % 100);
    if t.lang == Lang::En { amount.replace(',', ".") } else { amount }
}

/// What a service costs in a community, and the definition's note: the
/// definition's fee, or, where the definition leaves it to the community,
/// the community's own (`local_fee`, from its offer) or "set by the community".
pub(crate) fn fee_text(t: &Tr<'_>, d: &ServiceDefinition, local_fee: Option<u64>) -> (String, Option<String>) {
    let note = d.fee.note().map(|n| n.get(t.lang).to_string());
    let text = match (&d.fee, local_fee) {
        (Fee::Free { .. }, _) | (Fee::SetByCommunity { .. }, Some(0)) => t.msg("fee-free"),
        (Fee::Fixed { amount_kopiykas, .. }, _) => t.with("fee-fixed", "amount", &hryvnias(t, *amount_kopiykas)),
        (Fee::SetByCommunity { .. }, Some(amount)) => t.with("fee-fixed", "amount", &hryvnias(t, amount)),
        (Fee::SetByCommunity { .. }, None) => t.msg("fee-community-unset"),
    };
    (text, note)
}

/// A weekday's name: "Понеділок", "Monday".
pub(crate) fn weekday_name(t: &Tr<'_>, day: time::Weekday) -> String {
    t.msg(&format!("centre-weekday-{}", day.number_from_monday()))
}

/// From one time of day to another, with an en dash: "8:00–17:00".
pub(crate) fn time_span(from: Minute, to: Minute) -> String {
    format!("{}\u{2013}{}", format_time_of_day(from), format_time_of_day(to))
}

/// A day's hours in a line: "Сьогодні 8:00–17:00, перерва 12:00–13:00",
/// "Сьогодні зачинено", or that the centre gave no hours at all.
pub(crate) fn today_hours(t: &Tr<'_>, week: &WeekHours, day: time::Weekday) -> String {
    if week.is_empty() {
        return t.msg("centre-hours-unknown");
    }
    match week.day(day) {
        None => t.msg("centre-today-closed"),
        Some(DayHours { opens, closes, break_: None }) => t.with("centre-today-hours", "hours", &time_span(opens, closes)),
        Some(DayHours { opens, closes, break_: Some((from, to)) }) => {
            t.args("centre-today-hours-break", &[("hours", time_span(opens, closes)), ("break", time_span(from, to))])
        }
    }
}

/// Whether a centre is open at `minute` of the day it keeps `day`'s hours, in
/// words ("зараз відчинено", "перерва до 13:00", "відчиниться о 8:00"); empty on a
/// day it is closed, which [`today_hours`] says already.
pub(crate) fn open_now(t: &Tr<'_>, day: Option<DayHours>, minute: Minute) -> String {
    let Some(day) = day else { return String::new() };
    if day.open_at(minute) {
        return t.msg("centre-open-now");
    }
    match day.break_ {
        Some((from, to)) if minute >= from && minute < to => t.with("centre-on-break", "time", &format_time_of_day(to)),
        _ if minute < day.opens => t.with("centre-opens-at", "time", &format_time_of_day(day.opens)),
        _ => t.msg("centre-closed-now"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_messages() {
        let uk = message_ids(Lang::Uk);
        let en = message_ids(Lang::En);
        let missing_en: Vec<&String> = uk.iter().filter(|k| !en.contains(k)).collect();
        let missing_uk: Vec<&String> = en.iter().filter(|k| !uk.contains(k)).collect();
        assert!(missing_en.is_empty() && missing_uk.is_empty(), "only in uk: {missing_en:?}; only in en: {missing_uk:?}");
    }

    #[test]
    fn every_message_the_templates_and_code_use_exists_in_both_languages() {
        let i18n = I18n::load().expect("catalogues load");
        let root = env!("CARGO_MANIFEST_DIR");
        let mut sources = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(format!("{root}/templates")), std::path::PathBuf::from(format!("{root}/src"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    sources.push(std::fs::read_to_string(&path).expect("read"));
                }
            }
        }
        let mut used = Vec::new();
        for source in &sources {
            for call in ["msg(\"", "count(\"", "with(\"", "args(\"", "numbers(\"", "msg(if d.needs_account() { \""] {
                for piece in source.split(call).skip(1) {
                    if let Some(key) = piece.split('"').next()
                        && key.contains('-')
                        && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    {
                        used.push(key.to_string());
                    }
                }
            }
        }
        assert!(used.len() > 40, "the scan found too few keys ({}); is it still reading the sources?", used.len());
        for key in &used {
            for lang in Lang::ALL {
                assert!(i18n.has(lang, key), "message `{key}` is used but missing from {}.ftl", lang.code());
            }
        }
    }

    /// The plural category of a whole number in Ukrainian (CLDR): 1, 21 → one;
    /// 2–4, 22–24 → few; 0, 5–20, 25 → many.
    pub(crate) fn uk_category(n: i64) -> usize {
        match (n % 10, n % 100) {
            (1, r) if r != 11 => 0,
            (2..=4, r) if !(12..=14).contains(&r) => 1,
            _ => 2,
        }
    }

    /// Whether `text` has the number `n` followed by `noun` as a whole word.
    pub(crate) fn says(text: &str, n: i64, noun: &str) -> bool {
        let wanted = format!("{n} {noun}");
        text.match_indices(&wanted).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + wanted.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(char::is_alphabetic)
        })
    }

    /// Checks a message over 1–25 in both languages: `uk` gives the nouns for one, few and
    /// many after the number, `en` for one and other; every argument is the number.
    pub(crate) fn check_plural(text_of: impl Fn(Lang, i64) -> String, key: &str, uk: &[[&str; 3]], en: &[[&str; 2]]) {
        for n in 1..=25 {
            let text = text_of(Lang::Uk, n);
            for forms in uk {
                let noun = forms[uk_category(n)];
                assert!(says(&text, n, noun), "{key} (uk) for {n} should say “{n} {noun}”: {text}");
            }
            let text = text_of(Lang::En, n);
            for forms in en {
                let noun = forms[usize::from(n != 1)];
                assert!(says(&text, n, noun), "{key} (en) for {n} should say “{n} {noun}”: {text}");
            }
        }
    }

    /// A message, its number arguments, Ukrainian nouns and English nouns.
    type CountMessage<'a> = (&'a str, &'a [&'a str], &'a [[&'a str; 3]], &'a [[&'a str; 2]]);

    #[test]
    fn every_message_with_a_count_agrees_with_it_from_1_to_25() {
        let i18n = I18n::load().expect("catalogues load");
        // (message, its number arguments, Ukrainian nouns, English nouns); other arguments are text.
        let messages: &[CountMessage] = &[
            ("problem-too-short", &["min"], &[["символ", "символи", "символів"]], &[["character", "characters"]]),
            ("problem-too-long", &["max"], &[["символу", "символів", "символів"]], &[["character", "characters"]]),
            ("problem-too-many-files", &["max"], &[["файлу", "файлів", "файлів"]], &[["file", "files"]]),
            ("reply-too-long", &["max"], &[["символу", "символів", "символів"]], &[["character", "characters"]]),
            ("reply-too-many-files", &["max"], &[["файлу", "файлів", "файлів"]], &[["file", "files"]]),
            ("survey-error-comment-long", &["max"], &[["символу", "символів", "символів"]], &[["character", "characters"]]),
            ("document-revoke-reason-long", &["max"], &[["символ", "символи", "символів"]], &[["character", "characters"]]),
            ("hint-max-chars", &["n"], &[["символу", "символів", "символів"]], &[["character", "characters"]]),
            ("hint-files", &["count"], &[["файлу", "файлів", "файлів"]], &[["file", "files"]]),
            ("applications-drafts-kept", &["days"], &[["день", "дні", "днів"]], &[["day", "days"]]),
            ("throttled-text", &["minutes"], &[["хвилину", "хвилини", "хвилин"]], &[["minute", "minutes"]]),
            (
                "deadline-calendar",
                &["days"],
                &[["календарний день", "календарні дні", "календарних днів"]],
                &[["calendar day", "calendar days"]],
            ),
            ("deadline-working", &["days"], &[["робочий день", "робочі дні", "робочих днів"]], &[["working day", "working days"]]),
            (
                "deadline-extendable-calendar",
                &["days"],
                &[["календарного дня", "календарних днів", "календарних днів"]],
                &[["calendar day", "calendar days"]],
            ),
            (
                "deadline-extendable-working",
                &["days"],
                &[["робочого дня", "робочих днів", "робочих днів"]],
                &[["working day", "working days"]],
            ),
            ("community-services-count", &["count"], &[["послуга", "послуги", "послуг"]], &[["service", "services"]]),
            (
                "need-help-remote",
                &["count"],
                &[["віддалене робоче місце", "віддалені робочі місця", "віддалених робочих місць"]],
                &[["remote workplace", "remote workplaces"]],
            ),
            ("catalogue-found", &["count"], &[["послугу", "послуги", "послуг"]], &[["service", "services"]]),
            ("glossary-found", &["count"], &[["слово", "слова", "слів"]], &[["word", "words"]]),
            ("cadmin-error-too-long", &["max"], &[["символу", "символів", "символів"]], &[["character", "characters"]]),
            ("cadmin-offers-count", &["count"], &[["послугу", "послуги", "послуг"]], &[["service", "services"]]),
            ("cadmin-centre-delete-offers", &["count"], &[["послуги", "послуг", "послуг"]], &[["service", "services"]]),
            ("staff-total", &["n"], &[["заява", "заяви", "заяв"]], &[["application", "applications"]]),
            ("staff-assigned", &["n"], &[["заяву", "заяви", "заяв"]], &[["application", "applications"]]),
            ("pulse-days", &["n", "shown"], &[["день", "дні", "днів"]], &[["day", "days"]]),
            ("pulse-chart-days-few", &["n"], &[["рішення", "рішення", "рішень"]], &[["decision", "decisions"]]),
            ("pulse-chart-index-none", &["n"], &[["рішення", "рішення", "рішень"]], &[["decision", "decisions"]]),
            ("pulse-data-horizon", &["days"], &[["день", "дні", "днів"]], &[["day", "days"]]),
            ("pulse-privacy", &["n", "below"], &[["справа", "справи", "справ"]], &[["case", "cases"]]),
            (
                "pulse-data-threshold",
                &["n", "below", "twice", "low", "high", "double"],
                &[["справи", "справ", "справ"], ["рішення", "рішень", "рішень"]],
                &[["case", "cases"], ["decision", "decisions"]],
            ),
        ];
        for (key, numbers, uk, en) in messages {
            let text_of = |lang: Lang, n: i64| {
                let mut args: Vec<(&str, FluentValue<'_>)> = numbers.iter().map(|name| (*name, FluentValue::from(n))).collect();
                args.extend(["label", "kinds", "size"].map(|name| (name, FluentValue::from("x"))));
                i18n.msg_args(lang, key, &args)
            };
            check_plural(text_of, key, uk, en);
        }
    }

    #[test]
    fn a_centres_hours_read_in_both_languages_with_an_en_dash() {
        use time::Weekday::{Monday, Saturday, Sunday};
        let i18n = I18n::load().expect("catalogues load");
        let uk = Tr { i18n: &i18n, lang: Lang::Uk };
        let en = Tr { i18n: &i18n, lang: Lang::En };
        let day = DayHours::new(8 * 60, 17 * 60, Some((12 * 60, 13 * 60))).expect("a working day");
        let short = DayHours::new(9 * 60, 13 * 60 + 30, None).expect("a short day");
        let week = WeekHours([Some(day), None, None, None, None, Some(short), None]);
        assert_eq!(today_hours(&uk, &week, Monday), "Сьогодні 8:00–17:00, перерва 12:00–13:00");
        assert_eq!(today_hours(&en, &week, Monday), "Today 8:00–17:00, break 12:00–13:00");
        assert_eq!(today_hours(&uk, &week, Saturday), "Сьогодні 9:00–13:30");
        assert_eq!(today_hours(&uk, &week, Sunday), "Сьогодні зачинено");
        assert_eq!(today_hours(&en, &week, Sunday), "Closed today");
        assert_eq!(today_hours(&en, &WeekHours::default(), Monday), en.msg("centre-hours-unknown"), "no hours given is not 'closed'");
        assert_eq!(open_now(&en, Some(day), 7 * 60 + 59), "closed now, opens at 8:00");
        assert_eq!(open_now(&en, Some(day), 8 * 60), "open now");
        assert_eq!(open_now(&uk, Some(day), 12 * 60 + 30), "зараз перерва до 13:00");
        assert_eq!(open_now(&uk, Some(day), 13 * 60), "зараз відчинено");
        assert_eq!(open_now(&uk, Some(day), 17 * 60), "зараз зачинено");
        assert_eq!(open_now(&uk, None, 10 * 60), "", "a closed day says so once");
        let week_days = || std::iter::successors(Some(Monday), |d| Some(d.next())).take(7);
        let names: Vec<String> = week_days().map(|d| weekday_name(&uk, d)).collect();
        assert_eq!(names, ["Понеділок", "Вівторок", "Середа", "Четвер", "П’ятниця", "Субота", "Неділя"]);
        let names: Vec<String> = week_days().map(|d| weekday_name(&en, d)).collect();
        assert_eq!(names, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let i18n = I18n::load().expect("catalogues load");
        let uk = Tr { i18n: &i18n, lang: Lang::Uk };
        let en = Tr { i18n: &i18n, lang: Lang::En };
        assert_eq!(uk.count("deadline-working", "days", 1), "1 робочий день");
        assert_eq!(uk.count("deadline-working", "days", 3), "3 робочі дні");
        assert_eq!(uk.count("deadline-working", "days", 5), "5 робочих днів");
        assert_eq!(uk.count("deadline-working", "days", 21), "21 робочий день");
        assert_eq!(uk.count("deadline-calendar", "days", 11), "11 календарних днів");
        assert_eq!(en.count("deadline-calendar", "days", 1), "1 calendar day");
        assert_eq!(en.count("deadline-calendar", "days", 30), "30 calendar days");
        assert!(!uk.with("search-results", "query", "x").contains('\u{2068}'), "no Unicode isolation marks in HTML");
        assert_eq!(uk.date(time::macros::date!(2026 - 11 - 27)), "27 листопада 2026");
        assert_eq!(en.date(time::macros::date!(2026 - 03 - 01)), "1 March 2026");
        assert_eq!(uk.size(1_500_000), "1,4 МБ");
        assert_eq!(en.size(2048), "2 KB");
    }
}
