//! Schemas: the component schema of each structure (its members) and string enum, the inline
//! schema of every other shape where a member uses it, and the checks on shapes (kinds that
//! cannot be imported, required members that do not exist).

use serde_yaml::{Mapping, Value};

use super::botocore::{Member, Shape};
use super::{deprecation_note, docs, key, put, schema_ref, with_note, Importer};
use crate::extensions::{X_AWS_IDEMPOTENCY_TOKEN, X_SENSITIVE};

/// Where a value travels: the timestamp format defaults differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Loc {
    Body,
    Path,
    Query,
    Header,
}

impl<'m> Importer<'m> {
    pub(super) fn shape(&self, name: &str, used_by: &str) -> Result<&'m Shape, String> {
        let shape = self.model.shapes.get(name).ok_or_else(|| {
            format!("shape `{name}` (used by {used_by}) is not defined in the model's `shapes`")
        })?;
        let unsupported = if shape.union {
            Some("a union (exactly one member set), which OpenAPI schemas here cannot express")
        } else if shape.document {
            Some("a document (untyped JSON)")
        } else if shape.eventstream || shape.event {
            Some("an event stream")
        } else if shape.streaming {
            Some("a streaming body")
        } else {
            None
        };
        if let Some(what) = unsupported {
            return Err(format!(
                "shape `{name}` (used by {used_by}) is {what}: not supported"
            ));
        }
        if let Some(payload) = &shape.payload {
            return Err(format!(
                "shape `{name}` (used by {used_by}) sends its member `{payload}` as the whole \
                 HTTP body (`payload`): not supported"
            ));
        }
        Ok(shape)
    }

    pub(super) fn check_required(&self, name: &str, shape: &Shape) -> Result<(), String> {
        for required in &shape.required {
            if !shape.members.contains_key(required) {
                return Err(format!(
                    "shape `{name}` lists `{required}` as required, but has no such member"
                ));
            }
        }
        Ok(())
    }

    /// Adds the component schema of structure `name` if it is not there yet. `top_level`: the
    /// input, output or an error of an operation, whose members bound to HTTP are left out.
    pub(super) fn component(&mut self, name: &str, top_level: bool, used_by: &str) -> Result<(), String> {
        if !top_level && self.split.contains(name) {
            return Err(format!(
                "shape `{name}` is used by {used_by} as a nested structure, but it is also the \
                 input, output or error of an operation with members bound to HTTP: one schema \
                 cannot be both; not supported"
            ));
        }
        if self.schemas.contains_key(name) {
            return Ok(());
        }
        let shape = self.shape(name, used_by)?;
        self.check_required(name, shape)?;
        // Reserve the place first: the order is that of first reach, and recursion ends here.
        put(&mut self.schemas, name, Value::Null);
        let mut schema = Mapping::new();
        put(&mut schema, "type", "object");
        let mut description = docs(shape.documentation.as_deref());
        if shape.deprecated {
            description = Some(with_note(
                description,
                &deprecation_note(shape.deprecated_message.as_deref()),
            ));
        }
        if let Some(d) = description {
            put(&mut schema, "description", d);
        }
        let mut required = Vec::new();
        let mut properties = Mapping::new();
        for (member_name, member) in &shape.members {
            if top_level && member.location.is_some() {
                continue;
            }
            let at = format!("member `{name}.{member_name}`");
            if member.jsonvalue || member.streaming {
                return Err(format!(
                    "{at}: a JSON-valued or streaming member is not supported"
                ));
            }
            let wire = member
                .location_name
                .clone()
                .unwrap_or_else(|| member_name.clone());
            if properties.contains_key(wire.as_str()) {
                return Err(format!(
                    "{at}: another member of `{name}` is also named `{wire}` in JSON"
                ));
            }
            let target = member
                .shape
                .as_deref()
                .ok_or_else(|| format!("{at} names no shape"))?;
            let target_shape = self.shape(target, &at)?;
            // A `$ref` is described by its target; other schemas fall back to the target's docs.
            let is_ref = matches!(target_shape.kind.as_deref(), Some("structure"))
                || target_shape.enumeration.is_some();
            let mut doc = docs(member.documentation.as_deref());
            if doc.is_none() && !is_ref {
                doc = docs(target_shape.documentation.as_deref());
            }
            if member.deprecated {
                doc = Some(with_note(
                    doc,
                    &deprecation_note(member.deprecated_message.as_deref()),
                ));
            }
            let mut property = self.member_schema(target, Some(member), doc, Loc::Body, &at)?;
            if member.idempotency_token {
                put(&mut property, X_AWS_IDEMPOTENCY_TOKEN, true);
            }
            if shape.required.contains(member_name) {
                required.push(Value::String(wire.clone()));
            }
            properties.insert(Value::String(wire), Value::Mapping(property));
        }
        if !required.is_empty() {
            put(&mut schema, "required", required);
        }
        if !properties.is_empty() {
            put(&mut schema, "properties", properties);
        }
        put(&mut self.schemas, name, schema);
        Ok(())
    }

    /// The schema of a value of shape `target`, used through `member` (whose traits apply).
    pub(super) fn member_schema(
        &mut self,
        target: &str,
        member: Option<&Member>,
        description: Option<String>,
        loc: Loc,
        at: &str,
    ) -> Result<Mapping, String> {
        let shape = self.shape(target, at)?;
        let kind = shape
            .kind
            .as_deref()
            .ok_or_else(|| format!("shape `{target}` (used by {at}) has no `type`"))?;
        let mut s = Mapping::new();
        let describe = |s: &mut Mapping, description: Option<String>| {
            if let Some(d) = description {
                put(s, "description", d);
            }
        };
        let number = |s: &mut Mapping, k: &str, n: &Option<serde_json::Number>| {
            if let Some(n) = n {
                s.insert(key(k), yaml_number(n));
            }
        };
        match kind {
            "structure" => {
                self.component(target, false, at)?;
                put(&mut s, "$ref", schema_ref(target));
                describe(&mut s, description);
            }
            "string" if shape.enumeration.is_some() => {
                self.enum_component(target, shape);
                put(&mut s, "$ref", schema_ref(target));
                describe(&mut s, description);
            }
            "string" => {
                put(&mut s, "type", "string");
                describe(&mut s, description);
                number(&mut s, "minLength", &shape.min);
                number(&mut s, "maxLength", &shape.max);
                if let Some(p) = &shape.pattern {
                    put(&mut s, "pattern", p.clone());
                }
            }
            "integer" | "long" => {
                put(&mut s, "type", "integer");
                put(
                    &mut s,
                    "format",
                    if kind == "integer" { "int32" } else { "int64" },
                );
                describe(&mut s, description);
                number(&mut s, "minimum", &shape.min);
                number(&mut s, "maximum", &shape.max);
            }
            "double" | "float" => {
                put(&mut s, "type", "number");
                put(&mut s, "format", kind);
                describe(&mut s, description);
                number(&mut s, "minimum", &shape.min);
                number(&mut s, "maximum", &shape.max);
            }
            "boolean" => {
                put(&mut s, "type", "boolean");
                describe(&mut s, description);
            }
            "timestamp" => {
                let format = member
                    .and_then(|m| m.timestamp_format.as_deref())
                    .or(shape.timestamp_format.as_deref())
                    .unwrap_or(match loc {
                        // The rest-json defaults.
                        Loc::Body => "unixTimestamp",
                        Loc::Path | Loc::Query => "iso8601",
                        Loc::Header => "rfc822",
                    });
                match (format, loc) {
                    ("unixTimestamp", _) => {
                        put(&mut s, "type", "number");
                        put(&mut s, "format", "epoch-seconds");
                    }
                    (other, Loc::Body) => {
                        return Err(format!(
                            "{at}: timestamp `{target}` has the format `{other}` in a JSON body; \
                             only unixTimestamp (epoch seconds) is supported there"
                        ))
                    }
                    ("iso8601", _) => {
                        put(&mut s, "type", "string");
                        put(&mut s, "format", "date-time");
                    }
                    ("rfc822", _) => {
                        put(&mut s, "type", "string");
                        put(&mut s, "format", "http-date");
                    }
                    (other, _) => {
                        return Err(format!(
                            "{at}: timestamp `{target}` has an unknown format `{other}`"
                        ))
                    }
                }
                describe(&mut s, description);
            }
            "blob" => {
                put(&mut s, "type", "string");
                put(&mut s, "format", "byte");
                describe(&mut s, description);
            }
            "list" => {
                let item = shape.member.as_ref().ok_or_else(|| {
                    format!("list shape `{target}` (used by {at}) has no `member`")
                })?;
                let item_target = item
                    .shape
                    .as_deref()
                    .ok_or_else(|| format!("list shape `{target}` names no item shape"))?;
                put(&mut s, "type", "array");
                describe(&mut s, description);
                number(&mut s, "minItems", &shape.min);
                number(&mut s, "maxItems", &shape.max);
                let items = self.member_schema(
                    item_target,
                    Some(item),
                    None,
                    loc,
                    &format!("the items of list `{target}`"),
                )?;
                put(&mut s, "items", items);
            }
            "map" => {
                let value = shape
                    .value
                    .as_ref()
                    .ok_or_else(|| format!("map shape `{target}` (used by {at}) has no `value`"))?;
                let value_target = value
                    .shape
                    .as_deref()
                    .ok_or_else(|| format!("map shape `{target}` names no value shape"))?;
                put(&mut s, "type", "object");
                describe(&mut s, description);
                number(&mut s, "minProperties", &shape.min);
                number(&mut s, "maxProperties", &shape.max);
                let values = self.member_schema(
                    value_target,
                    Some(value),
                    None,
                    loc,
                    &format!("the values of map `{target}`"),
                )?;
                put(&mut s, "additionalProperties", values);
            }
            other => {
                return Err(format!(
                    "shape `{target}` (used by {at}) has the type `{other}`, which is not supported"
                ))
            }
        }
        if shape.sensitive || member.is_some_and(|m| m.sensitive) {
            put(&mut s, X_SENSITIVE, true);
        }
        Ok(s)
    }

    fn enum_component(&mut self, name: &str, shape: &Shape) {
        if self.schemas.contains_key(name) {
            return;
        }
        let mut schema = Mapping::new();
        put(&mut schema, "type", "string");
        if let Some(d) = docs(shape.documentation.as_deref()) {
            put(&mut schema, "description", d);
        }
        let values: Vec<Value> = shape
            .enumeration
            .iter()
            .flatten()
            .map(|v| Value::String(v.clone()))
            .collect();
        put(&mut schema, "enum", values);
        put(&mut self.schemas, name, schema);
    }
}

fn yaml_number(n: &serde_json::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::from(i)
    } else if let Some(u) = n.as_u64() {
        Value::from(u)
    } else {
        Value::from(n.as_f64().unwrap_or(0.0))
    }
}
