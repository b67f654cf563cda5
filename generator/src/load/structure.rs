//! The structural check of the load stage: before the document is read into typed structs,
//! its YAML tree is walked for nodes of the wrong kind where OpenAPI expects a mapping
//! (a schema, a media type, `properties`, `items`). Each one is reported with its JSON
//! pointer, all of them in one run; the typed read that follows would stop at the first.
//!
//! These are the mistakes real specs make, usually by indentation: an `items:` or
//! `properties:` left empty with the `$ref` meant for it one level up, or a `description`
//! that slipped into `content` among the media types.

use serde_yaml::{Mapping, Value};

use crate::diag::join;
use super::spec::METHODS;

/// One structural problem: where (JSON pointer) and what.
pub type Problem = (String, String);

/// The problems found so far, and whether the document may use boolean schemas.
struct Problems {
    list: Vec<Problem>,
    /// OpenAPI 3.1 (JSON Schema 2020-12): `true` and `false` are schemas. In 3.0 and
    /// Swagger 2.0 a schema is an object.
    boolean_schemas: bool,
}

impl Problems {
    fn push(&mut self, problem: Problem) {
        self.list.push(problem);
    }
}

/// Every structural problem of a document; `boolean_schemas`: it is OpenAPI 3.1.
pub fn check(document: &Value, boolean_schemas: bool) -> Vec<Problem> {
    let mut problems = Problems { list: Vec::new(), boolean_schemas };
    if let Some(paths) = document.get("paths").and_then(Value::as_mapping) {
        for (path, item) in paths {
            let at = join("/paths", &key(path));
            // An `x-` extension beside the path items is any value, not one of them.
            if key(path).starts_with("x-") {
                continue;
            }
            let Some(item) = item.as_mapping() else { continue };
            parameters(item, &at, &mut problems);
            for method in METHODS {
                let Some(op) = item.get(method).and_then(Value::as_mapping) else { continue };
                let at = join(&at, method);
                parameters(op, &at, &mut problems);
                if let Some(body) = op.get("requestBody").and_then(Value::as_mapping) {
                    content(body, &join(&at, "requestBody"), &mut problems);
                }
                if let Some(responses) = op.get("responses").and_then(Value::as_mapping) {
                    for (code, response) in responses {
                        if let Some(response) = response.as_mapping() {
                            content(response, &join(&join(&at, "responses"), &key(code)), &mut problems);
                        }
                    }
                }
            }
        }
    }
    if let Some(components) = document.get("components").and_then(Value::as_mapping) {
        let section = |name: &str| components.get(name).and_then(Value::as_mapping);
        for (name, schema) in section("schemas").into_iter().flatten() {
            self::schema(schema, &join("/components/schemas", &key(name)), &mut problems);
        }
        for kind in ["responses", "requestBodies"] {
            for (name, object) in section(kind).into_iter().flatten() {
                if let Some(object) = object.as_mapping() {
                    content(object, &join(&format!("/components/{kind}"), &key(name)), &mut problems);
                }
            }
        }
        for (name, parameter) in section("parameters").into_iter().flatten() {
            if let Some(schema) = parameter.get("schema") {
                let at = join(&join("/components/parameters", &key(name)), "schema");
                schema_at(schema, &at, &mut problems);
            }
        }
    }
    problems.list
}

fn key(value: &Value) -> String {
    super::dangling::key_text(value).unwrap_or_default()
}

fn parameters(owner: &Mapping, at: &str, problems: &mut Problems) {
    let Some(list) = owner.get("parameters").and_then(Value::as_sequence) else { return };
    for (i, parameter) in list.iter().enumerate() {
        if let Some(schema) = parameter.get("schema") {
            schema_at(schema, &join(&join(&join(at, "parameters"), &i.to_string()), "schema"), problems);
        }
    }
}

/// The `content` of a request body or response: media type -> media type object.
fn content(owner: &Mapping, at: &str, problems: &mut Problems) {
    let Some(content) = owner.get("content").and_then(Value::as_mapping) else { return };
    let at = join(at, "content");
    for (media, object) in content {
        let media = key(media);
        let here = join(&at, &media);
        match object {
            Value::Mapping(object) => {
                if let Some(schema) = object.get("schema") {
                    schema_at(schema, &join(&here, "schema"), problems);
                }
            }
            other => problems.push((
                here,
                format!(
                    "`content` maps media types to media type objects, but `{media}` is {}: \
                     if it belongs to the enclosing object, unindent it out of `content`",
                    describe(other)
                ),
            )),
        }
    }
}

/// A schema where one is required: it must be a mapping (or, in OpenAPI 3.1, a boolean
/// schema).
fn schema_at(value: &Value, at: &str, problems: &mut Problems) {
    match value {
        Value::Mapping(_) => schema(value, at, problems),
        Value::Bool(b) => boolean(*b, at, problems),
        other => problems.push((at.to_owned(), format!("a schema is expected here, not {}", describe(other)))),
    }
}

