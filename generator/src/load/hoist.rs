//! Local `$ref`s to any place of the document: resolved once, on the YAML tree, so that
//! the model only ever meets references of the one form it reads,
//! `#/components/<section>/<key>`.
//!
//! Real specs point anywhere: into `paths` (`#/paths/~1users/get/parameters/0`, as bundlers
//! write them), into a schema's interior (`#/components/schemas/X/properties/y`), through
//! another component (`#/components/responses/R/content/application~1json/schema`), at a
//! `definitions` or `$defs` left in a 3.x document; a path's `$ref` at another path item
//! (`#/paths/~1other`, as 3.0 documents alias a path). The choice made here: a load-time pass
//! that **hoists** each such target into `components` under a generated key and rewrites
//! both every `$ref` to it and the target's own place as `$ref`s to that key. The place
//! that defines a schema and every reference to it then share one Rust type, by
//! construction, and nothing in the model changes: one resolver (`model/refs.rs`) still
//! reads one kind of reference. The alternative, resolving any pointer in the model, would
//! have had every reader (schemas, parameters, bodies, responses, unions, `allOf`) follow
//! pointers into a typed tree that has no pointers, and name a shared type from whichever
//! place met it first.
//!
//! - A target's key is the name inline naming gives it at its own place (a component
//!   interior: `X` + `y` -> `XY`, `items` -> `Item`, `additionalProperties` -> `Value`; under
//!   `paths`: the operation's id and the place, `ListUsers` + `Body` / `Response` / the
//!   parameter's name), numbered when taken. The same target reached by several `$ref`s (or
//!   spelled several ways, `~1` or `%7B`) is hoisted once: resolution is memoised by target.
//! - Chains are followed (`A` -> `B`, where `B` is only a `$ref`) to their end: a cycle of
//!   references with no definition in it, a target of the wrong kind (a parameter where a
//!   schema goes) or a chain that ends at nothing is an error at the `$ref`; a target in
//!   another section whose members also make a node of the kind expected (a response that is
//!   only `{description}`, used as a schema) is copied there instead ([`fits`]). A reference to
//!   a component schema is left as it is: the model resolves aliases and their cycles.
//! - Diagnostics stay in the original text: the [`PointerMap`] records each hoisted node's
//!   place, as `swagger2.rs` records the 2.0 places of its nodes, and `Located` looks
//!   pointers up through it.
//! - Linear: one walk collects the references, each target is resolved once (a chain is
//!   walked once, all its links memoised), and each hoist moves one subtree.

use std::collections::{HashMap, HashSet};

use serde_yaml::{Mapping, Value};

use super::dangling::{child, key_text, target_place};
use super::places::{kind_of, step, Kind};
use super::pointer_map::PointerMap;
use crate::diag::{escape_segment, join};
use crate::model::names::type_name;

/// The kinds of place whose `$ref`s are resolved here: those the model reads (and headers,
/// which cost nothing more). The rest (links, examples) are only checked by `dangling.rs`.
/// A path item named by a path's `$ref` (`#/paths/~1other`, as `#/components/pathItems/X`
/// is in 3.1) goes to `components.pathItems`, its old place left a `$ref` to it too.
const RESOLVED: [Kind; 6] = [Kind::Schema, Kind::Parameter, Kind::RequestBody, Kind::Response, Kind::Header, Kind::PathItem];

/// Keywords beside a schema's `$ref` that say what the value is (not only annotate it):
/// `siblings.rs` merges or drops them.
pub(crate) const SHAPING: [&str; 8] =
    ["properties", "required", "allOf", "items", "enum", "oneOf", "anyOf", "additionalProperties"];

/// Annotations a hoisted schema's place keeps beside its new `$ref`, so that the place reads
/// as it did (its docs, `nullable`, `readOnly`, its default).
const KEPT_AT_PLACE: [&str; 7] = ["description", "title", "nullable", "readOnly", "writeOnly", "deprecated", "default"];

/// One `$ref` of the document, at a place of a resolved kind.
struct Ref {
    /// The pointer of the `$ref` member itself.
    at: String,
    place: Kind,
    reference: String,
}

/// What resolving a reference found.
#[derive(Debug, Clone, PartialEq)]
enum Resolution {
    /// The reference to write instead (itself, when it is already a component's).
    To(String),
    /// The first reference itself points at nothing: `dangling.rs` and the model say so.
    Missing,
    /// An error at the `$ref`.
    Error(String),
}

