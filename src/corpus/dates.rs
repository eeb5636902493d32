//! Dates: every shape the real archives write (ISO 8601 with or without `Z`, offset or
//! fraction, `+0000` without a colon, `2009-11-15 17:24:43.0 +00:00`, single-digit hours,
//! `2011-11-04 14:35`, doubled spaces, quoted date-only, RFC 2822), dates in file and
//! folder names (a full day, or only the year and month or the year of a folder like
//! `2016-05-chicago/`, `2013-amsterdam/` or `2019/`), and the ISO form, the human form and
//! the sort key of a [`PostDate`].

use crate::text::collapse_whitespace;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};

use super::post::{PostDate, Precision};

impl PostDate {
    /// `15 Nov 2009`: the day alone, for people (`May 2013` or `2013` when only the
    /// month or year is known).
    pub fn to_human_day(&self) -> String {
        match self.precision {
            Precision::Day => self.date.format("%-d %b %Y").to_string(),
            Precision::Month => self.date.format("%b %Y").to_string(),
            Precision::Year => self.date.format("%Y").to_string(),
        }
    }

    /// `2009-11-15`, or `2013-05` / `2013` when only the month or year is known: the
    /// list's date column.
    pub fn to_short(&self) -> String {
        match self.precision {
            Precision::Day => self.date.format("%Y-%m-%d").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Year => self.date.format("%Y").to_string(),
        }
    }

    /// For people: `15 Nov 2009, 17:24 +00:00`, `4 Nov 2011, 14:35` without an offset,
    /// `8 Aug 2019` for a day (seconds are left to the ISO form).
    pub fn to_human(&self) -> String {
        let mut out = self.to_human_day();
        if let Some(time) = self.time {
            out.push_str(&time.format(", %H:%M").to_string());
            if let Some(offset) = self.offset {
                out.push(' ');
                out.push_str(&offset.to_string());
            }
        }
        out
    }

    /// ISO 8601 with only what was given: `2009-11-15T17:24:43+00:00` with an offset
    /// (`Z` is written `+00:00`), `2011-11-04T14:35:00` without one, `2019-08-08` for a
    /// day. A non-zero fraction of a second is kept (`16:30:30.933`), a zero one dropped.
    pub fn to_iso(&self) -> String {
        if self.precision != Precision::Day {
            return self.to_short();
        }
        let mut out = self.date.format("%Y-%m-%d").to_string();
        if let Some(time) = self.time {
            let format = if time.nanosecond() == 0 {
                "T%H:%M:%S"
            } else {
                "T%H:%M:%S%.f"
            };
            out.push_str(&time.format(format).to_string());
            if let Some(offset) = self.offset {
                out.push_str(&offset.to_string());
            }
        }
        out
    }

    /// A key for sorting, newest first = largest first: four times the seconds since the
    /// Unix epoch, so that a date known only to the month or year can sit just before its
    /// period starts, after every post dated in it (`2013-05` after the posts of May
    /// 2013, `2013` after those of 2013 and after `2013-01`) and before every earlier
    /// instant. A time without an offset is taken as UTC, a day without a time as its
    /// midnight UTC, so a post early on the 1st east of UTC (`2013-05-01T00:30+02:00`
    /// is still April in UTC) sorts after `2013-05`.
    pub fn sort_key(&self) -> i64 {
        let naive = self.date.and_time(self.time.unwrap_or(NaiveTime::MIN));
        let utc = naive.and_utc().timestamp();
        let seconds = match self.offset {
            Some(offset) => utc - i64::from(offset.local_minus_utc()),
            None => utc,
        };
        let before_the_period = match self.precision {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Year => 2,
        };
        seconds * 4 - before_the_period
    }
}

/// Parses one date value as posts write it; `None` when it is not a date.
pub fn parse(raw: &str) -> Option<PostDate> {
    let cleaned = collapse_whitespace(raw.trim().trim_matches(['"', '\'']));
    if cleaned.is_empty() {
        return None;
    }
    parse_iso_like(&cleaned).or_else(|| parse_rfc2822(&cleaned))
}

fn parse_rfc2822(s: &str) -> Option<PostDate> {
    let dt = DateTime::parse_from_rfc2822(s).ok()?;
    Some(PostDate {
        date: dt.date_naive(),
        time: Some(dt.time()),
        offset: Some(*dt.offset()),
        precision: Precision::Day,
    })
}

