//! The command-line front door: the clap definitions ([`args`]) and the commands that
//! print instead of browsing ([`list`], [`show`], [`check`]), and the completion
//! scripts and manual page made from the definitions ([`generate`]). Everything loads through
//! `corpus` and `index`, like the terminal front door (`tui`).

pub mod args;
pub mod check;
pub mod generate;
pub mod list;
pub mod show;

use std::io::{self, IsTerminal, Write};

pub use args::{Cli, Command};

use crate::config::Config;

/// Runs a subcommand, writing to `out`.
pub fn run(command: &Command, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::List(args) => list::run(args, config, out)?,
        Command::Show(args) => show::run(args, config, out)?,
        Command::Check(args) => check::run(args, config, out)?,
        Command::Completions(args) => generate::completions(args, out)?,
        Command::Man => generate::man(out)?,
    }
    Ok(())
}

/// Whether the browser can run: stdout is a terminal.
pub fn can_browse() -> bool {
    io::stdout().is_terminal()
}
