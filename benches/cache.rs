//! The metadata cache: writing and reading the entries of the 100k synthetic archive,
//! in shelf's binary format (`corpus::MetadataCache`) and, for comparison, in SQLite
//! (one row per file, as shelf would lay it out there).
//!
//! The entries are what `corpus::load` produced for `target/bench-archive-100000`, with
//! the files' real stamps, so their shape is that of real posts. The file sizes are
//! printed before the timings.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus::{self, CachedFile, CachedPost, MetadataCache, PostDate, Stamp};

#[path = "support/synth.rs"]
mod synth;

type Entries = Vec<(PathBuf, Stamp, CachedFile)>;

/// What the loader would cache for every file of the archive.
fn entries(posts: usize) -> Entries {
    let root = synth::archive(posts);
    let corpus = corpus::load(&[root]);
    let mut problems: HashMap<PathBuf, Vec<&corpus::Diagnostic>> = HashMap::new();
    for d in &corpus.diagnostics {
        problems.entry(d.path.clone()).or_default().push(d);
    }
    corpus
        .posts
        .iter()
        .map(|post| {
            let stamp = Stamp::of(&std::fs::metadata(&post.path).unwrap()).unwrap();
            let diagnostics = problems.remove(&post.path).unwrap_or_default();
            (
                post.path.clone(),
                stamp,
                CachedFile::new(Some(post), diagnostics),
            )
        })
        .collect()
}

fn binary(c: &mut Criterion, entries: &Entries, dir: &Path) {
    let file = dir.join("metadata.cache");
    MetadataCache::write(&file, entries.iter().map(|(p, s, f)| (p, *s, f))).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    eprintln!(
        "binary: {} entries, {:.1} MB",
        MetadataCache::read(&file).len(),
        size as f64 / 1e6
    );
    let mut group = c.benchmark_group("cache_binary_100k");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("write", |b| {
        b.iter(|| MetadataCache::write(&file, entries.iter().map(|(p, s, f)| (p, *s, f))).unwrap())
    });
    group.bench_function("read", |b| {
        b.iter(|| MetadataCache::read(std::hint::black_box(&file)))
    });
    group.finish();
}

/// Lists joined with a separator no title, author or tag holds.
const SEP: char = '\u{1f}';

