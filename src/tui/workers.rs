//! The threads that answer the app's effects, so no key waits for a search, a file or
//! a render: one search worker and one render worker, each of which, when requests
//! queue up behind a running one, skips to the newest (only the newest is shown). A
//! search that ranks many posts is answered twice: the posts found, then their ranking.
//!
//! [`render_all`] is also what a host without threads calls in place.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use super::event::{Event, RenderDone};
use crate::app::render::{PREVIEW_BYTES, opening};
use crate::app::work::see_also;
use crate::app::{FindRequest, RenderRequest};
use crate::index::{SearchRequest, request};
use crate::markdown::{self, Rendered, post_view};

/// Reads and renders a post, handing each part to `emit` as it is ready: for a long
/// post in the reader first its opening, then the whole; otherwise one part. The
/// whole post in the reader ends with its related posts, found here, off the UI
/// thread (after a long post's opening is sent, so that shows at once).
pub fn render(request: &RenderRequest, emit: &mut dyn FnMut(RenderDone) -> bool) {
    let key = request.key;
    let part = |rendered: Rendered, complete: bool| RenderDone {
        epoch: request.epoch,
        key,
        rendered: Arc::new(rendered),
        complete,
    };
    let body = match request.post.read_body() {
        Ok(body) => body,
        Err(e) => {
            let text = format!("*This post could not be read:* {e}");
            emit(part(
                post_view::compose(&request.post, &text, None, key.width),
                true,
            ));
            return;
        }
    };
    let stand_in = body.stand_in.as_ref();
    let compose = |text: &str, also: &post_view::SeeAlso| {
        post_view::compose_with(&request.post, text, stand_in, key.width, also)
    };
    let nothing = post_view::SeeAlso::default();
    if !key.whole {
        emit(part(compose(opening(&body.text), &nothing), true));
        return;
    }
    // A long post in the reader: its opening first, so it shows at once.
    if body.text.len() > PREVIEW_BYTES && !emit(part(compose(opening(&body.text), &nothing), false))
    {
        return;
    }
    let also = see_also(&request.library, key.post);
    emit(part(compose(&body.text, &also), true));
}

/// [`render`] in place: every part, in order.
pub fn render_all(request: &RenderRequest) -> Vec<RenderDone> {
    let mut parts = Vec::new();
    render(request, &mut |part| {
        parts.push(part);
        true
    });
    parts
}

/// The newest of the requests waiting in `rx` (at least `first`).
fn newest<T>(first: T, rx: &Receiver<T>) -> T {
    let mut request = first;
    while let Ok(newer) = rx.try_recv() {
        request = newer;
    }
    request
}

/// Starts the search worker; returns its inbox.
pub fn spawn_search(events: Sender<Event>) -> Sender<SearchRequest> {
    let (tx, rx) = mpsc::channel::<SearchRequest>();
    thread::spawn(move || {
        let mut waiting = None;
        while let Some(first) = waiting.take().or_else(|| rx.recv().ok()) {
            let request = newest(first, &rx);
            // Where ranking is the slow part, the posts found come first, in date
            // order; the ranked answer follows unless a newer request came meanwhile.
            if let Some(unranked) = request::run_unranked(&request) {
                if events.send(Event::SearchDone(Box::new(unranked))).is_err() {
                    break;
                }
                if let Ok(newer) = rx.try_recv() {
                    waiting = Some(newer);
                    continue;
                }
            }
            let result = request::run(&request);
            if events.send(Event::SearchDone(Box::new(result))).is_err() {
                break;
            }
        }
    });
    tx
}

/// Work for the render worker.
#[derive(Debug)]
pub enum RenderJob {
    /// Read and render a post (boxed: a request carries a whole post).
    Render(Box<RenderRequest>),
    /// Find text in a rendered post.
    Find(FindRequest),
}

/// Starts the render worker; returns its inbox. The syntax highlighter is made
/// ready on a thread of its own meanwhile, so no keystroke pays for loading it.
pub fn spawn_render(events: Sender<Event>) -> Sender<RenderJob> {
    thread::spawn(markdown::warm_up);
    let (tx, rx) = mpsc::channel::<RenderJob>();
    thread::spawn(move || {
        let mut carried: VecDeque<RenderJob> = VecDeque::new();
        loop {
            let first = match carried.pop_front() {
                Some(job) => job,
                None => match rx.recv() {
                    Ok(job) => job,
                    Err(_) => break,
                },
            };
            // Of the jobs waiting, keep the newest rendering and the newest find.
            let mut render_job = None;
            let mut find_job = None;
            let waiting: Vec<RenderJob> = carried.drain(..).chain(rx.try_iter()).collect();
            for job in std::iter::once(first).chain(waiting) {
                match job {
                    RenderJob::Render(r) => render_job = Some(r),
                    RenderJob::Find(f) => find_job = Some(f),
                }
            }
            let mut closed = false;
            if let Some(request) = render_job {
                render(&request, &mut |part| {
                    let complete = part.complete;
                    closed = events.send(Event::Rendered(Box::new(part))).is_err();
                    if closed {
                        return false;
                    }
                    // Between the opening and the whole: a rendering of another post
                    // asked for since goes first (the user moved on).
                    if !complete {
                        for job in rx.try_iter() {
                            let moved_on =
                                matches!(&job, RenderJob::Render(r) if r.key != request.key);
                            carried.push_back(job);
                            if moved_on {
                                return false;
                            }
                        }
                    }
                    true
                });
            }
            if let Some(request) = find_job
                && !closed
            {
                closed = events.send(Event::Found(Box::new(request.run()))).is_err();
            }
            if closed {
                break;
            }
        }
    });
    tx
}
