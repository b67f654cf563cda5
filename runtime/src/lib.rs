//! Run-time support for the SDK crates that `sdkgen` generates.
//!
//! Every generated crate needs the same plumbing: building and sending HTTP requests,
//! authenticating them (API keys, AWS Signature Version 4), and turning responses into typed
//! results or errors. That code lives here once, as ordinary tested Rust, instead of being
//! pasted into each generated crate. Generated code only describes *what* an operation sends
//! and expects; this crate decides *how*.
//!
//! The pieces, in the order a request meets them:
//! - [`ClientBuilder`] / [`HttpClient`]: configuration (base URL, auth, timeout, user agent)
//!   and the transport (reqwest with rustls);
//! - [`Request`]: one operation's method, encoded path, query, headers and body;
//! - [`auth`]: API keys and SigV4 signing;
//! - [`RawResponse`]: the status, headers and body that came back;
//! - [`Error`]: what an operation returns when it does not succeed;
//! - [`aws`]: AWS rest-json error identification.

pub mod auth;
pub mod aws;
mod client;
mod error;
pub mod path;
mod request;
mod response;
mod retry;

pub use auth::Credentials;
pub use client::{ClientBuilder, HttpClient};
pub use error::{BuildError, ConstructionError, DecodeError, Error, TransportError};
pub use request::Request;
pub use response::RawResponse;
pub use retry::RetryConfig;

/// Re-exported so generated crates and their users name one version of these crates.
pub use {bytes, http};
