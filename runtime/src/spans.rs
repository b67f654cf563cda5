//! Tracing (the `tracing` feature): one span per operation, an event per retry.
//!
//! The span, `operation` (target `sdkgen_runtime`, level INFO), covers the whole of
//! [`super::HttpClient::send`]: every attempt, the waits between them and the reading of the
//! response (for an operation's `send_streaming()`, until a success body is handed over as
//! a [`super::ByteStream`]: reading the stream is the caller's, after the span). Its fields:
//!
//! | field | value |
//! |---|---|
//! | `operation` | the spec's `operationId` (`ListUsers`) |
//! | `method` | `GET`, ... |
//! | `path_template` | the spec's path, `/networks/{networkId}/users` |
//! | `attempts` | attempts sent (when known: not for a request that could not be built) |
//! | `status` | the final response's status, when one came |
//! | `request_id` | the final response's request id (see [`super::RawResponse::request_id`]) |
//! | `duration_ms` | the whole operation, in milliseconds |
//! | `error` | when it failed: `construction`, `timeout`, `connect`, `too_large`, `transport`, `redirect` |
//!
//! Each retry is an INFO event `retry` inside the span: `attempt` (the one that failed),
//! `reason` (`status`, `timeout` or `connect`), `status` (for `reason = status`),
//! `delay_ms`, and `stopped` (an interceptor stopped it).
//!
//! What is never recorded, by construction (every value is one of the above, none comes
//! from the caller's data): the filled path and the query (their values may be ids, API
//! keys or tokens), header values, bodies, credentials, error messages. A span is opened
//! only through this module, which the feature leaves out entirely when it is off.

use std::future::Future;
use std::time::Instant;

use tracing::field::Empty;
use tracing::{Instrument, Span};

use super::interceptor::{OnRetry, OperationInfo, RetryDecision, RetryReason};
use super::client::Arrived;
use super::{Error, TransportError};

/// The operation's span, its outcome fields still empty.
pub(crate) fn operation(operation: OperationInfo<'_>) -> Span {
    tracing::info_span!(
        target: "sdkgen_runtime",
        "operation",
        operation = operation.name(),
        method = operation.method().as_str(),
        path_template = operation.path_template(),
        attempts = Empty,
        status = Empty,
        request_id = Empty,
        duration_ms = Empty,
        error = Empty,
    )
}

/// Runs `sending` inside `span`, then records its outcome there.
pub(crate) async fn traced<E>(
    span: Span,
    sending: impl Future<Output = Result<Arrived, Error<E>>>,
) -> Result<Arrived, Error<E>> {
    let started = Instant::now();
    let result = sending.instrument(span.clone()).await;
    let millis = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    span.record("duration_ms", millis);
    // Recorded from the outcome rather than as attempts start: a field set through
    // `Span::current()` depends on the subscriber tracking the current span.
    let response = match &result {
        Ok(arrived) => {
            let attempts = match arrived {
                Arrived::Read(response) => response.attempts(),
                Arrived::Streaming(_, attempts) => *attempts,
            };
            Some((attempts, arrived.status(), arrived.headers()))
        }
        Err(Error::Redirect(e)) => {
            span.record("error", "redirect");
            Some((e.response().attempts(), e.response().status(), e.response().headers()))
        }
        Err(Error::Transport(e)) => {
            span.record("error", transport_kind(e));
            span.record("attempts", e.attempts());
            if let Some(status) = e.status() {
                span.record("status", status.as_u16());
            }
            None
        }
        Err(Error::Construction(_)) => {
            span.record("error", "construction");
            None
        }
        // `send` itself gives no other error: decoding and classification come after it.
        Err(_) => None,
    };
    if let Some((attempts, status, headers)) = response {
        span.record("attempts", attempts);
        span.record("status", status.as_u16());
        if let Some(id) = super::response::request_id_of(headers) {
            span.record("request_id", id);
        }
    }
    result
}

/// The event of a retry decision.
pub(crate) fn retry(retry: &OnRetry<'_>, decision: RetryDecision) {
    let delay_ms = u64::try_from(retry.delay().as_millis()).unwrap_or(u64::MAX);
    let stopped = decision == RetryDecision::Stop;
    match retry.reason() {
        RetryReason::Status(status) => tracing::info!(
            target: "sdkgen_runtime",
            attempt = retry.attempt(),
            reason = "status",
            status = status.as_u16(),
            delay_ms,
            stopped,
            "retry"
        ),
        RetryReason::Transport(e) => tracing::info!(
            target: "sdkgen_runtime",
            attempt = retry.attempt(),
            reason = transport_kind(e),
            delay_ms,
            stopped,
            "retry"
        ),
    }
}

/// A transport error as one word (its message is not recorded: it is prose, and names
/// the host).
fn transport_kind(e: &TransportError) -> &'static str {
    if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connect"
    } else if e.is_too_large() {
        "too_large"
    } else {
        "transport"
    }
}
