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

#[cfg(test)]
mod tests {
    use super::super::super::ir::{Api, ErrorBody};

    fn api(spec: &str) -> Api {
        crate::model::model_str("e", spec)
    }

    fn body<'a>(api: &'a Api, name: &str) -> Option<&'a ErrorBody> {
        api.types.iter().find(|t| t.name == name)?.error_body.as_ref()
    }

    /// The message member by its name, never a sensitive one nor one that is no string; the
    /// crate-level catch-all steps aside for a body named like it.
    #[test]
    fn picks_the_message_member_and_frees_the_catch_all() {
        let api = api(r#"
openapi: 3.0.3
info: {title: E, version: '1'}
paths:
  /x:
    get:
      responses:
        '200': {description: ok}
        '400': {description: bad, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
        '401': {description: no, content: {application/json: {schema: {$ref: '#/components/schemas/Secret'}}}}
        '500': {description: oops, content: {application/json: {schema: {$ref: '#/components/schemas/Unhandled'}}}}
components:
  schemas:
    Problem:
      type: object
      required: [title]
      properties: {code: {type: integer}, title: {type: string}, errorMessage: {type: string}}
    Secret:
      type: object
      properties: {message: {type: string, x-sensitive: true}, msg: {type: integer}}
    Unhandled:
      type: object
      properties: {Message: {type: string}}
    NotAnError:
      type: object
      properties: {message: {type: string}}
"#);
        let problem = body(&api, "Problem").expect("an error body");
        let message = problem.message.as_ref().expect("a message member");
        assert_eq!((message.rust_name.as_str(), message.optional), ("error_message", true));
        assert_eq!(problem.is_method, "is_problem");
        assert!(body(&api, "Secret").expect("an error body").message.is_none());
        let unhandled = body(&api, "Unhandled").expect("an error body");
        assert_eq!(unhandled.message.as_ref().map(|m| m.rust_name.as_str()), Some("message"));
        assert!(body(&api, "NotAnError").is_none());
        assert_eq!(api.unhandled_variant, "UnhandledError");
    }
}
