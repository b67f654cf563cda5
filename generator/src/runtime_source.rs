//! Where a generated crate gets the sdkgen runtime from: one setting for the command line
//! (`--runtime`) and the library ([`crate::Options::runtime`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The runtime's version, which is the generator's: generated code and runtime are released
/// together (one version in the workspace manifest), and a crate asks for exactly this one.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where a generated crate's Cargo.toml finds `sdkgen-runtime`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RuntimeSource {
    /// `sdkgen-runtime = "=<version>"` from crates.io: what a crate to publish depends on.
    /// The default outside this repository.
    #[default]
    Version,
    /// `sdkgen-runtime = { version = "=<version>", path = "<path>" }`: a checkout of the
    /// runtime. The path is as the generated crate's Cargo.toml writes it, relative to the
    /// crate's own folder (or absolute); [`RuntimeSource::path_from`] computes it.
    Path(PathBuf),
    /// The runtime's source copied into the crate as its module `runtime`: the crate then
    /// depends only on crates from crates.io (as progenitor's `--include-client`).
    Inline,
}

impl RuntimeSource {
    /// [`RuntimeSource::Path`] for crates written into `out_dir/<name>/`, from `runtime_dir`
    /// (the runtime's folder, the one with its Cargo.toml) as the user gave it: relative
    /// paths are to the current folder, and the result is relative to the crate's folder.
    pub fn path_from(runtime_dir: &Path, out_dir: &Path) -> std::io::Result<Self> {
        let runtime = absolute(runtime_dir)?;
        let out = absolute(out_dir)?;
        Ok(match pathdiff::diff_paths(&runtime, &out) {
            // Crates are one level below the output folder.
            Some(relative) => RuntimeSource::Path(Path::new("..").join(relative)),
            None => RuntimeSource::Path(runtime),
        })
    }
}

/// `path` made absolute, with its `.` and `..` resolved as written (the folders need not
/// exist yet): `/work/sdkgen/tests/../generated` is `/work/sdkgen/generated`.
pub(crate) fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let mut resolved = PathBuf::new();
    for part in std::path::absolute(path)?.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    Ok(resolved)
}

impl FromStr for RuntimeSource {
    type Err = String;

    /// `version`, `path=DIR` or `inline`. A `path=` given here is taken as Cargo.toml writes
    /// it; the command line resolves it with [`RuntimeSource::path_from`].
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "version" => Ok(RuntimeSource::Version),
            "inline" => Ok(RuntimeSource::Inline),
            _ => match s.strip_prefix("path=") {
                Some(dir) if !dir.is_empty() => Ok(RuntimeSource::Path(PathBuf::from(dir))),
                _ => Err(format!(
                    "`{s}`: the runtime comes from `version` (crates.io), `path=DIR` (a checkout \
                     of sdkgen's runtime/ folder) or `inline` (copied into the crate)"
                )),
            },
        }
    }
}

impl fmt::Display for RuntimeSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuntimeSource::Version => f.write_str("version"),
            RuntimeSource::Path(path) => write!(f, "path={}", path.display()),
            RuntimeSource::Inline => f.write_str("inline"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::RuntimeSource;

    #[test]
    fn parses_the_three_sources() {
        assert_eq!("version".parse(), Ok(RuntimeSource::Version));
        assert_eq!("inline".parse(), Ok(RuntimeSource::Inline));
        assert_eq!("path=../rt".parse(), Ok(RuntimeSource::Path(PathBuf::from("../rt"))));
        for bad in ["", "path=", "git", "Version"] {
            assert!(bad.parse::<RuntimeSource>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_runtime_path_is_relative_to_the_crate_folder() {
        let path = |runtime: &str, out: &str| match RuntimeSource::path_from(Path::new(runtime), Path::new(out)) {
            Ok(RuntimeSource::Path(p)) => p,
            other => panic!("{other:?}"),
        };
        assert_eq!(path("/work/sdkgen/runtime", "/work/app/sdks"), Path::new("../../../sdkgen/runtime"));
        assert_eq!(path("/work/sdkgen/runtime", "/work/sdkgen/generated"), Path::new("../../runtime"));
        // Relative to the current folder, as a command line's paths are.
        assert_eq!(path("runtime", "generated"), Path::new("../../runtime"));
        assert_eq!(path("/w/s/tests/../runtime", "/w/s/tests/../generated"), Path::new("../../runtime"));
    }
}
