//! Which key does what: the one table ([`BINDINGS`]) that both turns terminal events
//! into [`Action`]s and writes the help overlay, so a key can never be bound without
//! being documented, nor documented without being bound. The user's `[keys]` replace
//! a command's keys in every mode it is bound in; the result is a [`Keymap`], which
//! the app keeps and which answers keys, help and hints alike (`input` asks it).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::index::query::SYNTAX;

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Anywhere, even while typing.
    Everywhere,
    /// The list, the facet panes, the reader and the help overlay.
    Moving,
    /// A text box: the search box, a facet pane's filter, the reader's search.
    Typing,
    /// The post list and the facet panes.
    Browsing,
    /// The full-screen reader.
    Reading,
}

impl Mode {
    /// The heading of the mode's section in the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Mode::Everywhere => "Everywhere",
            Mode::Moving => "Moving (list, facets, reader)",
            Mode::Typing => "Typing in a search box",
            Mode::Browsing => "List and facets",
            Mode::Reading => "Reader",
        }
    }

    /// Every mode, in help order.
    pub const ALL: [Mode; 5] = [
        Mode::Everywhere,
        Mode::Moving,
        Mode::Typing,
        Mode::Browsing,
        Mode::Reading,
    ];
}

/// What a bound key asks for. Kept apart from [`Action`] so the table is plain data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Quit now.
    Quit,
    /// Suspend to the shell.
    Suspend,
    /// Move down one row.
    Down,
    /// Move up one row.
    Up,
    /// A page down.
    PageDown,
    /// A page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// The first row.
    Top,
    /// The last row.
    Bottom,
    /// The next pane (Tab).
    NextPane,
    /// The previous pane.
    PrevPane,
    /// Start a search.
    Search,
    /// Enter.
    Confirm,
    /// Select or unselect a facet entry.
    Toggle,
    /// Esc.
    Back,
    /// Back; quit at the top.
    QuitOrBack,
    /// Cycle the list or pane order.
    CycleSort,
    /// Rank by match or keep date order.
    RankByMatch,
    /// The search box searches the full text, or titles again.
    FullText,
    /// Bookmark the post; on a facet pane, selected tags: all or any.
    Mark,
    /// Mark the post read or unread.
    ToggleRead,
    /// Show only unread posts, or all.
    UnreadOnly,
    /// Show only bookmarked posts, or all.
    BookmarkedOnly,
    /// Clear the query and every filter.
    ClearFilters,
    /// Show or hide the preview.
    TogglePreview,
    /// Drafts: shown, hidden, only.
    CycleDrafts,
    /// Show or hide the help.
    Help,
    /// Type a link number.
    LinkDigit,
    /// Open the chosen link.
    OpenLink,
    /// Focus the next link.
    NextLink,
    /// Focus the previous link.
    PrevLink,
    /// Copy the chosen link's URL.
    CopyLink,
    /// Jump to the link list and back.
    ShowLinks,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// The post in its next language.
    NextTranslation,
    /// A page down in the reader, as in `less` (space).
    ReaderPageDown,
    /// A page up in the reader, as in `less` (b).
    ReaderPageUp,
}

