//! The `types` module: structs, aliases and success-outcome enums ([`super::enums`] and
//! [`super::unions`] print the others).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::docs;
use super::render::{self, piece, Module};
use super::{cfg, enums, rust_type, struct_de, struct_ser, type_builders, unions, RuntimeAlias};
use crate::model::ir::{Api, Field, Outcome, Presence, TypeDef, TypeKind};
use super::ident;

/// The module of a crate: its type builders are the module `builders`, in a file of its own
/// ([`type_builders::builders_rs`]).
/// A type a piece.
pub(super) fn types_rs<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    let mut pieces = types_module(api, alias);
    pieces.push(piece(|| quote!(pub mod builders;)));
    pieces
}

/// The module in the single-file layout: the type builders in place.
pub(super) fn types_rs_included(api: &Api, alias: &RuntimeAlias) -> TokenStream {
    let builders = render::tokens(&type_builders::builders_rs(api, alias));
    let types = render::tokens(&types_module(api, alias));
    quote!(#types pub mod builders { #builders })
}

fn types_module<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    let head = piece(move || {
        quote! {
            //! The data types of the API: request and response bodies and the enums they use.
            //! Structs are `#[non_exhaustive]` (a member the service adds later is no breaking
            //! change): build one with `Type::builder()` (see [`builders`]), read it by field.
            #alias
        }
    });
    std::iter::once(head).chain(api.types.iter().map(|t| piece(move || type_def(api, t)))).collect()
}

/// A type's items, each with its gate.
fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let cfg = cfg(&def.gate);
    let fallback_doc = format!("The `{}` type of the API.", def.name);
    let doc = docs(def.doc.as_deref(), &fallback_doc);
    match &def.kind {
        TypeKind::Alias(ty) => {
            let ty = rust_type(api, ty, false);
            quote! { #cfg #doc pub type #name = #ty; }
        }
        TypeKind::Struct(fields) => struct_def(api, def, &name, &cfg, doc, fields),
        TypeKind::Enum { variants, fallback } => enums::string_enum(&name, &cfg, doc, variants, fallback),
        TypeKind::IntEnum { variants, fallback } => enums::int_enum(&name, &cfg, doc, variants, fallback),
        TypeKind::Union(union) => unions::union_def(api, def, &name, &cfg, doc, union),
        TypeKind::Outcomes(outcomes) => outcomes_def(api, &name, &cfg, doc, outcomes),
    }
}

fn struct_def(
    api: &Api,
    def: &TypeDef,
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    doc: TokenStream,
    fields: &[Field],
) -> TokenStream {
    let eq = def.traits.eq.then(|| quote!(Eq,));
    let default = def.traits.default.then(|| quote!(Default,));
    let mut sensitive: Vec<_> = fields.iter().map(|f| (ident(&f.rust_name), f.sensitive)).collect();
    let request_id = def.carries_request_id.then(|| {
        sensitive.push((format_ident!("request_id"), false));
        quote! {
            /// The id the service gave the request (`x-amzn-requestid`), to quote in a
            /// support case. Not part of the body.
            pub request_id: Option<String>,
        }
    });
    let (derive_debug, debug_impl) = debug_impl(name, cfg, &sensitive);
    let with_request_id = request_id.is_some().then(|| {
        quote! {
            #cfg
            impl sdkgen_runtime::WithRequestId for #name {
                fn set_request_id(&mut self, request_id: Option<String>) {
                    self.request_id = request_id;
                }
            }

            #cfg
            impl #name {
                /// The id the service gave the request (`x-amzn-requestid`), as the AWS
                /// SDKs' `request_id()`.
                pub fn request_id(&self) -> Option<&str> {
                    self.request_id.as_deref()
                }
            }
        }
    });
    let query_shape = super::aws_query::shape_impl(api, name, cfg, fields);
    let serialize = struct_ser::struct_serialize(name, cfg, fields);
    let deserialize = struct_de::struct_deserialize(def, name, cfg, fields);
    let fields = fields.iter().map(|f| struct_field(api, f));
    let builder = type_builders::builder_fn(def);
    quote! {
        #cfg
        #doc
        #[derive(#derive_debug Clone, PartialEq, #eq #default)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #request_id
        }
        #builder
        #serialize
        #deserialize
        #debug_impl
        #with_request_id
        #query_shape
    }
}

fn outcomes_def(api: &Api, name: &proc_macro2::Ident, cfg: &TokenStream, doc: TokenStream, outcomes: &[Outcome]) -> TokenStream {
    let variants = outcomes.iter().map(|o| {
        let variant = ident(&o.rust_name);
        let fallback = format!("The {} response.", crate::model::ir::status_text(o.status));
        let doc = docs(o.doc.as_deref(), &fallback);
        match &o.ty {
            Some(ty) => {
                let ty = rust_type(api, ty, false);
                quote!(#doc #variant(#ty),)
            }
            None => quote!(#doc #variant,),
        }
    });
    quote! {
        #cfg
        #doc
        #[allow(clippy::large_enum_variant)]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// `Debug` for a struct: derived, unless a member is sensitive; then written out, printing
/// `sdkgen_runtime::REDACTED` for it. Returns (derive entry, impl).
pub(super) fn debug_impl(
    name: &proc_macro2::Ident,
    cfg: &TokenStream,
    fields: &[(proc_macro2::Ident, bool)],
) -> (TokenStream, TokenStream) {
    if fields.iter().all(|(_, sensitive)| !sensitive) {
        return (quote!(Debug,), quote!());
    }
    let label = name.to_string();
    let entries = fields.iter().map(|(field, sensitive)| {
        let label = field.to_string().trim_start_matches("r#").to_owned();
        if *sensitive {
            quote!(.field(#label, &sdkgen_runtime::REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let body = quote! {
        #cfg
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    };
    (quote!(), body)
}

fn struct_field(api: &Api, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let fallback = format!("`{}`.", field.wire_name);
    let doc = docs(field.doc.as_deref(), &fallback);
    // No serde attribute: the struct's `Serialize` and `Deserialize` are written out
    // (`struct_ser`, `struct_de`), by wire name.
    let mut ty = rust_type(api, &field.ty, false);
    if field.boxed {
        ty = quote!(Box<#ty>);
    }
    match field.presence {
        Presence::Required | Presence::DefaultFalse | Presence::Flattened => quote! { #doc pub #name: #ty, },
        // Optional, or required but nullable (`None` is then sent as `null`).
        Presence::Optional | Presence::RequiredNullable => quote! { #doc pub #name: Option<#ty>, },
    }
}
