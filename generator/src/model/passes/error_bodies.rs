//! The bodies of documented errors: which member is their message, and their variants of
//! the crate-level `Error` (one per distinct body type across all operations).

use super::super::ir::{Api, ErrorBody, Field, MessageMember, Presence, TypeKind, TypeRef};
use super::super::naming::{self, Namespace};

/// Wire names of the member that holds an error's message, most likely first (compared
/// without case): AWS's `message` / `Message`, `errorMessage`, RFC 9457's `detail`, ...
const MESSAGE_MEMBERS: [&str; 7] = ["message", "errormessage", "error_message", "errormsg", "msg", "detail", "title"];

/// Marks every struct that is the body of a documented error, in type order, and names
/// the crate-level `Error`'s catch-all so that no body's variant takes it.
pub(super) fn decide(api: &mut Api) {
    let mut is_body = vec![false; api.types.len()];
    for id in api.operations.iter().flat_map(|op| &op.errors).filter_map(|e| e.ty.as_ref()?.named()) {
        if let Some(slot) = is_body.get_mut(id.0) {
            *slot = true;
        }
    }
    let mut methods = Namespace::default();
    for name in naming::ERROR_METHODS {
        methods.insert(name.to_owned());
    }
    for (def, _) in api.types.iter_mut().zip(&is_body).filter(|(_, body)| **body) {
        let TypeKind::Struct(fields) = &def.kind else { continue };
        def.error_body = Some(ErrorBody {
            variant: def.name.clone(),
            is_method: methods.claim(&naming::is_method(&def.name), "_"),
            message: message_member(fields),
        });
    }
    let bodies = api.types.iter().filter_map(|d| Some(d.error_body.as_ref()?.variant.as_str()));
    api.unhandled_variant = naming::fallback_name(&naming::UNHANDLED_VARIANTS, bodies);
}

/// The string member named most like a message; never one the spec marks sensitive (the
/// body's `Display` shows it).
fn message_member(fields: &[Field]) -> Option<MessageMember> {
    let candidates = fields.iter().filter(|f| {
        f.ty == TypeRef::String
            && !f.sensitive
            && matches!(f.presence, Presence::Required | Presence::Optional | Presence::RequiredNullable)
    });
    let rank = |f: &&Field| MESSAGE_MEMBERS.iter().position(|m| f.wire_name.eq_ignore_ascii_case(m));
    let best = candidates.filter(|f| rank(f).is_some()).min_by_key(|f| rank(f))?;
    Some(MessageMember {
        rust_name: best.rust_name.clone(),
        optional: best.presence != Presence::Required,
    })
}
