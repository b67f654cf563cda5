//! The conversion on a small model written for it: each part of the document, the order, and
//! what is refused.

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
