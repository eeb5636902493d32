//! The thread that owns the database of what shelf remembers: it opens it while the
//! archive loads, hands the archive's marks to the loader (each library is built with
//! them) and the last session to the app, then writes what the app asks to be saved,
//! one transaction each, so no key waits on the disk. When several sessions wait,
//! only the newest is written; marks and places are all written, in order.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::event::Event;
use crate::app::{Remembered, Save};
use crate::store::{self, MarkBook, Store};

/// The worker's ends: where saves go, where the loader gets the marks, and the thread
/// to wait for at exit (so the last session is written before the process ends).
#[derive(Debug)]
pub struct MemoryWorker {
    /// The worker's inbox.
    pub saves: Sender<Save>,
    /// The archive's marks, once (an empty book when nothing could be read).
    pub book: Receiver<Arc<MarkBook>>,
    /// The thread.
    pub thread: JoinHandle<()>,
}

/// Starts the worker for the archive named `archive`; `fresh` leaves the last session
/// out. What it must say (nothing is saved, a database moved aside) comes with the
/// session, as [`Event::Remembered`].
pub fn spawn(archive: String, fresh: bool, events: Sender<Event>) -> MemoryWorker {
    let (saves, inbox) = mpsc::channel::<Save>();
    let (book_tx, book) = mpsc::channel();
    let thread = thread::spawn(move || {
        let opened = store::db::open_default();
        let mut notices = opened.notices;
        let mut store = opened.store;
        let (marks, session) = match store.as_ref() {
            Some(db) => read(db, &archive, fresh, &mut notices),
            None => (MarkBook::default(), None),
        };
        let positions = marks.positions.clone();
        let _ = book_tx.send(Arc::new(marks));
        let remembered = Remembered {
            session,
            positions,
            notices,
        };
        if events
            .send(Event::Remembered(Box::new(remembered)))
            .is_err()
        {
            return;
        }
        let mut failed = false;
        while let Ok(first) = inbox.recv() {
            // Everything waiting, in order; of the sessions only the newest.
            let mut batch = vec![first];
            batch.extend(inbox.try_iter());
            let newest_session = batch.iter().rposition(|s| matches!(s, Save::Session(_)));
            for (i, save) in batch.into_iter().enumerate() {
                if matches!(save, Save::Session(_)) && Some(i) != newest_session {
                    continue;
                }
                let Some(db) = store.as_mut() else {
                    continue;
                };
                if let Err(e) = write(db, &archive, &save)
                    && !failed
                {
                    // Said once: a full disk would otherwise fill the status bar.
                    failed = true;
                    let _ = events.send(Event::Notice(format!(
                        "{}: could not save: {e}",
                        db.path().display()
                    )));
                }
            }
        }
    });
    MemoryWorker {
        saves,
        book,
        thread,
    }
}

fn read(
    db: &Store,
    archive: &str,
    fresh: bool,
    notices: &mut Vec<String>,
) -> (MarkBook, Option<store::Session>) {
    let marks = db.book(archive).unwrap_or_else(|e| {
        notices.push(format!("{}: marks not read: {e}", db.path().display()));
        MarkBook::default()
    });
    let session = if fresh {
        None
    } else {
        db.session(archive).unwrap_or_else(|e| {
            notices.push(format!(
                "{}: last session not read: {e}",
                db.path().display()
            ));
            None
        })
    };
    (marks, session)
}

fn write(db: &mut Store, archive: &str, save: &Save) -> Result<(), store::StoreError> {
    match save {
        Save::Mark(change) => db.mark(archive, change),
        Save::Position(change) => db.save_position(archive, change),
        Save::Session(session) => db.save_session(archive, session),
    }
}
