//! The transport: a configured [`HttpClient`] prepares, authenticates, sends and retries
//! requests and reads their responses within the limits ([`super::ClientBuilder`] builds it).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::auth::{ApiKey, ApiKeyLocation, Credential};
#[cfg(feature = "aws")]
use super::sigv4::SigV4;
use super::error::{ConstructionError, Error, RedirectError, TransportError};
use super::interceptor::{retry_decision, AfterResponse, BeforeAttempt, Interceptor, OnRetry, RetryDecision, RetryReason};
use super::response::read_limited;
use super::path::query_component;
use super::retry::{is_retryable_status, retry_after};
use super::{ByteStream, RawResponse, Request, RetryConfig};

/// A request ready for the wire: method, URL, headers (signed), body.
type Prepared = (http::Method, reqwest::Url, HeaderMap, bytes::Bytes);

/// What an attempt gives: a response read to its end, or (for `send_streaming`) a success
/// response's head with its body unread.
pub(crate) enum Arrived {
    Read(RawResponse),
    /// The head and its unread body, and the attempts it took.
    Streaming(http::Response<super::transport::Body>, u32),
}

impl Arrived {
    pub(crate) fn status(&self) -> http::StatusCode {
        match self {
            Arrived::Read(response) => response.status(),
            Arrived::Streaming(head, _) => head.status(),
        }
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        match self {
            Arrived::Read(response) => response.headers(),
            Arrived::Streaming(head, _) => head.headers(),
        }
    }
}

/// What `send_streaming` gives: a success with its body as a stream, or any other response,
/// read, for the operation's error classifier.
pub(crate) type Streamed = Result<super::Response<ByteStream>, RawResponse>;

/// A redirect status (with a `Location`, which a 304 or a 300 without one is not).
fn is_redirect(response: &RawResponse) -> bool {
    matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308)
        && response.header("location").is_some()
}

/// Worth another attempt: no connection, or no response in time.
fn is_retryable_transport(e: &TransportError) -> bool {
    e.is_connect() || e.is_timeout()
}

/// The configured transport a generated `Client` holds. Cheap to clone (shares connections).
/// Made only by [`super::ClientBuilder::build`] (hence its fields are the crate's).
#[derive(Debug, Clone)]
pub struct HttpClient {
    /// What sends each attempt: reqwest by default (see [`super::transport`]).
    pub(crate) http: std::sync::Arc<dyn super::transport::Transport>,
    pub(crate) base_url: String,
    pub(crate) user_agent: String,
    pub(crate) api_keys: Vec<ApiKey>,
    /// The `authorization` values from [`super::ClientBuilder::basic_auth`] and
    /// [`super::ClientBuilder::bearer_token`]; marked sensitive, so `Debug` prints `Sensitive`.
    pub(crate) basic: Option<HeaderValue>,
    pub(crate) bearer: Option<HeaderValue>,
    #[cfg(feature = "aws")]
    pub(crate) sigv4: Option<SigV4>,
    pub(crate) retry: RetryConfig,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) max_response_bytes: u64,
    /// The longest wait for the next chunk of a streamed body (`send_streaming`).
    pub(crate) stream_idle_timeout: Option<Duration>,
    /// [`super::ClientBuilder::interceptor`]'s, in order; shared by clones (an empty slice
    /// when none: the send loop then skips every hook).
    pub(crate) interceptors: Arc<[Arc<dyn Interceptor>]>,
}

impl HttpClient {
    /// The base URL operation paths are appended to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Authenticates and sends `request`, retrying transient failures as configured, and
    /// reads the whole response.
    ///
    /// Any status is a response here; the generated operation decides what is success. A
    /// retryable status that persists through the last attempt is returned as the response.
    ///
    /// A redirect the client's [`super::Redirects`] policy does not follow is [`Error::Redirect`].
    ///
    /// With the `tracing` feature, all of it is one span (see the `spans` module).
    pub async fn send<E>(&self, request: Request) -> Result<RawResponse, Error<E>> {
        match self.send_traced(request, false).await? {
            Arrived::Read(response) => Ok(response),
            // Not asked for; read as any other would be.
            Arrived::Streaming(head, attempts) => match read_limited(head, self.max_response_bytes).await {
                Ok(response) => Ok(response.with_attempts(attempts)),
                Err(e) => Err(Error::Transport(e.with_attempts(attempts))),
            },
        }
    }

