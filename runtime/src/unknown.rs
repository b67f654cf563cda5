//! The value of an enum's catch-all variant: readable, not constructible by users.

use std::fmt;

/// A value an enum of the spec does not list (the service added it later), kept as sent:
/// `String` for string enums, `i64` for integer enums.
///
/// Generated enums hold it in their catch-all variant (`Unrecognized(UnknownValue)`), as the
/// AWS SDKs do with `UnknownVariantValue`: code can read the value ([`UnknownValue::as_str`],
/// [`UnknownValue::value`], `Display`) but cannot build one, so that it cannot write
/// `Unrecognized("Active")` for a value that has a variant, and so that matching on the
/// catch-all is not a promise the next version (which may give the value a variant) breaks.
/// To make an enum value from a string or number, use the enum's `From<&str>` /
/// `From<i64>`: an unknown value still becomes the catch-all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl<T> UnknownValue<T> {
    /// For generated code only (its `From` and `Deserialize` of an enum), not part of the
    /// API: hidden, and may change in any release.
    #[doc(hidden)]
    pub fn generated(value: T) -> Self {
        Self(value)
    }
}

impl UnknownValue<String> {
    /// The value as it is sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl UnknownValue<i64> {
    /// The number as it is sent on the wire.
    pub fn value(&self) -> i64 {
        self.0
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: serde::Serialize> serde::Serialize for UnknownValue<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Any value of the type, kept as it is (generated enums read theirs through their own
/// `Deserialize`, which gives the catch-all for a value they do not list).
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for UnknownValue<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_round_trips_as_the_bare_value() {
        let v: UnknownValue = serde_json::from_str("\"paused\"").unwrap();
        assert_eq!(v.as_str(), "paused");
        assert_eq!(v.to_string(), "paused");
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"paused\"");
        let n: UnknownValue<i64> = serde_json::from_str("7").unwrap();
        assert_eq!((n.value(), n.to_string()), (7, "7".to_owned()));
    }
}
