//! Hostile-server tests (issue 10): generated clients against real servers on 127.0.0.1 that
//! misbehave on purpose (redirect across origins, answer a byte at a time, never answer, send
//! without end or announce 2 GiB, cycle their page tokens) and against bad configuration. Each
//! test is bounded in time ([`bounded`]) and in bytes (the servers of `sdkgen_tests::raw` stop
//! by themselves), and asserts the safe outcome.

mod headers;
mod limits;
mod metadata;
mod pagination;
mod redaction;
mod redirects;
mod server_variables;

use std::future::Future;
use std::time::Duration;

/// Every test finishes within this, or fails.
pub const BOUND: Duration = Duration::from_secs(6);

/// Runs `f`, failing the test if it takes longer than [`BOUND`].
pub async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(BOUND, f).await.expect("the client must give up on its own, in time")
}

/// A Commvault client for `url` with the token `QSDK SECRET-TOKEN` and no retries.
pub fn commvault(url: &str) -> commvault::ClientBuilder {
    commvault::Client::builder()
        .server_url(url)
        .token("QSDK SECRET-TOKEN")
        .retry(commvault::RetryConfig::disabled())
}

/// A Wickr client for `url`, with a session token, and no retries.
pub fn wickr(url: &str) -> wickr::ClientBuilder {
    wickr::Client::builder()
        .base_url(url)
        .region("us-east-1")
        .credentials(wickr::Credentials::new(
            "AKIDEXAMPLE",
            sdkgen_tests::fixtures::SECRET,
            Some("SECRET-SESSION-TOKEN".into()),
        ))
        .retry(wickr::RetryConfig::disabled())
}

/// Shows an error every way a user may print it, for asserting that no secret is in any:
/// `{}` (its own layer), the whole `source()` chain (as `anyhow`'s `{:#}` does), `{:?}`.
pub fn shown(value: &(impl std::error::Error + 'static)) -> String {
    format!("{value} / {} / {value:?}", sdkgen_runtime::DisplayErrorContext(value))
}
