//! Tag, author, language and year facets: identity (trimmed, case-insensitive), the
//! spelling shown (the most common one), which posts carry each entry, and counts under
//! a filter.
//!
//! The Years facet is a timeline: each dated post carries its year (`2019`) and its
//! month (`2019-08`), an undated one the [`UNDATED`] entry. Keys sort months after
//! their year and `undated` last, so index order is time order.
//!
//! Translations (posts sharing a translation key) are one post in several languages:
//! unless languages are selected, only one of them, in the language preferred, passes
//! the filter, and the others are one key away.

use crate::text::collapsed_whitespace;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::corpus::Post;

/// Which facet pane an entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FacetKind {
    /// Post tags (tags, categories, keywords).
    Tag,
    /// Post authors.
    Author,
    /// Post languages.
    Language,
    /// When posts were published: years, months inside them, and undated.
    Year,
}

impl FacetKind {
    /// Every kind, in pane order.
    pub const ALL: [FacetKind; 4] = [
        FacetKind::Tag,
        FacetKind::Author,
        FacetKind::Language,
        FacetKind::Year,
    ];
}

/// The key of the Years entry for posts without a date.
pub const UNDATED: &str = "undated";

/// Whether a Years key names a month (`2019-08`) rather than a year or undated.
pub fn is_month(key: &str) -> bool {
    key.len() == 7 && key.as_bytes().get(4) == Some(&b'-')
}

/// The year a Years key belongs to (`2019` for `2019` and `2019-08`); none for undated.
pub fn year_of(key: &str) -> Option<&str> {
    let year = key.get(..4)?;
    year.bytes().all(|b| b.is_ascii_digit()).then_some(year)
}

/// One distinct tag or author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetEntry {
    /// Identity: trimmed and lower-cased.
    pub key: String,
    /// The spelling shown: the one most posts use (ties: the first seen).
    pub label: String,
    /// Posts that carry this entry, ascending.
    pub posts: Vec<u32>,
}

/// How several selected tags combine.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum TagMode {
    /// A post must carry every selected tag.
    #[default]
    All,
    /// A post must carry at least one selected tag.
    Any,
}

/// The facet selection. Tags combine by [`TagMode`] (AND by default). Several
/// authors combine with OR: most posts have one author, so AND would nearly always
/// be empty, and "posts by A or B" is what a reader means. Tags and authors combine
/// with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Selected tag entries (indices into [`Facets::tags`]).
    pub tags: BTreeSet<u32>,
    /// Selected author entries (indices into [`Facets::authors`]).
    pub authors: BTreeSet<u32>,
    /// Selected language entries (indices into [`Facets::languages`]); OR.
    pub languages: BTreeSet<u32>,
    /// Selected periods (indices into [`Facets::years`]): years, months, undated; OR.
    pub years: BTreeSet<u32>,
    /// AND or OR between selected tags.
    pub tag_mode: TagMode,
    /// Drafts listed with the rest, left out, or alone.
    pub drafts: Drafts,
    /// Only these posts (the read or bookmarked ones, say); `None` for all.
    pub only: Option<std::sync::Arc<super::marks::PostSet>>,
}

/// Which posts marked draft the list shows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Drafts {
    /// Drafts and published posts alike.
    #[default]
    Shown,
    /// Only published posts.
    Hidden,
    /// Only drafts.
    Only,
}

impl Drafts {
    /// The next setting of `d`: shown, hidden, only, shown.
    pub fn next(self) -> Drafts {
        match self {
            Drafts::Shown => Drafts::Hidden,
            Drafts::Hidden => Drafts::Only,
            Drafts::Only => Drafts::Shown,
        }
    }
}

