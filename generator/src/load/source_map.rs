//! Where each node of a spec is: JSON pointer -> position, from a YAML parser's own marks.
//!
//! serde_yaml (the deserializer) keeps no positions once a document is read, so the
//! `saphyr-parser` event parser reads the same text beside it: a safe, streaming YAML 1.2
//! parser (JSON is YAML 1.2) that gives every event its span, whatever the style (block,
//! flow, pretty or minified JSON). One pass over its events serves two purposes:
//!
//! - [`check`], before serde_yaml runs, on every spec: refuses nesting deeper than
//!   [`MAX_DEPTH`] at its place (serde_yaml would refuse it too, but only after a scan that
//!   is quadratic in the depth: 80,000 `[` took over 20 s), and blanks the YAML 1.1 line
//!   breaks (NEL, U+2028, U+2029) that serde_yaml's libyaml would see in comments;
//! - [`SourceMap::build`], once per spec and only when a diagnostic needs a place: a tree of
//!   positions that each JSON pointer is looked up in, in time proportional to its length.
//!
//! The map keeps positions only: each node is a character index and its kind, and a
//! mapping's children are keyed by a 64-bit hash of the key (a collision between two keys of
//! one mapping, about 1 in 10^19 per pair, could only misplace a caret).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// The deepest nesting of mappings and sequences read: serde_yaml's own recursion limit, so
/// nothing it would accept is refused.
pub const MAX_DEPTH: usize = 128;

/// The characters YAML 1.1 (libyaml, under serde_yaml) takes for line breaks and YAML 1.2
/// (and JSON, and editors) does not.
const YAML11_BREAKS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];

/// Why a spec is refused before it is deserialized: the character index and the message.
pub type Refusal = (usize, String);

/// Checks a spec's nesting, and returns the text serde_yaml should read: `text` itself, or
/// a copy of the same length in bytes where NEL, U+2028 and U+2029 outside scalars (in
/// comments) are spaces, so that libyaml neither ends a comment there nor counts a line.
/// A syntax error is left for serde_yaml to report.
pub fn check(text: &str) -> Result<Cow<'_, str>, Refusal> {
    let breaks = text.contains(YAML11_BREAKS);
    let mut scalars: Vec<(usize, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(event) => event,
            // Its scanner reads a flow collection to its end before the first event, and
            // stops past 255 levels, before our count would: that is the same refusal.
            Err(e) if e.info() == "recursion limit exceeded" => return Err((e.marker().index(), too_deep())),
            // A syntax error: serde_yaml reports it, the text having been checked up to it.
            Err(_) => break,
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err((span.start.index(), too_deep()));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            Event::Scalar(_, style, ..) if breaks => {
                let quoted = matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                scalars.push((span.start.index(), span.end.index(), quoted));
            }
            _ => {}
        }
    }
    if !breaks {
        return Ok(Cow::Borrowed(text));
    }
    // Scalars come in text order: one walk over the text and the list together. A quoted
    // scalar's span runs on over the comment after it: it ends at its closing quote.
    let mut out = String::with_capacity(text.len());
    let mut scalars = scalars.into_iter().peekable();
    // In the current quoted scalar: its quote, and whether it is closed, a `\` escapes the
    // next character (double quotes), a `'` may be the first of `''` (single quotes).
    let (mut quote, mut closed, mut escaped, mut pending) = ('"', false, false, false);
    for (index, c) in text.chars().enumerate() {
        while scalars.peek().is_some_and(|&(_, end, _)| end <= index) {
            scalars.next();
            (closed, escaped, pending) = (false, false, false);
        }
        let in_scalar = match scalars.peek() {
            Some(&(start, _, quoted)) if start <= index => {
                if !quoted {
                    true
                } else if closed {
                    false
                } else if index == start {
                    quote = c;
                    true
                } else if escaped {
                    escaped = false;
                    true
                } else if pending {
                    pending = false;
                    closed = c != '\'';
                    !closed
                } else {
                    match c {
                        '\\' if quote == '"' => escaped = true,
                        '"' if quote == '"' => closed = true,
                        '\'' if quote == '\'' => pending = true,
                        _ => {}
                    }
                    true
                }
            }
            _ => false,
        };
        if YAML11_BREAKS.contains(&c) && !in_scalar {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    Ok(Cow::Owned(out))
}

fn too_deep() -> String {
    format!(
        "invalid YAML: nested more than {MAX_DEPTH} levels deep (mappings and lists): \
         no OpenAPI document needs that; flatten it, e.g. with a `$ref` to a component"
    )
}

/// The position of every node of a document, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    nodes: Vec<Node>,
    /// (parent node, key) -> child node; the key is the item's index in a sequence, the
    /// hash of the key in a mapping.
    children: HashMap<(u32, u64), u32, BuildHasherDefault<DefaultHasher>>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// Character index of the node; for a mapping's value, of its key (where `key:` is).
    at: u32,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Mapping,
    Sequence,
    /// `*name`: the pointer goes on in the anchored node (the index of).
    Alias(u32),
}

