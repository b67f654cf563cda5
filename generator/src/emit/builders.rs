//! The `builders` module: a request builder per operation, with a setter per parameter,
//! the body, `send()` (see [`super::send`]) and the paginators.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{doc_attr, docs, docs_with_note};
use super::send::send_fn;
use super::types::debug_impl;
use super::render::{piece, Module};
use super::{cfg, rust_type, setter_input, RuntimeAlias};
use crate::model::ir::{AltBody, AltKind, Api, Field, MediaChoice, Operation, Param, Paging, Place, TypeDef, TypeKind, TypeRef};
use super::ident;

/// The module, a builder a piece (the largest module of a large API).
pub(super) fn builders_rs<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    let head = piece(move || {
        quote! {
            //! Request builders, one per operation: set the parameters, then `send()`.
            #alias
        }
    });
    std::iter::once(head).chain(api.operations.iter().map(|op| piece(move || operation_builder(api, op)))).collect()
}

fn operation_builder(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.type_name);
    let error = ident(&op.error_name);
    let cfg = cfg(&api.operation_gate(op));
    let doc = format!(
        " Builds and sends [`Client::{m}`](super::Client::{m}): `{} {}`.",
        op.http_method,
        op.path,
        m = op.method_name
    );
    let field_names: Vec<_> = op.params.iter().map(|p| ident(&p.rust_name)).collect();
    let field_types = op.params.iter().map(|p| rust_type(api, &p.ty, true));
    // A struct body is held as its builder, so that its members are set here too.
    let body_builder = body_struct(api, op).map(|(def, _)| super::type_builders::builder_name(&def.name));
    let body_field = op.body.as_ref().map(|b| match &body_builder {
        Some(builder) => quote!(body: Option<super::types::builders::#builder>,),
        None => {
            let ty = rust_type(api, b.ty(), true);
            quote!(body: Option<#ty>,)
        }
    });
    let alternatives = op.body.as_ref().map(|b| b.alternatives.as_slice()).unwrap_or_default();
    let has_alternatives = !alternatives.is_empty();
    // The body in another media type, encoded when set (see `AltBody`).
    let other_field = has_alternatives.then(|| quote!(other_body: Option<sdkgen_runtime::EncodedBody>,));
    let other_init = has_alternatives.then(|| quote!(other_body: None,));
    let clear_other = has_alternatives.then(|| quote!(self.other_body = None;));
    let alt_setters = alternatives.iter().map(|alt| alt_setter(api, alt));
    let body_init = op.body.as_ref().map(|_| quote!(body: None,));
    // The caller's choice among the media types of a family (see `MediaChoice`).
    let choice = op.body.as_ref().and_then(|b| b.media_choice.as_ref());
    let choice_field = choice.map(|c| {
        let (field, choices) = (ident(&c.setter), ident(&c.enum_name));
        quote!(#field: Option<#choices>,)
    });
    let choice_init = choice.map(|c| {
        let field = ident(&c.setter);
        quote!(#field: None,)
    });
    let choice_setter = choice.map(media_choice_setter);
    let choice_enum = choice.map(|c| media_choice_enum(c, &cfg));
    let setters = op.params.iter().map(|p| param_setter(api, p));
    let body_setter = op.body.as_ref().map(|b| {
        let ty = rust_type(api, b.ty(), true);
        let members = if body_builder.is_some() {
            "\n\nThe whole body at once; the member setters below change members of it (of \
             the body given here, when called after this; a later `body(..)` replaces them all)."
        } else {
            ""
        };
        let text = match (&b.doc, b.required) {
            (Some(d), true) => format!("{d}\n\nRequired.{members}"),
            (Some(d), false) => format!("{d}{members}"),
            (None, true) => format!("The request body. Required.{members}"),
            (None, false) => format!("The request body.{members}"),
        };
        let doc = docs(Some(&text), "The request body.");
        let value = if body_builder.is_some() { quote!(value.into()) } else { quote!(value) };
        quote! {
            #doc
            #[inline]
            pub fn body(mut self, value: #ty) -> Self {
                #clear_other
                self.body = Some(#value);
                self
            }
        }
    });
    let member_setters = body_struct(api, op).map(|(def, fields)| body_member_setters(api, op, def, fields));
    let send = send_fn(api, op, &error);
    let paginators = op.paging.as_ref().map(|paging| paginators(api, op, paging, &error));
    let mut debug_fields = vec![(format_ident!("client"), false)];
    debug_fields.extend(op.params.iter().map(|p| (ident(&p.rust_name), p.sensitive)));
    if op.body.is_some() {
        debug_fields.push((format_ident!("body"), false));
    }
    if has_alternatives {
        debug_fields.push((format_ident!("other_body"), false));
    }
    if let Some(choice) = choice {
        debug_fields.push((ident(&choice.setter), false));
    }
    let (derive_debug, debug_impl) = debug_impl(&name, &cfg, &debug_fields);
    let doc = doc_attr(doc);
    quote! {
        #cfg
        #doc
        #[derive(#derive_debug Clone)]
        #[must_use = "a request is only sent by `send()`"]
        pub struct #name {
            client: super::Client,
            #(#field_names: Option<#field_types>,)*
            #body_field
            #other_field
            #choice_field
        }

        #cfg
        impl #name {
            // `#[inline]`, as the setters and `send()`: compiled to machine code only where called.
            #[inline]
            pub(super) fn new(client: super::Client) -> Self {
                Self {
                    client,
                    #(#field_names: None,)*
                    #body_init
                    #other_init
                    #choice_init
                }
            }

            #(#setters)*
            #body_setter
            #(#alt_setters)*
            #choice_setter
            #member_setters
            #send
            #paginators
        }

        #debug_impl
        #choice_enum
    }
}

/// The setter of a body's media type (see `MediaChoice`).
fn media_choice_setter(choice: &MediaChoice) -> TokenStream {
    let (name, choices) = (ident(&choice.setter), ident(&choice.enum_name));
    let refused = if choice.pairings_refused {
        " A JSON media type applies to a JSON body, any other to a text or bytes body: another \
         pairing (or a form or multipart body) is an error of `send()`, which does not re-encode \
         the value."
    } else {
        ""
    };
    let doc = format!(
        " The media type (`content-type`) the body is sent as: one of those the operation \
         documents ([`{}`]). Without it, each body setter sends its own.{refused}",
        choice.enum_name
    );
    quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(mut self, value: #choices) -> Self {
            self.#name = Some(value);
            self
        }
    }
}

/// The enum of the media types an operation's body may be sent as (raw or JSON ones): the
/// documented ones only, `as_str()` the text sent.
fn media_choice_enum(choice: &MediaChoice, cfg: &TokenStream) -> TokenStream {
    let name = ident(&choice.enum_name);
    let first = choice.variants.first().map(|v| v.media_type.as_str()).unwrap_or_default();
    let doc = format!(
        " The media types the body may be sent as, as the spec documents them (`{first}` first): \
         the request builder's `{}(..)` takes one.",
        choice.setter
    );
    let variants = choice.variants.iter().map(|v| {
        let (variant, doc) = (ident(&v.rust_name), format!(" `{}`", v.media_type));
        quote!(#[doc = #doc] #variant,)
    });
    let arms = choice.variants.iter().map(|v| {
        let (variant, text) = (ident(&v.rust_name), &v.media_type);
        quote!(Self::#variant => #text,)
    });
    quote! {
        #cfg
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        #cfg
        impl #name {
            /// The media type, as the `content-type` header sends it.
            #[inline]
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms)*
                }
            }
        }

        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The setter of a body in another media type: it encodes the value now (a failure is
/// `send()`'s error) and replaces any body set before.
fn alt_setter(api: &Api, alt: &AltBody) -> TokenStream {
    let name = format_ident!("{}", alt.setter);
    let content_type = &alt.content_type;
    let types = quote!(super::types::);
    let (input, encode) = match &alt.kind {
        AltKind::Json(ty) | AltKind::Form { ty, .. } => {
            let (input, convert) = setter_input(api, ty, &types);
            let ty = rust_type(api, ty, true);
            let encode = match &alt.kind {
                AltKind::Json(_) => quote!(sdkgen_runtime::EncodedBody::json(#content_type, &value)),
                AltKind::Form { styles, .. } if !styles.is_empty() => {
                    let styles = super::send::form_styles(styles);
                    quote!(sdkgen_runtime::EncodedBody::form_styled(&value, #styles))
                }
                _ => quote!(sdkgen_runtime::EncodedBody::form(&value)),
            };
            (input, quote! { let value: #ty = #convert; #encode })
        }
        AltKind::Multipart { ty, parts } => {
            let (input, convert) = setter_input(api, ty, &types);
            let ty = rust_type(api, ty, true);
            let parts = super::send::multipart_parts(parts.as_deref());
            // The parts' `?` (a JSON part that does not serialize) inside a closure: the setter
            // keeps the error for `send()`.
            let encode = quote! {
                let value: #ty = #convert;
                let encode = || -> Result<sdkgen_runtime::EncodedBody, sdkgen_runtime::ConstructionError> {
                    let members = &value;
                    let form = sdkgen_runtime::Multipart::new();
                    #(#parts)*
                    Ok(sdkgen_runtime::EncodedBody::multipart(form))
                };
                encode().unwrap_or_else(sdkgen_runtime::EncodedBody::failed)
            };
            (input, encode)
        }
        AltKind::Text => (quote!(impl Into<String>), quote!(sdkgen_runtime::EncodedBody::text(#content_type, value))),
        AltKind::Bytes => (quote!(Vec<u8>), quote!(sdkgen_runtime::EncodedBody::bytes(#content_type, value))),
    };
    let doc = format!(
        " The request body as `{content_type}`, instead of `body(..)`'s media type: the last body \
         setter called decides (a member setter called later changes `body(..)`'s value, not this)."
    );
    let doc = doc_attr(doc);
    quote! {
        #doc
        #[inline]
        pub fn #name(mut self, value: #input) -> Self {
            self.other_body = Some({ #encode });
            self.body = None;
            self
        }
    }
}

/// `into_pages` and `into_items` for a paged operation.
fn paginators(api: &Api, op: &Operation, paging: &Paging, error: &proc_macro2::Ident) -> TokenStream {
    let output = match &op.success.ty {
        Some(ty) => rust_type(api, ty, true),
        None => quote!(()),
    };
    let TypeKind::Struct(fields) = &api.ty(paging.response).kind else {
        return TokenStream::new();
    };
    let (Some(token_field), Some(items_field)) = (fields.get(paging.output_token), fields.get(paging.items)) else {
        return TokenStream::new();
    };
    let TypeRef::List(item_type) = &items_field.ty else {
        return TokenStream::new();
    };
    let item = rust_type(api, item_type, true);
    let input_token = ident(&paging.input_token);
    let output_token = ident(&token_field.rust_name);
    let items = ident(&items_field.rust_name);
    let token = if token_field.is_required() {
        quote!(Some(page.#output_token.clone()))
    } else {
        quote!(page.#output_token.clone())
    };
    let page_items = if items_field.is_required() {
        quote!(page.#items)
    } else {
        quote!(page.#items.unwrap_or_default())
    };
    let pages_doc = format!(
        " Sends this request, then one for each following page (each response's `{}` sent \
         back as `{}`), as a stream of pages. Ends after the last page, the first error, or a \
         page whose token an earlier page gave (a service that cycles); `stop_reason()` says which. \
         Loop with `while let Some(page) = pages.next().await`; it is also a `Stream`.",
        token_field.rust_name, paging.input_token
    );
    let items_doc = format!(
        " The `{}` of every page, as one stream (see `into_pages()`): loop with \
         `while let Some(item) = items.next().await`; `stop_reason()` says why it ended.",
        items_field.rust_name
    );
    let (pages_doc, items_doc) = (doc_attr(pages_doc), doc_attr(items_doc));
    // `#[inline]`, as `send()`: each paginator is a generic state machine of the runtime over
    // the operation's output and error (and their deserializers); compiled to machine code only
    // in a crate that pages through the operation, not for every paged operation here.
    quote! {
        #pages_doc
        #[inline]
        pub fn into_pages(self) -> sdkgen_runtime::pagination::Pages<#output, super::errors::#error> {
            let first_token = self.#input_token.clone();
            sdkgen_runtime::pagination::pages(self, first_token, |request: Self| async move {
                let next = request.clone();
                let page = request.send().await?;
                let token = #token;
                Ok((page, token.map(|token| (token.clone(), next.#input_token(token)))))
            })
        }

        #items_doc
        #[inline]
        pub fn into_items(self) -> sdkgen_runtime::pagination::Items<#item, super::errors::#error> {
            sdkgen_runtime::pagination::items(self.into_pages(), |page| #page_items)
        }
    }
}

fn param_setter(api: &Api, p: &Param) -> TokenStream {
    let name = ident(&p.rust_name);
    let (input, convert) = setter_input(api, &p.ty, &quote!(super::types::));
    let place = match p.place {
        Place::Path { .. } => "path",
        Place::Query(_) => "query",
        Place::Header { .. } => "header",
        Place::Cookie => "cookie",
    };
    let need = match &p.sole_value {
        Some(sole) => format!(": `{}` when not set, the one value it allows", sole.wire_value),
        None if p.required => ", required".to_owned(),
        None => String::new(),
    };
    let note = format!("`{}` ({place} parameter{need}).", p.wire_name);
    let doc = docs_with_note(p.doc.as_deref(), &note);
    quote! {
        #doc
        #[inline]
        pub fn #name(mut self, value: #input) -> Self {
            self.#name = Some(#convert);
            self
        }
    }
}

/// The struct of an operation's body, when the model gave the request builder its members.
pub(super) fn body_struct<'a>(api: &'a Api, op: &'a Operation) -> Option<(&'a TypeDef, &'a [Field])> {
    let fields = op.body_fields(api)?;
    let def = api.resolve(op.body.as_ref()?.ty())?;
    Some((def, fields))
}

/// The request builder's methods for the members of its struct body: each sets the member
/// on the body's builder (which it starts, empty, when no body was set yet).
fn body_member_setters(api: &Api, op: &Operation, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let types = quote!(super::types::);
    let Some(body) = &op.body else { return TokenStream::new() };
    let methods = fields.iter().zip(&body.members).map(|(f, own)| {
        let ty = rust_type(api, &f.ty, true);
        let (input, _) = setter_input(api, &f.ty, &types);
        let (setter, set_option, getter) = (ident(&own.setter), ident(&own.set_option), ident(&own.getter));
        let (inner_setter, inner_set, inner_get) =
            (ident(&f.accessors.setter), ident(&f.accessors.set_option), ident(&f.accessors.getter));
        let presence = super::type_builders::presence_note(f.presence);
        // A link to the field, whose docs say the rest (see `type_builders`).
        let doc = format!(
            " Sets the body member `{}`{presence}: [`{}`](super::types::{}::{}).",
            f.wire_name, f.rust_name, def.name, ident(&f.rust_name)
        );
        let doc = doc_attr(doc);
        let set_doc = doc_attr(format!(" Sets the body member `{}`, or unsets it with `None`.", f.wire_name));
        let get_doc = doc_attr(format!(" The body member `{}` set so far.", f.wire_name));
        quote! {
            #doc
            #[inline]
            pub fn #setter(mut self, value: #input) -> Self {
                self.body = Some(self.body.unwrap_or_default().#inner_setter(value));
                self
            }

            #set_doc
            #[inline]
            pub fn #set_option(mut self, value: Option<#ty>) -> Self {
                self.body = Some(self.body.unwrap_or_default().#inner_set(value));
                self
            }

            #get_doc
            #[inline]
            pub fn #getter(&self) -> &Option<#ty> {
                match &self.body {
                    Some(body) => body.#inner_get(),
                    None => &None,
                }
            }
        }
    });
    quote!(#(#methods)*)
}
