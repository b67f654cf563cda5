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

    let output = sdkgen(&["--specs", specs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    let located = format!("error: {}:9: unknown type `strng`", specs.join("broken.yaml").display());
    assert!(err.starts_with(&located), "stderr:\n{err}");
    assert!(err.contains("sdkgen: 1 error(s); nothing was written"), "stderr:\n{err}");
    assert!(output.stdout.is_empty());
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn help_exits_0_with_usage() {
    for flag in ["--help", "-h"] {
        let output = sdkgen(&[flag]);
        assert_eq!(output.status.code(), Some(0), "{flag}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(stdout.contains("Usage: sdkgen [--check] [--specs DIR] [--out DIR]"), "{stdout}");
        assert!(output.stderr.is_empty(), "{flag}");
    }
}

#[test]
fn unknown_argument_exits_2() {
    let output = sdkgen(&["--bogus"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.starts_with("error: unknown argument `--bogus`"), "stderr:\n{err}");
    assert!(err.contains("Usage"), "the usage follows the error:\n{err}");
    assert!(output.stdout.is_empty());
}

#[test]
fn option_without_its_folder_exits_2() {
    let output = sdkgen(&["--check", "--specs"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "stderr:\n{err}");
    assert!(err.starts_with("error: --specs needs a folder"), "stderr:\n{err}");
}
