//! Responses: the `schema` in each media type of `produces`, headers' value keywords as their schemas.

use serde_yaml::{Mapping, Value};

use crate::diag::join;

use super::schemas::VALUE_KEYWORDS;
use super::{key, reference, Converter};

impl Converter<'_> {
    /// A response (or a `$ref` to one): its `schema` in each media type of `produces`, its
    /// headers' value keywords as their schemas.
    pub(super) fn response(&mut self, value: &Value, original: &str, converted: &str, produces: &[String]) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in m {
            let Some(name) = k.as_str() else { continue };
            match name {
                "$ref" => {
                    out.insert(k.clone(), reference(v));
                }
                // Examples by media type: not read by the generator.
                "schema" | "examples" => {}
                "headers" => {
                    let (o, c) = (join(original, name), join(converted, name));
                    let headers = self.each(v, &o, &c, |c, v, o, at| c.header(v, o, at));
                    out.insert(k.clone(), headers);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(schema) = m.get("schema") {
            let content = self.content(schema, &join(original, "schema"), converted, produces);
            out.insert(key("content"), content);
        }
        Value::Mapping(out)
    }

    pub(super) fn header(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in m {
            match k.as_str() {
                Some(name) if VALUE_KEYWORDS.contains(&name) || name == "collectionFormat" => {}
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        let schema = self.value_schema(m, original, &join(converted, "schema"));
        out.insert(key("schema"), schema);
        Value::Mapping(out)
    }
}
