//! The AWS service model (botocore `service-2.json`) and its paginators (`paginators-1.json`),
//! as far as they are read.
//!
//! Maps are `IndexMap`s so that the model's order (operations, members) is kept: serde_json's own
//! map is sorted unless a feature is enabled for the whole build.

use indexmap::IndexMap;
use serde::Deserialize;

#[derive(Deserialize)]
pub(super) struct Model {
    pub(super) metadata: Metadata,
    #[serde(default)]
    pub(super) operations: IndexMap<String, Operation>,
    #[serde(default)]
    pub(super) shapes: IndexMap<String, Shape>,
    pub(super) documentation: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Metadata {
    pub(super) api_version: Option<String>,
    pub(super) endpoint_prefix: Option<String>,
    pub(super) protocol: Option<String>,
    pub(super) service_full_name: Option<String>,
    pub(super) service_id: Option<String>,
    pub(super) signing_name: Option<String>,
    pub(super) signature_version: Option<String>,
    #[serde(default)]
    pub(super) auth: Vec<String>,
    pub(super) uid: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Operation {
    pub(super) http: Option<Http>,
    pub(super) input: Option<Member>,
    pub(super) output: Option<Member>,
    #[serde(default)]
    pub(super) errors: Vec<Member>,
    pub(super) documentation: Option<String>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    pub(super) authtype: Option<String>,
    pub(super) endpoint: Option<Endpoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Http {
    pub(super) method: Option<String>,
    pub(super) request_uri: Option<String>,
    pub(super) response_code: Option<u16>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Endpoint {
    pub(super) host_prefix: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Shape {
    #[serde(rename = "type")]
    pub(super) kind: Option<String>,
    #[serde(default)]
    pub(super) members: IndexMap<String, Member>,
    /// The items of a list.
    pub(super) member: Option<Member>,
    /// The values of a map (its keys are strings in JSON).
    pub(super) value: Option<Member>,
    #[serde(default)]
    pub(super) required: Vec<String>,
    pub(super) documentation: Option<String>,
    pub(super) min: Option<serde_json::Number>,
    pub(super) max: Option<serde_json::Number>,
    pub(super) pattern: Option<String>,
    #[serde(rename = "enum")]
    pub(super) enumeration: Option<Vec<String>>,
    #[serde(default)]
    pub(super) sensitive: bool,
    pub(super) timestamp_format: Option<String>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    #[serde(default)]
    pub(super) union: bool,
    #[serde(default)]
    pub(super) document: bool,
    #[serde(default)]
    pub(super) eventstream: bool,
    #[serde(default)]
    pub(super) event: bool,
    #[serde(default)]
    pub(super) streaming: bool,
    pub(super) payload: Option<String>,
    pub(super) error: Option<ErrorTrait>,
    #[serde(default)]
    pub(super) fault: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ErrorTrait {
    pub(super) http_status_code: Option<u16>,
}

/// A reference to a shape with the traits of its use: a structure member, a list's items,
/// an operation's input, output or error.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Member {
    pub(super) shape: Option<String>,
    pub(super) documentation: Option<String>,
    pub(super) location: Option<String>,
    pub(super) location_name: Option<String>,
    #[serde(default)]
    pub(super) idempotency_token: bool,
    #[serde(default)]
    pub(super) sensitive: bool,
    pub(super) timestamp_format: Option<String>,
    #[serde(default)]
    pub(super) deprecated: bool,
    pub(super) deprecated_message: Option<String>,
    #[serde(default)]
    pub(super) jsonvalue: bool,
    #[serde(default)]
    pub(super) streaming: bool,
}

#[derive(Deserialize)]
pub(super) struct Paginators {
    #[serde(default)]
    pub(super) pagination: IndexMap<String, IndexMap<String, serde_json::Value>>,
}