impl Filter {
    /// True when nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.authors.is_empty()
            && self.languages.is_empty()
            && self.years.is_empty()
            && self.drafts == Drafts::Shown
            && self.only.is_none()
    }

    /// Adds or removes one entry.
    pub fn toggle(&mut self, kind: FacetKind, entry: u32) {
        let set = match kind {
            FacetKind::Tag => &mut self.tags,
            FacetKind::Author => &mut self.authors,
            FacetKind::Language => &mut self.languages,
            FacetKind::Year => &mut self.years,
        };
        if !set.remove(&entry) {
            set.insert(entry);
        }
    }

    /// The selected entries of one kind.
    pub fn selected(&self, kind: FacetKind) -> &BTreeSet<u32> {
        match kind {
            FacetKind::Tag => &self.tags,
            FacetKind::Author => &self.authors,
            FacetKind::Language => &self.languages,
            FacetKind::Year => &self.years,
        }
    }

    /// True when entries of `kind` are selected and combine with OR: selecting one
    /// more then adds posts, and its count says how many.
    pub fn adds(&self, kind: FacetKind) -> bool {
        let or = match kind {
            FacetKind::Tag => self.tag_mode == TagMode::Any,
            FacetKind::Author | FacetKind::Language | FacetKind::Year => true,
        };
        or && !self.selected(kind).is_empty()
    }

    /// This filter with nothing of `kind` selected.
    pub fn without(&self, kind: FacetKind) -> Filter {
        let mut filter = self.clone();
        match kind {
            FacetKind::Tag => filter.tags.clear(),
            FacetKind::Author => filter.authors.clear(),
            FacetKind::Language => filter.languages.clear(),
            FacetKind::Year => filter.years.clear(),
        }
        filter
    }
}

/// All tag and author entries of a corpus, plus each post's entries.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Distinct tags, sorted by key.
    pub tags: Vec<FacetEntry>,
    /// Distinct authors, sorted by key.
    pub authors: Vec<FacetEntry>,
    /// Distinct languages, sorted by key.
    pub languages: Vec<FacetEntry>,
    /// Years and months with posts, and undated when some posts have no date, sorted
    /// by key (time order, undated last).
    pub years: Vec<FacetEntry>,
    /// For each post, its tag entries.
    post_tags: PostEntries,
    /// For each post, its author entries.
    post_authors: PostEntries,
    /// For each post, its language entry.
    post_languages: PostEntries,
    /// For each post, its year and month entries (or undated).
    post_years: PostEntries,
    /// Per post: marked a draft.
    drafts: Vec<bool>,
    /// Per post: a translation shown only when its language is selected (another
    /// translation of it stands for it otherwise).
    hidden: Vec<bool>,
    /// The groups of translations (two posts or more), each in language order. Each
    /// post is in one group at most, so this is linear in the posts, whatever a
    /// `translationKey` ties together.
    groups: Vec<Vec<u32>>,
    /// Per post: its group in `groups`, or [`NO_GROUP`].
    group_of: Vec<u32>,
}

/// A post in no group of translations.
const NO_GROUP: u32 = u32::MAX;

/// Groups of translations: which posts are hidden behind another, the groups, and
/// each post's group.
struct Translations {
    hidden: Vec<bool>,
    groups: Vec<Vec<u32>>,
    group_of: Vec<u32>,
}

/// Every post's entries of one kind in one flat array: post `p`'s are
/// `entries[starts[p]..starts[p + 1]]`, read in post order by counts and scans.
#[derive(Debug, Clone, Default)]
struct PostEntries {
    starts: Vec<u32>,
    entries: Vec<u32>,
}

