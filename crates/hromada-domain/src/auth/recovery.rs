//! Single-use recovery codes for a lost second factor.
//!
//! Ten codes like `7KQ4-M2XD` from an alphabet without look-alikes (no `0 O
//! 1 I L U`), shown once. The store keeps only their SHA-256 hashes and
//! deletes a hash when its code is used. What a person types is normalised
//! (case, spaces, hyphens) before hashing, so `7kq4 m2xd` finds `7KQ4-M2XD`.

use super::sha256_hex;

/// The 30 characters a recovery code is made of: digits 2–9 and letters without `I L O U`.
pub const RECOVERY_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many codes [`RecoveryCodes::generate`] makes.
pub const RECOVERY_CODE_COUNT: usize = 10;

/// Characters in one code, not counting the hyphen in the middle.
const CODE_CHARS: usize = 8;

/// Makes a set of recovery codes (see [`RecoveryCodes::generate`]).
#[derive(Debug, Clone, Copy)]
pub struct RecoveryCodes;

impl RecoveryCodes {
    /// Ten codes from 80 random bytes (8 per code, ~39 bits each): the codes to
    /// show once, and their hashes to store, in the same order.
    pub fn generate(random: [u8; 80]) -> (Vec<String>, Vec<String>) {
        let alphabet = RECOVERY_ALPHABET.as_bytes();
        let base = alphabet.len() as u64;
        let space = base.pow(CODE_CHARS as u32);
        let mut shown = Vec::with_capacity(RECOVERY_CODE_COUNT);
        let mut hashes = Vec::with_capacity(RECOVERY_CODE_COUNT);
        for chunk in random.chunks_exact(8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            // 2^64 mod 30^8 is tiny next to 2^64: the bias is below 10^-7.
            let mut n = u64::from_be_bytes(word) % space;
            let mut chars = [0u8; CODE_CHARS];
            for slot in chars.iter_mut().rev() {
                *slot = alphabet[(n % base) as usize];
                n /= base;
            }
            let (left, right) = chars.split_at(CODE_CHARS / 2);
            let code = format!("{}-{}", String::from_utf8_lossy(left), String::from_utf8_lossy(right));
            hashes.push(hash_recovery_code(&code));
            shown.push(code);
        }
        (shown, hashes)
    }
}

/// SHA-256 hex of a typed code after upper-casing it and dropping whitespace and hyphens.
pub fn hash_recovery_code(input: &str) -> String {
    let normal: String =
        input.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—')).flat_map(char::to_uppercase).collect();
    sha256_hex(normal.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn random(seed: u8) -> [u8; 80] {
        let mut bytes = [0u8; 80];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(37).wrapping_add(seed);
        }
        bytes
    }

    #[test]
    fn alphabet_has_no_look_alikes() {
        assert_eq!(RECOVERY_ALPHABET.len(), 30);
        for c in "01ILOU".chars() {
            assert!(!RECOVERY_ALPHABET.contains(c), "{c}");
        }
        let unique: HashSet<char> = RECOVERY_ALPHABET.chars().collect();
        assert_eq!(unique.len(), 30);
    }

    #[test]
    fn generate_makes_ten_codes_and_their_hashes() {
        let (shown, hashes) = RecoveryCodes::generate(random(1));
        assert_eq!(shown.len(), RECOVERY_CODE_COUNT);
        assert_eq!(hashes.len(), RECOVERY_CODE_COUNT);
        for (code, hash) in shown.iter().zip(&hashes) {
            assert_eq!(code.len(), 9);
            assert_eq!(&code[4..5], "-");
            assert_eq!(hash, &hash_recovery_code(code));
            assert_eq!(hash.len(), 64);
            assert!(!hash.contains(&code.replace('-', "")));
        }
        assert_eq!(shown.iter().collect::<HashSet<_>>().len(), 10);
        // Deterministic: the randomness is the caller's.
        assert_eq!(RecoveryCodes::generate(random(1)).0, shown);
        assert_ne!(RecoveryCodes::generate(random(2)).0, shown);
    }

    #[test]
    fn known_bytes_give_known_codes() {
        let (shown, _) = RecoveryCodes::generate([0u8; 80]);
        assert!(shown.iter().all(|c| c == "2222-2222"));
        let mut bytes = [0u8; 80];
        bytes[7] = 29; // the last character of the first code is the last letter
        bytes[15] = 30; // 30 = "12" in base 30: "…32"
        let (shown, _) = RecoveryCodes::generate(bytes);
        assert_eq!(shown[0], "2222-222Z");
        assert_eq!(shown[1], "2222-2232");
    }

    #[test]
    fn typed_codes_are_normalised_before_hashing() {
        let stored = hash_recovery_code("7KQ4-M2XD");
        for typed in ["7KQ4-M2XD", "7kq4-m2xd", "7kq4m2xd", " 7KQ4 M2XD ", "7KQ4–M2XD", "7-K-Q-4-M-2-X-D"] {
            assert_eq!(hash_recovery_code(typed), stored, "{typed:?}");
        }
        assert_ne!(hash_recovery_code("7KQ4-M2XE"), stored);
        assert_eq!(stored, sha256_hex(b"7KQ4M2XD"));
    }

    proptest! {
        #[test]
        fn every_code_uses_the_alphabet_and_round_trips(bytes in prop::collection::vec(any::<u8>(), 80)) {
            let mut random = [0u8; 80];
            random.copy_from_slice(&bytes);
            let (shown, hashes) = RecoveryCodes::generate(random);
            for (code, hash) in shown.iter().zip(&hashes) {
                let (left, right) = code.split_at(4);
                prop_assert!(right.starts_with('-'));
                prop_assert!(left.chars().chain(right[1..].chars()).all(|c| RECOVERY_ALPHABET.contains(c)));
                prop_assert_eq!(&hash_recovery_code(&code.to_lowercase().replace('-', " ")), hash);
            }
        }

        #[test]
        fn hashing_never_panics(s in "\\PC*") {
            prop_assert_eq!(hash_recovery_code(&s).len(), 64);
        }
    }
}
