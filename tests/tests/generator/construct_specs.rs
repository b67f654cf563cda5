//! One small spec per OpenAPI construct (`tests/constructs/<name>.yaml`): the generated code
//! (as a build script gets it, `Config::generate_string`) of every spec in that folder is
//! snapshotted ([`every_construct_spec_is_snapshotted`], by `insta::glob!`: a new spec needs no
//! edit here to get its snapshot), its key facts are asserted here (one test per construct),
//! and the warnings of the specs that warn are pinned with their lines.
//!
//! `tests/buildrs-consumer` compiles and lints the same specs (its build.rs finds them in the
//! same folder) and tests them on the wire (`tests/constructs_on_the_wire.rs`).

use std::path::{Path, PathBuf};

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("constructs")
        .join(format!("{name}.yaml"))
}

/// The generated code of `tests/constructs/<name>.yaml` and its warnings as
/// `(line, message)`. Every diagnostic of these specs is a warning: they all generate.
pub(super) fn generate(name: &str) -> (String, Vec<(usize, String)>) {
    let path = spec(name);
    let code = sdkgen::Config::new()
        .spec(&path)
        .quiet()
        .generate_string()
        .unwrap_or_else(|e| panic!("{name}.yaml must generate:\n{e}"));
    let generated = sdkgen::generate_spec(&path, &sdkgen::Options::default())
        .unwrap_or_else(|e| panic!("{name}.yaml must generate:\n{e}"));
    let warnings = generated
        .warnings
        .iter()
        .map(|w| {
            assert_eq!(w.severity, sdkgen::diag::Severity::Warning, "{w}");
            assert!(w.file.ends_with(format!("{name}.yaml")), "{w}");
            (w.line.unwrap_or_else(|| panic!("a warning without a line: {w}")), w.message.clone())
        })
        .collect();
    (code, warnings)
}

