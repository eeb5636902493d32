//! What the event loop waits on: [`Event`]s from the terminal, the loader, the
//! workers and the signal handler, all on one channel.

use std::sync::Arc;

use crate::app::{FindResult, LoadProgress, Remembered, RenderKey, TextFound};
use crate::index::{Library, SearchResult};
use crate::markdown::Rendered;

/// Something that happened outside the app.
#[derive(Debug)]
pub enum Event {
    /// A key, mouse or resize event from the terminal.
    Terminal(crossterm::event::Event),
    /// The loader finished.
    Loaded(Arc<Library>),
    /// The loader has read part of the archive (a library of what there is so far).
    Partial(Arc<Library>),
    /// How far the loader is.
    Progress(LoadProgress),
    /// A search worker finished.
    SearchDone(Box<SearchResult>),
    /// The render worker finished (a part of) a rendering.
    Rendered(Box<RenderDone>),
    /// A find in the reader's post finished.
    Found(Box<FindResult>),
    /// A full-text search finished.
    TextFound(Box<TextFound>),
    /// How far the full-text index is (`None`: it answers searches).
    TextIndexing(Option<(usize, usize)>),
    /// What the database held for this archive (the marks go to the loader).
    Remembered(Box<Remembered>),
    /// Something for the status bar: a save failed, the full-text index could not be
    /// made.
    Notice(String),
    /// SIGTERM, SIGHUP or the like: leave now, restoring the terminal.
    Quit,
}

/// A rendering as it travels back from the worker.
#[derive(Debug)]
pub struct RenderDone {
    /// The library it was asked of.
    pub epoch: u64,
    /// Which rendering.
    pub key: RenderKey,
    /// The text and links.
    pub rendered: Arc<Rendered>,
    /// False for the opening of a long post, with the whole still to come.
    pub complete: bool,
}
