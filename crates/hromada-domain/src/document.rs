//! Verifiable documents (PRODUCT.md capability 8): what a signed document's
//! payload holds, how it is encoded and signed, and how anyone — this
//! installation or an offline verifier with nothing but the published public
//! keys — decides whether a document is genuine.
//!
//! The payload is a compact binary record (about 45 bytes plus the holder's
//! name) followed by an Ed25519 signature of 64 bytes; the QR code carries it
//! in base64url in the query of a verification URL, so a phone camera opens the
//! verification page and an offline tool checks the same bytes. Layout
//! (version 1; integers big-endian, `varint` is unsigned LEB128):
//!
//! ```text
//! u8       version (1)
//! u8 + N   community code, ASCII upper case ("BUC")
//! varint   key number within the community (key id "BUC-2")
//! u16      year of the document number
//! varint   serial of the document number ("BUC-2026-000123")
//! u8 + N   document type: the definition's document id, ASCII ("certificate")
//! u16      issue date, days since 2000-01-01
//! u16      expiry date, days since 2000-01-01; 0 = no expiry
//! u8 + N   the holder's name, UTF-8
//! 16 bytes SHA-256 of every field printed on the document, truncated
//! 64 bytes Ed25519 signature of "hromada-document-v1\0" and all of the above
//! ```

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Date, Duration};

const VERSION: u8 = 1;
const SIGNING_CONTEXT: &[u8] = b"hromada-document-v1\0";
const FIELDS_CONTEXT: &[u8] = b"hromada-fields-v1\0";
const EPOCH: Date = time::macros::date!(2000 - 01 - 01);
const HASH_LEN: usize = 16;
const SIGNATURE_LEN: usize = 64;
/// The longest holder name a payload carries, in bytes of UTF-8.
pub const MAX_HOLDER_BYTES: usize = 200;

/// `BUC-2026-000123`: the community's code, the year and a serial.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentNumber {
    pub code: String,
    pub year: u16,
    pub serial: u32,
}

impl DocumentNumber {
    /// Read `BUC-2026-000123` (a case reference has the same shape).
    pub fn parse(text: &str) -> Option<DocumentNumber> {
        let mut parts = text.trim().split('-');
        let (code, year, serial) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || !valid_code(code) || year.len() != 4 || serial.is_empty() || serial.len() > 10 {
            return None;
        }
        Some(DocumentNumber { code: code.to_string(), year: year.parse().ok()?, serial: serial.parse().ok()? })
    }
}

impl std::fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:04}-{:06}", self.code, self.year, self.serial)
    }
}

fn valid_code(code: &str) -> bool {
    (1..=8).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// The id of a community's signing key: its code and the key's number, `BUC-2`.
pub fn key_id(code: &str, number: u32) -> String {
    format!("{code}-{number}")
}

/// What a document's signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub number: DocumentNumber,
    /// The signing key's number within the community (`number.code`).
    pub key: u32,
    /// The definition's document id (`certificate`, `decision`...).
    pub kind: String,
    pub issued_on: Date,
    pub expires_on: Option<Date>,
    pub holder: String,
    /// [`fields_hash`] of what the document prints.
    pub fields_hash: [u8; HASH_LEN],
}

/// Why a payload could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    #[error("the community code must be 1 to 8 capital letters or digits")]
    Code,
    #[error("the document type must be 1 to 32 ASCII letters, digits, '-' or '_'")]
    Kind,
    #[error("the holder's name must be 1 to {MAX_HOLDER_BYTES} bytes")]
    Holder,
    #[error("dates must fall between 2000-01-02 and 2179")]
    Date,
    #[error("the key number must be at least 1")]
    Key,
}

impl Payload {
    pub fn key_id(&self) -> String {
        key_id(&self.number.code, self.key)
    }