/// A mapping or sequence being read.
struct Open {
    node: u32,
    /// A mapping: the key of the value that comes next (its hash and place), once read.
    key: Option<(u64, u32)>,
    /// A sequence: the index of the next item. A mapping: whether it is a key that comes next.
    next: u64,
    /// A key that is itself a mapping or sequence, or the value of one: nothing under it has
    /// a JSON pointer.
    skipped: bool,
}

fn hash(segment: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(segment)
}

impl SourceMap {
    /// Reads the first document of `text`. Stops at a syntax error, keeping what it read
    /// (serde_yaml reports the error); a text of more than 4 G characters gets no map.
    pub fn build(text: &str) -> Self {
        let mut map = Self::default();
        if text.len() > u32::MAX as usize {
            return map;
        }
        let mut open: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, u32> = HashMap::new();
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            match event {
                Event::Scalar(value, _, anchor, _) => {
                    if let Some(node) = map.node(&mut open, &span, Kind::Scalar, Some(&value)) {
                        anchor_at(&mut anchors, anchor, node);
                    }
                }
                Event::Alias(anchor) => {
                    let target = anchors.get(&anchor).copied();
                    let kind = target.map_or(Kind::Scalar, Kind::Alias);
                    map.node(&mut open, &span, kind, Some("*"));
                }
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    let mapping = matches!(event, Event::MappingStart(..));
                    let kind = if mapping { Kind::Mapping } else { Kind::Sequence };
                    let node = map.node(&mut open, &span, kind, None);
                    if let Some(node) = node {
                        anchor_at(&mut anchors, anchor, node);
                    }
                    if open.len() >= MAX_DEPTH {
                        break;
                    }
                    let (next, skipped) = (u64::from(mapping), node.is_none());
                    open.push(Open { node: node.unwrap_or(u32::MAX), key: None, next, skipped });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    open.pop();
                }
                Event::DocumentEnd => break,
                _ => {}
            }
        }
        map
    }

    /// Records a node at `span` as the next child of the innermost open collection, and
    /// returns its index; a mapping's key is only remembered for the value that follows.
    fn node(&mut self, open: &mut [Open], span: &Span, kind: Kind, scalar: Option<&str>) -> Option<u32> {
        let at = span.start.index() as u32;
        let Some(parent) = open.last_mut() else {
            if !self.nodes.is_empty() {
                return None;
            }
            self.nodes.push(Node { at, kind });
            return Some(0);
        };
        if parent.skipped {
            return None;
        }
        let parent_is_mapping = self.nodes.get(parent.node as usize).is_some_and(|n| n.kind == Kind::Mapping);
        let (key, at) = if parent_is_mapping {
            if parent.next == 1 {
                // A key. A mapping or sequence as a key has no JSON pointer: its value is
                // skipped (`key` stays empty).
                parent.next = 0;
                parent.key = scalar.map(|s| (hash(s), at));
                return None;
            }
            parent.next = 1;
            parent.key.take()?
        } else {
            parent.next += 1;
            (parent.next - 1, at)
        };
        let id = self.nodes.len() as u32;
        self.nodes.push(Node { at, kind });
        self.children.insert((parent.node, key), id);
        Some(id)
    }

    /// The character index of the node at a JSON `pointer`, or of its deepest ancestor in
    /// the document when the rest is not there (a node that lenient loading left out, say).
    pub fn locate(&self, pointer: &str) -> Option<usize> {
        let mut node = 0u32;
        let root = self.nodes.first()?;
        let mut at = root.at;
        for segment in crate::diag::segments(pointer) {
            let mut current = self.nodes[node as usize];
            if let Kind::Alias(target) = current.kind {
                node = target;
                current = self.nodes[node as usize];
            }
            let key = match current.kind {
                Kind::Mapping => hash(&segment),
                Kind::Sequence => match segment.parse::<u64>() {
                    Ok(index) => index,
                    Err(_) => break,
                },
                Kind::Scalar | Kind::Alias(_) => break,
            };
            match self.children.get(&(node, key)) {
                Some(&child) => {
                    node = child;
                    // The alias's own place, not the anchor's, for the node itself.
                    at = self.nodes[child as usize].at;
                }
                None => break,
            }
        }
        Some(at as usize)
    }
}

