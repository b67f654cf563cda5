//! `oneOf` / `anyOf`: an enum of the members, discriminated or untagged.

use std::collections::{HashMap, HashSet};

use super::ir::{Discriminator, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use super::naming::{fallback_name, Namespace, UNION_FALLBACKS};
use super::refs::{key_in, mapping_target, Section};
use super::schemas::is_null_type;
use super::Builder;
use crate::diag::join;
use crate::load::spec::Schema;
use super::names::type_name;

impl<'a> Builder<'a> {
    /// `oneOf` / `anyOf`: an enum of the members; `[X, {type: null}]` is an optional X.
    pub(super) fn union_kind(&mut self, id: TypeId, name: &str, schema: &Schema, pointer: &str) -> TypeKind {
        let (key, members) = match (&schema.one_of, &schema.any_of) {
            (Some(m), _) => ("oneOf", m),
            (None, Some(m)) => ("anyOf", m),
            (None, None) => return TypeKind::Alias(TypeRef::Json),
        };
        let at = |i: usize| join(&join(pointer, key), &i.to_string());
        // A `false` member (3.1: no value is valid) adds no variant.
        let non_null: Vec<(usize, &Schema)> =
            members.iter().enumerate().filter(|(_, m)| !is_null_type(m) && !m.never).collect();
        // Before the shortcut below: a one-member `oneOf` reads its mapping no more than others.
        self.check_mapping(schema, key, members, pointer);
        if let [(i, only)] = non_null.as_slice() {
            return TypeKind::Alias(self.type_of(only, &at(*i), name));
        }
        let mapping: HashMap<String, String> = schema
            .discriminator
            .iter()
            .flat_map(|d| &d.mapping)
            // A mapping value is a `$ref` or a bare schema name.
            .map(|(value, target)| (mapping_target(target), value.clone()))
            .collect();
        let mut variants: Vec<UnionVariant> = Vec::new();
        let mut names = Namespace::default();
        let mut schema_keys = Vec::new();
        for (i, member) in non_null {
            let hint = match &member.title {
                Some(title) => format!("{name}{}", type_name(title)),
                None => format!("{name}Variant{}", i + 1),
            };
            let ty = self.type_of(member, &at(i), &hint);
            schema_keys.push(member.reference.as_deref().and_then(|r| key_in(r, Section::Schemas)));
            let base = match (&ty, &member.reference) {
                (TypeRef::Named(n), Some(_)) => self.slots[n.0].name.clone(),
                (TypeRef::Named(_), None) => match &member.title {
                    Some(title) => type_name(title),
                    None => format!("Variant{}", i + 1),
                },
                (other, _) => kind_word(other).to_owned(),
            };
            let rust_name = names.claim(&base, "");
            let tag = member.reference.as_ref().and_then(|r| mapping.get(r)).cloned();
            variants.push(UnionVariant { rust_name, ty, tag, boxed: false });
        }
        let discriminator = schema.discriminator.as_ref().map(|d| Discriminator {
            property: d.property_name.clone(),
            fallback: fallback_name(&UNION_FALLBACKS, variants.iter().map(|v| v.rust_name.as_str())),
        });
        if discriminator.is_some() {
            // The members' own values are decided once every type is defined.
            self.union_members.insert(id, schema_keys);
        }
        let from_scalars = if discriminator.is_none() { scalar_froms(&variants) } else { Vec::new() };
        TypeKind::Union(Union { variants, discriminator, from_scalars })
    }
}

impl<'a> Builder<'a> {
    /// Every `discriminator.mapping` target must be a schema (an error names the one that
    /// is not), and should be a member (a warning: that value is never chosen).
    fn check_mapping(&mut self, schema: &Schema, key: &str, members: &[Schema], pointer: &str) {
        let Some(discriminator) = &schema.discriminator else { return };
        let doc = self.doc;
        let member_refs: HashSet<&str> = members.iter().filter_map(|m| m.reference.as_deref()).collect();
        let mapping_at = join(&join(pointer, "discriminator"), "mapping");
        for (value, target) in &discriminator.mapping {
            let reference = mapping_target(target);
            let at = join(&mapping_at, value);
            let found = key_in(&reference, Section::Schemas).is_some_and(|k| doc.components.schemas.contains_key(&k));
            if !found && reference.starts_with(Section::Schemas.prefix()) {
                let message = format!(
                    "the discriminator value `{value}` maps to `{target}`, and there is no schema \
                     `{reference}`: check the name"
                );
                self.error(&at, message);
            } else if !found {
                self.unresolved(&at, &reference, Section::Schemas);
            } else if !member_refs.contains(reference.as_str()) {
                self.warning(
                    &at,
                    format!(
                        "the discriminator value `{value}` maps to `{target}`, which is not a member \
                         of this `{key}`: no value is read as it"
                    ),
                );
            }
        }
    }
}

/// The first variant of each scalar type of an untagged union: those a value of the type
/// converts into (see [`Union::from_scalars`]). A second `String` member gets none: one
/// type converts into one variant.
pub(super) fn scalar_froms(variants: &[UnionVariant]) -> Vec<usize> {
    let mut seen: Vec<&TypeRef> = Vec::new();
    let mut froms = Vec::new();
    for (i, v) in variants.iter().enumerate() {
        let scalar = matches!(
            v.ty,
            TypeRef::String | TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
        );
        if scalar && !seen.contains(&&v.ty) {
            seen.push(&v.ty);
            froms.push(i);
        }
    }
    froms
}

/// The variant name of a union member that is not a named type.
pub(super) fn kind_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "String",
        TypeRef::Bool => "Bool",
        TypeRef::I32 | TypeRef::I64 => "Integer",
        TypeRef::F32 | TypeRef::F64 => "Number",
        TypeRef::Timestamp | TypeRef::DateTime => "DateTime",
        TypeRef::Date => "Date",
        TypeRef::Base64 | TypeRef::Binary => "Bytes",
        TypeRef::Json => "Value",
        TypeRef::Named(_) => "Object",
        TypeRef::List(_) => "List",
        TypeRef::Map(_) => "Map",
    }
}
