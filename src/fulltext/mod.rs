//! Full-text search of an archive in an on-disk tantivy index: title, authors, tags,
//! summary and body text (markdown and HTML reduced to words, [`plain`]), ranked by
//! BM25, each hit with its best matching line and the query's words in it
//! ([`snippet`]). The query syntax is [`query`]'s.
//!
//! One index per archive in `cache_dir()/fulltext/<hash of the archive key>/`
//! ([`index_dir`]). [`FullText::open_or_build`] opens it and brings it up to date from
//! the posts' ids and fingerprints (the metadata cache's size/mtime check gave those,
//! so an unchanged file is never reopened): only new and changed posts are read and
//! indexed, posts gone are deleted. An index that is missing, damaged, or written by
//! another version of this module is rebuilt silently. Meant to run on a background
//! thread (it reads bodies); the [`FullText`] it gives is `Send + Sync` and cheap to
//! search from any thread behind an `Arc`.
//!
//! Beside tantivy's files the folder holds two of ours: `shelf-fulltext` (the
//! [`VERSION`] marker, written last, so a build that stopped half way is rebuilt) and
//! `shelf-manifest` (each indexed post's id and fingerprint, written after each commit).

pub mod plain;
pub mod query;
pub mod snippet;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::corpus::Post;
pub use query::{Clause, Matcher, Parsed};
pub use snippet::Snippet;

/// What the marker file holds; an index with another one is rebuilt. Bump it whenever
/// the schema, the analyzer or the text reduction changes.
pub const VERSION: &str = "shelf-fulltext 2 (tantivy 0.27)";

const VERSION_FILE: &str = "shelf-fulltext";
const MANIFEST_FILE: &str = "shelf-manifest";

/// The writer's memory, for all its threads together.
const WRITER_MEMORY: usize = 64 << 20;

/// At most this many posts changed or gone make a small update: committed without
/// merging segments.
const SMALL_UPDATE: usize = 64;

/// With this many segments or more, even a small update merges: small updates each
/// leave a segment, and a search reads every segment.
const MANY_SEGMENTS: usize = 12;

/// Posts read and reduced at a time, in parallel, between two progress reports.
const CHUNK: usize = 512;

/// How much a word found in each field counts, against the body's 1.
const BOOSTS: [(&str, f32); 5] = [
    ("title", 3.0),
    ("tags", 2.0),
    ("authors", 2.0),
    ("summary", 1.5),
    ("body", 1.0),
];

/// Why the full-text index could not be opened, built or searched.
#[derive(Debug, thiserror::Error)]
pub enum FullTextError {
    /// The query does not parse; the message says why, for the user.
    #[error("{0}")]
    Query(String),
    /// The index folder could not be made, read or written.
    #[error("full-text index at {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// tantivy failed (writing, committing, searching).
    #[error("full-text index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// One full-text hit, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct TextHit {
    /// The post's id ([`Post::id`]).
    pub id: String,
    /// Its BM25 score (with the field boosts); higher is better.
    pub score: f32,
    /// The best matching line of the body, trimmed.
    pub line: String,
    /// The char ranges of the query's words in `line`.
    pub highlights: Vec<Range<usize>>,
}

/// What [`FullText::open_or_build`] had to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Update {
    /// The index was built from nothing (missing, damaged, another version, in RAM).
    pub rebuilt: bool,
    /// Posts read and indexed (new or changed).
    pub indexed: usize,
    /// Posts deleted from the index (gone, or changed and indexed again).
    pub deleted: usize,
}

/// The index folder of an archive (named by [`crate::store::archive_key`]) in the cache
/// dir; none without one (`SHELF_NO_CACHE`): build in RAM then.
pub fn index_dir(archive_key: &str) -> Option<PathBuf> {
    let hash = xxhash_rust::xxh3::xxh3_64(archive_key.as_bytes());
    crate::corpus::cache_dir().map(|d| d.join("fulltext").join(format!("{hash:016x}")))
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    /// title, tags, authors, summary, body, in [`BOOSTS`]' order.
    text: [Field; 5],
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(query::ANALYZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let indexed = TextOptions::default().set_indexing_options(indexing);
    // Nothing but the id is stored: a hit's line comes from its file, read again (see
    // [`FullText::search`]), which keeps the index a quarter of the archive's size
    // instead of two thirds.
    let text = BOOSTS.map(|(name, _)| builder.add_text_field(name, indexed.clone()));
    (builder.build(), Fields { id, text })
}

/// The full-text index of one archive, searchable from any thread.
pub struct FullText {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    update: Update,
}

impl std::fmt::Debug for FullText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FullText")
            .field("docs", &self.len())
            .field("update", &self.update)
            .finish()
    }
}

