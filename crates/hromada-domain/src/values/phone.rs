//! Ukrainian phone numbers.

use super::{ValueError, compact, string_value};

/// A Ukrainian phone number, canonical in E.164: `+380` and 9 digits, the
/// first of them non-zero (`+380671234567`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

/// Digits of the national significant number (after `+380` or the trunk `0`).
const NATIONAL_DIGITS: usize = 9;

impl Phone {
    /// Parses a Ukrainian number as people write it: `+380 67 123 45 67`,
    /// `+38 (067) 123-45-67`, `380671234567`, `0671234567`, `067 123 45 67`,
    /// `(067)1234567`, and the old trunk prefix `8 067 123 45 67`.
    /// Spaces, `-`, `.`, `(` and `)` are ignored anywhere; `+` only at the start.
    ///
    /// Errors: [`ValueError::Empty`]; [`ValueError::NotDigits`] for letters
    /// or other characters; [`ValueError::NotUkrainian`] for `+` followed by
    /// another country's code; [`ValueError::BadFormat`] for a misplaced `+`,
    /// digits that start with no known prefix, or a national number starting
    /// with 0; [`ValueError::WrongLength`] with `expected: 9` and `found`:
    /// the digits after the recognised prefix (`+380`, `380`, `80`, `0`).
    pub fn parse(input: &str) -> Result<Phone, ValueError> {
        let compacted = compact(input, &['-', '.', '(', ')']);
        let (plus, digits) = match compacted.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, compacted.as_str()),
        };
        if digits.is_empty() {
            return Err(if plus { ValueError::BadFormat } else { ValueError::Empty });
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(if digits.contains('+') { ValueError::BadFormat } else { ValueError::NotDigits });
        }
        let national = if plus {
            digits.strip_prefix("380").ok_or(ValueError::NotUkrainian)?
        } else if let Some(rest) = digits.strip_prefix("380") {
            rest
        } else if let Some(rest) = digits.strip_prefix("80") {
            rest
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else {
            return Err(ValueError::BadFormat);
        };
        if national.len() != NATIONAL_DIGITS {
            return Err(ValueError::WrongLength { expected: NATIONAL_DIGITS, found: national.len() });
        }
        if national.starts_with('0') {
            return Err(ValueError::BadFormat);
        }
        Ok(Phone(format!("+380{national}")))
    }

    /// The E.164 form, `+380671234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As dialled inside Ukraine: `0671234567`.
    pub fn national(&self) -> String {
        format!("0{}", &self.0[4..])
    }

    /// For display: `+380 67 123 45 67`.
    pub fn formatted(&self) -> String {
        let n = &self.0[4..];
        format!("+380 {} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..])
    }
}

