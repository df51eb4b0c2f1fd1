//! "Was this page useful?": which page an answer is about (a [`PageKey`],
//! never the page's address with a case id in it) and what of a resident's
//! comment is kept ([`scrub_comment`]: no e-mail addresses, phone numbers or
//! document numbers).

/// The longest comment kept, in characters.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// What stands in a comment where personal data was taken out.
pub const REMOVED: &str = "[…]";

/// Runs of this many digits or more are taken out of comments.
pub const MIN_DIGIT_RUN: usize = 6;

/// A resident page of a service: `service:{community}/{service}:page:{page}`,
/// where `page` is `start`, `check`, `confirmation`, `status` or
/// `question.{page id}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageKey {
    pub community: String,
    pub service: String,
    pub page: String,
}

/// The pages of the journey that are not questions.
pub const FIXED_PAGES: [&str; 4] = ["start", "check", "confirmation", "status"];

fn slug_like(s: &str, max: usize) -> bool {
    !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

impl PageKey {
    pub fn new(community: &str, service: &str, page: &str) -> PageKey {
        PageKey { community: community.to_string(), service: service.to_string(), page: page.to_string() }
    }

    /// The key of a question page.
    pub fn question(community: &str, service: &str, page_id: &str) -> PageKey {
        PageKey::new(community, service, &format!("question.{page_id}"))
    }

    /// The question page's id, if the key names one.
    pub fn question_id(&self) -> Option<&str> {
        self.page.strip_prefix("question.")
    }

    /// Reads a key as [`PageKey::to_string`] writes it; `None` for anything else.
    pub fn parse(text: &str) -> Option<PageKey> {
        let rest = text.strip_prefix("service:")?;
        let (place, page) = rest.split_once(":page:")?;
        let (community, service) = place.split_once('/')?;
        let page_ok = FIXED_PAGES.contains(&page) || page.strip_prefix("question.").is_some_and(|id| slug_like(id, 64));
        (slug_like(community, 64) && slug_like(service, 64) && page_ok).then(|| PageKey::new(community, service, page))
    }
}

impl std::fmt::Display for PageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "service:{}/{}:page:{}", self.community, self.service, self.page)
    }
}

fn is_email_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%')
}

/// A comment with personal data taken out, each piece replaced by
/// [`REMOVED`]: e-mail addresses (a word with an `@` between other
/// characters), and any run of [`MIN_DIGIT_RUN`] or more digits, counted
/// across spaces, dashes, dots, brackets and a leading plus between them —
/// phone numbers, the РНОКПП (10 digits), ID-card and passport numbers,
/// IBANs and card numbers. Dates (`12.03.2024`: 8 digits) go too; a year or
/// a short sum stays. The second value says whether anything was taken out.
pub fn scrub_comment(text: &str) -> (String, bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut removed = false;
    let mut i = 0;
    while i < chars.len() {
        // An e-mail address: the word around an '@'.
        if is_email_char(chars[i]) || chars[i] == '@' {
            let mut j = i;
            while j < chars.len() && (is_email_char(chars[j]) || chars[j] == '@') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            if let Some((local, domain)) = word.split_once('@')
                && !local.is_empty()
                && domain.trim_end_matches('.').contains('.')
            {
                out.push_str(REMOVED);
                removed = true;
                i = j;
                continue;
            }
        }
        // A run of digits, with separators between them.
        if chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit())) || chars[i] == '(' {
            let mut j = i;
            let mut digits = 0;
            let mut end = i;
            while j < chars.len() {
                let c = chars[j];
                if c.is_ascii_digit() {
                    digits += 1;
                    end = j + 1;
                } else if !(matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}') || (c == '+' && j == i)) {
                    break;
                }
                j += 1;
            }
            if digits >= MIN_DIGIT_RUN {
                out.push_str(REMOVED);
                removed = true;
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_keys_read_back_and_refuse_anything_else() {
        let key = PageKey::question("buchanska", "dovidka-pro-sklad-simi", "applicant");
        assert_eq!(key.to_string(), "service:buchanska/dovidka-pro-sklad-simi:page:question.applicant");
        assert_eq!(PageKey::parse(&key.to_string()), Some(key));
        assert_eq!(PageKey::parse("service:buchanska/x:page:status").map(|k| k.page), Some("status".into()));
        for bad in [
            "",
            "service:buchanska/x:page:other",
            "service:Buchanska/x:page:start",
            "service:buchanska:page:start",
            "service:buchanska/x:page:question.",
            "service:buchanska/x:page:start/../../",
            "/applications/12/status",
        ] {
            assert_eq!(PageKey::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn comments_lose_e_mails_phone_numbers_and_document_numbers() {
        let (text, removed) = scrub_comment("Пишіть на ivan.petrenko@example.com або +380 (67) 123-45-67, РНОКПП 1234567890.");
        assert_eq!(text, "Пишіть на […] або […], РНОКПП […].");
        assert!(removed);
        assert_eq!(scrub_comment("паспорт АА 123456 у 2024 році").0, "паспорт АА […] у 2024 році");
        assert_eq!(scrub_comment("Незрозуміло, що таке витяг, 3 рази читала").0, "Незрозуміло, що таке витяг, 3 рази читала");
        assert!(!scrub_comment("Все добре, дякую! @ 100 грн").1);
        assert_eq!(scrub_comment("дата 12.03.2024").0, "дата […]");
    }
}