/// Every command with its name in `[keys]` and what it does, in the order
/// `shelf config --default` lists them. Names are stable: user files name them.
pub const COMMANDS: &[(Command, &str, &str)] = &[
    (Command::Quit, "quit", "quit now"),
    (
        Command::Suspend,
        "suspend",
        "suspend to the shell (fg resumes)",
    ),
    (Command::Down, "down", "move down one row"),
    (Command::Up, "up", "move up one row"),
    (Command::Top, "top", "the first row"),
    (Command::Bottom, "bottom", "the last row"),
    (Command::PageDown, "page-down", "a page down"),
    (Command::PageUp, "page-up", "a page up"),
    (Command::HalfPageDown, "half-page-down", "half a page down"),
    (Command::HalfPageUp, "half-page-up", "half a page up"),
    (Command::NextPane, "next-pane", "the next pane"),
    (Command::PrevPane, "previous-pane", "the previous pane"),
    (
        Command::Search,
        "search",
        "search posts, filter a facet pane, or search in the post",
    ),
    (
        Command::Confirm,
        "confirm",
        "open the post or best match; on a facet, select it",
    ),
    (
        Command::Toggle,
        "select",
        "select or unselect a tag or author",
    ),
    (
        Command::Back,
        "back",
        "leave a box, clear the query, back from the reader",
    ),
    (
        Command::QuitOrBack,
        "quit-or-back",
        "quit from the list; back from the reader",
    ),
    (
        Command::CycleSort,
        "sort",
        "cycle the list's order (a facet pane's: count, name)",
    ),
    (
        Command::RankByMatch,
        "rank-by-match",
        "rank by match or keep date order",
    ),
    (
        Command::FullText,
        "full-text",
        "search the full text of every post, or titles, authors and tags again",
    ),
    (
        Command::Mark,
        "bookmark",
        "bookmark the post (on a facet pane: selected tags all / any)",
    ),
    (
        Command::ToggleRead,
        "toggle-read",
        "mark the post read or unread",
    ),
    (
        Command::UnreadOnly,
        "unread-only",
        "show unread posts only, or all",
    ),
    (
        Command::BookmarkedOnly,
        "bookmarked-only",
        "show bookmarked posts only, or all",
    ),
    (
        Command::ClearFilters,
        "clear-filters",
        "clear the query and every filter",
    ),
    (
        Command::CycleDrafts,
        "drafts",
        "drafts: shown, hidden, alone",
    ),
    (
        Command::TogglePreview,
        "preview",
        "show or hide the preview",
    ),
    (Command::Help, "help", "show or hide the help"),
    (
        Command::ReaderPageDown,
        "reader-page-down",
        "a page down in the reader",
    ),
    (
        Command::ReaderPageUp,
        "reader-page-up",
        "a page up in the reader",
    ),
    (
        Command::LinkDigit,
        "link-number",
        "type a link's number (always the digits)",
    ),
    (Command::NextLink, "next-link", "focus the next link"),
    (
        Command::PrevLink,
        "previous-link",
        "focus the previous link",
    ),
    (
        Command::OpenLink,
        "open-link",
        "open the chosen link in the browser",
    ),
    (
        Command::CopyLink,
        "copy-link",
        "copy the chosen link's URL (OSC 52)",
    ),
    (
        Command::ShowLinks,
        "links",
        "jump to the link list and back",
    ),
    (
        Command::NextMatch,
        "next-match",
        "the next match of the search in the post",
    ),
    (Command::PrevMatch, "previous-match", "the previous match"),
    (
        Command::NextTranslation,
        "next-translation",
        "the post in its next language",
    ),
];

impl Command {
    /// The command's name in `[keys]` (`bookmark`).
    pub fn name(self) -> &'static str {
        COMMANDS
            .iter()
            .find(|(c, _, _)| *c == self)
            .map_or("", |(_, name, _)| name)
    }

    /// The command a `[keys]` name stands for.
    pub fn named(name: &str) -> Option<Command> {
        COMMANDS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(c, _, _)| *c)
    }
}

/// A key as bound: a code and the modifiers it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key without Ctrl or Alt (Shift is part of the character).
    Plain(KeyCode),
    /// A key with Ctrl held.
    Ctrl(char),
    /// Any digit 0–9, without modifiers.
    Digit,
}

impl Key {
    /// Whether a key press is this key.
    pub fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(c),
            Key::Plain(code) => !ctrl && !alt && key.code == code,
            Key::Digit => !ctrl && !alt && matches!(key.code, KeyCode::Char('0'..='9')),
        }
    }

    /// Whether one key press could be both (`0-9` covers `5`).
    pub fn overlaps(self, other: Key) -> bool {
        let digit = |k: Key| matches!(k, Key::Plain(KeyCode::Char('0'..='9')));
        self == other
            || (self == Key::Digit && digit(other))
            || (other == Key::Digit && digit(self))
    }

    /// A key that types into a text box rather than acting there.
    fn types(self) -> bool {
        matches!(self, Key::Plain(KeyCode::Char(_)) | Key::Digit)
    }

    /// The key as written in `[keys]`: `j`, `G`, `space`, `Enter`, `Ctrl-d`, `PgDn`.
    /// [`Key::parse`] reads it back.
    pub fn name(self) -> String {
        match self {
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Digit => "0-9".to_string(),
            Key::Plain(code) => match code {
                KeyCode::Char(' ') => "space".to_string(),
                KeyCode::Char(c) => c.to_string(),
                KeyCode::Enter => "Enter".to_string(),
                KeyCode::Down => "Down".to_string(),
                KeyCode::Up => "Up".to_string(),
                KeyCode::Left => "Left".to_string(),
                KeyCode::Right => "Right".to_string(),
                KeyCode::Backspace => "Backspace".to_string(),
                KeyCode::Delete => "Delete".to_string(),
                KeyCode::Insert => "Insert".to_string(),
                KeyCode::F(n) => format!("F{n}"),
                _ => self.label(),
            },
        }
    }

    /// A key as written in `[keys]` ([`Key::name`]); names are case-blind but single
    /// characters are not (`G` is not `g`). The help's `⏎`, `↓`, `↑` are read too.
    pub fn parse(name: &str) -> Option<Key> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return Some(match c {
                '⏎' => Key::Plain(KeyCode::Enter),
                '↓' => Key::Plain(KeyCode::Down),
                '↑' => Key::Plain(KeyCode::Up),
                c if c.is_control() => return None,
                c => Key::Plain(KeyCode::Char(c)),
            });
        }
        let lower = name.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-").or(lower.strip_prefix("ctrl+")) {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_graphic() => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            return (1..=12).contains(&n).then_some(Key::Plain(KeyCode::F(n)));
        }
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "down" => KeyCode::Down,
            "up" => KeyCode::Up,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "pgup" | "pageup" => KeyCode::PageUp,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "0-9" => return Some(Key::Digit),
            _ => return None,
        };
        Some(Key::Plain(code))
    }

    /// How the help overlay writes the key.
    pub fn label(self) -> String {
        match self {
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Digit => "1-9…".to_string(),
            Key::Plain(code) => match code {
                KeyCode::Char(' ') => "space".to_string(),
                KeyCode::Char(c) => c.to_string(),
                KeyCode::Enter => "⏎".to_string(),
                KeyCode::Esc => "Esc".to_string(),
                KeyCode::Tab => "Tab".to_string(),
                KeyCode::BackTab => "Shift-Tab".to_string(),
                KeyCode::Down => "↓".to_string(),
                KeyCode::Up => "↑".to_string(),
                KeyCode::PageDown => "PgDn".to_string(),
                KeyCode::PageUp => "PgUp".to_string(),
                KeyCode::Home => "Home".to_string(),
                KeyCode::End => "End".to_string(),
                KeyCode::F(n) => format!("F{n}"),
                other => format!("{other:?}"),
            },
        }
    }
}

