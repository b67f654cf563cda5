//! The AWS query protocols' spelling of a value as `key=value` pairs: how an API converted
//! from the AWS model (`/#Action=DescribeInstances` paths) takes its lists and structures,
//! which no OpenAPI style can write.
//!
//! A value is written by its [`Shape`], data the generated crate emits once per struct
//! ([`QueryShape`]) from what the model decided: each member's key and each list's member
//! name. The value itself goes through its `Serialize` (the JSON the crate would send), so
//! scalars are written exactly as in JSON bodies (strings as they are, numbers as their
//! text, booleans `true`/`false`, dates RFC 3339, bytes base64), and a `null` (an absent
//! `Option`) writes nothing.
//!
//! The two spellings ([`Flavor`]), as the Smithy specifications of the protocols and their
//! compliance tests give them (smithy-lang/smithy, `docs/source-2.0/aws/protocols/
//! aws-query-protocol.rst`, `aws-ec2-query-protocol.rst`, `smithy-aws-protocol-tests/model/
//! awsQuery/input-lists.smithy`, `ec2Query/input-lists.smithy`), which botocore's
//! `QuerySerializer` / `EC2Serializer` also follow:
//! - `Query` (`awsQuery`: RDS, ElastiCache, CloudFormation, IAM, SNS, ...): a struct's member
//!   is `Prefix.Key`; a list is `Prefix.member.1`, `Prefix.member.2`, ... with the list's
//!   member name (`member` unless the model names it: `Filters.Filter.1.Name`); a map is
//!   `Prefix.entry.1.key` / `Prefix.entry.1.value`; an empty list is `Prefix=`.
//! - `Ec2` (`ec2Query`): lists are always flattened, `Prefix.1`, `Prefix.2` (the member name
//!   is ignored), so `Filter.1.Name=x&Filter.1.Value.1=a`; the keys the model gives are
//!   already capitalised (the member's xml name with its first letter upper case); maps
//!   are undefined in the protocol and written as in `Query`; an empty list is `Prefix=`.
//!
//! Indices start at 1. Keys and values are percent-encoded as query components
//! ([`super::path::query_component`]); the dots between segments stay literal.

use serde::Serialize;
use serde_json::Value;

use super::error::ConstructionError;
use super::path::query_component;
use super::request::Request;

/// Which of the AWS query protocols' spellings (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// `awsQuery`: lists as `Name.member.N` (or the list's member name).
    Query,
    /// `ec2Query`: lists flattened, `Name.N`.
    Ec2,
}

