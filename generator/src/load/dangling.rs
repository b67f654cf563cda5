//! Local `$ref`s whose target is not in the document, wherever they are.
//!
//! The model resolves the references it reads (schemas, parameters, bodies, responses) and
//! reports those that fail; a `$ref` in a part it does not read (a response header, a link,
//! an example) would fail silently. This walk finds every local `$ref` of the tree that
//! points at nothing, so the model can report those it has not (see `model::build`).
//! References to other files are the model's to report where it reads them.

use serde_yaml::Value;

use crate::diag::{join, unescape_segment};

/// Every `$ref` (its own pointer, its value) whose `#/...` target is not in `document`, in
/// document order. One walk, and one lookup per reference.
pub(crate) fn dangling_refs(document: &Value) -> Vec<(String, String)> {
    let mut dangling = Vec::new();
    let mut pending = vec![(document, String::new())];
    while let Some((node, at)) = pending.pop() {
        match node {
            Value::Mapping(map) => {
                // Pushed last to first, so that they are taken in document order.
                let entries: Vec<(&Value, &Value)> = map.iter().collect();
                for (key, child) in entries.into_iter().rev() {
                    let Some(key) = key_text(key) else { continue };
                    let child_at = join(&at, &key);
                    if key == "$ref" {
                        if let Value::String(reference) = child {
                            if reference.starts_with('#') && target(document, reference).is_none() {
                                dangling.push((child_at, reference.clone()));
                            }
                            continue;
                        }
                    }
                    pending.push((child, child_at));
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    pending.push((item, join(&at, &i.to_string())));
                }
            }
            Value::Tagged(tagged) => pending.push((&tagged.value, at)),
            _ => {}
        }
    }
    dangling
}

/// The node a local reference (`#/components/schemas/Pet`) names, if there is one. A
/// segment is a JSON pointer's (`~1` is `/`), percent-encoded as a URI fragment may be.
fn target<'v>(document: &'v Value, reference: &str) -> Option<&'v Value> {
    target_place(document, reference).map(|(node, _)| node)
}

/// The node a local reference names and the segments of its place, unescaped and decoded
/// as they matched: the one reading of a pointer, shared with the resolver (`hoist.rs`), so
/// that a `$ref` it resolves is never dangling here and the other way round.
pub(crate) fn target_place<'v>(document: &'v Value, reference: &str) -> Option<(&'v Value, Vec<String>)> {
    let pointer = reference.strip_prefix('#')?;
    let mut segments = Vec::new();
    if pointer.is_empty() {
        return Some((document, segments));
    }
    let mut node = document;
    for raw in pointer.strip_prefix('/')?.split('/') {
        // A URI fragment is percent-decoded first, then read as a JSON pointer (RFC 6901 §6).
        let segment = unescape_segment(raw);
        let decoded = percent_decoded(raw).map(|d| unescape_segment(&d));
        let (next, matched) = [Some(segment), decoded]
            .into_iter()
            .flatten()
            .find_map(|s| child(node, &s).map(|n| (n, s)))?;
        node = next;
        segments.push(matched);
    }
    Some((node, segments))
}

/// A mapping key as a pointer segment: a string, or a number or boolean as YAML writes it
/// (`200:`, `true:`); `None` for a key no pointer can name (a list, a map, null).
pub(crate) fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(crate) fn child<'v>(node: &'v Value, segment: &str) -> Option<&'v Value> {
    match node {
        Value::Mapping(map) => map.get(segment).or_else(|| {
            // An unquoted key that YAML reads as a number (`200:`) or a boolean.
            let number = segment.parse::<u64>().ok().and_then(|n| map.get(Value::from(n)));
            number.or_else(|| segment.parse::<bool>().ok().and_then(|b| map.get(Value::Bool(b))))
        }),
        Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
        Value::Tagged(tagged) => child(&tagged.value, segment),
        _ => None,
    }
}

/// `segment` with its `%XX` escapes decoded, when it has any and they make UTF-8.
fn percent_decoded(segment: &str) -> Option<String> {
    if !segment.contains('%') {
        return None;
    }
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_local_ref_that_points_at_nothing() {
        let yaml = r##"
components:
  schemas: {Pet: {type: object, properties: {name: {type: string}}, $defs: {Id: {}}}, "a/b": {}}
  responses:
    R:
      headers: {X: {$ref: '#/components/headers/Missing'}}
      links: {l: {$ref: '#/components/schemas/Pet'}}
paths:
  /a/{id}:
    get:
      responses:
        200: {$ref: '#/components/responses/R'}
        201: {$ref: '#/paths/~1a~1{id}/get/responses/200'}
        202: {$ref: '#/paths/~1a~1%7Bid%7D/get'}
        203: {$ref: '#/components/schemas/a~1b'}
        204: {$ref: 'other.yaml#/Missing'}
        205: {content: {x: {examples: [{$ref: '#/nope'}]}}}
        # Interiors the resolver (`hoist.rs`) hoists: not dangling, by the same reading.
        206: {content: {x: {schema: {$ref: '#/components/schemas/Pet/properties/name'}}}}
        207: {content: {x: {schema: {$ref: '#/components/schemas/Pet/$defs/Id'}}}}
        208: {$ref: '#/paths/~1a~1%7Bid%7D/get/responses/200'}
        209: {content: {x: {schema: {$ref: '#/components/schemas/Pet/properties/age'}}}}
"##;
        let tree: Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(
            dangling_refs(&tree),
            [
                ("/components/responses/R/headers/X/$ref".to_owned(), "#/components/headers/Missing".to_owned()),
                ("/paths/~1a~1{id}/get/responses/205/content/x/examples/0/$ref".to_owned(), "#/nope".to_owned()),
                (
                    "/paths/~1a~1{id}/get/responses/209/content/x/schema/$ref".to_owned(),
                    "#/components/schemas/Pet/properties/age".to_owned()
                ),
            ]
        );
        // The place a reference names, its segments as they matched (decoded, unescaped),
        // as the resolver keys what it hoists: two spellings, one place.
        let place = |r: &str| target_place(&tree, r).map(|(_, segments)| segments);
        let expected = ["paths", "/a/{id}", "get"].map(String::from).to_vec();
        assert_eq!(place("#/paths/~1a~1%7Bid%7D/get"), Some(expected.clone()));
        assert_eq!(place("#/paths/~1a~1{id}/get"), Some(expected));
    }
}
