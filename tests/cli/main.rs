//! The command line, run as a user would: the real binary and its output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod commands;
mod config;
mod dates;
mod discovery;
mod query;
mod search;
mod state;
