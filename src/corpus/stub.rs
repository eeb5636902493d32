//! Temporary stand-in for the loader while it is being written (lead's scaffolding).
use std::path::{Path, PathBuf};

use super::{Corpus, Post, PostDate, Source};

/// Loads posts (stub).
pub fn load(_paths: &[PathBuf]) -> Corpus {
    load_bundled()
}

static CONTENT: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/content");

/// Loads the bundled archive (stub).
pub fn load_bundled() -> Corpus {
    let mut posts = Vec::new();
    for f in CONTENT.files() {
        let text = String::from_utf8_lossy(f.contents());
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title:"))
            .map(|t| t.trim().trim_matches('"').to_string())
            .unwrap_or_else(|| text.lines().next().unwrap_or("").to_string());
        let name = f
            .path()
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let n = posts.len() as u32;
        posts.push(Post {
            id: name.clone(),
            path: Path::new("content").join(f.path()),
            source: Source::Embedded(f.contents()),
            title,
            authors: vec![
                [
                    "Didier Lalli",
                    "Patrick Debois",
                    "",
                    "Stéphane Goudeau",
                    "phrawzty",
                ][n as usize % 5]
                    .to_string(),
            ]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect(),
            date: None,
            tags: if n < 2 { vec!["DevOps".into()] } else { vec![] },
            words: text.split_whitespace().count(),
            excerpt: text.chars().take(300).collect(),
        });
    }
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    Corpus {
        files: posts.len(),
        posts,
        diagnostics: vec![],
        skipped: 0,
    }
}

impl Post {
    /// Reads the body (stub).
    pub fn read_body(&self) -> std::io::Result<String> {
        match &self.source {
            Source::Embedded(b) => Ok(String::from_utf8_lossy(b).into_owned()),
            Source::File(p) => Ok(String::from_utf8_lossy(&std::fs::read(p)?).into_owned()),
        }
    }
}

impl PostDate {
    /// ISO (stub).
    pub fn to_iso(&self) -> String {
        self.date.to_string()
    }
    /// Sort key (stub).
    pub fn sort_key(&self) -> i64 {
        self.date
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc().timestamp())
            .unwrap_or(0)
    }
}
