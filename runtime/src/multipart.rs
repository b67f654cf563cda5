//! `multipart/form-data` request bodies (RFC 7578).

use std::fmt::{self, Display};

use bytes::{BufMut, Bytes, BytesMut};
use serde::Serialize;

use super::ConstructionError;

/// A `multipart/form-data` body: named parts, in the order added, each text, JSON or bytes
/// (a file upload). Send it with [`super::Request::multipart_body`].
///
/// The boundary is chosen at random when the body is encoded, and never occurs in any part.
#[derive(Clone, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

/// One part of a form.
#[derive(Clone)]
struct Part {
    name: String,
    filename: Option<String>,
    /// `None` for text parts: RFC 7578 makes `text/plain` the default, and browsers send text
    /// fields without a content type too.
    content_type: Option<String>,
    data: Bytes,
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part.
    pub fn text(mut self, name: &str, value: impl Display) -> Self {
        self.parts.push(Part {
            name: name.to_owned(),
            filename: None,
            content_type: None,
            data: Bytes::from(value.to_string()),
        });
        self
    }

    /// Adds a text part when it has a value.
    pub fn text_opt(self, name: &str, value: Option<impl Display>) -> Self {
        match value {
            Some(v) => self.text(name, v),
            None => self,
        }
    }

    /// Adds a part holding `value` as JSON (content type `application/json`), as OpenAPI
    /// sends object and array properties of a multipart body by default.
    pub fn json<T: Serialize>(mut self, name: &str, value: &T) -> Result<Self, ConstructionError> {
        let data = serde_json::to_vec(value).map_err(|e| {
            ConstructionError::new(format!("multipart part `{name}` is not JSON: {e}"))
        })?;
        self.parts.push(Part {
            name: name.to_owned(),
            filename: None,
            content_type: Some("application/json".to_owned()),
            data: Bytes::from(data),
        });
        Ok(self)
    }

    /// Adds a part holding `data` as is, e.g. a file: with `filename`, servers treat it as an
    /// upload.
    pub fn bytes(
        mut self,
        name: &str,
        filename: Option<&str>,
        content_type: &str,
        data: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.to_owned(),
            filename: filename.map(str::to_owned),
            content_type: Some(content_type.to_owned()),
            data: data.into(),
        });
        self
    }

    /// The body's content type (with its boundary) and the encoded body.
    pub(crate) fn encode(&self) -> (String, Bytes) {
        self.encode_with(|| {
            format!(
                "sdkgen-{:016x}{:016x}",
                super::random_u64(),
                super::random_u64()
            )
        })
    }

    /// [`Multipart::encode`] with the boundary candidates from `next_boundary`, the first
    /// that occurs in no part; separate so that tests can fix the boundary.
    fn encode_with(&self, mut next_boundary: impl FnMut() -> String) -> (String, Bytes) {
        let heads: Vec<String> = self.parts.iter().map(Part::head).collect();
        let boundary = loop {
            let candidate = next_boundary();
            // A delimiter is CRLF "--" boundary, and the head has no CRLF but the ones it ends
            // lines with; checking for the bare boundary anywhere is stricter and simpler.
            let occurs = self.parts.iter().zip(&heads).any(|(part, head)| {
                head.contains(&candidate) || contains(&part.data, candidate.as_bytes())
            });
            if !occurs {
                break candidate;
            }
        };
        let size: usize = self
            .parts
            .iter()
            .zip(&heads)
            .map(|(part, head)| boundary.len() + head.len() + part.data.len() + 8)
            .sum::<usize>()
            + boundary.len()
            + 6;
        let mut body = BytesMut::with_capacity(size);
        for (part, head) in self.parts.iter().zip(&heads) {
            body.put_slice(b"--");
            body.put_slice(boundary.as_bytes());
            body.put_slice(b"\r\n");
            body.put_slice(head.as_bytes());
            body.put_slice(b"\r\n");
            body.put_slice(&part.data);
            body.put_slice(b"\r\n");
        }
        body.put_slice(b"--");
        body.put_slice(boundary.as_bytes());
        body.put_slice(b"--\r\n");
        (
            format!("multipart/form-data; boundary={boundary}"),
            body.freeze(),
        )
    }
}

impl Part {
    /// The part's header lines, each ending in CRLF.
    fn head(&self) -> String {
        let mut head = format!(
            "Content-Disposition: form-data; name=\"{}\"",
            escape_quoted(&self.name)
        );
        if let Some(filename) = &self.filename {
            head.push_str(&format!("; filename=\"{}\"", escape_quoted(filename)));
        }
        head.push_str("\r\n");
        if let Some(content_type) = &self.content_type {
            head.push_str(&format!(
                "Content-Type: {}\r\n",
                escape_line_breaks(content_type)
            ));
        }
        head
    }
}

