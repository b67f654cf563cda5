//! What an operation returns when it does not succeed.

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, StatusCode};

use super::error_meta::{ErrorMeta, ProvideErrorMeta};
use super::RawResponse;

/// The error of an operation whose documented service errors are `E`.
///
/// Modelled on the AWS SDK's `SdkError`: it separates "we never sent a request"
/// ([`Error::Construction`]), "we got no response" ([`Error::Transport`]), "the service answered
/// with an error" ([`Error::Service`]) and "the service answered success with a body that does
/// not match the spec" ([`Error::Decode`]), because callers handle each differently; and, our
/// own, "the service redirected us somewhere we do not follow" ([`Error::Redirect`]).
///
/// Neither `Display` nor `Debug` of any of them prints a credential, a URL query, or a
/// response body's text (see [`RawResponse`]'s `Debug`).
///
/// Its `Display` is its own layer of the error chain only (`service error`, `request not
/// sent`, `no response`, `invalid response`, `redirect not followed`); `source()` gives the
/// layer below, whose `Display` says what happened (see [`super::DisplayErrorContext`] and
/// the table in [`super::ErrorMeta`]'s module). Generated crates re-export it as `SdkError`.
///
/// `#[non_exhaustive]`: a later kind of failure is not a breaking change.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be built, so nothing was sent: a required parameter is missing or
    /// empty, a header value is not valid HTTP, no credentials are configured, ...
    Construction(ConstructionError),
    /// The request was sent but no HTTP response came back (connection refused, timeout, TLS).
    Transport(TransportError),
    /// The service answered with an error status; `E` is the operation's error enum, with a
    /// variant per documented error and a catch-all that keeps the raw response.
    Service(E),
    /// The service answered with a success status whose body does not match the spec.
    Decode(DecodeError),
    /// The service answered with a redirect the client's [`super::Redirects`] policy does not
    /// follow (to another origin, or any redirect for AWS APIs). Nothing was sent there.
    Redirect(RedirectError),
    /// The credentials provider (`ClientBuilder::credentials_provider`, or `aws-config`'s
    /// chain) gave no credentials for the attempt, so nothing (more) was sent.
    Credentials(CredentialsError),
}

impl<E> Error<E> {
    /// The service error, if this is one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, if this is one, by value.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// The service error, or the error with no service error in it: what a crate-level
    /// `Error` is made from (its `Unhandled` case holds the latter).
    pub fn split_service(self) -> Result<E, Error<std::convert::Infallible>> {
        match self {
            Error::Service(e) => Ok(e),
            Error::Construction(e) => Err(Error::Construction(e)),
            Error::Transport(e) => Err(Error::Transport(e)),
            Error::Decode(e) => Err(Error::Decode(e)),
            Error::Redirect(e) => Err(Error::Redirect(e)),
            Error::Credentials(e) => Err(Error::Credentials(e)),
        }
    }
}

impl<E: ProvideErrorMeta> Error<E> {
    /// Status, headers, request id, error code, message and the attempts made, as far as
    /// they exist: a service error has them all, a transport error the head of a response
    /// that arrived and the attempts, a construction error nothing (0 attempts).
    pub fn meta(&self) -> ErrorMeta<'_> {
        ProvideErrorMeta::meta(self)
    }

    /// The error code the service sent (see [`ErrorMeta::code`]).
    pub fn code(&self) -> Option<&str> {
        self.meta().code()
    }

    /// The service's message (see [`ErrorMeta::message`]).
    pub fn message(&self) -> Option<&str> {
        self.meta().message()
    }
}

impl<E: ProvideErrorMeta> ProvideErrorMeta for Error<E> {
    fn meta(&self) -> ErrorMeta<'_> {
        match self {
            Error::Service(e) => e.meta(),
            Error::Construction(_) | Error::Credentials(_) => ErrorMeta::of_failure(None, 0),
            Error::Transport(e) => {
                let head = e.head.as_deref().map(|(status, headers)| (*status, headers));
                ErrorMeta::of_failure(head, e.attempts)
            }
            Error::Decode(e) => e.response.error_meta(None),
            Error::Redirect(e) => e.response.error_meta(None),
        }
    }
}

