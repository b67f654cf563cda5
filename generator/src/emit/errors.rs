//! The `errors` module: an enum per set of errors operations document alike (see
//! `model::passes::error_sets`), a variant per documented error, an alias per operation that
//! names a shared enum, and the classification of a response, printed from the model's table.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{doc_attr, docs};
use super::{cfg, rust_type};
use super::render::{piece, Module};
use super::{crate_error, ident, RuntimeAlias};
use crate::model::ir::{status_text, Api, ErrorBody, ErrorCase, ErrorPattern, ErrorSet, Operation};

/// The module: its head (docs, imports, the crate-level `Error` and the error bodies'
/// impls), then an enum a piece, then an operation's alias a piece.
pub(super) fn errors_rs<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    let enums = api.error_sets.iter().map(|set| piece(move || error_enum(api, set)));
    let aliases = api
        .error_sets
        .iter()
        .flat_map(|set| set.operations.iter().map(move |&i| (set, &api.operations[i])))
        .filter(|(set, op)| op.error_name != set.name)
        .map(|(set, op)| piece(move || operation_alias(api, set, op)));
    std::iter::once(piece(move || head(api, alias))).chain(enums).chain(aliases).collect()
}

fn head(api: &Api, alias: &RuntimeAlias) -> TokenStream {
    let import = (!api.operations.is_empty()).then(|| {
        let cfg = cfg(&api.gate(Vec::new()));
        quote!(#cfg use sdkgen_runtime::{ProvideErrorMeta, RawResponse, Unhandled};)
    });
    let crate_error = crate_error::crate_error(api);
    let bodies = crate_error::body_impls(api);
    quote! {
        //! The errors of each operation: a variant per documented error response, and a
        //! catch-all that keeps any other response whole; and [`Error`], any of them.
        //!
        //! Operations that document the same errors share one enum: an operation's error
        //! type (`GetBotError`) is its own enum, or an alias of the shared one that lists its
        //! errors; its variants are matched through either name. A shared enum is named after
        //! its variants (`NotFoundErrors`; the first two and how many more beyond three,
        //! `BadRequestUnauthorizedAnd5MoreErrors`; `UndocumentedErrors` for none).
        //!
        //! Each layer of an error shows its own part once and gives the next through
        //! `source()`: `SdkError` its kind (`service error`), an operation's error its variant
        //! and status (`ResourceNotFoundError (404)`), a documented body its message. Every
        //! one has `meta()`, `code()` and `message()` (`sdkgen_runtime::ProvideErrorMeta`).
        #alias
        #import
        #crate_error
        #bodies
    }
}

/// `pub type GetBotError = NotFoundErrors;`, documented with the operation's errors.
fn operation_alias(api: &Api, set: &ErrorSet, op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let shared = ident(&set.name);
    let cfg = cfg(&api.operation_gate(op));
    let mut text = format!(
        "The errors of [`Client::{m}`](super::Client::{m}): [`{s}`], which the operations that \
         document the same errors share.\n\n",
        m = op.method_name,
        s = set.name
    );
    for e in &op.errors {
        let status = e.status.map_or_else(|| "any other status".to_owned(), status_text);
        text.push_str(&format!("- [`{v}`]({s}::{v}) ({status})\n", v = e.variant, s = set.name));
    }
    text.push_str(&format!(
        "- [`{u}`]({s}::{u}): an error response the spec does not document, kept whole",
        u = op.unknown_variant,
        s = set.name
    ));
    let doc = docs(Some(&text), "The errors of an operation.");
    quote! {
        #cfg
        #doc
        pub type #name = #shared;
    }
}

fn error_enum(api: &Api, set: &ErrorSet) -> TokenStream {
    let op = api.set_errors(set);
    let name = ident(&set.name);
    let cfg = cfg(&api.error_set_gate(set));
    let doc = match set.operations.as_slice() {
        [_] => format!(" The errors of [`Client::{m}`](super::Client::{m}).", m = op.method_name),
        users => {
            // Named, not linked: an operation of another feature may not be compiled.
            let methods: Vec<String> = users.iter().map(|&i| format!("`Client::{}`", api.operations[i].method_name)).collect();
            format!(
                " The errors of {} operations, which document the same ones: {}. Each names it by \
                 its own alias (`{}`).",
                users.len(),
                methods.join(", "),
                op.error_name
            )
        }
    };
    let unknown = ident(&op.unknown_variant);
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let status = match e.status {
            Some(s) => format!("Status {}", status_text(s)),
            None => "Any other status".to_owned(),
        };
        let fallback = format!("{status}.");
        let text = match &e.doc {
            Some(d) => format!("{status}: {d}"),
            None => fallback.clone(),
        };
        let doc = docs(Some(&text), &fallback);
        // A parsed body travels with its response (status, headers, request id, raw body):
        // `ServiceError` boxes the body so that `Result<_, Error<ThisEnum>>` stays small
        // whatever its size (clippy's `result_large_err`); fields still read through it.
        let ty = match &e.ty {
            Some(ty) => {
                let ty = rust_type(api, ty, true);
                quote!(sdkgen_runtime::ServiceError<#ty>)
            }
            None => quote!(RawResponse),
        };
        quote! { #doc #variant(#ty), }
    });
    let is_methods = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let method = ident(&e.is_method);
        let doc = doc_attr(format!(" Whether this is [`Self::{}`].", e.variant));
        quote! {
            #doc
            pub fn #method(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        }
    });
    // Every variant's metadata, and what it is as a case of the crate-level `Error`.
    let meta_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let label = &e.variant;
        let meta = match (&e.ty, error_body(api, e)) {
            (Some(_), Some(_)) => quote!(e.error_meta(#label)),
            (Some(_), None) => quote!(e.response().error_meta(Some(#label))),
            (None, _) => quote!(e.error_meta(Some(#label))),
        };
        quote!(Self::#variant(e) => #meta,)
    });
    let unhandled = ident(&api.unhandled_variant);
    let into_crate_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let label = &e.variant;
        match (&e.ty, error_body(api, e)) {
            (Some(_), Some(body)) => {
                let to = ident(&body.variant);
                quote!(#name::#variant(e) => Self::#to(e),)
            }
            (Some(_), None) => quote! {
                #name::#variant(e) => Self::#unhandled(Unhandled::response(Some(#label), e.into_response())),
            },
            (None, _) => quote! {
                #name::#variant(e) => Self::#unhandled(Unhandled::response(Some(#label), e)),
            },
        }
    });
    let classify = classify(api, op);
    let doc = doc_attr(doc);
    quote! {
        #cfg
        #doc
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A response the spec does not document, or whose body does not match the
            /// documented schema: status, headers and body (its first 64 KiB), as received.
            #unknown(RawResponse),
        }

        #cfg
        impl #name {
            /// Classifies an error response.
            // `#[inline]`, as the `send()` that names it: the error bodies' deserializers are
            // compiled to machine code only in a crate that sends the operation.
            #[inline]
            pub(super) fn from_response(response: RawResponse) -> Self {
                #classify
            }
            #(#is_methods)*
        }

        #cfg
        impl ProvideErrorMeta for #name {
            fn meta(&self) -> sdkgen_runtime::ErrorMeta<'_> {
                match self {
                    #(#meta_arms)*
                    Self::#unknown(e) => e.error_meta(None),
                }
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.meta(), f)
            }
        }

        #cfg
        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                self.meta().source()
            }
        }

        #cfg
        impl From<#name> for Error {
            fn from(e: #name) -> Self {
                match e {
                    #(#into_crate_arms)*
                    #name::#unknown(e) => Self::#unhandled(Unhandled::from(e)),
                }
            }
        }
    }
}

