//! Loading a post collection: discover files, split front matter, normalise each
//! file into a [`Post`], and collect [`Diagnostic`]s instead of failing.
//!
//! Nothing here touches the terminal. The only I/O is reading the files asked for.
//!
//! One file per concept: `discover` walks, `decode` turns bytes into text,
//! `front_matter` splits YAML/TOML/none (recovering broken front matter), `fields` is the
//! untyped value with case-insensitive keys, `title`, `authors`, `dates` and `tags` hold
//! the normalisation rules, `load` reads in parallel, `body` is what reading a post again
//! gives (with a stand-in for an empty body), `bundled` is the embedded archive and
//! `cache` keeps what loading produced per file, so an unchanged archive is not parsed again.

mod authors;
mod body;
mod bundled;
mod cache;
mod dates;
mod decode;
mod discover;
mod fields;
mod front_matter;
mod language;
mod load;
mod post;
mod status;
mod tags;
mod title;

use std::path::PathBuf;

use crate::config::Config;

pub use body::{Body, StandIn};
pub use bundled::load_bundled;
pub use cache::{CACHE_DIR_ENV, CachedFile, CachedPost, MetadataCache, Stamp, cache_dir};
pub use discover::{Discovery, IGNORE_FILES, MAX_RULES_BYTES, POST_EXTENSIONS};
pub use language::LANGUAGE_CODES;
pub use load::{
    LoadEvent, MAX_FILE_BYTES, Outcome, finish_saving, load, load_cached, load_streaming, load_with,
};
pub use post::{Corpus, DateSource, Diagnostic, Post, PostDate, Precision, Source};

/// Loads what the user asked for: the given paths; with none, the configured folders;
/// with none of those, the bundled archive. What the config's `exclude` matches is left
/// out of every folder walked. Both front doors load through this, with the metadata
/// cache in the platform cache dir (or `SHELF_CACHE_DIR`) when there is one.
pub fn load_requested(paths: &[PathBuf], config: &Config) -> Corpus {
    load_requested_with(paths, config, None)
}

/// Like [`load_requested`], reporting progress as [`load_streaming`] does (the bundled
/// archive is read in one step and reports nothing).
pub fn load_requested_streaming(
    paths: &[PathBuf],
    config: &Config,
    on_event: &(dyn Fn(LoadEvent) + Sync),
) -> Corpus {
    load_requested_with(paths, config, Some(on_event))
}

/// The folders (or files) opened for `paths`: those, else the configured folders;
/// none means the bundled archive.
pub fn roots<'a>(paths: &'a [PathBuf], config: &'a Config) -> &'a [PathBuf] {
    if paths.is_empty() {
        &config.folders
    } else {
        paths
    }
}

fn load_requested_with(
    paths: &[PathBuf],
    config: &Config,
    on_event: Option<&(dyn Fn(LoadEvent) + Sync)>,
) -> Corpus {
    let roots = roots(paths, config);
    if roots.is_empty() {
        return load_bundled();
    }
    let discovery = Discovery {
        exclude: config.exclude.clone(),
    };
    load::run(roots, &discovery, on_event, cache_dir().as_deref())
}
