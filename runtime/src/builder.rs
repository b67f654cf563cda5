//! The configuration of a client: what every generated `ClientBuilder` wraps, and the one
//! place it becomes an [`HttpClient`] (checked once: base URL, server variables, credentials,
//! the transport's time limits and redirect policy).

use std::sync::Arc;
use std::time::Duration;

use http::HeaderValue;

use super::auth::{ApiKey, ApiKeyLocation, HttpAuth};
use super::error::BuildError;
use super::interceptor::Interceptor;
use super::limits::{self, Redirects};
#[cfg(feature = "aws")]
use super::aws_builder::AwsSettings;
use super::transport::{ReqwestTransport, Transport};
use super::{HttpClient, RetryConfig, ServerVariable};

/// Configuration shared by every generated client; generated `ClientBuilder`s wrap it and add
/// the setters their spec calls for (server variables, named credentials).
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: Option<String>,
    default_base_url: Option<String>,
    /// The spec's server URL and its variables, filled in (and checked) by `build()` when no
    /// base URL is set.
    server: Option<(&'static str, Vec<ServerVariable>)>,
    timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    max_response_bytes: u64,
    stream_idle_timeout: Option<Duration>,
    redirects: Redirects,
    user_agent: String,
    api_keys: Vec<ApiKey>,
    basic: Option<HttpAuth>,
    bearer: Option<HttpAuth>,
    /// SigV4, its region and credentials (their setters are in `aws_builder`).
    #[cfg(feature = "aws")]
    pub(super) aws: AwsSettings,
    retry: RetryConfig,
    interceptors: Vec<Arc<dyn Interceptor>>,
    /// The caller's transport ([`ClientBuilder::http_client`], [`ClientBuilder::transport`]);
    /// `None`: `build()` makes a reqwest client with the safety defaults.
    transport: Option<Arc<dyn Transport>>,
    /// The last of `timeout`, `read_timeout`, `connect_timeout` called, if any: those are
    /// settings of the reqwest client `build()` makes, so with the caller's transport they
    /// would do nothing, and `build()` says so rather than ignore them.
    transport_timeout_set: Option<&'static str>,
}

impl ClientBuilder {
    /// A builder whose requests carry `user_agent` unless told otherwise.
    pub fn new(user_agent: impl Into<String>) -> Self {
        Self {
            base_url: None,
            default_base_url: None,
            server: None,
            // The safety defaults (see `limits`): with them, no call waits for ever or reads
            // without end.
            timeout: Some(limits::ATTEMPT_TIMEOUT),
            operation_timeout: None,
            connect_timeout: Some(limits::CONNECT_TIMEOUT),
            read_timeout: Some(limits::READ_TIMEOUT),
            max_response_bytes: limits::MAX_RESPONSE_BYTES,
            stream_idle_timeout: Some(limits::READ_TIMEOUT),
            redirects: Redirects::SameOrigin,
            user_agent: user_agent.into(),
            api_keys: Vec::new(),
            basic: None,
            bearer: None,
            #[cfg(feature = "aws")]
            aws: AwsSettings::default(),
            retry: RetryConfig::default(),
            interceptors: Vec::new(),
            transport: None,
            transport_timeout_set: None,
        }
    }

    /// Adds an interceptor: code run before each attempt (before credentials and signing),
    /// after each response and on each retry (see [`super::interceptor`]). Several run in
    /// the order added.
    pub fn interceptor(mut self, interceptor: impl Interceptor + 'static) -> Self {
        self.interceptors.push(Arc::new(interceptor));
        self
    }

    /// The URL every operation path is appended to, e.g. `http://127.0.0.1:8080/api`.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The base URL used when [`ClientBuilder::base_url`] is not called (the spec's server).
    pub fn default_base_url(mut self, url: impl Into<String>) -> Self {
        self.default_base_url = Some(url.into());
        self
    }

