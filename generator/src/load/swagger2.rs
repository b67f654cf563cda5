//! Swagger 2.0 documents, converted while loading into the OpenAPI 3.0 tree the rest of the
//! loader reads, so that the model sees one kind of document.
//!
//! One walk over the 2.0 tree builds the 3.0 tree: `definitions` -> `components.schemas`,
//! `parameters` / `responses` / `securityDefinitions` -> `components`, `in: body` and
//! `in: formData` parameters -> `requestBody` (JSON by `consumes`; urlencoded or multipart),
//! `produces` -> the media types of each response, `host` / `basePath` / `schemes` ->
//! `servers`, `collectionFormat` -> `style` / `explode`, `x-nullable` -> `nullable`,
//! `type: file` -> binary strings, and every local `$ref` rewritten to its new place.
//!
//! Diagnostics stay in the 2.0 file: the walk records, for each node whose place changed,
//! its 3.0 pointer -> its 2.0 pointer ([`PointerMap`]); a later diagnostic at a 3.0 pointer
//! is shown at the 2.0 place of its deepest recorded ancestor (plus the rest of its path,
//! which is the same in both where nothing was recorded). Nodes of the wrong kind are copied
//! as they are, for the structure check and the typed read to report at their place.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use crate::diag::join;

/// The version a converted document declares.
const OPENAPI_VERSION: &str = "3.0.3";

/// The media type of a body or response when neither the operation nor the document
/// says (`consumes` / `produces`): 2.0 APIs are JSON APIs unless they say otherwise.
const DEFAULT_MEDIA_TYPE: &str = "application/json";

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// The methods of a 2.0 path item (2.0 has no `trace`).
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// The keywords of a 2.0 non-body parameter (and of a header and of `items`) that describe
/// its value: in 3.0 they are its `schema`.
const VALUE_KEYWORDS: [&str; 18] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
    "x-sensitive",
];

/// 3.0 pointer -> the 2.0 pointer of the same node, for the nodes whose place changed.
#[derive(Debug, Default)]
pub(crate) struct PointerMap(HashMap<String, String>);

impl PointerMap {
    /// Records that the node now at `now` was at `was` (a whole pointer of the earlier tree).
    pub(crate) fn insert(&mut self, now: String, was: String) {
        self.0.insert(now, was);
    }

    /// The 2.0 pointer of the node at the 3.0 `pointer`: that of its deepest recorded
    /// ancestor (or itself) followed by the rest of its path; as it is when none is recorded.
    /// A lookup per ancestor: linear in the pointer's length times its depth.
    pub(crate) fn original<'p>(&self, pointer: &'p str) -> Cow<'p, str> {
        let mut end = pointer.len();
        loop {
            if let Some(original) = self.0.get(&pointer[..end]) {
                return Cow::Owned(format!("{original}{}", &pointer[end..]));
            }
            match pointer[..end].rfind('/') {
                Some(i) => end = i,
                None => return Cow::Borrowed(pointer),
            }
        }
    }
}

/// A problem the conversion found, at its 2.0 pointer.
#[derive(Debug)]
pub(crate) struct Problem {
    pub pointer: String,
    pub message: String,
    /// An error (the document is wrong) or a warning (converted with a loss).
    pub error: bool,
}

/// A converted document.
pub(crate) struct Converted {
    pub document: Value,
    pub pointers: PointerMap,
    pub problems: Vec<Problem>,
}

/// The value of `swagger`, when the document has one (as written: `2.0` unquoted is a number).
pub(crate) fn version(document: &Value) -> Option<String> {
    match document.get("swagger")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(format!("{other:?}")),
    }
}

/// Converts a Swagger 2.0 document (its keys already strings) into an OpenAPI 3.0 tree.
pub(crate) fn convert(document: &Value) -> Converted {
    let mut c = Converter::default();
    let document = c.document(document);
    Converted { document, pointers: PointerMap(c.map), problems: c.problems }
}

fn key(s: &str) -> Value {
    Value::String(s.to_owned())
}

