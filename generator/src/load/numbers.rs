//! Numbers of any size, as the spec text gives them.
//!
//! JSON and YAML put no bound on a number, but serde_yaml hands on an integer beyond 64 bits
//! as an `u128` / `i128` (which `serde_yaml::Value` refuses), and a number beyond `f64`
//! (`1e400`) as a string. So the loader reads its trees as [`Wide`] (a `serde_yaml::Value`
//! in which such an integer is kept as its digits, a string) and numeric keywords as
//! [`Number`] (the text to show). The generator only shows these numbers (in docs); where it
//! needs a Rust literal (an integer enum's values are `i64`), a value that does not fit is
//! reported by the model with a warning and a fallback.
//!
//! An integer beyond 128 bits reaches us as the nearest `f64` from serde_yaml, and is shown
//! so: its text is not kept.

use std::fmt;

use serde::de::{self, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde::Deserialize;
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};

/// A YAML tree, as `serde_yaml::Value` but accepting integers of any size (kept as their
/// digits, a string) and refusing a key given twice, as `serde_yaml::Value` does.
#[derive(Debug)]
pub struct Wide(pub Value);

impl<'de> Deserialize<'de> for Wide {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WideVisitor).map(Wide)
    }
}

struct WideVisitor;

impl<'de> Visitor<'de> for WideVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_i128<E>(self, i: i128) -> Result<Value, E> {
        Ok(match i64::try_from(i) {
            Ok(i) => Value::Number(i.into()),
            Err(_) => Value::String(i.to_string()),
        })
    }

    fn visit_u128<E>(self, u: u128) -> Result<Value, E> {
        Ok(match u64::try_from(u) {
            Ok(u) => Value::Number(u.into()),
            Err(_) => Value::String(u.to_string()),
        })
    }

    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(WideVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Wide(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some(Wide(key)) = map.next_key()? {
            if mapping.contains_key(&key) {
                let shown = serde_yaml::to_string(&key).unwrap_or_default();
                return Err(de::Error::custom(format!("duplicate entry with key {}", shown.trim())));
            }
            let Wide(value) = map.next_value()?;
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    /// A tagged node (`!custom value`), as serde_yaml hands it on.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        let Wide(value) = contents.newtype_variant()?;
        Ok(Value::Tagged(Box::new(TaggedValue { tag: Tag::new(tag), value })))
    }
}

/// `deserialize_with` for an optional keyword of any value (`default`, `const`).
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Ok(Option::<Wide>::deserialize(deserializer)?.map(|Wide(v)| v))
}

/// `deserialize_with` for an optional list of values (`enum`).
pub fn optional_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<Value>>, D::Error> {
    Ok(Option::<Vec<Wide>>::deserialize(deserializer)?.map(|list| list.into_iter().map(|Wide(v)| v).collect()))
}

/// A numeric keyword's value (`minimum`, `maximum`), as the docs show it: `10`, `0.5`,
/// `18446744073709552000`, `1e400`.
#[derive(Debug, Clone, PartialEq)]
pub struct Number(pub String);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E>(self, i: i64) -> Result<Number, E> {
        Ok(Number(i.to_string()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Number, E> {
        Ok(Number(u.to_string()))
    }

    fn visit_i128<E>(self, i: i128) -> Result<Number, E> {
        Ok(Number(i.to_string()))
    }

    fn visit_u128<E>(self, u: u128) -> Result<Number, E> {
        Ok(Number(u.to_string()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Number, E> {
        // Whole numbers without a fraction (`10`, not `10.0`), as the spec most likely wrote them.
        Ok(Number(if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }))
    }

    /// Only what serde_yaml turns into a string although it was a number: a literal beyond
    /// `f64` (`1e400`), or (from a [`Wide`] tree) an integer beyond 64 bits. Any other
    /// string stays an error (`maximum: 'ten'`, or `'5'`).
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Number, E> {
        let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
        let wide_integer = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && s.parse::<i64>().is_err()
            && s.parse::<u64>().is_err();
        let beyond_f64 = s.parse::<f64>().is_ok_and(f64::is_infinite) && !s.to_ascii_lowercase().contains("inf");
        if wide_integer || beyond_f64 {
            Ok(Number(s.to_owned()))
        } else {
            Err(de::Error::invalid_type(de::Unexpected::Str(s), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_keeps_integers_beyond_64_bits_as_their_digits() {
        let yaml = "a: 18446744073709552000\nb: [-170141183460469231731687303715884105728, 1, 1e400]\nc: !t {d: 2}\n";
        let Wide(tree) = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(tree["a"], Value::String("18446744073709552000".into()));
        assert_eq!(tree["b"][0], Value::String("-170141183460469231731687303715884105728".into()));
        assert_eq!(tree["b"][1], Value::from(1));
        assert_eq!(tree["b"][2], Value::String("1e400".into()));
        assert!(matches!(&tree["c"], Value::Tagged(t) if t.value["d"] == 2));
        let duplicate = serde_yaml::from_str::<Wide>("a: 1\na: 2\n").unwrap_err();
        assert!(duplicate.to_string().contains("duplicate entry"), "{duplicate}");
    }

    #[test]
    fn a_number_is_kept_as_the_spec_gives_it_and_a_string_is_refused() {
        let number = |yaml: &str| serde_yaml::from_str::<Number>(yaml).map(|n| n.0).map_err(|e| e.to_string());
        assert_eq!(number("18446744073709552000").as_deref(), Ok("18446744073709552000"));
        assert_eq!(number("1e400").as_deref(), Ok("1e400"));
        assert_eq!(number("-1e400").as_deref(), Ok("-1e400"));
        assert_eq!(number("10").as_deref(), Ok("10"));
        assert_eq!(number("10.0").as_deref(), Ok("10"));
        assert_eq!(number("0.5").as_deref(), Ok("0.5"));
        for refused in ["'ten'", "'5'", "'12345678901234567890'", "'1e400x'", "[1]"] {
            assert!(number(refused).is_err(), "{refused}");
        }
    }
}
