//! `shelf list`: the posts one per line (or as JSON), filtered by tag and author.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use std::path::PathBuf;

use super::Failure;
use super::args::ListArgs;
use crate::config::Config;
use crate::corpus::Post;
use crate::index::{FacetKind, Filter, Library, MarkFilter, Marks, Query, SortKey};
use crate::text::sanitize;

#[derive(Serialize)]
struct PostJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    authors: &'a [String],
    date: Option<String>,
    tags: &'a [String],
    words: usize,
    language: Option<&'a str>,
    draft: bool,
    summary: Option<&'a str>,
    date_source: &'static str,
    also_at: Vec<String>,
    read: bool,
    bookmarked: bool,
}

impl<'a> PostJson<'a> {
    fn of(p: &'a Post, read: bool, bookmarked: bool) -> Self {
        PostJson {
            read,
            bookmarked,
            id: &p.id,
            path: p.path.to_string_lossy().into_owned(),
            title: &p.title,
            authors: &p.authors,
            date: p.date.as_ref().map(|d| d.to_iso()),
            tags: &p.tags,
            words: p.words,
            language: p.language.as_deref(),
            draft: p.draft,
            summary: (!p.summary.is_empty()).then_some(p.summary.as_str()),
            date_source: p.date_source.label(),
            also_at: p
                .also_at
                .iter()
                .map(|path| path.to_string_lossy().into_owned())
                .collect(),
        }
    }
}

/// A post's date as the first column of a line: `2019-08-08`, or dashes as wide.
pub fn date_column(post: &Post) -> String {
    post.date
        .as_ref()
        .map(|d| d.to_short())
        .unwrap_or_else(|| "----------".to_string())
}

/// One line of `shelf list`: date, title, authors, tags, tab-separated, sanitised.
pub fn list_line(post: &Post) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        date_column(post),
        sanitize::line(&post.title),
        sanitize::line(&post.authors.join(", ")),
        sanitize::line(&post.tags.join(", "))
    )
}

/// The posts of a library passing `query` (best match first while it ranks, newest
/// first otherwise, as in the browser), `--tag`/`--author` and the marks asked for,
/// with their indices. Unknown tags or authors match nothing.
fn filtered<'a>(
    library: &'a Library,
    query: &Query,
    tags: &[String],
    authors: &[String],
    marks: Option<(MarkFilter, &Marks)>,
) -> Vec<(u32, &'a Post)> {
    let facets = &library.index.facets;
    let mut filter = Filter::default();
    if let Some((wanted, marks)) = marks {
        filter.only = wanted
            .post_set(marks, library.corpus.posts.len())
            .map(std::sync::Arc::new);
    }
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
        .search(query, &filter, SortKey::Relevance)
        .iter()
        .filter_map(|h| Some((h.post, library.post(h.post)?)))
        .collect()
}

/// `shelf list` over `paths` (the openable ones of those given): fails with
/// [`Failure::NothingMatched`] (exit 1) when no post is listed.
pub fn run(
    args: &ListArgs,
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let library = super::library(paths, config);
    // clap refuses the two together.
    let wanted = if args.unread {
        MarkFilter::Unread
    } else if args.bookmarked {
        MarkFilter::Bookmarked
    } else {
        MarkFilter::All
    };
    // The database is read only when marks are asked for or printed.
    let marks =
        (args.json || wanted != MarkFilter::All).then(|| super::marks(paths, config, &library));
    let query = Query::parse(args.query.as_deref().unwrap_or(""));
    let posts = filtered(
        &library,
        &query,
        &args.tags,
        &args.authors,
        marks.as_ref().map(|m| (wanted, m)),
    );
    if args.json {
        let none = Marks::default();
        let marks = marks.as_ref().unwrap_or(&none);
        let json: Vec<PostJson<'_>> = posts
            .iter()
            .map(|&(i, p)| PostJson::of(p, marks.is_read(i), marks.is_bookmarked(i)))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        print_list(&posts, out)?;
    }
    if posts.is_empty() {
        return Err(Failure::NothingMatched(String::new()).into());
    }
    Ok(())
}

/// Posts formatted at a time (on all cores) before they are written, in order.
const PRINT_CHUNK: usize = 4096;

/// Prints posts one per line.
fn print_list(posts: &[(u32, &Post)], out: &mut dyn Write) -> io::Result<()> {
    for chunk in posts.chunks(PRINT_CHUNK) {
        let lines: Vec<String> = chunk.par_iter().map(|(_, p)| list_line(p)).collect();
        for line in lines {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The plain list, for when the browser cannot run (stdout is not a terminal).
pub fn instead_of_browsing(
    paths: &[std::path::PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> io::Result<()> {
    let library = super::library(paths, config);
    print_list(&filtered(&library, &Query::default(), &[], &[], None), out)
}
