//! `expected.toml`: the outcome each corpus spec must have, read, compared with what the
//! generator did, and rewritten by `SDKGEN_CORPUS_UPDATE=1`. The file is written whole by
//! [`write`] (entries sorted, one layout), so an update's diff shows only what changed; the
//! reasons are data, kept across updates, and comments are not (write what matters in a
//! `reason`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use sdkgen::diag::Diagnostic;

use super::kinds::Classified;

pub const GENERATES: &str = "generates";
pub const INVALID: &str = "invalid";
pub const REFUSED_VALID: &str = "refused-valid";
/// The reason the update writes where a person must: the test fails until it is replaced.
pub const TODO: &str = "TODO";

/// One spec's expected outcome.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// [`GENERATES`], [`INVALID`] or [`REFUSED_VALID`].
    pub outcome: String,
    /// Why the spec is invalid, or why a valid one is refused and what will fix it.
    pub reason: Option<String>,
    /// Refused: how many errors.
    pub errors: Option<usize>,
    /// Refused: the JSON pointer one of the errors must have (for an invalid spec, the place
    /// of its defect).
    pub pointer: Option<String>,
    /// Refused: what `openapi-spec-validator` says (`accepts`, `refuses`, `crashes`).
    pub validator: Option<String>,
    /// Generates: degrading kind -> (count, reason it is left).
    pub degraded: BTreeMap<String, (usize, String)>,
}

pub type Expected = BTreeMap<String, Entry>;

/// What the generator did with one spec.
pub struct Actual {
    pub verdict: Verdict,
    pub took: Duration,
}

pub enum Verdict {
    Generates { warnings: Classified },
    Refused { errors: Vec<Diagnostic>, validator: Option<String> },
    Panicked(String),
}

pub fn read(path: &Path) -> Result<Expected, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let mut expected = Expected::new();
    for (name, item) in doc.iter() {
        let table = item.as_table_like().ok_or_else(|| format!("`{name}` is not a table"))?;
        let text = |key: &str| table.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let number = |key: &str| table.get(key).and_then(|v| v.as_integer()).map(|n| n as usize);
        let outcome = text("outcome").ok_or_else(|| format!("`{name}` has no `outcome`"))?;
        if ![GENERATES, INVALID, REFUSED_VALID].contains(&outcome.as_str()) {
            return Err(format!("`{name}`: outcome `{outcome}` is none of {GENERATES}, {INVALID}, {REFUSED_VALID}"));
        }
        let mut degraded = BTreeMap::new();
        if let Some(kinds) = table.get("degraded").and_then(|d| d.as_table_like()) {
            for (kind, value) in kinds.iter() {
                let value = value.as_table_like().ok_or_else(|| format!("`{name}`.degraded.`{kind}` is not a table"))?;
                let count = value.get("count").and_then(|c| c.as_integer()).unwrap_or(0) as usize;
                let reason = value.get("reason").and_then(|r| r.as_str()).unwrap_or_default().to_owned();
                degraded.insert(kind.to_owned(), (count, reason));
            }
        }
        let entry = Entry {
            outcome,
            reason: text("reason"),
            errors: number("errors"),
            pointer: text("pointer"),
            validator: text("validator"),
            degraded,
        };
        expected.insert(name.to_owned(), entry);
    }
    Ok(expected)
}

const HEADER: &str = "\
# The outcome of every spec of ../shared/corpus-dev/ (generator/tests/corpus.rs checks it).
#   generates      it generates strictly; `degraded` lists the degrading warnings left (kinds in
#                  kinds.toml), each with its count and the reason it is left
#   invalid        the spec is wrong: `reason` says how, `pointer` is where the generator's
#                  located error must be
#   refused-valid  a valid spec refused today: `reason` names what is missing and the issue or
#                  branch that fixes it
# `errors` counts a refusal's errors, `validator` is what openapi-spec-validator 0.9.0 says.
# Written by `SDKGEN_CORPUS_UPDATE=1 cargo test --release -p sdkgen --test corpus`: outcomes,
# counts and pointers are rewritten, reasons kept (new ones are TODO, which fails until
# written); comments other than this header are not kept.
";

fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_owned()
}

/// The file's text: the header, then the entries in name order, one layout.
pub fn write(expected: &Expected) -> String {
    let mut out = String::from(HEADER);
    for (name, entry) in expected {
        out.push_str(&format!("\n[{}]\noutcome = {}\n", toml_edit::Key::new(name.as_str()), quoted(&entry.outcome)));
        if let Some(reason) = &entry.reason {
            out.push_str(&format!("reason = {}\n", quoted(reason)));
        }
        if let Some(errors) = entry.errors {
            out.push_str(&format!("errors = {errors}\n"));
        }
        if let Some(pointer) = &entry.pointer {
            out.push_str(&format!("pointer = {}\n", quoted(pointer)));
        }
        if let Some(validator) = &entry.validator {
            out.push_str(&format!("validator = {}\n", quoted(validator)));
        }
        for (kind, (count, reason)) in &entry.degraded {
            out.push_str(&format!(
                "degraded.{} = {{ count = {count}, reason = {} }}\n",
                toml_edit::Key::new(kind.as_str()),
                quoted(reason)
            ));
        }
    }
    out
}

fn located(d: &Diagnostic) -> bool {
    d.line.is_some() && d.column.is_some() && d.pointer.is_some()
}

fn needs_writing(reason: Option<&str>) -> bool {
    reason.is_none_or(|r| r.trim().is_empty() || r.starts_with(TODO))
}

