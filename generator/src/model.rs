//! Model stage: a loaded spec into a validated, language-neutral [`Api`].
//!
//! Every `$ref` is resolved and every name the emitted code uses is decided here, once:
//! the emit stage never invents or converts a name. Problems are collected, not fail-fast,
//! so a user sees all of them in one run; each is located by JSON pointer (and line).

use std::collections::{BTreeMap, HashMap};

use crate::diag::{join, unescape_segment, Diagnostic, Severity};
use crate::load::LoadedSpec;
use crate::names::{member_name, type_name, variant_name};
use crate::spec::{self, AdditionalProperties, Schema};

/// One API: what one generated crate contains.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The crate's package name (and library name with `-` as `_`).
    pub crate_name: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub server: Option<Server>,
    pub auth: Vec<AuthScheme>,
    /// Error responses are identified as AWS rest-json does it (code, then status).
    pub aws_errors: bool,
    pub operations: Vec<Operation>,
    pub types: Vec<TypeDef>,
    /// A cargo feature per tag, in the order tags first appear; empty when no operation
    /// has a tag (then nothing is gated).
    pub features: Vec<Feature>,
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
}

impl Operation {
    /// The types the operation sends or receives: parameters, body, responses.
    pub fn types(&self) -> Vec<&TypeRef> {
        let mut types: Vec<&TypeRef> = self.params.iter().map(|p| &p.ty).collect();
        types.extend(self.body.iter().map(|b| &b.ty));
        types.extend(self.success.ty.iter());
        types.extend(self.errors.iter().filter_map(|e| e.ty.as_ref()));
        types
    }
}

/// The names of the named types `ty` holds, through lists and maps.
fn named_in<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::List(t) | TypeRef::Map(t) => named_in(t, out),
        TypeRef::Named(name) => out.push(name),
        _ => {}
    }
}

impl Api {
    /// Drops the types no operation uses, directly or through other types: what a build
    /// script that selects some operations wants compiled.
    pub fn retain_used_types(&mut self) {
        let mut used = std::collections::HashSet::new();
        let mut stack: Vec<&str> = Vec::new();
        for ty in self.operations.iter().flat_map(Operation::types) {
            named_in(ty, &mut stack);
        }
        while let Some(name) = stack.pop() {
            if !used.insert(name.to_owned()) {
                continue;
            }
            if let Some(def) = self.types.iter().find(|t| t.name == name) {
                for ty in def.kind.members() {
                    named_in(ty, &mut stack);
                }
            }
        }
        self.types.retain(|t| used.contains(&t.name));
    }
}

/// A cargo feature that compiles the operations of one tag (and the types they use).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// `user-group` for the tag `UserGroup`; `untagged` for operations without a tag.
    pub name: String,
    pub tag: Option<String>,
}

/// The base URL template of the API, from its first `servers` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL with `{variable}` placeholders, as in the spec.
    pub url: String,
    /// A relative URL (`/webconsole/api`): the user supplies the scheme and host.
    pub relative: bool,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    pub wire_name: String,
    /// The client builder's setter.
    pub rust_name: String,
    pub default: String,
    pub doc: Option<String>,
}

/// A way to authenticate, with the client builder setter that configures it.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthScheme {
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

/// A reference to a type, as fields, parameters and bodies use them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
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
    /// A type defined in [`Api::types`], by its Rust name.
    Named(String),
    List(Box<TypeRef>),
    /// A JSON object with string keys (`additionalProperties`).
    Map(Box<TypeRef>),
}

/// A named type of the generated `types` module.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
    /// An AWS error body: it also carries the response's request id (not part of the body).
    pub carries_request_id: bool,
    /// The features whose operations use this type (any one compiles it); empty when the
    /// API has no features. A type no operation uses is compiled with every feature's.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
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

#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: u16,
    /// `Status201`.
    pub rust_name: String,
    /// `None`: no body.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntVariant {
    pub value: i64,
    pub rust_name: String,
}

/// A `oneOf` / `anyOf`. With a discriminator, the member is chosen by the value of one
/// property (and an unknown value is kept in `fallback`); without, the first member the
/// value deserializes as wins, in the spec's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    /// The wire name of the discriminating property.
    pub discriminator: Option<String>,
    /// The variant holding a value with an unknown tag (discriminated unions only).
    pub fallback: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this member.
    pub tag: Option<String>,
    /// Held through a `Box`: the member contains the union again.
    pub boxed: bool,
    /// The component schema the member refers to, for the implicit discriminator value.
    pub schema_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    /// Required and not nullable: a plain field. Otherwise an `Option`.
    pub required: bool,
    /// An optional boolean whose documented default is `false`: a plain `bool` that is
    /// `false` when absent.
    pub default_false: bool,
    /// Never printed by `Debug` (`x-sensitive`).
    pub sensitive: bool,
    /// Held through a `Box`: the field's type contains this struct again (a recursive
    /// schema), which would otherwise have no size.
    pub boxed: bool,
    /// Required but nullable: an `Option` that is sent as `null` rather than left out.
    pub required_nullable: bool,
    /// The members other than the properties (`additionalProperties` beside `properties`):
    /// a map, flattened into the object on the wire. `ty` is the map.
    pub flatten: bool,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub wire_value: String,
    pub rust_name: String,
    /// The number the server may send instead of the string (`x-integer-values`).
    pub integer: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The spec's operationId (or the one derived from method and path).
    pub id: String,
    /// The client method: `get_security_group`.
    pub method_name: String,
    /// Prefix of the operation's types: `GetSecurityGroup`.
    pub type_name: String,
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
    /// The name of the catch-all error variant (`Unknown` unless a documented error took it).
    pub unknown_variant: String,
    /// Whether the configured credentials are sent.
    pub authenticated: bool,
    /// The security schemes (keys) whose credentials it accepts, in the spec's order; empty:
    /// all of the API's.
    pub security: Vec<String>,
    /// Retried on transient failures whatever its method (AWS operations are).
    pub retry_any_method: bool,
    /// Set for paged List operations.
    pub paging: Option<Paging>,
    /// The features that compile this operation (those of its tags); empty when the API
    /// has no features.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    /// Never printed by `Debug` (`x-sensitive`).
    pub sensitive: bool,
    /// Filled with a fresh UUID when the caller sets none (`x-aws-idempotency-token`).
    pub idempotency_token: bool,
    /// How a list or object query parameter is written.
    pub style: QueryStyle,
    pub doc: Option<String>,
}

/// How a query parameter that is a list or an object goes on the wire (`style`, `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// One value (also each item of an exploded list: `id=1&id=2`).
    Form { explode: bool },
    /// An object as `name[key]=value`.
    DeepObject,
}

/// How a List operation pages: names as decided for the request builder and the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// The builder setter that sends the token (a string parameter).
    pub input_token: String,
    /// The response field holding the next token, and whether it is optional.
    pub output_token: String,
    pub output_token_optional: bool,
    /// The response field holding the page's items, whether it is optional, and the item type.
    pub items: String,
    pub items_optional: bool,
    pub item_type: TypeRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ty: TypeRef,
    pub required: bool,
    pub doc: Option<String>,
    pub media: BodyMedia,
}

/// How a request body is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyMedia {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: a part per member of the body struct.
    Multipart,
    /// Sent as it is, with this content type (`application/octet-stream`, ...).
    Bytes(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    pub status: u16,
    /// `None`: no body is read.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCase {
    pub variant: String,
    /// The documented status; `None` for `default` (any status not documented otherwise).
    pub status: Option<u16>,
    /// The AWS error code this variant answers to (the schema's name), with `aws_errors`.
    pub code: Option<String>,
    /// The body type; `None` keeps the raw response.
    pub ty: Option<TypeRef>,
    pub doc: Option<String>,
}

/// The result of modelling one spec: the API, or the errors; warnings either way.
pub struct Modelled {
    pub api: Option<Api>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the model of a loaded spec; `crate_name` names the generated crate.
pub fn build(spec: &LoadedSpec, crate_name: &str) -> Modelled {
    build_with(spec, crate_name, false)
}

/// [`build`], optionally lenient: every problem the model stage finds becomes a warning and
/// the broken construct gets the fallback it gets anyway while problems are collected (an
/// unresolvable type is a `serde_json::Value`; a duplicate operation, parameter or property
/// is left out). Syntax and type errors of the YAML itself stay errors.
pub fn build_with(spec: &LoadedSpec, crate_name: &str, lenient: bool) -> Modelled {
    let mut b = Builder {
        spec,
        doc: &spec.document,
        types: Vec::new(),
        type_names: HashMap::new(),
        schema_names: HashMap::new(),
        inline_names: HashMap::new(),
        diagnostics: Vec::new(),
    };
    let api = b.api(crate_name);
    // In file order, as a reader goes through the spec; a component used by several
    // operations is reported once.
    b.diagnostics.sort_by_key(|d| d.line.unwrap_or(usize::MAX));
    let mut seen = std::collections::HashSet::new();
    b.diagnostics.retain(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    if lenient {
        for d in &mut b.diagnostics {
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
                d.message.push_str(" [skipped: lenient mode]");
            }
        }
    }
    let failed = b
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    Modelled {
        api: (!failed).then_some(api),
        diagnostics: b.diagnostics,
    }
}

struct Builder<'a> {
    spec: &'a LoadedSpec,
    doc: &'a spec::OpenApi,
    types: Vec<TypeDef>,
    /// Rust type name -> pointer of what claimed it.
    type_names: HashMap<String, String>,
    /// `components.schemas` key -> Rust type name.
    schema_names: HashMap<String, String>,
    /// JSON pointer of an inline schema -> the Rust type defined for it.
    inline_names: HashMap<String, String>,
    diagnostics: Vec<Diagnostic>,
}

