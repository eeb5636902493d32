//! The metadata cache: what loading each file produced, keyed by its path, size and
//! modification time, so a second start on an unchanged archive reads one file instead
//! of parsing every post.
//!
//! One cache file per set of archive roots ([`MetadataCache::location`]) under the
//! platform cache dir ([`cache_dir`]). The file is a compact binary: a head (magic,
//! format version, entry count, the shelf version), then chunks of 2048
//! [postcard](https://docs.rs/postcard)-encoded entries sorted by path, each with its
//! entry count, length and xxh3 checksum, decoded in parallel as they are read. Anything wrong with it (missing, truncated, corrupt,
//! zero-filled, someone else's file, another format or shelf version) reads as an empty
//! cache: the loader then parses everything and writes a fresh one. Writing goes to a
//! temporary file in the same directory that is renamed over the old one, so a reader
//! never sees half a file and a crash never leaves a broken cache (a power cut that
//! loses the data is caught by the checksum).
//!
//! The loader decides what to trust: it stats a file *before* reading it, asks
//! [`MetadataCache::get`] (or [`MetadataCache::take`]) with that [`Stamp`], and writes
//! back only the files it saw, so new files miss, changed ones miss on their stamp, and
//! deleted ones drop out of the next cache.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use chrono::{Datelike as _, FixedOffset, NaiveDate, NaiveTime, Timelike as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::post::{DateSource, Diagnostic, Post, PostDate, Precision, Source};

/// The first bytes of every cache file.
const MAGIC: [u8; 8] = *b"shelfMC\0";
/// Bumped whenever the layout or the meaning of an entry changes.
/// Bump it too when what a file normalises to changes within a release.
const FORMAT_VERSION: u32 = 5;
/// The shelf that wrote the cache: another version's normalisation may differ.
const SHELF_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Magic, format version, entry count, length of the shelf version that follows.
const HEAD_BYTES: usize = 8 + 4 + 8 + 4;
/// Entries, length, checksum (xxh3 of the bytes seeded with entries and length).
const CHUNK_HEADER_BYTES: usize = 4 + 4 + 8;
/// Entries per chunk: chunks are the unit of parallel decoding.
const CHUNK_ENTRIES: usize = 2048;
/// A cache larger than this is not ours (100k posts take about 50 MB).
const MAX_CACHE_BYTES: u64 = 4 << 30;
/// The environment variable that moves the cache dir (tests point it at a temp dir).
pub const CACHE_DIR_ENV: &str = "SHELF_CACHE_DIR";
/// Set (to anything but empty) to load without the metadata cache: every file parsed,
/// nothing written (to measure the loader, or to rule the cache out).
pub const NO_CACHE_ENV: &str = "SHELF_NO_CACHE";

/// What identifies one version of a file: its size and modification time.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Stamp {
    /// Length in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch (negative before it).
    pub modified_ns: i128,
}

impl Stamp {
    /// The stamp of a file from its metadata; `None` where the platform has no
    /// modification time (such a file is never cached).
    pub fn of(metadata: &fs::Metadata) -> Option<Stamp> {
        let modified = metadata.modified().ok()?;
        let modified_ns = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_nanos()).ok()?,
            Err(before) => -i128::try_from(before.duration().as_nanos()).ok()?,
        };
        Some(Stamp {
            size: metadata.len(),
            modified_ns,
        })
    }
}

/// The fields of a [`Post`] that come from the file's contents (everything but the id,
/// path and source, which the loader derives from the path).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedPost {
    /// Normalised title.
    pub title: String,
    /// Normalised authors, in the order given.
    pub authors: Vec<String>,
    /// The date, when one was found.
    #[serde(
        serialize_with = "serialize_date",
        deserialize_with = "deserialize_date"
    )]
    pub date: Option<PostDate>,
    /// Tags as the post spelled them.
    pub tags: Vec<String>,
    /// Number of words in the body.
    pub words: usize,
    /// The plain-text excerpt.
    pub excerpt: String,
    /// Where the date came from.
    #[serde(
        serialize_with = "serialize_date_source",
        deserialize_with = "deserialize_date_source"
    )]
    pub date_source: DateSource,
    /// The language code.
    pub language: Option<String>,
    /// The translation key.
    pub translation: Option<String>,
    /// Marked a draft.
    pub draft: bool,
    /// The description or summary.
    pub summary: String,
    /// A hash of the file's bytes.
    pub fingerprint: u64,
}

impl CachedPost {
    /// The cacheable part of a post.
    pub fn from_post(post: &Post) -> CachedPost {
        CachedPost {
            title: post.title.clone(),
            authors: post.authors.clone(),
            date: post.date,
            tags: post.tags.clone(),
            words: post.words,
            excerpt: post.excerpt.clone(),
            date_source: post.date_source,
            language: post.language.clone(),
            translation: post.translation.clone(),
            draft: post.draft,
            summary: post.summary.clone(),
            fingerprint: post.fingerprint,
        }
    }

