//! The browser's state and behaviour, pure: [`App`] (the state), [`Action`] (what can
//! happen), [`update`] (applies an action, does no I/O and nothing slow, and returns
//! [`Effect`]s for the runtime), the [`keymap`] of the keys in force, which `input`
//! uses to turn keys into actions and which writes the help, and `settings`, which
//! starts an app with the config's choices.
//!
//! One file per concern, each depending only on those below it:
//! `update` dispatches to `search` (the list's query), `facets` (the panes),
//! `reader` (links and in-post search), `render` (which rendering the screen needs),
//! `full_text` (the search box's full-text mode), `memory` (marks, the reader's
//! places, the session), `pointer` (focus and mouse),
//! `text_box` (the editing keys of the one-line boxes);
//! `remap` moves what is kept by index over to a newer
//! library while the archive streams in; all of them measure the screen with `viewport`,
//! which places regions with `geometry`; `state` is the data, `cache` the rendered
//! posts, `work` what workers are asked to do, `action` the messages in and out.
//!
//! Drawing (in `ui`) only reads this state; this module never imports `ui`.

pub mod action;
pub mod cache;
pub mod facets;
pub mod full_text;
pub mod geometry;
pub mod input;
pub mod keymap;
pub mod memory;
pub mod pointer;
pub mod reader;
pub mod remap;
pub mod render;
pub mod scroll;
pub mod search;
pub mod settings;
pub mod state;
pub mod text_box;
pub mod text_search;
pub mod update;
pub mod viewport;
pub mod work;

pub use action::{Action, Effect, Outcome, Remembered, Save};
pub use cache::{CachedRender, RenderKey};
pub use input::action_for_event;
pub use scroll::ScrollState;
pub use state::{App, FacetPane, Focus, LoadProgress, ReaderState, Screen, TextMatch};
pub use text_search::{TextFound, TextLine, TextRequest};
pub use update::update;
pub use viewport::Hyperlink;
pub use work::{FindRequest, FindResult, RenderRequest};