/// A subtree to move into `components.<section>.<key>`.
struct Hoist {
    segments: Vec<String>,
    kind: Kind,
    section: &'static str,
    key: String,
    /// Copied, not moved: a node of another kind whose members also make one of this kind
    /// (see [`fits`]); its own place keeps it as it is.
    copy: bool,
}

/// What the pass will do to a document: computed without changing it.
pub(crate) struct Plan {
    rewrites: Vec<(String, String)>,
    hoists: Vec<Hoist>,
    /// Errors at `$ref`s: (the `$ref`'s pointer, the message).
    pub errors: Vec<(String, String)>,
    /// Some schema has a `$ref` with shaping siblings (`siblings.rs` has work).
    pub siblings: bool,
}

impl Plan {
    /// Nothing to move or rewrite (errors may still be reported).
    pub fn changes_nothing(&self) -> bool {
        self.rewrites.is_empty() && self.hoists.is_empty()
    }

    /// Rewrites the references and moves the hoisted nodes (deepest first, so that a
    /// target inside another moves before its ancestor, which then carries the `$ref` left in
    /// its place); the map gives each hoisted node's original place. `document`'s keys must
    /// be strings (`load::keys_as_strings`).
    pub fn apply(self, document: &mut Value) -> PointerMap {
        for (at, reference) in &self.rewrites {
            let segments: Vec<String> = crate::diag::segments(at).collect();
            if let Some(node) = node_at_mut(document, &segments) {
                *node = Value::String(reference.clone());
            }
        }
        let mut hoists = self.hoists;
        hoists.sort_by_key(|h| std::cmp::Reverse(h.segments.len()));
        let mut map = PointerMap::default();
        for hoist in hoists {
            let reference = component_ref(hoist.section, &hoist.key);
            let Some(place) = node_at_mut(document, &hoist.segments) else { continue };
            let original = hoist.segments.iter().fold(String::new(), |p, s| join(&p, s));
            if hoist.copy {
                let node = place.clone();
                map.insert(join(&join("/components", hoist.section), &hoist.key), original);
                if let Some(section) = section_mut(document, hoist.section) {
                    section.insert(Value::String(hoist.key), node);
                }
                continue;
            }
            let mut stub = Mapping::new();
            stub.insert(Value::from("$ref"), Value::String(reference));
            if hoist.kind == Kind::Schema {
                for key in KEPT_AT_PLACE {
                    if let Some(value) = place.get(key) {
                        stub.insert(Value::from(key), value.clone());
                    }
                }
            }
            let node = std::mem::replace(place, Value::Mapping(stub));
            map.insert(join(&join("/components", hoist.section), &hoist.key), original);
            if let Some(section) = section_mut(document, hoist.section) {
                section.insert(Value::String(hoist.key), node);
            }
        }
        map
    }
}

/// `#/components/<section>/<key>`.
fn component_ref(section: &str, key: &str) -> String {
    format!("#/components/{section}/{}", escape_segment(key))
}

/// Plans the resolution of every local `$ref` of `document` at a schema, parameter, request
/// body, response or header place.
pub(crate) fn plan(document: &Value) -> Plan {
    let (refs, siblings) = collect(document);
    let mut resolver = Resolver::new(document);
    let mut plan = Plan { rewrites: Vec::new(), hoists: Vec::new(), errors: Vec::new(), siblings };
    for r in refs {
        match resolver.resolve(&r.reference, r.place) {
            Resolution::To(to) if to != r.reference => plan.rewrites.push((r.at, to)),
            Resolution::To(_) | Resolution::Missing => {}
            Resolution::Error(message) => plan.errors.push((r.at, message)),
        }
    }
    plan.hoists = resolver.hoists;
    plan
}

