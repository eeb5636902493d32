//! Loading archives: the seeds, the hard cases on fixtures, and the real corpora
//! (ignored; CI runs them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cache;
mod cases;
mod discovery;
mod real;
mod seeds;
