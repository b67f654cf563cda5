//! The library API for build scripts, in the manner of `prost-build`: configure, then
//! generate into `OUT_DIR` and `include!` the result.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! if let Err(e) = sdkgen::Config::new().spec("specs/petstore.yaml").generate() {
//!     // Every problem with its file and line, then a failed build.
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: the spec's file stem names the file.
//! pub mod petstore {
//!     include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! }
//! ```
//!
//! The including crate depends on `sdkgen-runtime` (exactly the generator's version,
//! [`crate::RUNTIME_VERSION`]: `sdkgen-runtime = "=0.1.0"`), `serde` (with `derive`) and
//! `serde_json`. Its own Cargo.toml says where the runtime comes from, so the command line's
//! `--runtime` has no counterpart here; [`Config::runtime_path`] serves a re-exported runtime.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Failure};
use crate::emit;
use crate::runtime_source::RuntimeSource;
use crate::pipeline::{self, Layout, PipelineError, Settings};

/// What to generate, and where. Build it with the setters, then call [`Config::generate`]
/// (files in `OUT_DIR`) or [`Config::generate_string`] (the code, for tools).
#[derive(Debug, Clone, Default)]
pub struct Config {
    specs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    operations: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    runtime_path: Option<String>,
    lenient: bool,
    deny_warnings: bool,
    quiet: bool,
}

/// Why generation failed. Never a panic, never an exit: the build script decides.
#[derive(Debug)]
pub enum Error {
    /// One or more specs are invalid: every problem, located.
    Spec(Failure),
    /// No output directory: not running in a build script and none was set.
    NoOutDir,
    /// The configuration itself is wrong (no spec, an operation that does not exist, ...).
    Config(String),
    /// Writing the output failed.
    Io { path: PathBuf, source: std::io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(failure) => write!(f, "{failure}"),
            Error::NoOutDir => f.write_str(
                "no output directory: OUT_DIR is not set (not in a build script); call `out_dir`",
            ),
            Error::Config(message) => f.write_str(message),
            Error::Io { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Spec(failure) => Some(failure),
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Config {
    /// An empty configuration: add at least one spec.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec file; its file stem names the generated file (`petstore.yaml` ->
    /// `petstore.rs`).
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Self {
        self.specs.push(path.into());
        self
    }

    /// Writes into `dir` instead of `OUT_DIR`.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Generates only these operations (by operationId), and only the types they use.
    pub fn operations<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// Generates only the operations with one of these tags, and only the types they use.
    pub fn tags<I, S>(mut self, tags: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }

    /// Where generated code finds the runtime, when the including crate does not depend on
    /// `sdkgen-runtime` under that name (e.g. `crate::rt` for a re-export).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Generates what can be generated: a problem in a spec becomes a `cargo:warning` and
    /// the broken part gets a fallback (see the README) instead of failing the build.
    pub fn lenient(mut self) -> Self {
        self.lenient = true;
        self
    }

    /// Fails on any warning: each becomes a located error in [`Error::Spec`] (a `Value`
    /// fallback, a parameter not sent, a renamed member...), for builds that must lose nothing
    /// silently. With [`Config::lenient`], the problems lenient mode skips fail too.
    pub fn deny_warnings(mut self) -> Self {
        self.deny_warnings = true;
        self
    }

    /// Prints no `cargo:rerun-if-changed` lines (for use outside build scripts).
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// Generates one `<stem>.rs` per spec into the output directory and returns their paths.
    /// Prints `cargo:rerun-if-changed` for every file read, so cargo re-runs the build script
    /// when a spec changes.
    pub fn generate(&self) -> Result<Vec<PathBuf>, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        let generated = self.generate_all()?;
        std::fs::create_dir_all(&out_dir).map_err(|source| Error::Io {
            path: out_dir.clone(),
            source,
        })?;
        let mut written = Vec::new();
        for (stem, code) in generated {
            let path = out_dir.join(format!("{stem}.rs"));
            // Unchanged output is not rewritten: the including crate is not rebuilt for it.
            crate::write::write_file(&path, &code).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        Ok(written)
    }

    /// The generated code of the (single) configured spec, as one `include!`-able file.
    pub fn generate_string(&self) -> Result<String, Error> {
        if self.specs.len() != 1 {
            return Err(Error::Config(format!(
                "generate_string takes exactly one spec; {} are configured",
                self.specs.len()
            )));
        }
        let mut generated = self.generate_all()?;
        Ok(generated.remove(0).1)
    }

    /// (file stem, code) per spec, in the order added; fails with every spec's problems.
    fn generate_all(&self) -> Result<Vec<(String, String)>, Error> {
        if self.specs.is_empty() {
            return Err(Error::Config("no spec configured: call `spec(path)`".into()));
        }
        if let Some(problem) = self.runtime_path.as_deref().and_then(emit::invalid_runtime_path) {
            return Err(Error::Config(problem));
        }
        let mut results = Vec::new();
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        for path in &self.specs {
            if !self.quiet {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            match self.generate_one(path) {
                Ok((code, warnings)) => {
                    // Warnings reach the build output without failing the build.
                    if !self.quiet {
                        for w in &warnings {
                            println!("cargo:warning={w}");
                        }
                    }
                    results.push((stem(path), code));
                }
                Err(Error::Spec(failure)) => diagnostics.extend(failure.diagnostics),
                Err(other) => return Err(other),
            }
        }
        if !diagnostics.is_empty() {
            return Err(Error::Spec(Failure { diagnostics }));
        }
        Ok(results)
    }

    fn generate_one(&self, path: &Path) -> Result<(String, Vec<Diagnostic>), Error> {
        let settings = Settings {
            lenient: self.lenient,
            deny_warnings: self.deny_warnings,
            layout: Layout::SingleFile,
            // No Cargo.toml in this layout: the including crate's manifest names the runtime.
            runtime: &RuntimeSource::Version,
            name: None,
            crate_version: None,
            runtime_path: self.runtime_path.as_deref(),
            operations: self.operations.as_deref(),
            tags: self.tags.as_deref(),
        };
        match pipeline::generate(path, &settings) {
            Ok(mut output) => Ok((output.files.pop_first().map(|(_, code)| code).unwrap_or_default(), output.warnings)),
            Err(PipelineError::Spec(failure)) => Err(Error::Spec(failure)),
            Err(PipelineError::Settings(message)) => Err(Error::Config(message)),
        }
    }
}

/// The generated file's stem: the spec's, as a Rust module name would have it.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().replace('-', "_"))
        .unwrap_or_default()
}
