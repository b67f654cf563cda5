//! Broken specs through the command line (`sdkgen::cli::run`, in-process): each is rejected
//! with exit code 2, an `error:` line naming the file and the exact line of the problem, and
//! nothing written to the output folder.

use std::path::{Path, PathBuf};

use sdkgen::cli::exit;

/// A fresh `specs/` and `out/` under a temp folder unique to the test and process; removed
/// when dropped.
struct Dirs {
    _root: sdkgen_tests::TempDir,
    specs: PathBuf,
    out: PathBuf,
}

impl Dirs {
    fn new(test: &str) -> Self {
        let root = sdkgen_tests::TempDir::new(&format!("bad-specs-{test}"));
        let (specs, out) = (root.0.join("specs"), root.0.join("out"));
        std::fs::create_dir_all(&specs).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        Self { _root: root, specs, out }
    }

    fn spec(&self, file: &str, yaml: &str) {
        std::fs::write(self.specs.join(file), yaml).unwrap();
    }

    /// Runs `sdkgen --specs <specs> --out <out>`: exit code, stdout, stderr.
    fn run(&self) -> (i32, String, String) {
        let (specs, out) = (self.specs.display().to_string(), self.out.display().to_string());
        let args = ["--specs", &specs, "--out", &out, "--format", "short"].map(String::from);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = sdkgen::cli::run(&args, &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    }
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    sdkgen_tests::tree(dir).into_keys().collect()
}

/// What a rejected run printed: its `error:` lines, and the spec's path as they show it.
struct Rejected {
    yaml: String,
    errors: Vec<String>,
    stderr: String,
    file: String,
}

/// Runs the CLI on a specs folder holding only `broken.yaml` (= `yaml`) and an output folder
/// holding a previously generated file; asserts exit code 2, the summary line, and that the
/// output folder is untouched.
fn reject(test: &str, yaml: &str) -> Rejected {
    let dirs = Dirs::new(test);
    dirs.spec("broken.yaml", yaml);
    let previous = dirs.out.join("broken/src/lib.rs");
    std::fs::create_dir_all(previous.parent().unwrap()).unwrap();
    std::fs::write(&previous, "previous").unwrap();

    let (code, stdout, stderr) = dirs.run();
    assert_eq!(code, exit::INVALID, "stderr:\n{stderr}");
    assert_eq!(stdout, "", "nothing is reported as generated");
    assert_eq!(std::fs::read_to_string(&previous).unwrap(), "previous");
    assert_eq!(files_under(&dirs.out), vec![PathBuf::from("broken/src/lib.rs")]);

    let errors: Vec<String> =
        stderr.lines().filter(|l| l.starts_with("error:")).map(str::to_owned).collect();
    let summary =
        format!("sdkgen: {} error(s); nothing was written to {}", errors.len(), dirs.out.display());
    assert_eq!(stderr.lines().last(), Some(summary.as_str()), "stderr:\n{stderr}");
    Rejected {
        yaml: yaml.to_owned(),
        errors,
        stderr,
        file: dirs.specs.join("broken.yaml").display().to_string(),
    }
}

/// Asserts that line `line` (1-based) of `yaml` contains `marker`: the expected line
/// numbers below are counted by hand, and this keeps them honest when a spec is edited.
fn assert_line_has(yaml: &str, line: usize, marker: &str) {
    let text = yaml.lines().nth(line - 1).unwrap_or("");
    assert!(text.contains(marker), "line {line} of the spec is `{text}`, not `{marker}`");
}

/// Asserts that the rejection has one error at `broken.yaml:<line>:`, with all `keywords`,
/// and that this line of the spec contains `marker`.
fn assert_error_at(rejected: &Rejected, line: usize, marker: &str, keywords: &[&str]) {
    assert_line_has(&rejected.yaml, line, marker);
    let prefix = format!("error: {}:{line}: ", rejected.file);
    let matching: Vec<&String> =
        rejected.errors.iter().filter(|e| e.starts_with(&prefix)).collect();
    assert_eq!(matching.len(), 1, "one error at `{prefix}`; stderr:\n{}", rejected.stderr);
    for keyword in keywords {
        assert!(matching[0].contains(keyword), "`{keyword}` missing from: {}", matching[0]);
    }
}

/// The spec is rejected with exactly one error, at `line` (whose text contains `marker`).
fn assert_one_error(test: &str, yaml: &str, line: usize, marker: &str, keywords: &[&str]) {
    let rejected = reject(test, yaml);
    assert_eq!(rejected.errors.len(), 1, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, line, marker, keywords);
}

/// The rename policy for colliding names: the spec generates (exit 0) with exactly one
/// warning, at `line` (whose text contains `marker`), naming `keywords`. Returns the
/// generated crate's Rust source, all files joined.
fn renamed(test: &str, yaml: &str, line: usize, marker: &str, keywords: &[&str]) -> String {
    assert_line_has(yaml, line, marker);
    let dirs = Dirs::new(test);
    dirs.spec("names.yaml", yaml);
    let (code, _, stderr) = dirs.run();
    assert_eq!(code, sdkgen::cli::exit::OK, "stderr:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "stderr:\n{stderr}");
    let prefix = format!("warning: {}:{line}: ", dirs.specs.join("names.yaml").display());
    assert!(warnings[0].starts_with(&prefix), "expected `{prefix}`: {}", warnings[0]);
    for keyword in keywords {
        assert!(warnings[0].contains(keyword), "`{keyword}` missing from: {}", warnings[0]);
    }
    files_under(&dirs.out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs"))
        .map(|f| std::fs::read_to_string(dirs.out.join(f)).unwrap())
        .collect()
}

#[test]
fn yaml_syntax_error_is_located_by_the_yaml_parser() {
    let yaml = "\
openapi: 3.0.3
info:
  title: Broken
 version: '1.0'
paths: {}
";
    let keywords = ["invalid YAML", "did not find expected key"];
    assert_one_error("yaml-syntax", yaml, 4, " version: '1.0'", &keywords);
}

#[test]
fn wrongly_typed_field_is_located() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    Thing:
      type: string
      nullable: maybe
";
    let keywords = ["not a valid OpenAPI document", "expected a boolean", "(at /components/schemas/Thing/nullable)"];
    assert_one_error("wrong-field-type", yaml, 7, "nullable: maybe", &keywords);
}

/// dnd5eapi.co (../shared/corpus-dev) writes an `allOf` as a mapping, in minified JSON: the
/// error has the line, the column and the JSON pointer of the node (serde's own path,
/// `paths./a/{id}.get...`, is no pointer: keys hold dots and slashes).
#[test]
fn a_wrongly_typed_node_in_minified_json_has_its_column_and_pointer() {
    let json = r#"{"openapi":"3.0.0","info":{"title":"T","version":"1"},"paths":{"/a.b/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],"responses":{"200":{"description":"ok","content":{"application/json":{"schema":{"allOf":{"type":"object"}}}}}}}}}}"#;
    let dir = sdkgen_tests::TempDir::new("allof-map");
    let spec = dir.0.join("dnd.json");
    std::fs::write(&spec, json).unwrap();
    let failure = sdkgen::generate_spec(&spec, &sdkgen::Options::default()).expect_err("refused");
    assert_eq!(failure.diagnostics.len(), 1, "{failure}");
    let error = &failure.diagnostics[0];
    let pointer = "/paths/~1a.b~1{id}/get/responses/200/content/application~1json/schema/allOf";
    assert_eq!(error.pointer.as_deref(), Some(pointer), "{error}");
    assert!(error.message.contains("expected a sequence"), "{error}");
    assert_eq!(error.line, Some(1));
    let column = json.find(r#""allOf""#).unwrap() + 1;
    let found = error.column.expect("a column");
    assert!((column..column + 9).contains(&found), "column {found}, `allOf` at {column}: {error}");
}

#[test]
fn unresolved_schema_ref() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thingy'
components:
  schemas:
    Thing:
      type: string
";
    let keywords = ["unresolved $ref `#/components/schemas/Thingy`", "no such component"];
    assert_one_error("unresolved-ref", yaml, 13, "$ref: '#/components/schemas/Thingy'", &keywords);
}

#[test]
fn unknown_type() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: strng
";
    let keywords = ["unknown type `strng`", "(at /components/schemas/Thing/properties/name/type)"];
    assert_one_error("unknown-type", yaml, 9, "type: strng", &keywords);
}

#[test]
fn duplicate_operation_id() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
paths:
  /a:
    get:
      operationId: getThing
      responses: {'200': {description: ok}}
  /b:
    post:
      operationId: getThing
      responses: {'200': {description: ok}}
";
    let keywords = ["duplicate operationId `getThing`", "first used at /paths/~1a/get"];
    assert_one_error("duplicate-operation-id", yaml, 10, "operationId: getThing", &keywords);
}

