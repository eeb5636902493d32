//! [`update`]: applies one [`Action`] to the [`App`] and returns [`Effect`]s. Pure and
//! cheap: no I/O, no search, no rendering, nothing that grows with the archive beyond
//! a pass over the hits; every search, render and find is an effect for a worker.

use std::sync::Arc;

use super::action::{Action, Effect, Outcome};
use super::pointer;
use super::state::{AfterSearch, App, Focus, Screen};
use super::text_box;
use super::{facets, full_text, memory, reader, render, search, viewport};
use crate::index::{Library, Query, SortKey};

/// Applies `action` to `app` and returns what the runtime must do next.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let user_action = !matches!(
        action,
        Action::Loaded(_)
            | Action::Partial(_)
            | Action::LoadProgress(_)
            | Action::Resize { .. }
            | Action::SearchDone(_)
            | Action::Rendered { .. }
            | Action::Found(_)
            | Action::Remembered(_)
            | Action::TextFound(_)
            | Action::TextIndexing(_)
    );
    if user_action {
        app.status = None;
        app.memory.touched = true;
    }
    match action {
        Action::Loaded(library) => load(app, library, true, &mut effects),
        Action::Partial(library) => load(app, library, false, &mut effects),
        Action::LoadProgress(progress) => app.load_progress = Some(progress),
        Action::Rendered {
            epoch,
            key,
            rendered,
            complete,
        } => render::apply(app, epoch, key, rendered, complete),
        Action::SearchDone(result) => search::apply(app, *result),
        Action::Found(result) => reader::apply_found(app, *result),
        Action::Outcome(outcome) => {
            app.status = Some(match outcome {
                Outcome::Opened(message)
                | Outcome::NotOpened(message)
                | Outcome::Notice(message) => message,
                Outcome::Copied(text) => format!("copied {text}"),
                Outcome::NotCopied(why) => format!("could not copy: {why}"),
            });
        }
        Action::Resize { width, height } => {
            app.size = ratatui::layout::Rect::new(0, 0, width, height);
            follow_all(app);
        }
        Action::MoveBy(delta) => move_by(app, i64::from(delta)),
        Action::MovePage(num, den) => {
            let height = if app.help {
                super::geometry::help_height(app.size, app.keymap.help().len()) as i64
            } else {
                viewport::focused_height(app) as i64
            };
            let rows = (height * i64::from(num) / i64::from(den.max(1))).max(-height);
            move_by(
                app,
                if rows == 0 {
                    i64::from(num.signum())
                } else {
                    rows
                },
            );
        }
        Action::MoveTop => move_by(app, i64::MIN / 4),
        Action::MoveBottom => move_by(app, i64::MAX / 4),
        Action::FocusNext => pointer::cycle_focus(app, true),
        Action::FocusPrev => pointer::cycle_focus(app, false),
        Action::StartSearch => match (app.screen, app.focus) {
            (Screen::Reader, _) => {
                // The previous search, selected: typing replaces it, Enter repeats it.
                app.reader.searching = true;
                app.reader.search.select_all();
            }
            (Screen::Browse, Focus::Tags) => app.tags.filtering = true,
            (Screen::Browse, Focus::Authors) => app.authors.filtering = true,
            (Screen::Browse, Focus::Languages) => app.languages.filtering = true,
            (Screen::Browse, Focus::Years) => app.years.filtering = true,
            _ => {
                app.screen = Screen::Browse;
                app.focus = Focus::Search;
            }
        },
        Action::Input(input) => type_into_box(app, input, &mut effects),
        Action::Confirm => confirm(app, &mut effects),
        Action::ToggleFacet => {
            if let Some(kind) = app.focused_kind() {
                facets::toggle_selected(app, kind, &mut effects);
            }
        }
        Action::Back => back(app, &mut effects),
        Action::QuitOrBack => {
            if app.screen == Screen::Reader {
                app.screen = Screen::Browse;
            } else {
                app.quit = true;
            }
        }
        Action::Quit => app.quit = true,
        Action::CycleSort => match app.focused_kind() {
            Some(kind) => facets::cycle_order(app, kind, &mut effects),
            None => {
                app.sort = app.sort.next();
                search::request(app, &mut effects, AfterSearch::default());
            }
        },
        Action::ToggleRankByMatch => {
            app.sort = if app.sort == SortKey::Relevance {
                SortKey::Date
            } else {
                SortKey::Relevance
            };
            search::request(app, &mut effects, AfterSearch::default());
        }
        Action::Mark => match app.focused_kind() {
            Some(_) => facets::toggle_tag_mode(app, &mut effects),
            None => memory::toggle_bookmark(app, &mut effects),
        },
        Action::ToggleRead => memory::toggle_read(app, &mut effects),
        Action::ShowMarks(filter) => memory::show_marks(app, filter, &mut effects),
        Action::Remembered(remembered) => memory::remembered(app, *remembered, &mut effects),
        Action::ToggleFullText => {
            if app.screen == Screen::Browse {
                full_text::toggle(app, &mut effects);
            }
        }
        Action::TextFound(found) => full_text::found(app, *found, &mut effects),
        Action::TextIndexing(progress) => {
            app.text.indexing = progress;
            app.text.ready = progress.is_none();
        }
        Action::CycleDrafts => {
            app.filter.drafts = app.filter.drafts.next();
            search::request(app, &mut effects, AfterSearch::default());
        }
        Action::TogglePreview => {
            app.preview.shown = !app.preview.shown;
            if !app.preview.shown && app.focus == Focus::Preview {
                app.focus = Focus::List;
            }
        }
        Action::ClearFilters => {
            app.filter.tags.clear();
            app.filter.authors.clear();
            app.filter.languages.clear();
            app.filter.years.clear();
            app.filter.drafts = crate::index::Drafts::Shown;
            clear_query(app);
            search::request(app, &mut effects, AfterSearch::default());
        }
        Action::ToggleHelp => {
            app.help = !app.help;
            app.help_scroll = 0;
        }
        Action::Suspend => effects.push(Effect::Suspend),
        Action::Resumed => effects.push(Effect::Repaint),
        Action::LinkDigit(c) => reader::type_digit(app, c),
        Action::NextLink => reader::cycle_link(app, true),
        Action::PrevLink => reader::cycle_link(app, false),
        Action::OpenLink => {
            let follow = reader::open_link(app, &mut effects);
            follow_link(app, follow, &mut effects);
        }
        Action::CopyLink => reader::copy_link(app, &mut effects),
        Action::ShowLinks => reader::show_links(app),
        Action::NextTranslation => reader::next_translation(app),
        Action::SearchNext => reader::next_match(app, true),
        Action::SearchPrev => reader::next_match(app, false),
        Action::Scroll { column, row, delta } => {
            if let Some(rows) = pointer::scroll_at(app, column, row, i64::from(delta)) {
                move_by(app, rows);
            }
        }
        Action::Click { column, row } => {
            // A click on a facet entry selects it, as Space does.
            if let Some(kind) = pointer::click_at(app, column, row) {
                facets::toggle_selected(app, kind, &mut effects);
            }
        }
    }
    memory::after_update(app, &mut effects);
    if app.quit {
        effects.push(Effect::Quit);
        return effects;
    }
    render::ensure_shown(app, &mut effects);
    reader::ensure_matches(app, &mut effects);
    effects
}

