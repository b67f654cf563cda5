//! The OpenAPI document as typed Rust: what the load stage produces.
//!
//! Only the parts the generator reads are modelled; everything else is ignored. Objects that
//! may be a `$ref` carry an optional `reference` beside their own fields instead of being an
//! untagged enum: serde then reports type errors with the YAML line, and the model stage
//! resolves references with a JSON pointer it can locate.

use indexmap::IndexMap;
use serde::Deserialize;

use super::numbers::{self, Number};

/// A whole OpenAPI 3.0 / 3.1 document.
#[derive(Debug, Deserialize)]
pub struct OpenApi {
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    pub openapi: String,
    pub info: Info,
    #[serde(default)]
    pub servers: Vec<Server>,
    /// The path items; `x-` keys beside them (extensions, which `paths` may have) are skipped.
    #[serde(default, deserialize_with = "paths_without_extensions")]
    pub paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub components: Components,
    #[serde(default)]
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    /// Our extension: `rest-json` makes error responses identified as AWS does (see README).
    #[serde(rename = "x-aws-protocol")]
    pub x_aws_protocol: Option<String>,
    /// Where the API is documented: the crate's homepage when `info.contact` has no URL.
    #[serde(rename = "externalDocs")]
    pub external_docs: Option<ExternalDocs>,
}

#[derive(Debug, Deserialize)]
pub struct Info {
    pub title: String,
    pub version: String,
    /// 3.1: a short summary, the crate's description when given.
    pub summary: Option<String>,
    pub description: Option<String>,
    pub license: Option<License>,
    pub contact: Option<Contact>,
    /// Our extension: the generated crate's version when `info.version` (the API's version,
    /// often a date) is not the one to publish the crate under.
    #[serde(rename = "x-crate-version")]
    pub x_crate_version: Option<String>,
    /// APIs.guru's extensions, which aws2openapi writes on the specs it converts from the AWS
    /// model: `amazonaws.com` and the service (`ec2`, `rds`); see `model/aws_query.rs`.
    #[serde(rename = "x-providerName")]
    pub x_provider_name: Option<String>,
    #[serde(rename = "x-serviceName")]
    pub x_service_name: Option<String>,
}

/// `info.license`: the crate's `license`, from the SPDX `identifier` (3.1) or a known name.
#[derive(Debug, Deserialize)]
pub struct License {
    pub name: String,
    pub identifier: Option<String>,
}

/// `info.contact`: its URL is the crate's homepage.
#[derive(Debug, Deserialize)]
pub struct Contact {
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ExternalDocs {
    pub url: String,
}

#[derive(Debug, Deserialize)]
pub struct Server {
    pub url: String,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    pub description: Option<String>,
    #[serde(default)]
    pub variables: IndexMap<String, ServerVariable>,
}

#[derive(Debug, Deserialize)]
pub struct ServerVariable {
    pub default: String,
    pub description: Option<String>,
    /// The only values allowed; the generated builder enforces them.
    #[serde(rename = "enum")]
    pub allowed: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Components {
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default, rename = "requestBodies")]
    pub request_bodies: IndexMap<String, RequestBody>,
    #[serde(default, rename = "securitySchemes")]
    pub security_schemes: IndexMap<String, SecurityScheme>,
    /// 3.1: path items a path's `$ref` names (the loader moves any other path item a `$ref`
    /// names here, 3.0 documents included: `load/hoist.rs`).
    #[serde(default, rename = "pathItems")]
    pub path_items: IndexMap<String, PathItem>,
}

/// The methods of a path item, in the order operations are generated within a path.
pub const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

#[derive(Debug, Default, Deserialize)]
pub struct PathItem {
    /// A path item may be a `$ref`: to `#/components/pathItems/<key>` once loaded (the loader
    /// resolves any other local pointer to one); its operations and parameters apply at this
    /// path, beside any this item has itself.
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub get: Option<Operation>,
    pub put: Option<Operation>,
    pub post: Option<Operation>,
    pub delete: Option<Operation>,
    pub options: Option<Operation>,
    pub head: Option<Operation>,
    pub patch: Option<Operation>,
    pub trace: Option<Operation>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
}