/// Every local `$ref` at a place of a [`RESOLVED`] kind, in document order; and whether a
/// schema's `$ref` has shaping siblings. Extensions and examples are not entered: a `$ref`
/// in them is data.
fn collect(document: &Value) -> (Vec<Ref>, bool) {
    let mut refs = Vec::new();
    let mut siblings = false;
    let mut pending = vec![(document, String::new(), Kind::Root)];
    while let Some((node, at, kind)) = pending.pop() {
        match node {
            Value::Mapping(map) => {
                if let (Some(Value::String(reference)), true) = (map.get("$ref"), RESOLVED.contains(&kind)) {
                    if reference.starts_with('#') {
                        refs.push(Ref { at: join(&at, "$ref"), place: kind, reference: reference.clone() });
                    }
                    siblings |= kind == Kind::Schema && SHAPING.iter().any(|k| map.contains_key(*k));
                }
                let entries: Vec<(&Value, &Value)> = map.iter().collect();
                for (key, child) in entries.into_iter().rev() {
                    let Some(key) = key_text(key) else { continue };
                    push(&mut pending, child, &at, &key, kind);
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    push(&mut pending, item, &at, &i.to_string(), kind);
                }
            }
            Value::Tagged(tagged) => pending.push((&tagged.value, at, kind)),
            _ => {}
        }
    }
    (refs, siblings)
}

fn push<'v>(pending: &mut Vec<(&'v Value, String, Kind)>, child: &'v Value, at: &str, key: &str, kind: Kind) {
    let child_kind = step(kind, key);
    if matches!(child, Value::Mapping(_) | Value::Sequence(_) | Value::Tagged(_))
        && !matches!(child_kind, Kind::Data | Kind::Unknown)
    {
        pending.push((child, join(at, key), child_kind));
    }
}

/// Resolves references, memoised, and decides the hoists.
struct Resolver<'d> {
    doc: &'d Value,
    memo: HashMap<(String, Kind), Resolution>,
    /// The place (segments) of each node hoisted, and the section it went to -> its new
    /// reference.
    hoisted: HashMap<(Vec<String>, &'static str), String>,
    hoists: Vec<Hoist>,
    /// Keys taken in each section, and the Rust names of the schemas' keys.
    taken: HashMap<&'static str, HashSet<String>>,
    type_names: HashSet<String>,
}

impl<'d> Resolver<'d> {
    fn new(doc: &'d Value) -> Self {
        let mut taken: HashMap<&'static str, HashSet<String>> = HashMap::new();
        let mut type_names = HashSet::new();
        if let Some(Value::Mapping(components)) = doc.get("components") {
            for (section, members) in components {
                let (Value::String(section), Value::Mapping(members)) = (section, members) else { continue };
                let Some(section) = RESOLVED.iter().filter_map(|k| k.section()).find(|s| s == section) else { continue };
                let keys = taken.entry(section).or_default();
                for key in members.keys().filter_map(|k| k.as_str()) {
                    keys.insert(key.to_owned());
                    if section == "schemas" {
                        type_names.insert(type_name(key));
                    }
                }
            }
        }
        Self { doc, memo: HashMap::new(), hoisted: HashMap::new(), hoists: Vec::new(), taken, type_names }
    }

