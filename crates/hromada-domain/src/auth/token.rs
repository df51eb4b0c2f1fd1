//! Secret tokens that travel in cookies and links (session ids, CSRF tokens,
//! e-mail confirmation and password-reset links).
//!
//! A token is 32 random bytes from the caller. Its text is base64url without
//! padding (RFC 4648 §5): exactly 43 characters of `A–Z a–z 0–9 - _`, the
//! last one carrying only 4 bits (so one of `AEIMQUYcgkosw048`). Parsing is
//! strict, since its input is an untrusted cookie or URL: one token has one
//! text. The store keeps [`SecretToken::hash`], never the token.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::hint::black_box;

/// A 256-bit secret for a cookie or a link; `Display` gives its text, `Debug` prints `***`.
#[derive(Clone)]
pub struct SecretToken([u8; 32]);

impl SecretToken {
    /// Length of the text form: 32 bytes in base64url without padding.
    pub const TEXT_LEN: usize = 43;

    /// The token made of these 32 random bytes (from the caller's CSPRNG).
    pub fn from_bytes(bytes: [u8; 32]) -> SecretToken {
        SecretToken(bytes)
    }

    /// Reads the text of a token: exactly 43 base64url characters in canonical
    /// form, and not the all-zero token, else `None`.
    pub fn parse(text: &str) -> Option<SecretToken> {
        if text.len() != Self::TEXT_LEN {
            return None;
        }
        // The engine refuses padding, the standard alphabet and spare bits that are not zero.
        let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(text).ok()?.try_into().ok()?;
        // All zeros is what a failed generator would have made: never a token.
        if bytes == [0; 32] {
            return None;
        }
        Some(SecretToken(bytes))
    }

    /// SHA-256 of the token's 32 bytes, lower-case hex: what the store keeps and looks up.
    pub fn hash(&self) -> String {
        super::sha256_hex(&self.0)
    }
}

impl fmt::Display for SecretToken {
    /// The token's text, for the cookie or link only: never log it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&URL_SAFE_NO_PAD.encode(self.0))
    }
}

impl fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl PartialEq for SecretToken {
    /// Compares in constant time.
    fn eq(&self, other: &SecretToken) -> bool {
        constant_time_eq(&self.0, &other.0)
    }
}

impl Eq for SecretToken {}

/// Whether `a == b`, in time that depends only on the lengths (for CSRF tokens and codes).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= black_box(x ^ y);
    }
    black_box(diff) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn token(byte: u8) -> SecretToken {
        SecretToken::from_bytes([byte; 32])
    }

    #[test]
    fn text_is_43_base64url_characters() {
        assert_eq!(token(0).to_string(), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assert_eq!(token(0xff).to_string(), "__________________________________________8");
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = i as u8;
        }
        // Same as `base64 -w0 | tr '+/' '-_' | tr -d =` of bytes 0..32.
        assert_eq!(SecretToken::from_bytes(bytes).to_string(), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
    }

    #[test]
    fn parse_refuses_wrong_length_alphabet_and_padding() {
        let good = token(7).to_string();
        assert_eq!(SecretToken::parse(&good), Some(token(7)));
        assert_eq!(SecretToken::parse(""), None);
        assert_eq!(SecretToken::parse(&good[..42]), None);
        assert_eq!(SecretToken::parse(&format!("{good}A")), None);
        assert_eq!(SecretToken::parse(&format!("{good}=")), None);
        assert_eq!(SecretToken::parse(&format!(" {}", &good[1..])), None);
        assert_eq!(SecretToken::parse(&good.replace('H', "+")), None);
        // Standard base64 characters are not base64url.
        assert_eq!(SecretToken::parse(&format!("{}/", &good[..42])), None);
        // A last character with non-zero spare bits is not the canonical text.
        assert_eq!(SecretToken::parse(&format!("{}B", &good[..42])), None);
        // 43 bytes, but not 43 characters.
        assert_eq!(SecretToken::parse(&format!("{}é", &good[..41])), None);
    }

    #[test]
    fn the_all_zero_token_of_a_failed_generator_never_parses() {
        assert_eq!(SecretToken::parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), None);
        assert_eq!(SecretToken::parse(&token(0).to_string()), None);
        assert!(SecretToken::parse(&token(1).to_string()).is_some());
    }

    #[test]
    fn hash_is_sha256_hex_of_the_bytes_and_debug_hides_the_token() {
        let t = token(0);
        assert_eq!(t.hash(), "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
        assert!(!t.hash().contains(&t.to_string()));
        assert_eq!(format!("{t:?}"), "***");
        assert_eq!(format!("{:?}", Some(t)), "Some(***)");
    }

    #[test]
    fn constant_time_eq_compares_contents_and_lengths() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"csrf-token", b"csrf-token"));
        assert!(!constant_time_eq(b"csrf-token", b"csrf-tokeN"));
        assert!(!constant_time_eq(b"csrf-token", b"csrf-toke"));
        assert!(!constant_time_eq(b"", b"x"));
        assert_ne!(token(1), token(2));
    }

    const BASE64URL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = SecretToken::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_near_tokens(s in "[A-Za-z0-9_=+/-]{40,46}") {
            if let Some(t) = SecretToken::parse(&s) {
                prop_assert_eq!(t.to_string(), s);
            }
        }

        #[test]
        fn parse_of_display_is_the_token(bytes in any::<[u8; 32]>()) {
            prop_assume!(bytes != [0; 32]);
            let t = SecretToken::from_bytes(bytes);
            let text = t.to_string();
            prop_assert_eq!(text.len(), SecretToken::TEXT_LEN);
            prop_assert!(text.bytes().all(|c| BASE64URL.as_bytes().contains(&c)));
            prop_assert_eq!(SecretToken::parse(&text), Some(t));
        }

        #[test]
        fn any_other_length_is_refused(bytes in any::<[u8; 32]>(), len in 0usize..100) {
            prop_assume!(len != SecretToken::TEXT_LEN);
            let text = SecretToken::from_bytes(bytes).to_string();
            let other: String = text.chars().cycle().take(len).collect();
            prop_assert_eq!(SecretToken::parse(&other), None);
        }

        #[test]
        fn any_other_character_is_refused(
            bytes in any::<[u8; 32]>(), pos in 0usize..43, c in any::<char>(),
        ) {
            prop_assume!(!BASE64URL.contains(c));
            let text = SecretToken::from_bytes(bytes).to_string();
            let changed: String = text
                .chars()
                .enumerate()
                .map(|(i, old)| if i == pos { c } else { old })
                .collect();
            prop_assert_eq!(SecretToken::parse(&changed), None);
        }

        #[test]
        fn distinct_tokens_have_distinct_texts_and_hashes(
            a in any::<[u8; 32]>(), b in any::<[u8; 32]>(),
        ) {
            prop_assume!(a != b);
            let (a, b) = (SecretToken::from_bytes(a), SecretToken::from_bytes(b));
            prop_assert_ne!(a.to_string(), b.to_string());
            prop_assert_ne!(a.hash(), b.hash());
        }
    }
}
