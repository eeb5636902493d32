//! What the UI thread pays per key at 10k and 100k posts, as in a real session: the
//! key through the real event loop with searches and renders left to workers (the
//! host defers them), plus a frame; then, separately, applying the worker's answer
//! when it arrives, plus a frame. Each figure is a whole UI-thread step: the goal is
//! that none takes more than a frame (16 ms).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyModifiers};
use shelf::corpus;
use shelf::index::Library;
use shelf::tui::event_loop::Event;
use shelf::tui::workers;

#[path = "support/browser.rs"]
mod browser;
#[path = "support/synth.rs"]
mod synth;

use browser::Browser;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// A browser whose host leaves searches and renders to "workers" (the bench).
fn deferring(library: &Arc<Library>) -> Browser {
    let mut b = Browser::new(library, WIDTH, HEIGHT);
    b.host.defer_searches = true;
    b.host.defer_renders = true;
    b
}

/// An event and the frame after it: the UI thread's whole step.
fn apply(b: &mut Browser, event: Event) {
    b.event(event);
    b.draw();
}

/// A key and the frame after it.
fn press(b: &mut Browser, code: KeyCode, modifiers: KeyModifiers) {
    b.key(code, modifiers);
    b.draw();
}

/// The answers to what the last keys asked of the workers, computed (untimed).
fn answers(b: &mut Browser) -> Vec<Event> {
    let mut events = Vec::new();
    if let Some(request) = b.host.searches.pop() {
        events.push(Event::SearchDone(Box::new(shelf::index::request::run(
            &request,
        ))));
    }
    b.host.searches.clear();
    for request in std::mem::take(&mut b.host.renders) {
        for part in workers::render_all(&request) {
            events.push(Event::Rendered(Box::new(part)));
        }
    }
    events
}

/// A key, and what undoes it (untimed) so every iteration starts the same.
struct Step {
    name: &'static str,
    setup: &'static [(KeyCode, KeyModifiers)],
    key: (KeyCode, KeyModifiers),
    undo: &'static [(KeyCode, KeyModifiers)],
}

const NONE: KeyModifiers = KeyModifiers::NONE;

const STEPS: &[Step] = &[
    Step {
        name: "move_down",
        setup: &[],
        key: (KeyCode::Down, NONE),
        undo: &[(KeyCode::Up, NONE)],
    },
    Step {
        name: "cycle_sort",
        setup: &[],
        key: (KeyCode::Char('s'), NONE),
        undo: &[
            (KeyCode::Char('s'), NONE),
            (KeyCode::Char('s'), NONE),
            (KeyCode::Char('s'), NONE),
        ],
    },
    Step {
        name: "toggle_tag",
        setup: &[(KeyCode::Tab, NONE), (KeyCode::Tab, NONE)],
        key: (KeyCode::Char(' '), NONE),
        undo: &[(KeyCode::Char(' '), NONE)],
    },
    Step {
        name: "type_d",
        setup: &[(KeyCode::Char('/'), NONE)],
        key: (KeyCode::Char('d'), NONE),
        undo: &[(KeyCode::Backspace, NONE)],
    },
    Step {
        name: "bookmark",
        setup: &[],
        key: (KeyCode::Char('m'), NONE),
        undo: &[(KeyCode::Char('m'), NONE)],
    },
    Step {
        name: "unread_only",
        setup: &[],
        key: (KeyCode::Char('U'), NONE),
        undo: &[(KeyCode::Char('U'), NONE)],
    },
    Step {
        name: "open_post",
        setup: &[],
        key: (KeyCode::Enter, NONE),
        undo: &[(KeyCode::Char('q'), NONE)],
    },
];

fn bench_size(c: &mut Criterion, posts: usize) {
    let library = Arc::new(Library::new(corpus::load(&[synth::archive(posts)])));
    let mut group = c.benchmark_group(format!("ui_thread_{}k", posts / 1000));
    for step in STEPS {
        let mut b = deferring(&library);
        for &(code, m) in step.setup {
            press(&mut b, code, m);
            for e in answers(&mut b) {
                apply(&mut b, e);
            }
        }
        // Undo the key, then forget every rendering, so each iteration's answer is a
        // post arriving for the first time (a cached one costs nothing to show).
        let settle = |b: &mut Browser, keys: &[(KeyCode, KeyModifiers)]| {
            for &(code, m) in keys {
                press(b, code, m);
                for e in answers(b) {
                    apply(b, e);
                }
            }
            b.app.rendered.clear();
            b.app.render_pending = None;
        };
        group.bench_function(format!("{}/key", step.name), |bench| {
            bench.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    press(&mut b, step.key.0, step.key.1);
                    total += start.elapsed();
                    let answers = answers(&mut b);
                    for e in answers {
                        apply(&mut b, e);
                    }
                    settle(&mut b, step.undo);
                }
                total
            })
        });
        group.bench_function(format!("{}/answer", step.name), |bench| {
            bench.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    press(&mut b, step.key.0, step.key.1);
                    let answers = answers(&mut b);
                    let start = Instant::now();
                    for e in answers {
                        apply(&mut b, e);
                    }
                    total += start.elapsed();
                    settle(&mut b, step.undo);
                }
                total
            })
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_size(c, 10_000);
    bench_size(c, 100_000);
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = bench
}
criterion_main!(benches);
