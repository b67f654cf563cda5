//! Printing a diagnostic: rustc style with the YAML line and a caret, or one line.

use std::borrow::Cow;
use std::ops::Range;

use super::{Diagnostic, Position, Severity, Source};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc style: the message, then the offending YAML line with a caret under it.
    Human { color: bool },
    /// One line per problem (`file:line: message (at pointer)`), for CI logs and tools.
    Short,
}

/// How many characters of a line are shown before the caret, and in all, on a long line
/// (minified JSON is one line): enough to recognise the place, never the whole 8 MB.
const BEFORE: usize = 50;
const WIDTH: usize = 120;

/// Renders one diagnostic; `source` is its file's text, when it could be read.
///
/// The caret goes under the column the parser reported, or else under the content of the
/// line; the JSON pointer is the label, and without a line to show it follows the message.
pub fn render(d: &Diagnostic, source: Option<&Source>, format: Format) -> String {
    use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

    let color = match format {
        Format::Short => return d.to_string(),
        Format::Human { color } => color,
    };
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let path = d.file.display().to_string();
    let line = d.line.and_then(|n| Some((n, source?, source?.line(n)?)));
    let Some((number, source, text)) = line else {
        // Nothing to show: the message and where, on one line.
        let mut place = path;
        if let Some(line) = d.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                place.push_str(&format!(":{column}"));
            }
        }
        let title = match &d.pointer {
            Some(pointer) => format!("{} ({place}, at {pointer})", d.message),
            None => format!("{} ({place})", d.message),
        };
        let report = [annotate_snippets::Group::with_title(level.primary_title(title))];
        return renderer.render(&report).to_string();
    };
    let content = text.trim_end();
    // The caret's byte range in the line: at the parser's column (in characters), or else
    // under the line's content.
    let caret = match d.column {
        Some(column) => {
            let line_start = source.byte_of(Position { line: number, column: 1 }).unwrap_or(0);
            let at = source.byte_of(Position { line: number, column }).map_or(0, |b| b - line_start);
            let at = at.min(content.len());
            // A node found by its pointer: its key (or value) is underlined; a parser's
            // column gets a caret.
            let end = if d.pointer.is_some() { token_end(content, at) } else { at };
            at..content[end..].chars().next().map_or(end, |c| end + c.len_utf8())
        }
        None => content.len() - content.trim_start().len()..content.len(),
    };
    let (shown, span) = window(content, caret.clone());
    let cut = matches!(shown, Cow::Owned(_));
    let label = d.pointer.as_deref().map(|p| format!("at {p}")).unwrap_or_default();
    let mut snippet = Snippet::source(shown).line_start(number);
    if !cut {
        // annotate-snippets counts the column (in characters) from the line it is given.
        snippet = snippet.path(path.as_str());
    }
    let snippet = snippet.annotation(AnnotationKind::Primary.span(span).label(label.as_str()));
    let rendered = renderer.render(&[level.primary_title(d.message.as_str()).element(snippet)]).to_string();
    if !cut {
        return rendered;
    }
    // A cut line would give a wrong column: the place line is written here, as
    // annotate-snippets writes it (`-->` after the width of the line number).
    let column = d.column.unwrap_or_else(|| content[..caret.start].chars().count() + 1);
    let place = format!("{}--> {path}:{number}:{column}", " ".repeat(number.to_string().len()));
    match rendered.split_once('\n') {
        Some((title, rest)) => format!("{title}\n{place}\n{rest}"),
        None => format!("{rendered}\n{place}"),
    }
}

/// The byte offset of the last character of the YAML or JSON token (a key, a scalar)
/// that starts at `at`: through its closing quote when quoted, else up to a space, a flow
/// indicator or a `: `. At most [`WIDTH`] characters are looked at.
fn token_end(line: &str, at: usize) -> usize {
    let mut chars = line[at..].char_indices().take(WIDTH).peekable();
    let Some((_, first)) = chars.next() else { return at };
    let mut last = 0;
    if first == '"' || first == '\'' {
        let mut escaped = false;
        while let Some((i, c)) = chars.next() {
            last = i;
            if escaped {
                escaped = false;
            } else if c == '\\' && first == '"' {
                escaped = true;
            } else if c == first {
                if first == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                    continue;
                }
                break;
            }
        }
        return at + last;
    }
    while let Some((i, c)) = chars.next() {
        let ends = c.is_whitespace()
            || matches!(c, ',' | '[' | ']' | '{' | '}')
            || (c == ':' && chars.peek().is_none_or(|&(_, n)| n.is_whitespace()));
        if ends {
            break;
        }
        last = i;
    }
    at + last
}

