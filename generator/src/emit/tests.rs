//! The names emit writes itself are the ones the model keeps free: a setter of the client
//! builder, a member of a request builder or a local of `send()` that emit adds must be in
//! the model's lists (`model::naming`), or a spec could name something the same.

use std::path::Path;

use crate::model::ir::Api;
use crate::model::naming::{BUILDER_SETTERS, CLIENT_METHODS, ERROR_METHODS, REQUEST_BUILDER_MEMBERS, RESERVED_FEATURES, TYPE_BUILDER_MEMBERS};

/// A spec that exercises every optional part of the client and request builders: SigV4
/// (credentials, signing time), a body, paging.
const SPEC: &str = r#"
openapi: 3.1.0
info: {title: Demo, version: '1'}
x-aws-protocol: rest-json
servers:
  - url: https://demo.{region}.example.com
    variables: {region: {default: us-east-1}}
security: [{sig: []}]
paths:
  /items/{id}:
    post:
      operationId: ListItems
      x-aws-pagination: {inputToken: next, outputToken: next, resultKey: items}
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: next, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [id], properties: {name: {type: string}, id: {type: string}, build: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  next: {type: string}
                  items: {type: array, items: {type: string}}
components:
  securitySchemes:
    sig: {type: apiKey, name: Authorization, in: header, x-aws-sigv4: {signingName: demo, regionVariable: region}}
"#;

fn api() -> Api {
    crate::model::model_str("demo", SPEC)
}

/// The names of the `pub fn`s and `fn`s of `impl <type> {`, in rendered code.
fn methods_of(code: &str, type_name: &str) -> Vec<String> {
    let opening = format!("impl {type_name} {{");
    let Some(start) = code.find(&opening) else { return Vec::new() };
    let body = &code[start..];
    // The item ends where a line closes it at its own indentation.
    let indent = &code[code[..start].rfind('\n').map_or(0, |n| n + 1)..start];
    let end = body.find(&format!("\n{indent}}}\n")).unwrap_or(body.len());
    body[..end]
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix("pub(super) ").or_else(|| l.strip_prefix("pub ")).unwrap_or(l);
            let l = l.strip_prefix("async ").unwrap_or(l);
            let name = l.strip_prefix("fn ")?;
            Some(name.split(['(', '<']).next()?.to_owned())
        })
        .collect()
}

#[test]
fn client_builder_settings_are_the_ones_the_model_keeps_free() {
    let api = api();
    let code = super::render(super::render::tokens(&super::client::client_rs(&api, &Default::default()))).expect("renders");
    let spec_setters = ["region"];
    let settings = methods_of(&code, "ClientBuilder");
    assert!(settings.len() > spec_setters.len(), "{code}");
    for name in settings.iter().filter(|n| !spec_setters.contains(&n.as_str())) {
        assert!(BUILDER_SETTERS.contains(&name.as_str()), "`ClientBuilder::{name}` is not in naming::BUILDER_SETTERS");
    }
    let client = methods_of(&code, "Client");
    for name in client.iter().filter(|n| *n != "list_items") {
        assert!(CLIENT_METHODS.contains(&name.as_str()), "`Client::{name}` is not in naming::CLIENT_METHODS");
    }
}

#[test]
fn request_builder_members_and_locals_are_the_ones_the_model_keeps_free() {
    let api = api();
    let code = super::render(super::render::tokens(&super::builders::builders_rs(&api, &Default::default()))).expect("renders");
    let params = ["id", "next_param"];
    // The body's members, renamed off the parameters (`id_2`) where they would clash.
    let members: Vec<String> = api.operations[0].body.iter().flat_map(|b| &b.members).flat_map(|a| [a.setter.clone(), a.set_option.clone(), a.getter.clone()]).collect();
    assert!(members.contains(&"id_2".to_owned()) && members.contains(&"get_name".to_owned()), "{members:?}");
    let methods = methods_of(&code, "ListItems");
    assert!(methods.contains(&"into_pages".to_owned()) && methods.contains(&"set_id_2".to_owned()), "{code}");
    for name in methods.iter().filter(|n| !params.contains(&n.as_str()) && !members.contains(n)) {
        assert!(REQUEST_BUILDER_MEMBERS.contains(&name.as_str()), "`{name}` is not in naming::REQUEST_BUILDER_MEMBERS");
    }
    // The locals of `send()`: parameters, their segments, and the builder's own.
    let locals = code.lines().filter_map(|l| l.trim_start().strip_prefix("let ")?.split([' ', ':']).next());
    for local in locals {
        let own = REQUEST_BUILDER_MEMBERS.contains(&local) || params.contains(&local) || local.ends_with("_segment");
        // The paginators' closures, whose locals never meet a parameter's (fields and setters
        // are reached through `self.` and `next.`).
        let closure = ["first_token", "next", "page", "token"].contains(&local);
        assert!(own || closure, "`let {local}` in a request builder is not a name the model keeps free");
    }
}