    /// Like [`HttpClient::send`], except that a success (2xx) response is handed over as soon
    /// as its head arrives, its body a [`ByteStream`] not read yet (so retries, the
    /// operation's time limit and the trace span end there); any other response is read
    /// within the size limit as `send` reads it, to be classified as an error.
    pub(crate) async fn send_streaming<E>(&self, request: Request) -> Result<Streamed, Error<E>> {
        Ok(match self.send_traced(request, true).await? {
            Arrived::Read(response) => Err(response),
            Arrived::Streaming(head, _) => {
                let (parts, body) = head.into_parts();
                Ok(super::Response::new(parts.status, parts.headers, ByteStream::new(body, self.stream_idle_timeout)))
            }
        })
    }

    async fn send_traced<E>(&self, request: Request, stream: bool) -> Result<Arrived, Error<E>> {
        #[cfg(feature = "tracing")]
        let span = super::spans::operation(request.operation_info());
        let sending = self.send_within_limits(request, stream);
        #[cfg(feature = "tracing")]
        let sending = super::spans::traced(span, sending);
        sending.await
    }

    async fn send_within_limits<E>(&self, request: Request, stream: bool) -> Result<Arrived, Error<E>> {
        // Counted here rather than returned by `attempts`, so that the operation's time limit,
        // which drops that future, still says how many were sent.
        let sent = AtomicU32::new(0);
        let attempts = self.attempts(request, &sent, stream);
        let response = match self.operation_timeout {
            None => attempts.await,
            Some(limit) => match tokio::time::timeout(limit, attempts).await {
                Ok(result) => result,
                Err(_) => Err(Error::Transport(TransportError::operation_timeout(
                    limit,
                    sent.load(Ordering::Relaxed),
                ))),
            },
        }?;
        match response {
            Arrived::Read(response) if is_redirect(&response) => Err(Error::Redirect(RedirectError::new(response.retained()))),
            arrived => Ok(arrived),
        }
    }

