//! What shelf remembers between runs: read marks, bookmarks, the last session and the
//! reader's place in recently read posts, in one SQLite database in the platform's data
//! directory ([`db`]), keyed per archive (its canonical roots, [`archive_key`]) and per
//! post (its id, with its fingerprint so a moved or renamed post keeps its marks).
//!
//! [`book`] and [`session`] are the plain data that travels between the database and
//! the app; only [`db`] does I/O. The app never sees the database: it asks for writes as
//! effects, which a worker thread applies, one transaction each.

pub mod book;
pub mod db;
pub mod session;

use std::path::{Path, PathBuf};

pub use book::{Mark, MarkBook, MarkChange, PositionChange};
pub use db::{Opened, Store, StoreError};
pub use session::Session;

/// What names an archive in the database: its roots, canonical (so `.` and its full path
/// are one archive), sorted and one per line; `bundled:` for the archive built into shelf.
pub fn archive_key(roots: &[PathBuf]) -> String {
    if roots.is_empty() {
        return "bundled:".to_string();
    }
    let mut canonical: Vec<String> = roots
        .iter()
        .map(|root| {
            std::fs::canonicalize(root)
                .unwrap_or_else(|_| absolute(root))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    canonical.sort();
    canonical.dedup();
    canonical.join("\n")
}

/// `path` made absolute without touching the disk (for a root that cannot be resolved).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_is_its_canonical_roots_in_any_order() {
        let dir = tempfile::tempdir().ok();
        let Some(dir) = dir else {
            panic!("no temporary directory");
        };
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir_all(d).ok();
        }
        let dotted = dir.path().join("b/../a");
        assert_eq!(
            archive_key(&[a.clone(), b.clone()]),
            archive_key(&[b.clone(), dotted])
        );
        assert_ne!(archive_key(&[a]), archive_key(&[b]));
        assert_eq!(archive_key(&[]), "bundled:");
    }
}