/// notion.com (../shared/corpus-dev) has a header parameter named `""`: an error at its
/// `name`, in a query as in a header.
#[test]
fn a_parameter_with_an_empty_name_is_an_error_at_its_name() {
    for location in ["header", "query"] {
        let yaml = format!(
            "\
openapi: 3.0.3
info: {{title: Broken, version: '1.0'}}
paths:
  /a:
    get:
      parameters:
        - {{in: {location}, name: Version, schema: {{type: string}}}}
        - in: {location}
          name: ''
          schema: {{type: string}}
      responses: {{'200': {{description: ok}}}}
"
        );
        let keywords = ["a parameter needs a name: `name` is the empty string", "(at /paths/~1a/get/parameters/1/name)"];
        assert_one_error(&format!("empty-name-{location}"), &yaml, 9, "name: ''", &keywords);
    }
}

/// useapi.net (../shared/corpus-dev) has `/jobs` and `/jobs/`, neither with an operationId:
/// both derive `get_jobs`. The second is renamed, with a warning, not refused; a derived id
/// also keeps off the ids the spec gives, even later ones (`get_jobs_2` here), so that only
/// a duplicate the spec writes is an error.
#[test]
fn derived_operation_ids_that_collide_are_numbered() {
    let yaml = "\
openapi: 3.0.3
info: {title: Jobs, version: '1'}
paths:
  /jobs:
    get:
      responses: {'200': {description: ok}}
  /jobs/:
    get:
      responses: {'200': {description: ok}}
  /other:
    get:
      operationId: get_jobs_2
      responses: {'200': {description: ok}}
";
    let keywords = [
        "this operation has no operationId, and the one derived from its method and path, `get_jobs`",
        "is that of /paths/~1jobs/get: it is `get_jobs_3`",
        "(at /paths/~1jobs~1/get)",
    ];
    let code = renamed("derived-op-ids", yaml, 8, "get:", &keywords);
    for method in ["get_jobs", "get_jobs_2", "get_jobs_3"] {
        assert!(code.contains(&format!("pub fn {method}(&self)")), "{method}: {code}");
    }
}

