//! The response as it came back, before it is given a type.

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error};

/// An error body that keeps the id of the request that failed beside its members.
pub trait WithRequestId: DeserializeOwned {
    /// Records the request id of the response the body came in.
    fn set_request_id(&mut self, request_id: Option<String>);
}

/// An HTTP response read to its end: status, headers and body.
///
/// Error enums keep one of these in their catch-all variant (and in variants of documented
/// errors that have no body schema), so nothing the server said is lost.
///
/// Boxed inside, so that error enums holding one stay small (clippy's `result_large_err`).
#[derive(Debug, Clone)]
pub struct RawResponse {
    parts: Box<Parts>,
}

#[derive(Debug, Clone)]
struct Parts {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            parts: Box::new(Parts {
                status,
                headers,
                body,
            }),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.parts.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.parts.headers
    }

    /// A header's value, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.parts.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The id the service gave the request (`x-amzn-requestid`, `x-amz-request-id` or
    /// `x-request-id`), to quote in a support case.
    pub fn request_id(&self) -> Option<&str> {
        ["x-amzn-requestid", "x-amz-request-id", "x-request-id"]
            .iter()
            .find_map(|name| self.header(name))
    }

    /// The body bytes.
    pub fn body(&self) -> &Bytes {
        &self.parts.body
    }

    /// The body as text, with invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.parts.body).into_owned()
    }

    /// Parses a success body as JSON; a mismatch becomes [`Error::Decode`] keeping the response.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<T, Error<E>> {
        match serde_json::from_slice(&self.parts.body) {
            Ok(value) => Ok(value),
            Err(e) => Err(Error::Decode(DecodeError::new(self, e.to_string()))),
        }
    }

    /// Like [`RawResponse::parse_error_body`], for bodies that also carry the request id.
    pub fn parse_error_body_with_request_id<T: WithRequestId>(&self) -> Option<Box<T>> {
        let mut body: Box<T> = self.parse_error_body()?;
        body.set_request_id(self.request_id().map(str::to_owned));
        Some(body)
    }

    /// Parses an error body as JSON, or `None` when it does not match: the caller then keeps
    /// the raw response in its catch-all variant rather than failing.
    pub fn parse_error_body<T: DeserializeOwned>(&self) -> Option<T> {
        // An error response with an empty body still matches a body schema whose members are
        // all optional: parse it as `{}`.
        let body: &[u8] = if self.parts.body.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &self.parts.body
        };
        serde_json::from_slice(body).ok()
    }
}

impl std::fmt::Display for RawResponse {
    /// The status and the start of the body: enough to recognise it in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 200;
        let text = self.text();
        let mut cut = text.len().min(SHOWN);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        write!(f, "status {}", self.parts.status)?;
        if !text.is_empty() {
            write!(f, ", body {:?}", &text[..cut])?;
            if cut < text.len() {
                write!(f, " (+{} bytes)", text.len() - cut)?;
            }
        }
        Ok(())
    }
}
