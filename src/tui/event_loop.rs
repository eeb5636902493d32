//! The event loop: events in, [`update`], effects out, draw. Generic over the ratatui
//! backend so tests drive the real loop on a `TestBackend`; the world outside the app
//! (workers, opening links, the clipboard, suspending) is behind the [`Host`] trait,
//! which speaks in `app` types only.

use std::collections::VecDeque;
use std::sync::mpsc::{Receiver, TryRecvError};

use ratatui::Terminal;
use ratatui::backend::Backend;

pub use super::event::{Event, RenderDone};
use super::workers;
use crate::app::{
    Action, App, Effect, FindRequest, FindResult, Hyperlink, Outcome, RenderRequest, Save,
    TextFound, TextRequest, action_for_event, update, viewport,
};
use crate::index::{Library, SearchRequest, SearchResult};
use std::sync::Arc;

/// What the loop needs from the world beyond the terminal.
pub trait Host {
    /// Opens a (checked) URL outside the terminal UI without blocking it.
    fn open_url(&mut self, url: &str) -> Outcome;
    /// Copies text to the clipboard.
    fn copy(&mut self, text: &str) -> Outcome;
    /// Suspends the process (Ctrl-Z) and returns once it is resumed.
    fn suspend(&mut self);
    /// Starts a search. A host with workers answers later with
    /// [`Event::SearchDone`] and returns `None`; the default runs it here.
    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        Some(crate::index::request::run(&request))
    }
    /// Starts a rendering; like [`Host::search`], a host with workers answers later
    /// with [`Event::Rendered`]; the default renders here and returns every part.
    fn render(&mut self, request: RenderRequest) -> Vec<RenderDone> {
        workers::render_all(&request)
    }
    /// Starts a find in a rendered post; the default finds here.
    fn find(&mut self, request: FindRequest) -> Option<FindResult> {
        Some(request.run())
    }
    /// Opens or builds the full-text index of the whole archive (on a worker, in a
    /// host that has one); what it says as it goes comes back as actions. The default
    /// has no full-text index.
    fn index_text(&mut self, _library: Arc<Library>) -> Vec<Action> {
        Vec::new()
    }
    /// Starts a full-text search; like [`Host::search`], answered later or here. The
    /// default has no index: nothing is found.
    fn full_text(&mut self, request: TextRequest) -> Option<TextFound> {
        Some(TextFound {
            generation: request.generation,
            text: request.text,
            error: Some("no full-text index here".to_string()),
            ..TextFound::default()
        })
    }
    /// Saves what shelf remembers (on a worker, in a host that has one). The default
    /// saves nothing.
    fn save(&mut self, _save: Save) {}
    /// After a frame is drawn: these link markers are on screen and may be made
    /// terminal hyperlinks. The default does nothing.
    fn hyperlinks(&mut self, _links: &[Hyperlink]) {}
}

/// A host that does its work in place and records what it was asked, for tests and
/// benchmarks.
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
    /// When true, renderings are kept in `renders` instead of made.
    pub defer_renders: bool,
    /// Renderings kept while `defer_renders` is on.
    pub renders: Vec<RenderRequest>,
    /// Every search asked for, deferred or not (to prove none ran in `update`).
    pub searches_asked: usize,
    /// Every rendering asked for, deferred or not.
    pub renders_asked: usize,
    /// What the app asked to be saved, in order.
    pub saved: Vec<Save>,
    /// When true, the whole archive gets a full-text index in memory and full-text
    /// searches are answered in place (off by default: most tests need none).
    pub index_text: bool,
    /// That index, once built.
    pub text_index: Option<super::text_worker::Indexed>,
}

