//! Which documented error an error response is: the classification of an error enum as data.
//!
//! A generated error enum holds its table as a `static` [`ErrorTable`] (rules of an error code
//! or a status, each naming a case by its index) and keeps only the typed step itself: from
//! the case [`ErrorTable::classify`] returns to its variant, with the body parsed by
//! [`ServiceError::parse`] (a body that does not parse gives the response back for the
//! catch-all). One interpreter for every enum of every crate, instead of a `match` per enum.

use serde::de::DeserializeOwned;

use super::{RawResponse, ServiceError, WithRequestId};

/// The classification table of an error enum: the first rule that matches a response
/// decides its case; none matching, the fallback does (the `default` response's case, or
/// `None`: the catch-all).
#[derive(Debug, Clone, Copy)]
pub struct ErrorTable {
    /// Whether the response's error code (AWS rest-json: `x-amzn-errortype`, the body's
    /// `code` / `__type`) is read and decides first.
    by_code: bool,
    rules: &'static [ErrorRule],
    fallback: Option<usize>,
}

/// One rule of an [`ErrorTable`]: what it matches, and the case (the index of the
/// documented error in the enum's order) it selects.
#[derive(Debug, Clone, Copy)]
pub struct ErrorRule {
    pattern: Pattern,
    case: usize,
}

#[derive(Debug, Clone, Copy)]
enum Pattern {
    Code(&'static str),
    Status(u16),
    /// The hundreds of the status: `4` for `4XX`.
    Range(u16),
}

impl ErrorRule {
    /// Selects `case` when the response's error code is `code`, whatever the status.
    pub const fn code(code: &'static str, case: usize) -> Self {
        Self { pattern: Pattern::Code(code), case }
    }

    /// Selects `case` when the status is `status` (and, in a table that reads codes, the
    /// response names no code: a code the table does not know is not told apart by status).
    pub const fn status(status: u16, case: usize) -> Self {
        Self { pattern: Pattern::Status(status), case }
    }

    /// Selects `case` when the status is in the range `class`XX (`4`: 400 to 499), with no
    /// code in a table that reads them. Generated tables put ranges after every exact status,
    /// as OpenAPI says an exact status takes precedence.
    pub const fn range(class: u16, case: usize) -> Self {
        Self { pattern: Pattern::Range(class), case }
    }
}

impl ErrorTable {
    /// A table of an API whose errors are told apart by status only (plain OpenAPI): the
    /// body is not read to classify.
    pub const fn by_status(rules: &'static [ErrorRule], fallback: Option<usize>) -> Self {
        Self { by_code: false, rules, fallback }
    }

    /// A table of an API whose responses name their error (AWS rest-json): the code decides
    /// first, a response without one is matched by its status.
    pub const fn by_code(rules: &'static [ErrorRule], fallback: Option<usize>) -> Self {
        Self { by_code: true, rules, fallback }
    }

