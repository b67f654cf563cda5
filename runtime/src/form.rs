//! `application/x-www-form-urlencoded` bodies: a struct's members as `name=value` pairs, in
//! the struct's order, lists and objects as the body's `encoding` says.
//!
//! `serde_urlencoded` writes flat pairs only (a `Vec` member is an error), so the body is
//! read here through `serde_json` instead, one member at a time, and each member written as
//! OpenAPI's Encoding Object says:
//!
//! - a member with no `encoding` entry (or one without `style` / `explode`): a string,
//!   number or boolean as its text; a list as repeated keys, `tag=a&tag=b` (`form`,
//!   exploded: the default for forms), in the list's order; an object as its JSON text
//!   (the default content type of an object, `application/json`); the items of a list
//!   that are lists or objects, each as its JSON text;
//! - a member with a style: as the query parameter of that style would be written
//!   (`form` unexploded `tag=a,b`, `spaceDelimited` `tag=a+b`, `pipeDelimited` `tag=a|b`;
//!   an object in `form` exploded is one pair per member, unexploded `p=x,1,y,2`,
//!   `deepObject` `p[x]=1`), what it nests as JSON text;
//! - `null` (an absent `Option`) sends nothing, and `null` items are left out.
//!
//! Names and values are encoded as HTML forms encode them (space as `+`, all but
//! alphanumerics and `*-._` percent-encoded), each on its own: a delimiter between values
//! stays literal and one inside a value is encoded, so a server that splits first gets
//! each value back.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::{Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;

use super::request::kind;
use super::style::{shape_of, styled_pairs, Nested, Style};
use super::ConstructionError;

/// What `application/x-www-form-urlencoded` leaves as it is: alphanumerics and `*-._`
/// (the WHATWG URL standard's byte serializer; space is written `+` after encoding).
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'*').remove(b'-').remove(b'.').remove(b'_');