string_value!(Phone);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CANONICAL: &str = "+380671234567";

    #[test]
    fn accepts_the_usual_ways_of_writing() {
        for input in [
            "+380671234567",
            "+380 67 123 45 67",
            "+38 (067) 123-45-67",
            "+38(067)123-45-67",
            "380671234567",
            "38 067 123 45 67",
            "0671234567",
            "067 123 45 67",
            "067-123-45-67",
            "067.123.45.67",
            "(067)1234567",
            "(067) 123 45 67",
            "80671234567",
            "8 067 123 45 67",
            "8 (067) 123-45-67",
            "  067\u{a0}123\u{a0}45\u{a0}67  ",
        ] {
            assert_eq!(Phone::parse(input).map(|p| p.to_string()), Ok(CANONICAL.to_owned()), "{input}");
        }
        // A Kyiv landline.
        assert_eq!(Phone::parse("(044) 234-56-78").map(|p| p.to_string()), Ok("+380442345678".to_owned()));
    }

    #[test]
    fn display_forms() {
        let p = Phone::parse("067 123 45 67").ok();
        assert_eq!(p.as_ref().map(Phone::national).as_deref(), Some("0671234567"));
        assert_eq!(p.as_ref().map(Phone::formatted).as_deref(), Some("+380 67 123 45 67"));
        assert_eq!(p.as_ref().and_then(|p| Phone::parse(&p.formatted()).ok()).as_ref(), p.as_ref());
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(Phone::parse(""), Err(ValueError::Empty));
        assert_eq!(Phone::parse(" ( ) "), Err(ValueError::Empty));
        assert_eq!(Phone::parse("+"), Err(ValueError::BadFormat));
        assert_eq!(Phone::parse("+48 601 234 567"), Err(ValueError::NotUkrainian));
        assert_eq!(Phone::parse("+381 11 123 4567"), Err(ValueError::NotUkrainian));
        assert_eq!(Phone::parse("+1 202 555 0100"), Err(ValueError::NotUkrainian));
        assert_eq!(Phone::parse("067 123 45 6"), Err(ValueError::WrongLength { expected: 9, found: 8 }));
        assert_eq!(Phone::parse("+380 67 123 45 678"), Err(ValueError::WrongLength { expected: 9, found: 10 }));
        assert_eq!(Phone::parse("8 067 123 45 6"), Err(ValueError::WrongLength { expected: 9, found: 8 }));
        assert_eq!(Phone::parse("067 123 45 6x"), Err(ValueError::NotDigits));
        assert_eq!(Phone::parse("тел. 0671234567"), Err(ValueError::NotDigits));
        assert_eq!(Phone::parse("067+1234567"), Err(ValueError::BadFormat));
        assert_eq!(Phone::parse("671234567"), Err(ValueError::BadFormat));
        assert_eq!(Phone::parse("1234567890"), Err(ValueError::BadFormat));
        assert_eq!(Phone::parse("+380 067 123 45 67"), Err(ValueError::WrongLength { expected: 9, found: 10 }));
        assert_eq!(Phone::parse("+380 012 345 678"), Err(ValueError::BadFormat));
        assert_eq!(Phone::parse("0012345678"), Err(ValueError::BadFormat));
    }

    /// A national number: 9 digits, the first non-zero.
    fn national() -> impl Strategy<Value = String> {
        "[1-9][0-9]{8}"
    }

    /// Between digits: nothing, a space, a hyphen or a no-break space.
    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", "", " ", "-", "\u{a0}", "  "])
    }

    proptest! {
        #[test]
        fn canonical_form_round_trips(n in national()) {
            let canonical = format!("+380{n}");
            let parsed = Phone::parse(&canonical);
            prop_assert_eq!(parsed.as_ref().map(|p| p.as_str()), Ok(canonical.as_str()));
            let again = parsed.and_then(|p| Phone::parse(p.as_str()));
            prop_assert_eq!(again.map(|p| p.to_string()), Ok(canonical));
        }

        #[test]
        fn every_format_with_random_spacing_gives_the_same_number(
            n in national(),
            prefix in prop::sample::select(vec!["+380", "+38 0", "380", "38 0", "0", "80", "8 0", "+38 (0", "(0"]),
            seps in prop::collection::vec(separator(), 10),
            lead in separator(),
            trail in separator(),
        ) {
            let mut input = format!("{lead}{prefix}");
            let close = prefix.contains('(');
            for (i, (c, sep)) in n.chars().zip(&seps).enumerate() {
                input.push(c);
                if close && i == 1 {
                    input.push(')');
                }
                input.push_str(sep);
            }
            input.push_str(trail);
            prop_assert_eq!(Phone::parse(&input).map(|p| p.to_string()), Ok(format!("+380{n}")), "{}", input);
        }

        #[test]
        fn other_country_codes_are_not_ukrainian(cc in "[1-9][0-9]{0,2}", rest in "[0-9]{6,10}") {
            prop_assume!(!format!("{cc}{rest}").starts_with("380"));
            prop_assert_eq!(Phone::parse(&format!("+{cc} {rest}")), Err(ValueError::NotUkrainian));
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            let _ = Phone::parse(&s);
        }

        #[test]
        fn phone_like_input_never_panics(s in "[+]?[0-9 ()+-]{0,20}") {
            if let Ok(p) = Phone::parse(&s) {
                prop_assert_eq!(p.as_str().len(), 13);
                prop_assert!(p.as_str().starts_with("+380"));
            }
        }
    }
}