    /// The spec's server URL template (`https://{host}:{port}/v1`) and its variables, used
    /// when [`ClientBuilder::base_url`] is not called. `build()` checks each value (see
    /// [`ServerVariable::check`]) before filling it in; with a base URL they are not used.
    pub fn server(
        mut self,
        template: &'static str,
        variables: impl IntoIterator<Item = ServerVariable>,
    ) -> Self {
        self.server = Some((template, variables.into_iter().collect()));
        self
    }

    /// Time limit for each attempt, from connecting to the end of the body (default
    /// [`limits::ATTEMPT_TIMEOUT`], 120 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self.transport_timeout_set = Some("timeout");
        self
    }

    /// The longest silence while waiting for a response's head or the next part of its body
    /// (default [`limits::READ_TIMEOUT`], 30 s): a server that stops sending fails the
    /// attempt (retried as a timeout).
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self.transport_timeout_set = Some("read_timeout");
        self
    }

    /// The largest response body read, in bytes (default [`limits::MAX_RESPONSE_BYTES`],
    /// 32 MiB). A larger one fails the attempt with [`super::TransportError::is_too_large`] as soon
    /// as its `content-length`, or the bytes read, pass the limit.
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The longest wait for the next chunk of a body received as a stream
    /// ([`super::ByteStream`], from an operation's `send_streaming()`; default
    /// [`limits::READ_TIMEOUT`], 30 s): a server that stalls mid-body ends the stream with
    /// a timeout error ([`super::TransportError::is_timeout`]). Enforced by the client, so
    /// with any transport. A stream is not bounded by [`ClientBuilder::operation_timeout`],
    /// which ends when the stream is handed over, nor by
    /// [`ClientBuilder::max_response_bytes`]; the default reqwest client's attempt limit
    /// ([`ClientBuilder::timeout`]) still covers the whole transfer.
    pub fn stream_idle_timeout(mut self, timeout: Duration) -> Self {
        self.stream_idle_timeout = Some(timeout);
        self
    }
    /// Which redirects are followed (default [`Redirects::SameOrigin`]; AWS clients set
    /// [`Redirects::None`]). A redirect to another origin is never followed.
    pub fn redirects(mut self, redirects: Redirects) -> Self {
        self.redirects = redirects;
        self
    }

    /// Time limit for a whole operation: every attempt and the waits between them. For an
    /// operation's `send_streaming()`, until the stream is handed over (its body is then
    /// bounded by [`ClientBuilder::stream_idle_timeout`]).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = Some(timeout);
        self
    }

    /// How transient failures are retried (default: [`RetryConfig::default`]).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Time limit for opening a connection (default [`limits::CONNECT_TIMEOUT`], 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self.transport_timeout_set = Some("connect_timeout");
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends an API key in a header on every authenticated request.
    pub fn api_key_header(self, header: &str, value: impl Into<String>) -> Self {
        self.api_key(ApiKeyLocation::Header, header, value.into())
    }

    /// Sends an API key as a query parameter on every authenticated request.
    pub fn api_key_query(self, parameter: &str, value: impl Into<String>) -> Self {
        self.api_key(ApiKeyLocation::Query, parameter, value.into())
    }

    /// Sends an API key as a cookie on every authenticated request, in the same `cookie`
    /// header as the request's own cookies (its value encoded as [`super::Request::cookie`] says).
    pub fn api_key_cookie(self, name: &str, value: impl Into<String>) -> Self {
        self.api_key(ApiKeyLocation::Cookie, name, value.into())
    }

    /// Sends HTTP basic authentication (`authorization: Basic ...`, RFC 7617) on the
    /// authenticated requests that accept it (see [`super::Request::credentials`]). A request has one
    /// `authorization` header: where bearer tokens are accepted too, the request's order
    /// decides. A username with `:` is an error when the client is built.
    pub fn basic_auth(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic = Some(HttpAuth::Basic {
            username: username.into(),
            password: password.into(),
        });
        self
    }

    /// Sends a bearer token (`authorization: Bearer <token>`, RFC 6750) on the authenticated
    /// requests that accept it: for HTTP bearer authentication and for OAuth 2 / OpenID
    /// Connect access tokens. The token is sent as given; obtaining and refreshing it is the
    /// caller's business.
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer = Some(HttpAuth::Bearer(token.into()));
        self
    }

    fn api_key(mut self, location: ApiKeyLocation, name: &str, value: String) -> Self {
        self.api_keys
            .retain(|k| !(k.location == location && k.name == name));
        self.api_keys.push(ApiKey {
            location,
            name: name.to_owned(),
            value,
        });
        self
    }

    /// Sends through `client`, the caller's own `reqwest::Client`, instead of one `build()`
    /// makes: its time limits, proxy, TLS (root certificates, client certificates), pool,
    /// HTTP/2 settings and redirect policy apply, and clones of it share its connections.
    ///
    /// What still applies, as with the default client: authentication and signing, the
    /// user agent, retries ([`ClientBuilder::retry`]), the operation's time limit
    /// ([`ClientBuilder::operation_timeout`]), the body size limit
    /// ([`ClientBuilder::max_response_bytes`]), and a 3xx it returns with a `Location`
    /// becoming [`super::Error::Redirect`]. What becomes the client's business: the connect,
    /// read and attempt time limits (`build()` fails if [`ClientBuilder::timeout`],
    /// [`ClientBuilder::read_timeout`] or [`ClientBuilder::connect_timeout`] were called too:
    /// set them on `client`), and following redirects: reqwest's default follows up to 10, to
    /// any origin, and sends `Referer`; [`Redirects::reqwest_policy`] gives ours, e.g.
    /// `reqwest::Client::builder().redirect(Redirects::None.reqwest_policy()).referer(false)`.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        self.transport(ReqwestTransport::new(client))
    }

    /// Sends through `transport` (anything: another HTTP stack, an in-process fake) instead of
    /// the reqwest client `build()` makes. As with [`ClientBuilder::http_client`], the
    /// connect, read and attempt time limits and redirects are the transport's; everything
    /// else applies (see [`super::transport`]).
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Builds the client.
    pub fn build(#[allow(unused_mut)] mut self) -> Result<HttpClient, BuildError> {
        // The region first: a server variable may hold it.
        #[cfg(feature = "aws")]
        let sigv4 = self.aws.resolve(&mut self.server)?;
        let server = match (&self.base_url, &self.server) {
            (None, Some((template, variables))) => Some(super::server::fill(template, variables)?),
            _ => None,
        };
        let base_url = self.base_url.or(server).or(self.default_base_url).ok_or_else(|| {
            BuildError::new(
                "no base URL: this API's spec has no absolute server URL, so set one on the \
                 client builder",
            )
        })?;
        let base_url = base_url.trim_end_matches('/').to_owned();
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| BuildError::new(format!("base URL `{base_url}` is not a URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BuildError::new(format!(
                "base URL `{base_url}` must start with http:// or https://"
            )));
        }
        HeaderValue::from_str(&self.user_agent)
            .map_err(|_| BuildError::new("the user agent is not a valid header value"))?;
        // Checked and encoded once, here, rather than on every request.
        let header = |auth: &Option<HttpAuth>| match auth {
            Some(auth) => auth.header_value().map(Some).map_err(BuildError::new),
            None => Ok(None),
        };
        let (basic, bearer) = (header(&self.basic)?, header(&self.bearer)?);
        let http = match (self.transport, self.transport_timeout_set) {
            (Some(_), Some(setter)) => {
                return Err(BuildError::new(format!(
                    "`{setter}` configures the HTTP client the builder makes, and this one has \
                     its own (`http_client` or `transport`): set the time limit there"
                )));
            }
            (Some(transport), None) => transport,
            (None, _) => Arc::new(ReqwestTransport::new(default_client(
                self.redirects,
                self.timeout,
                self.connect_timeout,
                self.read_timeout,
            )?)),
        };
        Ok(HttpClient {
            http,
            base_url,
            user_agent: self.user_agent,
            api_keys: self.api_keys,
            basic,
            bearer,
            #[cfg(feature = "aws")]
            sigv4,
            retry: self.retry,
            operation_timeout: self.operation_timeout,
            max_response_bytes: self.max_response_bytes,
            stream_idle_timeout: self.stream_idle_timeout,
            interceptors: self.interceptors.into(),
        })
    }
}

