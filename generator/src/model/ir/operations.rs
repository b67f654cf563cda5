//! Operations and their parts: parameters, body, responses, the error classification, paging.

use super::{Accessors, OperationAuth, TypeId, TypeRef};

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// The spec's operationId (or the one derived from method and path). With `path`, what
    /// the runtime names the request by at run time (interceptors, trace spans).
    pub id: String,
    /// The client method: `get_security_group`.
    pub method_name: String,
    /// The request builder: `GetSecurityGroup`.
    pub type_name: String,
    /// The operation's error type: `GetSecurityGroupError`, the enum itself or an alias of
    /// the enum it shares with operations that document the same errors.
    pub error_name: String,
    /// Its error enum, an index into [`super::Api::error_sets`] (see [`ErrorSet`]).
    pub error_set: usize,
    /// Upper-case HTTP method.
    pub http_method: String,
    /// The path template, `{wireName}` placeholders as in the spec.
    pub path: String,
    /// The path template the request is sent to: `path` without its fragment (`/#Action=X`
    /// is sent to `/`).
    pub request_path: String,
    pub doc: Option<String>,
    pub deprecated: bool,
    /// The spec's tags: the groups a build script can select operations by.
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub success: Success,
    pub errors: Vec<ErrorCase>,
    /// Which error variant each error response is.
    pub classification: Classification,
    /// The name of the catch-all error variant (`Unknown` unless a documented error took it).
    pub unknown_variant: String,
    pub auth: OperationAuth,
    /// Set for paged List operations.
    pub paging: Option<Paging>,
}

impl Operation {
    /// The types the operation sends or receives: parameters, body, responses.
    pub fn types(&self) -> Vec<&TypeRef> {
        let mut types: Vec<&TypeRef> = self.params.iter().map(|p| &p.ty).collect();
        types.extend(self.body.iter().map(Body::ty));
        types.extend(self.body.iter().flat_map(|b| &b.alternatives).filter_map(|a| match &a.kind {
            AltKind::Json(ty) | AltKind::Form { ty, .. } | AltKind::Multipart { ty, .. } => Some(ty),
            AltKind::Text | AltKind::Bytes => None,
        }));
        types.extend(self.success.ty.iter());
        types.extend(self.errors.iter().filter_map(|e| e.ty.as_ref()));
        types
    }

    /// The setters of the operation's request builder, in the order the builder has them:
    /// each parameter, each member of a struct body (its `x(..)` setter; `set_x` and `get_x`
    /// go with it), then the body itself. The one list of them: the builder's documentation
    /// (`emit/operation_docs.rs`) and its example are written from it, so a new kind of
    /// setter goes here to be documented.
    pub fn setters<'a>(&'a self, api: &'a super::Api) -> Vec<Setter<'a>> {
        let mut setters: Vec<Setter<'a>> = self
            .params
            .iter()
            .map(|p| Setter {
                name: &p.rust_name,
                target: SetterTarget::Param { wire_name: &p.wire_name, location: p.location() },
                ty: &p.ty,
                required: p.required && !p.idempotency_token && p.sole_value.is_none(),
                filled: if p.idempotency_token {
                    Some(Filled::FreshUuid)
                } else {
                    p.sole_value.as_ref().map(|v| Filled::Sole(&v.wire_value))
                },
                doc: p.doc.as_deref(),
            })
            .collect();
        let members = self.body_fields(api);
        if let (Some(body), Some(fields)) = (&self.body, members) {
            setters.extend(fields.iter().zip(&body.members).map(|(f, own)| Setter {
                name: &own.setter,
                target: SetterTarget::BodyMember { wire_name: &f.wire_name },
                ty: &f.ty,
                // `send()` names every required member not set (of a required body).
                required: body.required && f.is_required(),
                filled: None,
                doc: f.doc.as_deref(),
            }));
        }
        setters.extend(self.body.iter().map(|b| Setter {
            // The builder's own member (`naming::REQUEST_BUILDER_MEMBERS`).
            name: "body",
            target: SetterTarget::Body(&b.media),
            ty: b.ty(),
            // With member setters, a whole body is one way among two to give it.
            required: b.required && members.is_none(),
            filled: None,
            doc: b.doc.as_deref(),
        }));
        setters.extend(self.body.iter().filter_map(|b| b.media_choice.as_ref()).map(|choice| Setter {
            name: &choice.setter,
            target: SetterTarget::MediaType(choice),
            ty: &TypeRef::String,
            required: false,
            filled: None,
            doc: None,
        }));
        setters
    }

