//! What discovery and loading leave out or merge (issue 10, "Duplicates and non-posts"):
//! copies of one file, ignore files, the config's `exclude`, an archive's README and
//! SOURCE.txt, on a tree built at test time (ignore files under `tests/fixtures` would
//! be honoured by git itself), with the symlink guarantees still holding.

use std::path::{Path, PathBuf};

use shelf::corpus::{self, Corpus, Discovery, LoadEvent, load, load_cached, load_with};

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Post paths relative to `root`, in the corpus's order.
fn relative(corpus: &Corpus, root: &Path) -> Vec<String> {
    corpus
        .posts
        .iter()
        .map(|p| {
            p.path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// An archive with one post in three places, one in two, and posts alike but not the
/// same (another length, an empty file twice).
fn archive_with_copies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let three = "---\ntitle: Three places\n---\nThe same talk, filed three times.\n";
    write(root, "events/2014-a/talk.md", three);
    write(root, "events/2013-b/talk.md", three);
    write(root, "archive/talk.md", three);
    let two = "# Twice\n\nbody\n";
    write(root, "x/twice.md", two);
    write(root, "y/twice.txt", two);
    write(root, "z/twice.md", "# Twice\n\nbody\n\n");
    write(root, "events/2013-b/_theme.txt", "");
    write(root, "events/2014-a/_theme.txt", "");
    dir
}

fn assert_copies_merged(corpus: &Corpus, root: &Path) {
    assert_eq!(
        relative(corpus, root),
        [
            "archive/talk.md",
            "events/2013-b/_theme.txt",
            "events/2014-a/_theme.txt",
            "x/twice.md",
            "z/twice.md",
        ]
    );
    // 8 files: 5 posts, 3 copies skipped.
    assert_eq!(
        (corpus.files, corpus.posts.len(), corpus.skipped),
        (8, 5, 3)
    );
    let talk = &corpus.posts[0];
    assert_eq!(
        talk.also_at,
        [
            root.join("events/2013-b/talk.md"),
            root.join("events/2014-a/talk.md")
        ]
    );
    assert_eq!(talk.title, "Three places");
    assert_eq!(corpus.posts[3].also_at, [root.join("y/twice.txt")]);
    // Empty files, and a file one newline longer, are not copies.
    for other in [1, 2, 4] {
        assert!(corpus.posts[other].also_at.is_empty());
    }
    let said: Vec<(PathBuf, &str)> = corpus
        .diagnostics
        .iter()
        .map(|d| (d.path.clone(), d.message.as_str()))
        .collect();
    let talk_message = format!(
        "same content as {}; listed once",
        root.join("archive/talk.md").display()
    );
    let twice_message = format!(
        "same content as {}; listed once",
        root.join("x/twice.md").display()
    );
    assert_eq!(
        said,
        [
            (root.join("events/2013-b/talk.md"), talk_message.as_str()),
            (root.join("events/2014-a/talk.md"), talk_message.as_str()),
            (root.join("y/twice.txt"), twice_message.as_str()),
        ]
    );
}

#[test]
fn copies_are_one_post_with_every_path_and_a_diagnostic_on_each_copy() {
    let dir = archive_with_copies();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_copies_merged(&corpus, dir.path());
}

#[test]
fn copies_merge_the_same_from_the_metadata_cache_and_when_streaming() {
    let dir = archive_with_copies();
    let cache = tempfile::tempdir().unwrap();
    let roots = [dir.path().to_path_buf()];
    // Stamps a few seconds old, so the files are cached (recent ones are not).
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in walk_files(dir.path()) {
        let file = std::fs::File::options().write(true).open(&entry).unwrap();
        file.set_modified(old).unwrap();
    }
    let first = load_cached(&roots, cache.path(), None);
    corpus::finish_saving();
    assert_copies_merged(&first, dir.path());
    assert!(
        std::fs::read_dir(cache.path()).unwrap().next().is_some(),
        "the cache was written, so the second load recalls"
    );
    let batches = std::sync::Mutex::new(Vec::new());
    let on_event = |event: LoadEvent| {
        if let LoadEvent::Batch(batch) = event {
            batches.lock().unwrap().push(batch);
        }
    };
    let recalled = load_cached(&roots, cache.path(), Some(&on_event));
    assert_copies_merged(&recalled, dir.path());
    // The batches hold every copy; only the final corpus merges them.
    let batches = batches.into_inner().unwrap();
    let posts: usize = batches.iter().map(|b| b.posts.len()).sum();
    assert_eq!(posts, recalled.posts.len() + 3);
}

fn walk_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                folders.push(entry.path());
            } else {
                files.push(entry.path());
            }
        }
    }
    files
}

