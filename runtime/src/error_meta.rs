//! What every error says about itself whatever its kind, and how an error chain is printed.
//!
//! Each layer of an error chain displays its own information once and hands the next
//! layer out through `source()` (the convention of `std::error::Error`, which `anyhow`,
//! `eyre` and [`DisplayErrorContext`] rely on):
//!
//! | layer | `Display` | `source()` |
//! |---|---|---|
//! | [`super::Error`] (`SdkError`) | its kind: `service error`, `request not sent`, ... | the layer below |
//! | an operation's error enum | the variant and status: `ResourceNotFoundError (404)` | the parsed body |
//! | a documented error body | its message member (else its type's name) | none |
//!
//! so `format!("{:#}", anyhow::Error::from(e))` reads
//! `service error: ResourceNotFoundError (404): group sg-1 not found`, each part once.
//! Plain `{}` of the top-level error shows its own layer only; [`DisplayErrorContext`]
//! prints the whole chain without `anyhow`.

use std::fmt;

use http::{HeaderMap, StatusCode};

use super::RawResponse;

/// A documented error body (a generated type): its message, for [`ErrorMeta::message`].
/// Its `Display` is that message, or its type's name when it has none.
pub trait ErrorBody: std::error::Error + Send + Sync + 'static {
    /// The member the spec gives the error's human-readable message in, if any.
    fn message(&self) -> Option<&str>;
}

/// What an error tells about the response that caused it, the same for every variant (a
/// documented error, an undocumented response) and for every kind of failure: status,
/// headers, request id, error code, message and the number of attempts made.
///
/// A view: cheap to copy, it borrows the error. Made by [`ProvideErrorMeta::meta`].
#[derive(Clone, Copy, Default)]
pub struct ErrorMeta<'a> {
    name: Option<&'static str>,
    status: Option<StatusCode>,
    headers: Option<&'a HeaderMap>,
    response: Option<&'a RawResponse>,
    body: Option<&'a dyn ErrorBody>,
    attempts: u32,
    /// A failure that is no error response, when the metadata stands for it (in an
    /// [`Unhandled`]): `Display` and `source()` are its.
    failure: Option<&'a (dyn std::error::Error + 'static)>,
}

impl<'a> ErrorMeta<'a> {
    /// The metadata of an error response; `name` is the documented error it is (`None`: the
    /// spec does not document it), `body` its parsed body when it has a type.
    pub fn of_response(name: Option<&'static str>, response: &'a RawResponse, body: Option<&'a dyn ErrorBody>) -> Self {
        Self {
            name,
            status: Some(response.status()),
            headers: Some(response.headers()),
            response: Some(response),
            body,
            attempts: response.attempts(),
            failure: None,
        }
    }

    /// The metadata of a failure without a whole response: what arrived, and the attempts.
    pub(crate) fn of_failure(head: Option<(StatusCode, &'a HeaderMap)>, attempts: u32) -> Self {
        Self {
            status: head.map(|h| h.0),
            headers: head.map(|h| h.1),
            attempts,
            ..Self::default()
        }
    }

    /// The same metadata, displayed (and chained) as `failure`.
    fn shown_as(self, failure: &'a (dyn std::error::Error + 'static)) -> Self {
        Self { failure: Some(failure), ..self }
    }

