//! Loading: `corpus::load` over synthetic archives of 10k and 100k posts, and over the
//! real collections in `../shared/corpora` when they are present.
//!
//! Beside each synthetic load, its floor: `floor_<N>k` walks the same archive and reads
//! every file on all cores (rayon), doing nothing with the bytes, so each load figure
//! can be read as a ratio to what the disk cache and the kernel cost.
//!
//! The archives are generated once and cached under `target/bench-archive-<N>`. Files
//! come from the page cache after the first iteration ("cold-ish": parsing and
//! normalising are measured, not the disk).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus;

#[path = "support/synth.rs"]
mod synth;

/// Prints what a loaded archive holds, so the shape of the synthetic data is on record.
fn describe(label: &str, corpus: &corpus::Corpus) {
    let dated = corpus.posts.iter().filter(|p| p.date.is_some()).count();
    let tags: usize = corpus.posts.iter().map(|p| p.tags.len()).sum();
    let bytes_words: usize = corpus.posts.iter().map(|p| p.words).sum();
    eprintln!(
        "{label}: {} files, {} posts, {} skipped, {} diagnostics, {dated} dated, {:.1} tags/post, {:.0} words/post",
        corpus.files,
        corpus.posts.len(),
        corpus.skipped,
        corpus.diagnostics.len(),
        tags as f64 / corpus.posts.len().max(1) as f64,
        bytes_words as f64 / corpus.posts.len().max(1) as f64,
    );
}

/// The floor: every file under `root` walked and read, in parallel; returns the bytes read.
fn walk_and_read(root: &Path) -> usize {
    let files: Vec<PathBuf> = jwalk::WalkDir::new(root)
        .skip_hidden(false)
        .parallelism(jwalk::Parallelism::RayonNewPool(0))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path())
        .collect();
    files
        .par_iter()
        .map(|path| std::fs::read(path).map_or(0, |bytes| bytes.len()))
        .sum()
}

fn load_synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for posts in [10_000, 100_000] {
        let root = synth::archive(posts);
        let roots = vec![root];
        describe(&format!("synthetic {posts}"), &corpus::load(&roots));
        group.bench_function(format!("floor_{}k", posts / 1000), |b| {
            b.iter(|| walk_and_read(std::hint::black_box(&roots[0])))
        });
        group.bench_function(format!("synthetic_{}k", posts / 1000), |b| {
            b.iter(|| corpus::load(std::hint::black_box(&roots)))
        });
    }
    group.finish();
}

fn load_real(c: &mut Criterion) {
    let corpora = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora"));
    let mut group = c.benchmark_group("load_real");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    for name in ["ruby-lang-news", "devopsdays", "hpe-dev-portal"] {
        let root = corpora.join(name);
        if !root.is_dir() {
            eprintln!("skipping load_real/{name}: {} is absent", root.display());
            continue;
        }
        let roots = vec![root];
        describe(name, &corpus::load(&roots));
        group.bench_function(name, |b| {
            b.iter(|| corpus::load(std::hint::black_box(&roots)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = load_synthetic, load_real
}
criterion_main!(benches);
