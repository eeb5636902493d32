//! Where no database can be had, `open` gives no store and says so in one line; where
//! it can only be read, a store that reads and refuses writes. These shapes fail for
//! root too: chmod does not stop root writing, so the read-only checks run in a child
//! (this test binary again) that first gives up root, if it has it, for `nobody`.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use shelf::store::{Session, StoreError};

use super::*;

/// Set (to the test's directory) in the read-only child's environment.
const CHILD_ENV: &str = "SHELF_STORE_TEST_READ_ONLY";
/// The uid and gid the child takes when it starts as root.
const NOBODY: u32 = 65534;
/// What the child prints when all its checks passed.
const PASSED: &str = "read-only checks passed";

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_database_that_can_only_be_read_is_read_but_not_written() {
    let dir = tempfile::tempdir().unwrap();
    // A writable directory holding a write-protected database.
    let writable = dir.path().join("writable");
    std::fs::create_dir(&writable).unwrap();
    let path = writable.join("state.db");
    store_at(&path)
        .mark(ARCHIVE, &change("kept", 1, Some(true), None))
        .unwrap();
    chmod(&path, 0o444);
    // A write-protected directory holding a database.
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    store_at(&locked.join("state.db"))
        .mark(ARCHIVE, &change("kept", 1, Some(true), None))
        .unwrap();
    chmod(&locked.join("state.db"), 0o444);
    chmod(&locked, 0o555);
    chmod(&writable, 0o777);
    chmod(dir.path(), 0o755);
    let before = std::fs::read(&path).unwrap();

    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "unavailable::read_only_child",
            "--exact",
            "--nocapture",
            "--include-ignored",
        ])
        .env(CHILD_ENV, dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains(PASSED),
        "the child failed: {stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    chmod(&locked, 0o755); // So the temporary directory can be removed.
}

#[test]
#[ignore = "the child the read-only test runs, without root; does nothing on its own"]
fn read_only_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    // SAFETY: plain syscalls; this process is a single-threaded-enough test child, and
    // dropping the group before the user is the order they must come in.
    unsafe {
        if libc::geteuid() == 0 {
            assert_eq!(libc::setgroups(0, std::ptr::null()), 0);
            assert_eq!(libc::setgid(NOBODY), 0);
            assert_eq!(libc::setuid(NOBODY), 0);
        }
        assert_ne!(
            libc::geteuid(),
            0,
            "still root: the checks would prove nothing"
        );
    }

    // The write-protected file: read, writes refused, and said so.
    let path = dir.join("writable/state.db");
    let opened = db::open(&path);
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(
        opened.notices[0].contains("read-only"),
        "{:?}",
        opened.notices
    );
    assert!(
        opened.notices[0].contains("nothing is saved"),
        "{:?}",
        opened.notices
    );
    let mut store = opened.store.expect("a store that reads");
    assert!(store.is_read_only());
    assert_eq!(
        store.book(ARCHIVE).unwrap().by_id["kept"],
        mark(true, false)
    );
    let refused = store.mark(ARCHIVE, &change("new", 2, Some(true), None));
    assert!(
        matches!(refused, Err(StoreError::ReadOnly { .. })),
        "{refused:?}"
    );
    let refused = store.save_session(ARCHIVE, &Session::default());
    assert!(
        matches!(refused, Err(StoreError::ReadOnly { .. })),
        "{refused:?}"
    );
    drop(store);

    // The write-protected directory: SQLite cannot even make its -shm there.
    let opened = db::open(&dir.join("locked/state.db"));
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(
        opened.notices[0].contains("nothing is saved"),
        "{:?}",
        opened.notices
    );
    if let Some(mut store) = opened.store {
        let refused = store.mark(ARCHIVE, &change("new", 2, Some(true), None));
        assert!(
            matches!(refused, Err(StoreError::ReadOnly { .. })),
            "{refused:?}"
        );
    }
    // And no database can be made in it.
    let opened = db::open(&dir.join("locked/other.db"));
    assert!(opened.store.is_none());
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    println!("{PASSED}");
}

#[test]
fn a_data_dir_under_a_regular_file_gives_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"a file").unwrap();
    let path = file.join("shelf").join("state.db");
    let opened = db::open(&path);
    assert!(opened.store.is_none());
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    let notice = &opened.notices[0];
    assert!(
        notice.contains("cannot create the data directory"),
        "{notice}"
    );
    assert!(
        notice.starts_with("nothing is saved this session: "),
        "{notice}"
    );
    assert!(!notice.contains('\n'));
    assert_eq!(std::fs::read(&file).unwrap(), b"a file");
}

#[test]
fn a_directory_where_the_database_should_be_gives_no_store() {
    let (dir, path) = temp_db();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside"), b"kept").unwrap();
    let opened = db::open(&path);
    assert!(opened.store.is_none());
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(
        opened.notices[0].contains("is not a file"),
        "{:?}",
        opened.notices
    );
    // Not moved aside: it is not a damaged database, just in the way.
    assert!(path.is_dir());
    assert_eq!(std::fs::read(path.join("inside")).unwrap(), b"kept");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
