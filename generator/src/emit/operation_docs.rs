//! The documentation of an operation's client method: its setters (from the model's one
//! list, [`Operation::setters`]), what `send()` returns, its errors, and an example that
//! compiles (`no_run`: rustdoc compiles it as a doctest, and so does `cargo test`).

use std::fmt::Write as _;

use proc_macro2::TokenStream;

use super::docs::doc_attrs;
use crate::model::ir::{Api, BodyMedia, Filled, Operation, ParamLocation, SetterTarget, TypeKind, TypeRef};

/// The sections after the operation's own description, as `#[doc]` lines. `example`: with
/// the example (the crate layout; a crate that `include!`s the code is not the one its
/// paths name).
pub(super) fn operation_docs(api: &Api, op: &Operation, example: bool) -> TokenStream {
    let mut text = String::new();
    request_section(api, op, &mut text);
    response_section(api, op, &mut text);
    errors_section(api, op, &mut text);
    if example {
        text.push_str("\n# Example\n\n");
        text.push_str(&example_code(api, op));
    }
    doc_attrs(text.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }).collect())
}

fn request_section(api: &Api, op: &Operation, text: &mut String) {
    let setters = op.setters(api);
    let builder = &op.type_name;
    text.push_str("\n# Request\n\n");
    if setters.is_empty() {
        let _ = writeln!(text, "[`{builder}`](super::builders::{builder}) has no setters: call `send()`.");
        return;
    }
    let _ = writeln!(text, "The setters of [`{builder}`](super::builders::{builder}):\n");
    for s in setters {
        let place = match s.target {
            SetterTarget::Param { wire_name, location } => {
                let place = match location {
                    ParamLocation::Path => "path",
                    ParamLocation::Query => "query",
                    ParamLocation::Header => "header",
                    ParamLocation::Cookie => "cookie",
                };
                format!("{place} parameter `{wire_name}`")
            }
            SetterTarget::BodyMember { wire_name } => format!("body member `{wire_name}`"),
            SetterTarget::Body(media) => match media {
                BodyMedia::Json(_) => "the JSON body".to_owned(),
                BodyMedia::Form { .. } => "the form body (`application/x-www-form-urlencoded`)".to_owned(),
                BodyMedia::Multipart { .. } => "the multipart body (`multipart/form-data`)".to_owned(),
                BodyMedia::Bytes(content_type) => format!("the body, sent as `{content_type}`"),
            },
            SetterTarget::MediaType(choice) => format!(
                "the media type a text or bytes body is sent as, one of [`{0}`](super::builders::{0})",
                choice.enum_name
            ),
        };
        let need = match s.filled {
            _ if s.required => ", **required**".to_owned(),
            Some(Filled::FreshUuid) => ", a fresh UUID when not set".to_owned(),
            Some(Filled::Sole(value)) => format!(", `{value}` when not set (the one value it allows)"),
            None => String::new(),
        };
        let summary = s.doc.map(first_sentence).filter(|d| !d.is_empty());
        let summary = summary.map(|d| format!(": {d}")).unwrap_or_default();
        // `body(..)` takes its type as it is; parameters what converts into theirs.
        let ty = match s.target {
            SetterTarget::Body(_) => inner_text(api, s.ty),
            SetterTarget::MediaType(choice) => choice.enum_name.clone(),
            SetterTarget::Param { .. } | SetterTarget::BodyMember { .. } => type_text(api, s.ty),
        };
        let _ = writeln!(text, "- `{}({ty})`: {place}{need}{summary}", s.name);
    }
}

fn response_section(api: &Api, op: &Operation, text: &mut String) {
    let output = match &op.success.ty {
        Some(TypeRef::Named(id)) => {
            let name = &api.ty(*id).name;
            format!("[`{name}`](super::types::{name})")
        }
        Some(TypeRef::Binary) => "the body's bytes (`Vec<u8>`)".to_owned(),
        Some(_) if op.success.text => "the body as text (`String`)".to_owned(),
        Some(ty) => format!("`{}`", type_text(api, ty)),
        None => "`()` (the response has no body)".to_owned(),
    };
    let _ = write!(
        text,
        "\n# Response\n\n`send()` returns {output}; `send_with_response()` returns it in a \
         [`Response`](sdkgen_runtime::Response) with the status, headers and request id.\n"
    );
    if op.success.streams {
        text.push_str(
            "`send_streaming()` gives the body as it arrives instead, a \
             [`ByteStream`](sdkgen_runtime::ByteStream) of chunks not held in memory.\n",
        );
    }
}

