//! The IR: what the model stage decided about one API, as data only.
//!
//! This is the contract between the model and emit stages, and nothing outside the crate
//! sees it. Types are referenced by [`TypeId`], an index into [`Api::types`]; every name the
//! emitted code uses is decided here (emit only turns names into identifiers); states that
//! cannot go together cannot be written (a field is required *or* optional *or* ...).

/// One API: what one generated crate contains.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Api {
    /// The crate's package name (and library name with `-` as `_`).
    pub crate_name: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub server: Option<Server>,
    pub auth: Vec<AuthScheme>,
    pub protocol: Protocol,
    pub operations: Vec<Operation>,
    /// Every named type, in the order the `types` module defines them; [`TypeId`]s index it.
    pub types: Vec<TypeDef>,
    /// A cargo feature per tag, in the order tags first appear; empty when no operation
    /// has a tag (then nothing is gated).
    pub features: Vec<Feature>,
}

/// How the API's responses are read: what the wire protocol implies beyond OpenAPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Protocol {
    /// Plain OpenAPI: an error response is classified by its status.
    Http,
    /// AWS rest-json (`x-aws-protocol: rest-json`): errors are classified by their code
    /// (header, then body) before their status; error bodies carry the request id; every
    /// operation is retried on transient failures whatever its method.
    AwsRestJson,
}

impl Protocol {
    /// Whether error responses carry a code that decides their variant before the status.
    pub fn classifies_by_code(self) -> bool {
        self == Protocol::AwsRestJson
    }

    /// Whether operations are retried whatever their method (else only idempotent ones).
    pub fn retries_any_method(self) -> bool {
        self == Protocol::AwsRestJson
    }
}

/// The index of a named type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TypeId(pub usize);

/// A reference to a type, as fields, parameters and bodies use them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// A point in time, sent as epoch seconds (`format: epoch-seconds`).
    Timestamp,
    /// A point in time, sent as an RFC 3339 string (`format: date-time`).
    DateTime,
    /// A calendar date, `2024-02-29` (`format: date`).
    Date,
    /// Bytes sent as a base64 string (`format: byte`).
    Base64,
    /// Raw bytes (`format: binary`): a file part of a multipart body, an octet-stream body.
    Binary,
    /// Any JSON value: the documented fallback for what the generator does not model.
    Json,
    /// A type defined in [`Api::types`].
    Named(TypeId),
    List(Box<TypeRef>),
    /// A JSON object with string keys (`additionalProperties`).
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// The named type this refers to directly (not inside a list or map).
    pub fn named(&self) -> Option<TypeId> {
        match self {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }

    /// Every named type this holds, through lists and maps.
    pub fn visit_named(&self, f: &mut impl FnMut(TypeId)) {
        match self {
            TypeRef::List(t) | TypeRef::Map(t) => t.visit_named(f),
            TypeRef::Named(id) => f(*id),
            _ => {}
        }
    }

    /// Renumbers the named types this holds.
    pub fn remap(&mut self, new_id: &impl Fn(TypeId) -> TypeId) {
        match self {
            TypeRef::List(t) | TypeRef::Map(t) => t.remap(new_id),
            TypeRef::Named(id) => *id = new_id(*id),
            _ => {}
        }
    }
}

/// A cargo feature that compiles the operations of one tag (and the types they use).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    /// `user-group` for the tag `UserGroup`; `untagged` for operations without a tag.
    pub name: String,
    pub tag: Option<String>,
    /// How many operations it compiles.
    pub operations: usize,
}

/// Which features compile an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Gate {
    /// The API has no features: always compiled.
    Always,
    /// What any operation may need (or what no operation uses): the `any-tag` feature,
    /// which every tag's feature enables.
    AnyTag,
    /// Compiled with any one of these features.
    Features(Vec<String>),
}

/// The base URL template of the API, from its first `servers` entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Server {
    /// The URL with `{variable}` placeholders, as in the spec.
    pub url: String,
    /// A relative URL (`/webconsole/api`): the user supplies the scheme and host.
    pub relative: bool,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServerVariable {
    pub wire_name: String,
    /// The client builder's setter.
    pub rust_name: String,
    pub default: String,
    pub doc: Option<String>,
}

/// A way to authenticate, with the client builder setter that configures it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AuthScheme {
    // Each variant carries `key`: its name in `components.securitySchemes`.
    /// An API key sent in a header, query parameter or cookie.
    ApiKey {
        key: String,
        setter: String,
        location: ParamLocation,
        /// The header, query parameter or cookie name.
        parameter: String,
        doc: Option<String>,
    },
    /// HTTP Basic: a user name and password.
    Basic { key: String, setter: String, doc: Option<String> },
    /// A bearer token: HTTP `bearer`, or an OAuth2 / OpenID Connect access token the caller
    /// obtained.
    Bearer { key: String, setter: String, doc: Option<String> },
    /// AWS Signature Version 4 (our `x-aws-sigv4` extension).
    SigV4 {
        key: String,
        signing_name: String,
        /// The rust name of the server variable that holds the region, if any.
        region_variable: Option<String>,
        doc: Option<String>,
    },
}

