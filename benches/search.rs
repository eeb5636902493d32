//! Search at 100k posts: building the index, and what a keystroke costs on the worker
//! thread (`request::run`: search, facet counts of all hits, pane rows) while typing
//! `devops` and `kube` and deleting them again, in rank and date order, with the
//! scope the app sends (Within when a key narrows, All otherwise), and facet toggles.
//! Beside them, the floor: a greedy subsequence scan of all lower-cased titles on one
//! core, the least any search for the atom could cost.
//!
//! After criterion's figures, `session` replays the whole typing session several
//! times from a cold memo and prints each step's p50 / p99 / max, the goal's terms: of
//! the first answer the worker sends (the unranked posts, where ranking is the slow
//! part) and of the ranked answer that follows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use shelf::corpus;
use shelf::index::request::run;
use shelf::index::{
    FacetKind, Filter, Hit, Index, Library, PaneRequest, Query, Scope, SearchRequest, SearchResult,
    SortKey,
};

#[path = "support/synth.rs"]
mod synth;

const POSTS: usize = 100_000;

/// Forgets the library's remembered searches, so a step is measured as the first time.
fn forget(library: &Library) {
    library.forget_searches();
}

/// One user action of the session.
#[derive(Debug, Clone)]
enum Action {
    Type(char),
    Backspace,
    ToggleTag,
}

/// The keys of the session: type, delete, type, delete, then facet toggles.
fn actions() -> Vec<Action> {
    let mut actions = Vec::new();
    let word = |w: &str, actions: &mut Vec<Action>| {
        actions.extend(w.chars().map(Action::Type));
        actions.extend(w.chars().map(|_| Action::Backspace));
    };
    word("devops", &mut actions);
    word("kube", &mut actions);
    actions.push(Action::ToggleTag);
    actions.push(Action::ToggleTag);
    actions.extend("dev".chars().map(Action::Type));
    actions.push(Action::ToggleTag);
    actions.push(Action::ToggleTag);
    actions.extend("dev".chars().map(|_| Action::Backspace));
    actions
}

/// What the app remembers between keys, and how it picks a scope (see `app::search`).
struct Session {
    library: Arc<Library>,
    tag: u32,
    text: String,
    filter: Filter,
    sort: SortKey,
    searched: Option<(Query, Filter, SortKey, Arc<Vec<Hit>>)>,
}

impl Session {
    fn new(library: &Arc<Library>, sort: SortKey, tag: u32) -> Self {
        let mut session = Session {
            library: Arc::clone(library),
            tag,
            text: String::new(),
            filter: Filter::default(),
            sort,
            searched: None,
        };
        let first = session.request();
        session.answer(run(&first));
        session
    }

    fn apply(&mut self, action: &Action) {
        match action {
            Action::Type(c) => self.text.push(*c),
            Action::Backspace => {
                self.text.pop();
            }
            Action::ToggleTag => self.filter.toggle(FacetKind::Tag, self.tag),
        }
    }

    fn label(&self) -> String {
        let tag = if self.filter.is_empty() { "" } else { "+tag" };
        format!("{:?}{}", self.text, tag)
    }

    fn request(&self) -> SearchRequest {
        let query = Query::parse(&self.text);
        let scope = match &self.searched {
            Some((q, f, s, hits)) if *q == query && *f == self.filter && *s == self.sort => {
                Scope::Same(Arc::clone(hits))
            }
            Some((q, f, _, hits)) if *f == self.filter && query.narrows(q) => {
                Scope::Within(Arc::clone(hits))
            }
            _ => Scope::All,
        };
        SearchRequest {
            generation: 0,
            library: Arc::clone(&self.library),
            query,
            filter: self.filter.clone(),
            sort: self.sort,
            scope,
            tags: PaneRequest::default(),
            authors: PaneRequest::default(),
            languages: PaneRequest::default(),
            years: PaneRequest::default(),
        }
    }

    fn answer(&mut self, result: SearchResult) {
        self.searched = Some((result.query, result.filter, result.sort, result.hits));
    }
}

fn scope_name(scope: &Scope) -> &'static str {
    match scope {
        Scope::All => "all",
        Scope::Within(_) => "within",
        Scope::Same(_) => "same",
        Scope::Ranked(_) => "ranked",
    }
}