/// A member's explicit `encoding` (`style`, `explode`), by wire name.
pub type FormStyle = (&'static str, Style, bool);

/// The body's members as form pairs, joined with `&`.
pub(crate) fn encode<T: Serialize + ?Sized>(body: &T, styles: &[FormStyle]) -> Result<String, ConstructionError> {
    let members = members(body)?;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (name, value) in members {
        let style = styles.iter().find(|(n, _, _)| *n == name).map(|&(_, style, explode)| (style, explode));
        member(&mut pairs, &name, value, style)?;
    }
    let text: Vec<String> = pairs.into_iter().map(|(n, v)| format!("{n}={v}")).collect();
    Ok(text.join("&"))
}

/// One member's pairs (already encoded): with an `encoding` style, as the query parameter
/// of that style is written ([`styled_pairs`], what nests as JSON text); without one, a list
/// as repeated keys (`form`, exploded), an object as its JSON text, a scalar as its text.
fn member(
    pairs: &mut Vec<(String, String)>,
    name: &str,
    value: Value,
    style: Option<(Style, bool)>,
) -> Result<(), ConstructionError> {
    let (style, explode) = match (&value, style) {
        (_, Some(style)) => style,
        (Value::Array(_), None) => (Style::Form, true),
        (Value::Null, None) => return Ok(()),
        (_, None) => {
            pairs.push((component(name), component(&text(&value))));
            return Ok(());
        }
    };
    let shape = shape_of(name, value, Nested::JsonText)?;
    pairs.extend(styled_pairs("form member", name, &shape, style, explode, &component)?);
    Ok(())
}

/// A value as form text: strings without their JSON quotes, numbers and booleans as JSON
/// writes them, lists and objects as their JSON text.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A name or value encoded as forms encode it.
fn component(text: &str) -> String {
    utf8_percent_encode(text, FORM).to_string().replace("%20", "+")
}

/// The body's top-level members in the order it serializes them (a `serde_json::Value`
/// object would sort them): the body is written as JSON and its outer object read back
/// member by member.
fn members<T: Serialize + ?Sized>(body: &T) -> Result<Vec<(String, Value)>, ConstructionError> {
    let prefix = "the request body cannot be form-encoded";
    let json = serde_json::to_vec(body).map_err(|e| ConstructionError::new(format!("{prefix}: {e}")))?;
    let mut reader = serde_json::Deserializer::from_slice(&json);
    match reader.deserialize_any(Members) {
        Ok(Some(members)) => Ok(members),
        _ => {
            let what = serde_json::from_slice::<Value>(&json).map(|v| kind(&v)).unwrap_or("not JSON");
            Err(ConstructionError::new(format!("{prefix}: it is {what}, not an object")))
        }
    }
}

/// Reads a JSON object's members in order (or a list of pairs); `None` for anything else.
struct Members;

impl<'de> Visitor<'de> for Members {
    type Value = Option<Vec<(String, Value)>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    /// A list of `(name, value)` pairs is a form too (as `serde_urlencoded` took one).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = seq.next_element::<(String, Value)>()? {
            members.push(member);
        }
        Ok(Some(members))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Value>()? {
            members.push(member);
        }
        Ok(Some(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Post<'a> {
        title: &'a str,
        tags: Vec<&'a str>,
        ids: Vec<i64>,
        empty: Vec<u8>,
        absent: Option<Vec<u8>>,
        point: Option<Value>,
        done: bool,
    }

    fn post() -> Post<'static> {
        Post {
            title: "a b&c",
            tags: vec!["z", "a,b", "m"],
            ids: vec![3, 1],
            empty: Vec::new(),
            absent: None,
            point: Some(json!({"y": 2, "x": "é"})),
            done: true,
        }
    }

    #[test]
    fn lists_are_repeated_keys_in_order_by_default() {
        assert_eq!(
            encode(&post(), &[]).unwrap(),
            "title=a+b%26c&tags=z&tags=a%2Cb&tags=m&ids=3&ids=1&point=%7B%22x%22%3A%22%C3%A9%22%2C%22y%22%3A2%7D&done=true"
        );
    }

    #[test]
    fn members_follow_their_encoding_style() {
        let styles: &[FormStyle] = &[
            ("tags", Style::Form, false),
            ("ids", Style::PipeDelimited, false),
            ("point", Style::DeepObject, true),
        ];
        assert_eq!(
            encode(&post(), styles).unwrap(),
            "title=a+b%26c&tags=z,a%2Cb,m&ids=3|1&point[x]=%C3%A9&point[y]=2&done=true"
        );
        let styles: &[FormStyle] =
            &[("tags", Style::SpaceDelimited, false), ("ids", Style::PipeDelimited, true), ("point", Style::Form, true)];
        assert_eq!(encode(&post(), styles).unwrap(), "title=a+b%26c&tags=z+a%2Cb+m&ids=3&ids=1&x=%C3%A9&y=2&done=true");
        let styles: &[FormStyle] = &[("point", Style::Form, false)];
        assert!(encode(&post(), styles).unwrap().contains("&point=x,%C3%A9,y,2&"));
    }

    #[test]
    fn nested_items_are_json_text_and_nulls_are_left_out() {
        let body = json!({"rows": [[1, 2], null, {"a": "b"}], "n": null});
        assert_eq!(encode(&body, &[]).unwrap(), "rows=%5B1%2C2%5D&rows=%7B%22a%22%3A%22b%22%7D");
    }

    #[test]
    fn a_list_of_pairs_is_a_form_too() {
        assert_eq!(encode(&[("a", "b c"), ("a", "d")], &[]).unwrap(), "a=b+c&a=d");
    }

    #[test]
    fn only_an_object_is_a_form() {
        for (body, what) in [(json!("text"), "a string"), (json!([1]), "an array"), (json!(null), "null")] {
            let e = encode(&body, &[]).unwrap_err();
            assert!(e.message().contains(&format!("it is {what}, not an object")), "{e}");
        }
    }

    /// What serde_urlencoded wrote for flat bodies is unchanged.
    #[test]
    fn flat_bodies_are_as_before() {
        let body = json!({"user": "Zoë Doe", "password": "a&b=c+d/é~*", "n": 1.5});
        assert_eq!(encode(&body, &[]).unwrap(), serde_urlencoded::to_string(&body).unwrap());
    }
}
