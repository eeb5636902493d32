//! The browser's whole state, [`App`], and the parts it is made of. Plain data: the
//! functions that change it live in the sibling modules, those that draw it in `ui`.

use std::sync::Arc;

use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui_textarea::TextArea;

use super::cache::RenderCache;
use super::cache::RenderKey;
use super::scroll::ScrollState;
use crate::config::Theme;
use crate::index::{
    FacetKind, FacetOrder, Filter, Hit, Library, MarkFilter, Marks, Query, SortKey,
};
use crate::store::Session;

/// Which part of the browse screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The search box at the top.
    Search,
    /// The Tags facet pane.
    Tags,
    /// The Authors facet pane.
    Authors,
    /// The Languages facet pane (shown when the archive has several languages).
    Languages,
    /// The Years facet pane (the timeline).
    Years,
    /// The post list.
    List,
    /// The preview, to scroll it.
    Preview,
}

/// The preview pane: shown or hidden (`p`), and how far the shown post is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreviewState {
    /// The user wants the preview (it still needs a wide enough terminal).
    pub shown: bool,
    /// The post `scroll` belongs to: another post under the cursor starts at its top.
    pub post: Option<u32>,
    /// First visible line of `post`.
    pub scroll: usize,
}

impl Default for PreviewState {
    fn default() -> Self {
        PreviewState {
            shown: true,
            post: None,
            scroll: 0,
        }
    }
}

impl PreviewState {
    /// The first line to show of `post`.
    pub fn scroll_of(&self, post: Option<u32>) -> usize {
        if post.is_some() && post == self.post {
            self.scroll
        } else {
            0
        }
    }
}

/// The two screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Search box, facets, list, preview.
    Browse,
    /// One post, full screen.
    Reader,
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
    /// The rendering and search text `matches` were found for.
    pub matches_for: Option<(RenderKey, String)>,
    /// The find asked of a worker and not answered yet.
    pub find_pending: Option<(RenderKey, String)>,
    /// When the next matches arrive, put the cursor on the first one on or below the
    /// top of the screen (the search text was just typed).
    pub jump_to_match: bool,
    /// Where `l` jumped from, to go back there on the next `l`.
    pub before_links: Option<usize>,
    /// A scroll position asked for past the end of a post still rendering (`End`, `G`,
    /// paging down): taken when the whole post arrives, so no key is lost.
    pub wanted_scroll: Option<usize>,
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
            matches_for: None,
            find_pending: None,
            jump_to_match: false,
            before_links: None,
            wanted_scroll: None,
        }
    }
}

impl ReaderState {
    /// The text of the search box.
    pub fn search_text(&self) -> String {
        self.search.lines().concat()
    }
}

/// The query, filter and order a list of hits answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searched {
    /// The query.
    pub query: Query,
    /// The facet selection.
    pub filter: Filter,
    /// The order.
    pub sort: SortKey,
}

/// Where the list cursor goes when the newest search result arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AfterSearch {
    /// To the best match (the query was typed); otherwise it stays on its post.
    pub jump: bool,
    /// Then open the reader on it (Enter was pressed before the result came).
    pub open: bool,
    /// Keep this facet pane's cursor on this entry (it was just toggled).
    pub follow: Option<(FacetKind, u32)>,
}

/// How far loading is: posts read, of about how many files found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadProgress {
    /// Posts read so far.
    pub read: usize,
    /// Post files found, once discovery is done (some may give no post).
    pub expected: Option<usize>,
}

impl LoadProgress {
    /// `34,112 of ~100,000 read`, or `34,112 read` before the files are counted.
    pub fn label(&self) -> String {
        match self.expected {
            Some(expected) => format!("{} of ~{} read", grouped(self.read), grouped(expected)),
            None => format!("{} read", grouped(self.read)),
        }
    }
}

/// `100000` as `100,000`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A change of marks made this session, kept to be made again in each newer library
/// while the archive streams in (its marks were read before the change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkEdit {
    /// The post, by path (libraries are sorted by path).
    pub path: std::path::PathBuf,
    /// Read or unread, or unchanged.
    pub read: Option<bool>,
    /// Bookmarked or not, or unchanged.
    pub bookmarked: Option<bool>,
}

