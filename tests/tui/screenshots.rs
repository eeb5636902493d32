//! The pictures in `screenshots/`: the real app on the bundled archive, drawn on a
//! `TestBackend` and saved as SVG. The test fails when a picture no longer matches what
//! the app draws; `SHELF_UPDATE_SCREENSHOTS=1 cargo test --test tui screenshots` redraws
//! them all. A new picture is one more entry in [`SCENARIOS`].

use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;

use crate::harness::Harness;
use crate::svg::{Canvas, buffer_to_svg_on};

/// The variable that makes the test write the pictures instead of checking them.
const UPDATE_VARIABLE: &str = "SHELF_UPDATE_SCREENSHOTS";
/// The command that redraws the pictures, as the failure message gives it.
const UPDATE_COMMAND: &str = "SHELF_UPDATE_SCREENSHOTS=1 cargo test --test tui screenshots";
/// The terminal every picture is taken at.
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// One picture: the file it is saved as, the keys that bring the app to it, and text the
/// screen must show once there (so a picture cannot quietly stop showing its subject).
struct Scenario {
    file: &'static str,
    drive: fn(&mut Harness),
    shows: &'static [&'static str],
}

/// The terminal a scenario's picture is drawn on: light for the light theme.
fn canvas_of(h: &Harness) -> Canvas {
    match h.app.theme {
        shelf::config::Theme::Dark => Canvas::DARK,
        shelf::config::Theme::Light => Canvas::LIGHT,
    }
}

/// Every picture in `screenshots/`, in the order `screenshots/README.md` lists them.
const SCENARIOS: &[Scenario] = &[
    Scenario {
        file: "browser.svg",
        drive: |_| {},
        shows: &["Search", "Tags", "Authors", "Posts", "Preview"],
    },
    Scenario {
        file: "fuzzy-query.svg",
        drive: |h| h.type_text("/devops"),
        shows: &["devops"],
    },
    Scenario {
        file: "tag-and-author.svg",
        drive: |h| {
            h.tab_to(shelf::app::Focus::Tags);
            h.type_text("/devops");
            h.key(KeyCode::Enter);
            h.tab_to(shelf::app::Focus::Authors);
            h.type_text("/debois");
            h.key(KeyCode::Enter);
        },
        shows: &["✓ DevOps", "✓ Patrick Debo"],
    },
    Scenario {
        file: "reader-links.svg",
        drive: |h| {
            h.type_text("/two weeks");
            h.key(KeyCode::Enter);
            h.key(KeyCode::Char('l')); // the link list
        },
        shows: &["Devopsdays09 - Two Weeks Later", "Links"],
    },
    Scenario {
        file: "help.svg",
        drive: |h| h.key(KeyCode::Char('?')),
        shows: &["Keys"],
    },
    Scenario {
        file: "light-theme.svg",
        drive: |h| {
            h.app.theme = shelf::config::Theme::Light;
            h.type_text("/paris");
            h.draw();
        },
        shows: &["DevOpsDays Paris"],
    },
];

fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots")
}

/// The scenario's picture as the app draws it now.
fn render(scenario: &Scenario) -> String {
    let mut h = Harness::bundled(WIDTH, HEIGHT);
    (scenario.drive)(&mut h);
    let screen = h.screen();
    for text in scenario.shows {
        assert!(
            screen.contains(text),
            "{}: the screen should show {text:?}:\n{screen}",
            scenario.file
        );
    }
    buffer_to_svg_on(h.terminal.backend().buffer(), canvas_of(&h))
}

#[test]
fn screenshots_match_the_app() {
    let dir = screenshots_dir();
    let update = std::env::var_os(UPDATE_VARIABLE).is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for scenario in SCENARIOS {
        let path = dir.join(scenario.file);
        let svg = render(scenario);
        let saved = std::fs::read_to_string(&path).ok();
        if saved.as_deref() == Some(svg.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&path, &svg).expect("write screenshot");
            eprintln!("updated screenshots/{}", scenario.file);
        } else {
            let state = if saved.is_some() {
                "out of date"
            } else {
                "missing"
            };
            stale.push(format!("screenshots/{} is {state}", scenario.file));
        }
    }
    let listed: Vec<&str> = SCENARIOS.iter().map(|s| s.file).collect();
    for entry in std::fs::read_dir(&dir).expect("read screenshots/") {
        let path = entry.expect("screenshots/ entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.extension().is_some_and(|e| e == "svg") && !listed.contains(&name) {
            if update {
                std::fs::remove_file(&path).expect("remove a picture no scenario draws");
                eprintln!("removed screenshots/{name}");
            } else {
                stale.push(format!("screenshots/{name} is drawn by no scenario"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the screenshots do not match the app:\n  {}\nregenerate them with:\n  {UPDATE_COMMAND}",
        stale.join("\n  ")
    );
}

#[test]
fn every_scenario_draws_a_different_picture() {
    let pictures: Vec<String> = SCENARIOS.iter().map(render).collect();
    for (i, a) in pictures.iter().enumerate() {
        for (j, b) in pictures.iter().enumerate().skip(i + 1) {
            assert_ne!(
                a, b,
                "{} and {} are the same picture",
                SCENARIOS[i].file, SCENARIOS[j].file
            );
        }
    }
}
