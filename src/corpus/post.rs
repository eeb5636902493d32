//! The normalised shapes the rest of shelf consumes: [`Post`], [`PostDate`],
//! [`Diagnostic`] and the loaded [`Corpus`].

use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate, NaiveTime};

/// Where a post's bytes live, so its body can be read again on demand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A regular file on disk: the one at [`Post::path`] (kept once, not twice).
    File,
    /// A file of the archive embedded in the binary.
    Embedded(&'static [u8]),
}

impl Default for Source {
    fn default() -> Self {
        Source::Embedded(b"")
    }
}

/// How much of a date is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// The day (and maybe a time).
    #[default]
    Day,
    /// The month only: [`PostDate::date`] is its first day.
    Month,
    /// The year only: [`PostDate::date`] is its first day.
    Year,
}

/// Where a post's date came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A front-matter field (`date`, `created_at`, ...).
    Field,
    /// The file's name (`2013-05-02-title.md`).
    FileName,
    /// A folder's name (`2013-amsterdam/`, `2019/`).
    Folder,
    /// No date anywhere.
    #[default]
    None,
}

impl DateSource {
    /// How `shelf list --json` and `shelf check` name it.
    pub fn label(self) -> &'static str {
        match self {
            DateSource::Field => "field",
            DateSource::FileName => "file name",
            DateSource::Folder => "folder",
            DateSource::None => "none",
        }
    }
}

/// A date as the post gave it: the day always, a time and a UTC offset only when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostDate {
    /// The calendar day (the first of the month or year when only those are known).
    pub date: NaiveDate,
    /// The time of day, when one was given.
    pub time: Option<NaiveTime>,
    /// The UTC offset, when one was given (`Z` is `+00:00`).
    pub offset: Option<FixedOffset>,
    /// Whether the day, or only the month or year, is known.
    pub precision: Precision,
}

impl PostDate {
    /// A day with no time.
    pub fn day(date: NaiveDate) -> PostDate {
        PostDate {
            date,
            time: None,
            offset: None,
            precision: Precision::Day,
        }
    }
}

/// One post, normalised from whatever its file held. `Post::default()` is an empty
/// embedded post, for building one field by field (tests, benches).
#[derive(Debug, Clone, Default)]
pub struct Post {
    /// Stable id: the path relative to the archive root, without its extension.
    pub id: String,
    /// The path shown to the user (absolute or as given for files on disk,
    /// `content/<name>` for the bundled archive).
    pub path: PathBuf,
    /// Where to read the body again.
    pub source: Source,
    /// Normalised title (never empty).
    pub title: String,
    /// Normalised authors, in the order given.
    pub authors: Vec<String>,
    /// The date, when one could be found.
    pub date: Option<PostDate>,
    /// Tags in the spelling the post used, trimmed, without duplicates (case-insensitive).
    pub tags: Vec<String>,
    /// Number of words in the body.
    pub words: usize,
    /// The first few hundred characters of the body as plain text, for search.
    pub excerpt: String,
    /// Where [`Post::date`] came from.
    pub date_source: DateSource,
    /// The post's language code (`en`, `ja`, `pt-br`), from a field or a language
    /// folder.
    pub language: Option<String>,
    /// What ties this post to its translations (posts with the same key are one post
    /// in several languages); `None` for a post on its own.
    pub translation: Option<String>,
    /// Marked a draft (`draft: true`, `status: draft`).
    pub draft: bool,
    /// The front matter's `description` or `summary`, one line (empty when none).
    pub summary: String,
    /// A hash of the file's bytes: files with the same one are the same post.
    pub fingerprint: u64,
    /// Other paths holding the same bytes (the post is listed once).
    pub also_at: Vec<PathBuf>,
}

/// A problem found while loading: the file, the 1-based line when known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line in that file, when known.
    pub line: Option<usize>,
    /// What is wrong, in words a user understands.
    pub message: String,
}

/// A loaded collection.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Every post, in a deterministic order (by path).
    pub posts: Vec<Post>,
    /// Everything that went wrong or was recovered from.
    pub diagnostics: Vec<Diagnostic>,
    /// Post files seen (`files == posts.len() + skipped`).
    pub files: usize,
    /// Post files that gave no post of their own (unreadable, not a regular file,
    /// binary, or the same bytes as a post listed at another path).
    pub skipped: usize,
}