/// The post open in the reader, by identity, and how far down it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The post's id.
    pub id: String,
    /// Its fingerprint.
    pub fingerprint: u64,
    /// First line shown.
    pub line: usize,
}

/// What shelf remembers, as the app sees it: the marks of the posts shown, the
/// changes to save, the last session to restore and the one last saved.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// Marks of `App::library`'s posts, by index.
    pub marks: Arc<Marks>,
    /// Marks of `App::incoming`'s posts, until it is shown.
    pub incoming: Option<Arc<Marks>>,
    /// Which marks the list shows (`U`, `B`).
    pub filter: MarkFilter,
    /// Changes of marks made this session, oldest first.
    pub edits: Vec<MarkEdit>,
    /// Where the reader was in recently read posts, by id.
    pub positions: std::collections::HashMap<String, usize>,
    /// True once the database has answered (with or without a session).
    pub remembered: bool,
    /// The last session, until it is restored (or the user acts first).
    pub pending: Option<Session>,
    /// The session being restored, until its search answers (its facets are added to
    /// each search asked meanwhile, by key; nothing is saved meanwhile).
    pub restoring: Option<Session>,
    /// The post to put the cursor on when the restored search answers, by id.
    pub select: Option<String>,
    /// True once the session may be saved: the whole archive is shown and the last
    /// session was restored or passed over. Before, saving would overwrite it.
    pub ready: bool,
    /// The session as last asked to be saved.
    pub saved: Option<Session>,
    /// True after the user's first key or click: a session arriving later is not
    /// forced on them.
    pub touched: bool,
    /// The post in the reader at the end of the last update.
    pub reading: Option<Reading>,
    /// Unread posts among the hits.
    pub unread_shown: usize,
}

/// The search box's full-text mode: the archive's index, its answers, its progress.
#[derive(Debug, Clone, Default)]
pub struct TextSearch {
    /// The search box searches the full text (`Ctrl-t`), not titles, authors and tags.
    pub on: bool,
    /// The newest full-text search asked for.
    pub generation: u64,
    /// True while the newest one is unanswered.
    pub pending: bool,
    /// The newest answer, kept for the best lines drawn under each hit.
    pub found: Option<Arc<super::text_search::TextFound>>,
    /// Posts indexed of how many, while the index is being built or brought up to date.
    pub indexing: Option<(usize, usize)>,
    /// True once the index answers searches.
    pub ready: bool,
    /// Enter was pressed before the answer came: open the best hit when it does.
    pub open_when_found: bool,
}

