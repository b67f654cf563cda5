//! Objects: a struct's fields from `properties` (and `additionalProperties` beside them),
//! and `allOf`, merged into one struct.

use std::collections::{HashMap, HashSet};

use super::docs::{append, with_constraints};
use super::ir::{Field, Presence, TypeKind, TypeRef};
use super::naming::Namespace;
use super::refs::{key_in, Section};
use super::schemas::{is_annotation, is_object_with_properties, plain_scalar_kind};
use super::Builder;
use crate::diag::join;
use crate::load::spec::{AdditionalProperties, Schema};
use super::names::{member_name, type_name};

/// An object schema an `allOf` merges, and the type its inline members are named after.
struct Part<'s> {
    owner: String,
    schema: &'s Schema,
    pointer: String,
}

impl<'a> Builder<'a> {
    /// The member whose type an `allOf` is, when it merges nothing: `allOf: [X]`; `X` (a `$ref`
    /// or any schema) beside members that only annotate it or narrow a scalar
    /// (`[{$ref: Name}, {description: .., xml: ..}]`, how converters document a reference);
    /// or members that are all scalars of one type (`[{type: string}, {maxLength: 5}]`), the
    /// first of them. Their docs and constraints go to the docs (`docs::with_constraints`).
    /// `None` when the members are objects to merge (or there is nothing but annotations).
    pub(super) fn all_of_core(&self, schema: &Schema) -> Option<usize> {
        let members = schema.all_of.as_deref()?;
        if is_object_with_properties(schema) {
            return None;
        }
        let mut shaped = None;
        let mut scalar: Option<(usize, &str)> = None;
        for (i, member) in members.iter().enumerate() {
            if is_annotation(member) {
                continue;
            }
            match plain_scalar_kind(member) {
                Some(kind) => match scalar {
                    Some((_, first)) if first != kind => return None,
                    Some(_) => {}
                    None => scalar = Some((i, kind)),
                },
                None if shaped.is_some() => return None,
                None => shaped = Some(i),
            }
        }
        // A shaped member (a `$ref`, an object) with scalar ones: the scalars only narrow it
        // when it is a `$ref` to that scalar type; beside an object, `{type: string}` is no value.
        let refers_to = |member: &Schema, kind: &str| {
            self.schema_target(member).and_then(|t| t.kind.as_ref()).is_some_and(|k| k.0.iter().any(|t| t == kind))
        };
        match (shaped, scalar) {
            (Some(i), None) => Some(i),
            (Some(i), Some((_, kind))) if refers_to(&members[i], kind) => Some(i),
            (None, Some((i, _))) => Some(i),
            _ if members.len() == 1 => Some(0),
            _ => None,
        }
    }

    /// `allOf`: one struct with the properties of every member, later members refining
    /// earlier ones; `allOf` of a single member and nothing else is that member.
    pub(super) fn all_of_kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> TypeKind {
        let members = schema.all_of.as_deref().unwrap_or_default();
        if let Some(core) = self.all_of_core(schema) {
            return TypeKind::Alias(self.type_of(&members[core], &join(&join(pointer, "allOf"), &core.to_string()), name));
        }
        let mut parts = Vec::new();
        if !self.object_parts(name, schema, pointer, 0, &mut parts) {
            return TypeKind::Alias(TypeRef::Json);
        }
        let mut fields: Vec<Field> = Vec::new();
        // Where each field was last defined, for its `nullable`.
        let mut defined_in: Vec<usize> = Vec::new();
        // Wire name -> its place in `fields` (a scan per property would be quadratic).
        let mut position: HashMap<String, usize> = HashMap::new();
        for (i, part) in parts.iter().enumerate() {
            for field in self.fields(&part.owner, part.schema, &part.pointer, false) {
                match position.get(&field.wire_name) {
                    Some(&at) => {
                        fields[at] = Field { rust_name: std::mem::take(&mut fields[at].rust_name), ..field };
                        defined_in[at] = i;
                    }
                    None => {
                        position.insert(field.wire_name.clone(), fields.len());
                        fields.push(field);
                        defined_in.push(i);
                    }
                }
            }
        }
        self.dedupe_field_names(&mut fields, pointer);
        let required: Vec<&String> = parts.iter().flat_map(|p| &p.schema.required).collect();
        let required_set: HashSet<&str> = required.iter().map(|r| r.as_str()).collect();
        for (field, &i) in fields.iter_mut().zip(&defined_in) {
            let nullable = parts[i]
                .schema
                .properties
                .as_ref()
                .and_then(|p| p.get(&field.wire_name))
                .is_some_and(|p| self.is_nullable_prop(p));
            // `fields` decided the presence with its own part's `required` only.
            let listed = required_set.contains(field.wire_name.as_str());
            if listed && field.presence != Presence::Flattened {
                field.presence = if nullable { Presence::RequiredNullable } else { Presence::Required };
            }
        }
        for name in required {
            if !position.contains_key(name) {
                self.warning(
                    &join(pointer, "allOf"),
                    format!("`{name}` is listed as required but no member has the property; ignored"),
                );
            }
        }
        TypeKind::Struct(fields)
    }

