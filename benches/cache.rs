//! The metadata cache: writing and reading the entries of the 100k synthetic archive
//! in shelf's binary format (`corpus::MetadataCache`).
//!
//! The entries are what `corpus::load` produced for `target/bench-archive-100000`, with
//! the files' real stamps, so their shape is that of real posts. The file size is
//! printed before the timings. Each iteration reads into a heap the previous one freed;
//! a fresh process also pays the page faults of the decoded posts.
//!
//! SQLite (rusqlite, bundled; one row per file, a WITHOUT ROWID table keyed by path,
//! journal and sync off, written in one transaction) was measured against this format
//! in the same bench and dropped: 55.6 MB, write 390 ms, read 546 ms against 50.0 MB,
//! 176 ms and 99 ms (see the commit that removed it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus::{self, CachedFile, MetadataCache, Stamp};

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
    let cache = MetadataCache::read(&file);
    let mut shuffled: Vec<&(PathBuf, Stamp, CachedFile)> = entries.iter().collect();
    let mut rng = synth::Rng::new(7);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    group.bench_function("get_all_in_path_order", |b| {
        b.iter(|| {
            entries
                .iter()
                .filter(|(p, s, _)| cache.get(p, *s).is_some())
                .count()
        })
    });
    group.bench_function("get_all_shuffled", |b| {
        b.iter(|| {
            shuffled
                .iter()
                .filter(|(p, s, _)| cache.get(p, *s).is_some())
                .count()
        })
    });
    group.finish();
}

fn cache(c: &mut Criterion) {
    let entries = entries(100_000);
    let dir = synth::target_dir().join("bench-cache");
    std::fs::create_dir_all(&dir).unwrap();
    binary(c, &entries, &dir);
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = cache
}
criterion_main!(benches);
