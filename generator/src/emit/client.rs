//! The `client` module: the `Client` with a method per operation, and its builder.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attr, docs, docs_with_note};
use super::operation_docs::operation_docs;
use super::render::{self, piece, Module};
use super::{cfg, ident, RuntimeAlias};
use crate::model::ir::{Api, AuthScheme, Gate, Operation, ParamLocation, UrlPart};

/// The module of a crate: each operation's method documented with an example.
pub(super) fn client_rs<'a>(api: &'a Api, alias: &'a RuntimeAlias) -> Module<'a> {
    client_module(api, alias, true)
}

/// The module in the single-file layout, `include!`d into another crate: without the
/// examples, whose paths name a crate that is not there (they would be that crate's doctests).
pub(super) fn client_rs_included(api: &Api, alias: &RuntimeAlias) -> TokenStream {
    render::tokens(&client_module(api, alias, false))
}

/// The operations' methods per `impl Client` block (an API of at most this many has one).
const METHODS_PER_IMPL: usize = 64;

/// The module as pieces: the `Client` with its first block of methods, each further block,
/// then the `ClientBuilder`.
fn client_module<'a>(api: &'a Api, alias: &'a RuntimeAlias, examples: bool) -> Module<'a> {
    // In `impl Client` blocks of at most `METHODS_PER_IMPL`: each block is one item to the
    // printer, parsed whole, so one block of every method of a large API was most of the
    // generator's memory (see `render`). Rustdoc shows them as one list.
    let mut blocks = api.operations.chunks(METHODS_PER_IMPL);
    let first = blocks.next().unwrap_or_default();
    let mut pieces = vec![piece(move || client(api, alias, first, examples))];
    pieces.extend(blocks.map(|ops| {
        piece(move || {
            let methods = ops.iter().map(|op| method(api, op, examples));
            quote!(impl Client { #(#methods)* })
        })
    }));
    pieces.push(piece(move || client_builder(api)));
    pieces
}

/// The AWS signing name, for an API signed with SigV4.
fn signing_name(api: &Api) -> Option<String> {
    api.auth.iter().find_map(|a| match a {
        AuthScheme::SigV4 { signing_name, .. } => Some(signing_name.clone()),
        _ => None,
    })
}

/// An operation's method on `Client`.
fn method(api: &Api, op: &Operation, examples: bool) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.type_name);
    let fallback = format!("The `{}` operation.", op.id);
    let doc = docs(op.doc.as_deref(), &fallback);
    let how = doc_attr(format!(
        " `{} {}`: set its parameters on the returned [`{}`](super::builders::{}), then call `send()`.",
        op.http_method, op.path, op.type_name, op.type_name
    ));
    let sections = operation_docs(api, op, examples);
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let cfg = cfg(&api.operation_gate(op));
    quote! {
        #doc
        #[doc = ""]
        #how
        #sections
        #deprecated
        #cfg
        #[inline]
        pub fn #method(&self) -> super::builders::#builder {
            super::builders::#builder::new(self.clone())
        }
    }
}