#[test]
fn schema_names_colliding_after_case_conversion_are_numbered() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    user_group:
      type: string
    UserGroup:
      type: integer
";
    let keywords = [
        "schema `UserGroup`",
        "Rust type `UserGroup`",
        "`/components/schemas/user_group`",
        "it is `UserGroup2`",
    ];
    let code = renamed("schema-collision", yaml, 7, "UserGroup:", &keywords);
    // The first in spec order keeps the name.
    assert!(code.contains("pub type UserGroup = String;"), "{code}");
    assert!(code.contains("pub type UserGroup2 = i64;"), "{code}");
}

#[test]
fn property_names_colliding_after_snake_case_conversion_are_numbered() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    Thing:
      type: object
      properties:
        fooBar:
          type: string
        foo_bar:
          type: integer
";
    let keywords = ["properties `fooBar` and `foo_bar`", "Rust field `foo_bar`", "is the field `foo_bar_2`"];
    let code = renamed("property-collision", yaml, 10, "foo_bar:", &keywords);
    assert!(code.contains("\"fooBar\" => optional(map, &mut builder.foo_bar),")
        && code.contains("map.optional(\"fooBar\", &self.foo_bar);")
        && code.contains("pub foo_bar: Option<String>"), "{code}");
    assert!(code.contains("pub foo_bar_2: Option<i64>"), "{code}");
}

#[test]
fn path_placeholder_without_path_parameter() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      responses: {'200': {description: ok}}
";
    let keywords = ["the path uses `{id}`", "declares no such path parameter"];
    assert_one_error("undeclared-placeholder", yaml, 5, "get:", &keywords);
}

#[test]
fn ref_outside_the_file() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    Thing:
      type: object
      properties:
        other:
          $ref: 'other.yaml#/X'
";
    let keywords = ["$ref `other.yaml#/X`", "points outside this file"];
    assert_one_error("external-ref", yaml, 9, "$ref: 'other.yaml#/X'", &keywords);
}

#[test]
fn every_error_of_a_spec_is_reported_in_one_run() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
paths:
  /a:
    get:
      operationId: getA
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: getA
      responses: {'200': {description: ok}}
components:
  schemas:
    Thing:
      type: object
      properties:
        fooBar:
          type: strng
        foo_bar:
          type: string
        other:
          $ref: '#/components/schemas/Missing'
";
    #[rustfmt::skip]
    let expected = [
        (10, "operationId: getA", "duplicate operationId `getA`"),
        (18, "type: strng", "unknown type `strng`"),
        (22, "$ref: '#/components/schemas/Missing'", "unresolved $ref `#/components/schemas/Missing`"),
    ];
    let rejected = reject("several-errors", yaml);
    assert_eq!(rejected.errors.len(), 3, "stderr:\n{}", rejected.stderr);
    // Warnings are reported beside the errors: the property collision is renamed.
    assert!(rejected.stderr.contains("is the field `foo_bar_2`"), "stderr:\n{}", rejected.stderr);
    for (line, marker, keyword) in expected {
        assert_error_at(&rejected, line, marker, &[keyword]);
    }
}

