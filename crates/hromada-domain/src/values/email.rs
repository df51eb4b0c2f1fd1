//! E-mail addresses, pragmatically.

use super::{ValueError, string_value};

/// An e-mail address, checked pragmatically rather than by RFC 5322:
/// one `@`; a local part of 1–64 characters (letters of any script, digits,
/// and ``!#$%&'*+-/=?^_`{|}~.``, no leading, trailing or double dot); a domain
/// of at least two dot-separated labels of letters (any script, for IDN),
/// digits and inner hyphens, the last not all digits; at most 254 characters.
///
/// Canonical form: the local part as typed, the domain in lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email {
    full: String,
    at: usize,
}

const MAX_TOTAL: usize = 254;
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;

fn local_char_ok(c: char) -> bool {
    c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
}

fn label_ok(label: &str) -> bool {
    let len = label.chars().count();
    (1..=MAX_LABEL).contains(&len)
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

impl Email {
    /// Parses an address; surrounding spaces are trimmed.
    ///
    /// Errors: [`ValueError::Empty`]; [`ValueError::MissingAt`];
    /// [`ValueError::TooLong`] (`max: 254` for the whole address, `max: 64`
    /// for the local part; characters are counted); [`ValueError::BadFormat`]
    /// for anything else (spaces inside, two `@`, a bad character, a domain
    /// without a dot, …).
    pub fn parse(input: &str) -> Result<Email, ValueError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(ValueError::Empty);
        }
        let Some((local, domain)) = input.split_once('@') else {
            return Err(ValueError::MissingAt);
        };
        let domain = domain.to_lowercase();
        let local_len = local.chars().count();
        let total = local_len + 1 + domain.chars().count();
        if total > MAX_TOTAL {
            return Err(ValueError::TooLong { max: MAX_TOTAL, found: total });
        }
        if local_len > MAX_LOCAL {
            return Err(ValueError::TooLong { max: MAX_LOCAL, found: local_len });
        }
        let local_ok = !local.is_empty()
            && local.chars().all(local_char_ok)
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| label_ok(l))
            && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()));
        if !local_ok || !domain_ok {
            return Err(ValueError::BadFormat);
        }
        Ok(Email { full: format!("{local}@{domain}"), at: local.len() })
    }

    /// The canonical address.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The part before `@`, as typed.
    pub fn local_part(&self) -> &str {
        &self.full[..self.at]
    }

    /// The part after `@`, lower case.
    pub fn domain(&self) -> &str {
        &self.full[self.at + 1..]
    }
}

