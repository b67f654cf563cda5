//! Model stage: a loaded spec into the validated IR of one API ([`ir::Api`]).
//!
//! Every `$ref` is resolved and every name and decision the emitted code depends on is made
//! here, once: the emit stage only prints. Problems are collected, not fail-fast, so a user
//! sees all of them in one run; each is located by JSON pointer (and line).
//!
//! The [`Builder`] walks the spec; its methods are split by concern, one file each:
//! [`schemas`] (a schema's type), [`objects`] (properties and `allOf`), [`unions`]
//! (`oneOf` / `anyOf`), [`enums`], [`operations`], [`params`], [`bodies`], [`responses`]
//! (success and errors), [`paging`], [`servers`], [`security`], [`aws_query`] (the AWS query
//! protocols' names); [`refs`] resolves every
//! `$ref` and [`naming`] holds the rename policy. Once every type is defined, the graph
//! passes of [`passes`] decide what needs the whole API: cycles, features, traits.

mod aws_query;
mod bodies;
pub(crate) mod docs;
mod enums;
pub(crate) mod ir;
pub(crate) mod naming;
pub(crate) mod names;
mod objects;
mod operations;
mod package;
mod paging;
mod params;
mod passes;
mod refs;
mod responses;
mod schemas;
mod security;
mod servers;
mod unions;

use std::collections::{HashMap, HashSet};

use crate::diag::{join, Diagnostic, Severity};
use crate::load::spec::OpenApi;
use crate::load::LoadedSpec;
use ir::{Api, AuthScheme, Gate, Protocol, TypeDef, TypeId, TypeKind, TypeRef};

pub(crate) use passes::error_sets::share as share_errors;
pub(crate) use passes::retain::retain_used_types;
pub(crate) use passes::ungate;
pub(crate) use servers::placeholders;

/// The result of modelling one spec: the API, or the errors; warnings either way.
pub(crate) struct Modelled {
    pub api: Option<Api>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The model of `spec` (YAML text) as the crate `name`, for the unit tests of the model
/// and emit stages: a spec that does not load or model is the test's own bug.
#[cfg(test)]
pub(crate) fn model_str(name: &str, spec: &str) -> Api {
    let path = std::path::PathBuf::from(format!("{name}.yaml"));
    let spec = crate::load::load_str(&path, spec.to_owned(), false).expect("loads");
    build(&spec, name, None, false).api.expect("models")
}

/// Builds the model of a loaded spec; `crate_name` names the generated crate and
/// `crate_version`, when given, is its version whatever the spec says. Lenient:
/// every problem the model stage finds becomes a warning and the broken construct gets the
/// fallback it gets anyway while problems are collected (an unresolvable type is a
/// `serde_json::Value`; a duplicate operation, parameter or property is left out). Syntax
/// and type errors of the YAML itself stay errors.
pub(crate) fn build(
    spec: &LoadedSpec,
    crate_name: &str,
    crate_version: Option<&str>,
    lenient: bool,
) -> Modelled {
    let mut b = Builder {
        spec,
        doc: &spec.document,
        slots: Vec::new(),
        order: Vec::new(),
        type_names: HashMap::new(),
        type_numbers: naming::Numbers::default(),
        schema_ids: HashMap::new(),
        inline_ids: HashMap::new(),
        union_members: HashMap::new(),
        load_ref_errors: spec.ref_errors.iter().filter_map(|d| d.pointer.clone()).collect(),
        aws_query: aws_query::protocol(&spec.document),
        diagnostics: Vec::new(),
    };
    let api = b.api(crate_name, crate_version);
    // The `$ref`s the loader could not resolve (a cycle, a wrong kind): the model skipped
    // them (see `refs.rs`), reported here once.
    b.diagnostics.extend(spec.ref_errors.iter().cloned());
    // A `$ref` that points at nothing, where the model did not read it (a header, a link):
    // reported all the same, unless the model already has it.
    let reported: HashSet<String> = b.diagnostics.iter().filter_map(|d| d.pointer.clone()).collect();
    for (pointer, reference) in &spec.dangling_refs {
        // Diagnostics name the file's pointer (a Swagger 2.0 one, for a converted document).
        if !reported.contains(spec.source.original(pointer).as_ref()) {
            b.error(pointer, format!("unresolved $ref `{reference}`: nothing in this document is there; check the name"));
        }
    }
    let mut diagnostics = b.diagnostics;
    // In file order, as a reader goes through the spec; a component used by several
    // operations is reported once.
    diagnostics.sort_by_key(|d| d.line.unwrap_or(usize::MAX));
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| seen.insert((d.pointer.clone(), d.message.clone())));
    if lenient {
        for d in &mut diagnostics {
            if d.severity == Severity::Error {
                d.severity = Severity::Warning;
                d.message.push_str(" [skipped: lenient mode]");
            }
        }
    }
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Modelled {
        api: (!failed).then_some(api),
        diagnostics,
    }
}

