//! The non-interactive commands, run as a user would: the real binary, its output.

use std::process::Command;

use serde_json::Value;

/// A cache folder of this test run's own, so the user's cache is never read or written
/// (and every test starts from a cache no earlier run left).
fn test_cache_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("cache tempdir"))
        .path()
}

/// A data folder of this test run's own, so the user's marks are never read or touched.
pub(crate) fn test_data_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("data tempdir"))
        .path()
}

/// An empty config file of this test run's own, so the user's config never leaks in.
fn empty_config() -> &'static std::path::Path {
    static FILE: std::sync::OnceLock<tempfile::NamedTempFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| tempfile::NamedTempFile::new().expect("config file"))
        .path()
}

pub(crate) fn shelf(args: &[&str]) -> (String, String, bool) {
    shelf_with_config(args, empty_config())
}

/// Runs shelf with `SHELF_CONFIG` naming `config` (so the user's own config never leaks
/// into a test) and a cache of this run's own: stdout, stderr and the exit code.
fn run_shelf(args: &[&str], config: &std::path::Path) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(args)
        .env("SHELF_CONFIG", config)
        .env("SHELF_CACHE_DIR", test_cache_dir())
        .env("SHELF_DATA_DIR", test_data_dir())
        .output()
        .expect("run shelf");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// [`run_shelf`], with whether it succeeded.
pub(crate) fn shelf_with_config(args: &[&str], config: &std::path::Path) -> (String, String, bool) {
    let (out, err, code) = run_shelf(args, config);
    (out, err, code == Some(0))
}

/// [`run_shelf`] with the empty config.
pub(crate) fn shelf_code(args: &[&str]) -> (String, String, Option<i32>) {
    run_shelf(args, empty_config())
}

pub(crate) fn json(args: &[&str]) -> Value {
    let (out, err, ok) = shelf(args);
    assert!(ok, "shelf {args:?} failed: {err}");
    serde_json::from_str(&out).expect("valid JSON")
}

#[test]
fn list_json_gives_the_seed_table() {
    let posts = json(&["list", "--json"]);
    let posts = posts.as_array().expect("an array");
    assert_eq!(posts.len(), 5);
    let by_id = |id: &str| {
        posts
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("post {id} listed"))
            .clone()
    };
    let tags = |p: &Value| {
        let mut t: Vec<String> = p["tags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_lowercase)
                    .collect()
            })
            .unwrap_or_default();
        t.sort();
        t
    };
    let p = by_id("000_706fe552bd2b318a");
    assert_eq!(p["title"], "Celebrate the beginning of DevOps");
    assert_eq!(p["authors"], serde_json::json!(["Didier Lalli"]));
    let date = p["date"].as_str().unwrap_or_default();
    assert!(
        date == "2019-08-08T16:30:30.933Z" || date == "2019-08-08T16:30:30.933+00:00",
        "{date}"
    );
    assert_eq!(tags(&p), ["devops", "devopsdays", "devopsdays-ghent-2019"]);

    let p = by_id("001_ef305ce8512267df");
    assert_eq!(p["title"], "Devopsdays09 - Two Weeks Later");
    assert_eq!(p["authors"], serde_json::json!(["Patrick Debois"]));
    assert_eq!(p["date"], "2009-11-15T17:24:43+00:00");
    assert_eq!(
        tags(&p),
        [
            "agile sysadmin",
            "agile system administration",
            "devops",
            "devopsdays",
            "monthy python"
        ]
    );

    let p = by_id("002_ae16db726f378c53");
    assert_eq!(p["title"], "Devops Days");
    assert_eq!(p["authors"], serde_json::json!([]));
    assert_eq!(p["date"], "2011-11-04T14:35:00");
    assert!(tags(&p).is_empty());

    let p = by_id("003_eb90f733d56d9366");
    assert_eq!(p["title"], "The road to DevOps : experience from the field");
    assert_eq!(
        p["authors"],
        serde_json::json!(["Stéphane Goudeau", "Hervé Leclerc"])
    );
    assert_eq!(p["date"], Value::Null);

    let p = by_id("004_a571cbaf7fa8eef7");
    assert_eq!(p["title"], "DevOpsDays Paris 2013, the event that was");
    assert_eq!(p["authors"], serde_json::json!(["phrawzty"]));
    assert_eq!(p["date"], Value::Null);
    assert!(p["words"].as_u64().unwrap_or(0) > 500);
}

