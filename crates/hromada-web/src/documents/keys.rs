//! The communities' signing keys: private halves in `<data_dir>/keys/`, one
//! file per key (`BUC-2.ed25519`, mode 0600 in a 0700 folder), encrypted with
//! a key derived from the `keys_secret` setting, which is not kept in the data
//! dir — so a backup of the data dir holds no private key in clear text.
//! Public halves live in the store, where `/.well-known/hromada-keys.json`
//! reads them. Private keys never enter the database, the logs or a response.
//!
//! A key file is `HROMADA-KEY-1\n`, a 16-byte salt, a 12-byte nonce and the
//! 32-byte seed sealed with ChaCha20-Poly1305 under Argon2id(keys_secret, salt)
//! (90 bytes). Decrypted keys are kept in memory, so the key derivation runs
//! once per key and process. The derivation (Argon2id, 19 MiB and tens of
//! milliseconds) and the file reads, writes and `fsync` run on the blocking
//! thread pool ([`blocking`]), not on the threads that serve requests.
//!
//! The same passphrase seals the staff's TOTP secrets in the database, under
//! a key of its own: Argon2id(keys_secret, "hromada/totp-secret/v1"), derived
//! once per process (the first time a secret is sealed or opened) and kept
//! with the passphrase. A sealed secret is `HT1`, a 12-byte nonce and the
//! 20 bytes sealed with ChaCha20-Poly1305 (51 bytes), bound to its account
//! (the account id is in the associated data), so a row copied onto another
//! account does not open. Without `keys_secret` nothing is sealed or opened:
//! there is no clear-text fallback.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ed25519_dalek::SigningKey;
use hromada_domain::account::AccountId;
use hromada_domain::document::{Payload, PayloadError, Signed, key_id, public_key_text, signing_key};
use hromada_store::{SigningKeyRecord, Store, StoreError};
use time::OffsetDateTime;

use crate::http::secret::random;

/// Why a key could not be made or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write or read {path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(
        "the private key {id} is not in {path}: copy the keys folder from the instance that made it, or run `hromada keys rotate --community {community}`"
    )]
    Missing { id: String, path: String, community: String },
    #[error("the private key in {path} does not match the published key {id}")]
    Mismatch { id: String, path: String },
    #[error("cannot draw random bytes: {0}")]
    Random(String),
    #[error("documents cannot be signed: set keys_secret (HROMADA_KEYS_SECRET), the passphrase that encrypts the signing keys in {dir}")]
    NoSecret { dir: String },
    #[error("cannot decrypt {path}: it is not a key file of this version, or keys_secret is not the passphrase it was made with")]
    Locked { path: String },
    #[error(
        "documents numbered {code}-… would name key {named}, but the key in use is {key}: the community's code and its key's no longer agree"
    )]
    KeyCode { code: String, named: String, key: String },
}

/// A community's key in use, opened: what signs its documents. The private
/// half never leaves it (nor its `Debug`).
#[derive(Clone)]
pub struct Signer {
    /// The published half.
    pub record: SigningKeyRecord,
    key: SigningKey,
}

impl Signer {
    /// Sign a payload that names this key.
    pub fn sign(&self, payload: &Payload) -> Result<Signed, PayloadError> {
        payload.sign(&self.key)
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("key", &self.record.id).finish_non_exhaustive()
    }
}

/// The passphrase that encrypts the private keys and the TOTP secrets at rest
/// (setting `keys_secret`), with the TOTP sealing key once derived from it.
#[derive(Clone)]
pub struct KeysSecret(Arc<str>, Arc<std::sync::OnceLock<Option<[u8; 32]>>>);

impl PartialEq for KeysSecret {
    fn eq(&self, other: &KeysSecret) -> bool {
        self.0 == other.0
    }
}

impl Eq for KeysSecret {}

impl KeysSecret {
    pub fn new(secret: &str) -> KeysSecret {
        KeysSecret(Arc::from(secret), Arc::default())
    }