/// A boolean schema: valid in 3.1 only (`additionalProperties: false` is another keyword,
/// not read here).
fn boolean(value: bool, at: &str, problems: &mut Problems) {
    if problems.boolean_schemas {
        return;
    }
    let fix = if value {
        "for any value, write the empty schema `{}`"
    } else {
        "for a member that must be absent, remove it (or write `not: {}`)"
    };
    problems.push((
        at.to_owned(),
        format!(
            "a schema is expected here, not the boolean `{value}`: boolean schemas are OpenAPI 3.1, \
             and this document is not; {fix}, or declare `openapi: 3.1.0`"
        ),
    ));
}

fn schema(value: &Value, at: &str, problems: &mut Problems) {
    let Some(map) = value.as_mapping() else { return };
    // A `$ref` beside an empty `items:`/`properties:` is the usual slip: the reference was
    // meant one level down.
    let stray_ref = map.get("$ref").and_then(Value::as_str);
    let hint = |what: &str| match stray_ref {
        Some(r) => format!(" (the `$ref: '{r}'` beside it was probably meant as {what})"),
        None => String::new(),
    };
    if let Some(items) = map.get("items") {
        match items {
            Value::Mapping(_) => schema(items, &join(at, "items"), problems),
            Value::Bool(b) => boolean(*b, &join(at, "items"), problems),
            other => problems.push((
                join(at, "items"),
                format!(
                    "`items` is {}: an array schema needs the schema of its items{}",
                    describe(other),
                    hint("the schema of `items`: indent it under `items`")
                ),
            )),
        }
    }
    if let Some(properties) = map.get("properties") {
        match properties {
            Value::Mapping(props) => {
                for (name, property) in props {
                    schema_at(property, &join(&join(at, "properties"), &key(name)), problems);
                }
            }
            other => problems.push((
                join(at, "properties"),
                format!(
                    "`properties` is {}: it must map property names to schemas{}",
                    describe(other),
                    hint("this schema itself: remove `type: object` and `properties:`")
                ),
            )),
        }
    }
    if let Some(additional @ Value::Mapping(_)) = map.get("additionalProperties") {
        schema(additional, &join(at, "additionalProperties"), problems);
    }
    for list in ["allOf", "oneOf", "anyOf"] {
        if let Some(members) = map.get(list).and_then(Value::as_sequence) {
            for (i, member) in members.iter().enumerate() {
                schema_at(member, &join(&join(at, list), &i.to_string()), problems);
            }
        }
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty (null)".to_owned(),
        Value::String(s) => format!("the string {:?}", truncate(s)),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

fn truncate(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Vec<Problem> {
        check(&serde_yaml::from_str(yaml).unwrap(), false)
    }

    /// `true` and `false` are schemas in 3.1 only: in 3.0 each is located, with the fix.
    #[test]
    fn boolean_schemas_are_3_1_only() {
        let yaml = "
components:
  schemas:
    A:
      type: object
      properties: {any: true, none: false, list: {type: array, items: false}}
      additionalProperties: false
";
        let found = problems(yaml);
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            ["/components/schemas/A/properties/any", "/components/schemas/A/properties/none", "/components/schemas/A/properties/list/items"]
        );
        assert!(found[0].1.contains("not the boolean `true`") && found[0].1.contains("`{}`"), "{}", found[0].1);
        assert!(found[1].1.contains("remove it"), "{}", found[1].1);
        assert!(check(&serde_yaml::from_str(yaml).unwrap(), true).is_empty());
    }

    #[test]
    fn finds_every_misplaced_node_in_one_pass() {
        let found = problems(
            "
paths:
  /a:
    put:
      requestBody:
        content:
          application/json: {schema: {type: object}}
          description: a stray description
components:
  schemas:
    A:
      type: array
      items:
      $ref: '#/components/schemas/B'
    C:
      type: object
      properties:
        s:
          type: object
          properties:
          $ref: '#/components/schemas/S'
",
        );
        let pointers: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/paths/~1a/put/requestBody/content/description",
                "/components/schemas/A/items",
                "/components/schemas/C/properties/s/properties",
            ]
        );
        assert!(found[0].1.contains("the string \"a stray description\""), "{}", found[0].1);
        assert!(found[1].1.contains("indent it under `items`"), "{}", found[1].1);
        assert!(found[2].1.contains("`properties` is empty (null)"), "{}", found[2].1);
    }

    #[test]
    fn a_well_formed_document_has_no_problems() {
        let yaml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/commvault.yaml")).unwrap();
        assert!(problems(&yaml).is_empty());
    }
}
