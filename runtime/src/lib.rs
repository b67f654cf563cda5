//! Run-time support for the SDK crates that `sdkgen` generates.
//!
//! Every generated crate needs the same plumbing: building and sending HTTP requests,
//! authenticating them (API keys, HTTP basic and bearer, AWS Signature Version 4), and turning
//! responses into typed results or errors. That code lives here once, as ordinary tested
//! Rust, instead of being pasted into each generated crate. Generated code only describes
//! *what* an operation sends and expects; this crate decides *how*.
//!
//! The pieces, in the order a request meets them:
//! - [`ClientBuilder`] / [`HttpClient`]: configuration (base URL, auth, timeout, user agent)
//!   and the [`transport`] (reqwest with rustls by default, the caller's own `reqwest::Client`,
//!   or any [`transport::Transport`]; `test_util`, behind the `test-util` feature, answers in
//!   process for tests);
//! - [`Request`]: one operation's method, encoded path, query (plain, lists in `form` style,
//!   `deepObject` objects), headers, cookies and body (JSON, [`form`]-urlencoded, raw bytes,
//!   [`Multipart`] form data);
//! - [`auth`]: API keys (header, query or cookie), HTTP basic and bearer authentication
//!   (bearer also carries OAuth 2 access tokens), and SigV4 signing;
//! - [`RawResponse`]: the status, headers and body that came back; [`Response`]: a success
//!   output with its status, headers and request id (`send_with_response()`);
//! - [`ResponseFuture`] / [`OutputFuture`]: what an operation's `send_with_response()` /
//!   `send()` return, one non-generic sending path for every operation;
//! - [`StreamFuture`] / [`ByteStream`]: what `send_streaming()` of an operation with a binary
//!   output returns, the body handed over as a stream of chunks as it arrives;
//! - [`Error`]: what an operation returns when it does not succeed, and [`ErrorMeta`], what
//!   every error tells about the response (status, request id, code, message, attempts);
//!   [`ErrorTable`], which documented error a response is, as data;
//! - [`aws`]: AWS rest-json error identification; [`aws_query`]: the AWS query protocols'
//!   spelling of lists and structures (`Filter.1.Name=x`, `Tags.member.1.Key=k`);
//! - [`interceptor`]: the user's code before each attempt, after each response and on each
//!   retry ([`ClientBuilder::interceptor`]); with the `tracing` feature, one span per
//!   operation and an event per retry (names, method, path template, status: no secret).
//!
//! Value types for members whose JSON string has a format: [`Base64`] (`format: byte`),
//! [`Rfc3339DateTime`] (`format: date-time`), [`Date`] (`format: date`), all in [`formats`];
//! and [`DateTime`], epoch seconds as the AWS protocols send them. The [`time`] crate they
//! wrap is re-exported.

pub mod auth;
pub mod aws;
pub mod aws_query;
mod builder;
mod byte_stream;
mod client;
pub mod enums;
mod epoch;
mod error;
mod error_meta;
mod error_table;
pub mod form;
pub mod formats;
pub mod interceptor;
pub mod limits;
mod members;
mod multipart;
mod operation;
mod output;
pub mod pagination;
pub mod path;
mod request;
mod response;
mod retry;
mod server;
pub mod structs;
pub mod style;
#[cfg(feature = "test-util")]
pub mod test_util;
pub mod transport;
mod unknown;
#[cfg(feature = "aws")]
mod sigv4;
#[cfg(feature = "tracing")]
mod spans;
#[cfg(feature = "aws")]
mod aws_builder;
#[cfg(feature = "aws")]
mod aws_credentials;
#[cfg(feature = "aws")]
mod aws_region;
#[cfg(feature = "aws-config")]
mod aws_sdk_config;

pub use auth::{Credential, Credentials};
pub use builder::ClientBuilder;
pub use byte_stream::{ByteStream, ByteStreamReader};
pub use client::HttpClient;
pub use epoch::DateTime;
pub use error::{BuildError, ConstructionError, CredentialsError, DecodeError, Error, RedirectError, TransportError};
/// [`Error`] under the name generated crates give it: their own `Error` is the crate-level
/// enum of every operation's errors.
pub use error::Error as SdkError;
pub use error_meta::{DisplayErrorContext, ErrorBody, ErrorMeta, ProvideErrorMeta, Unhandled};
pub use error_table::{ErrorRule, ErrorTable};
pub use limits::Redirects;
pub use members::{Member, MissingMembers};
pub use formats::{Base64, Date, Rfc3339DateTime};
pub use interceptor::Interceptor;
pub use multipart::Multipart;
pub use operation::{OutputFuture, ReadError, ReadOutput, ResponseFuture, StreamFuture};
pub use output::Response;
pub use request::{EncodedBody, Request};
pub use response::{RawResponse, ServiceError, WithRequestId};
pub use retry::RetryConfig;
pub use server::{ServerVariable, UrlPart};
pub use unknown::UnknownValue;

/// What `Debug` prints instead of a member the spec marks sensitive.
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A fresh idempotency token (a random UUID, version 4), for members the spec marks as one
/// when the caller gives none: retries of one call then carry the same token.
pub fn idempotency_token() -> String {
    let (high, low) = (random_u64(), random_u64());
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high.to_be_bytes());
    bytes[8..].copy_from_slice(&low.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// 64 random bits, without a random-number crate: each `RandomState` has fresh keys (random
/// per thread, then incremented), so hashing a constant with it gives a new value each call.
/// Good for tokens and boundaries that must not repeat or be guessed by accident; not for
/// cryptography.
pub(crate) fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(0);
    h.finish()
}

/// Re-exported for generated paginators.
pub use futures_core::Stream;

/// Re-exported so generated crates and their users name one version of these crates
/// (`reqwest` for [`ClientBuilder::http_client`]).
pub use {bytes, http, reqwest, time};
/// Re-exported for credentials providers (`ProvideCredentials`) of the same version.
#[cfg(feature = "aws")]
pub use aws_credential_types;
/// Re-exported for `SdkConfig` (`ClientBuilder::sdk_config`) of the same version.
#[cfg(feature = "aws-config")]
pub use aws_types;

#[cfg(test)]
mod tests {
    #[test]
    fn idempotency_tokens_are_fresh_v4_uuids() {
        let a = super::idempotency_token();
        let b = super::idempotency_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4", "{a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert!(a.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