impl<E> fmt::Display for Error<E> {
    /// This layer only; the next one is `source()`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Error::Construction(_) => "request not sent",
            Error::Transport(_) => "no response",
            Error::Service(_) => "service error",
            Error::Decode(_) => "invalid response",
            Error::Redirect(_) => "redirect not followed",
            Error::Credentials(_) => "no credentials",
        })
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Construction(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Decode(e) => Some(e),
            Error::Redirect(e) => Some(e),
            Error::Credentials(e) => Some(e),
        }
    }
}

impl<E> From<ConstructionError> for Error<E> {
    fn from(e: ConstructionError) -> Self {
        Error::Construction(e)
    }
}

/// Why a request could not be built. Nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstructionError {
    message: String,
}

impl ConstructionError {
    /// A construction error with this explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// A required parameter was not set.
    pub fn missing(parameter: &str) -> Self {
        Self::new(format!("required parameter `{parameter}` is not set"))
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConstructionError {}

/// A credentials provider failed: no credentials to sign with, so the attempt was not sent.
/// Its `Display` says which kind of failure; `source()` is the provider's own error. Neither
/// holds a credential (a provider that failed has none to show).
#[derive(Debug)]
pub struct CredentialsError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl CredentialsError {
    /// A credentials error with this explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), source: None }
    }

    /// A credentials error with this explanation, caused by `source`.
    pub fn with_source(
        message: impl Into<String>,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        Self { message: message.into(), source: Some(source.into()) }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|s| s as &(dyn std::error::Error + 'static))
    }
}

impl<E> From<CredentialsError> for Error<E> {
    fn from(e: CredentialsError) -> Self {
        Error::Credentials(e)
    }
}

/// No complete HTTP response arrived (after every attempt the retry policy allowed): no
/// connection, no answer in time, a body larger than the limit, a connection cut mid-body.
///
/// When the status line and headers did arrive before the failure, [`TransportError::status`]
/// and [`TransportError::headers`] keep them. Its `Display` and `Debug` never show the URL's
/// query, user name or password (an API key or a sensitive parameter may be there).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
    attempts: u32,
    head: Option<Box<(StatusCode, HeaderMap)>>,
}

#[derive(Debug)]
enum TransportKind {
    Http(reqwest::Error),
    /// A failure a [`super::transport::Transport`] other than reqwest reported.
    Custom(Failure, Box<dyn std::error::Error + Send + Sync>),
    OperationTimeout(Duration),
    TooLarge {
        limit: u64,
        /// The `content-length` the server announced, when that alone broke the limit.
        declared: Option<u64>,
        /// What had arrived when reading stopped.
        received: u64,
    },
    /// No chunk of a streamed body ([`super::ByteStream`]) within the idle limit.
    StreamIdle { limit: Duration, received: u64 },
    /// A streamed body ended (cleanly or by a failed read, `cause`) before all of it arrived:
    /// fewer bytes than its `content-length`, or a connection cut mid-body.
    Incomplete { expected: Option<u64>, received: u64, cause: Option<Box<TransportError>> },
}

impl TransportError {
    pub(crate) fn new(source: reqwest::Error, attempts: u32) -> Self {
        Self {
            kind: TransportKind::Http(redact(source)),
            attempts,
            head: None,
        }
    }

    /// No connection could be made (refused, unreachable, DNS, TLS handshake): what a
    /// [`super::transport::Transport`] reports so that the client retries, as it retries
    /// reqwest's connect errors. `source` is shown by `Display` as given: leave secrets out
    /// of it (a URL's query, a header).
    pub fn connect(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::custom(Failure::Connect, source.into())
    }

    /// No response, or no next part of its body, in time: retried by the client, as a
    /// timeout of reqwest (see [`TransportError::connect`] about `source`).
    pub fn timeout(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::custom(Failure::Timeout, source.into())
    }

    /// Any other failure of a transport (a connection cut mid-body, a protocol error, a
    /// request the transport refuses): not retried, since the request may have been
    /// received (see [`TransportError::connect`] about `source`).
    pub fn other(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::custom(Failure::Other, source.into())
    }

    fn custom(failure: Failure, source: Box<dyn std::error::Error + Send + Sync>) -> Self {
        Self {
            kind: TransportKind::Custom(failure, source),
            attempts: 1,
            head: None,
        }
    }

    /// The operation's limit fired during attempt number `attempts` (the attempt cut short
    /// counts: it was sent).
    pub(crate) fn operation_timeout(limit: Duration, attempts: u32) -> Self {
        Self {
            kind: TransportKind::OperationTimeout(limit),
            attempts,
            head: None,
        }
    }