/// `(id, fingerprint)` of every indexed post.
type Manifest = HashMap<String, u64>;

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> FullTextError + '_ {
    move |source| FullTextError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The index in `dir` with its manifest, when it is whole and of this version.
fn open_existing(dir: &Path) -> Option<(Index, Manifest)> {
    let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok()?;
    if version.trim() != VERSION {
        return None;
    }
    let manifest: Vec<(String, u64)> =
        postcard::from_bytes(&std::fs::read(dir.join(MANIFEST_FILE)).ok()?).ok()?;
    let index = Index::open_in_dir(dir).ok()?;
    if index.schema() != schema().0 {
        return None;
    }
    // Damaged files open fine and fail later, in a search: check them all now.
    if !index.validate_checksum().ok()?.is_empty() {
        return None;
    }
    Some((index, manifest.into_iter().collect()))
}

/// Writes `bytes` to `path` through a temporary file and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FullTextError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(io_error(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io_error(path))
}

fn write_manifest(dir: &Path, manifest: &Manifest) -> Result<(), FullTextError> {
    let mut entries: Vec<(&String, &u64)> = manifest.iter().collect();
    entries.sort();
    let bytes = postcard::to_allocvec(&entries).map_err(|e| FullTextError::Io {
        path: dir.join(MANIFEST_FILE),
        source: std::io::Error::other(e),
    })?;
    write_atomic(&dir.join(MANIFEST_FILE), &bytes)
}

fn writer(index: &Index) -> Result<IndexWriter, FullTextError> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    Ok(index.writer_with_num_threads(cores.clamp(1, 4), WRITER_MEMORY)?)
}

/// A post's body read again and reduced to text, as it is indexed and as its hit lines
/// are picked from (an unreadable body is empty: the post is still found by its
/// metadata).
pub fn body_text(post: &Post) -> String {
    post.read_body()
        .map(|b| {
            let mut text = plain::plain_text(&b.text);
            if let Some(stand_in) = b.stand_in.and_then(|s| s.description) {
                text.push_str(&plain::plain_text(&stand_in));
            }
            text
        })
        .unwrap_or_default()
}

/// The document of a post: its fields and its [`body_text`].
fn document(fields: &Fields, post: &Post) -> TantivyDocument {
    let body = body_text(post);
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &post.id);
    let [title, tags, authors, summary, body_field] = fields.text;
    doc.add_text(title, &post.title);
    for tag in &post.tags {
        doc.add_text(tags, tag);
    }
    for author in &post.authors {
        doc.add_text(authors, author);
    }
    doc.add_text(summary, &post.summary);
    doc.add_text(body_field, &body);
    doc
}

