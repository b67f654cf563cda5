//! Interceptors: the user's code at three points of every operation's send loop (before each
//! attempt, after each response, on each retry), for headers of their own, logs and metrics.
//!
//! An [`Interceptor`] is added with [`super::ClientBuilder::interceptor`] (several run in the
//! order added). Each hook gets a context that shows what is safe to show at that point:
//!
//! - [`Interceptor::before_attempt`] runs once per attempt, after the request is encoded
//!   (URL, the operation's headers and cookies, content type) and **before any credential
//!   is added**: API keys (header, query or cookie), `authorization` (basic, bearer) and the
//!   SigV4 signature come after it. So a header it adds is covered by the signature (it is
//!   sent, and signed, as any other header), and it never sees a secret: the URL it reads has
//!   no API key in its query. A credential header always wins: one the interceptor set under
//!   the same name is replaced. Header values are checked after it as the operation's own
//!   are (visible ASCII only), so nothing travels unsigned.
//! - [`Interceptor::after_response`] runs for each response that arrives (any status, also
//!   one that is then retried), read-only: operation, attempt, status, headers, how long the
//!   attempt took. Not the body (it may hold anything), and not for an attempt that got no
//!   response (that is a [`RetryReason::Transport`] or the operation's error).
//! - [`Interceptor::on_retry`] runs each time the retry policy decides on another attempt,
//!   before the wait: why (a status or a transport error), which attempt failed, the wait.
//!   It may answer [`RetryDecision::Stop`]: the operation then ends with that attempt's
//!   outcome (the response, or the transport error), as when attempts run out. That is the
//!   place for a retry budget or a circuit breaker; it cannot make the client retry what the
//!   policy would not.
//!
//! With no interceptor configured, the send loop skips all of this (an empty-slice check).

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

use super::TransportError;

/// Code run at fixed points of every operation (see the [module documentation](self)).
///
/// Every method has a default that does nothing, so an implementation writes only the hooks
/// it needs. Object safe: the client holds interceptors as `dyn Interceptor`, shared by every
/// clone of the client and called from any task, hence `Send + Sync`. `Debug`, because the
/// client is; an interceptor holding a secret of its own must redact it there.
pub trait Interceptor: Send + Sync + fmt::Debug {
    /// Before each attempt, before credentials are added and the request signed: may add,
    /// change or remove headers.
    fn before_attempt(&self, request: &mut BeforeAttempt<'_>) {
        let _ = request;
    }

    /// After each response, whatever its status (read-only).
    fn after_response(&self, response: &AfterResponse<'_>) {
        let _ = response;
    }

    /// When an attempt failed and the policy would retry: [`RetryDecision::Retry`] (the
    /// default) lets it, [`RetryDecision::Stop`] ends the operation with that attempt.
    fn on_retry(&self, retry: &OnRetry<'_>) -> RetryDecision {
        let _ = retry;
        RetryDecision::Retry
    }
}

/// An interceptor behind an `Arc` is one too: the caller keeps a handle to read what it
/// counted (a metric) while the client holds the other.
impl<T: Interceptor + ?Sized> Interceptor for std::sync::Arc<T> {
    fn before_attempt(&self, request: &mut BeforeAttempt<'_>) {
        (**self).before_attempt(request);
    }

    fn after_response(&self, response: &AfterResponse<'_>) {
        (**self).after_response(response);
    }

    fn on_retry(&self, retry: &OnRetry<'_>) -> RetryDecision {
        (**self).on_retry(retry)
    }
}

/// Which operation a request belongs to: what hooks and trace spans identify it by.
///
/// The name is the spec's `operationId` as written (`ListUsers`), or the one the generator
/// derives from method and path when the spec gives none; the path template is the spec's
/// (`/networks/{networkId}/users`), never the filled path, whose segments may be ids or keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo<'a> {
    pub(crate) name: &'static str,
    pub(crate) method: &'a Method,
    pub(crate) path_template: &'static str,
}

impl OperationInfo<'_> {
    /// The spec's `operationId` (`ListUsers`); empty for a request that did not say (only
    /// hand-built ones: every generated operation does).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        self.method
    }

    /// The spec's path template, `/networks/{networkId}/users`.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }
}

/// What [`Interceptor::before_attempt`] sees and may change.
#[derive(Debug)]
pub struct BeforeAttempt<'a> {
    pub(crate) operation: OperationInfo<'a>,
    pub(crate) attempt: u32,
    pub(crate) url: &'a str,
    pub(crate) headers: &'a mut HeaderMap,
}

