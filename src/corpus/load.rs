//! Reading and normalising: turns discovered files (or embedded bytes) into [`Post`]s and
//! [`Diagnostic`]s, in parallel with rayon, and re-reads a post's body on demand.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::decode;
use super::discover::{self, Candidate, Kind};
use super::fields::{self, Fields};
use super::front_matter::{self, Format};
use super::post::{Corpus, Diagnostic, Post, PostDate, Source};
use super::{authors, dates, tags, title};

/// Files larger than this are read only up to it (and listed with a diagnostic).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Length of [`Post::excerpt`] in characters.
const EXCERPT_CHARS: usize = 300;
/// Date fields, in order of preference (compared case-insensitively).
const DATE_KEYS: &[&str] = &["date", "created_at", "published", "pubdate"];

/// Loads every post under `paths` (files and folders, walked recursively).
///
/// Never fails: problems become [`Corpus::diagnostics`]. Posts are sorted by path and
/// `files == posts.len() + skipped` always holds. Ids are the path relative to the root
/// given without extension; when two files would share an id, the colliding ones are
/// made unique by prefixing the root's folder name (different roots), then by keeping
/// the extension (`foo.md` next to `foo.txt`), then by a `~N` suffix.
pub fn load(paths: &[PathBuf]) -> Corpus {
    let (mut candidates, mut diagnostics) = discover::discover(paths);
    // The same file reached twice (a folder and a file in it) is loaded once.
    let mut seen = std::collections::HashSet::new();
    candidates.retain(|c| seen.insert(c.path.clone()));
    let ids = unique_ids(&candidates, paths);

    let outcomes: Vec<(Option<Post>, Vec<Diagnostic>)> = candidates
        .par_iter()
        .zip(ids.into_par_iter())
        .map(|(candidate, id)| load_candidate(candidate, id))
        .collect();

    let files = outcomes.len();
    let mut posts = Vec::with_capacity(files);
    for (post, problems) in outcomes {
        posts.extend(post);
        diagnostics.extend(problems);
    }
    finish(posts, diagnostics, files)
}

/// Sorts and counts; shared with the bundled archive.
pub(super) fn finish(
    mut posts: Vec<Post>,
    mut diagnostics: Vec<Diagnostic>,
    files: usize,
) -> Corpus {
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    Corpus {
        skipped: files - posts.len(),
        files,
        posts,
        diagnostics,
    }
}

fn strip_extension(relative: &str) -> &str {
    let name_start = relative.rfind('/').map_or(0, |i| i + 1);
    match relative.rfind('.') {
        Some(dot) if dot > name_start => relative.get(..dot).unwrap_or(relative),
        _ => relative,
    }
}

fn root_label(paths: &[PathBuf], root: usize) -> String {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    paths
        .get(root)
        .and_then(|p| name(p).or_else(|| name(&std::fs::canonicalize(p).ok()?)))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("root{}", root + 1))
}

fn unique_ids(candidates: &[Candidate], paths: &[PathBuf]) -> Vec<String> {
    let mut ids: Vec<String> = candidates
        .iter()
        .map(|c| strip_extension(&c.relative).to_string())
        .collect();
    let collisions = |ids: &[String]| -> Vec<Vec<usize>> {
        let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, id) in ids.iter().enumerate() {
            groups.entry(id.as_str()).or_default().push(i);
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        groups
    };
    for group in collisions(&ids) {
        let roots: std::collections::HashSet<usize> = group
            .iter()
            .filter_map(|&i| candidates.get(i).map(|c| c.root))
            .collect();
        if roots.len() > 1 {
            for i in group {
                if let (Some(id), Some(c)) = (ids.get_mut(i), candidates.get(i)) {
                    *id = format!("{}/{id}", root_label(paths, c.root));
                }
            }
        }
    }
    for group in collisions(&ids) {
        for i in group {
            if let (Some(id), Some(c)) = (ids.get_mut(i), candidates.get(i)) {
                let prefix = id.len() - strip_extension(&c.relative).len();
                *id = format!("{}{}", id.get(..prefix).unwrap_or_default(), c.relative);
            }
        }
    }
    for group in collisions(&ids) {
        for (n, i) in group.into_iter().enumerate().skip(1) {
            if let Some(id) = ids.get_mut(i) {
                *id = format!("{id}~{}", n + 1);
            }
        }
    }
    ids
}