    /// Where `reference`, met at a place of kind `expected`, leads.
    fn resolve(&mut self, reference: &str, expected: Kind) -> Resolution {
        let mut chain: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let mut current = reference.to_owned();
        let result = loop {
            if let Some(found) = self.memo.get(&(current.clone(), expected)) {
                break found.clone();
            }
            if !seen.insert(current.clone()) {
                chain.push(current);
                let links = chain.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" -> ");
                break Resolution::Error(format!(
                    "$ref `{reference}` is a cycle of references with no definition in it ({links}); \
                     point one of them at {} itself",
                    expected.noun()
                ));
            }
            chain.push(current.clone());
            let Some((node, segments)) = target_place(self.doc, &current) else {
                break if chain.len() == 1 {
                    Resolution::Missing
                } else {
                    Resolution::Error(format!(
                        "$ref `{reference}` leads to the $ref `{current}`, which points at nothing in this \
                         document; fix that pointer"
                    ))
                };
            };
            let found = match kind_of(segments.iter().map(String::as_str)) {
                Kind::Unknown => expected,
                kind => kind,
            };
            if found != expected && fits(node, expected) {
                // `#/components/responses/R` used as a schema, where R is `{description}`:
                // a valid node of either kind. OpenAPI ties a `$ref` to no section; what
                // counts is that the target is an object of the kind expected.
                let section = expected.section().unwrap_or("schemas");
                break Resolution::To(self.hoist(segments, expected, section, true));
            }
            if found != expected {
                break Resolution::Error(format!(
                    "$ref `{reference}` names {} (`{current}`), but {} is expected here; point it at {}",
                    found.noun(),
                    expected.noun(),
                    expected.noun()
                ));
            }
            let section = expected.section().unwrap_or("schemas");
            let canonical = segments.len() == 3 && segments[0] == "components" && segments[1] == section;
            let next = node.get("$ref").and_then(Value::as_str).filter(|r| r.starts_with('#'));
            // A link of a chain is followed; for schemas, one that only annotates its `$ref`
            // (the referenced type is its type) and is not a component schema, which is a
            // type (an alias): the model resolves aliases and their cycles.
            let annotates = node.as_mapping().is_some_and(|m| !SHAPING.iter().any(|k| m.contains_key(*k)));
            let follow = match expected {
                Kind::Schema => annotates && !canonical,
                _ => true,
            };
            if let (Some(next), true) = (next, follow) {
                current = next.to_owned();
                continue;
            }
            break Resolution::To(if canonical {
                component_ref(section, &segments[2])
            } else {
                self.hoist(segments, expected, section, false)
            });
        };
        for link in chain {
            self.memo.insert((link, expected), result.clone());
        }
        result
    }

    /// The reference of the hoisted node at `segments` (hoisted on first use); `copy`: a
    /// copy of it, as a node of `kind`.
    fn hoist(&mut self, segments: Vec<String>, kind: Kind, section: &'static str, copy: bool) -> String {
        if let Some(reference) = self.hoisted.get(&(segments.clone(), section)) {
            return reference.clone();
        }
        let wanted = place_name(self.doc, &segments);
        let taken = self.taken.entry(section).or_default();
        let schemas = section == "schemas";
        let mut key = wanted.clone();
        let mut n = 1;
        while taken.contains(&key) || (schemas && self.type_names.contains(&type_name(&key))) {
            n += 1;
            key = format!("{wanted}{n}");
        }
        taken.insert(key.clone());
        if schemas {
            self.type_names.insert(type_name(&key));
        }
        let reference = component_ref(section, &key);
        self.hoisted.insert((segments.clone(), section), reference.clone());
        self.hoists.push(Hoist { segments, kind, section, key, copy });
        reference
    }
}

/// Whether `node`, found in another section, is also a node of `kind`: a mapping with no
/// `$ref` whose every member is one `kind` has (or an extension). `{description: ..}` is a
/// schema and a response alike; a parameter (`name`, `in`) is no schema.
fn fits(node: &Value, kind: Kind) -> bool {
    const SCHEMA: &[&str] = &[
        "title", "description", "type", "format", "nullable", "enum", "const", "default", "example",
        "examples", "readOnly", "writeOnly", "deprecated", "externalDocs", "xml", "discriminator",
        "properties", "required", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "not",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength",
        "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "minProperties",
        "maxProperties", "$schema", "$id", "$comment",
    ];
    const RESPONSE: &[&str] = &["description", "headers", "content", "links"];
    const REQUEST_BODY: &[&str] = &["description", "content", "required"];
    let allowed = match kind {
        Kind::Schema => SCHEMA,
        Kind::Response => RESPONSE,
        Kind::RequestBody => REQUEST_BODY,
        _ => return false,
    };
    node.as_mapping().is_some_and(|map| {
        map.keys().all(|k| k.as_str().is_some_and(|k| k.starts_with("x-") || allowed.contains(&k)))
    })
}

