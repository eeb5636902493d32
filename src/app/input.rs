//! Terminal events to [`Action`]s: keys through the app's [`Keymap`](super::keymap::Keymap)
//! (the keys in force, in the order the modes are looked up), the mouse and resizes.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;
use super::keymap::{Command, Mode};
use super::state::{App, Focus, Screen};
use crate::index::MarkFilter;

/// Rows one wheel notch scrolls.
const WHEEL_ROWS: i32 = 3;

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
    if let Some(command) = app.keymap.lookup(Mode::Everywhere, key) {
        return Some(action(command, key));
    }
    if app.help {
        // Movement scrolls the overlay on short terminals; any other key closes it.
        return Some(
            app.keymap
                .lookup(Mode::Moving, key)
                .map_or(Action::ToggleHelp, |c| action(c, key)),
        );
    }
    let typing = match app.screen {
        Screen::Reader => app.reader.searching,
        Screen::Browse => match app.focus {
            Focus::Search => true,
            Focus::Tags => app.tags.filtering,
            Focus::Authors => app.authors.filtering,
            Focus::Languages => app.languages.filtering,
            Focus::Years => app.years.filtering,
            Focus::List | Focus::Preview => false,
        },
    };
    if typing {
        return Some(match app.keymap.lookup(Mode::Typing, key) {
            Some(command) => action(command, key),
            None => Action::Input((*key).into()),
        });
    }
    let mode = match app.screen {
        Screen::Reader => Mode::Reading,
        Screen::Browse => Mode::Browsing,
    };
    app.keymap
        .lookup(Mode::Moving, key)
        .or_else(|| app.keymap.lookup(mode, key))
        .map(|command| action(command, key))
}

/// The action a command stands for (`key` supplies the digit of [`Command::LinkDigit`]).
fn action(command: Command, key: &KeyEvent) -> Action {
    match command {
        Command::Quit => Action::Quit,
        Command::Suspend => Action::Suspend,
        Command::Down => Action::MoveBy(1),
        Command::Up => Action::MoveBy(-1),
        Command::PageDown | Command::ReaderPageDown => Action::MovePage(1, 1),
        Command::PageUp | Command::ReaderPageUp => Action::MovePage(-1, 1),
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
        Command::FullText => Action::ToggleFullText,
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
