//! Files that survive a power cut once written: what the outbox keeps (and
//! anything else that must not be half there, such as uploaded content).
//!
//! [`write_file`] writes to a temporary name in the same folder, flushes the
//! file to disk (`fsync`), renames it to its name, and flushes the folder, so
//! that after a crash the name holds either nothing (or what it held before)
//! or the whole new content, never part of it, and once it returns `Ok` a
//! power cut cannot take the file away.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Write `bytes` as `dir/name` durably (see the module), making `dir` (and
/// flushing its parent) if it does not exist yet; a file of that name is
/// replaced whole. The path written. Blocking: call it off the async workers.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    let path = dir.join(name);
    // A dot name that ends in `.tmp`: no reader of the folder takes it for a file of its own.
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &path)?;
        sync_dir(dir)
    })();
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(error);
    }
    Ok(path)
}

/// Flush a folder's entries (a new or renamed file in it) to disk.
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}
