//! The browser at 100k posts on a 200x60 `TestBackend`: one frame, one arrow key (as a
//! bare `update` and through the real event loop, which reads and renders the newly
//! selected post), and one character typed into the search box (search, facet counts,
//! pane rebuild, preview, draw).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Bencher, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyModifiers};
use shelf::app::{Action, update};
use shelf::corpus;
use shelf::index::Library;

#[path = "support/browser.rs"]
mod browser;
#[path = "support/synth.rs"]
mod synth;

use browser::Browser;

const POSTS: usize = 100_000;
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// Back to the top of the list when the cursor nears the end.
fn wrap_list(browser: &mut Browser) {
    if browser.app.list.selected + 2 >= browser.app.hits.len() {
        let _ = update(&mut browser.app, Action::MoveTop);
    }
}

/// A key without modifiers.
fn key(browser: &mut Browser, code: KeyCode) {
    browser.key(code, KeyModifiers::NONE);
}

/// Times `timed` (plus a frame) per iteration, running `reset` untimed after each.
fn timed_with_reset(
    b: &mut Bencher<'_>,
    browser: &mut Browser,
    timed: impl Fn(&mut Browser),
    reset: impl Fn(&mut Browser),
) {
    b.iter_custom(|iters| {
        let mut total = Duration::ZERO;
        for _ in 0..iters {
            let start = Instant::now();
            timed(browser);
            browser.draw();
            total += start.elapsed();
            reset(browser);
        }
        total
    });
}

fn bench(c: &mut Criterion) {
    let library = Arc::new(Library::new(corpus::load(&[synth::archive(POSTS)])));
    let mut group = c.benchmark_group("frame_100k_200x60");

    let mut browser = Browser::new(&library, WIDTH, HEIGHT);
    group.bench_function("draw_browser", |b| {
        b.iter(|| {
            let app = &browser.app;
            browser
                .terminal
                .draw(|frame| shelf::ui::draw(app, frame))
                .expect("draw")
                .area
        })
    });

    group.bench_function("move_down_update_and_draw", |b| {
        b.iter(|| {
            wrap_list(&mut browser);
            let effects = update(&mut browser.app, Action::MoveBy(1));
            let app = &browser.app;
            browser
                .terminal
                .draw(|frame| shelf::ui::draw(app, frame))
                .expect("draw");
            effects
        })
    });

    // The real loop: the key, the body read from disk, the preview rendered, the frame.
    let mut browser = Browser::new(&library, WIDTH, HEIGHT);
    group.bench_function("move_down_event_loop_with_preview", |b| {
        b.iter(|| {
            wrap_list(&mut browser);
            key(&mut browser, KeyCode::Down);
            browser.draw();
        })
    });

    // Typing in the search box, one character, through the real loop.
    let mut browser = Browser::new(&library, WIDTH, HEIGHT);
    key(&mut browser, KeyCode::Char('/'));
    group.bench_function("type_d_into_empty_query", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| key(br, KeyCode::Char('d')),
            |br| key(br, KeyCode::Backspace),
        )
    });
    key(&mut browser, KeyCode::Char('d'));
    group.bench_function("backspace_d_to_empty_query", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| key(br, KeyCode::Backspace),
            |br| key(br, KeyCode::Char('d')),
        )
    });
    // The query is `d` again here.
    for c in "evop".chars() {
        key(&mut browser, KeyCode::Char(c));
    }
    assert_eq!(browser.app.query_text(), "devop");
    group.bench_function("type_s_after_devop", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| key(br, KeyCode::Char('s')),
            |br| key(br, KeyCode::Backspace),
        )
    });
    // What the UI thread pays per key when the search runs on the worker thread (as
    // in a real session): the text box, the request, a frame. The search itself is
    // `type_d_into_empty_query` minus this.
    let mut browser = Browser::new(&library, WIDTH, HEIGHT);
    browser.host.defer_searches = true;
    key(&mut browser, KeyCode::Char('/'));
    group.bench_function("type_d_ui_thread_only", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| key(br, KeyCode::Char('d')),
            |br| {
                key(br, KeyCode::Backspace);
                br.host.searches.clear();
            },
        )
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = bench
}
criterion_main!(benches);
