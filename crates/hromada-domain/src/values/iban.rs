//! Ukrainian IBAN (ISO 13616).

use super::{ValueError, compact, string_value};

/// A Ukrainian IBAN: `UA`, 2 check digits, the bank's 6-digit code (МФО) and
/// 19 account characters — 29 in all, with ISO 13616 mod 97 equal to 1.
///
/// Canonical form: upper case, no spaces (`UA213223130000026007233566001`);
/// [`Iban::grouped`] gives the groups of four used for display.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iban(String);

const LENGTH: usize = 29;

/// ISO 7064 MOD 97-10 of an IBAN of ASCII letters and digits: the first four
/// characters moved to the end, letters as 10..=35.
fn mod97(iban: &str) -> u32 {
    let (head, tail) = iban.split_at(4.min(iban.len()));
    tail.chars().chain(head.chars()).fold(0u32, |acc, c| match c.to_digit(36) {
        Some(v) if v < 10 => (acc * 10 + v) % 97,
        Some(v) => (acc * 100 + v) % 97,
        None => acc,
    })
}

impl Iban {
    /// Parses a Ukrainian IBAN; letters in any case, spaces anywhere.
    ///
    /// Errors, in the order checked: [`ValueError::Empty`];
    /// [`ValueError::BadFormat`] for characters other than Latin letters and
    /// digits or an input not starting with two letters;
    /// [`ValueError::NotUkrainian`] for another country's code;
    /// [`ValueError::WrongLength`] (`expected: 29`, `found`: characters
    /// without spaces); [`ValueError::NotDigits`] for letters among the check
    /// digits or the bank code; [`ValueError::BadCheckDigit`].
    pub fn parse(input: &str) -> Result<Iban, ValueError> {
        let iban = compact(input, &[]).to_ascii_uppercase();
        if iban.is_empty() {
            return Err(ValueError::Empty);
        }
        if !iban.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ValueError::BadFormat);
        }
        let country = iban.get(..2).unwrap_or(&iban);
        if country.len() < 2 || !country.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(ValueError::BadFormat);
        }
        if country != "UA" {
            return Err(ValueError::NotUkrainian);
        }
        if iban.len() != LENGTH {
            return Err(ValueError::WrongLength { expected: LENGTH, found: iban.len() });
        }
        if !iban[2..10].bytes().all(|b| b.is_ascii_digit()) {
            return Err(ValueError::NotDigits);
        }
        // 00, 01 and 99 are never issued: 01 and 99 would be aliases of 98 and 02.
        if matches!(&iban[2..4], "00" | "01" | "99") || mod97(&iban) != 1 {
            return Err(ValueError::BadCheckDigit);
        }
        Ok(Iban(iban))
    }

    /// The canonical form: 29 characters, upper case, no spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two check digits.
    pub fn check_digits(&self) -> &str {
        &self.0[2..4]
    }

    /// The bank's code (МФО), 6 digits.
    pub fn bank_code(&self) -> &str {
        &self.0[4..10]
    }

    /// The account number, 19 characters (leading zeros included).
    pub fn account(&self) -> &str {
        &self.0[10..]
    }

    /// For display: groups of four separated by spaces
    /// (`UA21 3223 1300 0002 6007 2335 6600 1`).
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(LENGTH + LENGTH / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

string_value!(Iban);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid IBAN from a bank code and account.
    fn valid(bank: &str, account: &str) -> String {
        let check = 98 - mod97(&format!("UA00{bank}{account}"));
        format!("UA{check:02}{bank}{account}")
    }

    const EXAMPLE: &str = "UA213223130000026007233566001";

    #[test]
    fn accepts_the_published_example_in_any_spacing_and_case() {
        assert_eq!(mod97(EXAMPLE), 1);
        assert_eq!(valid("322313", "0000026007233566001"), EXAMPLE);
        for input in
            [EXAMPLE, "UA21 3223 1300 0002 6007 2335 6600 1", "  ua213223130000026007233566001\n", "Ua21 322313 0000026007233566001"]
        {
            assert_eq!(Iban::parse(input).map(|i| i.to_string()), Ok(EXAMPLE.to_owned()), "{input}");
        }
    }

    #[test]
    fn accessors_and_grouping() {
        let iban = Iban::parse(EXAMPLE).ok();
        let iban = iban.as_ref();
        assert_eq!(iban.map(Iban::check_digits), Some("21"));
        assert_eq!(iban.map(Iban::bank_code), Some("322313"));
        assert_eq!(iban.map(Iban::account), Some("0000026007233566001"));
        assert_eq!(iban.map(Iban::grouped).as_deref(), Some("UA21 3223 1300 0002 6007 2335 6600 1"));
        assert_eq!(iban.and_then(|i| Iban::parse(&i.grouped()).ok()).as_ref(), iban, "grouped form parses back");
    }

    #[test]
    fn accepts_letters_in_the_account() {
        let iban = valid("300528", "0000000000ABCDEF123");
        assert!(Iban::parse(&iban).is_ok());
        assert!(Iban::parse(&iban.to_lowercase()).is_ok());
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(Iban::parse(""), Err(ValueError::Empty));
        assert_eq!(Iban::parse("DE89 3704 0044 0532 0130 00"), Err(ValueError::NotUkrainian));
        assert_eq!(Iban::parse("PL61109010140000071219812874"), Err(ValueError::NotUkrainian));
        assert_eq!(Iban::parse("213223130000026007233566001"), Err(ValueError::BadFormat));
        assert_eq!(Iban::parse("UA21-3223-1300-0002-6007-2335-6600-1"), Err(ValueError::BadFormat));
        assert_eq!(Iban::parse("UА213223130000026007233566001"), Err(ValueError::BadFormat)); // Cyrillic А
        assert_eq!(Iban::parse("UA21322313000002600723356600"), Err(ValueError::WrongLength { expected: 29, found: 28 }));
        assert_eq!(Iban::parse("UA2132231300000260072335660011"), Err(ValueError::WrongLength { expected: 29, found: 30 }));
        assert_eq!(Iban::parse("UA21322A130000026007233566001"), Err(ValueError::NotDigits));
        assert_eq!(Iban::parse("UA213223130000026007233566002"), Err(ValueError::BadCheckDigit));
        assert_eq!(Iban::parse("UA123223130000026007233566001"), Err(ValueError::BadCheckDigit));
    }

    #[test]
    fn check_digits_01_alias_of_98_is_rejected() {
        let with_98 = (0u64..).map(|n| valid("322313", &format!("{n:019}"))).find(|i| &i[2..4] == "98");
        let with_98 = with_98.unwrap_or_default();
        assert!(Iban::parse(&with_98).is_ok());
        let alias = format!("UA01{}", &with_98[4..]);
        assert_eq!(mod97(&alias), 1);
        assert_eq!(Iban::parse(&alias), Err(ValueError::BadCheckDigit));
    }

    fn bank() -> impl Strategy<Value = String> {
        "[0-9]{6}"
    }

    fn account() -> impl Strategy<Value = String> {
        prop_oneof![4 => "[0-9]{19}", 1 => "[0-9A-Z]{19}"]
    }

    proptest! {
        #[test]
        fn every_generated_valid_iban_parses_and_round_trips(b in bank(), a in account()) {
            let iban = valid(&b, &a);
            let parsed = Iban::parse(&iban);
            prop_assert_eq!(parsed.as_ref().map(|i| i.as_str()), Ok(iban.as_str()));
            let again = parsed.as_ref().map_err(|e| *e).and_then(|i| Iban::parse(i.as_str()));
            prop_assert_eq!(again.as_ref().map(|i| i.as_str()), Ok(iban.as_str()));
            let grouped = parsed.as_ref().map_err(|e| *e).and_then(|i| Iban::parse(&i.grouped()));
            prop_assert_eq!(grouped.as_ref().map(|i| i.as_str()), Ok(iban.as_str()));
            let lower = Iban::parse(&iban.to_lowercase());
            prop_assert_eq!(lower.map(|i| i.to_string()), Ok(iban));
        }

        #[test]
        fn any_single_digit_substitution_is_caught(
            b in bank(), a in account(), pos in 2usize..29, bump in 1u32..10,
        ) {
            // ISO 7064 MOD 97-10: a digit change adds (d' - d) * 10^k, and 97
            // is prime and greater than 9, so the residue must change.
            let iban = valid(&b, &a);
            let mut chars: Vec<char> = iban.chars().collect();
            if let Some(d) = chars[pos].to_digit(10) {
                chars[pos] = char::from_digit((d + bump) % 10, 10).unwrap_or('0');
                let changed: String = chars.into_iter().collect();
                prop_assert_eq!(Iban::parse(&changed), Err(ValueError::BadCheckDigit));
            }
        }

        #[test]
        fn any_single_letter_substitution_is_caught(
            b in bank(), a in "[A-Z]{19}", pos in 10usize..29, bump in 1u32..26,
        ) {
            let iban = valid(&b, &a);
            let mut chars: Vec<char> = iban.chars().collect();
            let letter = u32::from(chars[pos]) - u32::from('A');
            chars[pos] = char::from_u32(u32::from('A') + (letter + bump) % 26).unwrap_or('A');
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(Iban::parse(&changed), Err(ValueError::BadCheckDigit));
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            let _ = Iban::parse(&s);
        }

        #[test]
        fn iban_like_input_never_panics(s in "[uUaA]{0,2}[0-9A-Za-z ]{0,32}") {
            if let Ok(i) = Iban::parse(&s) {
                prop_assert_eq!(i.as_str().len(), 29);
            }
        }
    }
}
