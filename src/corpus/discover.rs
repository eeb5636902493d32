//! Discovery: walks the files and folders asked for and lists the post files in them.
//!
//! Rules: folders are walked recursively (in parallel, with `jwalk`) and listed in
//! file-name order; post files have one of
//! [`POST_EXTENSIONS`] (any case); hidden files and folders (name starting with `.`) are
//! skipped below the paths given. Symbolic links *inside* a walked folder are never
//! followed (so no loop and nothing outside what was asked is read); a symlinked post file
//! is listed as skipped with a diagnostic. A path given explicitly is taken as the user
//! meant it: followed if it is a symlink, and read whatever its extension if it is a file.
//! Anything that is not a regular file (FIFO, socket, device) is never opened.

use std::path::{Path, PathBuf};

use super::post::Diagnostic;

/// Extensions of post files, compared case-insensitively.
pub const POST_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "txt", "text", "html", "htm", "textile",
];

/// What a discovered post file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A regular file, to be read.
    Regular,
    /// A post-named entry that must not be opened, and why.
    Skip(&'static str),
}

/// One post file found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The path as the walk produced it (the root given, joined with the relative path).
    pub path: PathBuf,
    /// Index of the root (in the paths given) it was found under.
    pub root: usize,
    /// The path relative to the root, `/`-separated, extension kept (the file name for a
    /// file given directly).
    pub relative: String,
    /// Whether it can be read.
    pub kind: Kind,
}

/// True when `path` has a post extension.
pub fn is_post_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.iter().any(|p| e.eq_ignore_ascii_case(p)))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn relative_of(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    // A walked path is the root joined with one name per level: on unix its text is
    // already the names joined by `/`.
    if cfg!(unix) {
        return relative.to_string_lossy().into_owned();
    }
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lists the post files under `roots`. Problems with the roots or folders (missing,
/// unreadable) become diagnostics; they are not post files, so they are not counted.
pub fn discover(roots: &[PathBuf]) -> (Vec<Candidate>, Vec<Diagnostic>) {
    let mut candidates = Vec::new();
    let mut diagnostics = Vec::new();
    for (index, root) in roots.iter().enumerate() {
        let metadata = match std::fs::metadata(root) {
            Ok(metadata) => metadata,
            Err(error) => {
                diagnostics.push(Diagnostic {
                    path: root.clone(),
                    line: None,
                    message: format!("cannot open: {error}"),
                });
                continue;
            }
        };
        if !metadata.is_dir() {
            let relative = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.to_string_lossy().into_owned());
            candidates.push(Candidate {
                path: root.clone(),
                root: index,
                relative,
                kind: if metadata.is_file() {
                    Kind::Regular
                } else {
                    Kind::Skip("not a regular file")
                },
            });
            continue;
        }
        // A pool of its own: jwalk gives up on a busy shared pool, and loading may run
        // beside other rayon work. Hidden entries and files that are not posts are
        // dropped by the threads that read each folder.
        let walk = jwalk::WalkDir::new(root)
            .follow_links(false)
            .skip_hidden(false)
            .sort(true)
            .parallelism(jwalk::Parallelism::RayonNewPool(0))
            .process_read_dir(|depth, _, _, children| {
                if depth.is_none() {
                    return; // the root itself
                }
                children.retain(|child| {
                    child.as_ref().map_or(true, |e| {
                        !is_hidden(&e.file_name)
                            && (e.file_type.is_dir() || is_post_file(Path::new(&e.file_name)))
                    })
                });
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    diagnostics.push(Diagnostic {
                        path: error.path().map_or_else(|| root.clone(), Path::to_path_buf),
                        line: None,
                        message: format!("cannot read folder: {error}"),
                    });
                    continue;
                }
            };
            let file_type = entry.file_type();
            if entry.depth() == 0 || file_type.is_dir() || !is_post_file(&entry.path()) {
                continue;
            }
            let kind = if file_type.is_file() {
                Kind::Regular
            } else if file_type.is_symlink() {
                Kind::Skip("symbolic link inside a folder, not followed")
            } else {
                Kind::Skip("not a regular file")
            };
            let path = entry.path();
            candidates.push(Candidate {
                relative: relative_of(&path, root),
                path,
                root: index,
                kind,
            });
        }
    }
    (candidates, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_extensions_any_case() {
        for name in ["a.md", "a.MD", "b.Markdown", "c.htm", "d.TEXTILE", "e.txt"] {
            assert!(is_post_file(Path::new(name)), "{name}");
        }
        for name in ["a.rb", "a", "a.png", "md"] {
            assert!(!is_post_file(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn walk_lists_posts_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("blog/2009/11/15/slug")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("blog/2009/11/15/slug/index.html"), "x").unwrap();
        std::fs::write(root.join("a.md"), "x").unwrap();
        std::fs::write(root.join(".hidden.md"), "x").unwrap();
        std::fs::write(root.join(".git/x.md"), "x").unwrap();
        std::fs::write(root.join("image.png"), "x").unwrap();
        let (found, diagnostics) = discover(&[root.to_path_buf()]);
        let relative: Vec<&str> = found.iter().map(|c| c.relative.as_str()).collect();
        assert_eq!(relative, ["a.md", "blog/2009/11/15/slug/index.html"]);
        assert!(found.iter().all(|c| c.kind == Kind::Regular));
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn a_file_given_directly_is_read_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.rst");
        std::fs::write(&file, "x").unwrap();
        let (found, _) = discover(std::slice::from_ref(&file));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].relative, "notes.rst");
    }

    #[test]
    fn a_missing_root_is_a_diagnostic_not_a_file() {
        let (found, diagnostics) = discover(&[PathBuf::from("/definitely/not/here")]);
        assert!(found.is_empty());
        assert_eq!(diagnostics.len(), 1);
    }
}
