//! shelf: a terminal browser for archives of blog posts.
//!
//! Data flows one way:
//! files → [`corpus`] (discover, split front matter, normalise, diagnostics)
//! → [`index`] (facets, fuzzy matcher, sort) → [`app`] (state, actions, update)
//! → [`ui`] (widgets draw state) and [`markdown`] (post body → ratatui `Text` + link list).
//!
//! `corpus`, `index`, `markdown` and `sanitize` are pure: no terminal, fully testable.
//! Around them: [`post_view`] (a post's header + body + link list), [`runtime`] (the
//! event loop, generic over the ratatui backend; effects go through its `Host`),
//! [`browse`] (the real terminal session: loader, input, signals, search and render
//! threads), [`terminal`] (set-up and restore), [`opener`] (which links open and how),
//! [`config`], [`cli`] and [`ansi`] (styled output for `shelf show`).
#![forbid(unsafe_code)]

pub mod ansi;
pub mod app;
pub mod browse;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod index;
pub mod markdown;
pub mod opener;
pub mod post_view;
pub mod runtime;
pub mod sanitize;
pub mod terminal;
pub mod ui;
