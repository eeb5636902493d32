//! Dates with a precision on the command line: `shelf list` and its JSON show the year
//! (or year and month) a folder gave, in date order, and `shelf check` counts the posts
//! dated by field, file name, folder or not at all.

use serde_json::Value;

use crate::commands::{json, shelf};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/corpus/dates-from-folders"
);

/// `(id, date, date_source)` of each post `shelf list --json` prints, in its order.
fn listed() -> Vec<(String, Value, String)> {
    let posts = json(&["list", "--json", FIXTURE]);
    posts
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap_or_default().to_string(),
                p["date"].clone(),
                p["date_source"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn list_json_gives_partial_dates_and_their_source_newest_first() {
    let expected: Vec<(String, Value, String)> = [
        (
            "2019/2019-07-04-from-the-file-name",
            "2019-07-04",
            "file name",
        ),
        ("2019/05/post", "2019-05", "folder"),
        ("2019/with-a-date-field", "2019-03-02", "field"),
        ("events/2016-05-chicago/recap", "2016-06-02", "field"),
        ("events/2016-05-chicago/schedule", "2016-05-20", "field"),
        ("events/2016-05-chicago/proposals/talk", "2016-05", "folder"),
        ("blog/2014/notes", "2014", "folder"),
        ("events/2013-amsterdam/report", "2013-12-31", "field"),
        (
            "events/2013-amsterdam/proposals/Dated Talk/index",
            "2013-01-01T09:00:00+00:00",
            "field",
        ),
        (
            "events/2013-amsterdam/proposals/Undated Talk/index",
            "2013",
            "folder",
        ),
        (
            "events/2012-london/talk",
            "2012-12-31T23:00:00+00:00",
            "field",
        ),
        ("blog/2009/11/15/a-day/index", "2009-11-15", "folder"),
    ]
    .into_iter()
    .map(|(id, date, source)| (id.to_string(), Value::from(date), source.to_string()))
    .chain(
        [
            "pages/03-Planning your event/13-hotel",
            "room-2013b/minutes",
            "v2013/release-notes",
        ]
        .into_iter()
        .map(|id| (id.to_string(), Value::Null, "none".to_string())),
    )
    .collect();
    assert_eq!(listed(), expected);
    // Again, now from the metadata cache the first run wrote: the same.
    assert_eq!(listed(), expected);
}

#[test]
fn list_lines_show_the_year_or_month_a_folder_gave() {
    let (out, err, ok) = shelf(&["list", FIXTURE]);
    assert!(ok, "{err}");
    let line = |title: &str| {
        out.lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("{title} listed: {out}"))
            .to_string()
    };
    assert!(
        line("A talk dated only by its event folder").starts_with("2013\t"),
        "{out}"
    );
    assert!(line("A Chicago proposal").starts_with("2016-05\t"), "{out}");
    assert!(line("A field beats the folder").starts_with("2019-03-02\t"));
    assert!(line("Hotel").starts_with("----------\t"));
}

#[test]
fn check_counts_posts_by_where_their_date_came_from() {
    let report = json(&["check", "--json", FIXTURE]);
    assert_eq!(report["posts"], 15);
    assert_eq!(
        report["dated"],
        serde_json::json!({"field": 6, "file name": 1, "folder": 5, "none": 3})
    );
    let (out, err, ok) = shelf(&["check", FIXTURE]);
    assert!(ok, "{err}");
    assert!(
        out.lines()
            .any(|l| l == "dated by field 6, by file name 1, by folder 5, undated 3"),
        "{out}"
    );
}

#[test]
fn check_counts_the_seeds_by_field_and_none() {
    let report = json(&["check", "--json"]);
    assert_eq!(
        report["dated"],
        serde_json::json!({"field": 3, "file name": 0, "folder": 0, "none": 2})
    );
}
