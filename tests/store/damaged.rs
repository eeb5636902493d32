//! Files that cannot be read are moved aside, unchanged, and a fresh database made; a
//! newer shelf's database is not touched at all.

use std::path::{Path, PathBuf};

use super::*;

/// A real database with enough marks to span many pages; its bytes.
fn real_database(path: &Path) -> Vec<u8> {
    let mut store = store_at(path);
    for n in 0..1500u64 {
        let id = format!("posts/{n:05}/a-rather-long-slug-to-fill-pages");
        store
            .mark(ARCHIVE, &change(&id, n, Some(true), Some(n % 3 == 0)))
            .unwrap();
    }
    drop(store); // The last connection checkpoints the WAL into the file.
    assert!(!with_suffix(path, "-wal").exists());
    std::fs::read(path).unwrap()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The files in `dir` whose names start with `state.db.corrupt-`.
fn moved_aside(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("state.db.corrupt-"))
        })
        .collect();
    found.sort();
    found
}

/// Opens `path`, which holds `bytes` that cannot be read: the file must be moved
/// aside unchanged, the notice must say where, and the new database must work.
fn assert_moved_aside(dir: &Path, path: &Path, bytes: &[u8], why: &str) {
    std::fs::write(path, bytes).unwrap();
    let opened = db::open(path);
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    let notice = &opened.notices[0];
    // The -wal and -shm beside it (SQLite's own, or left by the check) go with it.
    let moved: Vec<PathBuf> = moved_aside(dir)
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with("-wal") && !name.ends_with("-shm")
        })
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    let moved = &moved[0];
    assert!(notice.contains(&moved.display().to_string()), "{notice}");
    assert!(!notice.contains('\n'), "not one line: {notice}");
    assert!(notice.contains(why), "{notice}");
    // Named by the UTC time: state.db.corrupt-YYYYMMDDTHHMMSSZ.
    let name = moved.file_name().unwrap().to_str().unwrap();
    let stamp = name.trim_start_matches("state.db.corrupt-");
    assert_eq!(stamp.len(), 16, "{name}");
    assert!(
        stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
        "{name}"
    );
    assert_eq!(
        std::fs::read(moved).unwrap(),
        bytes,
        "the moved file changed"
    );

    let mut store = opened.store.expect("a fresh store");
    assert!(store.book(ARCHIVE).unwrap().by_id.is_empty());
    store
        .mark(ARCHIVE, &change("p", 1, Some(true), None))
        .unwrap();
    drop(store);
    let store = store_at(path);
    assert_eq!(store.book(ARCHIVE).unwrap().by_id["p"], mark(true, false));
    drop(store);
    assert_eq!(integrity(path), "ok");
    assert_eq!(
        std::fs::read(moved).unwrap(),
        bytes,
        "the moved file changed"
    );
}

#[test]
fn text_is_moved_aside_with_its_wal_and_shm() {
    let (dir, path) = temp_db();
    let wal = with_suffix(&path, "-wal");
    let shm = with_suffix(&path, "-shm");
    std::fs::write(&wal, b"stale wal").unwrap();
    std::fs::write(&shm, b"stale shm").unwrap();
    assert_moved_aside(
        dir.path(),
        &path,
        b"[marks]\nread = [\"a\"]\n",
        "not an SQLite database",
    );
    let moved = moved_aside(dir.path());
    // The database's own name plus -wal, -shm: the three moved together.
    let moved_wal = moved
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-wal"))
        .expect("the -wal moved along");
    assert_eq!(std::fs::read(moved_wal).unwrap(), b"stale wal");
    let moved_shm = moved
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-shm"))
        .expect("the -shm moved along");
    assert_eq!(std::fs::read(moved_shm).unwrap(), b"stale shm");
}

#[test]
fn a_zero_filled_file_is_moved_aside() {
    let (dir, path) = temp_db();
    assert_moved_aside(dir.path(), &path, &vec![0u8; 8192], "zero-filled");
}

#[test]
fn a_file_cut_inside_the_header_is_moved_aside() {
    let (dir, path) = temp_db();
    let real = real_database(&path);
    assert_moved_aside(dir.path(), &path, &real[..40], "cut short");
}

#[test]
fn a_truncated_copy_of_a_real_database_is_moved_aside() {
    let (dir, path) = temp_db();
    let real = real_database(&path);
    assert!(real.len() > 16 * 4096, "{} bytes", real.len());
    // Half the pages: the header still counts them all.
    assert_moved_aside(dir.path(), &path, &real[..real.len() / 2], "malformed");
}

#[test]
fn random_pages_behind_a_valid_header_are_moved_aside() {
    let (dir, path) = temp_db();
    let mut bytes = real_database(&path);
    // Page 1 (the header and the schema) intact, every page after it noise.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for byte in &mut bytes[4096..] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        *byte = state as u8;
    }
    assert_moved_aside(dir.path(), &path, &bytes, "malformed");
}

#[test]
fn a_database_failing_quick_check_is_moved_aside() {
    let (dir, path) = temp_db();
    let mut bytes = real_database(&path);
    // Every page reads, but the header counts free pages the file does not have:
    // only `PRAGMA quick_check` notices.
    assert_eq!(&bytes[32..40], &[0; 8]);
    bytes[36..40].copy_from_slice(&5u32.to_be_bytes());
    assert_moved_aside(dir.path(), &path, &bytes, "damaged: ");
}

#[test]
fn a_newer_shelfs_database_is_left_untouched() {
    let (dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 7;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let opened = db::open(&path);
    assert!(opened.store.is_none());
    assert_eq!(
        opened.notices,
        vec![format!(
            "nothing is saved this session: {} is from a newer shelf (schema 7, this one knows {})",
            path.display(),
            db::SCHEMA_VERSION
        )]
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing beside it: {names:?}");
}

#[test]
fn a_newer_schema_only_in_the_wal_is_left_untouched() {
    let (dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
            .unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        // Leave the upgrade in the -wal: the main file's header still says 0.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute_batch("PRAGMA user_version = 9; INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let wal = with_suffix(&path, "-wal");
    let before = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert_eq!(&before.0[60..64], &[0, 0, 0, 0]);
    let opened = db::open(&path);
    assert!(opened.store.is_none());
    assert_eq!(opened.notices.len(), 1);
    assert!(
        opened.notices[0].contains(&format!(
            "newer shelf (schema 9, this one knows {})",
            db::SCHEMA_VERSION
        )),
        "{:?}",
        opened.notices
    );
    let after = (std::fs::read(&path).unwrap(), std::fs::read(&wal).unwrap());
    assert!(after == before, "the database or its -wal changed");
    assert!(moved_aside(dir.path()).is_empty());
}
