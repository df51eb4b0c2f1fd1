//! Identity documents: the old passport booklet and the ID card.

use super::{ValueError, compact, string_value};

/// Which identity document a number belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdDocumentKind {
    /// The old booklet passport: series of two Cyrillic letters and 6 digits (`КВ123456`).
    Passport,
    /// The ID card: 9 digits (`001234567`).
    IdCard,
}

/// The number of a passport of the old type or of an ID card.
///
/// Canonical form: `КВ123456` (upper-case Cyrillic series, no space) or
/// `001234567`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdDocument {
    kind: IdDocumentKind,
    number: String,
}

const PASSPORT_DIGITS: usize = 6;
const ID_CARD_DIGITS: usize = 9;

/// The capital letters of the Ukrainian alphabet that a series may use.
const UKRAINIAN_CAPITALS: &str = "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ";

/// A series letter in upper case, with Latin look-alikes (typed on the
/// wrong keyboard layout) read as the Cyrillic letters they resemble.
fn series_letter(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    let (Some(u), None) = (upper.next(), upper.next()) else {
        return None;
    };
    let cyrillic = match u {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        other => other,
    };
    UKRAINIAN_CAPITALS.contains(cyrillic).then_some(cyrillic)
}

impl IdDocument {
    /// Parses a passport number (`КВ123456`, `кв 123456`, `КВ №123456`) or
    /// an ID card number (`001234567`). Spaces, `-` and `№` are ignored;
    /// Latin letters that look like Cyrillic ones (`KB123456`) are read as
    /// Cyrillic.
    ///
    /// Errors: [`ValueError::Empty`]; for input starting with a digit (an ID
    /// card) [`ValueError::NotDigits`] or [`ValueError::WrongLength`] with
    /// `expected: 9`; for input starting with a letter (a passport)
    /// [`ValueError::BadFormat`] unless it is two Ukrainian letters followed by
    /// digits only, then [`ValueError::WrongLength`] with `expected: 6` and
    /// `found`: the digits after the series.
    pub fn parse(input: &str) -> Result<IdDocument, ValueError> {
        let compacted = compact(input, &['-', '№']);
        let mut chars = compacted.chars();
        let first = chars.next().ok_or(ValueError::Empty)?;
        if first.is_ascii_digit() {
            if !compacted.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValueError::NotDigits);
            }
            if compacted.len() != ID_CARD_DIGITS {
                return Err(ValueError::WrongLength { expected: ID_CARD_DIGITS, found: compacted.len() });
            }
            return Ok(IdDocument { kind: IdDocumentKind::IdCard, number: compacted });
        }
        let (Some(a), Some(b)) = (series_letter(first), chars.next().and_then(series_letter)) else {
            return Err(ValueError::BadFormat);
        };
        let digits = chars.as_str();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::BadFormat);
        }
        if digits.len() != PASSPORT_DIGITS {
            return Err(ValueError::WrongLength { expected: PASSPORT_DIGITS, found: digits.len() });
        }
        Ok(IdDocument { kind: IdDocumentKind::Passport, number: format!("{a}{b}{digits}") })
    }

    /// The canonical form.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// Passport or ID card.
    pub fn kind(&self) -> IdDocumentKind {
        self.kind
    }

    /// The passport's two-letter series; `None` for an ID card.
    pub fn series(&self) -> Option<&str> {
        match self.kind {
            IdDocumentKind::Passport => self.number.char_indices().nth(2).map(|(i, _)| &self.number[..i]),
            IdDocumentKind::IdCard => None,
        }
    }

    /// The digits: 6 for a passport (after the series), 9 for an ID card.
    pub fn digits(&self) -> &str {
        let start = self.number.find(|c: char| c.is_ascii_digit()).unwrap_or(self.number.len());
        &self.number[start..]
    }
}

