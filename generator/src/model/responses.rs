//! Responses: the success output (one type, or an enum by status) and the error cases.

use super::bodies::json_content;
use std::collections::HashSet;

use super::ir::{
    is_success_status, status_text, Classification, ErrorArm, ErrorCase, ErrorPattern, Outcome, Protocol, Success, TypeKind,
    TypeRef,
};
use super::refs::{key_in, Section};
use super::Builder;
use crate::diag::join;
use crate::load::spec;
use super::names::type_name;
use super::naming::{self, Namespace};

impl<'a> Builder<'a> {
    /// The success output, the error cases and how error responses are classified.
    pub(super) fn responses(
        &mut self,
        op_type: &str,
        op: &spec::Operation,
        pointer: &str,
        protocol: Protocol,
    ) -> (Success, Vec<ErrorCase>, Classification) {
        let doc = self.doc;
        let mut successes: Vec<SuccessEntry> = Vec::new();
        let mut errors: Vec<ErrorCase> = Vec::new();
        // The error code each case answers to (the schema's name), for protocols with codes.
        let mut codes: Vec<Option<String>> = Vec::new();
        let responses_pointer = join(pointer, "responses");
        // Numeric statuses in order, then `default`, so that generation does not depend on
        // the order the spec lists them in.
        let mut entries: Vec<(&String, &spec::Response)> = op.responses.iter().collect();
        entries.sort_by_key(|(code, _)| code.parse::<u16>().unwrap_or(u16::MAX));
        for (code, response) in entries {
            let at = join(&responses_pointer, code);
            let (response, body_pointer) = match &response.reference {
                None => (response, at.clone()),
                Some(reference) => {
                    let ref_at = join(&at, "$ref");
                    match self.component(&doc.components.responses, reference, Section::Responses, &ref_at) {
                        Some(r) => (r, reference.trim_start_matches('#').to_owned()),
                        None => continue,
                    }
                }
            };
            let status = match code.as_str() {
                "default" => None,
                c => match c.parse::<u16>() {
                    Ok(s) if (100..600).contains(&s) => Some(s),
                    // A range: `4XX` is held as its class, 4 (see `ir::status_text`).
                    _ if c.len() == 3 && c[1..].eq_ignore_ascii_case("XX") && matches!(c.as_bytes()[0], b'1'..=b'5') => {
                        Some(u16::from(c.as_bytes()[0] - b'0'))
                    }
                    _ => {
                        self.warning(
                            &at,
                            format!("response `{code}` is no status, range (`4XX`) or `default`; it is handled as undocumented"),
                        );
                        continue;
                    }
                },
            };
            let json = json_content(&response.content);
            let schema_ref_name = json
                .and_then(|(_, m)| m.schema.as_ref())
                .and_then(|s| s.reference.as_deref())
                .and_then(|r| key_in(r, Section::Schemas));
            let is_success = status.is_some_and(is_success_status);
            let raw = json.is_none() && !response.content.is_empty();
            let text = response.content.keys().next().is_some_and(|m| is_text_media(m));
            if raw && !is_success {
                let media = response.content.keys().next().cloned().unwrap_or_default();
                self.warning(
                    &join(&body_pointer, "content"),
                    format!("error bodies of type `{media}` are not parsed; the error keeps the raw response"),
                );
            }
            match status {
                Some(s) if is_success_status(s) => {
                    let ty = match json {
                        Some((media, m)) => Some(match &m.schema {
                            Some(schema) => {
                                let p = join(&join(&join(&body_pointer, "content"), media), "schema");
                                self.type_of(schema, &p, &format!("{op_type}Response"))
                            }
                            None => TypeRef::Json,
                        }),
                        // Text (`text/plain`, `text/csv`, ...) is a `String`; anything else
                        // (a file, an image) its bytes.
                        None if raw && text => Some(TypeRef::String),
                        None if raw => Some(TypeRef::Binary),
                        None => None,
                    };
                    successes.push((s, ty, raw && text, response.description.clone(), at.clone()));
                }
                _ => {
                    let base = match (&schema_ref_name, status) {
                        (Some(name), _) => type_name(name),
                        (None, Some(s)) => status_variant(s),
                        (None, None) => "Default".to_owned(),
                    };
                    let mut variant = base.clone();
                    if errors.iter().any(|e| e.variant == variant) {
                        variant = format!("{base}{}", status.map_or("Default".to_owned(), status_text));
                    }
                    let ty = json.map(|(media, m)| match &m.schema {
                        Some(schema) => {
                            let p = join(&join(&join(&body_pointer, "content"), media), "schema");
                            self.type_of(schema, &p, &format!("{op_type}{variant}"))
                        }
                        None => TypeRef::Json,
                    });
                    errors.push(ErrorCase { variant, is_method: String::new(), status, ty, doc: response.description.clone() });
                    codes.push(schema_ref_name.clone());
                    // Other errors documented with the same status (`x-aws-errors-also`): told
                    // apart by their error code only.
                    for name in &response.x_errors_also {
                        let variant = type_name(name);
                        if errors.iter().any(|e| e.variant == variant) {
                            continue;
                        }
                        let ty = self.schema_ids.get(name).copied().map(TypeRef::Named);
                        if ty.is_none() {
                            self.warning(
                                &join(&body_pointer, crate::extensions::X_AWS_ERRORS_ALSO),
                                format!("`{name}` has no schema in components.schemas; its responses keep the raw body"),
                            );
                        }
                        errors.push(ErrorCase {
                            variant,
                            is_method: String::new(),
                            status,
                            ty,
                            doc: self.doc.components.schemas.get(name).and_then(|s| s.description.clone()),
                        });
                        codes.push(Some(name.clone()));
                    }
                }
            }
        }
        let success = match successes.as_slice() {
            [] => {
                self.warning(&responses_pointer, "no success (2xx) response is documented; any 2xx is accepted without a body".into());
                Success { status: 200, ty: None, text: false, streams: false, doc: None }
            }
            // One, or several with the same body: one output.
            // A binary body can also be received as a stream, as it arrives, rather than
            // read whole within the size limit.
            [(status, ty, text, doc, _), rest @ ..] if rest.iter().all(|(_, t, x, _, _)| t == ty && x == text) => {
                let streams = !*text && *ty == Some(TypeRef::Binary);
                Success { status: *status, ty: ty.clone(), text: *text, streams, doc: doc.clone() }
            }
            // Several bodies: an enum of them, chosen by the status.
            [(status, _, _, doc, at), ..] => {
                let id = self.claim_numbered(format!("{op_type}Output"), at);
                let outcomes = successes
                    .iter()
                    .map(|(s, ty, text, doc, _)| Outcome {
                        status: *s,
                        rust_name: format!("Status{}", status_text(*s)),
                        ty: ty.clone(),
                        text: *text,
                        doc: doc.clone(),
                    })
                    .collect();
                let doc_of_type = Some(format!("The success responses of `{op_type}`, by status."));
                self.complete(id, doc_of_type, TypeKind::Outcomes(outcomes));
                Success { status: *status, ty: Some(TypeRef::Named(id)), text: false, streams: false, doc: doc.clone() }
            }
        };
        let classification = classification(&errors, &codes, protocol);
        name_is_methods(&mut errors);
        (success, errors, classification)
    }
}