/// An object schema an `allOf` merges, and the type its inline members are named after.
struct Part<'s> {
    owner: String,
    schema: &'s Schema,
    pointer: String,
}

/// Methods of std traits: a setter or method of that name trips clippy's
/// `should_implement_trait`, or loses to the trait's in method resolution (`client.into()`
/// picks `Into::into`, which takes `self` by value, before an inherent `&self` method).
const STD_METHODS: [&str; 34] = [
    "into", "try_into", "to_owned", "to_string",
    "add", "sub", "mul", "div", "rem", "neg", "not", "shl", "shr", "bitand", "bitor", "bitxor",
    "index", "index_mut", "deref", "deref_mut", "drop", "eq", "ne", "cmp", "partial_cmp", "hash",
    "fmt", "clone", "default", "next", "borrow", "borrow_mut", "as_ref", "from_str",
];

/// Settings of the client builder that a spec-derived setter must not shadow.
const BUILDER_SETTERS: [&str; 13] = [
    "runtime",
    "default",
    "base_url",
    "server_url",
    "timeout",
    "operation_timeout",
    "connect_timeout",
    "retry",
    "user_agent",
    "credentials",
    "signing_time",
    "build",
    "new",
];

impl<'a> Builder<'a> {
    fn error(&mut self, pointer: &str, message: String) {
        let d = self.spec.diagnostic(Severity::Error, pointer, message);
        self.diagnostics.push(d);
    }

    fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    fn warning(&mut self, pointer: &str, message: String) {
        let d = self.spec.diagnostic(Severity::Warning, pointer, message);
        self.diagnostics.push(d);
    }

    fn api(&mut self, crate_name: &str) -> Api {
        let doc = self.doc;
        // Component schema names first, in spec order, so they win over derived names.
        for key in doc.components.schemas.keys() {
            let pointer = join("/components/schemas", key);
            let wanted = type_name(key);
            // The rename policy: the first in spec order keeps the name, the next get `2`,
            // `3`, ... with a warning.
            if let Some(first) = self.type_names.get(&wanted).cloned() {
                let name = self.claim_derived(wanted.clone(), &pointer);
                let message = format!(
                    "schema `{key}` becomes the Rust type `{wanted}`, which {} already names; \
                     it is `{name}`",
                    describe_pointer(&first)
                );
                self.warning(&pointer, message);
                self.schema_names.insert(key.clone(), name);
                continue;
            }
            self.type_names.insert(wanted.clone(), pointer);
            self.schema_names.insert(key.clone(), wanted);
        }
        for (key, schema) in &doc.components.schemas {
            if let Some(name) = self.schema_names.get(key).cloned() {
                self.define(name, schema, &join("/components/schemas", key));
            }
        }
        self.check_alias_cycles();
        let server = self.server();
        let auth = self.auth(server.as_ref());
        let aws_errors = match doc.x_aws_protocol.as_deref() {
            None => false,
            Some("rest-json") => true,
            Some(other) => {
                self.error(
                    "/x-aws-protocol",
                    format!("unknown `x-aws-protocol` `{other}`: the one supported is `rest-json`"),
                );
                false
            }
        };
        let mut operations = self.operations();
        self.tag_union_members();
        self.box_recursive_members();
        let features = self.tag_features(&mut operations);
        if aws_errors {
            self.mark_request_id_carriers(&operations);
        }
        Api {
            crate_name: crate_name.to_owned(),
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            description: doc.info.description.clone(),
            server,
            auth,
            aws_errors,
            operations,
            types: std::mem::take(&mut self.types),
            features,
        }
    }