impl FullText {
    /// Opens the index in `dir` (made when missing) and brings it up to date with
    /// `posts`: posts whose `(id, fingerprint)` the index lacks are read and indexed,
    /// posts it has that are gone are deleted. A missing, damaged or other-version
    /// index is rebuilt from all posts. `progress(done, total)` follows the posts read
    /// (it is not called when none need reading). Posts with the same id after the first
    /// are left out.
    pub fn open_or_build(
        dir: &Path,
        posts: &[Post],
        progress: &dyn Fn(usize, usize),
    ) -> Result<FullText, FullTextError> {
        if let Some((index, manifest)) = open_existing(dir) {
            let mut full = FullText::with_index(index)?;
            full.update = full.catch_up(Some(dir), manifest, posts, progress)?;
            return Ok(full);
        }
        // Built beside it and moved into place whole: a shelf that stops half way, or
        // another one opening the same archive meanwhile, never sees half an index.
        let parent = dir.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        let scratch = tempfile::Builder::new()
            .prefix(".build-")
            .tempdir_in(parent)
            .map_err(io_error(parent))?;
        let update = {
            let full = FullText::with_index(Index::create_in_dir(scratch.path(), schema().0)?)?;
            full.catch_up(Some(scratch.path()), Manifest::new(), posts, progress)?
        };
        write_atomic(&scratch.path().join(VERSION_FILE), VERSION.as_bytes())?;
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_error(dir)(e));
            }
            _ => {}
        }
        // Another shelf may have moved its own into place first: then that one is used.
        let moved = std::fs::rename(scratch.path(), dir);
        let index = match (moved, open_existing(dir)) {
            (_, Some((index, _))) => index,
            (Err(source), None) => {
                return Err(FullTextError::Io {
                    path: dir.to_path_buf(),
                    source,
                });
            }
            (Ok(()), None) => Index::open_in_dir(dir)?,
        };
        let mut full = FullText::with_index(index)?;
        full.update = Update {
            rebuilt: true,
            ..update
        };
        Ok(full)
    }

    /// An index of `posts` in memory, for when there is no cache dir.
    pub fn build_in_ram(
        posts: &[Post],
        progress: &dyn Fn(usize, usize),
    ) -> Result<FullText, FullTextError> {
        let mut full = FullText::with_index(Index::create_in_ram(schema().0))?;
        full.update = full.catch_up(None, Manifest::new(), posts, progress)?;
        full.update.rebuilt = true;
        Ok(full)
    }

    /// The index of the archive named `archive_key` in its [`index_dir`], or in RAM when
    /// there is no cache dir.
    pub fn for_archive(
        archive_key: &str,
        posts: &[Post],
        progress: &dyn Fn(usize, usize),
    ) -> Result<FullText, FullTextError> {
        match index_dir(archive_key) {
            Some(dir) => FullText::open_or_build(&dir, posts, progress),
            None => FullText::build_in_ram(posts, progress),
        }
    }

    fn with_index(index: Index) -> Result<FullText, FullTextError> {
        index
            .tokenizers()
            .register(query::ANALYZER, query::analyzer());
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        Ok(FullText {
            index,
            reader,
            fields,
            update: Update::default(),
        })
    }

    /// Indexes what `manifest` lacks of `posts` and deletes what they lack of it; the
    /// manifest is written to `dir` after the commit.
    fn catch_up(
        &self,
        dir: Option<&Path>,
        mut manifest: Manifest,
        posts: &[Post],
        progress: &dyn Fn(usize, usize),
    ) -> Result<Update, FullTextError> {
        let mut seen = BTreeSet::new();
        let wanted: Vec<&Post> = posts
            .iter()
            .filter(|p| seen.insert(p.id.as_str()))
            .collect();
        let stale: Vec<String> = manifest
            .iter()
            .filter(|(id, _)| !seen.contains(String::as_str(id)))
            .map(|(id, _)| id.clone())
            .collect();
        let todo: Vec<&Post> = wanted
            .into_iter()
            .filter(|p| manifest.get(&p.id) != Some(&p.fingerprint))
            .collect();
        let mut update = Update::default();
        if todo.is_empty() && stale.is_empty() {
            return Ok(update);
        }
        let mut writer = match writer(&self.index) {
            Ok(writer) => writer,
            // Another shelf on the same archive is writing it: search what is there.
            Err(FullTextError::Index(tantivy::TantivyError::LockFailure(..)))
                if dir.is_some() && !manifest.is_empty() =>
            {
                return Ok(update);
            }
            Err(e) => return Err(e),
        };
        // A handful of changed posts (the usual case after a first build): no merging, so
        // the update is a small segment and a commit, not a wait for merge threads. Once
        // [`MANY_SEGMENTS`] have piled up, or the update is large, the merge policy
        // merges them.
        let small = todo.len() + stale.len() <= SMALL_UPDATE && self.segments() < MANY_SEGMENTS;
        if small {
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        }
        for id in &stale {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            manifest.remove(id);
            update.deleted += 1;
        }
        let total = todo.len();
        let mut done = 0;
        for chunk in todo.chunks(CHUNK) {
            let docs: Vec<TantivyDocument> = chunk
                .par_iter()
                .map(|post| document(&self.fields, post))
                .collect();
            for (post, doc) in chunk.iter().zip(docs) {
                if manifest.contains_key(&post.id) {
                    update.deleted += 1;
                }
                // Also clears a post a commit indexed but the manifest did not record.
                writer.delete_term(Term::from_field_text(self.fields.id, &post.id));
                writer.add_document(doc)?;
                manifest.insert(post.id.clone(), post.fingerprint);
            }
            done += chunk.len();
            progress(done, total);
        }
        update.indexed = total;
        writer.commit()?;
        if let Some(dir) = dir {
            write_manifest(dir, &manifest)?;
        }
        if !small {
            writer.wait_merging_threads()?;
        }
        self.reader.reload()?;
        Ok(update)
    }

    /// What opening had to do.
    pub fn update(&self) -> Update {
        self.update
    }

    /// Posts in the index.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The segments a search reads.
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Whether the index holds no post.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Parses a query ([`query`]'s syntax).
    pub fn parse(&self, text: &str) -> Result<Parsed, FullTextError> {
        query::parse(&mut query::analyzer(), text).map_err(FullTextError::Query)
    }

    /// The best `limit` posts for `text`, ranked, each with its best line. An empty or
    /// blank query finds nothing; one that does not parse is [`FullTextError::Query`].
    ///
    /// The lines are picked from the hits' bodies read again (in parallel) from the posts
    /// `post` finds by id, as they are on disk now; a hit whose post it does not find, or
    /// whose file is gone, has an empty line.
    pub fn search<'p>(
        &self,
        text: &str,
        limit: usize,
        post: &(dyn Fn(&str) -> Option<&'p Post> + Sync),
    ) -> Result<Vec<TextHit>, FullTextError> {
        let parsed = self.parse(text)?;
        if parsed.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let query = self.tantivy_query(&searcher, &parsed)?;
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut ranked = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            ranked.push((score, id.to_string()));
        }
        Ok(ranked
            .into_par_iter()
            .map_init(query::analyzer, |analyzer, (score, id)| {
                let body = post(&id).map(body_text).unwrap_or_default();
                let snippet = snippet::best_line(analyzer, &body, &parsed);
                TextHit {
                    id,
                    score,
                    line: snippet.line,
                    highlights: snippet.highlights,
                }
            })
            .collect())
    }

    /// The tantivy query of a parsed one: each clause is one of the fields matching
    /// (boosted), every clause wanted must, none excluded may.
    fn tantivy_query(
        &self,
        searcher: &tantivy::Searcher,
        parsed: &Parsed,
    ) -> Result<BooleanQuery, FullTextError> {
        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for clause in &parsed.clauses {
            let mut fields: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
            for (&field, (_, boost)) in self.fields.text.iter().zip(BOOSTS) {
                let query = field_query(searcher, field, &clause.matcher)?;
                fields.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
            }
            let occur = if clause.excluded {
                Occur::MustNot
            } else {
                Occur::Must
            };
            clauses.push((occur, Box::new(BooleanQuery::new(fields))));
        }
        Ok(BooleanQuery::new(clauses))
    }
}

