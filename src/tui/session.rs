//! A real terminal session: the loader, input and signal threads, the workers, and
//! the [`SystemHost`] that opens links, copies and suspends for the event loop.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::text::{Line, Span};

use super::event_loop::{self, Event, Host, RenderDone};
use super::opener::Opener;
use super::terminal::{self, TerminalGuard};
use super::text_worker::TextJob;
use super::workers::{self, RenderJob};
use crate::app::{
    App, FindRequest, FindResult, Hyperlink, LoadProgress, Outcome, RenderRequest, Save,
};
use crate::config::{Config, ThemeChoice};
use crate::corpus::{self, Corpus, LoadEvent};
use crate::index::{Library, SearchRequest, SearchResult};
use crate::store::{self, MarkBook};
use crate::text::ansi;

/// Set to `after-terminal-setup` to make the session fail right after the terminal
/// is set up: how the tests prove the terminal is restored on an error path. Set to
/// `slow-load` to make each chunk of posts read wait 400 ms: how the tests prove keys
/// are answered while an archive loads, on machines of any speed.
pub const FAULT_ENV: &str = "SHELF_FAULT";

/// How long `auto` waits for the terminal to say its background colour. Terminals
/// that cannot answer are recognised at once; this only bounds a silent one.
const THEME_QUERY_TIMEOUT: Duration = Duration::from_millis(300);

/// Whether the terminal's background is light (OSC 11, through terminal-colorsaurus,
/// which also recognises terminals that cannot answer); `None` when it does not say.
fn background_is_light() -> Option<bool> {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = THEME_QUERY_TIMEOUT;
    match terminal_colorsaurus::theme_mode(options) {
        Ok(terminal_colorsaurus::ThemeMode::Light) => Some(true),
        Ok(terminal_colorsaurus::ThemeMode::Dark) => Some(false),
        Err(_) => None,
    }
}

