//! Importer: an AWS rest-json service model (botocore `service-2.json`, optionally with its
//! `paginators-1.json`) into an OpenAPI 3.1 YAML document in this project's conventions
//! (`x-aws-protocol`, `x-aws-sigv4`; see the README), for `sdkgen import-aws`.
//!
//! How the model maps:
//! - each operation becomes `paths.<requestUri>.<method>`; members of the input shape bound to
//!   the URI, query string or a header become parameters, the other members form the JSON
//!   body, a component schema named after the input shape;
//! - the output shape is the success response's schema; each error shape is a response in
//!   `components.responses` (and a schema), referenced under its `httpStatusCode`;
//! - structures and string enums are component schemas; every other shape is written inline
//!   where a member uses it (lists, maps, strings with their constraints, numbers, ...);
//! - traits: `sensitive` -> `x-sensitive`, `idempotencyToken` -> `x-aws-idempotency-token`,
//!   paginators -> `x-aws-pagination` on the operation;
//! - documentation HTML becomes plain text ([`html_to_text`]).
//!
//! Order is deterministic and follows the model: paths in the order their first operation
//! appears in the file, operations in file order within a path, members in model order.
//! Component schemas and responses are in the order they are first reached walking the
//! operations in file order, depth first, each operation's parts in the order the document
//! shows them: parameters, request body, success response, errors by status code.
//!
//! What cannot be expressed faithfully is refused with an `Err` naming the shape or operation
//! (unions, documents, event streams, streaming or payload members, host prefixes, greedy
//! labels, literal query strings), never silently dropped.

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::{Mapping, Value};

use crate::model::placeholders;

/// The text before the YAML document.
const HEADER_LINES: [&str; 4] = [
    "# Imported by `sdkgen import-aws` from the AWS service model {uid}",
    "# ({title}). Generated mechanically: review it before committing it as a spec.",
    "# Documentation was converted from HTML to plain text; anything the model says that",
    "# OpenAPI cannot express is noted in the descriptions or carried by x-aws-* extensions.",
];

const SIGV4_DOC: &str = "AWS Signature Version 4. Every request is signed with AWS credentials \
(access key ID, secret access key and optional session token): the client builds a canonical \
request, derives a signing key from the secret key, date, region and service signing name, and \
sends the result in the Authorization header (together with X-Amz-Date and, for temporary \
credentials, X-Amz-Security-Token). It is modelled as an apiKey header only because OpenAPI has \
no native SigV4 scheme; see x-aws-sigv4.";

/// Converts an AWS rest-json service model (and optionally its paginators) into an OpenAPI 3.1 YAML document.
pub fn import(service_json: &str, paginators_json: Option<&str>) -> Result<String, String> {
    let model: Model = serde_json::from_str(service_json)
        .map_err(|e| format!("the service model is not a valid AWS JSON service model: {e}"))?;
    let paginators: Option<Paginators> = paginators_json
        .map(|text| {
            serde_json::from_str(text).map_err(|e| {
                format!("the paginators file is not a valid AWS paginators model: {e}")
            })
        })
        .transpose()?;
    let mut importer = Importer::new(&model)?;
    let document = importer.document(paginators.as_ref())?;
    let yaml = serde_yaml::to_string(&Value::Mapping(document))
        .map_err(|e| format!("cannot write the OpenAPI document as YAML: {e}"))?;
    let title = model.metadata.service_full_name.as_deref().unwrap_or("");
    let uid = model.metadata.uid.as_deref().unwrap_or("");
    let mut out = String::new();
    for line in HEADER_LINES {
        out.push_str(&line.replace("{uid}", uid).replace("{title}", title));
        out.push('\n');
    }
    // serde_yaml writes `version: 2024-02-01` bare, which YAML 1.1 readers (PyYAML, many
    // tools) take for a date: quote it.
    let api_version = model.metadata.api_version.as_deref().unwrap_or("");
    let bare = format!("\n  version: {api_version}\n");
    let yaml = if api_version.is_empty() {
        yaml
    } else {
        yaml.replacen(&bare, &format!("\n  version: '{api_version}'\n"), 1)
    };
    out.push_str(&yaml);
    Ok(out)
}

// ----- the AWS model, as far as it is read ---------------------------------------------------
//
// Maps are `IndexMap`s so that the model's order (operations, members) is kept: serde_json's own
// map is sorted unless a feature is enabled for the whole build.