    fn encode(&self) -> Result<Vec<u8>, PayloadError> {
        if !valid_code(&self.number.code) {
            return Err(PayloadError::Code);
        }
        if self.key == 0 {
            return Err(PayloadError::Key);
        }
        if !(1..=32).contains(&self.kind.len()) || !self.kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(PayloadError::Kind);
        }
        if self.holder.is_empty() || self.holder.len() > MAX_HOLDER_BYTES {
            return Err(PayloadError::Holder);
        }
        let mut out = Vec::with_capacity(64 + self.holder.len());
        out.push(VERSION);
        out.push(self.number.code.len() as u8);
        out.extend_from_slice(self.number.code.as_bytes());
        put_varint(&mut out, self.key);
        out.extend_from_slice(&self.number.year.to_be_bytes());
        put_varint(&mut out, self.number.serial);
        out.push(self.kind.len() as u8);
        out.extend_from_slice(self.kind.as_bytes());
        out.extend_from_slice(&day_number(self.issued_on)?.to_be_bytes());
        out.extend_from_slice(&self.expires_on.map(day_number).transpose()?.unwrap_or(0).to_be_bytes());
        out.push(self.holder.len() as u8);
        out.extend_from_slice(self.holder.as_bytes());
        out.extend_from_slice(&self.fields_hash);
        Ok(out)
    }

    /// Sign the payload: the bytes the QR code carries.
    pub fn sign(&self, key: &SigningKey) -> Result<Signed, PayloadError> {
        let mut bytes = self.encode()?;
        let signature = key.sign(&signed_message(&bytes));
        bytes.extend_from_slice(&signature.to_bytes());
        Ok(Signed { bytes })
    }
}

/// A signed payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub bytes: Vec<u8>,
}

impl Signed {
    /// The payload as the verification URL's query carries it.
    pub fn to_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.bytes)
    }

    /// The short code a person types: 50 bits of the payload's SHA-256 in
    /// Crockford's base 32, `7K3MQ-9XD2A`.
    pub fn verification_code(&self) -> String {
        let digest = Sha256::digest(&self.bytes);
        let mut bits = 0u64;
        for byte in &digest[..7] {
            bits = (bits << 8) | u64::from(*byte);
        }
        bits >>= 6; // 56 → 50 bits
        let mut code = String::with_capacity(11);
        for i in (0..10).rev() {
            code.push(CROCKFORD[((bits >> (5 * i)) & 31) as usize] as char);
            if i == 5 {
                code.push('-');
            }
        }
        code
    }
}

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A typed verification code in its canonical form (`7K3MQ-9XD2A`), reading
/// `O` as 0 and `I`/`L` as 1, ignoring case, spaces and dashes; `None` if it
/// is not one.
pub fn normalise_code(input: &str) -> Option<String> {
    let mut out = String::with_capacity(11);
    let mut count = 0;
    for c in input.chars() {
        if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—') {
            continue;
        }
        let c = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        if !c.is_ascii() || !CROCKFORD.contains(&(c as u8)) {
            return None;
        }
        if count == 5 {
            out.push('-');
        }
        out.push(c);
        count += 1;
    }
    (count == 10).then_some(out)
}

fn signed_message(payload: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(SIGNING_CONTEXT.len() + payload.len());
    message.extend_from_slice(SIGNING_CONTEXT);
    message.extend_from_slice(payload);
    message
}

fn day_number(date: Date) -> Result<u16, PayloadError> {
    let days = (date - EPOCH).whole_days();
    u16::try_from(days).ok().filter(|d| *d > 0).ok_or(PayloadError::Date)
}

fn put_varint(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// A reader over the payload's bytes; every method fails on a short read.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn varint(&mut self) -> Option<u32> {
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.u8()?;
            value |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
    fn text(&mut self) -> Option<&'a str> {
        let len = usize::from(self.u8()?);
        std::str::from_utf8(self.take(len)?).ok()
    }
}

fn read_payload(bytes: &[u8]) -> Option<(Payload, &[u8], Signature)> {
    if bytes.len() < SIGNATURE_LEN {
        return None;
    }
    let (body, signature) = bytes.split_at(bytes.len() - SIGNATURE_LEN);
    let signature = Signature::from_slice(signature).ok()?;
    let mut r = Reader(body);
    if r.u8()? != VERSION {
        return None;
    }
    let code = r.text()?.to_string();
    let key = r.varint()?;
    let year = r.u16()?;
    let serial = r.varint()?;
    let kind = r.text()?.to_string();
    let issued_on = EPOCH + Duration::days(i64::from(r.u16()?));
    let expires = r.u16()?;
    let expires_on = (expires != 0).then(|| EPOCH + Duration::days(i64::from(expires)));
    let holder = r.text()?.to_string();
    let fields_hash: [u8; HASH_LEN] = r.take(HASH_LEN)?.try_into().ok()?;
    if !r.0.is_empty() {
        return None;
    }
    let payload = Payload { number: DocumentNumber { code, year, serial }, key, kind, issued_on, expires_on, holder, fields_hash };
    // A payload that does not encode back to the same bytes is not one we made.
    if payload.encode().ok()? != body {
        return None;
    }
    Some((payload, body, signature))
}

