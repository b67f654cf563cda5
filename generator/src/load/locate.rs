//! Finds the line of a JSON pointer in a spec's text, for diagnostics found after parsing.

/// Finds the 1-based line of the node at a JSON `pointer` in block-style YAML `text`.
///
/// serde_yaml keeps no positions once a document is parsed, so this walks the text by
/// indentation: each pointer segment is a key (or, for a number, a `- ` item) found among
/// the children of the previous one. When a segment cannot be found (flow style, anchors),
/// the line of the deepest segment found is returned, which is still the right neighbourhood.
pub fn locate(text: &str, pointer: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let segments = crate::diag::segments(pointer);
    // Children of the node found so far are the lines from `start` indented past `parent`.
    // After a `- ` item is found, its first key sits on the item's own line, two columns in.
    let (mut start, mut parent, mut inside_item) = (0usize, -1isize, false);
    let mut found: Option<usize> = None;
    for segment in segments {
        let index = segment.parse::<usize>().ok();
        let (mut level, mut item, mut hit) = (None, 0usize, None);
        for (i, line) in lines.iter().enumerate().skip(start) {
            let Some((mut indent, mut content)) = significant(line) else {
                continue;
            };
            if inside_item && i == start {
                match content.strip_prefix("- ") {
                    Some(rest) => {
                        indent += 2;
                        content = rest.trim_start();
                    }
                    None => continue,
                }
            }
            let is_item = content == "-" || content.starts_with("- ");
            // YAML allows a key's sequence at the key's own indentation.
            let same_level_sequence = index.is_some() && is_item && indent as isize == parent;
            if indent as isize <= parent && !same_level_sequence {
                break;
            }
            let level = *level.get_or_insert(indent);
            if indent != level {
                continue;
            }
            match index {
                Some(wanted) if is_item => {
                    if item == wanted {
                        hit = Some((i, indent, true));
                        break;
                    }
                    item += 1;
                }
                // Response codes are numeric keys, not item indexes.
                _ => {
                    if key_matches(content, &segment) {
                        hit = Some((i, indent, false));
                        break;
                    }
                }
            }
        }
        let Some((line, indent, is_item)) = hit else {
            break;
        };
        found = Some(line);
        (start, parent, inside_item) = if is_item {
            (line, indent as isize, true)
        } else {
            (line + 1, indent as isize, false)
        };
    }
    found.map(|l| l + 1)
}

/// A line's indentation and content, or `None` for blank and comment lines.
fn significant(line: &str) -> Option<(usize, &str)> {
    let content = line.trim_start();
    if content.is_empty() || content.starts_with('#') {
        return None;
    }
    Some((line.len() - content.len(), content))
}

/// Whether a line's content starts with `key:` (plain, single- or double-quoted).
fn key_matches(content: &str, key: &str) -> bool {
    [
        format!("{key}:"),
        format!("'{}':", key.replace('\'', "''")),
        format!("\"{key}\":"),
    ]
    .iter()
    .any(|k| {
        content.starts_with(k.as_str())
            && content[k.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "\
openapi: 3.0.1
paths:
  '/a/{id}':
    get:
      parameters:
        - name: id
          in: path
        - $ref: '#/components/parameters/P'
      responses:
        '200':
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
    fn finds_keys_and_items() {
        assert_eq!(locate(DOC, "/openapi"), Some(1));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get"), Some(4));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/0"), Some(6));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/0/in"), Some(7));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/parameters/1/$ref"), Some(8));
        assert_eq!(locate(DOC, "/paths/~1a~1{id}/get/responses/200/description"), Some(11));
        assert_eq!(locate(DOC, "/components/schemas/Foo/properties/bar/type"), Some(19));
    }

    #[test]
    fn stops_at_the_deepest_segment_found() {
        assert_eq!(locate(DOC, "/components/schemas/Foo/nope"), Some(15));
        // `type` exists deeper down, but not as a direct child of Foo/properties.
        assert_eq!(locate(DOC, "/components/schemas/Foo/properties/type"), Some(17));
        assert_eq!(locate(DOC, "/nothing"), None);
    }
}
