//! Emit stage: prints the IR as Rust source (`quote!` -> `syn::File` -> `prettyplease`)
//! and the crate's Cargo.toml.
//!
//! It decides nothing: every name, trait, gate and table comes from the model; this stage
//! turns them into tokens, once per item, and formats each file once. A pure function of
//! the IR, so output is byte-identical from run to run. One file per thing emitted:
//! [`manifest`], [`readme`], [`crate_root`], [`types`], [`enums`], [`unions`], [`errors`]
//! (with [`crate_error`]), [`builders`] (with [`send`]), [`type_builders`], [`client`] (each
//! method's docs and example from [`operation_docs`]); [`docs`] turns spec prose into rustdoc;
//! [`inline_runtime`] copies the runtime in for `--runtime inline`.

mod aws_query;
mod builders;
mod client;
mod crate_error;
mod crate_root;
mod docs;
mod enums;
mod errors;
mod inline_runtime;
mod manifest;
mod operation_docs;
mod readme;
mod render;
mod send;
mod struct_de;
mod struct_ser;
mod type_builders;
mod types;
mod unions;

use std::collections::BTreeMap;
use std::fmt;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::model::ir::{Api, Gate, TypeRef};
use crate::runtime_source::RuntimeSource;
use crate::model::names::identifier;
use render::render;

/// Settings of emitted code that do not come from the spec.
#[derive(Debug, Clone)]
pub(crate) struct EmitOptions {
    /// Where the crate's Cargo.toml finds the runtime (or that the crate carries it).
    pub runtime: RuntimeSource,
    /// The spec's file name, named in every file's header.
    pub source_name: String,
    /// Where generated code finds the runtime, when not as the `sdkgen_runtime` crate
    /// (e.g. `crate::rt` for a crate that re-exports it).
    pub runtime_path: Option<String>,
}

/// What prints one module: its contents from the API and the runtime alias, as pieces of
/// whole items, each quoted on the thread that renders it (see [`render::Module`]).
type ModuleFn = for<'a> fn(&'a Api, &'a RuntimeAlias) -> render::Module<'a>;

/// The modules of a generated API, in the order they are declared: name, public, what
/// prints it. Each module starts with its docs, then `alias` (a [`RuntimeAlias`]). [`emit`]
/// quotes a few items at a time (see [`render`]), so that only a few batches' tokens and
/// syntax trees are in memory at once (they are many times the size of the text).
const MODULES: [(&str, bool, ModuleFn); 4] = [
    ("builders", true, builders::builders_rs),
    ("client", false, client::client_rs),
    ("errors", true, errors::errors_rs),
    ("types", true, types::types_rs),
];

/// The modules declared inside a module of [`MODULES`], in files of their own: path under
/// `src/`, public, what prints it. A module that is one item of its parent's file would be
/// parsed and printed as one piece, all of it in memory at once; in its own file it is
/// rendered a batch of items at a time, as any module (its pieces on all threads). The
/// single-file layout writes them in place.
const SUBMODULES: [(&str, bool, ModuleFn); 1] = [("types/builders", true, type_builders::builders_rs)];

/// Every module printed, for the single-file layout.
fn modules(api: &Api, alias: &RuntimeAlias) -> Vec<(&'static str, bool, TokenStream)> {
    MODULES
        .iter()
        .map(|&(name, public, print)| {
            // The including crate is not this one: no examples that name it.
            let tokens = match name {
                "client" => client::client_rs_included(api, alias),
                "types" => types::types_rs_included(api, alias),
                _ => render::tokens(&print(api, alias)),
            };
            (name, public, tokens)
        })
        .collect()
}

/// `use <path> as sdkgen_runtime;` when the runtime lives elsewhere (nothing otherwise):
/// generated code always names `sdkgen_runtime::...`, and a local name shadows the crate of
/// that name. Kept as the path's text and quoted where a module starts: tokens are not
/// `Send`, and modules are quoted on several threads.
#[derive(Debug, Clone, Default)]
pub(super) struct RuntimeAlias(Option<String>);

