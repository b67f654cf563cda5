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