    pub(crate) fn too_large(limit: u64, declared: Option<u64>, received: u64) -> Self {
        Self {
            kind: TransportKind::TooLarge {
                limit,
                declared,
                received,
            },
            attempts: 1,
            head: None,
        }
    }

    /// No chunk of a streamed body arrived within `limit`, after `received` bytes.
    pub(crate) fn stream_idle(limit: Duration, received: u64) -> Self {
        Self { kind: TransportKind::StreamIdle { limit, received }, attempts: 1, head: None }
    }

    /// A streamed body ended after `received` bytes of `expected` (its `content-length`, if
    /// announced), by `cause` when a read failed.
    pub(crate) fn incomplete(expected: Option<u64>, received: u64, cause: Option<TransportError>) -> Self {
        Self {
            kind: TransportKind::Incomplete { expected, received, cause: cause.map(Box::new) },
            attempts: 1,
            head: None,
        }
    }

    /// Keeps the status and headers that arrived before the failure.
    pub(crate) fn with_head(mut self, status: StatusCode, headers: HeaderMap) -> Self {
        self.head = Some(Box::new((status, headers)));
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// Whether an attempt, or the whole operation, ran out of time (a connection that could
    /// not be opened in time, a response that stopped making progress, or the limits of
    /// [`super::ClientBuilder::timeout`] and [`super::ClientBuilder::operation_timeout`]).
    pub fn is_timeout(&self) -> bool {
        match &self.kind {
            TransportKind::Http(e) => e.is_timeout(),
            TransportKind::Custom(failure, _) => *failure == Failure::Timeout,
            TransportKind::OperationTimeout(_) | TransportKind::StreamIdle { .. } => true,
            TransportKind::TooLarge { .. } | TransportKind::Incomplete { .. } => false,
        }
    }

    /// Whether a streamed body ([`super::ByteStream`]) ended before all of it arrived: the
    /// connection closed (or a read failed) before the `content-length` announced, or mid-body
    /// without one. [`TransportError::received`] says how much arrived.
    pub fn is_incomplete(&self) -> bool {
        matches!(self.kind, TransportKind::Incomplete { .. })
    }

    /// For a streamed body that stopped (incomplete, or no chunk within the idle limit): the
    /// bytes that had arrived.
    pub fn received(&self) -> Option<u64> {
        match self.kind {
            TransportKind::StreamIdle { received, .. } | TransportKind::Incomplete { received, .. } => Some(received),
            _ => None,
        }
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        match &self.kind {
            TransportKind::Http(e) => e.is_connect(),
            TransportKind::Custom(failure, _) => *failure == Failure::Connect,
            _ => false,
        }
    }

    /// Whether the response body was larger than [`super::ClientBuilder::max_response_bytes`]
    /// (announced by `content-length`, or counted while reading). Reading stopped there.
    pub fn is_too_large(&self) -> bool {
        matches!(self.kind, TransportKind::TooLarge { .. })
    }

    /// For a body over the limit: the limit, and the bytes that had arrived when reading
    /// stopped.
    pub fn size_limit(&self) -> Option<(u64, u64)> {
        match self.kind {
            TransportKind::TooLarge { limit, received, .. } => Some((limit, received)),
            _ => None,
        }
    }

    /// How many attempts were sent, the one cut short by the operation's time limit included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The status of the response whose body failed (cut, too large, too slow), if its head
    /// arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.head.as_ref().map(|head| head.0)
    }

    /// The headers of that response.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.head.as_ref().map(|head| &head.1)
    }
}

