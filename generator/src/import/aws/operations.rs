//! The document: info, servers, security, then every operation under its path (parameters,
//! request body, the success response, error responses by status) and its `x-aws-pagination`.

use indexmap::IndexMap;
use serde_yaml::{Mapping, Value};

use super::botocore::{Operation, Paginators, Shape};
use super::shapes::Loc;
use super::{deprecation_note, docs, key, put, schema_ref, with_note, Importer};
use crate::extensions::{
    REGION_VARIABLE, SIGNING_NAME, X_AWS_ERRORS_ALSO, X_AWS_IDEMPOTENCY_TOKEN, X_AWS_PAGINATION,
    X_AWS_PROTOCOL, X_AWS_SIGV4,
};
use crate::model::placeholders;

const SIGV4_DOC: &str = "AWS Signature Version 4. Every request is signed with AWS credentials \
(access key ID, secret access key and optional session token): the client builds a canonical \
request, derives a signing key from the secret key, date, region and service signing name, and \
sends the result in the Authorization header (together with X-Amz-Date and, for temporary \
credentials, X-Amz-Security-Token). It is modelled as an apiKey header only because OpenAPI has \
no native SigV4 scheme; see x-aws-sigv4.";

impl<'m> Importer<'m> {
    pub(super) fn document(&mut self, paginators: Option<&Paginators>) -> Result<Mapping, String> {
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
        put(&mut doc, X_AWS_PROTOCOL, "rest-json");
        put(&mut doc, "security", vec![sigv4_requirement()]);
        put(&mut doc, "paths", paths);

        let mut x_sigv4 = Mapping::new();
        put(&mut x_sigv4, SIGNING_NAME, signing_name);
        put(&mut x_sigv4, REGION_VARIABLE, "region");
        let mut scheme = Mapping::new();
        put(&mut scheme, "type", "apiKey");
        put(&mut scheme, "in", "header");
        put(&mut scheme, "name", "Authorization");
        put(&mut scheme, "description", SIGV4_DOC);
        put(&mut scheme, X_AWS_SIGV4, x_sigv4);
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
        if !crate::load::spec::METHODS.contains(&method.as_str()) {
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
                    put(&mut param, X_AWS_IDEMPOTENCY_TOKEN, true);
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
                put(&mut response, X_AWS_ERRORS_ALSO, also);
            }
            responses.insert(Value::String(code.to_string()), Value::Mapping(response));
            i += 1;
        }
        put(&mut operation, "responses", responses);

        if let Some(pagination) = pagination {
            put(
                &mut operation,
                X_AWS_PAGINATION,
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
