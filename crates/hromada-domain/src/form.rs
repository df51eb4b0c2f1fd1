//! The rules of a resident's form: which pages and fields apply to the answers
//! given so far, and what a submitted page is worth — every value checked and
//! turned into its one canonical form, every problem named.
//!
//! The web has no JavaScript, so everything here runs on the server, page by
//! page: [`check_page`] when a page is submitted, [`prune`] after an answer
//! changed, [`next_page`]/[`previous_page`] to move, [`first_unfinished_page`]
//! to resume a draft and [`check_all`] before submitting.
//!
//! Conditions name fields that come before them (an earlier page, or earlier
//! on the same page: `parse_definition` checks this), so a page is checked in
//! field order against the answers of earlier pages and the values of this
//! page already checked.

use time::Date;
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::Lang;
use crate::definition::{Answers, ChoiceOption, DateBound, Field, FieldKind, Page, ServiceDefinition};
use crate::values::{Edrpou, Email, Iban, IdDocument, Phone, Rnokpp, UaDate, VehiclePlate};

/// Why a value was refused. The web maps each to a Fluent message; keep args as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing given for a required field (for a choice: nothing chosen; a
    /// declaration: not ticked; a file field: no file).
    Required,
    /// Fewer characters than allowed, after trimming.
    TooShort {
        min: u32,
    },
    /// More characters than allowed, after trimming (or a raw value over
    /// [`MAX_RAW_BYTES`]).
    TooLong {
        max: u32,
    },
    NotANumber,
    /// A fraction where only whole numbers are allowed.
    NotWhole,
    /// Below the minimum, written as a person writes it (`"0"`, `"12,5"`).
    TooSmall {
        min: String,
    },
    /// Above the maximum, written as a person writes it.
    TooLarge {
        max: String,
    },
    /// Not in the form 27.11.2026, or not a real day; `example` is a date
    /// the question would take ([`date_example`]).
    NotADate {
        example: Date,
    },
    DateTooEarly {
        earliest: Date,
    },
    DateTooLate {
        latest: Date,
    },
    /// A value that is not one of the options, or several values for a field
    /// that takes one: only a forged request sends these.
    NotAnOption,
    NotAPhone,
    NotAnEmail,
    /// Neither a taxpayer number nor a passport or ID-card number.
    NotAnRnokpp,
    NotAnEdrpou,
    NotAnIban,
    NotAnIdDocument,
    NotAVehiclePlate,
    TooManyFiles {
        max: u32,
    },
    /// Control characters (other than newline and tab in a textarea),
    /// unassigned code points, noncharacters, private use.
    BadCharacters,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

/// A raw value longer than this many bytes is refused without further work.
pub const MAX_RAW_BYTES: usize = 100_000;

/// The most characters an address may have.
pub const ADDRESS_MAX_CHARS: u32 = 500;

/// The most characters a number may be written with (spaces included).
pub const NUMBER_MAX_CHARS: u32 = 40;

/// The value a ticked declaration checkbox sends.
pub const DECLARATION_TICKED: &str = "yes";

/// Indices of the pages shown for these answers (a page's show_if holds on `answers`).
pub fn visible_pages(def: &ServiceDefinition, answers: &Answers) -> Vec<usize> {
    def.pages.iter().enumerate().filter(|(_, page)| page.show_if.as_ref().is_none_or(|c| c.holds(answers))).map(|(i, _)| i).collect()
}

/// Whether a field applies given answers (its show_if holds; none = always).
pub fn field_applies(field: &Field, answers: &Answers) -> bool {
    field.show_if.as_ref().is_none_or(|c| c.holds(answers))
}

/// Check and normalise what a resident submitted on one page.
///
/// `earlier` are the draft's answers so far (used for conditions on other
/// pages' fields; answers that no longer apply are not counted, and this
/// page's own earlier answers are replaced by what was submitted);
/// `submitted` holds raw values for this page's fields (several values for
/// multi_choice and file fields; file values are upload ids given by the
/// caller and are only counted, checked against max_files and required).
///
/// Returns the normalised answers of this page's fields that apply (fields
/// whose condition does not hold are left out, and so are empty optional
/// fields), and every error, in field order. A page with errors still returns
/// the normalised values it could, but callers will not save them. Keys of
/// `submitted` that are not fields of this page are ignored.
///
/// Checking the returned answers again gives them back unchanged.
pub fn check_page(def: &ServiceDefinition, page: &Page, submitted: &Answers, earlier: &Answers, today: Date) -> (Answers, Vec<FieldError>) {
    check_sent_page(def, page, submitted, &[], earlier, today)
}

/// [`check_page`] for a page some of whose values arrived as bytes that are
/// not text (not UTF-8), so have no value in `submitted`: each field named in
/// `unreadable` that applies is refused with [`Problem::BadCharacters`],
/// whatever else was sent for it.
pub fn check_sent_page(
    def: &ServiceDefinition,
    page: &Page,
    submitted: &Answers,
    unreadable: &[String],
    earlier: &Answers,
    today: Date,
) -> (Answers, Vec<FieldError>) {
    let mut context = prune(def, earlier);
    for field in &page.fields {
        context.remove(&field.id);
    }
    let mut checked = Answers::new();
    let mut errors = Vec::new();
    for field in &page.fields {
        if !field_applies(field, &context) {
            continue;
        }
        if unreadable.contains(&field.id) {
            errors.push(FieldError { field: field.id.clone(), problem: Problem::BadCharacters });
            continue;
        }
        let raw = submitted.get(&field.id).map(Vec::as_slice).unwrap_or(&[]);
        match check_field(field, raw, today) {
            Ok(values) if values.is_empty() => {}
            Ok(values) => {
                context.insert(field.id.clone(), values.clone());
                checked.insert(field.id.clone(), values);
            }
            Err(problem) => errors.push(FieldError { field: field.id.clone(), problem }),
        }
    }
    (checked, errors)
}

