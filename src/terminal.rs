//! Terminal set-up and restore, in one place. Restore runs on every way out: normal
//! return, error, panic (through the hook installed here), and the signals the
//! runtime turns into a quit (SIGTERM, SIGHUP). Suspension (Ctrl-Z) restores first too.

use std::io::{self, Stdout, Write};
use std::sync::Once;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The real terminal shelf draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Puts the terminal in full-screen mode (raw, alternate screen, mouse capture).
pub fn enter() -> io::Result<()> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
}

/// Sets up the terminal and returns a ratatui terminal on stdout.
pub fn init() -> io::Result<Tui> {
    enter()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Gives the terminal back as it was: mouse capture off, main screen, cursor shown,
/// cooked mode. Safe to call more than once; errors are ignored because there is
/// nothing better to do with them on the way out.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the default panic message is printed, so the
/// message lands on the normal screen and the shell is usable afterwards.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
