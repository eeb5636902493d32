//! The command line: clap definitions and the non-interactive commands
//! (`list`, `show`, `check`). `browse` hands over to the TUI.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::app::Library;
use crate::config::Config;
use crate::corpus::{self, Corpus, Post};
use crate::index::{FacetKind, Filter, Query, SortKey};
use crate::{post_view, sanitize};

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
    /// What to do instead of browsing.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the posts, one per line (date, title, authors, tags), newest first.
    List(ListArgs),
    /// Print one post, rendered, followed by its numbered link list.
    Show(ShowArgs),
    /// Load everything and report files, posts, skipped files and every problem found.
    Check(CheckArgs),
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
    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `shelf show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The post: its id, a unique prefix of one, its path, or else a search query
    /// whose best match is shown.
    pub post: String,
    /// Folders or files of posts (default: the bundled archive).
    pub paths: Vec<PathBuf>,
    /// Wrap at this many columns (default: the terminal's width, or 80).
    #[arg(long)]
    pub width: Option<u16>,
    /// Plain text without styles, even on a terminal.
    #[arg(long)]
    pub plain: bool,
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

/// Loads the given paths; with none, the configured folders; with none of those,
/// the bundled archive.
pub fn load(paths: &[PathBuf], config: &Config) -> Corpus {
    if !paths.is_empty() {
        corpus::load(paths)
    } else if !config.folders.is_empty() {
        corpus::load(&config.folders)
    } else {
        corpus::load_bundled()
    }
}

#[derive(Serialize)]
struct PostJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    authors: &'a [String],
    date: Option<String>,
    tags: &'a [String],
    words: usize,
}

impl<'a> From<&'a Post> for PostJson<'a> {
    fn from(p: &'a Post) -> Self {
        PostJson {
            id: &p.id,
            path: p.path.to_string_lossy().into_owned(),
            title: &p.title,
            authors: &p.authors,
            date: p.date.as_ref().map(|d| d.to_iso()),
            tags: &p.tags,
            words: p.words,
        }
    }
}

/// One line of `shelf list`: date, title, authors, tags, tab-separated, sanitised.
pub fn list_line(post: &Post) -> String {
    let date = post
        .date
        .as_ref()
        .map(|d| d.date.to_string())
        .unwrap_or_else(|| "----------".to_string());
    format!(
        "{date}\t{}\t{}\t{}",
        sanitize::line(&post.title),
        sanitize::line(&post.authors.join(", ")),
        sanitize::line(&post.tags.join(", "))
    )
}

/// The posts of a library passing `--tag`/`--author`, newest first. Unknown tags or
/// authors match nothing.
fn filtered<'a>(library: &'a Library, tags: &[String], authors: &[String]) -> Vec<&'a Post> {
    let facets = &library.index.facets;
    let mut filter = Filter::default();
    for (kind, values) in [(FacetKind::Tag, tags), (FacetKind::Author, authors)] {
        for value in values {
            match facets.find(kind, value) {
                Some(entry) => filter.toggle(kind, entry),
                None => return Vec::new(),
            }
        }
    }
    library
        .index
        .search(&Query::default(), &filter, SortKey::Date)
        .iter()
        .filter_map(|h| library.post(h.post))
        .collect()
}

/// `shelf list`.
pub fn list(args: &ListArgs, config: &Config, out: &mut dyn Write) -> io::Result<()> {
    let library = Library::new(load(&args.paths, config));
    let posts = filtered(&library, &args.tags, &args.authors);
    if args.json {
        let json: Vec<PostJson<'_>> = posts.iter().map(|p| PostJson::from(*p)).collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)
    } else {
        print_list(&posts, out)
    }
}

/// Prints posts one per line.
pub fn print_list(posts: &[&Post], out: &mut dyn Write) -> io::Result<()> {
    for post in posts {
        writeln!(out, "{}", list_line(post))?;
    }
    Ok(())
}

/// Finds the post `wanted` names: an id, a unique id prefix, a path, or a query.
pub fn find_post(library: &Library, wanted: &str) -> Option<u32> {
    let posts = &library.corpus.posts;
    let index = |p: usize| u32::try_from(p).ok();
    if let Some(i) = posts.iter().position(|p| p.id == wanted) {
        return index(i);
    }
    let prefixed: Vec<usize> = (0..posts.len())
        .filter(|&i| posts[i].id.starts_with(wanted))
        .collect();
    if let [only] = prefixed.as_slice() {
        return index(*only);
    }
    let wanted_path = std::path::Path::new(wanted);
    if let Some(i) = posts
        .iter()
        .position(|p| p.path == wanted_path || p.path.ends_with(wanted_path))
    {
        return index(i);
    }
    library
        .index
        .search(
            &Query::parse(wanted),
            &Filter::default(),
            SortKey::Relevance,
        )
        .first()
        .map(|h| h.post)
}

/// `shelf show`.
pub fn show(args: &ShowArgs, config: &Config, out: &mut dyn Write) -> anyhow::Result<()> {
    let library = Library::new(load(&args.paths, config));
    let Some(index) = find_post(&library, &args.post) else {
        anyhow::bail!("no post matches {:?}", args.post);
    };
    let Some(post) = library.post(index) else {
        anyhow::bail!("no post matches {:?}", args.post);
    };
    let tty = io::stdout().is_terminal();
    let width = args
        .width
        .or_else(|| {
            tty.then(|| crossterm::terminal::size().ok().map(|(w, _)| w))
                .flatten()
        })
        .unwrap_or(80)
        .max(20);
    let body = post.read_body()?;
    let rendered = post_view::compose(post, &body, width);
    let styled = tty && !args.plain;
    for line in &rendered.text.lines {
        if styled {
            writeln!(out, "{}", crate::ansi::line(line))?;
        } else {
            let plain: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            writeln!(out, "{}", plain.trim_end())?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct DiagnosticJson {
    path: String,
    line: Option<usize>,
    message: String,
}

#[derive(Serialize)]
struct CheckJson {
    files: usize,
    posts: usize,
    skipped: usize,
    diagnostics: Vec<DiagnosticJson>,
}

/// `shelf check`.
pub fn check(args: &CheckArgs, config: &Config, out: &mut dyn Write) -> io::Result<()> {
    let corpus = load(&args.paths, config);
    if args.json {
        let json = CheckJson {
            files: corpus.files,
            posts: corpus.posts.len(),
            skipped: corpus.skipped,
            diagnostics: corpus
                .diagnostics
                .iter()
                .map(|d| DiagnosticJson {
                    path: d.path.to_string_lossy().into_owned(),
                    line: d.line,
                    message: d.message.clone(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        return writeln!(out);
    }
    writeln!(
        out,
        "{} files, {} posts, {} skipped, {} diagnostics",
        corpus.files,
        corpus.posts.len(),
        corpus.skipped,
        corpus.diagnostics.len()
    )?;
    for d in &corpus.diagnostics {
        let path = sanitize::line(&d.path.to_string_lossy()).into_owned();
        match d.line {
            Some(line) => writeln!(out, "{path}:{line}: {}", sanitize::line(&d.message))?,
            None => writeln!(out, "{path}: {}", sanitize::line(&d.message))?,
        }
    }
    Ok(())
}

/// Whether the browser can run: stdout is a terminal.
pub fn can_browse() -> bool {
    io::stdout().is_terminal()
}

/// The plain list for when the browser cannot run.
pub fn list_instead_of_browsing(
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> io::Result<()> {
    let library = Arc::new(Library::new(load(paths, config)));
    let posts = filtered(&library, &[], &[]);
    print_list(&posts, out)
}
