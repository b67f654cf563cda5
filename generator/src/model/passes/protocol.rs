//! What the protocol adds to the types: AWS error bodies carry the request id beside their
//! members, so that a typed error still tells which request failed (not when a member
//! already has the name).

use super::super::ir::{Api, Protocol, TypeKind};

pub(super) fn mark_request_id_carriers(api: &mut Api) {
    if api.protocol != Protocol::AwsRestJson {
        return;
    }
    let bodies: Vec<usize> = api
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .filter_map(|e| e.ty.as_ref()?.named())
        .map(|id| id.0)
        .collect();
    for i in bodies {
        let def = &mut api.types[i];
        if let TypeKind::Struct(fields) = &def.kind {
            def.carries_request_id = fields.iter().all(|f| f.rust_name != "request_id");
        }
    }
}