/// A named type while the spec is walked: claimed (its name and id decided) when first
/// met, defined when its schema has been read.
struct Slot {
    name: String,
    /// Where it comes from, for diagnostics about the type.
    pointer: String,
    def: Option<TypeDef>,
}

/// Walks the spec once, claiming and defining types and modelling operations.
struct Builder<'a> {
    spec: &'a LoadedSpec,
    doc: &'a OpenApi,
    /// Every type by its id, in the order claimed.
    slots: Vec<Slot>,
    /// Ids in the order definitions complete (a type's inline members first): the order of
    /// the `types` module.
    order: Vec<TypeId>,
    /// Rust type name -> the type that claimed it.
    type_names: HashMap<String, TypeId>,
    /// Where the rename policy stopped numbering each type name (names are only added).
    type_numbers: naming::Numbers,
    /// `components.schemas` key -> its type.
    schema_ids: HashMap<String, TypeId>,
    /// JSON pointer of an inline schema -> the type defined for it.
    inline_ids: HashMap<String, TypeId>,
    /// For each discriminated union, the component schema key of each member (`None` for
    /// an inline member): the implicit discriminator values, decided once all are defined.
    union_members: HashMap<TypeId, Vec<Option<String>>>,
    /// The pointers (in the file) of the `$ref`s the loader could not resolve: looked up
    /// for every reference the model resolves, so a set, not a scan of the errors.
    load_ref_errors: HashSet<String>,
    /// The AWS query protocol of the API, decided before any type is read (struct members
    /// get their query names as they are defined).
    aws_query: Option<ir::AwsQuery>,
    diagnostics: Vec<Diagnostic>,
}

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

    /// A type defined so far (`None` while its definition is under way).
    fn defined(&self, id: TypeId) -> Option<&TypeDef> {
        self.slots.get(id.0).and_then(|s| s.def.as_ref())
    }

    fn api(&mut self, crate_name: &str, crate_version: Option<&str>) -> Api {
        let doc = self.doc;
        let package = self.package(crate_version);
        // Component schema names first, in spec order, so they win over derived names.
        for key in doc.components.schemas.keys() {
            let pointer = join("/components/schemas", key);
            let wanted = names::type_name(key);
            let id = match self.type_names.get(&wanted).copied() {
                None => self.claim(wanted, &pointer),
                Some(first) => {
                    let id = self.claim_numbered(wanted.clone(), &pointer);
                    let message = format!(
                        "schema `{key}` becomes the Rust type `{wanted}`, which `{}` already names; \
                         it is `{}`",
                        self.slots[first.0].pointer, self.slots[id.0].name
                    );
                    self.warning(&pointer, message);
                    id
                }
            };
            self.schema_ids.insert(key.clone(), id);
        }
        for (key, schema) in &doc.components.schemas {
            if let Some(&id) = self.schema_ids.get(key) {
                self.define(id, schema, &join("/components/schemas", key));
            }
        }
        self.check_alias_cycles();
        let mut server = self.server();
        let auth = self.auth(server.as_ref());
        // The SigV4 region variable takes the client's region (resolved by the runtime as the
        // AWS SDKs do), not the spec's default: a silent default would pick a region for the user.
        let region_variable = auth.iter().find_map(|a| match a {
            AuthScheme::SigV4 { region_variable, .. } => region_variable.clone(),
            _ => None,
        });
        for variable in server.iter_mut().flat_map(|s| &mut s.variables) {
            variable.aws_region = region_variable.as_deref() == Some(variable.rust_name.as_str());
        }
        let protocol = match doc.x_aws_protocol.as_deref() {
            None => Protocol::Http,
            Some("rest-json") => Protocol::AwsRestJson,
            Some(other) => {
                self.error(
                    &format!("/{}", crate::extensions::X_AWS_PROTOCOL),
                    format!(
                        "unknown `{}` `{other}`: the one supported is `rest-json`",
                        crate::extensions::X_AWS_PROTOCOL
                    ),
                );
                Protocol::Http
            }
        };
        let operations = self.operations(&auth, protocol);
        let mut api = Api {
            crate_name: crate_name.to_owned(),
            package,
            title: doc.info.title.clone(),
            version: doc.info.version.clone(),
            description: doc.info.description.clone(),
            server,
            auth,
            protocol,
            aws_query: self.aws_query,
            operations,
            types: Vec::new(),
            features: Vec::new(),
            unhandled_variant: String::new(),
            error_sets: Vec::new(),
        };
        let pointers = self.finish_types(&mut api);
        let union_members = std::mem::take(&mut self.union_members);
        passes::run(&mut api, union_members, &pointers, &mut |severity, pointer, message| {
            self.diagnostics.push(self.spec.diagnostic(severity, pointer, message));
        });
        api
    }

    /// Claims the type name `name` (which must be free) for a new type from `pointer`.
    fn claim(&mut self, name: String, pointer: &str) -> TypeId {
        let id = TypeId(self.slots.len());
        self.type_names.insert(name.clone(), id);
        self.slots.push(Slot { name, pointer: pointer.to_owned(), def: None });
        id
    }

    /// Claims `wanted`, or under the rename policy `wanted2`, `wanted3`, ... when taken.
    fn claim_numbered(&mut self, wanted: String, pointer: &str) -> TypeId {
        let names = &self.type_names;
        let name = self.type_numbers.free(&wanted, "", |n| names.contains_key(n));
        self.claim(name, pointer)
    }

    /// Completes the definition of a claimed type.
    fn complete(&mut self, id: TypeId, doc: Option<String>, kind: TypeKind) {
        self.slots[id.0].def = Some(TypeDef {
            name: self.slots[id.0].name.clone(),
            doc,
            kind,
            carries_request_id: false,
            error_body: None,
            gate: Gate::Always,
            traits: Default::default(),
        });
        self.order.push(id);
    }

    /// Moves the types into `api` in definition order, every reference renumbered to
    /// match; returns the pointer each type came from.
    fn finish_types(&mut self, api: &mut Api) -> Vec<String> {
        // A type claimed but never defined would be a bug here: it becomes a JSON value
        // with an error that says so, rather than a panic in a user's build.
        let undefined: Vec<TypeId> = (0..self.slots.len())
            .map(TypeId)
            .filter(|id| self.slots[id.0].def.is_none())
            .collect();
        for id in undefined {
            let message = format!(
                "internal error: the type `{}` was never defined; this is a bug in sdkgen",
                self.slots[id.0].name
            );
            let pointer = self.slots[id.0].pointer.clone();
            self.error(&pointer, message);
            self.complete(id, None, TypeKind::Alias(TypeRef::Json));
        }
        let mut new_index = vec![0; self.slots.len()];
        for (position, id) in self.order.iter().enumerate() {
            new_index[id.0] = position;
        }
        let mut pointers = Vec::with_capacity(self.order.len());
        for id in std::mem::take(&mut self.order) {
            let slot = &mut self.slots[id.0];
            pointers.push(std::mem::take(&mut slot.pointer));
            api.types.extend(slot.def.take());
        }
        let remap = |id: TypeId| TypeId(new_index[id.0]);
        api.remap_types(&remap);
        self.union_members = std::mem::take(&mut self.union_members)
            .into_iter()
            .map(|(id, keys)| (remap(id), keys))
            .collect();
        pointers
    }
}
