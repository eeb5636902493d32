//! Rendering post bodies: a typical 4 KB post and a 200 KB one, at 100 columns, through
//! the markdown renderer alone and through `post_view::compose` (header and link list).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use shelf::corpus::{Post, Source};
use shelf::markdown::{self, post_view};

#[path = "support/synth.rs"]
mod synth;

const WIDTH: u16 = 100;

fn post() -> Post {
    Post {
        id: "bench".into(),
        path: PathBuf::from("bench.md"),
        source: Source::Embedded(b""),
        title: "Continuous Delivery Lessons Learned".into(),
        authors: vec!["Patrick Debois".into(), "Yui Naruse".into()],
        date: None,
        tags: vec!["devops".into(), "release".into(), "ruby".into()],
        words: 0,
        excerpt: String::new(),
        ..shelf::corpus::Post::default()
    }
}

/// `body` with every opening code fence's info string removed.
fn strip_fence_languages(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.lines() {
        out.push_str(if line.starts_with("```") { "```" } else { line });
        out.push('\n');
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    for (name, bytes) in [("typical_4k", 4 * 1024), ("large_200k", 200 * 1024)] {
        let body = synth::body(42, bytes);
        let rendered = markdown::render(&body, WIDTH);
        eprintln!(
            "render/{name}: {} bytes -> {} lines, {} links",
            body.len(),
            rendered.text.lines.len(),
            rendered.links.len()
        );
        group.throughput(Throughput::Bytes(body.len() as u64));
        // A 200 KB render takes ~0.1 s: fewer samples keep the run short.
        group.sample_size(if bytes > 100_000 { 20 } else { 100 });
        group.bench_function(format!("markdown_{name}_w100"), |b| {
            b.iter(|| markdown::render(std::hint::black_box(&body), WIDTH))
        });
        // The same body with the code fences' languages removed: no syntax highlighting,
        // so the difference is what syntect costs.
        let plain = strip_fence_languages(&body);
        group.bench_function(format!("markdown_{name}_w100_no_highlight"), |b| {
            b.iter(|| markdown::render(std::hint::black_box(&plain), WIDTH))
        });
        let meta = post();
        group.bench_function(format!("compose_{name}_w100"), |b| {
            b.iter(|| post_view::compose(&meta, std::hint::black_box(&body), None, WIDTH))
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