    /// A cargo feature per tag, so that a user compiles only the groups of operations they
    /// use: each operation gets the features of its tags, each type those of the operations
    /// that reach it. Feature names are the tags in kebab-case (`UserGroup` -> `user-group`).
    fn tag_features(&mut self, operations: &mut [Operation]) -> Vec<Feature> {
        if operations.iter().all(|op| op.tags.is_empty()) {
            return Vec::new();
        }
        let mut features: Vec<Feature> = Vec::new();
        for op in operations.iter_mut() {
            let tags: Vec<Option<&String>> = if op.tags.is_empty() { vec![None] } else { op.tags.iter().map(Some).collect() };
            for tag in tags {
                let name = match tag {
                    Some(tag) => feature_name(tag),
                    None => "untagged".to_owned(),
                };
                if !features.iter().any(|f| f.name == name) {
                    features.push(Feature { name: name.clone(), tag: tag.cloned() });
                }
                if !op.features.contains(&name) {
                    op.features.push(name);
                }
            }
        }
        let index: HashMap<String, usize> =
            self.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let contained = |types: Vec<&TypeRef>| -> Vec<usize> {
            let mut names = Vec::new();
            for ty in types {
                named_in(ty, &mut names);
            }
            names.into_iter().filter_map(|n| index.get(n).copied()).collect()
        };
        let children: Vec<Vec<usize>> = self.types.iter().map(|t| contained(t.kind.members())).collect();
        // The features of a type flow on to every type it contains, until nothing changes.
        let propagate = |reached: &mut Vec<std::collections::BTreeSet<usize>>| {
            let mut changed = true;
            while changed {
                changed = false;
                for i in 0..reached.len() {
                    for &j in &children[i] {
                        if !reached[i].is_subset(&reached[j]) {
                            let add = reached[i].clone();
                            reached[j].extend(add);
                            changed = true;
                        }
                    }
                }
            }
        };
        let mut reached: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); self.types.len()];
        for op in operations.iter() {
            let feature_ids: Vec<usize> = op.features.iter().filter_map(|f| features.iter().position(|g| &g.name == f)).collect();
            for i in contained(op.types()) {
                reached[i].extend(feature_ids.iter().copied());
            }
        }
        propagate(&mut reached);
        // A schema no operation uses is kept (it documents the API) and compiled with any
        // feature, and so is what it contains.
        for ids in reached.iter_mut().filter(|ids| ids.is_empty()) {
            ids.extend(0..features.len());
        }
        propagate(&mut reached);
        for (def, ids) in self.types.iter_mut().zip(reached) {
            def.features = ids.into_iter().map(|i| features[i].name.clone()).collect();
        }
        features
    }

    /// `A: {$ref: B}` with `B: {$ref: A}` names no type at all.
    fn check_alias_cycles(&mut self) {
        let alias_of = |types: &[TypeDef], name: &str| {
            types.iter().find(|t| t.name == name).and_then(|t| match &t.kind {
                TypeKind::Alias(TypeRef::Named(target)) => Some(target.clone()),
                _ => None,
            })
        };
        let mut cyclic = Vec::new();
        for def in &self.types {
            let mut current = def.name.clone();
            for _ in 0..self.types.len() {
                match alias_of(&self.types, &current) {
                    Some(next) if next == def.name => {
                        cyclic.push(def.name.clone());
                        break;
                    }
                    Some(next) => current = next,
                    None => break,
                }
            }
        }
        for name in cyclic {
            let pointer = self.type_names.get(&name).cloned().unwrap_or_default();
            self.error(&pointer, format!("`{name}` refers to itself through `$ref`s alone, so it names no type; give one of them a schema"));
        }
    }

    /// The discriminator value of each member of a discriminated union not given by the
    /// `mapping`: the one value its discriminator property allows (`destVendor: enum:
    /// [Amazon]`, as Commvault writes them), else the schema name (as OpenAPI says).
    fn tag_union_members(&mut self) {
        let single_value = |types: &[TypeDef], member: &TypeRef, property: &str| -> Option<String> {
            let TypeRef::Named(name) = member else { return None };
            let TypeKind::Struct(fields) = &types.iter().find(|t| &t.name == name)?.kind else {
                return None;
            };
            let field = fields.iter().find(|f| f.wire_name == property)?;
            let TypeRef::Named(enum_name) = &field.ty else { return None };
            match &types.iter().find(|t| &t.name == enum_name)?.kind {
                TypeKind::Enum { variants, .. } if variants.len() == 1 => Some(variants[0].wire_value.clone()),
                _ => None,
            }
        };
        let mut problems = Vec::new();
        for i in 0..self.types.len() {
            let TypeKind::Union(union) = &self.types[i].kind else { continue };
            let Some(property) = union.discriminator.clone() else { continue };
            let mut tags = Vec::new();
            for v in &union.variants {
                let tag = v.tag.clone()
                    .or_else(|| single_value(&self.types, &v.ty, &property))
                    .or_else(|| v.schema_key.clone());
                tags.push(tag);
            }
            let name = self.types[i].name.clone();
            let TypeKind::Union(union) = &mut self.types[i].kind else { continue };
            let mut seen = std::collections::HashSet::new();
            let usable = tags.iter().all(|t| t.as_ref().is_some_and(|t| seen.insert(t.clone())));
            if usable {
                for (v, tag) in union.variants.iter_mut().zip(tags) {
                    v.tag = tag;
                }
            } else {
                // Members without a value of their own (inline, not in the mapping) or two
                // with the same value: chosen by shape instead.
                union.discriminator = None;
                union.fallback = None;
                problems.push(name);
            }
        }
        for name in problems {
            let pointer = self.type_names.get(&name).cloned().unwrap_or_default();
            self.warning(&pointer, format!("`{name}`: not every member has its own discriminator value; the member is chosen by shape instead"));
        }
    }

    /// A recursive schema (a struct that contains itself without a list or map between)
    /// would have no size: the members on such a cycle are boxed, and only those.
    fn box_recursive_members(&mut self) {
        let index: HashMap<String, usize> =
            self.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        let direct = |ty: &TypeRef| match ty {
            TypeRef::Named(n) => index.get(n).copied(),
            _ => None,
        };
        let edges: Vec<Vec<usize>> = self
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.ty)).collect(),
                TypeKind::Union(u) => u.variants.iter().filter_map(|v| direct(&v.ty)).collect(),
                TypeKind::Alias(ty) => direct(ty).into_iter().collect(),
                _ => Vec::new(),
            })
            .collect();
        let reaches = |from: usize, to: usize| {
            let mut seen = vec![false; edges.len()];
            let mut stack = vec![from];
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if !std::mem::replace(&mut seen[n], true) {
                    stack.extend(&edges[n]);
                }
            }
            false
        };
        let mut boxed: Vec<(usize, usize)> = Vec::new();
        for (i, t) in self.types.iter().enumerate() {
            let targets: Vec<Option<usize>> = match &t.kind {
                TypeKind::Struct(fields) => fields.iter().map(|f| direct(&f.ty)).collect(),
                TypeKind::Union(u) => u.variants.iter().map(|v| direct(&v.ty)).collect(),
                _ => continue,
            };
            for (j, target) in targets.into_iter().enumerate() {
                if target.is_some_and(|target| reaches(target, i)) {
                    boxed.push((i, j));
                }
            }
        }
        for (i, j) in boxed {
            match &mut self.types[i].kind {
                TypeKind::Struct(fields) => fields[j].boxed = true,
                TypeKind::Union(u) => u.variants[j].boxed = true,
                _ => {}
            }
        }
    }

    /// AWS error bodies carry the request id beside their members, so that a typed error
    /// still tells which request failed; not when a member already has the name.
    fn mark_request_id_carriers(&mut self, operations: &[Operation]) {
        for op in operations {
            for e in &op.errors {
                let Some(TypeRef::Named(name)) = &e.ty else {
                    continue;
                };
                if let Some(def) = self.types.iter_mut().find(|t| &t.name == name) {
                    if let TypeKind::Struct(fields) = &def.kind {
                        def.carries_request_id = fields.iter().all(|f| f.rust_name != "request_id");
                    }
                }
            }
        }
    }

    // ----- servers and auth -------------------------------------------------------------

    fn server(&mut self) -> Option<Server> {
        let first = self.doc.servers.first()?;
        let mut variables = Vec::new();
        for (wire, var) in &first.variables {
            let mut rust_name = member_name(wire);
            if BUILDER_SETTERS.contains(&rust_name.as_str()) {
                rust_name.push_str("_variable");
            }
            if let Some(other) = variables.iter().find(|v: &&ServerVariable| v.rust_name == rust_name) {
                // The rename policy: the first keeps the name, the next get `_2`, `_3`, ...
                let other = other.wire_name.clone();
                let base = rust_name.clone();
                let mut n = 2;
                while variables.iter().any(|v| v.rust_name == rust_name) {
                    rust_name = format!("{base}_{n}");
                    n += 1;
                }
                self.warning(
                    &join("/servers/0/variables", wire),
                    format!("server variables `{other}` and `{wire}` both become the setter `{base}`; `{wire}` is `{rust_name}`"),
                );
            }
            variables.push(ServerVariable {
                wire_name: wire.clone(),
                rust_name,
                default: var.default.clone(),
                doc: var.description.clone(),
            });
        }
        for placeholder in placeholders(&first.url) {
            if !first.variables.contains_key(placeholder) {
                self.error(
                    "/servers/0/url",
                    format!("server URL uses `{{{placeholder}}}` but declares no such variable"),
                );
            }
        }
        Some(Server {
            url: first.url.clone(),
            relative: first.url.starts_with('/'),
            variables,
        })
    }

    fn auth(&mut self, server: Option<&Server>) -> Vec<AuthScheme> {
        let mut schemes = Vec::new();
        for (key, scheme) in &self.doc.components.security_schemes {
            let pointer = join("/components/securitySchemes", key);
            if let Some(sigv4) = &scheme.x_aws_sigv4 {
                let region_variable = match &sigv4.region_variable {
                    None => None,
                    Some(wire) => {
                        let var = server.and_then(|s| s.variables.iter().find(|v| &v.wire_name == wire));
                        match var {
                            Some(v) => Some(v.rust_name.clone()),
                            None => {
                                self.error(
                                    &format!("{pointer}/x-aws-sigv4/regionVariable"),
                                    format!("`regionVariable` names `{wire}`, which is not a variable of the first server"),
                                );
                                None
                            }
                        }
                    }
                };
                schemes.push(AuthScheme::SigV4 {
                    key: key.clone(),
                    signing_name: sigv4.signing_name.clone(),
                    region_variable,
                    doc: scheme.description.clone(),
                });
                continue;
            }
            let scheme_setter = |schemes: &[AuthScheme], wanted: String| -> Option<String> {
                let taken = |name: &str| {
                    BUILDER_SETTERS.contains(&name)
                        || server.is_some_and(|s| s.variables.iter().any(|v| v.rust_name == name))
                        || schemes.iter().any(|a| match a {
                            AuthScheme::ApiKey { setter, .. }
                            | AuthScheme::Basic { setter, .. }
                            | AuthScheme::Bearer { setter, .. } => setter == name,
                            AuthScheme::SigV4 { .. } => false,
                        })
                };
                [wanted.clone(), format!("{wanted}_key"), format!("{wanted}_auth")]
                    .into_iter()
                    .find(|n| !taken(n))
            };
            let kind = scheme.kind.as_str();
            let http_scheme = scheme.scheme.as_deref().map(str::to_ascii_lowercase);
            let made = match (kind, scheme.location.as_deref(), &scheme.name) {
                ("apiKey", Some(location @ ("header" | "query" | "cookie")), Some(name)) => {
                    let location = match location {
                        "header" => ParamLocation::Header,
                        "query" => ParamLocation::Query,
                        _ => ParamLocation::Cookie,
                    };
                    scheme_setter(&schemes, member_name(key)).map(|setter| AuthScheme::ApiKey {
                        key: key.clone(),
                        setter,
                        location,
                        parameter: name.clone(),
                        doc: scheme.description.clone(),
                    })
                }
                ("apiKey", _, None) => {
                    self.error(&pointer, "an apiKey security scheme needs a `name`".into());
                    continue;
                }
                ("http", _, _) if http_scheme.as_deref() == Some("basic") => {
                    scheme_setter(&schemes, member_name(key)).map(|setter| AuthScheme::Basic {
                        key: key.clone(),
                        setter,
                        doc: scheme.description.clone(),
                    })
                }
                ("http", _, _) if http_scheme.as_deref() == Some("bearer") => {
                    scheme_setter(&schemes, member_name(key)).map(|setter| AuthScheme::Bearer {
                        key: key.clone(),
                        setter,
                        doc: scheme.description.clone(),
                    })
                }
                // The client does not run OAuth2 flows: the caller brings the access token.
                ("oauth2" | "openIdConnect", _, _) => {
                    scheme_setter(&schemes, member_name(key)).map(|setter| AuthScheme::Bearer {
                        key: key.clone(),
                        setter,
                        doc: Some(append(
                            scheme.description.clone(),
                            "Takes an access token obtained through the scheme's flow (the client does not run the flow).",
                        )),
                    })
                }
                (kind, location, _) => {
                    let what = match (location, &http_scheme) {
                        (Some(l), _) => format!("{kind} in {l}"),
                        (None, Some(s)) => format!("{kind} {s}"),
                        (None, None) => kind.to_owned(),
                    };
                    self.warning(
                        &pointer,
                        format!(
                            "security scheme type `{what}` is not supported yet; the client \
                             sends no credentials for it"
                        ),
                    );
                    continue;
                }
            };
            match made {
                Some(made) => schemes.push(made),
                None => self.error(&pointer, format!("security scheme `{key}` needs a setter name that is taken; rename it")),
            }
        }
        schemes
    }

    // ----- types --------------------------------------------------------------------------

    /// Claims a derived (inline) type name, adding a number when it is taken.
    fn claim_derived(&mut self, wanted: String, pointer: &str) -> String {
        let mut name = wanted.clone();
        let mut n = 2;
        while self.type_names.contains_key(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.type_names.insert(name.clone(), pointer.to_owned());
        name
    }

    /// Defines the named type `name` from `schema`.
    fn define(&mut self, name: String, schema: &Schema, pointer: &str) {
        let doc = schema.description.clone().or_else(|| schema.title.clone());
        let kind = if let Some(values) = string_enum_values(schema) {
            self.enum_kind(values, schema, pointer)
        } else if let Some(values) = int_enum_values(schema) {
            int_enum_kind(values)
        } else if schema.all_of.is_some() {
            self.all_of_kind(&name, schema, pointer)
        } else if schema.one_of.is_some() || schema.any_of.is_some() {
            self.union_kind(&name, schema, pointer)
        } else if is_object_with_properties(schema) {
            TypeKind::Struct(self.fields(&name, schema, pointer, true))
        } else {
            TypeKind::Alias(self.type_of(schema, pointer, &name))
        };
        let doc = with_constraints(doc, schema);
        self.types.push(TypeDef {
            name,
            doc,
            kind,
            carries_request_id: false,
            features: Vec::new(),
        });
    }

    fn enum_kind(&mut self, values: Vec<String>, schema: &Schema, pointer: &str) -> TypeKind {
        let integers = schema.x_integer_values.as_ref();
        if integers.is_some_and(|i| i.len() != values.len()) {
            self.warning(
                &join(pointer, "x-integer-values"),
                format!(
                    "`x-integer-values` lists {} numbers for {} enum values; it is ignored",
                    integers.map_or(0, Vec::len),
                    values.len()
                ),
            );
        }
        let integers = integers.filter(|i| i.len() == values.len());
        let mut variants: Vec<Variant> = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            let base = variant_name(&value);
            let mut rust_name = base.clone();
            let mut n = 2;
            while variants.iter().any(|v| v.rust_name == rust_name) {
                rust_name = format!("{base}{n}");
                n += 1;
            }
            if variants.iter().any(|v| v.wire_value == value) {
                self.warning(pointer, format!("enum value `{value}` is listed twice"));
                continue;
            }
            variants.push(Variant {
                wire_value: value,
                rust_name,
                integer: integers.map(|ints| ints[i]),
            });
        }
        let fallback = fallback_name(variants.iter().map(|v| v.rust_name.as_str()));
        TypeKind::Enum { variants, fallback }
    }

    /// `allOf`: one struct with the properties of every member, later members refining
    /// earlier ones; `allOf` of a single member and nothing else is that member.
    fn all_of_kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> TypeKind {
        let members = schema.all_of.as_deref().unwrap_or_default();
        if members.len() == 1 && !is_object_with_properties(schema) {
            return TypeKind::Alias(self.type_of(&members[0], &join(&join(pointer, "allOf"), "0"), name));
        }
        let mut parts = Vec::new();
        if !self.object_parts(name, schema, pointer, 0, &mut parts) {
            return TypeKind::Alias(TypeRef::Json);
        }
        let mut fields: Vec<Field> = Vec::new();
        // Where each field was last defined, for its `nullable`.
        let mut defined_in: Vec<usize> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            for field in self.fields(&part.owner, part.schema, &part.pointer, false) {
                match fields.iter().position(|f| f.wire_name == field.wire_name) {
                    Some(at) => {
                        fields[at] = Field { rust_name: fields[at].rust_name.clone(), ..field };
                        defined_in[at] = i;
                    }
                    None => {
                        fields.push(field);
                        defined_in.push(i);
                    }
                }
            }
        }
        self.dedupe_field_names(&mut fields, pointer);
        let required: Vec<&String> = parts.iter().flat_map(|p| &p.schema.required).collect();
        for (field, &i) in fields.iter_mut().zip(&defined_in) {
            let nullable = parts[i]
                .schema
                .properties
                .as_ref()
                .and_then(|p| p.get(&field.wire_name))
                .is_some_and(|p| self.is_nullable_prop(p));
            let listed = required.contains(&&field.wire_name);
            field.required = listed && !nullable;
            field.required_nullable = listed && nullable;
            // `fields` decided it with its own part's `required` only.
            field.default_false &= !listed;
        }
        for name in required {
            if !fields.iter().any(|f| &f.wire_name == name) {
                self.warning(
                    &join(pointer, "allOf"),
                    format!("`{name}` is listed as required but no member has the property; ignored"),
                );
            }
        }
        TypeKind::Struct(fields)
    }

    /// The object schemas an `allOf` merges, `$ref`s and nested `allOf`s followed; `false`
    /// (after a warning) when a member is not an object.
    fn object_parts<'s>(
        &mut self,
        owner: &str,
        schema: &'s Schema,
        pointer: &str,
        depth: usize,
        parts: &mut Vec<Part<'s>>,
    ) -> bool
    where
        'a: 's,
    {
        if depth > 16 {
            self.warning(pointer, "`allOf` members refer to each other in a cycle; this value is a serde_json::Value".into());
            return false;
        }
        if schema.properties.is_some() {
            parts.push(Part { owner: owner.to_owned(), schema, pointer: pointer.to_owned() });
        }
        for (i, member) in schema.all_of.iter().flatten().enumerate() {
            let at = join(&join(pointer, "allOf"), &i.to_string());
            let (owner, member, at) = match &member.reference {
                Some(reference) => {
                    let doc = self.doc;
                    let key = reference.strip_prefix("#/components/schemas/").map(unescape_segment);
                    let target = key.as_ref().and_then(|k| Some((k, doc.components.schemas.get(k)?, self.schema_names.get(k)?)));
                    match target {
                        Some((key, target, name)) => (name.clone(), target, join("/components/schemas", key)),
                        None => {
                            self.unresolved(&join(&at, "$ref"), reference, "#/components/schemas/");
                            return false;
                        }
                    }
                }
                None => (owner.to_owned(), member, at),
            };
            let is_object = member.all_of.is_some()
                || member.properties.is_some()
                || (member.enumeration.is_none()
                    && member.one_of.is_none()
                    && member.any_of.is_none()
                    && member.kind.as_ref().is_none_or(|k| k.0.iter().all(|t| t == "object")));
            if !is_object {
                self.warning(
                    &at,
                    "an `allOf` member that is not an object cannot be merged yet; this value is a serde_json::Value".into(),
                );
                return false;
            }
            if member.all_of.is_some() {
                if !self.object_parts(&owner, member, &at, depth + 1, parts) {
                    return false;
                }
            } else if member.properties.is_some() {
                parts.push(Part { owner, schema: member, pointer: at });
            }
        }
        true
    }

    /// `oneOf` / `anyOf`: an enum of the members; `[X, {type: null}]` is an optional X.
    fn union_kind(&mut self, name: &str, schema: &Schema, pointer: &str) -> TypeKind {
        let (key, members) = match (&schema.one_of, &schema.any_of) {
            (Some(m), _) => ("oneOf", m),
            (None, Some(m)) => ("anyOf", m),
            (None, None) => return TypeKind::Alias(TypeRef::Json),
        };
        let at = |i: usize| join(&join(pointer, key), &i.to_string());
        let non_null: Vec<(usize, &Schema)> =
            members.iter().enumerate().filter(|(_, m)| !is_null_type(m)).collect();
        if let [(i, only)] = non_null.as_slice() {
            return TypeKind::Alias(self.type_of(only, &at(*i), name));
        }
        let mapping: HashMap<String, String> = schema
            .discriminator
            .iter()
            .flat_map(|d| &d.mapping)
            // A mapping value is a `$ref` or a bare schema name.
            .map(|(value, target)| {
                let target = if target.starts_with('#') {
                    target.clone()
                } else {
                    format!("#/components/schemas/{target}")
                };
                (target, value.clone())
            })
            .collect();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (i, member) in non_null {
            let hint = match &member.title {
                Some(title) => format!("{name}{}", type_name(title)),
                None => format!("{name}Variant{}", i + 1),
            };
            let ty = self.type_of(member, &at(i), &hint);
            let schema_key = member
                .reference
                .as_deref()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .map(unescape_segment);
            let base = match (&ty, &member.reference) {
                (TypeRef::Named(n), Some(_)) => n.clone(),
                (TypeRef::Named(_), None) => match &member.title {
                    Some(title) => type_name(title),
                    None => format!("Variant{}", i + 1),
                },
                (other, _) => kind_word(other).to_owned(),
            };
            let mut rust_name = base.clone();
            let mut n = 2;
            while variants.iter().any(|v| v.rust_name == rust_name) {
                rust_name = format!("{base}{n}");
                n += 1;
            }
            let tag = member.reference.as_ref().and_then(|r| mapping.get(r)).cloned();
            variants.push(UnionVariant { rust_name, ty, tag, boxed: false, schema_key });
        }
        let discriminator = schema.discriminator.as_ref().map(|d| d.property_name.clone());
        let fallback = discriminator
            .as_ref()
            .map(|_| fallback_name_from(&["Unknown", "UnknownVariant", "UnrecognizedVariant"], variants.iter().map(|v| v.rust_name.as_str())));
        TypeKind::Union(Union { variants, discriminator, fallback })
    }

    fn fields(&mut self, struct_name: &str, schema: &Schema, pointer: &str, check_required: bool) -> Vec<Field> {
        let mut fields: Vec<Field> = Vec::new();
        let properties = schema.properties.as_ref();
        for (wire, prop) in properties.into_iter().flatten() {
            let prop_pointer = join(&join(pointer, "properties"), wire);
            let rust_name = member_name(wire);
            let hint = format!("{struct_name}{}", type_name(wire));
            let ty = self.type_of(prop, &prop_pointer, &hint);
            let nullable = self.is_nullable_prop(prop);
            let listed = schema.required.contains(wire);
            let required = listed && !nullable;
            let default_false = !listed
                && ty == TypeRef::Bool
                && matches!(prop.default, Some(serde_yaml::Value::Bool(false)));
            // A `$ref` without a description of its own is described by its target.
            let mut doc = prop.description.clone().or_else(|| {
                let key = prop.reference.as_deref()?.strip_prefix("#/components/schemas/")?;
                self.doc.components.schemas.get(&unescape_segment(key))?.description.clone()
            });
            if prop.read_only {
                doc = Some(append(doc, "Read-only: sent by the server, ignored in requests."));
            }
            let sensitive = self.is_sensitive(prop);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name,
                ty,
                required,
                default_false,
                sensitive,
                boxed: false,
                required_nullable: listed && nullable,
                flatten: false,
                doc: with_constraints(doc, prop),
            });
        }
        // Properties and `additionalProperties` together: the other members in a map.
        let others = match &schema.additional_properties {
            Some(AdditionalProperties::Schema(values)) if properties.is_some_and(|p| !p.is_empty()) => {
                let at = join(pointer, "additionalProperties");
                Some(self.type_of(values, &at, &format!("{struct_name}Value")))
            }
            Some(AdditionalProperties::Allowed(true)) if properties.is_some_and(|p| !p.is_empty()) => Some(TypeRef::Json),
            _ => None,
        };
        if let Some(values) = others {
            fields.push(Field {
                wire_name: "additionalProperties".to_owned(),
                rust_name: "additional_properties".to_owned(),
                ty: TypeRef::Map(Box::new(values)),
                required: false,
                default_false: false,
                sensitive: false,
                boxed: false,
                required_nullable: false,
                flatten: true,
                doc: Some("The members not listed among the properties (`additionalProperties`).".to_owned()),
            });
        }
        if check_required {
            self.dedupe_field_names(&mut fields, pointer);
            for name in &schema.required {
                if !properties.is_some_and(|p| p.contains_key(name)) {
                    self.warning(
                        &join(pointer, "required"),
                        format!("`{name}` is listed as required but is not a property; ignored"),
                    );
                }
            }
        }
        fields
    }

    /// The rename policy for properties whose Rust names collide (`fooBar`, `foo_bar`): the
    /// first in spec order keeps the name, the next get `_2`, `_3`, ... with a warning.
    fn dedupe_field_names(&mut self, fields: &mut [Field], pointer: &str) {
        for i in 1..fields.len() {
            let base = fields[i].rust_name.clone();
            let Some(first) = fields[..i].iter().find(|f| f.rust_name == base) else {
                continue;
            };
            let first = first.wire_name.clone();
            let mut n = 2;
            let mut rust_name = format!("{base}_{n}");
            while fields.iter().any(|f| f.rust_name == rust_name) {
                n += 1;
                rust_name = format!("{base}_{n}");
            }
            let wire = fields[i].wire_name.clone();
            self.warning(
                &join(&join(pointer, "properties"), &wire),
                format!("properties `{first}` and `{wire}` both become the Rust field `{base}`; `{wire}` is the field `{rust_name}`"),
            );
            fields[i].rust_name = rust_name;
        }
    }

    /// The type of a schema used in place; inline enums and objects are defined under `hint`.
    fn type_of(&mut self, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        if let Some(reference) = &schema.reference {
            return match self.schema_ref(reference) {
                Some(name) => TypeRef::Named(name),
                None => {
                    self.unresolved(&join(pointer, "$ref"), reference, "#/components/schemas/");
                    TypeRef::Json
                }
            };
        }
        if let Some(members) = &schema.all_of {
            if members.len() == 1 && !is_object_with_properties(schema) {
                return self.type_of(&members[0], &join(&join(pointer, "allOf"), "0"), hint);
            }
            return self.inline_named(schema, pointer, hint);
        }
        for (key, members) in [("oneOf", &schema.one_of), ("anyOf", &schema.any_of)] {
            if let Some(members) = members {
                let non_null: Vec<(usize, &Schema)> =
                    members.iter().enumerate().filter(|(_, m)| !is_null_type(m)).collect();
                if let [(i, only)] = non_null.as_slice() {
                    return self.type_of(only, &join(&join(pointer, key), &i.to_string()), hint);
                }
                return self.inline_named(schema, pointer, hint);
            }
        }
        let kinds = match self.kinds(schema, pointer) {
            Some(kinds) => kinds,
            None => return TypeRef::Json,
        };
        if string_enum_values(schema).is_some() || int_enum_values(schema).is_some() {
            return self.inline_named(schema, pointer, hint);
        }
        if let Some(value) = &schema.const_value {
            if kinds.is_empty() {
                return match value {
                    serde_yaml::Value::Bool(_) => TypeRef::Bool,
                    serde_yaml::Value::Number(n) if n.is_i64() || n.is_u64() => TypeRef::I64,
                    serde_yaml::Value::Number(_) => TypeRef::F64,
                    _ => TypeRef::Json,
                };
            }
        }
        match kinds.as_slice() {
            [] if is_object_with_properties(schema) => self.inline_named(schema, pointer, hint),
            [] => TypeRef::Json,
            [kind] => match *kind {
                "string" => match schema.format.as_deref() {
                    Some("date-time") => TypeRef::DateTime,
                    Some("date") => TypeRef::Date,
                    Some("byte") => TypeRef::Base64,
                    Some("binary") => TypeRef::Binary,
                    _ => TypeRef::String,
                },
                "boolean" => TypeRef::Bool,
                "number" | "integer" if schema.format.as_deref() == Some("epoch-seconds") => {
                    TypeRef::Timestamp
                }
                "integer" => match schema.format.as_deref() {
                    Some("int32") => TypeRef::I32,
                    _ => TypeRef::I64,
                },
                "number" => match schema.format.as_deref() {
                    Some("float") => TypeRef::F32,
                    _ => TypeRef::F64,
                },
                "array" => match &schema.items {
                    Some(items) => {
                        let item_hint = format!("{hint}Item");
                        TypeRef::List(Box::new(self.type_of(items, &join(pointer, "items"), &item_hint)))
                    }
                    None => {
                        self.warning(
                            pointer,
                            "array without `items`: its items are serde_json::Value".into(),
                        );
                        TypeRef::List(Box::new(TypeRef::Json))
                    }
                },
                "object" if is_object_with_properties(schema) => {
                    self.inline_named(schema, pointer, hint)
                }
                "object" => match &schema.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        let value_hint = format!("{hint}Value");
                        let pointer = join(pointer, "additionalProperties");
                        TypeRef::Map(Box::new(self.type_of(values, &pointer, &value_hint)))
                    }
                    _ => TypeRef::Json,
                },
                _ => TypeRef::Json,
            },
            _ => {
                self.warning(
                    &join(pointer, "type"),
                    format!(
                        "several types ({}) are not supported yet; this value is a \
                         serde_json::Value",
                        kinds.join(", ")
                    ),
                );
                TypeRef::Json
            }
        }
    }

    /// Whether a property may be `null`: by its own schema, or by the schema its `$ref`
    /// names (followed through further `$ref`s).
    fn is_nullable_prop(&self, prop: &Schema) -> bool {
        let mut schema = prop;
        for _ in 0..8 {
            if is_nullable(schema) {
                return true;
            }
            let target = schema
                .reference
                .as_deref()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|key| self.doc.components.schemas.get(&unescape_segment(key)));
            match target {
                Some(t) => schema = t,
                None => return false,
            }
        }
        false
    }

    /// `x-sensitive` on the schema itself or on the schema it refers to.
    fn is_sensitive(&self, schema: &Schema) -> bool {
        schema.x_sensitive
            || schema
                .reference
                .as_deref()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .and_then(|key| self.doc.components.schemas.get(&unescape_segment(key)))
                .is_some_and(|target| target.x_sensitive)
    }

    /// A type defined in place (an inline object, enum or union), named after `hint`. Named
    /// once per place in the spec: an `allOf` that merges a component's properties reuses
    /// the types the component's own definition made.
    fn inline_named(&mut self, schema: &Schema, pointer: &str, hint: &str) -> TypeRef {
        if let Some(name) = self.inline_names.get(pointer) {
            return TypeRef::Named(name.clone());
        }
        let name = self.claim_derived(type_name(hint), pointer);
        self.inline_names.insert(pointer.to_owned(), name.clone());
        self.define(name.clone(), schema, pointer);
        TypeRef::Named(name)
    }

    /// The schema's type names without `null`, checked; `None` after an error.
    fn kinds<'s>(&mut self, schema: &'s Schema, pointer: &str) -> Option<Vec<&'s str>> {
        let Some(kind) = &schema.kind else {
            return Some(Vec::new());
        };
        let mut kinds = Vec::new();
        for name in &kind.0 {
            match name.as_str() {
                "null" => {}
                "string" | "integer" | "number" | "boolean" | "array" | "object" => {
                    kinds.push(name.as_str())
                }
                other => {
                    self.error(
                        &join(pointer, "type"),
                        format!(
                            "unknown type `{other}`: use one of string, integer, number, \
                             boolean, array, object"
                        ),
                    );
                    return None;
                }
            }
        }
        Some(kinds)
    }

    fn schema_ref(&self, reference: &str) -> Option<String> {
        let key = reference.strip_prefix("#/components/schemas/")?;
        self.schema_names.get(&unescape_segment(key)).cloned()
    }

    fn unresolved(&mut self, pointer: &str, reference: &str, expected_prefix: &str) {
        let message = if reference.starts_with(expected_prefix) {
            format!("unresolved $ref `{reference}`: there is no such component; check the name")
        } else if reference.starts_with('#') {
            format!("$ref `{reference}` must point into `{expected_prefix}...` here")
        } else {
            format!(
                "$ref `{reference}` points outside this file, which is not supported yet; \
                 move the target into `{expected_prefix}`"
            )
        };
        self.error(pointer, message);
    }

    // ----- operations -----------------------------------------------------------------------

    fn operations(&mut self) -> Vec<Operation> {
        let doc = self.doc;
        let mut operations: Vec<Operation> = Vec::new();
        // operationId -> pointer of its first use; method name -> operationId.
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut methods: HashMap<String, String> = HashMap::new();
        let mut op_types: HashMap<String, String> = HashMap::new();
        for (path, item) in &doc.paths {
            let path_pointer = join("/paths", path);
            if item.reference.is_some() {
                self.warning(
                    &join(&path_pointer, "$ref"),
                    "a path item `$ref` is not supported yet; move its operations here (they are not generated)".into(),
                );
            }
            for (method, op) in item.operations() {
                let pointer = join(&path_pointer, method);
                let id = op
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| derived_operation_id(method, path));
                let id_pointer = join(&pointer, "operationId");
                if let Some(first) = ids.get(&id) {
                    let derived = if op.operation_id.is_none() {
                        " (derived from the method and path, as this operation has no \
                         operationId: give it one)"
                    } else {
                        ""
                    };
                    let message = format!(
                        "duplicate operationId `{id}`{derived} (first used at {first}); \
                         operationIds must be unique"
                    );
                    self.error(&id_pointer, message);
                    continue;
                }
                ids.insert(id.clone(), pointer.clone());
                let mut method_name = member_name(&id);
                // The client's own methods, and trait method names clippy expects as traits.
                if ["builder", "http"].contains(&method_name.as_str()) || STD_METHODS.contains(&method_name.as_str()) {
                    method_name.push_str("_operation");
                }
                // The rename policy for operationIds whose Rust names collide
                // (`GetPlanSummary`, `getPlanSummary`): the first in spec order keeps the
                // names, the next get `_2` / `2`, ... with a warning.
                let mut op_type = type_name(&id);
                if let Some(other) = methods.get(&method_name).or_else(|| op_types.get(&op_type)).cloned() {
                    let (base_method, base_type) = (method_name.clone(), op_type.clone());
                    let mut n = 2;
                    while methods.contains_key(&method_name) || op_types.contains_key(&op_type) {
                        method_name = format!("{base_method}_{n}");
                        op_type = format!("{base_type}{n}");
                        n += 1;
                    }
                    self.warning(
                        &id_pointer,
                        format!(
                            "operationIds `{other}` and `{id}` both become the method \
                             `{base_method}` (type `{base_type}`); `{id}` is `{method_name}` \
                             (`{op_type}`)"
                        ),
                    );
                }
                methods.insert(method_name.clone(), id.clone());
                op_types.insert(op_type.clone(), id.clone());
                if let Some(op) = self.operation(id, method_name, op_type, method, path, item, op, &pointer)
                {
                    operations.push(op);
                }
            }
        }
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        id: String,
        method_name: String,
        op_type: String,
        method: &str,
        path: &str,
        item: &'a spec::PathItem,
        op: &'a spec::Operation,
        pointer: &str,
    ) -> Option<Operation> {
        let errors_before = self.error_count();
        let params = self.params(&op_type, path, item, op, pointer);
        // A path parameter that could not be modelled (or a placeholder without one) leaves
        // the path unbuildable: the error is reported, and the operation is not generated.
        let path_complete = placeholders(path).all(|name| {
            params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == name)
        });
        if !path_complete {
            if self.error_count() == errors_before {
                self.error(pointer, format!("the path `{path}` cannot be built from the declared parameters"));
            }
            return None;
        }
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.body(&op_type, b, &join(pointer, "requestBody")));
        let (success, errors) = self.responses(&op_type, op, pointer);
        let unknown_variant = ["Unknown", "UnknownError", "UndocumentedError"]
            .into_iter()
            .find(|n| errors.iter().all(|e| e.variant != *n))
            .unwrap_or("UndocumentedError")
            .to_owned();
        let security = op.security.as_ref().or(self.doc.security.as_ref());
        let authenticated = security.is_some_and(|reqs| {
            !reqs.is_empty() && reqs.iter().all(|r| !r.is_empty())
        });
        let mut accepted: Vec<String> = Vec::new();
        for key in security.into_iter().flatten().flat_map(|r| r.keys()) {
            if !accepted.contains(key) {
                accepted.push(key.clone());
            }
        }
        for (i, requirement) in security.into_iter().flatten().enumerate() {
            for name in requirement.keys() {
                if !self.doc.components.security_schemes.contains_key(name) {
                    let where_ = match &op.security {
                        Some(_) => join(&join(pointer, "security"), &i.to_string()),
                        None => format!("/security/{i}"),
                    };
                    self.error(
                        &where_,
                        format!("security requirement `{name}` names no security scheme"),
                    );
                }
            }
        }
        let paging = op
            .x_pagination
            .as_ref()
            .and_then(|p| self.paging(p, &params, &success, &join(pointer, "x-aws-pagination")));
        let doc = match (&op.summary, &op.description) {
            (Some(s), Some(d)) if s.trim() != d.trim() => Some(format!("{s}\n\n{d}")),
            (Some(s), _) => Some(s.clone()),
            (None, d) => d.clone(),
        };
        Some(Operation {
            id,
            method_name,
            type_name: op_type,
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            doc,
            deprecated: op.deprecated,
            tags: op.tags.clone(),
            params,
            body,
            success,
            errors,
            unknown_variant,
            authenticated,
            security: accepted,
            retry_any_method: self.doc.x_aws_protocol.is_some(),
            paging,
            features: Vec::new(),
        })
    }

    fn params(
        &mut self,
        op_type: &str,
        path: &str,
        item: &'a spec::PathItem,
        op: &'a spec::Operation,
        pointer: &str,
    ) -> Vec<Param> {
        // Path-level parameters first; an operation's own parameter of the same name and
        // location replaces one.
        let path_pointer = pointer.rsplit_once('/').map(|(p, _)| p).unwrap_or(pointer);
        let mut declared: Vec<(&spec::Parameter, String)> = Vec::new();
        let resolve = |b: &mut Self, param: &'a spec::Parameter, at: String| {
            b.resolve_param(param, &at).map(|p| (p, at))
        };
        let from_path: Vec<_> = item
            .parameters
            .iter()
            .enumerate()
            .filter_map(|(i, p)| resolve(self, p, format!("{path_pointer}/parameters/{i}")))
            .collect();
        let from_op: Vec<_> = op
            .parameters
            .iter()
            .enumerate()
            .filter_map(|(i, p)| resolve(self, p, format!("{pointer}/parameters/{i}")))
            .collect();
        let unresolved =
            item.parameters.len() - from_path.len() + op.parameters.len() - from_op.len();
        for (p, at) in from_path.into_iter().chain(from_op) {
            declared.retain(|(q, _)| !(q.name == p.name && q.location == p.location));
            declared.push((p, at));
        }

        // Path parameters that are declared, even if they fail below: a placeholder without
        // one is a separate error, not a consequence of theirs.
        let declared_path: Vec<String> = declared
            .iter()
            .filter(|(p, _)| p.location.as_deref() == Some("path"))
            .filter_map(|(p, _)| p.name.clone())
            .collect();
        let mut params: Vec<Param> = Vec::new();
        for (p, at) in declared {
            let (Some(wire), Some(location)) = (&p.name, &p.location) else {
                self.error(&at, "a parameter needs `name` and `in`".into());
                continue;
            };
            let location = match location.as_str() {
                "path" => ParamLocation::Path,
                "query" => ParamLocation::Query,
                "header" => ParamLocation::Header,
                "cookie" => ParamLocation::Cookie,
                other => {
                    self.warning(
                        &join(&at, "in"),
                        format!(
                            "parameters in `{other}` are not supported yet; `{wire}` is not sent"
                        ),
                    );
                    continue;
                }
            };
            if location == ParamLocation::Path && !placeholders(path).any(|n| n == wire) {
                self.error(
                    &at,
                    format!("path parameter `{wire}` does not appear in the path `{path}`"),
                );
                continue;
            }
            let mut rust_name = member_name(wire);
            // The request builder's own members and the locals of its `send()`, and trait
            // method names (clippy's `should_implement_trait`).
            let reserved = ["client", "body", "send", "new", "path", "request", "response", "into_pages", "into_items"];
            if reserved.contains(&rust_name.as_str())
                || STD_METHODS.contains(&rust_name.as_str())
                || rust_name.ends_with("_segment")
            {
                rust_name.push_str("_param");
            }
            if let Some(other) = params.iter().find(|q| q.rust_name == rust_name) {
                // The rename policy: the first keeps the name, the next get `_2`, `_3`, ...
                let other = other.wire_name.clone();
                let base = rust_name.clone();
                let mut n = 2;
                while params.iter().any(|q| q.rust_name == rust_name) {
                    rust_name = format!("{base}_{n}");
                    n += 1;
                }
                self.warning(
                    &at,
                    format!("parameters `{other}` and `{wire}` both become `{base}`; `{wire}` is `{rust_name}`"),
                );
            }
            if location == ParamLocation::Header && !is_header_name(wire) {
                self.error(&at, format!("`{wire}` is not a valid HTTP header name"));
                continue;
            }
            let hint = format!("{op_type}{}", type_name(wire));
            let errors_before = self.diagnostics.len();
            let ty = match &p.schema {
                Some(schema) => self.type_of(schema, &join(&at, "schema"), &hint),
                None => {
                    self.warning(&at, format!("parameter `{wire}` has no schema; it is a string"));
                    TypeRef::String
                }
            };
            let schema_failed = self.diagnostics[errors_before..]
                .iter()
                .any(|d| d.severity == Severity::Error);
            if schema_failed {
                continue;
            }
            let deep_object = p.style.as_deref() == Some("deepObject");
            let style = if deep_object {
                QueryStyle::DeepObject
            } else {
                // `form` explodes by default (OpenAPI 3: `explode` defaults to true for form).
                QueryStyle::Form { explode: p.explode.unwrap_or(true) }
            };
            let supported = match (location, style, &ty) {
                (_, _, ty) if is_scalar(&self.types, ty) && !deep_object => true,
                (ParamLocation::Query, QueryStyle::Form { .. }, TypeRef::List(item)) => is_scalar(&self.types, item),
                (ParamLocation::Query, QueryStyle::DeepObject, ty) => self.is_object(ty, 0),
                _ => false,
            };
            if !supported {
                let message = format!(
                    "parameter `{wire}`: only scalar and enum parameters (and in the query, lists \
                     of them and `deepObject` objects) are supported yet"
                );
                if location == ParamLocation::Path {
                    // Without it the path cannot be built: the operation is not generated.
                    self.error(&join(&at, "schema"), format!("{message}; a path parameter cannot be left out"));
                } else {
                    self.warning(&join(&at, "schema"), format!("{message}; it is not sent"));
                }
                continue;
            }
            if p.x_idempotency_token && ty != TypeRef::String {
                self.error(
                    &at,
                    format!("idempotency token `{wire}` must be a string parameter"),
                );
                continue;
            }
            params.push(Param {
                wire_name: wire.clone(),
                rust_name,
                location,
                ty,
                required: p.required || location == ParamLocation::Path,
                sensitive: p.schema.as_ref().is_some_and(|s| self.is_sensitive(s)),
                idempotency_token: p.x_idempotency_token,
                style,
                doc: p.description.clone(),
            });
        }
        for name in placeholders(path) {
            let declared = declared_path.iter().any(|p| p == name);
            // A `$ref` that did not resolve may have been this parameter: already reported.
            if !declared && unresolved == 0 {
                self.error(
                    pointer,
                    format!("the path uses `{{{name}}}` but the operation declares no such path parameter"),
                );
            }
        }
        params
    }

    /// Checks `x-aws-pagination` against the operation: the token is a string parameter,
    /// the response a struct with the token and a list of items.
    fn paging(
        &mut self,
        spec: &spec::Pagination,
        params: &[Param],
        success: &Success,
        pointer: &str,
    ) -> Option<Paging> {
        let input = params
            .iter()
            .find(|p| p.wire_name == spec.input_token && p.ty == TypeRef::String);
        let Some(input) = input else {
            self.error(
                &join(pointer, "inputToken"),
                format!("`{}` is not a string parameter of this operation", spec.input_token),
            );
            return None;
        };
        if let Some(limit) = &spec.limit_key {
            if !params.iter().any(|p| &p.wire_name == limit) {
                self.error(
                    &join(pointer, "limitKey"),
                    format!("`{limit}` is not a parameter of this operation"),
                );
            }
        }
        let fields = match &success.ty {
            Some(TypeRef::Named(name)) => self.types.iter().find(|t| &t.name == name).and_then(
                |t| match &t.kind {
                    TypeKind::Struct(fields) => Some(fields.clone()),
                    _ => None,
                },
            ),
            _ => None,
        };
        let Some(fields) = fields else {
            self.error(pointer, "a paged operation's success response must be an object".into());
            return None;
        };
        let field = |wire: &str| fields.iter().find(|f| f.wire_name == wire);
        let output = field(&spec.output_token).filter(|f| f.ty == TypeRef::String);
        let Some(output) = output else {
            self.error(
                &join(pointer, "outputToken"),
                format!("`{}` is not a string member of the response", spec.output_token),
            );
            return None;
        };
        let Some((items, TypeRef::List(item_type))) = field(&spec.result_key).map(|f| (f, &f.ty))
        else {
            self.error(
                &join(pointer, "resultKey"),
                format!("`{}` is not an array member of the response", spec.result_key),
            );
            return None;
        };
        Some(Paging {
            input_token: input.rust_name.clone(),
            output_token: output.rust_name.clone(),
            output_token_optional: !output.required,
            items: items.rust_name.clone(),
            items_optional: !items.required,
            item_type: (**item_type).clone(),
        })
    }


    /// A struct or map (what `deepObject` can write), through aliases.
    fn is_object(&self, ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::Map(_) => true,
            TypeRef::Named(name) if depth < 8 => {
                match self.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                    Some(TypeKind::Struct(_)) => true,
                    Some(TypeKind::Alias(target)) => self.is_object(target, depth + 1),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    fn resolve_param<'p>(
        &mut self,
        param: &'p spec::Parameter,
        pointer: &str,
    ) -> Option<&'p spec::Parameter>
    where
        'a: 'p,
    {
        let Some(reference) = &param.reference else {
            return Some(param);
        };
        let doc = self.doc;
        let found = reference
            .strip_prefix("#/components/parameters/")
            .and_then(|key| doc.components.parameters.get(&unescape_segment(key)));
        if found.is_none() {
            self.unresolved(&join(pointer, "$ref"), reference, "#/components/parameters/");
        }
        found
    }

    fn body(&mut self, op_type: &str, body: &spec::RequestBody, pointer: &str) -> Option<Body> {
        let (body, pointer) = match &body.reference {
            None => (body, pointer.to_owned()),
            Some(reference) => {
                let doc = self.doc;
                let found = reference
                    .strip_prefix("#/components/requestBodies/")
                    .and_then(|key| doc.components.request_bodies.get(&unescape_segment(key)));
                match found {
                    Some(b) => (b, reference.trim_start_matches('#').to_owned()),
                    None => {
                        self.unresolved(&join(pointer, "$ref"), reference, "#/components/requestBodies/");
                        return None;
                    }
                }
            }
        };
        let content_pointer = join(&pointer, "content");
        let (media, content, kind) = match json_content(&body.content) {
            Some((media, content)) => (media, content, BodyMedia::Json),
            None => {
                let (media, content) = body.content.iter().next()?;
                let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                let kind = match essence.as_str() {
                    "application/x-www-form-urlencoded" => BodyMedia::Form,
                    "multipart/form-data" => BodyMedia::Multipart,
                    _ => BodyMedia::Bytes(essence.clone()),
                };
                (media, content, kind)
            }
        };
        if body.content.len() > 1 {
            self.warning(
                &content_pointer,
                format!("a request body in several media types: it is sent as `{media}`"),
            );
        }
        let schema_pointer = join(&join(&content_pointer, media), "schema");
        let hint = format!("{op_type}Body");
        let ty = match (&kind, &content.schema) {
            // Bytes are bytes whatever the schema says of them.
            (BodyMedia::Bytes(_), _) => TypeRef::Binary,
            (_, Some(schema)) => self.type_of(schema, &schema_pointer, &hint),
            (_, None) => TypeRef::Json,
        };
        if kind == BodyMedia::Multipart && !self.is_object(&ty, 0) {
            self.warning(
                &schema_pointer,
                "a multipart body must be an object (a part per property); the operation sends no body".into(),
            );
            return None;
        }
        Some(Body {
            ty,
            required: body.required,
            doc: body.description.clone(),
            media: kind,
        })
    }

    fn responses(&mut self, op_type: &str, op: &spec::Operation, pointer: &str) -> (Success, Vec<ErrorCase>) {
        let doc = self.doc;
        let mut successes: Vec<(u16, Option<TypeRef>, Option<String>, String)> = Vec::new();
        let mut errors: Vec<ErrorCase> = Vec::new();
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
                    let found = reference
                        .strip_prefix("#/components/responses/")
                        .and_then(|key| doc.components.responses.get(&unescape_segment(key)));
                    match found {
                        Some(r) => (r, reference.trim_start_matches('#').to_owned()),
                        None => {
                            self.unresolved(&join(&at, "$ref"), reference, "#/components/responses/");
                            continue;
                        }
                    }
                }
            };
            let status = match code.as_str() {
                "default" => None,
                c => match c.parse::<u16>() {
                    Ok(s) if (100..600).contains(&s) => Some(s),
                    _ => {
                        self.warning(
                            &at,
                            format!("response `{code}` is not supported yet (only exact statuses and `default`); it is handled as undocumented"),
                        );
                        continue;
                    }
                },
            };
            let json = json_content(&response.content);
            let schema_ref_name = json
                .and_then(|(_, m)| m.schema.as_ref())
                .and_then(|s| s.reference.as_deref())
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .map(unescape_segment);
            let is_success = status.is_some_and(|s| (200..300).contains(&s));
            let raw = json.is_none() && !response.content.is_empty();
            if raw && !is_success {
                let media = response.content.keys().next().cloned().unwrap_or_default();
                self.warning(
                    &join(&body_pointer, "content"),
                    format!("error bodies of type `{media}` are not parsed; the error keeps the raw response"),
                );
            }
            match status {
                Some(s) if (200..300).contains(&s) => {
                    let ty = match json {
                        Some((media, m)) => Some(match &m.schema {
                            Some(schema) => {
                                let p = join(&join(&join(&body_pointer, "content"), media), "schema");
                                self.type_of(schema, &p, &format!("{op_type}Response"))
                            }
                            None => TypeRef::Json,
                        }),
                        // A body that is not JSON (text, a file): its bytes.
                        None if raw => Some(TypeRef::Binary),
                        None => None,
                    };
                    successes.push((s, ty, response.description.clone(), at.clone()));
                }
                _ => {
                    let base = match (&schema_ref_name, status) {
                        (Some(name), _) => type_name(name),
                        (None, Some(s)) => status_variant(s),
                        (None, None) => "Default".to_owned(),
                    };
                    let mut variant = base.clone();
                    if errors.iter().any(|e| e.variant == variant) {
                        variant = format!("{base}{}", status.map_or("Default".to_owned(), |s| s.to_string()));
                    }
                    let ty = json.map(|(media, m)| match &m.schema {
                        Some(schema) => {
                            let p = join(&join(&join(&body_pointer, "content"), media), "schema");
                            self.type_of(schema, &p, &format!("{op_type}{variant}"))
                        }
                        None => TypeRef::Json,
                    });
                    errors.push(ErrorCase {
                        variant,
                        status,
                        code: schema_ref_name.clone(),
                        ty,
                        doc: response.description.clone(),
                    });
                    // Other errors documented with the same status (`x-aws-errors-also`): told
                    // apart by their error code only.
                    for name in &response.x_errors_also {
                        let variant = type_name(name);
                        if errors.iter().any(|e| e.variant == variant) {
                            continue;
                        }
                        let ty = self.schema_names.get(name).cloned().map(TypeRef::Named);
                        if ty.is_none() {
                            self.warning(
                                &join(&body_pointer, "x-aws-errors-also"),
                                format!("`{name}` has no schema in components.schemas; its responses keep the raw body"),
                            );
                        }
                        errors.push(ErrorCase {
                            variant,
                            status,
                            code: Some(name.clone()),
                            ty,
                            doc: self.doc.components.schemas.get(name).and_then(|s| s.description.clone()),
                        });
                    }
                }
            }
        }
        let success = match successes.as_slice() {
            [] => {
                self.warning(&responses_pointer, "no success (2xx) response is documented; any 2xx is accepted without a body".into());
                Success { status: 200, ty: None, doc: None }
            }
            // One, or several with the same body: one output.
            [(status, ty, doc, _), rest @ ..] if rest.iter().all(|(_, t, _, _)| t == ty) => {
                Success { status: *status, ty: ty.clone(), doc: doc.clone() }
            }
            // Several bodies: an enum of them, chosen by the status.
            [(status, _, doc, at), ..] => {
                let name = self.claim_derived(format!("{op_type}Output"), at);
                let outcomes = successes
                    .iter()
                    .map(|(s, ty, doc, _)| Outcome { status: *s, rust_name: format!("Status{s}"), ty: ty.clone(), doc: doc.clone() })
                    .collect();
                self.types.push(TypeDef {
                    name: name.clone(),
                    doc: Some(format!("The success responses of `{op_type}`, by status.")),
                    kind: TypeKind::Outcomes(outcomes),
                    carries_request_id: false,
                    features: Vec::new(),
                });
                Success { status: *status, ty: Some(TypeRef::Named(name)), doc: doc.clone() }
            }
        };
        (success, errors)
    }
}

