//! Rustdoc from the spec's prose: lines that never turn into code blocks, bare URLs linked.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::docs::with_note;

// ----- documentation -------------------------------------------------------------------------

/// `#[doc]` attributes from spec text, or from `fallback` when the spec has none.
///
/// Lines are trimmed so that indentation in the spec never turns prose into a code block,
/// and fences without a language are marked `text`: rustdoc would compile them as Rust.
pub(super) fn docs(doc: Option<&str>, fallback: &str) -> TokenStream {
    let text = doc.filter(|d| !d.trim().is_empty()).unwrap_or(fallback);
    doc_lines(text)
        .into_iter()
        .map(|line| quote!(#[doc = #line]))
        .collect()
}

/// The spec's description, then a paragraph of ours (`note`); the note alone without one.
pub(super) fn docs_with_note(doc: Option<&str>, note: &str) -> TokenStream {
    docs(Some(&with_note(doc, note)), note)
}

pub(super) fn inner_docs(text: &str) -> TokenStream {
    doc_lines(text)
        .into_iter()
        .map(|line| quote!(#![doc = #line]))
        .collect()
}

fn doc_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    // Continuation lines of a list item stay indented under it (else rustdoc and clippy's
    // `doc_lazy_continuation` read them as a new paragraph).
    let mut item_indent: Option<usize> = None;
    let text = text.replace('\t', "    ");
    for raw in text.trim().lines() {
        // Inside a fence, indentation is the code's own: keep it.
        let trimmed = raw.trim();
        let line = if in_fence && !trimmed.starts_with("```") {
            raw.trim_end().to_owned()
        } else if trimmed.is_empty() || trimmed.starts_with("```") {
            // A fence starts at the margin, never under a list item.
            item_indent = None;
            trimmed.to_owned()
        } else if let Some(marker) = list_marker(trimmed) {
            item_indent = Some(marker);
            trimmed.to_owned()
        } else if let Some(indent) = item_indent {
            format!("{}{trimmed}", " ".repeat(indent))
        } else {
            trimmed.to_owned()
        };
        let line = line.as_str();
        let line = if line.starts_with("```") {
            in_fence = !in_fence;
            if in_fence && line == "```" {
                "```text".to_owned()
            } else {
                line.to_owned()
            }
        } else {
            line.to_owned()
        };
        let line = if in_fence { line } else { autolink(&line) };
        lines.push(if line.is_empty() { String::new() } else { format!(" {line}") });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// The width of a markdown list marker starting `line` (`- `, `* `, `1. `), if any.
fn list_marker(line: &str) -> Option<usize> {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

/// Wraps bare URLs in `<...>` so rustdoc links them instead of warning (`bare_urls`);
/// text in backticks is code and stays as it is.
fn autolink(line: &str) -> String {
    line.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 0 { autolink_prose(part) } else { part.to_owned() })
        .collect::<Vec<_>>()
        .join("`")
}

fn autolink_prose(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = next_url(rest) {
        let before = &rest[..start];
        let url_len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | ']' | '<'))
            .unwrap_or(rest.len() - start);
        let mut url = &rest[start..start + url_len];
        // A sentence's full stop or comma is not part of the URL.
        while url.ends_with(['.', ',', ';', ':']) {
            url = &url[..url.len() - 1];
        }
        out.push_str(before);
        let linked = before.ends_with('<') || before.ends_with("](");
        if linked {
            out.push_str(url);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
        }
        rest = &rest[start + url.len()..];
    }
    out.push_str(rest);
    out
}

/// Where the first `http://` or `https://` of `text` starts. One forward scan for `http`:
/// searching for each scheme separately would rescan the rest of a line after every URL
/// for the scheme it lacks, quadratic in a description of many URLs.
fn next_url(text: &str) -> Option<usize> {
    text.match_indices("http")
        .map(|(at, _)| at)
        .find(|&at| text[at + 4..].starts_with("://") || text[at + 4..].starts_with("s://"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_never_make_code_blocks_from_prose() {
        let lines = doc_lines("Title\n\n    indented prose\n```\nnot rust\n```");
        assert_eq!(lines, [" Title", "", " indented prose", " ```text", " not rust", " ```"]);
    }

    #[test]
    fn list_continuations_stay_under_their_item_and_tabs_become_spaces() {
        let lines = doc_lines("Intro\n- first item\n  wrapped\n10. tenth\nmore\n\nafter\ta");
        assert_eq!(
            lines,
            [" Intro", " - first item", "   wrapped", " 10. tenth", "     more", "", " after    a"]
        );
    }

    #[test]
    fn bare_urls_become_links() {
        assert_eq!(
            autolink("see Guide (https://docs.aws.amazon.com/x.html#a). Done"),
            "see Guide (<https://docs.aws.amazon.com/x.html#a>). Done"
        );
        assert_eq!(autolink("[a](https://x.y) <http://z>"), "[a](https://x.y) <http://z>");
        assert_eq!(autolink("`https://a.b/{x}` and https://c.d"), "`https://a.b/{x}` and <https://c.d>");
    }

    /// Both schemes mixed, and `http` that starts no URL, in the one scan that finds them.
    #[test]
    fn urls_of_either_scheme_are_found_in_order() {
        assert_eq!(
            autolink("https://a.b http://c.d httpx http:/e https://f.g."),
            "<https://a.b> <http://c.d> httpx http:/e <https://f.g>."
        );
        let many = (0..2_000).map(|i| format!("https://x.y/{i}")).collect::<Vec<_>>().join(" ");
        let linked = autolink(&many);
        assert_eq!(linked.matches('<').count(), 2_000);
        assert!(linked.ends_with("<https://x.y/1999>"));
    }
}
