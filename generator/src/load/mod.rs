//! Load stage: a YAML file into a typed [`OpenApi`], with errors located by line and column.
//!
//! [`spec`] is the typed document, [`structure`] the check of its YAML tree before the typed
//! read, `merge` applies YAML merge keys (`<<`), [`source_map`] the position of every node
//! (JSON pointer -> line and column) from a position-reporting parser that reads the text
//! beside serde_yaml. [`swagger2`] converts a Swagger 2.0 document into the OpenAPI 3.0 tree
//! the rest reads, its diagnostics located in the 2.0 text. [`hoist`] makes every local
//! `$ref` one into `components` (moving a target that is elsewhere there) and [`siblings`]
//! reshapes keywords beside a schema's `$ref`; both record where the nodes they move were,
//! so diagnostics stay at their text. A document that needs neither is read from its text.

mod dangling;
mod hoist;
mod json_text;
mod merge;
pub mod numbers;
mod places;
mod pointer_map;
mod siblings;
pub mod source_map;
pub mod spec;
pub mod structure;
mod swagger2;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diag::{Diagnostic, Failure, Position, Severity, Source};
use source_map::SourceMap;
use spec::OpenApi;

/// A spec file as read: its path, its text (to locate later diagnostics) and its document.
#[derive(Debug)]
pub(crate) struct LoadedSpec {
    pub path: PathBuf,
    pub source: Located,
    pub document: OpenApi,
    /// Problems that lenient loading skipped (empty otherwise).
    pub warnings: Vec<Diagnostic>,
    /// Every local `$ref` (its pointer, its value) that points at nothing in the document.
    pub dangling_refs: Vec<(String, String)>,
    /// `$ref`s that cannot be resolved (a cycle, a target of the wrong kind, a chain that
    /// ends at nothing; see [`hoist`]), located; the model reports them.
    pub ref_errors: Vec<Diagnostic>,
}

/// A spec's text, its line index, and its source map, built on the first diagnostic that
/// needs a place (a valid spec never pays for it).
#[derive(Debug)]
pub(crate) struct Located {
    pub source: Source,
    map: OnceLock<SourceMap>,
    /// For a Swagger 2.0 document: where each node of the converted document the model
    /// reads is in the 2.0 text (see [`swagger2`]).
    converted: Option<pointer_map::PointerMap>,
    /// Where each node moved into `components` by [`hoist`] was.
    hoisted: Option<pointer_map::PointerMap>,
    /// Where each node [`siblings`] moved into an `allOf` was.
    reshaped: Option<pointer_map::PointerMap>,
}

impl Located {
    fn new(source: Source) -> Self {
        Self { source, map: OnceLock::new(), converted: None, hoisted: None, reshaped: None }
    }

    /// The pointer in the file of the node at `pointer` in the document read: itself, but
    /// for a node the loader moved (back through each move, the last first) or a converted
    /// Swagger 2.0 document.
    pub fn original<'p>(&self, pointer: &'p str) -> Cow<'p, str> {
        let mut pointer = Cow::Borrowed(pointer);
        for map in [&self.reshaped, &self.hoisted, &self.converted].into_iter().flatten() {
            let moved = match map.original(&pointer) {
                Cow::Owned(moved) => Some(moved),
                Cow::Borrowed(_) => None,
            };
            if let Some(moved) = moved {
                pointer = Cow::Owned(moved);
            }
        }
        pointer
    }

    /// The line and column of the node at `pointer` (or of its deepest ancestor found).
    pub fn position(&self, pointer: &str) -> Option<Position> {
        let map = self.map.get_or_init(|| SourceMap::build(self.source.text()));
        map.locate(&self.original(pointer)).map(|index| self.source.position_of_char(index))
    }

    /// A diagnostic at `pointer` (of the document read), located to its line and column
    /// when it can be found, and named by its pointer in the file.
    pub fn diagnostic(&self, severity: Severity, path: &Path, pointer: &str, message: String) -> Diagnostic {
        let at = self.position(pointer);
        Diagnostic {
            severity,
            file: path.to_owned(),
            line: at.map(|p| p.line),
            column: at.map(|p| p.column),
            pointer: Some(self.original(pointer).into_owned()),
            message,
        }
    }
}

