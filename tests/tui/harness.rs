//! Test support: the real event loop on a `TestBackend`, driven key by key.

use std::sync::Arc;

use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use shelf::app::App;
use shelf::index::Library;
use shelf::tui::event_loop::{self, Event, RecordingHost};

/// A browser on a test terminal.
pub struct Harness {
    pub terminal: Terminal<TestBackend>,
    pub app: App,
    pub host: RecordingHost,
    pub running: bool,
}

impl Harness {
    /// The bundled archive at `width` x `height`, loaded and drawn.
    pub fn bundled(width: u16, height: u16) -> Harness {
        Harness::with_library(Library::new(shelf::corpus::load_bundled()), width, height)
    }

    /// A library at `width` x `height`, loaded through the same event as in real use.
    pub fn with_library(library: Library, width: u16, height: u16) -> Harness {
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut h = Harness {
            terminal,
            app: App::new(width, height),
            host: RecordingHost::default(),
            running: true,
        };
        h.event(Event::Loaded(Arc::new(library)));
        h
    }

    /// Applies one event through the runtime and redraws.
    pub fn event(&mut self, event: Event) {
        let ok = event_loop::handle_event(&mut self.terminal, &mut self.app, event, &mut self.host)
            .expect("handle event");
        self.running = self.running && ok;
        self.draw();
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|frame| shelf::ui::draw(app, frame))
            .expect("draw");
    }

    /// Presses one key.
    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    /// Presses one key with modifiers.
    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        self.event(Event::Terminal(TermEvent::Key(KeyEvent::new(
            code, modifiers,
        ))));
    }

    /// Types text, one key per character.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Resizes the terminal and tells the app.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.terminal.backend_mut().resize(width, height);
        self.event(Event::Terminal(TermEvent::Resize(width, height)));
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            for x in 0..buffer.area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The ids of the posts listed, in order.
    pub fn listed_ids(&self) -> Vec<String> {
        self.app
            .hits
            .iter()
            .filter_map(|h| self.app.library.post(h.post))
            .map(|p| p.id.clone())
            .collect()
    }
}