impl AuthScheme {
    /// Its name in `components.securitySchemes`.
    pub fn key(&self) -> &str {
        match self {
            AuthScheme::ApiKey { key, .. }
            | AuthScheme::Basic { key, .. }
            | AuthScheme::Bearer { key, .. }
            | AuthScheme::SigV4 { key, .. } => key,
        }
    }

    /// The credential of the runtime this scheme sends.
    pub fn credential(&self) -> Credential {
        match self {
            AuthScheme::ApiKey { parameter, .. } => Credential::ApiKey(parameter.clone()),
            AuthScheme::Basic { .. } => Credential::Basic,
            AuthScheme::Bearer { .. } => Credential::Bearer,
            AuthScheme::SigV4 { .. } => Credential::SigV4,
        }
    }
}

/// A credential the runtime holds (`sdkgen_runtime::Credential`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// The API key sent under this header, query parameter or cookie name.
    ApiKey(String),
    Basic,
    Bearer,
    SigV4,
}

/// What an operation sends of the configured credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationAuth {
    /// Nothing: the operation needs no authentication (or allows none).
    None,
    /// Every configured credential.
    All,
    /// Only these: the operation accepts fewer of the API's schemes than all.
    Only(Vec<Credential>),
}

/// A named type of the generated `types` module.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// An AWS error body: it also carries the response's request id (not part of the body).
    pub carries_request_id: bool,
    /// Which features compile it.
    pub gate: Gate,
    /// The optional traits it implements (see [`Traits`]).
    pub traits: Traits,
}

/// The traits a type implements beyond those every type of its kind has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Traits {
    /// `Eq` (and for enums `Hash`, `Ord`): no floats or JSON values inside.
    pub eq: bool,
    /// `Default`: a struct whose members are all optional.
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum that keeps unknown values in the `fallback` variant.
    Enum {
        variants: Vec<Variant>,
        fallback: String,
    },
    /// Another name for a type (`type Name = ...;`).
    Alias(TypeRef),
    /// An integer enum that keeps unknown values in the `fallback` variant.
    IntEnum {
        variants: Vec<IntVariant>,
        fallback: String,
    },
    /// `oneOf` / `anyOf`: one of several types.
    Union(Union),
    /// The success responses of an operation that documents several with different
    /// bodies: a variant per status. Not a wire type (no serde): chosen by the status.
    Outcomes(Vec<Outcome>),
}

impl TypeKind {
    /// The types a value of this kind holds directly (inside lists and maps too).
    pub fn members(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Outcomes(o) => o.iter().filter_map(|o| o.ty.as_ref()).collect(),
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
        }
    }

    fn members_mut(&mut self) -> Vec<&mut TypeRef> {
        match self {
            TypeKind::Struct(fields) => fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::Alias(t) => vec![t],
            TypeKind::Outcomes(o) => o.iter_mut().filter_map(|o| o.ty.as_mut()).collect(),
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Outcome {
    pub status: u16,
    /// `Status201`.
    pub rust_name: String,
    /// `None`: no body.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IntVariant {
    pub value: i64,
    pub rust_name: String,
}

/// A `oneOf` / `anyOf`. With a discriminator, the member is chosen by the value of one
/// property (and an unknown value is kept); without, the first member the value
/// deserializes as wins, in the spec's order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<Discriminator>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Discriminator {
    /// The wire name of the discriminating property.
    pub property: String,
    /// The variant holding a value with an unknown tag.
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this member (discriminated unions only).
    pub tag: Option<String>,
    /// Held through a `Box`: the member contains the union again.
    pub boxed: bool,
}

/// Whether a struct member must be there, and how its absence is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Presence {
    /// Required and not nullable: a plain field.
    Required,
    /// Optional: an `Option`, left out of the JSON when `None`.
    Optional,
    /// Required but nullable: an `Option` that is sent as `null` rather than left out.
    RequiredNullable,
    /// An optional boolean whose documented default is `false`: a plain `bool` that is
    /// `false` when absent.
    DefaultFalse,
    /// The members other than the properties (`additionalProperties` beside `properties`):
    /// a map, flattened into the object on the wire.
    Flattened,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    pub presence: Presence,
    /// Never printed by `Debug` (`x-sensitive`).
    pub sensitive: bool,
    /// Held through a `Box`: the field's type contains this struct again (a recursive
    /// schema), which would otherwise have no size.
    pub boxed: bool,
    pub doc: Option<String>,
}