/// Read a payload without checking its signature (for display after a check).
pub fn decode(text: &str) -> Option<Payload> {
    let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
    read_payload(&bytes).map(|(payload, _, _)| payload)
}

/// What someone typed or scanned into a verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presented {
    /// A signed payload (base64url), from the QR code's URL or pasted.
    Payload(String),
    /// A verification code, normalised.
    Code(String),
    /// Neither.
    Unreadable,
}

impl Presented {
    /// Read a verification URL (its `d` parameter), a payload or a code.
    pub fn read(input: &str) -> Presented {
        let input = input.trim();
        if let Some(code) = normalise_code(input) {
            return Presented::Code(code);
        }
        let candidate = match input.split_once('?') {
            Some((_, query)) => query.split(['&', '#']).find_map(|pair| pair.strip_prefix("d=")).unwrap_or(""),
            None => input,
        };
        if candidate.len() >= 40 && candidate.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            Presented::Payload(candidate.to_string())
        } else {
            Presented::Unreadable
        }
    }
}

/// The answer to "is this document genuine?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a key of a community of this installation, in force today.
    Valid,
    /// Genuine, but withdrawn by the office on that day.
    Revoked { on: Date },
    /// Genuine, but its validity ended on that day.
    Expired { on: Date },
    /// The key it names is not one of ours (another installation, or made up).
    NotIssuedHere,
    /// The signature does not match the contents, or the code is damaged.
    Forged,
}

impl Verdict {
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Revoked { .. } => "revoked",
            Verdict::Expired { .. } => "expired",
            Verdict::NotIssuedHere => "not-issued-here",
            Verdict::Forged => "forged",
        }
    }
}

/// A published public key as a verifier needs it: the key, and the day a newer
/// key replaced it, after which it signs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey {
    pub key: VerifyingKey,
    pub retired_on: Option<Date>,
}

/// Check a signed payload: `key` finds a published public key by id,
/// `revoked` the day a document number was revoked. The payload is returned
/// only when its signature is good. A retired key's signature on a document
/// dated after its retirement is forged: a leaked old key cannot make new documents.
pub fn verify(
    text: &str,
    key: impl Fn(&str) -> Option<PublicKey>,
    revoked: impl Fn(&DocumentNumber) -> Option<Date>,
    today: Date,
) -> (Verdict, Option<Payload>) {
    let Ok(bytes) = URL_SAFE_NO_PAD.decode(text.trim()) else { return (Verdict::Forged, None) };
    let Some((payload, body, signature)) = read_payload(&bytes) else { return (Verdict::Forged, None) };
    let Some(public) = key(&payload.key_id()) else { return (Verdict::NotIssuedHere, None) };
    if public.key.verify_strict(&signed_message(body), &signature).is_err() {
        return (Verdict::Forged, None);
    }
    if public.retired_on.is_some_and(|retired| payload.issued_on > retired) {
        return (Verdict::Forged, None);
    }
    let verdict = if let Some(on) = revoked(&payload.number) {
        Verdict::Revoked { on }
    } else if let Some(on) = payload.expires_on.filter(|end| *end < today) {
        Verdict::Expired { on }
    } else {
        Verdict::Valid
    };
    (verdict, Some(payload))
}

/// The hash of everything a document prints: the issuer, the title and each
/// field (id and value as printed), so changing any of them breaks the signature.
pub fn fields_hash(issuer: &str, title: &str, fields: &[(&str, &str)]) -> [u8; HASH_LEN] {
    let mut hash = Sha256::new();
    hash.update(FIELDS_CONTEXT);
    let mut put = |text: &str| {
        hash.update((text.len() as u32).to_be_bytes());
        hash.update(text.as_bytes());
    };
    put(issuer);
    put(title);
    for (id, value) in fields {
        put(id);
        put(value);
    }
    let digest = hash.finalize();
    let mut out = [0u8; HASH_LEN];
    out.copy_from_slice(&digest[..HASH_LEN]);
    out
}