/// The whole state of the browser.
pub struct App {
    /// The loaded posts and index (empty while loading).
    pub library: Arc<Library>,
    /// Counts the libraries loaded, so work asked of an older one is dropped.
    pub epoch: u64,
    /// True until the loader has delivered the whole archive.
    pub loading: bool,
    /// How far the loader is, while it runs.
    pub load_progress: Option<LoadProgress>,
    /// A newer library whose first search has not answered yet: until it does, the
    /// list, panes and reader keep showing `library` (see `remap`).
    pub incoming: Option<Arc<Library>>,
    /// The search box.
    pub search: TextArea<'static>,
    /// The parsed search box text.
    pub query: Query,
    /// The facet selection.
    pub filter: Filter,
    /// The list order.
    pub sort: SortKey,
    /// Posts shown in the list, in order.
    pub hits: Arc<Vec<Hit>>,
    /// What `hits` answer, so a narrower query searches only them.
    pub searched: Option<Searched>,
    /// The newest search asked of the runtime; results of older ones are dropped.
    pub search_generation: u64,
    /// True while the newest search is running (the list shows the last result).
    pub search_pending: bool,
    /// What to do when the newest search result arrives.
    pub after_search: AfterSearch,
    /// Per tag entry: posts among `hits` carrying it.
    pub tag_counts: Vec<u32>,
    /// Per author entry: posts among `hits` carrying it.
    pub author_counts: Vec<u32>,
    /// Per language entry: posts among `hits` carrying it.
    pub language_counts: Vec<u32>,
    /// Per Years entry (year, month, undated): posts among `hits` in it.
    pub year_counts: Vec<u32>,
    /// The list's selection and scroll.
    pub list: ScrollState,
    /// The Tags pane.
    pub tags: FacetPane,
    /// The Authors pane.
    pub authors: FacetPane,
    /// The Languages pane.
    pub languages: FacetPane,
    /// The Years pane.
    pub years: FacetPane,
    /// Who has the keyboard on the browse screen.
    pub focus: Focus,
    /// The screen shown.
    pub screen: Screen,
    /// The preview pane.
    pub preview: PreviewState,
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
    /// Rendered bodies (bounded; what is on screen is never evicted).
    pub rendered: RenderCache,
    /// The newest render asked of a worker and not yet complete.
    pub render_pending: Option<RenderKey>,
    /// Read marks, bookmarks, the session: what shelf remembers.
    pub memory: Memory,
    /// Full-text search.
    pub text: TextSearch,
    /// The colours to draw with.
    pub theme: Theme,
    /// False under `NO_COLOR`: no colours, the same attributes and markers.
    pub colour: bool,
    /// The keys in force (the defaults with the config's `[keys]`).
    pub keymap: std::sync::Arc<super::keymap::Keymap>,
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
            library: Arc::new(Library::default()),
            epoch: 0,
            loading: true,
            load_progress: None,
            incoming: None,
            search: one_line_box("type to search  ('exact !not ^prefix #tag @author)"),
            query: Query::default(),
            filter: Filter::default(),
            sort: SortKey::default(),
            hits: Arc::default(),
            searched: None,
            search_generation: 0,
            search_pending: false,
            after_search: AfterSearch::default(),
            tag_counts: Vec::new(),
            author_counts: Vec::new(),
            language_counts: Vec::new(),
            year_counts: Vec::new(),
            list: ScrollState::default(),
            tags: FacetPane::new(FacetKind::Tag),
            authors: FacetPane::new(FacetKind::Author),
            languages: FacetPane::new(FacetKind::Language),
            years: FacetPane::new(FacetKind::Year),
            focus: Focus::List,
            screen: Screen::Browse,
            preview: PreviewState::default(),
            reader: ReaderState::default(),
            help: false,
            help_scroll: 0,
            status: None,
            size: Rect::new(0, 0, width, height),
            rendered: RenderCache::default(),
            render_pending: None,
            memory: Memory::default(),
            text: TextSearch::default(),
            theme: Theme::default(),
            colour: true,
            keymap: std::sync::Arc::default(),
            quit: false,
        }
    }

    /// The newest library: the one searches are asked of.
    pub fn newest_library(&self) -> &Arc<Library> {
        self.incoming.as_ref().unwrap_or(&self.library)
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
            FacetKind::Language => &self.languages,
            FacetKind::Year => &self.years,
        }
    }

    /// The facet pane of a kind, mutably.
    pub fn pane_mut(&mut self, kind: FacetKind) -> &mut FacetPane {
        match kind {
            FacetKind::Tag => &mut self.tags,
            FacetKind::Author => &mut self.authors,
            FacetKind::Language => &mut self.languages,
            FacetKind::Year => &mut self.years,
        }
    }

    /// The counts of a facet kind under the current filter.
    pub fn counts(&self, kind: FacetKind) -> &[u32] {
        match kind {
            FacetKind::Tag => &self.tag_counts,
            FacetKind::Author => &self.author_counts,
            FacetKind::Language => &self.language_counts,
            FacetKind::Year => &self.year_counts,
        }
    }

    /// The search box text.
    pub fn query_text(&self) -> String {
        self.search.lines().concat()
    }

    /// The facet pane the keyboard is on, if any.
    pub fn focused_kind(&self) -> Option<FacetKind> {
        match (self.screen, self.focus) {
            (Screen::Browse, Focus::Tags) => Some(FacetKind::Tag),
            (Screen::Browse, Focus::Authors) => Some(FacetKind::Author),
            (Screen::Browse, Focus::Languages) => Some(FacetKind::Language),
            (Screen::Browse, Focus::Years) => Some(FacetKind::Year),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reads_as_counts_with_separators() {
        let progress = LoadProgress {
            read: 34_112,
            expected: Some(100_000),
        };
        assert_eq!(progress.label(), "34,112 of ~100,000 read");
        let early = LoadProgress {
            read: 999,
            expected: None,
        };
        assert_eq!(early.label(), "999 read");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