/// Drop answers of pages and fields that no longer apply (after an earlier
/// answer changed), repeatedly until stable. Answers to ids that are not
/// fields of the form, and empty answers, are dropped too.
pub fn prune(def: &ServiceDefinition, answers: &Answers) -> Answers {
    let mut current: Answers = answers
        .iter()
        .filter(|(id, values)| !values.is_empty() && def.field(id).is_some())
        .map(|(id, values)| (id.clone(), values.clone()))
        .collect();
    loop {
        let mut kept = Answers::new();
        for i in visible_pages(def, &current) {
            for field in &def.pages[i].fields {
                if field_applies(field, &current)
                    && let Some(values) = current.get(&field.id)
                {
                    kept.insert(field.id.clone(), values.clone());
                }
            }
        }
        // Each round only removes answers, so this ends.
        if kept == current {
            return kept;
        }
        current = kept;
    }
}

/// Before submitting: every visible page re-checked against the stored
/// answers (those that no longer apply are not counted). Errors with the page id.
pub fn check_all(def: &ServiceDefinition, answers: &Answers, today: Date) -> Vec<(String, FieldError)> {
    let answers = prune(def, answers);
    let mut errors = Vec::new();
    for i in visible_pages(def, &answers) {
        let page = &def.pages[i];
        let (_, page_errors) = check_page(def, page, &page_answers(page, &answers), &answers, today);
        errors.extend(page_errors.into_iter().map(|e| (page.id.clone(), e)));
    }
    errors
}

/// The page to show after `page_id` (next visible one), None after the last
/// and for an id that is not a page of the form.
pub fn next_page<'a>(def: &'a ServiceDefinition, answers: &Answers, page_id: &str) -> Option<&'a Page> {
    let at = def.pages.iter().position(|p| p.id == page_id)?;
    visible_pages(def, &prune(def, answers)).into_iter().find(|&i| i > at).map(|i| &def.pages[i])
}

/// The previous visible page, None before the first and for an id that is
/// not a page of the form.
pub fn previous_page<'a>(def: &'a ServiceDefinition, answers: &Answers, page_id: &str) -> Option<&'a Page> {
    let at = def.pages.iter().position(|p| p.id == page_id)?;
    visible_pages(def, &prune(def, answers)).into_iter().rev().find(|&i| i < at).map(|i| &def.pages[i])
}

/// The first visible page that has an applicable required field without an
/// answer, or whose answers fail check — where a resumed draft continues.
/// None when everything is answered.
pub fn first_unfinished_page<'a>(def: &'a ServiceDefinition, answers: &Answers, today: Date) -> Option<&'a Page> {
    let answers = prune(def, answers);
    visible_pages(def, &answers).into_iter().map(|i| &def.pages[i]).find(|page| {
        let (_, errors) = check_page(def, page, &page_answers(page, &answers), &answers, today);
        !errors.is_empty()
    })
}

/// The answers to one page's fields.
fn page_answers(page: &Page, answers: &Answers) -> Answers {
    page.fields.iter().filter_map(|f| answers.get(&f.id).map(|v| (f.id.clone(), v.clone()))).collect()
}

/// Clean free text: NFC, `\r\n` (and a lone `\r`) made `\n`, trimmed.
///
/// Refuses ([`Problem::BadCharacters`]) control characters — except `\n` and
/// `\t` when `multiline` — unassigned code points, private use, surrogates
/// and noncharacters (U+FDD0–FDEF, U+xFFFE, U+xFFFF). Format characters
/// (zero-width joiners of emoji, soft hyphens) are kept.
pub fn clean_text(raw: &str, multiline: bool) -> Result<String, Problem> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let normal: String = unified.nfc().collect();
    let text = normal.trim();
    if text.chars().any(|c| !char_allowed(c, multiline)) {
        return Err(Problem::BadCharacters);
    }
    Ok(text.to_owned())
}

