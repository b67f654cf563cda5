//! The real `sdkgen` binary, as a process: exit codes and what it prints.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A temp folder unique to the test and process; removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sdkgen-cli-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sdkgen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sdkgen")).args(args).output().expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn broken_spec_exits_2_naming_file_and_line() {
    let tmp = TempDir::new("broken");
    let (specs, out) = (tmp.0.join("specs"), tmp.0.join("out"));
    std::fs::create_dir_all(&specs).unwrap();
    // Line 9 has the unknown type.
    let yaml = "\
openapi: 3.0.3
info: {title: Broken, version: '1.0'}
components:
  schemas:
    Thing:
      type: object
      properties:
        name:
          type: strng
";
    assert_eq!(yaml.lines().nth(8), Some("          type: strng"));
    std::fs::write(specs.join("broken.yaml"), yaml).unwrap();

    let (specs, out) = (specs.to_str().unwrap(), out.to_str().unwrap());
    let file = format!("{specs}/broken.yaml");

    // The default (human) format: the message, the location, the line and a caret.
    let output = sdkgen(&["--specs", specs, "--out", out]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    let expected = format!(
        "error: unknown type `strng`: use one of string, integer, number, boolean, array, object\n\
         \x20--> {file}:9:11\n\
         \x20 |\n\
         9 |           type: strng\n\
         \x20 |           ^^^^ at /components/schemas/Thing/properties/name/type\n\
         sdkgen: 1 error(s); nothing was written to {out}\n"
    );
    assert_eq!(err, expected);
    assert!(!err.contains('\u{1b}'), "no colour when stderr is not a terminal");
    assert!(output.stdout.is_empty());
    assert!(!std::path::Path::new(out).exists(), "nothing was written");

    // `--format short`: one line per problem.
    let output = sdkgen(&["--specs", specs, "--out", out, "--format", "short"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(err.starts_with(&format!("error: {file}:9: unknown type `strng`")), "stderr:\n{err}");
    assert_eq!(err.lines().count(), 2, "stderr:\n{err}");

    // `validate` reports the same and writes nothing either.
    let output = sdkgen(&["validate", "--specs", specs, "--format", "short"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).ends_with("sdkgen: 1 error(s)\n"), "{}", stderr(&output));
}

#[test]
fn validate_passes_the_committed_specs_and_writes_nothing() {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let output = sdkgen(&["validate", "--spec", specs]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let stdout = String::from_utf8(output.stdout).unwrap();
    // Commvault's real spec keeps imperfections that are not errors: 15 `required` names
    // that are no property, one operationId pair renamed by the collision policy, and one
    // discriminated union whose members share a value (chosen by shape instead), and one body
    // member `scheduleId` beside the path parameter `scheduleId`, whose setter is renamed.
    assert_eq!(stdout, "sdkgen: commvault, wickr valid (18 warning(s))\n");
}

#[test]
fn help_exits_0_with_usage() {
    for flag in ["--help", "-h"] {
        let output = sdkgen(&[flag]);
        assert_eq!(output.status.code(), Some(0), "{flag}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("Usage: sdkgen [OPTIONS] [COMMAND]"), "{stdout}");
        for documented in ["--check", "--spec", "--out", "--format", "validate", "Exit codes:"] {
            assert!(stdout.contains(documented), "{flag} does not mention {documented}:\n{stdout}");
        }
        assert!(output.stderr.is_empty(), "{flag}");
    }
}

#[test]
fn unknown_argument_exits_2() {
    let output = sdkgen(&["--bogus"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.starts_with("error: unexpected argument '--bogus' found"), "stderr:\n{err}");
    assert!(err.contains("Usage"), "the usage follows the error:\n{err}");
    assert!(output.stdout.is_empty());
}

#[test]
fn option_without_its_folder_exits_2() {
    let output = sdkgen(&["--check", "--specs"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.starts_with("error: a value is required for '--spec <PATH>'"), "stderr:\n{err}");
}

/// The binary run from a folder outside this repository, with no arguments: it reads that
/// folder's specs/ and writes its generated/, for crates to publish (the runtime by version).
#[test]
fn outside_the_repository_the_defaults_are_folders_of_the_current_one() {
    let tmp = TempDir::new("outside-defaults");
    std::fs::create_dir_all(tmp.0.join("specs")).unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: '2.1'}\npaths: {}\n";
    std::fs::write(tmp.0.join("specs/pets.yaml"), spec).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sdkgen")).current_dir(&tmp.0).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(tmp.0.join("generated/pets/Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"2.1.0\""), "{manifest}");
    let runtime = format!("sdkgen-runtime = \"={}\"", env!("CARGO_PKG_VERSION"));
    assert!(manifest.contains(&runtime), "{manifest}");
    assert!(tmp.0.join("generated/pets/README.md").is_file());
}

#[test]
fn runtime_and_name_options_that_cannot_work_exit_2() {
    let tmp = TempDir::new("runtime-options");
    let (out, dir) = (tmp.0.join("out"), tmp.0.display().to_string());
    let out = out.to_str().unwrap();
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    for (args, says) in [
        (vec!["--runtime", &*format!("path={dir}")], "no Cargo.toml there"),
        (vec!["--runtime", "git"], "`git`: the runtime comes from"),
        (vec!["--name", "one"], "--name names the crate of one spec file"),
        (vec!["--crate-version", "1.0"], "not a semver version"),
    ] {
        let mut all = vec!["--spec", specs, "--out", out];
        all.extend(args);
        let output = sdkgen(&all);
        assert_eq!(output.status.code(), Some(2), "{all:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(says), "{all:?}: {}", stderr(&output));
    }
    assert!(!tmp.0.join("out").exists(), "nothing written");
}

#[test]
fn deny_warnings_fails_on_a_warning_and_writes_nothing() {
    let tmp = TempDir::new("deny");
    let (specs, out) = (tmp.0.join("specs"), tmp.0.join("out"));
    std::fs::create_dir_all(&specs).unwrap();
    // Line 9: an array without `items` is a warning (its items become serde_json::Value).
    let yaml = "\
openapi: 3.0.3
info: {title: Loose, version: '1.0'}
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        tags: {type: array}
";
    std::fs::write(specs.join("loose.yaml"), yaml).unwrap();
    let (specs, out) = (specs.to_str().unwrap(), out.to_str().unwrap());

    // Without the flag: generated, the warning printed.
    let output = sdkgen(&["--specs", specs, "--out", out, "--format", "short"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "stderr:\n{err}");
    assert!(err.contains("loose.yaml:9") && err.contains("warning"), "stderr:\n{err}");
    std::fs::remove_dir_all(out).unwrap();

    // With it: the same problem as a located error, exit 2, nothing written.
    for command in [&["--deny-warnings"][..], &["validate", "--deny-warnings"][..]] {
        let mut args = vec!["--specs", specs, "--out", out, "--format", "short"];
        args.extend_from_slice(command);
        let output = sdkgen(&args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{command:?} stderr:\n{err}");
        assert!(
            err.contains("loose.yaml:9") && err.contains("error") && err.contains("[denied: --deny-warnings]"),
            "{command:?} stderr:\n{err}"
        );
        assert!(!std::path::Path::new(out).exists(), "{command:?} wrote {out}");
    }
}
