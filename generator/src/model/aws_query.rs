//! The AWS query protocols of specs converted from the AWS model: which one an API speaks,
//! and how its members and parameters are named on the wire.
//!
//! The rule, decided once here from what the spec says (aws2openapi's markers):
//! - an API is an AWS query API when `info.x-providerName` is `amazonaws.com` and one of its
//!   paths starts with `/#Action=` (aws2openapi writes the `query` and `ec2` protocols'
//!   operations so; `json` ones are `/#X-Amz-Target=...`, `rest-*` ones real paths);
//! - it is `ec2Query` when `info.x-serviceName` is `ec2` (EC2 is the one service of the AWS
//!   model with the `ec2` protocol), `awsQuery` otherwise.
//!
//! Any other spec is unaffected. In an AWS query API, every struct member gets its
//! [`QueryNames`]: its key (the `xml.name` beside its `$ref`, else its name; for `ec2Query`
//! with the first letter upper case, the Smithy spec's "query key resolution") and the
//! member name of each list it holds (the `xml.name` of the list's `items`, else `member`).
//! A query parameter that is a list or an object gets its names the same way, its key being
//! its own name. The runtime's `aws_query` writes them (its documentation cites the rules).

use super::ir::{AwsQuery, QueryNames};
use super::Builder;
use crate::load::spec::{OpenApi, Schema};

/// The AWS query protocol `doc` speaks, if it is an AWS query API (see the module's rule).
pub(super) fn protocol(doc: &OpenApi) -> Option<AwsQuery> {
    let info = &doc.info;
    if info.x_provider_name.as_deref() != Some("amazonaws.com") || !doc.paths.keys().any(|p| p.starts_with("/#Action=")) {
        return None;
    }
    Some(if info.x_service_name.as_deref() == Some("ec2") { AwsQuery::Ec2 } else { AwsQuery::Query })
}

/// How far `$ref`s and nested lists are followed: a list of lists is rare and short; a
/// longer chain (or a cycle of aliases, which the model reports) stops with the default.
const MAX_STEPS: usize = 8;

impl<'a> Builder<'a> {
    /// A struct member's names, from its property schema; `None` outside an AWS query API.
    pub(super) fn member_query_names(&self, wire: &str, prop: &Schema) -> Option<QueryNames> {
        let protocol = self.aws_query?;
        let key = match (xml_name(prop), protocol) {
            (Some(name), AwsQuery::Query) => name.to_owned(),
            (None, AwsQuery::Query) => wire.to_owned(),
            (Some(name), AwsQuery::Ec2) => capitalised(name),
            (None, AwsQuery::Ec2) => capitalised(wire),
        };
        Some(QueryNames { key, members: self.list_members(prop) })
    }

    /// A query parameter's names: its own name, and its lists' member names.
    pub(super) fn param_query_names(&self, wire: &str, schema: &Schema) -> QueryNames {
        QueryNames { key: wire.to_owned(), members: self.list_members(schema) }
    }

    /// The member name of each list level of `schema`, outermost first.
    fn list_members(&self, schema: &Schema) -> Vec<String> {
        let mut members = Vec::new();
        let mut at = schema;
        while members.len() < MAX_STEPS {
            let Some(items) = self.list_items(at) else { break };
            members.push(xml_name(items).unwrap_or("member").to_owned());
            at = items;
        }
        members
    }

    /// The `items` of the list `schema` is: its own, or those of the schema its `$ref` (or
    /// the `$ref` an annotated `allOf` documents) leads to.
    fn list_items<'s>(&self, schema: &'s Schema) -> Option<&'s Schema>
    where
        'a: 's,
    {
        let mut at = schema;
        for _ in 0..MAX_STEPS {
            if let Some(items) = &at.items {
                return Some(items);
            }
            at = match (self.schema_target(at), self.all_of_core(at)) {
                (Some(target), _) => target,
                (None, Some(core)) => at.all_of.as_deref()?.get(core)?,
                (None, None) => return None,
            };
        }
        None
    }
}

/// The `xml.name` a schema gives, or one of its annotating `allOf` members (aws2openapi writes
/// `allOf: [{$ref: ..}, {xml: {name: Value}}]`).
fn xml_name(schema: &Schema) -> Option<&str> {
    schema.xml.as_ref().and_then(|x| x.name.as_deref()).or_else(|| {
        schema
            .all_of
            .iter()
            .flatten()
            .filter(|m| super::schemas::is_annotation(m))
            .find_map(|m| m.xml.as_ref()?.name.as_deref())
    })
}

/// `name` with its first letter upper case (`ec2Query` keys: `dryRun` -> `DryRun`).
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::ir::{AwsQuery, QueryNames, TypeKind};
    use crate::model::model_str;

    const SPEC: &str = "openapi: 3.0.0
info: {title: t, version: '1', x-providerName: amazonaws.com, x-serviceName: SERVICE}
paths:
  /#Action=Describe:
    get:
      parameters:
        - {name: Filter, in: query, schema: {type: array, items: {allOf: [{$ref: '#/components/schemas/Filter'}, {xml: {name: Filter}}]}}}
      responses: {'200': {description: ok}}
components:
  schemas:
    Filter:
      type: object
      properties:
        Name: {type: string}
        Values: {allOf: [{$ref: '#/components/schemas/Values'}, {xml: {name: value}}]}
    Values: {type: array, items: {allOf: [{type: string}, {xml: {name: item}}]}}
";

    fn names(service: &str) -> (Option<AwsQuery>, Option<QueryNames>, Vec<Option<QueryNames>>) {
        let api = model_str("aws", &SPEC.replace("SERVICE", service));
        let param = api.operations[0].params[0].aws_query.clone();
        let filter = api.types.iter().find(|t| t.name == "Filter").map(|t| &t.kind);
        let members = match filter {
            Some(TypeKind::Struct(fields)) => fields.iter().map(|f| f.query.clone()).collect(),
            _ => Vec::new(),
        };
        (api.aws_query, param, members)
    }

    fn q(key: &str, members: &[&str]) -> Option<QueryNames> {
        Some(QueryNames { key: key.into(), members: members.iter().map(|m| m.to_string()).collect() })
    }

    #[test]
    fn ec2_keys_are_capitalised_xml_names() {
        let (protocol, param, members) = names("ec2");
        assert_eq!(protocol, Some(AwsQuery::Ec2));
        assert_eq!(param, q("Filter", &["Filter"]));
        assert_eq!(members, vec![q("Name", &[]), q("Value", &["item"])]);
    }

    #[test]
    fn query_keys_are_xml_names_as_written() {
        let (protocol, param, members) = names("rds");
        assert_eq!(protocol, Some(AwsQuery::Query));
        assert_eq!(param, q("Filter", &["Filter"]));
        assert_eq!(members, vec![q("Name", &[]), q("value", &["item"])]);
    }

    #[test]
    fn other_specs_are_unaffected() {
        let api = model_str("aws", &SPEC.replace("x-providerName: amazonaws.com", "x-providerName: example.com"));
        assert_eq!(api.aws_query, None);
        assert_eq!(api.operations[0].params[0].aws_query, None);
        let api = model_str("aws", &SPEC.replace("/#Action=Describe", "/describe"));
        assert_eq!(api.aws_query, None);
    }
}
