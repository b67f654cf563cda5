//! sdkgen: generates Rust SDK crates from OpenAPI 3.0 / 3.1 specs.
//!
//! The generator is a pipeline with one job per stage, one folder each:
//! 1. `load`: YAML text into a typed spec; syntax and type errors located.
//! 2. `model`: the validated IR of one API (`model::ir`): operations and types by id,
//!    `$ref`s resolved, every name and decision made once.
//! 3. `emit`: the IR printed as Rust (`quote!` -> `syn::File` -> `prettyplease`, once per
//!    file) and Cargo.toml; it decides nothing.
//! 4. [`mod@write`]: the files onto disk, deterministically and atomically, or `--check` them.
//!
//! `pipeline` runs the first three for one spec; the public API calls it: [`Config`] for
//! build scripts (as prost-build's), [`generate_paths`] for the command line ([`cli`]).
//! Nothing touches the disk until every spec has made it through. [`diag`] holds the
//! diagnostics every stage reports; [`import`] converts other API descriptions into specs.

pub mod cli;
pub mod config;
pub mod diag;
pub(crate) mod emit;
mod extensions;
pub mod import;
pub(crate) mod load;
pub(crate) mod model;
mod pipeline;
mod runtime_source;
pub mod write;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Failure};
use pipeline::{Layout, PipelineError, Settings};
pub use config::Config;
pub use runtime_source::{RuntimeSource, RUNTIME_VERSION};
pub use write::GeneratedCrate;

/// Settings of a generation run that do not come from the specs. The default generates
/// crates to publish: the runtime from crates.io, each crate named after its file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Where generated crates get the runtime from.
    pub runtime: RuntimeSource,
    /// Generate what can be generated: problems of the model stage become warnings and the
    /// broken constructs get their fallback (see the README's lenient mode).
    pub lenient: bool,
    /// Fail on any warning (each becomes a located error; nothing is written).
    pub deny_warnings: bool,
    /// The crate's name instead of one made of the spec's file name (for one spec).
    pub name: Option<String>,
    /// The crates' version instead of the spec's `info.x-crate-version` or `info.version`.
    pub crate_version: Option<String>,
}

/// What a successful generation produced, with its warnings.
#[derive(Debug)]
pub struct Generated {
    pub crates: Vec<GeneratedCrate>,
    pub warnings: Vec<Diagnostic>,
}

/// Generates the crate of one spec file; the crate is named after the file.
pub fn generate_spec(path: &Path, options: &Options) -> Result<Generated, Failure> {
    let settings = Settings {
        lenient: options.lenient,
        deny_warnings: options.deny_warnings,
        layout: Layout::Crate,
        runtime: &options.runtime,
        name: options.name.as_deref(),
        crate_version: options.crate_version.as_deref(),
        runtime_path: None,
        operations: None,
        tags: None,
    };
    match pipeline::generate(path, &settings) {
        Ok(output) => Ok(Generated {
            crates: vec![GeneratedCrate { name: output.crate_name, files: output.files }],
            warnings: output.warnings,
        }),
        Err(PipelineError::Spec(failure)) => Err(failure),
        // Only a selection of operations can fail so, and a crate selects none.
        Err(PipelineError::Settings(message)) => Err(Failure::from(Diagnostic::file_error(path, message))),
    }
}

/// Generates a crate for every `*.yaml` / `*.yml` file of `specs_dir`, in file-name order.
/// Fails with every spec's errors if any spec has one.
pub fn generate_dir(specs_dir: &Path, options: &Options) -> Result<Generated, Failure> {
    generate_paths(&[specs_dir.to_owned()], options)
}

/// Like [`generate_dir`], for a list of spec files and folders of specs.
pub fn generate_paths(paths: &[PathBuf], options: &Options) -> Result<Generated, Failure> {
    let mut specs = Vec::new();
    for path in paths {
        if path.is_dir() {
            specs.extend(spec_files(path).map_err(|message| Failure {
                diagnostics: vec![Diagnostic::file_error(path.clone(), message)],
            })?);
        } else {
            // A file, or a path that does not exist: loading it says which.
            specs.push(path.clone());
        }
    }
    let mut crates = Vec::new();
    let mut crate_paths = Vec::new();
    let mut diagnostics = Vec::new();
    let mut failed = false;
    for path in specs {
        match generate_spec(&path, options) {
            Ok(generated) => {
                crate_paths.extend(generated.crates.iter().map(|_| path.clone()));
                crates.extend(generated.crates);
                diagnostics.extend(generated.warnings);
            }
            Err(failure) => {
                failed = true;
                diagnostics.extend(failure.diagnostics);
            }
        }
    }
    // `foo.yaml` and `foo.yml` would both write `generated/foo/`.
    let mut names: Vec<(&str, &Path)> = Vec::new();
    for (krate, path) in crates.iter().zip(&crate_paths) {
        if let Some((_, first)) = names.iter().find(|(n, _)| *n == krate.name) {
            failed = true;
            let message = format!(
                "generates the crate `{}`, as {} does: rename one of the files",
                krate.name,
                first.display()
            );
            diagnostics.push(Diagnostic::file_error(path.clone(), message));
        } else {
            names.push((&krate.name, path));
        }
    }
    if failed {
        return Err(Failure { diagnostics });
    }
    Ok(Generated {
        crates,
        warnings: diagnostics,
    })
}

fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read the specs folder: {e}"))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no *.yaml or *.yml spec in the specs folder".to_owned());
    }
    Ok(files)
}