#[derive(Deserialize)]
struct Model {
    metadata: Metadata,
    #[serde(default)]
    operations: IndexMap<String, Operation>,
    #[serde(default)]
    shapes: IndexMap<String, Shape>,
    documentation: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Metadata {
    api_version: Option<String>,
    endpoint_prefix: Option<String>,
    protocol: Option<String>,
    service_full_name: Option<String>,
    service_id: Option<String>,
    signing_name: Option<String>,
    signature_version: Option<String>,
    #[serde(default)]
    auth: Vec<String>,
    uid: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Operation {
    http: Option<Http>,
    input: Option<Member>,
    output: Option<Member>,
    #[serde(default)]
    errors: Vec<Member>,
    documentation: Option<String>,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    authtype: Option<String>,
    endpoint: Option<Endpoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Http {
    method: Option<String>,
    request_uri: Option<String>,
    response_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint {
    host_prefix: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shape {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    members: IndexMap<String, Member>,
    /// The items of a list.
    member: Option<Member>,
    /// The values of a map (its keys are strings in JSON).
    value: Option<Member>,
    #[serde(default)]
    required: Vec<String>,
    documentation: Option<String>,
    min: Option<serde_json::Number>,
    max: Option<serde_json::Number>,
    pattern: Option<String>,
    #[serde(rename = "enum")]
    enumeration: Option<Vec<String>>,
    #[serde(default)]
    sensitive: bool,
    timestamp_format: Option<String>,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    #[serde(default)]
    union: bool,
    #[serde(default)]
    document: bool,
    #[serde(default)]
    eventstream: bool,
    #[serde(default)]
    event: bool,
    #[serde(default)]
    streaming: bool,
    payload: Option<String>,
    error: Option<ErrorTrait>,
    #[serde(default)]
    fault: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorTrait {
    http_status_code: Option<u16>,
}

/// A reference to a shape with the traits of its use: a structure member, a list's items,
/// an operation's input, output or error.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Member {
    shape: Option<String>,
    documentation: Option<String>,
    location: Option<String>,
    location_name: Option<String>,
    #[serde(default)]
    idempotency_token: bool,
    #[serde(default)]
    sensitive: bool,
    timestamp_format: Option<String>,
    #[serde(default)]
    deprecated: bool,
    deprecated_message: Option<String>,
    #[serde(default)]
    jsonvalue: bool,
    #[serde(default)]
    streaming: bool,
}

#[derive(Deserialize)]
struct Paginators {
    #[serde(default)]
    pagination: IndexMap<String, IndexMap<String, serde_json::Value>>,
}

// ----- the conversion -------------------------------------------------------------------------

/// Where a value travels: the timestamp format defaults differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loc {
    Body,
    Path,
    Query,
    Header,
}

struct Importer<'m> {
    model: &'m Model,
    /// `components.schemas`, in the order first reached (a `Null` placeholder while a
    /// structure's members are being walked, so that recursion ends).
    schemas: Mapping,
    /// `components.responses`, in the order first reached.
    responses: Mapping,
    /// Input, output and error shapes with members bound to HTTP (`location`): their schema
    /// holds only the body members, so they cannot also be used as nested structures.
    split: HashSet<String>,
}

fn key(k: &str) -> Value {
    Value::String(k.to_owned())
}

fn put(m: &mut Mapping, k: &str, v: impl Into<Value>) {
    m.insert(key(k), v.into());
}

fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

fn yaml_number(n: &serde_json::Number) -> Value {
    if let Some(i) = n.as_i64() {
        Value::from(i)
    } else if let Some(u) = n.as_u64() {
        Value::from(u)
    } else {
        Value::from(n.as_f64().unwrap_or(0.0))
    }
}

/// `text` with `note` as a paragraph of its own after it.
fn with_note(text: Option<String>, note: &str) -> String {
    match text {
        Some(t) if !t.is_empty() => format!("{t}\n\n{note}"),
        _ => note.to_owned(),
    }
}

fn deprecation_note(message: Option<&str>) -> String {
    match message.map(html_to_text).filter(|m| !m.is_empty()) {
        Some(m) => format!("Deprecated: {m}"),
        None => "Deprecated.".to_owned(),
    }
}

fn docs(html: Option<&str>) -> Option<String> {
    html.map(html_to_text).filter(|t| !t.is_empty())
}

impl<'m> Importer<'m> {
    fn new(model: &'m Model) -> Result<Self, String> {
        let mut split = HashSet::new();
        for (op_name, op) in &model.operations {
            let tops = op.input.iter().chain(&op.output).chain(&op.errors);
            for top in tops {
                let name = top.shape.as_deref().ok_or_else(|| {
                    format!("operation `{op_name}`: an input, output or error names no shape")
                })?;
                if let Some(shape) = model.shapes.get(name) {
                    if shape.members.values().any(|m| m.location.is_some()) {
                        split.insert(name.to_owned());
                    }
                }
            }
        }
        Ok(Self {
            model,
            schemas: Mapping::new(),
            responses: Mapping::new(),
            split,
        })
    }

    fn shape(&self, name: &str, used_by: &str) -> Result<&'m Shape, String> {
        let shape = self.model.shapes.get(name).ok_or_else(|| {
            format!("shape `{name}` (used by {used_by}) is not defined in the model's `shapes`")
        })?;
        let unsupported = if shape.union {
            Some("a union (exactly one member set), which OpenAPI schemas here cannot express")
        } else if shape.document {
            Some("a document (untyped JSON)")
        } else if shape.eventstream || shape.event {
            Some("an event stream")
        } else if shape.streaming {
            Some("a streaming body")
        } else {
            None
        };
        if let Some(what) = unsupported {
            return Err(format!(
                "shape `{name}` (used by {used_by}) is {what}: not supported"
            ));
        }
        if let Some(payload) = &shape.payload {
            return Err(format!(
                "shape `{name}` (used by {used_by}) sends its member `{payload}` as the whole \
                 HTTP body (`payload`): not supported"
            ));
        }
        Ok(shape)
    }

    fn document(&mut self, paginators: Option<&Paginators>) -> Result<Mapping, String> {
        let model = self.model;
        let meta = &model.metadata;
        match meta.protocol.as_deref() {
            Some("rest-json") => {}
            Some(other) => {
                return Err(format!(
                    "the model's protocol is `{other}`: only `rest-json` services can be imported"
                ))
            }
            None => return Err(
                "the model's metadata names no protocol: only `rest-json` services can be imported"
                    .into(),
            ),
        }
        let sigv4 = meta.signature_version.as_deref().is_some_and(|v| v == "v4")
            || meta.auth.iter().any(|a| a == "aws.auth#sigv4");
        if !sigv4 {
            return Err(format!(
                "the service is not signed with SigV4 (signatureVersion {:?}, auth {:?}): not supported",
                meta.signature_version, meta.auth
            ));
        }
        let version = meta
            .api_version
            .clone()
            .ok_or("the model's metadata has no `apiVersion`")?;
        let title = meta
            .service_full_name
            .clone()
            .or_else(|| meta.service_id.clone())
            .ok_or("the model's metadata has neither `serviceFullName` nor `serviceId`")?;
        let prefix = meta
            .endpoint_prefix
            .clone()
            .ok_or("the model's metadata has no `endpointPrefix`")?;
        let signing_name = meta.signing_name.clone().unwrap_or_else(|| prefix.clone());

        if let Some(p) = paginators {
            for name in p.pagination.keys() {
                if !model.operations.contains_key(name) {
                    return Err(format!(
                        "the paginators name operation `{name}`, which the model does not define"
                    ));
                }
            }
        }

        let mut paths = Mapping::new();
        for (op_name, op) in &model.operations {
            let pagination = paginators.and_then(|p| p.pagination.get(op_name));
            let (path, method, operation) = self.operation(op_name, op, pagination)?;
            let item = paths
                .entry(key(&path))
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            let Value::Mapping(item) = item else {
                unreachable!("path items are mappings")
            };
            if item.contains_key(method.as_str()) {
                return Err(format!(
                    "operation `{op_name}`: another operation already is `{} {path}`",
                    method.to_uppercase()
                ));
            }
            put(item, &method, operation);
        }

        let mut doc = Mapping::new();
        put(&mut doc, "openapi", "3.1.0");
        let mut info = Mapping::new();
        put(&mut info, "title", title);
        put(&mut info, "version", version);
        if let Some(d) = docs(model.documentation.as_deref()) {
            put(&mut info, "description", d);
        }
        put(&mut doc, "info", info);

        let mut region = Mapping::new();
        put(&mut region, "default", "us-east-1");
        put(
            &mut region,
            "description",
            "AWS Region code, e.g. us-east-1. Also used as the SigV4 signing region.",
        );
        let mut variables = Mapping::new();
        put(&mut variables, "region", region);
        let mut server = Mapping::new();
        put(
            &mut server,
            "url",
            format!("https://{prefix}.{{region}}.amazonaws.com"),
        );
        put(&mut server, "description", "Regional endpoint.");
        put(&mut server, "variables", variables);
        put(&mut doc, "servers", vec![Value::Mapping(server)]);
        put(&mut doc, "x-aws-protocol", "rest-json");
        put(&mut doc, "security", vec![sigv4_requirement()]);
        put(&mut doc, "paths", paths);

        let mut x_sigv4 = Mapping::new();
        put(&mut x_sigv4, "signingName", signing_name);
        put(&mut x_sigv4, "regionVariable", "region");
        let mut scheme = Mapping::new();
        put(&mut scheme, "type", "apiKey");
        put(&mut scheme, "in", "header");
        put(&mut scheme, "name", "Authorization");
        put(&mut scheme, "description", SIGV4_DOC);
        put(&mut scheme, "x-aws-sigv4", x_sigv4);
        let mut schemes = Mapping::new();
        put(&mut schemes, "sigv4", scheme);
        let mut components = Mapping::new();
        put(&mut components, "securitySchemes", schemes);
        if !self.responses.is_empty() {
            put(
                &mut components,
                "responses",
                std::mem::take(&mut self.responses),
            );
        }
        if !self.schemas.is_empty() {
            put(
                &mut components,
                "schemas",
                std::mem::take(&mut self.schemas),
            );
        }
        put(&mut doc, "components", components);
        Ok(doc)
    }

    /// One operation: its path, lower-case method and operation object.
    fn operation(
        &mut self,
        op_name: &str,
        op: &Operation,
        pagination: Option<&IndexMap<String, serde_json::Value>>,
    ) -> Result<(String, String, Mapping), String> {
        let what = format!("operation `{op_name}`");
        let http = op
            .http
            .as_ref()
            .ok_or_else(|| format!("{what} has no `http` binding"))?;
        let method = http
            .method
            .as_deref()
            .ok_or_else(|| format!("{what} has no HTTP method"))?
            .to_ascii_lowercase();
        if !crate::spec::METHODS.contains(&method.as_str()) {
            return Err(format!(
                "{what}: unknown HTTP method `{}`",
                method.to_uppercase()
            ));
        }
        let path = http
            .request_uri
            .clone()
            .ok_or_else(|| format!("{what} has no `requestUri`"))?;
        if let Some((_, query)) = path.split_once('?') {
            return Err(format!(
                "{what}: its requestUri `{path}` has a literal query string (`{query}`), which \
                 OpenAPI paths cannot hold: not supported"
            ));
        }
        if !path.starts_with('/') {
            return Err(format!(
                "{what}: its requestUri `{path}` does not start with `/`"
            ));
        }
        if path.contains("+}") {
            return Err(format!(
                "{what}: its requestUri `{path}` has a greedy label (`{{name+}}`, which may \
                 span several segments): not supported"
            ));
        }
        if let Some(prefix) = op.endpoint.as_ref().and_then(|e| e.host_prefix.as_deref()) {
            return Err(format!(
                "{what}: its endpoint has a host prefix (`{prefix}`): not supported"
            ));
        }

        let mut operation = Mapping::new();
        put(&mut operation, "operationId", op_name);
        let mut description = docs(op.documentation.as_deref());
        if op.deprecated {
            description = Some(with_note(
                description,
                &deprecation_note(op.deprecated_message.as_deref()),
            ));
        }
        if let Some(d) = description {
            put(&mut operation, "description", d);
        }
        if op.deprecated {
            put(&mut operation, "deprecated", true);
        }

        // Parameters and body.
        let mut parameters = Vec::new();
        let mut path_params = Vec::new();
        let mut body: Option<(String, bool)> = None;
        if let Some(input) = &op.input {
            let input_name = input.shape.as_deref().unwrap_or_default();
            let shape = self.shape(input_name, &format!("the input of {what}"))?;
            if shape.kind.as_deref() != Some("structure") {
                return Err(format!(
                    "{what}: its input shape `{input_name}` is not a structure"
                ));
            }
            self.check_required(input_name, shape)?;
            let mut has_body = false;
            let mut body_required = false;
            for (member_name, member) in &shape.members {
                let Some(location) = member.location.as_deref() else {
                    has_body = true;
                    body_required |= shape.required.contains(member_name);
                    continue;
                };
                let at = format!("member `{input_name}.{member_name}`");
                let (loc, in_) = match location {
                    "uri" => (Loc::Path, "path"),
                    "querystring" => (Loc::Query, "query"),
                    "header" => (Loc::Header, "header"),
                    other => {
                        return Err(format!(
                            "{at}: location `{other}` is not supported (only uri, querystring and header)"
                        ))
                    }
                };
                let wire = member
                    .location_name
                    .clone()
                    .unwrap_or_else(|| member_name.clone());
                let target = member
                    .shape
                    .as_deref()
                    .ok_or_else(|| format!("{at} names no shape"))?;
                let target_shape = self.shape(target, &at)?;
                let mut param_doc = docs(member.documentation.as_deref())
                    .or_else(|| docs(target_shape.documentation.as_deref()));
                if member.deprecated {
                    param_doc = Some(with_note(
                        param_doc,
                        &deprecation_note(member.deprecated_message.as_deref()),
                    ));
                }
                let schema = self.member_schema(target, Some(member), None, loc, &at)?;
                let required = loc == Loc::Path || shape.required.contains(member_name);
                let mut param = Mapping::new();
                put(&mut param, "name", wire.clone());
                put(&mut param, "in", in_);
                if let Some(d) = param_doc {
                    put(&mut param, "description", d);
                }
                if required {
                    put(&mut param, "required", true);
                }
                if member.deprecated {
                    put(&mut param, "deprecated", true);
                }
                put(&mut param, "schema", schema);
                if member.idempotency_token {
                    put(&mut param, "x-aws-idempotency-token", true);
                }
                if loc == Loc::Path {
                    path_params.push(wire);
                }
                parameters.push(Value::Mapping(param));
            }
            if has_body {
                self.component(input_name, true, &format!("the input of {what}"))?;
                body = Some((input_name.to_owned(), body_required));
            }
        }
        for placeholder in placeholders(&path) {
            if !path_params.iter().any(|p| p == placeholder) {
                return Err(format!(
                    "{what}: its requestUri `{path}` has `{{{placeholder}}}`, but no input member is bound to it"
                ));
            }
        }
        for param in &path_params {
            if !placeholders(&path).any(|p| p == param) {
                return Err(format!(
                    "{what}: input member bound to the URI label `{param}`, which its requestUri `{path}` does not have"
                ));
            }
        }
        if !parameters.is_empty() {
            put(&mut operation, "parameters", parameters);
        }
        if let Some((input_name, required)) = body {
            let mut schema = Mapping::new();
            put(&mut schema, "$ref", schema_ref(&input_name));
            let mut media = Mapping::new();
            put(&mut media, "schema", schema);
            let mut content = Mapping::new();
            put(&mut content, "application/json", media);
            let mut request_body = Mapping::new();
            put(&mut request_body, "required", required);
            put(&mut request_body, "content", content);
            put(&mut operation, "requestBody", request_body);
        }

        // Responses: success, then errors by status.
        let mut responses = Mapping::new();
        let status = http.response_code.unwrap_or(200);
        let mut success = Mapping::new();
        let mut success_doc = "Success.".to_owned();
        let mut success_schema = None;
        if let Some(output) = &op.output {
            let output_name = output.shape.as_deref().unwrap_or_default();
            let shape = self.shape(output_name, &format!("the output of {what}"))?;
            if shape.kind.as_deref() != Some("structure") {
                return Err(format!(
                    "{what}: its output shape `{output_name}` is not a structure"
                ));
            }
            if let Some(d) = docs(shape.documentation.as_deref()) {
                success_doc = d;
            }
            if let Some(note) = self.located_note(output_name, shape)? {
                success_doc = with_note(Some(success_doc), &note);
            }
            if shape.members.values().any(|m| m.location.is_none()) {
                self.component(output_name, true, &format!("the output of {what}"))?;
                success_schema = Some(output_name.to_owned());
            }
        }
        put(&mut success, "description", success_doc);
        if let Some(name) = success_schema {
            put(&mut success, "content", json_content(&name));
        }
        responses.insert(Value::String(status.to_string()), Value::Mapping(success));

        let mut errors: Vec<(u16, &str)> = Vec::new();
        for error in &op.errors {
            let name = error.shape.as_deref().unwrap_or_default();
            let shape = self.shape(name, &format!("the errors of {what}"))?;
            if shape.kind.as_deref() != Some("structure") {
                return Err(format!(
                    "{what}: its error shape `{name}` is not a structure"
                ));
            }
            // Without an explicit status, AWS uses 500 for server faults and 400 otherwise.
            let code = shape
                .error
                .as_ref()
                .and_then(|e| e.http_status_code)
                .unwrap_or(if shape.fault { 500 } else { 400 });
            if code == status {
                return Err(format!(
                    "{what}: error `{name}` has the success status {code}"
                ));
            }
            errors.push((code, name));
        }
        errors.sort_by_key(|(code, _)| *code); // stable: the model's order within a status
        let mut i = 0;
        while i < errors.len() {
            let (code, name) = errors[i];
            self.error_response(name, &what)?;
            let mut response = Mapping::new();
            put(
                &mut response,
                "$ref",
                format!("#/components/responses/{name}"),
            );
            let mut also = Vec::new();
            while i + 1 < errors.len() && errors[i + 1].0 == code {
                i += 1;
                self.error_response(errors[i].1, &what)?;
                also.push(Value::from(errors[i].1));
            }
            if !also.is_empty() {
                put(&mut response, "x-aws-errors-also", also);
            }
            responses.insert(Value::String(code.to_string()), Value::Mapping(response));
            i += 1;
        }
        put(&mut operation, "responses", responses);

        if let Some(pagination) = pagination {
            put(
                &mut operation,
                "x-aws-pagination",
                self.pagination(op_name, op, pagination)?,
            );
        }
        match op.authtype.as_deref() {
            Some("none") => put(&mut operation, "security", Vec::<Value>::new()),
            None | Some("v4") => {}
            Some(other) => return Err(format!("{what}: authtype `{other}` is not supported")),
        }
        Ok((path, method, operation))
    }

    /// `components.responses.<name>` (and its schema) for an error shape.
    fn error_response(&mut self, name: &str, what: &str) -> Result<(), String> {
        if self.responses.contains_key(name) {
            return Ok(());
        }
        let shape = self.shape(name, &format!("the errors of {what}"))?;
        let mut description =
            docs(shape.documentation.as_deref()).unwrap_or_else(|| format!("The `{name}` error."));
        if let Some(note) = self.located_note(name, shape)? {
            description = with_note(Some(description), &note);
        }
        let mut response = Mapping::new();
        put(&mut response, "description", description);
        if shape.members.values().any(|m| m.location.is_none()) {
            self.component(name, true, &format!("the errors of {what}"))?;
            put(&mut response, "content", json_content(name));
        }
        put(&mut self.responses, name, response);
        Ok(())
    }

    /// A note on response members bound to HTTP (headers, status), which are left out.
    fn located_note(&self, name: &str, shape: &Shape) -> Result<Option<String>, String> {
        let mut left_out = Vec::new();
        for (member_name, member) in &shape.members {
            match member.location.as_deref() {
                None => {}
                Some("header") => left_out.push(format!(
                    "`{member_name}` (header `{}`)",
                    member.location_name.as_deref().unwrap_or(member_name)
                )),
                Some("headers") => left_out.push(format!(
                    "`{member_name}` (headers prefixed `{}`)",
                    member.location_name.as_deref().unwrap_or("")
                )),
                Some("statusCode") => left_out.push(format!("`{member_name}` (the HTTP status code)")),
                Some(other) => {
                    return Err(format!(
                        "member `{name}.{member_name}`: location `{other}` is not supported in a response"
                    ))
                }
            }
        }
        if left_out.is_empty() {
            return Ok(None);
        }
        Ok(Some(format!(
            "Not imported: the AWS model also returns {} outside the JSON body; this document \
             leaves {} out.",
            left_out.join(", "),
            if left_out.len() == 1 { "it" } else { "them" }
        )))
    }

    /// `x-aws-pagination`: the paginator's keys in camelCase, values as in the file.
    fn pagination(
        &self,
        op_name: &str,
        op: &Operation,
        pagination: &IndexMap<String, serde_json::Value>,
    ) -> Result<Mapping, String> {
        let members_of = |part: Option<&Member>| -> Vec<&str> {
            part.and_then(|p| p.shape.as_deref())
                .and_then(|s| self.model.shapes.get(s))
                .map(|s| s.members.keys().map(String::as_str).collect())
                .unwrap_or_default()
        };
        let inputs = members_of(op.input.as_ref());
        let outputs = members_of(op.output.as_ref());
        let none = Vec::new();
        let mut out = Mapping::new();
        for (k, v) in pagination {
            // Plain member names are checked; JMESPath expressions are kept as they are.
            let (members, side) = match k.as_str() {
                "input_token" | "limit_key" => (&inputs, "input"),
                "output_token" | "result_key" | "more_results" => (&outputs, "output"),
                _ => (&none, ""),
            };
            let names: Vec<&str> = match v {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => Vec::new(),
            };
            for name in names {
                let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !side.is_empty() && plain && !members.contains(&name) {
                    return Err(format!(
                        "paginator of operation `{op_name}`: `{k}` is `{name}`, which is not a member of the {side} shape"
                    ));
                }
            }
            let value = serde_yaml::to_value(v)
                .map_err(|e| format!("paginator of operation `{op_name}`: `{k}`: {e}"))?;
            put(&mut out, &camel_case(k), value);
        }
        Ok(out)
    }

    fn check_required(&self, name: &str, shape: &Shape) -> Result<(), String> {
        for required in &shape.required {
            if !shape.members.contains_key(required) {
                return Err(format!(
                    "shape `{name}` lists `{required}` as required, but has no such member"
                ));
            }
        }
        Ok(())
    }

    /// Adds the component schema of structure `name` if it is not there yet. `top_level`: the
    /// input, output or an error of an operation, whose members bound to HTTP are left out.
    fn component(&mut self, name: &str, top_level: bool, used_by: &str) -> Result<(), String> {
        if !top_level && self.split.contains(name) {
            return Err(format!(
                "shape `{name}` is used by {used_by} as a nested structure, but it is also the \
                 input, output or error of an operation with members bound to HTTP: one schema \
                 cannot be both; not supported"
            ));
        }
        if self.schemas.contains_key(name) {
            return Ok(());
        }
        let shape = self.shape(name, used_by)?;
        self.check_required(name, shape)?;
        // Reserve the place first: the order is that of first reach, and recursion ends here.
        put(&mut self.schemas, name, Value::Null);
        let mut schema = Mapping::new();
        put(&mut schema, "type", "object");
        let mut description = docs(shape.documentation.as_deref());
        if shape.deprecated {
            description = Some(with_note(
                description,
                &deprecation_note(shape.deprecated_message.as_deref()),
            ));
        }
        if let Some(d) = description {
            put(&mut schema, "description", d);
        }
        let mut required = Vec::new();
        let mut properties = Mapping::new();
        for (member_name, member) in &shape.members {
            if top_level && member.location.is_some() {
                continue;
            }
            let at = format!("member `{name}.{member_name}`");
            if member.jsonvalue || member.streaming {
                return Err(format!(
                    "{at}: a JSON-valued or streaming member is not supported"
                ));
            }
            let wire = member
                .location_name
                .clone()
                .unwrap_or_else(|| member_name.clone());
            if properties.contains_key(wire.as_str()) {
                return Err(format!(
                    "{at}: another member of `{name}` is also named `{wire}` in JSON"
                ));
            }
            let target = member
                .shape
                .as_deref()
                .ok_or_else(|| format!("{at} names no shape"))?;
            let target_shape = self.shape(target, &at)?;
            // A `$ref` is described by its target; other schemas fall back to the target's docs.
            let is_ref = matches!(target_shape.kind.as_deref(), Some("structure"))
                || target_shape.enumeration.is_some();
            let mut doc = docs(member.documentation.as_deref());
            if doc.is_none() && !is_ref {
                doc = docs(target_shape.documentation.as_deref());
            }
            if member.deprecated {
                doc = Some(with_note(
                    doc,
                    &deprecation_note(member.deprecated_message.as_deref()),
                ));
            }
            let mut property = self.member_schema(target, Some(member), doc, Loc::Body, &at)?;
            if member.idempotency_token {
                put(&mut property, "x-aws-idempotency-token", true);
            }
            if shape.required.contains(member_name) {
                required.push(Value::String(wire.clone()));
            }
            properties.insert(Value::String(wire), Value::Mapping(property));
        }
        if !required.is_empty() {
            put(&mut schema, "required", required);
        }
        if !properties.is_empty() {
            put(&mut schema, "properties", properties);
        }
        put(&mut self.schemas, name, schema);
        Ok(())
    }

    /// The schema of a value of shape `target`, used through `member` (whose traits apply).
    fn member_schema(
        &mut self,
        target: &str,
        member: Option<&Member>,
        description: Option<String>,
        loc: Loc,
        at: &str,
    ) -> Result<Mapping, String> {
        let shape = self.shape(target, at)?;
        let kind = shape
            .kind
            .as_deref()
            .ok_or_else(|| format!("shape `{target}` (used by {at}) has no `type`"))?;
        let mut s = Mapping::new();
        let describe = |s: &mut Mapping, description: Option<String>| {
            if let Some(d) = description {
                put(s, "description", d);
            }
        };
        let number = |s: &mut Mapping, k: &str, n: &Option<serde_json::Number>| {
            if let Some(n) = n {
                s.insert(key(k), yaml_number(n));
            }
        };
        match kind {
            "structure" => {
                self.component(target, false, at)?;
                put(&mut s, "$ref", schema_ref(target));
                describe(&mut s, description);
            }
            "string" if shape.enumeration.is_some() => {
                self.enum_component(target, shape);
                put(&mut s, "$ref", schema_ref(target));
                describe(&mut s, description);
            }
            "string" => {
                put(&mut s, "type", "string");
                describe(&mut s, description);
                number(&mut s, "minLength", &shape.min);
                number(&mut s, "maxLength", &shape.max);
                if let Some(p) = &shape.pattern {
                    put(&mut s, "pattern", p.clone());
                }
            }
            "integer" | "long" => {
                put(&mut s, "type", "integer");
                put(
                    &mut s,
                    "format",
                    if kind == "integer" { "int32" } else { "int64" },
                );
                describe(&mut s, description);
                number(&mut s, "minimum", &shape.min);
                number(&mut s, "maximum", &shape.max);
            }
            "double" | "float" => {
                put(&mut s, "type", "number");
                put(&mut s, "format", kind);
                describe(&mut s, description);
                number(&mut s, "minimum", &shape.min);
                number(&mut s, "maximum", &shape.max);
            }
            "boolean" => {
                put(&mut s, "type", "boolean");
                describe(&mut s, description);
            }
            "timestamp" => {
                let format = member
                    .and_then(|m| m.timestamp_format.as_deref())
                    .or(shape.timestamp_format.as_deref())
                    .unwrap_or(match loc {
                        // The rest-json defaults.
                        Loc::Body => "unixTimestamp",
                        Loc::Path | Loc::Query => "iso8601",
                        Loc::Header => "rfc822",
                    });
                match (format, loc) {
                    ("unixTimestamp", _) => {
                        put(&mut s, "type", "number");
                        put(&mut s, "format", "epoch-seconds");
                    }
                    (other, Loc::Body) => {
                        return Err(format!(
                            "{at}: timestamp `{target}` has the format `{other}` in a JSON body; \
                             only unixTimestamp (epoch seconds) is supported there"
                        ))
                    }
                    ("iso8601", _) => {
                        put(&mut s, "type", "string");
                        put(&mut s, "format", "date-time");
                    }
                    ("rfc822", _) => {
                        put(&mut s, "type", "string");
                        put(&mut s, "format", "http-date");
                    }
                    (other, _) => {
                        return Err(format!(
                            "{at}: timestamp `{target}` has an unknown format `{other}`"
                        ))
                    }
                }
                describe(&mut s, description);
            }
            "blob" => {
                put(&mut s, "type", "string");
                put(&mut s, "format", "byte");
                describe(&mut s, description);
            }
            "list" => {
                let item = shape.member.as_ref().ok_or_else(|| {
                    format!("list shape `{target}` (used by {at}) has no `member`")
                })?;
                let item_target = item
                    .shape
                    .as_deref()
                    .ok_or_else(|| format!("list shape `{target}` names no item shape"))?;
                put(&mut s, "type", "array");
                describe(&mut s, description);
                number(&mut s, "minItems", &shape.min);
                number(&mut s, "maxItems", &shape.max);
                let items = self.member_schema(
                    item_target,
                    Some(item),
                    None,
                    loc,
                    &format!("the items of list `{target}`"),
                )?;
                put(&mut s, "items", items);
            }
            "map" => {
                let value = shape
                    .value
                    .as_ref()
                    .ok_or_else(|| format!("map shape `{target}` (used by {at}) has no `value`"))?;
                let value_target = value
                    .shape
                    .as_deref()
                    .ok_or_else(|| format!("map shape `{target}` names no value shape"))?;
                put(&mut s, "type", "object");
                describe(&mut s, description);
                number(&mut s, "minProperties", &shape.min);
                number(&mut s, "maxProperties", &shape.max);
                let values = self.member_schema(
                    value_target,
                    Some(value),
                    None,
                    loc,
                    &format!("the values of map `{target}`"),
                )?;
                put(&mut s, "additionalProperties", values);
            }
            other => {
                return Err(format!(
                    "shape `{target}` (used by {at}) has the type `{other}`, which is not supported"
                ))
            }
        }
        if shape.sensitive || member.is_some_and(|m| m.sensitive) {
            put(&mut s, "x-sensitive", true);
        }
        Ok(s)
    }

    fn enum_component(&mut self, name: &str, shape: &Shape) {
        if self.schemas.contains_key(name) {
            return;
        }
        let mut schema = Mapping::new();
        put(&mut schema, "type", "string");
        if let Some(d) = docs(shape.documentation.as_deref()) {
            put(&mut schema, "description", d);
        }
        let values: Vec<Value> = shape
            .enumeration
            .iter()
            .flatten()
            .map(|v| Value::String(v.clone()))
            .collect();
        put(&mut schema, "enum", values);
        put(&mut self.schemas, name, schema);
    }
}

fn sigv4_requirement() -> Value {
    let mut requirement = Mapping::new();
    put(&mut requirement, "sigv4", Vec::<Value>::new());
    Value::Mapping(requirement)
}

fn json_content(schema_name: &str) -> Mapping {
    let mut schema = Mapping::new();
    put(&mut schema, "$ref", schema_ref(schema_name));
    let mut media = Mapping::new();
    put(&mut media, "schema", schema);
    let mut content = Mapping::new();
    put(&mut content, "application/json", media);
    content
}

/// `input_token` -> `inputToken`.
fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

// ----- documentation: HTML to plain text -------------------------------------------------------

/// Converts AWS documentation HTML to plain text: paragraphs (`<p>`, `<note>`, ...) are
/// separated by a blank line and their whitespace collapsed; `<a href="u">t</a>` becomes
/// `t (u)`; `<code>x</code>` becomes `` `x` ``; list items become `- ` (or `1. ` in `<ol>`)
/// lines, nested ones indented; other tags are dropped and entities decoded.
pub fn html_to_text(html: &str) -> String {
    let mut w = TextWriter::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        w.text(&rest[..lt]);
        rest = &rest[lt..];
        // A comment.
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let is_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let end = if is_tag { tag_end(rest) } else { None };
        let Some(end) = end else {
            // A lone `<`: text.
            w.text("<");
            rest = &rest[1..];
            continue;
        };
        w.tag(&rest[1..end]);
        rest = &rest[end + 1..];
    }
    w.text(rest);
    w.finish()
}

/// The index of the `>` that closes the tag at the start of `s`, skipping quoted attributes.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

#[derive(Default)]
struct TextWriter {
    /// Paragraphs and list item lines; the latter with the number of their outermost list,
    /// as the lines of one list are joined by a newline, not a blank line.
    blocks: Vec<(String, Option<usize>)>,
    /// Outermost lists opened so far.
    list_count: usize,
    /// The current paragraph, entities decoded, whitespace not yet collapsed.
    current: String,
    /// Open lists: ordered, and the number of the last item.
    lists: Vec<(bool, usize)>,
    /// The marker of a list item whose text has not been written yet.
    pending_marker: Option<String>,
    /// Open `<a>`: where its text starts in `current`, and its href. The position is `None`
    /// once it is stale: `current` was flushed, or rewritten from before it (tags interleaved,
    /// as in `<code>x<a>y</code></a>`).
    links: Vec<(Option<usize>, Option<String>)>,
    /// Open `<code>`: where its text starts in `current`; `None` once stale, as for `links`.
    codes: Vec<Option<usize>>,
}

impl TextWriter {
    fn text(&mut self, raw: &str) {
        self.current.push_str(&decode_entities(raw));
    }