    /// The post again, with what the loader derives from the path.
    pub fn into_post(self, id: String, path: PathBuf, source: Source) -> Post {
        Post {
            id,
            path,
            source,
            title: self.title,
            authors: self.authors,
            date: self.date,
            tags: self.tags,
            words: self.words,
            excerpt: self.excerpt,
            date_source: self.date_source,
            language: self.language,
            translation: self.translation,
            draft: self.draft,
            summary: self.summary,
            fingerprint: self.fingerprint,
            also_at: Vec::new(),
        }
    }
}

/// What loading one file produced: the post (none when the file gave none) and the
/// file's diagnostics as (1-based line, message).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedFile {
    /// The post, when the file gave one.
    pub post: Option<CachedPost>,
    /// The file's diagnostics: line when known, and the message.
    pub problems: Vec<(Option<usize>, String)>,
}

impl CachedFile {
    /// The cacheable result of loading one file (diagnostics of other files are the
    /// caller's to leave out; their paths are not kept).
    pub fn new<'a>(
        post: Option<&Post>,
        diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    ) -> CachedFile {
        CachedFile {
            post: post.map(CachedPost::from_post),
            problems: diagnostics
                .into_iter()
                .map(|d| (d.line, d.message.clone()))
                .collect(),
        }
    }

    /// The file's diagnostics again, for the file at `path`.
    pub fn diagnostics(&self, path: &Path) -> impl Iterator<Item = Diagnostic> + '_ {
        let path = path.to_path_buf();
        self.problems.iter().map(move |(line, message)| Diagnostic {
            path: path.clone(),
            line: *line,
            message: message.clone(),
        })
    }
}

/// The entries of one cache file, looked up by path and stamp.
///
/// Kept as the file holds them, sorted by path bytes, and found by binary search: no
/// map to build on start (hashing 100k paths cost more than decoding them).
#[derive(Debug, Default)]
pub struct MetadataCache {
    /// The chunks as decoded (never empty ones), each sorted, in order.
    chunks: Vec<Vec<StoredEntry>>,
    /// Entries in all chunks.
    len: usize,
    /// xxh3 of a path's bytes -> (chunk, index): one probe per lookup instead of a
    /// binary search whose every step is a cache miss (50 ms over 100k lookups). The
    /// map's own hasher is std's keyed one, so paths chosen to collide cannot make it
    /// slow; a path whose xxh3 another path already holds is found by binary search.
    index: HashMap<u64, (u32, u32)>,
}

impl MetadataCache {
    /// The cache file for this set of archive roots under `cache_dir`: the name holds a
    /// hash of the canonicalised, sorted roots, so each archive has its own file.
    pub fn location(cache_dir: &Path, roots: &[PathBuf]) -> PathBuf {
        let mut roots: Vec<PathBuf> = roots
            .iter()
            .map(|root| fs::canonicalize(root).unwrap_or_else(|_| root.clone()))
            .collect();
        roots.sort();
        roots.dedup();
        let mut key = Vec::new();
        for root in &roots {
            let bytes = path_bytes(root);
            key.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            key.extend_from_slice(&bytes);
        }
        let hash = xxhash_rust::xxh3::xxh3_64(&key);
        cache_dir.join(format!("metadata-{hash:016x}.cache"))
    }

    /// Reads a cache file. Anything wrong with it gives an empty cache: never an error,
    /// never a panic, and no length or count in the file is believed beyond what the
    /// file holds (a chunk's buffer is at most the rest of the file, its entries at
    /// most the 2048 a chunk is written with).
    ///
    /// The file is read a chunk at a time and each chunk decoded on the rayon pool as
    /// soon as it is in, so reading and decoding overlap and no buffer the size of the
    /// whole file is ever allocated (its page faults cost as much as decoding).
    pub fn read(file: &Path) -> MetadataCache {
        MetadataCache::try_read(file).unwrap_or_default()
    }

