//! The command line: `cargo run` at the workspace root regenerates every crate.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Severity;
use crate::{generate_dir, write, Options};

/// Exit codes of the command line.
pub mod exit {
    /// Generated (or checked and up to date).
    pub const OK: i32 = 0;
    /// `--check`: the generated crates differ from what the specs produce.
    pub const STALE: i32 = 1;
    /// A spec is invalid, or the arguments are: nothing was written.
    pub const INVALID: i32 = 2;
    /// Reading or writing files failed.
    pub const IO: i32 = 3;
}

const USAGE: &str = "\
sdkgen: generate Rust SDK crates from OpenAPI 3.0/3.1 specs

Usage: sdkgen [--check] [--specs DIR] [--out DIR]

Generates one crate in DIR/<name>/ for each DIR/<name>.yaml spec. With no options, reads
specs/ and writes generated/ of this workspace (what `cargo run` at its root does).

Options:
  --check      Write nothing; exit 1 naming every generated file that is not what the
               specs produce (stale, missing or extra)
  --specs DIR  The folder of specs (default: specs/)
  --out DIR    The folder of generated crates (default: generated/)
  -h, --help   This text

Exit codes: 0 done, 1 --check found stale files, 2 invalid spec or arguments (nothing
written), 3 file system error.
";

/// Runs the command line with `args` (without the program name); returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let workspace = default_workspace();
    let mut check = false;
    let mut specs = workspace.join("specs");
    let mut target = workspace.join("generated");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--specs" | "--out" => {
                let Some(value) = args.next() else {
                    let _ = writeln!(err, "error: {arg} needs a folder\n\n{USAGE}");
                    return exit::INVALID;
                };
                if arg == "--specs" {
                    specs = PathBuf::from(value);
                } else {
                    target = PathBuf::from(value);
                }
            }
            "-h" | "--help" => {
                let _ = write!(out, "{USAGE}");
                return exit::OK;
            }
            other => {
                let _ = writeln!(err, "error: unknown argument `{other}`\n\n{USAGE}");
                return exit::INVALID;
            }
        }
    }

    let generated = match generate_dir(&specs, &Options::default()) {
        Ok(generated) => generated,
        Err(failure) => {
            let count = failure
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let _ = writeln!(err, "{failure}");
            let _ = writeln!(
                err,
                "sdkgen: {count} error(s); nothing was written to {}",
                target.display()
            );
            return exit::INVALID;
        }
    };
    for warning in &generated.warnings {
        let _ = writeln!(err, "{warning}");
    }
    if check {
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

/// The workspace this binary was built in, shown relative to the current folder when it is
/// the current folder (so that `cargo run` at the root prints `specs/...`).
fn default_workspace() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default();
    let here = std::env::current_dir().ok();
    let same = here
        .as_deref()
        .and_then(|h| h.canonicalize().ok())
        .zip(root.canonicalize().ok())
        .is_some_and(|(a, b)| a == b);
    if same {
        PathBuf::new()
    } else {
        root
    }
}
