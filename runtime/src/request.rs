//! One operation's request, as generated code describes it.

use std::borrow::Cow;
use std::fmt::Display;

use bytes::Bytes;
use http::Method;
use serde::Serialize;
use serde_json::{Map, Value};

use super::path::query_component;
use super::auth::Credential;
use super::{ConstructionError, Multipart};

/// What an operation sends: method, encoded path, query, headers and body.
///
/// Generated code builds one per call; [`super::HttpClient::send`] adds the base URL, the
/// user agent and authentication, then sends it.
#[derive(Debug, Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    /// Names and values already percent-encoded: some styles (lists, `deepObject`) send
    /// delimiters that must stay literal next to values that must not.
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Names and values as given; encoded into one `cookie` header when sent.
    pub(crate) cookies: Vec<(String, String)>,
    /// Content type and body. The content type is owned when it is computed (a multipart
    /// boundary).
    pub(crate) body: Option<(Cow<'static, str>, Bytes)>,
    /// The body is raw (text or bytes, sent as given), so another documented media type may
    /// be chosen for it (see [`Request::media_type`]).
    raw_body: bool,
    pub(crate) authenticated: bool,
    /// The credentials the operation accepts; `None`: every configured one.
    pub(crate) credentials: Option<&'static [Credential]>,
    pub(crate) retryable: bool,
    /// The operation's `operationId` and path template (see [`Request::operation`]).
    pub(crate) operation: (&'static str, &'static str),
}

