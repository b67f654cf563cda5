//! The pipeline, written once: one spec file through load, model and emit. The command
//! line ([`crate::generate_paths`]) and the build-script API ([`crate::Config`]) both call
//! [`generate`]; nothing here touches the output folder (that is [`crate::write`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Failure};
use crate::{emit, load, model};

/// How one spec is generated: everything that does not come from the spec.
pub(crate) struct Settings<'s> {
    pub lenient: bool,
    pub layout: Layout,
    /// The `sdkgen-runtime` dependency of the generated Cargo.toml, as TOML.
    pub runtime_dependency: &'s str,
    /// Where generated code finds the runtime, when not as the `sdkgen_runtime` crate.
    pub runtime_path: Option<&'s str>,
    /// Only these operations (by operationId), and only the types they use.
    pub operations: Option<&'s [String]>,
    /// Only the operations with one of these tags, and only the types they use.
    pub tags: Option<&'s [String]>,
}

/// The shape of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// A crate: Cargo.toml and `src/*.rs`, with a cargo feature per tag.
    Crate,
    /// One file of items for `include!` (a build script's), nothing gated.
    SingleFile,
}

/// What one spec produced.
pub(crate) struct Output {
    pub crate_name: String,
    /// [`Layout::Crate`]: path in the crate -> content. [`Layout::SingleFile`]: one entry,
    /// keyed by the empty path.
    pub files: BTreeMap<String, String>,
    pub warnings: Vec<Diagnostic>,
}

/// Why one spec produced nothing.
pub(crate) enum PipelineError {
    /// The spec's problems (at least one error), located.
    Spec(Failure),
    /// The settings ask for what the spec does not have (an operationId, say).
    Settings(String),
}

impl From<Failure> for PipelineError {
    fn from(failure: Failure) -> Self {
        PipelineError::Spec(failure)
    }
}

/// Generates the code of the spec at `path`.
pub(crate) fn generate(path: &Path, settings: &Settings<'_>) -> Result<Output, PipelineError> {
    let crate_name = crate_name(path, settings.layout).map_err(Failure::from)?;
    let spec = load::load_file(path, settings.lenient)?;
    let modelled = model::build(&spec, &crate_name, settings.lenient);
    let Some(mut api) = modelled.api else {
        return Err(Failure { diagnostics: modelled.diagnostics }.into());
    };
    if let Some(ids) = settings.operations {
        if let Some(id) = ids.iter().find(|id| !api.operations.iter().any(|op| &op.id == *id)) {
            return Err(PipelineError::Settings(format!(
                "{}: no operation has the operationId `{id}`",
                path.display()
            )));
        }
        api.operations.retain(|op| ids.contains(&op.id));
    }
    if let Some(tags) = settings.tags {
        api.operations.retain(|op| op.tags.iter().any(|t| tags.contains(t)));
    }
    if settings.operations.is_some() || settings.tags.is_some() {
        model::retain_used_types(&mut api);
    }
    let options = emit::EmitOptions {
        runtime_dependency: settings.runtime_dependency.to_owned(),
        source_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        runtime_path: settings.runtime_path.map(str::to_owned),
    };
    let emitted = match settings.layout {
        Layout::Crate => emit::emit(&api, &options),
        Layout::SingleFile => {
            model::ungate(&mut api);
            emit::emit_single_file(&api, &options).map(|code| BTreeMap::from([(String::new(), code)]))
        }
    };
    let files = emitted.map_err(|e| Failure::from(Diagnostic::file_error(path, e.to_string())))?;
    let warnings = spec.warnings.iter().cloned().chain(modelled.diagnostics).collect();
    Ok(Output { crate_name, files, warnings })
}

/// The crate name of a spec file: its stem, which must be a valid package name. In the
/// single-file layout it names no package (only the client's user agent; the build script
/// names the file), so any stem will do there: `const.yaml` is included as `mod r#const`.
pub(crate) fn crate_name(path: &Path, layout: Layout) -> Result<String, Diagnostic> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if layout == Layout::SingleFile {
        return Ok(stem);
    }
    let valid = stem.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    // Cargo refuses a package whose library name is a keyword (`self`, `type`).
    let keyword = emit::KEYWORDS.contains(&stem.replace('-', "_").as_str());
    if valid && !keyword {
        Ok(stem)
    } else if valid {
        let message = format!(
            "the generated crate is named after the file, and `{stem}` is a Rust keyword, \
             which cargo refuses as a crate name: rename the file (e.g. `{stem}-api`)"
        );
        Err(Diagnostic::file_error(path, message))
    } else {
        let message = format!(
            "the generated crate is named after the file, and `{stem}` is not a valid \
             crate name: rename the file to lower case letters, digits, `-` and `_`, \
             starting with a letter"
        );
        Err(Diagnostic::file_error(path, message))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{crate_name, Layout};

    #[test]
    fn a_crate_is_named_after_its_file_unless_cargo_would_refuse_the_name() {
        let name = |file: &str, layout| crate_name(Path::new(&format!("specs/{file}.yaml")), layout);
        assert_eq!(name("petstore-v2", Layout::Crate).ok().as_deref(), Some("petstore-v2"));
        for refused in ["self", "type", "async", "Pets", "2pets", "my spec"] {
            let error = name(refused, Layout::Crate).expect_err(refused);
            assert!(error.message.contains("rename the file"), "{}", error.message);
        }
        // A build script's file is no package: any name will do.
        for any in ["const", "Pets", "my api"] {
            assert_eq!(name(any, Layout::SingleFile).ok().as_deref(), Some(any));
        }
    }
}