impl Field {
    /// A plain field (not an `Option`) that must be set.
    pub fn is_required(&self) -> bool {
        self.presence == Presence::Required
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Variant {
    pub wire_value: String,
    pub rust_name: String,
    /// The number the server may send instead of the string (`x-integer-values`).
    pub integer: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Operation {
    /// The spec's operationId (or the one derived from method and path).
    pub id: String,
    /// The client method: `get_security_group`.
    pub method_name: String,
    /// The request builder: `GetSecurityGroup`.
    pub type_name: String,
    /// The error enum: `GetSecurityGroupError`.
    pub error_name: String,
    /// Upper-case HTTP method.
    pub http_method: String,
    /// The path template, `{wireName}` placeholders as in the spec.
    pub path: String,
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
        types.extend(self.success.ty.iter());
        types.extend(self.errors.iter().filter_map(|e| e.ty.as_ref()));
        types
    }

    fn types_mut(&mut self) -> Vec<&mut TypeRef> {
        let mut types: Vec<&mut TypeRef> = self.params.iter_mut().map(|p| &mut p.ty).collect();
        types.extend(self.body.iter_mut().filter_map(Body::ty_mut));
        types.extend(self.success.ty.iter_mut());
        types.extend(self.errors.iter_mut().filter_map(|e| e.ty.as_mut()));
        types
    }
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
    pub doc: Option<String>,
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

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Body {
    pub media: BodyMedia,
    pub required: bool,
    pub doc: Option<String>,
}

impl Body {
    /// The type of the value the builder takes.
    pub fn ty(&self) -> &TypeRef {
        const BYTES: &TypeRef = &TypeRef::Binary;
        match &self.media {
            BodyMedia::Json(ty) | BodyMedia::Form(ty) | BodyMedia::Multipart { ty, .. } => ty,
            BodyMedia::Bytes(_) => BYTES,
        }
    }

    fn ty_mut(&mut self) -> Option<&mut TypeRef> {
        match &mut self.media {
            BodyMedia::Json(ty) | BodyMedia::Form(ty) | BodyMedia::Multipart { ty, .. } => Some(ty),
            BodyMedia::Bytes(_) => None,
        }
    }
}

/// How a request body is encoded, and the type of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyMedia {
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`.
    Form(TypeRef),
    /// `multipart/form-data`: a part per member of the body struct (`parts`), or one JSON
    /// part `body` for a map.
    Multipart { ty: TypeRef, parts: Option<Vec<MultipartPart>> },
    /// Bytes sent as they are, with this content type (`application/octet-stream`, ...).
    Bytes(String),
}

/// One part of a multipart body: a member of the body struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MultipartPart {
    pub rust_name: String,
    pub wire_name: String,
    /// A plain field (else an `Option`: no part when `None`).
    pub required: bool,
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
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ErrorCase {
    pub variant: String,
    /// The documented status; `None` for `default` (any status not documented otherwise).
    pub status: Option<u16>,
    /// The body type; `None` keeps the raw response.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

/// The classification table of an operation's error responses: the first arm whose
/// pattern matches decides the variant; none matching, `fallback` does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Classification {
    pub arms: Vec<ErrorArm>,
    /// The `default` response's case (an index into `errors`); `None`: the catch-all.
    pub fallback: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorArm {
    /// Any one of these selects the case.
    pub patterns: Vec<ErrorPattern>,
    /// An index into the operation's `errors`.
    pub case: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ErrorPattern {
    /// The response's error code is this (protocols that classify by code).
    Code(String),
    /// The status is this (and, for protocols that classify by code, there is no code).
    Status(u16),
}

impl Api {
    /// The named type `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The named type behind `ty` with aliases followed; `None` for an unnamed type or an
    /// alias cycle (which the model reports).
    pub fn resolve<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t TypeDef> {
        let lookup = |id: TypeId| self.types.get(id.0);
        lookup(unalias(ty, lookup).named()?).filter(|d| !matches!(d.kind, TypeKind::Alias(_)))
    }

    /// Which features compile an operation: those of its tags.
    pub fn operation_gate(&self, op: &Operation) -> Gate {
        if self.features.is_empty() {
            return Gate::Always;
        }
        self.gate(super::naming::operation_features(op))
    }

    /// The gate of an item that any of `features` needs: `any-tag` when all need it.
    pub fn gate(&self, features: Vec<String>) -> Gate {
        if self.features.is_empty() {
            Gate::Always
        } else if features.is_empty() || features.len() >= self.features.len() {
            Gate::AnyTag
        } else {
            Gate::Features(features)
        }
    }

    /// Renumbers every type reference: after the types were reordered or some dropped.
    pub fn remap_types(&mut self, new_id: &impl Fn(TypeId) -> TypeId) {
        for def in &mut self.types {
            for ty in def.kind.members_mut() {
                ty.remap(new_id);
            }
        }
        for op in &mut self.operations {
            for ty in op.types_mut() {
                ty.remap(new_id);
            }
            if let Some(paging) = &mut op.paging {
                paging.response = new_id(paging.response);
            }
        }
    }
}

/// The one place aliases are chased: `ty` with aliases followed, through `lookup` (the
/// types by id: the finished list, or those defined so far while the model is built). A few
/// steps at most: a longer chain or a cycle (which the model reports) stops there.
pub(crate) fn unalias<'t>(ty: &'t TypeRef, lookup: impl Fn(TypeId) -> Option<&'t TypeDef>) -> &'t TypeRef {
    let mut ty = ty;
    for _ in 0..8 {
        match ty.named().and_then(&lookup).map(|d| &d.kind) {
            Some(TypeKind::Alias(target)) => ty = target,
            _ => return ty,
        }
    }
    ty
}