    fn tag(&mut self, inner: &str) {
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("a", false) => {
                let href = attribute(&inner[name_end..], "href").map(|h| decode_entities(&h));
                self.links.push((Some(self.current.len()), href));
            }
            ("a", true) => {
                if let Some((start, href)) = self.links.pop() {
                    let href = href.filter(|h| !h.trim().is_empty());
                    if let Some(href) = href {
                        match self.text_from(start) {
                            Some((start, text)) => {
                                let text = collapse(&text);
                                if text.is_empty() || text == href {
                                    self.replace_from(start, &href);
                                } else {
                                    self.replace_from(start, &format!("{text} ({href})"));
                                }
                            }
                            None => self.current.push_str(&format!(" ({href})")),
                        }
                    }
                }
            }
            ("code", false) => self.codes.push(Some(self.current.len())),
            ("code", true) => {
                let saved = self.codes.pop().and_then(|start| self.text_from(start));
                if let Some((start, code)) = saved {
                    let code = code.trim();
                    if code.is_empty() {
                        self.replace_from(start, "");
                    } else {
                        // Spaces around keep `see<code>x</code>` apart; collapsed later.
                        self.replace_from(start, &format!("`{code}`"));
                    }
                }
            }
            ("ul" | "ol", false) => {
                self.flush();
                if self.lists.is_empty() {
                    self.list_count += 1;
                }
                self.lists.push((name == "ol", 0));
            }
            ("ul" | "ol", true) => {
                self.flush();
                self.lists.pop();
                self.pending_marker = None;
            }
            ("li", false) => {
                self.flush();
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_owned(),
                };
                self.pending_marker = Some(marker);
            }
            ("li", true) => {
                self.flush();
                self.pending_marker = None;
            }
            ("br", _)
            | (
                "p" | "div" | "note" | "important" | "fullname" | "dl" | "dt" | "dd" | "pre"
                | "blockquote" | "table" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                | "examples" | "example",
                _,
            ) => self.flush(),
            // Inline or unknown: the tag goes, its text stays.
            _ => {}
        }
    }

    /// The text of `current` from a saved position: `None` when the position is stale (or,
    /// defensively, not a valid position in `current`), so the caller keeps the text as it is.
    fn text_from(&self, start: Option<usize>) -> Option<(usize, String)> {
        let start = start?;
        Some((start, self.current.get(start..)?.to_owned()))
    }

    /// Replaces `current[start..]` with `replacement`. Positions saved after `start` pointed
    /// into the replaced text, so they become stale.
    fn replace_from(&mut self, start: usize, replacement: &str) {
        self.current.truncate(start);
        self.current.push_str(replacement);
        let saved = self.links.iter_mut().map(|(pos, _)| pos);
        for pos in saved.chain(self.codes.iter_mut()) {
            if pos.is_some_and(|p| p > start) {
                *pos = None;
            }
        }
    }

    /// Ends the current paragraph (or list item line).
    fn flush(&mut self) {
        let text = collapse(&self.current);
        self.current.clear();
        let saved = self.links.iter_mut().map(|(pos, _)| pos);
        for pos in saved.chain(self.codes.iter_mut()) {
            *pos = None;
        }
        if text.is_empty() {
            return;
        }
        if self.lists.is_empty() {
            self.blocks.push((text, None));
            return;
        }
        let indent = "  ".repeat(self.lists.len() - 1);
        let line = match self.pending_marker.take() {
            Some(marker) => format!("{indent}{marker}{text}"),
            // More text of an item whose first line is written: aligned under it.
            None => format!("{indent}   {text}"),
        };
        self.blocks.push((line, Some(self.list_count)));
    }

    fn finish(mut self) -> String {
        self.flush();
        let mut out = String::new();
        let mut previous_list = None;
        for (i, (text, list)) in self.blocks.iter().enumerate() {
            if i > 0 {
                let same_list = list.is_some() && *list == previous_list;
                out.push_str(if same_list { "\n" } else { "\n\n" });
            }
            out.push_str(text);
            previous_list = *list;
        }
        out
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of attribute `name` in the attribute text of a tag.
fn attribute(attrs: &str, name: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let attr = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                value = body[..end].to_owned();
                rest = body.get(end + 1..).unwrap_or("");
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..end].to_owned();
                rest = &after[end..];
            }
        }
        if attr == name {
            return Some(value);
        }
    }
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let code = if let Some(hex) = entity
                        .strip_prefix("#x")
                        .or_else(|| entity.strip_prefix("#X"))
                    {
                        u32::from_str_radix(hex, 16).ok()
                    } else if let Some(dec) = entity.strip_prefix('#') {
                        dec.parse().ok()
                    } else {
                        None
                    };
                    code.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Value;

    /// A model with `operations` and `shapes` (JSON text without the outer braces).
    fn model(protocol: &str, operations: &str, shapes: &str) -> String {
        format!(
            r#"{{
              "version": "2.0",
              "metadata": {{"apiVersion": "2020-01-01", "endpointPrefix": "svc", "protocol": "{protocol}",
                "serviceFullName": "Test Service", "signatureVersion": "v4", "signingName": "svcsign",
                "uid": "svc-2020-01-01"}},
              "documentation": "<p>The <i>test</i> service.</p>",
              "operations": {{{operations}}},
              "shapes": {{{shapes}}}
            }}"#
        )
    }

    const COMMON_SHAPES: &str = r#"
      "String": {"type": "string"},
      "Id": {"type": "string", "min": 1, "max": 10, "pattern": "[0-9]+"},
      "Integer": {"type": "integer", "box": true, "min": 1, "max": 100},
      "Long": {"type": "long"},
      "Boolean": {"type": "boolean"},
      "Secret": {"type": "string", "sensitive": true},
      "Time": {"type": "timestamp", "timestampFormat": "unixTimestamp"},
      "Order": {"type": "string", "enum": ["ASC", "DESC"]},
      "Token": {"type": "string", "min": 1, "max": 64},
      "Names": {"type": "list", "member": {"shape": "String"}, "min": 1, "max": 5},
      "Labels": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
      "Thing": {"type": "structure", "required": ["id"], "members": {
          "id": {"shape": "Id", "documentation": "<p>The id.</p>"},
          "secret": {"shape": "Secret", "documentation": "<p>Hidden.</p>"},
          "size": {"shape": "Long"},
          "labels": {"shape": "Labels"},
          "next": {"shape": "Thing", "documentation": "<p>Recursive.</p>"}
        }, "documentation": "<p>A thing.</p>"},
      "Things": {"type": "list", "member": {"shape": "Thing"}},
      "NotFound": {"type": "structure", "members": {"message": {"shape": "String"}},
        "error": {"httpStatusCode": 404, "senderFault": true}, "exception": true,
        "documentation": "<p>Not found.</p>"},
      "Boom": {"type": "structure", "members": {"message": {"shape": "String"}},
        "exception": true, "fault": true}
    "#;

    const OPERATIONS: &str = r#"
      "ListThings": {"name": "ListThings",
        "http": {"method": "GET", "requestUri": "/groups/{groupId}/things", "responseCode": 200},
        "input": {"shape": "ListThingsRequest"}, "output": {"shape": "ListThingsResponse"},
        "errors": [{"shape": "NotFound"}, {"shape": "Boom"}],
        "documentation": "<p>Lists <code>Thing</code>s. See <a href=\"https://x.test/a?b=1&amp;c=2\">the guide</a>.</p>"},
      "CreateThing": {"name": "CreateThing",
        "http": {"method": "POST", "requestUri": "/groups/{groupId}/things", "responseCode": 201},
        "input": {"shape": "CreateThingRequest"}, "output": {"shape": "CreateThingResponse"},
        "errors": [{"shape": "Boom"}], "deprecated": true, "deprecatedMessage": "Use another."}
    "#;

    const OPERATION_SHAPES: &str = r#",
      "ListThingsRequest": {"type": "structure", "required": ["groupId"], "members": {
          "groupId": {"shape": "Id", "location": "uri", "locationName": "groupId", "documentation": "<p>The group.</p>"},
          "maxResults": {"shape": "Integer", "location": "querystring", "locationName": "max"},
          "order": {"shape": "Order", "location": "querystring", "locationName": "order"},
          "since": {"shape": "Time", "location": "querystring", "locationName": "since"},
          "trace": {"shape": "String", "location": "header", "locationName": "X-Trace"},
          "nextToken": {"shape": "String", "location": "querystring", "locationName": "nextToken"}
        }},
      "ListThingsResponse": {"type": "structure", "required": ["things"], "members": {
          "things": {"shape": "Things", "documentation": "<p>The things.</p>"},
          "nextToken": {"shape": "String"}
        }},
      "CreateThingRequest": {"type": "structure", "required": ["groupId", "names"], "members": {
          "groupId": {"shape": "Id", "location": "uri", "locationName": "groupId"},
          "clientToken": {"shape": "Token", "location": "header", "locationName": "X-Client-Token", "idempotencyToken": true},
          "names": {"shape": "Names", "documentation": "<p>Names.</p>"},
          "requestId": {"shape": "Token", "idempotencyToken": true},
          "password": {"shape": "String", "sensitive": true},
          "when": {"shape": "Time"}
        }},
      "CreateThingResponse": {"type": "structure", "members": {}}
    "#;

    const PAGINATORS: &str = r#"{"pagination": {"ListThings": {"input_token": "nextToken",
        "output_token": "nextToken", "limit_key": "maxResults", "result_key": "things"}}}"#;

    fn good_model() -> String {
        model(
            "rest-json",
            OPERATIONS,
            &format!("{COMMON_SHAPES}{OPERATION_SHAPES}"),
        )
    }

    fn imported(json: &str, paginators: Option<&str>) -> Value {
        let yaml = import(json, paginators).expect("imports");
        serde_yaml::from_str(&yaml).expect("valid YAML")
    }

    /// The node at `path`, one key (or sequence index) per element.
    fn at<'v>(v: &'v Value, path: &[&str]) -> &'v Value {
        path.iter().fold(v, |v, k| match k.parse::<usize>() {
            Ok(i) if v.is_sequence() => &v[i],
            _ => &v[*k],
        })
    }

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn document_header_and_service() {
        let text = import(&good_model(), None).unwrap();
        assert!(text.starts_with(
            "# Imported by `sdkgen import-aws` from the AWS service model svc-2020-01-01"
        ));
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(doc["openapi"], yaml("'3.1.0'"));
        assert_eq!(
            doc["info"],
            yaml("{title: Test Service, version: '2020-01-01', description: The test service.}")
        );
        assert_eq!(
            at(&doc, &["servers", "0", "url"]),
            &yaml("'https://svc.{region}.amazonaws.com'")
        );
        assert_eq!(
            at(&doc, &["servers", "0", "variables", "region", "default"]),
            &yaml("us-east-1")
        );
        assert_eq!(doc["x-aws-protocol"], yaml("rest-json"));
        assert_eq!(doc["security"], yaml("[{sigv4: []}]"));
        let scheme = at(&doc, &["components", "securitySchemes", "sigv4"]);
        assert_eq!(scheme["type"], yaml("apiKey"));
        assert_eq!(
            scheme["x-aws-sigv4"],
            yaml("{signingName: svcsign, regionVariable: region}")
        );
    }

    #[test]
    fn get_with_path_query_header_and_timestamp_params() {
        let doc = imported(&good_model(), None);
        let op = at(&doc, &["paths", "/groups/{groupId}/things", "get"]);
        assert_eq!(op["operationId"], yaml("ListThings"));
        assert_eq!(
            op["description"],
            yaml("'Lists `Thing`s. See the guide (https://x.test/a?b=1&c=2).'")
        );
        assert_eq!(
            op["parameters"],
            yaml(
                r#"
                - {name: groupId, in: path, description: The group., required: true,
                   schema: {type: string, minLength: 1, maxLength: 10, pattern: '[0-9]+'}}
                - {name: max, in: query, schema: {type: integer, format: int32, minimum: 1, maximum: 100}}
                - {name: order, in: query, schema: {$ref: '#/components/schemas/Order'}}
                - {name: since, in: query, schema: {type: number, format: epoch-seconds}}
                - {name: X-Trace, in: header, schema: {type: string}}
                - {name: nextToken, in: query, schema: {type: string}}
                "#
            )
        );
        assert!(op.get("requestBody").is_none(), "no body members, no body");
        assert_eq!(
            at(&doc, &["components", "schemas", "Order"]),
            &yaml("{type: string, enum: [ASC, DESC]}")
        );
        // The input shape is not a schema: all its members are parameters.
        assert!(at(&doc, &["components", "schemas"])
            .get("ListThingsRequest")
            .is_none());
    }

    #[test]
    fn post_with_body_and_idempotency_tokens() {
        let doc = imported(&good_model(), None);
        let op = at(&doc, &["paths", "/groups/{groupId}/things", "post"]);
        assert_eq!(op["deprecated"], yaml("true"));
        assert_eq!(op["description"], yaml("'Deprecated: Use another.'"));
        assert_eq!(
            op["parameters"][1],
            yaml("{name: X-Client-Token, in: header, schema: {type: string, minLength: 1, maxLength: 64}, x-aws-idempotency-token: true}")
        );
        assert_eq!(
            op["requestBody"],
            yaml("{required: true, content: {application/json: {schema: {$ref: '#/components/schemas/CreateThingRequest'}}}}")
        );
        assert_eq!(
            at(&doc, &["components", "schemas", "CreateThingRequest"]),
            &yaml(
                r#"
                type: object
                required: [names]
                properties:
                  names: {type: array, description: Names., minItems: 1, maxItems: 5, items: {type: string}}
                  requestId: {type: string, minLength: 1, maxLength: 64, x-aws-idempotency-token: true}
                  password: {type: string, x-sensitive: true}
                  when: {type: number, format: epoch-seconds}
                "#
            )
        );
        // Status 201 and an output without members: no content.
        assert_eq!(
            at(&op["responses"], &["201"]),
            &yaml("{description: Success.}")
        );
        assert!(at(&doc, &["components", "schemas"])
            .get("CreateThingResponse")
            .is_none());
    }

    #[test]
    fn errors_are_shared_responses_sorted_by_status() {
        let doc = imported(&good_model(), None);
        let responses = at(
            &doc,
            &["paths", "/groups/{groupId}/things", "get", "responses"],
        );
        let codes: Vec<&str> = responses
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(codes, ["200", "404", "500"]);
        assert_eq!(
            responses["404"],
            yaml("{$ref: '#/components/responses/NotFound'}")
        );
        // No status in the model: a fault is a 500.
        assert_eq!(
            responses["500"],
            yaml("{$ref: '#/components/responses/Boom'}")
        );
        assert_eq!(
            at(&doc, &["components", "responses", "NotFound"]),
            &yaml("{description: Not found., content: {application/json: {schema: {$ref: '#/components/schemas/NotFound'}}}}")
        );
        assert_eq!(
            at(&doc, &["components", "responses", "Boom", "description"]),
            &yaml("The `Boom` error.")
        );
        assert_eq!(
            at(&doc, &["components", "schemas", "NotFound"]),
            &yaml("{type: object, description: Not found., properties: {message: {type: string}}}")
        );
    }

    #[test]
    fn structures_sensitive_members_and_order() {
        let doc = imported(&good_model(), None);
        let thing = at(&doc, &["components", "schemas", "Thing"]);
        assert_eq!(
            thing,
            &yaml(
                r#"
                type: object
                description: A thing.
                required: [id]
                properties:
                  id: {type: string, description: The id., minLength: 1, maxLength: 10, pattern: '[0-9]+'}
                  secret: {type: string, description: Hidden., x-sensitive: true}
                  size: {type: integer, format: int64}
                  labels: {type: object, additionalProperties: {type: string}}
                  next: {$ref: '#/components/schemas/Thing', description: Recursive.}
                "#
            )
        );
        let names: Vec<&str> = at(&doc, &["components", "schemas"])
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        // First reach, depth first: parameters, body, output, errors; operation by operation.
        assert_eq!(
            names,
            [
                "Order",
                "ListThingsResponse",
                "Thing",
                "NotFound",
                "Boom",
                "CreateThingRequest"
            ]
        );
    }

    #[test]
    fn paginators_become_x_aws_pagination() {
        let doc = imported(&good_model(), Some(PAGINATORS));
        assert_eq!(
            at(&doc, &["paths", "/groups/{groupId}/things", "get", "x-aws-pagination"]),
            &yaml("{inputToken: nextToken, outputToken: nextToken, limitKey: maxResults, resultKey: things}")
        );
        assert!(at(&doc, &["paths", "/groups/{groupId}/things", "post"])
            .get("x-aws-pagination")
            .is_none());
        let unknown = r#"{"pagination": {"Nope": {"input_token": "a"}}}"#;
        let err = import(&good_model(), Some(unknown)).unwrap_err();
        assert!(err.contains("`Nope`"), "{err}");
        let bad_member =
            PAGINATORS.replace("\"result_key\": \"things\"", "\"result_key\": \"items\"");
        let err = import(&good_model(), Some(&bad_member)).unwrap_err();
        assert!(
            err.contains("ListThings") && err.contains("`items`"),
            "{err}"
        );
    }

    #[test]
    fn deterministic() {
        let a = import(&good_model(), Some(PAGINATORS)).unwrap();
        let b = import(&good_model(), Some(PAGINATORS)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn refuses_other_protocols() {
        let json = model(
            "json",
            OPERATIONS,
            &format!("{COMMON_SHAPES}{OPERATION_SHAPES}"),
        );
        let err = import(&json, None).unwrap_err();
        assert!(err.contains("`json`") && err.contains("rest-json"), "{err}");
    }

    #[test]
    fn refuses_missing_shapes() {
        let shapes =
            format!("{COMMON_SHAPES}{OPERATION_SHAPES}").replace("\"Things\": {", "\"Unused\": {");
        let err = import(&model("rest-json", OPERATIONS, &shapes), None).unwrap_err();
        assert!(
            err.contains("`Things`") && err.contains("ListThingsResponse.things"),
            "{err}"
        );
    }

    #[test]
    fn refuses_invalid_json_and_unsupported_shapes() {
        assert!(import("{not json", None)
            .unwrap_err()
            .contains("not a valid AWS JSON service model"));
        let shapes = format!("{COMMON_SHAPES}{OPERATION_SHAPES}").replace(
            r#""Long": {"type": "long"}"#,
            r#""Long": {"type": "bigDecimal"}"#,
        );
        let err = import(&model("rest-json", OPERATIONS, &shapes), None).unwrap_err();
        assert!(
            err.contains("`Long`") && err.contains("bigDecimal"),
            "{err}"
        );
        // A timestamp in a body that is not epoch seconds.
        let shapes = format!("{COMMON_SHAPES}{OPERATION_SHAPES}")
            .replace("\"unixTimestamp\"", "\"iso8601\"");
        let err = import(&model("rest-json", OPERATIONS, &shapes), None).unwrap_err();
        assert!(
            err.contains("CreateThingRequest.when") && err.contains("iso8601"),
            "{err}"
        );
        // A literal query string in the URI.
        let ops = OPERATIONS.replace(
            "/groups/{groupId}/things\", \"responseCode\": 201",
            "/groups/{groupId}/things?create\", \"responseCode\": 201",
        );
        let err = import(
            &model(
                "rest-json",
                &ops,
                &format!("{COMMON_SHAPES}{OPERATION_SHAPES}"),
            ),
            None,
        )
        .unwrap_err();
        assert!(
            err.contains("CreateThing") && err.contains("?create"),
            "{err}"
        );
        assert!(import(&good_model(), Some(r#"{"pagination": 5}"#))
            .unwrap_err()
            .contains("paginators"));
    }

    #[test]
    fn two_errors_with_one_status() {
        let ops = OPERATIONS.replace(
            r#""errors": [{"shape": "NotFound"}, {"shape": "Boom"}]"#,
            r#""errors": [{"shape": "Boom"}, {"shape": "NotFound"}, {"shape": "Gone"}]"#,
        );
        let shapes = format!(
            "{COMMON_SHAPES}{OPERATION_SHAPES},\"Gone\": {{\"type\": \"structure\", \"members\": {{}}, \"error\": {{\"httpStatusCode\": 404}}}}"
        );
        let doc = imported(&model("rest-json", &ops, &shapes), None);
        assert_eq!(
            at(
                &doc,
                &[
                    "paths",
                    "/groups/{groupId}/things",
                    "get",
                    "responses",
                    "404"
                ]
            ),
            &yaml("{$ref: '#/components/responses/NotFound', x-aws-errors-also: [Gone]}")
        );
        // An error without members has no body schema.
        assert_eq!(
            at(&doc, &["components", "responses", "Gone"]),
            &yaml("{description: The `Gone` error.}")
        );
    }

    #[test]
    fn html_to_text_conventions() {
        assert_eq!(
            html_to_text("<p>One  <i>two</i>\n three.</p> <p>Four &amp; &lt;five&gt; &quot;six&quot; &#39;7&#39;</p>"),
            "One two three.\n\nFour & <five> \"six\" '7'"
        );
        assert_eq!(
            html_to_text(
                "<p>See <a href=\"https://e.test/x\"> the docs </a> and <code> a_b </code>.</p>"
            ),
            "See the docs (https://e.test/x) and `a_b`."
        );
        assert_eq!(
            html_to_text("<p>Kinds:</p> <ul> <li> <p>A</p> </li> <li>B <ul><li>B1</li></ul></li> </ul> <ol><li><p>x</p></li><li>y</li></ol><p>End</p>"),
            "Kinds:\n\n- A\n- B\n  - B1\n\n1. x\n2. y\n\nEnd"
        );
        assert_eq!(html_to_text("<note> <p>Careful.</p> </note>"), "Careful.");
        assert_eq!(html_to_text("a < b & c"), "a < b & c");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn html_to_text_survives_interleaved_unclosed_and_stray_tags() {
        // `</code>` rewrites the text the open `<a>` started in: the link keeps its href only.
        assert_eq!(html_to_text("<p><code>é<a href='u'>x</code></a></p>"), "`éx` (u)");
        assert_eq!(html_to_text("<a href='u'>é<code>x</a></code>"), "éx (u)");
        assert_eq!(html_to_text("<code>é<a href='u'>x</code>y</a>"), "`éx`y (u)");
        assert_eq!(html_to_text("<a href='u'>see <code>é</code> here</a>"), "see `é` here (u)");
        assert_eq!(html_to_text("<code>é<p>x</code></p>"), "é\n\nx");
        assert_eq!(html_to_text("</a></code></li></ul>é"), "é");
        assert_eq!(html_to_text("<p><a href='u'>é<code>x"), "éx");
        assert_eq!(html_to_text("<code>&eacute;&#233;</code></code></a>"), "`&eacute;é`");
    }

    #[test]
    fn html_to_text_never_panics_on_tag_soup() {
        const PIECES: [&str; 12] = [
            "<p>", "</p>", "<a href='u'>", "</a>", "<code>", "</code>", "<ul>", "<li>", "</li>",
            "</ul>", "é", "x",
        ];
        let mut inputs = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = inputs
                .iter()
                .flat_map(|s| PIECES.iter().map(move |p| format!("{s}{p}")))
                .collect();
            for html in &longer {
                let text = html_to_text(html);
                assert!(!text.contains('<'), "{html:?} -> {text:?}");
            }
            inputs = longer;
        }
    }
}
