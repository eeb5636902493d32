//! Related posts: the posts that share the most with one post, and the other posts
//! of its authors.
//!
//! **The score** of a candidate is the sum, over the tags and authors it shares with
//! the post, of each one's rarity: its inverse document frequency,
//! `ln((N + 1) / df)` for an entry carried by `df` of the `N` posts. A tag on two
//! posts says much more about them than one on half the archive. Equal scores are
//! ordered by how many title words the two share (lower-cased, words of three letters
//! or more that are not stop-words), then newest first, then by index.
//!
//! **The candidates** are the posts found on the post's own entries' post lists,
//! never all posts: the entries are walked rarest first, and at most
//! [`CANDIDATE_BUDGET`] posts are gathered. An entry too common to fit in what is
//! left of the budget gives only its first posts (in path order) until the budget is
//! spent. So a tag carried by 100,000 posts costs at most the budget, and what it
//! leaves out could only have scored that tag's small weight, the rarer entries
//! having been walked already. Each candidate is then scored against the post's
//! entries, so the work is bounded by the budget times a post's entries.
//!
//! The post itself and its translations are never related to it, and of a group of
//! translations only the best placed is listed.

use std::collections::{HashMap, HashSet};

use super::facets::FacetKind;
use super::library::Library;

/// Posts gathered as candidates at most, whatever the entries carry.
pub const CANDIDATE_BUDGET: usize = 4096;

/// One related post and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Related {
    /// The post's index in the library.
    pub post: u32,
    /// The summed rarity of the tags and authors it shares.
    pub score: f64,
}

/// An author's other posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoreBy {
    /// The author entry (index into the author facet).
    pub author: u32,
    /// How many posts of the author there are besides the post and its translations.
    pub others: usize,
    /// The newest few of them, newest first.
    pub newest: Vec<u32>,
}

/// Words too common in titles to say that two posts are alike.
const STOP_WORDS: &[&str] = &[
    "about", "after", "again", "all", "also", "and", "any", "are", "but", "can", "could", "did",
    "does", "for", "from", "had", "has", "have", "her", "his", "how", "into", "its", "just",
    "more", "not", "now", "off", "one", "our", "out", "over", "part", "she", "some", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "too", "two", "use",
    "using", "very", "was", "way", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "you", "your",
];

/// The words of a title that can tie two posts together.
pub fn title_words(title: &str) -> HashSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// The rarity of an entry carried by `df` of `total` posts.
fn idf(total: usize, df: usize) -> f64 {
    ((total as f64 + 1.0) / df.max(1) as f64).ln()
}

/// A post's date as a number to sort by, newest largest; undated posts lowest.
fn newness(library: &Library, post: u32) -> i64 {
    library
        .post(post)
        .and_then(|p| p.date.as_ref())
        .map_or(i64::MIN, |d| d.sort_key())
}

/// The post's entries as `(kind, entry, posts carrying it, weight)`, rarest first.
type Entries = Vec<(FacetKind, u32, usize, f64)>;

/// The candidates: the entries' posts, rarest entry first, at most
/// [`CANDIDATE_BUDGET`] of them, none of `excluded`.
fn gather(library: &Library, own: &Entries, excluded: &HashSet<u32>) -> Vec<u32> {
    let facets = &library.index.facets;
    let mut candidates: Vec<u32> = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    for &(kind, e, _, _) in own {
        let Some(entry) = facets.entries(kind).get(e as usize) else {
            continue;
        };
        for &p in &entry.posts {
            if candidates.len() >= CANDIDATE_BUDGET {
                return candidates;
            }
            if !excluded.contains(&p) && seen.insert(p) {
                candidates.push(p);
            }
        }
    }
    candidates
}

/// The post's tag and author entries with their weights, rarest first.
fn entries_of(library: &Library, post: u32) -> Entries {
    let facets = &library.index.facets;
    let total = library.corpus.posts.len();
    let mut own: Entries = [FacetKind::Tag, FacetKind::Author]
        .into_iter()
        .flat_map(|kind| {
            facets.of_post(kind, post).iter().filter_map(move |&e| {
                let df = facets.entries(kind).get(e as usize)?.posts.len();
                Some((kind, e, df, idf(total, df)))
            })
        })
        .collect();
    own.sort_by_key(|&(kind, e, df, _)| (df, kind == FacetKind::Author, e));
    own
}

