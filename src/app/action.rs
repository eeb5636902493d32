//! Everything that can happen to the app, as data: [`Action`]s in, [`Effect`]s out.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui_textarea::Input;

use super::cache::RenderKey;
use super::state::LoadProgress;
use super::text_search::{TextFound, TextRequest};
use super::work::{FindRequest, FindResult, RenderRequest};
use crate::index::{Library, MarkFilter, SearchRequest, SearchResult};
use crate::markdown::Rendered;
use crate::store::{MarkChange, PositionChange, Session};

/// A step of the app. Keys and mouse events become actions through the keymap;
/// the loader and the runtime send the rest.
#[derive(Debug, Clone)]
pub enum Action {
    /// The loader finished: show this corpus.
    Loaded(Arc<Library>),
    /// The loader has read part of the archive: show what there is so far.
    Partial(Arc<Library>),
    /// How far the loader is.
    LoadProgress(LoadProgress),
    /// A rendering asked for with [`Effect::Render`] is ready (for a long post in the
    /// reader, first its opening, then the whole).
    Rendered {
        /// The library it was asked of.
        epoch: u64,
        /// Which post, width and kind of render.
        key: RenderKey,
        /// The result.
        rendered: Arc<Rendered>,
        /// False when only the opening is rendered and the whole is on its way.
        complete: bool,
    },
    /// A search asked for with [`Effect::Search`] finished.
    SearchDone(Box<SearchResult>),
    /// A find in the reader's post asked for with [`Effect::Find`] finished.
    Found(Box<FindResult>),
    /// What became of a link the runtime was asked to open or copy.
    Outcome(Outcome),
    /// The terminal changed size.
    Resize {
        /// New width in columns.
        width: u16,
        /// New height in rows.
        height: u16,
    },
    /// Move the selection of the focused pane by this many rows (negative = up).
    MoveBy(i32),
    /// Move by a fraction of the focused pane's height: (numerator, denominator), signed.
    MovePage(i32, i32),
    /// Go to the first row of the focused pane.
    MoveTop,
    /// Go to the last row of the focused pane.
    MoveBottom,
    /// Focus the next pane (Tab).
    FocusNext,
    /// Focus the previous pane (Shift-Tab).
    FocusPrev,
    /// Focus the search box (`/` on the list), or the focused facet pane's own filter.
    StartSearch,
    /// A key typed into the focused text box (search box or a facet pane's filter).
    Input(Input),
    /// Enter: in the search box, open the best match; on the list, open the selected
    /// post; on a facet pane, toggle the entry.
    Confirm,
    /// Space on a facet pane: toggle the entry.
    ToggleFacet,
    /// Esc: leave the box, then clear the query; close overlays and the reader.
    Back,
    /// `q`: back, and quit at the top.
    QuitOrBack,
    /// Ctrl-c, SIGTERM, SIGHUP: quit now.
    Quit,
    /// `s`: cycle the list order, or the focused facet pane's order.
    CycleSort,
    /// Ctrl-s in the search box: switch between rank by match and date order.
    ToggleRankByMatch,
    /// `t` in the reader: the post in its next language.
    NextTranslation,
    /// `d`: drafts shown, hidden, or alone.
    CycleDrafts,
    /// `p`: show or hide the preview.
    TogglePreview,
    /// `m`: bookmark the post under the cursor or in the reader, or remove its
    /// bookmark; on a facet pane, switch selected tags between AND and OR.
    Mark,
    /// `u`: mark the post read or unread.
    ToggleRead,
    /// `U`, `B`: show only the posts with these marks, or all again.
    ShowMarks(MarkFilter),
    /// `Ctrl-t`: the search box searches the full text, or titles again.
    ToggleFullText,
    /// A full-text search asked for with [`Effect::FullText`] finished.
    TextFound(Box<TextFound>),
    /// How far the full-text index is: posts indexed of how many; `None` once it
    /// answers searches.
    TextIndexing(Option<(usize, usize)>),
    /// What shelf remembered of this archive, read while it loads (its marks come
    /// with each library): the last session, unless starting fresh, and the reader's
    /// places.
    Remembered(Box<Remembered>),
    /// `c`: clear the query and every facet filter.
    ClearFilters,
    /// `?`: show or hide the help overlay.
    ToggleHelp,
    /// Ctrl-z: suspend to the shell.
    Suspend,
    /// The app came back from suspension: repaint everything.
    Resumed,
    /// A digit typed in the reader: part of a link number.
    LinkDigit(char),
    /// Tab in the reader: focus the next link (scrolling to it).
    NextLink,
    /// Shift-Tab in the reader: focus the previous link.
    PrevLink,
    /// `o` in the reader: open the focused link (or the one whose number was typed).
    OpenLink,
    /// `y` in the reader: copy the focused link's URL.
    CopyLink,
    /// `l` in the reader: jump to the link list at the end of the post, or back.
    ShowLinks,
    /// `n` in the reader: next search match.
    SearchNext,
    /// `N` in the reader: previous search match.
    SearchPrev,
    /// Mouse wheel over a screen position: positive scrolls down.
    Scroll {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// Rows to scroll (negative = up).
        delta: i32,
    },
    /// Mouse click at a screen position.
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
}

/// What the runtime reports back about a link it was asked to open or copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The link was handed to the opener; the message says with what.
    Opened(String),
    /// The link could not be opened, and why.
    NotOpened(String),
    /// The text was copied.
    Copied(String),
    /// The text could not be copied, and why.
    NotCopied(String),
    /// Something the user must be told (a save failed, no full-text index), and why.
    Notice(String),
}

/// Work for the runtime: everything that touches the world outside the app state, and
/// everything that could take longer than a frame.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Read and render a post on a worker and send [`Action::Rendered`].
    Render(Box<RenderRequest>),
    /// Run this search on a worker and send [`Action::SearchDone`].
    Search(Box<SearchRequest>),
    /// Find the reader's search text in a rendered post and send [`Action::Found`].
    Find(Box<FindRequest>),
    /// Open a URL with the user's browser (already checked to be safe), then send
    /// [`Action::Outcome`].
    OpenUrl(String),
    /// Copy text to the clipboard (OSC 52), then send [`Action::Outcome`].
    Copy(String),
    /// Suspend the process (restore the terminal, SIGTSTP, re-enter on resume).
    Suspend,
    /// Repaint the whole screen.
    Repaint,
    /// Search the full text on the worker that holds the index, and send
    /// [`Action::TextFound`].
    FullText(TextRequest),
    /// The whole archive is in: open or build its full-text index for it.
    IndexText(Arc<Library>),
    /// Save something shelf remembers (a worker writes it, one transaction each).
    Save(Save),
    /// Leave the event loop.
    Quit,
}

/// What is to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    /// A change of a post's marks.
    Mark(MarkChange),
    /// Where the reader was in a post.
    Position(PositionChange),
    /// The session (when several wait, only the newest is written).
    Session(Box<Session>),
}

/// What the database held for the archive opened.
#[derive(Debug, Clone, Default)]
pub struct Remembered {
    /// The last session, unless starting fresh.
    pub session: Option<Session>,
    /// Where the reader was in recently read posts, by post id.
    pub positions: HashMap<String, usize>,
    /// What the user must be told (nothing is saved this session, say).
    pub notices: Vec<String>,
}
