//! `shelf check`: load everything and report files, posts, skipped files (of them, how
//! many are copies of another post), how the posts are dated (by a field, the file
//! name, a folder, or not at all) and every problem found, as lines
//! (`file:line: problem`) or JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::args::CheckArgs;
use crate::config::Config;
use crate::corpus::{self, DateSource, Post};
use crate::text::sanitize;

#[derive(Serialize)]
struct DiagnosticJson {
    path: String,
    line: Option<usize>,
    message: String,
}

/// How many posts took their date from where.
#[derive(Serialize, Default)]
struct DatedJson {
    field: usize,
    #[serde(rename = "file name")]
    file_name: usize,
    folder: usize,
    none: usize,
}

impl DatedJson {
    fn count(posts: &[Post]) -> Self {
        let mut dated = DatedJson::default();
        for post in posts {
            *match post.date_source {
                DateSource::Field => &mut dated.field,
                DateSource::FileName => &mut dated.file_name,
                DateSource::Folder => &mut dated.folder,
                DateSource::None => &mut dated.none,
            } += 1;
        }
        dated
    }
}

#[derive(Serialize)]
struct CheckJson {
    files: usize,
    posts: usize,
    skipped: usize,
    /// Posts by where their date came from, keyed as `list --json`'s `date_source`.
    dated: DatedJson,
    duplicates: usize,
    diagnostics: Vec<DiagnosticJson>,
}

/// `shelf check`.
pub fn run(
    args: &CheckArgs,
    paths: &[std::path::PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> io::Result<()> {
    let corpus = corpus::load_requested(paths, config);
    // Copies are skipped files too: each is one of a post's other paths.
    let duplicates: usize = corpus.posts.iter().map(|p| p.also_at.len()).sum();
    let dated = DatedJson::count(&corpus.posts);
    if args.json {
        let json = CheckJson {
            files: corpus.files,
            posts: corpus.posts.len(),
            skipped: corpus.skipped,
            dated,
            duplicates,
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
        "{} files, {} posts, {} skipped ({duplicates} duplicates), {} diagnostics",
        corpus.files,
        corpus.posts.len(),
        corpus.skipped,
        corpus.diagnostics.len()
    )?;
    writeln!(
        out,
        "dated by field {}, by file name {}, by folder {}, undated {}",
        dated.field, dated.file_name, dated.folder, dated.none
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
