//! Schemas: a 2.0 schema is a 3.0 one but for `x-nullable`, `type: file`, a string
//! `discriminator` and the places its `$ref`s point at; and the schema a non-body
//! parameter, a header or a form field writes on itself (its value keywords).

use serde_yaml::{Mapping, Value};

use crate::diag::join;

use super::{key, reference, Converter};

/// The keywords of a 2.0 non-body parameter (and of a header and of `items`) that describe
/// its value: in 3.0 they are its `schema`.
pub(super) const VALUE_KEYWORDS: [&str; 18] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
    "x-sensitive",
];

impl Converter<'_> {
    /// A schema (a 2.0 schema is a 3.0 one but for `x-nullable`, `type: file`, a string
    /// `discriminator` and the places its references point at). Its members keep their
    /// places under it: the caller records where the schema itself moved.
    pub(super) fn schema(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        let mut file = false;
        for (k, v) in m {
            let Some(name) = k.as_str() else {
                out.insert(k.clone(), v.clone());
                continue;
            };
            let sub = |s: &str| (join(original, s), join(converted, s));
            let value = match name {
                "$ref" => reference(v),
                "x-nullable" => {
                    self.moved(&join(converted, "nullable"), &join(original, name));
                    out.insert(key("nullable"), v.clone());
                    continue;
                }
                "type" if v.as_str() == Some("file") => {
                    file = true;
                    key("string")
                }
                "discriminator" if v.is_string() => {
                    self.moved(&join(converted, name), &join(original, name));
                    Value::Mapping(Mapping::from_iter([(key("propertyName"), v.clone())]))
                }
                "properties" => {
                    let (o, c) = sub(name);
                    self.each(v, &o, &c, Self::schema)
                }
                "items" | "additionalProperties" | "not" if v.is_mapping() => {
                    let (o, c) = sub(name);
                    self.schema(v, &o, &c)
                }
                "allOf" | "anyOf" | "oneOf" | "items" if v.is_sequence() => {
                    let (o, c) = sub(name);
                    self.list(v, &o, &c)
                }
                _ => v.clone(),
            };
            out.insert(k.clone(), value);
        }
        if file {
            out.insert(key("format"), key("binary"));
        }
        Value::Mapping(out)
    }

    pub(super) fn list(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let items = value.as_sequence().into_iter().flatten().enumerate();
        let items = items.map(|(i, item)| self.schema(item, &join(original, &i.to_string()), &join(converted, &i.to_string())));
        Value::Sequence(items.collect())
    }

    /// The schema of a non-body parameter, a header or a form field: its value keywords
    /// (`type`, `items`, `enum`, ...), which 2.0 writes on the parameter itself.
    pub(super) fn value_schema(&mut self, node: &Mapping, original: &str, converted: &str) -> Value {
        self.moved(converted, original);
        let mut schema = Mapping::new();
        for keyword in VALUE_KEYWORDS {
            if let Some(v) = node.get(keyword) {
                schema.insert(key(keyword), v.clone());
            }
        }
        // Items nest, and their own `collectionFormat` is left out: 3.0 has no nested
        // styles (and 2.0 tools rarely write them).
        if node.get("items").and_then(|i| i.get("collectionFormat")).is_some() {
            self.warn(
                &join(&join(original, "items"), "collectionFormat"),
                "a `collectionFormat` of nested `items` has no OpenAPI 3 equivalent: the inner lists are sent as the outer style says".into(),
            );
        }
        self.schema(&Value::Mapping(schema), original, converted)
    }
}