fn diagnostic(path: &Path, line: Option<usize>, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Reads a file without ever opening something that is not a regular file; returns the
/// bytes (at most `MAX_FILE_BYTES`) and the full size.
fn read_capped(path: &Path) -> std::io::Result<(Vec<u8>, u64)> {
    // `metadata` follows symlinks, as opening would; a FIFO is refused before `open`.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(MAX_FILE_BYTES)).unwrap_or(0));
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
    Ok((bytes, size))
}

fn load_candidate(candidate: &Candidate, id: String) -> (Option<Post>, Vec<Diagnostic>) {
    let path = &candidate.path;
    if let Kind::Skip(reason) = candidate.kind {
        return (
            None,
            vec![diagnostic(path, None, format!("skipped: {reason}"))],
        );
    }
    let (bytes, size) = match read_capped(path) {
        Ok(read) => read,
        Err(error) => {
            return (
                None,
                vec![diagnostic(
                    path,
                    None,
                    format!("skipped: cannot read: {error}"),
                )],
            );
        }
    };
    let mut diagnostics = Vec::new();
    if size > MAX_FILE_BYTES {
        diagnostics.push(diagnostic(
            path,
            None,
            format!(
                "file is {size} bytes; only the first {} MiB were read",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let post = build_post(
        id,
        path.clone(),
        Source::File(path.clone()),
        &candidate.relative,
        &bytes,
        &mut diagnostics,
    );
    (post, diagnostics)
}

/// Normalises one file's bytes into a post; `None` (with a diagnostic) for a binary file.
pub(super) fn build_post(
    id: String,
    path: PathBuf,
    source: Source,
    relative: &str,
    bytes: &[u8],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Post> {
    if decode::is_binary(bytes) {
        diagnostics.push(diagnostic(
            &path,
            None,
            "skipped: binary file (NUL byte in its first 8 KiB)",
        ));
        return None;
    }
    let text = decode::to_text(bytes);
    let split = front_matter::split(&text);
    for problem in &split.problems {
        diagnostics.push(diagnostic(&path, problem.line, problem.message.clone()));
    }
    let fields = &split.fields;
    let body = split.body;
    let segments: Vec<&str> = relative.split('/').collect();
    let file_name = segments.last().copied().unwrap_or_default();
    let stem = strip_extension(file_name);
    let name = match (
        stem,
        segments.len().checked_sub(2).and_then(|i| segments.get(i)),
    ) {
        ("index" | "_index", Some(folder)) => *folder,
        _ => stem,
    };
    let title = title::choose(fields, split.format, body, name);
    let (authors, dropped_authors) = authors::choose(fields, split.format != Format::None, body);
    let date = choose_date(fields, &text, &segments, &path, diagnostics);
    let (tags, dropped_tags) = tags::choose(fields);
    for (dropped, what, kept) in [
        (dropped_authors, "authors", authors::MAX_AUTHORS),
        (dropped_tags, "tags", tags::MAX_TAGS),
    ] {
        if dropped > 0 {
            diagnostics.push(diagnostic(
                &path,
                None,
                format!(
                    "{} {what}: kept the first {kept}, dropped {dropped}",
                    kept + dropped
                ),
            ));
        }
    }
    Some(Post {
        id,
        path,
        source,
        title,
        authors,
        date,
        tags,
        words: count_words(body),
        excerpt: excerpt(body),
    })
}

/// The 1-based line where a top-level `key:` or `key =` is written (case-insensitive).
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .take(500)
        .position(|line| {
            line.get(..key.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
                && line
                    .get(key.len()..)
                    .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
        .map(|i| i + 1)
}

fn choose_date(
    fields: &Fields,
    text: &str,
    segments: &[&str],
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PostDate> {
    for key in DATE_KEYS {
        let Some(raw) = fields.get(key).and_then(|v| v.as_scalar_text()) else {
            continue;
        };
        if raw.trim().trim_matches(['"', '\'']).trim().is_empty() {
            continue;
        }
        match dates::parse(&raw) {
            Some(date) => return Some(date),
            None => diagnostics.push(diagnostic(
                path,
                key_line(text, key),
                format!(
                    "`{key}` value `{}` is not a date shelf understands",
                    raw.trim()
                ),
            )),
        }
    }
    let file_name = segments.last().copied().unwrap_or_default();
    dates::from_name_start(file_name)
        .or_else(|| {
            fields::SLUG_KEYS
                .iter()
                .filter_map(|key| fields.text(key))
                .find_map(|slug| dates::from_path_segments(slug.split('/')))
        })
        .or_else(|| {
            let folders = segments
                .get(..segments.len().saturating_sub(1))
                .unwrap_or_default();
            dates::from_path_segments(folders.iter().copied())
        })
}

/// The opening of the body as plain text: tags removed, whitespace collapsed.
/// Words in `text`, as `split_whitespace` counts them; a byte loop for ASCII text,
/// which is most posts and was a sixth of loading time through the Unicode path.
fn count_words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        // ASCII White_Space: what split_whitespace splits on (vertical tab included).
        let space = b.is_ascii_whitespace() || b == 0x0b;
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words
}

fn excerpt(body: &str) -> String {
    // A slice of the body, not a copy of it.
    let end = body
        .char_indices()
        .nth(EXCERPT_CHARS * 8)
        .map_or(body.len(), |(at, _)| at);
    title::strip_tags(&body[..end])
        .split_whitespace()
        .flat_map(|w| w.chars().chain(std::iter::once(' ')))
        .take(EXCERPT_CHARS)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// What loading reports while it runs.
#[derive(Debug)]
pub enum LoadEvent {
    /// Discovery finished: this many post files will be read.
    Found {
        /// Post files found.
        files: usize,
    },
    /// A chunk of posts read, with its diagnostics and file counts.
    Batch(Corpus),
}

/// Like [`load`], reporting discovery and each chunk read as it goes; returns the same
/// complete, sorted corpus at the end.
pub fn load_streaming(paths: &[PathBuf], on_event: &(dyn Fn(LoadEvent) + Sync)) -> Corpus {
    let corpus = load(paths);
    on_event(LoadEvent::Found {
        files: corpus.files,
    });
    on_event(LoadEvent::Batch(corpus.clone()));
    corpus
}

impl Post {
    /// Reads the body again from [`Post::source`] (file or embedded bytes): lossy UTF-8,
    /// BOM stripped, CRLF/CR normalised to `\n`, front matter removed, capped at
    /// [`MAX_FILE_BYTES`] like loading. Never panics; a file that is gone or is no longer
    /// a regular file gives an error.
    pub fn read_body(&self) -> std::io::Result<String> {
        let text = match &self.source {
            Source::File(path) => decode::to_text(&read_capped(path)?.0),
            Source::Embedded(bytes) => {
                let cap = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
                decode::to_text(bytes.get(..cap).unwrap_or(bytes))
            }
        };
        Ok(front_matter::split(&text).body.to_string())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_count_agrees_with_split_whitespace() {
        for text in [
            "",
            "one",
            "  two  words ",
            "tabs\tand\nlines\r\n\x0bvt\x0cff",
            "non-ascii é words\u{a0}nbsp\u{3000}ideographic",
            "日本語 の ニュース",
        ] {
            assert_eq!(
                super::count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    use super::*;

    fn post_from(relative: &str, text: &str) -> (Option<Post>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let post = build_post(
            "id".into(),
            PathBuf::from(relative),
            Source::Embedded(b""),
            relative,
            text.as_bytes(),
            &mut diagnostics,
        );
        (post, diagnostics)
    }

    /// The ISO date of the post a file with this path and text gives.
    fn date_of(path: &str, text: &str) -> Option<String> {
        post_from(path, text).0?.date.map(|d| d.to_iso())
    }

    #[test]
    fn date_keys_in_order_and_case() {
        assert_eq!(
            date_of("a.md", "+++\nDate = \"2016-12-12T16:31:00-06:00\"\n+++\n").as_deref(),
            Some("2016-12-12T16:31:00-06:00")
        );
        assert_eq!(
            date_of("a.md", "---\npubDate: 2020-02-02\n---\n").as_deref(),
            Some("2020-02-02")
        );
    }

    #[test]
    fn empty_date_falls_through_and_a_bad_date_is_reported() {
        let (post, diagnostics) = post_from(
            "2001-01-18-x.md",
            "+++\nTalk_date = \"\"\nDate = \"\"\n+++\n",
        );
        assert_eq!(
            post.unwrap().date.map(|d| d.to_iso()).as_deref(),
            Some("2001-01-18")
        );
        assert!(diagnostics.is_empty());
        let (post, diagnostics) = post_from("a.md", "---\ntitle: t\ndate: someday\n---\n");
        assert_eq!(post.unwrap().date, None);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, Some(3));
    }

    #[test]
    fn date_from_a_path_field_or_folders() {
        assert_eq!(
            date_of("x/slug.md", "---\npath: /blog/2012/03/04/slug\n---\n").as_deref(),
            Some("2012-03-04")
        );
        assert_eq!(
            date_of("blog/2009/11/15/slug/index.txt", "---\ntitle: t\n---\n").as_deref(),
            Some("2009-11-15")
        );
    }

    #[test]
    fn index_files_are_named_after_their_folder() {
        let (post, _) = post_from("blog/2009/hockey-stick-growth/index.txt", "");
        assert_eq!(post.unwrap().title, "Hockey stick growth");
    }

    #[test]
    fn binary_bytes_give_no_post() {
        let mut diagnostics = Vec::new();
        let post = build_post(
            "b".into(),
            PathBuf::from("b.md"),
            Source::Embedded(b""),
            "b.md",
            b"\x89PNG\0\0",
            &mut diagnostics,
        );
        assert!(post.is_none());
        assert!(diagnostics[0].message.contains("binary"));
    }

    #[test]
    fn excerpt_is_plain_and_short() {
        let body = format!("<p>Hello</p>\n\n  world  {}", "x ".repeat(500));
        let text = excerpt(&body);
        assert!(text.starts_with("Hello world x x"));
        assert!(text.chars().count() <= EXCERPT_CHARS);
    }

    #[test]
    fn read_body_of_embedded_bytes_strips_front_matter() {
        let post = Post {
            id: "x".into(),
            path: PathBuf::from("content/x.md"),
            source: Source::Embedded(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nBody\r\nline\r\n"),
            title: "x".into(),
            authors: vec![],
            date: None,
            tags: vec![],
            words: 2,
            excerpt: String::new(),
        };
        assert_eq!(post.read_body().unwrap(), "Body\nline\n");
    }

    #[test]
    fn ids_strip_the_extension_and_collisions_are_resolved() {
        let candidate = |root: usize, relative: &str| Candidate {
            path: PathBuf::from(format!("r{root}/{relative}")),
            root,
            relative: relative.into(),
            kind: Kind::Regular,
        };
        let roots = [PathBuf::from("site-a"), PathBuf::from("site-b")];
        let ids = unique_ids(
            &[
                candidate(0, "blog/post.md"),
                candidate(1, "blog/post.md"),
                candidate(0, "foo.md"),
                candidate(0, "foo.txt"),
                candidate(0, "a.b/c"),
            ],
            &roots,
        );
        assert_eq!(
            ids,
            [
                "site-a/blog/post",
                "site-b/blog/post",
                "foo.md",
                "foo.txt",
                "a.b/c"
            ]
        );
    }
}
