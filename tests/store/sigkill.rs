//! A shelf killed with SIGKILL mid-write loses nothing it was told was saved, and
//! leaves a sound database. The child is this test binary itself, running the ignored
//! [`child_marks_until_killed`] with [`CHILD_ENV`] set, so the product has no hook.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use shelf::store::PositionChange;

use super::*;

/// Set (to the database's path) in the child's environment.
const CHILD_ENV: &str = "SHELF_STORE_TEST_CHILD";
/// Which round the child is in, so its post ids differ from the last round's.
const ROUND_ENV: &str = "SHELF_STORE_TEST_ROUND";
/// What starts each line the child prints for a saved mark.
const SAVED: &str = "saved ";
const ROUNDS: usize = 8;

#[test]
#[ignore = "the child the SIGKILL test runs and kills; does nothing on its own"]
fn child_marks_until_killed() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let round = std::env::var(ROUND_ENV).unwrap();
    let mut store = store_at(std::path::Path::new(&path));
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let id = format!("r{round}/p{n}");
        store
            .mark(ARCHIVE, &change(&id, n, Some(true), Some(n % 2 == 1)))
            .unwrap();
        if n % 5 == 0 {
            let position = PositionChange {
                id: id.clone(),
                fingerprint: n,
                line: n as usize,
            };
            store.save_position(ARCHIVE, &position).unwrap();
        }
        // Only now that `mark` returned Ok.
        writeln!(out, "{SAVED}{id}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn marks_saved_before_a_sigkill_are_all_there() {
    let (_dir, path) = temp_db();
    let exe = std::env::current_exe().unwrap();
    let mut saved: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "sigkill::child_marks_until_killed",
                "--exact",
                "--nocapture",
                "--include-ignored",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env(ROUND_ENV, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines, seen) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let mut complete = Vec::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 {
                // A line cut by the kill (no newline) was never fully printed.
                if let Some(id) = line.strip_suffix('\n').and_then(|l| l.strip_prefix(SAVED)) {
                    complete.push(id.to_string());
                    let _ = lines.send(());
                }
                line.clear();
            }
            complete
        });
        // Kill at a different point each round: after 1, 13, 25, ... saved marks, plus
        // whatever the child does while the signal is on its way.
        let wait_for = 1 + round * 12;
        for _ in 0..wait_for {
            if seen.recv().is_err() {
                let output = child.wait_with_output().unwrap();
                panic!(
                    "the child stopped on its own: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
        child.kill().unwrap(); // SIGKILL on Unix.
        let status = child.wait().unwrap();
        assert!(!status.success(), "{status:?}");
        let complete = reader.join().unwrap();
        assert!(
            complete.len() >= wait_for,
            "round {round}: {}",
            complete.len()
        );
        saved.extend(complete);
    }

    assert_eq!(integrity(&path), "ok");
    let store = store_at(&path);
    let book = store.book(ARCHIVE).unwrap();
    for id in &saved {
        let n: u64 = id.rsplit("/p").next().unwrap().parse().unwrap();
        assert_eq!(
            book.by_id.get(id),
            Some(&mark(true, n % 2 == 1)),
            "{id} was lost"
        );
    }
    assert_eq!(integrity(&path), "ok");
}
