//! Reading and normalising: turns discovered files (or embedded bytes) into [`Post`]s and
//! [`Diagnostic`]s, in parallel with rayon, and re-reads a post's body on demand.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use rayon::prelude::*;

use super::body::Body;
use super::cache::{CachedFile, MetadataCache, Stamp};
use super::decode;
use super::discover::{self, Candidate, Discovery, Kind};
use super::fields::{self, Fields};
use super::front_matter::{self, Format};
use super::post::{Corpus, DateSource, Diagnostic, Post, PostDate, Source};
use super::{authors, dates, language, status, tags, title};

/// Files larger than this are read only up to it (and listed with a diagnostic).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Length of [`Post::excerpt`] in characters.
const EXCERPT_CHARS: usize = 300;
/// Date fields, in order of preference (compared case-insensitively).
const DATE_KEYS: &[&str] = &["date", "created_at", "published", "pubdate"];
/// Most candidates read (and reported) as one batch.
const MAX_BATCH: usize = 1000;
/// Fewest candidates per batch, so small collections are not split into crumbs.
const MIN_BATCH: usize = 100;

/// What loading reports while it runs.
#[derive(Debug)]
pub enum LoadEvent {
    /// Discovery finished: this many post files will be read.
    Found {
        /// Post files found (what [`Corpus::files`] will be).
        files: usize,
    },
    /// A chunk of posts read (any order; a few hundred to a few thousand per batch),
    /// with that chunk's diagnostics and file counts. Problems found by discovery
    /// (a folder that cannot be read) come as one batch of 0 files right after
    /// [`LoadEvent::Found`], so the batches add up to the final corpus, but for
    /// duplicates: files with the same bytes are merged into one post only in the final
    /// corpus (a batch cannot know whether another holds a copy), so each copy is a post
    /// in its batch and, in the final corpus, a skipped file with a diagnostic.
    Batch(Corpus),
}

/// What reading one candidate gave.
#[derive(Debug)]
pub struct Outcome {
    /// The post, unless the file was skipped.
    pub post: Option<Post>,
    /// Problems found in this file.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's size and modification time as it was read (from the open file),
    /// when it could be opened: what the metadata cache keys on.
    pub stamp: Option<Stamp>,
    /// True when the post came from the metadata cache instead of the file.
    pub recalled: bool,
}

/// Loads every post under `paths` (files and folders, walked recursively).
///
/// Never fails: problems become [`Corpus::diagnostics`]. Posts are sorted by path and
/// `files == posts.len() + skipped` always holds. Ids are the path relative to the root
/// given without extension; when two files would share an id, the colliding ones are
/// made unique by prefixing the root's folder name (different roots), then by keeping
/// the extension (`foo.md` next to `foo.txt`), then by a `~N` suffix.
///
/// Files with the same bytes (the same [`Post::fingerprint`] and length; empty files
/// aside, which are alike without being the same post) are one post: the first in
/// path order, with the others' paths in [`Post::also_at`]; each other copy counts as
/// skipped and has a diagnostic (`same content as PATH; listed once`).
///
/// The same as [`load_streaming`] with a callback that ignores the events (without
/// copying the batches for it).
pub fn load(paths: &[PathBuf]) -> Corpus {
    run(paths, &Discovery::default(), None, None)
}

/// Like [`load`], reporting discovery and each chunk as it is read; returns the same
/// complete, sorted [`Corpus`] as `load` at the end. [`LoadEvent::Found`] comes first;
/// batches are reported from the reading threads as each is done.
pub fn load_streaming(paths: &[PathBuf], on_event: &(dyn Fn(LoadEvent) + Sync)) -> Corpus {
    run(paths, &Discovery::default(), Some(on_event), None)
}

/// Like [`load`] (reporting as [`load_streaming`] does when `on_event` is given), with a
/// metadata cache in `cache_dir`: a file whose path, size and modification time are
/// those cached is not read at all, and the cache is written again when anything
/// changed (a file new, changed or gone). The result is the same as without the cache.
pub fn load_cached(
    paths: &[PathBuf],
    cache_dir: &Path,
    on_event: Option<&(dyn Fn(LoadEvent) + Sync)>,
) -> Corpus {
    run(paths, &Discovery::default(), on_event, Some(cache_dir))
}

