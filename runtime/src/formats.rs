//! Values that JSON carries as strings in a particular format: OpenAPI's `format: byte`
//! ([`Base64`]), `format: date-time` ([`Rfc3339DateTime`]) and `format: date` ([`Date`]).
//!
//! Each serializes as a JSON string, prints with `Display` the same text it serializes (so it
//! can go in a path, query or header), and parses with `FromStr`. Text that does not match the
//! format, from a server or a user, is an error (a serde error when deserializing), never a
//! panic.

use std::fmt;
use std::str::FromStr;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Month, OffsetDateTime, UtcOffset};

/// Text that is not in the format a value type expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    message: String,
}

impl ParseError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What is wrong with the text.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// The text itself when it is short enough to be worth quoting in an error; a server that
/// sends megabytes in the wrong field should not get them all repeated in the message.
fn quoted(text: &str) -> String {
    const LIMIT: usize = 64;
    if text.len() <= LIMIT {
        format!("`{text}`")
    } else {
        format!("a {}-byte text", text.len())
    }
}

/// Deserializes a JSON string through `FromStr`, turning a parse failure into a serde error.
fn deserialize_from_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = ParseError>,
{
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// Decodes both base64 alphabets, with or without padding: the URL-safe characters are
/// mapped onto the standard ones before decoding, and padding is optional.
const LIBERAL_BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Binary data sent as base64 text (OpenAPI `format: byte`).
///
/// Written in the standard alphabet with padding (RFC 4648 section 4), as OpenAPI specifies.
/// Read liberally, because servers differ: the standard or the URL-safe alphabet, with or
/// without padding, and with line breaks (MIME encoders wrap lines at 76 characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The decoded bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<Base64> for Vec<u8> {
    fn from(value: Base64) -> Self {
        value.0
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Display for Base64 {
    /// Standard alphabet, padded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl FromStr for Base64 {
    type Err = ParseError;

    /// Standard or URL-safe alphabet, padded or not; ASCII whitespace is ignored.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        let standard: Vec<u8> = text
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| match b {
                b'-' => b'+',
                b'_' => b'/',
                other => other,
            })
            .collect();
        // Neither the text nor the bytes go in the message: they may be large or secret.
        LIBERAL_BASE64
            .decode(standard)
            .map(Self)
            .map_err(|e| ParseError::new(format!("not base64: {e}")))
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_from_str(deserializer)
    }
}

/// A date and time with an offset from UTC (OpenAPI `format: date-time`, RFC 3339), e.g.
/// `2026-01-31T09:30:00.5+01:00`.
///
/// It keeps the offset it was parsed with, so a value read from a server is written back as
/// the same text (but for spelling: a zero offset is written `Z`, fractions without trailing
/// zeros, `t`/`z` in capitals). Equality, ordering and hashing compare instants:
/// `10:00+01:00` equals `09:00Z`.
///
/// RFC 3339 cannot write every value `time` holds. A UTC offset with seconds is written as
/// the same instant in UTC. A year before 0000 cannot be written: serializing it is an
/// error, and `Display` prints the ISO 8601 expanded form (`-0044-03-15T12:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rfc3339DateTime(OffsetDateTime);

impl Rfc3339DateTime {
    /// Wraps a date and time.
    pub fn new(value: OffsetDateTime) -> Self {
        Self(value)
    }

    /// The date and time, with the offset it was parsed or created with.
    pub fn get(&self) -> OffsetDateTime {
        self.0
    }

    /// The RFC 3339 text, when there is one (see the type's documentation).
    fn rfc3339(&self) -> Option<String> {
        self.0.format(&Rfc3339).ok().or_else(|| {
            // Offsets with seconds (or beyond 23 hours) have no RFC 3339 spelling: the same
            // instant in UTC does, unless that moves it out of `time`'s range.
            self.0
                .checked_to_offset(UtcOffset::UTC)?
                .format(&Rfc3339)
                .ok()
        })
    }
}

impl From<OffsetDateTime> for Rfc3339DateTime {
    fn from(value: OffsetDateTime) -> Self {
        Self(value)
    }
}

impl From<Rfc3339DateTime> for OffsetDateTime {
    fn from(value: Rfc3339DateTime) -> Self {
        value.0
    }
}

impl fmt::Display for Rfc3339DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(text) = self.rfc3339() {
            return f.write_str(&text);
        }
        // A year before 0000: the ISO 8601 expanded form, written by hand because `time`
        // formats no such year without its `large-dates` feature.
        let value = self.0;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            Date(value.date()),
            value.hour(),
            value.minute(),
            value.second()
        )?;
        if value.nanosecond() != 0 {
            let fraction = format!("{:09}", value.nanosecond());
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        let offset = value.offset();
        if offset.is_utc() {
            return f.write_str("Z");
        }
        let (hours, minutes, seconds) = offset.as_hms();
        let sign = if offset.is_negative() { '-' } else { '+' };
        write!(
            f,
            "{sign}{:02}:{:02}",
            hours.unsigned_abs(),
            minutes.unsigned_abs()
        )?;
        if seconds != 0 {
            write!(f, ":{:02}", seconds.unsigned_abs())?;
        }
        Ok(())
    }
}

