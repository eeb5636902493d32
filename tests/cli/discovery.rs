//! Duplicates, ignore files and the config's `exclude` as the commands show them:
//! `shelf list --json` gives a copy's other paths in `also_at`, `shelf check` counts
//! the copies.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// Runs shelf with `config` as its config file: stdout (stderr in the panic message
/// when it fails).
fn shelf(args: &[&str], config: &Path) -> String {
    let (out, err, ok) = crate::commands::shelf_with_config(args, config);
    assert!(ok, "shelf {args:?}: {err}");
    out
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// An archive with one post filed twice, a README and SOURCE.txt at its root, an
/// ignored folder, and a draft folder the config excludes.
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let text = "---\ntitle: Filed twice\ndate: 2014-05-01\n---\nbody\n";
    write(root, "2014/talk.md", text);
    write(root, "old/talk.md", text);
    write(root, "other.md", "# Other\n");
    write(root, "README.md", "# This archive\n");
    write(root, "SOURCE.txt", "taken from a repository\n");
    write(root, ".gitignore", "public/\n");
    write(root, "public/index.html", "<title>Built</title>");
    write(root, "drafts/wip.md", "# Work in progress\n");
    dir
}

#[test]
fn list_json_shows_the_other_paths_and_check_counts_the_copy() {
    let dir = archive();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "exclude = [\"drafts/\"]\n").unwrap();
    let root = dir.path().join("");
    let root = root.to_str().unwrap();

    let list: Value = serde_json::from_str(&shelf(&["list", "--json", root], &config)).unwrap();
    let posts = list.as_array().expect("an array of posts");
    let titles: Vec<&str> = posts.iter().filter_map(|p| p["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let talk = posts
        .iter()
        .find(|p| p["title"] == "Filed twice")
        .expect("the post filed twice");
    assert!(talk["path"].as_str().unwrap().ends_with("2014/talk.md"));
    let also_at: Vec<&str> = talk["also_at"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(also_at.len(), 1);
    assert!(also_at[0].ends_with("old/talk.md"), "{also_at:?}");

    let report: Value = serde_json::from_str(&shelf(&["check", "--json", root], &config)).unwrap();
    assert_eq!(report["files"], 3);
    assert_eq!(report["posts"], 2);
    assert_eq!(report["skipped"], 1);
    assert_eq!(report["duplicates"], 1);
    let text = shelf(&["check", root], &config);
    let first = text.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "3 files, 2 posts, 1 skipped (1 duplicates), 1 diagnostics"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("old/talk.md: same content as ")
                && l.ends_with("2014/talk.md; listed once")),
        "{text}"
    );
}

#[test]
fn a_bad_exclude_glob_is_reported_naming_the_config_line_and_check_goes_on() {
    let dir = archive();
    let cache = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "theme = \"dark\"\nexclude = [\"drafts/{\"]\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(["check", dir.path().to_str().unwrap()])
        .env("SHELF_CONFIG", &config)
        .env("SHELF_CACHE_DIR", cache.path())
        .output()
        .expect("run shelf");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("shelf: ")
            && err.contains("config.toml:2: `exclude` line \"drafts/{\" is not a glob"),
        "{err}"
    );
}
