//! Where requests go and how they are authenticated: the server and the security schemes.

use super::ParamLocation;

/// The base URL template of the API, from its first `servers` entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Server {
    /// The URL with `{variable}` placeholders, as in the spec.
    pub url: String,
    /// A relative URL (`/webconsole/api`): the user supplies the scheme and host.
    pub relative: bool,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServerVariable {
    pub wire_name: String,
    /// The client builder's setter.
    pub rust_name: String,
    pub default: String,
    pub doc: Option<String>,
    /// The spec's `enum`: the only values allowed (empty: any that fits `part`).
    pub allowed: Vec<String>,
    /// Where the variable sits in the URL, which decides what a value may contain.
    pub part: UrlPart,
    /// The SigV4 scheme's region: its setter is the client's `region`, and when not called
    /// the runtime finds the region as the AWS SDKs do (`default` is not used).
    pub aws_region: bool,
}

/// Where a server variable sits in the URL template (the runtime's `UrlPart`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlPart {
    /// The authority's host (or user info): DNS labels only.
    Host,
    /// The authority's port: a number.
    Port,
    /// After the authority: one path segment.
    Path,
}

/// A way to authenticate, with the client builder setter that configures it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AuthScheme {
    // Each variant carries `key`: its name in `components.securitySchemes`.
    /// An API key sent in a header, query parameter or cookie.
    ApiKey {
        key: String,
        setter: String,
        location: ParamLocation,
        /// The header, query parameter or cookie name.
        parameter: String,
        doc: Option<String>,
    },
    /// HTTP Basic: a user name and password.
    Basic { key: String, setter: String, doc: Option<String> },
    /// A bearer token: HTTP `bearer`, or an OAuth2 / OpenID Connect access token the caller
    /// obtained.
    Bearer { key: String, setter: String, doc: Option<String> },
    /// AWS Signature Version 4 (our `x-aws-sigv4` extension).
    SigV4 {
        key: String,
        signing_name: String,
        /// The rust name of the server variable that holds the region, if any.
        region_variable: Option<String>,
        doc: Option<String>,
    },
}

impl AuthScheme {
    /// Its name in `components.securitySchemes`.
    pub fn key(&self) -> &str {
        match self {
            AuthScheme::ApiKey { key, .. }
            | AuthScheme::Basic { key, .. }
            | AuthScheme::Bearer { key, .. }
            | AuthScheme::SigV4 { key, .. } => key,
        }
    }

    /// The credential of the runtime this scheme sends.
    pub fn credential(&self) -> Credential {
        match self {
            AuthScheme::ApiKey { parameter, .. } => Credential::ApiKey(parameter.clone()),
            AuthScheme::Basic { .. } => Credential::Basic,
            AuthScheme::Bearer { .. } => Credential::Bearer,
            AuthScheme::SigV4 { .. } => Credential::SigV4,
        }
    }
}

/// A credential the runtime holds (`sdkgen_runtime::Credential`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// The API key sent under this header, query parameter or cookie name.
    ApiKey(String),
    Basic,
    Bearer,
    SigV4,
}

/// What an operation sends of the configured credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationAuth {
    /// Nothing: the operation needs no authentication (or allows none).
    None,
    /// Every configured credential.
    All,
    /// Only these: the operation accepts fewer of the API's schemes than all.
    Only(Vec<Credential>),
}