    /// The object schemas an `allOf` merges, `$ref`s and nested `allOf`s followed; `false`
    /// (after a warning) when a member is not an object.
    fn object_parts<'s>(
        &mut self,
        owner: &str,
        schema: &'s Schema,
        pointer: &str,
        depth: usize,
        parts: &mut Vec<Part<'s>>,
    ) -> bool
    where
        'a: 's,
    {
        if depth > 16 {
            self.warning(pointer, "`allOf` members refer to each other in a cycle; this value is a serde_json::Value".into());
            return false;
        }
        // A part with only `required: [..]` adds no field but makes merged ones required.
        if schema.properties.is_some() || !schema.required.is_empty() {
            parts.push(Part { owner: owner.to_owned(), schema, pointer: pointer.to_owned() });
        }
        for (i, member) in schema.all_of.iter().flatten().enumerate() {
            let at = join(&join(pointer, "allOf"), &i.to_string());
            let (owner, member, at) = match &member.reference {
                Some(reference) => {
                    let doc = self.doc;
                    let key = key_in(reference, Section::Schemas);
                    let target = key.as_ref().and_then(|k| Some((k, doc.components.schemas.get(k)?, self.schema_ids.get(k)?)));
                    match target {
                        Some((key, target, &id)) => (self.slots[id.0].name.clone(), target, join("/components/schemas", key)),
                        None => {
                            self.unresolved(&join(&at, "$ref"), reference, Section::Schemas);
                            return false;
                        }
                    }
                }
                None => (owner.to_owned(), member, at),
            };
            let is_object = member.all_of.is_some()
                || member.properties.is_some()
                || (member.enumeration.is_none()
                    && member.one_of.is_none()
                    && member.any_of.is_none()
                    && member.kind.as_ref().is_none_or(|k| k.0.iter().all(|t| t == "object")));
            if !is_object {
                self.warning(
                    &at,
                    "an `allOf` member that is not an object cannot be merged yet; this value is a serde_json::Value".into(),
                );
                return false;
            }
            if member.all_of.is_some() {
                if !self.object_parts(&owner, member, &at, depth + 1, parts) {
                    return false;
                }
            } else if member.properties.is_some() || !member.required.is_empty() {
                parts.push(Part { owner, schema: member, pointer: at });
            }
        }
        true
    }

    pub(super) fn fields(&mut self, struct_name: &str, schema: &Schema, pointer: &str, check_required: bool) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let properties = schema.properties.as_ref();
        let required: HashSet<&str> = schema.required.iter().map(String::as_str).collect();
        for (wire, prop) in properties.into_iter().flatten() {
            let prop_pointer = join(&join(pointer, "properties"), wire);
            if prop.never {
                // No value is valid: the member must be absent, so the type has no field for
                // it (a value that has one is still read, as any unknown member is).
                let required_too = if required.contains(wire.as_str()) {
                    "; it is also `required`, so no object is valid: check the schema"
                } else {
                    ""
                };
                let message = format!(
                    "`{wire}` has the boolean schema `false` (no value is valid): the member must be \
                     absent, and the type has no field for it{required_too}"
                );
                self.warning(&prop_pointer, message);
                continue;
            }
            let rust_name = member_name(wire);
            let hint = format!("{struct_name}{}", type_name(wire));
            let ty = self.type_of(prop, &prop_pointer, &hint);
            let nullable = self.is_nullable_prop(prop);
            let listed = required.contains(wire.as_str());
            let presence = if listed && nullable {
                Presence::RequiredNullable
            } else if listed {
                Presence::Required
            } else if ty == TypeRef::Bool && matches!(prop.default, Some(serde_yaml::Value::Bool(false))) {
                Presence::DefaultFalse
            } else {
                Presence::Optional
            };
            // A `$ref` without a description of its own is described by its target.
            // So is an `allOf` whose other members only annotate a `$ref`: theirs come first.
            let core = self.all_of_core(prop).and_then(|i| prop.all_of.as_ref()?.get(i)).unwrap_or(prop);
            let mut doc = prop
                .description
                .clone()
                .or_else(|| annotation_description(prop))
                .or_else(|| self.schema_target(core)?.description.clone());
            if prop.read_only || prop.all_of.iter().flatten().any(|m| is_annotation(m) && m.read_only) {
                doc = Some(append(doc, "Read-only: sent by the server, ignored in requests."));
            }
            let sensitive = self.is_sensitive(prop);
            let query = self.member_query_names(wire, prop);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name,
                ty,
                presence,
                sensitive,
                boxed: false,
                doc: with_constraints(doc, prop),
                accessors: Default::default(),
                query,
            });
        }
        // Properties and `additionalProperties` together: the other members in a map.
        let others = match &schema.additional_properties {
            Some(AdditionalProperties::Schema(values)) if properties.is_some_and(|p| !p.is_empty()) => {
                let at = join(pointer, "additionalProperties");
                Some(self.type_of(values, &at, &format!("{struct_name}Value")))
            }
            Some(AdditionalProperties::Allowed(true)) if properties.is_some_and(|p| !p.is_empty()) => Some(TypeRef::Json),
            _ => None,
        };
        if let Some(values) = others {
            fields.push(Field {
                wire_name: "additionalProperties".to_owned(),
                rust_name: "additional_properties".to_owned(),
                ty: TypeRef::Map(Box::new(values)),
                presence: Presence::Flattened,
                sensitive: false,
                boxed: false,
                doc: Some("The members not listed among the properties (`additionalProperties`).".to_owned()),
                accessors: Default::default(),
                query: None,
            });
        }
        if check_required {
            self.dedupe_field_names(&mut fields, pointer);
            for name in &schema.required {
                if !properties.is_some_and(|p| p.contains_key(name)) {
                    self.warning(
                        &join(pointer, "required"),
                        format!("`{name}` is listed as required but is not a property; ignored"),
                    );
                }
            }
        }
        fields
    }

    /// The rename policy for properties whose Rust names collide (`fooBar`, `foo_bar`): the
    /// first in spec order keeps the name, the next get `_2`, `_3`, ... with a warning.
    fn dedupe_field_names(&mut self, fields: &mut [Field], pointer: &str) {
        // Every name is taken from the start: a renamed field never takes a later one's.
        let mut names = Namespace::default();
        for f in fields.iter() {
            names.insert(f.rust_name.clone());
        }
        // Rust name -> the wire name of the first field that has it.
        let mut first: HashMap<String, String> = HashMap::new();
        for field in fields.iter_mut() {
            if let Some(first) = first.get(&field.rust_name) {
                let base = std::mem::take(&mut field.rust_name);
                field.rust_name = names.claim(&base, "_");
                let wire = &field.wire_name;
                let message = format!(
                    "properties `{first}` and `{wire}` both become the Rust field `{base}`; `{wire}` is the field `{}`",
                    field.rust_name
                );
                self.warning(&join(&join(pointer, "properties"), wire), message);
            }
            first.entry(field.rust_name.clone()).or_insert_with(|| field.wire_name.clone());
        }
    }
}

/// The description an `allOf` member that only annotates gives (the first that has one).
pub(super) fn annotation_description(schema: &Schema) -> Option<String> {
    schema.all_of.iter().flatten().filter(|m| is_annotation(m)).find_map(|m| m.description.clone().or_else(|| m.title.clone()))
}
