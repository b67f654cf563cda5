//! Request bodies: JSON, form, multipart or bytes, and the caller's choice among a body's
//! media types.

use super::ir::{
    Presence,
    resolve, AltBody, AltKind, Body, BodyMedia, FormMemberStyle, MediaChoice, MediaVariant, MultipartPart, PartKind, StyleName,
    TypeKind, TypeRef,
};
use super::refs::Section;
use super::Builder;
use crate::diag::join;
use crate::load::spec;

impl<'a> Builder<'a> {
    /// The request body of the operation on `path`.
    pub(super) fn body(&mut self, op_type: &str, body: &spec::RequestBody, pointer: &str, path: &str) -> Option<Body> {
        let (body, pointer) = match &body.reference {
            None => (body, pointer.to_owned()),
            Some(reference) => {
                let doc = self.doc;
                let at = join(pointer, "$ref");
                let found = self.component(&doc.components.request_bodies, reference, Section::RequestBodies, &at)?;
                (found, reference.trim_start_matches('#').to_owned())
            }
        };
        let content_pointer = join(&pointer, "content");
        let (media, content, kind) = match json_content(&body.content) {
            Some((media, content)) => (media, content, Encoding::Json),
            None => {
                let (media, content) = body.content.iter().next()?;
                let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                let kind = match essence.as_str() {
                    "application/x-www-form-urlencoded" => Encoding::Form,
                    "multipart/form-data" => Encoding::Multipart,
                    _ => Encoding::Bytes(essence.clone()),
                };
                (media, content, kind)
            }
        };
        // The other media types: a setter each, one per kind of encoding (the first of a
        // kind); the other raw and JSON ones are the media choice's; what cannot be
        // offered is reported.
        let mut alternatives: Vec<AltBody> = Vec::new();
        let primary_setter = alt_setter(&media_kind(media));
        let media_choice = media_choice(&body.content);
        for (other, other_content) in body.content.iter().filter(|(m, _)| *m != media) {
            let kind = media_kind(other);
            let setter = alt_setter(&kind);
            let other_pointer = join(&join(&content_pointer, other), "schema");
            let Some(setter) = setter.filter(|s| Some(*s) != primary_setter && alternatives.iter().all(|a| a.setter != *s)) else {
                // Another JSON type (`application/merge-patch+json` beside `application/json`):
                // the same bytes under another name, sent with `content_type(..)` (a wildcard
                // names nothing to send). Another raw type: sent by a raw setter with
                // `content_type(..)`.
                if matches!(kind, Encoding::Json) || (matches!(kind, Encoding::Bytes(_)) && media_choice.is_some()) {
                    continue;
                }
                self.warning(
                    &join(&content_pointer, other),
                    format!("request media type `{other}` cannot be chosen (only one per kind of encoding); `body(..)` sends `{media}`"),
                );
                continue;
            };
            let mut ty = || match &other_content.schema {
                Some(schema) => self.type_of(schema, &other_pointer, &format!("{op_type}Body")),
                None => TypeRef::Json,
            };
            let kind = match kind {
                Encoding::Json => AltKind::Json(ty()),
                Encoding::Form => {
                    let ty = ty();
                    let styles = self.form_styles(&ty, other_content, &join(&content_pointer, other));
                    AltKind::Form { ty, styles }
                }
                Encoding::Multipart => {
                    let ty = ty();
                    if !self.is_object(&ty) {
                        self.warning(
                            &other_pointer,
                            "a multipart body must be an object (a part per property); it cannot be chosen".into(),
                        );
                        continue;
                    }
                    let parts = self.multipart_parts(&ty, &other_pointer);
                    AltKind::Multipart { ty, parts }
                }
                Encoding::Bytes(essence) if essence.starts_with("text/") => AltKind::Text,
                _ => AltKind::Bytes,
            };
            let essence = other.split(';').next().unwrap_or("").trim().to_owned();
            alternatives.push(AltBody { setter, content_type: essence, kind });
        }
        let schema_pointer = join(&join(&content_pointer, media), "schema");
        let hint = format!("{op_type}Body");
        let aws_query = self.aws_query.is_some() && path.starts_with("/#Action=");
        let mut ty = || match &content.schema {
            Some(schema) => self.type_of(schema, &schema_pointer, &hint),
            None => TypeRef::Json,
        };
        let media = match kind {
            // Bytes are bytes whatever the schema says of them.
            Encoding::Bytes(content_type) => BodyMedia::Bytes(content_type),
            Encoding::Json => BodyMedia::Json(ty()),
            // An AWS query operation's form: the input structure in the protocol's spelling
            // (`Tags.member.1.Key=k`), not OpenAPI's form styles.
            Encoding::Form if aws_query => {
                BodyMedia::Form { ty: ty(), styles: Vec::new(), aws_query: true }
            }
            Encoding::Form => {
                let ty = ty();
                let styles = self.form_styles(&ty, content, &join(&content_pointer, media));
                BodyMedia::Form { ty, styles, aws_query: false }
            }
            Encoding::Multipart => {
                let ty = ty();
                if !self.is_object(&ty) {
                    self.warning(
                        &schema_pointer,
                        "a multipart body must be an object (a part per property); the operation sends no body".into(),
                    );
                    return None;
                }
                let parts = self.multipart_parts(&ty, &schema_pointer);
                BodyMedia::Multipart { ty, parts }
            }
        };
        // A choice can be paired with a body of the other family (or a form or multipart one)
        // only when the builder has a setter of such a body: then its doc says what is refused.
        let media_choice = media_choice.map(|choice| MediaChoice {
            pairings_refused: !matches!(media, BodyMedia::Bytes(_))
                || alternatives.iter().any(|a| !matches!(a.kind, AltKind::Text | AltKind::Bytes)),
            ..choice
        });
        Some(Body {
            media,
            required: body.required,
            doc: body.description.clone(),
            members: Vec::new(),
            alternatives,
            media_choice,
        })
    }

