//! The build-script API (`sdkgen::Config`): what it generates, what it refuses.

use std::path::PathBuf;

use sdkgen::config::Error;
use sdkgen::Config;

fn commvault() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/commvault.yaml")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sdkgen-config-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn generates_one_includable_file_per_spec() {
    let out = temp("out");
    let written = Config::new().spec(commvault()).out_dir(&out).quiet().generate().unwrap();
    assert_eq!(written, [out.join("commvault.rs")]);
    let code = std::fs::read_to_string(&written[0]).unwrap();
    // Includable: no inner attributes at the top level, modules inline, paths relative.
    assert!(!code.contains("\n#![") && !code.starts_with("#!["), "no crate-level attributes");
    assert!(code.contains("pub mod types {") && code.contains("mod client {"));
    assert!(!code.contains("crate::"), "paths must not assume the crate root");
    assert!(code.contains("pub fn get_user_group_details(&self)"));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn the_string_form_filters_operations_and_keeps_the_types_they_use() {
    let all = Config::new().spec(commvault()).quiet().generate_string().unwrap();
    assert!(all.contains("pub fn get_user_group_details(&self)"));
    assert!(all.contains("pub fn get_plan_summary(&self)"));

    let by_tag = Config::new().spec(commvault()).tags(["UserGroup"]).quiet().generate_string().unwrap();
    assert!(by_tag.contains("pub fn get_user_group_details(&self)"));
    assert!(by_tag.contains("pub fn get_user_groups(&self)"));
    assert!(!by_tag.contains("pub fn get_plan_summary(&self)"), "Plan operations are left out");
    assert!(by_tag.contains("pub struct UserGroup {"));
    assert!(!by_tag.contains("pub struct PlanSummaryListResp"), "types only Plan uses are left out");

    let one = Config::new()
        .spec(commvault())
        .operations(["GetUserGroupDetails"])
        .quiet()
        .generate_string()
        .unwrap();
    assert!(one.contains("pub fn get_user_group_details(&self)"));
    assert!(!one.contains("pub fn get_user_groups(&self)"));
    assert!(one.contains("pub struct UserGroup {"), "its response type");
    assert!(one.contains("pub enum ServiceTypes"), "a type its response reaches");
    assert!(!one.contains("pub struct UserGroupListResponse"), "only GetUserGroups uses it");
    assert!(one.len() < by_tag.len() && by_tag.len() < all.len() / 10);
}

#[test]
fn a_runtime_path_is_aliased_in_each_module_that_uses_it() {
    let code = Config::new()
        .spec(commvault())
        .runtime_path("crate::rt")
        .quiet()
        .generate_string()
        .unwrap();
    assert_eq!(code.matches("use crate::rt as sdkgen_runtime;").count(), 6, "the root, its four modules and types::builders");
    let err = Config::new().spec(commvault()).runtime_path("not a path").quiet().generate_string();
    assert!(matches!(err, Err(Error::Config(m)) if m.contains("not a path")));
}

#[test]
fn refuses_bad_configurations_with_typed_errors() {
    assert!(matches!(Config::new().quiet().generate_string(), Err(Error::Config(_))));
    let unknown = Config::new().spec(commvault()).operations(["Nope"]).quiet().generate_string();
    assert!(matches!(unknown, Err(Error::Config(m)) if m.contains("`Nope`")));
    let missing = Config::new().spec("no/such/spec.yaml").quiet().generate_string();
    match missing {
        Err(Error::Spec(failure)) => assert!(failure.to_string().contains("spec.yaml"), "{failure}"),
        other => panic!("expected a spec error, got {other:?}"),
    }
    // Outside a build script, without out_dir: a typed error, not a panic.
    if std::env::var_os("OUT_DIR").is_none() {
        assert!(matches!(Config::new().spec(commvault()).quiet().generate(), Err(Error::NoOutDir)));
    }
}

#[test]
fn a_broken_spec_reports_every_problem_located() {
    let dir = temp("broken");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("broken.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: strng}\n    B: {$ref: '#/components/schemas/C'}\n",
    )
    .unwrap();
    let err = Config::new().spec(&spec).out_dir(&dir).quiet().generate().unwrap_err();
    let Error::Spec(failure) = err else { panic!("expected a spec error") };
    let lines: Vec<String> = failure.diagnostics.iter().map(|d| format!("{}:{:?}", d.message.split(':').next().unwrap(), d.line)).collect();
    assert_eq!(lines, ["unknown type `strng`:Some(6)", "unresolved $ref `#/components/schemas/C`:Some(7)"]);
    assert!(!dir.join("broken.rs").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn deny_warnings_makes_a_warning_a_located_error() {
    let dir = temp("deny");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("loose.yaml");
    // Line 6: an array without `items`, a warning (its items become serde_json::Value).
    std::fs::write(&spec, "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: array}\n").unwrap();
    assert!(Config::new().spec(&spec).quiet().generate_string().is_ok());
    let err = Config::new().spec(&spec).out_dir(&dir).deny_warnings().quiet().generate().unwrap_err();
    let Error::Spec(failure) = err else { panic!("expected a spec error") };
    let [denied] = failure.diagnostics.as_slice() else { panic!("one problem: {failure}") };
    assert_eq!(denied.severity, sdkgen::diag::Severity::Error);
    assert_eq!(denied.line, Some(6));
    assert!(denied.message.ends_with("[denied: --deny-warnings]"), "{}", denied.message);
    assert!(!dir.join("loose.rs").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
