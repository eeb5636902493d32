//! Loading archives: the seeds, the hard cases and the people rules on fixtures, and
//! the real corpora (ignored; CI runs them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cache;
mod cases;
mod dates;
mod discovery;
mod mixed;
mod people;
mod real;
mod seeds;
