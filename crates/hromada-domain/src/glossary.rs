//! The glossary: the words services use (ЦНАП, РНОКПП, витяг, довідка…),
//! explained plainly in both languages, and the linking of a page's texts to
//! it: the first time a term occurs on a page, that occurrence becomes a link
//! to its entry.
//!
//! The installation has a glossary of its own (a file read like a
//! definition's `[[glossary]]` section, see [`crate::definition::parse_glossary`]),
//! and each service may add terms in its definition.
//!
//! Texts are never turned into HTML here: [`Linker::link`] cuts a text into
//! [`Gloss`] pieces, and the template escapes each piece and wraps the linked
//! ones in `<a>`.

use crate::search;
use crate::{Lang, Text};

/// One entry of a glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// A slug, unique in its glossary; the entry's anchor on `/glossary`.
    pub id: String,
    /// The headword in each language.
    pub term: Text,
    /// The forms the word takes in texts ("довідка", "довідки", "довідку",
    /// "certificate"), besides the headwords. A form written in lower case
    /// matches whatever its case ("Довідка" at the start of a sentence); a form
    /// with a capital letter matches only as written, so that "Дія" (the app)
    /// does not match "дія" (an action).
    pub forms: Vec<String>,
    pub explanation: Text,
}

impl Term {
    /// Every form the term is found by in texts: the headwords, then `forms`.
    pub fn all_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.uk.as_str()).chain(self.term.en.as_deref()).chain(self.forms.iter().map(String::as_str))
    }

    /// Whether every word of `query` occurs in the term's headwords, forms or
    /// explanation, in either language (case, apostrophes and stress marks aside).
    pub fn matches(&self, query: &str) -> bool {
        let haystack = search::normalize(
            &[self.term.uk.as_str(), self.term.get(Lang::En), &self.forms.join(" "), &self.explanation.uk, self.explanation.get(Lang::En)]
                .join(" \n "),
        );
        search::matches(&search::normalize(query), &haystack)
    }
}

/// The anchor of an entry on `/glossary`: the term's id for the installation's
/// terms, `service--term` for a service's own (ids are slugs, which never hold
/// `--`, so the two never collide).
pub fn anchor(service: Option<&str>, term_id: &str) -> String {
    match service {
        Some(service) => format!("{service}--{term_id}"),
        None => term_id.to_string(),
    }
}

/// A piece of a text: plain, or the first occurrence of a term, linked to
/// its entry (`anchor`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gloss {
    pub text: String,
    pub anchor: Option<String>,
}

impl Gloss {
    /// A whole text without links.
    pub fn plain(text: impl Into<String>) -> Vec<Gloss> {
        vec![Gloss { text: text.into(), anchor: None }]
    }
}

/// A form, folded for comparison.
struct Form {
    chars: Vec<char>,
    /// The form has a capital letter: it matches only as written.
    exact: bool,
}

struct Entry {
    anchor: String,
    forms: Vec<Form>,
    linked: bool,
}

/// Links the first occurrence of each term on one page. Make one per page and
/// give it the page's texts in the order they appear.
pub struct Linker {
    entries: Vec<Entry>,
}

impl Linker {
    pub fn new() -> Linker {
        Linker { entries: Vec::new() }
    }

    /// Adds a glossary's terms (`service`: whose own they are, `None` for the
    /// installation's). Where two terms match at the same place, the longer
    /// match wins, then the term added first: add a service's own terms before
    /// the installation's.
    pub fn add(&mut self, service: Option<&str>, terms: &[Term]) {
        for term in terms {
            let forms = term
                .all_forms()
                .map(|f| {
                    let exact = f.chars().any(char::is_uppercase);
                    Form { chars: f.chars().map(|c| fold(c, exact)).collect(), exact }
                })
                .filter(|f| !f.chars.is_empty())
                .collect();
            self.entries.push(Entry { anchor: anchor(service, &term.id), forms, linked: false });
        }
    }