/// False when `NO_COLOR` is set to anything but the empty string (no-color.org).
fn colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

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
    /// The database worker's inbox.
    pub saves: Sender<Save>,
    /// The full-text worker's inbox.
    pub texts: Sender<TextJob>,
    /// The archive's name in the database and the cache (`store::archive_key`).
    pub archive: String,
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
        match self.renders.send(RenderJob::Render(Box::new(request))) {
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

    fn index_text(&mut self, library: Arc<Library>) -> Vec<crate::app::Action> {
        let _ = self
            .texts
            .send(TextJob::Index(library, self.archive.clone()));
        Vec::new()
    }

    fn full_text(&mut self, request: crate::app::TextRequest) -> Option<crate::app::TextFound> {
        // Answered with Event::TextFound (the worker is gone only if it panicked).
        let _ = self.texts.send(TextJob::Search(request));
        None
    }

    fn save(&mut self, save: Save) {
        // The worker is gone only if it panicked: then nothing can be saved anyway.
        let _ = self.saves.send(save);
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

/// How often the loader reports its count while it reads.
const PROGRESS_EVERY: Duration = Duration::from_millis(50);
/// A part of the archive is shown once loading has taken [`FIRST_PART_AFTER`], when it
/// holds at least this many posts and [`PART_GROWTH`] times the part shown before.
const FIRST_PART_POSTS: usize = 1_000;
/// How long loading may take before what is read so far is shown.
const FIRST_PART_AFTER: Duration = Duration::from_millis(250);
/// A part is shown only when the rest of the archive, at the pace so far, would take
/// longer than this (seconds) to read.
const REST_WORTH_A_PART: f64 = 0.5;
/// Each part shown is this many times larger than the one before, so indexing the
/// parts costs a fraction of indexing the whole.
const PART_GROWTH: usize = 4;

/// Loads on threads of its own: the reader threads (rayon) stream chunks of posts to
/// this thread, which reports progress and, now and then, a library of what has been
/// read so far, so the list fills and search works while a large archive loads.
fn spawn_loader(
    paths: Vec<PathBuf>,
    config: Config,
    tx: Sender<Event>,
    book: Receiver<Arc<MarkBook>>,
) {
    // Translations are shown in the first of these languages they have.
    let languages = config.preferred_languages();
    thread::spawn(move || {
        // Each library is built with the marks saved for its posts; the database is
        // read while the first files are.
        let mut marks: Option<Arc<MarkBook>> = None;
        let mut library_of = |corpus: Corpus| {
            let book = marks.get_or_insert_with(|| book.recv().unwrap_or_default());
            let mut library = Library::preferring(corpus, &languages);
            library.marks = book.resolve(&library.corpus.posts);
            Arc::new(library)
        };
        let (chunks, received) = mpsc::channel::<LoadEvent>();
        let slow = std::env::var(FAULT_ENV).is_ok_and(|v| v == "slow-load");
        let reader = thread::spawn(move || {
            let load = move || {
                corpus::load_requested_streaming(&paths, &config, &move |event| {
                    if slow && matches!(event, LoadEvent::Batch(_)) {
                        thread::sleep(Duration::from_millis(400));
                    }
                    let _ = chunks.send(event);
                })
            };
            // Reading gets a thread pool of its own: on the shared one, every search
            // and index asked for while the archive loads would wait for the last file.
            match rayon::ThreadPoolBuilder::new().build() {
                Ok(pool) => pool.install(load),
                Err(_) => load(),
            }
        });
        // What has been read, kept only while a part of it may still be shown.
        let mut so_far = Some(Corpus::default());
        let mut progress = LoadProgress::default();
        let started = Instant::now();
        let mut reported = started;
        let mut shown = 0;
        let mut found_at = None;
        for event in received {
            match event {
                LoadEvent::Found { files } => {
                    progress.expected = Some(files);
                    found_at = Some(Instant::now());
                }
                LoadEvent::Batch(part) => {
                    progress.read += part.posts.len();
                    if let Some(so_far) = so_far.as_mut() {
                        so_far.files += part.files;
                        so_far.skipped += part.skipped;
                        so_far.posts.extend(part.posts);
                        so_far.diagnostics.extend(part.diagnostics);
                    }
                }
            }
            let now = Instant::now();
            // A quick load (a small archive, or the metadata cache) shows the whole at
            // once: a part costs a copy and an index, worth it only when the rest of
            // the archive, at the pace so far, is still a while away.
            let waiting_long = match (found_at, progress.expected) {
                (Some(found), Some(files)) if progress.read > 0 => {
                    let pace = (now - found).as_secs_f64() / progress.read as f64;
                    pace * files.saturating_sub(progress.read) as f64 > REST_WORTH_A_PART
                }
                _ => false,
            };
            let enough = now - started >= FIRST_PART_AFTER
                && waiting_long
                && progress.read >= (shown * PART_GROWTH).max(FIRST_PART_POSTS);
            // Past 40% the whole archive comes soon: no more parts (each one alive next
            // to the whole is memory), and no copy of what is read kept for them.
            let near_end = progress
                .expected
                .is_some_and(|files| progress.read * 10 >= files * 4);
            if near_end {
                so_far = None;
            }
            if let Some(so_far) = so_far.as_ref().filter(|_| enough) {
                shown = progress.read;
                let mut part = so_far.clone();
                part.posts.sort_by(|a, b| a.path.cmp(&b.path));
                if tx.send(Event::Partial(library_of(part))).is_err() {
                    return;
                }
            }
            if now - reported >= PROGRESS_EVERY {
                reported = now;
                if tx.send(Event::Progress(progress)).is_err() {
                    return;
                }
            }
        }
        // The reader returns the whole archive sorted; the parts read are not needed.
        drop(so_far);
        let corpus = reader.join().unwrap_or_default();
        let _ = tx.send(Event::Loaded(library_of(corpus)));
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
/// `notice`, when given, is on the status bar until the first key (paths that could not
/// be opened, say). `fresh` starts without the last session (marks are kept).
pub fn run(
    paths: Vec<PathBuf>,
    config: &Config,
    hyperlinks: bool,
    theme: Option<ThemeChoice>,
    notice: Option<String>,
    fresh: bool,
) -> anyhow::Result<()> {
    // Asked before raw mode and the alternate screen, while the loader starts.
    let theme = theme.unwrap_or(config.theme).resolve(background_is_light);
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let archive = store::archive_key(corpus::roots(&paths, config));
    let memory = super::memory::spawn(archive.clone(), fresh, tx.clone());
    spawn_loader(paths, config.clone(), tx.clone(), memory.book);
    let mut terminal = TerminalGuard::new()?;
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == "after-terminal-setup") {
        anyhow::bail!("failing after terminal set-up, as {FAULT_ENV} asked");
    }
    let mut host = SystemHost {
        opener: Opener::resolve(
            config.opener.as_deref(),
            std::env::var("BROWSER").ok().as_deref(),
        ),
        hyperlinks: hyperlinks && config.hyperlinks,
        searches: workers::spawn_search(tx.clone()),
        renders: workers::spawn_render(tx.clone()),
        saves: memory.saves,
        texts: super::text_worker::spawn(tx.clone()),
        archive,
    };
    spawn_input(tx);
    let size = terminal.size()?;
    let mut app = App::new(size.width, size.height);
    app.status = notice;
    app.theme = theme;
    app.colour = colour_wanted();
    // The config's order, tag mode and keys; main reported the problems already.
    let _ = crate::app::settings::apply(&mut app, config);
    let result = event_loop::run(&mut terminal, &mut app, &rx, &mut host);
    // What the app asked to save is written before the process ends.
    drop(host);
    drop(rx);
    let _ = memory.thread.join();
    result?;
    Ok(())
}
