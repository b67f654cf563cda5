//! The traits each type implements beyond those of its kind: `Eq` where no float or JSON
//! value is inside (through any depth of members), `Default` for structs whose members are
//! all optional, serde's derive for untagged unions.

use super::super::ir::{Api, TypeKind, TypeRef};

pub(super) fn decide(api: &mut Api) {
    let n = api.types.len();
    // A type is not `Eq` when it holds a float or a JSON value itself, is an outcome enum,
    // or is a discriminated union (its catch-all holds a JSON value), or holds such a type.
    // Found from those outward over the containment edges reversed: linear, and the same
    // as asking each type with cycles assumed `Eq`.
    let mut containers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut not_eq = vec![false; n];
    for (i, def) in api.types.iter().enumerate() {
        not_eq[i] = match &def.kind {
            TypeKind::Outcomes(_) => true,
            TypeKind::Union(u) if u.discriminator.is_some() => true,
            _ => false,
        };
        for ty in def.kind.members() {
            not_eq[i] |= holds_float_or_json(ty);
            ty.visit_named(&mut |id| {
                if id.0 < n {
                    containers[id.0].push(i);
                }
            });
        }
    }
    let mut pending: Vec<usize> = (0..n).filter(|&i| not_eq[i]).collect();
    while let Some(i) = pending.pop() {
        for &c in &containers[i] {
            if !not_eq[c] {
                not_eq[c] = true;
                pending.push(c);
            }
        }
    }
    for (def, not_eq) in api.types.iter_mut().zip(not_eq) {
        def.traits.eq = !not_eq;
        def.traits.default = match &def.kind {
            TypeKind::Struct(fields) => fields.iter().all(|f| !f.is_required()),
            _ => false,
        };
        def.traits.serde_derive = matches!(&def.kind, TypeKind::Union(u) if u.discriminator.is_none());
    }
}

fn holds_float_or_json(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::F32 | TypeRef::F64 | TypeRef::Json => true,
        TypeRef::List(t) | TypeRef::Map(t) => holds_float_or_json(t),
        _ => false,
    }
}
