//! A request builder's `send()`: the request from the set values, its credentials and
//! retry policy, and the response read as the spec says.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_type;
use crate::model::ir::{
    Api, BodyMedia, Credential, FormMemberStyle, MultipartPart, Operation, OperationAuth, PartKind, Place, QueryStyle, StyleName, TypeDef, TypeKind, TypeRef,
};
use super::ident;

pub(super) fn send_fn(api: &Api, op: &Operation, error: &proc_macro2::Ident) -> TokenStream {
    let output = match &op.success.ty {
        Some(ty) => rust_type(api, ty, true),
        None => quote!(()),
    };
    // Required values first: a missing one fails before anything is sent. An idempotency
    // token the caller did not set is a fresh one, the same for every retry of this call.
    let required = op.params.iter().filter(|p| p.required || p.idempotency_token).map(|p| {
        let name = ident(&p.rust_name);
        let rust = &p.rust_name;
        if p.idempotency_token {
            quote! { let #name = self.#name.take().unwrap_or_else(sdkgen_runtime::idempotency_token); }
        } else if let Some(sole) = &p.sole_value {
            let (ty, variant) = (rust_type(api, &p.ty, true), ident(&sole.rust_name));
            quote! { let #name = self.#name.take().unwrap_or(#ty::#variant); }
        } else {
            quote! {
                let #name = sdkgen_runtime::ConstructionError::take_required(&mut self.#name, #rust)?;
            }
        }
    });
    // A struct body is held as its builder: built here, an error naming every required
    // member not set (by the names of this builder's setters).
    let built = super::builders::body_struct(api, op).map(|(def, fields)| {
        let builder = super::type_builders::builder_name(&def.name);
        let fallible = fields.iter().any(|f| f.is_required());
        let members = op.body.as_ref().map(|b| b.members.as_slice()).unwrap_or_default();
        let renamed: Vec<_> = fields
            .iter()
            .zip(members)
            // Only required members are ever named missing.
            .filter(|(f, own)| f.is_required() && f.accessors.setter != own.setter)
            .map(|(f, own)| {
                let (wire, setter) = (&f.wire_name, &own.setter);
                quote!((#wire, #setter))
            })
            .collect();
        // What follows the built `Result`: the error named by this builder's setters.
        let fail = match (fallible, renamed.is_empty()) {
            (false, _) => quote!(),
            (true, true) => quote!(?),
            (true, false) => quote!(.map_err(|e| e.with_setters(&[#(#renamed),*]))?),
        };
        match (op.body.as_ref().is_some_and(|b| b.required), fallible) {
            (true, _) => quote!(let body = self.body.take().unwrap_or_default().build() #fail;),
            (false, false) => quote!(let body = self.body.take().map(super::types::builders::#builder::build);),
            (false, true) => quote!(let body = self.body.take().map(super::types::builders::#builder::build).transpose() #fail;),
        }
    });
    let body_required = match built {
        Some(built) => Some(built),
        None => op.body.as_ref().filter(|b| b.required).map(|_| {
            quote! {
                let body = sdkgen_runtime::ConstructionError::take_required(&mut self.body, "body")?;
            }
        }),
    };
    let optional_body = if super::builders::body_struct(api, op).is_some() { quote!(body) } else { quote!(self.body) };
    // The path: each `{wireName}` becomes one encoded segment, in a local named so that
    // the template reads as an inline-args `format!`.
    let mut template = op.request_path.clone();
    let mut segments = Vec::new();
    for p in &op.params {
        let Place::Path { segment } = &p.place else { continue };
        let name = ident(&p.rust_name);
        let segment = ident(segment);
        template = template.replace(&format!("{{{}}}", p.wire_name), &format!("{{{segment}}}"));
        let rust = &p.rust_name;
        if p.json {
            segments.push(quote! {
                let #segment = sdkgen_runtime::path::segment(#rust, &sdkgen_runtime::style::json_text(#rust, &#name)?.unwrap_or_default())?;
            });
            continue;
        }
        if let Some(styled) = p.styled {
            let (style, explode) = (style_variant(styled.style), styled.explode);
            segments.push(quote!(let #segment = sdkgen_runtime::style::path_value(#rust, #style, #explode, &#name)?;));
            continue;
        }
        let value = match p.ty {
            TypeRef::String => quote!(&#name),
            _ => quote!(&#name.to_string()),
        };
        segments.push(quote!(let #segment = sdkgen_runtime::path::segment(#rust, #value)?;));
    }
    let path = if segments.is_empty() {
        quote!(#template.to_owned())
    } else {
        quote!(format!(#template))
    };
    let method = format_ident!("{}", op.http_method);
    // What interceptors and trace spans name the request by: the model's operationId and
    // the spec's path template (never the filled path, which may hold ids or keys). One
    // argument of the runtime's future, so one line per operation.
    let (operation_id, path_template) = (&op.id, &op.path);
    let extras = op.params.iter().filter(|p| !matches!(p.place, Place::Path { .. })).map(|p| {
        let name = ident(&p.rust_name);
        let wire = &p.wire_name;
        let given = p.required || p.idempotency_token;
        // A list or an object of an AWS query API: the protocol's spelling.
        let value = if given { quote!(&#name) } else { quote!(&self.#name) };
        if let Some(statement) = super::aws_query::query_param(api, p, value) {
            return statement;
        }
        // Its JSON text, one value in its place (`None`, an absent `Option`, sends nothing).
        if p.json {
            let value = if given { quote!(&#name) } else { quote!(&self.#name) };
            let text = quote!(sdkgen_runtime::style::json_text(#wire, #value)?);
            return match &p.place {
                Place::Query(_) => quote!(let request = request.query_opt(#wire, #text);),
                Place::Header { name } => quote!(let request = request.header_opt(#name, #text);),
                Place::Cookie => quote!(let request = request.cookie_opt(#wire, #text);),
                Place::Path { .. } => TokenStream::new(),
            };
        }
        // Any other style, list or object: the runtime's `style` module (an absent
        // `Option` serializes as `null`, which sends nothing).
        if let Some(styled) = p.styled {
            let value = if given { quote!(&#name) } else { quote!(&self.#name) };
            let explode = styled.explode;
            return match &p.place {
                Place::Query(_) => {
                    let style = style_variant(styled.style);
                    quote!(let request = request.query_styled(#wire, #style, #explode, #value)?;)
                }
                Place::Header { name } => quote!(let request = request.header_styled(#name, #explode, #value)?;),
                Place::Cookie => quote!(let request = request.cookie_styled(#wire, #explode, #value)?;),
                Place::Path { .. } => TokenStream::new(),
            };
        }
        // Lists and objects in the query: their own encoders.
        let is_list = matches!(p.ty, TypeRef::List(_));
        let style = match p.place {
            Place::Query(style) => style,
            _ => QueryStyle::Form { explode: true },
        };
        match (style, is_list, given) {
            (QueryStyle::DeepObject, _, true) => {
                return quote!(let request = request.query_deep_object(#wire, &#name)?;);
            }
            // `None` writes nothing.
            (QueryStyle::DeepObject, _, false) => {
                return quote!(let request = request.query_deep_object(#wire, &self.#name)?;);
            }
            (QueryStyle::Form { explode }, true, true) => {
                return quote!(let request = request.query_list(#wire, &#name, #explode););
            }
            (QueryStyle::Form { explode }, true, false) => {
                return quote! {
                    let request = match &self.#name {
                        Some(values) => request.query_list(#wire, values, #explode),
                        None => request,
                    };
                };
            }
            _ => {}
        }
        let (add, wire) = match (&p.place, given) {
            (Place::Query(_), true) => (quote!(query), wire),
            (Place::Query(_), false) => (quote!(query_opt), wire),
            (Place::Cookie, true) => (quote!(cookie), wire),
            (Place::Cookie, false) => (quote!(cookie_opt), wire),
            (Place::Header { name }, true) => (quote!(header), name),
            (Place::Header { name }, false) => (quote!(header_opt), name),
            (Place::Path { .. }, _) => return TokenStream::new(),
        };
        if given {
            // `Copy` values go by value, the rest by reference (clippy's needless borrows).
            let value = match p.ty {
                TypeRef::String | TypeRef::Named(_) | TypeRef::Json | TypeRef::List(_) | TypeRef::Map(_)
                | TypeRef::Base64 | TypeRef::Binary => quote!(&#name),
                _ => quote!(#name),
            };
            quote!(let request = request.#add(#wire, #value);)
        } else {
            quote!(let request = request.#add(#wire, self.#name.as_ref());)
        }
    });
    let body = op.body.as_ref().map(|b| {
        // `body` is the value: `&T` for the encoders that serialize, `T` for bytes.
        let encode = |body: TokenStream| match &b.media {
            BodyMedia::Json(_) => quote!(request.json_body(#body)?),
            BodyMedia::Form { ty, aws_query: true, .. } => super::aws_query::form_body(api, ty, body),
            BodyMedia::Form { styles, .. } if styles.is_empty() => quote!(request.form_body(#body)?),
            BodyMedia::Form { styles, .. } => {
                let styles = form_styles(styles);
                quote!(request.form_body_styled(#body, #styles)?)
            }
            BodyMedia::Bytes(content_type) => quote!(request.bytes_body(#content_type, #body)),
            BodyMedia::Multipart { parts, .. } => {
                let parts = multipart_parts(parts.as_deref());
                quote!({
                    let members = #body;
                    let form = sdkgen_runtime::Multipart::new();
                    #(#parts)*
                    request.multipart_body(form)
                })
            }
        };
        let owned = matches!(b.media, BodyMedia::Bytes(_));
        match (b.required, owned) {
            (true, true) => {
                let send = encode(quote!(body));
                quote!(let request = #send;)
            }
            (true, false) => {
                let send = encode(quote!(&body));
                quote!(let request = #send;)
            }
            (false, true) => {
                let send = encode(quote!(body));
                quote! {
                    let request = match self.body.take() {
                        Some(body) => #send,
                        None => request,
                    };
                }
            }
            (false, false) => {
                let send = encode(quote!(body));
                quote! {
                    let request = match &#optional_body {
                        Some(body) => #send,
                        None => request,
                    };
                }
            }
        }
    });
    let auth = match &op.auth {
        OperationAuth::None => Some(quote!(let request = request.without_auth();)),
        OperationAuth::All => None,
        OperationAuth::Only(credentials) => Some(credentials_filter(credentials)),
    };
    // AWS retries every operation on transient failures, whatever its method; otherwise
    // only idempotent methods are (the runtime's default).
    let retryable = api.protocol.retries_any_method().then(|| quote!(let request = request.retryable(true);));
    let outcomes = op.success.ty.as_ref().and_then(|ty| match api.resolve(ty) {
        Some(TypeDef { name, kind: TypeKind::Outcomes(outcomes), .. }) => Some((ident(name), outcomes)),
        _ => None,
    });
    // How the success response is read, as a `fn` pointer (a closure that captures
    // nothing): the runtime's future applies it (see `sdkgen_runtime::ResponseFuture`).
    let read_output = match (&op.success.ty, outcomes) {
        // Several documented successes: the status says which; another 2xx is undocumented.
        (_, Some((name, outcomes))) => {
            let arms = outcomes.iter().map(|o| {
                // A range (`2XX`, held as 2) after the exact statuses (the model's order).
                // A guard, not a range pattern: it overlaps the exact arms above on purpose.
                let status = if o.status < 10 {
                    let (low, high) = (o.status * 100, o.status * 100 + 100);
                    quote!(status if (#low..#high).contains(&status))
                } else {
                    let status = o.status;
                    quote!(#status)
                };
                let variant = ident(&o.rust_name);
                match &o.ty {
                    Some(_) if o.text => quote!(#status => Ok(response.text_output().map(super::types::#name::#variant)),),
                    Some(TypeRef::Binary) => quote!(#status => Ok(response.bytes_output().map(super::types::#name::#variant)),),
                    Some(ty) => {
                        // The variant's body type, which `map` alone does not tell inference.
                        let ty = rust_type(api, ty, true);
                        quote!(#status => response.json_output::<#ty, _>().map(|output| output.map(super::types::#name::#variant)),)
                    }
                    None => quote!(#status => Ok(response.empty_output().map(|()| super::types::#name::#variant)),),
                }
            });
            quote! {
                |response| match response.status().as_u16() {
                    #(#arms)*
                    _ => Err(sdkgen_runtime::Error::Service(super::errors::#error::from_response(response))),
                }
            }
        }
        (Some(TypeRef::Binary), None) => quote!(|response| Ok(response.bytes_output())),
        (Some(_), None) if op.success.text => quote!(|response| Ok(response.text_output())),
        // AWS outputs also carry the request id (the model's decision).
        (Some(ty), None) if ty.named().is_some_and(|id| api.ty(id).carries_request_id) => {
            quote!(sdkgen_runtime::RawResponse::json_output_with_request_id)
        }
        (Some(_), None) => quote!(sdkgen_runtime::RawResponse::json_output),
        (None, None) => quote!(|response| Ok(response.empty_output())),
    };
    // Only the request is built here, in plain code; sending it and reading the response
    // is the runtime's one future, so no operation has an `async fn` of its own. `#[inline]`:
    // rustc then compiles these to machine code only in a crate that calls them, as it
    // does generic code, so the generated crate itself only checks them.
    // With other media types, the one the caller chose replaces `body(..)` (which is then
    // neither required nor read).
    let has_alternatives = op.body.as_ref().is_some_and(|b| !b.alternatives.is_empty());
    let (take_other, body_required, body) = if has_alternatives {
        (
            Some(quote!(let other_body = self.other_body.take();)),
            None,
            Some(quote! {
                // The `None` arm ends with the encoders' `let request = ..;` statements.
                #[allow(clippy::let_and_return)]
                let request = match other_body {
                    Some(other) => request.encoded_body(other)?,
                    None => {
                        #body_required
                        #body
                        request
                    }
                };
            }),
        )
    } else {
        (None, body_required, body)
    };
    // A binary output can also be received as a stream (the model's decision).
    let send_streaming = op.success.streams.then(|| {
        quote! {
            /// Sends the request and gives the body as it arrives, a stream of chunks not read
            /// into memory (and not bounded by `max_response_bytes`), once a success response's
            /// head is in: the [`sdkgen_runtime::ByteStream`] in a [`sdkgen_runtime::Response`]
            /// with the status, headers and request id. An error response is read and classified
            /// as by `send()`. Retries and `operation_timeout` end when the stream is handed
            /// over; `stream_idle_timeout` then bounds the wait for each chunk.
            #[inline]
            pub fn send_streaming(mut self) -> sdkgen_runtime::StreamFuture<super::errors::#error> {
                let request = self.request();
                sdkgen_runtime::StreamFuture::new(self.client.http(), request, (#operation_id, #path_template), super::errors::#error::from_response)
            }
        }
    });
    // The media type the caller chose for a raw body, applied to whichever was set.
    let chosen = op.body.as_ref().and_then(|b| b.media_choice.as_ref()).map(|choice| {
        let (field, choices) = (ident(&choice.setter), ident(&choice.enum_name));
        quote!(let request = request.media_type(self.#field.map(#choices::as_str))?;)
    });
    quote! {
        /// Sends the request and waits for the response: the output alone (see
        /// `send_with_response()` for the status, headers and request id beside it).
        #[inline]
        pub fn send(self) -> sdkgen_runtime::OutputFuture<#output, super::errors::#error> {
            self.send_with_response().into_output()
        }

        /// Sends the request and waits for the response: the output with the response's
        /// status, headers and request id ([`sdkgen_runtime::Response`], which derefs to the output).
        #[inline]
        pub fn send_with_response(mut self) -> sdkgen_runtime::ResponseFuture<#output, super::errors::#error> {
            let request = self.request();
            sdkgen_runtime::ResponseFuture::new(self.client.http(), request, (#operation_id, #path_template), #read_output, super::errors::#error::from_response)
        }

        #send_streaming

        /// The request from the values set: required ones are taken out, and the first one
        /// missing or invalid is the error, before anything is sent.
        #[inline]
        fn request(&mut self) -> Result<sdkgen_runtime::Request, sdkgen_runtime::ConstructionError> {
            #take_other
            #(#required)*
            #body_required
            #(#segments)*
            let path = #path;
            let request = sdkgen_runtime::Request::new(sdkgen_runtime::http::Method::#method, path);
            #(#extras)*
            #body
            #chosen
            #auth
            #retryable
            Ok(request)
        }
    }
}

/// The members of a form body written in their `encoding`'s style: a `&[(name, Style,
/// explode)]` for `form_body_styled`.
pub(super) fn form_styles(styles: &[FormMemberStyle]) -> TokenStream {
    let entries = styles.iter().map(|s| {
        let (wire, style, explode) = (&s.wire_name, style_variant(s.style), s.explode);
        quote!((#wire, #style, #explode))
    });
    quote!(&[#(#entries),*])
}

/// The runtime's `Style` of a parameter.
fn style_variant(style: StyleName) -> TokenStream {
    let variant = format_ident!("{}", style.variant());
    quote!(sdkgen_runtime::style::Style::#variant)
}

/// `request.credentials(..)`: only these of the configured credentials are sent.
fn credentials_filter(credentials: &[Credential]) -> TokenStream {
    let accepted = credentials.iter().map(|c| match c {
        Credential::ApiKey(parameter) => quote!(sdkgen_runtime::Credential::ApiKey(#parameter)),
        Credential::Basic => quote!(sdkgen_runtime::Credential::Basic),
        Credential::Bearer => quote!(sdkgen_runtime::Credential::Bearer),
        Credential::SigV4 => quote!(sdkgen_runtime::Credential::SigV4),
    });
    quote!(let request = request.credentials(&[#(#accepted),*]);)
}

/// The parts of a multipart body (a `&Struct` named `members`) as the model decided them;
/// a map body is one JSON part.
pub(super) fn multipart_parts(parts: Option<&[MultipartPart]>) -> Vec<TokenStream> {
    let Some(parts) = parts else {
        return vec![quote!(let form = form.json("body", members)?;)];
    };
    parts
        .iter()
        .map(|p| {
            let name = ident(&p.rust_name);
            let wire = &p.wire_name;
            let value = if p.plain { quote!(Some(&members.#name)) } else { quote!(members.#name.as_ref()) };
            let part = match p.kind {
                PartKind::File => quote!(form.bytes(#wire, Some(#wire), "application/octet-stream", value.clone())),
                PartKind::Text => quote!(form.text(#wire, value)),
                PartKind::Json => quote!(form.json(#wire, value)?),
            };
            quote! {
                let form = match #value {
                    Some(value) => #part,
                    None => form,
                };
            }
        })
        .collect()
}
