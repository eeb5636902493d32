//! What shelf remembers, in SQLite: what a start pays to open the database (header
//! check, `quick_check`, schema) and read an archive's marks, at 1k, 10k and 100k
//! marks, beside reading the database file's bytes (the floor); what the loader pays
//! to resolve the marks onto 100k posts; and one mark saved (one transaction, WAL,
//! `synchronous=NORMAL`), the cost of each `m`, `u` or post opened, paid on the
//! database worker, never the UI thread.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus::Post;
use shelf::store::{MarkChange, db};

const ARCHIVE: &str = "/bench/archive";

fn change(n: usize) -> MarkChange {
    MarkChange {
        id: format!("{:04}/some-post-title-{n}", n % 2000),
        fingerprint: (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        read: Some(true),
        bookmarked: Some(n.is_multiple_of(10)),
    }
}

/// A database holding `marks` marks of one archive.
fn database(marks: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut store = db::open(&dir.path().join("state.db")).store.unwrap();
    for n in 0..marks {
        store.mark(ARCHIVE, &change(n)).unwrap();
    }
    dir
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("store");
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(3));
    for marks in [1_000, 10_000, 100_000] {
        let dir = database(marks);
        let path = dir.path().join("state.db");
        let label = format!("{}k", marks / 1000);
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("store {label}: {:.1} MB", bytes as f64 / 1e6);
        group.bench_function(format!("read_bytes_floor_{label}"), |b| {
            b.iter(|| std::fs::read(&path).unwrap().len())
        });
        group.bench_function(format!("open_and_book_{label}"), |b| {
            b.iter(|| {
                let opened = db::open(&path);
                opened.store.unwrap().book(ARCHIVE).unwrap().by_id.len()
            })
        });
        if marks == 100_000 {
            let book = db::open(&path).store.unwrap().book(ARCHIVE).unwrap();
            let posts: Vec<Post> = (0..marks)
                .map(|n| {
                    let change = change(n);
                    Post {
                        id: change.id,
                        fingerprint: change.fingerprint,
                        ..Post::default()
                    }
                })
                .collect();
            group.bench_function("resolve_100k_posts", |b| {
                b.iter(|| book.resolve(&posts).len())
            });
            let mut store = db::open(&path).store.unwrap();
            let mut n = marks;
            group.bench_function("one_mark_saved_100k", |b| {
                b.iter(|| {
                    n += 1;
                    store.mark(ARCHIVE, &change(n)).unwrap();
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
