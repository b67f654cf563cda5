//! The kinds of warnings (`kinds.toml`): each warning is of the first kind one of whose
//! needles its message contains. A degrading kind loses something the spec says (a type
//! becomes `serde_json::Value`, a parameter is not sent, only the first media type can be
//! sent); an informational one only tells (a rename, a crate name made valid). A warning of
//! no kind fails the test: a new message must be classified before it can pass unseen.

use std::collections::BTreeMap;
use std::path::Path;

use sdkgen::diag::Diagnostic;

pub struct Kind {
    pub name: String,
    pub degrading: bool,
    needles: Vec<String>,
}

pub struct Kinds(Vec<Kind>);

/// A spec's warnings by kind.
#[derive(Debug, Default)]
pub struct Classified {
    /// Degrading kind -> how many, and the first message (shown when the count differs).
    pub degraded: BTreeMap<String, (usize, String)>,
    pub informational: usize,
    /// Messages of no kind.
    pub unknown: Vec<String>,
}

impl Kinds {
    pub fn read(path: &Path) -> Result<Kinds, String> {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
        let tables = doc
            .get("kind")
            .and_then(|k| k.as_array_of_tables())
            .ok_or("no [[kind]] tables")?;
        let mut kinds = Vec::new();
        for table in tables {
            let name = table.get("name").and_then(|v| v.as_str()).ok_or("a [[kind]] without a `name`")?;
            let degrading = table
                .get("degrading")
                .and_then(|v| v.as_bool())
                .ok_or_else(|| format!("kind `{name}`: `degrading = true|false` is missing"))?;
            let needles: Vec<String> = table
                .get("needles")
                .and_then(|v| v.as_array())
                .ok_or_else(|| format!("kind `{name}`: `needles` is missing"))?
                .iter()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect();
            if needles.is_empty() {
                return Err(format!("kind `{name}` has no needle"));
            }
            kinds.push(Kind { name: name.to_owned(), degrading, needles });
        }
        Ok(Kinds(kinds))
    }

    pub fn of(&self, message: &str) -> Option<&Kind> {
        self.0.iter().find(|k| k.needles.iter().any(|n| message.contains(n.as_str())))
    }

    pub fn classify(&self, warnings: &[Diagnostic]) -> Classified {
        let mut out = Classified::default();
        for warning in warnings {
            match self.of(&warning.message) {
                Some(kind) if kind.degrading => {
                    let entry = out.degraded.entry(kind.name.clone()).or_insert_with(|| (0, warning.to_string()));
                    entry.0 += 1;
                }
                Some(_) => out.informational += 1,
                None => out.unknown.push(warning.to_string()),
            }
        }
        out
    }
}