string_value!(IdDocument);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canonical(input: &str) -> Result<(IdDocumentKind, String), ValueError> {
        IdDocument::parse(input).map(|d| (d.kind(), d.to_string()))
    }

    #[test]
    fn accepts_passports() {
        let expected = Ok((IdDocumentKind::Passport, "КВ123456".to_owned()));
        for input in ["КВ123456", "кв123456", "КВ 123456", " кв 123 456 ", "Кв-123456", "КВ №123456", "KB123456", "kb 123456"]
        {
            assert_eq!(canonical(input), expected, "{input}");
        }
        assert_eq!(canonical("ЄЮ000001"), Ok((IdDocumentKind::Passport, "ЄЮ000001".to_owned())));
        assert_eq!(canonical("ґї654321"), Ok((IdDocumentKind::Passport, "ҐЇ654321".to_owned())));
    }

    #[test]
    fn accepts_id_cards() {
        let expected = Ok((IdDocumentKind::IdCard, "001234567".to_owned()));
        for input in ["001234567", " 001 234 567 ", "001-234-567", "№001234567"] {
            assert_eq!(canonical(input), expected, "{input}");
        }
    }

    #[test]
    fn accessors() {
        let p = IdDocument::parse("кв 123456").ok();
        assert_eq!(p.as_ref().and_then(IdDocument::series), Some("КВ"));
        assert_eq!(p.as_ref().map(IdDocument::digits), Some("123456"));
        let c = IdDocument::parse("001234567").ok();
        assert_eq!(c.as_ref().and_then(IdDocument::series), None);
        assert_eq!(c.as_ref().map(IdDocument::digits), Some("001234567"));
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(canonical("  "), Err(ValueError::Empty));
        assert_eq!(canonical("00123456"), Err(ValueError::WrongLength { expected: 9, found: 8 }));
        assert_eq!(canonical("0012345678"), Err(ValueError::WrongLength { expected: 9, found: 10 }));
        assert_eq!(canonical("00123456А"), Err(ValueError::NotDigits));
        assert_eq!(canonical("КВ12345"), Err(ValueError::WrongLength { expected: 6, found: 5 }));
        assert_eq!(canonical("КВ1234567"), Err(ValueError::WrongLength { expected: 6, found: 7 }));
        assert_eq!(canonical("К123456"), Err(ValueError::BadFormat));
        assert_eq!(canonical("КВС123456"), Err(ValueError::BadFormat));
        assert_eq!(canonical("ЫЭ123456"), Err(ValueError::BadFormat)); // not Ukrainian letters
        assert_eq!(canonical("QW123456"), Err(ValueError::BadFormat)); // no Cyrillic look-alike
        assert_eq!(canonical("КВ12З456"), Err(ValueError::BadFormat)); // Cyrillic З for 3
        assert_eq!(canonical("КВ"), Err(ValueError::WrongLength { expected: 6, found: 0 }));
        assert_eq!(canonical("ß123456"), Err(ValueError::BadFormat));
    }

    fn series() -> impl Strategy<Value = String> {
        let letters: Vec<char> = UKRAINIAN_CAPITALS.chars().collect();
        prop::collection::vec(prop::sample::select(letters), 2).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn canonical_passports_round_trip(s in series(), n in "[0-9]{6}") {
            let number = format!("{s}{n}");
            let parsed = IdDocument::parse(&number);
            prop_assert_eq!(parsed.as_ref().map(|d| d.as_str()), Ok(number.as_str()));
            prop_assert_eq!(parsed.as_ref().map(|d| d.kind()), Ok(IdDocumentKind::Passport));
            prop_assert_eq!(parsed.as_ref().ok().and_then(|d| d.series()), Some(s.as_str()));
            let lower = IdDocument::parse(&format!(" {} {n} ", s.to_lowercase()));
            prop_assert_eq!(lower.map(|d| d.to_string()), Ok(number));
        }

        #[test]
        fn canonical_id_cards_round_trip(n in "[0-9]{9}") {
            let parsed = IdDocument::parse(&n);
            prop_assert_eq!(parsed.as_ref().map(|d| d.kind()), Ok(IdDocumentKind::IdCard));
            prop_assert_eq!(parsed.map(|d| d.to_string()), Ok(n));
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            if let Ok(d) = IdDocument::parse(&s) {
                let again = IdDocument::parse(d.as_str());
                prop_assert_eq!(again.as_ref(), Ok(&d));
            }
        }
    }
}
