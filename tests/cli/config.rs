//! `shelf config` and a config with problems, run as a user would.

use crate::commands::{shelf, shelf_with_config};

#[test]
fn config_path_says_the_file_shelf_config_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").expect("write");
    let (out, err, ok) = shelf_with_config(&["config", "--path"], &config);
    assert!(ok, "{err}");
    assert_eq!(out.trim_end(), config.display().to_string());
    let (out, _, ok) = shelf_with_config(&["config", "--path", "--json"], &config);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["path"], config.display().to_string());
    assert_eq!(json["exists"], true);
    assert_eq!(json["from"], "SHELF_CONFIG");
}

#[test]
fn config_default_prints_a_file_that_reads_back_as_the_defaults() {
    let (out, err, ok) = shelf(&["config", "--default"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("\n[keys]\n") && out.contains("bookmark = \"m\""),
        "{out}"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, &out).expect("write");
    // No problem, and the settings in force are the same as with no file at all.
    let (with_file, err, ok) = shelf_with_config(&["config"], &config);
    assert!(ok && err.is_empty(), "{err}");
    let (without, _, _) = shelf(&["config"]);
    let settings = |s: &str| s.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(settings(&with_file), settings(&without));
    let (list, err, ok) = shelf_with_config(&["list"], &config);
    assert!(ok && err.is_empty() && !list.is_empty(), "{err}");
}

#[test]
fn a_config_with_a_typo_still_lists_posts_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "sort = \"date\"\nthem = \"dark\"\n").expect("write");
    let (out, err, ok) = shelf_with_config(&["list"], &config);
    assert!(ok, "{err}");
    assert_eq!(out.lines().count(), shelf(&["list"]).0.lines().count());
    let expected = format!(
        "shelf: {}:2: unknown setting `them`; expected one of ",
        config.display()
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&expected), "{err}");
    // The setting that was right is in force.
    let (settings, _, _) = shelf_with_config(&["config"], &config);
    assert!(settings.contains("\nsort = \"date\"\n"), "{settings}");
}

#[test]
fn a_bad_key_binding_is_reported_and_shelf_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\nbookmark = \"q\"\nhelp = \"F1\"\n").expect("write");
    let (settings, err, ok) = shelf_with_config(&["config"], &config);
    assert!(ok, "{err}");
    assert!(
        err.contains(":2: `bookmark` in [keys]: q is already `quit-or-back`"),
        "{err}"
    );
    assert!(
        settings.contains("\nbookmark = \"m\"\n") && settings.contains("\nhelp = \"F1\"\n"),
        "{settings}"
    );
}
