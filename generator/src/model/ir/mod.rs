//! The IR: what the model stage decided about one API, as data only.
//!
//! This is the contract between the model and emit stages, and nothing outside the crate
//! sees it. Types are referenced by [`TypeId`], an index into [`Api::types`]; every name the
//! emitted code uses is decided here (emit only turns names into identifiers); states that
//! cannot go together cannot be written (a field is required *or* optional *or* ...).
//!
//! [`types`] holds the named types, [`operations`] the operations and their parts, [`auth`]
//! the server and the security schemes; this file the API and the references between them.

mod auth;
mod aws_query;
mod operations;
mod types;

pub(crate) use auth::*;
pub(crate) use aws_query::*;
pub(crate) use operations::*;
pub(crate) use types::*;

/// One API: what one generated crate contains.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Api {
    /// The crate's package name (and library name with `-` as `_`).
    pub crate_name: String,
    pub package: Package,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub server: Option<Server>,
    pub auth: Vec<AuthScheme>,
    pub protocol: Protocol,
    /// The AWS query protocol of an API converted from the AWS model, whose query parameters
    /// that are lists or structures are written in its spelling (`Filter.1.Name=x`).
    pub aws_query: Option<AwsQuery>,
    pub operations: Vec<Operation>,
    /// Every named type, in the order the `types` module defines them; [`TypeId`]s index it.
    pub types: Vec<TypeDef>,
    /// A cargo feature per tag, in the order tags first appear; empty when no operation
    /// has a tag (then nothing is gated).
    pub features: Vec<Feature>,
    /// The crate-level `Error`'s variant for every error that has none of its own (see
    /// [`ErrorBody`] for the others).
    pub unhandled_variant: String,
    /// The error enums, each shared by the operations that document the same errors, in the
    /// order of their first operation.
    pub error_sets: Vec<ErrorSet>,
}

/// The generated crate as a package (its Cargo.toml and README), beside its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Package {
    /// Semver: the user's, else the spec's `x-crate-version` or `info.version`, else 0.1.0.
    pub version: String,
    /// One line: `info.summary`, else one made of `info.title`.
    pub description: String,
    /// An SPDX expression, when `info.license` gives one cargo accepts.
    pub license: Option<String>,
    /// `info.contact.url`, else `externalDocs.url`.
    pub homepage: Option<String>,
    /// The homepage when it is a forge's project page (GitHub, GitLab, ...).
    pub repository: Option<String>,
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

    /// Whether the client follows same-origin redirects. Not for AWS, as the AWS SDKs: a
    /// signature is valid for one URL, and AWS APIs do not redirect.
    pub fn follows_redirects(self) -> bool {
        self != Protocol::AwsRestJson
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

impl Api {
    /// The named type `id`.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The named type behind `ty` with aliases followed; `None` for an unnamed type or an
    /// alias cycle (which the model reports).
    pub fn resolve<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t TypeDef> {
        resolve(ty, |id| self.types.get(id.0))
    }

    /// Whether some operation's output can be received as a stream (`Success::streams`): the
    /// client builder then has `stream_idle_timeout`, the limit of a streamed body's chunks.
    pub fn streams(&self) -> bool {
        self.operations.iter().any(|o| o.success.streams)
    }

    /// Which features compile an operation: those of its tags.
    pub fn operation_gate(&self, op: &Operation) -> Gate {
        if self.features.is_empty() {
            return Gate::Always;
        }
        self.gate(super::naming::operation_features(op))
    }

    /// The operation whose errors are those of `set` (all its operations document the same).
    pub fn set_errors(&self, set: &ErrorSet) -> &Operation {
        &self.operations[set.operations[0]]
    }

    /// Which features compile an error enum: those of any operation using it.
    pub fn error_set_gate(&self, set: &ErrorSet) -> Gate {
        if self.features.is_empty() {
            return Gate::Always;
        }
        // In the order the operations name them, each once: for one operation, its own gate.
        let mut seen = std::collections::HashSet::new();
        let features = set
            .operations
            .iter()
            .flat_map(|&i| super::naming::operation_features(&self.operations[i]))
            .filter(|name| seen.insert(name.clone()))
            .collect();
        self.gate(features)
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

/// The named type behind `ty`, aliases followed through `lookup` (see [`unalias`]); `None`
/// for an unnamed type or an alias chain that does not end.
pub(crate) fn resolve<'t>(ty: &'t TypeRef, lookup: impl Fn(TypeId) -> Option<&'t TypeDef>) -> Option<&'t TypeDef> {
    lookup(unalias(ty, &lookup).named()?).filter(|d| !matches!(d.kind, TypeKind::Alias(_)))
}