const VALID: &str = "\
openapi: 3.0.3
info: {title: Sample, version: '1.0'}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: string
";

#[test]
fn valid_spec_is_generated() {
    let dirs = Dirs::new("valid");
    dirs.spec("sample.yaml", VALID);
    let (code, stdout, stderr) = dirs.run();
    assert_eq!(code, exit::OK, "stderr:\n{stderr}");
    assert_eq!(stderr, "", "a valid spec has no warnings");
    assert!(stdout.starts_with("sdkgen: generated sample ("), "stdout: {stdout}");
    let cargo_toml = std::fs::read_to_string(dirs.out.join("sample/Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("name = \"sample\""), "{cargo_toml}");
    let lib = std::fs::read_to_string(dirs.out.join("sample/src/lib.rs")).unwrap();
    assert!(lib.contains("sample.yaml"), "lib.rs names its spec:\n{lib}");
    let files = files_under(&dirs.out);
    assert!(files.iter().all(|f| f.starts_with("sample")), "{files:?}");
}

#[test]
fn one_broken_spec_stops_every_spec_from_being_written() {
    let dirs = Dirs::new("all-or-nothing");
    dirs.spec("sample.yaml", VALID);
    let broken = VALID.replace("name:\n          type: string", "name:\n          type: strng");
    assert_line_has(&broken, 19, "type: strng");
    dirs.spec("broken.yaml", &broken);
    let (code, stdout, stderr) = dirs.run();
    assert_eq!(code, exit::INVALID, "stderr:\n{stderr}");
    assert_eq!(stdout, "");
    let broken_file = dirs.specs.join("broken.yaml").display().to_string();
    assert!(stderr.starts_with(&format!("error: {broken_file}:19: unknown type `strng`")));
    assert!(stderr.contains("sdkgen: 1 error(s);"), "stderr:\n{stderr}");
    assert!(!stderr.contains("sample.yaml"), "stderr:\n{stderr}");
    assert!(files_under(&dirs.out).is_empty(), "the valid spec was not written either");
}

#[test]
fn an_unquoted_short_version_is_shown_as_written() {
    let yaml = "openapi: 3.1\ninfo: {title: Broken, version: '1'}\npaths: {}\n";
    let keywords = ["`openapi` is `3.1`", "'3.1.0'"];
    assert_one_error("short-version", yaml, 1, "openapi: 3.1", &keywords);
}

#[test]
fn a_failed_path_parameter_is_reported_once_without_follow_on_errors() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a/{id}:
    get:
      operationId: A
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: strng}
      responses:
        '200': {description: ok}
";
    let rejected = reject("failed-path-param", yaml);
    assert_eq!(rejected.errors.len(), 1, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 11, "strng", &["unknown type `strng`"]);
    assert!(!rejected.stderr.contains("warning:"), "no follow-on warning:\n{}", rejected.stderr);
}

#[test]
fn a_shared_component_response_is_reported_once() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a:
    get:
      operationId: A
      responses:
        '404': {$ref: '#/components/responses/Missing'}
  /b:
    get:
      operationId: B
      responses:
        '404': {$ref: '#/components/responses/Missing'}
components:
  responses:
    Missing:
      description: gone
      content:
        application/json:
          schema:
            type: strng
";
    let rejected = reject("shared-response", yaml);
    assert_eq!(rejected.errors.len(), 1, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 21, "type: strng", &["unknown type `strng`"]);
}

#[test]
fn two_spec_files_for_one_crate_name_are_rejected() {
    let dirs = Dirs::new("same-crate-name");
    let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n";
    dirs.spec("api.yaml", yaml);
    dirs.spec("api.yml", yaml);
    let (code, _, stderr) = dirs.run();
    assert_eq!(code, exit::INVALID, "stderr:\n{stderr}");
    assert!(stderr.contains("api.yml: generates the crate `api`"), "{stderr}");
    assert!(files_under(&dirs.out).is_empty());
}

#[test]
fn names_that_would_shadow_std_types_are_suffixed() {
    let dirs = Dirs::new("reserved-names");
    dirs.spec(
        "names.yaml",
        "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    self: {type: string}
    Option:
      type: object
      properties:
        kind: {type: string, enum: [self, other]}
",
    );
    let (code, _, stderr) = dirs.run();
    assert_eq!(code, exit::OK, "stderr:\n{stderr}");
    let types = std::fs::read_to_string(dirs.out.join("names/src/types.rs")).unwrap();
    assert!(types.contains("pub type SelfType = String;"), "{types}");
    assert!(types.contains("pub struct OptionType {"), "{types}");
    assert!(types.contains("pub kind: Option<OptionTypeKind>"), "{types}");
    assert!(types.contains("SelfValue,"), "{types}");
}

