//! `shelf list --query` (the browser's search language, non-interactive) and
//! `shelf facets` (every facet with its count, the timeline among them).

use serde_json::Value;

use crate::commands::{json, shelf, shelf_code};

fn ids(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|p| p["id"].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn a_tag_atom_lists_exactly_the_posts_carrying_the_tag() {
    let listed = ids(&json(&["list", "--query", "#devops", "--json"]));
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].starts_with("000_"), "{listed:?}");
    assert!(listed[1].starts_with("001_"), "{listed:?}");
}

#[test]
fn a_query_matching_nothing_prints_nothing_and_exits_1() {
    let (out, _, code) = shelf_code(&["list", "--query", "zzzz"]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    let (out, _, code) = shelf_code(&["list", "--query", "zzzz", "--json"]);
    assert_eq!(code, Some(1));
    assert_eq!(out.trim(), "[]");
}

#[test]
fn every_atom_of_the_language_applies() {
    let all = ids(&json(&["list", "--json"]));
    let without = ids(&json(&["list", "--query", "!ghent", "--json"]));
    assert!(!without.is_empty() && without.len() < all.len());
    let exact = ids(&json(&["list", "--query", "'ghent", "--json"]));
    assert!(
        exact.iter().all(|id| !without.contains(id)),
        "'x and !x split"
    );
    assert_eq!(exact.len() + without.len(), all.len());
    let (out, _, ok) = shelf(&["list", "--query", "^celebrate"]);
    assert!(ok);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("Celebrate the beginning of DevOps"), "{out}");
    let by = ids(&json(&["list", "--query", "@patrick-debois", "--json"]));
    assert!(!by.is_empty());
    let by_flag = ids(&json(&["list", "--author", "patrick debois", "--json"]));
    assert_eq!(by, by_flag, "@author reads like --author");
}

#[test]
fn fuzzy_words_rank_by_match_not_by_date_and_combine_with_the_flags() {
    let ranked = ids(&json(&["list", "--query", "dvpsdys", "--json"]));
    assert!(ranked.len() > 2, "{ranked:?}");
    let mut by_date = ids(&json(&["list", "--json"]));
    by_date.retain(|id| ranked.contains(id));
    assert_eq!(by_date.len(), ranked.len(), "the same posts");
    assert_ne!(ranked, by_date, "ranked by the match, as in the browser");
    let again = ids(&json(&["list", "--query", "dvpsdys", "--json"]));
    assert_eq!(ranked, again, "the same order every run");
    let (_, _, code) = shelf_code(&["list", "--query", "#devops", "--tag", "nonesuch"]);
    assert_eq!(code, Some(1), "an unknown --tag still matches nothing");
}

#[test]
fn facets_json_counts_tags_authors_languages_and_the_timeline() {
    let all = json(&["list", "--json"]);
    let posts = all.as_array().expect("array");
    let facets = json(&["facets", "--json"]);
    assert_eq!(facets["posts"].as_u64(), Some(posts.len() as u64));
    let devops = facets["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .find(|t| t["key"] == "devops")
        .expect("devops listed");
    assert_eq!(devops["count"], 2);
    assert!(facets["authors"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(facets["languages"].is_array());
    let years = facets["years"].as_array().expect("years");
    let keys: Vec<&str> = years.iter().filter_map(|y| y["key"].as_str()).collect();
    let mut newest_first = keys.clone();
    newest_first.retain(|k| *k != "undated");
    let mut sorted = newest_first.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(newest_first, sorted, "years newest first: {keys:?}");
    let undated = posts.iter().filter(|p| p["date"].is_null()).count();
    let dated = posts.len() - undated;
    let in_years: u64 = years
        .iter()
        .filter(|y| y["key"] != "undated")
        .filter_map(|y| y["count"].as_u64())
        .sum();
    assert_eq!(in_years, dated as u64, "each dated post in one year");
    if undated > 0 {
        assert_eq!(keys.last(), Some(&"undated"));
        assert_eq!(years.last().expect("undated")["count"], undated);
    }
    let y2019 = years.iter().find(|y| y["key"] == "2019").expect("2019");
    let months: Vec<&str> = y2019["months"]
        .as_array()
        .expect("months")
        .iter()
        .filter_map(|m| m["key"].as_str())
        .collect();
    assert_eq!(months, ["2019-08"]);
}

#[test]
fn facets_count_only_what_the_query_matches() {
    let facets = json(&["facets", "--query", "#devops", "--json"]);
    assert_eq!(facets["posts"], 2);
    let (out, _, ok) = shelf(&["facets", "--query", "#devops"]);
    assert!(ok);
    assert!(out.lines().any(|l| l == "tag\t2\tDevOps"), "{out}");
    assert!(out.lines().any(|l| l == "year\t1\t2019"), "{out}");
    let (_, _, code) = shelf_code(&["facets", "--query", "zzzz"]);
    assert_eq!(code, Some(1));
}