fn char_allowed(c: char, multiline: bool) -> bool {
    let code = u32::from(c);
    if (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE {
        return false;
    }
    match c.general_category() {
        GeneralCategory::Control => multiline && matches!(c, '\n' | '\t'),
        GeneralCategory::Unassigned | GeneralCategory::PrivateUse | GeneralCategory::Surrogate => false,
        _ => true,
    }
}

/// The limit named when a raw value is too big to look at.
fn length_limit(kind: &FieldKind) -> u32 {
    match kind {
        FieldKind::Text { max_length, .. } | FieldKind::Textarea { max_length, .. } => *max_length,
        FieldKind::Address => ADDRESS_MAX_CHARS,
        FieldKind::Number { .. } => NUMBER_MAX_CHARS,
        _ => MAX_RAW_BYTES as u32,
    }
}

/// One field's raw values → its canonical values (none for an empty optional
/// field), or the first problem: bad characters, then required, then the
/// type's own rules.
fn check_field(field: &Field, raw: &[String], today: Date) -> Result<Vec<String>, Problem> {
    if raw.iter().any(|v| v.len() > MAX_RAW_BYTES) {
        return Err(Problem::TooLong { max: length_limit(&field.kind) });
    }
    let multiline = matches!(field.kind, FieldKind::Textarea { .. });
    let mut values = Vec::with_capacity(raw.len());
    for value in raw {
        let cleaned = clean_text(value, multiline)?;
        if !cleaned.is_empty() {
            values.push(cleaned);
        }
    }
    if values.is_empty() {
        return if field.required { Err(Problem::Required) } else { Ok(Vec::new()) };
    }
    match &field.kind {
        FieldKind::MultiChoice { options } => {
            if values.iter().any(|v| !options.iter().any(|o| o.value == *v)) {
                return Err(Problem::NotAnOption);
            }
            Ok(options.iter().filter(|o| values.contains(&o.value)).map(|o| o.value.clone()).collect())
        }
        FieldKind::File { max_files, .. } => {
            let mut ids: Vec<String> = Vec::with_capacity(values.len());
            for id in values {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if ids.len() > *max_files as usize {
                return Err(Problem::TooManyFiles { max: *max_files });
            }
            Ok(ids)
        }
        kind => match values.as_slice() {
            [value] => check_one(kind, value, today).map(|v| vec![v]),
            _ => Err(Problem::NotAnOption),
        },
    }
}

/// A single cleaned, non-empty value of a one-value field.
fn check_one(kind: &FieldKind, value: &str, today: Date) -> Result<String, Problem> {
    let length = || u32::try_from(value.chars().count()).unwrap_or(u32::MAX);
    match kind {
        FieldKind::Text { min_length, max_length } | FieldKind::Textarea { min_length, max_length } => {
            let n = length();
            if let Some(min) = *min_length
                && n < min
            {
                return Err(Problem::TooShort { min });
            }
            if n > *max_length {
                return Err(Problem::TooLong { max: *max_length });
            }
            Ok(value.to_owned())
        }
        FieldKind::Address => {
            if length() > ADDRESS_MAX_CHARS {
                return Err(Problem::TooLong { max: ADDRESS_MAX_CHARS });
            }
            Ok(value.to_owned())
        }
        FieldKind::Number { min, max, integer } => {
            if length() > NUMBER_MAX_CHARS {
                return Err(Problem::TooLong { max: NUMBER_MAX_CHARS });
            }
            let number = Number::parse(value).ok_or(Problem::NotANumber)?;
            if *integer && !number.whole {
                return Err(Problem::NotWhole);
            }
            let x = number.value();
            if let Some(min) = *min
                && x < min
            {
                return Err(Problem::TooSmall { min: written_number(min) });
            }
            if let Some(max) = *max
                && x > max
            {
                return Err(Problem::TooLarge { max: written_number(max) });
            }
            Ok(number.canonical)
        }
        FieldKind::Date { not_before, not_after } => {
            let date = UaDate::parse(value).map_err(|_| Problem::NotADate { example: date_example(*not_before, *not_after, today) })?;
            if let Some(earliest) = not_before.map(|b| b.resolve(today))
                && date.date() < earliest
            {
                return Err(Problem::DateTooEarly { earliest });
            }
            if let Some(latest) = not_after.map(|b| b.resolve(today))
                && date.date() > latest
            {
                return Err(Problem::DateTooLate { latest });
            }
            Ok(date.iso())
        }
        FieldKind::Choice { options } => option_value(options, value),
        FieldKind::Declaration => {
            if value == DECLARATION_TICKED {
                Ok(value.to_owned())
            } else {
                Err(Problem::NotAnOption)
            }
        }
        FieldKind::Phone => Phone::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAPhone),
        FieldKind::Email => Email::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAnEmail),
        // The lawful alternative for people who refused a taxpayer number
        // for religious reasons: their passport or ID-card number.
        FieldKind::Rnokpp => Rnokpp::parse(value)
            .map(|v| v.as_str().to_owned())
            .or_else(|_| IdDocument::parse(value).map(|d| d.as_str().to_owned()))
            .map_err(|_| Problem::NotAnRnokpp),
        FieldKind::Edrpou => Edrpou::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAnEdrpou),
        FieldKind::Iban => Iban::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAnIban),
        FieldKind::IdDocument => IdDocument::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAnIdDocument),
        FieldKind::VehiclePlate => VehiclePlate::parse(value).map(|v| v.as_str().to_owned()).map_err(|_| Problem::NotAVehiclePlate),
        // Handled by `check_field`; a value reaching here would be a bug, and
        // refusing it is the safe answer.
        FieldKind::MultiChoice { .. } | FieldKind::File { .. } => Err(Problem::NotAnOption),
    }
}

fn option_value(options: &[ChoiceOption], value: &str) -> Result<String, Problem> {
    options.iter().find(|o| o.value == value).map(|o| o.value.clone()).ok_or(Problem::NotAnOption)
}

/// A number as typed, in canonical form: `"-12.5"`, `"1200"`, `"0"`.
struct Number {
    canonical: String,
    whole: bool,
}

impl Number {
    /// `12,5`, `12.5`, `1 200` (spaces, U+00A0 and U+202F between digit
    /// groups), `-3` (also with U+2212 MINUS SIGN), `,5`.
    fn parse(text: &str) -> Option<Number> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}')).collect();
        let (negative, rest) = match compact.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        let (int, frac) = match rest.split_once(['.', ',']) {
            Some((int, frac)) => (int, frac),
            None => (rest, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let has_point = int.len() < rest.len();
        if !all_digits(int) || !all_digits(frac) || (has_point && frac.is_empty()) || (int.is_empty() && frac.is_empty()) {
            return None;
        }
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let mut canonical = String::with_capacity(rest.len() + 2);
        if negative && !(int.is_empty() && frac.is_empty()) {
            canonical.push('-');
        }
        canonical.push_str(if int.is_empty() { "0" } else { int });
        if !frac.is_empty() {
            canonical.push('.');
            canonical.push_str(frac);
        }
        Some(Number { canonical, whole: frac.is_empty() })
    }

    fn value(&self) -> f64 {
        // The canonical form is always a valid Rust float literal.
        self.canonical.parse().unwrap_or(f64::NAN)
    }
}

/// A bound as a person writes it: `"0"`, `"12,5"`, `"-3"`.
fn written_number(x: f64) -> String {
    let x = if x == 0.0 { 0.0 } else { x };
    format!("{x}").replace('.', ",")
}

/// A stored answer as the "check your answers" page shows it: option labels
/// instead of values (several joined by ", "), dates as `27.11.2026`, phone
/// numbers and IBANs grouped for reading, numbers with a decimal comma in
/// Ukrainian, a ticked declaration as "Так"/"Yes", and for file fields the
/// number of files (the web shows their names). Empty for no answer.
pub fn display_value(field: &Field, values: &[String], lang: Lang) -> String {
    match &field.kind {
        FieldKind::File { .. } => values.len().to_string(),
        kind => values.iter().map(|value| display_one(kind, value, lang)).collect::<Vec<_>>().join(", "),
    }
}

fn display_one(kind: &FieldKind, value: &str, lang: Lang) -> String {
    match kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => {
            options.iter().find(|o| o.value == value).map_or(value, |o| o.label.get(lang)).to_owned()
        }
        FieldKind::Date { .. } => UaDate::parse(value).map_or_else(|_| value.to_owned(), |d| d.to_string()),
        FieldKind::Phone => Phone::parse(value).map_or_else(|_| value.to_owned(), |p| p.formatted()),
        FieldKind::Iban => Iban::parse(value).map_or_else(|_| value.to_owned(), |i| i.grouped()),
        FieldKind::VehiclePlate => VehiclePlate::parse(value).map_or_else(|_| value.to_owned(), |p| p.formatted()),
        FieldKind::Number { .. } => match lang {
            Lang::Uk => value.replace('.', ","),
            Lang::En => value.to_owned(),
        },
        FieldKind::Declaration if value == DECLARATION_TICKED => match lang {
            Lang::Uk => "Так".to_owned(),
            Lang::En => "Yes".to_owned(),
        },
        _ => value.to_owned(),
    }
}

