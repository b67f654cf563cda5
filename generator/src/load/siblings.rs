//! Keywords beside a schema's `$ref` (OpenAPI 3.1 allows them; converters write them in
//! 3.0 too), put in the form the model reads, on the YAML tree.
//!
//! - Annotations (`description`, `title`, `example(s)`, `deprecated`, `readOnly`,
//!   `writeOnly`, `nullable`, `default`, `xml`, `externalDocs`, `x-*`, and constraints) stay:
//!   the place keeps the referenced type, documented by the sibling's `description` and
//!   an `Option` for a 3.0 `nullable: true`; the model reads them where it reads any schema's.
//! - `properties`, `required` and `allOf` add to the value: the node becomes the `allOf` of
//!   the reference, the `properties` / `required` beside it, and its own `allOf` members, in
//!   that order (`{$ref: A, allOf: [B]}` -> `allOf: [{$ref: A}, B]`), its annotations kept.
//! - `items`, `enum`, `oneOf`, `anyOf` and `additionalProperties` would change what the
//!   referenced type is: left out, each with a located warning.
//!
//! One walk from the root, changing a node before going into it, so that every pointer it
//! records is the node's final one; the [`PointerMap`] gives each moved node's place before
//! the change (a member of `allOf` that was beside it), so diagnostics point at the text.

use serde_yaml::{Mapping, Value};

use super::hoist::SHAPING;
use super::places::{step, Kind};
use super::pointer_map::PointerMap;
use crate::diag::join;

/// Siblings merged with the reference as `allOf` members.
const MERGED: [&str; 2] = ["properties", "required"];

/// The reshaped document's map, and the warnings (at final pointers) for dropped siblings.
#[derive(Default)]
pub(crate) struct Reshaped {
    pub pointers: PointerMap,
    pub warnings: Vec<(String, String)>,
}

/// Reshapes every schema of `document` (keys are strings) whose `$ref` has shaping siblings.
pub(crate) fn reshape(document: &mut Value) -> Reshaped {
    let mut out = Reshaped::default();
    walk(document, "", "", Kind::Root, &mut out);
    out
}

/// `node` is at `at` in the reshaped document and was at `was` before.
fn walk(node: &mut Value, at: &str, was: &str, kind: Kind, out: &mut Reshaped) {
    match node {
        Value::Mapping(map) => {
            if kind == Kind::Schema && map.contains_key("$ref") && SHAPING.iter().any(|k| map.contains_key(*k)) {
                reshape_one(map, at, was, out);
                return;
            }
            for (key, child) in map.iter_mut() {
                let Some(key) = key.as_str() else { continue };
                let child_kind = step(kind, key);
                if !matches!(child_kind, Kind::Data | Kind::Unknown) {
                    walk(child, &join(at, key), &join(was, key), child_kind, out);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let i = i.to_string();
                walk(item, &join(at, &i), &join(was, &i), step(kind, &i), out);
            }
        }
        Value::Tagged(tagged) => walk(&mut tagged.value, at, was, kind, out),
        _ => {}
    }
}

/// One schema with a `$ref` and shaping siblings, then the schemas inside it.
fn reshape_one(map: &mut Mapping, at: &str, was: &str, out: &mut Reshaped) {
    for key in ["items", "enum", "oneOf", "anyOf", "additionalProperties"] {
        if map.remove(key).is_some() {
            out.warnings.push((
                join(at, key),
                format!(
                    "`{key}` beside `$ref` is ignored: the type is the referenced schema's; to describe \
                     another value, write the schema without `$ref`, or combine both with `allOf`"
                ),
            ));
        }
    }
    let merged: Mapping = MERGED.iter().filter_map(|k| map.remove(*k).map(|v| (Value::from(*k), v))).collect();
    let own = match map.remove("allOf") {
        Some(Value::Sequence(members)) => Some(members),
        // Not a list (converters write `allOf: {"3": {..}}` beside a `$ref`, which 3.0 says
        // to ignore): nothing to merge, so ignored as 3.0 would.
        Some(_) => {
            out.warnings.push((
                join(at, "allOf"),
                "`allOf` beside `$ref` is not a list of schemas: ignored; the type is the referenced \
                 schema's"
                    .to_owned(),
            ));
            None
        }
        None => None,
    };
    if merged.is_empty() && own.is_none() {
        return;
    }
    let reference = map.remove("$ref").unwrap_or(Value::Null);
    let mut members = vec![Value::Mapping(Mapping::from_iter([(Value::from("$ref"), reference)]))];
    let all_of = join(at, "allOf");
    out.pointers.insert(join(&all_of, "0"), was.to_owned());
    if !merged.is_empty() {
        out.pointers.insert(join(&all_of, "1"), was.to_owned());
        members.push(Value::Mapping(merged));
    }
    let first_own = members.len();
    let own = own.unwrap_or_default();
    for i in 0..own.len() {
        out.pointers.insert(join(&all_of, &(first_own + i).to_string()), join(&join(was, "allOf"), &i.to_string()));
    }
    members.extend(own);
    // The members' own schemas, each with its place before.
    for (i, member) in members.iter_mut().enumerate().skip(1) {
        let member_at = join(&all_of, &i.to_string());
        if i < first_own {
            // The merged part: its `properties` were the node's own.
            if let Value::Mapping(part) = member {
                if let Some(properties) = part.get_mut("properties") {
                    let kind = step(Kind::Schema, "properties");
                    walk(properties, &join(&member_at, "properties"), &join(was, "properties"), kind, out);
                }
            }
        } else {
            let member_was = join(&join(was, "allOf"), &(i - first_own).to_string());
            walk(member, &member_at, &member_was, Kind::Schema, out);
        }
    }
    map.insert(Value::from("allOf"), Value::Sequence(members));
}