/// A transport error without the URL's query, fragment, user name and password: reqwest's
/// `Display` and `Debug` show the URL, and an API key, a signature or a parameter the spec
/// marks sensitive (`clientSecret=...`) may be in its query. The path stays: it says which
/// operation failed (and path parameters are never credentials).
fn redact(mut error: reqwest::Error) -> reqwest::Error {
    if let Some(url) = error.url_mut() {
        url.set_query(None);
        url.set_fragment(None);
        let _ = url.set_username("");
        let _ = url.set_password(None);
    }
    error
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.kind {
            TransportKind::OperationTimeout(limit) => {
                write!(f, "the operation did not finish within {limit:?}")?;
                if self.attempts > 0 {
                    write!(f, " (during attempt {})", self.attempts)?;
                }
                return Ok(());
            }
            TransportKind::TooLarge { limit, declared, received } => {
                write!(f, "the response body exceeds the limit of {limit} bytes: ")?;
                match declared {
                    Some(declared) => write!(f, "content-length {declared}, nothing read")?,
                    None => write!(f, "{received} bytes arrived before reading stopped")?,
                }
                if let Some(status) = self.status() {
                    write!(f, " (status {status})")?;
                }
                return Ok(());
            }
            TransportKind::StreamIdle { limit, received } => {
                return write!(f, "no part of the response body arrived within {limit:?} (after {received} bytes)");
            }
            TransportKind::Incomplete { expected, received, cause } => {
                write!(f, "the response body ended after {received} bytes")?;
                if let Some(expected) = expected {
                    write!(f, " of the {expected} its content-length announced")?;
                }
                if let Some(cause) = cause {
                    write!(f, ": {cause}")?;
                }
                return Ok(());
            }
            TransportKind::Http(source) => source as &(dyn std::error::Error + 'static),
            TransportKind::Custom(_, source) => source.as_ref() as &(dyn std::error::Error + 'static),
        };
        // reqwest's top-level message is terse ("error sending request"); the cause says why.
        write!(f, "{source}")?;
        let mut cause = std::error::Error::source(source);
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
        }
        if let Some(status) = self.status() {
            write!(f, " (after the head of a {status} response)")?;
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            TransportKind::Http(e) => Some(e),
            TransportKind::Custom(_, e) => Some(e.as_ref()),
            TransportKind::Incomplete { cause: Some(cause), .. } => Some(cause.as_ref()),
            _ => None,
        }
    }
}

/// What kind of failure a custom transport reported (see [`TransportError::connect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    Connect,
    Timeout,
    Other,
}

/// A redirect the client did not follow: its status and `Location` are kept, with the whole
/// response. Nothing was sent to the `Location`.
#[derive(Debug)]
pub struct RedirectError {
    response: RawResponse,
}

impl RedirectError {
    pub(crate) fn new(response: RawResponse) -> Self {
        Self { response }
    }

    /// The redirect's status (301, 302, 303, 307 or 308).
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// Where the server wanted the request to go, as it said it (possibly relative).
    pub fn location(&self) -> Option<&str> {
        self.response.header("location")
    }

    /// The redirect response (its body bounded as error bodies are).
    pub fn response(&self) -> &RawResponse {
        &self.response
    }
}

impl fmt::Display for RedirectError {
    /// The status and the target's origin and path: its query may carry a secret the server
    /// put there, so it is not shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = self.location().unwrap_or_default();
        let shown = location.split(['?', '#']).next().unwrap_or_default();
        let shown = match reqwest::Url::parse(shown) {
            Ok(mut url) => {
                let _ = url.set_username("");
                let _ = url.set_password(None);
                url.to_string()
            }
            Err(_) => shown.to_owned(),
        };
        write!(
            f,
            "{} to `{shown}` (the client follows redirects only within the same origin, and \
             none for AWS APIs; see `ClientBuilder::redirects`)",
            self.status()
        )
    }
}

impl std::error::Error for RedirectError {}

/// A success response whose body does not match the spec. The response is kept, its body
/// cut to [`super::limits::RETAINED_ERROR_BODY`] bytes (see [`RawResponse::body_len`]).
#[derive(Debug)]
pub struct DecodeError {
    response: RawResponse,
    reason: String,
}

impl DecodeError {
    pub(crate) fn new(response: RawResponse, reason: String) -> Self {
        Self {
            response: response.retained(),
            reason: redact_serde_message(&reason),
        }
    }

    /// The response as received (the body bounded).
    pub fn response(&self) -> &RawResponse {
        &self.response
    }

    /// Why the body was rejected (the JSON parser's message, with line and column; the value
    /// it rejected left out, as it may be a sensitive member).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the {} response does not match the spec: {}",
            self.response.status(),
            self.reason
        )
    }
}

impl std::error::Error for DecodeError {}

