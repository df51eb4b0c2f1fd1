//! Single-use recovery codes for a lost second factor.
//!
//! Ten codes like `7KQ4M-2XD9A-PQR3T-8H6WN`: 20 characters (98 bits) from an
//! alphabet without look-alikes (no `0 O 1 I L U`) in four groups of five,
//! shown once. The store keeps, per account, a random 16-byte salt and the
//! SHA-256 of salt ‖ code of each code, and marks a code when it is used.
//! What a person types is normalised (case, spaces, hyphens) before hashing,
//! so `7kq4m 2xd9a pqr3t 8h6wn` finds `7KQ4M-2XD9A-PQR3T-8H6WN`.
//!
//! Why SHA-256 and not Argon2: a slow hash protects guessable secrets. A
//! code of 98 random bits cannot be guessed from its hash at any speed, while
//! a slow hash would make every typed code cost the server that work. The salt
//! makes the same code hash differently in every account and rules out tables
//! computed ahead.
//!
//! Codes made before (8 characters, about 39 bits, hashed without a salt) are
//! still accepted until used or replaced by a new set: [`legacy_recovery_code_hash`].

use sha2::{Digest, Sha256};

use super::sha256_hex;

/// The 30 characters a recovery code is made of: digits 2–9 and letters without `I L O U`.
pub const RECOVERY_ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many codes [`RecoveryCodes::generate`] makes.
pub const RECOVERY_CODE_COUNT: usize = 10;

/// Characters in one code, not counting the hyphens between its groups.
const CODE_CHARS: usize = 20;

/// Characters in one group of a code.
const GROUP_CHARS: usize = 5;

/// Random bytes per code: 128 bits, of which 98 make the code.
const BYTES_PER_CODE: usize = 16;

/// Characters of the codes made before salts (about 39 bits, unsalted).
const LEGACY_CODE_CHARS: usize = 8;

/// The random bytes [`RecoveryCodes::generate`] takes: the codes', then the salt's 16.
pub const RECOVERY_RANDOM_BYTES: usize = RECOVERY_CODE_COUNT * BYTES_PER_CODE + 16;

/// A new set of recovery codes: the codes to show once, and what the store keeps.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryCodes {
    /// The codes as shown, in groups.
    pub shown: Vec<String>,
    /// The account's salt for this set.
    pub salt: [u8; 16],
    /// SHA-256 of salt ‖ code of each code, in hex, in the order of `shown`.
    pub hashes: Vec<String>,
}

impl std::fmt::Debug for RecoveryCodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RecoveryCodes(***)")
    }
}

impl RecoveryCodes {
    /// Ten codes of 98 bits each and a salt, from the caller's random bytes.
    pub fn generate(random: [u8; RECOVERY_RANDOM_BYTES]) -> RecoveryCodes {
        let alphabet = RECOVERY_ALPHABET.as_bytes();
        let base = alphabet.len() as u128;
        let space = base.pow(CODE_CHARS as u32);
        let (codes, salt_bytes) = random.split_at(RECOVERY_CODE_COUNT * BYTES_PER_CODE);
        let mut salt = [0u8; 16];
        salt.copy_from_slice(salt_bytes);
        let mut shown = Vec::with_capacity(RECOVERY_CODE_COUNT);
        let mut hashes = Vec::with_capacity(RECOVERY_CODE_COUNT);
        for chunk in codes.chunks_exact(BYTES_PER_CODE) {
            let mut word = [0u8; BYTES_PER_CODE];
            word.copy_from_slice(chunk);
            // 2^128 is about 2^30 times 30^20: the bias of the modulo is below 10^-9.
            let mut n = u128::from_be_bytes(word) % space;
            let mut chars = [0u8; CODE_CHARS];
            for slot in chars.iter_mut().rev() {
                *slot = alphabet[(n % base) as usize];
                n /= base;
            }
            let groups: Vec<&str> = chars.chunks(GROUP_CHARS).map(|g| std::str::from_utf8(g).unwrap_or_default()).collect();
            let code = groups.join("-");
            hashes.push(recovery_code_hash(&salt, &code));
            shown.push(code);
        }
        RecoveryCodes { shown, salt, hashes }
    }
}

/// A typed code in the form it is hashed in: upper case, without whitespace and hyphens.
fn normalise(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—')).flat_map(char::to_uppercase).collect()
}