impl App {
    /// A browser over an already loaded library, with its first search answered
    /// in place (for tests and benchmarks that have no workers).
    pub fn with_library(library: Arc<Library>, width: u16, height: u16) -> Self {
        let mut app = App::new(width, height);
        let mut pending = update(&mut app, Action::Loaded(library));
        while let Some(effect) = pending.pop() {
            if let Effect::Search(request) = effect {
                let result = crate::index::request::run(&request);
                pending.extend(update(&mut app, Action::SearchDone(Box::new(result))));
            }
        }
        app
    }
}

/// A new library, whole or part of the archive: searched anew, and shown with
/// everything kept by index moved over when that search answers (`remap`).
fn load(app: &mut App, library: Arc<Library>, complete: bool, effects: &mut Vec<Effect>) {
    app.incoming = Some(Arc::clone(&library));
    app.loading = !complete;
    if complete {
        app.load_progress = None;
    }
    app.searched = None;
    memory::loaded(app, &library, complete, effects);
    if complete {
        effects.push(Effect::IndexText(Arc::clone(&library)));
    }
    search::request(app, effects, AfterSearch::default());
}

/// What a link of the reader asks for beyond the reader: the list of an author's
/// posts (that author alone selected, no query), back on the list.
fn follow_link(app: &mut App, follow: Option<reader::Follow>, effects: &mut Vec<Effect>) {
    let Some(reader::Follow::Author(entry)) = follow else {
        return;
    };
    app.filter = crate::index::Filter {
        authors: [entry].into(),
        tag_mode: app.filter.tag_mode,
        drafts: app.filter.drafts,
        ..Default::default()
    };
    clear_query(app);
    app.screen = Screen::Browse;
    app.focus = Focus::List;
    let after = AfterSearch {
        jump: true,
        follow: Some((crate::index::FacetKind::Author, entry)),
        ..AfterSearch::default()
    };
    search::request(app, effects, after);
}

