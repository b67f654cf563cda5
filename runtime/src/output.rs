//! A successful operation's output with the response it came in: what `send_with_response()`
//! returns (progenitor's `ResponseValue`, the AWS SDKs' raw response beside the output).
//!
//! `send()` is `send_with_response()` with the metadata dropped, so both read a response the
//! same way; the conversions from a [`RawResponse`] are here, once, and each generated
//! operation only says which one its success body needs.

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::error::{DecodeError, Error};
use super::response::{request_id_of, RawResponse, WithRequestId};

/// An operation's output (`T`) with the status and headers of the response it came in.
///
/// Reads as the output: `response.users` is the body's `users` (it derefs to `T`).
#[derive(Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// An output and the head of its response.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self { status, headers, body }
    }

    /// The HTTP status (a 2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value, if present and valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The id the service gave the request, to quote in a support case: the first of the
    /// headers `x-amzn-requestid` (AWS), `x-amz-request-id` (S3 and older AWS services) and
    /// `x-request-id` (the common convention of other APIs) that the response has.
    pub fn request_id(&self) -> Option<&str> {
        request_id_of(&self.headers)
    }

    /// The output.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The output, by value (what `send()` returns).
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and output, by value.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }

    /// The same response with its output converted (an operation of several success
    /// statuses wraps each body in its variant).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response::new(self.status, self.headers, f(self.body))
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Response<T> {
    /// The output as its type prints it (sensitive members redacted), the status and the
    /// request id; not the other headers, which may carry cookies.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("body", &self.body)
            .finish()
    }
}

/// The success bodies an operation can have, read from a [`RawResponse`].
impl RawResponse {
    /// A JSON body parsed as `T`; a mismatch becomes [`Error::Decode`] keeping the response.
    pub fn json_output<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        match serde_json::from_slice(self.body()) {
            Ok(body) => Ok(self.into_response(body)),
            Err(e) => Err(Error::Decode(DecodeError::new(self, e.to_string()))),
        }
    }

    /// Like [`RawResponse::json_output`], for outputs that also carry the request id
    /// (AWS outputs, as the AWS SDKs' `request_id()`).
    pub fn json_output_with_request_id<T: WithRequestId, E>(self) -> Result<Response<T>, Error<E>> {
        let mut response = self.json_output::<T, E>()?;
        let id = response.request_id().map(str::to_owned);
        response.body.set_request_id(id);
        Ok(response)
    }

    /// The body's bytes as they are (`format: binary`, `application/octet-stream`).
    pub fn bytes_output(self) -> Response<Vec<u8>> {
        let body = self.body().to_vec();
        self.into_response(body)
    }

    /// The body as text (`text/plain`, `text/csv`, XML): UTF-8, any invalid sequence
    /// replaced by U+FFFD rather than failing (the body is already bounded by the client's
    /// size limit).
    pub fn text_output(self) -> Response<String> {
        let body = String::from_utf8_lossy(self.body()).into_owned();
        self.into_response(body)
    }

    /// No body is read (the spec documents none).
    pub fn empty_output(self) -> Response<()> {
        self.into_response(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderValue;

    #[derive(Debug, serde::Deserialize)]
    struct Out {
        name: String,
        #[serde(skip)]
        request_id: Option<String>,
    }

    impl WithRequestId for Out {
        fn set_request_id(&mut self, request_id: Option<String>) {
            self.request_id = request_id;
        }
    }

    fn raw(body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-amzn-requestid", HeaderValue::from_static("req-7"));
        headers.insert("set-cookie", HeaderValue::from_static("sid=SECRET"));
        RawResponse::new(StatusCode::CREATED, headers, Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn an_output_keeps_status_headers_and_request_id() {
        let response = raw(r#"{"name":"a"}"#).json_output_with_request_id::<Out, ()>().expect("parses");
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(response.request_id(), Some("req-7"));
        assert_eq!(response.name, "a");
        assert_eq!(response.body().request_id.as_deref(), Some("req-7"));
        let shown = format!("{response:?}");
        assert!(shown.contains("req-7") && !shown.contains("SECRET"), "{shown}");
        let (status, headers, body) = response.into_parts();
        assert_eq!((status.as_u16(), headers.len(), body.name.as_str()), (201, 2, "a"));
    }

    #[test]
    fn a_body_that_does_not_match_is_a_decode_error() {
        let err = raw(r#"{"nom":"a"}"#).json_output::<Out, ()>().map(|_| ()).expect_err("mismatch");
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
        assert_eq!(raw("xy").bytes_output().into_body(), b"xy");
        assert_eq!(raw("a,b\n1,2").text_output().into_body(), "a,b\n1,2");
        assert_eq!(raw("").empty_output().map(|()| 5).into_body(), 5);
    }
}
