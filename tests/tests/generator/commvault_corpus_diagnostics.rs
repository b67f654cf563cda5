//! Commvault's own, unmodified OpenAPI spec (`../shared/corpus/commvault-openapi3.yaml`,
//! 456 operations) has four real defects. The generator reports exactly those four, each
//! with its line, in one run, and nothing else.

use std::path::PathBuf;

use sdkgen::cli::exit;

#[test]
fn the_unmodified_spec_yields_exactly_its_four_located_defects() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/commvault-openapi3.yaml");
    assert!(spec.is_file(), "the corpus must be beside the repo: {}", spec.display());
    let args = ["validate", "--spec", spec.to_str().unwrap(), "--format", "short"].map(String::from);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut out, &mut err);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(code, exit::INVALID, "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    let file = spec.display().to_string();
    let expected = [
        (13997, "`content` maps media types to media type objects, but `description` is the string"),
        (21412, "`items` is empty (null): an array schema needs the schema of its items"),
        (21885, "`properties` is empty (null): it must map property names to schemas"),
        (22015, "`properties` is empty (null): it must map property names to schemas"),
    ];
    assert_eq!(errors.len(), expected.len(), "{err}");
    for (error, (line, what)) in errors.iter().zip(expected) {
        let prefix = format!("error: {file}:{line}: {what}");
        assert!(error.starts_with(&prefix), "expected `{prefix}`, got `{error}`");
    }
    assert!(!err.contains("warning:"), "nothing else is reported:\n{err}");
    assert_eq!(err.lines().last(), Some("sdkgen: 4 error(s)"));
}

#[test]
fn lenient_mode_skips_the_four_defects_and_generates_the_rest() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/commvault-openapi3.yaml");
    let out = sdkgen_tests::TempDir::new("commvault-lenient");
    let args = ["--spec", spec.to_str().unwrap(), "--out", out.0.to_str().unwrap(), "--lenient", "--format", "short"]
        .map(String::from);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut stdout, &mut stderr);
    let stderr = String::from_utf8(stderr).unwrap();
    assert_eq!(code, exit::OK, "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    let skipped: Vec<&str> = stderr.lines().filter(|l| l.contains("[skipped: lenient mode]")).collect();
    let file = spec.display().to_string();
    for line in [13997, 21412, 21885, 22015] {
        let prefix = format!("warning: {file}:{line}: ");
        assert!(skipped.iter().any(|w| w.starts_with(&prefix)), "no skipped problem at line {line}:\n{stderr}");
    }
    assert_eq!(skipped.len(), 4, "{stderr}");
    // Not a defect: `GetPlanSummary` and `getPlanSummary` are renamed by the policy.
    let renamed = format!("warning: {file}:7008: operationIds `GetPlanSummary` and `getPlanSummary`");
    assert!(stderr.lines().any(|l| l.starts_with(&renamed)), "{stderr}");
    // The rest is generated: the seed operation among the others.
    let client = std::fs::read_to_string(out.0.join("commvault-openapi3/src/client.rs")).unwrap();
    assert!(client.contains("pub fn get_user_group_details(&self)"));
    assert!(client.contains("pub fn get_plan_summary(&self)") && client.contains("pub fn get_plan_summary_2(&self)"));
    let operations = client.matches(") -> super::builders::").count();
    assert_eq!(operations, 456, "every operation is generated");
}
