//! Uploaded files on disk, outside the database: `<data dir>/uploads/ab/abcdef…`,
//! named by the SHA-256 of their content (the same content is stored once).
//! A file is written to a temporary name, flushed to disk, then renamed, so a
//! crash never leaves a half-written file under a real name.

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;

use hromada_domain::definition::FileType;
use hromada_domain::upload::{self, Dimensions, ImageSize};

use crate::AppState;
use crate::http::forms::UploadPart;
use crate::http::i18n::Tr;
use crate::http::render::Reject;
use crate::http::secret::random;
use crate::http::url::percent_encode;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
    /// `<data_dir>/backup.lock`: a backup (`hromada backup`) holds it
    /// exclusively while it copies; content is removed only under its shared
    /// lock, so that nothing a backup's database copy refers to goes away
    /// before the backup has copied it.
    backup_lock: PathBuf,
}

impl FileStore {
    pub fn new(data_dir: &Path) -> FileStore {
        FileStore { root: data_dir.join("uploads"), backup_lock: data_dir.join("backup.lock") }
    }

    /// The shared lock under which content may be removed: `Ok(None)` while
    /// a backup runs, unless `wait` (then it waits for the backup to end,
    /// trying again every half second: no thread is parked on the lock, so
    /// removals deferred during a long backup cannot fill the blocking pool).
    pub async fn removal_lock(&self, wait: bool) -> std::io::Result<Option<std::fs::File>> {
        loop {
            let path = self.backup_lock.clone();
            let taken = tokio::task::spawn_blocking(move || {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                let file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
                match file.try_lock_shared() {
                    Ok(()) => Ok(Some(file)),
                    Err(std::fs::TryLockError::WouldBlock) => Ok(None),
                    Err(std::fs::TryLockError::Error(error)) => Err(error),
                }
            })
            .await
            .map_err(std::io::Error::other)??;
            match taken {
                None if wait => tokio::time::sleep(std::time::Duration::from_millis(500)).await,
                taken => return Ok(taken),
            }
        }
    }

    fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        let well_formed = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Keep `bytes` (whose hex SHA-256 is `sha256`) durably.
    pub async fn put(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path_of(sha256).ok_or_else(|| std::io::Error::other("not a SHA-256"))?;
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            return Ok(());
        }
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_else(|| self.root.clone());
        tokio::fs::create_dir_all(&dir).await?;
        let suffix = random::<8>().map_err(std::io::Error::other)?;
        let temporary = dir.join(format!(".{sha256}.{}.part", suffix.iter().map(|b| format!("{b:02x}")).collect::<String>()));
        let mut file = tokio::fs::File::create(&temporary).await?;
        let written = async {
            file.write_all(bytes).await?;
            file.sync_all().await?;
            tokio::fs::rename(&temporary, &path).await?;
            // The rename itself is durable once the directory is.
            tokio::fs::File::open(&dir).await?.sync_all().await
        }
        .await;
        if written.is_err() {
            let _ = tokio::fs::remove_file(&temporary).await;
        }
        written
    }

    /// The first `limit` bytes of the content (all of it when shorter).
    pub async fn head(&self, sha256: &str, limit: u64) -> std::io::Result<Vec<u8>> {
        use tokio::io::AsyncReadExt;
        let path = self.path_of(sha256).ok_or_else(|| std::io::Error::other("not a SHA-256"))?;
        let mut bytes = Vec::new();
        tokio::fs::File::open(path).await?.take(limit).read_to_end(&mut bytes).await?;
        Ok(bytes)
    }

    pub async fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path_of(sha256).ok_or_else(|| std::io::Error::other("not a SHA-256"))?;
        tokio::fs::read(path).await
    }

    /// Remove content no case refers to any more (the caller asked the store,
    /// and holds the [`FileStore::removal_lock`]).
    pub async fn remove(&self, sha256: &str) {
        if let Some(path) = self.path_of(sha256)
            && let Err(error) = tokio::fs::remove_file(&path).await
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(%error, "could not remove an unused upload");
        }
    }
}