/// Like [`load`], leaving out what `discovery` excludes besides the ignore files.
pub fn load_with(paths: &[PathBuf], discovery: &Discovery) -> Corpus {
    run(paths, discovery, None, None)
}

/// Files changed this recently are not cached: a change within the same tick of a
/// coarse clock would keep their stamp, and the cache would then hide it.
const RECENT: Duration = Duration::from_secs(2);

/// The loader behind every `load*` function: discovery as `discovery` says, reporting
/// to `on_event` when given, with the metadata cache in `cache_dir` when given.
pub(super) fn run(
    paths: &[PathBuf],
    discovery: &Discovery,
    on_event: Option<&(dyn Fn(LoadEvent) + Sync)>,
    cache_dir: Option<&Path>,
) -> Corpus {
    // The cache is read on a thread of its own while the folders are walked.
    let cache_file = cache_dir.map(|dir| MetadataCache::location(dir, paths));
    let reading = cache_file
        .clone()
        .map(|file| std::thread::spawn(move || Mutex::new(MetadataCache::read(&file))));
    let (mut candidates, mut diagnostics) = discover::discover(paths, discovery);
    // The same file reached twice (a folder and a file in it) is loaded once. One walk
    // never yields a path twice, so only several roots can.
    if paths.len() > 1 {
        let mut seen = HashSet::with_capacity(candidates.len());
        let keep: Vec<bool> = candidates
            .iter()
            .map(|c| seen.insert(c.path.as_path()))
            .collect();
        drop(seen);
        let mut keep = keep.into_iter();
        candidates.retain(|_| keep.next().unwrap_or(true));
    }
    let ids = unique_ids(&candidates, paths);
    let files = candidates.len();
    if let Some(report) = on_event {
        report(LoadEvent::Found { files });
        if !diagnostics.is_empty() {
            report(LoadEvent::Batch(finish(Vec::new(), diagnostics.clone(), 0)));
        }
    }

    let cache = reading.and_then(|thread| thread.join().ok());
    let cached_entries = cache
        .as_ref()
        .and_then(|c| c.lock().ok().map(|c| c.len()))
        .unwrap_or(0);
    let batch = batch_len(files);
    let batches: Vec<Vec<Outcome>> = candidates
        .into_par_iter()
        .zip(ids.into_par_iter())
        .chunks(batch)
        .map(|chunk| {
            let outcomes: Vec<Outcome> = chunk
                .into_iter()
                .map(|(candidate, id)| match &cache {
                    Some(cache) => recall_or_load(cache, candidate, id),
                    None => load_candidate(candidate, id),
                })
                .collect();
            if let Some(report) = on_event {
                report(LoadEvent::Batch(batch_corpus(&outcomes)));
            }
            outcomes
        })
        .collect();

    drop(cache);
    if let Some(file) = cache_file {
        let recalled = batches.iter().flatten().filter(|o| o.recalled).count();
        // Rewritten when a file was read (new or changed) or one cached is gone.
        let read = batches
            .iter()
            .flatten()
            .any(|o| !o.recalled && o.stamp.is_some());
        if read || recalled != cached_entries {
            save_in_background(file, &batches);
        }
    }

    let mut posts = Vec::with_capacity(files);
    for outcome in batches.into_iter().flatten() {
        if let Some(post) = outcome.post {
            posts.push((post, outcome.stamp.map(|s| s.size)));
        }
        diagnostics.extend(outcome.diagnostics);
    }
    let posts = merge_duplicates(posts, &mut diagnostics);
    finish(posts, diagnostics, files)
}