/// One line of the key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it works.
    pub mode: Mode,
    /// The keys.
    pub keys: &'static [Key],
    /// What they do.
    pub command: Command,
    /// What the help overlay says.
    pub help: &'static str,
}

const fn bind(mode: Mode, keys: &'static [Key], command: Command, help: &'static str) -> Binding {
    Binding {
        mode,
        keys,
        command,
        help,
    }
}

use Key::{Ctrl, Plain};
use KeyCode::{BackTab, Char, Down, End, Enter, Esc, Home, PageDown, PageUp, Tab, Up};

/// Every key binding. Within a mode the first match wins; in the reader and on the
/// panes, movement ([`Mode::Moving`]) is looked up first.
pub const BINDINGS: &[Binding] = &[
    bind(Mode::Everywhere, &[Ctrl('c')], Command::Quit, "quit"),
    bind(
        Mode::Everywhere,
        &[Ctrl('z')],
        Command::Suspend,
        "suspend (fg resumes)",
    ),
    bind(
        Mode::Moving,
        &[Plain(Char('j')), Plain(Down), Ctrl('n')],
        Command::Down,
        "down",
    ),
    bind(
        Mode::Moving,
        &[Plain(Char('k')), Plain(Up), Ctrl('p')],
        Command::Up,
        "up",
    ),
    bind(
        Mode::Moving,
        &[Plain(Char('g')), Plain(Home)],
        Command::Top,
        "first",
    ),
    bind(
        Mode::Moving,
        &[Plain(Char('G')), Plain(End)],
        Command::Bottom,
        "last",
    ),
    bind(
        Mode::Moving,
        &[Plain(PageDown), Ctrl('f')],
        Command::PageDown,
        "page down",
    ),
    bind(
        Mode::Moving,
        &[Plain(PageUp), Ctrl('b')],
        Command::PageUp,
        "page up",
    ),
    bind(
        Mode::Moving,
        &[Ctrl('d')],
        Command::HalfPageDown,
        "half a page down",
    ),
    bind(
        Mode::Moving,
        &[Ctrl('u')],
        Command::HalfPageUp,
        "half a page up",
    ),
    bind(
        Mode::Typing,
        &[Plain(Enter)],
        Command::Confirm,
        "open the best match (facet filter: select)",
    ),
    bind(
        Mode::Typing,
        &[Plain(Esc)],
        Command::Back,
        "leave the box; Esc again clears the query",
    ),
    bind(
        Mode::Typing,
        &[Plain(Down), Ctrl('n')],
        Command::Down,
        "move in the list while typing",
    ),
    bind(
        Mode::Typing,
        &[Plain(Up), Ctrl('p')],
        Command::Up,
        "move up in the list while typing",
    ),
    bind(
        Mode::Typing,
        &[Plain(PageDown), Ctrl('f')],
        Command::PageDown,
        "page down in the list",
    ),
    bind(
        Mode::Typing,
        &[Plain(PageUp), Ctrl('b')],
        Command::PageUp,
        "page up in the list",
    ),
    bind(Mode::Typing, &[Plain(Tab)], Command::NextPane, "next pane"),
    bind(
        Mode::Typing,
        &[Plain(BackTab)],
        Command::PrevPane,
        "previous pane",
    ),
    bind(
        Mode::Typing,
        &[Ctrl('s')],
        Command::RankByMatch,
        "rank by match / keep date order",
    ),
    bind(
        Mode::Typing,
        &[Ctrl('t')],
        Command::FullText,
        "full text / titles, authors, tags",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('?'))],
        Command::Help,
        "show or hide this help",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('/'))],
        Command::Search,
        "search posts (on a facet pane: filter it)",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Enter)],
        Command::Confirm,
        "open the post (on a facet: select it)",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char(' '))],
        Command::Toggle,
        "select / unselect a tag or author",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Tab)],
        Command::NextPane,
        "next pane",
    ),
    bind(
        Mode::Browsing,
        &[Plain(BackTab)],
        Command::PrevPane,
        "previous pane",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('s'))],
        Command::CycleSort,
        "sort: match, date, title, author (facets: count, name)",
    ),
    bind(
        Mode::Browsing,
        &[Ctrl('s')],
        Command::RankByMatch,
        "rank by match / keep date order",
    ),
    bind(
        Mode::Browsing,
        &[Ctrl('t')],
        Command::FullText,
        "full text / titles, authors, tags",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('m'))],
        Command::Mark,
        "bookmark the post (on a facet pane: selected tags all / any)",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('u'))],
        Command::ToggleRead,
        "mark the post read / unread",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('U'))],
        Command::UnreadOnly,
        "show unread posts only / all",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('B'))],
        Command::BookmarkedOnly,
        "show bookmarked posts only / all",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('c'))],
        Command::ClearFilters,
        "clear the query and every filter",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('d'))],
        Command::CycleDrafts,
        "drafts: shown, hidden, alone",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('p'))],
        Command::TogglePreview,
        "show or hide the preview (Tab reaches it to scroll)",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Esc)],
        Command::Back,
        "clear the query; leave a pane's filter",
    ),
    bind(
        Mode::Browsing,
        &[Plain(Char('q'))],
        Command::QuitOrBack,
        "quit",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('?'))],
        Command::Help,
        "show or hide this help",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char(' '))],
        Command::ReaderPageDown,
        "page down",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('b'))],
        Command::ReaderPageUp,
        "page up",
    ),
    bind(
        Mode::Reading,
        &[Key::Digit],
        Command::LinkDigit,
        "type a link's number, then ⏎ opens it",
    ),
    bind(
        Mode::Reading,
        &[Plain(Tab)],
        Command::NextLink,
        "focus the next link",
    ),
    bind(
        Mode::Reading,
        &[Plain(BackTab)],
        Command::PrevLink,
        "focus the previous link",
    ),
    bind(
        Mode::Reading,
        &[Plain(Enter), Plain(Char('o'))],
        Command::OpenLink,
        "open the chosen link in the browser",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('y'))],
        Command::CopyLink,
        "copy the chosen link's URL (OSC 52)",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('l'))],
        Command::ShowLinks,
        "jump to the link list and back",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('/'))],
        Command::Search,
        "search in the post",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('n'))],
        Command::NextMatch,
        "next match",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('N'))],
        Command::PrevMatch,
        "previous match",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('m'))],
        Command::Mark,
        "bookmark the post / remove the bookmark",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('u'))],
        Command::ToggleRead,
        "mark the post unread / read",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('t'))],
        Command::NextTranslation,
        "the post in its next language (translations)",
    ),
    bind(
        Mode::Reading,
        &[Plain(Esc)],
        Command::Back,
        "clear the search or link, then back",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('q'))],
        Command::QuitOrBack,
        "back to the list",
    ),
];