    /// `text` in pieces: the first occurrence on this page of each term not
    /// linked yet is a linked piece; everything else is plain. The pieces
    /// joined are `text` unchanged.
    pub fn link(&mut self, text: &str) -> Vec<Gloss> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut plain_from = 0; // byte offset of the plain text not yet pushed
        let mut i = 0;
        while i < chars.len() {
            if !starts_word(&chars, i) {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, usize)> = None; // (entry, length in chars)
            for (e, entry) in self.entries.iter().enumerate() {
                if entry.linked {
                    continue;
                }
                for form in &entry.forms {
                    let len = form.chars.len();
                    if best.is_some_and(|(_, l)| l >= len) || i + len > chars.len() {
                        continue;
                    }
                    let same = chars[i..i + len].iter().zip(&form.chars).all(|((_, c), f)| fold(*c, form.exact) == *f);
                    if same && ends_word(&chars, i + len) {
                        best = Some((e, len));
                    }
                }
            }
            match best {
                Some((e, len)) => {
                    let start = chars[i].0;
                    let end = chars.get(i + len).map_or(text.len(), |(b, _)| *b);
                    if start > plain_from {
                        out.push(Gloss { text: text[plain_from..start].to_string(), anchor: None });
                    }
                    let entry = &mut self.entries[e];
                    entry.linked = true;
                    out.push(Gloss { text: text[start..end].to_string(), anchor: Some(entry.anchor.clone()) });
                    plain_from = end;
                    i += len;
                }
                None => i += 1,
            }
        }
        if plain_from < text.len() || out.is_empty() {
            out.push(Gloss { text: text[plain_from..].to_string(), anchor: None });
        }
        out
    }
}

impl Default for Linker {
    fn default() -> Linker {
        Linker::new()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2018}' | '\u{00B4}' | '\u{02B9}')
}

/// A character as forms are compared: one apostrophe, and lower case unless `exact`.
fn fold(c: char, exact: bool) -> char {
    if is_apostrophe(c) {
        '\''
    } else if exact {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Apostrophes and hyphens between letters join a word ("пам’ять", "ID-картка").
fn joins(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '\u{2011}')
}

/// Whether a word starts at `i`: a letter or digit with no letter, digit or
/// joined joiner before it.
fn starts_word(chars: &[(usize, char)], i: usize) -> bool {
    if !chars[i].1.is_alphanumeric() {
        return false;
    }
    match i.checked_sub(1).map(|p| chars[p].1) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if joins(c) => !(i >= 2 && chars[i - 2].1.is_alphanumeric()),
        Some(_) => true,
    }
}