fn anchor_at(anchors: &mut HashMap<usize, u32>, anchor: usize, node: u32) {
    // saphyr numbers anchors from 1; 0 is none.
    if anchor != 0 {
        anchors.insert(anchor, node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Position, Source};

    /// Line and column of each pointer in `text`.
    fn positions(text: &str, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
        let source = Source::new(text.to_owned());
        let map = SourceMap::build(source.text());
        pointers
            .iter()
            .map(|p| map.locate(p).map(|i| source.position_of_char(i)).map(|Position { line, column }| (line, column)))
            .collect()
    }

    const BLOCK: &str = "\
openapi: 3.0.1
paths:
  '/a/{id}':
    get:
      parameters:
        - name: id
          in: path
        - $ref: '#/components/parameters/P'
      responses:
        200:
          description: ok
components:
  schemas:
    # a comment
    Foo:
      type: object
      properties:
        bar:
          type: strng
";

    #[test]
    fn block_style_keys_and_items() {
        let found = positions(
            BLOCK,
            &[
                "",
                "/openapi",
                "/paths/~1a~1{id}/get",
                "/paths/~1a~1{id}/get/parameters/0",
                "/paths/~1a~1{id}/get/parameters/0/in",
                "/paths/~1a~1{id}/get/parameters/1/$ref",
                "/paths/~1a~1{id}/get/responses/200/description",
                "/components/schemas/Foo/properties/bar/type",
            ],
        );
        let expected = [(1, 1), (1, 1), (4, 5), (6, 11), (7, 11), (8, 11), (11, 11), (19, 11)];
        assert_eq!(found, expected.map(Some));
    }

    #[test]
    fn a_missing_segment_gives_its_deepest_ancestor() {
        let found = positions(BLOCK, &["/components/schemas/Foo/nope", "/components/schemas/Foo/properties/type", "/nothing"]);
        assert_eq!(found, [Some((15, 5)), Some((17, 7)), Some((1, 1))]);
        assert_eq!(SourceMap::build("").locate("/a"), None);
    }

    #[test]
    fn flow_style_and_json_pretty_or_minified() {
        let flow = "openapi: 3.0.1\ncomponents: {schemas: {A: {type: strng}, B: [{x: 1}, {'y': 2}]}}\n";
        let found = positions(flow, &["/components/schemas/A/type", "/components/schemas/B/1/y"]);
        assert_eq!(found, [Some((2, 28)), Some((2, 55))]);

        let minified = r#"{"openapi":"3.0.1","components":{"schemas":{"A":{"type":"strng"},"B":{"items":[1,{"z":"\u00e9"}]}}}}"#;
        let found = positions(minified, &["/components/schemas/A/type", "/components/schemas/B/items/1/z"]);
        let column = |needle: &str| minified.find(needle).unwrap() + 1;
        assert_eq!(found, [Some((1, column(r#""type""#))), Some((1, column(r#""z""#)))]);

        let pretty = "{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {\n    \"/a\": {\n      \"get\": {}\n    }\n  }\n}\n";
        assert_eq!(positions(pretty, &["/paths/~1a/get"]), [Some((5, 7))]);
    }

    #[test]
    fn keys_are_matched_as_written_and_unescaped() {
        let text = "a: {\"x\\ty\": 1, 'it''s': 2, ~0~1: 3}\n\"a/b\": {c: 4}\n";
        let found = positions(text, &["/a/x\ty", "/a/it's", "/a/~00~01", "/a~1b/c"]);
        assert_eq!(found, [Some((1, 5)), Some((1, 16)), Some((1, 28)), Some((2, 9))]);
    }

    #[test]
    fn aliases_lead_into_their_anchor_and_complex_keys_are_skipped() {
        let text = "defs:\n  base: &b\n    type: strng\nuse:\n  x: *b\n? [complex, key]\n: {inner: 1}\nafter: 2\n";
        let found = positions(text, &["/use/x", "/use/x/type", "/after"]);
        assert_eq!(found, [Some((5, 3)), Some((3, 5)), Some((8, 1))]);
    }

    #[test]
    fn cr_only_line_endings_and_unicode_separators_count_as_editors_do() {
        let text = "openapi: 3.0.1\r# a comment\u{2028} and NEL\u{85} here\rcomponents:\r  schemas:\r    A: {type: strng}\r";
        assert_eq!(positions(text, &["/components/schemas/A/type"]), [Some((5, 9))]);
        let crlf = text.replace('\r', "\r\n");
        assert_eq!(positions(&crlf, &["/components/schemas/A/type"]), [Some((5, 9))]);
    }

    #[test]
    fn check_refuses_deep_nesting_at_its_place_and_accepts_the_limit() {
        let nested = |depth: usize| format!("x: {}{}\n", "[".repeat(depth - 1), "]".repeat(depth - 1));
        assert!(check(&nested(MAX_DEPTH)).is_ok());
        let (at, message) = check(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(at, 3 + MAX_DEPTH - 1, "the first `[` past the limit");
        assert!(message.contains("more than 128 levels"), "{message}");
        let block = format!("x:\n{}", (0..200).map(|i| format!("{}- \n", "  ".repeat(i))).collect::<String>());
        assert!(check(&block).is_err());
        // Deep enough that the parser gives up before its first event.
        let (at, message) = check(&nested(80_000)).unwrap_err();
        assert!(at > MAX_DEPTH && message.contains("more than 128 levels"), "{at} {message}");
    }

    #[test]
    fn check_blanks_yaml11_breaks_in_comments_only() {
        let text = "# one\u{2028}two\u{85}\na: \"x\u{2028}\\\"y\" # three\u{2029}\nb: |\n  p\u{85}q\nc: 'it''s\u{85}' #\u{85}\n";
        let checked = check(text).unwrap();
        assert_eq!(checked.len(), text.len(), "byte offsets are kept");
        let expected = "# one   two  \na: \"x\u{2028}\\\"y\" # three   \nb: |\n  p\u{85}q\nc: 'it''s\u{85}' #  \n";
        assert_eq!(checked, expected);
        assert!(matches!(check("a: 1\n").unwrap(), Cow::Borrowed(_)));
    }
}