impl BeforeAttempt<'_> {
    /// The operation.
    pub fn operation(&self) -> OperationInfo<'_> {
        self.operation
    }

    /// Which attempt this is: 1, then 2, ... for retries.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The URL the attempt goes to, with the operation's query but without any API key
    /// (those are added after the interceptors).
    pub fn url(&self) -> &str {
        self.url
    }

    /// The headers so far: user agent, the operation's headers and cookies, content type;
    /// no credential.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The headers, to add or change some. A value must be visible ASCII (or the attempt
    /// fails before sending, naming the header); a credential header set here is replaced.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        self.headers
    }
}

/// What [`Interceptor::after_response`] sees.
#[derive(Debug, Clone, Copy)]
pub struct AfterResponse<'a> {
    pub(crate) operation: OperationInfo<'a>,
    pub(crate) attempt: u32,
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) elapsed: Duration,
}

impl AfterResponse<'_> {
    /// The operation.
    pub fn operation(&self) -> OperationInfo<'_> {
        self.operation
    }

    /// The attempt this response answers (1-based).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The response's status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response's headers (as the server sent them: a `set-cookie` among them is the
    /// caller's to keep out of logs).
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// How long the attempt took, from sending to the end of the body (for a body handed over
    /// as a stream, `send_streaming()`, to the end of the head).
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// What [`Interceptor::on_retry`] sees.
#[derive(Debug, Clone, Copy)]
pub struct OnRetry<'a> {
    pub(crate) operation: OperationInfo<'a>,
    pub(crate) attempt: u32,
    pub(crate) reason: RetryReason<'a>,
    pub(crate) delay: Duration,
}

impl OnRetry<'_> {
    /// The operation.
    pub fn operation(&self) -> OperationInfo<'_> {
        self.operation
    }

    /// The attempt that failed (1-based); the next one is `attempt() + 1`.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// Why it failed.
    pub fn reason(&self) -> RetryReason<'_> {
        self.reason
    }

    /// How long the client waits before the next attempt (backoff and `Retry-After`).
    pub fn delay(&self) -> Duration {
        self.delay
    }
}

/// Why an attempt is retried.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum RetryReason<'a> {
    /// A retryable status: 429, 500, 502, 503 or 504.
    Status(StatusCode),
    /// No connection, or no response in time.
    Transport(&'a TransportError),
}

/// What [`Interceptor::on_retry`] answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Go on with the next attempt, after the wait.
    Retry,
    /// Do not retry: the operation ends with the attempt that failed.
    Stop,
}

/// What `interceptors` decide on a retry: every one hears of it, in order (one may count
/// it), and any one may stop it.
pub(crate) fn retry_decision(interceptors: &[std::sync::Arc<dyn Interceptor>], retry: &OnRetry<'_>) -> RetryDecision {
    let mut decision = RetryDecision::Retry;
    for interceptor in interceptors {
        if interceptor.on_retry(retry) == RetryDecision::Stop {
            decision = RetryDecision::Stop;
        }
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[derive(Debug)]
    struct Veto(bool);

    impl Interceptor for Veto {
        fn on_retry(&self, _: &OnRetry<'_>) -> RetryDecision {
            if self.0 { RetryDecision::Stop } else { RetryDecision::Retry }
        }
    }

    #[test]
    fn any_interceptor_can_stop_a_retry_and_the_defaults_do_nothing() {
        let method = Method::GET;
        let retry = OnRetry {
            operation: OperationInfo { name: "ListUsers", method: &method, path_template: "/u" },
            attempt: 1,
            reason: RetryReason::Status(StatusCode::SERVICE_UNAVAILABLE),
            delay: Duration::ZERO,
        };
        let none: Vec<Arc<dyn Interceptor>> = Vec::new();
        assert_eq!(retry_decision(&none, &retry), RetryDecision::Retry);
        let allow: Vec<Arc<dyn Interceptor>> = vec![Arc::new(Veto(false)), Arc::new(Veto(false))];
        assert_eq!(retry_decision(&allow, &retry), RetryDecision::Retry);
        let stop: Vec<Arc<dyn Interceptor>> = vec![Arc::new(Veto(false)), Arc::new(Veto(true))];
        assert_eq!(retry_decision(&stop, &retry), RetryDecision::Stop);
        // The trait's defaults: no change to the headers.
        let mut headers = HeaderMap::new();
        let mut before = BeforeAttempt { operation: retry.operation, attempt: 1, url: "http://x/u", headers: &mut headers };
        Veto(true).before_attempt(&mut before);
        assert!(headers.is_empty());
    }
}
