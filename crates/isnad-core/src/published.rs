//! The publication date: the anchor against which relative dates are resolved.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime, Time};
use jiff::fmt::temporal::{Pieces, PiecesNumericOffset, PiecesOffset};
use jiff::tz::Offset;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// When a document was published, as precise as the input said.
///
/// News metadata gives a bare date (`2025-02-19`) more often than a timestamp; evaluation corpora
/// give a full local time with its UTC offset (`2013-02-12T04:30:00-02:00`). Both are kept as given:
/// a missing time means "some time that day" and a missing offset means "local time, zone unknown".
/// Date resolution works on local wall-clock values, so the offset is carried but never applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Published {
    date: Date,
    time: Option<Time>,
    offset: Option<Offset>,
    raw: String,
}

/// A `published` value that is not an ISO 8601 date or date-time.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error(
    "invalid published date '{raw}': {reason} (expected e.g. 2025-02-19 or 2025-02-19T10:30:00+02:00)"
)]
pub struct PublishedError {
    raw: String,
    reason: String,
}

impl Published {
    /// The calendar day of publication.
    pub fn date(&self) -> Date {
        self.date
    }

    /// The local time of publication, when the input gave one.
    pub fn time(&self) -> Option<Time> {
        self.time
    }

    /// The UTC offset of the local time, when the input gave one.
    pub fn offset(&self) -> Option<Offset> {
        self.offset
    }

    /// The local date-time, taking midnight when only the day is known.
    pub fn datetime(&self) -> DateTime {
        self.date.to_datetime(self.time.unwrap_or(Time::midnight()))
    }

    /// The text as it was given.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Builds one from parts, for callers that computed the anchor themselves.
    pub fn from_parts(date: Date, time: Option<Time>, offset: Option<Offset>) -> Published {
        let mut raw = date.to_string();
        if let Some(t) = time {
            raw.push('T');
            raw.push_str(&t.strftime("%H:%M:%S").to_string());
            if let Some(o) = offset {
                raw.push_str(&o.to_string());
            }
        }
        Published { date, time, offset, raw }
    }
}

impl FromStr for Published {
    type Err = PublishedError;

    fn from_str(s: &str) -> Result<Published, PublishedError> {
        let raw = s.trim();
        let fail = |reason: String| PublishedError { raw: raw.to_string(), reason };
        if raw.is_empty() {
            return Err(fail("it is empty".into()));
        }
        // Accept the common "2025-02-19 10:30" spelling as well as the ISO 'T'.
        let iso = if raw.len() > 10 && raw.as_bytes()[10] == b' ' {
            format!("{}T{}", &raw[..10], &raw[11..])
        } else {
            raw.to_string()
        };
        let pieces = Pieces::parse(&iso).map_err(|e| fail(e.to_string()))?;
        let offset = match pieces.offset() {
            None => None,
            Some(PiecesOffset::Zulu) => Some(Offset::UTC),
            Some(PiecesOffset::Numeric(n)) => Some(numeric_offset(&n)),
            Some(_) => None,
        };
        Ok(Published { date: pieces.date(), time: pieces.time(), offset, raw: raw.to_string() })
    }
}

fn numeric_offset(n: &PiecesNumericOffset) -> Offset {
    n.offset()
}

impl TryFrom<String> for Published {
    type Error = PublishedError;
    fn try_from(s: String) -> Result<Published, PublishedError> {
        s.parse()
    }
}

impl From<Published> for String {
    fn from(p: Published) -> String {
        p.raw
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_timestamps() {
        let p: Published = "2025-02-19".parse().unwrap();
        assert_eq!(p.date(), jiff::civil::date(2025, 2, 19));
        assert_eq!(p.time(), None);
        let p: Published = "2013-02-12T04:30:00-02:00".parse().unwrap();
        assert_eq!(p.time(), Some(jiff::civil::time(4, 30, 0, 0)));
        assert_eq!(p.offset(), Some(Offset::constant(-2)));
        let p: Published = "2013-02-12 04:30".parse().unwrap();
        assert_eq!(p.datetime(), jiff::civil::date(2013, 2, 12).at(4, 30, 0, 0));
        assert!("19/02/2025".parse::<Published>().is_err());
        assert!("".parse::<Published>().is_err());
    }
}