impl Request {
    /// A request for `path`, which must already be encoded (see [`super::path::segment`]).
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
            cookies: Vec::new(),
            body: None,
            raw_body: false,
            authenticated: true,
            credentials: None,
            retryable,
            operation: ("", ""),
        }
    }

    /// Names the operation this request is: the spec's `operationId` and its path template
    /// (`"/networks/{networkId}/users"`). Interceptors and trace spans identify the request
    /// by these, never by the filled path, which may hold ids or keys (see
    /// [`super::interceptor::OperationInfo`]). Every generated operation calls it.
    pub fn operation(mut self, name: &'static str, path_template: &'static str) -> Self {
        self.operation = (name, path_template);
        self
    }

    /// The operation this request is (see [`Request::operation`]).
    pub(crate) fn operation_info(&self) -> super::interceptor::OperationInfo<'_> {
        let (name, path_template) = self.operation;
        super::interceptor::OperationInfo { name, method: &self.method, path_template }
    }

    /// Whether a transient failure may be retried. AWS operations are, whatever their
    /// method (as the AWS SDKs do: their writes carry idempotency tokens).
    pub fn retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Adds a query parameter; it is sent in the order added.
    pub fn query(mut self, name: &str, value: impl Display) -> Self {
        self.query
            .push((query_component(name), query_component(&value.to_string())));
        self
    }

    /// Adds a query parameter when it has a value.
    pub fn query_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.query(name, v),
            None => self,
        }
    }

    /// Adds a list query parameter in OpenAPI's `form` style (the default for query
    /// parameters).
    ///
    /// With `explode`, each item is its own parameter: `name=a&name=b`. Without, the items
    /// go in one parameter separated by literal commas: `name=a,b`. Each item is
    /// percent-encoded on its own first, so a comma inside an item is sent as `%2C`: a server
    /// that splits on `,` before decoding (as the OpenAPI style intends) gets the items back
    /// exactly, and one that decodes first gets the same text as for the spec's example.
    ///
    /// An empty list sends nothing (there is no way to tell it from an absent list in this
    /// style that every server understands).
    pub fn query_list<V: Display>(mut self, name: &str, values: &[V], explode: bool) -> Self {
        if explode {
            for value in values {
                self = self.query(name, value);
            }
        } else if !values.is_empty() {
            let joined: Vec<String> = values
                .iter()
                .map(|value| query_component(&value.to_string()))
                .collect();
            self.query.push((query_component(name), joined.join(",")));
        }
        self
    }

    /// Adds an object query parameter in OpenAPI's `deepObject` style: each member is its own
    /// parameter, `name[key]=value`.
    ///
    /// - nested objects nest the brackets: `name[a][b]=value`;
    /// - an array of strings, numbers or booleans repeats the parameter, one per item:
    ///   `name[key]=1&name[key]=2` (what `qs` and Rack read as a list, with `explode`); an
    ///   array holding arrays or objects has no agreed spelling, and is an error;
    /// - `null` members (and `null` items) are left out;
    /// - strings are sent without their JSON quotes; numbers and booleans as JSON writes them.
    ///
    /// Brackets are sent literally and keys percent-encoded, so a `]` inside a key cannot
    /// close the bracket. Members go in the order of `serde_json`'s map (sorted by key).
    /// A `null` value (an absent `Option`) sends nothing; any other non-object is an error.
    pub fn query_deep_object<T: Serialize>(
        mut self,
        name: &str,
        value: &T,
    ) -> Result<Self, ConstructionError> {
        let value = serde_json::to_value(value).map_err(|e| {
            ConstructionError::new(format!("query parameter `{name}` is not JSON: {e}"))
        })?;
        match value {
            Value::Null => {}
            Value::Object(members) => {
                deep_object(&mut self.query, &query_component(name), name, &members)?;
            }
            other => {
                return Err(ConstructionError::new(format!(
                    "query parameter `{name}` is sent as a deepObject, so it must be an \
                     object, not {}",
                    kind(&other)
                )))
            }
        }
        Ok(self)
    }

    /// Adds a query parameter in the given OpenAPI style (`form`, `spaceDelimited`,
    /// `pipeDelimited`, `deepObject`), a scalar, array or object (see [`super::style`]);
    /// `null` sends nothing.
    pub fn query_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        style: super::style::Style,
        explode: bool,
        value: &T,
    ) -> Result<Self, ConstructionError> {
        self.query.extend(super::style::query_pairs(name, style, explode, value)?);
        Ok(self)
    }

    /// Adds a header parameter that is an array or an object, in OpenAPI's `simple` style
    /// (`a,b`; an object `k,v,k2,v2`, exploded `k=v,k2=v2`); `null` sends nothing.
    pub fn header_styled<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        explode: bool,
        value: &T,
    ) -> Result<Self, ConstructionError> {
        if let Some(text) = super::style::header_value(name, explode, value)? {
            self.headers.push((name, text));
        }
        Ok(self)
    }

    /// Adds a cookie parameter that is an array or an object, in OpenAPI's `form` style
    /// (`name=a,b`; exploded, a cookie per item or member); `null` sends nothing.
    pub fn cookie_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        explode: bool,
        value: &T,
    ) -> Result<Self, ConstructionError> {
        self.cookies.extend(super::style::cookie_pairs(name, explode, value)?);
        Ok(self)
    }

    /// Adds a cookie. All of a request's cookies (and a cookie API key) are sent in one
    /// `cookie` header, in the order added.
    ///
    /// A value made only of the characters RFC 6265 allows in a cookie value is sent as is
    /// (tokens, base64 and already-encoded values pass unchanged). Any other value is
    /// percent-encoded: the characters RFC 6265 does not allow, and `%` itself, so that a
    /// server that decodes gets the value back. A name that is not an HTTP token is an error
    /// when the request is sent.
    pub fn cookie(mut self, name: &str, value: impl Display) -> Self {
        self.cookies.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds a cookie when it has a value.
    pub fn cookie_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.cookie(name, v),
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
        self.body = Some((Cow::Borrowed("application/json"), Bytes::from(bytes)));
        self.raw_body = false;
        Ok(self)
    }

    /// Sets an `application/x-www-form-urlencoded` body: `body`'s members as `name=value`
    /// pairs, in the order serde gives them, `None` members left out; a list member as
    /// repeated keys (`tag=a&tag=b`), an object member as its JSON text (see
    /// [`super::form`]). A body that is not an object is an error.
    pub fn form_body<T: Serialize + ?Sized>(self, body: &T) -> Result<Self, ConstructionError> {
        self.form_body_styled(body, &[])
    }

    /// [`Request::form_body`], with the members the body's `encoding` gives a `style` /
    /// `explode` written in it (`("tags", Style::PipeDelimited, false)`: `tags=a|b`).
    pub fn form_body_styled<T: Serialize + ?Sized>(
        self,
        body: &T,
        styles: &[super::form::FormStyle],
    ) -> Result<Self, ConstructionError> {
        let text = super::form::encode(body, styles)?;
        Ok(self.encoded_form(text))
    }

    /// Sets an `application/x-www-form-urlencoded` body already encoded (`name=value&..`):
    /// a structured body, not a raw one, so no raw media type choice relabels it.
    pub(crate) fn encoded_form(mut self, text: String) -> Self {
        self.body = Some((Cow::Borrowed("application/x-www-form-urlencoded"), Bytes::from(text)));
        self.raw_body = false;
        self
    }

    /// Sets a body sent as is, with the given content type (`application/octet-stream`,
    /// `image/png`, ...). A content type that is not a valid header value is an error when the
    /// request is sent.
    pub fn bytes_body(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Some((Cow::Borrowed(content_type), body.into()));
        self.raw_body = true;
        self
    }

    /// Sets a `multipart/form-data` body. It is encoded now, once: every attempt sends the
    /// same bytes and boundary.
    pub fn multipart_body(mut self, form: Multipart) -> Self {
        let (content_type, body) = form.encode();
        self.body = Some((Cow::Owned(content_type), body));
        self.raw_body = false;
        self
    }

    /// Sets a body encoded beforehand (one of the media types an operation documents beside
    /// its first, chosen by the caller with `body_form(..)`, `body_text(..)`, ...); the error
    /// of an encoding that failed comes out here, before anything is sent.
    pub fn encoded_body(mut self, body: EncodedBody) -> Result<Self, ConstructionError> {
        self.body = Some(body.body?);
        self.raw_body = body.raw;
        Ok(self)
    }

    /// Sends the body as `chosen`, one of the media types the operation documents for it (the
    /// caller's `content_type(..)`); `None` keeps the setter's own. A JSON media type
    /// (`application/merge-patch+json`) relabels a JSON body, any other a raw one (text or
    /// bytes); every other pairing is an error, as a content type does not re-encode a value
    /// (JSON bytes are never sent as `text/yaml`, nor a form as JSON). Beside no body it does
    /// nothing.
    pub fn media_type(mut self, chosen: Option<&'static str>) -> Result<Self, ConstructionError> {
        let (Some(chosen), Some((content_type, _))) = (chosen, self.body.as_mut()) else {
            return Ok(self);
        };
        let fits = match is_json(chosen) {
            true => !self.raw_body && is_json(content_type),
            false => self.raw_body,
        };
        if !fits {
            let family = if is_json(chosen) { "a JSON body" } else { "a text or bytes body" };
            return Err(ConstructionError::new(format!(
                "the content type `{chosen}` was chosen, but the body set is `{content_type}`: \
                 a content type `{chosen}` applies to {family}"
            )));
        }
        *content_type = Cow::Borrowed(chosen);
        Ok(self)
    }

    /// Sends only the configured credentials of these kinds (the operation's `security`
    /// schemes), in this order of preference for the one `authorization` header. Without
    /// this call, every configured credential is sent.
    pub fn credentials(mut self, accepted: &'static [Credential]) -> Self {
        self.credentials = Some(accepted);
        self
    }

    /// Sends this request without credentials (the operation's spec says it needs none).
    pub fn without_auth(mut self) -> Self {
        self.authenticated = false;
        self
    }
}

