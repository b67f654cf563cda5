//! Request bodies: an `in: body` parameter in each media type of `consumes`, or the
//! `in: formData` parameters as one object body (urlencoded or multipart).

use serde_yaml::{Mapping, Value};

use crate::diag::join;

use super::parameters::Param;
use super::{key, Converter, DEFAULT_MEDIA_TYPE, FORM, MULTIPART};

impl<'d> Converter<'d> {
    /// An `in: body` parameter as a request body, in each media type of `consumes`.
    pub(super) fn json_body(&mut self, p: &Param<'d>, converted: &str, consumes: &[String]) -> Option<Value> {
        self.moved(converted, &p.at);
        let Some(schema) = p.get("schema") else {
            self.error(&p.at, "an `in: body` parameter needs a `schema`".into());
            return None;
        };
        let mut out = Mapping::new();
        if let Some(d) = p.get("description") {
            out.insert(key("description"), d.clone());
        }
        if let Some(r) = p.get("required") {
            out.insert(key("required"), r.clone());
        }
        let content = self.content(schema, &join(&p.at, "schema"), converted, consumes);
        out.insert(key("content"), content);
        Some(Value::Mapping(out))
    }

    /// A 3.0 `content` of `converted` (a request body or a response): the 2.0 `schema` at
    /// `original` once per media type (those of `consumes` / `produces`, JSON when none),
    /// each place mapped back to `original`.
    pub(super) fn content(&mut self, schema: &Value, original: &str, converted: &str, media: &[String]) -> Value {
        self.moved(&join(converted, "content"), original);
        let media: Vec<&str> = match media.is_empty() {
            true => vec![DEFAULT_MEDIA_TYPE],
            false => media.iter().map(String::as_str).collect(),
        };
        let mut content = Mapping::new();
        for media_type in media {
            let at = join(&join(&join(converted, "content"), media_type), "schema");
            self.moved(&at, original);
            let schema = self.schema(schema, original, &at);
            content.insert(key(media_type), Value::Mapping(Mapping::from_iter([(key("schema"), schema)])));
        }
        Value::Mapping(content)
    }

    /// The `in: formData` parameters as one object body, a property each: multipart when a
    /// field is a file (2.0 requires it then), else the form media types of `consumes`
    /// (urlencoded when there are none). `parameters` is the operation's 2.0 list.
    pub(super) fn form_body(&mut self, form: &[&Param<'d>], parameters: &str, converted: &str, consumes: &[String]) -> Value {
        self.moved(converted, &form[0].at);
        let file = form.iter().any(|p| p.get("type").and_then(Value::as_str) == Some("file"));
        let media: Vec<&str> = if file {
            vec![MULTIPART]
        } else {
            let forms: Vec<&str> = consumes.iter().map(String::as_str).filter(|m| [FORM, MULTIPART].contains(m)).collect();
            if forms.is_empty() { vec![FORM] } else { forms }
        };
        let mut content = Mapping::new();
        for m in media {
            let media_at = join(&join(converted, "content"), m);
            let schema_at = join(&media_at, "schema");
            self.moved(&schema_at, parameters);
            let mut properties = Mapping::new();
            let mut required = Vec::new();
            let mut encoding = Mapping::new();
            for p in form {
                let (Some(name), Some(node)) = (p.name(), p.node.as_mapping()) else {
                    self.error(&p.at, "a form parameter needs a `name`".into());
                    continue;
                };
                let at = join(&join(&schema_at, "properties"), name);
                let mut schema = self.value_schema(node, &p.at, &at);
                if let (Some(d), Value::Mapping(s)) = (p.get("description"), &mut schema) {
                    s.insert(key("description"), d.clone());
                }
                properties.insert(key(name), schema);
                if p.get("required").and_then(Value::as_bool) == Some(true) {
                    required.push(key(name));
                }
                if p.get("type").and_then(Value::as_str) == Some("array") {
                    let format = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
                    let format_at = join(&p.at, "collectionFormat");
                    if let Some((style, explode)) = self.style("formData", format, &format_at) {
                        let field = Mapping::from_iter([(key("style"), key(style)), (key("explode"), Value::Bool(explode))]);
                        encoding.insert(key(name), Value::Mapping(field));
                        self.moved(&join(&join(&media_at, "encoding"), name), &format_at);
                    }
                }
            }
            let mut schema = Mapping::from_iter([(key("type"), key("object")), (key("properties"), Value::Mapping(properties))]);
            if !required.is_empty() {
                schema.insert(key("required"), Value::Sequence(required));
            }
            let mut media_type = Mapping::from_iter([(key("schema"), Value::Mapping(schema))]);
            if !encoding.is_empty() {
                media_type.insert(key("encoding"), Value::Mapping(encoding));
            }
            content.insert(key(m), Value::Mapping(media_type));
        }
        let required = form.iter().any(|p| p.get("required").and_then(Value::as_bool) == Some(true));
        Value::Mapping(Mapping::from_iter([
            (key("required"), Value::Bool(required)),
            (key("content"), Value::Mapping(content)),
        ]))
    }
}
