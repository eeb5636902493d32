//! Fuzzy search over titles, authors and tags (the body opening as a weaker signal),
//! combined with the facet filter and the query's exact, prefix, negated, `#tag` and
//! `@author` atoms, then sorted.
//!
//! Laid out for the scan: each field kind is one arena (one string, offsets into it)
//! visited in post order, with a 64-bit mask per post of the bytes each field holds,
//! so most posts are rejected on one AND before any character is compared. For an
//! ASCII atom the greedy subsequence test over the title's bytes decides exactly
//! what `SkimMatcherV2` (smart case) decides, so the matcher runs only to score a
//! post that matches. The scan runs on every core, in chunks of posts.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::facets::{FacetKind, Facets, Filter, TagMode, facet_key};
use super::query::Query;
use super::sort::SortKey;
use crate::corpus::Post;

/// A post that passed the query and the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the post in the corpus.
    pub post: u32,
    /// Fuzzy score (0 when the query does not rank).
    pub score: i64,
}

/// Many strings in one allocation: item `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
struct Arena {
    text: String,
    ends: Vec<u32>,
}

impl Arena {
    fn with_capacity(items: usize, bytes: usize) -> Self {
        Arena {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(items),
        }
    }

    fn push(&mut self, item: &str) {
        self.text.push_str(item);
        self.ends.push(self.text.len() as u32);
    }

    /// Appends every item of `other`, in order.
    fn append(&mut self, other: &Arena) {
        let base = self.text.len() as u32;
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| e + base));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// The items of `arenas`, in order, in one arena allocated once at its size.
    fn concat<'a>(arenas: impl Iterator<Item = &'a Arena> + Clone) -> Arena {
        let (items, bytes) = arenas
            .clone()
            .fold((0, 0), |(i, b), a| (i + a.ends.len(), b + a.text.len()));
        let mut whole = Arena::with_capacity(items, bytes);
        for arena in arenas {
            whole.append(arena);
        }
        whole
    }
}

/// The bit of one byte in a field mask: ASCII letters (case folded) and digits each
/// have their own, other ASCII shares a few, and every non-ASCII byte one more.
fn byte_bit(b: u8) -> u64 {
    let b = b.to_ascii_lowercase();
    let bit = match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + (b - b'0'),
        0x80..=0xff => 63,
        _ => 36 + b % 27,
    };
    1u64 << bit
}

/// The mask of every byte in `s`: a field can hold an atom only if it holds its mask.
fn mask(s: &str) -> u64 {
    s.bytes().fold(0, |m, b| m | byte_bit(b))
}

/// True when the characters of `needle` appear in `hay` in order: what any fuzzy
/// match needs, checked far faster than the matcher scores it.
fn is_subsequence(hay: &str, needle: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// The greedy subsequence test `SkimMatcherV2` starts with, for an ASCII needle over
/// any UTF-8 text: an ASCII byte never occurs inside a multi-byte character, so a
/// byte scan finds exactly the characters a character scan would. With `fold`, ASCII
/// letters compare case-insensitively (the needle is lower-cased), as the matcher's
/// `eq_ignore_ascii_case` does.
fn is_ascii_subsequence(hay: &[u8], needle: &[u8], fold: bool) -> bool {
    let mut needle = needle.iter();
    let Some(mut want) = needle.next().copied() else {
        return true;
    };
    for &h in hay {
        let h = if fold { h.to_ascii_lowercase() } else { h };
        if h == want {
            match needle.next() {
                Some(&n) => want = n,
                None => return true,
            }
        }
    }
    false
}

/// The score of an atom found only in the body opening: below any decent title match.
const EXCERPT_SCORE: i64 = 10;

/// Posts per task of the parallel scan: large enough that a task's overhead is noise,
/// small enough that both cores stay busy to the end.
const CHUNK: usize = 4096;

/// Each post's position in one order, and the posts in that order.
#[derive(Debug, Clone, Default)]
struct Order {
    /// `rank[post]` is the post's position.
    rank: Vec<u32>,
    /// The posts, in order.
    posts: Vec<u32>,
}

impl Order {
    fn new(len: usize, cmp: impl Fn(u32, u32) -> Ordering + Sync) -> Self {
        let mut posts: Vec<u32> = (0..len as u32).collect();
        posts.par_sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
        let mut rank = vec![0u32; len];
        for (position, &post) in posts.iter().enumerate() {
            if let Some(r) = rank.get_mut(post as usize) {
                *r = position as u32;
            }
        }
        Order { rank, posts }
    }

    fn rank(&self, post: u32) -> u32 {
        self.rank.get(post as usize).copied().unwrap_or(u32::MAX)
    }
}

/// The searchable text of a run of posts, built on one thread and joined in order.
#[derive(Default)]
struct Part {
    titles: Arena,
    lower_titles: Arena,
    meta: Arena,
    lower_meta: Arena,
    meta_counts: Vec<u32>,
    lower_excerpts: Arena,
    masks: Vec<[u64; 3]>,
}

impl Part {
    fn of(posts: &[Post]) -> Self {
        let bytes: usize = posts.iter().map(|p| p.title.len()).sum();
        let mut part = Part {
            titles: Arena::with_capacity(posts.len(), bytes),
            lower_titles: Arena::with_capacity(posts.len(), bytes),
            lower_excerpts: Arena::with_capacity(posts.len(), posts.len() * 320),
            ..Part::default()
        };
        for p in posts {
            part.titles.push(&p.title);
            let lower_title = p.title.to_lowercase();
            part.lower_titles.push(&lower_title);
            let mut meta_mask = 0;
            let mut count = 0u32;
            for m in p.authors.iter().chain(p.tags.iter()) {
                part.meta.push(m);
                part.lower_meta.push(&m.to_lowercase());
                meta_mask |= mask(m);
                count += 1;
            }
            part.meta_counts.push(count);
            // The summary is searched like the opening of the body it sums up.
            let lower_excerpt = if p.summary.is_empty() {
                p.excerpt.to_lowercase()
            } else {
                format!("{} {}", p.summary, p.excerpt).to_lowercase()
            };
            part.lower_excerpts.push(&lower_excerpt);
            part.masks
                .push([mask(&p.title), meta_mask, mask(&lower_excerpt)]);
        }
        part
    }
}

/// The search index of a corpus: facets, prepared haystacks and precomputed orders,
/// so a keystroke costs one matching pass and no string comparisons when sorting.
pub struct Index {
    /// Tag and author facets.
    pub facets: Facets,
    /// Titles as written: what the matcher scores and highlights.
    titles: Arena,
    /// Titles lower-cased: title order, `^prefix` atoms and non-ASCII atoms.
    lower_titles: Arena,
    /// Every post's authors then tags, each its own item, so an atom cannot straddle
    /// two; post `p`'s are items `meta_start[p]..meta_start[p + 1]`.
    meta: Arena,
    /// `meta`, lower-cased.
    lower_meta: Arena,
    meta_start: Vec<u32>,
    /// The body openings, lower-cased: matched as a substring, not fuzzily, since a
    /// few hundred characters contain a scattered match for almost any short atom.
    lower_excerpts: Arena,
    /// Per post, the byte masks of its title, its authors and tags, its excerpt.
    masks: Vec<[u64; 3]>,
    /// Newest first, undated last, then by title.
    by_date: Order,
    /// Title A to Z, then newest first.
    by_title: Order,
    /// First author A to Z (no author last), then newest first.
    by_author: Order,
    matcher: SkimMatcherV2,
}

impl Default for Index {
    fn default() -> Self {
        Index::build(&[])
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("posts", &self.titles.len())
            .finish_non_exhaustive()
    }
}

/// One fuzzy atom prepared for the scan.
struct Atom<'q> {
    /// As typed: what the matcher is given (smart case reads its capitals).
    raw: &'q str,
    /// Lower-cased (Unicode), for the excerpt and for non-ASCII atoms.
    lower: String,
    /// For an ASCII atom, the bytes the subsequence test looks for (lower-cased
    /// unless the atom has a capital, which makes the matcher case-sensitive).
    ascii: Option<(Vec<u8>, bool)>,
    /// Mask a title or a tag must hold to match.
    need_fuzzy: u64,
    /// Mask an excerpt must hold to contain the atom.
    need_excerpt: u64,
}