impl FromStr for Rfc3339DateTime {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        OffsetDateTime::parse(text, &Rfc3339)
            .map(Self)
            .map_err(|e| {
                ParseError::new(format!(
                    "{} is not an RFC 3339 date-time: {e}",
                    quoted(text)
                ))
            })
    }
}

impl Serialize for Rfc3339DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.rfc3339() {
            Some(text) => serializer.serialize_str(&text),
            None => Err(serde::ser::Error::custom(format!(
                "{self} cannot be written in RFC 3339, which has no years before 0000"
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Rfc3339DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_from_str(deserializer)
    }
}

/// A calendar date (OpenAPI `format: date`, RFC 3339 `full-date`): `YYYY-MM-DD`.
///
/// Parsing is strict: exactly four year digits, two month digits and two day digits, and a
/// day that exists. A year before 0000 has no RFC 3339 spelling: serializing it is an error,
/// and `Display` prints the ISO 8601 expanded form (`-0044-03-15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// Wraps a date.
    pub fn new(value: time::Date) -> Self {
        Self(value)
    }

    /// The date.
    pub fn get(&self) -> time::Date {
        self.0
    }

    /// Whether RFC 3339 can write this date (its year has four digits).
    fn is_rfc3339(&self) -> bool {
        (0..=9999).contains(&self.0.year())
    }
}

impl From<time::Date> for Date {
    fn from(value: time::Date) -> Self {
        Self(value)
    }
}

impl From<Date> for time::Date {
    fn from(value: Date) -> Self {
        value.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = (self.0.year(), u8::from(self.0.month()), self.0.day());
        if year < 0 {
            // `{:+05}`: sign and at least four digits, as ISO 8601 expanded years are written.
            write!(f, "{year:+05}-{month:02}-{day:02}")
        } else {
            write!(f, "{year:04}-{month:02}-{day:02}")
        }
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let invalid = |why: &str| {
            ParseError::new(format!(
                "{} is not a date (YYYY-MM-DD): {why}",
                quoted(text)
            ))
        };
        // Digits only: `str::parse` would also take a sign.
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|digits| digits.parse::<u16>().ok())
        };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid("wrong shape"));
        }
        let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10))
        else {
            return Err(invalid("not digits"));
        };
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(|| invalid("no such month"))?;
        let day = u8::try_from(day).map_err(|_| invalid("no such day"))?;
        time::Date::from_calendar_date(i32::from(year), month, day)
            .map(Self)
            .map_err(|_| invalid("no such day"))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_rfc3339() {
            serializer.collect_str(self)
        } else {
            Err(serde::ser::Error::custom(format!(
                "{self} cannot be written in RFC 3339, which has no years before 0000"
            )))
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_from_str(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn base64_writes_standard_padded_and_reads_liberally() {
        let value = Base64(vec![0xfb, 0xff, 0xbf, b'a']);
        assert_eq!(value.to_string(), "+/+/YQ==");
        assert_eq!(json(&value), "\"+/+/YQ==\"");
        for text in ["+/+/YQ==", "+/+/YQ", "-_-_YQ==", "-_-_YQ", "+/+/\r\nYQ=="] {
            assert_eq!(text.parse::<Base64>().unwrap(), value, "{text}");
            let quoted = serde_json::to_string(text).unwrap();
            assert_eq!(
                serde_json::from_str::<Base64>(&quoted).unwrap(),
                value,
                "{text}"
            );
        }
        assert_eq!("".parse::<Base64>().unwrap(), Base64(Vec::new()));
        assert_eq!(Vec::from(Base64::from(b"hi".to_vec())), b"hi");
        assert_eq!(Base64(b"hi".to_vec()).as_ref(), b"hi");
    }

    #[test]
    fn base64_rejects_junk_with_an_error() {
        for junk in ["a", "ab!c", "YQ=a", "é"] {
            assert!(junk.parse::<Base64>().is_err(), "{junk}");
        }
        assert!(serde_json::from_str::<Base64>("\"a*b\"").is_err());
        assert!(serde_json::from_str::<Base64>("12").is_err());
        assert!(serde_json::from_str::<Base64>("null").is_err());
    }

    #[test]
    fn date_time_round_trips_keeping_the_offset() {
        for text in [
            "2026-01-31T09:30:00+01:00",
            "2026-01-31T09:30:00.5-05:30",
            "2026-01-31T09:30:00.123456789Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            let value: Rfc3339DateTime = text.parse().unwrap();
            assert_eq!(value.to_string(), text);
            assert_eq!(json(&value), format!("\"{text}\""));
            assert_eq!(
                serde_json::from_str::<Rfc3339DateTime>(&json(&value)).unwrap(),
                value
            );
        }
        let value: Rfc3339DateTime = "2026-01-31t09:30:00.500+00:00".parse().unwrap();
        assert_eq!(value.to_string(), "2026-01-31T09:30:00.5Z");
        // Equal instants are equal, whatever their offsets.
        let paris: Rfc3339DateTime = "2026-01-31T10:00:00+01:00".parse().unwrap();
        let utc: Rfc3339DateTime = "2026-01-31T09:00:00Z".parse().unwrap();
        assert_eq!(paris, utc);
        assert_eq!(paris.get().offset().whole_hours(), 1);
        let inner: OffsetDateTime = paris.into();
        assert_eq!(Rfc3339DateTime::from(inner), Rfc3339DateTime::new(inner));
    }

    #[test]
    fn date_time_rejects_junk_with_an_error() {
        for junk in [
            "",
            "2026-01-31",
            "2026-01-31T09:30:00",
            "2026-02-30T09:30:00Z",
            "2026-01-31T25:00:00Z",
            "yesterday",
        ] {
            assert!(junk.parse::<Rfc3339DateTime>().is_err(), "{junk}");
        }
        let err = serde_json::from_str::<Rfc3339DateTime>("\"2026-13-01T00:00:00Z\"").unwrap_err();
        assert!(err.to_string().contains("2026-13-01"), "{err}");
        assert!(serde_json::from_str::<Rfc3339DateTime>("1767225600").is_err());
        let long = "9".repeat(1000);
        let err = long.parse::<Rfc3339DateTime>().unwrap_err();
        assert!(!err.message().contains(&long), "{err}");
    }

    #[test]
    fn date_time_that_rfc3339_cannot_write_does_not_panic() {
        let date = time::Date::from_calendar_date(2026, Month::January, 31).unwrap();
        let midnight = date.midnight();
        // An offset with seconds: written as the same instant in UTC.
        let odd = UtcOffset::from_hms(1, 0, 30).unwrap();
        let value = Rfc3339DateTime::new(midnight.assume_offset(odd));
        assert_eq!(value.to_string(), "2026-01-30T22:59:30Z");
        assert_eq!(json(&value), "\"2026-01-30T22:59:30Z\"");
        // A year before 0000: printed in the expanded form, refused by serde.
        let ancient = time::Date::from_calendar_date(-44, Month::March, 15).unwrap();
        let value = Rfc3339DateTime::new(ancient.with_hms(12, 0, 0).unwrap().assume_offset(odd));
        assert_eq!(value.to_string(), "-0044-03-15T12:00:00+01:00:30");
        assert!(serde_json::to_string(&value).is_err());
        let earliest = Rfc3339DateTime::new(OffsetDateTime::new_utc(
            time::Date::MIN,
            time::Time::MIDNIGHT,
        ));
        assert!(!earliest.to_string().is_empty());
    }

    #[test]
    fn date_round_trips_and_is_strict() {
        let value: Date = "2024-02-29".parse().unwrap();
        assert_eq!(value.to_string(), "2024-02-29");
        assert_eq!(json(&value), "\"2024-02-29\"");
        assert_eq!(
            serde_json::from_str::<Date>("\"2024-02-29\"").unwrap(),
            value
        );
        assert_eq!(
            value.get(),
            time::Date::from_calendar_date(2024, Month::February, 29).unwrap()
        );
        assert_eq!(Date::from(value.get()), Date::new(value.get()));
        assert_eq!(time::Date::from(value), value.get());
        for junk in [
            "2023-02-29",
            "2024-2-29",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "+024-01-01",
            "2024-01-+1",
            "2024-01-01T00:00:00Z",
            "2024/01/01",
            "20240101",
            "",
            "2024-01-0é",
        ] {
            assert!(junk.parse::<Date>().is_err(), "{junk}");
        }
        assert!(serde_json::from_str::<Date>("\"2024-02-30\"").is_err());
        assert!(serde_json::from_str::<Date>("20240229").is_err());
        let ancient = Date::new(time::Date::from_calendar_date(-44, Month::March, 15).unwrap());
        assert_eq!(ancient.to_string(), "-0044-03-15");
        assert!(serde_json::to_string(&ancient).is_err());
    }

    #[test]
    fn usable_as_hash_keys() {
        use std::collections::HashSet;
        let a: Rfc3339DateTime = "2026-01-31T10:00:00+01:00".parse().unwrap();
        let b: Rfc3339DateTime = "2026-01-31T09:00:00Z".parse().unwrap();
        let set: HashSet<_> = [a, b].into_iter().collect();
        assert_eq!(set.len(), 1, "equal instants hash alike");
    }
}
