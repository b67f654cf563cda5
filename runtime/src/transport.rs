//! What sends a prepared request and gives back the response: [`Transport`], a trait with one
//! method, and [`ReqwestTransport`], the one [`super::ClientBuilder::build`] makes by default.
//!
//! The client does everything else around it, whatever the transport: it builds the URL,
//! the headers and the body, authenticates and signs (so a transport receives the request
//! exactly as it goes on the wire, signature included), retries, bounds the whole operation
//! in time ([`super::ClientBuilder::operation_timeout`]), reads the body within
//! [`super::ClientBuilder::max_response_bytes`] (a transport hands over a [`Body`], a stream
//! of chunks, never a body read to its end), and turns a redirect it did not follow into
//! [`super::Error::Redirect`]. What stays the transport's own business: connecting, TLS,
//! proxies, connection pools, its time limits, and whether it follows redirects.
//!
//! So a user can send through a `reqwest::Client` of their own
//! ([`super::ClientBuilder::http_client`]), through anything else (a custom HTTP stack, a
//! fake in tests: [`super::ClientBuilder::transport`]), and tests can answer in process
//! (`test_util`, behind the `test-util` feature).

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;

use super::error::TransportError;

/// What [`Transport::send`] returns: the response's head with its [`Body`] still to read, or
/// why no response came ([`TransportError::connect`], [`TransportError::timeout`], ...).
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Body>, TransportError>> + Send + 'a>>;

/// Sends one prepared request and gives back the response, its body as a stream of chunks.
///
/// The request is final: its URL (base URL, path and query, API keys in the query), its
/// headers (user agent, content type, cookies, credentials, the SigV4 signature: a transport
/// that changes a signed header or the URL makes the signature invalid) and its body. A
/// `POST`, `PUT` or `PATCH` without content has an empty body and should be sent with
/// `content-length: 0`.
///
/// Errors say what failed, so that the client's retry policy can tell: a connection that
/// could not be made ([`TransportError::connect`]) and no answer in time
/// ([`TransportError::timeout`]) are retried, anything else ([`TransportError::other`]) is
/// not. Any status is a response (a 500 is retried by the client, a 3xx becomes
/// [`super::Error::Redirect`]).
///
/// Object safe: the client holds an `Arc<dyn Transport>`, shared by its clones.
///
/// ```
/// use sdkgen_runtime::transport::{Body, Transport, TransportFuture};
///
/// /// Answers every request with `204 No Content`, without a network.
/// #[derive(Debug)]
/// struct NoContent;
///
/// impl Transport for NoContent {
///     fn send(&self, _request: http::Request<bytes::Bytes>) -> TransportFuture<'_> {
///         Box::pin(async {
///             Ok(http::Response::builder().status(204).body(Body::empty()).expect("valid"))
///         })
///     }
/// }
///
/// let client = sdkgen_runtime::ClientBuilder::new("demo/1")
///     .base_url("https://api.example.com")
///     .transport(NoContent)
///     .build()
///     .expect("valid configuration");
/// # let _ = client;
/// ```
pub trait Transport: Send + Sync + fmt::Debug + 'static {
    /// Sends `request` and gives back the response's head and its body.
    fn send(&self, request: http::Request<Bytes>) -> TransportFuture<'_>;
}

/// A response body as a transport hands it over: a stream of chunks the client reads within
/// its size limit, and, when known, the length announced for it (`content-length`), so that
/// a body announced larger than the limit fails before anything is read.
pub struct Body {
    chunks: Pin<Box<dyn Stream<Item = Result<Bytes, TransportError>> + Send>>,
    length: Option<u64>,
}

impl Body {
    /// No body.
    pub fn empty() -> Self {
        Self::from(Bytes::new())
    }

    /// A body that arrives in chunks; an error ends it (the client keeps the response's
    /// status and headers in the [`TransportError`]). Its length is not known in advance,
    /// so the size limit is enforced as chunks arrive.
    pub fn from_stream(chunks: impl Stream<Item = Result<Bytes, TransportError>> + Send + 'static) -> Self {
        Self { chunks: Box::pin(chunks), length: None }
    }

    /// Announces the body's length (a `content-length` header): a length over the client's
    /// limit fails the attempt before any chunk is read.
    pub fn with_length(mut self, length: Option<u64>) -> Self {
        self.length = length;
        self
    }

    /// The length announced, if any.
    pub fn length(&self) -> Option<u64> {
        self.length
    }

    /// The next chunk, `None` at the end.
    pub async fn chunk(&mut self) -> Option<Result<Bytes, TransportError>> {
        std::future::poll_fn(|cx| self.poll_chunk(cx)).await
    }

