//! Full-text search at 100k posts (`FULLTEXT_POSTS` for another size): queries of one to
//! three words (plain, phrase, prefix, excluded) to the ranked top 50 with snippets,
//! beside the floor, a plain `memchr::memmem` scan of every body already in memory for
//! the first word (what `rg -c WORD DIR` does, without the reading).
//!
//! Before criterion's figures it prints, once: the index build from nothing (time, its
//! size beside the archive's), the update after one file changed, a second open with
//! nothing changed, and each query's p50 / p99 / max over repeated runs.
//!
//! The archive is `synth::archive(n)` in this target dir, or the folder in
//! `FULLTEXT_ARCHIVE` (read only: an archive another target dir generated). The index is
//! built in a temporary folder each run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use shelf::corpus::{self, Post};
use shelf::fulltext::FullText;

#[path = "support/synth.rs"]
mod synth;

/// The queries: common, rare and mixed words, a phrase, a prefix, an exclusion.
const QUERIES: &[&str] = &[
    "kubernetes",
    "monitoring",
    "devops release",
    "docker security",
    "kubernetes metrics cloud",
    "the agile",
    "\"continuous delivery\"",
    "kube*",
    "ruby -rails",
];

fn posts() -> usize {
    std::env::var("FULLTEXT_POSTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn archive(n: usize) -> PathBuf {
    std::env::var_os("FULLTEXT_ARCHIVE")
        .map(PathBuf::from)
        .unwrap_or_else(|| synth::archive(n))
}

fn size_of(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() {
            size_of(&entry.path())
        } else {
            meta.len()
        };
    }
    total
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// The one-off figures: build, size, update, reopen, query percentiles.
fn report(root: &Path, posts: &[Post], dir: &Path) -> FullText {
    let by_id: HashMap<&str, &Post> = posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let post = |id: &str| by_id.get(id).copied();
    let started = Instant::now();
    let full = FullText::open_or_build(dir, posts, &|_, _| {}).unwrap();
    let build = started.elapsed();
    let (index, archive) = (size_of(dir), size_of(root));
    println!(
        "fulltext {} posts: build {build:.1?}, index {:.1} MB, archive {:.1} MB ({:.2}x)",
        posts.len(),
        index as f64 / 1e6,
        archive as f64 / 1e6,
        index as f64 / archive as f64
    );
    drop(full);
    let started = Instant::now();
    let full = FullText::open_or_build(dir, posts, &|_, _| {}).unwrap();
    println!(
        "fulltext reopen, nothing changed: {:.1?} ({:?})",
        started.elapsed(),
        full.update()
    );
    drop(full);
    // One file changed: its fingerprint differs from the index's.
    let mut changed = posts.to_vec();
    changed[posts.len() / 2].fingerprint ^= 1;
    let started = Instant::now();
    let full = FullText::open_or_build(dir, &changed, &|_, _| {}).unwrap();
    println!(
        "fulltext update, one file changed: {:.1?} ({:?})",
        started.elapsed(),
        full.update()
    );
    // 50: the goal's top 50; 500: what the browser's worker asks for (its list can
    // scroll past a screen), each hit's line read from its file.
    for (limit, queries) in [(50, QUERIES), (500, &QUERIES[..2])] {
        for query in queries {
            let mut times: Vec<Duration> = (0..60)
                .map(|_| {
                    let started = Instant::now();
                    let hits = full.search(query, limit, &post).unwrap();
                    std::hint::black_box(hits);
                    started.elapsed()
                })
                .collect();
            times.sort();
            println!(
                "fulltext top {limit:<3} {query:<28} p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}  hits {}",
                percentile(&times, 0.5),
                percentile(&times, 0.99),
                times[times.len() - 1],
                full.search(query, limit, &post).unwrap().len()
            );
        }
    }
    full
}

fn bench(c: &mut Criterion) {
    let n = posts();
    let root = archive(n);
    let posts = corpus::load(std::slice::from_ref(&root)).posts;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("index");
    let full = report(&root, &posts, &dir);
    let by_id: HashMap<&str, &Post> = posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let post = |id: &str| by_id.get(id).copied();

    let bodies: Vec<String> = posts
        .iter()
        .map(|p| {
            p.read_body()
                .map(|b| b.text.to_lowercase())
                .unwrap_or_default()
        })
        .collect();

    let mut group = c.benchmark_group("fulltext");
    group.sample_size(30);
    for query in QUERIES {
        group.bench_function(format!("top50 {query}"), |b| {
            b.iter(|| full.search(query, 50, &post).unwrap().len())
        });
    }
    for word in ["kubernetes", "monitoring"] {
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        group.bench_function(format!("floor memmem scan {word}"), |b| {
            b.iter(|| {
                bodies
                    .iter()
                    .filter(|body| finder.find(body.as_bytes()).is_some())
                    .count()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = bench
}
criterion_main!(benches);