impl PostEntries {
    fn get(&self, post: u32) -> &[u32] {
        let p = post as usize;
        match (self.starts.get(p), self.starts.get(p + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// Lower-cased, trimmed, inner whitespace collapsed: the identity of a facet value.
pub fn facet_key(value: &str) -> String {
    key_of(value).into_owned()
}

/// What is gathered for one key: the key, each spelling's (count, first seen), the posts.
type Gathered = (String, HashMap<String, (usize, usize)>, Vec<u32>);

/// A post with more values than this checks them for duplicates with a set; fewer are
/// checked against the post's own list, which is quicker than hashing.
const SHORT_LIST: usize = 16;

/// The identity of a facet value ([`facet_key`]), borrowed when the value already is it.
fn key_of(value: &str) -> Cow<'_, str> {
    let spelling = collapsed_whitespace(value);
    let lower = spelling.is_ascii() && !spelling.bytes().any(|b| b.is_ascii_uppercase());
    if lower {
        spelling
    } else {
        Cow::Owned(spelling.to_lowercase())
    }
}

fn build_kind<'a>(
    values: impl Iterator<Item = (u32, &'a [String])>,
) -> (Vec<FacetEntry>, PostEntries) {
    // Each key gets a number when first seen; posts list numbers, renumbered in key
    // order at the end. No string is copied unless it is new.
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut starts = vec![0u32];
    let mut listed: Vec<u32> = Vec::new();
    // A long list's numbers so far, for a constant-time duplicate test whatever a file
    // holds.
    let mut own: HashSet<u32> = HashSet::new();
    let mut seen = 0usize;
    for (post, list) in values {
        let first = listed.len();
        let long = list.len() > SHORT_LIST;
        own.clear();
        for value in list {
            let key = key_of(value);
            if key.is_empty() {
                continue;
            }
            let number = match numbers.get(key.as_ref()) {
                Some(&n) => n,
                None => {
                    let n = gathered.len() as u32;
                    let key = key.into_owned();
                    numbers.insert(key.clone(), n);
                    gathered.push((key, HashMap::new(), Vec::new()));
                    n
                }
            };
            let duplicate = if long {
                !own.insert(number)
            } else {
                listed.get(first..).is_some_and(|l| l.contains(&number))
            };
            if duplicate {
                continue;
            }
            let Some((_, spellings, posts)) = gathered.get_mut(number as usize) else {
                continue;
            };
            seen += 1;
            let spelling = collapsed_whitespace(value);
            match spellings.get_mut(spelling.as_ref()) {
                Some(slot) => slot.0 += 1,
                None => {
                    spellings.insert(spelling.into_owned(), (1, seen));
                }
            }
            posts.push(post);
            listed.push(number);
        }
        starts.push(listed.len() as u32);
    }
    drop(numbers);
    let mut order: Vec<u32> = (0..gathered.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let key = |n: u32| gathered.get(n as usize).map(|g| g.0.as_str());
        key(a).cmp(&key(b))
    });
    let mut rank = vec![0u32; gathered.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(old as usize) {
            *r = new as u32;
        }
    }
    for n in &mut listed {
        *n = rank.get(*n as usize).copied().unwrap_or(*n);
    }
    let mut slots: Vec<Option<Gathered>> = gathered.into_iter().map(Some).collect();
    let entries: Vec<FacetEntry> = order
        .iter()
        .filter_map(|&old| slots.get_mut(old as usize).and_then(Option::take))
        .map(|(key, spellings, posts)| {
            let label = spellings
                .into_iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                .map(|(s, _)| s)
                .unwrap_or_else(|| key.clone());
            FacetEntry { key, label, posts }
        })
        .collect();
    (
        entries,
        PostEntries {
            starts,
            entries: listed,
        },
    )
}

/// The Years keys of a post: its year and month, or undated.
fn periods(post: &Post) -> Vec<String> {
    use chrono::Datelike;
    match &post.date {
        // A date known to the year alone is in no month.
        Some(d) if d.precision == crate::corpus::Precision::Year => {
            vec![format!("{:04}", d.date.year())]
        }
        Some(d) => vec![
            format!("{:04}", d.date.year()),
            format!("{:04}-{:02}", d.date.year(), d.date.month()),
        ],
        None => vec![UNDATED.to_string()],
    }
}

/// Which post of each group of translations stands for the group: the first in
/// `preferred` order of languages, then English, then the first by path. Returns the
/// posts hidden behind another, the groups (in language order) and each post's group.
fn translations(posts: &[Post], preferred: &[String]) -> Translations {
    let mut by_key: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        if let Some(key) = &post.translation {
            by_key.entry(key.as_str()).or_default().push(i as u32);
        }
    }
    let rank = |post: u32| -> (usize, u32) {
        let language = posts.get(post as usize).and_then(|p| p.language.as_deref());
        let at = language.and_then(|l| {
            preferred
                .iter()
                .position(|p| p == l || l.starts_with(&format!("{p}-")))
        });
        let at = at.unwrap_or(match language {
            Some("en") => preferred.len(),
            _ => preferred.len() + 1,
        });
        (at, post)
    };
    let mut found = Translations {
        hidden: vec![false; posts.len()],
        groups: Vec::new(),
        group_of: vec![NO_GROUP; posts.len()],
    };
    let mut groups: Vec<Vec<u32>> = by_key.into_values().filter(|g| g.len() >= 2).collect();
    // In the order of their first post, so the same archive numbers them the same.
    groups.sort_unstable_by_key(|g| g.first().copied());
    for mut group in groups {
        let language = |p: u32| posts.get(p as usize).and_then(|p| p.language.as_deref());
        group.sort_by(|&a, &b| (language(a), a).cmp(&(language(b), b)));
        let Some(&best) = group.iter().min_by_key(|&&p| rank(p)) else {
            continue;
        };
        let id = found.groups.len() as u32;
        for &p in &group {
            if p != best
                && let Some(h) = found.hidden.get_mut(p as usize)
            {
                *h = true;
            }
            if let Some(g) = found.group_of.get_mut(p as usize) {
                *g = id;
            }
        }
        found.groups.push(group);
    }
    found
}

impl Facets {
    /// Builds the facets from the posts, in post order, translations shown in English
    /// where there is an English one.
    pub fn build(posts: &[Post]) -> Self {
        Facets::build_preferring(posts, &[])
    }