/// The status bar's key hints per mode, most useful first: the commands and the word
/// each is hinted by. Their keys come from [`BINDINGS`].
const HINTS: &[(Mode, Command, &str)] = &[
    (Mode::Browsing, Command::Help, "help"),
    (Mode::Browsing, Command::Search, "search"),
    (Mode::Browsing, Command::Confirm, "open"),
    (Mode::Browsing, Command::NextPane, "pane"),
    (Mode::Browsing, Command::QuitOrBack, "quit"),
    (Mode::Browsing, Command::Toggle, "select"),
    (Mode::Browsing, Command::TogglePreview, "preview"),
    (Mode::Browsing, Command::Mark, "bookmark"),
    (Mode::Reading, Command::Help, "help"),
    (Mode::Reading, Command::QuitOrBack, "back"),
    (Mode::Reading, Command::Search, "find"),
    (Mode::Reading, Command::LinkDigit, "open link"),
    (Mode::Reading, Command::ShowLinks, "links"),
    (Mode::Reading, Command::NextLink, "next link"),
    (Mode::Reading, Command::Mark, "bookmark"),
];

/// What the mouse does, for the help overlay.
pub const MOUSE_HELP: (&str, &str) = ("mouse", "wheel scrolls the pane under it, click selects");

/// One line of the help overlay: a heading (no keys) or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// The keys, as written; empty for a heading.
    pub keys: String,
    /// What they do, or the heading.
    pub text: String,
}