/// A documented success: status, body type, whether the body is text (read as a
/// `String`), doc, pointer.
type SuccessEntry = (u16, Option<TypeRef>, bool, Option<String>, String);

/// Which error case a response is. By status; with a protocol that has error codes, the
/// code decides first and a response without one is matched by its documented status.
/// The first case documented with a code or status takes it; `default` is the fallback.
fn classification(errors: &[ErrorCase], codes: &[Option<String>], protocol: Protocol) -> Classification {
    let mut seen_codes: HashSet<&str> = HashSet::new();
    let mut seen_statuses: HashSet<u16> = HashSet::new();
    let mut table = Classification::default();
    // Ranges (`4XX`) are matched after every exact status, whatever the spec's order.
    let mut ranges: Vec<ErrorArm> = Vec::new();
    for (case, (e, code)) in errors.iter().zip(codes).enumerate() {
        let Some(status) = e.status else {
            table.fallback = Some(case);
            continue;
        };
        if status < 10 {
            if seen_statuses.insert(status) {
                ranges.push(ErrorArm { patterns: vec![ErrorPattern::Range(status)], case });
            }
            continue;
        }
        let mut patterns = Vec::new();
        if let Some(code) = code.as_deref().filter(|_| protocol.classifies_by_code()) {
            if seen_codes.insert(code) {
                patterns.push(ErrorPattern::Code(code.to_owned()));
            }
        }
        if seen_statuses.insert(status) {
            patterns.push(ErrorPattern::Status(status));
        }
        if !patterns.is_empty() {
            table.arms.push(ErrorArm { patterns, case });
        }
    }
    table.arms.extend(ranges);
    table
}

/// The `is_` method of each variant, under the rename policy (two variants may have one
/// snake-case name), never one of the enum's other methods.
fn name_is_methods(errors: &mut [ErrorCase]) {
    let mut methods = Namespace::default();
    for name in naming::ERROR_METHODS {
        methods.insert(name.to_owned());
    }
    for e in errors {
        e.is_method = methods.claim(&naming::is_method(&e.variant), "_");
    }
}

/// Whether a response body of this media type is text, read as a `String`: `text/*`, and
/// the XML and other textual types that are not JSON.
fn is_text_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+xml")
        || matches!(essence.as_str(), "application/xml" | "application/yaml" | "application/x-yaml" | "application/x-ndjson")
}

/// A variant name for a documented error status without a body schema.
fn status_variant(status: u16) -> String {
    let reason = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        4 => "ClientError",
        5 => "ServerError",
        _ => return format!("Status{}", status_text(status)),
    };
    reason.to_owned()
}
