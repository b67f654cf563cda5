//! Enums: string enums (also `const`), integer enums, `x-integer-values`.

use std::collections::HashSet;

use super::ir::{IntVariant, TypeKind, Variant};
use super::naming::{fallback_name, Namespace, ENUM_FALLBACKS};
use super::Builder;
use crate::diag::join;
use crate::extensions;
use crate::load::spec::Schema;
use super::names::variant_name;

impl<'a> Builder<'a> {
    pub(super) fn enum_kind(&mut self, values: Vec<String>, schema: &Schema, pointer: &str) -> TypeKind {
        let integers = schema.x_integer_values.as_ref();
        if integers.is_some_and(|i| i.len() != values.len()) {
            self.warning(
                &join(pointer, extensions::X_INTEGER_VALUES),
                format!(
                    "`x-integer-values` lists {} numbers for {} enum values; it is ignored",
                    integers.map_or(0, Vec::len),
                    values.len()
                ),
            );
        }
        let integers = integers.filter(|i| i.len() == values.len());
        let mut variants: Vec<Variant> = Vec::new();
        let mut names = Namespace::default();
        let mut listed = HashSet::new();
        for (i, value) in values.into_iter().enumerate() {
            if !listed.insert(value.clone()) {
                self.warning(pointer, format!("enum value `{value}` is listed twice"));
                continue;
            }
            let rust_name = names.claim(&variant_name(&value), "");
            variants.push(Variant {
                wire_value: value,
                rust_name,
                integer: integers.map(|ints| ints[i]),
            });
        }
        let fallback = fallback_name(&ENUM_FALLBACKS, variants.iter().map(|v| v.rust_name.as_str()));
        TypeKind::Enum { variants, fallback }
    }
}

/// The values of a string enum (also an enum without `type` whose values are all strings,
/// as Commvault writes them); `None` for anything else.
pub(super) fn string_enum_values(schema: &Schema) -> Option<Vec<String>> {
    if schema.enumeration.is_none() {
        // `const: "x"` is a one-value enum.
        return match &schema.const_value {
            Some(serde_yaml::Value::String(v)) => Some(vec![v.clone()]),
            _ => None,
        };
    }
    let values = schema.enumeration.as_ref()?;
    let is_string_type = match &schema.kind {
        None => true,
        Some(k) => k.0.iter().all(|t| t == "string" || t == "null"),
    };
    if !is_string_type {
        return None;
    }
    values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The values of an integer enum; `None` for anything else.
pub(super) fn int_enum_values(schema: &Schema) -> Option<Vec<i64>> {
    let values = schema.enumeration.as_ref()?;
    let is_integer = schema.kind.as_ref().is_some_and(|k| k.0.iter().all(|t| t == "integer" || t == "null"))
        || (schema.kind.is_none() && values.iter().all(|v| v.is_i64() || v.is_null()));
    if !is_integer {
        return None;
    }
    values.iter().filter(|v| !v.is_null()).map(serde_yaml::Value::as_i64).collect()
}

/// The first value of an integer enum that no `i64` holds (`18446744073709552000`): such an
/// enum cannot be a Rust enum of `i64` values, and is a plain integer instead.
pub(super) fn wide_int_enum_value(schema: &Schema) -> Option<String> {
    let is_integer = schema.kind.as_ref().is_some_and(|k| k.0.iter().all(|t| t == "integer" || t == "null"));
    if !is_integer {
        return None;
    }
    schema.enumeration.as_ref()?.iter().find_map(|v| match v {
        serde_yaml::Value::Number(n) if !n.is_i64() => Some(n.to_string()),
        // An integer beyond 64 bits, kept as its digits by the loader.
        serde_yaml::Value::String(s) if s.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() => {
            Some(s.clone())
        }
        _ => None,
    })
}

pub(super) fn int_enum_kind(values: Vec<i64>) -> TypeKind {
    let mut variants: Vec<IntVariant> = Vec::new();
    let mut listed = HashSet::new();
    for value in values {
        if !listed.insert(value) {
            continue;
        }
        let rust_name = if value < 0 { format!("Minus{}", value.unsigned_abs()) } else { format!("V{value}") };
        variants.push(IntVariant { value, rust_name });
    }
    let fallback = fallback_name(&ENUM_FALLBACKS, variants.iter().map(|v| v.rust_name.as_str()));
    TypeKind::IntEnum { variants, fallback }
}
