//! Search text normalisation: case-insensitive, every apostrophe form
//! (’ ' ʼ ` ‘ ″) treated alike, so that "пам’ятка" finds "пам'ятка", and
//! accents (stress marks, "субси́дія") ignored.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cased text with one apostrophe form, no accents and single spaces.
/// Only accents go: the marks that make letters of the Ukrainian alphabet
/// (й, ї) are kept, so "й" is not "и".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfd().filter(|c| !is_accent(*c)).nfc() {
        let c = match c {
            '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}' | '\u{00B4}' | '\u{02B9}' => '\'',
            c => c,
        };
        if c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '«' | '»' | '"' | '(' | ')' | '—' | '–') {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        out.extend(c.to_lowercase());
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// An accent that search ignores: a combining mark other than the breve of
/// "й" and the diaeresis of "ї" (which make letters of their own).
fn is_accent(c: char) -> bool {
    is_combining_mark(c) && !matches!(c, '\u{0306}' | '\u{0308}')
}

/// Whether every word of `query` occurs in `haystack`; both already normalised.
pub fn matches(normalized_query: &str, normalized_haystack: &str) -> bool {
    let mut words = normalized_query.split(' ').filter(|w| !w.is_empty()).peekable();
    words.peek().is_some() && words.all(|w| normalized_haystack.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophe_forms_and_case_do_not_matter() {
        let hay = normalize("Реєстрація місця проживання: ПАМ’ЯТКА");
        for query in ["пам'ятка", "пам’ятка", "памʼятка", "ПАМ`ЯТКА"] {
            assert!(matches(&normalize(query), &hay), "{query}");
        }
    }

    #[test]
    fn accents_do_not_matter_but_letters_stay_apart() {
        let hay = normalize("Житлова субсидія, Café");
        for query in ["субси\u{0301}дія", "cafe", "CAFÉ"] {
            assert!(matches(&normalize(query), &hay), "{query}");
        }
        assert_eq!(normalize("Йод і її"), "йод і її");
        assert!(!matches(&normalize("иод"), &normalize("йод")));
    }

    #[test]
    fn every_word_must_be_found() {
        let hay = normalize("Запит на публічну інформацію");
        assert!(matches(&normalize("публічну   запит"), &hay));
        assert!(!matches(&normalize("публічну субсидія"), &hay));
        assert!(!matches(&normalize("   "), &hay));
    }
}