/// Asserts the warnings: one per `(line, part of the message)`, in order.
pub(super) fn assert_warnings(warnings: &[(usize, String)], expected: &[(usize, &str)]) {
    let shown = || {
        warnings
            .iter()
            .map(|(l, m)| format!("{l}: {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(warnings.len(), expected.len(), "warnings:\n{}", shown());
    for ((line, message), (want_line, want)) in warnings.iter().zip(expected) {
        assert_eq!(line, want_line, "line of `{message}`; warnings:\n{}", shown());
        assert!(message.contains(want), "expected `{want}` in `{message}`");
    }
}

#[track_caller]
pub(super) fn has(code: &str, needle: &str) {
    assert!(code.contains(needle), "the generated code has no `{needle}`");
}

#[track_caller]
pub(super) fn lacks(code: &str, needle: &str) {
    assert!(!code.contains(needle), "the generated code has `{needle}`");
}

/// The lines of the item that starts with the (unique) line `opening` (e.g.
/// `pub struct Pet {`), up to its closing brace.
#[track_caller]
fn item<'c>(code: &'c str, opening: &str) -> Vec<&'c str> {
    let mut lines = code.lines();
    let mut found = None;
    for line in lines.by_ref() {
        if line.trim() == opening {
            found = Some(line);
            break;
        }
    }
    let first = found.unwrap_or_else(|| panic!("the generated code has no `{opening}`"));
    let indent = &first[..first.len() - first.trim_start().len()];
    let close = format!("{indent}}}");
    lines.take_while(|l| *l != close).collect()
}

/// A struct's fields as `pub name: Type`, in order.
#[track_caller]
pub(super) fn fields(code: &str, name: &str) -> Vec<String> {
    item(code, &format!("pub struct {name} {{"))
        .into_iter()
        .map(str::trim)
        .filter(|l| l.starts_with("pub "))
        .map(|l| l.trim_end_matches(',').to_owned())
        .collect()
}

/// The attributes (and docs) of one field of a struct: the lines after the previous field.
#[track_caller]
pub(super) fn field_attributes(code: &str, name: &str, field: &str) -> String {
    let mut attributes = Vec::new();
    for line in item(code, &format!("pub struct {name} {{")) {
        let line = line.trim();
        if line.starts_with(&format!("pub {field}:")) {
            return attributes.join("\n");
        }
        if line.starts_with("pub ") {
            attributes.clear();
        } else {
            attributes.push(line);
        }
    }
    panic!("`{name}` has no field `{field}`");
}

/// An enum's variants (`Cat(Cat)`, `Status204`), in order.
#[track_caller]
fn variants(code: &str, name: &str) -> Vec<String> {
    item(code, &format!("pub enum {name} {{"))
        .into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
        .map(|l| l.trim_end_matches(',').to_owned())
        .collect()
}

/// A required member that may be `null` must still be sent (as `null`): leaving it out makes
/// the object invalid. So the struct's `Serialize` must write it whatever its value, never
/// only `if let Some(..)`. Returns the problems.
fn skipped_when_none(code: &str, name: &str, fields: &[&str]) -> Vec<String> {
    let serialize = item(code, &format!("impl serde::Serialize for {name} {{")).join("\n");
    fields
        .iter()
        .filter_map(|field| {
            let written = serialize.contains(&format!("map.member(\"{field}\", &self.{field});"));
            (!written || serialize.contains(&format!("map.optional(\"{field}\", &self.{field});"))).then(|| {
                format!(
                    "`{name}.{field}` is required (but nullable), so `None` must be sent as \
                     `null`, not left out; its `Serialize`: {serialize}"
                )
            })
        })
        .collect()
}

/// The wire name a struct's written-out serde gives a field: read by it
/// (`"wire" => optional(map, &mut builder.field)`, or `required(..)`) and written by it
/// (`map.member("wire", &self.field)`, or `map.optional(..)`).
#[track_caller]
fn has_wire_name(code: &str, name: &str, field: &str, wire: &str) {
    let read = item(code, &format!("impl sdkgen_runtime::structs::ReadStruct for {name} {{")).join("\n");
    let read_into = |f: &str| read.contains(&format!("\"{wire}\" => {f}(map, &mut builder.{field}),"));
    assert!(read_into("optional") || read_into("required"), "`{name}.{field}` is not read as `{wire}`: {read}");
    let write = item(code, &format!("impl serde::Serialize for {name} {{")).join("\n");
    let written_from = |f: &str| write.contains(&format!("map.{f}(\"{wire}\", &self.{field});"));
    assert!(written_from("member") || written_from("optional"), "`{name}` does not write `{wire}` from `{field}`: {write}");
}

/// `allOf` of a `$ref` and members that only annotate it: the referenced type, with the
/// annotations' description, `readOnly` and `nullable`; scalars of one type: that scalar.
#[test]
fn all_of_annotations() {
    let (code, warnings) = generate("all_of_annotations");
    assert_warnings(&warnings, &[]);
    lacks(&code, "serde_json::Value");
    assert_eq!(
        fields(&code, "Instance"),
        [
            "pub name: Name",
            "pub state: Option<State>",
            "pub placement: Option<Placement>",
            "pub port: Option<i32>",
            "pub pinned: Option<PinnedPlacement>",
            "pub named: Option<NamedPlacement>",
        ]
    );
    // `required` in a member, or beside `allOf`, makes the referenced type's member required.
    assert_eq!(fields(&code, "PinnedPlacement"), ["pub zone: String"]);
    assert_eq!(fields(&code, "NamedPlacement"), ["pub zone: Option<String>", "pub label: String"]);
    has(&code, "pub type Name = String;");
    assert!(field_attributes(&code, "Instance", "name").contains("The instance's name."));
    let state = field_attributes(&code, "Instance", "state");
    assert!(state.contains("Its state, read-only.") && state.contains("Read-only: sent by the server"), "{state}");
    let port = field_attributes(&code, "Instance", "port");
    assert!(port.contains("Minimum: 1.") && port.contains("Maximum: 65535."), "{port}");
    has(&code, "pub type Alias = Placement;");
}

/// 3.1 `type: [string, integer]`: an untagged enum, integers before numbers, a list last
/// but one; `null` among the types makes the field optional.
#[test]
fn type_arrays() {
    let (code, warnings) = generate("type_arrays");
    assert_warnings(&warnings, &[(54, "`prefixItems` is not supported yet; read as if absent: the list's items are typed by `items` alone")]);
    assert_eq!(item(&code, "pub enum SettingValue {").iter().filter(|l| !l.trim().starts_with("///")).map(|l| l.trim()).collect::<Vec<_>>(), ["Integer(i64),", "String(String),"]);
    assert_eq!(item(&code, "pub enum SettingLimit {").iter().filter(|l| !l.trim().starts_with("///")).map(|l| l.trim()).collect::<Vec<_>>(), ["Bool(bool),", "Number(f64),"]);
    assert_eq!(
        fields(&code, "Setting"),
        [
            "pub value: SettingValue",
            "pub limit: Option<SettingLimit>",
            "pub items: Option<SettingItems>",
            "pub anything: Option<serde_json::Value>",
            "pub extra: Option<serde_json::Value>",
            "pub blob: Option<sdkgen_runtime::Base64>",
            "pub pair: Option<Vec<String>>",
        ]
    );
}

/// The generated code of every spec of `tests/constructs/`, each in its own snapshot
/// (`snapshots/generator__construct_specs__generated@<name>.yaml.snap`).
#[test]
fn every_construct_spec_is_snapshotted() {
    insta::glob!("../../constructs", "*.yaml", |path| {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
        let (code, _) = generate(name);
        insta::assert_snapshot!("generated", code);
    });
}

#[test]
fn all_of() {
    let (code, warnings) = generate("all_of");
    // The body member `id` beside the path parameter `id`: `id_2` on the request builder.
    assert_warnings(&warnings, &[(15, "the body member `id` of operation `PutPet` would have the setter `id`")]);
    // The base's members first, the inline member's after; `name` is refined in place:
    // required, with the later member's description and constraint.
    assert_eq!(
        fields(&code, "Pet"),
        [
            "pub id: i64",
            "pub name: String",
            "pub tags: Option<Vec<String>>",
            "pub kind: PetKind",
            "pub owner: Option<PetOwner>",
        ]
    );
    let name = field_attributes(&code, "Pet", "name");
    assert!(name.contains("required and refined here") && name.contains("Maximum length: 20."), "{name}");
    assert_eq!(fields(&code, "Base")[1], "pub name: Option<String>", "the base itself is unchanged");
    // An `allOf` of an `allOf`: followed, and the inline types of `Pet` are reused, not
    // defined again.
    assert_eq!(
        fields(&code, "DetailedPet"),
        [
            "pub id: i64",
            "pub name: String",
            "pub tags: Option<Vec<String>>",
            "pub kind: PetKind",
            "pub owner: Option<PetOwner>",
            "pub age: Option<i32>",
        ]
    );
    assert_eq!(code.matches("pub enum PetKind {").count(), 1);
    assert_eq!(code.matches("pub struct PetOwner {").count(), 1);
}

#[test]
fn one_of_discriminator() {
    let (code, warnings) = generate("one_of_discriminator");
    assert_warnings(&warnings, &[]);
    // With a mapping: the mapping's values.
    assert_eq!(variants(&code, "Pet"), ["Cat(Cat)", "Dog(Dog)", "Unknown(serde_json::Value)"]);
    has(&code, r#"Self::Cat(member) => ("cat", serde_json::to_value(member)),"#);
    has(&code, r#"Self::Dog(member) => ("dog", serde_json::to_value(member)),"#);
    has(&code, r#"Some("cat") => {"#);
    has(&code, r#"Some("dog") => {"#);
    // Serde is written by hand: the variant's tag is written once, over whatever the member
    // holds (an internally tagged serde enum would write it twice).
    has(&code, r#"members.insert("petType".to_owned(), tag.into());"#);
    has(&code, r#"let tag = value"#);
    has(&code, r#".get("petType")"#);
    lacks(&code, "#[serde(tag");
    has(&code, "impl serde::Serialize for Pet {");
    has(&code, "impl<'de> serde::Deserialize<'de> for Pet {");
    // Without a mapping: each member's one-value enum (Commvault's style), else its name.
    assert_eq!(
        variants(&code, "Destination"),
        ["AmazonDestination(AmazonDestination)", "AzureDestination(AzureDestination)", "Unknown(serde_json::Value)"]
    );
    has(&code, r#"Some("Amazon") => {"#);
    has(&code, r#"Some("Azure") => {"#);
    assert_eq!(variants(&code, "Shape"), ["Circle(Circle)", "Square(Square)", "Unknown(serde_json::Value)"]);
    has(&code, r#"Some("Circle") => {"#);
    has(&code, r#"Some("Square") => {"#);
    // A mapping may name the schema instead of referring to it (OpenAPI: "schema names or
    // references"): `kitty: Cat` selects `Cat` as surely as `doggo: '#/.../Dog'` selects `Dog`.
    has(&code, r#"Some("doggo") => {"#);
    has(&code, r#"Some("kitty") => {"#);
}

#[test]
fn one_of_untagged() {
    let (code, warnings) = generate("one_of_untagged");
    // The body member `id` beside the path parameter `id`: `id_2` on the request builder.
    assert_warnings(&warnings, &[(26, "the body member `id` of operation `PutContact` would have the setter `id`")]);
    // Untagged, members in spec order: serde tries them in that order.
    for (name, expected) in [
        ("Id", vec!["Integer(i64)", "String(String)"]),
        ("Contact", vec!["Email(Email)", "Phone(Phone)"]),
        ("Reachable", vec!["Phone(Phone)", "Email(Email)"]),
        ("CardLabel", vec!["String(String)", "Bool(bool)"]),
    ] {
        assert_eq!(variants(&code, name), expected, "{name}");
        has(&code, &format!("#[serde(untagged)]\n    pub enum {name} {{"));
    }
    // `anyOf: [X, {type: 'null'}]` is an optional X, even when required.
    assert_eq!(
        fields(&code, "Card"),
        [
            "pub id: Id",
            "pub contact: Contact",
            "pub backup: Option<Email>",
            "pub label: Option<CardLabel>",
            "pub reachable: Option<Reachable>",
        ]
    );
    let problems = skipped_when_none(&code, "Card", &["backup"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nullable() {
    let (code, warnings) = generate("nullable");
    assert_warnings(&warnings, &[]);
    let mut problems = skipped_when_none(&code, "Record", &["note", "count", "parent", "owner"]);
    let expected = [
        "pub id: String",
        "pub note: Option<String>",
        "pub count: Option<i32>",
        "pub parent: Option<RecordParent>",
        // `Owner` is `nullable: true` itself: a required `$ref` to it may be null too.
        "pub owner: Option<Owner>",
        "pub optional: Option<String>",
    ];
    let found = fields(&code, "Record");
    if found != expected {
        problems.push(format!("the fields of `Record` are {found:#?}, expected {expected:#?}"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nullable_31() {
    let (code, warnings) = generate("nullable_31");
    assert_warnings(&warnings, &[]);
    assert_eq!(
        fields(&code, "Record"),
        [
            "pub id: String",
            "pub note: Option<String>",
            "pub count: Option<i64>",
            "pub tags: Option<Vec<String>>",
            "pub parent: Option<Ref>",
        ]
    );
    let problems = skipped_when_none(&code, "Record", &["note", "count", "tags", "parent"]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn const_() {
    let (code, warnings) = generate("const_value");
    assert_warnings(&warnings, &[]);
    // A string `const` is a one-value enum (a component, or inline named from its place).
    assert_eq!(variants(&code, "Kind"), ["Created", "Unrecognized(sdkgen_runtime::UnknownValue)"]);
    has(&code, r#"Self::Created => "created","#);
    has(&code, r#""created" => Self::Created,"#);
    assert_eq!(variants(&code, "EventSource"), ["Api", "Unrecognized(sdkgen_runtime::UnknownValue)"]);
    assert_eq!(fields(&code, "Event"), ["pub kind: Kind", "pub source: EventSource", "pub version: i64"]);
}

#[test]
fn additional_properties() {
    let (code, warnings) = generate("additional_properties");
    assert_warnings(&warnings, &[]);
    has(&code, "pub type Counts = std::collections::BTreeMap<String, i64>;");
    has(&code, "pub type Anything = serde_json::Value;");
    assert_eq!(
        fields(&code, "Stats"),
        [
            "pub counts: Counts",
            "pub labels: Option<std::collections::BTreeMap<String, String>>",
            "pub extra: Option<Anything>",
            "pub limits: Option<std::collections::BTreeMap<String, StatsLimitsValue>>",
            "pub meta: Option<StatsMeta>",
        ]
    );
    assert_eq!(fields(&code, "StatsLimitsValue"), ["pub max: Option<i32>"]);
    // Properties and `additionalProperties`: the others in a flattened map, not dropped.
    assert_eq!(
        fields(&code, "StatsMeta"),
        ["pub owner: Option<String>", "pub additional_properties: std::collections::BTreeMap<String, i64>"]
    );
    // Read: any member not listed goes into the map; written: its entries after the members.
    has(&code, "key => other(map, key, &mut builder.additional_properties),");
    has(&code, "map.others(&self.additional_properties);");
}

#[test]
fn enums() {
    let (code, warnings) = generate("enums");
    assert_warnings(&warnings, &[]);
    // Without `type`: a string enum.
    assert_eq!(variants(&code, "Mode"), ["EdgeMode", "Unrecognized(sdkgen_runtime::UnknownValue)"]);
    // Integers: `V1`..., negative `Minus1`, written and read as numbers.
    assert_eq!(variants(&code, "Priority"), ["Minus1", "V1", "V2", "V3", "Unrecognized(sdkgen_runtime::UnknownValue<i64>)"]);
    has(&code, "serializer.serialize_i64(self.value())");
    has(&code, "<i64 as serde::Deserialize>::deserialize(deserializer).map(Self::from)");
    has(&code, "-1 => Self::Minus1,");
    // String enums: serde written out, never derived (no `#[serde(untagged)]` catch-all that
    // buffers the value): the name is sent, read by the runtime's one string visitor.
    lacks(&code, "#[serde(untagged)]");
    has(&code, "serializer.serialize_str(self.as_str())");
    has(&code, "sdkgen_runtime::enums::deserialize(deserializer)");
    // `x-integer-values`: the names are sent, names and numbers read.
    assert_eq!(variants(&code, "ServiceType"), ["FileSystem", "Database", "Exchange", "Unrecognized(sdkgen_runtime::UnknownValue)"]);
    has(&code, "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]\n    #[non_exhaustive]\n    pub enum ServiceType {");
    has(&code, "sdkgen_runtime::enums::StrOrNumber::Number(number) => {");
    has(&code, "match number.as_i64() {");
    // Sealed: the catch-all is read, never built by users (`From<&str>` gives it).
    has(&code, "sdkgen_runtime::UnknownValue::generated(other.to_owned())");
    has(&code, "impl<'de> serde::Deserialize<'de> for ServiceType {");
    has(&code, "Some(0) => Self::FileSystem,");
    has(&code, "Some(1) => Self::Database,");
    has(&code, "Some(12) => Self::Exchange,");
    // As query parameters: anything that converts into the enum.
    has(&code, "pub fn mode(mut self, value: impl Into<super::types::Mode>) -> Self {");
    has(&code, "pub fn priority(mut self, value: impl Into<super::types::Priority>) -> Self {");
    assert_eq!(
        fields(&code, "Job"),
        [
            "pub id: i64",
            "pub mode: Option<Mode>",
            "pub priority: Option<Priority>",
            "pub service: ServiceType",
            "pub status: Option<JobStatus>",
        ]
    );
}

#[test]
fn recursive() {
    let (code, warnings) = generate("recursive");
    assert_warnings(&warnings, &[]);
    // Directly: boxed. Through an array: a `Vec` has a size already, not boxed.
    assert_eq!(
        fields(&code, "Node"),
        ["pub value: i64", "pub next: Option<Box<Node>>", "pub children: Option<Vec<Node>>"]
    );
    // Through each other: the members on the cycle are boxed, and only those.
    assert_eq!(fields(&code, "Person"), ["pub name: String", "pub employer: Option<Box<Company>>"]);
    assert_eq!(fields(&code, "Company"), ["pub name: String", "pub ceo: Option<Box<Person>>"]);
    // Through a union.
    assert_eq!(variants(&code, "Expr"), ["Literal(Literal)", "Sum(Box<Sum>)"]);
    assert_eq!(fields(&code, "Sum"), ["pub left: Box<Expr>", "pub right: Box<Expr>"]);
    assert_eq!(fields(&code, "Literal"), ["pub value: f64"]);
}

#[test]
fn inline_naming() {
    let (code, warnings) = generate("inline_naming");
    assert_warnings(&warnings, &[]);
    // Every type, in the order defined: components' inline members `{Parent}{Property}`
    // (`OrderStatus` is a component, so `Order.status` is `OrderStatus2`), array items
    // `...Item`, parameters `{Op}{Param}`, bodies `{Op}Body`, responses `{Op}Response`,
    // error bodies `{Op}{Variant}`.
    let names: Vec<&str> = code
        .lines()
        .filter_map(|l| l.strip_prefix("    pub struct ").or_else(|| l.strip_prefix("    pub enum ")))
        .map(|l| l.trim_end_matches(" {"))
        .collect();
    assert_eq!(
        names,
        [
            // builders
            "ListOrders",
            "CreateOrder",
            // client
            "Client",
            "ClientBuilder",
            // errors: the crate-level one, then each operation's
            "Error",
            "ListOrdersError",
            "CreateOrderError",
            // types
            "OrderStatus",
            "OrderStatus2",
            "OrderShippingSpeed",
            "OrderShipping",
            "OrderLinesItem",
            "Order",
            "ListOrdersSort",
            "ListOrdersResponseItem",
            "CreateOrderBody",
            "CreateOrderResponseState",
            "CreateOrderResponse",
            "CreateOrderBadRequest",
        ]
    );
    assert_eq!(
        fields(&code, "Order"),
        [
            "pub status: Option<OrderStatus2>",
            "pub shipping: Option<OrderShipping>",
            "pub lines: Option<Vec<OrderLinesItem>>",
        ]
    );
    assert_eq!(
        fields(&code, "OrderShipping"),
        ["pub address: Option<String>", "pub speed: Option<OrderShippingSpeed>"]
    );
    has(&code, "BadRequest(sdkgen_runtime::ServiceError<super::types::CreateOrderBadRequest>)");
    // Deterministic: the same names (and code) every run.
    for _ in 0..3 {
        assert_eq!(generate("inline_naming").0, code);
    }
}

#[test]
fn names() {
    let (code, warnings) = generate("names");
    assert_warnings(
        &warnings,
        &[
            (30, "properties `fooBar` and `foo_bar` both become the Rust field `foo_bar`; `foo_bar` is the field `foo_bar_2`"),
            (43, "schema `UserGroup` becomes the Rust type `UserGroup`, which `/components/schemas/user_group` already names; it is `UserGroup2`"),
        ],
    );
    assert_eq!(
        fields(&code, "Thing"),
        [
            "pub foo_bar: Option<String>",
            "pub foo_bar_2: Option<i64>",
            "pub r#type: Option<String>",
            "pub r#match: Option<bool>",
            "pub self_: Option<String>",
            "pub n2fa: Option<bool>",
            "pub group: Option<UserGroup>",
            "pub group2: Option<UserGroup2>",
            "pub level: Option<T2faLevel>",
        ]
    );
    // Wire names are kept, in the written-out serde of the struct.
    for (field, wire) in [("foo_bar", "fooBar"), ("foo_bar_2", "foo_bar"), ("r#type", "type"), ("self_", "self"), ("n2fa", "2fa")] {
        has_wire_name(&code, "Thing", field, wire);
    }
    assert_eq!(fields(&code, "UserGroup"), ["pub id: Option<i64>"]);
    assert_eq!(fields(&code, "UserGroup2"), ["pub name: Option<String>"]);
    assert_eq!(variants(&code, "T2faLevel"), ["V2fa", "V3fa", "None", "Unrecognized(sdkgen_runtime::UnknownValue)"]);
    // An operation and parameters named by keywords and digits.
    has(&code, "pub fn r#match(&self) -> super::builders::Match {");
    has(&code, "pub fn r#type(mut self, value: impl Into<String>) -> Self {");
    has(&code, "pub fn self_(mut self, value: impl Into<String>) -> Self {");
    has(&code, "pub fn n2fa(mut self, value: bool) -> Self {");
    has(&code, r#"request.query_opt("type", self.r#type.as_ref())"#);
    has(&code, r#"request.header_opt("2fa", self.n2fa.as_ref())"#);
}

#[test]
fn formats() {
    let (code, warnings) = generate("formats");
    assert_warnings(&warnings, &[]);
    assert_eq!(
        fields(&code, "Sample"),
        [
            "pub small: i32",
            "pub big: i64",
            "pub plain_integer: Option<i64>",
            "pub single: f32",
            "pub double: f64",
            "pub plain_number: Option<f64>",
            "pub at: sdkgen_runtime::Rfc3339DateTime",
            "pub day: sdkgen_runtime::Date",
            "pub id: String",
            "pub bytes: sdkgen_runtime::Base64",
            "pub file: Option<Vec<u8>>",
            "pub email: Option<String>",
        ]
    );
}

#[test]
fn request_bodies() {
    let (code, warnings) = generate("request_bodies");
    assert_warnings(&warnings, &[]);
    has(&code, "let request = request.json_body(&body)?;");
    // Form: the body struct url-encoded.
    has(&code, "let request = request.form_body(&body)?;");
    assert_eq!(
        fields(&code, "SendFormBody"),
        ["pub user: String", "pub age: Option<i32>", "pub remember: Option<bool>"]
    );
    // Multipart: a part per property, in order; text for scalars, a file for `binary`,
    // JSON for objects.
    assert_eq!(
        fields(&code, "UploadBody"),
        [
            "pub description: Option<String>",
            "pub count: Option<i32>",
            "pub file: Vec<u8>",
            "pub meta: Option<Note>",
            "pub notify: bool",
        ]
    );
    has(&code, r#"Some(value) => form.text("description", value),"#);
    // A plain field (a boolean whose default is `false`) is always a part, never `.as_ref()`.
    has(&code, "let form = match Some(&members.notify) {");
    has(&code, r#"Some(value) => form.text("count", value),"#);
    has(&code, "form.bytes(\n                            \"file\",\n                            Some(\"file\"),\n                            \"application/octet-stream\",");
    has(&code, r#"Some(value) => form.json("meta", value)?,"#);
    has(&code, "request.multipart_body(form)");
    // Bytes: as given.
    has(&code, "pub fn body(mut self, value: Vec<u8>) -> Self {");
    has(&code, r#"let request = request.bytes_body("application/octet-stream", body);"#);
    // An optional body is sent only when set.
    has(&code, "Some(body) => request.form_body(body)?,");
}

#[test]
fn query_params() {
    let (code, warnings) = generate("query_params");
    assert_warnings(&warnings, &[]);
    has(&code, "pub fn id(mut self, value: Vec<i64>) -> Self {");
    has(&code, r#"Some(values) => request.query_list("id", values, true),"#);
    has(&code, r#"Some(values) => request.query_list("tag", values, false),"#);
    has(&code, r#"let request = request.query_list("state", &state, true);"#);
    has(&code, r#"let request = request.query_deep_object("filter", &self.filter)?;"#);
    assert_eq!(
        fields(&code, "ListItemsFilter"),
        ["pub color: Option<String>", "pub size: Option<i32>"]
    );
    has(&code, r#"let request = request.header("x-request-id", &x_request_id);"#);
    has(&code, r#"let request = request.cookie_opt("lang", self.lang.as_ref());"#);
    has(&code, r#"self.runtime = self.runtime.api_key_cookie("sid", value);"#);
    lacks(&code, "without_auth");
}

#[test]
fn responses() {
    let (code, warnings) = generate("responses");
    // The body member `id` beside the path parameter `id`: `id_2` on the request builder.
    assert_warnings(&warnings, &[(46, "the body member `id` of operation `PutThing` would have the setter `id`")]);
    // Several success bodies: an enum chosen by status.
    assert_eq!(variants(&code, "GetThingOutput"), ["Status200(Thing)", "Status202(Job)", "Status204"]);
    has(&code, "sdkgen_runtime::OutputFuture<\n            super::types::GetThingOutput,\n            super::errors::GetThingError,");
    has(&code, ".empty_output()\n                                .map(|()| super::types::GetThingOutput::Status204),");
    has(&code, "output.map(super::types::GetThingOutput::Status202)");
    // The same body twice: one output.
    lacks(&code, "PutThingOutput");
    has(&code, "sdkgen_runtime::OutputFuture<\n            super::types::Thing,\n            super::errors::PutThingError,");
    // `default`, with an inline body: the `Default` variant, for every undocumented status.
    assert_eq!(
        variants(&code, "GetThingError"),
        [
            "NotFound(sdkgen_runtime::ServiceError<super::types::NotFound>)",
            "Default(sdkgen_runtime::ServiceError<super::types::GetThingDefault>)",
            "Unknown(RawResponse)",
        ]
    );
    // The table: 404 is case 0, any other status the `default` case 1.
    has(&code, "&[sdkgen_runtime::ErrorRule::status(404, 0)],\n                Some(1),");
    has(&code, "Some(1) => {\n                    sdkgen_runtime::ServiceError::parse(response)\n                        .map_or_else(Self::Unknown, Self::Default)");
    // Three operations without documented errors share one enum, each keeping its name.
    has(&code, "pub type PutThingError = UndocumentedErrors;");
    // No operationId: method and path.
    has(&code, "pub fn get_things_by_thing_id_history(");
    has(&code, "pub struct GetThingsByThingIdHistory {");
    has(&code, "#[deprecated]\n        #[inline]\n        pub fn get_legacy(&self) -> super::builders::GetLegacy {");
    assert_eq!(code.matches("#[deprecated]").count(), 1);
}

#[test]
fn security() {
    let (code, warnings) = generate("security");
    assert_warnings(&warnings, &[]);
    // A setter per scheme.
    has(&code, "pub fn header_key(mut self, value: impl Into<String>) -> Self {");
    has(&code, r#"self.runtime = self.runtime.api_key_header("X-API-Key", value);"#);
    has(&code, "pub fn query_key(mut self, value: impl Into<String>) -> Self {");
    has(&code, r#"self.runtime = self.runtime.api_key_query("api_key", value);"#);
    has(&code, "pub fn cookie_key(mut self, value: impl Into<String>) -> Self {");
    has(&code, r#"self.runtime = self.runtime.api_key_cookie("sid", value);"#);
    has(&code, "pub fn basic(\n            mut self,\n            username: impl Into<String>,\n            password: impl Into<String>,\n        ) -> Self {");
    has(&code, "self.runtime = self.runtime.basic_auth(username, password);");
    has(&code, "pub fn bearer(mut self, token: impl Into<String>) -> Self {");
    has(&code, "pub fn oauth(mut self, token: impl Into<String>) -> Self {");
    assert_eq!(code.matches("self.runtime = self.runtime.bearer_token(token);").count(), 2);
    // `security: []`: the one operation that sends no credentials.
    assert_eq!(code.matches("let request = request.without_auth();").count(), 1);
    let start = code.find("impl Public {").expect("the Public builder");
    let end = start + code[start..].find("\n    }\n").expect("its end");
    has(&code[start..end], "request.without_auth()");
}

#[test]
fn servers() {
    let (code, warnings) = generate("servers");
    assert_warnings(&warnings, &[]);
    for (setter, field, default) in [
        ("host", "host", "127.0.0.1"),
        ("port", "port", "8080"),
        ("region", "region", "eu"),
        ("base_path", "base_path", "v2"),
    ] {
        has(&code, &format!("pub fn {setter}(mut self, value: impl Into<String>) -> Self {{"));
        has(&code, &format!("{field}: \"{default}\".to_owned(),"));
    }
    // The runtime fills the template in, after checking each value where it sits (host,
    // port, path) and against the spec's `enum`.
    has(&code, ".server(\n                    \"http://{host}:{port}/{region}/{basePath}\",");
    for (wire, field, part, allowed) in [
        ("host", "host", "Host", "&[]"),
        ("port", "port", "Port", "&[]"),
        ("region", "region", "Path", "&[\"eu\", \"us\"]"),
        ("basePath", "base_path", "Path", "&[]"),
    ] {
        has(&code, &format!("sdkgen_runtime::ServerVariable::new(\n                            \"{wire}\",\n                            self.{field}.clone(),\n                            sdkgen_runtime::UrlPart::{part},\n                            {allowed},\n                        ),"));
    }
    // An absolute server: no `server_url`, `base_url` overrides it.
    lacks(&code, "pub fn server_url(");
    has(&code, "pub fn base_url(mut self, url: impl Into<String>) -> Self {");
}

#[test]
fn unsupported() {
    let (code, warnings) = generate("unsupported");
    assert_warnings(
        &warnings,
        &[
            (55, "an `allOf` member that is not an object cannot be merged yet; this value is a serde_json::Value"),
        ],
    );
    // The fallbacks.
    assert_eq!(fields(&code, "Thing"), ["pub id: Option<String>", "pub weird: Option<Weird>"]);
    has(&code, "pub type Weird = serde_json::Value;");
    let builder: Vec<&str> = item(&code, "pub struct GetThing {").into_iter().map(str::trim).collect();
    // The list header parameter is sent (`simple` style: `a,b`).
    assert_eq!(builder, ["client: super::Client,", "ids: Option<Vec<String>>,"]);
    // A text/plain success body reaches the caller as a `String` (no longer a warning).
    lacks(&code, "sdkgen_runtime::OutputFuture<(), super::errors::GetTextError>");
    has(&code, "sdkgen_runtime::OutputFuture<String, super::errors::GetTextError>");
    has(&code, "Ok(response.text_output())");
}

#[test]
fn body_members() {
    let (code, warnings) = generate("body_members");
    assert_warnings(
        &warnings,
        &[
            (17, "the body member `networkId` of operation `CreateGroup` would have the setter `network_id`, which a parameter or another member's method takes; on the request builder it is `network_id_2`"),
            (17, "the body member `set_name` of operation `CreateGroup` would have the setter `set_name`, which a parameter or another member's method takes; on the request builder it is `set_name_2`"),
        ],
    );
    // The request builder: the path parameter keeps `network_id`; the member is renamed, and
    // `body`/`send` keep off the builder's own methods. `build` is free there.
    for method in ["fn network_id(", "fn network_id_2(", "fn set_network_id_2(", "fn get_network_id_2(", "fn body_member(", "fn send_member(", "fn build(mut self, value: i32)", "fn set_set_name_2("] {
        has(&code, method);
    }
    // The type builder: `build` is its own, so the member is `build_member`; `body` and
    // `send` are free there.
    for method in ["pub struct GroupBuilder", "fn build_member(", "fn body(mut self, value: impl Into<String>)", "fn send(mut self, value: bool)", "pub fn build(self) -> Result<super::Group, sdkgen_runtime::MissingMembers>"] {
        has(&code, method);
    }
    // The missing members of the body are named by the request builder's setters.
    for renamed in [r#"("networkId", "network_id_2")"#, r#"("body", "body_member")"#] {
        has(&code, renamed);
    }
    // An optional body of optional members: built without a `Result`, sent only when set.
    has(&code, ".take()\n                .map(super::types::builders::PostNoteBodyBuilder::build);");
}


#[test]
fn param_styles() {
    let (code, warnings) = generate("param_styles");
    assert_warnings(&warnings, &[]);
    // The generated code only names the style; the runtime's `style` module writes it.
    has(&code, "let listx_segment = sdkgen_runtime::style::path_value(");
    has(&code, "sdkgen_runtime::style::Style::Matrix,");
    has(&code, "sdkgen_runtime::style::Style::PipeDelimited,");
    has(&code, ".header_styled(\"x-obj\", false, &self.x_obj)?;");
    has(&code, ".cookie_styled(\"tags\", false, &self.tags)?;");
}

#[test]
fn response_media() {
    let (code, warnings) = generate("response_media");
    assert_warnings(&warnings, &[]);
    // Ranges after the exact statuses, as table rules and as a success outcome.
    for rule in ["status(404, 0)", "range(4, 1)", "range(5, 2)"] {
        has(&code, &format!("sdkgen_runtime::ErrorRule::{rule},"));
    }
    has(&code, "status if (200u16..300u16).contains(&status) =>");
    has(&code, "sdkgen_runtime::OutputFuture<String, super::errors::GetReportError>");
    has(&code, "sdkgen_runtime::OutputFuture<Vec<u8>, super::errors::GetLogoError>");
    // Binary outputs, and only they, can also be received as a stream; the client builder
    // has the stream's idle limit because some operation streams.
    has(&code, ") -> sdkgen_runtime::StreamFuture<super::errors::DownloadFileError> {");
    has(&code, ") -> sdkgen_runtime::StreamFuture<super::errors::GetLogoError> {");
    assert_eq!(code.matches("pub fn send_streaming(").count(), 2, "GetThing, GetReport and the others do not stream");
    has(&code, "self.runtime = self.runtime.stream_idle_timeout(timeout);");
}

#[test]
fn request_media() {
    let (code, warnings) = generate("request_media");
    assert_warnings(&warnings, &[]);
    for setter in ["body_form(mut self, value: impl Into<super::types::Note>)", "body_text(mut self, value: impl Into<String>)", "body_bytes(mut self, value: Vec<u8>)"] {
        has(&code, &format!("pub fn {setter} -> Self {{"));
    }
    has(&code, "Some(other) => request.encoded_body(other)?,");
    // No binary output: nothing of streaming is generated.
    assert!(!code.contains("send_streaming") && !code.contains("stream_idle_timeout"), "{code}");
    // Several raw media types: an enum of them per operation, beside its builder, and a
    // setter that relabels the text or bytes body (whichever setter gave it).
    assert_eq!(
        item(&code, "pub enum ReplacePolicyContentType {").iter().map(|l| l.trim()).filter(|l| !l.starts_with("///")).collect::<Vec<_>>(),
        ["ApplicationXYaml,", "TextPlain,", "TextXYaml,", "TextYaml,"]
    );
    // The essence is sent: `text/yaml; charset=utf-8` is `text/yaml`.
    has(&code, "Self::TextYaml => \"text/yaml\",");
    has(&code, "pub fn content_type(mut self, value: ReplacePolicyContentType) -> Self {");
    has(&code, ".media_type(self.content_type.map(ReplacePolicyContentType::as_str))?;");
    has(&code, "pub enum UploadImageContentType {");
    // Text and bytes beside JSON: the choice is there for them too.
    has(&code, "pub fn content_type(mut self, value: PostNoteContentType) -> Self {");
    // One raw media type (`PatchNote`: text beside merge-patch JSON): nothing to choose.
    lacks(&code, "PatchNoteContentType");
}

/// A Swagger 2.0 document, converted while loading: the same client as its OpenAPI 3.0 form.
#[test]
fn swagger2_petstore() {
    let (code, warnings) = generate("swagger2_petstore");
    assert_warnings(&warnings, &[]);
    // host + basePath, https first among `schemes`.
    has(&code, r#"runtime = runtime.server("https://petstore.example.com/v2", []);"#);
    // securityDefinitions: basic, apiKey, oauth2 (a bearer token).
    has(&code, "self.runtime = self.runtime.basic_auth(username, password);");
    has(&code, r#"self.runtime = self.runtime.api_key_header("X-Api-Key", value);"#);
    has(&code, "pub fn oauth(mut self, token: impl Into<String>) -> Self {");
    // A document parameter by `$ref`; `csv` (2.0's default) and `multi` lists in the query.
    has(&code, "pub fn limit(mut self, value: i32) -> Self {");
    has(&code, r#"Some(values) => request.query_list("tags", values, false),"#);
    has(&code, r#"Some(values) => request.query_list("status", values, true),"#);
    // `in: body` by `$ref` -> a JSON body; formData -> urlencoded, or multipart with a file.
    has(&code, "pub fn body(mut self, value: super::types::Pet) -> Self {");
    has(&code, "let request = request.json_body(&body)?;");
    assert_eq!(fields(&code, "UpdatePetWithFormBody"), ["pub name: String", "pub age: Option<i32>"]);
    has(&code, "let request = request.form_body(&body)?;");
    assert_eq!(fields(&code, "UploadPhotoBody"), ["pub caption: Option<String>", "pub file: Vec<u8>"]);
    has(&code, "request.multipart_body(form)");
    // definitions, `x-nullable` (a required member that may be null), `readOnly`.
    assert_eq!(
        fields(&code, "Pet"),
        ["pub id: Option<i64>", "pub name: String", "pub tag: Option<String>", "pub owner: Option<Owner>"]
    );
    // Required and nullable: always written (`null` when `None`), read as `None` from `null`.
    has_wire_name(&code, "Pet", "tag", "tag");
    has(&code, "map.member(\"tag\", &self.tag);");
}

/// Parameter and body shapes of real specs (`param_shapes.yaml`).
#[test]
fn param_shapes() {
    let (code, warnings) = generate("param_shapes");
    assert_warnings(
        &warnings,
        &[
            (30, "parameter `rows`: a list of non-scalars in style `default` has no spelling in OpenAPI's styles"),
            (34, "parameter `filters`: a list of non-scalars in style `default` has no spelling in OpenAPI's styles (scalars, lists of scalars and objects have; `deepObject` takes an object); it is sent as its JSON text"),
            (101, "`legacy` has the boolean schema `false` (no value is valid): the member must be absent, and the type has no field for it"),
        ],
    );
    // Scalar unions convert from each scalar type (the first member of each), `&str` too;
    // the setter takes `impl Into<..>`, so `.id(5)` and `.id("abc")` both compile.
    for from in [
        "impl From<i64> for GetThingId {",
        "impl From<String> for GetThingId {",
        "impl From<&str> for GetThingId {",
        "impl From<f64> for GetThingPage {",
        "impl From<bool> for GetThingPage {",
        "impl From<i64> for GetThingXMode {",
    ] {
        has(&code, from);
    }
    has(&code, "pub fn id(mut self, value: impl Into<super::types::GetThingId>) -> Self {");
    // A list of scalar unions is a list of scalars to the runtime's styles.
    has(&code, ".query_styled(\n                    \"pick\",\n                    sdkgen_runtime::style::Style::Form,\n                    true,\n                    &self.pick,");
    // Values no style writes, and a `content: application/json` parameter: their JSON text.
    has(&code, r#"&sdkgen_runtime::style::json_text("rows", &rows)?.unwrap_or_default(),"#);
    has(&code, r#"sdkgen_runtime::style::json_text("filters", &self.filters)?,"#);
    has(&code, r#"sdkgen_runtime::style::json_text("where", &self.r#where)?,"#);
    has(&code, "pub fn r#where(mut self, value: impl Into<super::types::Filter>) -> Self {");
    // A form body: the members its `encoding` styles are named; the rest repeat their keys.
    has(&code, r#"("ids", sdkgen_runtime::style::Style::PipeDelimited, false),"#);
    has(&code, r#"("point", sdkgen_runtime::style::Style::DeepObject, true),"#);
    lacks(&code, r#"("tags", sdkgen_runtime::style::Style"#);
    // The `false` member has no field.
    assert_eq!(fields(&code, "Settings"), ["pub name: Option<String>"]);
}

#[test]
fn aws_query_protocols() {
    // `ec2Query` (`x-serviceName: ec2`): no warning, nothing sent as JSON text.
    let (code, warnings) = generate("aws_ec2_query");
    assert_warnings(&warnings, &[]);
    assert!(!code.contains("json_text"), "a parameter is sent as JSON text");
    // The request goes to the path without its fragment; `Action` is a query parameter.
    squashed(&code, "let path = \"/\".to_owned();");
    squashed(&code, "(\"GET_DescribeThings\", \"/#Action=DescribeThings\"),");
    squashed(&code, "sdkgen_runtime::aws_query::Flavor::Ec2,\"Filter\",");
    // Each struct's shape: its members' keys, xml names capitalised (`Values` is `Value`,
    // `resourceType` is `ResourceType`), a struct member reached through its type.
    squashed(&code, "impl sdkgen_runtime::aws_query::QueryShape for Filter {");
    squashed(&code, "wire: \"Values\", key: \"Value\",");
    squashed(&code, "wire: \"ResourceType\", key: \"ResourceType\",");
    squashed(&code, "<Tag as sdkgen_runtime::aws_query::QueryShape>::query_shape");

    // `awsQuery`: list member names from the items' `xml.name`, else `member`; a form body.
    let (code, warnings) = generate("aws_query");
    assert_warnings(&warnings, &[]);
    assert!(!code.contains("json_text"), "a parameter is sent as JSON text");
    squashed(&code, "sdkgen_runtime::aws_query::Flavor::Query,\"Tags\",");
    squashed(&code, "member: \"Tag\",");
    squashed(&code, "member: \"member\",");
    squashed(&code, "wire: \"mode\", key: \"Mode\",");
    squashed(&code, "sdkgen_runtime::aws_query::Shape::Map {");
    squashed(&code, "sdkgen_runtime::aws_query::form_body(");
}

/// `needle` in `code`, whitespace left out of both (the nesting of the single-file layout
/// indents them).
#[track_caller]
fn squashed(code: &str, needle: &str) {
    let squash = |text: &str| text.split_whitespace().collect::<String>();
    assert!(squash(code).contains(&squash(needle)), "the generated code has no `{needle}`");
}