    /// Polls for the next chunk (what [`super::ByteStream`] reads through).
    pub(crate) fn poll_chunk(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<Bytes, TransportError>>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

impl From<Bytes> for Body {
    /// A body whose bytes are all there: one chunk, its length announced.
    fn from(bytes: Bytes) -> Self {
        let length = Some(bytes.len() as u64);
        let chunk = (!bytes.is_empty()).then_some(Ok(bytes));
        Self { chunks: Box::pin(futures_util::stream::iter(chunk)), length }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Self::from(Bytes::from(bytes))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Self::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Self::from(Bytes::from(text))
    }
}

impl fmt::Debug for Body {
    /// The announced length only: a body may hold anything (see [`super::RawResponse`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body").field("length", &self.length).finish_non_exhaustive()
    }
}

/// The default transport: a `reqwest::Client` (rustls TLS). [`super::ClientBuilder::build`]
/// makes one with the safety defaults (connect, read and attempt time limits, the redirect
/// policy of [`super::ClientBuilder::redirects`], no `Referer`);
/// [`super::ClientBuilder::http_client`] wraps the caller's own client as it is.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Sends through `client`, with its configuration (time limits, proxy, TLS, pool,
    /// HTTP/2, redirect policy) as it is.
    pub fn new(client: reqwest::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: http::Request<Bytes>) -> TransportFuture<'_> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            // The URL came from a `reqwest::Url` (see `HttpClient::attempt`): it parses back.
            let url = reqwest::Url::parse(&parts.uri.to_string())
                .map_err(|e| TransportError::other(format!("not a URL: {e}")))?;
            // A POST, PUT or PATCH says it has no content (`content-length: 0`): some
            // proxies answer 411 otherwise. Other methods send no body and no length.
            let expects_content =
                matches!(parts.method, http::Method::POST | http::Method::PUT | http::Method::PATCH);
            let mut outgoing = reqwest::Request::new(parts.method, url);
            *outgoing.headers_mut() = parts.headers;
            if !body.is_empty() || expects_content {
                *outgoing.body_mut() = Some(body.into());
            }
            let mut response =
                self.client.execute(outgoing).await.map_err(|e| TransportError::new(e, 1))?;
            let length = response.content_length();
            let mut head = http::Response::builder().status(response.status()).version(response.version());
            if let Some(headers) = head.headers_mut() {
                *headers = std::mem::take(response.headers_mut());
            }
            let chunks = futures_util::stream::unfold(Some(response), |response| async move {
                let mut response = response?;
                match response.chunk().await {
                    Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                    Ok(None) => None,
                    // Ends the stream: nothing more comes after a failed read.
                    Err(e) => Some((Err(TransportError::new(e, 1)), None)),
                }
            });
            head.body(Body::from_stream(chunks).with_length(length))
                .map_err(|e| TransportError::other(format!("invalid response head: {e}")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClientBuilder, Error, HttpClient, Request, RetryConfig};
    use std::convert::Infallible;
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// Answers 200 with a body of endless 1 KiB chunks (counting what it produced), or
    /// fails every attempt with `fail`.
    #[derive(Debug, Default)]
    struct Endless {
        announce: Option<u64>,
        produced: Arc<AtomicU64>,
        attempts: AtomicU32,
        fail: Option<fn() -> TransportError>,
    }

    impl Transport for Endless {
        fn send(&self, _: http::Request<Bytes>) -> TransportFuture<'_> {
            self.attempts.fetch_add(1, Ordering::SeqCst);
            if let Some(fail) = self.fail {
                return Box::pin(std::future::ready(Err(fail())));
            }
            let produced = Arc::clone(&self.produced);
            let chunks = futures_util::stream::repeat_with(move || {
                produced.fetch_add(1024, Ordering::SeqCst);
                Ok(Bytes::from(vec![b'x'; 1024]))
            });
            let response = http::Response::builder()
                .status(200)
                .header("x-request-id", "r-9")
                .body(Body::from_stream(chunks).with_length(self.announce));
            Box::pin(std::future::ready(response.map_err(|e| TransportError::other(e.to_string()))))
        }
    }

