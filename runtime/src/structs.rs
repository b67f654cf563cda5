//! How generated structs are read from JSON, written once.
//!
//! A generated struct's `Deserialize` is [`deserialize`]: the object's members are read one
//! by one into the struct's builder (`types::builders::FooBuilder`, the one callers use),
//! whose `build()` then makes the value. The struct only says, in its [`ReadStruct`] impl,
//! which wire name goes to which builder member: one `match` on the name, one
//! `next_value()` per member.
//!
//! Why not serde's derive: it writes, for every struct, a field-name enum with its own
//! visitor (names as strings, bytes and indexes), a visitor reading the struct from a
//! sequence as well as from a map, and a local per member: about a third of a large crate's
//! compile time went there. Here the visitor and the loop over the members are compiled once
//! per deserializer, the check of required members is the builder's (not generic at all).
//!
//! What it reads as the derive did: members by wire name, unknown members skipped, a
//! missing required member as serde's `missing field `x`` error (the first one, in the
//! struct's order), optional and nullable members as `None` when absent or `null`, other
//! members (`additionalProperties`) into their map. What differs: a JSON array is not read
//! as a struct (the derive took the members in order), and a member sent twice keeps the
//! last value instead of failing with `duplicate field`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::enums::WireStr;
use super::members::MissingMembers;

/// A generated struct, read member by member into its builder.
pub trait ReadStruct: Sized {
    /// The struct's name, for errors (`expected struct User`).
    const NAME: &'static str;

    /// What the members are read into: the struct's builder.
    type Builder: Default;

    /// Reads the value of the member named `key` into `builder`; `Ok(false)` when the struct
    /// has no such member (the value is then skipped).
    fn read_member<'de, A: MapAccess<'de>>(builder: &mut Self::Builder, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// The value, once every member sent is read: the builder's `build()`.
    fn finish(builder: Self::Builder) -> Result<Self, MissingMembers>;
}

/// A generated struct's `Deserialize`: a JSON object, read by [`ReadStruct`].
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: ReadStruct,
{
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: ReadStruct> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut builder = T::Builder::default();
        while let Some(key) = map.next_key::<WireStr<'de>>()? {
            if !T::read_member(&mut builder, &key, &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        T::finish(builder).map_err(|missing| missing_field(&missing))
    }
}

/// serde's error for the first required member not sent.
fn missing_field<E: de::Error>(missing: &MissingMembers) -> E {
    match missing.missing().first() {
        Some(member) => E::missing_field(member.wire_name()),
        None => E::custom(missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a generated struct and its builder: a required member named
    /// differently on the wire and an optional one.
    #[derive(Debug, PartialEq)]
    struct Group {
        name: String,
        size: Option<i64>,
    }

    #[derive(Default)]
    struct GroupBuilder {
        name: Option<String>,
        size: Option<i64>,
    }

    impl ReadStruct for Group {
        const NAME: &'static str = "Group";
        type Builder = GroupBuilder;

        fn read_member<'de, A: MapAccess<'de>>(b: &mut GroupBuilder, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "groupName" => b.name = Some(map.next_value()?),
                "size" => b.size = map.next_value()?,
                _ => return Ok(false),
            }
            Ok(true)
        }

        fn finish(b: GroupBuilder) -> Result<Self, MissingMembers> {
            match b.name {
                Some(name) => Ok(Group { name, size: b.size }),
                None => Err(MissingMembers::of("Group", &[(true, "groupName", "name")])),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Group {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize(deserializer)
        }
    }

    fn read(json: &str) -> Result<Group, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn members_by_wire_name_unknown_ones_skipped_null_as_none() {
        let group = read(r#"{"other": {"deep": [1, 2]}, "groupName": "a", "size": null}"#).unwrap();
        assert_eq!(group, Group { name: "a".into(), size: None });
        assert_eq!(read(r#"{"size": 3, "groupName": "b"}"#).unwrap(), Group { name: "b".into(), size: Some(3) });
        // An escaped key is read through the owned path.
        assert_eq!(read(r#"{"group\u004eame": "c"}"#).unwrap().name, "c");
        // From a `serde_json::Value` as well.
        let value = serde_json::json!({"groupName": "d"});
        assert_eq!(serde_json::from_value::<Group>(value).unwrap().name, "d");
    }

    #[test]
    fn a_missing_required_member_a_wrong_type_and_an_array_are_errors() {
        let err = read(r#"{"size": 1}"#).unwrap_err().to_string();
        assert!(err.starts_with("missing field `groupName`"), "{err}");
        let err = read(r#"{"groupName": 7}"#).unwrap_err().to_string();
        assert!(err.contains("invalid type: integer `7`, expected a string"), "{err}");
        let err = read(r#"["a", 1]"#).unwrap_err().to_string();
        assert!(err.contains("expected struct Group"), "{err}");
    }
}
