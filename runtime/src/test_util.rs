//! Test doubles (the `test-util` feature): [`TestTransport`], a [`Transport`] that answers in
//! process, from a table of routes or a closure, and records every request it receives, so
//! that code calling a generated client can be tested without a server or a socket.
//!
//! Everything but the network is the real client: requests are built, authenticated and
//! signed, retried, bounded in time and size, and responses classified as with a server.
//!
//! ```
//! use sdkgen_runtime::test_util::{Method, TestResponse, TestTransport};
//!
//! let transport = TestTransport::new()
//!     .on(Method::GET, "/v1/items/7", TestResponse::json(200, r#"{"id": 7}"#))
//!     .on_prefix(Method::GET, "/v1/items/", TestResponse::json(404, r#"{"message": "no such item"}"#));
//! let client = sdkgen_runtime::ClientBuilder::new("demo/1")
//!     .base_url("https://api.example.com/v1")
//!     .transport(transport.clone()) // clones share routes and recorded requests
//!     .build()
//!     .expect("valid configuration");
//! # let _ = client;
//! // ... call the code under test, then:
//! assert!(transport.requests().is_empty());
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};

use super::error::TransportError;
use super::transport::{Body, Transport, TransportFuture};

/// The methods routes name (`Method::GET`), re-exported so that a test needs no `http` crate.
pub use http::Method;

/// A [`Transport`] for tests: answers each request from the first route that matches its
/// method and path (in the order added), else from the closure of
/// [`TestTransport::otherwise`], else fails it with a [`TransportError`] (kind "other", so
/// not retried) naming its method and path and the routes there are. An error, not a 404:
/// a 404 would be classified as the API's own "not found" error and could pass a test by
/// accident.
///
/// Every request is recorded before it is answered ([`TestTransport::requests`]), exactly as
/// the client would send it (headers, signature and body included).
///
/// Cheap to clone: clones share the routes and the record, so keep one to inspect after
/// giving another to the client builder.
///
/// Its `Debug` shows the routes and how many requests were recorded, never a request.
#[derive(Clone, Default)]
pub struct TestTransport {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    routes: Mutex<Vec<Route>>,
    otherwise: Mutex<Option<Handler>>,
    requests: Mutex<Vec<RecordedRequest>>,
}

type Handler = Arc<dyn Fn(&RecordedRequest) -> TestResponse + Send + Sync>;

struct Route {
    method: Method,
    path: String,
    /// Whether `path` is a prefix of the paths it answers, rather than the path itself.
    prefix: bool,
    answer: Answer,
}

enum Answer {
    Fixed(TestResponse),
    Computed(Handler),
}

/// A lock that a panicking test thread held is still usable: the data is plain records.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl TestTransport {
    /// A transport with no routes (every request fails until routes are added).
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers `method` requests to exactly `path` with `response`, each time. The path is
    /// the URL's path as sent: the base URL's path, then the operation's, percent-encoded
    /// (`/networks/a%20b/bots`), without the query.
    pub fn on(self, method: Method, path: &str, response: TestResponse) -> Self {
        self.route(method, path, false, Answer::Fixed(response))
    }

    /// Answers `method` requests whose path starts with `prefix` with `response`.
    pub fn on_prefix(self, method: Method, prefix: &str, response: TestResponse) -> Self {
        self.route(method, prefix, true, Answer::Fixed(response))
    }

    /// Answers `method` requests to exactly `path` with what `handler` makes of the request
    /// (a sequence of answers, an echo, an answer that depends on the body).
    pub fn on_fn(
        self,
        method: Method,
        path: &str,
        handler: impl Fn(&RecordedRequest) -> TestResponse + Send + Sync + 'static,
    ) -> Self {
        self.route(method, path, false, Answer::Computed(Arc::new(handler)))
    }

    /// Answers every request no route matches with what `handler` makes of it.
    pub fn otherwise(self, handler: impl Fn(&RecordedRequest) -> TestResponse + Send + Sync + 'static) -> Self {
        *lock(&self.shared.otherwise) = Some(Arc::new(handler));
        self
    }

    fn route(self, method: Method, path: &str, prefix: bool, answer: Answer) -> Self {
        lock(&self.shared.routes).push(Route { method, path: path.to_owned(), prefix, answer });
        self
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// The last request received, if any.
    pub fn last_request(&self) -> Option<RecordedRequest> {
        lock(&self.shared.requests).last().cloned()
    }

    /// The answer to `request`, or `None` when nothing matches.
    fn answer(&self, request: &RecordedRequest) -> Option<TestResponse> {
        let handler = {
            let routes = lock(&self.shared.routes);
            let path = request.path();
            let route = routes.iter().find(|r| {
                r.method == request.method
                    && if r.prefix { path.starts_with(&r.path) } else { path == r.path }
            });
            match route.map(|r| &r.answer) {
                Some(Answer::Fixed(response)) => return Some(response.clone()),
                Some(Answer::Computed(handler)) => Arc::clone(handler),
                None => Arc::clone(lock(&self.shared.otherwise).as_ref()?),
            }
        };
        // Called with no lock held: a handler may look at the transport's record.
        Some(handler(request))
    }

    /// Why nothing answered: the request's method and path (never its query, which may
    /// carry an API key) and the routes there are.
    fn no_route(&self, request: &RecordedRequest) -> TransportError {
        let routes: Vec<String> = lock(&self.shared.routes)
            .iter()
            .map(|r| format!("{} {}{}", r.method, r.path, if r.prefix { "*" } else { "" }))
            .collect();
        TransportError::other(format!(
            "test transport: no route for {} {} (routes: {})",
            request.method,
            request.path(),
            if routes.is_empty() { "none".to_owned() } else { routes.join(", ") }
        ))
    }
}

