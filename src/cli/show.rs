//! `shelf show`: one post rendered, then its numbered link list and its related
//! posts (as the reader ends it); styled on a terminal, plain otherwise.

use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::args::ShowArgs;
use crate::app::work::see_also;
use crate::config::Config;
use crate::index::{Filter, Library, Query, SortKey};
use crate::markdown::{line_text, post_view};
use crate::text::ansi;

/// Finds the post `wanted` names: an id, a unique id prefix, a path, or a query.
pub fn find_post(library: &Library, wanted: &OsStr) -> Option<u32> {
    let posts = &library.corpus.posts;
    let index = |p: usize| u32::try_from(p).ok();
    // Ids and queries are text; a name that is not UTF-8 can only be a path.
    let text = wanted.to_str();
    if let Some(wanted) = text {
        if let Some(i) = posts.iter().position(|p| p.id == wanted) {
            return index(i);
        }
        let prefixed: Vec<usize> = (0..posts.len())
            .filter(|&i| posts[i].id.starts_with(wanted))
            .collect();
        if let [only] = prefixed.as_slice() {
            return index(*only);
        }
    }
    let wanted_path = Path::new(wanted);
    if let Some(i) = posts
        .iter()
        .position(|p| p.path == wanted_path || p.path.ends_with(wanted_path))
    {
        return index(i);
    }
    library
        .index
        .search(&Query::parse(text?), &Filter::default(), SortKey::Relevance)
        .first()
        .map(|h| h.post)
}

/// `shelf show`.
pub fn run(
    args: &ShowArgs,
    paths: &[std::path::PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let library = super::library(paths, config);
    let found = find_post(&library, &args.post);
    let post = found.and_then(|i| library.post(i).map(|p| (i, p)));
    let Some((index, post)) = post else {
        return Err(
            super::Failure::NothingMatched(format!("no post matches {:?}", args.post)).into(),
        );
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
    let also = see_also(&library, index);
    let rendered = post_view::compose_with(post, &body.text, body.stand_in.as_ref(), width, &also);
    let styled = tty && !args.plain;
    for line in &rendered.text.lines {
        if styled {
            writeln!(out, "{}", ansi::line(line))?;
        } else {
            writeln!(out, "{}", line_text(line).trim_end())?;
        }
    }
    Ok(())
}