/// Merges posts whose files hold the same bytes, given each with its file's length:
/// sorted by path, the first of each set of copies is kept and the others' paths go
/// to its [`Post::also_at`], each with a diagnostic. Linear: one hash map lookup per
/// post.
///
/// Copies are the same fingerprint (xxh3-64 of the bytes) and the same length. The
/// bytes are not compared again: that would read every copy a second time, also on a
/// start from the metadata cache, which reads none. By chance, two different files of
/// one archive share a fingerprint about once in 10^9 archives of 100k files; a
/// collision made on purpose needs someone who can write into the archive, who could as
/// well write a copy, and it hides nothing: the diagnostic names both paths and the
/// post lists both. Left alone are empty files (alike, but each is named after its own
/// path, nothing else) and files without a known length or cut at [`MAX_FILE_BYTES`]
/// (their fingerprint is of a part).
fn merge_duplicates(
    mut posts: Vec<(Post, Option<u64>)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Post> {
    posts.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut first: HashMap<(u64, u64), usize> = HashMap::new();
    // A copy's path moves to the first's `also_at`; copies are then the posts without
    // a path, dropped at the end.
    for at in 0..posts.len() {
        let Some((post, size)) = posts.get(at) else {
            continue;
        };
        let Some(key) = size
            .filter(|&size| size > 0 && size <= MAX_FILE_BYTES)
            .map(|size| (post.fingerprint, size))
        else {
            continue;
        };
        let original = *first.entry(key).or_insert(at);
        if original == at {
            continue;
        }
        let path = posts
            .get_mut(at)
            .map(|(copy, _)| std::mem::take(&mut copy.path))
            .unwrap_or_default();
        if let Some((kept, _)) = posts.get_mut(original) {
            diagnostics.push(diagnostic(
                &path,
                None,
                format!("same content as {}; listed once", kept.path.display()),
            ));
            kept.also_at.push(path);
        }
    }
    // Filtered in place: the standard library reuses the vector's allocation for the
    // posts, so there is no second vector of them.
    posts
        .into_iter()
        .filter(|(post, _)| !post.path.as_os_str().is_empty())
        .map(|(post, _)| post)
        .collect()
}

/// A post from the cache when the file's stamp is the one cached, else read as usual.
fn recall_or_load(cache: &Mutex<MetadataCache>, candidate: Candidate, id: String) -> Outcome {
    if candidate.kind == Kind::Regular
        && let Some(stamp) = std::fs::metadata(&candidate.path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| Stamp::of(&m))
        && let Some(file) = cache
            .lock()
            .ok()
            .and_then(|mut c| c.take(&candidate.path, stamp))
    {
        let path = candidate.path;
        let diagnostics = file.diagnostics(&path).collect();
        let source = Source::File;
        return Outcome {
            post: file.post.map(|p| p.into_post(id, path, source)),
            diagnostics,
            stamp: Some(stamp),
            recalled: true,
        };
    }
    load_candidate(candidate, id)
}

/// How many cache writes are still running, and a signal each time one ends.
static SAVING: (Mutex<usize>, std::sync::Condvar) = (Mutex::new(0), std::sync::Condvar::new());

/// Waits for the metadata cache writes started by loading. The binary calls it before
/// it exits, so the posts are shown (or printed) without waiting for the cache to be
/// written, and the next start still finds it. A cache that cannot be written only
/// costs the next start its speed; a write cut short leaves the old cache whole.
pub fn finish_saving() {
    let (running, ended) = &SAVING;
    let Ok(mut count) = running.lock() else {
        return;
    };
    while *count > 0 {
        match ended.wait(count) {
            Ok(next) => count = next,
            Err(_) => return,
        }
    }
}

/// Writes, on a thread of its own, what every file read or recalled gave, but for
/// files changed a moment ago.
fn save_in_background(file: PathBuf, batches: &[Vec<Outcome>]) {
    let now = SystemTime::now();
    let settled = |stamp: &Stamp| {
        let modified = u64::try_from(stamp.modified_ns)
            .ok()
            .and_then(|ns| SystemTime::UNIX_EPOCH.checked_add(Duration::from_nanos(ns)));
        modified.is_some_and(|m| now.duration_since(m).is_ok_and(|age| age >= RECENT))
    };
    let entries: Vec<(PathBuf, Stamp, CachedFile)> = batches
        .iter()
        .flatten()
        .filter_map(|outcome| {
            let stamp = outcome.stamp.filter(settled)?;
            // A file that gave no post (binary) is known by its diagnostic's path.
            let path = outcome
                .post
                .as_ref()
                .map(|p| p.path.as_path())
                .or_else(|| outcome.diagnostics.first().map(|d| d.path.as_path()))?;
            let cached = CachedFile::new(outcome.post.as_ref(), &outcome.diagnostics);
            Some((path.to_path_buf(), stamp, cached))
        })
        .collect();
    let (running, ended) = &SAVING;
    if let Ok(mut count) = running.lock() {
        *count += 1;
    }
    let done = || {
        if let Ok(mut count) = running.lock() {
            *count = count.saturating_sub(1);
        }
        ended.notify_all();
    };
    let writer = std::thread::Builder::new().spawn(move || {
        let _ = MetadataCache::write(&file, entries);
        done();
    });
    if writer.is_err() {
        // No thread for it: no cache this time, and nothing to wait for.
        done();
    }
}

/// Candidates per batch: about four batches per thread for small collections (so all
/// cores get work), between [`MIN_BATCH`] and [`MAX_BATCH`].
fn batch_len(files: usize) -> usize {
    (files / (4 * rayon::current_num_threads().max(1))).clamp(MIN_BATCH, MAX_BATCH)
}

/// A copy of one batch's posts and diagnostics, for [`LoadEvent::Batch`].
fn batch_corpus(outcomes: &[Outcome]) -> Corpus {
    let posts = outcomes.iter().filter_map(|o| o.post.clone()).collect();
    let diagnostics = outcomes
        .iter()
        .flat_map(|o| o.diagnostics.iter().cloned())
        .collect();
    finish(posts, diagnostics, outcomes.len())
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
    // The common case, no two files with the same id, in one pass.
    let mut distinct = HashSet::with_capacity(ids.len());
    if ids.iter().all(|id| distinct.insert(id.as_str())) {
        return ids;
    }
    drop(distinct);
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

/// Opens a file for reading, refusing anything that is not a regular file; returns it
/// with its metadata (from the open file, so they describe what is read).
///
/// On unix the file is opened with `O_NONBLOCK`, so even a FIFO that took the place of a
/// walked file cannot block; it is then refused by its `fstat`. Elsewhere the path is
/// checked before opening.
fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, std::fs::Metadata)> {
    let not_regular =
        || std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file");
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(not_regular());
    }
    Ok((file, metadata))
}

