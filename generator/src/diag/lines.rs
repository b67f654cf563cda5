//! A spec's text with an index of its lines, built once in one pass, so that every
//! diagnostic turns a position into a line and column (and back) in about constant time
//! instead of rescanning the text.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`: the line breaks of YAML 1.2 and JSON, and what
//! editors count. NEL, U+2028 and U+2029 are ordinary characters (YAML 1.1 counted them as
//! breaks, which shifted every later line). Columns count characters, as parsers and
//! editors do, not bytes.

/// Every how many characters a byte offset is kept, to turn a character position into a
/// byte offset by walking at most this many characters.
const STEP: usize = 256;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A spec's text and the index of its lines.
#[derive(Debug)]
pub struct Source {
    text: String,
    /// Byte offset of the start of each line.
    line_bytes: Vec<usize>,
    /// Character index of the start of each line.
    line_chars: Vec<usize>,
    /// Byte offset of every `STEP`th character.
    checkpoints: Vec<usize>,
}

impl Source {
    /// Indexes `text`, without its byte order mark (not content, and invisible in editors).
    pub fn new(mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let (mut line_bytes, mut line_chars, mut checkpoints) = (vec![0], vec![0], Vec::new());
        let bytes = text.as_bytes();
        for (chars, (at, c)) in text.char_indices().enumerate() {
            if chars % STEP == 0 {
                checkpoints.push(at);
            }
            let ends_line = c == '\n' || (c == '\r' && bytes.get(at + 1) != Some(&b'\n'));
            if ends_line {
                line_bytes.push(at + 1);
                line_chars.push(chars + 1);
            }
        }
        Self { text, line_bytes, line_chars, checkpoints }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_bytes.get(line.checked_sub(1)?)?;
        let end = self.line_bytes.get(line).copied().unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// The line and column of the character at `index` (0-based, in characters).
    pub fn position_of_char(&self, index: usize) -> Position {
        let line = self.line_chars.partition_point(|&start| start <= index);
        Position { line, column: index - self.line_chars[line - 1] + 1 }
    }

    /// The line and column of the byte offset `at` (rounded down to a character boundary).
    pub fn position_of_byte(&self, at: usize) -> Position {
        let at = at.min(self.text.len());
        // The nearest checkpoint before `at`, then at most STEP characters.
        let k = self.checkpoints.partition_point(|&b| b <= at).saturating_sub(1);
        let from = self.checkpoints.get(k).copied().unwrap_or(0);
        let chars = self.text[from..].char_indices().take_while(|&(i, _)| from + i < at).count();
        self.position_of_char(k * STEP + chars)
    }

    /// The byte offset of a 1-based line and column; a column past the line's end gives the
    /// line's end.
    pub fn byte_of(&self, position: Position) -> Option<usize> {
        let line = position.line.checked_sub(1)?;
        let start = *self.line_chars.get(line)?;
        let line_end = self.line_bytes[line] + self.line(position.line)?.len();
        let index = start + position.column.saturating_sub(1);
        let from = *self.checkpoints.get(index / STEP)?;
        let byte = self.text[from..]
            .char_indices()
            .nth(index % STEP)
            .map_or(self.text.len(), |(i, _)| from + i);
        Some(byte.min(line_end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr_only() {
        let source = Source::new("a\nb\r\nc\rd\u{2028}e\u{85}f\u{2029}g\n".to_owned());
        let lines: Vec<_> = (1..=5).map(|n| source.line(n)).collect();
        assert_eq!(lines, [Some("a"), Some("b"), Some("c"), Some("d\u{2028}e\u{85}f\u{2029}g"), Some("")]);
        assert_eq!(source.line(6), None);
        assert_eq!(source.position_of_char(7), at(4, 1), "d");
        assert_eq!(source.position_of_char(11), at(4, 5), "f, after two separators");
        assert_eq!(source.position_of_byte(source.text().find('f').unwrap()), at(4, 5));
    }

    #[test]
    fn a_byte_order_mark_is_not_text() {
        let source = Source::new("\u{feff}openapi: 3.0.3\n".to_owned());
        assert_eq!(source.text(), "openapi: 3.0.3\n");
        assert_eq!(source.line(1), Some("openapi: 3.0.3"));
    }

    #[test]
    fn positions_and_bytes_round_trip_on_long_lines_with_wide_characters() {
        let text = format!("x\n{}é{}\n", "a".repeat(1000), "ü".repeat(1000));
        let source = Source::new(text.clone());
        for column in [1, 255, 256, 257, 1000, 1001, 1002, 1500, 2001] {
            let byte = source.byte_of(at(2, column)).unwrap();
            assert_eq!(source.position_of_byte(byte), at(2, column), "column {column}");
            let expected: usize = text.lines().nth(1).unwrap().chars().take(column - 1).map(char::len_utf8).sum();
            assert_eq!(byte, 2 + expected, "column {column}");
        }
        // Past the end of the line: its end, not the next line.
        assert_eq!(source.byte_of(at(1, 9)), Some(1));
        assert_eq!(source.byte_of(at(9, 1)), None);
    }
}