/// The methods of an operation's error and of the crate-level `Error`: a variant's `is_`
/// method, or one the model keeps free (`naming::ERROR_METHODS`), which no `is_` method takes.
#[test]
fn error_methods_are_the_ones_the_model_keeps_free() {
    let api = api();
    let code = super::render(super::render::tokens(&super::errors::errors_rs(&api, &Default::default()))).expect("renders");
    let trait_methods = ["meta", "code", "message"];
    for type_name in ["ListItemsError", "Error"] {
        let methods = methods_of(&code, type_name);
        assert!(methods.contains(&"from_response".to_owned()) || type_name == "Error", "{code}");
        for name in &methods {
            assert!(name.starts_with("is_") || ERROR_METHODS.contains(&name.as_str()), "`{type_name}::{name}` is not in naming::ERROR_METHODS");
        }
    }
    for name in trait_methods {
        assert!(ERROR_METHODS.contains(&name), "`{name}` of ProvideErrorMeta is not in naming::ERROR_METHODS");
    }
}

#[test]
fn type_builder_methods_are_the_members_and_the_ones_the_model_keeps_free() {
    let api = api();
    let code = super::render(super::render::tokens(&super::type_builders::builders_rs(&api, &Default::default()))).expect("renders");
    let def = api.types.iter().find(|t| t.name == "ListItemsBody").expect("the body type");
    let crate::model::ir::TypeKind::Struct(fields) = &def.kind else { panic!("a struct") };
    let members: Vec<&str> = fields.iter().flat_map(|f| [&f.accessors.setter, &f.accessors.set_option, &f.accessors.getter]).map(String::as_str).collect();
    // `build` the member is `build_member` on the type builder.
    assert!(members.contains(&"build_member") && members.contains(&"id"), "{members:?}");
    let methods = methods_of(&code, "ListItemsBodyBuilder");
    assert!(methods.contains(&"build".to_owned()), "{code}");
    for name in methods.iter().filter(|n| !members.contains(&n.as_str())) {
        assert!(TYPE_BUILDER_MEMBERS.contains(&name.as_str()), "`{name}` is not in naming::TYPE_BUILDER_MEMBERS");
    }
}

