//! `--runtime inline`: the runtime's own source files, copied into the generated crate as its
//! module `runtime`, and the runtime's dependencies, written into the crate's Cargo.toml.
//!
//! The files are the ones this generator was built with (`generator/runtime` links to
//! `runtime/src`, and the package carries them), never a second copy kept by hand. Three
//! conventions of the runtime make a file work as a module of another crate, and the tests
//! below hold the runtime to them:
//! - a sibling module is `super::x`, never `crate::x` (which would be the generated crate);
//! - a file's unit tests are its last item, `#[cfg(test)] mod tests { .. }`: they are left
//!   out (their dev-dependencies are not the generated crate's);
//! - the cargo features are `aws` and `aws-config`, each only ever a line
//!   `#[cfg(feature = "..")]` of its own. The generated crate has no `aws` feature: that line
//!   goes when the API signs its requests with SigV4 (the item is always compiled) and
//!   becomes `#[cfg(any())]` (never compiled) when not. `aws-config` stays the user's choice:
//!   a signing crate has a feature of that name (enabling the dependencies the runtime's
//!   feature does), so its line is kept as is; a crate that does not sign drops it as `aws`.
//! - the feature `tracing` is only ever a line `#[cfg(feature = "tracing")]` of its own too,
//!   kept as it is: the generated crate has a `tracing` feature of its own, which turns on
//!   its (optional) `tracing` dependency;
//! - the feature `test-util` is a user's choice at build time, not the spec's: its line
//!   `#[cfg(feature = "test-util")]` stays, and reads the generated crate's own `test-util`
//!   feature (see `manifest.rs`). It needs no dependency.

use toml_edit::{DocumentMut, Item};