impl PathItem {
    /// The operations of this path with their lower-case method, in [`METHODS`] order.
    pub fn operations(&self) -> impl Iterator<Item = (&'static str, &Operation)> {
        [
            &self.get,
            &self.put,
            &self.post,
            &self.delete,
            &self.options,
            &self.head,
            &self.patch,
            &self.trace,
        ]
        .into_iter()
        .zip(METHODS)
        .filter_map(|(op, method)| Some((method, op.as_ref()?)))
    }
}

#[derive(Debug, Deserialize)]
pub struct Operation {
    #[serde(rename = "operationId")]
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    #[serde(rename = "requestBody")]
    pub request_body: Option<RequestBody>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    #[serde(default)]
    pub deprecated: bool,
    /// Our extension: how a List operation pages (see README).
    #[serde(rename = "x-aws-pagination")]
    pub x_pagination: Option<Pagination>,
}

/// `x-aws-pagination`: the request parameter and response members of a paged operation.
#[derive(Debug, Deserialize)]
pub struct Pagination {
    #[serde(rename = "inputToken")]
    pub input_token: String,
    #[serde(rename = "outputToken")]
    pub output_token: String,
    #[serde(rename = "limitKey")]
    pub limit_key: Option<String>,
    #[serde(rename = "resultKey")]
    pub result_key: String,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    pub schema: Option<Schema>,
    /// Instead of `schema`: the one media type the value is written in (`application/json`:
    /// its JSON text) and its schema.
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    #[serde(default)]
    pub deprecated: bool,
    /// `form` (query, cookie), `simple` (path, header), `deepObject`, ...
    pub style: Option<String>,
    /// Defaults to `true` for `form`, `false` otherwise.
    pub explode: Option<bool>,
    /// Our extension: an idempotency token, filled with a fresh UUID when not given.
    #[serde(default, rename = "x-aws-idempotency-token")]
    pub x_idempotency_token: bool,
}

#[derive(Debug, Deserialize)]
pub struct RequestBody {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Debug, Deserialize)]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub content: IndexMap<String, MediaType>,
    /// Our extension (written by `import-aws`): more AWS errors with this status, told apart
    /// by their error code.
    #[serde(default, rename = "x-aws-errors-also")]
    pub x_errors_also: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct MediaType {
    pub schema: Option<Schema>,
    /// Of a form body: how some of its members are written (`style`, `explode`), by name.
    #[serde(default)]
    pub encoding: IndexMap<String, Encoding>,
}

/// An Encoding Object: of a form body's member, the style it is written in.
#[derive(Debug, Deserialize)]
pub struct Encoding {
    pub style: Option<String>,
    pub explode: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct SecurityScheme {
    #[serde(rename = "type")]
    pub kind: String,
    pub name: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    pub scheme: Option<String>,
    pub description: Option<String>,
    /// Our extension: this scheme is AWS Signature Version 4 (see README).
    #[serde(rename = "x-aws-sigv4")]
    pub x_aws_sigv4: Option<AwsSigV4>,
}

#[derive(Debug, Deserialize)]
pub struct AwsSigV4 {
    #[serde(rename = "signingName")]
    pub signing_name: String,
    /// The server variable that holds the region (it is also the signing region).
    #[serde(rename = "regionVariable")]
    pub region_variable: Option<String>,
}

/// `paths` without its `x-` extension keys (`x-codegen-contextRoot: /api`): an extension is
/// any value, not a path item. Read key by key, so a path item's own type errors keep their
/// place.
fn paths_without_extensions<'de, D: serde::Deserializer<'de>>(d: D) -> Result<IndexMap<String, PathItem>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = IndexMap<String, PathItem>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of paths to path items")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut paths = IndexMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if key.starts_with("x-") {
                    map.next_value::<serde::de::IgnoredAny>()?;
                } else {
                    let item = map.next_value::<PathItem>()?;
                    paths.insert(key, item);
                }
            }
            Ok(paths)
        }
    }
    d.deserialize_map(Visitor)
}

