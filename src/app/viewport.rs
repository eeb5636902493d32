//! What is on screen, as a function of the state and the [`geometry`](super::geometry):
//! which post the preview or reader shows and at what width, how many rows each pane
//! has, and where the visible link markers are (for terminal hyperlinks).

use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use super::cache::{CachedRender, RenderKey};
use super::geometry;
use super::state::{App, Focus, Screen};
use crate::index::FacetKind;
use crate::markdown::{line_text, marker_column};
use crate::text::url;

/// The width the preview or the reader renders the shown post at, if one is shown.
pub fn body_width(app: &App) -> Option<u16> {
    if geometry::too_small(app.size) {
        return None;
    }
    match app.screen {
        Screen::Reader => Some(geometry::reader(app.size).body.width),
        Screen::Browse => geometry::browse_of(app)
            .preview
            .map(|p| geometry::inner(p).width.saturating_sub(1)),
    }
}

/// The post the preview or the reader shows.
pub fn shown_post(app: &App) -> Option<u32> {
    match app.screen {
        Screen::Reader => Some(app.reader.post),
        Screen::Browse => app.selected_post(),
    }
}

/// The rendering the screen needs, if it shows a post.
pub fn shown_key(app: &App) -> Option<RenderKey> {
    Some(RenderKey {
        post: shown_post(app)?,
        width: body_width(app)?,
        whole: app.screen == Screen::Reader,
    })
}

/// The rendering on screen, when it has arrived.
pub fn shown_render(app: &App) -> Option<&CachedRender> {
    app.rendered.get(&shown_key(app)?)
}

/// Hits the post list shows at once.
pub fn list_height(app: &App) -> usize {
    usize::from(geometry::inner(geometry::browse_of(app).list).height) / list_row_height(app)
}

/// Screen rows one hit takes: two with a full-text answer (the post, then its best
/// matching line), else one.
pub fn list_row_height(app: &App) -> usize {
    if app.text.on && app.text.found.is_some() {
        2
    } else {
        1
    }
}

/// Rows of a facet pane's entries (one row goes to its filter line while shown).
pub fn pane_height(app: &App, kind: FacetKind) -> usize {
    let l = geometry::browse_of(app);
    let area = match kind {
        FacetKind::Tag => l.tags,
        FacetKind::Author => l.authors,
        FacetKind::Language => l.languages.unwrap_or_default(),
        FacetKind::Year => l.years,
    };
    let pane = app.pane(kind);
    let filter_row = usize::from(pane.filtering || !pane.filter_text().is_empty());
    usize::from(geometry::inner(area).height).saturating_sub(filter_row)
}

/// Rows of the preview's text (0 when it is not shown).
pub fn preview_height(app: &App) -> usize {
    geometry::browse_of(app)
        .preview
        .map_or(0, |p| usize::from(geometry::inner(p).height))
}

/// Scrolls the preview of the selected post by `delta` lines, within its rendering.
pub fn scroll_preview(app: &mut App, delta: i64) {
    let post = app.selected_post();
    let len = match (app.screen, shown_render(app)) {
        (Screen::Browse, Some(r)) => r.rendered.text.lines.len(),
        _ => 0,
    };
    let max = len.saturating_sub(preview_height(app)) as i64;
    let from = app.preview.scroll_of(post) as i64;
    app.preview.post = post;
    app.preview.scroll = from.saturating_add(delta).clamp(0, max.max(0)) as usize;
}

/// Rows of the reader's text.
pub fn reader_height(app: &App) -> usize {
    usize::from(geometry::reader(app.size).body.height)
}

/// Lines of the post in the reader (0 until it is rendered).
pub fn reader_len(app: &App) -> usize {
    if app.screen != Screen::Reader {
        return 0;
    }
    shown_render(app).map_or(0, |r| r.rendered.text.lines.len())
}

/// The largest scroll offset of the reader.
pub fn reader_max_scroll(app: &App) -> usize {
    reader_len(app).saturating_sub(reader_height(app))
}

/// Rows of the pane the keyboard is on.
pub fn focused_height(app: &App) -> usize {
    match app.screen {
        Screen::Reader => reader_height(app),
        Screen::Browse if app.focus == Focus::Preview => preview_height(app),
        Screen::Browse => match app.focused_kind() {
            Some(kind) => pane_height(app, kind),
            None => list_height(app),
        },
    }
}

/// A link marker on screen that can be made a terminal hyperlink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hyperlink {
    /// Screen column of the marker.
    pub x: u16,
    /// Screen row of the marker.
    pub y: u16,
    /// The marker text, e.g. `[3]`.
    pub text: String,
    /// The target (one [`url::check`] accepts).
    pub url: String,
    /// The style the marker is drawn in (filled in from the drawn buffer).
    pub style: Style,
}

/// The link markers visible in the reader, with their screen positions. Only links
/// shelf would open are listed.
pub fn hyperlinks(app: &App) -> Vec<Hyperlink> {
    if app.screen != Screen::Reader || app.help || geometry::too_small(app.size) {
        return Vec::new();
    }
    let area = geometry::reader(app.size).body;
    let Some(rendered) = shown_render(app).map(|r| &r.rendered) else {
        return Vec::new();
    };
    let first = app.reader.scroll;
    let last = first + usize::from(area.height);
    rendered
        .links
        .iter()
        .filter(|l| l.line >= first && l.line < last && url::check(&l.url).is_ok())
        .filter_map(|l| {
            let line = rendered.text.lines.get(l.line)?;
            let col = marker_column(line, l.number)?;
            let before: String = line_text(line).chars().take(col).collect();
            let x = area.x.checked_add(u16::try_from(before.width()).ok()?)?;
            let y = area.y.checked_add(u16::try_from(l.line - first).ok()?)?;
            Some(Hyperlink {
                x,
                y,
                text: format!("[{}]", l.number),
                url: l.url.clone(),
                style: Style::default(),
            })
        })
        .collect()
}