fn json_content(content: &indexmap::IndexMap<String, spec::MediaType>) -> Option<(&String, &spec::MediaType)> {
    content.iter().find(|(media, _)| {
        let m = media.split(';').next().unwrap_or("").trim();
        m == "application/json" || m.ends_with("+json") || m == "*/*"
    })
}

/// The values of a string enum (also an enum without `type` whose values are all strings,
/// as Commvault writes them); `None` for anything else.
fn string_enum_values(schema: &Schema) -> Option<Vec<String>> {
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

fn is_object_with_properties(schema: &Schema) -> bool {
    schema.properties.as_ref().is_some_and(|p| !p.is_empty())
        && schema.kind.as_ref().is_none_or(|k| k.0.iter().any(|t| t == "object"))
}

/// A value that is one query, header, path or text-part string (its type has a `Display`):
/// a scalar, an enum, or an alias of one (followed a few steps; a cycle is not a scalar).
pub(crate) fn is_scalar(types: &[TypeDef], ty: &TypeRef) -> bool {
    fn scalar(types: &[TypeDef], ty: &TypeRef, depth: usize) -> bool {
        match ty {
            TypeRef::String
            | TypeRef::Timestamp
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::DateTime
            | TypeRef::Date
            | TypeRef::Base64 => true,
            TypeRef::Named(name) if depth < 8 => {
                match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                    Some(TypeKind::Enum { .. } | TypeKind::IntEnum { .. }) => true,
                    Some(TypeKind::Alias(target)) => scalar(types, target, depth + 1),
                    _ => false,
                }
            }
            _ => false,
        }
    }
    scalar(types, ty, 0)
}

