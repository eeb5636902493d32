//! The hard cases of `../shared/corpora/README.md` section 5, each on a fixture written in
//! the same shape under `tests/fixtures/corpus/caseNN-*`, plus the file-system cases
//! (symlink loop, FIFO, binary, huge, unreadable) built at test time in a temporary folder.

use std::path::{Path, PathBuf};

use shelf::corpus::{Corpus, DateSource, Diagnostic, MAX_FILE_BYTES, Post, load};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(case)
}

fn load_case(case: &str) -> Corpus {
    let corpus = load(&[fixture(case)]);
    assert_eq!(corpus.files, corpus.posts.len() + corpus.skipped);
    corpus
}

fn post<'a>(corpus: &'a Corpus, id: &str) -> &'a Post {
    corpus
        .posts
        .iter()
        .find(|p| p.id == id)
        .unwrap_or_else(|| panic!("no post {id} in {:?}", ids(corpus)))
}

fn ids(corpus: &Corpus) -> Vec<&str> {
    corpus.posts.iter().map(|p| p.id.as_str()).collect()
}

fn iso(post: &Post) -> Option<String> {
    post.date.map(|d| d.to_iso())
}

fn lines_and_messages(diagnostics: &[Diagnostic]) -> Vec<(Option<usize>, &str)> {
    diagnostics
        .iter()
        .map(|d| (d.line, d.message.as_str()))
        .collect()
}

#[test]
fn case01_toml_closer_without_opener_is_recovered() {
    let corpus = load_case("case01-orphan-toml-closer");
    let conduct = post(&corpus, "2022-lagos/conduct");
    assert_eq!(conduct.title, "Conduct");
    let body = conduct.read_body().unwrap().text;
    assert!(body.trim_start().starts_with("## Be kind"), "{body:?}");
    let found = lines_and_messages(&corpus.diagnostics);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, Some(4));
    assert!(found[0].1.contains("no opening +++"));
}

#[test]
fn case02_closer_glued_to_the_last_value() {
    let corpus = load_case("case02-glued-closer");
    let compute = post(&corpus, "topic/compute");
    assert_eq!(compute.title, "Compute");
    assert_eq!(compute.tags, ["compute", "servers"]);
    assert_eq!(compute.words, 0);
    let body = compute.read_body().unwrap();
    assert_eq!(body.text, "");
    // No body: the description and the link in the front matter stand in for it.
    let stand_in = body.stand_in.unwrap();
    assert_eq!(
        stand_in.description.as_deref(),
        Some(
            "Servers for every workload \u{2014} from the edge to the cloud \u{2014} with management built in."
        )
    );
    assert_eq!(
        stand_in.link.as_deref(),
        Some("https://www.example.com/us/en/compute.html")
    );
    assert_eq!(corpus.diagnostics.len(), 1);
    assert_eq!(corpus.diagnostics[0].line, Some(13));
    assert!(corpus.diagnostics[0].message.contains("glued"));
}

#[test]
fn case03_tab_in_a_value_keeps_every_field() {
    let corpus = load_case("case03-tab-in-yaml");
    let news = post(&corpus, "newsletter/2021-July-6");
    assert_eq!(news.title, "We\u{2019}ve been Discovered!");
    assert_eq!(iso(news).as_deref(), Some("2021-07-07T06:00:00+00:00"));
    // serde_yaml accepts the tab PyYAML rejects; either way nothing is lost and any
    // diagnostic points at the line with the tab.
    for diagnostic in &corpus.diagnostics {
        assert_eq!(diagnostic.line, Some(5));
    }
}

#[test]
fn case04_value_read_as_an_anchor_is_recovered() {
    let corpus = load_case("case04-anchor");
    let talk = post(&corpus, "events/2015-singapore/proposals/noprojects/index");
    assert_eq!(talk.title, "Proposal");
    assert_eq!(talk.authors, ["Evan Example"]);
    assert!(
        talk.read_body()
            .unwrap()
            .text
            .contains("# &#x23;noprojects")
    );
    let found = lines_and_messages(&corpus.diagnostics);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Some(13), "the `talk_title` line");
    assert!(found[0].1.contains("anchor"), "{}", found[0].1);
    assert!(
        !found[0].1.contains("at line"),
        "block-relative position leaked"
    );
}

#[test]
fn case05_unterminated_quoted_title() {
    let corpus = load_case("case05-unterminated-quote");
    let talk = post(
        &corpus,
        "events/2014-berlin/proposals/Jane Roe - The 15 Minute Workout/index",
    );
    assert_eq!(talk.title, "The 15 Minute Incident Workout");
    assert_eq!(talk.authors, ["Jane Roe"]);
    assert!(talk.read_body().unwrap().text.contains("Fifteen minutes"));
    assert_eq!(corpus.diagnostics.len(), 1);
    assert!(corpus.diagnostics[0].message.contains("invalid YAML"));
}

