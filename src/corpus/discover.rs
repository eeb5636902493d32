//! Discovery: walks the files and folders asked for and lists the post files in them.
//!
//! Rules:
//!
//! - Folders are walked recursively (in parallel, with `jwalk`) and listed in file-name
//!   order; post files have one of [`POST_EXTENSIONS`] (any case).
//! - Hidden files and folders (name starting with `.`) are skipped below the paths given.
//! - Symbolic links *inside* a walked folder are never followed (so no loop and nothing
//!   outside what was asked is read); a symlinked post file is listed as skipped with a
//!   diagnostic. Anything that is not a regular file (FIFO, socket, device) is never
//!   opened.
//! - Ignore files, as ripgrep and fd read them: a `.gitignore`, `.ignore` or `.shelfignore`
//!   ([`IGNORE_FILES`]) in a walked folder holds gitignore lines (globs, `!` to take a
//!   file back, `/` to anchor, a trailing `/` for folders only) for that folder and
//!   everything below it. A deeper folder's rules win over its parents'; within one
//!   folder `.shelfignore` wins over `.ignore`, which wins over `.gitignore`. Unlike
//!   ripgrep's default, `.gitignore` is honoured whether or not the archive is a git
//!   repository (an archive copied out of one keeps meaning the same), and only the
//!   ignore files inside the folder given are read: none from its parents, nor git's
//!   global excludes, so an archive lists the same posts wherever it sits. An ignore
//!   file is read like a post (only if it is a regular file, never through a symlink,
//!   at most [`MAX_RULES_BYTES`]); a rule that is not a valid glob is reported and left
//!   out, and so are rules with inner wildcards past [`MAX_WILDCARD_RULES`] in one
//!   folder (the only rules that cost each path checked their number). An ignored
//!   folder is not walked, so nothing under it comes back.
//! - [`Discovery::exclude`] (the config's `exclude`) is read like a `.shelfignore` at the
//!   top of every folder given, and is checked first: what it matches is never listed,
//!   whatever the ignore files say (its own `!` lines only make exceptions to it).
//! - Non-posts at an archive's root: directly in a folder given, `README*`, `SOURCE*`,
//!   `LICENSE*`/`LICENCE*`, `CHANGELOG*` and `CONTRIBUTING*` (any case; the name, or the
//!   name followed by `.`, `-` or `_`) describe the archive and are not posts. Deeper
//!   down they are kept: a `README.md` inside a folder is that folder's page in some
//!   generators (VuePress, GitHub's own rendering), as `index.md` is in Hugo.
//! - A path given explicitly is taken as the user meant it: followed if it is a
//!   symlink, and read whatever its extension (or ignore rules) if it is a file.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use super::post::Diagnostic;

/// Extensions of post files, compared case-insensitively.
pub const POST_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "txt", "text", "html", "htm", "textile",
];

/// The ignore files read in each walked folder, from the weakest to the strongest.
pub const IGNORE_FILES: [&str; 3] = [".gitignore", ".ignore", ".shelfignore"];

/// The most of an ignore file read (a longer one is cut, with a diagnostic).
pub const MAX_RULES_BYTES: u64 = 16 * 1024 * 1024;

/// Most rules with inner wildcards (`a*b.md`, `x?`, `[abc]`, `{a,b}`) kept per folder's
/// ignore files. Names, paths, `*.ext`, `prefix*`, `*suffix` and `dir/**` rules are
/// looked up in hash tables and automata, whatever their number; each rule with an
/// inner wildcard is one more regex every path below the folder is run through (about
/// 80 ns each), so 100k of them would cost every file milliseconds.
pub const MAX_WILDCARD_RULES: usize = 256;

/// Names that are about the archive, not posts in it, when directly in a root folder.
const ROOT_NON_POSTS: &[&str] = &[
    "README",
    "SOURCE",
    "LICENSE",
    "LICENCE",
    "CHANGELOG",
    "CONTRIBUTING",
];

/// What discovery leaves out besides its fixed rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Gitignore lines for every folder walked, relative to that folder (the config's
    /// `exclude`: `drafts/**`, `*.txt`, `/README.md`).
    pub exclude: Vec<String>,
}

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

