//! The event loop: events in, [`update`], effects out, draw. Generic over the ratatui
//! backend so tests drive the real loop on a `TestBackend`; the outside world (opening
//! links, suspending, the clipboard) goes through the [`Host`] trait.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{
    Action, App, Effect, Library, RenderKey, RenderRequest, SearchRequest, SearchResult,
    action_for_event, run_search, update,
};
use crate::markdown::Rendered;
use crate::ui::reader::Hyperlink;

/// Something that happened outside the app.
#[derive(Debug)]
pub enum Event {
    /// A key, mouse or resize event from the terminal.
    Terminal(crossterm::event::Event),
    /// The loader finished.
    Loaded(Arc<Library>),
    /// A search running off the UI thread finished.
    SearchDone(Box<SearchResult>),
    /// A post rendering off the UI thread finished.
    Rendered(RenderKey, Arc<Rendered>),
    /// SIGTERM, SIGHUP or the like: leave now, restoring the terminal.
    Quit,
}

/// What the loop needs from the world beyond the terminal.
pub trait Host {
    /// Opens a (checked) URL outside the terminal UI without blocking it.
    /// Returns a message for the status bar.
    fn open_url(&mut self, url: &str) -> Result<String, String>;
    /// Copies text to the clipboard.
    fn copy(&mut self, text: &str) -> Result<(), String>;
    /// Suspends the process (Ctrl-Z) and returns once it is resumed.
    fn suspend(&mut self);
    /// Runs a search. A host with a worker thread starts it there and returns `None`
    /// (the result comes back as [`Event::SearchDone`]); the default runs it here.
    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        Some(run_search(&request))
    }
    /// Renders a long post whole. Like [`Host::search`]: a host with threads returns
    /// `None` and answers with [`Event::Rendered`]; the default renders here.
    fn render(&mut self, request: RenderRequest) -> Option<Rendered> {
        Some(request.run())
    }
    /// After a frame is drawn: these link markers are on screen and may be made
    /// terminal hyperlinks. The default does nothing.
    fn hyperlinks(&mut self, _links: &[Hyperlink]) {}
}

/// A host that does nothing, for tests and headless runs. It records what it was asked.
#[derive(Debug, Default)]
pub struct RecordingHost {
    /// URLs asked to be opened.
    pub opened: Vec<String>,
    /// Texts asked to be copied.
    pub copied: Vec<String>,
    /// Times suspension was asked for.
    pub suspended: usize,
    /// When true, searches are kept in `searches` instead of run, as a worker
    /// thread would leave them, so a test can answer them late or out of order.
    pub defer_searches: bool,
    /// Searches kept while `defer_searches` is on.
    pub searches: Vec<SearchRequest>,
    /// When true, whole-post renders are kept in `renders` instead of run.
    pub defer_renders: bool,
    /// Renders kept while `defer_renders` is on.
    pub renders: Vec<RenderRequest>,
}

impl Host for RecordingHost {
    fn open_url(&mut self, url: &str) -> Result<String, String> {
        self.opened.push(url.to_string());
        Ok(format!("opened {url}"))
    }
    fn copy(&mut self, text: &str) -> Result<(), String> {
        self.copied.push(text.to_string());
        Ok(())
    }
    fn suspend(&mut self) {
        self.suspended += 1;
    }
    fn render(&mut self, request: RenderRequest) -> Option<Rendered> {
        if self.defer_renders {
            self.renders.push(request);
            None
        } else {
            Some(request.run())
        }
    }
    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        if self.defer_searches {
            self.searches.push(request);
            None
        } else {
            Some(run_search(&request))
        }
    }
}

/// Clears the screen and forgets what was drawn, so the next frame paints every cell.
///
/// Not `Terminal::clear`: that asks the terminal for the cursor position, which
/// waits on crossterm's event reader, and the input thread holds that while it
/// blocks on a read, so the two would deadlock.
fn repaint<B: Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Runs effects until none are left. Returns false when the app must quit.
fn run_effects<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    effects: Vec<Effect>,
    host: &mut dyn Host,
) -> Result<bool, B::Error> {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        match effect {
            Effect::Quit => return Ok(false),
            Effect::LoadBody(post) => {
                let body = match app.library.post(post) {
                    Some(p) => p.read_body().map(Arc::from).map_err(|e| e.to_string()),
                    None => Err("no such post".to_string()),
                };
                queue.extend(update(app, Action::BodyLoaded { post, body }));
            }
            Effect::Render(request) => {
                let key = request.key;
                if let Some(rendered) = host.render(*request) {
                    queue.extend(update(
                        app,
                        Action::Rendered {
                            key,
                            rendered: Arc::new(rendered),
                        },
                    ));
                }
            }
            Effect::Search(request) => {
                if let Some(result) = host.search(*request) {
                    queue.extend(update(app, Action::SearchDone(Box::new(result))));
                }
            }
            Effect::OpenUrl(url) => {
                app.status = Some(match host.open_url(&url) {
                    Ok(message) => message,
                    Err(message) => message,
                });
            }
            Effect::Copy(text) => {
                app.status = Some(match host.copy(&text) {
                    Ok(()) => format!("copied {text}"),
                    Err(e) => format!("could not copy: {e}"),
                });
            }
            Effect::Suspend => {
                host.suspend();
                queue.extend(update(app, Action::Resumed));
            }
            Effect::Repaint => repaint(terminal)?,
        }
    }
    Ok(!app.quit)
}

/// Applies one event. Returns false when the app must quit.
pub fn handle_event<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    event: Event,
    host: &mut dyn Host,
) -> Result<bool, B::Error> {
    let action = match event {
        Event::Terminal(e) => action_for_event(app, &e),
        Event::Loaded(library) => Some(Action::Loaded(library)),
        Event::SearchDone(result) => Some(Action::SearchDone(result)),
        Event::Rendered(key, rendered) => Some(Action::Rendered { key, rendered }),
        Event::Quit => Some(Action::Quit),
    };
    match action {
        Some(action) => {
            let effects = update(app, action);
            run_effects(terminal, app, effects, host)
        }
        None => Ok(true),
    }
}

/// Draws a frame, then tells the host where link markers are, with their styles.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    host: &mut dyn Host,
) -> Result<(), B::Error> {
    let mut links = crate::ui::reader::hyperlinks(app);
    let frame = terminal.draw(|frame| crate::ui::draw(app, frame))?;
    for link in &mut links {
        if let Some(cell) = frame.buffer.cell((link.x, link.y)) {
            link.style = cell.style();
        }
    }
    if !links.is_empty() {
        host.hyperlinks(&links);
    }
    Ok(())
}

/// Draws, then handles events until the app quits or the event source closes.
/// Events that are already waiting are applied together before the next draw.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<Event>,
    host: &mut dyn Host,
) -> Result<(), B::Error> {
    // Start at the terminal's real size.
    let size = terminal.size()?;
    let effects = update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if !run_effects(terminal, app, effects, host)? {
        return Ok(());
    }
    loop {
        draw(terminal, app, host)?;
        let Ok(event) = events.recv() else {
            return Ok(());
        };
        if !handle_event(terminal, app, event, host)? {
            return Ok(());
        }
        loop {
            match events.try_recv() {
                Ok(event) => {
                    if !handle_event(terminal, app, event, host)? {
                        return Ok(());
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    draw(terminal, app, host)?;
                    return Ok(());
                }
            }
        }
    }
}