fn errors_section(api: &Api, op: &Operation, text: &mut String) {
    let error = &op.error_name;
    // The variants are linked on the enum itself (`error` may be an alias of a shared one).
    let error_enum = &api.error_sets[op.error_set].name;
    let _ = write!(
        text,
        "\n# Errors\n\n[`SdkError`](sdkgen_runtime::SdkError)`<`[`{error}`](super::errors::{error})`>`: \
         `Construction` (nothing sent), `Transport`, `Redirect`, `Decode`, or `Service` with \
         one of:\n\n"
    );
    for e in &op.errors {
        let status = match e.status {
            Some(code) => crate::model::ir::status_text(code),
            None => "any other status".to_owned(),
        };
        let summary = e.doc.as_deref().map(first_sentence).filter(|d| !d.is_empty());
        let summary = summary.map(|d| format!(": {d}")).unwrap_or_default();
        let _ = writeln!(text, "- [`{v}`](super::errors::{error_enum}::{v}) ({status}){summary}", v = e.variant);
    }
    let unknown = &op.unknown_variant;
    let _ = writeln!(
        text,
        "- [`{unknown}`](super::errors::{error_enum}::{unknown}): an error response the spec does \
         not document, kept whole"
    );
}

/// The example: the required setters with plausible values of their types, `send()`, and
/// the result handled. Lines starting with `# ` are rustdoc's hidden lines.
fn example_code(api: &Api, op: &Operation) -> String {
    let krate = api.crate_name.replace('-', "_");
    let mut code = String::from("```no_run\n");
    let _ = writeln!(code, "# async fn example(client: {krate}::Client) -> Result<(), Box<dyn std::error::Error>> {{");
    let mut calls = String::new();
    for s in op.setters(api).into_iter().filter(|s| s.required) {
        let value = match s.target {
            // A body is a value of its own, built first.
            SetterTarget::Body(_) => {
                let body = setter_value(api, &krate, s.ty);
                let _ = writeln!(code, "let body = {body};");
                "body".to_owned()
            }
            SetterTarget::Param { .. } | SetterTarget::BodyMember { .. } => setter_value(api, &krate, s.ty),
            // Never required: the setters' own media types are the default.
            SetterTarget::MediaType(_) => continue,
        };
        let _ = writeln!(calls, "    .{}({value})", super::ident(s.name));
    }
    let _ = writeln!(code, "let result = client\n    .{}()", super::ident(&op.method_name));
    code.push_str(&calls);
    code.push_str("    .send()\n    .await;\n");
    let _ = writeln!(
        code,
        "match result {{\n    Ok(output) => println!(\"{{output:?}}\"),\n    \
         Err({krate}::SdkError::Service(error)) => eprintln!(\"the service refused: {{error}}\"),\n    \
         Err(error) => eprintln!(\"{{error}}\"),\n}}"
    );
    code.push_str("# Ok(())\n# }\n```\n");
    code
}

/// Rust that gives a setter of type `ty` a plausible value: a literal where one fits; a
/// value of a type from the crate (a struct, a union) is read from example JSON, which
/// stays right whatever constructors the type has.
fn setter_value(api: &Api, krate: &str, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "\"example\"".to_owned(),
        TypeRef::I32 | TypeRef::I64 => "1".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "1.0".to_owned(),
        TypeRef::Bool => "true".to_owned(),
        TypeRef::Timestamp => "std::time::SystemTime::UNIX_EPOCH".to_owned(),
        TypeRef::Binary => "b\"example\".to_vec()".to_owned(),
        TypeRef::DateTime => "\"2026-01-01T00:00:00Z\".parse()?".to_owned(),
        TypeRef::Date => "\"2026-01-01\".parse()?".to_owned(),
        TypeRef::Base64 => "\"ZXhhbXBsZQ==\".parse()?".to_owned(),
        TypeRef::Named(id) => {
            let def = api.ty(*id);
            match &def.kind {
                TypeKind::Enum { variants, .. } if !variants.is_empty() => {
                    format!("{krate}::types::{}::{}", def.name, variants[0].rust_name)
                }
                TypeKind::IntEnum { variants, .. } if !variants.is_empty() => {
                    format!("{krate}::types::{}::{}", def.name, variants[0].rust_name)
                }
                TypeKind::Alias(TypeRef::String) => "\"example\"".to_owned(),
                _ => format!(
                    "serde_json::from_str::<{krate}::types::{}>({})?",
                    def.name,
                    raw_string(&example_json(api, ty, 0).to_string())
                ),
            }
        }
        // Lists, maps and JSON values: the setter's type is concrete, so it is inferred.
        TypeRef::List(_) | TypeRef::Map(_) | TypeRef::Json => {
            format!("serde_json::from_str({})?", raw_string(&example_json(api, ty, 0).to_string()))
        }
    }
}