#[test]
fn case06_crlf_and_a_trailing_tab() {
    let corpus = load_case("case06-crlf-tab");
    let talk = post(
        &corpus,
        "events/2014-amsterdam/proposals/KrisExample_goats/index",
    );
    assert_eq!(talk.title, "The men who stare at goats");
    assert_eq!(talk.authors, ["Kris Example"]);
    let body = talk.read_body().unwrap().text;
    assert!(!body.contains('\r'));
    assert!(body.contains("staring at dashboards"));
}

#[test]
fn case07_duplicate_author_keeps_the_second() {
    let corpus = load_case("case07-duplicate-author");
    let talk = &corpus.posts[0];
    assert_eq!(talk.authors, ["Jane Roe"]);
    assert_eq!(talk.title, "Continuous Deployment in the Cloud");
    let found = lines_and_messages(&corpus.diagnostics);
    assert_eq!(
        found,
        [(
            Some(12),
            "duplicate key `author` (lines 11 and 12); the last one is used"
        )]
    );
}

#[test]
fn case08_duplicate_title_keeps_the_translation() {
    let corpus = load_case("case08-duplicate-title");
    let news = post(&corpus, "ko/news/_posts/2013-09-28-design-contest");
    assert_eq!(news.title, "새 사이트 디자인 공모전");
    assert_eq!(news.authors, ["Example Author"]);
    assert_eq!(iso(news).as_deref(), Some("2013-09-28T23:30:00+00:00"));
    assert_eq!(corpus.diagnostics.len(), 1);
    assert!(corpus.diagnostics[0].message.contains("`title`"));
    assert_eq!(corpus.diagnostics[0].line, Some(4));
}

#[test]
fn case09_toml_and_yaml_talks_side_by_side() {
    let corpus = load_case("case09-two-styles");
    assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
    let toml_talk = post(
        &corpus,
        "events/2019-ghent/program/patrick-debois-andrew-clay-shafer",
    );
    assert_eq!(toml_talk.title, "Battle between Andrew & Patrick");
    assert_eq!(toml_talk.authors, ["patrick-debois", "andrew-clay-shafer"]);
    // An empty Talk_date is no date: the year of the event folder is all there is.
    assert_eq!(toml_talk.date_source, DateSource::Folder);
    assert_eq!(iso(toml_talk).as_deref(), Some("2019"));
    assert_eq!(toml_talk.words, 0);
    let yaml_talk = post(&corpus, "events/2019-ghent/program/339g97");
    assert_eq!(
        yaml_talk.title,
        "Everything I need to know about DevOps I learned at sea"
    );
    assert_eq!(yaml_talk.authors, ["sqzgqn"]);
}

#[test]
fn case10_the_same_post_in_two_styles_agrees() {
    let corpus = load_case("case10-same-post");
    for (webby, web) in [
        (
            "webby/blog/2015/03/15/hockey-stick-growth/index",
            "web/blog/hockey-stick-growth",
        ),
        (
            "webby/blog/2009/11/11/devopsdays-2009-belgium/index",
            "web/blog/devopsdays-2009-belgium",
        ),
    ] {
        let (a, b) = (post(&corpus, webby), post(&corpus, web));
        assert_eq!(a.title, b.title);
        assert_eq!(a.date, b.date);
        assert_eq!(a.date.map(|d| d.sort_key()), b.date.map(|d| d.sort_key()));
        assert_eq!(a.tags, b.tags);
        assert_eq!(a.authors, b.authors);
    }
    let hockey = post(&corpus, "web/blog/hockey-stick-growth");
    assert_eq!(iso(hockey).as_deref(), Some("2015-03-15T20:02:27-05:00"));
    assert_eq!(hockey.tags, ["2015"]);
    let belgium = post(&corpus, "web/blog/devopsdays-2009-belgium");
    assert_eq!(iso(belgium).as_deref(), Some("2009-11-11T19:52:12+00:00"));
    assert!(belgium.tags.is_empty());
}

#[test]
fn case11_html_documents_take_their_title_element() {
    let corpus = load_case("case11-html-documents");
    assert_eq!(
        post(&corpus, "events/2009-ghent/index").title,
        "Devopsdays Ghent 2009"
    );
    assert_eq!(
        post(&corpus, "404").title,
        "The page you were looking for doesn't exist (404)"
    );
}

#[test]
fn case12_date_from_the_file_name() {
    let corpus = load_case("case12-date-from-file-name");
    let news = &corpus.posts[0];
    assert_eq!(news.title, "Stable snapshot is available");
    assert_eq!(iso(news).as_deref(), Some("2001-01-18"));
}