/// Names whose first character may continue an identifier but not start one, in every
/// place a name comes from: the crate generates (this once panicked).
#[test]
fn names_from_any_unicode_generate() {
    let spec = r#"
openapi: 3.1.0
info: {title: Names, version: '1'}
servers:
  - url: https://{٣}.example.com
    variables: {'٣': {default: a}}
paths:
  /x/{١}:
    get:
      operationId: '٣op'
      security: [{'ा': []}]
      parameters:
        - {name: '١', in: path, required: true, schema: {type: string}}
        - {name: 'ำ', in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/１'}
components:
  schemas:
    '１':
      type: object
      properties:
        '٣': {type: string, enum: ['ा', '١']}
        'ำ':
          oneOf:
            - {title: '٣', type: string}
            - {title: '１', type: integer}
  securitySchemes:
    'ा': {type: apiKey, name: key, in: header}
"#;
    let spec = crate::load::load_str(Path::new("names.yaml"), spec.to_owned(), false).expect("loads");
    let modelled = crate::model::build(&spec, "names", None, false);
    let api = modelled.api.unwrap_or_else(|| panic!("models: {:?}", modelled.diagnostics));
    let options = super::EmitOptions {
        runtime: crate::RuntimeSource::Inline,
        source_name: "names.yaml".to_owned(),
        runtime_path: None,
    };
    let files = super::emit(&api, &options).expect("emits Rust that parses");
    assert!(files["src/types.rs"].contains("pub struct T1"), "{}", files["src/types.rs"]);
    assert!(files["src/client.rs"].contains("pub fn n٣op("), "{}", files["src/client.rs"]);
}

/// Every setter of a request builder is in its method's docs, listed from the model's one
/// walk of them (`Operation::setters`): a setter added to the builder but not to that walk
/// fails here.
#[test]
fn the_docs_list_every_setter_of_the_builder() {
    let api = api();
    let builders = super::render(super::render::tokens(&super::builders::builders_rs(&api, &Default::default()))).expect("renders");
    let client = super::render(super::render::tokens(&super::client::client_rs(&api, &Default::default()))).expect("renders");
    let mut not_setters = vec!["new", "send", "send_with_response", "send_streaming", "request", "into_pages", "into_items"];
    // A body member's `set_x` / `get_x` are listed with its `x`.
    let op = api.operations.iter().find(|o| o.type_name == "ListItems").expect("the operation");
    let members = &op.body.as_ref().expect("a body").members;
    assert!(!members.is_empty(), "the body has member setters");
    not_setters.extend(members.iter().flat_map(|m| [m.set_option.as_str(), m.getter.as_str()]));
    let setters: Vec<String> =
        methods_of(&builders, "ListItems").into_iter().filter(|m| !not_setters.contains(&m.as_str())).collect();
    assert!(setters.contains(&"body".to_owned()) && setters.len() == 3 + members.len(), "{setters:?}");
    for setter in &setters {
        assert!(client.contains(&format!("/// - `{setter}(")), "`{setter}` is not in the docs:\n{client}");
    }
    // And nothing else is listed as a setter.
    let listed = client.lines().filter(|l| l.trim_start().starts_with("/// - `") && l.contains(")`: ")).count();
    assert_eq!(listed, setters.len(), "{client}");
    // The example sets the required path parameter, and the single-file layout has none.
    assert!(client.contains("///     .id(\"example\")") && client.contains("/// ```no_run"), "{client}");
    let included = super::render(super::client::client_rs_included(&api, &Default::default())).expect("renders");
    assert!(!included.contains("```no_run") && included.contains("# Request"), "{included}");
}

/// The manifest's own features (those of no tag: `default`, `full`, `any-tag`, the runtime's
/// it forwards) are the ones the model keeps tags off, with or without tags, in every runtime
/// layout.
#[test]
fn manifest_features_of_no_tag_are_the_reserved_ones() {
    let tagged = crate::model::model_str("tagged", &SPEC.replace("      operationId: ListItems", "      operationId: ListItems\n      tags: [Items]"));
    for api in [api(), tagged] {
        let tags: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
        for runtime in [crate::runtime_source::RuntimeSource::Inline, crate::runtime_source::RuntimeSource::Version] {
            let options = super::EmitOptions { runtime, source_name: "demo.yaml".into(), runtime_path: None };
            let manifest: toml_edit::DocumentMut = super::manifest::cargo_toml(&api, &options).parse().expect("TOML");
            let features = manifest["features"].as_table().expect("a [features] table");
            let own: Vec<&str> = features.iter().map(|(name, _)| name).filter(|n| !tags.contains(n)).collect();
            assert!(own.contains(&"test-util"), "{own:?}");
            for name in own {
                assert!(RESERVED_FEATURES.contains(&name), "feature `{name}` is not in naming::RESERVED_FEATURES");
            }
        }
    }
}

/// The features a generated manifest defines itself, other than one per tag, are the ones
/// the model keeps free (`naming::RESERVED_FEATURES`), so no tag's feature redefines one;
/// for every runtime source (`tracing` forwards the runtime's feature, or turns on an inline
/// runtime's dependency).
#[test]
fn the_manifest_features_are_the_ones_the_model_keeps_free() {
    use crate::runtime_source::RuntimeSource;
    let tagged = SPEC.replace("      operationId: ListItems", "      operationId: ListItems\n      tags: [Tracing, full]");
    for (spec, runtime) in [(SPEC, RuntimeSource::Version), (&tagged, RuntimeSource::Inline)] {
        let api = crate::model::model_str("demo", spec);
        let options = super::EmitOptions { runtime, source_name: "demo.yaml".into(), runtime_path: None };
        let manifest: toml_edit::DocumentMut = super::manifest::cargo_toml(&api, &options).parse().expect("a manifest");
        let features = manifest["features"].as_table().expect("[features]");
        let tags: Vec<&str> = api.features.iter().map(|f| f.name.as_str()).collect();
        for (name, _) in features.iter().filter(|(name, _)| !tags.contains(name)) {
            assert!(RESERVED_FEATURES.contains(&name), "feature `{name}` is not in naming::RESERVED_FEATURES");
        }
        let tracing = features["tracing"].as_array().expect("tracing").get(0).and_then(|v| v.as_str());
        let expected = if options.runtime == RuntimeSource::Inline { "dep:tracing" } else { "sdkgen-runtime/tracing" };
        assert_eq!(tracing, Some(expected));
        if options.runtime == RuntimeSource::Inline {
            assert_eq!(tags, ["tag-tracing", "tag-full"], "tags named like our features are renamed");
            assert_eq!(manifest["dependencies"]["tracing"]["optional"].as_bool(), Some(true));
        }
    }
}
