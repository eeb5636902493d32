//! What is saved is there after closing and opening again, and found by fingerprint.

use shelf::store::{PositionChange, Session};

use super::*;

#[test]
fn marks_positions_and_the_session_survive_reopening() {
    let (_dir, path) = temp_db();
    let session = Session {
        query: "#rust".into(),
        tags: vec!["rust".into()],
        selected: Some("2020/a".into()),
        ..Session::default()
    };
    {
        let mut store = store_at(&path);
        assert_eq!(store.path(), path);
        store
            .mark(ARCHIVE, &change("2020/a", 11, Some(true), None))
            .unwrap();
        store
            .mark(ARCHIVE, &change("2020/b", 12, None, Some(true)))
            .unwrap();
        store
            .mark("/elsewhere", &change("2020/a", 13, Some(true), Some(true)))
            .unwrap();
        let position = PositionChange {
            id: "2020/a".into(),
            fingerprint: 11,
            line: 42,
        };
        store.save_position(ARCHIVE, &position).unwrap();
        store.save_session(ARCHIVE, &session).unwrap();
    }
    let store = store_at(&path);
    let book = store.book(ARCHIVE).unwrap();
    assert_eq!(book.by_id.len(), 2);
    assert_eq!(book.by_id["2020/a"], mark(true, false));
    assert_eq!(book.by_id["2020/b"], mark(false, true));
    assert_eq!(book.positions.get("2020/a"), Some(&42));
    assert_eq!(store.session(ARCHIVE).unwrap(), Some(session));
    assert_eq!(store.session("/elsewhere").unwrap(), None);
    let other = store.book("/elsewhere").unwrap();
    assert_eq!(other.by_id["2020/a"], mark(true, true));
    assert!(other.positions.is_empty());
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn a_post_moved_to_another_id_or_archive_is_found_by_fingerprint() {
    let (_dir, path) = temp_db();
    let mut store = store_at(&path);
    store
        .mark(
            ARCHIVE,
            &change("old/place", 0xfeed, Some(true), Some(true)),
        )
        .unwrap();
    drop(store);
    let store = store_at(&path);
    // The same archive, the post under a new id: only its bytes match.
    let book = store.book(ARCHIVE).unwrap();
    assert!(!book.by_id.contains_key("new/place"));
    assert_eq!(book.by_fingerprint.get(&0xfeed), Some(&mark(true, true)));
    // Another archive holding the same file.
    let book = store.book("/a/copy").unwrap();
    assert!(book.by_id.is_empty());
    assert_eq!(book.by_fingerprint.get(&0xfeed), Some(&mark(true, true)));
    assert_eq!(book.by_fingerprint.get(&0xbeef), None);
}

#[test]
fn the_newest_change_wins_for_each_fingerprint() {
    let (_dir, path) = temp_db();
    let mut store = store_at(&path);
    store
        .mark("/one", &change("a", 7, Some(true), Some(false)))
        .unwrap();
    store
        .mark("/two", &change("b", 7, Some(false), Some(true)))
        .unwrap();
    store
        .mark("/one", &change("c", 8, Some(true), None))
        .unwrap();
    drop(store);
    let mut store = store_at(&path);
    let book = store.book("/three").unwrap();
    assert_eq!(book.by_fingerprint[&7], mark(false, true));
    assert_eq!(book.by_fingerprint[&8], mark(true, false));
    // Changing the older row again makes it the newest.
    store
        .mark("/one", &change("a", 7, Some(true), None))
        .unwrap();
    let book = store.book("/three").unwrap();
    assert_eq!(book.by_fingerprint[&7], mark(true, false));
}
