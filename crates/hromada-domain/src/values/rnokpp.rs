//! РНОКПП, the Ukrainian taxpayer number of a person.

use super::{ValueError, compact, digits_exactly, string_value};

/// A taxpayer number (РНОКПП, formerly ІПН): 10 digits, the last a check digit.
///
/// Canonical form: the 10 digits, no spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rnokpp(String);

const WEIGHTS: [i32; 9] = [-1, 5, 7, 9, 4, 6, 10, 5, 7];

/// The check digit for the first nine digits.
///
/// The weighted sum can be negative (only for numbers starting with a digit
/// other than 0 followed by eight zeros); it is reduced with Euclidean
/// remainder, so the result is always a digit.
fn check_digit(first_nine: &[u8]) -> u8 {
    let sum: i32 = first_nine.iter().zip(WEIGHTS).map(|(&d, w)| i32::from(d) * w).sum();
    // rem_euclid(11) is in 0..=10, so `% 10` is a single digit.
    (sum.rem_euclid(11) % 10) as u8
}

impl Rnokpp {
    /// Parses 10 digits; spaces anywhere are ignored.
    ///
    /// Errors: [`ValueError::Empty`], [`ValueError::NotDigits`],
    /// [`ValueError::WrongLength`] (`expected: 10`, `found`: digits typed),
    /// [`ValueError::BadCheckDigit`].
    pub fn parse(input: &str) -> Result<Rnokpp, ValueError> {
        let compacted = compact(input, &[]);
        let digits = digits_exactly(&compacted, 10)?;
        if check_digit(&digits[..9]) != digits[9] {
            return Err(ValueError::BadCheckDigit);
        }
        Ok(Rnokpp(compacted))
    }

    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_value!(Rnokpp);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A valid number from its first nine digits.
    fn valid(first_nine: &[u8]) -> String {
        let mut all = first_nine.to_vec();
        all.push(check_digit(first_nine));
        all.iter().map(|d| char::from(b'0' + d)).collect()
    }

    fn residue(digits: &[u8]) -> i32 {
        digits.iter().zip(WEIGHTS).map(|(&d, w)| i32::from(d) * w).sum::<i32>().rem_euclid(11)
    }

    #[test]
    fn accepts_valid_numbers_with_spaces() {
        // 3184710691: a number of the usual shape (birth date digits first).
        let n = valid(&[3, 1, 8, 4, 7, 1, 0, 6, 9]);
        assert_eq!(n, "3184710691");
        assert_eq!(Rnokpp::parse(&n).map(|r| r.to_string()), Ok(n.clone()));
        assert_eq!(Rnokpp::parse(" 3184 710 691 ").map(|r| r.to_string()), Ok(n.clone()));
        assert_eq!(Rnokpp::parse("3184\u{a0}710691").map(|r| r.to_string()), Ok(n));
    }

    #[test]
    fn check_digit_by_hand() {
        // 2973113577: -2 + 45 + 49 + 27 + 4 + 6 + 30 + 25 + 49 = 233; 233 mod 11 = 2.
        // With 7 as the last digit it is wrong; with 2 it is right.
        assert_eq!(check_digit(&[2, 9, 7, 3, 1, 1, 3, 5, 7]), 2);
        assert_eq!(Rnokpp::parse("2973113577"), Err(ValueError::BadCheckDigit));
        assert!(Rnokpp::parse("2973113572").is_ok());
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(Rnokpp::parse(""), Err(ValueError::Empty));
        assert_eq!(Rnokpp::parse("   "), Err(ValueError::Empty));
        assert_eq!(Rnokpp::parse("31847106"), Err(ValueError::WrongLength { expected: 10, found: 8 }));
        assert_eq!(Rnokpp::parse("318471069112"), Err(ValueError::WrongLength { expected: 10, found: 12 }));
        assert_eq!(Rnokpp::parse("31847106-91"), Err(ValueError::NotDigits));
        assert_eq!(Rnokpp::parse("31847106९1"), Err(ValueError::NotDigits));
        assert_eq!(Rnokpp::parse("318471069o"), Err(ValueError::NotDigits));
        assert_eq!(Rnokpp::parse("3184710692"), Err(ValueError::BadCheckDigit));
    }

