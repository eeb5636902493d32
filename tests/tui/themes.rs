//! Both themes on the real screens: every letter drawn is readable on its background.

use crate::harness::Harness;
use crossterm::event::KeyCode;
use ratatui::style::Modifier;
use shelf::config::Theme;
use shelf::ui::theme::{READABLE, contrast, rgb};

/// The screens a user sees most: the browser, a query, a selected tag, the reader
/// (with a code block and the link list), the help overlay, a status message.
fn screens(theme: Theme) -> Vec<(String, Harness)> {
    let mut out = Vec::new();
    let mut add = |name: &str, script: &dyn Fn(&mut Harness)| {
        let mut h = Harness::bundled(120, 40);
        h.app.theme = theme;
        script(&mut h);
        h.draw();
        out.push((name.to_string(), h));
    };
    add("browse", &|_| {});
    add("query", &|h| h.type_text("/devops"));
    add("tag", &|h| {
        h.tab_to(shelf::app::Focus::Tags);
        h.key(KeyCode::Char(' '));
    });
    add("reader", &|h| {
        h.type_text("/two weeks");
        h.key(KeyCode::Enter);
    });
    add("reader links", &|h| {
        h.type_text("/ghent");
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('l'));
    });
    add("help", &|h| h.key(KeyCode::Char('?')));
    add("message", &|h| {
        h.app.status = Some("could not open the link".into());
    });
    out
}

#[test]
fn every_letter_reads_on_its_background_in_both_themes() {
    for theme in [Theme::Dark, Theme::Light] {
        for (name, h) in screens(theme) {
            let buffer = h.terminal.backend().buffer();
            let mut worst: Option<(f64, String)> = None;
            for y in 0..buffer.area.height {
                for x in 0..buffer.area.width {
                    let cell = &buffer[(x, y)];
                    if !cell.symbol().chars().any(char::is_alphanumeric) {
                        continue;
                    }
                    let (mut fg, mut bg) = (rgb(cell.fg, theme, false), rgb(cell.bg, theme, true));
                    if cell.modifier.contains(Modifier::REVERSED) {
                        std::mem::swap(&mut fg, &mut bg);
                    }
                    let ratio = contrast(fg, bg);
                    if worst.as_ref().is_none_or(|(w, _)| ratio < *w) {
                        worst = Some((
                            ratio,
                            format!(
                                "{:?} at {x},{y} ({:?} on {:?})",
                                cell.symbol(),
                                cell.fg,
                                cell.bg
                            ),
                        ));
                    }
                }
            }
            let (ratio, at) = worst.expect("something is drawn");
            assert!(
                ratio >= READABLE,
                "{theme:?} {name}: contrast {ratio:.2} for {at}\n{}",
                h.screen()
            );
        }
    }
}

#[test]
fn the_light_theme_draws_other_colours_than_the_dark() {
    let dark = &screens(Theme::Dark)[0].1;
    let light = &screens(Theme::Light)[0].1;
    assert_eq!(dark.screen(), light.screen(), "the same characters");
    let colours = |h: &Harness| -> Vec<_> {
        h.terminal
            .backend()
            .buffer()
            .content
            .iter()
            .map(|c| c.fg)
            .collect()
    };
    assert_ne!(colours(dark), colours(light));
}
