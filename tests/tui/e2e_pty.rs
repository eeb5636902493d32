//! End-to-end: the real `shelf` binary in a pseudo-terminal, its screen read back
//! with a vt100 parser. Checks what a user sees and that the terminal is given back
//! (main screen, cursor shown, mouse capture off) however shelf ends.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, SlavePty, native_pty_system};

/// How long to wait for something to appear: generous, since CI machines are slow.
const PATIENCE: Duration = Duration::from_secs(30);

/// An empty config file of this test run's own, so the user's config never leaks in.
fn empty_config() -> &'static std::path::Path {
    static FILE: std::sync::OnceLock<tempfile::NamedTempFile> = std::sync::OnceLock::new();
    FILE.get_or_init(|| tempfile::NamedTempFile::new().expect("config file"))
        .path()
}

/// A cache folder of this test run's own, so the user's cache is never touched.
fn test_cache_dir() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("cache tempdir"))
        .path()
}

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte shelf wrote, to check what it sent, not only where it ended.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// The terminal's side shelf runs on, held open as long as the session: were it
    /// closed when shelf exits, Linux hangs the terminal up and can drop what shelf
    /// wrote last (its error line, say) before the reader thread has read it.
    _slave: Box<dyn SlavePty + Send>,
    /// A data dir of the session's own (what it remembers), unless the test names one.
    _data: tempfile::TempDir,
}

impl Session {
    /// Starts shelf with `args` in a 120x40 terminal, with extra environment.
    fn start(args: &[&str], env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shelf"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("SHELF_CONFIG", empty_config());
        cmd.env("SHELF_CACHE_DIR", test_cache_dir());
        let data = tempfile::tempdir().expect("data tempdir");
        cmd.env("SHELF_DATA_DIR", data.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn shelf");
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(40).expect("rows"),
            std::num::NonZero::new(120).expect("cols"),
            0,
        )));
        let feed = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&raw);
        thread::spawn(move || {
            // Keep the master alive as long as the reader runs.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut r) = record.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _slave: pty.slave,
            _data: data,
        }
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen shown.
    fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if self.parser.lock().is_ok_and(|p| ok(p.screen())) {
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contents().contains(text));
    }

    fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("write to pty");
        self.writer.flush().expect("flush pty");
        thread::sleep(Duration::from_millis(100));
    }

    /// The bytes written so far.
    fn raw(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Waits for the process to end and the terminal to be restored.
    fn wait_exit_restored(self) {
        self.wait_exit_status();
    }

    /// Waits for the process to end and the terminal to be restored; returns how it
    /// ended.
    fn wait_exit_status(mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                break status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "shelf did not exit; screen:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(50));
        };
        self.wait_for("the terminal to be restored", |s| {
            !s.alternate_screen()
                && !s.hide_cursor()
                && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
        status
    }
}

#[test]
fn search_open_and_quit_restores_the_terminal() {
    let mut s = Session::start(&[], &[]);
    s.wait_text("5 of 5 posts");
    s.wait_for("the alternate screen", |s| {
        s.alternate_screen() && s.hide_cursor()
    });
    s.send("/paris");
    s.wait_for("the query to filter", |s| {
        let text = s.contents();
        text.contains("┃paris") && !text.contains("5 of 5 posts")
    });
    s.send("\r");
    // The reader shows the Paris post's own text.
    s.wait_text("I recently helped organise the inaugural Paris edition");
    s.send("q");
    s.wait_text("query: paris");
    s.send("q");
    s.wait_exit_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let s = Session::start(&[], &[]);
    s.wait_text("5 of 5 posts");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    s.wait_exit_restored();
}

/// A `BROWSER` script that records its arguments, one per line after their count.
fn recording_browser(dir: &std::path::Path) -> (String, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let record = dir.join("opened.txt");
    let script = dir.join("record-browser");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" >> '{}'\n",
            record.display()
        ),
    )
    .expect("write script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    (script.to_string_lossy().into_owned(), record)
}