/// serde's message without the value it quotes: `invalid type: string "hunter2", expected
/// u32` becomes `invalid type: string, expected u32`. The rejected value may be a member the
/// spec marks sensitive; its kind and the expected type are enough to find the mismatch.
pub(crate) fn redact_serde_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    // Each of these is followed by the value serde shows (`string "x"`, `integer `5``, or a
    // variant name in backticks) and then `, expected ...`.
    while let Some((at, marker)) = ["invalid type: ", "invalid value: ", "unknown variant"]
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, *m)))
        .min()
    {
        let value_start = at + marker.len();
        out.push_str(&rest[..value_start]);
        let tail = &rest[value_start..];
        let value_end = tail.find(", expected").unwrap_or(tail.len());
        let value = &tail[..value_end];
        // Keep the kind (`string`, `integer`, `floating point`), drop the quoted value.
        let kind = value.split(['"', '`']).next().unwrap_or_default().trim_end();
        out.push_str(kind);
        rest = &tail[value_end..];
    }
    out.push_str(rest);
    out.trim_end().to_owned()
}

/// Why a client could not be built from its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    /// A build error with this explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_lose_the_values_they_quote() {
        let cases = [
            ("invalid type: string \"hunter2\", expected u32 at line 1 column 9", "invalid type: string, expected u32 at line 1 column 9"),
            ("invalid value: integer `42`, expected a boolean", "invalid value: integer, expected a boolean"),
            ("invalid type: floating point `1.5`, expected i32", "invalid type: floating point, expected i32"),
            ("unknown variant `SECRET`, expected one of `a`, `b`", "unknown variant, expected one of `a`, `b`"),
            ("missing field `name` at line 1 column 2", "missing field `name` at line 1 column 2"),
            ("invalid type: map, expected a string", "invalid type: map, expected a string"),
            ("invalid type: string \"a, expected b\\\", x\"", "invalid type: string, expected b\\\", x\""),
        ];
        for (given, kept) in cases.iter().take(6) {
            assert_eq!(redact_serde_message(given), *kept);
        }
        // A value that itself contains `, expected`: cut there, the rest is still not a
        // value serde quoted in full; the secret before it is gone.
        assert!(!redact_serde_message(cases[6].0).contains("\"a"));
    }

    /// A service error whose body says why: each layer shows its own part once.
    #[derive(Debug)]
    struct Body;
    impl fmt::Display for Body {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("group sg-1 not found")
        }
    }
    impl std::error::Error for Body {}
    impl super::super::ErrorBody for Body {
        fn message(&self) -> Option<&str> {
            Some("group sg-1 not found")
        }
    }
    #[derive(Debug)]
    struct OpError(super::super::ServiceError<Body>);
    impl fmt::Display for OpError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.meta().fmt(f)
        }
    }
    impl std::error::Error for OpError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.meta().source()
        }
    }
    impl ProvideErrorMeta for OpError {
        fn meta(&self) -> ErrorMeta<'_> {
            self.0.error_meta("ResourceNotFoundError")
        }
    }

    #[test]
    fn each_layer_displays_itself_and_chains_to_the_next() {
        let response = RawResponse::new(StatusCode::NOT_FOUND, HeaderMap::new(), bytes::Bytes::new())
            .with_attempts(2);
        let e: Error<OpError> = Error::Service(OpError(response.with_body(Box::new(Body))));
        assert_eq!(e.to_string(), "service error");
        assert_eq!(
            super::super::DisplayErrorContext(&e).to_string(),
            "service error: ResourceNotFoundError (404): group sg-1 not found"
        );
        assert_eq!(e.message(), Some("group sg-1 not found"));
        assert_eq!(e.meta().status(), Some(StatusCode::NOT_FOUND));
        assert_eq!(e.meta().attempts(), 2);
        assert_eq!(e.code(), None);
        assert!(matches!(e.split_service(), Ok(OpError(_))));
    }

    #[test]
    fn failures_without_a_response_have_what_arrived() {
        let e: Error<OpError> = ConstructionError::missing("id").into();
        assert_eq!(e.to_string(), "request not sent");
        assert_eq!(e.meta().attempts(), 0);
        assert_eq!(e.meta().status(), None);
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", http::HeaderValue::from_static("r-1"));
        let timeout = TransportError::operation_timeout(Duration::from_secs(1), 3).with_head(StatusCode::OK, headers);
        let e: Error<OpError> = Error::Transport(timeout);
        assert_eq!(e.to_string(), "no response");
        assert_eq!(e.meta().attempts(), 3);
        assert_eq!(e.meta().status(), Some(StatusCode::OK));
        assert_eq!(e.meta().request_id(), Some("r-1"));
        let source = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_default();
        assert!(source.starts_with("the operation did not finish within 1s"), "{source}");
        let Err(other) = e.split_service() else { panic!("not a service error") };
        assert!(matches!(other, Error::Transport(_)));
    }
}