    /// The documented error this is (the operation error's variant: `ResourceNotFoundError`);
    /// `None` for an undocumented response or a failure that is no error response.
    pub fn name(self) -> Option<&'static str> {
        self.name
    }

    /// The HTTP status, when a response (or its head) arrived.
    pub fn status(self) -> Option<StatusCode> {
        self.status
    }

    /// The response headers, when a response (or its head) arrived.
    pub fn headers(self) -> Option<&'a HeaderMap> {
        self.headers
    }

    /// The response, when a whole one arrived (its body bounded).
    pub fn response(self) -> Option<&'a RawResponse> {
        self.response
    }

    /// The id the service gave the request (see [`RawResponse::request_id`]).
    pub fn request_id(self) -> Option<&'a str> {
        super::response::request_id_of(self.headers?)
    }

    /// The error code the service sent (the AWS error code: `x-amzn-errortype`, or the
    /// body's `code` / `__type`), namespace and suffix stripped.
    pub fn code(self) -> Option<&'a str> {
        self.response?.error_code()
    }

    /// The error's message: the documented body's message member, else a top-level
    /// `message` / `Message` / `errorMessage` string of a JSON body.
    pub fn message(self) -> Option<&'a str> {
        match self.body {
            Some(body) => body.message(),
            None => self.response?.error_message(),
        }
    }

    /// How many attempts were sent (1 without retries; 0 when nothing was sent).
    pub fn attempts(self) -> u32 {
        self.attempts
    }

    /// The next layer of the error chain, what an error's `source()` returns: the parsed
    /// body of a documented error.
    pub fn source(self) -> Option<&'a (dyn std::error::Error + 'static)> {
        match self.failure {
            Some(failure) => failure.source(),
            None => self.body.map(|body| body as &(dyn std::error::Error + 'static)),
        }
    }
}

impl fmt::Debug for ErrorMeta<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorMeta")
            .field("name", &self.name)
            .field("status", &self.status)
            .field("code", &self.code())
            .field("request_id", &self.request_id())
            .field("attempts", &self.attempts)
            .finish()
    }
}

impl fmt::Display for ErrorMeta<'_> {
    /// An error response's layer of the chain, on one line: the documented error and its
    /// status (`ResourceNotFoundError (404)`), or for an undocumented one its status, code
    /// and request id. Never the body's text: the body's own `Display`, next in the chain,
    /// shows its message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(failure) = self.failure {
            return fmt::Display::fmt(failure, f);
        }
        let status = self.status.map(|s| s.as_u16());
        match (self.name, status) {
            (Some(name), Some(status)) => write!(f, "{name} ({status})"),
            (Some(name), None) => f.write_str(name),
            (None, _) => {
                f.write_str("undocumented error response")?;
                if let Some(response) = self.response {
                    write!(f, " ({response}")?;
                    if let Some(code) = self.code() {
                        write!(f, ", code {code}")?;
                    }
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

/// The metadata of an error: implemented by every operation's error enum, by the crate-level
/// `Error` of a generated crate and by [`super::Error`]. The provided methods are shortcuts
/// into [`ProvideErrorMeta::meta`].
pub trait ProvideErrorMeta {
    /// Status, headers, request id, code, message and attempts (see [`ErrorMeta`]).
    fn meta(&self) -> ErrorMeta<'_>;

    /// The error code the service sent, if any (see [`ErrorMeta::code`]).
    fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The error's message, if any (see [`ErrorMeta::message`]).
    fn message(&self) -> Option<&str> {
        self.meta().message()
    }
}

/// No service error: the non-service cases of a crate-level error ([`Unhandled`]).
impl ProvideErrorMeta for std::convert::Infallible {
    fn meta(&self) -> ErrorMeta<'_> {
        match *self {}
    }
}

/// An error a crate-level `Error` has no variant of its own for: an error response without
/// a typed body (undocumented, documented without a schema, or a body that does not match
/// its schema), or a failure that is no error response (nothing sent, no response, a
/// success body that does not match, a redirect not followed).
///
/// Its `Display` and `source()` are those of what it holds.
#[derive(Debug)]
pub struct Unhandled {
    kind: UnhandledKind,
}

#[derive(Debug)]
enum UnhandledKind {
    Response { name: Option<&'static str>, response: RawResponse },
    Sdk(super::Error<std::convert::Infallible>),
}

impl Unhandled {
    /// An error response without a typed body; `name` is the documented error, if any.
    pub fn response(name: Option<&'static str>, response: RawResponse) -> Self {
        Self { kind: UnhandledKind::Response { name, response } }
    }

    /// The error, when it is no error response (see [`super::Error::split_service`]).
    pub fn as_sdk_error(&self) -> Option<&super::Error<std::convert::Infallible>> {
        match &self.kind {
            UnhandledKind::Sdk(e) => Some(e),
            UnhandledKind::Response { .. } => None,
        }
    }

    /// The error response, when it is one (its body bounded).
    pub fn raw_response(&self) -> Option<&RawResponse> {
        match &self.kind {
            UnhandledKind::Response { response, .. } => Some(response),
            UnhandledKind::Sdk(_) => None,
        }
    }
}

/// An undocumented error response.
impl From<RawResponse> for Unhandled {
    fn from(response: RawResponse) -> Self {
        Self::response(None, response)
    }
}

impl From<super::Error<std::convert::Infallible>> for Unhandled {
    fn from(e: super::Error<std::convert::Infallible>) -> Self {
        Self { kind: UnhandledKind::Sdk(e) }
    }
}

impl ProvideErrorMeta for Unhandled {
    fn meta(&self) -> ErrorMeta<'_> {
        match &self.kind {
            UnhandledKind::Response { name, response } => ErrorMeta::of_response(*name, response, None),
            UnhandledKind::Sdk(e) => e.meta().shown_as(e),
        }
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.meta(), f)
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.meta().source()
    }
}

/// Prints an error and every `source()` below it, joined by `: `, for callers who do not
/// use `anyhow` or `eyre` (whose `{:#}` does the same): plain `{}` of an error shows its own
/// layer only.
///
/// ```
/// # use sdkgen_runtime::{ConstructionError, DisplayErrorContext, Error};
/// let e: Error<std::convert::Infallible> = ConstructionError::missing("id").into();
/// assert_eq!(e.to_string(), "request not sent");
/// assert_eq!(
///     DisplayErrorContext(&e).to_string(),
///     "request not sent: required parameter `id` is not set"
/// );
/// ```
pub struct DisplayErrorContext<'e, E: ?Sized>(pub &'e E);