    /// The key that seals TOTP secrets: derived on first use, then kept
    /// (Argon2id takes its time on purpose; call it off the async workers).
    fn totp_key(&self) -> Option<[u8; 32]> {
        *self.1.get_or_init(|| {
            let mut key = [0u8; 32];
            hromada_domain::auth::derive_key(self.0.as_bytes(), TOTP_KEY_SALT, &mut key).ok().map(|()| key)
        })
    }

    /// Derive the TOTP sealing key now, off the async workers, if it is not yet.
    pub async fn prepare_totp_key(&self) {
        if self.1.get().is_none() {
            let secret = self.clone();
            let _ = tokio::task::spawn_blocking(move || secret.totp_key()).await;
        }
    }

    /// Whether this passphrase opens a sealed key file's content (`hromada
    /// restore` asks before it writes anything). Slow on purpose (Argon2id):
    /// call it off the async workers.
    pub fn opens_key_file(&self, bytes: &[u8]) -> bool {
        open(bytes, self).map(|mut seed| seed.fill(0)).is_some()
    }

    /// Seal a TOTP secret of `account` with a fresh nonce.
    pub async fn seal_totp(&self, account: AccountId, secret: &[u8; 20]) -> Result<Vec<u8>, KeyError> {
        self.prepare_totp_key().await;
        let failed = || KeyError::Random("the TOTP secret could not be sealed".into());
        let key = self.totp_key().ok_or_else(failed)?;
        let key = aead(&key).map_err(|_| failed())?;
        let nonce = random::<{ ring::aead::NONCE_LEN }>().map_err(|e| KeyError::Random(e.to_string()))?;
        let mut sealed = secret.to_vec();
        key.seal_in_place_append_tag(
            ring::aead::Nonce::assume_unique_for_key(nonce),
            ring::aead::Aad::from(totp_aad(account)),
            &mut sealed,
        )
        .map_err(|_| failed())?;
        let mut out = Vec::with_capacity(TOTP_MAGIC.len() + nonce.len() + sealed.len());
        out.extend_from_slice(TOTP_MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Open a sealed TOTP secret of `account`; `None` if it is not one, not this
    /// account's, or sealed under another passphrase.
    pub async fn open_totp(&self, account: AccountId, sealed: &[u8]) -> Option<[u8; 20]> {
        self.prepare_totp_key().await;
        let rest = sealed.strip_prefix(TOTP_MAGIC)?;
        if rest.len() != ring::aead::NONCE_LEN + 20 + 16 {
            return None;
        }
        let (nonce, body) = rest.split_at(ring::aead::NONCE_LEN);
        let key = aead(&self.totp_key()?).ok()?;
        let mut buffer = body.to_vec();
        let secret = key
            .open_in_place(
                ring::aead::Nonce::assume_unique_for_key(nonce.try_into().ok()?),
                ring::aead::Aad::from(totp_aad(account)),
                &mut buffer,
            )
            .ok()
            .and_then(|plain| <[u8; 20]>::try_from(&plain[..]).ok());
        buffer.fill(0);
        secret
    }
}

const TOTP_KEY_SALT: &[u8] = b"hromada/totp-secret/v1";
const TOTP_MAGIC: &[u8] = b"HT1";

fn totp_aad(account: AccountId) -> Vec<u8> {
    let mut aad = b"hromada totp secret of account ".to_vec();
    aad.extend_from_slice(&account.0.to_be_bytes());
    aad
}

/// Seal every TOTP secret still kept in clear (rows from before secrets were
/// sealed); how many were sealed. Without `keys_secret` nothing is sealed, and
/// the number still in clear is the error.
pub async fn seal_clear_totp_secrets(store: &dyn Store, secret: Option<&KeysSecret>) -> Result<usize, String> {
    let clear = store.clear_totp_secrets().await.map_err(|e| e.to_string())?;
    if clear.is_empty() {
        return Ok(0);
    }
    let Some(secret) = secret else {
        return Err(format!(
            "{} TOTP secret(s) are still in clear in the database: set keys_secret (HROMADA_KEYS_SECRET) and start again to seal them; until then no second factor is accepted",
            clear.len()
        ));
    };
    let mut sealed = 0;
    for (account, bytes) in clear {
        let Ok(secret_bytes) = <[u8; 20]>::try_from(bytes.as_slice()) else { continue };
        let sealed_bytes = secret.seal_totp(account, &secret_bytes).await.map_err(|e| e.to_string())?;
        if store.seal_totp_secret(account, &bytes, &sealed_bytes).await.map_err(|e| e.to_string())? {
            sealed += 1;
        }
    }
    Ok(sealed)
}

impl std::fmt::Debug for KeysSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeysSecret(***)")
    }
}

