//! The database of what shelf remembers, used as the app and the CLI use it: through
//! `store::db::open`, on files in a temporary directory (never the user's data dir),
//! including damaged files, a newer shelf's database, two instances at once and a
//! process killed mid-write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod concurrent;
mod damaged;
mod persist;
mod sigkill;
#[cfg(unix)]
mod unavailable;

use std::path::{Path, PathBuf};

use shelf::store::db::{self, Store};
use shelf::store::{Mark, MarkChange};

/// The archive key most tests use.
pub const ARCHIVE: &str = "/home/someone/blog";

/// A temporary directory and `state.db` in it (not yet made).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.db");
    (dir, path)
}

/// Opens the database at `path`, which must work without a notice.
pub fn store_at(path: &Path) -> Store {
    let opened = db::open(path);
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    opened.store.expect("a store")
}

/// A change of `id`'s marks.
pub fn change(
    id: &str,
    fingerprint: u64,
    read: Option<bool>,
    bookmarked: Option<bool>,
) -> MarkChange {
    MarkChange {
        id: id.to_string(),
        fingerprint,
        read,
        bookmarked,
    }
}

/// A mark.
pub fn mark(read: bool, bookmarked: bool) -> Mark {
    Mark { read, bookmarked }
}

/// `PRAGMA integrity_check`'s answer for the file at `path`, read by a plain connection.
pub fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}
