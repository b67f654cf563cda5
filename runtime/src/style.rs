//! OpenAPI's parameter styles (`style`, `explode`): how a scalar, an array or an object is
//! written in the path, the query, a header or a cookie.
//!
//! Generated code only says which style a parameter has; the value is turned into JSON
//! (`serde_json::to_value`) and written here, once for every crate, as the "Style Examples"
//! table of the OpenAPI specification shows (its examples are this file's tests).
//!
//! - A value is a string, number or boolean (strings without their JSON quotes), an array of
//!   them, or an object whose members are them; anything nested deeper has no spelling in
//!   these styles and is an error naming the parameter (in a form body, whose members are
//!   written by the same `styled_pairs`, it is the value's JSON text instead: `form.rs`). `null` (an absent `Option`) sends
//!   nothing; `null` members and items are left out.
//! - Object members go in the order `serde_json` keeps them (sorted by name).
//! - In the path and the query, each name and value is percent-encoded on its own (all but
//!   RFC 3986's unreserved characters), the delimiters of the style stay literal: a `,`
//!   inside a value is `%2C`, so a server that splits before decoding gets each value back.
//! - Header values are not encoded (they are checked when the request is sent).

use serde::Serialize;
use serde_json::Value;

use super::path::query_component;
use super::request::kind;
use super::ConstructionError;

/// A parameter's `style`. Which styles fit which location is the spec's business (the
/// generator refuses the others); every function here takes the ones of its location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Path and header: `blue,black` (`R,100,G,200`; exploded `R=100,G=200`).
    Simple,
    /// Path: `.blue.black` (exploded) or `.blue,black`.
    Label,
    /// Path: `;color=blue;color=black` (exploded) or `;color=blue,black`.
    Matrix,
    /// Query and cookie: `color=blue&color=black` (exploded) or `color=blue,black`.
    Form,
    /// Query: `color=blue%20black`.
    SpaceDelimited,
    /// Query: `color=blue|black`.
    PipeDelimited,
    /// Query: `color[R]=100&color[G]=200`.
    DeepObject,
}

/// A value reduced to what the styles can write: nothing, one scalar, a list of scalars or
/// a list of (name, scalar) members, each as text not yet encoded.
pub(crate) enum Shape {
    Absent,
    Scalar(String),
    List(Vec<String>),
    Object(Vec<(String, String)>),
}

fn shape<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Shape, ConstructionError> {
    let value = serde_json::to_value(value)
        .map_err(|e| ConstructionError::new(format!("parameter `{name}` is not JSON: {e}")))?;
    shape_of(name, value, Nested::Refused)
}

/// What becomes of a value nested deeper than the styles can write (a list in a list, an
/// object among an object's members).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nested {
    /// An error naming the parameter: the path, the query, headers and cookies.
    Refused,
    /// Its JSON text: a form body's members (`form.rs`), whose media type's default for
    /// what it cannot spell is JSON.
    JsonText,
}

/// A JSON value reduced to the [`Shape`] the styles write, `null` items and members left out.
pub(crate) fn shape_of(name: &str, value: Value, nested: Nested) -> Result<Shape, ConstructionError> {
    let text = |inner: &Value| match (scalar(inner), nested) {
        (Some(text), _) => Ok(Some(text)),
        (None, _) if inner.is_null() => Ok(None),
        (None, Nested::JsonText) => Ok(Some(inner.to_string())),
        (None, Nested::Refused) => Err(ConstructionError::new(format!(
            "parameter `{name}` holds {}, which its style cannot send (only scalars, arrays \
             of them and objects of them)",
            kind(inner)
        ))),
    };
    Ok(match value {
        Value::Null => Shape::Absent,
        Value::Array(items) => {
            let mut list = Vec::with_capacity(items.len());
            for item in &items {
                list.extend(text(item)?);
            }
            Shape::List(list)
        }
        Value::Object(members) => {
            let mut list = Vec::with_capacity(members.len());
            for (key, member) in &members {
                if let Some(value) = text(member)? {
                    list.push((key.clone(), value));
                }
            }
            Shape::Object(list)
        }
        other => Shape::Scalar(scalar(&other).unwrap_or_default()),
    })
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        _ => None,
    }
}

/// `items` encoded with `encode`, joined by `separator`; object members as `key{kv}value`.
fn joined(
    shape: &Shape,
    separator: &str,
    kv: &str,
    encode: &dyn Fn(&str) -> String,
) -> Option<String> {
    match shape {
        Shape::Absent => None,
        Shape::Scalar(text) => Some(encode(text)),
        Shape::List(items) => Some(items.iter().map(|i| encode(i)).collect::<Vec<_>>().join(separator)),
        Shape::Object(members) => Some(
            members
                .iter()
                .map(|(k, v)| format!("{}{kv}{}", encode(k), encode(v)))
                .collect::<Vec<_>>()
                .join(separator),
        ),
    }
}

