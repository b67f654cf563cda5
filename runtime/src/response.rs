//! The response as it came back, before it is given a type.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::error::{DecodeError, Error, TransportError};
use super::error_meta::{ErrorBody, ErrorMeta};

/// An error body or an output that keeps the id of its request beside its members (AWS
/// APIs: the AWS SDKs' `request_id()`).
pub trait WithRequestId: DeserializeOwned {
    /// Records the request id of the response the body came in.
    fn set_request_id(&mut self, request_id: Option<String>);
}

/// An HTTP response read to its end: status, headers and body.
///
/// Error enums keep one of these in their catch-all variant (and in variants of documented
/// errors that have no body schema), so nothing the server said is lost.
///
/// Boxed inside, so that error enums holding one stay small (clippy's `result_large_err`).
///
/// Its `Debug` and `Display` print the status, the headers (credentials and cookies
/// redacted) and the body's length, never the body's text: a body may hold members the spec
/// marks sensitive, and an unparsed body cannot tell which they are. [`RawResponse::text`]
/// and [`RawResponse::body`] give the body to a caller who asks for it.
#[derive(Clone)]
pub struct RawResponse {
    parts: Box<Parts>,
}

#[derive(Clone)]
struct Parts {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    /// The length of the body as received, when `body` keeps only its start.
    received: Option<u64>,
    /// How many attempts the client sent to get it (see [`RawResponse::attempts`]).
    attempts: u32,
    /// The error code and message an error body names, read once when first asked for.
    error_fields: std::sync::OnceLock<ErrorFields>,
}

/// What an error response names about itself beyond its status (see
/// [`RawResponse::error_code`]).
#[derive(Clone, Default)]
struct ErrorFields {
    code: Option<String>,
    message: Option<String>,
}

/// Response headers whose values `Debug` does not print: credentials and session cookies a
/// server (or a proxy) sends back.
const SECRET_HEADERS: &[&str] = &[
    "set-cookie",
    "authorization",
    "proxy-authorization",
    "x-amz-security-token",
    "cookie",
];

impl RawResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            parts: Box::new(Parts {
                status,
                headers,
                body,
                received: None,
                attempts: 1,
                error_fields: std::sync::OnceLock::new(),
            }),
        }
    }

    /// The same response with at most [`super::limits::RETAINED_ERROR_BODY`] bytes of its
    /// body kept, as errors keep it ([`RawResponse::body_len`] still says how long it was).
    pub fn retained(mut self) -> Self {
        let limit = super::limits::RETAINED_ERROR_BODY;
        if self.parts.body.len() > limit {
            self.parts.received = Some(self.parts.body.len() as u64);
            self.parts.body.truncate(limit);
        }
        self
    }

    /// The length of the body as it arrived; more than `body().len()` when only its start is
    /// kept (see [`RawResponse::retained`]).
    pub fn body_len(&self) -> u64 {
        self.parts.received.unwrap_or(self.parts.body.len() as u64)
    }

    /// A documented error: its parsed `body` with this response (see [`ServiceError`]).
    pub fn with_body<T>(self, body: Box<T>) -> ServiceError<T> {
        ServiceError::new(body, self)
    }

    /// The same response, got after `attempts` attempts (the retry loop's count).
    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.parts.attempts = attempts;
        self
    }

    /// How many attempts the client sent to get this response: 1, or more when earlier ones
    /// were retried (a 500 or a 429, a connection that failed).
    pub fn attempts(&self) -> u32 {
        self.parts.attempts
    }

    /// The error code the response names: the AWS error code (`x-amzn-errortype`, or the
    /// body's `code` / `__type`, see [`super::aws::error_code`]), for any API.
    pub fn error_code(&self) -> Option<&str> {
        self.error_fields().code.as_deref()
    }

    /// The message of a JSON error body that has a top-level `message`, `Message` or
    /// `errorMessage` string. Undocumented bodies are not shown by `Display`; this reads the
    /// message for a caller who asks.
    pub fn error_message(&self) -> Option<&str> {
        self.error_fields().message.as_deref()
    }

    fn error_fields(&self) -> &ErrorFields {
        self.parts.error_fields.get_or_init(|| {
            let message = serde_json::from_slice::<serde_json::Value>(&self.parts.body)
                .ok()
                .and_then(|body| {
                    let object = body.as_object()?;
                    ["message", "Message", "errorMessage"]
                        .iter()
                        .find_map(|key| Some(object.get(*key)?.as_str()?.to_owned()))
                });
            ErrorFields { code: super::aws::error_code(self), message }
        })
    }

    /// The metadata of this error response; `name` is the documented error it is.
    pub fn error_meta(&self, name: Option<&'static str>) -> ErrorMeta<'_> {
        ErrorMeta::of_response(name, self, None)
    }

    /// Whether only the start of the body is kept.
    pub fn is_truncated(&self) -> bool {
        self.parts.received.is_some()
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.parts.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// A header's value, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.parts.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The id the service gave the request (`x-amzn-requestid`, `x-amz-request-id` or
    /// `x-request-id`), to quote in a support case.
    pub fn request_id(&self) -> Option<&str> {
        request_id_of(&self.parts.headers)
    }

    /// The output `body` with this response's status and headers (see [`super::Response`]).
    pub(super) fn into_response<T>(self, body: T) -> super::Response<T> {
        let parts = *self.parts;
        super::Response::new(parts.status, parts.headers, body)
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.parts.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.parts.body).into_owned()
    }

    /// Parses a success body as JSON; a mismatch becomes [`Error::Decode`] keeping the response.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match serde_json::from_slice(&self.parts.body) {
            Ok(value) => Ok(value),
            Err(e) => Err(Error::Decode(DecodeError::new(self, e.to_string()))),
        }
    }

    /// Like [`RawResponse::parse_error_body`], for bodies that also carry the request id.
    pub fn parse_error_body_with_request_id<T: WithRequestId>(&self) -> Option<Box<T>> {
        let mut body: Box<T> = self.parse_error_body()?;
        body.set_request_id(self.request_id().map(str::to_owned));
        Some(body)
    }

    /// Parses an error body as JSON, or `None` when it does not match: the caller then keeps
    /// the raw response in its catch-all variant rather than failing.
    pub fn parse_error_body<T: DeserializeOwned>(&self) -> Option<T> {
        // An error response with an empty body still matches a body schema whose members are
        // all optional: parse it as `{}`.
        let body: &[u8] = if self.parts.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &self.parts.body
        };
        serde_json::from_slice(body).ok()
    }
}

