//! Printing a diagnostic: rustc style with the YAML line and a caret, or one line.

use super::{Diagnostic, Severity};

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc style: the message, then the offending YAML line with a caret under it.
    Human { color: bool },
    /// One line per problem (`file:line: message (at pointer)`), for CI logs and tools.
    Short,
}

/// Renders one diagnostic; `source` is the text of its file, when it could be read.
///
/// The caret goes under the column the YAML parser reported, or else under the content of
/// the line the JSON pointer was located at; the pointer itself is the label.
pub fn render(d: &Diagnostic, source: Option<&str>, format: Format) -> String {
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
    let line = d
        .line
        .and_then(|n| Some((n, source?.lines().nth(n.checked_sub(1)?)?)));
    let Some((number, text)) = line else {
        // Nothing to show: the message and where, on one line.
        let title = format!("{} ({path})", d.message);
        let report = [annotate_snippets::Group::with_title(level.primary_title(title))];
        return renderer.render(&report).to_string();
    };
    let content = text.trim_end();
    let indent = content.len() - content.trim_start().len();
    // The parser counts columns in characters; spans are byte offsets.
    let span = match d.column.map(|c| c.saturating_sub(1)) {
        Some(c) => match content.char_indices().nth(c) {
            Some((start, ch)) => start..start + ch.len_utf8(),
            None => content.len()..content.len(),
        },
        None => indent..content.len(),
    };
    let label = d.pointer.as_deref().map(|p| format!("at {p}")).unwrap_or_default();
    let report = [level.primary_title(d.message.as_str()).element(
        Snippet::source(content)
            .line_start(number)
            .path(path.as_str())
            .annotation(AnnotationKind::Primary.span(span).label(label.as_str())),
    )];
    renderer.render(&report).to_string()
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

    #[test]
    fn human_format_shows_the_line_with_a_caret_under_its_content() {
        let text = render(&diagnostic(Some(5), None), Some(SOURCE), Format::Human { color: false });
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
        let text = render(&diagnostic(Some(5), Some(13)), Some(SOURCE), Format::Human { color: false });
        assert!(text.contains("--> specs/x.yaml:5:13"), "{text}");
        assert!(text.contains(&format!("{}^ at", " ".repeat(12))), "{text}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let d = diagnostic(Some(1), Some(15));
        let text = render(&d, Some("description: ééé b: c"), Format::Human { color: false });
        assert!(text.contains(&format!("{}^ at", " ".repeat(14))), "{text}");
    }

    #[test]
    fn short_format_and_unlocated_problems_are_one_line() {
        let d = diagnostic(Some(5), None);
        assert_eq!(
            render(&d, Some(SOURCE), Format::Short),
            "error: specs/x.yaml:5: unknown type `strng` (at /components/schemas/Foo/type)"
        );
        let text = render(&diagnostic(None, None), None, Format::Human { color: true });
        assert!(text.contains("unknown type `strng` (specs/x.yaml)"), "{text}");
        assert!(text.contains('\u{1b}'), "colour when asked");
    }
}