/// The text a path parameter puts in place of `{name}`: `simple`, `label` or `matrix`,
/// encoded. `None` when the value is `null`.
///
/// As [`super::path::segment`], a value that would change which resource the path names is
/// refused: an empty `simple` value (`//`), and `.` or `..`.
pub fn path_value<T: Serialize + ?Sized>(
    name: &str,
    style: Style,
    explode: bool,
    value: &T,
) -> Result<String, ConstructionError> {
    let shape = shape(name, value)?;
    let encode = |text: &str| query_component(text);
    let text = match style {
        Style::Label => {
            let (separator, kv) = if explode { (".", "=") } else { (",", ",") };
            joined(&shape, separator, kv, &encode).map(|t| format!(".{t}"))
        }
        Style::Matrix => {
            let key = encode(name);
            match (&shape, explode) {
                (Shape::Absent, _) => None,
                (Shape::Scalar(_), _) | (Shape::List(_) | Shape::Object(_), false) => {
                    match joined(&shape, ",", ",", &encode) {
                        Some(t) if t.is_empty() => Some(format!(";{key}")),
                        Some(t) => Some(format!(";{key}={t}")),
                        None => None,
                    }
                }
                (Shape::List(items), true) => {
                    Some(items.iter().map(|i| format!(";{key}={}", encode(i))).collect())
                }
                (Shape::Object(members), true) => Some(
                    members
                        .iter()
                        .map(|(k, v)| format!(";{}={}", encode(k), encode(v)))
                        .collect(),
                ),
            }
        }
        // Simple, and any other style given for a path.
        _ => joined(&shape, ",", if explode { "=" } else { "," }, &encode),
    };
    let text = text.ok_or_else(|| ConstructionError::new(format!("path parameter `{name}` is null")))?;
    match text.as_str() {
        "" => Err(ConstructionError::new(format!("path parameter `{name}` is empty"))),
        // Encoding leaves `.` as it is: the value itself was `.` or `..`.
        "." | ".." => Err(ConstructionError::new(format!(
            "path parameter `{name}` is `{text}`, which URL parsers resolve as a relative path \
             segment; it cannot be sent"
        ))),
        _ => Ok(text),
    }
}

/// The query pairs (encoded) of a parameter in `form`, `spaceDelimited`, `pipeDelimited` or
/// `deepObject` style. An absent value and an empty list send nothing.
pub fn query_pairs<T: Serialize + ?Sized>(
    name: &str,
    style: Style,
    explode: bool,
    value: &T,
) -> Result<Vec<(String, String)>, ConstructionError> {
    let shape = shape(name, value)?;
    styled_pairs("query parameter", name, &shape, style, explode, &query_component)
}

/// The `name=value` pairs of a value in a query style (`form`, `spaceDelimited`,
/// `pipeDelimited`, `deepObject`), names and values encoded by `encode`: the query's
/// percent-encoding, or a form body's (`form.rs`, space as `+`). `spaceDelimited` joins with
/// an encoded space, whichever that encoding writes. `what` names the value in errors.
pub(crate) fn styled_pairs(
    what: &str,
    name: &str,
    shape: &Shape,
    style: Style,
    explode: bool,
    encode: &dyn Fn(&str) -> String,
) -> Result<Vec<(String, String)>, ConstructionError> {
    let key = encode(name);
    let pairs = match (shape, style, explode) {
        (Shape::Absent, _, _) => Vec::new(),
        (Shape::List(items), _, _) if items.is_empty() => Vec::new(),
        (Shape::Object(members), Style::DeepObject, _) => members
            .iter()
            .map(|(k, v)| (format!("{key}[{}]", encode(k)), encode(v)))
            .collect(),
        (_, Style::DeepObject, _) => {
            return Err(ConstructionError::new(format!(
                "{what} `{name}` is sent as a deepObject, so it must be an object"
            )))
        }
        (Shape::Scalar(text), _, _) => vec![(key, encode(text))],
        // Exploded lists repeat the parameter, whatever the delimiter style.
        (Shape::List(items), _, true) => items.iter().map(|i| (key.clone(), encode(i))).collect(),
        // An exploded form object: each member is its own parameter.
        (Shape::Object(members), Style::Form, true) => {
            members.iter().map(|(k, v)| (encode(k), encode(v))).collect()
        }
        (_, _, _) => {
            let separator = match style {
                Style::SpaceDelimited => encode(" "),
                Style::PipeDelimited => "|".to_owned(),
                _ => ",".to_owned(),
            };
            joined(shape, &separator, &separator, encode).map(|t| vec![(key, t)]).unwrap_or_default()
        }
    };
    Ok(pairs)
}

