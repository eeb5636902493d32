//! `shelf completions SHELL` and `shelf man`: what clap_complete and clap_mangen make
//! of the command line's definition, so they never drift from it.

use std::io::{self, Write};

use clap::CommandFactory;

use super::args::{Cli, CompletionsArgs};

/// `shelf completions SHELL`: the shell's completion script.
pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> io::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "shelf", out);
    Ok(())
}

/// `shelf man`: the manual page, in roff.
pub fn man(out: &mut dyn Write) -> io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
