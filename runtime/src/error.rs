//! What an operation returns when it does not succeed.

use std::fmt;

use crate::RawResponse;

/// The error of an operation whose documented service errors are `E`.
///
/// Modelled on the AWS SDK's `SdkError`: it separates "we never sent a request"
/// ([`Error::Construction`]), "we got no response" ([`Error::Transport`]), "the service answered
/// with an error" ([`Error::Service`]) and "the service answered success with a body that does
/// not match the spec" ([`Error::Decode`]), because callers handle each differently.
#[derive(Debug)]
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
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Construction(e) => write!(f, "request not sent: {e}"),
            Error::Transport(e) => write!(f, "no response: {e}"),
            Error::Service(e) => write!(f, "service error: {e}"),
            Error::Decode(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Construction(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Decode(e) => Some(e),
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

/// No HTTP response arrived (after every attempt the retry policy allowed).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportKind,
    attempts: u32,
}

#[derive(Debug)]
enum TransportKind {
    Http(reqwest::Error),
    OperationTimeout(std::time::Duration),
}

impl TransportError {
    pub(crate) fn new(source: reqwest::Error, attempts: u32) -> Self {
        Self {
            kind: TransportKind::Http(source),
            attempts,
        }
    }

    pub(crate) fn operation_timeout(limit: std::time::Duration) -> Self {
        Self {
            kind: TransportKind::OperationTimeout(limit),
            attempts: 0,
        }
    }

    /// Whether an attempt, or the whole operation, ran out of time.
    pub fn is_timeout(&self) -> bool {
        match &self.kind {
            TransportKind::Http(e) => e.is_timeout(),
            TransportKind::OperationTimeout(_) => true,
        }
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        matches!(&self.kind, TransportKind::Http(e) if e.is_connect())
    }

    /// How many attempts were made (0 when the operation's time limit cut them short).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.kind {
            TransportKind::OperationTimeout(limit) => {
                return write!(f, "the operation did not finish within {limit:?}")
            }
            TransportKind::Http(source) => source,
        };
        // reqwest's top-level message is terse ("error sending request"); the cause says why.
        write!(f, "{source}")?;
        let mut cause = std::error::Error::source(source);
        while let Some(c) = cause {
            write!(f, ": {c}")?;
            cause = c.source();
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
            TransportKind::OperationTimeout(_) => None,
        }
    }
}

/// A success response whose body does not match the spec. The response is kept whole.
#[derive(Debug)]
pub struct DecodeError {
    response: RawResponse,
    reason: String,
}

impl DecodeError {
    pub(crate) fn new(response: RawResponse, reason: String) -> Self {
        Self { response, reason }
    }

    /// The response as received.
    pub fn response(&self) -> &RawResponse {
        &self.response
    }

    /// Why the body was rejected (the JSON parser's message, with line and column).
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
