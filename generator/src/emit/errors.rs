//! The `errors` module: an enum per operation, a variant per documented error, and the
//! classification of a response, printed from the model's table.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::docs;
use super::{cfg, rust_type};
use super::{crate_error, ident};
use crate::model::ir::{Api, ErrorBody, ErrorCase, ErrorPattern, Operation};

pub(super) fn errors_rs(api: &Api, alias: &TokenStream) -> TokenStream {
    let items = api.operations.iter().map(|op| operation_error(api, op));
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
        //! Each layer of an error shows its own part once and gives the next through
        //! `source()`: `SdkError` its kind (`service error`), an operation's error its variant
        //! and status (`ResourceNotFoundError (404)`), a documented body its message. Every
        //! one has `meta()`, `code()` and `message()` (`sdkgen_runtime::ProvideErrorMeta`).
        #alias
        #import
        #crate_error
        #bodies
        #(#items)*
    }
}

fn operation_error(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let cfg = cfg(&api.operation_gate(op));
    let doc = format!(" The errors of [`Client::{m}`](super::Client::{m}).", m = op.method_name);
    let unknown = ident(&op.unknown_variant);
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.variant);
        let status = match e.status {
            Some(s) => format!("Status {s}"),
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
        let doc = format!(" Whether this is [`Self::{}`].", e.variant);
        quote! {
            #[doc = #doc]
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
    quote! {
        #cfg
        #[doc = #doc]
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

/// The body of `from_response`: which variant a response is, as the model's table says.
/// With a protocol that has error codes, the match is on (code, status): a code pattern
/// matches whatever the status, a status pattern only a response without a code.
fn classify(api: &Api, op: &Operation) -> TokenStream {
    let unknown = ident(&op.unknown_variant);
    let table = &op.classification;
    let fallback = match table.fallback.and_then(|case| op.errors.get(case)) {
        Some(e) => construct_variant(api, e, &unknown),
        None => quote!(Self::#unknown(response.retained())),
    };
    if table.arms.is_empty() {
        // Nothing documented with a status: every error response is the fallback.
        return fallback;
    }
    let by_code = api.protocol.classifies_by_code();
    let arms = table.arms.iter().filter_map(|arm| {
        let construct = construct_variant(api, op.errors.get(arm.case)?, &unknown);
        let patterns = arm.patterns.iter().map(|p| match (p, by_code) {
            (ErrorPattern::Code(code), _) => quote!((Some(#code), _)),
            (ErrorPattern::Status(status), true) => {
                let status = proc_macro2::Literal::u16_unsuffixed(*status);
                quote!((None, #status))
            }
            (ErrorPattern::Status(status), false) => {
                let status = proc_macro2::Literal::u16_unsuffixed(*status);
                quote!(#status)
            }
        });
        Some(quote!(#(#patterns)|* => #construct,))
    });
    let default_arm = quote!(_ => #fallback,);
    if by_code {
        quote! {
            let code = sdkgen_runtime::aws::error_code(&response);
            match (code.as_deref(), response.status().as_u16()) {
                #(#arms)*
                #default_arm
            }
        }
    } else {
        quote! {
            match response.status().as_u16() {
                #(#arms)*
                #default_arm
            }
        }
    }
}

fn construct_variant(api: &Api, e: &ErrorCase, unknown: &proc_macro2::Ident) -> TokenStream {
    let variant = ident(&e.variant);
    let carries_request_id = e.ty.as_ref().and_then(|t| t.named()).is_some_and(|id| api.ty(id).carries_request_id);
    // `parse_error_body_with_request_id` gives the body boxed already.
    let (parse, boxed) = if carries_request_id {
        (quote!(parse_error_body_with_request_id), quote!(body))
    } else {
        (quote!(parse_error_body), quote!(Box::new(body)))
    };
    match &e.ty {
        None => quote!(Self::#variant(response.retained())),
        Some(_) => quote! {
            match response.#parse() {
                Some(body) => Self::#variant(response.with_body(#boxed)),
                None => Self::#unknown(response.retained()),
            }
        },
    }
}