impl Transport for TestTransport {
    fn send(&self, request: http::Request<Bytes>) -> TransportFuture<'_> {
        let (parts, body) = request.into_parts();
        let recorded = RecordedRequest { method: parts.method, uri: parts.uri, headers: parts.headers, body };
        lock(&self.shared.requests).push(recorded.clone());
        let result = match self.answer(&recorded) {
            Some(response) => Ok(response.into_http()),
            None => Err(self.no_route(&recorded)),
        };
        Box::pin(std::future::ready(result))
    }
}

impl fmt::Debug for TestTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Routes<'a>(&'a [Route]);
        impl fmt::Debug for Routes<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries(self.0.iter().map(|r| {
                        let answer = match &r.answer {
                            Answer::Fixed(response) => response.status.as_str().to_owned(),
                            Answer::Computed(_) => "fn".to_owned(),
                        };
                        format!("{} {}{} -> {answer}", r.method, r.path, if r.prefix { "*" } else { "" })
                    }))
                    .finish()
            }
        }
        f.debug_struct("TestTransport")
            .field("routes", &Routes(&lock(&self.shared.routes)))
            .field("otherwise", &lock(&self.shared.otherwise).is_some())
            .field("requests_recorded", &lock(&self.shared.requests).len())
            .finish()
    }
}