#[test]
fn lenient_mode_turns_model_errors_into_warnings_and_generates() {
    let dirs = Dirs::new("lenient");
    let yaml = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: GetA
      responses:
        '200': {description: ok}
  /b:
    get:
      operationId: GetA
      responses:
        '200': {description: ok}
components:
  schemas:
    Thing:
      type: object
      properties:
        a: {type: strng}
";
    dirs.spec("loose.yaml", yaml);
    let (specs, out) = (dirs.specs.display().to_string(), dirs.out.display().to_string());
    let args = ["--specs", &specs, "--out", &out, "--format", "short", "--lenient"].map(String::from);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut stdout, &mut stderr);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, exit::OK, "stderr:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].contains("loose.yaml:11: duplicate operationId `GetA`") && warnings[0].ends_with("(at /paths/~1b/get/operationId)"), "{stderr}");
    assert!(warnings[1].contains("loose.yaml:19: unknown type `strng`"), "{stderr}");
    assert!(warnings.iter().all(|w| w.starts_with("warning: ") && w.contains("[skipped: lenient mode]")));
    let types = std::fs::read_to_string(dirs.out.join("loose/src/types.rs")).unwrap();
    assert!(types.contains("pub a: Option<serde_json::Value>"), "{types}");
    let client = std::fs::read_to_string(dirs.out.join("loose/src/client.rs")).unwrap();
    assert_eq!(client.matches("pub fn get_a(&self)").count(), 1, "the duplicate is left out");

    // Without --lenient the same spec is rejected.
    let strict = ["--specs", &specs, "--out", &out, "--check"].map(String::from);
    assert_eq!(sdkgen::cli::run(&strict, &mut Vec::new(), &mut Vec::new()), exit::INVALID);
}

#[test]
fn operations_whose_request_types_collide_are_numbered() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a:
    get:
      operationId: get2fa
      responses: {'200': {description: ok}}
  /b:
    get:
      operationId: get_2fa
      responses: {'200': {description: ok}}
";
    // `get2fa` and `get_2fa` are distinct methods but the same type `Get2fa`.
    let keywords = ["`get2fa` and `get_2fa` both become", "(type `Get2fa`)", "`get_2fa` is `get_2fa_2` (`Get2fa2`)"];
    let code = renamed("op-type-collision", yaml, 10, "operationId: get_2fa", &keywords);
    assert!(code.contains("pub fn get2fa(&self) -> super::builders::Get2fa "), "{code}");
    assert!(code.contains("pub fn get_2fa_2(&self) -> super::builders::Get2fa2 "), "{code}");
}

#[test]
fn schemas_that_only_refer_to_each_other() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths: {}
components:
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/A'}
";
    let rejected = reject("alias-cycle", yaml);
    assert_eq!(rejected.errors.len(), 2, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 6, "A: {$ref", &["`A` refers to itself through `$ref`s alone"]);
    assert_error_at(&rejected, 7, "B: {$ref", &["`B` refers to itself"]);
}

/// A list of objects has no OpenAPI style, and a path cannot lack it: it is sent as its
/// JSON text (as with `content: application/json`), with a warning at its schema; the spec
/// is not refused.
#[test]
fn a_path_parameter_no_style_writes_is_sent_as_json_text() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a/{id}:
    get:
      operationId: A
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: array, items: {type: object, properties: {a: {type: string}}}}
      responses: {'200': {description: ok}}
";
    let keywords = ["a list of non-scalars in style `default` has no spelling", "it is sent as its JSON text"];
    let code = renamed("path-param-array", yaml, 11, "schema: {type: array", &keywords);
    assert!(code.contains(r#"sdkgen_runtime::style::json_text("id", &id)"#), "{code}");
}

/// Boolean schemas are OpenAPI 3.1: in a 3.0 document each is a located error saying what
/// to write instead, all in one run (not a panic, not silently read as a schema).
#[test]
fn a_boolean_schema_in_a_3_0_document_is_an_error() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths: {}
components:
  schemas:
    A:
      type: object
      properties:
        any: true
        none: false
";
    let rejected = reject("boolean-schema-3-0", yaml);
    assert_eq!(rejected.errors.len(), 2, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 9, "any: true", &["not the boolean `true`", "OpenAPI 3.1", "`{}`", "/components/schemas/A/properties/any"]);
    assert_error_at(&rejected, 10, "none: false", &["not the boolean `false`", "remove it"]);
}

#[test]
fn server_variables_whose_setters_collide_are_numbered() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
servers:
  - url: https://{Region}.{region}.example.com
    variables:
      Region: {default: a}
      region: {default: b}
