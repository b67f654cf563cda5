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

mod bodies;
mod parameters;
mod responses;
mod schemas;
mod security;


use serde_yaml::{Mapping, Value};

use crate::diag::join;
use parameters::Param;
pub(crate) use super::pointer_map::PointerMap;

/// The version a converted document declares.
const OPENAPI_VERSION: &str = "3.0.3";

/// The media type of a body or response when neither the operation nor the document
/// says (`consumes` / `produces`): 2.0 APIs are JSON APIs unless they say otherwise.
const DEFAULT_MEDIA_TYPE: &str = "application/json";

const FORM: &str = "application/x-www-form-urlencoded";
const MULTIPART: &str = "multipart/form-data";

/// The methods of a 2.0 path item (2.0 has no `trace`).
const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

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
    Converted { document, pointers: c.map, problems: c.problems }
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
    map: PointerMap,
    problems: Vec<Problem>,
    /// The document's `consumes` and `produces` (an operation's own replace them).
    consumes: Vec<String>,
    produces: Vec<String>,
    /// The document's `parameters`: a body or form parameter referenced from an operation
    /// becomes part of that operation's request body.
    parameters: Option<&'d Mapping>,
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
