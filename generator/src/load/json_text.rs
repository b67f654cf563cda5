//! JSON text that serde_yaml would refuse or misread, put in YAML's terms before it reads it.
//!
//! JSON is meant to be YAML, but not every JSON string is a YAML string: a character beyond
//! the Basic Multilingual Plane escaped as a UTF-16 surrogate pair (`"\ud83d\ude00"`) is an
//! invalid escape to YAML, and YAML refuses raw characters JSON allows (DEL and the C1
//! controls, U+FFFE, U+FFFF) or reads them as line breaks (NEL, U+2028, U+2029, which a
//! quoted YAML string then folds into a space). Inside the strings of a JSON document, a
//! pair becomes YAML's `\UXXXXXXXX` and such a character a `\uXXXX` escape: the same string.
//!
//! Only a text that is JSON is touched: one whose first character is `{` or `[` and whose
//! every character outside strings is one JSON allows there (so a flow-style YAML document,
//! with plain scalars, quotes of its own or comments, is left as it is). No line break is
//! added or removed, so every line keeps its number; a column after a rewritten escape on
//! the same line moves by its difference in length.

use std::borrow::Cow;

/// `text`, with the strings of a JSON document made YAML's (see the module docs); `text`
/// itself when it is no JSON document or has nothing to change.
pub(super) fn for_yaml(text: &str) -> Cow<'_, str> {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !start.starts_with(['{', '[']) {
        return Cow::Borrowed(text);
    }
    let mut out: Option<String> = None;
    // Copies `text[from..at]` and then `replacement` into the output, starting it if need be.
    let mut copied = 0;
    let mut replace = |out: &mut Option<String>, at: usize, end: usize, replacement: &str| {
        let buffer = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
        buffer.push_str(&text[copied..at]);
        buffer.push_str(replacement);
        copied = end;
    };
    let bytes = text.as_bytes();
    let mut in_string = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !in_string {
            match c {
                '"' => in_string = true,
                '{' | '}' | '[' | ']' | ':' | ',' | ' ' | '\t' | '\r' | '\n' | '\u{feff}' => {}
                '-' | '+' | '.' | '0'..='9' | 'e' | 'E' | 't' | 'r' | 'u' | 'f' | 'a' | 'l' | 's' | 'n' => {}
                // Not JSON: YAML reads it as it is.
                _ => return Cow::Borrowed(text),
            }
            continue;
        }
        match c {
            '"' => in_string = false,
            '\\' => {
                let Some((_, escaped)) = chars.next() else { break };
                if escaped != 'u' {
                    continue;
                }
                let high = hex4(bytes, i + 2);
                let low = (bytes.get(i + 6..i + 8) == Some(b"\\u")).then(|| hex4(bytes, i + 8)).flatten();
                if let (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) = (high, low) {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    replace(&mut out, i, i + 12, &format!("\\U{code:08X}"));
                    // The rest of both escapes: `ud83d\ude00` after the `\` already read.
                    for _ in 0..10 {
                        chars.next();
                    }
                }
            }
            '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}' => {
                replace(&mut out, i, i + c.len_utf8(), &format!("\\u{:04X}", u32::from(c)));
            }
            _ => {}
        }
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&text[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(text),
    }
}

/// The four hex digits at `at`, if they are there.
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
    u32::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn description(json: &str) -> String {
        let yaml = for_yaml(json);
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{e}: {yaml}"));
        value["d"].as_str().unwrap().to_owned()
    }

    #[test]
    fn json_strings_read_as_json_reads_them() {
        assert_eq!(description(r#"{"d": "\ud83d\ude00 smile"}"#), "😀 smile");
        assert_eq!(description(r#"{"d": "a\uD834\uDD1Eb"}"#), "a𝄞b");
        assert_eq!(description("{\"d\": \"a\u{7f}b\u{85}c\u{2028}d\u{9f}\"}"), "a\u{7f}b\u{85}c\u{2028}d\u{9f}");
        // Escapes YAML reads alike are left as they are, as is the rest of the text.
        assert_eq!(description(r#"{"d": "\u0001\t\/\"\\"}"#), "\u{1}\t/\"\\");
        assert_eq!(for_yaml(r#"{"d": "\\ud83d\ude00"}"#), r#"{"d": "\\ud83d\ude00"}"#);
        let json = "{\n  \"d\": \"\\ud83d\\ude00\",\n  \"n\": [1, -2.5e3, true, null]\n}\n";
        let yaml = for_yaml(json);
        assert_eq!(yaml, "{\n  \"d\": \"\\U0001F600\",\n  \"n\": [1, -2.5e3, true, null]\n}\n");
        assert_eq!(yaml.lines().count(), json.lines().count());
    }

    #[test]
    fn text_that_is_not_json_is_left_alone() {
        for text in [
            "d: \"\\ud83d\\ude00\"",
            "{d: \"\\ud83d\\ude00\"}",
            "{\"d\": 1} # \"\\ud83d\\ude00\"",
            "['\\ud83d\\ude00']",
            "",
        ] {
            assert!(matches!(for_yaml(text), Cow::Borrowed(t) if t == text), "{text}");
        }
        // A lone surrogate stays, for serde_yaml to refuse with its place.
        assert_eq!(for_yaml(r#"{"d": "\ud800"}"#), r#"{"d": "\ud800"}"#);
    }
}
