//! Loading a post collection: discover files, split front matter, normalise each
//! file into a [`Post`], and collect [`Diagnostic`]s instead of failing.
//!
//! Nothing here touches the terminal. The only I/O is reading the files asked for.
//!
//! One file per concept: `discover` walks, `decode` turns bytes into text,
//! `front_matter` splits YAML/TOML/none (recovering broken front matter), `fields` is the
//! untyped value with case-insensitive keys, `title`, `authors`, `dates` and `tags` hold
//! the normalisation rules, `load` reads in parallel and `bundled` is the embedded archive.

mod authors;
mod bundled;
mod dates;
mod decode;
mod discover;
mod fields;
mod front_matter;
mod load;
mod post;
mod tags;
mod title;

use std::path::PathBuf;

pub use bundled::load_bundled;
pub use discover::POST_EXTENSIONS;
pub use load::{LoadEvent, MAX_FILE_BYTES, Outcome, Stamp, load, load_streaming};
pub use post::{Corpus, Diagnostic, Post, PostDate, Source};

/// Loads what the user asked for: the given paths; with none, the configured folders;
/// with none of those, the bundled archive. Both front doors load through this.
pub fn load_requested(paths: &[PathBuf], configured: &[PathBuf]) -> Corpus {
    if !paths.is_empty() {
        load(paths)
    } else if !configured.is_empty() {
        load(configured)
    } else {
        load_bundled()
    }
}