/// Every difference between the file and the results, one sentence each. `whole`: the run
/// covered every spec, so an entry for no spec is stale.
pub fn compare(expected: &Expected, results: &[(String, Actual)], whole: bool, validated: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, actual) in results {
        let entry = expected.get(name);
        match &actual.verdict {
            Verdict::Panicked(message) => problems.push(format!("{name}: the generator panicked: {message}")),
            Verdict::Generates { warnings } => {
                for message in warnings.unknown.iter().take(3) {
                    problems.push(format!("{name}: a warning of no kind (classify it in tests/corpus/kinds.toml): {message}"));
                }
                let Some(entry) = entry.filter(|e| e.outcome == GENERATES) else {
                    let was = entry.map_or("no entry".to_owned(), |e| format!("`{}`", e.outcome));
                    problems.push(format!("{name}: generates now; the file has {was} (a stale entry if it was refused)"));
                    continue;
                };
                let kinds = entry.degraded.keys().chain(warnings.degraded.keys());
                let kinds: std::collections::BTreeSet<&String> = kinds.collect();
                for kind in kinds {
                    let want = entry.degraded.get(kind);
                    let got = warnings.degraded.get(kind);
                    let (want_n, got_n) = (want.map_or(0, |w| w.0), got.map_or(0, |g| g.0));
                    if want_n != got_n {
                        let first = got.map(|g| format!(" (first: {})", g.1)).unwrap_or_default();
                        problems.push(format!("{name}: {got_n} warning(s) `{kind}`, the file says {want_n}{first}"));
                    } else if needs_writing(want.map(|w| w.1.as_str())) {
                        problems.push(format!("{name}: `{kind}` needs its reason written"));
                    }
                }
            }
            Verdict::Refused { errors, validator } => {
                let unlocated: Vec<&Diagnostic> = errors.iter().filter(|d| !located(d)).collect();
                for d in unlocated.iter().take(3) {
                    problems.push(format!("{name}: an error without its line, column and pointer: {d}"));
                }
                let Some(entry) = entry.filter(|e| e.outcome != GENERATES) else {
                    let was = entry.map_or("no entry".to_owned(), |e| format!("`{}`", e.outcome));
                    let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
                    problems.push(format!("{name}: refused, with {} error(s); the file has {was}; first: {first}", errors.len()));
                    continue;
                };
                if entry.errors != Some(errors.len()) {
                    let first = errors.first().map(|d| d.to_string()).unwrap_or_default();
                    problems.push(format!(
                        "{name}: {} error(s), the file says {} (first: {first})",
                        errors.len(),
                        entry.errors.map_or("none".to_owned(), |n| n.to_string())
                    ));
                }
                match &entry.pointer {
                    Some(p) if errors.iter().any(|d| d.pointer.as_deref() == Some(p.as_str())) => {}
                    Some(p) => problems.push(format!("{name}: no error at `{p}` any more")),
                    None => problems.push(format!("{name}: `pointer` is missing")),
                }
                if needs_writing(entry.reason.as_deref()) {
                    problems.push(format!("{name}: the reason it is {} needs writing", entry.outcome));
                }
                if let (true, Some(said)) = (validated, validator) {
                    if entry.validator.as_ref() != Some(said) {
                        problems.push(format!(
                            "{name}: openapi-spec-validator {said}, the file says {}",
                            entry.validator.as_deref().unwrap_or("nothing")
                        ));
                    }
                }
            }
        }
    }
    if whole {
        for name in expected.keys().filter(|n| !results.iter().any(|(r, _)| r == *n)) {
            problems.push(format!("{name}: a stale entry: no such spec in the corpus"));
        }
    }
    problems
}

/// The file with its mechanical parts made what the results say, reasons kept; a new entry
/// or a new kind gets the reason [`TODO`], and a newly refused spec `refused-valid` (change it
/// to `invalid` when the spec is at fault).
pub fn update(expected: &Expected, results: &[(String, Actual)], whole: bool) -> Expected {
    let mut updated = if whole { Expected::new() } else { expected.clone() };
    for (name, actual) in results {
        let old = expected.get(name).cloned().unwrap_or_default();
        let entry = match &actual.verdict {
            // Left as it was: a panic is fixed, not recorded.
            Verdict::Panicked(_) if old.outcome.is_empty() => continue,
            Verdict::Panicked(_) => old,
            Verdict::Generates { warnings } => {
                let degraded = warnings
                    .degraded
                    .iter()
                    .map(|(kind, (count, _))| {
                        let reason = old.degraded.get(kind).map_or(TODO.to_owned(), |w| w.1.clone());
                        (kind.clone(), (*count, reason))
                    })
                    .collect();
                Entry { outcome: GENERATES.to_owned(), degraded, ..Entry::default() }
            }
            Verdict::Refused { errors, validator } => {
                let was_refused = old.outcome == INVALID || old.outcome == REFUSED_VALID;
                let pointer = match &old.pointer {
                    Some(p) if errors.iter().any(|d| d.pointer.as_deref() == Some(p.as_str())) => Some(p.clone()),
                    _ => errors.iter().find_map(|d| d.pointer.clone()),
                };
                Entry {
                    outcome: if was_refused { old.outcome.clone() } else { REFUSED_VALID.to_owned() },
                    reason: Some(old.reason.clone().filter(|_| was_refused).unwrap_or_else(|| TODO.to_owned())),
                    errors: Some(errors.len()),
                    pointer,
                    validator: validator.clone().or(old.validator.clone()),
                    degraded: BTreeMap::new(),
                }
            }
        };
        updated.insert(name.clone(), entry);
    }
    updated
}
