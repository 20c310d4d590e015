//! Times in bundle documents: one fixed format, UTC, to the second.
//!
//! Every time a bundle document carries is written `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, UTC,
//! no fractional seconds) and read back with exactly that shape, so a document never has
//! two spellings of the same instant. Times typed by people (capture times) may carry any
//! RFC 3339 offset; they are converted to UTC when sealed. A time without an offset is
//! refused: nobody can tell later which zone it meant.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant in UTC, to the second, in the bundle's one time format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<Utc>);

/// The pattern every stored time matches.
pub const TIME_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$";

/// Why a time was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("'{0}' is not a time in the form 2026-11-22T14:05:00Z")]
    /// A stored time not in the one form documents use, `YYYY-MM-DDTHH:MM:SSZ`.
    BadStoredFormat(String),
    #[error(
        "'{0}' has no time zone: add 'Z' for UTC or an offset such as '+02:00' (for example 2026-03-14T09:30:00+01:00)"
    )]
    /// A time given without a time zone.
    NoZone(String),
    #[error("'{0}' is not a valid RFC 3339 time (for example 2026-03-14T09:30:00Z)")]
    /// Not an RFC 3339 time.
    Invalid(String),
    #[error("'{0}' has fractional seconds; give the time to the second")]
    /// A time with fractional seconds.
    Fractional(String),
}

impl Timestamp {
    /// The current time, truncated to the second.
    pub fn now() -> Self {
        Self::from_unix(Utc::now().timestamp()).unwrap_or(Timestamp(DateTime::UNIX_EPOCH))
    }

    /// An instant from seconds since the Unix epoch.
    pub fn from_unix(secs: i64) -> Option<Self> {
        Utc.timestamp_opt(secs, 0).single().map(Timestamp)
    }

    /// The instant as a `chrono` time.
    pub fn as_datetime(&self) -> DateTime<Utc> {
        self.0
    }

    /// Seconds since the Unix epoch.
    pub fn unix(&self) -> i64 {
        self.0.timestamp()
    }

    /// Parses a time a person typed: RFC 3339 with `Z` or an explicit offset, to the second.
    pub fn parse_user(s: &str) -> Result<Self, TimeError> {
        let t = s.trim();
        if t.contains('.') {
            return Err(TimeError::Fractional(s.into()));
        }
        if NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok()
            || NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").is_ok()
        {
            return Err(TimeError::NoZone(s.into()));
        }
        // chrono also accepts a lowercase 't' or a space; people's input may, but the
        // shape must otherwise be RFC 3339 with an explicit zone.
        DateTime::parse_from_rfc3339(t)
            .map(|d| Timestamp(d.with_timezone(&Utc)))
            .map_err(|_| TimeError::Invalid(s.into()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;
    /// Parses a stored time: exactly `YYYY-MM-DDTHH:MM:SSZ`.
    fn from_str(s: &str) -> Result<Self, TimeError> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 20
            && b.iter().enumerate().all(|(i, &c)| match i {
                4 | 7 => c == b'-',
                10 => c == b'T',
                13 | 16 => c == b':',
                19 => c == b'Z',
                _ => c.is_ascii_digit(),
            });
        // No leap seconds (:60) and no year 0000: other readers cannot represent them.
        if !shape_ok || &s[17..19] > "59" || &s[..4] == "0000" {
            return Err(TimeError::BadStoredFormat(s.into()));
        }
        NaiveDateTime::parse_from_str(&s[..19], "%Y-%m-%dT%H:%M:%S")
            .map(|n| Timestamp(n.and_utc()))
            .map_err(|_| TimeError::BadStoredFormat(s.into()))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "UTC time to the second: YYYY-MM-DDTHH:MM:SSZ"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_format_is_strict() {
        let t: Timestamp = "2026-11-22T14:05:09Z".parse().unwrap();
        assert_eq!(t.to_string(), "2026-11-22T14:05:09Z");
        for bad in [
            "2026-11-22t14:05:09Z",
            "2026-11-22 14:05:09Z",
            "2026-11-22T14:05:09.000Z",
            "2026-11-22T14:05:09+00:00",
            "2026-13-22T14:05:09Z",
            "2026-02-30T14:05:09Z",
            "２026-11-22T14:05:09Z",
            "2026-11-22T14:05:60Z",
            "0000-01-01T00:00:00Z",
            "",
        ] {
            assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
        }
    }

    #[test]
    fn user_times_need_a_zone() {
        let t = Timestamp::parse_user("2026-03-14T09:30:00+01:00").unwrap();
        assert_eq!(t.to_string(), "2026-03-14T08:30:00Z");
        assert!(matches!(Timestamp::parse_user("2026-03-14T09:30:00"), Err(TimeError::NoZone(_))));
        assert!(matches!(Timestamp::parse_user("2026-03-14T09:30:00.5Z"), Err(TimeError::Fractional(_))));
        assert!(matches!(Timestamp::parse_user("yesterday"), Err(TimeError::Invalid(_))));
    }
}
