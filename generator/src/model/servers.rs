//! The server URL and its variables (setters of the client builder).

use std::collections::HashMap;

use super::ir::{Server, ServerVariable, UrlPart};
use super::naming::{self, BUILDER_SETTERS};
use super::Builder;
use crate::diag::join;
use super::names::member_name;

impl<'a> Builder<'a> {
    /// The first server: its URL and variables.
    pub(super) fn server(&mut self) -> Option<Server> {
        let first = self.doc.servers.first()?;
        let mut variables = Vec::new();
        // Setter -> the variable that has it, and where the rename policy stopped numbering
        // each setter (see `naming::Numbers`); where each placeholder first sits in the URL.
        let mut setters: HashMap<String, String> = HashMap::new();
        let mut numbers = naming::Numbers::default();
        let positions = placeholder_positions(&first.url);
        for (wire, var) in &first.variables {
            let mut rust_name = member_name(wire);
            if BUILDER_SETTERS.contains(&rust_name.as_str()) {
                rust_name.push_str("_variable");
            }
            if let Some(other) = setters.get(&rust_name) {
                // The rename policy: the first keeps the name, the next get `_2`, `_3`, ...
                let other = other.clone();
                let base = rust_name.clone();
                rust_name = numbers.next_free(&base, "_", |n| setters.contains_key(n));
                self.warning(
                    &join("/servers/0/variables", wire),
                    format!("server variables `{other}` and `{wire}` both become the setter `{base}`; `{wire}` is `{rust_name}`"),
                );
            }
            let at = match positions.get(wire.as_str()) {
                Some(&at) => Some(at),
                // A name with a brace is no placeholder `placeholders` reads; the text may
                // still hold it.
                None if wire.contains(['{', '}']) => first.url.find(&format!("{{{wire}}}")),
                None => None,
            };
            let part = url_part(&first.url, at);
            // OpenAPI: "The default value MUST be in the enum list". The generated builder
            // enforces the list, so a default outside it would fail every `build()`.
            if let Some(allowed) = var.allowed.as_ref().filter(|a| !a.contains(&var.default)) {
                self.error(
                    &join(&join("/servers/0/variables", wire), "default"),
                    format!(
                        "server variable `{wire}` defaults to `{}`, which is not in its `enum` ({}); the default must be one of them",
                        var.default,
                        allowed.join(", ")
                    ),
                );
            }
            setters.insert(rust_name.clone(), wire.clone());
            variables.push(ServerVariable {
                wire_name: wire.clone(),
                rust_name,
                default: var.default.clone(),
                doc: var.description.clone(),
                allowed: var.allowed.clone().unwrap_or_default(),
                part,
                // Decided with the security schemes, which name it (see `Builder::build`).
                aws_region: false,
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

/// Where a variable whose `{variable}` first sits at `at` in the server URL `template` is:
/// in the authority (between `://` and the next `/`, `?` or `#`), after its last `:` is the
/// port and before it the host (or user info, as strict); anything else, a relative URL or a
/// variable the URL does not use included, is the path.
fn url_part(template: &str, at: Option<usize>) -> UrlPart {
    let Some(at) = at else {
        return UrlPart::Path;
    };
    let Some(scheme_end) = template.find("://").map(|i| i + 3) else {
        return UrlPart::Path;
    };
    let authority_end = template[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(template.len(), |i| scheme_end + i);
    if at < scheme_end || at >= authority_end {
        return UrlPart::Path;
    }
    let authority = &template[scheme_end..authority_end];
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    match authority[host_start..].rfind(':') {
        Some(colon) if at > scheme_end + host_start + colon => UrlPart::Port,
        _ => UrlPart::Host,
    }
}

/// `{name}` placeholders of a path or URL template (the importer reads URI labels with it).
pub(crate) fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    placeholders_at(template).map(|(_, name)| name)
}

/// The placeholders of `template` with the offset of each one's `{`.
fn placeholders_at(template: &str) -> impl Iterator<Item = (usize, &str)> {
    template.match_indices('{').filter_map(|(at, _)| {
        let rest = &template[at + 1..];
        // The name ends at the first `}`, and no `{` may come before it (that one starts
        // the placeholder).
        let end = rest.find(['{', '}'])?;
        rest[end..].starts_with('}').then(|| (at, &rest[..end]))
    })
}

/// Where each placeholder of `template` first sits: one scan of the URL for all variables
/// (a search per variable would be quadratic in a URL of many).
fn placeholder_positions(template: &str) -> HashMap<&str, usize> {
    let mut positions = HashMap::new();
    for (at, name) in placeholders_at(template) {
        positions.entry(name).or_insert(at);
    }
    positions
}

/// Why a path template means nothing OpenAPI defines, if it does not. A template is literal
/// text and `{name}` placeholders, a name being non-empty and brace-free. OpenAPI has no
/// escape for a brace (`{{id}}` is no literal `{id}`), so a brace outside a placeholder is
/// refused rather than guessed at: sent as it stands, it would reach the server as
/// `{id_segment}`, or not compile.
pub(crate) fn template_problem(template: &str) -> Option<&'static str> {
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Some("has a `}` that closes no `{name}` placeholder");
        }
        let name = &rest[open + 1..];
        match name.find(['{', '}']) {
            Some(0) if name.starts_with('{') => return Some("has `{{`, which OpenAPI does not read as an escaped brace"),
            Some(0) => return Some("has an empty `{}` placeholder"),
            Some(close) if name[close..].starts_with('}') => rest = &name[close + 1..],
            _ => return Some("has a `{` that opens no `{name}` placeholder"),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_template_is_literal_text_and_placeholders() {
        for fine in ["/a", "/a/{id}", "/{a}/{b}.json", "/a/{id}/b/{id2}", "", "/%7Bliteral%7D"] {
            assert_eq!(template_problem(fine), None, "{fine}");
        }
        let refused = [
            ("/a/{{id}}", "`{{`"),
            ("/a/{", "opens no"),
            ("/a/{id", "opens no"),
            ("/a/{b{c}}", "opens no"),
            ("/a/}", "closes no"),
            ("/a/{id}}", "closes no"),
            ("/a/{}", "empty"),
        ];
        for (path, problem) in refused {
            let found = template_problem(path).unwrap_or_else(|| panic!("{path} is refused"));
            assert!(found.contains(problem), "{path}: {found}");
        }
    }

    #[test]
    fn a_variable_is_placed_by_its_position_in_the_url() {
        let url_part = |url: &str, name: &str| super::url_part(url, placeholder_positions(url).get(name).copied());
        let url = "http://{user}@{host}.example:{port}/{base}?{q}";
        assert_eq!(url_part(url, "user"), UrlPart::Host);
        assert_eq!(url_part(url, "host"), UrlPart::Host);
        assert_eq!(url_part(url, "port"), UrlPart::Port);
        assert_eq!(url_part(url, "base"), UrlPart::Path);
        assert_eq!(url_part(url, "q"), UrlPart::Path);
        assert_eq!(url_part("https://admin.wickr.{region}.amazonaws.com", "region"), UrlPart::Host);
        assert_eq!(url_part("/{base}/api", "base"), UrlPart::Path);
    }

    /// One scan finds every placeholder where `find("{name}")` would: the first `{` whose
    /// name runs to a `}` with no `{` between.
    #[test]
    fn placeholder_positions_are_where_the_text_has_them() {
        let url = "https://{a}.x/{b}/{{c}}/{a}/{d/{}";
        let positions = placeholder_positions(url);
        for name in ["a", "b", "c", ""] {
            assert_eq!(positions.get(name).copied(), url.find(&format!("{{{name}}}")), "{name}");
        }
        assert_eq!(positions.len(), 4);
        assert_eq!(placeholders(url).collect::<Vec<_>>(), ["a", "b", "c", "a", ""]);
    }
}