/// The part of `line` shown around `caret` (a byte range in it): all of a short line; of a
/// long one (minified JSON is one line), [`WIDTH`] characters from [`BEFORE`] before the
/// caret, with `...` where cut. Returns the text and the caret's range in it. Only the
/// characters shown are looked at, so the cost does not grow with the line.
fn window(line: &str, caret: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let mut before = line[..caret.start].char_indices().rev();
    let from = before.by_ref().take(BEFORE).last().map_or(caret.start, |(i, _)| i);
    let cut_before = before.next().is_some();
    let to = line[from..].char_indices().nth(WIDTH).map_or(line.len(), |(i, _)| from + i);
    let cut_after = to < line.len();
    if !cut_before && !cut_after {
        return (Cow::Borrowed(line), caret);
    }
    let prefix = if cut_before { "..." } else { "" };
    let suffix = if cut_after { "..." } else { "" };
    let shift = |at: usize| at - from + prefix.len();
    let span = shift(caret.start)..shift(caret.end.clamp(caret.start, to));
    (Cow::Owned(format!("{prefix}{}{suffix}", &line[from..to])), span)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn diagnostic(line: Option<usize>, column: Option<usize>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: PathBuf::from("specs/x.yaml"),
            line,
            column,
            pointer: Some("/components/schemas/Foo/type".into()),
            message: "unknown type `strng`".into(),
        }
    }

    const SOURCE: &str = "openapi: 3.0.3\ncomponents:\n  schemas:\n    Foo:\n      type: strng\n";

    fn source(text: &str) -> Source {
        Source::new(text.to_owned())
    }

    #[test]
    fn human_format_shows_the_line_with_a_caret_under_its_content() {
        let text = render(&diagnostic(Some(5), None), Some(&source(SOURCE)), Format::Human { color: false });
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: unknown type `strng`");
        assert!(lines[1].ends_with("--> specs/x.yaml:5:7"), "{text}");
        let source_line = lines.iter().position(|l| l.ends_with("type: strng")).expect(&text);
        let caret = lines[source_line + 1];
        let column = |l: &str, pat: &str| l.find(pat).unwrap();
        assert_eq!(column(caret, "^"), column(lines[source_line], "type"), "{text}");
        assert!(caret.contains("^^^^^^^^^^^ at /components/schemas/Foo/type"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour when not asked");
    }

    #[test]
    fn a_parser_column_puts_the_caret_there() {
        let mut d = diagnostic(Some(5), Some(13));
        d.pointer = None;
        let text = render(&d, Some(&source(SOURCE)), Format::Human { color: false });
        assert!(text.contains("--> specs/x.yaml:5:13"), "{text}");
        assert!(text.lines().any(|l| l == format!("  | {}^", " ".repeat(12))), "{text}");
    }

    #[test]
    fn a_located_node_has_its_key_underlined() {
        let cases = [
            ("      type: strng", 7, "^^^^ at"),
            (r#"{"a": {"type": "strng"}}"#, 8, "^^^^^^ at"),
            ("{a: {'it''s': 1, b: 2}}", 6, "^^^^^^^ at"),
            ("  application/json: {}", 3, "^^^^^^^^^^^^^^^^ at"),
            ("- x", 3, "^ at"),
        ];
        for (line, column, underline) in cases {
            let text = render(&diagnostic(Some(1), Some(column)), Some(&source(line)), Format::Human { color: false });
            let caret = text.lines().find(|l| l.contains('^')).expect(&text);
            assert!(caret.contains(&format!("{}{underline}", " ".repeat(column))), "{line}:\n{text}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let mut d = diagnostic(Some(1), Some(15));
        d.pointer = None;
        let text = render(&d, Some(&source("description: ééé b: c")), Format::Human { color: false });
        assert!(text.lines().any(|l| l == format!("  | {}^", " ".repeat(14))), "{text}");
    }

    #[test]
    fn short_format_and_unlocated_problems_are_one_line() {
        let d = diagnostic(Some(5), None);
        assert_eq!(
            render(&d, Some(&source(SOURCE)), Format::Short),
            "error: specs/x.yaml:5: unknown type `strng` (at /components/schemas/Foo/type)"
        );
        let text = render(&diagnostic(None, None), None, Format::Human { color: true });
        assert!(text.contains("unknown type `strng` (specs/x.yaml, at /components/schemas/Foo/type)"), "{text}");
        assert!(text.contains('\u{1b}'), "colour when asked");
    }

    #[test]
    fn without_the_text_the_place_and_pointer_follow_the_message() {
        let text = render(&diagnostic(Some(5), Some(7)), None, Format::Human { color: false });
        assert_eq!(text, "error: unknown type `strng` (specs/x.yaml:5:7, at /components/schemas/Foo/type)");
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        // One line of 8 MB, as minified JSON is, with the problem in its middle.
        let line = format!("{{\"a\": \"{}\", \"type\": \"strng\", \"b\": \"{}\"}}", "x".repeat(4_000_000), "ü".repeat(2_000_000));
        let column = line[..line.find("\"type\"").unwrap()].chars().count() + 1;
        let text = render(&diagnostic(Some(1), Some(column)), Some(&source(&line)), Format::Human { color: false });
        assert!(text.len() < 600, "{} bytes:\n{}", text.len(), &text[..text.len().min(2000)]);
        assert!(text.contains(&format!("--> specs/x.yaml:1:{column}")), "{text}");
        let shown = text.lines().find(|l| l.contains("\"type\": \"strng\"")).expect(&text);
        assert!(shown.starts_with("1 | ...xxx") && shown.contains("xxx\", \"type"), "{shown:?}");
        assert!(shown.ends_with("ü..."), "{shown:?}");
        let caret = text.lines().find(|l| l.contains("^^^^^^ at /components")).expect(&text);
        assert_eq!(caret.find('^'), shown.find("\"type"), "{text}");

        // Unlocated in the line: its start is shown, not all of it.
        let text = render(&diagnostic(Some(1), None), Some(&source(&line)), Format::Human { color: false });
        assert!(text.len() < 600 && text.contains("--> specs/x.yaml:1:1"), "{}", &text[..text.len().min(2000)]);
    }
}