impl LoadedSpec {
    /// A diagnostic at `pointer`, located to its line and column when it can be found.
    pub fn diagnostic(&self, severity: Severity, pointer: &str, message: String) -> Diagnostic {
        self.source.diagnostic(severity, &self.path, pointer, message)
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
    // Without its byte order mark, which libyaml would take for content.
    let source = Located::new(Source::new(text));
    let located = |at: Option<Position>, message: String| Diagnostic {
        severity: Severity::Error,
        file: path.to_owned(),
        line: at.map(|p| p.line),
        column: at.map(|p| p.column),
        pointer: None,
        message,
    };
    let checked = source_map::check(source.source.text()).map_err(|(index, message)| -> Failure {
        located(Some(source.source.position_of_char(index)), message).into()
    })?;
    // JSON strings YAML reads otherwise (surrogate pairs, DEL, C1 controls) in YAML's terms;
    // the text stays as written, for locating and showing diagnostics.
    let yaml = json_text::for_yaml(&checked);
    let rewritten = matches!(yaml, std::borrow::Cow::Owned(_));
    // serde_yaml's libyaml counts lines its own way (NEL, U+2028, U+2029 are breaks to it):
    // its byte offset is what we go by, unless JSON strings were rewritten (their lengths
    // changed, not their lines; and the separators were escaped): then its line and column.
    let parser_position = |e: &serde_yaml::Error| {
        e.location().map(|l| match rewritten {
            true => Position { line: l.line(), column: l.column() },
            false => source.source.position_of_byte(l.index()),
        })
    };
    // First as plain YAML, so that a syntax error is reported as one, not as a schema error.
    let numbers::Wide(mut value) = serde_yaml::from_str(&yaml).map_err(|e| -> Failure {
        located(parser_position(&e), format!("invalid YAML: {}{}", without_location(&e), hint(&e))).into()
    })?;
    if let Some(version) = swagger2::version(&value) {
        return load_swagger2(path, source, value, &version, lenient);
    }
    // An unquoted `openapi: 3.1` is a YAML number: show it as written either way.
    let version = match value.get("openapi") {
        Some(serde_yaml::Value::String(s)) => s.clone(),
        Some(serde_yaml::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    if !(version.starts_with("3.0.") || version.starts_with("3.1.")) {
        let message = if version.is_empty() {
            "no `openapi` version: only OpenAPI 3.0.x and 3.1.x (and Swagger 2.0) documents are supported".to_owned()
        } else {
            format!(
                "`openapi` is `{version}`: only OpenAPI 3.0.x and 3.1.x documents are supported \
                 (write the full version as a string, e.g. '3.1.0')"
            )
        };
        let mut d = source.diagnostic(Severity::Error, path, "/openapi", message);
        if version.is_empty() {
            // Not the document's first line: there is no such node, only its place.
            (d.line, d.column) = (None, None);
        }
        return Err(d.into());
    }
    let merged = merge::apply(&mut value).map_err(|(pointer, message)| -> Failure {
        source.diagnostic(Severity::Error, path, &pointer, message).into()
    })?;
    let problems = structure::check(&value, version.starts_with("3.1."));
    let diagnostics: Vec<Diagnostic> = problems
        .iter()
        .map(|(pointer, message)| problem(&source, path, pointer, message.clone(), true, lenient))
        .collect();
    if !diagnostics.is_empty() && !lenient {
        return Err(Failure { diagnostics });
    }
    if !diagnostics.is_empty() || merged {
        // Leave the broken nodes out (and merge keys merged) and read the rest. The typed
        // read then has no text positions, so a type error is located by its pointer.
        // Read from text, a key such as `200:` is the string the typed document expects;
        // read from a `Value`, it is a number, and the whole read would fail on it.
        keys_as_strings(&mut value);
        return from_tree(path, source, value, &problems, diagnostics, None);
    }
    let refs = hoist::plan(&value);
    if !refs.changes_nothing() || refs.siblings {
        // References to move or siblings to reshape: the typed document is read from the
        // changed tree, as in the lenient case (by the plan made: nothing was removed, and
        // keys as strings name the same places).
        keys_as_strings(&mut value);
        return from_tree(path, source, value, &[], Vec::new(), Some(refs));
    }
    let ref_errors = located_ref_errors(&source, path, &refs.errors);
    let dangling_refs = dangling::dangling_refs(&value);
    // The YAML tree has done its job (the version, the structure check, the dangling refs):
    // freed before the typed document is read, as the two together would be the peak of memory.
    drop(value);
    let document: OpenApi = match serde_yaml::from_str(&yaml) {
        Ok(document) => document,
        Err(e) => {
            let at_text = located(parser_position(&e), format!("not a valid OpenAPI document: {}", without_location(&e)));
            return Err(typed_error(path, &source, &yaml, at_text));
        }
    };
    drop(yaml);
    Ok(LoadedSpec {
        path: path.to_owned(),
        source,
        document,
        warnings: Vec::new(),
        dangling_refs,
        ref_errors,
    })
}

/// The resolver's errors as diagnostics (located before any of its maps is in place: their
/// pointers are those of the tree it read).
fn located_ref_errors(source: &Located, path: &Path, errors: &[(String, String)]) -> Vec<Diagnostic> {
    errors.iter().map(|(pointer, message)| source.diagnostic(Severity::Error, path, pointer, message.clone())).collect()
}

/// A type error of the typed read (`allOf` a mapping, say), at its JSON pointer. Read from
/// text, serde gives a line, a column and a dotted path, which is no pointer (keys hold dots
/// and slashes: `paths./a/{id}.get`); so, only when there is an error, the tree is read again
/// through `serde_path_to_error`, whose path is the pointer. `at_text` is the error as the
/// text's read located it, kept if the tree's read finds none.
fn typed_error(path: &Path, source: &Located, yaml: &str, at_text: Diagnostic) -> Failure {
    let Ok(numbers::Wide(mut value)) = serde_yaml::from_str(yaml) else {
        return at_text.into();
    };
    keys_as_strings(&mut value);
    match serde_path_to_error::deserialize::<_, OpenApi>(value) {
        Err(e) => {
            let message = format!("not a valid OpenAPI document: {}", without_location(e.inner()));
            source.diagnostic(Severity::Error, path, &pointer_of(e.path()), message).into()
        }
        Ok(_) => at_text.into(),
    }
}

/// A problem found while loading, located: a warning as it is; an error, or in lenient mode
/// a warning saying the node is skipped.
fn problem(source: &Located, path: &Path, pointer: &str, message: String, error: bool, lenient: bool) -> Diagnostic {
    match (error, lenient) {
        (false, _) => source.diagnostic(Severity::Warning, path, pointer, message),
        (true, false) => source.diagnostic(Severity::Error, path, pointer, message),
        (true, true) => source.diagnostic(Severity::Warning, path, pointer, format!("{message} [skipped: lenient mode]")),
    }
}

/// The typed document from its YAML tree (keys as strings), the nodes with a structural
/// problem left out; `warnings` are the problems skipped and any others loading found;
/// `refs`, the resolver's plan when the caller has made it for this very tree.
fn from_tree(
    path: &Path,
    mut source: Located,
    mut value: serde_yaml::Value,
    problems: &[structure::Problem],
    mut warnings: Vec<Diagnostic>,
    refs: Option<hoist::Plan>,
) -> Result<LoadedSpec, Failure> {
    // Later nodes first: removing an item of a list shifts the ones after it, and the
    // problems come in document order.
    for (pointer, _) in problems.iter().rev() {
        remove(&mut value, pointer);
    }
    // Every local `$ref` resolved to a component, then the siblings of `$ref`s reshaped;
    // each step's map in place before the next step's diagnostics are located.
    let refs = refs.unwrap_or_else(|| hoist::plan(&value));
    let ref_errors = located_ref_errors(&source, path, &refs.errors);
    let reshape = refs.siblings;
    if !refs.changes_nothing() {
        source.hoisted = Some(refs.apply(&mut value));
    }
    if reshape {
        let reshaped = siblings::reshape(&mut value);
        source.reshaped = Some(reshaped.pointers);
        for (pointer, message) in reshaped.warnings {
            warnings.push(source.diagnostic(Severity::Warning, path, &pointer, message));
        }
    }
    let dangling_refs = dangling::dangling_refs(&value);
    // Read through `serde_path_to_error`, so that a type error still has its place.
    let document: OpenApi = serde_path_to_error::deserialize(value).map_err(|e| -> Failure {
        let message = format!("not a valid OpenAPI document: {}", without_location(e.inner()));
        source.diagnostic(Severity::Error, path, &pointer_of(e.path()), message).into()
    })?;
    Ok(LoadedSpec { path: path.to_owned(), source, document, warnings, dangling_refs, ref_errors })
}

/// A Swagger 2.0 document: converted to OpenAPI 3.0 (see [`swagger2`]), then read as the
/// tree of one; every diagnostic, of the conversion or later, is at its 2.0 place.
fn load_swagger2(
    path: &Path,
    mut source: Located,
    mut value: serde_yaml::Value,
    version: &str,
    lenient: bool,
) -> Result<LoadedSpec, Failure> {
    if version != "2.0" {
        let message = format!(
            "`swagger` is `{version}`: only Swagger 2.0 (and OpenAPI 3.0.x and 3.1.x) documents are supported \
             (write it as a string, '2.0')"
        );
        return Err(source.diagnostic(Severity::Error, path, "/swagger", message).into());
    }
    merge::apply(&mut value).map_err(|(pointer, message)| -> Failure {
        source.diagnostic(Severity::Error, path, &pointer, message).into()
    })?;
    keys_as_strings(&mut value);
    let converted = swagger2::convert(&value);
    drop(value);
    // The conversion's problems are at 2.0 pointers: located before the map is in place.
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for found in converted.problems {
        let d = problem(&source, path, &found.pointer, found.message, found.error, lenient);
        match d.severity {
            Severity::Error => errors.push(d),
            Severity::Warning => warnings.push(d),
        }
    }
    source.converted = Some(converted.pointers);
    let value = converted.document;
    // Swagger 2.0 has no boolean schemas.
    let problems = structure::check(&value, false);
    for (pointer, message) in &problems {
        let d = problem(&source, path, pointer, message.clone(), true, lenient);
        match d.severity {
            Severity::Error => errors.push(d),
            Severity::Warning => warnings.push(d),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|d| d.line.unwrap_or(usize::MAX));
        return Err(Failure { diagnostics: errors });
    }
    from_tree(path, source, value, &problems, warnings, None)
}

/// Turns every scalar mapping key into the string it is in the text (`200` -> `"200"`,
/// `true` -> `"true"`), as deserializing from text does. Recursion is bounded by the
/// nesting limit the text was checked against.
fn keys_as_strings(value: &mut serde_yaml::Value) {
    use serde_yaml::Value;
    match value {
        Value::Mapping(map) => {
            let entries = std::mem::take(map);
            for (key, mut value) in entries {
                keys_as_strings(&mut value);
                let key = match key {
                    Value::Number(n) => Value::String(n.to_string()),
                    Value::Bool(b) => Value::String(b.to_string()),
                    Value::Null => Value::String("null".to_owned()),
                    other => other,
                };
                map.insert(key, value);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(keys_as_strings),
        Value::Tagged(tagged) => keys_as_strings(&mut tagged.value),
        _ => {}
    }
}

/// Removes the node at a JSON pointer, if it is there (a member of a mapping or an item of
/// a list: a misplaced `allOf` member is left out of its list).
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
    match node {
        serde_yaml::Value::Mapping(map) => {
            map.remove(last.as_str());
        }
        serde_yaml::Value::Sequence(items) => {
            if let Some(i) = last.parse::<usize>().ok().filter(|&i| i < items.len()) {
                items.remove(i);
            }
        }
        _ => {}
    }
}

/// The JSON pointer of a path `serde_path_to_error` gives (`components.schemas.A.items`).
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter().fold(String::new(), |pointer, segment| match segment {
        Segment::Seq { index } => crate::diag::join(&pointer, &index.to_string()),
        Segment::Map { key } => crate::diag::join(&pointer, key),
        Segment::Enum { .. } | Segment::Unknown => pointer,
    })
}

/// What to do about a YAML error whose message alone does not say it.
fn hint(e: &serde_yaml::Error) -> &'static str {
    if e.to_string().contains("invalid Unicode character escape") {
        " (a `\\u` escape of half a UTF-16 surrogate pair, without its other half, encodes no \
         character: write the pair, e.g. `\\ud83d\\ude00`, or the character itself)"
    } else {
        ""
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
