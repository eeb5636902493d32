//! `shelf list`: the posts one per line (or as JSON), filtered by tag and author.

use std::io::{self, Write};

use serde::Serialize;

use std::path::PathBuf;

use super::Failure;
use super::args::ListArgs;
use crate::config::Config;
use crate::corpus::Post;
use crate::index::{FacetKind, Filter, Library, Query, SortKey};
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

/// One line of `shelf list`: date, title, authors, tags, tab-separated, sanitised.
pub fn list_line(post: &Post) -> String {
    let date = post
        .date
        .as_ref()
        .map(|d| d.to_short())
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

/// `shelf list` over `paths` (the openable ones of those given): fails with
/// [`Failure::NothingMatched`] (exit 1) when no post is listed.
pub fn run(
    args: &ListArgs,
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let library = super::library(paths, config);
    let posts = filtered(&library, &args.tags, &args.authors);
    if args.json {
        let json: Vec<PostJson<'_>> = posts.iter().map(|p| PostJson::from(*p)).collect();
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

/// Prints posts one per line.
fn print_list(posts: &[&Post], out: &mut dyn Write) -> io::Result<()> {
    for post in posts {
        writeln!(out, "{}", list_line(post))?;
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
    print_list(&filtered(&library, &[], &[]), out)
}
