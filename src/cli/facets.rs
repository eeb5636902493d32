//! `shelf facets`: every tag, author, language and period (years, their months,
//! undated) of the posts, each with its count, as lines or JSON.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::args::FacetsArgs;
use crate::config::Config;
use crate::index::facets::{is_month, year_of};
use crate::index::{FacetKind, Filter, Library, Query, SortKey};
use crate::text::sanitize;

/// One entry with its count.
#[derive(Debug, Serialize)]
struct EntryJson<'a> {
    key: &'a str,
    label: &'a str,
    count: u32,
}

/// A year (or undated) with its count and its months.
#[derive(Debug, Serialize)]
struct PeriodJson<'a> {
    key: &'a str,
    count: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    months: Vec<EntryJson<'a>>,
}

/// All of `shelf facets --json`.
#[derive(Debug, Serialize)]
struct FacetsJson<'a> {
    posts: usize,
    tags: Vec<EntryJson<'a>>,
    authors: Vec<EntryJson<'a>>,
    languages: Vec<EntryJson<'a>>,
    years: Vec<PeriodJson<'a>>,
}

/// The entries of `kind` with posts among those counted, most first, then by key.
fn by_count<'a>(library: &'a Library, kind: FacetKind, counts: &[u32]) -> Vec<EntryJson<'a>> {
    let entries = library.index.facets.entries(kind);
    let mut out: Vec<EntryJson<'a>> = entries
        .iter()
        .zip(counts)
        .filter(|(_, c)| **c > 0)
        .map(|(e, &count)| EntryJson {
            key: &e.key,
            label: &e.label,
            count,
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(b.key)));
    out
}

/// The years newest first, each with its months in order, undated last.
fn timeline<'a>(library: &'a Library, counts: &[u32]) -> Vec<PeriodJson<'a>> {
    let entries = library.index.facets.entries(FacetKind::Year);
    let mut years: Vec<PeriodJson<'a>> = Vec::new();
    let mut undated = None;
    // Keys are in time order, each year before its months.
    for (e, &count) in entries.iter().zip(counts) {
        if count == 0 {
            continue;
        }
        if is_month(&e.key) {
            if let Some(year) = years
                .last_mut()
                .filter(|y| year_of(y.key) == year_of(&e.key))
            {
                year.months.push(EntryJson {
                    key: &e.key,
                    label: &e.label,
                    count,
                });
            }
        } else if year_of(&e.key).is_some() {
            years.push(PeriodJson {
                key: &e.key,
                count,
                months: Vec::new(),
            });
        } else {
            undated = Some(PeriodJson {
                key: &e.key,
                count,
                months: Vec::new(),
            });
        }
    }
    years.reverse();
    years.extend(undated);
    years
}

/// `shelf facets` over `paths`, counting the posts `--query` matches (all by default).
pub fn run(
    args: &FacetsArgs,
    paths: &[PathBuf],
    config: &Config,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let library = super::library(paths, config);
    let query = Query::parse(args.query.as_deref().unwrap_or(""));
    let hits = library
        .index
        .search(&query, &Filter::default(), SortKey::Date);
    let facets = &library.index.facets;
    let counts = |kind| facets.counts_par(kind, &hits, |h| h.post);
    let json = FacetsJson {
        posts: hits.len(),
        tags: by_count(&library, FacetKind::Tag, &counts(FacetKind::Tag)),
        authors: by_count(&library, FacetKind::Author, &counts(FacetKind::Author)),
        languages: by_count(&library, FacetKind::Language, &counts(FacetKind::Language)),
        years: timeline(&library, &counts(FacetKind::Year)),
    };
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)?;
    } else {
        print_lines(&json, out)?;
    }
    if hits.is_empty() {
        return Err(super::Failure::NothingMatched(String::new()).into());
    }
    Ok(())
}

/// `kind<TAB>count<TAB>label` lines: tags, authors, languages by count, then the
/// years newest first with their months.
fn print_lines(json: &FacetsJson<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    for (name, entries) in [
        ("tag", &json.tags),
        ("author", &json.authors),
        ("language", &json.languages),
    ] {
        for e in entries {
            writeln!(out, "{name}\t{}\t{}", e.count, sanitize::line(e.label))?;
        }
    }
    for year in &json.years {
        writeln!(out, "year\t{}\t{}", year.count, year.key)?;
        for month in &year.months {
            writeln!(out, "month\t{}\t{}", month.count, month.key)?;
        }
    }
    Ok(())
}
