//! Query strings, urlencoded form bodies and cookies as a request carries
//! them: decoding what anyone may send, and encoding what we link to.

use axum::http::{HeaderMap, header};

/// A decoded query string or urlencoded body: its pairs of text, in order,
/// and the names whose values were not text (percent-encoded bytes that are
/// not UTF-8, such as `%FF%FE`). Those values are not in `pairs`: what did not
/// decode never reaches a handler as text, not even with replacement characters.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FormPairs {
    pub pairs: Vec<(String, String)>,
    pub unreadable: Vec<String>,
}

/// Decode `a=1&b=x+y` the way HTML forms encode it. A pair whose name is not
/// UTF-8 is dropped (no field of ours has such a name); a value that is not
/// UTF-8 leaves only its name, in `unreadable`.
pub fn decode_form(query: &str) -> FormPairs {
    let mut decoded = FormPairs::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(name) = percent_decode(k) else { continue };
        match percent_decode(v) {
            Some(value) => decoded.pairs.push((name, value)),
            None => decoded.unreadable.push(name),
        }
    }
    decoded
}

/// The pairs of a query string or form that are text (see [`decode_form`]).
pub fn form_urlencoded_pairs(query: &str) -> Vec<(String, String)> {
    decode_form(query).pairs
}

/// `%XX` escapes and `+` decoded; None when the bytes they make are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// `path` if it is a path of this site that is safe to send back in a
/// `Location` header (where to go after signing in), else `None`: it starts
/// with one `/` (not `//` or `/\`, which browsers read as another host), and
/// every character is printable ASCII other than `\` — no space, tab,
/// newline or other control character (browsers drop a tab or a newline, so
/// `/<tab>/evil.example` becomes `//evil.example`; a newline cannot be sent in
/// a header at all) and nothing outside ASCII.
pub fn local_path(path: &str) -> Option<&str> {
    let bytes = path.as_bytes();
    let safe = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && bytes.iter().all(|b| b.is_ascii_graphic() && *b != b'\\');
    safe.then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_plain_paths_of_this_site_are_local() {
        for good in ["/", "/account", "/applications?deleted=1", "/buchanska/dovidka/apply", "/a:b", "/staff/cases/7#x"] {
            assert_eq!(local_path(good), Some(good), "{good:?}");
        }
        for bad in [
            "",
            "account",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "/ /evil.example",
            "/\u{0}x",
            "/\u{7f}x",
            "/a\\b",
            "https://evil.example",
            "/заява",
            "/\u{a0}x",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    proptest! {
        /// Whatever `local_path` accepts can be sent in a `Location` header and stays on this site.
        #[test]
        fn a_local_path_is_a_header_value_on_this_site(raw in "\\PC{0,40}", bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            for candidate in [raw.clone(), format!("/{raw}"), String::from_utf8_lossy(&bytes).into_owned()] {
                if let Some(path) = local_path(&candidate) {
                    prop_assert!(axum::http::HeaderValue::from_str(path).is_ok());
                    prop_assert!(path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\"));
                }
            }
        }
    }

    proptest! {
        /// Query strings and form bodies come from anyone: decoding never panics,
        /// and what we encode decodes back to itself.
        #[test]
        fn decoding_untrusted_forms_never_panics(raw in "\\PC{0,200}", bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = form_urlencoded_pairs(&raw);
            let _ = form_urlencoded_pairs(&String::from_utf8_lossy(&bytes));
        }
    }

    proptest! {
        #[test]
        fn encoding_round_trips(value in "\\PC{0,100}") {
            let pairs = form_urlencoded_pairs(&format!("k={}", percent_encode(&value)));
            prop_assert_eq!(pairs, vec![("k".to_string(), value)]);
        }
    }

    #[test]
    fn query_decoding_handles_cyrillic_plus_and_broken_escapes() {
        let pairs = form_urlencoded_pairs("q=%D0%BF%D0%B0%D0%BC%E2%80%99%D1%8F%D1%82%D0%BA%D0%B0+x&bad=%ZZ%&lang=en");
        assert_eq!(pairs[0], ("q".to_string(), "пам’ятка x".to_string()));
        assert_eq!(pairs[1], ("bad".to_string(), "%ZZ%".to_string()));
        assert_eq!(percent_decode(&percent_encode("пам’ятка x&y=z")).as_deref(), Some("пам’ятка x&y=z"));
    }

    #[test]
    fn values_that_are_not_utf8_are_named_not_decoded() {
        let decoded = decode_form("name=%FF%FE%FD&ok=%D0%B0&half=%D0&%FF=x&_csrf=t");
        assert_eq!(decoded.pairs, vec![("ok".to_string(), "а".to_string()), ("_csrf".to_string(), "t".to_string())]);
        assert_eq!(decoded.unreadable, vec!["name".to_string(), "half".to_string()]);
        assert!(!form_urlencoded_pairs("q=%FF").iter().any(|(_, v)| v.contains('\u{FFFD}')));
    }
}
