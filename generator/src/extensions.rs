//! The names of this project's OpenAPI extensions (the `x-` keys of the README's table), and of
//! the keys inside them, decided once: the importer writes them, the model names them in its
//! diagnostics, and the loader reads them (`load/spec.rs`, whose serde attributes must be
//! literals: its test `extensions_are_the_names_the_loader_reads` ties them to these).

/// On the document: `rest-json` makes error responses identified as AWS does (the
/// `x-amzn-errortype` header, else the body's `code` or `__type`).
pub(crate) const X_AWS_PROTOCOL: &str = "x-aws-protocol";

/// In `info`: the generated crate's version (semver), when `info.version` is not it.
pub(crate) const X_CRATE_VERSION: &str = "x-crate-version";

/// On a security scheme: it is AWS Signature Version 4, `{signingName, regionVariable}`.
pub(crate) const X_AWS_SIGV4: &str = "x-aws-sigv4";

/// In `x-aws-sigv4`: the service name requests are signed for.
pub(crate) const SIGNING_NAME: &str = "signingName";

/// In `x-aws-sigv4`: the server variable that holds the region, which is also the signing region.
pub(crate) const REGION_VARIABLE: &str = "regionVariable";

/// On an operation: how a List operation pages, `{inputToken, outputToken, limitKey, resultKey}`.
pub(crate) const X_AWS_PAGINATION: &str = "x-aws-pagination";

/// In `x-aws-pagination`: the request parameter that carries the token of the next page.
pub(crate) const INPUT_TOKEN: &str = "inputToken";

/// In `x-aws-pagination`: the response member that holds the token of the next page.
pub(crate) const OUTPUT_TOKEN: &str = "outputToken";

/// In `x-aws-pagination`: the request parameter that limits the size of a page (optional).
pub(crate) const LIMIT_KEY: &str = "limitKey";

/// In `x-aws-pagination`: the response member that holds the items of a page.
pub(crate) const RESULT_KEY: &str = "resultKey";

/// On a parameter or property (`true`): an idempotency token, filled with a fresh UUID when
/// the caller sets none; every retry of one call carries the same token.
pub(crate) const X_AWS_IDEMPOTENCY_TOKEN: &str = "x-aws-idempotency-token";

/// On a response: the names of more AWS errors documented with this status, told apart by
/// their error code.
pub(crate) const X_AWS_ERRORS_ALSO: &str = "x-aws-errors-also";

/// On a schema or property (`true`): a secret, never printed by `Debug`.
pub(crate) const X_SENSITIVE: &str = "x-sensitive";

/// On a string enum: the numbers the server may send instead of the values, in `enum` order.
pub(crate) const X_INTEGER_VALUES: &str = "x-integer-values";