/// A header parameter's value (`simple` style), not encoded; `None` when it is `null`.
pub fn header_value<T: Serialize + ?Sized>(
    name: &str,
    explode: bool,
    value: &T,
) -> Result<Option<String>, ConstructionError> {
    let shape = shape(name, value)?;
    Ok(joined(&shape, ",", if explode { "=" } else { "," }, &|t: &str| t.to_owned()))
}

/// A cookie parameter's pairs (`form` style), not encoded (the cookie header encodes what
/// RFC 6265 does not allow, the commas among it: `color=blue%2Cblack` is sent):
/// `color=blue,black`; exploded, a list repeats the cookie and an
/// object's members are cookies of their own.
pub fn cookie_pairs<T: Serialize + ?Sized>(
    name: &str,
    explode: bool,
    value: &T,
) -> Result<Vec<(String, String)>, ConstructionError> {
    let shape = shape(name, value)?;
    let same = |t: &str| t.to_owned();
    Ok(match (&shape, explode) {
        (Shape::Absent, _) => Vec::new(),
        (Shape::List(items), true) => items.iter().map(|i| (name.to_owned(), i.clone())).collect(),
        (Shape::Object(members), true) => members.clone(),
        _ => joined(&shape, ",", ",", &same).map(|t| vec![(name.to_owned(), t)]).unwrap_or_default(),
    })
}