/// Whether a word ends just before `j`.
fn ends_word(chars: &[(usize, char)], j: usize) -> bool {
    match chars.get(j).map(|(_, c)| *c) {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(c) if joins(c) => !chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric()),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, uk: &str, en: &str, forms: &[&str]) -> Term {
        Term {
            id: id.into(),
            term: Text { uk: uk.into(), en: Some(en.into()) },
            forms: forms.iter().map(|f| f.to_string()).collect(),
            explanation: Text { uk: "Пояснення.".into(), en: Some("Explanation.".into()) },
        }
    }

    fn terms() -> Vec<Term> {
        vec![
            term("dovidka", "довідка", "certificate", &["довідки", "довідку", "довідкою", "certificates"]),
            term("tsnap", "ЦНАП", "TsNAP", &["ЦНАПу", "ЦНАПі"]),
            term("diia", "Дія", "Diia", &["Дії", "Дію"]),
            term("id-kartka", "ID-картка", "ID card", &["ID-картку", "ID-картки"]),
            term("pamiatka", "пам'ятка", "leaflet", &[]),
            term("reiestratsiia", "реєстрація місця проживання", "registration of residence", &["реєстрації місця проживання"]),
        ]
    }

    fn linked(text: &str) -> Vec<(String, String)> {
        let mut linker = Linker::new();
        linker.add(None, &terms());
        linker.link(text).into_iter().filter_map(|g| g.anchor.map(|a| (g.text, a))).collect()
    }

    fn pair(text: &str, anchor: &str) -> (String, String) {
        (text.to_string(), anchor.to_string())
    }

    #[test]
    fn an_inflected_form_links_as_written_in_the_text() {
        assert_eq!(linked("Отримайте довідку у ЦНАПі."), vec![pair("довідку", "dovidka"), pair("ЦНАПі", "tsnap")]);
        assert_eq!(linked("Довідка видається безоплатно."), vec![pair("Довідка", "dovidka")]);
        assert_eq!(linked("Two certificates are needed."), vec![pair("certificates", "dovidka")]);
    }

    #[test]
    fn only_the_first_occurrence_on_a_page_links() {
        let mut linker = Linker::new();
        linker.add(None, &terms());
        let first = linker.link("Довідка з ЦНАПу. Ще одна довідка.");
        let second = linker.link("Принесіть довідку до ЦНАП.");
        let anchors = |g: &[Gloss]| g.iter().filter(|g| g.anchor.is_some()).map(|g| g.text.clone()).collect::<Vec<_>>();
        assert_eq!(anchors(&first), vec!["Довідка", "ЦНАПу"]);
        assert!(anchors(&second).is_empty(), "{second:?}");
    }

    #[test]
    fn a_form_inside_another_word_does_not_link() {
        assert!(linked("Довідковий відділ, довідкова служба, ЦНАПівський").is_empty());
        assert!(linked("передовідка").is_empty());
        // Joined by a hyphen or an apostrophe, the word goes on.
        assert!(linked("довідка-підтвердження, ЦНАП’ом").is_empty());
        assert_eq!(linked("«довідка»"), vec![pair("довідка", "dovidka")]);
    }

    #[test]
    fn capitals_in_a_form_make_it_match_only_as_written() {
        assert!(linked("Ця дія не потребує підпису; цнап").is_empty());
        assert_eq!(linked("Увійдіть у Дію."), vec![pair("Дію", "diia")]);
        assert_eq!(linked("Покажіть ID-картку"), vec![pair("ID-картку", "id-kartka")]);
    }

    #[test]
    fn apostrophe_forms_match_alike_and_phrases_match_whole() {
        assert_eq!(linked("Візьміть памʼятку та пам’ятка"), vec![pair("пам’ятка", "pamiatka")]);
        assert_eq!(linked("Для реєстрації місця проживання"), vec![pair("реєстрації місця проживання", "reiestratsiia")]);
    }

    #[test]
    fn the_pieces_join_back_into_the_text() {
        for text in ["", "ЦНАП", "Без термінів.", "Довідка, ЦНАП і Дія — ось і все", "ї́жак ЦНАПі"]
        {
            let mut linker = Linker::new();
            linker.add(None, &terms());
            let pieces = linker.link(text);
            assert_eq!(pieces.iter().map(|g| g.text.as_str()).collect::<String>(), text);
            assert!(!pieces.is_empty());
        }
    }

    #[test]
    fn a_service_term_added_first_wins_and_has_its_own_anchor() {
        let own = vec![term("dovidka", "довідка", "certificate", &["довідку"])];
        let mut linker = Linker::new();
        linker.add(Some("vytiah"), &own);
        linker.add(None, &terms());
        let pieces = linker.link("Отримайте довідку");
        assert_eq!(pieces.iter().find_map(|g| g.anchor.clone()).as_deref(), Some("vytiah--dovidka"));
    }

    #[test]
    fn search_finds_a_term_typed_any_way() {
        let t = term("rnokpp", "РНОКПП", "RNOKPP", &["ідентифікаційний код"]);
        for q in ["рнокпп", "РНОКПП", "Рнокпп", "rnokpp", "ідентифікаційний", "пояснення"] {
            assert!(t.matches(q), "{q}");
        }
        assert!(!t.matches("субсидія"));
    }
}