/// A date to show as an example of what a date question takes: one the
/// question would accept and a person could well give — for a date of birth
/// (1900 to today) a day in the 1960s, for damage since 24.02.2022 one in
/// 2024, never "ten days ago" for every question. It is the middle of the
/// allowed range (the last four years when only the end is bounded, the next
/// month when only the start is), moved to the 15th of its month, so that the
/// day cannot be read as the month.
pub fn date_example(not_before: Option<DateBound>, not_after: Option<DateBound>, today: Date) -> Date {
    let earliest = not_before.map(|b| b.resolve(today));
    let latest = not_after.map(|b| b.resolve(today));
    let (from, to) = match (earliest, latest) {
        (Some(from), Some(to)) if from <= to => (from, to),
        (Some(from), Some(_)) => (from, from),
        (None, Some(to)) => (to - time::Duration::days(4 * 365), to),
        (Some(from), None) => (from, from + time::Duration::days(60)),
        (None, None) => (today - time::Duration::days(365), today),
    };
    let middle = from + time::Duration::days((to - from).whole_days() / 2);
    match middle.replace_day(15) {
        Ok(fifteenth) if from <= fifteenth && fifteenth <= to => fifteenth,
        _ => middle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::parse_definition;
    use proptest::prelude::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 27);

    /// A definition with the given `[[pages]]` and the smallest workflow.
    fn def_with(pages: &str) -> ServiceDefinition {
        let src = format!(
            r#"
id = "test"
category = "transparency"
life_situations = ["need-information"]
account = "required"
title = {{ uk = "Тест", en = "Test" }}
summary = {{ uk = "Тест", en = "Test" }}
who_can_apply = {{ uk = "Будь-хто", en = "Anyone" }}
legal_basis = {{ uk = "Закон", en = "Law" }}

[fee]
kind = "free"

[deadline]
kind = "working"
days = 5

{pages}

[workflow]
start = "submitted"

  [[workflow.states]]
  id = "submitted"
  phase = "submitted"
  title = {{ uk = "Подано", en = "Submitted" }}

  [[workflow.states]]
  id = "done"
  phase = "approved"
  title = {{ uk = "Готово", en = "Done" }}

  [[workflow.transitions]]
  action = "approve"
  label = {{ uk = "Схвалити", en = "Approve" }}
  from = ["submitted"]
  to = "done"
  roles = ["officer"]
"#
        );
        let parsed = parse_definition(&src, None);
        let errors: Vec<String> = parsed.errors().map(|d| d.to_string()).collect();
        assert_eq!(errors, Vec::<String>::new());
        parsed.definition.expect("definition")
    }

    /// A one-page definition holding one field of the given TOML.
    fn one_field(field: &str) -> ServiceDefinition {
        def_with(&format!(
            "[[pages]]\nid = \"p\"\ntitle = {{ uk = \"С\", en = \"P\" }}\n\n  [[pages.fields]]\n  id = \"f\"\n  label = {{ uk = \"П\", en = \"F\" }}\n  {field}\n"
        ))
    }

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        pairs.iter().map(|(k, vs)| (k.to_string(), vs.iter().map(|v| v.to_string()).collect())).collect()
    }

    /// The one field's canonical values, or its problem.
    fn check_one_field(def: &ServiceDefinition, values: &[&str]) -> Result<Vec<String>, Problem> {
        let (out, errors) = check_page(def, &def.pages[0], &answers(&[("f", values)]), &Answers::new(), TODAY);
        match errors.as_slice() {
            [] => Ok(out.get("f").cloned().unwrap_or_default()),
            [e] => Err(e.problem.clone()),
            more => panic!("one field, several errors: {more:?}"),
        }
    }

    fn check(field: &str, value: &str) -> Result<String, Problem> {
        check_one_field(&one_field(field), &[value]).map(|v| v.join("|"))
    }

    fn zapyt() -> ServiceDefinition {
        let src = include_str!("../../../services/zapyt-na-publichnu-informatsiiu.toml");
        parse_definition(src, None).definition.expect("the demo service parses")
    }

    /// Every required answer of the public-information request, by mail.
    fn zapyt_complete() -> Answers {
        answers(&[
            ("request_text", &["Копія рішення виконкому від 01.02.2026 № 15"]),
            ("urgent", &["no"]),
            ("answer_channel", &["post"]),
            ("postal_address", &["м. Буча, вул. Шевченка, 1, кв. 2, 08292"]),
            ("requester_kind", &["person"]),
            ("full_name", &["Олена Петренко"]),
            ("email", &["olena@ukr.net"]),
            ("contacts_correct", &["yes"]),
        ])
    }

    /// Three pages, the second shown only to representatives.
    fn with_conditional_page() -> ServiceDefinition {
        def_with(
            r#"
[[pages]]
id = "who"
title = { uk = "Хто", en = "Who" }

  [[pages.fields]]
  id = "role"
  type = "choice"
  required = true
  label = { uk = "Роль", en = "Role" }
  options = [
    { value = "self", uk = "Я", en = "Me" },
    { value = "representative", uk = "Представник", en = "Representative" },
  ]

[[pages]]
id = "representative"
title = { uk = "Представник", en = "Representative" }
show_if = { field = "role", equals = "representative" }

  [[pages.fields]]
  id = "power_of_attorney"
  type = "text"
  required = true
  label = { uk = "Довіреність", en = "Power of attorney" }

[[pages]]
id = "contact"
title = { uk = "Контакти", en = "Contact" }

  [[pages.fields]]
  id = "email"
  type = "email"
  required = true
  label = { uk = "Пошта", en = "E-mail" }
"#,
        )
    }

    #[test]
    fn a_field_hidden_by_its_condition_is_neither_required_nor_kept() {
        let def = zapyt();
        let page = &def.pages[1]; // answer_way: postal_address shows only for post
        let submitted = answers(&[("answer_channel", &["email"]), ("postal_address", &["м. Буча"])]);
        let (out, errors) = check_page(&def, page, &submitted, &Answers::new(), TODAY);
        assert_eq!(errors, vec![]);
        assert_eq!(out, answers(&[("answer_channel", &["email"])]));

        let submitted = answers(&[("answer_channel", &["email"])]);
        let (_, errors) = check_page(&def, page, &submitted, &Answers::new(), TODAY);
        assert_eq!(errors, vec![]);
    }

    #[test]
    fn a_condition_on_a_field_of_the_same_page_uses_what_was_just_submitted() {
        let def = zapyt();
        let page = &def.pages[0];
        // The stored draft says "no"; the resident now says "yes" on this page.
        let earlier = answers(&[("urgent", &["no"])]);
        let submitted = answers(&[("request_text", &["Рішення виконкому № 15"]), ("urgent", &["yes"])]);
        let (_, errors) = check_page(&def, page, &submitted, &earlier, TODAY);
        assert_eq!(errors, vec![FieldError { field: "urgent_reason".into(), problem: Problem::Required }]);
        // And the other way: a stored "yes" does not keep the reason once "no" is sent.
        let earlier = answers(&[("urgent", &["yes"]), ("urgent_reason", &["Витік хлору"])]);
        let submitted = answers(&[("request_text", &["Рішення виконкому № 15"]), ("urgent", &["no"]), ("urgent_reason", &["Витік хлору"])]);
        let (out, errors) = check_page(&def, page, &submitted, &earlier, TODAY);
        assert_eq!(errors, vec![]);
        assert!(!out.contains_key("urgent_reason"));
    }

    #[test]
    fn unknown_keys_are_ignored_and_empty_optional_fields_left_out() {
        let def = zapyt();
        let page = &def.pages[2];
        let submitted = answers(&[
            ("requester_kind", &["person"]),
            ("full_name", &["  Олена Петренко  "]),
            ("email", &["olena@UKR.NET"]),
            ("phone", &["   "]),
            ("is_admin", &["yes"]),
            ("request_text", &["з іншої сторінки"]),
        ]);
        let (out, errors) = check_page(&def, page, &submitted, &Answers::new(), TODAY);
        assert_eq!(errors, vec![]);
        assert_eq!(out, answers(&[("email", &["olena@ukr.net"]), ("full_name", &["Олена Петренко"]), ("requester_kind", &["person"]),]));
    }

    #[test]
    fn errors_come_in_field_order_and_good_values_are_still_returned() {
        let def = zapyt();
        let page = &def.pages[2];
        let submitted = answers(&[("full_name", &["Олена"]), ("email", &["olena"]), ("phone", &["067 123 45 67"])]);
        let (out, errors) = check_page(&def, page, &submitted, &Answers::new(), TODAY);
        let problems: Vec<(&str, &Problem)> = errors.iter().map(|e| (e.field.as_str(), &e.problem)).collect();
        assert_eq!(problems, vec![("requester_kind", &Problem::Required), ("email", &Problem::NotAnEmail)]);
        assert_eq!(out, answers(&[("full_name", &["Олена"]), ("phone", &["+380671234567"])]));
    }

    #[test]
    fn prune_drops_a_conditional_page_after_the_answer_that_showed_it_changed() {
        let def = with_conditional_page();
        let draft =
            answers(&[("role", &["self"]), ("power_of_attorney", &["ННН 123456"]), ("email", &["olena@ukr.net"]), ("not_a_field", &["x"])]);
        assert_eq!(prune(&def, &draft), answers(&[("email", &["olena@ukr.net"]), ("role", &["self"])]));
        let draft = answers(&[("role", &["representative"]), ("power_of_attorney", &["ННН 123456"])]);
        assert_eq!(prune(&def, &draft), draft);
    }

    #[test]
    fn prune_follows_a_chain_of_conditions_until_nothing_changes() {
        let def = every_type(); // multi shows for choice = yes; address for multi including b
        let draft = answers(&[("choice", &["yes"]), ("multi", &["b"]), ("address", &["м. Буча"]), ("textarea", &["текст"])]);
        assert_eq!(prune(&def, &draft), draft);
        let mut changed = draft.clone();
        changed.insert("choice".into(), vec!["no".into()]);
        assert_eq!(prune(&def, &changed), answers(&[("choice", &["no"]), ("textarea", &["текст"])]));
        // The same chain inside one submitted page.
        let (out, _) = check_page(&def, &def.pages[0], &changed, &draft, TODAY);
        assert!(!out.contains_key("multi") && !out.contains_key("address"));
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        let field = "type = \"number\"";
        for (typed, stored) in [
            ("12,5", "12.5"),
            ("12.5", "12.5"),
            ("1 200", "1200"),
            ("1\u{a0}200,50", "1200.5"),
            ("1\u{202f}000\u{202f}000", "1000000"),
            ("-3", "-3"),
            ("\u{2212}3", "-3"),
            ("007", "7"),
            ("0,0", "0"),
            ("-0", "0"),
            (",5", "0.5"),
        ] {
            assert_eq!(check(field, typed), Ok(stored.to_owned()), "{typed}");
        }
        for typed in ["12,", "1,2,3", "1.2,3", "12a", "e5", "1e5", "--1", "+1", "-", ",", "½"] {
            assert_eq!(check(field, typed), Err(Problem::NotANumber), "{typed}");
        }
    }

    #[test]
    fn whole_numbers_and_bounds() {
        let field = "type = \"number\"\n  integer = true\n  min = 0\n  max = 12.5";
        assert_eq!(check(field, "12"), Ok("12".into()));
        assert_eq!(check(field, "12,0"), Ok("12".into()));
        assert_eq!(check(field, "2,5"), Err(Problem::NotWhole));
        assert_eq!(check(field, "-1"), Err(Problem::TooSmall { min: "0".into() }));
        assert_eq!(check(field, "13"), Err(Problem::TooLarge { max: "12,5".into() }));
        assert_eq!(check("type = \"number\"", &"9".repeat(41)), Err(Problem::TooLong { max: 40 }));
    }

    #[test]
    fn dates_are_stored_as_iso_and_bounded_by_today() {
        let field = "type = \"date\"\n  not_before = \"2026-01-01\"\n  not_after = \"today\"";
        assert_eq!(check(field, "27.11.2026"), Ok("2026-11-27".into()));
        assert_eq!(check(field, "1.2.2026"), Ok("2026-02-01".into()));
        assert_eq!(check(field, "2026-02-01"), Ok("2026-02-01".into()));
        assert_eq!(check(field, "28.11.2026"), Err(Problem::DateTooLate { latest: TODAY }));
        assert_eq!(check(field, "31.12.2025"), Err(Problem::DateTooEarly { earliest: date!(2026 - 01 - 01) }));
        for typed in ["31.02.2026", "27.11.26", "завтра"] {
            assert_eq!(check(field, typed), Err(Problem::NotADate { example: date!(2026 - 06 - 15) }), "{typed}");
        }
    }

    #[test]
    fn a_date_example_is_one_the_question_takes_and_a_person_could_give() {
        let today = date!(2026 - 11 - 27);
        let fixed =
            |y: i32, m: u8, d: u8| Some(DateBound::Fixed(Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()));
        // A date of birth: not ten days ago, but a day in the middle of a life.
        assert_eq!(date_example(fixed(1900, 1, 1), Some(DateBound::Today), today), date!(1963 - 06 - 15));
        // Damage since the full-scale invasion.
        assert_eq!(date_example(fixed(2022, 2, 24), Some(DateBound::Today), today), date!(2024 - 07 - 15));
        // An appointment from today on; a past date with no start; no bounds at all.
        assert_eq!(date_example(Some(DateBound::Today), None, today), date!(2026 - 12 - 15));
        assert_eq!(date_example(None, Some(DateBound::Today), today), date!(2024 - 11 - 15));
        assert_eq!(date_example(None, None, today), date!(2026 - 05 - 15));
        // A range within one month keeps inside it, even when the 15th is not.
        assert_eq!(date_example(fixed(2026, 3, 1), fixed(2026, 3, 10), today), date!(2026 - 03 - 05));
        proptest!(|(a in 0i64..50_000, b in 0i64..50_000, t in 0i64..50_000)| {
            let day = |n: i64| date!(1900 - 01 - 01) + time::Duration::days(n);
            let (from, to) = (day(a.min(b)), day(a.max(b)));
            let example = date_example(Some(DateBound::Fixed(from)), Some(DateBound::Fixed(to)), day(t));
            prop_assert!(from <= example && example <= to, "{example} outside {from}..{to}");
            prop_assert!(example.day() > 12 || example.day() == (from + time::Duration::days((to - from).whole_days() / 2)).day());
        });
    }

    const YES_NO: &str =
        "type = \"choice\"\n  options = [{ value = \"no\", uk = \"Ні\", en = \"No\" }, { value = \"yes\", uk = \"Так\", en = \"Yes\" }]";

    #[test]
    fn a_choice_refuses_a_forged_value_and_two_values() {
        let def = one_field(YES_NO);
        assert_eq!(check_one_field(&def, &["yes"]), Ok(vec!["yes".into()]));
        assert_eq!(check_one_field(&def, &["maybe"]), Err(Problem::NotAnOption));
        assert_eq!(check_one_field(&def, &["Так"]), Err(Problem::NotAnOption));
        assert_eq!(check_one_field(&def, &["yes", "no"]), Err(Problem::NotAnOption));
        assert_eq!(check_one_field(&def, &[]), Ok(vec![]));
        let def = one_field(&format!("required = true\n  {YES_NO}"));
        assert_eq!(check_one_field(&def, &[""]), Err(Problem::Required));
    }

    #[test]
    fn a_multiple_choice_drops_repeats_and_keeps_the_definition_order() {
        let def = one_field(
            "type = \"multi_choice\"\n  options = [{ value = \"a\", uk = \"А\", en = \"A\" }, { value = \"b\", uk = \"Б\", en = \"B\" }, { value = \"c\", uk = \"В\", en = \"C\" }]",
        );
        assert_eq!(check_one_field(&def, &["c", "a", "c", "a"]), Ok(vec!["a".into(), "c".into()]));
        assert_eq!(check_one_field(&def, &["a", "z"]), Err(Problem::NotAnOption));
        assert_eq!(display_value(&def.pages[0].fields[0], &["a".into(), "c".into()], Lang::Uk), "А, В");
    }

    #[test]
    fn the_rnokpp_field_takes_a_passport_from_people_who_refused_a_taxpayer_number() {
        let field = "type = \"rnokpp\"";
        assert_eq!(check(field, "3184710691"), Ok("3184710691".into()));
        assert_eq!(check(field, "кв 123456"), Ok("КВ123456".into()));
        assert_eq!(check(field, "001234567"), Ok("001234567".into()));
        assert_eq!(check(field, "3184710692"), Err(Problem::NotAnRnokpp));
        assert_eq!(check(field, "КВ12345"), Err(Problem::NotAnRnokpp));
    }

    #[test]
    fn structured_values_are_stored_in_canonical_form() {
        assert_eq!(check("type = \"phone\"", "(067) 123-45-67"), Ok("+380671234567".into()));
        assert_eq!(check("type = \"phone\"", "+44 20 7946 0958"), Err(Problem::NotAPhone));
        assert_eq!(check("type = \"edrpou\"", "1436 0570"), Ok("14360570".into()));
        assert_eq!(check("type = \"edrpou\"", "14360571"), Err(Problem::NotAnEdrpou));
        assert_eq!(check("type = \"iban\"", "ua21 3223 1300 0002 6007 2335 6600 1"), Ok("UA213223130000026007233566001".into()));
        assert_eq!(check("type = \"iban\"", "UA21322313000002600723356600"), Err(Problem::NotAnIban));
        assert_eq!(check("type = \"id_document\"", "KB 123456"), Ok("КВ123456".into()));
        assert_eq!(check("type = \"id_document\"", "123"), Err(Problem::NotAnIdDocument));
        assert_eq!(check("type = \"vehicle_plate\"", "ka 0007 xo"), Ok("КА0007ХО".into()));
        assert_eq!(check("type = \"vehicle_plate\"", "ББ1234ВВ"), Err(Problem::NotAVehiclePlate));
    }

    #[test]
    fn text_lengths_count_characters_after_trimming() {
        let field = "type = \"text\"\n  min_length = 3\n  max_length = 5";
        assert_eq!(check(field, "  Їжак  "), Ok("Їжак".into()));
        assert_eq!(check(field, " Їж "), Err(Problem::TooShort { min: 3 }));
        assert_eq!(check(field, "Їжачок"), Err(Problem::TooLong { max: 5 }));
        assert_eq!(check("type = \"address\"", &"б".repeat(501)), Err(Problem::TooLong { max: 500 }));
        assert_eq!(check(field, &"x".repeat(MAX_RAW_BYTES + 1)), Err(Problem::TooLong { max: 5 }));
    }

    #[test]
    fn a_value_that_was_not_text_is_refused_for_its_characters() {
        let def = one_field("type = \"text\"\n  max_length = 50");
        let unreadable = vec!["f".to_string()];
        let (checked, errors) = check_sent_page(&def, &def.pages[0], &Answers::new(), &unreadable, &Answers::new(), TODAY);
        assert!(checked.is_empty());
        assert_eq!(errors, vec![FieldError { field: "f".into(), problem: Problem::BadCharacters }]);
        let (_, errors) = check_sent_page(&def, &def.pages[0], &answers(&[("f", &["x"])]), &["other".into()], &Answers::new(), TODAY);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_declaration_must_be_ticked_when_required() {
        let def = one_field("type = \"declaration\"\n  required = true");
        assert_eq!(check_one_field(&def, &["yes"]), Ok(vec!["yes".into()]));
        assert_eq!(check_one_field(&def, &[]), Err(Problem::Required));
        assert_eq!(check_one_field(&def, &["no"]), Err(Problem::NotAnOption));
        assert_eq!(display_value(&def.pages[0].fields[0], &["yes".into()], Lang::Uk), "Так");
        assert_eq!(display_value(&def.pages[0].fields[0], &["yes".into()], Lang::En), "Yes");
    }

    #[test]
    fn file_fields_count_their_uploads() {
        let def = one_field("type = \"file\"\n  required = true\n  max_files = 2");
        assert_eq!(check_one_field(&def, &[]), Err(Problem::Required));
        assert_eq!(check_one_field(&def, &["u1", "u2", "u1"]), Ok(vec!["u1".into(), "u2".into()]));
        assert_eq!(check_one_field(&def, &["u1", "u2", "u3"]), Err(Problem::TooManyFiles { max: 2 }));
        assert_eq!(display_value(&def.pages[0].fields[0], &["u1".into(), "u2".into()], Lang::Uk), "2");
    }

    #[test]
    fn problems_are_checked_bad_characters_first_then_required() {
        let def = one_field("type = \"phone\"\n  required = true");
        assert_eq!(check_one_field(&def, &["067\u{0}1234567"]), Err(Problem::BadCharacters));
        assert_eq!(check_one_field(&def, &[" "]), Err(Problem::Required));
        assert_eq!(check_one_field(&def, &["067"]), Err(Problem::NotAPhone));
    }

    #[test]
    fn clean_text_refuses_characters_that_are_not_text() {
        for bad in ["a\u{0}b", "\u{E000}", "a\u{FFFF}", "\u{0378}", "\u{FDD0}", "\u{10FFFE}", "\u{1B}[31m", "a\u{7F}"] {
            assert_eq!(clean_text(bad, true), Err(Problem::BadCharacters), "{bad:?}");
        }
        // Newlines and tabs belong to a textarea only.
        assert_eq!(clean_text("рядок\r\nрядок\tдалі", true), Ok("рядок\nрядок\tдалі".into()));
        assert_eq!(clean_text("рядок\nрядок", false), Err(Problem::BadCharacters));
        assert_eq!(clean_text("a\tb", false), Err(Problem::BadCharacters));
        // Surrounding newlines are only trimmed.
        assert_eq!(clean_text("\r\n Буча \n", false), Ok("Буча".into()));
    }

    #[test]
    fn clean_text_keeps_ukrainian_apostrophes_and_emoji() {
        for good in ["Обʼєднана громада", "м’ясо", "п'ять", "Дякую 🇺🇦👍🏽", "👩‍👩‍👧", "Ґанок, Їжак, Євген"]
        {
            assert_eq!(clean_text(good, false), Ok(good.to_owned()), "{good}");
        }
    }

    #[test]
    fn clean_text_composes_characters() {
        assert_eq!(clean_text("Cafe\u{301}", false), Ok("Café".into()));
        assert_eq!(clean_text("Cafe\u{301}", false).map(|s| s.chars().count()), Ok(4));
        // й typed as и + combining breve.
        assert_eq!(clean_text("\u{438}\u{306}", false), Ok("й".into()));
    }

    #[test]
    fn next_and_previous_skip_hidden_pages() {
        let def = with_conditional_page();
        let me = answers(&[("role", &["self"])]);
        assert_eq!(next_page(&def, &me, "who").map(|p| p.id.as_str()), Some("contact"));
        assert_eq!(previous_page(&def, &me, "contact").map(|p| p.id.as_str()), Some("who"));
        assert_eq!(next_page(&def, &me, "contact"), None);
        assert_eq!(previous_page(&def, &me, "who"), None);
        assert_eq!(next_page(&def, &me, "no-such-page"), None);

        let them = answers(&[("role", &["representative"])]);
        assert_eq!(next_page(&def, &them, "who").map(|p| p.id.as_str()), Some("representative"));
        assert_eq!(previous_page(&def, &them, "contact").map(|p| p.id.as_str()), Some("representative"));
        assert_eq!(visible_pages(&def, &them), vec![0, 1, 2]);
        assert_eq!(visible_pages(&def, &me), vec![0, 2]);
    }

    #[test]
    fn a_resumed_draft_continues_at_the_first_unfinished_page() {
        let def = with_conditional_page();
        let first = |a: &Answers| first_unfinished_page(&def, a, TODAY).map(|p| p.id.clone());
        assert_eq!(first(&Answers::new()).as_deref(), Some("who"));
        assert_eq!(first(&answers(&[("role", &["representative"])])).as_deref(), Some("representative"));
        assert_eq!(first(&answers(&[("role", &["self"])])).as_deref(), Some("contact"));
        // An answer that no longer passes its check (stored, then tampered with).
        assert_eq!(first(&answers(&[("role", &["self"]), ("email", &["not an address"])])).as_deref(), Some("contact"));
        assert_eq!(first(&answers(&[("role", &["self"]), ("email", &["olena@ukr.net"])])), None);
    }

    #[test]
    fn check_all_passes_a_complete_request_and_finds_a_missing_answer() {
        let def = zapyt();
        let complete = zapyt_complete();
        assert_eq!(check_all(&def, &complete, TODAY), vec![]);
        assert_eq!(first_unfinished_page(&def, &complete, TODAY), None);

        let mut missing = complete.clone();
        missing.remove("postal_address");
        assert_eq!(
            check_all(&def, &missing, TODAY),
            vec![("answer_way".to_owned(), FieldError { field: "postal_address".into(), problem: Problem::Required })]
        );
        assert_eq!(first_unfinished_page(&def, &missing, TODAY).map(|p| p.id.as_str()), Some("answer_way"));
        // With the answer by e-mail the address is not needed.
        missing.insert("answer_channel".into(), vec!["email".into()]);
        assert_eq!(check_all(&def, &missing, TODAY), vec![]);
    }

    #[test]
    fn the_check_your_answers_page_shows_values_as_people_read_them() {
        let def = zapyt();
        let field = |id: &str| def.field(id).expect("field");
        let show = |id: &str, v: &str, lang| display_value(field(id), &[v.to_owned()], lang);
        assert_eq!(show("answer_channel", "post", Lang::Uk), "Поштою на паперовому бланку");
        assert_eq!(show("answer_channel", "post", Lang::En), "By post, on paper");
        assert_eq!(show("phone", "+380671234567", Lang::Uk), "+380 67 123 45 67");
        assert_eq!(display_value(field("phone"), &[], Lang::Uk), "");
        let date = one_field("type = \"date\"");
        assert_eq!(display_value(&date.pages[0].fields[0], &["2026-11-27".into()], Lang::Uk), "27.11.2026");
        let iban = one_field("type = \"iban\"");
        assert_eq!(
            display_value(&iban.pages[0].fields[0], &["UA213223130000026007233566001".into()], Lang::En),
            "UA21 3223 1300 0002 6007 2335 6600 1"
        );
        let number = one_field("type = \"number\"");
        assert_eq!(display_value(&number.pages[0].fields[0], &["12.5".into()], Lang::Uk), "12,5");
        assert_eq!(display_value(&number.pages[0].fields[0], &["12.5".into()], Lang::En), "12.5");
    }

    /// One field of every type on one page, some conditional on earlier ones.
    fn every_type() -> ServiceDefinition {
        let fields = [
            "id = \"text\"\n  type = \"text\"\n  min_length = 2\n  max_length = 20",
            "id = \"textarea\"\n  type = \"textarea\"\n  required = true",
            "id = \"number\"\n  type = \"number\"\n  min = -10\n  max = 1000.5",
            "id = \"integer\"\n  type = \"number\"\n  integer = true",
            "id = \"date\"\n  type = \"date\"\n  not_before = \"2000-01-01\"\n  not_after = \"today\"",
            "id = \"choice\"\n  type = \"choice\"\n  options = [{ value = \"no\", uk = \"Ні\", en = \"No\" }, { value = \"yes\", uk = \"Так\", en = \"Yes\" }]",
            "id = \"multi\"\n  type = \"multi_choice\"\n  show_if = { field = \"choice\", equals = \"yes\" }\n  options = [{ value = \"a\", uk = \"А\", en = \"A\" }, { value = \"b\", uk = \"Б\", en = \"B\" }]",
            "id = \"address\"\n  type = \"address\"\n  show_if = { field = \"multi\", includes = \"b\" }",
            "id = \"phone\"\n  type = \"phone\"",
            "id = \"email\"\n  type = \"email\"",
            "id = \"rnokpp\"\n  type = \"rnokpp\"\n  required = true",
            "id = \"edrpou\"\n  type = \"edrpou\"",
            "id = \"iban\"\n  type = \"iban\"",
            "id = \"id_document\"\n  type = \"id_document\"",
            "id = \"file\"\n  type = \"file\"\n  max_files = 3",
            "id = \"declaration\"\n  type = \"declaration\"\n  required = true",
        ];
        let fields: String =
            fields.iter().map(|f| format!("\n  [[pages.fields]]\n  label = {{ uk = \"П\", en = \"F\" }}\n  {f}\n")).collect();
        def_with(&format!("[[pages]]\nid = \"all\"\ntitle = {{ uk = \"Усе\", en = \"All\" }}\n{fields}"))
    }

    /// Values that are sometimes valid for some field type, sometimes not.
    fn plausible() -> impl Strategy<Value = String> {
        let samples = prop::sample::select(vec![
            "",
            " ",
            "yes",
            "no",
            "a",
            "b",
            "12,5",
            "-3",
            "1 200",
            "27.11.2026",
            "2026-02-30",
            "067 123 45 67",
            "olena@ukr.net",
            "3184710691",
            "КВ123456",
            "001234567",
            "14360570",
            "UA213223130000026007233566001",
            "Cafe\u{301}",
            "рядок\r\nрядок",
            "\u{E000}",
            "\u{0378}",
            "u1",
        ]);
        prop_oneof![samples.prop_map(str::to_owned), any::<String>(), "\\PC{0,30}", "[0-9 ,.\\-]{0,12}",]
    }

    fn submission() -> impl Strategy<Value = Answers> {
        let ids = every_type().fields().map(|f| f.id.clone()).collect::<Vec<_>>();
        prop::collection::btree_map(prop::sample::select(ids), prop::collection::vec(plausible(), 0..4), 0..17)
    }

    proptest! {
        #[test]
        fn check_page_never_panics_and_its_output_checks_again_unchanged(submitted in submission()) {
            let def = every_type();
            let page = &def.pages[0];
            let (out, errors) = check_page(&def, page, &submitted, &Answers::new(), TODAY);
            for e in &errors {
                prop_assert!(page.fields.iter().any(|f| f.id == e.field));
            }
            // What was kept is what a later check (check_all, a resumed draft) sees.
            let (again, errors_again) = check_page(&def, page, &out, &out, TODAY);
            prop_assert_eq!(&again, &out);
            for e in &errors_again {
                prop_assert_eq!(&e.problem, &Problem::Required);
            }
            for (id, values) in &out {
                let field = def.field(id);
                prop_assert!(field.is_some());
                let _ = field.map(|f| display_value(f, values, Lang::Uk));
            }
        }

        #[test]
        fn clean_text_is_idempotent(s in any::<String>(), multiline in any::<bool>()) {
            if let Ok(once) = clean_text(&s, multiline) {
                prop_assert_eq!(clean_text(&once, multiline), Ok(once.clone()));
            }
        }
    }
}
