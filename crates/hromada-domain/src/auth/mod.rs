//! Security building blocks of accounts: password rules and Argon2id hashes,
//! TOTP second factors, recovery codes, and secret tokens for cookies and links.
//!
//! Everything here is pure: randomness comes in as bytes from the caller
//! (salts, secrets, tokens), time as Unix seconds. What the store keeps is
//! always a hash (Argon2id for passwords, salted SHA-256 for recovery codes,
//! SHA-256 for tokens), never the secret itself; TOTP secrets, which must be
//! read back, are sealed by the web layer before they are stored. No type here shows a secret through
//! `Debug`: secrets print as `***`.

mod password;
mod recovery;
mod token;
mod totp;

pub use password::{
    HashError, HashParams, InvalidPasswordHash, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS, NewPassword, PasswordCheck, PasswordHash,
    PasswordInput, PasswordProblem, Weakness, derive_key, dummy_verify,
};
pub use recovery::{
    RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_RANDOM_BYTES, RecoveryCodes, legacy_recovery_code_hash, recovery_code_hash,
};
pub use token::{SecretToken, constant_time_eq};
pub use totp::{TOTP_DIGITS, TOTP_STEP_SECONDS, TotpSecret, totp_step};

use sha2::{Digest, Sha256};

/// SHA-256 of `data` in lower-case hex (64 characters).
pub(crate) fn sha256_hex(data: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for byte in digest.iter() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_sha256_hex_matches_the_known_digest_of_abc() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
