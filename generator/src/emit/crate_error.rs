//! The crate-level `Error` (the AWS SDKs' `aws_sdk_xxx::Error`): a variant per documented
//! error body across all operations and `Unhandled` for the rest, which every operation's
//! error converts into, so that a function calling several operations has one error type;
//! and the `Display` / `Error` of the error bodies it holds.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attr, docs};
use super::{cfg, ident, rust_type};
use crate::model::ir::{Api, ErrorBody, TypeDef, TypeId, TypeRef};

/// The error bodies, in type order, with their ids.
fn bodies(api: &Api) -> impl Iterator<Item = (TypeId, &TypeDef, &ErrorBody)> {
    api.types
        .iter()
        .enumerate()
        .filter_map(|(i, def)| Some((TypeId(i), def, def.error_body.as_ref()?)))
}

pub(super) fn crate_error(api: &Api) -> TokenStream {
    let unhandled = ident(&api.unhandled_variant);
    let variants = bodies(api).map(|(id, def, body)| {
        let cfg = cfg(&def.gate);
        let variant = ident(&body.variant);
        let ty = rust_type(api, &TypeRef::Named(id), true);
        let fallback = format!("A [`{0}`](super::types::{0}) error response.", def.name);
        let doc = docs(def.doc.as_deref(), &fallback);
        quote! { #cfg #doc #variant(sdkgen_runtime::ServiceError<#ty>), }
    });
    let is_methods: Vec<TokenStream> = bodies(api).map(|(_, def, body)| {
        let cfg = cfg(&def.gate);
        let variant = ident(&body.variant);
        let method = ident(&body.is_method);
        let doc = doc_attr(format!(" Whether this is [`Self::{}`].", body.variant));
        quote! {
            #cfg
            #doc
            pub fn #method(&self) -> bool {
                matches!(self, Self::#variant(_))
            }
        }
    }).collect();
    let is_methods = (!is_methods.is_empty()).then(|| quote!(impl Error { #(#is_methods)* }));
    let meta_arms = bodies(api).map(|(_, def, body)| {
        let cfg = cfg(&def.gate);
        let variant = ident(&body.variant);
        let label = &body.variant;
        quote!(#cfg Self::#variant(e) => e.error_meta(#label),)
    });
    quote! {
        /// Any error of any operation of this crate, by its documented body: what a function
        /// that calls several operations returns, with one `?` (every operation's
        /// `SdkError<OperationError>` converts into it). Its `Display`, `source()` and
        /// metadata are those of the operation's error.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// Any other error: a response without a typed body (undocumented, documented
            /// without a schema, or not matching it), or a failure that is no error response
            /// (nothing sent, no response, a success body that does not match, a redirect
            /// not followed).
            #unhandled(sdkgen_runtime::Unhandled),
        }

        #is_methods

        impl sdkgen_runtime::ProvideErrorMeta for Error {
            fn meta(&self) -> sdkgen_runtime::ErrorMeta<'_> {
                match self {
                    #(#meta_arms)*
                    Self::#unhandled(e) => e.meta(),
                }
            }
        }

        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&sdkgen_runtime::ProvideErrorMeta::meta(self), f)
            }
        }

        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                sdkgen_runtime::ProvideErrorMeta::meta(self).source()
            }
        }

        impl<E> From<sdkgen_runtime::SdkError<E>> for Error
        where
            Error: From<E>,
        {
            fn from(e: sdkgen_runtime::SdkError<E>) -> Self {
                match e.split_service() {
                    Ok(service) => service.into(),
                    Err(other) => Self::#unhandled(other.into()),
                }
            }
        }
    }
}

/// `Display` (the message member, else the type's name) and `std::error::Error` of each
/// error body, so that it is the last layer of an error chain.
pub(super) fn body_impls(api: &Api) -> TokenStream {
    let impls = bodies(api).map(|(id, def, body)| {
        let cfg = cfg(&def.gate);
        let ty = rust_type(api, &TypeRef::Named(id), true);
        let name = &def.name;
        let message = match &body.message {
            Some(m) if m.optional => {
                let field = ident(&m.rust_name);
                quote!(self.#field.as_deref())
            }
            Some(m) => {
                let field = ident(&m.rust_name);
                quote!(Some(&self.#field))
            }
            None => quote!(None),
        };
        quote! {
            #cfg
            impl sdkgen_runtime::ErrorBody for #ty {
                fn message(&self) -> Option<&str> {
                    #message
                }
            }

            #cfg
            impl std::fmt::Display for #ty {
                /// The message, or the type's name when there is none.
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    let message = sdkgen_runtime::ErrorBody::message(self);
                    f.write_str(message.filter(|m| !m.is_empty()).unwrap_or(#name))
                }
            }

            #cfg
            impl std::error::Error for #ty {}
        }
    });
    quote!(#(#impls)*)
}
