//! A vehicle's number plate, in the national format used since 2004.

use super::{ValueError, compact, string_value};

/// A Ukrainian number plate of the usual form: two letters, four digits,
/// two letters (`АА1234ВВ`).
///
/// Plates use only the twelve Cyrillic letters that look like Latin ones
/// (А В Е І К М Н О Р С Т Х), so a person may type either alphabet and
/// either case. Canonical form: upper-case Cyrillic, no spaces
/// (`АА1234ВВ`), as the register writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VehiclePlate(String);

/// The letters of a plate, each with its Latin look-alike.
const LETTERS: [(char, char); 12] = [
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('І', 'I'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
];

const LENGTH: usize = 8;

/// A plate letter in its Cyrillic capital form, from either alphabet and case.
fn plate_letter(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    let (Some(u), None) = (upper.next(), upper.next()) else {
        return None;
    };
    LETTERS.iter().find(|(cyrillic, latin)| u == *cyrillic || u == *latin).map(|(cyrillic, _)| *cyrillic)
}

impl VehiclePlate {
    /// Parses `АА 1234 ВВ`, `aa1234bb`, `АА-1234-ВВ`: spaces and `-` are
    /// ignored, Latin look-alikes are read as Cyrillic.
    ///
    /// Errors: [`ValueError::Empty`], [`ValueError::WrongLength`]
    /// (`expected: 8`, `found`: characters typed), [`ValueError::BadFormat`]
    /// (a letter that no plate uses, or letters and digits out of place).
    pub fn parse(input: &str) -> Result<VehiclePlate, ValueError> {
        let compacted = compact(input, &['-']);
        if compacted.is_empty() {
            return Err(ValueError::Empty);
        }
        let found = compacted.chars().count();
        if found != LENGTH {
            return Err(ValueError::WrongLength { expected: LENGTH, found });
        }
        let mut plate = String::with_capacity(LENGTH * 2);
        for (i, c) in compacted.chars().enumerate() {
            let digit_place = (2..6).contains(&i);
            let read = if digit_place { c.is_ascii_digit().then_some(c) } else { plate_letter(c) };
            plate.push(read.ok_or(ValueError::BadFormat)?);
        }
        Ok(VehiclePlate(plate))
    }

    /// `АА1234ВВ`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As it is printed on the plate: `АА 1234 ВВ`.
    pub fn formatted(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let part = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        format!("{} {} {}", part(0..2), part(2..6), part(6..8))
    }
}

string_value!(VehiclePlate);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_plates_as_people_type_them() {
        for typed in ["АА1234ВВ", "аа 1234 вв", "AA1234BB", "aa-1234-bb", "Аa 1234\u{a0}Bв"] {
            assert_eq!(VehiclePlate::parse(typed).map(|p| p.to_string()), Ok("АА1234ВВ".to_owned()), "{typed}");
        }
        assert_eq!(VehiclePlate::parse("KA 0007 XO").map(|p| p.formatted()), Ok("КА 0007 ХО".to_owned()));
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(VehiclePlate::parse("  "), Err(ValueError::Empty));
        assert_eq!(VehiclePlate::parse("АА1234В"), Err(ValueError::WrongLength { expected: 8, found: 7 }));
        assert_eq!(VehiclePlate::parse("АА12345ВВ"), Err(ValueError::WrongLength { expected: 8, found: 9 }));
        // Б and Z are on no plate; digits and letters have their places.
        assert_eq!(VehiclePlate::parse("ББ1234ВВ"), Err(ValueError::BadFormat));
        assert_eq!(VehiclePlate::parse("ZZ1234ВВ"), Err(ValueError::BadFormat));
        assert_eq!(VehiclePlate::parse("1234АААА"), Err(ValueError::BadFormat));
        assert_eq!(VehiclePlate::parse("АА12З4ВВ"), Err(ValueError::BadFormat));
    }

    fn letter() -> impl Strategy<Value = (char, char)> {
        prop::sample::select(LETTERS.to_vec())
    }

    proptest! {
        #[test]
        fn either_alphabet_and_case_give_the_same_plate(
            letters in prop::collection::vec((letter(), any::<bool>(), any::<bool>()), 4),
            digits in "[0-9]{4}",
            spaced in any::<bool>(),
        ) {
            let typed: Vec<String> = letters
                .iter()
                .map(|((cyrillic, latin), use_latin, lower)| {
                    let c = if *use_latin { *latin } else { *cyrillic };
                    if *lower { c.to_lowercase().collect() } else { c.to_string() }
                })
                .collect();
            let sep = if spaced { " " } else { "" };
            let input = format!("{}{}{sep}{digits}{sep}{}{}", typed[0], typed[1], typed[2], typed[3]);
            let canonical: String = format!("{}{}{digits}{}{}", letters[0].0.0, letters[1].0.0, letters[2].0.0, letters[3].0.0);
            let parsed = VehiclePlate::parse(&input);
            prop_assert_eq!(parsed.as_ref().map(|p| p.as_str()), Ok(canonical.as_str()));
            // The canonical and the printed forms read back as the same plate.
            let plate = parsed.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(VehiclePlate::parse(plate.as_str()), Ok(plate.clone()));
            prop_assert_eq!(VehiclePlate::parse(&plate.formatted()), Ok(plate));
        }

        #[test]
        fn arbitrary_input_never_panics_and_gives_a_plate_shape(s in "\\PC{0,12}") {
            if let Ok(p) = VehiclePlate::parse(&s) {
                let chars: Vec<char> = p.as_str().chars().collect();
                prop_assert_eq!(chars.len(), 8);
                prop_assert!(chars[2..6].iter().all(char::is_ascii_digit));
                prop_assert!(chars[..2].iter().chain(&chars[6..]).all(|c| LETTERS.iter().any(|(l, _)| l == c)));
            }
        }
    }
}