/// A parameter's value as its JSON text (`[["a","b"]]`), not encoded: how a parameter with
/// `content: application/json` is sent, and one whose value no style can write (a list of
/// lists or of objects). `None` when it is `null` (an absent `Option`): nothing is sent.
pub fn json_text<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Option<String>, ConstructionError> {
    // Written directly, not through a `Value`: the members keep the struct's order.
    let text = serde_json::to_string(value)
        .map_err(|e| ConstructionError::new(format!("parameter `{name}` is not JSON: {e}")))?;
    Ok((text != "null").then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The values of the OpenAPI specification's "Style Examples" (3.0.3 and 3.1.0, 4.7.12.4 /
    /// 4.8.12.4): `color` is `"blue"`, `["blue","black","brown"]` or
    /// `{"R":100,"G":200,"B":150}`. Our objects are sorted by member name (B, G, R).
    fn values() -> [Value; 3] {
        [json!("blue"), json!(["blue", "black", "brown"]), json!({"R": 100, "G": 200, "B": 150})]
    }

    fn query(style: Style, explode: bool, value: &Value) -> String {
        let pairs = query_pairs("color", style, explode, value).unwrap();
        pairs.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("&")
    }

    #[test]
    fn path_styles_as_the_specs_table() {
        let [s, a, o] = values();
        let path = |style, explode, v: &Value| path_value("color", style, explode, v).unwrap();
        assert_eq!(path(Style::Simple, false, &s), "blue");
        assert_eq!(path(Style::Simple, false, &a), "blue,black,brown");
        assert_eq!(path(Style::Simple, false, &o), "B,150,G,200,R,100");
        assert_eq!(path(Style::Simple, true, &s), "blue");
        assert_eq!(path(Style::Simple, true, &a), "blue,black,brown");
        assert_eq!(path(Style::Simple, true, &o), "B=150,G=200,R=100");
        assert_eq!(path(Style::Label, false, &s), ".blue");
        assert_eq!(path(Style::Label, false, &a), ".blue,black,brown");
        assert_eq!(path(Style::Label, false, &o), ".B,150,G,200,R,100");
        assert_eq!(path(Style::Label, true, &a), ".blue.black.brown");
        assert_eq!(path(Style::Label, true, &o), ".B=150.G=200.R=100");
        assert_eq!(path(Style::Matrix, false, &s), ";color=blue");
        assert_eq!(path(Style::Matrix, false, &a), ";color=blue,black,brown");
        assert_eq!(path(Style::Matrix, false, &o), ";color=B,150,G,200,R,100");
        assert_eq!(path(Style::Matrix, true, &s), ";color=blue");
        assert_eq!(path(Style::Matrix, true, &a), ";color=blue;color=black;color=brown");
        assert_eq!(path(Style::Matrix, true, &o), ";B=150;G=200;R=100");
        // The table's empty value: matrix `;color`; simple would leave `//` and label `.`
        // (a relative segment), so both are refused.
        assert_eq!(path(Style::Matrix, false, &json!([])), ";color");
        assert!(path_value("color", Style::Simple, false, &json!("")).is_err());
        assert!(path_value("color", Style::Label, false, &json!([])).is_err());
    }

    #[test]
    fn path_values_are_encoded_around_literal_delimiters() {
        let v = json!(["a/b", "c,d", "é"]);
        assert_eq!(path_value("p", Style::Simple, false, &v).unwrap(), "a%2Fb,c%2Cd,%C3%A9");
        assert_eq!(path_value("p q", Style::Matrix, true, &json!(["x"])).unwrap(), ";p%20q=x");
        for bad in [json!("."), json!(".."), json!(null)] {
            let e = path_value("id", Style::Simple, false, &bad).unwrap_err();
            assert!(e.message().contains("`id`"), "{e}");
        }
        assert_eq!(path_value("id", Style::Simple, false, &json!(7)).unwrap(), "7");
    }

    #[test]
    fn query_styles_as_the_specs_table() {
        let [s, a, o] = values();
        assert_eq!(query(Style::Form, false, &s), "color=blue");
        assert_eq!(query(Style::Form, false, &a), "color=blue,black,brown");
        assert_eq!(query(Style::Form, false, &o), "color=B,150,G,200,R,100");
        assert_eq!(query(Style::Form, true, &s), "color=blue");
        assert_eq!(query(Style::Form, true, &a), "color=blue&color=black&color=brown");
        assert_eq!(query(Style::Form, true, &o), "B=150&G=200&R=100");
        assert_eq!(query(Style::SpaceDelimited, false, &a), "color=blue%20black%20brown");
        assert_eq!(query(Style::SpaceDelimited, false, &o), "color=B%20150%20G%20200%20R%20100");
        assert_eq!(query(Style::PipeDelimited, false, &a), "color=blue|black|brown");
        assert_eq!(query(Style::PipeDelimited, false, &o), "color=B|150|G|200|R|100");
        assert_eq!(query(Style::DeepObject, true, &o), "color[B]=150&color[G]=200&color[R]=100");
        // Exploded delimited lists repeat the parameter, as form does.
        assert_eq!(query(Style::PipeDelimited, true, &a), "color=blue&color=black&color=brown");
        // Empty and absent values send nothing.
        assert_eq!(query(Style::Form, false, &json!([])), "");
        assert_eq!(query(Style::Form, true, &json!(null)), "");
    }

    #[test]
    fn query_values_are_encoded_and_nesting_is_refused() {
        assert_eq!(query(Style::PipeDelimited, false, &json!(["a|b", "c d"])), "color=a%7Cb|c%20d");
        assert_eq!(query(Style::Form, true, &json!({"a b": "x&y", "n": null})), "a%20b=x%26y");
        let e = query_pairs("f", Style::Form, true, &json!({"a": [1]})).unwrap_err();
        assert!(e.message().contains("`f`") && e.message().contains("an array"), "{e}");
        let e = query_pairs("f", Style::DeepObject, true, &json!([1])).unwrap_err();
        assert!(e.message().contains("deepObject"), "{e}");
    }

    #[test]
    fn json_text_is_the_whole_value_and_null_sends_nothing() {
        assert_eq!(json_text("p", &json!([["a", "b"], []])).unwrap().as_deref(), Some(r#"[["a","b"],[]]"#));
        assert_eq!(json_text("p", &json!([{"k": 1}])).unwrap().as_deref(), Some(r#"[{"k":1}]"#));
        assert_eq!(json_text("p", &None::<Vec<u8>>).unwrap(), None);
    }

    #[test]
    fn header_and_cookie_styles() {
        let [s, a, o] = values();
        assert_eq!(header_value("X", false, &s).unwrap().as_deref(), Some("blue"));
        assert_eq!(header_value("X", false, &a).unwrap().as_deref(), Some("blue,black,brown"));
        assert_eq!(header_value("X", false, &o).unwrap().as_deref(), Some("B,150,G,200,R,100"));
        assert_eq!(header_value("X", true, &o).unwrap().as_deref(), Some("B=150,G=200,R=100"));
        assert_eq!(header_value("X", true, &json!(null)).unwrap(), None);
        let pairs = |explode, v: &Value| cookie_pairs("color", explode, v).unwrap();
        let c = |n: &str, v: &str| (n.to_owned(), v.to_owned());
        assert_eq!(pairs(false, &a), [c("color", "blue,black,brown")]);
        assert_eq!(pairs(false, &o), [c("color", "B,150,G,200,R,100")]);
        assert_eq!(pairs(true, &a), [c("color", "blue"), c("color", "black"), c("color", "brown")]);
        assert_eq!(pairs(true, &o), [c("B", "150"), c("G", "200"), c("R", "100")]);
        assert_eq!(pairs(true, &s), [c("color", "blue")]);
    }
}
