//! Generated crates outside this workspace, as a user gets them: `sdkgen` (the command line,
//! in process) writes a crate into a temporary folder that no workspace contains, and cargo
//! builds it there, once for each place the runtime can come from (`--runtime`).
//!
//! The crates share one target folder (`target/tmp/outside`), and each starts from this
//! workspace's Cargo.lock, so the dependencies are the versions the rest of the tests use and
//! are compiled once for all of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_owned()
}

/// A folder of the system's temporary folder, outside every workspace; removed when dropped.
struct Outside(PathBuf);

impl Outside {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sdkgen-outside-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        assert!(!dir.starts_with(workspace()), "{} must be outside the workspace", dir.display());
        Outside(dir)
    }
}

impl Drop for Outside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `sdkgen <args>` and returns (stdout, stderr); panics unless it succeeds.
fn sdkgen(args: &[&str]) -> (String, String) {
    let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = sdkgen::cli::run(&args, &mut out, &mut err);
    let (out, err) = (String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned());
    assert_eq!(code, 0, "sdkgen {args:?} failed:\n{out}\n{err}");
    (out, err)
}

/// `cargo <args>` in `dir`, with the shared target folder and the workspace's lock file.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copies Cargo.lock");
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("outside"))
        .output()
        .expect("runs cargo")
}

/// `cargo build` of the crate in `dir`: it must succeed, and rustc must warn of nothing in it.
fn builds_cleanly(dir: &Path) {
    builds_cleanly_with(dir, &[]);
}