impl<'q> Atom<'q> {
    fn new(raw: &'q str) -> Self {
        let lower = raw.to_lowercase();
        let ascii = raw.is_ascii().then(|| {
            let fold = !raw.bytes().any(|b| b.is_ascii_uppercase());
            let bytes = if fold {
                raw.to_ascii_lowercase().into_bytes()
            } else {
                raw.as_bytes().to_vec()
            };
            (bytes, fold)
        });
        // A non-ASCII character may lower-case to ASCII (the Kelvin sign): only what
        // both spellings need is certain.
        let need = mask(raw) & mask(&lower);
        Atom {
            raw,
            need_fuzzy: need,
            need_excerpt: need,
            lower,
            ascii,
        }
    }

    /// Whether the matcher would match `hay` (whose lower-cased form is `lower`).
    fn matches(&self, hay: &str, lower: impl FnOnce() -> bool) -> bool {
        match &self.ascii {
            Some((bytes, fold)) => is_ascii_subsequence(hay.as_bytes(), bytes, *fold),
            None => lower(),
        }
    }
}

/// A query prepared for one search: atoms lower-cased once, `#`/`@` atoms resolved.
struct Prepared<'q> {
    query: &'q Query,
    atoms: Vec<Atom<'q>>,
    tag_atoms: Vec<Vec<u32>>,
    author_atoms: Vec<Vec<u32>>,
    /// Whether hits need their scores (only when fuzzy atoms rank them).
    score: bool,
    /// Whether translations hidden behind another are matched too (one row per group
    /// is kept afterwards): a query in Japanese finds the Japanese post of a group
    /// shown in English.
    translations: bool,
}

/// Which posts a scan visits: a bit per post.
struct Candidates {
    words: Vec<u64>,
}

impl Candidates {
    fn all(len: usize) -> Self {
        let mut words = vec![u64::MAX; len.div_ceil(64)];
        if let Some(last) = words.last_mut()
            && !len.is_multiple_of(64)
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        Candidates { words }
    }

    fn none(len: usize) -> Self {
        Candidates {
            words: vec![0; len.div_ceil(64)],
        }
    }

    fn of(len: usize, posts: impl IntoIterator<Item = u32>) -> Self {
        let mut c = Candidates::none(len);
        for p in posts {
            if let Some(w) = c.words.get_mut(p as usize / 64) {
                *w |= 1 << (p % 64);
            }
        }
        c
    }

    fn and(&mut self, other: &Candidates) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    fn contains(&self, post: u32) -> bool {
        self.words
            .get(post as usize / 64)
            .is_some_and(|w| w & (1 << (post % 64)) != 0)
    }

    /// The posts of words `words`, ascending.
    fn insert(&mut self, post: u32) {
        if let Some(w) = self.words.get_mut(post as usize / 64) {
            *w |= 1 << (post % 64);
        }
    }

    fn posts_in(&self, words: std::ops::Range<usize>) -> impl Iterator<Item = u32> + '_ {
        let base = words.start;
        self.words
            .get(words)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .flat_map(move |(i, &w)| {
                let at = ((base + i) * 64) as u32;
                BitIter(w).map(move |b| at + b)
            })
    }
}

/// The set bits of a word, lowest first.
struct BitIter(u64);

impl Iterator for BitIter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            return None;
        }
        let b = self.0.trailing_zeros();
        self.0 &= self.0 - 1;
        Some(b)
    }
}

impl Index {
    /// Prepares facets, haystacks and orders for `posts` (in corpus order).
    pub fn build(posts: &[Post]) -> Self {
        Index::build_preferring(posts, &[])
    }