impl<E: std::error::Error + ?Sized> fmt::Display for DisplayErrorContext<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        Ok(())
    }
}

impl<E: std::error::Error + ?Sized> fmt::Debug for DisplayErrorContext<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderValue;

    #[derive(Debug)]
    struct NotFound(Option<String>);
    impl fmt::Display for NotFound {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0.as_deref().unwrap_or("NotFound"))
        }
    }
    impl std::error::Error for NotFound {}
    impl ErrorBody for NotFound {
        fn message(&self) -> Option<&str> {
            self.0.as_deref()
        }
    }

    fn response(body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-amzn-requestid", HeaderValue::from_static("req-9"));
        headers.insert("x-amzn-errortype", HeaderValue::from_static("com.x#ThrottlingException"));
        RawResponse::new(StatusCode::TOO_MANY_REQUESTS, headers, Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn a_documented_error_names_itself_and_its_body_gives_the_message() {
        let r = response(r#"{"message":"from the raw body"}"#);
        let body = NotFound(Some("slow down".into()));
        let meta = ErrorMeta::of_response(Some("RateLimitError"), &r, Some(&body));
        assert_eq!(meta.to_string(), "RateLimitError (429)");
        assert_eq!(meta.message(), Some("slow down"));
        assert_eq!(meta.code(), Some("ThrottlingException"));
        assert_eq!(meta.request_id(), Some("req-9"));
        assert_eq!(meta.attempts(), 1);
        assert_eq!(meta.source().map(|s| s.to_string()).as_deref(), Some("slow down"));
    }

    #[test]
    fn an_undocumented_response_shows_status_code_and_request_id_not_its_body() {
        let r = response(r#"{"Message":"SECRET-ish text"}"#);
        let meta = ErrorMeta::of_response(None, &r, None);
        let shown = meta.to_string();
        assert!(shown.starts_with("undocumented error response (status 429"), "{shown}");
        assert!(shown.contains("req-9") && shown.contains("code ThrottlingException"), "{shown}");
        assert!(!shown.contains("SECRET"), "{shown}");
        // Asked for, the message is read from the body.
        assert_eq!(meta.message(), Some("SECRET-ish text"));
        assert!(meta.source().is_none());
    }

    #[test]
    fn the_context_prints_each_layer_once() {
        let e: super::super::Error<std::convert::Infallible> =
            super::super::ConstructionError::missing("id").into();
        let unhandled = Unhandled::from(e);
        assert_eq!(unhandled.to_string(), "request not sent");
        assert_eq!(
            DisplayErrorContext(&unhandled).to_string(),
            "request not sent: required parameter `id` is not set"
        );
        assert_eq!(unhandled.meta().attempts(), 0);
        assert!(unhandled.raw_response().is_none());
    }
}
