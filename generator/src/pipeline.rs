//! The pipeline, written once: one spec file through load, model and emit. The command
//! line ([`crate::generate_paths`]) and the build-script API ([`crate::Config`]) both call
//! [`generate`]; nothing here touches the output folder (that is [`crate::write`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Diagnostic, Failure, Severity};
use crate::runtime_source::RuntimeSource;
use crate::{emit, load, model};

/// How one spec is generated: everything that does not come from the spec.
pub(crate) struct Settings<'s> {
    pub lenient: bool,
    /// Any warning fails the spec (as an error, located), for users whose CI must not lose
    /// anything silently: a `Value` fallback, a parameter not sent, a rename.
    pub deny_warnings: bool,
    pub layout: Layout,
    /// Where the generated Cargo.toml finds the runtime ([`Layout::Crate`]).
    pub runtime: &'s RuntimeSource,
    /// The crate's name instead of one derived from the file's.
    pub name: Option<&'s str>,
    /// The crate's version instead of the spec's.
    pub crate_version: Option<&'s str>,
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
    let (crate_name, renamed) = crate_name(path, settings.layout, settings.name).map_err(Failure::from)?;
    let spec = load::load_file(path, settings.lenient)?;
    let modelled = model::build(&spec, &crate_name, settings.crate_version, settings.lenient);
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
        // The error enums of the operations kept (indexes and names change with them).
        model::share_errors(&mut api);
    }
    let options = emit::EmitOptions {
        runtime: settings.runtime.clone(),
        source_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        runtime_path: settings.runtime_path.map(str::to_owned),
    };
    // The loaded spec (its text, source map and typed tree: several times the file's size)
    // is not needed to print the model; freeing it first lowers the peak of memory.
    let spec_warnings = spec.warnings;
    drop(spec.source);
    drop(spec.document);
    let emitted = match settings.layout {
        Layout::Crate => emit::emit(&api, &options),
        Layout::SingleFile => {
            model::ungate(&mut api);
            emit::emit_single_file(&api, &options).map(|code| BTreeMap::from([(String::new(), code)]))
        }
    };
    let files = emitted.map_err(|e| Failure::from(Diagnostic::file_error(path, e.to_string())))?;
    let warnings: Vec<Diagnostic> = renamed.into_iter().chain(spec_warnings).chain(modelled.diagnostics).collect();
    if settings.deny_warnings && !warnings.is_empty() {
        return Err(PipelineError::Spec(Failure { diagnostics: warnings.into_iter().map(denied).collect() }));
    }
    Ok(Output { crate_name, files, warnings })
}

/// A warning made an error by `deny_warnings`, saying so.
fn denied(mut warning: Diagnostic) -> Diagnostic {
    warning.severity = Severity::Error;
    warning.message.push_str(" [denied: --deny-warnings]");
    warning
}

/// The crate name of a spec file: `name` when the user gives one (then it must be a valid
/// one), else the file's stem, made a valid crate name when it is not one, with a warning
/// that says so. In the single-file layout it names no package (only the client's user agent;
/// the build script names the file), so any stem will do there: `const.yaml` is included as
/// `mod r#const`.
pub(crate) fn crate_name(
    path: &Path,
    layout: Layout,
    name: Option<&str>,
) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    if let Some(name) = name {
        return match invalid_crate_name(name) {
            None => Ok((name.to_owned(), None)),
            Some(why) => Err(Diagnostic::file_error(path, format!("the crate name `{name}` {why}"))),
        };
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let why = match invalid_crate_name(&stem) {
        Some(why) if layout == Layout::Crate => why,
        _ => return Ok((stem, None)),
    };
    let derived = derived_crate_name(&stem);
    let message = format!(
        "the crate is named after the file, and `{stem}` {why}: the crate is `{derived}` \
         (rename the file, or choose the name with `--name`)"
    );
    let mut warning = Diagnostic::file_error(path, message);
    warning.severity = Severity::Warning;
    Ok((derived, Some(warning)))
}

/// Why cargo would refuse `name` as the name of a generated crate, if it would.
fn invalid_crate_name(name: &str) -> Option<&'static str> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        Some("is not a valid crate name (lower case letters, digits, `-` and `_`, starting with a letter)")
    } else if emit::KEYWORDS.contains(&name.replace('-', "_").as_str()) {
        // Cargo refuses a package whose library name is a keyword (`self`, `type`).
        Some("is a Rust keyword, which cargo refuses as a crate name")
    } else {
        None
    }
}

/// A valid crate name made of any file stem: lower case, every run of other characters one
/// `-`, `api-` before a leading digit, `-api` after a keyword: `Kubernetes 1.13` ->
/// `kubernetes-1-13`, `2fa` -> `api-2fa`, `self` -> `self-api`.
fn derived_crate_name(stem: &str) -> String {
    let mut name = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            name.push(c);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches(|c| c == '-' || c == '_');
    let name = match name.chars().next() {
        None => "api".to_owned(),
        Some(c) if !c.is_ascii_lowercase() => format!("api-{name}"),
        Some(_) => name.to_owned(),
    };
    if invalid_crate_name(&name).is_some() {
        format!("{name}-api")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{crate_name, Layout};

    #[test]
    fn a_crate_is_named_after_its_file_made_valid_with_a_warning() {
        let name = |file: &str, layout| {
            crate_name(Path::new(&format!("specs/{file}.yaml")), layout, None).expect("named")
        };
        let (valid, warning) = name("petstore-v2", Layout::Crate);
        assert_eq!(valid, "petstore-v2");
        assert!(warning.is_none());
        for (file, derived) in [
            ("kubernetes-1.13-swagger2", "kubernetes-1-13-swagger2"),
            ("self", "self-api"),
            ("type", "type-api"),
            ("Pets", "pets"),
            ("2pets", "api-2pets"),
            ("my spec", "my-spec"),
            ("Über API", "ber-api"),
            ("--", "api"),
        ] {
            let (name, warning) = name(file, Layout::Crate);
            assert_eq!(name, derived, "{file}");
            let warning = warning.expect("a warning names the derived crate");
            assert!(warning.message.contains(&format!("the crate is `{derived}`")), "{}", warning.message);
        }
        // A build script's file is no package: any name will do.
        for any in ["const", "Pets", "my api"] {
            assert_eq!(name(any, Layout::SingleFile).0, any);
        }
    }

    #[test]
    fn a_chosen_crate_name_must_be_valid() {
        let path = Path::new("specs/x.yaml");
        assert_eq!(crate_name(path, Layout::Crate, Some("my-api")).expect("valid").0, "my-api");
        for bad in ["self", "My-Api", "1api", ""] {
            let error = crate_name(path, Layout::Crate, Some(bad)).expect_err(bad);
            assert!(error.message.contains(&format!("`{bad}`")), "{}", error.message);
        }
    }
}
