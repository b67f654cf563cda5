//! The command line: `cargo run` at the workspace root regenerates every crate.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::diag::{render, Diagnostic, Format, Severity, Source};
use crate::{generate_paths, write, Options, RuntimeSource};

/// Exit codes of the command line.
pub mod exit {
    /// Generated, checked up to date, or validated without errors.
    pub const OK: i32 = 0;
    /// `--check`: the generated crates differ from what the specs produce.
    pub const STALE: i32 = 1;
    /// A spec is invalid or unreadable, or the arguments are: nothing was written.
    pub const INVALID: i32 = 2;
    /// Reading or writing the output failed (or reading an AWS model for `import-aws`).
    pub const IO: i32 = 3;
}

const ABOUT: &str = "Generate Rust SDK crates from OpenAPI 3.0/3.1 (and Swagger 2.0) specs";

const LONG_ABOUT: &str = "\
Generate Rust SDK crates from OpenAPI 3.0/3.1 specs (Swagger 2.0 is converted while loading).

Each spec <name>.yaml becomes the crate <out>/<name>/: serde models, a typed error enum per
operation and an async client. With no arguments, reads specs/ and writes generated/ of the
current folder; inside the sdkgen repository this binary was built from, of that repository
(what `cargo run` does there). Nothing is written unless every spec is valid; each problem is
reported with its file, line and JSON pointer.";

const EXIT_CODES: &str = "\
Exit codes:
  0  done (generated, up to date, or valid)
  1  --check: generated files differ from what the specs produce (each is named)
  2  a spec or an argument is invalid, or a spec cannot be read; nothing was written
  3  the output could not be read or written";

#[derive(Debug, Parser)]
#[command(name = "sdkgen", about = ABOUT, long_about = LONG_ABOUT, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Write nothing: exit 1 naming every generated file that is not what the specs produce
    /// (different, missing or extra)
    #[arg(long, global = true)]
    check: bool,
    /// A spec file, or a folder of *.yaml / *.yml specs; repeatable [default: specs/]
    #[arg(long = "spec", visible_alias = "specs", value_name = "PATH", global = true)]
    specs: Vec<PathBuf>,
    /// The folder of generated crates [default: generated/]
    #[arg(long, value_name = "DIR", global = true)]
    out: Option<PathBuf>,
    /// How problems are printed: `human` shows the YAML line with a caret, `short` one line
    /// each (for CI logs)
    #[arg(long, value_enum, default_value_t = FormatArg::Human, global = true)]
    format: FormatArg,
    /// Generate what can be generated: a problem in a spec becomes a warning and the broken
    /// part gets its fallback (a `serde_json::Value`, or it is left out) instead of failing
    #[arg(long, global = true)]
    lenient: bool,
    /// Fail on any warning: each is reported as an error (located, marked `[denied:
    /// --deny-warnings]`), the exit code is that of an invalid spec and nothing is written
    #[arg(long, global = true)]
    deny_warnings: bool,
    /// Colour in `human` output; `auto` colours when stderr is a terminal and NO_COLOR is unset
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, global = true)]
    color: ColorArg,
    /// Where generated crates get the runtime: `version` (`sdkgen-runtime = "=<version>"` from
    /// crates.io), `path=DIR` (a checkout of sdkgen's runtime/ folder; written relative to the
    /// crate) or `inline` (its source copied into the crate, which then depends only on
    /// crates.io crates) [default: `version`; inside the sdkgen repository, its runtime/]
    #[arg(long, value_name = "SOURCE", global = true)]
    runtime: Option<RuntimeSource>,
    /// The crate's name (one spec only) [default: the spec's file name, made a valid crate name]
    #[arg(long, value_name = "NAME", global = true)]
    name: Option<String>,
    /// The crates' version [default: the spec's `info.x-crate-version`, else `info.version`
    /// when it is semver, else 0.1.0]
    #[arg(long, value_name = "SEMVER", global = true, value_parser = semver_version)]
    crate_version: Option<String>,
}

