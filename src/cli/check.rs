//! `shelf check`: load everything and report files, posts, skipped files (of them, how
//! many are copies of another post) and every problem found, as lines
//! (`file:line: problem`) or JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::args::CheckArgs;
use crate::config::Config;
use crate::corpus;
use crate::text::sanitize;

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
    if args.json {
        let json = CheckJson {
            files: corpus.files,
            posts: corpus.posts.len(),
            skipped: corpus.skipped,
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
    for d in &corpus.diagnostics {
        let path = sanitize::line(&d.path.to_string_lossy()).into_owned();
        match d.line {
            Some(line) => writeln!(out, "{path}:{line}: {}", sanitize::line(&d.message))?,
            None => writeln!(out, "{path}: {}", sanitize::line(&d.message))?,
        }
    }
    Ok(())
}
