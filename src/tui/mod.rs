//! The terminal front door: [`session`] runs the browser on the real terminal (its
//! threads and the [`SystemHost`](session::SystemHost)), [`event_loop`] is the loop
//! generic over the ratatui backend, [`event`] what it waits on, [`workers`] answer searches, renders and finds
//! off the UI thread, [`memory`] owns the database of what shelf remembers, [`text_worker`] the
//! full-text index, [`terminal`] sets the terminal up and restores it, and
//! [`opener`] opens links.

pub mod event;
pub mod event_loop;
pub mod memory;
pub mod opener;
pub mod session;
pub mod terminal;
pub mod text_worker;
pub mod workers;

pub use session::run;