/// The strings of a list (`consumes`, `produces`, `schemes`); anything else is none.
fn strings(value: Option<&Value>) -> Option<Vec<String>> {
    let items = value?.as_sequence()?;
    Some(items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
}

/// A `$ref` moved with what it points at. Other references (to other files, or to 2.0
/// places without a 3.0 one) are kept as written, for the model to report.
fn reference(value: &Value) -> Value {
    let Some(r) = value.as_str() else { return value.clone() };
    for (from, to) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = r.strip_prefix(from) {
            return Value::String(format!("{to}{rest}"));
        }
    }
    value.clone()
}

#[derive(Default)]
struct Converter<'d> {
    map: HashMap<String, String>,
    problems: Vec<Problem>,
    /// The document's `consumes` and `produces` (an operation's own replace them).
    consumes: Vec<String>,
    produces: Vec<String>,
    /// The document's `parameters`: a body or form parameter referenced from an operation
    /// becomes part of that operation's request body.
    parameters: Option<&'d Mapping>,
}

/// A parameter of an operation after `$ref`s to the document's parameters are followed
/// (only for body and form ones; the others stay references).
struct Param<'d> {
    node: &'d Value,
    /// Its 2.0 pointer (in the operation, the path item, or the document's `parameters`).
    at: String,
}

impl<'d> Param<'d> {
    fn get(&self, name: &str) -> Option<&'d Value> {
        self.node.get(name)
    }
    fn location(&self) -> Option<&'d str> {
        self.get("in").and_then(Value::as_str)
    }
    fn name(&self) -> Option<&'d str> {
        self.get("name").and_then(Value::as_str)
    }
}

impl<'d> Converter<'d> {
    /// Records that the 3.0 node at `converted` is the 2.0 node at `original`.
    fn moved(&mut self, converted: &str, original: &str) {
        if converted != original {
            self.map.insert(converted.to_owned(), original.to_owned());
        }
    }

    fn warn(&mut self, pointer: &str, message: String) {
        self.problems.push(Problem { pointer: pointer.to_owned(), message, error: false });
    }

    fn error(&mut self, pointer: &str, message: String) {
        self.problems.push(Problem { pointer: pointer.to_owned(), message, error: true });
    }