/// The keys really bound: [`BINDINGS`] with the user's `[keys]` on top. It turns
/// keys into commands and writes the help and the status bar's hints, so both always
/// show the keys in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// [`BINDINGS`], in order, each with the keys in force.
    bindings: Vec<Bound>,
}

/// One binding with the keys in force.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Bound {
    mode: Mode,
    command: Command,
    keys: Vec<Key>,
    help: &'static str,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    mode: b.mode,
                    command: b.command,
                    keys: b.keys.to_vec(),
                    help: b.help,
                })
                .collect(),
        }
    }
}

/// Whether a key in mode `a` and one in mode `b` can be pressed in the same place:
/// [`Mode::Everywhere`] is looked up first anywhere, and [`Mode::Moving`] before the
/// list's and the reader's own keys.
fn modes_meet(a: Mode, b: Mode) -> bool {
    a == b
        || a == Mode::Everywhere
        || b == Mode::Everywhere
        || matches!(
            (a, b),
            (Mode::Moving, Mode::Browsing | Mode::Reading)
                | (Mode::Browsing | Mode::Reading, Mode::Moving)
        )
}

/// The keys a command bound to `keys` has in `mode`: all of them, except that in a
/// text box, keys that type (plain characters) type; if that leaves none, the box
/// keeps its `default` keys for the command.
fn keys_in_mode(mode: Mode, keys: &[Key], default: &[Key]) -> Vec<Key> {
    if mode != Mode::Typing {
        return keys.to_vec();
    }
    let acting: Vec<Key> = keys.iter().copied().filter(|k| !k.types()).collect();
    if acting.is_empty() {
        default.to_vec()
    } else {
        acting
    }
}

/// The key names `[keys]` takes, for problems.
pub const KEY_SYNTAX: &str = "a key: a character (j, G, ?), space, Enter, Esc, Tab, Shift-Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Backspace, Delete, F1-F12, or Ctrl- and a character (Ctrl-d)";

impl Keymap {
    /// The default keys with `overrides` (the config's `[keys]`) on top, and a problem
    /// for each override that cannot be used: an unknown action or key, or a key
    /// another action has where this one works. Such an action keeps its default keys.
    pub fn with_overrides(
        overrides: &[crate::config::KeyOverride],
    ) -> (Keymap, Vec<crate::config::Problem>) {
        let mut problems = Vec::new();
        let mut wanted = Vec::new();
        for o in overrides {
            let Some(command) = Command::named(&o.action) else {
                let names: Vec<&str> = COMMANDS.iter().map(|c| c.1).collect();
                problems.push(o.problem(
                    format!("`{}` in [keys] is not an action", o.action),
                    format!("one of {}", names.join(", ")),
                ));
                continue;
            };
            let mut keys: Vec<Key> = Vec::new();
            let mut unknown = None;
            for name in &o.keys {
                match Key::parse(name) {
                    Some(key) if !keys.contains(&key) => keys.push(key),
                    Some(_) => {}
                    None => {
                        unknown = Some(name);
                        break;
                    }
                }
            }
            if let Some(name) = unknown {
                problems.push(o.problem(
                    format!(
                        "`{}` in [keys]: {name:?} is not a key, so {} keeps its default keys",
                        o.action, o.action
                    ),
                    KEY_SYNTAX,
                ));
                continue;
            }
            let digits = keys.contains(&Key::Digit);
            if (command == Command::LinkDigit) != (digits && keys.len() == 1) {
                problems.push(o.problem(
                    format!(
                        "`{}` in [keys] cannot be {:?}, so it keeps its default keys",
                        o.action, o.keys
                    ),
                    if command == Command::LinkDigit {
                        "\"0-9\" (links are picked by typing their number)"
                    } else {
                        "keys other than 0-9 (the digits pick links)"
                    },
                ));
                continue;
            }
            wanted.push((command, keys, o));
        }
        let mut map = Keymap::default();
        for (command, keys, _) in &wanted {
            map.bind(*command, keys);
        }
        // The last override that clashes goes back to its defaults, until none does:
        // the earlier line was there first. Two actions swapping keys do not clash.
        while let Some(i) = wanted.iter().rposition(|(c, _, _)| map.clash(*c).is_some()) {
            let (command, _, o) = wanted.remove(i);
            if let Some((other, key, mode)) = map
                .clash(command)
                .map(|(c, k, m)| (c, k, map.mode_of(c, m)))
            {
                problems.push(o.problem(
                    format!(
                        "`{}` in [keys]: {} is already `{}` ({}), so {} keeps its default keys",
                        o.action,
                        key.name(),
                        other.name(),
                        mode.heading(),
                        o.action
                    ),
                    "a key no other action has there",
                ));
            }
            map.reset(command);
        }
        problems.sort_by_key(|p| p.line);
        (map, problems)
    }