fn wait_file(path: &std::path::Path) -> String {
    let start = Instant::now();
    loop {
        if let Some(text) = std::fs::read_to_string(path).ok().filter(|t| !t.is_empty()) {
            return text;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "{} never written",
            path.display()
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn link_number_then_enter_opens_exactly_that_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (browser, record) = recording_browser(dir.path());
    let mut s = Session::start(&[], &[("BROWSER", &browser)]);
    s.wait_text("5 of 5 posts");
    s.send("/two weeks");
    s.send("\r");
    s.wait_text("Devopsdays 09[2]");
    // [1] is the logo, a relative URL: refused, nothing run.
    s.send("1");
    s.send("\r");
    s.wait_text("refused");
    s.send("2");
    s.send("\r");
    assert_eq!(wait_file(&record), "1\nhttp://www.devopsdays.org/\n");
    s.send("q");
    s.send("q");
    s.wait_exit_restored();
}

#[test]
fn javascript_links_are_refused_and_nothing_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (browser, record) = recording_browser(dir.path());
    let posts = dir.path().join("posts");
    std::fs::create_dir(&posts).expect("mkdir");
    std::fs::write(
        posts.join("js.md"),
        "---\ntitle: Links of all kinds\n---\n[click me](javascript:alert(1)) or [the site](https://example.com/page)\n",
    )
    .expect("write post");
    let mut s = Session::start(&[&posts.to_string_lossy()], &[("BROWSER", &browser)]);
    s.wait_text("1 of 1 posts");
    s.send("\r");
    s.wait_text("click me[1]");
    s.send("1\r");
    s.wait_text("refused: javascript: links are not opened");
    thread::sleep(Duration::from_millis(300));
    assert!(!record.exists(), "the browser ran for a javascript: link");
    // Tab focuses the first link, Tab again the second; o opens it.
    s.send("\t\to");
    assert_eq!(wait_file(&record), "1\nhttps://example.com/page\n");
    s.send("qq");
    s.wait_exit_restored();
}

#[test]
fn an_error_after_terminal_setup_still_restores_the_terminal() {
    let session = Session::start(&[], &[("SHELF_FAULT", "after-terminal-setup")]);
    session.wait_text("failing after terminal set-up");
    let raw = session.raw();
    let find = |needle: &[u8]| raw.windows(needle.len()).position(|w| w == needle);
    let entered = find(b"\x1b[?1049h").expect("the alternate screen was entered");
    let left = find(b"\x1b[?1049l").expect("and left again");
    assert!(entered < left);
    let status = session.wait_exit_status();
    assert!(!status.success(), "an error exits non-zero");
}

#[test]
fn keys_are_answered_while_a_large_archive_is_still_loading() {
    // Enough posts for several chunks, each held back a moment by the loader (the
    // `slow-load` fault), so the keys below arrive mid-load on a machine of any speed.
    let dir = tempfile::tempdir().expect("tempdir");
    for folder in 0..20 {
        let sub = dir.path().join(format!("f{folder:02}"));
        std::fs::create_dir(&sub).expect("mkdir");
        for i in 0..1000 {
            let text = format!(
                "---\ntitle: Streaming post {folder} {i}\ntags: [t{}]\n---\n{}\n",
                i % 50,
                "Some words of a body. ".repeat(20)
            );
            std::fs::write(sub.join(format!("p{i:04}.md")), text).expect("write");
        }
    }
    let root = dir.path().to_str().expect("utf-8 temp path");
    let mut s = Session::start(&[root], &[("SHELF_FAULT", "slow-load")]);
    // The count shows while the posts stream in, and part of the archive is listed.
    s.wait_for("progress and the first posts", |s| {
        let text = s.contents();
        text.contains(" read ") && text.contains("Streaming post")
    });
    // Help opens and closes, and a query filters what is there, all while loading.
    s.send("?");
    s.wait_text("Keys");
    s.send("\x1b");
    s.wait_for("help to close", |s| !s.contents().contains("Keys"));
    assert!(s.screen().contains("loading"), "{}", s.screen());
    s.send("/streaming post 7 ");
    s.wait_text("query: streaming post 7");
    // When everything is read, the count goes and all 20,000 posts are there.
    s.send("\x1b");
    s.send("\x1b");
    s.wait_text("20000 of 20000 posts");
    assert!(!s.screen().contains("loading"));
    s.send("q");
    s.wait_exit_restored();
}

/// The text of row `y` of the screen.
fn row_text(screen: &vt100::Screen, y: u16) -> String {
    let (_, cols) = screen.size();
    (0..cols.get())
        .filter_map(|x| screen.cell(y, x))
        .map(|c| match c.contents() {
            // Cells never written (ratatui skips spaces that did not change) are blank.
            "" => " ".to_string(),
            text => text.to_string(),
        })
        .collect()
}

#[test]
fn without_colour_the_facet_cursor_and_the_focused_pane_still_show() {
    let mut s = Session::start(&["--theme", "dark"], &[("NO_COLOR", "1")]);
    s.wait_text("5 of 5 posts");
    // List → Preview → Search → Tags → Authors, then one down.
    s.send("\t\t\t\tj");
    s.wait_for(
        "the Authors pane focused with its cursor on the second entry",
        |screen| {
            let (rows, _) = screen.size();
            let authors_title =
                (0..rows.get()).find(|&y| row_text(screen, y).contains("Authors 5"));
            let Some(title) = authors_title else {
                return false;
            };
            // A heavy border marks the focused pane; the marker and reverse video the row.
            let heavy = row_text(screen, title).starts_with('┏');
            let cursor_row = title + 2;
            let marked = row_text(screen, cursor_row).starts_with("┃▌");
            let reversed = screen.cell(cursor_row, 3).is_some_and(|c| c.inverse());
            heavy && marked && reversed
        },
    );
    // No colour reached the terminal.
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    for sgr in ["\x1b[38;5;", "\x1b[36m", "\x1b[33m", "\x1b[48;5;"] {
        assert!(!raw.contains(sgr), "a colour was sent: {sgr:?}");
    }
}

#[test]
fn a_bookmark_the_read_mark_and_the_cursor_survive_a_restart() {
    let data = tempfile::tempdir().expect("data dir");
    let data_dir = data.path().to_str().expect("utf-8 path");
    let env = [("SHELF_DATA_DIR", data_dir)];
    let mut s = Session::start(&[], &env);
    s.wait_text("5 of 5 posts · 5 unread");
    s.send("jj");
    s.send("\r");
    s.wait_text("Devopsdays09 - Two Weeks Later");
    s.wait_text("l links");
    s.send("m");
    s.wait_text("bookmarked");
    s.send("q");
    s.wait_text("4 unread");
    s.send("q");
    s.wait_exit_restored();

    let s = Session::start(&[], &env);
    // The same post under the cursor, read (no unread dot) and bookmarked.
    s.wait_text("▌★ 2009-11-15 Devopsdays09 - Two Weeks Later");
    s.wait_text("5 of 5 posts · 4 unread");
    let mut s = s;
    s.send("q");
    s.wait_exit_restored();

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(["list", "--bookmarked", "--json"])
        .env("SHELF_CONFIG", empty_config())
        .env("SHELF_CACHE_DIR", test_cache_dir())
        .env("SHELF_DATA_DIR", data.path())
        .output()
        .expect("run shelf list");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["title"], "Devopsdays09 - Two Weeks Later");
    assert_eq!(listed[0]["bookmarked"], true);
    assert_eq!(listed[0]["read"], true);
}

