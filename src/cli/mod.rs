//! The command-line front door: the clap definitions ([`args`]) and the commands that
//! print instead of browsing ([`list`], [`show`], [`search`], [`check`], [`state`], [`config`]), and the completion
//! scripts and manual page made from the definitions ([`generate`]). Everything loads through
//! `corpus` and `index`, like the terminal front door (`tui`).

pub mod args;
pub mod check;
pub mod config;
pub mod facets;
pub mod generate;
pub mod list;
pub mod search;
pub mod show;
pub mod state;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

pub use args::{Cli, Command};

use crate::config::Config;
use crate::index::Marks;

/// Why a command did not succeed, as the exit status says it: 1 when nothing matched,
/// 2 when something asked for could not be done (usage errors are clap's, also 2).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Nothing matched: exit 1, with this message on stderr when it is not empty.
    #[error("{0}")]
    NothingMatched(String),
    /// Paths that could not be opened, each already reported on stderr: exit 2.
    #[error("some paths could not be opened")]
    Unopenable,
}

impl Failure {
    /// The exit status for this failure.
    pub fn status(&self) -> u8 {
        match self {
            Failure::NothingMatched(_) => 1,
            Failure::Unopenable => 2,
        }
    }
}

/// Splits the paths given into those that can be opened and one-line reports of those
/// that cannot (`PATH: No such file or directory`).
pub fn openable(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut good = Vec::with_capacity(paths.len());
    let mut problems = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(_) => good.push(path.clone()),
            Err(error) => {
                let message = error.to_string();
                // "No such file or directory (os error 2)": the number says nothing more.
                let message = message.split(" (os error").next().unwrap_or(&message);
                problems.push(format!(
                    "{}: {message}",
                    crate::text::sanitize::line(&path.to_string_lossy())
                ));
            }
        }
    }
    (good, problems)
}

/// Runs a subcommand, writing to `out`. Paths that cannot be opened are reported on
/// stderr; the command runs on the others, and fails with [`Failure::Unopenable`].
pub fn run(command: &Command, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    let given = match command {
        Command::List(args) => &args.paths,
        Command::Facets(args) => &args.paths,
        Command::Show(args) => &args.paths,
        Command::Search(args) => &args.paths,
        Command::Check(args) => &args.paths,
        Command::Completions(_) | Command::Man | Command::State(_) | Command::Config(_) => {
            &Vec::new()
        }
    };
    let (paths, problems) = openable(given);
    for problem in &problems {
        eprintln!("shelf: {problem}");
    }
    if !problems.is_empty() && paths.is_empty() {
        // Not the bundled archive instead of what was asked for.
        return Err(Failure::Unopenable.into());
    }
    match command {
        Command::List(args) => list::run(args, &paths, config, out)?,
        Command::Facets(args) => facets::run(args, &paths, config, out)?,
        Command::Show(args) => show::run(args, &paths, config, out)?,
        Command::Search(args) => search::run(args, &paths, config, out)?,
        Command::Check(args) => check::run(args, &paths, config, out)?,
        Command::Completions(args) => generate::completions(args, out)?,
        Command::Man => generate::man(out)?,
        Command::State(args) => state::run(args, out)?,
        Command::Config(args) => config::run(args, config, out)?,
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure::Unopenable.into())
    }
}

/// The archive at `paths` (else the configured folders, else the bundled one),
/// indexed with translations in the config's languages: what every command reads.
pub fn library(paths: &[PathBuf], config: &Config) -> crate::index::Library {
    crate::index::Library::preferring(
        crate::corpus::load_requested(paths, config),
        &config.preferred_languages(),
    )
}

/// The marks saved for the posts of `library` (opened at `paths`); what the database
/// says about itself (moved aside, not saving) goes to stderr. None when it cannot be
/// read.
pub fn marks(paths: &[PathBuf], config: &Config, library: &crate::index::Library) -> Marks {
    let opened = crate::store::db::open_default();
    for notice in &opened.notices {
        eprintln!("shelf: {notice}");
    }
    let archive = crate::store::archive_key(crate::corpus::roots(paths, config));
    let book = opened.store.as_ref().map(|db| db.book(&archive));
    match book {
        Some(Ok(book)) => book.resolve(&library.corpus.posts),
        Some(Err(e)) => {
            eprintln!("shelf: marks not read: {e}");
            Marks::none(library.corpus.posts.len())
        }
        None => Marks::none(library.corpus.posts.len()),
    }
}

/// Whether the browser can run: stdout is a terminal.
pub fn can_browse() -> bool {
    io::stdout().is_terminal()
}