    fn try_read(file: &Path) -> Option<MetadataCache> {
        let mut file = fs::File::open(file).ok()?;
        let size = file.metadata().ok()?.len();
        if size > MAX_CACHE_BYTES {
            return None;
        }
        let mut remaining = size;
        let mut head = [0; HEAD_BYTES];
        read_exact(&mut file, &mut head, &mut remaining)?;
        let mut reader = Reader(&head);
        if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != FORMAT_VERSION {
            return None;
        }
        let count = reader.u64()?;
        let version_len = usize::try_from(reader.u32()?).ok()?;
        if version_len != SHELF_VERSION.len() {
            return None;
        }
        let mut version = vec![0; version_len];
        read_exact(&mut file, &mut version, &mut remaining)?;
        if version != SHELF_VERSION.as_bytes() {
            return None;
        }

        let (done, results) = std::sync::mpsc::channel();
        let (freed, spare) = std::sync::mpsc::channel::<Vec<u8>>();
        // Chunks handed to the pool whose buffers have not come back. Past one per
        // thread, this thread decodes the chunk itself: buffers stay few and reused
        // (with one thread, every chunk but the first is decoded right here).
        let limit = rayon::current_num_threads();
        let read_all = rayon::scope(move |scope| {
            let (mut chunks, mut outstanding) = (0, 0);
            let mut pool: Vec<Vec<u8>> = Vec::new();
            while remaining > 0 {
                let mut header = [0; CHUNK_HEADER_BYTES];
                read_exact(&mut file, &mut header, &mut remaining)?;
                let mut reader = Reader(&header);
                let entries = reader.u32()?;
                let len = reader.u32()?;
                let checksum = reader.u64()?;
                if u64::from(len) > remaining || entries == 0 || entries as usize > CHUNK_ENTRIES {
                    return None;
                }
                for bytes in spare.try_iter() {
                    outstanding -= 1;
                    pool.push(bytes);
                }
                let mut bytes = pool.pop().unwrap_or_default();
                bytes.resize(len as usize, 0);
                read_exact(&mut file, &mut bytes, &mut remaining)?;
                let index = chunks;
                chunks += 1;
                if outstanding >= limit {
                    let _ = done.send((index, decode_chunk(&bytes, entries, checksum)));
                    pool.push(bytes);
                    continue;
                }
                outstanding += 1;
                let (done, freed) = (done.clone(), freed.clone());
                scope.spawn(move |_| {
                    let decoded = decode_chunk(&bytes, entries, checksum);
                    let _ = done.send((index, decoded));
                    let _ = freed.send(bytes);
                });
            }
            Some(chunks)
        });
        let chunks = read_all?;
        let mut decoded: Vec<(usize, Option<Vec<StoredEntry>>)> = results.iter().collect();
        if decoded.len() != chunks {
            return None;
        }
        decoded.sort_unstable_by_key(|(index, _)| *index);
        let chunks: Vec<Vec<StoredEntry>> = decoded
            .into_iter()
            .map(|(_, chunk)| chunk)
            .collect::<Option<_>>()?;
        let len: usize = chunks.iter().map(Vec::len).sum();
        // The writer sorts and deduplicates; anything else is not its output.
        let sorted = chunks.windows(2).all(
            |w| matches!((w[0].last(), w[1].first()), (Some(a), Some(b)) if a.path.0 < b.path.0),
        );
        if u64::try_from(len).ok()? != count || !sorted {
            return None;
        }
        let mut index = HashMap::with_capacity(len);
        for (c, chunk) in chunks.iter().enumerate() {
            for (i, entry) in chunk.iter().enumerate() {
                let at = (u32::try_from(c).ok()?, u32::try_from(i).ok()?);
                index
                    .entry(xxhash_rust::xxh3::xxh3_64(&entry.path.0))
                    .or_insert(at);
            }
        }
        Some(MetadataCache { chunks, len, index })
    }

    /// Where the entry for `path` is, if there is one: (chunk, index in it).
    fn find(&self, path: &Path) -> Option<(usize, usize)> {
        let key = path_key(path)?;
        if let Some(&(c, i)) = self.index.get(&xxhash_rust::xxh3::xxh3_64(key)) {
            let (c, i) = (c as usize, i as usize);
            if self.chunks[c][i].path.0 == key {
                return Some((c, i));
            }
        }
        let chunk = self
            .chunks
            .partition_point(|c| c.last().is_some_and(|e| e.path.0.as_slice() < key));
        let at = self
            .chunks
            .get(chunk)?
            .binary_search_by(|entry| entry.path.0.as_slice().cmp(key))
            .ok()?;
        Some((chunk, at))
    }

    /// The entry for `path`, when its stamp matches (then the file need not be parsed).
    pub fn get(&self, path: &Path, stamp: Stamp) -> Option<&CachedFile> {
        let (chunk, at) = self.find(path)?;
        let entry = &self.chunks[chunk][at];
        if entry.stamp() != stamp {
            return None;
        }
        entry.file.as_ref()
    }

    /// Takes the entry for `path` out of the cache, when its stamp matches; an entry
    /// with another stamp is dropped too (it can never match again).
    pub fn take(&mut self, path: &Path, stamp: Stamp) -> Option<CachedFile> {
        let (chunk, at) = self.find(path)?;
        let entry = &mut self.chunks[chunk][at];
        let file = entry.file.take();
        file.filter(|_| entry.stamp() == stamp)
    }

