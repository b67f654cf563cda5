//! The AWS importer on the real Wickr model: the OpenAPI document it writes has every
//! operation, generates a crate without errors in the generator itself, is deterministic, and
//! passes an independent validator (when one is installed).

use std::path::PathBuf;
use std::process::Command;

use sdkgen::diag::Severity;
use serde_yaml::Value;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus")
        .join(name)
}

fn read(name: &str) -> String {
    let path = corpus(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn import_wickr() -> String {
    let service = read("wickr-2024-02-01.service-2.json");
    let paginators = read("wickr-2024-02-01.paginators-1.json");
    sdkgen::import::aws::import(&service, Some(&paginators)).expect("the Wickr model imports")
}

fn json(name: &str) -> serde_json::Value {
    serde_json::from_str(&read(name)).unwrap()
}

/// Every operation object of the document, with its path and method.
fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_mapping().expect("paths") {
        for (method, op) in item.as_mapping().expect("path item") {
            out.push((
                path.as_str().unwrap().to_owned(),
                method.as_str().unwrap().to_owned(),
                op,
            ));
        }
    }
    out
}

#[test]
fn wickr_document_has_every_operation_and_trait() {
    let model = json("wickr-2024-02-01.service-2.json");
    let paginators = json("wickr-2024-02-01.paginators-1.json");
    let yaml = import_wickr();
    let doc: Value = serde_yaml::from_str(&yaml).expect("the output is YAML");

    let ops = operations(&doc);
    assert_eq!(ops.len(), 44);
    let model_ops = model["operations"].as_object().unwrap();
    assert_eq!(model_ops.len(), 44);
    for (name, op) in model_ops {
        let method = op["http"]["method"].as_str().unwrap().to_lowercase();
        let path = op["http"]["requestUri"].as_str().unwrap();
        let found = ops
            .iter()
            .find(|(_, _, o)| o["operationId"].as_str() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("operation {name} is missing"));
        assert_eq!(
            (found.0.as_str(), found.1.as_str()),
            (path, method.as_str()),
            "{name}"
        );
    }

    let responses = doc["components"]["responses"].as_mapping().unwrap();
    assert_eq!(
        responses.len(),
        7,
        "{:?}",
        responses.keys().collect::<Vec<_>>()
    );

    let paginated: Vec<&String> = paginators["pagination"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(paginated.len(), 8);
    for (_, _, op) in &ops {
        let id = op["operationId"].as_str().unwrap().to_owned();
        let pagination = op.get("x-aws-pagination");
        if paginated.contains(&&id) {
            let p = pagination.unwrap_or_else(|| panic!("{id} has no x-aws-pagination"));
            let source = &paginators["pagination"][&id];
            assert_eq!(
                p["inputToken"].as_str(),
                source["input_token"].as_str(),
                "{id}"
            );
            assert_eq!(
                p["outputToken"].as_str(),
                source["output_token"].as_str(),
                "{id}"
            );
            assert_eq!(p["limitKey"].as_str(), source["limit_key"].as_str(), "{id}");
            assert_eq!(
                p["resultKey"].as_str(),
                source["result_key"].as_str(),
                "{id}"
            );
        } else {
            assert!(pagination.is_none(), "{id} is not paginated");
        }
    }

    let idempotent: Vec<&Value> = ops
        .iter()
        .flat_map(|(_, _, op)| {
            op.get("parameters")
                .and_then(Value::as_sequence)
                .into_iter()
                .flatten()
        })
        .filter(|p| p.get("x-aws-idempotency-token") == Some(&Value::Bool(true)))
        .collect();
    assert_eq!(idempotent.len(), 9);
    assert!(idempotent
        .iter()
        .all(|p| p["name"] == "X-Client-Token" && p["in"] == "header"));

    assert!(yaml.contains("x-sensitive: true"));
    let user = &doc["components"]["schemas"]["User"]["properties"];
    assert_eq!(user["firstName"]["x-sensitive"], Value::Bool(true));
}

#[test]
fn wickr_document_models_without_errors() {
    let dir = std::env::temp_dir().join(format!("sdkgen-aws-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("wickr.yaml");
    std::fs::write(&path, import_wickr()).unwrap();
    let generated = sdkgen::generate_spec(&path, &sdkgen::Options::default());
    std::fs::remove_dir_all(&dir).unwrap();
    let generated = generated.unwrap_or_else(|failure| {
        let errors: Vec<String> = failure.diagnostics.iter().map(|d| d.to_string()).collect();
        panic!("errors:\n{}", errors.join("\n"))
    });
    let errors: Vec<String> = generated
        .warnings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
    for warning in &generated.warnings {
        println!("{warning}");
    }
    let [krate] = generated.crates.as_slice() else {
        panic!("one crate, not {}", generated.crates.len())
    };
    let builders = krate.files.get("src/builders.rs").expect("src/builders.rs");
    assert_eq!(builders.matches("pub fn send(").count(), 44);
    assert!(
        krate
            .files
            .values()
            .any(|text| text.contains("sdkgen_runtime::ErrorTable::by_code(")),
        "the client classifies AWS errors"
    );
}

#[test]
fn wickr_import_is_deterministic() {
    assert_eq!(import_wickr(), import_wickr());
}

#[test]
fn wickr_document_passes_openapi_spec_validator() {
    let path = std::env::temp_dir().join("wickr-imported.yaml");
    std::fs::write(&path, import_wickr()).unwrap();
    let installed = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        println!("skipped: the Python module openapi_spec_validator is not installed");
        return;
    }
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}{stderr}");
    assert!(
        out.status.success(),
        "openapi_spec_validator failed on {}:\n{stdout}{stderr}",
        path.display()
    );
}
