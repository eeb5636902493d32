//! Loads each real collection under `../shared/corpora` (ignored by default; CI runs them
//! with `--ignored`): no panic, every regular post file accounted for, `files == posts +
//! skipped`. Prints the counts and the time taken (no timed assertions).

use std::path::{Path, PathBuf};
use std::time::Instant;

use shelf::corpus::{POST_EXTENSIONS, load};

const CORPORA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");

/// Our own count of regular, non-hidden files with a post extension, but the
/// collection's own `SOURCE.txt` and `README*` at its top (not posts, issue 10).
fn count_post_files(dir: &Path, top: bool) -> usize {
    let mut count = 0;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_uppercase();
        if name.starts_with('.') || (top && (name == "SOURCE.TXT" || name.starts_with("README"))) {
            continue;
        }
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if file_type.is_dir() {
            count += count_post_files(&path, false);
        } else if file_type.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| POST_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
        {
            count += 1;
        }
    }
    count
}

fn check(collection: &str) {
    let root = PathBuf::from(CORPORA).join(collection);
    assert!(root.is_dir(), "{} is missing", root.display());
    let expected = count_post_files(&root, true);
    let started = Instant::now();
    let corpus = load(std::slice::from_ref(&root));
    let took = started.elapsed();
    println!(
        "{collection}: {} files, {} posts, {} skipped, {} diagnostics, {} dated, loaded in {took:.2?}",
        corpus.files,
        corpus.posts.len(),
        corpus.skipped,
        corpus.diagnostics.len(),
        corpus.posts.iter().filter(|p| p.date.is_some()).count(),
    );
    for diagnostic in corpus.diagnostics.iter().take(40) {
        println!(
            "  {}:{}: {}",
            diagnostic.path.display(),
            diagnostic.line.map_or(String::new(), |l| l.to_string()),
            diagnostic.message
        );
    }
    assert_eq!(corpus.files, corpus.posts.len() + corpus.skipped);
    assert_eq!(
        corpus.files, expected,
        "every regular post file is accounted for"
    );
    assert!(corpus.posts.iter().all(|p| !p.title.trim().is_empty()));
    let mut ids: Vec<&str> = corpus.posts.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), corpus.posts.len(), "ids are unique");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn devopsdays_webby_loads() {
    check("devopsdays/devopsdays-webby");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn devopsdays_web_sample_loads() {
    check("devopsdays/devopsdays-web");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn hpe_dev_portal_loads() {
    check("hpe-dev-portal");
}

#[test]
#[ignore = "needs ../shared/corpora"]
fn ruby_lang_news_loads() {
    check("ruby-lang-news");
}
