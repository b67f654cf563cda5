//! Names whose first character may continue a Rust identifier but not start one (issue 14:
//! they panicked in `names.rs`): in every place a spec names something, through both
//! `generate` and `validate` of the command line (in-process). Each run must succeed, and
//! every generated Rust file must parse.

use std::path::{Path, PathBuf};

/// XID_Continue but not XID_Start: an Arabic-Indic digit, a fullwidth digit, a Thai vowel
/// sign, a Devanagari vowel sign; each with what it is in a Rust name (in NFKC, as rustc
/// reads identifiers: `１` is `1`, `ำ` two characters).
const AWKWARD: [(&str, &str); 4] = [("٣", "٣"), ("１", "1"), ("ำ", "\u{e4d}\u{e32}"), ("ा", "ा")];

/// A spec with `NAME` in one place: the place's name, the spec, and what the generated code
/// must contain (the name the model makes, with its prefix).
const PLACES: [(&str, &str, &str); 8] = [
    ("property", "
components:
  schemas:
    Thing: {type: object, properties: {NAME: {type: string}}}
", "pub nNAME:"),
    ("schema", "
components:
  schemas:
    NAME: {type: object, properties: {a: {type: string}}}
paths:
  /a:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/NAME'}}}}
", "pub struct TNAME {"),
    ("enum-value", "
components:
  schemas:
    Thing: {type: string, enum: [NAME, other]}
", "VNAME,"),
    ("one-of-title", "
components:
  schemas:
    Thing:
      oneOf:
        - {title: NAME, type: object, properties: {a: {type: string}}}
        - {title: xNAME, type: integer}
", "TNAME(ThingTNAME)"),
    ("parameter", "
paths:
  /a/{NAME}:
    get:
      parameters:
        - {name: NAME, in: path, required: true, schema: {type: string}}
        - {name: qNAME, in: query, schema: {type: string}}
      responses: {'204': {description: ok}}
", "qNAME: Option<String>"),
    ("server-variable", "
servers:
  - url: 'https://{NAME}.example.com'
    variables: {NAME: {default: a}}
", "pub fn nNAME(mut self"),
    ("security-scheme", "
components:
  securitySchemes:
    NAME: {type: apiKey, in: header, name: X-Key}
security: [{NAME: []}]
", "pub fn nNAME(mut self"),
    ("operation-id", "
paths:
  /a:
    get:
      operationId: NAME
      responses: {'204': {description: ok}}
", "pub fn nNAME(&self)"),
];

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(args: &[&str]) -> (i32, String) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut out, &mut err);
    (code, String::from_utf8_lossy(&err).into_owned())
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn names_that_cannot_start_an_identifier_generate_and_validate_in_every_place() {
    let root = TempDir(std::env::temp_dir().join(format!("sdkgen-unicode-names-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&root.0);
    let mut checked = 0;
    for (place, body, expected) in PLACES {
        for (n, (name, in_rust)) in AWKWARD.iter().enumerate() {
            let dir = root.0.join(format!("{place}-{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            let spec = dir.join("names.yaml");
            let yaml = format!(
                "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{}",
                body.replace("NAME", name)
            );
            // A place that brings its own `paths` replaces the empty one.
            let yaml = if body.contains("\npaths:") { yaml.replacen("paths: {}\n", "", 1) } else { yaml };
            std::fs::write(&spec, &yaml).unwrap();
            let (spec, out) = (spec.to_str().unwrap(), dir.join("out"));
            let out = out.to_str().unwrap();

            let (code, stderr) = run(&["validate", "--spec", spec, "--out", out]);
            assert_eq!(code, 0, "validate, {place} {name:?}:\n{stderr}\n{yaml}");
            let (code, stderr) = run(&["--spec", spec, "--out", out]);
            assert_eq!(code, 0, "generate, {place} {name:?}:\n{stderr}\n{yaml}");

            let mut files = Vec::new();
            rust_files(Path::new(out), &mut files);
            assert_eq!(files.len(), 6, "{place} {name:?}: {files:?}");
            let mut all = String::new();
            for file in files {
                let code = std::fs::read_to_string(&file).unwrap();
                all.push_str(&code);
                if let Err(e) = syn::parse_file(&code) {
                    panic!("{place} {name:?}: {} does not parse: {e}", file.display());
                }
            }
            let expected = expected.replace("NAME", in_rust);
            assert!(all.contains(&expected), "{place} {name:?}: no `{expected}` in the generated code");
            checked += 1;
        }
    }
    assert_eq!(checked, PLACES.len() * AWKWARD.len());
}
