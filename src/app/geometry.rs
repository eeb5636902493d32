//! Where each region of the screen goes, as a pure function of the terminal size, so
//! drawing, paging and mouse hit-testing all agree.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this size the browser shows a "too small" notice instead.
pub const MIN_WIDTH: u16 = 40;
/// Below this height the browser shows a "too small" notice instead.
pub const MIN_HEIGHT: u16 = 10;
/// The preview pane appears from this width on.
pub const PREVIEW_MIN_WIDTH: u16 = 110;
/// The reader's text column is at most this wide, for comfortable reading.
pub const READER_MAX_WIDTH: u16 = 100;

/// The regions of the browse screen. Every pane has a one-cell border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BrowseLayout {
    /// The search box (with its border).
    pub search: Rect,
    /// The Tags pane.
    pub tags: Rect,
    /// The Authors pane.
    pub authors: Rect,
    /// The post list.
    pub list: Rect,
    /// The preview, when wide enough.
    pub preview: Option<Rect>,
    /// The status bar (one line).
    pub status: Rect,
}

/// The regions of the reader screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderLayout {
    /// The post text column (header and body), centred.
    pub body: Rect,
    /// The status bar.
    pub status: Rect,
}

/// True when the terminal is too small to draw anything useful.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Splits the browse screen.
pub fn browse(area: Rect) -> BrowseLayout {
    let [search, main, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let facet_width = (area.width / 6).clamp(16, 30);
    let [facets, rest] =
        Layout::horizontal([Constraint::Length(facet_width), Constraint::Min(10)]).areas(main);
    let [tags, authors] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(facets);
    let (list, preview) = if area.width >= PREVIEW_MIN_WIDTH {
        let [list, preview] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(rest);
        (list, Some(preview))
    } else {
        (rest, None)
    };
    BrowseLayout {
        search,
        tags,
        authors,
        list,
        preview,
        status,
    }
}

/// Splits the reader screen.
pub fn reader(area: Rect) -> ReaderLayout {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let width = main.width.saturating_sub(4).min(READER_MAX_WIDTH);
    let x = main.x + (main.width.saturating_sub(width)) / 2;
    ReaderLayout {
        body: Rect::new(x, main.y, width, main.height),
        status,
    }
}

/// How many of `lines` help lines fit on a screen of `area` (inside the border).
pub fn help_height(area: Rect, lines: usize) -> usize {
    usize::from(area.height.saturating_sub(2)).min(lines)
}

/// The inside of a bordered region.
pub fn inner(area: Rect) -> Rect {
    Rect::new(
        area.x.saturating_add(1),
        area.y.saturating_add(1),
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_collapses_on_narrow_terminals() {
        assert!(browse(Rect::new(0, 0, 120, 40)).preview.is_some());
        assert!(browse(Rect::new(0, 0, 80, 24)).preview.is_none());
    }

    #[test]
    fn regions_tile_the_screen() {
        let l = browse(Rect::new(0, 0, 120, 40));
        assert_eq!(l.search.height, 3);
        assert_eq!(l.status.y, 39);
        assert_eq!(l.tags.height + l.authors.height, 36);
        assert_eq!(
            l.tags.width + l.list.width + l.preview.map_or(0, |p| p.width),
            120
        );
    }

    #[test]
    fn reader_column_is_centred_and_bounded() {
        let r = reader(Rect::new(0, 0, 300, 100));
        assert_eq!(r.body.width, READER_MAX_WIDTH);
        assert_eq!(r.body.x, 100);
        assert_eq!(reader(Rect::new(0, 0, 1, 1)).body.width, 0);
    }
}