/// The holder's initials, all that a verification page shows of the name:
/// "Олена Коваль" → "О. К.".
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A signing key from its 32-byte seed, and a new seed from the caller's randomness.
pub fn signing_key(seed: &[u8; 32]) -> SigningKey {
    SigningKey::from_bytes(seed)
}

/// The public half, as `/.well-known/hromada-keys.json` publishes it (base64url).
pub fn public_key_text(key: &VerifyingKey) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

/// Read a published public key.
pub fn read_public_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(text.trim()).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// The published keys of an installation (`/.well-known/hromada-keys.json`),
/// with the numbers of revoked documents, so an offline verifier holds all it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeysFile {
    /// When the file was made (RFC 3339); revocations after it are unknown to its reader.
    pub generated_at: String,
    pub keys: Vec<PublishedKey>,
    pub revoked: Vec<Revocation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedKey {
    /// `BUC-2`.
    pub id: String,
    /// The community's slug.
    pub community: String,
    pub algorithm: String,
    /// 32 bytes, base64url without padding.
    pub public_key: String,
    /// YYYY-MM-DD.
    pub created_on: String,
    /// YYYY-MM-DD once a newer key replaced it; documents it signed still verify.
    pub retired_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    pub document: String,
    /// YYYY-MM-DD.
    pub revoked_on: String,
}

/// YYYY-MM-DD.
pub fn format_day(day: Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
}

/// Read YYYY-MM-DD.
pub fn parse_day(text: &str) -> Option<Date> {
    Date::parse(text, time::macros::format_description!("[year]-[month]-[day]")).ok()
}