/// A JSON Schema, as far as the generator reads it. A 3.1 boolean schema reads as one too:
/// `true` (any value) is the empty schema, `false` (no value) the empty schema marked `never`.
#[derive(Debug, Default, Deserialize)]
#[serde(remote = "Self")]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<SchemaType>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub properties: Option<IndexMap<String, Schema>>,
    #[serde(default)]
    pub required: Vec<String>,
    pub items: Option<Box<Schema>>,
    #[serde(rename = "additionalProperties")]
    pub additional_properties: Option<AdditionalProperties>,
    #[serde(default, rename = "enum", deserialize_with = "numbers::optional_list")]
    pub enumeration: Option<Vec<serde_yaml::Value>>,
    #[serde(default, deserialize_with = "numbers::optional")]
    pub default: Option<serde_yaml::Value>,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default, rename = "readOnly")]
    pub read_only: bool,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    #[serde(default, rename = "writeOnly")]
    pub write_only: bool,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    #[serde(default)]
    pub deprecated: bool,
    #[serde(rename = "allOf")]
    pub all_of: Option<Vec<Schema>>,
    #[serde(rename = "oneOf")]
    pub one_of: Option<Vec<Schema>>,
    #[serde(rename = "anyOf")]
    pub any_of: Option<Vec<Schema>>,
    pub discriminator: Option<Discriminator>,
    /// `const` (3.1): the one value allowed.
    #[serde(default, rename = "const", deserialize_with = "numbers::optional")]
    pub const_value: Option<serde_yaml::Value>,
    /// Numbers of any size, as the spec gives them (shown in docs only).
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    #[serde(rename = "minLength")]
    pub min_length: Option<u64>,
    #[serde(rename = "maxLength")]
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    #[serde(rename = "minItems")]
    pub min_items: Option<u64>,
    // Read so that a value of the wrong type is reported; not used by the generator yet.
    #[allow(dead_code)]
    #[serde(rename = "maxItems")]
    pub max_items: Option<u64>,
    /// Our extension: a secret, never printed by `Debug`.
    #[serde(default, rename = "x-sensitive")]
    pub x_sensitive: bool,
    /// Our extension, for a string enum the server also sends as numbers: the number of each
    /// value, in `enum` order. Both forms are accepted; the string is sent.
    #[serde(rename = "x-integer-values")]
    pub x_integer_values: Option<Vec<i64>>,
    /// 3.1 keywords the generator does not model yet: read only to warn where they are.
    #[serde(rename = "prefixItems")]
    pub prefix_items: Option<serde::de::IgnoredAny>,
    #[serde(rename = "unevaluatedProperties")]
    pub unevaluated_properties: Option<serde::de::IgnoredAny>,
    #[serde(rename = "dependentRequired")]
    pub dependent_required: Option<serde::de::IgnoredAny>,
    /// 3.1 `contentEncoding`: `base64` on a string is bytes (as `format: byte` in 3.0).
    #[serde(rename = "contentEncoding")]
    pub content_encoding: Option<String>,
    /// The boolean schema `false` (3.1): no value is valid here.
    #[serde(skip)]
    pub never: bool,
    /// `xml`: only its `name` is read, the key of a member or list item in the AWS query
    /// protocols (`model/aws_query.rs`).
    pub xml: Option<Xml>,
}