/// The headers that carry the id a service gave a request, in the order they are read: AWS
/// (`x-amzn-requestid`), S3 and older AWS services (`x-amz-request-id`), and the convention
/// of other APIs (`x-request-id`). One list, for errors and outputs alike.
const REQUEST_ID_HEADERS: [&str; 3] = ["x-amzn-requestid", "x-amz-request-id", "x-request-id"];

/// The request id among `headers` (see [`REQUEST_ID_HEADERS`]), if present and valid UTF-8.
pub(super) fn request_id_of(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}

impl std::fmt::Display for RawResponse {
    /// The status, the request id and the body's type and length: enough to recognise it in
    /// a log line, and nothing of the body's content (see the type's documentation).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "status {}", self.parts.status)?;
        if let Some(id) = self.request_id() {
            write!(f, ", request id {id}")?;
        }
        if self.body_len() > 0 {
            write!(f, ", body of {} bytes", self.body_len())?;
            if let Some(kind) = self.header("content-type") {
                write!(f, " ({kind})")?;
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Headers<'a>(&'a HeaderMap);
        impl std::fmt::Debug for Headers<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut map = f.debug_map();
                for (name, value) in self.0 {
                    if SECRET_HEADERS.contains(&name.as_str()) || value.is_sensitive() {
                        map.entry(&name.as_str(), &super::REDACTED);
                    } else if matches!(name.as_str(), "location" | "content-location") {
                        // A redirect's target may carry a token in its query.
                        let text = String::from_utf8_lossy(value.as_bytes());
                        let shown = text.split(['?', '#']).next().unwrap_or_default();
                        map.entry(&name.as_str(), &shown);
                    } else {
                        map.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
                    }
                }
                map.finish()
            }
        }
        struct Length(u64, bool);
        impl std::fmt::Debug for Length {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "<{} bytes{}>", self.0, if self.1 { ", start kept" } else { "" })
            }
        }
        f.debug_struct("RawResponse")
            .field("status", &self.parts.status)
            .field("headers", &Headers(&self.parts.headers))
            .field("body", &Length(self.body_len(), self.is_truncated()))
            .finish()
    }
}

