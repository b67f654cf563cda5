//! One error enum for the operations that document the same errors.
//!
//! Operations of one API often document the very same errors (Wickr: 42 of its 44 the same
//! seven). Each distinct set of errors (the same variants with the same statuses, codes, body
//! types and docs, the same classification and catch-all) becomes one enum; each operation's
//! error name is then that enum itself, or an alias of it (`pub type GetBotError =
//! BadRequestUnauthorizedAnd5MoreErrors;`), so callers still name and match every operation's
//! errors by the operation's name.
//!
//! Names: a set used by one operation is its own error enum (`GetBotError`). A set used by
//! several is named after its documented variants (each without a trailing `Error`) and
//! `Errors`: `NotFoundErrors`, `GenericRespNotFoundErrors`; with more than three variants, the
//! first two and how many more (`BadRequestUnauthorizedAnd5MoreErrors`); with none,
//! `UndocumentedErrors`. These end in `Errors` (or `Errors2`, ... when two sets would share a
//! name, numbered in operation order), so they never meet an operation's name (`...Error`) or
//! the crate-level `Error`.

use std::collections::HashMap;

use super::super::ir::{Api, Classification, ErrorCase, ErrorSet};
use super::super::naming::Namespace;

/// Groups the operations by their errors (one hash lookup each) and names each group. Run
/// again when operations are left out (`Config::operations`), so that the groups and their
/// names are those of the operations kept.
pub(crate) fn share(api: &mut Api) {
    let mut by_errors: HashMap<(&[ErrorCase], &Classification, &str), usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut set_of = Vec::with_capacity(api.operations.len());
    for (i, op) in api.operations.iter().enumerate() {
        let key = (op.errors.as_slice(), &op.classification, op.unknown_variant.as_str());
        let set = *by_errors.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[set].push(i);
        set_of.push(set);
    }
    let mut shared_names = Namespace::default();
    let sets = groups
        .into_iter()
        .map(|operations| {
            let first = &api.operations[operations[0]];
            let name = match operations.len() {
                1 => first.error_name.clone(),
                _ => shared_names.claim(&shared_name(&first.errors), ""),
            };
            ErrorSet { name, operations }
        })
        .collect();
    for (op, set) in api.operations.iter_mut().zip(set_of) {
        op.error_set = set;
    }
    api.error_sets = sets;
}

/// The name of a set several operations use, from its variants (see the module's docs).
fn shared_name(errors: &[ErrorCase]) -> String {
    let short = |e: &ErrorCase| -> String {
        let v = e.variant.as_str();
        v.strip_suffix("Error").filter(|s| !s.is_empty()).unwrap_or(v).to_owned()
    };
    let mut name: String = match errors.len() {
        0 => "Undocumented".to_owned(),
        1..=3 => errors.iter().map(short).collect(),
        n => format!("{}{}And{}More", short(&errors[0]), short(&errors[1]), n - 2),
    };
    name.push_str("Errors");
    name
}

#[cfg(test)]
mod tests {
    use super::super::super::ir::{Api, Gate};

    fn api(spec: &str) -> Api {
        crate::model::model_str("e", spec)
    }

    fn set_of<'a>(api: &'a Api, error_name: &str) -> &'a super::ErrorSet {
        let op = api.operations.iter().find(|op| op.error_name == error_name).expect("the operation");
        &api.error_sets[op.error_set]
    }

    /// Equal errors share an enum named after its variants, gated on its users' features;
    /// a doc or a status that differs makes another; one user keeps its own name.
    #[test]
    fn operations_documenting_the_same_errors_share_one_enum() {
        let api = api(r#"
openapi: 3.0.3
info: {title: E, version: '1'}
paths:
  /a:
    get: {operationId: getA, tags: [A], responses: {'200': {description: ok}, '404': {description: gone}}}
    put: {operationId: putA, tags: [B], responses: {'200': {description: ok}, '404': {description: gone}}}
    post: {operationId: postA, tags: [A], responses: {'200': {description: ok}, '404': {description: not here}}}
    delete: {operationId: deleteA, tags: [C], responses: {'200': {description: ok}, '410': {description: gone}}}
  /b:
    get: {operationId: getB, tags: [C], responses: {'200': {description: ok}}}
    put: {operationId: putB, tags: [C], responses: {'200': {description: ok}}}
    post: {operationId: postB, tags: [C], responses: {'200': {description: ok}, '400': {description: x}, '401': {description: x}, '403': {description: x}, '404': {description: x}}}
    delete: {operationId: deleteB, tags: [A], responses: {'200': {description: ok}, '400': {description: x}, '401': {description: x}, '403': {description: x}, '404': {description: x}}}
"#);
        let names: Vec<(&str, usize)> = api.error_sets.iter().map(|s| (s.name.as_str(), s.operations.len())).collect();
        assert_eq!(
            names,
            [("NotFoundErrors", 2), ("PostAError", 1), ("DeleteAError", 1), ("UndocumentedErrors", 2), ("BadRequestUnauthorizedAnd2MoreErrors", 2)]
        );
        let shared = set_of(&api, "PutAError");
        assert_eq!(shared.name, "NotFoundErrors");
        assert_eq!(api.set_errors(shared).error_name, "GetAError");
        assert_eq!(api.error_set_gate(shared), Gate::Features(vec!["a".into(), "b".into()]));
        // One user: its own name and gate.
        let own = set_of(&api, "PostAError");
        assert_eq!(api.error_set_gate(own), api.operation_gate(api.set_errors(own)));
        // Every operation's set has it among its users.
        for (i, op) in api.operations.iter().enumerate() {
            assert!(api.error_sets[op.error_set].operations.contains(&i), "{}", op.id);
        }
    }
}