impl KeysFile {
    /// Check a payload with this file alone: the offline verifier.
    pub fn verify(&self, text: &str, today: Date) -> (Verdict, Option<Payload>) {
        verify(
            text,
            |id| {
                let k = self.keys.iter().find(|k| k.id == id && k.algorithm == "Ed25519")?;
                // A retirement date that cannot be read is taken as "today", the strictest reading.
                let retired_on = k.retired_on.as_deref().map(|d| parse_day(d).unwrap_or(today));
                Some(PublicKey { key: read_public_key(&k.public_key)?, retired_on })
            },
            |number| {
                let number = number.to_string();
                self.revoked.iter().find(|r| r.document == number).and_then(|r| parse_day(&r.revoked_on))
            },
            today,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn key(seed: u8) -> SigningKey {
        signing_key(&[seed; 32])
    }

    fn payload() -> Payload {
        Payload {
            number: DocumentNumber { code: "BUC".into(), year: 2026, serial: 123 },
            key: 1,
            kind: "certificate".into(),
            issued_on: date!(2026 - 11 - 28),
            expires_on: Some(date!(2027 - 11 - 28)),
            holder: "Олена Коваль".into(),
            fields_hash: fields_hash("Бучанська громада", "Довідка", &[("full_name", "Олена Коваль")]),
        }
    }

    fn check(text: &str, keys: &[(&str, &SigningKey)], revoked: Option<Date>, today: Date) -> Verdict {
        verify(
            text,
            |id| keys.iter().find(|(k, _)| *k == id).map(|(_, s)| PublicKey { key: s.verifying_key(), retired_on: None }),
            |_| revoked,
            today,
        )
        .0
    }

    #[test]
    fn a_signed_payload_reads_back_and_verifies() {
        let k = key(7);
        let signed = payload().sign(&k).expect("sign");
        let text = signed.to_text();
        assert_eq!(decode(&text), Some(payload()));
        let (verdict, read) = verify(
            &text,
            |id| (id == "BUC-1").then(|| PublicKey { key: k.verifying_key(), retired_on: None }),
            |_| None,
            date!(2026 - 11 - 28),
        );
        assert_eq!(verdict, Verdict::Valid);
        assert_eq!(read, Some(payload()));
    }

    #[test]
    fn any_changed_byte_is_forged_and_a_cut_payload_too() {
        let k = key(7);
        let bytes = payload().sign(&k).expect("sign").bytes;
        for i in 0..bytes.len() {
            let mut changed = bytes.clone();
            changed[i] ^= 0x01;
            let text = URL_SAFE_NO_PAD.encode(&changed);
            let verdict = check(&text, &[("BUC-1", &k)], None, date!(2026 - 11 - 28));
            // A change in the key number names a key we do not have; anything else breaks the signature.
            assert!(matches!(verdict, Verdict::Forged | Verdict::NotIssuedHere), "byte {i}: {verdict:?}");
        }
        for len in 0..bytes.len() {
            let text = URL_SAFE_NO_PAD.encode(&bytes[..len]);
            assert_eq!(check(&text, &[("BUC-1", &k)], None, date!(2026 - 11 - 28)), Verdict::Forged, "cut at {len}");
        }
        assert_eq!(check("not base64 at all!", &[("BUC-1", &k)], None, date!(2026 - 11 - 28)), Verdict::Forged);
    }

    #[test]
    fn a_changed_field_changes_the_hash_so_the_old_signature_no_longer_fits() {
        let k = key(7);
        let original = payload().sign(&k).expect("sign");
        let changed = Payload {
            fields_hash: fields_hash("Бучанська громада", "Довідка", &[("full_name", "Олена Ковальчук")]),
            ..payload()
        };
        assert_ne!(changed.fields_hash, payload().fields_hash);
        // The forger keeps the old signature on the new contents.
        let mut forged = changed.encode().expect("encode");
        forged.extend_from_slice(&original.bytes[original.bytes.len() - SIGNATURE_LEN..]);
        assert_eq!(check(&URL_SAFE_NO_PAD.encode(&forged), &[("BUC-1", &k)], None, date!(2026 - 11 - 28)), Verdict::Forged);
        // Same for a changed date and a changed holder.
        for changed in
            [Payload { expires_on: Some(date!(2030 - 01 - 01)), ..payload() }, Payload { holder: "Олена Кова".into(), ..payload() }]
        {
            let mut forged = changed.encode().expect("encode");
            forged.extend_from_slice(&original.bytes[original.bytes.len() - SIGNATURE_LEN..]);
            assert_eq!(check(&URL_SAFE_NO_PAD.encode(&forged), &[("BUC-1", &k)], None, date!(2026 - 11 - 28)), Verdict::Forged);
        }
        // Field order and the boundary between id and value count too.
        assert_ne!(fields_hash("a", "b", &[("x", "yz")]), fields_hash("a", "b", &[("xy", "z")]));
    }

    #[test]
    fn another_communitys_key_does_not_verify_and_an_unknown_key_is_not_ours() {
        let ours = key(7);
        let theirs = key(8);
        let text = payload().sign(&theirs).expect("sign").to_text();
        assert_eq!(check(&text, &[("BUC-1", &ours), ("TER-1", &theirs)], None, date!(2026 - 11 - 28)), Verdict::Forged);
        assert_eq!(check(&text, &[("TER-1", &theirs)], None, date!(2026 - 11 - 28)), Verdict::NotIssuedHere);
    }

    #[test]
    fn revoked_then_expired_then_valid() {
        let k = key(7);
        let text = payload().sign(&k).expect("sign").to_text();
        let keys = [("BUC-1", &k)];
        assert_eq!(check(&text, &keys, Some(date!(2026 - 12 - 01)), date!(2028 - 01 - 01)), Verdict::Revoked { on: date!(2026 - 12 - 01) });
        assert_eq!(check(&text, &keys, None, date!(2027 - 11 - 29)), Verdict::Expired { on: date!(2027 - 11 - 28) });
        assert_eq!(check(&text, &keys, None, date!(2027 - 11 - 28)), Verdict::Valid, "valid through its last day");
        let forever = Payload { expires_on: None, ..payload() }.sign(&k).expect("sign").to_text();
        assert_eq!(check(&forever, &keys, None, date!(2099 - 01 - 01)), Verdict::Valid);
    }

    #[test]
    fn the_payload_stays_small_enough_for_a_qr_code_read_from_paper() {
        let long = Payload {
            holder: "Олександра-Марія Шевченко-Григоренко".into(), kind: "decision".into(), ..payload()
        };
        // 36 characters (33 Cyrillic letters) are 69 bytes of UTF-8; with the rest, at most 232 characters of base64url.
        let text = long.sign(&key(1)).expect("sign").to_text();
        assert!(text.len() <= 232, "{} characters", text.len());
        let usual = payload().sign(&key(1)).expect("sign").to_text();
        assert!(usual.len() <= 172, "{} characters", usual.len());
    }

    #[test]
    fn bad_payload_parts_are_refused_when_signing() {
        let k = key(1);
        assert_eq!(Payload { holder: String::new(), ..payload() }.sign(&k), Err(PayloadError::Holder));
        assert_eq!(Payload { holder: "я".repeat(101), ..payload() }.sign(&k), Err(PayloadError::Holder));
        assert_eq!(Payload { kind: "дов".into(), ..payload() }.sign(&k), Err(PayloadError::Kind));
        assert_eq!(Payload { issued_on: date!(1999 - 01 - 01), ..payload() }.sign(&k), Err(PayloadError::Date));
        assert_eq!(Payload { key: 0, ..payload() }.sign(&k), Err(PayloadError::Key));
    }

    #[test]
    fn codes_are_read_forgivingly() {
        let code = payload().sign(&key(7)).expect("sign").verification_code();
        assert_eq!(code.len(), 11);
        assert_eq!(normalise_code(&code), Some(code.clone()));
        assert_eq!(normalise_code(&code.to_lowercase().replace('-', " ")), Some(code.clone()));
        assert_eq!(normalise_code("o1il0-ABCDE"), Some("01110-ABCDE".into()));
        assert_eq!(normalise_code("ABCDE-ABCD"), None);
        assert_eq!(normalise_code("ABCDE-ABCDU"), None, "U is not a Crockford digit");
        assert_eq!(Presented::read(&code), Presented::Code(code));
        let text = payload().sign(&key(7)).expect("sign").to_text();
        assert_eq!(Presented::read(&format!("https://x.example/verify?d={text}")), Presented::Payload(text.clone()));
        assert_eq!(Presented::read(&format!("  {text} ")), Presented::Payload(text));
        assert_eq!(Presented::read("hello"), Presented::Unreadable);
        assert_eq!(Presented::read("https://x.example/verify?x=1"), Presented::Unreadable);
    }

    #[test]
    fn numbers_and_initials() {
        let n = DocumentNumber::parse("BUC-2026-000123").expect("number");
        assert_eq!(n.to_string(), "BUC-2026-000123");
        assert_eq!(DocumentNumber::parse("buc-2026-1"), None);
        assert_eq!(DocumentNumber::parse("BUC-26-1"), None);
        assert_eq!(initials("Олена Коваль"), "О. К.");
        assert_eq!(initials("коваль  олена-марія"), "К. О. М.");
    }

    #[test]
    fn the_keys_file_verifies_offline_with_retired_keys_and_revocations() {
        let old = key(1);
        let new = key(2);
        let signed_old = Payload { key: 1, ..payload() }.sign(&old).expect("sign").to_text();
        let file = KeysFile {
            generated_at: "2026-11-28T10:00:00Z".into(),
            keys: vec![
                PublishedKey {
                    id: "BUC-1".into(),
                    community: "buchanska".into(),
                    algorithm: "Ed25519".into(),
                    public_key: public_key_text(&old.verifying_key()),
                    created_on: "2026-01-01".into(),
                    retired_on: Some("2026-11-28".into()),
                },
                PublishedKey {
                    id: "BUC-2".into(),
                    community: "buchanska".into(),
                    algorithm: "Ed25519".into(),
                    public_key: public_key_text(&new.verifying_key()),
                    created_on: "2026-11-28".into(),
                    retired_on: None,
                },
            ],
            revoked: vec![],
        };
        let json = serde_json::to_string(&file).expect("json");
        let file: KeysFile = serde_json::from_str(&json).expect("read back");
        assert_eq!(
            file.verify(&signed_old, date!(2026 - 12 - 03)).0,
            Verdict::Valid,
            "a retired key still verifies the documents it signed in use"
        );
        let after_retirement = Payload { key: 1, issued_on: date!(2026 - 11 - 29), ..payload() }.sign(&old).expect("sign").to_text();
        assert_eq!(
            file.verify(&after_retirement, date!(2026 - 12 - 03)).0,
            Verdict::Forged,
            "a retired (perhaps leaked) key makes no new documents"
        );
        let signed_new = Payload { key: 2, issued_on: date!(2026 - 11 - 29), ..payload() }.sign(&new).expect("sign").to_text();
        assert_eq!(file.verify(&signed_new, date!(2026 - 12 - 03)).0, Verdict::Valid);
        let revoked =
            KeysFile { revoked: vec![Revocation { document: "BUC-2026-000123".into(), revoked_on: "2026-11-20".into() }], ..file };
        assert_eq!(revoked.verify(&signed_old, date!(2026 - 11 - 28)).0, Verdict::Revoked { on: date!(2026 - 11 - 20) });
    }
}