    #[test]
    fn negative_weighted_sum_is_handled() {
        // 9 followed by eight zeros: the sum is -9, and -9 rem 11 = 2.
        assert_eq!(check_digit(&[9, 0, 0, 0, 0, 0, 0, 0, 0]), 2);
        assert!(Rnokpp::parse("9000000002").is_ok());
    }

    #[test]
    fn a_single_digit_change_can_slip_through_when_the_residue_is_0_or_10() {
        // The algorithm maps residues 0 and 10 both to check digit 0, so a
        // mistyped digit that moves the residue between them goes unnoticed:
        // 1000000000 (residue -1 = 10) and 0000000000 (residue 0) differ in
        // one digit and both pass. This is a property of the official
        // algorithm, not of this code.
        assert_eq!(residue(&[1, 0, 0, 0, 0, 0, 0, 0, 0]), 10);
        assert_eq!(residue(&[0; 9]), 0);
        assert!(Rnokpp::parse("1000000000").is_ok());
        assert!(Rnokpp::parse("0000000000").is_ok());
    }

    #[test]
    fn serde_uses_the_canonical_string() {
        #[derive(serde::Deserialize)]
        struct Form {
            n: Rnokpp,
        }
        let form: Result<Form, _> = toml::from_str("n = '3184 710 691'");
        assert_eq!(form.map(|f| f.n.as_str().to_owned()).ok().as_deref(), Some("3184710691"));
        let bad: Result<Form, _> = toml::from_str("n = '3184710692'");
        assert!(bad.is_err());
        let n = Rnokpp::parse("3184710691").ok();
        assert_eq!(n.map(|n| toml::Value::try_from(n).ok()), Some(Some(toml::Value::String("3184710691".into()))));
    }

    fn nine_digits() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(0u8..10, 9)
    }

    proptest! {
        #[test]
        fn every_generated_valid_number_parses_and_round_trips(first in nine_digits()) {
            let n = valid(&first);
            let parsed = Rnokpp::parse(&n);
            prop_assert_eq!(parsed.as_ref().map(|r| r.as_str()), Ok(n.as_str()));
            let again = parsed.and_then(|r| Rnokpp::parse(r.as_str()));
            prop_assert_eq!(again.map(|r| r.to_string()), Ok(n));
        }

        #[test]
        fn a_changed_digit_is_caught_unless_residues_collide(
            first in nine_digits(), pos in 0usize..10, bump in 1u8..10,
        ) {
            let mut digits = first.clone();
            digits.push(check_digit(&first));
            let mut changed = digits.clone();
            changed[pos] = (changed[pos] + bump) % 10;
            let text: String = changed.iter().map(|d| char::from(b'0' + d)).collect();
            let result = Rnokpp::parse(&text);
            if pos == 9 {
                prop_assert_eq!(result, Err(ValueError::BadCheckDigit));
            } else {
                // All weights are non-zero mod 11, so the residue always
                // changes; only the 0 <-> 10 pair shares a check digit.
                let (a, b) = (residue(&digits[..9]), residue(&changed[..9]));
                prop_assert_ne!(a, b);
                let collides = (a == 0 && b == 10) || (a == 10 && b == 0);
                prop_assert_eq!(result.is_ok(), collides);
            }
        }

        #[test]
        fn spaces_anywhere_are_ignored(first in nine_digits(), gaps in prop::collection::vec(0usize..3, 11)) {
            let n = valid(&first);
            let mut spaced = " ".repeat(gaps[10]);
            for (c, gap) in n.chars().zip(&gaps) {
                spaced.push(c);
                spaced.push_str(&" ".repeat(*gap));
            }
            prop_assert_eq!(Rnokpp::parse(&spaced).map(|r| r.to_string()), Ok(n));
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            let _ = Rnokpp::parse(&s);
        }

        #[test]
        fn arbitrary_digit_strings_never_panic(s in "[0-9 ]{0,14}") {
            if let Ok(r) = Rnokpp::parse(&s) {
                prop_assert_eq!(r.as_str().len(), 10);
            }
        }
    }
}