/// [`builds_cleanly`] with more arguments (`--features ...`).
fn builds_cleanly_with(dir: &Path, extra: &[&str]) {
    let output = cargo(dir, &[&["build", "--quiet"], extra].concat());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo build in {}:\n{stderr}", dir.display());
    assert!(!stderr.contains("warning"), "cargo build in {} warns:\n{stderr}", dir.display());
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn spec(relative: &str) -> String {
    workspace().join(relative).display().to_string()
}

#[test]
fn inline_crates_depend_only_on_crates_io_and_build() {
    let outside = Outside::new("inline");
    let out = outside.0.display().to_string();
    for spec in [spec("specs/wickr.yaml"), spec("tests/constructs/security.yaml")] {
        sdkgen(&["--spec", &spec, "--out", &out, "--runtime", "inline"]);
    }
    for (name, signs) in [("wickr", true), ("security", false)] {
        let dir = outside.0.join(name);
        let manifest = read(&dir.join("Cargo.toml"));
        assert!(!manifest.contains("sdkgen-runtime"), "{manifest}");
        assert!(!manifest.contains("path ="), "no path dependency at all:\n{manifest}");
        assert!(manifest.contains("reqwest = "), "the runtime's dependencies:\n{manifest}");
        assert_eq!(manifest.contains("aws-sigv4"), signs, "the AWS crates only to sign:\n{manifest}");
        assert_eq!(dir.join("src/runtime/sigv4.rs").exists(), signs);
        // The copy is the runtime's own file, without its tests.
        let copied = read(&dir.join("src/runtime/retry.rs"));
        let original = read(&workspace().join("runtime/src/retry.rs"));
        let code = &original[..original.find("\n#[cfg(test)]").expect("the runtime's tests")];
        assert!(copied.ends_with(&format!("{code}\n")), "{copied}");
        builds_cleanly(&dir);
        // The copied runtime is linted as part of the crate, as a user's CI would.
        let clippy = cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"]);
        assert!(clippy.status.success(), "clippy in {}:\n{}", dir.display(), String::from_utf8_lossy(&clippy.stderr));
        // The runtime's `test-util` is the crate's own feature, read by the copied module.
        assert!(manifest.contains("test-util = []"), "{manifest}");
        builds_cleanly_with(&dir, &["--features", "test-util"]);
        assert!(read(&dir.join("src/runtime/mod.rs")).contains("#[cfg(feature = \"test-util\")]\npub mod test_util;"));
        // A signing crate's own `aws-config` feature turns on the copied runtime's lines of it.
        assert_eq!(manifest.contains("aws-config = [\"dep:aws-types\"]"), signs, "{manifest}");
        if signs {
            let clippy = cargo(&dir, &["clippy", "--quiet", "--features", "aws-config", "--", "-D", "warnings"]);
            assert!(clippy.status.success(), "clippy --features aws-config in {}:\n{}", dir.display(), String::from_utf8_lossy(&clippy.stderr));
        }
    }
}

#[test]
fn path_crates_build_against_a_runtime_checkout() {
    let outside = Outside::new("path");
    let out = outside.0.join("sdks");
    let runtime = format!("path={}", workspace().join("runtime").display());
    sdkgen(&["--spec", &spec("specs/wickr.yaml"), "--out", &out.display().to_string(), "--runtime", &runtime]);
    let dir = out.join("wickr");
    let manifest = read(&dir.join("Cargo.toml"));
    // Relative to the crate's folder, as a user would write it, and with the version.
    let relative = pathdiff::diff_paths(workspace().join("runtime"), &dir).expect("a relative path");
    let expected = format!(
        "sdkgen-runtime = {{ version = \"={}\", path = \"{}\", features = [\"aws\"] }}",
        sdkgen::RUNTIME_VERSION,
        relative.display()
    );
    assert!(manifest.contains(&expected), "{expected}\n{manifest}");
    builds_cleanly(&dir);
}

#[test]
fn version_crates_build_against_the_packaged_runtime_and_package() {
    let outside = Outside::new("version");
    let out = outside.0.join("sdks");
    // No --runtime: outside this workspace, the runtime comes from crates.io.
    sdkgen(&["--spec", &spec("tests/constructs/security.yaml"), "--out", &out.display().to_string()]);
    let dir = out.join("security");
    let manifest = read(&dir.join("Cargo.toml"));
    let expected = format!("sdkgen-runtime = \"={}\"", sdkgen::RUNTIME_VERSION);
    assert!(manifest.contains(&expected), "{expected}\n{manifest}");

    // The runtime as `cargo package` makes it (what crates.io would serve), in place of the
    // crates.io one: sdkgen-runtime is not published yet.
    let packaged = outside.0.join("package");
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["package", "--quiet", "--no-verify", "--allow-dirty", "-p", "sdkgen-runtime", "--target-dir"])
        .arg(&packaged)
        .current_dir(workspace())
        .output()
        .expect("runs cargo package");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let file = format!("sdkgen-runtime-{}.crate", sdkgen::RUNTIME_VERSION);
    let status = Command::new("tar")
        .arg("xzf")
        .arg(packaged.join("package").join(&file))
        .arg("-C")
        .arg(&packaged)
        .status()
        .expect("runs tar");
    assert!(status.success());
    let extracted = packaged.join(format!("sdkgen-runtime-{}", sdkgen::RUNTIME_VERSION));
    std::fs::create_dir_all(outside.0.join(".cargo")).expect(".cargo");
    let patch = format!("[patch.crates-io]\nsdkgen-runtime = {{ path = {:?} }}\n", extracted.display().to_string());
    std::fs::write(outside.0.join(".cargo/config.toml"), patch).expect("config.toml");
    builds_cleanly(&dir);

    // What crates.io would receive: `--no-verify`, since its verification build would look
    // for sdkgen-runtime on crates.io, where it is not yet.
    let output = cargo(&dir, &["package", "--no-verify", "--allow-dirty"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let listing = cargo(&dir, &["package", "--list", "--allow-dirty"]);
    let files = String::from_utf8_lossy(&listing.stdout).into_owned();
    for file in ["Cargo.toml", "README.md", "src/lib.rs", "src/client.rs"] {
        assert!(files.lines().any(|l| l == file), "{file} is packaged:\n{files}");
    }
}

#[test]
fn a_file_name_that_is_no_crate_name_gets_a_valid_one_with_a_warning() {
    let outside = Outside::new("names");
    let file = outside.0.join("kubernetes-1.13-swagger2.yaml");
    std::fs::copy(spec("tests/constructs/security.yaml"), &file).expect("copies the spec");
    let out = outside.0.join("sdks");
    let (_, warnings) = sdkgen(&["--spec", &file.display().to_string(), "--out", &out.display().to_string()]);
    assert!(warnings.contains("the crate is `kubernetes-1-13-swagger2`"), "{warnings}");
    let manifest = read(&out.join("kubernetes-1-13-swagger2/Cargo.toml"));
    assert!(manifest.contains("name = \"kubernetes-1-13-swagger2\""), "{manifest}");

    // --name chooses it, --crate-version versions it.
    let (_, warnings) = sdkgen(&[
        "--spec", &file.display().to_string(), "--out", &out.display().to_string(),
        "--name", "k8s", "--crate-version", "1.13.0",
    ]);
    assert!(!warnings.contains("the crate is"), "{warnings}");
    let manifest = read(&out.join("k8s/Cargo.toml"));
    assert!(manifest.contains("name = \"k8s\"\nversion = \"1.13.0\""), "{manifest}");
}
