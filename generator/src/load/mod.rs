//! Load stage: a YAML file into a typed [`OpenApi`], with errors located by line.
//!
//! [`spec`] is the typed document, [`structure`] the check of its YAML tree before the typed
//! read, [`mod@locate`] finds the line of a JSON pointer in the text.

pub mod locate;
pub mod spec;
pub mod structure;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Failure, Severity};
use spec::OpenApi;
pub use locate::locate;

/// A spec file as read: its path, its text (to locate later diagnostics) and its document.
#[derive(Debug)]
pub(crate) struct LoadedSpec {
    pub path: PathBuf,
    pub text: String,
    pub document: OpenApi,
    /// Problems that lenient loading skipped (empty otherwise).
    pub warnings: Vec<Diagnostic>,
}

impl LoadedSpec {
    /// A diagnostic at `pointer`, located to a line of this file when it can be found.
    pub fn diagnostic(&self, severity: Severity, pointer: &str, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file: self.path.clone(),
            line: locate(&self.text, pointer),
            column: None,
            pointer: Some(pointer.to_owned()),
            message,
        }
    }
}

/// Reads and parses one spec file; lenient, structural problems become warnings and the
/// offending nodes are left out of the document.
pub(crate) fn load_file(path: &Path, lenient: bool) -> Result<LoadedSpec, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::from(Diagnostic::file_error(path, format!("cannot read the file: {e}"))))?;
    load_str(path, text, lenient)
}

/// Parses spec text; `path` names it in diagnostics. Fails with every structural problem
/// (see [`structure`]) or with the first syntax or type error; lenient as [`load_file`].
pub(crate) fn load_str(path: &Path, text: String, lenient: bool) -> Result<LoadedSpec, Failure> {
    let located = |at: Option<(usize, usize)>, message: String| Diagnostic {
        severity: Severity::Error,
        file: path.to_owned(),
        line: at.map(|(line, _)| line),
        column: at.map(|(_, column)| column),
        pointer: None,
        message,
    };
    // First as plain YAML, so that a syntax error is reported as one, not as a schema error.
    let value: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| -> Failure {
        located(
            e.location().map(|l| (l.line(), l.column())),
            format!("invalid YAML: {}", without_location(&e)),
        )
        .into()
    })?;
    // An unquoted `openapi: 3.1` is a YAML number: show it as written either way.
    let version = match value.get("openapi") {
        Some(serde_yaml::Value::String(s)) => s.clone(),
        Some(serde_yaml::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if !(version.starts_with("3.0.") || version.starts_with("3.1.")) {
        let message = if version.is_empty() {
            "no `openapi` version: only OpenAPI 3.0.x and 3.1.x documents are supported".to_owned()
        } else {
            format!(
                "`openapi` is `{version}`: only OpenAPI 3.0.x and 3.1.x documents are supported \
                 (write the full version as a string, e.g. '3.1.0')"
            )
        };
        return Err(located(locate(&text, "/openapi").map(|l| (l, 1)), message).into());
    }
    let problems = structure::check(&value);
    let severity = if lenient { Severity::Warning } else { Severity::Error };
    let diagnostics: Vec<Diagnostic> = problems
        .iter()
        .map(|(pointer, message)| Diagnostic {
            severity,
            file: path.to_owned(),
            line: locate(&text, pointer),
            column: None,
            pointer: Some(pointer.clone()),
            message: if lenient {
                format!("{message} [skipped: lenient mode]")
            } else {
                message.clone()
            },
        })
        .collect();
    if !diagnostics.is_empty() && !lenient {
        return Err(Failure { diagnostics });
    }
    if !diagnostics.is_empty() {
        // Leave the broken nodes out and read the rest. The typed read then has no text
        // positions, so a later type error is located by its message alone.
        let mut value = value;
        for (pointer, _) in &problems {
            remove(&mut value, pointer);
        }
        let document: OpenApi = serde_yaml::from_value(value).map_err(|e| -> Failure {
            located(None, format!("not a valid OpenAPI document: {}", without_location(&e))).into()
        })?;
        return Ok(LoadedSpec {
            path: path.to_owned(),
            text,
            document,
            warnings: diagnostics,
        });
    }
    // The YAML tree has done its job (the version and the structure check): freed before the
    // typed document is read, as the two together would be the peak of memory.
    drop(value);
    let document: OpenApi = serde_yaml::from_str(&text).map_err(|e| -> Failure {
        located(
            e.location().map(|l| (l.line(), l.column())),
            format!("not a valid OpenAPI document: {}", without_location(&e)),
        )
        .into()
    })?;
    Ok(LoadedSpec {
        path: path.to_owned(),
        text,
        document,
        warnings: Vec::new(),
    })
}

/// Removes the node at a JSON pointer, if it is there.
fn remove(value: &mut serde_yaml::Value, pointer: &str) {
    let segments: Vec<String> = crate::diag::segments(pointer).collect();
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut node = value;
    for segment in parents {
        let next = match node {
            serde_yaml::Value::Mapping(map) => map.get_mut(segment.as_str()),
            serde_yaml::Value::Sequence(items) => {
                segment.parse::<usize>().ok().and_then(|i| items.get_mut(i))
            }
            _ => None,
        };
        match next {
            Some(next) => node = next,
            None => return,
        }
    }
    if let serde_yaml::Value::Mapping(map) = node {
        map.remove(last.as_str());
    }
}

/// serde_yaml appends " at line L column C" to its messages; we print the line ourselves.
fn without_location(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    }
}