/// Example JSON for `ty`: its required members, each with a plausible value.
fn example_json(api: &Api, ty: &TypeRef, depth: usize) -> serde_json::Value {
    use serde_json::{json, Value};
    // Deep (or recursive) required members end in an empty object: the example stays short.
    if depth > 6 {
        return json!({});
    }
    match ty {
        TypeRef::String | TypeRef::Binary => json!("example"),
        TypeRef::Bool => json!(true),
        TypeRef::I32 | TypeRef::I64 => json!(1),
        TypeRef::F32 | TypeRef::F64 => json!(1.0),
        TypeRef::Timestamp => json!(1767225600),
        TypeRef::DateTime => json!("2026-01-01T00:00:00Z"),
        TypeRef::Date => json!("2026-01-01"),
        TypeRef::Base64 => json!("ZXhhbXBsZQ=="),
        TypeRef::Json | TypeRef::Map(_) => json!({}),
        TypeRef::List(item) => Value::Array(vec![example_json(api, item, depth + 1)]),
        TypeRef::Named(id) => match &api.ty(*id).kind {
            TypeKind::Struct(fields) => Value::Object(
                fields
                    .iter()
                    .filter(|f| f.is_required())
                    .map(|f| (f.wire_name.clone(), example_json(api, &f.ty, depth + 1)))
                    .collect(),
            ),
            TypeKind::Enum { variants, .. } => variants.first().map_or(json!("example"), |v| json!(v.wire_value)),
            TypeKind::IntEnum { variants, .. } => variants.first().map_or(json!(0), |v| json!(v.value)),
            TypeKind::Alias(inner) => example_json(api, inner, depth + 1),
            TypeKind::Union(union) => {
                let Some(first) = union.variants.first() else { return json!({}) };
                let mut value = example_json(api, &first.ty, depth + 1);
                // A discriminated member says which it is.
                if let (Some(d), Some(tag), Value::Object(members)) = (&union.discriminator, &first.tag, &mut value) {
                    members.insert(d.property.clone(), json!(tag));
                }
                value
            }
            TypeKind::Outcomes(_) => json!({}),
        },
    }
}

/// `text` as a raw string literal that no `"#` inside can end early.
fn raw_string(text: &str) -> String {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
}

/// The first sentence (or line) of a description, for a one-line summary.
fn first_sentence(doc: &str) -> String {
    let line = doc.trim().lines().next().unwrap_or_default().trim();
    let end = line.find(". ").map_or(line.len(), |i| i + 1);
    // Backticks stay paired, and brackets do not start a link by accident.
    let sentence = &line[..end];
    if sentence.matches('`').count() % 2 == 1 || sentence.contains('[') || sentence.contains('<') {
        sentence.replace(['`', '[', ']', '<', '>'], "")
    } else {
        sentence.to_owned()
    }
}

/// A short spelling of the type a setter takes (see `emit/builders.rs`'s `setter_input`).
fn type_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String | TypeRef::Timestamp | TypeRef::Named(_) => format!("impl Into<{}>", inner_text(api, ty)),
        other => inner_text(api, other),
    }
}

fn inner_text(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Timestamp => "DateTime".to_owned(),
        TypeRef::DateTime => "Rfc3339DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Base64 => "Base64".to_owned(),
        TypeRef::Binary => "Vec<u8>".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Named(id) => api.ty(*id).name.clone(),
        TypeRef::List(item) => format!("Vec<{}>", inner_text(api, item)),
        TypeRef::Map(value) => format!("BTreeMap<String, {}>", inner_text(api, value)),
    }
}