string_value!(Email);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn canonical(input: &str) -> Result<String, ValueError> {
        Email::parse(input).map(|e| e.to_string())
    }

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(canonical("  olena.petrenko@ukr.net "), Ok("olena.petrenko@ukr.net".into()));
        assert_eq!(canonical("Olena.Petrenko@UKR.NET"), Ok("Olena.Petrenko@ukr.net".into()));
        assert_eq!(canonical("info+hromada@bucha-rada.gov.ua"), Ok("info+hromada@bucha-rada.gov.ua".into()));
        assert_eq!(canonical("o'brien@example.com"), Ok("o'brien@example.com".into()));
        assert_eq!(canonical("x@i.ua"), Ok("x@i.ua".into()));
    }

    #[test]
    fn accepts_unicode_letters() {
        assert_eq!(canonical("олена@приклад.УКР"), Ok("олена@приклад.укр".into()));
        assert_eq!(canonical("info@КИЇВ.укр"), Ok("info@київ.укр".into()));
    }

    #[test]
    fn accessors() {
        let e = Email::parse("Olena@Ukr.Net").ok();
        assert_eq!(e.as_ref().map(Email::local_part), Some("Olena"));
        assert_eq!(e.as_ref().map(Email::domain), Some("ukr.net"));
        let e = Email::parse("ї@їжак.укр").ok();
        assert_eq!(e.as_ref().map(Email::local_part), Some("ї"));
        assert_eq!(e.as_ref().map(Email::domain), Some("їжак.укр"));
    }

    #[test]
    fn rejects_with_specific_errors() {
        assert_eq!(canonical(" "), Err(ValueError::Empty));
        assert_eq!(canonical("olena.ukr.net"), Err(ValueError::MissingAt));
        assert_eq!(canonical("olena@ukr@net.ua"), Err(ValueError::BadFormat));
        assert_eq!(canonical("@ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@ukrnet"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@ukr..net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@.ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@ukr.net."), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@-ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@ukr_net.ua"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@127.0.0.1"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena petrenko@ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena@ukr .net"), Err(ValueError::BadFormat));
        assert_eq!(canonical(".olena@ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena.@ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("ole..na@ukr.net"), Err(ValueError::BadFormat));
        assert_eq!(canonical("Olena <olena@ukr.net>"), Err(ValueError::BadFormat));
        assert_eq!(canonical("olena,petrenko@ukr.net"), Err(ValueError::BadFormat));
    }

    #[test]
    fn length_limits() {
        let local64 = "a".repeat(64);
        assert!(Email::parse(&format!("{local64}@ukr.net")).is_ok());
        assert_eq!(canonical(&format!("a{local64}@ukr.net")), Err(ValueError::TooLong { max: 64, found: 65 }));
        let label = "b".repeat(63);
        let domain = format!("{label}.{label}.{label}.{}", "c".repeat(57));
        assert_eq!(domain.chars().count(), 63 * 3 + 3 + 57);
        // local (4) + @ + domain (249) = 254: allowed; one more is too long.
        assert!(Email::parse(&format!("abcd@{domain}")).is_ok());
        assert_eq!(canonical(&format!("abcde@{domain}")), Err(ValueError::TooLong { max: 254, found: 255 }));
        assert_eq!(canonical(&format!("a@{}.ua", "d".repeat(64))), Err(ValueError::BadFormat));
    }

    fn address() -> impl Strategy<Value = (String, String)> {
        ("[A-Za-z0-9_+%-]{1,10}(\\.[A-Za-z0-9_+%-]{1,10}){0,2}", "([A-Za-z0-9]{1,10}(-[A-Za-z0-9]{1,5})?\\.){1,3}[A-Za-z]{2,6}")
    }

    proptest! {
        #[test]
        fn generated_addresses_parse_with_lower_case_domain((local, domain) in address()) {
            let input = format!("{local}@{domain}");
            let parsed = Email::parse(&input);
            let expected = format!("{local}@{}", domain.to_lowercase());
            prop_assert_eq!(parsed.as_ref().map(|e| e.as_str()), Ok(expected.as_str()));
            let again = parsed.and_then(|e| Email::parse(e.as_str()));
            prop_assert_eq!(again.map(|e| e.to_string()), Ok(expected));
        }

        #[test]
        fn canonical_form_is_a_fixed_point(s in "[^\\s@]{1,12}@[^\\s@]{1,12}\\.[^\\s@]{1,6}") {
            if let Ok(e) = Email::parse(&s) {
                let again = Email::parse(e.as_str());
                prop_assert_eq!(again.as_ref(), Ok(&e));
                prop_assert_eq!(e.local_part().len() + 1 + e.domain().len(), e.as_str().len());
            }
        }

        #[test]
        fn arbitrary_input_never_panics(s in "\\PC*") {
            let _ = Email::parse(&s);
        }

        #[test]
        fn addresses_with_spaces_inside_are_rejected(
            (local, domain) in address(), pos in 0usize..100,
        ) {
            let input = format!("{local}@{domain}");
            let cut = input.char_indices().map(|(i, _)| i).filter(|&i| i > 0).nth(pos % (input.len() - 1)).unwrap_or(1);
            let spaced = format!("{} {}", &input[..cut], &input[cut..]);
            prop_assert!(Email::parse(&spaced).is_err(), "{}", spaced);
        }
    }
}