    /// Binds `command` to `keys` in every mode it is bound in.
    fn bind(&mut self, command: Command, keys: &[Key]) {
        for (bound, default) in self.bindings.iter_mut().zip(BINDINGS) {
            if bound.command == command {
                bound.keys = keys_in_mode(bound.mode, keys, default.keys);
            }
        }
    }

    /// Gives `command` its default keys back.
    fn reset(&mut self, command: Command) {
        for (bound, default) in self.bindings.iter_mut().zip(BINDINGS) {
            if bound.command == command {
                bound.keys = default.keys.to_vec();
            }
        }
    }

    /// Another command, one of `command`'s keys it also has, and the mode of
    /// `command`'s binding where they meet, if any.
    fn clash(&self, command: Command) -> Option<(Command, Key, Mode)> {
        self.bindings
            .iter()
            .filter(|b| b.command == command)
            .find_map(|mine| {
                self.bindings
                    .iter()
                    .filter(|b| b.command != command && modes_meet(mine.mode, b.mode))
                    .find_map(|other| {
                        mine.keys
                            .iter()
                            .find(|k| other.keys.iter().any(|o| o.overlaps(**k)))
                            .map(|k| (other.command, *k, mine.mode))
                    })
            })
    }

    /// The mode `other`'s binding meets one in `mode` in, for problems.
    fn mode_of(&self, other: Command, mode: Mode) -> Mode {
        self.bindings
            .iter()
            .find(|b| b.command == other && modes_meet(mode, b.mode))
            .map_or(mode, |b| b.mode)
    }

    /// The keys `command` has wherever it is bound (a text box may leave some out).
    pub fn keys_of(&self, command: Command) -> Vec<Key> {
        let mut bound = self.bindings.iter().filter(|b| b.command == command);
        let first = bound.clone().find(|b| b.mode != Mode::Typing);
        first
            .or_else(|| bound.next())
            .map(|b| b.keys.clone())
            .unwrap_or_default()
    }