/// SHA-256 hex of the account's salt ‖ the typed code, normalised.
pub fn recovery_code_hash(salt: &[u8], input: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt);
    hasher.update(normalise(input).as_bytes());
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The unsalted SHA-256 hex of a typed code of the old, 8-character shape;
/// `None` for any other shape, which no old code had.
pub fn legacy_recovery_code_hash(input: &str) -> Option<String> {
    let normal = normalise(input);
    (normal.chars().count() == LEGACY_CODE_CHARS).then(|| sha256_hex(normal.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn random(seed: u8) -> [u8; RECOVERY_RANDOM_BYTES] {
        let mut bytes = [0u8; RECOVERY_RANDOM_BYTES];
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
    fn codes_carry_at_least_80_bits_in_four_groups_of_five() {
        let bits = (CODE_CHARS as f64) * (RECOVERY_ALPHABET.len() as f64).log2();
        assert!(bits >= 80.0, "{bits}");
        let set = RecoveryCodes::generate(random(1));
        assert_eq!(set.shown.len(), RECOVERY_CODE_COUNT);
        assert_eq!(set.hashes.len(), RECOVERY_CODE_COUNT);
        for (code, hash) in set.shown.iter().zip(&set.hashes) {
            assert_eq!(code.len(), 23, "{code}");
            assert_eq!(code.split('-').map(str::len).collect::<Vec<_>>(), [5, 5, 5, 5]);
            assert_eq!(hash, &recovery_code_hash(&set.salt, code));
            assert_eq!(hash.len(), 64);
        }
        assert_eq!(set.shown.iter().collect::<HashSet<_>>().len(), 10);
        // Deterministic: the randomness is the caller's.
        assert_eq!(RecoveryCodes::generate(random(1)), set);
        assert_ne!(RecoveryCodes::generate(random(2)).shown, set.shown);
        assert_eq!(format!("{set:?}"), "RecoveryCodes(***)");
    }

    #[test]
    fn the_salt_is_the_accounts_own() {
        let set = RecoveryCodes::generate(random(1));
        let mut other_salt = random(1);
        other_salt[RECOVERY_RANDOM_BYTES - 1] ^= 1;
        let other = RecoveryCodes::generate(other_salt);
        assert_eq!(other.shown, set.shown, "same codes");
        assert_ne!(other.hashes, set.hashes, "hashed differently under another salt");
        assert_eq!(set.hashes[0], sha256_hex(&[&set.salt[..], set.shown[0].replace('-', "").as_bytes()].concat()));
        assert_ne!(set.hashes[0], sha256_hex(set.shown[0].replace('-', "").as_bytes()), "not unsalted");
    }

    #[test]
    fn known_bytes_give_known_codes() {
        let set = RecoveryCodes::generate([0u8; RECOVERY_RANDOM_BYTES]);
        assert!(set.shown.iter().all(|c| c == "22222-22222-22222-22222"));
        let mut bytes = [0u8; RECOVERY_RANDOM_BYTES];
        bytes[15] = 29; // the last character of the first code is the last letter
        bytes[31] = 30; // 30 = "12" in base 30: "…32"
        let set = RecoveryCodes::generate(bytes);
        assert_eq!(set.shown[0], "22222-22222-22222-2222Z");
        assert_eq!(set.shown[1], "22222-22222-22222-22232");
    }

    #[test]
    fn typed_codes_are_normalised_before_hashing() {
        let salt = [7u8; 16];
        let stored = recovery_code_hash(&salt, "7KQ4M-2XD9A-PQR3T-8H6WN");
        for typed in [
            "7KQ4M-2XD9A-PQR3T-8H6WN",
            "7kq4m-2xd9a-pqr3t-8h6wn",
            "7kq4m2xd9apqr3t8h6wn",
            " 7KQ4M 2XD9A PQR3T 8H6WN ",
            "7KQ4M–2XD9A–PQR3T–8H6WN",
        ] {
            assert_eq!(recovery_code_hash(&salt, typed), stored, "{typed:?}");
        }
        assert_ne!(recovery_code_hash(&salt, "7KQ4M-2XD9A-PQR3T-8H6WM"), stored);
    }

    #[test]
    fn old_codes_are_still_read_in_their_own_shape_only() {
        // What the store kept of a code made before salts: SHA-256 of the code without its hyphen.
        assert_eq!(legacy_recovery_code_hash("7kq4 m2xd"), Some(sha256_hex(b"7KQ4M2XD")));
        assert_eq!(legacy_recovery_code_hash("7KQ4-M2XD"), Some(sha256_hex(b"7KQ4M2XD")));
        assert_eq!(legacy_recovery_code_hash("7KQ4M-2XD9A-PQR3T-8H6WN"), None);
        assert_eq!(legacy_recovery_code_hash("7KQ4-M2X"), None);
    }

    proptest! {
        #[test]
        fn every_code_uses_the_alphabet_and_round_trips(bytes in prop::collection::vec(any::<u8>(), RECOVERY_RANDOM_BYTES)) {
            let mut random = [0u8; RECOVERY_RANDOM_BYTES];
            random.copy_from_slice(&bytes);
            let set = RecoveryCodes::generate(random);
            for (code, hash) in set.shown.iter().zip(&set.hashes) {
                prop_assert!(code.split('-').all(|g| g.len() == 5 && g.chars().all(|c| RECOVERY_ALPHABET.contains(c))));
                prop_assert_eq!(&recovery_code_hash(&set.salt, &code.to_lowercase().replace('-', " ")), hash);
                prop_assert_eq!(legacy_recovery_code_hash(code), None);
            }
        }

        #[test]
        fn hashing_never_panics(s in "\\PC*", salt in any::<[u8; 16]>()) {
            prop_assert_eq!(recovery_code_hash(&salt, &s).len(), 64);
            let _ = legacy_recovery_code_hash(&s);
        }
    }
}
