//! `shelf search`: full-text search of the bundled archive and of a folder, as a user
//! runs it (the index goes to this run's own cache folder).

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// A folder of this file's own, made once per run: the user's never read or written.
fn own_dir(cell: &'static OnceLock<tempfile::TempDir>) -> &'static Path {
    cell.get_or_init(|| tempfile::tempdir().expect("tempdir"))
        .path()
}

/// Runs shelf with a cache, data folder and empty config of this run's own: stdout,
/// stderr and the exit code.
fn shelf_code_of(args: &[&str]) -> (String, String, Option<i32>) {
    static CACHE: OnceLock<tempfile::TempDir> = OnceLock::new();
    static DATA: OnceLock<tempfile::TempDir> = OnceLock::new();
    let config = own_dir(&DATA).join("empty-config.toml");
    std::fs::write(&config, "").expect("config");
    let out = Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(args)
        .env("SHELF_CONFIG", &config)
        .env("SHELF_CACHE_DIR", own_dir(&CACHE))
        .env("SHELF_DATA_DIR", own_dir(&DATA))
        .env_remove("SHELF_NO_CACHE")
        .output()
        .expect("run shelf");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn shelf(args: &[&str]) -> (String, String, bool) {
    let (out, err, code) = shelf_code_of(args);
    (out, err, code == Some(0))
}

fn json(args: &[&str]) -> Value {
    let (out, err, ok) = shelf(args);
    assert!(ok, "shelf {args:?} failed: {err}");
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn mozilla_finds_the_paris_post_with_the_line_naming_mozilla() {
    let (out, err, ok) = shelf(&["search", "Mozilla"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "{out}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(fields.len(), 4, "{}", lines[0]);
    assert!(fields[1].contains("Paris"), "{}", lines[0]);
    assert!(fields[2].starts_with("content/004_"), "{}", lines[0]);
    assert!(fields[3].contains("Mozilla"), "{}", lines[0]);
    assert!(fields[0].starts_with("20") || fields[0] == "----------");
}

#[test]
fn a_phrase_finds_post_000() {
    let (out, err, ok) = shelf(&["search", "\"wall of confusion\""]);
    assert!(ok, "{err}");
    let first = out.lines().next().unwrap_or_default();
    assert!(first.contains("content/000_"), "{out}");
    assert!(first.to_lowercase().contains("wall of confusion"), "{out}");
}

#[test]
fn nothing_matching_exits_1_with_no_output() {
    let (out, _, code) = shelf_code_of(&["search", "zzzzqqq"]);
    assert_eq!(code, Some(1));
    assert_eq!(out, "");
}

#[test]
fn a_query_that_does_not_parse_is_one_line_and_exit_2() {
    let (out, err, code) = shelf_code_of(&["search", "\"wall of"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("quote"), "{err}");
}

#[test]
fn json_gives_score_line_and_highlights() {
    let hits = json(&["search", "mozilla", "--json"]);
    let hits = hits.as_array().expect("an array");
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert!(hit["id"].as_str().is_some_and(|id| id.starts_with("004_")));
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0));
    let line = hit["line"].as_str().expect("a line");
    let first = &hit["highlights"][0];
    let (start, end) = (
        first[0].as_u64().expect("start") as usize,
        first[1].as_u64().expect("end") as usize,
    );
    let word: String = line.chars().skip(start).take(end - start).collect();
    assert_eq!(word, "Mozilla");
    assert!(hit["title"].as_str().is_some_and(|t| t.contains("Paris")));
}

#[test]
fn limit_caps_the_hits_and_best_comes_first() {
    let (all, _, ok) = shelf(&["search", "devops"]);
    assert!(ok);
    assert!(all.lines().count() > 2, "{all}");
    let (two, _, ok) = shelf(&["search", "devops", "--limit", "2"]);
    assert!(ok);
    let two: Vec<&str> = two.lines().collect();
    assert_eq!(two, all.lines().take(2).collect::<Vec<_>>());
}

#[test]
fn a_folder_is_searched_and_a_changed_file_found_by_its_new_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("one.md");
    std::fs::write(&file, "---\ntitle: One\n---\nAbout zebras.\n").expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let (out, err, ok) = shelf(&["search", "zebras", path]);
    assert!(ok, "{err}");
    assert!(
        out.contains("One\t") && out.contains("About zebras."),
        "{out}"
    );
    std::fs::write(&file, "---\ntitle: One\n---\nAbout giraffes now.\n").expect("write");
    let (out, _, ok) = shelf(&["search", "giraffes", path]);
    assert!(ok, "{out}");
    let (_, _, code) = shelf_code_of(&["search", "zebras", path]);
    assert_eq!(code, Some(1));
}