/// A response a [`TestTransport`] gives: status, headers, body.
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl TestResponse {
    /// A response with `status` and no headers or body.
    ///
    /// # Panics
    ///
    /// If `status` is not an HTTP status (100-999): a mistake in the test itself.
    pub fn new(status: u16) -> Self {
        let status = StatusCode::from_u16(status)
            .unwrap_or_else(|_| panic!("TestResponse::new: {status} is not an HTTP status"));
        Self { status, headers: HeaderMap::new(), body: Bytes::new() }
    }

    /// A response with `status` and the JSON text `body` (`content-type: application/json`).
    pub fn json(status: u16, body: &str) -> Self {
        Self::new(status).header("content-type", "application/json").body(body.to_owned())
    }

    /// Adds a header (`x-amzn-errortype`, `x-amzn-requestid`, `retry-after`, ...).
    ///
    /// # Panics
    ///
    /// If `name` or `value` cannot be a header: a mistake in the test itself.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes())
            .unwrap_or_else(|_| panic!("TestResponse::header: `{name}` is not a header name"));
        let value = HeaderValue::from_str(value)
            .unwrap_or_else(|_| panic!("TestResponse::header: the value of `{name}` is not a header value"));
        self.headers.append(name, value);
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    fn into_http(self) -> http::Response<Body> {
        let mut response = http::Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// A request as a [`TestTransport`] received it: what the client would have sent.
///
/// Its `Debug` shows the method, the path, the headers with credentials and sensitive values
/// redacted, and the lengths of the query and body, never their text (an API key may be in
/// the query, a password in the body); the accessors give everything.
#[derive(Clone)]
pub struct RecordedRequest {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl RecordedRequest {
    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The whole URL.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The URL's path, percent-encoded as sent.
    pub fn path(&self) -> &str {
        self.uri.path()
    }

    /// The URL's query as sent (percent-encoded), if any.
    pub fn query(&self) -> Option<&str> {
        self.uri.query()
    }

    /// The query's name-value pairs, decoded, in order (a list sent exploded appears once
    /// per value).
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query()
            .and_then(|q| serde_urlencoded::from_str(q).ok())
            .unwrap_or_default()
    }

    /// The headers, as sent.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value (the first), if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// Request headers whose values `Debug` does not print, beside those marked sensitive (the
/// client marks API keys so).
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie", "x-amz-security-token"];

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Headers<'a>(&'a HeaderMap);
        impl fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (name, value) in self.0 {
                    if SECRET_HEADERS.contains(&name.as_str()) || value.is_sensitive() {
                        map.entry(&name.as_str(), &super::REDACTED);
                    } else {
                        map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
                    }
                }
                map.finish()
            }
        }
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path())
            .field("query_len", &self.query().map_or(0, str::len))
            .field("headers", &Headers(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ClientBuilder, Error, Request};
    use std::convert::Infallible;

    fn client(transport: &TestTransport) -> crate::HttpClient {
        ClientBuilder::new("ua/1")
            .base_url("https://api.example.com/v1")
            .api_key_header("x-api-key", "HEADERKEY")
            .api_key_query("key", "QUERYKEY")
            .retry(crate::RetryConfig::disabled())
            .transport(transport.clone())
            .build()
            .expect("valid")
    }

    #[tokio::test]
    async fn answers_from_routes_in_order_and_records_what_was_sent() {
        let transport = TestTransport::new()
            .on(Method::POST, "/v1/items", TestResponse::json(201, r#"{"id": 1}"#).header("x-request-id", "r-1"))
            .on_prefix(Method::GET, "/v1/items/", TestResponse::new(404))
            .on(Method::GET, "/v1/items/7", TestResponse::new(200));
        let c = client(&transport);
        let request = Request::new(Method::POST, "/items".into())
            .query("dry run", "yes")
            .json_body(&serde_json::json!({"name": "a"}))
            .expect("serializes");
        let response = c.send::<Infallible>(request).await.expect("a response");
        assert_eq!(response.status(), 201);
        assert_eq!((response.request_id(), &response.body()[..]), (Some("r-1"), &br#"{"id": 1}"#[..]));
        // The prefix route was added first: it answers /v1/items/7 too.
        let response = c.send::<Infallible>(Request::new(Method::GET, "/items/7".into())).await.expect("a response");
        assert_eq!(response.status(), 404);

        let sent = transport.requests();
        assert_eq!(sent.len(), 2);
        assert_eq!((sent[0].method(), sent[0].path()), (&Method::POST, "/v1/items"));
        assert_eq!(sent[0].query_pairs(), [("dry run".to_owned(), "yes".to_owned()), ("key".to_owned(), "QUERYKEY".to_owned())]);
        assert_eq!(sent[0].header("x-api-key"), Some("HEADERKEY"));
        assert_eq!(sent[0].header("user-agent"), Some("ua/1"));
        assert_eq!(sent[0].json(), Some(serde_json::json!({"name": "a"})));
        assert_eq!(transport.last_request().map(|r| r.path().to_owned()).as_deref(), Some("/v1/items/7"));
    }

    #[tokio::test]
    async fn an_unmatched_request_is_a_transport_error_naming_it_without_its_query() {
        let transport = TestTransport::new().on(Method::GET, "/v1/a", TestResponse::new(200));
        let err = client(&transport)
            .send::<Infallible>(Request::new(Method::GET, "/b".into()))
            .await
            .expect_err("no route");
        let Error::Transport(e) = err else { panic!("{err:?}") };
        let shown = e.to_string();
        assert!(shown.contains("no route for GET /v1/b") && shown.contains("GET /v1/a"), "{shown}");
        assert!(!shown.contains("QUERYKEY"), "{shown}");
        assert!(!e.is_connect() && !e.is_timeout());
        assert_eq!(transport.requests().len(), 1, "recorded even when unanswered");
    }

    #[tokio::test]
    async fn a_closure_answers_from_the_request_and_retries_see_each_answer() {
        let calls = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let counter = Arc::clone(&calls);
        let transport = TestTransport::new().otherwise(move |request| {
            let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if n == 0 {
                TestResponse::new(503)
            } else {
                TestResponse::new(200).body(request.path().to_owned())
            }
        });
        let c = ClientBuilder::new("ua")
            .base_url("https://api.example.com")
            .retry(crate::RetryConfig::default().with_initial_backoff(std::time::Duration::from_millis(1)))
            .transport(transport.clone())
            .build()
            .expect("valid");
        let response = c.send::<Infallible>(Request::new(Method::GET, "/echo".into())).await.expect("a response");
        assert_eq!((response.status().as_u16(), response.text(), response.attempts()), (200, "/echo".to_owned(), 2));
        assert_eq!(transport.requests().len(), 2);
    }

    #[tokio::test]
    async fn debug_shows_no_secret() {
        let transport = TestTransport::new().on(Method::GET, "/v1/x", TestResponse::new(200));
        let c = ClientBuilder::new("ua")
            .base_url("https://api.example.com/v1")
            .api_key_header("x-api-key", "HEADERKEY")
            .api_key_query("key", "QUERYKEY")
            .api_key_cookie("sid", "COOKIEKEY")
            .bearer_token("TOKEN")
            .transport(transport.clone())
            .build()
            .expect("valid");
        let request = Request::new(Method::GET, "/x".into()).bytes_body("text/plain", "PASSWORD");
        c.send::<Infallible>(request).await.expect("a response");
        let sent = transport.last_request().expect("recorded");
        assert_eq!(sent.header("authorization"), Some("Bearer TOKEN"));
        let shown = format!("{transport:?} {sent:?} {c:?}");
        for secret in ["HEADERKEY", "QUERYKEY", "COOKIEKEY", "TOKEN", "PASSWORD"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("/v1/x") && shown.contains("requests_recorded: 1"), "{shown}");
    }
}
