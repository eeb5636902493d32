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

    /// Like [`Harness::with_library`], with a full-text index in memory (built when the
    /// whole archive is in, as the real worker would).
    pub fn with_full_text(library: Library, width: u16, height: u16) -> Harness {
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut h = Harness {
            terminal,
            app: App::new(width, height),
            host: RecordingHost {
                index_text: true,
                ..RecordingHost::default()
            },
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

    /// Presses Tab until `focus` has the keyboard, as a user would.
    pub fn tab_to(&mut self, focus: shelf::app::Focus) {
        for _ in 0..8 {
            if self.app.focus == focus {
                return;
            }
            self.key(KeyCode::Tab);
        }
        panic!("Tab never reached {focus:?}");
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

    /// The screen as text with its styles: each row, then under it one `^` line per
    /// run of cells drawn in something other than the default style, naming the
    /// columns, colours and attributes. Colours vanish under `NO_COLOR`; what stays
    /// shows that the cursor and focus do not depend on them.
    pub fn styled(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            let mut runs: Vec<(u16, u16, String)> = Vec::new();
            for x in 0..buffer.area.width {
                let cell = &buffer[(x, y)];
                line.push_str(cell.symbol());
                let mut style = Vec::new();
                if cell.fg != ratatui::style::Color::Reset {
                    style.push(format!("fg={:?}", cell.fg));
                }
                if cell.bg != ratatui::style::Color::Reset {
                    style.push(format!("bg={:?}", cell.bg));
                }
                if !cell.modifier.is_empty() {
                    style.push(format!("{:?}", cell.modifier));
                }
                let style = style.join(" ");
                match runs.last_mut() {
                    Some((_, end, s)) if *s == style && *end == x => *end = x + 1,
                    _ => runs.push((x, x + 1, style)),
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
            for (start, end, style) in runs.iter().filter(|r| !r.2.is_empty()) {
                out.push_str(&format!("  ^ {start}..{end} {style}\n"));
            }
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

/// Posts written into a temporary folder, loaded as a library (as many times as the
/// test changes them).
pub struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    pub fn new() -> Folder {
        Folder {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// Writes the post file `name`: `front_matter` lines between `---` fences, then
    /// `body`.
    pub fn post(&self, name: &str, front_matter: &str, body: &str) {
        let text = format!("---\n{front_matter}\n---\n{body}\n");
        std::fs::write(self.dir.path().join(name), text).expect("write a post");
    }

    /// Writes `NAME.md`, titled `Post NAME`, with the `field` line in its front matter
    /// and `Body of NAME.` as its body.
    pub fn named(&self, name: &str, field: &str) {
        let front_matter = format!("title: Post {name}\n{field}");
        self.post(
            &format!("{name}.md"),
            &front_matter,
            &format!("Body of {name}."),
        );
    }

    /// The folder's posts, loaded now.
    pub fn library(&self) -> Library {
        Library::new(shelf::corpus::load(&[self.dir.path().to_path_buf()]))
    }
}