fn parse_iso_like(s: &str) -> Option<PostDate> {
    let date_end = s.find(['T', 't', ' ']).unwrap_or(s.len());
    let date = parse_day(s.get(..date_end)?)?;
    let rest = s.get(date_end..).unwrap_or_default();
    let rest = rest.get(1..).unwrap_or_default().trim();
    if rest.is_empty() {
        return Some(PostDate {
            date,
            time: None,
            offset: None,
            precision: Precision::Day,
        });
    }
    // The time runs up to a blank, `Z`, `+` or `-`.
    let time_end = rest.find([' ', 'Z', 'z', '+', '-']).unwrap_or(rest.len());
    let time = parse_time(rest.get(..time_end)?)?;
    let zone = rest.get(time_end..).unwrap_or_default().trim();
    let offset = if zone.is_empty() {
        None
    } else {
        Some(parse_offset(zone)?)
    };
    Some(PostDate {
        date,
        time: Some(time),
        offset,
        precision: Precision::Day,
    })
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(s, format).ok())
        .filter(|d| plausible_year(d.year()))
}

fn plausible_year(year: i32) -> bool {
    (1900..=2200).contains(&year)
}

fn parse_time(s: &str) -> Option<NaiveTime> {
    ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(s, format).ok())
}

/// `Z`, `UTC`, `GMT`, `+HH:MM`, `+HHMM` or `+HH`.
fn parse_offset(zone: &str) -> Option<FixedOffset> {
    if matches!(zone.to_ascii_uppercase().as_str(), "Z" | "UTC" | "GMT") {
        return FixedOffset::east_opt(0);
    }
    let (sign, digits) = match zone.chars().next()? {
        '+' => (1, zone.get(1..)?),
        '-' => (-1, zone.get(1..)?),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits.get(..2)?.parse::<i32>().ok()?,
            digits.get(2..)?.parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// A `YYYY-MM-DD` date at the start of a file or folder name (`2001-01-18-slug.md`).
pub fn from_name_start(name: &str) -> Option<PostDate> {
    let head = name.get(..10)?;
    let next = name.get(10..).and_then(|r| r.chars().next());
    if matches!(next, Some(c) if c.is_ascii_digit()) {
        return None;
    }
    let date = parse_day(head)?;
    Some(PostDate {
        date,
        time: None,
        offset: None,
        precision: Precision::Day,
    })
}

/// A date written as three path segments `YYYY/MM/DD` (`blog/2009/11/15/slug/`), or a
/// segment starting with `YYYY-MM-DD`; the deepest match wins.
pub fn from_path_segments<'a>(segments: impl IntoIterator<Item = &'a str>) -> Option<PostDate> {
    let segments: Vec<&str> = segments.into_iter().filter(|s| !s.is_empty()).collect();
    day_in_segments(&segments)
}

/// The date a post's folders give (root first, the file's name not included): a full
/// day as [`from_path_segments`] finds it; else the year and month, or the year, of the
/// folder nearest the file that starts with a year: `2019/05/`, `2016-05-chicago/`
/// ([`Precision::Month`]), `2013-amsterdam/`, `2019/`, `2015_london/`
/// ([`Precision::Year`]). The year is the whole folder name or its first `-`/`_`
/// separated part, four digits from 1990 to next year (`v2013`, `2013b`, `room-2013`,
/// `1984-orwell` and `9999` are not years); the month is two digits after it (`05` in
/// `2016-05-chicago`) or the whole next folder (`2019/5/`), 1 to 12.
pub fn from_folders<'a>(segments: impl IntoIterator<Item = &'a str>) -> Option<PostDate> {
    let segments: Vec<&str> = segments.into_iter().filter(|s| !s.is_empty()).collect();
    if let Some(day) = day_in_segments(&segments) {
        return Some(day);
    }
    // Nearest first; each folder costs a look at its first few bytes and the next one.
    let mut latest_year = None;
    (0..segments.len())
        .rev()
        .find_map(|i| partial_at(&segments, i, &mut latest_year))
}

/// The deepest full date in `segments` (none of them empty).
fn day_in_segments(segments: &[&str]) -> Option<PostDate> {
    let mut found = None;
    for (i, segment) in segments.iter().enumerate() {
        if let Some(date) = from_name_start(segment) {
            found = Some(date);
            continue;
        }
        let (Some(month), Some(day)) = (segments.get(i + 1), segments.get(i + 2)) else {
            continue;
        };
        if segment.len() == 4
            && all_digits(segment, 4)
            && all_digits(month, 2)
            && all_digits(day, 2)
            && let (Ok(y), Ok(m), Ok(d)) = (segment.parse(), month.parse(), day.parse())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|_| plausible_year(y))
        {
            found = Some(PostDate::day(date));
        }
    }
    found
}

