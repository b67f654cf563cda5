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

mod botocore;
mod html;
mod operations;
mod pagination;
mod shapes;
#[cfg(test)]
mod tests;

pub use html::html_to_text;

use std::collections::HashSet;

use serde_yaml::{Mapping, Value};

use botocore::{Model, Paginators};

/// The text before the YAML document.
const HEADER_LINES: [&str; 4] = [
    "# Imported by `sdkgen import-aws` from the AWS service model {uid}",
    "# ({title}). Generated mechanically: review it before committing it as a spec.",
    "# Documentation was converted from HTML to plain text; anything the model says that",
    "# OpenAPI cannot express is noted in the descriptions or carried by x-aws-* extensions.",
];

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

/// The conversion of one model, and the parts of the document reached so far. Its methods are
/// split by job: [`operations`] (the document, paths, responses, pagination) and [`shapes`]
/// (component and member schemas).
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

/// `text` with `note` as a paragraph of its own after it (the model's one way of writing
/// notes; empty text counts as none).
fn with_note(text: Option<String>, note: &str) -> String {
    crate::model::docs::with_note(text.as_deref().filter(|t| !t.is_empty()), note)
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
}
