//! The `shelf` binary: parse the command line, then list, show, check or browse.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use shelf::cli::{self, Cli};
use shelf::{config, tui};

/// mimalloc instead of the system allocator: loading makes millions of small strings
/// on every core, and glibc's malloc spent a fifth of a cached start on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn run(cli: Cli) -> anyhow::Result<()> {
    let config = config::load()?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match &cli.command {
        Some(command) => cli::run(command, &config, &mut out)?,
        None if cli::can_browse() => {
            drop(out);
            tui::run(cli.paths, &config, !cli.no_hyperlinks)?;
        }
        None => {
            eprintln!("shelf: stdout is not a terminal, printing the list instead of browsing");
            cli::list::instead_of_browsing(&cli.paths, &config, &mut out)?;
        }
    }
    out_flush(&mut io::stdout())
}

fn out_flush(out: &mut dyn Write) -> anyhow::Result<()> {
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    let result = run(Cli::parse());
    // The answer is out; the metadata cache may still be being written for next time.
    shelf::corpus::finish_saving();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `shelf list | head` closes the pipe early: that is not an error.
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("shelf: {e:#}");
            ExitCode::FAILURE
        }
    }
}
