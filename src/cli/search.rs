//! `shelf search`: full-text search of the archive's titles, authors, tags, summaries
//! and bodies in its on-disk index (built or brought up to date first), ranked; one hit
//! per line (date, title, path, the best matching line) or JSON with the score and the
//! highlighted words.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use serde::Serialize;

use super::Failure;
use super::args::SearchArgs;
use crate::config::Config;
use crate::corpus::Post;
use crate::fulltext::{FullText, TextHit};
use crate::text::sanitize;

#[derive(Serialize)]
struct HitJson<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    date: Option<String>,
    score: f32,
    line: &'a str,
    /// `[start, end)` char ranges of the query's words in `line`.
    highlights: Vec<[usize; 2]>,
}

/// One line of `shelf search`: date, title, path, matching line, tab-separated, sanitised.
pub fn hit_line(post: &Post, hit: &TextHit) -> String {
    format!(
        "{}\t{}\t{}\t{}",
        super::list::date_column(post),
        sanitize::line(&post.title),
        sanitize::line(&post.path.to_string_lossy()),
        sanitize::line(&hit.line)
    )
}

/// `shelf search` over `paths`: fails with [`Failure::NothingMatched`] (exit 1) when no
/// post matches, and with the parser's one line when the query does not parse.
pub fn run(
    args: &SearchArgs,
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    // The posts only: the fuzzy index and the facets are not needed here (a fifth of a
    // second at 100k posts).
    let corpus = crate::corpus::load_requested(paths, config);
    let posts = &corpus.posts;
    let archive = crate::store::archive_key(crate::corpus::roots(paths, config));
    let tell = std::io::stderr().is_terminal();
    let progress = |done: usize, total: usize| {
        if tell && total >= 1000 {
            eprint!("\rshelf: indexing {done}/{total} posts");
            if done == total {
                eprintln!();
            }
        }
    };
    let full = FullText::for_archive(&archive, posts, &progress)?;
    let by_id: HashMap<&str, &Post> = posts.iter().map(|p| (p.id.as_str(), p)).collect();
    let hits = full.search(&args.text, args.limit, &|id| by_id.get(id).copied())?;
    let found: Vec<(&Post, &TextHit)> = hits
        .iter()
        .filter_map(|h| Some((*by_id.get(h.id.as_str())?, h)))
        .collect();
    if args.json {
        let json: Vec<HitJson<'_>> = found
            .iter()
            .map(|&(p, h)| HitJson {
                id: &p.id,
                path: p.path.to_string_lossy().into_owned(),
                title: &p.title,
                date: p.date.as_ref().map(|d| d.to_iso()),
                score: h.score,
                line: &h.line,
                highlights: h.highlights.iter().map(|r| [r.start, r.end]).collect(),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        for (post, hit) in &found {
            writeln!(out, "{}", hit_line(post, hit))?;
        }
    }
    if found.is_empty() {
        return Err(Failure::NothingMatched(String::new()).into());
    }
    Ok(())
}
