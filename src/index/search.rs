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
    /// Authors and tags, each matched on its own so an atom cannot straddle two.
    meta: Vec<String>,
    /// The body opening, lower-cased: matched as a substring, not fuzzily, since a
    /// few hundred characters contain a scattered match for almost any short atom.
    lower_excerpt: String,
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

/// The score of an atom found only in the body opening: below any decent title match.
const EXCERPT_SCORE: i64 = 10;

impl Index {
    /// Prepares facets and haystacks for `posts` (in corpus order).
    pub fn build(posts: &[Post]) -> Self {
        let haystacks = posts
            .par_iter()
            .map(|p| {
                let meta: Vec<String> = p.authors.iter().chain(p.tags.iter()).cloned().collect();
                let lower_all =
                    format!("{} {} {}", p.title, meta.join(" "), p.excerpt).to_lowercase();
                Haystack {
                    lower_title: p.title.to_lowercase(),
                    title: p.title.clone(),
                    meta,
                    lower_excerpt: p.excerpt.to_lowercase(),
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
        if !query
            .exact
            .iter()
            .all(|e| hay.lower_all.contains(e.as_str()))
            || !query
                .prefix
                .iter()
                .all(|p| hay.lower_title.starts_with(p.as_str()))
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
            } else if let Some(s) = hay
                .meta
                .iter()
                .filter_map(|m| self.matcher.fuzzy_match(m, atom))
                .max()
            {
                score += s;
            } else if hay.lower_excerpt.contains(&atom.to_lowercase()) {
                score += EXCERPT_SCORE;
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
        let key = |p: u32| {
            self.haystacks
                .get(p as usize)
                .map(|h| h.lower_title.as_str())
        };
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
            }),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            words: 10,
            excerpt: format!("Body of {title} about flickr deployments"),
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
        assert!(hits[1].title_matches.is_empty());
        assert_eq!(hits[0].title_matches, vec![11, 12, 13, 14, 15]);
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
        assert!(hits.iter().all(|h| h.title_matches.is_empty()));
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
}