/// The module's docs, `Client` and its first block of methods (`first`).
fn client(api: &Api, alias: &RuntimeAlias, first: &[Operation], examples: bool) -> TokenStream {
    let title = &api.title;
    let client_doc = format!(
        " A client of the {title}. Cheap to clone: clones share configuration and connections."
    );
    let first = first.iter().map(|op| method(api, op, examples));
    let signing_name = signing_name(api);
    let from_conf = signing_name.as_ref().map(|_| {
        quote! {
            /// A client configured by `aws-config` (the `aws-config` feature), as the AWS SDKs'
            /// `Client::new(&config)`: `Client::from_conf(&aws_config::load_from_env().await)`.
            /// See [`ClientBuilder::sdk_config`]; fails as [`ClientBuilder::build`] does.
            #[cfg(feature = "aws-config")]
            pub fn from_conf(config: &sdkgen_runtime::aws_types::SdkConfig) -> Result<Client, sdkgen_runtime::BuildError> {
                ClientBuilder::default().sdk_config(config).build()
            }
        }
    });

    // A spec without operations (or all filtered out) has nothing that sends.
    // With features, a build that enables none has no operations either.
    let any_tag_gate = api.gate(Vec::new());
    let any_tag = cfg(&any_tag_gate);
    let (unused, http_accessor) = if api.operations.is_empty() {
        (Some(quote!(#[allow(dead_code)])), None)
    } else {
        let unused = (any_tag_gate == Gate::AnyTag).then(|| quote!(#[cfg_attr(not(feature = "any-tag"), allow(dead_code))]));
        (unused, Some(quote! {
            #any_tag
            /// The transport, by value: a request builder holds its own client, which its
            /// `send()` moves into the future it returns.
            pub(super) fn http(self) -> sdkgen_runtime::HttpClient {
                self.http
            }
        }))
    };
    quote! {
        //! The client and its builder.
        #alias

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            #unused
            http: sdkgen_runtime::HttpClient,
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            #from_conf

            #http_accessor

            #(#first)*
        }
    }
}

/// `ClientBuilder`: its fields, default and setters.
fn client_builder(api: &Api) -> TokenStream {
    let server = api.server.as_ref();
    // The AWS region's variable is the runtime's: no field, no default (see `aws_region`).
    let held = || server.into_iter().flat_map(|s| &s.variables).filter(|v| !v.aws_region);
    let var_fields: Vec<_> = held().map(|v| ident(&v.rust_name)).collect();
    let var_defaults: Vec<_> = held().map(|v| v.default.clone()).collect();
    let var_setters = server.into_iter().flat_map(|s| &s.variables).map(|v| {
        let name = ident(&v.rust_name);
        let url = server.map_or("", |s| &s.url);
        if v.aws_region {
            let note = format!(
                "The `{}` of the server URL `{url}`, and the region requests are signed for. Without it, `build()` looks as the AWS SDKs do: `AWS_REGION`, `AWS_DEFAULT_REGION`, then `region` in the shared config file (`AWS_CONFIG_FILE` or `~/.aws/config`, profile `AWS_PROFILE` or `default`), and fails saying how to set one when none is found; the spec's default (`{}`) is not used.",
                v.wire_name, v.default
            );
            let doc = docs_with_note(v.doc.as_deref(), &note);
            return quote! {
                #doc
                pub fn #name(mut self, value: impl Into<String>) -> Self {
                    self.runtime = self.runtime.region(value);
                    self
                }
            };
        }
        let note = format!("The `{}` of the server URL `{url}` (default `{}`).", v.wire_name, v.default);
        let doc = docs_with_note(v.doc.as_deref(), &note);
        quote! {
            #doc
            pub fn #name(mut self, value: impl Into<String>) -> Self {
                self.#name = value.into();
                self
            }
        }
    });

    let signing_name = signing_name(api);
    // Region, credentials and signing clock live in the runtime's builder: forwarded here.
    let sigv4_default = signing_name.as_ref().map(|name| quote!(.sigv4(#name)));
    let credentials_setter = signing_name.as_ref().map(|_| {
        quote! {
            /// The AWS credentials that sign every request (SigV4). Without these or a
            /// provider, they are read from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
            /// `AWS_SESSION_TOKEN` when the client is built.
            pub fn credentials(mut self, credentials: sdkgen_runtime::Credentials) -> Self {
                self.runtime = self.runtime.credentials(credentials);
                self
            }

            /// Credentials from a provider (`aws-config`'s chain, an assumed role, a closure),
            /// cached and asked again when they are within 5 minutes of expiring; its failure
            /// is `SdkError::Credentials`. See [`sdkgen_runtime::ClientBuilder::credentials_provider`].
            pub fn credentials_provider(mut self, provider: impl sdkgen_runtime::aws_credential_types::provider::ProvideCredentials + 'static) -> Self {
                self.runtime = self.runtime.credentials_provider(provider);
                self
            }

            /// Region, credentials provider, endpoint URL, timeouts and retry attempts from
            /// `aws_config::load_from_env().await` (the `aws-config` feature); setters called
            /// afterwards win. See [`sdkgen_runtime::ClientBuilder::sdk_config`] for what is used.
            #[cfg(feature = "aws-config")]
            pub fn sdk_config(mut self, config: &sdkgen_runtime::aws_types::SdkConfig) -> Self {
                self.runtime = self.runtime.sdk_config(config);
                self
            }

            /// Signs with this fixed time instead of the clock, for reproducible signatures
            /// in tests.
            pub fn signing_time(mut self, time: std::time::SystemTime) -> Self {
                self.runtime = self.runtime.sigv4_fixed_time(time);
                self
            }
        }
    });
    let api_key_setters = api.auth.iter().filter_map(|a| match a {
        AuthScheme::ApiKey { setter, location, parameter, doc, .. } => {
            let name = ident(setter);
            let (place, add) = match location {
                ParamLocation::Query => ("query parameter", quote!(api_key_query)),
                ParamLocation::Cookie => ("cookie", quote!(api_key_cookie)),
                _ => ("header", quote!(api_key_header)),
            };
            let note = format!("Sent as the `{parameter}` {place} of every request that needs it.");
            let text = match doc {
                Some(d) => format!("{d}\n\n{note}"),
                None => format!("The API key. {note}"),
            };
            let docs = docs(Some(&text), &note);
            Some(quote! {
                #docs
                pub fn #name(mut self, value: impl Into<String>) -> Self {
                    self.runtime = self.runtime.#add(#parameter, value);
                    self
                }
            })
        }
        AuthScheme::Basic { setter, doc, .. } => {
            let name = ident(setter);
            let docs = docs_with_note(doc.as_deref(), "HTTP Basic authentication: sent as the `authorization` header of every request that needs it.");
            Some(quote! {
                #docs
                pub fn #name(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
                    self.runtime = self.runtime.basic_auth(username, password);
                    self
                }
            })
        }
        AuthScheme::Bearer { setter, doc, .. } => {
            let name = ident(setter);
            let docs = docs_with_note(doc.as_deref(), "A bearer token: sent as `authorization: Bearer <token>` with every request that needs it.");
            Some(quote! {
                #docs
                pub fn #name(mut self, token: impl Into<String>) -> Self {
                    self.runtime = self.runtime.bearer_token(token);
                    self
                }
            })
        }
        _ => None,
    });

    let (server_url_setter, default_base_url) = match server {
        Some(s) if s.relative => {
            let path = &s.url;
            let doc = format!(
                " Your server's address (scheme, host and port, e.g. `https://server.example.com`); \
                 requests go to it followed by the spec's base path `{path}`."
            );
            (
                Some(quote! {
                    #[doc = #doc]
                    pub fn server_url(mut self, url: impl AsRef<str>) -> Self {
                        let base = format!("{}{}", url.as_ref().trim_end_matches('/'), #path);
                        self.runtime = self.runtime.default_base_url(base);
                        self
                    }
                }),
                None,
            )
        }
        Some(s) => {
            let template = &s.url;
            let variables = s.variables.iter().map(|v| {
                let name = &v.wire_name;
                let field = ident(&v.rust_name);
                let part = match v.part {
                    UrlPart::Host => quote!(Host),
                    UrlPart::Port => quote!(Port),
                    UrlPart::Path => quote!(Path),
                };
                let allowed = &v.allowed;
                if v.aws_region {
                    return quote! {
                        sdkgen_runtime::ServerVariable::region(#name, sdkgen_runtime::UrlPart::#part, &[#(#allowed),*])
                    };
                }
                quote! {
                    sdkgen_runtime::ServerVariable::new(
                        #name,
                        self.#field.clone(),
                        sdkgen_runtime::UrlPart::#part,
                        &[#(#allowed),*],
                    )
                }
            });
            (None, Some(quote! {
                runtime = runtime.server(#template, [#(#variables),*]);
            }))
        }
        None => (None, None),
    };
    let base_url_doc = match server {
        Some(s) if !s.relative => format!(" Sends requests to this URL instead of `{}` (a proxy, a local test server).", s.url),
        _ => " The full base URL that operation paths are appended to, for example `http://127.0.0.1:8080/api`.".to_owned(),
    };
    let user_agent = format!("{}/0.1.0 sdkgen-runtime", api.crate_name);
    // AWS clients follow no redirect (the model's decision); others keep the runtime's
    // default, same-origin only.
    let redirects_default = (!api.protocol.follows_redirects())
        .then(|| quote!(.redirects(sdkgen_runtime::Redirects::None)));
    let redirects_doc = if api.protocol.follows_redirects() {
        " Which redirects are followed. Default: [`sdkgen_runtime::Redirects::SameOrigin`], at most 10 in a row; a redirect to another origin (scheme, host, port) is never followed and is returned as `Error::Redirect`, with its status and `Location`."
    } else {
        " Which redirects are followed. Default: [`sdkgen_runtime::Redirects::None`], as the AWS SDKs (a signature is valid for one URL): a redirect is returned as `Error::Redirect`, with its status and `Location`. A redirect to another origin is never followed."
    };
    let build_doc = signing_name.as_ref().map(|_| {
        quote! {
            #[doc = ""]
            #[doc = " It also fails when no AWS region is set or found (see `region`), or the region is not a region code."]
        }
    });
    let mutable = if default_base_url.is_some() { quote!(mut) } else { quote!() };
    // The idle limit of streamed bodies, for APIs with operations whose output streams.
    let stream_idle_timeout = api.streams().then(|| {
        quote! {
            /// The longest wait for the next chunk of a body received as a stream (an
            /// operation's `send_streaming()`); a server that stalls mid-body ends the stream
            /// with a timeout error. `operation_timeout` ends when the stream is handed over,
            /// and `max_response_bytes` does not bound it; `timeout` still covers the whole
            /// transfer. Default: 30 s.
            pub fn stream_idle_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.runtime = self.runtime.stream_idle_timeout(timeout);
                self
            }
        }
    });

    quote! {
        /// Configures a [`Client`]: where it sends requests, how it authenticates them, and
        /// how long it waits.
        #[derive(Debug, Clone)]
        #[must_use = "call `build()` to get a client"]
        pub struct ClientBuilder {
            runtime: sdkgen_runtime::ClientBuilder,
            #(#var_fields: String,)*
        }

        impl Default for ClientBuilder {
            fn default() -> Self {
                Self {
                    runtime: sdkgen_runtime::ClientBuilder::new(#user_agent) #redirects_default #sigv4_default,
                    #(#var_fields: #var_defaults.to_owned(),)*
                }
            }
        }

        impl ClientBuilder {
            #[doc = #base_url_doc]
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.runtime = self.runtime.base_url(url);
                self
            }

            #server_url_setter
            #(#var_setters)*
            #credentials_setter
            #(#api_key_setters)*

            /// Time limit for each attempt, from connecting to reading the whole response.
            /// Default: 120 s.
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.runtime = self.runtime.timeout(timeout);
                self
            }

            /// The longest silence while waiting for a response's head or the next part of its
            /// body; a server that stops sending fails the attempt. Default: 30 s.
            pub fn read_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.runtime = self.runtime.read_timeout(timeout);
                self
            }

            /// Time limit for a whole operation: every attempt and the waits between them.
            /// Default: none (each attempt has its own limits).
            pub fn operation_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.runtime = self.runtime.operation_timeout(timeout);
                self
            }

            /// The largest response body read, in bytes; a larger one fails with a transport
            /// error saying the limit and what arrived, as soon as it is known. Default: 32 MiB.
            pub fn max_response_bytes(mut self, limit: u64) -> Self {
                self.runtime = self.runtime.max_response_bytes(limit);
                self
            }

            #stream_idle_timeout

            #[doc = #redirects_doc]
            pub fn redirects(mut self, redirects: sdkgen_runtime::Redirects) -> Self {
                self.runtime = self.runtime.redirects(redirects);
                self
            }

            /// How transient failures (429, 500, 502, 503, 504, no connection, no response
            /// in time) are retried. Default: 3 attempts in all, exponential backoff with
            /// jitter from 1 s up to 20 s, at least what a `Retry-After` header asks.
            pub fn retry(mut self, retry: sdkgen_runtime::RetryConfig) -> Self {
                self.runtime = self.runtime.retry(retry);
                self
            }

            /// Time limit for opening a connection. Default: 10 s.
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.runtime = self.runtime.connect_timeout(timeout);
                self
            }

            /// Adds an interceptor: code run before each attempt (before credentials are
            /// added and the request signed, so the headers it adds are signed too), after
            /// each response, and on each retry. Several run in the order added. See
            /// [`sdkgen_runtime::interceptor`].
            pub fn interceptor(mut self, interceptor: impl sdkgen_runtime::Interceptor + 'static) -> Self {
                self.runtime = self.runtime.interceptor(interceptor);
                self
            }

            /// The `User-Agent` header of every request.
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.runtime = self.runtime.user_agent(user_agent);
                self
            }

            /// Sends through this `reqwest::Client` instead of one the builder makes: its time
            /// limits, proxy, TLS, pool, HTTP/2 settings and redirect policy apply. Retries, the
            /// operation's time limit, the body size limit and `Error::Redirect` for a 3xx it
            /// returns still do; `timeout`, `read_timeout` and `connect_timeout` then fail
            /// `build()` (set them on the client), and redirects are followed as it follows them
            /// (see [`sdkgen_runtime::Redirects::reqwest_policy`]).
            pub fn http_client(mut self, client: sdkgen_runtime::reqwest::Client) -> Self {
                self.runtime = self.runtime.http_client(client);
                self
            }

            /// Sends through `transport` (another HTTP stack, or an in-process fake for tests)
            /// instead of reqwest, under the same terms as `http_client` (see
            /// [`sdkgen_runtime::transport`]).
            pub fn transport(mut self, transport: impl sdkgen_runtime::transport::Transport) -> Self {
                self.runtime = self.runtime.transport(transport);
                self
            }

            /// Builds the client. Fails when the configuration cannot work (no base URL, a base
            /// URL that is not http(s), a user agent that is not a header value, a server
            /// variable whose value would change the URL's host, port or path, or is not one the
            /// spec allows, a time limit of the default HTTP client set beside `http_client` or
            /// `transport`).
            #build_doc
            pub fn build(self) -> Result<Client, sdkgen_runtime::BuildError> {
                let #mutable runtime = self.runtime;
                #default_base_url
                Ok(Client { http: runtime.build()? })
            }
        }
    }
}