/// The name a node gets from its place: what inline naming would call it there.
fn place_name(doc: &Value, segments: &[String]) -> String {
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let (mut name, start) = match s.as_slice() {
        ["components", _, key, ..] => (type_name(key), 3),
        ["definitions", key, ..] => (type_name(key), 2),
        ["paths", path, method, ..] if crate::load::spec::METHODS.contains(method) => {
            let operation = segments_node(doc, &s[..3]);
            match operation.and_then(|o| o.get("operationId")).and_then(Value::as_str) {
                Some(id) => (type_name(id), 3),
                None => (type_name(&format!("{method} {path}")), 3),
            }
        }
        ["paths", path, ..] => (type_name(path), 2),
        [first, ..] => (type_name(first), 1),
        [] => ("Root".to_owned(), 0),
    };
    let mut node = segments_node(doc, &s[..start]);
    let mut rest = &s[start..];
    while let [segment, tail @ ..] = rest {
        let inner = node.and_then(|v| child(v, segment));
        let second = tail.first().copied();
        let item = second.and_then(|n| inner.and_then(|m| child(m, n)));
        let (part, taken) = match (*segment, second) {
            ("parameters", Some(index)) => {
                let named = item.and_then(|p| p.get("name")).and_then(Value::as_str);
                (type_name(named.unwrap_or(index)), 2)
            }
            ("responses", Some(code)) if code.starts_with('2') => ("Response".to_owned(), 2),
            ("responses", Some(code)) => (format!("{}Response", type_name(code)), 2),
            ("content" | "examples" | "encoding", Some(_)) => (String::new(), 2),
            ("requestBody", _) => ("Body".to_owned(), 1),
            ("schema", _) => (String::new(), 1),
            ("items", _) => ("Item".to_owned(), 1),
            ("additionalProperties", _) => ("Value".to_owned(), 1),
            ("allOf" | "oneOf" | "anyOf" | "prefixItems", Some(index)) => {
                let title = item.and_then(|m| m.get("title")).and_then(Value::as_str);
                match (title, index.parse::<usize>()) {
                    (Some(title), _) => (type_name(title), 2),
                    (None, Ok(n)) => (format!("Variant{}", n + 1), 2),
                    (None, Err(_)) => (type_name(index), 2),
                }
            }
            ("properties" | "patternProperties" | "$defs" | "definitions" | "headers" | "dependentSchemas", Some(key)) => {
                (type_name(key), 2)
            }
            (other, _) => (type_name(other), 1),
        };
        name.push_str(&part);
        node = if taken == 2 { item } else { inner };
        rest = &rest[taken.min(rest.len())..];
    }
    type_name(&name)
}

/// The node at a place (segments as matched), if there is one.
fn segments_node<'v>(doc: &'v Value, segments: &[&str]) -> Option<&'v Value> {
    segments.iter().try_fold(doc, |node, s| child(node, s))
}

/// The node at a place, for changing it; keys are strings.
fn node_at_mut<'v>(document: &'v mut Value, segments: &[String]) -> Option<&'v mut Value> {
    segments.iter().try_fold(document, |node, segment| match node {
        Value::Mapping(map) => map.get_mut(segment.as_str()),
        Value::Sequence(items) => segment.parse::<usize>().ok().and_then(move |i| items.get_mut(i)),
        Value::Tagged(tagged) => match &mut tagged.value {
            Value::Mapping(map) => map.get_mut(segment.as_str()),
            _ => None,
        },
        _ => None,
    })
}

/// `components.<section>`, made when absent (a document without `components`, or a
/// section it does not have yet); `None` when either is there but not a mapping (the typed
/// read reports that).
fn section_mut<'v>(document: &'v mut Value, section: &str) -> Option<&'v mut Mapping> {
    fn mapping_at<'m>(map: &'m mut Mapping, key: &str) -> Option<&'m mut Mapping> {
        let entry = map.entry(Value::from(key)).or_insert(Value::Null);
        if entry.is_null() {
            *entry = Value::Mapping(Mapping::new());
        }
        entry.as_mapping_mut()
    }
    mapping_at(mapping_at(document.as_mapping_mut()?, "components")?, section)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diag::Severity;

    const SPEC: &str = r##"openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      operationId: ListA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  n: {type: intger}
  /b:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/paths/~1a/get/responses/200/content/application~1json/schema'}
        '201':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/paths/~1a/get/responses/200/content/application%7E1json/schema'}
components:
  schemas:
    ListAResponse: {type: string}
    X:
      type: object
      properties:
        y: {type: object, properties: {z: {type: string}}}
        w: {$ref: '#/components/schemas/X/properties/y'}
