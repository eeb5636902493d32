//! Two instances (two connections) on one file at once: neither loses the other's marks.

use std::sync::{Arc, Barrier};

use super::*;

const EACH: u64 = 150;

/// Runs `work(store, instance)` for two stores opened on `path`, at the same time.
fn both(path: &std::path::Path, work: fn(&mut Store, u64)) {
    let start = Arc::new(Barrier::new(2));
    let threads: Vec<_> = (0..2u64)
        .map(|instance| {
            let path = path.to_path_buf();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                let mut store = store_at(&path);
                work(&mut store, instance);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
}

#[test]
fn two_instances_marking_different_posts_keep_all_their_marks() {
    let (_dir, path) = temp_db();
    both(&path, |store, instance| {
        for n in 0..EACH {
            let id = format!("i{instance}/p{n}");
            store
                .mark(
                    ARCHIVE,
                    &change(&id, instance * 1000 + n, Some(true), Some(n % 2 == 0)),
                )
                .unwrap();
        }
    });
    let book = store_at(&path).book(ARCHIVE).unwrap();
    assert_eq!(book.by_id.len() as u64, 2 * EACH);
    for instance in 0..2 {
        for n in 0..EACH {
            let id = format!("i{instance}/p{n}");
            assert_eq!(book.by_id.get(&id), Some(&mark(true, n % 2 == 0)), "{id}");
        }
    }
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn two_instances_changing_different_marks_of_the_same_posts_keep_both() {
    let (_dir, path) = temp_db();
    both(&path, |store, instance| {
        for n in 0..EACH {
            let id = format!("p{n}");
            let change = if instance == 0 {
                change(&id, n, Some(true), None)
            } else {
                change(&id, n, None, Some(true))
            };
            store.mark(ARCHIVE, &change).unwrap();
        }
    });
    let book = store_at(&path).book(ARCHIVE).unwrap();
    assert_eq!(book.by_id.len() as u64, EACH);
    for n in 0..EACH {
        assert_eq!(book.by_id[&format!("p{n}")], mark(true, true), "p{n}");
        assert_eq!(book.by_fingerprint[&n], mark(true, true), "p{n}");
    }
}
