//! The server URL and its variables (setters of the client builder).

use super::ir::{Server, ServerVariable};
use super::naming::{self, BUILDER_SETTERS};
use super::Builder;
use crate::diag::join;
use super::names::member_name;

impl<'a> Builder<'a> {
    /// The first server: its URL and variables.
    pub(super) fn server(&mut self) -> Option<Server> {
        let first = self.doc.servers.first()?;
        let mut variables = Vec::new();
        for (wire, var) in &first.variables {
            let mut rust_name = member_name(wire);
            if BUILDER_SETTERS.contains(&rust_name.as_str()) {
                rust_name.push_str("_variable");
            }
            if let Some(other) = variables.iter().find(|v: &&ServerVariable| v.rust_name == rust_name) {
                // The rename policy: the first keeps the name, the next get `_2`, `_3`, ...
                let other = other.wire_name.clone();
                let base = rust_name.clone();
                rust_name = naming::numbered(&base, "_", |n| variables.iter().any(|v| v.rust_name == n));
                self.warning(
                    &join("/servers/0/variables", wire),
                    format!("server variables `{other}` and `{wire}` both become the setter `{base}`; `{wire}` is `{rust_name}`"),
                );
            }
            variables.push(ServerVariable {
                wire_name: wire.clone(),
                rust_name,
                default: var.default.clone(),
                doc: var.description.clone(),
            });
        }
        for placeholder in placeholders(&first.url) {
            if !first.variables.contains_key(placeholder) {
                self.error(
                    "/servers/0/url",
                    format!("server URL uses `{{{placeholder}}}` but declares no such variable"),
                );
            }
        }
        Some(Server {
            url: first.url.clone(),
            relative: first.url.starts_with('/'),
            variables,
        })
    }
}

/// `{name}` placeholders of a path or URL template (the importer reads URI labels with it).
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}