/// How a value's parts are named on the wire. Emitted by the generator as data; a struct's
/// shape comes from its [`QueryShape`] impl, through a function so that recursive types
/// need no infinite value.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A scalar, or a value the model has no names for (a schemaless value): an array is
    /// a list with the default member name, an object a struct whose keys are its members'.
    Value,
    /// A list; `member` names its items in the `Query` flavour (`member` by default).
    List { member: &'static str, item: &'static Shape },
    /// A map with string keys: `entry.N.key` / `entry.N.value`.
    Map { item: &'static Shape },
    /// A struct's members, in the order they are written.
    Struct(&'static [Member]),
    /// A named struct, whose members its [`QueryShape`] impl gives.
    Named(fn() -> &'static Shape),
}

/// A struct member: its name in the JSON the value serializes to, the key it is written
/// under, and its shape.
#[derive(Debug, Clone, Copy)]
pub struct Member {
    pub wire: &'static str,
    pub key: &'static str,
    pub shape: Shape,
}

/// Implemented by the generated structs of an AWS query API: the shape their values are
/// written by.
pub trait QueryShape {
    fn query_shape() -> &'static Shape;
}

/// The pairs `value` is written as under `name`, not yet encoded, in order. `null` writes
/// nothing; the value not serializing (a map with non-string keys, ...) is an error naming
/// `name`.
pub fn pairs<T: Serialize + ?Sized>(
    flavor: Flavor,
    name: &str,
    shape: &Shape,
    value: &T,
) -> Result<Vec<(String, String)>, ConstructionError> {
    let value = serde_json::to_value(value)
        .map_err(|e| ConstructionError::new(format!("parameter `{name}` cannot be written: {e}")))?;
    let mut out = Vec::new();
    let mut writer = Writer { flavor, out: &mut out, depth: 0 };
    writer.write(name, shape, &value).map_err(|at| {
        ConstructionError::new(format!("parameter `{name}` nests deeper than {MAX_DEPTH} levels at `{at}`"))
    })?;
    Ok(out)
}

/// Adds `value` to the request's query, written under `name` (see [`pairs`]).
pub fn query<T: Serialize + ?Sized>(
    mut request: Request,
    flavor: Flavor,
    name: &str,
    shape: &Shape,
    value: &T,
) -> Result<Request, ConstructionError> {
    let pairs = pairs(flavor, name, shape, value)?;
    request
        .query
        .extend(pairs.iter().map(|(k, v)| (query_component(k), query_component(v))));
    Ok(request)
}

/// Sets the request's body to `value` as an `application/x-www-form-urlencoded` form in the
/// protocol's spelling: each member of the struct under its key (`Tags.member.1.Key=k&..`).
/// A value that is not a struct (or `null`) is an error: the protocols send the operation's
/// input structure.
pub fn form_body<T: Serialize + ?Sized>(
    request: Request,
    flavor: Flavor,
    shape: &Shape,
    value: &T,
) -> Result<Request, ConstructionError> {
    let value = serde_json::to_value(value)
        .map_err(|e| ConstructionError::new(format!("the form body cannot be written: {e}")))?;
    let shape = match shape {
        Shape::Named(shape) => shape(),
        other => other,
    };
    let (Value::Object(members), Shape::Struct(fields)) = (&value, shape) else {
        return Err(ConstructionError::new(format!(
            "the form body is {}, not a structure: the AWS query protocols send the input structure's members",
            super::request::kind(&value)
        )));
    };
    let mut out = Vec::new();
    let mut writer = Writer { flavor, out: &mut out, depth: 0 };
    // The members at the top, each under its own key (no prefix).
    for field in fields.iter() {
        if let Some(member) = members.get(field.wire) {
            writer.write(field.key, &field.shape, member).map_err(|at| {
                ConstructionError::new(format!("the form body nests deeper than {MAX_DEPTH} levels at `{at}`"))
            })?;
        }
    }
    let text: Vec<String> =
        out.iter().map(|(k, v)| format!("{}={}", query_component(k), query_component(v))).collect();
    Ok(request.encoded_form(text.join("&")))
}

/// How deep a value may nest: a bound on the recursion of [`Writer::write`], far beyond any
/// AWS shape (EC2's deepest input nests about 8 levels).
const MAX_DEPTH: usize = 64;

struct Writer<'o> {
    flavor: Flavor,
    out: &'o mut Vec<(String, String)>,
    depth: usize,
}

impl Writer<'_> {
    /// Writes `value` under `prefix`; `Err` holds the key where it nests too deep.
    fn write(&mut self, prefix: &str, shape: &Shape, value: &Value) -> Result<(), String> {
        if self.depth > MAX_DEPTH {
            return Err(prefix.to_owned());
        }
        let shape = match shape {
            Shape::Named(shape) => shape(),
            other => other,
        };
        self.depth += 1;
        let written = match (value, shape) {
            (Value::Null, _) => Ok(()),
            (Value::Array(items), Shape::List { member, item }) => self.list(prefix, member, item, items),
            (Value::Array(items), _) => self.list(prefix, "member", &Shape::Value, items),
            (Value::Object(members), Shape::Struct(shape)) => {
                // In the shape's order; members the shape does not name (a map flattened into
                // the struct) follow under their own names.
                let mut result = Ok(());
                for member in shape.iter() {
                    if let Some(value) = members.get(member.wire) {
                        result = self.write(&format!("{prefix}.{}", member.key), &member.shape, value);
                        if result.is_err() {
                            break;
                        }
                    }
                }
                result.and_then(|()| {
                    members
                        .iter()
                        .filter(|(name, _)| shape.iter().all(|m| m.wire != name.as_str()))
                        .try_for_each(|(name, value)| self.write(&format!("{prefix}.{name}"), &Shape::Value, value))
                })
            }
            (Value::Object(entries), Shape::Map { item }) => self.map(prefix, item, entries),
            (Value::Object(members), _) => members
                .iter()
                .try_for_each(|(name, value)| self.write(&format!("{prefix}.{name}"), &Shape::Value, value)),
            (Value::String(text), _) => {
                self.out.push((prefix.to_owned(), text.clone()));
                Ok(())
            }
            (Value::Bool(b), _) => {
                self.out.push((prefix.to_owned(), b.to_string()));
                Ok(())
            }
            (Value::Number(n), _) => {
                self.out.push((prefix.to_owned(), n.to_string()));
                Ok(())
            }
        };
        self.depth -= 1;
        written
    }

    fn list(&mut self, prefix: &str, member: &str, item: &Shape, items: &[Value]) -> Result<(), String> {
        // An empty list is sent as such: the key with no value.
        if items.is_empty() {
            self.out.push((prefix.to_owned(), String::new()));
            return Ok(());
        }
        for (i, value) in items.iter().enumerate() {
            let key = match self.flavor {
                Flavor::Query => format!("{prefix}.{member}.{}", i + 1),
                Flavor::Ec2 => format!("{prefix}.{}", i + 1),
            };
            self.write(&key, item, value)?;
        }
        Ok(())
    }

    fn map(&mut self, prefix: &str, item: &Shape, entries: &serde_json::Map<String, Value>) -> Result<(), String> {
        for (i, (key, value)) in entries.iter().enumerate() {
            let entry = format!("{prefix}.entry.{}", i + 1);
            self.out.push((format!("{entry}.key"), key.clone()));
            self.write(&format!("{entry}.value"), item, value)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static TAG: Shape = Shape::Struct(&[
        Member { wire: "Key", key: "Key", shape: Shape::Value },
        Member { wire: "Value", key: "Value", shape: Shape::Value },
    ]);
    /// EC2's `Filter`: `Values` is written under its xml name, `Value`.
    static FILTER: Shape = Shape::Struct(&[
        Member { wire: "Name", key: "Name", shape: Shape::Value },
        Member { wire: "Values", key: "Value", shape: Shape::List { member: "item", item: &Shape::Value } },
    ]);
    /// A recursive struct: a node with children.
    struct Node;
    impl QueryShape for Node {
        fn query_shape() -> &'static Shape {
            static SHAPE: Shape = Shape::Struct(&[
                Member { wire: "id", key: "Id", shape: Shape::Value },
                Member { wire: "kids", key: "Kid", shape: Shape::List { member: "Node", item: &Shape::Named(<Node as QueryShape>::query_shape) } },
            ]);
            &SHAPE
        }
    }

    fn text(flavor: Flavor, name: &str, shape: &Shape, value: &Value) -> String {
        let pairs = pairs(flavor, name, shape, value).unwrap_or_else(|e| panic!("{e}"));
        pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    }

    #[test]
    fn ec2_lists_are_flattened_and_keys_are_the_models() {
        let filters = json!([{"Name": "tag:env", "Values": ["prod", "dev"]}, {"Name": "state"}]);
        let list = Shape::List { member: "Filter", item: &FILTER };
        assert_eq!(
            text(Flavor::Ec2, "Filter", &list, &filters),
            "Filter.1.Name=tag:env&Filter.1.Value.1=prod&Filter.1.Value.2=dev&Filter.2.Name=state"
        );
    }

    #[test]
    fn query_lists_carry_their_member_name() {
        let tags = json!([{"Key": "k", "Value": "v"}, {"Key": "k2", "Value": ""}]);
        let list = Shape::List { member: "Tag", item: &TAG };
        assert_eq!(
            text(Flavor::Query, "Tags", &list, &tags),
            "Tags.Tag.1.Key=k&Tags.Tag.1.Value=v&Tags.Tag.2.Key=k2&Tags.Tag.2.Value="
        );
        let filters = json!([{"Name": "engine", "Values": ["mysql"]}]);
        let list = Shape::List { member: "member", item: &FILTER };
        assert_eq!(text(Flavor::Query, "Filters", &list, &filters), "Filters.member.1.Name=engine&Filters.member.1.Value.item.1=mysql");
    }

    #[test]
    fn scalars_are_their_json_text_and_null_writes_nothing() {
        let shape = Shape::List { member: "member", item: &Shape::Value };
        assert_eq!(text(Flavor::Query, "L", &shape, &json!([1, 2.5, true, "a b"])), "L.member.1=1&L.member.2=2.5&L.member.3=true&L.member.4=a b");
        assert_eq!(text(Flavor::Ec2, "L", &shape, &json!(null)), "");
        assert_eq!(text(Flavor::Ec2, "L", &TAG, &json!({"Key": "k", "Value": null})), "L.Key=k");
    }

    #[test]
    fn empty_lists_are_sent_empty() {
        let shape = Shape::List { member: "member", item: &Shape::Value };
        assert_eq!(text(Flavor::Query, "L", &shape, &json!([])), "L=");
        assert_eq!(text(Flavor::Ec2, "L", &shape, &json!([])), "L=");
    }

    #[test]
    fn maps_are_entries() {
        let shape = Shape::Map { item: &Shape::Value };
        assert_eq!(
            text(Flavor::Query, "Attributes", &shape, &json!({"a": "1", "b": "2"})),
            "Attributes.entry.1.key=a&Attributes.entry.1.value=1&Attributes.entry.2.key=b&Attributes.entry.2.value=2"
        );
    }

    #[test]
    fn recursive_shapes_follow_the_value() {
        let tree = json!({"id": 1, "kids": [{"id": 2, "kids": [{"id": 3}]}]});
        let shape = Shape::Named(<Node as QueryShape>::query_shape);
        assert_eq!(text(Flavor::Query, "Root", &shape, &tree), "Root.Id=1&Root.Kid.Node.1.Id=2&Root.Kid.Node.1.Kid.Node.1.Id=3");
        assert_eq!(text(Flavor::Ec2, "Root", &shape, &tree), "Root.Id=1&Root.Kid.1.Id=2&Root.Kid.1.Kid.1.Id=3");
    }

    #[test]
    fn unnamed_values_use_their_own_names() {
        let value = json!({"a": [1, {"b": 2}]});
        assert_eq!(text(Flavor::Query, "X", &Shape::Value, &value), "X.a.member.1=1&X.a.member.2.b=2");
        assert_eq!(text(Flavor::Ec2, "X", &Shape::Value, &value), "X.a.1=1&X.a.2.b=2");
        // A member the struct's shape does not name keeps its own name, after the others.
        assert_eq!(text(Flavor::Ec2, "T", &TAG, &json!({"Other": "o", "Key": "k"})), "T.Key=k&T.Other=o");
    }

    #[test]
    fn too_deep_a_value_is_an_error_naming_it() {
        let mut value = json!("leaf");
        for _ in 0..70 {
            value = json!([value]);
        }
        let error = pairs(Flavor::Ec2, "Deep", &Shape::Value, &value).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("parameter `Deep` nests deeper than 64 levels at `Deep.1.1."), "{error}");
    }

    #[test]
    fn a_form_body_is_the_structs_members_at_the_top() {
        static INPUT: Shape = Shape::Struct(&[
            Member { wire: "ResourceName", key: "ResourceName", shape: Shape::Value },
            Member { wire: "Tags", key: "Tags", shape: Shape::List { member: "Tag", item: &TAG } },
        ]);
        let request = Request::new(http::Method::POST, "/".into());
        let value = json!({"ResourceName": "arn:a b", "Tags": [{"Key": "k", "Value": "v"}]});
        let request = form_body(request, Flavor::Query, &INPUT, &value).unwrap_or_else(|e| panic!("{e}"));
        let (content_type, body) = request.body.clone().unwrap_or_default();
        assert_eq!(content_type, "application/x-www-form-urlencoded");
        assert_eq!(body, "ResourceName=arn%3Aa%20b&Tags.Tag.1.Key=k&Tags.Tag.1.Value=v");
        // A form, not raw bytes: a raw media type choice does not relabel it.
        assert!(request.clone().media_type(Some("text/plain")).is_err());
        let request = Request::new(http::Method::POST, "/".into());
        let error = form_body(request, Flavor::Ec2, &INPUT, &json!([1])).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(error, "the form body is an array, not a structure: the AWS query protocols send the input structure's members");
    }

    #[test]
    fn the_query_is_percent_encoded_but_the_dots_stay() {
        let request = Request::new(http::Method::GET, "/".into());
        let list = Shape::List { member: "Tag", item: &TAG };
        let request = query(request, Flavor::Query, "Tags", &list, &json!([{"Key": "a&b", "Value": "c d"}]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            request.query,
            vec![("Tags.Tag.1.Key".to_owned(), "a%26b".to_owned()), ("Tags.Tag.1.Value".to_owned(), "c%20d".to_owned())]
        );
    }
}
