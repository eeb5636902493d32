//! The post list: date, title (query matches highlighted), authors, tags. Only the
//! visible rows are built, so a 100k-post list costs no more than a 10-post one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::app::geometry;
use crate::app::{App, Focus, Screen, TextLine, viewport};
use crate::text::fit;
use crate::text::sanitize;

/// The most other languages a translated post's row names (the rest are counted).
const LANGUAGES_SHOWN: usize = 4;

/// What the visible rows hold, in columns: a column none of them needs takes no room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Needs {
    /// Some row has a date.
    date: bool,
    /// The widest title.
    title: usize,
    /// The widest author line.
    authors: usize,
    /// The widest tag line.
    tags: usize,
    /// The widest language list of a translated post.
    languages: usize,
}

/// Column widths of a row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Columns {
    date: usize,
    title: usize,
    authors: usize,
    tags: usize,
    languages: usize,
}

/// The most an author or tag column takes: enough to say who or what.
const AUTHORS_MAX: usize = 20;
const TAGS_MAX: usize = 24;
const LANGUAGES_MAX: usize = 18;
/// A side column narrower than this says nothing useful and is left out.
const SIDE_MIN: usize = 8;
/// The marks column: a bookmarked post, an unread one, a read one.
const BOOKMARKED_MARK: &str = "★ ";
const UNREAD_MARK: &str = "• ";
const READ_MARK: &str = "  ";
/// Columns the marks take.
const MARKS_WIDTH: usize = 2;
/// What a draft's title starts with in the list.
const DRAFT_MARK: &str = "✎ ";
/// `YYYY-MM-DD`.
const DATE_WIDTH: usize = 10;

/// Column widths for a list of inner width `width` (a cursor marker and a trailing
/// space take two). The title gets the room first: tags, then authors, give way
/// before it is cut; a column no visible row needs takes none.
fn columns(width: usize, needs: Needs) -> Columns {
    let date = if needs.date && width >= 40 {
        DATE_WIDTH
    } else {
        0
    };
    let avail = width.saturating_sub(2 + date + usize::from(date > 0));
    let mut left = avail.saturating_sub(needs.title);
    let mut side = |need: usize, max: usize| {
        let w = need.min(max).min(left.saturating_sub(1));
        if need == 0 || w < need.min(SIDE_MIN) {
            return 0;
        }
        left -= w + 1;
        w
    };
    let authors = side(needs.authors, AUTHORS_MAX);
    let tags = side(needs.tags, TAGS_MAX);
    let languages = side(needs.languages, LANGUAGES_MAX);
    let gaps = [authors, tags, languages]
        .iter()
        .filter(|w| **w > 0)
        .count();
    Columns {
        date,
        title: avail.saturating_sub(authors + tags + languages + gaps),
        authors,
        tags,
        languages,
    }
}