#[test]
fn copies_under_two_roots_are_one_post() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    write(a.path(), "post.md", "# Shared\n");
    write(b.path(), "post.md", "# Shared\n");
    let corpus = load(&[b.path().to_path_buf(), a.path().to_path_buf()]);
    assert_eq!(corpus.posts.len(), 1);
    // The first by path, whatever the order the roots were given in.
    let (first, second) = if a.path() < b.path() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    assert_eq!(corpus.posts[0].path, first.path().join("post.md"));
    assert_eq!(corpus.posts[0].also_at, [second.path().join("post.md")]);
}

/// A blog as a git checkout leaves it: ignore files at several levels.
fn archive_with_ignore_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, ".gitignore", "public/\n*.txt\n!keep.txt\n/notes.md\n");
    write(root, ".ignore", "scratch/\n");
    write(root, ".shelfignore", "private-*.md\n");
    write(root, "posts/.gitignore", "*.md\n!keep.md\n");
    write(root, "posts/keep.md", "# Kept by its negation\n");
    write(root, "posts/dropped.md", "# Ignored by posts/.gitignore\n");
    write(root, "public/index.html", "<title>Built site</title>");
    write(root, "scratch/idea.md", "# Scratch\n");
    write(root, "log.txt", "log");
    write(root, "keep.txt", "Kept: a negation\n");
    write(root, "notes.md", "# Root notes\n");
    write(root, "blog/notes.md", "# Notes deeper\n");
    write(root, "blog/private-diary.md", "# Diary\n");
    write(root, "blog/post.md", "# Post\n");
    write(root, "README.md", "# About this archive\n");
    write(root, "SOURCE.txt", "Taken from ...\n");
    write(root, "blog/README.md", "# The blog folder's page\n");
    dir
}

#[test]
fn ignore_files_and_root_non_posts_are_honoured() {
    let dir = archive_with_ignore_files();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(
        relative(&corpus, dir.path()),
        [
            "blog/README.md",
            "blog/notes.md",
            "blog/post.md",
            "keep.txt",
            "posts/keep.md"
        ]
    );
    assert_eq!((corpus.files, corpus.skipped), (5, 0));
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
}

#[test]
fn exclude_from_a_config_comes_on_top_of_the_ignore_files() {
    let dir = archive_with_ignore_files();
    write(dir.path(), "drafts/wip.md", "# WIP\n");
    write(dir.path(), "drafts/ready.md", "# Ready\n");
    let config_file = dir.path().join("config.toml");
    let config = shelf::config::parse(
        "exclude = [\"drafts/**\", \"!drafts/ready.md\", \"README.md\", \"*.txt\"]\n",
        &config_file,
    )
    .unwrap();
    let discovery = Discovery {
        exclude: config.exclude.clone(),
    };
    let corpus = load_with(&[dir.path().to_path_buf()], &discovery);
    // README.md (no slash) is excluded at any depth, and *.txt even where a
    // .gitignore negation had kept keep.txt.
    assert_eq!(
        relative(&corpus, dir.path()),
        [
            "blog/notes.md",
            "blog/post.md",
            "drafts/ready.md",
            "posts/keep.md"
        ]
    );
    // A path given directly is read whatever the rules say.
    let corpus = load_with(&[dir.path().join("drafts/wip.md")], &discovery);
    assert_eq!(corpus.posts.len(), 1);
}

#[test]
fn the_bundled_archive_is_unchanged() {
    let bundled = corpus::load_bundled();
    assert_eq!(bundled.posts.len(), bundled.files);
    assert_eq!(bundled.files, 5);
    assert!(bundled.posts.iter().all(|p| p.also_at.is_empty()));
}

#[cfg(unix)]
#[test]
fn symlinks_are_still_never_followed_with_ignore_files_about() {
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "secret.md", "# Secret\n");
    write(outside.path(), "rules", "post.md\n");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    write(&root, "a/post.md", "# Post\n");
    // A negation for the links: it must not make them followed.
    write(&root, ".gitignore", "!loop\n!out\n!secret.md\n");
    std::os::unix::fs::symlink(&root, root.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("secret.md")).unwrap();
    // An ignore file linked from outside is not read.
    std::os::unix::fs::symlink(outside.path().join("rules"), root.join("a/.ignore")).unwrap();
    let corpus = load(std::slice::from_ref(&root));
    assert_eq!(relative(&corpus, &root), ["a/post.md"]);
    assert_eq!((corpus.files, corpus.skipped), (2, 1));
    let messages: Vec<&str> = corpus
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "ignore file not read: symbolic link inside a folder, not followed",
            "skipped: symbolic link inside a folder, not followed"
        ]
    );
    // An ignored symlinked post is left out without a word.
    write(&root, ".shelfignore", "secret.md\n");
    let corpus = load(std::slice::from_ref(&root));
    assert_eq!((corpus.files, corpus.skipped), (1, 0));
}