/// Reads `response`'s body chunk by chunk, failing as soon as it would exceed `limit` bytes
/// (a length announced over the limit fails before anything is read), so that a server that
/// sends without end costs at most `limit` bytes of memory, whatever the transport. A failure
/// keeps the status and headers.
pub(crate) async fn read_limited(
    response: http::Response<super::transport::Body>,
    limit: u64,
) -> Result<RawResponse, TransportError> {
    let (parts, mut chunks) = response.into_parts();
    let (status, headers) = (parts.status, parts.headers);
    if let Some(declared) = chunks.length().filter(|&n| n > limit) {
        return Err(TransportError::too_large(limit, Some(declared), 0).with_head(status, headers));
    }
    // Pre-allocate what is announced (within the limit), else grow as chunks arrive.
    let mut body = bytes::BytesMut::with_capacity(chunks.length().unwrap_or(0) as usize);
    loop {
        match chunks.chunk().await {
            Some(Ok(chunk)) => {
                if body.len() as u64 + chunk.len() as u64 > limit {
                    let received = body.len() as u64 + chunk.len() as u64;
                    return Err(TransportError::too_large(limit, None, received).with_head(status, headers));
                }
                body.extend_from_slice(&chunk);
            }
            None => break,
            Some(Err(e)) => return Err(e.with_head(status, headers)),
        }
    }
    Ok(RawResponse::new(status, headers, body.freeze()))
}

/// A documented error response: its parsed body, and the response it came in (status,
/// headers such as `www-authenticate` or `Retry-After`, request id, and the raw body,
/// bounded to [`super::limits::RETAINED_ERROR_BODY`] bytes, which also holds members the
/// spec does not document).
///
/// Reads as the body: `e.message` is the body's `message` (it derefs to `T`).
pub struct ServiceError<T> {
    body: Box<T>,
    response: RawResponse,
}

impl<T> ServiceError<T> {
    /// The parsed `body` of `response`.
    pub fn new(body: Box<T>, response: RawResponse) -> Self {
        Self {
            body,
            response: response.retained(),
        }
    }

    /// The parsed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The parsed body, by value.
    pub fn into_body(self) -> Box<T> {
        self.body
    }

    /// The response as received: status, headers, raw body (bounded).
    pub fn response(&self) -> &RawResponse {
        &self.response
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The id the service gave the request (see [`RawResponse::request_id`]).
    pub fn request_id(&self) -> Option<&str> {
        self.response.request_id()
    }

    /// The response, by value.
    pub fn into_response(self) -> RawResponse {
        self.response
    }

    /// The metadata of this documented error; `name` is its variant's name.
    pub fn error_meta(&self, name: &'static str) -> ErrorMeta<'_>
    where
        T: ErrorBody,
    {
        ErrorMeta::of_response(Some(name), &self.response, Some(&*self.body))
    }
}

impl<T> std::ops::Deref for ServiceError<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for ServiceError<T> {
    /// The body as its type prints it (sensitive members redacted), then the response's
    /// metadata (never its raw text).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceError")
            .field("body", &self.body)
            .field("response", &self.response)
            .finish()
    }
}

impl<T: std::fmt::Display> std::fmt::Display for ServiceError<T> {
    /// The body's (its message; see [`ErrorBody`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.body, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn debug_and_display_show_no_body_text_and_no_secret_header() {
        let mut headers = HeaderMap::new();
        headers.insert("set-cookie", HeaderValue::from_static("sid=SECRET1"));
        headers.insert("x-amzn-requestid", HeaderValue::from_static("req-1"));
        let body = Bytes::from_static(br#"{"password": "SECRET2"}"#);
        let response = RawResponse::new(StatusCode::IM_A_TEAPOT, headers, body);
        let shown = format!("{response} {response:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("req-1") && shown.contains("23 bytes"), "{shown}");
    }

    #[test]
    fn retained_keeps_the_start_and_the_length() {
        let big = Bytes::from(vec![b'x'; crate::limits::RETAINED_ERROR_BODY + 10]);
        let r = RawResponse::new(StatusCode::OK, HeaderMap::new(), big).retained();
        assert_eq!(r.body().len(), crate::limits::RETAINED_ERROR_BODY);
        assert_eq!(r.body_len(), crate::limits::RETAINED_ERROR_BODY as u64 + 10);
        assert!(r.is_truncated());
    }
}