impl RuntimeAlias {
    fn new(options: &EmitOptions) -> Self {
        match options.runtime {
            // The crate's own module `runtime` (see `inline_runtime`).
            RuntimeSource::Inline => RuntimeAlias(Some("crate::runtime".to_owned())),
            _ => RuntimeAlias(options.runtime_path.clone()),
        }
    }
}

impl ToTokens for RuntimeAlias {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        // A path that is not one was refused before emit (`invalid_runtime_path`).
        if let Some(path) = self.0.as_deref().and_then(|p| syn::parse_str::<syn::Path>(p).ok()) {
            tokens.extend(quote!(#[allow(unused_imports)] use #path as sdkgen_runtime;));
        }
    }
}

/// Checks a runtime path before it is used: `None` when it is a valid Rust path.
pub fn invalid_runtime_path(path: &str) -> Option<String> {
    syn::parse_str::<syn::Path>(path)
        .err()
        .map(|e| format!("runtime path `{path}` is not a Rust path: {e}"))
}

fn header(options: &EmitOptions) -> String {
    format!(
        "// @generated by sdkgen from `{}`. Do not edit: change the spec and regenerate.\n\n",
        options.source_name
    )
}

/// Emits every file of the crate for `api`: relative path -> content.
pub(crate) fn emit(api: &Api, options: &EmitOptions) -> Result<BTreeMap<String, String>, EmitError> {
    let header = header(options);
    let alias = RuntimeAlias::new(options);
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), manifest::cargo_toml(api, options));
    files.insert("README.md".to_owned(), readme::readme_md(api, options));
    let inline = options.runtime == RuntimeSource::Inline;
    let alias = &alias;
    let mut modules: Vec<render::Module> = vec![vec![render::piece(move || crate_root::lib_rs(api, alias, None, inline))]];
    let mut paths = vec!["src/lib.rs".to_owned()];
    for (name, _, print) in MODULES.iter().chain(&SUBMODULES) {
        modules.push(print(api, alias));
        paths.push(format!("src/{name}.rs"));
    }
    files.extend(paths.into_iter().zip(render::render_modules(&modules, &header)?));
    if inline {
        files.extend(inline_runtime::files(manifest::signs(api), &header));
    }
    Ok(files)
}

/// Emits the whole API as one file of items, for `include!` into a module of another crate
/// (the build script layout): no inner attributes, every path relative to that module.
/// The API should have no features (`model::ungate`): the including crate's are not ours.
pub(crate) fn emit_single_file(api: &Api, options: &EmitOptions) -> Result<String, EmitError> {
    let alias = RuntimeAlias::new(options);
    let modules = modules(api, &alias);
    let root = crate_root::lib_rs(api, &alias, Some(modules), false);
    Ok(format!("{}{}", header(options), render(root)?))
}

/// Emitted tokens that are not Rust: a bug of the generator, never of the spec.
#[derive(Debug, Clone)]
pub struct EmitError {
    message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error: sdkgen emitted invalid Rust ({}); this is a bug in sdkgen, please report it with the spec", self.message)
    }
}

impl std::error::Error for EmitError {}