fn semver_version(text: &str) -> Result<String, String> {
    semver::Version::parse(text)
        .map(|_| text.to_owned())
        .map_err(|e| format!("not a semver version (such as 1.2.0): {e}"))
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the crates (the default)
    Generate,
    /// Only report the specs' problems (errors and warnings); write nothing
    Validate,
    /// Convert an AWS service model (service-2.json) into an OpenAPI spec to review and commit
    ImportAws {
        /// The service model, e.g. wickr-2024-02-01.service-2.json
        model: PathBuf,
        /// Its paginators (paginators-1.json), for `x-aws-pagination`
        #[arg(long, value_name = "FILE")]
        paginators: Option<PathBuf>,
        /// Where to write the YAML [default: stdout]
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Short,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Runs the command line with `args` (without the program name); returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let cli = match Cli::try_parse_from(std::iter::once("sdkgen".to_owned()).chain(args.iter().cloned())) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let help = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
            let _ = if help { write!(out, "{}", e.render()) } else { write!(err, "{}", e.render()) };
            return if help { exit::OK } else { exit::INVALID };
        }
    };
    if let Some(Command::ImportAws { model, paginators, output }) = &cli.command {
        return import_aws(model, paginators.as_deref(), output.as_deref(), out, err);
    }
    let base = this_workspace().unwrap_or_default();
    let specs = if cli.specs.is_empty() { vec![base.join("specs")] } else { cli.specs.clone() };
    let target = cli.out.clone().unwrap_or_else(|| base.join("generated"));
    if cli.name.is_some() && !(specs.len() == 1 && specs[0].is_file()) {
        let _ = writeln!(err, "error: --name names the crate of one spec file; give one `--spec FILE`");
        return exit::INVALID;
    }
    if let Some(RuntimeSource::Path(dir)) = &cli.runtime {
        if !dir.join("Cargo.toml").is_file() {
            let _ = writeln!(
                err,
                "error: --runtime path={}: no Cargo.toml there; give the runtime/ folder of an sdkgen checkout",
                dir.display()
            );
            return exit::INVALID;
        }
    }
    let runtime = match runtime_source(cli.runtime.clone(), &target) {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = writeln!(err, "error: cannot resolve the runtime's path: {e}");
            return exit::INVALID;
        }
    };
    let format = match cli.format {
        FormatArg::Short => Format::Short,
        FormatArg::Human => Format::Human {
            color: match cli.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            },
        },
    };
    let mut report = Reporter { err, format, sources: HashMap::new() };

    let options = Options {
        lenient: cli.lenient,
        deny_warnings: cli.deny_warnings,
        runtime,
        name: cli.name.clone(),
        crate_version: cli.crate_version.clone(),
    };
    let generated = match generate_paths(&specs, &options) {
        Ok(generated) => generated,
        Err(failure) => {
            report.all(&failure.diagnostics);
            let count = failure.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            let _ = match cli.command {
                Some(Command::Validate) => writeln!(report.err, "sdkgen: {count} error(s)"),
                _ => writeln!(report.err, "sdkgen: {count} error(s); nothing was written to {}", target.display()),
            };
            return exit::INVALID;
        }
    };
    report.all(&generated.warnings);
    if matches!(cli.command, Some(Command::Validate)) {
        let names: Vec<&str> = generated.crates.iter().map(|c| c.name.as_str()).collect();
        let _ = writeln!(
            out,
            "sdkgen: {} valid ({} warning(s))",
            names.join(", "),
            generated.warnings.len()
        );
        return exit::OK;
    }
    let err = report.err;
    if cli.check {
        return match write::check(&target, &generated.crates) {
            Ok(stale) if stale.is_empty() => {
                let _ = writeln!(out, "sdkgen: {} is up to date", target.display());
                exit::OK
            }
            Ok(stale) => {
                for s in &stale {
                    let _ = writeln!(err, "stale: {s}");
                }
                let _ = writeln!(
                    err,
                    "sdkgen: {} file(s) differ from what the specs produce; run `cargo run` to regenerate",
                    stale.len()
                );
                exit::STALE
            }
            Err(e) => {
                let _ = writeln!(err, "error: cannot read {}: {e}", target.display());
                exit::IO
            }
        };
    }
    match write::write(&target, &generated.crates) {
        Ok(written) => {
            let names: Vec<&str> = generated.crates.iter().map(|c| c.name.as_str()).collect();
            let _ = writeln!(
                out,
                "sdkgen: generated {} ({} file(s) changed) in {}",
                names.join(", "),
                written.len(),
                target.display()
            );
            exit::OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot write to {}: {e}", target.display());
            exit::IO
        }
    }
}