fn clear_query(app: &mut App) {
    app.search.select_all();
    app.search.cut();
    app.query = Query::default();
}

fn follow_all(app: &mut App) {
    let (len, height) = (app.hits.len(), viewport::list_height(app));
    app.list.follow(len, height);
    for kind in crate::index::FacetKind::ALL {
        let height = viewport::pane_height(app, kind);
        let pane = app.pane_mut(kind);
        let len = pane.rows.len();
        pane.scroll.follow(len, height);
    }
    app.reader.scroll = app.reader.scroll.min(viewport::reader_max_scroll(app));
}

fn move_by(app: &mut App, delta: i64) {
    if app.help {
        let lines = app.keymap.help().len();
        let max = lines.saturating_sub(super::geometry::help_height(app.size, lines));
        app.help_scroll = (app.help_scroll as i64)
            .saturating_add(delta)
            .clamp(0, max as i64) as usize;
        return;
    }
    match app.screen {
        Screen::Reader => {
            let max = viewport::reader_max_scroll(app) as i64;
            let target = (app.reader.scroll as i64).saturating_add(delta).max(0);
            app.reader.scroll = target.min(max.max(0)) as usize;
            // Past the end of a post whose whole is still rendering: go there on arrival.
            let rendering = !viewport::shown_render(app).is_some_and(|r| r.complete);
            app.reader.wanted_scroll =
                (rendering && target > max).then(|| usize::try_from(target).unwrap_or(usize::MAX));
        }
        Screen::Browse if app.focus == Focus::Preview => viewport::scroll_preview(app, delta),
        Screen::Browse => match app.focused_kind() {
            Some(kind) => {
                let height = viewport::pane_height(app, kind);
                let pane = app.pane_mut(kind);
                let len = pane.rows.len();
                pane.scroll.move_by(delta, len, height);
            }
            None => {
                let (len, height) = (app.hits.len(), viewport::list_height(app));
                app.list.move_by(delta, len, height);
            }
        },
    }
}

fn type_into_box(app: &mut App, input: ratatui_textarea::Input, effects: &mut Vec<Effect>) {
    if app.screen == Screen::Reader {
        reader::type_search(app, input);
        return;
    }
    match app.focused_kind() {
        Some(kind) => facets::type_filter(app, kind, input, effects),
        None => {
            if !text_box::edit(&mut app.search, input) {
                return;
            }
            if app.text.on {
                full_text::typed(app, effects);
            } else {
                // Typing never waits for a search: a worker answers with SearchDone;
                // the list shows the last result meanwhile.
                app.query = Query::parse(&app.query_text());
                let after = AfterSearch {
                    jump: true,
                    ..AfterSearch::default()
                };
                search::request(app, effects, after);
            }
        }
    }
}

fn confirm(app: &mut App, effects: &mut Vec<Effect>) {
    match app.screen {
        Screen::Reader => {
            let follow = reader::confirm(app, effects);
            follow_link(app, follow, effects);
        }
        Screen::Browse => match app.focused_kind() {
            Some(kind) => {
                facets::toggle_selected(app, kind, effects);
                app.pane_mut(kind).filtering = false;
            }
            None if app.text.on && app.focus == Focus::Search => full_text::confirm(app),
            None if app.search_pending => {
                // Enter right after typing opens the best match of what was typed,
                // not of the last result shown: when that result arrives.
                app.after_search.open = true;
            }
            None => {
                if let Some(post) = app.selected_post() {
                    reader::open(app, post);
                }
            }
        },
    }
}

fn back(app: &mut App, effects: &mut Vec<Effect>) {
    if app.help {
        app.help = false;
        return;
    }
    match app.screen {
        Screen::Reader => {
            if !reader::back(app) {
                app.screen = Screen::Browse;
            }
        }
        Screen::Browse => match app.focus {
            Focus::Search | Focus::Preview => app.focus = Focus::List,
            Focus::Tags | Focus::Authors | Focus::Languages | Focus::Years => {
                let Some(kind) = app.focused_kind() else {
                    return;
                };
                let pane = app.pane(kind);
                if pane.filtering || !pane.filter_text().is_empty() {
                    facets::clear_filter(app, kind, effects);
                } else {
                    app.focus = Focus::List;
                }
            }
            Focus::List => {
                if !app.query_text().is_empty() {
                    clear_query(app);
                    search::request(app, effects, AfterSearch::default());
                }
            }
        },
    }
}