/// A tag as a cargo feature name: `UserGroup` -> `user-group`, `HIDDEN` -> `hidden`.
fn feature_name(tag: &str) -> String {
    use heck::ToKebabCase;
    let name: String = tag
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_kebab_case();
    match name.chars().next() {
        None => "unnamed-tag".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("tag-{name}"),
        Some(_) => name,
    }
}

fn is_nullable_31(schema: &Schema) -> bool {
    schema.kind.as_ref().is_some_and(|k| k.0.iter().any(|t| t == "null"))
}

/// `null` allowed: 3.0 `nullable`, 3.1 `type: [.., "null"]`, or a `null` member of a
/// `oneOf` / `anyOf`.
fn is_nullable(schema: &Schema) -> bool {
    schema.nullable
        || is_nullable_31(schema)
        || [&schema.one_of, &schema.any_of]
            .into_iter()
            .flatten()
            .any(|members| members.iter().any(is_null_type))
}

/// `{type: "null"}` (3.1) or `{nullable: true}` with nothing else: the member a nullable
/// union adds.
fn is_null_type(schema: &Schema) -> bool {
    schema.reference.is_none()
        && schema.kind.as_ref().is_some_and(|k| k.0.iter().all(|t| t == "null"))
        || (schema.nullable && schema.kind.is_none() && schema.reference.is_none() && schema.properties.is_none()
            && schema.enumeration.is_none() && schema.all_of.is_none() && schema.one_of.is_none() && schema.any_of.is_none())
}