/// What one clause matches in one field.
fn field_query(
    searcher: &tantivy::Searcher,
    field: Field,
    matcher: &Matcher,
) -> Result<Box<dyn TantivyQuery>, FullTextError> {
    let term = |word: &str| Term::from_field_text(field, word);
    Ok(match matcher {
        Matcher::Words(words) => match words.as_slice() {
            [] => Box::new(EmptyQuery),
            [word] => Box::new(TermQuery::new(term(word), IndexRecordOption::WithFreqs)),
            _ => Box::new(PhraseQuery::new(words.iter().map(|w| term(w)).collect())),
        },
        Matcher::Prefix(words) => match words.as_slice() {
            [] => Box::new(EmptyQuery),
            [prefix] => {
                let expanded = expand(searcher, field, prefix)?;
                let terms: Vec<(Occur, Box<dyn TantivyQuery>)> = expanded
                    .iter()
                    .map(|w| {
                        let q: Box<dyn TantivyQuery> =
                            Box::new(TermQuery::new(term(w), IndexRecordOption::WithFreqs));
                        (Occur::Should, q)
                    })
                    .collect();
                Box::new(BooleanQuery::new(terms))
            }
            _ => {
                let mut query = PhrasePrefixQuery::new(words.iter().map(|w| term(w)).collect());
                query.set_max_expansions(query::MAX_EXPANSIONS as u32);
                Box::new(query)
            }
        },
    })
}

/// The words of `field` starting with `prefix`, the first [`query::MAX_EXPANSIONS`] in
/// order, over all segments: each becomes a term query, so a prefix is ranked like the
/// words it stands for.
fn expand(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
) -> Result<BTreeSet<String>, FullTextError> {
    let mut found = BTreeSet::new();
    let mut end = prefix.as_bytes().to_vec();
    // The first key after every key starting with the prefix (None: no bound).
    let upper = loop {
        match end.pop() {
            Some(0xff) => continue,
            Some(b) => {
                end.push(b + 1);
                break Some(end);
            }
            None => break None,
        }
    };
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut range = inverted.terms().range().ge(prefix.as_bytes());
        if let Some(upper) = &upper {
            range = range.lt(upper);
        }
        let mut stream = range.into_stream().map_err(|source| FullTextError::Io {
            path: PathBuf::from("terms"),
            source,
        })?;
        let mut taken = 0;
        while stream.advance() && taken < query::MAX_EXPANSIONS {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                found.insert(word.to_string());
            }
            taken += 1;
        }
    }
    Ok(found.into_iter().take(query::MAX_EXPANSIONS).collect())
}