#[test]
fn list_filters_by_tag_and_author() {
    let (out, _, ok) = shelf(&["list", "--tag", "DEVOPS"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 2);
    let (out, _, _) = shelf(&["list", "--tag", "devops", "--author", "patrick debois"]);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("Two Weeks Later"));
    // Nothing matched: no output, exit 1 (as grep and fzf --filter).
    let (out, err, code) = shelf_code(&["list", "--tag", "no-such-tag"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.is_empty() && err.is_empty());
}

#[test]
fn check_json_accounts_for_every_file() {
    let report = json(&["check", "--json"]);
    assert_eq!(report["files"], 5);
    assert_eq!(report["posts"], 5);
    assert_eq!(report["skipped"], 0);
    assert!(report["diagnostics"].is_array());
}

#[test]
fn check_reports_broken_files_with_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("broken.md"),
        "---\ntitle: [unclosed\n---\nbody\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("binary.md"), b"\x00\x01\x02binary").expect("write");
    let path = dir.path().to_string_lossy().into_owned();
    let report = json(&["check", &path, "--json"]);
    assert_eq!(report["files"], 2);
    assert_eq!(
        report["files"].as_u64(),
        Some(report["posts"].as_u64().unwrap_or(0) + report["skipped"].as_u64().unwrap_or(0))
    );
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.iter().any(
        |d| d["path"].as_str().is_some_and(|p| p.ends_with("broken.md")) && d["line"].is_u64()
    ));
    let (out, _, ok) = shelf(&["check", &path]);
    assert!(ok, "check exits 0 whatever it found");
    assert!(out.lines().any(|l| l.contains("broken.md:")), "{out}");
}

#[test]
fn show_001_plain_has_no_raw_html_and_the_expected_links() {
    let (out, err, ok) = shelf(&["show", "001_ef305ce8512267df", "--plain", "--width", "80"]);
    assert!(ok, "{err}");
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
        // Raw tags would look like `<center>`, `<object`, `</a>`; URLs are in `<http…>`.
        for tag in [
            "<center", "<object", "<embed", "<param", "</a>", "<img", "<a ",
        ] {
            assert!(!line.contains(tag), "raw HTML in: {line}");
        }
    }
    assert!(out.contains("/blog/wp-content/uploads/2009/11/devopsdays-09-logo.png"));
    assert!(out.contains("<http://www.youtube.com/v/EOveXZhJpr4"));
    assert!(out.contains("Devopsdays 09 <http://www.devopsdays.org/>"));
    assert!(!out.contains('\x1b'), "plain output has no escapes");
}

#[test]
fn show_002_turns_liquid_images_into_numbered_links() {
    let (out, _, ok) = shelf(&["show", "002_ae16db726f378c53", "--plain", "--width", "200"]);
    assert!(ok);
    let image_links = out
        .lines()
        .filter(|l| {
            l.starts_with('[') && l.contains("image:") && l.contains("farm7.static.flickr.com")
        })
        .count();
    assert_eq!(image_links, 2, "{out}");
}

#[test]
fn show_of_a_post_with_no_body_prints_its_description_and_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("compute.md");
    std::fs::write(
        &path,
        "---\ntitle: Compute\ndescription: Servers for every workload.\nlink: https://example.com/compute\n---\n",
    )
    .expect("write");
    let path = path.to_string_lossy().into_owned();
    let folder = dir.path().to_string_lossy().into_owned();
    let (out, err, ok) = shelf(&["show", &path, &folder, "--plain", "--width", "80"]);
    assert!(ok, "{err}");
    assert!(out.contains("This post has no body"), "{out}");
    assert!(out.contains("\nServers for every workload.\n"), "{out}");
    assert!(out.contains("https://example.com/compute[1]"), "{out}");
    assert!(
        out.ends_with("Links\n[1] <https://example.com/compute>\n"),
        "{out}"
    );
}

#[test]
fn show_finds_posts_by_prefix_path_and_query() {
    for wanted in ["004", "content/004_a571cbaf7fa8eef7.txt", "paris event"] {
        let (out, err, ok) = shelf(&["show", wanted, "--plain"]);
        assert!(ok, "{wanted}: {err}");
        assert!(out.starts_with("DevOpsDays Paris 2013"), "{wanted}: {out}");
    }
}

#[test]
fn browsing_without_a_terminal_prints_the_list_and_says_so() {
    let (out, err, ok) = shelf(&[]);
    assert!(ok);
    assert_eq!(out.lines().count(), 5);
    assert!(err.contains("not a terminal"));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["list", "show", "check"] {
        let (out, _, ok) = shelf(&[sub, "--help"]);
        assert!(ok && out.contains("Usage"), "{sub}");
    }
}

#[test]
fn configured_folders_replace_the_bundled_archive() {
    let dir = tempfile::tempdir().expect("tempdir");
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).expect("mkdir");
    std::fs::write(posts.join("2020-02-02-hello.md"), "# Hello from config\n").expect("write");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "folders = [\"posts\"]\n").expect("write");
    let (out, err, ok) = shelf_with_config(&["list"], &config);
    assert!(ok, "{err}");
    assert_eq!(out.trim_end(), "2020-02-02\tHello from config");
    // An explicit PATH still wins.
    let (out, _, _) = shelf_with_config(&["list", "content"], &config);
    assert_eq!(out.lines().count(), 5);
}

#[test]
fn a_broken_config_is_reported_with_file_and_line_and_shelf_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "opener = \"w3m\"\nfolderz = []\n").expect("write");
    let (out, err, ok) = shelf_with_config(&["list"], &config);
    assert!(ok, "{err}");
    assert!(err.contains("config.toml:2:"), "{err}");
    assert!(!out.is_empty());
}

