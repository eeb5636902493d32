//! The browser's state ([`App`]), what can happen to it ([`Action`]), and [`update`],
//! which applies an action, does no I/O, and returns [`Effect`]s for the runtime.
//!
//! Drawing (in [`crate::ui`]) only reads this state.

mod action;
mod keymap;
mod reader;
mod scroll;
mod search;
mod update;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui_textarea::TextArea;

pub use action::{Action, Effect};
pub use keymap::action_for_event;
pub use reader::{line_text, marker_column};
pub use scroll::ScrollState;
pub use search::{SearchRequest, SearchResult, run as run_search};
pub use update::RenderRequest;
pub use update::update;

use crate::corpus::{Corpus, Post};
use crate::index::{FacetKind, Filter, Hit, Index, Query, SortKey};
use crate::markdown::Rendered;

/// A loaded corpus with its search index: built together off the UI thread.
#[derive(Debug)]
pub struct Library {
    /// The posts and load diagnostics.
    pub corpus: Corpus,
    /// Facets and the search index over `corpus.posts`.
    pub index: Index,
}

impl Library {
    /// Indexes a corpus.
    pub fn new(corpus: Corpus) -> Self {
        let index = Index::build(&corpus.posts);
        Library { corpus, index }
    }

    /// The post at `index`, if any.
    pub fn post(&self, index: u32) -> Option<&Post> {
        self.corpus.posts.get(index as usize)
    }
}

/// Which part of the browse screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The search box at the top.
    Search,
    /// The Tags facet pane.
    Tags,
    /// The Authors facet pane.
    Authors,
    /// The post list.
    List,
}

/// The two screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Search box, facets, list, preview.
    Browse,
    /// One post, full screen.
    Reader,
}

/// How a facet pane orders its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FacetOrder {
    /// Most posts first (under the current filter), then by name.
    #[default]
    Count,
    /// A to Z.
    Name,
}

/// One facet pane: its entries in display order, selection, order and own filter.
#[derive(Debug, Clone)]
pub struct FacetPane {
    /// Tags or authors.
    pub kind: FacetKind,
    /// Entry indices in display order (after the pane's filter and order).
    pub rows: Vec<u32>,
    /// Selection and scroll.
    pub scroll: ScrollState,
    /// Count or name order.
    pub order: FacetOrder,
    /// The pane's own type-to-filter box.
    pub filter: TextArea<'static>,
    /// True while the filter box has the keyboard.
    pub filtering: bool,
}

impl FacetPane {
    fn new(kind: FacetKind) -> Self {
        FacetPane {
            kind,
            rows: Vec::new(),
            scroll: ScrollState::default(),
            order: FacetOrder::Count,
            filter: one_line_box("filter"),
            filtering: false,
        }
    }

    /// The text of the pane's filter box.
    pub fn filter_text(&self) -> String {
        self.filter.lines().concat()
    }
}

/// One match of the in-post search: a line and a range of characters in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextMatch {
    /// 0-based rendered line.
    pub line: usize,
    /// First matched character (char index in the line's text).
    pub start: usize,
    /// Number of characters matched.
    pub len: usize,
}

/// The full-screen reader's state.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// The post shown.
    pub post: u32,
    /// First visible line.
    pub scroll: usize,
    /// The focused link (index into the rendered post's links), for Tab, Enter, o, y.
    pub link: Option<usize>,
    /// Digits typed so far to pick a link by number.
    pub number: String,
    /// The in-post search box.
    pub search: TextArea<'static>,
    /// True while the search box has the keyboard.
    pub searching: bool,
    /// Matches of the search in the rendered text, in reading order.
    pub matches: Vec<TextMatch>,
    /// The match moved to last (n / N).
    pub current: Option<usize>,
    /// The width `matches` were computed at.
    pub matches_width: u16,
    /// Where `l` jumped from, to go back there on the next `l`.
    pub before_links: Option<usize>,
}

impl Default for ReaderState {
    fn default() -> Self {
        ReaderState {
            post: 0,
            scroll: 0,
            link: None,
            number: String::new(),
            search: one_line_box("search in this post"),
            searching: false,
            matches: Vec::new(),
            current: None,
            matches_width: 0,
            before_links: None,
        }
    }
}

impl ReaderState {
    /// The text of the search box.
    pub fn search_text(&self) -> String {
        self.search.lines().concat()
    }
}

/// A rendered body's cache key: post, width, and true for the whole post.
pub type RenderKey = (u32, u16, bool);

/// How many rendered bodies and read bodies to keep.
const CACHE_LIMIT: usize = 256;

