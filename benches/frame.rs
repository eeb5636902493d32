//! The browser at 100k posts on a 200x60 `TestBackend`: one frame, one arrow key (as a
//! bare `update` and through the real event loop, which reads and renders the newly
//! selected post), and one character typed into the search box (search, facet counts,
//! pane rebuild, preview, draw).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Bencher, Criterion, criterion_group, criterion_main};
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shelf::app::{Action, App, update};
use shelf::corpus;
use shelf::index::Library;
use shelf::tui::event_loop::{self, Event, RecordingHost};

#[path = "support/synth.rs"]
mod synth;

const POSTS: usize = 100_000;
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The app, its terminal and host, as `shelf` runs them.
struct Browser {
    terminal: Terminal<TestBackend>,
    app: App,
    host: RecordingHost,
}

impl Browser {
    fn new(library: &Arc<Library>) -> Self {
        let mut browser = Browser {
            terminal: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test terminal"),
            app: App::with_library(Arc::clone(library), WIDTH, HEIGHT),
            host: RecordingHost::default(),
        };
        // The loop's first step: the real size, which loads and renders the preview.
        browser.event(Event::Terminal(TermEvent::Resize(WIDTH, HEIGHT)));
        browser.draw();
        browser
    }

    /// One event through the runtime: action, update, effects (body reads, rendering).
    fn event(&mut self, event: Event) {
        event_loop::handle_event(&mut self.terminal, &mut self.app, event, &mut self.host)
            .expect("handle event");
    }

    fn key(&mut self, code: KeyCode) {
        self.event(Event::Terminal(TermEvent::Key(KeyEvent::new(
            code,
            KeyModifiers::NONE,
        ))));
    }

    /// One frame, as the runtime draws it.
    fn draw(&mut self) {
        event_loop::draw(&mut self.terminal, &self.app, &mut self.host).expect("draw");
    }

    /// Back to the top of the list when the cursor nears the end.
    fn wrap_list(&mut self) {
        if self.app.list.selected + 2 >= self.app.hits.len() {
            let _ = update(&mut self.app, Action::MoveTop);
        }
    }
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

    let mut browser = Browser::new(&library);
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
            browser.wrap_list();
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
    let mut browser = Browser::new(&library);
    group.bench_function("move_down_event_loop_with_preview", |b| {
        b.iter(|| {
            browser.wrap_list();
            browser.key(KeyCode::Down);
            browser.draw();
        })
    });

    // Typing in the search box, one character, through the real loop.
    let mut browser = Browser::new(&library);
    browser.key(KeyCode::Char('/'));
    group.bench_function("type_d_into_empty_query", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| br.key(KeyCode::Char('d')),
            |br| br.key(KeyCode::Backspace),
        )
    });
    browser.key(KeyCode::Char('d'));
    group.bench_function("backspace_d_to_empty_query", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| br.key(KeyCode::Backspace),
            |br| br.key(KeyCode::Char('d')),
        )
    });
    // The query is `d` again here.
    for c in "evop".chars() {
        browser.key(KeyCode::Char(c));
    }
    assert_eq!(browser.app.query_text(), "devop");
    group.bench_function("type_s_after_devop", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| br.key(KeyCode::Char('s')),
            |br| br.key(KeyCode::Backspace),
        )
    });
    // What the UI thread pays per key when the search runs on the worker thread (as
    // in a real session): the text box, the request, a frame. The search itself is
    // `type_d_into_empty_query` minus this.
    let mut browser = Browser::new(&library);
    browser.host.defer_searches = true;
    browser.key(KeyCode::Char('/'));
    group.bench_function("type_d_ui_thread_only", |b| {
        timed_with_reset(
            b,
            &mut browser,
            |br| br.key(KeyCode::Char('d')),
            |br| {
                br.key(KeyCode::Backspace);
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
