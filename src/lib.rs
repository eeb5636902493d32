//! shelf: a terminal browser for archives of blog posts.
//!
//! The map, bottom to top; every arrow points down, none runs back:
//!
//! ```text
//!  cli ─┐   tui ─┐            two front doors: commands, and the terminal session
//!       │        ├──→ ui      draws app state (only reads it)
//!       │        └──→ app     state, actions, pure `update` → effects
//!       ├──→ store · fulltext what shelf remembers (SQLite); the full-text index (tantivy)
//!       ├──→ markdown         post → styled text + numbered links
//!       ├──→ index            facets, query, fuzzy search, sort, the Library
//!       ├──→ corpus           discover, front matter, normalise, diagnostics
//!       └──→ config · text    settings; pure text helpers used by all
//! ```
//!
//! `text`, `corpus`, `index`, `markdown` and `app` are pure: no terminal, no threads.
//! `tui` owns the threads (loader, input, signals, search and render workers) and
//! the terminal; `cli` prints.
#![forbid(unsafe_code)]

#[cfg(test)]
mod architecture;

pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod fulltext;
pub mod index;
pub mod markdown;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
