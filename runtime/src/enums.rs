//! How generated string enums read their wire value, written once.
//!
//! A generated string enum (`#[non_exhaustive]`, with an `Unrecognized(UnknownValue)`
//! catch-all) maps a wire string to a variant in its own `From<&str>` and back in its
//! `as_str()`; its `Serialize` writes `as_str()`. Reading goes through [`deserialize`]: the
//! string is read by one visitor shared by every enum ([`WireStr`], borrowed from the input
//! where the deserializer allows it), then mapped by `From<&str>`.
//!
//! Why not serde's derive: a derived enum whose catch-all is `#[serde(untagged)]` buffers
//! every value into serde's `Content` before trying the variants (slow to run), and its
//! derived code and the deserializer's string parsing are compiled again for every enum (slow
//! to compile: hundreds of enums in a large API). Here the deserializer's string reading is
//! compiled once per deserializer, for all enums together.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// A string as an enum reads it: borrowed from the input when the deserializer can lend it
/// (serde_json from a `&str` or `&[u8]` without escapes), else owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireStr<'de>(pub Cow<'de, str>);

impl std::ops::Deref for WireStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for WireStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = WireStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(WireStr(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(WireStr(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(WireStr(Cow::Owned(value)))
    }
}

/// A generated string enum's `Deserialize`: the wire string, then the enum's
/// `From<&str>` (which gives the catch-all for a value it does not list). Anything but a
/// string is an error (`invalid type: integer `7`, expected a string`).
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    let value = <WireStr<'de> as serde::Deserialize<'de>>::deserialize(deserializer)?;
    Ok(T::from(&value))
}

/// A string or a number, as an enum with `x-integer-values` reads it (the server sends the
/// values' names or their numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum StrOrNumber<'de> {
    /// A string, as [`WireStr`] reads it.
    Str(WireStr<'de>),
    /// A number, kept exactly as serde_json would (its `to_string()` is serde_json's).
    Number(serde_json::Number),
}

impl<'de> serde::Deserialize<'de> for StrOrNumber<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrOrNumberVisitor)
    }
}

struct StrOrNumberVisitor;

impl<'de> Visitor<'de> for StrOrNumberVisitor {
    type Value = StrOrNumber<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        StrVisitor.visit_borrowed_str(value).map(StrOrNumber::Str)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        StrVisitor.visit_str(value).map(StrOrNumber::Str)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        StrVisitor.visit_string(value).map(StrOrNumber::Str)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(StrOrNumber::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(StrOrNumber::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        // JSON has no NaN or infinity, so serde_json never hands one over.
        serde_json::Number::from_f64(value)
            .map(StrOrNumber::Number)
            .ok_or_else(|| E::custom("expected a finite number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a generated enum: two values and the catch-all.
    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Other(String),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "red" => Self::Red,
                other => Self::Other(other.to_owned()),
            }
        }
    }

    fn color(json: &str) -> Result<Color, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(json);
        deserialize(&mut de)
    }

    #[test]
    fn a_known_an_unknown_and_an_escaped_value_are_read_and_anything_else_refused() {
        assert_eq!(color("\"red\"").unwrap(), Color::Red);
        assert_eq!(color("\"blue\"").unwrap(), Color::Other("blue".into()));
        // An escape: serde_json cannot lend the string, the owned path reads it.
        assert_eq!(color("\"r\\u0065d\"").unwrap(), Color::Red);
        let err = color("7").unwrap_err().to_string();
        assert!(err.contains("invalid type: integer `7`, expected a string"), "{err}");
        // From a `serde_json::Value` (as the discriminated unions read members) too.
        let value = serde_json::json!("blue");
        assert_eq!(deserialize::<_, Color>(value).unwrap(), Color::Other("blue".into()));
    }

    #[test]
    fn strings_are_borrowed_where_the_input_allows() {
        let value: WireStr<'_> = serde_json::from_str("\"red\"").unwrap();
        assert!(matches!(value.0, Cow::Borrowed("red")));
    }

    #[test]
    fn str_or_number_reads_both_and_keeps_the_number_as_sent() {
        fn read(json: &str) -> Result<StrOrNumber<'_>, serde_json::Error> {
            serde_json::from_str(json)
        }
        assert_eq!(read("\"a\"").unwrap(), StrOrNumber::Str(WireStr(Cow::Borrowed("a"))));
        for n in ["12", "-3", "18446744073709551615", "1.5", "1e20"] {
            let StrOrNumber::Number(number) = read(n).unwrap() else { panic!("{n}") };
            assert_eq!(number.to_string(), serde_json::from_str::<serde_json::Number>(n).unwrap().to_string());
        }
        let err = read("true").unwrap_err().to_string();
        assert!(err.contains("expected a string or a number"), "{err}");
    }
}
