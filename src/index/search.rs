//! Fuzzy search over titles, authors and tags (the body opening as a weaker signal),
//! combined with the facet filter and the query's exact, prefix, negated, `#tag` and
//! `@author` atoms, then sorted.

use std::cmp::Ordering;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::facets::{FacetKind, Facets, Filter, facet_key};
use super::query::Query;
use super::sort::SortKey;
use crate::corpus::Post;

/// A post that passed the query and the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the post in the corpus.
    pub post: u32,
    /// Fuzzy score (0 when the query does not rank).
    pub score: i64,
    /// Character indices of the title that the fuzzy atoms matched, ascending.
    pub title_matches: Vec<usize>,
}

/// What search reads of each post, prepared once.
#[derive(Debug, Clone)]
struct Haystack {
    title: String,
    /// Authors and tags, space separated.
    meta: String,
    excerpt: String,
    /// Title, authors, tags and excerpt, lower-cased, for exact and negated atoms.
    lower_all: String,
    lower_title: String,
    /// Sort keys.
    date_key: Option<i64>,
    first_author: String,
}

/// The search index of a corpus: facets plus prepared haystacks.
pub struct Index {
    /// Tag and author facets.
    pub facets: Facets,
    haystacks: Vec<Haystack>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("posts", &self.haystacks.len())
            .finish_non_exhaustive()
    }
}

/// The weaker weight of a match found only in the body opening.
const EXCERPT_WEIGHT_DIVISOR: i64 = 3;

impl Index {
    /// Prepares facets and haystacks for `posts` (in corpus order).
    pub fn build(posts: &[Post]) -> Self {
        let haystacks = posts
            .par_iter()
            .map(|p| {
                let meta = p
                    .authors
                    .iter()
                    .chain(p.tags.iter())
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(" ");
                let lower_all =
                    format!("{} {} {}", p.title, meta, p.excerpt).to_lowercase();
                Haystack {
                    lower_title: p.title.to_lowercase(),
                    title: p.title.clone(),
                    meta,
                    excerpt: p.excerpt.clone(),
                    lower_all,
                    date_key: p.date.as_ref().map(|d| d.sort_key()),
                    first_author: p.authors.first().map(|a| facet_key(a)).unwrap_or_default(),
                }
            })
            .collect();
        Index {
            facets: Facets::build(posts),
            haystacks,
            matcher: SkimMatcherV2::default().smart_case(),
        }
    }

    /// Number of posts indexed.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// True when no post is indexed.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
    }

    /// Posts passing `query` and `filter`, ordered by `sort`.
    pub fn search(&self, query: &Query, filter: &Filter, sort: SortKey) -> Vec<Hit> {
        let tag_atoms: Vec<Vec<u32>> = query
            .tags
            .iter()
            .map(|t| self.facets.matching(FacetKind::Tag, t))
            .collect();
        let author_atoms: Vec<Vec<u32>> = query
            .authors
            .iter()
            .map(|a| self.facets.matching(FacetKind::Author, a))
            .collect();
        let mut hits: Vec<Hit> = (0..self.haystacks.len() as u32)
            .into_par_iter()
            .filter_map(|post| self.hit(post, query, filter, &tag_atoms, &author_atoms))
            .collect();
        self.sort(&mut hits, sort, query.ranks());
        hits
    }

    fn hit(
        &self,
        post: u32,
        query: &Query,
        filter: &Filter,
        tag_atoms: &[Vec<u32>],
        author_atoms: &[Vec<u32>],
    ) -> Option<Hit> {
        if !self.facets.accepts(filter, post) {
            return None;
        }
        let carries = |kind, wanted: &Vec<u32>| {
            let has = self.facets.of_post(kind, post);
            wanted.iter().any(|e| has.contains(e))
        };
        if !tag_atoms.iter().all(|w| carries(FacetKind::Tag, w))
            || !author_atoms.iter().all(|w| carries(FacetKind::Author, w))
        {
            return None;
        }
        let hay = self.haystacks.get(post as usize)?;
        if !query.exact.iter().all(|e| hay.lower_all.contains(e.as_str()))
            || !query.prefix.iter().all(|p| hay.lower_title.starts_with(p.as_str()))
            || query.not.iter().any(|n| hay.lower_all.contains(n.as_str()))
        {
            return None;
        }
        let mut score = 0i64;
        let mut title_matches = Vec::new();
        for atom in &query.fuzzy {
            if let Some((s, idx)) = self.matcher.fuzzy_indices(&hay.title, atom) {
                score += s;
                title_matches.extend(idx);
            } else if let Some(s) = self.matcher.fuzzy_match(&hay.meta, atom) {
                score += s;
            } else if let Some(s) = self.matcher.fuzzy_match(&hay.excerpt, atom) {
                score += s / EXCERPT_WEIGHT_DIVISOR;
            } else {
                return None;
            }
        }
        title_matches.sort_unstable();
        title_matches.dedup();
        Some(Hit {
            post,
            score,
            title_matches,
        })
    }

    fn by_date(&self, a: u32, b: u32) -> Ordering {
        let key = |p: u32| self.haystacks.get(p as usize).and_then(|h| h.date_key);
        match (key(a), key(b)) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }

    fn by_title(&self, a: u32, b: u32) -> Ordering {
        let key = |p: u32| self.haystacks.get(p as usize).map(|h| h.lower_title.as_str());
        key(a).cmp(&key(b))
    }

    fn by_author(&self, a: u32, b: u32) -> Ordering {
        let key = |p: u32| {
            self.haystacks
                .get(p as usize)
                .map(|h| (h.first_author.is_empty(), h.first_author.as_str()))
        };
        key(a).cmp(&key(b))
    }

    fn sort(&self, hits: &mut [Hit], sort: SortKey, ranks: bool) {
        let cmp = |a: &Hit, b: &Hit| -> Ordering {
            let (x, y) = (a.post, b.post);
            let primary = match sort {
                SortKey::Relevance if ranks => b.score.cmp(&a.score),
                SortKey::Relevance | SortKey::Date => Ordering::Equal,
                SortKey::Title => self.by_title(x, y),
                SortKey::Author => self.by_author(x, y),
            };
            primary
                .then_with(|| self.by_date(x, y))
                .then_with(|| self.by_title(x, y))
                .then(x.cmp(&y))
        };
        hits.par_sort_unstable_by(cmp);
    }
}