    /// The fields of the body's struct, when the model gave the request builder a setter
    /// for each of them (`Body::members`, in the same order).
    pub fn body_fields<'a>(&'a self, api: &'a super::Api) -> Option<&'a [super::Field]> {
        let body = self.body.as_ref().filter(|b| !b.members.is_empty())?;
        match api.resolve(body.ty()) {
            Some(super::TypeDef { kind: super::TypeKind::Struct(fields), .. }) if fields.len() == body.members.len() => {
                Some(fields)
            }
            _ => None,
        }
    }

    pub(super) fn types_mut(&mut self) -> Vec<&mut TypeRef> {
        let mut types: Vec<&mut TypeRef> = self.params.iter_mut().map(|p| &mut p.ty).collect();
        if let Some(body) = &mut self.body {
            let Body { media, alternatives, .. } = body;
            types.extend(media_ty_mut(media));
            types.extend(alternatives.iter_mut().filter_map(|a| match &mut a.kind {
                AltKind::Json(ty) | AltKind::Form { ty, .. } | AltKind::Multipart { ty, .. } => Some(ty),
                AltKind::Text | AltKind::Bytes => None,
            }));
        }
        types.extend(self.success.ty.iter_mut());
        types.extend(self.errors.iter_mut().filter_map(|e| e.ty.as_mut()));
        types
    }
}

/// A setter of a request builder (see [`Operation::setters`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setter<'a> {
    /// The method's name.
    pub name: &'a str,
    pub target: SetterTarget<'a>,
    /// The type of the value it stores.
    pub ty: &'a TypeRef,
    /// `send()` refuses to send without it.
    pub required: bool,
    /// What `send()` fills it with when it is not set.
    pub filled: Option<Filled<'a>>,
    pub doc: Option<&'a str>,
}

/// What `send()` sends for a parameter the caller did not set (see [`Setter::filled`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Filled<'a> {
    /// A fresh UUID (an idempotency token).
    FreshUuid,
    /// The one value its enum allows, as sent.
    Sole(&'a str),
}

/// Where a setter's value goes.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SetterTarget<'a> {
    Param { wire_name: &'a str, location: ParamLocation },
    /// A member of the struct body, set on the body's builder the request builder holds.
    BodyMember { wire_name: &'a str },
    Body(&'a BodyMedia),
    /// The choice of a body's media type among raw or JSON ones (its type is the enum, not `ty`).
    MediaType(&'a MediaChoice),
}

/// Where a parameter goes, as the `in` of the spec says (used where the place alone
/// matters; [`Place`] holds what each place needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// Where a parameter goes, with what the code writing it there needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// One encoded segment of the path, held in the local `segment` of `send()`.
    Path { segment: String },
    Query(QueryStyle),
    /// Sent under `name`: the wire name in lower case, as HTTP/2 requires and `http`
    /// stores header names.
    Header { name: String },
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub place: Place,
    pub ty: TypeRef,
    pub required: bool,
    /// Never printed by `Debug` (`x-sensitive`).
    pub sensitive: bool,
    /// Filled with a fresh UUID when the caller sets none (`x-aws-idempotency-token`).
    pub idempotency_token: bool,
    /// The one value a required parameter's enum allows, sent when the caller sets none:
    /// there is nothing to choose (an AWS query API's `Action` and `Version`). Decided once
    /// every type is defined (`passes::sole_values`).
    pub sole_value: Option<SoleValue>,
    /// Written by the runtime's `style` module in this style: a list or an object outside a
    /// query `form` list or `deepObject`, or a scalar in a style other than its location's
    /// default. `None`: the plain encoders of `place`.
    pub styled: Option<Styled>,
    /// Sent as its JSON text (`sdkgen_runtime::style::json_text`), whatever its place: a
    /// parameter with `content: application/json`, or one whose value no style writes (a
    /// list of lists or of objects; a warning says so). `styled` is then `None`.
    pub json: bool,
    /// Written in the AWS query protocol's spelling of lists and structures, with these
    /// names (see [`super::Api::aws_query`]): a list or an object in the query of an AWS
    /// query API. `styled` is then `None` and `json` false.
    pub aws_query: Option<super::QueryNames>,
    pub doc: Option<String>,
}

/// See [`Param::sole_value`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SoleValue {
    /// The enum's variant.
    pub rust_name: String,
    /// As sent.
    pub wire_value: String,
}

/// A parameter's `style` and `explode` (see [`Param::styled`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Styled {
    pub style: StyleName,
    pub explode: bool,
}

