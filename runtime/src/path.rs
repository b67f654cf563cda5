//! Percent-encoding of path and query values.
//!
//! Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, `/`
//! included: a path parameter is one segment, whatever it contains. This is what the AWS
//! rest-json protocol sends, and what a SigV4-verifying server expects.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::ConstructionError;

/// Characters encoded in a path segment or query component: all but the unreserved ones.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes one path parameter as a single path segment.
///
/// Refuses, before anything is sent, values that would change which resource the path names:
/// - an empty value, which would leave `//` in the path (the AWS SDK refuses it too);
/// - `.` and `..`, which every URL parser and proxy resolves as "this" and "parent" directory.
///   They cannot be escaped: URL parsers treat `%2E%2E` as `..` as well. (The official AWS SDK
///   sends `..` as is, so the request may reach the parent resource.)
pub fn segment(parameter: &str, value: &str) -> Result<String, ConstructionError> {
    match value {
        "" => Err(ConstructionError::new(format!(
            "path parameter `{parameter}` is empty"
        ))),
        "." | ".." => Err(ConstructionError::new(format!(
            "path parameter `{parameter}` is `{value}`, which URL parsers resolve as a \
             relative path segment; it cannot be sent"
        ))),
        _ => Ok(utf8_percent_encode(value, COMPONENT).to_string()),
    }
}

/// Encodes a query parameter name or value.
pub fn query_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(segment("g", "a/b c?").unwrap(), "a%2Fb%20c%3F");
        assert_eq!(segment("g", "..%2Fx").unwrap(), "..%252Fx");
        assert_eq!(segment("g", "../x").unwrap(), "..%2Fx");
        assert_eq!(
            segment("g", "!$&'()*+,;=:@%~-._ é#[]").unwrap(),
            "%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%25~-._%20%C3%A9%23%5B%5D"
        );
    }

    #[test]
    fn refuses_values_that_change_the_path() {
        for bad in ["", ".", ".."] {
            let err = segment("group_id", bad).unwrap_err();
            assert!(err.message().contains("group_id"), "{err}");
        }
        assert_eq!(segment("g", "...").unwrap(), "...");
    }

    #[test]
    fn query_components_use_percent_twenty_for_space() {
        assert_eq!(query_component("a b&c=d"), "a%20b%26c%3Dd");
    }
}