"##;

    #[test]
    fn each_target_is_hoisted_once_under_the_name_of_its_place_and_located_there() {
        let mut tree: serde_yaml::Value = serde_yaml::from_str(SPEC).unwrap();
        super::super::keys_as_strings(&mut tree);
        let plan = super::plan(&tree);
        assert!(plan.errors.is_empty());
        // Two spellings of one place under `paths`: one hoist; its name taken, so numbered.
        let hoisted: Vec<(&str, &str)> = plan.hoists.iter().map(|h| (h.section, h.key.as_str())).collect();
        assert_eq!(hoisted, [("schemas", "ListAResponse2"), ("schemas", "Xy")]);
        let map = plan.apply(&mut tree);
        let schema = "/paths/~1a/get/responses/200/content/application~1json/schema";
        assert_eq!(map.original("/components/schemas/ListAResponse2/properties/n"), format!("{schema}/properties/n"));
        let at_b = |code: &str| tree["paths"]["/b"]["get"]["responses"][code]["content"]["application/json"]["schema"]["$ref"].clone();
        assert_eq!(at_b("200"), at_b("201"));
        assert_eq!(at_b("200").as_str(), Some("#/components/schemas/ListAResponse2"));
        // The place that defined it refers to it too.
        assert_eq!(tree["components"]["schemas"]["X"]["properties"]["y"]["$ref"].as_str(), Some("#/components/schemas/Xy"));

        // A problem inside the hoisted node is reported at its line in the text.
        let spec = crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned(), false).expect("loads");
        let modelled = crate::model::build(&spec, "t", None, false);
        let errors: Vec<_> = modelled.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].pointer.as_deref()), (Some(15), Some(format!("{schema}/properties/n/type").as_str())));
    }
    /// A path's `$ref` at another path item moves that item to `components.pathItems`, named
    /// from its path, and both paths refer to it; one at a component is left as written.
    #[test]
    fn a_path_item_named_by_its_place_moves_to_components_path_items() {
        let text = r##"
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /status: {$ref: "#/paths/~1health"}
  /health:
    get: {responses: {"204": {description: ok}}}
  /pets: {$ref: "#/components/pathItems/Pets"}
components:
  pathItems:
    Pets:
      get: {responses: {"204": {description: ok}}}
"##;
        let mut tree: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        super::super::keys_as_strings(&mut tree);
        let plan = super::plan(&tree);
        assert!(plan.errors.is_empty(), "{:?}", plan.errors);
        let hoisted: Vec<(&str, &str)> = plan.hoists.iter().map(|h| (h.section, h.key.as_str())).collect();
        assert_eq!(hoisted, [("pathItems", "Health")]);
        let map = plan.apply(&mut tree);
        assert_eq!(map.original("/components/pathItems/Health/get"), "/paths/~1health/get");
        for path in ["/status", "/health"] {
            assert_eq!(tree["paths"][path]["$ref"].as_str(), Some("#/components/pathItems/Health"), "{path}");
        }
        assert_eq!(tree["paths"]["/pets"]["$ref"].as_str(), Some("#/components/pathItems/Pets"));
        assert!(tree["components"]["pathItems"]["Health"]["get"].is_mapping());
    }

    /// A target in another section that is also a node of the kind expected (`{description}`
    /// is a schema and a response) is copied into the expected section, its own place kept;
    /// one that is not (a parameter where a schema goes) stays an error at the `$ref`.
    #[test]
    fn a_target_in_another_section_is_copied_when_it_is_also_of_the_kind_expected() {
        let text = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/responses/Plain"}
        "400": {$ref: "#/components/schemas/Problem"}
        "404":
          description: no
          content:
            application/json:
              schema: {$ref: "#/paths/~1a/get/parameters/0"}
components:
  schemas:
    Problem: {description: a problem}
  responses:
    Plain: {description: plain}
"##;
        let mut tree: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        super::super::keys_as_strings(&mut tree);
        let plan = super::plan(&tree);
        assert_eq!(plan.errors.len(), 1, "{:?}", plan.errors);
        assert!(plan.errors[0].0.ends_with("/404/content/application~1json/schema/$ref"), "{:?}", plan.errors);
        assert!(plan.errors[0].1.contains("names a parameter"), "{:?}", plan.errors);
        let copies: Vec<(&str, &str, bool)> = plan.hoists.iter().map(|h| (h.section, h.key.as_str(), h.copy)).collect();
        assert_eq!(copies, [("schemas", "Plain", true), ("responses", "Problem", true)]);
        let map = plan.apply(&mut tree);
        assert_eq!(map.original("/components/schemas/Plain"), "/components/responses/Plain");
        // Both originals stay where they were.
        assert_eq!(tree["components"]["responses"]["Plain"]["description"].as_str(), Some("plain"));
        assert_eq!(tree["components"]["schemas"]["Problem"]["description"].as_str(), Some("a problem"));
        assert_eq!(tree["components"]["responses"]["Problem"]["description"].as_str(), Some("a problem"));
        let ok = &tree["paths"]["/a"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(ok.as_str(), Some("#/components/schemas/Plain"));
    }
}
