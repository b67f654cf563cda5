//! The type of a schema: a reference, a scalar, a list or map, or a named type defined in
//! place (an inline object, enum or union, named after where it is).

use super::ir::{unalias, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use super::refs::{key_in, Section};
use super::docs::with_constraints;
use super::enums::{int_enum_kind, int_enum_values, string_enum_values, wide_int_enum_value};
use super::Builder;
use crate::diag::join;
use crate::load::spec::{AdditionalProperties, Schema};
use super::names::type_name;

impl<'a> Builder<'a> {
    /// Defines the claimed type `id` from `schema`.
    pub(super) fn define(&mut self, id: TypeId, schema: &Schema, pointer: &str) {
        let name = self.slots[id.0].name.clone();
        let doc = schema
            .description
            .clone()
            .or_else(|| schema.title.clone())
            .or_else(|| super::objects::annotation_description(schema));
        let kind = if let Some(values) = string_enum_values(schema) {
            self.enum_kind(values, schema, pointer)
        } else if let Some(values) = int_enum_values(schema) {
            int_enum_kind(values)
        } else if schema.all_of.is_some() {
            self.all_of_kind(&name, schema, pointer)
        } else if schema.one_of.is_some() || schema.any_of.is_some() {
            self.union_kind(id, &name, schema, pointer)
        } else if several_kinds(schema) {
            self.kinds_union(schema, pointer, &name)
        } else if is_object_with_properties(schema) {
            TypeKind::Struct(self.fields(&name, schema, pointer, true))
        } else {
            TypeKind::Alias(self.type_of(schema, pointer, &name))
        };
        let doc = with_constraints(doc, schema);
        self.complete(id, doc, kind);
    }

    /// The type of a schema used in place; inline enums and objects are defined under `hint`.
    pub(super) fn type_of(&mut self, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        if schema.never {
            // A property that is `false` has no field (`fields`), a union member that is
            // adds nothing (`non_null`); anywhere else no Rust type would be of use.
            let message = "the boolean schema `false`: no value is valid here; the value is a \
                           serde_json::Value, which the server should never send or accept";
            self.warning(pointer, message.into());
            return TypeRef::Json;
        }
        self.warn_unmodelled(schema, pointer);
        if let Some(reference) = &schema.reference {
            let id = key_in(reference, Section::Schemas).and_then(|key| self.schema_ids.get(&key));
            return match id {
                Some(&id) => TypeRef::Named(id),
                None => {
                    self.unresolved(&join(pointer, "$ref"), reference, Section::Schemas);
                    TypeRef::Json
                }
            };
        }
        if let Some(members) = &schema.all_of {
            // `allOf: [X]`, or `X` with members that only annotate it: the type of `X`.
            if let Some(core) = self.all_of_core(schema) {
                return self.type_of(&members[core], &join(&join(pointer, "allOf"), &core.to_string()), hint);
            }
            return self.inline_named(schema, pointer, hint);
        }
        for (key, members) in [("oneOf", &schema.one_of), ("anyOf", &schema.any_of)] {
            if let Some(members) = members {
                let non_null: Vec<(usize, &Schema)> =
                    members.iter().enumerate().filter(|(_, m)| !is_null_type(m) && !m.never).collect();
                if let [(i, only)] = non_null.as_slice() {
                    return self.type_of(only, &join(&join(pointer, key), &i.to_string()), hint);
                }
                return self.inline_named(schema, pointer, hint);
            }
        }
        let kinds = match self.kinds(schema, pointer) {
            Some(kinds) => kinds,
            None => return TypeRef::Json,
        };
        if string_enum_values(schema).is_some() || int_enum_values(schema).is_some() {
            return self.inline_named(schema, pointer, hint);
        }
        if let Some(value) = wide_int_enum_value(schema) {
            let message = format!(
                "the integer enum value `{value}` does not fit an `i64`, which an integer enum's \
                 values are: the type is a plain integer, with the values listed in its docs"
            );
            self.warning(&join(pointer, "enum"), message);
        }
        if let Some(value) = &schema.const_value {
            if kinds.is_empty() {
                return match value {
                    serde_yaml::Value::Bool(_) => TypeRef::Bool,
                    serde_yaml::Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef::I64,
                    serde_yaml::Value::Number(_) => TypeRef::F64,
                    _ => TypeRef::Json,
                };
            }
        }
        match kinds.as_slice() {
            [] if is_object_with_properties(schema) => self.inline_named(schema, pointer, hint),
            [] => TypeRef::Json,
            [kind] => self.kind_type(kind, schema, pointer, hint),
            // Several types (3.1 `type: [string, integer]`): an untagged enum of them.
            _ => self.inline_named(schema, pointer, hint),
        }
    }

    /// 3.1 keywords read as if absent, each with a located warning.
    fn warn_unmodelled(&mut self, schema: &Schema, pointer: &str) {
        for (present, keyword, fallback) in [
            (schema.prefix_items.is_some(), "prefixItems", "the list's items are typed by `items` alone"),
            (schema.unevaluated_properties.is_some(), "unevaluatedProperties", "other members are neither refused nor typed"),
            (schema.dependent_required.is_some(), "dependentRequired", "the members it makes required stay optional"),
        ] {
            if present {
                self.warning(&join(pointer, keyword), format!("`{keyword}` is not supported yet; read as if absent: {fallback}"));
            }
        }
    }

    /// The type of a schema of the one JSON type `kind`.
    fn kind_type(&mut self, kind: &str, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        match kind {
            "string" if schema.content_encoding.as_deref() == Some("base64") => TypeRef::Base64,
            "string" => match schema.format.as_deref() {
                Some("date-time") => TypeRef::DateTime,
                Some("date") => TypeRef::Date,
                Some("byte") => TypeRef::Base64,
                Some("binary") => TypeRef::Binary,
                _ => TypeRef::String,
            },
            "boolean" => TypeRef::Bool,
            "number" | "integer" if schema.format.as_deref() == Some("epoch-seconds") => {
                TypeRef::Timestamp
            }
            "integer" => match schema.format.as_deref() {
                Some("int32") => TypeRef::I32,
                _ => TypeRef::I64,
            },
            "number" => match schema.format.as_deref() {
                Some("float") => TypeRef::F32,
                _ => TypeRef::F64,
            },
            "array" => match &schema.items {
                Some(items) => {
                    let item_hint = format!("{hint}Item");
                    TypeRef::List(Box::new(self.type_of(items, &join(pointer, "items"), &item_hint)))
                }
                None => {
                    self.warning(
                        pointer,
                        "array without `items`: its items are serde_json::Value".into(),
                    );
                    TypeRef::List(Box::new(TypeRef::Json))
                }
            },
            "object" if is_object_with_properties(schema) => {
                self.inline_named(schema, pointer, hint)
            }
            "object" => match &schema.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let value_hint = format!("{hint}Value");
                    let pointer = join(pointer, "additionalProperties");
                    TypeRef::Map(Box::new(self.type_of(values, &pointer, &value_hint)))
                }
                _ => TypeRef::Json,
            },
            _ => TypeRef::Json,
        }
    }

    /// `type: [string, integer, ...]`: an untagged enum with a variant per type, tried in an
    /// order where no variant takes another's values (integers before numbers, a JSON
    /// object last: it is a `serde_json::Value` map). `null` among them is the `Option`
    /// around it, decided where it is used.
    fn kinds_union(&mut self, schema: &Schema, pointer: &str, name: &str) -> TypeKind {
        let kinds = self.kinds(schema, pointer).unwrap_or_default();
        let mut variants = Vec::new();
        for kind in ["boolean", "integer", "number", "string", "array", "object"] {
            if !kinds.contains(&kind) {
                continue;
            }
            let ty = match kind {
                // An object with properties among other types would name a struct after the
                // union; its members are read as a map.
                "object" => match &schema.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        let at = join(pointer, "additionalProperties");
                        TypeRef::Map(Box::new(self.type_of(values, &at, &format!("{name}Value"))))
                    }
                    _ => TypeRef::Map(Box::new(TypeRef::Json)),
                },
                _ => self.kind_type(kind, schema, pointer, name),
            };
            let rust_name = super::unions::kind_word(&ty).to_owned();
            variants.push(UnionVariant { rust_name, ty, tag: None, boxed: false });
        }
        let from_scalars = super::unions::scalar_froms(&variants);
        TypeKind::Union(Union { variants, discriminator: None, from_scalars })
    }

    /// Whether a property may be `null`: by its own schema, or by the schema its `$ref`
    /// names (followed through further `$ref`s).
    pub(super) fn is_nullable_prop(&self, prop: &Schema) -> bool {
        let mut schema = prop;
        for _ in 0..8 {
            if is_nullable(schema) {
                return true;
            }
            match self.schema_target(schema) {
                Some(t) => schema = t,
                None => return false,
            }
        }
        false
    }

    /// `x-sensitive` on the schema itself or on the schema it refers to.
    pub(super) fn is_sensitive(&self, schema: &Schema) -> bool {
        schema.x_sensitive || self.schema_target(schema).is_some_and(|target| target.x_sensitive)
    }

    /// A type defined in place (an inline object, enum or union), named after `hint`. Named
    /// once per place in the spec: an `allOf` that merges a component's properties reuses
    /// the types the component's own definition made.
    fn inline_named(&mut self, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        if let Some(&id) = self.inline_ids.get(pointer) {
            return TypeRef::Named(id);
        }
        let id = self.claim_numbered(type_name(hint), pointer);
        self.inline_ids.insert(pointer.to_owned(), id);
        self.define(id, schema, pointer);
        TypeRef::Named(id)
    }

    /// `ty` with aliases followed, over the types defined so far.
    pub(super) fn unalias<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        unalias(ty, |id| self.defined(id))
    }

    /// A value that is one query, header, path or text-part string (its type has a
    /// `Display`): a scalar, an enum, or an alias of one.
    pub(super) fn is_scalar(&self, ty: &TypeRef) -> bool {
        match self.unalias(ty) {
            TypeRef::String
            | TypeRef::Timestamp
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::DateTime
            | TypeRef::Date
            | TypeRef::Base64 => true,
            TypeRef::Named(id) => matches!(
                self.defined(*id).map(|t| &t.kind),
                Some(TypeKind::Enum { .. } | TypeKind::IntEnum { .. })
            ),
            _ => false,
        }
    }

    /// An untagged union whose members are all scalars (`oneOf: [integer, string]`), through
    /// aliases: its value is one scalar at run time, so a list of them is a list of scalars
    /// to the runtime's styles.
    pub(super) fn is_scalar_union(&self, ty: &TypeRef) -> bool {
        match self.unalias(ty) {
            TypeRef::Named(id) => match self.defined(*id).map(|t| &t.kind) {
                Some(TypeKind::Union(u)) => {
                    u.discriminator.is_none() && !u.variants.is_empty() && u.variants.iter().all(|v| self.is_scalar(&v.ty))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// A struct or map (what `deepObject` and multipart can write), through aliases.
    pub(super) fn is_object(&self, ty: &TypeRef) -> bool {
        match self.unalias(ty) {
            TypeRef::Map(_) => true,
            TypeRef::Named(id) => matches!(self.defined(*id).map(|t| &t.kind), Some(TypeKind::Struct(_))),
            _ => false,
        }
    }

    /// The schema's type names without `null`, checked; `None` after an error.
    fn kinds<'s>(&mut self, schema: &'s Schema, pointer: &str) -> Option<Vec<&'s str>> {
        let Some(kind) = &schema.kind else {
            return Some(Vec::new());
        };
        let mut kinds = Vec::new();
        for name in &kind.0 {
            match name.as_str() {
                "null" => {}
                "string" | "integer" | "number" | "boolean" | "array" | "object" => {
                    kinds.push(name.as_str())
                }
                other => {
                    self.error(
                        &join(pointer, "type"),
                        format!(
                            "unknown type `{other}`: use one of string, integer, number, \
                             boolean, array, object"
                        ),
                    );
                    return None;
                }
            }
        }
        Some(kinds)
    }
}

pub(super) fn is_object_with_properties(schema: &Schema) -> bool {
    schema.properties.as_ref().is_some_and(|p| !p.is_empty())
        && schema.kind.as_ref().is_none_or(|k| k.0.iter().any(|t| t == "object"))
}

/// Several JSON types besides `null` (3.1 `type: [string, integer]`).
fn several_kinds(schema: &Schema) -> bool {
    schema.kind.as_ref().is_some_and(|k| k.0.iter().filter(|t| *t != "null").count() > 1)
}

/// A schema that only annotates (docs, constraints, `nullable`, `readOnly`, `default`,
/// `xml`, `example`...): it says nothing of the value's shape. The `allOf` member converters
/// add beside a `$ref` to document it.
pub(super) fn is_annotation(schema: &Schema) -> bool {
    schema.reference.is_none()
        && schema.kind.is_none()
        && schema.properties.is_none()
        && schema.items.is_none()
        && schema.additional_properties.is_none()
        && schema.enumeration.is_none()
        && schema.const_value.is_none()
        && schema.all_of.is_none()
        && schema.one_of.is_none()
        && schema.any_of.is_none()
        && schema.discriminator.is_none()
        && schema.format.is_none()
        // `required: [..]` beside a `$ref` makes members of the referenced type required: a
        // new struct, merged as an object part, not an annotation of the same type.
        && schema.required.is_empty()
}

/// A schema of one scalar JSON type and nothing that shapes it more than constraints do
/// (`{type: string, maxLength: 5}`): `allOf` members of this kind narrow one scalar.
pub(super) fn plain_scalar_kind(schema: &Schema) -> Option<&str> {
    let [kind] = schema.kind.as_ref()?.0.as_slice() else { return None };
    let scalar = matches!(kind.as_str(), "string" | "integer" | "number" | "boolean");
    let shaped = schema.reference.is_some()
        || schema.properties.is_some()
        || schema.enumeration.is_some()
        || schema.const_value.is_some()
        || schema.all_of.is_some()
        || schema.one_of.is_some()
        || schema.any_of.is_some();
    (scalar && !shaped).then_some(kind.as_str())
}

fn is_nullable_31(schema: &Schema) -> bool {
    schema.kind.as_ref().is_some_and(|k| k.0.iter().any(|t| t == "null"))
}

/// `null` allowed: 3.0 `nullable`, 3.1 `type: [.., "null"]`, or a `null` member of a
/// `oneOf` / `anyOf`.
pub(super) fn is_nullable(schema: &Schema) -> bool {
    schema.nullable
        || is_nullable_31(schema)
        // `allOf: [{$ref: X}, {nullable: true}]`: a member that annotates says so too.
        || schema.all_of.iter().flatten().any(|m| is_annotation(m) && m.nullable)
        || [&schema.one_of, &schema.any_of]
            .into_iter()
            .flatten()
            .any(|members| members.iter().any(is_null_type))
}

/// `{type: "null"}` (3.1) or `{nullable: true}` with nothing else: the member a nullable
/// union adds.
pub(super) fn is_null_type(schema: &Schema) -> bool {
    schema.reference.is_none()
        && schema.kind.as_ref().is_some_and(|k| k.0.iter().all(|t| t == "null"))
        || (schema.nullable && schema.kind.is_none() && schema.reference.is_none() && schema.properties.is_none()
            && schema.enumeration.is_none() && schema.all_of.is_none() && schema.one_of.is_none() && schema.any_of.is_none())
}