/// The reqwest client `build()` makes: the safety defaults, or the builder's time limits.
fn default_client(
    redirects: Redirects,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
) -> Result<reqwest::Client, BuildError> {
    // No `Referer`: it would repeat the URL, query and all, to wherever a redirect goes.
    let mut http = reqwest::Client::builder()
        .referer(false)
        .redirect(redirect_policy(redirects));
    if let Some(t) = timeout {
        http = http.timeout(t);
    }
    if let Some(t) = connect_timeout {
        http = http.connect_timeout(t);
    }
    if let Some(t) = read_timeout {
        http = http.read_timeout(t);
    }
    http.build()
        .map_err(|e| BuildError::new(format!("cannot start the HTTP client: {e}")))
}

impl Redirects {
    /// This policy as reqwest's, for a `reqwest::Client` given to
    /// [`ClientBuilder::http_client`] (whose own policy decides what is followed): the one
    /// the client `build()` makes uses. A redirect it does not follow comes back as the 3xx,
    /// which the client returns as [`super::Error::Redirect`].
    pub fn reqwest_policy(self) -> reqwest::redirect::Policy {
        redirect_policy(self)
    }
}

/// reqwest's policy for `redirects`. A redirect it does not follow comes back as the 3xx
/// response, which [`HttpClient::send`] turns into [`Error::Redirect`].
fn redirect_policy(redirects: Redirects) -> reqwest::redirect::Policy {
    match redirects {
        Redirects::None => reqwest::redirect::Policy::none(),
        Redirects::SameOrigin => reqwest::redirect::Policy::custom(|attempt| {
            // `previous()[0]` is the URL the request was sent to: every hop is compared with
            // it, so a chain cannot wander off through a same-origin first step.
            let same_origin = attempt
                .previous()
                .first()
                .is_some_and(|first| first.origin() == attempt.url().origin());
            if same_origin && attempt.previous().len() <= limits::MAX_REDIRECTS {
                attempt.follow()
            } else {
                attempt.stop()
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_http_credentials_fail_the_build_without_showing_them() {
        let err = ClientBuilder::new("ua")
            .base_url("http://x")
            .basic_auth("a:b", "SECRET")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("username"), "{err}");
        let err = ClientBuilder::new("ua")
            .base_url("http://x")
            .bearer_token("SECRET\r\n")
            .build()
            .unwrap_err();
        assert!(!err.to_string().contains("SECRET"), "{err}");
    }

    #[test]
    fn the_safety_defaults_bound_every_wait_and_every_body() {
        let b = ClientBuilder::new("ua");
        assert_eq!(b.connect_timeout, Some(limits::CONNECT_TIMEOUT));
        assert_eq!(b.read_timeout, Some(limits::READ_TIMEOUT));
        assert_eq!(b.timeout, Some(limits::ATTEMPT_TIMEOUT));
        assert_eq!(b.max_response_bytes, limits::MAX_RESPONSE_BYTES);
        assert_eq!(b.redirects, Redirects::SameOrigin);
        assert_eq!(
            (limits::CONNECT_TIMEOUT.as_secs(), limits::READ_TIMEOUT.as_secs(), limits::ATTEMPT_TIMEOUT.as_secs()),
            (10, 30, 120)
        );
        assert_eq!((limits::MAX_RESPONSE_BYTES, limits::RETAINED_ERROR_BODY), (32 << 20, 64 << 10));
    }

    #[test]
    fn build_requires_an_http_base_url() {
        assert!(ClientBuilder::new("ua").build().is_err());
        assert!(ClientBuilder::new("ua").base_url("ftp://x").build().is_err());
        let c = ClientBuilder::new("ua")
            .default_base_url("https://a.example")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), "https://a.example");
    }
}