    fn client(transport: Endless, limit: u64) -> HttpClient {
        ClientBuilder::new("ua")
            .base_url("http://api.example.com")
            .max_response_bytes(limit)
            .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(1)))
            .transport(transport)
            .build()
            .expect("valid")
    }

    async fn transport_error(client: &HttpClient) -> crate::TransportError {
        match client.send::<Infallible>(Request::new(http::Method::GET, "/x".into())).await {
            Err(Error::Transport(e)) => e,
            other => panic!("expected a transport error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn the_size_limit_bounds_what_any_transport_streams() {
        let produced = Arc::new(AtomicU64::new(0));
        let transport = Endless { produced: Arc::clone(&produced), ..Endless::default() };
        let e = transport_error(&client(transport, 10_000)).await;
        assert!(e.is_too_large(), "{e}");
        assert_eq!(e.size_limit(), Some((10_000, 10_240)));
        assert_eq!((e.status().map(|s| s.as_u16()), e.headers().and_then(|h| h.get("x-request-id")).is_some()), (Some(200), true));
        assert_eq!(produced.load(Ordering::SeqCst), 10_240, "reading stops at the chunk that passes the limit");

        // Announced over the limit: fails before a chunk is read.
        let produced = Arc::new(AtomicU64::new(0));
        let transport = Endless { announce: Some(1 << 31), produced: Arc::clone(&produced), ..Endless::default() };
        let e = transport_error(&client(transport, 10_000)).await;
        assert!(e.is_too_large() && e.to_string().contains("content-length 2147483648"), "{e}");
        assert_eq!(produced.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn connect_and_timeout_failures_of_a_transport_are_retried_others_not() {
        /// How a transport fails, the attempts that makes, and (is_connect, is_timeout).
        type Case = (fn() -> TransportError, u32, (bool, bool));
        let cases: [Case; 3] = [
            (|| TransportError::connect("refused"), 3, (true, false)),
            (|| TransportError::timeout("no answer"), 3, (false, true)),
            (|| TransportError::other("protocol error"), 1, (false, false)),
        ];
        for (fail, attempts, kind) in cases {
            let transport = Arc::new(Endless { fail: Some(fail), ..Endless::default() });
            let client = ClientBuilder::new("ua")
                .base_url("http://api.example.com")
                .retry(RetryConfig::default().with_initial_backoff(Duration::from_millis(1)))
                .transport(Shared(Arc::clone(&transport)))
                .build()
                .expect("valid");
            let e = transport_error(&client).await;
            assert_eq!((e.attempts(), transport.attempts.load(Ordering::SeqCst)), (attempts, attempts), "{e}");
            assert_eq!((e.is_connect(), e.is_timeout()), kind, "{e}");
            assert!(std::error::Error::source(&e).is_some_and(|s| e.to_string().starts_with(&s.to_string())), "{e}");
        }
    }

    /// A transport shared with the test, to count its attempts after the client used it.
    #[derive(Debug)]
    struct Shared(Arc<Endless>);
    impl Transport for Shared {
        fn send(&self, request: http::Request<Bytes>) -> TransportFuture<'_> {
            self.0.send(request)
        }
    }

    #[test]
    fn the_default_clients_time_limits_with_another_transport_fail_the_build() {
        for (setter, builder) in [
            ("`timeout`", ClientBuilder::new("ua").timeout(Duration::from_secs(1))),
            ("`read_timeout`", ClientBuilder::new("ua").read_timeout(Duration::from_secs(1))),
            ("`connect_timeout`", ClientBuilder::new("ua").connect_timeout(Duration::from_secs(1))),
        ] {
            let err = builder
                .base_url("http://x")
                .http_client(reqwest::Client::new())
                .build()
                .expect_err("a setting that would do nothing");
            assert!(err.to_string().starts_with(setter) && err.to_string().contains("http_client"), "{err}");
        }
        // The limits that are the runtime's own still combine with any transport.
        ClientBuilder::new("ua")
            .base_url("http://x")
            .operation_timeout(Duration::from_secs(1))
            .max_response_bytes(10)
            .transport(Endless::default())
            .build()
            .expect("valid");
    }

    #[tokio::test]
    async fn a_body_of_bytes_is_one_chunk_with_its_length() {
        let mut body = Body::from("hello");
        assert_eq!(body.length(), Some(5));
        assert_eq!(body.chunk().await.map(Result::ok), Some(Some(Bytes::from_static(b"hello"))));
        assert!(body.chunk().await.is_none());
        let mut empty = Body::empty();
        assert_eq!(empty.length(), Some(0));
        assert!(empty.chunk().await.is_none());
    }

    #[test]
    fn a_transport_is_object_safe_and_shared() {
        fn shared(_: &std::sync::Arc<dyn Transport>) {}
        let transport: std::sync::Arc<dyn Transport> =
            std::sync::Arc::new(ReqwestTransport::new(reqwest::Client::new()));
        shared(&transport);
        assert!(format!("{:?}", Body::from("SECRET")).contains("length"));
        assert!(!format!("{:?}", Body::from("SECRET")).contains("SECRET"));
    }
}
