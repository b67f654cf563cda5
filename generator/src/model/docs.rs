//! Documentation prose the model adds to the spec's: constraints the Rust type cannot
//! express, and notes of ours after the spec's own text.

use crate::load::spec::Schema;

use super::enums::{int_enum_values, string_enum_values};

/// Documentation lines for the constraints the Rust type cannot express.
pub(super) fn with_constraints(doc: Option<String>, schema: &Schema) -> Option<String> {
    let mut notes: Vec<String> = Vec::new();
    if let Some(values) = &schema.enumeration {
        if string_enum_values(schema).is_none() && int_enum_values(schema).is_none() {
            let listed: Vec<String> = values.iter().map(yaml_scalar).collect();
            notes.push(format!("Allowed values: {}.", listed.join(", ")));
        }
    }
    match (&schema.minimum, &schema.maximum) {
        (Some(min), Some(max)) => notes.push(format!("Range: {min} to {max}.")),
        (Some(min), None) => notes.push(format!("Minimum: {min}.")),
        (None, Some(max)) => notes.push(format!("Maximum: {max}.")),
        (None, None) => {}
    }
    match (schema.min_length, schema.max_length) {
        (Some(a), Some(b)) if a == b => notes.push(format!("Length: {a}.")),
        (Some(a), Some(b)) => notes.push(format!("Length: {a} to {b}.")),
        (Some(a), None) => notes.push(format!("Minimum length: {a}.")),
        (None, Some(b)) => notes.push(format!("Maximum length: {b}.")),
        (None, None) => {}
    }
    // Patterns that match anything (the AWS model puts `[\S\s]*` on every string) say nothing.
    if let Some(pattern) = schema.pattern.as_ref().filter(|p| !matches!(p.as_str(), "[\\S\\s]*" | "[\\s\\S]*" | ".*" | "^.*$")) {
        notes.push(format!("Pattern: `{pattern}`."));
    }
    if let Some(default) = &schema.default {
        notes.push(format!("Default: `{}`.", yaml_scalar(default)));
    }
    if notes.is_empty() {
        return merged_member_constraints(doc, schema);
    }
    merged_member_constraints(Some(append(doc, &notes.join(" "))), schema)
}

/// The constraints of the `allOf` members that narrow the value in place (annotations and
/// scalars, not `$ref`s or objects: those document their own types).
fn merged_member_constraints(mut doc: Option<String>, schema: &Schema) -> Option<String> {
    for member in schema.all_of.iter().flatten() {
        if member.reference.is_none() && member.properties.is_none() && member.all_of.is_none() {
            doc = with_constraints(doc, member);
        }
    }
    doc
}

/// The one way a note of ours follows a description: the text, a blank line, the note; the
/// note alone when there is no text. The emitted docs and the AWS importer write notes so too.
pub(crate) fn with_note(doc: Option<&str>, note: &str) -> String {
    match doc {
        Some(d) => format!("{d}\n\n{note}"),
        None => note.to_owned(),
    }
}

/// [`with_note`] for a description the model keeps: a blank one counts as none, and
/// trailing blank lines are dropped.
pub(crate) fn append(doc: Option<String>, note: &str) -> String {
    with_note(doc.as_deref().filter(|d| !d.trim().is_empty()).map(str::trim_end), note)
}

fn yaml_scalar(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".into(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    }
}
