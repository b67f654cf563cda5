//! Security definitions: `basic` -> HTTP basic, `apiKey` as it is, `oauth2` -> its flow in `flows`.

use serde_yaml::{Mapping, Value};

use crate::diag::join;

use super::{key, Converter};

impl Converter<'_> {
    /// A security definition: `basic` -> HTTP basic, `apiKey` as it is, `oauth2` -> its flow
    /// in `flows`.
    pub(super) fn security_scheme(&mut self, value: &Value, original: &str, converted: &str) -> Value {
        let Some(m) = value.as_mapping() else { return value.clone() };
        let kind = m.get("type").and_then(Value::as_str);
        let mut out = Mapping::new();
        match kind {
            Some("basic") => {
                out.insert(key("type"), key("http"));
                out.insert(key("scheme"), key("basic"));
                self.moved(&join(converted, "scheme"), &join(original, "type"));
                for (k, v) in m.iter().filter(|(k, _)| k.as_str() != Some("type")) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Some("oauth2") => {
                let flow = m.get("flow").and_then(Value::as_str).unwrap_or("");
                let name = match flow {
                    "implicit" => "implicit",
                    "password" => "password",
                    "application" => "clientCredentials",
                    "accessCode" => "authorizationCode",
                    other => {
                        self.error(
                            &join(original, "flow"),
                            format!("oauth2 `flow` is `{other}`: one of implicit, password, application, accessCode"),
                        );
                        return value.clone();
                    }
                };
                let mut flow_object = Mapping::new();
                for (k, v) in m {
                    match k.as_str() {
                        Some("authorizationUrl" | "tokenUrl" | "scopes") => {
                            flow_object.insert(k.clone(), v.clone());
                        }
                        Some("flow") => {}
                        _ => {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                }
                if !flow_object.contains_key("scopes") {
                    flow_object.insert(key("scopes"), Value::Mapping(Mapping::new()));
                }
                let flows_at = join(converted, "flows");
                self.moved(&flows_at, &join(original, "flow"));
                self.moved(&join(&flows_at, name), original);
                let flows = Mapping::from_iter([(key(name), Value::Mapping(flow_object))]);
                out.insert(key("flows"), Value::Mapping(flows));
            }
            _ => return value.clone(),
        }
        Value::Mapping(out)
    }
}