/// The `n` posts sharing the most with `post`, best first (see the module docs).
pub fn related(library: &Library, post: u32, n: usize) -> Vec<Related> {
    let facets = &library.index.facets;
    if n == 0 || library.post(post).is_none() {
        return Vec::new();
    }
    let mut excluded: HashSet<u32> = facets.translation_group(post).iter().copied().collect();
    excluded.insert(post);
    let own = entries_of(library, post);
    let candidates = gather(library, &own, &excluded);
    // Each candidate scored against the post's entries.
    let own_words = library
        .post(post)
        .map(|p| title_words(&p.title))
        .unwrap_or_default();
    let mut scored: Vec<(Related, usize, i64)> = candidates
        .into_iter()
        .map(|c| {
            let score: f64 = own
                .iter()
                .filter(|&&(kind, e, _, _)| facets.of_post(kind, c).contains(&e))
                .map(|&(_, _, _, w)| w)
                .sum();
            let shared_words = library.post(c).map_or(0, |p| {
                title_words(&p.title).intersection(&own_words).count()
            });
            (
                Related { post: c, score },
                shared_words,
                newness(library, c),
            )
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
            .then(a.0.post.cmp(&b.0.post))
    });
    // One post of each group of translations.
    let mut chosen: Vec<Related> = Vec::with_capacity(n);
    let mut taken: HashSet<u32> = HashSet::new();
    for (r, _, _) in scored {
        if chosen.len() >= n {
            break;
        }
        if let Some(group) = facets.translation_group_id(r.post)
            && !taken.insert(group)
        {
            continue;
        }
        chosen.push(r);
    }
    chosen
}

