//! Where no database can be had, `open` gives no store and says so in one line. These
//! shapes fail for root too (chmod would not stop root writing).

use super::*;

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
        notice.ends_with("nothing is saved this session"),
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
