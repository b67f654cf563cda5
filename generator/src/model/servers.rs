//! The server URL and its variables (setters of the client builder).

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
            let part = url_part(&first.url, wire);
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
            variables.push(ServerVariable {
                wire_name: wire.clone(),
                rust_name,
                default: var.default.clone(),
                doc: var.description.clone(),
                allowed: var.allowed.clone().unwrap_or_default(),
                part,
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

/// Where `{variable}` first sits in the server URL `template`: in the authority (between
/// `://` and the next `/`, `?` or `#`), after its last `:` is the port and before it the host
/// (or user info, as strict); anything else, a relative URL included, is the path.
fn url_part(template: &str, variable: &str) -> UrlPart {
    let placeholder = format!("{{{variable}}}");
    let Some(at) = template.find(&placeholder) else {
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
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
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
        let url = "http://{user}@{host}.example:{port}/{base}?{q}";
        assert_eq!(url_part(url, "user"), UrlPart::Host);
        assert_eq!(url_part(url, "host"), UrlPart::Host);
        assert_eq!(url_part(url, "port"), UrlPart::Port);
        assert_eq!(url_part(url, "base"), UrlPart::Path);
        assert_eq!(url_part(url, "q"), UrlPart::Path);
        assert_eq!(url_part("https://admin.wickr.{region}.amazonaws.com", "region"), UrlPart::Host);
        assert_eq!(url_part("/{base}/api", "base"), UrlPart::Path);
    }
}