    /// Builds the facets, each group of translations shown in the first language of
    /// `preferred` it has.
    pub fn build_preferring(posts: &[Post], preferred: &[String]) -> Self {
        let by_post = |values: &dyn Fn(&Post) -> &[String]| {
            build_kind(posts.iter().enumerate().map(|(i, p)| (i as u32, values(p))))
        };
        let (((tags, post_tags), (authors, post_authors)), ((languages, post_languages), years)) =
            rayon::join(
                || {
                    rayon::join(
                        || by_post(&|p| p.tags.as_slice()),
                        || by_post(&|p| p.authors.as_slice()),
                    )
                },
                || {
                    rayon::join(
                        || by_post(&|p| p.language.as_slice()),
                        || {
                            let periods_of: Vec<Vec<String>> = posts.iter().map(periods).collect();
                            build_kind(
                                periods_of
                                    .iter()
                                    .enumerate()
                                    .map(|(i, l)| (i as u32, l.as_slice())),
                            )
                        },
                    )
                },
            );
        let (years, post_years) = years;
        let Translations {
            hidden,
            groups,
            group_of,
        } = translations(posts, preferred);
        Facets {
            tags,
            authors,
            languages,
            years,
            post_tags,
            post_authors,
            post_languages,
            post_years,
            drafts: posts.iter().map(|p| p.draft).collect(),
            hidden,
            groups,
            group_of,
        }
    }

    /// The Years entries that are not months: the years, and undated if any.
    pub fn periods(&self) -> usize {
        self.years.iter().filter(|e| !is_month(&e.key)).count()
    }