/// The response that sends a case's file: with its own type, never cached, and
/// as a download — except images when `inline_images` (staff pages show them)
/// whose header, read again now, declares a size within the limits.
pub(crate) fn file_response(bytes: Vec<u8>, file: &hromada_store::CaseFile, inline_images: bool) -> axum::response::Response {
    use axum::http::header::{self, HeaderValue};
    use axum::response::IntoResponse;
    use hromada_domain::definition::FileType;
    let kind = FileType::parse(&file.content_type);
    let inline =
        inline_images && matches!(kind, Some(FileType::Jpeg | FileType::Png)) && matches!(upload::image_size(&bytes), ImageSize::Fine(_));
    let ascii: String = file.name.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
    let disposition = format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        percent_encode(&file.name).replace('+', "%20")
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.map_or("application/octet-stream", FileType::code)));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An uploaded file with what its bytes say: its type, the size an image
/// declares, and its SHA-256.
pub(crate) struct Examined {
    pub part: UploadPart,
    pub kind: Option<FileType>,
    pub image: ImageSize,
    pub sha256: String,
}

/// Read the type, an image's declared size and the SHA-256 of each upload on
/// a blocking thread: hashing 25 MB would otherwise hold up the runtime's
/// worker and every request waiting on it.
pub(crate) async fn examine(parts: Vec<UploadPart>) -> Result<Vec<Examined>, Reject> {
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    tokio::task::spawn_blocking(move || {
        parts
            .into_iter()
            .map(|part| Examined {
                kind: upload::sniff(&part.bytes),
                image: upload::image_size(&part.bytes),
                sha256: upload::sha256_hex(&part.bytes),
                part,
            })
            .collect()
    })
    .await
    .map_err(Reject::unavailable)
}

/// Check an uploaded file against what a field accepts: its type from its
/// bytes, its size, and an image's declared size; the message for the
/// resident otherwise.
pub(crate) fn check_upload(t: &Tr<'_>, file: &Examined, accept: &[FileType], max_bytes: u64) -> Result<FileType, String> {
    let name = &file.part.name;
    let shown: String = name.rsplit(['/', '\\']).next().unwrap_or(name).chars().filter(|c| !c.is_control()).take(100).collect();
    let shown = if shown.is_empty() { "file".to_string() } else { shown };
    if file.part.bytes.len() as u64 > max_bytes {
        return Err(t.args("upload-too-big", &[("name", shown), ("size", t.size(max_bytes as i64))]));
    }
    let kind = match file.kind {
        Some(kind) if accept.contains(&kind) => kind,
        _ => {
            let kinds: Vec<&str> = accept.iter().map(|k| upload::extension(*k)).collect();
            return Err(t.args("upload-wrong-type", &[("name", shown), ("kinds", kinds.join(", ").to_uppercase())]));
        }
    };
    match file.image {
        ImageSize::NotAnImage | ImageSize::Fine(_) => Ok(kind),
        ImageSize::Unreadable => Err(t.with("upload-image-unreadable", "name", &shown)),
        // Units (px, Мп) rather than words, so no number needs a plural form.
        ImageSize::TooLarge(d) => Err(t.args(
            "upload-image-too-large",
            &[
                ("name", shown),
                ("width", d.width.to_string()),
                ("height", d.height.to_string()),
                ("side", upload::MAX_IMAGE_SIDE.to_string()),
                ("megapixels", (upload::MAX_IMAGE_PIXELS / 1_000_000).to_string()),
            ],
        )),
    }
}

/// The box an image of a case is shown in on the staff case page, in CSS pixels
/// (the stylesheet caps `.preview` at 20rem high and the column's width too).
pub(crate) const SHOWN_IMAGE_BOX: (u32, u32) = (640, 320);

/// How much of an image is read to find its declared size for the staff page:
/// a JPEG's frame header follows its EXIF and colour profiles, 64 KB each.
const SHOWN_IMAGE_HEAD: u64 = 512 * 1024;