    /// The members of a form body its `encoding` gives a style (the others are written in the
    /// default: `form`, exploded, repeated keys for a list); warnings for an entry naming no
    /// member or a style a form cannot have, and for members no style writes (sent as their
    /// JSON text). `at` is the media type's pointer.
    fn form_styles(&mut self, ty: &TypeRef, content: &spec::MediaType, at: &str) -> Vec<FormMemberStyle> {
        let fields: Vec<(String, TypeRef)> = match resolve(ty, |id| self.defined(id)).map(|d| &d.kind) {
            Some(TypeKind::Struct(fields)) => fields.iter().map(|f| (f.wire_name.clone(), f.ty.clone())).collect(),
            _ => Vec::new(),
        };
        let mut styles = Vec::new();
        for (name, encoding) in &content.encoding {
            let here = join(&join(at, "encoding"), name);
            if !fields.iter().any(|(wire, _)| wire == name) {
                self.warning(&here, format!("the form body has no member `{name}`: this encoding is not used"));
                continue;
            }
            if encoding.style.is_none() && encoding.explode.is_none() {
                continue;
            }
            let allowed = [StyleName::Form, StyleName::SpaceDelimited, StyleName::PipeDelimited, StyleName::DeepObject];
            let style = match encoding.style.as_deref() {
                None => StyleName::Form,
                Some(text) => match super::params::style_name(text).filter(|s| allowed.contains(s)) {
                    Some(style) => style,
                    None => {
                        self.warning(&join(&here, "style"), format!("style `{text}` is not one of a form member's; `{name}` is written in style `form`"));
                        StyleName::Form
                    }
                },
            };
            let explode = encoding.explode.unwrap_or(style == StyleName::Form);
            styles.push(FormMemberStyle { wire_name: name.clone(), style, explode });
        }
        for (wire, ty) in &fields {
            let nested = match self.unalias(ty) {
                TypeRef::List(item) => self.nests(item),
                other => self.is_object(other) && !styles.iter().any(|s| &s.wire_name == wire),
            };
            if nested {
                self.warning(
                    &join(at, "schema"),
                    format!("form body member `{wire}` holds lists or objects, which a form has no spelling for: each is sent as its JSON text"),
                );
            }
        }
        styles
    }

    /// A list, an object, or a union with such a member: what a form writes as JSON text.
    /// (Unions of unions are followed 8 deep: a cycle of them is another pass's error.)
    fn nests(&self, ty: &TypeRef) -> bool {
        self.nests_within(ty, 8)
    }

    fn nests_within(&self, ty: &TypeRef, depth: u8) -> bool {
        match self.unalias(ty) {
            TypeRef::List(_) => true,
            TypeRef::Named(id) => match self.defined(*id).map(|d| &d.kind) {
                Some(TypeKind::Union(u)) if depth > 0 => u.variants.iter().any(|v| self.nests_within(&v.ty, depth - 1)),
                _ => self.is_object(ty),
            },
            other => self.is_object(other),
        }
    }

