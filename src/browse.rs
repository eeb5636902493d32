//! Running the browser on the real terminal: the loader thread, the input thread,
//! signal handling, and the [`SystemHost`] that opens links and suspends.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;

use std::io::Write;

use ratatui::text::{Line, Span};

use crate::app::{App, Library, RenderRequest, SearchRequest, SearchResult, run_search};
use crate::config::Config;
use crate::markdown::Rendered;
use crate::opener::Opener;
use crate::runtime::{self, Event, Host};
use crate::ui::reader::Hyperlink;
use crate::{cli, terminal};

/// The host for a real session.
#[derive(Debug)]
pub struct SystemHost {
    /// How links are opened.
    pub opener: Opener,
    /// Whether link markers become OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The search worker's inbox.
    pub searches: Sender<SearchRequest>,
    /// Where finished work (renders) is sent back to the event loop.
    pub events: Sender<Event>,
}

/// Runs searches off the UI thread, newest request first: requests that queued up
/// behind a running search are skipped, since only the newest result is shown.
fn spawn_search_worker(events: Sender<Event>) -> Sender<SearchRequest> {
    let (tx, rx) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        while let Ok(mut request) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                request = newer;
            }
            let result = run_search(&request);
            if events.send(Event::SearchDone(Box::new(result))).is_err() {
                break;
            }
        }
    });
    tx
}

impl Host for SystemHost {
    fn render(&mut self, request: RenderRequest) -> Option<Rendered> {
        // Rare (only posts longer than the preview's opening), so one thread each.
        let events = self.events.clone();
        thread::spawn(move || {
            let rendered = request.run();
            let _ = events.send(Event::Rendered(request.key, Arc::new(rendered)));
        });
        None
    }

    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        match self.searches.send(request) {
            Ok(()) => None,
            // The worker is gone (it cannot be, short of a panic): search here.
            Err(mpsc::SendError(request)) => Some(run_search(&request)),
        }
    }

    fn open_url(&mut self, url: &str) -> Result<String, String> {
        self.opener.open(url)
    }

    fn hyperlinks(&mut self, links: &[Hyperlink]) {
        if !self.hyperlinks {
            return;
        }
        // Re-write the marker cells ratatui just drew, with the same text and style,
        // wrapped in OSC 8. Ratatui's buffer is untouched, so its diffing stays right.
        let mut out = io::stdout().lock();
        for link in links {
            let styled =
                crate::ansi::line(&Line::from(Span::styled(link.text.clone(), link.style)));
            let _ = crossterm::queue!(out, crossterm::cursor::MoveTo(link.x, link.y));
            let _ = write!(out, "\x1b]8;;{}\x1b\\{styled}\x1b]8;;\x1b\\", link.url);
        }
        let _ = out.flush();
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        crossterm::execute!(
            io::stdout(),
            crossterm::clipboard::CopyToClipboard::to_clipboard_from(text)
        )
        .map_err(|e| e.to_string())
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

fn spawn_loader(paths: Vec<PathBuf>, config: Config, tx: Sender<Event>) {
    thread::spawn(move || {
        let library = Library::new(cli::load(&paths, &config));
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

/// Opens the full-screen browser over `paths` (the bundled archive when empty) and
/// returns when the user quits or a signal asks to. The terminal is restored on
/// every way out.
pub fn run(paths: Vec<PathBuf>, config: &Config, hyperlinks: bool) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    spawn_loader(paths, config.clone(), tx.clone());
    let mut terminal = terminal::init()?;
    let searches = spawn_search_worker(tx.clone());
    let events = tx.clone();
    spawn_input(tx);
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height);
    let browser = std::env::var("BROWSER").ok();
    let mut host = SystemHost {
        opener: Opener::resolve(config.opener.as_deref(), browser.as_deref()),
        hyperlinks: hyperlinks && config.hyperlinks.unwrap_or(true),
        searches,
        events,
    };
    let result = runtime::run(&mut terminal, &mut app, &rx, &mut host);
    terminal::restore();
    result?;
    Ok(())
}
