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