/// `s` is one to `max_len` ASCII digits.
fn all_digits(s: &str, max_len: usize) -> bool {
    !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
}

/// The year (and month) that folder `i` of `segments` starts with; `latest_year` is
/// next year, looked up the first time a folder starts with four digits.
fn partial_at(segments: &[&str], i: usize, latest_year: &mut Option<i32>) -> Option<PostDate> {
    let segment = segments.get(i)?;
    let mut parts = segment.split(['-', '_']);
    let head = parts.next()?;
    if head.len() != 4 || !all_digits(head, 4) {
        return None;
    }
    let year: i32 = head.parse().ok()?;
    let latest = *latest_year.get_or_insert_with(|| Utc::now().year() + 1);
    if !(FIRST_FOLDER_YEAR..=latest).contains(&year) {
        return None;
    }
    let month = if segment.len() == 4 {
        segments
            .get(i + 1)
            .filter(|next| all_digits(next, 2))
            .and_then(|next| next.parse::<u32>().ok())
    } else {
        parts
            .next()
            .filter(|part| part.len() == 2 && all_digits(part, 2))
            .and_then(|part| part.parse::<u32>().ok())
    };
    match month.and_then(|m| NaiveDate::from_ymd_opt(year, m, 1)) {
        Some(date) => Some(PostDate {
            precision: Precision::Month,
            ..PostDate::day(date)
        }),
        None => Some(PostDate {
            precision: Precision::Year,
            ..PostDate::day(NaiveDate::from_ymd_opt(year, 1, 1)?)
        }),
    }
}

