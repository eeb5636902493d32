//! Terminal events → [`Action`]s, depending on the screen and on who has the keyboard.
//! The only place that knows which key does what; the help overlay lists the same keys.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{Action, App, Focus, Screen};
use crate::index::FacetKind;

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

/// Movement keys shared by every list-like pane and the reader.
fn movement(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('d') if ctrl => Action::MovePage(1, 2),
        KeyCode::Char('u') if ctrl => Action::MovePage(-1, 2),
        KeyCode::Char('f') if ctrl => Action::MovePage(1, 1),
        KeyCode::Char('b') if ctrl => Action::MovePage(-1, 1),
        KeyCode::Char('n') if ctrl => Action::MoveBy(1),
        KeyCode::Char('p') if ctrl => Action::MoveBy(-1),
        _ if ctrl => return None,
        KeyCode::Down | KeyCode::Char('j') => Action::MoveBy(1),
        KeyCode::Up | KeyCode::Char('k') => Action::MoveBy(-1),
        KeyCode::PageDown => Action::MovePage(1, 1),
        KeyCode::PageUp => Action::MovePage(-1, 1),
        KeyCode::Home | KeyCode::Char('g') => Action::MoveTop,
        KeyCode::End | KeyCode::Char('G') => Action::MoveBottom,
        _ => return None,
    })
}

fn action_for_key(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Some(Action::Quit),
        KeyCode::Char('z') if ctrl => return Some(Action::Suspend),
        _ => {}
    }
    if app.help {
        // Movement scrolls the overlay on short terminals; any other key closes it.
        return movement(key).or(Some(Action::ToggleHelp));
    }
    match app.screen {
        Screen::Reader if app.reader.searching => text_box_key(key),
        Screen::Reader => reader_key(key),
        Screen::Browse => match app.focus {
            Focus::Search => text_box_key(key),
            Focus::Tags | Focus::Authors => {
                let kind = if app.focus == Focus::Tags {
                    FacetKind::Tag
                } else {
                    FacetKind::Author
                };
                if app.pane(kind).filtering {
                    text_box_key(key)
                } else {
                    pane_key(key)
                }
            }
            Focus::List => pane_key(key),
        },
    }
}

/// Keys while a text box (the search box or a pane filter) has the keyboard.
fn text_box_key(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::Down => Action::MoveBy(1),
        KeyCode::Up => Action::MoveBy(-1),
        KeyCode::PageDown => Action::MovePage(1, 1),
        KeyCode::PageUp => Action::MovePage(-1, 1),
        KeyCode::Char('n') if ctrl => Action::MoveBy(1),
        KeyCode::Char('p') if ctrl => Action::MoveBy(-1),
        KeyCode::Char('s') if ctrl => Action::ToggleRankByMatch,
        _ => Action::Input((*key).into()),
    })
}

/// Keys on the list and on facet panes.
fn pane_key(key: &KeyEvent) -> Option<Action> {
    if let Some(action) = movement(key) {
        return Some(action);
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('s') => Some(Action::ToggleRankByMatch),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char(' ') => Action::ToggleFacet,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::BackTab => Action::FocusPrev,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q') => Action::QuitOrBack,
        KeyCode::Char('s') => Action::CycleSort,
        KeyCode::Char('m') => Action::ToggleTagMode,
        KeyCode::Char('c') => Action::ClearFilters,
        KeyCode::Char('?') => Action::ToggleHelp,
        _ => return None,
    })
}

/// Keys in the full-screen reader.
fn reader_key(key: &KeyEvent) -> Option<Action> {
    if let Some(action) = movement(key) {
        return Some(action);
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    Some(match key.code {
        KeyCode::Char(' ') => Action::MovePage(1, 1),
        KeyCode::Char('b') => Action::MovePage(-1, 1),
        KeyCode::Char(c @ '0'..='9') => Action::LinkDigit(c),
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char('o') => Action::OpenLink,
        KeyCode::Tab => Action::NextLink,
        KeyCode::BackTab => Action::PrevLink,
        KeyCode::Char('y') => Action::CopyLink,
        KeyCode::Char('l') => Action::ShowLinks,
        KeyCode::Char('/') => Action::StartSearch,
        KeyCode::Char('n') => Action::SearchNext,
        KeyCode::Char('N') => Action::SearchPrev,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('q') => Action::QuitOrBack,
        KeyCode::Char('?') => Action::ToggleHelp,
        _ => return None,
    })
}
