//! Snapshots of the generated code of every spec in `specs/`: a change to the generator
//! shows up here as a reviewable diff of what users get.

use std::path::Path;

#[test]
fn generated_code_of_every_spec() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let generated = sdkgen::generate_dir(&specs, &sdkgen::Options::default())
        .unwrap_or_else(|failure| panic!("the committed specs must generate:\n{failure}"));
    let names: Vec<&str> = generated.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["commvault", "wickr"]);
    for krate in &generated.crates {
        for (file, content) in &krate.files {
            let name = format!("{}__{}", krate.name, file.replace(['/', '.'], "_"));
            insta::assert_snapshot!(name, content);
        }
    }
}

#[test]
fn the_seed_specs_generate_without_warnings() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let generated = sdkgen::generate_dir(&specs, &sdkgen::Options::default()).expect("generates");
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}
