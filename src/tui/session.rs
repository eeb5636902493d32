//! A real terminal session: the loader, input and signal threads, the workers, and
//! the [`SystemHost`] that opens links, copies and suspends for the event loop.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use ratatui::text::{Line, Span};

use super::event_loop::{self, Event, Host, RenderDone};
use super::opener::Opener;
use super::terminal::{self, TerminalGuard};
use super::workers::{self, RenderJob};
use crate::app::{App, FindRequest, FindResult, Hyperlink, Outcome, RenderRequest};
use crate::config::Config;
use crate::corpus;
use crate::index::{Library, SearchRequest, SearchResult};
use crate::text::ansi;

/// Set to `after-terminal-setup` to make the session fail right after the terminal
/// is set up: how the tests prove the terminal is restored on an error path.
pub const FAULT_ENV: &str = "SHELF_FAULT";

/// The host for a real session: work goes to the workers, links to the opener.
#[derive(Debug)]
pub struct SystemHost {
    /// How links are opened.
    pub opener: Opener,
    /// Whether link markers become OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The search worker's inbox.
    pub searches: Sender<SearchRequest>,
    /// The render worker's inbox.
    pub renders: Sender<RenderJob>,
}

impl Host for SystemHost {
    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        match self.searches.send(request) {
            Ok(()) => None,
            // The worker is gone (it cannot be, short of a panic): search here.
            Err(mpsc::SendError(request)) => Some(crate::index::request::run(&request)),
        }
    }

    fn render(&mut self, request: RenderRequest) -> Vec<RenderDone> {
        match self.renders.send(RenderJob::Render(request)) {
            Ok(()) => Vec::new(),
            Err(mpsc::SendError(RenderJob::Render(request))) => workers::render_all(&request),
            Err(_) => Vec::new(),
        }
    }

    fn find(&mut self, request: FindRequest) -> Option<FindResult> {
        match self.renders.send(RenderJob::Find(request)) {
            Ok(()) => None,
            Err(mpsc::SendError(RenderJob::Find(request))) => Some(request.run()),
            Err(_) => None,
        }
    }

    fn open_url(&mut self, url: &str) -> Outcome {
        match self.opener.open(url) {
            Ok(message) => Outcome::Opened(message),
            Err(e) => Outcome::NotOpened(e.to_string()),
        }
    }

    fn hyperlinks(&mut self, links: &[Hyperlink]) {
        if !self.hyperlinks {
            return;
        }
        // Re-write the marker cells ratatui just drew, with the same text and style,
        // wrapped in OSC 8. Ratatui's buffer is untouched, so its diffing stays right.
        let mut out = io::stdout().lock();
        for link in links {
            let styled = ansi::line(&Line::from(Span::styled(link.text.clone(), link.style)));
            let _ = crossterm::queue!(out, crossterm::cursor::MoveTo(link.x, link.y));
            let _ = write!(out, "\x1b]8;;{}\x1b\\{styled}\x1b]8;;\x1b\\", link.url);
        }
        let _ = out.flush();
    }

    fn copy(&mut self, text: &str) -> Outcome {
        match crossterm::execute!(
            io::stdout(),
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        ) {
            Ok(()) => Outcome::Copied(text.to_string()),
            Err(e) => Outcome::NotCopied(e.to_string()),
        }
    }

    fn suspend(&mut self) {
        terminal::restore();
        #[cfg(unix)]
        {
            let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        }
        // Execution continues here after `fg`.
        let _ = terminal::enter();
    }
}

fn spawn_loader(paths: Vec<PathBuf>, folders: Vec<PathBuf>, tx: Sender<Event>) {
    thread::spawn(move || {
        let library = Library::new(corpus::load_requested(&paths, &folders));
        let _ = tx.send(Event::Loaded(Arc::new(library)));
    });
}

fn spawn_input(tx: Sender<Event>) {
    thread::spawn(move || {
        while let Ok(event) = crossterm::event::read() {
            if tx.send(Event::Terminal(event)).is_err() {
                break;
            }
        }
    });
}

#[cfg(unix)]
fn spawn_signals(tx: Sender<Event>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Quit);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn spawn_signals(_tx: Sender<Event>) -> io::Result<()> {
    Ok(())
}

/// Opens the full-screen browser over `paths` (the configured folders, else the
/// bundled archive, when empty) and returns when the user quits or a signal asks to.
/// The terminal is restored on every way out: the guard does it when dropped.
pub fn run(paths: Vec<PathBuf>, config: &Config, hyperlinks: bool) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    spawn_loader(paths, config.folders.clone(), tx.clone());
    let mut terminal = TerminalGuard::new()?;
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == "after-terminal-setup") {
        anyhow::bail!("failing after terminal set-up, as {FAULT_ENV} asked");
    }
    let mut host = SystemHost {
        opener: Opener::resolve(
            config.opener.as_deref(),
            std::env::var("BROWSER").ok().as_deref(),
        ),
        hyperlinks: hyperlinks && config.hyperlinks.unwrap_or(true),
        searches: workers::spawn_search(tx.clone()),
        renders: workers::spawn_render(tx.clone()),
    };
    spawn_input(tx);
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height);
    event_loop::run(&mut terminal, &mut app, &rx, &mut host)?;
    Ok(())
}
