//! Snapshots of the generated code: a change to the generator shows up here as a reviewable
//! diff of what users get.
//!
//! Wickr is snapshotted whole. Commvault's complete crate is ~90,000 lines, too many to
//! review as a diff (and `sdkgen --check` already pins `generated/commvault` byte for byte):
//! its manifest (one feature per tag) and crate root are snapshotted, and its `UserGroup`
//! operations as a build script generates them (`Config::tags`).

use std::path::Path;

fn specs() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// As `cargo run` generates generated/: the runtime from this checkout.
fn options() -> sdkgen::Options {
    sdkgen::Options { runtime: sdkgen::RuntimeSource::Path("../../runtime".into()), ..Default::default() }
}

#[test]
fn generated_code_of_every_spec() {
    let generated = sdkgen::generate_dir(&specs(), &options())
        .unwrap_or_else(|failure| panic!("the committed specs must generate:\n{failure}"));
    let names: Vec<&str> = generated.crates.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["commvault", "wickr"]);
    for krate in &generated.crates {
        for (file, content) in &krate.files {
            if krate.name == "commvault" && !["Cargo.toml", "src/lib.rs"].contains(&file.as_str()) {
                continue;
            }
            let name = format!("{}__{}", krate.name, file.replace(['/', '.'], "_"));
            insta::assert_snapshot!(name, content);
        }
    }
}

#[test]
fn commvault_user_group_operations() {
    let code = sdkgen::Config::new()
        .spec(specs().join("commvault.yaml"))
        .tags(["UserGroup"])
        .quiet()
        .generate_string()
        .expect("generates");
    insta::assert_snapshot!("commvault_user_group", code);
}

#[test]
fn wickr_generates_without_warnings_and_commvault_with_the_known_ones() {
    let generated = sdkgen::generate_dir(&specs(), &options()).expect("generates");
    let mut kinds: Vec<String> = generated
        .warnings
        .iter()
        .map(|w| {
            assert!(w.to_string().contains("commvault.yaml"), "only Commvault's spec warns: {w}");
            // The message without its names, to compare the kinds.
            w.message.split('`').step_by(2).collect::<Vec<_>>().join("_")
        })
        .collect();
    kinds.sort();
    kinds.dedup_by(|a, b| a == b);
    assert_eq!(
        kinds,
        [
            "_ is listed as required but is not a property; ignored",
            "_ is listed as required but no member has the property; ignored",
            "_: not every member has its own discriminator value; the member is chosen by shape instead",
            "operationIds _ and _ both become the method _ (type _); _ is _ (_)",
            "the body member _ of operation _ would have the setter _, which a parameter or another member's method takes; on the request builder it is _ (_, _)",
        ],
    );
    assert_eq!(generated.warnings.len(), 18);
}