/// The earliest year a folder name is taken for: before it, a leading number is more
/// likely anything else (`1984-orwell/`) than the year of a post on the web.
const FIRST_FOLDER_YEAR: i32 = 1990;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each raw date parses to the ISO text given.
    fn assert_iso(cases: &[(&str, &str)]) {
        for (raw, want) in cases {
            assert_eq!(
                parse(raw).map(|d| d.to_iso()).as_deref(),
                Some(*want),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn the_human_form_says_only_what_was_given() {
        let human = |raw: &str| parse(raw).map(|d| d.to_human());
        assert_eq!(
            human("2009-11-15T17:24:43Z").as_deref(),
            Some("15 Nov 2009, 17:24 +00:00")
        );
        assert_eq!(
            human("2016-02-29T10:35:34.199577+02:00").as_deref(),
            Some("29 Feb 2016, 10:35 +02:00")
        );
        assert_eq!(
            human("2011-11-04 14:35").as_deref(),
            Some("4 Nov 2011, 14:35")
        );
        assert_eq!(human("2019-08-08").as_deref(), Some("8 Aug 2019"));
    }

    #[test]
    fn iso_with_z_and_fraction() {
        assert_iso(&[("2019-08-08T16:30:30.933Z", "2019-08-08T16:30:30.933+00:00")]);
    }

    #[test]
    fn iso_with_offset_with_and_without_colon() {
        assert_iso(&[
            ("\"2016-12-12T16:31:00-06:00\"", "2016-12-12T16:31:00-06:00"),
            ("2023-01-18T10:00:14+0000", "2023-01-18T10:00:14+00:00"),
            ("2022-06-24T17:05:42+02:00", "2022-06-24T17:05:42+02:00"),
        ]);
    }

    #[test]
    fn iso_without_zone_keeps_no_zone() {
        assert_iso(&[("2026-04-03T20:51:38.083", "2026-04-03T20:51:38.083")]);
    }

    #[test]
    fn webby_created_at_shapes() {
        assert_iso(&[
            ("2009-11-15 17:24:43.0 +00:00", "2009-11-15T17:24:43+00:00"),
            (
                "2012-08-30 20:16:57.336789 +01:00",
                "2012-08-30T20:16:57.336789+01:00",
            ),
            (
                "2015-03-15 20:02:27.000000 -05:00",
                "2015-03-15T20:02:27-05:00",
            ),
        ]);
    }

    #[test]
    fn jekyll_shapes_single_digit_hour_and_double_spaces() {
        assert_iso(&[
            ("2013-02-24 09:06:22 +0000", "2013-02-24T09:06:22+00:00"),
            ("2013-11-22 5:00:00 +0000", "2013-11-22T05:00:00+00:00"),
            (
                "  2013-09-28  23:30:00   +0000 ",
                "2013-09-28T23:30:00+00:00",
            ),
        ]);
    }

    #[test]
    fn minutes_only_and_date_only() {
        assert_iso(&[
            ("2011-11-04 14:35", "2011-11-04T14:35:00"),
            ("\"2023-04-01\"", "2023-04-01"),
            ("'2023-04-01'", "2023-04-01"),
        ]);
    }

    #[test]
    fn rfc2822_pub_dates() {
        assert_iso(&[(
            "Sun, 15 Nov 2009 17:24:43 +0000",
            "2009-11-15T17:24:43+00:00",
        )]);
    }

    #[test]
    fn non_dates_give_none() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("\"\""), None);
        assert_eq!(parse("soon"), None);
        assert_eq!(parse("2013-13-45"), None);
        assert_eq!(parse("2013-01-01 25:00"), None);
        assert_eq!(parse("2013-01-01 10:00 +bogus"), None);
    }

    #[test]
    fn sort_key_orders_instants_and_treats_no_offset_as_utc() {
        let utc = parse("2009-11-15T17:24:43Z").unwrap();
        let same_instant = parse("2009-11-15 18:24:43 +01:00").unwrap();
        let later_local = parse("2009-11-15 17:24:44").unwrap();
        assert_eq!(utc.sort_key(), same_instant.sort_key());
        assert!(later_local.sort_key() > utc.sort_key());
        assert_eq!(utc.sort_key(), 1_258_305_883 * 4);
        let day = parse("2009-11-15").unwrap();
        assert!(day.sort_key() < utc.sort_key());
    }

    #[test]
    fn date_at_the_start_of_a_file_name() {
        assert_eq!(
            from_name_start("2001-01-18-stable-snapshot-is-available").map(|d| d.to_iso()),
            Some("2001-01-18".into())
        );
        assert_eq!(from_name_start("stable-2001-01-18"), None);
        assert_eq!(from_name_start("2001-01-181"), None);
    }

    /// `path`'s folders (the last segment is the file) as [`from_folders`] dates them.
    fn folder_date(path: &str) -> Option<(String, Precision)> {
        let folders = path.rsplit_once('/').map_or("", |(folders, _)| folders);
        from_folders(folders.split('/')).map(|d| (d.to_iso(), d.precision))
    }

    #[test]
    fn a_year_from_a_folder_named_by_year_and_place() {
        assert_eq!(
            folder_date("events/2013-amsterdam/proposals/Some Talk/index.txt"),
            Some(("2013".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("2015_london/talk.md"),
            Some(("2015".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("events/2016-london-2b/index.html"),
            Some(("2016".into(), Precision::Year))
        );
    }

    #[test]
    fn a_year_from_a_folder_named_by_the_year_alone() {
        assert_eq!(
            folder_date("2019/post.md"),
            Some(("2019".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("blog/2014/some-post/index.md"),
            Some(("2014".into(), Precision::Year))
        );
    }

    #[test]
    fn a_month_from_a_year_folder_and_a_month_folder() {
        assert_eq!(
            folder_date("2019/05/post.md"),
            Some(("2019-05".into(), Precision::Month))
        );
        assert_eq!(
            folder_date("blog/2019/5/post.md"),
            Some(("2019-05".into(), Precision::Month))
        );
        // Not a month: the year alone.
        assert_eq!(
            folder_date("2019/13/post.md"),
            Some(("2019".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("2019/005/post.md"),
            Some(("2019".into(), Precision::Year))
        );
    }

    #[test]
    fn a_month_from_one_folder_named_by_year_month_and_place() {
        assert_eq!(
            folder_date("events/2016-05-chicago/talk.md"),
            Some(("2016-05".into(), Precision::Month))
        );
        assert_eq!(
            folder_date("2016-05/talk.md"),
            Some(("2016-05".into(), Precision::Month))
        );
        // `10k` and `2017` are not months, `13` is none.
        for path in [
            "2016-10k-run/a.md",
            "2016-2017/a.md",
            "2016-13-x/a.md",
            "2016-5-x/a.md",
        ] {
            assert_eq!(
                folder_date(path),
                Some(("2016".into(), Precision::Year)),
                "{path}"
            );
        }
    }

    #[test]
    fn the_folder_nearest_the_file_wins() {
        assert_eq!(
            folder_date("archive/2012/events/2014-berlin/proposals/x/index.txt"),
            Some(("2014".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("events/2014-berlin/proposals/Talk about 2018/index.txt"),
            Some(("2014".into(), Precision::Year))
        );
        assert_eq!(
            folder_date("2013-amsterdam/2019/05/a.md"),
            Some(("2019-05".into(), Precision::Month))
        );
    }

    #[test]
    fn a_full_day_in_the_folders_beats_a_nearer_year() {
        assert_eq!(
            folder_date("blog/2009/11/15/slug/index.txt"),
            Some(("2009-11-15".into(), Precision::Day))
        );
        assert_eq!(
            folder_date("2009-11-15-meetup/2014-notes/a.md"),
            Some(("2009-11-15".into(), Precision::Day))
        );
    }

    #[test]
    fn numbers_that_are_part_of_something_else_are_not_years() {
        for path in [
            "v2013/a.md",
            "2013b/a.md",
            "room-2013b/a.md",
            "events-2013/a.md",
            "release 2013/a.md",
            "20130/a.md",
            "2013.5/a.md",
            "201/a.md",
            "a.md",
            "pages/organizing/03-Planning your event/13-hotel.md",
        ] {
            assert_eq!(folder_date(path), None, "{path}");
        }
    }

    #[test]
    fn only_plausible_years_are_taken() {
        assert_eq!(folder_date("1984-orwell/a.md"), None);
        assert_eq!(folder_date("1989/a.md"), None);
        assert_eq!(folder_date("9999/a.md"), None);
        let next = Utc::now().year() + 1;
        assert_eq!(folder_date(&format!("{}/a.md", next + 1)), None);
        assert_eq!(
            folder_date(&format!("{next}/a.md")).map(|(iso, _)| iso),
            Some(next.to_string())
        );
        assert_eq!(
            folder_date("1990/a.md"),
            Some(("1990".into(), Precision::Year))
        );
    }

    #[test]
    fn ten_thousand_folders_are_one_pass() {
        let deep = "d/".repeat(10_000) + "2013-x/" + &"2019/".repeat(10_000) + "a.md";
        assert_eq!(folder_date(&deep), Some(("2019".into(), Precision::Year)));
        let deep = "2019/".repeat(10_000) + "05/a.md";
        assert_eq!(
            folder_date(&deep),
            Some(("2019-05".into(), Precision::Month))
        );
    }

    #[test]
    fn a_partial_date_sorts_after_the_posts_of_its_period() {
        let year = from_folders(["2013"]).unwrap();
        let month = from_folders(["2013", "05"]).unwrap();
        let key = |raw: &str| parse(raw).unwrap().sort_key();
        // Newest first is largest first: the year after everything dated in 2013, the
        // month after everything in May, both before what came earlier.
        assert!(year.sort_key() < key("2013-01-01"));
        assert!(year.sort_key() < key("2013-01-01T00:00:00Z"));
        assert!(year.sort_key() > key("2012-12-31T23:59:59Z"));
        assert!(year.sort_key() > key("2012-12-31T23:59:59.999Z"));
        assert!(month.sort_key() < key("2013-05-01"));
        assert!(month.sort_key() > key("2013-04-30T23:59:59Z"));
        assert!(month.sort_key() < key("2013-12-31"));
        let january = from_folders(["2013", "01"]).unwrap();
        assert!(year.sort_key() < january.sort_key());
        assert!(january.sort_key() < key("2013-01-01"));
    }

    #[test]
    fn partial_dates_read_as_what_is_known() {
        let year = from_folders(["2013-amsterdam"]).unwrap();
        assert_eq!(
            (year.to_iso(), year.to_short(), year.to_human()),
            ("2013".into(), "2013".into(), "2013".into())
        );
        let month = from_folders(["2016-05-chicago"]).unwrap();
        assert_eq!(
            (month.to_iso(), month.to_short(), month.to_human()),
            ("2016-05".into(), "2016-05".into(), "May 2016".into())
        );
    }

    #[test]
    fn date_from_folders() {
        let segments = "blog/2009/11/15/slug/index".split('/');
        assert_eq!(
            from_path_segments(segments).map(|d| d.to_iso()),
            Some("2009-11-15".into())
        );
        assert_eq!(
            from_path_segments("events/2013-amsterdam/proposals/x".split('/')),
            None
        );
        assert_eq!(
            from_path_segments("/blog/2012/1/9/".split('/')).map(|d| d.to_iso()),
            Some("2012-01-09".into())
        );
    }
}
