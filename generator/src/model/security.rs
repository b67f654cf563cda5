//! Security schemes: API keys, HTTP basic and bearer, OAuth2 / OpenID Connect tokens, SigV4.

use std::collections::HashSet;

use super::docs::append;
use super::ir::{AuthScheme, ParamLocation, Server};
use super::naming::{first_free, BUILDER_SETTERS};
use super::Builder;
use crate::diag::join;
use crate::extensions;
use super::names::member_name;

impl<'a> Builder<'a> {
    /// The security schemes the client can send credentials for, each with its setter.
    pub(super) fn auth(&mut self, server: Option<&Server>) -> Vec<AuthScheme> {
        let mut schemes = Vec::new();
        // The builder setters taken so far (its own, the server variables', the schemes'),
        // in one set: a scan of them all per scheme would be quadratic.
        let mut setters: HashSet<String> = server
            .into_iter()
            .flat_map(|s| &s.variables)
            .map(|v| v.rust_name.clone())
            .collect();
        for (key, scheme) in &self.doc.components.security_schemes {
            let pointer = join("/components/securitySchemes", key);
            if let Some(sigv4) = &scheme.x_aws_sigv4 {
                let region_variable = match &sigv4.region_variable {
                    None => None,
                    Some(wire) => {
                        let var = server.and_then(|s| s.variables.iter().find(|v| &v.wire_name == wire));
                        match var {
                            Some(v) => Some(v.rust_name.clone()),
                            None => {
                                let at = join(&join(&pointer, extensions::X_AWS_SIGV4), extensions::REGION_VARIABLE);
                                self.error(
                                    &at,
                                    format!("`regionVariable` names `{wire}`, which is not a variable of the first server"),
                                );
                                None
                            }
                        }
                    }
                };
                schemes.push(AuthScheme::SigV4 {
                    key: key.clone(),
                    signing_name: sigv4.signing_name.clone(),
                    region_variable,
                    doc: scheme.description.clone(),
                });
                continue;
            }
            let scheme_setter = |setters: &HashSet<String>, wanted: String| -> Option<String> {
                let taken = |name: &str| BUILDER_SETTERS.contains(&name) || setters.contains(name);
                let candidates = [wanted.clone(), format!("{wanted}_key"), format!("{wanted}_auth")];
                let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
                first_free(&candidates, taken).map(str::to_owned)
            };
            let kind = scheme.kind.as_str();
            let http_scheme = scheme.scheme.as_deref().map(str::to_ascii_lowercase);
            let made = match (kind, scheme.location.as_deref(), &scheme.name) {
                ("apiKey", Some(location @ ("header" | "query" | "cookie")), Some(name)) => {
                    let location = match location {
                        "header" => ParamLocation::Header,
                        "query" => ParamLocation::Query,
                        _ => ParamLocation::Cookie,
                    };
                    scheme_setter(&setters, member_name(key)).map(|setter| AuthScheme::ApiKey {
                        key: key.clone(),
                        setter,
                        location,
                        parameter: name.clone(),
                        doc: scheme.description.clone(),
                    })
                }
                ("apiKey", _, None) => {
                    self.error(&pointer, "an apiKey security scheme needs a `name`".into());
                    continue;
                }
                ("http", _, _) if http_scheme.as_deref() == Some("basic") => {
                    scheme_setter(&setters, member_name(key)).map(|setter| AuthScheme::Basic {
                        key: key.clone(),
                        setter,
                        doc: scheme.description.clone(),
                    })
                }
                ("http", _, _) if http_scheme.as_deref() == Some("bearer") => {
                    scheme_setter(&setters, member_name(key)).map(|setter| AuthScheme::Bearer {
                        key: key.clone(),
                        setter,
                        doc: scheme.description.clone(),
                    })
                }
                // The client does not run OAuth2 flows: the caller brings the access token.
                ("oauth2" | "openIdConnect", _, _) => {
                    scheme_setter(&setters, member_name(key)).map(|setter| AuthScheme::Bearer {
                        key: key.clone(),
                        setter,
                        doc: Some(append(
                            scheme.description.clone(),
                            "Takes an access token obtained through the scheme's flow (the client does not run the flow).",
                        )),
                    })
                }
                (kind, location, _) => {
                    let what = match (location, &http_scheme) {
                        (Some(l), _) => format!("{kind} in {l}"),
                        (None, Some(s)) => format!("{kind} {s}"),
                        (None, None) => kind.to_owned(),
                    };
                    self.warning(
                        &pointer,
                        format!(
                            "security scheme type `{what}` is not supported yet; the client \
                             sends no credentials for it"
                        ),
                    );
                    continue;
                }
            };
            match made {
                Some(made) => {
                    if let AuthScheme::ApiKey { setter, .. } | AuthScheme::Basic { setter, .. } | AuthScheme::Bearer { setter, .. } = &made {
                        setters.insert(setter.clone());
                    }
                    schemes.push(made);
                }
                None => self.error(&pointer, format!("security scheme `{key}` needs a setter name that is taken; rename it")),
            }
        }
        schemes
    }
}
