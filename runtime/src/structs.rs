//! How generated structs are read from JSON, written once.
//!
//! A generated struct's `Deserialize` is [`deserialize`]: the object's members are read one
//! by one into the struct's builder (`types::builders::FooBuilder`, the one callers use),
//! whose `build()` then makes the value. The struct only says, in its [`ReadStruct`] impl,
//! which wire name goes to which builder member: one `match` on the name, one
//! call of [`required`] or [`optional`] per member. Its `Serialize` is [`WriteStruct`]: one
//! call per member, the first error kept (no `?` per member for rustc to check again).
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
use serde::ser;

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

/// Reads a required member's value into its builder slot: `Some` of the value (`null` is an
/// error, as for the derive). A generated `read_member` arm is one call of this or of
/// [`optional`], rather than an assignment with `?`: the conversion of `?` is type-checked and
/// borrow-checked again in every arm of every struct, one call is not. Returns `Ok(true)`, the
/// member being known.
pub fn required<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(map: &mut A, slot: &mut Option<T>) -> Result<bool, A::Error> {
    *slot = Some(map.next_value()?);
    Ok(true)
}

/// Reads an optional or nullable member's value into its builder slot (`null` is `None`).
/// Returns `Ok(true)`, the member being known.
pub fn optional<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(map: &mut A, slot: &mut Option<T>) -> Result<bool, A::Error> {
    *slot = map.next_value()?;
    Ok(true)
}

/// Reads the value of a member the struct does not list into its `additionalProperties`
/// map (created on the first one). Returns `Ok(true)`: the value is kept, not skipped.
pub fn other<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(map: &mut A, key: &str, others: &mut Option<std::collections::BTreeMap<String, T>>) -> Result<bool, A::Error> {
    let value = map.next_value()?;
    others.get_or_insert_default().insert(key.to_owned(), value);
    Ok(true)
}

/// A generated struct's `Serialize`: its members written as one JSON object, in order.
///
/// A generated `serialize` is `WriteStruct::new(serializer)?`, one call per member (without
/// `?`: the first error is kept, and the members after it are not written), then `end()`,
/// which gives that error or the object. As with [`required`], one call per member is less
/// for rustc to check than a `serialize_entry(..)?` per member.
pub struct WriteStruct<M: ser::SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: ser::SerializeMap> WriteStruct<M> {
    /// Starts the object (its length is not given: optional members may be left out).
    pub fn new<S>(serializer: S) -> Result<Self, S::Error>
    where
        S: ser::Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        Ok(Self { map: serializer.serialize_map(None)?, error: None })
    }

    /// A member written whatever its value (a nullable `None` is `null`).
    pub fn member<T: ser::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if self.error.is_some() {
            return;
        }
        if let Err(e) = self.map.serialize_entry(name, value) {
            self.error = Some(e);
        }
    }

    /// An optional member: written when set, left out when `None`.
    pub fn optional<T: ser::Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.member(name, value);
        }
    }

    /// The entries of the `additionalProperties` map, after the members.
    pub fn others<T: ser::Serialize>(&mut self, others: &std::collections::BTreeMap<String, T>) {
        for (key, value) in others {
            self.member(key, value);
        }
    }

    /// The end of the object, or the first error a member gave.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.map.end(),
        }
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
            // As generated code reads members: one call per member.
            match key {
                "groupName" => required(map, &mut b.name),
                "size" => optional(map, &mut b.size),
                _ => Ok(false),
            }
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

    /// A stand-in with `additionalProperties`: the members it does not list go into its map,
    /// and are written back after the listed ones.
    #[derive(Debug, PartialEq, Default)]
    struct Tagged {
        id: Option<String>,
        others: std::collections::BTreeMap<String, i64>,
    }

    impl ReadStruct for Tagged {
        const NAME: &'static str = "Tagged";
        type Builder = (Option<String>, Option<std::collections::BTreeMap<String, i64>>);

        fn read_member<'de, A: MapAccess<'de>>(b: &mut Self::Builder, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "id" => optional(map, &mut b.0),
                key => other(map, key, &mut b.1),
            }
        }

        fn finish(b: Self::Builder) -> Result<Self, MissingMembers> {
            Ok(Tagged { id: b.0, others: b.1.unwrap_or_default() })
        }
    }

    impl<'de> serde::Deserialize<'de> for Tagged {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize(deserializer)
        }
    }

    impl serde::Serialize for Tagged {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = WriteStruct::new(serializer)?;
            map.optional("id", &self.id);
            map.others(&self.others);
            map.end()
        }
    }

    #[test]
    fn other_members_go_into_the_map_and_are_written_after_the_listed_ones() {
        let tagged: Tagged = serde_json::from_str(r#"{"b": 2, "id": "x", "a": 1}"#).unwrap();
        assert_eq!(tagged.id.as_deref(), Some("x"));
        assert_eq!(tagged.others.iter().map(|(k, v)| (k.as_str(), *v)).collect::<Vec<_>>(), [("a", 1), ("b", 2)]);
        assert_eq!(serde_json::to_string(&tagged).unwrap(), r#"{"id":"x","a":1,"b":2}"#);
        // An optional member not set is left out; no others, no entries.
        assert_eq!(serde_json::to_string(&Tagged::default()).unwrap(), "{}");
        let err = serde_json::from_str::<Tagged>(r#"{"a": "not a number"}"#).unwrap_err().to_string();
        assert!(err.contains("invalid type: string"), "{err}");
    }

    /// A value whose `Serialize` fails, as a map key that is not a string does in JSON.
    struct Fails;

    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(ser::Error::custom("this member cannot be written"))
        }
    }

    /// The first error a member gives is the result; the members after it are not written.
    #[test]
    fn write_struct_gives_the_first_error_and_writes_nothing_after_it() {
        struct Two;
        impl serde::Serialize for Two {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = WriteStruct::new(serializer)?;
                map.member("a", &1);
                map.member("bad", &Fails);
                map.optional("c", &Some(Fails));
                map.end()
            }
        }
        let mut out = Vec::new();
        let err = serde::Serialize::serialize(&Two, &mut serde_json::Serializer::new(&mut out)).unwrap_err();
        assert_eq!(err.to_string(), "this member cannot be written");
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"a":1,"bad":"#);
    }
}
