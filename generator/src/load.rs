//! Load stage: a YAML file into a typed [`OpenApi`], with errors located by line.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Failure, Severity};
use crate::spec::OpenApi;

/// A spec file as read: its path, its text (to locate later diagnostics) and its document.
#[derive(Debug)]
pub struct LoadedSpec {
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

/// Reads and parses one spec file.
pub fn load_file(path: &Path) -> Result<LoadedSpec, Failure> {
    load_file_with(path, false)
}

/// [`load_file`], optionally lenient: structural problems become warnings and the
/// offending nodes are left out of the document.
pub fn load_file_with(path: &Path, lenient: bool) -> Result<LoadedSpec, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::from(Diagnostic {
        severity: Severity::Error,
        file: path.to_owned(),
        line: None,
        column: None,
        pointer: None,
        message: format!("cannot read the file: {e}"),
    }))?;
    load_str_with(path, text, lenient)
}

/// Parses spec text; `path` names it in diagnostics. Fails with every structural problem
/// (see [`crate::structure`]) or with the first syntax or type error.
pub fn load_str(path: &Path, text: String) -> Result<LoadedSpec, Failure> {
    load_str_with(path, text, false)
}

/// [`load_str`], optionally lenient (see [`load_file_with`]).
pub fn load_str_with(path: &Path, text: String, lenient: bool) -> Result<LoadedSpec, Failure> {
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
    let problems = crate::structure::check(&value);
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

/// Finds the 1-based line of the node at a JSON `pointer` in block-style YAML `text`.
///
/// serde_yaml keeps no positions once a document is parsed, so this walks the text by
/// indentation: each pointer segment is a key (or, for a number, a `- ` item) found among
/// the children of the previous one. When a segment cannot be found (flow style, anchors),
/// the line of the deepest segment found is returned, which is still the right neighbourhood.
pub fn locate(text: &str, pointer: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let segments = crate::diag::segments(pointer);
    // Children of the node found so far are the lines from `start` indented past `parent`.
    // After a `- ` item is found, its first key sits on the item's own line, two columns in.
    let (mut start, mut parent, mut inside_item) = (0usize, -1isize, false);
    let mut found: Option<usize> = None;
    for segment in segments {
        let index = segment.parse::<usize>().ok();
        let (mut level, mut item, mut hit) = (None, 0usize, None);
        for (i, line) in lines.iter().enumerate().skip(start) {
            let Some((mut indent, mut content)) = significant(line) else {
                continue;
            };
            if inside_item && i == start {
                match content.strip_prefix("- ") {
                    Some(rest) => {
                        indent += 2;
                        content = rest.trim_start();
                    }
                    None => continue,
                }
            }
            let is_item = content == "-" || content.starts_with("- ");
            // YAML allows a key's sequence at the key's own indentation.
            let same_level_sequence = index.is_some() && is_item && indent as isize == parent;
            if indent as isize <= parent && !same_level_sequence {
                break;
            }
            let level = *level.get_or_insert(indent);
            if indent != level {
                continue;
            }
            match index {
                Some(wanted) if is_item => {
                    if item == wanted {
                        hit = Some((i, indent, true));
                        break;
                    }
                    item += 1;
                }
                // Response codes are numeric keys, not item indexes.
                _ => {
                    if key_matches(content, &segment) {
                        hit = Some((i, indent, false));
                        break;
                    }
                }
            }
        }
        let Some((line, indent, is_item)) = hit else {
            break;
        };
        found = Some(line);
        (start, parent, inside_item) = if is_item {
            (line, indent as isize, true)
        } else {
            (line + 1, indent as isize, false)
        };
    }
    found.map(|l| l + 1)
}

/// A line's indentation and content, or `None` for blank and comment lines.
fn significant(line: &str) -> Option<(usize, &str)> {
    let content = line.trim_start();
    if content.is_empty() || content.starts_with('#') {
        return None;
    }
    Some((line.len() - content.len(), content))
}

/// Whether a line's content starts with `key:` (plain, single- or double-quoted).
fn key_matches(content: &str, key: &str) -> bool {
    [
        format!("{key}:"),
        format!("'{}':", key.replace('\'', "''")),
        format!("\"{key}\":"),
    ]
    .iter()
    .any(|k| {
        content.starts_with(k.as_str())
            && content[k.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
openapi: 3.0.1
paths:
  '/a/{id}':
    get:
      parameters:
        - name: id
          in: path
        - $ref: '#/components/parameters/P'
      responses:
        '200':
          description: ok
components:
  schemas:
    # a comment
    Foo:
      type: object
      properties:
        bar:
          type: strng
";

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(locate(DOC, "/openapi"), Some(1));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get"), Some(4));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/0"), Some(6));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/0/in"), Some(7));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/1/$ref"), Some(8));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/responses/200/description"), Some(11));
        assert_eq!(locate(DOC, "/components/schemas/Foo/properties/bar/type"), Some(19));
    }

    #[test]
    fn stops_at_the_deepest_segment_found() {
        assert_eq!(locate(DOC, "/components/schemas/Foo/nope"), Some(15));
        // `type` exists deeper down, but not as a direct child of Foo/properties.
        assert_eq!(locate(DOC, "/components/schemas/Foo/properties/type"), Some(17));
        assert_eq!(locate(DOC, "/nothing"), None);
    }
}