/// A schema's `xml` object.
#[derive(Debug, Default, Deserialize)]
pub struct Xml {
    pub name: Option<String>,
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Schema;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a schema (a mapping, or in OpenAPI 3.1 `true` or `false`)")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Schema, E> {
                Ok(Schema { never: !v, ..Schema::default() })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Schema, A::Error> {
                // Key by key through the derived reader: type errors keep their place.
                Schema::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `discriminator`: the property whose value names the `oneOf`/`anyOf` member.
#[derive(Debug, Deserialize)]
pub struct Discriminator {
    #[serde(rename = "propertyName")]
    pub property_name: String,
    /// Value -> `$ref` of the member; members not listed are named by their schema name.
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
}

/// `type`: one name (3.0 and 3.1) or a list of names (3.1, e.g. `[string, "null"]`).
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaType(pub Vec<String>);

impl<'de> Deserialize<'de> for SchemaType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SchemaType;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a type name or a list of type names")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SchemaType, E> {
                Ok(SchemaType(vec![v.to_owned()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SchemaType, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(SchemaType(names))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `additionalProperties`: `true`/`false` or a schema for the values.
#[derive(Debug)]
pub enum AdditionalProperties {
    Allowed(bool),
    Schema(Box<Schema>),
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A bool or a mapping; buffered through a YAML value because the two shapes differ.
        let value = super::numbers::Wide::deserialize(d)?.0;
        match value {
            serde_yaml::Value::Bool(b) => Ok(AdditionalProperties::Allowed(b)),
            other => serde_yaml::from_value(other)
                .map(|s| AdditionalProperties::Schema(Box::new(s)))
                .map_err(serde::de::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OpenApi;
    use crate::extensions::*;

    /// An `x-` key among the paths is an extension (any value), not a path item. (Not in a
    /// construct spec: openapi-spec-validator 0.9.0 fails on it, though OpenAPI allows it.)
    #[test]
    fn extension_keys_in_paths_are_skipped() {
        let yaml = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  x-codegen-contextRoot: /apis/registry/v2
  x-other: {a: [1]}
  /a:
    get:
      responses:
        '200': {description: ok}
";
        let doc: OpenApi = serde_yaml::from_str(yaml).expect("the document reads");
        assert_eq!(doc.paths.keys().collect::<Vec<_>>(), ["/a"]);
    }

    /// 3.1 boolean schemas read as schemas: `true` the empty one, `false` marked `never`.
    #[test]
    fn boolean_schemas_read() {
        let schema: super::Schema = serde_yaml::from_str("{type: object, properties: {a: true, b: false}, items: false}").expect("reads");
        let props = schema.properties.as_ref().expect("properties");
        assert!(!props["a"].never && props["a"].kind.is_none());
        assert!(props["b"].never);
        assert!(schema.items.as_ref().is_some_and(|i| i.never));
    }

    /// Every extension, written with the names `extensions.rs` gives (which the importer
    /// writes), is read into its typed field: the loader's serde names are those.
    #[test]
    fn extensions_are_the_names_the_loader_reads() {
        let yaml = format!(
            "openapi: 3.1.0
info: {{title: t, version: '1', {X_CRATE_VERSION}: 1.2.3}}
{X_AWS_PROTOCOL}: rest-json
paths:
  /a:
    get:
      {X_AWS_PAGINATION}: {{{INPUT_TOKEN}: n, {OUTPUT_TOKEN}: m, {LIMIT_KEY}: l, {RESULT_KEY}: r}}
      parameters:
        - {{name: token, in: header, {X_AWS_IDEMPOTENCY_TOKEN}: true}}
      responses:
        '400': {{description: bad, {X_AWS_ERRORS_ALSO}: [Other]}}
components:
  schemas:
    Secret: {{type: string, {X_SENSITIVE}: true}}
    Kind: {{type: string, enum: [a], {X_INTEGER_VALUES}: [1]}}
  securitySchemes:
    aws: {{type: apiKey, name: n, in: header, {X_AWS_SIGV4}: {{{SIGNING_NAME}: s, {REGION_VARIABLE}: region}}}}
"
        );
        let doc: OpenApi = serde_yaml::from_str(&yaml).expect("the document reads");
        assert_eq!(doc.x_aws_protocol.as_deref(), Some("rest-json"));
        assert_eq!(doc.info.x_crate_version.as_deref(), Some("1.2.3"));
        let op = doc.paths["/a"].get.as_ref().expect("get");
        let paging = op.x_pagination.as_ref().expect("x-aws-pagination");
        assert_eq!(
            [&paging.input_token, &paging.output_token, &paging.result_key],
            ["n", "m", "r"]
        );
        assert_eq!(paging.limit_key.as_deref(), Some("l"));
        assert!(op.parameters[0].x_idempotency_token);
        assert_eq!(op.responses["400"].x_errors_also, ["Other"]);
        assert!(doc.components.schemas["Secret"].x_sensitive);
        assert_eq!(doc.components.schemas["Kind"].x_integer_values, Some(vec![1]));
        let sigv4 = doc.components.security_schemes["aws"].x_aws_sigv4.as_ref().expect("x-aws-sigv4");
        assert_eq!(sigv4.signing_name, "s");
        assert_eq!(sigv4.region_variable.as_deref(), Some("region"));
    }
}
