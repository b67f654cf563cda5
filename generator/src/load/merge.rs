//! YAML merge keys (`<<: *base`, <https://yaml.org/type/merge.html>): supported, as YAML 1.1
//! tools (and many specs) use them to share parts of a schema. The typed read ignores keys it
//! does not know, so without this a merged schema silently lost its properties.
//!
//! serde_yaml parses `<<` as an ordinary key; [`apply`] merges every one into its mapping
//! (keys of the mapping itself win, then the merged mappings in order), after checking that
//! each merges mappings, so that a wrong one is reported at its place.

use serde_yaml::Value;

use crate::diag::join;

const MERGE_KEY: &str = "<<";

/// A `<<` whose value is not a mapping or a list of mappings: its pointer and the problem.
pub(super) type Problem = (String, String);

/// Merges every `<<` key of `value`; `Ok(false)` when there was none (the document is left
/// as it is), `Err` naming the first `<<` that merges something other than mappings.
pub(super) fn apply(value: &mut Value) -> Result<bool, Problem> {
    let mut found = false;
    check(value, "", &mut found)?;
    if !found {
        return Ok(false);
    }
    // A mapping merged in may hold a `<<` of its own (an alias of a node that merges): that
    // one comes in as an ordinary key, so merge again until none is left. Each round is one
    // walk, and there are as many rounds as merges are nested.
    loop {
        value.apply_merge().map_err(|e| (String::new(), format!("a YAML merge key `<<` cannot be merged: {e}")))?;
        let mut left = false;
        check(value, "", &mut left)?;
        if !left {
            return Ok(true);
        }
    }
}

/// Whether the tree has a `<<` key anywhere (iteratively: it may be deep). No pointers are
/// made: nearly every spec has no merge key, and [`check`] makes one for every node.
fn has_merge_key(value: &Value) -> bool {
    let mut pending = vec![value];
    while let Some(node) = pending.pop() {
        match node {
            Value::Mapping(map) => {
                for (key, child) in map {
                    // Only a string key is `<<` ([`check`] writes the others as YAML).
                    if matches!(key, Value::String(s) if s == MERGE_KEY) {
                        return true;
                    }
                    pending.push(child);
                }
            }
            Value::Sequence(items) => pending.extend(items),
            Value::Tagged(tagged) => pending.push(&tagged.value),
            _ => {}
        }
    }
    false
}

/// Walks the tree (iteratively: it may be deep) for `<<` keys, checking each merges mappings.
fn check(value: &Value, pointer: &str, found: &mut bool) -> Result<(), Problem> {
    if !has_merge_key(value) {
        return Ok(());
    }
    let mut pending = vec![(value, pointer.to_owned())];
    while let Some((node, at)) = pending.pop() {
        match node {
            Value::Mapping(map) => {
                for (key, child) in map {
                    let key = match key {
                        Value::String(s) => s.clone(),
                        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
                    };
                    let child_at = join(&at, &key);
                    if key == MERGE_KEY {
                        *found = true;
                        let mergeable = match child {
                            Value::Mapping(_) => true,
                            Value::Sequence(items) => items.iter().all(Value::is_mapping),
                            _ => false,
                        };
                        if !mergeable {
                            let message = "a YAML merge key `<<` must merge a mapping or a list of mappings \
                                           (`<<: *base` or `<<: [*a, *b]`), so this one cannot be merged"
                                .to_owned();
                            return Err((child_at, message));
                        }
                    }
                    pending.push((child, child_at));
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    pending.push((item, join(&at, &i.to_string())));
                }
            }
            Value::Tagged(tagged) => pending.push((&tagged.value, at)),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merged(yaml: &str) -> Result<Value, Problem> {
        let mut value: Value = serde_yaml::from_str(yaml).unwrap();
        apply(&mut value).map(|_| value)
    }

    #[test]
    fn merge_keys_are_merged_and_the_mapping_own_keys_win() {
        let yaml = "
base: &base {type: object, description: base}
named: &named {<<: *base, title: named}
thing:
  <<: [*named, {nullable: true}]
  description: own
";
        let value = merged(yaml).unwrap();
        let thing = &value["thing"];
        assert_eq!(thing["type"], "object");
        assert_eq!(thing["description"], "own");
        assert_eq!(thing["title"], "named");
        assert_eq!(thing["nullable"], true);
        assert!(thing.get(MERGE_KEY).is_none() && value["named"].get(MERGE_KEY).is_none());
    }

    #[test]
    fn a_merge_key_of_a_scalar_is_reported_at_its_place() {
        let (pointer, message) = merged("a:\n  b:\n    <<: 3\n").unwrap_err();
        assert_eq!(pointer, "/a/b/<<");
        assert!(message.contains("must merge a mapping"), "{message}");
        assert_eq!(merged("a: {b: 1}").map(|v| v["a"]["b"].clone()), Ok(Value::from(1)));
    }
}