/// Whether a media type is JSON by its name: `application/json` or a `+json` suffix
/// (RFC 6839), parameters (`; charset=utf-8`) aside.
fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// A request body already encoded in one media type: what a request builder holds when the
/// caller chose one of an operation's other media types. Encoded when set (by the same
/// encoders as [`Request::json_body`], [`Request::form_body`] and [`Request::bytes_body`]),
/// so a failure is kept and reported by `send()`.
#[derive(Clone)]
pub struct EncodedBody {
    body: Result<(Cow<'static, str>, Bytes), ConstructionError>,
    /// Text or bytes, sent as given (see [`Request::media_type`]).
    raw: bool,
}

impl EncodedBody {
    fn encoded(request: Result<Request, ConstructionError>) -> Self {
        Self { body: request.map(|r| r.body.unwrap_or((Cow::Borrowed(""), Bytes::new()))), raw: false }
    }

    fn scratch() -> Request {
        Request::new(Method::POST, String::new())
    }

    /// A JSON body (`content_type` is the documented one: `application/merge-patch+json`, ...).
    pub fn json<T: Serialize>(content_type: &'static str, value: &T) -> Self {
        let encoded = Self::encoded(Self::scratch().json_body(value));
        Self { body: encoded.body.map(|(_, body)| (Cow::Borrowed(content_type), body)), raw: false }
    }