paths: {}
";
    let keywords = ["server variables `Region` and `region` both become the setter `region`", "`region` is `region_2`"];
    let code = renamed("server-var-collision", yaml, 7, "region: {default: b}", &keywords);
    assert!(code.contains("pub fn region(") && code.contains("pub fn region_2("), "{code}");
}

/// Runs `sdkgen validate` on `broken.yaml` = `text` in the human format: exit code, stderr.
fn validate_human(test: &str, text: &str) -> (i32, String) {
    let dirs = Dirs::new(test);
    dirs.spec("broken.yaml", text);
    let spec = dirs.specs.join("broken.yaml").display().to_string();
    let args = ["validate", "--spec", &spec, "--color", "never"].map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8(err).unwrap().replace(&spec, "broken.yaml"))
}

/// A spec whose only error is `type: strng` in schema `A`, with `before` ahead of it.
fn strng_after(before: &str, newline: &str) -> String {
    let yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A:\n      type: strng\n";
    format!("{before}{}", yaml.replace('\n', newline))
}

#[test]
fn a_byte_order_mark_is_not_a_second_document() {
    let yaml = strng_after("\u{feff}", "\n");
    let rejected = reject("bom", &yaml);
    assert_eq!(rejected.errors.len(), 1, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 7, "type: strng", &["unknown type `strng`", "(at /components/schemas/A/type)"]);
}

#[test]
fn cr_only_and_crlf_line_endings_keep_their_lines() {
    for (name, newline) in [("cr", "\r"), ("crlf", "\r\n")] {
        let (code, err) = validate_human(name, &strng_after("", newline));
        assert_eq!(code, exit::INVALID, "{err}");
        assert!(err.contains("--> broken.yaml:7:7\n"), "{name}:\n{err}");
        assert!(err.contains("7 |       type: strng\n  |       ^^^^ at /components/schemas/A/type\n"), "{name}:\n{err}");
    }
}

#[test]
fn unicode_line_separators_in_comments_shift_no_line() {
    // YAML 1.1 (libyaml, under serde_yaml) took NEL, U+2028 and U+2029 for line breaks: the
    // comment ended there, and every later line was counted one further.
    let before = "# the API\u{2028} of record\u{85}, see\u{2029} below\n# two\u{2028}\n";
    let yaml = strng_after(before, "\n");
    let rejected = reject("unicode-separators", &yaml);
    assert_eq!(rejected.errors.len(), 1, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 9, "type: strng", &["unknown type `strng`"]);
    // A separator inside a string is content, kept as it is.
    let yaml = yaml.replace("info: {title: T,", "info: {title: \"T\u{2028}U\",");
    assert_error_at(&reject("unicode-separators-in-string", &yaml), 9, "type: strng", &["unknown type"]);
}

