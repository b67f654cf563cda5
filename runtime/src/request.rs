//! One operation's request, as generated code describes it.

use std::fmt::Display;

use bytes::Bytes;
use http::Method;
use serde::Serialize;

use crate::ConstructionError;

/// What an operation sends: method, encoded path, query, headers and body.
///
/// Generated code builds one per call; [`crate::HttpClient::send`] adds the base URL, the
/// user agent and authentication, then sends it.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    pub(crate) body: Option<(&'static str, Bytes)>,
    pub(crate) authenticated: bool,
    pub(crate) retryable: bool,
}

impl Request {
    /// A request for `path`, which must already be encoded (see [`crate::path::segment`]).
    ///
    /// It is retried on transient failures when its method is idempotent (GET, HEAD, PUT,
    /// DELETE, OPTIONS); see [`Request::retryable`].
    pub fn new(method: Method, path: String) -> Self {
        let retryable = method.is_idempotent();
        Self {
            method,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            authenticated: true,
            retryable,
        }
    }

    /// Whether a transient failure may be retried. AWS operations are, whatever their
    /// method (as the AWS SDKs do: their writes carry idempotency tokens).
    pub fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Adds a query parameter; it is sent in the order added.
    pub fn query(mut self, name: &str, value: impl Display) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a query parameter when it has a value.
    pub fn query_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Adds a header. Its value is checked when the request is sent.
    pub fn header(mut self, name: &'static str, value: impl Display) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Adds a header when it has a value.
    pub fn header_opt(self, name: &'static str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.header(name, v),
            None => self,
        }
    }

    /// Sets a JSON body.
    pub fn json_body<T: Serialize>(mut self, body: &T) -> Result<Self, ConstructionError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| ConstructionError::new(format!("the request body is not JSON: {e}")))?;
        self.body = Some(("application/json", Bytes::from(bytes)));
        Ok(self)
    }

    /// Sends this request without credentials (the operation's spec says it needs none).
    pub fn without_auth(mut self) -> Self {
        self.authenticated = false;
        self
    }
}