    /// A part per member of a struct body: text for values with a `Display`, a file for
    /// bytes, JSON for the rest; `None` for a map (sent as one JSON part). `at`: the body
    /// schema's pointer, for the warning about members beside the properties.
    fn multipart_parts(&mut self, ty: &TypeRef, at: &str) -> Option<Vec<MultipartPart>> {
        let TypeKind::Struct(fields) = &resolve(ty, |id| self.defined(id))?.kind else {
            return None;
        };
        // The members beside the properties (`additionalProperties`, a flattened map) have no
        // part name of their own: they are not sent as parts (a warning says so).
        let flattened = fields.iter().any(|f| f.presence == Presence::Flattened);
        let parts: Vec<MultipartPart> = fields
            .iter()
            .filter(|f| f.presence != Presence::Flattened)
            .map(|f| MultipartPart {
                rust_name: f.rust_name.clone(),
                wire_name: f.wire_name.clone(),
                plain: matches!(f.presence, Presence::Required | Presence::DefaultFalse),
                kind: if f.ty == TypeRef::Binary {
                    PartKind::File
                } else if self.is_scalar(&f.ty) {
                    PartKind::Text
                } else {
                    PartKind::Json
                },
            })
            .collect();
        if flattened {
            self.warning(
                at,
                "the members of a multipart body beside its properties (`additionalProperties`) have no part of their own: what the map holds is not sent".into(),
            );
        }
        Some(parts)
    }
}

/// The choice among a body's media types of one family, when it documents two or more of
/// it: raw ones (text or bytes, sent as given) and JSON ones (`application/json` beside
/// `application/merge-patch+json`: the same JSON bytes under the label the server expects).
/// Told apart by their essence (`text/plain; charset=utf-8` is `text/plain`); a wildcard
/// (`application/*+json`, `*/*`) names no type to send and is left out. A family with one
/// type needs no choice: its setter sends it. Its names are placeholders until the
/// operation's are known (`model/operations.rs` names the enum and the setter).
fn media_choice(content: &indexmap::IndexMap<String, spec::MediaType>) -> Option<MediaChoice> {
    // One pass: each documented type once (by essence, case-insensitively), with its family
    // (JSON or raw), in the spec's order.
    let mut documented: Vec<(bool, &str)> = Vec::new();
    for media in content.keys() {
        let json = match media_kind(media) {
            Encoding::Json => true,
            Encoding::Bytes(_) => false,
            Encoding::Form | Encoding::Multipart => continue,
        };
        let essence = media.split(';').next().unwrap_or("").trim();
        if !essence.contains('*') && !documented.iter().any(|(_, e)| e.eq_ignore_ascii_case(essence)) {
            documented.push((json, essence));
        }
    }
    let of_family = |json: bool| documented.iter().filter(|(j, _)| *j == json).count();
    let (json_types, raw_types) = (of_family(true), of_family(false));
    let mut variants: Vec<MediaVariant> = Vec::new();
    for &(json, essence) in &documented {
        if (if json { json_types } else { raw_types }) < 2 {
            continue;
        }
        let base = super::names::type_name(essence);
        let mut rust_name = base.clone();
        let mut n = 1;
        while variants.iter().any(|v| v.rust_name == rust_name) {
            n += 1;
            rust_name = format!("{base}{n}");
        }
        variants.push(MediaVariant { rust_name, media_type: essence.to_owned() });
    }
    (variants.len() >= 2).then(|| MediaChoice { enum_name: String::new(), setter: String::new(), variants, pairings_refused: false })
}

/// How a body of this media type is encoded.
fn media_kind(media: &str) -> Encoding {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let json = essence == "application/json" || essence.ends_with("+json") || essence == "*/*";
    match essence.as_str() {
        _ if json => Encoding::Json,
        "application/x-www-form-urlencoded" => Encoding::Form,
        "multipart/form-data" => Encoding::Multipart,
        _ => Encoding::Bytes(essence),
    }
}

/// The request builder's setter for a body of this kind, when it is another media type.
fn alt_setter(kind: &Encoding) -> Option<&'static str> {
    match kind {
        Encoding::Json => Some("body_json"),
        Encoding::Form => Some("body_form"),
        Encoding::Multipart => Some("body_multipart"),
        Encoding::Bytes(essence) if essence.starts_with("text/") => Some("body_text"),
        Encoding::Bytes(_) => Some("body_bytes"),
    }
}

/// How the body is encoded, as its media type says.
enum Encoding {
    Json,
    Form,
    Multipart,
    Bytes(String),
}

/// The JSON media type among `content`, if there is one (`*/*` counts).
pub(super) fn json_content(content: &indexmap::IndexMap<String, spec::MediaType>) -> Option<(&String, &spec::MediaType)> {
    content.iter().find(|(media, _)| {
        let m = media.split(';').next().unwrap_or("").trim();
        m == "application/json" || m.ends_with("+json") || m == "*/*"
    })
}