/// True for a name that describes the archive (`README.md`, `LICENSE-MIT`,
/// `CHANGELOG.txt`) rather than being a post, when directly in a root folder.
pub fn is_root_non_post(name: &std::ffi::OsStr) -> bool {
    let name = name.as_encoded_bytes();
    ROOT_NON_POSTS.iter().any(|word| {
        name.get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word.as_bytes()))
            && matches!(name.get(word.len()), None | Some(b'.' | b'-' | b'_'))
    })
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

/// The ignore rules of one folder, and those of the folders above it.
#[derive(Debug)]
struct Level {
    /// The folder the rules are relative to.
    folder: PathBuf,
    matcher: Gitignore,
    parent: Rules,
}

/// The ignore rules in force in a folder: its own, then its parents' (jwalk clones this
/// into every subfolder it reads).
#[derive(Debug, Clone, Default)]
struct Rules(Option<Arc<Level>>);

impl Level {
    /// What this level's rules say about `path` (under [`Level::folder`]).
    fn says(&self, path: &Path, is_dir: bool) -> Match<()> {
        let Ok(relative) = path.strip_prefix(&self.folder) else {
            return Match::None;
        };
        // The matcher's root is `.`: it is given paths relative to its folder and
        // strips nothing from them.
        match self.matcher.matched(relative, is_dir) {
            Match::None => Match::None,
            Match::Ignore(_) => Match::Ignore(()),
            Match::Whitelist(_) => Match::Whitelist(()),
        }
    }
}

impl Rules {
    fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// True when the deepest rule that matches `path` ignores it.
    fn ignores(&self, path: &Path, is_dir: bool) -> bool {
        let mut level = self.0.as_deref();
        while let Some(current) = level {
            match current.says(path, is_dir) {
                Match::Ignore(()) => return true,
                Match::Whitelist(()) => return false,
                Match::None => level = current.parent.0.as_deref(),
            }
        }
        false
    }
}

/// Reads an ignore file found by the walk, never opening something that is not a
/// regular file nor following a symlink put in its place; at most [`MAX_RULES_BYTES`]
/// (and whether it was cut).
fn read_rules_file(path: &Path) -> std::io::Result<(Vec<u8>, bool)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if !std::fs::symlink_metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(MAX_RULES_BYTES + 1).read_to_end(&mut bytes)?;
    let cut = bytes.len() as u64 > MAX_RULES_BYTES;
    bytes.truncate(usize::try_from(MAX_RULES_BYTES).unwrap_or(usize::MAX));
    Ok((bytes, cut))
}

fn diagnostic(path: &Path, line: Option<usize>, message: String) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line,
        message,
    }
}

/// True when a gitignore line needs a regex of its own: a wildcard that is not a
/// leading `**/`, a trailing `/**`, or a single `*` at the start or the end.
fn has_inner_wildcard(line: &str) -> bool {
    let mut glob = line.trim_end();
    glob = glob.strip_prefix('!').unwrap_or(glob);
    glob = glob.strip_prefix('/').unwrap_or(glob);
    glob = glob.strip_suffix('/').unwrap_or(glob);
    glob = glob.strip_prefix("**/").unwrap_or(glob);
    glob = glob.strip_suffix("/**").unwrap_or(glob);
    let is_meta = |c: char| matches!(c, '*' | '?' | '[' | '{' | '\\');
    let inner = glob
        .strip_prefix('*')
        .or_else(|| glob.strip_suffix('*'))
        .unwrap_or(glob);
    inner.contains(is_meta)
}

/// Adds the lines of `text` (from `from`) to `builder`; a line that is not a valid glob
/// becomes a diagnostic and is left out, and so do rules with inner wildcards past
/// [`MAX_WILDCARD_RULES`] (`wildcards` counts them over the folder's files).
fn add_lines(
    builder: &mut GitignoreBuilder,
    from: &Path,
    text: &str,
    wildcards: &mut usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut dropped = 0;
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if has_inner_wildcard(line) {
            if *wildcards >= MAX_WILDCARD_RULES {
                dropped += 1;
                continue;
            }
            *wildcards += 1;
        }
        if let Err(error) = builder.add_line(None, line) {
            diagnostics.push(diagnostic(
                from,
                Some(number + 1),
                format!("ignore rule left out: {error}"),
            ));
        }
    }
    if dropped > 0 {
        diagnostics.push(diagnostic(
            from,
            None,
            format!(
                "{dropped} ignore rules with inner wildcards left out: at most \
                 {MAX_WILDCARD_RULES} per folder"
            ),
        ));
    }
}

