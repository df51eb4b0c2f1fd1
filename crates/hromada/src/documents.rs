//! `hromada keys …` and `hromada document verify`: the communities' signing
//! keys, and checking a document offline with nothing but the published keys.

use std::path::Path;

use hromada_domain::clock::kyiv_time;
use hromada_domain::document::{KeysFile, Presented, Verdict, format_day};
use hromada_store::{Store, StoreError};
use hromada_web::keys::{KeyError, KeyFolder};
use time::Date;

/// What `document verify` found: the exit code and the words it prints.
pub struct Checked {
    pub code: u8,
    pub text: String,
}

/// Check `input` (a payload or the QR code's URL) with the keys file at
/// `keys`: exit 0 only if the signature is good and the document in force
/// (not expired, not revoked as far as the file knows); 1 if it is not; 2 if
/// the question cannot be answered (no keys file, not a payload).
pub fn verify(keys: &Path, input: &str, today: Date) -> Checked {
    let problem = |text: String| Checked { code: 2, text };
    let json = match std::fs::read_to_string(keys) {
        Ok(json) => json,
        Err(e) => return problem(format!("cannot read the keys file {}: {e}", keys.display())),
    };
    let file: KeysFile = match serde_json::from_str(&json) {
        Ok(file) => file,
        Err(e) => {
            return problem(format!(
                "{}:{}:{}: not a keys file ({e}); download it from https://<installation>/.well-known/hromada-keys.json",
                keys.display(),
                e.line(),
                e.column()
            ));
        }
    };
    let payload = match Presented::read(input) {
        Presented::Payload(p) => p,
        Presented::Code(code) => {
            return problem(format!(
                "{code} is a verification code: it can only be checked online, at /verify of the installation. Offline, give the QR code's URL or its payload."
            ));
        }
        Presented::Unreadable => {
            // Not even shaped like one: say so as a forgery would be said, with a hint.
            return Checked { code: 1, text: "FORGED OR DAMAGED — not a document payload: give the URL the QR code holds (…/verify?d=…) or its d= part.\nДокумент підроблений або пошкоджений.".into() };
        }
    };
    let (verdict, read) = file.verify(&payload, today);
    let headline = match &verdict {
        Verdict::Valid => "GENUINE AND VALID — Документ справжній і чинний".to_string(),
        Verdict::Revoked { on } => format!("REVOKED on {} — Документ відкликано", format_day(*on)),
        Verdict::Expired { on } => format!("EXPIRED on {} — Строк дії закінчився", format_day(*on)),
        Verdict::NotIssuedHere => "NOT ISSUED HERE — its key is not in this keys file (Документ видано не тут)".to_string(),
        Verdict::Forged => {
            "FORGED OR DAMAGED — the signature does not match the contents (Документ підроблений або пошкоджений)".to_string()
        }
    };
    let mut text = headline;
    if let Some(p) = read {
        let community = file.keys.iter().find(|k| k.id == p.key_id()).map(|k| k.community.clone()).unwrap_or_default();
        text.push_str(&format!(
            "\ndocument: {} {}\nissued: {}; valid until: {}\nholder: {}\nsigned with: {} ({community})\nrevocations known as of: {}",
            p.kind,
            p.number,
            format_day(p.issued_on),
            p.expires_on.map(format_day).unwrap_or_else(|| "no expiry".into()),
            p.holder,
            p.key_id(),
            file.generated_at,
        ));
    }
    Checked { code: if verdict == Verdict::Valid { 0 } else { 1 }, text }
}

/// `hromada keys rotate`: a new key for the community; the old one retires but still verifies.
pub async fn rotate(store: &dyn Store, data_dir: &Path, secret: Option<&str>, community: &str) -> Result<String, String> {
    let Some(secret) = secret else {
        return Err(format!(
            "set keys_secret (HROMADA_KEYS_SECRET): the passphrase that seals the keys in {} (for the demo's data: \"{}\")",
            data_dir.join("keys").display(),
            hromada_web::keys::DEMO_KEYS_SECRET
        ));
    };
    let folder = KeyFolder::new(data_dir, Some(hromada_web::keys::KeysSecret::new(secret)));
    match folder.rotate(store, community, time::OffsetDateTime::now_utc()).await {
        Ok(key) => Ok(format!(
            "new signing key {} for {community} (private half in {}); documents signed with earlier keys still verify",
            key.id,
            data_dir.join("keys").display()
        )),
        Err(KeyError::Store(StoreError::NotFound)) => {
            Err(format!("no community {community}: give the slug of a community of this installation (as in its address)"))
        }
        Err(e) => Err(e.to_string()),
    }
}