/// The values of an integer enum; `None` for anything else.
fn int_enum_values(schema: &Schema) -> Option<Vec<i64>> {
    let values = schema.enumeration.as_ref()?;
    let is_integer = schema.kind.as_ref().is_some_and(|k| k.0.iter().all(|t| t == "integer" || t == "null"))
        || (schema.kind.is_none() && values.iter().all(|v| v.is_i64() || v.is_null()));
    if !is_integer {
        return None;
    }
    values.iter().filter(|v| !v.is_null()).map(serde_yaml::Value::as_i64).collect()
}

fn int_enum_kind(values: Vec<i64>) -> TypeKind {
    let mut variants: Vec<IntVariant> = Vec::new();
    for value in values {
        if variants.iter().any(|v| v.value == value) {
            continue;
        }
        let rust_name = if value < 0 { format!("Minus{}", value.unsigned_abs()) } else { format!("V{value}") };
        variants.push(IntVariant { value, rust_name });
    }
    let fallback = fallback_name(variants.iter().map(|v| v.rust_name.as_str()));
    TypeKind::IntEnum { variants, fallback }
}

/// The name of an enum's catch-all variant: the first candidate no variant took.
fn fallback_name<'n>(taken: impl Iterator<Item = &'n str> + Clone) -> String {
    fallback_name_from(&["Unrecognized", "UnrecognizedValue", "UnrecognizedEnumValue"], taken)
}

