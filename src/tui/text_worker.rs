//! The thread that holds the archive's full-text index: once the whole archive is in,
//! it opens the index (bringing it up to date, or building it, reading bodies on this
//! thread, never the UI's), saying how far it is, then answers full-text searches, the
//! newest of those waiting first. Searches asked while the index is built wait for it.
//!
//! [`Indexed::answer`] is also what a host without threads calls in place.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::event::Event;
use crate::app::{TextFound, TextLine, TextRequest};
use crate::fulltext::FullText;
use crate::index::{Hit, Library};

/// Hits asked of the index for one search: more than a screen, few enough to stay
/// quick; the facets then filter them.
pub const TEXT_HITS: usize = 500;

/// How often progress is reported while the index is built.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// An index with the library its answers are mapped onto (and its hits' lines read from).
pub struct Indexed {
    full: FullText,
    library: Arc<Library>,
    ids: HashMap<String, u32>,
}

impl std::fmt::Debug for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Indexed")
            .field("posts", &self.ids.len())
            .finish_non_exhaustive()
    }
}

impl Indexed {
    /// The index of `library`'s archive (`archive`, as `store::archive_key` names it):
    /// opened and brought up to date, or built; in memory when `in_ram` or there is no
    /// cache dir.
    pub fn open(
        library: Arc<Library>,
        archive: &str,
        in_ram: bool,
        progress: &dyn Fn(usize, usize),
    ) -> Result<Indexed, crate::fulltext::FullTextError> {
        let posts = &library.corpus.posts;
        let full = if in_ram {
            FullText::build_in_ram(posts, progress)?
        } else {
            FullText::for_archive(archive, posts, progress)?
        };
        let ids = posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i as u32))
            .collect();
        Ok(Indexed { full, library, ids })
    }

    /// Searches; the hits are the library's posts, best first, each with its line.
    pub fn answer(&self, request: TextRequest) -> TextFound {
        let mut found = TextFound {
            generation: request.generation,
            text: request.text,
            ..TextFound::default()
        };
        let posts = &self.library.corpus.posts;
        let post = |id: &str| self.ids.get(id).and_then(|&i| posts.get(i as usize));
        match self.full.search(&found.text, TEXT_HITS, &post) {
            Ok(hits) => {
                let mut ranked = Vec::with_capacity(hits.len());
                for hit in hits {
                    let Some(&post) = self.ids.get(&hit.id) else {
                        continue;
                    };
                    ranked.push(Hit {
                        post,
                        // BM25 in thousandths: the order is what counts.
                        score: (f64::from(hit.score) * 1000.0) as i64,
                    });
                    found.lines.insert(
                        post,
                        TextLine {
                            line: hit.line,
                            highlights: hit.highlights,
                        },
                    );
                }
                found.hits = Arc::new(ranked);
            }
            Err(e) => found.error = Some(e.to_string()),
        }
        found
    }
}

/// Work for the full-text worker.
#[derive(Debug)]
pub enum TextJob {
    /// The whole archive is in: open or build its index (archive key given).
    Index(Arc<Library>, String),
    /// A full-text search.
    Search(TextRequest),
}

/// Starts the worker; returns its inbox.
pub fn spawn(events: Sender<Event>) -> Sender<TextJob> {
    let (tx, rx) = mpsc::channel::<TextJob>();
    thread::spawn(move || {
        let mut indexed: Option<Indexed> = None;
        let mut failed: Option<String> = None;
        let mut waiting: Option<TextRequest> = None;
        while let Ok(first) = rx.recv() {
            let mut jobs = vec![first];
            jobs.extend(rx.try_iter());
            for job in jobs {
                match job {
                    TextJob::Index(library, archive) => {
                        let last = std::cell::Cell::new(Instant::now());
                        let progress = |done: usize, total: usize| {
                            if last.get().elapsed() >= PROGRESS_EVERY {
                                last.set(Instant::now());
                                let _ = events.send(Event::TextIndexing(Some((done, total))));
                            }
                        };
                        match Indexed::open(library, &archive, false, &progress) {
                            Ok(index) => indexed = Some(index),
                            Err(e) => failed = Some(format!("no full-text search: {e}")),
                        }
                        if events.send(Event::TextIndexing(None)).is_err() {
                            return;
                        }
                    }
                    // Only the newest search is answered.
                    TextJob::Search(request) => waiting = Some(request),
                }
            }
            let found = match (indexed.as_ref(), &failed, waiting.take()) {
                (Some(index), _, Some(request)) => index.answer(request),
                // The index could not be made: say so rather than wait for ever.
                (None, Some(why), Some(request)) => TextFound {
                    generation: request.generation,
                    text: request.text,
                    error: Some(why.clone()),
                    ..TextFound::default()
                },
                (None, None, Some(request)) => {
                    waiting = Some(request);
                    continue;
                }
                (_, _, None) => continue,
            };
            if events.send(Event::TextFound(Box::new(found))).is_err() {
                return;
            }
        }
    });
    tx
}
