//! The rendered bodies kept between frames: [`RenderCache`], bounded (least recently
//! used first out) and never evicting what is on screen, keyed by [`RenderKey`].

use std::num::NonZeroUsize;
use std::sync::Arc;

use lru::LruCache;

use crate::markdown::Rendered;

/// Which rendering of which post: the cache key of a rendered body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RenderKey {
    /// Index of the post in the library.
    pub post: u32,
    /// The width rendered at.
    pub width: u16,
    /// True for the reader (the whole post), false for the preview (its opening).
    pub whole: bool,
}

/// How many rendered bodies to keep.
pub const CACHE_LIMIT: usize = 256;

/// A rendered body in the cache.
#[derive(Debug, Clone)]
pub struct CachedRender {
    /// The text and links.
    pub rendered: Arc<Rendered>,
    /// False while only the opening of a long post is rendered.
    pub complete: bool,
}

/// The rendered bodies, least recently used evicted first, at most [`CACHE_LIMIT`].
pub struct RenderCache(LruCache<RenderKey, CachedRender>);

impl Default for RenderCache {
    fn default() -> Self {
        RenderCache(LruCache::new(
            NonZeroUsize::new(CACHE_LIMIT).unwrap_or(NonZeroUsize::MIN),
        ))
    }
}

impl std::fmt::Debug for RenderCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RenderCache")
            .field("len", &self.0.len())
            .finish()
    }
}

impl RenderCache {
    /// The rendering for `key`, without touching its recency (drawing only reads).
    pub fn get(&self, key: &RenderKey) -> Option<&CachedRender> {
        self.0.peek(key)
    }

    /// Stores a rendering. `shown`, the rendering on screen, is made the most recent
    /// first, so storing never evicts it.
    pub fn insert(&mut self, key: RenderKey, value: CachedRender, shown: Option<RenderKey>) {
        if let Some(shown) = shown {
            self.0.promote(&shown);
        }
        self.0.put(key, value);
        if let Some(shown) = shown {
            self.0.promote(&shown);
        }
    }

    /// How many renderings are kept.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Re-keys every rendering to its post's index in a newer library (`post` maps an
    /// old index to the new one), keeping the order of recency; those `post` cannot
    /// place are dropped.
    pub fn remap(&mut self, post: impl Fn(u32) -> Option<u32>) {
        let mut old = std::mem::take(self);
        // Least recent first, so the most recent ends up most recent again.
        while let Some((key, value)) = old.0.pop_lru() {
            if let Some(post) = post(key.post) {
                self.0.put(RenderKey { post, ..key }, value);
            }
        }
    }

    /// Forgets everything (the corpus changed, so post indices mean other posts).
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(post: u32) -> RenderKey {
        RenderKey {
            post,
            width: 80,
            whole: true,
        }
    }

    fn value() -> CachedRender {
        CachedRender {
            rendered: Arc::new(Rendered::default()),
            complete: true,
        }
    }

    #[test]
    fn the_cache_is_bounded_and_never_evicts_what_is_shown() {
        let mut cache = RenderCache::default();
        cache.insert(key(0), value(), None);
        for post in 1..=(CACHE_LIMIT as u32 * 2) {
            cache.insert(key(post), value(), Some(key(0)));
        }
        assert_eq!(cache.len(), CACHE_LIMIT);
        assert!(cache.get(&key(0)).is_some(), "the shown post stays");
        let last = CACHE_LIMIT as u32 * 2;
        assert!(cache.get(&key(last)).is_some(), "the newest stays");
        assert!(cache.get(&key(1)).is_none(), "the oldest went");
    }

    #[test]
    fn remapping_moves_keys_and_keeps_recency() {
        let mut cache = RenderCache::default();
        for post in 0..CACHE_LIMIT as u32 {
            cache.insert(key(post), value(), None);
        }
        // Post 0 is the least recent; odd posts are gone from the new library.
        cache.remap(|p| (p % 2 == 0).then_some(p + 1000));
        assert_eq!(cache.len(), CACHE_LIMIT / 2);
        assert!(cache.get(&key(1000)).is_some() && cache.get(&key(0)).is_none());
        for post in 0..(CACHE_LIMIT as u32 / 2 + 1) {
            cache.insert(key(5000 + post), value(), None);
        }
        assert!(
            cache.get(&key(1000)).is_none(),
            "the least recent went first"
        );
        assert!(cache.get(&key(1002)).is_some());
    }
}