    /// An `application/x-www-form-urlencoded` body.
    pub fn form<T: Serialize>(value: &T) -> Self {
        Self::encoded(Self::scratch().form_body(value))
    }

    /// An `application/x-www-form-urlencoded` body whose `encoding` styles some members (see
    /// [`Request::form_body_styled`]).
    pub fn form_styled<T: Serialize>(value: &T, styles: &[super::form::FormStyle]) -> Self {
        Self::encoded(Self::scratch().form_body_styled(value, styles))
    }

    /// Text (`text/plain`, ...), sent as UTF-8.
    pub fn text(content_type: &'static str, value: impl Into<String>) -> Self {
        Self::bytes(content_type, value.into())
    }

    /// A `multipart/form-data` body, encoded now (one boundary for every attempt).
    pub fn multipart(form: Multipart) -> Self {
        let (content_type, body) = form.encode();
        Self { body: Ok((Cow::Owned(content_type), body)), raw: false }
    }

    /// A body that could not be encoded: `send()` fails with this error, sending nothing.
    pub fn failed(error: ConstructionError) -> Self {
        Self { body: Err(error), raw: false }
    }

    /// Bytes sent as they are.
    pub fn bytes(content_type: &'static str, value: impl Into<Bytes>) -> Self {
        Self { body: Ok((Cow::Borrowed(content_type), value.into())), raw: true }
    }
}

/// The content type and length only: a body may hold secrets.
impl std::fmt::Debug for EncodedBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.body {
            Ok((content_type, body)) => write!(f, "EncodedBody({content_type}, {} bytes)", body.len()),
            Err(e) => write!(f, "EncodedBody(error: {e})"),
        }
    }
}

/// Appends `members` as `deepObject` parameters under `prefix` (already encoded, brackets
/// literal); `shown` is the same path unencoded, for error messages.
fn deep_object(
    query: &mut Vec<(String, String)>,
    prefix: &str,
    shown: &str,
    members: &Map<String, Value>,
) -> Result<(), ConstructionError> {
    for (key, value) in members {
        let name = format!("{prefix}[{}]", query_component(key));
        let shown = format!("{shown}[{key}]");
        match value {
            Value::Null => {}
            Value::Object(inner) => deep_object(query, &name, &shown, inner)?,
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Null => {}
                        Value::Array(_) | Value::Object(_) => {
                            return Err(ConstructionError::new(format!(
                                "query parameter `{shown}` is an array holding {}, which the \
                                 deepObject style cannot send",
                                kind(item)
                            )))
                        }
                        scalar => query.push((name.clone(), query_component(&scalar_text(scalar)))),
                    }
                }
            }
            scalar => query.push((name, query_component(&scalar_text(scalar)))),
        }
    }
    Ok(())
}