/// Reads an open regular file: at most `MAX_FILE_BYTES`, and no more than the size its
/// metadata gave (so what is read matches the stamp), in as few reads as it takes.
fn read_capped(
    file: std::fs::File,
    metadata: &std::fs::Metadata,
) -> std::io::Result<(Vec<u8>, u64)> {
    let size = metadata.len();
    let mut file = file;
    if size == 0 {
        // Some regular files (procfs) say 0 and have bytes: read them to the end.
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
        return Ok((bytes, size));
    }
    let cap = usize::try_from(size.min(MAX_FILE_BYTES)).unwrap_or(0);
    let mut bytes = vec![0; cap];
    let mut filled = 0;
    while let Some(rest) = bytes.get_mut(filled..).filter(|r| !r.is_empty()) {
        match file.read(rest) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    bytes.truncate(filled);
    Ok((bytes, size))
}

/// Reads a file by path without ever opening something that is not a regular file.
fn read_path(path: &Path) -> std::io::Result<(Vec<u8>, u64)> {
    // Checked before opening: a device or FIFO named by a post is never opened.
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let (file, metadata) = open_regular(path)?;
    read_capped(file, &metadata)
}

/// The whole per-file pipeline: one discovered candidate and its id to its post,
/// diagnostics and stamp. Discovery already knows the file is regular (from the
/// directory entry, or a `stat` of a path given), so it is opened with no `stat` first.
pub(super) fn load_candidate(candidate: Candidate, id: String) -> Outcome {
    let Candidate {
        path,
        relative,
        kind,
        ..
    } = candidate;
    if let Kind::Skip(reason) = kind {
        return Outcome {
            diagnostics: vec![diagnostic(&path, None, format!("skipped: {reason}"))],
            post: None,
            stamp: None,
            recalled: false,
        };
    }
    let read = open_regular(&path).and_then(|(file, metadata)| {
        let stamp = Stamp::of(&metadata);
        read_capped(file, &metadata).map(|(bytes, size)| (bytes, size, stamp))
    });
    let (bytes, size, stamp) = match read {
        Ok(read) => read,
        Err(error) => {
            return Outcome {
                diagnostics: vec![diagnostic(
                    &path,
                    None,
                    format!("skipped: cannot read: {error}"),
                )],
                post: None,
                stamp: None,
                recalled: false,
            };
        }
    };
    let mut diagnostics = Vec::new();
    if size > MAX_FILE_BYTES {
        diagnostics.push(diagnostic(
            &path,
            None,
            format!(
                "file is {} bytes; only the first {} MiB were read",
                size,
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let source = Source::File;
    let post = build_post(id, path, source, &relative, bytes, &mut diagnostics);
    Outcome {
        post,
        diagnostics,
        stamp,
        recalled: false,
    }
}

/// Normalises one file's bytes into a post; `None` (with a diagnostic) for a binary file.
pub(super) fn build_post(
    id: String,
    path: PathBuf,
    source: Source,
    relative: &str,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Post> {
    if decode::is_binary(&bytes) {
        diagnostics.push(diagnostic(
            &path,
            None,
            "skipped: binary file (NUL byte in its first 8 KiB)",
        ));
        return None;
    }
    // Files with the same bytes are the same post (found after loading).
    let fingerprint = xxhash_rust::xxh3::xxh3_64(&bytes);
    let text = decode::to_text(bytes);
    let split = front_matter::split(&text);
    for problem in &split.problems {
        diagnostics.push(diagnostic(&path, problem.line, problem.message.clone()));
    }
    let fields = &split.fields;
    let body = split.body;
    let file_name = relative.rsplit('/').next().unwrap_or_default();
    let stem = strip_extension(file_name);
    let name = match (stem, relative.rsplit('/').nth(1)) {
        ("index" | "_index", Some(folder)) => folder,
        _ => stem,
    };
    let title = title::choose(fields, split.format, body, name);
    let (authors, dropped_authors) = authors::choose(fields, split.format != Format::None, body);
    let (date, date_source) = choose_date(fields, &text, relative, &path, diagnostics);
    let (tags, dropped_tags) = tags::choose(fields);
    let (language, translation) = language::detect(fields, &id);
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
    // A post lives as long as the archive is open: its strings keep no spare room
    // (what building them reserved was a quarter of a parsed corpus's memory).
    Some(Post {
        id,
        path,
        source,
        title: compact(title),
        authors: authors.into_iter().map(compact).collect(),
        date,
        tags: tags.into_iter().map(compact).collect(),
        words: count_words(body),
        excerpt: compact(excerpt(body)),
        date_source,
        language: language.map(compact),
        translation: translation.map(compact),
        draft: status::is_draft(fields),
        summary: compact(status::summary(fields)),
        fingerprint,
        also_at: Vec::new(),
    })
}

/// `text` without spare capacity.
fn compact(mut text: String) -> String {
    text.shrink_to_fit();
    text
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

/// The post's date and where it came from: the first date field that parses (one that
/// does not is reported), else a date at the start of the file name, a full date in a
/// slug, or what the folders of `relative` give (a day, else the year and month or the
/// year of the nearest folder named by one, see [`dates::from_folders`]).
fn choose_date(
    fields: &Fields,
    text: &str,
    relative: &str,
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<PostDate>, DateSource) {
    for key in DATE_KEYS {
        let Some(raw) = fields.get(key).and_then(|v| v.as_scalar_text()) else {
            continue;
        };
        if raw.trim().trim_matches(['"', '\'']).trim().is_empty() {
            continue;
        }
        match dates::parse(&raw) {
            Some(date) => return (Some(date), DateSource::Field),
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
    let (folders, file_name) = relative.rsplit_once('/').unwrap_or(("", relative));
    if let Some(date) = dates::from_name_start(file_name) {
        return (Some(date), DateSource::FileName);
    }
    let from_slug = fields::SLUG_KEYS
        .iter()
        .filter_map(|key| fields.text(key))
        .find_map(|slug| dates::from_path_segments(slug.split('/')));
    if let Some(date) = from_slug {
        return (Some(date), DateSource::Field);
    }
    let folders = relative.rsplit_once('/').map(|_| folders.split('/'));
    match dates::from_folders(folders.into_iter().flatten()) {
        Some(date) => (Some(date), DateSource::Folder),
        None => (None, DateSource::None),
    }
}

/// Words in `text`, as `split_whitespace` counts them.
///
/// A word starts at every non-space byte after a space byte (or at the start); counted
/// branch-free over byte pairs, which the compiler vectorises. Non-ASCII bytes are
/// inside words, which is exact unless the text holds a non-ASCII space (`U+00A0`,
/// `U+3000`, ...); only such texts take the `split_whitespace` path.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.is_ascii() && has_non_ascii_space(bytes) {
        return text.split_whitespace().count();
    }
    /// ASCII White_Space, what `split_whitespace` splits on (vertical tab included), as
    /// 1 or 0.
    fn space(b: u8) -> u8 {
        u8::from(b == b' ') | u8::from(b.wrapping_sub(b'\t') < 5)
    }
    let first = bytes.first().map_or(0, |&b| usize::from(1 - space(b)));
    let pairs = bytes.len().saturating_sub(1);
    let before = bytes.get(..pairs).unwrap_or_default();
    let after = bytes.get(1..).unwrap_or_default();
    // In runs of 255 pairs, so a byte-wide sum cannot overflow and stays vectorised.
    let starts: usize = before
        .chunks(255)
        .zip(after.chunks(255))
        .map(|(before, after)| {
            let run = before
                .iter()
                .zip(after)
                .fold(0u8, |n, (&a, &b)| n + (space(a) & (1 - space(b))));
            usize::from(run)
        })
        .sum();
    first + starts
}

/// True when UTF-8 `bytes` hold a non-ASCII White_Space character: U+0085, U+00A0,
/// U+1680, U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
fn has_non_ascii_space(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let lead = |i: usize| match at(i) {
        0xC2 => matches!(at(i + 1), 0x85 | 0xA0),
        0xE1 => at(i + 1) == 0x9A && at(i + 2) == 0x80,
        0xE2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => at(i + 2) == 0x9F,
            _ => false,
        },
        0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
        _ => false,
    };
    memchr::memchr3_iter(0xC2, 0xE2, 0xE3, bytes).any(lead)
        || memchr::memchr_iter(0xE1, bytes).any(lead)
}

/// The opening of the body as plain text: tags removed, whitespace collapsed.
///
/// What `title::strip_tags` of the body's first `EXCERPT_CHARS * 8` characters, split
/// on whitespace and joined by single spaces, cut to `EXCERPT_CHARS` characters gives,
/// but built lazily: it stops as soon as the excerpt is full.
fn excerpt(body: &str) -> String {
    let limit = EXCERPT_CHARS * 8;
    let end = if body.len() <= limit {
        body.len()
    } else if body.as_bytes().get(..limit).is_some_and(<[u8]>::is_ascii) {
        limit
    } else {
        body.char_indices()
            .nth(limit)
            .map_or(body.len(), |(at, _)| at)
    };
    let source = body.get(..end).unwrap_or(body);
    let mut out = Collapsed::default();
    // Where the next `>` is, from the last search: runs of `<` stay linear.
    let mut close: Option<Option<usize>> = None;
    let mut at = 0;
    while !out.full() {
        let rest = source.get(at..).unwrap_or_default();
        let Some(open) = memchr::memchr(b'<', rest.as_bytes()) else {
            out.push(rest);
            break;
        };
        out.push(rest.get(..open).unwrap_or_default());
        let after = at + open + 1;
        let is_tag = source
            .as_bytes()
            .get(after)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!');
        if is_tag {
            let found = match close {
                Some(Some(gt)) if gt >= after => Some(gt),
                Some(None) => None,
                _ => memchr::memchr(b'>', source.as_bytes().get(after..).unwrap_or_default())
                    .map(|i| after + i),
            };
            close = Some(found);
            if let Some(gt) = found {
                at = gt + 1;
                continue;
            }
        }
        out.push("<");
        at = after;
    }
    let kept = out.text.trim_end().len();
    out.text.truncate(kept);
    out.text
}

/// Text with whitespace runs collapsed to one space and leading whitespace dropped, up
/// to `EXCERPT_CHARS` characters.
#[derive(Default)]
struct Collapsed {
    text: String,
    chars: usize,
    space: bool,
}

impl Collapsed {
    fn full(&self) -> bool {
        self.chars >= EXCERPT_CHARS
    }

    fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if self.full() {
                return;
            }
            if b.is_ascii() {
                if b == b' ' || b.wrapping_sub(b'\t') < 5 {
                    self.space = !self.text.is_empty();
                    at += 1;
                    continue;
                }
                // A run of ASCII word bytes: one character each.
                let run = bytes.get(at..).unwrap_or_default();
                let len = run
                    .iter()
                    .position(|&b| !b.is_ascii() || b == b' ' || b.wrapping_sub(b'\t') < 5)
                    .unwrap_or(run.len());
                self.word(piece.get(at..at + len).unwrap_or_default(), len);
                at += len;
            } else {
                let Some(c) = piece.get(at..).and_then(|rest| rest.chars().next()) else {
                    return;
                };
                if c.is_whitespace() {
                    self.space = !self.text.is_empty();
                } else {
                    self.word(piece.get(at..at + c.len_utf8()).unwrap_or_default(), 1);
                }
                at += c.len_utf8();
            }
        }
    }

    /// Appends `chars` characters of non-space text (ASCII when more than one), after a
    /// space if one is pending, as far as there is room.
    fn word(&mut self, word: &str, chars: usize) {
        if self.space {
            if self.full() {
                return;
            }
            self.text.push(' ');
            self.chars += 1;
            self.space = false;
        }
        let room = EXCERPT_CHARS.saturating_sub(self.chars);
        let take = chars.min(room);
        let kept = if take == chars {
            word
        } else {
            word.get(..take).unwrap_or_default()
        };
        self.text.push_str(kept);
        self.chars += take;
    }
}

impl Post {
    /// Reads the body again from [`Post::source`] (file or embedded bytes): lossy UTF-8,
    /// BOM stripped, CRLF/CR normalised to `\n`, front matter removed, capped at
    /// [`MAX_FILE_BYTES`] like loading; for an empty body, with what the front matter
    /// offers in its place (see [`Body`]). Never panics; a file that is gone or is no
    /// longer a regular file gives an error.
    pub fn read_body(&self) -> std::io::Result<Body> {
        let text = match &self.source {
            Source::File => decode::to_text(read_path(&self.path)?.0),
            Source::Embedded(bytes) => {
                let cap = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
                decode::to_text(bytes.get(..cap).unwrap_or(bytes).to_vec())
            }
        };
        let split = front_matter::split(&text);
        Ok(Body::new(split.body.to_string(), &split.fields))
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
            text.as_bytes().to_vec(),
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
            b"\x89PNG\0\0".to_vec(),
            &mut diagnostics,
        );
        assert!(post.is_none());
        assert!(diagnostics[0].message.contains("binary"));
    }

    #[test]
    fn word_count_agrees_with_split_whitespace_at_every_length() {
        let alphabet = [
            " ", "a", "\t", "é", "\u{a0}", "\n", "日", "\u{2009}", "\u{2019}", "\x0b",
        ];
        let mut state = 7u64;
        for len in 0..600 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let ascii_only = len % 3 == 0;
            let text: String = (0..len)
                .map(|i| {
                    let pick = (state >> (i % 50)) as usize + i;
                    let n = if ascii_only { 3 } else { alphabet.len() };
                    alphabet[pick % n]
                })
                .collect();
            assert_eq!(
                count_words(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    /// The excerpt as it was first written: strip the tags of a slice, then collapse.
    fn excerpt_reference(body: &str) -> String {
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

    #[test]
    fn excerpt_agrees_with_stripping_then_collapsing() {
        let long = "word ".repeat(700);
        let bodies = [
            String::new(),
            "  <p>Hi</p> there ".into(),
            "a<b>c < d <3 <a href='x'>link</a> <!-- c --> e".into(),
            "<a <b <c no close".into(),
            format!("<{long}>after"),
            format!("{long}<a>tail"),
            format!("{}<i>x</i>", "é ".repeat(1300)),
            format!("{} x", "y".repeat(299)),
            format!("{} x", "y".repeat(298)),
            format!("{}<b", "z ".repeat(1199)),
            "\u{3000}lead\u{a0}nbsp\ttab".into(),
        ];
        for body in &bodies {
            assert_eq!(excerpt(body), excerpt_reference(body), "{body:?}");
        }
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
            ..Post::default()
        };
        let body = post.read_body().unwrap();
        assert_eq!(body.text, "Body\nline\n");
        assert_eq!(body.stand_in, None);
    }

    #[test]
    fn streaming_reports_found_first_and_batches_that_add_up_to_the_corpus() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..250 {
            let folder = dir.path().join(format!("f{}", i % 7));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(format!("p{i}.md")), format!("# Post {i}\n")).unwrap();
        }
        std::fs::write(dir.path().join("bin.md"), b"\0binary").unwrap();
        std::fs::write(dir.path().join("bad.md"), "---\ndate: someday\n---\n").unwrap();
        let events = std::sync::Mutex::new(Vec::new());
        let corpus = load_streaming(&[dir.path().to_path_buf()], &|event| {
            events.lock().unwrap().push(event);
        });
        let events = events.into_inner().unwrap();
        assert!(matches!(
            events.first(),
            Some(LoadEvent::Found { files: 252 })
        ));
        let batches: Vec<&Corpus> = events
            .iter()
            .skip(1)
            .map(|e| match e {
                LoadEvent::Batch(batch) => batch,
                LoadEvent::Found { .. } => panic!("Found twice"),
            })
            .collect();
        assert!(batches.len() > 1, "{} batches", batches.len());
        let mut ids: Vec<&str> = batches
            .iter()
            .flat_map(|b| b.posts.iter().map(|p| p.id.as_str()))
            .collect();
        ids.sort_unstable();
        let mut expected: Vec<&str> = corpus.posts.iter().map(|p| p.id.as_str()).collect();
        expected.sort_unstable();
        assert_eq!(ids, expected);
        let files: usize = batches.iter().map(|b| b.files).sum();
        let skipped: usize = batches.iter().map(|b| b.skipped).sum();
        assert_eq!((files, skipped), (corpus.files, corpus.skipped));
        let diagnostics: usize = batches.iter().map(|b| b.diagnostics.len()).sum();
        assert_eq!(diagnostics, corpus.diagnostics.len());
        assert_eq!(corpus.diagnostics.len(), 2);
        // And the same corpus as loading without listening.
        let plain = load(&[dir.path().to_path_buf()]);
        let plain_ids: Vec<&str> = plain.posts.iter().map(|p| p.id.as_str()).collect();
        let streamed_ids: Vec<&str> = corpus.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(plain_ids, streamed_ids);
        assert_eq!(plain.diagnostics, corpus.diagnostics);
    }

    #[test]
    fn copies_are_merged_into_the_first_by_path_and_empty_files_are_not() {
        let post = |path: &str, fingerprint: u64| Post {
            id: path.into(),
            path: PathBuf::from(path),
            source: Source::File,
            title: path.into(),
            fingerprint,
            ..Post::default()
        };
        let posts = vec![
            (post("c/copy.md", 1), Some(10)),
            (post("a/copy.md", 1), Some(10)),
            (post("b/copy.md", 1), Some(10)),
            (post("same-hash-other-length.md", 1), Some(11)),
            (post("empty-1.md", 2), Some(0)),
            (post("empty-2.md", 2), Some(0)),
            (post("no-stamp.md", 1), None),
        ];
        let mut diagnostics = Vec::new();
        let kept = merge_duplicates(posts, &mut diagnostics);
        let paths: Vec<&str> = kept.iter().map(|p| p.path.to_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "a/copy.md",
                "empty-1.md",
                "empty-2.md",
                "no-stamp.md",
                "same-hash-other-length.md"
            ]
        );
        assert_eq!(
            kept[0].also_at,
            [PathBuf::from("b/copy.md"), PathBuf::from("c/copy.md")]
        );
        assert!(kept[1..].iter().all(|p| p.also_at.is_empty()));
        let said: Vec<(&str, &str)> = diagnostics
            .iter()
            .map(|d| (d.path.to_str().unwrap(), d.message.as_str()))
            .collect();
        assert_eq!(
            said,
            [
                ("b/copy.md", "same content as a/copy.md; listed once"),
                ("c/copy.md", "same content as a/copy.md; listed once")
            ]
        );
    }

    #[test]
    fn a_candidate_read_gives_its_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "# A\r\nbody\r\n").unwrap();
        let candidate = Candidate {
            path: path.clone(),
            root: 0,
            relative: "a.md".into(),
            kind: Kind::Regular,
        };
        let outcome = load_candidate(candidate, "a".into());
        let stamp = outcome.stamp.unwrap();
        assert_eq!(stamp.size, 11);
        assert_eq!(Some(stamp), Stamp::of(&std::fs::metadata(&path).unwrap()));
        assert_eq!(outcome.post.unwrap().title, "A");
        assert!(outcome.diagnostics.is_empty());
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
