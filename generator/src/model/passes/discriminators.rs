//! The discriminator value of each member of a discriminated union not given by the
//! `mapping`: the one value its discriminator property allows (`destVendor: enum:
//! [Amazon]`, as Commvault writes them), else the schema name (as OpenAPI says).

use std::collections::{HashMap, HashSet};

use super::super::ir::{Api, TypeId, TypeKind, TypeRef};
use super::Report;
use crate::diag::Severity;

pub(super) fn tag_members(
    api: &mut Api,
    union_members: &HashMap<TypeId, Vec<Option<String>>>,
    pointers: &[String],
    report: &mut Report<'_>,
) {
    let single_value = |api: &Api, member: &TypeRef, property: &str| -> Option<String> {
        let TypeKind::Struct(fields) = &api.ty(member.named()?).kind else {
            return None;
        };
        let field = fields.iter().find(|f| f.wire_name == property)?;
        match &api.ty(field.ty.named()?).kind {
            TypeKind::Enum { variants, .. } if variants.len() == 1 => Some(variants[0].wire_value.clone()),
            _ => None,
        }
    };
    for i in 0..api.types.len() {
        let TypeKind::Union(union) = &api.types[i].kind else { continue };
        let Some(property) = union.discriminator.as_ref().map(|d| d.property.clone()) else { continue };
        let keys = union_members.get(&TypeId(i));
        let tags: Vec<Option<String>> = union
            .variants
            .iter()
            .enumerate()
            .map(|(m, v)| {
                v.tag
                    .clone()
                    .or_else(|| single_value(api, &v.ty, &property))
                    .or_else(|| keys.and_then(|k| k.get(m).cloned().flatten()))
            })
            .collect();
        let mut seen = HashSet::new();
        let usable = tags.iter().all(|t| t.as_ref().is_some_and(|t| seen.insert(t.clone())));
        let name = api.types[i].name.clone();
        let TypeKind::Union(union) = &mut api.types[i].kind else { continue };
        if usable {
            for (v, tag) in union.variants.iter_mut().zip(tags) {
                v.tag = tag;
            }
        } else {
            // Members without a value of their own (inline, not in the mapping) or two
            // with the same value: chosen by shape instead.
            union.discriminator = None;
            for v in &mut union.variants {
                v.tag = None;
            }
            let pointer = pointers.get(i).map(String::as_str).unwrap_or_default();
            report(
                Severity::Warning,
                pointer,
                format!("`{name}`: not every member has its own discriminator value; the member is chosen by shape instead"),
            );
        }
    }
}