    /// The case `response` is, or `None` for the catch-all.
    pub fn classify(&self, response: &RawResponse) -> Option<usize> {
        // Read from the whole body (before it is cut to what errors keep), as the AWS SDKs do.
        let code = if self.by_code { super::aws::error_code(response) } else { None };
        let status = response.status().as_u16();
        let matches = |rule: &&ErrorRule| match rule.pattern {
            Pattern::Code(c) => code.as_deref() == Some(c),
            Pattern::Status(s) => code.is_none() && s == status,
            Pattern::Range(class) => code.is_none() && status / 100 == class,
        };
        match self.rules.iter().find(matches) {
            Some(rule) => Some(rule.case),
            None => self.fallback,
        }
    }
}

impl<T: DeserializeOwned> ServiceError<T> {
    /// A documented error of `response`, its body parsed as `T` (an empty body as `{}`); a
    /// body that does not match gives the response back, bounded as errors keep it, for the
    /// error enum's catch-all.
    pub fn parse(response: RawResponse) -> Result<Self, RawResponse> {
        match response.parse_error_body::<Box<T>>() {
            Some(body) => Ok(response.with_body(body)),
            None => Err(response.retained()),
        }
    }
}

impl<T: WithRequestId> ServiceError<T> {
    /// [`ServiceError::parse`] for bodies that also carry the request id (AWS error bodies).
    pub fn parse_with_request_id(response: RawResponse) -> Result<Self, RawResponse> {
        match response.parse_error_body_with_request_id::<T>() {
            Some(body) => Ok(response.with_body(body)),
            None => Err(response.retained()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, HeaderValue, StatusCode};

    fn response(status: u16, code: Option<&'static str>, body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        if let Some(code) = code {
            headers.insert("x-amzn-errortype", HeaderValue::from_static(code));
        }
        headers.insert("x-amzn-requestid", HeaderValue::from_static("req-7"));
        let status = StatusCode::from_u16(status).expect("a status");
        RawResponse::new(status, headers, Bytes::from_static(body.as_bytes()))
    }

    /// Wickr's shape: each error by its code or, without a code, its status.
    static AWS: ErrorTable = ErrorTable::by_code(
        &[
            ErrorRule::code("BadRequestError", 0),
            ErrorRule::status(400, 0),
            ErrorRule::code("ResourceNotFoundError", 1),
            ErrorRule::status(404, 1),
        ],
        None,
    );

    #[test]
    fn the_code_decides_before_the_status() {
        assert_eq!(AWS.classify(&response(400, Some("ResourceNotFoundError"), "")), Some(1));
        // Namespace and suffix stripped, from the body when there is no header.
        let body = r#"{"__type":"com.amazon.wickr#BadRequestError"}"#;
        assert_eq!(AWS.classify(&response(404, None, body)), Some(0));
    }

    #[test]
    fn without_a_code_the_status_decides_and_an_unknown_code_is_the_catch_all() {
        assert_eq!(AWS.classify(&response(404, None, "{}")), Some(1));
        assert_eq!(AWS.classify(&response(404, Some("SomethingElse"), "")), None);
        assert_eq!(AWS.classify(&response(500, None, "")), None);
    }

    #[test]
    fn a_status_table_reads_no_code_and_the_first_rule_wins() {
        static HTTP: ErrorTable = ErrorTable::by_status(&[ErrorRule::status(404, 2), ErrorRule::status(404, 0)], Some(1));
        assert_eq!(HTTP.classify(&response(404, Some("Other"), r#"{"code":"Other"}"#)), Some(2));
        // Nothing matching: the `default` response's case.
        assert_eq!(HTTP.classify(&response(503, None, "")), Some(1));
        let empty = ErrorTable::by_status(&[], None);
        assert_eq!(empty.classify(&response(404, None, "")), None);
    }

    #[test]
    fn ranges_match_after_exact_statuses() {
        static RANGES: ErrorTable = ErrorTable::by_status(
            &[ErrorRule::status(404, 0), ErrorRule::range(4, 1), ErrorRule::range(5, 2)],
            Some(3),
        );
        assert_eq!(RANGES.classify(&response(404, None, "")), Some(0));
        assert_eq!(RANGES.classify(&response(400, None, "")), Some(1));
        assert_eq!(RANGES.classify(&response(499, None, "")), Some(1));
        assert_eq!(RANGES.classify(&response(503, None, "")), Some(2));
        assert_eq!(RANGES.classify(&response(302, None, "")), Some(3));
        // In a table that reads codes, a range is for responses without one.
        static CODED: ErrorTable = ErrorTable::by_code(&[ErrorRule::code("Throttled", 0), ErrorRule::range(4, 1)], None);
        assert_eq!(CODED.classify(&response(429, Some("Throttled"), "")), Some(0));
        assert_eq!(CODED.classify(&response(429, Some("Other"), "")), None);
        assert_eq!(CODED.classify(&response(418, None, "")), Some(1));
    }

    #[derive(Debug, serde::Deserialize)]
    struct Problem {
        message: Option<String>,
        #[serde(skip)]
        request_id: Option<String>,
    }

    impl WithRequestId for Problem {
        fn set_request_id(&mut self, request_id: Option<String>) {
            self.request_id = request_id;
        }
    }

    #[test]
    fn a_body_is_parsed_with_its_response_or_the_response_comes_back_bounded() {
        let e = ServiceError::<Problem>::parse(response(404, None, r#"{"message":"gone"}"#)).expect("parses");
        assert_eq!(e.message.as_deref(), Some("gone"));
        assert_eq!((e.status().as_u16(), e.request_id(), e.request_id.as_deref()), (404, Some("req-7"), None));
        let e = ServiceError::<Problem>::parse_with_request_id(response(404, None, "  ")).expect("empty is {}");
        assert_eq!((e.message.as_deref(), e.request_id.as_deref()), (None, Some("req-7")));

        let big = Box::leak(format!("[{}]", "1,".repeat(super::super::limits::RETAINED_ERROR_BODY)).into_boxed_str());
        let back = ServiceError::<Problem>::parse(response(404, None, big)).expect_err("a list is no Problem");
        assert!(back.is_truncated());
        assert_eq!(back.body().len(), super::super::limits::RETAINED_ERROR_BODY);
        assert!(ServiceError::<Problem>::parse_with_request_id(response(404, None, "<html>")).is_err());
    }
}