fn fallback_name_from<'n>(candidates: &[&str], taken: impl Iterator<Item = &'n str> + Clone) -> String {
    let mut last = candidates[candidates.len() - 1].to_owned();
    for c in candidates {
        if taken.clone().all(|t| t != *c) {
            return (*c).to_owned();
        }
    }
    // Every candidate is a variant already: number the last one.
    let mut n = 2;
    while taken.clone().any(|t| t == format!("{last}{n}")) {
        n += 1;
    }
    last.push_str(&n.to_string());
    last
}

/// The variant name of a union member that is not a named type.
fn kind_word(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String => "String",
        TypeRef::Bool => "Bool",
        TypeRef::I32 | TypeRef::I64 => "Integer",
        TypeRef::F32 | TypeRef::F64 => "Number",
        TypeRef::Timestamp | TypeRef::DateTime => "DateTime",
        TypeRef::Date => "Date",
        TypeRef::Base64 | TypeRef::Binary => "Bytes",
        TypeRef::Json => "Value",
        TypeRef::Named(_) => "Object",
        TypeRef::List(_) => "List",
        TypeRef::Map(_) => "Map",
    }
}

/// Documentation lines for the constraints the Rust type cannot express.
fn with_constraints(doc: Option<String>, schema: &Schema) -> Option<String> {
    let mut notes: Vec<String> = Vec::new();
    if let Some(values) = &schema.enumeration {
        if string_enum_values(schema).is_none() && int_enum_values(schema).is_none() {
            let listed: Vec<String> = values.iter().map(yaml_scalar).collect();
            notes.push(format!("Allowed values: {}.", listed.join(", ")));
        }
    }
    match (schema.minimum, schema.maximum) {
        (Some(min), Some(max)) => notes.push(format!("Range: {} to {}.", number(min), number(max))),
        (Some(min), None) => notes.push(format!("Minimum: {}.", number(min))),
        (None, Some(max)) => notes.push(format!("Maximum: {}.", number(max))),
        (None, None) => {}
    }
    match (schema.min_length, schema.max_length) {
        (Some(a), Some(b)) if a == b => notes.push(format!("Length: {a}.")),
        (Some(a), Some(b)) => notes.push(format!("Length: {a} to {b}.")),
        (Some(a), None) => notes.push(format!("Minimum length: {a}.")),
        (None, Some(b)) => notes.push(format!("Maximum length: {b}.")),
        (None, None) => {}
    }
    // Patterns that match anything (the AWS model puts `[\S\s]*` on every string) say nothing.
    if let Some(pattern) = schema.pattern.as_ref().filter(|p| !matches!(p.as_str(), "[\\S\\s]*" | "[\\s\\S]*" | ".*" | "^.*$")) {
        notes.push(format!("Pattern: `{pattern}`."));
    }
    if let Some(default) = &schema.default {
        notes.push(format!("Default: `{}`.", yaml_scalar(default)));
    }
    if notes.is_empty() {
        return doc;
    }
    Some(append(doc, &notes.join(" ")))
}