/// The demo's passphrase, used by `hromada demo` when none is set: demo documents are not real.
pub const DEMO_KEYS_SECRET: &str = "hromada demo: not for real documents";

const MAGIC: &[u8] = b"HROMADA-KEY-1\n";
const SALT_LEN: usize = 16;
const AAD: &[u8] = b"hromada signing key";

fn key_encryption_key(secret: &KeysSecret, salt: &[u8]) -> Result<[u8; 32], ()> {
    let mut kek = [0u8; 32];
    hromada_domain::auth::derive_key(secret.0.as_bytes(), salt, &mut kek).map_err(|_| ())?;
    Ok(kek)
}

fn aead(kek: &[u8; 32]) -> Result<ring::aead::LessSafeKey, ()> {
    ring::aead::UnboundKey::new(&ring::aead::CHACHA20_POLY1305, kek).map(ring::aead::LessSafeKey::new).map_err(|_| ())
}

/// Seal a seed with the passphrase, a fresh salt and a fresh nonce.
fn seal(seed: &[u8; 32], secret: &KeysSecret) -> Result<Vec<u8>, KeyError> {
    let random = random::<{ SALT_LEN + ring::aead::NONCE_LEN }>().map_err(|e| KeyError::Random(e.to_string()))?;
    let (salt, nonce) = random.split_at(SALT_LEN);
    let failed = || KeyError::Random("the key could not be sealed".into());
    let mut kek = key_encryption_key(secret, salt).map_err(|_| failed())?;
    let key = aead(&kek).map_err(|_| failed())?;
    kek.fill(0);
    let nonce_bytes: [u8; ring::aead::NONCE_LEN] = nonce.try_into().map_err(|_| failed())?;
    let mut sealed = seed.to_vec();
    key.seal_in_place_append_tag(ring::aead::Nonce::assume_unique_for_key(nonce_bytes), ring::aead::Aad::from(AAD), &mut sealed)
        .map_err(|_| failed())?;
    let mut out = Vec::with_capacity(MAGIC.len() + random.len() + sealed.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&random);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Open a sealed seed; `None` if the bytes are not one or the passphrase is not its own.
fn open(bytes: &[u8], secret: &KeysSecret) -> Option<[u8; 32]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    if rest.len() != SALT_LEN + ring::aead::NONCE_LEN + 32 + 16 {
        return None;
    }
    let (salt, rest) = rest.split_at(SALT_LEN);
    let (nonce, sealed) = rest.split_at(ring::aead::NONCE_LEN);
    let mut kek = key_encryption_key(secret, salt).ok()?;
    let key = aead(&kek).ok()?;
    kek.fill(0);
    let mut buffer = sealed.to_vec();
    let seed = key
        .open_in_place(ring::aead::Nonce::assume_unique_for_key(nonce.try_into().ok()?), ring::aead::Aad::from(AAD), &mut buffer)
        .ok()
        .and_then(|plain| <[u8; 32]>::try_from(&plain[..]).ok());
    buffer.fill(0);
    seed
}

