//! End-to-end tests: the generated clients (`generated/wickr`, `generated/commvault`) against a
//! real HTTP server on 127.0.0.1 (`sdkgen_tests::TestServer`), per API. One test binary
//! (`cargo test -p sdkgen-tests --test e2e`), so the big generated crates are linked once.
//!
//! Not here: `../e2e_wickr_credentials_from_env.rs`, which sets process-wide environment
//! variables and so is a test binary of its own.

use std::time::Duration;

/// The Wickr client of these tests: the test server's URL, the fixed test credentials
/// (`fixtures::SECRET`, which no output may show), a 10 s timeout, and `retry`.
fn wickr_client(server: &sdkgen_tests::TestServer, retry: wickr::RetryConfig) -> wickr::Client {
    wickr::Client::builder()
        .base_url(server.url())
        .region("us-east-1")
        .credentials(wickr::Credentials::new("AKIDEXAMPLE", sdkgen_tests::fixtures::SECRET, None))
        .timeout(Duration::from_secs(10))
        .retry(retry)
        .build()
        .expect("valid configuration")
}

/// The default retries with a 1 ms first backoff, so that tests of retries do not wait.
fn fast_retries() -> wickr::RetryConfig {
    wickr::RetryConfig::default().with_initial_backoff(Duration::from_millis(1))
}

/// Every one of the 44 Wickr operations on the wire: request line, body, signature, token,
/// and the parsed output.
mod wickr_every_operation;

/// Wickr credentials from a provider: cached, refreshed before they expire, typed failures.
mod wickr_credentials_provider;

/// The Wickr client's behaviour around one operation: every field parsed, SigV4 signing,
/// path encoding, error classification, retries, timeouts and transport errors.
mod wickr_client_behaviour;

/// A body's members set on the request builder and the types' builders: the JSON sent, the
/// members missing, `.body(v)` with setters.
mod wickr_body_members;

/// The Commvault client's `GetUserGroupDetails`: the documented example parsed field by
/// field, the headers sent, documented and undocumented errors, unknown enum values.
mod commvault_user_group_details;

/// `send_with_response()`: status, headers and request id beside the output (Wickr's
/// `x-amzn-requestid`, Commvault's `x-request-id`); AWS outputs' `request_id()`.
mod outputs;
/// Errors as aws-sdk-rust users expect them: one message per layer through `source()`,
/// `is_*`, `code()`, `message()`, `meta()`, and the crate-level `Error` across operations.
mod error_chain;

/// Interceptors on the wire: a header they add is signed (SigV4), the hooks see every
/// attempt, status and retry, and can stop retrying.
mod interceptors;

/// The `tracing` feature: one span per operation, its fields, an event per retry, no secret.
mod tracing_spans;

/// Where requests go: the caller's `reqwest::Client` (through a recording proxy), a custom
/// `Transport` (signed requests, the body limit), the runtime's `TestTransport` (no socket).
mod transport;

/// The generated structs' written-out serde (`sdkgen_runtime::structs`): what the derives
/// did (wire names, unknown members skipped, `missing field`, optional members left out,
/// `request_id` not part of the body), and what differs (no JSON array as a struct).
mod struct_serde;