/// The styles of OpenAPI 3.0 / 3.1, as `sdkgen_runtime::style::Style` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StyleName {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

impl StyleName {
    /// The runtime's variant.
    pub fn variant(self) -> &'static str {
        match self {
            StyleName::Simple => "Simple",
            StyleName::Label => "Label",
            StyleName::Matrix => "Matrix",
            StyleName::Form => "Form",
            StyleName::SpaceDelimited => "SpaceDelimited",
            StyleName::PipeDelimited => "PipeDelimited",
            StyleName::DeepObject => "DeepObject",
        }
    }
}

impl Param {
    pub fn location(&self) -> ParamLocation {
        match self.place {
            Place::Path { .. } => ParamLocation::Path,
            Place::Query(_) => ParamLocation::Query,
            Place::Header { .. } => ParamLocation::Header,
            Place::Cookie => ParamLocation::Cookie,
        }
    }
}

/// How a query parameter that is a list or an object goes on the wire (`style`, `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueryStyle {
    /// One value (also each item of an exploded list: `id=1&id=2`).
    Form { explode: bool },
    /// An object as `name[key]=value`.
    DeepObject,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Body {
    pub media: BodyMedia,
    pub required: bool,
    pub doc: Option<String>,
    /// When the body is a struct: the request builder's methods for each of its members,
    /// in the order of the struct's fields (they set the members through the struct's
    /// builder, which the request builder holds); empty for any other body. Named once
    /// every type is defined, by `passes::accessors`.
    pub members: Vec<Accessors>,
    /// The body's other media types, each with a setter of its own (`body_form`,
    /// `body_text`, ...): the caller chooses the one sent; `body(..)` sends `media`.
    pub alternatives: Vec<AltBody>,
    /// Two or more raw media types (text or bytes, whichever setter sends them) or JSON ones:
    /// the caller's choice among them, beside the setters' own defaults.
    pub media_choice: Option<MediaChoice>,
}

/// The documented media types of a body, of each family that has two or more: raw ones
/// (`application/x-yaml`, `text/yaml`; `image/png`, `image/jpeg`) and JSON ones
/// (`application/json`, `application/merge-patch+json`): an enum of them in the `builders`
/// module, and a setter of the request builder that picks the `content-type` a body of that
/// family is sent with. Without it, each setter sends its own media type (`body(..)` the
/// first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MediaChoice {
    /// The enum: `{Operation}ContentType`, off every other name of the `builders` module
    /// (named with all operations in view, by `model/operations.rs`).
    pub enum_name: String,
    /// The request builder's setter, and the field that holds the choice: `content_type`,
    /// unless a parameter has that name.
    pub setter: String,
    /// In the spec's order, one per media type (parameters such as `charset` left out).
    pub variants: Vec<MediaVariant>,
    /// Whether the builder also sets a body the choice cannot relabel (a JSON one beside raw
    /// ones, a form, multipart): that pairing is an error of `send()`, which the setter's doc
    /// says.
    pub pairings_refused: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MediaVariant {
    /// `TextXYaml`.
    pub rust_name: String,
    /// `text/x-yaml`, as sent.
    pub media_type: String,
}