    /// Number of entries read (taken ones included).
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when there are no entries (a missing or unusable cache file).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes `entries` as the cache file `file`, atomically: into a temporary file in
    /// the same directory (created when missing), then renamed over `file`. Errors
    /// (a directory that cannot be created or written) are the caller's to ignore.
    pub fn write<P, F>(
        file: &Path,
        entries: impl IntoIterator<Item = (P, Stamp, F)>,
    ) -> std::io::Result<()>
    where
        P: AsRef<Path>,
        F: Borrow<CachedFile>,
    {
        let bytes = encode(entries)?;
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        fs::create_dir_all(dir)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".metadata-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        temp.write_all(&bytes)?;
        temp.persist(file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The bytes of a whole cache file.
fn encode<P, F>(entries: impl IntoIterator<Item = (P, Stamp, F)>) -> std::io::Result<Vec<u8>>
where
    P: AsRef<Path>,
    F: Borrow<CachedFile>,
{
    // Sorted by path bytes, the last of duplicates kept, so readers binary-search.
    let mut entries: Vec<(Vec<u8>, Stamp, F)> = entries
        .into_iter()
        .filter_map(|(path, stamp, file)| Some((path_key(path.as_ref())?.to_vec(), stamp, file)))
        .collect();
    entries.reverse();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, earlier| later.0 == earlier.0);

    let mut out = Vec::with_capacity(HEAD_BYTES + SHELF_VERSION.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u64).to_le_bytes());
    out.extend_from_slice(&(SHELF_VERSION.len() as u32).to_le_bytes());
    out.extend_from_slice(SHELF_VERSION.as_bytes());
    for chunk in entries.chunks(CHUNK_ENTRIES) {
        let start = out.len();
        out.extend_from_slice(&[0; CHUNK_HEADER_BYTES]);
        for (path, stamp, file) in chunk {
            let entry = StoredEntryRef {
                path: BytesRef(path),
                size: stamp.size,
                modified_ns: stamp.modified_ns,
                file: Some(file.borrow()),
            };
            out = postcard::to_extend(&entry, out).map_err(std::io::Error::other)?;
        }
        let len = u32::try_from(out.len() - start - CHUNK_HEADER_BYTES)
            .map_err(|_| std::io::Error::other("a chunk of the cache over 4 GiB"))?;
        let count = chunk.len() as u32;
        let checksum = chunk_checksum(&out[start + CHUNK_HEADER_BYTES..], count, len);
        out[start..start + 4].copy_from_slice(&count.to_le_bytes());
        out[start + 4..start + 8].copy_from_slice(&len.to_le_bytes());
        out[start + 8..start + 16].copy_from_slice(&checksum.to_le_bytes());
    }
    Ok(out)
}

/// The checksum of one chunk: its bytes, seeded with its header's count and length so
/// a flipped bit there is caught too.
fn chunk_checksum(bytes: &[u8], entries: u32, len: u32) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(bytes, (u64::from(entries) << 32) | u64::from(len))
}

/// The entries of one chunk, or `None` when its checksum or contents are wrong.
fn decode_chunk(mut bytes: &[u8], entries: u32, checksum: u64) -> Option<Vec<StoredEntry>> {
    let len = u32::try_from(bytes.len()).ok()?;
    if chunk_checksum(bytes, entries, len) != checksum {
        return None;
    }
    // The caller checked `entries <= CHUNK_ENTRIES`; each entry takes at least a few
    // bytes, so a wrong count cannot reserve more than the chunk could hold either.
    let mut out = Vec::with_capacity((entries as usize).min(bytes.len() / 4));
    for _ in 0..entries {
        let (entry, rest) = postcard::take_from_bytes::<StoredEntry>(bytes).ok()?;
        out.push(entry);
        bytes = rest;
    }
    let sorted = out.windows(2).all(|w| w[0].path.0 < w[1].path.0);
    (bytes.is_empty() && sorted).then_some(out)
}

/// Reads exactly `buf.len()` bytes, counting them off `remaining`; `None` on a short file.
fn read_exact(file: &mut fs::File, buf: &mut [u8], remaining: &mut u64) -> Option<()> {
    use std::io::Read as _;
    *remaining = remaining.checked_sub(buf.len() as u64)?;
    file.read_exact(buf).ok()
}

/// The platform cache dir for shelf, or `$SHELF_CACHE_DIR` when set and not empty;
/// none when `$SHELF_NO_CACHE` is set.
pub fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os(NO_CACHE_ENV).is_some_and(|v| !v.is_empty()) {
        return None;
    }
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "shelf").map(|d| d.cache_dir().to_path_buf()),
    }
}

/// A cursor over bytes that fails instead of reading past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// One entry as written (borrowing); the same layout as [`StoredEntry`].
#[derive(Serialize)]
struct StoredEntryRef<'a> {
    path: BytesRef<'a>,
    size: u64,
    modified_ns: i128,
    file: Option<&'a CachedFile>,
}