    async fn attempts<E>(&self, request: Request, sent: &AtomicU32, stream: bool) -> Result<Arrived, Error<E>> {
        let max_attempts = if request.retryable { self.retry.max_attempts() } else { 1 };
        let mut attempt = 1;
        loop {
            // Prepared afresh for each attempt: a new signature with the current time.
            #[allow(unused_mut)] // signed in place with the `aws` feature
            let mut prepared = self.prepare(request.clone(), attempt)?;
            #[cfg(feature = "aws")]
            self.sign(&request, &mut prepared).await?;
            sent.store(attempt, Ordering::Relaxed);
            let started = Instant::now();
            let outcome = self.attempt(prepared, stream).await;
            if let Ok(arrived) = &outcome {
                self.after_response(&request, attempt, arrived, started.elapsed());
            }
            let retry = match &outcome {
                // A success handed over as a stream is never retried (no 2xx is retryable).
                Ok(Arrived::Read(response)) if attempt < max_attempts && is_retryable_status(response.status()) => {
                    Some((self.retry.delay(attempt, retry_after(response)), RetryReason::Status(response.status())))
                }
                Err(e) if attempt < max_attempts && is_retryable_transport(e) => {
                    Some((self.retry.delay(attempt, None), RetryReason::Transport(e)))
                }
                _ => None,
            };
            let wait = match retry {
                Some((wait, reason)) if self.retries(&request, attempt, reason, wait) => wait,
                // No retry (the policy's, or an interceptor's decision): this attempt's outcome.
                _ => {
                    return match outcome {
                        Ok(Arrived::Read(response)) => Ok(Arrived::Read(response.with_attempts(attempt))),
                        Ok(Arrived::Streaming(head, _)) => Ok(Arrived::Streaming(head, attempt)),
                        Err(e) => Err(Error::Transport(e.with_attempts(attempt))),
                    }
                }
            };
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// The interceptors' `after_response` hooks (none: nothing done).
    fn after_response(&self, request: &Request, attempt: u32, arrived: &Arrived, elapsed: Duration) {
        if self.interceptors.is_empty() {
            return;
        }
        let seen = AfterResponse {
            operation: request.operation_info(),
            attempt,
            status: arrived.status(),
            headers: arrived.headers(),
            elapsed,
        };
        for interceptor in self.interceptors.iter() {
            interceptor.after_response(&seen);
        }
    }

    /// Whether a retry the policy decided on goes ahead: unless an interceptor stops it.
    fn retries(&self, request: &Request, attempt: u32, reason: RetryReason<'_>, delay: Duration) -> bool {
        let retry = OnRetry { operation: request.operation_info(), attempt, reason, delay };
        let decision = retry_decision(&self.interceptors, &retry);
        #[cfg(feature = "tracing")]
        super::spans::retry(&retry, decision);
        decision == RetryDecision::Retry
    }

    /// One attempt: the response read within the size limit, or, with `stream`, a success
    /// response's head with its body still to read.
    async fn attempt(
        &self,
        (method, url, headers, body): Prepared,
        stream: bool,
    ) -> Result<Arrived, TransportError> {
        let mut outgoing = http::Request::new(body);
        *outgoing.method_mut() = method;
        // Any URL reqwest parsed is a valid `http::Uri` (reqwest converts it so to send it).
        *outgoing.uri_mut() = url
            .as_str()
            .parse()
            .map_err(|e| TransportError::other(format!("the URL is not a valid request target: {e}")))?;
        *outgoing.headers_mut() = headers;
        let response = self.http.send(outgoing).await?;
        if stream && response.status().is_success() {
            return Ok(Arrived::Streaming(response, 1));
        }
        read_limited(response, self.max_response_bytes).await.map(Arrived::Read)
    }

    /// Everything but the sending: URL, headers, the interceptors' `before_attempt`, then
    /// authentication. Separate so that it can be tested without a server.
    ///
    /// The interceptors run between the two halves: after the request is encoded, before any
    /// credential is added (so they see none) and before signing (so the signature covers
    /// the headers they add).
    fn prepare(&self, request: Request, attempt: u32) -> Result<Prepared, ConstructionError> {
        // The request's query is encoded already; API keys are encoded and added later.
        let mut url = format!("{}{}", self.base_url, request.path);
        let mut has_query = false;
        for (name, value) in &request.query {
            push_query(&mut url, &mut has_query, name, value);
        }

        let mut headers = HeaderMap::new();
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| ConstructionError::new("the user agent is not a valid header value"))?;
        headers.insert(USER_AGENT, user_agent);
        for (name, value) in &request.headers {
            headers.append(HeaderName::from_static(name), header_value(name, value)?);
        }
        let mut cookies = Vec::new();
        for (name, value) in &request.cookies {
            cookies.push(cookie_pair(name, value)?);
        }
        merge_cookies(&mut headers, &cookies, false)?;
        let body = match &request.body {
            Some((content_type, bytes)) => {
                let value = HeaderValue::from_str(content_type).map_err(|_| {
                    ConstructionError::new(format!(
                        "content type {content_type:?} is not a valid header value"
                    ))
                })?;
                headers.insert(CONTENT_TYPE, value);
                bytes.clone()
            }
            None => bytes::Bytes::new(),
        };

        if !self.interceptors.is_empty() {
            let mut before = BeforeAttempt {
                operation: request.operation_info(),
                attempt,
                url: &url,
                headers: &mut headers,
            };
            for interceptor in self.interceptors.iter() {
                interceptor.before_attempt(&mut before);
            }
            // The rule the operation's own headers follow (see `header_value`).
            for (name, value) in &headers {
                if !value.as_bytes().iter().all(|&b| b == b'\t' || (b' '..=b'~').contains(&b)) {
                    return Err(ConstructionError::new(format!(
                        "header `{name}` (set by an interceptor): its value holds a control or \
                         non-ASCII character, which cannot be sent (or signed) reliably"
                    )));
                }
            }
        }

        let accepted = request.credentials;
        if request.authenticated {
            for key in self.keys_in(ApiKeyLocation::Query, accepted) {
                push_query(&mut url, &mut has_query, &query_component(&key.name), &query_component(&key.value));
            }
            let mut cookies = Vec::new();
            for key in self.keys_in(ApiKeyLocation::Cookie, accepted) {
                cookies.push(cookie_pair(&key.name, &key.value)?);
            }
            merge_cookies(&mut headers, &cookies, true)?;
            // Before the API keys, so that a key the spec puts in `authorization` wins; SigV4,
            // signed after `prepare` (see `sign`), replaces both.
            if let Some(authorization) = self.authorization(accepted) {
                headers.insert(AUTHORIZATION, authorization.clone());
            }
            for key in self.keys_in(ApiKeyLocation::Header, accepted) {
                let name = HeaderName::from_bytes(key.name.as_bytes()).map_err(|_| {
                    ConstructionError::new(format!("`{}` is not a header name", key.name))
                })?;
                let mut value = header_value(&key.name, &key.value).map_err(|_| {
                    ConstructionError::new(format!(
                        "the API key for `{}` is not a valid header value",
                        key.name
                    ))
                })?;
                value.set_sensitive(true);
                headers.insert(name, value);
            }
        }
        // The message shows the URL without its query: an API key may be there.
        let url = reqwest::Url::parse(&url).map_err(|e| {
            let shown = url.split('?').next().unwrap_or_default();
            ConstructionError::new(format!("`{shown}` is not a URL: {e}"))
        })?;
        Ok((request.method, url, headers, body))
    }

    /// SigV4, over the prepared request's headers (it replaces an `authorization` set above),
    /// for an authenticated request that accepts it. Async: a provider's credentials are
    /// fetched (or refreshed) here, before each attempt.
    #[cfg(feature = "aws")]
    async fn sign<E>(&self, request: &Request, (method, url, headers, body): &mut Prepared) -> Result<(), Error<E>> {
        let accepted = request.credentials.is_none_or(|a| a.contains(&Credential::SigV4));
        match &self.sigv4 {
            Some(sigv4) if request.authenticated && accepted => {
                let credentials = sigv4.credentials().await?;
                Ok(sigv4.sign(credentials, method, url.as_str(), headers, body)?)
            }
            _ => Ok(()),
        }
    }

    /// The API keys sent in `location` that the request accepts.
    fn keys_in(
        &self,
        location: ApiKeyLocation,
        accepted: Option<&'static [Credential]>,
    ) -> impl Iterator<Item = &ApiKey> {
        self.api_keys.iter().filter(move |key| {
            key.location == location
                && accepted.is_none_or(|a| a.iter().any(|c| matches!(c, Credential::ApiKey(name) if *name == key.name)))
        })
    }

    /// The `authorization` value for a request: the first configured one of those it
    /// accepts, in its order; any configured one (bearer first) when it does not say.
    fn authorization(&self, accepted: Option<&'static [Credential]>) -> Option<&HeaderValue> {
        match accepted {
            None => self.bearer.as_ref().or(self.basic.as_ref()),
            Some(accepted) => accepted.iter().find_map(|c| match c {
                Credential::Basic => self.basic.as_ref(),
                Credential::Bearer => self.bearer.as_ref(),
                _ => None,
            }),
        }
    }
}

/// Appends `name=value` (both encoded) to `url`'s query.
fn push_query(url: &mut String, has_query: &mut bool, name: &str, value: &str) {
    url.push(if *has_query { '&' } else { '?' });
    *has_query = true;
    url.push_str(name);
    url.push('=');
    url.push_str(value);
}

/// Adds `cookies` (`name=value` pairs) to the request's one `cookie` header. RFC 6265
/// section 5.4: one `cookie` header, so a `cookie` header already there (the operation's own
/// cookies, a plain header the operation or an interceptor set) is merged in, first, rather
/// than sent beside it. `secret` (API key cookies) marks the header sensitive.
fn merge_cookies(headers: &mut HeaderMap, cookies: &[String], secret: bool) -> Result<(), ConstructionError> {
    if cookies.is_empty() {
        return Ok(());
    }
    let mut merged: Vec<u8> = Vec::new();
    let mut sensitive = secret;
    for existing in headers.get_all(COOKIE) {
        merged.extend_from_slice(existing.as_bytes());
        merged.extend_from_slice(b"; ");
        sensitive |= existing.is_sensitive();
    }
    merged.extend_from_slice(cookies.join("; ").as_bytes());
    // Only visible ASCII after encoding, and the earlier values were valid: cannot fail.
    let mut value = HeaderValue::from_bytes(&merged)
        .map_err(|_| ConstructionError::new("the cookies are not a valid header value"))?;
    value.set_sensitive(sensitive);
    headers.insert(COOKIE, value);
    Ok(())
}

/// Encoded in a cookie value: everything RFC 6265's `cookie-octet` excludes (controls, space,
/// `"`, `,`, `;`, `\`, non-ASCII), and `%`, so that an encoded value decodes back exactly.
const COOKIE_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// `name=value` for the `cookie` header. A value that is a valid `cookie-value` is sent as is,
/// anything else percent-encoded (see [`Request::cookie`]). The name must be a token: there
/// is no agreed way to encode one, and a `=` or `;` in it would change what the server reads.
/// Errors name the cookie, never its value (it may be an API key).
fn cookie_pair(name: &str, value: &str) -> Result<String, ConstructionError> {
    if name.is_empty() || !name.bytes().all(is_token_byte) {
        return Err(ConstructionError::new(format!(
            "`{name}` is not a cookie name (an HTTP token)"
        )));
    }
    let valid = value
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b',' | b';' | b'\\'));
    if valid {
        Ok(format!("{name}={value}"))
    } else {
        Ok(format!("{name}={}", utf8_percent_encode(value, COOKIE_VALUE)))
    }
}