/// The greedy subsequence test of the floor.
fn subsequence(hay: &[u8], needle: &[u8]) -> bool {
    let mut hay = hay.iter();
    needle.iter().all(|n| hay.any(|h| h == n))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn bench(c: &mut Criterion) {
    let posts = corpus::load(&[synth::archive(POSTS)]).posts;

    let mut group = c.benchmark_group("index");
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function("build_100k", |b| {
        b.iter(|| Index::build(std::hint::black_box(&posts)))
    });
    group.finish();

    // The floor: one core, greedy subsequence over lower-cased titles, nothing else.
    let lower_titles: Vec<String> = posts.iter().map(|p| p.title.to_lowercase()).collect();
    let mut group = c.benchmark_group("floor_100k");
    for atom in [
        "d", "de", "dev", "devo", "devop", "devops", "k", "ku", "kub", "kube",
    ] {
        group.bench_function(atom, |b| {
            b.iter(|| {
                lower_titles
                    .iter()
                    .filter(|t| subsequence(t.as_bytes(), atom.as_bytes()))
                    .count()
            })
        });
    }
    group.finish();

    let library = Arc::new(Library::new(corpus::Corpus {
        posts,
        ..corpus::Corpus::default()
    }));
    let tag = library
        .index
        .facets
        .find(FacetKind::Tag, "devops")
        .expect("the synthetic archive has a devops tag");

    // Each step of the session as the app would send it. A step whose (query, filter,
    // sort) came earlier in the session is measured with the memo warm, as Backspace
    // meets it; every other step with the memo cold, as the first time.
    for sort in [SortKey::Relevance, SortKey::Date] {
        let name = match sort {
            SortKey::Relevance => "keys_rank_100k",
            _ => "keys_date_100k",
        };
        let mut group = c.benchmark_group(name);
        let mut session = Session::new(&library, sort, tag);
        let mut seen = vec![session.label()];
        for (step, action) in actions().iter().enumerate() {
            session.apply(action);
            let request = session.request();
            let label = session.label();
            let warm = seen.contains(&label);
            seen.push(label.clone());
            let id = format!(
                "{step:02}_{label}_{}{}",
                scope_name(&request.scope),
                if warm { "_memo" } else { "" }
            );
            if warm {
                group.bench_function(&id, |b| b.iter(|| run(&request)));
            } else {
                group.bench_function(&id, |b| {
                    b.iter_batched(
                        || forget(&library),
                        |()| run(&request),
                        BatchSize::PerIteration,
                    )
                });
            }
            // Leave the memo as the session would find it at the next key.
            forget(&library);
            let mut replay = Session::new(&library, sort, tag);
            for a in actions().iter().take(step + 1) {
                replay.apply(a);
                let r = replay.request();
                replay.answer(run(&r));
            }
            session = replay;
        }
        group.finish();
    }

    // Facet counts over every post: the widest a keystroke's count can be.
    let all = library
        .index
        .search(&Query::default(), &Filter::default(), SortKey::Relevance);
    let mut group = c.benchmark_group("facets_100k");
    group.bench_function("counts_tags_and_authors_all_hits", |b| {
        b.iter(|| {
            let posts = all.iter().map(|h| h.post);
            let tags = library.index.facets.counts(FacetKind::Tag, posts.clone());
            let authors = library.index.facets.counts(FacetKind::Author, posts);
            (tags, authors)
        })
    });
    group.finish();

    session_percentiles(&library, tag);
}

/// Replays the session from a cold memo several times in each order; prints every
/// step's p50 / p99 / max and the same over all keys.
fn session_percentiles(library: &Arc<Library>, tag: u32) {
    const ROUNDS: usize = 15;
    for sort in [SortKey::Relevance, SortKey::Date] {
        let actions = actions();
        let mut per_step: Vec<(String, Vec<Duration>)> = Vec::new();
        let mut per_step_ranked: Vec<Vec<Duration>> = Vec::new();
        for _ in 0..ROUNDS {
            forget(library);
            let mut session = Session::new(library, sort, tag);
            for (step, action) in actions.iter().enumerate() {
                session.apply(action);
                let request = session.request();
                // What the worker sends first: the unranked posts where ranking is the
                // slow part (then the ranked answer, timed in `ranked`), else the answer.
                let started = Instant::now();
                let first = shelf::index::request::run_unranked(&request);
                let first_took = started.elapsed();
                let started = Instant::now();
                let result = run(&request);
                let ranked_took = started.elapsed();
                let took = if first.is_some() {
                    first_took
                } else {
                    ranked_took
                };
                if per_step_ranked.len() <= step {
                    per_step_ranked.push(Vec::new());
                }
                per_step_ranked[step].push(ranked_took);
                if per_step.len() <= step {
                    let label = format!(
                        "{step:02} {} {}",
                        session.label(),
                        scope_name(&request.scope)
                    );
                    per_step.push((label, Vec::new()));
                }
                per_step[step].1.push(took);
                session.answer(result);
            }
        }
        let mut every: Vec<Duration> = Vec::new();
        let mut every_ranked: Vec<Duration> = Vec::new();
        eprintln!(
            "session {sort:?}: {ROUNDS} rounds, cold memo each round; first answer, then ranked"
        );
        for ((label, times), ranked) in per_step.iter_mut().zip(&mut per_step_ranked) {
            times.sort();
            ranked.sort();
            every.extend(times.iter().copied());
            every_ranked.extend(ranked.iter().copied());
            eprintln!(
                "  {label:<28} p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}   ranked p50 {:>8.2?}  p99 {:>8.2?}",
                percentile(times, 0.5),
                percentile(times, 0.99),
                times[times.len() - 1],
                percentile(ranked, 0.5),
                percentile(ranked, 0.99),
            );
        }
        every.sort();
        every_ranked.sort();
        eprintln!(
            "  ALL KEYS                     p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}   ranked p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
            percentile(&every, 0.5),
            percentile(&every, 0.99),
            every[every.len() - 1],
            percentile(&every_ranked, 0.5),
            percentile(&every_ranked, 0.99),
            every_ranked[every_ranked.len() - 1]
        );
    }
}

criterion_group! {
    name = benches;
    config = synth::criterion_config();
    targets = bench
}
criterion_main!(benches);
