//! The `shelf` binary: parse the command line, then list, show, check or browse.

use std::io::{self, Write};
use std::process::ExitCode;

use shelf::cli::{self, Cli};
use shelf::{config, tui};

/// mimalloc instead of the system allocator: loading makes millions of small strings
/// on every core, and glibc's malloc spent a fifth of a cached start on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, numbered as in its `mimalloc.h` (the same in its v2 and v3).
const MI_OPTION_ARENA_EAGER_COMMIT: i32 = 4;
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Memory is committed as it is used and given back as soon as it is free: loading
/// frees as much as it keeps (file bytes, the cache's entries, the parts shown while
/// a large archive streams in), and with mimalloc's defaults that stayed resident. At
/// 100k posts the browser's peak goes from about 450 MB to about 330 MB, for about a
/// tenth more time on a first load.
fn tune_allocator() {
    // SAFETY: `mi_option_set` only stores a number in mimalloc's option table. It is
    // not thread-safe, so it is called first thing in `main`, before any thread exists.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // A problem in the config never stops shelf: it is reported, and the setting
    // concerned keeps its default.
    let loaded = config::load()?;
    let config_problems = cli::config::problems(&loaded);
    for problem in &config_problems {
        eprintln!("shelf: {problem}");
    }
    let config = loaded.config;
    // Buffered: a 100k-line list is one write per 64 KB, not one per line.
    let mut out = io::BufWriter::with_capacity(64 << 10, io::stdout().lock());
    if let Some(command) = &cli.command {
        let result = cli::run(command, &config, &mut out);
        let flushed = out_flush(&mut out);
        return result.and(flushed);
    }
    let (paths, problems) = cli::openable(&cli.paths);
    for problem in &problems {
        eprintln!("shelf: {problem}");
    }
    if !problems.is_empty() && paths.is_empty() {
        return Err(cli::Failure::Unopenable.into());
    }
    if cli::can_browse() {
        drop(out);
        // The browser opens on what could be opened, and says what could not.
        let notice = [
            cli::config::notice(&config_problems),
            (!problems.is_empty()).then(|| format!("cannot open {}", problems.join("; "))),
        ];
        let notice: Vec<String> = notice.into_iter().flatten().collect();
        let notice = (!notice.is_empty()).then(|| notice.join("; "));
        tui::run(
            paths,
            &config,
            !cli.no_hyperlinks,
            cli.theme,
            notice,
            cli.fresh,
        )?;
    } else {
        eprintln!("shelf: stdout is not a terminal, printing the list instead of browsing");
        cli::list::instead_of_browsing(&paths, &config, &mut out)?;
        out_flush(&mut out)?;
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(cli::Failure::Unopenable.into())
    }
}

fn out_flush(out: &mut dyn Write) -> anyhow::Result<()> {
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    tune_allocator();
    let result = run(Cli::from_env());
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
        Err(e) => match e.downcast_ref::<cli::Failure>() {
            // 1: nothing matched; 2: paths that could not be opened (reported already).
            Some(failure) => {
                if let cli::Failure::NothingMatched(message) = failure
                    && !message.is_empty()
                {
                    eprintln!("shelf: {message}");
                }
                ExitCode::from(failure.status())
            }
            // Anything else could not be done as asked: one line, exit 2.
            None => {
                eprintln!("shelf: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}