impl FileStore {
    /// The size to show a case's image at on the staff page (within
    /// [`SHOWN_IMAGE_BOX`]), from its header read again from disk — whatever
    /// was checked when it came in — or `None`: not an image, unreadable, too
    /// large, or its header not in the first 512 KB; it is then a link only.
    pub(crate) async fn shown_size(&self, file: &hromada_store::CaseFile) -> Option<Dimensions> {
        if !matches!(FileType::parse(&file.content_type), Some(FileType::Jpeg | FileType::Png)) {
            return None;
        }
        let head = self.head(&file.sha256, SHOWN_IMAGE_HEAD).await.ok()?;
        match upload::image_size(&head) {
            ImageSize::Fine(d) => Some(d.fit(SHOWN_IMAGE_BOX.0, SHOWN_IMAGE_BOX.1)),
            _ => None,
        }
    }
}

impl AppState {
    /// Remove from disk the content of these files that no case refers to any
    /// more: now, or, while a backup runs, once it has finished (the request
    /// does not wait for it).
    pub(crate) async fn forget_files(&self, sha256: &[String]) {
        match self.files.removal_lock(false).await {
            Ok(Some(lock)) => {
                self.remove_unreferenced(sha256).await;
                drop(lock);
            }
            Ok(None) => {
                let state = self.clone();
                let candidates = sha256.to_vec();
                tokio::spawn(async move {
                    match state.files.removal_lock(true).await {
                        Ok(Some(lock)) => {
                            state.remove_unreferenced(&candidates).await;
                            drop(lock);
                        }
                        Ok(None) => {}
                        Err(error) => tracing::warn!(%error, "could not lock the uploads after a backup; unused ones stay on disk"),
                    }
                });
            }
            Err(error) => tracing::warn!(%error, "could not lock the uploads against a backup; unused ones stay on disk"),
        }
    }

    /// Remove the content of these files that no case refers to (under the removal lock); how many were.
    pub(crate) async fn remove_unreferenced(&self, sha256: &[String]) -> u64 {
        match self.store.unreferenced_files(sha256).await {
            Ok(unused) => {
                for sha in &unused {
                    self.files.remove(sha).await;
                }
                unused.len() as u64
            }
            Err(error) => {
                tracing::warn!(%error, "could not tell which uploads are unused; they stay on disk");
                0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn content_round_trips_and_names_must_be_hashes() {
        let dir = std::env::temp_dir().join(format!("hromada-files-{}", std::process::id()));
        let store = FileStore::new(&dir);
        let bytes = b"%PDF-1.4 test";
        let sha = hromada_domain::upload::sha256_hex(bytes);
        store.put(&sha, bytes).await.expect("put");
        store.put(&sha, bytes).await.expect("the same content again");
        assert_eq!(store.read(&sha).await.expect("read"), bytes);
        assert!(store.put("../../etc/passwd", bytes).await.is_err());
        assert!(store.read("ABC").await.is_err());
        store.remove(&sha).await;
        assert!(store.read(&sha).await.is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[tokio::test]
    async fn no_content_is_removed_while_a_backup_holds_its_lock() {
        let dir = std::env::temp_dir().join(format!("hromada-files-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let store = FileStore::new(&dir);
        assert!(store.removal_lock(false).await.expect("lock").is_some(), "no backup: removals go ahead");
        // `hromada backup` holds the lock exclusively, from another process.
        let backup = std::fs::File::create(dir.join("backup.lock")).expect("lock file");
        backup.lock().expect("the backup's lock");
        assert!(store.removal_lock(false).await.expect("lock").is_none(), "a request does not remove, nor wait");
        let waiting = tokio::spawn({
            let store = store.clone();
            async move { store.removal_lock(true).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        assert!(!waiting.is_finished(), "housekeeping waits for the backup");
        backup.unlock().expect("the backup ends");
        assert!(waiting.await.expect("task").expect("lock").is_some(), "then it goes ahead");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
