//! The command line's shape (clap): `shelf [PATH]...` and its subcommands.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

/// shelf: browse an archive of blog posts in the terminal.
///
/// With no PATH, shelf opens the archive bundled with it (the DevOpsDays posts).
#[derive(Debug, Parser)]
#[command(name = "shelf", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Folders or files of posts to browse.
    pub paths: Vec<PathBuf>,
    /// Do not make links clickable terminal hyperlinks (OSC 8) in the reader.
    #[arg(long)]
    pub no_hyperlinks: bool,
    /// Colours for a dark or light background; auto asks the terminal (default: the
    /// config's `theme`, else auto).
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<crate::config::ThemeChoice>,
    /// Start without the last session on this archive (the query, facets, order and
    /// post it left off at); read marks and bookmarks stay.
    #[arg(long)]
    pub fresh: bool,
    /// What to do instead of browsing.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the posts, one per line (date, title, authors, tags), newest first.
    List(ListArgs),
    /// Print the tags, authors, languages and years (with their months) of the posts,
    /// each with how many posts it has.
    Facets(FacetsArgs),
    /// Print one post, rendered, followed by its numbered link list.
    Show(ShowArgs),
    /// Full-text search of titles, authors, tags, summaries and bodies, best first:
    /// words must all match; "a phrase", -word to leave out, word* for a prefix.
    Search(SearchArgs),
    /// Load everything and report files, posts, skipped files and every problem found.
    Check(CheckArgs),
    /// Where shelf keeps what it remembers (read marks, bookmarks, sessions).
    State(StateArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `shelf man > shelf.1`.
    Man,
    /// Print where the config file is read from (--path), a commented file of every
    /// setting at its default (--default), or the settings in force.
    Config(ConfigArgs),
}

/// Arguments of `shelf config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the path the config file is read from ($SHELF_CONFIG, else the platform's).
    #[arg(long, conflicts_with = "default")]
    pub path: bool,
    /// Print a complete commented config file: every setting and key at its default.
    #[arg(long)]
    pub default: bool,
    /// With --path: a JSON object (path, exists, from).
    #[arg(long, requires = "path")]
    pub json: bool,
}

/// Arguments of `shelf completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `shelf list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// Only posts with this tag (case-insensitive); repeat to require several.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only posts by this author (case-insensitive); repeat for any of several.
    #[arg(long = "author", value_name = "AUTHOR")]
    pub authors: Vec<String>,
    /// Only posts not read yet (opened in the browser, or marked read with `u`).
    #[arg(long, conflicts_with = "bookmarked")]
    pub unread: bool,
    /// Only bookmarked posts (`m` in the browser).
    #[arg(long)]
    pub bookmarked: bool,
    /// Only posts matching this query, best match first, as the browser's search box
    /// reads it: `word` fuzzy, `'exact`, `^prefix`, `!not`, `#tag`, `@author`.
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `shelf facets`.
#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// Count only the posts matching this query (the browser's search language).
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,
    /// Print a JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `shelf show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The post: its id, a unique prefix of one, its path, or else a search query
    /// whose best match is shown.
    pub post: OsString,
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// Wrap at this many columns (default: the terminal's width, or 80).
    #[arg(long)]
    pub width: Option<u16>,
    /// Plain text without styles, even on a terminal.
    #[arg(long)]
    pub plain: bool,
}

/// Arguments of `shelf search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to search for: words (all must match), "a phrase", -word, word*.
    pub text: String,
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print a JSON array (with each hit's score and highlighted words) instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `shelf state`.
#[derive(Debug, Args)]
pub struct StateArgs {
    /// Print the database's path.
    #[arg(long)]
    pub path: bool,
    /// Print a JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `shelf check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// Print a JSON object instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// The end of `--help`: where the settings are read from and what the environment
/// changes.
pub fn environment_help() -> String {
    let config = crate::config::config_path().map_or_else(
        || "none (no config directory on this system)".to_string(),
        |p| p.display().to_string(),
    );
    format!(
        "Files and environment:
  config file      {config}
  SHELF_CONFIG     read this config file instead
  BROWSER          the program links open with (else the system's opener)
  NO_COLOR         no colours
  SHELF_DATA_DIR   keep read marks, bookmarks and sessions here (state.db)
  SHELF_CACHE_DIR  keep the metadata cache here instead of the platform's cache dir
  SHELF_NO_CACHE   load without the metadata cache"
    )
}

impl Cli {
    /// Parses the process's arguments, with [`environment_help`] at the end of `--help`;
    /// exits with clap's message (and status 2) on a usage error.
    pub fn from_env() -> Cli {
        let matches = Cli::command().after_help(environment_help()).get_matches();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
    }
}