#[test]
fn two_browsers_on_one_archive_both_keep_their_bookmarks() {
    let data = tempfile::tempdir().expect("data dir");
    let env = [("SHELF_DATA_DIR", data.path().to_str().expect("utf-8 path"))];
    let mut first = Session::start(&[], &env);
    let mut second = Session::start(&[], &env);
    first.wait_text("5 of 5 posts");
    second.wait_text("5 of 5 posts");
    first.send("m");
    second.send("j");
    second.send("m");
    first.wait_text("▌★ 2019-08-08 Celebrate");
    second.wait_text("▌★ 2011-11-04 Devops Days");
    first.send("q");
    second.send("q");
    first.wait_exit_restored();
    second.wait_exit_restored();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(["list", "--bookmarked"])
        .env("SHELF_CONFIG", empty_config())
        .env("SHELF_CACHE_DIR", test_cache_dir())
        .env("SHELF_DATA_DIR", data.path())
        .output()
        .expect("run shelf list");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(
        listed.contains("Celebrate the beginning of DevOps"),
        "{listed}"
    );
    assert!(listed.contains("Devops Days"), "{listed}");
}

#[test]
fn a_data_dir_that_cannot_be_made_gives_a_session_that_saves_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").expect("write");
    let data = file.join("data");
    let env = [("SHELF_DATA_DIR", data.to_str().expect("utf-8 path"))];
    let mut s = Session::start(&[], &env);
    // The database's notice can come before the whole archive: `m` waits for both, or
    // it could mark a post of a list still filling in.
    s.wait_for("the notice and the whole list", |screen| {
        let text = screen.contents();
        text.contains("nothing is saved this session") && text.contains("The road to DevOps")
    });
    s.send("m");
    s.wait_text("▌★ 2019-08-08 Celebrate");
    s.send("\r");
    s.wait_text("l links");
    s.send("q");
    s.send("q");
    s.wait_exit_restored();
    assert!(!data.exists());
}

#[test]
fn full_text_search_opens_the_reader_on_the_highlighted_match() {
    let mut s = Session::start(&[], &[]);
    s.wait_text("5 of 5 posts");
    s.send("/");
    s.send("\x14");
    s.wait_text("Full text");
    s.send("Mozilla");
    s.wait_text("1 of 5 posts");
    s.send("\r");
    s.wait_text("match 1 of");
    s.wait_for("the match highlighted on screen", |screen| {
        let text = screen.contents();
        let Some(row) = text.lines().position(|l| l.contains("Mozilla")) else {
            return false;
        };
        let col = text
            .lines()
            .nth(row)
            .and_then(|l| l.find("Mozilla"))
            .unwrap_or(0);
        let col = text
            .lines()
            .nth(row)
            .map_or(0, |l| l[..col].chars().count());
        screen
            .cell(row as u16, col as u16)
            .is_some_and(|cell| cell.inverse() || cell.bgcolor() != vt100::Color::Default)
    });
    s.send("q");
    s.send("q");
    s.wait_exit_restored();
}
