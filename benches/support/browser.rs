//! The browser as `shelf` runs it, on a `TestBackend`, for the benches: the app, its
//! terminal and a recording host, driven through the real event loop.

#![allow(dead_code)]

use std::sync::Arc;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shelf::app::App;
use shelf::index::Library;
use shelf::tui::event_loop::{self, Event, RecordingHost};

/// The app, its terminal and host.
pub struct Browser {
    pub terminal: Terminal<TestBackend>,
    pub app: App,
    pub host: RecordingHost,
}

impl Browser {
    /// A browser over `library` at `width` x `height`, sized and drawn once, as the
    /// loop's first step does.
    pub fn new(library: &Arc<Library>, width: u16, height: u16) -> Self {
        let mut browser = Browser {
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
            app: App::with_library(Arc::clone(library), width, height),
            host: RecordingHost::default(),
        };
        browser.event(Event::Terminal(TermEvent::Resize(width, height)));
        browser.draw();
        browser
    }

    /// One event through the loop: action, update, effects (no frame).
    pub fn event(&mut self, event: Event) {
        event_loop::handle_event(&mut self.terminal, &mut self.app, event, &mut self.host)
            .expect("handle event");
    }

    /// One key through the loop (no frame).
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.event(Event::Terminal(TermEvent::Key(KeyEvent::new(
            code, modifiers,
        ))));
    }

    /// One frame, as the loop draws it.
    pub fn draw(&mut self) {
        event_loop::draw(&mut self.terminal, &self.app, &mut self.host).expect("draw");
    }
}