/// The other posts of author entry `author`: how many besides `post` and its
/// translations, and the newest `few` of them. Linear in the author's posts.
pub fn more_by(library: &Library, author: u32, post: u32, few: usize) -> MoreBy {
    let facets = &library.index.facets;
    let excluded: HashSet<u32> = facets
        .translation_group(post)
        .iter()
        .copied()
        .chain([post])
        .collect();
    let mut others: Vec<u32> = facets
        .entries(FacetKind::Author)
        .get(author as usize)
        .map(|e| {
            e.posts
                .iter()
                .copied()
                .filter(|p| !excluded.contains(p))
                .collect()
        })
        .unwrap_or_default();
    let count = others.len();
    let mut dates: HashMap<u32, i64> = HashMap::with_capacity(others.len());
    for &p in &others {
        dates.insert(p, newness(library, p));
    }
    others.sort_by_key(|p| (std::cmp::Reverse(dates.get(p).copied()), *p));
    others.truncate(few);
    MoreBy {
        author,
        others: count,
        newest: others,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Post, PostDate};

    fn post(name: &str, authors: &[&str], tags: &[&str]) -> Post {
        Post {
            id: name.into(),
            path: format!("{name}.md").into(),
            title: name.into(),
            authors: authors.iter().map(|s| s.to_string()).collect(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            ..Post::default()
        }
    }

    fn library(posts: Vec<Post>) -> Library {
        Library::new(Corpus {
            posts,
            ..Corpus::default()
        })
    }

    fn ids(library: &Library, related: &[Related]) -> Vec<String> {
        related
            .iter()
            .filter_map(|r| library.post(r.post))
            .map(|p| p.id.clone())
            .collect()
    }

    #[test]
    fn a_rarer_shared_tag_outranks_a_common_one() {
        let mut posts = vec![
            post("a", &[], &["common", "rare"]),
            post("b", &[], &["common"]),
            post("c", &[], &["rare"]),
            post("d", &[], &["unrelated"]),
        ];
        for i in 0..6 {
            posts.push(post(&format!("e{i}"), &[], &["common"]));
        }
        let lib = library(posts);
        let found = related(&lib, 0, 3);
        assert_eq!(ids(&lib, &found), ["c", "b", "e0"]);
        assert!(found[0].score > found[1].score, "{found:?}");
        assert!(!ids(&lib, &related(&lib, 0, 20)).contains(&"d".to_string()));
    }

    #[test]
    fn shared_tags_add_up_and_authors_count_like_tags() {
        let lib = library(vec![
            post("a", &["Ann"], &["x", "y"]),
            post("b", &[], &["x"]),
            post("c", &["Ann"], &["x"]),
            post("d", &["Bob"], &["y"]),
        ]);
        let found = related(&lib, 0, 5);
        assert_eq!(ids(&lib, &found)[0], "c", "shares a tag and the author");
    }

    #[test]
    fn title_words_then_dates_break_ties() {
        let mut posts = vec![
            post("kubernetes operators in go", &[], &["t"]),
            post("notes from the road", &[], &["t"]),
            post("writing operators", &[], &["t"]),
            post("older notes", &[], &["t"]),
            post("newer notes", &[], &["t"]),
        ];
        posts[3].date = Some(PostDate::day(
            chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default(),
        ));
        posts[4].date = Some(PostDate::day(
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
        ));
        let lib = library(posts);
        let found = related(&lib, 0, 4);
        assert_eq!(
            ids(&lib, &found),
            [
                "writing operators",
                "newer notes",
                "older notes",
                "notes from the road"
            ]
        );
        assert!(title_words("The way IN to Go, and Rust").contains("rust"));
        assert!(!title_words("The way IN to Go, and Rust").contains("the"));
        assert!(!title_words("Go").contains("go"), "short words say little");
    }

    #[test]
    fn neither_the_post_nor_its_translations_are_related_and_groups_count_once() {
        let mut posts = vec![
            post("a-en", &[], &["t"]),
            post("a-fr", &[], &["t"]),
            post("b-en", &[], &["t"]),
            post("b-fr", &[], &["t"]),
            post("c", &[], &["t"]),
        ];
        for (p, (key, lang)) in
            posts
                .iter_mut()
                .zip([("a", "en"), ("a", "fr"), ("b", "en"), ("b", "fr")])
        {
            p.translation = Some(key.into());
            p.language = Some(lang.into());
        }
        let lib = library(posts);
        let found = ids(&lib, &related(&lib, 0, 5));
        assert!(!found.iter().any(|id| id.starts_with("a-")), "{found:?}");
        assert_eq!(found, ["b-en", "c"], "one of the b translations");
    }

    #[test]
    fn a_tag_on_100k_posts_is_walked_only_within_the_budget() {
        let mut posts: Vec<Post> = (0..100_000)
            .map(|i| post(&format!("p{i:06}"), &[], &["everywhere"]))
            .collect();
        posts[99_999].tags.push("rare".into());
        posts[50_000].tags.push("rare".into());
        let lib = library(posts);
        let found = related(&lib, 50_000, 5);
        assert_eq!(found.len(), 5);
        assert_eq!(
            ids(&lib, &found)[0],
            "p099999",
            "the rare tag was walked first"
        );
        // What is scored is bounded: the common tag gave only the budget's worth, the
        // first posts in path order.
        assert!(
            found[1..]
                .iter()
                .all(|r| (r.post as usize) < CANDIDATE_BUDGET),
            "{found:?}"
        );
        // The common tag gave only the budget's worth of candidates.
        let own = entries_of(&lib, 50_000);
        let gathered = gather(&lib, &own, &HashSet::from([50_000]));
        assert_eq!(gathered.len(), CANDIDATE_BUDGET);
        assert_eq!(gathered[0], 99_999, "the rare tag's posts come first");
        // A post of only the common tag still finds some.
        assert_eq!(related(&lib, 7, 5).len(), 5);
    }

    #[test]
    fn more_by_counts_the_authors_other_posts_newest_first() {
        let mut posts = vec![
            post("a", &["Ann"], &[]),
            post("b", &["Ann"], &[]),
            post("c", &["ann"], &[]),
            post("d", &["Bob"], &[]),
        ];
        posts[1].date = Some(PostDate::day(
            chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default(),
        ));
        posts[2].date = Some(PostDate::day(
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
        ));
        let lib = library(posts);
        let ann = lib
            .index
            .facets
            .find(FacetKind::Author, "ann")
            .unwrap_or(99);
        let more = more_by(&lib, ann, 0, 5);
        assert_eq!(more.others, 2);
        assert_eq!(more.newest, [2, 1]);
        assert_eq!(more_by(&lib, ann, 0, 1).newest, [2]);
    }
}