#[test]
fn case13_family_name_comma_given_name_is_one_author() {
    let corpus = load_case("case13-family-name-comma");
    assert_eq!(corpus.posts[0].authors, ["NARUSE, Yui"]);
    assert_eq!(
        iso(&corpus.posts[0]).as_deref(),
        Some("2012-02-16T03:00:00+00:00")
    );
}

#[test]
fn case14_panel_of_four_with_a_moderator_and_spaces_in_the_path() {
    let corpus = load_case("case14-panel-with-moderator");
    let panel = post(
        &corpus,
        "events/2015-toronto/proposals/DevOps Metrics Panel/index",
    );
    assert_eq!(
        panel.authors,
        ["Ann Able", "Bob Baker", "Cy Cole", "Dee Dunn"]
    );
    assert_eq!(panel.title, "DevOps Metrics Panel");
}

#[test]
fn case15_partials_empty_files_and_cjk_posts() {
    let corpus = load_case("case15-partials");
    assert_eq!(corpus.files, 4);
    assert_eq!(corpus.skipped, 0);
    assert_eq!(
        post(&corpus, "events/2013-example/_title").title,
        "DevOpsDays Example 2013"
    );
    let empty = post(&corpus, "events/2013-example/_cfp_date_end");
    assert_eq!(empty.title, "Cfp date end");
    assert_eq!(empty.words, 0);
    assert_eq!(post(&corpus, "events/2013-example/_menu").title, "Welcome");
    let ja = post(
        &corpus,
        "ja/news/_posts/2013-02-24-ruby-2-0-0-p0-is-released",
    );
    assert_eq!(ja.title, "Ruby 2.0.0-p0 リリース");
    assert_eq!(ja.tags, ["security"]);
    assert_eq!(iso(ja).as_deref(), Some("2013-02-24T09:06:22+00:00"));
}

#[test]
fn many_generated_posts_load_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2000 {
        let lang = ["en", "ja", "ko", "ru"][i % 4];
        let folder = dir.path().join(lang).join("news/_posts");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(format!("2013-01-{:02}-post-{i}.md", i % 28 + 1)),
            format!("---\ntitle: \"投稿 {i}\"\nauthor: a{i}\n---\nbody {i}\n"),
        )
        .unwrap();
    }
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.files, 2000);
    assert_eq!(corpus.posts.len(), 2000);
    assert!(corpus.posts.windows(2).all(|w| w[0].path < w[1].path));
    assert!(corpus.posts.iter().all(|p| p.date.is_some()));
}

// ---- file-system cases, built at test time ----

#[test]
fn duplicate_ids_across_roots_are_made_unique() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    // Different bodies: the same bytes would be one post (see discovery.rs).
    for (dir, body) in [(&a, "a"), (&b, "b")] {
        std::fs::write(dir.path().join("same.md"), format!("# Same\n{body}\n")).unwrap();
    }
    let corpus = load(&[a.path().to_path_buf(), b.path().to_path_buf()]);
    assert_eq!(corpus.posts.len(), 2);
    let label =
        |d: &tempfile::TempDir| d.path().file_name().unwrap().to_string_lossy().into_owned();
    let mut found = ids(&corpus);
    found.sort_unstable();
    let mut expected = [format!("{}/same", label(&a)), format!("{}/same", label(&b))];
    expected.sort_unstable();
    assert_eq!(found, expected);
}

#[test]
fn the_same_file_given_twice_is_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.md");
    std::fs::write(&file, "# One\n").unwrap();
    let corpus = load(&[dir.path().to_path_buf(), file]);
    assert_eq!(corpus.files, 1);
    assert_eq!(ids(&corpus), ["one"]);
}

#[test]
fn a_single_file_given_has_its_stem_as_id() {
    let file = fixture("case13-family-name-comma")
        .join("en/news/_posts/2012-02-16-ruby-1-9-3-p125-is-released.md");
    let corpus = load(&[file]);
    assert_eq!(ids(&corpus), ["2012-02-16-ruby-1-9-3-p125-is-released"]);
}

#[test]
fn binary_files_are_skipped_with_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    std::fs::write(dir.path().join("ok.md"), "# Fine\n").unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(
        (corpus.files, corpus.posts.len(), corpus.skipped),
        (2, 1, 1)
    );
    assert_eq!(corpus.diagnostics.len(), 1);
    assert!(corpus.diagnostics[0].message.contains("binary"));
}

#[test]
fn invalid_utf8_and_bom_do_not_lose_the_post() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.md"),
        b"\xEF\xBB\xBF---\r\ntitle: Caf\xE9\r\n---\r\nbody\r\n",
    )
    .unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.posts[0].title, "Caf\u{fffd}");
}

