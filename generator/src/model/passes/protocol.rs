//! What the protocol adds to the types: AWS error bodies and success outputs carry the
//! request id beside their members, as the AWS SDKs' errors and outputs have `request_id()`,
//! so that a typed error still tells which request failed and an output which request made
//! it (not when a member already has the name). Other APIs have no such convention: their
//! request id is read from the response (`sdkgen_runtime::Response::request_id`), not put
//! into their types.

use super::super::ir::{Api, Protocol, TypeKind};

pub(super) fn mark_request_id_carriers(api: &mut Api) {
    if api.protocol != Protocol::AwsRestJson {
        return;
    }
    let bodies: Vec<usize> = api
        .operations
        .iter()
        .flat_map(|op| op.errors.iter().map(|e| e.ty.as_ref()).chain([op.success.ty.as_ref()]))
        .filter_map(|ty| ty?.named())
        .map(|id| id.0)
        .collect();
    for i in bodies {
        let def = &mut api.types[i];
        if let TypeKind::Struct(fields) = &def.kind {
            def.carries_request_id = fields.iter().all(|f| f.rust_name != "request_id");
        }
    }
}