/// The folder of private keys, with the keys read so far.
#[derive(Clone)]
pub struct KeyFolder {
    dir: PathBuf,
    secret: Option<KeysSecret>,
    opened: Arc<Mutex<HashMap<String, SigningKey>>>,
}

impl std::fmt::Debug for KeyFolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFolder").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl KeyFolder {
    pub fn new(data_dir: &Path, secret: Option<KeysSecret>) -> KeyFolder {
        KeyFolder { dir: data_dir.join("keys"), secret, opened: Arc::default() }
    }

    fn secret(&self) -> Result<&KeysSecret, KeyError> {
        self.secret.as_ref().ok_or_else(|| KeyError::NoSecret { dir: self.dir.display().to_string() })
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.ed25519"))
    }

    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
        move |error| KeyError::Io { path: path.display().to_string(), error }
    }

    /// Make a new key for the community and retire the one in use (its
    /// documents still verify). The private half is written before the public
    /// half is published, so a published key always has its file here.
    pub async fn rotate(&self, store: &dyn Store, community_slug: &str, now: OffsetDateTime) -> Result<SigningKeyRecord, KeyError> {
        let secret = self.secret()?.clone();
        let mut seed = random::<32>().map_err(|e| KeyError::Random(e.to_string()))?;
        let key = signing_key(&seed);
        let dir = self.dir.clone();
        let pending = self.dir.join(format!(".new-{community_slug}-{}.ed25519", now.unix_timestamp_nanos()));
        let written = pending.clone();
        let sealed_copy = seed;
        seed.fill(0);
        blocking(move || {
            let mut seed = sealed_copy;
            let sealed = seal(&seed, &secret);
            seed.fill(0);
            let sealed = sealed?;
            create_private_dir(&dir)?;
            write_private(&written, &sealed)
        })
        .await?;
        match store.add_signing_key(community_slug, &public_key_text(&key.verifying_key()), now).await {
            Ok(record) => {
                let path = self.path(&record.id);
                blocking(move || std::fs::rename(&pending, &path).map_err(Self::io(&path))).await?;
                if let Ok(mut opened) = self.opened.lock() {
                    opened.insert(record.id.clone(), key);
                }
                tracing::info!(key = %record.id, community = community_slug, "signing key made; the previous one is retired");
                Ok(record)
            }
            Err(error) => {
                let _ = blocking(move || Ok(std::fs::remove_file(&pending))).await;
                Err(error.into())
            }
        }
    }

    /// The key a community signs with now, made on first use.
    pub async fn current(
        &self,
        store: &dyn Store,
        community_slug: &str,
        now: OffsetDateTime,
    ) -> Result<(SigningKeyRecord, SigningKey), KeyError> {
        let in_use = |keys: Vec<SigningKeyRecord>| keys.into_iter().find(|k| k.community_slug == community_slug && k.retired_at.is_none());
        let record = match in_use(store.signing_keys().await?) {
            Some(record) => record,
            None => match self.rotate(store, community_slug, now).await {
                Ok(record) => record,
                // Someone else made the first key meanwhile: use theirs.
                Err(KeyError::Store(StoreError::Conflict(_) | StoreError::Database(_))) => {
                    in_use(store.signing_keys().await?).ok_or(KeyError::Store(StoreError::NotFound))?
                }
                Err(other) => return Err(other),
            },
        };
        let key = self.read(&record).await?;
        Ok((record, key))
    }

    /// What signs the community's documents numbered under `code` now: its
    /// key in use, made on first use. A payload names its key by the number's
    /// community code ("BUC-2"); when the community's code changed after its
    /// key was made, a key under the new code is made first, so that a
    /// document never names a key that did not sign it.
    pub async fn signer(&self, store: &dyn Store, community_slug: &str, code: &str, now: OffsetDateTime) -> Result<Signer, KeyError> {
        let (mut record, mut key) = self.current(store, community_slug, now).await?;
        if key_id(code, record.number) != record.id {
            self.rotate(store, community_slug, now).await?;
            (record, key) = self.current(store, community_slug, now).await?;
            let named = key_id(code, record.number);
            if named != record.id {
                return Err(KeyError::KeyCode { code: code.to_string(), named, key: record.id });
            }
        }
        Ok(Signer { record, key })
    }

    /// Open the private half of a published key: that its file is here, that
    /// `keys_secret` opens it and that it matches (after a restore, say).
    pub async fn open(&self, record: &SigningKeyRecord) -> Result<(), KeyError> {
        self.read(record).await.map(|_| ())
    }

    async fn read(&self, record: &SigningKeyRecord) -> Result<SigningKey, KeyError> {
        if let Some(key) = self.opened.lock().ok().and_then(|opened| opened.get(&record.id).cloned()) {
            return Ok(key);
        }
        let secret = self.secret()?.clone();
        let path = self.path(&record.id);
        let wanted = record.clone();
        let key = blocking(move || unseal(&path, &wanted, &secret)).await?;
        if let Ok(mut opened) = self.opened.lock() {
            opened.insert(record.id.clone(), key.clone());
        }
        Ok(key)
    }
}

