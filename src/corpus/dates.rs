//! Dates: every shape the real archives write (ISO 8601 with or without `Z`, offset or
//! fraction, `+0000` without a colon, `2009-11-15 17:24:43.0 +00:00`, single-digit hours,
//! `2011-11-04 14:35`, doubled spaces, quoted date-only, RFC 2822), dates in file and
//! folder names, and the ISO form, the human form and the sort key of a [`PostDate`].

use crate::text::collapse_whitespace;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};

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

    /// Seconds since the Unix epoch, for sorting (newest first = largest first). A time
    /// without an offset is taken as UTC, a day without a time as its midnight UTC.
    pub fn sort_key(&self) -> i64 {
        let naive = self.date.and_time(self.time.unwrap_or(NaiveTime::MIN));
        let utc = naive.and_utc().timestamp();
        match self.offset {
            Some(offset) => utc - i64::from(offset.local_minus_utc()),
            None => utc,
        }
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
    let mut found = None;
    for (i, segment) in segments.iter().enumerate() {
        if let Some(date) = from_name_start(segment) {
            found = Some(date);
            continue;
        }
        let (Some(month), Some(day)) = (segments.get(i + 1), segments.get(i + 2)) else {
            continue;
        };
        let numeric = |s: &str, max_len: usize| {
            !s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit())
        };
        if segment.len() == 4
            && numeric(segment, 4)
            && numeric(month, 2)
            && numeric(day, 2)
            && let (Ok(y), Ok(m), Ok(d)) = (segment.parse(), month.parse(), day.parse())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|_| plausible_year(y))
        {
            found = Some(PostDate {
                date,
                time: None,
                offset: None,
                precision: Precision::Day,
            });
        }
    }
    found
}

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
        assert_eq!(later_local.sort_key(), utc.sort_key() + 1);
        assert_eq!(utc.sort_key(), 1_258_305_883);
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
