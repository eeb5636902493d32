//! Which key does what: the one table ([`BINDINGS`]) that both turns terminal events
//! into [`Action`]s and writes the help overlay ([`help`]), so a key can never be bound
//! without being documented, nor documented without being bound.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::state::{App, Focus, Screen};
use crate::index::MarkFilter;
use crate::index::query::SYNTAX;

/// Rows one wheel notch scrolls.
const WHEEL_ROWS: i32 = 3;

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
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Ctrl(c) => ctrl && key.code == KeyCode::Char(c),
            Key::Plain(code) => !ctrl && !alt && key.code == code,
            Key::Digit => !ctrl && !alt && matches!(key.code, KeyCode::Char('0'..='9')),
        }
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
        &[Plain(PageDown)],
        Command::PageDown,
        "page down in the list",
    ),
    bind(
        Mode::Typing,
        &[Plain(PageUp)],
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
        Command::PageDown,
        "page down",
    ),
    bind(
        Mode::Reading,
        &[Plain(Char('b'))],
        Command::PageUp,
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

/// The status bar's hints for `mode`, most useful first: `? help`, `/ search`, ….
pub fn hints(mode: Mode) -> Vec<String> {
    HINTS
        .iter()
        .filter(|(m, _, _)| *m == mode)
        .filter_map(|&(m, command, word)| {
            let binding = BINDINGS
                .iter()
                .find(|b| b.mode == m && b.command == command)?;
            let key = binding.keys.first()?.label();
            let key = if command == Command::LinkDigit {
                "1-9⏎".to_string()
            } else {
                key
            };
            Some(format!("{key} {word}"))
        })
        .collect()
}

/// What the mouse does, for the help overlay.
pub const MOUSE_HELP: (&str, &str) = ("mouse", "wheel scrolls the pane under it, click selects");

/// The command bound to `key` in `mode`, if any.
fn lookup(mode: Mode, key: &KeyEvent) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == mode)
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.command)
}

/// The action a terminal event asks for, if any.
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => action_for_key(app, key),
        Event::Mouse(mouse) => action_for_mouse(mouse),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn action_for_mouse(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            delta: WHEEL_ROWS,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            delta: -WHEEL_ROWS,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

fn action_for_key(app: &App, key: &KeyEvent) -> Option<Action> {
    if let Some(command) = lookup(Mode::Everywhere, key) {
        return Some(action(command, key));
    }
    if app.help {
        // Movement scrolls the overlay on short terminals; any other key closes it.
        return Some(lookup(Mode::Moving, key).map_or(Action::ToggleHelp, |c| action(c, key)));
    }
    let typing = match app.screen {
        Screen::Reader => app.reader.searching,
        Screen::Browse => match app.focus {
            Focus::Search => true,
            Focus::Tags => app.tags.filtering,
            Focus::Authors => app.authors.filtering,
            Focus::Languages => app.languages.filtering,
            Focus::List | Focus::Preview => false,
        },
    };
    if typing {
        return Some(match lookup(Mode::Typing, key) {
            Some(command) => action(command, key),
            None => Action::Input((*key).into()),
        });
    }
    let mode = match app.screen {
        Screen::Reader => Mode::Reading,
        Screen::Browse => Mode::Browsing,
    };
    lookup(Mode::Moving, key)
        .or_else(|| lookup(mode, key))
        .map(|command| action(command, key))
}

/// The action a command stands for (`key` supplies the digit of [`Command::LinkDigit`]).
fn action(command: Command, key: &KeyEvent) -> Action {
    match command {
        Command::Quit => Action::Quit,
        Command::Suspend => Action::Suspend,
        Command::Down => Action::MoveBy(1),
        Command::Up => Action::MoveBy(-1),
        Command::PageDown => Action::MovePage(1, 1),
        Command::PageUp => Action::MovePage(-1, 1),
        Command::HalfPageDown => Action::MovePage(1, 2),
        Command::HalfPageUp => Action::MovePage(-1, 2),
        Command::Top => Action::MoveTop,
        Command::Bottom => Action::MoveBottom,
        Command::NextPane => Action::FocusNext,
        Command::PrevPane => Action::FocusPrev,
        Command::Search => Action::StartSearch,
        Command::Confirm => Action::Confirm,
        Command::Toggle => Action::ToggleFacet,
        Command::Back => Action::Back,
        Command::QuitOrBack => Action::QuitOrBack,
        Command::CycleSort => Action::CycleSort,
        Command::RankByMatch => Action::ToggleRankByMatch,
        Command::Mark => Action::Mark,
        Command::ToggleRead => Action::ToggleRead,
        Command::UnreadOnly => Action::ShowMarks(MarkFilter::Unread),
        Command::BookmarkedOnly => Action::ShowMarks(MarkFilter::Bookmarked),
        Command::ClearFilters => Action::ClearFilters,
        Command::TogglePreview => Action::TogglePreview,
        Command::CycleDrafts => Action::CycleDrafts,
        Command::Help => Action::ToggleHelp,
        Command::LinkDigit => match key.code {
            KeyCode::Char(c) => Action::LinkDigit(c),
            _ => Action::LinkDigit('0'),
        },
        Command::OpenLink => Action::OpenLink,
        Command::NextLink => Action::NextLink,
        Command::PrevLink => Action::PrevLink,
        Command::NextTranslation => Action::NextTranslation,
        Command::CopyLink => Action::CopyLink,
        Command::ShowLinks => Action::ShowLinks,
        Command::NextMatch => Action::SearchNext,
        Command::PrevMatch => Action::SearchPrev,
    }
}

/// One line of the help overlay: a heading (no keys) or keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// The keys, as written; empty for a heading.
    pub keys: String,
    /// What they do, or the heading.
    pub text: String,
}

/// The help overlay's lines, generated from [`BINDINGS`], the mouse and the query
/// syntax. The same in every call; cheap enough for a frame (about 60 short lines).
pub fn help() -> Vec<HelpLine> {
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
        for binding in BINDINGS.iter().filter(|b| b.mode == mode) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_bound_keys_most_useful_first() {
        let browse = hints(Mode::Browsing);
        assert_eq!(browse.first().map(String::as_str), Some("? help"));
        assert!(browse.contains(&"p preview".to_string()), "{browse:?}");
        assert_eq!(
            browse.len(),
            HINTS.iter().filter(|h| h.0 == Mode::Browsing).count()
        );
        assert!(hints(Mode::Reading).contains(&"l links".to_string()));
    }

    #[test]
    fn every_bound_key_is_in_help_under_its_mode() {
        let help = help();
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
    fn no_key_is_bound_twice_in_one_mode() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.mode != b.mode {
                    continue;
                }
                for key in a.keys {
                    assert!(
                        !b.keys.contains(key),
                        "{key:?} bound to {:?} and {:?} in {:?}",
                        a.command,
                        b.command,
                        a.mode
                    );
                }
            }
        }
    }

    #[test]
    fn the_query_syntax_is_in_help() {
        let help = help();
        for (atom, _) in SYNTAX {
            assert!(help.iter().any(|l| l.keys == *atom), "{atom}");
        }
    }
}