    fn document(&mut self, doc: &'d Value) -> Value {
        let Some(root) = doc.as_mapping() else { return doc.clone() };
        self.consumes = strings(root.get("consumes")).unwrap_or_default();
        self.produces = strings(root.get("produces")).unwrap_or_default();
        self.parameters = root.get("parameters").and_then(Value::as_mapping);
        let mut out = Mapping::new();
        out.insert(key("openapi"), key(OPENAPI_VERSION));
        self.moved("/openapi", "/swagger");
        let mut components = Mapping::new();
        let mut paths = None;
        for (k, v) in root {
            let Some(name) = k.as_str() else {
                out.insert(k.clone(), v.clone());
                continue;
            };
            match name {
                "swagger" | "host" | "basePath" | "schemes" | "consumes" | "produces" => {}
                "paths" => paths = Some(v),
                "definitions" => {
                    self.moved("/components/schemas", "/definitions");
                    let schemas = self.each(v, "/definitions", "/components/schemas", Self::schema);
                    components.insert(key("schemas"), schemas);
                }
                "parameters" => {
                    let parameters = self.global_parameters(v);
                    components.insert(key("parameters"), parameters);
                }
                "responses" => {
                    self.moved("/components/responses", "/responses");
                    let produces = self.produces.clone();
                    let responses = self.each(v, "/responses", "/components/responses", |c, v, o, at| {
                        c.response(v, o, at, &produces)
                    });
                    components.insert(key("responses"), responses);
                }
                "securityDefinitions" => {
                    self.moved("/components/securitySchemes", "/securityDefinitions");
                    let schemes = self.each(v, "/securityDefinitions", "/components/securitySchemes", |c, v, o, at| {
                        c.security_scheme(v, o, at)
                    });
                    components.insert(key("securitySchemes"), schemes);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(servers) = self.servers(root) {
            out.insert(key("servers"), servers);
        }
        if let Some(paths) = paths {
            let paths = self.paths(paths);
            out.insert(key("paths"), paths);
        }
        if !components.is_empty() {
            out.insert(key("components"), Value::Mapping(components));
        }
        Value::Mapping(out)
    }

    /// Each member of a mapping converted by `f` (given its 2.0 and 3.0 pointers); a node
    /// that is no mapping is kept, for the typed read to report. The caller records the
    /// mapping's own move: its members move with it.
    fn each<'v>(
        &mut self,
        value: &'v Value,
        original: &str,
        converted: &str,
        mut f: impl FnMut(&mut Self, &'v Value, &str, &str) -> Value,
    ) -> Value {
        let Some(members) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in members {
            let Some(name) = k.as_str() else { continue };
            let value = f(self, v, &join(original, name), &join(converted, name));
            out.insert(k.clone(), value);
        }
        Value::Mapping(out)
    }

    /// `schemes://host/basePath`, https first; only the base path (a relative server the
    /// client is given the address of) without `host`, as 2.0 then means "where the document
    /// is served from".
    fn servers(&mut self, root: &Mapping) -> Option<Value> {
        let host = root.get("host").and_then(Value::as_str);
        let base = root.get("basePath").and_then(Value::as_str);
        let mut urls = Vec::new();
        match host {
            Some(host) => {
                let base = base.unwrap_or("").trim_end_matches('/');
                let mut schemes = strings(root.get("schemes")).unwrap_or_default();
                if schemes.is_empty() {
                    schemes.push("https".to_owned());
                }
                // `https` first: the first server is the client's default.
                schemes.sort_by_key(|s| s != "https");
                schemes.dedup();
                for scheme in schemes.iter().filter(|s| matches!(s.as_str(), "http" | "https")) {
                    urls.push(format!("{scheme}://{host}{base}"));
                }
                if urls.is_empty() {
                    // Only `ws` / `wss`: no HTTP server to send to.
                    self.warn("/schemes", "no `http` or `https` among `schemes`: the client has no default server".into());
                }
                self.moved("/servers", "/host");
            }
            None => {
                urls.push(base.unwrap_or("/").to_owned());
                self.moved("/servers", if base.is_some() { "/basePath" } else { "" });
            }
        }
        if urls.is_empty() {
            return None;
        }
        let servers = urls
            .into_iter()
            .map(|url| Value::Mapping(Mapping::from_iter([(key("url"), Value::String(url))])))
            .collect();
        Some(Value::Sequence(servers))
    }

    /// A schema (a 2.0 schema is a 3.0 one but for `x-nullable`, `type: file`, a string
    /// `discriminator` and the places its references point at). Its members keep their
    /// places under it: the caller records where the schema itself moved.
    fn schema(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        let mut file = false;
        for (k, v) in m {
            let Some(name) = k.as_str() else {
                out.insert(k.clone(), v.clone());
                continue;
            };
            let sub = |s: &str| (join(original, s), join(converted, s));
            let value = match name {
                "$ref" => reference(v),
                "x-nullable" => {
                    self.moved(&join(converted, "nullable"), &join(original, name));
                    out.insert(key("nullable"), v.clone());
                    continue;
                }
                "type" if v.as_str() == Some("file") => {
                    file = true;
                    key("string")
                }
                "discriminator" if v.is_string() => {
                    self.moved(&join(converted, name), &join(original, name));
                    Value::Mapping(Mapping::from_iter([(key("propertyName"), v.clone())]))
                }
                "properties" => {
                    let (o, c) = sub(name);
                    self.each(v, &o, &c, Self::schema)
                }
                "items" | "additionalProperties" | "not" if v.is_mapping() => {
                    let (o, c) = sub(name);
                    self.schema(v, &o, &c)
                }
                "allOf" | "anyOf" | "oneOf" | "items" if v.is_sequence() => {
                    let (o, c) = sub(name);
                    self.list(v, &o, &c)
                }
                _ => v.clone(),
            };
            out.insert(k.clone(), value);
        }
        if file {
            out.insert(key("format"), key("binary"));
        }
        Value::Mapping(out)
    }

    fn list(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let items = value.as_sequence().into_iter().flatten().enumerate();
        let items = items.map(|(i, item)| self.schema(item, &join(original, &i.to_string()), &join(converted, &i.to_string())));
        Value::Sequence(items.collect())
    }

    /// The schema of a non-body parameter, a header or a form field: its value keywords
    /// (`type`, `items`, `enum`, ...), which 2.0 writes on the parameter itself.
    fn value_schema(&mut self, node: &Mapping, original: &str, converted: &str) -> Value {
        self.moved(converted, original);
        let mut schema = Mapping::new();
        for keyword in VALUE_KEYWORDS {
            if let Some(v) = node.get(keyword) {
                schema.insert(key(keyword), v.clone());
            }
        }
        // Items nest, and their own `collectionFormat` is left out: 3.0 has no nested
        // styles (and 2.0 tools rarely write them).
        if node.get("items").and_then(|i| i.get("collectionFormat")).is_some() {
            self.warn(
                &join(&join(original, "items"), "collectionFormat"),
                "a `collectionFormat` of nested `items` has no OpenAPI 3 equivalent: the inner lists are sent as the outer style says".into(),
            );
        }
        self.schema(&Value::Mapping(schema), original, converted)
    }

    /// `components.parameters`: the document's non-body parameters (body and form ones are
    /// merged into the request bodies of the operations that use them).
    fn global_parameters(&mut self, value: &Value) -> Value {
        self.moved("/components/parameters", "/parameters");
        let Some(members) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in members {
            let Some(name) = k.as_str() else { continue };
            if matches!(v.get("in").and_then(Value::as_str), Some("body" | "formData")) {
                continue;
            }
            let p = self.parameter(v, &join("/parameters", name), &join("/components/parameters", name));
            out.insert(k.clone(), p);
        }
        Value::Mapping(out)
    }

    /// A path, query or header parameter (or a `$ref` to one).
    fn parameter(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        self.moved(converted, original);
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        let location = m.get("in").and_then(Value::as_str).unwrap_or("");
        for (k, v) in m {
            let Some(name) = k.as_str() else { continue };
            match name {
                "$ref" => {
                    out.insert(k.clone(), reference(v));
                }
                "collectionFormat" => {}
                _ if VALUE_KEYWORDS.contains(&name) => {}
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if m.contains_key("$ref") {
            return Value::Mapping(out);
        }
        if !m.contains_key("schema") {
            let schema = self.value_schema(m, original, &join(converted, "schema"));
            out.insert(key("schema"), schema);
        }
        let is_list = m.get("type").and_then(Value::as_str) == Some("array");
        if is_list {
            let format = m.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let at = join(original, "collectionFormat");
            if let Some((style, explode)) = self.style(location, format, &at) {
                out.insert(key("style"), key(style));
                out.insert(key("explode"), Value::Bool(explode));
                self.moved(&join(converted, "style"), &at);
                self.moved(&join(converted, "explode"), &at);
            }
        }
        Value::Mapping(out)
    }

    /// The 3.0 `style` and `explode` of a list parameter's `collectionFormat` (2.0's default
    /// is `csv`, where 3.0's query default explodes).
    fn style(&mut self, location: &str, format: &str, at: &str) -> Option<(&'static str, bool)> {
        let query = matches!(location, "query" | "formData");
        let style = match (format, query) {
            ("csv", true) => ("form", false),
            ("multi", true) => ("form", true),
            ("ssv", true) => ("spaceDelimited", false),
            ("pipes", true) => ("pipeDelimited", false),
            ("csv", false) => ("simple", false),
            ("tsv", _) => {
                self.warn(at, "`collectionFormat: tsv` has no OpenAPI 3 style: the list is sent comma-separated (`csv`)".into());
                if query { ("form", false) } else { ("simple", false) }
            }
            (other, false) => {
                self.warn(
                    at,
                    format!("`collectionFormat: {other}` is not possible in the {location}, only `csv`: the list is sent comma-separated"),
                );
                ("simple", false)
            }
            (other, true) => {
                self.error(at, format!("`collectionFormat` is `{other}`: one of csv, ssv, tsv, pipes, multi"));
                return None;
            }
        };
        Some(style)
    }

    fn paths(&mut self, value: &'d Value) -> Value {
        let Some(paths) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, item) in paths {
            let Some(path) = k.as_str() else { continue };
            let at = join("/paths", path);
            let item = self.path_item(item, &at);
            out.insert(k.clone(), item);
        }
        Value::Mapping(out)
    }

    fn path_item(&mut self, value: &'d Value, at: &str) -> Value {
        let Some(item) = value.as_mapping() else { return value.clone() };
        // The path's parameters: body and form ones go to each operation's request body.
        let shared: Vec<Param<'d>> = self.resolved(item.get("parameters"), &join(at, "parameters"));
        let mut out = Mapping::new();
        for (k, v) in item {
            let Some(name) = k.as_str() else { continue };
            let value = match name {
                "parameters" => {
                    let conv = join(at, "parameters");
                    self.non_body_list(&shared, &conv).unwrap_or_else(|| v.clone())
                }
                _ if METHODS.contains(&name) => self.operation(v, &join(at, name), &shared),
                "$ref" => reference(v),
                _ => v.clone(),
            };
            out.insert(k.clone(), value);
        }
        Value::Mapping(out)
    }

    /// The parameters of a list, a `$ref` to a body or form parameter of the document
    /// followed (the others are converted as references).
    fn resolved(&mut self, list: Option<&'d Value>, at: &str) -> Vec<Param<'d>> {
        let Some(items) = list.and_then(Value::as_sequence) else { return Vec::new() };
        let mut params = Vec::with_capacity(items.len());
        for (i, node) in items.iter().enumerate() {
            let own = Param { node, at: join(at, &i.to_string()) };
            let target = node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/parameters/"))
                .and_then(|name| {
                    let name = crate::diag::unescape_segment(name);
                    let target = self.parameters?.get(name.as_str())?;
                    let body = matches!(target.get("in").and_then(Value::as_str), Some("body" | "formData"));
                    body.then(|| Param { node: target, at: join("/parameters", &name) })
                });
            params.push(target.unwrap_or(own));
        }
        params
    }

    /// The non-body parameters of a list, converted, at 3.0 `converted` (each recorded at
    /// its 2.0 place, as the list loses the body ones); `None` when it is not a list.
    fn non_body_list(&mut self, params: &[Param<'d>], converted: &str) -> Option<Value> {
        let mut out = Vec::new();
        for p in params.iter().filter(|p| !matches!(p.location(), Some("body" | "formData"))) {
            let at = join(converted, &out.len().to_string());
            out.push(self.parameter(p.node, &p.at, &at));
        }
        Some(Value::Sequence(out))
    }

    fn operation(&mut self, value: &'d Value, at: &str, shared: &[Param<'d>]) -> Value {
        let Some(op) = value.as_mapping() else { return value.clone() };
        let consumes = strings(op.get("consumes")).unwrap_or_else(|| self.consumes.clone());
        let produces = strings(op.get("produces")).unwrap_or_else(|| self.produces.clone());
        let own = self.resolved(op.get("parameters"), &join(at, "parameters"));
        // The path's body and form parameters, unless the operation has one of the same
        // name and place (its own wins, as for any parameter).
        let overridden = |p: &Param| own.iter().any(|o| o.name() == p.name() && o.location() == p.location());
        let inherited: Vec<&Param> = shared
            .iter()
            .filter(|p| matches!(p.location(), Some("body" | "formData")) && !overridden(p))
            .collect();
        let mut out = Mapping::new();
        for (k, v) in op {
            let Some(name) = k.as_str() else { continue };
            match name {
                "consumes" | "produces" | "schemes" => {}
                "parameters" => {
                    let conv = join(at, "parameters");
                    let list = self.non_body_list(&own, &conv).unwrap_or_else(|| v.clone());
                    out.insert(k.clone(), list);
                }
                "responses" => {
                    let conv = join(at, "responses");
                    let responses = self.each(v, &conv, &conv, |c, v, o, at| c.response(v, o, at, &produces));
                    out.insert(k.clone(), responses);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        let body: Vec<&Param> = own
            .iter()
            .filter(|p| p.location() == Some("body"))
            .chain(inherited.iter().copied().filter(|p| p.location() == Some("body")))
            .collect();
        let form: Vec<&Param> = own
            .iter()
            .filter(|p| p.location() == Some("formData"))
            .chain(inherited.iter().copied().filter(|p| p.location() == Some("formData")))
            .collect();
        let conv = join(at, "requestBody");
        if let Some(extra) = body.get(1) {
            self.error(&extra.at, "a second `in: body` parameter: an operation has one body".into());
        }
        if let (Some(_), Some(f)) = (body.first(), form.first()) {
            self.error(&f.at, "`in: formData` beside an `in: body` parameter: an operation's body is one or the other".into());
        } else if let Some(b) = body.first() {
            if let Some(request) = self.json_body(b, &conv, &consumes) {
                out.insert(key("requestBody"), request);
            }
        } else if !form.is_empty() {
            let request = self.form_body(&form, &join(at, "parameters"), &conv, &consumes);
            out.insert(key("requestBody"), request);
        }
        Value::Mapping(out)
    }

    /// An `in: body` parameter as a request body, in each media type of `consumes`.
    fn json_body(&mut self, p: &Param<'d>, converted: &str, consumes: &[String]) -> Option<Value> {
        self.moved(converted, &p.at);
        let Some(schema) = p.get("schema") else {
            self.error(&p.at, "an `in: body` parameter needs a `schema`".into());
            return None;
        };
        let mut out = Mapping::new();
        if let Some(d) = p.get("description") {
            out.insert(key("description"), d.clone());
        }
        if let Some(r) = p.get("required") {
            out.insert(key("required"), r.clone());
        }
        let content = self.content(schema, &join(&p.at, "schema"), converted, consumes);
        out.insert(key("content"), content);
        Some(Value::Mapping(out))
    }

    /// A 3.0 `content` of `converted` (a request body or a response): the 2.0 `schema` at
    /// `original` once per media type (those of `consumes` / `produces`, JSON when none),
    /// each place mapped back to `original`.
    fn content(&mut self, schema: &Value, original: &str, converted: &str, media: &[String]) -> Value {
        self.moved(&join(converted, "content"), original);
        let media: Vec<&str> = match media.is_empty() {
            true => vec![DEFAULT_MEDIA_TYPE],
            false => media.iter().map(String::as_str).collect(),
        };
        let mut content = Mapping::new();
        for media_type in media {
            let at = join(&join(&join(converted, "content"), media_type), "schema");
            self.moved(&at, original);
            let schema = self.schema(schema, original, &at);
            content.insert(key(media_type), Value::Mapping(Mapping::from_iter([(key("schema"), schema)])));
        }
        Value::Mapping(content)
    }

    /// The `in: formData` parameters as one object body, a property each: multipart when a
    /// field is a file (2.0 requires it then), else the form media types of `consumes`
    /// (urlencoded when there are none). `parameters` is the operation's 2.0 list.
    fn form_body(&mut self, form: &[&Param<'d>], parameters: &str, converted: &str, consumes: &[String]) -> Value {
        self.moved(converted, &form[0].at);
        let file = form.iter().any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
        let media: Vec<&str> = if file {
            vec![MULTIPART]
        } else {
            let forms: Vec<&str> = consumes.iter().map(String::as_str).filter(|m| [FORM, MULTIPART].contains(m)).collect();
            if forms.is_empty() { vec![FORM] } else { forms }
        };
        let mut content = Mapping::new();
        for m in media {
            let media_at = join(&join(converted, "content"), m);
            let schema_at = join(&media_at, "schema");
            self.moved(&schema_at, parameters);
            let mut properties = Mapping::new();
            let mut required = Vec::new();
            let mut encoding = Mapping::new();
            for p in form {
                let (Some(name), Some(node)) = (p.name(), p.node.as_mapping()) else {
                    self.error(&p.at, "a form parameter needs a `name`".into());
                    continue;
                };
                let at = join(&join(&schema_at, "properties"), name);
                let mut schema = self.value_schema(node, &p.at, &at);
                if let (Some(d), Value::Mapping(s)) = (p.get("description"), &mut schema) {
                    s.insert(key("description"), d.clone());
                }
                properties.insert(key(name), schema);
                if p.get("required").and_then(Value::as_bool) == Some(true) {
                    required.push(key(name));
                }
                if p.get("type").and_then(Value::as_str) == Some("array") {
                    let format = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
                    let format_at = join(&p.at, "collectionFormat");
                    if let Some((style, explode)) = self.style("formData", format, &format_at) {
                        let field = Mapping::from_iter([(key("style"), key(style)), (key("explode"), Value::Bool(explode))]);
                        encoding.insert(key(name), Value::Mapping(field));
                        self.moved(&join(&join(&media_at, "encoding"), name), &format_at);
                    }
                }
            }
            let mut schema = Mapping::from_iter([(key("type"), key("object")), (key("properties"), Value::Mapping(properties))]);
            if !required.is_empty() {
                schema.insert(key("required"), Value::Sequence(required));
            }
            let mut media_type = Mapping::from_iter([(key("schema"), Value::Mapping(schema))]);
            if !encoding.is_empty() {
                media_type.insert(key("encoding"), Value::Mapping(encoding));
            }
            content.insert(key(m), Value::Mapping(media_type));
        }
        let required = form.iter().any(|p| p.get("required").and_then(Value::as_bool) == Some(true));
        Value::Mapping(Mapping::from_iter([
            (key("required"), Value::Bool(required)),
            (key("content"), Value::Mapping(content)),
        ]))
    }

    /// A response (or a `$ref` to one): its `schema` in each media type of `produces`, its
    /// headers' value keywords as their schemas.
    fn response(&mut self, value: &Value, original: &str, converted: &str, produces: &[String]) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in m {
            let Some(name) = k.as_str() else { continue };
            match name {
                "$ref" => {
                    out.insert(k.clone(), reference(v));
                }
                // Examples by media type: not read by the generator.
                "schema" | "examples" => {}
                "headers" => {
                    let (o, c) = (join(original, name), join(converted, name));
                    let headers = self.each(v, &o, &c, |c, v, o, at| c.header(v, o, at));
                    out.insert(k.clone(), headers);
                }
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        if let Some(schema) = m.get("schema") {
            let content = self.content(schema, &join(original, "schema"), converted, produces);
            out.insert(key("content"), content);
        }
        Value::Mapping(out)
    }

    fn header(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let mut out = Mapping::new();
        for (k, v) in m {
            match k.as_str() {
                Some(name) if VALUE_KEYWORDS.contains(&name) || name == "collectionFormat" => {}
                _ => {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        let schema = self.value_schema(m, original, &join(converted, "schema"));
        out.insert(key("schema"), schema);
        Value::Mapping(out)
    }

    /// A security definition: `basic` -> HTTP basic, `apiKey` as it is, `oauth2` -> its flow
    /// in `flows`.
    fn security_scheme(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let kind = m.get("type").and_then(Value::as_str);
        let mut out = Mapping::new();
        match kind {
            Some("basic") => {
                out.insert(key("type"), key("http"));
                out.insert(key("scheme"), key("basic"));
                self.moved(&join(converted, "scheme"), &join(original, "type"));
                for (k, v) in m.iter().filter(|(k, _)| k.as_str() != Some("type")) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Some("oauth2") => {
                let flow = m.get("flow").and_then(Value::as_str).unwrap_or("");
                let name = match flow {
                    "implicit" => "implicit",
                    "password" => "password",
                    "application" => "clientCredentials",
                    "accessCode" => "authorizationCode",
                    other => {
                        self.error(
                            &join(original, "flow"),
                            format!("oauth2 `flow` is `{other}`: one of implicit, password, application, accessCode"),
                        );
                        return value.clone();
                    }
                };
                let mut flow_object = Mapping::new();
                for (k, v) in m {
                    match k.as_str() {
                        Some("authorizationUrl" | "tokenUrl" | "scopes") => {
                            flow_object.insert(k.clone(), v.clone());
                        }
                        Some("flow") => {}
                        _ => {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                }
                if !flow_object.contains_key("scopes") {
                    flow_object.insert(key("scopes"), Value::Mapping(Mapping::new()));
                }
                let flows_at = join(converted, "flows");
                self.moved(&flows_at, &join(original, "flow"));
                self.moved(&join(&flows_at, name), original);
                let flows = Mapping::from_iter([(key(name), Value::Mapping(flow_object))]);
                out.insert(key("flows"), Value::Mapping(flows));
            }
            _ => return value.clone(),
        }
        Value::Mapping(out)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    fn converted(yaml: &str) -> Converted {
        let value: Value = serde_yaml::from_str(yaml).expect("yaml");
        convert(&value)
    }

    fn at<'v>(value: &'v Value, pointer: &str) -> &'v Value {
        crate::diag::segments(pointer).fold(value, |v, s| match v {
            Value::Sequence(items) => &items[s.parse::<usize>().expect("an index")],
            _ => v.get(s.as_str()).unwrap_or_else(|| panic!("no {s} in {pointer}")),
        })
    }

    #[test]
    fn collection_formats_become_styles_and_locations_map_back() {
        let c = converted(
            "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: body, in: body, schema: {type: object}}
        - {name: s, in: query, type: array, collectionFormat: ssv, items: {type: string}}
        - {name: p, in: query, type: array, collectionFormat: pipes, items: {type: string}}
        - {name: t, in: query, type: array, collectionFormat: tsv, items: {type: string}}
        - {name: h, in: header, type: array, items: {type: string}}
      responses:
        '200': {description: ok, schema: {type: file}}
securityDefinitions:
  o: {type: oauth2, flow: application, tokenUrl: 'https://t', scopes: {}}
",
        );
        let doc = &c.document;
        let style = |i: usize| {
            let p = at(doc, &format!("/paths/~1a/get/parameters/{i}"));
            (p["style"].as_str().unwrap().to_owned(), p["explode"].as_bool().unwrap())
        };
        assert_eq!(style(0), ("spaceDelimited".to_owned(), false));
        assert_eq!(style(1), ("pipeDelimited".to_owned(), false));
        assert_eq!(style(2), ("form".to_owned(), false));
        assert_eq!(style(3), ("simple".to_owned(), false));
        // tsv has no style of its own: a warning at its `collectionFormat`.
        assert_eq!(c.problems.len(), 1);
        assert_eq!(c.problems[0].pointer, "/paths/~1a/get/parameters/3/collectionFormat");
        let file = at(doc, "/paths/~1a/get/responses/200/content/application~1json/schema");
        assert_eq!((file["type"].as_str(), file["format"].as_str()), (Some("string"), Some("binary")));
        assert_eq!(at(doc, "/components/securitySchemes/o/flows/clientCredentials/tokenUrl").as_str(), Some("https://t"));
        // The body parameter left the list: the others are one place earlier, and the
        // diagnostics of each are at its 2.0 place.
        let original = |p: &str| c.pointers.original(p).into_owned();
        assert_eq!(original("/paths/~1a/get/parameters/0/schema/items"), "/paths/~1a/get/parameters/1/items");
        assert_eq!(original("/paths/~1a/get/requestBody/content/application~1json/schema/type"), "/paths/~1a/get/parameters/0/schema/type");
        assert_eq!(original("/paths/~1a/get/responses/200/content/application~1json/schema"), "/paths/~1a/get/responses/200/schema");
        assert_eq!(original("/components/securitySchemes/o/flows/clientCredentials/tokenUrl"), "/securityDefinitions/o/tokenUrl");
        assert_eq!(original("/openapi"), "/swagger");
        assert_eq!(original("/paths/~1a/get/responses"), "/paths/~1a/get/responses");
    }

    #[test]
    fn body_and_form_in_one_operation_is_an_error_at_the_form_parameter() {
        let c = converted(
            "swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    post:
      parameters:
        - {name: body, in: body, schema: {type: object}}
        - {name: f, in: formData, type: string}
      responses: {'200': {description: ok}}
",
        );
        assert_eq!(c.problems.len(), 1);
        assert!(c.problems[0].error);
        assert_eq!(c.problems[0].pointer, "/paths/~1a/post/parameters/1");
    }
}