#[test]
fn problems_in_flow_style_yaml_and_json_are_located_by_line_and_column() {
    let flow = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: object}, B: {type: strng}}}\n";
    let (code, err) = validate_human("flow", flow);
    assert_eq!(code, exit::INVALID, "{err}");
    let column = flow.lines().nth(3).unwrap().find("type: strng").unwrap() + 1;
    assert!(err.contains(&format!("--> broken.yaml:4:{column}\n")), "{err}");
    assert!(err.contains("^^^^ at /components/schemas/B/type"), "{err}");

    let pretty = r#"{
  "openapi": "3.0.3",
  "info": {"title": "T", "version": "1"},
  "paths": {},
  "components": {
    "schemas": {
      "A": {
        "type": "strng"
      }
    }
  }
}
"#;
    let rejected = reject("json-pretty", pretty);
    assert_error_at(&rejected, 8, r#""type": "strng""#, &["unknown type `strng`"]);

    let minified = r#"{"openapi":"3.0.3","info":{"title":"T","version":"1"},"paths":{},"components":{"schemas":{"A":{"type":"strng"}}}}"#;
    let (code, err) = validate_human("json-minified", minified);
    assert_eq!(code, exit::INVALID, "{err}");
    let column = minified.find(r#""type""#).unwrap() + 1;
    assert!(err.contains(&format!("--> broken.yaml:1:{column}\n")), "{err}");
    assert!(err.contains("^^^^^^ at /components/schemas/A/type"), "{err}");
}

#[test]
fn a_problem_on_a_very_long_line_shows_only_its_neighbourhood() {
    let description = "x".repeat(8_000_000);
    let yaml = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents: {{schemas: {{A: {{description: '{description}', type: strng}}}}}}\n");
    let (code, err) = validate_human("long-line", &yaml);
    assert_eq!(code, exit::INVALID);
    assert!(err.len() < 1000, "{} bytes of stderr, starting:\n{}", err.len(), &err[..2000.min(err.len())]);
    let column = yaml.lines().nth(3).unwrap().find("type: strng").unwrap() + 1;
    assert!(err.contains(&format!("--> broken.yaml:4:{column}\n")), "{err}");
    assert!(err.contains("xxx', type: strng}}}\n"), "{err}");
}

#[test]
fn thousands_of_problems_are_each_located_in_linear_time() {
    // Each located diagnostic rescanned the file: 8,000 took over 20 s.
    let count = 3000;
    let mut yaml = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n".to_owned();
    for i in 0..count {
        yaml.push_str(&format!("    S{i}:\n      properties:\n        p: {{type: strng}}\n"));
    }
    let started = std::time::Instant::now();
    let rejected = reject("many-problems", &yaml);
    let elapsed = started.elapsed();
    assert_eq!(rejected.errors.len(), count, "{}", &rejected.stderr[..500]);
    for (i, error) in rejected.errors.iter().enumerate() {
        let line = 5 + 3 * i + 3;
        let expected = format!("error: {}:{line}: unknown type `strng`", rejected.file);
        assert!(error.starts_with(&expected) && error.ends_with(&format!("(at /components/schemas/S{i}/properties/p/type)")), "{error}");
    }
    assert!(elapsed.as_secs() < 20, "{count} problems took {elapsed:?}");
}

#[test]
fn deep_flow_nesting_is_refused_at_once_with_its_place() {
    let depth = 80_000;
    let yaml = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\nx-deep: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let started = std::time::Instant::now();
    let rejected = reject("deep-flow", &yaml);
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
    assert_error_at(&rejected, 4, "x-deep: [[[", &["nested more than 128 levels deep"]);
    // What serde_yaml itself accepts is still accepted: 128 levels in all.
    let at_the_limit = format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\nx-deep: {}{}\n", "[".repeat(127), "]".repeat(127));
    let dirs = Dirs::new("deep-flow-limit");
    dirs.spec("deep.yaml", &at_the_limit);
    let (code, _, stderr) = dirs.run();
    assert_eq!(code, exit::OK, "{stderr}");
}

#[test]
fn lenient_mode_reads_unquoted_numeric_response_codes_beside_a_skipped_problem() {
    // Read from text `200:` is the string "200"; lenient loading re-reads a YAML value, where
    // it was the number 200, and failed on it: "invalid type: integer `200`".
    let yaml = "\
openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /a:
    get:
      operationId: getA
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/B'}
        404:
          description: gone
components:
  schemas:
    B:
      type: array
      items:
";
    let dirs = Dirs::new("lenient-numeric-codes");
    dirs.spec("loose.yaml", yaml);
    let (specs, out) = (dirs.specs.display().to_string(), dirs.out.display().to_string());
    let args = ["--specs", &specs, "--out", &out, "--format", "short", "--lenient"].map(String::from);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut stdout, &mut stderr);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, exit::OK, "stderr:\n{stderr}");
    assert!(stderr.contains("loose.yaml:19: `items` is empty (null)") && stderr.contains("[skipped: lenient mode]"), "{stderr}");
    assert!(!stderr.contains("integer"), "{stderr}");
    let errors = std::fs::read_to_string(dirs.out.join("loose/src/errors.rs")).unwrap();
    assert!(errors.contains("404"), "the 404 response is still read:\n{errors}");
}

/// OpenAPI has no escape for a brace in a path: `{{id}}` was sent as `{id_segment}`.
#[test]
fn a_path_with_braces_outside_a_parameter_is_an_error() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a/{{id}}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
  /b/{id}}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
";
    let rejected = reject("path-braces", yaml);
    assert_eq!(rejected.errors.len(), 2, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 4, "/a/{{id}}:", &["`{{`", "percent-encoded", "/paths/~1a~1{{id}}"]);
    assert_error_at(&rejected, 9, "/b/{id}}:", &["`}` that closes no"]);
}

/// A discriminator `mapping` to a schema that does not exist was accepted silently.
#[test]
fn a_discriminator_mapping_to_a_missing_schema_is_an_error() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths: {}
components:
  schemas:
    Cat: {type: object, properties: {kind: {type: string}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}]
      discriminator:
        propertyName: kind
        mapping:
          cat: '#/components/schemas/Cat'
          dog: Dog
          fish: '#/components/schemas/Fish'
";
    let rejected = reject("discriminator-mapping", yaml);
    assert_eq!(rejected.errors.len(), 2, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 13, "dog: Dog", &["`dog` maps to `Dog`", "no schema `#/components/schemas/Dog`"]);
    assert_error_at(&rejected, 14, "fish:", &["`fish` maps to `#/components/schemas/Fish`"]);
}