    /// The group of translations a post is in, itself included, in language order
    /// (empty for a post on its own).
    pub fn translation_group(&self, post: u32) -> &[u32] {
        self.translation_group_id(post)
            .and_then(|g| self.groups.get(g as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The posts of group number `group` ([`Facets::translation_group_id`]), in
    /// language order.
    pub fn translation_group_members(&self, group: u32) -> &[u32] {
        self.groups.get(group as usize).map_or(&[], Vec::as_slice)
    }

    /// The number of the group of translations a post is in, if any: posts with the
    /// same number are translations of one another.
    pub fn translation_group_id(&self, post: u32) -> Option<u32> {
        self.group_of
            .get(post as usize)
            .copied()
            .filter(|&g| g != NO_GROUP)
    }

    /// Whether a post is a translation that another one stands for in the list.
    pub fn is_hidden(&self, post: u32) -> bool {
        self.hidden.get(post as usize).copied().unwrap_or(false)
    }

    /// The entries of one kind.
    pub fn entries(&self, kind: FacetKind) -> &[FacetEntry] {
        match kind {
            FacetKind::Tag => &self.tags,
            FacetKind::Author => &self.authors,
            FacetKind::Language => &self.languages,
            FacetKind::Year => &self.years,
        }
    }

    /// The entries of one kind a post carries.
    pub fn of_post(&self, kind: FacetKind, post: u32) -> &[u32] {
        match kind {
            FacetKind::Tag => self.post_tags.get(post),
            FacetKind::Author => self.post_authors.get(post),
            FacetKind::Language => self.post_languages.get(post),
            FacetKind::Year => self.post_years.get(post),
        }
    }

    /// Finds an entry by its key (exact, case-insensitive).
    pub fn find(&self, kind: FacetKind, value: &str) -> Option<u32> {
        let key = facet_key(value);
        self.entries(kind)
            .binary_search_by(|e| e.key.as_str().cmp(key.as_str()))
            .ok()
            .map(|i| i as u32)
    }

    /// Entries whose key contains `needle` (case-insensitive); an exact key match alone
    /// when there is one.
    pub fn matching(&self, kind: FacetKind, needle: &str) -> Vec<u32> {
        if let Some(exact) = self.find(kind, needle) {
            return vec![exact];
        }
        let key = facet_key(needle);
        self.entries(kind)
            .iter()
            .enumerate()
            .filter(|(_, e)| e.key.contains(&key))
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Whether a post passes the facet filter.
    pub fn accepts(&self, filter: &Filter, post: u32) -> bool {
        self.accepts_with(filter, post, false)
    }

    fn accepts_with(&self, filter: &Filter, post: u32, hidden_too: bool) -> bool {
        let draft = self.drafts.get(post as usize).copied().unwrap_or(false);
        let drafts_ok = match filter.drafts {
            Drafts::Shown => true,
            Drafts::Hidden => !draft,
            Drafts::Only => draft,
        };
        drafts_ok
            && filter.only.as_ref().is_none_or(|only| only.contains(post))
            && FacetKind::ALL
                .iter()
                .all(|&kind| self.passes_with(filter, kind, post, hidden_too))
    }

    /// Like [`Facets::accepts`], a translation hidden behind another accepted too:
    /// what a query matches of a group it does not match in the language shown, found
    /// in another ([`Facets::one_per_translation`] then keeps one row per group).
    pub fn accepts_any_translation(&self, filter: &Filter, post: u32) -> bool {
        self.accepts_with(filter, post, true)
    }

    /// Whether a search under `filter` finds translations hidden behind another (to
    /// keep one row per group with [`Facets::one_per_translation`]): when no language
    /// is chosen. With languages chosen, every translation in them is shown anyway.
    pub fn finds_hidden_translations(filter: &Filter) -> bool {
        filter.selected(FacetKind::Language).is_empty()
    }

    /// `items` (hits, in the order shown) with one per group of translations: a hidden
    /// translation goes when its group's shown post is among them, or another of its
    /// group came first. Linear in the items.
    pub fn one_per_translation<T>(&self, items: Vec<T>, post_of: impl Fn(&T) -> u32) -> Vec<T> {
        let shown: HashSet<u32> = items
            .iter()
            .map(&post_of)
            .filter(|&p| !self.is_hidden(p))
            .filter_map(|p| self.translation_group_id(p))
            .collect();
        let mut taken: HashSet<u32> = HashSet::new();
        items
            .into_iter()
            .filter(|item| {
                let post = post_of(item);
                if !self.is_hidden(post) {
                    return true;
                }
                match self.translation_group_id(post) {
                    Some(group) => !shown.contains(&group) && taken.insert(group),
                    None => true,
                }
            })
            .collect()
    }

    /// Whether a post passes the filter's selection of one kind.
    pub fn passes(&self, filter: &Filter, kind: FacetKind, post: u32) -> bool {
        self.passes_with(filter, kind, post, false)
    }

    fn passes_with(&self, filter: &Filter, kind: FacetKind, post: u32, hidden_too: bool) -> bool {
        let selected = filter.selected(kind);
        if selected.is_empty() {
            // One row per group of translations unless languages are chosen.
            return kind != FacetKind::Language || hidden_too || !self.is_hidden(post);
        }
        let own = self.of_post(kind, post);
        match (kind, filter.tag_mode) {
            (FacetKind::Tag, TagMode::All) => selected.iter().all(|t| own.contains(t)),
            _ => own.iter().any(|e| selected.contains(e)),
        }
    }

    /// How many of `posts` carry each entry of `kind` (indexed like [`Facets::entries`]).
    pub fn counts(&self, kind: FacetKind, posts: impl IntoIterator<Item = u32>) -> Vec<u32> {
        let mut counts = vec![0u32; self.entries(kind).len()];
        for post in posts {
            for &e in self.of_post(kind, post) {
                if let Some(c) = counts.get_mut(e as usize) {
                    *c += 1;
                }
            }
        }
        counts
    }

    /// [`Facets::counts`] of the posts of `hits` (`post` reads one's post), on every
    /// core: each counts a run of hits into its own flat array, and the arrays are
    /// summed.
    pub fn counts_par<T: Sync>(
        &self,
        kind: FacetKind,
        hits: &[T],
        post: impl Fn(&T) -> u32 + Sync,
    ) -> Vec<u32> {
        /// Hits per task: a task's own array costs about as much as counting these.
        const CHUNK: usize = 16 * 1024;
        let len = self.entries(kind).len();
        if hits.len() <= CHUNK {
            return self.counts(kind, hits.iter().map(&post));
        }
        hits.par_chunks(CHUNK)
            .map(|chunk| self.counts(kind, chunk.iter().map(&post)))
            .reduce(
                || vec![0; len],
                |mut a, b| {
                    for (x, y) in a.iter_mut().zip(b) {
                        *x += y;
                    }
                    a
                },
            )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::index::fuzzy::tests::post;

    #[test]
    fn identity_is_trimmed_and_case_insensitive_shown_in_most_common_spelling() {
        let posts = vec![
            post("a", &["Patrick Debois"], &["DevOps", " devops "], None),
            post("b", &["patrick  debois"], &["devops"], None),
            post("c", &[], &["devops", "Agile"], None),
        ];
        let facets = Facets::build(&posts);
        assert_eq!(facets.tags.len(), 2);
        let devops = &facets.tags[facets.find(FacetKind::Tag, "DEVOPS").unwrap_or(99) as usize];
        assert_eq!(devops.label, "devops");
        assert_eq!(devops.posts, vec![0, 1, 2]);
        assert_eq!(facets.authors.len(), 1);
        assert_eq!(facets.authors[0].label, "Patrick Debois");
        assert_eq!(
            facets.of_post(FacetKind::Tag, 0).len(),
            1,
            "duplicate within a post counts once"
        );
    }

    #[test]
    fn long_lists_and_non_ascii_keys_are_deduplicated_and_sorted() {
        // 100k tags in one post, each twice in another spelling: linear, and each once.
        let many: Vec<String> = (0..100_000)
            .flat_map(|i| [format!("tag {i}"), format!(" TAG  {i} ")])
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let posts = vec![
            post("a", &[], &many, None),
            post("b", &[], &["Ärger", "ärger", "zebra", "Ärger"], None),
        ];
        let facets = Facets::build(&posts);
        assert_eq!(facets.tags.len(), 100_002);
        assert_eq!(facets.of_post(FacetKind::Tag, 0).len(), 100_000);
        let keys: Vec<&str> = facets.tags.iter().map(|e| e.key.as_str()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted by key");
        let arger = facets.find(FacetKind::Tag, "ÄRGER").unwrap_or(u32::MAX);
        let arger = &facets.tags[arger as usize];
        assert_eq!(
            (arger.key.as_str(), arger.label.as_str()),
            ("ärger", "Ärger")
        );
        assert_eq!(arger.posts, vec![1]);
        // A post's own entries keep the order it gave them, each once.
        let own: Vec<&str> = facets
            .of_post(FacetKind::Tag, 1)
            .iter()
            .map(|&e| facets.tags[e as usize].key.as_str())
            .collect();
        assert_eq!(own, ["ärger", "zebra"]);
        let first = &facets.tags[facets.of_post(FacetKind::Tag, 0)[0] as usize];
        assert_eq!(
            (first.key.as_str(), first.label.as_str()),
            ("tag 0", "tag 0")
        );
    }

    #[test]
    fn one_translation_key_on_100k_posts_is_one_group_kept_once() {
        // Each post stored every other one of its group before: 10^10 entries here.
        let posts: Vec<Post> = (0..100_000)
            .map(|i| {
                let mut p = post(&format!("p{i}"), &[], &[], None);
                p.translation = Some("the same key".into());
                p.language = Some(if i == 70_000 { "en" } else { "fr" }.into());
                p
            })
            .collect();
        let facets = Facets::build(&posts);
        let group = facets.translation_group(3);
        assert_eq!(group.len(), 100_000);
        assert_eq!(facets.translation_group(99_999).as_ptr(), group.as_ptr());
        // In language order: the one English post first, then the French by post.
        assert_eq!(&group[..3], [70_000, 0, 1]);
        assert!(!facets.is_hidden(70_000), "English stands for the group");
        assert!(facets.is_hidden(0));
        assert_eq!(
            facets.translation_group_id(5),
            facets.translation_group_id(6)
        );
    }

    #[test]
    fn a_post_alone_is_in_no_group() {
        let mut alone = post("alone", &[], &[], None);
        alone.translation = Some("k".into());
        let mut a = post("a", &[], &[], None);
        a.translation = Some("pair".into());
        a.language = Some("en".into());
        let mut b = post("b", &[], &[], None);
        b.translation = Some("pair".into());
        b.language = Some("de".into());
        let facets = Facets::build(&[alone, a, b]);
        assert!(facets.translation_group(0).is_empty());
        assert_eq!(facets.translation_group_id(0), None);
        assert_eq!(facets.translation_group(1), [2, 1], "de before en");
        assert!(facets.is_hidden(2) && !facets.is_hidden(1));
    }

    /// A post dated `y-m-01` (to the day), or undated.
    pub(crate) fn dated(title: &str, date: Option<(i32, u32)>) -> Post {
        let mut p = post(title, &[], &[], None);
        p.date = date.map(|(y, m)| crate::corpus::PostDate {
            date: chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
            time: None,
            offset: None,
            precision: crate::corpus::Precision::Day,
        });
        p
    }

    fn keys(facets: &Facets, kind: FacetKind, post: u32) -> Vec<&str> {
        facets
            .of_post(kind, post)
            .iter()
            .filter_map(|&e| facets.entries(kind).get(e as usize))
            .map(|e| e.key.as_str())
            .collect()
    }

    #[test]
    fn periods_are_years_with_their_months_in_time_order_and_undated_last() {
        let mut year_only = dated("d", Some((2017, 1)));
        if let Some(d) = year_only.date.as_mut() {
            d.precision = crate::corpus::Precision::Year;
        }
        let posts = vec![
            dated("a", Some((2019, 8))),
            dated("b", None),
            dated("c", Some((2019, 11))),
            year_only,
            dated("e", Some((2020, 2))),
        ];
        let facets = Facets::build(&posts);
        let all: Vec<&str> = facets.years.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            all,
            [
                "2017", "2019", "2019-08", "2019-11", "2020", "2020-02", "undated"
            ]
        );
        assert_eq!(keys(&facets, FacetKind::Year, 0), ["2019", "2019-08"]);
        assert_eq!(keys(&facets, FacetKind::Year, 1), [UNDATED]);
        assert_eq!(
            keys(&facets, FacetKind::Year, 3),
            ["2017"],
            "no month known"
        );
        assert_eq!(facets.periods(), 4, "three years and undated");
        let year = facets.find(FacetKind::Year, "2019").unwrap_or(99) as usize;
        assert_eq!(facets.years[year].posts, vec![0, 2]);
        assert!(is_month("2019-08") && !is_month("2019") && !is_month(UNDATED));
        assert_eq!(year_of("2019-08"), Some("2019"));
        assert_eq!(year_of(UNDATED), None);
    }

    #[test]
    fn periods_combine_with_or_and_count_under_the_other_facets() {
        let mut posts = vec![
            dated("a", Some((2019, 8))),
            dated("b", Some((2019, 9))),
            dated("c", Some((2020, 1))),
            dated("d", None),
        ];
        posts[0].tags = vec!["rust".into()];
        posts[2].tags = vec!["rust".into()];
        posts[3].tags = vec!["rust".into()];
        let facets = Facets::build(&posts);
        let find = |k: &str| facets.find(FacetKind::Year, k).unwrap_or(99);
        let mut filter = Filter::default();
        filter.toggle(FacetKind::Year, find("2019-08"));
        filter.toggle(FacetKind::Year, find("undated"));
        let passing: Vec<u32> = (0..4).filter(|&p| facets.accepts(&filter, p)).collect();
        assert_eq!(passing, vec![0, 3], "a month or undated");
        assert!(!filter.is_empty() && filter.adds(FacetKind::Year));
        let mut tagged = Filter::default();
        tagged.toggle(
            FacetKind::Tag,
            facets.find(FacetKind::Tag, "rust").unwrap_or(99),
        );
        let hits: Vec<u32> = (0..4).filter(|&p| facets.accepts(&tagged, p)).collect();
        let counts = facets.counts(FacetKind::Year, hits);
        assert_eq!(counts[find("2019") as usize], 1, "only a is tagged in 2019");
        assert_eq!(counts[find("2019-09") as usize], 0);
        assert_eq!(counts[find("2020") as usize], 1);
        assert_eq!(counts[find("undated") as usize], 1);
    }

    #[test]
    fn counts_follow_the_given_posts() {
        let posts = vec![
            post("a", &["A"], &["x", "y"], None),
            post("b", &["B"], &["x"], None),
            post("c", &["A"], &["y"], None),
        ];
        let facets = Facets::build(&posts);
        let x = facets.find(FacetKind::Tag, "x").unwrap_or(99) as usize;
        assert_eq!(facets.counts(FacetKind::Tag, [0, 1, 2])[x], 2);
        assert_eq!(facets.counts(FacetKind::Tag, [2])[x], 0);
        let a = facets.find(FacetKind::Author, "a").unwrap_or(99) as usize;
        assert_eq!(facets.counts(FacetKind::Author, [0, 1, 2])[a], 2);
        assert_eq!(facets.matching(FacetKind::Author, "b"), vec![1]);
    }
}
