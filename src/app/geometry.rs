//! Where each region of the screen goes, as a pure function of the terminal size, so
//! drawing, paging and mouse hit-testing all agree.

use ratatui::layout::{Constraint, Layout, Rect};

use super::state::App;
use crate::index::FacetKind;

/// Below this size the browser shows a "too small" notice instead.
pub const MIN_WIDTH: u16 = 40;
/// Below this height the browser shows a "too small" notice instead.
pub const MIN_HEIGHT: u16 = 10;
/// The preview pane appears from this width on (unless hidden with `p`).
pub const PREVIEW_MIN_WIDTH: u16 = 100;
/// The preview's share of the screen's width, in percent: enough for a paragraph,
/// little enough that the list keeps room for whole titles.
pub const PREVIEW_SHARE: u16 = 30;
/// A facet pane with no entries shrinks to this height (border and "(none)").
const EMPTY_PANE_HEIGHT: u16 = 3;
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
    /// The Languages pane, when the archive has several languages.
    pub languages: Option<Rect>,
    /// The Years pane (the timeline), at the bottom of the facet column.
    pub years: Rect,
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

/// What the browse layout depends on besides the terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrowseOptions {
    /// The user wants the preview (it still needs [`PREVIEW_MIN_WIDTH`]).
    pub preview: bool,
    /// The archive has no tags: the Tags pane shrinks to one line.
    pub no_tags: bool,
    /// The archive has no authors: the Authors pane shrinks to one line.
    pub no_authors: bool,
    /// Languages in the archive: a Languages pane shows when there are two or more.
    pub languages: usize,
    /// Rows of the Years pane: the years and undated, and the months of an opened year.
    pub years: usize,
}

impl Default for BrowseOptions {
    fn default() -> Self {
        BrowseOptions {
            preview: true,
            no_tags: false,
            no_authors: false,
            languages: 0,
            years: 0,
        }
    }
}

impl BrowseOptions {
    /// The options the state asks for.
    pub fn of(app: &App) -> Self {
        let facets = &app.library.index.facets;
        BrowseOptions {
            preview: app.preview.shown,
            no_tags: facets.entries(FacetKind::Tag).is_empty(),
            no_authors: facets.entries(FacetKind::Author).is_empty(),
            languages: facets.entries(FacetKind::Language).len(),
            years: facets.periods().max(app.years.rows.len()),
        }
    }
}

/// The browse layout of the state's screen.
pub fn browse_of(app: &App) -> BrowseLayout {
    browse(app.size, BrowseOptions::of(app))
}

/// Splits the browse screen.
pub fn browse(area: Rect, options: BrowseOptions) -> BrowseLayout {
    let [search, main, status] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area);
    let facet_width = (area.width / 6).clamp(16, 30);
    let [facets, rest] =
        Layout::horizontal([Constraint::Length(facet_width), Constraint::Min(10)]).areas(main);
    let split = match (options.no_tags, options.no_authors) {
        (true, false) => [Constraint::Length(EMPTY_PANE_HEIGHT), Constraint::Min(0)],
        (false, true) => [Constraint::Min(0), Constraint::Length(EMPTY_PANE_HEIGHT)],
        _ => [Constraint::Percentage(50), Constraint::Percentage(50)],
    };
    // The Years pane at the bottom, as tall as its rows (a third at most, and on a
    // short terminal no more than an empty pane).
    let wanted = u16::try_from(options.years + 2).unwrap_or(u16::MAX);
    let height = wanted
        .min(facets.height / 3)
        .max(EMPTY_PANE_HEIGHT)
        .min(facets.height);
    let [facets, years] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(facets);
    // A Languages pane under the others, as tall as its entries (a quarter at most).
    let (facets, languages) = if options.languages >= 2 {
        let wanted = u16::try_from(options.languages + 2).unwrap_or(u16::MAX);
        let height = wanted.min(facets.height / 4).max(EMPTY_PANE_HEIGHT);
        let [rest, languages] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(height)]).areas(facets);
        (rest, Some(languages))
    } else {
        (facets, None)
    };
    let [tags, authors] = Layout::vertical(split).areas(facets);
    let (list, preview) = if options.preview && area.width >= PREVIEW_MIN_WIDTH {
        let share = area.width * PREVIEW_SHARE / 100;
        let [list, preview] =
            Layout::horizontal([Constraint::Min(10), Constraint::Length(share)]).areas(rest);
        (list, Some(preview))
    } else {
        (rest, None)
    };
    BrowseLayout {
        search,
        tags,
        authors,
        languages,
        years,
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
        let shown = BrowseOptions::default();
        assert!(browse(Rect::new(0, 0, 120, 40), shown).preview.is_some());
        assert!(browse(Rect::new(0, 0, 80, 24), shown).preview.is_none());
        let hidden = BrowseOptions {
            preview: false,
            ..shown
        };
        let l = browse(Rect::new(0, 0, 120, 40), hidden);
        assert!(l.preview.is_none());
        assert_eq!(l.tags.width + l.list.width, 120, "the list takes the room");
    }

    #[test]
    fn the_preview_takes_a_share_and_leaves_the_list_room_for_titles() {
        let l = browse(Rect::new(0, 0, 120, 40), BrowseOptions::default());
        assert_eq!(l.preview.map(|p| p.width), Some(36));
        // Marker, date, gap, a 48-character title, trailing space, borders.
        assert!(l.list.width >= 1 + 10 + 1 + 48 + 1 + 2, "{}", l.list.width);
    }

    #[test]
    fn an_empty_facet_pane_gives_its_height_to_the_other() {
        let options = BrowseOptions {
            no_authors: true,
            ..BrowseOptions::default()
        };
        let l = browse(Rect::new(0, 0, 120, 40), options);
        assert_eq!(l.authors.height, EMPTY_PANE_HEIGHT);
        assert_eq!(l.tags.height, 36 - EMPTY_PANE_HEIGHT - l.years.height);
    }

    #[test]
    fn regions_tile_the_screen() {
        let l = browse(Rect::new(0, 0, 120, 40), BrowseOptions::default());
        assert_eq!(l.search.height, 3);
        assert_eq!(l.status.y, 39);
        assert_eq!(l.tags.height + l.authors.height + l.years.height, 36);
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