/// The matcher for `builder`'s lines, or `None` (with a diagnostic) when they cannot
/// be compiled together.
fn build(
    builder: &GitignoreBuilder,
    from: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Gitignore> {
    match builder.build() {
        Ok(matcher) if matcher.is_empty() => None,
        Ok(matcher) => Some(matcher),
        Err(error) => {
            diagnostics.push(diagnostic(
                from,
                None,
                format!("ignore rules left out: {error}"),
            ));
            None
        }
    }
}

/// The config's `exclude` lines as rules for the folder `root`; problems are reported
/// on `root` (the config is checked when it is read, so there should be none).
fn exclude_rules(exclude: &[String], root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Rules {
    if exclude.is_empty() {
        return Rules::default();
    }
    let mut builder = GitignoreBuilder::new(".");
    for line in exclude {
        if let Err(error) = builder.add_line(None, line) {
            diagnostics.push(diagnostic(
                root,
                None,
                format!("`exclude` rule left out: {error}"),
            ));
        }
    }
    Rules(build(&builder, root, diagnostics).map(|matcher| {
        Arc::new(Level {
            folder: root.to_path_buf(),
            matcher,
            parent: Rules::default(),
        })
    }))
}

type Entry = jwalk::Result<jwalk::DirEntry<(Rules, ())>>;

/// Reads the ignore files among `children` (the entries of `folder`) and, when there are
/// any rules, puts them in force over `rules`.
fn read_ignore_files(
    folder: &Path,
    children: &[Entry],
    rules: &mut Rules,
    diagnostics: &Mutex<Vec<Diagnostic>>,
) {
    let mut found = Vec::new();
    let mut builder = None;
    let mut wildcards = 0;
    for name in IGNORE_FILES {
        let Some(entry) = children
            .iter()
            .filter_map(|c| c.as_ref().ok())
            .find(|e| e.file_name == name)
        else {
            continue;
        };
        let path = folder.join(name);
        let file_type = entry.file_type;
        if !file_type.is_file() {
            let reason = if file_type.is_symlink() {
                "symbolic link inside a folder, not followed"
            } else {
                "not a regular file"
            };
            found.push(diagnostic(
                &path,
                None,
                format!("ignore file not read: {reason}"),
            ));
            continue;
        }
        match read_rules_file(&path) {
            Ok((bytes, cut)) => {
                if cut {
                    found.push(diagnostic(
                        &path,
                        None,
                        format!(
                            "ignore file longer than {} MiB; only its start was read",
                            MAX_RULES_BYTES / (1024 * 1024)
                        ),
                    ));
                }
                let builder = builder.get_or_insert_with(|| GitignoreBuilder::new("."));
                let text = String::from_utf8_lossy(&bytes);
                add_lines(builder, &path, &text, &mut wildcards, &mut found);
            }
            Err(error) => found.push(diagnostic(
                &path,
                None,
                format!("ignore file not read: {error}"),
            )),
        }
    }
    if let Some(matcher) = builder.and_then(|b| build(&b, folder, &mut found)) {
        *rules = Rules(Some(Arc::new(Level {
            folder: folder.to_path_buf(),
            matcher,
            parent: rules.clone(),
        })));
    }
    if !found.is_empty()
        && let Ok(mut all) = diagnostics.lock()
    {
        all.append(&mut found);
    }
}

/// Lists the post files under `roots`, leaving out what `discovery` and the ignore
/// files exclude. Problems with the roots or folders (missing, unreadable) and with
/// ignore files become diagnostics; they are not post files, so they are not counted.
pub fn discover(roots: &[PathBuf], discovery: &Discovery) -> (Vec<Candidate>, Vec<Diagnostic>) {
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
        let exclude = exclude_rules(&discovery.exclude, root, &mut diagnostics);
        let found = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&found);
        // A pool of its own: jwalk gives up on a busy shared pool, and loading may run
        // beside other rayon work. The threads that read each folder read its ignore
        // files and drop hidden entries, files that are not posts and what is ignored.
        let walk = jwalk::WalkDirGeneric::<(Rules, ())>::new(root)
            .follow_links(false)
            .skip_hidden(false)
            .sort(true)
            .parallelism(jwalk::Parallelism::RayonNewPool(0))
            .process_read_dir(move |depth, folder, rules, children| {
                let Some(depth) = depth else {
                    return; // the root itself
                };
                read_ignore_files(folder, children, rules, &sink);
                let check = !rules.is_empty() || !exclude.is_empty();
                children.retain(|child| {
                    let Ok(entry) = child else {
                        return true;
                    };
                    let name = &entry.file_name;
                    let is_dir = entry.file_type.is_dir();
                    if is_hidden(name)
                        || !(is_dir || is_post_file(Path::new(name)))
                        || (depth == 0 && !is_dir && is_root_non_post(name))
                    {
                        return false;
                    }
                    if !check {
                        return true;
                    }
                    let path = folder.join(name);
                    !exclude.ignores(&path, is_dir) && !rules.ignores(&path, is_dir)
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
        if let Ok(mut found) = found.lock() {
            diagnostics.append(&mut found);
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
        let (found, diagnostics) = discover(&[root.to_path_buf()], &Discovery::default());
        let relative: Vec<&str> = found.iter().map(|c| c.relative.as_str()).collect();
        assert_eq!(relative, ["a.md", "blog/2009/11/15/slug/index.html"]);
        assert!(found.iter().all(|c| c.kind == Kind::Regular));
        assert!(diagnostics.is_empty());
    }

    /// The relative paths `discover` lists under `root` with these exclude lines.
    fn listed(root: &Path, exclude: &[&str]) -> (Vec<String>, Vec<Diagnostic>) {
        let discovery = Discovery {
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        };
        let (found, diagnostics) = discover(&[root.to_path_buf()], &discovery);
        (found.into_iter().map(|c| c.relative).collect(), diagnostics)
    }

    fn write(root: &Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn root_non_posts_by_name() {
        for name in [
            "README.md",
            "readme.txt",
            "README",
            "SOURCE.txt",
            "LICENSE",
            "LICENSE-MIT.md",
            "Licence.txt",
            "CHANGELOG.md",
            "CONTRIBUTING.markdown",
            "changelog_2020.md",
        ] {
            assert!(is_root_non_post(name.as_ref()), "{name}");
        }
        for name in [
            "readmes-i-liked.md",
            "licensed-to-blog.md",
            "sources.md",
            "my-readme.md",
            "index.md",
        ] {
            assert!(!is_root_non_post(name.as_ref()), "{name}");
        }
    }

    #[test]
    fn root_readme_and_source_are_not_posts_but_deeper_ones_are() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "README.md",
            "SOURCE.txt",
            "LICENSE.md",
            "CHANGELOG.md",
            "post.md",
            "guide/README.md",
        ] {
            write(root, file, "x");
        }
        let (found, diagnostics) = listed(root, &[]);
        assert_eq!(found, ["guide/README.md", "post.md"]);
        assert!(diagnostics.is_empty());
        // Given directly, a README is read: the user asked for it.
        let (found, _) = discover(&[root.join("README.md")], &Discovery::default());
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn ignore_files_apply_to_their_folder_and_below_deeper_ones_win() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            ".gitignore",
            "*.txt\n/top-only.md\ndrafts/\n# a comment\n\n",
        );
        write(root, "a.md", "x");
        write(root, "a.txt", "x");
        write(root, "top-only.md", "x");
        write(root, "sub/top-only.md", "x");
        write(root, "drafts/wip.md", "x");
        write(root, "sub/drafts/wip.md", "x");
        // A deeper file takes one back; `.ignore` and `.shelfignore` add their own.
        write(root, "keep/.gitignore", "!keep.txt\n");
        write(root, "keep/keep.txt", "x");
        write(root, "keep/other.txt", "x");
        write(root, "sub/.ignore", "secret.md\n");
        write(root, "sub/secret.md", "x");
        write(root, "sub/deeper/secret.md", "x");
        write(root, "sub/.shelfignore", "private/**\n");
        write(root, "sub/private/x.md", "x");
        write(root, "sub/public.md", "x");
        let (found, diagnostics) = listed(root, &[]);
        assert_eq!(
            found,
            ["a.md", "keep/keep.txt", "sub/public.md", "sub/top-only.md"]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn within_a_folder_shelfignore_beats_ignore_beats_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, ".gitignore", "*.md\n");
        write(root, ".ignore", "!b.md\n!c.md\n");
        write(root, ".shelfignore", "c.md\n");
        for file in ["a.md", "b.md", "c.md"] {
            write(root, file, "x");
        }
        assert_eq!(listed(root, &[]).0, ["b.md"]);
    }

    #[test]
    fn exclude_lines_come_first_and_their_own_negations_are_exceptions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, ".gitignore", "!drafts/forced.md\n");
        for file in [
            "drafts/a.md",
            "drafts/keep.md",
            "drafts/forced.md",
            "notes.txt",
            "deep/notes.txt",
            "post.md",
            "NOTES.md",
            "deep/NOTES.md",
        ] {
            write(root, file, "x");
        }
        let exclude = ["drafts/**", "!drafts/keep.md", "*.txt", "/NOTES.md"];
        let (found, diagnostics) = listed(root, &exclude);
        assert_eq!(found, ["deep/NOTES.md", "drafts/keep.md", "post.md"]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn a_bad_rule_is_reported_with_its_line_and_the_others_still_apply() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, ".gitignore", "a.md\nb{.md\nc.md\n");
        for file in ["a.md", "b{.md", "c.md", "d.md"] {
            write(root, file, "x");
        }
        let (found, diagnostics) = listed(root, &[]);
        assert_eq!(found, ["b{.md", "d.md"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].path, root.join(".gitignore"));
        assert_eq!(diagnostics[0].line, Some(2));
        assert!(diagnostics[0].message.contains("ignore rule left out"));
    }

    #[cfg(unix)]
    #[test]
    fn an_ignore_file_that_is_a_symlink_or_fifo_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "rules", "*.md\n");
        let root = dir.path();
        write(root, "a/post.md", "x");
        write(root, "b/post.md", "x");
        std::os::unix::fs::symlink(outside.path().join("rules"), root.join("a/.gitignore"))
            .unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(root.join("b/.ignore"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
        // Opening the FIFO would block forever; following the link would ignore a/post.md.
        let (found, diagnostics) = listed(root, &[]);
        assert_eq!(found, ["a/post.md", "b/post.md"]);
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ignore file not read: symbolic link inside a folder, not followed",
                "ignore file not read: not a regular file"
            ]
        );
    }

    #[test]
    fn inner_wildcards_are_told_apart_from_what_globset_looks_up() {
        for line in [
            "name.md",
            "/a/b.md",
            "*.txt",
            "drafts/",
            "drafts/**",
            "**/x",
            "x*",
            "*x",
            "!k.md",
        ] {
            assert!(!has_inner_wildcard(line), "{line}");
        }
        for line in [
            "a*b.md", "x?.md", "[ab].md", "{a,b}.md", "a/*/b", "*x*", "\\#x",
        ] {
            assert!(has_inner_wildcard(line), "{line}");
        }
    }

    #[test]
    fn a_hundred_thousand_rules_and_files_in_one_folder_stay_fast() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut rules = String::new();
        for i in 0..100_000 {
            // Names, extensions, folders and inner wildcards: the last are capped.
            match i % 4 {
                0 => rules.push_str(&format!("ignored-{i}.md\n")),
                1 => rules.push_str(&format!("*.ext{i}\n")),
                2 => rules.push_str(&format!("dir{i}/\n")),
                _ => rules.push_str(&format!("x{i}-*.md\n")),
            }
        }
        write(root, ".gitignore", &rules);
        for i in 0..2_000 {
            write(root, &format!("ignored-{}.md", i * 4), "x");
            write(root, &format!("kept-{i}.md"), "x");
        }
        write(root, "x3-wild.md", "x");
        write(root, "x99999-wild.md", "x");
        let started = std::time::Instant::now();
        let (found, diagnostics) = listed(root, &[]);
        // The first wildcard rules apply, those past the cap do not.
        assert_eq!(found.len(), 2_001);
        assert!(found.contains(&"x99999-wild.md".to_string()));
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [format!(
                "{} ignore rules with inner wildcards left out: at most {MAX_WILDCARD_RULES} per folder",
                25_000 - MAX_WILDCARD_RULES
            )]
        );
        // Generous for a debug build on a busy machine; quadratic would be minutes.
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn a_file_given_directly_is_read_whatever_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.rst");
        std::fs::write(&file, "x").unwrap();
        let (found, _) = discover(std::slice::from_ref(&file), &Discovery::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].relative, "notes.rst");
    }

    #[test]
    fn a_missing_root_is_a_diagnostic_not_a_file() {
        let (found, diagnostics) = discover(
            &[PathBuf::from("/definitely/not/here")],
            &Discovery::default(),
        );
        assert!(found.is_empty());
        assert_eq!(diagnostics.len(), 1);
    }
}