#[test]
fn huge_files_are_cut_listed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    let cap = usize::try_from(MAX_FILE_BYTES).unwrap();
    let mut text = String::from("---\ntitle: Huge\n---\n");
    let line = "word ".repeat(20) + "\n";
    while text.len() < cap + 1024 * 1024 {
        text.push_str(&line);
    }
    std::fs::write(&path, &text).unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.posts.len(), 1);
    assert_eq!(corpus.posts[0].title, "Huge");
    assert_eq!(corpus.diagnostics.len(), 1);
    assert!(
        corpus.diagnostics[0]
            .message
            .contains("only the first 16 MiB")
    );
    let body = corpus.posts[0].read_body().unwrap().text;
    assert!(body.len() < cap);
    assert!(body.len() > cap - 1024);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_post_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    std::fs::write(dir.path().join("real.md"), "# Real\n").unwrap();
    // If the FIFO were opened, this would block forever (no writer).
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(
        (corpus.files, corpus.posts.len(), corpus.skipped),
        (2, 1, 1)
    );
    assert!(corpus.diagnostics[0].message.contains("not a regular file"));
    // Given directly, it is not opened either.
    let corpus = load(&[fifo]);
    assert_eq!((corpus.files, corpus.skipped), (1, 1));
}

#[cfg(unix)]
#[test]
fn symlinks_never_loop_nor_lead_outside() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), "# Secret\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("a/post.md"), "# Post\n").unwrap();
    // A loop back to the root, a link to a folder outside, a link to a file outside.
    std::os::unix::fs::symlink(&root, root.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("out")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), root.join("secret.md")).unwrap();
    let corpus = load(std::slice::from_ref(&root));
    assert_eq!(ids(&corpus), ["a/post"]);
    assert_eq!(corpus.files, 2, "the symlinked post is counted and skipped");
    assert_eq!(corpus.skipped, 1);
    assert!(corpus.diagnostics[0].message.contains("symbolic link"));
    // A symlink given directly as the root is followed: the user asked for it.
    let link = dir.path().join("link-to-archive");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    let corpus = load(&[link]);
    assert_eq!(ids(&corpus), ["a/post"]);
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_skipped_with_a_diagnostic() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.md");
    std::fs::write(&path, "# Locked\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not apply, nothing to test here.
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(
        (corpus.files, corpus.posts.len(), corpus.skipped),
        (1, 0, 1)
    );
    assert!(corpus.diagnostics[0].message.contains("cannot read"));
}

/// Writes one post into a fresh folder and loads it.
fn load_one(name: &str, text: &str) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    (dir, corpus)
}

// Nothing a file controls may make loading quadratic: these must simply finish (they
// are not timed; before the fix the first one never did).

#[test]
fn a_post_with_100k_tags_keeps_1000_and_says_so() {
    let mut text = String::from("---\ntitle: Tagged\ntags:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  - tag{i}\n"));
    }
    text.push_str("---\nBody.\n");
    let (_dir, corpus) = load_one("tags.md", &text);
    let post = post(&corpus, "tags");
    assert_eq!(post.tags.len(), 1000);
    assert!(
        corpus
            .diagnostics
            .iter()
            .any(|d| d.message == "100000 tags: kept the first 1000, dropped 99000"),
        "{:?}",
        corpus.diagnostics
    );
}

#[test]
fn a_post_with_100k_authors_keeps_1000_and_says_so() {
    let mut text = String::from("---\ntitle: Crowd\nauthors:\n");
    for i in 0..100_000 {
        text.push_str(&format!("  - Person Number{i}\n"));
    }
    text.push_str("---\nBody.\n");
    let (_dir, corpus) = load_one("crowd.md", &text);
    assert_eq!(post(&corpus, "crowd").authors.len(), 1000);
    assert!(
        corpus
            .diagnostics
            .iter()
            .any(|d| d.message.starts_with("100000 authors"))
    );
}

#[test]
fn ten_thousand_duplicate_keys_are_recovered_with_the_last_kept() {
    let mut text = String::from("---\n");
    for i in 0..10_000 {
        text.push_str(&format!("title: Version {i}\n"));
    }
    text.push_str("---\nBody.\n");
    let (_dir, corpus) = load_one("dupes.md", &text);
    assert_eq!(post(&corpus, "dupes").title, "Version 9999");
    assert!(corpus.diagnostics.len() >= 9_999);
}

#[test]
fn a_hundred_thousand_distinct_keys_load() {
    let mut text = String::from("---\ntitle: Wide\n");
    for i in 0..100_000 {
        text.push_str(&format!("key{i}: value {i}\n"));
    }
    text.push_str("---\nBody.\n");
    let (_dir, corpus) = load_one("wide.md", &text);
    assert_eq!(post(&corpus, "wide").title, "Wide");
}