/// The `#[cfg]` attribute of an item with this gate; nothing when it is always compiled.
fn cfg(gate: &Gate) -> TokenStream {
    match gate {
        Gate::Always => TokenStream::new(),
        Gate::AnyTag => quote!(#[cfg(feature = "any-tag")]),
        Gate::Features(features) => match features.as_slice() {
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        },
    }
}

/// The Rust type of a model type, as seen from a module other than `types` when `qualified`.
fn rust_type(api: &Api, ty: &TypeRef, qualified: bool) -> TokenStream {
    let types = if qualified { quote!(super::types::) } else { TokenStream::new() };
    rust_type_in(api, ty, &types)
}

/// The Rust type of a model type, its named types reached through `types` (`super::types::`
/// from a sibling module, `super::` from `types::builders`, nothing from `types`).
fn rust_type_in(api: &Api, ty: &TypeRef, types: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Timestamp => quote!(sdkgen_runtime::DateTime),
        TypeRef::DateTime => quote!(sdkgen_runtime::Rfc3339DateTime),
        TypeRef::Date => quote!(sdkgen_runtime::Date),
        TypeRef::Base64 => quote!(sdkgen_runtime::Base64),
        TypeRef::Binary => quote!(Vec<u8>),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Named(id) => {
            let name = ident(&api.ty(*id).name);
            quote!(#types #name)
        }
        TypeRef::List(item) => {
            let item = rust_type_in(api, item, types);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type_in(api, value, types);
            quote!(std::collections::BTreeMap<String, #value>)
        }
    }
}

/// The Rust type a setter takes for a value of `ty` (named types reached through `types`,
/// see [`rust_type_in`]) and its conversion into the stored value: what converts into it
/// where a conversion is common (`&str` for a string, a `SystemTime` for a timestamp, an
/// enum's wire value), else the value itself.
fn setter_input(api: &Api, ty: &TypeRef, types: &TokenStream) -> (TokenStream, TokenStream) {
    match ty {
        TypeRef::String => (quote!(impl Into<String>), quote!(value.into())),
        TypeRef::Timestamp => (quote!(impl Into<sdkgen_runtime::DateTime>), quote!(value.into())),
        TypeRef::Named(_) => {
            let ty = rust_type_in(api, ty, types);
            (quote!(impl Into<#ty>), quote!(value.into()))
        }
        other => (rust_type_in(api, other, types), quote!(value)),
    }
}

/// The identifier for a name the model decided, raw when it is a keyword (`type` -> `r#type`).
///
/// Total by construction: [`identifier`] hands on only valid identifiers that may be raw
/// (a name the model did not make one is repaired there, never a panic here).
pub(crate) fn ident(name: &str) -> proc_macro2::Ident {
    let name = identifier(name);
    if KEYWORDS.contains(&name.as_ref()) || EDITION_KEYWORDS.contains(&name.as_ref()) {
        proc_macro2::Ident::new_raw(&name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(&name, proc_macro2::Span::call_site())
    }
}

/// The words syn does not take as identifiers (Rust's strict and reserved keywords, and
/// `_`): what [`ident`] writes raw.
pub(crate) const KEYWORDS: [&str; 52] = [
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "if", "impl", "in", "let", "loop", "macro", "match",
    "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "Self", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Words syn takes as identifiers (it parses as edition 2021) that a later edition reserves:
/// generated crates are edition 2024 (see `manifest.rs`), and code a build script
/// `include!`s may be compiled in any edition, so these are written raw too (`r#gen`, valid
/// in every edition).
pub(crate) const EDITION_KEYWORDS: [&str; 1] = ["gen"];

#[cfg(test)]
mod tests;

#[cfg(test)]
mod ident_tests {
    use super::ident;

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
    }

    /// Whatever name reaches it, `ident` gives an identifier syn reads back, and never panics
    /// (it once did on `٣`, and `self` or `_` would have asked for an impossible raw one).
    #[test]
    fn any_name_becomes_an_identifier_without_a_panic() {
        for name in ["", "_", "self", "Self", "super", "crate", "extern", "٣", "１", "ำ", "ा", "1", "a b", "①", "x²", "type", "größe"] {
            let ident = ident(name).to_string();
            assert!(syn::parse_str::<syn::Ident>(&ident).is_ok() || ident.starts_with("r#"), "{name:?} -> {ident}");
            let plain = ident.trim_start_matches("r#");
            assert!(syn::parse_str::<syn::Ident>(plain).is_ok() || super::KEYWORDS.contains(&plain), "{name:?} -> {ident}");
        }
        assert_eq!(ident("extern").to_string(), "r#extern");
        assert_eq!(ident("self").to_string(), "self_");
        // Edition 2024's `gen` (an identifier to syn): raw, so the crate compiles as 2024.
        assert_eq!(ident("gen").to_string(), "r#gen");
    }

    #[test]
    fn the_keyword_list_is_what_syn_refuses() {
        for word in super::KEYWORDS {
            assert!(syn::parse_str::<syn::Ident>(word).is_err(), "{word}");
        }
        // Words that look like keywords but are identifiers to syn (weak or edition keywords).
        for word in ["union", "raw", "default", "auto", "safe", "macro_rules", "name"] {
            assert!(!super::KEYWORDS.contains(&word) && syn::parse_str::<syn::Ident>(word).is_ok(), "{word}");
        }
    }
}
