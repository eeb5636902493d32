//! The browser: scripted whole-app runs and snapshots on a TestBackend, the real
//! binary in a pseudo-terminal, and the real corpora (ignored; CI runs them).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod app_script;
mod corpora_ui;
mod e2e_pty;
mod harness;
mod svg;
mod ui_snapshots;
