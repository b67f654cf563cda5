//! Operations: names (method, builder, error enum), security, and the parts of each one
//! (parameters, body, responses, paging), each modelled in its own file.

use std::collections::{HashMap, HashSet};

use super::ir::{AuthScheme, Operation, OperationAuth, ParamLocation, Protocol};
use super::naming::{self, STD_METHODS};
use super::servers::{placeholders, template_problem};
use super::Builder;
use crate::diag::join;
use crate::load::spec;
use super::names::{member_name, type_name};
use super::refs::Section;

impl<'a> Builder<'a> {
    /// Every operation, in the order of the spec's paths and of [`spec::METHODS`] within one.
    pub(super) fn operations(&mut self, auth: &[AuthScheme], protocol: Protocol) -> Vec<Operation> {
        let doc = self.doc;
        let mut operations: Vec<Operation> = Vec::new();
        // operationId -> pointer of its first use; method name -> operationId.
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut methods: HashMap<String, String> = HashMap::new();
        let mut op_types: HashMap<String, String> = HashMap::new();
        // Where numbering stopped for each colliding pair of names (see `naming::Numbers`).
        let mut numbers = naming::Numbers::default();
        // The operationIds the spec gives: an id derived for an operation without one keeps
        // off them (and off the ids of the operations before it), so that only a duplicate
        // the spec itself writes is an error (`/jobs` and `/jobs/` both derive `get_jobs`).
        let given: HashSet<&str> = doc
            .paths
            .values()
            .flat_map(|item| [Some(item), self.referenced_item(item).map(|(target, _)| target)])
            .flatten()
            .flat_map(|item| item.operations())
            .filter_map(|(_, op)| op.operation_id.as_deref())
            .collect();
        for (path, item) in &doc.paths {
            let path_pointer = join("/paths", path);
            if let Some(problem) = template_problem(path) {
                let message = format!(
                    "the path `{path}` {problem}: a path is literal text and `{{name}}` \
                     parameters; write a literal brace percent-encoded (`%7B`, `%7D`); \
                     its operations are not generated"
                );
                self.error(&path_pointer, message);
                continue;
            }
            // The path item its `$ref` names (`#/components/pathItems/X`), whose operations
            // and parameters apply here; the item's own beside the `$ref` too, and first.
            let referenced = match &item.reference {
                None => None,
                Some(reference) => {
                    let at = join(&path_pointer, "$ref");
                    match self.component(&doc.components.path_items, reference, Section::PathItems, &at) {
                        Some(target) => Some((target, reference.trim_start_matches('#').to_owned())),
                        None => continue,
                    }
                }
            };
            // Path-level parameters, the referenced item's first (the item's own replace
            // those of the same name and location).
            let mut levels: Vec<(&'a spec::PathItem, String)> = Vec::new();
            levels.extend(referenced.iter().map(|(target, at)| (*target, at.clone())));
            levels.push((item, path_pointer.clone()));
            let mut reached: Vec<(&'static str, &'a spec::Operation, String, bool)> =
                item.operations().map(|(method, op)| (method, op, join(&path_pointer, method), false)).collect();
            if let Some((target, target_pointer)) = &referenced {
                for (method, op) in target.operations() {
                    if item.operations().any(|(own, _)| own == method) {
                        self.warning(
                            &join(&path_pointer, method),
                            format!(
                                "the path item's `$ref` also has a `{method}` operation; this one, the \
                                 path item's own, is generated (OpenAPI leaves the choice undefined)"
                            ),
                        );
                        continue;
                    }
                    reached.push((method, op, join(target_pointer, method), true));
                }
                reached.sort_by_key(|(method, ..)| spec::METHODS.iter().position(|m| m == method));
            }
            for (method, op, pointer, by_reference) in reached {
                let id_pointer = join(&pointer, "operationId");
                let id = match &op.operation_id {
                    // A path item two paths refer to: its operationId names the first
                    // operation reached, the next are named from their method and path.
                    Some(id) if by_reference && ids.contains_key(id) => {
                        let derived = derived_operation_id(method, path);
                        let taken = |c: &str| ids.contains_key(c) || given.contains(c);
                        let renamed = numbers.free(&derived, "_", taken);
                        self.warning(
                            &join(&path_pointer, "$ref"),
                            format!(
                                "the `{method}` operation of the path item this `$ref` names has the \
                                 operationId `{id}`, which it already has at a path before this one: \
                                 here it is `{renamed}` (from its method and path)"
                            ),
                        );
                        renamed
                    }
                    Some(id) => {
                        if let Some(first) = ids.get(id) {
                            let message = format!(
                                "duplicate operationId `{id}` (first used at {first}); \
                                 operationIds must be unique"
                            );
                            self.error(&id_pointer, message);
                            continue;
                        }
                        id.clone()
                    }
                    None => {
                        let derived = derived_operation_id(method, path);
                        let taken = |c: &str| ids.contains_key(c) || given.contains(c);
                        if !taken(&derived) {
                            derived
                        } else {
                            let renamed = numbers.next_free(&derived, "_", taken);
                            let other = ids.get(&derived).map_or_else(
                                || "an operationId the spec gives".to_owned(),
                                |first| format!("that of {first}"),
                            );
                            self.warning(
                                &pointer,
                                format!(
                                    "this operation has no operationId, and the one derived from \
                                     its method and path, `{derived}`, is {other}: it is \
                                     `{renamed}` (give it an operationId to choose)"
                                ),
                            );
                            renamed
                        }
                    }
                };
                ids.insert(id.clone(), pointer.clone());
                let mut method_name = member_name(&id);
                // The client's own methods, and trait method names clippy expects as traits.
                if naming::CLIENT_METHODS.contains(&method_name.as_str()) || STD_METHODS.contains(&method_name.as_str()) {
                    method_name.push_str("_operation");
                }
                // The rename policy for operationIds whose Rust names collide
                // (`GetPlanSummary`, `getPlanSummary`): the first in spec order keeps the
                // names, the next get `_2` / `2`, ... with a warning.
                let mut op_type = type_name(&id);
                if let Some(other) = methods.get(&method_name).or_else(|| op_types.get(&op_type)).cloned() {
                    let (base_method, base_type) = (method_name.clone(), op_type.clone());
                    // One number for both names: `get_plan_summary_2` is `GetPlanSummary2`.
                    let key = format!("{base_method}\0{base_type}");
                    let n = numbers.next_number(&key, |n| {
                        methods.contains_key(&format!("{base_method}_{n}"))
                            || op_types.contains_key(&format!("{base_type}{n}"))
                    });
                    method_name = format!("{base_method}_{n}");
                    op_type = format!("{base_type}{n}");
                    self.warning(
                        &id_pointer,
                        format!(
                            "operationIds `{other}` and `{id}` both become the method \
                             `{base_method}` (type `{base_type}`); `{id}` is `{method_name}` \
                             (`{op_type}`)"
                        ),
                    );
                }
                methods.insert(method_name.clone(), id.clone());
                op_types.insert(op_type.clone(), id.clone());
                let names = OperationNames { id, method_name, type_name: op_type };
                if let Some(op) = self.operation(names, method, path, &levels, op, &pointer, auth, protocol) {
                    operations.push(op);
                }
            }
        }
        name_media_choices(&mut operations);
        operations
    }

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        names: OperationNames,
        method: &str,
        path: &str,
        levels: &[(&'a spec::PathItem, String)],
        op: &'a spec::Operation,
        pointer: &str,
        schemes: &[AuthScheme],
        protocol: Protocol,
    ) -> Option<Operation> {
        let OperationNames { id, method_name, type_name: op_type } = names;
        let errors_before = self.error_count();
        let params = self.params(&op_type, path, levels, op, pointer);
        // A path parameter that could not be modelled (or a placeholder without one) leaves
        // the path unbuildable: the error is reported, and the operation is not generated.
        let path_params: std::collections::HashSet<&str> = params
            .iter()
            .filter(|p| p.location() == ParamLocation::Path)
            .map(|p| p.wire_name.as_str())
            .collect();
        let path_complete = placeholders(path).all(|name| path_params.contains(name));
        if !path_complete {
            if self.error_count() == errors_before {
                self.error(pointer, format!("the path `{path}` cannot be built from the declared parameters"));
            }
            return None;
        }
        let mut body = op
            .request_body
            .as_ref()
            .and_then(|b| self.body(&op_type, b, &join(pointer, "requestBody"), path));
        if let Some(choice) = body.as_mut().and_then(|b| b.media_choice.as_mut()) {
            let taken = |name: &str| params.iter().any(|p| p.rust_name == name);
            choice.setter = naming::first_free(&naming::MEDIA_CHOICE_SETTERS, taken)
                .map_or_else(|| naming::Numbers::default().next_free("content_type", "_", taken), str::to_owned);
        }
        let (success, errors, classification) = self.responses(&op_type, op, pointer, protocol);
        let unknown_variant = naming::first_free(&naming::ERROR_FALLBACKS, |n| errors.iter().any(|e| e.variant == n))
            .unwrap_or(naming::ERROR_FALLBACKS[2])
            .to_owned();
        let security = op.security.as_ref().or(self.doc.security.as_ref());
        let authenticated = security.is_some_and(|reqs| {
            !reqs.is_empty() && reqs.iter().all(|r| !r.is_empty())
        });
        let mut accepted: Vec<String> = Vec::new();
        for key in security.into_iter().flatten().flat_map(|r| r.keys()) {
            if !accepted.contains(key) {
                accepted.push(key.clone());
            }
        }
        for (i, requirement) in security.into_iter().flatten().enumerate() {
            for name in requirement.keys() {
                if !self.doc.components.security_schemes.contains_key(name) {
                    let where_ = match &op.security {
                        Some(_) => join(&join(pointer, "security"), &i.to_string()),
                        None => format!("/security/{i}"),
                    };
                    self.error(
                        &where_,
                        format!("security requirement `{name}` names no security scheme"),
                    );
                }
            }
        }
        let paging = op
            .x_pagination
            .as_ref()
            .and_then(|p| self.paging(p, &params, &success, &join(pointer, crate::extensions::X_AWS_PAGINATION)));
        let doc = match (&op.summary, &op.description) {
            (Some(s), Some(d)) if s.trim() != d.trim() => Some(format!("{s}\n\n{d}")),
            (Some(s), _) => Some(s.clone()),
            (None, d) => d.clone(),
        };
        Some(Operation {
            id,
            method_name,
            error_name: naming::error_type(&op_type),
            // Decided with the other operations in view, by `passes::error_sets`.
            error_set: 0,
            type_name: op_type,
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            // A fragment is never part of a request (RFC 3986, 3.5; HTTP clients drop it, and
            // the query after it with it): converters write one to tell apart operations on
            // the same path (aws2openapi's `/#Action=DescribeInstances`, whose `Action` is a
            // query parameter too). One holding a placeholder is left as it is.
            request_path: path.split_once('#').filter(|(_, fragment)| !fragment.contains('{')).map_or(path, |(before, _)| before).to_owned(),
            doc,
            deprecated: op.deprecated,
            tags: op.tags.clone(),
            params,
            body,
            success,
            errors,
            classification,
            unknown_variant,
            auth: operation_auth(authenticated, &accepted, schemes),
            paging,
        })
    }
}

impl<'a> Builder<'a> {
    /// The path item a path item's `$ref` names, with its pointer, if it resolves (the
    /// model reports it where it reads the paths).
    fn referenced_item(&self, item: &spec::PathItem) -> Option<(&'a spec::PathItem, String)> {
        let reference = item.reference.as_deref()?;
        let key = super::refs::key_in(reference, Section::PathItems)?;
        let target = self.doc.components.path_items.get(&key)?;
        Some((target, reference.trim_start_matches('#').to_owned()))
    }
}

/// The enums of the operations' media choices (`ir::MediaChoice`), in the `builders` module
/// beside the request builders: `{Operation}ContentType`, numbered when a builder or another
/// enum has the name.
fn name_media_choices(operations: &mut [Operation]) {
    let mut ns = naming::Namespace::default();
    for op in operations.iter() {
        ns.insert(op.type_name.clone());
    }
    for op in operations.iter_mut() {
        if let Some(choice) = op.body.as_mut().and_then(|b| b.media_choice.as_mut()) {
            choice.enum_name = ns.claim(&naming::media_choice_enum(&op.type_name), "");
        }
    }
}

/// The names of an operation, decided with the others' in view.
struct OperationNames {
    id: String,
    method_name: String,
    type_name: String,
}

/// What an operation sends of the configured credentials: none when it needs no
/// authentication; all when it accepts every scheme of the API; else only those of the
/// schemes it names (in its order), so that a credential configured for one scheme is not
/// sent where another is asked.
fn operation_auth(authenticated: bool, accepted: &[String], schemes: &[AuthScheme]) -> OperationAuth {
    if !authenticated {
        return OperationAuth::None;
    }
    if accepted.is_empty() || schemes.iter().all(|s| accepted.iter().any(|k| k == s.key())) {
        return OperationAuth::All;
    }
    let credentials = accepted
        .iter()
        .filter_map(|key| schemes.iter().find(|s| s.key() == key))
        .map(AuthScheme::credential)
        .collect();
    OperationAuth::Only(credentials)
}

/// An operationId for an operation without one: method and path, e.g.
/// `get /V4/UserGroup/{userGroupId}` -> `get_V4_UserGroup_by_userGroupId`.
fn derived_operation_id(method: &str, path: &str) -> String {
    let mut id = method.to_owned();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        id.push('_');
        match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => {
                id.push_str("by_");
                id.push_str(param);
            }
            None => id.push_str(segment),
        }
    }
    id
}
