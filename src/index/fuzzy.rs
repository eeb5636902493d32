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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the post in the corpus.
    pub post: u32,
    /// Fuzzy score (0 when the query does not rank).
    pub score: i64,
}

/// What search reads of each post, prepared once.
#[derive(Debug, Clone)]
struct Haystack {
    title: String,
    /// Authors and tags, each matched on its own so an atom cannot straddle two.
    meta: Vec<String>,
    /// `meta`, lower-cased, for the cheap subsequence test before the matcher.
    lower_meta: Vec<String>,
    /// The body opening, lower-cased: matched as a substring, not fuzzily, since a
    /// few hundred characters contain a scattered match for almost any short atom.
    lower_excerpt: String,
    /// Title, authors, tags and excerpt, lower-cased, for exact and negated atoms.
    lower_all: String,
    lower_title: String,
}

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
        posts.par_sort_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
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

/// The search index of a corpus: facets, prepared haystacks and precomputed orders,
/// so a keystroke costs one matching pass and no string comparisons when sorting.
pub struct Index {
    /// Tag and author facets.
    pub facets: Facets,
    haystacks: Vec<Haystack>,
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
            .field("posts", &self.haystacks.len())
            .finish_non_exhaustive()
    }
}

/// True when the characters of `needle` appear in `hay` in order: what any fuzzy
/// match needs, checked far faster than the matcher scores it.
fn is_subsequence(hay: &str, needle: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// The score of an atom found only in the body opening: below any decent title match.
const EXCERPT_SCORE: i64 = 10;

/// A query prepared for one search: atoms lower-cased once, `#`/`@` atoms resolved.
struct Prepared<'q> {
    query: &'q Query,
    fuzzy_lower: Vec<String>,
    tag_atoms: Vec<Vec<u32>>,
    author_atoms: Vec<Vec<u32>>,
}

impl Index {
    /// Prepares facets, haystacks and orders for `posts` (in corpus order).
    pub fn build(posts: &[Post]) -> Self {
        let haystacks: Vec<Haystack> = posts
            .par_iter()
            .map(|p| {
                let meta: Vec<String> = p.authors.iter().chain(p.tags.iter()).cloned().collect();
                let lower_all =
                    format!("{} {} {}", p.title, meta.join(" "), p.excerpt).to_lowercase();
                Haystack {
                    lower_meta: meta.iter().map(|m| m.to_lowercase()).collect(),
                    lower_title: p.title.to_lowercase(),
                    title: p.title.clone(),
                    meta,
                    lower_excerpt: p.excerpt.to_lowercase(),
                    lower_all,
                }
            })
            .collect();
        let date_key: Vec<Option<i64>> = posts
            .iter()
            .map(|p| p.date.as_ref().map(|d| d.sort_key()))
            .collect();
        let first_author: Vec<String> = posts
            .iter()
            .map(|p| p.authors.first().map(|a| facet_key(a)).unwrap_or_default())
            .collect();
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
            let key = |p: u32| haystacks.get(p as usize).map(|h| h.lower_title.as_str());
            key(a).cmp(&key(b))
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
        let by_date = Order::new(len, |a, b| newest_first(a, b).then_with(|| title(a, b)));
        let by_title = Order::new(len, |a, b| title(a, b).then_with(|| newest_first(a, b)));
        let by_author = Order::new(len, |a, b| author(a, b).then_with(|| newest_first(a, b)));
        Index {
            facets: Facets::build(posts),
            haystacks,
            by_date,
            by_title,
            by_author,
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
        let prepared = Prepared {
            query,
            fuzzy_lower: query.fuzzy.iter().map(|a| a.to_lowercase()).collect(),
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
        };
        let order = match sort {
            SortKey::Relevance | SortKey::Date => &self.by_date,
            SortKey::Title => &self.by_title,
            SortKey::Author => &self.by_author,
        };
        let check = |post: u32| self.hit(post, &prepared, filter);
        let mut hits: Vec<Hit> = match candidates {
            // Walking the precomputed order keeps the result sorted for free.
            None => order.posts.par_iter().filter_map(|&p| check(p)).collect(),
            Some(posts) => {
                let mut hits: Vec<Hit> = posts.par_iter().filter_map(|&p| check(p)).collect();
                hits.par_sort_unstable_by_key(|h| order.rank(h.post));
                hits
            }
        };
        if sort == SortKey::Relevance && query.ranks() {
            // Stable: equal scores keep date order.
            hits.par_sort_by(|a, b| b.score.cmp(&a.score));
        }
        hits
    }

    fn hit(&self, post: u32, q: &Prepared<'_>, filter: &Filter) -> Option<Hit> {
        if !self.facets.accepts(filter, post) {
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
        let hay = self.haystacks.get(post as usize)?;
        let query = q.query;
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
        for (atom, lower) in query.fuzzy.iter().zip(&q.fuzzy_lower) {
            // The matcher is the expensive part of a keystroke: only call it where a
            // plain case-insensitive subsequence test says it can match.
            let title = is_subsequence(&hay.lower_title, lower)
                .then(|| self.matcher.fuzzy_match(&hay.title, atom))
                .flatten();
            if let Some(s) = title {
                score += s;
            } else if let Some(s) = hay
                .meta
                .iter()
                .zip(&hay.lower_meta)
                .filter(|(_, m)| is_subsequence(m, lower))
                .filter_map(|(m, _)| self.matcher.fuzzy_match(m, atom))
                .max()
            {
                score += s;
            } else if hay.lower_excerpt.contains(lower.as_str()) {
                score += EXCERPT_SCORE;
            } else {
                return None;
            }
        }
        Some(Hit { post, score })
    }

    /// Character indices of a post's title that the query's fuzzy atoms match, for
    /// highlighting. Computed only for the rows on screen, not for every hit.
    pub fn title_highlight(&self, post: u32, query: &Query) -> Vec<usize> {
        let Some(hay) = self.haystacks.get(post as usize) else {
            return Vec::new();
        };
        let mut indices: Vec<usize> = query
            .fuzzy
            .iter()
            .filter_map(|atom| self.matcher.fuzzy_indices(&hay.title, atom))
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
}