/// A header value as sent: visible ASCII, spaces and tabs only (RFC 9110's `field-vchar`
/// without `obs-text`). `HeaderValue::from_str` also lets bytes 0x80-0xFF through, which a
/// server may read in any charset, and which SigV4 cannot sign (the signer skips headers that
/// are not ASCII text, so the value would travel unsigned and could be altered on the way).
/// There is no encoding for header values that every server undoes, so such a value is
/// refused before anything is sent. The error names the header, never its value (a header
/// may carry a token).
fn header_value(name: &str, value: &str) -> Result<HeaderValue, ConstructionError> {
    let valid = value.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b));
    let refused = || {
        ConstructionError::new(format!(
            "header `{name}`: its value holds a control or non-ASCII character, which cannot \
             be sent (or signed) reliably; encode it as the API expects"
        ))
    };
    if !valid {
        return Err(refused());
    }
    HeaderValue::from_str(value).map_err(|_| refused())
}

/// RFC 9110 `tchar`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClientBuilder;
    use http::Method;

    /// The first attempt's request.
    fn prepare(c: &HttpClient, request: Request) -> Result<Prepared, ConstructionError> {
        c.prepare(request, 1)
    }

    fn client(builder: ClientBuilder) -> HttpClient {
        builder.base_url("http://127.0.0.1:9/api/").build().unwrap()
    }

    #[test]
    fn joins_base_url_path_and_encoded_query() {
        let c = client(ClientBuilder::new("ua/1"));
        let req = Request::new(Method::GET, "/a/b%20c".into())
            .query("next Token", "x&y")
            .query("max", 5);
        let (_, url, headers, _) = prepare(&c, req).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/api/a/b%20c?next%20Token=x%26y&max=5"
        );
        assert_eq!(headers[USER_AGENT], "ua/1");
    }

    #[test]
    fn api_key_goes_on_authenticated_requests_only() {
        let c = client(ClientBuilder::new("ua").api_key_header("Authtoken", "QSDK 1"));
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into())).unwrap();
        assert_eq!(headers["authtoken"], "QSDK 1");
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into()).without_auth())
            .unwrap();
        assert!(headers.get("authtoken").is_none());
    }

    #[test]
    fn invalid_header_value_is_a_construction_error() {
        let c = client(ClientBuilder::new("ua"));
        let err = prepare(&c, Request::new(Method::GET, "/x".into()).header("mode", "a\nb"))
            .unwrap_err();
        assert!(err.message().contains("mode"), "{err}");
    }

    #[test]
    fn lists_and_deep_objects_reach_the_url_with_literal_delimiters() {
        let c = client(ClientBuilder::new("ua").api_key_query("api key", "k&1"));
        let req = Request::new(Method::GET, "/x".into())
            .query_list("ids", &["a,b", "c"], false)
            .query_list("tag", &[1, 2], true)
            .query_deep_object("f", &serde_json::json!({"color": "red", "size": {"max": 3}}))
            .unwrap();
        let (_, url, _, _) = prepare(&c, req).unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/api/x?ids=a%2Cb,c&tag=1&tag=2&f[color]=red&f[size][max]=3\
             &api%20key=k%261"
        );
        // What a server decoding the query sees.
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        assert_eq!(pairs[0], ("ids".into(), "a,b,c".into()));
        assert_eq!(pairs[3], ("f[color]".into(), "red".into()));
    }

    #[test]
    fn cookies_are_merged_into_one_header() {
        let c = client(ClientBuilder::new("ua").api_key_cookie("session", "s3cr\"et"));
        let req = Request::new(Method::GET, "/x".into())
            .header("cookie", "pre=1")
            .cookie("a", "b64+/=")
            .cookie("b", "x y;z%");
        let (_, _, headers, _) = prepare(&c, req.clone()).unwrap();
        assert_eq!(headers.get_all(COOKIE).iter().count(), 1);
        assert_eq!(
            headers[COOKIE],
            "pre=1; a=b64+/=; b=x%20y%3Bz%25; session=s3cr%22et"
        );
        assert!(headers[COOKIE].is_sensitive());
        let (_, _, headers, _) = prepare(&c, req.without_auth()).unwrap();
        assert_eq!(headers[COOKIE], "pre=1; a=b64+/=; b=x%20y%3Bz%25");
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into())).unwrap();
        assert_eq!(headers[COOKIE], "session=s3cr%22et");
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into()).without_auth())
            .unwrap();
        assert!(headers.get(COOKIE).is_none());
    }

    #[test]
    fn cookie_names_must_be_tokens() {
        let c = client(ClientBuilder::new("ua"));
        for bad in ["", "a=b", "a b", "a;b"] {
            let err = prepare(&c, Request::new(Method::GET, "/x".into()).cookie(bad, "SECRET"))
                .unwrap_err();
            assert!(err.message().contains("cookie name"), "{err}");
            assert!(!err.message().contains("SECRET"), "{err}");
        }
    }

    #[test]
    fn basic_and_bearer_go_on_authenticated_requests_only() {
        let c = client(ClientBuilder::new("ua").basic_auth("Aladdin", "open sesame"));
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into())).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into()).without_auth())
            .unwrap();
        assert!(headers.get(AUTHORIZATION).is_none());

        // Both configured, the request not saying which: one `authorization` header, the
        // bearer token.
        let builder = ClientBuilder::new("ua")
            .basic_auth("u", "p")
            .bearer_token("tok.en-1");
        let c = client(builder);
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into())).unwrap();
        assert_eq!(headers.get_all(AUTHORIZATION).iter().count(), 1);
        assert_eq!(headers[AUTHORIZATION], "Bearer tok.en-1");
        let (_, _, headers, _) = prepare(&c, Request::new(Method::GET, "/x".into()).without_auth())
            .unwrap();
        assert!(headers.get(AUTHORIZATION).is_none());
    }

    #[test]
    fn a_request_gets_only_the_credentials_it_accepts() {
        let c = client(
            ClientBuilder::new("ua")
                .basic_auth("u", "p")
                .bearer_token("tok")
                .api_key_header("x-key", "K")
                .api_key_query("key", "Q")
                .api_key_cookie("sid", "C"),
        );
        let send = |accepted: &'static [Credential]| {
            let (_, url, headers, _) =
                prepare(&c, Request::new(Method::GET, "/x".into()).credentials(accepted)).unwrap();
            let get = |name| headers.get(name).map(|v: &HeaderValue| v.to_str().unwrap().to_owned());
            (url.query().map(str::to_owned), get(AUTHORIZATION), get(HeaderName::from_static("x-key")), get(COOKIE))
        };
        assert_eq!(send(&[Credential::Basic]), (None, Some("Basic dTpw".into()), None, None));
        assert_eq!(send(&[Credential::Bearer, Credential::Basic]), (None, Some("Bearer tok".into()), None, None));
        assert_eq!(send(&[Credential::Basic, Credential::Bearer]), (None, Some("Basic dTpw".into()), None, None));
        assert_eq!(send(&[Credential::ApiKey("x-key")]), (None, None, Some("K".into()), None));
        assert_eq!(send(&[Credential::ApiKey("key")]), (Some("key=Q".into()), None, None, None));
        assert_eq!(send(&[Credential::ApiKey("sid"), Credential::Bearer]), (None, Some("Bearer tok".into()), None, Some("sid=C".into())));
        // A scheme the client has no credential for sends nothing.
        assert_eq!(send(&[Credential::ApiKey("other")]), (None, None, None, None));
    }

    #[test]
    fn debug_never_prints_secrets() {
        let builder = ClientBuilder::new("ua")
            .base_url("http://x")
            .basic_auth("alice", "PASSWORD")
            .api_key_cookie("sid", "COOKIEKEY")
            .api_key_header("x-key", "HEADERKEY");
        let shown = format!("{builder:?}");
        let client = builder.bearer_token("TOKEN").build().unwrap();
        let shown = format!("{shown} {client:?}");
        for secret in ["PASSWORD", "COOKIEKEY", "HEADERKEY", "TOKEN"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }

    #[test]
    fn body_content_type_goes_in_the_header() {
        let c = client(ClientBuilder::new("ua"));
        let (_, _, headers, body) = prepare(&c, Request::new(Method::POST, "/x".into()).form_body(&[("a", "b c")]).unwrap())
            .unwrap();
        assert_eq!(headers[CONTENT_TYPE], "application/x-www-form-urlencoded");
        assert_eq!(&body[..], b"a=b+c");
        let (_, _, headers, _) = prepare(&c, 
                Request::new(Method::POST, "/x".into())
                    .multipart_body(crate::Multipart::new().text("a", "b")),
            )
            .unwrap();
        let content_type = headers[CONTENT_TYPE].to_str().unwrap();
        assert!(
            content_type.starts_with("multipart/form-data; boundary=sdkgen-"),
            "{content_type}"
        );
        let err = prepare(&c, Request::new(Method::PUT, "/x".into()).bytes_body("a\nb", "x"))
            .unwrap_err();
        assert!(err.message().contains("content type"), "{err}");
    }

    #[test]
    fn header_values_must_be_visible_ascii() {
        for good in ["a b\tc", "~!", ""] {
            header_value("h", good).unwrap();
        }
        for bad in ["caf\u{e9}", "a\nb", "a\rb", "\u{0}", "\u{7f}"] {
            let err = header_value("x-h", bad).unwrap_err();
            assert!(err.message().contains("x-h") && !err.message().contains(bad), "{err}");
        }
    }

    /// What an interceptor saw, as text.
    #[derive(Debug, Default)]
    struct Peek {
        seen: std::sync::Mutex<Vec<String>>,
        set: Option<(&'static str, Vec<u8>)>,
    }

    impl Interceptor for Peek {
        fn before_attempt(&self, request: &mut BeforeAttempt<'_>) {
            let op = request.operation();
            let shown = format!("{} {} {} #{} {} {:?}", op.name(), op.method(), op.path_template(), request.attempt(), request.url(), request.headers());
            self.seen.lock().unwrap().push(shown);
            if let Some((name, value)) = &self.set {
                let value = HeaderValue::from_bytes(value).unwrap();
                request.headers_mut().insert(HeaderName::from_static(name), value);
            }
        }
    }

    #[test]
    fn interceptors_run_before_credentials_in_order_and_see_none() {
        let first = Arc::new(Peek { set: Some(("x-trace", b"t-1".to_vec())), ..Peek::default() });
        let second = Arc::new(Peek::default());
        let c = client(
            ClientBuilder::new("ua")
                .bearer_token("SECRET-TOKEN")
                .api_key_query("key", "SECRET-QUERY")
                .api_key_header("x-key", "SECRET-HEADER")
                .api_key_cookie("sid", "SECRET-COOKIE")
                .interceptor(Arc::clone(&first))
                .interceptor(Arc::clone(&second)),
        );
        let request = Request::new(Method::GET, "/users/u-1".into())
            .query("q", "1")
            .cookie("c", "2")
            .operation("GetUser", "/users/{id}");
        let (_, url, headers, _) = c.prepare(request, 2).unwrap();
        // The credentials went on after the interceptors.
        assert_eq!(url.query(), Some("q=1&key=SECRET-QUERY"));
        assert_eq!(headers["cookie"], "c=2; sid=SECRET-COOKIE");
        assert!(headers["cookie"].is_sensitive());
        assert_eq!((&headers["x-trace"], &headers[AUTHORIZATION]), (&HeaderValue::from_static("t-1"), &HeaderValue::from_static("Bearer SECRET-TOKEN")));
        let first_saw = first.seen.lock().unwrap().join("\n");
        let second_saw = second.seen.lock().unwrap().join("\n");
        assert!(first_saw.starts_with("GetUser GET /users/{id} #2 http://127.0.0.1:9/api/users/u-1?q=1 "), "{first_saw}");
        // In order: the second sees the first's header.
        assert!(!first_saw.contains("x-trace") && second_saw.contains("\"x-trace\": \"t-1\""), "{second_saw}");
        for saw in [first_saw, second_saw] {
            assert!(!saw.contains("SECRET") && !saw.contains("authorization"), "{saw}");
        }
    }

    #[test]
    fn a_credential_replaces_what_an_interceptor_set_and_its_values_are_checked() {
        let forge = Peek { set: Some(("authorization", b"Bearer forged".to_vec())), ..Peek::default() };
        let c = client(ClientBuilder::new("ua").bearer_token("real").interceptor(forge));
        let (_, _, headers, _) = c.prepare(Request::new(Method::GET, "/x".into()), 1).unwrap();
        assert_eq!(headers.get_all(AUTHORIZATION).iter().collect::<Vec<_>>(), ["Bearer real"]);

        let bad = Peek { set: Some(("x-note", "caf\u{e9}".as_bytes().to_vec())), ..Peek::default() };
        let c = client(ClientBuilder::new("ua").interceptor(bad));
        let err = c.prepare(Request::new(Method::GET, "/x".into()), 1).unwrap_err();
        assert!(err.message().contains("`x-note` (set by an interceptor)"), "{err}");
    }

}
