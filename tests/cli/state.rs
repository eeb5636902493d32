//! What shelf remembers, seen from the command line: where the database is, the
//! marks `list` filters by and prints, marks following the same files into another
//! folder, and a database that is damaged or cannot be made.

use std::path::{Path, PathBuf};
use std::process::Command;

use shelf::store::{self, MarkChange};

/// Runs shelf with its data in `data`: stdout, stderr, exit code.
fn shelf_in(data: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    // An empty config of its own, so the user's never leaks in.
    let config = tempfile::NamedTempFile::new().expect("config");
    let cache = tempfile::tempdir().expect("cache");
    let out = Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(args)
        .env("SHELF_CONFIG", config.path())
        .env("SHELF_CACHE_DIR", cache.path())
        .env("SHELF_DATA_DIR", data)
        .output()
        .expect("run shelf");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// The seed posts, copied into `dir/name`.
fn archive(dir: &Path, name: &str) -> PathBuf {
    let root = dir.join(name);
    std::fs::create_dir_all(&root).expect("mkdir");
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/content")).expect("content")
    {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), root.join(entry.file_name())).expect("copy");
    }
    root
}

/// Marks posts of the archive at `root` as the browser would.
fn mark(data: &Path, root: &Path, title: &str, read: Option<bool>, bookmarked: Option<bool>) {
    let corpus = shelf::corpus::load(&[root.to_path_buf()]);
    let post = corpus
        .posts
        .iter()
        .find(|p| p.title == title)
        .unwrap_or_else(|| panic!("no post {title}"));
    let opened = store::db::open(&data.join("state.db"));
    let mut db = opened.store.expect("a database");
    db.mark(
        &store::archive_key(&[root.to_path_buf()]),
        &MarkChange::of(post, read, bookmarked),
    )
    .expect("mark");
}

fn titles(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("json");
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| p["title"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn state_path_says_where_the_database_is() {
    let data = tempfile::tempdir().unwrap();
    let (out, err, code) = shelf_in(data.path(), &["state", "--path"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out.trim_end(),
        data.path().join("state.db").display().to_string()
    );
    let (out, _, _) = shelf_in(data.path(), &["state", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["exists"], false, "nothing saved yet");
    let (_, err, code) = shelf_in(data.path(), &["list", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let (out, _, _) = shelf_in(data.path(), &["state", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["exists"], true);
}

#[test]
fn list_filters_by_the_marks_the_browser_left() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let root = archive(dir.path(), "posts");
    let root_arg = root.to_str().unwrap();
    mark(&data, &root, "Devops Days", Some(true), None);
    mark(
        &data,
        &root,
        "Devopsdays09 - Two Weeks Later",
        Some(true),
        Some(true),
    );
    let (out, err, code) = shelf_in(&data, &["list", "--unread", "--json", root_arg]);
    assert_eq!(code, Some(0), "{err}");
    let unread = titles(&out);
    assert_eq!(unread.len(), 3, "{unread:?}");
    assert!(
        !unread.iter().any(|t| t.starts_with("Devops")),
        "{unread:?}"
    );
    let (out, _, _) = shelf_in(&data, &["list", "--bookmarked", root_arg]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("Devopsdays09 - Two Weeks Later"), "{out}");
    // Every post says what it is marked.
    let (out, _, _) = shelf_in(&data, &["list", "--json", root_arg]);
    let all: serde_json::Value = serde_json::from_str(&out).unwrap();
    let read: Vec<bool> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["read"].as_bool().unwrap())
        .collect();
    assert_eq!(read.iter().filter(|r| **r).count(), 2);
    // Nothing bookmarked in an archive: exit 1, as for any list that matched nothing.
    let other = archive(dir.path(), "other");
    std::fs::write(other.join("new.md"), "# Only here\n").unwrap();
    let (_, _, code) = shelf_in(
        &data,
        &[
            "list",
            "--bookmarked",
            other.join("new.md").to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(1));
}

#[test]
fn bookmarks_follow_the_same_files_into_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = archive(dir.path(), "first");
    let copy = archive(dir.path(), "elsewhere/copy");
    mark(&data, &first, "Devops Days", None, Some(true));
    let (out, err, code) = shelf_in(&data, &["list", "--bookmarked", copy.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("Devops Days"), "{out}");
}

#[test]
fn a_damaged_database_is_moved_aside_and_the_command_still_answers() {
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("state.db");
    let garbage = b"this is not a database, but somebody's notes\n".repeat(100);
    std::fs::write(&db, &garbage).unwrap();
    let (out, err, code) = shelf_in(data.path(), &["list", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(titles(&out).len(), 5);
    let notice: Vec<&str> = err.lines().filter(|l| l.contains("corrupt-")).collect();
    assert_eq!(notice.len(), 1, "one line says so: {err}");
    assert!(notice[0].starts_with("shelf: "), "{err}");
    let moved: Vec<PathBuf> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("state.db.corrupt-"))
        .collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(std::fs::read(&moved[0]).unwrap(), garbage, "kept as it was");
    assert!(
        std::fs::read(&db)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
}

#[test]
fn a_data_dir_that_cannot_be_made_lists_anyway_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let data = file.join("data");
    let (out, err, code) = shelf_in(&data, &["list", "--unread"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.lines().count(), 5, "every post is unread");
    assert!(err.contains("nothing is saved"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
