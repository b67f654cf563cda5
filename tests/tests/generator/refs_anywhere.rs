//! Local `$ref`s to any place of the document (`load/hoist.rs`) and keywords beside a `$ref`
//! (`load/siblings.rs`): the facts of the `refs_anywhere` construct (its snapshot is taken
//! with the others, its wire test is in the build.rs consumer), and what is reported, at the
//! `$ref`, of references that cannot resolve; and path items by `$ref` (the
//! `path_item_refs` construct).

use super::construct_specs::{assert_warnings, field_attributes, fields, generate, has, lacks};
use sdkgen::diag::{Diagnostic, Severity};

/// How often `needle` occurs in `code`.
fn count(code: &str, needle: &str) -> usize {
    code.matches(needle).count()
}

#[test]
fn refs_anywhere() {
    let (code, warnings) = generate("refs_anywhere");
    assert_warnings(&warnings, &[]);
    lacks(&code, "serde_json::Value");
    // A schema interior reached by `$ref` (twice, once through a chain) is one type, named
    // as inline naming names it at its place; not a copy per reference.
    assert_eq!(count(&code, "pub struct UserAddress {"), 1);
    lacks(&code, "ProfileHome");
    lacks(&code, "ProfileWork");
    assert_eq!(fields(&code, "User"), ["pub id: String", "pub address: UserAddress"]);
    // The sibling `description` documents the place; a `nullable` sibling makes it an `Option`
    // (a required member: it would be plain otherwise, as `home` is).
    assert_eq!(
        fields(&code, "Profile"),
        ["pub home: UserAddress", "pub work: Option<UserAddress>", "pub badge: Option<ProfileBadge>"]
    );
    assert!(field_attributes(&code, "Profile", "home").contains("The profile's home address."));
    assert!(field_attributes(&code, "Profile", "work").contains("The work address; null when there is none."));
    // The type's own docs stay those of its definition.
    has(&code, "/// Where the user lives.\n");
    // `allOf` and `properties` beside `$ref`: the referenced members, then the siblings'.
    assert_eq!(
        fields(&code, "ProfileBadge"),
        ["pub id: String", "pub address: UserAddress", "pub since: Option<String>", "pub level: Option<i64>"]
    );
    // A response schema by its place under `paths` is the type defined there, once.
    assert_eq!(count(&code, "pub struct ListUsersResponse {"), 1);
    lacks(&code, "ListTeamUsersResponse");
    // A parameter by its place under `paths`, and one through a chain of components: both
    // setters of `ListTeamUsers`, as of `ListUsers`.
    assert_eq!(count(&code, "pub fn limit(mut self, value: i32) -> Self"), 2);
    assert_eq!(count(&code, "pub fn team(mut self, value: impl Into<String>) -> Self"), 2);
}

/// The diagnostics of generating `yaml` (written as `refs.yaml`): the errors of a refused
/// spec, or the warnings of one that generates.
fn diagnostics(test: &str, yaml: &str) -> (bool, Vec<Diagnostic>) {
    let dir = sdkgen_tests::TempDir::new(&format!("refs-{test}"));
    let path = dir.0.join("refs.yaml");
    std::fs::write(&path, yaml).expect("the spec is written");
    match sdkgen::generate_spec(&path, &sdkgen::Options::default()) {
        Ok(generated) => (true, generated.warnings),
        Err(failure) => (false, failure.diagnostics),
    }
}

/// The (line, column, pointer) of each diagnostic, and its message.
fn places(diagnostics: &[Diagnostic]) -> Vec<(usize, usize, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let (line, column) = (d.line.expect("a line"), d.column.expect("a column"));
            (line, column, d.pointer.clone().expect("a pointer"), d.message.clone())
        })
        .collect()
}

