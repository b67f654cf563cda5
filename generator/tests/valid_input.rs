//! Valid YAML and JSON that was refused or misread (issue 14): each generates, and what it
//! says reaches the generated code.

use std::path::PathBuf;

use sdkgen::{generate_spec, Options};

struct Spec(PathBuf);

impl Spec {
    /// `text` in a file of its own named `file`.
    fn new(test: &str, file: &str, text: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sdkgen-valid-input-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(file);
        std::fs::write(&path, text).unwrap();
        Self(path)
    }

    /// The generated Rust, all files joined, and the warnings' messages.
    fn generate(&self) -> (String, Vec<String>) {
        match generate_spec(&self.0, &Options::default()) {
            Ok(generated) => {
                let code = generated.crates[0].files.iter().filter(|(f, _)| f.ends_with(".rs")).map(|(_, c)| c.as_str()).collect();
                (code, generated.warnings.into_iter().map(|w| w.message).collect())
            }
            Err(failure) => panic!("{:#?}", failure.diagnostics),
        }
    }
}

impl Drop for Spec {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}

/// `<<: *base` merges the base's keys (the mapping's own win); it was ignored, and the
/// schema silently lost its properties.
#[test]
fn yaml_merge_keys_are_merged() {
    let yaml = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Base: &base
      type: object
      required: [id]
      properties:
        id: {type: string}
    Named:
      <<: *base
      description: A named thing.
    Both:
      <<: [*base, {nullable: true}]
      properties:
        own: {type: integer}
";
    let (code, warnings) = Spec::new("merge", "merge.yaml", yaml).generate();
    // The merge is shallow, as YAML's: `Both` has `required: [id]` of the base, and its own
    // `properties`, without `id`.
    assert_eq!(warnings, ["`id` is listed as required but is not a property; ignored"]);
    let named = code.split("pub struct Named {").nth(1).expect("Named is a struct");
    assert!(named.split('}').next().unwrap().contains("pub id: String"), "{code}");
    assert!(code.contains("/// A named thing."), "{code}");
    // The mapping's own `properties` win over the merged ones, as YAML says.
    let both = code.split("pub struct Both {").nth(1).expect("Both is a struct");
    let both = both.split('}').next().unwrap();
    assert!(both.contains("pub own: Option<i64>") && !both.contains("pub id:"), "{both}");
}

/// Numbers beyond `u64` and `f64` refused the whole spec; they are kept as the spec gives
/// them in the docs, and an integer enum that cannot hold one is a plain integer, with a
/// warning.
#[test]
fn numbers_of_any_size_are_kept_as_written() {
    let yaml = "\
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Big: {type: integer, minimum: -1e400, maximum: 18446744073709552000, default: 18446744073709552000}
    Wide: {type: integer, enum: [1, 18446744073709552000]}
    Merged:
      <<: {type: number, maximum: 1e400}
";
    let (code, warnings) = Spec::new("numbers-yaml", "numbers.yaml", yaml).generate();
    assert!(code.contains("/// Range: -1e400 to 18446744073709552000. Default: `18446744073709552000`."), "{code}");
    assert!(code.contains("/// Allowed values: 1, 18446744073709552000.\npub type Wide = i64;"), "{code}");
    // Read from the tree (merge keys), not the text: the same numbers.
    assert!(code.contains("/// Maximum: 1e400.\npub type Merged = f64;"), "{code}");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("`18446744073709552000` does not fit an `i64`"), "{warnings:?}");

    let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
      "components": {"schemas": {"Big": {"type": "number", "maximum": 1e400, "minimum": -18446744073709552000}}}}"#;
    let (code, _) = Spec::new("numbers-json", "numbers.json", json).generate();
    assert!(code.contains("/// Range: -18446744073709552000 to 1e400."), "{code}");
}

/// JSON's surrogate-pair escapes were an "invalid Unicode character escape" to YAML, and its
/// raw DEL and C1 characters "control characters are not allowed".
#[test]
fn every_json_string_escape_and_character_loads() {
    let json = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {},
      \"components\": {\"schemas\": {\"Mood\": {\"type\": \"string\",
        \"description\": \"\\ud83d\\ude00 smile\\u0001 \\/ \\\" \\\\ a\u{7f}b\u{85}c\u{9f}\",
        \"enum\": [\"\\uD83D\\uDE00\", \"x\\u0000y\"]}}}}";
    let (code, warnings) = Spec::new("json-escapes", "escapes.json", json).generate();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(code.contains("😀 smile"), "{code}");
    assert!(code.contains(r#""😀" => Self::"#), "the value is the character, not its escape: {code}");
    assert!(code.contains(r#""x\0y""#), "{code}");
}