/// A name or filename inside a quoted string, escaped as browsers do (the HTML standard's
/// form encoding): `"` as `%22`, CR as `%0D`, LF as `%0A`. A quote would end the string early,
/// and a line break would start a header of the caller's choosing.
fn escape_quoted(text: &str) -> String {
    escape_line_breaks(text).replace('"', "%22")
}

/// Line breaks as `%0D` / `%0A`, so that a value stays on its header line.
fn escape_line_breaks(text: &str) -> String {
    text.replace('\r', "%0D").replace('\n', "%0A")
}

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

impl fmt::Debug for Multipart {
    /// Names, filenames, content types and sizes; not the data, which may be large, binary
    /// or secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.parts).finish()
    }
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(form: &Multipart) -> (String, String) {
        let (content_type, body) = form.encode_with(|| "XyZ".to_owned());
        (content_type, String::from_utf8(body.to_vec()).unwrap())
    }

    #[test]
    fn encodes_text_json_and_file_parts_per_rfc_7578() {
        let form = Multipart::new()
            .text("title", "Hi there")
            .text_opt("missing", None::<&str>)
            .text_opt("count", Some(3))
            .json("meta", &serde_json::json!({"a": [1, 2]}))
            .unwrap()
            .bytes(
                "file",
                Some("notes.txt"),
                "text/plain",
                &b"line 1\r\nline 2"[..],
            );
        let (content_type, body) = fixed(&form);
        assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
        assert_eq!(
            body,
            "--XyZ\r\n\
             Content-Disposition: form-data; name=\"title\"\r\n\
             \r\n\
             Hi there\r\n\
             --XyZ\r\n\
             Content-Disposition: form-data; name=\"count\"\r\n\
             \r\n\
             3\r\n\
             --XyZ\r\n\
             Content-Disposition: form-data; name=\"meta\"\r\n\
             Content-Type: application/json\r\n\
             \r\n\
             {\"a\":[1,2]}\r\n\
             --XyZ\r\n\
             Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n\
             Content-Type: text/plain\r\n\
             \r\n\
             line 1\r\nline 2\r\n\
             --XyZ--\r\n"
        );
    }

    #[test]
    fn empty_form_is_just_the_close_delimiter() {
        assert_eq!(fixed(&Multipart::new()).1, "--XyZ--\r\n");
    }

    #[test]
    fn escapes_quotes_and_line_breaks_in_names() {
        let form = Multipart::new().bytes(
            "a\"b",
            Some("evil\r\nContent-Type: x\".txt"),
            "text/plain\r\nX-Injected: 1",
            Bytes::new(),
        );
        let (_, body) = fixed(&form);
        assert_eq!(
            body,
            "--XyZ\r\n\
             Content-Disposition: form-data; name=\"a%22b\"; \
             filename=\"evil%0D%0AContent-Type: x%22.txt\"\r\n\
             Content-Type: text/plain%0D%0AX-Injected: 1\r\n\
             \r\n\
             \r\n\
             --XyZ--\r\n"
        );
    }

    #[test]
    fn boundary_never_occurs_in_a_part() {
        let form = Multipart::new().text("a", "contains --first inside").bytes(
            "b",
            Some("second.bin"),
            "application/octet-stream",
            "x",
        );
        let mut candidates = ["first", "second", "third"].into_iter();
        let (content_type, body) =
            form.encode_with(|| candidates.next().unwrap_or("fallback").to_owned());
        assert_eq!(content_type, "multipart/form-data; boundary=third");
        assert!(String::from_utf8(body.to_vec())
            .unwrap()
            .starts_with("--third\r\n"));
    }

    #[test]
    fn random_boundaries_differ_and_are_tokens() {
        let form = Multipart::new().text("a", "b");
        let (first, body) = form.encode();
        let (second, _) = form.encode();
        assert_ne!(first, second);
        let boundary = first
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap();
        assert!(boundary.len() <= 70, "RFC 2046 limit");
        assert!(boundary
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        assert!(body.ends_with(format!("--{boundary}--\r\n").as_bytes()));
    }

    #[test]
    fn debug_shows_sizes_not_data() {
        let form = Multipart::new().bytes("key", None, "text/plain", "SECRET");
        let shown = format!("{form:?}");
        assert!(shown.contains("key") && shown.contains("len: 6"), "{shown}");
        assert!(!shown.contains("SECRET"), "{shown}");
    }

    #[test]
    fn json_part_error_names_the_part() {
        let mut map = std::collections::HashMap::new();
        map.insert(vec![1], 2); // non-string keys are not JSON
        let err = Multipart::new().json("meta", &map).unwrap_err();
        assert!(err.message().contains("meta"), "{err}");
    }
}
