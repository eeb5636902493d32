//! Terminal set-up and restore, in one place. [`TerminalGuard`] owns the full-screen
//! terminal and restores it when dropped, so every way out (return, `?` error, panic
//! unwinding) gives the terminal back; a panic hook restores it before the message
//! is printed, and suspension (Ctrl-Z) restores first too.

use std::io::{self, Stdout, Write};
use std::ops::{Deref, DerefMut};
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

/// Gives the terminal back as it was: mouse capture off, main screen, cursor shown,
/// cooked mode. Safe to call more than once; errors are ignored because there is
/// nothing better to do with them on the way out.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// The full-screen terminal; dropping it restores the terminal.
pub struct TerminalGuard {
    terminal: Tui,
}

impl TerminalGuard {
    /// Sets up the terminal. If anything after raw mode fails, what was set up is
    /// undone before the error is returned.
    pub fn new() -> io::Result<Self> {
        enter().inspect_err(|_| restore())?;
        let terminal =
            Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())?;
        Ok(TerminalGuard { terminal })
    }
}

impl Deref for TerminalGuard {
    type Target = Tui;
    fn deref(&self) -> &Tui {
        &self.terminal
    }
}

impl DerefMut for TerminalGuard {
    fn deref_mut(&mut self) -> &mut Tui {
        &mut self.terminal
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
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