/// A string, number or boolean as a parameter value: strings without their JSON quotes.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What a JSON value is, for error messages (also the parameter styles').
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    fn body_of(request: &Request) -> (&str, &str) {
        let (content_type, body) = request.body.as_ref().unwrap();
        (content_type, std::str::from_utf8(body).unwrap())
    }

    fn query_of(request: &Request) -> String {
        let pairs: Vec<String> = request.query.iter().map(|(n, v)| format!("{n}={v}")).collect();
        pairs.join("&")
    }

    #[derive(Serialize)]
    struct Login<'a> {
        user_name: &'a str,
        password: &'a str,
        remember: bool,
        attempts: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        otp: Option<&'a str>,
        note: Option<&'a str>,
    }

    #[test]
    fn form_body_is_urlencoded_in_member_order() {
        let login = Login {
            user_name: "Zoë Doe",
            password: "a&b=c+d/é",
            remember: true,
            attempts: 3,
            otp: None,
            note: None,
        };
        let request = Request::new(Method::POST, "/login".into())
            .form_body(&login)
            .unwrap();
        assert_eq!(
            body_of(&request),
            (
                "application/x-www-form-urlencoded",
                "user_name=Zo%C3%AB+Doe&password=a%26b%3Dc%2Bd%2F%C3%A9&remember=true&attempts=3"
            )
        );
    }

    #[test]
    fn form_body_sends_lists_as_repeated_keys_and_refuses_a_non_object() {
        let body = serde_json::json!({"name": "x", "tags": ["a", "b"]});
        let request = Request::new(Method::POST, "/".into()).form_body(&body).unwrap();
        assert_eq!(body_of(&request).1, "name=x&tags=a&tags=b");
        let err = Request::new(Method::POST, "/".into())
            .form_body(&"text")
            .unwrap_err();
        assert!(err.message().contains("a string, not an object"), "{err}");
    }

    #[test]
    fn bytes_and_multipart_bodies() {
        let request = Request::new(Method::PUT, "/blob".into())
            .bytes_body("application/octet-stream", vec![0u8, 159, 255]);
        let (content_type, body) = request.body.as_ref().unwrap();
        assert_eq!(content_type, "application/octet-stream");
        assert_eq!(&body[..], &[0u8, 159, 255]);

        let request = Request::new(Method::POST, "/upload".into())
            .multipart_body(Multipart::new().text("a", "b"));
        let (content_type, body) = body_of(&request);
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        assert_eq!(
            body,
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n\
                 --{boundary}--\r\n"
            )
        );
    }

    #[test]
    fn encoded_bodies_are_sent_as_chosen_and_keep_their_error() {
        let request = Request::new(Method::POST, "/".into())
            .encoded_body(EncodedBody::json("application/merge-patch+json", &serde_json::json!({"a": 1})))
            .unwrap();
        assert_eq!(body_of(&request), ("application/merge-patch+json", r#"{"a":1}"#));
        let form = EncodedBody::form(&serde_json::json!({"a": "b c"}));
        let request = Request::new(Method::POST, "/".into()).encoded_body(form).unwrap();
        assert_eq!(body_of(&request), ("application/x-www-form-urlencoded", "a=b+c"));
        let text = EncodedBody::text("text/plain", "héllo");
        assert_eq!(format!("{text:?}"), "EncodedBody(text/plain, 6 bytes)");
        let request = Request::new(Method::POST, "/".into()).encoded_body(text).unwrap();
        assert_eq!(body_of(&request), ("text/plain", "héllo"));
        let styled = EncodedBody::form_styled(&serde_json::json!({"a": [1, 2]}), &[("a", super::super::style::Style::PipeDelimited, false)]);
        let request = Request::new(Method::POST, "/".into()).encoded_body(styled).unwrap();
        assert_eq!(body_of(&request).1, "a=1|2");
        let bad = EncodedBody::form(&[1]);
        let err = Request::new(Method::POST, "/".into()).encoded_body(bad).unwrap_err();
        assert!(err.message().contains("an array, not an object"), "{err}");
    }

    /// A raw body (bytes, text, set directly or encoded beforehand) goes as the raw media type
    /// chosen, a JSON body as the JSON one; any other pairing is refused instead of sending
    /// bytes mislabelled.
    #[test]
    fn a_chosen_media_type_relabels_a_body_of_its_family_only() {
        let post = || Request::new(Method::POST, "/".into());
        let request = post().bytes_body("application/x-yaml", "a: 1").media_type(Some("text/yaml")).unwrap();
        assert_eq!(body_of(&request), ("text/yaml", "a: 1"));
        let request = post().encoded_body(EncodedBody::text("text/plain", "a: 1")).unwrap().media_type(Some("text/x-yaml")).unwrap();
        assert_eq!(body_of(&request), ("text/x-yaml", "a: 1"));
        let request = post().bytes_body("image/gif", vec![1u8]).media_type(None).unwrap();
        assert_eq!(request.body.as_ref().unwrap().0, "image/gif");
        // No body (an optional one not set): nothing to relabel.
        assert!(post().media_type(Some("text/yaml")).unwrap().body.is_none());
        let json = post().json_body(&serde_json::json!({"a": 1})).unwrap();
        let err = json.media_type(Some("text/yaml")).unwrap_err();
        assert!(err.message().contains("`text/yaml` was chosen, but the body set is `application/json`"), "{err}");
        // A JSON type relabels a JSON body, and only a JSON one.
        let patch = post().json_body(&serde_json::json!({"a": 1})).unwrap().media_type(Some("application/merge-patch+json")).unwrap();
        assert_eq!(body_of(&patch), ("application/merge-patch+json", r#"{"a":1}"#));
        let err = post().bytes_body("text/plain", "x").media_type(Some("application/merge-patch+json")).unwrap_err();
        assert!(err.message().contains("applies to a JSON body"), "{err}");
        let form = post().encoded_body(EncodedBody::form(&serde_json::json!({"a": 1}))).unwrap();
        assert!(form.media_type(Some("application/vnd.note+json")).is_err());
        let form = post().encoded_body(EncodedBody::form(&serde_json::json!({"a": 1}))).unwrap();
        assert!(form.media_type(Some("text/yaml")).is_err());
        // A raw body replaced by a structured one is no longer raw.
        let replaced = post().bytes_body("text/plain", "x").json_body(&1).unwrap();
        assert!(replaced.media_type(Some("text/yaml")).is_err());
    }

    #[test]
    fn query_lists_in_form_style() {
        let request = Request::new(Method::GET, "/".into())
            .query_list("id", &[1, 2], true)
            .query_list("tag", &["a b", "c,d", "e"], false)
            .query_list("none", &Vec::<String>::new(), false)
            .query_list("none", &Vec::<String>::new(), true)
            .query_list("one", &["x"], false);
        assert_eq!(query_of(&request), "id=1&id=2&tag=a%20b,c%2Cd,e&one=x");
    }

    #[test]
    fn query_deep_object_flattens_members() {
        #[derive(Serialize)]
        struct Filter {
            color: &'static str,
            missing: Option<u8>,
            range: Range,
            size: Vec<Option<f64>>,
            sold: bool,
            #[serde(rename = "we]ird key")]
            weird: i64,
        }
        #[derive(Serialize)]
        struct Range {
            max: u32,
            min: u32,
        }
        let filter = Filter {
            color: "dark red",
            missing: None,
            range: Range { max: 9, min: 1 },
            size: vec![Some(1.5), None, Some(2.0)],
            sold: false,
            weird: -1,
        };
        let request = Request::new(Method::GET, "/".into())
            .query_deep_object("f", &filter)
            .unwrap()
            .query_deep_object("absent", &None::<Range>)
            .unwrap()
            .query_deep_object("empty", &serde_json::json!({}))
            .unwrap();
        assert_eq!(
            query_of(&request),
            "f[color]=dark%20red&f[range][max]=9&f[range][min]=1&f[size]=1.5&f[size]=2.0\
             &f[sold]=false&f[we%5Dird%20key]=-1"
        );
    }

    #[test]
    fn query_deep_object_refuses_what_it_cannot_send() {
        let request = || Request::new(Method::GET, "/".into());
        let err = request().query_deep_object("f", &[1, 2]).unwrap_err();
        assert!(err.message().contains("`f`") && err.message().contains("an array"), "{err}");
        let err = request().query_deep_object("f", &"x").unwrap_err();
        assert!(err.message().contains("a string"), "{err}");
        let nested = serde_json::json!({"a": {"b": [{"c": 1}]}});
        let err = request().query_deep_object("f", &nested).unwrap_err();
        assert!(err.message().contains("`f[a][b]`"), "{err}");
    }

    #[test]
    fn cookies_are_kept_in_order() {
        let request = Request::new(Method::GET, "/".into())
            .cookie("a", 1)
            .cookie_opt("b", None::<u8>)
            .cookie_opt("c", Some("x y"));
        assert_eq!(
            request.cookies,
            [("a".to_owned(), "1".to_owned()), ("c".to_owned(), "x y".to_owned())]
        );
    }
}
