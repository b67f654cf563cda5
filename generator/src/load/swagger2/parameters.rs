//! Parameters: the document's (`components.parameters`), a path item's and an operation's;
//! `collectionFormat` -> `style` / `explode`; body and form ones followed to their node,
//! as they become the operation's request body (`bodies.rs`).

use serde_yaml::{Mapping, Value};

use crate::diag::join;

use super::schemas::VALUE_KEYWORDS;
use super::{key, reference, Converter};

/// A parameter of an operation after `$ref`s to the document's parameters are followed
/// (only for body and form ones; the others stay references).
pub(super) struct Param<'d> {
    pub(super) node: &'d Value,
    /// Its 2.0 pointer (in the operation, the path item, or the document's `parameters`).
    pub(super) at: String,
}

impl<'d> Param<'d> {
    pub(super) fn get(&self, name: &str) -> Option<&'d Value> {
        self.node.get(name)
    }
    pub(super) fn location(&self) -> Option<&'d str> {
        self.get("in").and_then(Value::as_str)
    }
    pub(super) fn name(&self) -> Option<&'d str> {
        self.get("name").and_then(Value::as_str)
    }
}

impl<'d> Converter<'d> {
    /// `components.parameters`: the document's non-body parameters (body and form ones are
    /// merged into the request bodies of the operations that use them).
    pub(super) fn global_parameters(&mut self, value: &Value) -> Value {
        self.moved("/components/parameters", "/parameters");
        let Some(members) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in members {
            let Some(name) = k.as_str() else { continue };
            if matches!(v.get("in").and_then(Value::as_str), Some("body" | "formData")) {
                continue;
            }
            let p = self.parameter(v, &join("/parameters", name), &join("/components/parameters", name));
            out.insert(k.clone(), p);
        }
        Value::Mapping(out)
    }

    /// A path, query or header parameter (or a `$ref` to one).
    pub(super) fn parameter(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        self.moved(converted, original);
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        let location = m.get("in").and_then(Value::as_str).unwrap_or("");
        for (k, v) in m {
            let Some(name) = k.as_str() else { continue };
            match name {
                "$ref" => {
                    out.insert(k.clone(), reference(v));
                }
                "collectionFormat" => {}
                _ if VALUE_KEYWORDS.contains(&name) => {}
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if m.contains_key("$ref") {
            return Value::Mapping(out);
        }
        if !m.contains_key("schema") {
            let schema = self.value_schema(m, original, &join(converted, "schema"));
            out.insert(key("schema"), schema);
        }
        let is_list = m.get("type").and_then(Value::as_str) == Some("array");
        if is_list {
            let format = m.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let at = join(original, "collectionFormat");
            if let Some((style, explode)) = self.style(location, format, &at) {
                out.insert(key("style"), key(style));
                out.insert(key("explode"), Value::Bool(explode));
                self.moved(&join(converted, "style"), &at);
                self.moved(&join(converted, "explode"), &at);
            }
        }
        Value::Mapping(out)
    }

    /// The 3.0 `style` and `explode` of a list parameter's `collectionFormat` (2.0's default
    /// is `csv`, where 3.0's query default explodes).
    pub(super) fn style(&mut self, location: &str, format: &str, at: &str) -> Option<(&'static str, bool)> {
        let query = matches!(location, "query" | "formData");
        let style = match (format, query) {
            ("csv", true) => ("form", false),
            ("multi", true) => ("form", true),
            ("ssv", true) => ("spaceDelimited", false),
            ("pipes", true) => ("pipeDelimited", false),
            ("csv", false) => ("simple", false),
            ("tsv", _) => {
                self.warn(at, "`collectionFormat: tsv` has no OpenAPI 3 style: the list is sent comma-separated (`csv`)".into());
                if query { ("form", false) } else { ("simple", false) }
            }
            (other, false) => {
                self.warn(
                    at,
                    format!("`collectionFormat: {other}` is not possible in the {location}, only `csv`: the list is sent comma-separated"),
                );
                ("simple", false)
            }
            (other, true) => {
                self.error(at, format!("`collectionFormat` is `{other}`: one of csv, ssv, tsv, pipes, multi"));
                return None;
            }
        };
        Some(style)
    }

    /// The parameters of a list, a `$ref` to a body or form parameter of the document
    /// followed (the others are converted as references).
    pub(super) fn resolved(&mut self, list: Option<&'d Value>, at: &str) -> Vec<Param<'d>> {
        let Some(items) = list.and_then(Value::as_sequence) else { return Vec::new() };
        let mut params = Vec::with_capacity(items.len());
        for (i, node) in items.iter().enumerate() {
            let own = Param { node, at: join(at, &i.to_string()) };
            let target = node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/parameters/"))
                .and_then(|name| {
                    let name = crate::diag::unescape_segment(name);
                    let target = self.parameters?.get(name.as_str())?;
                    let body = matches!(target.get("in").and_then(Value::as_str), Some("body" | "formData"));
                    body.then(|| Param { node: target, at: join("/parameters", &name) })
                });
            params.push(target.unwrap_or(own));
        }
        params
    }

    /// The non-body parameters of a list, converted, at 3.0 `converted` (each recorded at
    /// its 2.0 place, as the list loses the body ones); `None` when it is not a list.
    pub(super) fn non_body_list(&mut self, params: &[Param<'d>], converted: &str) -> Option<Value> {
        let mut out = Vec::new();
        for p in params.iter().filter(|p| !matches!(p.location(), Some("body" | "formData"))) {
            let at = join(converted, &out.len().to_string());
            out.push(self.parameter(p.node, &p.at, &at));
        }
        Some(Value::Sequence(out))
    }
}