/// `import-aws`: the model (and paginators) into OpenAPI YAML, on stdout or into a file.
fn import_aws(
    model: &Path,
    paginators: Option<&Path>,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let inputs = read(model).and_then(|m| Ok((m, paginators.map(read).transpose()?)));
    let (model_text, paginators_text) = match inputs {
        Ok(inputs) => inputs,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            return exit::IO;
        }
    };
    let yaml = match crate::import::aws::import(&model_text, paginators_text.as_deref()) {
        Ok(yaml) => yaml,
        Err(message) => {
            let _ = writeln!(err, "error: {}: {message}", model.display());
            return exit::INVALID;
        }
    };
    match output {
        None => {
            let _ = write!(out, "{yaml}");
            exit::OK
        }
        Some(path) => match std::fs::write(path, &yaml) {
            Ok(()) => {
                let _ = writeln!(out, "sdkgen: wrote {} (review it before committing)", path.display());
                exit::OK
            }
            Err(e) => {
                let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
                exit::IO
            }
        },
    }
}

/// Prints diagnostics, reading and indexing each spec's text once to show its lines.
struct Reporter<'a> {
    err: &'a mut dyn Write,
    format: Format,
    sources: HashMap<PathBuf, Option<Source>>,
}

impl Reporter<'_> {
    fn all(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let source = self
                .sources
                .entry(d.file.clone())
                .or_insert_with(|| std::fs::read_to_string(&d.file).ok().map(Source::new));
            let _ = writeln!(self.err, "{}", render(d, source.as_ref(), self.format));
        }
    }
}

/// Where crates written into `target` get the runtime: as asked (a `path=` resolved from the
/// current folder to the crate's), else from this repository's runtime/ when `target` is in
/// the repository the binary was built from (`cargo run` keeps building against the checkout),
/// else from crates.io.
fn runtime_source(asked: Option<RuntimeSource>, target: &Path) -> std::io::Result<RuntimeSource> {
    match asked {
        Some(RuntimeSource::Path(dir)) => RuntimeSource::path_from(&dir, target),
        Some(other) => Ok(other),
        None => {
            let root = built_in_workspace();
            let inside = crate::runtime_source::absolute(target)?.starts_with(&root);
            if inside && root.join("runtime/Cargo.toml").is_file() {
                RuntimeSource::path_from(&root.join("runtime"), target)
            } else {
                Ok(RuntimeSource::Version)
            }
        }
    }
}

/// The folder of the sdkgen repository this binary was built from (for an installed binary
/// from crates.io, a folder of cargo's registry that has no runtime/ beside it).
fn built_in_workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}

/// The sdkgen repository this binary was built from, when the current folder is in it: its
/// root, shown relative to the current folder when it is the current folder (so that
/// `cargo run` at the root prints `specs/...`). `None` elsewhere: then the defaults are
/// folders of the current one.
fn this_workspace() -> Option<PathBuf> {
    let root = built_in_workspace();
    if !root.join("runtime/Cargo.toml").is_file() || !root.join("generator/Cargo.toml").is_file() {
        return None;
    }
    let root_real = root.canonicalize().ok()?;
    let here = std::env::current_dir().ok()?.canonicalize().ok()?;
    if here == root_real {
        Some(PathBuf::new())
    } else if here.starts_with(&root_real) {
        Some(root)
    } else {
        None
    }
}
