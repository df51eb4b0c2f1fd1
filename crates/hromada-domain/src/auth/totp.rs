//! Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps,
//! 6 digits — what every authenticator app and `oathtool --totp -b` do.
//!
//! The secret is 20 random bytes from the caller. People see it as base32
//! (RFC 4648, no padding, 32 characters) and as an `otpauth://` URI for the
//! QR code. A code is accepted for the previous, current and next step, but
//! never for a step at or before the last one used, so a code cannot be
//! replayed: the caller stores the step that [`TotpSecret::verify`] returns.

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use super::constant_time_eq;

/// Length of one TOTP time step, in seconds.
pub const TOTP_STEP_SECONDS: i64 = 30;

/// Number of digits in a code.
pub const TOTP_DIGITS: u32 = 6;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A TOTP shared secret (160 bits); `Debug` prints `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret([u8; 20]);

/// The time step that contains this Unix time (`floor(t / 30)`).
pub fn totp_step(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(TOTP_STEP_SECONDS)
}

impl TotpSecret {
    /// The secret made of these 20 random bytes (from the caller's CSPRNG).
    pub fn from_bytes(bytes: [u8; 20]) -> TotpSecret {
        TotpSecret(bytes)
    }

    /// The raw 20 bytes, for the store.
    pub fn as_bytes(&self) -> &[u8; 20] {
        &self.0
    }

    /// The secret in base32 (RFC 4648, upper case, no padding): 32 characters, as `oathtool -b` reads it.
    pub fn to_base32(&self) -> String {
        let mut out = String::with_capacity(32);
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        for &b in &self.0 {
            acc = (acc << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(char::from(BASE32[((acc >> bits) & 0x1f) as usize]));
            }
            acc &= (1 << bits) - 1;
        }
        out
    }

    /// Reads a base32 secret of 32 letters `A–Z 2–7`, in either case, ignoring spaces; no padding.
    pub fn from_base32(text: &str) -> Option<TotpSecret> {
        let mut out = [0u8; 20];
        let mut acc: u32 = 0;
        let mut bits = 0u32;
        let mut filled = 0usize;
        for c in text.bytes().filter(|c| *c != b' ') {
            let value = match c.to_ascii_uppercase() {
                c @ b'A'..=b'Z' => c - b'A',
                c @ b'2'..=b'7' => c - b'2' + 26,
                _ => return None,
            };
            acc = (acc << 5) | u32::from(value);
            bits += 5;
            if bits >= 8 {
                bits -= 8;
                *out.get_mut(filled)? = (acc >> bits) as u8;
                filled += 1;
                acc &= (1 << bits) - 1;
            }
        }
        // 32 characters are exactly 160 bits: nothing may be left over.
        (filled == 20 && bits == 0).then_some(TotpSecret(out))
    }

    /// The `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30` URI for a QR code.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_SECONDS}",
            percent_encode(issuer),
            percent_encode(account),
            self.to_base32(),
            percent_encode(issuer),
        )
    }

    /// The 6-digit code (leading zeros kept) for the step containing this Unix time.
    pub fn code_at(&self, unix_seconds: i64) -> String {
        self.code_for_step(totp_step(unix_seconds), TOTP_DIGITS)
    }

    /// Checks a typed code (spaces ignored) against the steps around `now_unix`;
    /// returns the matched step, which must be later than `last_used_step`.
    pub fn verify(&self, code: &str, now_unix: i64, last_used_step: Option<i64>) -> Option<i64> {
        let typed: Vec<u8> = code.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
        if typed.len() != TOTP_DIGITS as usize || !typed.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let now = totp_step(now_unix);
        let mut matched = None;
        for step in [now.saturating_sub(1), now, now.saturating_add(1)] {
            let fresh = last_used_step.is_none_or(|last| step > last);
            if step < 0 || !fresh {
                continue;
            }
            // Every candidate step is computed, so the time does not say which one matched.
            if constant_time_eq(self.code_for_step(step, TOTP_DIGITS).as_bytes(), &typed) {
                matched = Some(step);
            }
        }
        matched
    }

    /// HOTP (RFC 4226) of this step with `digits` digits, zero-padded.
    fn code_for_step(&self, step: i64, digits: u32) -> String {
        let value = hotp(&self.0, step as u64, digits);
        format!("{value:0width$}", width = digits as usize)
    }
}

/// HOTP (RFC 4226 §5.3) with HMAC-SHA1: dynamic truncation, then `mod 10^digits`.
fn hotp(key: &[u8; 20], counter: u64, digits: u32) -> u32 {
    // HMAC pads a key shorter than the block with zeros; doing it here makes
    // the key a fixed-size block, so creating the MAC cannot fail.
    let mut block = [0u8; 64];
    for (slot, byte) in block.iter_mut().zip(key) {
        *slot = *byte;
    }
    let mut mac = Hmac::<Sha1>::new(&block.into());
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let binary = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    binary % 10u32.pow(digits.min(9))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The SHA1 seed of RFC 6238 appendix B.
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(*b"12345678901234567890")
    }

    #[test]
    fn rfc6238_appendix_b_sha1_vectors() {
        let secret = rfc_secret();
        for (time, step, expected) in [
            (59, 0x1, "94287082"),
            (1_111_111_109, 0x0235_23EC, "07081804"),
            (1_111_111_111, 0x0235_23ED, "14050471"),
            (1_234_567_890, 0x0273_EF07, "89005924"),
            (2_000_000_000, 0x03F9_40AA, "69279037"),
            (20_000_000_000, 0x27BC_86AA, "65353130"),
        ] {
            assert_eq!(totp_step(time), step, "T for {time}");
            assert_eq!(secret.code_for_step(totp_step(time), 8), expected, "at {time}");
        }
    }

    #[test]
    fn rfc4226_appendix_d_hotp_vectors() {
        let expected = [755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489];
        for (counter, value) in expected.into_iter().enumerate() {
            assert_eq!(hotp(rfc_secret().as_bytes(), counter as u64, 6), value);
        }
    }

    #[test]
    fn codes_match_oathtool_output() {
        // `oathtool --totp -b SECRET -N @TIME` (OATH Toolkit 2.6.7).
        let rfc = rfc_secret();
        assert_eq!(rfc.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (time, code) in [(0, "755224"), (59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (1_700_000_000, "921300")]
        {
            assert_eq!(rfc.code_at(time), code, "at {time}");
        }
        let other = TotpSecret::from_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
        for (time, code) in [(59, "503347"), (1_111_111_109, "088309"), (1_700_000_000, "406058"), (1_700_000_029, "661763")] {
            assert_eq!(other.code_at(time), code, "at {time}");
        }
    }

    #[test]
    fn base32_reads_either_case_and_spaces_but_nothing_else() {
        let secret = rfc_secret();
        let text = secret.to_base32();
        assert_eq!(TotpSecret::from_base32(&text), Some(secret.clone()));
        assert_eq!(TotpSecret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"), Some(secret));
        assert_eq!(TotpSecret::from_base32(""), None);
        assert_eq!(TotpSecret::from_base32(&text[..31]), None);
        assert_eq!(TotpSecret::from_base32(&format!("{text}A")), None);
        assert_eq!(TotpSecret::from_base32(&format!("{text}=")), None);
        assert_eq!(TotpSecret::from_base32(&text.replace('G', "1")), None);
        assert_eq!(TotpSecret::from_base32(&text.replace('G', "0")), None);
    }

    #[test]
    fn otpauth_uri_has_the_label_and_every_parameter() {
        let uri = rfc_secret().otpauth_uri("Hromada Kyiv", "olena.koval+1@example.com");
        assert_eq!(
            uri,
            "otpauth://totp/Hromada%20Kyiv:olena.koval%2B1%40example.com\
             ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Hromada%20Kyiv\
             &algorithm=SHA1&digits=6&period=30"
        );
        let ua = rfc_secret().otpauth_uri("Громада", "a:b");
        assert!(ua.starts_with("otpauth://totp/%D0%93%D1%80%D0%BE%D0%BC%D0%B0%D0%B4%D0%B0:a%3Ab?"));
    }

    #[test]
    fn verify_accepts_the_neighbouring_steps_only() {
        let secret = rfc_secret();
        let now = 1_700_000_015;
        let step = totp_step(now);
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = secret.code_at(now + offset * TOTP_STEP_SECONDS);
            let expected = accepted.then_some(step + offset);
            assert_eq!(secret.verify(&code, now, None), expected, "offset {offset}");
        }
    }

    #[test]
    fn verify_refuses_a_replayed_or_older_step() {
        let secret = rfc_secret();
        let now = 1_700_000_015;
        let step = totp_step(now);
        let code = secret.code_at(now);
        let used = secret.verify(&code, now, None);
        assert_eq!(used, Some(step));
        assert_eq!(secret.verify(&code, now, used), None);
        assert_eq!(secret.verify(&code, now + 20, used), None);
        let previous = secret.code_at(now - TOTP_STEP_SECONDS);
        assert_eq!(secret.verify(&previous, now, used), None);
        let next = secret.code_at(now + TOTP_STEP_SECONDS);
        assert_eq!(secret.verify(&next, now, used), Some(step + 1));
    }

    #[test]
    fn verify_reads_spaces_but_refuses_other_shapes() {
        let secret = rfc_secret();
        let now = 1_234_567_890;
        assert_eq!(secret.verify("005924", now, None), Some(totp_step(now)));
        assert_eq!(secret.verify(" 005 924 ", now, None), Some(totp_step(now)));
        for bad in ["5924", "05924", "0059240", "89005924", "00592a", "００５９２４", "", "-05924"] {
            assert_eq!(secret.verify(bad, now, None), None, "{bad:?}");
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        assert_eq!(format!("{:?}", rfc_secret()), "***");
    }

    proptest! {
        #[test]
        fn base32_round_trips(bytes in any::<[u8; 20]>()) {
            let secret = TotpSecret::from_bytes(bytes);
            let text = secret.to_base32();
            prop_assert_eq!(text.len(), 32);
            prop_assert!(text.bytes().all(|c| BASE32.contains(&c)));
            prop_assert_eq!(TotpSecret::from_base32(&text.to_lowercase()), Some(secret));
        }

        #[test]
        fn from_base32_never_panics(s in "\\PC*") {
            let _ = TotpSecret::from_base32(&s);
        }

        #[test]
        fn codes_are_six_digits_and_verify_now(bytes in any::<[u8; 20]>(), now in 0i64..=4_102_444_800) {
            let secret = TotpSecret::from_bytes(bytes);
            let code = secret.code_at(now);
            prop_assert_eq!(code.len(), 6);
            prop_assert!(code.bytes().all(|c| c.is_ascii_digit()));
            let step = secret.verify(&code, now, None);
            prop_assert!(step.is_some_and(|s| (totp_step(now) - 1..=totp_step(now) + 1).contains(&s)));
            prop_assert_eq!(secret.verify(&code, now, step), None);
        }

        #[test]
        fn verify_never_panics_or_accepts_a_used_step(
            bytes in any::<[u8; 20]>(), code in "\\PC{0,10}", now in any::<i64>(), last in any::<Option<i64>>(),
        ) {
            let secret = TotpSecret::from_bytes(bytes);
            if let Some(step) = secret.verify(&code, now, last) {
                prop_assert!(last.is_none_or(|l| step > l));
                prop_assert!((step - totp_step(now)).abs() <= 1);
            }
        }
    }
}