/// A merge key `<<` that merges no mapping is reported at its place (merge keys of mappings
/// are merged: see generator/tests/valid_input.rs).
#[test]
fn a_merge_key_of_a_scalar_is_an_error_at_its_line() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths: {}
components:
  schemas:
    Thing:
      <<: not-a-mapping
      type: object
";
    assert_one_error("merge-scalar", yaml, 7, "<<: not-a-mapping", &["merge key `<<` must merge a mapping"]);
}

/// A `$ref` where the generator reads nothing (a response header, a link) that points at
/// nothing is reported too; one the model reads is reported once, by the model.
#[test]
fn every_ref_that_points_at_nothing_is_an_error() {
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1'}
paths:
  /a:
    get:
      parameters: [{$ref: '#/components/parameters/Missing'}]
      responses:
        '200':
          description: ok
          headers: {X-Rate: {$ref: '#/components/headers/Missing'}}
          links: {next: {$ref: '#/components/links/Missing'}}
";
    let rejected = reject("dangling-refs", yaml);
    assert_eq!(rejected.errors.len(), 3, "stderr:\n{}", rejected.stderr);
    assert_error_at(&rejected, 6, "parameters:", &["`#/components/parameters/Missing`: there is no such component"]);
    assert_error_at(&rejected, 10, "headers:", &["`#/components/headers/Missing`: nothing in this document is there"]);
    assert_error_at(&rejected, 11, "links:", &["`#/components/links/Missing`"]);
}

/// A broken Swagger 2.0 document: the conversion to OpenAPI 3.0 moves its nodes (a body
/// parameter becomes `requestBody`, `definitions` `components.schemas`), but each error is
/// at the 2.0 file's line and column, named by the 2.0 document's JSON pointer.
#[test]
fn swagger2_errors_are_located_in_the_2_0_file() {
    let yaml = "\
swagger: '2.0'
info: {title: Broken, version: '1.0'}
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
    put:
      operationId: putPet
      parameters:
        - {name: q, in: query, type: strng}
        - name: pet
          in: body
          schema:
            type: object
            properties:
              age: {type: integr}
      responses:
        '200': {description: ok, schema: {$ref: '#/definitions/Missing'}}
definitions:
  Pet:
    type: object
    properties:
      name: {type: strin, x-nullable: true}
";
    let failure = swagger2_failure("broken2.yaml", yaml);
    let mut found: Vec<(usize, usize, String)> = failure
        .diagnostics
        .iter()
        .filter(|d| d.severity == sdkgen::diag::Severity::Error)
        .map(|d| (d.line.expect("a line"), d.column.expect("a column"), d.pointer.clone().expect("a pointer")))
        .collect();
    found.sort();
    #[rustfmt::skip]
    let expected = [
        (10, 32, "/paths/~1pets~1{id}/put/parameters/0/type"),
        (16, 21, "/paths/~1pets~1{id}/put/parameters/1/schema/properties/age/type"),
        (18, 43, "/paths/~1pets~1{id}/put/responses/200/schema/$ref"),
        (23, 14, "/definitions/Pet/properties/name/type"),
    ];
    let expected: Vec<(usize, usize, String)> = expected.iter().map(|(l, c, p)| (*l, *c, (*p).to_owned())).collect();
    assert_eq!(found, expected, "{failure}");
    let text = failure.to_string();
    assert!(text.contains("unknown type `integr`"), "{text}");

    // What the conversion itself finds: a body parameter without its schema.
    let yaml = "\
swagger: '2.0'
info: {title: Broken, version: '1.0'}
paths:
  /pets:
    post:
      parameters:
        - {name: q, in: query, type: string}
        - {name: pet, in: body}
      responses: {'200': {description: ok}}
";
    let failure = swagger2_failure("nobody.yaml", yaml);
    let [d] = &failure.diagnostics[..] else { panic!("one error: {failure}") };
    assert_eq!((d.line, d.column, d.pointer.as_deref()), (Some(8), Some(11), Some("/paths/~1pets/post/parameters/1")));
    assert!(d.message.contains("an `in: body` parameter needs a `schema`"), "{d}");
}

/// The failure of generating `yaml`, written as `file` in a temporary folder.
fn swagger2_failure(file: &str, yaml: &str) -> sdkgen::diag::Failure {
    let dir = sdkgen_tests::TempDir::new("bad-specs-swagger2");
    let path = dir.0.join(file);
    std::fs::write(&path, yaml).expect("the spec is written");
    sdkgen::generate_spec(&path, &sdkgen::Options::default()).expect_err("the spec is broken")
}
