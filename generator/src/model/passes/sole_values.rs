//! Required parameters with nothing to choose: a parameter whose enum allows one value is
//! sent with it when the caller sets none. An AWS query API has two on every operation
//! (`Action=DescribeInstances`, `Version=2016-11-15`), which a caller would otherwise set by
//! hand on every request; a closed one-value enum elsewhere is the same (a `type` discriminator
//! in the query). The setter stays, so a caller may still set it (the value it allows, or an
//! unknown one the enum keeps).

use super::super::ir::{Api, SoleValue, TypeKind};

/// Gives every required parameter whose type is a one-value enum that value.
pub(super) fn fill(api: &mut Api) {
    let types = &api.types;
    for p in api.operations.iter_mut().flat_map(|op| op.params.iter_mut()) {
        if !p.required || p.idempotency_token {
            continue;
        }
        let def = p.ty.named().map(|id| &types[id.0]);
        if let Some(TypeKind::Enum { variants, .. }) = def.map(|d| &d.kind) {
            if let [only] = variants.as_slice() {
                p.sole_value = Some(SoleValue { rust_name: only.rust_name.clone(), wire_value: only.wire_value.clone() });
            }
        }
    }
}
