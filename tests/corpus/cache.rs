//! The metadata cache as loading uses it: a file whose path, size and modification time
//! are cached is not read again; changed, new and deleted files are; a broken cache is
//! rebuilt. Each test has its own archive and cache folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use shelf::corpus::{self, Corpus, MetadataCache};

/// Writes a post whose modification time is an hour ago (files changed in the last
/// moments are never cached, so a test must not depend on the clock's tick).
fn write_post(dir: &Path, name: &str, title: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("---\ntitle: {title}\n---\nBody.\n")).unwrap();
    age(&path, Duration::from_secs(3600));
    path
}

fn age(path: &Path, by: Duration) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - by).unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

struct Archive {
    posts: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Archive {
    fn new(titles: &[(&str, &str)]) -> Archive {
        let archive = Archive {
            posts: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
        };
        for (name, title) in titles {
            write_post(archive.posts.path(), name, title);
        }
        archive
    }

    fn roots(&self) -> Vec<PathBuf> {
        vec![self.posts.path().to_path_buf()]
    }

    /// Loads through the cache and waits for the cache to be written.
    fn load(&self) -> Corpus {
        let corpus = corpus::load_cached(&self.roots(), self.cache.path(), None);
        corpus::finish_saving();
        corpus
    }

    fn titles(corpus: &Corpus) -> Vec<String> {
        corpus.posts.iter().map(|p| p.title.clone()).collect()
    }

    fn cache_file(&self) -> PathBuf {
        MetadataCache::location(self.cache.path(), &self.roots())
    }
}

/// Replaces a file's text by one of the same length and puts its modification time
/// back: only a reader that trusts the cache misses the change.
fn change_behind_the_cache(path: &Path, title: &str) {
    let before = mtime(path);
    let size = std::fs::metadata(path).unwrap().len();
    let text = format!("---\ntitle: {title}\n---\nBody.\n");
    assert_eq!(text.len() as u64, size, "same length");
    std::fs::write(path, text).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(before)
        .unwrap();
}

#[test]
fn an_unchanged_file_comes_from_the_cache_not_from_the_disk() {
    let archive = Archive::new(&[("a.md", "Alpha"), ("b.md", "Bravo")]);
    let first = archive.load();
    assert_eq!(Archive::titles(&first), ["Alpha", "Bravo"]);
    assert!(
        archive.cache_file().is_file(),
        "the first load wrote the cache"
    );
    change_behind_the_cache(&archive.posts.path().join("a.md"), "Omega");
    let second = archive.load();
    assert_eq!(
        Archive::titles(&second),
        ["Alpha", "Bravo"],
        "a file with the cached size and mtime is not read"
    );
    // The same posts, ids and paths as a load without a cache had given.
    let ids = |c: &Corpus| {
        c.posts
            .iter()
            .map(|p| (p.id.clone(), p.path.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&second), ids(&first));
}

#[test]
fn a_changed_file_is_read_again() {
    let archive = Archive::new(&[("a.md", "Alpha"), ("b.md", "Bravo")]);
    archive.load();
    let b = archive.posts.path().join("b.md");
    std::fs::write(&b, "---\ntitle: Bravo, rewritten\n---\nNew body.\n").unwrap();
    age(&b, Duration::from_secs(60));
    let corpus = archive.load();
    assert_eq!(Archive::titles(&corpus), ["Alpha", "Bravo, rewritten"]);
    assert_eq!(corpus.posts[1].words, 2);
}

#[test]
fn a_new_file_is_read_and_a_deleted_one_is_gone() {
    let archive = Archive::new(&[("a.md", "Alpha"), ("b.md", "Bravo")]);
    archive.load();
    std::fs::remove_file(archive.posts.path().join("a.md")).unwrap();
    write_post(archive.posts.path(), "c.md", "Charlie");
    let corpus = archive.load();
    assert_eq!(Archive::titles(&corpus), ["Bravo", "Charlie"]);
    assert_eq!(corpus.files, 2);
    // And the rewritten cache answers for the new file next time.
    change_behind_the_cache(&archive.posts.path().join("c.md"), "Chaplin");
    assert_eq!(Archive::titles(&archive.load()), ["Bravo", "Charlie"]);
}

#[test]
fn diagnostics_and_files_without_a_post_come_back_from_the_cache_too() {
    let archive = Archive::new(&[("a.md", "Alpha")]);
    let broken = archive.posts.path().join("broken.md");
    std::fs::write(&broken, "---\ntitle: Broken\ndate: someday\n---\n").unwrap();
    age(&broken, Duration::from_secs(3600));
    let binary = archive.posts.path().join("binary.md");
    std::fs::write(&binary, b"\x89PNG\0\0\0").unwrap();
    age(&binary, Duration::from_secs(3600));
    let first = archive.load();
    let second = archive.load();
    assert_eq!(first.diagnostics, second.diagnostics);
    assert_eq!(second.diagnostics.len(), 2, "{:?}", second.diagnostics);
    assert_eq!((second.files, second.skipped), (3, 1));
}

#[test]
fn a_corrupt_cache_is_rebuilt_silently() {
    let archive = Archive::new(&[("a.md", "Alpha"), ("b.md", "Bravo")]);
    archive.load();
    let file = archive.cache_file();
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    change_behind_the_cache(&archive.posts.path().join("a.md"), "Omega");
    // The corrupt cache is not believed: the file is read, and the cache written anew.
    assert_eq!(Archive::titles(&archive.load()), ["Omega", "Bravo"]);
    change_behind_the_cache(&archive.posts.path().join("a.md"), "Gamma");
    assert_eq!(
        Archive::titles(&archive.load()),
        ["Omega", "Bravo"],
        "rebuilt and used"
    );
    // A truncated or zero-filled cache reads as none at all.
    for broken in [bytes[..bytes.len() / 3].to_vec(), vec![0; bytes.len()]] {
        std::fs::write(&file, broken).unwrap();
        assert_eq!(Archive::titles(&archive.load()), ["Gamma", "Bravo"]);
    }
}

#[test]
fn a_file_changed_a_moment_ago_is_not_trusted_to_the_cache() {
    let archive = Archive::new(&[("a.md", "Alpha")]);
    let a = archive.posts.path().join("a.md");
    // Written just now: a same-length rewrite within the same clock tick must show.
    std::fs::write(&a, "---\ntitle: Fresh\n---\nBody.\n").unwrap();
    archive.load();
    change_behind_the_cache(&a, "Newer");
    assert_eq!(Archive::titles(&archive.load()), ["Newer"]);
}
