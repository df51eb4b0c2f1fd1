//! The communities' signing keys: private halves in `<data_dir>/keys/`, one
//! file of 32 bytes per key (`BUC-2.ed25519`, mode 0600 in a 0700 folder),
//! public halves in the store, where `/.well-known/hromada-keys.json` reads
//! them. Private keys never enter the database (so never its backups), the
//! logs or a response.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use hromada_domain::document::{public_key_text, signing_key};
use hromada_store::{SigningKeyRecord, Store, StoreError};
use time::OffsetDateTime;

/// Why a key could not be made or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write or read {path}: {error}")]
    Io { path: String, error: std::io::Error },
    #[error("the private key {id} is not in {path}: copy the keys folder from the instance that made it, or run `hromada keys rotate --community {community}`")]
    Missing { id: String, path: String, community: String },
    #[error("the private key in {path} does not match the published key {id}")]
    Mismatch { id: String, path: String },
    #[error("cannot draw random bytes: {0}")]
    Random(String),
}

/// The folder of private keys.
#[derive(Debug, Clone)]
pub struct KeyFolder {
    dir: PathBuf,
}

impl KeyFolder {
    pub fn new(data_dir: &Path) -> KeyFolder {
        KeyFolder { dir: data_dir.join("keys") }
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
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
        let key = signing_key(&seed);
        seed.fill(0);
        create_private_dir(&self.dir)?;
        let pending = self.dir.join(format!(".new-{community_slug}-{}.ed25519", now.unix_timestamp_nanos()));
        write_private(&pending, &key.to_bytes())?;
        match store.add_signing_key(community_slug, &public_key_text(&key.verifying_key()), now).await {
            Ok(record) => {
                let path = self.path(&record.id);
                std::fs::rename(&pending, &path).map_err(Self::io(&path))?;
                tracing::info!(key = %record.id, community = community_slug, "signing key made; the previous one is retired");
                Ok(record)
            }
            Err(error) => {
                let _ = std::fs::remove_file(&pending);
                Err(error.into())
            }
        }
    }

    /// The key a community signs with now, made on first use.
    pub async fn current(&self, store: &dyn Store, community_slug: &str, now: OffsetDateTime) -> Result<(SigningKeyRecord, SigningKey), KeyError> {
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
        let key = self.read(&record)?;
        Ok((record, key))
    }

    fn read(&self, record: &SigningKeyRecord) -> Result<SigningKey, KeyError> {
        let path = self.path(&record.id);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(KeyError::Missing { id: record.id.clone(), path: path.display().to_string(), community: record.community_slug.clone() });
            }
            Err(error) => return Err(KeyError::Io { path: path.display().to_string(), error }),
        };
        let mismatch = || KeyError::Mismatch { id: record.id.clone(), path: path.display().to_string() };
        let mut seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| mismatch())?;
        let key = signing_key(&seed);
        seed.fill(0);
        if public_key_text(&key.verifying_key()) != record.public_key {
            return Err(mismatch());
        }
        Ok(key)
    }
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