/// The whole state of the browser.
pub struct App {
    /// The loaded posts and index (empty while loading).
    pub library: Arc<Library>,
    /// True until the loader has delivered.
    pub loading: bool,
    /// The search box.
    pub search: TextArea<'static>,
    /// The parsed search box text.
    pub query: Query,
    /// The facet selection.
    pub filter: Filter,
    /// The list order.
    pub sort: SortKey,
    /// Posts shown in the list, in order.
    pub hits: Vec<Hit>,
    /// The query and filter `hits` answer, so a narrower query searches only them.
    pub searched: Option<(Query, Filter)>,
    /// The newest search asked of the runtime; results of older ones are dropped.
    pub search_generation: u64,
    /// True while a typed query's search is running (the list shows the last result).
    pub search_pending: bool,
    /// Per tag entry: posts among `hits` carrying it.
    pub tag_counts: Vec<u32>,
    /// Per author entry: posts among `hits` carrying it.
    pub author_counts: Vec<u32>,
    /// The list's selection and scroll.
    pub list: ScrollState,
    /// The Tags pane.
    pub tags: FacetPane,
    /// The Authors pane.
    pub authors: FacetPane,
    /// Who has the keyboard on the browse screen.
    pub focus: Focus,
    /// The screen shown.
    pub screen: Screen,
    /// The reader's state.
    pub reader: ReaderState,
    /// True while the help overlay is shown.
    pub help: bool,
    /// First help line shown (the overlay scrolls on short terminals).
    pub help_scroll: usize,
    /// A one-line message for the status bar (errors, refusals, confirmations).
    pub status: Option<String>,
    /// The terminal size.
    pub size: Rect,
    /// Bodies read so far (bounded).
    pub bodies: HashMap<u32, Result<Arc<str>, String>>,
    /// Rendered bodies by post, width, and whether whole (the reader) or only the
    /// opening (the preview); bounded. Scrolling never re-parses.
    pub rendered: HashMap<RenderKey, Arc<Rendered>>,
    /// Reader renders that are for now only the opening of a long post, while the
    /// whole post renders off the UI thread.
    pub partial: HashSet<RenderKey>,
    /// Whole-post renders asked of the runtime and not yet back.
    pub rendering: HashSet<RenderKey>,
    /// Set when the app should end.
    pub quit: bool,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("hits", &self.hits.len())
            .field("focus", &self.focus)
            .field("screen", &self.screen)
            .finish_non_exhaustive()
    }
}

/// A one-line text box in shelf's style.
fn one_line_box(placeholder: &str) -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(Style::default());
    area.set_placeholder_text(placeholder);
    area.set_placeholder_style(Style::default().fg(Color::DarkGray));
    area
}

impl App {
    /// A browser waiting for the loader, sized `width` x `height`.
    pub fn new(width: u16, height: u16) -> Self {
        App {
            library: Arc::new(Library::new(Corpus::default())),
            loading: true,
            search: one_line_box("type to search  ('exact !not ^prefix #tag @author)"),
            query: Query::default(),
            filter: Filter::default(),
            sort: SortKey::default(),
            hits: Vec::new(),
            searched: None,
            search_generation: 0,
            search_pending: false,
            tag_counts: Vec::new(),
            author_counts: Vec::new(),
            list: ScrollState::default(),
            tags: FacetPane::new(FacetKind::Tag),
            authors: FacetPane::new(FacetKind::Author),
            focus: Focus::List,
            screen: Screen::Browse,
            reader: ReaderState::default(),
            help: false,
            help_scroll: 0,
            status: None,
            size: Rect::new(0, 0, width, height),
            bodies: HashMap::new(),
            rendered: HashMap::new(),
            partial: HashSet::new(),
            rendering: HashSet::new(),
            quit: false,
        }
    }

    /// A browser over an already loaded library.
    pub fn with_library(library: Arc<Library>, width: u16, height: u16) -> Self {
        let mut app = App::new(width, height);
        let _ = update(&mut app, Action::Loaded(library));
        app
    }

    /// The post under the list cursor.
    pub fn selected_post(&self) -> Option<u32> {
        self.hits.get(self.list.selected).map(|h| h.post)
    }

    /// The facet pane of a kind.
    pub fn pane(&self, kind: FacetKind) -> &FacetPane {
        match kind {
            FacetKind::Tag => &self.tags,
            FacetKind::Author => &self.authors,
        }
    }

    /// The facet pane of a kind, mutably.
    pub fn pane_mut(&mut self, kind: FacetKind) -> &mut FacetPane {
        match kind {
            FacetKind::Tag => &mut self.tags,
            FacetKind::Author => &mut self.authors,
        }
    }

    /// The counts of a facet kind under the current filter.
    pub fn counts(&self, kind: FacetKind) -> &[u32] {
        match kind {
            FacetKind::Tag => &self.tag_counts,
            FacetKind::Author => &self.author_counts,
        }
    }

    /// The search box text.
    pub fn query_text(&self) -> String {
        self.search.lines().concat()
    }

    /// The rendered body of a post at a width, when it has been rendered.
    pub fn rendered_body(&self, post: u32, width: u16) -> Option<&Arc<Rendered>> {
        self.rendered
            .get(&(post, width, self.screen == Screen::Reader))
    }

    fn trim_caches(&mut self) {
        if self.rendered.len() > CACHE_LIMIT {
            self.rendered.clear();
            self.partial.clear();
        }
        if self.bodies.len() > CACHE_LIMIT {
            let keep = [self.selected_post(), Some(self.reader.post)];
            self.bodies.retain(|k, _| keep.contains(&Some(*k)));
        }
    }
}