/// One entry as read (`file` is always there in the file; [`MetadataCache::take`]
/// leaves `None` behind).
#[derive(Debug, Deserialize)]
struct StoredEntry {
    path: Bytes,
    size: u64,
    modified_ns: i128,
    file: Option<CachedFile>,
}

impl StoredEntry {
    fn stamp(&self) -> Stamp {
        Stamp {
            size: self.size,
            modified_ns: self.modified_ns,
        }
    }
}

/// Bytes written as one length-prefixed blob (serde's default is one item per byte).
struct BytesRef<'a>(&'a [u8]);

impl Serialize for BytesRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// Owned bytes read from one blob.
#[derive(Debug)]
struct Bytes(Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        deserializer.deserialize_byte_buf(Visitor)
    }
}

/// A path's bytes for hashing roots: exact on Unix, lossy elsewhere.
fn path_bytes(path: &Path) -> Vec<u8> {
    match path_key(path) {
        Some(bytes) => bytes.to_vec(),
        None => path.to_string_lossy().into_owned().into_bytes(),
    }
}

/// A path's exact bytes, the key of its entry; `None` where they cannot be kept
/// (non-UTF-8 off Unix: such a file is never cached).
#[cfg(unix)]
fn path_key(path: &Path) -> Option<&[u8]> {
    use std::os::unix::ffi::OsStrExt as _;
    Some(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_key(path: &Path) -> Option<&[u8]> {
    path.to_str().map(str::as_bytes)
}

/// [`PostDate`] as plain numbers: days from the common era, the time as seconds from
/// midnight and nanoseconds, the offset in seconds east of UTC.
type StoredDate = (i32, Option<(u32, u32)>, Option<i32>, u8);

fn serialize_date_source<S: Serializer>(source: &DateSource, s: S) -> Result<S::Ok, S::Error> {
    let stored: u8 = match source {
        DateSource::Field => 0,
        DateSource::FileName => 1,
        DateSource::Folder => 2,
        DateSource::None => 3,
    };
    stored.serialize(s)
}

fn deserialize_date_source<'de, D: Deserializer<'de>>(d: D) -> Result<DateSource, D::Error> {
    Ok(match u8::deserialize(d)? {
        0 => DateSource::Field,
        1 => DateSource::FileName,
        2 => DateSource::Folder,
        3 => DateSource::None,
        _ => return Err(serde::de::Error::custom("invalid date source")),
    })
}

fn serialize_date<S: Serializer>(date: &Option<PostDate>, s: S) -> Result<S::Ok, S::Error> {
    let stored: Option<StoredDate> = date.map(|d| {
        (
            d.date.num_days_from_ce(),
            d.time
                .map(|t| (t.num_seconds_from_midnight(), t.nanosecond())),
            d.offset.map(|o| o.local_minus_utc()),
            match d.precision {
                Precision::Day => 0,
                Precision::Month => 1,
                Precision::Year => 2,
            },
        )
    });
    stored.serialize(s)
}

fn deserialize_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PostDate>, D::Error> {
    let invalid = || serde::de::Error::custom("invalid date");
    let Some((days, time, offset, precision)) = Option::<StoredDate>::deserialize(d)? else {
        return Ok(None);
    };
    let date = NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(invalid)?;
    let time = match time {
        Some((secs, nano)) => {
            Some(NaiveTime::from_num_seconds_from_midnight_opt(secs, nano).ok_or_else(invalid)?)
        }
        None => None,
    };
    let offset = match offset {
        Some(secs) => Some(FixedOffset::east_opt(secs).ok_or_else(invalid)?),
        None => None,
    };
    let precision = match precision {
        0 => Precision::Day,
        1 => Precision::Month,
        2 => Precision::Year,
        _ => return Err(invalid()),
    };
    Ok(Some(PostDate {
        date,
        time,
        offset,
        precision,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post_file(n: usize) -> CachedFile {
        CachedFile {
            post: Some(CachedPost {
                title: format!("Post number {n}: 日本語のタイトル"),
                authors: vec!["Ada Lovelace".into(), format!("Author {n}")],
                date: Some(PostDate {
                    date: NaiveDate::from_ymd_opt(2019, 3, (n % 28 + 1) as u32).unwrap(),
                    time: n
                        .is_multiple_of(2)
                        .then(|| NaiveTime::from_hms_nano_opt(9, 5, 7, 1234).unwrap()),
                    offset: n
                        .is_multiple_of(3)
                        .then(|| FixedOffset::east_opt(-5 * 3600).unwrap()),
                    precision: if n.is_multiple_of(5) {
                        Precision::Year
                    } else {
                        Precision::Day
                    },
                }),
                tags: vec!["rust".into(), format!("tag-{n}")],
                words: 1000 + n,
                excerpt: "Some words of the body. ".repeat(12),
                date_source: DateSource::Field,
                language: Some("en".into()),
                translation: Some("path:news/x".into()),
                draft: true,
                summary: "A summary".into(),
                fingerprint: 7,
            }),
            problems: if n.is_multiple_of(5) {
                vec![
                    (Some(3), "broken front matter".into()),
                    (None, "no date".into()),
                ]
            } else {
                Vec::new()
            },
        }
    }

    fn stamp(n: usize) -> Stamp {
        Stamp {
            size: 4000 + n as u64,
            modified_ns: 1_700_000_000_000_000_000 + n as i128,
        }
    }

    fn path(n: usize) -> PathBuf {
        PathBuf::from(format!("/archive/posts/{n:05}-a-post.md"))
    }

    /// `n` entries, including a file with no post and one before the epoch.
    fn entries(n: usize) -> Vec<(PathBuf, Stamp, CachedFile)> {
        let mut all: Vec<_> = (0..n).map(|i| (path(i), stamp(i), post_file(i))).collect();
        all.push((
            PathBuf::from("/archive/binary.md"),
            Stamp {
                size: 9,
                modified_ns: -5,
            },
            CachedFile {
                post: None,
                problems: vec![(None, "not text".into())],
            },
        ));
        all
    }

    fn written(n: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("metadata.cache");
        MetadataCache::write(&file, entries(n)).unwrap();
        (dir, file)
    }

    fn assert_empty(bytes: &[u8]) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("metadata.cache");
        fs::write(&file, bytes).unwrap();
        assert!(MetadataCache::read(&file).is_empty());
    }

    #[test]
    fn round_trip_keeps_every_entry() {
        // More than one chunk, so the chunked layout is exercised.
        let n = CHUNK_ENTRIES * 2 + 17;
        let (_dir, file) = written(n);
        let cache = MetadataCache::read(&file);
        assert_eq!(cache.len(), n + 1);
        for (path, stamp, expected) in entries(n) {
            assert_eq!(
                cache.get(&path, stamp),
                Some(&expected),
                "{}",
                path.display()
            );
        }
    }

    #[test]
    fn round_trip_on_one_thread_and_on_many() {
        // One thread decodes all but the first chunk inline; eight hand most out.
        let n = CHUNK_ENTRIES * 5 + 3;
        let (_dir, file) = written(n);
        for threads in [1, 8] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let cache = pool.install(|| MetadataCache::read(&file));
            assert_eq!(cache.len(), n + 1, "{threads} threads");
            for (path, stamp, expected) in entries(n).into_iter().step_by(101) {
                assert_eq!(cache.get(&path, stamp), Some(&expected));
            }
        }
    }

    #[test]
    fn a_path_whose_hash_another_path_holds_is_still_found() {
        let (_dir, file) = written(50);
        let mut cache = MetadataCache::read(&file);
        // As if path 7's xxh3 were path 8's: the probe lands on the wrong entry.
        let key = xxhash_rust::xxh3::xxh3_64(path_key(&path(7)).unwrap());
        let other = cache.find(&path(8)).unwrap();
        cache.index.insert(key, (other.0 as u32, other.1 as u32));
        assert_eq!(cache.get(&path(7), stamp(7)), Some(&post_file(7)));
        assert_eq!(cache.get(&path(8), stamp(8)), Some(&post_file(8)));
    }

    #[test]
    fn a_post_comes_back_whole() {
        let original = Post {
            id: "posts/one".into(),
            path: PathBuf::from("/a/posts/one.md"),
            source: Source::File,
            title: "One".into(),
            authors: vec!["Ada".into()],
            date: None,
            tags: vec!["x".into()],
            words: 3,
            excerpt: "one two three".into(),
            ..Post::default()
        };
        let diagnostic = Diagnostic {
            path: original.path.clone(),
            line: Some(2),
            message: "odd".into(),
        };
        let cached = CachedFile::new(Some(&original), [&diagnostic]);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c");
        let stamp = stamp(1);
        MetadataCache::write(&file, [(&original.path, stamp, &cached)]).unwrap();
        let mut cache = MetadataCache::read(&file);
        let back = cache.take(&original.path, stamp).unwrap();
        assert_eq!(
            back.diagnostics(&original.path).collect::<Vec<_>>(),
            vec![diagnostic]
        );
        let post = back.post.unwrap().into_post(
            original.id.clone(),
            original.path.clone(),
            original.source.clone(),
        );
        assert_eq!(format!("{post:?}"), format!("{original:?}"));
    }

    #[test]
    fn the_last_of_duplicate_paths_wins_in_any_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c");
        let unsorted = [
            (path(9), stamp(9), post_file(9)),
            (path(1), stamp(1), post_file(1)),
            (path(9), stamp(3), post_file(3)),
        ];
        MetadataCache::write(&file, unsorted).unwrap();
        let cache = MetadataCache::read(&file);
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.get(&path(1), stamp(1)), Some(&post_file(1)));
        assert_eq!(cache.get(&path(9), stamp(3)), Some(&post_file(3)));
        assert!(cache.get(&path(9), stamp(9)).is_none());
    }

    #[test]
    fn a_changed_stamp_misses() {
        let (_dir, file) = written(3);
        let mut cache = MetadataCache::read(&file);
        let changed_size = Stamp {
            size: stamp(1).size + 1,
            ..stamp(1)
        };
        let changed_time = Stamp {
            modified_ns: stamp(1).modified_ns + 1,
            ..stamp(1)
        };
        assert!(cache.get(&path(1), changed_size).is_none());
        assert!(cache.get(&path(1), changed_time).is_none());
        assert!(cache.get(Path::new("/archive/new.md"), stamp(1)).is_none());
        assert!(cache.take(&path(1), changed_time).is_none());
        // A mismatched take drops the stale entry.
        assert!(cache.get(&path(1), stamp(1)).is_none());
        assert!(cache.take(&path(2), stamp(2)).is_some());
        assert!(cache.take(&path(2), stamp(2)).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_path_that_is_not_utf8_is_kept() {
        use std::os::unix::ffi::OsStrExt as _;
        let odd = PathBuf::from(std::ffi::OsStr::from_bytes(b"/archive/caf\xe9.md"));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c");
        MetadataCache::write(&file, [(&odd, stamp(0), post_file(0))]).unwrap();
        assert_eq!(
            MetadataCache::read(&file).get(&odd, stamp(0)),
            Some(&post_file(0))
        );
    }

    #[test]
    fn a_missing_file_reads_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(MetadataCache::read(&dir.path().join("absent")).is_empty());
        // A directory where the file should be.
        assert!(MetadataCache::read(dir.path()).is_empty());
    }

    #[test]
    fn an_empty_or_zero_filled_file_reads_empty() {
        assert_empty(b"");
        assert_empty(&[0; 10]);
        assert_empty(&[0; 100_000]);
    }

    #[test]
    fn every_truncation_reads_empty() {
        let (_dir, file) = written(20);
        let bytes = fs::read(&file).unwrap();
        for len in (0..bytes.len()).step_by(7).chain([bytes.len() - 1]) {
            assert_empty(&bytes[..len]);
        }
    }

    /// Where the first chunk's header starts.
    const FIRST_CHUNK: usize = HEAD_BYTES + SHELF_VERSION.len();

    #[test]
    fn a_corrupt_byte_anywhere_reads_empty() {
        let (_dir, file) = written(20);
        let bytes = fs::read(&file).unwrap();
        let places = [
            0,                // magic
            9,                // format version
            13,               // entry count
            21,               // length of the shelf version
            HEAD_BYTES + 1,   // the shelf version
            FIRST_CHUNK + 1,  // the chunk's entry count
            FIRST_CHUNK + 5,  // its length
            FIRST_CHUNK + 9,  // its checksum
            FIRST_CHUNK + 16, // its first entry
            bytes.len() / 2,
            bytes.len() - 1,
        ];
        for at in places {
            for flip in [0x01, 0x40, 0x80] {
                let mut corrupt = bytes.clone();
                corrupt[at] ^= flip;
                assert_empty(&corrupt);
            }
        }
    }

    #[test]
    fn a_huge_count_or_length_reads_empty() {
        let (_dir, file) = written(3);
        let bytes = fs::read(&file).unwrap();
        // The entry count, the version's length, a chunk's count and length: each
        // claims far more than there is.
        for (at, width) in [(12, 8), (20, 4), (FIRST_CHUNK, 4), (FIRST_CHUNK + 4, 4)] {
            let mut huge = bytes.clone();
            huge[at..at + width].fill(0xff);
            assert_empty(&huge);
        }
        // A chunk claiming more entries than a chunk is written with, checksum right.
        let mut many = bytes.clone();
        let count = CHUNK_ENTRIES as u32 + 1;
        let start = FIRST_CHUNK + CHUNK_HEADER_BYTES;
        let len = (bytes.len() - start) as u32;
        let checksum = chunk_checksum(&bytes[start..], count, len);
        many[FIRST_CHUNK..FIRST_CHUNK + 4].copy_from_slice(&count.to_le_bytes());
        many[FIRST_CHUNK + 8..start].copy_from_slice(&checksum.to_le_bytes());
        assert_empty(&many);
    }

    #[test]
    fn another_format_or_shelf_version_reads_empty() {
        let (_dir, file) = written(3);
        let bytes = fs::read(&file).unwrap();
        let mut other_format = bytes.clone();
        other_format[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_empty(&other_format);

        // The same entries written by another shelf version of the same length.
        let mut other_shelf = bytes.clone();
        other_shelf[HEAD_BYTES] = other_shelf[HEAD_BYTES].wrapping_add(1);
        assert_empty(&other_shelf);

        // Someone else's file.
        assert_empty(b"SQLite format 3\0 and more bytes that are not ours at all");
    }

    #[test]
    fn a_checksummed_but_undecodable_chunk_reads_empty() {
        let mut bytes = encode(entries(2)).unwrap();
        let start = FIRST_CHUNK + CHUNK_HEADER_BYTES;
        // Scramble the entries but keep the checksum right: decoding must fail safely.
        bytes[start..].fill(0xff);
        let len = (bytes.len() - start) as u32;
        let checksum = chunk_checksum(&bytes[start..], 3, len);
        bytes[FIRST_CHUNK + 8..start].copy_from_slice(&checksum.to_le_bytes());
        assert_empty(&bytes);
    }

    #[test]
    fn a_file_cut_between_chunks_reads_empty() {
        let (_dir, file) = written(CHUNK_ENTRIES + 5);
        let bytes = fs::read(&file).unwrap();
        let first_len =
            u32::from_le_bytes(bytes[FIRST_CHUNK + 4..FIRST_CHUNK + 8].try_into().unwrap());
        let second = FIRST_CHUNK + CHUNK_HEADER_BYTES + first_len as usize;
        assert_eq!(MetadataCache::read(&file).len(), CHUNK_ENTRIES + 6);
        assert_empty(&bytes[..second]);
    }

    #[test]
    fn random_garbage_reads_empty() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in [1, 8, 35, 36, 37, 100, 4096, 100_000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state as u8
                })
                .collect();
            assert_empty(&bytes);
            // Garbage behind a valid magic and format.
            let mut framed = MAGIC.to_vec();
            framed.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
            framed.extend_from_slice(&bytes);
            assert_empty(&framed);
        }
    }

    #[test]
    fn write_replaces_the_file_by_rename() {
        let (dir, file) = written(3);
        #[cfg(unix)]
        let before = {
            use std::os::unix::fs::MetadataExt as _;
            fs::metadata(&file).unwrap().ino()
        };
        // A temp file a crashed writer left behind does not matter.
        fs::write(dir.path().join(".metadata-crashed.tmp"), b"half a cache").unwrap();
        MetadataCache::write(&file, [(path(7), stamp(7), post_file(7))]).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            assert_ne!(fs::metadata(&file).unwrap().ino(), before, "not replaced");
        }
        let cache = MetadataCache::read(&file);
        assert_eq!(cache.len(), 1);
        assert_eq!(cache.get(&path(7), stamp(7)), Some(&post_file(7)));
        // Nothing of ours is left besides the cache and the crashed writer's file.
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".metadata-crashed.tmp", "metadata.cache"]);
    }

    #[test]
    fn write_creates_a_missing_cache_dir() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/metadata.cache");
        MetadataCache::write(&file, entries(1)).unwrap();
        assert_eq!(MetadataCache::read(&file).len(), 2);
    }

    #[test]
    fn a_dir_that_cannot_be_made_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("a-file");
        fs::write(&blocker, b"").unwrap();
        let file = blocker.join("metadata.cache");
        assert!(MetadataCache::write(&file, entries(1)).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_dir_is_an_error() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("ro");
        fs::create_dir(&cache_dir).unwrap();
        fs::set_permissions(&cache_dir, fs::Permissions::from_mode(0o555)).unwrap();
        // root writes anywhere: only check the error where permissions apply.
        let enforced = fs::write(cache_dir.join("probe"), b"").is_err();
        let result = MetadataCache::write(&cache_dir.join("metadata.cache"), entries(1));
        fs::set_permissions(&cache_dir, fs::Permissions::from_mode(0o755)).unwrap();
        if enforced {
            assert!(result.is_err());
        }
    }

    #[test]
    fn location_depends_on_the_set_of_roots_only() {
        let base = tempfile::tempdir().unwrap();
        let (a, b) = (base.path().join("a"), base.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        let cache = Path::new("/cache");
        let ab = MetadataCache::location(cache, &[a.clone(), b.clone()]);
        assert_eq!(ab.parent(), Some(cache));
        assert_eq!(ab, MetadataCache::location(cache, &[b.clone(), a.clone()]));
        assert_eq!(
            ab,
            MetadataCache::location(cache, &[a.join("../b"), a.clone(), a.clone()])
        );
        assert_ne!(ab, MetadataCache::location(cache, std::slice::from_ref(&a)));
        assert_ne!(
            MetadataCache::location(cache, &[a]),
            MetadataCache::location(cache, &[b])
        );
    }

    #[test]
    fn stamp_of_a_real_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("post.md");
        fs::write(&file, b"hello").unwrap();
        let stamp = Stamp::of(&fs::metadata(&file).unwrap()).unwrap();
        assert_eq!(stamp.size, 5);
        assert!(stamp.modified_ns > 0);
    }
}