/// The runtime's source files by name, `lib.rs` (which becomes `runtime/mod.rs`) first.
const FILES: &[(&str, &str)] = &[
    ("lib.rs", include_str!("../../runtime/lib.rs")),
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("aws.rs", include_str!("../../runtime/aws.rs")),
    ("aws_query.rs", include_str!("../../runtime/aws_query.rs")),
    ("aws_builder.rs", include_str!("../../runtime/aws_builder.rs")),
    ("aws_credentials.rs", include_str!("../../runtime/aws_credentials.rs")),
    ("aws_region.rs", include_str!("../../runtime/aws_region.rs")),
    ("aws_sdk_config.rs", include_str!("../../runtime/aws_sdk_config.rs")),
    ("builder.rs", include_str!("../../runtime/builder.rs")),
    ("byte_stream.rs", include_str!("../../runtime/byte_stream.rs")),
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("enums.rs", include_str!("../../runtime/enums.rs")),
    ("epoch.rs", include_str!("../../runtime/epoch.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("error_meta.rs", include_str!("../../runtime/error_meta.rs")),
    ("error_table.rs", include_str!("../../runtime/error_table.rs")),
    ("form.rs", include_str!("../../runtime/form.rs")),
    ("formats.rs", include_str!("../../runtime/formats.rs")),
    ("interceptor.rs", include_str!("../../runtime/interceptor.rs")),
    ("limits.rs", include_str!("../../runtime/limits.rs")),
    ("members.rs", include_str!("../../runtime/members.rs")),
    ("multipart.rs", include_str!("../../runtime/multipart.rs")),
    ("operation.rs", include_str!("../../runtime/operation.rs")),
    ("output.rs", include_str!("../../runtime/output.rs")),
    ("pagination.rs", include_str!("../../runtime/pagination.rs")),
    ("path.rs", include_str!("../../runtime/path.rs")),
    ("style.rs", include_str!("../../runtime/style.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("server.rs", include_str!("../../runtime/server.rs")),
    ("sigv4.rs", include_str!("../../runtime/sigv4.rs")),
    ("spans.rs", include_str!("../../runtime/spans.rs")),
    ("structs.rs", include_str!("../../runtime/structs.rs")),
    ("test_util.rs", include_str!("../../runtime/test_util.rs")),
    ("transport.rs", include_str!("../../runtime/transport.rs")),
    ("unknown.rs", include_str!("../../runtime/unknown.rs")),
];

/// The runtime's Cargo.toml (`generator/runtime.toml` links to it).
const MANIFEST: &str = include_str!("../../runtime.toml");

/// The files that only the `aws` feature compiles (`lib.rs` declares each under it).
const AWS_FILES: [&str; 5] = ["sigv4.rs", "aws_builder.rs", "aws_credentials.rs", "aws_region.rs", "aws_sdk_config.rs"];

/// The module's files, path in the crate -> content, each after `header`.
pub(super) fn files(signs: bool, header: &str) -> Vec<(String, String)> {
    FILES
        .iter()
        // Left out when off: `#[cfg(any())] mod sigv4;` does not read its file.
        .filter(|(name, _)| signs || !AWS_FILES.contains(name))
        .map(|(name, text)| {
            let path = match *name {
                "lib.rs" => "src/runtime/mod.rs".to_owned(),
                other => format!("src/runtime/{other}"),
            };
            (path, format!("{header}{}", as_module(text, signs)))
        })
        .collect()
}

/// One runtime file as a module of the generated crate: without its tests, its `aws`
/// feature decided.
fn as_module(text: &str, signs: bool) -> String {
    let code = match text.find(TESTS) {
        Some(at) => &text[..=at],
        None => text,
    };
    let mut module = String::with_capacity(code.len());
    for line in code.split_inclusive('\n') {
        if line.trim() == AWS_ONLY {
            if !signs {
                module.push_str(&line.replace(AWS_ONLY, "#[cfg(any())]"));
            }
        } else if line.trim() == AWS_CONFIG_ONLY && !signs {
            module.push_str(&line.replace(AWS_CONFIG_ONLY, "#[cfg(any())]"));
        } else {
            module.push_str(line);
        }
    }
    module
}

/// The start of a file's unit tests, which end the file.
const TESTS: &str = "\n#[cfg(test)]\nmod tests {";

/// The attribute of what only the `aws` feature compiles.
const AWS_ONLY: &str = "#[cfg(feature = \"aws\")]";

/// The runtime's features that a generated crate forwards under the same name (its
/// dependencies stay optional in an inline crate).
const FORWARDED_FEATURES: [&str; 1] = ["tracing"];

/// The attribute of what only the `aws-config` feature compiles.
const AWS_CONFIG_ONLY: &str = "#[cfg(feature = \"aws-config\")]";

/// The runtime's manifest, parsed (compiled in: its parse is checked by a test).
fn manifest() -> Option<DocumentMut> {
    MANIFEST.parse::<DocumentMut>().ok()
}

/// The dependencies a feature of the runtime's manifest enables (its `dep:` entries).
fn feature_dependencies(manifest: &DocumentMut, feature: &str) -> Vec<String> {
    manifest
        .get("features")
        .and_then(|f| f.get(feature))
        .and_then(Item::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_str()?.strip_prefix("dep:").map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// What the `aws-config` feature of a signing crate with the runtime inline enables: the
/// runtime's `aws-config` dependencies (`aws` is always on there).
pub(super) fn aws_config_dependencies() -> Vec<String> {
    manifest().map(|m| feature_dependencies(&m, "aws-config")).unwrap_or_default()
}

/// The runtime's dependencies, as its Cargo.toml writes them: those of the `aws` feature
/// only when the API signs (and then not optional), those of `aws-config` only then too,
/// optional (the crate's own `aws-config` feature enables them).
pub(super) fn dependencies(signs: bool) -> Vec<(String, Item)> {
    let Some(manifest) = manifest() else {
        return Vec::new();
    };
    let aws = feature_dependencies(&manifest, "aws");
    let aws_config = feature_dependencies(&manifest, "aws-config");
    let forwarded: Vec<String> = FORWARDED_FEATURES.iter().flat_map(|f| feature_dependencies(&manifest, f)).collect();
    let Some(table) = manifest.get("dependencies").and_then(Item::as_table_like) else {
        return Vec::new();
    };
    let mut deps = Vec::new();
    for (name, item) in table.iter() {
        let mut item = item.clone();
        if let Some(t) = item.as_inline_table_mut() {
            if t.remove("optional").is_some() {
                let name = name.to_owned();
                // A forwarded feature's dependency stays optional: the crate's feature of the
                // same name turns it on; so does `aws-config`'s in a signing crate.
                if forwarded.contains(&name) || (signs && aws_config.contains(&name) && !aws.contains(&name)) {
                    t.insert("optional", true.into());
                } else if !(signs && aws.contains(&name)) {
                    continue;
                }
            }
            t.fmt();
        }
        deps.push((name.to_owned(), item));
    }
    deps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribute of what only the `tracing` feature compiles (kept: see the module docs).
    const TRACING_ONLY: &str = "#[cfg(feature = \"tracing\")]";
    /// The attribute of what only the `test-util` feature compiles, kept as it is.
    const TEST_UTIL_ONLY: &str = "#[cfg(feature = \"test-util\")]";

    /// Every file of runtime/src is in `FILES`: a new runtime module cannot be forgotten.
    #[test]
    fn every_runtime_file_is_copied() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("generator/runtime links to runtime/src")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut copied: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        copied.sort();
        assert_eq!(copied, on_disk);
    }

    /// The conventions of the module docs, on every file of the runtime.
    #[test]
    fn every_runtime_file_works_as_a_module() {
        for (name, text) in FILES {
            for signs in [false, true] {
                let module = as_module(text, signs);
                assert!(!module.contains("cfg(test)"), "{name}: its tests must be its last item");
                let crate_paths = module.replace("pub(crate)", "");
                assert!(!crate_paths.contains("crate::"), "{name}: say `super::`, not `crate::`");
                let kept = |l: &str| l.trim() == TRACING_ONLY || l.trim() == TEST_UTIL_ONLY || (signs && l.trim() == AWS_CONFIG_ONLY);
                let others = module.lines().filter(|l| l.contains("feature = ") && !kept(l));
                assert_eq!(others.count(), 0, "{name}: a feature other than the lines `{AWS_ONLY}`, `{AWS_CONFIG_ONLY}`, `{TRACING_ONLY}` and `{TEST_UTIL_ONLY}`");
                syn::parse_file(&module).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
            assert_eq!(text.matches("#[cfg(test)]").count(), usize::from(text.contains(TESTS)), "{name}");
        }
    }

    #[test]
    fn the_aws_dependencies_come_only_with_signing() {
        let names = |signs| dependencies(signs).into_iter().map(|(n, _)| n).collect::<Vec<_>>();
        let (plain, signing) = (names(false), names(true));
        assert!(plain.contains(&"reqwest".to_owned()), "{plain:?}");
        assert!(!plain.iter().any(|n| n.starts_with("aws-")), "{plain:?}");
        assert!(signing.contains(&"aws-sigv4".to_owned()), "{signing:?}");
        assert!(signing.contains(&"aws-types".to_owned()) && !plain.contains(&"aws-types".to_owned()), "{signing:?}");
        for (name, item) in dependencies(true) {
            assert_eq!(item.get("optional").is_some(), name == "tracing" || aws_config_dependencies().contains(&name), "{name}");
        }
        assert_eq!(aws_config_dependencies(), ["aws-types"]);
    }
}