/// Runs file work and key derivation on the blocking thread pool.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, KeyError> + Send + 'static) -> Result<T, KeyError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| KeyError::Io { path: "(a key file)".into(), error: std::io::Error::other(e.to_string()) })?
}

/// Reads and decrypts the private key of `record` from `path`, and checks it against its published half.
fn unseal(path: &Path, record: &SigningKeyRecord, secret: &KeysSecret) -> Result<SigningKey, KeyError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(KeyError::Missing {
                id: record.id.clone(),
                path: path.display().to_string(),
                community: record.community_slug.clone(),
            });
        }
        Err(error) => return Err(KeyError::Io { path: path.display().to_string(), error }),
    };
    let Some(mut seed) = open(&bytes, secret) else { return Err(KeyError::Locked { path: path.display().to_string() }) };
    let key = signing_key(&seed);
    seed.fill(0);
    if public_key_text(&key.verifying_key()) != record.public_key {
        return Err(KeyError::Mismatch { id: record.id.clone(), path: path.display().to_string() });
    }
    Ok(key)
}

fn create_private_dir(dir: &Path) -> Result<(), KeyError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(KeyFolder::io(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(KeyFolder::io(dir))?;
    }
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), KeyError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(KeyFolder::io(path))?;
    file.write_all(bytes).map_err(KeyFolder::io(path))?;
    file.sync_all().map_err(KeyFolder::io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_only_with_its_passphrase_and_holds_no_clear_seed() {
        let seed = [42u8; 32];
        let secret = KeysSecret::new("correct horse battery staple");
        let Ok(sealed) = seal(&seed, &secret) else { panic!("seal") };
        assert_eq!(sealed.len(), 90);
        assert!(!sealed.windows(8).any(|w| w == [42u8; 8]), "the seed is not in the file in clear");
        assert_eq!(open(&sealed, &secret), Some(seed));
        assert_eq!(open(&sealed, &KeysSecret::new("another passphrase entirely")), None);
        let mut changed = sealed.clone();
        changed[40] ^= 1;
        assert_eq!(open(&changed, &secret), None, "a changed file does not open");
        assert_eq!(open(&sealed[..89], &secret), None);
        assert_eq!(open(&seed, &secret), None, "a bare seed is not a key file");
        let Ok(again) = seal(&seed, &secret) else { panic!("seal") };
        assert_ne!(again, sealed, "a fresh salt and nonce each time");
    }

    #[test]
    fn the_passphrase_never_shows_in_debug_output() {
        let folder = KeyFolder::new(Path::new("/tmp/x"), Some(KeysSecret::new("very secret words here")));
        assert!(!format!("{folder:?} {:?}", KeysSecret::new("very secret words here")).contains("secret words"));
    }
}
