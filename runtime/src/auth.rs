//! Authentication: API keys, HTTP basic and bearer authentication, and AWS Signature
//! Version 4.

use std::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::HeaderValue;

/// AWS credentials for SigV4. `Debug` never prints the secret or the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub(crate) access_key_id: String,
    pub(crate) secret_access_key: String,
    pub(crate) session_token: Option<String>,
}

impl Credentials {
    /// Credentials from an access key pair and an optional session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }

    /// Credentials from the standard environment variables `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and (optional) `AWS_SESSION_TOKEN`, if the first two are set.
    pub fn from_env() -> Option<Self> {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Some(Self::new(
            var("AWS_ACCESS_KEY_ID")?,
            var("AWS_SECRET_ACCESS_KEY")?,
            var("AWS_SESSION_TOKEN"),
        ))
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// A kind of credential an operation accepts, as [`Request::credentials`](super::Request::credentials)
/// lists them: the client sends those of its configured credentials that are listed, and no
/// others (a key for one scheme never goes to an operation that asks for another).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// The API key sent under this header, query parameter or cookie name.
    ApiKey(&'static str),
    /// HTTP basic authentication.
    Basic,
    /// A bearer token (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// AWS Signature Version 4.
    SigV4,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// In a request header.
    Header,
    /// In a query parameter.
    Query,
    /// In a cookie, sent in the same `cookie` header as the request's own cookies.
    Cookie,
}

/// An API key and where it is sent. `Debug` never prints the key.
#[derive(Clone)]
pub(crate) struct ApiKey {
    pub(crate) location: ApiKeyLocation,
    pub(crate) name: String,
    pub(crate) value: String,
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiKey")
            .field("location", &self.location)
            .field("name", &self.name)
            .field("value", &"** redacted **")
            .finish()
    }
}

/// HTTP authentication in the `authorization` header (OpenAPI `type: http`, and OAuth 2 /
/// OpenID Connect access tokens). `Debug` never prints the password or the token.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum HttpAuth {
    /// `Basic base64(username:password)` (RFC 7617).
    Basic { username: String, password: String },
    /// `Bearer <token>` (RFC 6750).
    Bearer(String),
}

impl HttpAuth {
    /// The `authorization` header value, marked sensitive (kept out of HTTP/2 header
    /// compression tables, and out of `HeaderValue`'s `Debug`). The error never holds the
    /// secret.
    pub(crate) fn header_value(&self) -> Result<HeaderValue, String> {
        let text = match self {
            HttpAuth::Basic { username, password } => {
                // RFC 7617: the first colon ends the user-id, so one inside it would move
                // the rest into the password.
                if username.contains(':') {
                    return Err(
                        "the basic-auth username contains `:`, which RFC 7617 forbids".into(),
                    );
                }
                format!("Basic {}", STANDARD.encode(format!("{username}:{password}")))
            }
            HttpAuth::Bearer(token) => format!("Bearer {token}"),
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| match self {
            HttpAuth::Basic { .. } => {
                "the basic-auth credentials are not a valid header value".to_owned()
            }
            HttpAuth::Bearer(_) => "the bearer token is not a valid header value".to_owned(),
        })?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for HttpAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HttpAuth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"** redacted **")
                .finish(),
            HttpAuth::Bearer(_) => f.debug_tuple("Bearer").field(&"** redacted **").finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_secrets() {
        let c = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
        let shown = format!("{c:?}");
        assert!(shown.contains("AKID"));
        assert!(!shown.contains("SECRET") && !shown.contains("TOKEN"), "{shown}");
        let key = ApiKey {
            location: ApiKeyLocation::Header,
            name: "Authtoken".into(),
            value: "QSDK abc".into(),
        };
        assert!(!format!("{key:?}").contains("QSDK"));
        let basic = HttpAuth::Basic {
            username: "alice".into(),
            password: "hunter2".into(),
        };
        let shown = format!("{basic:?}");
        assert!(shown.contains("alice") && !shown.contains("hunter2"), "{shown}");
        let bearer = HttpAuth::Bearer("tok-123".into());
        assert!(!format!("{bearer:?}").contains("tok-123"));
        let value = bearer.header_value().unwrap();
        assert!(value.is_sensitive());
        assert!(!format!("{value:?}").contains("tok-123"));
    }

    #[test]
    fn http_auth_header_values() {
        let basic = HttpAuth::Basic {
            username: "Aladdin".into(),
            password: "open sesame".into(),
        };
        // RFC 7617's example.
        assert_eq!(basic.header_value().unwrap(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let unicode = HttpAuth::Basic {
            username: "test".into(),
            password: "123\u{a3}".into(),
        };
        // RFC 7617 section 2.1's UTF-8 example.
        assert_eq!(unicode.header_value().unwrap(), "Basic dGVzdDoxMjPCow==");
        assert_eq!(
            HttpAuth::Bearer("mF_9.B5f-4.1JqM".into()).header_value().unwrap(),
            "Bearer mF_9.B5f-4.1JqM"
        );
        let colon = HttpAuth::Basic {
            username: "a:b".into(),
            password: "SECRET".into(),
        };
        assert!(colon.header_value().unwrap_err().contains("username"));
        let err = HttpAuth::Bearer("SECRET\nx".into()).header_value().unwrap_err();
        assert!(!err.contains("SECRET"), "{err}");
    }
}