/// The error body of a case, when its body is one (a struct documented as an error body).
fn error_body<'a>(api: &'a Api, e: &ErrorCase) -> Option<&'a ErrorBody> {
    api.ty(e.ty.as_ref()?.named()?).error_body.as_ref()
}

/// The body of `from_response`: the model's table as a `static` the runtime interprets
/// (`sdkgen_runtime::ErrorTable`: with a protocol that has error codes, a code rule matches
/// whatever the status, a status rule only a response without a code), then the case it
/// gives to its variant.
fn classify(api: &Api, op: &Operation) -> TokenStream {
    let unknown = ident(&op.unknown_variant);
    let table = &op.classification;
    if table.arms.is_empty() {
        // Nothing documented with a status: every error response is the fallback.
        return match table.fallback.and_then(|case| op.errors.get(case)) {
            Some(e) => construct_variant(api, e, &unknown),
            None => quote!(Self::#unknown(response.retained())),
        };
    }
    let rules = table.arms.iter().flat_map(|arm| {
        let case = Literal::usize_unsuffixed(arm.case);
        arm.patterns.iter().map(move |p| match p {
            ErrorPattern::Code(code) => quote!(sdkgen_runtime::ErrorRule::code(#code, #case)),
            ErrorPattern::Status(status) => {
                let status = Literal::u16_unsuffixed(*status);
                quote!(sdkgen_runtime::ErrorRule::status(#status, #case))
            }
            ErrorPattern::Range(class) => {
                let class = Literal::u16_unsuffixed(*class);
                quote!(sdkgen_runtime::ErrorRule::range(#class, #case))
            }
        })
    });
    let fallback = match table.fallback {
        Some(case) => {
            let case = Literal::usize_unsuffixed(case);
            quote!(Some(#case))
        }
        None => quote!(None),
    };
    let table_kind = if api.protocol.classifies_by_code() { quote!(by_code) } else { quote!(by_status) };
    // Each case the table can give, once, in the enum's order.
    let mut cases: Vec<usize> = table.arms.iter().map(|arm| arm.case).chain(table.fallback).collect();
    cases.sort_unstable();
    cases.dedup();
    let arms = cases.into_iter().filter_map(|case| {
        let construct = construct_variant(api, op.errors.get(case)?, &unknown);
        let case = Literal::usize_unsuffixed(case);
        Some(quote!(Some(#case) => #construct,))
    });
    quote! {
        static TABLE: sdkgen_runtime::ErrorTable = sdkgen_runtime::ErrorTable::#table_kind(&[#(#rules),*], #fallback);
        match TABLE.classify(&response) {
            #(#arms)*
            _ => Self::#unknown(response.retained()),
        }
    }
}

/// A case as its variant: the response kept, or its body parsed (a body that does not match
/// is the catch-all).
fn construct_variant(api: &Api, e: &ErrorCase, unknown: &proc_macro2::Ident) -> TokenStream {
    let variant = ident(&e.variant);
    let carries_request_id = e.ty.as_ref().and_then(|t| t.named()).is_some_and(|id| api.ty(id).carries_request_id);
    let parse = if carries_request_id { quote!(parse_with_request_id) } else { quote!(parse) };
    match &e.ty {
        None => quote!(Self::#variant(response.retained())),
        Some(_) => quote!(sdkgen_runtime::ServiceError::#parse(response).map_or_else(Self::#unknown, Self::#variant)),
    }
}