    /// [`Index::build`], translations shown in the first of `languages` they have.
    pub fn build_preferring(posts: &[Post], languages: &[String]) -> Self {
        let (facets, (parts, date_key, first_author)) = rayon::join(
            || Facets::build_preferring(posts, languages),
            || {
                let parts: Vec<Part> = posts.par_chunks(CHUNK).map(Part::of).collect();
                let (date_key, first_author) = rayon::join(
                    || {
                        posts
                            .iter()
                            .map(|p| p.date.as_ref().map(|d| d.sort_key()))
                            .collect::<Vec<Option<i64>>>()
                    },
                    || {
                        posts
                            .par_iter()
                            .map(|p| p.authors.first().map(|a| facet_key(a)).unwrap_or_default())
                            .collect::<Vec<String>>()
                    },
                );
                (parts, date_key, first_author)
            },
        );
        // Each arena is allocated once at its size and filled on its own core.
        let concat = |field: fn(&Part) -> &Arena| Arena::concat(parts.iter().map(field));
        let ((titles, lower_titles), ((meta, lower_meta), lower_excerpts)) = rayon::join(
            || rayon::join(|| concat(|p| &p.titles), || concat(|p| &p.lower_titles)),
            || {
                rayon::join(
                    || rayon::join(|| concat(|p| &p.meta), || concat(|p| &p.lower_meta)),
                    || concat(|p| &p.lower_excerpts),
                )
            },
        );
        let mut masks = Vec::with_capacity(posts.len());
        let mut meta_start = Vec::with_capacity(posts.len() + 1);
        meta_start.push(0u32);
        for part in &parts {
            masks.extend_from_slice(&part.masks);
            for &count in &part.meta_counts {
                let last = meta_start.last().copied().unwrap_or(0);
                meta_start.push(last + count);
            }
        }
        drop(parts);
        let newest_first = |a: u32, b: u32| {
            let key = |p: u32| date_key.get(p as usize).copied().flatten();
            match (key(a), key(b)) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        let title = |a: u32, b: u32| {
            lower_titles
                .get(a as usize)
                .cmp(lower_titles.get(b as usize))
        };
        let author = |a: u32, b: u32| {
            let key = |p: u32| {
                first_author
                    .get(p as usize)
                    .map(|a| (a.is_empty(), a.as_str()))
            };
            key(a).cmp(&key(b))
        };
        let len = posts.len();
        let (by_date, (by_title, by_author)) = rayon::join(
            || Order::new(len, |a, b| newest_first(a, b).then_with(|| title(a, b))),
            || {
                rayon::join(
                    || Order::new(len, |a, b| title(a, b).then_with(|| newest_first(a, b))),
                    || Order::new(len, |a, b| author(a, b).then_with(|| newest_first(a, b))),
                )
            },
        );
        Index {
            facets,
            titles,
            lower_titles,
            meta,
            lower_meta,
            meta_start,
            lower_excerpts,
            masks,
            by_date,
            by_title,
            by_author,
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    /// Number of posts indexed.
    pub fn len(&self) -> usize {
        self.titles.len()
    }

    /// True when no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.titles.len() == 0
    }

    /// Posts passing `query` and `filter`, ordered by `sort`.
    pub fn search(&self, query: &Query, filter: &Filter, sort: SortKey) -> Vec<Hit> {
        self.search_within(query, filter, sort, None)
    }

    /// Like [`Index::search`], but only among `candidates` when given: the hits of a
    /// broader query (see [`Query::narrows`]), which makes typing cheaper with
    /// every key instead of re-reading the whole archive.
    pub fn search_within(
        &self,
        query: &Query,
        filter: &Filter,
        sort: SortKey,
        candidates: Option<&[u32]>,
    ) -> Vec<Hit> {
        let within = candidates.map(|c| Candidates::of(self.len(), c.iter().copied()));
        self.search_in(query, filter, sort, within)
    }

    /// [`Index::search_within`] for the hits of a broader query, as a worker holds them.
    pub fn search_within_hits(
        &self,
        query: &Query,
        filter: &Filter,
        sort: SortKey,
        candidates: &[Hit],
    ) -> Vec<Hit> {
        let within = Candidates::of(self.len(), candidates.iter().map(|h| h.post));
        self.search_in(query, filter, sort, Some(within))
    }

    /// The posts [`Index::search_within_hits`] (or, without `candidates`,
    /// [`Index::search`]) finds, unscored and in date order for the match order: the
    /// same posts, found without asking the matcher for a single score, so a worker can
    /// show them while the ranking is still being worked out.
    pub fn search_unranked(
        &self,
        query: &Query,
        filter: &Filter,
        sort: SortKey,
        candidates: Option<&[Hit]>,
    ) -> Vec<Hit> {
        let within = candidates.map(|c| Candidates::of(self.len(), c.iter().map(|h| h.post)));
        let sort = match sort {
            SortKey::Relevance => SortKey::Date,
            other => other,
        };
        self.search_scored(query, filter, sort, within, false)
    }

    fn search_in(
        &self,
        query: &Query,
        filter: &Filter,
        sort: SortKey,
        within: Option<Candidates>,
    ) -> Vec<Hit> {
        // The app puts the cursor on the best match in every order, so scores are
        // wanted whenever the query ranks.
        self.search_scored(query, filter, sort, within, query.ranks())
    }

    fn search_scored(
        &self,
        query: &Query,
        filter: &Filter,
        sort: SortKey,
        within: Option<Candidates>,
        score: bool,
    ) -> Vec<Hit> {
        let prepared = Prepared {
            query,
            atoms: query.fuzzy.iter().map(|a| Atom::new(a)).collect(),
            tag_atoms: query
                .tags
                .iter()
                .map(|t| self.facets.matching(FacetKind::Tag, t))
                .collect(),
            author_atoms: query
                .authors
                .iter()
                .map(|a| self.facets.matching(FacetKind::Author, a))
                .collect(),
            score,
            translations: query.has_words() && Facets::finds_hidden_translations(filter),
        };
        let order = match sort {
            SortKey::Relevance | SortKey::Date => &self.by_date,
            SortKey::Title => &self.by_title,
            SortKey::Author => &self.by_author,
        };
        let len = self.len();
        // A broader query's hits keep one row per group of translations: the longer
        // query may match another of the group instead.
        let within = match within {
            Some(w) if prepared.translations => Some(self.with_translations(w)),
            other => other,
        };
        let candidates = match (within, self.filter_candidates(filter)) {
            (Some(mut w), Some(f)) => {
                w.and(&f);
                w
            }
            (Some(w), None) => w,
            (None, Some(f)) => f,
            (None, None) => Candidates::all(len),
        };
        let found = self.scan(&candidates, &prepared, filter);
        let mut hits = self.in_order(found, order);
        if sort == SortKey::Relevance && query.ranks() && score {
            // Best score first; equal scores keep date order.
            let mut keyed: Vec<(i64, u32, u32)> = hits
                .iter()
                .enumerate()
                .map(|(i, h)| (-h.score, i as u32, h.post))
                .collect();
            keyed.par_sort_unstable();
            hits = keyed
                .into_iter()
                .map(|(s, _, post)| Hit { post, score: -s })
                .collect();
        }
        if prepared.translations {
            hits = self.facets.one_per_translation(hits, |h| h.post);
        }
        hits
    }

    /// `within` and every other translation of the posts in it; linear in them and in
    /// the groups they are in, each group visited once.
    fn with_translations(&self, mut within: Candidates) -> Candidates {
        let groups: std::collections::BTreeSet<u32> = within
            .posts_in(0..within.words.len())
            .filter_map(|p| self.facets.translation_group_id(p))
            .collect();
        for group in groups {
            for &post in self.facets.translation_group_members(group) {
                within.insert(post);
            }
        }
        within
    }

    /// `hits` in the order of `sort` (relevance: as given).
    pub fn in_sort_order(&self, mut hits: Vec<Hit>, sort: SortKey) -> Vec<Hit> {
        let order = match sort {
            SortKey::Relevance => return hits,
            SortKey::Date => &self.by_date,
            SortKey::Title => &self.by_title,
            SortKey::Author => &self.by_author,
        };
        hits.par_sort_unstable_by_key(|h| order.rank(h.post));
        hits
    }

    /// The posts a facet filter leaves, from its entries' posting lists, when the
    /// filter selects anything: no scan visits the others.
    fn filter_candidates(&self, filter: &Filter) -> Option<Candidates> {
        if filter.is_empty() {
            return None;
        }
        let len = self.len();
        let postings = |kind, e: &u32| {
            self.facets
                .entries(kind)
                .get(*e as usize)
                .map(|entry| entry.posts.as_slice())
                .unwrap_or(&[])
        };
        let mut out: Option<Candidates> = None;
        if !filter.tags.is_empty() {
            out = Some(match filter.tag_mode {
                TagMode::All => {
                    // The rarest tag bounds the rest; the scan checks the others.
                    let rarest = filter
                        .tags
                        .iter()
                        .map(|e| postings(FacetKind::Tag, e))
                        .min_by_key(|p| p.len())
                        .unwrap_or(&[]);
                    Candidates::of(len, rarest.iter().copied())
                }
                TagMode::Any => Candidates::of(
                    len,
                    filter
                        .tags
                        .iter()
                        .flat_map(|e| postings(FacetKind::Tag, e).iter().copied()),
                ),
            });
        }
        if !filter.authors.is_empty() {
            let authors = Candidates::of(
                len,
                filter
                    .authors
                    .iter()
                    .flat_map(|e| postings(FacetKind::Author, e).iter().copied()),
            );
            out = Some(match out {
                Some(mut c) => {
                    c.and(&authors);
                    c
                }
                None => authors,
            });
        }
        if !filter.years.is_empty() {
            let years = Candidates::of(
                len,
                filter
                    .years
                    .iter()
                    .flat_map(|e| postings(FacetKind::Year, e).iter().copied()),
            );
            out = Some(match out {
                Some(mut c) => {
                    c.and(&years);
                    c
                }
                None => years,
            });
        }
        out
    }

    /// The hits among `candidates`, in post order, both cores at once.
    fn scan(&self, candidates: &Candidates, q: &Prepared<'_>, filter: &Filter) -> Vec<Hit> {
        let words = candidates.words.len();
        let per_chunk = CHUNK / 64;
        (0..words.div_ceil(per_chunk))
            .into_par_iter()
            .flat_map_iter(|chunk| {
                let start = chunk * per_chunk;
                let end = (start + per_chunk).min(words);
                candidates
                    .posts_in(start..end)
                    .filter_map(|p| self.hit(p, q, filter).map(|score| Hit { post: p, score }))
                    .collect::<Vec<Hit>>()
            })
            .collect()
    }

    /// Hits (in post order) put in `order`: a walk along the order when they are
    /// many, a sort by position when they are few.
    fn in_order(&self, found: Vec<Hit>, order: &Order) -> Vec<Hit> {
        let len = self.len();
        if found.len() == len {
            // Every post: the order itself, scores looked up by post.
            return order
                .posts
                .iter()
                .filter_map(|&p| found.get(p as usize).copied())
                .collect();
        }
        if found.len() * 16 < len {
            let mut found = found;
            found.sort_unstable_by_key(|h| order.rank(h.post));
            return found;
        }
        let mut scores = vec![0i64; len];
        let mut present = Candidates::none(len);
        for h in &found {
            if let Some(s) = scores.get_mut(h.post as usize) {
                *s = h.score;
            }
            if let Some(w) = present.words.get_mut(h.post as usize / 64) {
                *w |= 1 << (h.post % 64);
            }
        }
        let mut hits = Vec::with_capacity(found.len());
        for &p in &order.posts {
            if present.contains(p) {
                let score = scores.get(p as usize).copied().unwrap_or(0);
                hits.push(Hit { post: p, score });
            }
        }
        hits
    }

    fn hit(&self, post: u32, q: &Prepared<'_>, filter: &Filter) -> Option<i64> {
        let i = post as usize;
        let [title_mask, meta_mask, excerpt_mask] = *self.masks.get(i)?;
        let all_mask = title_mask | meta_mask | excerpt_mask;
        // The cheapest test first: a post lacking a byte some atom needs is out.
        if q.atoms.iter().any(|a| a.need_fuzzy & !all_mask != 0) {
            return None;
        }
        let accepted = if q.translations {
            self.facets.accepts_any_translation(filter, post)
        } else {
            self.facets.accepts(filter, post)
        };
        if !accepted {
            return None;
        }
        let carries = |kind, wanted: &Vec<u32>| {
            let has = self.facets.of_post(kind, post);
            wanted.iter().any(|e| has.contains(e))
        };
        if !q.tag_atoms.iter().all(|w| carries(FacetKind::Tag, w))
            || !q.author_atoms.iter().all(|w| carries(FacetKind::Author, w))
        {
            return None;
        }
        let lower_title = self.lower_titles.get(i);
        let meta_items = || {
            let start = self.meta_start.get(i).copied().unwrap_or(0) as usize;
            let end = self.meta_start.get(i + 1).copied().unwrap_or(0) as usize;
            start..end
        };
        let lower_excerpt = self.lower_excerpts.get(i);
        let query = q.query;
        // An exact atom holds no whitespace, so it is in the fields joined by spaces
        // exactly when it is in one of them.
        let anywhere = |needle: &str| {
            lower_title.contains(needle)
                || lower_excerpt.contains(needle)
                || meta_items().any(|m| self.lower_meta.get(m).contains(needle))
        };
        if !query.exact.iter().all(|e| anywhere(e))
            || !query
                .prefix
                .iter()
                .all(|p| lower_title.starts_with(p.as_str()))
            || query.not.iter().any(|n| anywhere(n))
        {
            return None;
        }
        let title = self.titles.get(i);
        let mut score = 0i64;
        for atom in &q.atoms {
            let title_score = (atom.need_fuzzy & !title_mask == 0
                && atom.matches(title, || is_subsequence(lower_title, &atom.lower)))
            .then(|| self.score(title, atom, q.score))
            .flatten();
            if let Some(s) = title_score {
                score += s;
                continue;
            }
            let meta_score = if atom.need_fuzzy & !meta_mask == 0 {
                meta_items()
                    .filter(|&m| {
                        atom.matches(self.meta.get(m), || {
                            is_subsequence(self.lower_meta.get(m), &atom.lower)
                        })
                    })
                    .filter_map(|m| self.score(self.meta.get(m), atom, q.score))
                    .max()
            } else {
                None
            };
            if let Some(s) = meta_score {
                score += s;
            } else if atom.need_excerpt & !excerpt_mask == 0
                && lower_excerpt.contains(atom.lower.as_str())
            {
                score += EXCERPT_SCORE;
            } else {
                return None;
            }
        }
        Some(score)
    }

    /// The matcher's score of a field the subsequence test passed; without `score`,
    /// for an ASCII atom, the test's word is final and the matcher is not asked.
    fn score(&self, hay: &str, atom: &Atom<'_>, score: bool) -> Option<i64> {
        if !score && atom.ascii.is_some() {
            return Some(0);
        }
        self.matcher.fuzzy_match(hay, atom.raw)
    }

    /// Character indices of a post's title that the query's fuzzy atoms match, for
    /// highlighting. Computed only for the rows on screen, not for every hit.
    pub fn title_highlight(&self, post: u32, query: &Query) -> Vec<usize> {
        if post as usize >= self.len() {
            return Vec::new();
        }
        let title = self.titles.get(post as usize);
        let mut indices: Vec<usize> = query
            .fuzzy
            .iter()
            .filter_map(|atom| self.matcher.fuzzy_indices(title, atom))
            .flat_map(|(_, idx)| idx)
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;

    use super::*;
    use crate::corpus::{PostDate, Source};

    /// A post with the given metadata, for tests of the pure modules.
    pub(crate) fn post(title: &str, authors: &[&str], tags: &[&str], day: Option<u32>) -> Post {
        Post {
            id: title.to_lowercase().replace(' ', "-"),
            path: PathBuf::from(format!("{title}.md")),
            source: Source::Embedded(b""),
            title: title.to_string(),
            authors: authors.iter().map(|s| s.to_string()).collect(),
            date: day.map(|d| PostDate {
                date: NaiveDate::from_ymd_opt(2020, 1, d).unwrap_or_default(),
                time: None,
                offset: None,
                precision: crate::corpus::Precision::Day,
            }),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            words: 10,
            excerpt: format!("Body of {title} about flickr deployments"),
            ..crate::corpus::Post::default()
        }
    }

    fn sample() -> Vec<Post> {
        vec![
            post(
                "Celebrate DevOps",
                &["Didier Lalli"],
                &["DevOps", "Ghent"],
                Some(3),
            ),
            post(
                "Two Weeks Later",
                &["Patrick Debois"],
                &["devops", "agile"],
                Some(1),
            ),
            post("Devops Days", &[], &[], Some(2)),
            post("DevOpsDays Paris", &["phrawzty"], &["Paris"], None),
            post(
                "Road to DevOps",
                &["Stéphane Goudeau", "Hervé Leclerc"],
                &["agile"],
                Some(4),
            ),
        ]
    }

    fn titles(index: &Index, posts: &[Post], hits: &[Hit]) -> Vec<String> {
        assert!(hits.len() <= index.len());
        hits.iter()
            .map(|h| posts[h.post as usize].title.clone())
            .collect()
    }

    #[test]
    fn empty_query_lists_newest_first_undated_last() {
        let posts = sample();
        let index = Index::build(&posts);
        let hits = index.search(&Query::default(), &Filter::default(), SortKey::Relevance);
        assert_eq!(
            titles(&index, &posts, &hits),
            [
                "Road to DevOps",
                "Celebrate DevOps",
                "Devops Days",
                "Two Weeks Later",
                "DevOpsDays Paris"
            ]
        );
    }

    #[test]
    fn fuzzy_query_ranks_and_reports_title_indices() {
        let posts = sample();
        let index = Index::build(&posts);
        let hits = index.search(
            &Query::parse("paris"),
            &Filter::default(),
            SortKey::Relevance,
        );
        // "Patrick Debois" holds p-a-r-i-s too (fzf would match it), but ranks below.
        assert_eq!(
            titles(&index, &posts, &hits),
            ["DevOpsDays Paris", "Two Weeks Later"]
        );
        let q = Query::parse("paris");
        assert!(index.title_highlight(hits[1].post, &q).is_empty());
        assert_eq!(
            index.title_highlight(hits[0].post, &q),
            vec![11, 12, 13, 14, 15]
        );
        assert!(hits[0].score > 0);
    }

    #[test]
    fn date_order_is_kept_while_searching_when_asked() {
        let posts = sample();
        let index = Index::build(&posts);
        let q = Query::parse("devops");
        let ranked = index.search(&q, &Filter::default(), SortKey::Relevance);
        let dated = index.search(&q, &Filter::default(), SortKey::Date);
        assert_eq!(ranked.len(), dated.len());
        let dated_titles = titles(&index, &posts, &dated);
        assert_eq!(
            dated_titles.first().map(String::as_str),
            Some("Road to DevOps")
        );
        assert_eq!(
            dated_titles.last().map(String::as_str),
            Some("DevOpsDays Paris")
        );
    }

    #[test]
    fn body_opening_is_a_weaker_signal() {
        let posts = sample();
        let index = Index::build(&posts);
        let hits = index.search(
            &Query::parse("flickr"),
            &Filter::default(),
            SortKey::Relevance,
        );
        assert_eq!(hits.len(), posts.len());
        let q = Query::parse("flickr");
        assert!(
            hits.iter()
                .all(|h| index.title_highlight(h.post, &q).is_empty())
        );
    }

    #[test]
    fn exact_prefix_and_negation_atoms() {
        let posts = sample();
        let index = Index::build(&posts);
        let search = |q: &str| {
            let mut t = titles(
                &index,
                &posts,
                &index.search(&Query::parse(q), &Filter::default(), SortKey::Title),
            );
            t.sort();
            t
        };
        assert_eq!(search("'weeks"), ["Two Weeks Later"]);
        assert_eq!(search("^devops"), ["DevOpsDays Paris", "Devops Days"]);
        assert_eq!(search("^devops !paris"), ["Devops Days"]);
    }

    #[test]
    fn tag_and_author_atoms_filter_like_facets() {
        let posts = sample();
        let index = Index::build(&posts);
        let hits = index.search(&Query::parse("#devops"), &Filter::default(), SortKey::Date);
        assert_eq!(
            titles(&index, &posts, &hits),
            ["Celebrate DevOps", "Two Weeks Later"]
        );
        let hits = index.search(
            &Query::parse("#devops @patrick"),
            &Filter::default(),
            SortKey::Date,
        );
        assert_eq!(titles(&index, &posts, &hits), ["Two Weeks Later"]);
        let hits = index.search(
            &Query::parse("#nosuchtag"),
            &Filter::default(),
            SortKey::Date,
        );
        assert!(hits.is_empty());
    }

    #[test]
    fn facet_filter_combines_tags_and_authors() {
        let posts = sample();
        let index = Index::build(&posts);
        let f = &index.facets;
        let devops = f.find(FacetKind::Tag, "DEVOPS").unwrap_or(u32::MAX);
        let agile = f.find(FacetKind::Tag, "agile").unwrap_or(u32::MAX);
        let mut filter = Filter::default();
        filter.toggle(FacetKind::Tag, devops);
        let hits = index.search(&Query::default(), &filter, SortKey::Date);
        assert_eq!(
            titles(&index, &posts, &hits),
            ["Celebrate DevOps", "Two Weeks Later"]
        );
        filter.toggle(FacetKind::Tag, agile);
        let hits = index.search(&Query::default(), &filter, SortKey::Date);
        assert_eq!(titles(&index, &posts, &hits), ["Two Weeks Later"]);
        filter.tag_mode = super::super::TagMode::Any;
        let hits = index.search(&Query::default(), &filter, SortKey::Date);
        assert_eq!(hits.len(), 3);
        let patrick = f
            .find(FacetKind::Author, "patrick debois")
            .unwrap_or(u32::MAX);
        filter.toggle(FacetKind::Author, patrick);
        let hits = index.search(&Query::default(), &filter, SortKey::Date);
        assert_eq!(titles(&index, &posts, &hits), ["Two Weeks Later"]);
    }

    #[test]
    fn searching_within_earlier_hits_gives_the_same_answer() {
        let posts = sample();
        let index = Index::build(&posts);
        let filter = Filter::default();
        for sort in [
            SortKey::Relevance,
            SortKey::Date,
            SortKey::Title,
            SortKey::Author,
        ] {
            let broad = index.search(&Query::parse("d"), &filter, sort);
            let within: Vec<u32> = broad.iter().map(|h| h.post).collect();
            let narrow = Query::parse("devo");
            assert!(narrow.narrows(&Query::parse("d")));
            assert_eq!(
                index.search_within(&narrow, &filter, sort, Some(&within)),
                index.search(&narrow, &filter, sort),
                "{sort:?}"
            );
        }
    }

    #[test]
    fn subsequence_test_is_what_fuzzy_matching_needs() {
        assert!(is_subsequence("devopsdays paris", "dps"));
        assert!(is_subsequence("日本語のニュース", "日ニ"));
        assert!(!is_subsequence("devops", "spo"));
        assert!(is_subsequence("anything", ""));
    }

    #[test]
    fn other_sort_orders() {
        let posts = sample();
        let index = Index::build(&posts);
        let all = |s| {
            titles(
                &index,
                &posts,
                &index.search(&Query::default(), &Filter::default(), s),
            )
        };
        assert_eq!(all(SortKey::Title)[0], "Celebrate DevOps");
        assert_eq!(
            all(SortKey::Author),
            [
                "Celebrate DevOps",
                "Two Weeks Later",
                "DevOpsDays Paris",
                "Road to DevOps",
                "Devops Days"
            ]
        );
    }

    /// The search as it was before arenas, masks and the byte test: the reference
    /// the fast path must equal, hit for hit and score for score.
    fn reference(
        index: &Index,
        posts: &[Post],
        query: &Query,
        filter: &Filter,
        sort: SortKey,
    ) -> Vec<Hit> {
        let facets = &index.facets;
        let matcher = SkimMatcherV2::default().smart_case();
        let lower: Vec<String> = query.fuzzy.iter().map(|a| a.to_lowercase()).collect();
        let tag_atoms: Vec<Vec<u32>> = query
            .tags
            .iter()
            .map(|t| facets.matching(FacetKind::Tag, t))
            .collect();
        let author_atoms: Vec<Vec<u32>> = query
            .authors
            .iter()
            .map(|a| facets.matching(FacetKind::Author, a))
            .collect();
        let hit = |i: usize, p: &Post| -> Option<Hit> {
            let post = i as u32;
            if !facets.accepts(filter, post) {
                return None;
            }
            let carries = |kind, wanted: &Vec<u32>| {
                let has = facets.of_post(kind, post);
                wanted.iter().any(|e| has.contains(e))
            };
            if !tag_atoms.iter().all(|w| carries(FacetKind::Tag, w))
                || !author_atoms.iter().all(|w| carries(FacetKind::Author, w))
            {
                return None;
            }
            let meta: Vec<String> = p.authors.iter().chain(p.tags.iter()).cloned().collect();
            let lower_all = format!("{} {} {}", p.title, meta.join(" "), p.excerpt).to_lowercase();
            let lower_title = p.title.to_lowercase();
            // The summary is searched like the opening of the body it sums up.
            let lower_excerpt = if p.summary.is_empty() {
                p.excerpt.to_lowercase()
            } else {
                format!("{} {}", p.summary, p.excerpt).to_lowercase()
            };
            if !query.exact.iter().all(|e| lower_all.contains(e.as_str()))
                || !query
                    .prefix
                    .iter()
                    .all(|x| lower_title.starts_with(x.as_str()))
                || query.not.iter().any(|n| lower_all.contains(n.as_str()))
            {
                return None;
            }
            let mut score = 0i64;
            for (atom, lower) in query.fuzzy.iter().zip(&lower) {
                let title = is_subsequence(&lower_title, lower)
                    .then(|| matcher.fuzzy_match(&p.title, atom))
                    .flatten();
                if let Some(s) = title {
                    score += s;
                } else if let Some(s) = meta
                    .iter()
                    .filter(|m| is_subsequence(&m.to_lowercase(), lower))
                    .filter_map(|m| matcher.fuzzy_match(m, atom))
                    .max()
                {
                    score += s;
                } else if lower_excerpt.contains(lower.as_str()) {
                    score += EXCERPT_SCORE;
                } else {
                    return None;
                }
            }
            Some(Hit { post, score })
        };
        let order = match sort {
            SortKey::Relevance | SortKey::Date => &index.by_date,
            SortKey::Title => &index.by_title,
            SortKey::Author => &index.by_author,
        };
        let mut hits: Vec<Hit> = order
            .posts
            .iter()
            .filter_map(|&i| hit(i as usize, &posts[i as usize]))
            .collect();
        if sort == SortKey::Relevance && query.ranks() {
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        }
        hits
    }

    /// A few hundred posts of mixed case, non-ASCII letters (some that lower-case to
    /// ASCII or to two characters), tags and authors, from a fixed seed.
    fn generated() -> Vec<Post> {
        const PIECES: &[&str] = &[
            "Dev",
            "ops",
            "DEVOPS",
            "kube",
            "Kubernetes",
            "é",
            "É",
            "\u{212A}ube",
            "İst",
            "straße",
            "日本",
            "déploiement",
            "K8s",
            "d-e-v",
            "o_p",
            " ",
            "Road",
            "to",
            "Σ",
            "ΟΔΟΣ",
            "x",
            "ĳ",
            "café",
            "Ghent",
            "2024",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..300)
            .map(|i| {
                let mut words = |count: usize| {
                    (0..count)
                        .map(|_| PIECES[next(PIECES.len())])
                        .collect::<Vec<_>>()
                        .join(if next(2) == 0 { " " } else { "" })
                };
                let title = words(1 + i % 5);
                let tag_a = words(1 + i % 2);
                let tag_b = words(1);
                let author = words(2);
                let mut p = post(
                    &title,
                    &[&author],
                    &[&tag_a, &tag_b],
                    Some(1 + (i % 28) as u32),
                );
                p.excerpt = words(8);
                if i % 7 == 0 {
                    p.date = None;
                }
                p
            })
            .collect()
    }

    const ATOMS: &[&str] = &[
        "d",
        "D",
        "de",
        "dev",
        "Dev",
        "devops",
        "DEVOPS",
        "k",
        "K",
        "ku",
        "kube",
        "\u{212A}",
        "é",
        "É",
        "e",
        "i",
        "İ",
        "ss",
        "ß",
        "日",
        "本",
        "σ",
        "ς",
        "Σ",
        "ο",
        "k8",
        "8",
        "-",
        "o_p",
        "x",
        "ĳ",
        "caf",
        "zz",
        "r t",
        "ghent 2024",
        "d o",
        "'dev",
        "'é",
        "^road",
        "!ops",
        "#dev",
        "@road",
        "dev !kube",
    ];

    #[test]
    fn fast_path_equals_the_reference_hit_for_hit_in_every_order() {
        let posts = generated();
        let index = Index::build(&posts);
        let mut filter = Filter::default();
        for text in ATOMS {
            let q = Query::parse(text);
            for sort in [
                SortKey::Relevance,
                SortKey::Date,
                SortKey::Title,
                SortKey::Author,
            ] {
                for filtered in [false, true] {
                    let f = if filtered {
                        &filter
                    } else {
                        &Filter::default()
                    };
                    assert_eq!(
                        index.search(&q, f, sort),
                        reference(&index, &posts, &q, f, sort),
                        "{text:?} {sort:?} filtered: {filtered}"
                    );
                }
            }
            if filter.is_empty() {
                filter.toggle(FacetKind::Tag, 0);
                filter.toggle(FacetKind::Author, 1);
                filter.toggle(FacetKind::Author, 2);
                filter.tag_mode = super::super::TagMode::Any;
            }
        }
    }

    #[test]
    fn prefilter_never_rejects_a_post_the_matcher_matches() {
        let posts = generated();
        let index = Index::build(&posts);
        let matcher = SkimMatcherV2::default().smart_case();
        for atom in ATOMS
            .iter()
            .filter(|a| !a.contains([' ', '\'', '^', '!', '#', '@']))
        {
            let a = Atom::new(atom);
            for (i, p) in posts.iter().enumerate() {
                let [title_mask, meta_mask, _] = index.masks[i];
                if matcher.fuzzy_match(&p.title, atom).is_some() {
                    assert_eq!(a.need_fuzzy & !title_mask, 0, "{atom:?} in {:?}", p.title);
                    assert!(a.matches(&p.title, || true), "{atom:?} in {:?}", p.title);
                } else if a.ascii.is_some() {
                    assert!(!a.matches(&p.title, || true), "{atom:?} in {:?}", p.title);
                }
                for m in p.authors.iter().chain(&p.tags) {
                    if matcher.fuzzy_match(m, atom).is_some() {
                        assert_eq!(a.need_fuzzy & !meta_mask, 0, "{atom:?} in {m:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn narrowing_widening_and_the_memo_give_a_fresh_search() {
        use super::super::request::{PaneRequest, Scope, SearchRequest, run};
        use std::sync::Arc;
        let library = Arc::new(super::super::Library::new(crate::corpus::Corpus {
            posts: generated(),
            ..crate::corpus::Corpus::default()
        }));
        let request = |text: &str, sort, scope| SearchRequest {
            generation: 0,
            library: Arc::clone(&library),
            query: Query::parse(text),
            filter: Filter::default(),
            sort,
            scope,
            tags: PaneRequest::default(),
            authors: PaneRequest::default(),
            languages: PaneRequest::default(),
            years: PaneRequest::default(),
        };
        let typed = ["", "d", "de", "dev", "devo", "devop", "devops"];
        for sort in [SortKey::Relevance, SortKey::Date] {
            library.forget_searches();
            let fresh: Vec<_> = typed
                .iter()
                .map(|text| {
                    library.forget_searches();
                    run(&request(text, sort, Scope::All))
                })
                .collect();
            library.forget_searches();
            let mut previous = run(&request("", sort, Scope::All));
            for (text, expected) in typed.iter().zip(&fresh).skip(1) {
                let narrowed = run(&request(text, sort, Scope::Within(previous.hits)));
                assert_eq!(narrowed.hits, expected.hits, "{text} {sort:?}");
                assert_eq!(narrowed.tag_counts, expected.tag_counts);
                assert_eq!(narrowed.author_counts, expected.author_counts);
                previous = narrowed;
            }
            for (text, expected) in typed.iter().zip(&fresh).rev().skip(1) {
                // Backspace: the app sends All, and the memo answers.
                let q = Query::parse(text);
                assert!(library.remembered(&q, &Filter::default(), sort).is_some());
                let widened = run(&request(text, sort, Scope::All));
                assert_eq!(widened.hits, expected.hits, "{text} {sort:?}");
                assert_eq!(widened.tag_counts, expected.tag_counts);
            }
        }
    }

    #[test]
    fn the_unranked_answer_finds_the_same_posts_in_date_order() {
        let posts = generated();
        let index = Index::build(&posts);
        let filter = Filter::default();
        for atom in ATOMS.iter().chain(["dev ops", "k #x", "'ss d"].iter()) {
            let query = Query::parse(atom);
            for sort in [SortKey::Relevance, SortKey::Date, SortKey::Title] {
                let ranked = index.search(&query, &filter, sort);
                let unranked = index.search_unranked(&query, &filter, sort, None);
                let set = |hits: &[Hit]| {
                    let mut posts: Vec<u32> = hits.iter().map(|h| h.post).collect();
                    posts.sort_unstable();
                    posts
                };
                assert_eq!(set(&unranked), set(&ranked), "{atom:?} {sort:?}");
                let order = if sort == SortKey::Relevance {
                    SortKey::Date
                } else {
                    sort
                };
                let in_order: Vec<u32> = index
                    .search(&Query::default(), &filter, order)
                    .iter()
                    .map(|h| h.post)
                    .filter(|p| set(&ranked).binary_search(p).is_ok())
                    .collect();
                let unranked_posts: Vec<u32> = unranked.iter().map(|h| h.post).collect();
                assert_eq!(unranked_posts, in_order, "{atom:?} {sort:?}: date order");
                // Within an earlier answer, the same again.
                let all = index.search(&Query::default(), &filter, sort);
                assert_eq!(
                    set(&index.search_unranked(&query, &filter, sort, Some(&all))),
                    set(&ranked)
                );
            }
        }
    }
}