/// Draws the list.
pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    // Typing in the search box moves the list too: its cursor shows as focused, its
    // border does not (the box has the keyboard).
    let focused = app.screen == Screen::Browse && matches!(app.focus, Focus::List | Focus::Search);
    let has_keyboard = app.screen == Screen::Browse && app.focus == Focus::List;
    let title = format!(
        " Posts {}/{}{} ",
        app.hits.len(),
        app.library.corpus.posts.len(),
        if app.search_pending {
            " · searching…"
        } else {
            ""
        }
    );
    let block = theme::pane(title, has_keyboard);
    frame.render_widget(block, area);
    let inner = geometry::inner(area);
    let height = viewport::list_height(app);
    // A full-text answer: under each hit, its best matching line.
    let text_lines = app
        .text
        .found
        .as_ref()
        .filter(|_| viewport::list_row_height(app) == 2);
    // A translated post lists its languages: its own first, then the others' (in
    // language order already), the first few of them and how many more.
    let languages_of = |post: u32| -> String {
        let facets = &app.library.index.facets;
        let group = facets.translation_group(post);
        if group.len() < 2 {
            return String::new();
        }
        let language = |p: u32| {
            app.library
                .post(p)
                .and_then(|p| p.language.as_deref())
                .map(|l| sanitize::line(l).into_owned())
                .unwrap_or_default()
        };
        let others = group.iter().filter(|&&p| p != post);
        let mut shown: Vec<String> = std::iter::once(language(post))
            .chain(others.take(LANGUAGES_SHOWN).map(|&p| language(p)))
            .collect();
        let more = (group.len() - 1).saturating_sub(LANGUAGES_SHOWN);
        if more > 0 {
            shown.push(format!("+{more}"));
        }
        shown.join(" ")
    };
    let visible = || {
        app.hits
            .iter()
            .skip(app.list.offset)
            .take(height)
            .filter_map(|hit| Some((hit, app.library.post(hit.post)?)))
    };
    let needs = visible().fold(Needs::default(), |n, (hit, post)| Needs {
        date: n.date || post.date.is_some(),
        title: n.title.max(
            fit::display_width(&sanitize::line(&post.title))
                + if post.draft {
                    fit::display_width(DRAFT_MARK)
                } else {
                    0
                },
        ),
        authors: n.authors.max(joined_width(&post.authors)),
        tags: n.tags.max(joined_width(&post.tags)),
        languages: n.languages.max(fit::display_width(&languages_of(hit.post))),
    });
    let Columns {
        date: date_w,
        title: title_w,
        authors: authors_w,
        tags: tags_w,
        languages: languages_w,
    } = columns(usize::from(inner.width).saturating_sub(MARKS_WIDTH), needs);
    let marks = &app.memory.marks;
    let mut lines = Vec::with_capacity(height);
    for (row, hit) in app
        .hits
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(height)
    {
        let Some(post) = app.library.post(hit.post) else {
            continue;
        };
        let row_style = if row == app.list.selected {
            if focused {
                theme::cursor()
            } else {
                theme::cursor_unfocused()
            }
        } else {
            Style::default()
        };
        let marker = if row == app.list.selected {
            theme::CURSOR_MARKER
        } else {
            " "
        };
        let mut spans = vec![Span::styled(
            marker,
            row_style.patch(theme::focused_border()),
        )];
        // Bookmarked, else unread, else nothing: a glyph, so it shows without colour.
        let (mark, mark_style) = if marks.is_bookmarked(hit.post) {
            (BOOKMARKED_MARK, theme::bookmark())
        } else if !marks.is_read(hit.post) {
            (UNREAD_MARK, theme::unread())
        } else {
            (READ_MARK, Style::default())
        };
        spans.push(Span::styled(mark, row_style.patch(mark_style)));
        if date_w > 0 {
            let date = post.date.as_ref().map(|d| d.to_short()).unwrap_or_default();
            spans.push(Span::styled(
                fit::fit(&date, date_w),
                row_style.patch(theme::date()),
            ));
            spans.push(Span::styled(" ", row_style));
        }
        // A draft says so before its title.
        let title = if post.draft {
            format!("{DRAFT_MARK}{}", sanitize::line(&post.title)).into()
        } else {
            sanitize::line(&post.title)
        };
        let shift = if post.draft {
            DRAFT_MARK.chars().count()
        } else {
            0
        };
        let highlight: Vec<usize> = if app.query.ranks() {
            app.library
                .index
                .title_highlight(hit.post, &app.query)
                .into_iter()
                .map(|i| i + shift)
                .collect()
        } else {
            Vec::new()
        };
        spans.extend(fit::fit_marked(
            &title,
            title_w,
            &highlight,
            row_style,
            theme::matched(),
        ));
        if authors_w > 0 {
            spans.push(Span::styled(" ", row_style));
            let authors = sanitize::line(&post.authors.join(", ")).into_owned();
            spans.push(Span::styled(
                fit::fit(&authors, authors_w),
                row_style.patch(theme::authors()),
            ));
        }
        if tags_w > 0 {
            spans.push(Span::styled(" ", row_style));
            let tags = sanitize::line(&post.tags.join(", ")).into_owned();
            spans.push(Span::styled(
                fit::fit(&tags, tags_w),
                row_style.patch(theme::tags()),
            ));
        }
        if languages_w > 0 {
            spans.push(Span::styled(" ", row_style));
            spans.push(Span::styled(
                fit::fit(&languages_of(hit.post), languages_w),
                row_style.patch(theme::dim()),
            ));
        }
        spans.push(Span::styled(" ", row_style));
        lines.push(Line::from(spans));
        if let Some(found) = text_lines {
            lines.push(text_line(
                found.lines.get(&hit.post),
                usize::from(inner.width),
                row_style,
            ));
        }
    }
    if app.hits.is_empty() {
        let message = if app.loading && app.library.corpus.posts.is_empty() {
            "  Loading posts…"
        } else if app.library.corpus.posts.is_empty() {
            "  No posts here."
        } else {
            "  No post matches. Esc clears the query, c clears every filter."
        };
        lines.push(Line::from(Span::styled(message, theme::dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A hit's best matching line under it, indented past the marks, its words
/// highlighted, cut to `width`.
fn text_line(found: Option<&TextLine>, width: usize, row_style: Style) -> Line<'static> {
    const INDENT: &str = "     ";
    let Some(found) = found else {
        return Line::from(Span::styled(INDENT, row_style));
    };
    let text = sanitize::line(&found.line).into_owned();
    let room = width.saturating_sub(INDENT.len());
    // A match far into a long line: start a little before it, so it shows.
    let first = found.highlights.first().map_or(0, |r| r.start);
    let skip = if first > room / 2 {
        first - room / 4
    } else {
        0
    };
    let (text, shift) = if skip > 0 {
        let rest: String = text.chars().skip(skip).collect();
        (format!("…{rest}"), skip as isize - 1)
    } else {
        (text, 0)
    };
    let marked: Vec<usize> = found
        .highlights
        .iter()
        .flat_map(|r| r.clone())
        .filter_map(|i| usize::try_from(i as isize - shift).ok())
        .collect();
    let mut spans = vec![Span::styled(INDENT, row_style)];
    spans.extend(fit::fit_marked(
        &text,
        room,
        &marked,
        row_style.patch(theme::dim()),
        theme::matched(),
    ));
    Line::from(spans)
}

/// Columns `values` joined by `, ` take.
fn joined_width(values: &[String]) -> usize {
    let gaps = values.len().saturating_sub(1) * 2;
    values
        .iter()
        .map(|v| fit::display_width(&sanitize::line(v)))
        .sum::<usize>()
        + gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: Needs = Needs {
        date: true,
        title: 30,
        authors: 15,
        tags: 40,
        languages: 0,
    };

    #[test]
    fn columns_fill_the_width() {
        let c = columns(100, FULL);
        assert_eq!(c.date + c.title + c.authors + c.tags + 3 + 2, 100);
        assert_eq!((c.title, c.authors, c.tags), (46, 15, 24));
    }

    #[test]
    fn tags_then_authors_give_way_before_the_title_is_cut() {
        // 62 columns: marker, date, gap and trailing space leave 49: the title takes them all.
        let long = Needs { title: 46, ..FULL };
        let c = columns(62, long);
        assert_eq!((c.title, c.authors, c.tags), (49, 0, 0));
        // Room for the authors but not the tags.
        let c = columns(78, long);
        assert_eq!((c.authors, c.tags), (15, 0));
        assert!(c.title >= 46);
        // Titles longer than the row take all of it.
        let c = columns(40, Needs { title: 200, ..FULL });
        assert_eq!((c.title, c.authors, c.tags), (27, 0, 0));
    }

    #[test]
    fn an_empty_column_takes_no_width() {
        let c = columns(
            100,
            Needs {
                date: false,
                authors: 0,
                ..FULL
            },
        );
        assert_eq!((c.date, c.authors), (0, 0));
        assert_eq!(c.title + c.tags + 1 + 2, 100);
    }

    #[test]
    fn a_short_side_column_is_kept_whole() {
        // "DevOps" needs 6 columns, under SIDE_MIN, and still shows when it fits.
        let c = columns(
            60,
            Needs {
                title: 20,
                authors: 6,
                tags: 0,
                languages: 0,
                date: true,
            },
        );
        assert_eq!(c.authors, 6);
    }
}
