//! Loading a post collection: discover files, split front matter, normalise each
//! file into a [`Post`], and collect [`Diagnostic`]s instead of failing.
//!
//! Nothing here touches the terminal. The only I/O is reading the files asked for.

mod post;

pub use post::{Corpus, Diagnostic, Post, PostDate, Source};
mod stub;
pub use stub::{load, load_bundled};
