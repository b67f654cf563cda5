//! `x-aws-pagination`: a paginator of `paginators-1.json`, its keys in camelCase (the names of
//! `extensions.rs`), its member names checked against the operation's shapes.

use indexmap::IndexMap;
use serde_yaml::Mapping;

use super::botocore::{Member, Operation};
use super::{put, Importer};

impl Importer<'_> {
    /// `x-aws-pagination`: the paginator's keys in camelCase, values as in the file.
    pub(super) fn pagination(
        &self,
        op_name: &str,
        op: &Operation,
        pagination: &IndexMap<String, serde_json::Value>,
    ) -> Result<Mapping, String> {
        let members_of = |part: Option<&Member>| -> Vec<&str> {
            part.and_then(|p| p.shape.as_deref())
                .and_then(|s| self.model.shapes.get(s))
                .map(|s| s.members.keys().map(String::as_str).collect())
                .unwrap_or_default()
        };
        let inputs = members_of(op.input.as_ref());
        let outputs = members_of(op.output.as_ref());
        let none = Vec::new();
        let mut out = Mapping::new();
        for (k, v) in pagination {
            // Plain member names are checked; JMESPath expressions are kept as they are.
            let (members, side) = match k.as_str() {
                "input_token" | "limit_key" => (&inputs, "input"),
                "output_token" | "result_key" | "more_results" => (&outputs, "output"),
                _ => (&none, ""),
            };
            let names: Vec<&str> = match v {
                serde_json::Value::String(s) => vec![s.as_str()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                _ => Vec::new(),
            };
            for name in names {
                let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if !side.is_empty() && plain && !members.contains(&name) {
                    return Err(format!(
                        "paginator of operation `{op_name}`: `{k}` is `{name}`, which is not a member of the {side} shape"
                    ));
                }
            }
            let value = serde_yaml::to_value(v)
                .map_err(|e| format!("paginator of operation `{op_name}`: `{k}`: {e}"))?;
            put(&mut out, &camel_case(k), value);
        }
        Ok(out)
    }
}

/// `input_token` -> `inputToken`.
fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::camel_case;
    use crate::extensions::{INPUT_TOKEN, LIMIT_KEY, OUTPUT_TOKEN, RESULT_KEY};

    #[test]
    fn pagination_keys_are_the_extension_names() {
        assert_eq!(camel_case("input_token"), INPUT_TOKEN);
        assert_eq!(camel_case("output_token"), OUTPUT_TOKEN);
        assert_eq!(camel_case("limit_key"), LIMIT_KEY);
        assert_eq!(camel_case("result_key"), RESULT_KEY);
    }
}