impl Host for RecordingHost {
    fn open_url(&mut self, url: &str) -> Outcome {
        self.opened.push(url.to_string());
        Outcome::Opened(format!("opened {url}"))
    }
    fn copy(&mut self, text: &str) -> Outcome {
        self.copied.push(text.to_string());
        Outcome::Copied(text.to_string())
    }
    fn suspend(&mut self) {
        self.suspended += 1;
    }
    fn save(&mut self, save: Save) {
        self.saved.push(save);
    }
    fn index_text(&mut self, library: Arc<Library>) -> Vec<Action> {
        if !self.index_text {
            return Vec::new();
        }
        match super::text_worker::Indexed::open(library, "", true, &|_, _| {}) {
            Ok(index) => {
                self.text_index = Some(index);
                vec![Action::TextIndexing(None)]
            }
            Err(e) => vec![Action::Outcome(Outcome::Notice(e.to_string()))],
        }
    }
    fn full_text(&mut self, request: TextRequest) -> Option<TextFound> {
        match &self.text_index {
            Some(index) => Some(index.answer(request)),
            None => Some(TextFound {
                generation: request.generation,
                text: request.text,
                error: Some("no full-text index here".to_string()),
                ..TextFound::default()
            }),
        }
    }
    fn render(&mut self, request: RenderRequest) -> Vec<RenderDone> {
        self.renders_asked += 1;
        if self.defer_renders {
            self.renders.push(request);
            Vec::new()
        } else {
            workers::render_all(&request)
        }
    }
    fn search(&mut self, request: SearchRequest) -> Option<SearchResult> {
        self.searches_asked += 1;
        if self.defer_searches {
            self.searches.push(request);
            None
        } else {
            Some(crate::index::request::run(&request))
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
    let mut queue = VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let answer: Vec<Action> = match effect {
            Effect::Quit => return Ok(false),
            Effect::Render(request) => host
                .render(*request)
                .into_iter()
                .map(rendered_action)
                .collect(),
            Effect::Search(request) => host
                .search(*request)
                .map(|result| Action::SearchDone(Box::new(result)))
                .into_iter()
                .collect(),
            Effect::Find(request) => host
                .find(*request)
                .map(|result| Action::Found(Box::new(result)))
                .into_iter()
                .collect(),
            Effect::OpenUrl(url) => vec![Action::Outcome(host.open_url(&url))],
            Effect::Copy(text) => vec![Action::Outcome(host.copy(&text))],
            Effect::IndexText(library) => host.index_text(library),
            Effect::FullText(request) => host
                .full_text(request)
                .map(|found| Action::TextFound(Box::new(found)))
                .into_iter()
                .collect(),
            Effect::Save(save) => {
                host.save(save);
                Vec::new()
            }
            Effect::Suspend => {
                host.suspend();
                vec![Action::Resumed]
            }
            Effect::Repaint => {
                repaint(terminal)?;
                Vec::new()
            }
        };
        for action in answer {
            queue.extend(update(app, action));
        }
    }
    Ok(!app.quit)
}

fn rendered_action(r: RenderDone) -> Action {
    Action::Rendered {
        epoch: r.epoch,
        key: r.key,
        rendered: r.rendered,
        complete: r.complete,
    }
}

/// Applies one event. Returns false when the app must quit.
pub fn handle_event<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    event: Event,
    host: &mut dyn Host,
) -> Result<bool, B::Error> {
    let action = match event {
        Event::Terminal(e) if is_two_escapes(&e) => {
            // Two Esc presses in quick succession arrive as one Alt-Esc: each counts.
            let esc = crossterm::event::Event::Key(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Esc,
            ));
            if !handle_event(terminal, app, Event::Terminal(esc.clone()), host)? {
                return Ok(false);
            }
            action_for_event(app, &esc)
        }
        Event::Terminal(e) => action_for_event(app, &e),
        Event::Loaded(library) => Some(Action::Loaded(library)),
        Event::Partial(library) => Some(Action::Partial(library)),
        Event::Progress(progress) => Some(Action::LoadProgress(progress)),
        Event::SearchDone(result) => Some(Action::SearchDone(result)),
        Event::Rendered(r) => Some(rendered_action(*r)),
        Event::Found(result) => Some(Action::Found(result)),
        Event::Remembered(remembered) => Some(Action::Remembered(remembered)),
        Event::TextFound(found) => Some(Action::TextFound(found)),
        Event::TextIndexing(progress) => Some(Action::TextIndexing(progress)),
        Event::Notice(why) => Some(Action::Outcome(Outcome::Notice(why))),
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

/// True for the Alt-Esc a terminal sends for two quick Esc presses (`ESC ESC`).
fn is_two_escapes(event: &crossterm::event::Event) -> bool {
    matches!(
        event,
        crossterm::event::Event::Key(key)
            if key.code == crossterm::event::KeyCode::Esc
                && key.modifiers == crossterm::event::KeyModifiers::ALT
                && key.kind != crossterm::event::KeyEventKind::Release
    )
}

/// Draws a frame, then tells the host where link markers are, with their styles.
pub fn draw<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &App,
    host: &mut dyn Host,
) -> Result<(), B::Error> {
    let mut links = viewport::hyperlinks(app);
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
