//! Search at 100k posts: building the index, one search per keystroke while typing
//! `devops`, tag atoms and facet filters, and the facet counts the panes show.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus;
use shelf::index::{FacetKind, Filter, Index, Query, SortKey};

#[path = "support/synth.rs"]
mod synth;

const POSTS: usize = 100_000;

fn bench(c: &mut Criterion) {
    let posts = corpus::load(&[synth::archive(POSTS)]).posts;

    let mut group = c.benchmark_group("index");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("build_100k", |b| {
        b.iter(|| Index::build(std::hint::black_box(&posts)))
    });
    group.finish();

    let index = Index::build(&posts);
    let devops = index.facets.find(FacetKind::Tag, "devops");
    let mut tag_filter = Filter::default();
    if let Some(entry) = devops {
        tag_filter.toggle(FacetKind::Tag, entry);
    }
    let none = Filter::default();
    let cases: [(&str, &str, &Filter); 8] = [
        ("empty", "", &none),
        ("d", "d", &none),
        ("dev", "dev", &none),
        ("devops", "devops", &none),
        ("tag_atom", "#devops", &none),
        ("two_atoms", "dev ops", &none),
        ("empty+tag_filter", "", &tag_filter),
        ("dev+tag_filter", "dev", &tag_filter),
    ];
    let mut group = c.benchmark_group("search_100k");
    for (name, text, filter) in cases {
        let hits = index
            .search(&Query::parse(text), filter, SortKey::Relevance)
            .len();
        eprintln!("search_100k/{name}: {hits} hits");
        group.bench_function(name, |b| {
            b.iter(|| {
                index.search(
                    &Query::parse(std::hint::black_box(text)),
                    filter,
                    SortKey::Relevance,
                )
            })
        });
    }
    // Date order while typing (Ctrl-s): the same matching, a cheaper sort.
    group.bench_function("devops_by_date", |b| {
        b.iter(|| index.search(&Query::parse("devops"), &none, SortKey::Date))
    });
    group.finish();

    // The same keystrokes at 10k posts: how search time scales with the archive.
    let small_posts = corpus::load(&[synth::archive(10_000)]).posts;
    let small = Index::build(&small_posts);
    let mut group = c.benchmark_group("search_10k");
    for text in ["", "d", "devops"] {
        let name = if text.is_empty() { "empty" } else { text };
        group.bench_function(name, |b| {
            b.iter(|| small.search(&Query::parse(text), &none, SortKey::Relevance))
        });
    }
    group.finish();

    let all = index.search(&Query::default(), &none, SortKey::Relevance);
    let mut group = c.benchmark_group("facets_100k");
    group.bench_function("counts_tags_and_authors_all_hits", |b| {
        b.iter(|| {
            let posts = all.iter().map(|h| h.post);
            let tags = index.facets.counts(FacetKind::Tag, posts.clone());
            let authors = index.facets.counts(FacetKind::Author, posts);
            (tags, authors)
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = bench
}
criterion_main!(benches);
