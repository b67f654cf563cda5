//! Retries: which failures are worth another attempt, and how long to wait before it.
//!
//! The policy is the AWS SDKs' "standard" mode: at most 3 attempts; retry throttling (429)
//! and transient server errors (500, 502, 503, 504) and failures to connect or to get a
//! response in time; never other 4xx, which would fail the same way again. The wait before
//! attempt `n + 1` is "full jitter" exponential backoff, a random duration between zero and
//! `min(max_backoff, initial_backoff * 2^(n-1))`, and at least what a `Retry-After` header
//! asks for (capped at `max_backoff`, so a server cannot park the client).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

use http::StatusCode;

use super::RawResponse;

/// How a client retries. `RetryConfig::default()` is the AWS standard policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryConfig {
    /// No retries: one attempt per operation.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Attempts per operation, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff ceiling before the first retry; it doubles with each further one.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between two attempts, `Retry-After` included.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Attempts per operation.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait after failed attempt number `attempt` (1-based); `retry_after` is what the
    /// server asked for, if anything.
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exponent = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        let jittered = ceiling.mul_f64(random_fraction());
        jittered.max(retry_after.unwrap_or_default()).min(self.max_backoff)
    }
}

/// Whether a response is worth another attempt.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// What a `Retry-After` header asks for: delay-seconds or an HTTP date.
pub(crate) fn retry_after(response: &RawResponse) -> Option<Duration> {
    let value = response.header("retry-after")?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

/// A random number in [0, 1). Jitter needs no more than std's randomly seeded hasher.
fn random_fraction() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn backoff_grows_exponentially_within_its_ceiling() {
        let config = RetryConfig::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        for _ in 0..200 {
            assert!(config.delay(1, None) <= Duration::from_millis(100));
            assert!(config.delay(2, None) <= Duration::from_millis(200));
            assert!(config.delay(3, None) <= Duration::from_millis(350));
            assert!(config.delay(40, None) <= Duration::from_millis(350));
        }
        // Jitter: not always the ceiling.
        let delays: std::collections::HashSet<_> = (0..50).map(|_| config.delay(1, None)).collect();
        assert!(delays.len() > 10, "{delays:?}");
    }

    #[test]
    fn retry_after_is_a_floor_capped_by_the_maximum() {
        let config = RetryConfig::default().with_max_backoff(Duration::from_secs(5));
        assert!(config.delay(1, Some(Duration::from_secs(2))) >= Duration::from_secs(2));
        assert_eq!(config.delay(1, Some(Duration::from_secs(60))), Duration::from_secs(5));
    }

    #[test]
    fn reads_retry_after_seconds_and_dates() {
        let response = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert("retry-after", HeaderValue::from_static(value));
            RawResponse::new(StatusCode::TOO_MANY_REQUESTS, headers, Bytes::new())
        };
        assert_eq!(retry_after(&response("3")), Some(Duration::from_secs(3)));
        // A date in the past asks for no wait at all.
        assert_eq!(retry_after(&response("Thu, 01 Jan 1970 00:00:00 GMT")), Some(Duration::ZERO));
        assert_eq!(retry_after(&response("soon")), None);
    }

    #[test]
    fn only_throttling_and_transient_server_errors_are_retried() {
        for s in [429, 500, 502, 503, 504] {
            assert!(is_retryable_status(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        for s in [200, 400, 401, 403, 404, 409, 422, 501] {
            assert!(!is_retryable_status(StatusCode::from_u16(s).unwrap()), "{s}");
        }
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(RetryConfig::default().with_max_attempts(0).max_attempts(), 1);
    }
}