/// Another media type of a request body, and the request builder's setter for it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AltBody {
    /// `body_json`, `body_form`, `body_multipart`, `body_text` or `body_bytes`
    /// (`naming::REQUEST_BUILDER_MEMBERS`).
    pub setter: &'static str,
    pub content_type: String,
    pub kind: AltKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AltKind {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`, as for a first media type (see [`BodyMedia`]).
    Form { ty: TypeRef, styles: Vec<FormMemberStyle> },
    /// `multipart/form-data`, its parts as for a first media type (see [`BodyMedia`]).
    Multipart { ty: TypeRef, parts: Option<Vec<MultipartPart>> },
    /// `text/*`: a `String`.
    Text,
    /// Anything else: bytes.
    Bytes,
}

impl Body {
    /// The type of the value the builder takes.
    pub fn ty(&self) -> &TypeRef {
        const BYTES: &TypeRef = &TypeRef::Binary;
        match &self.media {
            BodyMedia::Json(ty) | BodyMedia::Form { ty, .. } | BodyMedia::Multipart { ty, .. } => ty,
            BodyMedia::Bytes(_) => BYTES,
        }
    }

}

fn media_ty_mut(media: &mut BodyMedia) -> Option<&mut TypeRef> {
    match media {
        BodyMedia::Json(ty) | BodyMedia::Form { ty, .. } | BodyMedia::Multipart { ty, .. } => Some(ty),
        BodyMedia::Bytes(_) => None,
    }
}

/// How a request body is encoded, and the type of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyMedia {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: the members as `name=value` pairs, lists as
    /// repeated keys (`sdkgen_runtime::form`), except the members `styles` names. With
    /// `aws_query` (a form of an AWS query operation, see [`super::Api::aws_query`]): the
    /// struct in that protocol's spelling (`sdkgen_runtime::aws_query::form_body`), `styles`
    /// empty.
    Form { ty: TypeRef, styles: Vec<FormMemberStyle>, aws_query: bool },
    /// `multipart/form-data`: a part per member of the body struct (`parts`), or one JSON
    /// part `body` for a map.
    Multipart { ty: TypeRef, parts: Option<Vec<MultipartPart>> },
    /// Bytes sent as they are, with this content type (`application/octet-stream`, ...).
    Bytes(String),
}

/// A member of a form body whose `encoding` entry gives a `style` or `explode`: it is
/// written in that style (`tags=a|b`) instead of the default (repeated keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormMemberStyle {
    pub wire_name: String,
    pub style: StyleName,
    pub explode: bool,
}

/// One part of a multipart body: a member of the body struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MultipartPart {
    pub rust_name: String,
    pub wire_name: String,
    /// A plain field, always sent: a required member, or a boolean whose default is `false`
    /// (`Presence::DefaultFalse`, sent as `false` when not set, as its JSON is). Else an
    /// `Option`: no part when `None`.
    pub plain: bool,
    pub kind: PartKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartKind {
    /// A text part: the value's `Display`.
    Text,
    /// A file part (bytes, `application/octet-stream`).
    File,
    /// A JSON part.
    Json,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Success {
    pub status: u16,
    /// `None`: no body is read.
    pub ty: Option<TypeRef>,
    /// The body is text (`text/plain`, `text/csv`, XML), read as a `String` (`ty` is
    /// `String`): not JSON.
    pub text: bool,
    /// The body is binary (one output, `ty` is `Binary`: `application/octet-stream`, an
    /// image, `format: binary`): the request builder also has `send_streaming()`, which
    /// hands the body over as a `ByteStream` as it arrives.
    pub streams: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ErrorCase {
    pub variant: String,
    /// The error enum's `is_` method for this variant (`is_resource_not_found_error`).
    pub is_method: String,
    /// The documented status; `None` for `default` (any status not documented otherwise).
    /// A range (`4XX`) is its class, below 10: `4` (see [`status_text`]).
    pub status: Option<u16>,
    /// The body type; `None` keeps the raw response.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

/// The classification table of an operation's error responses: the first arm whose
/// pattern matches decides the variant; none matching, `fallback` does.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Classification {
    pub arms: Vec<ErrorArm>,
    /// The `default` response's case (an index into `errors`); `None`: the catch-all.
    pub fallback: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ErrorArm {
    /// Any one of these selects the case.
    pub patterns: Vec<ErrorPattern>,
    /// An index into the operation's `errors`.
    pub case: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ErrorPattern {
    /// The response's error code is this (protocols that classify by code).
    Code(String),
    /// The status is this (and, for protocols that classify by code, there is no code).
    Status(u16),
    /// The status is in this class (`4`: 400-499), with no code; after every exact status.
    Range(u16),
}

/// A documented status as the spec writes it: `404`, or a range `4XX` (held as `4`).
pub(crate) fn status_text(status: u16) -> String {
    if status < 10 { format!("{status}XX") } else { status.to_string() }
}

/// Whether a documented status (or range) is a success.
pub(crate) fn is_success_status(status: u16) -> bool {
    (200..300).contains(&status) || status == 2
}

/// One error enum of the `errors` module, for the operations that document the same errors
/// (the same variants, statuses, codes, body types and docs: their `errors`,
/// `classification` and `unknown_variant` are equal), decided by `passes::error_sets`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorSet {
    /// The enum: the operation's own error name when one operation uses it, else a name of
    /// its variants (`NotFoundErrors`); see `passes::error_sets`.
    pub name: String,
    /// The operations using it, indexes into [`super::Api::operations`] in their order;
    /// never empty. The first one's errors are the enum's.
    pub operations: Vec<usize>,
}

/// How a List operation pages: the request parameter that sends the token and the members
/// of the response struct that hold the next token and the page's items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paging {
    /// The builder setter that sends the token (a string parameter).
    pub input_token: String,
    /// The response struct.
    pub response: TypeId,
    /// Indexes into the response struct's fields: the next token (a string), the items (a list).
    pub output_token: usize,
    pub items: usize,
}