fn sqlite_write(file: &Path, entries: &Entries) {
    let temp = file.with_extension("tmp");
    let _ = std::fs::remove_file(&temp);
    let mut db = rusqlite::Connection::open(&temp).unwrap();
    db.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
         CREATE TABLE files (path BLOB PRIMARY KEY, size INTEGER, modified BLOB,
           has_post INTEGER, title TEXT, authors TEXT, day INTEGER, time INTEGER,
           nanos INTEGER, offset INTEGER, tags TEXT, words INTEGER, excerpt TEXT,
           problems TEXT) WITHOUT ROWID;",
    )
    .unwrap();
    let tx = db.transaction().unwrap();
    {
        let mut insert = tx
            .prepare("INSERT INTO files VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)")
            .unwrap();
        for (path, stamp, file) in entries {
            use chrono::{Datelike as _, Timelike as _};
            use std::os::unix::ffi::OsStrExt as _;
            let post = file.post.as_ref();
            let date = post.and_then(|p| p.date);
            let problems: String = file
                .problems
                .iter()
                .map(|(line, m)| format!("{}{SEP}{m}{SEP}", line.map_or(0, |l| l)))
                .collect();
            insert
                .execute(rusqlite::params![
                    path.as_os_str().as_bytes(),
                    stamp.size as i64,
                    stamp.modified_ns.to_le_bytes().as_slice(),
                    post.is_some(),
                    post.map(|p| p.title.as_str()),
                    post.map(|p| p.authors.join("\u{1f}")),
                    date.map(|d| d.date.num_days_from_ce()),
                    date.and_then(|d| d.time)
                        .map(|t| t.num_seconds_from_midnight()),
                    date.and_then(|d| d.time).map(|t| t.nanosecond()),
                    date.and_then(|d| d.offset).map(|o| o.local_minus_utc()),
                    post.map(|p| p.tags.join("\u{1f}")),
                    post.map(|p| p.words as i64),
                    post.map(|p| p.excerpt.as_str()),
                    problems,
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(db);
    std::fs::rename(&temp, file).unwrap();
}

fn split(list: Option<String>) -> Vec<String> {
    match list {
        Some(s) if !s.is_empty() => s.split(SEP).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn sqlite_read(file: &Path) -> HashMap<PathBuf, (Stamp, CachedFile)> {
    use std::os::unix::ffi::OsStringExt as _;
    let db =
        rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut select = db.prepare("SELECT * FROM files").unwrap();
    let mut rows = select.query([]).unwrap();
    let mut out = HashMap::new();
    while let Some(row) = rows.next().unwrap() {
        let path: Vec<u8> = row.get(0).unwrap();
        let modified: [u8; 16] = row.get(2).unwrap();
        let stamp = Stamp {
            size: row.get::<_, i64>(1).unwrap() as u64,
            modified_ns: i128::from_le_bytes(modified),
        };
        let post = if row.get::<_, bool>(3).unwrap() {
            let day: Option<i32> = row.get(6).unwrap();
            let time: Option<u32> = row.get(7).unwrap();
            let nanos: Option<u32> = row.get(8).unwrap();
            let offset: Option<i32> = row.get(9).unwrap();
            Some(CachedPost {
                title: row.get(4).unwrap(),
                authors: split(row.get(5).unwrap()),
                date: day.map(|day| PostDate {
                    date: chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap(),
                    time: time.map(|t| {
                        chrono::NaiveTime::from_num_seconds_from_midnight_opt(t, nanos.unwrap_or(0))
                            .unwrap()
                    }),
                    offset: offset.map(|o| chrono::FixedOffset::east_opt(o).unwrap()),
                }),
                tags: split(row.get(10).unwrap()),
                words: row.get::<_, i64>(11).unwrap() as usize,
                excerpt: row.get(12).unwrap(),
            })
        } else {
            None
        };
        let problems_text: String = row.get(13).unwrap();
        let parts: Vec<&str> = problems_text.split(SEP).collect();
        let problems = parts
            .chunks_exact(2)
            .map(|p| {
                let line: usize = p[0].parse().unwrap();
                ((line > 0).then_some(line), p[1].to_string())
            })
            .collect();
        out.insert(
            PathBuf::from(std::ffi::OsString::from_vec(path)),
            (stamp, CachedFile { post, problems }),
        );
    }
    out
}

fn sqlite(c: &mut Criterion, entries: &Entries, dir: &Path) {
    let file = dir.join("metadata.sqlite");
    sqlite_write(&file, entries);
    let size = std::fs::metadata(&file).unwrap().len();
    let read = sqlite_read(&file);
    assert_eq!(read.len(), entries.len());
    for (path, stamp, cached) in entries.iter().step_by(97) {
        assert_eq!(read.get(path), Some(&(*stamp, cached.clone())));
    }
    eprintln!(
        "sqlite: {} entries, {:.1} MB",
        read.len(),
        size as f64 / 1e6
    );
    let mut group = c.benchmark_group("cache_sqlite_100k");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("write", |b| b.iter(|| sqlite_write(&file, entries)));
    group.bench_function("read", |b| {
        b.iter(|| sqlite_read(std::hint::black_box(&file)))
    });
    group.finish();
}

fn cache(c: &mut Criterion) {
    let entries = entries(100_000);
    let dir = synth::target_dir().join("bench-cache");
    std::fs::create_dir_all(&dir).unwrap();
    binary(c, &entries, &dir);
    sqlite(c, &entries, &dir);
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = cache
}
criterion_main!(benches);
