//! Drawing: functions that only read the [`App`] state and paint a frame. One file
//! per screen region; [`geometry`] (in `app`, so paging and mouse hit-testing agree
//! with it) says where each goes.

mod facets;
mod help;
mod post_list;
mod preview;
mod reader;
mod search_bar;
mod status_bar;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, Screen, geometry};
use crate::index::FacetKind;

/// Paints the whole screen for the current state.
pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if geometry::too_small(area) {
        draw_too_small(frame, area);
        return;
    }
    match app.screen {
        Screen::Browse => {
            let l = geometry::browse(area, geometry::BrowseOptions::of(app));
            search_bar::draw(app, frame, l.search);
            facets::draw(app, frame, l.tags, FacetKind::Tag);
            facets::draw(app, frame, l.authors, FacetKind::Author);
            if let Some(area) = l.languages {
                facets::draw(app, frame, area, FacetKind::Language);
            }
            facets::draw(app, frame, l.years, FacetKind::Year);
            post_list::draw(app, frame, l.list);
            if let Some(area) = l.preview {
                preview::draw(app, frame, area);
            }
            status_bar::draw_browse(app, frame, l.status);
        }
        Screen::Reader => {
            let l = geometry::reader(area);
            reader::draw(app, frame, l.body);
            status_bar::draw_reader(app, frame, l.status);
        }
    }
    if app.help {
        help::draw(app, frame, area);
    }
    theme::finish(frame.buffer_mut(), app.theme, app.colour);
}

fn draw_too_small(frame: &mut Frame<'_>, area: Rect) {
    let message = format!(
        "Terminal too small: {}x{}. shelf needs {}x{}.",
        area.width,
        area.height,
        geometry::MIN_WIDTH,
        geometry::MIN_HEIGHT
    );
    frame.render_widget(Paragraph::new(message).wrap(Wrap { trim: true }), area);
}
