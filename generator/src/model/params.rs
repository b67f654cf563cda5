//! Parameters: path, query, header and cookie, with their styles.

use std::collections::{HashMap, HashSet};

use super::ir::{Param, ParamLocation, Place, QueryStyle, StyleName, Styled, TypeKind, TypeRef};
use super::naming::{self, REQUEST_BUILDER_MEMBERS, STD_METHODS};
use super::refs::Section;
use super::servers::placeholders;
use super::Builder;
use crate::diag::{join, Severity};
use crate::load::spec;
use super::names::{member_name, type_name};

impl<'a> Builder<'a> {
    pub(super) fn params(
        &mut self,
        op_type: &str,
        path: &str,
        levels: &[(&'a spec::PathItem, String)],
        op: &'a spec::Operation,
        pointer: &str,
    ) -> Vec<Param> {
        // Path-level parameters first (of each path item in `levels`, by its pointer: a
        // path item's `$ref` target, then the item itself); an operation's own parameter of
        // the same name and location replaces one.
        let mut declared: Vec<(&spec::Parameter, String)> = Vec::new();
        let resolve = |b: &mut Self, param: &'a spec::Parameter, at: String| {
            b.resolve_param(param, &at).map(|p| (p, at))
        };
        let mut from_path = Vec::new();
        let mut path_level = 0;
        for (item, path_pointer) in levels {
            path_level += item.parameters.len();
            for (i, p) in item.parameters.iter().enumerate() {
                from_path.extend(resolve(self, p, format!("{path_pointer}/parameters/{i}")));
            }
        }
        let from_op: Vec<_> = op
            .parameters
            .iter()
            .enumerate()
            .filter_map(|(i, p)| resolve(self, p, format!("{pointer}/parameters/{i}")))
            .collect();
        let unresolved = path_level - from_path.len() + op.parameters.len() - from_op.len();
        // A later parameter of the same name and location replaces an earlier one, and
        // takes its place at the end: the last of each, in order (a map, not a scan per
        // parameter).
        let all: Vec<_> = from_path.into_iter().chain(from_op).collect();
        let mut last: HashMap<(&Option<String>, &Option<String>), usize> = HashMap::new();
        for (i, (p, _)) in all.iter().enumerate() {
            last.insert((&p.name, &p.location), i);
        }
        for (i, (p, at)) in all.iter().enumerate() {
            if last[&(&p.name, &p.location)] == i {
                declared.push((p, at.clone()));
            }
        }

        // Path parameters that are declared, even if they fail below: a placeholder without
        // one is a separate error, not a consequence of theirs.
        let declared_path: Vec<String> = declared
            .iter()
            .filter(|(p, _)| p.location.as_deref() == Some("path"))
            .filter_map(|(p, _)| p.name.clone())
            .collect();
        let mut params: Vec<Param> = Vec::new();
        // Rust name -> the wire name of the parameter that has it, and where the rename
        // policy stopped numbering each name (see `naming::Numbers`).
        let mut names: HashMap<String, String> = HashMap::new();
        let mut numbers = naming::Numbers::default();
        let in_path: HashSet<&str> = placeholders(path).collect();
        for (p, at) in declared {
            let (Some(wire), Some(location)) = (&p.name, &p.location) else {
                self.error(&at, "a parameter needs `name` and `in`".into());
                continue;
            };
            // Notion's spec has a header `name: ""`: no name to send it by (and it would
            // become some Rust name and pass unnoticed in a query).
            if wire.is_empty() {
                self.error(&join(&at, "name"), "a parameter needs a name: `name` is the empty string".into());
                continue;
            }
            let location = match location.as_str() {
                "path" => ParamLocation::Path,
                "query" => ParamLocation::Query,
                "header" => ParamLocation::Header,
                "cookie" => ParamLocation::Cookie,
                other => {
                    self.warning(
                        &join(&at, "in"),
                        format!(
                            "parameters in `{other}` are not supported yet; `{wire}` is not sent"
                        ),
                    );
                    continue;
                }
            };
            if location == ParamLocation::Path && !in_path.contains(wire.as_str()) {
                self.error(
                    &at,
                    format!("path parameter `{wire}` does not appear in the path `{path}`"),
                );
                continue;
            }
            let mut rust_name = member_name(wire);
            // The request builder's own members and the locals of its `send()` (a path
            // segment's local ends in `_segment`), and trait method names (clippy's
            // `should_implement_trait`).
            if REQUEST_BUILDER_MEMBERS.contains(&rust_name.as_str())
                || STD_METHODS.contains(&rust_name.as_str())
                || rust_name.ends_with("_segment")
            {
                rust_name.push_str("_param");
            }
            if let Some(other) = names.get(&rust_name) {
                // The rename policy: the first keeps the name, the next get `_2`, `_3`, ...
                let other = other.clone();
                let base = rust_name.clone();
                rust_name = numbers.next_free(&base, "_", |n| names.contains_key(n));
                self.warning(
                    &at,
                    format!("parameters `{other}` and `{wire}` both become `{base}`; `{wire}` is `{rust_name}`"),
                );
            }
            if location == ParamLocation::Header && !is_header_name(wire) {
                self.error(&at, format!("`{wire}` is not a valid HTTP header name"));
                continue;
            }
            let hint = format!("{op_type}{}", type_name(wire));
            let errors_before = self.diagnostics.len();
            // `schema`, or `content` with one media type and its schema (JSON: the value is
            // sent as its JSON text, whatever the location).
            let (schema, schema_at, json_content) = match (&p.schema, p.content.iter().next()) {
                (Some(schema), _) => (Some(schema), join(&at, "schema"), false),
                (None, Some((media, content))) => {
                    let here = join(&join(&at, "content"), media);
                    let json = is_json_media(media);
                    if !json {
                        self.warning(
                            &here,
                            format!("parameter `{wire}` in `{media}`: only JSON content is written as such; its value is written in its location's style, as with `schema`"),
                        );
                    }
                    (content.schema.as_ref(), join(&here, "schema"), json)
                }
                (None, None) => (None, join(&at, "schema"), false),
            };
            let ty = match schema {
                Some(schema) => self.type_of(schema, &schema_at, &hint),
                None if json_content => TypeRef::Json,
                None => {
                    self.warning(&at, format!("parameter `{wire}` has no schema; it is a string"));
                    TypeRef::String
                }
            };
            let schema_failed = self.diagnostics[errors_before..]
                .iter()
                .any(|d| d.severity == Severity::Error);
            if schema_failed {
                continue;
            }
            // A list or an object in the query of an AWS query operation: the protocol's own
            // spelling (`Filter.1.Name=x`), which no OpenAPI style writes.
            let aws_query = schema
                .filter(|_| location == ParamLocation::Query && path.starts_with("/#Action=") && !json_content)
                .filter(|_| self.aws_query.is_some() && self.nests_in_query(&ty))
                .map(|schema| self.param_query_names(wire, schema));
            let (style, styled, json) = if json_content {
                (QueryStyle::Form { explode: true }, None, true)
            } else if aws_query.is_some() {
                (QueryStyle::Form { explode: true }, None, false)
            } else {
                self.param_style(location, p, &ty, wire, &at)
            };
            if p.x_idempotency_token && ty != TypeRef::String {
                self.error(
                    &at,
                    format!("idempotency token `{wire}` must be a string parameter"),
                );
                continue;
            }
            let place = match location {
                ParamLocation::Path => Place::Path { segment: naming::segment_local(&rust_name) },
                ParamLocation::Query => Place::Query(style),
                ParamLocation::Header => Place::Header { name: wire.to_ascii_lowercase() },
                ParamLocation::Cookie => Place::Cookie,
            };
            names.insert(rust_name.clone(), wire.clone());
            params.push(Param {
                wire_name: wire.clone(),
                rust_name,
                place,
                ty,
                required: p.required || location == ParamLocation::Path,
                sensitive: p.schema.as_ref().is_some_and(|s| self.is_sensitive(s)),
                idempotency_token: p.x_idempotency_token,
                sole_value: None,
                styled,
                json,
                aws_query,
                doc: p.description.clone(),
            });
        }
        let declared_path: HashSet<String> = declared_path.into_iter().collect();
        for name in placeholders(path) {
            let declared = declared_path.contains(name);
            // A `$ref` that did not resolve may have been this parameter: already reported.
            if !declared && unresolved == 0 {
                self.error(
                    pointer,
                    format!("the path uses `{{{name}}}` but the operation declares no such path parameter"),
                );
            }
        }
        params
    }

    /// How the parameter is written: the query style of the plain encoders, `Some` style
    /// when the runtime's `style` module writes it (see [`Param::styled`]), and `true` when
    /// no style can write it: it is sent as its JSON text (see [`Param::json`]), with a
    /// warning.
    fn param_style(
        &mut self,
        location: ParamLocation,
        p: &spec::Parameter,
        ty: &TypeRef,
        wire: &str,
        at: &str,
    ) -> (QueryStyle, Option<Styled>, bool) {
        // The location's default style, and the styles it allows (OpenAPI 3.x, 4.8.12.4).
        let (default, allowed): (StyleName, &[StyleName]) = match location {
            ParamLocation::Path => (StyleName::Simple, &[StyleName::Simple, StyleName::Label, StyleName::Matrix]),
            ParamLocation::Query => (
                StyleName::Form,
                &[StyleName::Form, StyleName::SpaceDelimited, StyleName::PipeDelimited, StyleName::DeepObject],
            ),
            ParamLocation::Header => (StyleName::Simple, &[StyleName::Simple]),
            ParamLocation::Cookie => (StyleName::Form, &[StyleName::Form]),
        };
        let style = match p.style.as_deref() {
            None => default,
            Some(name) => match style_name(name).filter(|s| allowed.contains(s)) {
                Some(style) => style,
                None => {
                    self.warning(
                        &join(at, "style"),
                        format!("style `{name}` is not one of a {location:?} parameter's; `{wire}` is sent in the default style"),
                    );
                    default
                }
            },
        };
        // `explode` defaults to true for `form`, false for the others.
        let explode = p.explode.unwrap_or(style == StyleName::Form);
        let query_style = match style {
            StyleName::DeepObject => QueryStyle::DeepObject,
            _ => QueryStyle::Form { explode },
        };
        let scalar = self.is_scalar(ty);
        // A `oneOf` (`page=2` or `page[size]=30`) or a schemaless value: its shape is known
        // only at run time, where the runtime refuses one its style cannot send.
        let dynamic = *ty == TypeRef::Json
            || matches!(self.unalias(ty), TypeRef::Named(id)
                if matches!(self.defined(*id).map(|t| &t.kind), Some(TypeKind::Union(_))));
        // What the plain encoders already write as the spec says.
        let plain = match (location, style, ty) {
            (_, StyleName::DeepObject, ty) => self.is_object(ty) || dynamic,
            (ParamLocation::Query, StyleName::Form | StyleName::SpaceDelimited | StyleName::PipeDelimited, _)
                if scalar => true,
            (_, style, _) if scalar => style == default,
            (ParamLocation::Query, StyleName::Form, TypeRef::List(item)) => self.is_scalar(item),
            _ => false,
        };
        if plain {
            return (query_style, None, false);
        }
        // The runtime's styles write scalars, lists of them and objects of them (an object
        // member that is a list or an object is an error when sending, naming it).
        let styleable = scalar
            || dynamic
            || self.is_object(ty)
            || matches!(self.unalias(ty), TypeRef::List(item) if self.is_scalar(item.as_ref()) || self.is_scalar_union(item.as_ref()));
        if styleable && style != StyleName::DeepObject {
            return (query_style, Some(Styled { style, explode }), false);
        }
        // OpenAPI's styles have no spelling for it (a list of lists or of objects, as the AWS
        // query protocol's `TagSpecification.1.Key`): its JSON text is what a parameter with
        // `content: application/json` sends, one value, readable by any server that parses
        // JSON; leaving it out would make the operation unusable (a path cannot lack it).
        let message = format!(
            "parameter `{wire}`: a {} in style `{}` has no spelling in OpenAPI's styles (scalars, \
             lists of scalars and objects have; `deepObject` takes an object); it is sent as its \
             JSON text, as with `content: application/json`",
            if self.is_object(ty) { "object" } else if matches!(self.unalias(ty), TypeRef::List(_)) { "list of non-scalars" } else { "value" },
            p.style.as_deref().unwrap_or("default"),
        );
        self.warning(&join(at, "schema"), message);
        (query_style, None, true)
    }

    /// A list, a map or an object: what the AWS query protocols spell as several keys.
    fn nests_in_query(&self, ty: &TypeRef) -> bool {
        matches!(self.unalias(ty), TypeRef::List(_) | TypeRef::Map(_)) || self.is_object(ty)
    }

    fn resolve_param<'p>(
        &mut self,
        param: &'p spec::Parameter,
        pointer: &str,
    ) -> Option<&'p spec::Parameter>
    where
        'a: 'p,
    {
        let Some(reference) = &param.reference else {
            return Some(param);
        };
        let doc = self.doc;
        self.component(&doc.components.parameters, reference, Section::Parameters, &join(pointer, "$ref"))
    }
}

/// A JSON media type (`application/json`, `application/*+json`).
fn is_json_media(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

pub(super) fn style_name(name: &str) -> Option<StyleName> {
    Some(match name {
        "simple" => StyleName::Simple,
        "label" => StyleName::Label,
        "matrix" => StyleName::Matrix,
        "form" => StyleName::Form,
        "spaceDelimited" => StyleName::SpaceDelimited,
        "pipeDelimited" => StyleName::PipeDelimited,
        "deepObject" => StyleName::DeepObject,
        _ => return None,
    })
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
