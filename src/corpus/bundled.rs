//! The bundled archive: the repository's `content/` folder, embedded in the binary at build
//! time so `shelf` opens it from any folder with no path given.

use include_dir::{Dir, include_dir};

use super::discover::is_post_file;
use super::load::{MAX_FILE_BYTES, build_post, finish};
use super::post::{Corpus, Source};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Loads the embedded archive. Paths are `content/<file name>`, ids the file stems,
/// sources [`Source::Embedded`].
pub fn load_bundled() -> Corpus {
    let mut posts = Vec::new();
    let mut diagnostics = Vec::new();
    let mut files = 0;
    for file in CONTENT.files().filter(|f| is_post_file(f.path())) {
        files += 1;
        let relative = file
            .path()
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let id = file
            .path()
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = file.contents();
        let cap = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
        posts.extend(build_post(
            id,
            std::path::Path::new("content").join(file.path()),
            Source::Embedded(bytes),
            &relative,
            bytes.get(..cap).unwrap_or(bytes).to_vec(),
            &mut diagnostics,
        ));
    }
    finish(posts, diagnostics, files)
}
