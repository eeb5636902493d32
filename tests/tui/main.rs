//! The browser: scripted whole-app runs and snapshots on a TestBackend, the real
//! binary in a pseudo-terminal, the real corpora (ignored; CI runs them), and the SVG
//! screenshots in `screenshots/`, kept in step with the app.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod app_script;
mod corpora_ui;
mod e2e_pty;
mod full_text;
mod harness;
mod memory;
mod related;
mod screenshots;
mod svg;
mod themes;
mod timeline;
mod ui_snapshots;