#[test]
fn references_that_cannot_resolve_are_errors_at_the_ref() {
    let yaml = r##"openapi: 3.0.3
info: {title: Refs, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      parameters:
        - $ref: '#/paths/~1a/get/parameters/9'
        - $ref: '#/components/parameters/Loop1'
        - {name: q, in: query, schema: {$ref: '#/paths/~1b/get/parameters/0'}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/S/properties/x'}
  /b:
    get:
      operationId: GetB
      parameters:
        - {name: p, in: query, schema: {type: string}}
      responses: {'204': {description: none}}
components:
  parameters:
    Loop1: {$ref: '#/components/parameters/Loop2'}
    Loop2: {$ref: '#/components/parameters/Loop1'}
  schemas:
    S:
      type: object
      properties:
        x: {$ref: '#/components/schemas/S/properties/y'}
        y: {$ref: '#/components/schemas/S/properties/x'}
"##;
    let (generated, found) = diagnostics("errors", yaml);
    assert!(!generated, "the spec is refused");
    assert!(found.iter().all(|d| d.severity == Severity::Error), "{found:?}");
    let found = places(&found);
    let at: Vec<(usize, usize, &str)> = found.iter().map(|(l, c, p, _)| (*l, *c, p.as_str())).collect();
    assert_eq!(
        at,
        [
            // A pointer to nothing.
            (8, 11, "/paths/~1a/get/parameters/0/$ref"),
            // A cycle of components.
            (9, 11, "/paths/~1a/get/parameters/1/$ref"),
            // A parameter where a schema is expected.
            (10, 41, "/paths/~1a/get/parameters/2/schema/$ref"),
            // A cycle of interior schemas, reached from a response.
            (16, 24, "/paths/~1a/get/responses/200/content/application~1json/schema/$ref"),
            (25, 13, "/components/parameters/Loop1/$ref"),
            (26, 13, "/components/parameters/Loop2/$ref"),
            (31, 13, "/components/schemas/S/properties/x/$ref"),
            (32, 13, "/components/schemas/S/properties/y/$ref"),
        ],
        "{found:#?}"
    );
    let message = |line: usize| found.iter().find(|f| f.0 == line).map(|f| f.3.as_str()).unwrap_or_default();
    assert!(message(8).contains("nothing in this document is there"), "{}", message(8));
    assert!(message(9).contains("cycle of references"), "{}", message(9));
    assert!(message(9).contains("`#/components/parameters/Loop2` -> `#/components/parameters/Loop1`"), "{}", message(9));
    assert!(message(10).contains("names a parameter") && message(10).contains("a schema is expected here"), "{}", message(10));
    assert!(message(16).contains("cycle of references"), "{}", message(16));
}

#[test]
fn siblings_that_would_change_the_type_are_ignored_with_a_warning() {
    let yaml = r##"openapi: 3.1.0
info: {title: Refs, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  tags:
                    $ref: '#/components/schemas/Tag'
                    items: {type: string}
                  kind:
                    $ref: '#/components/schemas/Tag/$defs/Kind'
                    enum: [a]
                  other:
                    $ref: '#/components/schemas/Tag'
                    allOf: {"3": {properties: {x: {}}}}
components:
  schemas:
    Tag:
      type: string
      $defs:
        Kind: {type: string}
"##;
    let (generated, found) = diagnostics("siblings", yaml);
    assert!(generated, "the spec generates: {found:?}");
    let found = places(&found);
    let at: Vec<(usize, usize, &str)> = found.iter().map(|(l, c, p, _)| (*l, *c, p.as_str())).collect();
    let pointer = "/paths/~1a/get/responses/200/content/application~1json/schema/properties";
    assert_eq!(
        at,
        [
            (17, 21, format!("{pointer}/tags/items").as_str()),
            (20, 21, format!("{pointer}/kind/enum").as_str()),
            // Not a list (as dnd5eapi.co's converter wrote it): ignored too.
            (23, 21, format!("{pointer}/other/allOf").as_str()),
        ],
        "{found:#?}"
    );
    assert!(found[0].3.contains("`items` beside `$ref` is ignored"), "{}", found[0].3);
    assert!(found[2].3.contains("not a list of schemas: ignored"), "{}", found[2].3);
}

#[test]
fn path_item_refs() {
    let (code, warnings) = generate("path_item_refs");
    assert_warnings(&warnings, &[]);
    // The referenced item's operations at the referencing path, with its path-level parameter.
    has(&code, "pub fn get_pet(&self) -> super::builders::GetPet {");
    has(&code, "pub fn delete_pet(&self) -> super::builders::DeletePet {");
    assert_eq!(count(&code, "let path = format!(\"/pets/{pet_id_segment}\");"), 2);
    assert_eq!(count(&code, "pub fn pet_id(mut self, value: impl Into<String>) -> Self {"), 2);
    has(&code, "pub fn verbose(mut self, value: bool) -> Self {");
    // A path item by its place under `paths`: both paths have the operation, named from
    // each path, and share the one response type.
    has(&code, "let path = \"/status\".to_owned();");
    has(&code, "let path = \"/health\".to_owned();");
    assert_eq!(count(&code, "pub struct GetStatusResponse {"), 1);
    // Each of the two sends it (as output of `send` and `send_with_response`).
    assert_eq!(count(&code, "super::types::GetStatusResponse,"), 4, "{code}");
    lacks(&code, "GetHealthResponse");
}

/// A path item's `$ref` beside operations and parameters of its own (3.0 leaves it
/// undefined): both apply, the item's own first; one referenced twice has its operationIds
/// at the first path only.
#[test]
fn a_path_item_by_ref_with_its_own_members_and_at_two_paths() {
    let yaml = r##"openapi: 3.0.3
info: {title: Refs, version: '1'}
paths:
  /items/{id}:
    get:
      operationId: GetItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /boxes/{box}/items/{id}:
    $ref: '#/paths/~1items~1{id}'
    parameters:
      - {name: box, in: path, required: true, schema: {type: integer}}
    get:
      operationId: GetBoxItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
    post:
      operationId: PutInBox
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /old/items/{id}:
    $ref: '#/paths/~1items~1{id}'
"##;
    let (generated, found) = diagnostics("own-members", yaml);
    assert!(generated, "{found:?}");
    let found = places(&found);
    let at: Vec<(usize, &str)> = found.iter().map(|(l, _, p, _)| (*l, p.as_str())).collect();
    assert_eq!(at, [(14, "/paths/~1boxes~1{box}~1items~1{id}/get"), (25, "/paths/~1old~1items~1{id}/$ref")], "{found:#?}");
    assert!(found[0].3.contains("this one, the path item's own, is generated"), "{}", found[0].3);
    assert!(found[1].3.contains("`GetItem`, which it already has at a path before this one: here it is `get_old_items_by_id`"), "{}", found[1].3);
    let dir = sdkgen_tests::TempDir::new("refs-own-members-code");
    let path = dir.0.join("refs.yaml");
    std::fs::write(&path, yaml).expect("the spec is written");
    let code = sdkgen::Config::new().spec(&path).quiet().generate_string().expect("generates");
    for method in ["get_item", "get_box_item", "put_in_box", "get_old_items_by_id"] {
        has(&code, &format!("pub fn {method}(&self)"));
    }
    // The item's own path-level parameter applies to its own operations.
    has(&code, "let path = format!(\"/boxes/{box_segment}/items/{id_segment}\");");
}

#[test]
fn path_item_refs_that_cannot_resolve_are_errors_at_the_ref() {
    let yaml = r##"openapi: 3.1.0
info: {title: Refs, version: '1'}
paths:
  /a:
    $ref: '#/components/pathItems/Missing'
  /b:
    $ref: '#/components/pathItems/Loop1'
  /c:
    $ref: '#/components/schemas/S'
  /d:
    $ref: '#/paths/~1e'
  /e:
    $ref: '#/paths/~1d'
components:
  pathItems:
    Loop1: {$ref: '#/components/pathItems/Loop2'}
    Loop2: {$ref: '#/components/pathItems/Loop1'}
  schemas:
    S: {type: string}
"##;
    let (generated, found) = diagnostics("path-items", yaml);
    assert!(!generated, "the spec is refused");
    assert!(found.iter().all(|d| d.severity == Severity::Error), "{found:?}");
    let found = places(&found);
    let at: Vec<(usize, &str)> = found.iter().map(|(l, _, p, _)| (*l, p.as_str())).collect();
    assert_eq!(
        at,
        [
            (5, "/paths/~1a/$ref"),
            (7, "/paths/~1b/$ref"),
            (9, "/paths/~1c/$ref"),
            (11, "/paths/~1d/$ref"),
            (13, "/paths/~1e/$ref"),
            (16, "/components/pathItems/Loop1/$ref"),
            (17, "/components/pathItems/Loop2/$ref"),
        ],
        "{found:#?}"
    );
    let message = |line: usize| found.iter().find(|f| f.0 == line).map(|f| f.3.as_str()).unwrap_or_default();
    assert!(message(5).contains("there is no such component"), "{}", message(5));
    assert!(message(7).contains("cycle of references"), "{}", message(7));
    assert!(message(9).contains("names a schema") && message(9).contains("a path item is expected here"), "{}", message(9));
    assert!(message(11).contains("cycle of references"), "{}", message(11));
}
