//! Parsed Ukrainian values. Each type parses instead of validating.
//!
//! A value of one of these types is known to be well-formed: the inner field
//! is private and the only way in is `parse` (or `FromStr`, `TryFrom<&str>`,
//! serde `Deserialize`, which all call it). Input is what a person types, so
//! parsing trims it and accepts the usual spacing and punctuation; `as_str()`
//! and `Display` give the one canonical form, which is also what serde writes.
//!
//! Errors are [`ValueError`] variants specific enough for the web layer to
//! pick a helpful message from its catalogue.

mod date;
mod edrpou;
mod email;
mod iban;
mod id_document;
mod phone;
mod rnokpp;
mod vehicle_plate;

pub use date::UaDate;
pub use edrpou::Edrpou;
pub use email::Email;
pub use iban::Iban;
pub use id_document::{IdDocument, IdDocumentKind};
pub use phone::Phone;
pub use rnokpp::Rnokpp;
pub use vehicle_plate::VehiclePlate;

/// Why a typed value was not accepted.
///
/// Lengths count characters after the allowed spacing and punctuation has
/// been removed; each type's `parse` documents what it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ValueError {
    /// Nothing was typed (or only spaces).
    #[error("the value is empty")]
    Empty,
    /// The right kind of characters, but not the right number of them.
    #[error("expected {expected} characters, found {found}")]
    WrongLength { expected: usize, found: usize },
    /// Longer than allowed (e-mail addresses and their local part).
    #[error("at most {max} characters are allowed, found {found}")]
    TooLong { max: usize, found: usize },
    /// Something other than a digit where only digits belong.
    #[error("only digits are allowed")]
    NotDigits,
    /// Well-formed, but the check digit(s) do not match: a typing mistake.
    #[error("the check digit does not match; a digit is probably mistyped")]
    BadCheckDigit,
    /// A valid-looking value of another country (a foreign IBAN or phone number).
    #[error("only Ukrainian values are accepted")]
    NotUkrainian,
    /// An e-mail address without `@`.
    #[error("an e-mail address needs an @")]
    MissingAt,
    /// A date written with a two-digit year (`27.11.26`); the year needs four.
    #[error("write the year with four digits")]
    TwoDigitYear,
    /// Not in any accepted shape.
    #[error("the value is not in the expected format")]
    BadFormat,
    /// In the right shape, but a part is out of range (the 31st of February).
    #[error("a part of the value is out of range")]
    OutOfRange,
}

/// `Serialize` as the canonical string, `Deserialize` through `parse`, plus
/// `Display`, `FromStr`, `TryFrom<&str>` and `AsRef<str>`, for a type with
/// `fn parse(&str) -> Result<Self, ValueError>` and `fn as_str(&self) -> &str`.
macro_rules! string_value {
    ($ty:ty) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::values::ValueError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::values::ValueError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::parse(s)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <String as ::serde::Deserialize>::deserialize(d)?;
                Self::parse(&raw).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}
pub(crate) use string_value;

/// The input with all whitespace (including no-break spaces) and the given
/// separator characters removed.
fn compact(input: &str, separators: &[char]) -> String {
    input.chars().filter(|c| !c.is_whitespace() && !separators.contains(c)).collect()
}

/// The digits of an all-digit string, or the matching error. Checks for
/// emptiness, then for non-digits, then for the length.
fn digits_exactly(compacted: &str, expected: usize) -> Result<Vec<u8>, ValueError> {
    if compacted.is_empty() {
        return Err(ValueError::Empty);
    }
    if !compacted.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::NotDigits);
    }
    let found = compacted.len();
    if found != expected {
        return Err(ValueError::WrongLength { expected, found });
    }
    Ok(compacted.bytes().map(|b| b - b'0').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_removes_all_whitespace_and_separators() {
        assert_eq!(compact(" 12\u{a0}34-5\t6 ", &['-']), "123456");
        assert_eq!(compact("a b", &[]), "ab");
    }

    #[test]
    fn digits_exactly_orders_its_errors() {
        assert_eq!(digits_exactly("", 3), Err(ValueError::Empty));
        assert_eq!(digits_exactly("1a", 3), Err(ValueError::NotDigits));
        assert_eq!(digits_exactly("12", 3), Err(ValueError::WrongLength { expected: 3, found: 2 }));
        assert_eq!(digits_exactly("123", 3), Ok(vec![1, 2, 3]));
    }

    #[test]
    fn errors_have_english_messages() {
        assert_eq!(ValueError::WrongLength { expected: 10, found: 9 }.to_string(), "expected 10 characters, found 9");
    }
}
