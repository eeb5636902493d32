//! Rendered posts: which rendering the screen needs ([`ensure_shown`] asks a worker for
//! it as an [`Effect::Render`]), the answers coming back ([`apply`]), and the bounded
//! [`cache`](super::cache) they live in.
//!
//! Nothing is read or rendered here: the worker reads the body, renders the preview's
//! opening or the whole post, and for a long post in the reader first sends the
//! opening, so the post shows at once and fills in when the whole is done.

use std::sync::Arc;

use super::action::Effect;
use super::cache::{CachedRender, RenderKey};
use super::state::App;
use super::viewport;
use super::work::RenderRequest;
use crate::markdown::Rendered;

/// How much of a body the preview renders (and the reader shows first): far more than
/// a screen, far less than the largest posts, so a preview never takes long.
pub const PREVIEW_BYTES: usize = 16 * 1024;

/// The opening of a body, up to [`PREVIEW_BYTES`], cut at a line end.
pub fn opening(body: &str) -> &str {
    if body.len() <= PREVIEW_BYTES {
        return body;
    }
    let mut cut = PREVIEW_BYTES;
    while cut > 0 && !body.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &body[..cut];
    head.rfind('\n').map_or(head, |line_end| &head[..line_end])
}

/// Asks for the rendering on screen when it is neither cached whole nor on its way.
pub fn ensure_shown(app: &mut App, effects: &mut Vec<Effect>) {
    let Some(key) = viewport::shown_key(app) else {
        return;
    };
    if key.width == 0
        || app.rendered.get(&key).is_some_and(|r| r.complete)
        || app.render_pending == Some(key)
    {
        return;
    }
    let Some(post) = app.library.post(key.post) else {
        return;
    };
    app.render_pending = Some(key);
    effects.push(Effect::Render(Box::new(RenderRequest {
        epoch: app.epoch,
        key,
        post: post.clone(),
        library: Arc::clone(&app.library),
    })));
}

/// Stores a rendering a worker made. A rendering of an older library is dropped.
pub fn apply(app: &mut App, epoch: u64, key: RenderKey, rendered: Arc<Rendered>, complete: bool) {
    if epoch != app.epoch {
        return;
    }
    if complete && app.render_pending == Some(key) {
        app.render_pending = None;
    }
    let shown = viewport::shown_key(app);
    app.rendered
        .insert(key, CachedRender { rendered, complete }, shown);
    if shown != Some(key) {
        return;
    }
    // The text on screen changed: matches found in its opening are found again.
    if app
        .reader
        .matches_for
        .as_ref()
        .is_some_and(|(k, _)| *k == key)
    {
        app.reader.matches_for = None;
    }
    if complete && let Some(wanted) = app.reader.wanted_scroll.take() {
        app.reader.scroll = wanted.min(viewport::reader_max_scroll(app));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_renders_only_the_opening_of_a_long_body() {
        let short = "a\nb\n";
        assert_eq!(opening(short), short);
        let long = "line of text é\n".repeat(5000);
        let head = opening(&long);
        assert!(head.len() <= PREVIEW_BYTES);
        assert!(head.len() > PREVIEW_BYTES - 20);
        assert!(head.ends_with('é'), "cut at a line end");
        let no_newline = "é".repeat(PREVIEW_BYTES);
        assert!(opening(&no_newline).len() <= PREVIEW_BYTES);
    }
}
