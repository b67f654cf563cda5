//! The safety defaults of every generated client: how long it waits, how much it reads, which
//! redirects it follows. Each can be changed on the client builder; the README's "Safety
//! defaults" section lists them with their setters.
//!
//! They exist because a client talks to servers (and proxies, and load balancers) it does not
//! control: without them, a server that accepts and never answers keeps a call pending for
//! ever, one that sends without end fills memory, and a redirect hands credentials to whoever
//! the `Location` names.

use std::time::Duration;

/// Opening a TCP (and TLS) connection: [`super::ClientBuilder::connect_timeout`]. Generous
/// for a slow network, short enough that a black-holed address fails while a retry can help.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest wait for the next bytes of a response (its head, then each part of its body)
/// before the attempt fails as stalled: [`super::ClientBuilder::read_timeout`]. It restarts
/// whenever bytes arrive, so it bounds silence, not slowness.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// The whole of one attempt, connecting to the end of the body:
/// [`super::ClientBuilder::timeout`]. A server that drips a byte every few seconds never
/// trips [`READ_TIMEOUT`]; this bounds it, so with the defaults no call waits for ever (at
/// most the retry policy's attempts times this, plus the backoff between them).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(120);

/// The largest response body read: [`super::ClientBuilder::max_response_bytes`]. Far above
/// any JSON page these APIs return, far below what would hurt a process.
pub const MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// How much of a body an error keeps ([`super::DecodeError`], an error response in a
/// service error): enough to see what went wrong, not a copy of a huge response.
pub const RETAINED_ERROR_BODY: usize = 64 * 1024;

/// Redirects followed within one attempt under [`Redirects::SameOrigin`].
pub const MAX_REDIRECTS: usize = 10;

/// Which redirects a client follows ([`super::ClientBuilder::redirects`]).
///
/// Never one to another origin (scheme, host and port): the request carries credentials
/// (API keys, tokens, signatures, cookies) and a body that are meant for this server alone,
/// and a server, a proxy or whoever controls a `Location` could collect them. A redirect not
/// followed is [`super::Error::Redirect`], keeping its status and `Location`. No `Referer` is
/// ever sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Redirects {
    /// Follow redirects to the same origin, at most [`MAX_REDIRECTS`] in a row (a 303, or a
    /// 301 / 302 after a POST, continues as a GET without the body, as browsers do). The
    /// default for APIs other than AWS.
    #[default]
    SameOrigin,
    /// Follow none. AWS clients use this, as the AWS SDKs do: a signed request is valid for
    /// one URL only, and AWS APIs do not redirect.
    None,
}