fn append(doc: Option<String>, note: &str) -> String {
    match doc {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{note}", d.trim_end()),
        _ => note.to_owned(),
    }
}

fn yaml_scalar(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".into(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// `{name}` placeholders of a path or URL template (the importer reads URI labels with it).
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// An operationId for an operation without one: method and path, e.g.
/// `get /V4/UserGroup/{userGroupId}` -> `get_V4_UserGroup_by_userGroupId`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                id.push_str("by_");
                id.push_str(param);
            }
            None => id.push_str(segment),
        }
    }
    id
}

/// A variant name for a documented error status without a body schema.
fn status_variant(status: u16) -> String {
    let reason: BTreeMap<u16, &str> = [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (409, "Conflict"),
        (410, "Gone"),
        (412, "PreconditionFailed"),
        (415, "UnsupportedMediaType"),
        (422, "UnprocessableEntity"),
        (429, "TooManyRequests"),
        (500, "InternalServerError"),
        (501, "NotImplemented"),
        (502, "BadGateway"),
        (503, "ServiceUnavailable"),
        (504, "GatewayTimeout"),
    ]
    .into_iter()
    .collect();
    reason
        .get(&status)
        .map(|r| (*r).to_owned())
        .unwrap_or_else(|| format!("Status{status}"))
}

fn describe_pointer(pointer: &str) -> String {
    format!("`{pointer}`")
}
