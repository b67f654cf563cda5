//! AWS rest-json error identification.
//!
//! AWS services name the error in the `x-amzn-errortype` header or, failing that, in the
//! body's `code` or `__type` member. The name may carry a namespace
//! (`com.amazon.wickr#ResourceNotFoundError`) or a `:`-suffix
//! (`ResourceNotFoundError:http://internal.amazon.com/...`); both are stripped. This is what
//! the official AWS SDKs do; generated code then falls back to the documented error of the
//! status when no name is given at all.

use super::RawResponse;

/// The error code of an AWS rest-json error response, if it names one.
pub fn error_code(response: &RawResponse) -> Option<String> {
    if let Some(header) = response.header("x-amzn-errortype") {
        return sanitize(header);
    }
    let body: serde_json::Value = serde_json::from_slice(response.body()).ok()?;
    let object = body.as_object()?;
    ["code", "__type"]
        .iter()
        .find_map(|key| object.get(*key)?.as_str())
        .and_then(sanitize)
}

fn sanitize(raw: &str) -> Option<String> {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    let name = without_suffix
        .rsplit('#')
        .next()
        .unwrap_or(without_suffix)
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, HeaderValue, StatusCode};

    fn response(header: Option<&'static str>, body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        if let Some(h) = header {
            headers.insert("x-amzn-errortype", HeaderValue::from_static(h));
        }
        RawResponse::new(StatusCode::NOT_FOUND, headers, Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn header_wins_and_is_stripped() {
        let r = response(
            Some("ResourceNotFoundError:http://internal.amazon.com/coral/com.amazon.wickr/"),
            r#"{"code":"Other"}"#,
        );
        assert_eq!(error_code(&r).as_deref(), Some("ResourceNotFoundError"));
    }

    #[test]
    fn body_code_then_namespaced_type() {
        let r = response(None, r#"{"code":"ResourceNotFoundError","message":"m"}"#);
        assert_eq!(error_code(&r).as_deref(), Some("ResourceNotFoundError"));
        let r = response(None, r#"{"__type":"com.amazon.wickr#ResourceNotFoundError"}"#);
        assert_eq!(error_code(&r).as_deref(), Some("ResourceNotFoundError"));
    }

    #[test]
    fn nothing_named() {
        assert_eq!(error_code(&response(None, r#"{"message":"m"}"#)), None);
        assert_eq!(error_code(&response(None, "")), None);
        assert_eq!(error_code(&response(None, "<html>")), None);
        assert_eq!(error_code(&response(Some(""), "")), None);
    }
}