#[cfg(unix)]
#[test]
fn paths_that_are_not_utf8_work_on_the_command_line() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    // "café.md" in Latin-1: the byte 0xE9 alone is not UTF-8.
    let name = OsStr::from_bytes(b"caf\xe9.md");
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "---\ntitle: Latin-1 named\n---\nThe body of a Latin-1 file.\n",
    )
    .expect("write");
    let run = |args: &[&OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_shelf"))
            .args(args)
            .env("SHELF_CONFIG", empty_config())
            .env("SHELF_CACHE_DIR", test_cache_dir())
            .env("SHELF_DATA_DIR", test_data_dir())
            .output()
            .expect("run shelf");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let listed = run(&[OsStr::new("list"), path.as_os_str()]);
    assert!(listed.contains("Latin-1 named"), "{listed}");
    let shown = run(&[
        OsStr::new("show"),
        path.as_os_str(),
        dir.path().as_os_str(),
        OsStr::new("--plain"),
    ]);
    assert!(shown.contains("The body of a Latin-1 file."), "{shown}");
}

#[test]
fn completions_and_the_manual_come_from_the_command_line_itself() {
    let (bash, err, ok) = shelf(&["completions", "bash"]);
    assert!(ok, "{err}");
    assert!(
        bash.contains("complete") && bash.contains("check"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let (script, err, ok) = shelf(&["completions", shell]);
        assert!(ok && script.contains("shelf"), "{shell}: {err}");
    }
    let (_, err, ok) = shelf(&["completions", "tcsh"]);
    assert!(!ok && err.contains("possible values"), "{err}");
    let (man, err, ok) = shelf(&["man"]);
    assert!(ok, "{err}");
    assert!(
        man.contains(".TH shelf"),
        "a roff page: {}",
        &man[..man.len().min(200)]
    );
    assert!(man.contains("completions") && man.contains("check"));
}

#[test]
fn help_ends_with_the_files_and_environment_shelf_reads() {
    let config = tempfile::NamedTempFile::new().expect("config");
    let (help, err, ok) = shelf_with_config(&["--help"], config.path());
    assert!(ok, "{err}");
    let tail = help
        .split("Files and environment:")
        .nth(1)
        .expect("the section");
    assert!(
        tail.contains(&config.path().display().to_string()),
        "{tail}"
    );
    for name in [
        "SHELF_CONFIG",
        "BROWSER",
        "NO_COLOR",
        "SHELF_CACHE_DIR",
        "SHELF_NO_CACHE",
        "SHELF_DATA_DIR",
    ] {
        assert!(tail.contains(name), "{name} in {tail}");
    }
}

#[test]
fn a_path_that_does_not_exist_is_one_line_on_stderr_and_exit_2() {
    for args in [
        vec!["/nonexistent/posts"],
        vec!["check", "/nonexistent/posts"],
        vec!["list", "/nonexistent/posts"],
        vec!["show", "x", "/nonexistent/posts"],
    ] {
        let (out, err, code) = shelf_code(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(
            err, "shelf: /nonexistent/posts: No such file or directory\n",
            "{args:?}"
        );
        assert!(out.is_empty(), "{args:?}: nothing else is listed instead");
    }
}

#[test]
fn with_one_path_missing_the_others_are_still_read_and_the_exit_is_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.md"), "---\ntitle: Here\n---\nBody.\n").expect("write");
    let here = dir.path().to_str().expect("utf-8");
    let (out, err, code) = shelf_code(&["list", here, "/nonexistent/posts"]);
    assert_eq!(code, Some(2));
    assert!(out.contains("Here"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn show_with_no_match_says_so_and_exits_1() {
    let (out, err, code) = shelf_code(&["show", "qqqqzzzzxxxx"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert_eq!(err, "shelf: no post matches \"qqqqzzzzxxxx\"\n");
}

#[test]
fn a_config_file_named_by_shelf_config_must_exist() {
    let (out, err, code) = run_shelf(
        &["list"],
        std::path::Path::new("/nonexistent/shelf/config.toml"),
    );
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(
        err,
        "shelf: /nonexistent/shelf/config.toml: no such config file (SHELF_CONFIG names it)\n"
    );
}

#[test]
fn show_ends_with_the_related_posts_numbered_after_the_links() {
    let (out, err, ok) = shelf(&["show", "001_ef305ce8512267df", "--plain", "--width", "80"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let links = lines
        .iter()
        .position(|l| *l == "Links")
        .expect("a link list");
    let related = lines.iter().rposition(|l| *l == "Related").expect("{out}");
    assert!(related > links, "the related posts come after the links");
    let last_link: usize = lines[links + 1..related]
        .iter()
        .filter_map(|l| l.strip_prefix('[')?.split(']').next()?.parse().ok())
        .max()
        .expect("numbered links");
    let entries = &lines[related + 1..];
    assert!(!entries.is_empty(), "{out}");
    assert!(
        entries[0].starts_with(&format!("[{}] ", last_link + 1)),
        "numbered on: {out}"
    );
    // Other posts of the bundled archive, not this one, and no internal URL shown.
    assert!(
        !entries.iter().any(|l| l.contains("Two Weeks Later")),
        "{out}"
    );
    assert!(!out.contains("shelf:post/"), "{out}");
}