/// `hromada keys list`: every key, in use or retired, with dates in Kyiv as the keys file has them.
pub async fn list(store: &dyn Store) -> Result<String, String> {
    let keys = store.signing_keys().await.map_err(|e| format!("cannot read the keys: {e}"))?;
    if keys.is_empty() {
        return Ok(
            "no signing keys yet: a community gets one with its first document, or with `hromada keys rotate --community SLUG`".into()
        );
    }
    Ok(keys
        .iter()
        .map(|k| {
            let state = match k.retired_at {
                Some(at) => format!("retired {}", format_day(kyiv_time(at).date())),
                None => "in use".into(),
            };
            format!("{}\t{}\tcreated {}\t{state}\t{}", k.id, k.community_slug, format_day(kyiv_time(k.created_at).date()), k.public_key)
        })
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use hromada_domain::document::{DocumentNumber, Payload, PublishedKey, Revocation, fields_hash, public_key_text, signing_key};
    use hromada_store::testing::TempDir;
    use time::macros::date;

    fn write_keys(dir: &TempDir, revoked: Vec<Revocation>) -> std::path::PathBuf {
        let file = KeysFile {
            generated_at: "2026-11-28T10:00:00Z".into(),
            keys: vec![PublishedKey {
                id: "BUC-1".into(),
                community: "buchanska".into(),
                algorithm: "Ed25519".into(),
                public_key: public_key_text(&signing_key(&[5; 32]).verifying_key()),
                created_on: "2026-01-01".into(),
                retired_on: None,
            }],
            revoked,
        };
        let path = dir.path().join("keys.json");
        std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
        path
    }

    fn url() -> String {
        let payload = Payload {
            number: DocumentNumber { code: "BUC".into(), year: 2026, serial: 7 },
            key: 1,
            kind: "certificate".into(),
            issued_on: date!(2026 - 11 - 28),
            expires_on: Some(date!(2027 - 11 - 28)),
            holder: "Олена Коваль".into(),
            fields_hash: fields_hash("Бучанська громада", "Довідка", &[]),
        };
        format!("https://hromada.example/verify?d={}", payload.sign(&signing_key(&[5; 32])).unwrap().to_text())
    }

    #[test]
    fn exit_0_only_for_a_genuine_document_in_force() {
        let dir = TempDir::new();
        let keys = write_keys(&dir, vec![]);
        let good = verify(&keys, &url(), date!(2026 - 12 - 01));
        assert_eq!(good.code, 0, "{}", good.text);
        assert!(good.text.starts_with("GENUINE AND VALID") && good.text.contains("BUC-2026-000007") && good.text.contains("Олена Коваль"));
        assert_eq!(verify(&keys, &url(), date!(2027 - 11 - 29)).code, 1, "expired");
        let cut = url()[..url().len() - 3].to_string();
        let forged = verify(&keys, &cut, date!(2026 - 12 - 01));
        assert_eq!(forged.code, 1);
        assert!(forged.text.starts_with("FORGED"), "{}", forged.text);
        let revoked = write_keys(&dir, vec![Revocation { document: "BUC-2026-000007".into(), revoked_on: "2026-11-30".into() }]);
        let said = verify(&revoked, &url(), date!(2026 - 12 - 01));
        assert_eq!(said.code, 1);
        assert!(said.text.starts_with("REVOKED on 2026-11-30"), "{}", said.text);
    }

    #[test]
    fn exit_2_when_the_question_cannot_be_answered() {
        let dir = TempDir::new();
        let missing = verify(&dir.path().join("nope.json"), &url(), date!(2026 - 12 - 01));
        assert_eq!(missing.code, 2);
        assert!(missing.text.contains("nope.json"), "{}", missing.text);
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{\n  \"keys\": 5\n}").unwrap();
        let wrong = verify(&bad, &url(), date!(2026 - 12 - 01));
        assert_eq!(wrong.code, 2);
        assert!(wrong.text.contains("bad.json:2:"), "the file and line: {}", wrong.text);
        let keys = write_keys(&dir, vec![]);
        let code = verify(&keys, "7K3MQ-9XD2A", date!(2026 - 12 - 01));
        assert_eq!(code.code, 2);
        assert!(code.text.contains("online"), "{}", code.text);
    }
}