    /// The command bound to `key` in `mode`, if any: within a mode the first match wins.
    pub fn lookup(&self, mode: Mode, key: &KeyEvent) -> Option<Command> {
        self.bindings
            .iter()
            .filter(|b| b.mode == mode)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.command)
    }

    /// The status bar's hints for `mode`, most useful first: `? help`, `/ search`, ….
    pub fn hints(&self, mode: Mode) -> Vec<String> {
        HINTS
            .iter()
            .filter(|(m, _, _)| *m == mode)
            .filter_map(|&(m, command, word)| {
                let binding = self
                    .bindings
                    .iter()
                    .find(|b| b.mode == m && b.command == command)?;
                let key = if command == Command::LinkDigit {
                    "1-9⏎".to_string()
                } else {
                    binding.keys.first()?.label()
                };
                Some(format!("{key} {word}"))
            })
            .collect()
    }

    /// The help overlay's lines, from the keys in force, the mouse and the query
    /// syntax. Cheap enough for a frame (about 60 short lines).
    pub fn help(&self) -> Vec<HelpLine> {
        let heading = |text: &str| HelpLine {
            keys: String::new(),
            text: text.to_string(),
        };
        let entry = |keys: &str, text: &str| HelpLine {
            keys: keys.to_string(),
            text: text.to_string(),
        };
        let mut lines = Vec::new();
        for mode in Mode::ALL {
            lines.push(heading(mode.heading()));
            for binding in self.bindings.iter().filter(|b| b.mode == mode) {
                let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
                lines.push(entry(&keys.join(" "), binding.help));
            }
            if mode == Mode::Moving {
                lines.push(entry(MOUSE_HELP.0, MOUSE_HELP.1));
            }
        }
        lines.push(heading("Query syntax (combine with spaces)"));
        for (atom, what) in SYNTAX {
            lines.push(entry(atom, what));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::KeyOverride;

    fn overrides(entries: &[(&str, &[&str])]) -> Vec<KeyOverride> {
        entries
            .iter()
            .enumerate()
            .map(|(i, (action, keys))| KeyOverride {
                action: action.to_string(),
                keys: keys.iter().map(|k| k.to_string()).collect(),
                path: "/c/config.toml".into(),
                line: i + 2,
            })
            .collect()
    }

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn hints_name_bound_keys_most_useful_first() {
        let browse = Keymap::default().hints(Mode::Browsing);
        assert_eq!(browse.first().map(String::as_str), Some("? help"));
        assert!(browse.contains(&"p preview".to_string()), "{browse:?}");
        assert_eq!(
            browse.len(),
            HINTS.iter().filter(|h| h.0 == Mode::Browsing).count()
        );
        assert!(
            Keymap::default()
                .hints(Mode::Reading)
                .contains(&"l links".to_string())
        );
    }

    #[test]
    fn every_bound_key_is_in_help_under_its_mode() {
        let help = Keymap::default().help();
        for binding in BINDINGS {
            let section = help
                .iter()
                .position(|l| l.keys.is_empty() && l.text == binding.mode.heading())
                .unwrap_or(usize::MAX);
            let line = help
                .iter()
                .skip(section + 1)
                .take_while(|l| !l.keys.is_empty())
                .find(|l| l.text == binding.help);
            let Some(line) = line else {
                panic!(
                    "{:?} is not in the help under {:?}",
                    binding.help, binding.mode
                );
            };
            for key in binding.keys {
                let label = key.label();
                assert!(
                    line.keys.split(' ').any(|k| k == label),
                    "{label} of {:?} missing from {:?}",
                    binding.command,
                    line.keys
                );
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_where_it_can_be_pressed() {
        let keymap = Keymap::default();
        for (command, _, _) in COMMANDS {
            assert_eq!(keymap.clash(*command), None, "{command:?}");
        }
    }

    #[test]
    fn every_command_has_a_unique_name_and_is_bound() {
        for (i, (command, name, _)) in COMMANDS.iter().enumerate() {
            assert_eq!(Command::named(name), Some(*command));
            assert!(
                COMMANDS[i + 1..]
                    .iter()
                    .all(|c| c.0 != *command && c.1 != *name)
            );
            assert!(BINDINGS.iter().any(|b| b.command == *command), "{name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name}"
            );
        }
        assert!(BINDINGS.iter().all(|b| !b.command.name().is_empty()));
    }

    #[test]
    fn a_command_has_the_same_keys_wherever_it_is_bound() {
        // So one `[keys]` line can say the defaults: text boxes leave out the keys that
        // type, and nothing else differs.
        let keymap = Keymap::default();
        for binding in BINDINGS {
            let keys = keymap.keys_of(binding.command);
            assert_eq!(
                keys_in_mode(binding.mode, &keys, &[]),
                binding.keys,
                "{:?} in {:?}",
                binding.command,
                binding.mode
            );
        }
    }

    #[test]
    fn key_names_read_back_and_the_help_labels_read_too() {
        for binding in BINDINGS {
            for key in binding.keys {
                assert_eq!(Key::parse(&key.name()), Some(*key), "{key:?}");
                if *key != Key::Digit {
                    assert_eq!(Key::parse(&key.label()), Some(*key), "{key:?}");
                }
            }
        }
        assert_eq!(Key::parse("ctrl-Q"), Some(Key::Ctrl('q')));
        assert_eq!(Key::parse("pagedown"), Some(Key::Plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("F5"), Some(Key::Plain(KeyCode::F(5))));
        assert_eq!(Key::parse("M"), Some(Key::Plain(KeyCode::Char('M'))));
        for bad in ["", "Ctrl-", "Alt-x", "F13", "jj", "Hyper"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_override_replaces_the_keys_in_every_mode_and_in_help_and_hints() {
        let (keymap, problems) =
            Keymap::with_overrides(&overrides(&[("bookmark", &["M"]), ("help", &["F1"])]));
        assert!(problems.is_empty(), "{problems:?}");
        let m = press(KeyCode::Char('m'));
        let big_m = press(KeyCode::Char('M'));
        for mode in [Mode::Browsing, Mode::Reading] {
            assert_eq!(keymap.lookup(mode, &big_m), Some(Command::Mark), "{mode:?}");
            assert_eq!(keymap.lookup(mode, &m), None, "{mode:?}");
            assert_eq!(
                keymap.lookup(mode, &press(KeyCode::F(1))),
                Some(Command::Help)
            );
        }
        let help = keymap.help();
        assert!(
            help.iter()
                .any(|l| l.keys == "M" && l.text.starts_with("bookmark the post (on"))
        );
        assert!(
            !help.iter().any(|l| l.keys == "m"),
            "m is not bound any more"
        );
        let hints = keymap.hints(Mode::Browsing);
        assert!(hints.contains(&"M bookmark".to_string()), "{hints:?}");
        assert_eq!(hints.first().map(String::as_str), Some("F1 help"));
        assert!(
            keymap
                .hints(Mode::Reading)
                .contains(&"M bookmark".to_string())
        );
    }

    #[test]
    fn in_a_text_box_plain_characters_still_type() {
        let (keymap, problems) = Keymap::with_overrides(&overrides(&[
            ("down", &["J", "Ctrl-j"]),
            ("confirm", &["o"]),
        ]));
        assert!(problems.is_empty(), "{problems:?}");
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(
            keymap.lookup(Mode::Moving, &press(KeyCode::Char('J'))),
            Some(Command::Down)
        );
        assert_eq!(
            keymap.lookup(Mode::Typing, &press(KeyCode::Char('J'))),
            None
        );
        assert_eq!(keymap.lookup(Mode::Typing, &ctrl_j), Some(Command::Down));
        // With no other key, the box keeps its default.
        assert_eq!(
            keymap.lookup(Mode::Typing, &press(KeyCode::Enter)),
            Some(Command::Confirm)
        );
        assert_eq!(keymap.lookup(Mode::Browsing, &press(KeyCode::Enter)), None);
    }

    #[test]
    fn a_clash_is_refused_and_the_default_kept_but_a_swap_is_fine() {
        let (keymap, problems) = Keymap::with_overrides(&overrides(&[("bookmark", &["q"])]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let text = problems[0].to_string();
        assert!(
            text.starts_with("/c/config.toml:2: `bookmark` in [keys]: q is already `quit-or-back`"),
            "{text}"
        );
        assert!(
            text.contains("; expected a key no other action has there"),
            "{text}"
        );
        assert_eq!(keymap, Keymap::default());
        // Movement keys meet the list's own: j for bookmark clashes with down.
        let (_, problems) = Keymap::with_overrides(&overrides(&[("bookmark", &["j"])]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        // The later of two lines wanting one key is the one refused.
        let (keymap, problems) =
            Keymap::with_overrides(&overrides(&[("bookmark", &["x"]), ("toggle-read", &["x"])]));
        assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [3]);
        assert_eq!(
            keymap.keys_of(Command::Mark),
            [Key::Plain(KeyCode::Char('x'))]
        );
        assert_eq!(
            keymap.keys_of(Command::ToggleRead),
            [Key::Plain(KeyCode::Char('u'))]
        );
        let (keymap, problems) =
            Keymap::with_overrides(&overrides(&[("bookmark", &["u"]), ("toggle-read", &["m"])]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            keymap.lookup(Mode::Reading, &press(KeyCode::Char('u'))),
            Some(Command::Mark)
        );
    }

    #[test]
    fn unknown_actions_and_keys_are_problems_with_what_is_expected() {
        let (keymap, problems) = Keymap::with_overrides(&overrides(&[
            ("bookmrak", &["M"]),
            ("quit", &["Ctrl-q", "Hyper-q"]),
            ("link-number", &["x"]),
            ("search", &["0-9"]),
            ("help", &["F2"]),
        ]));
        let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(
            texts[0].starts_with(
                "/c/config.toml:2: `bookmrak` in [keys] is not an action; expected one of quit, "
            ),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].starts_with("/c/config.toml:3: `quit` in [keys]: \"Hyper-q\" is not a key"),
            "{}",
            texts[1]
        );
        assert!(texts[1].contains("; expected a key: "), "{}", texts[1]);
        assert!(texts[2].starts_with("/c/config.toml:4: "), "{}", texts[2]);
        assert!(texts[3].starts_with("/c/config.toml:5: "), "{}", texts[3]);
        // The valid line still counts; the refused ones keep their defaults.
        assert_eq!(keymap.keys_of(Command::Help), [Key::Plain(KeyCode::F(2))]);
        assert_eq!(keymap.keys_of(Command::Quit), [Key::Ctrl('c')]);
    }

    #[test]
    fn the_query_syntax_is_in_help() {
        let help = Keymap::default().help();
        for (atom, _) in SYNTAX {
            assert!(help.iter().any(|l| l.keys == *atom), "{atom}");
        }
    }
}
