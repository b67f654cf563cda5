//! Diagnostics: what is wrong with a spec, and where (`pointer.rs`: JSON pointers;
//! `lines.rs`: a spec's text and its line index; `render.rs`: how a diagnostic is printed).

mod lines;
mod pointer;
mod render;

pub use lines::{Position, Source};
pub use pointer::{escape_segment, join, segments, unescape_segment};
pub use render::{render, Format};

use std::fmt;
use std::path::PathBuf;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on, with the documented fallback.
    Warning,
    /// Nothing is generated or written.
    Error,
}

/// One problem in one spec, located by line (when known) and JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line in the YAML file.
    pub line: Option<usize>,
    /// 1-based column, when the YAML parser gave one.
    pub column: Option<usize>,
    /// JSON pointer of the offending node, e.g. `/components/schemas/Foo/type`.
    pub pointer: Option<String>,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// An error about a file as a whole (its name, reading it): no line, no pointer.
    pub fn file_error(file: impl Into<PathBuf>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            pointer: None,
            message,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(pointer) = &self.pointer {
            write!(f, " (at {pointer})")?;
        }
        Ok(())
    }
}

/// The diagnostics of a failed run: at least one is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

impl From<Diagnostic> for Failure {
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }
}
